//! The date a lead paragraph opens with, and what its relative words say about the
//! publication day. Takes FOLDED text, like [`crate::dates`].

use crate::dates::{all_dates, word_spans, Found};

/// Words that may stand right before the date that opens a lead: `Sáng ngày 30/3/2021`,
/// `Chiều 28/7/2020`, `Ngày 3-9`, `Sáng 25/02`, `Sáng nay (12/4)`, `Hôm qua (14/5)`.
const DAY_WORDS: &[&str] = &["ngay", "sang", "chieu", "toi", "trua", "dem", "khuya", "hom", "som", "nay", "qua", "mai"];

/// Days from a date to the publication, from the two words before it (`hôm qua`, `chiều qua`:
/// the day before publication; `ngày mai`: the day after); `None` for dates that are not the
/// story's day (`tuần trước`, `tháng trước`: an earlier event).
fn relative_shift(words: &[(usize, &str)]) -> Option<i64> {
    let recent: Vec<&str> = words[words.len().saturating_sub(3)..].iter().map(|w| w.1).collect();
    if recent.windows(2).any(|w| matches!(w[0], "tuan" | "thang") && matches!(w[1], "truoc" | "qua")) {
        return None;
    }
    match recent.as_slice() {
        [.., "ngay", "mai"] => Some(-1),
        [.., w, "qua"] if DAY_WORDS.contains(w) => Some(1),
        _ => Some(0),
    }
}

/// A date that belongs to a document reference (`Kế hoạch số 36-KH/HU ngày 06/01/2017`):
/// `số` and a numbered word among the six words before it.
fn cites_a_document(words: &[(usize, &str)]) -> bool {
    let recent = &words[words.len().saturating_sub(6)..];
    recent.windows(2).any(|w| w[0].1 == "so" && w[1].1.starts_with(|c: char| c.is_ascii_digit()))
}

/// The date that a lead paragraph opens with (or gives in its first sentence after a day word).
///
/// Preference: a date opening the paragraph (after day words only), then one after a
/// part-of-day word, then after `ngày`, then any full `D/M/Y` of the first sentence. A yearless
/// `D.M` or `D-M` needs a day word before it (otherwise it is a number or a range). Dates of
/// cited documents and of earlier weeks are skipped; relative words set [`Found::shift`].
pub fn lead_date(folded: &str) -> Option<Found> {
    let limit = folded.char_indices().nth(240).map_or(folded.len(), |(i, _)| i);
    let head = &folded[..limit];
    let first_sentence_end = head.find(". ").map_or(head.len(), |i| i + 1);
    let mut best: Option<(u8, Found)> = None;
    for d in all_dates(head) {
        if d.start > first_sentence_end {
            break;
        }
        let before = &head[..d.start];
        let words = word_spans(before);
        let prev = words.last().map(|x| x.1);
        let Some(shift) = relative_shift(&words) else { continue };
        if cites_a_document(&words) {
            continue;
        }
        let only_day_words = words.iter().all(|(_, w)| DAY_WORDS.contains(w) || *w == "vao" || *w == "trong");
        let rank = if only_day_words {
            0
        } else {
            match prev {
                Some("ngay" | "hom") => 2,
                Some(w) if DAY_WORDS.contains(&w) => 1,
                _ if d.year.is_some() => 3,
                _ => continue,
            }
        };
        if best.is_none_or(|(r, _)| rank < r) {
            best = Some((rank, Found { shift, ..d }));
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_core::fold::fold;

    #[test]
    fn lead_dates_in_every_form() {
        type Case<'a> = (&'a str, (u32, u32, Option<i32>));
        let cases: &[Case] = &[
            ("Ngày 26/3/2021, Ủy ban nhân dân huyện", (26, 3, Some(2021))),
            ("Sáng ngày 30/3/2021, Ban chấp hành", (30, 3, Some(2021))),
            ("Chiều 28/7/2020 Huyện ủy Vĩnh Thuận hội nghị", (28, 7, Some(2020))),
            ("Ngày 06/5, Ban Thường vụ Huyện ủy Cầu Kè", (6, 5, None)),
            ("Sáng 25/02, Huyện ủy tổ chức", (25, 2, None)),
            ("Ngày 3-9, UBND huyện tổ chức", (3, 9, None)),
            ("Chiều 12.9, đoàn công tác", (12, 9, None)),
            ("Sáng ngày 15 tháng 8 năm 2022, tại hội trường", (15, 8, Some(2022))),
            ("Tối 2/9 tại quảng trường", (2, 9, None)),
            ("Vừa qua, ngày 14/09/2020, Hội Nông dân", (14, 9, Some(2020))),
            ("Sáng nay (12/4), Ban Chỉ huy Quân sự huyện", (12, 4, None)),
            ("Thực hiện Kế hoạch số 36-KH/HU ngày 06/01/2017 của Huyện ủy; vào lúc 18 giờ ngày 10/02/2017 tại nhà truyền thống", (10, 2, Some(2017))),
        ];
        for (text, (d, m, y)) in cases {
            let f = lead_date(&fold(text)).unwrap_or_else(|| panic!("no date in {text}"));
            assert_eq!((f.day, f.month, f.year), (*d, *m, *y), "{text}");
        }
    }

    #[test]
    fn relative_words_shift_the_day() {
        let shift = |t: &str| lead_date(&fold(t)).map(|f| (f.day, f.month, f.shift));
        assert_eq!(shift("Hôm qua (14/5), Ủy ban MTTQ huyện bàn giao nhà"), Some((14, 5, 1)));
        assert_eq!(shift("Chiều qua 20/3, đoàn công tác"), Some((20, 3, 1)));
        assert_eq!(shift("Ngày mai (3/9), các trường khai giảng"), Some((3, 9, -1)));
        assert_eq!(shift("Sáng nay 12/4, huyện diễn tập"), Some((12, 4, 0)));
        assert_eq!(shift("Vừa qua, ngày 14/09/2020, Hội Nông dân"), Some((14, 9, 0)));
        // An earlier week's event is not the story's day.
        assert_eq!(shift("Tuần trước (ngày 7/6), đoàn kiểm tra liên ngành"), None);
    }
}
