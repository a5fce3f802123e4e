//! The archive column of `cargo xtask bench-search`: the same queries as the in-memory
//! engines, answered by the reader over an archive of the same corpus (`bantin-ingest
//! archive`), and by Pagefind where its indexer fits in memory.
//!
//! Each query runs in a fresh browser context (empty cache) on Chromium's Slow 4G with a 4×
//! slower CPU, through `bench/archive/run.mjs`: the bare first screen loads, then the query
//! arrives as a URL change (`history.pushState` + `popstate`, as Back/Forward do). So each
//! query's bytes and time are its own, not helped by an earlier query's chunks, and do not
//! include the first screen (the archive benchmark measures that).
//!
//! Queries go as `literal=1` URLs: the reference counts the text as typed, and a "no hits"
//! query's nonsense word must not be reread as Telex typing.

use std::path::{Path, PathBuf};

use bantin_core::query::Query;
use bantin_core::url::UrlState;
use serde_json::{json, Value};

use crate::bench_archive::{build_archive, copy_dir, is_bundled_data, pagefind_site, precompress, Server};
use crate::{run, tool, Result};

/// Pagefind indexes at most this many articles here by default (~250 KB of memory a page).
pub(super) const PAGEFIND_MAX: usize = 10_000;

pub(super) struct Corpus<'a> {
    pub count: usize,
    pub files: &'a [PathBuf],
    pub stamp: &'a str,
    /// The in-memory run's `results.json`: its queries, with the reference's counts.
    pub results: &'a Path,
}

pub(super) fn run_archive(ingest: &Path, corpus: &Corpus, with_pagefind: bool, port: u16) -> Result {
    let dir = corpus.results.parent().ok_or("results.json has no folder")?.to_path_buf();
    let text = std::fs::read_to_string(corpus.results).map_err(|e| format!("{}: {e}", corpus.results.display()))?;
    let results: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", corpus.results.display()))?;
    let queries = results["queries"].as_array().ok_or_else(|| format!("{}: no queries", corpus.results.display()))?;
    let scenarios = scenarios(queries, corpus.count)?;
    let scenarios_file = dir.join("archive-scenarios.json");
    let facts = json!({ "source": corpus.results.display().to_string(), "items": corpus.count });
    std::fs::write(&scenarios_file, json!({ "facts": facts, "scenarios": scenarios }).to_string()).map_err(|e| e.to_string())?;

    let site = dir.join("site");
    build_archive(ingest, corpus.files, &site, corpus.count)?;
    copy_dir(Path::new("dist"), &site, &is_bundled_data)?;
    precompress(&site)?;
    let mut servers = vec![Server::start(&site, port)?];
    let out = dir.join("archive.json");
    let mut harness = tool("node");
    harness.args(["bench/archive/run.mjs", "--size", &corpus.count.to_string(), "--scenarios"]).arg(&scenarios_file);
    harness.args(["--bantin", &format!("http://127.0.0.1:{port}/"), "--mode", "archive", "--out"]).arg(&out);
    if with_pagefind {
        let pagefind = pagefind_site(&dir, corpus.files, corpus.stamp)?;
        servers.push(Server::start(&pagefind, port + 1)?);
        harness.args(["--pagefind", &format!("http://127.0.0.1:{}/search.html", port + 1)]);
    }
    run(&mut harness)?;
    drop(servers);
    let text = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let measured: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("{}", report(&measured, corpus.count));
    println!("written: {}", out.display());
    Ok(())
}

/// One scenario a query: its URL with the reference's count, then back to the bare list (the
/// harness waits for the bare list's count, the whole corpus, as the first screen).
fn scenarios(queries: &[Value], count: usize) -> Result<Vec<Value>> {
    queries
        .iter()
        .map(|q| {
            let (Some(class), Some(text), Some(expected)) = (q["class"].as_str(), q["text"].as_str(), q["expected"].as_u64()) else {
                return Err(format!("a query without class, text or expected count: {q}"));
            };
            let districts = q["districts"].as_array().map(|d| d.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default();
            let state = UrlState { query: Query { text: text.to_owned(), districts, ..Query::default() }, literal: true, ..UrlState::default() };
            let url = state.to_query_string();
            let steps = json!([{ "query": url.trim_start_matches('?'), "expected": expected }, { "query": "", "expected": count }]);
            Ok(json!({ "name": format!("{class}: {text}"), "class": class, "expected": expected, "steps": steps }))
        })
        .collect()
}

/// The query's own step of a peer's run: (matched the reference, data bytes, ms).
fn step(run: &Value, expected: u64) -> Option<(bool, f64, f64)> {
    let step = run["steps"].get(0)?;
    let counted = step["count"].as_u64().is_none_or(|c| c == expected);
    Some((step["ok"].as_bool() == Some(true) && counted, step["data_bytes"].as_f64()?, step["ms"].as_f64()?))
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or(f64::NAN)
}

fn report(measured: &Value, count: usize) -> String {
    let scenarios = measured["scenarios"].as_array().cloned().unwrap_or_default();
    let with_pagefind = measured["pagefind"].as_bool() == Some(true);
    let mut classes: Vec<&str> = Vec::new();
    for s in &scenarios {
        if let Some(c) = s["class"].as_str().filter(|c| !classes.contains(c)) {
            classes.push(c);
        }
    }
    let mut lines = vec![
        String::new(),
        format!("### Archive: the same queries over `bantin-ingest archive` of the {count} articles"),
        "each query in a fresh context after the bare first screen; Slow 4G, CPU ×4; data bytes = compressed on the wire, beyond the first screen".to_owned(),
        "class | peer | matched | data bytes p50 / max | time to list p50 / p95".to_owned(),
    ];
    let kb = |b: f64| format!("{:.1} KB", b / 1024.0);
    for class in classes {
        let of_class: Vec<&Value> = scenarios.iter().filter(|s| s["class"].as_str() == Some(class)).collect();
        let mut medians = Vec::new();
        for peer in ["bantin", "pagefind"].into_iter().filter(|p| *p == "bantin" || with_pagefind) {
            let runs: Vec<(bool, f64, f64)> = of_class.iter().filter_map(|s| step(&s[peer], s["expected"].as_u64()?)).collect();
            let matched = runs.iter().filter(|r| r.0).count();
            let mut bytes: Vec<f64> = runs.iter().map(|r| r.1).collect();
            let mut ms: Vec<f64> = runs.iter().map(|r| r.2).collect();
            bytes.sort_by(f64::total_cmp);
            ms.sort_by(f64::total_cmp);
            medians.push(quantile(&bytes, 0.5));
            lines.push(format!(
                "{class} | {peer} | {matched}/{} | {} / {} | {:.2} / {:.2} s",
                of_class.len(),
                kb(quantile(&bytes, 0.5)),
                kb(bytes.last().copied().unwrap_or(f64::NAN)),
                quantile(&ms, 0.5) / 1000.0,
                quantile(&ms, 0.95) / 1000.0
            ));
        }
        if let [bantin, pagefind] = medians[..] {
            lines.push(format!("{class} | Pagefind / Bantin, median bytes | ×{:.2} |", pagefind / bantin));
        }
    }
    let memory = scenarios.iter().filter_map(|s| s["bantin"]["memory"]["wasm_bytes"].as_f64()).fold(0.0, f64::max);
    lines.push(format!("Bantin wasm memory, largest at the end of a query: {:.1} MB", memory / 1e6));
    lines.join("\n")
}
