//! Articles → `feed.json` (CONTRACT §1) and rejects → `rejects.json`, byte-identical for
//! identical input: items newest first, ties by id; no timestamps, no hash-map order.

use bantin_core::feed::{Feed, Item, JSON_FEED_VERSION};
use bantin_core::fold::slug;
use serde::Serialize;

use crate::article::Article;

pub const FEED_TITLE: &str = "Bantin — tin tức địa phương";
/// Longest title part of an id, in characters.
pub const ID_TITLE_MAX: usize = 60;

/// An input that did not become an article, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Reject {
    pub path: String,
    pub reason: String,
}

/// `<title slug>` cut at a word (slug segment) boundary, at most [`ID_TITLE_MAX`] characters.
pub fn title_slug(title: &str) -> String {
    let full = slug(title);
    let mut out = String::new();
    for part in full.split('-') {
        let extra = if out.is_empty() { part.len() } else { part.len() + 1 };
        if out.len() + extra > ID_TITLE_MAX {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(part);
    }
    if out.is_empty() {
        // One very long word: cut it.
        out = full.chars().take(ID_TITLE_MAX).collect::<String>().trim_end_matches('-').to_owned();
    }
    if out.is_empty() { "tin".to_owned() } else { out }
}

/// The id before collisions: `2021-03-30-hoi-nghi-ban-chap-hanh-dang-bo-huyen-cao-lanh`.
pub fn base_id(article: &Article) -> String {
    format!("{}-{}", article.published.day, title_slug(&article.title))
}

/// FNV-1a, 64 bits: a tiny, stable, dependency-free hash for collision suffixes.
pub fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Ids already published, by source key (URL and source file name), read from the previous
/// `feed.json`: a rebuild keeps them, so adding a page never renames an existing article.
pub type PreviousIds = std::collections::HashMap<String, String>;

/// Read the ids of an existing feed; a missing or unreadable file gives none.
pub fn previous_ids(feed_json: &str) -> PreviousIds {
    let mut ids = PreviousIds::new();
    if let Ok(decoded) = bantin_core::feed::decode(feed_json) {
        for item in decoded.items {
            for key in [item.url.clone(), item.bantin.source_file.clone()].into_iter().flatten() {
                ids.insert(key, item.id.clone());
            }
        }
    }
    ids
}

/// Ids for a set of articles (each given with a source key: its URL, else its file name), in
/// input order. An article keeps the id it had in `previous` when that id still fits its date
/// and title. Otherwise the first article of a colliding group (in source-key order) gets the
/// plain id if free; the others get `-<6 hex of hash(source key)>`, lengthened if needed.
pub fn assign_ids(articles: &[(&Article, &str)], previous: &PreviousIds) -> Vec<String> {
    let base: Vec<String> = articles.iter().map(|(a, _)| base_id(a)).collect();
    let kept: Vec<Option<String>> = articles
        .iter()
        .zip(&base)
        .map(|((a, key), base)| {
            let id = previous.get(*key).or_else(|| previous.get(&a.source_file))?;
            (id == base || id.strip_prefix(base.as_str()).is_some_and(|rest| rest.starts_with('-'))).then(|| id.clone())
        })
        .collect();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| base[a].cmp(&base[b]).then(articles[a].1.cmp(articles[b].1)).then(a.cmp(&b)));
    let mut taken: std::collections::BTreeSet<String> = base.iter().cloned().collect();
    taken.extend(kept.iter().flatten().cloned());
    let mut ids = vec![String::new(); articles.len()];
    let mut kept_ids = std::collections::BTreeSet::new();
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j < order.len() && base[order[j]] == base[order[i]] {
            j += 1;
        }
        // Kept ids first (each at most once), then the plain id to the first newcomer if free.
        let mut plain_free = true;
        for &k in &order[i..j] {
            if let Some(id) = kept[k].as_ref().filter(|id| kept_ids.insert((*id).clone())) {
                plain_free &= *id != base[k];
                ids[k] = id.clone();
            }
        }
        for &k in &order[i..j] {
            if !ids[k].is_empty() {
                continue;
            }
            if plain_free {
                plain_free = false;
                ids[k] = base[k].clone();
                continue;
            }
            let hash = format!("{:016x}", fnv1a(articles[k].1));
            let mut len = 6;
            let mut id = format!("{}-{}", base[k], &hash[..len]);
            while taken.contains(&id) {
                len += 2;
                id = if len <= 16 { format!("{}-{}", base[k], &hash[..len]) } else { format!("{}-{}-{k}", base[k], hash) };
            }
            taken.insert(id.clone());
            ids[k] = id;
        }
        i = j;
    }
    ids
}

/// The feed: items newest first, ties broken by id.
pub fn build_feed(mut items: Vec<Item>) -> Feed {
    items.sort_by(|a, b| b.date_published.cmp(&a.date_published).then(a.id.cmp(&b.id)));
    Feed {
        version: JSON_FEED_VERSION.to_owned(),
        title: FEED_TITLE.to_owned(),
        home_page_url: None,
        feed_url: None,
        description: None,
        language: "vi".to_owned(),
        items,
        next_url: None,
        bantin: None,
    }
}

/// Pretty-printed JSON with a final newline.
pub fn feed_json(feed: &Feed) -> String {
    let mut s = serde_json::to_string_pretty(feed).expect("a feed always serializes");
    s.push('\n');
    s
}

pub fn rejects_json(rejects: &[Reject]) -> String {
    let mut sorted = rejects.to_vec();
    sorted.sort();
    let mut s = serde_json::to_string_pretty(&sorted).expect("rejects always serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_slugs_cut_at_words() {
        let s = title_slug("Ban Thường vụ Huyện ủy Cầu Kè hội nghị sơ kết tình hình hoạt động tháng 4 năm 2021");
        assert!(s.len() <= ID_TITLE_MAX);
        assert!("ban-thuong-vu-huyen-uy-cau-ke-hoi-nghi-so-ket-tinh-hinh-hoat-dong-thang-4-nam-2021".starts_with(&s));
        assert!(!s.ends_with('-'));
        assert_eq!(title_slug("!!!"), "tin");
        assert_eq!(title_slug(&"a".repeat(100)).len(), ID_TITLE_MAX);
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(""), 0xcbf29ce484222325);
        assert_eq!(fnv1a("a"), 0xaf63dc4c8601ec8c);
    }
}
