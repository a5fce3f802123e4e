//! The words of one article as search and ranking see them: each folded word once, with the
//! fields it occurs in, its ranking weight and the spellings (marks) it was written with.
//!
//! One function for both places an article is indexed, the archive writer (in ingest) and
//! the in-memory index (in the browser), so that a bare feed and an archive match and rank
//! the same items identically.

use crate::fold::{fold, word_spans};
use crate::rank::{mark_key, term_weight};

/// Field bits, as stored in archive postings.
pub const TITLE: u8 = 1;
pub const SUMMARY: u8 = 2;
pub const BODY: u8 = 4;

/// One folded word of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordStats {
    pub folded: String,
    /// [`TITLE`] | [`SUMMARY`] | [`BODY`]: where it occurs.
    pub fields: u8,
    /// [`crate::rank::term_weight`] of its occurrences.
    pub weight: u8,
    /// Its spellings as [`mark_key`]s (`hòa`, `hoa`), sorted, each once.
    pub variants: Vec<String>,
}

/// An article's words and its length (words in title, summary and body).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleWords {
    pub length: u32,
    /// Sorted by folded word.
    pub words: Vec<WordStats>,
}

/// The words of an article's title, summary and body.
// Called from several places in the app: one copy in the wasm, not one inlined in each.
#[inline(never)]
pub fn article_words(title: &str, summary: &str, body: &str) -> ArticleWords {
    // Per spelling as written (`Đảng`, `đảng`): sorted, so that each is folded and keyed
    // once. (Sorting, not a hash map: std's hashing would cost the browser ~2 KB of wasm.)
    struct Seen {
        folded: String,
        key: String,
        counts: [u32; 3],
    }
    let mut written: Vec<(&str, usize)> = Vec::new();
    for (field, text) in [title, summary, body].into_iter().enumerate() {
        written.extend(word_spans(text).into_iter().map(|(start, end)| (&text[start..end], field)));
    }
    crate::sort::sort_by(&mut written, |a, b| a.0.cmp(b.0));
    let mut spellings: Vec<Seen> = Vec::new();
    let mut length = 0u32;
    for (i, &(word, field)) in written.iter().enumerate() {
        if i == 0 || written[i - 1].0 != word {
            let folded = fold(word);
            let key = if word.is_ascii() { folded.clone() } else { mark_key(word) };
            spellings.push(Seen { folded, key, counts: [0; 3] });
        }
        let seen = spellings.last_mut().expect("pushed above");
        // A "word" of combining marks only folds to nothing: it is not a word.
        if !seen.folded.is_empty() {
            seen.counts[field] += 1;
            length += 1;
        }
    }
    spellings.retain(|s| !s.folded.is_empty());
    crate::sort::sort_by(&mut spellings, |a, b| (&a.folded, &a.key).cmp(&(&b.folded, &b.key)));
    let mut words: Vec<WordStats> = Vec::new();
    let mut counts = [0u32; 3];
    for (i, spelling) in spellings.iter().enumerate() {
        let same_word = words.last().is_some_and(|w| w.folded == spelling.folded);
        if !same_word {
            counts = [0; 3];
            words.push(WordStats { folded: spelling.folded.clone(), ..WordStats::default() });
        }
        let word = words.last_mut().expect("pushed above");
        if word.variants.last() != Some(&spelling.key) {
            word.variants.push(spelling.key.clone());
        }
        for (field, n) in spelling.counts.iter().enumerate() {
            counts[field] += n;
            if *n > 0 {
                word.fields |= [TITLE, SUMMARY, BODY][field];
            }
        }
        let last_of_word = spellings.get(i + 1).is_none_or(|next| next.folded != spelling.folded);
        if last_of_word {
            word.weight = term_weight(counts[0], counts[1], counts[2], length);
        }
    }
    ArticleWords { length, words }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_once_with_their_fields_and_spellings() {
        let words = article_words("Xã Hòa Lợi", "Hoa nở ở xã", "Hoà Lợi trồng hoa. HÒA!");
        assert_eq!(words.length, 3 + 4 + 5);
        let hoa = words.words.iter().find(|w| w.folded == "hoa").expect("hoa");
        assert_eq!(hoa.fields, TITLE | SUMMARY | BODY);
        assert_eq!(hoa.variants, ["hoa", "hòa"]);
        let xa = words.words.iter().find(|w| w.folded == "xa").expect("xa");
        assert_eq!((xa.fields, xa.variants.as_slice()), (TITLE | SUMMARY, ["xã".to_owned()].as_slice()));
        let folded: Vec<&str> = words.words.iter().map(|w| w.folded.as_str()).collect();
        let mut sorted = folded.clone();
        sorted.sort();
        assert_eq!(folded, sorted);
        // More mentions, and a title mention, weigh more.
        let loi = words.words.iter().find(|w| w.folded == "loi").expect("loi");
        let trong = words.words.iter().find(|w| w.folded == "trong").expect("trong");
        assert!(loi.weight > trong.weight);
    }
}
