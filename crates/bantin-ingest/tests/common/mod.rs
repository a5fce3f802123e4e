//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

use bantin_core::feed::Item;
use bantin_ingest::pipeline::{build, collect_files, read_pages, Page};
use bantin_ingest::sources::Sources;
use bantin_ingest::{extract, Article, RawPage};

/// The workspace's seed pages.
pub fn pages_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/pages"))
}

/// The feed items built from the seed pages, as the CLI builds them.
pub fn seed_items() -> Vec<Item> {
    let files = collect_files(&[pages_dir()]).expect("seed pages");
    let pages = read_pages(&files, &Sources::default()).expect("readable");
    let outcome = build(&pages, &|| {});
    assert!(outcome.rejects.is_empty(), "{:?}", outcome.rejects);
    outcome.feed.items
}

/// Extract one in-memory page.
pub fn extract_text(text: &str) -> Result<Article, String> {
    extract_bytes(text.as_bytes(), None)
}

pub fn extract_bytes(bytes: &[u8], url: Option<&str>) -> Result<Article, String> {
    extract(&RawPage { path: "test/page.txt", file_name: "page.txt", bytes, url, site: None })
}

/// A page in memory for `build`.
pub fn page(name: &str, text: &str) -> Page {
    Page::new(name, text.as_bytes().to_vec())
}

/// The district id an extraction resolved to.
pub fn district_id(text: &str) -> Option<String> {
    extract_text(text).expect("extracts").district.map(|d| d.id.clone())
}
