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

/// Words after which a hard line break cuts a date in two: `Chiều ngày` / `14/8/2022`.
const BEFORE_DATE: &[&str] = &["ngay", "sang", "chieu", "toi", "trua", "dem", "luc", "vao", "hom", "nay"];

/// Whether `next` continues the sentence of `prev` across a hard line break: it starts in
/// lower case (never a headline, caption or new paragraph), or it starts with the date that
/// `prev`'s last word announces.
fn continues(prev: &Line, next: &Line) -> bool {
    let t = prev.text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ' ']);
    if t.ends_with(['.', '!', '?', '…']) || next.text.starts_with("null ") || is_nav(prev) || is_boilerplate(prev) {
        return false;
    }
    let first = next.text.chars().next().unwrap_or(' ');
    first.is_lowercase()
        || (first.is_ascii_digit() && prev.folded.rsplit(' ').next().is_some_and(|w| BEFORE_DATE.contains(&w)))
}

/// Lines joined where a hard line break cut a sentence; `None` when there is nothing to join.
fn join_wrapped(lines: &[&Line]) -> Option<Vec<Line>> {
    if !lines.windows(2).any(|w| continues(w[0], w[1])) {
        return None;
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut prev: Option<&Line> = None;
    for &line in lines {
        match (out.last_mut(), prev) {
            (Some(last), Some(p)) if continues(p, line) => {
                last.text.push(' ');
                last.text.push_str(&line.text);
                last.folded.push(' ');
                last.folded.push_str(&line.folded);
            }
            _ => out.push(line.clone()),
        }
        prev = Some(line);
    }
    Some(out)
}

/// A line that reads as the lead paragraph: a sentence of a dozen words or more.
fn is_lead_like(line: &Line) -> bool {
    word_count(&line.text) >= 12 && ends_sentence(&line.text) && !is_boilerplate(line) && !is_banner(line) && site_name(line).is_none()
}

/// Where the body starts: the first lead-like line, or a shorter sentence right above it.
fn lead_at(lines: &[&Line]) -> Option<usize> {
    let mut at = lines.iter().position(|l| is_lead_like(l))?;
    while at > 0 && ends_sentence(&lines[at - 1].text) && word_count(&lines[at - 1].text) >= 5 && !between_title_and_lead(lines[at - 1]) {
        at -= 1;
    }
    Some(at)
}

/// Lines that may stand between a headline and its lead: stamps, menus, share links, view
/// counters, figure labels, one- or two-word labels.
fn between_title_and_lead(line: &Line) -> bool {
    is_nav(line) || is_boilerplate(line) || is_banner(line) || parse_stamp(&line.folded).is_some() || site_name(line).is_some() || word_count(&line.text) <= 2
}

/// The printed headline: the last headline-like line above the lead, past stamps and page
/// furniture (menus come before the headline, so the first candidate may be a menu item).
/// A page whose text starts with its lead has none.
fn printed_title(lines: &[&Line]) -> Option<(usize, String)> {
    let Some(lead) = lead_at(lines) else {
        // No sentence at all: the first headline-like line after the furniture.
        let i = lines.iter().position(|l| !between_title_and_lead(l) && is_title_candidate(l))?;
        return Some((i, lines[i].text.clone()));
    };
    let i = (0..lead).rev().find(|&i| !between_title_and_lead(lines[i]))?;
    let line = lines[i];
    (is_title_candidate(line) && word_count(&line.text) >= 4 && !is_footer_start(line)).then(|| (i, line.text.clone()))
}

/// A breadcrumb or menu line that ends with the publication stamp: `Trang chủ > Tin tức > 23/08/2022`.
fn nav_stamp(line: &Line) -> Option<Found> {
    let f = line.folded.as_str();
    if f.len() > 160 || !(f.contains(" > ") || f.contains(" | ") || f.contains(" » ")) || parse_stamp(f).is_some() {
        return None;
    }
    let tail = f.rsplit(|c| c == '>' || c == '»').next()?;
    let tail = tail.split_once(" | ").map_or(tail, |(_, t)| t);
    parse_stamp(tail.trim()).or_else(|| f.split_once(" | ").and_then(|(_, t)| parse_stamp(t.trim())))
}

fn strip_null(text: &str) -> Option<&str> {
    text.strip_prefix("null ").map(str::trim)
}

/// Split cleaned lines into a layout. `meta_title` (from HTML) wins over the text's own title;
/// `figcaptions` are always captions. Errors are reasons shown in rejects.json.
pub fn layout(lines: &[Line], meta_title: Option<&str>, figcaptions: &[String]) -> Result<Layout, String> {
    let mut out = Layout::default();
    let lines: Vec<&Line> = lines.iter().filter(|l| !l.text.is_empty() && l.text.chars().any(char::is_alphanumeric)).collect();
    let joined = join_wrapped(&lines);
    let lines: Vec<&Line> = match &joined {
        Some(j) => j.iter().collect(),
        None => lines,
    };

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
    } else if let Some((i, t)) = printed_title(&lines) {
        title_at = Some(i);
        out.title = t;
    }
    // No headline in the page: the body starts at the lead; the caller makes a title.
    let body_from = match title_at {
        Some(i) => i + 1,
        None if out.title.is_empty() => lead_at(&lines).unwrap_or(0),
        None => 0,
    };
    let title_folded = fold(&out.title);

    // 2. Header lines before the title: banner, site name, stamps.
    let header_end = body_from;
    for line in &lines[..header_end.min(lines.len())] {
        if is_banner(line) {
            out.crawl_date = out.crawl_date.or_else(|| banner_date(&line.folded));
        } else if let Some(name) = site_name(line) {
            out.site_names.push(name);
        } else if let Some(stamp) = parse_stamp(&line.folded) {
            out.stamps.push(stamp);
        } else if let Some(stamp) = nav_stamp(line) {
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
        if seen_paragraph && is_footer_start(line) {
            in_footer = true;
            out.context.push(line.text.clone());
            continue;
        }
        if let Some(stamp) = nav_stamp(line) {
            out.stamps.push(stamp);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lay(text: &str) -> Layout {
        let lines: Vec<Line> = text.lines().map(Line::new).collect();
        layout(&lines, None, &[]).unwrap()
    }

    const LEAD: &str = "Ngày 5/4, UBND huyện tổ chức lễ ra mắt Hợp tác xã nông nghiệp trồng quế hữu cơ tại xã Đại Dực với 28 thành viên.";

    #[test]
    fn the_headline_is_the_line_above_the_lead_not_a_menu_item() {
        let l = lay(&format!("Skip to main content\nBanner\nCổng thông tin điện tử huyện Tiên Yên\nThủ tục hành chính\nThông tin kinh tế - xã hội\nRa mắt Hợp tác xã trồng quế hữu cơ In trang\nNgày đăng: 06/04/2023\nLượt xem: 214\n{LEAD}\nĐoạn hai của bài viết.\n"));
        assert_eq!(l.title, "Ra mắt Hợp tác xã trồng quế hữu cơ In trang");
        assert_eq!(l.paragraphs[0], LEAD);
        assert_eq!(l.stamps.len(), 1);
    }

    #[test]
    fn a_page_without_a_headline_starts_with_its_lead() {
        let l = lay(&format!("Skip to main content\nBanner\nTrang chủ\nTin tức > Hoạt động của huyện\n{LEAD}\nĐoạn hai.\n"));
        assert_eq!(l.title, "");
        assert_eq!(l.paragraphs[0], LEAD);
    }

    #[test]
    fn hard_line_breaks_are_joined() {
        let l = lay("Xã Tân Hiệp tổ chức Vui hội Trăng rằm cho thiếu nhi\nChiều ngày\n23/9/2023 UBND xã Tân Hiệp phối hợp tổ chức chương trình cho thiếu nhi trên địa bàn\nxã, trao 1.200 phần quà.\n");
        assert_eq!(l.paragraphs, vec!["Chiều ngày 23/9/2023 UBND xã Tân Hiệp phối hợp tổ chức chương trình cho thiếu nhi trên địa bàn xã, trao 1.200 phần quà."]);
        // A caption or headline that follows starts in upper case: never joined.
        let l = lay(&format!("Tiêu đề của bài viết ở đây\n{LEAD}\nQuang cảnh buổi lễ\nĐoạn hai của bài viết.\n"));
        assert_eq!(l.captions, vec!["Quang cảnh buổi lễ"]);
    }

    #[test]
    fn breadcrumb_stamps_and_related_stories() {
        let l = lay(&format!("Trang chủ > Tin tức sự kiện > 23/08/2022\nTuần Giáo hỗ trợ hơn 400 hộ xóa nhà tạm\n{LEAD}\nTin cùng chuyên mục\nĐông Anh ra quân giải phóng mặt bằng\n"));
        assert_eq!(l.stamps[0].full_day(), Day::new(2022, 8, 23));
        assert_eq!(l.paragraphs, vec![LEAD]);
        assert!(l.captions.is_empty(), "{:?}", l.captions);
        assert!(l.context.iter().any(|c| c.starts_with("Đông Anh")));
    }

    #[test]
    fn furniture_lines_are_never_body() {
        let l = lay(&format!("Đông Anh khởi công cụm công nghiệp\nChia sẻ Facebook\nZalo\nIn bài\n{LEAD}\nHình 1\nXem thêm >>\nĐoạn hai của bài viết.\n"));
        assert_eq!(l.paragraphs, vec![LEAD, "Đoạn hai của bài viết."]);
    }
}
