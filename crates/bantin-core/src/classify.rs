//! Topic classifier: transparent weighted keywords.
//!
//! Every rule lives in one reviewable file, `data/topic_rules.tsv` (slug, weight, phrase), embedded
//! at compile time. A phrase matches whole folded words (see [`crate::fold::fold`]): case, tone and
//! vowel marks and punctuation are ignored, so `phòng, chống dịch` matches the rule
//! `phòng chống dịch` and `Huyện uỷ` matches `Huyện ủy`.
//!
//! Scoring, per topic: the sum over its rules of
//! `weight × (TITLE_FACTOR × min(title hits, TITLE_CAP) + min(body hits, BODY_CAP))`.
//! The caps keep one keyword repeated through a long report from drowning everything else.
//! A topic is kept when its score reaches [`MIN_SCORE`] and [`RELATIVE_PERCENT`] % of the best
//! score; at most [`MAX_TOPICS`], most relevant first (ties in slug order, so output is stable).
//! Local-government reports touch every topic in passing; the relative floor keeps only what
//! the story is mainly about.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::fold::fold;
use crate::topics::TOPICS;

/// The rules file, embedded.
pub const RULES_TSV: &str = include_str!("../data/topic_rules.tsv");

/// A title hit counts this many body hits.
pub const TITLE_FACTOR: u32 = 3;
/// Title hits counted per rule.
pub const TITLE_CAP: u32 = 2;
/// Body hits counted per rule.
pub const BODY_CAP: u32 = 3;
/// A topic below this score does not fit at all.
pub const MIN_SCORE: u32 = 6;
/// A topic must reach at least this percentage of the best topic's score.
pub const RELATIVE_PERCENT: u32 = 40;
/// At most this many topics per article.
pub const MAX_TOPICS: usize = 3;

/// One line of the rules file.
#[derive(Debug, Clone)]
pub struct Rule {
    pub slug: &'static str,
    pub weight: u32,
    /// The phrase as written in the file.
    pub phrase: String,
    /// Its folded words.
    pub words: Vec<String>,
    /// 1-based line in the rules file, for explanations.
    pub line: usize,
}

/// A parsed rule set, indexed by the first folded word of each phrase.
#[derive(Debug)]
pub struct Classifier {
    rules: Vec<Rule>,
    /// Every word of every phrase → a small integer, so matching compares integers.
    vocabulary: HashMap<String, u32, BuildFnv>,
    /// Per rule, its phrase as word ids.
    phrase_ids: Vec<Vec<u32>>,
    /// Per word id, the rules whose phrase starts with it.
    by_first_word: Vec<Vec<usize>>,
}

/// The id of a word that no phrase contains.
const NOT_A_RULE_WORD: u32 = u32::MAX;

/// FNV-1a for the word index: every word of every article is looked up, and SipHash's
/// DoS resistance buys nothing for a fixed, trusted key set.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildFnv;

pub struct Fnv(u64);

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A topic's score with the rules that produced it, for explanations and tuning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicScore {
    pub slug: &'static str,
    pub score: u32,
}

/// The words of a folded text (the same word rule as search: [`crate::fold::word_spans`]).
fn split_words(folded: &str) -> Vec<&str> {
    crate::fold::words(folded)
}

impl Classifier {
    /// Parse a rules file. Errors name the line and what is wrong with it.
    pub fn parse(tsv: &str) -> Result<Classifier, String> {
        let mut rules = Vec::new();
        let mut vocabulary: HashMap<String, u32, BuildFnv> = HashMap::with_hasher(BuildFnv);
        let mut phrase_ids: Vec<Vec<u32>> = Vec::new();
        let mut by_first_word: Vec<Vec<usize>> = Vec::new();
        for (index, raw) in tsv.lines().enumerate() {
            let line = index + 1;
            let text = raw.trim_end_matches('\r');
            if text.trim().is_empty() || text.trim_start().starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = text.split('\t').collect();
            if cols.len() != 3 {
                return Err(format!("line {line}: expected 3 TAB-separated columns (slug, weight, phrase), found {}", cols.len()));
            }
            let slug = TOPICS
                .iter()
                .find(|t| t.slug == cols[0].trim())
                .map(|t| t.slug)
                .ok_or_else(|| format!("line {line}: unknown topic slug \"{}\"", cols[0]))?;
            let weight: u32 = cols[1]
                .trim()
                .parse()
                .ok()
                .filter(|w| (1..=5).contains(w))
                .ok_or_else(|| format!("line {line}: weight \"{}\" is not a number from 1 to 5", cols[1]))?;
            let phrase = cols[2].trim().to_owned();
            let folded = fold(&phrase);
            let words: Vec<String> = split_words(&folded).into_iter().map(str::to_owned).collect();
            if words.is_empty() {
                return Err(format!("line {line}: empty phrase"));
            }
            if rules.iter().any(|r: &Rule| r.slug == slug && r.words == words) {
                return Err(format!("line {line}: duplicate rule \"{phrase}\" for {slug}"));
            }
            let ids: Vec<u32> = words
                .iter()
                .map(|w| {
                    let next = vocabulary.len() as u32;
                    *vocabulary.entry(w.clone()).or_insert(next)
                })
                .collect();
            by_first_word.resize(vocabulary.len(), Vec::new());
            by_first_word[ids[0] as usize].push(rules.len());
            phrase_ids.push(ids);
            rules.push(Rule { slug, weight, phrase, words, line });
        }
        Ok(Classifier { rules, vocabulary, phrase_ids, by_first_word })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Hits per rule (indexed like [`Classifier::rules`]) in one folded text.
    fn hits(&self, folded: &str) -> Vec<u32> {
        let ids: Vec<u32> = split_words(folded)
            .into_iter()
            .map(|w| self.vocabulary.get(w).copied().unwrap_or(NOT_A_RULE_WORD))
            .collect();
        let mut hits = vec![0u32; self.rules.len()];
        for (i, &id) in ids.iter().enumerate() {
            if id == NOT_A_RULE_WORD {
                continue;
            }
            for &r in &self.by_first_word[id as usize] {
                let phrase = &self.phrase_ids[r];
                if ids.get(i..i + phrase.len()) == Some(phrase.as_slice()) {
                    hits[r] += 1;
                }
            }
        }
        hits
    }

    /// Every topic with a positive score, best first (ties in slug order).
    pub fn scores(&self, title: &str, body: &str) -> Vec<TopicScore> {
        self.scores_folded(&fold(title), &fold(body))
    }

    /// [`Classifier::scores`] for texts already folded with [`fold`] (callers that fold anyway
    /// save a second pass).
    pub fn scores_folded(&self, title: &str, body: &str) -> Vec<TopicScore> {
        let title_hits = self.hits(title);
        let body_hits = self.hits(body);
        let mut totals: Vec<TopicScore> = Vec::new();
        for (r, rule) in self.rules.iter().enumerate() {
            let points = rule.weight
                * (TITLE_FACTOR * title_hits[r].min(TITLE_CAP) + body_hits[r].min(BODY_CAP));
            if points == 0 {
                continue;
            }
            match totals.iter_mut().find(|t| t.slug == rule.slug) {
                Some(t) => t.score += points,
                None => totals.push(TopicScore { slug: rule.slug, score: points }),
            }
        }
        totals.sort_by(|a, b| b.score.cmp(&a.score).then(a.slug.cmp(b.slug)));
        totals
    }

    /// The topics that fit, most relevant first.
    pub fn classify(&self, title: &str, body: &str) -> Vec<&'static str> {
        self.classify_folded(&fold(title), &fold(body))
    }

    /// [`Classifier::classify`] for texts already folded with [`fold`].
    pub fn classify_folded(&self, title: &str, body: &str) -> Vec<&'static str> {
        let scores = self.scores_folded(title, body);
        let Some(best) = scores.first().map(|s| s.score) else { return Vec::new() };
        let floor = MIN_SCORE.max((best * RELATIVE_PERCENT).div_ceil(100));
        scores.into_iter().filter(|s| s.score >= floor).take(MAX_TOPICS).map(|s| s.slug).collect()
    }
}

/// The classifier built from the embedded rules file (parsed once).
pub fn classifier() -> &'static Classifier {
    static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
    CLASSIFIER.get_or_init(|| {
        Classifier::parse(RULES_TSV).unwrap_or_else(|e| panic!("data/topic_rules.tsv: {e}"))
    })
}

/// Topic slugs for an article, most relevant first; empty when nothing fits.
pub fn classify(title: &str, body: &str) -> Vec<&'static str> {
    classifier().classify(title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_parse_and_cover_every_topic() {
        let c = classifier();
        assert!(c.rules().len() > 100);
        for t in TOPICS {
            assert!(c.rules().iter().any(|r| r.slug == t.slug), "no rule for {}", t.slug);
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = Classifier::parse("# c\nbau-cu\t2\n").unwrap_err();
        assert!(e.starts_with("line 2:"), "{e}");
        let e = Classifier::parse("sports\t2\tbóng đá\n").unwrap_err();
        assert!(e.contains("unknown topic slug"), "{e}");
        let e = Classifier::parse("bau-cu\tx\tbầu cử\n").unwrap_err();
        assert!(e.contains("weight"), "{e}");
        let e = Classifier::parse("bau-cu\t9\tbầu cử\n").unwrap_err();
        assert!(e.contains("weight"), "{e}");
        let e = Classifier::parse("bau-cu\t2\t - \n").unwrap_err();
        assert!(e.contains("empty phrase"), "{e}");
        let e = Classifier::parse("bau-cu\t2\tbầu cử\nbau-cu\t3\tBẦU CỬ\n").unwrap_err();
        assert!(e.contains("duplicate"), "{e}");
    }

    #[test]
    fn matches_whole_folded_words_only() {
        let c = Classifier::parse("bau-cu\t4\tbầu cử\ny-te-dich-benh\t4\tcovid\n").unwrap();
        assert_eq!(c.scores("", "Cuộc BẦU CỬ").first().map(|s| s.score), Some(4));
        // "covid" inside "covidx" is not a word match; "Covid-19" is.
        assert!(c.scores("", "covidx").is_empty());
        assert_eq!(c.scores("", "Covid-19").len(), 1);
        // Punctuation between words is ignored.
        let c = Classifier::parse("y-te-dich-benh\t3\tphòng chống dịch\n").unwrap();
        assert_eq!(c.scores("", "công tác phòng, chống dịch").len(), 1);
    }

    #[test]
    fn word_splitting_matches_the_simple_definition() {
        for text in ["", "a", " kinh te – xa hoi, covid-19 ", "x…y", "ŋ ß ä1"] {
            let simple: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
            assert_eq!(split_words(text), simple, "{text:?}");
        }
    }

    #[test]
    fn title_hits_weigh_more_and_body_hits_are_capped() {
        let c = Classifier::parse("bau-cu\t2\tbầu cử\nkinh-te\t2\tđầu tư\n").unwrap();
        let s = c.scores("Bầu cử", "đầu tư đầu tư đầu tư đầu tư đầu tư");
        assert_eq!(s[0], TopicScore { slug: "bau-cu", score: 2 * TITLE_FACTOR });
        assert_eq!(s[1], TopicScore { slug: "kinh-te", score: 2 * BODY_CAP });
    }

    #[test]
    fn threshold_drops_noise_but_keeps_the_best_fit() {
        // A single weak body mention does not make a topic.
        assert!(classify("Thông báo", "Có một chợ nhỏ.").is_empty());
        // Nothing at all.
        assert!(classify("", "").is_empty());
        let t = classify("Huyện tổ chức bầu cử đại biểu Quốc hội", "Cử tri đi bỏ phiếu đông đủ.");
        assert_eq!(t[0], "bau-cu");
    }

    #[test]
    fn classifies_typical_headlines() {
        let cases = [
            ("Hội nghị Ban chấp hành Đảng bộ huyện lần thứ tư", "xay-dung-dang"),
            ("Huyện đẩy mạnh cải cách hành chính, giải quyết thủ tục hành chính một cửa", "chinh-quyen"),
            ("Khởi công xây dựng tuyến đường giao thông nông thôn 15 tỷ đồng", "kinh-te"),
            ("Xã Tân Hòa đạt chuẩn nông thôn mới", "nong-nghiep-ntm"),
            ("Tăng cường phòng chống dịch Covid-19 trên địa bàn", "y-te-dich-benh"),
            ("Các trường học sẵn sàng cho năm học mới", "giao-duc"),
            ("Trao quà cho gia đình chính sách, hộ nghèo nhân dịp Tết", "van-hoa-xa-hoi"),
            ("Lễ giao nhận quân năm 2021", "quoc-phong-an-ninh"),
            ("Ủy ban MTTQ huyện tổng kết công tác Mặt trận năm 2020", "mat-tran-doan-the"),
            ("Tăng cường quản lý đất đai và bảo vệ môi trường", "tai-nguyen-moi-truong"),
        ];
        for (title, slug) in cases {
            let got = classify(title, "");
            assert_eq!(got.first().copied(), Some(slug), "{title}: {got:?}");
        }
    }

    #[test]
    fn folded_input_gives_the_same_answer() {
        let (t, b) = ("Hội nghị Ban Chấp hành Đảng bộ", "Phòng, chống dịch Covid-19; bầu cử");
        assert_eq!(classify(t, b), classifier().classify_folded(&fold(t), &fold(b)));
    }

    #[test]
    fn output_is_bounded_and_ordered() {
        let body = "bầu cử, Covid, nông thôn mới, đầu tư, giáo dục, quốc phòng, môi trường, \
                    Mặt trận Tổ quốc, cải cách hành chính, an sinh xã hội, đảng viên";
        let c = classifier();
        let scores = c.scores("", body);
        assert!(scores.windows(2).all(|w| w[0].score >= w[1].score));
        let topics = classify("", body);
        assert!(topics.len() <= MAX_TOPICS);
        assert_eq!(topics, classify("", body), "deterministic");
    }
}
