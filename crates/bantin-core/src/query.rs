//! The in-browser query engine: filter, search, facet counts and highlighting (CONTRACT §2).
//!
//! The index is built once per loaded feed; a query is then a linear scan with cheap checks
//! (each article's folded vocabulary is sorted, so a search term is a binary search).
//! Facet counts follow the usual faceted-search rule: a facet's counts apply every *other*
//! active filter, so picking one district never zeroes the other districts' counts.

use crate::date::{Day, Published};
use crate::feed::Item;
use crate::fold::{fold, folded_words};
use crate::rank::{idf, marked_terms, rank, Rank, TermMatch};

mod excerpt;
mod words;
pub use excerpt::{highlight, snippet};
use words::{Term, Words};

/// What the user asked for; the URL's query string in typed form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Free text; every whitespace-separated term must match (AND).
    pub text: String,
    /// `district_id`s; any of them (OR). Empty = no district filter.
    pub districts: Vec<String>,
    /// Topic slugs; any of them (OR). Empty = no topic filter.
    pub topics: Vec<String>,
    /// Inclusive bounds on the publication day.
    pub from: Option<Day>,
    pub to: Option<Day>,
    /// `sort=new`: newest first even when searching. (Otherwise a search is ranked by
    /// relevance, [`crate::rank`].)
    pub newest_first: bool,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms().is_empty() && self.districts.is_empty() && self.topics.is_empty() && self.from.is_none() && self.to.is_none()
    }

    /// Whether results come most relevant first (CONTRACT §2: `sort=rel`, the default when
    /// there is a term; without one, `rel` means `new`).
    pub fn ranked(&self) -> bool {
        !self.newest_first && !self.terms().is_empty()
    }

    /// Per term, its marked form if the reader typed marks ([`crate::rank::marked_terms`]).
    pub fn marked_terms(&self) -> Vec<Option<String>> {
        marked_terms(&self.text.replace(['"', '“', '”'], " "), &self.terms())
    }

    /// The folded search terms. A term such as `covid-19` is split into its words, each of
    /// which must match, because words are what the index holds.
    pub fn terms(&self) -> Vec<String> {
        folded_words(&self.text)
    }

    /// The phrases: text in double quotes (`"ban chấp hành"`, also “curly”), as folded words,
    /// when it has at least two (one word is just a term). Their words are terms too; a phrase
    /// adds that they follow one another in one field. An unclosed quote runs to the end, so
    /// a phrase being typed already narrows the list.
    pub fn phrases(&self) -> Vec<Vec<String>> {
        let mut phrases = Vec::new();
        for (i, part) in self.text.split(['"', '“', '”']).enumerate() {
            let words = folded_words(part);
            if i % 2 == 1 && words.len() >= 2 {
                phrases.push(words);
            }
        }
        phrases
    }
}

/// Whether `words` hold `phrase` as consecutive words, each starting with its term.
pub fn has_phrase<S: AsRef<str>>(words: &[S], phrase: &[String]) -> bool {
    words.windows(phrase.len()).any(|run| run.iter().zip(phrase).all(|(w, p)| w.as_ref().starts_with(p.as_str())))
}

/// One feed item with its parsed date. (Its words live in the [`Index`]: a card or an opened
/// article needs none.)
#[derive(Debug, Clone)]
pub struct Article {
    pub item: Item,
    pub published: Published,
}

impl Article {
    pub fn new(item: Item, published: Published) -> Article {
        Article { item, published }
    }

    /// True when one field (title, summary or body) holds `phrase` (folded words).
    pub fn has_phrase(&self, phrase: &[String]) -> bool {
        [&self.item.title, &self.item.summary, &self.item.content_text].iter().any(|field| {
            let folded = fold(field);
            has_phrase(&crate::fold::words(&folded), phrase)
        })
    }

    pub fn day(&self) -> Day {
        self.published.day
    }
}

/// A district as a facet: what the feed says about it, and how many results it would give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictFacet {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub province: String,
    pub province_2025: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// Every district in the feed, ordered by province then name.
    pub districts: Vec<DistrictFacet>,
    /// Every topic slug in the feed with its count, in the contract's order.
    pub topics: Vec<(String, usize)>,
}

/// The searchable collection: articles newest first, with their facet values resolved to
/// positions once, so counting a facet is an array increment.
#[derive(Debug, Clone, Default)]
pub struct Index {
    articles: Vec<Article>,
    /// Every district in the feed (count 0), ordered by province then name.
    districts: Vec<DistrictFacet>,
    /// Per article: its position in `districts`.
    article_district: Vec<Option<usize>>,
    /// Every topic slug in the feed, in the contract's order.
    topics: Vec<String>,
    /// Per article: positions in `topics`.
    article_topics: Vec<Vec<usize>>,
    /// Every article's words, for search and ranking.
    words: Words,
}

struct Checks {
    text: bool,
    district: bool,
    topic: bool,
    date: bool,
}

impl Checks {
    fn all(&self) -> bool {
        self.text && self.district && self.topic && self.date
    }
}

impl Index {
    /// Build from valid items (see [`crate::feed::decode`]); items whose date does not parse are
    /// left out (decode already rejected them). Order: newest first, then by id, so results are
    /// stable whatever order the feed (or its shards) arrived in.
    pub fn new(items: Vec<Item>) -> Index {
        let mut articles: Vec<Article> = items
            .into_iter()
            .filter_map(|item| Published::parse_rfc3339(&item.date_published).map(|p| Article::new(item, p)))
            .collect();
        crate::sort::sort_by(&mut articles, |a, b| b.published.cmp(&a.published).then_with(|| a.item.id.cmp(&b.item.id)));

        let districts = district_table(articles.iter().map(|a| &a.item));
        let topics = topic_table(articles.iter().map(|a| &a.item));
        let mut by_id: Vec<(&str, usize)> = districts.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        crate::sort::sort(&mut by_id);
        let article_district = articles
            .iter()
            .map(|a| {
                let id = a.item.bantin.district_id.as_deref()?;
                by_id.binary_search_by(|(d, _)| (*d).cmp(id)).ok().map(|at| by_id[at].1)
            })
            .collect();
        let article_topics = articles
            .iter()
            .map(|a| a.item.bantin.topics.iter().filter_map(|t| topics.iter().position(|x| x == t)).collect())
            .collect();
        let words = Words::new(articles.iter().map(|a| [a.item.title.as_str(), a.item.summary.as_str(), a.item.content_text.as_str()]));
        Index { articles, districts, article_district, topics, article_topics, words }
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    pub fn article(&self, position: usize) -> &Article {
        &self.articles[position]
    }

    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    pub fn position_of(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.item.id == id)
    }

    /// The newest publication day: "last 7 days" is relative to it, not to the clock, so an
    /// archive read years later still makes sense.
    pub fn newest_day(&self) -> Option<Day> {
        self.articles.first().map(Article::day)
    }

    /// The search terms, looked up once per query.
    fn lookups(&self, query: &Query) -> Vec<Term> {
        let terms = query.terms();
        let marked = query.marked_terms();
        terms.iter().zip(&marked).map(|(t, m)| self.words.term(t, m.as_deref())).collect()
    }

    fn checks(&self, position: usize, query: &Query, terms: &[Term], phrases: &[Vec<String>]) -> Checks {
        let article = &self.articles[position];
        let b = &article.item.bantin;
        let day = article.day();
        Checks {
            // Phrases are checked only when every word is there (folding a body is costly).
            text: terms.iter().all(|t| self.words.has(position, t)) && phrases.iter().all(|p| article.has_phrase(p)),
            district: query.districts.is_empty()
                || b.district_id.as_ref().is_some_and(|id| query.districts.iter().any(|d| d == id)),
            topic: query.topics.is_empty() || b.topics.iter().any(|t| query.topics.contains(t)),
            date: query.from.is_none_or(|from| day >= from) && query.to.is_none_or(|to| day <= to),
        }
    }

    /// Positions of the matching articles: most relevant first when the query is
    /// [`Query::ranked`], else newest first.
    pub fn search(&self, query: &Query) -> Vec<usize> {
        let terms = self.lookups(query);
        let phrases = query.phrases();
        // A term no word starts with: nothing matches (and no article need be looked at).
        if terms.iter().any(Words::is_absent) {
            return Vec::new();
        }
        if !query.ranked() {
            return (0..self.articles.len())
                .filter(|&i| {
                    let c = self.checks(i, query, &terms, &phrases);
                    c.text && c.district && c.topic && c.date
                })
                .collect();
        }
        // One pass: how each article matches each term gives both the matches and, over the
        // whole collection (as the archive's postings count them), each term's idf.
        let mut matching = vec![0usize; terms.len()];
        // The candidates' matches, `terms.len()` a candidate, in one buffer (no allocation
        // per article: a one-letter prefix makes every article a candidate).
        let mut how: Vec<TermMatch> = Vec::new();
        let mut candidates: Vec<u32> = Vec::new();
        for i in 0..self.articles.len() {
            let filters = self.checks(i, query, &[], &[]);
            if !filters.all() {
                // Outside the filters: only counted, for the idf (a cheaper check).
                for (term, count) in terms.iter().zip(matching.iter_mut()) {
                    *count += usize::from(self.words.has(i, term));
                }
                continue;
            }
            let start = how.len();
            for (term, count) in terms.iter().zip(matching.iter_mut()) {
                if let Some(found) = self.words.matches(i, term) {
                    *count += 1;
                    how.push(found);
                }
            }
            let all = how.len() - start == terms.len();
            if all && phrases.iter().all(|p| self.articles[i].has_phrase(p)) {
                candidates.push(i as u32);
            } else {
                how.truncate(start);
            }
        }
        let idfs: Vec<f64> = matching.iter().map(|&df| idf(self.len(), df)).collect();
        // Ranks as integers (scores are positive, so their bits order as they do), then
        // newest first, which is ascending position: integer comparisons sort ~2× faster.
        let mut ranked: Vec<(u64, u64, u32)> = candidates
            .iter()
            .zip(how.chunks_exact(terms.len()))
            .map(|(&i, matches)| {
                let Rank { marked, whole, score } = rank(matches, &idfs);
                (u64::from(marked) << 32 | u64::from(whole), score.to_bits(), i)
            })
            .collect();
        crate::sort::sort_by(&mut ranked, |a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.cmp(&b.2)));
        ranked.into_iter().map(|(_, _, i)| i as usize).collect()
    }

    /// Facet counts under `query`, each facet ignoring its own filter.
    pub fn facets(&self, query: &Query) -> Facets {
        let terms = self.lookups(query);
        let phrases = query.phrases();
        let mut districts = self.districts.clone();
        let mut topics: Vec<(String, usize)> = self.topics.iter().map(|t| (t.clone(), 0)).collect();
        for i in 0..self.articles.len() {
            let c = self.checks(i, query, &terms, &phrases);
            if let Some(d) = self.article_district[i] {
                districts[d].count += usize::from(c.text && c.topic && c.date);
            }
            for &t in &self.article_topics[i] {
                topics[t].1 += usize::from(c.text && c.district && c.date);
            }
        }
        Facets { districts, topics }
    }
}

/// Every district named by `items`, with count 0, ordered by province then name (the filter
/// panel's order; the archive numbers districts by it too). One row per id, even if items spell
/// its name or province differently (the first one wins).
pub fn district_table<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<DistrictFacet> {
    // Each row with its item's position, so that sorting by id keeps the first item's spelling.
    let mut districts: Vec<(String, String, DistrictFacet, usize)> = items
        .enumerate()
        .filter_map(|(position, item)| {
            let b = &item.bantin;
            let id = b.district_id.clone()?;
            let province = b.province.clone().unwrap_or_default();
            let name = b.district.clone().unwrap_or_else(|| id.clone());
            Some((fold(&province), fold(&name), DistrictFacet {
                id,
                name,
                kind: b.district_type.clone().unwrap_or_default(),
                province_2025: b.province_2025.clone().unwrap_or_else(|| province.clone()),
                province,
                count: 0,
            }, position))
        })
        .collect();
    crate::sort::sort_by(&mut districts, |a, b| (&a.2.id, a.3).cmp(&(&b.2.id, b.3)));
    districts.dedup_by(|a, b| a.2.id == b.2.id);
    crate::sort::sort_by(&mut districts, |a, b| (&a.0, &a.1, &a.2.id).cmp(&(&b.0, &b.1, &b.2.id)));
    districts.into_iter().map(|d| d.2).collect()
}

/// Every topic slug named by `items`: the contract's topics in its order, then any others.
pub fn topic_table<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<String> {
    let order = |slug: &str| crate::topics::TOPICS.iter().position(|t| t.slug == slug).unwrap_or(usize::MAX);
    let mut topics: Vec<String> = items.flat_map(|item| item.bantin.topics.iter().cloned()).collect();
    crate::sort::sort_by(&mut topics, |a, b| order(a).cmp(&order(b)).then_with(|| a.cmp(b)));
    topics.dedup();
    topics
}

#[cfg(test)]
mod tests;
