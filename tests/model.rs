//! Model-based property tests of the handle layer: random sequences of [`Op`]s run against two
//! simulators through [`Interpreter`], which checks every result against its reference model
//! (the same interpreter the fuzz target `fuzz/fuzz_targets/ops.rs` runs).
//!
//! Invariants pinned, after every step:
//!
//! * `CloseCluster` always returns TRUE, for live, stale, wrong-kind, forged, foreign and NULL
//!   values alike (H4);
//! * afterwards every handle derived from that cluster handle, transitively, is invalid, even
//!   one whose middle handle was closed first (its children re-parented), and every handle of
//!   other clusters, and of the other simulator, still works (H4);
//! * closing any other handle closes only that handle; a second close fails with
//!   `ERROR_INVALID_HANDLE` (H5);
//! * a stale value never resolves, also after its slot is reused by a newer handle (H3), and
//!   no value is ever issued twice;
//! * a value of the wrong kind is always rejected with `ERROR_INVALID_HANDLE`, including one
//!   with the same slot and generation and only its kind bits changed (H2);
//! * forged values (NULL, -1, odd, unaligned, flipped bits, any 64-bit pattern) are rejected
//!   unless they happen to equal a live handle of the right kind (H1);
//! * handles of another `Sim` are rejected, both ways (H7);
//! * unknown names give the documented codes (5013, 5007, 5042, 5045, 5047, 1722 for a
//!   cluster, 5078 for a resource type), invalid masks 87, reading past the end 259, and names
//!   match ignoring case;
//! * enumeration counts, state getters and `GetClusterFrom*` agree with the world and the model;
//! * `Sim::open_handles` equals the model's live set exactly (values, kinds, parents), the
//!   violations recorded equal the model's count of clusters closed with derived handles
//!   open, `check_leaks` agrees, and the world's invariants hold (H8);
//! * at the end, closing every cluster handle leaves no open handle at all.
//!
//! Cases default to 128 per world (`PROPTEST_CASES` overrides), of up to 60 steps; failures are
//! persisted in `proptest-regressions/model.txt` and replayed first on later runs.

use clusapi_sim::Sim;
use clusapi_sim::ops::{
    Call, Case, ClusterName, EngineOp, EnumKind, Forged, Interpreter, MaskChoice, NameChoice, NodeIdChoice,
    ObjectKind, Op, Pick, Stats, sample_world,
};
use clusapi_sim::world::World;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};
use proptest_state_machine::{ReferenceStateMachine, StateMachineTest, prop_state_machine};

// ---- strategies ---------------------------------------------------------------------------

fn pick() -> impl Strategy<Value = Pick> {
    0..64u16
}

fn object_kind() -> impl Strategy<Value = ObjectKind> {
    select(ObjectKind::ALL.to_vec())
}

fn enum_kind() -> impl Strategy<Value = EnumKind> {
    select(EnumKind::ALL.to_vec())
}

fn case() -> impl Strategy<Value = Case> {
    prop_oneof![3 => Just(Case::AsIs), 1 => Just(Case::Upper), 1 => Just(Case::Lower)]
}

fn cluster_name() -> impl Strategy<Value = ClusterName> {
    prop_oneof![
        3 => Just(ClusterName::Local),
        1 => Just(ClusterName::Empty),
        3 => (any::<u8>(), case()).prop_map(|(index, case)| ClusterName::Known { index, case }),
        1 => any::<u8>().prop_map(ClusterName::Other),
    ]
}

fn name_choice() -> impl Strategy<Value = NameChoice> {
    prop_oneof![
        4 => (any::<u8>(), case()).prop_map(|(index, case)| NameChoice::Known { index, case }),
        1 => any::<u8>().prop_map(NameChoice::Other),
    ]
}

fn node_id() -> impl Strategy<Value = NodeIdChoice> {
    prop_oneof![
        3 => any::<u8>().prop_map(NodeIdChoice::Known),
        1 => prop_oneof![0..8u32, any::<u32>()].prop_map(NodeIdChoice::Raw),
    ]
}

fn mask() -> impl Strategy<Value = MaskChoice> {
    prop_oneof![4 => any::<u8>().prop_map(MaskChoice::Listed), 1 => any::<u32>().prop_map(MaskChoice::Raw)]
}

fn call() -> impl Strategy<Value = Call> {
    prop_oneof![
        Just(Call::CloseCluster),
        Just(Call::ClusterInformation),
        (object_kind(), name_choice()).prop_map(|(kind, name)| Call::Open { kind, name }),
        node_id().prop_map(Call::OpenNodeById),
        (enum_kind(), mask(), name_choice()).prop_map(|(kind, mask, type_name)| Call::OpenEnum {
            kind,
            mask,
            type_name
        }),
        object_kind().prop_map(Call::Close),
        object_kind().prop_map(Call::State),
        object_kind().prop_map(Call::ClusterFrom),
        enum_kind().prop_map(Call::EnumCount),
        (enum_kind(), 0..8u8).prop_map(|(kind, i)| Call::EnumItem(kind, i)),
        enum_kind().prop_map(Call::CloseEnum),
    ]
}

fn forged() -> impl Strategy<Value = Forged> {
    prop_oneof![
        Just(Forged::Null),
        Just(Forged::MinusOne),
        any::<u64>().prop_map(Forged::Raw),
        any::<u64>().prop_map(Forged::Odd),
        (pick(), any::<u8>()).prop_map(|(handle, offset)| Forged::Misaligned { handle, offset }),
        (pick(), 0..64u8).prop_map(|(handle, bit)| Forged::FlipBit { handle, bit }),
        (pick(), 0..32u8).prop_map(|(handle, kind)| Forged::Rekind { handle, kind }),
    ]
}

/// One op, weighted towards opening things so that closes and misuse have values to work on.
fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => cluster_name().prop_map(Op::OpenCluster),
        3 => pick().prop_map(Op::CloseCluster),
        10 => (object_kind(), pick(), name_choice()).prop_map(|(kind, cluster, name)| Op::Open { kind, cluster, name }),
        2 => (pick(), node_id()).prop_map(|(cluster, id)| Op::OpenNodeById { cluster, id }),
        5 => (object_kind(), pick()).prop_map(|(kind, handle)| Op::Close { kind, handle }),
        8 => (enum_kind(), pick(), mask(), name_choice())
            .prop_map(|(kind, parent, mask, type_name)| Op::OpenEnum { kind, parent, mask, type_name }),
        3 => pick().prop_map(|handle| Op::EnumCount { handle }),
        4 => (pick(), 0..12u8).prop_map(|(handle, index)| Op::EnumItem { handle, index }),
        3 => pick().prop_map(|handle| Op::CloseEnum { handle }),
        3 => (object_kind(), pick()).prop_map(|(kind, handle)| Op::State { kind, handle }),
        2 => (object_kind(), pick()).prop_map(|(kind, handle)| Op::ClusterFrom { kind, handle }),
        4 => (call(), pick()).prop_map(|(call, stale)| Op::UseStale { call, stale }),
        3 => (call(), pick()).prop_map(|(call, handle)| Op::UseWrongKind { call, handle }),
        3 => (call(), forged()).prop_map(|(call, value)| Op::UseForged { call, value }),
        2 => cluster_name().prop_map(Op::OpenForeignCluster),
        3 => (call(), pick()).prop_map(|(call, handle)| Op::OnForeign { call, handle }),
        3 => (call(), pick(), any::<bool>()).prop_map(|(call, handle, reverse)| Op::UseForeign {
            call,
            handle,
            reverse
        }),
        1 => Just(Op::CloseAll),
        24 => engine_op().prop_map(Op::Engine),
    ]
}

/// A state-changing call or a clock step.
fn engine_op() -> impl Strategy<Value = EngineOp> {
    prop_oneof![
        4 => (pick(), 0..4u8).prop_map(|(handle, flags)| EngineOp::OnlineResource { handle, flags }),
        4 => (pick(), 0..4u8).prop_map(|(handle, flags)| EngineOp::OfflineResource { handle, flags }),
        3 => pick().prop_map(|handle| EngineOp::FailResource { handle }),
        3 => (pick(), proptest::option::of(pick())).prop_map(|(handle, node)| EngineOp::OnlineGroup { handle, node }),
        2 => pick().prop_map(|handle| EngineOp::OfflineGroup { handle }),
        3 => (pick(), proptest::option::of(pick())).prop_map(|(handle, node)| EngineOp::MoveGroup { handle, node }),
        2 => pick().prop_map(|handle| EngineOp::PauseNode { handle }),
        2 => pick().prop_map(|handle| EngineOp::ResumeNode { handle }),
        1 => any::<u8>().prop_map(EngineOp::NodeDown),
        1 => any::<u8>().prop_map(EngineOp::NodeUp),
        3 => any::<u8>().prop_map(EngineOp::Advance),
        2 => Just(EngineOp::Settle),
        2 => structure_op(),
    ]
}

/// A call that changes what the cluster is made of, or drains, resumes or evicts a node.
fn structure_op() -> impl Strategy<Value = EngineOp> {
    prop_oneof![
        (pick(), any::<u8>(), any::<u8>()).prop_map(|(group, name, kind)| EngineOp::CreateResource {
            group,
            name,
            kind
        }),
        pick().prop_map(|handle| EngineOp::DeleteResource { handle }),
        (pick(), any::<u8>()).prop_map(|(handle, name)| EngineOp::RenameResource { handle, name }),
        (pick(), any::<u8>()).prop_map(|(cluster, name)| EngineOp::CreateGroup { cluster, name }),
        pick().prop_map(|handle| EngineOp::DeleteGroup { handle }),
        pick().prop_map(|handle| EngineOp::DestroyGroup { handle }),
        (pick(), any::<u8>()).prop_map(|(handle, name)| EngineOp::RenameGroup { handle, name }),
        (pick(), pick(), any::<bool>()).prop_map(|(handle, provider, remove)| EngineOp::Dependency {
            handle,
            provider,
            remove
        }),
        (pick(), pick(), any::<bool>()).prop_map(|(handle, node, remove)| EngineOp::PossibleOwner {
            handle,
            node,
            remove
        }),
        (pick(), [pick(), pick()], any::<u8>()).prop_map(|(handle, nodes, count)| EngineOp::NodeList {
            handle,
            nodes,
            count
        }),
        (pick(), pick()).prop_map(|(handle, group)| EngineOp::ChangeGroup { handle, group }),
        pick().prop_map(|handle| EngineOp::Restart { handle }),
        pick().prop_map(|handle| EngineOp::Cancel { handle }),
        (pick(), proptest::option::of(pick()))
            .prop_map(|(handle, target)| EngineOp::Drain { handle, target }),
        (pick(), 0..3u8).prop_map(|(handle, failback)| EngineOp::ResumeEx { handle, failback }),
        pick().prop_map(|handle| EngineOp::Evict { handle }),
        (pick(), any::<u8>()).prop_map(|(handle, expr)| EngineOp::Expression { handle, expr }),
        (pick(), any::<u8>(), any::<u8>(), any::<u8>())
            .prop_map(|(group, action, a, b)| EngineOp::GroupSet { group, action, a, b }),
    ]
}

// ---- the state machine --------------------------------------------------------------------

/// Generates ops. Every op is meaningful in every state (handle arguments are picks among the
/// values issued so far, resolved when the op runs), so the reference state is only the
/// number of steps, and shrinking may delete any op.
struct OpsReference;

impl ReferenceStateMachine for OpsReference {
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

/// Which world the simulators hold.
trait WorldSource {
    fn world() -> World;
}

/// [`sample_world`]: two clusters with every kind of object.
struct SampleWorld;

impl WorldSource for SampleWorld {
    fn world() -> World {
        sample_world()
    }
}

/// The embedded default cluster (`Sim::default()`).
struct DefaultFixture;

impl WorldSource for DefaultFixture {
    fn world() -> World {
        Sim::default().harness().world()
    }
}

/// The simulators under test, driven through the shared [`Interpreter`].
struct ModelTest<W>(std::marker::PhantomData<W>);

impl<W: WorldSource> StateMachineTest for ModelTest<W> {
    type SystemUnderTest = Interpreter;
    type Reference = OpsReference;

    fn init_test(_: &usize) -> Interpreter {
        Interpreter::new(W::world())
    }

    fn apply(mut it: Interpreter, _: &usize, op: Op) -> Interpreter {
        if let Err(mismatch) = it.apply(&op) {
            panic!("{mismatch}");
        }
        it
    }

    fn check_invariants(it: &Interpreter, _: &usize) {
        if let Err(mismatch) = it.check_all() {
            panic!("{mismatch}");
        }
    }

    fn teardown(mut it: Interpreter, _: usize) {
        if let Err(mismatch) = it.close_all().and_then(|()| it.check_all()) {
            panic!("{mismatch}");
        }
    }
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(128);
    let mut config = Config { cases, ..Config::default() };
    // Persist failures beside the crate (commit the file), unless the environment says not to.
    if std::env::var_os("PROPTEST_DISABLE_FAILURE_PERSISTENCE").is_none() {
        config.failure_persistence = Some(Box::new(FileFailurePersistence::Direct(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/proptest-regressions/model.txt"
        ))));
    }
    config
}

prop_state_machine! {
    #![proptest_config(config())]

    /// Random op sequences on the two-cluster sample world.
    #[test]
    fn handles_match_the_model_on_the_sample_world(sequential 1..60 => ModelTest<SampleWorld>);

    /// Random op sequences on the embedded default cluster.
    #[test]
    fn handles_match_the_model_on_the_default_fixture(sequential 1..60 => ModelTest<DefaultFixture>);
}

// ---- single properties --------------------------------------------------------------------

/// Group set calls, most of the ops, on the default cluster (which has a group set): each
/// keeps the engine model's rules (documented codes, nothing changed on failure, the
/// postcondition on success, the world invariants), and the sequences do change sets.
#[test]
fn group_set_ops_keep_the_rules_and_change_sets() {
    let mut runner = TestRunner::deterministic();
    let ops = proptest::collection::vec(
        prop_oneof![
            1 => (pick(), name_choice()).prop_map(|(cluster, name)| Op::Open { kind: ObjectKind::Group, cluster, name }),
            4 => (pick(), any::<u8>(), any::<u8>(), any::<u8>())
                .prop_map(|(group, action, a, b)| Op::Engine(EngineOp::GroupSet { group, action, a, b })),
        ],
        60,
    );
    let mut changes = 0;
    for _ in 0..24 {
        let sequence = ops.new_tree(&mut runner).unwrap().current();
        let mut it = Interpreter::new(DefaultFixture::world());
        it.apply(&Op::OpenCluster(ClusterName::Local)).unwrap();
        for op in &sequence {
            it.apply(op).unwrap_or_else(|e| panic!("{op:?}: {e}"));
        }
        it.close_all().unwrap();
        changes += it.stats().group_set_changes;
    }
    assert!(changes >= 100, "group set calls changed the cluster {changes} times");
}

/// An interpreter with a few handles of several kinds open on both simulators.
fn populated() -> Interpreter {
    let mut it = Interpreter::new(sample_world());
    let known = |index| NameChoice::Known { index, case: Case::AsIs };
    let ops = [
        Op::OpenCluster(ClusterName::Local),
        Op::OpenCluster(ClusterName::Known { index: 5, case: Case::Lower }),
        Op::Open { kind: ObjectKind::Group, cluster: 0, name: known(0) },
        Op::Open { kind: ObjectKind::Resource, cluster: 0, name: known(0) },
        Op::Open { kind: ObjectKind::Node, cluster: 0, name: known(1) },
        Op::OpenEnum { kind: EnumKind::Group, parent: 0, mask: MaskChoice::Raw(3), type_name: known(0) },
        Op::OpenEnum { kind: EnumKind::Cluster, parent: 0, mask: MaskChoice::Raw(0x3f), type_name: known(0) },
        Op::OpenForeignCluster(ClusterName::Local),
        Op::OnForeign { call: Call::Open { kind: ObjectKind::Group, name: known(0) }, handle: 0 },
    ];
    for op in &ops {
        it.apply(op).unwrap();
    }
    assert_eq!(it.live_count(), 7);
    it
}

proptest! {
    #![proptest_config(config())]

    /// No 64-bit pattern resolves unless it is a live handle of the right kind; and whatever
    /// it is, `CloseCluster` returns TRUE for it.
    #[test]
    fn forged_values_never_resolve(value in any::<u64>(), call in call()) {
        let mut it = populated();
        it.apply(&Op::UseForged { call, value: Forged::Raw(value) }).map_err(TestCaseError::fail)?;
        it.apply(&Op::UseForged { call: Call::CloseCluster, value: Forged::Raw(value) })
            .map_err(TestCaseError::fail)?;
        it.check_all().map_err(TestCaseError::fail)?;
    }

    /// A live value with one bit flipped, or its kind bits replaced, is not a handle (H1, H2).
    #[test]
    fn near_miss_values_never_resolve(handle in pick(), bit in 0..64u8, kind in 0..32u8, call in call()) {
        let mut it = populated();
        for value in [Forged::FlipBit { handle, bit }, Forged::Rekind { handle, kind }] {
            it.apply(&Op::UseForged { call, value }).map_err(TestCaseError::fail)?;
        }
        it.check_all().map_err(TestCaseError::fail)?;
    }
}

#[test]
fn stale_value_is_rejected_after_its_slot_is_reused() {
    let mut it = populated();
    let group = Op::Open {
        kind: ObjectKind::Group,
        cluster: 0,
        name: NameChoice::Known { index: 2, case: Case::Upper },
    };
    for op in [
        group.clone(),
        Op::Close { kind: ObjectKind::Group, handle: 1 },
        group,
        Op::UseStale { call: Call::State(ObjectKind::Group), stale: 0 },
        Op::UseStale { call: Call::Close(ObjectKind::Group), stale: 0 },
        Op::UseStale { call: Call::CloseCluster, stale: 0 },
    ] {
        it.apply(&op).unwrap();
    }
    assert!(it.stats().stale_on_reused_slot >= 3, "{:?}", it.stats());
    it.check_all().unwrap();
}

#[test]
fn close_cluster_after_closing_the_group_still_closes_its_enumeration() {
    let mut it = Interpreter::new(sample_world());
    for op in [
        Op::OpenCluster(ClusterName::Local),
        Op::Open {
            kind: ObjectKind::Group,
            cluster: 0,
            name: NameChoice::Known { index: 0, case: Case::AsIs },
        },
        Op::OpenEnum {
            kind: EnumKind::GroupEx,
            parent: 0,
            mask: MaskChoice::Raw(1),
            type_name: NameChoice::Other(0),
        },
        Op::Close { kind: ObjectKind::Group, handle: 0 },
        Op::EnumCount { handle: 0 },
        Op::CloseCluster(0),
        Op::UseStale { call: Call::EnumCount(EnumKind::GroupEx), stale: 2 },
    ] {
        it.apply(&op).unwrap();
    }
    assert_eq!(it.sim().harness().open_handles(), vec![]);
    assert_eq!(it.stats().descendants_closed, 1);
    assert_eq!(
        it.sim().harness().violations().len(),
        1,
        "closing a cluster with a derived handle open is recorded"
    );
}

/// The generated sequences reach every interesting path, so that the state-machine test
/// cannot pass by exercising nothing.
#[test]
fn generated_ops_reach_the_interesting_paths() {
    let mut runner = TestRunner::deterministic();
    let mut total = Stats::default();
    let ops = proptest::collection::vec(op(), 80);
    for _ in 0..48 {
        let sequence = ops.new_tree(&mut runner).unwrap().current();
        let mut it = Interpreter::new(sample_world());
        for op in &sequence {
            it.apply(op).unwrap();
        }
        it.close_all().unwrap();
        let s = it.stats();
        total.succeeded += s.succeeded;
        total.invalid_handle += s.invalid_handle;
        total.other_errors += s.other_errors;
        total.clusters_closed += s.clusters_closed;
        total.descendants_closed += s.descendants_closed;
        total.stale_on_reused_slot += s.stale_on_reused_slot;
        total.engine_done += s.engine_done;
        total.engine_pending += s.engine_pending;
        total.engine_refused += s.engine_refused;
    }
    assert!(total.succeeded > 0, "{total:?}");
    assert!(total.invalid_handle > 0, "{total:?}");
    assert!(total.other_errors > 0, "{total:?}");
    assert!(total.clusters_closed > 0, "{total:?}");
    assert!(total.descendants_closed > 0, "{total:?}");
    assert!(total.stale_on_reused_slot > 0, "{total:?}");
    assert!(total.engine_done > 0, "{total:?}");
    assert!(total.engine_pending > 0, "{total:?}");
    assert!(total.engine_refused > 0, "{total:?}");
}
