//! `cargo xtask <command>`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! Every command first installs what it needs and is missing (idempotently, from crates.io,
//! npm and Debian only), so a fresh machine needs nothing but `cargo xtask serve` or
//! `cargo xtask test`.

mod bench_archive;
mod bench_search;
mod e2e_archive;
mod fuzz;
mod headers;
mod lighthouse;
mod pwa;
mod server;
mod setup;
mod size;
mod test;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--port N]   set up, build the bundled feed and the app, serve it (default port 8080)
  test               set up, then run every test suite; ends with `N passed, N failed`
  build              set up, build the feed and a deployable dist/ (relative URLs)
  feed               rebuild public/feed.json from data/pages with bantin-ingest
  size               size report of dist/ (raw / gzip / brotli) against the budget
  lighthouse         Lighthouse 12.8.2 mobile run on dist/ (performance, accessibility, LCP)
  bench              ingest throughput and query speed benchmarks
  bench-archive [--count N]... [--pagefind N]...
                     the reader over a synthetic archive vs Pagefind, in Chromium on slow 4G
                     (see bench/archive/README.md); table + target/bench-archive.json
  bench-search [--count N]...
                     search vs MiniSearch and FlexSearch in Chromium at 10k and 100k articles,
                     and ranking quality (MRR) of the labelled set (see bench/search/README.md)
  e2e-archive        generate the end-to-end tests' 20,000-article archive and its brute-force
                     answers (target/e2e-archive; `test` does this itself)
  fuzz [--seconds N | --runs N] [TARGET]...
                     libFuzzer over the feed, archive, URL and page decoders (default 60 s
                     each); findings go to fuzz/regressions/, replayed by `cargo test`
  static DIR PORT    serve a directory (used by the end-to-end tests)
  pwa DIR            regenerate icons and sw.js (precache list + version) for a built DIR
  setup [--browser]  only install the missing tools";

pub type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    std::env::set_current_dir(&root).expect("the project root exists");
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test::run(),
        Some("build") => setup::ensure(false).and_then(|()| build()),
        Some("feed") => feed(),
        Some("size") => size::report(Path::new("dist")).map(|_| ()),
        Some("bench") => bench(),
        Some("bench-archive") => bench_archive::run_bench(&args[1..]),
        Some("bench-search") => bench_search::run_bench(&args[1..]),
        Some("e2e-archive") => e2e_archive::prepare(),
        Some("fuzz") => fuzz::run_fuzz(&args[1..]),
        Some("static") if args.len() == 3 => {
            let port = args[2].parse().map_err(|_| format!("not a port number: {}", args[2]));
            port.and_then(|port| server::serve(Path::new(&args[1]), port, None))
        }
        Some("pwa") if args.len() == 2 => pwa::finish(Path::new(&args[1])),
        Some("lighthouse") => lighthouse::run_lighthouse(),
        Some("setup") => setup::ensure(args.iter().any(|a| a == "--browser")),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // An empty message: the command already said what failed.
            if !message.is_empty() {
                eprintln!("xtask: {message}");
            }
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// Run a command, echoing it; fail with a message naming it.
pub fn run(command: &mut Command) -> Result {
    eprintln!("$ {}", describe(command));
    let status = command.status().map_err(|e| format!("could not start `{}`: {e}", describe(command)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed ({status})", describe(command)))
    }
}

pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// A command with node_modules/.bin and cargo's bin directory on PATH, so trunk finds npm's
/// wasm-opt and the wasm-bindgen we installed.
pub fn tool(program: &str) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", setup::tool_path()).env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

pub fn feed() -> Result {
    // The repository holds exactly one generation of the bundled archive.
    for generated in ["public/archive", "public/articles", "public/districts", "public/feed", "public/.bantin-files"] {
        let path = Path::new(generated);
        let _ = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    }
    run(tool("cargo").args(["run", "--quiet", "--release", "-p", "bantin-ingest", "--", "build", "data/pages", "--out", "public"]))
}

/// The app shell's compiler flags, for the wasm target only (host code, build scripts and proc
/// macros are unaffected). Together they are ~14 KB brotli of the 160 KB budget:
/// - `--cfg erase_components`, Leptos's own switch: every component returns an erased
///   `AnyView`, so the view types of a page are not monomorphised into each other (~10 KB);
/// - `-Zlocation-detail=none -Zfmt-debug=none`: no file/line strings in panics and no `Debug`
///   output (~4 KB). Unstable flags of the stable compiler, so `RUSTC_BOOTSTRAP` is set for
///   this build alone, as for fuzzing. Nothing the reader shows uses `Debug` formatting (its
///   messages are `Display`); a panic still stops the app, only without saying where.
fn shell_build(command: &mut Command) -> &mut Command {
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", "-Zlocation-detail=none -Zfmt-debug=none --cfg erase_components")
}

fn build() -> Result {
    feed()?;
    run(tool("cargo").args(["fetch", "--quiet"]))?;
    run(shell_build(tool("trunk").args(["build", "--release", "--offline"])))?;
    run(tool("node").args(["scripts/prune-glue.mjs", "dist"]))?;
    run(tool("node").args(["scripts/minify.mjs", "dist"]))?;
    // The CSP hashes the final inline script; the worker then precaches the final page, and
    // the headers files name every file, the worker and icons included.
    headers::add_policy(Path::new("dist"))?;
    pwa::finish(Path::new("dist"))?;
    headers::write_files(Path::new("dist"))?;
    size::report(Path::new("dist")).map(|_| ())
}

fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port.parse().map_err(|_| format!("not a port number: {port}"))?,
        _ => return Err(format!("unknown arguments: {}\n{USAGE}", args.join(" "))),
    };
    setup::ensure(false)?;
    build()?;
    server::serve(Path::new("dist"), port, Some("Bantin is ready"))
}

fn bench() -> Result {
    run(tool("cargo").args(["run", "--quiet", "--release", "-p", "bantin-ingest", "--", "bench"]))?;
    run(tool("cargo").args(["bench", "-p", "bantin-core", "--bench", "query"]))
}
