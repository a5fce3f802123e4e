//! The labelled ranking set (`data/ranking/labelled.json`): for every query, the article a
//! reader means must come first, over the in-memory index and over an archive of the same
//! items alike. (`cargo xtask bench-search` prints the set's MRR.)

use super::*;

#[derive(serde::Deserialize)]
struct Labelled {
    articles: Vec<Article>,
    queries: Vec<Case>,
}

#[derive(serde::Deserialize)]
struct Article {
    id: String,
    date: String,
    title: String,
    summary: String,
    body: String,
}

#[derive(serde::Deserialize)]
struct Case {
    q: String,
    first: String,
    /// Articles as right as `first` (the query cannot tell them apart).
    #[serde(default)]
    also: Vec<String>,
    why: String,
    #[serde(default)]
    retry: Option<String>,
    #[serde(default)]
    feed: Option<String>,
}

fn labelled() -> Labelled {
    serde_json::from_str(include_str!("../../../../../data/ranking/labelled.json")).expect("data/ranking/labelled.json")
}

fn items(set: &Labelled) -> Vec<Item> {
    set.articles
        .iter()
        .map(|a| {
            let json = serde_json::json!({
                "id": a.id, "title": a.title, "summary": a.summary, "content_text": a.body,
                "date_published": format!("{}T08:00:00+07:00", a.date), "authors": [], "tags": [],
                "_bantin": { "district": "Châu Thành", "district_type": "huyện", "district_id": "huyen-chau-thanh-tra-vinh",
                    "province": "Trà Vinh", "province_2025": "Vĩnh Long", "topics": [], "captions": [], "date_precision": "day" }
            });
            serde_json::from_value(json).expect("a valid item")
        })
        .collect()
}

/// The ids the in-memory index and the archive give, retrying as Telex/VNI typing when
/// nothing matches (as the reader does); and the reading used.
fn ranked(fx: &Fixture, text: &str) -> (Vec<String>, Vec<String>, Option<String>) {
    let mut tries = vec![(text.to_owned(), None)];
    tries.extend(crate::typing::retries(text).into_iter().map(|(_, t)| (t.clone(), Some(t))));
    for (text, reading) in tries {
        let query = Query { text, ..Query::default() };
        let from_index: Vec<String> = fx.index.search(&query).into_iter().map(|p| fx.index.article(p).item.id.clone()).collect();
        let mut archive = opened(fx);
        drive(&mut archive, &fx.files, &query, 10, &mut Vec::new());
        let from_archive: Vec<String> = archive.answer(&query, 10).cards.into_iter().map(|c| c.id).collect();
        if !from_index.is_empty() {
            return (from_index, from_archive, reading);
        }
    }
    (Vec::new(), Vec::new(), None)
}

#[test]
fn every_labelled_query_ranks_the_meant_article_first() {
    let set = labelled();
    assert!(set.queries.len() >= 40, "the set has {} queries", set.queries.len());
    let written = fixture_of(items(&set));
    let bundled = fixture_of(decode(include_str!("../../../../../public/feed.json")).expect("public/feed.json").items);
    let mut failures = Vec::new();
    for case in &set.queries {
        let fx = if case.feed.as_deref() == Some("bundled") { &bundled } else { &written };
        let (from_index, from_archive, reading) = ranked(fx, &case.q);
        let right = |id: &String| *id == case.first || case.also.contains(id);
        if !from_index.first().is_some_and(right) || reading != case.retry {
            failures.push(format!("{:?}: want {} first ({}), got {:?} (reading {reading:?})", case.q, case.first, case.why, &from_index[..from_index.len().min(3)]));
        }
        assert_eq!(from_archive, from_index[..from_index.len().min(10)], "the archive ranks {:?} as the index does", case.q);
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), set.queries.len(), failures.join("\n"));
}
