//! The summary: the lead's first one or two sentences, at most [`MAX_CHARS`] characters.

pub const MAX_CHARS: usize = 300;

/// Abbreviations after which a full stop does not end a sentence (`TP. Cao Lãnh`, `ThS. Lê`).
const ABBREVIATIONS: &[&str] = &["tp", "tx", "th", "ts", "ths", "pgs", "gs", "bs", "ks", "st", "đ/c", "đc", "ông", "bà", "q", "p", "tt"];

/// Byte offsets just after each sentence end of `text`.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | ')' | '.' | '/') {
            j += 1;
        }
        let Some(&(space_at, space)) = chars.get(j) else { continue };
        if space != ' ' {
            continue;
        }
        let Some(&(_, next)) = chars.get(j + 1) else { continue };
        if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '(' | '-')) {
            continue;
        }
        if c == '.' {
            let word: String = text[..i].rsplit(' ').next().unwrap_or("").to_lowercase();
            let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
            if single_letter || ABBREVIATIONS.contains(&word.as_str()) {
                continue;
            }
        }
        let _ = i;
        ends.push(space_at);
    }
    ends
}

/// One or two sentences of the lead, ≤ 300 characters, cut at a sentence or word boundary.
pub fn summarize(lead: &str) -> String {
    let lead = lead.trim();
    let mut out = "";
    let mut count = 0;
    for end in sentence_ends(lead).into_iter().chain(std::iter::once(lead.len())) {
        let candidate = lead[..end].trim_end();
        if candidate.chars().count() > MAX_CHARS {
            break;
        }
        out = candidate;
        count += 1;
        if count == 2 {
            break;
        }
    }
    if !out.is_empty() {
        return out.to_owned();
    }
    // The first sentence alone is too long: cut at a word boundary and mark the cut.
    let mut cut = String::new();
    for word in lead.split(' ') {
        if cut.chars().count() + word.chars().count() + 2 > MAX_CHARS {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        // One enormous "word": cut at a character boundary.
        cut = lead.chars().take(MAX_CHARS - 1).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', ' ', '-', '–']);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sentences_when_they_fit() {
        let lead = "Ngày 06/5, Ban Thường vụ Huyện ủy Cầu Kè tổ chức hội nghị. Đồng chí Nguyễn Hoàng Khải chủ trì hội nghị. Câu thứ ba.";
        assert_eq!(summarize(lead), "Ngày 06/5, Ban Thường vụ Huyện ủy Cầu Kè tổ chức hội nghị. Đồng chí Nguyễn Hoàng Khải chủ trì hội nghị.");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let lead = "Sáng 3/9, UBND TP. Cao Lãnh họp. Ông A. Nguyễn dự.";
        assert_eq!(sentence_ends(lead).len(), 1);
    }

    #[test]
    fn long_sentences_are_cut_at_a_word() {
        let lead = "Trong quý I/2021, ".to_owned() + &"Ban Thường vụ Huyện uỷ tập trung lãnh đạo, ".repeat(20);
        let s = summarize(&lead);
        assert!(s.chars().count() <= MAX_CHARS, "{}", s.chars().count());
        assert!(s.ends_with('…'));
        assert!(lead.starts_with(s.trim_end_matches('…')));
        let blob = "x".repeat(1000);
        assert_eq!(summarize(&blob).chars().count(), MAX_CHARS);
    }

    #[test]
    fn a_short_lead_is_kept_whole() {
        assert_eq!(summarize("Một câu"), "Một câu");
    }
}
