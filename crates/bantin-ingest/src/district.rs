//! Which district a story is about.
//!
//! Clues come in three tiers, strongest first:
//! 1. explicit `huyện X` / `Huyện ủy X` / `UBND huyện X` / `thị xã X` / `thành phố X` / `TP X` /
//!    `quận X` in the title (weight 3), the lead (2) and the captions (1);
//! 2. the same in the rest of the body, and commune names (`xã Thượng Kiệm`) (weight 1);
//! 3. the portal: site name, footer address (`huyện Cầu Kè, tỉnh Trà Vinh`), e-mail
//!    (`cauke@travinh.gov.vn`) and URL host (`cauke.travinh.gov.vn`, `<district>.<province>.dcs.vn`).
//!
//! The first tier with a clue decides. Same-name districts (Châu Thành, huyện and thành phố Cao
//! Lãnh) are narrowed by the province and district context of every tier (`tỉnh X` mentions,
//! the host's province…); what stays ambiguous gives no district: we never guess.

use std::collections::{BTreeMap, HashMap};

pub use crate::hosts::host_of;
use std::sync::OnceLock;

use bantin_core::classify::BuildFnv;
use bantin_core::gazetteer::{gazetteer, District, DistrictType};

/// One clue: the districts it allows, its tier and weight.
#[derive(Debug, Clone)]
pub struct Clue {
    pub tier: u8,
    pub weight: u32,
    pub candidates: Vec<&'static District>,
    /// What the clue was, for explanations (`huyện Cầu Kè`, `host cauke.travinh.gov.vn`).
    pub source: String,
}

/// All clues of one page.
#[derive(Debug, Clone, Default)]
pub struct Clues {
    pub clues: Vec<Clue>,
    /// Provinces the page names (`tỉnh Trà Vinh`, the host's province).
    pub provinces: Vec<&'static str>,
}

struct Token<'a> {
    text: &'a str,
    /// The keyword this word is (lower case), or "" ([`KEYWORDS`]).
    lower: &'static str,
    /// Separator text between this token and the next one.
    sep_after: &'a str,
}

/// The words the mention scanners react to.
const KEYWORDS: &[&str] = &["huyện", "quận", "thị", "xã", "thành", "phố", "ủy", "uỷ", "tp", "tx", "hu", "phường", "trấn", "tỉnh"];

/// `word` as one of [`KEYWORDS`] (in lower case, Capitalised or UPPER case), else "".
fn keyword(word: &str) -> &'static str {
    static FORMS: OnceLock<HashMap<String, &'static str, BuildFnv>> = OnceLock::new();
    if word.len() > 8 || !word.starts_with(['h', 'H', 'q', 'Q', 't', 'T', 'x', 'X', 'p', 'P', 'u', 'U', 'ủ', 'Ủ']) {
        return "";
    }
    let forms = FORMS.get_or_init(|| {
        let mut m = HashMap::with_hasher(BuildFnv);
        for k in KEYWORDS {
            for form in [k.to_string(), crate::text::capitalise(k), k.to_uppercase()] {
                m.insert(form, *k);
            }
        }
        m
    });
    forms.get(word).copied().unwrap_or("")
}

/// The words of a text (core's word rule: letters, digits, combining marks) with the
/// separators between them.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let spans = bantin_core::fold::word_spans(text);
    spans
        .iter()
        .enumerate()
        .map(|(k, &(s, e))| {
            let next = spans.get(k + 1).map_or(text.len(), |n| n.0);
            let word = &text[s..e];
            Token { text: word, lower: keyword(word), sep_after: &text[e..next] }
        })
        .collect()
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The capitalised words of a name starting at token `k` (digits allowed when `numbers`),
/// joined by single spaces, at most 4; a hyphen may join two parts (`Phan Rang-Tháp Chàm`).
fn name_words(toks: &[Token<'_>], k: usize, numbers: bool) -> Vec<String> {
    let mut words = Vec::new();
    let mut i = k;
    while i < toks.len() && words.len() < 4 {
        let t = toks[i].text;
        let ok = starts_upper(t) || (numbers && words.is_empty() && t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 2);
        if !ok {
            break;
        }
        words.push(t.to_owned());
        let sep = toks[i].sep_after.trim_matches(' ');
        if !(sep.is_empty() || sep == "-" || sep == "–") || toks[i].sep_after.is_empty() {
            break;
        }
        if numbers && t.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        i += 1;
    }
    words
}

/// The district type named at token `k`, and how many tokens the trigger takes.
fn district_trigger(toks: &[Token<'_>], k: usize) -> Option<(DistrictType, usize)> {
    let w = toks[k].lower;
    let next = toks.get(k + 1).map(|t| t.lower);
    let uy = |n: Option<&str>| matches!(n, Some("ủy" | "uỷ"));
    let (kind, len) = match w {
        "huyện" if uy(next) => (DistrictType::Huyen, 2),
        "huyện" => (DistrictType::Huyen, 1),
        "quận" if uy(next) => (DistrictType::Quan, 2),
        "quận" => (DistrictType::Quan, 1),
        "thị" if next == Some("xã") => (DistrictType::ThiXa, 2),
        "thị" if uy(next) => (DistrictType::ThiXa, 2),
        "thành" if next == Some("phố") => (DistrictType::ThanhPho, 2),
        "thành" if uy(next) => (DistrictType::ThanhPho, 2),
        "tp" if toks[k].text != "tp" => (DistrictType::ThanhPho, 1),
        "tx" if toks[k].text == "TX" => (DistrictType::ThiXa, 1),
        "hu" if toks[k].text == "HU" => (DistrictType::Huyen, 1),
        _ => return None,
    };
    if len == 2 && toks[k].sep_after != " " {
        return None;
    }
    // The name follows after a space (or `TP. `).
    let sep = toks.get(k + len - 1)?.sep_after;
    let s = sep.trim();
    (!sep.is_empty() && (s.is_empty() || s == ".")).then_some((kind, len))
}

/// `, tỉnh Trà Vinh` right after a name: the province it qualifies.
fn province_after(toks: &[Token<'_>], k: usize) -> Option<&'static str> {
    let t = toks.get(k)?;
    if t.lower != "tỉnh" && !(t.lower == "thành" && toks.get(k + 1)?.lower == "phố") {
        return None;
    }
    let start = if t.lower == "tỉnh" { k + 1 } else { k + 2 };
    let words = name_words(toks, start, false);
    (1..=words.len()).rev().find_map(|n| gazetteer().province(&words[..n].join(" ")))
}

/// `tỉnh X` mentions: provinces named anywhere in a text.
pub fn province_mentions(text: &str) -> Vec<&'static str> {
    let toks = tokens(text);
    (0..toks.len()).filter_map(|k| province_after(&toks, k)).collect()
}

fn lookup(kind: DistrictType, words: &[String], province: Option<&str>) -> Vec<&'static District> {
    let g = gazetteer();
    for n in (1..=words.len()).rev() {
        let name = words[..n].join(" ");
        let hits = g.find_district(Some(kind), &name, province);
        if !hits.is_empty() {
            return hits;
        }
        // Portals keep old types (`thị xã` that became `thành phố`): any type, same name.
        let hits = g.find_district(None, &name, province);
        if !hits.is_empty() {
            return hits;
        }
    }
    Vec::new()
}

impl Clues {
    pub(crate) fn push(&mut self, tier: u8, weight: u32, candidates: Vec<&'static District>, source: String) {
        if !candidates.is_empty() {
            self.clues.push(Clue { tier, weight, candidates, source });
        }
    }

    /// Explicit district mentions (and `tỉnh X` provinces) in a text.
    pub fn explicit(&mut self, text: &str, tier: u8, weight: u32) {
        self.scan(text, tier, Some(weight), None);
    }

    /// Commune mentions: `xã Thượng Kiệm`, `thị trấn Cầu Kè`, `phường 5`.
    pub fn communes(&mut self, text: &str, tier: u8, weight: u32) {
        self.scan(text, tier, None, Some((tier, weight)));
    }

    /// Both kinds of mention in one pass over the text: explicit districts (tier `tier`,
    /// `district_weight`) and communes (tier `commune_tier`, `commune_weight`).
    pub fn scan(&mut self, text: &str, tier: u8, district_weight: Option<u32>, commune: Option<(u8, u32)>) {
        let toks = tokens(text);
        let mut k = 0;
        let mut skip_until = 0;
        while k < toks.len() {
            if toks[k].lower.is_empty() {
                k += 1;
                continue;
            }
            if let Some((commune_tier, commune_weight)) = commune {
                self.commune_at(&toks, k, commune_tier, commune_weight);
            }
            let Some(weight) = district_weight else {
                k += 1;
                continue;
            };
            if let Some(p) = province_after(&toks, k) {
                if !self.provinces.contains(&p) {
                    self.provinces.push(p);
                }
            }
            if k < skip_until {
                k += 1;
                continue;
            }
            let Some((kind, len)) = district_trigger(&toks, k) else {
                k += 1;
                continue;
            };
            let words = name_words(&toks, k + len, kind == DistrictType::Quan);
            if words.is_empty() {
                k += len;
                continue;
            }
            // `huyện Cầu Kè, tỉnh Trà Vinh`
            let after = k + len + words.len();
            let province = toks.get(after - 1).filter(|t| t.sep_after.trim() == ",").and_then(|_| province_after(&toks, after));
            let hits = lookup(kind, &words, province);
            let source = format!("{} {}", kind.label(), words.join(" "));
            self.push(tier, weight, hits, source);
            skip_until = after;
            k += 1;
        }
    }

    fn commune_at(&mut self, toks: &[Token<'_>], k: usize, tier: u8, weight: u32) {
        let (label, len) = match toks[k].lower {
            "xã" if k == 0 || toks[k - 1].lower != "thị" => ("xã", 1),
            "phường" => ("phường", 1),
            "thị" if toks.get(k + 1).is_some_and(|t| t.lower == "trấn") => ("thị trấn", 2),
            _ => return,
        };
        if toks[k + len - 1].sep_after != " " {
            return;
        }
        let words = name_words(toks, k + len, label == "phường");
        for n in (1..=words.len()).rev() {
            let name = format!("{label} {}", words[..n].join(" "));
            let hits = gazetteer().districts_with_commune(&name);
            if !hits.is_empty() {
                self.push(tier, weight, hits, name);
                break;
            }
        }
    }

    /// The district when the clues so far are unanimous and unambiguous (every clue names the
    /// same single district): then no weaker clue can change [`Clues::resolve`]'s answer for
    /// the strongest tier, and callers may skip collecting them.
    pub fn unanimous(&self) -> Option<&'static District> {
        let first = self.clues.first()?.candidates.first().copied()?;
        let min_tier = self.clues.iter().map(|c| c.tier).min()?;
        self.clues
            .iter()
            .all(|c| c.tier == min_tier && c.candidates.len() == 1 && c.candidates[0].id == first.id)
            .then_some(first)
    }

    /// The district the clues point at, or `None` when none or ambiguous.
    pub fn resolve(&self) -> Option<&'static District> {
        let portal: Vec<&'static District> =
            self.clues.iter().filter(|c| c.tier == 3 && c.candidates.len() == 1).map(|c| c.candidates[0]).collect();
        let mut provinces: Vec<&str> = self.provinces.clone();
        provinces.extend(portal.iter().map(|d| d.province.as_str()));
        let narrow = |cands: &[&'static District]| -> Vec<&'static District> {
            if cands.len() <= 1 {
                return cands.to_vec();
            }
            let by_portal: Vec<_> = cands.iter().copied().filter(|c| portal.iter().any(|p| p.id == c.id)).collect();
            if !by_portal.is_empty() {
                return by_portal;
            }
            let by_province: Vec<_> = cands.iter().copied().filter(|c| provinces.contains(&c.province.as_str())).collect();
            if by_province.is_empty() { cands.to_vec() } else { by_province }
        };
        for tier in 1..=3u8 {
            let mut votes: BTreeMap<&str, (u32, &'static District)> = BTreeMap::new();
            let mut ambiguous: Vec<(u32, Vec<&'static District>)> = Vec::new();
            for clue in self.clues.iter().filter(|c| c.tier == tier) {
                let c = narrow(&clue.candidates);
                if c.len() == 1 {
                    votes.entry(c[0].id.as_str()).or_insert((0, c[0])).0 += clue.weight;
                } else {
                    ambiguous.push((clue.weight, c));
                }
            }
            if !votes.is_empty() {
                let mut ranked: Vec<(u32, &'static District)> = votes.into_values().collect();
                ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
                let (best_w, best) = ranked[0];
                let second = ranked.get(1).map_or(0, |r| r.0);
                let other: u32 = ambiguous.iter().filter(|(_, c)| !c.iter().any(|d| d.id == best.id)).map(|(w, _)| w).sum();
                if best_w == second && best_w > other {
                    // A tie (`huyện A học tập kinh nghiệm tại huyện B`): the portal's own district.
                    let tied: Vec<_> = ranked.iter().filter(|r| r.0 == best_w && portal.iter().any(|p| p.id == r.1.id)).collect();
                    return (tied.len() == 1).then(|| tied[0].1);
                }
                return (best_w > second && best_w > other).then_some(best);
            }
            if let Some((_, first)) = ambiguous.first() {
                // Named but ambiguous: only a weaker tier's unique clue inside the set decides.
                let mut set: Vec<&'static District> = first.clone();
                for (_, c) in &ambiguous[1..] {
                    set.retain(|d| c.iter().any(|x| x.id == d.id));
                }
                let mut picks: Vec<&'static District> = Vec::new();
                for clue in self.clues.iter().filter(|c| c.tier > tier) {
                    let inside: Vec<_> = clue.candidates.iter().copied().filter(|d| set.iter().any(|s| s.id == d.id)).collect();
                    if inside.len() == 1 && !picks.iter().any(|p| p.id == inside[0].id) {
                        picks.push(inside[0]);
                    }
                }
                return (picks.len() == 1).then(|| picks[0]);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigger_words() {
        let t = tokens("Huyện ủy Cầu Kè, TP. Cao Lãnh và thị xã Ninh Hòa; Bí thư HU Cầu Kè");
        let found: Vec<_> = (0..t.len()).filter_map(|k| district_trigger(&t, k).map(|(kind, _)| (kind, t[k].text))).collect();
        assert_eq!(
            found,
            vec![
                (DistrictType::Huyen, "Huyện"),
                (DistrictType::ThanhPho, "TP"),
                (DistrictType::ThiXa, "thị"),
                (DistrictType::Huyen, "HU"),
            ]
        );
        // `quân` (army) is not `quận`; `xã hội` is no commune.
        let t = tokens("công tác quân sự địa phương, an sinh xã hội");
        assert!((0..t.len()).all(|k| district_trigger(&t, k).is_none()));
    }
}
