//! `bantin-ingest synth`: a deterministic, realistic synthetic corpus of contract-valid feed
//! items (CONTRACT §1), for benchmarking the archive at sizes no real collection has yet.
//!
//! What makes it realistic enough to benchmark search and faceting on:
//! - places are the gazetteer's: real district ids, names, types, codes, provinces and
//!   `province_2025`; the communes named in a story are real communes of its district;
//! - districts are Zipf-distributed (exponent 1 over a seeded shuffle of the 721), so a few
//!   portals hold a large share, as in real crawls; ~3% of items have no district;
//! - topics are skewed (government and Party news dominate; elections cluster in 2016/2021);
//!   dates run 2015-01-01 … 2025-06-30 with ~22% more items each year, mostly day precision;
//! - text is built from news-style phrase lists (general and per topic) drawn with Zipf
//!   weights, person names, commune names, numbers in Vietnamese notation (`1.250`, `95,6%`),
//!   and a long tail: brand-like words drawn from an unbounded Zipf (zeta) rank, document
//!   codes and typos, so that many words occur once at every corpus size (Heaps' law);
//! - all text is NFC with the contract's tone placement (`Hòa`, `Thủy`, `ủy`).
//!
//! Items come out newest first (ties by id), in files of at most `--per-file` items, written
//! as they are generated: memory stays flat whatever `--count` is.
//!
//! (Over 400 lines because the phrase lists the text is drawn from are data, kept beside the
//! code that draws from them; splitting them off would only add a module boundary.)

use std::collections::{HashMap, HashSet};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use bantin_core::date::Day;
use bantin_core::feed::{Author, Bantin, Item, JSON_FEED_VERSION};
use bantin_core::fold::{canonical_name, canonical_tone, slug};
use bantin_core::gazetteer::{gazetteer, District};
use bantin_core::topics::TOPICS;
use rayon::prelude::*;

use crate::article::district_fields;
use crate::bench::Rng;
use crate::feed_writer::{fnv1a, title_slug};

const COMMUNES_CSV: &str = include_str!("../../bantin-core/data/communes.csv");

pub const USAGE: &str = "\
bantin-ingest synth --count N [--seed S] --out FILE.json [--per-file M]

Write N synthetic, contract-valid items (JSON Feed 1.1 + _bantin), newest first. With more than
M items (default 50000) the output is split into FILE-0001.json, FILE-0002.json, …, each a
valid feed; the file names written are printed, one a line. Same N and S, same bytes.";

/// Items per file unless `--per-file` says otherwise.
pub const PER_FILE: usize = 50_000;

/// First and last publication day.
const FIRST: (i32, u32, u32) = (2015, 1, 1);
const LAST: (i32, u32, u32) = (2025, 6, 30);

// ---------------------------------------------------------------------------------------------
// Word lists. Order matters: earlier entries get more weight (Zipf).

const TOPIC_PHRASES: [&[&str]; 11] = [
    // xay-dung-dang
    &["công tác xây dựng Đảng", "đảng viên", "chi bộ", "Ban Thường vụ Huyện ủy", "Ban Chấp hành Đảng bộ", "sinh hoạt chi bộ",
      "kết nạp đảng viên mới", "Nghị quyết Đại hội Đảng bộ", "kiểm tra, giám sát", "Ủy ban Kiểm tra Huyện ủy", "tổ chức cơ sở đảng",
      "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "đánh giá, xếp loại chất lượng", "chỉnh đốn Đảng",
      "công tác cán bộ", "bồi dưỡng lý luận chính trị", "Trung tâm Chính trị huyện", "Đảng ủy xã", "Bí thư Huyện ủy",
      "Phó Bí thư Thường trực Huyện ủy", "Nghị quyết Trung ương 4", "quy chế làm việc", "tự phê bình và phê bình",
      "Huy hiệu 30 năm tuổi Đảng", "trao thẻ đảng viên", "công tác tuyên giáo", "Ban Tuyên giáo Huyện ủy", "văn kiện Đại hội"],
    // chinh-quyen
    &["cải cách hành chính", "thủ tục hành chính", "dịch vụ công trực tuyến", "Bộ phận tiếp nhận và trả kết quả", "chuyển đổi số",
      "Hội đồng nhân dân huyện", "Ủy ban nhân dân huyện", "kỳ họp thường lệ", "tiếp công dân", "giải quyết khiếu nại, tố cáo",
      "chỉ số hài lòng", "chính quyền điện tử", "cán bộ, công chức", "sắp xếp đơn vị hành chính", "kiểm soát thủ tục hành chính",
      "văn bản quy phạm pháp luật", "phiên họp thường kỳ", "tình hình kinh tế - xã hội", "dự toán ngân sách", "chữ ký số",
      "hồ sơ trực tuyến", "cổng dịch vụ công quốc gia", "một cửa liên thông", "đề án chuyển đổi số", "phổ biến, giáo dục pháp luật",
      "chất vấn và trả lời chất vấn", "tiếp xúc cử tri"],
    // bau-cu
    &["bầu cử đại biểu Quốc hội", "đại biểu Hội đồng nhân dân các cấp", "Ủy ban bầu cử", "tổ bầu cử", "danh sách cử tri",
      "hội nghị hiệp thương", "người ứng cử", "khu vực bỏ phiếu", "ngày bầu cử", "niêm yết danh sách cử tri", "tỷ lệ cử tri đi bầu",
      "phiếu bầu", "hòm phiếu phụ", "Ban bầu cử", "kết quả bầu cử", "công tác bầu cử", "bỏ phiếu", "vận động bầu cử", "cử tri"],
    // kinh-te
    &["thu ngân sách", "giá trị sản xuất", "vốn đầu tư công", "giải ngân", "khởi công xây dựng", "đường giao thông nông thôn",
      "công trình", "cụm công nghiệp", "thu hút đầu tư", "doanh nghiệp", "hộ kinh doanh", "tiểu thủ công nghiệp",
      "thương mại, dịch vụ", "chợ", "du lịch", "điện lưới quốc gia", "nước sạch", "nhựa hóa", "bê tông hóa", "tổng mức đầu tư",
      "nhà thầu", "tiến độ thi công", "sản phẩm OCOP", "sản phẩm chủ lực", "xúc tiến thương mại", "hợp tác xã",
      "tín dụng chính sách", "Ngân hàng Chính sách xã hội", "nghiệm thu đưa vào sử dụng", "cầu bê tông"],
    // nong-nghiep-ntm
    &["nông thôn mới", "tiêu chí", "xã đạt chuẩn nông thôn mới", "nông thôn mới nâng cao", "sản xuất lúa", "vụ Đông Xuân",
      "vụ Hè Thu", "chuyển đổi cơ cấu cây trồng", "nuôi trồng thủy sản", "chăn nuôi", "dịch tả lợn châu Phi", "tiêm phòng",
      "cây ăn trái", "mô hình sản xuất", "khuyến nông", "năng suất", "hạn mặn", "thủy lợi", "nạo vét kênh", "giống lúa",
      "rầy nâu", "cánh đồng lớn", "liên kết tiêu thụ", "ấp văn hóa", "Văn phòng Điều phối nông thôn mới", "nông thôn mới kiểu mẫu",
      "cơ giới hóa", "trồng rừng"],
    // y-te-dich-benh
    &["phòng, chống dịch COVID-19", "tiêm vắc xin", "sốt xuất huyết", "Trung tâm Y tế huyện", "Trạm Y tế xã", "bảo hiểm y tế",
      "khám chữa bệnh", "an toàn thực phẩm", "ngộ độc thực phẩm", "phun hóa chất", "diệt lăng quăng", "tay chân miệng",
      "dân số - kế hoạch hóa gia đình", "tiêm chủng mở rộng", "cách ly", "xét nghiệm", "ca mắc", "khám sức khỏe", "y tế cơ sở",
      "bác sĩ", "bệnh viện", "bệnh sởi", "hiến máu tình nguyện"],
    // giao-duc
    &["năm học", "khai giảng", "tổng kết năm học", "học sinh giỏi", "kỳ thi tốt nghiệp trung học phổ thông", "phổ cập giáo dục",
      "trường đạt chuẩn quốc gia", "giáo viên", "học bổng", "cơ sở vật chất trường học", "phòng học", "mầm non", "tiểu học",
      "trung học cơ sở", "xóa mù chữ", "khuyến học, khuyến tài", "Trung tâm Giáo dục nghề nghiệp", "đào tạo nghề",
      "chương trình giáo dục phổ thông 2018", "sách giáo khoa", "tuyển sinh lớp 10", "thi học sinh giỏi"],
    // van-hoa-xa-hoi
    &["an sinh xã hội", "hộ nghèo", "hộ cận nghèo", "giảm nghèo bền vững", "nhà đại đoàn kết", "gia đình chính sách",
      "người có công với cách mạng", "thương binh, liệt sĩ", "quà Tết", "Tết Nguyên đán", "văn hóa, văn nghệ", "thể dục thể thao",
      "giải bóng đá", "lễ hội", "di tích lịch sử", "Ngày hội Đại đoàn kết toàn dân tộc", "trẻ em", "người cao tuổi",
      "bảo trợ xã hội", "giải quyết việc làm", "xuất khẩu lao động", "thư viện", "gia đình văn hóa",
      "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa", "Mẹ Việt Nam anh hùng"],
    // quoc-phong-an-ninh
    &["giao nhận quân", "nghĩa vụ quân sự", "tuyển quân", "thanh niên nhập ngũ", "Ban Chỉ huy Quân sự huyện", "dân quân tự vệ",
      "diễn tập khu vực phòng thủ", "Công an huyện", "trật tự an toàn giao thông", "tai nạn giao thông", "tội phạm", "ma túy",
      "phòng cháy, chữa cháy", "an ninh trật tự", "tấn công, trấn áp tội phạm", "phong trào Toàn dân bảo vệ an ninh Tổ quốc",
      "công an xã chính quy", "tổ tự quản", "xử phạt vi phạm hành chính", "tụ điểm cờ bạc", "hậu phương quân đội", "huấn luyện"],
    // mat-tran-doan-the
    &["Ủy ban Mặt trận Tổ quốc Việt Nam huyện", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh",
      "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Liên đoàn Lao động", "đoàn viên", "hội viên", "dân vận khéo", "công tác dân vận",
      "giám sát và phản biện xã hội", "Quỹ Vì người nghèo", "Tháng hành động", "chiến dịch Mùa hè xanh", "Đại hội đại biểu",
      "ra mắt mô hình", "tình nguyện", "Công đoàn cơ sở", "hội thi", "phụ nữ", "thanh niên", "Ban Dân vận Huyện ủy"],
    // tai-nguyen-moi-truong
    &["giấy chứng nhận quyền sử dụng đất", "quy hoạch sử dụng đất", "thu hồi đất", "bồi thường, hỗ trợ, tái định cư",
      "giải phóng mặt bằng", "môi trường", "rác thải sinh hoạt", "thu gom rác", "khai thác cát trái phép", "sạt lở", "biến đổi khí hậu",
      "ô nhiễm", "trồng cây xanh", "đất đai", "tài nguyên nước", "khoáng sản", "bảo vệ môi trường", "xử lý nước thải", "đo đạc",
      "cấp đổi giấy chứng nhận", "tranh chấp đất đai", "rác thải nhựa", "Ngày Môi trường thế giới"],
];

/// Topic weights (CONTRACT order): government and Party news dominate.
const TOPIC_WEIGHTS: [f64; 11] = [16.0, 20.0, 1.5, 14.0, 10.0, 4.0, 5.0, 12.0, 8.0, 7.0, 3.0];

const ACTIONS: &[&str] = &[
    "Hội nghị", "Tổng kết", "Sơ kết", "Triển khai", "Kiểm tra", "Ra quân", "Khai mạc", "Tập huấn", "Giám sát", "Tuyên truyền",
    "Hỗ trợ", "Trao", "Họp mặt", "Đẩy mạnh", "Tăng cường", "Nâng cao hiệu quả", "Bế mạc", "Phát động", "Khánh thành", "Khởi công",
    "Ký kết", "Kỷ niệm", "Gặp mặt", "Đối thoại", "Tiếp xúc", "Công bố", "Đón nhận", "Thăm, tặng quà", "Bàn giải pháp", "Ra mắt",
];

const SUBJECTS: &[&str] = &[
    "Ủy ban nhân dân huyện", "Ban Thường vụ Huyện ủy", "Ban Chỉ đạo", "Ủy ban nhân dân xã", "các ngành, các cấp", "Thường trực Huyện ủy",
    "Hội đồng nhân dân huyện", "Phòng Văn hóa và Thông tin", "đoàn công tác", "các đơn vị", "địa phương", "các xã, thị trấn",
    "lãnh đạo huyện", "các cơ quan, đơn vị", "Phòng Nông nghiệp và Phát triển nông thôn", "Phòng Tài chính - Kế hoạch",
    "Phòng Giáo dục và Đào tạo", "Phòng Lao động - Thương binh và Xã hội", "Phòng Tài nguyên và Môi trường", "Văn phòng Huyện ủy",
    "Trung tâm Văn hóa - Thể thao", "Ban Quản lý dự án", "Đảng ủy", "cán bộ và nhân dân", "các tổ chức chính trị - xã hội",
];

const VERBS: &[&str] = &[
    "tổ chức", "triển khai", "thực hiện", "tiếp tục", "đẩy mạnh", "tăng cường", "quan tâm", "chỉ đạo", "phối hợp", "tuyên truyền",
    "kiểm tra", "hỗ trợ", "nâng cao", "rà soát", "vận động", "xây dựng", "hoàn thành", "đánh giá", "thống nhất", "ban hành",
    "củng cố", "phát huy", "duy trì", "khắc phục", "huy động", "theo dõi", "đôn đốc", "giải quyết", "thẩm định", "nhân rộng",
];

const NOUNS: &[&str] = &[
    "công tác", "kế hoạch", "nhiệm vụ", "kết quả", "hoạt động", "chương trình", "chất lượng", "hiệu quả", "phong trào", "giải pháp",
    "tình hình", "chỉ tiêu", "nguồn lực", "cơ chế", "chính sách", "người dân", "nhân dân", "cán bộ", "hộ gia đình", "tập thể",
    "cá nhân", "đơn vị", "nội dung", "văn bản", "mục tiêu", "khó khăn, vướng mắc", "tồn tại, hạn chế", "ý kiến", "đề xuất",
    "kiến nghị", "trách nhiệm", "nhận thức", "quy định", "tiến độ", "dự án", "kinh phí", "nguồn vốn", "địa bàn", "cơ sở",
    "thành tích", "đời sống", "sản xuất", "công trình", "lực lượng", "thông tin", "số liệu", "danh sách", "hồ sơ",
];

const COMPLEMENTS: &[&str] = &[
    "trên địa bàn huyện", "trong thời gian tới", "theo kế hoạch", "một cách hiệu quả", "đúng quy định", "kịp thời",
    "trong năm", "từ nay đến cuối năm", "với nhiều hình thức phong phú", "đến từng hộ dân", "trong toàn huyện",
    "ở cơ sở", "góp phần phát triển kinh tế - xã hội", "đạt kết quả tích cực", "sát với thực tế", "theo đúng tiến độ",
    "nhằm nâng cao đời sống nhân dân", "tạo sự đồng thuận trong nhân dân", "đảm bảo an toàn", "có trọng tâm, trọng điểm",
];

const OPENERS: &[&str] = &[
    "Trong thời gian qua", "Thời gian tới", "Bên cạnh đó", "Đồng thời", "Theo báo cáo", "Qua đó", "Dịp này", "Ngoài ra",
    "Tại hội nghị", "Thực hiện kế hoạch", "Năm qua", "Từ đầu năm đến nay", "Nhìn chung", "Để đạt được kết quả trên",
    "Tuy nhiên", "Sau buổi làm việc", "Theo đó", "Cũng theo báo cáo", "Kết thúc hội nghị", "Phát biểu chỉ đạo",
];

const POSITIONS: &[&str] = &[
    "Chủ tịch Ủy ban nhân dân huyện", "Bí thư Huyện ủy", "Phó Chủ tịch Ủy ban nhân dân huyện", "Phó Bí thư Thường trực Huyện ủy",
    "Chủ tịch Hội đồng nhân dân huyện", "Trưởng Ban Tuyên giáo Huyện ủy", "Chủ tịch Ủy ban Mặt trận Tổ quốc huyện",
    "Trưởng phòng Nội vụ", "Bí thư Đảng ủy xã", "Chủ tịch Ủy ban nhân dân xã", "Trưởng Công an huyện", "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện",
    "Giám đốc Trung tâm Y tế huyện", "Trưởng phòng Giáo dục và Đào tạo", "Chủ tịch Hội Nông dân huyện",
];

const EVENTS: &[&str] = &[
    "hội nghị", "buổi làm việc", "buổi lễ", "lễ khai mạc", "kỳ họp", "hội thảo", "buổi gặp mặt", "buổi tiếp xúc", "lễ ra quân",
];

const UNITS: &[&str] = &[
    "hộ", "người", "lượt người", "triệu đồng", "ha", "tấn", "phần quà", "căn nhà", "hồ sơ", "km", "công trình", "em học sinh",
    "đảng viên", "hội viên", "doanh nghiệp", "cuộc", "lớp", "trường hợp", "tỷ đồng", "con",
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ", "Dương", "Đinh",
    "Lý", "Lâm", "Thạch", "Kim", "Tô", "Châu", "Mai", "Tạ", "Đoàn", "Lương", "Vũ", "Cao", "Quách", "Sơn",
];
const MIDDLE: &[&str] = &[
    "Văn", "Thị", "Thanh", "Minh", "Hữu", "Ngọc", "Quốc", "Hoàng", "Thị Kim", "Thị Thanh", "Đức", "Công", "Quang", "Tấn",
    "Thị Ngọc", "Anh", "Xuân", "Hồng", "Phước", "Trung",
];
const GIVEN: &[&str] = &[
    "Hùng", "Dũng", "Hòa", "Tuấn", "Hải", "Lan", "Hương", "Thủy", "Minh", "Phong", "Thắng", "Sơn", "Hiếu", "Tâm", "Nam", "Bình",
    "Cường", "Hạnh", "Trang", "Linh", "Phúc", "Long", "Tài", "Khoa", "Thảo", "Nga", "Vinh", "Quyết", "Lợi", "Nghĩa", "Trí", "Thành",
    "Toàn", "Kiên", "Huy", "Hiền", "Mai", "Thúy", "Ngân", "Duy", "Đạt", "Lộc", "Quý", "Tùng", "Khánh", "Yến", "Phương", "Thịnh",
    "Hoàn", "Chiến", "Điệp", "Hưng", "Thái", "Việt", "Oanh", "Nhung", "Xuyến", "Khải", "Luận", "Hoa",
];

/// Syllables that brand-like long-tail words are spelt from.
const PIECES: &[&str] = &[
    "phú", "long", "khang", "thịnh", "an", "hưng", "tân", "vĩnh", "phát", "đạt", "minh", "hoàng", "gia", "bảo", "thành", "nam",
    "việt", "sao", "kim", "ngọc", "hải", "sơn", "thái", "bình", "hòa", "lộc", "tài", "quang", "đức", "trí", "nhật", "mỹ",
    "vina", "mê", "kông", "đông", "tây", "bắc", "hà", "lan", "co", "tech", "agri", "green", "thủy", "trường", "xuân", "phong",
];

const TAIL_CONTEXTS: &[&str] = &[
    "Công ty TNHH", "Công ty cổ phần", "Hợp tác xã", "sản phẩm", "thương hiệu", "cơ sở", "doanh nghiệp", "nhãn hiệu", "nhà tài trợ",
];

const CAPTIONS: &[&str] = &[
    "Quang cảnh hội nghị.", "Đại biểu tham dự hội nghị.", "Lãnh đạo huyện trao quà cho các hộ gia đình.",
    "Đoàn công tác kiểm tra thực tế tại cơ sở.", "Các đại biểu cắt băng khánh thành công trình.", "Trao giấy khen cho các tập thể, cá nhân.",
    "Người dân đến làm thủ tục tại Bộ phận tiếp nhận và trả kết quả.", "Lực lượng ra quân thực hiện nhiệm vụ.",
];

// ---------------------------------------------------------------------------------------------

/// Random choices with given weights: cumulative table, binary search.
struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Weighted { cumulative }
    }

    /// Zipf weights 1/(rank+1)^s over `n` ranks.
    fn zipf(n: usize, s: f64) -> Weighted {
        Weighted::new((0..n).map(|r| 1.0 / ((r + 1) as f64).powf(s)))
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("non-empty weights");
        let x = unit(rng) * total;
        self.cumulative.partition_point(|&c| c <= x).min(self.cumulative.len() - 1)
    }
}

/// A uniform float in [0, 1).
fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn chance(rng: &mut Rng, p: f64) -> bool {
    unit(rng) < p
}

/// A list of phrases with Zipf weights.
struct List {
    words: Vec<String>,
    weights: Weighted,
}

impl List {
    fn new(words: &[&str], s: f64) -> List {
        // The contract's spelling: NFC, one tone placement.
        let words: Vec<String> = words.iter().map(|w| canonical_name(w)).collect();
        let weights = Weighted::zipf(words.len(), s);
        List { words, weights }
    }

    fn pick<'a>(&'a self, rng: &mut Rng) -> &'a str {
        &self.words[self.weights.pick(rng)]
    }
}

/// A district with what the text needs about it.
struct Place {
    district: &'static District,
    communes: Vec<String>,
    communes_weights: Weighted,
    site: String,
    host: String,
}

/// The generative model: places, topics, word lists. Built once per seed.
pub struct Model {
    seed: u64,
    places: Vec<Place>,
    /// Zipf over places (a seeded shuffle of the gazetteer).
    place_weights: Weighted,
    topics: Weighted,
    topic_phrases: Vec<List>,
    actions: List,
    subjects: List,
    verbs: List,
    nouns: List,
    complements: List,
    openers: List,
    positions: List,
    events: List,
    units: List,
    surnames: List,
    middle: List,
    given: List,
    pieces: Vec<String>,
    magnitudes: Weighted,
    tail_contexts: List,
    captions: List,
    /// Day numbers (days since 1970) and their weights.
    days: Vec<i64>,
    day_weights: Weighted,
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `1.250` (Vietnamese thousands separator).
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

impl Model {
    pub fn new(seed: u64) -> Model {
        let g = gazetteer();
        let mut by_code: HashMap<&str, Vec<String>> = HashMap::new();
        for line in COMMUNES_CSV.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() >= 3 {
                by_code.entry(f[2]).or_default().push(format!("{} {}", f[0], canonical_name(f[1])));
            }
        }
        let mut order: Vec<usize> = (0..g.districts().len()).collect();
        let mut rng = Rng::new(seed ^ 0x5eed_d157);
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k + 1));
        }
        let places: Vec<Place> = order
            .into_iter()
            .map(|i| {
                let d = &g.districts()[i];
                let mut communes = by_code.get(d.code.as_str()).cloned().unwrap_or_default();
                if communes.is_empty() {
                    communes.push(format!("thị trấn {}", d.name));
                }
                let communes_weights = Weighted::zipf(communes.len(), 0.8);
                let host = format!("{}.{}.gov.vn", slug(&d.name).replace('-', ""), slug(&d.province).replace('-', ""));
                let site = format!("Trang thông tin điện tử {} {}", d.kind.label(), d.name);
                Place { district: d, communes, communes_weights, site, host }
            })
            .collect();
        let place_weights = Weighted::zipf(places.len(), 1.0);
        let first = Day::new(FIRST.0, FIRST.1, FIRST.2).expect("valid day").number();
        let last = Day::new(LAST.0, LAST.1, LAST.2).expect("valid day").number();
        let days: Vec<i64> = (first..=last).collect();
        let day_weights = Weighted::new(days.iter().map(|&n| {
            let day = Day::from_number(n);
            // 1970-01-01 was a Thursday: (n + 4) % 7 == 0 is a Sunday.
            let weekend = match (n + 4).rem_euclid(7) {
                0 => 0.35,
                6 => 0.6,
                _ => 1.0,
            };
            1.22f64.powi(day.year - FIRST.0) * weekend
        }));
        Model {
            seed,
            places,
            place_weights,
            topics: Weighted::new(TOPIC_WEIGHTS),
            topic_phrases: TOPIC_PHRASES.iter().map(|p| List::new(p, 0.9)).collect(),
            actions: List::new(ACTIONS, 0.9),
            subjects: List::new(SUBJECTS, 1.0),
            verbs: List::new(VERBS, 1.0),
            nouns: List::new(NOUNS, 1.0),
            complements: List::new(COMPLEMENTS, 0.9),
            openers: List::new(OPENERS, 0.8),
            positions: List::new(POSITIONS, 1.0),
            events: List::new(EVENTS, 1.0),
            units: List::new(UNITS, 1.0),
            surnames: List::new(SURNAMES, 1.3),
            middle: List::new(MIDDLE, 1.0),
            given: List::new(GIVEN, 0.7),
            pieces: PIECES.iter().map(|p| canonical_name(p)).collect(),
            magnitudes: Weighted::zipf(5, 1.0),
            tail_contexts: List::new(TAIL_CONTEXTS, 1.0),
            captions: List::new(CAPTIONS, 0.8),
            days,
            day_weights,
        }
    }

    /// How many items fall on each day, newest day first (`count` draws).
    fn day_counts(&self, count: usize) -> Vec<(i64, usize)> {
        let mut rng = Rng::new(self.seed ^ 0xda7e_5eed);
        let mut counts = vec![0usize; self.days.len()];
        for _ in 0..count {
            counts[self.day_weights.pick(&mut rng)] += 1;
        }
        self.days.iter().zip(counts).rev().filter(|(_, c)| *c > 0).map(|(&d, c)| (d, c)).collect()
    }

    fn person(&self, rng: &mut Rng) -> String {
        format!("{} {} {}", self.surnames.pick(rng), self.middle.pick(rng), self.given.pick(rng))
    }

    /// A long-tail word: a zeta-distributed rank spelt in [`PIECES`] (at least three of them),
    /// so the vocabulary keeps growing with the corpus and many words occur once.
    fn tail_word(&self, rng: &mut Rng) -> String {
        let u = 1.0 - unit(rng);
        let rank = (u.powf(-1.0 / 0.3)).min(1e12) as u64;
        let base = self.pieces.len() as u64;
        let mut n = rank + base * base;
        let mut word = String::new();
        while n > 0 {
            word.push_str(&self.pieces[(n % base) as usize]);
            n /= base;
        }
        capitalize(&word)
    }

    /// A typo of a phrase's word: one letter dropped (portals are not proofread).
    fn typo(&self, rng: &mut Rng, phrase: &str) -> String {
        let words: Vec<&str> = phrase.split(' ').collect();
        let word = words[rng.below(words.len())];
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 4 {
            return word.to_owned();
        }
        let drop = 1 + rng.below(chars.len() - 1);
        let typo: String = chars.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, c)| *c).collect();
        canonical_tone(&typo)
    }

    /// An object phrase: mostly the story's topic vocabulary.
    fn object(&self, rng: &mut Rng, topics: &[usize]) -> String {
        let roll = unit(rng);
        if roll < 0.55 {
            let t = topics[if topics.len() > 1 && chance(rng, 0.3) { 1 } else { 0 }];
            self.topic_phrases[t].pick(rng).to_owned()
        } else if roll < 0.75 {
            let t = self.topics.pick(rng);
            self.topic_phrases[t].pick(rng).to_owned()
        } else {
            format!("{} {}", self.nouns.pick(rng), self.nouns.pick(rng))
        }
    }

    fn number(&self, rng: &mut Rng) -> String {
        let magnitude = [10u64, 100, 1_000, 10_000, 100_000][self.magnitudes.pick(rng)];
        thousands(1 + rng.next_u64() % magnitude)
    }

    fn commune<'a>(&self, rng: &mut Rng, place: &'a Place) -> &'a str {
        &place.communes[place.communes_weights.pick(rng)]
    }

    /// One sentence, ending with a full stop.
    fn sentence(&self, rng: &mut Rng, place: Option<&Place>, topics: &[usize], year: i32) -> String {
        let where_ = |rng: &mut Rng| match place {
            Some(p) if chance(rng, 0.5) => format!("{}", self.commune(rng, p)),
            Some(p) => format!("{} {}", p.district.kind.label(), p.district.name),
            None => "các địa phương".to_owned(),
        };
        let s = match rng.below(12) {
            0 | 1 => format!(
                "{}, {} đã {} {} {}",
                self.openers.pick(rng),
                self.subjects.pick(rng),
                self.verbs.pick(rng),
                self.object(rng, topics),
                self.complements.pick(rng)
            ),
            2 => format!("{} {} {} {}, {}", self.subjects.pick(rng), self.verbs.pick(rng), self.object(rng, topics), self.nouns.pick(rng), self.complements.pick(rng)),
            3 => format!(
                "Đến nay, {} có {} {} được {}, đạt {},{}% so với kế hoạch",
                where_(rng),
                self.number(rng),
                self.units.pick(rng),
                self.verbs.pick(rng),
                40 + rng.below(60),
                rng.below(10)
            ),
            4 => format!(
                "Phát biểu tại {}, đồng chí {}, {}, đề nghị {} tiếp tục {} {}",
                self.events.pick(rng),
                self.person(rng),
                self.positions.pick(rng),
                self.subjects.pick(rng),
                self.verbs.pick(rng),
                self.object(rng, topics)
            ),
            5 => format!(
                "Tổng kinh phí thực hiện hơn {} triệu đồng, trong đó {} hỗ trợ {} triệu đồng",
                self.number(rng),
                self.subjects.pick(rng),
                self.number(rng)
            ),
            6 => format!("{} về {} tại {} trong năm {year}", self.actions.pick(rng), self.object(rng, topics), where_(rng)),
            7 => {
                let phrase = self.object(rng, topics);
                if chance(rng, 0.35) {
                    format!("Việc {} {} còn một số {}", self.verbs.pick(rng), self.typo(rng, &phrase), self.nouns.pick(rng))
                } else {
                    format!("Việc {} {} còn một số {}", self.verbs.pick(rng), phrase, self.nouns.pick(rng))
                }
            }
            8 => format!(
                "{} {} đã trao {} {} cho {}",
                self.tail_contexts.pick(rng),
                self.tail_word(rng),
                self.number(rng),
                self.units.pick(rng),
                self.object(rng, topics)
            ),
            9 => format!(
                "Thực hiện Kế hoạch số {}/KH-UBND ngày {}/{}/{year} của {}, {} {} {}",
                1 + rng.below(400),
                1 + rng.below(28),
                1 + rng.below(12),
                self.subjects.pick(rng),
                where_(rng),
                self.verbs.pick(rng),
                self.object(rng, topics)
            ),
            10 => format!(
                "Tham dự có đồng chí {}, {}; cùng đại diện {} và {}",
                self.person(rng),
                self.positions.pick(rng),
                self.subjects.pick(rng),
                self.subjects.pick(rng)
            ),
            _ => format!("{} {} {}, {}", capitalize(self.verbs.pick(rng)), self.object(rng, topics), self.complements.pick(rng), self.object(rng, topics)),
        };
        let mut s = capitalize(&s);
        s.push('.');
        s
    }

    /// The item at `index` (0-based, in generation order) published on day number `day`.
    pub fn item(&self, index: u64, day: i64) -> Item {
        let mut rng = Rng::new(self.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ index.wrapping_mul(0xd1b5_4a32_d192_ed03));
        rng.next_u64();
        let place = (!chance(&mut rng, 0.03)).then(|| &self.places[self.place_weights.pick(&mut rng)]);
        let date = Day::from_number(day);
        let year = date.year;
        let mut topics = vec![self.topics.pick(&mut rng)];
        // Elections cluster in election years.
        if matches!(year, 2016 | 2021) && chance(&mut rng, 0.12) {
            topics[0] = 2;
        }
        if chance(&mut rng, 0.3) {
            let second = self.topics.pick(&mut rng);
            if second != topics[0] {
                topics.push(second);
            }
        }
        let main = self.topic_phrases[topics[0]].pick(&mut rng).to_owned();
        let at = match place {
            Some(p) if chance(&mut rng, 0.5) => format!(" {}", self.commune(&mut rng, p)),
            Some(p) if chance(&mut rng, 0.5) => format!(" {} {}", p.district.kind.label(), p.district.name),
            _ => String::new(),
        };
        let when = match rng.below(5) {
            0 => format!(" năm {year}"),
            1 => format!(" 6 tháng đầu năm {year}"),
            2 => format!(" quý {}/{year}", ["I", "II", "III", "IV"][rng.below(1 + (date.month as usize - 1) / 3)]),
            _ => String::new(),
        };
        let title = match rng.below(4) {
            0 => format!("{} {}{at}{when}", self.actions.pick(&mut rng), main),
            1 => format!("{}{at}: {} {}", capitalize(&main), self.verbs.pick(&mut rng), self.object(&mut rng, &topics)),
            2 => format!("{}{at} {} {}{when}", self.subjects.pick(&mut rng), self.verbs.pick(&mut rng), main),
            _ => format!("{} {} {}{at}", self.actions.pick(&mut rng), main, self.complements.pick(&mut rng)),
        };
        let title = capitalize(&title);
        // Body: 200–600 words, skewed short.
        let target = 200 + (unit(&mut rng).powf(1.6) * 400.0) as usize;
        let lead = format!(
            "Ngày {}/{}, {} {} tổ chức {} {}.",
            date.day,
            date.month,
            self.subjects.pick(&mut rng),
            place.map_or_else(|| "tỉnh".to_owned(), |p| format!("{} {}", p.district.kind.label(), p.district.name)),
            main,
            self.complements.pick(&mut rng)
        );
        let mut body = lead.clone();
        let mut words = lead.split(' ').count();
        let mut in_paragraph = 1;
        let mut paragraph_len = 2 + rng.below(4);
        while words < target {
            let s = self.sentence(&mut rng, place, &topics, year);
            words += s.split(' ').count();
            if in_paragraph >= paragraph_len {
                body.push_str("\n\n");
                in_paragraph = 0;
                paragraph_len = 2 + rng.below(4);
            } else {
                body.push(' ');
            }
            body.push_str(&s);
            in_paragraph += 1;
        }
        let mut summary = lead;
        if chance(&mut rng, 0.5) {
            let second = self.sentence(&mut rng, place, &topics, year);
            if summary.chars().count() + 1 + second.chars().count() <= 300 {
                summary.push(' ');
                summary.push_str(&second);
            }
        }
        if summary.chars().count() > 300 {
            let cut: String = summary.chars().take(296).collect();
            summary = format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a));
        }
        let precision = match rng.below(100) {
            0..=89 => "day",
            90..=97 => "minute",
            _ => "day-inferred-year",
        };
        let time = if precision == "minute" { format!("T{:02}:{:02}:00+07:00", 6 + rng.below(14), rng.below(60)) } else { "T00:00:00+07:00".to_owned() };
        let date_published = format!("{date}{time}");
        let authors = match rng.below(4) {
            0 => vec![],
            1 => vec![Author { name: self.person(&mut rng) }, Author { name: self.person(&mut rng) }],
            _ => vec![Author { name: self.person(&mut rng) }],
        };
        let captions = (0..[0, 0, 1, 1, 1, 2, 3][rng.below(7)]).map(|_| self.captions.pick(&mut rng).to_owned()).collect();
        let id = format!("{date}-{}", title_slug(&title));
        let d = place.map(|p| p.district);
        Item {
            url: place.map(|p| format!("https://{}/tin-tuc/{id}.html", p.host)),
            id,
            title,
            summary,
            content_text: body,
            date_published,
            authors,
            tags: topics.iter().map(|&t| TOPICS[t].vi.to_owned()).collect(),
            bantin: Bantin {
                topics: topics.iter().map(|&t| TOPICS[t].slug.to_owned()).collect(),
                site: place.map(|p| p.site.clone()),
                captions,
                date_precision: precision.to_owned(),
                source_file: Some(format!("synth/{index:08}.html")),
                title_source: Some("page".to_owned()),
                ..district_fields(d)
            },
        }
    }
}

/// Generate `count` items, newest first (same instant: ascending id), handing each batch to
/// `sink` in order. Batches are generated in parallel; ids are made unique in order.
pub fn generate(count: usize, seed: u64, sink: &mut dyn FnMut(Vec<Item>) -> Result<(), String>) -> Result<(), String> {
    let model = Model::new(seed);
    let days = model.day_counts(count);
    let mut seen: HashSet<String> = HashSet::with_capacity(count);
    let mut next: u64 = 0;
    let mut batch_days: Vec<(i64, u64, usize)> = Vec::new();
    let mut batch_len = 0;
    let mut flush = |batch_days: &mut Vec<(i64, u64, usize)>, seen: &mut HashSet<String>| -> Result<(), String> {
        let mut items: Vec<Item> = batch_days
            .par_iter()
            .flat_map_iter(|&(day, first, n)| (0..n as u64).map(move |k| (day, first + k)))
            .map(|(day, index)| model.item(index, day))
            .collect();
        for (k, item) in items.iter_mut().enumerate() {
            if !seen.insert(item.id.clone()) {
                let key = format!("{seed}-{}", item.bantin.source_file.as_deref().unwrap_or(""));
                let mut id = format!("{}-{:06x}", item.id, fnv1a(&key) & 0xff_ffff);
                let mut salt = k;
                while !seen.insert(id.clone()) {
                    salt += 1;
                    id = format!("{}-{:06x}", item.id, fnv1a(&format!("{key}-{salt}")) & 0xff_ffff);
                }
                if let Some(url) = item.url.as_mut() {
                    *url = url.replace(&format!("/{}.html", item.id), &format!("/{id}.html"));
                }
                item.id = id;
            }
        }
        items.sort_by(|a, b| b.date_published.cmp(&a.date_published).then_with(|| a.id.cmp(&b.id)));
        batch_days.clear();
        sink(items)
    };
    for (day, n) in days {
        batch_days.push((day, next, n));
        next += n as u64;
        batch_len += n;
        if batch_len >= 4096 {
            flush(&mut batch_days, &mut seen)?;
            batch_len = 0;
        }
    }
    if !batch_days.is_empty() {
        flush(&mut batch_days, &mut seen)?;
    }
    Ok(())
}

/// All items in memory (tests, small corpora).
pub fn items(count: usize, seed: u64) -> Vec<Item> {
    let mut all = Vec::with_capacity(count);
    generate(count, seed, &mut |batch| {
        all.extend(batch);
        Ok(())
    })
    .expect("an in-memory sink cannot fail");
    all
}

/// The file names for `count` items at `per_file` a file: `out` itself when one file is enough.
pub fn file_names(out: &Path, count: usize, per_file: usize) -> Vec<PathBuf> {
    let files = count.div_ceil(per_file).max(1);
    if files == 1 {
        return vec![out.to_path_buf()];
    }
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "synth".into());
    let ext = out.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_else(|| "json".into());
    (1..=files).map(|k| out.with_file_name(format!("{stem}-{k:04}.{ext}"))).collect()
}

/// A feed file being written item by item.
struct FeedOut {
    writer: BufWriter<std::fs::File>,
    path: PathBuf,
    items: usize,
}

impl FeedOut {
    fn create(path: &Path, part: usize, parts: usize) -> Result<FeedOut, String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let file = std::fs::File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        let title = if parts > 1 { format!("Bantin — tập dữ liệu tổng hợp ({part}/{parts})") } else { "Bantin — tập dữ liệu tổng hợp".to_owned() };
        let head = format!(
            "{{\"version\":{},\"title\":{},\"description\":\"Synthetic corpus (bantin-ingest synth)\",\"language\":\"vi\",\"items\":[\n",
            serde_json::to_string(JSON_FEED_VERSION).expect("string"),
            serde_json::to_string(&title).expect("string")
        );
        writer.write_all(head.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(FeedOut { writer, path: path.to_path_buf(), items: 0 })
    }

    fn push(&mut self, item: &Item) -> Result<(), String> {
        let err = |e: std::io::Error| format!("cannot write {}: {e}", self.path.display());
        if self.items > 0 {
            self.writer.write_all(b",\n").map_err(err)?;
        }
        serde_json::to_writer(&mut self.writer, item).map_err(|e| format!("cannot write {}: {e}", self.path.display()))?;
        self.items += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<(), String> {
        self.writer.write_all(b"\n]}\n").map_err(|e| format!("cannot write {}: {e}", self.path.display()))?;
        self.writer.flush().map_err(|e| format!("cannot write {}: {e}", self.path.display()))
    }
}

/// Write the corpus; returns the files written.
pub fn write(count: usize, seed: u64, out: &Path, per_file: usize) -> Result<Vec<PathBuf>, String> {
    let names = file_names(out, count, per_file);
    let mut current: Option<FeedOut> = None;
    let mut part = 0;
    generate(count, seed, &mut |batch| {
        for item in &batch {
            if current.as_ref().is_none_or(|f| f.items >= per_file) {
                if let Some(done) = current.take() {
                    done.finish()?;
                }
                current = Some(FeedOut::create(&names[part], part + 1, names.len())?);
                part += 1;
            }
            current.as_mut().expect("just opened").push(item)?;
        }
        Ok(())
    })?;
    match current {
        Some(f) => f.finish()?,
        // count == 0: one empty, valid feed.
        None => FeedOut::create(&names[0], 1, 1)?.finish()?,
    }
    Ok(names)
}

/// `bantin-ingest synth …`; returns the exit status.
pub fn main(args: &[String]) -> i32 {
    let mut count = None;
    let mut seed = 1u64;
    let mut out = None;
    let mut per_file = PER_FILE;
    let mut it = args.iter();
    let fail = |msg: &str| {
        eprintln!("error: {msg}\n\n{USAGE}");
        crate::cli::USAGE_ERROR
    };
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned();
        match a.as_str() {
            "--count" | "-n" => match value().and_then(|v| v.replace('_', "").parse().ok()) {
                Some(n) => count = Some(n),
                None => return fail("--count needs a number"),
            },
            "--seed" => match value().and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return fail("--seed needs a number"),
            },
            "--out" | "-o" => match value() {
                Some(v) => out = Some(PathBuf::from(v)),
                None => return fail("--out needs a file name"),
            },
            "--per-file" => match value().and_then(|v| v.replace('_', "").parse().ok()).filter(|n: &usize| *n > 0) {
                Some(n) => per_file = n,
                None => return fail("--per-file needs a positive number"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return crate::cli::OK;
            }
            other => return fail(&format!("unknown synth option \"{other}\"")),
        }
    }
    let (Some(count), Some(out)) = (count, out) else {
        return fail("synth needs --count N and --out FILE.json");
    };
    let started = std::time::Instant::now();
    match write(count, seed, &out, per_file) {
        Ok(files) => {
            for f in &files {
                println!("{}", f.display());
            }
            eprintln!("{count} items (seed {seed}) in {} file(s), {:.1} s", files.len(), started.elapsed().as_secs_f64());
            crate::cli::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            crate::cli::USAGE_ERROR
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use bantin_core::feed::decode;
    use bantin_core::fold::{folded_words, normalize};

    fn feed_json(items: &[Item]) -> String {
        let items: Vec<String> = items.iter().map(|i| serde_json::to_string(i).unwrap()).collect();
        format!(r#"{{"version":"{JSON_FEED_VERSION}","title":"t","language":"vi","items":[{}]}}"#, items.join(","))
    }

    #[test]
    fn same_seed_same_items_other_seed_other_items() {
        let a = feed_json(&items(300, 7));
        assert_eq!(a, feed_json(&items(300, 7)));
        assert_ne!(a, feed_json(&items(300, 8)));
    }

    #[test]
    fn items_are_contract_valid() {
        let all = items(2000, 1);
        let decoded = decode(&feed_json(&all)).unwrap();
        assert_eq!(decoded.skipped, vec![], "every item is valid");
        assert_eq!(decoded.items.len(), 2000);
        let g = gazetteer();
        for item in &all {
            assert!(item.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", item.id);
            assert!(item.summary.chars().count() <= 300, "{}", item.summary);
            assert!(item.date_published.ends_with("+07:00"));
            let year: i32 = item.date_published[..4].parse().unwrap();
            assert!((2015..=2025).contains(&year));
            assert!(!item.bantin.topics.is_empty());
            assert_eq!(item.tags.len(), item.bantin.topics.len());
            for text in [&item.title, &item.summary, &item.content_text] {
                assert_eq!(*text, canonical_tone(&normalize(text)), "NFC, canonical tone: {text}");
            }
            let words = item.content_text.split_whitespace().count();
            assert!((190..=700).contains(&words), "{words} words");
            if let Some(id) = &item.bantin.district_id {
                let d = g.by_id(id).expect("a gazetteer district");
                assert_eq!(item.bantin.district.as_deref(), Some(d.name.as_str()));
                assert_eq!(item.bantin.province_2025.as_deref(), Some(d.province_2025.as_str()));
                assert_eq!(item.bantin.district_code.as_deref(), Some(d.code.as_str()).filter(|c| !c.is_empty()));
            }
        }
        // Newest first, ties by id.
        for w in all.windows(2) {
            assert!(
                w[0].date_published > w[1].date_published || (w[0].date_published == w[1].date_published && w[0].id < w[1].id),
                "{} then {}",
                w[0].id,
                w[1].id
            );
        }
        let precise = all.iter().filter(|i| i.bantin.date_precision == "day").count();
        assert!(precise > all.len() * 8 / 10, "mostly day precision");
    }

    #[test]
    fn districts_and_years_are_skewed() {
        let all = items(5000, 3);
        let mut per: HashMap<&str, usize> = HashMap::new();
        for item in &all {
            if let Some(id) = &item.bantin.district_id {
                *per.entry(id).or_default() += 1;
            }
        }
        let mut counts: Vec<usize> = per.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top10: usize = counts.iter().take(10).sum();
        assert!(top10 * 4 > all.len(), "top 10 districts hold {top10} of {}", all.len());
        assert!(per.len() > 400, "and a long tail of districts: {}", per.len());
        let year = |y: &str| all.iter().filter(|i| i.date_published.starts_with(y)).count();
        assert!(year("2024") > 2 * year("2016"), "more recent items");
    }

    #[test]
    fn vocabulary_has_a_long_tail() {
        let all = items(2000, 5);
        let mut freq: HashMap<String, usize> = HashMap::new();
        for item in &all {
            for text in [&item.title, &item.summary, &item.content_text] {
                for w in folded_words(text) {
                    *freq.entry(w).or_default() += 1;
                }
            }
        }
        let once = freq.values().filter(|&&n| n == 1).count();
        assert!(once * 4 > freq.len(), "{once} of {} distinct words occur once", freq.len());
        let mut counts: Vec<usize> = freq.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let total: usize = counts.iter().sum();
        let top100: usize = counts.iter().take(100).sum();
        assert!(top100 * 3 > total, "a few words are very common (Zipf): {top100} of {total}");
    }

    #[test]
    fn large_outputs_are_split_into_valid_feeds() {
        let dir = tempfile::tempdir().unwrap();
        let files = write(250, 2, &dir.path().join("c.json"), 100).unwrap();
        assert_eq!(files.len(), 3);
        assert!(files[0].ends_with("c-0001.json"));
        let mut total = 0;
        for f in &files {
            let decoded = decode(&std::fs::read_to_string(f).unwrap()).unwrap();
            assert!(decoded.skipped.is_empty());
            total += decoded.items.len();
        }
        assert_eq!(total, 250);
        let one = write(50, 2, &dir.path().join("one.json"), 100).unwrap();
        assert_eq!(one, vec![dir.path().join("one.json")]);
    }
}
