//! Native timing of `Index::search` on the search benchmark's corpus and queries, for
//! profiling (`perf record`) without a browser:
//!
//! ```sh
//! python3 -c "import json; json.dump(json.load(open('target/bench-search/100000/results.json'))['queries'], open('/tmp/q.json', 'w'))"
//! cargo build --release -p bantin-core --example profile_search
//! REPS=20 target/release/examples/profile_search /tmp/q.json target/bench-search/100000/corpus/items-000*.json
//! ```
//!
//! Prints per query its class, text, result count, the reference's count and the median ms.
//! The benchmark's figures are the browser's (`cargo xtask bench-search`); these are not.

use std::time::Instant;
use bantin_core::feed::Item;
use bantin_core::query::{Index, Query};

#[derive(serde::Deserialize)]
struct Feed { items: Vec<Item> }
#[derive(serde::Deserialize)]
struct Q { text: String, districts: Option<Vec<String>>, class: String, expected: usize }

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let queries: Vec<Q> = serde_json::from_str(&std::fs::read_to_string(&args[0]).unwrap()).unwrap();
    let mut items = Vec::new();
    for path in &args[1..] {
        let feed: Feed = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        items.extend(feed.items);
    }
    let t = Instant::now();
    let index = Index::new(items);
    eprintln!("build {:?}", t.elapsed());
    for q in &queries {
        let query = Query { text: q.text.clone(), districts: q.districts.clone().unwrap_or_default(), ..Query::default() };
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..std::env::var("REPS").ok().and_then(|r| r.parse().ok()).unwrap_or(5) {
            let t = Instant::now();
            n = index.search(&query).len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!("{:24} {:28} {:7} {:7} {:8.2}", q.class, q.text, n, q.expected, times[times.len() / 2]);
    }
}
