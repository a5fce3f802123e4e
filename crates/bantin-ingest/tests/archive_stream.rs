//! The streamed archive build (`bantin-ingest archive`) writes exactly what the in-memory
//! layout writes, whatever order and files the items come in, and says what it dropped.

use std::path::{Path, PathBuf};

use bantin_core::archive::write::layout;
use bantin_core::archive::SEGMENT;
use bantin_core::feed::{Feed, Item, JSON_FEED_VERSION};
use bantin_ingest::archive_stream;
use bantin_ingest::feed_writer::FEED_TITLE;

fn write_feed(path: &Path, items: Vec<Item>) {
    let feed = Feed {
        version: JSON_FEED_VERSION.to_owned(),
        title: "input".into(),
        home_page_url: None,
        feed_url: None,
        description: None,
        language: "vi".into(),
        items,
        next_url: None,
        bantin: None,
    };
    std::fs::write(path, serde_json::to_string(&feed).unwrap()).unwrap();
}

fn files_under(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, root, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_owned());
        }
    }
}

#[test]
fn streamed_archive_equals_the_in_memory_layout() {
    // A full segment and a partial one, so spools, card blocks and feed pages span a
    // segment boundary.
    let items = bantin_ingest::synth::items(SEGMENT + 345, 11);
    let dir = tempfile::tempdir().unwrap();
    // Interleaved over two files, neither in date order, plus an exact duplicate (dropped
    // quietly) and a different item reusing an id (dropped and named).
    let (mut odd, mut even): (Vec<Item>, Vec<Item>) = (Vec::new(), Vec::new());
    for (i, item) in items.iter().enumerate() {
        if i % 2 == 0 { even.push(item.clone()) } else { odd.push(item.clone()) }
    }
    even.reverse();
    // (Within one feed the decoder itself refuses a repeated id; across feeds it is ours.)
    even.push(items[7].clone());
    let mut impostor = items[8].clone();
    impostor.title = "Một tin khác cùng mã".into();
    odd.push(impostor);
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    write_feed(&a, even);
    write_feed(&b, odd);

    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let mut rejects = Vec::new();
    let outcome = archive_stream::run(&out, FEED_TITLE, &[a, b], &mut rejects).unwrap();
    assert_eq!(outcome.articles, items.len());
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert!(rejects[0].reason.contains(&items[8].id) && rejects[0].reason.contains("duplicate id"), "{}", rejects[0].reason);

    let laid = layout(FEED_TITLE, items).unwrap();
    for file in &laid.files {
        let on_disk = std::fs::read_to_string(out.join(&file.path)).unwrap_or_else(|e| panic!("{}: {e}", file.path));
        assert!(on_disk == file.text, "{} differs from the in-memory layout", file.path);
    }
    let mut written = Vec::new();
    files_under(&out, &out, &mut written);
    let expected: std::collections::HashSet<PathBuf> = laid.files.iter().map(|f| PathBuf::from(&f.path)).collect();
    let extra: Vec<&PathBuf> = written.iter().filter(|p| !expected.contains(*p) && !p.starts_with(".bantin-files")).collect();
    assert!(extra.is_empty(), "left behind: {extra:?} (the spool must be removed)");

    // A rerun over the same input changes nothing.
    let again = archive_stream::run(&out, FEED_TITLE, &[dir.path().join("a.json"), dir.path().join("b.json")], &mut Vec::new()).unwrap();
    assert_eq!((again.report.written, again.report.unchanged), (0, laid.files.len()));
}
