//! The end-to-end tests' big archive: a synthetic corpus of [`ITEMS`] articles (the benchmark's
//! generator), written by `bantin-ingest archive`, served beside a copy of `dist/`, and the
//! answers the reader must give on it, counted by brute force.
//!
//! The reference is the benchmark's own naive implementation of CONTRACT §2 matching
//! (`bench_archive::facts`), not the core's query engine or archive reader: for each URL it
//! gives the exact count, the first page of ids in newest-first order (ties by ascending id),
//! and the count on every topic chip (the query with its topic filter replaced by that topic).
//! `tests/e2e/archive-scale.spec.ts` opens each URL and compares.

use std::path::{Path, PathBuf};
use std::process::Command;

use bantin_core::url::UrlState;
use serde_json::{json, Value};

use crate::bench_archive::{copy_dir, corpus, facts, is_bundled_data};
use crate::{run, tool, Result};

pub const ITEMS: usize = 20_000;
const SEED: u64 = 20;
const ROOT: &str = "target/e2e-archive";
/// Cards the list shows before "show more" (`src/app.rs` PAGE_SIZE); the reference gives two
/// pages, so the tests can check the second one too.
const SHOWN: usize = 60;

/// Build (or reuse) the corpus, the archive site and `expected.json`.
pub fn prepare() -> Result {
    let started = std::time::Instant::now();
    run(tool("cargo").args(["build", "--release", "--quiet", "-p", "bantin-ingest"]))?;
    let ingest = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target")).join("release/bantin-ingest");
    let dir = PathBuf::from(ROOT);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let (files, stamp) = corpus(&ingest, &dir, ITEMS, SEED)?;
    let site = dir.join("site");
    run(Command::new(&ingest).arg("archive").args(&files).arg("--out").arg(&site))?;
    copy_dir(Path::new("dist"), &site, &is_bundled_data)?;

    let expected = dir.join("expected.json");
    let stamp_file = dir.join("expected.stamp");
    let reference_stamp = format!("{stamp} reference={}", crate::bench_archive::hash_files(&[
        "xtask/src/e2e_archive.rs",
        "xtask/src/bench_archive/facts.rs",
        "crates/bantin-core/src/rank.rs",
        "crates/bantin-core/src/terms.rs",
        "crates/bantin-core/src/query.rs",
    ]));
    if std::fs::read_to_string(&stamp_file).ok().as_deref() != Some(reference_stamp.as_str()) || !expected.is_file() {
        let scenarios = facts::compute(&files, &dir.join("scenarios.json"))?;
        let mut value = reference(&files, &scenarios)?;
        value["ranked"] = ranked(&files)?;
        let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        std::fs::write(&expected, text).map_err(|e| format!("cannot write {}: {e}", expected.display()))?;
        std::fs::write(&stamp_file, reference_stamp).map_err(|e| e.to_string())?;
    }
    eprintln!("e2e archive: {ITEMS} articles in {} ({:.1} s)", site.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Searches in their default, relevance order, as the in-memory index ranks them over the same
/// items (the archive must rank exactly as it does), and one typed in Telex: its reading.
/// Ranking itself is checked natively against the rules (`bantin-core`'s rank and archive
/// tests); this shows the browser, reading shards, gives the same order.
fn ranked(files: &[PathBuf]) -> Result<Value> {
    let mut items = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        items.extend(bantin_core::feed::decode(&text).map_err(|e| format!("{}: {e}", file.display()))?.items);
    }
    let index = bantin_core::query::Index::new(items);
    let district = index.article(0).item.bantin.district_id.clone().unwrap_or_default();
    let cases = [("nông thôn", ""), ("hòa", ""), ("hoa", ""), ("bầu cử", ""), ("h", ""), ("ủy ban", district.as_str())];
    let mut list: Vec<Value> = cases
        .iter()
        .map(|(text, district)| {
            let mut state = UrlState::default();
            state.query.text = (*text).to_owned();
            state.query.districts = [*district].into_iter().filter(|d| !d.is_empty()).map(str::to_owned).collect();
            let found = index.search(&state.query);
            json!({
                "query": state.to_query_string().trim_start_matches('?'),
                "total": found.len(),
                "ids": found.iter().take(SHOWN).map(|&p| index.article(p).item.id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    // "noong thoon" finds nothing as typed: it reads as Telex for "nông thôn".
    let mut telex = list[0].clone();
    telex["query"] = json!("q=noong%20thoon");
    telex["reading"] = json!("nông thôn");
    list.push(telex);
    Ok(Value::Array(list))
}

/// Every topic slug of the corpus, in the contract's order (the filter panel's chip order).
fn corpus_topics(scenarios: &Value) -> Vec<String> {
    let present: Vec<&str> = scenarios["facts"]["topics"].as_array().into_iter().flatten().filter_map(|t| t[0].as_str()).collect();
    bantin_core::topics::TOPICS.iter().map(|t| t.slug).filter(|slug| present.contains(slug)).map(str::to_owned).collect()
}

fn with_topic(query: &str, topic: &str) -> String {
    let mut state = UrlState::parse(query);
    state.query.topics = vec![topic.to_owned()];
    state.to_query_string().trim_start_matches('?').to_owned()
}

/// The exact answers for the benchmark's scenarios and its ten actions.
fn reference(files: &[PathBuf], scenarios: &Value) -> Result<Value> {
    let mut cases: Vec<(String, String)> = Vec::new();
    for scenario in scenarios["scenarios"].as_array().into_iter().flatten() {
        let name = scenario["name"].as_str().unwrap_or("").to_owned();
        // This reference orders newest first; ranked scenarios are `ranked`'s, from the index.
        let newest_first = |query: &&str| !UrlState::parse(&format!("?{query}")).query.ranked();
        if let Some(query) = scenario["query"].as_str().filter(|_| scenario.get("expected").is_some()).filter(newest_first) {
            cases.push((name.clone(), query.to_owned()));
        }
        for (k, step) in scenario["steps"].as_array().into_iter().flatten().enumerate() {
            cases.push((format!("{name}, step {}", k + 1), step["query"].as_str().unwrap_or("").to_owned()));
        }
    }
    cases.dedup_by(|a, b| a.1 == b.1);
    let topics = corpus_topics(scenarios);
    // One list of queries: each case, then each case with each topic chip's filter.
    let mut queries: Vec<String> = Vec::new();
    for (_, query) in &cases {
        queries.push(query.clone());
        queries.extend(topics.iter().map(|t| with_topic(query, t)));
    }
    let parsed: Vec<facts::Parsed> = queries.iter().map(|q| facts::parse(q)).collect();
    let mut counts = vec![0usize; queries.len()];
    // Per case, every match as (published, id): at this size sorting them all is cheap.
    let mut matches: Vec<Vec<(String, String)>> = vec![Vec::new(); cases.len()];
    let stride = 1 + topics.len();
    facts::each_doc(files, |doc| {
        for (k, q) in parsed.iter().enumerate() {
            if doc.matches(q) {
                counts[k] += 1;
                if k % stride == 0 {
                    matches[k / stride].push((doc.t.published.clone(), doc.t.id.clone()));
                }
            }
        }
    })?;
    let list: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(c, (name, query))| {
            let found = &mut matches[c];
            // Newest first; RFC 3339 with the one +07:00 offset the corpus uses sorts as text.
            found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            json!({
                "name": name,
                "query": query,
                "total": counts[c * stride],
                "ids": found.iter().take(SHOWN).map(|(_, id)| id.clone()).collect::<Vec<_>>(),
                "topic_counts": (0..topics.len()).map(|t| counts[c * stride + 1 + t]).collect::<Vec<_>>(),
            })
        })
        .collect();
    let deep = scenarios["scenarios"].as_array().into_iter().flatten().find_map(|s| s.get("article").cloned()).unwrap_or(Value::Null);
    Ok(json!({ "items": ITEMS, "topics": topics, "cases": list, "article": deep }))
}
