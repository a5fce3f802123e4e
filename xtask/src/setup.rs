//! Install whatever is missing, and nothing that is already there.
//!
//! Versions and traps are in ../shared/TOOLCHAIN.md: trunk 0.21.14, wasm-bindgen-cli equal to
//! the `wasm-bindgen` in Cargo.lock, wasm-opt from npm's `binaryen` (never Debian's), Debian's
//! Chromium. Everything comes from crates.io, npm or Debian; nothing downloads a binary.

use std::path::Path;
use std::process::Command;

use crate::{run, tool, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
/// Chromium for the browser tests; nginx to check `dist/nginx.conf.example` for real
/// (tests/e2e/headers.spec.ts); brotli for the build's precompressed twins.
const DEBIAN_PACKAGES: [(&str, &str); 4] = [
    ("chromium", "/usr/bin/chromium"),
    ("chromium-driver", "/usr/bin/chromedriver"),
    ("nginx", "/usr/sbin/nginx"),
    ("brotli", "/usr/bin/brotli"),
];

/// PATH with npm's and cargo's tool directories first.
pub fn tool_path() -> String {
    let root = std::env::current_dir().unwrap_or_default();
    let home = std::env::var("CARGO_HOME")
        .unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()));
    format!("{}:{home}/bin:{}", root.join("node_modules/.bin").display(), std::env::var("PATH").unwrap_or_default())
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = tool(program).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The exact `wasm-bindgen` version in Cargo.lock: the CLI must match it.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock").map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen entry".into())
}

/// Ensure the build tools; with `browser`, also what the tests need (Chromium, npm packages).
pub fn ensure(browser: bool) -> Result {
    let targets = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets.lines().any(|t| t.trim() == "wasm32-unknown-unknown") {
        run(tool("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let trunk = output_of("trunk", &["--version"]).unwrap_or_default();
    if !trunk.contains(TRUNK_VERSION) {
        eprintln!("Installing trunk {TRUNK_VERSION} from crates.io (about 7 minutes, once)…");
        run(tool("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))?;
    }
    let wanted = wasm_bindgen_version()?;
    let bindgen = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !bindgen.split_whitespace().any(|w| w == wanted) {
        eprintln!("Installing wasm-bindgen-cli {wanted} (matches Cargo.lock)…");
        // Not --locked: one of its locked dependencies is no longer on the registry.
        run(tool("cargo").args(["install", "wasm-bindgen-cli", "--version", &wanted]))?;
    }
    ensure_npm()?;
    let mut missing: Vec<&str> =
        DEBIAN_PACKAGES.iter().filter(|(_, path)| !Path::new(path).exists()).map(|(name, _)| *name).collect();
    if !browser {
        missing.retain(|name| *name == "brotli");
    }
    if !missing.is_empty() {
        install_debian(&missing)?;
    }
    Ok(())
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
fn ensure_npm() -> Result {
    let installed = Path::new("node_modules/.package-lock.json");
    let stale = match (std::fs::metadata(installed), std::fs::metadata("package-lock.json")) {
        (Ok(have), Ok(want)) => have.modified().ok() < want.modified().ok(),
        _ => true,
    };
    if stale {
        // Playwright must use Debian's Chromium: never download a browser.
        run(tool("npm").args(["ci", "--no-audit", "--no-fund"]).env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    }
    Ok(())
}

fn install_debian(packages: &[&str]) -> Result {
    let is_root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    if !is_root {
        return Err(format!(
            "these Debian packages are missing: {list}\n  Install them once as root, then run this command again:\n    sudo apt-get update && sudo apt-get install -y {list}",
            list = packages.join(" ")
        ));
    }
    run(Command::new("apt-get").args(["update", "-qq"]))?;
    run(Command::new("apt-get").args(["install", "-y", "-qq", "--no-install-recommends"]).args(packages).env("DEBIAN_FRONTEND", "noninteractive"))
}
