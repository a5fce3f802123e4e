//! The committed `public/feed.json` is exactly what the extraction makes of `data/pages`.

use std::path::PathBuf;

use bantin_ingest::feed_writer::feed_json;
use bantin_ingest::pipeline::{build, collect_files, read_pages};
use bantin_ingest::sources::Sources;

#[test]
fn bundled_feed_is_up_to_date() {
    let pages_dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/pages"));
    let committed = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/feed.json"));
    let files = collect_files(&[pages_dir]).expect("data/pages is readable");
    let pages = read_pages(&files, &Sources::default()).expect("data/pages is readable");
    let outcome = build(&pages, &|| {});
    let fresh = feed_json(&outcome.feed);
    let on_disk = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(on_disk == fresh, "public/feed.json is out of date: run `cargo xtask feed`");
}
