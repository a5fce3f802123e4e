//! What a result card shows of why it matched: the matched words marked in a text, and a
//! snippet of the body around its best match. (Text runs only: the view renders them as
//! text, feeds being untrusted.)

use crate::fold::{fold, fold_char, word_spans};

/// Split `text` into runs, marking the parts that match a search term (a word's prefix),
/// so the view can wrap them in `<mark>` while rendering everything as text.
// Called from several places in the app: one copy in the wasm, not one inlined in each.
#[inline(never)]
pub fn highlight(text: &str, terms: &[String]) -> Vec<(String, bool)> {
    let mut runs: Vec<(String, bool)> = Vec::new();
    let push = |runs: &mut Vec<(String, bool)>, s: &str, marked: bool| {
        if s.is_empty() {
            return;
        }
        match runs.last_mut() {
            Some((last, m)) if *m == marked => last.push_str(s),
            _ => runs.push((s.to_owned(), marked)),
        }
    };
    // The same word rule as the index, so what matched is what gets marked.
    let mut done = 0;
    for (start, end) in word_spans(text) {
        push(&mut runs, &text[done..start], false);
        let word = &text[start..end];
        let longest = terms
            .iter()
            .filter_map(|term| {
                // Fold per character so a folded prefix maps back to a prefix of the word.
                let mut folded = String::new();
                for (i, c) in word.char_indices() {
                    folded.extend(fold_char(c));
                    if folded.len() >= term.len() {
                        return folded.starts_with(term.as_str()).then_some(i + c.len_utf8());
                    }
                }
                None
            })
            .max()
            .unwrap_or(0);
        push(&mut runs, &word[..longest], true);
        push(&mut runs, &word[longest..], false);
        done = end;
    }
    push(&mut runs, &text[done..], false);
    runs
}

/// A window of about `width` words of `body` around its best match (the run holding the most
/// distinct terms, the earliest of equals), with `…` where it cuts; `None` when nothing in
/// the body matches. For a result whose title does not show why it matched.
// Called from several places in the app: one copy in the wasm, not one inlined in each.
#[inline(never)]
pub fn snippet(body: &str, terms: &[String], width: usize) -> Option<String> {
    let spans = word_spans(body);
    // Per word: the bits of the terms it starts with.
    let hits: Vec<u64> = spans
        .iter()
        .map(|&(start, end)| {
            let folded = fold(&body[start..end]);
            terms.iter().enumerate().filter(|(_, t)| folded.starts_with(t.as_str())).fold(0, |bits, (i, _)| bits | 1 << i.min(63))
        })
        .collect();
    let best = (0..spans.len())
        .filter(|&i| hits[i] != 0)
        .max_by_key(|&i| (hits[i..(i + width).min(spans.len())].iter().fold(0u64, |a, b| a | b).count_ones(), usize::MAX - i))?;
    // A few words of context before the match.
    let first = best.saturating_sub(width / 5);
    let last = (first + width).min(spans.len()) - 1;
    let (start, end) = (spans[first].0, spans[last].1);
    let mut out = String::new();
    if first > 0 {
        out.push_str("… ");
    }
    out.push_str(&body[start..end]);
    if last + 1 < spans.len() {
        out.push_str(" …");
    }
    Some(out)
}
