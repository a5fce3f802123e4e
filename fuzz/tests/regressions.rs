//! Every input a fuzzer found that once failed (`fuzz/regressions/<target>/`), replayed in
//! `cargo test` against the same checks the fuzz targets run (`src/lib.rs`): a fixed bug
//! stays fixed. `cargo xtask fuzz` copies each new crash here; fix it, then commit the file.
//! Each folder also holds inputs written by hand for what fuzzers reach slowly or never:
//! nesting deep enough to overflow a recursive reader, counts that overflow, cut files.

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions").join(target);
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&bytes));
        assert!(outcome.is_ok(), "{} fails again", entry.path().display());
        count += 1;
    }
    assert!(count > 0, "nothing to replay in {}", dir.display());
    count
}

#[test]
fn feed_decode() {
    replay("feed_decode", bantin_fuzz::feed_decode);
}

#[test]
fn url_state() {
    replay("url_state", bantin_fuzz::url_state);
}

#[test]
fn ingest_page() {
    replay("ingest_page", bantin_fuzz::ingest_page);
}

#[test]
fn archive_manifest() {
    replay("archive_manifest", bantin_fuzz::archive_manifest);
}

#[test]
fn archive_files() {
    replay("archive_files", bantin_fuzz::archive_files);
}
