//! Taking a fetched archive file: checking that it is the file the manifest named (its hash,
//! its segment, the districts and articles it may name) and decoding it into the archive's
//! tables. Everything after decoding indexes by district number and ordinal, so a file naming
//! one the manifest does not have is refused here, with a message, never an index out of
//! bounds later (found by fuzzing: `fuzz/regressions/archive_files/`).

use super::*;

/// The largest count a table cell may hold (beyond it, the total check fails).
const SIZE_LIMIT: u64 = u32::MAX as u64;

impl Archive {
    fn check_hash(&self, need: Need, text: &str) -> Result<(), String> {
        if !self.check_hashes {
            return Ok(());
        }
        let want = self.path(need);
        let got = content_hash(text.as_bytes());
        if want.contains(&got) {
            Ok(())
        } else if text.trim_start().starts_with('<') {
            Err("an HTML page, not an archive file (an error page?)".into())
        } else {
            Err(format!("its content hash is {got}, not the one in its name: a damaged or foreign file"))
        }
    }

    /// A district number and an ordinal a file names must exist in this archive: everything
    /// after decoding indexes by them. (0 is "no district".)
    fn check_place(&self, district: u32, ordinal: u32) -> Result<(), String> {
        if district as usize > self.manifest.districts.len() {
            return Err(format!("it names district {district}, but the archive has {}", self.manifest.districts.len()));
        }
        if ordinal as usize >= self.manifest.total {
            return Err(format!("it names article {ordinal}, but the archive has {}", self.manifest.total));
        }
        Ok(())
    }

    /// Keep the articles `ordinals` with the district numbers and topic masks listed for them
    /// (a segment's rows, or a slice's places) in `rows` under `key`.
    fn take_rows(&mut self, key: usize, ordinals: Vec<u32>, district: &[u64], topics: &[u64]) -> Result<(), String> {
        if district.len() != ordinals.len() || topics.len() != ordinals.len() {
            return Err("its districts and topic sets are not one per article".into());
        }
        let docs: Vec<Doc> = ordinals.iter().zip(district.iter().zip(topics)).map(|(&ordinal, (&district, &topics))| Doc { ordinal, district: district as u32, topics }).collect();
        docs.iter().try_for_each(|doc| self.check_place(doc.district, doc.ordinal))?;
        self.rows.insert(key, docs);
        Ok(())
    }

    fn check_segment(&self, k: usize, segment: &str) -> Result<(), String> {
        match self.manifest.segments.get(k) {
            Some(hash) if hash == segment => Ok(()),
            _ => Err(format!("it belongs to segment {segment}, not to this archive's segment {k}")),
        }
    }

    pub(super) fn decode(&mut self, need: Need, text: &str) -> Result<(), String> {
        if let Need::DistrictFeed(number) = need {
            return self.decode_district_feed(number, text);
        }
        if !matches!(need, Need::Rows(_) | Need::Totals(_) | Need::Cards { .. } | Need::Bits(_) | Need::Slice { .. } | Need::Tier { .. } | Need::Chunk(_) | Need::PairChunk(_)) {
            self.check_hash(need, text)?;
        }
        let wire = parse(text, read_wire)?;
        match need {
            Need::SearchDir | Need::PairDir => {
                let dir = Some(SearchDir { segment: wire.segment, first_words: wire.first_words });
                if need == Need::SearchDir {
                    self.search_dir = dir;
                } else {
                    self.pair_dir = dir;
                }
            }
            Need::Masks => {
                let width = wire.sets.len();
                let bad = "its table does not count every article once";
                if wire.sets.windows(2).any(|w| w[0] >= w[1]) || wire.counts.len() != (self.manifest.districts.len() + 1) * width {
                    return Err(bad.into());
                }
                // The non-zero cells, in order: the rows of the groups.
                let masks: Vec<(u32, u64, usize)> = wire
                    .counts
                    .iter()
                    .enumerate()
                    .filter(|(_, &count)| count > 0)
                    .map(|(cell, &count)| ((cell / width) as u32, wire.sets[cell % width], count.min(SIZE_LIMIT) as usize))
                    .collect();
                if masks.iter().fold(0usize, |sum, m| sum.saturating_add(m.2)) != self.manifest.total {
                    return Err(bad.into());
                }
                self.masks = Some(masks);
            }
            Need::DenseDir => {
                if wire.words.windows(2).any(|w| w[0] >= w[1]) {
                    return Err("its prefixes are not in order".into());
                }
                if wire.counts.len() != wire.words.len() {
                    return Err("its prefixes and their counts differ in number".into());
                }
                self.dense_dir = Some(DenseDir { segment: wire.segment, words: wire.words, counts: wire.counts });
            }
            Need::Bits(_) | Need::Slice { .. } => {
                let (name, articles) = match need {
                    Need::Slice { slice, .. } => {
                        let start = slice * SLICE_SEGMENTS * SEGMENT;
                        (self.slice_name(slice), self.manifest.total.saturating_sub(start).min(SLICE_SEGMENTS * SEGMENT))
                    }
                    _ => (self.dense_dir.as_ref().map(|d| d.segment.clone()).unwrap_or_default(), self.manifest.total),
                };
                if wire.segment != name {
                    return Err("a bitmap of another version".into());
                }
                let bytes = base64_decode(&wire.bits).ok_or("its bitmap is not base64")?;
                if bytes.len() != articles.div_ceil(64) * 8 {
                    return Err("its bitmap is not one bit per article".into());
                }
                let words: Vec<u64> = bytes.chunks_exact(8).map(|w| u64::from_le_bytes(w.try_into().expect("8 bytes"))).collect();
                if let Need::Slice { term, slice, places: true } = need {
                    // Each set bit's article, with the district and topics listed for it.
                    let ordinals = set_bits(&words, (slice * SLICE_SEGMENTS * SEGMENT) as u32);
                    self.take_rows(self.placed_key(term, slice), ordinals, &wire.district, &wire.topics)?;
                }
                match need {
                    Need::Slice { term, slice, .. } => self.slices.insert((term, slice), words),
                    Need::Bits(i) => self.bits.insert(i as u32, words),
                    _ => {}
                }
            }
            Need::Tier { term, tier } => {
                let tiered = self.read_tier(term, tier, wire)?;
                self.tiers.insert((term, tier), tiered);
            }
            // Pairs are words of two (`"ban chap"`), with the fields bits as weight.
            Need::Chunk(i) | Need::PairChunk(i) => {
                let dir = if need == Need::Chunk(i) { &self.search_dir } else { &self.pair_dir };
                if dir.as_ref().is_none_or(|d| d.segment != wire.segment) {
                    return Err("a search chunk of another version".into());
                }
                if !wire.variants.is_empty() && wire.variants.len() != wire.words.len() {
                    return Err("its word and spelling lists differ in length".into());
                }
                let mut variants = wire.variants.into_iter();
                let mut words = Vec::with_capacity(wire.words.len());
                for (word, raw) in keyed(wire.words, &wire.postings)? {
                    // Kept coded (see `Word::postings`): clamped ordinals as deltas again.
                    let (mut postings, mut last, mut count, mut bad) = (Vec::new(), 0, 0, Ok(()));
                    quadruples(raw, &mut |ordinal, [_, district, topics, weight]| {
                        if bad.is_ok() {
                            bad = self.check_place(district.min(u64::from(u32::MAX)) as u32, ordinal);
                        }
                        for number in [u64::from(ordinal - last), district, topics, weight] {
                            push_varint(&mut postings, number);
                        }
                        last = ordinal;
                        count += 1;
                    })?;
                    bad?;
                    let listed = variants.next().unwrap_or_default();
                    words.push(Word { word, variants: listed.split(' ').filter(|v| !v.is_empty()).map(str::to_owned).collect(), postings, count });
                }
                match need {
                    Need::Chunk(_) => self.chunks.insert(i, words),
                    _ => self.pair_chunks.insert(i, words),
                };
            }
            Need::District(number) | Need::DistrictBlock { district: number, .. } => {
                let entry = &self.manifest.districts[number - 1];
                let sealed = sealed_blocks(entry.count);
                let expected = match need {
                    Need::DistrictBlock { .. } => DISTRICT_BLOCK,
                    _ => entry.count - sealed * DISTRICT_BLOCK,
                };
                if wire.id != entry.id || wire.ordinals.len() != expected || wire.topics.len() != expected {
                    return Err(format!("it does not list the {expected} articles of {} it should", entry.id));
                }
                if need == Need::District(number) && wire.blocks.len() != sealed {
                    return Err(format!("it names {} older blocks, not {sealed}", wire.blocks.len()));
                }
                let mut ordinal = 0u64;
                let docs = wire
                    .ordinals
                    .iter()
                    .zip(wire.topics)
                    .map(|(delta, topics)| {
                        ordinal = ordinal.saturating_add(*delta);
                        Doc { ordinal: ordinal.min(u64::from(u32::MAX)) as u32, district: number as u32, topics }
                    })
                    .collect::<Vec<_>>();
                docs.iter().try_for_each(|doc| self.check_place(0, doc.ordinal))?;
                match need {
                    Need::DistrictBlock { block, .. } => drop(self.district_blocks.insert((number, block), docs)),
                    _ => drop(self.district_heads.insert(number, (wire.blocks, docs))),
                }
            }
            Need::Rows(k) => {
                self.check_segment(k, &wire.segment)?;
                let start = k * SEGMENT;
                let ordinals = (start..self.manifest.total.min(start + SEGMENT)).map(|o| o as u32).collect();
                self.take_rows(k, ordinals, &wire.district, &wire.topics)?;
            }
            Need::Totals(k) => {
                // Named by what it counts, not by its content: it says that name inside.
                if wire.segment != self.totals_name(k) {
                    return Err("it holds the totals of another place or version".into());
                }
                let cells = (self.manifest.districts.len() + 1) * (self.manifest.topics.len() + 1);
                let most = (k * SEGMENT).min(self.manifest.total) as u64;
                if wire.counts.len() != cells || wire.counts.iter().any(|&c| c > most) {
                    return Err("its counts are not one per district and topic and a total, each at most the articles before it".into());
                }
                self.totals.insert(k as u32, wire.counts);
            }
            Need::Cards { segment, block } => {
                self.check_segment(segment, &wire.segment)?;
                let first = (segment * SEGMENT + block * CARD_BLOCK) as u32;
                // A card's place is its position in the file: a file of another block size
                // would put cards at other articles' places.
                let expected = self.manifest.total.saturating_sub(first as usize).min(CARD_BLOCK);
                if wire.items.len() != expected {
                    return Err(format!("it holds {} cards, not {expected}", wire.items.len()));
                }
                let mut bad = Vec::new();
                for (i, raw) in wire.items.iter().enumerate() {
                    match json::read_all(raw, read_item).map_err(|e| e.to_string()).and_then(|item| validate(&item).map(|()| item)) {
                        Ok(item) => {
                            self.cards.insert(first + i as u32, item);
                        }
                        Err(why) => bad.push(format!("item {i}: {why}")),
                    }
                }
                self.card_blocks.insert((segment, block), ());
                if !bad.is_empty() {
                    self.failed.insert(self.path(need), format!("skipped {}", bad.join("; ")));
                }
            }
            Need::DistrictFeed(_) => {}
        }
        Ok(())
    }
}

impl Archive {
    /// A district's feed (mutable, not hashed): it must point to this very manifest and list
    /// the places of its items, or it belongs to another version of the archive.
    fn decode_district_feed(&mut self, number: usize, text: &str) -> Result<(), String> {
        let decoded = crate::feed::decode(text).map_err(|e| e.to_string())?;
        let id = self.manifest.districts[number - 1].id.clone();
        let Some(pointer) = decoded.archive.as_ref() else { return Err("a feed without its archive pointer (_bantin.archive)".into()) };
        if !pointer.archive.ends_with(&self.manifest_name) || pointer.total != self.manifest.total {
            return Err(format!("it belongs to another version of the archive ({}), not {}", pointer.archive, self.manifest_name));
        }
        let ordinals = pointer.ordinals.clone().unwrap_or_default();
        let counts_ok = pointer.topic_counts.as_ref().is_some_and(|c| c.len() == self.manifest.topics.len());
        if let Some(why) = &decoded.cut {
            return Err(format!("cut short ({why})"));
        }
        if !decoded.skipped.is_empty() || ordinals.len() != decoded.items.len() || !counts_ok {
            return Err("its items, their places (_bantin.ordinals) or its topic counts do not agree".into());
        }
        if decoded.items.iter().any(|item| item.bantin.district_id.as_deref() != Some(id.as_str())) {
            return Err(format!("it holds articles of another district than {id}"));
        }
        ordinals.iter().try_for_each(|&ordinal| self.check_place(0, ordinal))?;
        self.seed(&decoded.items, Some(&ordinals), Some(&id), pointer.topic_counts.as_deref());
        Ok(())
    }
}

/// A search chunk's keys with their postings, which must be as many.
fn keyed<'p, 't>(keys: Vec<String>, postings: &'p [&'t str]) -> Result<impl Iterator<Item = (String, &'t str)> + 'p, String> {
    if keys.len() != postings.len() {
        return Err("its word and postings lists differ in length".into());
    }
    Ok(keys.into_iter().zip(postings.iter().copied()))
}

/// Walk one key's postings, `[ordinal delta, district number, topic mask, weight]`
/// quadruples, with each one's ordinal, decoding as it goes: a common word's postings are
/// never all held as numbers at once.
// `dyn`: one copy in the shell for both dictionaries.
fn quadruples(raw: &str, each: &mut dyn FnMut(u32, [u64; 4])) -> Result<(), String> {
    let (mut quad, mut filled, mut ordinal) = ([0u64; 4], 0, 0u64);
    json::read_all(raw, |r| {
        r.array(&mut |r| {
            quad[filled] = r.integer(u64::MAX)?;
            filled += 1;
            if filled == 4 {
                filled = 0;
                ordinal = ordinal.saturating_add(quad[0]);
                each(ordinal.min(u64::from(u32::MAX)) as u32, quad);
            }
            Ok(())
        })
    })
    .map_err(|e| format!("its postings are not lists of numbers ({e})"))?;
    if filled != 0 {
        return Err("its postings are not [ordinal, district, topics, weight] quadruples".into());
    }
    Ok(())
}
