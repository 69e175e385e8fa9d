//! Handle values are unique across the whole process: across many registries (simulators),
//! short-lived or not, and after a close (H3, H7).
//!
//! The property test drives many registries at once, created and dropped along the way, and
//! checks after every step that
//! * every value ever issued is distinct from every other (in any registry),
//! * a value resolves only in the registry that issued it, and only while it is open,
//! * every value is positive, a multiple of 4, and never -1 (H1).

use std::collections::HashSet;
use std::panic::Location;

use clusapi_sim::handles::{HandleRegistry, RawHandle};
use clusapi_sim::{Handle, Kind, Origin, Sim};
use proptest::prelude::*;
use proptest::sample::Index;

fn here() -> Origin {
    Origin::Rust(Location::caller())
}

/// The regression: each registry used to take a block of 1024 generations from a 32-bit block
/// counter that wrapped after 2^22 blocks, so the registry created 2^22 registries after
/// another issued the very same values.
#[test]
fn handles_stay_unique_across_millions_of_simulators() {
    let mut first = HandleRegistry::new();
    let kept = first.insert(Kind::Group, None, here(), 0u32).unwrap();
    let closed = first.insert(Kind::Group, None, here(), 1u32).unwrap();
    first.close(closed, Kind::Group).unwrap();
    for i in 0..(1u32 << 22) + 4096 {
        let mut r = HandleRegistry::new();
        let h = r.insert(Kind::Group, None, here(), i).unwrap();
        assert!(h != kept && h != closed, "registry #{i} issued {h:?} again");
        assert!(r.get(kept, Kind::Group).is_err() && r.get(closed, Kind::Group).is_err(), "#{i}");
        assert!(first.get(h, Kind::Group).is_err(), "#{i}");
    }
    assert_eq!(first.get(kept, Kind::Group), Ok(&0));
    assert!(first.get(closed, Kind::Group).is_err());
}

/// The same through whole simulators: a cluster handle of one never works in another.
#[test]
fn cluster_handles_of_many_simulators_never_cross() {
    let sims: Vec<Sim> = (0..64).map(|_| Sim::default()).collect();
    let handles: Vec<_> = sims.iter().map(|s| s.open_cluster(None).unwrap()).collect();
    let distinct: HashSet<_> = handles.iter().map(|h| h.raw()).collect();
    assert_eq!(distinct.len(), handles.len());
    for (i, sim) in sims.iter().enumerate() {
        for (j, &h) in handles.iter().enumerate() {
            assert_eq!(sim.cluster_information(h).is_ok(), i == j, "handle of sim {j} in sim {i}");
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    /// Open a handle of `kind` in a registry, under a live handle of that registry when `parent`
    /// picks one.
    Open { registry: Index, kind: Index, parent: Option<Index> },
    /// Close one issued handle (live or not) in a registry (its own or another).
    Close { handle: Index, registry: Index },
    /// Close a handle and everything derived from it.
    CloseTree { handle: Index },
    /// Drop a registry and put a new one in its place (a test ending, another starting).
    Replace { registry: Index },
    /// Add a registry.
    New,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (any::<Index>(), any::<Index>(), proptest::option::of(any::<Index>()))
            .prop_map(|(registry, kind, parent)| Op::Open { registry, kind, parent }),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(handle, registry)| Op::Close { handle, registry }),
        1 => any::<Index>().prop_map(|handle| Op::CloseTree { handle }),
        1 => any::<Index>().prop_map(|registry| Op::Replace { registry }),
        1 => Just(Op::New),
    ]
}

/// One handle ever issued: its value and kind, the registry that issued it, and whether it is
/// still open.
struct Issued {
    handle: RawHandle,
    kind: Kind,
    issuer: usize,
    live: bool,
}

struct Model {
    /// (registry id, registry); ids are never reused.
    registries: Vec<(usize, HandleRegistry<usize>)>,
    next_id: usize,
    issued: Vec<Issued>,
    seen: HashSet<RawHandle>,
}

impl Model {
    fn new(n: usize) -> Model {
        let mut m = Model { registries: Vec::new(), next_id: 0, issued: Vec::new(), seen: HashSet::new() };
        for _ in 0..n {
            m.add();
        }
        m
    }

    fn add(&mut self) {
        self.registries.push((self.next_id, HandleRegistry::new()));
        self.next_id += 1;
    }

    fn apply(&mut self, op: &Op) {
        match op {
            Op::Open { registry, kind, parent } => {
                let at = registry.index(self.registries.len());
                let (id, reg) = &mut self.registries[at];
                let kind = Kind::ALL[kind.index(Kind::ALL.len())];
                let live: Vec<usize> = (0..self.issued.len())
                    .filter(|&i| self.issued[i].issuer == *id && self.issued[i].live)
                    .collect();
                let parent = parent
                    .filter(|_| !live.is_empty())
                    .map(|p| self.issued[live[p.index(live.len())]].handle);
                let h = reg.insert(kind, parent, here(), self.issued.len()).unwrap();
                assert!(h.value() > 0 && h.value() % 4 == 0 && h.value() != -1, "H1: {h:?}");
                assert!(self.seen.insert(h), "{h:?} was issued before");
                self.issued.push(Issued { handle: h, kind, issuer: *id, live: true });
            }
            Op::Close { handle, registry } => {
                if self.issued.is_empty() {
                    return;
                }
                let i = handle.index(self.issued.len());
                let at = registry.index(self.registries.len());
                let (id, reg) = &mut self.registries[at];
                let it = &mut self.issued[i];
                let expect_ok = it.issuer == *id && it.live;
                assert_eq!(reg.close(it.handle, it.kind).is_ok(), expect_ok, "close {:?}", it.handle);
                if expect_ok {
                    it.live = false;
                }
            }
            Op::CloseTree { handle } => {
                if self.issued.is_empty() {
                    return;
                }
                let i = handle.index(self.issued.len());
                let (handle, kind, issuer, live) =
                    (self.issued[i].handle, self.issued[i].kind, self.issued[i].issuer, self.issued[i].live);
                let Some((_, reg)) = self.registries.iter_mut().find(|(id, _)| *id == issuer) else {
                    return;
                };
                let mut closed = Vec::new();
                let result = reg.close_tree(handle, kind, |h, _, payload| closed.push((h, payload)));
                assert_eq!(result.is_ok(), live);
                for (h, payload) in closed {
                    let it = &mut self.issued[payload];
                    assert!(it.live && it.handle == h && it.issuer == issuer);
                    it.live = false;
                }
            }
            Op::Replace { registry } => {
                let at = registry.index(self.registries.len());
                let id = self.registries[at].0;
                for it in self.issued.iter_mut().filter(|it| it.issuer == id) {
                    it.live = false;
                }
                self.registries[at] = (self.next_id, HandleRegistry::new());
                self.next_id += 1;
            }
            Op::New => self.add(),
        }
    }

    /// Every value ever issued, asked of every registry alive now.
    fn check(&self) {
        for (id, reg) in &self.registries {
            for (i, it) in self.issued.iter().enumerate() {
                let resolves = reg.get(it.handle, it.kind).ok().copied();
                let expected = (it.issuer == *id && it.live).then_some(i);
                assert_eq!(
                    resolves, expected,
                    "{:?} (issued by #{}) in registry #{id}",
                    it.handle, it.issuer
                );
            }
            let live = self.issued.iter().filter(|it| it.issuer == *id && it.live).count();
            assert_eq!(reg.len(), live, "registry #{id}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_value_resolves_only_in_its_own_registry_and_only_while_open(
        registries in 2usize..24,
        ops in proptest::collection::vec(op(), 1..300),
    ) {
        let mut model = Model::new(registries);
        for op in &ops {
            model.apply(op);
            model.check();
        }
    }
}
