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

/// GET `urls` at once (`pwa.js`'s `fetchAll`), handing each answer to `each` (with its index)
/// as soon as it is in wasm memory: its text and, for a copy the service worker cached, when
/// that was fetched (ms since the epoch; the worker sets `x-bantin-fetched-at`); or what
/// failed, naming the URL, for messages that name the file. One text is in wasm memory at a
/// time, not every file of a search at once (a common word's chunks are
/// tens of megabytes as text at 1,000,000 articles, and wasm memory never shrinks).
pub async fn get_each(urls: &[String], each: &mut dyn FnMut(usize, Result<(String, Option<f64>), String>)) {
    let list: js_sys::Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
    let results = match crate::offline::call("fetchAll", &[list.into()]) {
        Some(promise) => JsFuture::from(promise).await.ok(),
        None => None,
    };
    let Some(results) = results else {
        for (i, url) in urls.iter().enumerate() {
            each(i, Err(format!("{url}: the page's pwa.js is missing")));
        }
        return;
    };
    for (i, pair) in js_sys::Array::from(&results).iter().enumerate() {
        let pair = js_sys::Array::from(&pair);
        let (first, second) = (pair.get(0), pair.get(1));
        each(i, match first.dyn_into::<js_sys::Uint8Array>() {
            Ok(bytes) => {
                // Copied once, at its exact size; read as `response.text()` would (invalid
                // UTF-8 becomes U+FFFD, for the decoders to refuse or show).
                let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                Ok((text, second.as_string().and_then(|v| v.parse::<u64>().ok()).map(|ms| ms as f64)))
            }
            Err(_) => Err(second.as_string().unwrap_or_default()),
        });
    }
}

async fn get(url: &str) -> Result<(String, Option<f64>), String> {
    let mut answer = Err(format!("{url}: no answer"));
    get_each(&[url.to_owned()], &mut |_, result| answer = result).await;
    answer
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
    /// Only the article a link named ([`ArticleFirst`]): the list needs the whole source.
    pub partial: bool,
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
            Ok(Loaded { collection, skipped, fetched_at, from_saved: false, cut, partial: false })
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
    for collection in saved {
        // A saved collection we wrote ourselves; if it is unreadable, skip it.
        let Ok(decoded) = decode(&collection.json) else { continue };
        merged.skipped.extend(decoded.skipped);
        merged.items.extend(decoded.items);
    }
    let ids: Vec<&str> = merged.items.iter().map(|i| i.id.as_str()).collect();
    let mut firsts = bantin_core::sort::firsts(&ids).into_iter();
    merged.items.retain(|_| firsts.next().unwrap_or(false));
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
            Ok(Loaded { collection, skipped, fetched_at: None, from_saved: true, cut: None, partial: false })
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

/// A link to one article (`?article=<id>`, the way most readers arrive: a shared link) reads
/// that article's own file (`articles/…/<id>.json`, beside `feed.json`: CONTRACT §5's
/// archive writes one per article) and nothing else, so it shows after one small request;
/// the list's source loads when the reader goes to the list. A feed without such files (a
/// bare feed, an article it does not have, offline and never seen) falls back to `then`.
pub struct ArticleFirst(pub String, pub Arc<dyn Source + Send + Sync>);

impl Source for ArticleFirst {
    fn load(&self) -> LoadFuture {
        let (id, then) = (self.0.clone(), self.1.clone());
        Box::pin(async move {
            let found = get(&bantin_core::archive::path::article(&id)).await;
            match found.and_then(|(text, fetched_at)| bantin_core::archive::read::read_article(&id, &text).map(|item| (item, fetched_at))) {
                Ok((item, fetched_at)) => {
                    let collection = Collection::Feed(Arc::new(Index::new(vec![item])));
                    Ok(Loaded { collection, skipped: Vec::new(), fetched_at, from_saved: false, cut: None, partial: true })
                }
                Err(_) => then.load().await,
            }
        })
    }
}
