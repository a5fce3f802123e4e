//! Decoding archive files with the small JSON reader ([`crate::json`]), into the same values
//! serde would give for [`Manifest`] and [`Wire`] (tested against each other), and the
//! reader's wording for files that are not what they should be.

use super::super::{DistrictEntry, Manifest, Wire};
use crate::json::{self, Reader};

/// Decode a whole file with `read`; the error says what is wrong with it.
pub(super) fn parse<'a, T>(text: &'a str, read: impl FnOnce(&mut Reader<'a>) -> json::Result<T>) -> Result<T, String> {
    json::read_all(text, read).map_err(|e| {
        if text.trim_start().starts_with('<') {
            "an HTML page, not an archive file (an error page?)".to_owned()
        } else if e.is_eof() {
            format!("cut short ({e})")
        } else {
            format!("not an archive file of the expected kind ({e})")
        }
    })
}

const MANIFEST_FIELDS: [&str; 13] = [
    "format", "total", "first_day", "day_counts", "districts", "topics", "topic_counts", "mask_table", "segments", "search", "pairs", "numbering",
    "dense",
];
const DISTRICT_FIELDS: [&str; 8] = ["id", "name", "type", "code", "province", "province_2025", "count", "shard"];
const WIRE_FIELDS: [&str; 17] = [
    "segment", "district", "topics", "blocks", "items", "id", "ordinals", "first_words", "words", "postings", "sets", "variants", "counts", "positions", "weights", "palette",
    "bits",
];

const ANY: u64 = u64::MAX;
const SIZE: u64 = usize::MAX as u64;

pub fn read_manifest(r: &mut Reader) -> json::Result<Manifest> {
    let mut m = Manifest {
        format: String::new(),
        total: 0,
        first_day: String::new(),
        day_counts: Vec::new(),
        districts: Vec::new(),
        topics: Vec::new(),
        topic_counts: Vec::new(),
        mask_table: String::new(),
        segments: Vec::new(),
        search: String::new(),
        pairs: String::new(),
        numbering: String::new(),
        dense: String::new(),
    };
    // Every field is required.
    r.object(&MANIFEST_FIELDS, 0b1_1111_1111_1111, &mut |r, i| {
        match i {
            0 => m.format = r.string()?,
            1 => m.total = r.integer(SIZE)? as usize,
            2 => m.first_day = r.string()?,
            3 => m.day_counts = r.integers(u32::MAX as u64)?.into_iter().map(|c| c as u32).collect(),
            4 => r.array(&mut |r| {
                m.districts.push(read_district(r)?);
                Ok(())
            })?,
            5 => m.topics = r.strings()?,
            6 => m.topic_counts = r.integers(ANY)?,
            7 => m.mask_table = r.string()?,
            8 => m.segments = r.strings()?,
            9 => m.search = r.string()?,
            10 => m.pairs = r.string()?,
            11 => m.numbering = r.string()?,
            _ => m.dense = r.string()?,
        }
        Ok(())
    })?;
    Ok(m)
}

fn read_district(r: &mut Reader) -> json::Result<DistrictEntry> {
    let mut d = DistrictEntry {
        id: String::new(),
        name: String::new(),
        kind: String::new(),
        code: None,
        province: String::new(),
        province_2025: String::new(),
        count: 0,
        shard: String::new(),
    };
    // Every field but `code` is required.
    r.object(&DISTRICT_FIELDS, 0b1111_0111, &mut |r, i| {
        match i {
            3 => d.code = r.optional_string()?,
            6 => d.count = r.integer(SIZE)? as usize,
            _ => {
                let text = match i {
                    0 => &mut d.id,
                    1 => &mut d.name,
                    2 => &mut d.kind,
                    4 => &mut d.province,
                    5 => &mut d.province_2025,
                    _ => &mut d.shard,
                };
                *text = r.string()?;
            }
        }
        Ok(())
    })?;
    Ok(d)
}

/// Any archive file but the manifest: every field optional (each kind fills its own).
pub fn read_wire<'a>(r: &mut Reader<'a>) -> json::Result<Wire<'a>> {
    let mut w = Wire::default();
    r.object(&WIRE_FIELDS, 0, &mut |r, i| {
        match i {
            0 => w.segment = r.string()?,
            1 => w.district = r.integers(ANY)?,
            2 => w.topics = r.integers(ANY)?,
            3 => w.blocks = r.strings()?,
            4 => w.items = r.raws()?,
            5 => w.id = r.string()?,
            6 => w.ordinals = r.integers(ANY)?,
            7 => w.first_words = r.strings()?,
            8 => w.words = r.strings()?,
            // Checked here, decoded word by word (`decode::quadruples`).
            9 => w.postings = r.raws()?,
            10 => w.sets = r.integers(ANY)?,
            11 => w.variants = r.strings()?,
            12 => w.counts = r.integers(ANY)?,
            13 => w.positions = r.integers(ANY)?,
            14 => w.weights = r.integers(ANY)?,
            15 => w.palette = r.integers(ANY)?,
            _ => w.bits = r.string()?,
        }
        Ok(())
    })?;
    Ok(w)
}
