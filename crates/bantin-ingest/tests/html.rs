//! HTML pages: metadata, structure, and legacy charsets.

mod common;

use bantin_ingest::decode::to_windows_1258_form;

const FIXTURE: &str = r#"<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Huyện Cầu Kè ra quân làm thủy lợi nội đồng - Trang thông tin điện tử huyện Cầu Kè</title>
  <meta property="og:title" content="Huyện Cầu Kè ra quân làm thủy lợi nội đồng">
  <meta property="og:site_name" content="Trang thông tin điện tử huyện Cầu Kè">
  <meta property="og:url" content="https://cauke.travinh.gov.vn/tin-tuc/ra-quan-thuy-loi-123.html">
  <meta property="article:published_time" content="2021-03-02T08:15:00+07:00">
  <link rel="canonical" href="https://cauke.travinh.gov.vn/tin-tuc/canonical-123.html">
  <script>var tracking = "Tin tức";</script>
  <style>.x { color: red }</style>
</head>
<body>
  <nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li></ul></nav>
  <article>
    <h1>Huyện Cầu Kè ra quân làm thủy lợi nội đồng</h1>
    <time datetime="2021-03-01">01/03/2021</time>
    <p>Sáng ngày 1/3/2021, UBND&nbsp;huyện Cầu Kè tổ chức lễ ra quân làm thủy lợi nội đồng năm 2021.</p>
    <figure><img src="a.jpg" alt=""><figcaption>Quang cảnh lễ ra quân</figcaption></figure>
    <p>Các xã, thị trấn đồng loạt ra quân nạo vét kênh mương, <b>phục vụ</b> sản xuất vụ Hè Thu.</p>
    <p style="text-align:right">Tin, ảnh: Tấn Lập</p>
  </article>
  <aside><h3>Tin liên quan</h3><ul><li>Tin khác về nông nghiệp</li></ul></aside>
  <footer><p>TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CẦU KÈ</p><p>- Email: cauke@travinh.gov.vn</p></footer>
</body>
</html>"#;

#[test]
fn html_metadata_and_structure() {
    let a = common::extract_text(FIXTURE).unwrap();
    assert_eq!(a.title, "Huyện Cầu Kè ra quân làm thủy lợi nội đồng");
    // article:published_time wins over <time datetime> and the lead's date; the minute is kept.
    assert_eq!(a.published.to_rfc3339(), "2021-03-02T08:15:00+07:00");
    assert_eq!(a.precision.as_str(), "minute");
    assert_eq!(a.url.as_deref(), Some("https://cauke.travinh.gov.vn/tin-tuc/ra-quan-thuy-loi-123.html"));
    assert_eq!(a.site.as_deref(), Some("Trang thông tin điện tử huyện Cầu Kè"));
    assert_eq!(a.captions, vec!["Quang cảnh lễ ra quân"]);
    assert_eq!(a.authors, vec!["Tấn Lập"]);
    assert_eq!(
        a.paragraphs,
        vec![
            "Sáng ngày 1/3/2021, UBND huyện Cầu Kè tổ chức lễ ra quân làm thủy lợi nội đồng năm 2021.",
            "Các xã, thị trấn đồng loạt ra quân nạo vét kênh mương, phục vụ sản xuất vụ Hè Thu.",
        ]
    );
    assert_eq!(a.district.map(|d| d.id.as_str()), Some("huyen-cau-ke-tra-vinh"));
    assert!(a.topics.contains(&"nong-nghiep-ntm"), "{:?}", a.topics);
}

#[test]
fn time_element_canonical_link_and_title_fallbacks() {
    let html = r#"<html><head><title>Hội nghị sơ kết công tác quý I | Cổng thông tin điện tử huyện Giồng Riềng</title>
        <link rel="canonical" href="https://giongrieng.kiengiang.gov.vn/tin/1"></head>
        <body><div class="menu">Trang chủ</div>
        <div class="content"><h2>Hội nghị sơ kết công tác quý I</h2>
        <time datetime="2021-04-05T01:30:00Z">05/04/2021</time>
        <p>Huyện ủy tổ chức hội nghị sơ kết công tác quý I năm 2021.</p><p>Đoạn hai.</p></div></body></html>"#;
    let a = common::extract_text(html).unwrap();
    assert_eq!(a.title, "Hội nghị sơ kết công tác quý I");
    assert_eq!(a.published.to_rfc3339(), "2021-04-05T08:30:00+07:00");
    assert_eq!(a.url.as_deref(), Some("https://giongrieng.kiengiang.gov.vn/tin/1"));
    assert_eq!(a.paragraphs[0], "Huyện ủy tổ chức hội nghị sơ kết công tác quý I năm 2021.");
    assert_eq!(a.district.map(|d| d.name.as_str()), Some("Giồng Riềng"));
}

#[test]
fn windows_1258_page_decodes_to_nfc() {
    let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\">\
        <title>Huyện ủy Vĩnh Thuận sơ kết 6 tháng đầu năm</title></head><body>\
        <p>Chiều 28/7/2020, Huyện ủy Vĩnh Thuận tổ chức hội nghị sơ kết tình hình thực hiện nhiệm vụ.</p>\
        <p>Đồng chí Bí thư Huyện ủy phát biểu chỉ đạo, nhấn mạnh công tác phòng, chống dịch Covid-19.</p>\
        <p>Tin và ảnh: Dương Tuấn</p></body></html>";
    let form = to_windows_1258_form(html);
    let (bytes, encoding, unmappable) = encoding_rs::WINDOWS_1258.encode(&form);
    assert_eq!(encoding, encoding_rs::WINDOWS_1258);
    assert!(!unmappable, "the fixture must be fully representable in windows-1258");
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be valid UTF-8");
    let a = common::extract_bytes(&bytes, None).unwrap();
    assert_eq!(a.title, "Huyện ủy Vĩnh Thuận sơ kết 6 tháng đầu năm");
    assert!(a.title.chars().all(|c| !unicode_normalization::char::is_combining_mark(c)), "NFC");
    assert_eq!(a.paragraphs[0], "Chiều 28/7/2020, Huyện ủy Vĩnh Thuận tổ chức hội nghị sơ kết tình hình thực hiện nhiệm vụ.");
    assert_eq!(a.authors, vec!["Dương Tuấn"]);
    assert_eq!(a.district.map(|d| d.name.as_str()), Some("Vĩnh Thuận"));
    assert_eq!(a.published.to_rfc3339(), "2020-07-28T00:00:00+07:00");
}

#[test]
fn legacy_bytes_without_a_charset_are_rejected() {
    let form = to_windows_1258_form("<html><body><p>Huyện ủy Vĩnh Thuận</p></body></html>");
    let (bytes, _, _) = encoding_rs::WINDOWS_1258.encode(&form);
    assert_eq!(common::extract_bytes(&bytes, None).unwrap_err(), "not UTF-8 and no charset declared");
}

#[test]
fn a_headline_that_differs_from_og_title_is_not_a_caption() {
    let html = r#"<html><head><meta property="og:title" content="Huyện Cầu Kè ra quân làm thủy lợi"></head>
        <body><h1>Huyện Cầu Kè ra quân làm thủy lợi nội đồng năm 2021</h1>
        <p>Sáng ngày 1/3/2021, UBND huyện Cầu Kè tổ chức lễ ra quân.</p><p>Đoạn hai.</p></body></html>"#;
    let a = common::extract_text(html).unwrap();
    assert_eq!(a.title, "Huyện Cầu Kè ra quân làm thủy lợi");
    assert!(a.captions.is_empty(), "{:?}", a.captions);
    assert_eq!(a.paragraphs.len(), 2);
}
