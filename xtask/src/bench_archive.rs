//! `cargo xtask bench-archive`: the reader over a large archive (CONTRACT §5) against a static
//! search peer (Pagefind), in Chromium on emulated slow 4G with a 4× slower CPU.
//!
//! Per corpus size N: generate the corpus (`bantin-ingest synth`, cached under
//! `target/bench-archive/<N>/corpus` by seed and count), pick the scenarios and their exact
//! answers from it ([`facts`]), build the Bantin site (`bantin-ingest archive`, plus the app
//! shell from `dist/`) and, where it fits in memory, the Pagefind site
//! (`bench/archive/pagefind.mjs`), serve both with `cargo xtask static`, and run
//! `bench/archive/run.mjs`. The table is printed at the end and the figures are written to
//! `target/bench-archive.json`. See bench/archive/README.md.

pub(crate) mod facts;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::{run, tool, Result};

const USAGE: &str = "\
usage: cargo xtask bench-archive [--count N]... [--pagefind N]... [--no-pagefind] [--seed S]

  --count N      a corpus size for Bantin (repeatable; default 100000 and 1000000)
  --pagefind N   a corpus size for Pagefind too (repeatable; default 10000 and 40000: its indexer
                 needs ~250 KB of memory per page, so 100000 pages do not fit in 24 GB)
  --no-pagefind  Bantin only
  --seed S       corpus seed (default 1)";

/// Pagefind sizes when none are given, and the largest one allowed without `--pagefind` naming it.
const PAGEFIND_DEFAULT: [usize; 2] = [10_000, 40_000];
/// Without the `archive` subcommand, Bantin reads one bare feed.json: only small sizes make sense.
const FALLBACK_MAX: usize = 20_000;
/// Bumped when the scenario picker changes, so cached scenarios are recomputed.
const FACTS_VERSION: u32 = 4;
const ROOT: &str = "target/bench-archive";

struct Options {
    counts: Vec<usize>,
    pagefind: Vec<usize>,
    seed: u64,
}

fn parse(args: &[String]) -> Result<Options> {
    let mut counts = Vec::new();
    let mut pagefind = Vec::new();
    let mut no_pagefind = false;
    let mut seed = 1;
    let mut it = args.iter();
    let number = |v: Option<&String>, flag: &str| -> Result<usize> {
        v.and_then(|v| v.replace('_', "").parse().ok()).filter(|n| *n > 0).ok_or_else(|| format!("{flag} needs a positive number\n{USAGE}"))
    };
    while let Some(a) = it.next() {
        match a.as_str() {
            "--count" => counts.push(number(it.next(), "--count")?),
            "--pagefind" => pagefind.push(number(it.next(), "--pagefind")?),
            "--no-pagefind" => no_pagefind = true,
            "--seed" => seed = number(it.next(), "--seed")? as u64,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if counts.is_empty() && pagefind.is_empty() {
        counts = vec![100_000, 1_000_000];
        pagefind = PAGEFIND_DEFAULT.to_vec();
    }
    if no_pagefind {
        pagefind.clear();
    }
    Ok(Options { counts, pagefind, seed })
}

/// FNV-1a of files' contents: part of cache stamps, so a changed generator invalidates them.
pub(crate) fn hash_files(paths: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in paths {
        for b in std::fs::read(p).unwrap_or_default() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("target"))
}

/// The corpus for one size: its files, generated unless the stamp says they are current.
pub(crate) fn corpus(ingest: &Path, dir: &Path, count: usize, seed: u64) -> Result<(Vec<PathBuf>, String)> {
    let stamp = format!(
        "count={count} seed={seed} synth={}",
        hash_files(&["crates/bantin-ingest/src/synth.rs", "crates/bantin-ingest/src/bench.rs"])
    );
    let stamp_file = dir.join("corpus.stamp");
    if let Ok(text) = std::fs::read_to_string(&stamp_file) {
        let mut lines = text.lines();
        if lines.next() == Some(stamp.as_str()) {
            let files: Vec<PathBuf> = lines.map(PathBuf::from).collect();
            if !files.is_empty() && files.iter().all(|f| f.is_file()) {
                eprintln!("corpus {count} (seed {seed}): cached in {}", dir.join("corpus").display());
                return Ok((files, stamp));
            }
        }
    }
    let corpus_dir = dir.join("corpus");
    let _ = std::fs::remove_dir_all(&corpus_dir);
    let out = Command::new(ingest)
        .args(["synth", "--count", &count.to_string(), "--seed", &seed.to_string(), "--out"])
        .arg(corpus_dir.join("items.json"))
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", ingest.display()))?;
    if !out.status.success() {
        return Err(format!("bantin-ingest synth failed ({})", out.status));
    }
    let files: Vec<PathBuf> = String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect();
    let listing: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    std::fs::write(&stamp_file, format!("{stamp}\n{}\n", listing.join("\n"))).map_err(|e| e.to_string())?;
    Ok((files, stamp))
}

/// Whether this bantin-ingest has the `archive` subcommand (CONTRACT §5).
pub(crate) fn has_archive(ingest: &Path) -> bool {
    Command::new(ingest)
        .arg("--help")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("bantin-ingest archive"))
}

/// The bundled feed and archive inside `dist/`: a generated site brings its own, and copying
/// the app shell over it must not clobber its `feed/`, `districts/`, `articles/` or `archive/`.
pub(crate) fn is_bundled_data(name: &str) -> bool {
    name.starts_with("feed.json") || matches!(name, "feed" | "districts" | "articles" | "archive" | ".bantin-files" | "rejects.json")
}

pub(crate) fn copy_dir(from: &Path, to: &Path, skip: &dyn Fn(&str) -> bool) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if skip(&name) {
            continue;
        }
        let (src, dst) = (entry.path(), to.join(&name));
        if src.is_dir() {
            copy_dir(&src, &dst, &|_| false)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))?;
        }
    }
    Ok(())
}

/// `bantin-ingest archive FILES --out SITE`, reporting the time and the bytes on disk.
pub(crate) fn build_archive(ingest: &Path, files: &[PathBuf], site: &Path, items: usize) -> Result {
    let t = Instant::now();
    run(Command::new(ingest).arg("archive").args(files).arg("--out").arg(site))?;
    eprintln!("archive built in {:.1} s", t.elapsed().as_secs_f64());
    let mut data = Vec::new();
    for part in ["archive", "articles", "districts", "feed"] {
        walk(&site.join(part), &mut data);
    }
    let bytes: u64 = data.iter().filter(|f| !f.to_string_lossy().ends_with(".gz")).filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
    eprintln!("archive on disk: {} files, {:.2} GB, {:.1} KB per article (uncompressed)", data.len(), bytes as f64 / 1e9, bytes as f64 / 1e3 / items as f64);
    Ok(())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Above this many files, data gets no twins: writing a million gzip files takes hours on
/// this disk, so the server compresses data on the fly instead (tower-http's defaults), as a
/// host without precompression would. The shell is precompressed at every size.
const TWINS_MAX_FILES: usize = 300_000;

/// Whether a data file is one of the archive's entry files: `feed.json`, the manifest and the
/// district feeds, which change with each update but which every visitor (or every visitor of
/// one district) pays first. A deployer precompresses these few files with brotli -q 11
/// (docs/archive.md, "Serving"); the rest of the data as the host does.
fn is_entry_file(site: &Path, file: &Path) -> bool {
    let relative = file.strip_prefix(site).unwrap_or(file).to_string_lossy();
    relative == "feed.json" || (relative.starts_with("archive/manifest-") && relative.ends_with(".json")) || (relative.starts_with("districts/") && relative.ends_with(".json"))
}

/// Precompressed twins, as a production static host serves them (the static server sends a
/// `.br`/`.gz` twin when the browser accepts it): brotli -q 11 for the app shell (JS, wasm,
/// CSS, HTML) and the archive's entry files ([`is_entry_file`]), gzip -6 for other data.
/// Files that are already gzip (Pagefind's index) are left alone.
pub(crate) fn precompress(site: &Path) -> Result {
    let mut files = Vec::new();
    walk(site, &mut files);
    if files.len() > TWINS_MAX_FILES {
        eprintln!("{}: {} files: data is compressed on the fly by the server, not precompressed", site.display(), files.len());
        // Twins left by an interrupted run would make some data files gzip -6 and others not.
        for f in files.iter().filter(|f| f.parent() != Some(site) && f.extension().is_some_and(|e| e == "gz")) {
            let _ = std::fs::remove_file(f);
        }
        files.retain(|f| f.parent() == Some(site) || is_entry_file(site, f));
    }
    let brotli = Path::new("/usr/bin/brotli").exists();
    let (mut br, mut gz) = (Vec::new(), Vec::new());
    for f in files {
        let name = f.to_string_lossy().into_owned();
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
        if matches!(ext, "png" | "ico" | "jpg" | "webp") {
            continue;
        }
        let mut magic = [0u8; 2];
        if std::fs::File::open(&f).and_then(|mut h| std::io::Read::read_exact(&mut h, &mut magic)).is_err() || magic == [0x1f, 0x8b] {
            continue;
        }
        // HTML is shell at the site's root (index.html, search.html); Pagefind's item pages are data.
        let at_root = f.parent() == Some(site);
        let shell = matches!(ext, "js" | "mjs" | "wasm" | "css" | "svg" | "webmanifest") || name.ends_with(".pagefind") || (ext == "html" && at_root) || is_entry_file(site, &f);
        let twin = PathBuf::from(format!("{name}.{}", if shell && brotli { "br" } else { "gz" }));
        let fresh = twin.metadata().and_then(|t| t.modified()).ok() >= f.metadata().and_then(|m| m.modified()).ok();
        if twin.exists() && fresh {
            continue;
        }
        if shell && brotli { br.push(f) } else { gz.push(f) }
    }
    if !br.is_empty() || !gz.is_empty() {
        eprintln!("precompressing {}: {} file(s) brotli -q 11, {} gzip -6", site.display(), br.len(), gz.len());
    }
    let batches = br.chunks(200).map(|c| ("brotli", ["-f", "-k", "-q", "11"].as_slice(), c)).chain(gz.chunks(500).map(|c| ("gzip", ["-f", "-k", "-n", "-6"].as_slice(), c)));
    for (program, flags, chunk) in batches {
        let status = Command::new(program).args(flags).args(chunk).status().map_err(|e| format!("{program}: {e}"))?;
        if !status.success() {
            return Err(format!("{program} failed ({status})"));
        }
    }
    Ok(())
}

/// The Pagefind site for a corpus in `dir/pagefind` (`bench/archive/pagefind.mjs`), rebuilt
/// only when the corpus stamp or the page generator changed; precompressed.
pub(crate) fn pagefind_site(dir: &Path, files: &[PathBuf], corpus_stamp: &str) -> Result<PathBuf> {
    let pf = dir.join("pagefind");
    let pf_stamp = format!("{corpus_stamp} pagefind={}", hash_files(&["bench/archive/pagefind.mjs", "package-lock.json"]));
    if std::fs::read_to_string(dir.join("pagefind.stamp")).ok().as_deref() != Some(pf_stamp.as_str()) {
        let _ = std::fs::remove_dir_all(&pf);
        let t = Instant::now();
        run(tool("node").args(["bench/archive/pagefind.mjs", "--out"]).arg(&pf).args(files))?;
        eprintln!("Pagefind site built in {:.1} s", t.elapsed().as_secs_f64());
        std::fs::write(dir.join("pagefind.stamp"), &pf_stamp).map_err(|e| e.to_string())?;
    }
    precompress(&pf)?;
    Ok(pf)
}

/// `cargo xtask static DIR PORT`, started in the background; ready when the port answers.
pub(crate) struct Server(Child);

impl Server {
    pub(crate) fn start(dir: &Path, port: u16) -> Result<Server> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        eprintln!("$ cargo xtask static {} {port}", dir.display());
        let child = Command::new(exe)
            .args(["static", &dir.display().to_string(), &port.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start the static server: {e}"))?;
        let server = Server(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(20) {
                return Err(format!("the static server did not answer on port {port}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn run_bench(args: &[String]) -> Result {
    let opts = parse(args)?;
    crate::setup::ensure(true)?;
    run(tool("cargo").args(["build", "--release", "--quiet", "-p", "bantin-ingest"]))?;
    let ingest = target_dir().join("release/bantin-ingest");
    if !Path::new("dist/index.html").exists() {
        eprintln!("dist/ is missing: building the app first");
        crate::build()?;
    }
    let archive = has_archive(&ingest);
    let mode = if archive { "archive" } else { "feed" };
    if archive {
        eprintln!("Bantin mode: archive (`bantin-ingest archive` writes feed.json + _bantin.archive, districts/, archive/)");
    } else {
        eprintln!(
            "Bantin mode: FALLBACK (no `bantin-ingest archive` yet): the corpus is served as one bare feed.json, \
             only at sizes ≤ {FALLBACK_MAX}"
        );
    }
    let mut sizes: Vec<usize> = opts.counts.iter().chain(&opts.pagefind).copied().collect();
    sizes.sort_unstable();
    sizes.dedup();
    let mut results = Vec::new();
    for (k, &n) in sizes.iter().enumerate() {
        eprintln!("\n=== {n} items");
        let dir = PathBuf::from(format!("{ROOT}/{n}"));
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let (files, stamp) = corpus(&ingest, &dir, n, opts.seed)?;
        let scenarios = dir.join("scenarios.json");
        let facts_stamp = format!("{stamp} facts={FACTS_VERSION}");
        if std::fs::read_to_string(dir.join("scenarios.stamp")).ok().as_deref() != Some(facts_stamp.as_str()) || !scenarios.is_file() {
            eprintln!("picking scenarios and counting their exact answers…");
            let value = facts::compute(&files, &scenarios)?;
            eprintln!("  done in {:.1} s", value["facts"]["seconds"].as_f64().unwrap_or(0.0));
            std::fs::write(dir.join("scenarios.stamp"), &facts_stamp).map_err(|e| e.to_string())?;
        }

        let mut harness = tool("node");
        harness.args(["bench/archive/run.mjs", "--size", &n.to_string(), "--scenarios"]).arg(&scenarios);
        harness.arg("--out").arg(dir.join("results.json"));
        let mut servers = Vec::new();
        let port = 4300 + 2 * k as u16;

        // Bantin.
        let site = dir.join("site");
        let bantin = if archive {
            build_archive(&ingest, &files, &site, n)?;
            true
        } else if n <= FALLBACK_MAX {
            let _ = std::fs::remove_dir_all(&site);
            std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
            let [one] = files.as_slice() else { return Err(format!("expected one corpus file for {n} items")) };
            std::fs::copy(one, site.join("feed.json")).map_err(|e| format!("cannot copy the corpus: {e}"))?;
            true
        } else {
            eprintln!("Bantin: skipped at {n} items (fallback mode serves one bare feed.json: ≤ {FALLBACK_MAX} only)");
            false
        };
        if bantin {
            copy_dir(Path::new("dist"), &site, &is_bundled_data)?;
            precompress(&site)?;
            servers.push(Server::start(&site, port)?);
            harness.args(["--bantin", &format!("http://127.0.0.1:{port}/"), "--mode", mode]);
        }

        // Pagefind, where it fits.
        if opts.pagefind.contains(&n) {
            let pf = pagefind_site(&dir, &files, &stamp)?;
            servers.push(Server::start(&pf, port + 1)?);
            harness.args(["--pagefind", &format!("http://127.0.0.1:{}/search.html", port + 1)]);
        } else if !opts.pagefind.is_empty() {
            eprintln!("Pagefind: not run at {n} items (its indexer needs ~250 KB per page; name the size with --pagefind to try)");
        }
        if servers.is_empty() {
            continue;
        }
        run(&mut harness)?;
        drop(servers);
        results.push(dir.join("results.json"));
    }
    if results.is_empty() {
        return Err("nothing was measured".into());
    }
    run(tool("node").args(["bench/archive/run.mjs", "--report", "target/bench-archive.json"]).args(&results))
}
