//! The contract's eleven topics (CONTRACT §1): slug, Vietnamese and English labels.
//! The slugs are a public interface: never rename one.

/// One topic of the fixed taxonomy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    pub slug: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

pub const TOPICS: [Topic; 11] = [
    Topic { slug: "xay-dung-dang", vi: "Xây dựng Đảng", en: "Party building" },
    Topic { slug: "chinh-quyen", vi: "Chính quyền – Cải cách hành chính", en: "Government & administration" },
    Topic { slug: "bau-cu", vi: "Bầu cử", en: "Elections" },
    Topic { slug: "kinh-te", vi: "Kinh tế – Đầu tư – Hạ tầng", en: "Economy & infrastructure" },
    Topic { slug: "nong-nghiep-ntm", vi: "Nông nghiệp – Nông thôn mới", en: "Agriculture & new rural development" },
    Topic { slug: "y-te-dich-benh", vi: "Y tế – Phòng chống dịch", en: "Health & epidemics" },
    Topic { slug: "giao-duc", vi: "Giáo dục – Đào tạo", en: "Education" },
    Topic { slug: "van-hoa-xa-hoi", vi: "Văn hóa – Xã hội – An sinh", en: "Culture & social welfare" },
    Topic { slug: "quoc-phong-an-ninh", vi: "Quốc phòng – An ninh", en: "Defence & public order" },
    Topic { slug: "mat-tran-doan-the", vi: "Mặt trận – Đoàn thể – Dân vận", en: "Front & mass organisations" },
    Topic { slug: "tai-nguyen-moi-truong", vi: "Tài nguyên – Môi trường – Đất đai", en: "Land & environment" },
];

/// The topic with this slug, if it is one of the eleven.
pub fn by_slug(slug: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.slug == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_unique_and_url_safe() {
        for (i, t) in TOPICS.iter().enumerate() {
            assert!(t.slug.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{}", t.slug);
            assert!(TOPICS[i + 1..].iter().all(|o| o.slug != t.slug));
        }
        assert_eq!(by_slug("bau-cu").map(|t| t.vi), Some("Bầu cử"));
        assert!(by_slug("sports").is_none());
    }
}
