//! Case-insensitive object names and the index that finds an object by name or id.
//!
//! Cluster object names compare case-insensitively (the cluster database is a registry hive,
//! whose key names do; `reference/clusapi.md` §9 marks this unverified for the API itself, and
//! we choose it). Comparison upper-cases each character to one character, as Windows'
//! `RtlUpcaseUnicodeChar` does: a character whose Unicode upper case is several characters
//! (`ß` -> `SS`, `ŉ` -> `ʼN`) stays itself, so "straße" and "STRASSE" are different names.
//! Lookups hash without allocating, so a name lookup costs no heap traffic.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The upper case of `c` as names compare it: one character for one, like
/// `RtlUpcaseUnicodeChar`. The Unicode upper case when that is a single character, else `c`.
pub(crate) fn upcase(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Whether two names are equal ignoring case (see the module docs).
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars().map(upcase).eq(b.chars().map(upcase))
}

/// The map's keys are already hashes ([`NameIndex::hash`]): hashing them again would only
/// cost time.
#[derive(Clone, Copy, Debug, Default)]
struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64` keys are hashed; fold anything else in, to stay correct.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// The names that share one hash, with their values.
type Bucket<V> = Vec<(Box<str>, V)>;

/// An index from case-insensitive names to values, with no allocation on lookup.
///
/// Names hash with FNV-1a over their upper-cased characters and a final mix: fast on the short
/// names clusters have, and deterministic. (The inputs are a test's own object names, so the
/// flooding resistance of SipHash buys nothing here.)
#[derive(Clone, Debug)]
pub struct NameIndex<V> {
    buckets: HashMap<u64, Bucket<V>, BuildHasherDefault<KeyIsHash>>,
}

impl<V> Default for NameIndex<V> {
    fn default() -> Self {
        NameIndex { buckets: HashMap::default() }
    }
}

impl<V: Copy + PartialEq> NameIndex<V> {
    fn hash(name: &str) -> u64 {
        const PRIME: u64 = 0x0100_0000_01b3;
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        if name.is_ascii() {
            // The same values as the general path, without its per-character iterators.
            for b in name.bytes() {
                h = (h ^ u64::from(b.to_ascii_uppercase())).wrapping_mul(PRIME);
            }
        } else {
            for c in name.chars().map(upcase) {
                h = (h ^ u64::from(u32::from(c))).wrapping_mul(PRIME);
            }
        }
        // splitmix64's finaliser, so that the map's buckets see every bit.
        h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        h ^ (h >> 31)
    }

    /// The value stored under `name`, ignoring case.
    pub fn get(&self, name: &str) -> Option<V> {
        let bucket = self.buckets.get(&Self::hash(name))?;
        bucket.iter().find(|(n, _)| eq_ignore_case(n, name)).map(|&(_, v)| v)
    }

    /// Stores `value` under `name`. Returns false (and changes nothing) if the name is taken.
    pub fn insert(&mut self, name: &str, value: V) -> bool {
        if self.get(name).is_some() {
            return false;
        }
        let key = Self::hash(name);
        self.buckets.entry(key).or_default().push((name.into(), value));
        true
    }

    /// Removes `name`, if present.
    pub fn remove(&mut self, name: &str) -> Option<V> {
        let key = Self::hash(name);
        let bucket = self.buckets.get_mut(&key)?;
        let at = bucket.iter().position(|(n, _)| eq_ignore_case(n, name))?;
        let (_, v) = bucket.swap_remove(at);
        if bucket.is_empty() {
            self.buckets.remove(&key);
        }
        Some(v)
    }

    /// The number of names stored.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.buckets.values().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_ignore_case_including_non_ascii() {
        let mut idx = NameIndex::default();
        assert!(idx.insert("Cluster Group", 1));
        assert!(idx.insert("Ünïcode Grüppe", 2));
        assert_eq!(idx.get("CLUSTER GROUP"), Some(1));
        assert_eq!(idx.get("ünïcode grüppe"), Some(2));
        assert!(!idx.insert("cluster group", 3), "duplicates differ only in case");
        assert_eq!(idx.remove("cluster GROUP"), Some(1));
        assert_eq!(idx.get("Cluster Group"), None);
        assert_eq!(idx.len(), 1);
    }

    fn index_of(name: &str) -> NameIndex<u8> {
        let mut idx = NameIndex::default();
        idx.insert(name, 1);
        idx
    }

    /// `char::to_uppercase` maps `ß` to "SS", so "straße" used to match "STRASSE"; Windows
    /// upper-cases one character to one and leaves `ß` alone.
    #[test]
    fn case_folds_one_character_to_one_like_windows() {
        let distinct = [("straße", "STRASSE"), ("straße", "strasse"), ("ŉ", "ʼN"), ("ﬁ", "FI"), ("ǰ", "J̌")];
        for (a, b) in distinct {
            assert!(!eq_ignore_case(a, b), "{a} vs {b}");
            let idx = index_of(a);
            assert_eq!(idx.get(b), None, "{a} vs {b}: the index agrees");
        }
        let equal = [
            ("ÄÖÜ", "äöü"),
            ("ß", "ß"),
            ("straße", "STRAßE"),
            ("ΣΊΣΥΦΟΣ", "σίσυφος"),
            ("σίσυφοσ", "ΣΊΣΥΦΟΣ"),
            ("Ǆ", "ǆ"),
            ("ǅ", "Ǆ"),
            ("Ünïcode Grüppe", "ÜNÏCODE GRÜPPE"),
        ];
        for (a, b) in equal {
            assert!(eq_ignore_case(a, b), "{a} vs {b}");
            assert_eq!(index_of(a).get(b), Some(1), "{a} vs {b}: the index agrees");
        }
        assert_eq!(upcase('ß'), 'ß');
        assert_eq!(upcase('ς'), 'Σ', "final sigma upper-cases like sigma");
        assert_eq!("straße".chars().map(upcase).collect::<String>(), "STRAßE");
    }

    #[test]
    fn index_hash_agrees_with_one_to_one_comparison() {
        let mut idx = NameIndex::default();
        assert!(idx.insert("straße", 1));
        assert!(idx.insert("STRASSE", 2), "a different name");
        assert!(idx.insert("Σίσυφος", 3));
        assert_eq!(idx.get("STRAßE"), Some(1));
        assert_eq!(idx.get("strasse"), Some(2));
        assert_eq!(idx.get("σίσυφοσ"), Some(3));
        assert_eq!(idx.get("ΣΊΣΥΦΟΣ"), Some(3));
        assert!(!idx.insert("ΣΊΣΥΦΟς", 4));
        assert_eq!(idx.remove("STRAßE"), Some(1));
        assert_eq!(idx.len(), 2);
    }
}
