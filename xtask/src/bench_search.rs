//! `cargo xtask bench-search`: Bantin's search against MiniSearch and FlexSearch in headless
//! Chromium (`bench/search/`, see its README), on the archive benchmark's synthetic corpus at
//! 10,000 and 100,000 articles; and the ranking quality (MRR) of the labelled set
//! (`data/ranking/labelled.json`) plus known-item searches over the corpus.
//!
//! Bantin's engine runs in the page as `bench/search-wasm` (bantin-core's in-memory index,
//! the one the reader uses for a feed), built here for wasm32 and bound with wasm-bindgen into
//! `target/bench-search/pkg`.
//!
//! Then the same queries over an archive of the same corpus, on Slow 4G ([`archive`]).

mod archive;

use std::path::{Path, PathBuf};

use bantin_core::query::{Index, Query};

use crate::bench_archive::{corpus, target_dir};
use crate::{run, tool, Result};

const SIZES: [usize; 2] = [10_000, 100_000];
const KNOWN_ITEMS: usize = 10;

const USAGE: &str = "usage: cargo xtask bench-search [--count N]... [--no-archive | --archive-only]

  --no-archive    the in-memory engines only
  --archive-only  the archive column only, for the queries of an earlier run's results.json";

pub fn run_bench(args: &[String]) -> Result {
    let mut sizes = Vec::new();
    let (mut with_archive, mut with_engines) = (true, true);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--count" => sizes.push(it.next().and_then(|n| n.replace('_', "").parse().ok()).ok_or(format!("--count needs a number\n{USAGE}"))?),
            "--no-archive" => with_archive = false,
            "--archive-only" => with_engines = false,
            _ => return Err(USAGE.into()),
        }
    }
    if sizes.is_empty() {
        sizes = SIZES.to_vec();
    }
    crate::setup::ensure(true)?;
    run(tool("cargo").args(["build", "--release", "--quiet", "-p", "bantin-ingest"]))?;
    let pkg = if with_engines { wasm_package()? } else { PathBuf::new() };
    let ingest = target_dir().join("release/bantin-ingest");
    if with_archive && !Path::new("dist/index.html").exists() {
        eprintln!("dist/ is missing: building the app first");
        crate::build()?;
    }
    let mut corpora = Vec::new();
    for &count in &sizes {
        let dir = PathBuf::from(format!("target/bench-search/{count}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let (files, stamp) = corpus(&ingest, &dir, count, count as u64)?;
        corpora.push((count, files, stamp));
    }
    if with_engines {
        ranking_quality(&corpora[0].1)?;
    }
    for (k, (count, files, stamp)) in corpora.iter().enumerate() {
        println!("\n## {count} articles");
        let out = PathBuf::from(format!("target/bench-search/{count}/results.json"));
        if with_engines {
            run(tool("node").args(["bench/search/run.mjs", "--pkg"]).arg(&pkg).arg("--out").arg(&out).args(files))?;
        } else if !out.is_file() {
            return Err(format!("--archive-only needs {} from an earlier run: run `cargo xtask bench-search --count {count}` once", out.display()));
        }
        if with_archive {
            let corpus = archive::Corpus { count: *count, files, stamp, results: &out };
            archive::run_archive(&ingest, &corpus, *count <= archive::PAGEFIND_MAX, 4400 + 2 * k as u16)?;
        }
    }
    Ok(())
}

/// Build `bench/search-wasm` for the browser and bind it (`--target web`).
fn wasm_package() -> Result<PathBuf> {
    run(tool("cargo").args(["build", "--release", "--quiet", "-p", "bantin-bench-wasm", "--target", "wasm32-unknown-unknown"]))?;
    let wasm = target_dir().join("wasm32-unknown-unknown/release/bantin_bench_wasm.wasm");
    let pkg = PathBuf::from("target/bench-search/pkg");
    run(tool("wasm-bindgen").args(["--target", "web", "--out-name", "bantin_bench", "--out-dir"]).arg(&pkg).arg(&wasm))?;
    Ok(pkg)
}

/// The labelled set's MRR, and known-item search over the corpus: an article's title, typed
/// as a reader remembers it, must find that article (or one with the same title) first.
fn ranking_quality(files: &[PathBuf]) -> Result {
    #[derive(serde::Deserialize)]
    struct Labelled {
        articles: Vec<serde_json::Value>,
        queries: Vec<Case>,
    }
    #[derive(serde::Deserialize)]
    struct Case {
        q: String,
        first: String,
        #[serde(default)]
        also: Vec<String>,
        #[serde(default)]
        feed: Option<String>,
    }
    let text = std::fs::read_to_string("data/ranking/labelled.json").map_err(|e| format!("data/ranking/labelled.json: {e}"))?;
    let set: Labelled = serde_json::from_str(&text).map_err(|e| format!("data/ranking/labelled.json: {e}"))?;
    let items = set.articles.iter().map(|a| {
        let date = a["date"].as_str().unwrap_or("2020-01-01");
        serde_json::from_value(serde_json::json!({
            "id": a["id"], "title": a["title"], "summary": a["summary"], "content_text": a["body"],
            "date_published": format!("{date}T08:00:00+07:00"),
        }))
        .map_err(|e| format!("data/ranking/labelled.json: {e}"))
    });
    let written = Index::new(items.collect::<Result<Vec<_>>>()?);
    let bundled_text = std::fs::read_to_string("public/feed.json").map_err(|e| format!("public/feed.json: {e}"))?;
    let bundled = Index::new(bantin_core::feed::decode(&bundled_text).map_err(|e| e.to_string())?.items);
    let mut ranks: Vec<(String, Option<usize>)> = Vec::new();
    for case in &set.queries {
        let index = if case.feed.as_deref() == Some("bundled") { &bundled } else { &written };
        let found = as_reader(index, &case.q);
        let at = found.iter().position(|&p| {
            let id = &index.article(p).item.id;
            *id == case.first || case.also.contains(id)
        });
        ranks.push((case.q.clone(), at));
    }
    let labelled = ranks.len();
    // Known items: evenly spread over the corpus, seeded by nothing but the corpus itself.
    let mut corpus_items = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        corpus_items.extend(bantin_core::feed::decode(&text).map_err(|e| format!("{}: {e}", file.display()))?.items);
    }
    let step = (corpus_items.len() / KNOWN_ITEMS).max(1);
    let known: Vec<(String, String)> = corpus_items.iter().step_by(step).take(KNOWN_ITEMS).map(|i| (i.title.clone(), i.id.clone())).collect();
    let corpus_index = Index::new(corpus_items);
    for (title, id) in &known {
        let found = as_reader(&corpus_index, title);
        // The generator reuses headline patterns: an article with the very same title is as
        // right an answer (nothing in the query can tell them apart).
        let right = |p: usize| corpus_index.article(p).item.id == *id || corpus_index.article(p).item.title == *title;
        ranks.push((format!("{title} (known item)"), found.iter().position(|&p| right(p))));
    }
    let mrr = |list: &[(String, Option<usize>)]| list.iter().map(|(_, at)| at.map_or(0.0, |r| 1.0 / (r as f64 + 1.0))).sum::<f64>() / list.len().max(1) as f64;
    println!("## Ranking quality (MRR: 1 = the meant article always first)");
    println!("labelled set ({labelled} queries, data/ranking/labelled.json): MRR {:.3}", mrr(&ranks[..labelled]));
    println!("known items ({} titles from the {}-article corpus): MRR {:.3}", ranks.len() - labelled, corpus_index.len(), mrr(&ranks[labelled..]));
    println!("all {} queries: MRR {:.3}", ranks.len(), mrr(&ranks));
    for (query, at) in ranks.iter().filter(|(_, at)| *at != Some(0)) {
        println!("  not first: {query:?} at {}", at.map_or("—".to_owned(), |r| (r + 1).to_string()));
    }
    Ok(())
}

/// The reader's answer: the query as typed, else its readings as Telex or VNI typing.
fn as_reader(index: &Index, text: &str) -> Vec<usize> {
    let found = index.search(&Query { text: text.to_owned(), ..Query::default() });
    if !found.is_empty() {
        return found;
    }
    for (_, reading) in bantin_core::typing::retries(text) {
        let found = index.search(&Query { text: reading, ..Query::default() });
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}
