//! The tree of keys, their values and their identities.

use std::collections::HashMap;

use super::path::{check_value_name, cmp_folded, components, fold, utf16_len};
use super::security;
use super::values::ValueList;
use crate::codes;
use crate::error::{Error, Result};

const KEY_DELETED: Error = Error::new(codes::ERROR_KEY_DELETED);
const FILE_NOT_FOUND: Error = Error::new(codes::ERROR_FILE_NOT_FOUND);
const NO_MORE_ITEMS: Error = Error::new(codes::ERROR_NO_MORE_ITEMS);

/// The identity of one key: a slot and the slot's generation.
///
/// Stays valid while the key exists; once it is deleted every call with this id fails with
/// `ERROR_KEY_DELETED (1018)`, also after the slot holds a newer key (the generation differs).
/// A slot whose generation would wrap is retired, so an id is never reused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId {
    index: u32,
    generation: u32,
}

impl KeyId {
    /// The id as one number (generation in the high half), for a handle table.
    pub const fn to_bits(self) -> u64 {
        ((self.generation as u64) << 32) | self.index as u64
    }

    /// The id that [`to_bits`](Self::to_bits) gave `bits`. Any number is accepted; one that
    /// names no live key fails on use with `ERROR_KEY_DELETED`.
    pub const fn from_bits(bits: u64) -> KeyId {
        KeyId { index: bits as u32, generation: (bits >> 32) as u32 }
    }
}

/// One value of a key: its name as created (`""` is the default value), type and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegValue {
    name: Box<str>,
    kind: u32,
    data: Vec<u8>,
}

impl RegValue {
    pub(crate) fn new(name: &str, kind: u32, data: Vec<u8>) -> RegValue {
        RegValue { name: name.into(), kind, data }
    }

    /// The name, with the case it was first set with.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The type (`REG_SZ`, `REG_DWORD`, ...; any number is kept as given).
    pub fn kind(&self) -> u32 {
        self.kind
    }

    /// The data, exactly the bytes that were set (strings include their NULs).
    pub fn data(&self) -> &[u8] {
        &self.data
    }
}

/// What `create_key` did (`lpdwDisposition`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// The key did not exist and was created.
    CreatedNew,
    /// The key existed and was opened.
    OpenedExisting,
}

impl Disposition {
    /// The Win32 value: `REG_CREATED_NEW_KEY (1)` or `REG_OPENED_EXISTING_KEY (2)`.
    pub const fn code(self) -> u32 {
        match self {
            Disposition::CreatedNew => super::REG_CREATED_NEW_KEY,
            Disposition::OpenedExisting => super::REG_OPENED_EXISTING_KEY,
        }
    }
}

/// One subkey as [`Hive::enum_key`] reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subkey<'a> {
    /// Its id.
    pub id: KeyId,
    /// Its name, as created.
    pub name: &'a str,
    /// Its last-write time.
    pub last_write: u64,
}

/// What `ClusterRegQueryInfoKey` reports. Lengths of names are in UTF-16 units without the
/// NUL (the `lpcch*` convention); data lengths in bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyInfo {
    /// The number of subkeys.
    pub subkeys: u32,
    /// The longest subkey name.
    pub max_subkey_name_len: u32,
    /// The number of values.
    pub values: u32,
    /// The longest value name.
    pub max_value_name_len: u32,
    /// The largest value data, in bytes.
    pub max_value_data_len: u32,
    /// The size of the key's security descriptor, in bytes.
    pub security_descriptor_len: u32,
    /// The key's last-write time.
    pub last_write: u64,
}

/// One change to the hive, for the notifications the layer above posts. Paths are from the
/// hive's root (`Resources\r1`; the root itself is `""`), with the names' stored case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegChange {
    /// A key was created (one change per key, parents first).
    KeyCreated {
        /// The new key.
        key: KeyId,
        /// Its path.
        path: String,
    },
    /// A key was deleted (a subtree: one change per key, descendants before their parents).
    KeyDeleted {
        /// The key, now stale.
        key: KeyId,
        /// Its path.
        path: String,
    },
    /// A value was created or replaced.
    ValueSet {
        /// The key holding it.
        key: KeyId,
        /// The key's path.
        path: String,
        /// The value's name as stored.
        name: String,
        /// Its type.
        kind: u32,
        /// Its data.
        data: Vec<u8>,
    },
    /// A value was deleted.
    ValueDeleted {
        /// The key that held it.
        key: KeyId,
        /// The key's path.
        path: String,
        /// The value's name as it was stored.
        name: String,
    },
    /// A key's security descriptor was replaced.
    SecuritySet {
        /// The key.
        key: KeyId,
        /// Its path.
        path: String,
    },
}

#[derive(Clone, Debug)]
struct Key {
    /// As created; the root's is `""`.
    name: Box<str>,
    parent: Option<KeyId>,
    /// Sorted by the folded name: binary search to find, an index to enumerate. (Windows
    /// keeps subkeys sorted too; the docs leave the order undefined.)
    subkeys: Vec<(Box<str>, KeyId)>,
    /// In insertion order, as Windows enumerates them; deleting shifts the later ones down.
    values: ValueList,
    last_write: u64,
    security: Vec<u8>,
}

impl Key {
    fn new(name: &str, parent: Option<KeyId>, now: u64, security: Vec<u8>) -> Key {
        Key {
            name: name.into(),
            parent,
            subkeys: Vec::new(),
            values: ValueList::default(),
            last_write: now,
            security,
        }
    }

    fn find_subkey(&self, name: &str) -> std::result::Result<usize, usize> {
        self.subkeys.binary_search_by(|(folded, _)| cmp_folded(folded, name))
    }

    fn subkey(&self, name: &str) -> Option<KeyId> {
        self.find_subkey(name).ok().map(|i| self.subkeys[i].1)
    }
}

#[derive(Clone, Debug)]
struct Slot {
    generation: u32,
    key: Option<Key>,
}

/// The undo record of a batch in progress: each slot as it was before the batch first
/// touched it, and what happened to the free list.
#[derive(Clone, Debug, Default)]
struct Journal {
    saved: HashMap<u32, Slot>,
    slots_len: usize,
    /// Slots taken from the free list, in order.
    popped: Vec<u32>,
    /// Slots freed by the batch; they join the free list only when it commits.
    freed: Vec<u32>,
}

/// A cluster registry hive: a tree of keys under one root.
///
/// Every call names its key by [`KeyId`] and fails with `ERROR_KEY_DELETED (1018)` when that
/// key no longer exists (checked before the other arguments). Mutating calls take `now`, the
/// caller's virtual clock (a FILETIME-like tick), for last-write times, and append what they
/// changed to `changes`.
///
/// # Overlaying object keys
///
/// The hive holds plain keys only. A layer that projects other data as keys (stage 2: the
/// common properties of `Resources\<id>` as its values, private ones under `Parameters`)
/// can walk a path one component at a time with [`subkey`](Self::subkey) and take over at
/// the first component it owns, and can use [`enum_key`](Self::enum_key) plus its own
/// entries to list a mixed key.
#[derive(Clone, Debug)]
pub struct Hive {
    slots: Vec<Slot>,
    free: Vec<u32>,
    root: KeyId,
    journal: Option<Journal>,
}

impl Hive {
    /// A hive with an empty root key, last written at `now`, with
    /// [`default_key_security`](security::default_key_security).
    pub fn new(now: u64) -> Hive {
        let root = Key::new("", None, now, security::default_key_security());
        Hive {
            slots: vec![Slot { generation: 0, key: Some(root) }],
            free: Vec::new(),
            root: KeyId { index: 0, generation: 0 },
            journal: None,
        }
    }

    /// The root key (`GetClusterKey`). It cannot be deleted.
    pub fn root(&self) -> KeyId {
        self.root
    }

    /// Whether `key` names a live key.
    pub fn contains(&self, key: KeyId) -> bool {
        self.key(key).is_ok()
    }

    /// The number of live keys, the root included (a scan of the slots: for tests).
    pub fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.key.is_some()).count()
    }

    /// Always false: the root always exists.
    pub fn is_empty(&self) -> bool {
        false
    }

    fn key(&self, id: KeyId) -> Result<&Key> {
        self.slots
            .get(id.index as usize)
            .filter(|s| s.generation == id.generation)
            .and_then(|s| s.key.as_ref())
            .ok_or(KEY_DELETED)
    }

    fn key_mut(&mut self, id: KeyId) -> Result<&mut Key> {
        self.key(id)?;
        self.touch(id.index);
        Ok(self.slots[id.index as usize].key.as_mut().expect("checked above"))
    }

    /// Saves the slot's state for the batch in progress, the first time it is touched.
    fn touch(&mut self, index: u32) {
        if let Some(j) = &mut self.journal {
            if (index as usize) < j.slots_len && !j.saved.contains_key(&index) {
                j.saved.insert(index, self.slots[index as usize].clone());
            }
        }
    }

    fn alloc(&mut self, key: Key) -> KeyId {
        if let Some(index) = self.free.pop() {
            if let Some(j) = &mut self.journal {
                j.popped.push(index);
            }
            self.touch(index);
            let slot = &mut self.slots[index as usize];
            slot.key = Some(key);
            KeyId { index, generation: slot.generation }
        } else {
            let index = u32::try_from(self.slots.len()).expect("fewer than 2^32 keys");
            self.slots.push(Slot { generation: 0, key: Some(key) });
            KeyId { index, generation: 0 }
        }
    }

    fn release(&mut self, id: KeyId) {
        self.touch(id.index);
        let slot = &mut self.slots[id.index as usize];
        slot.key = None;
        if slot.generation == u32::MAX {
            return; // retired: its ids could otherwise come back
        }
        slot.generation += 1;
        match &mut self.journal {
            Some(j) => j.freed.push(id.index),
            None => self.free.push(id.index),
        }
    }

    /// Starts recording for [`rollback`](Self::rollback).
    pub(crate) fn begin(&mut self) {
        debug_assert!(self.journal.is_none(), "batches do not nest");
        self.journal = Some(Journal { slots_len: self.slots.len(), ..Journal::default() });
    }

    /// Keeps what was done since [`begin`](Self::begin).
    pub(crate) fn commit(&mut self) {
        let j = self.journal.take().expect("begin first");
        self.free.extend(j.freed);
    }

    /// Undoes everything since [`begin`](Self::begin): the hive is as it was, ids included.
    pub(crate) fn rollback(&mut self) {
        let j = self.journal.take().expect("begin first");
        self.slots.truncate(j.slots_len);
        for (index, slot) in j.saved {
            self.slots[index as usize] = slot;
        }
        self.free.extend(j.popped.into_iter().rev());
    }

    /// The key's name as created (`""` for the root).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn name(&self, key: KeyId) -> Result<&str> {
        Ok(&self.key(key)?.name)
    }

    /// The key's parent; `None` for the root.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn parent(&self, key: KeyId) -> Result<Option<KeyId>> {
        Ok(self.key(key)?.parent)
    }

    /// The key's path from the root, names joined by `\` (`""` for the root).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn path(&self, key: KeyId) -> Result<String> {
        let mut names = Vec::new();
        let mut at = self.key(key)?;
        while let Some(parent) = at.parent {
            names.push(&*at.name);
            at = self.key(parent).expect("a live key's parent is live");
        }
        names.reverse();
        Ok(names.join("\\"))
    }

    /// The key's last-write time.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn last_write(&self, key: KeyId) -> Result<u64> {
        Ok(self.key(key)?.last_write)
    }

    /// The direct subkey of `key` called `name` (ignoring case), if any: one step of a path.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn subkey(&self, key: KeyId, name: &str) -> Result<Option<KeyId>> {
        Ok(self.key(key)?.subkey(name))
    }

    fn resolve(&self, base: KeyId, parts: &[&str]) -> Result<KeyId> {
        let mut at = base;
        for part in parts {
            at = self.key(at)?.subkey(part).ok_or(FILE_NOT_FOUND)?;
        }
        Ok(at)
    }

    /// The key at `path` below `base` (`ClusterRegOpenKey`; CMRP 3.1.4.2.31). `""` is `base`
    /// itself (the export hands out a new handle to it).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)` for a deleted `base`; `ERROR_INVALID_PARAMETER (87)` for a
    /// malformed path (a leading `\`, and by choice an empty component or a name over 255
    /// units); `ERROR_FILE_NOT_FOUND (2)` if a component does not exist (§D.2).
    pub fn open_key(&self, base: KeyId, path: &str) -> Result<KeyId> {
        self.key(base)?;
        self.resolve(base, &components(path)?)
    }

    /// Creates the key at `path` below `base`, with every missing key on the way, or opens it
    /// (`ClusterRegCreateKey`; CMRP 3.1.4.2.30). `""` opens `base`.
    ///
    /// A new key's last-write time is `now`, and so becomes its parent's (its subkey list
    /// changed). Its security descriptor is a copy of its parent's (a **choice** standing in
    /// for ACE inheritance; with the default descriptor, whose ACEs all inherit, it is the
    /// same).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_INVALID_PARAMETER (87)` for a malformed path, as for
    /// [`open_key`](Self::open_key).
    pub fn create_key(
        &mut self,
        base: KeyId,
        path: &str,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<(KeyId, Disposition)> {
        self.key(base)?;
        let parts = components(path)?;
        let mut at = base;
        let mut disposition = Disposition::OpenedExisting;
        for part in parts {
            at = match self.key(at)?.subkey(part) {
                Some(child) => child,
                None => {
                    disposition = Disposition::CreatedNew;
                    self.add_child(at, part, now, changes)?
                }
            };
        }
        Ok((at, disposition))
    }

    fn add_child(
        &mut self,
        parent: KeyId,
        name: &str,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<KeyId> {
        let security = self.key(parent)?.security.clone();
        let id = self.alloc(Key::new(name, Some(parent), now, security));
        let p = self.key_mut(parent)?;
        let at = p.find_subkey(name).expect_err("checked absent");
        p.subkeys.insert(at, (fold(name), id));
        p.last_write = now;
        changes.push(RegChange::KeyCreated { key: id, path: self.path(id)? });
        Ok(id)
    }

    /// Deletes the key at `path` below `base`, which must have no subkeys
    /// (`ClusterRegDeleteKey`; CMRP 3.1.4.2.36). Its values go with it; its id goes stale.
    /// The parent's last-write time becomes `now`.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_INVALID_PARAMETER (87)` for a malformed path and,
    /// a **choice**, for `""` (a key cannot delete itself through this call);
    /// `ERROR_FILE_NOT_FOUND (2)` if the key does not exist; `ERROR_ACCESS_DENIED (5)` if it
    /// has subkeys (CMRP ApiDeleteKey).
    pub fn delete_key(
        &mut self,
        base: KeyId,
        path: &str,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        let target = self.deletable(base, path)?;
        if !self.key(target)?.subkeys.is_empty() {
            return Err(Error::new(codes::ERROR_ACCESS_DENIED));
        }
        self.remove_subtree(target, now, changes)
    }

    /// Deletes the key at `path` below `base` with all its subkeys (what a batch's
    /// `CLUSREG_DELETE_KEY` does, §D.3). Every deleted key's id goes stale.
    ///
    /// # Errors
    ///
    /// As [`delete_key`](Self::delete_key), except that subkeys are no error.
    pub fn delete_tree(
        &mut self,
        base: KeyId,
        path: &str,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        let target = self.deletable(base, path)?;
        self.remove_subtree(target, now, changes)
    }

    fn deletable(&self, base: KeyId, path: &str) -> Result<KeyId> {
        self.key(base)?;
        let parts = components(path)?;
        if parts.is_empty() {
            return Err(Error::INVALID_PARAMETER);
        }
        self.resolve(base, &parts)
    }

    fn remove_subtree(&mut self, target: KeyId, now: u64, changes: &mut Vec<RegChange>) -> Result<()> {
        // Pre-order with paths; reversed, every key comes after its descendants.
        let mut order = Vec::new();
        let mut stack = vec![(target, self.path(target)?)];
        while let Some((id, path)) = stack.pop() {
            for (_, child) in &self.key(id)?.subkeys {
                let child_path = format!("{path}\\{}", self.key(*child)?.name);
                stack.push((*child, child_path));
            }
            order.push((id, path));
        }
        let key = self.key(target)?;
        let parent = key.parent.expect("paths never reach the root");
        let name = key.name.clone();
        let p = self.key_mut(parent)?;
        let at = p.find_subkey(&name).expect("a key is listed in its parent");
        p.subkeys.remove(at);
        p.last_write = now;
        for (id, path) in order.into_iter().rev() {
            self.release(id);
            changes.push(RegChange::KeyDeleted { key: id, path });
        }
        Ok(())
    }

    /// Creates or replaces the value `name` of `key` (`ClusterRegSetValue`; CMRP
    /// 3.1.4.2.33). A replaced value keeps its name's case and its place in the enumeration
    /// order. The key's last-write time becomes `now`.
    ///
    /// Any type number and any size are stored as given, a **choice** that follows the Windows
    /// registry, which does not check data against the type (a 2-byte `REG_DWORD` is stored;
    /// readers see it as malformed). The export decides nothing either: `cbData` bytes are the
    /// value.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_INVALID_PARAMETER (87)` for a name over 16,383
    /// units (a choice).
    pub fn set_value(
        &mut self,
        key: KeyId,
        name: &str,
        kind: u32,
        data: &[u8],
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        self.key(key)?;
        check_value_name(name)?;
        let k = self.key_mut(key)?;
        let stored = match k.values.get_mut(name) {
            Some(v) => {
                v.kind = kind;
                v.data = data.to_vec();
                v.name.to_string()
            }
            None => {
                k.values.push(RegValue::new(name, kind, data.to_vec()));
                name.to_string()
            }
        };
        k.last_write = now;
        changes.push(RegChange::ValueSet {
            key,
            path: self.path(key)?,
            name: stored,
            kind,
            data: data.to_vec(),
        });
        Ok(())
    }

    /// The value `name` of `key` (`ClusterRegQueryValue`; `""` is the default value). The
    /// export applies the size protocol to [`RegValue::data`].
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_FILE_NOT_FOUND (2)` if there is no such value (§D.2).
    pub fn query_value(&self, key: KeyId, name: &str) -> Result<&RegValue> {
        self.key(key)?.values.get(name).ok_or(FILE_NOT_FOUND)
    }

    /// Deletes the value `name` of `key` (`ClusterRegDeleteValue`). The later values move
    /// down one index. The key's last-write time becomes `now`.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_FILE_NOT_FOUND (2)` if there is no such value.
    pub fn delete_value(
        &mut self,
        key: KeyId,
        name: &str,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        self.key(key)?.values.get(name).ok_or(FILE_NOT_FOUND)?;
        let k = self.key_mut(key)?;
        let removed = k.values.remove(name).expect("checked present");
        k.last_write = now;
        changes.push(RegChange::ValueDeleted { key, path: self.path(key)?, name: removed.name.into() });
        Ok(())
    }

    /// The subkey at `index` (`ClusterRegEnumKey`): O(1). Subkeys are in the order of their
    /// upper-cased names (the docs leave the order undefined; Windows sorts too).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_NO_MORE_ITEMS (259)` past the end.
    pub fn enum_key(&self, key: KeyId, index: u32) -> Result<Subkey<'_>> {
        let &(_, id) = self.key(key)?.subkeys.get(index as usize).ok_or(NO_MORE_ITEMS)?;
        let child = self.key(id).expect("subkeys are live");
        Ok(Subkey { id, name: &child.name, last_write: child.last_write })
    }

    /// The value at `index` (`ClusterRegEnumValue`): O(1), in the order the values were
    /// first set.
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_NO_MORE_ITEMS (259)` past the end.
    pub fn enum_value(&self, key: KeyId, index: u32) -> Result<&RegValue> {
        self.key(key)?.values.at(index as usize).ok_or(NO_MORE_ITEMS)
    }

    /// Counts and maximum sizes (`ClusterRegQueryInfoKey`), computed exactly from what the
    /// key holds now: O(subkeys + values).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn query_info(&self, key: KeyId) -> Result<KeyInfo> {
        let k = self.key(key)?;
        let values = &k.values;
        let len32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let max_subkey = k.subkeys.iter().map(|(_, id)| utf16_len(&self.key(*id).expect("live").name)).max();
        Ok(KeyInfo {
            subkeys: len32(k.subkeys.len()),
            max_subkey_name_len: len32(max_subkey.unwrap_or(0)),
            values: len32(values.len()),
            max_value_name_len: len32(values.iter().map(|v| utf16_len(&v.name)).max().unwrap_or(0)),
            max_value_data_len: len32(values.iter().map(|v| v.data.len()).max().unwrap_or(0)),
            security_descriptor_len: len32(k.security.len()),
            last_write: k.last_write,
        })
    }

    /// The parts of the key's security descriptor that `info` (`SECURITY_INFORMATION`) asks
    /// for, self-relative (`ClusterRegGetKeySecurity`); see [`security::select`].
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`.
    pub fn get_security(&self, key: KeyId, info: u32) -> Result<Vec<u8>> {
        security::select(&self.key(key)?.security, info)
    }

    /// Replaces the parts of the key's security descriptor that `info` names with those of
    /// `descriptor`, a self-relative one (`ClusterRegSetKeySecurity`; see [`security::merge`]).
    /// The last-write time is left alone (a choice: it tracks names, values and subkeys).
    ///
    /// # Errors
    ///
    /// `ERROR_KEY_DELETED (1018)`; `ERROR_INVALID_SECURITY_DESCR (1338)` for a malformed
    /// descriptor.
    pub fn set_security(
        &mut self,
        key: KeyId,
        info: u32,
        descriptor: &[u8],
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        let merged = security::merge(&self.key(key)?.security, info, descriptor)?;
        self.key_mut(key)?.security = merged;
        changes.push(RegChange::SecuritySet { key, path: self.path(key)? });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{REG_BINARY, REG_DWORD, REG_SZ};
    use super::*;

    fn code<T: std::fmt::Debug>(r: Result<T>) -> u32 {
        r.unwrap_err().code()
    }

    #[test]
    fn open_and_create_follow_the_documented_rules() {
        let mut hive = Hive::new(1);
        let mut ch = Vec::new();
        let root = hive.root();
        let (c, how) = hive.create_key(root, r"A\b\C", 5, &mut ch).unwrap();
        assert_eq!(how, Disposition::CreatedNew);
        assert_eq!(ch.len(), 3);
        assert_eq!(hive.path(c).unwrap(), r"A\b\C");
        assert_eq!(hive.create_key(root, r"a\B\c", 6, &mut ch).unwrap(), (c, Disposition::OpenedExisting));
        assert_eq!(hive.create_key(c, "", 6, &mut ch).unwrap(), (c, Disposition::OpenedExisting));
        assert_eq!(ch.len(), 3, "opening changes nothing");
        assert_eq!(hive.open_key(root, r"a\b\c").unwrap(), c);
        assert_eq!(hive.open_key(c, "").unwrap(), c);
        assert_eq!(code(hive.open_key(root, r"a\x")), codes::ERROR_FILE_NOT_FOUND);
        assert_eq!(code(hive.open_key(root, r"\a")), codes::ERROR_INVALID_PARAMETER);
        assert_eq!(hive.last_write(hive.open_key(root, "a").unwrap()).unwrap(), 5);
        assert_eq!(hive.name(c).unwrap(), "C");
    }

    #[test]
    fn deleted_keys_go_stale_and_recreated_ones_are_new() {
        let mut hive = Hive::new(0);
        let mut ch = Vec::new();
        let root = hive.root();
        let (a, _) = hive.create_key(root, "a", 1, &mut ch).unwrap();
        let (b, _) = hive.create_key(a, "b", 1, &mut ch).unwrap();
        assert_eq!(code(hive.delete_key(root, "a", 2, &mut ch)), codes::ERROR_ACCESS_DENIED);
        assert_eq!(code(hive.delete_key(root, "", 2, &mut ch)), codes::ERROR_INVALID_PARAMETER);
        assert_eq!(code(hive.delete_key(root, "zz", 2, &mut ch)), codes::ERROR_FILE_NOT_FOUND);
        hive.delete_key(a, "B", 2, &mut ch).unwrap();
        assert_eq!(code(hive.query_info(b)), codes::ERROR_KEY_DELETED);
        let (b2, how) = hive.create_key(a, "b", 3, &mut ch).unwrap();
        assert_eq!(how, Disposition::CreatedNew);
        assert_ne!(b, b2, "the slot is reused with a new generation");
        assert_eq!(code(hive.name(b)), codes::ERROR_KEY_DELETED);
        assert_eq!(KeyId::from_bits(b2.to_bits()), b2);
        hive.delete_tree(root, "a", 4, &mut ch).unwrap();
        assert!(!hive.contains(a) && !hive.contains(b2));
        assert_eq!(hive.len(), 1);
        let deleted: Vec<_> = ch.iter().rev().take(2).cloned().collect();
        assert_eq!(
            deleted,
            [
                RegChange::KeyDeleted { key: a, path: "a".into() },
                RegChange::KeyDeleted { key: b2, path: r"a\b".into() }
            ]
        );
        assert_eq!(hive.last_write(root).unwrap(), 4);
    }

    #[test]
    fn values_keep_their_case_and_order() {
        let mut hive = Hive::new(0);
        let mut ch = Vec::new();
        let k = hive.root();
        hive.set_value(k, "Name", REG_SZ, &[b'x', 0, 0, 0], 1, &mut ch).unwrap();
        hive.set_value(k, "", REG_BINARY, &[1, 2, 3], 2, &mut ch).unwrap();
        hive.set_value(k, "Size", REG_DWORD, &[1, 0], 3, &mut ch).unwrap(); // any size (choice)
        hive.set_value(k, "NAME", REG_DWORD, &5u32.to_le_bytes(), 4, &mut ch).unwrap();
        let v = hive.query_value(k, "name").unwrap();
        assert_eq!((v.name(), v.kind(), v.data()), ("Name", REG_DWORD, &5u32.to_le_bytes()[..]));
        assert_eq!(hive.enum_value(k, 0).unwrap().name(), "Name");
        assert_eq!(hive.enum_value(k, 1).unwrap().name(), "");
        assert_eq!(code(hive.enum_value(k, 3)), codes::ERROR_NO_MORE_ITEMS);
        hive.delete_value(k, "", 5, &mut ch).unwrap();
        assert_eq!(hive.enum_value(k, 1).unwrap().name(), "Size");
        assert_eq!(hive.query_value(k, "SIZE").unwrap().data(), &[1, 0]);
        assert_eq!(code(hive.delete_value(k, "", 6, &mut ch)), codes::ERROR_FILE_NOT_FOUND);
        assert_eq!(code(hive.query_value(k, "nope")), codes::ERROR_FILE_NOT_FOUND);
        let info = hive.query_info(k).unwrap();
        assert_eq!(
            (info.values, info.max_value_name_len, info.max_value_data_len, info.last_write),
            (2, 4, 4, 5)
        );
        assert_eq!(info.security_descriptor_len, 100);
        assert_eq!(ch.len(), 5);
    }

    #[test]
    fn subkeys_enumerate_sorted_ignoring_case() {
        let mut hive = Hive::new(0);
        let mut ch = Vec::new();
        let root = hive.root();
        for name in ["b", "C", "a", "Ünï"] {
            hive.create_key(root, name, 1, &mut ch).unwrap();
        }
        let names: Vec<_> = (0..4).map(|i| hive.enum_key(root, i).unwrap().name).collect();
        assert_eq!(names, ["a", "b", "C", "Ünï"]);
        assert_eq!(code(hive.enum_key(root, 4)), codes::ERROR_NO_MORE_ITEMS);
        let info = hive.query_info(root).unwrap();
        assert_eq!((info.subkeys, info.max_subkey_name_len), (4, 3));
    }

    /// EnumValue for i in 0..n is two `Vec` indexes each (`ValueList::at`): 10k values
    /// enumerate in insertion order, each call reading position i directly, so the loop is
    /// O(n). (The work is not timed; the structure is what makes it linear.)
    #[test]
    fn enumerating_ten_thousand_values_is_index_based() {
        let mut hive = Hive::new(0);
        let mut ch = Vec::new();
        let k = hive.root();
        for i in 0..10_000u32 {
            hive.set_value(k, &format!("v{i}"), REG_DWORD, &i.to_le_bytes(), 1, &mut ch).unwrap();
        }
        let mut i = 0;
        while let Ok(v) = hive.enum_value(k, i) {
            assert_eq!(v.data(), &i.to_le_bytes());
            i += 1;
        }
        assert_eq!(i, 10_000);
        hive.delete_value(k, "v0", 2, &mut ch).unwrap();
        assert_eq!(hive.query_value(k, "V9999").unwrap().data(), &9999u32.to_le_bytes());
        assert_eq!(hive.enum_value(k, 0).unwrap().name(), "v1");
        while let Ok(v) = hive.enum_value(k, 0) {
            let name = v.name().to_string();
            hive.delete_value(k, &name, 3, &mut ch).unwrap();
        }
        assert_eq!(hive.query_info(k).unwrap().values, 0);
    }

    #[test]
    fn security_round_trips() {
        let mut hive = Hive::new(0);
        let mut ch = Vec::new();
        let root = hive.root();
        let full = hive.get_security(root, 0xf).unwrap();
        assert_eq!(full, security::default_key_security());
        let owner_only = hive.get_security(root, security::OWNER_SECURITY_INFORMATION).unwrap();
        hive.set_security(root, security::DACL_SECURITY_INFORMATION, &owner_only, &mut ch).unwrap();
        let (child, _) = hive.create_key(root, "c", 1, &mut ch).unwrap();
        assert_eq!(hive.get_security(child, 0xf).unwrap().len(), 20 + 16 + 12, "copied from the parent");
        assert_eq!(code(hive.set_security(root, 1, &[0; 8], &mut ch)), codes::ERROR_INVALID_SECURITY_DESCR);
    }

    #[test]
    fn rollback_restores_keys_values_and_ids() {
        let mut hive = Hive::new(0);
        let mut ch = Vec::new();
        let root = hive.root();
        let (a, _) = hive.create_key(root, r"a\x", 1, &mut ch).unwrap();
        hive.delete_key(root, r"a\x", 1, &mut ch).unwrap(); // one free slot
        hive.set_value(root, "v", REG_DWORD, &[1, 0, 0, 0], 1, &mut ch).unwrap();
        let before = format!("{:?}", (&hive.slots, &hive.free));
        hive.begin();
        hive.create_key(root, r"n\m\o", 2, &mut ch).unwrap();
        hive.delete_tree(root, "a", 2, &mut ch).unwrap();
        hive.create_key(root, "a", 2, &mut ch).unwrap();
        hive.delete_value(root, "v", 2, &mut ch).unwrap();
        hive.rollback();
        assert_eq!(format!("{:?}", (&hive.slots, &hive.free)), before);
        assert!(!hive.contains(a));
        assert_eq!(hive.open_key(root, "a").unwrap(), KeyId { index: 1, generation: 0 });
    }
}
