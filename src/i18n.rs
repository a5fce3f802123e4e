//! Every UI string, once per language. Vietnamese is the default; English is one tap away.
//! Feed text is never translated: it is the portal's own words.

use bantin_core::topics::Topic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    pub fn topic_label(self, topic: &Topic) -> &'static str {
        match self {
            Lang::Vi => topic.vi,
            Lang::En => topic.en,
        }
    }
}

pub struct Strings {
    pub app_name: &'static str,
    pub tagline: &'static str,
    pub filters: &'static str,
    pub close_filters: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub district: &'static str,
    pub find_district: &'static str,
    pub topic: &'static str,
    pub date: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub last_7_days: &'static str,
    pub last_30_days: &'static str,
    pub this_year: &'static str,
    pub clear_all: &'static str,
    pub clear_filters: &'static str,
    pub results: fn(usize) -> String,
    pub no_results: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub skipped: fn(usize) -> String,
    pub show_more: fn(usize) -> String,
    pub back_to_list: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub share: &'static str,
    pub link_copied: &'static str,
    pub source: &'static str,
    pub by: &'static str,
    pub now_in: &'static str,
    pub not_found: &'static str,
    pub settings: &'static str,
    pub font_size: &'static str,
    pub smaller: &'static str,
    pub larger: &'static str,
    pub theme: &'static str,
    pub theme_auto: &'static str,
    pub theme_light: &'static str,
    pub theme_dark: &'static str,
    pub language: &'static str,
    pub other_language: &'static str,
    pub photos: &'static str,
    pub footer: &'static str,
}

pub static VI: Strings = Strings {
    app_name: "Bantin",
    tagline: "Tin tức chính quyền địa phương",
    filters: "Bộ lọc",
    close_filters: "Đóng bộ lọc",
    search: "Tìm kiếm",
    search_placeholder: "Tìm tin, ví dụ: bầu cử",
    district: "Huyện",
    find_district: "Tìm huyện",
    topic: "Chủ đề",
    date: "Thời gian",
    from: "Từ ngày",
    to: "Đến ngày",
    last_7_days: "7 ngày qua",
    last_30_days: "30 ngày qua",
    this_year: "Năm nay",
    clear_all: "Xóa tất cả",
    clear_filters: "Bỏ bộ lọc",
    results: |n| format!("{n} tin"),
    no_results: "Không có tin nào khớp với bộ lọc.",
    loading: "Đang tải tin…",
    load_failed: "Không tải được bản tin",
    retry: "Thử lại",
    skipped: |n| format!("{n} tin không hiển thị được vì dữ liệu lỗi."),
    show_more: |n| format!("Xem thêm ({n} tin)"),
    back_to_list: "Quay lại danh sách",
    previous: "Tin trước",
    next: "Tin sau",
    share: "Chia sẻ",
    link_copied: "Đã sao chép liên kết",
    source: "Xem bài gốc",
    by: "Tác giả",
    now_in: "nay",
    not_found: "Không tìm thấy tin này.",
    settings: "Cài đặt hiển thị",
    font_size: "Cỡ chữ",
    smaller: "Chữ nhỏ hơn",
    larger: "Chữ lớn hơn",
    theme: "Giao diện",
    theme_auto: "Theo máy",
    theme_light: "Sáng",
    theme_dark: "Tối",
    language: "Ngôn ngữ",
    other_language: "English",
    photos: "Ảnh trong bài",
    footer: "Bantin đọc tin từ các cổng thông tin huyện. Nội dung thuộc về cơ quan đăng tải.",
};

pub static EN: Strings = Strings {
    app_name: "Bantin",
    tagline: "Local government news",
    filters: "Filters",
    close_filters: "Close filters",
    search: "Search",
    search_placeholder: "Search news, e.g. bầu cử",
    district: "District",
    find_district: "Find a district",
    topic: "Topic",
    date: "Date",
    from: "From",
    to: "To",
    last_7_days: "Last 7 days",
    last_30_days: "Last 30 days",
    this_year: "This year",
    clear_all: "Clear all",
    clear_filters: "Clear filters",
    results: |n| format!("{n} {}", if n == 1 { "article" } else { "articles" }),
    no_results: "No articles match these filters.",
    loading: "Loading news…",
    load_failed: "Could not load the news feed",
    retry: "Retry",
    skipped: |n| format!("{n} {} could not be shown (invalid data).", if n == 1 { "article" } else { "articles" }),
    show_more: |n| format!("Show more ({n} left)"),
    back_to_list: "Back to the list",
    previous: "Previous",
    next: "Next",
    share: "Share",
    link_copied: "Link copied",
    source: "Original article",
    by: "By",
    now_in: "now",
    not_found: "This article was not found.",
    settings: "Display settings",
    font_size: "Text size",
    smaller: "Smaller text",
    larger: "Larger text",
    theme: "Theme",
    theme_auto: "System",
    theme_light: "Light",
    theme_dark: "Dark",
    language: "Language",
    other_language: "Tiếng Việt",
    photos: "Photos in this article",
    footer: "Bantin reads news from district portals. Content belongs to the publishing office.",
};
