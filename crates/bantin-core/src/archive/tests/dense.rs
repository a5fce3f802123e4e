//! A newest-first search without phrases whose every term is a dense prefix is answered from
//! the terms' bitmaps and the mask table, never their postings (with dates, from the terms'
//! slices, the rarest's with its articles' places, when those cost less); if a bitmap or a
//! slice fails, from the postings, still exactly; a damaged bitmap is refused with a reason.

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
    // With a phrase or with a term no article has: the postings; ranked, here too (its tiers,
    // at 5,000 articles a single one of 1,024, cannot prove its order: `tests/tiers.rs`).
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
    fetched.iter().any(|p| p.starts_with("archive/search/slice-") || p.starts_with("archive/search/places-"))
        && !fetched.iter().any(|p| p.starts_with("archive/search/bits-") || p.starts_with("archive/masks-"))
}

/// The prefixes whose slices were read with their places.
fn placed_prefixes(fetched: &[String]) -> Vec<String> {
    let mut prefixes: Vec<String> = fetched.iter().filter_map(|p| Some(p.strip_prefix("archive/search/places-")?.split('-').next()?.to_owned())).collect();
    prefixes.dedup();
    prefixes
}

#[test]
fn dated_dense_searches_read_slices_and_the_places_of_their_rarest_term() {
    // ~5 years over 4 segments, one slice.
    let fx = fixture(4 * SEGMENT - 100);
    let dir = fx.files.iter().find(|(p, _)| p.starts_with("archive/search/dense-")).expect("a dense directory").1;
    let dir: serde_json::Value = serde_json::from_str(dir).unwrap();
    let count = |prefix: &str| {
        let at = dir["words"].as_array().unwrap().iter().position(|w| w == prefix).expect("a dense prefix");
        dir["counts"][at].as_u64().unwrap()
    };
    for shown in [0, 30, 200, 5000] {
        for (query, rarest) in [
            (dated("bầu cử", &[], &[], "2023-01-01", "2023-12-31"), ["bau", "cu"]),
            (dated("hoà", &["huyen-kim-son-ninh-binh"], &["bau-cu"], "2023-03-01", "2023-10-31"), ["hoa", "hoa"]),
            (dated("nông th", &["huyen-cau-ke-tra-vinh", "thanh-pho-cao-lanh-dong-thap"], &["bau-cu", "y-te-dich-benh"], "2022-09-01", "2023-03-31"), ["nong", "th"]),
            (Query { from: Day::parse_iso("2023-06-01"), ..search("h t", &[], &[]) }, ["h", "t"]),
            (dated("bầu", &["no-such-district"], &[], "2023-01-01", "2023-12-31"), ["bau", "bau"]),
        ] {
            let fetched = answers_like_the_index(&fx, &query, shown);
            assert!(!reads_postings(&fetched) && reads_slices(&fetched), "{query:?}: {fetched:?}");
            // No row: the districts and topics come with the rarest term's slice.
            assert_eq!(rows_read(&fetched), Vec::<usize>::new(), "{query:?}");
            let want = if count(rarest[1]) < count(rarest[0]) { rarest[1] } else { rarest[0] };
            assert_eq!(placed_prefixes(&fetched), vec![want.to_owned()], "{query:?}: {fetched:?}");
        }
    }
    // Other ranges and terms, by whichever path costs less, answer the same.
    for (from, to) in [("2019-01-01", "2019-06-30"), ("2021-01-01", "2021-03-31"), ("2020-05-01", "2023-12-31")] {
        for text in ["bầu", "hội nghị", "h"] {
            answers_like_the_index(&fx, &dated(text, &[], &["bau-cu"], from, to), 30);
        }
    }
}

#[test]
fn a_dated_dense_search_reads_postings_when_they_cost_less_than_the_slices() {
    // Over 12 segments (one slice): a prefix in 1 article of 5 (~20 KB of postings) reads
    // its slice with places (~17 KB); one in 1 of 30, just dense, its postings (~3 KB).
    let mut items = corpus(12 * SEGMENT);
    for (i, item) in items.iter_mut().enumerate() {
        if i % 5 == 0 {
            item.content_text.push_str(" zyxel");
        }
        if i % 30 == 0 {
            item.content_text.push_str(" qwerty");
        }
    }
    let fx = fixture_of(items);
    let fetched = answers_like_the_index(&fx, &dated("zyxel", &[], &[], "2021-06-01", "2021-06-30"), 30);
    assert!(!reads_postings(&fetched) && reads_slices(&fetched), "{fetched:?}");
    assert_eq!(placed_prefixes(&fetched), vec!["zyxel".to_owned()]);
    let fetched = answers_like_the_index(&fx, &dated("qwerty", &[], &[], "2021-06-01", "2021-06-30"), 30);
    assert!(reads_postings(&fetched) && !reads_slices(&fetched), "{fetched:?}");
    // Both: the rarer's places, the other's bits.
    let fetched = answers_like_the_index(&fx, &dated("zyxel h", &[], &[], "2021-01-01", "2021-12-31"), 30);
    assert!(reads_slices(&fetched) && !reads_postings(&fetched), "{fetched:?}");
    assert_eq!(placed_prefixes(&fetched), vec!["zyxel".to_owned()]);
    assert!(fetched.iter().any(|p| p.starts_with("archive/search/slice-h-")), "{fetched:?}");
}

#[test]
fn a_failed_places_file_leaves_a_dated_search_to_the_postings() {
    let fx = fixture(4 * SEGMENT - 100);
    let query = dated("bầu cử", &["huyen-cau-ke-tra-vinh"], &[], "2022-06-01", "2023-12-31");
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    // The dense directory first; then the range's slices, and the places fail.
    let failed = (0..10).find_map(|_| {
        let needs = archive.missing(&query, 30);
        match needs.iter().find(|n| matches!(n, Need::Slice { places: true, .. })) {
            Some(&places) => Some(archive.fail(places, "HTTP 503")),
            None => {
                for need in needs {
                    let path = format!("archive/{}", archive.path(need));
                    archive.insert(need, &fx.files[&path]).unwrap();
                }
                None
            }
        }
    });
    assert!(failed.is_some(), "the sliced search asked for no places");
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
fn a_places_file_that_does_not_match_its_slice_is_refused() {
    let fx = fixture(4 * SEGMENT - 100);
    let query = dated("bầu cử", &[], &[], "2023-01-01", "2023-12-31");
    let mut archive = opened(&fx);
    let places = (0..10)
        .find_map(|_| {
            let needs = archive.missing(&query, 30);
            let found = needs.iter().copied().find(|n| matches!(n, Need::Slice { places: true, .. }));
            for need in needs.into_iter().filter(|n| Some(*n) != found) {
                let path = format!("archive/{}", archive.path(need));
                archive.insert(need, &fx.files[&path]).unwrap();
            }
            found
        })
        .expect("a places file asked for");
    let path = format!("archive/{}", archive.path(places));
    let text = &fx.files[&path];
    // One topic mask too few (its hash then differs too: checked without hashes, as a
    // fuzzer would).
    let at = text.find("\"topics\":[").unwrap() + "\"topics\":[".len();
    let end = text[at..].find(',').unwrap();
    let damaged = format!("{}{}", &text[..at], &text[at + end + 1..]);
    let mut unchecked = opened(&fx);
    unchecked.skip_hash_checks_for_fuzzing();
    drive(&mut unchecked, &fx.files, &search("bầu", &[], &[]), 0, &mut Vec::new());
    let why = unchecked.insert(places, &damaged).unwrap_err();
    assert!(why.contains("not one per article") && why.contains("search/places-"), "{why}");
    let why = archive.insert(places, "<!doctype html><title>404</title>").unwrap_err();
    assert!(why.contains("HTML"), "{why}");
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
