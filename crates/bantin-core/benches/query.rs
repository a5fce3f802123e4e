//! Query speed on a synthetic archive, against a naive peer in the same run.
//!
//! `cargo bench -p bantin-core --bench query` (or `cargo xtask bench`). Prints the median
//! milliseconds per query for the index and for a naive scan that folds every article's text on
//! each query (what an app without a build-time index would do). No assertion on time: the
//! machine is shared; the ratio is the figure to watch.

use std::hint::black_box;
use std::time::Instant;

use bantin_core::feed::{Bantin, Item};
use bantin_core::fold::folded_words;
use bantin_core::query::{Index, Query};

const WORDS: &[&str] = &[
    "Hội", "nghị", "Ban", "chấp", "hành", "Đảng", "bộ", "huyện", "Ủy", "ban", "nhân", "dân", "tổ", "chức",
    "sơ", "kết", "bầu", "cử", "đại", "biểu", "nông", "thôn", "mới", "phòng", "chống", "dịch", "giáo", "dục",
    "an", "ninh", "quốc", "phòng", "môi", "trường", "đất", "đai", "kinh", "tế", "đầu", "tư", "Mặt", "trận",
];
const TOPICS: &[&str] = &["xay-dung-dang", "chinh-quyen", "bau-cu", "kinh-te", "nong-nghiep-ntm", "y-te-dich-benh"];

/// A deterministic pseudo-random text generator (no rand dependency; same corpus every run).
fn words(seed: &mut u64, n: usize) -> String {
    (0..n)
        .map(|_| {
            *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            WORDS[(*seed >> 33) as usize % WORDS.len()]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn corpus(n: usize) -> Vec<Item> {
    let mut seed = 42;
    (0..n)
        .map(|i| Item {
            id: format!("item-{i}"),
            url: None,
            title: words(&mut seed, 10),
            summary: words(&mut seed, 30),
            content_text: words(&mut seed, 300),
            date_published: format!("20{:02}-{:02}-{:02}T00:00:00+07:00", 15 + i % 10, 1 + i % 12, 1 + i % 28),
            authors: vec![],
            tags: vec![],
            bantin: Bantin {
                district_id: Some(format!("huyen-{}", i % 700)),
                topics: vec![TOPICS[i % TOPICS.len()].to_owned()],
                date_precision: "day".into(),
                ..Bantin::default()
            },
        })
        .collect()
}

fn median_ms(runs: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[runs / 2]
}

fn naive(items: &[Item], terms: &[String]) -> usize {
    items
        .iter()
        .filter(|item| {
            let words = folded_words(&format!("{} {} {}", item.title, item.summary, item.content_text));
            terms.iter().all(|t| words.iter().any(|w| w.starts_with(t.as_str())))
        })
        .count()
}

fn main() {
    let n: usize = std::env::var("BANTIN_BENCH_ARTICLES").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    let items = corpus(n);
    let start = Instant::now();
    let index = Index::new(items.clone());
    println!("index build: {n} articles in {:.0} ms", start.elapsed().as_secs_f64() * 1000.0);
    let queries = [
        ("text: 'dang bo'", Query { text: "dang bo".into(), ..Query::default() }),
        ("text: 'uy ban nhan'", Query { text: "uy ban nhan".into(), ..Query::default() }),
        ("district + topic", Query { districts: vec!["huyen-8".into()], topics: vec!["bau-cu".into()], ..Query::default() }),
        ("everything", Query { text: "bau".into(), topics: vec!["bau-cu".into(), "kinh-te".into()], ..Query::default() }),
    ];
    println!("{:<22} {:>8} {:>10} {:>10} {:>10} {:>8}", "query", "results", "index ms", "facets ms", "naive ms", "speed-up");
    for (name, query) in &queries {
        let results = index.search(query).len();
        let search = median_ms(9, || index.search(query).len());
        let facets = median_ms(9, || index.facets(query).districts.len());
        let terms = query.terms();
        let peer = if terms.is_empty() { f64::NAN } else { median_ms(3, || naive(&items, &terms)) };
        println!("{name:<22} {results:>8} {search:>10.2} {facets:>10.2} {peer:>10.1} {:>7.1}×", peer / search);
    }
}
