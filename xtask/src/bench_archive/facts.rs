//! What the benchmark asks, picked from the generated corpus itself (so every size gets
//! meaningful scenarios: its biggest district, a common bigram, a word found 2–5 times…), and
//! the exact answer each one must give, counted by brute force with the contract's matching
//! rules (CONTRACT §2: folded terms are word prefixes, AND of terms; a quoted phrase's words
//! follow one another in one field; districts OR, topics OR, kinds AND, dates inclusive).
//!
//! The counting is deliberately a separate, naive implementation of those rules rather than a
//! call into `bantin_core::query` or the archive reader: it is the reference both peers are
//! checked against. (Over 400 lines because picking and counting share one pass over the
//! corpus and its word statistics; split, each half would need them passed around.)

use std::collections::HashMap;
use std::path::Path;

use bantin_core::date::Day;
use bantin_core::fold::{fold, word_spans};
use bantin_core::query::Query;
use bantin_core::url::UrlState;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::Result;

#[derive(Deserialize)]
struct Feed {
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    content_text: String,
    date_published: String,
    #[serde(rename = "_bantin", default)]
    bantin: Bantin,
}

#[derive(Deserialize, Default)]
struct Bantin {
    district_id: Option<String>,
    #[serde(default)]
    topics: Vec<String>,
}

/// One item's texts: per field (title, summary, body) the text and its folded form.
pub(crate) struct Texts {
    pub(crate) id: String,
    title: String,
    /// `date_published` as written (RFC 3339), and its first ten characters.
    pub(crate) published: String,
    day: String,
    district: Option<String>,
    pub(crate) topics: Vec<String>,
    fields: [(String, String); 3],
}

/// One item reduced to what matching needs, borrowing its [`Texts`].
pub(crate) struct Doc<'a> {
    pub(crate) t: &'a Texts,
    /// Per field: (surface, folded) words.
    fields: [Vec<(&'a str, &'a str)>; 3],
    /// Sorted, deduplicated folded words of all fields.
    vocabulary: Vec<&'a str>,
}

impl Texts {
    fn new(item: Item) -> Texts {
        let field = |text: String| {
            let folded = fold(&text);
            (text, folded)
        };
        Texts {
            day: item.date_published.get(..10).unwrap_or("").to_owned(),
            published: item.date_published.clone(),
            district: item.bantin.district_id,
            topics: item.bantin.topics,
            fields: [field(item.title.clone()), field(item.summary), field(item.content_text)],
            id: item.id,
            title: item.title,
        }
    }
}

impl<'a> Doc<'a> {
    fn new(t: &'a Texts) -> Doc<'a> {
        // Folding keeps word boundaries (it maps letters to letters), so the n-th word of the
        // folded text is the folded n-th word.
        let words = |(text, folded): &'a (String, String)| -> Vec<(&'a str, &'a str)> {
            let a = word_spans(text);
            let b = word_spans(folded);
            debug_assert_eq!(a.len(), b.len());
            a.into_iter().zip(b).map(|((s, e), (fs, fe))| (&text[s..e], &folded[fs..fe])).collect()
        };
        let fields = [words(&t.fields[0]), words(&t.fields[1]), words(&t.fields[2])];
        let mut vocabulary: Vec<&str> = fields.iter().flatten().map(|(_, f)| *f).collect();
        vocabulary.sort_unstable();
        vocabulary.dedup();
        Doc { t, fields, vocabulary }
    }

    fn has_prefix(&self, term: &str) -> bool {
        let at = self.vocabulary.partition_point(|w| *w < term);
        self.vocabulary.get(at).is_some_and(|w| w.starts_with(term))
    }

    fn has_phrase(&self, phrase: &[String]) -> bool {
        self.fields.iter().any(|field| {
            field.windows(phrase.len()).any(|w| w.iter().zip(phrase).all(|((_, folded), p)| folded.starts_with(p.as_str())))
        })
    }

    /// CONTRACT §2 matching for a parsed URL state.
    pub(crate) fn matches(&self, q: &Parsed) -> bool {
        let t = self.t;
        (q.districts.is_empty() || t.district.as_ref().is_some_and(|d| q.districts.contains(d)))
            && (q.topics.is_empty() || t.topics.iter().any(|x| q.topics.contains(x)))
            && q.from.as_ref().is_none_or(|f| t.day.as_str() >= f.as_str())
            && q.to.as_ref().is_none_or(|x| t.day.as_str() <= x.as_str())
            && q.terms.iter().all(|x| self.has_prefix(x))
            && q.phrases.iter().all(|p| self.has_phrase(p))
    }
}

/// A §2 query, split into what matching needs.
pub(crate) struct Parsed {
    districts: Vec<String>,
    topics: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    terms: Vec<String>,
    phrases: Vec<Vec<String>>,
}

pub(crate) fn parse(query: &str) -> Parsed {
    let state = UrlState::parse(query);
    let mut terms = Vec::new();
    let mut phrases = Vec::new();
    // Quoted runs are phrases; the rest are terms.
    for (k, part) in state.query.text.split('"').enumerate() {
        let words: Vec<String> = word_spans(part).into_iter().map(|(s, e)| fold(&part[s..e])).collect();
        if k % 2 == 1 && words.len() > 1 {
            phrases.push(words);
        } else {
            terms.extend(words);
        }
    }
    Parsed {
        districts: state.query.districts,
        topics: state.query.topics,
        from: state.query.from.map(|d| d.to_string()),
        to: state.query.to.map(|d| d.to_string()),
        terms,
        phrases,
    }
}

/// The canonical §2 query string (no leading `?`).
fn url(text: &str, districts: &[&str], topics: &[&str], from: Option<&str>, to: Option<&str>) -> String {
    let state = UrlState {
        query: Query {
            text: text.to_owned(),
            districts: districts.iter().map(|s| s.to_string()).collect(),
            topics: topics.iter().map(|s| s.to_string()).collect(),
            from: from.and_then(Day::parse_iso),
            to: to.and_then(Day::parse_iso),
            // The reference orders newest first; ranking is checked against the in-memory
            // index natively (`bantin-core`'s archive tests).
            newest_first: true,
        },
        ..UrlState::default()
    };
    state.to_query_string().trim_start_matches('?').to_owned()
}

pub(crate) fn each_doc(files: &[std::path::PathBuf], mut f: impl FnMut(&Doc)) -> Result {
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let feed: Feed = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        drop(text);
        for item in feed.items {
            let texts = Texts::new(item);
            f(&Doc::new(&texts));
        }
    }
    Ok(())
}

fn is_plain_word(folded: &str, min: usize) -> bool {
    folded.len() >= min && folded.chars().all(|c| c.is_alphabetic())
}

fn ranked<K: Clone + Ord>(counts: &HashMap<K, usize>) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = counts.iter().map(|(k, n)| (k.clone(), *n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Bigrams are counted on the first items only (enough to find common ones; exact counts
/// come from the second pass).
const BIGRAM_SAMPLE: usize = 20_000;

/// Scan the corpus twice: pick the scenarios, then count each one's exact answer.
pub fn compute(files: &[std::path::PathBuf], out: &Path) -> Result<Value> {
    let started = std::time::Instant::now();
    let mut total = 0usize;
    let mut districts: HashMap<String, usize> = HashMap::new();
    let mut topics: HashMap<String, usize> = HashMap::new();
    let mut years: HashMap<String, usize> = HashMap::new();
    let mut months: HashMap<String, usize> = HashMap::new();
    // Folded word → (documents, first surface form).
    let mut df: HashMap<String, (usize, String)> = HashMap::new();
    // "a b" (folded) → (documents in the sample, first surface form); words in the sample.
    let mut bigrams: HashMap<String, (usize, String)> = HashMap::new();
    let mut sample_df: HashMap<String, usize> = HashMap::new();
    let mut oldest: Option<(String, String, String)> = None; // (day, id, title)
    let mut key = String::new();
    each_doc(files, |doc| {
        total += 1;
        let t = doc.t;
        if let Some(d) = &t.district {
            *districts.entry(d.clone()).or_default() += 1;
        }
        for x in &t.topics {
            *topics.entry(x.clone()).or_default() += 1;
        }
        *years.entry(t.day[..4].to_owned()).or_default() += 1;
        *months.entry(t.day[..7].to_owned()).or_default() += 1;
        for folded in &doc.vocabulary {
            match df.get_mut(*folded) {
                Some(e) => e.0 += 1,
                None => {
                    let surface = doc.fields.iter().flatten().find(|(_, f)| f == folded).map_or(*folded, |(s, _)| *s);
                    df.insert((*folded).to_owned(), (1, surface.to_owned()));
                }
            }
        }
        if total <= BIGRAM_SAMPLE {
            let mut pairs: Vec<(&str, &str, &str, &str)> = Vec::new();
            for field in &doc.fields {
                for w in field.windows(2) {
                    if w[0].1 != w[1].1 && is_plain_word(w[0].1, 2) && is_plain_word(w[1].1, 2) {
                        pairs.push((w[0].1, w[1].1, w[0].0, w[1].0));
                    }
                }
            }
            pairs.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
            pairs.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
            for (a, b, sa, sb) in pairs {
                key.clear();
                key.push_str(a);
                key.push(' ');
                key.push_str(b);
                match bigrams.get_mut(key.as_str()) {
                    Some(e) => e.0 += 1,
                    None => {
                        bigrams.insert(key.clone(), (1, format!("{sa} {sb}").to_lowercase()));
                    }
                }
            }
            for folded in &doc.vocabulary {
                *sample_df.entry((*folded).to_owned()).or_default() += 1;
            }
        }
        // The newest item of the oldest year (items come newest first).
        let older = oldest.as_ref().is_none_or(|(day, _, _)| t.day[..4] < day[..4]);
        if older && t.district.is_some() {
            oldest = Some((t.day.clone(), t.id.clone(), t.title.clone()));
        }
    })?;
    if total == 0 {
        return Err("the corpus is empty".into());
    }
    eprintln!("  pass 1: {:.1} s", started.elapsed().as_secs_f64());
    let districts = ranked(&districts);
    let topics = ranked(&topics);
    let pick = |v: &[(String, usize)], k: usize| v[k.min(v.len() - 1)].0.clone();
    let d1 = pick(&districts, 0);
    let d2 = pick(&districts, 1);
    let d3 = pick(&districts, 19);
    let t1 = pick(&topics, 0);
    let t3 = pick(&topics, 3);
    let mut year_list: Vec<&String> = years.keys().collect();
    year_list.sort();
    let year = year_list[year_list.len().saturating_sub(3)].clone();
    let busy_year = year_list[year_list.len().saturating_sub(2)].clone();
    let month = months
        .iter()
        .filter(|(m, _)| m.starts_with(&busy_year))
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(m, _)| m.clone())
        .unwrap_or_else(|| format!("{busy_year}-01"));
    let month_end = {
        let (y, m) = (month[..4].parse().unwrap_or(2024), month[5..7].parse().unwrap_or(1));
        format!("{month}-{:02}", bantin_core::date::days_in_month(y, m))
    };
    // Collocations (the pair is most of the rarer word's uses: "nông thôn", not "dân huyện"),
    // in about 8% and 2% of the sample's items.
    let sample = total.min(BIGRAM_SAMPLE);
    let collocations: Vec<(&String, usize, &String)> = bigrams
        .iter()
        .filter_map(|(k, (n, surface))| {
            let (a, b) = k.split_once(' ')?;
            let rarer = sample_df.get(a).copied().unwrap_or(0).min(sample_df.get(b).copied().unwrap_or(0));
            (*n * 10 >= rarer * 7 && a.len() >= 3 && b.len() >= 3).then_some((k, *n, surface))
        })
        .collect();
    let near = |share: usize, not: &str| -> String {
        let target = sample / share;
        collocations
            .iter()
            .filter(|c| c.2 != not)
            .min_by(|a, b| a.1.abs_diff(target).cmp(&b.1.abs_diff(target)).then_with(|| a.0.cmp(b.0)))
            .map(|c| c.2.clone())
            .unwrap_or_default()
    };
    let common = near(12, "");
    let phrase = near(50, &common);
    // Words in ~2% and ~10% of the items: search + topic + dates, and the ten actions.
    let word_near = |share: usize| {
        let target = (total / share).max(2);
        df.iter()
            .filter(|(w, _)| is_plain_word(w, 4))
            .min_by(|a, b| a.1 .0.abs_diff(target).cmp(&b.1 .0.abs_diff(target)).then_with(|| a.0.cmp(b.0)))
            .map(|(_, v)| v.1.clone())
            .unwrap_or_default()
    };
    let mid_word = word_near(50);
    let action_word = word_near(10);
    // Rare-word candidates: 2–5 items, long enough that few other words start with them.
    let mut rare: Vec<(&String, &(usize, String))> =
        df.iter().filter(|(w, v)| (2..=5).contains(&v.0) && is_plain_word(w, 8)).collect();
    rare.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    let rare: Vec<(String, String)> = rare.into_iter().take(40).map(|(w, v)| (w.clone(), v.1.clone())).collect();
    let (old_day, old_id, old_title) = oldest.clone().unwrap_or_default();
    drop(df);
    drop(bigrams);

    // The scenarios, as §2 query strings.
    let mut scenarios: Vec<(String, String)> = vec![
        ("first screen".into(), String::new()),
        ("biggest district".into(), url("", &[&d1], &[], None, None)),
        ("two districts + topic".into(), url("", &[&d2, &d3], &[&t1], None, None)),
        ("topic within a year".into(), url("", &[], &[&t3], Some(&format!("{year}-01-01")), Some(&format!("{year}-12-31")))),
        ("one month".into(), url("", &[], &[], Some(&format!("{month}-01")), Some(&month_end))),
        ("common two-word search".into(), url(&common, &[], &[], None, None)),
        ("rare word".into(), String::new()), // filled in below
        ("phrase within district".into(), url(&format!("\"{phrase}\""), &[&d1], &[], None, None)),
        ("search + topic + dates".into(), String::new()), // filled in below
        // The common search as a reader types it: most relevant first, the default with
        // search text (CONTRACT §2), as Pagefind orders it too. Same matches, same count.
        ("common search, ranked".into(), url(&common, &[], &[], None, None).replace("&sort=new", "")),
    ];
    // search + topic + dates: the first of these with a few results (small corpora run out).
    let first_year = year_list[0].clone();
    let topic_order: Vec<&String> = topics.iter().cycle().skip(2).take(topics.len()).map(|(t, _)| t).collect();
    let combos: Vec<String> = topic_order
        .iter()
        .flat_map(|t| [&year, &first_year].map(|from| url(&mid_word, &[], &[t], Some(&format!("{from}-01-01")), Some(&format!("{busy_year}-12-31")))))
        .collect();
    let y = |y: &str, end: bool| format!("{y}-{}", if end { "12-31" } else { "01-01" });
    let steps: Vec<String> = vec![
        url(&action_word, &[], &[], None, None),
        url(&action_word, &[], &[&t1], None, None),
        url(&action_word, &[&d1], &[&t1], None, None),
        url(&action_word, &[&d1], &[&t1], Some(&y(&year, false)), Some(&y(&year, true))),
        url(&common, &[&d1], &[&t1], Some(&y(&year, false)), Some(&y(&year, true))),
        url(&common, &[], &[&t1], Some(&y(&year, false)), Some(&y(&year, true))),
        url(&common, &[&d2], &[&t1], Some(&y(&year, false)), Some(&y(&year, true))),
        url("", &[&d2], &[&t1], Some(&y(&year, false)), Some(&y(&year, true))),
        url("", &[&d2], &[], Some(&y(&year, false)), Some(&y(&year, true))),
        String::new(),
    ];
    // Second pass: exact counts.
    let mut queries: Vec<String> = scenarios.iter().map(|(_, q)| q.clone()).collect();
    queries.extend(steps.iter().cloned());
    let rare_queries: Vec<String> = rare.iter().map(|(_, surface)| url(surface, &[], &[], None, None)).collect();
    queries.extend(rare_queries.iter().cloned());
    queries.extend(combos.iter().cloned());
    let parsed: Vec<Parsed> = queries.iter().map(|q| parse(q)).collect();
    let mut counts = vec![0usize; parsed.len()];
    each_doc(files, |doc| {
        for (k, q) in parsed.iter().enumerate() {
            counts[k] += usize::from(doc.matches(q));
        }
    })?;
    eprintln!("  pass 2: {:.1} s", started.elapsed().as_secs_f64());
    let base = scenarios.len() + steps.len();
    let rare_pick = (0..rare.len()).find(|&k| (2..=5).contains(&counts[base + k]));
    let (rare_query, rare_count) = match rare_pick {
        Some(k) => (rare_queries[k].clone(), counts[base + k]),
        None => (String::new(), counts[0]),
    };
    scenarios[6].1 = rare_query;
    let combo_base = base + rare.len();
    let combo = (0..combos.len()).find(|&k| counts[combo_base + k] >= 3).unwrap_or(0);
    scenarios[8].1 = combos[combo].clone();
    let combo_count = counts[combo_base + combo];
    let mut list: Vec<Value> = scenarios
        .iter()
        .enumerate()
        .map(|(k, (name, query))| json!({ "name": name, "query": query, "expected": match k { 6 => rare_count, 8 => combo_count, _ => counts[k] } }))
        .collect();
    list.push(json!({ "name": "deep link (old article)", "query": format!("article={old_id}"), "article": { "id": old_id, "title": old_title, "day": old_day } }));
    list.push(json!({
        "name": "ten actions",
        "steps": steps.iter().enumerate().map(|(k, q)| json!({ "query": q, "expected": counts[scenarios.len() + k] })).collect::<Vec<_>>(),
    }));
    let top_districts: Vec<Value> = districts.iter().take(10).map(|(d, n)| json!([d, n])).collect();
    let top10: usize = districts.iter().take(10).map(|d| d.1).sum();
    let topic_counts: Vec<Value> = topics.iter().map(|(t, n)| json!([t, n])).collect();
    let mut year_counts: Vec<(&String, &usize)> = years.iter().collect();
    year_counts.sort();
    let year_counts: Vec<Value> = year_counts.into_iter().map(|(k, v)| json!([k, v])).collect();
    let facts = json!({
        "items": total,
        "districts": districts.len(),
        "top_districts": top_districts,
        "top10_share": top10 as f64 / total as f64,
        "topics": topic_counts,
        "years": year_counts,
        "rare_word_found": rare_pick.is_some(),
        "seconds": started.elapsed().as_secs_f64(),
    });
    let value = json!({ "facts": facts, "scenarios": list });
    let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    std::fs::write(out, text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(title: &str, body: &str) -> Texts {
        Texts::new(Item {
            id: "a".into(),
            title: title.into(),
            summary: String::new(),
            content_text: body.into(),
            date_published: "2021-03-30T00:00:00+07:00".into(),
            bantin: Bantin { district_id: Some("huyen-cau-ke-tra-vinh".into()), topics: vec!["bau-cu".into()] },
        })
    }

    #[test]
    fn contract_matching() {
        let t = texts("Hội nghị Ban Chấp hành Đảng bộ", "Ủy ban nhân dân huyện Cầu Kè.");
        let d = Doc::new(&t);
        assert!(d.matches(&parse("q=ban%20chap")));
        assert!(d.matches(&parse("q=%22ban%20chap%22&district=huyen-cau-ke-tra-vinh")));
        assert!(!d.matches(&parse("q=%22chap%20ban%22")), "phrase order");
        assert!(!d.matches(&parse("q=%22dang%20uy%22")), "a phrase stays in one field");
        assert!(d.matches(&parse("q=dang%20uy")), "terms may come from different fields");
        assert!(d.matches(&parse("topic=kinh-te&topic=bau-cu&from=2021-03-30&to=2021-03-30")));
        assert!(!d.matches(&parse("from=2021-03-31")));
        assert!(!d.matches(&parse("district=huyen-cang-long-tra-vinh")));
    }
}
