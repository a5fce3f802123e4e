//! Where articles come from. Views never fetch: they get a [`Decoded`] feed from a [`Source`].
//! Today the only source is one `feed.json` next to `index.html`; a sharded national archive
//! becomes another implementation of the same trait (fetching shards, merging their items),
//! without touching the views.

use std::future::Future;
use std::pin::Pin;

use bantin_core::feed::{decode, Decoded};

/// A failure to load the whole feed, worded for the person reading.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub what: String,
}

pub trait Source {
    fn load(&self) -> Pin<Box<dyn Future<Output = Result<Decoded, LoadError>>>>;
}

/// One JSON Feed file, fetched relative to the page (so any sub-path works).
pub struct FeedFile {
    pub url: String,
}

impl Default for FeedFile {
    fn default() -> Self {
        FeedFile { url: "feed.json".into() }
    }
}

impl Source for FeedFile {
    fn load(&self) -> Pin<Box<dyn Future<Output = Result<Decoded, LoadError>>>> {
        let url = self.url.clone();
        Box::pin(async move {
            let response = gloo_net::http::Request::get(&url)
                .send()
                .await
                .map_err(|e| LoadError { what: format!("{url}: network error ({e})") })?;
            if !response.ok() {
                return Err(LoadError { what: format!("{url}: HTTP {} {}", response.status(), response.status_text()) });
            }
            let text = response
                .text()
                .await
                .map_err(|e| LoadError { what: format!("{url}: could not read the response ({e})") })?;
            decode(&text).map_err(|e| LoadError { what: format!("{url}: {e}") })
        })
    }
}
