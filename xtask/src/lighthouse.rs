//! `cargo xtask lighthouse`: Lighthouse 12.8.2 (the last that runs on Node 20) in Debian's
//! Chromium, mobile preset (simulated slow 4G), on the release build. Prints performance,
//! accessibility and LCP; the JSON report is kept in target/lighthouse.json.

use std::path::Path;

use crate::{run, server, tool, Result};

const PORT: u16 = 4190;

pub fn run_lighthouse() -> Result {
    let dist = Path::new("dist");
    if !dist.join("index.html").exists() {
        return Err("no dist/: run `cargo xtask build` first".into());
    }
    let root = dist.to_path_buf();
    std::thread::spawn(move || server::serve(&root, PORT, None));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let report = "target/lighthouse.json";
    run(tool("npx")
        .args(["--yes", "lighthouse@12.8.2", &format!("http://127.0.0.1:{PORT}/index.html")])
        .args(["--quiet", "--output=json", &format!("--output-path={report}")])
        .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run")
        .env("CHROME_PATH", "/usr/bin/chromium"))?;
    let text = std::fs::read_to_string(report).map_err(|e| format!("no report: {e}"))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let score = |c: &str| json["categories"][c]["score"].as_f64().map(|s| (s * 100.0).round()).unwrap_or(f64::NAN);
    let lcp = json["audits"]["largest-contentful-paint"]["numericValue"].as_f64().unwrap_or(f64::NAN);
    println!(
        "Lighthouse mobile: performance {}, accessibility {}, best practices {}, LCP {:.1} s (report: {report})",
        score("performance"),
        score("accessibility"),
        score("best-practices"),
        lcp / 1000.0
    );
    Ok(())
}
