//! A newest-first search without phrases whose every term is a dense prefix is answered from
//! the terms' bitmaps and the mask table, never their postings (with dates, from the terms'
//! slices and the rows of the range, when those cost less); if a bitmap, a slice or a row
//! fails, from the postings, still exactly; a damaged bitmap is refused with a reason.

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

fn reads_slices(fetched: &[String]) -> bool {
    fetched.iter().any(|p| p.starts_with("archive/search/slice-"))
        && !fetched.iter().any(|p| p.starts_with("archive/search/bits-") || p.starts_with("archive/masks-"))
}

/// The segments of the ordinals from `from` to `to` (what a sliced search reads the rows of).
fn range_segments(fx: &Fixture, from: &str, to: &str) -> Vec<usize> {
    let (from, to) = (Day::parse_iso(from).unwrap(), Day::parse_iso(to).unwrap());
    let articles = fx.index.articles();
    // Ordinals are positions oldest first: the index lists newest first.
    let ordinals: Vec<usize> = (0..articles.len()).filter(|&i| (from..=to).contains(&articles[i].published.day)).map(|i| articles.len() - 1 - i).collect();
    let mut segments: Vec<usize> = ordinals.iter().map(|o| o / SEGMENT).collect();
    segments.dedup();
    segments.sort();
    segments.dedup();
    segments
}

#[test]
fn dated_dense_searches_read_slices_and_the_rows_of_their_range() {
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
            assert!(!reads_postings(&fetched) && reads_slices(&fetched), "{query:?}: {fetched:?}");
            assert_eq!(rows_read(&fetched), rows, "{query:?}");
        }
    }
    // An old range reads its own rows, not those from the newest article back to it.
    for (from, to) in [("2019-03-01", "2019-06-30"), ("2020-01-01", "2020-01-31")] {
        let fetched = answers_like_the_index(&fx, &dated("h", &[], &["bau-cu"], from, to), 30);
        assert!(!reads_postings(&fetched) && reads_slices(&fetched), "{fetched:?}");
        assert_eq!(rows_read(&fetched), range_segments(&fx, from, to), "{from}..{to}");
    }
    // Other ranges and terms, by whichever path costs less, answer the same.
    for (from, to) in [("2019-01-01", "2019-06-30"), ("2021-01-01", "2021-03-31"), ("2020-05-01", "2023-12-31")] {
        for text in ["bầu", "hội nghị", "h"] {
            answers_like_the_index(&fx, &dated(text, &[], &["bau-cu"], from, to), 30);
        }
    }
}

#[test]
fn a_dated_dense_search_reads_postings_when_they_cost_less_than_the_rows() {
    // A prefix in 1 article of 5 over 12 segments (~20 KB of postings): a month reads one or
    // two segments' rows and a slice, less; most of the archive reads most rows, more.
    let mut items = corpus(12 * SEGMENT);
    for item in items.iter_mut().step_by(5) {
        item.content_text.push_str(" zyxel");
    }
    let fx = fixture_of(items);
    let month = dated("zyxel", &[], &[], "2021-06-01", "2021-06-30");
    let fetched = answers_like_the_index(&fx, &month, 30);
    assert!(!reads_postings(&fetched) && reads_slices(&fetched), "{fetched:?}");
    assert_eq!(rows_read(&fetched), range_segments(&fx, "2021-06-01", "2021-06-30"));
    // Most of the archive (not all of it, which the bitmaps answer).
    let articles = fx.index.articles();
    let day = |i: usize| articles[i].published.day.to_string();
    let most = dated("zyxel", &[], &[], &day(articles.len() * 9 / 10), &day(articles.len() / 10));
    assert!(reads_postings(&answers_like_the_index(&fx, &most, 30)), "{most:?}");
}

#[test]
fn a_failed_row_leaves_a_dated_search_to_the_postings() {
    let fx = fixture(4 * SEGMENT - 100);
    let query = dated("bầu cử", &["huyen-cau-ke-tra-vinh"], &[], "2022-06-01", "2023-12-31");
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    // The dense directory first; then the range's rows and slices, and a row fails.
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
    assert!(failed.is_some(), "the sliced search asked for no rows");
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
