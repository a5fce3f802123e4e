//! Tiers (format 10; 11: ordinals in the first tiers only, weights by palette, tiers of 4,096
//! past the third): a dense prefix's articles best first for it, the file a ranked search
//! reads in place of the prefix's postings (`write::tiers` writes them, `read::tiers` proves
//! a window from them; why, in docs/archive.md).

use serde::Serialize;

/// `search/tier-<generation>-<prefix>-<j>.json`: tier `j` of a dense prefix's articles ranked
/// best first for it (whole word, then weight, then newest: [`tier_range`]), each with its
/// group position (`positions`, ascending, delta-coded), its ordinal plus one (`ordinals`, in
/// the first [`TIER_ORDINALS`] tiers; 0, none, deeper) and weight (`weights`, by its place
/// in `palette`): the
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
    /// Per article, the place of its weight in `palette`.
    pub weights: Vec<u32>,
    /// The tier's weights, the most common first: a tier's weights are few (tens) and its
    /// articles many (thousands), and small numbers compress to ~3/4 of the weights' own.
    pub palette: Vec<u64>,
}

/// Articles in a dense prefix's first tier; the next two hold as many as those before them,
/// and every later one [`TIER_DEEP`].
pub const TIER_FIRST: usize = 1024;
/// Articles in each tier from the fourth on. A proof needs a term down to a weight, not to a
/// power of two: at 1,000,000 articles the benchmark's `han` must be read to its 24,016th
/// best article, which doubling tiers reach at 32,768 and these at 24,576, for two more
/// requests (`python3 scripts/tier-costs.py`, its doc gives the command).
pub const TIER_DEEP: usize = 4 * TIER_FIRST;
/// Tiers whose articles carry their ordinals (the best 2,048; deeper, 0s, which compress to
/// nothing). A window's article needs its ordinal (to fetch its card, and to order ties); one
/// only deeper tiers hold is rare on a first page, and a search that meets one is answered by
/// the postings. The ordinals of deeper tiers would be most of their bytes (format 10 at
/// 1,000,000 articles: 124 of 217 KB, docs/archive.md).
pub const TIER_ORDINALS: usize = 2;
/// A tier's weight: the weight byte, the whole-word bit, then the forms.
pub const TIER_WHOLE: u64 = 1 << 8;
pub const TIER_FORMS: u32 = 9;
/// Forms a tier can tell apart (a prefix with more gets no tiers; its postings answer).
pub const TIER_MAX_FORMS: usize = 64 - TIER_FORMS as usize;

/// The ranks `start..end` (best first) that tier `j` of a prefix in `count` articles holds.
pub fn tier_range(j: usize, count: usize) -> (usize, usize) {
    let end = |j: usize| if j < 3 { TIER_FIRST << j } else { TIER_DEEP * (j - 1) };
    let start = if j == 0 { 0 } else { end(j - 1) };
    (start.min(count), end(j).min(count))
}

/// How many tiers a prefix in `count` articles has: those starting in its best eighth (at
/// least the first). Deeper, the postings cost little more than the tiers a proof would read.
pub fn tiers_of(count: usize) -> usize {
    (0usize..).take_while(|&j| j == 0 || tier_range(j, count).0 < count / 8).count()
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
        // `han` at 1,000,000 articles: tiers of 1,024, 1,024, 2,048, then 4,096 each, to the
        // one that starts before its best eighth (76,656) and ends after it.
        assert_eq!([tier_range(1, 613_254), tier_range(2, 613_254), tier_range(3, 613_254)], [(1_024, 2_048), (2_048, 4_096), (4_096, 8_192)]);
        assert_eq!(tiers_of(613_254), 21);
        assert_eq!(tier_range(20, 613_254), (73_728, 77_824));
        assert_eq!(tier_range(5, 3_000), (3_000, 3_000));
    }
}
