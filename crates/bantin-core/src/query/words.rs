//! The in-memory index's words: one sorted dictionary of every folded word in the collection,
//! and per article the positions of its words in it (ascending), with their ranking weights
//! and the spellings it uses.
//!
//! Why a dictionary: a search term (a word prefix) becomes a range of dictionary positions
//! once per query, and checking an article is then a binary search over its small `u32`s.
//! Each article keeping its own sorted `String`s instead cost ~15 KB of heap an article (a
//! 10,000-article feed took 140 MB of wasm memory) and a cache miss per comparison.

use crate::rank::{carries, TermMatch};
use crate::terms::ArticleWords;

#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    /// Every distinct folded word, sorted.
    dictionary: Vec<String>,
    /// Per dictionary word, its spellings ([`crate::rank::mark_key`]) in the order first seen;
    /// empty when it is only ever written as itself.
    spellings: Vec<Vec<String>>,
    /// Per article: its words, their weights and spellings used (bit `i` = spelling `i`; bit
    /// 31 also stands for any beyond).
    articles: Vec<ArticleEntry>,
}

#[derive(Debug, Clone, Default)]
struct ArticleEntry {
    words: Vec<u32>,
    weights: Vec<u8>,
    spelled: Vec<u32>,
}

/// A query term looked up once: the dictionary range of the words it starts, the position of
/// the word that is the whole term, and per word of the range which spellings carry the
/// reader's marks.
pub(super) struct Term {
    from: u32,
    to: u32,
    whole: Option<u32>,
    wanted: Vec<u32>,
}

fn bit(i: usize) -> u32 {
    1 << i.min(31)
}

impl Words {
    /// The words of `fields` (each article's title, summary and body, in index order). Two
    /// passes, so that only one article's words are ever held as strings: the dictionary from
    /// the folded words, then each article's [`crate::terms::article_words`] as positions in it.
    pub(super) fn new<'a>(fields: impl Iterator<Item = [&'a str; 3]> + Clone) -> Words {
        let mut dictionary: Vec<String> = Vec::new();
        let mut compacted = 0;
        for [title, summary, body] in fields.clone() {
            for text in [title, summary, body] {
                let folded = crate::fold::fold(text);
                dictionary.extend(crate::fold::words(&folded).into_iter().map(str::to_owned));
            }
            // Sort away repeats whenever the list has grown well past its distinct words.
            if dictionary.len() > 2 * compacted + 65_536 {
                crate::sort::sort(&mut dictionary);
                dictionary.dedup();
                compacted = dictionary.len();
            }
        }
        crate::sort::sort(&mut dictionary);
        dictionary.dedup();
        let mut spellings: Vec<Vec<String>> = vec![Vec::new(); dictionary.len()];
        let articles = fields
            .map(|[title, summary, body]| crate::terms::article_words(title, summary, body))
            .map(|article: ArticleWords| {
                let mut entry = ArticleEntry::default();
                for word in article.words {
                    // Folding a text then splitting it gives the words of splitting then folding.
                    let found = dictionary.binary_search(&word.folded);
                    debug_assert!(found.is_ok(), "{:?} is in the dictionary", word.folded);
                    let Ok(id) = found else { continue };
                    let known = &mut spellings[id];
                    let plain = known.is_empty() && word.variants.len() == 1 && word.variants[0] == word.folded;
                    let mut mask = 0;
                    if plain {
                        mask = 1;
                    } else {
                        if known.is_empty() {
                            // Spelling 0 is the word itself until it is seen otherwise.
                            known.push(word.folded.clone());
                        }
                        for variant in word.variants {
                            let at = known.iter().position(|k| *k == variant).unwrap_or_else(|| {
                                known.push(variant);
                                known.len() - 1
                            });
                            mask |= bit(at);
                        }
                    }
                    entry.words.push(id as u32);
                    entry.weights.push(word.weight);
                    entry.spelled.push(mask);
                }
                entry
            })
            .collect();
        Words { dictionary, spellings, articles }
    }

    /// Look `term` up (folded; `marked`: as typed, if with marks).
    pub(super) fn term(&self, term: &str, marked: Option<&str>) -> Term {
        let from = self.dictionary.partition_point(|w| w.as_str() < term);
        let to = from + self.dictionary[from..].partition_point(|w| w.starts_with(term));
        let whole = self.dictionary.get(from).filter(|w| *w == term).map(|_| from as u32);
        let wanted = (from..to)
            .map(|id| match self.spellings[id].as_slice() {
                [] => u32::from(carries(&self.dictionary[id], marked)),
                known => known.iter().enumerate().filter(|(_, v)| carries(v, marked)).fold(0, |bits, (i, _)| bits | bit(i)),
            })
            .collect();
        Term { from: from as u32, to: to as u32, whole, wanted }
    }

    /// Whether the term matches nothing in the collection.
    pub(super) fn is_absent(term: &Term) -> bool {
        term.from == term.to
    }

    /// How article `position` matches `term`, if at all.
    pub(super) fn matches(&self, position: usize, term: &Term) -> Option<TermMatch> {
        let article = &self.articles[position];
        let start = article.words.partition_point(|&w| w < term.from);
        let mut found: Option<TermMatch> = None;
        for j in start..article.words.len() {
            let id = article.words[j];
            if id >= term.to {
                break;
            }
            let this = TermMatch {
                weight: article.weights[j],
                whole: term.whole == Some(id),
                marked: article.spelled[j] & term.wanted[(id - term.from) as usize] != 0,
            };
            found = Some(found.map_or(this, |f| f.merge(this)));
        }
        found
    }

    /// Whether article `position` has a word in the term's range.
    pub(super) fn has(&self, position: usize, term: &Term) -> bool {
        let words = &self.articles[position].words;
        let start = words.partition_point(|&w| w < term.from);
        words.get(start).is_some_and(|&w| w < term.to)
    }
}
