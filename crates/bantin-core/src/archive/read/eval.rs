//! Query evaluation over what is loaded: one function decides both what is missing and the
//! answer, so the two can never disagree.

use super::*;

use super::lookup::Hit;
use super::tally::Tally;
use crate::rank::{better, idf, rank, Rank, TermMatch};

/// Most relevant first; then newest first, as the in-memory index.
pub(super) fn best_first(a: &(Rank, u32), b: &(Rank, u32)) -> core::cmp::Ordering {
    better(&a.0, &b.0).then(b.1.cmp(&a.1))
}

/// Whole segments in a date range from which its counts come from two totals files rather
/// than a rows file each (a totals file at 1,000,000 articles weighs about as much as
/// three rows files).
const TOTALS_FROM: usize = 4;

impl Archive {
    /// The ordinal range `[lo, hi)` of the query's dates.
    fn ordinal_range(&self, query: &Query) -> (u32, u32) {
        let days = self.manifest.day_counts.len() as i64;
        let at = |day: i64| self.day_start[(day - self.first_day).clamp(0, days) as usize];
        let lo = query.from.map_or(0, |from| at(from.number()));
        let hi = query.to.map_or(self.manifest.total as u32, |to| at(to.number() + 1));
        (lo, hi.max(lo))
    }

    fn topic_mask(&self, query: &Query) -> u64 {
        let mut mask = 0;
        for topic in &query.topics {
            match self.manifest.topics.iter().position(|t| t == topic) {
                Some(bit) => mask |= 1 << bit,
                // A topic no article has: nothing can match it.
                None => mask |= 1 << 63,
            }
        }
        mask
    }

    fn district_numbers(&self, query: &Query) -> Vec<u32> {
        // An unknown district id matches nothing, but still filters (u32::MAX is no district).
        query.districts.iter().map(|id| self.district_number.get(id).copied().unwrap_or(u32::MAX)).collect()
    }

    /// Either the answer, or the files still needed for it.
    fn evaluate(&self, query: &Query, shown: usize) -> Result<Answer, Vec<Need>> {
        let mut needs = Vec::new();
        let mut missing = Vec::new();
        let districts = self.district_numbers(query);
        let topic_mask = self.topic_mask(query);
        let (lo, hi) = self.ordinal_range(query);
        let mut tally = Tally::new(&districts, topic_mask, self.manifest.districts.len(), self.manifest.topics.len());
        let terms = query.terms();
        let full_range = lo == 0 && hi as usize == self.manifest.total;
        let ranked = query.ranked();
        let mut ranks: Vec<(Rank, u32)> = Vec::new();
        let held = 2 * shown.max(512);

        // Newest first, every term dense: bitmaps, not postings; with dates, the terms'
        // slices and the range's rows, when they cost less than the postings.
        let plain = !terms.is_empty() && !ranked && query.phrases().is_empty();
        let sliced = match plain && !full_range {
            true => self.dense_slices(&terms, lo, hi)?,
            false => None,
        };
        // Most relevant first, the same without dates or filters: counts from the bitmaps, the
        // window from the terms' best articles (their tiers), when these prove it. (With a
        // filter, a proof would read tiers as much deeper as the filter keeps fewer matches:
        // at 1,000,000 articles, past the tiers there are.)
        let tiered = ranked && query.phrases().is_empty() && districts.is_empty() && topic_mask == 0;
        let dense = match (plain || tiered) && full_range {
            true => self.dense_match(&terms)?,
            false => None,
        };
        let mut by_tiers = None;
        if let Some(bits) = dense.as_ref().filter(|_| tiered) {
            self.tally_bits(&mut tally, Some(bits));
            by_tiers = self.ranked_from_tiers(&terms, &query.marked_terms(), bits, tally.total, shown.min(tally.total))?;
            if by_tiers.is_none() {
                tally = Tally::new(&districts, topic_mask, self.manifest.districts.len(), self.manifest.topics.len());
            }
        }
        if let Some(best) = by_tiers {
            ranks = best;
        } else if let Some(terms) = sliced {
            needs = self.tally_slices(terms, lo, hi, shown, &mut tally);
            if !needs.is_empty() {
                return Err(needs);
            }
        } else if let Some(bits) = dense.filter(|_| !tiered) {
            self.tally_bits(&mut tally, Some(&bits));
            // The rows of the newest segments the window will likely take, in one round.
            let expected = (shown.min(tally.total) * self.manifest.total).div_ceil(tally.total.max(1) * SEGMENT);
            let mut found = self.newest_in(&bits);
            tally.matches = match districts.is_empty() {
                true => self.window_from_rows(lo, hi, &districts, topic_mask, shown.min(tally.total), expected.max(1), Some(&mut found), &mut needs, &mut missing),
                false => self.window_without_text(&districts, topic_mask, shown.min(tally.total), Some(&mut found), &mut needs, &mut missing),
            };
            if !needs.is_empty() {
                crate::sort::sort(&mut needs);
                needs.dedup();
                return Err(needs);
            }
        } else if !terms.is_empty() {
            let phrases = query.phrases();
            // Newest first with every term inside a phrase, the pairs alone answer (an article
            // with the pairs has the words; ranked, the words' weights are needed): a phrase's
            // words are often common, and their chunks megabytes at 1,000,000 articles.
            let by_pairs = !ranked && !phrases.is_empty() && terms.iter().all(|t| phrases.iter().any(|p| p.contains(t))) && !self.failed_needs.contains_key(&Need::PairDir);
            let dir = match &self.search_dir {
                _ if by_pairs => None,
                Some(dir) => Some(dir),
                None if self.failed_needs.contains_key(&Need::SearchDir) => {
                    missing.push(self.path(Need::SearchDir));
                    return Ok(self.finish(tally, Vec::new(), missing));
                }
                None => return Err(vec![Need::SearchDir]),
            };
            if let Some(dir) = dir {
                needs.extend(terms.iter().flat_map(|t| Self::chunk_range(dir, t)).map(Need::Chunk).filter(|n| !self.has(*n)));
            }
            let pair_dir = match (&self.pair_dir, phrases.is_empty()) {
                (_, true) => None,
                (Some(pairs), false) => {
                    for phrase in &phrases {
                        for w in phrase.windows(2) {
                            for chunk in Self::pair_chunks_for(pairs, &w[0], &w[1]) {
                                if !self.has(Need::PairChunk(chunk)) {
                                    needs.push(Need::PairChunk(chunk));
                                }
                            }
                        }
                    }
                    Some(pairs)
                }
                (None, false) if self.failed_needs.contains_key(&Need::PairDir) => {
                    missing.push(self.path(Need::PairDir));
                    None
                }
                (None, false) => {
                    needs.push(Need::PairDir);
                    None
                }
            };
            if !needs.is_empty() {
                crate::sort::sort(&mut needs);
                needs.dedup();
                return Err(needs);
            }
            // Each phrase as its adjacent pairs; all of them in one common field.
            // (Exact for two-word phrases; longer ones are checked pair by pair.)
            let phrase_pairs: Vec<Vec<Vec<Hit>>> = match pair_dir {
                Some(dir) => phrases.iter().map(|p| p.windows(2).map(|w| self.pair_docs(dir, &w[0], &w[1], &mut missing)).collect()).collect(),
                None => Vec::new(),
            };
            let in_phrases = |ordinal: u32| {
                phrase_pairs.iter().all(|pairs| {
                    let mut fields = 0xff;
                    for list in pairs {
                        match list.binary_search_by_key(&ordinal, |h| h.ordinal) {
                            Ok(at) => fields &= list[at].weight,
                            Err(_) => return false,
                        }
                    }
                    fields != 0
                })
            };
            let (lists, shortest): (Vec<Vec<Hit>>, usize) = match dir {
                Some(dir) => {
                    let marked = query.marked_terms();
                    let words: Vec<(Vec<&Word>, usize)> = terms.iter().map(|t| self.term_words(Self::chunk_range(dir, t), t, false, &mut missing)).collect();
                    // Walk the term with the fewest postings; look the others up by ordinal.
                    let shortest = (0..terms.len()).min_by_key(|&i| words[i].1).expect("at least one term");
                    ((0..terms.len()).map(|i| Self::term_docs(&words[i].0, words[i].1, &terms[i], marked[i].as_deref())).collect(), shortest)
                }
                // Walk the shortest pair list; `in_phrases` checks them all.
                None => (phrase_pairs.iter().flatten().min_by_key(|l| l.len()).cloned().into_iter().collect(), 0),
            };
            let total = self.manifest.total;
            let idfs: Vec<f64> = lists.iter().map(|l| idf(total, l.len())).collect();
            let mut how = vec![TermMatch::default(); terms.len()];
            'docs: for hit in lists.get(shortest).into_iter().flatten().filter(|h| h.ordinal >= lo && h.ordinal < hi) {
                for (list, slot) in lists.iter().zip(how.iter_mut()) {
                    match list.binary_search_by_key(&hit.ordinal, |h| h.ordinal) {
                        Ok(at) => *slot = list[at].how(),
                        Err(_) => continue 'docs,
                    }
                }
                let doc = hit.doc();
                if in_phrases(doc.ordinal) {
                    let kept = tally.matches.len();
                    tally.add(doc, 1, true);
                    if tally.matches.len() == kept {
                        continue;
                    }
                    // Only the window is shown: at most twice it is held (the best so far, or
                    // the newest, as the walk is oldest first), never every match of a
                    // common search (a million, in memory that never shrinks).
                    if ranked {
                        tally.matches.pop();
                        ranks.push((rank(&how, &idfs), doc.ordinal));
                        if ranks.len() >= held {
                            crate::sort::sort_by(&mut ranks, best_first);
                            ranks.truncate(shown);
                        }
                    } else if tally.matches.len() >= held {
                        tally.matches.drain(..held - shown);
                    }
                }
            }
        } else if !full_range {
            // The whole segments inside the range: with at most one topic, counted from the
            // totals before and after them (two files, however long the range), and only the
            // segments at its edges row by row; the window from the newest rows it needs.
            let whole = (lo as usize).div_ceil(SEGMENT)..hi as usize / SEGMENT;
            let ends = [Need::Totals(whole.start), Need::Totals(whole.end)];
            let by_totals = topic_mask.count_ones() <= 1 && whole.len() >= TOTALS_FROM && !ends.iter().any(|n| self.failed_needs.contains_key(n));
            let touched = lo as usize / SEGMENT..(hi as usize).div_ceil(SEGMENT);
            let counted: Vec<usize> = touched.filter(|k| !by_totals || !whole.contains(k)).collect();
            needs.extend(counted.iter().map(|&k| Need::Rows(k)).filter(|n| !self.has(*n)));
            if by_totals {
                needs.extend(ends.into_iter().filter(|n| !self.has(*n)));
            }
            let counts_ready = needs.is_empty();
            if counts_ready {
                for &k in &counted {
                    match self.rows.get(&k) {
                        Some(rows) => rows.iter().filter(|d| d.ordinal >= lo && d.ordinal < hi).for_each(|d| tally.add(*d, 1, false)),
                        None => missing.push(self.path(Need::Rows(k))),
                    }
                }
                if by_totals {
                    self.tally_totals(&mut tally, whole.start, whole.end);
                }
            }
            // Once counted, the window stops at the last match: a filter matching little reads
            // no more rows than it must.
            let wanted = if counts_ready { shown.min(tally.total) } else { shown };
            tally.matches = self.window_from_rows(lo, hi, &districts, topic_mask, wanted, 2, None, &mut needs, &mut missing);
            if !needs.is_empty() {
                crate::sort::sort(&mut needs);
                needs.dedup();
                return Err(needs);
            }
        } else {
            // Counts without dates or search: with no filter (the first screen), or one district
            // whose feed gave its topic counts, from the manifest (one district alone fetches its
            // feed first: its first page is in it); with at most one topic, from the totals of
            // every segment; else from the [district, topic set, count] table. Then only
            // the window's ordinals are needed.
            let one_district = match districts.as_slice() {
                [number] if topic_mask == 0 => self.district_topics.get(number).map(|topics| (*number, topics)),
                _ => None,
            };
            let feed_first = match districts.as_slice() {
                [number] if topic_mask == 0 && (*number as usize).wrapping_sub(1) < self.manifest.districts.len() => {
                    Some(Need::DistrictFeed(*number as usize)).filter(|n| !self.has(*n))
                }
                _ => None,
            };
            // The totals of every segment: per district and topic.
            let every = Need::Totals(self.manifest.segments.len());
            let counted = topic_mask.count_ones() <= 1 && !self.failed_needs.contains_key(&every);
            if districts.is_empty() && topic_mask == 0 {
                tally.from_manifest(&self.manifest, None);
            } else if let Some(district) = one_district {
                tally.from_manifest(&self.manifest, Some(district));
            } else if let Some(need) = feed_first {
                return Err(vec![need]);
            } else if counted {
                match self.has(every) {
                    true => self.tally_totals(&mut tally, 0, self.manifest.segments.len()),
                    false => return Err(vec![every]),
                }
            } else {
                match &self.masks {
                    Some(_) => self.tally_bits(&mut tally, None),
                    None if self.has(Need::Masks) => missing.push(self.path(Need::Masks)),
                    None => needs.push(Need::Masks),
                }
            }
            tally.matches = self.window_without_text(&districts, topic_mask, shown, None, &mut needs, &mut missing);
            if !needs.is_empty() {
                return Err(needs);
            }
        }
        if ranked {
            crate::sort::sort_by(&mut ranks, best_first);
            tally.matches = ranks.iter().map(|r| r.1).collect();
        } else {
            crate::sort::sort_by(&mut tally.matches, |a, b| b.cmp(a));
        }
        tally.matches.truncate(shown);
        let window = std::mem::take(&mut tally.matches);
        let mut cards = Vec::with_capacity(window.len());
        for &ordinal in &window {
            let (segment, block) = (ordinal as usize / SEGMENT, ordinal as usize % SEGMENT / CARD_BLOCK);
            match self.cards.get(&ordinal) {
                Some(card) => cards.push(card.clone()),
                None if self.has(Need::Cards { segment, block }) => missing.push(self.path(Need::Cards { segment, block })),
                None => needs.push(Need::Cards { segment, block }),
            }
        }
        if !needs.is_empty() {
            crate::sort::sort(&mut needs);
            needs.dedup();
            return Err(needs);
        }
        Ok(self.finish(tally, cards, missing))
    }

    fn finish(&self, tally: Tally, cards: Vec<Item>, mut missing: Vec<String>) -> Answer {
        let districts = self
            .manifest
            .districts
            .iter()
            .zip(&tally.district_counts[1..])
            .map(|(d, &count)| DistrictFacet {
                id: d.id.clone(),
                name: d.name.clone(),
                kind: d.kind.clone(),
                province: d.province.clone(),
                province_2025: d.province_2025.clone(),
                count,
            })
            .collect();
        let topics = self.manifest.topics.iter().cloned().zip(tally.topic_counts).collect();
        crate::sort::sort(&mut missing);
        missing.dedup();
        let missing = missing.into_iter().map(|path| match self.failed.get(&path) {
            Some(why) => format!("{path}: {why}"),
            None => path,
        }).collect();
        Answer { total: tally.total, cards, facets: Facets { districts, topics }, missing }
    }

    /// Files still needed to answer `query` with its first `shown` cards.
    pub fn missing(&self, query: &Query, shown: usize) -> Vec<Need> {
        self.evaluate(query, shown).err().unwrap_or_default()
    }

    /// The paths (relative to `feed.json`) of the first `limit` matches' whole items: what
    /// saving a filter for offline fetches. Call when [`Archive::missing`]`(query, limit)` is
    /// empty: an article's file is named by its id, which its card gives.
    pub fn article_paths(&self, query: &Query, limit: usize) -> Vec<String> {
        self.answer(query, limit).cards.iter().map(|card| path::article(&card.id)).collect()
    }

    /// The answer, from what is loaded (call when [`Archive::missing`] is empty).
    pub fn answer(&self, query: &Query, shown: usize) -> Answer {
        self.evaluate(query, shown).unwrap_or_default()
    }

    /// The article `id` with its body, if a feed or its file ([`path::article`]) gave it.
    pub fn article(&self, id: &str) -> Option<(Item, Published)> {
        let item = self.bodies.get(id)?;
        Published::parse_rfc3339(&item.date_published).map(|p| (item.clone(), p))
    }

    /// Take the file of the article `id`; the error says why it is not that article.
    pub fn insert_article(&mut self, id: &str, text: &str) -> Result<(), String> {
        let item = read_article(id, text)?;
        self.bodies.insert(item.id.clone(), item);
        Ok(())
    }
}

/// An article's file ([`path::article`]): the whole item, which must be the article `id`.
/// The error says what is wrong with it, without its path.
pub fn read_article(id: &str, text: &str) -> Result<Item, String> {
    let item = parse(text, read_item)?;
    validate(&item)?;
    if item.id != id {
        return Err(format!("it holds article \"{}\", not \"{id}\"", item.id));
    }
    Ok(item)
}
