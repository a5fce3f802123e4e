//! Dense search prefixes: a prefix in at least 1/[`DENSE_SHARE`] of the articles gets a
//! bitmap of them in group order ([`crate::archive::DenseDir`]). At 1,000,000 articles a
//! common word's postings are megabytes of `[ordinal, district, topics, weight]`; its bitmap
//! is ~125 KB at most, and counts come from popcounts over the mask table's rows. Each also
//! gets its articles in ordinal order, cut in slices of [`SLICE_SEGMENTS`] segments, for
//! searches with dates (a range is a run of ordinals, not of groups), once alone and once with
//! each article's district and topics: a dated search takes those of its rarest term
//! instead of the rows of every article in its range.

use std::collections::BTreeMap;

use super::super::{base64_encode, content_hash, path, set_bits, slice_name, Bits, DenseDir, Places, DENSE_SHARE, SEGMENT, SLICE_SEGMENTS};
use super::postings::{decode_postings, Spellings};
use super::tiers::{write_tiers, Scratch};
use super::{json, File, Plan};

/// Each ordinal's place in group order: the rows of the mask table (`rows`: per district
/// number and topic mask, ascending, its articles) one after the other, ordinals ascending
/// within each.
fn group_positions(plan: &Plan, rows: &BTreeMap<(u32, u64), u64>) -> Vec<u32> {
    let mut next: BTreeMap<(u32, u64), u32> = BTreeMap::new();
    let mut start = 0;
    for (&key, &count) in rows {
        next.insert(key, start);
        start += count as u32;
    }
    plan.numbers
        .iter()
        .zip(&plan.masks)
        .map(|(&number, &mask)| {
            let at = next.get_mut(&(number, mask)).expect("every article is in a row");
            *at += 1;
            *at - 1
        })
        .collect()
}

/// The fewest articles a dense prefix has, for `total` articles.
fn dense_threshold(total: usize) -> usize {
    // Below 64 articles, postings are as small as any bitmap.
    total.div_ceil(DENSE_SHARE).max(64)
}

/// Write the bitmaps of the dense prefixes of `words` (every folded word in order with its
/// coded postings, [`super::postings::Postings`]) and their directory; returns the
/// directory's hash. `generation` names the bitmaps (it must change whenever they can);
/// `rows` are the mask table's counts, whose order the bitmaps follow; `segments` the
/// segments' hashes, which name the slices.
pub(super) fn write_dense(words: &[(String, Vec<u8>)], spellings: &Spellings, plan: &Plan, rows: &BTreeMap<(u32, u64), u64>, segments: &[String], generation: &str, sink: &mut dyn FnMut(File)) -> String {
    let total = plan.total();
    let threshold = dense_threshold(total);
    let positions = group_positions(plan, rows);
    let counts: Vec<usize> = words.iter().map(|(_, bytes)| decode_postings(bytes, true).count()).collect();
    let mut dense = Vec::new();
    let mut bitmap = vec![0u64; total.div_ceil(64)];
    let mut by_ordinal = vec![0u64; total.div_ceil(64)];
    let slice_names: Vec<String> = segments.chunks(SLICE_SEGMENTS).map(slice_name).collect();
    let mut scratch = Scratch::new(total);
    // Prefixes of one length at a time: the words sharing one are a run of the sorted list,
    // and a prefix is in at least as many articles as any longer one it starts. Up to 16
    // characters (a longer term reads postings): a long token in many articles must not
    // make hundreds of files with names too long for a file system.
    for length in 1..=16 {
        let mut any = false;
        let mut at = 0;
        while at < words.len() {
            let Some(prefix) = prefix_of(&words[at].0, length) else {
                at += 1;
                continue;
            };
            let run = words[at..].iter().take_while(|(w, _)| w.starts_with(prefix)).count();
            let upper: usize = counts[at..at + run].iter().sum();
            if upper >= threshold {
                any = true;
                bitmap.fill(0);
                by_ordinal.fill(0);
                // One pass over the postings: the bitmaps, and how each article matches the
                // prefix, for its tiers.
                for (word, bytes) in &words[at..at + run] {
                    let forms = scratch.word(prefix, word, spellings);
                    let mut ordinal = 0;
                    for (delta, weight, spelled) in decode_postings(bytes, true) {
                        ordinal += delta as usize;
                        let p = positions[ordinal] as usize;
                        bitmap[p / 64] |= 1 << (p % 64);
                        by_ordinal[ordinal / 64] |= 1 << (ordinal % 64);
                        scratch.add(ordinal, &forms, weight, spelled);
                    }
                }
                let articles: u32 = bitmap.iter().map(|w| w.count_ones()).sum();
                if articles as usize >= threshold {
                    let bytes: Vec<u8> = bitmap.iter().flat_map(|w| w.to_le_bytes()).collect();
                    let file = Bits { segment: generation.to_owned(), bits: base64_encode(&bytes) };
                    sink(File { path: format!("archive/{}", path::bits(generation, prefix)), text: json(&file) });
                    // Slices start at multiples of 64 ordinals (a segment is 2,048).
                    let per_slice = SLICE_SEGMENTS * SEGMENT / 64;
                    for (s, (name, words)) in slice_names.iter().zip(by_ordinal.chunks(per_slice)).enumerate() {
                        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
                        let bits = base64_encode(&bytes);
                        let ordinals = set_bits(words, (s * per_slice * 64) as u32);
                        let places = Places {
                            segment: name.clone(),
                            bits: bits.clone(),
                            district: ordinals.iter().map(|&o| plan.numbers[o as usize]).collect(),
                            topics: ordinals.iter().map(|&o| plan.masks[o as usize]).collect(),
                        };
                        sink(File { path: format!("archive/{}", path::places(prefix, s, name, &plan.numbering)), text: json(&places) });
                        let file = Bits { segment: name.clone(), bits };
                        sink(File { path: format!("archive/{}", path::slice(prefix, s, name)), text: json(&file) });
                    }
                    write_tiers(prefix, &scratch, &positions, articles as usize, generation, sink);
                    dense.push((prefix.to_owned(), u64::from(articles)));
                }
                scratch.clear();
            }
            at += run;
        }
        if !any {
            break;
        }
    }
    dense.sort_unstable();
    let (words, counts) = dense.into_iter().unzip();
    let text = json(&DenseDir { segment: generation.to_owned(), words, counts });
    let hash = content_hash(text.as_bytes());
    sink(File { path: format!("archive/{}", path::dense_dir(&hash)), text });
    hash
}

/// The first `length` characters of `word`, if it has that many.
fn prefix_of(word: &str, length: usize) -> Option<&str> {
    match word.char_indices().nth(length) {
        Some((end, _)) => Some(&word[..end]),
        None if word.chars().count() == length => Some(word),
        None => None,
    }
}
