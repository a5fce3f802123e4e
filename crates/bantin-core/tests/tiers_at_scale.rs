//! At the benchmark's scale, a ranked search answered from tiers (format 10) equals the same
//! search answered from the postings (its tiers refused, as after a failed fetch): count and
//! cards in order, for the first page and the second. It prints, for each, whether the tiers
//! proved it alone (format 11: or a window's article had no ordinal, or the tiers ended, and
//! the postings answered). The unit tests prove this on small
//! archives; this checks a built million-article site. Not run by `cargo xtask test` (it needs
//! the benchmark's site):
//!
//! ```sh
//! cargo xtask bench-archive --count 1000000 --no-pagefind
//! SITE=$PWD/target/bench-archive/1000000/site QUERIES='q=h%E1%BA%A1n%20ch%E1%BA%BF|q=n%C3%B4ng%20th%C3%B4n' \
//!   cargo test --release -p bantin-core --test tiers_at_scale -- --ignored --nocapture
//! ```

use bantin_core::archive::read::{Archive, Need};
use bantin_core::url::UrlState;

/// The count and the first `shown` cards' ids of `q` over `site`, with or without tiers, and
/// whether any word chunk (postings) was read.
fn run(site: &std::path::Path, manifest: &str, q: &str, shown: usize, tiers: bool) -> ((usize, Vec<String>), bool) {
    let mut postings = false;
    let mut archive = Archive::new(manifest).unwrap();
    let query = UrlState::parse(&format!("?{q}")).query;
    for _ in 0..100 {
        let needs = archive.missing(&query, shown);
        if needs.is_empty() { break; }
        for need in needs {
            postings |= matches!(need, Need::Chunk(_));
            if !tiers && matches!(need, Need::Tier { .. }) { archive.fail(need, "off"); continue; }
            let path = if need.beside_feed() { archive.path(need) } else { format!("archive/{}", archive.path(need)) };
            match std::fs::read_to_string(site.join(&path)) { Ok(t) => archive.insert(need, &t).unwrap(), Err(_) => archive.fail(need, "404") }
        }
    }
    let a = archive.answer(&query, shown);
    ((a.total, a.cards.iter().map(|c| c.id.clone()).collect()), postings)
}

#[test]
#[ignore = "needs a built site: see the module doc"]
fn tiers_equal_postings() {
    let site = std::path::PathBuf::from(std::env::var("SITE").unwrap());
    let name = std::fs::read_dir(site.join("archive")).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name().into_string().unwrap()).find(|n| n.starts_with("manifest-") && n.ends_with(".json")).unwrap();
    let manifest = std::fs::read_to_string(site.join("archive").join(name)).unwrap();
    for q in std::env::var("QUERIES").unwrap().split('|') {
        for shown in [30, 60] {
            let (a, postings) = run(&site, &manifest, q, shown, true);
            let (b, _) = run(&site, &manifest, q, shown, false);
            let how = if postings { "the postings answered" } else { "proved by the tiers" };
            println!("{q} {shown}: equal {} (total {} / {}), {how}", a == b, a.0, b.0);
            assert_eq!(a, b);
        }
    }
}
