//! Small sorts for everything the browser runs: one heapsort, and a radix sort for ranked
//! results (the one sort big enough to matter for speed).
//!
//! The standard library's sorts are fast but large: each element type and comparator gets its
//! own copy of driftsort or ipnsort (2–4 KB of wasm each), and the reader sorts a dozen kinds of
//! things. This heapsort is a few hundred bytes per use, O(n log n) and allocation-free; it is
//! not stable, so callers give total orders (ties broken by position or id).

use std::cmp::Ordering;

/// Sort `items` by `compare` (unstable).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut sift = |items: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && compare(&items[child], &items[child + 1]) == Ordering::Less {
            child += 1;
        }
        if compare(&items[root], &items[child]) != Ordering::Less {
            break;
        }
        items.swap(root, child);
        root = child;
    };
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift(items, start, len);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift(items, 0, end);
    }
}

/// Per key, whether it is the first occurrence of its value: what a `HashSet` of seen keys
/// would say, without std's hashing (~3 KB of wasm).
pub fn firsts(keys: &[&str]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    sort_by(&mut order, |&a, &b| keys[a].cmp(keys[b]).then(a.cmp(&b)));
    let mut first = vec![true; keys.len()];
    for pair in order.windows(2) {
        if keys[pair[0]] == keys[pair[1]] {
            first[pair[1]] = false;
        }
    }
    first
}

/// Sort `items` in their natural order (unstable).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Orders `items` by `key` descending, keeping the given order among equal keys (stable):
/// how ranked results are ordered, with recency (their order as given) breaking ties.
///
/// An LSD radix sort, 11 bits a pass, the second word first. One read of the keys counts
/// every digit; a pass where every key has the same digit is skipped, so small tiers and a
/// score's constant exponent cost nothing. A one-letter search at 100,000 articles ranks
/// ~100,000 results; with this instead of the heapsort it went from ~35 to ~10 ms natively
/// (`examples/profile_search.rs`).
pub fn radix_descending(items: &mut Vec<([u64; 2], u32)>) {
    const BITS: usize = 11;
    const BUCKETS: usize = 1 << BITS;
    const DIGITS: usize = 64usize.div_ceil(BITS);
    // Descending: the digit's complement is the bucket.
    let bucket = |item: &([u64; 2], u32), pass: usize| {
        let (word, shift) = (1 - pass / DIGITS, pass % DIGITS * BITS);
        BUCKETS - 1 - ((item.0[word] >> shift) as usize & (BUCKETS - 1))
    };
    let mut counts = vec![0usize; 2 * DIGITS * BUCKETS];
    for item in items.iter() {
        for pass in 0..2 * DIGITS {
            counts[pass * BUCKETS + bucket(item, pass)] += 1;
        }
    }
    let mut scratch = items.clone();
    for (pass, counts) in counts.chunks_mut(BUCKETS).enumerate() {
        if counts.iter().any(|&c| c == items.len()) {
            continue;
        }
        let mut next = 0;
        for count in counts.iter_mut() {
            (*count, next) = (next, next + *count);
        }
        for item in items.iter() {
            let at = &mut counts[bucket(item, pass)];
            scratch[*at] = *item;
            *at += 1;
        }
        std::mem::swap(items, &mut scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library() {
        let mut seed = 12345u64;
        for len in [0, 1, 2, 3, 7, 100, 1000] {
            let mut values: Vec<u64> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    seed >> 54
                })
                .collect();
            let mut expected = values.clone();
            expected.sort();
            sort(&mut values);
            assert_eq!(values, expected);
            sort_by(&mut values, |a, b| b.cmp(a));
            expected.reverse();
            assert_eq!(values, expected);
        }
        assert_eq!(firsts(&["b", "a", "b", "c", "a", "b"]), [true, true, false, true, false, false]);
    }

    #[test]
    fn radix_orders_descending_and_keeps_ties_in_place() {
        let mut seed = 99u64;
        for len in [0, 1, 2, 50, 5000] {
            let mut items: Vec<([u64; 2], u32)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    // Few distinct tiers, scores spread over every bit (and many ties).
                    ([seed >> 62, (seed >> 20) % 97 * 0x0123_4567_89ab_cdef], i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            radix_descending(&mut items);
            assert_eq!(items, expected);
        }
    }
}
