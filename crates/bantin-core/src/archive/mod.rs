//! The archive (CONTRACT §5): a large collection as static, content-hashed files, so that a
//! phone fetches only what it shows. [`write`] lays a collection out (used by `bantin-ingest`);
//! [`read`] answers the reader's queries over it without IO: it says which files it needs,
//! the app fetches them, and it answers exactly once they are in. The layout, and why, is in
//! `docs/archive.md`.
//!
//! The one idea everything rests on: articles are numbered by **ordinal**, oldest first
//! (`published` ascending, then `id` descending), so that
//! - a date range is a contiguous ordinal range (found from per-day counts in the manifest);
//! - newest first is descending ordinal, with ties in ascending id, exactly as [`crate::query::Index`];
//! - a daily update appends ordinals: sealed segments and their files never change.

pub mod read;
mod tier;
pub mod write;

pub use tier::*;

use serde::{Deserialize, Serialize};

/// The format's name and version, checked when a manifest is read. Search chunks are named
/// by their input and this (not by their bytes): a change to what a chunk holds bumps it.
pub const FORMAT: &str = "bantin-archive/11";
/// Articles per segment. A segment's rows and cards live under one content-hashed directory;
/// only the newest segment changes when articles are appended.
pub const SEGMENT: usize = 2048;
/// Cards (list entries: what the list shows of an item, `write::card_fields`) per card
/// file: one. A filtered or searched list at 1,000,000 articles uses one card of a file (its
/// window is scattered over the years), so that with files of 4 whole-item cards a window of
/// 30 cost 52.8 KB on the wire, and with one slim card a file costs 23.9 KB (`cargo xtask
/// bench-archive --count 1000000`'s file kinds; `node scripts/wire-costs.mjs` gives the bodies
/// alone per block size). Only a run of consecutive articles (a date range, unfiltered) pays
/// more requests for it.
pub const CARD_BLOCK: usize = 1;
/// Items in `feed.json`, `districts/<id>.json` and each `feed/<n>.json` page: one screen of the
/// reader's list. (CONTRACT §5 allows up to 100; every item carries its whole body, and every
/// visit, even a deep link, pays for `feed.json` first: 100 items cost a phone ~85 KB, 30 ~25 KB.)
pub const FEED_PAGE: usize = 30;
/// Roughly how many bytes of JSON postings a search chunk holds before a new one starts.
pub const CHUNK_BYTES: usize = 48 * 1024;
/// A search prefix found in at least 1/`DENSE_SHARE` of the articles is *dense*: besides
/// its words' postings, it has a bitmap of its articles in group order
/// ([`DenseDir`]), ~⅛ of a byte an article where its postings cost several bytes each.
pub const DENSE_SHARE: usize = 32;
/// Segments per *slice* of a dense prefix's articles in ordinal order
/// ([`path::slice`]): a dated search of dense terms reads the slices its range spans (one
/// slice: 32,768 articles, at most 4 KB), and for its rarest term the slices with its
/// articles' districts and topics ([`path::places`]), instead of postings that are
/// megabytes at 1,000,000 articles.
pub const SLICE_SEGMENTS: usize = 16;
/// A district's listing is cut into sealed blocks of this many articles, counted from its
/// oldest, and a head of the newest 1,024 to 3,071: a district view reads the head (and only
/// as many older blocks as its window reaches), and an update rewrites only the head.
pub const DISTRICT_BLOCK: usize = 2048;

/// FNV-1a, 64 bits: small, stable and dependency-free. It names files by content (a cache key
/// and a check that a fetched file is the one the manifest meant), not a security boundary.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// LEB128: the postings' compact form, in the writer's memory and the reader's.
pub(crate) fn push_varint(bytes: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

pub(crate) fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b < 0x80 {
            return value;
        }
    }
}

/// The name of the totals of segments `..k` (`segments` = their hashes): the hash of what
/// they are counted from, which the reader computes from the manifest as the writer does.
/// Sealed segments keep their totals' names, so an update adds one file or two.
pub fn totals_name(numbering: &str, segments: &[String]) -> String {
    content_hash(format!("{numbering}\n{}", segments.join("\n")).as_bytes())
}

/// The name of slice `s` of every dense prefix (`segments` = the hashes of the segments it
/// covers, [`SLICE_SEGMENTS`] of them or fewer for the newest): what its bits are made of, so
/// that the reader computes it from the manifest, and an update renames only the newest slice.
pub fn slice_name(segments: &[String]) -> String {
    content_hash(format!("slice {SLICE_SEGMENTS}\n{}", segments.join("\n")).as_bytes())
}

/// The ordinals whose bits are set in `words` (bit `o % 64` of word `o / 64`), the first bit
/// being ordinal `start`: a slice's articles, for the writer of its places and their reader.
pub(crate) fn set_bits(words: &[u64], start: u32) -> Vec<u32> {
    let mut ordinals = Vec::new();
    for (i, &word) in words.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            ordinals.push(start + i as u32 * 64 + rest.trailing_zeros());
            rest &= rest - 1;
        }
    }
    ordinals
}

/// The 8 hex digits that name a file with this content. 32 bits tell one version of a file
/// from the next (and a damaged or foreign file from the named one) but for a chance in four
/// billion; the manifest names ~1,200 files by them, and every visitor pays for it first
/// (at 1,000,000 articles 12 digits cost 2.4 KB more).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes))[..8].to_owned()
}

/// The archive's entry point, `archive/manifest-<hash>.json`: everything the first screen and
/// the filter panel need (totals, every district and topic with counts), and the names of
/// every other file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub total: usize,
    /// The day of ordinal 0 (`YYYY-MM-DD`), and then the number of articles of each day.
    pub first_day: String,
    pub day_counts: Vec<u32>,
    /// Every district with articles, ordered by province then name (as the filter panel shows
    /// them); positions in this list are the district numbers used everywhere else (+1, so
    /// that 0 means "no district").
    pub districts: Vec<DistrictEntry>,
    /// Every topic slug in the collection, in the contract's order; bit `i` of a topic mask.
    pub topics: Vec<String>,
    /// Articles per topic (bit `i` of a topic mask): with the districts' counts, every count
    /// of the first screen comes from the manifest alone.
    pub topic_counts: Vec<u64>,
    /// Content hash of `masks-<hash>.json`, the `[district, topic set, count]` table that
    /// every filtered count without dates or search follows from. Most of a big archive's
    /// metadata (~110 KB compressed at 1,000,000 articles), so only a filter fetches it.
    pub mask_table: String,
    /// Content hash of each segment (ordinals `SEGMENT·k ..`).
    pub segments: Vec<String>,
    /// The hash of the numbering (the districts' ids in order, the topics), which rows and
    /// totals are written in: their names carry it, so that a new district, which renumbers
    /// those after it, gives them new names instead of new contents under old ones.
    pub numbering: String,
    /// Content hash of the search directory (`search/dir-<hash>.json`).
    pub search: String,
    /// Content hash of the directory of adjacent-word pairs (`search/pairs-<hash>.json`),
    /// what phrase queries read.
    #[serde(default)]
    pub pairs: String,
    /// Content hash of the dense prefixes' directory (`search/dense-<hash>.json`, [`DenseDir`]).
    pub dense: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictEntry {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    pub province: String,
    pub province_2025: String,
    pub count: usize,
    /// Content hash of the head of its listing, `district/<id>-<hash>.json`.
    pub shard: String,
}

/// `seg/<k>-<hash>/rows-<numbering>.json`: per article of the segment, in ordinal order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Rows {
    /// The segment's hash, so a file from another segment or version is recognised.
    pub segment: String,
    /// District number (0 = none).
    pub district: Vec<u32>,
    pub topics: Vec<u64>,
}

/// Every archive file but the manifest, as the reader decodes it (`read::wire`): one type
/// with every field of every kind (each kind fills its own), so that one decoder serves them
/// all. What a file must hold is checked after decoding.
#[derive(Debug, Default)]
pub struct Wire<'a> {
    pub segment: String,
    pub district: Vec<u64>,
    pub topics: Vec<u64>,
    /// A district head's sealed blocks.
    pub blocks: Vec<String>,
    /// A table of totals.
    pub counts: Vec<u64>,
    /// Cards: raw items, decoded one by one with the feed's own validation.
    pub items: Vec<&'a str>,
    pub id: String,
    pub ordinals: Vec<u64>,
    pub first_words: Vec<String>,
    pub words: Vec<String>,
    pub variants: Vec<String>,
    /// Per word, its postings array as raw JSON (checked well-formed, decoded per word).
    pub postings: Vec<&'a str>,
    /// The mask table's topic sets ([`MaskTable`]).
    pub sets: Vec<u64>,
    /// A dense prefix's bitmap, base64 ([`Bits`]).
    pub bits: String,
    /// A tier's group positions, its weights, and the weights its entries index ([`Tier`]).
    pub positions: Vec<u64>,
    pub weights: Vec<u64>,
    pub palette: Vec<u64>,
}

/// `district/<id>-<hash>.json` (the head) and `district/<id>/<b>-<hash>.json` (sealed block
/// `b`): ordinals of one district's articles, ascending and delta-coded (the first from 0),
/// with their topic masks. Block `b` holds the district's articles `b·DISTRICT_BLOCK ..`; the
/// head holds those after its sealed blocks, and names them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DistrictShard {
    pub id: String,
    pub ordinals: Vec<u32>,
    pub topics: Vec<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<String>,
}

/// How many of a district's `count` articles are in sealed blocks: all but the newest 1,024
/// to 3,071 (all of them in the head while there are fewer than 3,072). A block, once
/// sealed, never changes.
pub fn sealed_blocks(count: usize) -> usize {
    count.saturating_sub(DISTRICT_BLOCK / 2) / DISTRICT_BLOCK
}

/// `totals/<k>-<name>.json`: for the articles before segment `k` (ordinals
/// `..SEGMENT·k`), per district number (0 = none) their count per topic bit and then their
/// count, row by row (`topics + 1` numbers a row). A date range's counts are the difference
/// of the totals at the two ends of its whole segments, plus the rows of the segments at its
/// edges: two files and two rows files, however long the range. `segment` is the name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub segment: String,
    pub counts: Vec<u64>,
}

/// `search/dir-<hash>.json` (words) and `search/pairs-<hash>.json` (pairs): the first key of
/// each chunk, chunk `i` being `search/word-<segment>-<i>.json` (`pair-…`). The chunks are
/// named by their generation, `segment`, not each by its hash: a directory of hashes would
/// cost a phrase 110 KB at 1,000,000 articles, and a daily update rewrites every chunk anyway
/// (each holds many words, common and rare).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchDir {
    pub segment: String,
    pub first_words: Vec<String>,
}

/// `search/word-<generation>-<i>.json`: folded words in order, each with its postings flattened as
/// `[ordinal delta, district number, topic mask, weight]` quadruples, ordinals ascending.
/// The district and topics ride along so that a search's facet counts need no other file;
/// `weight` is what ranking needs: bits 0–7 [`crate::rank::term_weight`] (the article's
/// length-normalised, title-weighted frequency of the word), and from bit 8 which of the
/// word's `variants` the article uses, with bit 0 (the most used) flipped so that the usual
/// case adds nothing. In the pairs' chunks (phrases), `weight` is the fields bits of the pair
/// (1 title, 2 summary, 4 body).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Chunk {
    /// Its directory's generation.
    pub segment: String,
    pub words: Vec<String>,
    /// Per word (search chunks only, not pairs): its spellings as the reader compares marks
    /// ([`crate::rank::mark_key`]), most used first, joined by spaces; empty when the only
    /// spelling is the folded word itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    pub postings: Vec<Vec<u64>>,
}

/// Spellings of one word a posting can tell apart; more share the last bit (no Vietnamese
/// word has this many; the in-memory index has the same limit).
pub const MAX_SPELLINGS: usize = 32;

/// `masks-<hash>.json`: per district number (0 = none) a count per topic set (`sets`: the masks
/// that occur, ascending). Its non-zero cells in order are the `[district, topic set, count]`
/// rows, the groups of the dense bitmaps' order (format 5's triples were ~3× bigger).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MaskTable {
    pub sets: Vec<u64>,
    pub counts: Vec<u64>,
}

/// `search/dense-<hash>.json`: the dense search prefixes ([`DENSE_SHARE`]), in order, and their
/// bitmaps' generation: a prefix's bitmap is `search/bits-<segment>-<prefix>.json` ([`Bits`]),
/// in **group order** (the mask table's rows, ordinals ascending in each). A search of dense
/// terms is an AND of bitmaps; its result, district and topic counts are popcounts by row.
/// `counts`: each prefix's articles (what its postings would cost, for a dated search to
/// choose between them and its slices, [`path::slice`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DenseDir {
    pub segment: String,
    pub words: Vec<String>,
    pub counts: Vec<u64>,
}

/// `search/bits-<generation>-<prefix>.json`: one dense prefix's articles in group order, as
/// 64-bit little-endian words (bit `p % 64` of word `p / 64` is group position `p`),
/// base64. `segment` is the generation ([`DenseDir::segment`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Bits {
    pub segment: String,
    pub bits: String,
}

/// `search/places-<prefix>-<s>-<name>-<numbering>.json`: a slice ([`Bits`]) and, for each
/// set bit in order, the article's district number (0 = none) and topic mask, as rows have
/// them (so its name carries the numbering too).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Places {
    pub segment: String,
    pub bits: String,
    pub district: Vec<u32>,
    pub topics: Vec<u64>,
}

pub const WEIGHT_TITLE: u64 = 1;
pub const WEIGHT_SUMMARY: u64 = 2;
pub const WEIGHT_BODY: u64 = 4;

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding: how a bitmap travels inside a JSON file.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            text.push(if i <= group.len() { BASE64[(n >> (18 - 6 * i) & 63) as usize] as char } else { '=' });
        }
    }
    text
}

/// The bytes of standard base64 text; `None` if it is not that.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    if text.len() % 4 != 0 {
        return None;
    }
    let mut bytes = Vec::with_capacity(text.len() / 4 * 3);
    for (k, group) in text.chunks(4).enumerate() {
        let last = k + 1 == text.len() / 4;
        let (mut n, mut padding) = (0u32, 0);
        for (i, &c) in group.iter().enumerate() {
            let value = match c {
                b'=' if last && i >= 2 => {
                    padding += 1;
                    0
                }
                _ if padding > 0 => return None,
                b'A'..=b'Z' => u32::from(c - b'A'),
                b'a'..=b'z' => u32::from(c - b'a') + 26,
                b'0'..=b'9' => u32::from(c - b'0') + 52,
                b'+' => 62,
                b'/' => 63,
                _ => return None,
            };
            n = n << 6 | value;
        }
        bytes.extend(n.to_be_bytes()[1..4 - padding].iter());
    }
    Some(bytes)
}

pub mod path;

#[cfg(test)]
pub(crate) mod tests;
