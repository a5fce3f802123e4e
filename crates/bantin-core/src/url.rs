//! The reader's URL (CONTRACT §2): every piece of UI state lives in the query string, so the
//! app works from any sub-path on a plain static server, and a link reproduces a view.
//!
//! Parsing is lenient (unknown parameters are kept aside, bad dates are ignored) because links
//! are pasted by people; formatting is canonical (fixed parameter order) so the same state
//! always gives the same URL.

use crate::date::Day;
use crate::query::Query;

/// Everything the URL says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlState {
    pub query: Query,
    /// `article=<id>`: the article view.
    pub article: Option<String>,
    /// `embed=1`.
    pub embed: bool,
    /// `literal=1`: search the text as typed, never retried as Telex or VNI typing (the link
    /// back from "showing results for …").
    pub literal: bool,
    /// Parameters the reader does not interpret (e.g. `theme`, `accent` for embeds), kept in order
    /// so they survive navigation.
    pub extra: Vec<(String, String)>,
}

impl UrlState {
    /// Parse `?q=…&district=…` (leading `?` optional).
    pub fn parse(search: &str) -> UrlState {
        let mut state = UrlState::default();
        for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (key, value) = (decode(key), decode(value));
            match key.as_str() {
                "q" => state.query.text = value,
                "district" if !value.is_empty() => push_unique(&mut state.query.districts, value),
                "topic" if !value.is_empty() => push_unique(&mut state.query.topics, value),
                "from" => state.query.from = Day::parse_iso(&value),
                "to" => state.query.to = Day::parse_iso(&value),
                "article" if !value.is_empty() => state.article = Some(value),
                "embed" => state.embed = value == "1",
                "literal" => state.literal = value == "1",
                "sort" if value == "new" => state.query.newest_first = true,
                "sort" if value == "rel" => state.query.newest_first = false,
                "district" | "topic" | "article" => {}
                _ => state.extra.push((key, value)),
            }
        }
        state
    }

    /// The canonical query string, with its leading `?`, or `""` when there is nothing to say.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.embed {
            pairs.push(("embed", "1".into()));
        }
        if !self.query.text.trim().is_empty() {
            pairs.push(("q", self.query.text.clone()));
            if self.literal {
                pairs.push(("literal", "1".into()));
            }
        }
        pairs.extend(self.query.districts.iter().map(|d| ("district", d.clone())));
        pairs.extend(self.query.topics.iter().map(|t| ("topic", t.clone())));
        if let Some(from) = self.query.from {
            pairs.push(("from", from.to_string()));
        }
        if let Some(to) = self.query.to {
            pairs.push(("to", to.to_string()));
        }
        if self.query.newest_first {
            pairs.push(("sort", "new".into()));
        }
        if let Some(article) = &self.article {
            pairs.push(("article", article.clone()));
        }
        pairs.extend(self.extra.iter().map(|(k, v)| (k.as_str(), v.clone())));
        if pairs.is_empty() {
            return String::new();
        }
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        format!("?{}", body.join("&"))
    }

    /// The same filters without the article: the list an article was opened from.
    pub fn list(&self) -> UrlState {
        UrlState { article: None, ..self.clone() }
    }

    /// The same filters, showing `id`.
    pub fn with_article(&self, id: &str) -> UrlState {
        UrlState { article: Some(id.to_owned()), ..self.clone() }
    }

    /// The value of an uninterpreted parameter such as `theme`.
    pub fn extra(&self, key: &str) -> Option<&str> {
        self.extra.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// Percent-decode (`+` is a space, as in HTML forms); invalid escapes are kept literally and
/// invalid UTF-8 is replaced, because a pasted link must never crash the reader.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && bytes[i + 1].is_ascii_hexdigit() && bytes[i + 2].is_ascii_hexdigit() => {
                let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
                out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encode everything but unreserved characters (RFC 3986).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_contract_parameter() {
        let s = UrlState::parse("?q=uy+ban&district=huyen-cau-ke-tra-vinh&district=huyen-cao-lanh-dong-thap&topic=bau-cu&from=2021-01-01&to=2021-12-31&article=abc&embed=1&theme=dark");
        assert_eq!(s.query.text, "uy ban");
        assert_eq!(s.query.districts, ["huyen-cau-ke-tra-vinh", "huyen-cao-lanh-dong-thap"]);
        assert_eq!(s.query.topics, ["bau-cu"]);
        assert_eq!(s.query.from, Day::new(2021, 1, 1));
        assert_eq!(s.query.to, Day::new(2021, 12, 31));
        assert_eq!(s.article.as_deref(), Some("abc"));
        assert!(s.embed);
        assert_eq!(s.extra("theme"), Some("dark"));
    }

    #[test]
    fn round_trips_vietnamese_text() {
        let mut s = UrlState::default();
        s.query.text = "Đảng bộ & huyện".into();
        s.query.topics = vec!["xay-dung-dang".into()];
        let qs = s.to_query_string();
        assert_eq!(qs, "?q=%C4%90%E1%BA%A3ng%20b%E1%BB%99%20%26%20huy%E1%BB%87n&topic=xay-dung-dang");
        assert_eq!(UrlState::parse(&qs), s);
        assert_eq!(UrlState::default().to_query_string(), "");
    }

    #[test]
    fn tolerates_broken_links() {
        let s = UrlState::parse("q=%E1%BA&from=2021-02-30&to=yesterday&district=&%zz=1&=");
        assert_eq!(s.query.from, None);
        assert_eq!(s.query.to, None);
        assert!(s.query.districts.is_empty());
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%C3%A0"), "à");
    }

    #[test]
    fn sort_is_rel_unless_the_url_says_new() {
        let ranked = UrlState::parse("?q=b%E1%BA%A7u+c%E1%BB%AD");
        assert!(ranked.query.ranked());
        assert_eq!(ranked.to_query_string(), "?q=b%E1%BA%A7u%20c%E1%BB%AD");
        let newest = UrlState::parse("?q=bau&sort=new");
        assert!(newest.query.newest_first && !newest.query.ranked());
        assert_eq!(newest.to_query_string(), "?q=bau&sort=new");
        assert_eq!(UrlState::parse("?q=bau&sort=rel").to_query_string(), "?q=bau");
        // Without a term, rel means new.
        assert!(!UrlState::parse("?topic=bau-cu").query.ranked());
        assert!(!UrlState::parse("?sort=bogus&q=x").query.newest_first);
        let literal = UrlState::parse("?q=baauf&literal=1");
        assert!(literal.literal);
        assert_eq!(literal.to_query_string(), "?q=baauf&literal=1");
    }

    #[test]
    fn article_links_keep_filters() {
        let s = UrlState::parse("?topic=bau-cu");
        assert_eq!(s.with_article("x").to_query_string(), "?topic=bau-cu&article=x");
        assert_eq!(s.with_article("x").list(), s);
    }
}
