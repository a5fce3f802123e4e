//! Golden tests: every contract field of the five seed pages (data/pages).

mod common;

use bantin_core::feed::Item;
use bantin_core::topics;

struct Expected {
    file: &'static str,
    id: &'static str,
    title: &'static str,
    date: &'static str,
    precision: &'static str,
    district: Option<(&'static str, &'static str, &'static str, &'static str, &'static str, &'static str)>,
    authors: &'static [&'static str],
    topics: &'static [&'static str],
    site: Option<&'static str>,
    captions: &'static [&'static str],
    paragraphs: usize,
    /// Start of the first and of the last paragraph.
    first: &'static str,
    last: &'static str,
    /// Texts that must not appear in content_text.
    absent: &'static [&'static str],
}

/// Boilerplate that no seed's content may contain.
const NEVER: &[&str] = &[
    "null ",
    "Xuất bản thông tin",
    "Thông tin dự án, đầu tư Tin tức",
    "Tin tức trong Huyện",
    "Nội dung khác",
    "Xem với cỡ chữ",
    "Bản đồ",
    "Thống kê truy cập",
    "Đang online",
    "Designed by",
    "Ghi rõ nguồn",
    "Điện thoại",
    "Email",
    "Hôm nay, Thứ hai",
    "\u{a0}",
    "Tin, ảnh",
    "Tin và ảnh",
];

const SEEDS: &[Expected] = &[
    Expected {
        file: "000_b62a6eaa4bd6ee60.txt",
        id: "2021-03-30-hoi-nghi-ban-chap-hanh-dang-bo-huyen-cao-lanh-lan-thu-tu",
        title: "Hội nghị Ban chấp hành Đảng bộ huyện Cao Lãnh lần thứ tư",
        date: "2021-03-30T00:00:00+07:00",
        precision: "day",
        district: Some(("Cao Lãnh", "huyện", "huyen-cao-lanh-dong-thap", "873", "Đồng Tháp", "Đồng Tháp")),
        authors: &["Thúy Nhi"],
        topics: &["xay-dung-dang", "nong-nghiep-ntm", "y-te-dich-benh"],
        site: None,
        captions: &["Quang cảnh Hội nghị", "Đ/c Huỳnh Thị Hoài Thu phát biểu tại Hội nghị"],
        paragraphs: 5,
        first: "Sáng ngày 30/3/2021, Ban chấp hành Đảng bộ huyện Cao Lãnh tổ chức Hội nghị lần thứ tư",
        last: "Để thực hiện có hiệu quả các nhiệm vụ trọng tâm năm 2021",
        absent: &["Quang cảnh Hội nghị", "phát biểu tại Hội nghị", "Thuý Nhi", "Thúy Nhi"],
    },
    Expected {
        file: "001_9e07433620c85735.txt",
        id: "2021-05-06-ban-thuong-vu-huyen-uy-cau-ke-hoi-nghi-so-ket-tinh-hinh-hoat",
        title: "Ban Thường vụ Huyện ủy Cầu Kè hội nghị sơ kết tình hình hoạt động tháng 4 năm 2021",
        date: "2021-05-06T00:00:00+07:00",
        precision: "day-inferred-year",
        district: Some(("Cầu Kè", "huyện", "huyen-cau-ke-tra-vinh", "845", "Trà Vinh", "Vĩnh Long")),
        authors: &["Tấn Lập"],
        topics: &["xay-dung-dang", "kinh-te", "nong-nghiep-ntm"],
        site: Some("Trang thông tin điện tử huyện Cầu Kè"),
        captions: &["Đ/c Nguyễn Hoàng Khải, TUV, Bí thư HU Cầu Kè phát biểu chỉ đạo tại hội nghị"],
        paragraphs: 3,
        first: "Ngày 06/5, Ban Thường vụ Huyện ủy Cầu Kè tổ chức hội nghị Ban chấp hành mở rộng",
        last: "Phát biểu chỉ đạo tại hội nghị, đồng chí Nguyễn Hoàng Khải",
        absent: &[
            "Tấn Lập",
            "Hôm nay: 2233",
            "Tất cả",
            "TRANG THÔNG TIN ĐIỆN TỬ",
            "Đơn vị quản lý",
            "cauke@travinh.gov.vn",
            "VNPT",
        ],
    },
    Expected {
        file: "002_9ec008351f03b0a2.txt",
        id: "2020-02-25-huyen-uy-to-chuc-hoi-nghi-giao-ban-cong-tac-thang-2",
        title: "Huyện ủy tổ chức Hội nghị giao ban công tác tháng 2",
        date: "2020-02-25T00:00:00+07:00",
        precision: "day-inferred-year",
        district: Some(("Kim Sơn", "huyện", "huyen-kim-son-ninh-binh", "376", "Ninh Bình", "Ninh Bình")),
        authors: &["Mai Hoa"],
        topics: &["xay-dung-dang"],
        site: None,
        captions: &[
            "Các đại biểu nghiên cứu, thảo luận cho ý kiến vào dự thảo bảo cáo công tác tháng 2, nhiệm vụ trọng tâm công tác tháng 3",
        ],
        paragraphs: 6,
        first: "Sáng 25/02, Huyện ủy tổ chức hội nghị giao ban công tác tháng 2",
        last: "Kết luận hội nghị, đồng chí Mai Văn Thanh Phó Bí thư Thường trực Huyện ủy trao đổi",
        absent: &["Các đại biểu nghiên cứu, thảo luận cho ý kiến", "Mai Hoa", "25/01/2021"],
    },
    Expected {
        file: "003_6e5d7d1bc601a596.txt",
        id: "2020-07-29-hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-2-mo-rong-so",
        title: "Hội nghị Ban chấp hành Đảng bộ huyện lần thứ 2 (mở rộng) sơ kết tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2020",
        date: "2020-07-29T16:30:00+07:00",
        precision: "minute",
        district: Some(("Vĩnh Thuận", "huyện", "huyen-vinh-thuan-kien-giang", "910", "Kiên Giang", "An Giang")),
        authors: &["Dương Tuấn"],
        topics: &["xay-dung-dang"],
        site: Some("Cổng thông tin điện tử huyện Giồng Riềng"),
        captions: &[],
        paragraphs: 4,
        first: "Chiều 28/7/2020 Huyện ủy Vĩnh Thuận hội nghị Ban chấp hành Đảng bộ huyện lần thứ 2",
        last: "Cũng trong dịp này Huyện ủy triển khai quyết định khen thưởng",
        absent: &["Cổng thông tin điện tử", "(16:30 | 29/07/2020)", "Dương Tuấn", "Giồng Riềng"],
    },
    Expected {
        file: "004_e56e038e237a51aa.txt",
        id: "2021-03-26-tong-ket-cong-tac-phoi-hop-giua-ubnd-voi-ubmttq-va-cac-to",
        title: "Tổng kết công tác phối hợp giữa UBND với UBMTTQ và các tổ chức CTXH huyện",
        date: "2021-03-26T00:00:00+07:00",
        precision: "day",
        district: Some(("Cao Lãnh", "huyện", "huyen-cao-lanh-dong-thap", "873", "Đồng Tháp", "Đồng Tháp")),
        authors: &["Thành Ngưỡng"],
        topics: &["mat-tran-doan-the", "chinh-quyen"],
        site: None,
        captions: &[
            "Bà Huỳnh Thị Hoài Thu phát biểu tại Hội nghị",
            "Ông Nguyễn Hồng Sự phát biểu chỉ đạo tại Hội nghị",
            "Ông Lê Chí Thiện phát biểu tại Hội nghị",
        ],
        paragraphs: 5,
        first: "Ngày 26/3/2021, Ủy ban nhân dân huyện Cao Lãnh tổ chức Hội nghị tổng kết",
        last: "Phát biểu chỉ đạo, bà Huỳnh Thị Hoài Thu và ông Nguyễn Hồng Sự đánh giá cao",
        absent: &["phát biểu tại Hội nghị", "Thành Ngưỡng"],
    },
];

fn item<'a>(items: &'a [Item], file: &str) -> &'a Item {
    items
        .iter()
        .find(|i| i.bantin.source_file.as_deref() == Some(file))
        .unwrap_or_else(|| panic!("no item for {file}"))
}

#[test]
fn every_seed_becomes_exactly_one_article() {
    let items = common::seed_items();
    assert_eq!(items.len(), SEEDS.len());
    for e in SEEDS {
        item(&items, e.file);
    }
}

#[test]
fn every_contract_field_of_every_seed() {
    let items = common::seed_items();
    for e in SEEDS {
        let it = item(&items, e.file);
        let ctx = e.file;
        // id: stable, URL-safe, date + title slug
        assert_eq!(it.id, e.id, "{ctx}: id");
        assert!(it.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{ctx}: id shape");
        assert!(it.id.len() <= 11 + 60, "{ctx}: id length");
        assert_eq!(it.url, None, "{ctx}: url");
        assert_eq!(it.title, e.title, "{ctx}: title");
        assert_eq!(it.date_published, e.date, "{ctx}: date_published");
        assert_eq!(it.bantin.date_precision, e.precision, "{ctx}: precision");

        // content_text: paragraphs separated by one blank line, cleaned
        let paragraphs: Vec<&str> = it.content_text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), e.paragraphs, "{ctx}: paragraphs {paragraphs:#?}");
        assert!(paragraphs.iter().all(|p| !p.is_empty() && p.trim() == *p && !p.contains('\n') && !p.contains("  ")), "{ctx}");
        assert!(paragraphs[0].starts_with(e.first), "{ctx}: first paragraph {}", paragraphs[0]);
        assert!(paragraphs[paragraphs.len() - 1].starts_with(e.last), "{ctx}: last paragraph");
        for bad in NEVER.iter().chain(e.absent) {
            assert!(!it.content_text.contains(bad), "{ctx}: content contains {bad:?}");
        }
        for c in e.captions {
            assert!(!it.content_text.contains(c), "{ctx}: caption {c:?} in the body");
        }

        // summary: one or two sentences of the lead, ≤ 300 characters
        assert!(!it.summary.is_empty(), "{ctx}: summary");
        assert!(it.summary.chars().count() <= 300, "{ctx}: summary length");
        let lead_prefix = it.summary.trim_end_matches('…');
        assert!(paragraphs[0].starts_with(lead_prefix), "{ctx}: summary {:?} is not a prefix of the lead", it.summary);

        let authors: Vec<&str> = it.authors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(authors, e.authors, "{ctx}: authors");
        assert_eq!(it.bantin.topics, e.topics, "{ctx}: topics");
        let labels: Vec<&str> = e.topics.iter().map(|s| topics::by_slug(s).unwrap().vi).collect();
        assert_eq!(it.tags, labels, "{ctx}: tags");
        assert_eq!(it.bantin.site.as_deref(), e.site, "{ctx}: site");
        assert_eq!(it.bantin.captions, e.captions, "{ctx}: captions");
        assert_eq!(it.bantin.source_file.as_deref(), Some(e.file), "{ctx}: source_file");
        assert_eq!(it.bantin.title_source.as_deref(), Some("page"), "{ctx}: title_source");

        let b = &it.bantin;
        let got = (
            b.district.as_deref(),
            b.district_type.as_deref(),
            b.district_id.as_deref(),
            b.district_code.as_deref(),
            b.province.as_deref(),
            b.province_2025.as_deref(),
        );
        let want = match e.district {
            Some((n, t, id, code, p, p25)) => (Some(n), Some(t), Some(id), Some(code), Some(p), Some(p25)),
            None => (None, None, None, None, None, None),
        };
        assert_eq!(got, want, "{ctx}: district");
        bantin_core::feed::validate(it).unwrap_or_else(|e| panic!("{ctx}: {e}"));
    }
}

#[test]
fn feed_order_is_newest_first() {
    let items = common::seed_items();
    let files: Vec<&str> = items.iter().map(|i| i.bantin.source_file.as_deref().unwrap()).collect();
    assert_eq!(
        files,
        [
            "001_9e07433620c85735.txt",
            "000_b62a6eaa4bd6ee60.txt",
            "004_e56e038e237a51aa.txt",
            "003_6e5d7d1bc601a596.txt",
            "002_9ec008351f03b0a2.txt",
        ]
    );
}

#[test]
fn names_use_one_tone_placement() {
    let items = common::seed_items();
    for it in &items {
        for name in it.authors.iter().map(|a| a.name.as_str()).chain(it.bantin.district.as_deref()).chain(it.bantin.site.as_deref()) {
            assert_eq!(bantin_core::fold::canonical_name(name), name);
        }
    }
}
