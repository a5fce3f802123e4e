//! Property tests: whatever the bytes, extraction returns an article or a reject, never panics;
//! articles it returns always honour the contract's shapes.

use bantin_ingest::{extract, Article, RawPage};
use proptest::prelude::*;

fn run(bytes: &[u8], url: Option<&str>) -> Result<Article, String> {
    extract(&RawPage { path: "p/x.txt", file_name: "x.txt", bytes, url, site: None })
}

fn check(article: &Article) {
    let item = article.to_item("x".into());
    bantin_core::feed::validate(&item).unwrap();
    assert!(!article.title.trim().is_empty());
    assert!(article.summary.chars().count() <= 300);
    assert!(!article.paragraphs.is_empty());
    assert!(article.paragraphs.iter().all(|p| !p.is_empty() && !p.contains('\n')));
    assert!(bantin_core::date::Published::parse_rfc3339(&item.date_published).is_some());
    assert!(article.topics.len() <= 3);
    let id = bantin_ingest::feed_writer::base_id(article);
    assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{id}");
}

/// Pieces of real pages, furniture and traps, to assemble into plausible-looking pages.
const FRAGMENTS: &[&str] = &[
    "null ",
    "Xuất bản thông tin",
    "Huyện ủy Cầu Kè",
    "Hội nghị Ban chấp hành Đảng bộ huyện Cao Lãnh lần thứ tư",
    "Sáng ngày 30/3/2021, ",
    "Ngày 06/5, ",
    "Sáng 25/02",
    "(16:30 | 29/07/2020)",
    "THỨ HAI, 14/09/2020 10:15:00",
    "ngày 15 tháng 8 năm 2022",
    "Ngày 3-9",
    "Chiều 12.9",
    "Hôm nay, Thứ hai ngày 25/01/2021",
    "31/2/2021",
    "99/99/9999",
    "xã Thượng Kiệm",
    "huyện Châu Thành, tỉnh",
    "thành phố Cao Lãnh",
    "TP. ",
    "Quận 1",
    "phường ",
    "Tin, ảnh: ",
    "Thuý Nhi",
    "Quang cảnh Hội nghị",
    "Bản đồ",
    "Thống kê truy cập",
    "  • Đang online: 20",
    "- Email: cauke@travinh.gov.vn",
    "TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CẦU KÈ",
    "Cổng thông tin điện tử huyện Giồng Riềng",
    "<html><head><title>",
    "</title><meta property=\"og:title\" content=\"",
    "\"><meta property=\"article:published_time\" content=\"2021-03-30T08:00:00+07:00\">",
    "<p>",
    "</p>",
    "<figcaption>",
    "<meta charset=windows-1258>",
    "\u{a0}\u{a0}\u{a0}",
    "\u{301}\u{323}",
    "\u{200b}",
    "…",
    ". ",
    "./.",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "2021",
    "nhiệm kỳ 2015 – 2020",
    "Covid-19",
    "x",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        if let Ok(a) = run(&bytes, None) {
            check(&a);
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,600}") {
        if let Ok(a) = run(text.as_bytes(), Some(&text)) {
            check(&a);
        }
    }

    #[test]
    fn vietnamese_fragments_never_panic(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80)) {
        let text: String = parts.concat();
        if let Ok(a) = run(text.as_bytes(), None) {
            check(&a);
        }
    }

    #[test]
    fn fast_fold_equals_core_fold(text in "\\PC{0,200}") {
        prop_assert_eq!(bantin_ingest::fastfold::fold(&text), bantin_core::fold::fold(&text));
    }
}

#[test]
fn a_plausible_fragment_page_does_extract() {
    let text = ["Hội nghị Ban chấp hành Đảng bộ huyện Cao Lãnh lần thứ tư", "\n\n", "Sáng ngày 30/3/2021, ", "Huyện ủy Cầu Kè", ". ", "\n\n", "Tin, ảnh: ", "Thuý Nhi"].concat();
    let a = run(text.as_bytes(), None).unwrap();
    check(&a);
    assert_eq!(a.authors, vec!["Thúy Nhi"]);
}
