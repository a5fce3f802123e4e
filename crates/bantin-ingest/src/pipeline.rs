//! Many pages → feed + rejects, in parallel, deterministically.

use std::path::{Path, PathBuf};

use bantin_core::feed::Feed;
use rayon::prelude::*;

use crate::article::{extract, Article, RawPage};
use crate::feed_writer::{assign_ids, build_feed, PreviousIds, Reject};
use crate::sources::Sources;

/// One page in memory, with what `--sources` says about it.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path as given (or as found under a given directory), `/`-separated.
    pub path: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub url: Option<String>,
    pub site: Option<String>,
}

impl Page {
    pub fn new(path: &str, bytes: Vec<u8>) -> Page {
        let file_name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned();
        Page { path: path.to_owned(), file_name, bytes, url: None, site: None }
    }

    pub fn raw(&self) -> RawPage<'_> {
        RawPage {
            path: &self.path,
            file_name: &self.file_name,
            bytes: &self.bytes,
            url: self.url.as_deref(),
            site: self.site.as_deref(),
        }
    }
}

/// The files named by the command line: files as given, directories walked recursively in
/// sorted order (hidden entries, whose names start with `.`, are skipped). Duplicates are kept
/// once. Errors say which path and what to do.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
        let mut children: Vec<PathBuf> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            children.push(entry.path());
        }
        children.sort();
        for child in children {
            if child.is_dir() {
                walk(&child, out)?;
            } else {
                out.push(child);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|e| format!("{}: {e}; check the path", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(out)
}

/// Read the files (in parallel) and attach their `--sources` entries.
pub fn read_pages(files: &[PathBuf], sources: &Sources) -> Result<Vec<Page>, String> {
    files
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(f).map_err(|e| format!("cannot read {}: {e}", f.display()))?;
            let path = f.to_string_lossy().replace('\\', "/");
            let mut page = Page::new(&path, bytes);
            if let Some(s) = sources.find(&page.path, &page.file_name) {
                page.url = s.url.clone().filter(|u| !u.trim().is_empty());
                page.site = s.site.clone().filter(|u| !u.trim().is_empty());
            }
            Ok(page)
        })
        .collect()
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub feed: Feed,
    pub rejects: Vec<Reject>,
}

/// Extract one page, turning an (unexpected) panic into a reject so nothing is lost silently.
pub fn extract_page(page: &Page) -> Result<Article, String> {
    match std::panic::catch_unwind(|| extract(&page.raw())) {
        Ok(result) => result,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(format!("internal error while extracting ({msg}); please report this page"))
        }
    }
}

/// Extract every page (in parallel, on the current rayon pool) and build the feed.
/// `tick` is called once per page (progress bars).
pub fn build(pages: &[Page], tick: &(dyn Fn() + Sync)) -> Outcome {
    build_keeping_ids(pages, tick, &PreviousIds::new())
}

/// [`build`], keeping the ids a previous build gave the same sources.
pub fn build_keeping_ids(pages: &[Page], tick: &(dyn Fn() + Sync), previous: &PreviousIds) -> Outcome {
    let results: Vec<Result<Article, String>> = pages
        .par_iter()
        .map(|p| {
            let r = extract_page(p);
            tick();
            r
        })
        .collect();
    let mut articles: Vec<(&Article, &str)> = Vec::new();
    let mut rejects = Vec::new();
    for (page, result) in pages.iter().zip(&results) {
        match result {
            Ok(article) => articles.push((article, page.url.as_deref().unwrap_or(&page.file_name))),
            Err(reason) => rejects.push(Reject { path: page.path.clone(), reason: reason.clone() }),
        }
    }
    let ids = assign_ids(&articles, previous);
    let items = articles.iter().zip(ids).map(|((a, _), id)| a.to_item(id)).collect();
    rejects.sort();
    Outcome { feed: build_feed(items), rejects }
}
