//! A newest-first search without phrases whose every term is a dense prefix is answered from
//! the terms' bitmaps and the mask table, never their postings (with dates, and the rows from
//! the newest article to them, when those cost less); if a bitmap or a row fails, from the
//! postings, still exactly; a damaged bitmap is refused with a reason.

use super::*;

fn search(text: &str, districts: &[&str], topics: &[&str]) -> Query {
    Query {
        text: text.into(),
        districts: districts.iter().map(|s| s.to_string()).collect(),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        newest_first: true,
        ..Query::default()
    }
}

fn reads_postings(fetched: &[String]) -> bool {
    fetched.iter().any(|p| p.starts_with("archive/search/dir-") || p.starts_with("archive/search/pairs-"))
}

#[test]
fn dense_searches_read_bitmaps_not_postings() {
    let fx = fixture(5000);
    for shown in [0, 30, 200, 5000] {
        for query in [
            search("bầu cử", &[], &[]),
            search("hoà", &["huyen-kim-son-ninh-binh"], &[]),
            search("nông th", &["huyen-cau-ke-tra-vinh", "thanh-pho-cao-lanh-dong-thap"], &["bau-cu"]),
            search("h t", &[], &["nong-nghiep-ntm", "y-te-dich-benh"]),
            search("covid", &["no-such-district"], &[]),
        ] {
            let fetched = answers_like_the_index(&fx, &query, shown);
            assert!(!reads_postings(&fetched), "{query:?}: {fetched:?}");
            assert!(fetched.iter().any(|p| p.starts_with("archive/search/bits-")), "{fetched:?}");
        }
    }
    // Ranked, with a phrase or with a term no article has: the postings.
    for query in [Query { newest_first: false, ..search("bầu cử", &[], &[]) }, search("\"bầu cử\"", &[], &[]), search("bầu zzz", &[], &[])] {
        assert!(reads_postings(&answers_like_the_index(&fx, &query, 30)), "{query:?}");
    }
}

fn dated(text: &str, districts: &[&str], topics: &[&str], from: &str, to: &str) -> Query {
    Query { from: Day::parse_iso(from), to: Day::parse_iso(to), ..search(text, districts, topics) }
}

/// The segments of the rows files in `fetched`.
fn rows_read(fetched: &[String]) -> Vec<usize> {
    let segment = |p: &String| p.strip_prefix("archive/seg/")?.split('-').next()?.parse().ok();
    let mut read: Vec<usize> = fetched.iter().filter(|p| p.contains("/rows-")).filter_map(segment).collect();
    read.sort();
    read
}

#[test]
fn dated_dense_searches_walk_the_rows_from_the_newest() {
    // ~5 years over 4 segments: 2023 is in segment 3, mid-2022 in segment 2.
    let fx = fixture(4 * SEGMENT - 100);
    for shown in [0, 30, 200, 5000] {
        for (query, rows) in [
            (dated("bầu cử", &[], &[], "2023-01-01", "2023-12-31"), vec![3]),
            (dated("hoà", &["huyen-kim-son-ninh-binh"], &["bau-cu"], "2023-03-01", "2023-10-31"), vec![3]),
            (dated("nông th", &["huyen-cau-ke-tra-vinh", "thanh-pho-cao-lanh-dong-thap"], &["bau-cu", "y-te-dich-benh"], "2022-09-01", "2023-03-31"), vec![2, 3]),
            (Query { from: Day::parse_iso("2023-06-01"), ..search("h t", &[], &[]) }, vec![3]),
            (dated("bầu", &["no-such-district"], &[], "2023-01-01", "2023-12-31"), vec![3]),
        ] {
            let fetched = answers_like_the_index(&fx, &query, shown);
            assert!(!reads_postings(&fetched), "{query:?}: {fetched:?}");
            assert!(fetched.iter().any(|p| p.starts_with("archive/search/bits-")), "{fetched:?}");
            assert_eq!(rows_read(&fetched), rows, "{query:?}");
        }
    }
    // Older ranges, by whichever path costs less, answer the same.
    for (from, to) in [("2019-01-01", "2019-06-30"), ("2021-01-01", "2021-03-31"), ("2020-05-01", "2023-12-31")] {
        for text in ["bầu", "hội nghị", "h"] {
            answers_like_the_index(&fx, &dated(text, &[], &["bau-cu"], from, to), 30);
        }
    }
}

#[test]
fn a_dated_dense_search_reads_postings_when_they_cost_less_than_the_rows() {
    // A prefix in 1 article of 20 (dense: over 1/32) over 12 segments: a range at the
    // archive's middle would walk 6 segments' rows, more than its postings; one in the newest
    // segment walks that one.
    let mut items = corpus(12 * SEGMENT);
    for item in items.iter_mut().step_by(20) {
        item.content_text.push_str(" zyxel");
    }
    let fx = fixture_of(items);
    let middle = dated("zyxel", &[], &[], "2021-06-01", "2021-06-30");
    assert!(reads_postings(&answers_like_the_index(&fx, &middle, 30)));
    let recent = dated("zyxel", &[], &[], "2023-11-01", "2023-12-31");
    let fetched = answers_like_the_index(&fx, &recent, 30);
    assert!(!reads_postings(&fetched) && rows_read(&fetched) == [11], "{fetched:?}");
}

#[test]
fn a_failed_row_leaves_a_dated_search_to_the_postings() {
    let fx = fixture(4 * SEGMENT - 100);
    let query = dated("bầu cử", &["huyen-cau-ke-tra-vinh"], &[], "2022-06-01", "2023-12-31");
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    // The bitmaps first; then the walk asks for rows, and one fails.
    let failed = (0..10).find_map(|_| {
        let needs = archive.missing(&query, 30);
        match needs.iter().find(|n| matches!(n, Need::Rows(_))) {
            Some(&row) => Some(archive.fail(row, "HTTP 503")),
            None => {
                for need in needs {
                    let path = format!("archive/{}", archive.path(need));
                    archive.insert(need, &fx.files[&path]).unwrap();
                }
                None
            }
        }
    });
    assert!(failed.is_some(), "the walk asked for no rows");
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    assert!(reads_postings(&fetched), "{fetched:?}");
    let answer = archive.answer(&query, 30);
    let expected = fx.index.search(&query);
    assert_eq!(answer.total, expected.len());
    let want: Vec<String> = expected.iter().take(30).map(|&p| fx.index.article(p).item.id.clone()).collect();
    assert_eq!(answer.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>(), want);
    assert_eq!(answer.facets, fx.index.facets(&query));
}

#[test]
fn the_newest_page_reads_only_the_newest_rows() {
    let fx = fixture(3 * SEGMENT + 100);
    let fetched = answers_like_the_index(&fx, &search("bầu", &[], &[]), 30);
    let rows: Vec<&String> = fetched.iter().filter(|p| p.contains("/rows-")).collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].starts_with("archive/seg/3-"), "{rows:?}");
}

#[test]
fn a_failed_bitmap_leaves_the_answer_to_the_postings() {
    let fx = fixture(3000);
    let query = search("bầu cử", &[], &[]);
    let mut archive = opened(&fx);
    assert_eq!(archive.missing(&query, 30), [Need::DenseDir]);
    let dir = Need::DenseDir;
    archive.insert(dir, &fx.files[&format!("archive/{}", archive.path(dir))]).unwrap();
    let needs = archive.missing(&query, 30);
    assert_eq!(needs.iter().filter(|n| matches!(n, Need::Bits(_))).count(), 2, "{needs:?}");
    archive.fail(needs[0], "HTTP 404");
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    assert!(reads_postings(&fetched), "{fetched:?}");
    let answer = archive.answer(&query, 30);
    let expected = fx.index.search(&query);
    assert_eq!(answer.total, expected.len());
    let ids = |cards: &[Item]| cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    let want: Vec<String> = expected.iter().take(30).map(|&p| fx.index.article(p).item.id.clone()).collect();
    assert_eq!(ids(&answer.cards), want);
    assert_eq!(answer.facets, fx.index.facets(&query));
}

#[test]
fn damaged_bitmaps_are_refused_with_a_reason() {
    let fx = fixture(3000);
    let mut archive = opened(&fx);
    let dir = Need::DenseDir;
    archive.insert(dir, &fx.files[&format!("archive/{}", archive.path(dir))]).unwrap();
    let bits = Need::Bits(0);
    let good = fx.files[&format!("archive/{}", archive.path(bits))].clone();
    let refused = |archive: &mut Archive, text: &str| archive.insert(bits, text).unwrap_err();
    let html = refused(&mut archive, "<!doctype html><p>Not found");
    assert!(html.contains("search/bits-") && html.contains("HTML page"), "{html}");
    assert!(refused(&mut archive, &good[..good.len() / 2]).contains("cut short"));
    let generation = archive.path(bits).split('-').nth(1).unwrap().to_owned();
    assert!(refused(&mut archive, &good.replace(&generation, "000000000000")).contains("another version"));
    let short = format!(r#"{{"segment":"{generation}","bits":"AAAA"}}"#);
    assert!(refused(&mut archive, &short).contains("one bit per article"));
    let garbled = format!(r#"{{"segment":"{generation}","bits":"A*AA"}}"#);
    assert!(refused(&mut archive, &garbled).contains("base64"));
    archive.insert(bits, &good).unwrap();
}

#[test]
fn base64_round_trips() {
    for length in 0..40 {
        let bytes: Vec<u8> = (0..length).map(|i| (i * 37 + 11) as u8).collect();
        let text = base64_encode(&bytes);
        assert_eq!(base64_decode(&text).as_deref(), Some(bytes.as_slice()), "{text}");
    }
    assert_eq!(base64_encode(b"Man"), "TWFu");
    assert_eq!(base64_encode(b"Ma"), "TWE=");
    for bad in ["TWF", "T=Fu", "TW=u", "TWFu=", "TW@u"] {
        assert_eq!(base64_decode(bad), None, "{bad}");
    }
}
