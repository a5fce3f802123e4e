//! The small reader must read exactly what serde_json reads into the same types: these tests
//! compare the two on the ingest tool's own output, on hand-made edge cases, and on random
//! damage to a valid item; and check that errors say what and where.

use proptest::prelude::*;

use super::*;
use crate::archive::read::wire::{read_manifest, read_wire};
use crate::archive::write::layout;
use crate::archive::Manifest;
use crate::feed::{decode, read_item, FeedError, Item};

fn item_ok(text: &str) -> Result<Item> {
    read_all(text, read_item)
}

/// Both accept `text` with equal values, or both refuse it. (One deliberate difference:
/// serde's derive also reads a struct from an array, positionally; an item must be an object.)
fn agrees(text: &str) {
    let ours = item_ok(text);
    if text.trim_start().starts_with('[') {
        assert!(ours.is_err());
        return;
    }
    let serde = serde_json::from_str::<Item>(text);
    match (&ours, &serde) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
        (Err(_), Err(_)) => {}
        _ => panic!("disagree on {text:?}: ours {ours:?}, serde {serde:?}"),
    }
}

const FULL: &str = r#"{"id":"a-1","url":"https://x.vn/a","title":"Hội nghị \"Đảng\" \u0110\ud83d\ude00","summary":"s\n\t/","content_text":"b\\c\/d",
  "date_published":"2021-03-30T08:15:00+07:00","authors":[{"name":"Lê A","role":"x"}],"tags":["Bầu cử"],"extra":{"n":[1,-2.5e+3,true,false,null,{}]},
  "_bantin":{"district":"Cầu Kè","district_type":"huyện","district_id":"huyen-cau-ke-tra-vinh","district_code":"842","province":"Trà Vinh",
  "province_2025":"Vĩnh Long","topics":["bau-cu"],"site":null,"captions":["ảnh"],"date_precision":"minute","source_file":"a.txt","title_source":"page"}}"#;

#[test]
fn reads_items_as_serde_does() {
    for text in [
        FULL,
        "{}",
        r#"{"id":"x"}"#,
        r#" { "title" : "t" , "_bantin" : { } } "#,
        r#"{"url":null,"_bantin":{"district":null,"topics":[]}}"#,
        r#"{"extra":"\ud800"}"#,
        // Wrong types, missing and duplicate fields, broken JSON.
        r#"{"title":5}"#,
        r#"{"title":null}"#,
        r#"{"authors":[{}]}"#,
        r#"{"authors":null}"#,
        r#"{"tags":[1]}"#,
        r#"{"_bantin":null}"#,
        r#"{"id":"a","id":"b"}"#,
        r#"{"title":"\ud800"}"#,
        r#"{"title":"\udc00x"}"#,
        r#"{"title":"\ud800\u0041"}"#,
        r#"{"title":"a\u00"}"#,
        r#"{"title":"\x"}"#,
        "{\"title\":\"tab\there\"}",
        r#"{"title":"t",}"#,
        r#"{"title" "t"}"#,
        r#"{"n":01}"#,
        r#"{"n":1.}"#,
        r#"{"n":1e}"#,
        r#"{"n":-}"#,
        r#"{"n":tru}"#,
        r#"{"title":"t"} x"#,
        r#"{"title":"t""#,
        "[]",
        "",
        "nul",
    ] {
        agrees(text);
    }
    assert_eq!(item_ok(FULL).unwrap().title, "Hội nghị \"Đảng\" Đ😀");
}

#[test]
fn errors_name_the_field_and_the_place() {
    let e = item_ok("{\"id\":\"a\",\n \"_bantin\":{\"topics\":[\"x\",7]}}").unwrap_err();
    assert_eq!(e.kind, Kind::Data);
    assert_eq!(e.message, "_bantin: topics: expected a string, found a number at line 2 column 27");
    let e = item_ok(r#"{"authors":[{"nom":"x"}]}"#).unwrap_err();
    assert!(e.message.starts_with("authors: missing field \"name\""), "{e}");
    let e = item_ok(r#"{"id":"a","id":"b"}"#).unwrap_err();
    assert!(e.message.starts_with("duplicate field \"id\""), "{e}");
    let e = item_ok(r#"{"title":"t""#).unwrap_err();
    assert!(e.is_eof() && e.message.contains("ends too early"), "{e}");
    let e = item_ok(r#"{"title":"t"]"#).unwrap_err();
    assert_eq!((e.kind, e.message.as_str()), (Kind::Syntax, "expected `,` or `}` at line 1 column 13"));
    let deep = format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
    assert!(item_ok(&deep).unwrap_err().message.contains("nested too deeply"));
    let e = read_all("[1, 5000000000]", |r| r.integers(u32::MAX as u64)).unwrap_err();
    assert_eq!(e.message, "expected a non-negative integer up to 4294967295 at line 1 column 5");
}

#[test]
fn feed_errors_keep_their_kinds() {
    assert!(matches!(decode("<html>Maintenance</html>"), Err(FeedError::NotJson(m)) if m.contains("line 1 column 1")));
    assert!(matches!(decode(r#"{"items":[{"id":"a""#), Err(FeedError::NotJson(_))));
    assert_eq!(decode("[1,2]").unwrap_err(), FeedError::NotAFeed("the top level is not an object".into()));
    assert!(matches!(decode(r#"{"items":{}}"#), Err(FeedError::NotAFeed(m)) if m.starts_with("items: expected an array, found an object")));
    // A broken `_bantin` pointer only means "no archive".
    let feed = decode(r#"{"items":[],"_bantin":{"archive":5}}"#).unwrap();
    assert!(feed.archive.is_none());
    let feed = decode(r#"{"items":[],"_bantin":{"archive":"archive/m.json","total":3,"ordinals":[0,2]}}"#).unwrap();
    let pointer = feed.archive.unwrap();
    assert_eq!((pointer.archive.as_str(), pointer.total, pointer.ordinals), ("archive/m.json", 3, Some(vec![0, 2])));
    // One item of the wrong shape is skipped and named; it does not sink the feed.
    let feed = decode(r#"{"items":[{"id":"a","title":7},{"id":"b","title":"B","date_published":"2021-03-30T00:00:00+07:00"}]}"#).unwrap();
    assert_eq!(feed.items.len(), 1);
    assert_eq!(feed.skipped[0].to_string(), "item 0: title: expected a string, found a number at line 1 column 19");
}

#[test]
fn reads_every_file_the_writer_writes() {
    let items = crate::archive::tests::corpus(3000);
    let out = layout("T", items).unwrap();
    let manifest = out.files.iter().find(|f| f.path == out.manifest_path).unwrap();
    assert_eq!(read_all(&manifest.text, read_manifest).unwrap(), serde_json::from_str::<Manifest>(&manifest.text).unwrap());
    let mut kinds = std::collections::BTreeSet::new();
    for file in out.files.iter().filter(|f| (f.path.starts_with("archive/") || f.path.starts_with("articles/")) && f.path != out.manifest_path) {
        let value: serde_json::Value = serde_json::from_str(&file.text).unwrap();
        if file.path.starts_with("articles/") {
            assert_eq!(item_ok(&file.text).unwrap(), serde_json::from_str::<Item>(&file.text).unwrap());
            continue;
        }
        let wire = read_all(&file.text, read_wire).unwrap();
        let object = value.as_object().unwrap();
        kinds.extend(object.keys().cloned());
        let strings = |key: &str| object.get(key).map(|v| serde_json::from_value::<Vec<String>>(v.clone()).unwrap()).unwrap_or_default();
        let numbers = |key: &str| object.get(key).map(|v| serde_json::from_value::<Vec<u64>>(v.clone()).unwrap()).unwrap_or_default();
        assert_eq!(wire.segment, object.get("segment").and_then(|v| v.as_str()).unwrap_or(""));
        assert_eq!(wire.id, object.get("id").and_then(|v| v.as_str()).unwrap_or(""));
        for (key, got) in [("district", &wire.district), ("topics", &wire.topics), ("counts", &wire.counts), ("ordinals", &wire.ordinals)] {
            assert_eq!(*got, numbers(key), "{} {key}", file.path);
        }
        for (key, got) in [("first_words", &wire.first_words), ("words", &wire.words), ("blocks", &wire.blocks)] {
            assert_eq!(*got, strings(key), "{} {key}", file.path);
        }
        let postings = object.get("postings").map(|v| serde_json::from_value::<Vec<Vec<u64>>>(v.clone()).unwrap()).unwrap_or_default();
        assert_eq!(wire.postings.iter().map(|raw| serde_json::from_str::<Vec<u64>>(raw).unwrap()).collect::<Vec<_>>(), postings);
        let items: Vec<&serde_json::value::RawValue> = object.get("items").map(|_| serde_json::from_str::<Raw>(&file.text).unwrap().items).unwrap_or_default();
        assert_eq!(wire.items, items.iter().map(|r| r.get()).collect::<Vec<_>>());
        for raw in &wire.items {
            assert_eq!(item_ok(raw).unwrap(), serde_json::from_str::<Item>(raw).unwrap());
        }
    }
    // Every kind of file was seen.
    for key in ["segment", "district", "topics", "counts", "items", "id", "ordinals", "first_words", "words", "postings"] {
        assert!(kinds.contains(key), "{key}");
    }
}

#[derive(serde::Deserialize)]
struct Raw<'a> {
    #[serde(borrow)]
    items: Vec<&'a serde_json::value::RawValue>,
}

#[test]
fn manifests_need_their_fields() {
    let items = crate::archive::tests::corpus(10);
    let out = layout("T", items).unwrap();
    let text = &out.files.iter().find(|f| f.path == out.manifest_path).unwrap().text;
    let without_table = text.replacen("\"mask_table\":", "\"unused\":", 1);
    assert!(read_all(&without_table, read_manifest).unwrap_err().message.starts_with("missing field \"mask_table\""));
    let without_dense = text.replacen("\"dense\":", "\"unused2\":", 1);
    assert!(read_all(&without_dense, read_manifest).unwrap_err().message.starts_with("missing field \"dense\""));
    let broken_district = text.replacen("\"shard\":", "\"shard\":1,\"x\":", 1);
    let e = read_all(&broken_district, read_manifest).unwrap_err();
    assert!(e.message.starts_with("districts: shard: expected a string, found a number"), "{e}");
}

proptest! {
    /// Random damage to a valid item: both readers accept it or both refuse it, and agree on
    /// what it holds.
    #[test]
    fn damaged_items_read_as_serde_reads_them(at in 0usize..1000, cut in 0usize..4, insert in prop::sample::select(vec!["", "\"", ",", "}", "]", "\\", "\\u", "1", "-", "null", "[", "{", ":", "é", " "])) {
        let chars: Vec<char> = FULL.chars().collect();
        let at = at % chars.len();
        let end = (at + cut).min(chars.len());
        let damaged: String = chars[..at].iter().collect::<String>() + insert + &chars[end..].iter().collect::<String>();
        agrees(&damaged);
    }
}
