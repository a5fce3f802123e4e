//! `bantin-ingest archive` over collections bigger than memory: the layout of
//! `bantin_core::archive::write` driven over feed files, with the texts on disk.
//!
//! 1. Read every feed once, keeping each item's metadata only (no texts): the plan, which
//!    gives every item its ordinal.
//! 2. Read them again and spool each item's JSON into its segment's file (segments are
//!    2,048 consecutive ordinals; feeds may list items in any order).
//! 3. Lay out the segments in ordinal order from their spools, folding their texts in
//!    parallel.
//!
//! Memory is then the metadata (~300 bytes an item), the compact postings (~3 bytes a word
//! of each article) and one segment's texts, whatever the collection's size; the texts are
//! read twice and written once to the spools. The output is byte for byte what
//! [`crate::archive_out::write`] makes of the same items in memory.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bantin_core::archive::write::{doc_terms, meta, Builder, Plan};
use bantin_core::archive::{fnv1a, SEGMENT};
use bantin_core::feed::{decode, Item};
use rayon::prelude::*;

use crate::archive_out::{read_items, DiskSink, WriteReport};
use crate::feed_writer::Reject;

/// Spooled bytes a segment may hold in memory before they are appended to its file.
const SPOOL_BUFFER: usize = 1 << 20;

/// Files laid out but not yet written that the layout may run ahead by (about one
/// segment's: its bodies and cards).
const WRITE_QUEUE: usize = 4096;

/// What a run did.
pub struct Outcome {
    pub articles: usize,
    pub report: WriteReport,
}

/// The items of one input feed (or of the archive it fronts), with what was wrong in it.
fn feed_items(feed: &Path, rejects: &mut Vec<Reject>, first_pass: bool) -> Result<Vec<Item>, String> {
    let name = feed.display().to_string();
    let text = std::fs::read_to_string(feed).map_err(|e| format!("cannot read {name}: {e}"))?;
    let decoded = decode(&text).map_err(|e| format!("{name}: {e}"))?;
    if first_pass {
        // Invalid items are named one by one; the valid ones are taken as they are.
        rejects.extend(decoded.skipped.iter().map(|s| Reject { path: name.clone(), reason: s.to_string() }));
    }
    if decoded.archive.is_some() {
        read_items(feed)
    } else {
        Ok(decoded.items)
    }
}

fn item_json(item: &Item) -> String {
    serde_json::to_string(item).expect("an item always serializes")
}

/// Lay out the items of `feeds` under `out` with the feed title `title`.
pub fn run(out: &Path, title: &str, feeds: &[PathBuf], rejects: &mut Vec<Reject>) -> Result<Outcome, String> {
    let started = Instant::now();
    // 1. Metadata, and which input items are taken: the first of each id. A later copy is
    // dropped; whether it differs (and is named) is checked in step 2, where the items are
    // serialized anyway.
    let mut metas = Vec::new();
    let mut taken: Vec<Vec<bool>> = Vec::new();
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    let mut repeated: HashMap<String, usize> = HashMap::new();
    for (f, feed) in feeds.iter().enumerate() {
        let items = feed_items(feed, rejects, true)?;
        let mut flags = Vec::with_capacity(items.len());
        for item in items {
            let take = match first_seen.get(&item.id) {
                Some(&source) => {
                    repeated.insert(item.id.clone(), source);
                    false
                }
                None => {
                    first_seen.insert(item.id.clone(), f);
                    true
                }
            };
            if take {
                metas.push(meta(&item));
            }
            flags.push(take);
        }
        taken.push(flags);
    }
    drop(first_seen);
    let (plan, ordinals) = Plan::new(title, metas).map_err(|e| e.to_string())?;
    eprintln!("archive: {} articles planned in {:.1} s", plan.total(), started.elapsed().as_secs_f64());

    // 2. Spool each item into its segment.
    let spool = out.join(".bantin-spool");
    let _ = std::fs::remove_dir_all(&spool);
    std::fs::create_dir_all(&spool).map_err(|e| format!("cannot create {}: {e}", spool.display()))?;
    let segment_file = |k: usize| spool.join(format!("segment-{k}.jsonl"));
    let mut buffers: Vec<Vec<u8>> = vec![Vec::new(); plan.segments()];
    let flush = |k: usize, buffer: &mut Vec<u8>| -> Result<(), String> {
        let path = segment_file(k);
        let mut file = OpenOptions::new().create(true).append(true).open(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        file.write_all(buffer).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        buffer.clear();
        Ok(())
    };
    let mut next = ordinals.into_iter();
    // The kept copy of each repeated id, by content hash (its first occurrence comes first).
    let mut kept_copy: HashMap<String, u64> = HashMap::new();
    for (f, feed) in feeds.iter().enumerate() {
        let items = feed_items(feed, rejects, false)?;
        if items.len() != taken[f].len() {
            return Err(format!("{} changed while it was being read: run again", feed.display()));
        }
        for (item, &take) in items.iter().zip(&taken[f]) {
            let json = item_json(item);
            if let Some(&source) = repeated.get(&item.id) {
                let hash = fnv1a(json.as_bytes());
                match kept_copy.get(&item.id) {
                    None => {
                        kept_copy.insert(item.id.clone(), hash);
                    }
                    // The same item twice (a district feed beside the main one): nothing to lose.
                    Some(&kept) if kept == hash => {}
                    Some(_) => rejects.push(Reject {
                        path: feed.display().to_string(),
                        reason: format!("item \"{}\": duplicate id, different from the one in {} (kept that one)", item.id, feeds[source].display()),
                    }),
                }
            }
            if !take {
                continue;
            }
            let Some(ordinal) = next.next().flatten() else { continue };
            let (k, offset) = (ordinal as usize / SEGMENT, ordinal as usize % SEGMENT);
            let buffer = &mut buffers[k];
            buffer.extend_from_slice(format!("{offset}\t").as_bytes());
            buffer.extend_from_slice(json.as_bytes());
            buffer.push(b'\n');
            if buffer.len() >= SPOOL_BUFFER {
                flush(k, buffer)?;
            }
        }
    }
    for (k, buffer) in buffers.iter_mut().enumerate() {
        if !buffer.is_empty() {
            flush(k, buffer)?;
        }
    }
    drop(buffers);
    eprintln!("archive: texts spooled by segment in {:.1} s", started.elapsed().as_secs_f64());

    // 3. Segments in ordinal order, in three threads: one reads and folds the next segment
    // while the builder lays out this one, and one writes the files. Creating a million
    // small files is mostly kernel time (ext4's inode allocation), which on one thread was
    // as long as the rest of the layout.
    let segment_count = plan.segments();
    let report = std::thread::scope(|scope| -> Result<WriteReport, String> {
        let (file_tx, file_rx) = std::sync::mpsc::sync_channel::<bantin_core::archive::write::File>(WRITE_QUEUE);
        let writer = scope.spawn(move || {
            let mut sink = DiskSink::new(out);
            for file in file_rx {
                sink.put(file);
            }
            sink
        });
        let (segment_tx, segment_rx) = std::sync::mpsc::sync_channel(1);
        let plan = &plan;
        let segment_file = &segment_file;
        scope.spawn(move || {
            for k in 0..segment_count {
                let read = read_segment(&segment_file(k), plan.segment_len(k)).map(|items| {
                    let terms: Vec<_> = items.par_iter().map(doc_terms).collect();
                    (items, terms)
                });
                let _ = std::fs::remove_file(segment_file(k));
                let failed = read.is_err();
                if segment_tx.send(read).is_err() || failed {
                    return;
                }
            }
        });
        let mut put = |file| {
            // The writer stops only when this side has gone; its error comes from `finish`.
            let _ = file_tx.send(file);
        };
        let mut builder = Builder::new(plan);
        for k in 0..segment_count {
            let (items, terms) = segment_rx.recv().map_err(|_| format!("segment {k} was not read"))??;
            builder.segment(k, items, terms, &mut put);
        }
        let front = builder.finish(&mut put);
        front.feed_json(&mut put);
        front.district_feeds(&mut put);
        drop(file_tx);
        let sink = writer.join().map_err(|_| "the file writer stopped unexpectedly".to_owned())?;
        sink.finish()
    })?;
    let _ = std::fs::remove_dir_all(&spool);
    eprintln!("archive: laid out in {:.1} s", started.elapsed().as_secs_f64());
    Ok(Outcome { articles: plan.total(), report })
}

/// A segment's items from its spool, in ordinal order.
fn read_segment(path: &Path, expected: usize) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut slots: Vec<Option<Item>> = vec![None; expected];
    let parsed: Vec<Result<(usize, Item), String>> = text
        .par_lines()
        .map(|line| {
            let (offset, json) = line.split_once('\t').ok_or("a line without an offset")?;
            let offset: usize = offset.parse().map_err(|_| "a bad offset")?;
            let item: Item = serde_json::from_str(json).map_err(|e| e.to_string())?;
            Ok((offset, item))
        })
        .collect();
    for entry in parsed {
        let (offset, item) = entry.map_err(|e| format!("{}: {e}", path.display()))?;
        *slots.get_mut(offset).ok_or_else(|| format!("{}: offset {offset} is past the segment", path.display()))? = Some(item);
    }
    slots.into_iter().enumerate().map(|(i, s)| s.ok_or_else(|| format!("{}: no item at offset {i}", path.display()))).collect()
}

/// This process's peak resident memory, where the system says (Linux).
pub fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
