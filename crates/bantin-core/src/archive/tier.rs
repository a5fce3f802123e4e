//! Tiers (format 10): a dense prefix's articles best first for it, the file a ranked search
//! reads in place of the prefix's postings (`write::tiers` writes them, `read::tiers` proves
//! a window from them; why, in docs/archive.md).

use serde::Serialize;

/// `search/tier-<generation>-<prefix>-<j>.json`: tier `j` of a dense prefix's articles ranked
/// best first for it (whole word, then weight, then newest: [`tier_range`]), each with its
/// group position (`positions`, ascending, delta-coded), its `ordinals` and `weights`: the
/// weight byte, bit 8 when it has the prefix as a whole word, and above that a bit per form
/// of the prefix it writes (`variants`: the prefix as spelled, [`crate::rank::mark_key`]'s
/// first characters, most used first). What a ranked search of dense terms reads in place
/// of their postings: the best tiers of each, until its window is proved.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tier {
    pub segment: String,
    pub variants: Vec<String>,
    pub positions: Vec<u32>,
    pub ordinals: Vec<u32>,
    pub weights: Vec<u64>,
}

/// Articles in a dense prefix's first tier; each later tier holds as many as those before it.
pub const TIER_FIRST: usize = 1024;
/// A tier's weight: the weight byte, the whole-word bit, then the forms.
pub const TIER_WHOLE: u64 = 1 << 8;
pub const TIER_FORMS: u32 = 9;
/// Forms a tier can tell apart (a prefix with more gets no tiers; its postings answer).
pub const TIER_MAX_FORMS: usize = 64 - TIER_FORMS as usize;

/// The ranks `start..end` (best first) that tier `j` of a prefix in `count` articles holds.
pub fn tier_range(j: usize, count: usize) -> (usize, usize) {
    let start = if j == 0 { 0 } else { TIER_FIRST << (j - 1) };
    (start.min(count), (TIER_FIRST << j).min(count))
}

/// How many tiers a prefix in `count` articles has: those starting in its best eighth (at
/// least the first). Deeper, the postings cost little more than the tiers a proof would read.
pub fn tiers_of(count: usize) -> usize {
    (0..usize::BITS as usize).take_while(|&j| j == 0 || tier_range(j, count).0 < count / 8).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_follow_one_another_and_start_in_the_best_eighth() {
        for count in [1, 64, 1_023, 1_024, 5_000, 8_192, 8_193, 12_000, 246_179, 613_254, 1_000_000] {
            let tiers = tiers_of(count);
            assert!(tiers >= 1, "{count}");
            assert_eq!(tier_range(0, count), (0, count.min(TIER_FIRST)));
            for j in 1..tiers {
                assert_eq!(tier_range(j, count).0, tier_range(j - 1, count).1, "{count}: tier {j} starts where {} ends", j - 1);
                assert!(tier_range(j, count).0 < count / 8, "{count}: tier {j} starts past the best eighth");
            }
            assert!(tier_range(tiers, count).0 >= count / 8 || tier_range(tiers - 1, count).1 == count, "{count}: a tier is missing");
        }
        // `han` at 1,000,000 articles: tiers of 1,024, 1,024, 2,048, … 65,536 (to 131,072).
        assert_eq!(tiers_of(613_254), 8);
        assert_eq!(tier_range(7, 613_254), (65_536, 131_072));
    }
}
