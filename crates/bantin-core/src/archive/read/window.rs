//! The shown window of a filter (and of a search by dense bitmaps), and the counts of a date
//! range from its totals: what a district, topic or date filter reads beyond the manifest.

use super::*;

use super::tally::Tally;

impl Archive {
    /// Count the articles of segments `from..to` from the totals at both ends (loaded: a
    /// failed one turns their use off).
    pub(super) fn tally_totals(&self, tally: &mut Tally, from: usize, to: usize) {
        let none = Vec::new();
        let at = |k: usize| if k == 0 { Some(&none) } else { self.totals.get(&(k as u32)) };
        if let (Some(before), Some(after)) = (at(from), at(to)) {
            tally.from_totals(after, before);
        }
    }

    /// The newest matches of a district/topic filter over all dates (counts are known), and
    /// of `text` ([`Archive::newest_in`]: called on every article walked, newest first) if any.
    pub(super) fn window_without_text(&self, districts: &[u32], topic_mask: u64, shown: usize, mut text: Option<&mut dyn FnMut(&Doc) -> bool>, needs: &mut Vec<Need>, missing: &mut Vec<String>) -> Vec<u32> {
        let total = self.manifest.total as u32;
        let searching = text.is_some();
        let mut wanted = |d: &Doc| {
            let found = text.as_mut().is_none_or(|text| text(d));
            found && (topic_mask == 0 || d.topics & topic_mask != 0)
        };
        if !districts.is_empty() {
            let mut window = Vec::new();
            for &number in districts {
                let Some(entry) = self.manifest.districts.get((number as usize).wrapping_sub(1)) else { continue };
                let district = number as usize;
                if let Some(newest) = self.district_newest.get(&number).filter(|n| {
                    !searching && topic_mask == 0 && districts.len() == 1 && (n.len() >= shown || n.len() == entry.count)
                }) {
                    window.extend(newest.iter().take(shown));
                    continue;
                }
                let Some((blocks, head)) = self.district_heads.get(&district) else {
                    match Need::District(district) {
                        need if self.has(need) => missing.push(self.path(need)),
                        need => needs.push(need),
                    }
                    continue;
                };
                // The head, then older blocks newest first while the window is short, asking
                // for as many more as are loaded (1, 1, 2, 4, …), as for rows below.
                let start = window.len();
                let mut take = |docs: &[Doc], window: &mut Vec<u32>| {
                    let room = shown - (window.len() - start);
                    window.extend(docs.iter().rev().filter(|d| wanted(d)).take(room).map(|d| d.ordinal));
                };
                take(head, &mut window);
                for block in (0..blocks.len()).rev() {
                    if window.len() - start >= shown {
                        break;
                    }
                    let need = Need::DistrictBlock { district, block };
                    match self.district_blocks.get(&(district, block)) {
                        Some(docs) => take(docs, &mut window),
                        None if self.has(need) => {
                            missing.push(self.path(need));
                            if searching {
                                break;
                            }
                        }
                        None => {
                            let batch = (blocks.len() - 1 - block).max(1);
                            let wanted = (block.saturating_sub(batch - 1)..=block).rev().map(|block| Need::DistrictBlock { district, block });
                            needs.extend(wanted.filter(|n| !self.has(*n)));
                            break;
                        }
                    }
                }
            }
            return window;
        }
        if topic_mask == 0 && !searching {
            return (total.saturating_sub(shown as u32)..total).rev().collect();
        }
        self.window_from_rows(0, total, districts, topic_mask, shown, 2, text, needs, missing)
    }

    /// The newest matches in the ordinals `lo..hi` of a district/topic filter, from the rows
    /// of the newest segments until the window fills, asking for as many more as are already
    /// loaded (`batch`, then 2, 4, 8, …), so a rare topic takes few round trips; and of `text`
    /// if any, as [`Archive::window_without_text`].
    #[allow(clippy::too_many_arguments)]
    pub(super) fn window_from_rows(&self, lo: u32, hi: u32, districts: &[u32], topic_mask: u64, shown: usize, batch: usize, mut text: Option<&mut dyn FnMut(&Doc) -> bool>, needs: &mut Vec<Need>, missing: &mut Vec<String>) -> Vec<u32> {
        // A search's test counts every article walked: past a failed file it would be wrong.
        let searching = text.is_some();
        let mut wanted = |d: &&Doc| {
            let found = text.as_mut().is_none_or(|text| text(d));
            found && d.ordinal >= lo && d.ordinal < hi && (topic_mask == 0 || d.topics & topic_mask != 0) && (districts.is_empty() || districts.contains(&d.district))
        };
        let segments = lo as usize / SEGMENT..(hi as usize).div_ceil(SEGMENT);
        let mut window = Vec::new();
        for k in segments.clone().rev() {
            if window.len() >= shown {
                break;
            }
            match self.rows.get(&k) {
                Some(rows) => window.extend(rows.iter().rev().filter(&mut wanted).map(|d| d.ordinal)),
                None if self.has(Need::Rows(k)) => {
                    missing.push(self.path(Need::Rows(k)));
                    if searching {
                        break;
                    }
                }
                None => {
                    let batch = (segments.end - 1 - k).max(batch);
                    needs.extend((k.saturating_sub(batch - 1).max(segments.start)..=k).rev().map(Need::Rows).filter(|n| !self.has(*n)));
                    break;
                }
            }
        }
        window
    }
}
