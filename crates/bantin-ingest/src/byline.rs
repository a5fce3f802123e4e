//! Bylines: `Thuý Nhi`, `Tin, ảnh: Tấn Lập`, `Tin và ảnh: Dương Tuấn`, `Tin: A - Ảnh: B`.

use bantin_core::fold::{canonical_name, fold};

/// Words a byline label is made of (`Tin, ảnh`, `Bài và ảnh`, `Nhóm PV`), folded.
const LABEL_WORDS: &[&str] = &[
    "tin", "anh", "bai", "va", "tac", "gia", "nguoi", "viet", "phong", "vien", "pv", "ctv", "btv",
    "nhom", "thuc", "hien", "bien", "tap", "video", "clip", "thong",
];

fn is_label(label: &str) -> bool {
    let f = fold(label);
    let words: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    !words.is_empty() && words.len() <= 5 && words.iter().all(|w| LABEL_WORDS.contains(w))
}

/// A person's name: 1–5 words, each starting with a capital letter, letters only
/// (initials like `N.T.` allowed). An all-capitals name is title-cased.
pub fn as_name(text: &str) -> Option<String> {
    let t = text.trim().trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ',' | ';' | '-' | '–' | '*'));
    let t = match t.find('(') {
        // `Minh Hải (Ban Tuyên giáo)`: the name is before the parenthesis.
        Some(i) => t[..i].trim(),
        None => t,
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || t.chars().count() > 40 {
        return None;
    }
    let ok = words.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        first.is_uppercase() && w.chars().all(|c| c.is_alphabetic() || c == '.')
    });
    if !ok {
        return None;
    }
    let shouting = t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && t.chars().filter(|c| c.is_alphabetic()).count() > 3;
    let name = if shouting {
        words.iter().map(|w| crate::text::capitalise(&w.to_lowercase())).collect::<Vec<_>>().join(" ")
    } else {
        words.join(" ")
    };
    Some(canonical_name(&name))
}

fn split_names(text: &str) -> Vec<&str> {
    let mut parts = vec![text];
    for sep in [" - ", " – ", ";", ",", " và ", " & ", "/"] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect()
}

/// The authors named by a byline line, or `None` when the line is not a byline.
/// `labelled_only` refuses bare names (used where a short capitalised line could be a heading).
pub fn parse_byline(line: &str, labelled_only: bool) -> Option<Vec<String>> {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 90 {
        return None;
    }
    let mut names = Vec::new();
    if let Some((label, rest)) = line.split_once(':') {
        if !is_label(label) {
            return None;
        }
        // `Tin: A - Ảnh: B`: segments may carry their own label.
        for seg in rest.split([';']).flat_map(|s| s.split(" - ")).flat_map(|s| s.split(" – ")) {
            let seg = match seg.split_once(':') {
                Some((l, r)) if is_label(l) => r,
                Some(_) => return None,
                None => seg,
            };
            for piece in split_names(seg) {
                names.push(as_name(piece)?);
            }
        }
    } else {
        if labelled_only {
            return None;
        }
        for piece in split_names(line) {
            names.push(as_name(piece)?);
        }
    }
    let mut unique: Vec<String> = Vec::new();
    for n in names {
        if !unique.contains(&n) {
            unique.push(n);
        }
    }
    (!unique.is_empty()).then_some(unique)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<Vec<String>> {
        parse_byline(s, false)
    }

    #[test]
    fn bylines_of_the_seeds() {
        assert_eq!(p("Thuý Nhi"), Some(vec!["Thúy Nhi".to_owned()]));
        assert_eq!(p("Tin, ảnh: Tấn Lập"), Some(vec!["Tấn Lập".to_owned()]));
        assert_eq!(p("Tin và ảnh: Dương Tuấn"), Some(vec!["Dương Tuấn".to_owned()]));
        assert_eq!(p("Thành Ngưỡng"), Some(vec!["Thành Ngưỡng".to_owned()]));
        assert_eq!(p("Tin, ảnh: Mai Hoa"), Some(vec!["Mai Hoa".to_owned()]));
    }

    #[test]
    fn several_authors() {
        assert_eq!(p("Tin: Minh Hải - Ảnh: Ngọc Hân"), Some(vec!["Minh Hải".into(), "Ngọc Hân".into()]));
        assert_eq!(p("Bài, ảnh: THANH TÂM, HOÀNG YẾN"), Some(vec!["Thanh Tâm".into(), "Hoàng Yến".into()]));
        assert_eq!(p("Tin, ảnh: Minh Hải (TTVH)"), Some(vec!["Minh Hải".into()]));
    }

    #[test]
    fn captions_and_sentences_are_not_bylines() {
        assert_eq!(p("Quang cảnh Hội nghị"), None);
        assert_eq!(p("Đ/c Huỳnh Thị Hoài Thu phát biểu tại Hội nghị"), None);
        assert_eq!(p("Đồng chí Mai Văn Thanh chủ trì hội nghị."), None);
        assert_eq!(p("Ghi chú: xem tại đây"), None);
        assert_eq!(parse_byline("Thành Ngưỡng", true), None);
    }
}
