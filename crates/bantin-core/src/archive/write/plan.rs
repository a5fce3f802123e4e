//! What the layout decides from metadata alone: every item's ordinal, the district and topic
//! tables, each article's district number and topic mask, and which items the front feeds
//! show.

use std::collections::HashMap;

use super::super::{content_hash, FEED_PAGE, SEGMENT};
use super::LayoutError;
use crate::date::Published;
use crate::feed::{Bantin, Item};
use crate::query::{district_table, topic_table, DistrictFacet};

/// An item without its texts (title, summary, body, captions, authors, tags, URL): all the
/// [`Plan`] reads.
pub fn meta(item: &Item) -> Item {
    Item {
        id: item.id.clone(),
        url: None,
        title: String::new(),
        summary: String::new(),
        content_text: String::new(),
        date_published: item.date_published.clone(),
        authors: Vec::new(),
        tags: Vec::new(),
        bantin: Bantin { captions: Vec::new(), site: None, ..item.bantin.clone() },
    }
}

/// The collection's shape, from every item's [`meta`].
pub struct Plan {
    pub(super) title: String,
    /// In ordinal order: oldest first, and at one instant by descending id, so that newest
    /// first (descending ordinal) breaks ties by ascending id as the contract asks.
    pub(super) metas: Vec<(Published, Item)>,
    pub(super) districts: Vec<DistrictFacet>,
    pub(super) topics: Vec<String>,
    /// Per ordinal: district number (position in `districts` + 1; 0 = none) and topic mask.
    pub(super) numbers: Vec<u32>,
    pub(super) masks: Vec<u64>,
    /// Per district: its ordinals, ascending, and the code of its oldest article.
    pub(super) per_district: Vec<Vec<u32>>,
    pub(super) codes: Vec<Option<String>>,
    /// Per ordinal: whether `feed.json` or a district feed shows the item.
    pub(super) shown_in_front: Vec<bool>,
    /// The hash of the districts' ids and the topics, in order ([`crate::archive::Manifest::numbering`]).
    pub(super) numbering: String,
}

impl Plan {
    /// The plan, and the ordinal of each input item (`None` for one without a valid date,
    /// which [`crate::feed::validate`] has already refused).
    pub fn new(title: &str, metas: Vec<Item>) -> Result<(Plan, Vec<Option<u32>>), LayoutError> {
        let mut keyed: Vec<(Published, usize)> =
            metas.iter().enumerate().filter_map(|(i, m)| Published::parse_rfc3339(&m.date_published).map(|p| (p, i))).collect();
        // Stable, so two identical keys keep their input order (the result is deterministic).
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| metas[b.1].id.cmp(&metas[a.1].id)));
        let mut ordinal_of = vec![None; metas.len()];
        for (ordinal, (_, input)) in keyed.iter().enumerate() {
            ordinal_of[*input] = Some(ordinal as u32);
        }
        let mut slots: Vec<Option<Item>> = metas.into_iter().map(Some).collect();
        let metas: Vec<(Published, Item)> = keyed.into_iter().filter_map(|(p, i)| slots[i].take().map(|m| (p, m))).collect();

        let districts = district_table(metas.iter().map(|(_, i)| i));
        let topics = topic_table(metas.iter().map(|(_, i)| i));
        if topics.len() > 53 {
            return Err(LayoutError::TooManyTopics(topics.len()));
        }
        let district_number: HashMap<&str, u32> = districts.iter().enumerate().map(|(i, d)| (d.id.as_str(), i as u32 + 1)).collect();
        let topic_bit: HashMap<&str, u64> = topics.iter().enumerate().map(|(i, t)| (t.as_str(), 1u64 << i)).collect();
        let numbers: Vec<u32> =
            metas.iter().map(|(_, i)| i.bantin.district_id.as_deref().and_then(|d| district_number.get(d).copied()).unwrap_or(0)).collect();
        let masks: Vec<u64> =
            metas.iter().map(|(_, i)| i.bantin.topics.iter().filter_map(|t| topic_bit.get(t.as_str())).fold(0, |m, b| m | b)).collect();
        let mut per_district: Vec<Vec<u32>> = vec![Vec::new(); districts.len()];
        let mut codes: Vec<Option<Option<String>>> = vec![None; districts.len()];
        for (ordinal, &number) in numbers.iter().enumerate() {
            if number > 0 {
                let d = number as usize - 1;
                per_district[d].push(ordinal as u32);
                codes[d].get_or_insert_with(|| metas[ordinal].1.bantin.district_code.clone());
            }
        }
        let total = metas.len();
        let mut shown_in_front = vec![false; total];
        for shown in &mut shown_in_front[total.saturating_sub(FEED_PAGE)..] {
            *shown = true;
        }
        for ordinals in &per_district {
            for &o in ordinals.iter().rev().take(FEED_PAGE) {
                shown_in_front[o as usize] = true;
            }
        }
        let ids: Vec<&str> = districts.iter().map(|d| d.id.as_str()).collect();
        let numbering = content_hash(format!("{}\n\n{}", ids.join("\n"), topics.join("\n")).as_bytes());
        let plan = Plan {
            numbering,
            title: title.to_owned(),
            metas,
            districts,
            topics,
            numbers,
            masks,
            per_district,
            codes: codes.into_iter().map(Option::flatten).collect(),
            shown_in_front,
        };
        Ok((plan, ordinal_of))
    }

    pub fn total(&self) -> usize {
        self.metas.len()
    }

    pub fn segments(&self) -> usize {
        self.total().div_ceil(SEGMENT)
    }

    /// Articles in segment `k` (all but the newest segment are full).
    pub fn segment_len(&self, k: usize) -> usize {
        (self.total() - k * SEGMENT).min(SEGMENT)
    }
}
