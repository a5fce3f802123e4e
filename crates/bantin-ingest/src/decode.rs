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

/// NFC, cheaply when the text already is.
pub fn nfc(text: String) -> String {
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
    if let Ok(text) = std::str::from_utf8(bytes) {
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
        let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode("Huyện ủy Cầu Kè");
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
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Tin tức".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "Tin tức");
    }
}
