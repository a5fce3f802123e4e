//! The headline, and what to do when a page prints none.
//!
//! In order: a headline in the page (HTML metadata, `<h1>`, the printed line above the lead);
//! else the URL's slug with its Vietnamese restored from the body's own words
//! (`huyen-uy-tan-hiep-hop-mat` → `Huyện ủy Tân Hiệp họp mặt`); else the lead's first sentence,
//! shortened. [`TitleSource`] records which (CONTRACT §1 `_bantin.title_source`).

use bantin_core::fold::word_spans;

use crate::fastfold::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    Page,
    Url,
    Lead,
}

impl TitleSource {
    pub fn as_str(self) -> &'static str {
        match self {
            TitleSource::Page => "page",
            TitleSource::Url => "url",
            TitleSource::Lead => "lead",
        }
    }
}

/// Toolbar words glued to the end of a headline: `… In trang`.
const TRAILING: &[&str] = &[" In trang", " In bài", " Bản in", " In"];

/// The headline without a `null ` prefix, a source tag (`(BTV)`, `(LĐ online) -`), a trailing
/// toolbar word or separators.
pub fn clean(title: &str) -> String {
    let mut t = title.trim();
    t = t.strip_prefix("null ").unwrap_or(t);
    if let Some(rest) = t.strip_prefix('(') {
        // `(BTV)`, `(QNO)`, `(LĐ online)`: a short tag whose letters are mostly capitals.
        if let Some((tag, after)) = rest.split_once(')') {
            let caps = tag.chars().filter(|c| c.is_uppercase()).count();
            if !tag.is_empty() && tag.chars().count() <= 14 && caps >= 2 && !after.trim().is_empty() {
                t = after.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':'));
            }
        }
    }
    for tail in TRAILING {
        if let Some(head) = t.strip_suffix(tail) {
            if head.split_whitespace().count() >= 3 {
                t = head;
            }
        }
    }
    t.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | '–')).to_owned()
}

/// The slug's words: the URL's last path segment without extension or trailing ids
/// (`…-ngay-thanh-lap-dang-3312.html` → `… ngay thanh lap dang`). `None` when it is no slug.
pub fn slug_words(url: &str) -> Option<Vec<String>> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.split(['?', '#']).next()?;
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    let segment = segment.split('.').next()?;
    let mut words: Vec<String> = segment.split(['-', '_']).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase()).collect();
    let is_year = |w: &str| w.len() == 4 && w.parse::<i32>().is_ok_and(|y| (1945..=2099).contains(&y));
    while words.last().is_some_and(|w| w.chars().any(|c| c.is_ascii_digit()) && !is_year(w)) {
        words.pop();
    }
    let letters = words.iter().filter(|w| w.chars().all(|c| c.is_ascii_lowercase())).count();
    (letters >= 3 && words.iter().all(|w| w.chars().all(|c| c.is_ascii_alphanumeric()))).then_some(words)
}

/// The slug restored to Vietnamese with the words of `texts`: each run of slug words is
/// replaced by the longest run of text words that folds to it; words never found stay as
/// they are. `None` when fewer than half of the words were found (the slug is not about
/// this text).
pub fn from_url(url: &str, texts: &[&str]) -> Option<String> {
    let slug = slug_words(url)?;
    let mut body: Vec<(String, &str)> = Vec::new();
    for text in texts {
        for (s, e) in word_spans(text) {
            body.push((fold(&text[s..e]), &text[s..e]));
        }
        body.push((String::new(), ""));
    }
    let mut out: Vec<String> = Vec::new();
    let mut found = 0;
    let mut i = 0;
    while i < slug.len() {
        let mut best: Option<(usize, usize)> = None;
        for start in 0..body.len() {
            let n = (0..slug.len() - i).take_while(|&k| body.get(start + k).is_some_and(|b| b.0 == slug[i + k])).count();
            if n > best.map_or(0, |b| b.1) {
                best = Some((start, n));
            }
        }
        match best {
            Some((start, n)) => {
                out.extend(body[start..start + n].iter().map(|b| b.1.to_owned()));
                found += n;
                i += n;
            }
            None => {
                out.push(slug[i].clone());
                i += 1;
            }
        }
    }
    (found * 2 >= slug.len()).then(|| crate::text::capitalise(&out.join(" ")))
}

/// Longest headline made from a lead, in characters.
const LEAD_TITLE_CHARS: usize = 110;

/// A headline from the lead's first sentence: without the opening date clause
/// (`Ngày 27/7/2022, `), cut at a word boundary.
pub fn from_lead(lead: &str) -> String {
    let end = crate::summary::sentence_ends(lead).first().copied().unwrap_or(lead.len());
    let mut s = lead[..end].trim().trim_end_matches(['.', '!', '?', '…']);
    if let Some((head, rest)) = s.split_once(", ") {
        if head.chars().any(|c| c.is_ascii_digit()) && head.split_whitespace().count() <= 6 && rest.split_whitespace().count() >= 4 {
            s = rest;
        }
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > LEAD_TITLE_CHARS {
            let cut = out.trim_end_matches([',', ';', ':']).to_owned();
            return crate::text::capitalise(&format!("{cut}…"));
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = lead.chars().take(LEAD_TITLE_CHARS).collect::<String>().trim().to_owned();
    }
    crate::text::capitalise(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_source_tags_and_toolbar_words() {
        assert_eq!(clean("(BTV) Hàm Thuận Bắc ra mắt mô hình"), "Hàm Thuận Bắc ra mắt mô hình");
        assert_eq!(clean("(LĐ online) - Đạ Tẻh bàn giao nhà"), "Đạ Tẻh bàn giao nhà");
        assert_eq!(clean("Hội LHPN huyện ra mắt mô hình điểm In trang"), "Hội LHPN huyện ra mắt mô hình điểm");
        assert_eq!(clean("null Hội nghị Ban chấp hành"), "Hội nghị Ban chấp hành");
        // A parenthesis that is part of the headline stays.
        assert_eq!(clean("(Hình ảnh) Lễ hội"), "(Hình ảnh) Lễ hội");
    }

    #[test]
    fn slugs() {
        let w = slug_words("https://tanhiep.kiengiang.gov.vn/tin-tuc/huyen-uy-tan-hiep-hop-mat-3312.html").unwrap();
        assert_eq!(w.join(" "), "huyen uy tan hiep hop mat");
        assert_eq!(slug_words("https://x.gov.vn/a/quyt-hong-lai-vung-2022.html").unwrap().last().unwrap(), "2022");
        assert_eq!(slug_words("https://x.gov.vn/Pages/newsdetail.aspx?NewsId=1182"), None);
    }

    #[test]
    fn restores_the_slug_from_the_body() {
        let body = ["Sáng 02/02, Huyện ủy Tân Hiệp tổ chức họp mặt kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam."];
        let t = from_url("https://tanhiep.kiengiang.gov.vn/tin-tuc/huyen-uy-tan-hiep-hop-mat-ky-niem-93-nam-ngay-thanh-lap-dang-3312.html", &body);
        assert_eq!(t.as_deref(), Some("Huyện ủy Tân Hiệp họp mặt kỷ niệm 93 năm Ngày thành lập Đảng"));
        // A slug about something else is not used.
        assert_eq!(from_url("https://x.gov.vn/gia-lua-tang-manh-o-mien-tay.html", &body), None);
    }

    #[test]
    fn lead_titles_drop_the_date_clause() {
        let t = from_lead("Ngày 27/7/2022, Ban Chỉ đạo công tác người cao tuổi huyện Tiểu Cần tổ chức mừng thọ. Mỗi cụ được tặng quà.");
        assert_eq!(t, "Ban Chỉ đạo công tác người cao tuổi huyện Tiểu Cần tổ chức mừng thọ");
        let long = from_lead(&"Hội Nông dân huyện tổ chức tập huấn kỹ thuật ".repeat(5));
        assert!(long.ends_with('…') && long.chars().count() <= LEAD_TITLE_CHARS + 1, "{long}");
    }
}
