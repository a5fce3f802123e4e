//! A ranked search whose every term is a dense prefix, without dates or phrases, counts from
//! the bitmaps and takes its window from the terms' tiers, read best first until they prove
//! it; when they cannot (the tiers end first, or one failed), from the postings. Either way
//! the answer is the in-memory index's.

use super::*;

fn ranked(text: &str, districts: &[&str], topics: &[&str]) -> Query {
    Query {
        text: text.into(),
        districts: districts.iter().map(|s| s.to_string()).collect(),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        ..Query::default()
    }
}

fn tiers_read(fetched: &[String]) -> usize {
    fetched.iter().filter(|p| p.starts_with("archive/search/tier-")).count()
}

fn reads_postings(fetched: &[String]) -> bool {
    fetched.iter().any(|p| p.starts_with("archive/search/word-"))
}

/// `n` articles, of which every 300th is about `words` (in its title, summary and body), as a
/// real collection has a few articles about what a reader searches for among thousands that
/// name it in passing: those are the ones ranked first.
fn with_standouts(n: usize, words: &str) -> Fixture {
    let mut items = corpus(n);
    for item in items.iter_mut().step_by(300) {
        item.title = format!("{words}: {}", item.title);
        item.summary = format!("{words} {words} {}", item.summary);
        item.content_text = format!("{words} {}", item.content_text);
    }
    fixture_of(items)
}

#[test]
fn ranked_dense_searches_prove_their_window_from_tiers() {
    // 12,000 articles: the common prefixes have two tiers (1,024 and 1,024 articles).
    let fx = with_standouts(12_000, "bầu cử");
    for (query, shown) in [
        (ranked("bầu cử", &[], &[]), 30),
        (ranked("bau cu", &[], &[]), 30),
        // One term: its first tier is its best articles.
        (ranked("h", &[], &[]), 200),
        (ranked("hoà", &[], &[]), 30),
    ] {
        let fetched = answers_like_the_index(&fx, &query, shown);
        assert!(tiers_read(&fetched) > 0 && !reads_postings(&fetched), "{query:?}: {fetched:?}");
    }
}

#[test]
fn what_the_tiers_cannot_prove_the_postings_answer() {
    let fx = with_standouts(12_000, "bầu cử");
    // Past the standouts, or common words with no standouts: the tiers end before a proof.
    for (query, shown) in [(ranked("bầu cử", &[], &[]), 200), (ranked("hội nghị", &[], &[]), 30)] {
        let fetched = answers_like_the_index(&fx, &query, shown);
        assert!(tiers_read(&fetched) > 0 && reads_postings(&fetched), "{query:?}: {fetched:?}");
    }
    // With a filter, the postings alone (a proof would read as much deeper as the filter keeps
    // fewer matches).
    for query in [ranked("bầu cử", &["huyen-kim-son-ninh-binh", "huyen-cau-ke-tra-vinh"], &[]), ranked("bầu", &[], &["bau-cu"])] {
        let fetched = answers_like_the_index(&fx, &query, 30);
        assert!(tiers_read(&fetched) == 0 && reads_postings(&fetched), "{query:?}: {fetched:?}");
    }
    // Every query of the other tests, ranked, at the size where tiers are partial.
    for query in queries().into_iter().filter(|q| !q.terms().is_empty()) {
        answers_like_the_index(&fx, &query, 30);
    }
}

#[test]
fn a_failed_tier_leaves_the_window_to_the_postings() {
    let fx = with_standouts(12_000, "bầu cử");
    let query = ranked("bầu cử", &[], &[]);
    for failing in [0, 1] {
        // Tier `failing` of either term answers 404.
        let mut files = fx.files.clone();
        files.retain(|path, _| !(path.starts_with("archive/search/tier-") && path.ends_with(&format!("-{failing}.json"))));
        let mut archive = opened(&fx);
        let mut fetched = Vec::new();
        drive(&mut archive, &files, &query, 30, &mut fetched);
        let failed = fetched.iter().any(|p| p.starts_with("archive/search/tier-") && p.ends_with(&format!("-{failing}.json")));
        assert!(reads_postings(&fetched), "{fetched:?}");
        assert!(failed, "tier {failing} was asked for");
        let answer = archive.answer(&query, 30);
        let expected = fx.index.search(&query);
        assert_eq!(answer.total, expected.len());
        let want: Vec<&str> = expected.iter().take(30).map(|&p| fx.index.article(p).item.id.as_str()).collect();
        assert_eq!(answer.cards.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), want);
        assert!(answer.missing.is_empty(), "{:?}", answer.missing);
    }
}

#[test]
fn damaged_tiers_are_refused_with_a_reason() {
    let fx = fixture(3000);
    let mut archive = opened(&fx);
    let dir = Need::DenseDir;
    archive.insert(dir, &fx.files[&format!("archive/{}", archive.path(dir))]).unwrap();
    let tier = Need::Tier { term: 0, tier: 0 };
    let good = fx.files[&format!("archive/{}", archive.path(tier))].clone();
    let file: serde_json::Value = serde_json::from_str(&good).unwrap();
    let with = |field: &str, value: serde_json::Value| {
        let mut file = file.clone();
        file[field] = value;
        file.to_string()
    };
    let mut ordinals = file["ordinals"].clone();
    ordinals[0] = serde_json::json!(3001);
    let mut positions = file["positions"].clone();
    positions[1] = serde_json::json!(1u64 << 40);
    let mut weights = file["weights"].clone();
    weights[0] = serde_json::json!(1u64 << 62);
    for (text, why) in [
        ("<!doctype html><title>404</title>".to_owned(), "HTML"),
        (with("segment", "000000000000".into()), "another version"),
        (with("ordinals", serde_json::json!([1, 2])), "not this tier's articles"),
        (with("ordinals", ordinals), "in this archive"),
        (with("positions", positions), "position"),
        // A weight past the palette, or a palette with a form the tier does not list.
        (with("weights", weights), "of its forms"),
        (with("palette", serde_json::json!([])), "of its forms"),
        (with("palette", serde_json::json!([1u64 << 40])), "of its forms"),
    ] {
        let error = archive.insert(tier, &text).unwrap_err();
        assert!(error.contains(why) && error.contains("tier-"), "{error}");
    }
    archive.insert(tier, &good).unwrap();
}

/// The tiers a search read, as (prefix, tier number).
fn tier_numbers(fetched: &[String]) -> Vec<usize> {
    fetched.iter().filter_map(|p| p.strip_prefix("archive/search/tier-")?.strip_suffix(".json")?.rsplit('-').next()?.parse().ok()).collect()
}

#[test]
fn deep_tiers_carry_no_ordinals_and_a_window_that_needs_one_goes_to_the_postings() {
    // 24,000 articles: `h` (in every one) has three tiers, the third (2,048 to 4,096) without
    // ordinals.
    let fx = with_standouts(24_000, "bầu cử");
    // The best 3,000 of `h` reach into the third tier: read, then the postings answer.
    let fetched = answers_like_the_index(&fx, &ranked("h", &[], &[]), 3_000);
    assert!(tier_numbers(&fetched).contains(&2) && reads_postings(&fetched), "{fetched:?}");
    // A first page is proved from tiers that have ordinals, whatever was read to prove it.
    for query in [ranked("h", &[], &[]), ranked("bầu cử", &[], &[]), ranked("hội", &[], &[])] {
        let fetched = answers_like_the_index(&fx, &query, 30);
        assert!(tiers_read(&fetched) > 0 && !reads_postings(&fetched), "{query:?}: {fetched:?}");
    }
    for query in queries().into_iter().filter(|q| !q.terms().is_empty()) {
        for shown in [30, 200] {
            answers_like_the_index(&fx, &query, shown);
        }
    }
    // A deep tier's ordinals are 0s (none), one per article, as a first tier's are ordinals.
    let mut archive = opened(&fx);
    archive.insert(Need::DenseDir, &fx.files[&format!("archive/{}", archive.path(Need::DenseDir))]).unwrap();
    let deep = (0..).map(|term| Need::Tier { term, tier: 2 }).find(|&n| fx.files.contains_key(&format!("archive/{}", archive.path(n)))).unwrap();
    let good = fx.files[&format!("archive/{}", archive.path(deep))].clone();
    let mut file: serde_json::Value = serde_json::from_str(&good).unwrap();
    assert!(file["ordinals"].as_array().unwrap().iter().all(|o| o == 0), "{good:.200}");
    file["ordinals"] = serde_json::json!([]);
    let error = archive.insert(deep, &file.to_string()).unwrap_err();
    assert!(error.contains("not this tier's articles"), "{error}");
    archive.insert(deep, &good).unwrap();
}
