//! A sorted-vector map for the archive reader (see [`Map`]).

use std::borrow::Borrow;

/// A map as a sorted vector: lookups by binary search. The browser downloads this code, and
/// a sorted `Vec` costs a fraction of `HashMap`'s and `BTreeMap`'s wasm; the maps here hold
/// at most thousands of entries.
#[derive(Debug, Clone)]
pub(super) struct Map<K, V>(Vec<(K, V)>);

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<K: Ord, V> Map<K, V> {
    pub(super) fn from_unsorted(mut entries: Vec<(K, V)>) -> Self {
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        entries.dedup_by(|a, b| a.0 == b.0);
        Map(entries)
    }
    pub(super) fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }
    pub(super) fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|at| &self.0[at].1)
    }
    pub(super) fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    pub(super) fn insert(&mut self, key: K, value: V) {
        match self.find(&key) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (key, value)),
        }
    }
}

