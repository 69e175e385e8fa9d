//! Model-based property test of the cluster registry through the `Sim` API: random sequences
//! of value operations and write batches on a plain key (`Software\A`) and on an object's
//! `Parameters` key (the group "Cluster Group", whose private properties are all unknown ones,
//! stored as given), against a model of two maps. The hive-level model test is
//! `tests/registry_model.rs`; this one pins what the view adds.
//!
//! Invariants pinned, after every step:
//!
//! * every call returns what the model predicts: success, or the exact code (87 for a
//!   malformed `REG_DWORD`/`REG_QWORD` under Parameters, or a type it cannot hold; 2 for a
//!   missing value; 5986 for a false condition, with the failing command's index);
//! * both keys enumerate exactly the model's values (names ignoring case, types and bytes),
//!   and `reg_query_info_key` counts them;
//! * the one store: the group's `GET_PRIVATE_PROPERTIES` lists exactly the Parameters values;
//! * a batch mixing both keys applies entirely or not at all.
//!
//! Cases default to 64 (`PROPTEST_CASES` overrides), of up to 30 steps.

use std::collections::BTreeMap;

use clusapi_sim::property::PropertyList;
use clusapi_sim::registry::command::*;
use clusapi_sim::registry::{REG_BINARY, REG_DWORD, REG_NONE, REG_QWORD, REG_SZ};
use clusapi_sim::{KeyHandle, Sim};
use proptest::prelude::*;

const NAMES: [&str; 3] = ["x", "X", "y"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Plain,
    Params,
}

#[derive(Clone, Debug)]
enum Op {
    Set(Target, usize, u32, Vec<u8>),
    Delete(Target, usize),
    Batch(Vec<Cmd>),
}

#[derive(Clone, Debug)]
enum Cmd {
    Set(Target, usize, u32, Vec<u8>),
    Delete(Target, usize),
    Exists(Target, usize, bool),
}

fn utf16z(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

fn value() -> impl Strategy<Value = (u32, Vec<u8>)> {
    prop_oneof![
        any::<u32>().prop_map(|d| (REG_DWORD, d.to_le_bytes().to_vec())),
        any::<u64>().prop_map(|q| (REG_QWORD, q.to_le_bytes().to_vec())),
        "[a-z]{0,3}".prop_map(|s| (REG_SZ, utf16z(&s))),
        prop::collection::vec(any::<u8>(), 0..4).prop_map(|b| (REG_BINARY, b)),
        Just((REG_DWORD, vec![1, 2, 3])),
        Just((REG_NONE, vec![9])),
    ]
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![Just(Target::Plain), Just(Target::Params)]
}

fn cmd() -> impl Strategy<Value = Cmd> {
    prop_oneof![
        (target(), 0..3usize, value()).prop_map(|(t, n, (k, d))| Cmd::Set(t, n, k, d)),
        (target(), 0..3usize).prop_map(|(t, n)| Cmd::Delete(t, n)),
        (target(), 0..3usize, any::<bool>()).prop_map(|(t, n, e)| Cmd::Exists(t, n, e)),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (target(), 0..3usize, value()).prop_map(|(t, n, (k, d))| Op::Set(t, n, k, d)),
        1 => (target(), 0..3usize).prop_map(|(t, n)| Op::Delete(t, n)),
        2 => prop::collection::vec(cmd(), 0..6).prop_map(Op::Batch),
    ]
}

/// A key's values by upper-cased name.
type Values = BTreeMap<String, (u32, Vec<u8>)>;

#[derive(Clone, Debug, Default)]
struct Model {
    plain: Values,
    params: Values,
}

impl Model {
    fn map(&mut self, t: Target) -> &mut Values {
        match t {
            Target::Plain => &mut self.plain,
            Target::Params => &mut self.params,
        }
    }

    /// What a set does: `Err(code)` when refused (the model's rule for Parameters: only the
    /// well-formed types it can hold).
    fn set(&mut self, t: Target, n: usize, kind: u32, data: &[u8]) -> Result<(), u32> {
        if t == Target::Params {
            let ok = match kind {
                REG_DWORD => data.len() == 4,
                REG_QWORD => data.len() == 8,
                REG_SZ | REG_BINARY => true,
                _ => false,
            };
            if !ok {
                return Err(87);
            }
        }
        self.map(t).insert(NAMES[n].to_uppercase(), (kind, data.to_vec()));
        Ok(())
    }

    fn batch(&mut self, cmds: &[Cmd]) -> Result<(), (i32, u32)> {
        let mut copy = self.clone();
        for (i, c) in cmds.iter().enumerate() {
            let i = i as i32;
            match c {
                Cmd::Set(t, n, k, d) => copy.set(*t, *n, *k, d).map_err(|e| (i, e))?,
                Cmd::Delete(t, n) => {
                    copy.map(*t).remove(&NAMES[*n].to_uppercase());
                }
                Cmd::Exists(t, n, want) => {
                    if copy.map(*t).contains_key(&NAMES[*n].to_uppercase()) != *want {
                        return Err((i, 5986));
                    }
                }
            }
        }
        *self = copy;
        Ok(())
    }
}

struct Fixture {
    sim: Sim,
    root: KeyHandle,
    plain: KeyHandle,
    params: KeyHandle,
    group: clusapi_sim::GroupHandle,
    params_path: String,
}

impl Fixture {
    fn new() -> Fixture {
        let sim = Sim::default();
        let cluster = sim.open_cluster(None).unwrap();
        let group = sim.open_group(cluster, "Cluster Group").unwrap();
        let gkey = sim.group_key(group).unwrap();
        let params = sim.reg_open_key(gkey, "Parameters").unwrap();
        let root = sim.cluster_key(cluster).unwrap();
        let (plain, _) = sim.reg_create_key(root, r"Software\A").unwrap();
        let guid = sim.harness().group(group).unwrap().guid;
        Fixture { sim, root, plain, params, group, params_path: format!(r"Groups\{guid}\Parameters") }
    }

    fn key(&self, t: Target) -> KeyHandle {
        match t {
            Target::Plain => self.plain,
            Target::Params => self.params,
        }
    }

    fn path(&self, t: Target) -> &str {
        match t {
            Target::Plain => r"Software\A",
            Target::Params => &self.params_path,
        }
    }

    fn values(&self, t: Target) -> Values {
        let mut out = Values::new();
        let mut i = 0;
        while let Ok(v) = self.sim.reg_enum_value(self.key(t), i) {
            out.insert(v.name().to_uppercase(), (v.kind(), v.data().to_vec()));
            i += 1;
        }
        assert_eq!(self.sim.reg_query_info_key(self.key(t)).unwrap().values, i);
        out
    }

    fn private_names(&self) -> Vec<String> {
        const GET_PRIVATE: u32 = 0x0300_0081;
        let bytes = self.sim.group_control(self.group, None, GET_PRIVATE, &[]).unwrap();
        let mut names: Vec<String> =
            PropertyList::decode(&bytes).unwrap().iter().map(|p| p.name.to_uppercase()).collect();
        names.sort();
        names
    }
}

fn run(ops: &[Op]) {
    let f = Fixture::new();
    let mut model = Model { plain: f.values(Target::Plain), params: f.values(Target::Params) };
    for op in ops {
        match op {
            Op::Set(t, n, k, d) => {
                let got = f.sim.reg_set_value(f.key(*t), NAMES[*n], *k, d).map_err(|e| e.code());
                assert_eq!(got, model.set(*t, *n, *k, d), "{op:?}");
            }
            Op::Delete(t, n) => {
                let present = model.map(*t).remove(&NAMES[*n].to_uppercase()).is_some();
                let got = f.sim.reg_delete_value(f.key(*t), NAMES[*n]).map_err(|e| e.code());
                assert_eq!(got, if present { Ok(()) } else { Err(2) }, "{op:?}");
            }
            Op::Batch(cmds) => {
                let b = f.sim.reg_create_batch(f.root).unwrap();
                let mut current = None;
                for c in cmds {
                    let t = match c {
                        Cmd::Set(t, ..) | Cmd::Delete(t, _) | Cmd::Exists(t, ..) => *t,
                    };
                    if current != Some(t) {
                        f.sim.reg_batch_add_command(b, CLUSREG_CREATE_KEY, f.path(t), 0, &[]).unwrap();
                        current = Some(t);
                    }
                    let (command, name, options, data) = match c {
                        Cmd::Set(_, n, k, d) => (CLUSREG_SET_VALUE, NAMES[*n], *k, d.clone()),
                        Cmd::Delete(_, n) => (CLUSREG_DELETE_VALUE, NAMES[*n], 0, Vec::new()),
                        Cmd::Exists(_, n, true) => (CLUSREG_CONDITION_EXISTS, NAMES[*n], 0, Vec::new()),
                        Cmd::Exists(_, n, false) => (CLUSREG_CONDITION_NOT_EXISTS, NAMES[*n], 0, Vec::new()),
                    };
                    f.sim.reg_batch_add_command(b, command, name, options, &data).unwrap();
                }
                // The batch's indexes count the CREATE_KEY commands too: map the model's.
                let mut index_of = Vec::new();
                let mut cur = None;
                let mut i = 0;
                for c in cmds {
                    let t = match c {
                        Cmd::Set(t, ..) | Cmd::Delete(t, _) | Cmd::Exists(t, ..) => *t,
                    };
                    if cur != Some(t) {
                        i += 1;
                        cur = Some(t);
                    }
                    index_of.push(i);
                    i += 1;
                }
                let want = model.batch(cmds).map_err(|(i, e)| (index_of[i as usize], e));
                let got = f.sim.reg_close_batch(b, true).map_err(|e| (e.index, e.error.code()));
                assert_eq!(got, want, "{op:?}");
            }
        }
        assert_eq!(f.values(Target::Plain), model.plain, "plain key after {op:?}");
        assert_eq!(f.values(Target::Params), model.params, "Parameters after {op:?}");
        let names: Vec<String> = model.params.keys().cloned().collect();
        assert_eq!(f.private_names(), names, "GET_PRIVATE_PROPERTIES after {op:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_registry_view_agrees_with_a_map_model(ops in prop::collection::vec(op(), 1..30)) {
        run(&ops);
    }
}
