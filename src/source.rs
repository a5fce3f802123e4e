//! Where articles come from. Views never fetch: they get a [`Loaded`] collection from a
//! [`Source`]. The source is a feed file next to `index.html` (`feed.json`, or in an embed
//! with one district preset that district's `districts/<id>.json`), falling back to
//! collections the reader saved for offline use. A feed that fronts an archive (CONTRACT §5)
//! becomes a [`Collection::Archive`], which fetches the rest as it is needed.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bantin_core::archive::read::Archive;
use bantin_core::feed::{decode, Decoded, Skipped};
use bantin_core::query::Index;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::collection::{Collection, Remote};

/// GET `url`: its text and, for a copy the service worker cached, when that was fetched
/// (ms since the epoch; the worker sets `x-bantin-fetched-at`). The error says what failed,
/// for messages that name the file.
async fn get(url: &str) -> Result<(String, Option<f64>), String> {
    // The browser's own messages ("TypeError: Failed to fetch").
    let failed = |what: &str, e: JsValue| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.to_string())).or_else(|| e.as_string()).unwrap_or_default();
        format!("{url}: {what} ({why})")
    };
    let response: web_sys::Response =
        JsFuture::from(crate::browser::window().fetch_with_str(url)).await.map_err(|e| failed("network error", e))?.unchecked_into();
    if !response.ok() {
        return Err(format!("{url}: HTTP {} {}", response.status(), response.status_text()));
    }
    let fetched_at = response.headers().get("x-bantin-fetched-at").ok().flatten().and_then(|v| v.parse::<u64>().ok()).map(|ms| ms as f64);
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(e) => Err(e),
    };
    let text = text.map_err(|e| failed("could not read the response", e))?;
    Ok((text.as_string().unwrap_or_default(), fetched_at))
}

/// GET `url` as text; the error says what failed, for messages that name the file.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    get(url).await.map(|(text, _)| text)
}

/// `relative` resolved against the directory of `base` (both relative to the page).
fn resolve(base: &str, relative: &str) -> String {
    let mut parts: Vec<&str> = base.split('/').collect();
    parts.pop();
    for part in relative.split('/') {
        match part {
            ".." if parts.last().is_some_and(|p| !p.is_empty() && *p != "..") => {
                parts.pop();
            }
            "." => {}
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// A failure to load the whole feed, worded for the person reading.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    pub what: String,
}

/// A collection as loaded, with where it came from.
#[derive(Clone)]
pub struct Loaded {
    pub collection: Collection,
    /// Items of the feed file that could not be shown, and why.
    pub skipped: Vec<Skipped>,
    /// When this copy was fetched from the network (ms since the epoch), if it came from the
    /// service worker's cache; `None` means it is fresh.
    pub fetched_at: Option<f64>,
    /// The network and the feed cache failed; these are the reader's saved collections.
    pub from_saved: bool,
    /// The feed file was cut off: the message names it (its complete items are in).
    pub cut: Option<String>,
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
            let (text, fetched_at) = get(&url).await.map_err(|what| LoadError { what })?;
            let decoded = decode(&text).map_err(|e| LoadError { what: format!("{url}: {e}") })?;
            let skipped = decoded.skipped.clone();
            let cut = decoded.cut.as_ref().map(|why| format!("{url}: {why}"));
            let collection = match &decoded.archive {
                Some(pointer) => {
                    let manifest_url = resolve(&url, &pointer.archive);
                    match open_archive(&manifest_url, &decoded).await {
                        Ok(remote) => Collection::Archive(Arc::new(remote)),
                        // The feed's own items still show; the console says why no more.
                        Err(why) => {
                            crate::browser::warn(&format!("Bantin: the archive behind {url} could not be opened: {why}"));
                            Collection::Feed(Arc::new(Index::new(decoded.items)))
                        }
                    }
                }
                None => Collection::Feed(Arc::new(Index::new(decoded.items))),
            };
            Ok(Loaded { collection, skipped, fetched_at, from_saved: false, cut })
        })
    }
}

/// Fetch and read the manifest, and seed it with the feed's items (the newest of all, or of
/// one district, whose places the feed lists).
async fn open_archive(manifest_url: &str, front: &Decoded) -> Result<Remote, String> {
    let text = fetch_text(manifest_url).await?;
    let mut archive = Archive::new(&text).map_err(|why| format!("{manifest_url}: {why}"))?;
    // Seeding by position is only sound when every item of the feed was valid and the feed
    // belongs to this version of the archive.
    let agrees = front.archive.as_ref().is_some_and(|p| p.total == archive.total());
    if !agrees {
        crate::browser::warn(&format!("Bantin: {manifest_url} does not match the feed that points to it (totals differ); showing the archive"));
    }
    if front.skipped.is_empty() && agrees {
        let pointer = front.archive.as_ref();
        let ordinals = pointer.and_then(|p| p.ordinals.as_deref());
        let district = ordinals.and(front.items.first()).and_then(|i| i.bantin.district_id.as_deref());
        let topic_counts = pointer.and_then(|p| p.topic_counts.as_deref());
        archive.seed(&front.items, ordinals, district, topic_counts);
    }
    Ok(Remote::new(manifest_url, archive))
}

/// Everything the reader saved for offline use, merged (each id once); `None` when nothing is.
pub async fn saved_collections() -> Option<Decoded> {
    let saved = crate::offline::list().await;
    if saved.is_empty() {
        return None;
    }
    let mut merged = Decoded::default();
    let mut seen = std::collections::HashSet::new();
    for collection in saved {
        // A saved collection we wrote ourselves; if it is unreadable, skip it.
        let Ok(decoded) = decode(&collection.json) else { continue };
        merged.skipped.extend(decoded.skipped);
        merged.items.extend(decoded.items.into_iter().filter(|i| seen.insert(i.id.clone())));
    }
    Some(merged)
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
            let Some(merged) = saved_collections().await else { return Err(error) };
            let skipped = merged.skipped;
            let collection = Collection::Feed(Arc::new(Index::new(merged.items)));
            Ok(Loaded { collection, skipped, fetched_at: None, from_saved: true, cut: None })
        })
    }
}

/// The first source, or else the second (an embed's district feed, or else `feed.json`).
pub struct OrElse<A: Source, B: Source>(pub A, pub B);

impl<A: Source, B: Source> Source for OrElse<A, B> {
    fn load(&self) -> LoadFuture {
        let (first, second) = (self.0.load(), self.1.load());
        Box::pin(async move {
            match first.await {
                Ok(loaded) => Ok(loaded),
                Err(_) => second.await,
            }
        })
    }
}
