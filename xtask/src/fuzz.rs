//! `cargo xtask fuzz [--seconds N | --runs N] [TARGET…]`: libFuzzer (through cargo-fuzz) over
//! every decoder that reads the network or a scraped page (`fuzz/`), then a table of
//! executions, coverage and findings.
//!
//! Built with debug assertions (an integer overflow is a finding) and without a sanitizer:
//! the decoders are safe Rust, so ASan would only slow them down 2–3×. A crash or a hang
//! over 1 s is copied to `fuzz/regressions/<target>/`, which `cargo test` replays for ever;
//! the command then fails, naming the file. The corpus grows in `target/fuzz/corpus/` from
//! seeds made of the project's own feed, archive and pages (`fuzz/examples/seeds.rs`).

use std::path::{Path, PathBuf};

use crate::{run, tool, Result};

/// The targets, the longest input each is given (enough for a few items, files or a whole
/// page, short enough to keep executions fast), and whether comparisons are traced.
///
/// Tracing every comparison lets libFuzzer guess the keys and keywords a JSON decoder looks
/// for, but it is ~40 % of the time of a page extraction and over half of an archive file's
/// (perf): those two are built without it, for the millions of executions they need, and
/// start from seeds that already hold every key.
const TARGETS: [(&str, usize, Compares); 5] = [
    ("feed_decode", 16_384, Compares::Traced),
    ("archive_manifest", 8_192, Compares::Traced),
    ("archive_files", 16_384, Compares::Untraced),
    ("url_state", 1_024, Compares::Traced),
    ("ingest_page", 16_384, Compares::Untraced),
];
const CARGO_FUZZ: &str = "0.13.2";

#[derive(Clone, Copy, PartialEq)]
enum Compares {
    Traced,
    Untraced,
}

impl Compares {
    fn build_dir(self) -> &'static str {
        match self {
            Compares::Traced => "target/fuzz/build",
            Compares::Untraced => "target/fuzz/build-untraced",
        }
    }
}

enum Budget {
    Seconds(u64),
    Runs(u64),
}

struct Outcome {
    target: &'static str,
    runs: u64,
    seconds: u64,
    coverage: String,
    findings: Vec<PathBuf>,
}

fn ensure_cargo_fuzz() -> Result {
    let installed = std::process::Command::new("cargo").args(["fuzz", "--version"]).output();
    if installed.is_ok_and(|o| o.status.success() && String::from_utf8_lossy(&o.stdout).contains(CARGO_FUZZ)) {
        return Ok(());
    }
    run(tool("cargo").args(["install", "cargo-fuzz", "--version", CARGO_FUZZ, "--locked"]))
}

/// libFuzzer's closing lines: `Done N runs in S second(s)` and the last status line's `cov:`.
fn parse_log(log: &str) -> (u64, u64, String) {
    let mut runs = 0;
    let mut seconds = 0;
    let mut coverage = String::from("?");
    for line in log.lines() {
        if let Some(rest) = line.strip_prefix("Done ") {
            let words: Vec<&str> = rest.split_whitespace().collect();
            runs = words.first().and_then(|n| n.parse().ok()).unwrap_or(0);
            seconds = words.get(3).and_then(|n| n.parse().ok()).unwrap_or(0);
        }
        if let Some(at) = line.find("cov: ") {
            coverage = line[at + 5..].split_whitespace().next().unwrap_or("?").to_owned();
        }
    }
    (runs, seconds, coverage)
}

fn fuzz_one(target: &'static str, max_len: usize, compares: Compares, budget: &Budget) -> Result<Outcome> {
    let corpus = PathBuf::from("target/fuzz/corpus").join(target);
    let artifacts = PathBuf::from("target/fuzz/artifacts").join(target);
    for dir in [&corpus, &artifacts] {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let before: Vec<PathBuf> = files(&artifacts);
    let binary = Path::new(compares.build_dir()).join("x86_64-unknown-linux-gnu/release").join(target);
    let mut command = std::process::Command::new(&binary);
    command
        .arg(&corpus)
        .arg(Path::new("target/fuzz/seed").join(target))
        .arg(format!("-max_len={max_len}"))
        .arg("-timeout=1")
        .arg("-rss_limit_mb=2048")
        .arg("-print_final_stats=1")
        .arg(format!("-artifact_prefix={}/", artifacts.display()));
    command.arg(match budget {
        Budget::Seconds(s) => format!("-max_total_time={s}"),
        Budget::Runs(n) => format!("-runs={n}"),
    });
    // libFuzzer reports on stderr: kept in a log, to follow a long run and to read afterwards.
    let log_path = PathBuf::from("target/fuzz").join(format!("{target}.log"));
    let log_file = std::fs::File::create(&log_path).map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    command.stdout(std::process::Stdio::null()).stderr(log_file);
    eprintln!("\n=== fuzz {target} (log: {}): {}", log_path.display(), crate::describe(&command));
    let status = command.status().map_err(|e| format!("cannot run {}: {e} (was it built?)", binary.display()))?;
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let (runs, seconds, coverage) = parse_log(&log);
    let tail: Vec<&str> = log.lines().rev().take(4).collect();
    eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
    let mut findings = Vec::new();
    for artifact in files(&artifacts).into_iter().filter(|a| !before.contains(a)) {
        let keep = Path::new("fuzz/regressions").join(target);
        std::fs::create_dir_all(&keep).map_err(|e| e.to_string())?;
        let kept = keep.join(artifact.file_name().unwrap());
        std::fs::copy(&artifact, &kept).map_err(|e| e.to_string())?;
        findings.push(kept);
    }
    if findings.is_empty() && !status.success() {
        return Err(format!("fuzz target {target} stopped without a finding:\n{log}"));
    }
    Ok(Outcome { target, runs, seconds, coverage, findings })
}

fn files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default()
}

pub fn run_fuzz(args: &[String]) -> Result {
    let mut budget = Budget::Seconds(60);
    let mut chosen: Vec<&str> = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut number = |flag: &str| -> Result<u64> {
            args.next().and_then(|n| n.replace('_', "").parse().ok()).ok_or(format!("{flag} needs a number"))
        };
        match arg.as_str() {
            "--seconds" => budget = Budget::Seconds(number("--seconds")?),
            "--runs" => budget = Budget::Runs(number("--runs")?),
            name if TARGETS.iter().any(|(t, ..)| *t == name) => chosen.push(TARGETS.iter().find(|(t, ..)| *t == name).unwrap().0),
            other => return Err(format!("unknown argument {other}: targets are {}", TARGETS.map(|t| t.0).join(", "))),
        }
    }
    ensure_cargo_fuzz()?;
    // Seeds come from the bundled feed and archive: make sure they are there.
    if !Path::new("public/feed.json").exists() {
        crate::feed()?;
    }
    run(tool("cargo").args(["run", "--quiet", "-p", "bantin-fuzz", "--example", "seeds", "--", "target/fuzz/seed"]))?;
    let selected: Vec<_> = TARGETS.into_iter().filter(|(t, ..)| chosen.is_empty() || chosen.contains(t)).collect();
    for compares in [Compares::Traced, Compares::Untraced] {
        let targets: Vec<&str> = selected.iter().filter(|(.., c)| *c == compares).map(|(t, ..)| *t).collect();
        for target in targets {
            // cargo-fuzz's flags (-Z…) need a nightly compiler; RUSTC_BOOTSTRAP lets this
            // machine's one stable toolchain accept them, as when building the standard library.
            let mut build = tool("cargo");
            build.args(["fuzz", "build", target, "-O", "--debug-assertions", "--sanitizer", "none", "--features", "libfuzzer"]);
            build.args(["--target-dir", compares.build_dir()]).env("RUSTC_BOOTSTRAP", "1");
            if compares == Compares::Untraced {
                build.arg("--no-trace-compares");
            }
            run(&mut build)?;
        }
    }
    let mut outcomes = Vec::new();
    for (target, max_len, compares) in selected {
        outcomes.push(fuzz_one(target, max_len, compares, &budget)?);
    }
    println!("\n{:<18} {:>14} {:>8} {:>10} {:>8}  findings", "target", "executions", "seconds", "exec/s", "cov");
    let mut found = Vec::new();
    for o in &outcomes {
        let rate = o.runs / o.seconds.max(1);
        println!("{:<18} {:>14} {:>8} {:>10} {:>8}  {}", o.target, o.runs, o.seconds, rate, o.coverage, o.findings.len());
        found.extend(o.findings.iter().map(|f| f.display().to_string()));
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!("the fuzzers found {} failing input(s), kept for `cargo test`:\n  {}", found.len(), found.join("\n  ")))
    }
}
