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

use super::super::{path, tier_range, tiers_of, Tier, TIER_FORMS, TIER_MAX_FORMS, TIER_WHOLE};
use super::postings::{decode_postings, Spellings};
use super::{json, File};

/// Per article, how it matches the prefix being written: reused from prefix to prefix.
pub(super) struct Scratch {
    /// Whole-word bit and best weight ([`TIER_WHOLE`] and the low byte); 0: not in the prefix.
    key: Vec<u16>,
    forms: Vec<u64>,
    touched: Vec<u32>,
}

impl Scratch {
    pub(super) fn new(total: usize) -> Scratch {
        Scratch { key: vec![0; total], forms: vec![0; total], touched: Vec::new() }
    }
}

/// Write the tiers of `prefix`, whose words (`run`: each folded word with its coded postings)
/// are in `count` articles; `positions` gives each ordinal's group position. A prefix written
/// in more forms than a tier can tell apart gets none (the reader then reads its postings).
#[allow(clippy::too_many_arguments)]
pub(super) fn write_tiers(prefix: &str, run: &[(String, Vec<u8>)], spellings: &Spellings, positions: &[u32], count: usize, generation: &str, scratch: &mut Scratch, sink: &mut dyn FnMut(File)) {
    let length = prefix.chars().count();
    let mut form_ids: HashMap<String, usize> = HashMap::new();
    let mut forms: Vec<String> = Vec::new();
    let mut form_id = |variant: &str| -> u64 {
        let form: String = variant.chars().take(length).collect();
        let next = form_ids.len();
        let id = *form_ids.entry(form.clone()).or_insert(next);
        if id == forms.len() {
            forms.push(form);
        }
        1u64.checked_shl(id as u32).unwrap_or(0)
    };
    for (word, bytes) in run {
        // The forms each first-seen spelling bit stands for, as the chunk lists the word's
        // spellings: the reader counts an article as using every spelling of a listed bit
        // (the rarest share the last one), so its forms here are all of theirs.
        let (listed, new_bit) = spellings.listing(word);
        let listing: Vec<&str> = if listed.is_empty() { vec![word.as_str()] } else { listed.split(' ').collect() };
        let mut by_listed_bit = [0u64; 64];
        for (i, variant) in listing.iter().enumerate() {
            by_listed_bit[i.min(super::super::MAX_SPELLINGS - 1)] |= form_id(variant);
        }
        let mut by_old_bit = [0u64; 64];
        if listed.is_empty() {
            by_old_bit = [by_listed_bit[0]; 64];
        } else {
            for (old, &bit) in new_bit.iter().enumerate() {
                by_old_bit[old.min(63)] |= by_listed_bit[bit];
            }
        }
        let whole = if word == prefix { TIER_WHOLE as u16 } else { 0 };
        let mut ordinal = 0usize;
        for (delta, weight, mask) in decode_postings(bytes, true) {
            ordinal += delta as usize;
            let slot = &mut scratch.key[ordinal];
            if *slot == 0 {
                scratch.touched.push(ordinal as u32);
            }
            *slot = (*slot | whole) & 0xff00 | (*slot & 0xff).max(weight as u16);
            let mut used = if listed.is_empty() { 1 } else { mask };
            while used != 0 {
                scratch.forms[ordinal] |= by_old_bit[used.trailing_zeros() as usize];
                used &= used - 1;
            }
        }
    }
    let touched = std::mem::take(&mut scratch.touched);
    let mut ranked: Vec<(u16, u32)> = touched.iter().map(|&o| (scratch.key[o as usize], o)).collect();
    let written = forms.len() <= TIER_MAX_FORMS;
    if written {
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
            sink(File { path: format!("archive/{}", path::tier(generation, prefix, j)), text: json(&tier(members, &forms, positions, &scratch.forms, generation)) });
        }
    }
    for &ordinal in &touched {
        scratch.key[ordinal as usize] = 0;
        scratch.forms[ordinal as usize] = 0;
    }
    scratch.touched = touched;
    scratch.touched.clear();
}

/// One tier's file: its articles in group order, its forms most used first.
fn tier(members: &[(u16, u32)], forms: &[String], positions: &[u32], form_masks: &[u64], generation: &str) -> Tier {
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
        file.ordinals.push(ordinal);
        file.weights.push(u64::from(key) | renumbered << TIER_FORMS);
    }
    file
}
