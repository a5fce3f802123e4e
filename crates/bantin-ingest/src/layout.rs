//! The page's layout: which lines are header, title, body paragraphs, captions, byline and footer.

use crate::byline::parse_byline;
use crate::dates::{banner_date, parse_stamp, Found};
use crate::text::{
    credited_site, ends_sentence, is_banner, is_boilerplate, is_footer_start, is_nav, site_name, word_count, Line,
};
use bantin_core::date::Day;
use crate::fastfold::fold;

/// A page split into its parts. Texts are cleaned (NFC, single spaces) but otherwise as printed.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub title: String,
    pub paragraphs: Vec<String>,
    /// The paragraphs folded ([`crate::fastfold::fold`]), for dates, districts and topics.
    pub paragraphs_folded: Vec<String>,
    pub captions: Vec<String>,
    pub authors: Vec<String>,
    /// Publication stamps (`(16:30 | 29/07/2020)`), first first.
    pub stamps: Vec<Found>,
    /// `Hôm nay, …` banner: the crawl date.
    pub crawl_date: Option<Day>,
    /// Portal names printed in the header (first) or footer.
    pub site_names: Vec<String>,
    /// Header and footer lines (addresses, e-mails): clues, never content.
    pub context: Vec<String>,
}

fn is_title_candidate(line: &Line) -> bool {
    if line.text.len() > 1200 {
        return false;
    }
    let words = word_count(&line.text);
    let chars = line.text.chars().count();
    (3..=45).contains(&words)
        && chars <= 300
        && (!ends_sentence(&line.text) || line.text.ends_with(['?', '!']))
        && line.text.chars().any(char::is_alphabetic)
}

/// A line that reads as a photo caption: short, no final punctuation, not a list item or heading.
pub fn is_caption_like(text: &str) -> bool {
    if text.len() > 220 * 4 || ends_sentence(text) || text.chars().count() > 220 {
        return false;
    }
    let words = word_count(text);
    let first = text.chars().next().unwrap_or(' ');
    let shouting = !text.chars().any(char::is_lowercase);
    (2..=35).contains(&words)
        && !matches!(first, '-' | '+' | '•' | '*' | '–' | '(' | '>')
        && !first.is_ascii_digit()
        && !shouting
}

fn strip_null(text: &str) -> Option<&str> {
    text.strip_prefix("null ").map(str::trim)
}

/// Split cleaned lines into a layout. `meta_title` (from HTML) wins over the text's own title;
/// `figcaptions` are always captions. Errors are reasons shown in rejects.json.
pub fn layout(lines: &[Line], meta_title: Option<&str>, figcaptions: &[String]) -> Result<Layout, String> {
    let mut out = Layout::default();
    let lines: Vec<&Line> = lines.iter().filter(|l| !l.text.is_empty() && l.text.chars().any(char::is_alphanumeric)).collect();

    // 1. The title, and where the body starts.
    let meta_folded = meta_title.map(fold);
    let mut title_at = None;
    let mut null_title = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(t) = strip_null(&line.text) {
            null_title = Some((i, t.to_owned()));
            break;
        }
    }
    if let Some(mf) = &meta_folded {
        title_at = lines.iter().position(|l| &l.folded == mf || strip_null(&l.folded) == Some(mf.as_str()));
        if title_at.is_none() && mf.len() >= 15 {
            // The printed headline may differ slightly from the metadata (`og:title` shortened or
            // extended): the first line that is a prefix of the other.
            title_at = lines.iter().position(|l| {
                l.folded.len() >= 15 && (mf.starts_with(l.folded.as_str()) || l.folded.starts_with(mf.as_str())) && is_title_candidate(l)
            });
        }
        out.title = meta_title.unwrap_or_default().to_owned();
    } else if let Some((i, t)) = &null_title {
        title_at = Some(*i);
        out.title = t.clone();
    } else {
        for (i, line) in lines.iter().enumerate() {
            if is_banner(line) || is_nav(line) || is_boilerplate(line) || is_footer_start(line) {
                continue;
            }
            if site_name(line).is_some() || parse_stamp(&line.folded).is_some() {
                continue;
            }
            if is_title_candidate(line) {
                title_at = Some(i);
                out.title = line.text.clone();
                break;
            }
            // Menu items and labels (one or two words) come before the headline; a sentence
            // means the body has started without one.
            if word_count(&line.text) >= 3 {
                break;
            }
        }
    }
    if out.title.trim().is_empty() {
        return Err("no title found".into());
    }
    let title_folded = fold(&out.title);

    // 2. Header lines before the title: banner, site name, stamps.
    let header_end = title_at.map_or(0, |i| i + 1);
    for line in &lines[..header_end.min(lines.len())] {
        if is_banner(line) {
            out.crawl_date = out.crawl_date.or_else(|| banner_date(&line.folded));
        } else if let Some(name) = site_name(line) {
            out.site_names.push(name);
        } else if let Some(stamp) = parse_stamp(&line.folded) {
            out.stamps.push(stamp);
        } else if is_nav(line) || line.folded == title_folded {
        } else {
            out.context.push(line.text.clone());
        }
    }

    // 3. Body lines until the footer.
    let mut body: Vec<&Line> = Vec::new();
    let mut in_footer = false;
    let mut seen_paragraph = false;
    for line in lines.iter().skip(header_end) {
        if in_footer {
            if let Some(name) = site_name(line).or_else(|| credited_site(line)) {
                out.site_names.push(name);
            }
            out.context.push(line.text.clone());
            continue;
        }
        if line.folded == title_folded || strip_null(&line.folded) == Some(title_folded.as_str()) {
            continue;
        }
        if is_banner(line) {
            out.crawl_date = out.crawl_date.or_else(|| banner_date(&line.folded));
            continue;
        }
        if is_nav(line) {
            continue;
        }
        if let Some(stamp) = parse_stamp(&line.folded) {
            out.stamps.push(stamp);
            continue;
        }
        let site = site_name(line);
        if seen_paragraph && (is_footer_start(line) || is_boilerplate(line) || site.is_some()) {
            in_footer = true;
            if let Some(name) = site.or_else(|| credited_site(line)) {
                out.site_names.push(name);
            }
            out.context.push(line.text.clone());
            continue;
        }
        if is_footer_start(line) || is_boilerplate(line) || site.is_some() {
            if let Some(name) = site {
                out.site_names.push(name);
            }
            out.context.push(line.text.clone());
            continue;
        }
        if !is_caption_like(&line.text) {
            seen_paragraph = true;
        }
        body.push(line);
    }

    // 4. Byline and source credit at the end.
    while let Some(last) = body.last() {
        let f = last.folded.as_str();
        if (f.starts_with("nguon:") || f.starts_with("nguon :") || f.starts_with("theo ")) && word_count(&last.text) <= 12 {
            body.pop();
            continue;
        }
        break;
    }
    if body.len() >= 2 {
        if let Some(authors) = body.last().and_then(|l| parse_byline(&l.text, false)) {
            body.pop();
            out.authors = authors;
            // A second byline line above (`Tin: A` / `Ảnh: B`).
            if body.len() >= 2 {
                if let Some(more) = body.last().and_then(|l| parse_byline(&l.text, true)) {
                    body.pop();
                    let mut all = more;
                    for a in std::mem::take(&mut out.authors) {
                        if !all.contains(&a) {
                            all.push(a);
                        }
                    }
                    out.authors = all;
                }
            }
        }
    }

    // 5. Captions and paragraphs.
    let figcaptions: Vec<String> = figcaptions.iter().map(|c| fold(c)).collect();
    let (captions, paragraphs): (Vec<&Line>, Vec<&Line>) =
        body.iter().partition(|line| figcaptions.contains(&line.folded) || is_caption_like(&line.text));
    // Nothing but short lines: they are the body, not captions.
    let (captions, paragraphs) = if paragraphs.is_empty() { (Vec::new(), captions) } else { (captions, paragraphs) };
    if paragraphs.is_empty() {
        return Err("empty body".into());
    }
    out.captions = captions.iter().map(|l| l.text.clone()).collect();
    out.paragraphs = paragraphs.iter().map(|l| l.text.clone()).collect();
    out.paragraphs_folded = paragraphs.iter().map(|l| l.folded.clone()).collect();
    Ok(out)
}
