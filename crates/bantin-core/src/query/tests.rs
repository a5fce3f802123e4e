use super::*;
use crate::feed::{Bantin, Item};

fn item(id: &str, title: &str, date: &str, district: Option<(&str, &str, &str)>, topics: &[&str]) -> Item {
    Item {
        id: id.into(),
        url: None,
        title: title.into(),
        summary: String::new(),
        content_text: format!("Nội dung của {title}."),
        date_published: date.into(),
        authors: vec![],
        tags: vec![],
        bantin: Bantin {
            district: district.map(|d| d.1.to_owned()),
            district_type: district.map(|_| "huyện".to_owned()),
            district_id: district.map(|d| d.0.to_owned()),
            province: district.map(|d| d.2.to_owned()),
            topics: topics.iter().map(|t| t.to_string()).collect(),
            date_precision: "day".into(),
            ..Bantin::default()
        },
    }
}

const CAO_LANH: (&str, &str, &str) = ("huyen-cao-lanh-dong-thap", "Cao Lãnh", "Đồng Tháp");
const CAU_KE: (&str, &str, &str) = ("huyen-cau-ke-tra-vinh", "Cầu Kè", "Trà Vinh");

fn sample() -> Index {
    Index::new(vec![
        item("a", "Hội nghị Ban chấp hành Đảng bộ huyện", "2021-03-30T00:00:00+07:00", Some(CAO_LANH), &["xay-dung-dang"]),
        item("b", "Tổng kết công tác phối hợp Uỷ ban", "2021-03-26T00:00:00+07:00", Some(CAO_LANH), &["mat-tran-doan-the", "chinh-quyen"]),
        item("c", "Ban Thường vụ Huyện ủy Cầu Kè", "2021-05-06T00:00:00+07:00", Some(CAU_KE), &["xay-dung-dang", "bau-cu"]),
        item("d", "Tin không rõ huyện về Covid-19", "2020-07-29T16:30:00+07:00", None, &["y-te-dich-benh"]),
    ])
}

fn ids(index: &Index, query: &Query) -> Vec<String> {
    index.search(query).into_iter().map(|i| index.article(i).item.id.clone()).collect()
}

#[test]
fn empty_query_lists_everything_newest_first() {
    let index = sample();
    assert_eq!(ids(&index, &Query::default()), ["c", "a", "b", "d"]);
    assert_eq!(index.newest_day(), Day::new(2021, 5, 6));
    assert_eq!(index.position_of("b"), Some(2));
    assert_eq!(index.position_of("zz"), None);
}

#[test]
fn text_search_folds_and_matches_word_prefixes() {
    let index = sample();
    let q = |text: &str| Query { text: text.into(), ..Query::default() };
    // `uy ban` finds both tone styles: Ủy/Uỷ.
    assert_eq!(ids(&index, &q("uy ban")), ["c", "b"]);
    assert_eq!(ids(&index, &q("uỷ")), ["c", "b"]);
    assert_eq!(ids(&index, &q("dang")), ["a"]);
    assert_eq!(ids(&index, &q("ĐẢNG bộ")), ["a"]);
    // Prefix of a word, not a substring inside one.
    assert_eq!(ids(&index, &q("ang")), Vec::<String>::new());
    // AND of terms.
    assert_eq!(ids(&index, &q("hoi cau")), Vec::<String>::new());
    assert_eq!(ids(&index, &q("covid-19")), ["d"]);
}

#[test]
fn district_filter_is_an_or_of_ids() {
    let index = sample();
    let one = Query { districts: vec![CAU_KE.0.into()], ..Query::default() };
    assert_eq!(ids(&index, &one), ["c"]);
    let two = Query { districts: vec![CAU_KE.0.into(), CAO_LANH.0.into()], ..Query::default() };
    assert_eq!(ids(&index, &two), ["c", "a", "b"]);
    let unknown = Query { districts: vec!["huyen-khong-co".into()], ..Query::default() };
    assert!(index.search(&unknown).is_empty());
}

#[test]
fn topic_filter_is_an_or_of_slugs() {
    let index = sample();
    let q = Query { topics: vec!["bau-cu".into(), "chinh-quyen".into()], ..Query::default() };
    assert_eq!(ids(&index, &q), ["c", "b"]);
}

#[test]
fn date_bounds_are_inclusive_days() {
    let index = sample();
    let q = Query { from: Day::new(2021, 3, 26), to: Day::new(2021, 3, 30), ..Query::default() };
    assert_eq!(ids(&index, &q), ["a", "b"]);
    let only_to = Query { to: Day::new(2020, 7, 29), ..Query::default() };
    assert_eq!(ids(&index, &only_to), ["d"], "a 16:30 article is on its day");
    let inverted = Query { from: Day::new(2021, 4, 1), to: Day::new(2021, 3, 1), ..Query::default() };
    assert!(index.search(&inverted).is_empty());
}

#[test]
fn filters_of_different_kinds_combine_with_and() {
    let index = sample();
    let q = Query {
        text: "hoi nghi".into(),
        districts: vec![CAO_LANH.0.into()],
        topics: vec!["xay-dung-dang".into()],
        from: Day::new(2021, 1, 1),
        to: None,
        newest_first: false,
    };
    assert_eq!(ids(&index, &q), ["a"]);
}

#[test]
fn facet_counts_apply_the_other_filters_only() {
    let index = sample();
    let q = Query { districts: vec![CAU_KE.0.into()], topics: vec!["xay-dung-dang".into()], ..Query::default() };
    let facets = index.facets(&q);
    let count = |id: &str| facets.districts.iter().find(|d| d.id == id).unwrap().count;
    // District counts ignore the district filter but apply the topic filter.
    assert_eq!(count(CAU_KE.0), 1);
    assert_eq!(count(CAO_LANH.0), 1);
    // Topic counts ignore the topic filter but apply the district filter.
    let topic = |slug: &str| facets.topics.iter().find(|t| t.0 == slug).unwrap().1;
    assert_eq!(topic("xay-dung-dang"), 1);
    assert_eq!(topic("bau-cu"), 1);
    assert_eq!(topic("chinh-quyen"), 0);
    // Districts are grouped by province (Đồng Tháp before Trà Vinh), topics in contract order.
    assert_eq!(facets.districts.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [CAO_LANH.0, CAU_KE.0]);
    assert_eq!(facets.topics.first().map(|t| t.0.as_str()), Some("xay-dung-dang"));
}

#[test]
fn highlight_marks_folded_prefixes_in_the_original_text() {
    let terms = Query { text: "uy dang".into(), ..Query::default() }.terms();
    let runs = highlight("Huyện ủy và Uỷ ban Đảng bộ", &terms);
    let marked: Vec<&str> = runs.iter().filter(|r| r.1).map(|r| r.0.as_str()).collect();
    assert_eq!(marked, ["ủy", "Uỷ", "Đảng"]);
    let joined: String = runs.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(joined, "Huyện ủy và Uỷ ban Đảng bộ");
    let partial = highlight("Hội nghị", &["ngh".to_string()]);
    assert_eq!(partial, [("Hội ".to_string(), false), ("ngh".to_string(), true), ("ị".to_string(), false)]);
}

#[test]
fn phrases_are_quoted_runs_of_two_or_more_words() {
    let q = |text: &str| Query { text: text.into(), ..Query::default() };
    assert_eq!(q(r#""Ban chấp hành" đảng"#).phrases(), [["ban", "chap", "hanh"]]);
    assert_eq!(q("“hội nghị” “x” \"bầu c").phrases(), [vec!["hoi", "nghi"], vec!["bau", "c"]]);
    assert!(q(r#"ban "chap" hanh"#).phrases().is_empty());
    // The words of a phrase are still terms.
    assert_eq!(q(r#""ban chap""#).terms(), ["ban", "chap"]);
}

#[test]
fn a_phrase_needs_its_words_in_order_in_one_field() {
    use crate::feed::Item;
    let item = |id: &str, title: &str, body: &str| -> Item {
        serde_json::from_str(&format!(r#"{{"id":"{id}","title":"{title}","summary":"","content_text":"{body}","date_published":"2021-03-30"}}"#)).unwrap()
    };
    let index = Index::new(vec![item("a", "Ban chấp hành họp", ""), item("b", "Ban họp", "chấp hành"), item("c", "Hành chấp ban", "")]);
    let ids = |text: &str| -> Vec<String> {
        index.search(&Query { text: text.into(), ..Query::default() }).into_iter().map(|p| index.article(p).item.id.clone()).collect()
    };
    assert_eq!(ids(r#""ban chap""#), ["a"]);
    assert_eq!(ids(r#""ba ch h""#), ["a"]);
    // Ranked: both words in the title (newest first between equals) before one in the body.
    assert_eq!(ids("ban chap"), ["a", "c", "b"]);
}

#[test]
fn snippets_show_the_best_match_of_the_body() {
    let body = "Mở đầu không liên quan. Sáng nay, huyện tổ chức hội nghị về bầu cử đại biểu. Cuối bài còn nhiều chữ khác nữa cho dài hơn một chút.";
    let terms = vec!["bau".to_owned(), "cu".to_owned()];
    let snip = super::snippet(body, &terms, 8).expect("a match");
    assert!(snip.contains("bầu cử"), "{snip}");
    assert!(snip.starts_with("… ") && snip.ends_with(" …"), "{snip}");
    assert_eq!(super::snippet(body, &["zzz".to_owned()], 8), None);
    // Short bodies are shown whole.
    assert_eq!(super::snippet("Bầu cử", &terms, 8).as_deref(), Some("Bầu cử"));
}
