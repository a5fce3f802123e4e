//! Writing an archive to disk (the layout itself is `bantin_core::archive::write`), and
//! reading one back (to keep ids on a rebuild, and to take an archive as input).
//!
//! Only files whose content changed are written, so a rebuild leaves sealed segments'
//! timestamps alone and a sync to a static host uploads only what is new. Files of the
//! generation before are kept (a reader that opened the old manifest can finish its session);
//! older ones are removed. The list of each generation's files is `.bantin-files` in the
//! output directory.

use std::collections::HashSet;
use std::path::Path;

use bantin_core::archive::write::layout;
use bantin_core::archive::{path, Manifest, SEGMENT};
use bantin_core::feed::{decode, Item};

/// What writing an archive did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

const GENERATIONS: &str = ".bantin-files";

/// Lay out `items` and write them under `out`: `feed.json`, `feed/`, `districts/`, `archive/`.
pub fn write(out: &Path, title: &str, items: Vec<Item>) -> Result<WriteReport, String> {
    let laid = layout(title, items).map_err(|e| e.to_string())?;
    let mut report = WriteReport::default();
    for file in &laid.files {
        let target = out.join(&file.path);
        if std::fs::read(&target).is_ok_and(|old| old == file.text.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, &file.text).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        report.written += 1;
    }
    // Keep this generation and the one before; remove what only older ones had.
    let record = out.join(GENERATIONS);
    let previous = std::fs::read_to_string(&record).unwrap_or_default();
    let (last, older) = previous.split_once("\n\n").unwrap_or((previous.as_str(), ""));
    let current: Vec<&str> = laid.files.iter().map(|f| f.path.as_str()).collect();
    let keep: HashSet<&str> = current.iter().copied().chain(last.lines()).collect();
    for stale in older.lines().filter(|p| !keep.contains(p)) {
        if std::fs::remove_file(out.join(stale)).is_ok() {
            report.removed += 1;
        }
    }
    let text = format!("{}\n\n{last}", current.join("\n"));
    std::fs::write(&record, text).map_err(|e| format!("cannot write {}: {e}", record.display()))?;
    Ok(report)
}

/// Every item of the archive that the feed file `feed` fronts, or of the feed itself when it
/// fronts none. Errors name the file that failed.
pub fn read_items(feed: &Path) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(feed).map_err(|e| format!("cannot read {}: {e}", feed.display()))?;
    let decoded = decode(&text).map_err(|e| format!("{}: {e}", feed.display()))?;
    let Some(pointer) = decoded.archive else { return Ok(decoded.items) };
    let manifest_path = feed.parent().unwrap_or(Path::new(".")).join(&pointer.archive);
    let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let manifest: Manifest = serde_json::from_str(&read(&manifest_path)?).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let base = manifest_path.parent().unwrap_or(Path::new("."));
    let mut items = Vec::with_capacity(manifest.total);
    for (k, hash) in manifest.segments.iter().enumerate() {
        let count = (manifest.total - k * SEGMENT).min(SEGMENT);
        for offset in 0..count {
            let body = base.join(path::body(k, hash, offset));
            let item: Item = serde_json::from_str(&read(&body)?).map_err(|e| format!("{}: {e}", body.display()))?;
            items.push(item);
        }
    }
    Ok(items)
}

/// Ids already published in `out` (by URL and source file), read from its archive.
pub fn previous_ids(out: &Path) -> crate::feed_writer::PreviousIds {
    let mut ids = crate::feed_writer::PreviousIds::new();
    for item in read_items(&out.join("feed.json")).unwrap_or_default() {
        for key in [item.url.clone(), item.bantin.source_file.clone()].into_iter().flatten() {
            ids.insert(key, item.id.clone());
        }
    }
    ids
}
