//! What the views read: one whole feed, or an archive fetched a few files at a time, behind
//! one async interface. Views ask for a [`Page`] of results or an article and never learn
//! which it was; the archive's rules live in `bantin_core::archive::read`, the fetching here.

use std::sync::{Arc, Mutex};

use bantin_core::archive::path;
use bantin_core::archive::read::{Archive, Need};
use bantin_core::date::{Day, Published};
use bantin_core::query::{Article, Facets, Index, Query};

/// The results the list shows.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub total: usize,
    /// The first `shown` matches in the query's order (cards: in an archive, no body, but
    /// for a ranked search the body of a card whose title does not match, for its snippet).
    pub cards: Vec<Article>,
    /// The folded terms the cards matched (those of `reading`, if set): what to highlight.
    pub terms: Vec<String>,
    /// The query matched nothing as typed, and this is its reading as Telex or VNI typing,
    /// whose results are shown (CONTRACT §2).
    pub reading: Option<String>,
    /// Nothing matched: the text without the word that excludes everything (the one whose
    /// removal gives the most results), that word, and the results it would give.
    pub suggestion: Option<(String, String, usize)>,
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
        let urls: Vec<String> = needs
            .iter()
            // District feeds are beside `feed.json`, which is beside the page (CONTRACT §2, §5).
            .map(|&need| format!("{}{}", if need.beside_feed() { "" } else { &self.base }, self.lock().path(need)))
            .collect();
        // Each file is decoded and dropped before the next is taken from JS.
        crate::source::get_each(&urls, &mut |i, result| {
            let mut archive = self.lock();
            let outcome = match result {
                Ok((text, _)) => archive.insert(needs[i], &text),
                Err(why) => {
                    archive.fail(needs[i], &why);
                    Err(why)
                }
            };
            if let Err(why) = outcome {
                crate::browser::warn(&format!("Bantin: {why}"));
            }
        })
        .await;
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

    /// Fetch the articles `ids` (their own files, beside `feed.json`) in parallel into the
    /// archive; what failed, by id, names the file and why.
    async fn fetch_articles(&self, ids: &[String]) -> Vec<(String, String)> {
        let urls: Vec<String> = ids.iter().map(|id| path::article(id)).collect();
        let mut failed = Vec::new();
        crate::source::get_each(&urls, &mut |i, result| {
            if let Err(why) = result.and_then(|(text, _)| self.lock().insert_article(&ids[i], &text).map_err(|why| format!("{}: {why}", urls[i]))) {
                crate::browser::warn(&format!("Bantin: {why}"));
                failed.push((ids[i].clone(), why));
            }
        })
        .await;
        failed
    }

    /// Cards whose title does not show the match get their body, for a snippet of it (ranked
    /// results put title matches first, so these are few). A body that fails leaves the card
    /// as it is.
    async fn with_snippet_bodies(&self, cards: &mut [Article], terms: &[String]) {
        let untitled: Vec<String> = cards
            .iter()
            .filter(|a| a.item.content_text.is_empty() && !bantin_core::query::highlight(&a.item.title, terms).iter().any(|run| run.1))
            .map(|a| a.item.id.clone())
            .filter(|id| self.lock().article(id).is_none())
            .collect();
        self.fetch_articles(&untitled).await;
        let archive = self.lock();
        for card in cards.iter_mut().filter(|c| c.item.content_text.is_empty()) {
            if let Some((item, _)) = archive.article(&card.item.id) {
                card.item.content_text = item.content_text;
            }
        }
    }

    /// The URLs of the first `limit` matches' whole items (for saving offline).
    pub async fn body_urls(&self, query: &Query, limit: usize) -> Vec<String> {
        self.settle(|a| a.missing(query, limit)).await;
        self.lock().article_paths(query, limit)
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

    /// The matches of `query`: exact count, facet counts, and the first `shown` cards. A
    /// search that matches nothing is retried as Telex, then VNI typing (unless `literal`);
    /// failing that, the page suggests the word to drop.
    pub async fn page(&self, query: Query, shown: usize, literal: bool) -> Page {
        let mut page = self.matches(&query, shown).await;
        page.terms = query.terms();
        if page.total > 0 || page.terms.is_empty() {
            return page;
        }
        if !literal {
            for (_, text) in bantin_core::typing::retries(&query.text) {
                let retried = Query { text, ..query.clone() };
                let mut reading = self.matches(&retried, shown).await;
                if reading.total > 0 {
                    reading.terms = retried.terms();
                    reading.reading = Some(retried.text);
                    return reading;
                }
            }
        }
        let words: Vec<&str> = query.text.split_whitespace().collect();
        for (i, word) in words.iter().enumerate() {
            let rest: Vec<&str> = words.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, w)| *w).collect();
            let text = rest.join(" ");
            let count = self.matches(&Query { text: text.clone(), ..query.clone() }, 0).await.total;
            if count > page.suggestion.as_ref().map_or(0, |s| s.2) {
                page.suggestion = Some((text, word.to_string(), count));
            }
        }
        page
    }

    async fn matches(&self, query: &Query, shown: usize) -> Page {
        let query = query.clone();
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
                let mut cards: Vec<Article> = answer.cards.into_iter().filter_map(to_article).collect();
                if query.ranked() {
                    remote.with_snippet_bodies(&mut cards, &query.terms()).await;
                }
                Page { total: answer.total, cards, facets: answer.facets, missing: answer.missing, ..Page::default() }
            }
        }
    }

    /// One article with its body; `Err` names the file that failed.
    pub async fn article(&self, id: String) -> Result<Option<Article>, String> {
        match self {
            Collection::Feed(index) => Ok(index.position_of(&id).map(|p| index.article(p).clone())),
            Collection::Archive(remote) => {
                if remote.lock().article(&id).is_none() {
                    // No file for the id: no such article (a link from an older archive, a typo).
                    match remote.fetch_articles(std::slice::from_ref(&id)).await.pop() {
                        Some((_, why)) if why.contains(": HTTP 404") => return Ok(None),
                        Some((_, why)) => return Err(why),
                        None => {}
                    }
                }
                Ok(remote.lock().article(&id).map(|(item, published)| Article::new(item, published)))
            }
        }
    }
}
