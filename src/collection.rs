//! What the views read: one whole feed, or an archive fetched a few files at a time, behind
//! one async interface. Views ask for a [`Page`] of results or an article and never learn
//! which it was; the archive's rules live in `bantin_core::archive::read`, the fetching here.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::Poll;

use bantin_core::archive::read::{Archive, Need};
use bantin_core::date::{Day, Published};
use bantin_core::query::{Article, Facets, Index, Query};

/// The results the list shows.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub total: usize,
    /// The first `shown` matches, newest first (cards: no body in an archive).
    pub cards: Vec<Article>,
    pub facets: Facets,
    /// Archive files that failed, each with what went wrong; the rest of the page is shown.
    pub missing: Vec<String>,
    /// Offline, with archive files out of reach: the page answers over the saved articles only.
    pub limited_to_saved: bool,
}

fn feed_page(index: &Index, query: &Query, shown: usize) -> Page {
    let results = index.search(query);
    Page {
        total: results.len(),
        cards: results.iter().take(shown).map(|&p| index.article(p).clone()).collect(),
        facets: index.facets(query),
        ..Page::default()
    }
}

#[derive(Clone)]
pub enum Collection {
    Feed(Arc<Index>),
    Archive(Arc<Remote>),
}

/// An archive and where its files are.
pub struct Remote {
    /// The manifest's directory, relative to the page (ends with `/`).
    base: String,
    archive: Mutex<Archive>,
    /// The saved articles, read once when an offline query first needs them.
    saved: Mutex<Option<Arc<Index>>>,
    total: usize,
    all: Facets,
    newest: Option<Day>,
}

/// Run `futures` concurrently; their outputs in order. The reader's rounds of fetches are a
/// few dozen at most, so polling every unfinished one on each wake-up is cheap, and smaller
/// in the wasm than `futures`' `join_all` (a `FuturesOrdered` beyond 30).
async fn join_all<F: Future>(futures: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut pending: Vec<Pin<Box<F>>> = futures.map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(move |cx| {
        let mut finished = true;
        for (output, future) in outputs.iter_mut().zip(&mut pending) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => finished = false,
                }
            }
        }
        if finished { Poll::Ready(outputs.drain(..).flatten().collect()) } else { Poll::Pending }
    })
    .await
}

fn to_article(item: bantin_core::feed::Item) -> Option<Article> {
    Published::parse_rfc3339(&item.date_published).map(|p| Article::new(item, p))
}

impl Remote {
    pub fn new(manifest_url: &str, archive: Archive) -> Remote {
        let base = manifest_url.rsplit_once('/').map(|(dir, _)| format!("{dir}/")).unwrap_or_default();
        Remote { base, total: archive.total(), all: archive.all_facets(), newest: archive.newest_day(), archive: Mutex::new(archive), saved: Mutex::new(None) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Archive> {
        // Single-threaded: never contended, and never held across an await.
        self.archive.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Fetch `needs` in parallel and hand each to the archive.
    async fn fetch(&self, needs: Vec<Need>) {
        let requests = needs.into_iter().map(|need| {
            let url = format!("{}{}", self.base, self.lock().path(need));
            async move { (need, crate::source::fetch_text(&url).await) }
        });
        for (need, result) in join_all(requests).await {
            let mut archive = self.lock();
            let outcome = match result {
                Ok(text) => archive.insert(need, &text),
                Err(why) => {
                    archive.fail(need, &why);
                    Err(why)
                }
            };
            if let Err(why) = outcome {
                crate::browser::warn(&format!("Bantin: {why}"));
            }
        }
    }

    /// Fetch until `missing` asks for nothing more (each file at most once: failures stick).
    async fn settle(&self, missing: impl Fn(&Archive) -> Vec<Need>) {
        for _ in 0..32 {
            let needs = missing(&self.lock());
            if needs.is_empty() {
                return;
            }
            self.fetch(needs).await;
        }
    }

    /// The saved articles as an index (empty when nothing is saved).
    async fn saved(&self) -> Arc<Index> {
        if let Some(index) = self.saved.lock().ok().and_then(|s| s.clone()) {
            return index;
        }
        let items = crate::source::saved_collections().await.map(|d| d.items).unwrap_or_default();
        let index = Arc::new(Index::new(items));
        if let Ok(mut slot) = self.saved.lock() {
            *slot = Some(index.clone());
        }
        index
    }

    /// The URLs of the first `limit` matches' full items (for saving offline).
    pub async fn body_urls(&self, query: &Query, limit: usize) -> Vec<String> {
        self.settle(|a| a.missing_places(query, limit)).await;
        self.lock().body_paths(query, limit).into_iter().map(|p| format!("{}{p}", self.base)).collect()
    }
}

impl Collection {
    pub fn total(&self) -> usize {
        match self {
            Collection::Feed(index) => index.len(),
            Collection::Archive(remote) => remote.total,
        }
    }

    /// Every district and topic, counted over everything.
    pub fn all_facets(&self) -> Facets {
        match self {
            Collection::Feed(index) => index.facets(&Query::default()),
            Collection::Archive(remote) => remote.all.clone(),
        }
    }

    pub fn newest_day(&self) -> Option<Day> {
        match self {
            Collection::Feed(index) => index.newest_day(),
            Collection::Archive(remote) => remote.newest,
        }
    }

    /// The matches of `query`: exact count, facet counts, and the first `shown` cards.
    pub async fn page(&self, query: Query, shown: usize) -> Page {
        match self {
            Collection::Feed(index) => feed_page(index, &query, shown),
            Collection::Archive(remote) => {
                remote.settle(|a| a.missing(&query, shown)).await;
                let answer = remote.lock().answer(&query, shown);
                // Offline and out of reach: answer over what the reader saved, and say so.
                if !answer.missing.is_empty() && !crate::offline::is_online() {
                    let saved = remote.saved().await;
                    if !saved.is_empty() {
                        return Page { limited_to_saved: true, ..feed_page(&saved, &query, shown) };
                    }
                }
                Page {
                    total: answer.total,
                    cards: answer.cards.into_iter().filter_map(to_article).collect(),
                    facets: answer.facets,
                    missing: answer.missing,
                    limited_to_saved: false,
                }
            }
        }
    }

    /// One article with its body; `Err` names the file that failed.
    pub async fn article(&self, id: String) -> Result<Option<Article>, String> {
        match self {
            Collection::Feed(index) => Ok(index.position_of(&id).map(|p| index.article(p).clone())),
            Collection::Archive(remote) => {
                remote.settle(|a| a.article_missing(&id)).await;
                let found = remote.lock().article(&id)?;
                Ok(found.map(|(item, published)| Article::new(item, published)))
            }
        }
    }
}
