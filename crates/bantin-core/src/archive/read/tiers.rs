//! A ranked search of dense terms from their tiers ([`crate::archive::Tier`]): the count and
//! facets come from the bitmaps, as newest first; the window, the best matches by
//! [`crate::rank`], from each term's best articles, read tier by tier until the order of the
//! window is proved. An article a term's loaded tiers do not hold matches it at most as well
//! as the worst they do hold (tiers are best first), so every article of the AND gets an
//! upper bound, exact where every term's tiers hold it. The window is proved when its last
//! article's exact rank beats every bound outside it. At 1,000,000 articles the benchmark's
//! two-word search reads 84 KB of tiers (11 files) where its postings are 8.30 MB.
//!
//! Any doubt (a tier failed, the tiers end before a proof, a window's article that only deep
//! tiers hold, which carry no ordinals) and the postings answer: they are
//! always exact. Only a search without filters or dates comes here: a filter keeping a tenth
//! of the matches would need tiers ten times deeper (at 1,000,000 articles, deeper than there
//! are). A form (a spelling's first characters) starts with what the reader typed exactly when
//! the spelling does, as the postings compare, for text in NFC, as ingest writes it.

use super::*;

use super::eval::best_first;
use crate::rank::{carries, idf, rank, Rank, TermMatch};

/// A tier as loaded: its forms of the prefix, and per article its group position (no longer
/// delta-coded), ordinal plus one (0: none) and weight ([`crate::archive::Tier`]).
pub(super) struct Tiered {
    forms: Vec<String>,
    positions: Vec<u64>,
    ordinals: Vec<u64>,
    weights: Vec<u64>,
}

impl Archive {
    /// Check and decode tier `tier` of the dense prefix at `term`.
    pub(super) fn read_tier(&self, term: usize, tier: usize, mut wire: Wire) -> Result<Tiered, String> {
        let dir = self.dense_dir.as_ref().filter(|dir| dir.segment == wire.segment).ok_or("a tier of another version")?;
        let count = dir.counts.get(term).copied().unwrap_or(0) as usize;
        let (start, end) = tier_range(tier, count);
        let total = self.manifest.total as u64;
        let forms = wire.variants.len().min(TIER_MAX_FORMS) as u32 + TIER_FORMS;
        // Each weight by its place in the palette (one past it is no weight of these forms).
        let weights: Vec<u64> = wire.weights.iter().map(|&i| wire.palette.get(i as usize).copied().unwrap_or(u64::MAX)).collect();
        let mut position = 0u64;
        for delta in &mut wire.positions {
            position = position.saturating_add(*delta);
            *delta = position;
        }
        if tier >= tiers_of(count)
            || [wire.positions.len(), wire.ordinals.len(), wire.weights.len()] != [end - start; 3]
            || wire.variants.len() > TIER_MAX_FORMS
            || position >= total
            || wire.ordinals.iter().any(|&o| o > total)
            || weights.iter().any(|&w| w >> forms != 0)
        {
            return Err("not this tier's articles, each with a position, ordinal and weight (of its forms) in this archive".into());
        }
        Ok(Tiered { forms: wire.variants, positions: wire.positions, ordinals: wire.ordinals, weights })
    }

    /// The window of a ranked search without filters whose terms are all dense prefixes
    /// (`matched`: the AND of their bitmaps, `matches` its count): the best `shown` matches with
    /// their ranks, best first. `Ok(None)` when the tiers cannot prove it (the postings
    /// answer); `Err` with the next tier to read.
    pub(super) fn ranked_from_tiers(&self, terms: &[String], marked: &[Option<String>], matched: &[u64], matches: usize, shown: usize) -> Result<Option<Vec<(Rank, u32)>>, Vec<Need>> {
        let Some(dir) = &self.dense_dir else { return Ok(None) };
        if shown == 0 {
            return Ok(Some(Vec::new()));
        }
        // Which terms an article lacks is a bit each.
        if terms.len() > 63 {
            return Ok(None);
        }
        let Some(places) = super::bits::dense_places(dir, terms, false) else { return Ok(None) };
        let depth = |place: usize| (0..).take_while(|&j| self.tiers.contains_key(&(place, j))).count();
        let mut first = Vec::new();
        for &place in &places {
            let next = Need::Tier { term: place, tier: depth(place) };
            if self.failed_needs.contains_key(&next) {
                return Ok(None);
            }
            if depth(place) == 0 && !first.contains(&next) {
                first.push(next);
            }
        }
        if !first.is_empty() {
            return Err(first);
        }
        match self.prove_from_tiers(&places, marked, matched, matches, shown) {
            Some(Ok(window)) => Ok(Some(window)),
            Some(Err(need)) => Err(vec![need]),
            None => Ok(None),
        }
    }

    /// [`Archive::ranked_from_tiers`] once each term's first tier is loaded (`places`: each
    /// term's dense prefix): the window, or the next tier to read, or `None`.
    fn prove_from_tiers(&self, places: &[usize], marked: &[Option<String>], matched: &[u64], matches: usize, shown: usize) -> Option<Result<Vec<(Rank, u32)>, Need>> {
        let dir = self.dense_dir.as_ref()?;
        let count = |place: usize| dir.counts.get(place).copied().unwrap_or(0) as usize;
        // How many tiers of a place are loaded (the first ones). Counted again rather than
        // passed in from `ranked_from_tiers`: passing it (or a method for it) made the app
        // shell 130–260 bytes bigger, past its budget.
        let depth = |place: usize| (0..).take_while(|&j| self.tiers.contains_key(&(place, j))).count();
        let depths: Vec<usize> = places.iter().map(|&p| depth(p)).collect();
        let idfs: Vec<f64> = places.iter().map(|&p| idf(self.manifest.total, count(p))).collect();
        // The most an article outside a place's loaded tiers can match it: as the worst
        // article they hold (nothing, once every article of the prefix is loaded).
        let cuts: Vec<TermMatch> = places
            .iter()
            .zip(&depths)
            .map(|(&place, &loaded)| {
                let worst = self.tiers.get(&(place, loaded - 1)).and_then(|t| t.weights.iter().map(|w| w & 0x1ff).min()).unwrap_or(0);
                match tier_range(loaded - 1, count(place)).1 < count(place) {
                    true => TermMatch { weight: worst as u8, whole: worst & TIER_WHOLE != 0, marked: true },
                    false => TermMatch::default(),
                }
            })
            .collect();
        // Every loaded tier's articles that match every term, as (position, ordinal, term,
        // weight with the marks bit in place of the forms). Deep tiers have no ordinals: an
        // article takes the one a first tier gives it, sorted first; none is `u32::MAX`, as
        // new as can be, so that no bound is too low.
        let mut found: Vec<(u32, u32, usize, u64)> = Vec::new();
        for (i, (&place, marked)) in places.iter().zip(marked).enumerate() {
            for tier in (0..depths[i]).filter_map(|j| self.tiers.get(&(place, j))) {
                let wanted = tier.forms.iter().enumerate().filter(|(_, f)| carries(f, marked.as_deref())).fold(0u64, |bits, (f, _)| bits | 1 << f);
                for ((&position, &ordinal), &weight) in tier.positions.iter().zip(&tier.ordinals).zip(&tier.weights) {
                    let at = position as usize;
                    if matched.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 != 0) {
                        let marks = marked.is_none() || weight >> TIER_FORMS & wanted != 0;
                        // Ordinals are written plus one, 0 for none (`u32::MAX`, as new as can be).
                        found.push((position as u32, (ordinal as u32).wrapping_sub(1), i, weight & 0x1ff | u64::from(marks) << 9));
                    }
                }
            }
        }
        crate::sort::sort(&mut found);
        let mut exact: Vec<(Rank, u32)> = Vec::new();
        // Articles some term's tiers lack: their bound, ordinal, and the terms they lack.
        let mut partial: Vec<(Rank, u32, u64)> = Vec::new();
        let mut at = 0;
        while let Some(&(position, ordinal, _, _)) = found.get(at) {
            let mut how = cuts.clone();
            let mut lacks = u64::MAX >> (64 - places.len());
            for &(_, _, i, weight) in found[at..].iter().take_while(|f| f.0 == position) {
                how[i] = TermMatch { weight: weight as u8, whole: weight & TIER_WHOLE != 0, marked: weight >> 9 != 0 };
                lacks &= !(1 << i);
                at += 1;
            }
            match lacks {
                0 => exact.push((rank(&how, &idfs), ordinal)),
                _ => partial.push((rank(&how, &idfs), ordinal, lacks)),
            }
        }
        crate::sort::sort_by(&mut exact, best_first);
        // The window's last article, once exact ones fill it: no other may come before it.
        let last = exact.get(shown - 1);
        let before = |bound: Rank, ordinal: u32| last.is_none_or(|l| best_first(&(bound, ordinal), l).is_lt());
        let mut lacking = vec![0usize; places.len()];
        for &(bound, ordinal, lacks) in &partial {
            if before(bound, ordinal) {
                (0..places.len()).filter(|i| lacks >> i & 1 != 0).for_each(|i| lacking[i] += 1);
            }
        }
        // Matches no loaded tier holds lack every term; one may tie the last and be newer.
        let unseen = matches.saturating_sub(exact.len() + partial.len());
        if unseen > 0 && before(rank(&cuts, &idfs), u32::MAX) {
            lacking.iter_mut().for_each(|n| *n += unseen);
        }
        if lacking.iter().all(|&n| n == 0) {
            exact.truncate(shown);
            // A window's article without an ordinal (only deep tiers hold it): the postings.
            return exact.iter().all(|e| e.1 != u32::MAX).then_some(Ok(exact));
        }
        // Read deeper where the unproved lack most: the next tier of the term most of them lack.
        let deeper = (0..places.len()).filter(|&i| depths[i] < tiers_of(count(places[i])) && lacking[i] > 0).max_by_key(|&i| lacking[i]);
        deeper.map(|i| Err(Need::Tier { term: places[i], tier: depths[i] }))
    }
}
