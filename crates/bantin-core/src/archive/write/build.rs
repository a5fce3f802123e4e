//! The archive's files, written segment by segment in ordinal order: the [`Builder`] writes
//! each segment's articles, cards and rows as it comes and keeps only compact postings (a few
//! bytes per word of each article) until [`Builder::finish`] writes the district shards,
//! search chunks and manifest; the [`Front`] then writes the front feeds.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::super::*;
use super::postings::{decode_postings, Postings, Spellings};
use super::{card_json, deltas, feed, json, File, Plan};
use crate::date::Day;
use crate::feed::{FeedExtension, Item};
use crate::fold::{fold, words};

/// What one article adds to the search index: its folded words, each once with its
/// [`crate::rank::term_weight`] and its spellings
/// ([`crate::rank::mark_key`]), and its pairs of adjacent words (`"ban chap"`) with their
/// fields bits, and its length in words. Computing it is the costly part of a layout and needs
/// only the item, so callers may compute many in parallel.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocTerms {
    pub length: u32,
    pub words: Vec<(String, u8, Vec<String>)>,
    pub pairs: Vec<(String, u8)>,
}

pub fn doc_terms(item: &Item) -> DocTerms {
    let stats = crate::terms::article_words(&item.title, &item.summary, &item.content_text);
    let folded = [fold(&item.title), fold(&item.summary), fold(&item.content_text)];
    let fields = [WEIGHT_TITLE, WEIGHT_SUMMARY, WEIGHT_BODY];
    let mut pair_fields: HashMap<(&str, &str), u64> = HashMap::new();
    for (text, field) in folded.iter().zip(fields) {
        for pair in words(text).windows(2) {
            *pair_fields.entry((pair[0], pair[1])).or_insert(0) |= field;
        }
    }
    DocTerms {
        length: stats.length,
        words: stats.words.into_iter().map(|w| (w.folded, w.weight, w.variants)).collect(),
        pairs: pair_fields.into_iter().map(|((a, b), fields)| (format!("{a} {b}"), fields as u8)).collect(),
    }
}

/// Lays out segments as they come (see the module doc).
pub struct Builder<'p> {
    plan: &'p Plan,
    words: Postings,
    spellings: Spellings,
    pairs: Postings,
    segment_hashes: Vec<String>,
    /// The totals of the segments laid out so far ([`Totals`]).
    totals: Vec<u64>,
    /// The items the front feeds show, by ordinal.
    kept: HashMap<u32, Item>,
    /// The oldest items not yet on a full feed page.
    page: Vec<Item>,
}

impl<'p> Builder<'p> {
    pub fn new(plan: &'p Plan) -> Builder<'p> {
        let totals = vec![0; (plan.districts.len() + 1) * (plan.topics.len() + 1)];
        Builder { plan, words: Postings::default(), spellings: Spellings::default(), pairs: Postings::default(), segment_hashes: Vec::new(), totals, kept: HashMap::new(), page: Vec::new() }
    }

    /// Segment `k`: its items in ordinal order with their [`doc_terms`]. Its files, and the
    /// feed pages it fills, go to `sink`.
    pub fn segment(&mut self, k: usize, items: Vec<Item>, terms: Vec<DocTerms>, sink: &mut dyn FnMut(File)) {
        let plan = self.plan;
        assert_eq!(k, self.segment_hashes.len(), "segments are laid out in order");
        assert_eq!(items.len(), plan.segment_len(k), "segment {k} has {} items", plan.segment_len(k));
        let bodies: Vec<String> = items.iter().map(json).collect();
        let hash = content_hash(bodies.join("\n").as_bytes());
        let start = k * SEGMENT;
        let mut rows = Rows { segment: hash.clone(), ..Rows::default() };
        for (offset, ((body, item), terms)) in bodies.into_iter().zip(&items).zip(terms).enumerate() {
            let ordinal = (start + offset) as u32;
            for (pair, weight) in terms.pairs {
                self.pairs.add(pair, ordinal, weight, None);
            }
            for (word, weight, variants) in terms.words {
                let mask = self.spellings.mask(&word, variants);
                self.words.add(word, ordinal, weight, Some(mask));
            }
            let (number, mask) = (plan.numbers[ordinal as usize], plan.masks[ordinal as usize]);
            rows.district.push(number);
            rows.topics.push(mask);
            let width = plan.topics.len() + 1;
            let row = &mut self.totals[number as usize * width..][..width];
            for (bit, count) in row[..width - 1].iter_mut().enumerate() {
                *count += (mask >> bit) & 1;
            }
            row[width - 1] += 1;
            sink(File { path: path::article(&item.id), text: body });
        }
        for (block, cards) in items.chunks(CARD_BLOCK).enumerate() {
            #[derive(Serialize)]
            struct CardsOut<'a> {
                segment: &'a str,
                items: Vec<super::CardJson<'a>>,
            }
            let out = CardsOut { segment: &hash, items: cards.iter().map(card_json).collect() };
            sink(File { path: format!("archive/{}", path::cards(k, &hash, block)), text: json(&out) });
        }
        sink(File { path: format!("archive/{}", path::rows(k, &hash, &plan.numbering)), text: json(&rows) });
        self.segment_hashes.push(hash);
        let name = totals_name(&plan.numbering, &self.segment_hashes);
        let totals = Totals { segment: name.clone(), counts: self.totals.clone() };
        sink(File { path: format!("archive/{}", path::totals(k + 1, &name)), text: json(&totals) });

        // Feed pages hold fixed blocks of ordinals counted from the oldest, and name neither
        // the manifest nor the total (plain JSON Feeds for feed readers, CONTRACT §5), so
        // appending never changes a full page; the newest, partial block is in feed.json.
        let top = plan.total().saturating_sub(1) / FEED_PAGE;
        for (offset, item) in items.into_iter().enumerate() {
            let ordinal = (start + offset) as u32;
            if plan.shown_in_front[ordinal as usize] {
                self.kept.insert(ordinal, item.clone());
            }
            let block = ordinal as usize / FEED_PAGE;
            if block >= top {
                continue;
            }
            self.page.push(item);
            if self.page.len() == FEED_PAGE {
                let newest_first: Vec<Item> = self.page.drain(..).rev().collect();
                let next = (block > 0).then(|| format!("{block}.json"));
                let title = format!("{} — trang {}", plan.title, block + 1);
                sink(File { path: page_url(block), text: feed(&title, newest_first, next, None) });
            }
        }
    }

    /// District shards, search chunks and the manifest, after the last segment.
    pub fn finish(self, sink: &mut dyn FnMut(File)) -> Front<'p> {
        let plan = self.plan;
        assert_eq!(self.segment_hashes.len(), plan.segments(), "every segment is laid out before finishing");
        let mut entries = Vec::with_capacity(plan.districts.len());
        for ((facet, ordinals), code) in plan.districts.iter().zip(&plan.per_district).zip(&plan.codes) {
            let listing = |part: &[u32], blocks: Vec<String>| DistrictShard {
                id: facet.id.clone(),
                ordinals: deltas(part.iter().copied()),
                topics: part.iter().map(|&o| plan.masks[o as usize]).collect(),
                blocks,
            };
            let sealed = sealed_blocks(ordinals.len());
            let mut blocks = Vec::with_capacity(sealed);
            for (b, part) in ordinals.chunks(DISTRICT_BLOCK).take(sealed).enumerate() {
                let text = json(&listing(part, Vec::new()));
                let hash = content_hash(text.as_bytes());
                sink(File { path: format!("archive/{}", path::district_block(&facet.id, b, &hash)), text });
                blocks.push(hash);
            }
            let text = json(&listing(&ordinals[sealed * DISTRICT_BLOCK..], blocks));
            let hash = content_hash(text.as_bytes());
            entries.push(DistrictEntry {
                id: facet.id.clone(),
                name: facet.name.clone(),
                kind: facet.kind.clone(),
                code: code.clone(),
                province: facet.province.clone(),
                province_2025: facet.province_2025.clone(),
                count: ordinals.len(),
                shard: hash.clone(),
            });
            sink(File { path: format!("archive/{}", path::district(&facet.id, &hash)), text });
        }

        // The (district, topic set) table: the mask table, and the dense bitmaps' order.
        let mut mask_counts: BTreeMap<(u32, u64), u64> = BTreeMap::new();
        for (number, mask) in plan.numbers.iter().zip(&plan.masks) {
            *mask_counts.entry((*number, *mask)).or_default() += 1;
        }

        // Search chunks: words in order; and pairs of adjacent words, for phrases.
        // Dense prefixes also as bitmaps, named by what determines them (the segments and the
        // numbering), so they are written as they are made.
        let words = self.words.into_sorted();
        // The chunks too: what is in them follows from the segments, the numbering and how
        // they are cut (the format).
        let input = totals_name(&plan.numbering, &self.segment_hashes);
        let generation = |what: &str| content_hash(format!("{what}\n{input}").as_bytes());
        let dense = super::dense::write_dense(&words, &self.spellings, plan, &mask_counts, &self.segment_hashes, &generation(&format!("dense {DENSE_SHARE}")), sink);
        let search_hash = dictionary(words, Some(&self.spellings), plan, sink, &generation(&format!("{FORMAT} words {CHUNK_BYTES}")));
        let pairs_hash = dictionary(self.pairs.into_sorted(), None, plan, sink, &generation(&format!("{FORMAT} pairs {CHUNK_BYTES}")));

        let total = plan.total();
        // Per-day counts.
        let first_day = plan.metas.first().map(|(p, _)| p.day).unwrap_or(Day { year: 2000, month: 1, day: 1 });
        let mut day_counts: Vec<u32> = Vec::new();
        for (published, _) in &plan.metas {
            let at = (published.day.number() - first_day.number()) as usize;
            if day_counts.len() <= at {
                day_counts.resize(at + 1, 0);
            }
            day_counts[at] += 1;
        }
        // Per district (0 = none) and per topic: the totals of every segment, less their last
        // column (each district's articles).
        let district_topics: Vec<Vec<u64>> = self.totals.chunks_exact(plan.topics.len() + 1).map(|row| row[..plan.topics.len()].to_vec()).collect();
        let topic_counts = (0..plan.topics.len()).map(|bit| district_topics.iter().map(|d| d[bit]).sum()).collect();
        let mut sets: Vec<u64> = mask_counts.keys().map(|&(_, m)| m).collect();
        sets.sort_unstable();
        sets.dedup();
        let mut counts = vec![0; (plan.districts.len() + 1) * sets.len()];
        for ((d, m), c) in mask_counts {
            counts[d as usize * sets.len() + sets.binary_search(&m).expect("a set of the table")] = c;
        }
        let table = MaskTable { sets, counts };
        let table_text = json(&table);
        let mask_table = content_hash(table_text.as_bytes());
        sink(File { path: format!("archive/{}", path::masks(&mask_table)), text: table_text });
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            total,
            first_day: first_day.to_string(),
            day_counts,
            districts: entries,
            topics: plan.topics.clone(),
            topic_counts,
            mask_table,
            segments: self.segment_hashes,
            numbering: plan.numbering.clone(),
            search: search_hash,
            pairs: pairs_hash,
            dense,
        };
        let manifest_text = json(&manifest);
        let manifest_path = format!("archive/{}", path::manifest(&content_hash(manifest_text.as_bytes())));
        sink(File { path: manifest_path.clone(), text: manifest_text });
        Front { plan, manifest_path, manifest, kept: self.kept, district_topics }
    }
}

fn page_url(block: usize) -> String {
    format!("feed/{}.json", block + 1)
}

/// Write a dictionary (keys in order, each with its postings, and for words their spellings)
/// as search chunks of about [`CHUNK_BYTES`], named by `generation`, and a directory of their
/// first keys (of the pairs' dictionary without `spellings`); returns the directory's hash.
fn dictionary(postings: Vec<(String, Vec<u8>)>, spellings: Option<&Spellings>, plan: &Plan, sink: &mut dyn FnMut(File), generation: &str) -> String {
    let pairs = spellings.is_none();
    let mut dir = SearchDir { segment: generation.to_owned(), first_words: Vec::new() };
    let fresh = || Chunk { segment: generation.to_owned(), ..Chunk::default() };
    let mut chunk = fresh();
    let mut chunk_bytes = 0;
    let mut flush = |chunk: &mut Chunk, dir: &mut SearchDir| {
        if chunk.words.is_empty() {
            return;
        }
        let path = path::chunk(pairs, generation, dir.first_words.len());
        dir.first_words.push(chunk.words[0].clone());
        sink(File { path: format!("archive/{path}"), text: json(&*chunk) });
        *chunk = fresh();
    };
    for (key, bytes) in postings {
        let mut list = Vec::new();
        let mut ordinal = 0usize;
        let (listed, new_bit) = spellings.map(|s| s.listing(&key)).unwrap_or_default();
        for (delta, weight, mask) in decode_postings(&bytes, spellings.is_some()) {
            ordinal += delta as usize;
            let mut renumbered = 0u64;
            for (old, &bit) in new_bit.iter().enumerate() {
                renumbered |= ((mask >> old.min(63)) & 1) << bit;
            }
            // Bit 0 flipped: an article using only the most used spelling, the usual case,
            // adds nothing to its weight's digits.
            let spelled = if listed.is_empty() { 0 } else { renumbered ^ 1 };
            list.extend([delta, u64::from(plan.numbers[ordinal]), plan.masks[ordinal], weight | spelled << 8]);
        }
        chunk_bytes += list.len() * 3 + key.len() + listed.len();
        if spellings.is_some() {
            chunk.variants.push(listed);
        }
        chunk.words.push(key);
        chunk.postings.push(list);
        if chunk_bytes >= CHUNK_BYTES {
            flush(&mut chunk, &mut dir);
            chunk_bytes = 0;
        }
    }
    flush(&mut chunk, &mut dir);
    let text = json(&dir);
    let hash = content_hash(text.as_bytes());
    let dir_path = if pairs { path::pair_dir(&hash) } else { path::search_dir(&hash) };
    sink(File { path: format!("archive/{dir_path}"), text });
    hash
}

/// The front feeds, once the manifest is written: `feed.json` (the newest items), the feed
/// pages held back by [`Builder::segment`], and each district's feed.
pub struct Front<'p> {
    plan: &'p Plan,
    manifest_path: String,
    manifest: Manifest,
    kept: HashMap<u32, Item>,
    /// Per district number (0 = none), its articles per topic.
    district_topics: Vec<Vec<u64>>,
}

impl Front<'_> {
    pub fn manifest_path(&self) -> &str {
        &self.manifest_path
    }

    /// `_bantin` of a feed `depth` directories below the archive's, with a district's
    /// ordinals and topic counts.
    fn pointer(&self, depth: usize, district: Option<(Vec<u32>, Vec<u64>)>) -> FeedExtension {
        let (ordinals, topic_counts) = district.unzip();
        FeedExtension { archive: format!("{}{}", "../".repeat(depth), self.manifest_path), total: self.plan.total(), ordinals, topic_counts }
    }

    fn items(&self, ordinals: impl Iterator<Item = u32>) -> Vec<Item> {
        ordinals.map(|o| self.kept[&o].clone()).collect()
    }

    pub fn feed_json(&self, sink: &mut dyn FnMut(File)) {
        let total = self.plan.total();
        let top = total.saturating_sub(1) / FEED_PAGE;
        let next = (total > FEED_PAGE).then(|| page_url(top - 1));
        let newest = self.items((0..total as u32).rev().take(FEED_PAGE));
        sink(File { path: "feed.json".into(), text: feed(&self.plan.title, newest, next, Some(self.pointer(0, None))) });
    }

    pub fn district_feeds(&self, sink: &mut dyn FnMut(File)) {
        let plan = self.plan;
        for (number, (entry, ordinals)) in self.manifest.districts.iter().zip(&plan.per_district).enumerate() {
            let newest: Vec<u32> = ordinals.iter().rev().take(FEED_PAGE).copied().collect();
            let items = self.items(newest.iter().copied());
            let title = format!("{} — {} {}, {}", plan.title, entry.kind, entry.name, entry.province);
            let topics = self.district_topics[number + 1].clone();
            sink(File { path: format!("districts/{}.json", entry.id), text: feed(&title, items, None, Some(self.pointer(1, Some((newest, topics))))) });
        }
    }
}
