//! One raw page → one article (or a reason it cannot be one).

use bantin_core::classify::classifier;
use bantin_core::date::Published;
use bantin_core::feed::{Author, Bantin, Item};
use bantin_core::fold::canonical_name;
use bantin_core::gazetteer::District;
use bantin_core::topics;

use crate::published::publication;
use crate::decode::decode;
use crate::fastfold::fold;
use crate::district::Clues;
use crate::html::{looks_like_html, parse_html, HtmlPage};
use crate::layout::{layout, Layout};
use crate::summary::summarize;
use crate::text::{proper_case, Line};
use crate::title::{self, TitleSource};

/// A raw page and what the caller knows about it (`--sources`).
#[derive(Debug, Clone, Copy)]
pub struct RawPage<'a> {
    /// The path as given (shown in rejects.json).
    pub path: &'a str,
    /// The file name (`source_file`).
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub url: Option<&'a str>,
    pub site: Option<&'a str>,
}

/// How precisely the publication moment is known (CONTRACT §1 `date_precision`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Minute,
    Day,
    DayInferredYear,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Minute => "minute",
            Precision::Day => "day",
            Precision::DayInferredYear => "day-inferred-year",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Article {
    pub title: String,
    pub url: Option<String>,
    pub summary: String,
    pub paragraphs: Vec<String>,
    pub published: Published,
    pub precision: Precision,
    pub authors: Vec<String>,
    pub captions: Vec<String>,
    pub site: Option<String>,
    pub district: Option<&'static District>,
    pub topics: Vec<&'static str>,
    pub source_file: String,
    pub title_source: TitleSource,
}

impl Article {
    pub fn content_text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// The feed item (CONTRACT §1) with the given id.
    pub fn to_item(&self, id: String) -> Item {
        Item {
            id,
            url: self.url.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            content_text: self.content_text(),
            date_published: self.published.to_rfc3339(),
            authors: self.authors.iter().map(|name| Author { name: name.clone() }).collect(),
            tags: self.topics.iter().filter_map(|s| topics::by_slug(s)).map(|t| t.vi.to_owned()).collect(),
            bantin: Bantin {
                topics: self.topics.iter().map(|s| (*s).to_owned()).collect(),
                site: self.site.clone(),
                captions: self.captions.clone(),
                date_precision: self.precision.as_str().to_owned(),
                source_file: Some(self.source_file.clone()),
                title_source: Some(self.title_source.as_str().to_owned()),
                ..district_fields(self.district)
            },
        }
    }
}

/// The `_bantin` fields that name a district (CONTRACT §1), from the gazetteer's entry; the
/// rest left empty.
pub fn district_fields(district: Option<&District>) -> Bantin {
    let d = district;
    Bantin {
        district: d.map(|d| d.name.clone()),
        district_type: d.map(|d| d.kind.label().to_owned()),
        district_id: d.map(|d| d.id.clone()),
        district_code: d.map(|d| d.code.clone()).filter(|c| !c.is_empty()),
        province: d.map(|d| d.province.clone()),
        province_2025: d.map(|d| d.province_2025.clone()),
        ..Bantin::default()
    }
}

/// Extract an article from a raw page. The error is a reason a person understands.
pub fn extract(page: &RawPage<'_>) -> Result<Article, String> {
    let decoded = decode(page.bytes).map_err(|e| e.to_string())?;
    let is_html = looks_like_html(&decoded.text);
    if is_html {
        crate::nesting::check(&decoded.text)?;
    }
    let html: Option<HtmlPage> = is_html.then(|| parse_html(&decoded.text));
    let lines: Vec<Line> = match &html {
        Some(h) => h.lines.iter().map(|l| Line::new(l)).collect(),
        None => decoded.text.lines().map(Line::new).collect(),
    };
    let meta_title = html.as_ref().and_then(|h| h.title.as_deref()).filter(|t| !t.trim().is_empty());
    let figcaptions = html.as_ref().map_or(&[][..], |h| &h.captions[..]);
    let mut lay = layout(&lines, meta_title, figcaptions)?;
    if let Some(h) = &html {
        lay.context.extend(h.context.iter().cloned());
        for c in &h.captions {
            if !lay.captions.contains(c) {
                lay.captions.push(c.clone());
            }
        }
    }
    // Only absolute web links reach the feed: `og:url`/canonical may be relative or worse.
    let is_web = |u: &String| {
        let lower = u.trim().to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    };
    let url = page.url.map(str::to_owned).or_else(|| html.as_ref().and_then(|h| h.url.clone())).filter(is_web);
    let (title, title_source) = headline(&lay, url.as_deref());
    let lead = lay.paragraphs[0].clone();
    let title_folded = fold(&title);
    let folded = std::mem::take(&mut lay.paragraphs_folded);
    let (published, precision) = publication(&lay, &title_folded, &folded, html.as_ref(), url.as_deref())?;

    let site = page
        .site
        .map(proper_case)
        .or_else(|| html.as_ref().and_then(|h| h.site_name.as_deref()).map(proper_case))
        .or_else(|| lay.site_names.first().cloned())
        .filter(|s| !s.is_empty());

    let district = resolve_district(&lay, &title, site.as_deref(), url.as_deref(), page.url);
    let topics = classifier().classify_folded(&title_folded, &folded.join("\n"));
    Ok(Article {
        summary: summarize(&lead),
        title,
        url,
        paragraphs: lay.paragraphs,
        published,
        precision,
        authors: lay.authors.iter().map(|a| canonical_name(a)).collect(),
        captions: lay.captions,
        site,
        district,
        topics,
        source_file: page.file_name.to_owned(),
        title_source,
    })
}

/// The page's headline; else the URL slug restored with the body's words; else the lead.
fn headline(lay: &Layout, url: Option<&str>) -> (String, TitleSource) {
    let printed = title::clean(&lay.title);
    if !printed.is_empty() {
        return (printed, TitleSource::Page);
    }
    let texts: Vec<&str> = lay.paragraphs.iter().chain(&lay.captions).map(String::as_str).collect();
    if let Some(t) = url.and_then(|u| title::from_url(u, &texts)) {
        return (t, TitleSource::Url);
    }
    (title::from_lead(&lay.paragraphs[0]), TitleSource::Lead)
}

fn resolve_district(
    lay: &Layout,
    title: &str,
    site: Option<&str>,
    url: Option<&str>,
    source_url: Option<&str>,
) -> Option<&'static District> {
    let mut clues = Clues::default();
    clues.scan(title, 1, Some(3), Some((2, 3)));
    clues.headline_start(title, 3);
    clues.scan(&lay.paragraphs[0], 1, Some(2), Some((2, 2)));
    for c in &lay.captions {
        clues.explicit(c, 1, 1);
    }
    // Commune clues of the title and lead are tier 2: keep only tier-1 ones for the shortcut.
    let strongest: Vec<_> = clues.clues.iter().filter(|c| c.tier == 1).cloned().collect();
    if let Some(d) = (Clues { clues: strongest, provinces: Vec::new() }).unanimous() {
        return Some(d);
    }
    for p in &lay.paragraphs[1..] {
        clues.scan(p, 2, Some(1), Some((2, 1)));
    }
    if let Some(s) = site {
        clues.explicit(s, 3, 2);
    }
    for s in &lay.site_names {
        clues.explicit(s, 3, 2);
    }
    for line in &lay.context {
        clues.scan(line, 3, Some(1), Some((3, 1)));
        for word in line.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')) {
            if word.contains('@') || word.contains(".gov.vn") || word.contains(".dcs.vn") {
                clues.host(word, 3, 1);
            }
        }
    }
    for u in [url, source_url].into_iter().flatten() {
        clues.host(u, 3, 2);
        clues.path(u, 3, 2);
    }
    clues.resolve()
}
