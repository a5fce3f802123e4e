//! Size report of the app shell (wasm + JS + CSS in dist/): raw, gzip and brotli bytes,
//! against the budget of 160 KB brotli (DEVELOPERS.md). It prints; it does not fail the build,
//! because a budget is a number to watch, not a wall-clock style assertion.

use std::path::Path;
use std::process::Command;

use crate::Result;

pub const BUDGET_BROTLI: u64 = 160 * 1024;

fn compressed(program: &str, args: &[&str], file: &Path) -> Option<u64> {
    let out = Command::new(program).args(args).arg(file).output().ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// Print the table; returns the shell's brotli total.
pub fn report(dist: &Path) -> Result<u64> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("no {}: {e} (run `cargo xtask build` first)", dist.display()))?;
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("wasm" | "js" | "css")))
        .filter(|p| !p.file_name().is_some_and(|n| n == "sw.js" || n == "embed.js"))
        .collect();
    files.sort();
    println!("\nApp shell size ({}):", dist.display());
    println!("{:<44} {:>10} {:>10} {:>10}", "file", "raw", "gzip -9", "brotli");
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    for file in &files {
        let raw = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        let gz = compressed("gzip", &["-9", "-c"], file).unwrap_or(0);
        let br = compressed("brotli", &["-c", "-q", "11"], file).ok_or("brotli is missing: run `cargo xtask setup`")?;
        raw_total += raw;
        gz_total += gz;
        br_total += br;
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        println!("{:<44} {:>10} {:>10} {:>10}", name, kb(raw), kb(gz), kb(br));
    }
    println!("{:<44} {:>10} {:>10} {:>10}", "total (app shell)", kb(raw_total), kb(gz_total), kb(br_total));
    let verdict = if br_total <= BUDGET_BROTLI { "within" } else { "OVER" };
    println!("budget: {} brotli — {verdict} budget ({:.0}% used)\n", kb(BUDGET_BROTLI), br_total as f64 * 100.0 / BUDGET_BROTLI as f64);
    Ok(br_total)
}
