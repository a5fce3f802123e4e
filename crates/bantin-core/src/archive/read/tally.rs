//! Counting the matches of one query: the result count and the facet counts together.

use super::Doc;
use crate::archive::Manifest;

/// Counting state for one query: the same faceted-search rule as [`crate::query::Index`]
/// (each facet applies every filter but its own).
pub(super) struct Tally<'q> {
    pub(super) districts: &'q [u32],
    pub(super) topic_mask: u64,
    pub(super) district_counts: Vec<usize>,
    pub(super) topic_counts: Vec<usize>,
    pub(super) total: usize,
    pub(super) matches: Vec<u32>,
}

impl<'q> Tally<'q> {
    pub(super) fn new(districts: &'q [u32], topic_mask: u64, district_rows: usize, topics: usize) -> Tally<'q> {
        Tally { districts, topic_mask, district_counts: vec![0; district_rows + 1], topic_counts: vec![0; topics], total: 0, matches: Vec::new() }
    }

    /// What [`Tally::add`] would sum over the mask table with no topic filter, and no district
    /// filter or only `district` (its number and topic counts): district counts are every
    /// district's total, topic counts those of everything or of that district.
    pub(super) fn from_manifest(&mut self, manifest: &Manifest, district: Option<(u32, &Vec<u64>)>) {
        let mut placed = 0;
        for (i, entry) in manifest.districts.iter().enumerate() {
            self.district_counts[i + 1] += entry.count;
            placed += entry.count;
        }
        self.district_counts[0] += manifest.total.saturating_sub(placed);
        let topics = district.map_or(&manifest.topic_counts, |(_, topics)| topics);
        for (count, &n) in self.topic_counts.iter_mut().zip(topics) {
            *count += n as usize;
        }
        self.total += match district {
            Some((number, _)) => self.district_counts.get(number as usize).copied().unwrap_or(0),
            None => manifest.total,
        };
    }

    /// What [`Tally::add`] would sum over the mask table when the topic filter has at most
    /// one topic, from two tables of totals ([`crate::archive::Totals`]: per district number,
    /// its articles per topic bit, then its articles): the articles `after` counts and
    /// `before` does not (`before` empty: none).
    pub(super) fn from_totals(&mut self, after: &[u64], before: &[u64]) {
        let bit = (self.topic_mask != 0).then(|| self.topic_mask.trailing_zeros() as usize);
        let topics = self.topic_counts.len();
        let width = topics + 1;
        for (number, row) in after.chunks_exact(width).enumerate() {
            let count = |i: usize| (row[i] - before.get(number * width + i).copied().unwrap_or(0).min(row[i])) as usize;
            // A topic the archive does not have (bit 63) matches nothing.
            let kept = match bit {
                Some(bit) if bit >= topics => 0,
                _ => count(bit.unwrap_or(topics)),
            };
            self.district_counts[number] += kept;
            if self.districts.is_empty() || self.districts.contains(&(number as u32)) {
                for (i, total) in self.topic_counts.iter_mut().enumerate() {
                    *total += count(i);
                }
                self.total += kept;
            }
        }
    }

    pub(super) fn add(&mut self, doc: Doc, count: usize, keep: bool) {
        let district_ok = self.districts.is_empty() || self.districts.contains(&doc.district);
        let topic_ok = self.topic_mask == 0 || doc.topics & self.topic_mask != 0;
        if topic_ok {
            self.district_counts[doc.district as usize] += count;
        }
        if district_ok {
            let mut bits = doc.topics;
            while bits != 0 {
                let bit = bits.trailing_zeros() as usize;
                if let Some(c) = self.topic_counts.get_mut(bit) {
                    *c += count;
                }
                bits &= bits - 1;
            }
        }
        if district_ok && topic_ok {
            self.total += count;
            if keep {
                self.matches.push(doc.ordinal);
            }
        }
    }
}
