//! Model-based property test of the cluster registry hive (`clusapi_sim::registry`): random
//! sequences of key, value, enumeration and batch operations run against a [`Hive`] and
//! against a reference model, a `BTreeMap` from upper-cased paths to keys, which implements
//! the same rules independently (its batches run on a copy that is kept or dropped).
//!
//! Invariants pinned, after every step:
//!
//! * every call returns what the model predicts: the result, or the exact Win32 code
//!   (87 malformed path, 2 missing key or value, 5 deleting a key with subkeys, 259 past the
//!   end, 1018 through the id of a deleted key, 5986 a false batch condition, with the
//!   failing command's index);
//! * names match ignoring case and keep the case they were created with;
//! * the whole tree equals the model's: every key's name, subkeys in order, values in order
//!   (type and data), last-write time, and `query_info`'s counts and maximum lengths;
//! * a batch that fails changes nothing, and one that succeeds reports exactly the keys and
//!   values it changed; so do the single operations;
//! * security descriptors set on a key read back, through live ids only;
//! * a kept key id is live exactly when the model's key it was opened on still exists (a key
//!   deleted and created again under the same name is a different key).
//!
//! Cases default to 128 (`PROPTEST_CASES` overrides), of up to 50 steps; failures are
//! persisted in `proptest-regressions/registry_model.txt`.

use std::collections::BTreeMap;

use clusapi_sim::codes;
use clusapi_sim::registry::command::*;
use clusapi_sim::registry::security;
use clusapi_sim::registry::{
    Batch, Disposition, Hive, KeyId, REG_BINARY, REG_DWORD, REG_QWORD, REG_SZ, ReadBatch, RegChange,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest, prop_state_machine};

// ---- the op language ----------------------------------------------------------------------

const KEY_NAMES: [&str; 3] = ["a", "b", "Cc"];
const VALUE_NAMES: [&str; 3] = ["", "x", "Yy"];
const KINDS: [u32; 4] = [REG_SZ, REG_DWORD, REG_BINARY, REG_QWORD];

/// A relative path: names from [`KEY_NAMES`] in either case, or a malformed one.
#[derive(Clone, Debug)]
enum PathArg {
    Good(Vec<(u8, bool)>),
    LeadingSlash,
    EmptyComponent,
}

impl PathArg {
    fn render(&self) -> String {
        match self {
            PathArg::Good(parts) => {
                parts.iter().map(|&(i, upper)| name(&KEY_NAMES, i, upper)).collect::<Vec<_>>().join("\\")
            }
            PathArg::LeadingSlash => r"\a".into(),
            PathArg::EmptyComponent => r"a\\b".into(),
        }
    }
}

fn name(pool: &[&str], i: u8, upper: bool) -> String {
    let n = pool[usize::from(i) % pool.len()];
    if upper { n.to_uppercase() } else { n.to_lowercase() }
}

#[derive(Clone, Debug)]
struct ValueArg(u8, bool);

impl ValueArg {
    fn render(&self) -> String {
        name(&VALUE_NAMES, self.0, self.1)
    }
}

#[derive(Clone, Debug)]
struct Data(u8, Vec<u8>);

impl Data {
    fn kind(&self) -> u32 {
        KINDS[usize::from(self.0) % KINDS.len()]
    }

    fn bytes(&self) -> Vec<u8> {
        match self.kind() {
            REG_DWORD => u32::from(self.1.first().copied().unwrap_or(0)).to_le_bytes().to_vec(),
            REG_QWORD => u64::from(self.1.first().copied().unwrap_or(0)).to_le_bytes().to_vec(),
            _ => self.1.clone(),
        }
    }
}

#[derive(Clone, Debug)]
enum Cmd {
    Set(ValueArg, Data),
    Create(PathArg),
    DeleteKey(PathArg),
    DeleteValue(ValueArg),
    /// A condition: its index in `CLUSREG_CONDITION_*` order, the value (or key, for 6 and
    /// 7), and the data.
    Cond(u8, ValueArg, PathArg, Data),
}

#[derive(Clone, Debug)]
enum Op {
    Open(u8, PathArg),
    Create(u8, PathArg),
    DeleteKey(u8, PathArg),
    DeleteTree(u8, PathArg),
    SetValue(u8, ValueArg, Data),
    QueryValue(u8, ValueArg),
    DeleteValue(u8, ValueArg),
    EnumKey(u8, u8),
    EnumValue(u8, u8),
    Batch(u8, Vec<Cmd>),
    ReadBatch(u8, Vec<(PathArg, ValueArg)>),
    /// Set the parts `info` names from the default descriptor, then read them back.
    Security(u8, u8),
}

fn path_arg() -> impl Strategy<Value = PathArg> {
    prop_oneof![
        12 => prop::collection::vec((0..3u8, any::<bool>()), 0..3).prop_map(PathArg::Good),
        1 => Just(PathArg::LeadingSlash),
        1 => Just(PathArg::EmptyComponent),
    ]
}

fn value_arg() -> impl Strategy<Value = ValueArg> {
    (0..3u8, any::<bool>()).prop_map(|(i, u)| ValueArg(i, u))
}

fn data() -> impl Strategy<Value = Data> {
    (0..4u8, prop::collection::vec(0..3u8, 0..3)).prop_map(|(k, b)| Data(k, b))
}

fn cmd() -> impl Strategy<Value = Cmd> {
    prop_oneof![
        4 => (value_arg(), data()).prop_map(|(v, d)| Cmd::Set(v, d)),
        3 => path_arg().prop_map(Cmd::Create),
        1 => path_arg().prop_map(Cmd::DeleteKey),
        1 => value_arg().prop_map(Cmd::DeleteValue),
        2 => (0..8u8, value_arg(), path_arg(), data()).prop_map(|(t, v, p, d)| Cmd::Cond(t, v, p, d)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let h = || any::<u8>();
    prop_oneof![
        3 => (h(), path_arg()).prop_map(|(h, p)| Op::Open(h, p)),
        5 => (h(), path_arg()).prop_map(|(h, p)| Op::Create(h, p)),
        2 => (h(), path_arg()).prop_map(|(h, p)| Op::DeleteKey(h, p)),
        1 => (h(), path_arg()).prop_map(|(h, p)| Op::DeleteTree(h, p)),
        5 => (h(), value_arg(), data()).prop_map(|(h, v, d)| Op::SetValue(h, v, d)),
        2 => (h(), value_arg()).prop_map(|(h, v)| Op::QueryValue(h, v)),
        2 => (h(), value_arg()).prop_map(|(h, v)| Op::DeleteValue(h, v)),
        2 => (h(), 0..5u8).prop_map(|(h, i)| Op::EnumKey(h, i)),
        2 => (h(), 0..5u8).prop_map(|(h, i)| Op::EnumValue(h, i)),
        4 => (h(), prop::collection::vec(cmd(), 0..6)).prop_map(|(h, c)| Op::Batch(h, c)),
        1 => (h(), prop::collection::vec((path_arg(), value_arg()), 0..4)).prop_map(|(h, r)| Op::ReadBatch(h, r)),
        1 => (h(), 0..16u8).prop_map(|(h, info)| Op::Security(h, info)),
    ]
}

// ---- the reference model ------------------------------------------------------------------

type Path = Vec<String>;

#[derive(Clone, Debug, PartialEq)]
struct MKey {
    name: String,
    serial: u64,
    values: Vec<(String, u32, Vec<u8>)>,
    last_write: u64,
}

#[derive(Clone, Debug)]
struct Model {
    keys: BTreeMap<Path, MKey>,
    next_serial: u64,
}

/// A kept key id and the model key it was opened on.
#[derive(Clone, Debug)]
struct Handle {
    id: KeyId,
    path: Path,
    serial: u64,
}

type R<T> = Result<T, u32>;

fn fold(s: &str) -> String {
    s.to_ascii_uppercase()
}

fn parse(path: &str) -> R<Vec<String>> {
    if path.is_empty() {
        return Ok(Vec::new());
    }
    let parts: Vec<String> = path.split('\\').map(str::to_string).collect();
    if parts.iter().any(String::is_empty) { Err(codes::ERROR_INVALID_PARAMETER) } else { Ok(parts) }
}

impl Model {
    fn new() -> Model {
        let root = MKey { name: String::new(), serial: 0, values: Vec::new(), last_write: 0 };
        Model { keys: BTreeMap::from([(Vec::new(), root)]), next_serial: 1 }
    }

    fn live(&self, h: &Handle) -> R<()> {
        match self.keys.get(&h.path) {
            Some(k) if k.serial == h.serial => Ok(()),
            _ => Err(codes::ERROR_KEY_DELETED),
        }
    }

    fn join(base: &Path, rel: &[String]) -> Path {
        base.iter().cloned().chain(rel.iter().map(|s| fold(s))).collect()
    }

    /// The stored-case path, as the hive reports it in changes.
    fn display(&self, path: &Path) -> String {
        (1..=path.len()).map(|n| self.keys[&path[..n]].name.clone()).collect::<Vec<_>>().join("\\")
    }

    fn open(&self, base: &Path, rel: &str) -> R<Path> {
        let full = Self::join(base, &parse(rel)?);
        if self.keys.contains_key(&full) { Ok(full) } else { Err(codes::ERROR_FILE_NOT_FOUND) }
    }

    fn create(&mut self, base: &Path, rel: &str, now: u64, log: &mut Vec<String>) -> R<(Path, Disposition)> {
        let parts = parse(rel)?;
        let mut at = base.clone();
        let mut how = Disposition::OpenedExisting;
        for part in parts {
            at.push(fold(&part));
            if !self.keys.contains_key(&at) {
                how = Disposition::CreatedNew;
                let serial = self.next_serial;
                self.next_serial += 1;
                self.keys
                    .insert(at.clone(), MKey { name: part, serial, values: Vec::new(), last_write: now });
                self.keys.get_mut(&at[..at.len() - 1]).unwrap().last_write = now;
                log.push(format!("K+ {}", self.display(&at)));
            }
        }
        Ok((at, how))
    }

    fn children(&self, path: &Path) -> Vec<Path> {
        self.keys.keys().filter(|k| k.len() == path.len() + 1 && k.starts_with(path)).cloned().collect()
    }

    fn delete(&mut self, base: &Path, rel: &str, tree: bool, now: u64, log: &mut Vec<String>) -> R<()> {
        let parts = parse(rel)?;
        if parts.is_empty() {
            return Err(codes::ERROR_INVALID_PARAMETER);
        }
        let target = self.open(base, rel)?;
        if !tree && !self.children(&target).is_empty() {
            return Err(codes::ERROR_ACCESS_DENIED);
        }
        let doomed: Vec<Path> = self.keys.keys().filter(|k| k.starts_with(&target)).cloned().collect();
        for k in &doomed {
            log.push(format!("K- {}", self.display(k)));
        }
        for k in doomed {
            self.keys.remove(&k);
        }
        self.keys.get_mut(&target[..target.len() - 1]).unwrap().last_write = now;
        Ok(())
    }

    fn set(&mut self, key: &Path, name: &str, kind: u32, data: &[u8], now: u64, log: &mut Vec<String>) {
        let path = self.display(key);
        let k = self.keys.get_mut(key).unwrap();
        let stored = match k.values.iter_mut().find(|v| v.0.eq_ignore_ascii_case(name)) {
            Some(v) => {
                (v.1, v.2) = (kind, data.to_vec());
                v.0.clone()
            }
            None => {
                k.values.push((name.to_string(), kind, data.to_vec()));
                name.to_string()
            }
        };
        k.last_write = now;
        log.push(format!("V= {path} {stored}"));
    }

    fn query(&self, key: &Path, name: &str) -> R<(u32, Vec<u8>)> {
        let k = &self.keys[key];
        k.values
            .iter()
            .find(|v| v.0.eq_ignore_ascii_case(name))
            .map(|v| (v.1, v.2.clone()))
            .ok_or(codes::ERROR_FILE_NOT_FOUND)
    }

    fn delete_value(&mut self, key: &Path, name: &str, now: u64, log: &mut Vec<String>) -> R<()> {
        let path = self.display(key);
        let k = self.keys.get_mut(key).unwrap();
        let at = k
            .values
            .iter()
            .position(|v| v.0.eq_ignore_ascii_case(name))
            .ok_or(codes::ERROR_FILE_NOT_FOUND)?;
        let removed = k.values.remove(at);
        k.last_write = now;
        log.push(format!("V- {path} {}", removed.0));
        Ok(())
    }

    /// The model's own batch: run on a copy, keep it only if every command succeeds.
    fn batch(
        &mut self,
        base: &Path,
        cmds: &[Cmd],
        now: u64,
        log: &mut Vec<String>,
    ) -> Result<(), (i32, u32)> {
        let mut copy = self.clone();
        let mut current = Some(base.clone());
        let mut local = Vec::new();
        for (i, cmd) in cmds.iter().enumerate() {
            copy.command(base, &mut current, cmd, now, &mut local).map_err(|e| (i as i32, e))?;
        }
        *self = copy;
        log.extend(local);
        Ok(())
    }

    fn command(
        &mut self,
        base: &Path,
        current: &mut Option<Path>,
        cmd: &Cmd,
        now: u64,
        log: &mut Vec<String>,
    ) -> R<()> {
        let cleared = codes::ERROR_INVALID_PARAMETER;
        match cmd {
            Cmd::Set(v, d) => {
                let key = current.clone().ok_or(cleared)?;
                self.set(&key, &v.render(), d.kind(), &d.bytes(), now, log);
                Ok(())
            }
            Cmd::DeleteValue(v) => {
                let key = current.clone().ok_or(cleared)?;
                match self.delete_value(&key, &v.render(), now, log) {
                    Err(codes::ERROR_FILE_NOT_FOUND) => Ok(()),
                    other => other,
                }
            }
            Cmd::Create(p) => {
                *current = Some(self.create(base, &p.render(), now, log)?.0);
                Ok(())
            }
            Cmd::DeleteKey(p) => {
                *current = None;
                match self.delete(base, &p.render(), true, now, log) {
                    Err(codes::ERROR_FILE_NOT_FOUND) => Ok(()),
                    other => other,
                }
            }
            Cmd::Cond(t, v, p, d) => {
                let holds = if *t >= 6 {
                    let exists = match self.open(base, &p.render()) {
                        Ok(_) => true,
                        Err(codes::ERROR_FILE_NOT_FOUND) => false,
                        Err(e) => return Err(e),
                    };
                    exists == (*t == 6)
                } else {
                    let key = current.clone().ok_or(cleared)?;
                    let value = self.query(&key, &v.render()).ok();
                    let given = d.bytes();
                    // Every stored DWORD / QWORD here is well-formed, and `given` is 4 or 8
                    // bytes exactly when its generator's type is numeric.
                    let order = value.as_ref().map(|(kind, data)| {
                        let num = |b: &[u8]| match b.len() {
                            4 => Some(u64::from(u32::from_le_bytes(b.try_into().unwrap()))),
                            8 => Some(u64::from_le_bytes(b.try_into().unwrap())),
                            _ => None,
                        };
                        match (*kind == REG_DWORD || *kind == REG_QWORD, num(data), num(&given)) {
                            (true, Some(a), Some(b)) => a.cmp(&b),
                            _ => data.as_slice().cmp(&given[..]),
                        }
                    });
                    use std::cmp::Ordering::*;
                    match t {
                        0 => value.is_some(),
                        1 => value.is_none(),
                        2 => order == Some(Equal),
                        3 => matches!(order, Some(Less | Greater)),
                        4 => order == Some(Greater),
                        _ => order == Some(Less),
                    }
                };
                if holds { Ok(()) } else { Err(codes::ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED) }
            }
        }
    }
}

// ---- the test driver ----------------------------------------------------------------------

struct Driver {
    hive: Hive,
    model: Model,
    handles: Vec<Handle>,
    now: u64,
}

fn summarize(changes: &[RegChange]) -> Vec<String> {
    let mut out: Vec<String> = changes
        .iter()
        .map(|c| match c {
            RegChange::KeyCreated { path, .. } => format!("K+ {path}"),
            RegChange::KeyDeleted { path, .. } => format!("K- {path}"),
            RegChange::ValueSet { path, name, .. } => format!("V= {path} {name}"),
            RegChange::ValueDeleted { path, name, .. } => format!("V- {path} {name}"),
            RegChange::SecuritySet { path, .. } => format!("S {path}"),
        })
        .collect();
    out.sort();
    out
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn code<T>(r: clusapi_sim::Result<T>) -> R<T> {
    r.map_err(|e| e.code())
}

impl Driver {
    fn new() -> Driver {
        let hive = Hive::new(0);
        let root = Handle { id: hive.root(), path: Vec::new(), serial: 0 };
        Driver { hive, model: Model::new(), handles: vec![root], now: 0 }
    }

    fn handle(&self, pick: u8) -> Handle {
        self.handles[usize::from(pick) % self.handles.len()].clone()
    }

    fn keep(&mut self, id: KeyId, path: Path) {
        let serial = self.model.keys[&path].serial;
        if self.handles.len() < 24 {
            self.handles.push(Handle { id, path, serial });
        }
    }

    fn apply(&mut self, op: &Op) {
        self.now += 1;
        let now = self.now;
        let mut changes = Vec::new();
        let mut log = Vec::new();
        match op {
            Op::Open(h, p) => {
                let h = self.handle(*h);
                let got = code(self.hive.open_key(h.id, &p.render()));
                let want = self.model.live(&h).and_then(|()| self.model.open(&h.path, &p.render()));
                assert_eq!(got.is_ok(), want.is_ok(), "open {got:?} vs {want:?}");
                match (got, want) {
                    (Ok(id), Ok(path)) => {
                        assert_eq!(code(self.hive.path(id)).unwrap(), self.model.display(&path));
                        self.keep(id, path);
                    }
                    (got, want) => assert_eq!(got.unwrap_err(), want.unwrap_err()),
                }
            }
            Op::Create(h, p) => {
                let h = self.handle(*h);
                let got = code(self.hive.create_key(h.id, &p.render(), now, &mut changes));
                let want =
                    self.model.live(&h).and_then(|()| self.model.create(&h.path, &p.render(), now, &mut log));
                match (got, want) {
                    (Ok((id, how)), Ok((path, want_how))) => {
                        assert_eq!(how, want_how);
                        self.keep(id, path);
                    }
                    (got, want) => assert_eq!(got.map(|_| ()), want.map(|_| ())),
                }
            }
            Op::DeleteKey(h, p) | Op::DeleteTree(h, p) => {
                let tree = matches!(op, Op::DeleteTree(..));
                let h = self.handle(*h);
                let got = if tree {
                    self.hive.delete_tree(h.id, &p.render(), now, &mut changes)
                } else {
                    self.hive.delete_key(h.id, &p.render(), now, &mut changes)
                };
                let want = self
                    .model
                    .live(&h)
                    .and_then(|()| self.model.delete(&h.path, &p.render(), tree, now, &mut log));
                assert_eq!(code(got), want);
            }
            Op::SetValue(h, v, d) => {
                let h = self.handle(*h);
                let got =
                    code(self.hive.set_value(h.id, &v.render(), d.kind(), &d.bytes(), now, &mut changes));
                let want = self.model.live(&h).map(|()| {
                    self.model.set(&h.path, &v.render(), d.kind(), &d.bytes(), now, &mut log);
                });
                assert_eq!(got, want);
            }
            Op::QueryValue(h, v) => {
                let h = self.handle(*h);
                let got =
                    code(self.hive.query_value(h.id, &v.render())).map(|v| (v.kind(), v.data().to_vec()));
                let want = self.model.live(&h).and_then(|()| self.model.query(&h.path, &v.render()));
                assert_eq!(got, want);
            }
            Op::DeleteValue(h, v) => {
                let h = self.handle(*h);
                let got = code(self.hive.delete_value(h.id, &v.render(), now, &mut changes));
                let want = self
                    .model
                    .live(&h)
                    .and_then(|()| self.model.delete_value(&h.path, &v.render(), now, &mut log));
                assert_eq!(got, want);
            }
            Op::EnumKey(h, i) => {
                let h = self.handle(*h);
                let got = code(self.hive.enum_key(h.id, u32::from(*i))).map(|s| s.name.to_string());
                let want = self.model.live(&h).and_then(|()| {
                    let kids = self.model.children(&h.path);
                    kids.get(usize::from(*i))
                        .map(|k| self.model.keys[k].name.clone())
                        .ok_or(codes::ERROR_NO_MORE_ITEMS)
                });
                assert_eq!(got, want);
            }
            Op::EnumValue(h, i) => {
                let h = self.handle(*h);
                let got = code(self.hive.enum_value(h.id, u32::from(*i)))
                    .map(|v| (v.name().to_string(), v.kind(), v.data().to_vec()));
                let want = self.model.live(&h).and_then(|()| {
                    self.model.keys[&h.path]
                        .values
                        .get(usize::from(*i))
                        .cloned()
                        .ok_or(codes::ERROR_NO_MORE_ITEMS)
                });
                assert_eq!(got, want);
            }
            Op::Batch(h, cmds) => {
                let h = self.handle(*h);
                let mut batch = Batch::new();
                for c in cmds {
                    let (command, name, options, data) = match c {
                        Cmd::Set(v, d) => (CLUSREG_SET_VALUE, v.render(), d.kind(), d.bytes()),
                        Cmd::Create(p) => (CLUSREG_CREATE_KEY, p.render(), 0, Vec::new()),
                        Cmd::DeleteKey(p) => (CLUSREG_DELETE_KEY, p.render(), 0, Vec::new()),
                        Cmd::DeleteValue(v) => (CLUSREG_DELETE_VALUE, v.render(), 0, Vec::new()),
                        Cmd::Cond(t, v, p, d) => {
                            let name = if *t >= 6 { p.render() } else { v.render() };
                            (CLUSREG_CONDITION_EXISTS + u32::from(*t), name, 0, d.bytes())
                        }
                    };
                    batch.add_command(command, &name, options, &data).unwrap();
                }
                let before = self.tree();
                let got = self.hive.apply_batch(h.id, &batch, now);
                let want = match self.model.live(&h) {
                    Err(e) => Err((-1, e)),
                    Ok(()) => self.model.batch(&h.path, cmds, now, &mut log),
                };
                match got {
                    Ok(c) => {
                        assert_eq!(Ok(()), want);
                        changes = c;
                    }
                    Err(f) => {
                        assert_eq!(Err((f.index, f.error.code())), want);
                        assert_eq!(self.tree(), before, "a failed batch changes nothing");
                    }
                }
            }
            Op::ReadBatch(h, reads) => {
                let h = self.handle(*h);
                let mut rb = ReadBatch::new();
                for (p, v) in reads {
                    rb.add_command(&p.render(), &v.render());
                }
                let got = code(self.hive.read_batch(h.id, &rb)).map(|replies| {
                    replies.into_iter().map(|r| r.result.map_err(|e| e.code())).collect::<Vec<_>>()
                });
                let want = self.model.live(&h).map(|()| {
                    reads
                        .iter()
                        .map(|(p, v)| {
                            self.model
                                .open(&h.path, &p.render())
                                .and_then(|k| self.model.query(&k, &v.render()))
                        })
                        .collect::<Vec<_>>()
                });
                assert_eq!(got, want);
            }
            Op::Security(h, info) => {
                let h = self.handle(*h);
                let info = u32::from(*info);
                let sd = security::default_key_security();
                let got = code(self.hive.set_security(h.id, info, &sd, &mut changes));
                let want = self.model.live(&h);
                assert_eq!(got, want);
                if want.is_ok() {
                    log.push(format!("S {}", self.model.display(&h.path)));
                    // Every key's descriptor is the default one here, so reading any parts
                    // gives the default's.
                    assert_eq!(
                        self.hive.get_security(h.id, info).unwrap(),
                        security::select(&sd, info).unwrap()
                    );
                }
            }
        }
        assert_eq!(summarize(&changes), sorted(log), "the changes reported");
    }

    /// The hive's whole tree, read through its public API, in the model's form.
    fn tree(&self) -> BTreeMap<Path, MKey> {
        let mut out = BTreeMap::new();
        let mut stack = vec![(self.hive.root(), Vec::new())];
        while let Some((id, path)) = stack.pop() {
            let mut values = Vec::new();
            for i in 0.. {
                match self.hive.enum_value(id, i) {
                    Ok(v) => values.push((v.name().to_string(), v.kind(), v.data().to_vec())),
                    Err(e) => {
                        assert_eq!(e.code(), codes::ERROR_NO_MORE_ITEMS);
                        break;
                    }
                }
            }
            let mut kids = Vec::new();
            for i in 0.. {
                match self.hive.enum_key(id, i) {
                    Ok(s) => kids.push((s.id, s.name.to_string())),
                    Err(e) => {
                        assert_eq!(e.code(), codes::ERROR_NO_MORE_ITEMS);
                        break;
                    }
                }
            }
            let info = self.hive.query_info(id).unwrap();
            assert_eq!(info.subkeys as usize, kids.len());
            assert_eq!(info.values as usize, values.len());
            assert_eq!(info.max_subkey_name_len as usize, kids.iter().map(|k| k.1.len()).max().unwrap_or(0));
            assert_eq!(info.max_value_name_len as usize, values.iter().map(|v| v.0.len()).max().unwrap_or(0));
            assert_eq!(info.max_value_data_len as usize, values.iter().map(|v| v.2.len()).max().unwrap_or(0));
            let name = self.hive.name(id).unwrap().to_string();
            // The serial is the model's; compare everything else.
            out.insert(path.clone(), MKey { name, serial: 0, values, last_write: info.last_write });
            for (kid, kid_name) in kids {
                let mut p = path.clone();
                p.push(fold(&kid_name));
                stack.push((kid, p));
            }
        }
        out
    }

    fn check(&self) {
        let model: BTreeMap<Path, MKey> =
            self.model.keys.iter().map(|(p, k)| (p.clone(), MKey { serial: 0, ..k.clone() })).collect();
        assert_eq!(self.tree(), model, "the whole tree");
        // Subkeys enumerate in the model's (sorted) order: the tree walk read them by index.
        for path in self.model.keys.keys() {
            let id = self.hive.open_key(self.hive.root(), &self.model.display(path)).unwrap();
            let kids: Vec<String> =
                (0..).map_while(|i| self.hive.enum_key(id, i).ok()).map(|s| fold(s.name)).collect();
            let want: Vec<String> =
                self.model.children(path).into_iter().map(|p| p.last().unwrap().clone()).collect();
            assert_eq!(kids, want);
        }
        for h in &self.handles {
            assert_eq!(self.hive.contains(h.id), self.model.live(h).is_ok(), "{h:?}");
        }
        assert_eq!(self.hive.len(), self.model.keys.len());
    }
}

// ---- the state machine --------------------------------------------------------------------

/// Every op is meaningful in every state (handle arguments are picks, resolved when the op
/// runs), so the reference state is only a step count.
struct Steps;

impl ReferenceStateMachine for Steps {
    type State = usize;
    type Transition = Op;

    fn init_state() -> BoxedStrategy<usize> {
        Just(0).boxed()
    }

    fn transitions(_: &usize) -> BoxedStrategy<Op> {
        op().boxed()
    }

    fn apply(steps: usize, _: &Op) -> usize {
        steps + 1
    }
}

struct HiveTest;

impl StateMachineTest for HiveTest {
    type SystemUnderTest = Driver;
    type Reference = Steps;

    fn init_test(_: &usize) -> Driver {
        Driver::new()
    }

    fn apply(mut driver: Driver, _: &usize, op: Op) -> Driver {
        driver.apply(&op);
        driver
    }

    fn check_invariants(driver: &Driver, _: &usize) {
        driver.check();
    }
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128);
    let mut config = Config { cases, ..Config::default() };
    if std::env::var_os("PROPTEST_DISABLE_FAILURE_PERSISTENCE").is_none() {
        config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/registry_model.txt"
        ))));
    }
    config
}

prop_state_machine! {
    #![proptest_config(config())]

    /// Random key, value, enumeration and batch operations match the reference model.
    #[test]
    fn hive_matches_the_model(sequential 1..50 => HiveTest);
}

// ---- single cases -------------------------------------------------------------------------

/// A batch whose last command is a false condition leaves keys, values, times and ids as
/// they were, although earlier commands deleted and recreated keys.
#[test]
fn failing_condition_rolls_back_deletes_and_recreates() {
    let mut d = Driver::new();
    d.apply(&Op::Create(0, PathArg::Good(vec![(0, false), (1, true)])));
    d.apply(&Op::SetValue(1, ValueArg(1, false), Data(1, vec![2])));
    let cmds = vec![
        Cmd::DeleteKey(PathArg::Good(vec![(0, true)])),
        Cmd::Create(PathArg::Good(vec![(0, false), (1, false)])),
        Cmd::Set(ValueArg(1, true), Data(1, vec![1])),
        Cmd::Cond(0, ValueArg(2, false), PathArg::Good(vec![]), Data(0, vec![])),
    ];
    d.apply(&Op::Batch(0, cmds));
    d.check();
    assert!(d.hive.contains(d.handles[1].id), "the old key is still the same key");
}
