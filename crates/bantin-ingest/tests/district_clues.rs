//! District resolution, one clue kind at a time (through the whole extraction).

mod common;

use bantin_ingest::district::Clues;

/// A small page: title, dated lead, a neutral paragraph, byline, then an optional footer.
fn page(title: &str, lead: &str, footer: &str) -> String {
    format!(
        "{title}\n\nSáng ngày 3/9/2021, {lead}\n\nCác đại biểu đã thảo luận và thống nhất nhiều nội dung quan trọng.\n\nTin, ảnh: Minh Hải\n\nThống kê truy cập\n{footer}\n"
    )
}

fn resolved(title: &str, lead: &str, footer: &str) -> Option<String> {
    common::district_id(&page(title, lead, footer))
}

fn resolved_with_url(title: &str, lead: &str, url: &str) -> Option<String> {
    common::extract_bytes(page(title, lead, "").as_bytes(), Some(url)).unwrap().district.map(|d| d.id.clone())
}

#[test]
fn explicit_mentions_in_title_and_lead() {
    let r = resolved("Huyện ủy Cầu Kè tổ chức hội nghị", "Huyện ủy tổ chức hội nghị.", "");
    assert_eq!(r.as_deref(), Some("huyen-cau-ke-tra-vinh"));
    let r = resolved("Hội nghị giao ban", "UBND huyện Giồng Riềng tổ chức hội nghị giao ban.", "");
    assert_eq!(r.as_deref(), Some("huyen-giong-rieng-kien-giang"));
    let r = resolved("Hội nghị giao ban", "Thị ủy Ninh Hòa tổ chức hội nghị giao ban.", "");
    assert_eq!(r.as_deref(), Some("thi-xa-ninh-hoa-khanh-hoa"));
}

#[test]
fn huyen_and_thanh_pho_cao_lanh_are_told_apart() {
    let r = resolved("Hội nghị Ban chấp hành Đảng bộ huyện Cao Lãnh", "Ban chấp hành họp.", "");
    assert_eq!(r.as_deref(), Some("huyen-cao-lanh-dong-thap"));
    let r = resolved("Thành ủy Cao Lãnh sơ kết quý I", "Thành ủy họp.", "");
    assert_eq!(r.as_deref(), Some("thanh-pho-cao-lanh-dong-thap"));
    let r = resolved("Hội nghị sơ kết", "UBND thành phố Cao Lãnh tổ chức hội nghị.", "");
    assert_eq!(r.as_deref(), Some("thanh-pho-cao-lanh-dong-thap"));
    let r = resolved("Hội nghị sơ kết", "UBND TP. Cao Lãnh tổ chức hội nghị.", "");
    assert_eq!(r.as_deref(), Some("thanh-pho-cao-lanh-dong-thap"));
    // The name alone cannot choose between them.
    let r = resolved("Phát huy giá trị con người Cao Lãnh", "Nhiều hoạt động được tổ chức.", "");
    assert_eq!(r, None);
}

#[test]
fn ambiguous_same_name_gives_no_district() {
    let r = resolved("Huyện Châu Thành ra quân làm thủy lợi", "Huyện ra quân.", "");
    assert_eq!(r, None, "Châu Thành exists in many provinces: never guess");
}

#[test]
fn same_name_resolved_by_the_province_the_page_gives() {
    let r = resolved("Huyện Châu Thành ra quân làm thủy lợi", "Nhân dân huyện Châu Thành, tỉnh Tiền Giang ra quân.", "");
    assert_eq!(r.as_deref(), Some("huyen-chau-thanh-tien-giang"));
    // …or by the portal's province (footer address).
    let r = resolved(
        "Huyện Châu Thành ra quân làm thủy lợi",
        "Nhân dân ra quân.",
        "- Địa chỉ: số 1 đường 30/4, tỉnh Trà Vinh",
    );
    assert_eq!(r.as_deref(), Some("huyen-chau-thanh-tra-vinh"));
    // …or by the URL host.
    let r = resolved_with_url("Huyện Châu Thành ra quân làm thủy lợi", "Nhân dân ra quân.", "https://chauthanh.tiengiang.gov.vn/tin/1");
    assert_eq!(r.as_deref(), Some("huyen-chau-thanh-tien-giang"));
}

#[test]
fn commune_only_in_one_district() {
    let r = resolved("Huyện ủy tổ chức Hội nghị giao ban", "Huyện ủy tổ chức hội nghị. Đảng bộ xã Thượng Kiệm chuẩn bị đại hội.", "");
    assert_eq!(r.as_deref(), Some("huyen-kim-son-ninh-binh"));
}

#[test]
fn site_name_and_footer() {
    let r = common::district_id(&format!(
        "Cổng thông tin điện tử huyện Giồng Riềng\n\n{}",
        page("Huyện ủy tổ chức hội nghị", "Huyện ủy tổ chức hội nghị.", "")
    ));
    assert_eq!(r.as_deref(), Some("huyen-giong-rieng-kien-giang"));
    let r = resolved(
        "Huyện ủy tổ chức hội nghị",
        "Huyện ủy tổ chức hội nghị.",
        "TRANG THÔNG TIN ĐIỆN TỬ HUYỆN CẦU KÈ\n- Đơn vị quản lý UBND huyện Cầu Kè - Số 27 đường Trần Phú, thị trấn Cầu Kè, huyện Cầu Kè, tỉnh Trà Vinh.",
    );
    assert_eq!(r.as_deref(), Some("huyen-cau-ke-tra-vinh"));
    // The e-mail address alone: `cauke@travinh.gov.vn`.
    let r = resolved("Huyện ủy tổ chức hội nghị", "Huyện ủy tổ chức hội nghị.", "- Email: cauke@travinh.gov.vn");
    assert_eq!(r.as_deref(), Some("huyen-cau-ke-tra-vinh"));
}

#[test]
fn url_hosts_including_party_sites() {
    let lead = "Huyện ủy tổ chức hội nghị.";
    let title = "Huyện ủy tổ chức hội nghị";
    assert_eq!(resolved_with_url(title, lead, "https://cauke.travinh.gov.vn/tin-tuc/1").as_deref(), Some("huyen-cau-ke-tra-vinh"));
    assert_eq!(resolved_with_url(title, lead, "http://giongrieng.kiengiang.dcs.vn/a").as_deref(), Some("huyen-giong-rieng-kien-giang"));
    assert_eq!(resolved_with_url(title, lead, "https://kimson.ninhbinh.dcs.vn/").as_deref(), Some("huyen-kim-son-ninh-binh"));
    // caolanh.dongthap: huyện or thành phố? Never guess; a type prefix decides.
    assert_eq!(resolved_with_url(title, lead, "https://caolanh.dongthap.gov.vn/"), None);
    assert_eq!(resolved_with_url(title, lead, "https://thanhphocaolanh.dongthap.dcs.vn/").as_deref(), Some("thanh-pho-cao-lanh-dong-thap"));
    assert_eq!(resolved_with_url(title, lead, "https://huyencaolanh.dongthap.dcs.vn/").as_deref(), Some("huyen-cao-lanh-dong-thap"));
    // A province portal names no district.
    assert_eq!(resolved_with_url(title, lead, "https://travinh.gov.vn/"), None);
}

#[test]
fn the_story_beats_the_portal() {
    // 003: on the Giồng Riềng portal, about Huyện ủy Vĩnh Thuận.
    let r = common::district_id(&format!(
        "Cổng thông tin điện tử huyện Giồng Riềng\n\n{}",
        page("Hội nghị Ban chấp hành Đảng bộ huyện", "Huyện ủy Vĩnh Thuận hội nghị Ban chấp hành Đảng bộ huyện.", "")
    ));
    assert_eq!(r.as_deref(), Some("huyen-vinh-thuan-kien-giang"));
}

#[test]
fn two_districts_in_the_title_give_none() {
    let r = resolved("Huyện Cầu Kè và huyện Giồng Riềng ký kết hợp tác", "Hai huyện ký kết.", "");
    assert_eq!(r, None);
}

#[test]
fn clue_api() {
    let mut c = Clues::default();
    c.explicit("UBND huyện Cầu Kè, tỉnh Trà Vinh", 1, 2);
    assert_eq!(c.provinces, vec!["Trà Vinh"]);
    assert_eq!(c.resolve().map(|d| d.code.as_str()), Some("845"));
    let mut c = Clues::default();
    c.communes("Đảng bộ xã Thượng Kiệm", 2, 1);
    assert_eq!(c.resolve().map(|d| d.name.as_str()), Some("Kim Sơn"));
    let mut c = Clues::default();
    c.host("cauke@travinh.gov.vn", 3, 1);
    assert_eq!(c.resolve().map(|d| d.name.as_str()), Some("Cầu Kè"));
    assert!(Clues::default().resolve().is_none());
}

#[test]
fn thi_xa_and_huyen_of_one_name_behind_one_host() {
    // kyanh.hatinh.gov.vn could be either Kỳ Anh: the text decides.
    let url = "https://kyanh.hatinh.gov.vn/tin-tuc/a.html";
    let r = resolved_with_url("Phòng chống dịch tại khu kinh tế", "Ban Chỉ đạo thị xã Kỳ Anh họp.", url);
    assert_eq!(r.as_deref(), Some("thi-xa-ky-anh-ha-tinh"));
    let r = resolved_with_url("Xây dựng nông thôn mới nâng cao", "UBND huyện Kỳ Anh họp.", url);
    assert_eq!(r.as_deref(), Some("huyen-ky-anh-ha-tinh"));
}

#[test]
fn a_story_naming_two_districts_is_the_portals() {
    let r = resolved_with_url(
        "Huyện Giồng Trôm học tập kinh nghiệm tại huyện Châu Thành",
        "đoàn huyện Giồng Trôm đến huyện Châu Thành.",
        "https://giongtrom.bentre.gov.vn/tin-tuc/a.html",
    );
    assert_eq!(r.as_deref(), Some("huyen-giong-trom-ben-tre"));
}
