//! The committed `public/feed.json` and the archive beside it are exactly what the extraction
//! makes of `data/pages`: every file the layout has is on disk with the same bytes, and the
//! archive folders hold nothing else.

use std::path::{Path, PathBuf};

use bantin_core::archive::write::layout;
use bantin_ingest::feed_writer::FEED_TITLE;
use bantin_ingest::pipeline::{build, collect_files, read_pages};
use bantin_ingest::sources::Sources;

fn files_under(dir: &Path, root: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, root, out);
        } else {
            out.push(path.strip_prefix(root).unwrap().to_string_lossy().into_owned());
        }
    }
}

#[test]
fn bundled_feed_and_archive_are_up_to_date() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let files = collect_files(&[root.join("data/pages")]).expect("data/pages is readable");
    let pages = read_pages(&files, &Sources::default()).expect("data/pages is readable");
    let outcome = build(&pages, &|| {});
    let laid = layout(FEED_TITLE, outcome.feed.items).unwrap();
    let public = root.join("public");
    for file in &laid.files {
        let on_disk = std::fs::read_to_string(public.join(&file.path)).unwrap_or_default();
        assert!(on_disk == file.text, "public/{} is out of date: run `cargo xtask feed`", file.path);
    }
    let mut on_disk = Vec::new();
    for dir in ["archive", "articles", "districts", "feed"] {
        files_under(&public.join(dir), &public, &mut on_disk);
    }
    let expected: std::collections::HashSet<&str> = laid.files.iter().map(|f| f.path.as_str()).collect();
    let stale: Vec<&String> = on_disk.iter().filter(|p| !expected.contains(p.as_str())).collect();
    assert!(stale.is_empty(), "stale files in public/: {stale:?}: run `cargo xtask feed`");
}
