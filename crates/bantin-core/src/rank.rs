//! Relevance ranking (CONTRACT §2 `sort=rel`): the order a Vietnamese reader expects.
//!
//! Results are ordered by, in turn:
//! 1. how many of the query's terms match **with the reader's marks** (`hòa` finds the commune
//!    Hòa Lợi before `hoa`, flowers). A term typed without marks says nothing about them, so
//!    it counts for every article alike; `Hoà`/`Hòa` and `Thuỷ`/`Thủy` are the same marks
//!    ([`mark_key`]);
//! 2. how many terms match a **whole word** rather than only the start of one (`cử` before
//!    `cửa`);
//! 3. a **BM25** score: Σ idf(term) × the article's weight for the term, where the weight is
//!    BM25's saturated, length-normalised term frequency with the title counting most
//!    ([`term_weight`]), quantised to 1–255;
//! 4. **recency**: newest first, as `sort=new`.
//!
//! Tiers 1–2 are strict because they are what a reader can see: an article that has the word
//! they typed, as they typed it, is never below one that merely shares its letters.
//!
//! The weight is computed from the whole article once, where the article is read: by the
//! archive writer (it is stored in every posting, so the browser never needs an article's
//! length or body to rank it) and by the in-memory index when a feed loads; both call
//! [`term_weight`], so a bare feed and an archive rank the same items the same way. The length
//! normalisation uses a fixed typical length ([`TYPICAL_LENGTH`]) rather than the collection's
//! average, so that appending articles never changes the weights of those already written.

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Words in a typical district-portal article (the seeds' median is ~330).
pub const TYPICAL_LENGTH: f64 = 330.0;
/// How much one occurrence in the title and in the summary count, against one in the body.
const TITLE_BOOST: f64 = 5.0;
const SUMMARY_BOOST: f64 = 2.0;
/// Weights are stored in a byte: 255 levels keep apart articles that the saturation brings
/// close (a short article naming a place three times against once).
pub const MAX_WEIGHT: u8 = 255;

/// An article's weight for one word: BM25's saturated term frequency over the three fields
/// (occurrences in each) and the article's length in words, quantised to 1..=255.
pub fn term_weight(title: u32, summary: u32, body: u32, length: u32) -> u8 {
    let frequency = TITLE_BOOST * f64::from(title) + SUMMARY_BOOST * f64::from(summary) + f64::from(body);
    let norm = K1 * (1.0 - B + B * f64::from(length) / TYPICAL_LENGTH);
    let saturated = frequency * (K1 + 1.0) / (frequency + norm);
    let level = (saturated / (K1 + 1.0) * f64::from(MAX_WEIGHT) + 0.5) as u32;
    level.clamp(1, u32::from(MAX_WEIGHT)) as u8
}

/// BM25's inverse document frequency: rare terms count more.
pub fn idf(total: usize, matching: usize) -> f64 {
    let (n, df) = (total as f64, matching as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// How one article matches one term.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermMatch {
    /// The best [`term_weight`] among the article's words that start with the term.
    pub weight: u8,
    /// One of them is the whole term.
    pub whole: bool,
    /// One of them carries the reader's marks (or the term has none).
    pub marked: bool,
}

impl TermMatch {
    /// Two words of one article that both match: the article matches as the better of them.
    pub fn merge(self, other: TermMatch) -> TermMatch {
        TermMatch { weight: self.weight.max(other.weight), whole: self.whole || other.whole, marked: self.marked || other.marked }
    }
}

/// An article's rank for a query; greater is more relevant. Ties are broken by recency by
/// the caller (who knows the order of its articles).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Rank {
    pub marked: u32,
    pub whole: u32,
    pub score: f64,
}

/// The rank of an article matching every term (`matches[i]` for term `i`, whose idf is
/// `idfs[i]`). Summed in term order, so every caller gets bit-identical scores.
pub fn rank(matches: &[TermMatch], idfs: &[f64]) -> Rank {
    let mut rank = Rank { marked: 0, whole: 0, score: 0.0 };
    for (m, idf) in matches.iter().zip(idfs) {
        rank.marked += u32::from(m.marked);
        rank.whole += u32::from(m.whole);
        rank.score += idf * f64::from(m.weight);
    }
    rank
}

/// Descending by rank; `Equal` for equal ranks (then the caller's recency order decides).
pub fn better(a: &Rank, b: &Rank) -> core::cmp::Ordering {
    b.partial_cmp(a).unwrap_or(core::cmp::Ordering::Equal)
}

/// A word as the reader wrote it, for comparing marks: lower case, with the tone of the open
/// syllables `oa`, `oe`, `uy` on their first vowel (`Hoà` → `hòa`, `Thuỷ` → `thủy`), as
/// [`crate::fold::canonical_tone`] places it. Written without Unicode's tables (the browser
/// would download them): it knows the Vietnamese letters, which is all that has marks here.
/// Input is NFC, as feeds are; other text just compares as it is.
pub fn mark_key(word: &str) -> String {
    let mut letters: Vec<char> = word.chars().map(lower).collect();
    let n = letters.len();
    if n >= 2 && !(n >= 3 && letters[n - 3] == 'q') {
        let (first, second) = (letters[n - 2], letters[n - 1]);
        let carrier = match first {
            'o' => "àáảãạèéẻẽẹ",
            'u' => "ỳýỷỹỵ",
            _ => "",
        };
        if let Some(at) = carrier.chars().position(|c| c == second) {
            let tone = at % 5;
            letters[n - 2] = if first == 'o' { "òóỏõọ" } else { "ùúủũụ" }.chars().nth(tone).unwrap_or(first);
            letters[n - 1] = if first == 'u' { 'y' } else if at < 5 { 'a' } else { 'e' };
        }
    }
    letters.into_iter().collect()
}

/// Lower case for the letters Vietnamese uses (ASCII, Latin-1, `Ă Đ Ĩ Ũ Ơ Ư` and the
/// precomposed vowels of Latin Extended Additional); anything else is returned as it is.
fn lower(c: char) -> char {
    let code = c as u32;
    let lowered = match code {
        0x41..=0x5a => code + 0x20,
        0xc0..=0xde if code != 0xd7 => code + 0x20,
        0x100..=0x137 | 0x14a..=0x177 | 0x1a0 | 0x1ea0..=0x1ef9 if code % 2 == 0 => code + 1,
        0x1af => 0x1b0,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// Upper case for the same letters as [`lower`] (the capitals a Telex reading restores).
pub fn upper(c: char) -> char {
    let code = c as u32;
    let raised = match code {
        0x61..=0x7a => code - 0x20,
        0xe0..=0xfe if code != 0xf7 => code - 0x20,
        0x101..=0x137 | 0x14b..=0x177 | 0x1a1 | 0x1ea1..=0x1ef9 if code % 2 == 1 => code - 1,
        0x1b0 => 0x1af,
        _ => code,
    };
    char::from_u32(raised).unwrap_or(c)
}

/// The reader's marked form of a query term, or `None` when the term was typed without marks
/// (then marks do not rank). `word` is one word of the query as typed; `folded` its folding.
pub fn marked_term(word: &str, folded: &str) -> Option<String> {
    let key = mark_key(word);
    (key != folded).then_some(key)
}

/// The query's words as typed, one per folded term, each with its marked form if it has marks.
/// When the two do not line up (a word of the query dropped by folding), marks are ignored.
pub fn marked_terms(text: &str, terms: &[String]) -> Vec<Option<String>> {
    let typed = crate::fold::words(text);
    if typed.len() != terms.len() {
        return vec![None; terms.len()];
    }
    typed.iter().zip(terms).map(|(word, folded)| marked_term(word, folded)).collect()
}

/// Whether `variant` (a word's [`mark_key`]) carries the marked term `marked` (a prefix), or
/// the term has no marks.
pub fn carries(variant: &str, marked: Option<&str>) -> bool {
    marked.is_none_or(|m| variant.starts_with(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_compare_whatever_the_tone_placement_and_case() {
        assert_eq!(mark_key("Hoà"), "hòa");
        assert_eq!(mark_key("HÒA"), "hòa");
        assert_eq!(mark_key("Thuỷ"), "thủy");
        assert_eq!(mark_key("khoẻ"), "khỏe");
        assert_eq!(mark_key("ĐẢNG"), "đảng");
        assert_eq!(mark_key("Ủy"), "ủy");
        // Closed syllables and `qu` keep their tone where it is.
        assert_eq!(mark_key("hoàn"), "hoàn");
        assert_eq!(mark_key("quý"), "quý");
        assert_eq!(mark_key("ƯỚC"), "ước");
        assert_eq!(mark_key("Ơn"), "ơn");
        assert_eq!(mark_key("Ĩnh"), "ĩnh");
        for (small, capital) in [('đ', 'Đ'), ('ả', 'Ả'), ('ư', 'Ư'), ('ơ', 'Ơ'), ('à', 'À'), ('ă', 'Ă'), ('ỹ', 'Ỹ'), ('z', 'Z')] {
            assert_eq!((upper(small), lower(capital)), (capital, small));
        }
    }

    #[test]
    fn a_term_without_marks_carries_any() {
        assert_eq!(marked_term("hoa", "hoa"), None);
        assert_eq!(marked_term("HOA", "hoa"), None);
        assert_eq!(marked_term("Hòa", "hoa").as_deref(), Some("hòa"));
        assert!(carries("hòa", Some("hò")));
        assert!(!carries("hoa", Some("hò")));
        assert!(carries("hoa", None));
        assert_eq!(marked_terms("Hoà bình", &["hoa".into(), "binh".into()]), [Some("hòa".into()), Some("bình".into())]);
    }

    #[test]
    fn weights_favour_the_title_saturate_and_normalise_length() {
        let title_once = term_weight(1, 0, 1, 330);
        let body_once = term_weight(0, 0, 1, 330);
        assert!(title_once > body_once, "{title_once} > {body_once}");
        assert!(term_weight(0, 0, 3, 330) > body_once);
        // Saturation: fifty mentions are not fifty times one.
        assert!(u32::from(term_weight(0, 0, 50, 330)) < 4 * u32::from(body_once));
        // The same mentions weigh more in a short article than in a long one.
        assert!(term_weight(0, 0, 2, 100) > term_weight(0, 0, 2, 2000));
        assert!(term_weight(0, 0, 1, 100_000) >= 1);
    }

    #[test]
    fn ranks_order_tiers_before_scores() {
        let exact = TermMatch { weight: 1, whole: true, marked: true };
        let folded = TermMatch { weight: 255, whole: true, marked: false };
        let idf = [idf(1000, 10)];
        assert_eq!(better(&rank(&[exact], &idf), &rank(&[folded], &idf)), core::cmp::Ordering::Less);
        let prefix = TermMatch { weight: 255, whole: false, marked: true };
        assert_eq!(better(&rank(&[exact], &idf), &rank(&[prefix], &idf)), core::cmp::Ordering::Less);
        assert!(idf[0] > super::idf(1000, 500));
    }
}
