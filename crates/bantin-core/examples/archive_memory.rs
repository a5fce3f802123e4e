//! Native peak heap of answering queries over an archive on disk, the way the reader does
//! (`missing` → read each file → `insert` → `answer`), for finding what holds wasm memory
//! without a browser:
//!
//! ```sh
//! cargo build --release -p bantin-core --example archive_memory
//! target/release/examples/archive_memory target/bench-archive/1000000/site 'q=n%C3%B4ng+th%C3%B4n' 'q=...&district=...'
//! ```
//!
//! The queries run in order on one `Archive` (as the benchmark's ten actions do in one page);
//! per query it prints the result count, the heap held after it and the peak while answering
//! it. The benchmark's figures are the browser's (`cargo xtask bench-archive`); these are the
//! same data structures under the system allocator, not dlmalloc in wasm.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use bantin_core::archive::read::Archive;
use bantin_core::url::UrlState;

struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((site, queries)) = args.split_first() else {
        return Err("usage: archive_memory SITE_DIR QUERY_STRING...".into());
    };
    let site = Path::new(site);
    let feed = read(&site.join("feed.json"))?;
    let value: serde_json::Value = serde_json::from_str(&feed).map_err(|e| format!("feed.json: {e}"))?;
    let manifest_url = value["_bantin"]["archive"].as_str().ok_or("feed.json has no _bantin.archive")?.to_owned();
    drop(value);
    let manifest_path = site.join(&manifest_url);
    let base = manifest_path.parent().expect("the manifest is in a directory").to_owned();
    let mut archive = Archive::new(&read(&manifest_path)?)?;
    eprintln!("manifest: {} articles, heap {}", archive.total(), mb(HELD.load(Ordering::Relaxed)));
    for text in queries {
        let query = UrlState::parse(text).query;
        PEAK.store(HELD.load(Ordering::Relaxed), Ordering::Relaxed);
        let (mut files, mut bytes, mut evaluating) = (0, 0, 0);
        loop {
            let before = PEAK.swap(HELD.load(Ordering::Relaxed), Ordering::Relaxed);
            let needs = archive.missing(&query, 30);
            evaluating = evaluating.max(PEAK.load(Ordering::Relaxed));
            PEAK.fetch_max(before, Ordering::Relaxed);
            if needs.is_empty() {
                break;
            }
            for need in needs {
                let path = if need.beside_feed() { site.join(archive.path(need)) } else { base.join(archive.path(need)) };
                match read(&path) {
                    Ok(text) => {
                        files += 1;
                        bytes += text.len();
                        if let Err(why) = archive.insert(need, &text) {
                            eprintln!("  refused: {why}");
                        }
                    }
                    Err(why) => archive.fail(need, &why),
                }
            }
        }
        let answer = archive.answer(&query, 30);
        println!(
            "{text}: {} results, {files} files ({}), heap {} after, peak {} (evaluating: {})",
            answer.total,
            mb(bytes),
            mb(HELD.load(Ordering::Relaxed)),
            mb(PEAK.load(Ordering::Relaxed)),
            mb(evaluating)
        );
    }
    Ok(())
}
