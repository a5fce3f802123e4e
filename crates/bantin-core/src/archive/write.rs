//! Lay a collection out as an archive: pure (items in, `(path, text)` pairs out), so the
//! ingest CLI does the file system and this stays testable and deterministic.
//!
//! Everything is derived from the items in ordinal order; the same items always give the
//! same bytes, and appending newer items changes only the newest segment, the district
//! shards, search chunks and id buckets that the new items touch, and the small mutable
//! front files (`feed.json`, `districts/<id>.json`, the newest `feed/<n>.json`).

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::*;
use crate::date::{Day, Published};
use crate::feed::{Feed, FeedExtension, Item, JSON_FEED_VERSION};
use crate::fold::{fold, words};
use crate::query::{district_table, topic_table};

/// One file of the output, relative to the output directory (`feed.json`, `archive/…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// What [`layout`] produced.
#[derive(Debug, Clone)]
pub struct Layout {
    pub files: Vec<File>,
    /// `archive/manifest-<hash>.json`.
    pub manifest_path: String,
}

/// Why a collection cannot be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    /// More distinct topic slugs than a topic mask has bits.
    TooManyTopics(usize),
}

impl std::fmt::Display for LayoutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LayoutError::TooManyTopics(n) => {
                write!(f, "the items use {n} distinct topic slugs; an archive holds at most 53 (the contract has 11)")
            }
        }
    }
}

/// Items in ordinal order: oldest first, and at one instant by descending id, so that newest
/// first (descending ordinal) breaks ties by ascending id as the contract asks.
pub fn ordinal_order(items: &mut [(Published, Item)]) {
    items.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.id.cmp(&a.1.id)));
}

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("archive structures always serialize")
}

/// Deltas of an ascending sequence (the first value as is): small numbers compress well.
fn deltas(values: impl IntoIterator<Item = u32>) -> Vec<u32> {
    let mut last = 0;
    values
        .into_iter()
        .map(|v| {
            let d = v - last;
            last = v;
            d
        })
        .collect()
}

type Counts = BTreeMap<String, (u64, u64)>;

/// Fold a field and count its words and its pairs of adjacent words (`"ban chap"`):
/// key → (fields bits, occurrences). Returns the number of words.
fn field_words(text: &str, counts: &mut Counts, pairs: &mut Counts, field: u64) -> u32 {
    let folded = fold(text);
    let list = words(&folded);
    let add = |map: &mut Counts, key: String| {
        let entry = map.entry(key).or_insert((0, 0));
        entry.0 |= field;
        entry.1 += 1;
    };
    for word in &list {
        add(counts, (*word).to_owned());
    }
    for pair in list.windows(2) {
        add(pairs, format!("{} {}", pair[0], pair[1]));
    }
    list.len() as u32
}

/// Write a dictionary (keys in order, each with `(ordinal, weight)` pairs) as search chunks
/// of about [`CHUNK_BYTES`] and a directory naming them; returns the directory's hash.
fn dictionary(postings: BTreeMap<String, Vec<u32>>, numbers: &[u32], masks: &[u64], files: &mut Vec<File>, dir_path: fn(&str) -> String) -> String {
    let mut dir = SearchDir::default();
    let mut chunk = Chunk::default();
    let mut chunk_bytes = 0;
    let flush = |chunk: &mut Chunk, dir: &mut SearchDir, files: &mut Vec<File>| {
        if chunk.words.is_empty() {
            return;
        }
        let text = json(&*chunk);
        let hash = content_hash(text.as_bytes());
        dir.first_words.push(chunk.words[0].clone());
        dir.chunks.push(hash.clone());
        files.push(File { path: format!("archive/{}", path::chunk(&hash)), text });
        *chunk = Chunk::default();
    };
    for (word, pairs) in postings {
        let mut list = Vec::with_capacity(pairs.len() * 2);
        let mut last = 0;
        for pair in pairs.chunks(2) {
            let ordinal = pair[0] as usize;
            list.extend([(ordinal - last) as u64, u64::from(numbers[ordinal]), masks[ordinal], u64::from(pair[1])]);
            last = ordinal;
        }
        chunk_bytes += list.len() * 3 + word.len();
        chunk.words.push(word);
        chunk.postings.push(list);
        if chunk_bytes >= CHUNK_BYTES {
            flush(&mut chunk, &mut dir, files);
            chunk_bytes = 0;
        }
    }
    flush(&mut chunk, &mut dir, files);
    let text = json(&dir);
    let hash = content_hash(text.as_bytes());
    files.push(File { path: format!("archive/{}", dir_path(&hash)), text });
    hash
}

/// A JSON Feed of `items` (already newest first).
fn feed(title: &str, items: Vec<Item>, next_url: Option<String>, archive: &str, total: usize, ordinals: Option<Vec<u32>>) -> String {
    let feed = Feed {
        version: JSON_FEED_VERSION.to_owned(),
        title: title.to_owned(),
        home_page_url: None,
        feed_url: None,
        description: None,
        language: "vi".to_owned(),
        items,
        next_url,
        bantin: Some(FeedExtension { archive: archive.to_owned(), total, ordinals }),
    };
    let mut text = serde_json::to_string_pretty(&feed).expect("a feed always serializes");
    text.push('\n');
    text
}

/// The card of an item: what the list shows, without the body and captions.
pub fn card(item: &Item) -> Item {
    let mut card = item.clone();
    card.content_text.clear();
    card.bantin.captions.clear();
    card
}

/// Lay out `items` (valid per [`crate::feed::validate`], unique ids) under the title `title`.
pub fn layout(title: &str, items: Vec<Item>) -> Result<Layout, LayoutError> {
    let mut items: Vec<(Published, Item)> = items
        .into_iter()
        .filter_map(|item| Published::parse_rfc3339(&item.date_published).map(|p| (p, item)))
        .collect();
    ordinal_order(&mut items);
    let total = items.len();
    let districts = district_table(items.iter().map(|(_, i)| i));
    let topics = topic_table(items.iter().map(|(_, i)| i));
    if topics.len() > 53 {
        return Err(LayoutError::TooManyTopics(topics.len()));
    }
    let district_number: HashMap<&str, u32> = districts.iter().enumerate().map(|(i, d)| (d.id.as_str(), i as u32 + 1)).collect();
    let topic_bit: HashMap<&str, u64> = topics.iter().enumerate().map(|(i, t)| (t.as_str(), 1u64 << i)).collect();
    let numbers: Vec<u32> =
        items.iter().map(|(_, i)| i.bantin.district_id.as_deref().and_then(|d| district_number.get(d).copied()).unwrap_or(0)).collect();
    let masks: Vec<u64> =
        items.iter().map(|(_, i)| i.bantin.topics.iter().filter_map(|t| topic_bit.get(t.as_str())).fold(0, |m, b| m | b)).collect();

    let mut files = Vec::new();

    // Segments: rows, cards, bodies.
    let mut segment_hashes = Vec::new();
    // Per word: (ordinal, weight) pairs; district and topics are added when written.
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut pair_postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (k, segment) in items.chunks(SEGMENT).enumerate() {
        let bodies: Vec<String> = segment.iter().map(|(_, item)| json(item)).collect();
        let hash = content_hash(bodies.join("\n").as_bytes());
        let start = k * SEGMENT;
        let mut rows = Rows { segment: hash.clone(), ..Rows::default() };
        for (offset, ((_, item), body)) in segment.iter().zip(bodies).enumerate() {
            let ordinal = start + offset;
            let mut counts = BTreeMap::new();
            let mut pairs = BTreeMap::new();
            let length = field_words(&item.title, &mut counts, &mut pairs, WEIGHT_TITLE)
                + field_words(&item.summary, &mut counts, &mut pairs, WEIGHT_SUMMARY)
                + field_words(&item.content_text, &mut counts, &mut pairs, WEIGHT_BODY);
            for (pair, (fields, occurrences)) in pairs {
                pair_postings.entry(pair).or_default().extend([ordinal as u32, (fields + 8 * occurrences.min(31)) as u32]);
            }
            for (word, (fields, occurrences)) in counts {
                let list = postings.entry(word).or_default();
                list.extend([ordinal as u32, (fields + 8 * occurrences.min(31)) as u32]);
            }
            rows.district.push(numbers[ordinal]);
            rows.topics.push(masks[ordinal]);
            rows.lengths.push(length);
            files.push(File { path: format!("archive/{}", path::body(k, &hash, offset)), text: body });
        }
        for (block, cards) in segment.chunks(CARD_BLOCK).enumerate() {
            #[derive(Serialize)]
            struct CardsOut<'a> {
                segment: &'a str,
                items: Vec<Item>,
            }
            let out = CardsOut { segment: &hash, items: cards.iter().map(|(_, i)| card(i)).collect() };
            files.push(File { path: format!("archive/{}", path::cards(k, &hash, block)), text: json(&out) });
        }
        files.push(File { path: format!("archive/{}", path::rows(k, &hash)), text: json(&rows) });
        segment_hashes.push(hash);
    }

    // District shards.
    let mut per_district: Vec<Vec<u32>> = vec![Vec::new(); districts.len()];
    for (ordinal, &number) in numbers.iter().enumerate() {
        if number > 0 {
            per_district[number as usize - 1].push(ordinal as u32);
        }
    }
    let mut entries = Vec::with_capacity(districts.len());
    for (facet, ordinals) in districts.iter().zip(&per_district) {
        let topic_masks = ordinals.iter().map(|&o| masks[o as usize]).collect();
        let shard = DistrictShard { id: facet.id.clone(), ordinals: deltas(ordinals.iter().copied()), topics: topic_masks };
        let text = json(&shard);
        let hash = content_hash(text.as_bytes());
        let code = items.iter().find(|(_, i)| i.bantin.district_id.as_deref() == Some(&facet.id)).and_then(|(_, i)| i.bantin.district_code.clone());
        entries.push(DistrictEntry {
            id: facet.id.clone(),
            name: facet.name.clone(),
            kind: facet.kind.clone(),
            code,
            province: facet.province.clone(),
            province_2025: facet.province_2025.clone(),
            count: ordinals.len(),
            shard: hash.clone(),
        });
        files.push(File { path: format!("archive/{}", path::district(&facet.id, &hash)), text });
    }

    // Search chunks: words in order; and pairs of adjacent words, for phrases.
    let search_hash = dictionary(postings, &numbers, &masks, &mut files, path::search_dir);
    let pairs_hash = dictionary(pair_postings, &numbers, &masks, &mut files, path::pair_dir);

    // Id buckets.
    let bucket_count = total.div_ceil(IDS_PER_BUCKET).max(1);
    let mut buckets = vec![IdBucket::default(); bucket_count];
    for (ordinal, (_, item)) in items.iter().enumerate() {
        let bucket = &mut buckets[(fnv1a(item.id.as_bytes()) % bucket_count as u64) as usize];
        bucket.ids.push(item.id.clone());
        bucket.ordinals.push(ordinal as u32);
    }
    let mut id_dir = IdDir::default();
    for (b, bucket) in buckets.iter().enumerate() {
        let text = json(bucket);
        let hash = content_hash(text.as_bytes());
        files.push(File { path: format!("archive/{}", path::id_bucket(b, &hash)), text });
        id_dir.buckets.push(hash);
    }
    let id_dir_text = json(&id_dir);
    let ids_hash = content_hash(id_dir_text.as_bytes());
    files.push(File { path: format!("archive/{}", path::id_dir(&ids_hash)), text: id_dir_text });

    // Per-day counts, and the (district, topic set) table.
    let first_day = items.first().map(|(p, _)| p.day).unwrap_or(Day { year: 2000, month: 1, day: 1 });
    let mut day_counts: Vec<u32> = Vec::new();
    for (published, _) in &items {
        let at = (published.day.number() - first_day.number()) as usize;
        if day_counts.len() <= at {
            day_counts.resize(at + 1, 0);
        }
        day_counts[at] += 1;
    }
    let mut mask_counts: BTreeMap<(u32, u64), u64> = BTreeMap::new();
    for (number, mask) in numbers.iter().zip(&masks) {
        *mask_counts.entry((*number, *mask)).or_default() += 1;
    }
    let manifest = Manifest {
        format: FORMAT.to_owned(),
        total,
        first_day: first_day.to_string(),
        day_counts,
        districts: entries,
        topics,
        masks: mask_counts.into_iter().flat_map(|((d, m), c)| [u64::from(d), m, c]).collect(),
        segments: segment_hashes,
        search: search_hash,
        pairs: pairs_hash,
        ids: ids_hash,
    };
    let manifest_text = json(&manifest);
    let manifest_path = format!("archive/{}", path::manifest(&content_hash(manifest_text.as_bytes())));
    files.push(File { path: manifest_path.clone(), text: manifest_text });

    // The front: feed.json, its older pages, and each district's feed.
    let newest_first = |ordinals: &mut dyn Iterator<Item = usize>| -> Vec<Item> { ordinals.map(|o| items[o].1.clone()).collect() };
    let pointer = |depth: usize| format!("{}{manifest_path}", "../".repeat(depth));
    // Pages hold fixed blocks of ordinals counted from the oldest, so appending never changes
    // a full page; the newest, partial block is covered by feed.json itself.
    let top = total.saturating_sub(1) / FEED_PAGE;
    let page_url = |block: usize, depth: usize| format!("{}feed/{}.json", "../".repeat(depth), block + 1);
    let front_next = (total > FEED_PAGE).then(|| page_url(top - 1, 0));
    let front = newest_first(&mut (0..total).rev().take(FEED_PAGE));
    files.push(File { path: "feed.json".into(), text: feed(title, front, front_next, &pointer(0), total, None) });
    for block in 0..top {
        let page = newest_first(&mut (block * FEED_PAGE..(block + 1) * FEED_PAGE).rev());
        let next = (block > 0).then(|| format!("{}.json", block));
        let title = format!("{title} — trang {}", block + 1);
        files.push(File { path: page_url(block, 0), text: feed(&title, page, next, &pointer(1), total, None) });
    }
    for (entry, ordinals) in manifest.districts.iter().zip(&per_district) {
        let newest: Vec<u32> = ordinals.iter().rev().take(FEED_PAGE).copied().collect();
        let district_items = newest_first(&mut newest.iter().map(|&o| o as usize));
        let title = format!("{title} — {} {}, {}", entry.kind, entry.name, entry.province);
        files.push(File { path: format!("districts/{}.json", entry.id), text: feed(&title, district_items, None, &pointer(1), total, Some(newest)) });
    }
    Ok(Layout { files, manifest_path })
}
