//! Looking a search term up in the loaded chunks: which chunks may hold it, and the articles
//! whose words (or pairs of words, for phrases) start with it, with how each matches.

use super::*;

use crate::rank::{carries, TermMatch};

impl Archive {
    /// The chunks that may hold words starting with `term`.
    pub(super) fn chunk_range(dir: &SearchDir, term: &str) -> std::ops::Range<usize> {
        let start = dir.first_words.partition_point(|w| w.as_str() <= term).saturating_sub(1);
        let end = dir.first_words.partition_point(|w| w.as_str() < term || w.starts_with(term));
        start..end.max(start + 1).min(dir.chunks.len())
    }

    /// The loaded words starting with `term` (the chunks not loaded are named in `missing`),
    /// and how many postings they have together.
    pub(super) fn term_words(&self, dir: &SearchDir, term: &str, missing: &mut Vec<String>) -> (Vec<&Word>, usize) {
        let mut matching: Vec<&Word> = Vec::new();
        for i in Self::chunk_range(dir, term) {
            let Some(words) = self.chunks.get(&i) else {
                missing.push(self.path(Need::Chunk(i)));
                continue;
            };
            let from = words.partition_point(|w| w.word.as_str() < term);
            matching.extend(words[from..].iter().take_while(|w| w.word.starts_with(term)));
        }
        let postings = matching.iter().map(|w| w.count as usize).sum();
        (matching, postings)
    }

    /// The articles of `words` (those of [`Archive::term_words`] for `term`; `marked`: the
    /// term as typed, if with marks), with how they match it, ascending by ordinal, one entry
    /// per article, each as `entry` makes it: the walked term keeps the whole [`Doc`], the
    /// others only the ordinal (8 bytes an article, not 24: a common term has a million).
    pub(super) fn term_docs<T: Copy>(words: &[&Word], postings: usize, term: &str, marked: Option<&str>, entry: fn(Doc) -> T, ordinal: fn(&T) -> u32) -> Vec<(T, TermMatch)> {
        // Reserved whole: a growing list would hold up to twice its size (three times while
        // it moves) in wasm memory, which never shrinks.
        let mut docs: Vec<(T, TermMatch)> = Vec::with_capacity(postings);
        for &word in words {
            // Which of the word's spellings carry the reader's marks, as posting bits.
            let wanted = if word.variants.is_empty() {
                u64::from(carries(&word.word, marked))
            } else {
                word.variants.iter().enumerate().filter(|(_, v)| carries(v, marked)).fold(0, |bits, (i, _)| bits | 1 << i.min(MAX_SPELLINGS - 1))
            };
            for (doc, weight) in word.postings() {
                let used = if word.variants.is_empty() { 1 } else { (weight >> 8) ^ 1 };
                let how = TermMatch { weight: (weight & 0xff) as u8, whole: word.word == term, marked: used & wanted != 0 };
                docs.push((entry(doc), how));
            }
        }
        // One word's postings are in ordinal order already.
        if words.len() > 1 {
            crate::sort::sort_by(&mut docs, |a, b| ordinal(&a.0).cmp(&ordinal(&b.0)));
        }
        // One entry per article, matching as the best of its words.
        docs.dedup_by(|later, kept| {
            let same = ordinal(&later.0) == ordinal(&kept.0);
            if same {
                kept.1 = kept.1.merge(later.1);
            }
            same
        });
        docs
    }

    /// Articles with a pair of adjacent words starting with `first` and `second`, with the
    /// fields that hold it: `(ordinal, fields bits)`, ascending.
    pub(super) fn pair_docs(&self, dir: &SearchDir, first: &str, second: &str, missing: &mut Vec<String>) -> Vec<(u32, u8)> {
        let mut docs: Vec<(u32, u8)> = Vec::new();
        for i in Self::chunk_range(dir, first) {
            let Some(pairs) = self.pair_chunks.get(&i) else {
                missing.push(self.path(Need::PairChunk(i)));
                continue;
            };
            let from = pairs.partition_point(|(p, _)| p.as_str() < first);
            for (pair, list) in pairs[from..].iter().take_while(|(p, _)| p.starts_with(first)) {
                let matches = pair.split_once(' ').is_some_and(|(a, b)| a.starts_with(first) && b.starts_with(second));
                if matches {
                    docs.extend_from_slice(list);
                }
            }
        }
        crate::sort::sort_by(&mut docs, |a, b| a.0.cmp(&b.0));
        // One entry per article, with the fields of all its matching pairs.
        docs.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                kept.1 |= later.1;
            }
            same
        });
        docs
    }
}
