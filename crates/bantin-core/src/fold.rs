//! Vietnamese text normalization and folding.
//!
//! Scraped pages mix Unicode forms (NFC and NFD), non-breaking spaces and two tone-mark styles
//! (`Huyện uỷ` / `Huyện ủy`). Three operations cover every use:
//! - [`normalize`]: NFC and ordinary spaces, for any text we store;
//! - [`canonical_tone`]: one tone placement (`Hòa`, `Thủy`, `ủy`) so a facet never splits one
//!   place in two;
//! - [`fold`]: lower case with every mark removed and `đ`→`d`, for search and lookups, so
//!   `uy ban` finds both `Ủy ban` and `Uỷ ban` and `dang` finds `Đảng`.

#[cfg(feature = "normalize")]
use unicode_normalization::char::{compose, decompose_canonical};
#[cfg(feature = "normalize")]
use unicode_normalization::UnicodeNormalization;

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

#[cfg(feature = "normalize")]
/// NFC, with non-breaking and other Unicode spaces turned into plain spaces.
pub fn normalize(text: &str) -> String {
    text.nfc()
        .map(|c| if c != '\n' && c != '\t' && c.is_whitespace() { ' ' } else { c })
        .filter(|&c| c != '\u{feff}' && c != '\u{200b}')
        .collect()
}

#[cfg(feature = "normalize")]
/// The five Vietnamese tone marks as combining characters.
fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{309}' | '\u{303}' | '\u{323}')
}

#[cfg(feature = "normalize")]
/// Split a precomposed vowel into (vowel without tone, tone mark).
fn split_tone(c: char) -> Option<(char, char)> {
    let mut parts = Vec::with_capacity(3);
    decompose_canonical(c, |p| parts.push(p));
    let tone = *parts.iter().find(|p| is_tone_mark(**p))?;
    let mut base: Option<char> = None;
    for p in parts.iter().filter(|p| !is_tone_mark(**p)) {
        base = Some(match base {
            None => *p,
            Some(b) => compose(b, *p)?,
        });
    }
    Some((base?, tone))
}

#[cfg(feature = "normalize")]
/// Move the tone mark of the open syllables `oa`, `oe`, `uy` onto their first vowel:
/// `Hoà`→`Hòa`, `Thuỷ`→`Thủy`, `khoẻ`→`khỏe`. Closed syllables (`hoàn`, `Huỳnh`) and `qu`
/// (`quý`, where `u` belongs to the consonant) are left alone. Input should be NFC.
pub fn canonical_tone(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if i + 1 < chars.len() && matches!(c, 'o' | 'O' | 'u' | 'U') {
            let next = chars[i + 1];
            let open = chars.get(i + 2).is_none_or(|c| !c.is_alphabetic());
            let after_q = i > 0 && matches!(chars[i - 1], 'q' | 'Q');
            if let (true, false, Some((base, tone))) = (open, after_q, split_tone(next)) {
                let fits = match c {
                    'o' | 'O' => matches!(base, 'a' | 'A' | 'e' | 'E'),
                    _ => matches!(base, 'y' | 'Y'),
                };
                if let (true, Some(toned)) = (fits, compose(c, tone)) {
                    out.push(toned);
                    out.push(base);
                    i += 2;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(feature = "normalize")]
/// A name as stored in facets: trimmed, NFC, single spaces, canonical tone placement.
pub fn canonical_name(name: &str) -> String {
    let spaced = normalize(name).split_whitespace().collect::<Vec<_>>().join(" ");
    canonical_tone(&spaced)
}

/// One character folded: lower case, marks removed, `đ`→`d`; `None` for a combining mark,
/// which folding drops. Precomposed letters are looked up in a table generated from Unicode's
/// decompositions (see build.rs). Other scripts are kept as they are: Vietnamese needs nothing
/// more, and Unicode's case tables would cost the browser ~12 KB of wasm.
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return None;
    }
    if let Ok(at) = FOLD_TABLE.binary_search_by_key(&c, |entry| entry.0) {
        return Some(FOLD_TABLE[at].1);
    }
    Some(match c {
        'đ' | 'Đ' => 'd',
        '\u{a0}' => ' ',
        _ => c,
    })
}

/// Lower case, marks removed, `đ`→`d`. Everything else (digits, punctuation) is kept.
/// Works on NFC and NFD input alike.
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// Whether `c` belongs to a word: ASCII letters and digits, and any other character that is
/// not a space, a control, punctuation or a symbol from the common blocks. Cheaper than
/// `char::is_alphanumeric` (whose Unicode tables the browser would have to download) and the
/// same on Vietnamese text.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let code = c as u32;
    !(c.is_whitespace()
        || (0x80..=0xBF).contains(&code) // Latin-1 controls, punctuation and symbols
        || matches!(code, 0xD7 | 0xF7) // × ÷
        || (0x2000..=0x2BFF).contains(&code) // punctuation, symbols, arrows, shapes
        || (0x3000..=0x303F).contains(&code) // CJK punctuation
        || (0xFE30..=0xFE6F).contains(&code)
        || (0xFF00..=0xFF0F).contains(&code)
        || (0xFF1A..=0xFF20).contains(&code)
        || (0xFFF0..=0xFFFF).contains(&code))
}

/// Byte ranges of the words of `text`: runs of [`is_word_char`]. ASCII bytes are classified
/// without decoding (this runs over every page in ingest and every article in the browser).
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::with_capacity(bytes.len() / 5);
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let (word, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        };
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// The words of a text, as slices of it (see [`word_spans`]).
pub fn words(text: &str) -> Vec<&str> {
    word_spans(text).into_iter().map(|(s, e)| &text[s..e]).collect()
}

/// The folded words of a text.
pub fn folded_words(text: &str) -> Vec<String> {
    words(&fold(text)).into_iter().map(str::to_owned).collect()
}

/// A URL-safe slug (`[a-z0-9-]`): folded words joined by `-`.
pub fn slug(text: &str) -> String {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_marks_and_d_stroke() {
        assert_eq!(fold("Đảng bộ huyện Cầu Kè"), "dang bo huyen cau ke");
        assert_eq!(fold("Ủy ban"), fold("Uỷ ban"));
        assert_eq!(fold("ỦY BAN"), "uy ban");
    }

    #[test]
    #[cfg(feature = "normalize")]
    fn fold_handles_decomposed_input() {
        let nfd: String = "Hòa Bình".nfd().collect();
        assert_eq!(fold(&nfd), "hoa binh");
    }

    #[test]
    #[cfg(feature = "normalize")]
    fn canonical_tone_moves_marks_of_open_syllables() {
        assert_eq!(canonical_tone("Hoà"), "Hòa");
        assert_eq!(canonical_tone("Thuý Nhi"), "Thúy Nhi");
        assert_eq!(canonical_tone("Huyện uỷ"), "Huyện ủy");
        assert_eq!(canonical_tone("UỶ BAN"), "ỦY BAN");
        assert_eq!(canonical_tone("khoẻ"), "khỏe");
    }

    #[test]
    #[cfg(feature = "normalize")]
    fn canonical_tone_leaves_closed_syllables_and_qu() {
        assert_eq!(canonical_tone("hoàn thành"), "hoàn thành");
        assert_eq!(canonical_tone("Huỳnh"), "Huỳnh");
        assert_eq!(canonical_tone("quý"), "quý");
        assert_eq!(canonical_tone("Hòa"), "Hòa");
    }

    #[test]
    #[cfg(feature = "normalize")]
    fn normalize_turns_nbsp_into_space_and_composes() {
        let nfd: String = "Kè".nfd().collect();
        assert_eq!(normalize(&format!("Cầu\u{a0}{nfd}")), "Cầu Kè");
    }

    #[test]
    fn fold_agrees_with_full_decomposition_on_vietnamese() {
        // Every Vietnamese letter, upper and lower case, in NFC and NFD.
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
        let folded = "aaaaaaaaaaaaaaaaaaeeeeeeeeeeeeiiiiiioooooooooooooooooouuuuuuuuuuuuyyyyyyd";
        assert_eq!(fold(letters), folded);
        assert_eq!(fold(&letters.to_uppercase()), folded);
        let nfd = "Hoa\u{300} Bi\u{300}nh"; // "Hòa Bình" decomposed
        assert_eq!(fold(nfd), "hoa binh");
    }

    #[test]
    fn word_characters_are_letters_and_digits() {
        for c in "aZ09àĐữ".chars() {
            assert!(is_word_char(c), "{c}");
        }
        for c in " ,.-–—“”…«»·\u{a0}\u{3000}×".chars() {
            assert!(!is_word_char(c), "{c:?}");
        }
        assert_eq!(folded_words("“Đảng” – bộ… 2021"), vec!["dang", "bo", "2021"]);
    }

    #[test]
    fn slug_is_url_safe() {
        assert_eq!(slug("Huyện Cao Lãnh Đồng Tháp"), "huyen-cao-lanh-dong-thap");
        assert_eq!(slug("  Thị xã  -- Ba Đồn! "), "thi-xa-ba-don");
    }

    #[test]
    fn folded_words_split_on_punctuation() {
        assert_eq!(folded_words("Covid-19, Đảng"), vec!["covid", "19", "dang"]);
    }
}
