//! Answering the reader's queries over an archive without IO.
//!
//! The app asks [`Archive::missing`] which files a query needs, fetches them (in parallel),
//! hands each to [`Archive::insert`] (or reports a failure with [`Archive::fail`]), and asks
//! again until nothing is missing; [`Archive::answer`] then gives exact counts and the shown
//! window of cards. A file that failed is never asked for again; the answer says which
//! files are missing and shows everything the others allow.
//!
//! Which files a query needs (N = articles, window = cards shown):
//! - search text newest first, without dates or phrases, every term a dense prefix: the
//!   dense directory, the terms' bitmaps and the mask table (counts are popcounts over its
//!   rows), then the rows (or the districts' listings) of the newest articles until the
//!   window is full; with dates, the terms' slices (their articles in ordinal order) and
//!   the rows of the range, when those cost less than the terms' postings;
//! - other search text: the search directory, then one chunk per term (more for a short prefix
//!   spanning chunks). Postings carry district and topics, so counts need nothing else;
//! - a date range (an ordinal range): with at most one topic and four whole segments or more,
//!   the totals at both ends of its whole segments and the rows of its edges, then the newest
//!   rows until the window is full; otherwise the rows of every segment it spans;
//! - one district alone: its feed (`districts/<id>.json`: its newest items, their places and
//!   its topic counts), so the first page is one file;
//! - districts, no dates: the heads of their listings, and older blocks only as far as the
//!   window reaches (counts come from the totals of every segment, `totals/<n>-<name>.json`, or
//!   with several topics from the `[district, topic set, count]` table, `masks-<hash>.json`;
//!   with no filter, or one district whose feed gave its topic counts, from the manifest);
//! - topics only, no dates: rows of the newest segments until the window is full;
//! - then the cards of the window not already known (`feed.json` seeds the newest).
//!
//! An article's whole item is a file of its own, named by its id ([`path::article`]): the
//! app fetches it directly and hands it to [`Archive::insert_article`].


use super::*;
use crate::date::{Day, Published};
use crate::feed::{read_item, validate, Item};
use crate::json;
use crate::query::{DistrictFacet, Facets, Query};

/// A file the archive needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need {
    SearchDir,
    Chunk(usize),
    /// The directory of adjacent-word pairs, and its chunks (phrases).
    PairDir,
    PairChunk(usize),
    /// The `[district, topic set, count]` table (counts of a filter by several topics, and
    /// the group order of dense bitmaps).
    Masks,
    /// The dense prefixes' directory, and a prefix's bitmap (by its place in it).
    DenseDir,
    Bits(usize),
    /// Slice `slice` of a dense prefix's articles in ordinal order (by its place in the
    /// dense directory): a dated search's; with `places`, also each article's district and
    /// topics (for its rarest term).
    Slice { term: usize, slice: usize, places: bool },
    /// Tier `tier` of the dense prefix at `term` ([`crate::archive::Tier`]).
    Tier { term: usize, tier: usize },
    /// The head of a district's listing (by district number).
    District(usize),
    /// A sealed block of a district's listing.
    DistrictBlock { district: usize, block: usize },
    /// A district's feed, relative to `feed.json` and the page ([`Need::beside_feed`]).
    DistrictFeed(usize),
    Rows(usize),
    /// The totals of the articles before segment `k` ([`crate::archive::Totals`]).
    Totals(usize),
    Cards { segment: usize, block: usize },
}

impl Need {
    /// Whether the file's path is relative to `feed.json` rather than to the manifest.
    pub fn beside_feed(self) -> bool {
        matches!(self, Need::DistrictFeed(_))
    }
}

/// One article as the engine sees it: where it is and what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Doc {
    ordinal: u32,
    district: u32,
    topics: u64,
}

/// One word of a search chunk: its spellings and postings.
#[derive(Debug, Clone)]
struct Word {
    word: String,
    /// Its spellings, most used first ([`crate::rank::mark_key`]); empty: only `word` itself.
    variants: Vec<String>,
    /// Its postings as LEB128 numbers, per article: ordinal delta, district, topics, weight
    /// (see [`crate::archive::Chunk`]). ~6 bytes a posting where decoded ones are 24: a
    /// common word at 1,000,000 articles has hundreds of thousands, and a session keeps every
    /// chunk it read. [`Word::postings`] decodes them when a query reads them.
    postings: Vec<u8>,
    /// How many postings `postings` codes: what a query reserves before decoding them.
    count: u32,
}

impl Word {
    fn postings(&self) -> impl Iterator<Item = (Doc, u64)> + '_ {
        let (mut at, mut ordinal) = (0, 0u32);
        std::iter::from_fn(move || self.posting(&mut at, &mut ordinal))
    }

    /// The posting at `at` (after the one at `ordinal`). Not inlined: one copy in the shell
    /// for every reader of postings.
    #[inline(never)]
    fn posting(&self, at: &mut usize, ordinal: &mut u32) -> Option<(Doc, u64)> {
        if *at >= self.postings.len() {
            return None;
        }
        let mut next = || read_varint(&self.postings, at);
        *ordinal += next() as u32;
        let doc = Doc { ordinal: *ordinal, district: next() as u32, topics: next() };
        Some((doc, next()))
    }
}

/// The answer to a query.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// Matching articles (exact, unless `missing` names files that failed).
    pub total: usize,
    /// The first `shown` matches in the query's order (most relevant or newest first), as
    /// cards (no body).
    pub cards: Vec<Item>,
    pub facets: Facets,
    /// Files that failed and what they would have given; empty when the answer is complete.
    pub missing: Vec<String>,
}

pub struct Archive {
    manifest: Manifest,
    /// The manifest's file name: what a district feed of this version points to.
    manifest_name: String,
    /// `day_start[i]`: ordinal of the first article on `first_day + i`; one more entry at the end.
    day_start: Vec<u32>,
    first_day: i64,
    /// `(district number, topic mask, count)`, once fetched.
    masks: Option<Vec<(u32, u64, usize)>>,
    dense_dir: Option<DenseDir>,
    /// Dense prefixes' bitmaps in group order, by place in `dense_dir`.
    /// (Keyed by `u32`: the totals' map type, one copy of its code in the shell.)
    bits: Map<u32, Vec<u64>>,
    /// Dense prefixes' slices in ordinal order, by (place in `dense_dir`, slice).
    slices: Map<(usize, usize), Vec<u64>>,
    tiers: Map<(usize, usize), tiers::Tiered>,
    /// A district's articles per topic, known from its feed before the mask table is fetched.
    district_topics: Map<u32, Vec<u64>>,
    district_number: Map<String, u32>,
    search_dir: Option<SearchDir>,
    chunks: Map<usize, Vec<Word>>,
    pair_dir: Option<SearchDir>,
    /// Pair → (ordinal, fields bits), ascending by ordinal.
    /// The pairs' chunks, as words (`"ban chap"`) whose postings' weight is the fields bits.
    pair_chunks: Map<usize, Vec<Word>>,
    /// A district's head: the hashes of its sealed blocks, and its newest articles.
    district_heads: Map<usize, (Vec<String>, Vec<Doc>)>,
    district_blocks: Map<(usize, usize), Vec<Doc>>,
    /// A district's newest articles, known from its feed before its shard is loaded.
    district_newest: Map<u32, Vec<u32>>,
    /// Segment `k`'s rows, and past them the slices fetched with their places
    /// ([`Archive::placed_key`]).
    rows: Map<usize, Vec<Doc>>,
    /// Per segment boundary, the totals of the articles before it ([`crate::archive::Totals`]).
    totals: Map<u32, Vec<u64>>,
    cards: Map<u32, Item>,
    card_blocks: Map<(usize, usize), ()>,
    /// Whole items by id: the feeds' and the articles' files fetched ([`Archive::article`]).
    bodies: Map<String, Item>,
    /// Files that failed: path → what went wrong.
    failed: Map<String, String>,
    failed_needs: Map<Need, ()>,
    /// Off only for the fuzz targets: see [`Archive::skip_hash_checks_for_fuzzing`].
    check_hashes: bool,
}

impl Archive {
    /// Read a manifest. The error says what is wrong with it.
    pub fn new(manifest_json: &str) -> Result<Archive, String> {
        let manifest = parse(manifest_json, read_manifest)?;
        if manifest.format != FORMAT {
            return Err(format!("archive format \"{}\" is not \"{FORMAT}\": this reader cannot read it", manifest.format));
        }
        let first_day = Day::parse_iso(&manifest.first_day).ok_or("the manifest's first_day is not a date")?.number();
        let mut day_start = Vec::with_capacity(manifest.day_counts.len() + 1);
        let mut sum = 0u32;
        day_start.push(0);
        for count in &manifest.day_counts {
            // Checked: a damaged manifest's counts must not wrap around into a plausible total.
            sum = sum.checked_add(*count).ok_or("the manifest's day counts add up to more than any archive holds")?;
            day_start.push(sum);
        }
        if sum as usize != manifest.total || manifest.segments.len() != manifest.total.div_ceil(SEGMENT) {
            return Err("the manifest's day counts or segments do not add up to its total".into());
        }
        // District numbers fit 16 bits where a search holds them (`lookup::Hit`).
        if manifest.districts.len() > usize::from(u16::MAX) {
            return Err("the manifest lists more than 65,535 districts".into());
        }
        let district_number = manifest.districts.iter().enumerate().map(|(i, d)| (d.id.clone(), i as u32 + 1)).collect::<Vec<_>>();
        let district_number = Map::from_unsorted(district_number);
        Ok(Archive {
            manifest,
            manifest_name: path::manifest(&content_hash(manifest_json.as_bytes())),
            day_start,
            first_day,
            masks: None,
            dense_dir: None,
            bits: Map::default(),
            slices: Map::default(),
            tiers: Map::default(),
            district_topics: Map::default(),
            district_number,
            search_dir: None,
            chunks: Map::default(),
            pair_dir: None,
            pair_chunks: Map::default(),
            district_heads: Map::default(),
            district_blocks: Map::default(),
            district_newest: Map::default(),
            rows: Map::default(),
            totals: Map::default(),
            cards: Map::default(),
            card_blocks: Map::default(),
            bodies: Map::default(),
            failed: Map::default(),
            failed_needs: Map::default(),
            check_hashes: true,
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    pub fn total(&self) -> usize {
        self.manifest.total
    }

    /// The newest publication day.
    pub fn newest_day(&self) -> Option<Day> {
        let last = self.manifest.day_counts.len().checked_sub(1)?;
        Some(Day::from_number(self.first_day + last as i64))
    }

    /// Every district and topic, counted over the whole archive.
    pub fn all_facets(&self) -> Facets {
        self.answer(&Query::default(), 0).facets
    }

    /// Cards known from a feed: `feed.json` holds the newest items (ordinals `total-1`,
    /// `total-2`, …); a district's feed holds that district's newest, whose ordinals it lists.
    pub fn seed(&mut self, items: &[Item], ordinals: Option<&[u32]>, district: Option<&str>, topic_counts: Option<&[u64]>) {
        let total = self.manifest.total as u32;
        let positions: Vec<u32> = match ordinals {
            Some(list) if list.len() == items.len() => list.to_vec(),
            Some(_) => return,
            None => (0..items.len() as u32).filter_map(|i| total.checked_sub(i + 1)).collect(),
        };
        if positions.len() != items.len() {
            return;
        }
        for (item, &ordinal) in items.iter().zip(&positions) {
            self.cards.insert(ordinal, crate::archive::write::card(item));
            self.bodies.insert(item.id.clone(), item.clone());
        }
        if let Some(&number) = district.and_then(|d| self.district_number.get(d)) {
            self.district_newest.insert(number, positions);
            if let Some(counts) = topic_counts.filter(|c| c.len() == self.manifest.topics.len()) {
                self.district_topics.insert(number, counts.to_vec());
            }
        }
    }

    /// Accept files whatever their content hash. Only for fuzzing (fuzz/): a mutated file can
    /// never match the hash in its name, so every input would stop at that check, before the
    /// decoders and the engine it is meant to reach. Never call this on files from a network.
    #[doc(hidden)]
    pub fn skip_hash_checks_for_fuzzing(&mut self) {
        self.check_hashes = false;
    }

    /// The path of a needed file, relative to the manifest's directory (to `feed.json`'s when
    /// [`Need::beside_feed`]).
    pub fn path(&self, need: Need) -> String {
        let segment_hash = |k: usize| self.manifest.segments.get(k).map(String::as_str).unwrap_or("");
        // The dense prefixes' generation, and the prefix at a place.
        let dir = self.dense_dir.as_ref();
        let dense = (dir.map_or("", |d| d.segment.as_str()), |i: usize| dir.and_then(|d| d.words.get(i)).map_or("", String::as_str));
        match need {
            Need::SearchDir => path::search_dir(&self.manifest.search),
            Need::Chunk(i) => path::chunk(false, self.search_dir.as_ref().map_or("", |d| &d.segment), i),
            Need::PairDir => path::pair_dir(&self.manifest.pairs),
            Need::PairChunk(i) => path::chunk(true, self.pair_dir.as_ref().map_or("", |d| &d.segment), i),
            Need::Masks => path::masks(&self.manifest.mask_table),
            Need::DenseDir => path::dense_dir(&self.manifest.dense),
            Need::Bits(i) => path::bits(dense.0, dense.1(i)),
            Need::Slice { term, slice, places } => {
                let word = dense.1(term);
                match places {
                    true => path::places(word, slice, &self.slice_name(slice), &self.manifest.numbering),
                    false => path::slice(word, slice, &self.slice_name(slice)),
                }
            }
            Need::Tier { term, tier } => path::tier(dense.0, dense.1(term), tier),
            Need::District(number) => {
                let entry = &self.manifest.districts[number - 1];
                path::district(&entry.id, &entry.shard)
            }
            Need::DistrictBlock { district, block } => {
                let hash = self.district_heads.get(&district).and_then(|(blocks, _)| blocks.get(block)).map(String::as_str).unwrap_or("");
                path::district_block(&self.manifest.districts[district - 1].id, block, hash)
            }
            Need::DistrictFeed(number) => path::district_feed(&self.manifest.districts[number - 1].id),
            Need::Rows(k) => path::rows(k, segment_hash(k), &self.manifest.numbering),
            Need::Totals(k) => path::totals(k, &self.totals_name(k)),
            Need::Cards { segment, block } => path::cards(segment, segment_hash(segment), block),
        }
    }

    fn slice_name(&self, s: usize) -> String {
        let segments = &self.manifest.segments;
        let start = (s * SLICE_SEGMENTS).min(segments.len());
        slice_name(&segments[start..(start + SLICE_SEGMENTS).min(segments.len())])
    }

    /// Where the articles of a term's slice fetched with their places are in `rows`: past
    /// every segment (so the map's code is shared), one key for every term and slice.
    fn placed_key(&self, term: usize, slice: usize) -> usize {
        self.manifest.segments.len() + slice * self.dense_dir.as_ref().map_or(0, |dir| dir.words.len()) + term
    }

    fn totals_name(&self, k: usize) -> String {
        totals_name(&self.manifest.numbering, &self.manifest.segments[..k.min(self.manifest.segments.len())])
    }

    /// Record a file that could not be fetched; it is not asked for again.
    pub fn fail(&mut self, need: Need, why: &str) {
        self.failed.insert(self.path(need), why.to_owned());
        self.failed_needs.insert(need, ());
    }

    fn has(&self, need: Need) -> bool {
        self.failed_needs.contains_key(&need)
            || match need {
                Need::SearchDir => self.search_dir.is_some(),
                Need::Chunk(i) => self.chunks.contains_key(&i),
                Need::PairDir => self.pair_dir.is_some(),
                Need::PairChunk(i) => self.pair_chunks.contains_key(&i),
                Need::Masks => self.masks.is_some(),
                Need::DenseDir => self.dense_dir.is_some(),
                Need::Bits(i) => self.bits.contains_key(&(i as u32)),
                Need::Slice { term, slice, places: false } => self.slices.contains_key(&(term, slice)),
                Need::Slice { term, slice, places: true } => self.rows.contains_key(&self.placed_key(term, slice)),
                Need::Tier { term, tier } => self.tiers.contains_key(&(term, tier)),
                Need::District(n) => self.district_heads.contains_key(&n),
                Need::DistrictBlock { district, block } => self.district_blocks.contains_key(&(district, block)),
                Need::DistrictFeed(n) => self.district_newest.contains_key(&(n as u32)),
                Need::Rows(k) => self.rows.contains_key(&k),
                // Nothing is before segment 0.
                Need::Totals(k) => k == 0 || self.totals.contains_key(&(k as u32)),
                Need::Cards { segment, block } => self.card_blocks.contains_key(&(segment, block)),
            }
    }

    /// Take a fetched file. A file that is not what the manifest named (an error page, cut
    /// short, another version's) is refused with a message naming it, and counts as failed.
    pub fn insert(&mut self, need: Need, text: &str) -> Result<(), String> {
        let result = self.decode(need, text);
        if let Err(why) = &result {
            self.fail(need, why);
        }
        result.map_err(|why| format!("{}: {why}", self.path(need)))
    }
}

mod map;
use map::Map;

pub mod wire;
use wire::{parse, read_manifest, read_wire};

mod bits;
mod decode;
mod eval;
pub use eval::read_article;
mod lookup;
mod tally;
mod tiers;
mod window;
