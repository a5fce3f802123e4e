//! `bantin-ingest eval`: extraction measured against hand-labelled pages.
//!
//! The golden file is JSON Lines, one page a line:
//! `{"file": "p01.txt", "date": "2021-06-14", "time": "14:20", "district_id": "huyen-…",
//! "province": "Kiên Giang", "province_2025": "An Giang", "topic": "xay-dung-dang", "title": "…"}`.
//! `time`, `district_id`, `province`, `province_2025` are `null` when the page has none (a
//! provincial story); `topic` is the primary (first) topic; `title` is optional and only checked
//! when given. `note` is free text for the person labelling.

use std::path::PathBuf;

use serde::Deserialize;

use crate::article::Article;
use crate::pipeline::{collect_files, extract_page, read_pages, Page};
use crate::sources::Sources;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Golden {
    pub file: String,
    pub date: String,
    pub time: Option<String>,
    pub district_id: Option<String>,
    pub province: Option<String>,
    pub province_2025: Option<String>,
    pub topic: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The fields compared, in table order, with the goal each must reach (None: reported only).
pub const FIELDS: &[(&str, Option<f64>)] = &[
    ("date", Some(0.95)),
    ("time", None),
    ("district", Some(0.90)),
    ("province", Some(0.90)),
    ("province_2025", Some(0.90)),
    ("topic", Some(0.90)),
    ("title", None),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub file: String,
    pub field: &'static str,
    pub expected: String,
    pub got: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per field of [`FIELDS`]: (right, compared).
    pub counts: Vec<(usize, usize)>,
    pub mismatches: Vec<Mismatch>,
    /// Pages with a body and a date that were rejected: (file, reason).
    pub rejected: Vec<(String, String)>,
    pub pages: usize,
}

fn show(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "null".into())
}

/// The value of each field an article gives, in [`FIELDS`] order.
fn values(a: &Article) -> [Option<String>; 7] {
    let d = a.district;
    [
        Some(a.published.day.to_string()),
        a.published.time.map(|(h, m)| format!("{h:02}:{m:02}")),
        d.map(|d| d.id.clone()),
        d.map(|d| d.province.clone()),
        d.map(|d| d.province_2025.clone()),
        a.topics.first().map(|t| (*t).to_owned()),
        Some(a.title.clone()),
    ]
}

fn expected(g: &Golden) -> [Option<Option<String>>; 7] {
    [
        Some(Some(g.date.clone())),
        Some(g.time.clone()),
        Some(g.district_id.clone()),
        Some(g.province.clone()),
        Some(g.province_2025.clone()),
        Some(g.topic.clone()),
        g.title.clone().map(Some),
    ]
}

/// Parse a golden file; errors name the line. District ids must exist in the gazetteer.
pub fn parse_golden(text: &str) -> Result<Vec<Golden>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let g: Golden = serde_json::from_str(t).map_err(|e| format!("line {}: {e}", i + 1))?;
        if let Some(id) = &g.district_id {
            if bantin_core::gazetteer::gazetteer().by_id(id).is_none() {
                return Err(format!("line {}: district_id \"{id}\" is not in the gazetteer", i + 1));
            }
        }
        out.push(g);
    }
    Ok(out)
}

/// Extract every labelled page and compare. Errors: a labelled file that is not among `pages`.
pub fn evaluate(pages: &[Page], golden: &[Golden]) -> Result<Report, String> {
    let mut report = Report { counts: vec![(0, 0); FIELDS.len()], ..Report::default() };
    for g in golden {
        let page = pages
            .iter()
            .find(|p| p.file_name == g.file || p.path.ends_with(&format!("/{}", g.file)))
            .ok_or_else(|| format!("golden file names {} but no such page was given", g.file))?;
        report.pages += 1;
        let got: Result<[Option<String>; 7], String> = extract_page(page).map(|a| values(&a));
        if let Err(reason) = &got {
            report.rejected.push((g.file.clone(), reason.clone()));
        }
        for (k, want) in expected(g).into_iter().enumerate() {
            let Some(want) = want else { continue };
            report.counts[k].1 += 1;
            let have = match &got {
                Ok(v) => v[k].clone(),
                Err(reason) => Some(format!("rejected: {reason}")),
            };
            if have == want {
                report.counts[k].0 += 1;
            } else {
                report.mismatches.push(Mismatch { file: g.file.clone(), field: FIELDS[k].0, expected: show(&want), got: show(&have) });
            }
        }
    }
    Ok(report)
}

impl Report {
    pub fn accuracy(&self, field: &str) -> Option<f64> {
        let k = FIELDS.iter().position(|f| f.0 == field)?;
        let (right, total) = self.counts[k];
        (total > 0).then(|| right as f64 / total as f64)
    }

    /// The goals missed, as sentences (empty: all met).
    pub fn failures(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (k, (name, goal)) in FIELDS.iter().enumerate() {
            let (right, total) = self.counts[k];
            if let (Some(goal), true) = (goal, total > 0) {
                if (right as f64) < goal * total as f64 {
                    out.push(format!("{name}: {right}/{total} right, below the goal of {:.0}%", goal * 100.0));
                }
            }
        }
        for (file, reason) in &self.rejected {
            out.push(format!("{file} has a body and a date but was rejected: {reason}"));
        }
        out
    }

    /// The accuracy table.
    pub fn table(&self) -> String {
        let mut s = format!("{} pages\n{:<14} {:>7} {:>9} {:>6}\n", self.pages, "field", "right", "accuracy", "goal");
        for (k, (name, goal)) in FIELDS.iter().enumerate() {
            let (right, total) = self.counts[k];
            let pct = if total == 0 { "-".to_owned() } else { format!("{:.1}%", 100.0 * right as f64 / total as f64) };
            let goal = goal.map_or("-".to_owned(), |g| format!("{:.0}%", g * 100.0));
            s.push_str(&format!("{name:<14} {:>7} {pct:>9} {goal:>6}\n", format!("{right}/{total}")));
        }
        s
    }

    /// Every mismatch, one a line: file, field, expected, got.
    pub fn mismatch_list(&self) -> String {
        let mut s = String::new();
        for m in &self.mismatches {
            s.push_str(&format!("{}\t{}\texpected {}\tgot {}\n", m.file, m.field, m.expected, m.got));
        }
        s
    }
}

/// Load, evaluate, print. Returns the exit status: 0 goals met, 1 below, 2 usage or I/O error.
pub fn command(args: &[String]) -> i32 {
    match run(args) {
        Ok(report) => {
            print!("{}", report.table());
            if !report.mismatches.is_empty() {
                println!("\nmismatches ({}):", report.mismatches.len());
                print!("{}", report.mismatch_list());
            }
            let failures = report.failures();
            for f in &failures {
                eprintln!("below goal: {f}");
            }
            if failures.is_empty() { 0 } else { 1 }
        }
        Err(e) => {
            eprintln!("error: {e}\n\nUsage: bantin-ingest eval <PAGES>... --golden <FILE.jsonl> [--sources <FILE>]");
            2
        }
    }
}

fn run(args: &[String]) -> Result<Report, String> {
    let (mut paths, mut golden, mut sources) = (Vec::new(), None, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--golden" => golden = Some(PathBuf::from(it.next().ok_or("--golden needs a file")?)),
            "--sources" => sources = Some(PathBuf::from(it.next().ok_or("--sources needs a file")?)),
            s if s.starts_with('-') => return Err(format!("unknown option \"{s}\"")),
            s => paths.push(PathBuf::from(s)),
        }
    }
    if paths.is_empty() {
        return Err("eval needs at least one PATH of pages".into());
    }
    let golden = golden.ok_or("eval needs --golden <FILE.jsonl>")?;
    let read = |p: &PathBuf| std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let golden = parse_golden(&read(&golden)?).map_err(|e| format!("{}: {e}", golden.display()))?;
    let sources = match &sources {
        Some(p) => Sources::parse(&read(p)?).map_err(|e| format!("{}: {e}", p.display()))?,
        None => Sources::default(),
    };
    run_on(&paths, &golden, &sources)
}

/// Evaluate the pages under `paths` (sources attached) against `golden`.
pub fn run_on(paths: &[PathBuf], golden: &[Golden], sources: &Sources) -> Result<Report, String> {
    let files = collect_files(paths)?;
    let files: Vec<PathBuf> = files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "txt" || e == "html" || e == "htm")).collect();
    let pages = read_pages(&files, sources)?;
    evaluate(&pages, golden)
}
