//! Portal furniture: navigation and toolbar lines, footers, visitor counters, imprint lines,
//! crawl banners. Every recogniser takes a [`Line`] (its folded form is what is compared).

use crate::text::Line;

/// Menu, breadcrumb and toolbar lines (folded, exact).
const NAV_EXACT: &[&str] = &[
    "xuat ban thong tin",
    "tin tuc trong huyen",
    "tin tuc trong tinh",
    "noi dung khac",
    "trang chu",
    "tin tuc",
    "tin tuc - su kien",
    "tin tuc su kien",
    "tin hoat dong",
    "chi tiet tin",
    "chi tiet",
    "tin lien quan",
    "cac tin khac",
    "tin khac",
    "tin cung chuyen muc",
    "xem them",
    "ve dau trang",
    "in bai viet",
    "in trang",
    "ban in",
    "gui email",
    "gui bai viet",
    "chia se",
    "quay lai",
    "tro ve",
    "lien he",
    "so do cong",
    "tim kiem",
    "dang nhap",
    "tin moi",
    "tin moi nhat",
    "tin doc nhieu",
    "thong bao",
    "a a a",
    "aa",
    // Portal furniture seen on portals the seeds did not cover.
    "skip to main content",
    "skip to content",
    "banner",
    "menu",
    "gioi thieu",
    "van ban",
    "van ban chi dao",
    "thu tuc hanh chinh",
    "dich vu cong",
    "thong tin hoat dong",
    "chinh quyen",
    "thoi su",
    "in bai",
    "in",
    "zalo",
    "facebook",
    "twitter",
    "chia se facebook",
    "gui cho ban be",
    "luu bai viet",
    "binh luan",
    "viet binh luan",
    "xem them >>",
    "xem them >",
    "xem tiep",
    "tro lai",
    "dau trang",
];

/// Menu and toolbar lines recognised by how they start (folded).
const NAV_PREFIX: &[&str] = &["xem voi co chu", "co chu:", "co chu a", "chia se:", "tu khoa:", "tags:", "xem them >"];

/// `Hình 1`, `Ảnh 2`: figure labels left behind by an image.
pub fn is_figure_label(line: &Line) -> bool {
    let mut words = line.folded.split_whitespace();
    matches!(words.next(), Some("hinh" | "anh" | "video" | "clip")) && words.next().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) && words.next().is_none()
}

pub fn is_nav(line: &Line) -> bool {
    let f = line.folded.as_str();
    if f.len() > 160 {
        return false;
    }
    if NAV_EXACT.contains(&f) || NAV_PREFIX.iter().any(|p| f.starts_with(p)) || is_figure_label(line) {
        return true;
    }
    // Breadcrumbs such as "Thông tin dự án, đầu tư Tin tức" / "Trang chủ > Tin tức".
    let words = f.split_whitespace().count();
    (words <= 8 && (f.ends_with(" tin tuc") || f.ends_with("tin tuc su kien")))
        || (words <= 12 && (f.contains(" > ") || f.contains(" » ") || f.starts_with("trang chu /")))
}

/// Lines after which, at the bottom of a page, only the portal's footer follows.
const FOOTER_START: &[&str] = &[
    "ban do",
    "thong ke truy cap",
    "thong ke",
    "luot truy cap",
    "so luot truy cap",
    "lien ket website",
    "lien ket web",
    "lien ket",
    "website lien ket",
    "thu vien anh",
    "thu vien video",
    "binh luan",
    "y kien ban doc",
    "gui y kien",
    "viet binh luan",
    "tin cung chuyen muc",
    "cac tin khac",
    "tin khac",
    "tin lien quan",
    "bai viet lien quan",
    "tin da dua",
    "xem them",
];

pub fn is_footer_start(line: &Line) -> bool {
    let f = line.folded.trim_end_matches([':', '.']);
    FOOTER_START.contains(&f) || is_counter(line)
}

/// Visitor counters: `• Đang online: 20`, `Hôm nay: 2233`, `Tất cả: 4198789`.
pub fn is_counter(line: &Line) -> bool {
    let f = line.folded.trim_start_matches(['•', '-', '+', '*', ' ']);
    const KEYS: &[&str] = &[
        "dang online", "dang truy cap", "truc tuyen", "hom nay", "hom qua", "trong tuan", "tuan nay",
        "trong thang", "thang nay", "tat ca", "tong so", "tong luot", "luot truy cap", "da truy cap",
        "online",
    ];
    // Every key is short: look for its colon near the start only (this runs on every line).
    let Some(colon) = f.as_bytes()[..f.len().min(32)].iter().position(|&b| b == b':') else { return false };
    let (key, value) = (&f[..colon], &f[colon + 1..]);
    KEYS.contains(&key.trim()) && {
        let v = value.trim();
        !v.is_empty() && v.chars().all(|c| c.is_ascii_digit() || c == ' ' || c == '.' || c == ',')
    }
}

/// Footer and imprint lines, wherever they appear: addresses, phones, e-mail, credits.
pub fn is_boilerplate(line: &Line) -> bool {
    let f = line.folded.trim_start_matches(['•', '-', '+', '*', ' ']);
    const PREFIXES: &[&str] = &[
        "dien thoai", "dt:", "đt:", "tel:", "tel.", "fax", "email", "e-mail", "mail:", "dia chi:",
        "don vi quan ly", "co quan chu quan", "chiu trach nhiem", "trach nhiem noi dung",
        "giay phep", "ghi ro nguon", "designed by", "thiet ke boi", "phat trien boi",
        "ban quyen", "copyright", "©", "bản quyền", "website:", "web:", "hotline",
        "truong ban bien tap", "ban bien tap", "so luot truy cap", "thong ke truy cap",
        "luot xem", "so luot xem", "luot doc",
    ];
    is_counter(line) || PREFIXES.iter().any(|p| f.starts_with(p)) || f == "ban do"
}

/// `Hôm nay, Thứ hai ngày 25/01/2021`: a dated banner, i.e. the day the page was crawled.
pub fn is_banner(line: &Line) -> bool {
    line.folded.starts_with("hom nay") && line.folded.chars().any(|c| c.is_ascii_digit())
}

