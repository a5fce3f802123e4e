//! Bytes → text: honour the declared charset (incl. `windows-1258`), then NFC.
//!
//! Scrapes arrive as UTF-8 most of the time; older portals serve `windows-1258`, whose decoding
//! yields base letters followed by combining tone marks, so every decoded text is put in NFC.
//! Bytes that are not UTF-8 and declare no charset are refused rather than guessed.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Why a page's bytes could not become text. The messages are shown to people in rejects.json.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
    NotUtf8NoCharset,
    UnknownCharset(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file"),
            DecodeError::Binary => write!(f, "binary data, not a text or HTML page"),
            DecodeError::NotUtf8NoCharset => write!(f, "not UTF-8 and no charset declared"),
            DecodeError::UnknownCharset(label) => {
                write!(f, "not UTF-8 and the declared charset \"{label}\" is not supported")
            }
        }
    }
}

/// Decoded text (NFC) and the encoding it was read with.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// The charset a page declares in its first few kilobytes: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">` or `<?xml … encoding="…"?>`.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let value_after = |key: &[u8]| -> Option<String> {
        let at = lower.windows(key.len()).position(|w| w == key)? + key.len();
        let rest = &lower[at..];
        let rest = rest.strip_prefix(b"=").or_else(|| {
            // tolerate spaces around '=' as in `charset = "utf-8"`
            let trimmed = rest.iter().position(|c| !c.is_ascii_whitespace())?;
            rest[trimmed..].strip_prefix(b"=")
        })?;
        let start = rest.iter().position(|c| !c.is_ascii_whitespace() && *c != b'"' && *c != b'\'')?;
        let value: Vec<u8> = rest[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
            .copied()
            .collect();
        (!value.is_empty()).then(|| String::from_utf8_lossy(&value).into_owned())
    };
    value_after(b"charset").or_else(|| {
        lower.starts_with(b"<?xml").then(|| value_after(b"encoding")).flatten()
    })
}

/// Characters that are NFC on their own and never combine with a neighbour: ASCII, Latin-1,
/// Latin Extended-A/B, IPA (all below U+0300), Latin Extended Additional (Vietnamese,
/// U+1E00–U+1EFF) and the usual punctuation (U+2010–U+2027, U+2030–U+205E).
fn stable(c: char) -> bool {
    let cp = c as u32;
    cp < 0x300 || (0x1E00..=0x1EFF).contains(&cp) || (0x2010..=0x2027).contains(&cp) || (0x2030..=0x205E).contains(&cp)
}

/// NFC for text made of [`stable`] characters and combining marks U+0300–U+036F (decomposed
/// Vietnamese, windows-1258 output): each mark is composed onto the character before it.
/// `None` (use the general algorithm) when a mark does not compose, marks are not in canonical
/// order, or anything else appears; so the answer, when there is one, is exactly NFC.
fn compose_marks(text: &str) -> Option<String> {
    use unicode_normalization::char::{canonical_combining_class, compose};
    let mut out = String::with_capacity(text.len());
    let mut starter: Option<char> = None;
    let mut last_ccc = 0u8;
    for c in text.chars() {
        if ('\u{300}'..='\u{36f}').contains(&c) {
            let ccc = canonical_combining_class(c);
            if ccc < last_ccc {
                return None;
            }
            starter = Some(compose(starter?, c)?);
            last_ccc = ccc;
        } else if stable(c) {
            if let Some(s) = starter.replace(c) {
                out.push(s);
            }
            last_ccc = 0;
        } else {
            return None;
        }
    }
    out.extend(starter);
    Some(out)
}

/// [`stable`] for every character, checked on the UTF-8 bytes: lead bytes up to 0xCB are
/// below U+0300; 0xE1 0xB8–0xBB is U+1E00–U+1EFF; 0xE2 0x80 0x90–0xA7 / 0xB0–0xBF and
/// 0xE2 0x81 0x80–0x9E are the punctuation ranges.
fn all_stable(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Runs of ASCII (most of the bytes, even in Vietnamese), eight at a time.
        while i + 8 <= b.len() && u64::from_ne_bytes(b[i..i + 8].try_into().expect("eight bytes")) & 0x8080_8080_8080_8080 == 0 {
            i += 8;
        }
        if i >= b.len() {
            break;
        }
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        i += match b[i] {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xE1 if (0xB8..=0xBB).contains(&at(1)) => 3,
            0xE2 if at(1) == 0x80 && matches!(at(2), 0x90..=0xA7 | 0xB0..=0xBF) => 3,
            0xE2 if at(1) == 0x81 && (0x80..=0x9E).contains(&at(2)) => 3,
            _ => return false,
        };
    }
    true
}

/// NFC, cheaply when the text already is (or is simply decomposed Vietnamese).
pub fn nfc(text: String) -> String {
    if all_stable(&text) {
        return text;
    }
    if let Some(composed) = compose_marks(&text) {
        return composed;
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Decode a raw page.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    // A byte-order mark decides.
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return finish(text.into_owned(), encoding);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        // Valid UTF-8 wins even over a contrary declaration: re-saved scrapes often keep the
        // original <meta charset>, and legacy-encoded Vietnamese is practically never valid UTF-8.
        return finish(text.to_owned(), UTF_8);
    }
    let label = declared_charset(bytes).ok_or(DecodeError::NotUtf8NoCharset)?;
    let encoding = Encoding::for_label(label.as_bytes())
        .ok_or_else(|| DecodeError::UnknownCharset(label.clone()))?;
    if encoding == UTF_8 {
        // Declared UTF-8 but invalid: decode with replacement characters rather than refuse.
        return finish(String::from_utf8_lossy(bytes).into_owned(), UTF_8);
    }
    if encoding == UTF_16LE || encoding == UTF_16BE {
        // A page that could declare UTF-16 inside itself in ASCII is not UTF-16.
        return Err(DecodeError::UnknownCharset(label));
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    finish(text.into_owned(), encoding)
}

fn finish(text: String, encoding: &'static Encoding) -> Result<Decoded, DecodeError> {
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded { text: nfc(text), encoding: encoding.name() })
}

/// Vietnamese text in the form windows-1258 can encode: vowel marks (circumflex, breve, horn)
/// composed, tone marks as separate combining characters (`ệ` → `ê` + U+0323). For tests and
/// fixtures that need windows-1258 bytes (`encoding_rs::WINDOWS_1258.encode(&…)`).
pub fn to_windows_1258_form(text: &str) -> String {
    use unicode_normalization::char::compose;
    let tone = |c: char| matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
    let mut out = String::new();
    let mut base: Option<char> = None;
    let mut tones: Vec<char> = Vec::new();
    let flush = |out: &mut String, base: &mut Option<char>, tones: &mut Vec<char>| {
        out.extend(base.take());
        out.extend(tones.drain(..));
    };
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            if tone(c) {
                tones.push(c);
            } else if let Some(composed) = base.and_then(|b| compose(b, c)) {
                base = Some(composed);
            } else {
                tones.push(c);
            }
        } else {
            flush(&mut out, &mut base, &mut tones);
            base = Some(c);
        }
    }
    flush(&mut out, &mut base, &mut tones);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through_in_nfc() {
        let nfd: String = "Cầu Kè".nfd().collect();
        let d = decode(nfd.as_bytes()).unwrap();
        assert_eq!(d.text, "Cầu Kè");
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn finds_declared_charsets() {
        assert_eq!(declared_charset(b"<meta charset=\"windows-1258\">").as_deref(), Some("windows-1258"));
        assert_eq!(
            declared_charset(b"<META http-equiv=Content-Type content='text/html; CHARSET=Windows-1258'>").as_deref(),
            Some("windows-1258")
        );
        assert_eq!(declared_charset(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>").as_deref(), Some("iso-8859-1"));
        assert_eq!(declared_charset(b"plain text"), None);
    }

    #[test]
    fn windows_1258_is_decoded_and_composed() {
        let form = to_windows_1258_form("Huyện ủy Cầu Kè");
        let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&form);
        assert!(!bad);
        let mut page = b"<meta charset=windows-1258><p>".to_vec();
        page.extend_from_slice(&bytes);
        let d = decode(&page).unwrap();
        assert!(d.text.ends_with("Huyện ủy Cầu Kè"), "{}", d.text);
        assert_eq!(d.encoding, "windows-1258");
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert_eq!(decode(b"Hu\xe2\xf2n").unwrap_err(), DecodeError::NotUtf8NoCharset);
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n ").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"ab\0cd").unwrap_err(), DecodeError::Binary);
        assert!(matches!(
            decode(b"<meta charset=klingon>\xff").unwrap_err(),
            DecodeError::UnknownCharset(l) if l == "klingon"
        ));
        assert_eq!(DecodeError::NotUtf8NoCharset.to_string(), "not UTF-8 and no charset declared");
    }

    #[test]
    fn byte_check_equals_char_check() {
        for cp in 0..0x11_0000u32 {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = format!("a{c}b");
            assert_eq!(all_stable(&s), stable(c), "U+{cp:04X}");
        }
    }

    #[test]
    fn stable_characters_really_are_nfc() {
        let ranges = [0u32..0x300, 0x1E00..0x1F00, 0x2010..0x2028, 0x2030..0x205F];
        for cp in ranges.into_iter().flatten() {
            let Some(c) = char::from_u32(cp) else { continue };
            assert!(stable(c));
            let s = c.to_string();
            assert_eq!(s.nfc().collect::<String>(), s, "U+{cp:04X}");
            assert_eq!(unicode_normalization::char::canonical_combining_class(c), 0, "U+{cp:04X}");
        }
    }

    #[test]
    fn composing_marks_is_exactly_nfc() {
        let bases: Vec<char> = (0x20u32..0x300).chain(0x1E00..0x1F00).filter_map(char::from_u32).collect();
        let marks: Vec<char> = (0x300u32..0x370).filter_map(char::from_u32).collect();
        for &b in &bases {
            for &m in &marks {
                let s: String = [b, m, 'a'].iter().collect();
                if let Some(fast) = compose_marks(&s) {
                    assert_eq!(fast, s.nfc().collect::<String>(), "{:04X} {:04X}", b as u32, m as u32);
                }
            }
        }
        for b in ['a', 'e', 'o', 'u', 'y', 'A', 'E', 'O', 'U', 'â', 'ơ', 'ư', 'ê'] {
            for &m1 in &marks {
                for &m2 in &marks {
                    let s: String = [b, m1, m2].iter().collect();
                    if let Some(fast) = compose_marks(&s) {
                        assert_eq!(fast, s.nfc().collect::<String>(), "{b} {:04X} {:04X}", m1 as u32, m2 as u32);
                    }
                }
            }
        }
        let nfd: String = "Huyện ủy Cầu Kè, Thượng Kiệm".nfd().collect();
        assert_eq!(compose_marks(&nfd).as_deref(), Some("Huyện ủy Cầu Kè, Thượng Kiệm"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Tin tức".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Tin tức");
    }
}
