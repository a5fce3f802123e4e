//! Lay a collection out as an archive: pure (items in, `(path, text)` pairs out), so the
//! ingest CLI does the file system and this stays testable and deterministic.
//!
//! Everything is derived from the items in ordinal order; the same items always give the
//! same bytes, and appending newer items changes only the newest segment, the district
//! shards, search chunks and id buckets that the new items touch, and the small mutable
//! front files (`feed.json`, `districts/<id>.json`, the newest `feed/<n>.json`).
//!
//! The work is split so that a collection bigger than memory can be laid out in one pass
//! over its texts: a [`Plan`] from every item's metadata (no texts: ~300 bytes an item), then
//! a [`Builder`] fed one segment at a time in ordinal order (it keeps only compact postings
//! and the few items the front feeds show), then the [`Front`]. [`layout`] drives the three
//! over items in memory; `bantin-ingest archive` drives them over files, spooling segments on
//! disk. Both give the same bytes.

use serde::Serialize;

use crate::feed::{Feed, FeedExtension, Item, JSON_FEED_VERSION};

mod build;
mod dense;
mod plan;
mod postings;
mod tiers;

pub use build::{doc_terms, Builder, DocTerms, Front};
pub use plan::{meta, Plan};

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

/// The card of an item: what the list shows, without the body and captions.
pub fn card(item: &Item) -> Item {
    let mut card = item.clone();
    card.content_text.clear();
    card.bantin.captions.clear();
    card
}

/// What a card file keeps of an item: its id and what the list shows of it (title, summary,
/// date, place, topics). The rest (link, authors, tags, site, source) is read from the
/// article's own file when it is opened. The tests hold card files to it (whichever the
/// field list [`card_json`] writes, what the reader takes from a card must equal this).
pub fn card_fields(item: &Item) -> Item {
    let b = &item.bantin;
    Item {
        id: item.id.clone(),
        url: None,
        title: item.title.clone(),
        summary: item.summary.clone(),
        content_text: String::new(),
        date_published: item.date_published.clone(),
        authors: Vec::new(),
        tags: Vec::new(),
        bantin: crate::feed::Bantin {
            district: b.district.clone(),
            district_type: b.district_type.clone(),
            district_id: b.district_id.clone(),
            province: b.province.clone(),
            province_2025: b.province_2025.clone(),
            topics: b.topics.clone(),
            date_precision: b.date_precision.clone(),
            ..Default::default()
        },
    }
}

/// [`card_fields`] as a card file writes them: without the fields a card leaves empty
/// (absent reads as empty), borrowed from the item (a million of them at 1,000,000 articles).
#[derive(Serialize)]
pub(super) struct CardJson<'a> {
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    date_published: &'a str,
    #[serde(rename = "_bantin")]
    bantin: CardPlace<'a>,
}

#[derive(Serialize)]
struct CardPlace<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    province_2025: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    topics: &'a [String],
    date_precision: &'a str,
}

pub(super) fn card_json(item: &Item) -> CardJson<'_> {
    let b = &item.bantin;
    CardJson {
        id: &item.id,
        title: &item.title,
        summary: &item.summary,
        date_published: &item.date_published,
        bantin: CardPlace {
            district: b.district.as_deref(),
            district_type: b.district_type.as_deref(),
            district_id: b.district_id.as_deref(),
            province: b.province.as_deref(),
            province_2025: b.province_2025.as_deref(),
            topics: &b.topics,
            date_precision: &b.date_precision,
        },
    }
}

/// A JSON Feed of `items` (already newest first); `bantin` names the archive.
fn feed(title: &str, items: Vec<Item>, next_url: Option<String>, bantin: Option<FeedExtension>) -> String {
    let feed = Feed {
        version: JSON_FEED_VERSION.to_owned(),
        title: title.to_owned(),
        home_page_url: None,
        feed_url: None,
        description: None,
        language: "vi".to_owned(),
        items,
        next_url,
        bantin,
    };
    let mut text = serde_json::to_string_pretty(&feed).expect("a feed always serializes");
    text.push('\n');
    text
}

/// Lay out `items` (valid per [`crate::feed::validate`], unique ids) under the title `title`.
pub fn layout(title: &str, items: Vec<Item>) -> Result<Layout, LayoutError> {
    let (plan, ordinals) = Plan::new(title, items.iter().map(meta).collect())?;
    let mut by_ordinal: Vec<Option<Item>> = vec![None; plan.total()];
    for (item, ordinal) in items.into_iter().zip(ordinals) {
        if let Some(ordinal) = ordinal {
            by_ordinal[ordinal as usize] = Some(item);
        }
    }
    let mut files = Vec::new();
    let mut builder = Builder::new(&plan);
    let mut ordered = by_ordinal.into_iter().flatten();
    for k in 0..plan.segments() {
        let segment: Vec<Item> = ordered.by_ref().take(plan.segment_len(k)).collect();
        let terms = segment.iter().map(doc_terms).collect();
        builder.segment(k, segment, terms, &mut |file| files.push(file));
    }
    let front = builder.finish(&mut |file| files.push(file));
    front.feed_json(&mut |file| files.push(file));
    front.district_feeds(&mut |file| files.push(file));
    Ok(Layout { files, manifest_path: front.manifest_path().to_owned() })
}
