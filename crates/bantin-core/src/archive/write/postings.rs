//! Search postings while a layout runs: per word (or pair of words) its articles as varint
//! ordinal deltas with a weight byte and the spellings each article uses, a few bytes a
//! posting, what keeps a million articles' index in memory until the chunks are written.

use std::collections::HashMap;

use super::super::{push_varint, read_varint, MAX_SPELLINGS};

/// Per key, its `(ordinal, weight, spellings)` postings in ordinal order, held as varint
/// ordinal deltas, weight bytes and (for words) varint masks of the spellings the article
/// uses, numbered in the order first seen: ~4 bytes a posting instead of 16, what keeps a
/// million articles' index (~400 million postings) in memory. A hash map, sorted once when
/// the chunks are written: every article adds to hundreds of keys among millions (pairs),
/// and a B-tree's string comparisons on each were most of a big layout's time.
#[derive(Default)]
pub(super) struct Postings(HashMap<String, (u32, Vec<u8>)>);

impl Postings {
    /// Every key with its coded postings, in key order (what the chunks are made of).
    pub(super) fn into_sorted(self) -> Vec<(String, Vec<u8>)> {
        let mut keyed: Vec<(String, Vec<u8>)> = self.0.into_iter().map(|(key, (_, bytes))| (key, bytes)).collect();
        keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        keyed
    }

    pub(super) fn add(&mut self, key: String, ordinal: u32, weight: u8, spellings: Option<u64>) {
        let (last, bytes) = self.0.entry(key).or_insert((0, Vec::new()));
        push_varint(bytes, u64::from(ordinal - *last));
        *last = ordinal;
        bytes.push(weight);
        if let Some(mask) = spellings {
            push_varint(bytes, mask);
        }
    }
}

/// Decode one key's postings: `(ordinal delta, weight, spellings mask)`, the mask 0 for pairs.
pub(super) fn decode_postings(bytes: &[u8], with_spellings: bool) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let delta = read_varint(bytes, &mut at);
        let weight = u64::from(bytes[at]);
        at += 1;
        let mask = if with_spellings { read_varint(bytes, &mut at) } else { 0 };
        Some((delta, weight, mask))
    })
}

/// Per folded word, its spellings in the order first seen, with how many articles use each.
#[derive(Default)]
pub(super) struct Spellings(HashMap<String, Vec<(String, u32)>>);

impl Spellings {
    /// The mask (bits in first-seen order) of `variants`, counting them.
    pub(super) fn mask(&mut self, word: &str, variants: Vec<String>) -> u64 {
        // Looked up before inserting: one allocation per new word, not per article.
        if !self.0.contains_key(word) {
            self.0.insert(word.to_owned(), Vec::new());
        }
        let known = self.0.get_mut(word).expect("inserted above");
        let mut mask = 0u64;
        for variant in variants {
            let at = match known.iter().position(|(v, _)| *v == variant) {
                Some(at) => at,
                None => {
                    known.push((variant, 0));
                    known.len() - 1
                }
            };
            known[at].1 += 1;
            // Beyond 63 spellings of one word (none exist) the rest share the last bit.
            mask |= 1 << at.min(63);
        }
        mask
    }

    /// A word's spellings as a chunk lists them (most used first, joined by spaces; empty
    /// when its only spelling is the word itself), and how to renumber a first-seen mask so
    /// that bit 0 is the most used (see [`Chunk`]).
    pub(super) fn listing(&self, word: &str) -> (String, Vec<usize>) {
        let Some(known) = self.0.get(word) else { return (String::new(), Vec::new()) };
        let mut order: Vec<usize> = (0..known.len()).collect();
        crate::sort::sort_by(&mut order, |&a, &b| known[b].1.cmp(&known[a].1).then_with(|| known[a].0.cmp(&known[b].0)));
        let mut new_bit = vec![0; known.len()];
        for (bit, &old) in order.iter().enumerate() {
            new_bit[old] = bit.min(MAX_SPELLINGS - 1);
        }
        let plain = known.len() == 1 && known[0].0 == word;
        let listed = if plain { String::new() } else { order.iter().map(|&i| known[i].0.as_str()).collect::<Vec<_>>().join(" ") };
        (listed, new_bit)
    }
}

