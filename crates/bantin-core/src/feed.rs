//! The feed format (CONTRACT §1): JSON Feed 1.1 with a `_bantin` extension per item.
//!
//! The ingest tool writes it with [`Feed`]; the app reads it with [`decode`], which is tolerant
//! by design: feeds are untrusted, so one broken item is skipped and reported by name while
//! every valid item is kept.

use serde::{Deserialize, Serialize};

use crate::date::Published;
use crate::json::{self, Reader};

pub const JSON_FEED_VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub language: String,
    pub items: Vec<Item>,
    /// The next (older) page, for feed readers that page (CONTRACT §5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    /// Present when this feed is the front of an archive.
    #[serde(rename = "_bantin", default, skip_serializing_if = "Option::is_none")]
    pub bantin: Option<FeedExtension>,
}

/// A feed's top-level `_bantin` object (CONTRACT §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedExtension {
    /// The archive's manifest, relative to this feed's URL.
    pub archive: String,
    /// Items in the whole archive.
    pub total: usize,
    /// In a district's feed: each item's place in the archive (its ordinal), so the reader
    /// can show the district's first page before fetching anything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinals: Option<Vec<u32>>,
    /// In a district's feed: its articles per topic (in the manifest's topic order), so that
    /// an embed's filter panel is counted before the archive's mask table is fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic_counts: Option<Vec<u64>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
}

/// A feed item. Required fields default to empty when missing, so that [`validate`] can say
/// which one is missing and still name the item by its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    #[serde(default)]
    pub id: String,
    /// Absent rather than `null` when unknown: JSON Feed's `url` is a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub content_text: String,
    #[serde(default)]
    pub date_published: String,
    #[serde(default)]
    pub authors: Vec<Author>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(rename = "_bantin", default)]
    pub bantin: Bantin,
}

/// The `_bantin` extension object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bantin {
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub district_type: Option<String>,
    #[serde(default)]
    pub district_id: Option<String>,
    #[serde(default)]
    pub district_code: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub province_2025: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub site: Option<String>,
    #[serde(default)]
    pub captions: Vec<String>,
    #[serde(default = "default_precision")]
    pub date_precision: String,
    #[serde(default)]
    pub source_file: Option<String>,
    /// How the headline was found: `page`, `url` (restored from the URL slug) or `lead`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_source: Option<String>,
}

fn default_precision() -> String {
    "day".to_owned()
}

/// An item that was left out of a decoded feed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Position in the feed's `items` array (0-based).
    pub index: usize,
    pub id: Option<String>,
    pub reason: String,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.id {
            Some(id) => write!(f, "item {} (id \"{}\"): {}", self.index, id, self.reason),
            None => write!(f, "item {}: {}", self.index, self.reason),
        }
    }
}

/// A feed as the reader sees it: the valid items, and the ones it had to skip.
#[derive(Debug, Clone, Default)]
pub struct Decoded {
    pub title: String,
    /// The feed's `_bantin` object: set when it fronts an archive.
    pub archive: Option<FeedExtension>,
    pub items: Vec<Item>,
    pub skipped: Vec<Skipped>,
    /// Set when the file was cut off inside its items: why, and how many arrived whole.
    pub cut: Option<String>,
}

/// Why a whole feed could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedError {
    /// Not JSON at all (e.g. an HTML error page); the message includes line and column.
    NotJson(String),
    /// JSON, but not a JSON Feed with an `items` array.
    NotAFeed(String),
}

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedError::NotJson(m) => write!(f, "the feed is not valid JSON: {m}"),
            FeedError::NotAFeed(m) => write!(f, "the file is not a JSON Feed: {m}"),
        }
    }
}

impl std::error::Error for FeedError {}

/// Check one item against the contract, beyond what its field types already enforce.
pub fn validate(item: &Item) -> Result<(), String> {
    let url_safe = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if item.id.trim().is_empty() {
        return Err("no id".into());
    }
    // Ids end up in URLs and, through the embed builder, in portals' HTML: hold them to §1.
    if !url_safe(&item.id) {
        return Err(format!("id \"{}\" is not URL-safe ([a-z0-9-] only)", item.id));
    }
    if let Some(district) = item.bantin.district_id.as_deref().filter(|d| !url_safe(d)) {
        return Err(format!("district_id \"{district}\" is not URL-safe ([a-z0-9-] only)"));
    }
    if item.title.trim().is_empty() {
        return Err("no title".into());
    }
    if item.date_published.is_empty() {
        return Err("no date_published".into());
    }
    if Published::parse_rfc3339(&item.date_published).is_none() {
        return Err(format!("date_published \"{}\" is not an RFC 3339 date", item.date_published));
    }
    Ok(())
}

const ITEM_FIELDS: [&str; 9] = ["id", "url", "title", "summary", "content_text", "date_published", "authors", "tags", "_bantin"];
const BANTIN_FIELDS: [&str; 12] = [
    "district", "district_type", "district_id", "district_code", "province", "province_2025", "topics", "site", "captions",
    "date_precision", "source_file", "title_source",
];

/// One item, as the serde derive above reads it (missing fields empty, `_bantin` defaults;
/// only an object, where serde would also take an array of the fields in order),
/// with the browser's small JSON reader (see [`crate::json`]).
pub fn read_item(r: &mut Reader) -> json::Result<Item> {
    let mut item = Item {
        id: String::new(),
        url: None,
        title: String::new(),
        summary: String::new(),
        content_text: String::new(),
        date_published: String::new(),
        authors: Vec::new(),
        tags: Vec::new(),
        // Without `_bantin`, serde's default (an empty precision); with it, "day" unless given.
        bantin: Bantin::default(),
    };
    r.object(&ITEM_FIELDS, 0, &mut |r, i| {
        match i {
            0 => item.id = r.string()?,
            1 => item.url = r.optional_string()?,
            2 => item.title = r.string()?,
            3 => item.summary = r.string()?,
            4 => item.content_text = r.string()?,
            5 => item.date_published = r.string()?,
            6 => r.array(&mut |r| {
                let mut name = String::new();
                r.object(&["name"], 1, &mut |r, _| {
                    name = r.string()?;
                    Ok(())
                })?;
                item.authors.push(Author { name });
                Ok(())
            })?,
            7 => item.tags = r.strings()?,
            _ => read_bantin(r, &mut item.bantin)?,
        }
        Ok(())
    })?;
    Ok(item)
}

fn read_bantin(r: &mut Reader, b: &mut Bantin) -> json::Result<()> {
    b.date_precision = default_precision();
    r.object(&BANTIN_FIELDS, 0, &mut |r, i| {
        match i {
            6 => b.topics = r.strings()?,
            8 => b.captions = r.strings()?,
            9 => b.date_precision = r.string()?,
            _ => {
                let text = match i {
                    0 => &mut b.district,
                    1 => &mut b.district_type,
                    2 => &mut b.district_id,
                    3 => &mut b.district_code,
                    4 => &mut b.province,
                    5 => &mut b.province_2025,
                    7 => &mut b.site,
                    10 => &mut b.source_file,
                    _ => &mut b.title_source,
                };
                *text = r.optional_string()?;
            }
        }
        Ok(())
    })
}

/// A feed's top-level `_bantin` object.
fn read_extension(r: &mut Reader) -> json::Result<FeedExtension> {
    let mut extension = FeedExtension { archive: String::new(), total: 0, ordinals: None, topic_counts: None };
    r.object(&["archive", "total", "ordinals", "topic_counts"], 0b0011, &mut |r, i| {
        match i {
            0 => extension.archive = r.string()?,
            1 => extension.total = r.integer(usize::MAX as u64)? as usize,
            3 => extension.topic_counts = if r.null()? { None } else { Some(r.integers(u64::MAX)?) },
            _ => extension.ordinals = if r.null()? { None } else { Some(r.integers(u32::MAX as u64)?.into_iter().map(|o| o as u32).collect()) },
        }
        Ok(())
    })?;
    Ok(extension)
}

/// Decode a feed, keeping every valid item and naming every skipped one.
/// Duplicate ids keep the first occurrence, since `?article=<id>` must be unambiguous.
pub fn decode(text: &str) -> Result<Decoded, FeedError> {
    // The envelope, with each item left as raw JSON so one bad item cannot sink the others.
    let (mut title, mut bantin) = (None, None);
    // Collected one by one, so that a file cut off in the middle keeps its complete items.
    let (mut raw_items, mut has_items, mut inside_items) = (Vec::new(), false, false);
    let read = json::read_all(text, |r| {
        r.object(&["title", "items", "_bantin"], 0, &mut |r, i| {
            match i {
                0 => title = r.optional_string()?,
                1 => {
                    has_items = !r.null()?;
                    if has_items {
                        inside_items = true;
                        r.array(&mut |r| {
                            raw_items.push(r.raw()?);
                            Ok(())
                        })?;
                        inside_items = false;
                    }
                }
                _ => bantin = if r.null()? { None } else { Some(r.raw()?) },
            }
            Ok(())
        })
    });
    let mut cut = None;
    match read {
        Ok(()) => {}
        // Cut off inside the items (a dropped connection, a full disk on the server): what
        // arrived whole is shown, and the reader is told that the rest is missing.
        Err(e) if e.is_eof() && inside_items && !raw_items.is_empty() => {
            cut = Some(format!(
                "the file ends in the middle of item {} (cut off in transfer?): only the {} complete items before it are shown",
                raw_items.len() + 1,
                raw_items.len()
            ));
        }
        Err(e) => {
            return Err(match e.kind {
                json::Kind::Data => FeedError::NotAFeed(if text.trim_start().starts_with('{') {
                    e.to_string()
                } else {
                    "the top level is not an object".into()
                }),
                _ => FeedError::NotJson(e.to_string()),
            })
        }
    }
    let items = has_items.then_some(raw_items);
    let items = items.ok_or_else(|| FeedError::NotAFeed("there is no \"items\" array".into()))?;
    // Read leniently: a malformed `_bantin` object means "no archive", and the items still show.
    let archive = bantin.and_then(|raw| json::read_all(raw, read_extension).ok());
    let mut decoded = Decoded { title: title.unwrap_or_default(), archive, cut, ..Decoded::default() };
    let mut valid: Vec<(usize, Item)> = Vec::new();
    for (index, raw) in items.into_iter().enumerate() {
        let item = match json::read_all(raw, read_item) {
            Ok(item) => item,
            // A field of the wrong type: the item cannot even be named.
            Err(e) => {
                decoded.skipped.push(Skipped { index, id: None, reason: e.to_string() });
                continue;
            }
        };
        let id = (!item.id.is_empty()).then(|| item.id.clone());
        match validate(&item) {
            Err(reason) => decoded.skipped.push(Skipped { index, id, reason }),
            Ok(()) => valid.push((index, item)),
        }
    }
    // The first item with an id is kept; later ones are named as skipped.
    let ids: Vec<&str> = valid.iter().map(|(_, item)| item.id.as_str()).collect();
    let firsts = crate::sort::firsts(&ids);
    for ((index, item), first) in valid.into_iter().zip(firsts) {
        if first {
            decoded.items.push(item);
        } else {
            decoded.skipped.push(Skipped { index, id: Some(item.id), reason: "duplicate id".into() });
        }
    }
    crate::sort::sort_by(&mut decoded.skipped, |a, b| a.index.cmp(&b.index));
    Ok(decoded)
}

#[cfg(test)]
mod tests;
