//! Case-insensitive object names and the index that finds an object by name or id.
//!
//! Cluster object names compare case-insensitively (the cluster database is a registry hive,
//! whose key names do; `reference/clusapi.md` §9 marks this unverified for the API itself, and
//! we choose it). Comparison upper-cases each character, as Windows' `RtlUpcaseUnicodeChar`
//! does. Lookups hash without allocating, so a name lookup costs no heap traffic.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};

/// Whether two names are equal ignoring case.
pub fn eq_ignore_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars().flat_map(char::to_uppercase).eq(b.chars().flat_map(char::to_uppercase))
}

/// An index from case-insensitive names to values, with no allocation on lookup.
#[derive(Clone, Debug)]
pub struct NameIndex<V> {
    hasher: RandomState,
    buckets: HashMap<u64, Vec<(Box<str>, V)>>,
}

impl<V> Default for NameIndex<V> {
    fn default() -> Self {
        NameIndex { hasher: RandomState::new(), buckets: HashMap::new() }
    }
}

impl<V: Copy + PartialEq> NameIndex<V> {
    fn hash(&self, name: &str) -> u64 {
        let mut h = self.hasher.build_hasher();
        if name.is_ascii() {
            // The same values as the general path, without its per-character iterators.
            for b in name.bytes() {
                h.write_u32(u32::from(b.to_ascii_uppercase()));
            }
        } else {
            for c in name.chars().flat_map(char::to_uppercase) {
                h.write_u32(c as u32);
            }
        }
        h.finish()
    }

    /// The value stored under `name`, ignoring case.
    pub fn get(&self, name: &str) -> Option<V> {
        let bucket = self.buckets.get(&self.hash(name))?;
        bucket.iter().find(|(n, _)| eq_ignore_case(n, name)).map(|&(_, v)| v)
    }

    /// Stores `value` under `name`. Returns false (and changes nothing) if the name is taken.
    pub fn insert(&mut self, name: &str, value: V) -> bool {
        if self.get(name).is_some() {
            return false;
        }
        let key = self.hash(name);
        self.buckets.entry(key).or_default().push((name.into(), value));
        true
    }

    /// Removes `name`, if present.
    pub fn remove(&mut self, name: &str) -> Option<V> {
        let key = self.hash(name);
        let bucket = self.buckets.get_mut(&key)?;
        let at = bucket.iter().position(|(n, _)| eq_ignore_case(n, name))?;
        let (_, v) = bucket.swap_remove(at);
        if bucket.is_empty() {
            self.buckets.remove(&key);
        }
        Some(v)
    }

    /// The number of names stored.
    pub fn len(&self) -> usize {
        self.buckets.values().map(Vec::len).sum()
    }

    /// Whether no names are stored.
    pub fn is_empty(&self) -> bool {
        self.buckets.is_empty()
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
}
