//! The values of one key: enumeration order, lookup by name, and cheap deletion.

use super::hive::RegValue;
use crate::world::NameIndex;

/// A key's values in the order they were first set (as Windows enumerates them).
///
/// Each value lives in a slot that never moves, under a stable id; `ids[i]` is the id at
/// enumeration index i (O(1)), the name index maps a name to its id (one hash per lookup),
/// and `pos[id]` is the id's index. Deleting shifts the later ids down (4 bytes each) and
/// fixes their `pos` entries with a plain loop, no hashing: emptying a key of 10k values one
/// by one costs tens of milliseconds (re-inserting each shifted name into the index, the first
/// design, took seconds).
#[derive(Clone, Debug, Default)]
pub(super) struct ValueList {
    slots: Vec<Option<RegValue>>,
    /// The id at each enumeration index.
    ids: Vec<u32>,
    /// The enumeration index of each live id.
    pos: Vec<u32>,
    /// Ids of deleted values, for reuse.
    free: Vec<u32>,
    index: NameIndex<u32>,
}

impl ValueList {
    /// The number of values.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The value at enumeration index `at`.
    pub(super) fn at(&self, at: usize) -> Option<&RegValue> {
        let id = *self.ids.get(at)?;
        self.slots[id as usize].as_ref()
    }

    /// The values in enumeration order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &RegValue> {
        self.ids.iter().filter_map(|&id| self.slots[id as usize].as_ref())
    }

    pub(super) fn get(&self, name: &str) -> Option<&RegValue> {
        self.index.get(name).and_then(|id| self.slots[id as usize].as_ref())
    }

    pub(super) fn get_mut(&mut self, name: &str) -> Option<&mut RegValue> {
        self.index.get(name).and_then(|id| self.slots[id as usize].as_mut())
    }

    /// Appends a value whose name is not present.
    pub(super) fn push(&mut self, value: RegValue) {
        let at = u32::try_from(self.ids.len()).expect("fewer than 2^32 values");
        let id = match self.free.pop() {
            Some(id) => id,
            None => {
                self.pos.push(0);
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).expect("fewer than 2^32 values")
            }
        };
        let added = self.index.insert(value.name(), id);
        debug_assert!(added, "push only absent names");
        self.pos[id as usize] = at;
        self.slots[id as usize] = Some(value);
        self.ids.push(id);
    }

    /// Removes the value `name`, if present.
    pub(super) fn remove(&mut self, name: &str) -> Option<RegValue> {
        let id = self.index.remove(name)?;
        let at = self.pos[id as usize] as usize;
        self.ids.remove(at);
        for &later in &self.ids[at..] {
            self.pos[later as usize] -= 1;
        }
        self.free.push(id);
        self.slots[id as usize].take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(name: &str) -> RegValue {
        RegValue::new(name, 0, Vec::new())
    }

    #[test]
    fn lookups_stay_right_across_deletes_and_reuse() {
        let mut list = ValueList::default();
        for n in ["a", "b", "c", "d"] {
            list.push(value(n));
        }
        assert_eq!(list.remove("B").unwrap().name(), "b");
        assert!(list.remove("b").is_none());
        list.push(value("e")); // reuses b's id
        let names: Vec<_> = list.iter().map(RegValue::name).collect();
        assert_eq!(list.len(), 4);
        assert_eq!(list.at(3).unwrap().name(), "e");
        assert_eq!(names, ["a", "c", "d", "e"]);
        for n in names {
            assert_eq!(list.get(&n.to_uppercase()).unwrap().name(), n);
        }
        list.remove("a");
        assert_eq!(list.get("E").unwrap().name(), "e");
        assert_eq!(list.get("c").unwrap().name(), "c");
    }
}
