//! Writes each fuzz target's seed corpus into `<out>/<target>/` from the project's own files:
//! the bundled feed and archive, the bundled pages and the development set. Run by
//! `cargo xtask fuzz`; libFuzzer mutates from these, so every decoder starts from valid input.

use std::path::{Path, PathBuf};

use bantin_core::archive::read::Need;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn write(out: &Path, target: &str, name: &str, bytes: &[u8]) {
    let dir = out.join(target);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default();
    files.sort();
    files
}

/// Small feeds, one item each, and the district feeds: valid JSON Feeds well under `-max_len`.
fn feeds(out: &Path) {
    let feed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("public/feed.json")).unwrap()).unwrap();
    for (i, item) in feed["items"].as_array().unwrap().iter().enumerate() {
        let one = serde_json::json!({ "version": "https://jsonfeed.org/version/1.1", "title": feed["title"], "items": [item] });
        write(out, "feed_decode", &format!("item-{i}.json"), one.to_string().as_bytes());
    }
    for path in files_in(&root().join("public/districts")) {
        write(out, "feed_decode", &path.file_name().unwrap().to_string_lossy(), &std::fs::read(&path).unwrap());
    }
}

/// The manifest alone, every archive file under the key `archive_files` reads it by, and all
/// of them in one input in the order the reader fetches them (directories before chunks).
fn archive(out: &Path) {
    let dir = root().join("public/archive");
    let manifest = files_in(&dir).into_iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with("manifest-")).unwrap();
    write(out, "archive_manifest", "manifest.json", &std::fs::read(manifest).unwrap());
    let mut archive = bantin_fuzz::bundled_archive();
    let manifest = archive.manifest().clone();
    let mut needs = vec![Need::SearchDir, Need::PairDir, Need::Masks, Need::DenseDir];
    needs.extend((1..=manifest.segments.len()).map(Need::Totals));
    needs.extend((1..=manifest.districts.len()).flat_map(|d| [Need::District(d), Need::DistrictFeed(d)]));
    needs.extend((0..manifest.segments.len()).flat_map(|k| [Need::Rows(k), Need::Cards { segment: k, block: 0 }]));
    needs.extend((0..4).flat_map(|i| [Need::Chunk(i), Need::PairChunk(i), Need::Bits(i), Need::Slice { term: i, slice: 0, places: false }, Need::Slice { term: i, slice: 0, places: true }, Need::Tier { term: i, tier: 0 }]));
    let mut all = Vec::new();
    for need in needs {
        // Directories first: a chunk's path is only known once its directory is in.
        let path = if need.beside_feed() { root().join("public").join(archive.path(need)) } else { dir.join(archive.path(need)) };
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let Some(key) = bantin_fuzz::archive_file_key(&archive, need) else { continue };
        archive.insert(need, &text).unwrap();
        let mut file = key.to_vec();
        file.extend_from_slice(text.as_bytes());
        write(out, "archive_files", &format!("{need:?}.bin").replace([' ', '{', '}', ':', ','], ""), &file);
        all.extend_from_slice(&file);
        all.push(0xFF);
    }
    // The first card's article file, as `archive_files` reads selector 9.
    let first = archive.answer(&bantin_core::query::Query::default(), 1).cards.first().map(|c| c.id.clone());
    if let Some(text) = first.and_then(|id| std::fs::read_to_string(root().join("public").join(bantin_core::archive::path::article(&id))).ok()) {
        let mut file = vec![9, 0];
        file.extend_from_slice(text.as_bytes());
        write(out, "archive_files", "Article.bin", &file);
        all.extend_from_slice(&file);
        all.push(0xFF);
    }
    write(out, "archive_files", "all.bin", &all);
}

/// Reader URLs over the bundled feed's districts, topics and ids, as people paste them.
fn urls(out: &Path) {
    let feed: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(root().join("public/feed.json")).unwrap()).unwrap();
    for (i, item) in feed["items"].as_array().unwrap().iter().enumerate() {
        let ext = &item["_bantin"];
        let url = format!(
            "?q=%C4%90%E1%BA%A3ng+b%E1%BB%99&district={}&topic={}&from=2024-01-01&to=2025-12-31&article={}&embed=1&theme=dark&accent=%230b5cad",
            ext["district_id"].as_str().unwrap_or(""),
            ext["topics"][0].as_str().unwrap_or(""),
            item["id"].as_str().unwrap_or(""),
        );
        write(out, "url_state", &format!("url-{i}.txt"), url.as_bytes());
    }
    write(out, "url_state", "phrase.txt", b"q=%22%E1%BB%A7y+ban%22+x%C3%A3&district=a&district=a&topic=&from=2024-02-30");
}

fn pages(out: &Path) {
    for dir in ["data/pages", "crates/bantin-ingest/tests/devset/pages"] {
        for path in files_in(&root().join(dir)) {
            write(out, "ingest_page", &path.file_name().unwrap().to_string_lossy(), &std::fs::read(&path).unwrap());
        }
    }
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).expect("usage: seeds OUT_DIR"));
    let _ = std::fs::remove_dir_all(&out);
    feeds(&out);
    archive(&out);
    urls(&out);
    pages(&out);
}
