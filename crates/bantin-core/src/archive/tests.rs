//! The archive must answer every query exactly as the in-memory [`Index`] over the same items:
//! same counts, same facet counts, same cards in the same order. These tests lay out a
//! generated collection, drive the reader's fetch loop over the files, and compare.

use std::collections::HashMap;

use super::read::{read_article, Archive, Need};
use super::write::{card_fields, layout};
use super::*;
use crate::{date::Day, feed::{decode, Item}, query::{Index, Query}};

const WORDS: [&str; 28] = [
    "hội", "nghị", "Đảng", "bộ", "huyện", "Hòa", "hoa", "bầu", "cử", "nông", "thôn", "mới", "lúa", "đường", "giao", "thông",
    "Thủy", "lợi", "covid", "tiêm", "chủng", "an", "ninh", "2021", "cửa", "Hoà", "hóa", "thuỷ",
];
const DISTRICTS: [(&str, &str, &str); 4] =
    [("huyen-cau-ke-tra-vinh", "Cầu Kè", "Trà Vinh"), ("huyen-cao-lanh-dong-thap", "Cao Lãnh", "Đồng Tháp"), ("thanh-pho-cao-lanh-dong-thap", "Cao Lãnh", "Đồng Tháp"), ("huyen-kim-son-ninh-binh", "Kim Sơn", "Ninh Bình")];
const TOPICS: [&str; 4] = ["xay-dung-dang", "bau-cu", "nong-nghiep-ntm", "y-te-dich-benh"];

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn text(rng: &mut Rng, words: usize) -> String {
    // Skewed: low word numbers are much more common.
    (0..words).map(|_| { let limit = rng.below(WORDS.len()) + 1; WORDS[rng.below(limit)] }).collect::<Vec<_>>().join(" ")
}

/// `n` items over ~5 years, skewed over districts (one with none), with shared instants.
pub fn corpus(n: usize) -> Vec<Item> {
    let mut rng = Rng(7);
    (0..n)
        .map(|i| {
            let day = Day::from_number(Day { year: 2019, month: 1, day: 1 }.number() + rng.below(1800) as i64);
            let time = if rng.below(3) == 0 { format!("T{:02}:{:02}:00+07:00", rng.below(24), rng.below(4) * 15) } else { "T00:00:00+07:00".into() };
            let district = [0, 0, 0, 1, 1, 2, 3, 4][rng.below(8)];
            let topics: Vec<&str> = (0..rng.below(3)).map(|_| TOPICS[rng.below(TOPICS.len())]).collect();
            let mut topics_unique: Vec<String> = Vec::new();
            for t in topics {
                if !topics_unique.iter().any(|u| u == t) {
                    topics_unique.push(t.to_owned());
                }
            }
            let bantin = match DISTRICTS.get(district) {
                Some((id, name, province)) => format!(
                    r#""district":"{name}","district_type":"{}","district_id":"{id}","province":"{province}","province_2025":"{province}","#,
                    if id.starts_with("thanh-pho") { "thành phố" } else { "huyện" }
                ),
                None => String::new(),
            };
            let json = format!(
                r#"{{"id":"{day}-tin-{i:05}","title":"{}","summary":"{}","content_text":"{}","date_published":"{day}{time}","authors":[],"tags":[],"_bantin":{{{bantin}"topics":{},"captions":["ảnh"],"date_precision":"day"}}}}"#,
                text(&mut rng, 6),
                text(&mut rng, 12),
                text(&mut rng, 40),
                serde_json::to_string(&topics_unique).unwrap()
            );
            serde_json::from_str(&json).unwrap()
        })
        .collect()
}

/// The reader's loop: ask what is missing, fetch it from `files`, until nothing is.
pub fn drive(archive: &mut Archive, files: &HashMap<String, String>, query: &Query, shown: usize, fetched: &mut Vec<String>) {
    for _ in 0..50 {
        let needs = archive.missing(query, shown);
        if needs.is_empty() {
            return;
        }
        for need in needs {
            let path = if need.beside_feed() { archive.path(need) } else { format!("archive/{}", archive.path(need)) };
            fetched.push(path.clone());
            match files.get(&path) {
                Some(text) => archive.insert(need, text).unwrap(),
                None => archive.fail(need, "HTTP 404"),
            }
        }
    }
    panic!("the fetch loop did not settle for {query:?}");
}

struct Fixture {
    files: HashMap<String, String>,
    index: Index,
    manifest: String,
}

fn fixture(n: usize) -> Fixture {
    fixture_of(corpus(n))
}

fn fixture_of(items: Vec<Item>) -> Fixture {
    let index = Index::new(items.clone());
    let laid = layout("T", items).unwrap();
    let files: HashMap<String, String> = laid.files.into_iter().map(|f| (f.path, f.text)).collect();
    let manifest = files[&laid.manifest_path].clone();
    Fixture { files, index, manifest }
}

fn opened(fx: &Fixture) -> Archive {
    let mut archive = Archive::new(&fx.manifest).unwrap();
    let front = decode(&fx.files["feed.json"]).unwrap();
    archive.seed(&front.items, None, None, None);
    archive
}

fn queries() -> Vec<Query> {
    let d = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let day = |s: &str| Day::parse_iso(s);
    let q = |text: &str, districts: &[&str], topics: &[&str], from: Option<Day>, to: Option<Day>| Query {
        text: text.into(),
        districts: d(districts),
        topics: d(topics),
        from,
        to,
        newest_first: false,
    };
    vec![
        q("", &[], &[], None, None),
        q("", &["huyen-cau-ke-tra-vinh"], &[], None, None),
        q("", &["huyen-cau-ke-tra-vinh", "thanh-pho-cao-lanh-dong-thap"], &["bau-cu"], None, None),
        q("", &[], &["nong-nghiep-ntm", "y-te-dich-benh"], None, None),
        q("", &[], &["bau-cu"], day("2021-01-01"), day("2021-12-31")),
        q("", &[], &[], day("2022-03-01"), day("2022-03-31")),
        q("", &["huyen-kim-son-ninh-binh"], &[], day("2020-06-15"), None),
        q("", &[], &[], None, day("2019-02-01")),
        q("", &[], &[], day("2030-01-01"), None),
        q("", &[], &[], day("2010-01-01"), day("2019-01-10")),
        q("bầu cử", &[], &[], None, None),
        q("hoa", &[], &[], None, None),
        q("hòa", &[], &[], None, None),
        q("Hoà cử", &[], &[], None, None),
        q("cử hó", &["huyen-kim-son-ninh-binh"], &[], None, None),
        q("h", &[], &["bau-cu"], None, None),
        q("Hòa lợi", &["huyen-cau-ke-tra-vinh"], &[], None, None),
        q("t", &[], &[], None, None),
        q("thủy", &[], &["y-te-dich-benh"], day("2020-01-01"), day("2022-12-31")),
        q("zzz", &[], &[], None, None),
        q("", &["no-such-district"], &[], None, None),
        q("", &[], &["no-such-topic"], None, None),
        q("covid 2021", &["huyen-cao-lanh-dong-thap"], &["y-te-dich-benh", "bau-cu"], day("2019-05-01"), None),
        q("\"bầu cử\"", &[], &[], None, None),
        q("\"hội ng\" huyện", &["huyen-cau-ke-tra-vinh"], &[], None, None),
        q("“nông thôn” \"tiêm ch", &[], &[], day("2020-01-01"), None),
        q("\"cử bầu\"", &[], &[], None, None),
    ]
}

/// Drive the reader over the fixture's files and check its answer against the in-memory
/// index: count, cards in order (the items without their body), facets. Returns the files
/// fetched.
fn answers_like_the_index(fx: &Fixture, query: &Query, shown: usize) -> Vec<String> {
    let mut archive = opened(fx);
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, query, shown, &mut fetched);
    let answer = archive.answer(query, shown);
    let expected = fx.index.search(query);
    assert_eq!(answer.total, expected.len(), "count for {query:?}");
    let want_ids: Vec<&str> = expected.iter().take(shown).map(|&p| fx.index.article(p).item.id.as_str()).collect();
    let got_ids: Vec<&str> = answer.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(got_ids, want_ids, "cards for {query:?} ({shown} shown)");
    assert_eq!(answer.facets, fx.index.facets(query), "facets for {query:?}");
    assert!(answer.missing.is_empty());
    for (got, &p) in answer.cards.iter().zip(&expected) {
        // The newest come from feed.json (whole items), the others from card files: what the
        // list shows of them is the same.
        assert_eq!(card_fields(got), card_fields(&fx.index.article(p).item));
    }
    fetched
}

#[test]
fn answers_equal_the_in_memory_index() {
    let fx = fixture(5000);
    // Every query both ranked (the default with a term) and newest first.
    let both = queries().into_iter().flat_map(|q| [Query { newest_first: true, ..q.clone() }, q]);
    for query in both {
        for shown in [0, 30, 200] {
            answers_like_the_index(&fx, &query, shown);
        }
    }
}

fn archive_manifest(fx: &Fixture) -> &str {
    fx.files.keys().find(|p| p.starts_with("archive/manifest-")).expect("a manifest")
}

#[test]
fn the_first_screen_needs_nothing_beyond_feed_and_manifest() {
    let fx = fixture(3000);
    let archive = opened(&fx);
    assert!(archive.missing(&Query::default(), 30).is_empty());
    let answer = archive.answer(&Query::default(), 30);
    assert_eq!(answer.total, 3000);
    assert_eq!(archive.all_facets(), fx.index.facets(&Query::default()));
    // One district alone fetches its feed and nothing else: its counts and first page are in it.
    let query = Query { districts: vec!["huyen-kim-son-ninh-binh".into()], ..Query::default() };
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    assert_eq!(fetched, ["districts/huyen-kim-son-ninh-binh.json"]);
    // Two districts and a topic: the totals per district and topic, the two listings, cards.
    let query = Query { districts: vec!["huyen-kim-son-ninh-binh".into(), "huyen-cau-ke-tra-vinh".into()], topics: vec!["bau-cu".into()], ..Query::default() };
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    assert!(fetched.iter().all(|p| p.starts_with("archive/district/") || p.starts_with("archive/totals/") || p.contains("/cards/")), "{fetched:?}");
    // Only a filter by several topics reads the mask table, a file of its own that the first
    // screen never reads.
    let query = Query { topics: vec!["bau-cu".into(), "y-te-dich-benh".into()], ..Query::default() };
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    assert!(fetched.iter().any(|p| p.starts_with("archive/masks-")), "{fetched:?}");
    assert!(!fx.files[archive_manifest(&fx)].contains("\"masks\""));
    // A search of common words, most relevant first: their bitmaps and best tiers.
    let query = Query { text: "bầu cử".into(), ..Query::default() };
    let mut archive = opened(&fx);
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    assert!(fetched.iter().any(|p| p.starts_with("archive/search/tier-")), "{fetched:?}");
    assert!(!fetched.iter().any(|p| p.starts_with("archive/search/word-")), "{fetched:?}");
}

#[test]
fn a_district_feed_seeds_its_first_page() {
    let fx = fixture(3000);
    let mut archive = opened(&fx);
    let district = "huyen-cau-ke-tra-vinh";
    let feed = decode(&fx.files[&format!("districts/{district}.json")]).unwrap();
    let ordinals = feed.archive.clone().unwrap().ordinals.unwrap();
    let expected: Vec<u32> = feed.items.iter().map(|i| fx.index.position_of(&i.id).map(|p| (3000 - 1 - p) as u32).unwrap()).collect();
    assert_eq!(ordinals, expected);
    let topic_counts = feed.archive.as_ref().and_then(|p| p.topic_counts.clone());
    assert!(topic_counts.is_some(), "a district feed carries its topic counts");
    archive.seed(&feed.items, Some(&ordinals), Some(district), topic_counts.as_deref());
    let query = Query { districts: vec![district.into()], ..Query::default() };
    assert!(archive.missing(&query, 30).is_empty());
    let answer = archive.answer(&query, 30);
    assert_eq!(answer.total, fx.index.search(&query).len());
    // The filter panel's counts too, from the manifest and the district feed alone.
    assert_eq!(answer.facets, fx.index.facets(&query));
}

#[test]
fn district_views_read_older_blocks_only_as_far_as_their_window() {
    let fx = fixture(14000);
    let big = "huyen-cau-ke-tra-vinh";
    let count = fx.index.search(&Query { districts: vec![big.into()], ..Query::default() }).len();
    assert!(sealed_blocks(count) >= 2, "the fixture's biggest district has sealed blocks ({count} articles)");
    let d = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases = [
        (d(&[big]), d(&[]), 30, false),
        (d(&[big]), d(&[]), 200, false),
        (d(&[big]), d(&[]), count, true),
        (d(&[big, "huyen-kim-son-ninh-binh"]), d(&["bau-cu"]), 30, false),
        (d(&[big, "huyen-kim-son-ninh-binh"]), d(&["bau-cu"]), 2000, true),
        (d(&[big]), d(&["bau-cu", "y-te-dich-benh"]), 3000, true),
    ];
    for (districts, topics, shown, reaches_blocks) in cases {
        let query = Query { districts, topics, ..Query::default() };
        let fetched = answers_like_the_index(&fx, &query, shown);
        let blocks = fetched.iter().filter(|p| p.starts_with(&format!("archive/district/{big}/"))).count();
        assert_eq!(blocks > 0, reaches_blocks, "{query:?} {shown}: {fetched:?}");
    }
}

#[test]
fn a_district_feed_of_another_version_is_refused_and_the_listing_answers() {
    let fx = fixture(3000);
    let district = "huyen-cau-ke-tra-vinh";
    let query = Query { districts: vec![district.into()], ..Query::default() };
    let mut archive = opened(&fx);
    let need = Need::DistrictFeed(archive.missing(&query, 30).iter().find_map(|n| match n { Need::DistrictFeed(k) => Some(*k), _ => None }).unwrap());
    let feed = &fx.files[&archive.path(need)];
    let stale = feed.replace("archive/manifest-", "archive/manifest-0");
    assert!(archive.insert(need, &stale).unwrap_err().contains("another version"));
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    let answer = archive.answer(&query, 30);
    assert_eq!(answer.total, fx.index.search(&query).len());
    assert_eq!(answer.facets, fx.index.facets(&query));
    assert!(fetched.iter().any(|p| p.starts_with("archive/totals/")), "{fetched:?}");
}

#[test]
fn a_deep_link_reads_one_file_named_by_the_id() {
    let fx = fixture(3000);
    let mut archive = opened(&fx);
    let oldest = fx.index.articles().last().unwrap().item.clone();
    // Nothing but the article's own file: no lookup of where it is.
    let path = crate::archive::path::article(&oldest.id);
    assert!(path.starts_with("articles/") && path.ends_with(&format!("/{}.json", oldest.id)), "{path}");
    assert_eq!(archive.article(&oldest.id), None);
    archive.insert_article(&oldest.id, &fx.files[&path]).unwrap();
    assert_eq!(archive.article(&oldest.id).unwrap().0, oldest);
    assert_eq!(archive.article("no-such-id"), None);
    // Another article's file, or an error page, is refused and named.
    let newest = fx.index.articles().first().unwrap().item.clone();
    let other = &fx.files[&crate::archive::path::article(&newest.id)];
    let why = archive.insert_article("no-such-id", other).unwrap_err();
    assert!(why.contains(&newest.id) && why.contains("no-such-id"), "{why}");
    assert!(read_article(&newest.id, "<html>404</html>").unwrap_err().contains("HTML page"));
    assert_eq!(archive.article("no-such-id"), None);
    // The newest articles come whole in feed.json: no file at all.
    assert_eq!(archive.article(&newest.id).unwrap().0, newest);
}

#[test]
fn every_article_has_its_file_and_ids_spread_over_directories() {
    let fx = fixture(3000);
    let mut dirs = std::collections::BTreeSet::new();
    for article in fx.index.articles() {
        let path = crate::archive::path::article(&article.item.id);
        assert_eq!(serde_json::from_str::<Item>(&fx.files[&path]).unwrap(), article.item);
        dirs.insert(path.split('/').nth(1).unwrap().to_owned());
    }
    assert_eq!(fx.files.keys().filter(|p| p.starts_with("articles/")).count(), 3000);
    assert!(dirs.len() > 250, "3,000 ids fill most of the 256 directories: {}", dirs.len());
}

#[test]
fn bad_files_are_named_and_the_rest_still_answers() {
    let fx = fixture(3000);
    let query = Query { districts: vec!["huyen-cau-ke-tra-vinh".into(), "huyen-kim-son-ninh-binh".into()], ..Query::default() };
    let mut archive = opened(&fx);
    let every = Need::Totals(fx.index.len().div_ceil(SEGMENT));
    assert_eq!(archive.missing(&query, 30), [every]);
    archive.insert(every, &fx.files[&format!("archive/{}", archive.path(every))]).unwrap();
    let needs: Vec<Need> = archive.missing(&query, 30).into_iter().filter(|n| matches!(n, Need::District(_))).collect();
    assert_eq!(needs.len(), 2);
    // One shard is an HTML error page, the other is fine.
    let html = archive.insert(needs[0], "<!doctype html><title>404</title>").unwrap_err();
    assert!(html.contains("district/") && html.contains("HTML page"), "{html}");
    let good = format!("archive/{}", archive.path(needs[1]));
    archive.insert(needs[1], &fx.files[&good]).unwrap();
    let mut fetched = Vec::new();
    drive(&mut archive, &fx.files, &query, 30, &mut fetched);
    let answer = archive.answer(&query, 30);
    assert_eq!(answer.missing.len(), 1, "{:?}", answer.missing);
    assert!(!answer.cards.is_empty());
    // A truncated file and a file of another segment are refused, each with a reason.
    let rows = Need::Rows(0);
    let text = &fx.files[&format!("archive/{}", archive.path(rows))];
    assert!(archive.insert(rows, &text[..text.len() / 2]).unwrap_err().contains("cut short"));
    let other = fx.files.keys().find(|p| p.starts_with("archive/seg/1-") && p.contains("/rows-")).unwrap();
    let mut fresh = opened(&fx);
    assert!(fresh.insert(rows, &fx.files[other]).unwrap_err().contains("segment"));
    let chunk_dir = Need::SearchDir;
    assert!(fresh.insert(chunk_dir, r#"{"segment":"g","first_words":["a"]}"#).unwrap_err().contains("content hash"));
    // A chunk of another generation than its directory's, postings that are not whole
    // quadruples, or fewer than the words, are refused.
    fresh.skip_hash_checks_for_fuzzing();
    fresh.insert(chunk_dir, r#"{"segment":"g","first_words":["a"]}"#).unwrap();
    let stale = fresh.insert(Need::Chunk(0), r#"{"segment":"f","words":["a"],"postings":[[1,0,0,5]]}"#).unwrap_err();
    assert!(stale.contains("another version"), "{stale}");
    let broken = fresh.insert(Need::Chunk(0), r#"{"segment":"g","words":["a","b"],"postings":[[1,0,0,5],[1,0,0]]}"#).unwrap_err();
    assert!(broken.contains("quadruples"), "{broken}");
    assert!(fresh.insert(Need::Chunk(0), r#"{"segment":"g","words":["a","b"],"postings":[[1,0,0,5]]}"#).unwrap_err().contains("postings lists differ"));
    fresh.insert(Need::Chunk(0), r#"{"segment":"g","words":["a","b"],"postings":[[1,0,0,5],[1,0,0,7,2,0,0,9]]}"#).unwrap();
    // A card file of another block size (format 7 wrote 8 a file under the same segment
    // hash) would put cards at other articles' places: refused.
    let cards = Need::Cards { segment: 0, block: 0 };
    let file = &fx.files[&format!("archive/{}", archive.path(cards))];
    let mut value: serde_json::Value = serde_json::from_str(file).unwrap();
    let items = value["items"].as_array_mut().unwrap();
    items.extend(items.clone());
    let why = opened(&fx).insert(cards, &value.to_string()).unwrap_err();
    assert!(why.contains(&format!("holds {} cards, not {CARD_BLOCK}", 2 * CARD_BLOCK)), "{why}");
}

mod dense;
mod layout;
mod phrases;
mod ranking;
mod tiers;
mod totals;
