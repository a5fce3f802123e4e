//! The checks behind each fuzz target (`fuzz_targets/`, run by `cargo xtask fuzz`), kept in a
//! library so that `tests/regressions.rs` replays every input a fuzzer ever found against the
//! very same code in `cargo test`.
//!
//! Each takes arbitrary bytes and must return: no panic, no hang (libFuzzer's `-timeout`).

use std::sync::OnceLock;

use bantin_core::archive::read::{Archive, Need};
use bantin_core::query::{Index, Query};
use bantin_core::url::UrlState;
use bantin_ingest::RawPage;

/// A feed from the network (CONTRACT §1) → the reader's items, then the engine over them:
/// never a panic, whatever the bytes. Decoding that succeeds must also index and answer.
pub fn feed_decode(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(decoded) = bantin_core::feed::decode(text) else { return };
    let index = Index::new(decoded.items);
    // A word from the feed itself, so the search path meets what the items hold.
    let word = text.split(|c: char| !c.is_alphanumeric()).find(|w| w.chars().count() >= 2).unwrap_or("a");
    for query in [Query::default(), Query { text: word.to_owned(), ..Query::default() }, Query { text: format!("\"{word} {word}\""), ..Query::default() }] {
        let hits = index.search(&query);
        assert!(hits.len() <= index.len());
        let _ = index.facets(&query);
    }
}

/// The reader's URL (CONTRACT §2), pasted by people: parsing never panics, and the canonical
/// form it prints reads back as the same state (so a shared link reproduces the view).
pub fn url_state(data: &[u8]) {
    let search = String::from_utf8_lossy(data);
    let state = UrlState::parse(&search);
    let canonical = state.to_query_string();
    let again = UrlState::parse(&canonical);
    assert_eq!(again.to_query_string(), canonical, "the canonical query string is a fixed point");
}

/// A scraped page (any bytes, any declared charset) → an article or a reject with a reason:
/// never a panic. Hangs are caught by libFuzzer's `-timeout` (1 s, set by `cargo xtask fuzz`).
pub fn ingest_page(data: &[u8]) {
    // The file name and URL steer extraction (host → district, extension → HTML or text).
    let (name, url) = match data.first().map(|b| b % 3) {
        Some(0) => ("page.html", Some("https://caolanh.dongthap.gov.vn/tin-tuc/1")),
        Some(1) => ("page.txt", None),
        _ => ("page", Some("http://example.invalid/a?b")),
    };
    let page = RawPage { path: name, file_name: name, bytes: data, url, site: None };
    if let Err(reason) = bantin_ingest::extract(&page) {
        assert!(!reason.is_empty(), "a reject always says why");
    }
}

/// An archive manifest from the network (CONTRACT §5) → an `Archive`, or a message saying
/// what is wrong: never a panic. A manifest that is accepted must also answer the first
/// screen's questions and name the files the next ones need.
pub fn archive_manifest(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(archive) = Archive::new(text) else { return };
    let _ = (archive.total(), archive.newest_day(), archive.all_facets());
    let district = archive.manifest().districts.first().map(|d| d.id.clone());
    let queries = [
        Query::default(),
        Query { districts: district.into_iter().collect(), ..Query::default() },
        Query { text: "xa".into(), ..Query::default() },
        Query { topics: archive.manifest().topics.first().cloned().into_iter().collect(), ..Query::default() },
    ];
    for query in &queries {
        for need in archive.missing(query, 20) {
            let _ = archive.path(need);
        }
        let answer = archive.answer(query, 20);
        assert!(answer.cards.len() <= answer.total.max(20));
    }
}

fn manifest() -> &'static str {
    static MANIFEST: OnceLock<String> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/archive");
        let entry = std::fs::read_dir(dir)
            .expect("the bundled archive (run `cargo xtask feed`)")
            .flatten()
            .find(|e| e.file_name().to_string_lossy().starts_with("manifest-"))
            .expect("a manifest in public/archive");
        std::fs::read_to_string(entry.path()).unwrap()
    })
}

/// Which file a selector byte stands for, always one the manifest could ask for.
fn need_of(archive: &Archive, selector: u8, index: u8) -> Need {
    let manifest = archive.manifest();
    let index = usize::from(index);
    let segment = index % manifest.segments.len().max(1);
    let district = 1 + index % manifest.districts.len().max(1);
    // Selectors 0xF0 and up (0xFF separates files): totals, added with format 5; the rest
    // keep the meaning they had in the regressions already found.
    if selector >= 0xF0 {
        return Need::Totals(index % (manifest.segments.len() + 1));
    }
    // 0xEC–0xEF: a dense prefix's tier, added with format 10.
    if selector >= 0xEC {
        return Need::Tier { term: index % 4, tier: index / 4 % 2 };
    }
    // 0xE8–0xEB: a dense prefix's slice, added with format 8; odd: with its places (format 9).
    if selector >= 0xE8 {
        return Need::Slice { term: index % 4, slice: index / 4 % 2, places: selector % 2 == 1 };
    }
    // 0xE0–0xE7: the dense prefixes' directory and bitmaps, added with format 6.
    if selector >= 0xE0 {
        return if selector % 2 == 0 { Need::DenseDir } else { Need::Bits(index % 4) };
    }
    match selector % 14 {
        0 => Need::SearchDir,
        1 => Need::Chunk(index % 4),
        2 => Need::PairDir,
        3 => Need::PairChunk(index % 4),
        4 => Need::Masks,
        5 if !manifest.districts.is_empty() => Need::District(1 + index % manifest.districts.len()),
        6 => Need::Cards { segment, block: index % 2 },
        11 => Need::Totals(manifest.segments.len()),
        12 if !manifest.districts.is_empty() => Need::DistrictFeed(district),
        13 if !manifest.districts.is_empty() => Need::DistrictBlock { district, block: index % 2 },
        _ => Need::Rows(segment),
    }
}

/// Archive files from the network (CONTRACT §5) for a real manifest (the bundled archive's):
/// every shard, chunk, directory and body decoder, then the engine over whatever was accepted.
/// A file is refused with a message, or taken; the answers after it never panic.
///
/// The input is a list of files separated by 0xFF (never in UTF-8 text); each file's first
/// byte says which one it stands for. Content hashes are not checked
/// (`Archive::skip_hash_checks_for_fuzzing`), or no mutated file would ever get past them.
pub fn archive_files(data: &[u8]) {
    let mut archive = bundled_archive();
    archive.skip_hash_checks_for_fuzzing();
    for file in data.split(|&b| b == 0xFF) {
        let [selector, index, text @ ..] = file else { continue };
        let Ok(text) = std::str::from_utf8(text) else { continue };
        // 7–9 (id lookups and bodies by place before format 8): an article's own file, as
        // the first article of the cards taken so far (or of none: refused by its id).
        if *selector < 0xE0 && (7..=9).contains(&(selector % 14)) {
            let id = archive.answer(&Query::default(), 1).cards.first().map(|c| c.id.clone()).unwrap_or_default();
            if let Err(message) = archive.insert_article(&id, text) {
                assert!(!message.is_empty());
            }
            continue;
        }
        let need = need_of(&archive, *selector, *index);
        if let Err(message) = archive.insert(need, text) {
            assert!(!message.is_empty());
        }
    }
    let district = archive.manifest().districts.first().map(|d| d.id.clone());
    let queries = [
        Query::default(),
        Query { districts: district.into_iter().collect(), ..Query::default() },
        Query { text: "xa hoi".into(), ..Query::default() },
        Query { text: "xa h".into(), newest_first: true, ..Query::default() },
        Query { text: "\"uy ban\"".into(), ..Query::default() },
        Query { text: "\"uy b\"".into(), newest_first: true, ..Query::default() },
        Query { topics: archive.manifest().topics.first().cloned().into_iter().collect(), ..Query::default() },
    ];
    for query in &queries {
        let _ = archive.missing(query, 20);
        let _ = archive.article_paths(query, 20);
        let answer = archive.answer(query, 20);
        if let Some(card) = answer.cards.first() {
            let _ = archive.article(&card.id);
        }
    }
}

/// The selector and index bytes under which [`archive_files`] reads a file as `need`, the
/// inverse of [`need`] (for the seed corpus); `None` for files it cannot address.
pub fn archive_file_key(archive: &Archive, need: Need) -> Option<[u8; 2]> {
    let byte = |n: usize| u8::try_from(n).ok();
    let key = match need {
        Need::SearchDir => [0, 0],
        Need::Chunk(i) if i < 4 => [1, byte(i)?],
        Need::PairDir => [2, 0],
        Need::PairChunk(i) if i < 4 => [3, byte(i)?],
        Need::Masks => [4, 0],
        Need::District(number) => [5, byte(number - 1)?],
        Need::Cards { segment, block } if block < 2 => [6, byte(segment)?],
        Need::Rows(segment) => [10, byte(segment)?],
        Need::Totals(k) if k == archive.manifest().segments.len() => [11, 0],
        Need::Totals(k) => [0xF0, byte(k)?],
        Need::DistrictFeed(number) => [12, byte(number - 1)?],
        Need::DistrictBlock { .. } => [13, (0..=255u8).find(|&i| need_of(archive, 13, i) == need)?],
        Need::DenseDir => [0xE0, 0],
        Need::Bits(i) if i < 4 => [0xE1, byte(i)?],
        Need::Slice { term, slice, places } if term < 4 && slice < 2 => [0xE8 + u8::from(places), byte(slice * 4 + term)?],
        Need::Tier { term, tier } if term < 4 && tier < 2 => [0xEC, byte(tier * 4 + term)?],
        _ => return None,
    };
    (need_of(archive, key[0], key[1]) == need).then_some(key)
}

/// The bundled archive's manifest, as [`archive_files`] reads it.
pub fn bundled_archive() -> Archive {
    Archive::new(manifest()).expect("the bundled manifest reads")
}
