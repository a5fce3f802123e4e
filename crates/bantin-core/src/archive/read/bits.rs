//! Search by dense bitmaps ([`crate::archive::DenseDir`]): when every term of a newest-first
//! search without phrases is a dense prefix, its matches are the AND of the terms' bitmaps
//! in group order, its counts popcounts over the mask table's rows, and its window the
//! newest articles (from rows or the districts' listings) whose group position is set.
//! At 1,000,000 articles that is two bitmaps of ~100 KB where the terms' postings are
//! megabytes. With dates (a run of ordinals, not of groups) the terms' slices, their
//! articles in ordinal order, are read instead, the rarest term's with each article's
//! district and topics, when they cost less than the postings ([`Archive::dense_slices`]):
//! the range is counted over the rarest term's articles, each checked in the others' slices.

use super::*;

use super::tally::Tally;

impl Archive {
    /// The AND of the bitmaps of `terms`, when they are all dense prefixes; `Ok(None)` when
    /// this path does not apply (a term is not dense, or a file it needs failed: the
    /// postings then answer); `Err` with the files still needed.
    pub(super) fn dense_match(&self, terms: &[String]) -> Result<Option<Vec<u64>>, Vec<Need>> {
        if [Need::DenseDir, Need::Masks].iter().any(|n| self.failed_needs.contains_key(n)) {
            return Ok(None);
        }
        let Some(dir) = &self.dense_dir else { return Err(vec![Need::DenseDir]) };
        let Some(places) = dense_places(dir, terms, true) else { return Ok(None) };
        if places.iter().any(|&i| self.failed_needs.contains_key(&Need::Bits(i))) {
            return Ok(None);
        }
        let mut needs = vec![Need::Masks];
        needs.extend(places.iter().map(|&i| Need::Bits(i)));
        needs.retain(|n| !self.has(*n));
        if !needs.is_empty() {
            return Err(needs);
        }
        let mut matched = self.bits.get(&(places[0] as u32)).cloned().unwrap_or_default();
        for &i in &places[1..] {
            let other = self.bits.get(&(i as u32)).map(Vec::as_slice).unwrap_or_default();
            for (word, &and) in matched.iter_mut().zip(other) {
                *word &= and;
            }
        }
        Ok(Some(matched))
    }

    /// Count the articles of the mask table's rows, or (`bits`, in group order) the matches
    /// among them.
    pub(super) fn tally_bits(&self, tally: &mut Tally, bits: Option<&[u64]>) {
        let mut start = 0;
        for &(district, topics, count) in self.masks.iter().flatten() {
            let end = start + count;
            let matches = bits.map_or(count, |bits| count_ones(bits, start, end));
            tally.add(Doc { ordinal: 0, district, topics }, matches, false);
            start = end;
        }
    }

    /// A test, called on every article newest first (each district's apart, or all), of
    /// whether `bits` has it: its group position is its row's end less the articles of its
    /// row already seen.
    pub(super) fn newest_in<'b>(&'b self, bits: &'b [u64]) -> impl FnMut(&Doc) -> bool + 'b {
        let rows: &[(u32, u64, usize)] = self.masks.as_deref().unwrap_or_default();
        // Per row: its start, and its end less the articles of it seen so far.
        let mut bounds = Vec::with_capacity(rows.len());
        let mut end = 0;
        for &(_, _, count) in rows {
            bounds.push((end, end + count));
            end += count;
        }
        move |doc: &Doc| match rows.binary_search_by(|&(d, t, _)| (d, t).cmp(&(doc.district, doc.topics))) {
            // More articles of a row than it counts (a damaged file) match nothing.
            Ok(row) if bounds[row].1 > bounds[row].0 => {
                bounds[row].1 -= 1;
                let at = bounds[row].1;
                bits.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 != 0)
            }
            _ => false,
        }
    }

    /// The rarest of `terms` and the dense directory's places of them all, when a search
    /// with dates from ordinal `lo` to `hi` answers from their slices (the rarest's with its
    /// articles' districts and topics): every term a dense prefix, none of those files failed,
    /// and those to fetch cost less than the terms' postings (else the postings answer). At
    /// 1,000,000 articles a common prefix's postings are megabytes; a slice of 16 segments is
    /// at most 4 KB, and its places ~2 bytes an article of the prefix.
    pub(super) fn dense_slices(&self, terms: &[String], lo: u32, hi: u32) -> Result<Option<(usize, Vec<usize>)>, Vec<Need>> {
        if self.failed_needs.contains_key(&Need::DenseDir) {
            return Ok(None);
        }
        let Some(dir) = &self.dense_dir else { return Err(vec![Need::DenseDir]) };
        let Some(places) = dense_places(dir, terms, true) else { return Ok(None) };
        let count = |i: usize| dir.counts.get(i).copied().unwrap_or(0) as usize;
        let rarest = places.iter().copied().min_by_key(|&i| count(i)).unwrap_or(0);
        let needs = self.range_needs(rarest, &places, lo, hi);
        if needs.iter().any(|n| self.failed_needs.contains_key(n)) {
            return Ok(None);
        }
        // A slice's bits, and for the rarest term its share of the slice's articles' places.
        let per_slice = (SLICE_SEGMENTS * SEGMENT).min(self.manifest.total);
        let placed = needs.iter().filter(|n| matches!(n, Need::Slice { places: true, .. })).count();
        let cost = needs.len() * per_slice / 8 + placed * count(rarest) * per_slice / self.manifest.total.max(1) * PLACE_BYTES;
        let postings: usize = places.iter().map(|&i| count(i)).sum();
        Ok((cost <= postings * POSTING_BYTES).then_some((rarest, places)))
    }

    /// The slices over ordinals `lo..hi` of the terms at `places` (`rarest`'s with its
    /// articles' places), not yet loaded.
    fn range_needs(&self, rarest: usize, places: &[usize], lo: u32, hi: u32) -> Vec<Need> {
        let per_slice = SLICE_SEGMENTS * SEGMENT;
        let (lo, hi) = (lo as usize, hi as usize);
        let mut needs = Vec::new();
        for slice in lo / per_slice..hi.div_ceil(per_slice).max(lo / per_slice) {
            for &term in places {
                let need = Need::Slice { term, slice, places: term == rarest };
                if !self.has(need) || self.failed_needs.contains_key(&need) {
                    needs.push(need);
                }
            }
        }
        needs
    }

    /// Count the matches of the terms at `places` in the ordinals `lo..hi`, keeping the
    /// newest `shown`: the `rarest`'s articles with their places, each checked in the other
    /// terms' slices; or the files still needed.
    pub(super) fn tally_slices(&self, (rarest, places): (usize, Vec<usize>), lo: u32, hi: u32, shown: usize, tally: &mut Tally) -> Vec<Need> {
        let needs = self.range_needs(rarest, &places, lo, hi);
        if !needs.is_empty() {
            return needs;
        }
        let per_slice = SLICE_SEGMENTS * SEGMENT;
        let has = |term: usize, ordinal: usize| {
            let bits = self.slices.get(&(term, ordinal / per_slice)).map(Vec::as_slice).unwrap_or_default();
            let at = ordinal % per_slice;
            term == rarest || bits.get(at / 64).is_some_and(|w| w >> (at % 64) & 1 != 0)
        };
        let slices = lo as usize / per_slice..(hi as usize).div_ceil(per_slice);
        for doc in slices.rev().filter_map(|s| self.rows.get(&self.placed_key(rarest, s))).flat_map(|docs| docs.iter().rev()) {
            if doc.ordinal >= lo && doc.ordinal < hi && places.iter().all(|&term| has(term, doc.ordinal as usize)) {
                tally.add(*doc, 1, true);
                tally.matches.truncate(shown);
            }
        }
        Vec::new()
    }
}

/// The places in `dir` of `terms`, when every one is a dense prefix: a term twice is one
/// bitmap, and one fetch, when `unique` (else one place a term).
pub(super) fn dense_places(dir: &DenseDir, terms: &[String], unique: bool) -> Option<Vec<usize>> {
    let mut places = Vec::with_capacity(terms.len());
    for term in terms {
        let i = dir.words.binary_search(term).ok()?;
        if !unique || !places.contains(&i) {
            places.push(i);
        }
    }
    Some(places)
}

/// Compressed bytes on the wire per article of a places file beyond its bits, and per
/// posting of a search chunk: ~2.1 (`nien`'s 2,016 articles: 5,598 bytes brotli, its bits
/// alone 1,276) and 3.93 (`node scripts/wire-costs.mjs target/e2e-archive/site/archive`) in
/// the 20,000-article archive of the e2e tests. (A slice is counted at its most, a bit an
/// article.)
const PLACE_BYTES: usize = 2;
const POSTING_BYTES: usize = 4;

/// The set bits of `bits` at positions `start..end` (beyond it: none).
fn count_ones(bits: &[u64], start: usize, end: usize) -> usize {
    let end = end.min(bits.len() * 64);
    if start >= end {
        return 0;
    }
    let (first, last) = (start / 64, (end - 1) / 64);
    let mut ones = 0;
    for (i, &word) in bits[first..=last].iter().enumerate() {
        let mut word = word;
        if i == 0 {
            word &= u64::MAX << (start % 64);
        }
        if first + i == last && end % 64 != 0 {
            word &= u64::MAX >> (64 - end % 64);
        }
        ones += word.count_ones() as usize;
    }
    ones
}

#[cfg(test)]
mod tests {
    use super::count_ones;

    #[test]
    fn counts_ones_in_any_range() {
        let bits = [u64::MAX, 0b1011, 1 << 63];
        let slow = |s: usize, e: usize| (s..e.min(192)).filter(|&p| bits[p / 64] >> (p % 64) & 1 != 0).count();
        for start in 0..200 {
            for end in start..200 {
                assert_eq!(count_ones(&bits, start, end), slow(start, end), "{start}..{end}");
            }
        }
    }
}
