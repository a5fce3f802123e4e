//! Line cleanup and the portal furniture every scrape carries: navigation, visitor counters,
//! address footers, "designed by" lines, site names.

use crate::fastfold::fold;

/// One line as the pipeline sees it: cleaned text and its folded form (computed once and
/// reused by every later step: recognisers, dates, topics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub folded: String,
}

impl Line {
    pub fn new(raw: &str) -> Line {
        let text = clean_line(raw);
        let folded = fold(&text);
        Line { text, folded }
    }
}

/// NBSP and other spaces → one plain space, zero-width characters dropped, trimmed.
/// (The text is already NFC: see [`crate::decode`].)
///
/// Works on bytes: only the lead bytes 0x00–0x20, 0x7F, 0xC2, 0xE1, 0xE2, 0xE3 and 0xEF can
/// start a space or a dropped character, so runs of ordinary text are copied as slices.
pub fn clean_line(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut pending_space = false;
    let mut run: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        if !SPECIAL[b[i] as usize] {
            run.get_or_insert(i);
            i += 1;
            while i < b.len() && !SPECIAL[b[i] as usize] {
                i += 1;
            }
            continue;
        }
        let (kind, len) = byte_class(b, i);
        if kind == Kind::Text {
            run.get_or_insert(i);
            i += len;
            continue;
        }
        if let Some(s) = run.take() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&raw[s..i]);
            pending_space = false;
        }
        if kind == Kind::Space {
            pending_space = true;
        }
        i += len;
    }
    if let Some(s) = run {
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&raw[s..]);
    }
    out
}

/// The bytes [`byte_class`] must look at: those that can start a space or a dropped
/// character. Every other byte is ordinary text or inside a character (continuation bytes are
/// 0x80–0xBF, never one of these), so [`clean_line`] skips them in a tight loop.
static SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b <= 0x20 {
        table[b] = true;
        b += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// White space (incl. NBSP, U+2000–U+200A, U+3000) and control characters.
    Space,
    /// U+200B–U+200D, U+FEFF, soft hyphen: removed.
    Drop,
}

/// The kind and byte length of the character starting at `i` (valid UTF-8).
#[inline]
fn byte_class(b: &[u8], i: usize) -> (Kind, usize) {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        0x00..=0x20 | 0x7F => (Kind::Space, 1),
        0x21..=0x7E => (Kind::Text, 1),
        0xC2 => match at(1) {
            0x80..=0xA0 => (Kind::Space, 2),
            0xAD => (Kind::Drop, 2),
            _ => (Kind::Text, 2),
        },
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => (Kind::Space, 3),
        0xE2 => match (at(1), at(2)) {
            (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F) => (Kind::Space, 3),
            (0x80, 0x8B..=0x8D) => (Kind::Drop, 3),
            _ => (Kind::Text, 3),
        },
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => (Kind::Space, 3),
        0xEF if at(1) == 0xBB && at(2) == 0xBF => (Kind::Drop, 3),
        0x80..=0xDF => (Kind::Text, 2),
        0xE0..=0xEF => (Kind::Text, 3),
        _ => (Kind::Text, 4),
    }
}

pub use crate::furniture::{is_banner, is_boilerplate, is_counter, is_figure_label, is_footer_start, is_nav};

/// The portal's own name (`Cổng thông tin điện tử huyện Giồng Riềng`,
/// `TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CẦU KÈ`), canonically cased, if this line is one.
pub fn site_name(line: &Line) -> Option<String> {
    const STARTS: &[&str] = &[
        "cong thong tin dien tu",
        "trang thong tin dien tu",
        "trang tin dien tu",
        "cong thong tin",
        "trang thong tin",
        "ban tin dien tu",
    ];
    let f = line.folded.as_str();
    if f.len() > 200 || !STARTS.iter().any(|s| f.starts_with(s)) {
        return None;
    }
    let words = f.split_whitespace().count();
    if !(4..=14).contains(&words) || !STARTS.iter().any(|s| f.starts_with(s)) {
        return None;
    }
    if line.text.ends_with(['.', ';', ',']) {
        return None;
    }
    Some(proper_case(&line.text))
}

/// Sentence case for a portal name written in capitals, keeping the place name capitalised:
/// `TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CẦU KÈ` → `Trang thông tin điện tử huyện Cầu Kè`.
/// Names already in mixed case are only tone-canonicalised.
pub fn proper_case(text: &str) -> String {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() > 3 && letters.iter().all(|c| !c.is_lowercase());
    if !shouting {
        return bantin_core::fold::canonical_name(text);
    }
    const PLACE_TYPES: &[&str] = &["huyen", "quan", "tinh", "xa", "phuong", "tran", "pho"];
    let mut out: Vec<String> = Vec::new();
    let mut capitalise_rest = false;
    for (i, word) in text.split_whitespace().enumerate() {
        let lower = word.to_lowercase();
        let folded = fold(word);
        let capital = i == 0 || capitalise_rest;
        out.push(if capital { capitalise(&lower) } else { lower });
        if PLACE_TYPES.contains(&folded.as_str()) {
            capitalise_rest = true;
        }
    }
    bantin_core::fold::canonical_name(&out.join(" "))
}

/// First letter upper case.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The name quoted in `Ghi rõ nguồn "Trang tin điện tử huyện Cầu Kè" khi phát hành lại …`.
pub fn credited_site(line: &Line) -> Option<String> {
    if !line.folded.starts_with("ghi ro nguon") {
        return None;
    }
    let text = &line.text;
    let open = text.find(['"', '“'])?;
    let rest = &text[open + text[open..].chars().next()?.len_utf8()..];
    let close = rest.find(['"', '”'])?;
    let name = rest[..close].trim();
    (!name.is_empty()).then(|| proper_case(name))
}

/// The sentence-final punctuation that separates paragraphs from captions and headings.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ' ']);
    t.ends_with(['.', '!', '?', '…', ';', ':', ','])
}

pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: &str) -> Line {
        Line::new(s)
    }

    #[test]
    fn cleans_spaces() {
        assert_eq!(clean_line("\u{a0}\u{a0} Tin,\u{a0}ảnh:  Tấn\tLập \u{a0}"), "Tin, ảnh: Tấn Lập");
        assert_eq!(clean_line("a\u{200b}b"), "ab");
    }

    /// The definition `clean_line` implements, character by character.
    fn reference_clean(s: &str) -> String {
        let mut out = String::new();
        let mut pending = false;
        for c in s.chars() {
            if matches!(c, '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}') {
                continue;
            }
            let space = matches!(c as u32, 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
                || c.is_ascii_whitespace()
                || c.is_control();
            if space {
                pending = !out.is_empty();
                continue;
            }
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn byte_classes_match_the_definition_for_every_character() {
        for cp in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("a{c}b");
            assert_eq!(clean_line(&s), reference_clean(&s), "U+{cp:04X}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_slow_one() {
        let samples = [
            "Tin, ảnh: Tấn Lập", " a  b ", "a\u{a0}b", "a\u{2009}b", "a\u{200b}b", "“Làng mới” – 2021…",
            "\u{feff}x", "a\u{3000}b", "x\u{85}y", "a\u{ad}b", "Huyện ủy", "tab\there", "«x»", "",
        ];
        for s in samples {
            let slow = reference_clean(s);
            assert_eq!(clean_line(s), slow, "{s:?}");
        }
    }

    #[test]
    fn recognises_navigation() {
        for s in ["Xuất bản thông tin", "Thông tin dự án, đầu tư Tin tức", "Tin tức trong Huyện", "Nội dung khác", "Xem với cỡ chữAA"] {
            assert!(is_nav(&l(s)), "{s}");
        }
        assert!(!is_nav(&l("Huyện ủy tổ chức Hội nghị giao ban công tác tháng 2")));
    }

    #[test]
    fn recognises_footer_and_counters() {
        assert!(is_footer_start(&l("Bản đồ")));
        assert!(is_footer_start(&l("Thống kê truy cập")));
        assert!(is_counter(&l("  • Đang online: 20")));
        assert!(is_counter(&l("• Trong tuần: 24 658")));
        assert!(!is_counter(&l("Hôm nay: trời đẹp")));
        for s in [
            "- Điện thoại: 0294.3834027 - Fax: 0294.3834027",
            "- Email: cauke@travinh.gov.vn",
            "- Đơn vị quản lý UBND huyện Cầu Kè - Số 27 đường Trần Phú",
            "Ghi rõ nguồn \"Trang tin điện tử huyện Cầu Kè\" khi phát hành lại thông tin từ website này",
            "Designed by VNPT.",
        ] {
            assert!(is_boilerplate(&l(s)), "{s}");
        }
        assert!(!is_boilerplate(&l("Đánh giá công tác tháng 2, sau khi thảo luận.")));
    }

    #[test]
    fn site_names_are_cased() {
        assert_eq!(
            site_name(&l("TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CẦU KÈ")).as_deref(),
            Some("Trang thông tin điện tử huyện Cầu Kè")
        );
        assert_eq!(
            site_name(&l("Cổng thông tin điện tử huyện Giồng Riềng")).as_deref(),
            Some("Cổng thông tin điện tử huyện Giồng Riềng")
        );
        assert_eq!(site_name(&l("Cổng thông tin điện tử huyện đã nâng cấp giao diện mới cho người dân.")), None);
        assert_eq!(
            credited_site(&l("Ghi rõ nguồn \"Trang tin điện tử huyện Cầu Kè\" khi phát hành lại")).as_deref(),
            Some("Trang tin điện tử huyện Cầu Kè")
        );
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("đạt kết quả cao nhất./."));
        assert!(ends_sentence("“Làng mới”."));
        assert!(ends_sentence("2021-2025,…"));
        assert!(!ends_sentence("Quang cảnh Hội nghị"));
    }
}
