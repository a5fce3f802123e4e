//! Where articles come from. Views never fetch: they get a [`Loaded`] feed from a [`Source`].
//! Today the source is one `feed.json` next to `index.html`, falling back to collections the
//! reader saved for offline use; a sharded national archive becomes another implementation of
//! the same trait (fetching shards, merging their items) without touching the views.

use std::future::Future;
use std::pin::Pin;

use bantin_core::feed::{decode, Decoded};

/// A failure to load the whole feed, worded for the person reading.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub what: String,
}

/// A feed as loaded, with where it came from.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub decoded: Decoded,
    /// When this copy was fetched from the network (ms since the epoch), if it came from the
    /// service worker's cache; `None` means it is fresh.
    pub fetched_at: Option<f64>,
    /// The network and the feed cache failed; these are the reader's saved collections.
    pub from_saved: bool,
}

pub type LoadFuture = Pin<Box<dyn Future<Output = Result<Loaded, LoadError>>>>;

pub trait Source {
    fn load(&self) -> LoadFuture;
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
    fn load(&self) -> LoadFuture {
        let url = self.url.clone();
        Box::pin(async move {
            let response = gloo_net::http::Request::get(&url)
                .send()
                .await
                .map_err(|e| LoadError { what: format!("{url}: network error ({e})") })?;
            if !response.ok() {
                return Err(LoadError { what: format!("{url}: HTTP {} {}", response.status(), response.status_text()) });
            }
            // Set by the service worker on the copies it caches.
            let fetched_at = response.headers().get("x-bantin-fetched-at").and_then(|v| v.parse::<u64>().ok()).map(|ms| ms as f64);
            let text = response
                .text()
                .await
                .map_err(|e| LoadError { what: format!("{url}: could not read the response ({e})") })?;
            let decoded = decode(&text).map_err(|e| LoadError { what: format!("{url}: {e}") })?;
            Ok(Loaded { decoded, fetched_at, from_saved: false })
        })
    }
}

/// The feed, or else everything the reader saved for offline use, merged.
pub struct WithSaved<S: Source>(pub S);

impl<S: Source> Source for WithSaved<S> {
    fn load(&self) -> LoadFuture {
        let primary = self.0.load();
        Box::pin(async move {
            let error = match primary.await {
                Ok(loaded) => return Ok(loaded),
                Err(error) => error,
            };
            let saved = crate::offline::list().await;
            if saved.is_empty() {
                return Err(error);
            }
            let mut merged = Decoded::default();
            let mut seen = std::collections::HashSet::new();
            for collection in saved {
                // A saved collection we wrote ourselves; if it is unreadable, skip it.
                let Ok(decoded) = decode(&collection.json) else { continue };
                merged.skipped.extend(decoded.skipped);
                merged.items.extend(decoded.items.into_iter().filter(|i| seen.insert(i.id.clone())));
            }
            Ok(Loaded { decoded: merged, fetched_at: None, from_saved: true })
        })
    }
}
