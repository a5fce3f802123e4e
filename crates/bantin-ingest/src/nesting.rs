//! How deep a page's markup nests, measured before the HTML parser sees it.
//!
//! html5ever checks scopes by walking the stack of open elements at every start tag, so a page
//! of n nested elements costs O(n²): 60,000 nested `<div>`s (300 KB, found by fuzzing) took
//! over 30 s. Browsers cap the depth (Blink at 512) and move on; here a page nested deeper than
//! any news page is rejected with a reason instead of stalling a whole ingest run.
//!
//! The same goes for formatting elements left open (`<b>`, `<a>`, `<font>`…): the parser
//! reopens every one of them inside each following block, so 900 distinct `<b>`s before 3,000
//! paragraphs (24 KB) built 2.7 million elements, 2.6 s and 500 MB. The scanner sums how many
//! are open at each start tag and refuses a page past [`MAX_REOPENED`].

/// Deeper than this, a page is not a news page (portals seen nest below 60).
pub const MAX_DEPTH: usize = 1_000;

/// Formatting elements open, summed over every start tag: a news page stays in the thousands.
pub const MAX_REOPENED: usize = 200_000;

/// The elements the parser reopens in each new block while they are left open.
const FORMATTING: [&str; 14] = ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

fn is_one_of(list: &[&str], name: &str) -> bool {
    list.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// The tag name starting at `at`, and where it ends.
fn tag_name(text: &str, at: usize) -> (&str, usize) {
    let end = text.as_bytes()[at..].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(text.len(), |n| at + n);
    (&text[at..end], end)
}

/// Elements that never nest: void elements, and those whose end tag is implied when a sibling
/// starts (so a page of unclosed `<p>` or `<li>` is not counted as deep).
const FLAT: [&str; 26] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "rt",
];

/// Skip to just after `needle` (ASCII, matched without case), or to the end.
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map_or(bytes.len(), |at| from + at + needle.len())
}

/// The page's nesting depth as a tag scanner sees it (comments and script/style text skipped),
/// or an error once it passes [`MAX_DEPTH`]. Linear in the page's length.
pub fn check(text: &str) -> Result<(), String> {
    let bytes = text.as_bytes();
    let (mut depth, mut formatting, mut reopened) = (0usize, 0usize, 0usize);
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        match bytes.get(at) {
            Some(b'!') => at = skip_past(bytes, at, if bytes[at..].starts_with(b"!--") { b"-->" } else { b">" }),
            Some(b'/') => {
                // Only what was counted is uncounted: `</p>` after every `<div>` must not hide depth.
                let (name, _) = tag_name(text, at + 1);
                if is_one_of(&FORMATTING, name) {
                    formatting = formatting.saturating_sub(1);
                }
                if !name.is_empty() && !is_one_of(&FLAT, name) {
                    depth = depth.saturating_sub(1);
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, name_end) = tag_name(text, at);
                let tag_end = memchr::memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |n| name_end + n);
                let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
                if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
                    let close = if name.eq_ignore_ascii_case("script") { &b"</script"[..] } else { &b"</style"[..] };
                    at = skip_past(bytes, tag_end, close);
                    continue;
                }
                reopened += formatting;
                if reopened > MAX_REOPENED {
                    return Err(format!(
                        "its markup leaves formatting elements open across more than {MAX_REOPENED} tags, which no news page does (a broken or hostile page?)"
                    ));
                }
                if !self_closing && !is_one_of(&FLAT, name) {
                    depth += 1;
                    formatting += usize::from(is_one_of(&FORMATTING, name));
                    if depth > MAX_DEPTH {
                        return Err(format!(
                            "its markup nests more than {MAX_DEPTH} elements deep, which no news page does (a broken or hostile page?)"
                        ));
                    }
                }
                at = tag_end;
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_pass() {
        let page = "<!doctype html><html><head><script>if (a<b) x='<div>'</script><style>p>a{}</style></head>\
                    <body><div><p>Một<p>Hai<br><img src=x><ul><li>a<li>b</ul><!-- <div><div> --></div></body></html>";
        assert_eq!(check(page), Ok(()));
        // Thousands of unclosed paragraphs and line breaks are flat, not deep.
        assert_eq!(check(&"<p>đoạn<br>".repeat(5_000)), Ok(()));
        assert_eq!(check(&"<div>a</div>".repeat(5_000)), Ok(()));
    }

    #[test]
    fn deep_nesting_is_refused_with_a_reason() {
        let deep = format!("<html><body>{}Ngày 01/02/2024", "<div>".repeat(60_000));
        let why = check(&deep).unwrap_err();
        assert!(why.contains("1000 elements deep"), "{why}");
        assert_eq!(check(&"<div>".repeat(MAX_DEPTH)), Ok(()));
        assert!(check(&"<span>".repeat(MAX_DEPTH + 1)).is_err());
        // Closing what was never counted does not hide depth.
        assert!(check(&"<div></p>".repeat(MAX_DEPTH + 1)).is_err());
    }

    #[test]
    fn formatting_left_open_before_many_blocks_is_refused() {
        let open: String = (0..900).map(|i| format!("<b id={i}>")).collect();
        let page = format!("<html><body><p>{open}{}", "x<p>x".repeat(3_000));
        assert!(check(&page).unwrap_err().contains("formatting elements open"));
        // A page that closes its formatting is fine, however long.
        assert_eq!(check(&"<p><b>đậm</b> <a href=x>liên kết</a> <i>nghiêng</i>".repeat(20_000)), Ok(()));
    }
}
