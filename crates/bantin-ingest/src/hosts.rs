//! District clues from the web: URL hosts and e-mail addresses of district portals
//! (`cauke.travinh.gov.vn`, `<commune>.<district>.<province>.gov.vn`, `<district>.<province>.dcs.vn`,
//! `cauke@travinh.gov.vn`), a district in the URL path of a provincial portal
//! (`bacgiang.gov.vn/portal/lucngan/…`, `tayninh.dcs.vn/vi/news/huyen-uy-tan-chau/…`), the
//! province of a provincial newspaper (`baolamdong.vn`), and the district a newspaper's headline
//! opens with (`Đạ Tẻh: Bàn giao …`).

use std::collections::HashMap;
use std::sync::OnceLock;

use bantin_core::gazetteer::{gazetteer, District, DistrictType};

use crate::district::Clues;
use crate::fastfold::fold;

impl Clues {
    /// A URL, bare host or e-mail address: `https://cauke.travinh.gov.vn/…`,
    /// `caolanh.dongthap.dcs.vn`, `cauke@travinh.gov.vn`.
    pub fn host(&mut self, url_or_host: &str, tier: u8, weight: u32) {
        let Some(host) = host_of(url_or_host) else { return };
        let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty() && *l != "www").collect();
        let suffix = ["gov.vn", "dcs.vn", "org.vn", "edu.vn", "com.vn", "vn"]
            .iter()
            .find(|s| host.ends_with(&format!(".{s}")))
            .map_or(0, |s| s.split('.').count());
        let local = &labels[..labels.len().saturating_sub(suffix)];
        let Some((&province_label, rest)) = local.split_last() else { return };
        let index = host_index();
        // A provincial newspaper or TV station: `baolamdong.vn`, `truyenhinhnghean.vn`.
        for label in local {
            for prefix in ["bao", "truyenhinh", "ptth", "dai"] {
                if let Some(p) = label.strip_prefix(prefix).and_then(|rest| index.provinces.get(rest)) {
                    if !self.provinces.contains(p) {
                        self.provinces.push(p);
                    }
                    return;
                }
            }
        }
        let province = index.provinces.get(province_label).copied();
        if let Some(p) = province {
            if !self.provinces.contains(&p) {
                self.provinces.push(p);
            }
        }
        let district_label = match (province, rest.last()) {
            (Some(_), Some(d)) => *d,
            (Some(_), None) => return,
            // `giongrieng.gov.vn`-style hosts without a province label
            (None, _) => province_label,
        };
        let mut hits = districts_for_label(district_label);
        if let Some(p) = province {
            hits.retain(|d| d.province == p);
        }
        self.push(tier, weight, hits, format!("host {host}"));
    }


    /// A district named by a folder of the URL's path, inside the host's province:
    /// `/portal/lucngan/`, `/huyen-uy-tan-chau/`. The article's own slug is not looked at.
    pub fn path(&mut self, url: &str, tier: u8, weight: u32) {
        let Some(host) = host_of(url) else { return };
        let index = host_index();
        let Some(province) = host.split('.').find_map(|l| index.provinces.get(l).copied()) else { return };
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let path = rest.split(['?', '#']).next().unwrap_or("");
        let folders: Vec<&str> = path.split('/').skip(1).collect();
        for folder in folders.iter().take(folders.len().saturating_sub(1)) {
            let key: String = folder.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
            let key = ["huyenuy", "thiuy", "thanhuy", "quanuy"].iter().find_map(|p| key.strip_prefix(p)).unwrap_or(&key);
            let hits: Vec<_> = districts_for_label(key).into_iter().filter(|d| d.province == province).collect();
            if !hits.is_empty() {
                self.push(tier, weight, hits, format!("path /{folder}/"));
                return;
            }
        }
    }

    /// A headline that opens with a district's name: `Ninh Phước: Nông dân trúng mùa nho`
    /// (tier 1 with the colon), `Quế Sơn đối thoại với thanh niên` (tier 2 without). The
    /// province context of the other clues picks among same-name districts.
    pub fn headline_start(&mut self, title: &str, weight: u32) {
        let words: Vec<&str> = title.split_whitespace().take(4).collect();
        for n in (1..=words.len()).rev() {
            let last = words[n - 1];
            let colon = last.ends_with(':');
            let name: Vec<&str> = words[..n].iter().map(|w| w.trim_end_matches(':')).collect();
            if name.iter().any(|w| !w.starts_with(char::is_uppercase)) || (!colon && n < 2) {
                continue;
            }
            let hits: Vec<&'static District> = gazetteer().districts_named(&name.join(" "));
            if !hits.is_empty() {
                let tier = if colon { 1 } else { 2 };
                self.push(tier, weight, hits, format!("headline {}", name.join(" ")));
                return;
            }
        }
    }
}

/// The host of a URL, bare host or e-mail address, lower case.
pub fn host_of(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t.split_once("://").map_or(t, |(_, rest)| rest);
    let t = t.split(['/', '?', '#']).next()?;
    let t = t.rsplit_once('@').map_or(t.to_owned(), |(user, domain)| {
        // e-mail: the mailbox name is the district label (`cauke@travinh.gov.vn`)
        if text.contains("://") { domain.to_owned() } else { format!("{user}.{domain}") }
    });
    let t = t.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
    (t.contains('.') && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')).then_some(t)
}

struct HostIndex {
    /// Folded name without spaces or hyphens → districts.
    districts: HashMap<String, Vec<&'static District>>,
    provinces: HashMap<String, &'static str>,
}

fn squash(text: &str) -> String {
    fold(text).chars().filter(char::is_ascii_alphanumeric).collect()
}

fn host_index() -> &'static HostIndex {
    static INDEX: OnceLock<HostIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let g = gazetteer();
        let mut districts: HashMap<String, Vec<&'static District>> = HashMap::new();
        for d in g.districts() {
            districts.entry(squash(&d.name)).or_default().push(d);
        }
        let mut provinces = HashMap::new();
        for p in g.provinces() {
            provinces.insert(squash(p), p);
        }
        for (alias, p) in [("hcm", "Hồ Chí Minh"), ("tphcm", "Hồ Chí Minh"), ("hochiminhcity", "Hồ Chí Minh"), ("brvt", "Bà Rịa - Vũng Tàu"), ("thuathienhue", "Huế"), ("hue", "Huế")] {
            if let Some(p) = g.province(p) {
                provinces.insert(alias.to_owned(), p);
            }
        }
        HostIndex { districts, provinces }
    })
}

/// Districts for a host label: `cauke`, `huyencauke`, `tpcaolanh`, `thixaninhhoa`.
fn districts_for_label(label: &str) -> Vec<&'static District> {
    let index = host_index();
    let key: String = label.chars().filter(char::is_ascii_alphanumeric).collect();
    if let Some(hits) = index.districts.get(&key) {
        return hits.clone();
    }
    for (prefix, kind) in [
        ("huyen", DistrictType::Huyen),
        ("thixa", DistrictType::ThiXa),
        ("tx", DistrictType::ThiXa),
        ("thanhpho", DistrictType::ThanhPho),
        ("tp", DistrictType::ThanhPho),
        ("quan", DistrictType::Quan),
    ] {
        if let Some(hits) = key.strip_prefix(prefix).and_then(|rest| index.districts.get(rest)) {
            return hits.iter().copied().filter(|d| d.kind == kind).collect();
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://cauke.travinh.gov.vn/tin-tuc/1").as_deref(), Some("cauke.travinh.gov.vn"));
        assert_eq!(host_of("cauke@travinh.gov.vn").as_deref(), Some("cauke.travinh.gov.vn"));
        assert_eq!(host_of("http://WWW.Caolanh.DongThap.gov.vn:8080").as_deref(), Some("www.caolanh.dongthap.gov.vn"));
        assert_eq!(host_of("not a url"), None);
    }

    fn resolved(f: impl FnOnce(&mut Clues)) -> Option<String> {
        let mut c = Clues::default();
        f(&mut c);
        c.resolve().map(|d| d.id.clone())
    }

    #[test]
    fn commune_portals_belong_to_their_district() {
        let id = resolved(|c| c.host("https://tanhiep.honquan.binhphuoc.gov.vn/tin-tuc/a.html", 3, 2));
        assert_eq!(id.as_deref(), Some("huyen-hon-quan-binh-phuoc"));
        let id = resolved(|c| c.host("https://ductrong.lamdong.dcs.vn/thong-tin", 3, 2));
        assert_eq!(id.as_deref(), Some("huyen-duc-trong-lam-dong"));
    }

    #[test]
    fn districts_in_url_paths() {
        let id = resolved(|c| c.path("https://bacgiang.gov.vn/portal/lucngan/tin-tuc/-/asset_publisher/day-manh", 3, 2));
        assert_eq!(id.as_deref(), Some("huyen-luc-ngan-bac-giang"));
        let id = resolved(|c| c.path("https://tayninh.dcs.vn/vi/news/huyen-uy-tan-chau/tan-chau-hop-mat-6011.html", 3, 2));
        assert_eq!(id.as_deref(), Some("huyen-tan-chau-tay-ninh"));
        // The article's slug is no folder; a host without a province gives nothing.
        assert_eq!(resolved(|c| c.path("https://tayninh.gov.vn/tan-chau", 3, 2)), None);
        assert_eq!(resolved(|c| c.path("https://example.com/lucngan/x", 3, 2)), None);
    }

    #[test]
    fn newspaper_headlines_and_provinces() {
        // `Châu Thành:` is ten districts; the newspaper's province picks one.
        let id = resolved(|c| {
            c.headline_start("Châu Thành: Nông dân thu lãi cao từ sầu riêng", 3);
            c.host("https://baoapbac.vn/kinh-te/202303/chau-thanh.html", 3, 2);
        });
        assert_eq!(id, None, "Ấp Bắc names no province in its host");
        let id = resolved(|c| {
            c.headline_start("Châu Thành: Nông dân thu lãi cao", 3);
            c.host("https://baotiengiang.vn/a", 3, 2);
        });
        assert_eq!(id.as_deref(), Some("huyen-chau-thanh-tien-giang"));
        let id = resolved(|c| c.headline_start("Ninh Phước: Nông dân trúng mùa nho vụ hè", 3));
        assert_eq!(id.as_deref(), Some("huyen-ninh-phuoc-ninh-thuan"));
        // Without a colon only a name of two words or more counts.
        assert_eq!(resolved(|c| c.headline_start("Ba Tri bàn giao nhà", 3)).as_deref(), Some("huyen-ba-tri-ben-tre"));
        assert_eq!(resolved(|c| c.headline_start("Hội nghị tổng kết", 3)), None);
    }
}
