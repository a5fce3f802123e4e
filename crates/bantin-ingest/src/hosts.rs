//! District clues from the web: URL hosts and e-mail addresses of district portals
//! (`cauke.travinh.gov.vn`, `<district>.<province>.dcs.vn`, `cauke@travinh.gov.vn`).

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
}
