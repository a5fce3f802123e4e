//! The `bantin-ingest` command line.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::archive_out;
use crate::feed_writer::{rejects_json, Reject, FEED_TITLE};
use crate::pipeline::{build_keeping_ids, collect_files, read_pages};
use crate::sources::Sources;

pub const USAGE: &str = "\
bantin-ingest: turn raw district-portal pages into a Bantin JSON feed

Usage:
  bantin-ingest build <PATH>... --out <DIR> [--sources <FILE>] [--strict]
  bantin-ingest archive <FEED.json>... --out <DIR> [--strict]
  bantin-ingest bench [--pages N]
  bantin-ingest eval <PAGES>... --golden <FILE.jsonl> [--sources <FILE>]
  bantin-ingest synth --count N [--seed S] --out FILE.json [--per-file M]

build   PATHs are files or directories (walked recursively in sorted order; hidden entries
        are skipped) of plain-text scrapes or HTML pages. Writes DIR/feed.json (JSON Feed 1.1
        with the _bantin extension: the newest 100 items and a pointer to the archive),
        DIR/feed/<n>.json (older pages), DIR/districts/<district_id>.json, DIR/archive/ (the
        archive: see docs/archive.md) and DIR/rejects.json (pages that did not become
        articles, with the reason). Ids already published in DIR are kept.
          --out <DIR>       output directory (created if missing)
          --sources <FILE>  JSON Lines {\"path\": …, \"url\": …, \"site\": …} per page; path is
                            matched against the input path or its file name
          --strict          exit with status 1 when any page was rejected
archive the same outputs from existing JSON Feed files: their valid items as they are (a feed
        that fronts an archive brings the whole archive); invalid items and conflicting
        duplicate ids are listed in DIR/rejects.json.
bench   time extraction on a generated corpus (default 4000 pages) on one thread and on all
        threads, and print pages per second
eval    extract labelled pages and print per-field accuracy and every mismatch; exit status
        1 when below the goals (see src/eval.rs)

Exit status: 0 success; 1 pages rejected under --strict; 2 usage or I/O error.
";

/// Exit statuses.
pub const OK: i32 = 0;
pub const REJECTED: i32 = 1;
pub const USAGE_ERROR: i32 = 2;

fn usage_error(msg: &str) -> i32 {
    eprintln!("error: {msg}\n\n{USAGE}");
    USAGE_ERROR
}

/// Run the command line; returns the process exit status.
pub fn main(args: Vec<OsString>) -> i32 {
    let args: Vec<String> = match args.into_iter().map(|a| a.into_string()).collect::<Result<_, _>>() {
        Ok(a) => a,
        Err(bad) => return usage_error(&format!("argument {bad:?} is not valid Unicode")),
    };
    match args.first().map(String::as_str) {
        None => usage_error("no command given"),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            OK
        }
        Some("build") => build_command(&args[1..]),
        Some("archive") => archive_command(&args[1..]),
        Some("bench") => bench_command(&args[1..]),
        Some("eval") => crate::eval::command(&args[1..]),
        Some("synth") => crate::synth::main(&args[1..]),
        Some(other) => usage_error(&format!("unknown command \"{other}\" (expected build, archive, eval, synth or bench)")),
    }
}

struct BuildArgs {
    paths: Vec<PathBuf>,
    out: PathBuf,
    sources: Option<PathBuf>,
    strict: bool,
}

fn parse_build(args: &[String]) -> Result<BuildArgs, String> {
    let mut paths = Vec::new();
    let mut out = None;
    let mut sources = None;
    let mut strict = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" | "-o" => out = Some(PathBuf::from(it.next().ok_or("--out needs a directory")?)),
            "--sources" => sources = Some(PathBuf::from(it.next().ok_or("--sources needs a file")?)),
            "--strict" => strict = true,
            s if s.starts_with("--out=") => out = Some(PathBuf::from(&s[6..])),
            s if s.starts_with("--sources=") => sources = Some(PathBuf::from(&s[10..])),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option \"{s}\"")),
            s => paths.push(PathBuf::from(s)),
        }
    }
    if paths.is_empty() {
        return Err("build needs at least one PATH (a page or a directory of pages)".into());
    }
    let out = out.ok_or("build needs --out <DIR>, the directory to write feed.json to")?;
    Ok(BuildArgs { paths, out, sources, strict })
}

fn build_command(args: &[String]) -> i32 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return OK;
    }
    let a = match parse_build(args) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    match run_build(&a) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            USAGE_ERROR
        }
    }
}

fn run_build(a: &BuildArgs) -> Result<i32, String> {
    let sources = match &a.sources {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read --sources file {}: {e}", path.display()))?;
            Sources::parse(&text).map_err(|e| format!("--sources file {}: {e}", path.display()))?
        }
        None => Sources::default(),
    };
    let files = collect_files(&a.paths)?;
    let pages = read_pages(&files, &sources)?;
    let bar = (std::io::stderr().is_terminal() && pages.len() > 200).then(|| {
        let bar = indicatif::ProgressBar::new(pages.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {per_sec} {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    // Ids already published in this output stay as they are (links must not break).
    let previous = archive_out::previous_ids(&a.out);
    let outcome = build_keeping_ids(&pages, &tick, &previous);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    write_outputs(&a.out, outcome.feed.items.clone(), &outcome.rejects)?;
    for r in outcome.rejects.iter().take(20) {
        eprintln!("rejected {}: {}", r.path, r.reason);
    }
    if outcome.rejects.len() > 20 {
        eprintln!("… and {} more rejected: see {}", outcome.rejects.len() - 20, a.out.join("rejects.json").display());
    }
    eprintln!(
        "{} {} → {} {}, {} rejected → {}",
        pages.len(),
        if pages.len() == 1 { "page" } else { "pages" },
        outcome.feed.items.len(),
        if outcome.feed.items.len() == 1 { "article" } else { "articles" },
        outcome.rejects.len(),
        a.out.join("feed.json").display()
    );
    Ok(if a.strict && !outcome.rejects.is_empty() { REJECTED } else { OK })
}

fn write_outputs(out: &Path, items: Vec<bantin_core::feed::Item>, rejects: &[Reject]) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create output directory {}: {e}", out.display()))?;
    let report = archive_out::write(out, FEED_TITLE, items)?;
    let path = out.join("rejects.json");
    std::fs::write(&path, rejects_json(rejects)).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    if report.written + report.removed > 0 {
        eprintln!("archive: {} files written, {} unchanged, {} removed", report.written, report.unchanged, report.removed);
    }
    Ok(())
}

fn archive_command(args: &[String]) -> i32 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        print!("{USAGE}");
        return OK;
    }
    let a = match parse_build(args) {
        Ok(a) if a.sources.is_none() => a,
        Ok(_) => return usage_error("archive takes no --sources: its inputs are feeds"),
        Err(e) => return usage_error(&e.replace("build needs at least one PATH (a page or a directory of pages)", "archive needs at least one FEED.json")),
    };
    match run_archive(&a) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            USAGE_ERROR
        }
    }
}

fn run_archive(a: &BuildArgs) -> Result<i32, String> {
    let mut rejects = Vec::new();
    std::fs::create_dir_all(&a.out).map_err(|e| format!("cannot create output directory {}: {e}", a.out.display()))?;
    // Streamed: a national collection's texts never sit in memory at once.
    let outcome = crate::archive_stream::run(&a.out, FEED_TITLE, &a.paths, &mut rejects)?;
    let path = a.out.join("rejects.json");
    std::fs::write(&path, rejects_json(&rejects)).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let report = outcome.report;
    eprintln!("archive: {} files written, {} unchanged, {} removed", report.written, report.unchanged, report.removed);
    if let Some(peak) = crate::archive_stream::peak_memory_bytes() {
        eprintln!("archive: peak memory {:.0} MB", peak as f64 / 1e6);
    }
    for r in rejects.iter().take(20) {
        eprintln!("rejected {}: {}", r.path, r.reason);
    }
    eprintln!("{} feeds → {} articles, {} rejected → {}", a.paths.len(), outcome.articles, rejects.len(), a.out.join("feed.json").display());
    Ok(if a.strict && !rejects.is_empty() { REJECTED } else { OK })
}

fn bench_command(args: &[String]) -> i32 {
    let mut pages = 4000usize;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--pages" => match it.next().and_then(|n| n.parse().ok()).filter(|n| *n > 0) {
                Some(n) => pages = n,
                None => return usage_error("--pages needs a positive number"),
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return OK;
            }
            other => return usage_error(&format!("unknown bench option \"{other}\"")),
        }
    }
    match crate::bench::run(pages) {
        Ok(report) => {
            println!("{report}");
            OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            USAGE_ERROR
        }
    }
}
