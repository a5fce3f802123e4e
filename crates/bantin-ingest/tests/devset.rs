//! The development set (tests/devset): pages from portals the extractor was not tuned on,
//! labelled by hand. Extraction must reach the goals of `bantin-ingest eval` on them.

use std::path::PathBuf;

use bantin_ingest::eval::{parse_golden, run_on};
use bantin_ingest::sources::Sources;

fn dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/devset"))
}

#[test]
fn devset_meets_the_goals() {
    let golden = parse_golden(&std::fs::read_to_string(dir().join("golden.jsonl")).unwrap()).unwrap();
    let sources = Sources::parse(&std::fs::read_to_string(dir().join("sources.jsonl")).unwrap()).unwrap();
    assert!(golden.len() >= 80, "the development set has {} labelled pages, fewer than 80", golden.len());
    let report = run_on(&[dir().join("pages")], &golden, &sources).unwrap();
    let failures = report.failures();
    assert!(failures.is_empty(), "{}\n{}\n{}", failures.join("\n"), report.table(), report.mismatch_list());
}

#[test]
fn every_page_is_labelled() {
    let golden = parse_golden(&std::fs::read_to_string(dir().join("golden.jsonl")).unwrap()).unwrap();
    for entry in std::fs::read_dir(dir().join("pages")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(golden.iter().any(|g| g.file == name), "{name} has no line in golden.jsonl");
    }
}
