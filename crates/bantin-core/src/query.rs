//! The in-browser query engine: filter, search, facet counts and highlighting (CONTRACT §2).
//!
//! The index is built once per loaded feed. A query reads its terms' postings once (each term
//! a dictionary range, its postings one slice: [`words`]), then one pass over the articles
//! applies the filters, which are resolved to table positions first (no string compares).
//! Facet counts follow the usual faceted-search rule: a facet's counts apply every *other*
//! active filter, so picking one district never zeroes the other districts' counts.

use crate::date::{Day, Published};
use crate::feed::Item;
use crate::fold::{fold, folded_words};
use crate::rank::{idf, marked_terms, rank, Rank, TermMatch};

mod excerpt;
mod words;
pub use excerpt::{highlight, snippet};
use words::{Matches, Term, Words};

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

/// The query's district, topic and date filters, resolved to the index's tables.
struct Filters {
    /// Per row of `districts`, whether it is asked for; `None`: no district filter.
    districts: Option<Vec<bool>>,
    topics: Option<Vec<bool>>,
    from: Option<Day>,
    to: Option<Day>,
}

/// Which filters article passes (each facet's counts ignore its own).
struct Passes {
    district: bool,
    topic: bool,
    date: bool,
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

    /// How every article matches each search term, or `None` when a term matches nothing
    /// (then no article need be looked at).
    fn term_matches(&self, query: &Query) -> Option<Vec<Matches>> {
        let terms = query.terms();
        let marked = query.marked_terms();
        let lookups: Vec<Term> = terms.iter().zip(&marked).map(|(t, m)| self.words.term(t, m.as_deref())).collect();
        if lookups.iter().any(Words::is_absent) {
            return None;
        }
        Some(lookups.iter().map(|term| self.words.matches(term, self.len())).collect())
    }

    fn filters(&self, query: &Query) -> Filters {
        Filters {
            districts: (!query.districts.is_empty()).then(|| self.districts.iter().map(|d| query.districts.contains(&d.id)).collect()),
            topics: (!query.topics.is_empty()).then(|| self.topics.iter().map(|t| query.topics.contains(t)).collect()),
            from: query.from,
            to: query.to,
        }
    }

    fn passes(&self, position: usize, filters: &Filters) -> Passes {
        let day = self.articles[position].day();
        Passes {
            district: filters.districts.as_ref().is_none_or(|wanted| self.article_district[position].is_some_and(|d| wanted[d])),
            topic: filters.topics.as_ref().is_none_or(|wanted| self.article_topics[position].iter().any(|&t| wanted[t])),
            date: filters.from.is_none_or(|from| day >= from) && filters.to.is_none_or(|to| day <= to),
        }
    }

    /// Whether article `position` has every term and phrase. Phrases are checked only when
    /// every word is there (folding a body is costly).
    fn has_text(&self, position: usize, terms: &[Matches], phrases: &[Vec<String>]) -> bool {
        terms.iter().all(|m| m.has(position)) && phrases.iter().all(|p| self.articles[position].has_phrase(p))
    }

    /// Positions of the matching articles: most relevant first when the query is
    /// [`Query::ranked`], else newest first.
    pub fn search(&self, query: &Query) -> Vec<usize> {
        let Some(terms) = self.term_matches(query) else { return Vec::new() };
        let phrases = query.phrases();
        let filters = self.filters(query);
        let selected: Vec<usize> = (0..self.articles.len())
            .filter(|&i| {
                let passes = self.passes(i, &filters);
                passes.district && passes.topic && passes.date && self.has_text(i, &terms, &phrases)
            })
            .collect();
        if !query.ranked() {
            return selected;
        }
        // Each term's idf counts its matches over the whole collection, as the archive's
        // postings do.
        let idfs: Vec<f64> = terms.iter().map(|m| idf(self.len(), m.count)).collect();
        let mut how: Vec<TermMatch> = Vec::with_capacity(terms.len());
        // Ranks as integers (scores are positive, so their bits order as they do), sorted
        // stably: the selection is in ascending position, which is newest first.
        // One term (a first keystroke): its idf is a positive constant, so (marked, whole,
        // weight) orders as the rank does, in ten bits: one radix pass instead of six.
        let one_term = terms.len() == 1;
        let mut ranked: Vec<([u64; 2], u32)> = selected
            .into_iter()
            .map(|i| {
                how.clear();
                how.extend(terms.iter().map(|m| m.get(i)));
                if one_term {
                    let m = how[0];
                    return ([0, u64::from(m.marked) << 9 | u64::from(m.whole) << 8 | u64::from(m.weight)], i as u32);
                }
                let Rank { marked, whole, score } = rank(&how, &idfs);
                ([u64::from(marked) << 32 | u64::from(whole), score.to_bits()], i as u32)
            })
            .collect();
        crate::sort::radix_descending(&mut ranked);
        ranked.into_iter().map(|(_, i)| i as usize).collect()
    }

    /// Facet counts under `query`, each facet ignoring its own filter.
    pub fn facets(&self, query: &Query) -> Facets {
        let mut districts = self.districts.clone();
        let mut topics: Vec<(String, usize)> = self.topics.iter().map(|t| (t.clone(), 0)).collect();
        let Some(terms) = self.term_matches(query) else { return Facets { districts, topics } };
        let phrases = query.phrases();
        let filters = self.filters(query);
        for i in 0..self.articles.len() {
            let passes = self.passes(i, &filters);
            if !(passes.date && (passes.topic || passes.district) && self.has_text(i, &terms, &phrases)) {
                continue;
            }
            if let Some(d) = self.article_district[i] {
                districts[d].count += usize::from(passes.topic);
            }
            for &t in &self.article_topics[i] {
                topics[t].1 += usize::from(passes.district);
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
#[cfg(test)]
mod heads;
