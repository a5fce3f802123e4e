//! HTML pages: metadata (`og:*`, `article:published_time`, canonical link, `<time datetime>`)
//! and the visible text as lines, one per block, so the plain-text pipeline can read them.

use std::sync::OnceLock;

use bantin_core::date::Published;
use scraper::{ElementRef, Html, Node, Selector};

use crate::text::clean_line;

/// What an HTML page says about itself, and its text.
#[derive(Debug, Clone, Default)]
pub struct HtmlPage {
    /// `og:title`, else the `<h1>`, else `<title>` without the site name.
    pub title: Option<String>,
    /// `og:url`, else `<link rel="canonical">`.
    pub url: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// `article:published_time`, `<time datetime>`, `itemprop=datePublished`…
    pub published: Option<Published>,
    /// Text lines of the article zone (`<article>`, else `<main>`, else `<body>`).
    pub lines: Vec<String>,
    /// Text lines outside that zone (headers, footers), for site and district clues.
    pub context: Vec<String>,
    /// `<figcaption>` texts, in order.
    pub captions: Vec<String>,
}

/// Whether decoded text is HTML rather than a plain-text scrape.
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.trim_start_matches('\u{feff}').trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
        || (head.starts_with('<') && (head.contains("<head") || head.contains("<body") || head.contains("<meta") || head.contains("<title")))
}

struct Selectors {
    meta: Selector,
    canonical: Selector,
    title: Selector,
    h1: Selector,
    time: Selector,
    date_published: Selector,
    zone: [Selector; 3],
    figcaption: Selector,
}

fn selectors() -> &'static Selectors {
    static S: OnceLock<Selectors> = OnceLock::new();
    S.get_or_init(|| {
        let s = |css: &str| Selector::parse(css).expect("valid selector");
        Selectors {
            meta: s("meta"),
            canonical: s("link[rel~=canonical]"),
            title: s("title"),
            h1: s("h1"),
            time: s("time[datetime]"),
            date_published: s("[itemprop=datePublished]"),
            zone: [s("article"), s("main"), s("body")],
            figcaption: s("figcaption"),
        }
    })
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "aside", "form", "select", "button",
    "iframe", "svg", "object", "embed", "canvas", "map",
];
const BLOCK: &[&str] = &[
    "p", "div", "section", "article", "header", "footer", "main", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "td", "th", "figure",
    "figcaption", "blockquote", "pre", "address", "hr", "br", "center", "caption", "body", "html",
];

fn collect_lines(node: ego_tree::NodeRef<'_, Node>, skip: Option<ego_tree::NodeId>, current: &mut String, out: &mut Vec<String>) {
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let line = clean_line(current);
        if !line.is_empty() {
            out.push(line);
        }
        current.clear();
    };
    for child in node.children() {
        if Some(child.id()) == skip {
            flush(current, out);
            continue;
        }
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCK.contains(&name);
                if block {
                    flush(current, out);
                }
                collect_lines(child, skip, current, out);
                if block {
                    flush(current, out);
                } else if name == "img" {
                    current.push(' ');
                }
            }
            _ => {}
        }
    }
}

fn element_lines(element: ElementRef<'_>, skip: Option<ego_tree::NodeId>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    collect_lines(*element, skip, &mut current, &mut out);
    let line = clean_line(&current);
    if !line.is_empty() {
        out.push(line);
    }
    out
}

fn text_of(element: ElementRef<'_>) -> String {
    clean_line(&element.text().collect::<String>())
}

/// `Headline - Cổng thông tin điện tử huyện X` → `Headline`.
pub fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let f = bantin_core::fold::fold(tail);
            if f.contains("cong thong tin") || f.contains("trang thong tin") || f.contains("trang tin")
                || f.contains("gov.vn") || f.contains("bao ") || f.starts_with("huyen ") || f.starts_with("ubnd")
            {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

/// Letters all upper case.
fn shouting(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

pub fn parse_html(text: &str) -> HtmlPage {
    let doc = Html::parse_document(text);
    let s = selectors();
    let mut page = HtmlPage::default();

    let mut og_title = None;
    let mut published_meta = None;
    for meta in doc.select(&s.meta) {
        let key = meta.attr("property").or_else(|| meta.attr("name")).or_else(|| meta.attr("itemprop")).unwrap_or("").to_ascii_lowercase();
        let Some(content) = meta.attr("content").map(clean_line).filter(|c| !c.is_empty()) else { continue };
        match key.as_str() {
            "og:title" | "twitter:title" if og_title.is_none() => og_title = Some(content),
            "og:url" if page.url.is_none() => page.url = Some(content),
            "og:site_name" if page.site_name.is_none() => page.site_name = Some(content),
            "article:published_time" | "datepublished" | "pubdate" | "publishdate" | "date" | "dc.date.issued"
                if published_meta.is_none() =>
            {
                published_meta = parse_iso_datetime(&content);
            }
            _ => {}
        }
    }
    if page.url.is_none() {
        page.url = doc.select(&s.canonical).find_map(|l| l.attr("href")).map(|h| h.trim().to_owned()).filter(|h| !h.is_empty());
    }
    page.published = published_meta
        .or_else(|| doc.select(&s.time).find_map(|t| t.attr("datetime").and_then(parse_iso_datetime)))
        .or_else(|| {
            doc.select(&s.date_published)
                .find_map(|e| e.attr("content").or_else(|| e.attr("datetime")).and_then(parse_iso_datetime))
        });

    let h1 = doc.select(&s.h1).map(text_of).find(|t| !t.is_empty());
    let doc_title = doc.select(&s.title).map(text_of).find(|t| !t.is_empty()).map(|t| strip_site_suffix(&t));
    let candidates: Vec<String> = [og_title.map(|t| strip_site_suffix(&t)), h1, doc_title].into_iter().flatten().filter(|t| !t.is_empty()).collect();
    page.title = candidates.first().cloned();
    // An upper-case headline keeps its words, but takes its case from another headline of the
    // page that reads the same (`MÊ LINH ĐẠT CHUẨN …` / `<title>Mê Linh đạt chuẩn …`).
    if let Some(t) = page.title.as_deref().filter(|t| shouting(t)) {
        let same = bantin_core::fold::fold(t);
        let n = t.chars().count();
        if let Some(better) = candidates.iter().find(|c| !shouting(c) && bantin_core::fold::fold(c).starts_with(&same)) {
            page.title = Some(better.chars().take(n).collect());
        }
    }

    let zone = s.zone.iter().find_map(|sel| doc.select(sel).next());
    match zone {
        Some(z) => {
            page.lines = element_lines(z, None);
            if z.value().name() != "body" {
                if let Some(body) = doc.select(&s.zone[2]).next() {
                    page.context = element_lines(body, Some(z.id()));
                }
            }
        }
        None => page.lines = element_lines(doc.root_element(), None),
    }
    // Captions of the article zone only (sidebars have figures too).
    page.captions = match zone {
        Some(z) => z.select(&s.figcaption).map(text_of).filter(|t| !t.is_empty()).collect(),
        None => doc.select(&s.figcaption).map(text_of).filter(|t| !t.is_empty()).collect(),
    };
    page
}

/// An HTML date (`<time datetime>`, `article:published_time`): RFC 3339 / ISO 8601 in any
/// offset, converted to Vietnam time by the same parser the reader uses.
pub fn parse_iso_datetime(text: &str) -> Option<Published> {
    Published::parse_rfc3339(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_core::date::Day;

    #[test]
    fn detects_html() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("  <html lang=vi>"));
        assert!(looks_like_html("<meta charset=utf-8><title>x</title>"));
        assert!(!looks_like_html("Xuất bản thông tin\n\nnull Hội nghị"));
        assert!(!looks_like_html("<Tin tức> hôm nay"));
    }

    #[test]
    fn block_structure_becomes_lines() {
        let page = parse_html(
            "<html><head><title>Tiêu đề - Cổng thông tin điện tử huyện X</title><script>var a=1;</script></head>\
             <body><nav>Trang chủ</nav><article><h1>Tiêu đề</h1><p>Đoạn&nbsp;một <b>đậm</b>.</p>\
             <figure><img src=a.jpg><figcaption>Quang cảnh</figcaption></figure><p>Hai<br>Ba</p></article>\
             <footer>Địa chỉ: huyện X</footer></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Tiêu đề"));
        assert_eq!(page.lines, vec!["Tiêu đề", "Đoạn một đậm.", "Quang cảnh", "Hai", "Ba"]);
        assert_eq!(page.context, vec!["Địa chỉ: huyện X"]);
        assert_eq!(page.captions, vec!["Quang cảnh"]);
    }

    #[test]
    fn upper_case_headlines_take_the_case_the_page_gives() {
        let page = parse_html("<html><head><title>Mê Linh đạt chuẩn huyện nông thôn mới - Hà Nội Online</title></head><body><article><h1>MÊ LINH ĐẠT CHUẨN HUYỆN NÔNG THÔN MỚI</h1><p>Ngày 19/10, huyện Mê Linh đón nhận quyết định.</p></article></body></html>");
        assert_eq!(page.title.as_deref(), Some("Mê Linh đạt chuẩn huyện nông thôn mới"));
        // No better one: kept as printed.
        let page = parse_html("<html><body><article><h1>HỘI NGHỊ TỔNG KẾT CÔNG TÁC DÂN VẬN</h1><p>Ngày 11/1, Ban Dân vận.</p></article></body></html>");
        assert_eq!(page.title.as_deref(), Some("HỘI NGHỊ TỔNG KẾT CÔNG TÁC DÂN VẬN"));
    }

    #[test]
    fn strips_site_suffix() {
        assert_eq!(strip_site_suffix("Hội nghị - Cổng thông tin điện tử huyện Cầu Kè"), "Hội nghị");
        assert_eq!(strip_site_suffix("Giai đoạn 2016 - 2020"), "Giai đoạn 2016 - 2020");
    }

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::new(y, m, d).unwrap()
    }

    #[test]
    fn iso_datetimes_become_vietnam_time() {
        let p = parse_iso_datetime("2021-03-30T08:15:00+07:00").unwrap();
        assert_eq!((p.day, p.time), (day(2021, 3, 30), Some((8, 15))));
        let p = parse_iso_datetime("2021-03-29T20:00:00Z").unwrap();
        assert_eq!((p.day, p.time), (day(2021, 3, 30), Some((3, 0))));
        let p = parse_iso_datetime("2021-03-30").unwrap();
        assert_eq!(p.time, None);
        assert!(parse_iso_datetime("30/03/2021").is_none());
    }
}
