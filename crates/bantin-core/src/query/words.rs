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
    /// The matches of each one-letter term typed without marks (`a`–`z`, `0`–`9`), read at
    /// build time: every search as you type starts with one, and it is the costliest term
    /// (nearly every article, millions of postings), so a first keystroke is a copy. Two
    /// bytes an article a letter.
    letters: Vec<(u8, Matches)>,
}

/// A query term looked up once: the dictionary range of the words it starts, the position of
/// the word that is the whole term, and per word of the range which spellings carry the
/// reader's marks.
pub(super) struct Term {
    from: u32,
    to: u32,
    whole: Option<u32>,
    wanted: Vec<u32>,
    /// The term is this one letter, typed without marks: its matches are in `letters`.
    letter: Option<u8>,
}

/// How each article matches one term: per article position, a [`TermMatch`] packed in a
/// `u16` (0 = no match), and how many articles match.
#[derive(Debug, Clone, Default)]
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
    /// passes, so that only one article's words are ever held as strings: the dictionary from
    /// the folded words, then each article's [`crate::terms::article_words`] as positions in
    /// it, which are then turned around into postings (a counting sort: no comparisons).
    pub(super) fn new<'a>(fields: impl Iterator<Item = [&'a str; 3]> + Clone) -> Words {
        let dictionary = dictionary(fields.clone());
        let mut spellings: Vec<Vec<String>> = vec![Vec::new(); dictionary.len()];
        // Per article, in order: its words' positions, weights and spellings.
        let (mut ends, mut ids, mut weights, mut masks) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut counts = vec![0u32; dictionary.len() + 1];
        for [title, summary, body] in fields {
            let article: ArticleWords = crate::terms::article_words(title, summary, body);
            for word in article.words {
                // Folding a text then splitting it gives the words of splitting then folding.
                let found = dictionary.binary_search(&word.folded);
                debug_assert!(found.is_ok(), "{:?} is in the dictionary", word.folded);
                let Ok(id) = found else { continue };
                counts[id + 1] += 1;
                ids.push(id as u32);
                weights.push(word.weight);
                masks.push(spelling_mask(&mut spellings[id], &word.folded, word.variants));
            }
            ends.push(ids.len() as u32);
        }
        let mut starts = counts;
        for id in 1..starts.len() {
            starts[id] += starts[id - 1];
        }
        let total = ids.len();
        let mut words = Words { dictionary, spellings, starts, articles: vec![0; total], weights: vec![0; total], spelled: vec![0; total], letters: Vec::new() };
        let mut next = words.starts.clone();
        let mut from = 0;
        for (position, &end) in ends.iter().enumerate() {
            for at in from..end as usize {
                let slot = &mut next[ids[at] as usize];
                let to = *slot as usize;
                *slot += 1;
                words.articles[to] = position as u32;
                words.weights[to] = weights[at];
                words.spelled[to] = masks[at];
            }
            from = end as usize;
        }
        let letters = (b'a'..=b'z').chain(b'0'..=b'9').map(|letter| (letter, words.matches(&words.term(&char::from(letter).to_string(), None), ends.len()))).collect();
        words.letters = letters;
        words
    }

    /// Look `term` up (folded; `marked`: as typed, if with marks).
    pub(super) fn term(&self, term: &str, marked: Option<&str>) -> Term {
        let from = self.dictionary.partition_point(|w| w.as_str() < term);
        let to = from + self.dictionary[from..].partition_point(|w| w.starts_with(term));
        let whole = self.dictionary.get(from).filter(|w| *w == term).map(|_| from as u32);
        // A term typed without marks is carried by every spelling.
        let wanted = (from..to)
            .map(|id| match self.spellings[id].as_slice() {
                _ if marked.is_none() => u32::MAX,
                [] => u32::from(carries(&self.dictionary[id], marked)),
                known => known.iter().enumerate().filter(|(_, v)| carries(v, marked)).fold(0, |bits, (i, _)| bits | bit(i)),
            })
            .collect();
        let letter = match term.as_bytes() {
            &[letter] if marked.is_none() => Some(letter),
            _ => None,
        };
        Term { from: from as u32, to: to as u32, whole, wanted, letter }
    }

    /// Whether the term matches nothing in the collection.
    pub(super) fn is_absent(term: &Term) -> bool {
        term.from == term.to
    }

    /// How every one of the `count` articles matches `term`: its postings, read once.
    pub(super) fn matches(&self, term: &Term, count: usize) -> Matches {
        if let Some((_, known)) = self.letters.iter().find(|(letter, _)| Some(*letter) == term.letter) {
            return known.clone();
        }
        let mut matches = Matches { packed: vec![0; count], count: 0 };
        for id in term.from..term.to {
            let whole = if term.whole == Some(id) { WHOLE } else { 0 };
            let wanted = term.wanted[(id - term.from) as usize];
            let range = self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize;
            // Every posting marked, or none: the spellings need not be read (most words of
            // most terms, and every word of a first keystroke).
            let all = match wanted {
                u32::MAX => Some(MARKED),
                0 => Some(0),
                _ => None,
            };
            for at in range {
                let marked = all.unwrap_or_else(|| if self.spelled[at] & wanted != 0 { MARKED } else { 0 });
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

/// The first pass: every distinct folded word of `fields`, sorted.
fn dictionary<'a>(fields: impl Iterator<Item = [&'a str; 3]>) -> Vec<String> {
    let mut dictionary: Vec<String> = Vec::new();
    let mut compacted = 0;
    for [title, summary, body] in fields {
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
    dictionary
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_keystroke_reads_what_its_postings_say() {
        let texts = [["Hòa Lợi nông thôn mới", "Ngày 5/3", "Người dân 19 tiêu chí"], ["Hoa", "nắng", "đường 2025"], ["", "", "a b c"]];
        let words = Words::new(texts.iter().map(|t| [t[0], t[1], t[2]]));
        let fresh = Words { letters: Vec::new(), ..words.clone() };
        for letter in ["n", "h", "d", "2", "1", "a", "z"] {
            let term = words.term(letter, None);
            assert!(term.letter.is_some());
            let (known, computed) = (words.matches(&term, texts.len()), fresh.matches(&term, texts.len()));
            assert_eq!((known.packed, known.count), (computed.packed, computed.count), "{letter}");
        }
        // Typed with marks, a letter is read from its postings: "đ" is not every "d".
        assert!(words.term("d", Some("đ")).letter.is_none());
    }
}
