//! Looking a search term up in the loaded chunks: which chunks may hold it, and the articles
//! whose words (or pairs of words, for phrases) start with it, with how each matches.

use super::*;

use crate::rank::{carries, TermMatch};

impl Archive {
    /// The chunks that may hold words starting with `term`.
    pub(super) fn chunk_range(dir: &SearchDir, term: &str) -> std::ops::Range<usize> {
        Self::first_words_range(&dir.first_words, term)
    }

    /// The places in `first_words` (a directory's, ascending) of the chunks that may hold
    /// words starting with `term`.
    fn first_words_range(first_words: &[String], term: &str) -> std::ops::Range<usize> {
        let start = first_words.partition_point(|w| w.as_str() <= term).saturating_sub(1);
        let end = first_words.partition_point(|w| w.as_str() < term || w.starts_with(term));
        start..end.max(start + 1).min(first_words.len())
    }

    /// The loaded words starting with `term` in the chunks `chunks` (those not loaded are
    /// named in `missing`), and how many postings they have together; of the pairs'
    /// dictionary when `pairs`.
    pub(super) fn term_words(&self, chunks: impl Iterator<Item = usize>, term: &str, pairs: bool, missing: &mut Vec<String>) -> (Vec<&Word>, usize) {
        let mut matching: Vec<&Word> = Vec::new();
        for i in chunks {
            let (chunks, need) = if pairs { (&self.pair_chunks, Need::PairChunk(i)) } else { (&self.chunks, Need::Chunk(i)) };
            let Some(words) = chunks.get(&i) else {
                missing.push(self.path(need));
                continue;
            };
            let from = words.partition_point(|w| w.word.as_str() < term);
            matching.extend(words[from..].iter().take_while(|w| w.word.starts_with(term)));
        }
        let postings = matching.iter().map(|w| w.count as usize).sum();
        (matching, postings)
    }

    /// The articles of `words` (those of [`Archive::term_words`] for `term`, with `postings`
    /// postings; `marked`: the term as typed, if with marks), with how they match it,
    /// ascending by ordinal, one entry per article.
    pub(super) fn term_docs(words: &[&Word], postings: usize, term: &str, marked: Option<&str>) -> Vec<Hit> {
        // Reserved whole: a growing list would hold up to twice its size (three times while
        // it moves) in wasm memory, which never shrinks.
        let mut docs: Vec<Hit> = Vec::with_capacity(postings);
        for &word in words {
            // Which of the word's spellings carry the reader's marks, as posting bits.
            let wanted = if word.variants.is_empty() {
                u64::from(carries(&word.word, marked))
            } else {
                word.variants.iter().enumerate().filter(|(_, v)| carries(v, marked)).fold(0, |bits, (i, _)| bits | 1 << i.min(MAX_SPELLINGS - 1))
            };
            for (doc, weight) in word.postings() {
                let used = if word.variants.is_empty() { 1 } else { (weight >> 8) ^ 1 };
                docs.push(Hit::new(doc, TermMatch { weight: (weight & 0xff) as u8, whole: word.word == term, marked: used & wanted != 0 }));
            }
        }
        // One entry per article, matching as the best of its words.
        by_article(docs, words.len(), |kept, later| *kept = Hit::new(kept.doc(), kept.how().merge(later.how())))
    }

    /// Articles with a pair of adjacent words starting with `first` and `second`, ascending,
    /// each with the fields that hold such a pair as its weight (1 title, 2 summary, 4 body).
    pub(super) fn pair_docs(&self, top: &SearchDir, first: &str, second: &str, missing: &mut Vec<String>) -> Vec<Hit> {
        let pairs: Vec<&Word> = self.term_words(Self::pair_chunks_for(top, first, second), first, true, missing).0;
        let pairs: Vec<&Word> = pairs.into_iter().filter(|p| p.word.split_once(' ').is_some_and(|(a, b)| a.starts_with(first) && b.starts_with(second))).collect();
        // Reserved for the matching pairs only: those of the first word alone may be millions.
        let mut docs: Vec<Hit> = Vec::with_capacity(pairs.iter().map(|p| p.count as usize).sum());
        for pair in &pairs {
            docs.extend(pair.postings().map(|(doc, fields)| Hit::new(doc, TermMatch { weight: fields as u8 & 7, ..TermMatch::default() })));
        }
        // One entry per article, with the fields of all its matching pairs.
        by_article(docs, pairs.len(), |kept, later| kept.weight |= later.weight)
    }
}

impl Archive {
    /// The pairs' chunks that may hold a pair of a word starting with `first` and one
    /// starting with `second` ([`may_hold`]).
    pub(super) fn pair_chunks_for<'a>(dir: &'a SearchDir, first: &'a str, second: &'a str) -> impl Iterator<Item = usize> + 'a {
        Self::chunk_range(dir, first).filter(move |&j| may_hold(&dir.first_words[j], dir.first_words.get(j + 1).map(String::as_str), first, second))
    }
}

/// Whether the pairs' chunk of the keys `from ..to` may hold a pair `<w> <x>` with `w`
/// starting with `first` and `x` with `second`. Keys sort by first word (`"ab c"` <
/// `"abc d"`), so a chunk whose first and next keys share a word `a` holds only pairs of `a`:
/// for `"hạn mặn"` this skips the 30-odd chunks of `hành`'s pairs but its `hành m…` one. Words
/// strictly between the two first words are unknown: such a chunk is kept.
fn may_hold(from: &str, to: Option<&str>, first: &str, second: &str) -> bool {
    let Some(to) = to else { return true };
    // A key's order is its (first word, rest)'s: the space sorts before any word character.
    let ((a, from_rest), (b, to_rest)) = (from.split_once(' ').unwrap_or((from, "")), to.split_once(' ').unwrap_or((to, "")));
    if a == b {
        return a.starts_with(first) && to_rest > second && (from_rest <= second || from_rest.starts_with(second));
    }
    a.starts_with(first) || (a < first && first < b) || (b.starts_with(first) && second < to_rest)
}

/// `docs` (made of `runs` lists, each ascending) ascending by ordinal, one entry per article,
/// `merge` folding the later ones of an article into the first.
fn by_article(mut docs: Vec<Hit>, runs: usize, merge: fn(&mut Hit, Hit)) -> Vec<Hit> {
    // One list is in ordinal order already.
    if runs > 1 {
        crate::sort::sort_by(&mut docs, |a, b| a.ordinal.cmp(&b.ordinal));
    }
    docs.dedup_by(|later, kept| {
        let same = later.ordinal == kept.ordinal;
        if same {
            merge(kept, *later);
        }
        same
    });
    docs
}

/// An article matching a search term, as a query holds it: 16 bytes (a [`Doc`] and a
/// [`TermMatch`] side by side take 24; a common term has a million).
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    topics: u64,
    pub(super) ordinal: u32,
    district: u16,
    pub(super) weight: u8,
    /// Bit 0: whole; bit 1: marked.
    flags: u8,
}

impl Hit {
    fn new(doc: Doc, how: TermMatch) -> Hit {
        // District numbers are below the manifest's count, which `Archive::new` keeps within 16 bits.
        Hit { topics: doc.topics, ordinal: doc.ordinal, district: doc.district as u16, weight: how.weight, flags: u8::from(how.whole) | u8::from(how.marked) << 1 }
    }

    pub(super) fn doc(self) -> Doc {
        Doc { ordinal: self.ordinal, district: u32::from(self.district), topics: self.topics }
    }

    pub(super) fn how(self) -> TermMatch {
        TermMatch { weight: self.weight, whole: self.flags & 1 != 0, marked: self.flags & 2 != 0 }
    }
}

#[cfg(test)]
mod tests {
    use super::may_hold;

    #[test]
    fn a_pairs_chunk_is_read_only_if_it_may_hold_the_pair() {
        // (first key, next chunk's first key, held?) for the phrase "han man", as in the
        // benchmark's archive.
        for (from, to, held) in [
            ("hamean da", Some("han chi"), false),
            ("han danh", Some("han nam"), true),
            ("han nam", Some("hang chu"), true), // words between `han` and `hang` are unknown
            ("hanh bac", Some("hanh mac"), false),
            ("hanh mac", Some("hanh nghia"), true),
            ("hanh nghia", Some("hanh xah"), false),
            ("hanh xah", None, true),
            ("ha x", Some("hb y"), true),
            ("han man", Some("han mao"), true),
            ("han mana", Some("han mb"), true),
            ("hao a", Some("hao b"), false),
        ] {
            assert_eq!(may_hold(from, to, "han", "man"), held, "{from} .. {to:?}");
        }
        assert!(!may_hold("hang z", Some("hanh a"), "hanh", "man"));
        assert!(may_hold("hang z", Some("hanh n"), "hanh", "man"));
    }
}
