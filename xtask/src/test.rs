//! `cargo xtask test`: every suite (native, wasm in headless Chromium, end-to-end in Chromium),
//! then one closing line `N passed, N failed` totalling them all, for people and for CI.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::{describe, setup, tool, Result};

#[derive(Default, Debug, Clone, Copy, PartialEq)]
struct Tally {
    passed: u64,
    failed: u64,
    skipped: u64,
}

/// Sum cargo's `test result: ok. N passed; M failed; K ignored; …` lines.
fn parse_cargo_line(line: &str, tally: &mut Tally) {
    let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
    for part in rest.split([';', '.']) {
        let mut words = part.split_whitespace();
        if let (Some(n), Some(kind)) = (words.next().and_then(|n| n.parse::<u64>().ok()), words.next()) {
            match kind {
                "passed" => tally.passed += n,
                "failed" => tally.failed += n,
                "ignored" => tally.skipped += n,
                _ => {}
            }
        }
    }
}

/// Run a cargo test command, streaming its output and counting its results.
fn cargo_suite(name: &str, mut command: Command) -> Tally {
    eprintln!("\n=== {name}: {}", describe(&command));
    let mut tally = Tally::default();
    let child = command.stdout(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!("could not start {name}: {e}");
            return Tally { failed: 1, ..tally };
        }
    };
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(|l| l.ok()) {
            println!("{line}");
            parse_cargo_line(&line, &mut tally);
        }
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    if !ok && tally.failed == 0 {
        eprintln!("{name} failed before reporting a failing test (build error?): counted as 1 failure");
        tally.failed = 1;
    }
    tally
}

fn playwright_suite() -> Tally {
    let report = "target/playwright-report.json";
    // A report left by an earlier run must not be counted if this one dies early.
    let _ = std::fs::remove_file(report);
    let mut command = tool("npx");
    command.args(["playwright", "test", "--reporter=list,json"]).env("PLAYWRIGHT_JSON_OUTPUT_NAME", report);
    eprintln!("\n=== end-to-end (Playwright, Debian Chromium): {}", describe(&command));
    let ok = command.status().is_ok_and(|s| s.success());
    let stats = std::fs::read_to_string(report)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .map(|json| json["stats"].clone());
    let count = |key: &str| stats.as_ref().and_then(|s| s[key].as_u64()).unwrap_or(0);
    let mut tally = Tally {
        passed: count("expected") + count("flaky"),
        failed: count("unexpected"),
        skipped: count("skipped"),
    };
    if !ok && tally.failed == 0 {
        eprintln!("Playwright failed without a failing test (setup error?): counted as 1 failure");
        tally.failed = 1;
    }
    tally
}

/// `frame-ancestors` of the end-to-end build: the default, plus the embed tests' portal.
pub const E2E_FRAME_ANCESTORS: &str = "'self' https: http://127.0.0.1:4174";

pub fn run() -> Result {
    if let Err(message) = setup::ensure(true) {
        // Still end with the count line CI reads.
        eprintln!("xtask: setup failed: {message}");
        println!("0 passed, 1 failed");
        return Err(String::new());
    }
    let mut suites: Vec<(&str, Tally)> = Vec::new();

    let mut native = tool("cargo");
    native.args(["test", "--workspace"]);
    suites.push(("native", cargo_suite("native (cargo test)", native)));

    let mut wasm = tool("cargo");
    wasm.args(["test", "-p", "bantin", "--target", "wasm32-unknown-unknown"])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", "wasm-bindgen-test-runner");
    suites.push(("wasm", cargo_suite("wasm components (headless Chromium)", wasm)));

    // The end-to-end tests run against a release build, as users get it.
    // …and against a generated archive of 20,000 articles (tests/e2e/archive-scale.spec.ts).
    // The embed tests' portal is a page on http://127.0.0.1:4174: the build lets it frame the
    // reader beside the default (any https origin), as a deployer would name their portal.
    let mut build = tool("cargo");
    build.args(["xtask", "build"]).env("BANTIN_FRAME_ANCESTORS", E2E_FRAME_ANCESTORS);
    let built = crate::run(&mut build).and_then(|()| crate::e2e_archive::prepare());
    if let Err(why) = &built {
        eprintln!("xtask: could not prepare the end-to-end tests: {why}");
    }
    suites.push(("e2e", if built.is_ok() { playwright_suite() } else { Tally { failed: 1, ..Tally::default() } }));

    eprintln!();
    let mut total = Tally::default();
    for (name, t) in &suites {
        eprintln!("{name:>8}: {} passed, {} failed, {} skipped", t.passed, t.failed, t.skipped);
        total.passed += t.passed;
        total.failed += t.failed;
        total.skipped += t.skipped;
    }
    eprintln!("{} skipped", total.skipped);
    // The last line, for people and CI alike.
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed > 0 || total.passed == 0 {
        return Err(String::new());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_cargo_result_lines() {
        let mut t = Tally::default();
        parse_cargo_line("test result: ok. 27 passed; 0 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s", &mut t);
        parse_cargo_line("test result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out", &mut t);
        parse_cargo_line("running 4 tests", &mut t);
        assert_eq!(t, Tally { passed: 30, failed: 1, skipped: 2 });
    }
}
