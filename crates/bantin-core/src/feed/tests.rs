use super::*;

fn item_json(id: &str, title: &str, date: &str) -> String {
    format!(r#"{{"id":"{id}","title":"{title}","summary":"s","content_text":"b","date_published":"{date}","authors":[],"tags":[],"_bantin":{{"topics":[],"captions":[],"date_precision":"day"}}}}"#)
}

#[test]
fn a_cut_feed_keeps_its_complete_items_and_says_so() {
    let items: Vec<String> = (0..5).map(|i| item_json(&format!("i{i}"), "T", "2021-03-30T00:00:00+07:00")).collect();
    let whole = format!(r#"{{"version":"{JSON_FEED_VERSION}","title":"T","items":[{}]}}"#, items.join(","));
    let at = whole.find(r#""id":"i3""#).unwrap() + 5;
    let decoded = decode(&whole[..at]).unwrap();
    assert_eq!(decoded.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i0", "i1", "i2"]);
    assert_eq!(decoded.cut.as_deref(), Some("the file ends in the middle of item 4 (cut off in transfer?): only the 3 complete items before it are shown"));
    assert!(decode(&whole).unwrap().cut.is_none());
    // Cut before any item is whole: nothing to show, so it is an error as before.
    assert!(matches!(decode(&whole[..whole.find("i0").unwrap()]), Err(FeedError::NotJson(_))));
    assert!(matches!(decode(&whole[..20]), Err(FeedError::NotJson(_))));
}

#[test]
fn keeps_valid_items_and_names_broken_ones() {
    let feed = format!(
        r#"{{"version":"{JSON_FEED_VERSION}","title":"T","language":"vi","items":[{},{},{},{},{}]}}"#,
        item_json("a", "A", "2021-03-30T00:00:00+07:00"),
        item_json("b", "", "2021-03-30T00:00:00+07:00"),
        item_json("c", "C", "30/03/2021"),
        r#"{"title":"no id","date_published":"2021-03-30T00:00:00+07:00"}"#,
        item_json("a", "A again", "2021-03-30T00:00:00+07:00"),
    );
    let feed = feed.replace("]}", &format!(",{}]}}", item_json("Bad \\\"id", "B", "2021-03-30T00:00:00+07:00")));
    let decoded = decode(&feed).unwrap();
    assert_eq!(decoded.items.len(), 1);
    assert_eq!(decoded.items[0].id, "a");
    let reasons: Vec<String> = decoded.skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(reasons.len(), 5);
    assert!(reasons[0].contains("item 1") && reasons[0].contains("no title"));
    assert!(reasons[1].contains("\"c\"") && reasons[1].contains("RFC 3339"));
    assert!(reasons[2].contains("item 3: no id"), "{}", reasons[2]);
    assert!(reasons[3].contains("duplicate id"));
    assert!(reasons[4].contains("not URL-safe"), "{}", reasons[4]);
}

#[test]
fn whole_feed_errors_say_what_failed() {
    assert!(matches!(decode("<html>"), Err(FeedError::NotJson(_))));
    assert!(matches!(decode("[1,2]"), Err(FeedError::NotAFeed(_))));
    assert!(decode(r#"{"title":"x"}"#).unwrap_err().to_string().contains("items"));
}
