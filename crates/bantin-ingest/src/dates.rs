//! Vietnamese dates as portals print them. Every function takes FOLDED text
//! ([`bantin_core::fold::fold`]: lower case, no marks), so `Sáng ngày` is `sang ngay`.
//!
//! Forms: `26/3/2021`, `29/07/2020`, `3-9`, `12.9`, `06/5` (no year), `ngày 15 tháng 8 năm 2022`,
//! times `16:30`, `10:15:00`, `16h30`, `16 giờ 30`.

use bantin_core::date::Day;

/// A date as printed: the year may be missing, the time may be known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
    pub time: Option<(u32, u32)>,
    /// Byte span in the folded text.
    pub start: usize,
    pub end: usize,
    /// Days from the printed date to the publication: `Hôm qua (14/5)` was published on
    /// 15/5 (+1), `Ngày mai (3/9)` on 2/9 (−1).
    pub shift: i64,
}

impl Found {
    /// The calendar day, when the year is printed and the day exists.
    pub fn full_day(&self) -> Option<Day> {
        Day::new(self.year?, self.month, self.day)
    }
}

fn digits_at(b: &[u8], i: usize, max: usize) -> (u32, usize) {
    let mut n = 0u32;
    let mut len = 0;
    while i + len < b.len() && len < max && b[i + len].is_ascii_digit() {
        n = n * 10 + (b[i + len] - b'0') as u32;
        len += 1;
    }
    (n, len)
}

fn plausible_year(y: i32) -> bool {
    (1945..=2099).contains(&y)
}

/// Numeric dates `D/M[/Y]`, `D-M[-Y]`, `D.M[.Y]` (one separator kind per date).
pub fn numeric_dates(folded: &str) -> Vec<Found> {
    let b = folded.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b',' && i > 1 && b[i - 2].is_ascii_digit())) {
            i += 1;
            continue;
        }
        let (day, dl) = digits_at(b, i, 3);
        let sep_at = i + dl;
        if dl > 2 || sep_at + 1 >= b.len() || !matches!(b[sep_at], b'/' | b'-' | b'.') {
            i += dl.max(1);
            continue;
        }
        let sep = b[sep_at];
        let (month, ml) = digits_at(b, sep_at + 1, 3);
        if ml == 0 || ml > 2 || !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            i += dl;
            continue;
        }
        let mut end = sep_at + 1 + ml;
        let mut year = None;
        if end + 1 < b.len() && b[end] == sep {
            let (y, yl) = digits_at(b, end + 1, 5);
            if yl == 4 && plausible_year(y as i32) {
                year = Some(y as i32);
                end += 1 + yl;
            } else if yl == 2 && sep == b'/' {
                year = Some(2000 + y as i32);
                end += 1 + yl;
            } else if yl > 0 {
                // `1.710.000`, `0294.3834027`: a number, not a date.
                i = end;
                continue;
            }
        }
        // `12.9` followed by more digits-with-dots, or a decimal comma, is a number.
        if year.is_none() && end < b.len() && (b[end].is_ascii_digit() || (b[end] == b'.' && sep == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_digit))) {
            i = end;
            continue;
        }
        out.push(Found { day, month, year, time: None, start: i, end, shift: 0 });
        i = end;
    }
    out
}

/// `ngày 15 tháng 8 năm 2022`, `15 tháng 8`, `ngày 15/8` is numeric.
///
/// Looks only around each ` thang `, so long texts cost a substring search.
pub fn verbal_dates(folded: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let b = folded.as_bytes();
    let number_before = |end: usize| -> Option<(u32, usize)> {
        let start = b[..end].iter().rposition(|c| !c.is_ascii_digit()).map_or(0, |i| i + 1);
        let len = end - start;
        let alone = start == 0 || !b[start - 1].is_ascii_alphanumeric();
        (alone && (1..=2).contains(&len)).then(|| (folded[start..end].parse().ok(), start)).and_then(|(n, s)| n.map(|n| (n, s)))
    };
    let number_after = |at: usize, max: usize| -> Option<(u32, usize)> {
        let (n, len) = digits_at(b, at, max + 1);
        let alone = b.get(at + len).is_none_or(|c| !c.is_ascii_alphanumeric());
        (len >= 1 && len <= max && alone).then_some((n, at + len))
    };
    // Built once: `str::find` would set up its searcher again on every line.
    static THANG: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let thang = THANG.get_or_init(|| memchr::memmem::Finder::new(" thang "));
    let mut from = 0;
    while let Some(k) = thang.find(&b[from..]) {
        let at = from + k;
        from = at + 1;
        let Some((day, start)) = number_before(at) else { continue };
        let Some((month, mut end)) = number_after(at + 7, 2) else { continue };
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            continue;
        }
        let mut year = None;
        if folded[end..].starts_with(" nam ") {
            if let Some((y, e)) = number_after(end + 5, 4).filter(|(y, _)| plausible_year(*y as i32)) {
                year = Some(y as i32);
                end = e;
            }
        }
        out.push(Found { day, month, year, time: None, start, end, shift: 0 });
    }
    out
}

/// Words (alphanumeric runs) with their byte offsets.
pub fn word_spans(folded: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &folded[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &folded[s..]));
    }
    out
}

/// All dates in a folded text, in order of appearance.
pub fn all_dates(folded: &str) -> Vec<Found> {
    let mut v = numeric_dates(folded);
    v.extend(verbal_dates(folded));
    v.sort_by_key(|f| f.start);
    v
}

/// A clock time: `16:30`, `10:15:00`, `16h30`, `16 giờ 30` (`gio`), `8 giờ`.
pub fn find_time(folded: &str) -> Option<(u32, u32)> {
    let b = folded.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (h, hl) = digits_at(b, i, 3);
        let j = i + hl;
        let rest = &folded[j..];
        let minute_at = if rest.starts_with(':') || rest.starts_with('h') {
            Some(j + 1)
        } else if rest.starts_with(" gio ") {
            Some(j + 5)
        } else if rest.starts_with(" gio") {
            // `8 giờ` alone: minute 0
            (hl <= 2 && h <= 23).then_some(usize::MAX)
        } else {
            None
        };
        match minute_at {
            Some(usize::MAX) => return Some((h, 0)),
            Some(m_at) if hl <= 2 && h <= 23 => {
                let (m, ml) = digits_at(b, m_at, 3);
                if ml == 2 && m <= 59 {
                    return Some((h, m));
                }
                if ml == 0 && rest.starts_with('h') && !b.get(m_at).is_some_and(u8::is_ascii_alphabetic) {
                    return Some((h, 0));
                }
            }
            _ => {}
        }
        i = j.max(i + 1);
    }
    None
}

/// Words allowed around a date on a publication stamp line.
const STAMP_WORDS: &[&str] = &[
    "thu", "hai", "ba", "tu", "nam", "sau", "bay", "chu", "nhat", "cn", "ngay", "dang", "cap",
    "luc", "gio", "phut", "thoi", "gian", "xuat", "ban", "gmt", "am", "pm", "sa", "ch", "h",
    "posted", "on", "updated", "published", "date", "tin", "bai", "vao",
];

/// A line that is only a publication stamp: `(16:30 | 29/07/2020)`,
/// `THỨ HAI, 14/09/2020 10:15:00`, `Ngày đăng: 14/09/2020`. The year must be printed.
pub fn parse_stamp(folded: &str) -> Option<Found> {
    if folded.len() > 90 {
        return None;
    }
    let dates = all_dates(folded);
    let date = dates.iter().find(|d| d.full_day().is_some())?;
    let outside = format!("{} {}", &folded[..date.start], &folded[date.end..]);
    // Besides stamp words: numbers and clock times (`10`, `8h05`, `16h`), `gmt+7`.
    let only_stamp_words = word_spans(&outside).iter().all(|(_, w)| {
        STAMP_WORDS.contains(w)
            || w.starts_with("gmt")
            || (w.starts_with(|c: char| c.is_ascii_digit()) && w.chars().all(|c| c.is_ascii_digit() || c == 'h'))
    });
    if !only_stamp_words {
        return None;
    }
    let afternoon = word_spans(&outside).iter().any(|(_, w)| matches!(*w, "ch" | "pm"));
    let time = find_time(&outside).filter(|t| *t != (0, 0)).map(|(h, m)| if afternoon && h < 12 { (h + 12, m) } else { (h, m) });
    Some(Found { time, ..*date })
}

pub use crate::lead::lead_date;

/// The crawl date of a banner `Hôm nay, Thứ hai ngày 25/01/2021`.
pub fn banner_date(folded: &str) -> Option<Day> {
    all_dates(folded).iter().find_map(Found::full_day)
}

/// Years mentioned in a text with a weight: 2 for a year on its own (`năm 2021`, `30/4/2021`,
/// `quý I/2021`), 1 for either end of a range (`nhiệm kỳ 2015 – 2020`).
pub fn year_mentions(folded: &str) -> Vec<(i32, u32)> {
    let b = folded.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let (n, len) = digits_at(b, i, 5);
        let end = i + len;
        if len == 4 && plausible_year(n as i32) && !(i > 0 && b[i - 1] == b'.') && !(end < b.len() && b[end] == b'.' && b.get(end + 1).is_some_and(u8::is_ascii_digit)) {
            let before = folded[..i].trim_end();
            let after = folded[end..].trim_start();
            let dash = |s: &str| s.ends_with(['-', '–', '—']) || s.starts_with(['-', '–', '—']);
            let range_before = dash(before) && before.trim_end_matches(['-', '–', '—']).trim_end().ends_with(|c: char| c.is_ascii_digit());
            let range_after = after.starts_with(['-', '–', '—']) && after.trim_start_matches(['-', '–', '—']).trim_start().starts_with(|c: char| c.is_ascii_digit());
            out.push((n as i32, if range_before || range_after { 1 } else { 2 }));
        }
        i = end.max(i + 1);
    }
    out
}

/// The year of a yearless `day/month`: the best-supported year mentioned around it (title and
/// lead count more: weights are the caller's), among those that do not put the story after the
/// crawl date `bound`; without mentions, the last such year before the bound.
pub fn infer_year(day: u32, month: u32, mentions: &[(i32, u32)], bound: Option<Day>) -> Option<i32> {
    let fits = |y: i32| Day::new(y, month, day).is_some_and(|d| bound.is_none_or(|b| d <= b));
    let mut totals: Vec<(i32, u32)> = Vec::new();
    for &(y, w) in mentions {
        if !fits(y) {
            continue;
        }
        match totals.iter_mut().find(|t| t.0 == y) {
            Some(t) => t.1 += w,
            None => totals.push((y, w)),
        }
    }
    if let Some(best) = totals.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0))) {
        return Some(best.0);
    }
    let b = bound?;
    (b.year - 8..=b.year).rev().find(|&y| fits(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_core::fold::fold;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::new(y, m, d).unwrap()
    }

    #[test]
    fn numbers_are_not_dates() {
        assert_eq!(lead_date(&fold("Có 12.9 tỷ đồng được giải ngân.")), None);
        assert_eq!(lead_date(&fold("Giai đoạn 2016 - 2020 huyện đạt 14/14 chỉ tiêu.")), None);
        assert!(numeric_dates("1.710.000").is_empty());
        assert!(numeric_dates("0294.3834027").is_empty());
        assert!(numeric_dates("2021-2026").is_empty());
    }

    #[test]
    fn stamps_keep_the_minute() {
        let f = parse_stamp(&fold("(16:30 | 29/07/2020)")).unwrap();
        assert_eq!((f.day, f.month, f.year, f.time), (29, 7, Some(2020), Some((16, 30))));
        let f = parse_stamp(&fold("THỨ HAI, 14/09/2020 10:15:00")).unwrap();
        assert_eq!((f.day, f.month, f.year, f.time), (14, 9, Some(2020), Some((10, 15))));
        let f = parse_stamp(&fold("Ngày đăng: 14/09/2020")).unwrap();
        assert_eq!(f.time, None);
        let f = parse_stamp(&fold("Cập nhật lúc 8h05 ngày 3/9/2021")).unwrap();
        assert_eq!((f.day, f.time), (3, Some((8, 5))));
        // Portals that print 12-hour times: `CH` (chiều) and `PM` are afternoon.
        assert_eq!(parse_stamp(&fold("20/12/2023 03:21 CH")).unwrap().time, Some((15, 21)));
        assert_eq!(parse_stamp(&fold("05/07/2021 | 14:20 GMT+7")).unwrap().time, Some((14, 20)));
        assert_eq!(parse_stamp(&fold("11:08, 06/08/2021")).unwrap().time, Some((11, 8)));
        // A sentence is not a stamp, nor is a yearless date.
        assert_eq!(parse_stamp(&fold("Ngày 26/3/2021, Ủy ban nhân dân huyện Cao Lãnh tổ chức")), None);
        assert_eq!(parse_stamp(&fold("(16:30 | 29/07)")), None);
    }

    #[test]
    fn verbal_dates_in_long_texts() {
        let f = verbal_dates(&fold("Sáng ngày 20 tháng 10 năm 2022, tại sân vận động; ngày 14 tháng 8 và tháng 9 năm 2021; 150 tháng 13"));
        let got: Vec<_> = f.iter().map(|d| (d.day, d.month, d.year)).collect();
        assert_eq!(got, vec![(20, 10, Some(2022)), (14, 8, None)]);
        assert!(verbal_dates("tang 12 thang 3a").is_empty());
    }

    #[test]
    fn times() {
        assert_eq!(find_time("16:30"), Some((16, 30)));
        assert_eq!(find_time("luc 16h30"), Some((16, 30)));
        assert_eq!(find_time("16 gio 30 phut"), Some((16, 30)));
        assert_eq!(find_time("8 gio"), Some((8, 0)));
        assert_eq!(find_time("29/07/2020"), None);
    }

    #[test]
    fn banner_is_a_full_date() {
        assert_eq!(banner_date(&fold("Hôm nay, Thứ hai ngày 25/01/2021")), Some(day(2021, 1, 25)));
    }

    #[test]
    fn year_mentions_weigh_ranges_less() {
        let m = year_mentions(&fold("tháng 4 năm 2021; nhiệm kỳ 2015 – 2020; 30/4/1975; 1.710 tỷ"));
        assert_eq!(m, vec![(2021, 2), (2015, 1), (2020, 1), (1975, 2)]);
    }

    #[test]
    fn infers_the_year_from_mentions_and_crawl_date() {
        // 001: "Ngày 06/5" with "tháng 4 năm 2021" in the title.
        assert_eq!(infer_year(6, 5, &[(2021, 6), (2026, 1)], None), Some(2021));
        // 002: "Sáng 25/02" crawled on 25/01/2021 cannot be from 2021.
        let bound = Some(day(2021, 1, 25));
        assert_eq!(infer_year(25, 2, &[(2021, 4), (2020, 3)], bound), Some(2020));
        assert_eq!(infer_year(25, 2, &[], bound), Some(2020));
        assert_eq!(infer_year(20, 1, &[], bound), Some(2021));
        assert_eq!(infer_year(25, 2, &[], None), None);
        // 29/2 only exists in leap years.
        assert_eq!(infer_year(29, 2, &[(2021, 5), (2020, 1)], None), Some(2020));
    }
}
