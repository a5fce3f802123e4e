//! The publication moment of a page, and the year of a day printed without one.
//!
//! Order: HTML metadata; a printed stamp (header, breadcrumb, `Cập nhật` line); the lead's
//! date (relative words applied: `Hôm qua (14/5)` → 15/5); a full date of a caption or of the
//! header/footer; any dated sentence of the body. A day without a year takes the year best
//! supported by the text ([`year_mentions`]) and by [`year_hints`]: full dates a few days from
//! it, the URL path (`/202106/`, but a bare `/2022/` folder only weakly), the term of office
//! (`kỳ họp thứ nhất … nhiệm kỳ 2021 – 2026`, `Quốc hội khóa XV`), the school year, the
//! header/footer's dates. It is never after the crawl banner nor after a planned event
//! (`dự kiến diễn ra ngày 5/1/2014`).

use bantin_core::date::{Day, Published};

use crate::article::Precision;
use crate::dates::{all_dates, infer_year, lead_date, word_spans, year_mentions, Found};
use crate::fastfold::fold;
use crate::html::HtmlPage;
use crate::layout::Layout;

/// Where [`publication`] looks, for the reject reason.
/// Where a year was looked for, for the reject reason.
pub const LOOKED_FOR_YEAR: &str = "looked for a year in the title, the body, the URL, the header and footer, and the crawl banner";

pub const LOOKED: &str =
    "looked in the HTML metadata, date lines (header, breadcrumb, \"Cập nhật\"), the lead and the rest of the body, captions, header and footer";

pub fn publication(
    lay: &Layout,
    title_folded: &str,
    folded: &[String],
    html: Option<&HtmlPage>,
    url: Option<&str>,
) -> Result<(Published, Precision), String> {
    if let Some(p) = html.and_then(|h| h.published) {
        return Ok((p, if p.time.is_some() { Precision::Minute } else { Precision::Day }));
    }
    if let Some(stamp) = lay.stamps.iter().find(|s| s.full_day().is_some()) {
        let day = stamp.full_day().expect("checked");
        let precision = if stamp.time.is_some() { Precision::Minute } else { Precision::Day };
        return Ok((Published { day, time: stamp.time }, precision));
    }
    let context: Vec<String> = lay.captions.iter().chain(&lay.context).map(|c| fold(c)).collect();
    let found = lead_date(&folded[0])
        .or_else(|| folded.get(1).and_then(|p| lead_date(p)))
        .or_else(|| context.iter().find_map(|c| lead_date(c).filter(|f| f.year.is_some())))
        .or_else(|| folded.iter().skip(2).find_map(|p| lead_date(p)))
        .or_else(|| folded.iter().find_map(|p| all_dates(p).into_iter().find(|d| d.full_day().is_some())))
        .ok_or_else(|| format!("no publication date found ({LOOKED})"))?;
    let shifted = |day: Day| Published { day: day.plus_days(found.shift), time: None };
    if let Some(day) = found.full_day() {
        return Ok((shifted(day), Precision::Day));
    }
    if found.year.is_some() {
        return Err(format!("publication date {}/{}/{} does not exist", found.day, found.month, found.year.unwrap_or(0)));
    }
    let mut mentions = Vec::new();
    let zones = std::iter::once((title_folded, 3)).chain(folded.iter().enumerate().map(|(i, p)| (p.as_str(), if i == 0 { 2 } else { 1 })));
    for (text, factor) in zones.clone() {
        mentions.extend(year_mentions(text).into_iter().map(|(y, w)| (y, w * factor)));
    }
    let texts: Vec<&str> = zones.map(|z| z.0).collect();
    let dated: Vec<(&str, Vec<Found>)> = texts.iter().map(|t| (*t, all_dates(t))).collect();
    mentions.extend(year_hints(&found, &dated, &context, url));
    let bound = [lay.crawl_date, planned_bound(&dated, &found)].into_iter().flatten().min();
    let year = infer_year(found.day, found.month, &mentions, bound).ok_or_else(|| {
        format!("publication date {:02}/{:02} has no year and none could be inferred ({LOOKED_FOR_YEAR})", found.day, found.month)
    })?;
    let day = Day::new(year, found.month, found.day).ok_or("no publication date found")?;
    Ok((shifted(day), Precision::DayInferredYear))
}

/// `text[from..to]`, both ends moved inside the text to character boundaries.
fn window(text: &str, from: usize, to: usize) -> &str {
    let (mut from, mut to) = (from.min(text.len()), to.min(text.len()));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[from..to.max(from)]
}

/// Days between two (month, day) pairs of the same year, ignoring the year.
fn days_apart(a: (u32, u32), b: (u32, u32)) -> i64 {
    let n = |(m, d): (u32, u32)| Day::new(2000, m, d.min(28)).map_or(0, |x| x.number());
    (n(a) - n(b)).abs()
}

/// Years that the page supports for the yearless `found`, with weights comparable to
/// [`year_mentions`] (2 for a plain mention).
/// `dated`: the title and body texts with their dates ([`all_dates`]).
pub fn year_hints(found: &Found, dated: &[(&str, Vec<Found>)], context: &[String], url: Option<&str>) -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    // Full dates a week or less from the day: an anniversary's date, the next day's session.
    // In `(03/02/1930 - 03/02/2023)` the latest is the story's year.
    let n = dated.len();
    let context_dated: Vec<Vec<Found>> = context.iter().map(|c| all_dates(c)).collect();
    for (k, dates) in dated.iter().map(|d| &d.1).chain(&context_dated).enumerate() {
        let mut nearest: Option<i32> = None;
        for d in dates {
            let Some(y) = d.year else { continue };
            if days_apart((d.month, d.day), (found.month, found.day)) <= 7 {
                nearest = nearest.max(Some(y));
            } else if k >= n {
                out.push((y, 3));
            }
        }
        out.extend(nearest.map(|y| (y, 6)));
    }
    if let Some(u) = url {
        out.extend(url_years(u, found.month));
    }
    for (text, _) in dated {
        out.extend(term_years(text, found.month));
    }
    out
}

/// Years in a URL path: `/202106/`, `/2021/06/`, `/2023-1-12/` (strong when the month is the
/// story's or the next), a bare `/2022/` folder (weak: archives are often filed later).
pub fn url_years(url: &str, month: u32) -> Vec<(i32, u32)> {
    let path = url.split_once("://").map_or(url, |(_, r)| r.split_once('/').map_or("", |(_, p)| p));
    let segments: Vec<&str> = path.split(['/', '?', '#']).collect();
    let mut out = Vec::new();
    let near = |m: u32| m == month || m == month % 12 + 1;
    let year_of = |s: &str| s.parse::<i32>().ok().filter(|y| (1995..=2099).contains(y));
    for (k, seg) in segments.iter().enumerate() {
        let digits = seg.bytes().all(|b| b.is_ascii_digit());
        if digits && seg.len() == 6 {
            if let (Some(y), Ok(m)) = (year_of(&seg[..4]), seg[4..].parse::<u32>()) {
                out.push((y, if near(m) { 10 } else { 2 }));
            }
        } else if digits && seg.len() == 4 {
            if let Some(y) = year_of(seg) {
                let m = segments.get(k + 1).and_then(|n| n.parse::<u32>().ok()).filter(|m| (1..=12).contains(m));
                out.push((y, if m.is_some_and(near) { 10 } else { 1 }));
            }
        } else if let Some((y, rest)) = seg.split_once('-') {
            if let (Some(y), Some(m)) = (year_of(y), rest.split('-').next().and_then(|m| m.parse::<u32>().ok())) {
                out.push((y, if near(m) { 10 } else { 2 }));
            }
        }
    }
    out
}

/// Roman numerals of the National Assembly's terms and the year each was elected.
const ASSEMBLY_TERMS: &[(&str, i32)] = &[("xiii", 2011), ("xiv", 2016), ("xv", 2021), ("xvi", 2026)];

/// Years a term of office or a school year points at: the first year of `nhiệm kỳ X – Y` at a
/// congress or a council's first session; `Quốc hội khóa XV` → 2021; `năm học X – Y` → X from
/// August on, else Y.
pub fn term_years(folded: &str, month: u32) -> Vec<(i32, u32)> {
    if !(folded.contains("nhiem ky") || folded.contains("nam hoc") || folded.contains("quoc hoi khoa")) {
        return Vec::new();
    }
    let words = word_spans(folded);
    let w = |k: usize| words.get(k).map_or("", |x| x.1);
    let year = |k: usize| w(k).parse::<i32>().ok().filter(|y| (1945..=2099).contains(y));
    // The congress or first session must be the term's own: in the same stretch of text.
    let opening = |k: usize| {
        let at = words[k].0;
        let near = window(folded, at.saturating_sub(120), at + 120);
        near.contains("ky hop thu nhat") || near.contains("ky hop dau tien") || near.contains("dai hoi")
    };
    let mut out = Vec::new();
    for k in 0..words.len() {
        match (w(k), w(k + 1)) {
            ("nhiem", "ky") if opening(k) => out.extend(year(k + 2).filter(|_| year(k + 3).is_some()).map(|y| (y, 4))),
            ("nam", "hoc") => {
                if let (Some(a), Some(b)) = (year(k + 2), year(k + 3)) {
                    out.push((if month >= 8 { a } else { b }, 4));
                }
            }
            ("quoc", "hoi") if w(k + 2) == "khoa" => {
                out.extend(ASSEMBLY_TERMS.iter().filter(|t| t.0 == w(k + 3)).map(|t| (t.1, 3)));
            }
            _ => {}
        }
    }
    out
}

/// The earliest full date of a planned event (`dự kiến diễn ra ngày 5/1/2014`, `sẽ tổ chức vào
/// 20/12/2022`): the story was published before it.
fn planned_bound(dated: &[(&str, Vec<Found>)], found: &Found) -> Option<Day> {
    let mut bound: Option<Day> = None;
    for (text, dates) in dated {
        for d in dates {
            let Some(day) = d.full_day() else { continue };
            let before = window(text, d.start.saturating_sub(48), d.start);
            let planned = before.contains("du kien") || before.contains(" se ") || before.contains("sap dien ra");
            if planned && (d.day, d.month) != (found.day, found.month) {
                bound = Some(bound.map_or(day, |b| b.min(day)));
            }
        }
    }
    bound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yearless(day: u32, month: u32) -> Found {
        Found { day, month, year: None, time: None, start: 0, end: 0, shift: 0 }
    }

    #[test]
    fn url_paths_give_years() {
        assert_eq!(url_years("https://baolongan.vn/qp/202106/can-giuoc-a1.html", 6), vec![(2021, 10)]);
        assert_eq!(url_years("https://x.vn/2021/06/slug", 6), vec![(2021, 10)]);
        assert_eq!(url_years("https://x.gov.vn/portal/Pages/2023-1-12/slug.aspx", 1), vec![(2023, 10)]);
        // An archive folder is a weak hint that the text can overrule.
        assert_eq!(url_years("https://x.gov.vn/2022/Pages/slug.aspx", 11), vec![(2022, 1)]);
        assert_eq!(url_years("https://x.gov.vn/tin-tuc/3312.html", 11), vec![]);
    }

    #[test]
    fn terms_and_school_years() {
        assert_eq!(term_years(&fold("HĐND huyện khóa XII, nhiệm kỳ 2021 - 2026 tổ chức kỳ họp thứ nhất"), 6), vec![(2021, 4)]);
        assert_eq!(term_years(&fold("Đại hội đại biểu lần thứ XIV, nhiệm kỳ 2020 - 2025"), 7), vec![(2020, 4)]);
        // A term mentioned outside a congress or first session says nothing.
        assert_eq!(term_years(&fold("thực hiện nghị quyết nhiệm kỳ 2020 - 2025"), 7), vec![]);
        assert_eq!(term_years(&fold("người ứng cử đại biểu Quốc hội khóa XV"), 5), vec![(2021, 3)]);
        assert_eq!(term_years(&fold("khai giảng năm học 2022 - 2023"), 9), vec![(2022, 4)]);
        assert_eq!(term_years(&fold("tổng kết năm học 2022 - 2023"), 5), vec![(2023, 4)]);
    }

    #[test]
    fn nearby_full_dates_and_planned_events() {
        let lead = fold("Sáng 02/02, Huyện ủy họp mặt kỷ niệm 93 năm Ngày thành lập Đảng (03/02/1930 - 03/02/2023)");
        let hints = year_hints(&yearless(2, 2), &[(&lead, all_dates(&lead))], &[], None);
        assert_eq!(hints, vec![(2023, 6)]);
        let text = fold("Chiều 12/11, Thường trực HĐND họp chuẩn bị kỳ họp dự kiến diễn ra vào ngày 5/1/2014.");
        let dated = [(text.as_str(), all_dates(&text))];
        assert_eq!(planned_bound(&dated, &yearless(12, 11)), Day::new(2014, 1, 5));
        assert_eq!(infer_year(12, 11, &[(2014, 4)], planned_bound(&dated, &yearless(12, 11))), Some(2013));
    }
}
