//! Writing an archive to disk (the layout itself is `bantin_core::archive::write`), and
//! reading one back (to keep ids on a rebuild, and to take an archive as input).
//!
//! Only files whose content changed are written, so a rebuild leaves sealed segments'
//! timestamps alone and a sync to a static host uploads only what is new. Files of the
//! generation before are kept (a reader that opened the old manifest can finish its session);
//! older ones are removed. The list of each generation's files is `.bantin-files` in the
//! output directory.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use bantin_core::archive::write::{layout, File};
use bantin_core::archive::{path, Manifest, CARD_BLOCK, SEGMENT};
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
    let mut sink = DiskSink::new(out);
    for file in laid.files {
        sink.put(file);
    }
    sink.finish()
}

/// Writes files under an output directory, skipping those whose bytes are already there,
/// and keeps the record of generations (see the module doc).
pub struct DiskSink {
    out: PathBuf,
    report: WriteReport,
    paths: Vec<String>,
    /// Directories known to exist (a million files live in a few thousand directories), and
    /// whether this run created them: then they hold nothing to compare with.
    made: HashMap<PathBuf, bool>,
    /// The first failure; later files are not attempted.
    error: Option<String>,
}

impl DiskSink {
    pub fn new(out: &Path) -> DiskSink {
        DiskSink { out: out.to_owned(), report: WriteReport::default(), paths: Vec::new(), made: HashMap::new(), error: None }
    }

    pub fn put(&mut self, file: File) {
        if self.error.is_some() {
            return;
        }
        let target = self.out.join(&file.path);
        self.paths.push(file.path);
        let parent = target.parent().unwrap_or(&self.out).to_owned();
        let created = match self.made.get(&parent) {
            Some(&created) => created,
            None => {
                let created = !parent.is_dir();
                if let Err(e) = std::fs::create_dir_all(&parent) {
                    self.error = Some(format!("cannot create {}: {e}", parent.display()));
                    return;
                }
                self.made.insert(parent, created);
                created
            }
        };
        if !created && std::fs::read(&target).is_ok_and(|old| old == file.text.as_bytes()) {
            self.report.unchanged += 1;
            return;
        }
        match std::fs::write(&target, &file.text) {
            Ok(()) => self.report.written += 1,
            Err(e) => self.error = Some(format!("cannot write {}: {e}", target.display())),
        }
    }

    /// Record this generation; remove what only generations before the last one had.
    pub fn finish(mut self) -> Result<WriteReport, String> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let record = self.out.join(GENERATIONS);
        let previous = std::fs::read_to_string(&record).unwrap_or_default();
        let (last, older) = previous.split_once("\n\n").unwrap_or((previous.as_str(), ""));
        let keep: HashSet<&str> = self.paths.iter().map(String::as_str).chain(last.lines()).collect();
        for stale in older.lines().filter(|p| !keep.contains(p)) {
            if std::fs::remove_file(self.out.join(stale)).is_ok() {
                self.report.removed += 1;
            }
        }
        let text = format!("{}\n\n{last}", self.paths.join("\n"));
        std::fs::write(&record, text).map_err(|e| format!("cannot write {}: {e}", record.display()))?;
        Ok(self.report)
    }
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
    let front = feed.parent().unwrap_or(Path::new("."));
    let mut items = Vec::with_capacity(manifest.total);
    // Ids in ordinal order from the cards; each article's item from its own file.
    for (k, hash) in manifest.segments.iter().enumerate() {
        let count = (manifest.total - k * SEGMENT).min(SEGMENT);
        for block in 0..count.div_ceil(CARD_BLOCK) {
            let cards_path = base.join(path::cards(k, hash, block));
            let cards: Cards = serde_json::from_str(&read(&cards_path)?).map_err(|e| format!("{}: {e}", cards_path.display()))?;
            for card in cards.items {
                let article = front.join(path::article(&card.id));
                let item: Item = serde_json::from_str(&read(&article)?).map_err(|e| format!("{}: {e}", article.display()))?;
                items.push(item);
            }
        }
    }
    Ok(items)
}

/// A card file's items (only their ids are read).
#[derive(serde::Deserialize)]
struct Cards {
    items: Vec<CardId>,
}

#[derive(serde::Deserialize)]
struct CardId {
    id: String,
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
