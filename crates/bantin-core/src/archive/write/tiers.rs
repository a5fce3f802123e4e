//! A dense prefix's articles ranked best first for it, in tiers ([`crate::archive::Tier`]):
//! what a ranked search of common words reads instead of their postings. At 1,000,000
//! articles a two-word search's postings are 8.30 MB; the order of its first page follows
//! from the best tens of thousands of articles of each term (their weights, and their group
//! positions, which say with the bitmaps whether they have the other terms).
//!
//! An article matches a prefix as the best of its words that start with it (as the
//! postings rank it, [`crate::rank::TermMatch::merge`]): the highest weight, whole if one
//! word is the prefix itself, and the forms of the prefix it writes, so that the reader can
//! tell whether it carries the marks a reader typed (`hạn` is a form of `han`; `hàn` is
//! another).

use std::collections::HashMap;

use super::super::{path, tier_range, tiers_of, Tier, MAX_SPELLINGS, TIER_FORMS, TIER_MAX_FORMS, TIER_ORDINALS, TIER_WHOLE};
use super::postings::Spellings;
use super::{json, File};

/// Per article, how it matches the prefix being written, filled from the same pass over the
/// prefix's postings that builds its bitmaps ([`super::dense`]); reused from prefix to prefix.
pub(super) struct Scratch {
    /// Whole-word bit and best weight ([`TIER_WHOLE`] and the low byte); 0: not in the prefix.
    key: Vec<u16>,
    forms: Vec<u64>,
    touched: Vec<u32>,
    /// The prefix's forms, in the order first met, and their numbers.
    form_names: Vec<String>,
    form_ids: HashMap<String, usize>,
}

/// What one word of the prefix stands for in an article: whether it is the prefix itself,
/// and the forms each of its first-seen spelling bits means ([`Scratch::word`]).
pub(super) struct WordForms {
    whole: u16,
    plain: bool,
    by_spelling_bit: [u64; 64],
}

impl Scratch {
    pub(super) fn new(total: usize) -> Scratch {
        Scratch { key: vec![0; total], forms: vec![0; total], touched: Vec::new(), form_names: Vec::new(), form_ids: HashMap::new() }
    }

    /// The bit of the form `variant` writes of a prefix `length` characters long.
    fn form_bit(&mut self, variant: &str, length: usize) -> u64 {
        let form: String = variant.chars().take(length).collect();
        let next = self.form_ids.len();
        let id = *self.form_ids.entry(form.clone()).or_insert(next);
        if id == self.form_names.len() {
            self.form_names.push(form);
        }
        // Past 64 forms the prefix gets no tiers (`write_tiers`): the bit is never read.
        1u64.checked_shl(id as u32).unwrap_or(0)
    }

    /// Prepare `word` (one of `prefix`'s) for [`Scratch::add`]. The forms each first-seen
    /// spelling bit stands for are those of the spellings the chunk lists under the bit it
    /// renumbers it to: the reader counts an article as using every spelling of a listed bit
    /// (the rarest share the last one), so its forms here are all of theirs.
    pub(super) fn word(&mut self, prefix: &str, word: &str, spellings: &Spellings) -> WordForms {
        let length = prefix.chars().count();
        let (listed, new_bit) = spellings.listing(word);
        let plain = listed.is_empty();
        let listing: Vec<&str> = if plain { vec![word] } else { listed.split(' ').collect() };
        let mut by_listed_bit = [0u64; 64];
        for (i, variant) in listing.iter().enumerate() {
            by_listed_bit[i.min(MAX_SPELLINGS - 1)] |= self.form_bit(variant, length);
        }
        let mut by_spelling_bit = [by_listed_bit[0]; 64];
        if !plain {
            by_spelling_bit = [0; 64];
            for (old, &bit) in new_bit.iter().enumerate() {
                by_spelling_bit[old.min(63)] |= by_listed_bit[bit];
            }
        }
        WordForms { whole: if word == prefix { TIER_WHOLE as u16 } else { 0 }, plain, by_spelling_bit }
    }

    /// One posting of a word of the prefix: the article matches as the best of its words
    /// ([`crate::rank::TermMatch::merge`]), and writes the forms of all of them.
    pub(super) fn add(&mut self, ordinal: usize, word: &WordForms, weight: u64, spellings: u64) {
        let slot = &mut self.key[ordinal];
        if *slot == 0 {
            self.touched.push(ordinal as u32);
        }
        *slot = (*slot | word.whole) & 0xff00 | (*slot & 0xff).max(weight as u16);
        let mut used = if word.plain { 1 } else { spellings };
        while used != 0 {
            self.forms[ordinal] |= word.by_spelling_bit[used.trailing_zeros() as usize];
            used &= used - 1;
        }
    }

    /// Forget the prefix just added, written or not.
    pub(super) fn clear(&mut self) {
        for &ordinal in &self.touched {
            self.key[ordinal as usize] = 0;
            self.forms[ordinal as usize] = 0;
        }
        self.touched.clear();
        self.form_names.clear();
        self.form_ids.clear();
    }
}

/// Write the tiers of `prefix`, in `count` articles, whose postings `scratch` was given
/// ([`Scratch::add`]); `positions` gives each ordinal's group position. A prefix written in
/// more forms than a tier can tell apart gets none (the reader then reads its postings).
pub(super) fn write_tiers(prefix: &str, scratch: &Scratch, positions: &[u32], count: usize, generation: &str, sink: &mut dyn FnMut(File)) {
    if scratch.form_names.len() > TIER_MAX_FORMS {
        return;
    }
    let mut ranked: Vec<(u16, u32)> = scratch.touched.iter().map(|&o| (scratch.key[o as usize], o)).collect();
    // Best first: whole word, then weight, then newest (the order ties rank in).
    let last = tier_range(tiers_of(count) - 1, count).1.min(ranked.len());
    if last < ranked.len() {
        ranked.select_nth_unstable_by(last, |a, b| b.cmp(a));
        ranked.truncate(last);
    }
    ranked.sort_unstable_by(|a, b| b.cmp(a));
    for j in 0..tiers_of(count) {
        let (start, end) = tier_range(j, count);
        let Some(members) = ranked.get(start..end.min(ranked.len())) else { break };
        let file = tier(members, &scratch.form_names, positions, &scratch.forms, generation, j < TIER_ORDINALS);
        sink(File { path: format!("archive/{}", path::tier(generation, prefix, j)), text: json(&file) });
    }
}

/// One tier's file: its articles in group order, its forms most used first; their ordinals
/// (plus one) `with_ordinals`, else 0s.
fn tier(members: &[(u16, u32)], forms: &[String], positions: &[u32], form_masks: &[u64], generation: &str, with_ordinals: bool) -> Tier {
    let mut uses = vec![0usize; forms.len()];
    for &(_, ordinal) in members {
        let mut mask = form_masks[ordinal as usize];
        while mask != 0 {
            uses[mask.trailing_zeros() as usize] += 1;
            mask &= mask - 1;
        }
    }
    let mut order: Vec<usize> = (0..forms.len()).filter(|&f| uses[f] > 0).collect();
    order.sort_by(|&a, &b| uses[b].cmp(&uses[a]).then_with(|| forms[a].cmp(&forms[b])));
    let mut renumber = vec![0u64; forms.len()];
    for (new, &old) in order.iter().enumerate() {
        renumber[old] = 1 << new;
    }
    let mut sorted: Vec<(u32, u32, u16)> = members.iter().map(|&(key, ordinal)| (positions[ordinal as usize], ordinal, key)).collect();
    sorted.sort_unstable();
    let mut previous = 0;
    let mut weights = Vec::with_capacity(sorted.len());
    let mut file = Tier { segment: generation.to_owned(), variants: order.iter().map(|&f| forms[f].clone()).collect(), ..Tier::default() };
    for (position, ordinal, key) in sorted {
        let mut mask = form_masks[ordinal as usize];
        let mut renumbered = 0u64;
        while mask != 0 {
            renumbered |= renumber[mask.trailing_zeros() as usize];
            mask &= mask - 1;
        }
        file.positions.push(position - previous);
        previous = position;
        file.ordinals.push(if with_ordinals { ordinal + 1 } else { 0 });
        weights.push(u64::from(key) | renumbered << TIER_FORMS);
    }
    // The palette: the tier's weights, the most common first (then the smallest).
    let mut uses: HashMap<u64, usize> = HashMap::new();
    for &weight in &weights {
        *uses.entry(weight).or_default() += 1;
    }
    file.palette = uses.keys().copied().collect();
    file.palette.sort_unstable_by_key(|weight| (std::cmp::Reverse(uses[weight]), *weight));
    let place: HashMap<u64, u32> = file.palette.iter().enumerate().map(|(i, &weight)| (weight, i as u32)).collect();
    file.weights = weights.iter().map(|weight| place[weight]).collect();
    file
}
