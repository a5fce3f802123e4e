//! Search by dense bitmaps ([`crate::archive::DenseDir`]): when every term of a newest-first
//! search without phrases is a dense prefix, its matches are the AND of the terms' bitmaps
//! in group order, its counts popcounts over the mask table's rows, and its window the
//! newest articles (from rows or the districts' listings) whose group position is set.
//! At 1,000,000 articles that is two bitmaps of ~100 KB where the terms' postings are
//! megabytes. With dates, a position is known only by walking every article from the newest,
//! so the rows from the newest to the range are read and counted one by one, when they cost
//! less than the postings ([`Archive::dated_walk`]).

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
        let mut places = Vec::with_capacity(terms.len());
        for term in terms {
            match dir.words.binary_search(term) {
                // A term twice is one bitmap (and one fetch).
                Ok(i) if places.contains(&i) => {}
                Ok(i) if !self.failed_needs.contains_key(&Need::Bits(i)) => places.push(i),
                _ => return Ok(None),
            }
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

    /// Count the matches of `bits` in the ordinals `lo..hi`, keeping the newest `shown`, by
    /// walking every article from the newest to `lo` (each moves its group's count, in the
    /// range or not); or the rows files still needed for it.
    pub(super) fn tally_walk(&self, bits: &[u64], lo: u32, hi: u32, shown: usize, tally: &mut Tally) -> Vec<Need> {
        let walk = self.walked_segments(lo);
        let needs: Vec<Need> = walk.clone().map(Need::Rows).filter(|n| !self.has(*n)).collect();
        if needs.is_empty() {
            let mut found = self.newest_in(bits);
            for doc in walk.rev().filter_map(|k| self.rows.get(&k)).flat_map(|rows| rows.iter().rev()) {
                if found(doc) && doc.ordinal >= lo && doc.ordinal < hi {
                    tally.add(*doc, 1, true);
                    tally.matches.truncate(shown);
                }
            }
        }
        needs
    }

    /// Whether a search by bitmaps with dates from ordinal `lo` walks the rows from the
    /// newest article to `lo` (group positions count from the archive's end): when none of
    /// them failed and those to fetch cost less than the terms' postings (else the postings
    /// answer). At 1,000,000 articles a common prefix's postings are megabytes, a segment's
    /// rows ~5.6 KB.
    pub(super) fn dated_walk(&self, terms: &[String], lo: u32) -> bool {
        let walk = self.walked_segments(lo);
        if walk.clone().any(|k| self.failed_needs.contains_key(&Need::Rows(k))) {
            return false;
        }
        let unread = walk.filter(|k| !self.rows.contains_key(k)).count();
        // The articles each term's postings name at least (a prefix's words may share some).
        let Some(dir) = &self.dense_dir else { return false };
        let postings: usize = terms
            .iter()
            .filter_map(|t| self.bits.get(&(dir.words.binary_search(t).ok()? as u32)))
            .map(|bits| count_ones(bits, 0, bits.len() * 64))
            .sum();
        unread * SEGMENT * ROW_BYTES <= postings * POSTING_BYTES
    }

    /// The segments from the one holding ordinal `lo` to the newest.
    fn walked_segments(&self, lo: u32) -> std::ops::Range<usize> {
        lo as usize / SEGMENT..self.manifest.segments.len()
    }
}

/// Compressed bytes on the wire per article of a rows file, and per posting of a search
/// chunk: 2.21 and 3.93 (brotli) in the 20,000-article archive of the e2e tests
/// (`node scripts/wire-costs.mjs target/e2e-archive/site/archive`).
const ROW_BYTES: usize = 2;
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
