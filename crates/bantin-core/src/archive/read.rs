//! Answering the reader's queries over an archive without IO.
//!
//! The app asks [`Archive::missing`] which files a query needs, fetches them (in parallel),
//! hands each to [`Archive::insert`] (or reports a failure with [`Archive::fail`]), and asks
//! again until nothing is missing; [`Archive::answer`] then gives exact counts and the shown
//! window of cards. A file that failed is never asked for again; the answer says which
//! files are missing and shows everything the others allow.
//!
//! Which files a query needs (N = articles, window = cards shown):
//! - search text: the search directory, then one chunk per term (more for a short prefix
//!   spanning chunks). Postings carry district and topics, so counts need nothing else;
//! - a date range: the rows of the segments it spans (a date range is an ordinal range);
//! - districts, no dates: their shards (counts come from the `[district, topic set, count]`
//!   table, `masks-<hash>.json`; with no filter, or one district whose feed gave its topic
//!   counts, from the manifest alone);
//! - topics only, no dates: rows of the newest segments until the window is full;
//! - then the cards of the window not already known (`feed.json` seeds the newest).


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
    /// The `[district, topic set, count]` table (filtered counts without dates or search).
    Masks,
    District(usize),
    Rows(usize),
    Cards { segment: usize, block: usize },
    IdDir,
    IdBucket(usize),
    Body(u32),
}

/// One article as the engine sees it: where it is and what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Doc {
    ordinal: u32,
    district: u32,
    topics: u64,
}

/// The answer to a query.
#[derive(Debug, Clone, Default)]
pub struct Answer {
    /// Matching articles (exact, unless `missing` names files that failed).
    pub total: usize,
    /// The first `shown` matches, newest first, as cards (no body).
    pub cards: Vec<Item>,
    /// The places (ordinals) of the shown matches, newest first.
    pub ordinals: Vec<u32>,
    pub facets: Facets,
    /// Files that failed and what they would have given; empty when the answer is complete.
    pub missing: Vec<String>,
}

pub struct Archive {
    manifest: Manifest,
    /// `day_start[i]`: ordinal of the first article on `first_day + i`; one more entry at the end.
    day_start: Vec<u32>,
    first_day: i64,
    /// `(district number, topic mask, count)`, once fetched.
    masks: Option<Vec<(u32, u64, usize)>>,
    /// A district's articles per topic, known from its feed before the mask table is fetched.
    district_topics: Map<u32, Vec<u64>>,
    district_number: Map<String, u32>,
    search_dir: Option<SearchDir>,
    chunks: Map<usize, Vec<(String, Vec<Doc>)>>,
    pair_dir: Option<SearchDir>,
    /// Pair → (ordinal, fields bits), ascending by ordinal.
    pair_chunks: Map<usize, Vec<(String, Vec<(u32, u8)>)>>,
    district_shards: Map<usize, Vec<Doc>>,
    /// A district's newest articles, known from its feed before its shard is loaded.
    district_newest: Map<u32, Vec<u32>>,
    rows: Map<usize, Vec<Doc>>,
    cards: Map<u32, Item>,
    card_blocks: Map<(usize, usize), ()>,
    ordinal_of: Map<String, u32>,
    /// The id directory: each bucket's hash.
    id_dir: Option<Vec<String>>,
    id_buckets: Map<usize, Map<String, u32>>,
    bodies: Map<u32, Item>,
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
        let district_number = manifest.districts.iter().enumerate().map(|(i, d)| (d.id.clone(), i as u32 + 1)).collect::<Vec<_>>();
        let district_number = Map::from_unsorted(district_number);
        Ok(Archive {
            manifest,
            day_start,
            first_day,
            masks: None,
            district_topics: Map::default(),
            district_number,
            search_dir: None,
            chunks: Map::default(),
            pair_dir: None,
            pair_chunks: Map::default(),
            district_shards: Map::default(),
            district_newest: Map::default(),
            rows: Map::default(),
            cards: Map::default(),
            card_blocks: Map::default(),
            ordinal_of: Map::default(),
            id_dir: None,
            id_buckets: Map::default(),
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
            self.ordinal_of.insert(item.id.clone(), ordinal);
            self.cards.insert(ordinal, crate::archive::write::card(item));
            self.bodies.insert(ordinal, item.clone());
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

    /// The path of a needed file, relative to the manifest's directory.
    pub fn path(&self, need: Need) -> String {
        let segment_hash = |k: usize| self.manifest.segments.get(k).map(String::as_str).unwrap_or("");
        match need {
            Need::SearchDir => path::search_dir(&self.manifest.search),
            Need::Chunk(i) => path::chunk(self.search_dir.as_ref().and_then(|d| d.chunks.get(i)).map(String::as_str).unwrap_or("")),
            Need::PairDir => path::pair_dir(&self.manifest.pairs),
            Need::PairChunk(i) => path::chunk(self.pair_dir.as_ref().and_then(|d| d.chunks.get(i)).map(String::as_str).unwrap_or("")),
            Need::Masks => path::masks(&self.manifest.mask_table),
            Need::District(number) => {
                let entry = &self.manifest.districts[number - 1];
                path::district(&entry.id, &entry.shard)
            }
            Need::Rows(k) => path::rows(k, segment_hash(k)),
            Need::Cards { segment, block } => path::cards(segment, segment_hash(segment), block),
            Need::IdDir => path::id_dir(&self.manifest.ids),
            Need::IdBucket(b) => path::id_bucket(b, self.id_dir.as_ref().and_then(|d| d.get(b)).map(String::as_str).unwrap_or("")),
            Need::Body(ordinal) => {
                let k = ordinal as usize / SEGMENT;
                path::body(k, segment_hash(k), ordinal as usize % SEGMENT)
            }
        }
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
                Need::District(n) => self.district_shards.contains_key(&n),
                Need::Rows(k) => self.rows.contains_key(&k),
                Need::Cards { segment, block } => self.card_blocks.contains_key(&(segment, block)),
                Need::IdDir => self.id_dir.is_some(),
                Need::IdBucket(b) => self.id_buckets.contains_key(&b),
                Need::Body(o) => self.bodies.contains_key(&o),
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

    fn check_hash(&self, need: Need, text: &str) -> Result<(), String> {
        if !self.check_hashes {
            return Ok(());
        }
        let want = self.path(need);
        let got = content_hash(text.as_bytes());
        if want.contains(&got) {
            Ok(())
        } else if text.trim_start().starts_with('<') {
            Err("an HTML page, not an archive file (an error page?)".into())
        } else {
            Err(format!("its content hash is {got}, not the one in its name: a damaged or foreign file"))
        }
    }

    /// A district number and an ordinal a file names must exist in this archive: everything
    /// after decoding indexes by them. (0 is "no district".)
    fn check_place(&self, district: u32, ordinal: u32) -> Result<(), String> {
        if district as usize > self.manifest.districts.len() {
            return Err(format!("it names district {district}, but the archive has {}", self.manifest.districts.len()));
        }
        if ordinal as usize >= self.manifest.total {
            return Err(format!("it names article {ordinal}, but the archive has {}", self.manifest.total));
        }
        Ok(())
    }

    fn check_segment(&self, k: usize, segment: &str) -> Result<(), String> {
        match self.manifest.segments.get(k) {
            Some(hash) if hash == segment => Ok(()),
            _ => Err(format!("it belongs to segment {segment}, not to this archive's segment {k}")),
        }
    }

    fn decode(&mut self, need: Need, text: &str) -> Result<(), String> {
        if let Need::Body(ordinal) = need {
            let item = parse(text, read_item)?;
            validate(&item)?;
            if self.cards.get(&ordinal).is_some_and(|card| card.id != item.id && !card.id.is_empty()) {
                return Err(format!("it holds article \"{}\", not the one listed at this place", item.id));
            }
            self.ordinal_of.insert(item.id.clone(), ordinal);
            self.bodies.insert(ordinal, item);
            return Ok(());
        }
        if !matches!(need, Need::Rows(_) | Need::Cards { .. }) {
            self.check_hash(need, text)?;
        }
        let wire = parse(text, read_wire)?;
        match need {
            Need::SearchDir | Need::PairDir => {
                if wire.first_words.len() != wire.chunks.len() {
                    return Err("its word and chunk lists differ in length".into());
                }
                let dir = Some(SearchDir { first_words: wire.first_words, chunks: wire.chunks });
                if need == Need::SearchDir {
                    self.search_dir = dir;
                } else {
                    self.pair_dir = dir;
                }
            }
            Need::Masks => {
                if wire.masks.len() % 3 != 0 {
                    return Err("its table is not made of [district, topics, count] triples".into());
                }
                let masks: Vec<(u32, u64, usize)> = wire.masks.chunks_exact(3).map(|t| (t[0] as u32, t[1], t[2] as usize)).collect();
                for &(district, _, count) in &masks {
                    self.check_place(district, 0)?;
                    if count > self.manifest.total {
                        return Err(format!("it counts {count} articles in one row, more than the archive's {}", self.manifest.total));
                    }
                }
                self.masks = Some(masks);
            }
            Need::PairChunk(i) => {
                let pairs = dictionary(wire.words, wire.postings, |ordinal, p| (ordinal, (p[3] & 7) as u8));
                for (_, docs) in &pairs {
                    docs.iter().try_for_each(|&(ordinal, _)| self.check_place(0, ordinal))?;
                }
                self.pair_chunks.insert(i, pairs);
            }
            Need::Chunk(i) => {
                let words = dictionary(wire.words, wire.postings, |ordinal, p| Doc { ordinal, district: p[1] as u32, topics: p[2] });
                for (_, docs) in &words {
                    docs.iter().try_for_each(|doc| self.check_place(doc.district, doc.ordinal))?;
                }
                self.chunks.insert(i, words);
            }
            Need::District(number) => {
                let mut ordinal = 0u64;
                let docs = wire
                    .ordinals
                    .iter()
                    .zip(wire.topics)
                    .map(|(delta, topics)| {
                        ordinal = ordinal.saturating_add(*delta);
                        Doc { ordinal: ordinal.min(u64::from(u32::MAX)) as u32, district: number as u32, topics }
                    })
                    .collect::<Vec<_>>();
                docs.iter().try_for_each(|doc| self.check_place(0, doc.ordinal))?;
                self.district_shards.insert(number, docs);
            }
            Need::Rows(k) => {
                self.check_segment(k, &wire.segment)?;
                let start = (k * SEGMENT) as u32;
                let expected = (self.manifest.total - k * SEGMENT).min(SEGMENT);
                if wire.district.len() != expected || wire.topics.len() != expected {
                    return Err(format!("it has {} rows, not {expected}", wire.district.len()));
                }
                let docs: Vec<Doc> = wire.district.iter().zip(&wire.topics).enumerate().map(|(i, (&district, &topics))| Doc { ordinal: start + i as u32, district: district as u32, topics }).collect();
                docs.iter().try_for_each(|doc| self.check_place(doc.district, doc.ordinal))?;
                self.rows.insert(k, docs);
            }
            Need::Cards { segment, block } => {
                self.check_segment(segment, &wire.segment)?;
                let first = (segment * SEGMENT + block * CARD_BLOCK) as u32;
                let mut bad = Vec::new();
                for (i, raw) in wire.items.iter().enumerate() {
                    match json::read_all(raw, read_item).map_err(|e| e.to_string()).and_then(|item| validate(&item).map(|()| item)) {
                        Ok(item) => {
                            self.ordinal_of.insert(item.id.clone(), first + i as u32);
                            self.cards.insert(first + i as u32, item);
                        }
                        Err(why) => bad.push(format!("item {i}: {why}")),
                    }
                }
                self.card_blocks.insert((segment, block), ());
                if !bad.is_empty() {
                    self.failed.insert(self.path(need), format!("skipped {}", bad.join("; ")));
                }
            }
            Need::IdDir => self.id_dir = Some(wire.buckets),
            Need::IdBucket(b) => {
                let entries: Vec<(String, u32)> = wire.ids.into_iter().zip(wire.ordinals.into_iter().map(|o| o.min(u64::from(u32::MAX)) as u32)).collect();
                entries.iter().try_for_each(|&(_, ordinal)| self.check_place(0, ordinal))?;
                self.id_buckets.insert(b, Map::from_unsorted(entries));
            }
            Need::Body(_) => {}
        }
        Ok(())
    }
}

/// A search chunk's keys with their postings decoded: `[ordinal delta, district, topics,
/// weight]` quadruples, each made into a `T` from its ordinal and the quadruple.
fn dictionary<T>(keys: Vec<String>, postings: Vec<Vec<u64>>, make: impl Fn(u32, &[u64]) -> T) -> Vec<(String, Vec<T>)> {
    keys.into_iter()
        .zip(postings)
        .map(|(key, flat)| {
            let mut ordinal = 0u64;
            let docs = flat
                .chunks_exact(4)
                .map(|p| {
                    ordinal = ordinal.saturating_add(p[0]);
                    make(ordinal.min(u64::from(u32::MAX)) as u32, p)
                })
                .collect();
            (key, docs)
        })
        .collect()
}

mod map;
use map::Map;

pub mod wire;
use wire::{parse, read_manifest, read_wire};

mod eval;
mod tally;
