//! Paths of the archive's files, relative to the manifest's directory (those beside
//! `feed.json` say so).

pub fn manifest(hash: &str) -> String {
    format!("manifest-{hash}.json")
}
pub fn segment_dir(k: usize, hash: &str) -> String {
    format!("seg/{k}-{hash}")
}
pub fn rows(k: usize, hash: &str, numbering: &str) -> String {
    format!("seg/{k}-{hash}/rows-{numbering}.json")
}
/// The totals of the articles before segment `k` (see [`super::totals_name`]).
pub fn totals(k: usize, name: &str) -> String {
    format!("totals/{k}-{name}.json")
}
/// Card file `block` of segment `k`. Its name says the block size: format 7's files of 8
/// cards under the same segment hash must never be taken for these.
pub fn cards(k: usize, hash: &str, block: usize) -> String {
    format!("seg/{k}-{hash}/cards/{}-{block}.json", super::CARD_BLOCK)
}
/// An article's whole item, relative to `feed.json` (not to the manifest), named by its
/// id alone so that a link to it (`?article=<id>`) is one fetch with nothing read first;
/// in 256 directories by the id's hash, so that none holds a million files.
pub fn article(id: &str) -> String {
    format!("articles/{:02x}/{id}.json", super::fnv1a(id.as_bytes()) as u8)
}
pub fn district(id: &str, hash: &str) -> String {
    format!("district/{id}-{hash}.json")
}
pub fn district_block(id: &str, block: usize, hash: &str) -> String {
    format!("district/{id}/{block}-{hash}.json")
}
/// A district's feed, relative to `feed.json` (CONTRACT §5), not to the manifest.
pub fn district_feed(id: &str) -> String {
    format!("districts/{id}.json")
}
pub fn search_dir(hash: &str) -> String {
    format!("search/dir-{hash}.json")
}
pub fn pair_dir(hash: &str) -> String {
    format!("search/pairs-{hash}.json")
}
/// Search chunk `i` of a generation: of the pairs' dictionary when `pairs`.
pub fn chunk(pairs: bool, generation: &str, i: usize) -> String {
    format!("search/{}-{generation}-{i}.json", if pairs { "pair" } else { "word" })
}
pub fn dense_dir(hash: &str) -> String {
    format!("search/dense-{hash}.json")
}
/// A dense prefix's bitmap. A folded word is letters and digits: a plain file name.
pub fn bits(generation: &str, prefix: &str) -> String {
    format!("search/bits-{generation}-{prefix}.json")
}
/// Slice `s` of a dense prefix's articles, in ordinal order: bit `o % 64` of word `o / 64`
/// is ordinal `s·SLICE_SEGMENTS·SEGMENT + o` ([`super::Bits`], named by
/// [`super::slice_name`]).
pub fn slice(prefix: &str, s: usize, name: &str) -> String {
    format!("search/slice-{prefix}-{s}-{name}.json")
}
/// The same slice with, for each of its articles in order, its district number and topic
/// mask ([`super::Places`]), in district numbers of `numbering`: what a dated search reads
/// for its rarest term, in place of every article's rows.
pub fn places(prefix: &str, s: usize, name: &str, numbering: &str) -> String {
    format!("search/places-{prefix}-{s}-{name}-{numbering}.json")
}
/// Tier `j` of a dense prefix's articles, best first ([`super::Tier`]), of a generation of
/// the dense bitmaps (group positions change with them).
pub fn tier(generation: &str, prefix: &str, j: usize) -> String {
    format!("search/tier-{generation}-{prefix}-{j}.json")
}
pub fn masks(hash: &str) -> String {
    format!("masks-{hash}.json")
}
