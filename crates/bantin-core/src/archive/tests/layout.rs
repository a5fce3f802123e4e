//! The layout itself: deterministic, appending keeps what is sealed (segments, full feed
//! pages), and `feed.json` with its pages is a JSON Feed holding every item.

use super::*;

#[test]
fn layout_is_deterministic_and_appending_keeps_sealed_segments() {
    let items = corpus(SEGMENT * 2 + 10);
    let a = layout("T", items.clone()).unwrap();
    let b = layout("T", items.clone()).unwrap();
    assert_eq!(a.files, b.files);
    // Newer articles appended: the sealed segments' files are untouched.
    let mut more = items;
    let newest = Day { year: 2030, month: 1, day: 1 };
    let mut extra = corpus(50);
    for (i, item) in extra.iter_mut().enumerate() {
        item.id = format!("{newest}-moi-{i}");
        item.date_published = format!("{newest}T08:00:00+07:00");
    }
    more.extend(extra);
    let c = layout("T", more).unwrap();
    let paths = |l: &write::Layout| l.files.iter().map(|f| f.path.clone()).collect::<std::collections::HashSet<_>>();
    let (before, after) = (paths(&a), paths(&c));
    let sealed = |p: &&String| p.starts_with("archive/seg/0-") || p.starts_with("archive/seg/1-");
    assert_eq!(before.iter().filter(sealed).count(), after.iter().filter(sealed).count());
    assert!(before.iter().filter(sealed).all(|p| after.contains(p)));
    let text = |l: &write::Layout, path: &str| l.files.iter().find(|f| f.path == path).map(|f| f.text.clone());
    assert!(before.iter().filter(|p| p.starts_with("feed/")).all(|p| text(&a, p) == text(&c, p)), "full feed pages never change");
}

#[test]
fn front_feeds_point_at_the_archive_and_pages_hold_every_item() {
    let fx = fixture(450);
    let front = decode(&fx.files["feed.json"]).unwrap();
    assert_eq!(front.items.len(), FEED_PAGE);
    let pointer = front.archive.unwrap();
    assert_eq!(pointer.total, 450);
    assert!(fx.files.contains_key(&pointer.archive));
    let feed: serde_json::Value = serde_json::from_str(&fx.files["feed.json"]).unwrap();
    let first_page = format!("feed/{}.json", (450 - 1) / FEED_PAGE);
    assert_eq!(feed["next_url"], first_page.as_str());
    let mut seen: Vec<String> = front.items.iter().map(|i| i.id.clone()).collect();
    let mut page = first_page;
    loop {
        let value: serde_json::Value = serde_json::from_str(&fx.files[&page]).unwrap();
        let decoded = decode(&fx.files[&page]).unwrap();
        // Plain pages: naming the manifest or the total, every update would rewrite them all.
        assert!(decoded.archive.is_none() && value.get("_bantin").is_none(), "{page}");
        seen.extend(decoded.items.into_iter().map(|i| i.id));
        match value["next_url"].as_str() {
            Some(next) => page = format!("feed/{next}"),
            None => break,
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 450, "feed.json and its pages hold every item");
    let district = decode(&fx.files["districts/huyen-cau-ke-tra-vinh.json"]).unwrap();
    assert!(district.items.iter().all(|i| i.bantin.district_id.as_deref() == Some("huyen-cau-ke-tra-vinh")));
}
