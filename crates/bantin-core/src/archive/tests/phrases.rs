//! A newest-first search whose every term is inside a phrase is answered from the pairs
//! alone, without the words' directory or chunks (often the commonest words'); ranked, or
//! with a term outside the phrase, it reads the words too. Either way it answers as the index.

use super::*;

#[test]
fn newest_first_phrases_read_only_the_pairs() {
    let fx = fixture(3000);
    let query = |text: &str, newest_first: bool| Query { text: text.into(), newest_first, ..Query::default() };
    let reads_words = |fetched: &[String]| fetched.iter().any(|p| p.starts_with("archive/search/dir-"));
    for shown in [0, 30] {
        assert!(!reads_words(&answers_like_the_index(&fx, &query("\"bầu cử\"", true), shown)));
        assert!(!reads_words(&answers_like_the_index(&fx, &query("\"nông thôn\" \"cử bầu\"", true), shown)));
        assert!(reads_words(&answers_like_the_index(&fx, &query("\"bầu cử\"", false), shown)));
        assert!(reads_words(&answers_like_the_index(&fx, &query("\"bầu cử\" huyện", true), shown)));
    }
}
