//! A newest-first search without dates or phrases whose every term is a dense prefix is
//! answered from the terms' bitmaps and the mask table, never their postings; if a bitmap
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
    // Ranked, with dates, with a phrase or with a term no article has: the postings.
    let dated = Query { from: Day::parse_iso("2021-01-01"), ..search("bầu cử", &[], &[]) };
    for query in [Query { newest_first: false, ..search("bầu cử", &[], &[]) }, dated, search("\"bầu cử\"", &[], &[]), search("bầu zzz", &[], &[])] {
        assert!(reads_postings(&answers_like_the_index(&fx, &query, 30)), "{query:?}");
    }
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
