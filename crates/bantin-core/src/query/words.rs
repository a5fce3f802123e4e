//! The in-memory index's words: one sorted dictionary of every folded word in the collection,
//! and per word its postings (the articles that have it, ascending, with the article's ranking
//! weight for it and the spellings it uses), laid out in dictionary order in flat arrays.
//!
//! Why inverted, and flat: a search term is a word prefix, so its words are one dictionary
//! range and, postings being in dictionary order, its postings are one contiguous slice. A
//! query then reads only its terms' postings, front to back, instead of visiting every
//! article (a per-article word list cost a binary search and a few cache misses per article
//! and term: 30–80 ms at 100,000 articles whatever the query). One `Vec` per article or word
//! instead of flat arrays also cost ~15 KB of heap an article in allocation overhead.

use crate::rank::{carries, TermMatch};
use crate::terms::ArticleWords;

#[derive(Debug, Clone, Default)]
pub(super) struct Words {
    /// Every distinct folded word, sorted.
    dictionary: Vec<String>,
    /// Per dictionary word, its spellings ([`crate::rank::mark_key`]) in the order first seen;
    /// empty when it is only ever written as itself.
    spellings: Vec<Vec<String>>,
    /// Per dictionary word `w`, its postings are `starts[w]..starts[w + 1]` of the arrays below.
    starts: Vec<u32>,
    /// Postings: the article's position, its weight for the word, the spellings it uses (bit
    /// `i` = spelling `i`; bit 31 also stands for any beyond).
    articles: Vec<u32>,
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

/// How each article matches one term: per article position, a [`TermMatch`] packed in a
/// `u16` (0 = no match), and how many articles match.
pub(super) struct Matches {
    packed: Vec<u16>,
    pub(super) count: usize,
}

const PRESENT: u16 = 1 << 10;
const WHOLE: u16 = 1 << 9;
const MARKED: u16 = 1 << 8;

impl Matches {
    pub(super) fn has(&self, position: usize) -> bool {
        self.packed[position] != 0
    }

    pub(super) fn get(&self, position: usize) -> TermMatch {
        let packed = self.packed[position];
        TermMatch { weight: packed as u8, whole: packed & WHOLE != 0, marked: packed & MARKED != 0 }
    }
}

fn bit(i: usize) -> u32 {
    1 << i.min(31)
}

impl Words {
    /// The words of `fields` (each article's title, summary and body, in index order). Two
    /// passes, so that only one article's words are ever held as strings: the dictionary with
    /// each word's article count (so every word's postings get their place at once), then each
    /// article's [`crate::terms::article_words`] written into those places.
    pub(super) fn new<'a>(fields: impl Iterator<Item = [&'a str; 3]> + Clone) -> Words {
        let counted = dictionary(fields.clone());
        let mut starts = Vec::with_capacity(counted.len() + 1);
        let mut total = 0u32;
        for (_, count) in &counted {
            starts.push(total);
            total += count;
        }
        starts.push(total);
        let dictionary: Vec<String> = counted.into_iter().map(|(word, _)| word).collect();
        let mut spellings: Vec<Vec<String>> = vec![Vec::new(); dictionary.len()];
        let mut filled: Vec<u32> = starts[..dictionary.len()].to_vec();
        let (mut articles, mut weights, mut spelled) = (vec![0; total as usize], vec![0; total as usize], vec![0; total as usize]);
        for (position, [title, summary, body]) in fields.enumerate() {
            let article: ArticleWords = crate::terms::article_words(title, summary, body);
            for word in article.words {
                // Folding a text then splitting it gives the words of splitting then folding,
                // so every word was counted for this article in the first pass.
                let found = dictionary.binary_search(&word.folded);
                debug_assert!(found.is_ok(), "{:?} is in the dictionary", word.folded);
                let Ok(id) = found else { continue };
                let at = filled[id] as usize;
                debug_assert!(at < starts[id + 1] as usize, "{:?} counted once per article", word.folded);
                if at >= starts[id + 1] as usize {
                    continue;
                }
                filled[id] += 1;
                articles[at] = position as u32;
                weights[at] = word.weight;
                spelled[at] = spelling_mask(&mut spellings[id], &word.folded, word.variants);
            }
        }
        let mut words = Words { dictionary, spellings, starts, articles, weights, spelled };
        words.close_gaps(&filled);
        words
    }

    /// Moves postings down over any place the first pass counted and the second did not fill
    /// (none, while the two passes agree on an article's words).
    fn close_gaps(&mut self, filled: &[u32]) {
        let mut to = 0usize;
        for id in 0..self.dictionary.len() {
            let (from, end) = (self.starts[id] as usize, filled[id] as usize);
            self.starts[id] = to as u32;
            for at in from..end {
                self.articles[to] = self.articles[at];
                self.weights[to] = self.weights[at];
                self.spelled[to] = self.spelled[at];
                to += 1;
            }
        }
        self.starts[self.dictionary.len()] = to as u32;
        self.articles.truncate(to);
        self.weights.truncate(to);
        self.spelled.truncate(to);
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

    /// How every one of the `count` articles matches `term`: its postings, read once.
    pub(super) fn matches(&self, term: &Term, count: usize) -> Matches {
        let mut matches = Matches { packed: vec![0; count], count: 0 };
        for id in term.from..term.to {
            let whole = if term.whole == Some(id) { WHOLE } else { 0 };
            let wanted = term.wanted[(id - term.from) as usize];
            let range = self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize;
            for at in range {
                let marked = if self.spelled[at] & wanted != 0 { MARKED } else { 0 };
                let slot = &mut matches.packed[self.articles[at] as usize];
                matches.count += usize::from(*slot == 0);
                let weight = (*slot as u8).max(self.weights[at]);
                // The better of the article's words that match (TermMatch::merge).
                *slot = (*slot | PRESENT | whole | marked) & !0xff | u16::from(weight);
            }
        }
        matches
    }
}

/// The first pass: every distinct folded word of `fields`, sorted, with how many articles
/// have it.
fn dictionary<'a>(fields: impl Iterator<Item = [&'a str; 3]>) -> Vec<(String, u32)> {
    let mut dictionary: Vec<(String, u32)> = Vec::new();
    let mut compacted = 0;
    let mut article: Vec<String> = Vec::new();
    for [title, summary, body] in fields {
        article.clear();
        for text in [title, summary, body] {
            let folded = crate::fold::fold(text);
            article.extend(crate::fold::words(&folded).into_iter().map(str::to_owned));
        }
        crate::sort::sort(&mut article);
        article.dedup();
        dictionary.extend(article.drain(..).map(|word| (word, 1)));
        // Sort away repeats whenever the list has grown well past its distinct words.
        if dictionary.len() > 2 * compacted + 65_536 {
            merge_repeats(&mut dictionary);
            compacted = dictionary.len();
        }
    }
    merge_repeats(&mut dictionary);
    dictionary
}

/// Sorts `counted` and merges each word's entries, adding their counts.
fn merge_repeats(counted: &mut Vec<(String, u32)>) {
    crate::sort::sort_by(counted, |a, b| a.0.cmp(&b.0));
    counted.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
}

/// Which of the word's known spellings `variants` are (bit `i` = `known[i]`), adding any new
/// ones to `known`. A word only ever written as itself keeps no list (mask 1).
fn spelling_mask(known: &mut Vec<String>, folded: &str, variants: Vec<String>) -> u32 {
    if known.is_empty() && variants.len() == 1 && variants[0] == folded {
        return 1;
    }
    if known.is_empty() {
        // Spelling 0 is the word itself until it is seen otherwise.
        known.push(folded.to_owned());
    }
    let mut mask = 0;
    for variant in variants {
        let at = known.iter().position(|k| *k == variant).unwrap_or_else(|| {
            known.push(variant);
            known.len() - 1
        });
        mask |= bit(at);
    }
    mask
}
