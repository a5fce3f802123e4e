//! Whole-page behaviour: publication dates in every printed form, year inference, layout
//! (titles, captions, bylines, boilerplate) and the reasons pages are rejected.

mod common;

use bantin_ingest::published;
use common::extract_text;

fn published(text: &str) -> (String, &'static str) {
    let a = extract_text(text).unwrap_or_else(|e| panic!("rejected: {e}\n{text}"));
    (a.published.to_rfc3339(), a.precision.as_str())
}

fn page_with_lead(title: &str, lead: &str) -> String {
    format!("{title}\n\n{lead}\n\nĐoạn thứ hai của bài viết nêu nhiều nội dung quan trọng khác.\n\nThúy Nhi\n")
}

#[test]
fn lead_dates_with_a_year() {
    for (lead, want) in [
        ("Ngày 26/3/2021, UBND huyện tổ chức hội nghị.", "2021-03-26T00:00:00+07:00"),
        ("Sáng ngày 30/3/2021, Ban chấp hành họp.", "2021-03-30T00:00:00+07:00"),
        ("Chiều 28/7/2020 Huyện ủy hội nghị.", "2020-07-28T00:00:00+07:00"),
        ("Sáng ngày 15 tháng 8 năm 2022, tại hội trường UBND huyện diễn ra lễ kỷ niệm.", "2022-08-15T00:00:00+07:00"),
    ] {
        assert_eq!(published(&page_with_lead("Hội nghị sơ kết công tác quý", lead)), (want.to_owned(), "day"), "{lead}");
    }
}

#[test]
fn publication_stamps_keep_the_minute_and_beat_the_lead() {
    let text = "Hội nghị Ban chấp hành Đảng bộ huyện lần thứ 2\n\n(16:30 | 29/07/2020)\n\nChiều 28/7/2020 Huyện ủy hội nghị Ban chấp hành.\n\nĐoạn hai.\n";
    assert_eq!(published(text), ("2020-07-29T16:30:00+07:00".to_owned(), "minute"));
    let text = "THỨ HAI, 14/09/2020 10:15:00\n\nHội nghị sơ kết công tác quý III\n\nSáng 12/9, Huyện ủy tổ chức hội nghị sơ kết.\n\nĐoạn hai.\n";
    assert_eq!(published(text), ("2020-09-14T10:15:00+07:00".to_owned(), "minute"));
    let text = "Hội nghị sơ kết công tác quý III\n\nNgày đăng: 14/09/2020\n\nSáng 12/9, Huyện ủy tổ chức hội nghị sơ kết.\n\nĐoạn hai.\n";
    assert_eq!(published(text), ("2020-09-14T00:00:00+07:00".to_owned(), "day"));
}

#[test]
fn yearless_dates_take_the_year_of_the_story() {
    // 001: "Ngày 06/5" with "tháng 4 năm 2021" in the title.
    let text = page_with_lead("Sơ kết tình hình hoạt động tháng 4 năm 2021", "Ngày 06/5, Ban Thường vụ Huyện ủy tổ chức hội nghị.");
    assert_eq!(published(&text), ("2021-05-06T00:00:00+07:00".to_owned(), "day-inferred-year"));
    let text = page_with_lead("Lễ kỷ niệm Quốc khánh năm 2019", "Ngày 3-9, UBND huyện tổ chức lễ kỷ niệm.");
    assert_eq!(published(&text), ("2019-09-03T00:00:00+07:00".to_owned(), "day-inferred-year"));
    let text = page_with_lead("Đoàn công tác làm việc tại huyện", "Chiều 12.9, đoàn công tác của tỉnh làm việc về kế hoạch năm 2022.");
    assert_eq!(published(&text), ("2022-09-12T00:00:00+07:00".to_owned(), "day-inferred-year"));
}

#[test]
fn a_crawl_banner_bounds_the_year() {
    // 002: crawled on 25/01/2021, "Sáng 25/02" cannot be 2021, although 2021 is mentioned.
    let text = "Hôm nay, Thứ hai ngày 25/01/2021\n\nTin tức trong Huyện\n\nHuyện ủy tổ chức Hội nghị giao ban công tác tháng 2\n\nSáng 25/02, Huyện ủy tổ chức hội nghị giao ban.\n\nChuẩn bị bầu cử năm 2021 và năm 2021.\n";
    assert_eq!(published(text), ("2020-02-25T00:00:00+07:00".to_owned(), "day-inferred-year"));
    // With nothing else to go on, the banner alone gives the latest possible year.
    let text = "Hôm nay, Thứ hai ngày 25/01/2021\n\nHuyện ủy tổ chức Hội nghị giao ban công tác\n\nSáng 20/01, Huyện ủy tổ chức hội nghị giao ban.\n\nĐoạn hai.\n";
    assert_eq!(published(text), ("2021-01-20T00:00:00+07:00".to_owned(), "day-inferred-year"));
}

#[test]
fn rejects_say_why() {
    let no_year = page_with_lead("Huyện ủy tổ chức hội nghị giao ban", "Sáng 25/02, Huyện ủy tổ chức hội nghị giao ban.");
    let e = extract_text(&no_year).unwrap_err();
    assert_eq!(e, format!("publication date 25/02 has no year and none could be inferred ({})", published::LOOKED_FOR_YEAR));
    let no_date = page_with_lead("Huyện ủy tổ chức hội nghị giao ban", "Huyện ủy tổ chức hội nghị giao ban.");
    let no_date_reason = format!("no publication date found ({})", published::LOOKED);
    assert_eq!(extract_text(&no_date).unwrap_err(), no_date_reason);
    // A page without a headline is never rejected for it: only a missing date or body counts.
    assert_eq!(extract_text("Một câu văn dài đầy đủ chủ ngữ vị ngữ và kết thúc bằng dấu chấm.\n").unwrap_err(), no_date_reason);
    assert_eq!(extract_text("Xuất bản thông tin\n\nTin tức\n").unwrap_err(), "empty body");
    assert_eq!(extract_text("Huyện ủy tổ chức hội nghị giao ban\n\nBản đồ\n\nThống kê truy cập\n").unwrap_err(), "empty body");
    assert_eq!(common::extract_bytes(b"Hu\xe1\xbb\x87n \xff\xfe", None).unwrap_err(), "not UTF-8 and no charset declared");
    assert_eq!(common::extract_bytes(b"", None).unwrap_err(), "empty file");
    assert_eq!(common::extract_bytes(b"PK\x03\x04\0\0\0", None).unwrap_err(), "binary data, not a text or HTML page");
}

#[test]
fn bylines_captions_and_boilerplate() {
    let text = "Xuất bản thông tin\n\nnull Tiêu đề bài viết về hội nghị\n\nThông tin dự án, đầu tư Tin tức\n\nTiêu đề bài viết về hội nghị\n\nNgày 26/3/2021, UBND huyện tổ chức hội nghị.\n\nQuang cảnh Hội nghị\n\nĐoạn hai có dấu chấm.\n\n- Nhiệm vụ thứ nhất không có dấu chấm\n\n\u{a0}\u{a0}\u{a0}\u{a0}Tin: Minh Hải - Ảnh: Ngọc Hân\n\nBản đồ\n\nThống kê truy cập\n  • Đang online: 20\n";
    let a = extract_text(text).unwrap();
    assert_eq!(a.title, "Tiêu đề bài viết về hội nghị");
    assert_eq!(a.captions, vec!["Quang cảnh Hội nghị"]);
    assert_eq!(a.authors, vec!["Minh Hải", "Ngọc Hân"]);
    assert_eq!(
        a.paragraphs,
        vec!["Ngày 26/3/2021, UBND huyện tổ chức hội nghị.", "Đoạn hai có dấu chấm.", "- Nhiệm vụ thứ nhất không có dấu chấm"]
    );
    assert_eq!(a.summary, "Ngày 26/3/2021, UBND huyện tổ chức hội nghị.");
}

#[test]
fn decomposed_text_and_nbsp_are_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let text: String = "Huyện ủy Cầu Kè hội nghị sơ kết\n\nNgày 26/3/2021,\u{a0}\u{a0}Huyện ủy Cầu Kè tổ chức hội nghị.\n\nĐoạn hai.\n".nfd().collect();
    let a = extract_text(&text).unwrap();
    assert_eq!(a.title, "Huyện ủy Cầu Kè hội nghị sơ kết");
    assert_eq!(a.paragraphs[0], "Ngày 26/3/2021, Huyện ủy Cầu Kè tổ chức hội nghị.");
    assert_eq!(a.district.map(|d| d.name.as_str()), Some("Cầu Kè"));
}

#[test]
fn short_menu_lines_before_the_headline_are_skipped() {
    let text = "Giới thiệu\n\nLiên hệ\n\nHuyện ủy tổ chức hội nghị giao ban tháng 8\n\nSáng ngày 3/9/2021, Huyện ủy tổ chức hội nghị.\n\nĐoạn hai.\n";
    assert_eq!(extract_text(text).unwrap().title, "Huyện ủy tổ chức hội nghị giao ban tháng 8");
}

#[test]
fn a_sapo_without_a_date_lets_the_second_paragraph_date_the_story() {
    let text = "Huyện ủy tổ chức hội nghị giao ban tháng 8\n\nHội nghị đánh giá kết quả công tác tháng 8 và bàn nhiệm vụ tháng 9.\n\nSáng ngày 3/9/2021, Huyện ủy tổ chức hội nghị.\n";
    assert_eq!(published(text), ("2021-09-03T00:00:00+07:00".to_owned(), "day"));
}

#[test]
fn headlines_when_the_page_prints_none() {
    use bantin_ingest::title::TitleSource;
    let body = "Sáng 02/02/2023, Huyện ủy Tân Hiệp tổ chức họp mặt kỷ niệm 93 năm Ngày thành lập Đảng Cộng sản Việt Nam tại hội trường.\n\nĐoạn hai của bài viết nêu nhiều nội dung quan trọng khác.\n";
    let page = format!("Skip to main content\n\nBanner\n\nTrang chủ\n\n{body}");
    let a = extract_text(&page).unwrap();
    assert_eq!(a.title_source, TitleSource::Lead);
    assert!(a.title.starts_with("Huyện ủy Tân Hiệp tổ chức họp mặt"), "{}", a.title);
    let url = "https://tanhiep.kiengiang.gov.vn/tin-tuc/huyen-uy-tan-hiep-hop-mat-ky-niem-93-nam-ngay-thanh-lap-dang-3312.html";
    let a = common::extract_bytes(page.as_bytes(), Some(url)).unwrap();
    assert_eq!((a.title.as_str(), a.title_source), ("Huyện ủy Tân Hiệp họp mặt kỷ niệm 93 năm Ngày thành lập Đảng", TitleSource::Url));
    let html = format!("<html><head><meta property=\"og:title\" content=\"Tân Hiệp họp mặt mừng Đảng\"></head><body><article><p>{}</p></article></body></html>", body.replace("\n\n", "</p><p>"));
    let a = extract_text(&html).unwrap();
    assert_eq!((a.title.as_str(), a.title_source), ("Tân Hiệp họp mặt mừng Đảng", TitleSource::Page));
}

#[test]
fn relative_days_move_the_publication_date() {
    let text = page_with_lead("Ba Tri bàn giao nhà Đại đoàn kết năm 2022", "Hôm qua (14/5), Ủy ban MTTQ Việt Nam huyện Ba Tri bàn giao nhà.");
    assert_eq!(published(&text), ("2022-05-15T00:00:00+07:00".to_owned(), "day-inferred-year"));
    let text = page_with_lead("Cái Nước sẵn sàng cho năm học mới", "Ngày mai (5/9), học sinh huyện Cái Nước dự lễ khai giảng năm học 2022 - 2023.");
    assert_eq!(published(&text), ("2022-09-04T00:00:00+07:00".to_owned(), "day-inferred-year"));
}

#[test]
fn the_event_day_not_a_cited_document_or_a_planned_session() {
    let text = page_with_lead("Họp mặt truyền thống", "Thực hiện Kế hoạch số 36-KH/HU ngày 06/01/2017 của Huyện ủy, vào lúc 18 giờ ngày 10/02/2017, Đảng bộ huyện tổ chức họp mặt.");
    assert_eq!(published(&text).0, "2017-02-10T00:00:00+07:00");
    let text = page_with_lead("Chuẩn bị kỳ họp cuối năm", "Chiều 12/11, Thường trực HĐND huyện họp chuẩn bị kỳ họp dự kiến diễn ra vào ngày 5/1/2014, bàn kế hoạch năm 2014.");
    assert_eq!(published(&text).0, "2013-11-12T00:00:00+07:00");
}
