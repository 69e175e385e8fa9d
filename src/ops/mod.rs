//! A small op language over a [`Sim`], and an interpreter that checks every result against a
//! reference model. The property test (`tests/model.rs`) and the fuzz target
//! (`fuzz/fuzz_targets/ops.rs`) share it, as slotmap's fuzz target and property tests do.
//!
//! An [`Op`] names a call and *how to pick* its handle argument, never a handle value: the
//! value is picked, when the op runs, from the handles the [`Interpreter`] has seen issued
//! (an index modulo the number of candidates). So every sequence of ops is meaningful, a
//! shrunk sequence stays meaningful, and fuzzers find the interesting values without guessing.
//!
//! The interpreter drives two simulators built from the same world: the *primary* one, which
//! most ops use, and a *foreign* one whose handles are passed to the primary (and back) to
//! check isolation (H7). Beside them it keeps its own record of every value issued: its side,
//! kind, whether it is live, the handle it was derived from, and what it refers to. From that
//! record alone it predicts each call's outcome, and reports the first difference:
//!
//! * a value resolves iff the model holds it live, of the kind the call takes, on the side
//!   called; otherwise the call fails with `ERROR_INVALID_HANDLE (6)` (stale, closed,
//!   wrong-kind, forged and foreign values alike: H2, H3, H5, H7);
//! * `CloseCluster` returns `true` for every value (H4); for a live cluster handle it closes
//!   the handle and every handle derived from it, transitively; afterwards each of those is
//!   invalid and every other live handle still works;
//! * closing any other handle closes it alone, and re-parents its children to its parent,
//!   so a later `CloseCluster` still reaches them;
//! * unknown names fail with the documented codes (`ERROR_GROUP_NOT_FOUND (5013)`,
//!   `ERROR_RESOURCE_NOT_FOUND (5007)`, `ERROR_CLUSTER_NODE_NOT_FOUND (5042)`,
//!   `ERROR_CLUSTER_NETWORK_NOT_FOUND (5045)`, `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND (5047)`,
//!   `RPC_S_SERVER_UNAVAILABLE (1722)` for a cluster, `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
//!   (5078)`); invalid enumeration masks fail with `ERROR_INVALID_PARAMETER (87)` (the group
//!   and resource-type enumerations accept undefined bits, as Windows does); reading
//!   past the end of an enumeration fails with `ERROR_NO_MORE_ITEMS (259)`;
//! * enumeration counts, state getters and `GetClusterFrom*` return what the world and the
//!   model say;
//! * every newly issued value is well formed (positive, a multiple of 4, of its kind) and was
//!   never issued before by either simulator, so no value can ever come back to life (H1, H3);
//! * after every op, each simulator's [`Harness::open_handles`](crate::Harness::open_handles) equals the model's live set
//!   (values, kinds and parents), its [`Harness::violations`](crate::Harness::violations) count matches, and the world's
//!   invariants hold.
//!
//! ```
//! use clusapi_sim::ops::{ClusterName, Interpreter, NameChoice, ObjectKind, Op, sample_world};
//! let mut it = Interpreter::new(sample_world());
//! for op in [
//!     Op::OpenCluster(ClusterName::Local),
//!     Op::Open { kind: ObjectKind::Group, cluster: 0, name: NameChoice::Known { index: 0, case: Default::default() } },
//!     Op::CloseCluster(0),
//! ] {
//!     it.apply(&op)?;
//! }
//! it.check_all()?;
//! # Ok::<(), String>(())
//! ```

pub mod engine;

use std::collections::HashMap;
use std::fmt::Write as _;

pub use engine::EngineOp;

use crate::enumeration::EnumItem;
use crate::error::codes;
use crate::handle_types::{
    ClusterEnumExHandle, ClusterEnumHandle, ClusterHandle, GroupEnumExHandle, GroupEnumHandle, GroupHandle,
    Handle, NetInterfaceHandle, NetworkEnumHandle, NetworkHandle, NodeEnumExHandle, NodeEnumHandle,
    NodeHandle, ResourceEnumExHandle, ResourceEnumHandle, ResourceHandle, ResourceTypeEnumHandle,
};
use crate::handles::{Kind, Origin, RawHandle};
use crate::sim::Sim;
use crate::world::{
    Cluster, ClusterBuilder, NetInterfaceState, NodeId, NodeState, ObjectId, ResourceState, ResourceType,
    World,
};

/// An index that picks one of the candidate values for an argument, modulo their number.
pub type Pick = u16;

/// The object kinds that are opened by name from a cluster handle.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectKind {
    /// `HNODE` (`OpenClusterNode`).
    Node,
    /// `HGROUP` (`OpenClusterGroup`).
    Group,
    /// `HRESOURCE` (`OpenClusterResource`).
    Resource,
    /// `HNETWORK` (`OpenClusterNetwork`).
    Network,
    /// `HNETINTERFACE` (`OpenClusterNetInterface`).
    NetInterface,
}

impl ObjectKind {
    /// Every object kind.
    pub const ALL: [ObjectKind; 5] = [
        ObjectKind::Node,
        ObjectKind::Group,
        ObjectKind::Resource,
        ObjectKind::Network,
        ObjectKind::NetInterface,
    ];

    /// The handle kind.
    pub fn kind(self) -> Kind {
        match self {
            ObjectKind::Node => Kind::Node,
            ObjectKind::Group => Kind::Group,
            ObjectKind::Resource => Kind::Resource,
            ObjectKind::Network => Kind::Network,
            ObjectKind::NetInterface => Kind::NetInterface,
        }
    }

    /// The error an unknown name gives.
    pub fn not_found(self) -> u32 {
        match self {
            ObjectKind::Node => codes::ERROR_CLUSTER_NODE_NOT_FOUND,
            ObjectKind::Group => codes::ERROR_GROUP_NOT_FOUND,
            ObjectKind::Resource => codes::ERROR_RESOURCE_NOT_FOUND,
            ObjectKind::Network => codes::ERROR_CLUSTER_NETWORK_NOT_FOUND,
            ObjectKind::NetInterface => codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
        }
    }

    fn of(kind: Kind) -> Option<ObjectKind> {
        ObjectKind::ALL.into_iter().find(|o| o.kind() == kind)
    }
}

/// The enumeration families, plain and `Ex`.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnumKind {
    /// `ClusterOpenEnum` on a cluster handle.
    Cluster,
    /// `ClusterOpenEnumEx`.
    ClusterEx,
    /// `ClusterNodeOpenEnum` on a node handle.
    Node,
    /// `ClusterNodeOpenEnumEx`.
    NodeEx,
    /// `ClusterGroupOpenEnum` on a group handle.
    Group,
    /// `ClusterGroupOpenEnumEx`.
    GroupEx,
    /// `ClusterResourceOpenEnum` on a resource handle.
    Resource,
    /// `ClusterResourceOpenEnumEx`.
    ResourceEx,
    /// `ClusterResourceTypeOpenEnum` on a cluster handle and a type name.
    ResourceType,
    /// `ClusterNetworkOpenEnum` on a network handle.
    Network,
}

impl EnumKind {
    /// Every enumeration kind.
    pub const ALL: [EnumKind; 10] = [
        EnumKind::Cluster,
        EnumKind::ClusterEx,
        EnumKind::Node,
        EnumKind::NodeEx,
        EnumKind::Group,
        EnumKind::GroupEx,
        EnumKind::Resource,
        EnumKind::ResourceEx,
        EnumKind::ResourceType,
        EnumKind::Network,
    ];

    /// The handle kind of the enumeration.
    pub fn kind(self) -> Kind {
        match self {
            EnumKind::Cluster => Kind::ClusterEnum,
            EnumKind::ClusterEx => Kind::ClusterEnumEx,
            EnumKind::Node => Kind::NodeEnum,
            EnumKind::NodeEx => Kind::NodeEnumEx,
            EnumKind::Group => Kind::GroupEnum,
            EnumKind::GroupEx => Kind::GroupEnumEx,
            EnumKind::Resource => Kind::ResourceEnum,
            EnumKind::ResourceEx => Kind::ResourceEnumEx,
            EnumKind::ResourceType => Kind::ResourceTypeEnum,
            EnumKind::Network => Kind::NetworkEnum,
        }
    }

    /// The kind of handle the enumeration is opened on.
    pub fn parent_kind(self) -> Kind {
        match self {
            EnumKind::Cluster
            | EnumKind::ClusterEx
            | EnumKind::GroupEx
            | EnumKind::ResourceEx
            | EnumKind::ResourceType => Kind::Cluster,
            EnumKind::Node | EnumKind::NodeEx => Kind::Node,
            EnumKind::Group => Kind::Group,
            EnumKind::Resource => Kind::Resource,
            EnumKind::Network => Kind::Network,
        }
    }

    fn of(kind: Kind) -> Option<EnumKind> {
        EnumKind::ALL.into_iter().find(|e| e.kind() == kind)
    }

    /// Masks worth trying for this family: every documented bit alone, useful combinations,
    /// and invalid ones.
    fn masks(self) -> &'static [u32] {
        match self {
            EnumKind::Cluster | EnumKind::ClusterEx => &[
                0x1,
                0x2,
                0x4,
                0x8,
                0x10,
                0x20,
                0x3f,
                0x2000_0000,
                0x4000_0000,
                0x8000_0000,
                0,
                0x40,
                0x100,
                0x4000_0001,
                0x8000_0010,
                0x2000_0008,
            ],
            _ => &[0, 1, 2, 3, 4, 7, 8, 0x40, 0x100, u32::MAX],
        }
    }
}

/// Letter case applied to a known name, to check that lookups ignore case.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Case {
    /// As stored.
    #[default]
    AsIs,
    /// Upper case.
    Upper,
    /// Lower case.
    Lower,
}

impl Case {
    fn apply(self, s: &str) -> String {
        match self {
            Case::AsIs => s.to_owned(),
            Case::Upper => s.to_uppercase(),
            Case::Lower => s.to_lowercase(),
        }
    }
}

/// The name argument of `OpenCluster`.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClusterName {
    /// `NULL`: the local cluster.
    Local,
    /// `""`.
    Empty,
    /// A name the world answers to (a cluster's name, its FQDN, or a node's name), by index.
    Known {
        /// Index into those names, modulo their number.
        index: u8,
        /// Letter case applied to it.
        case: Case,
    },
    /// One of [`OTHER_NAMES`], by index.
    Other(u8),
}

/// The name argument of an `OpenCluster*` object function or `ClusterResourceTypeOpenEnum`.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameChoice {
    /// A name (or, for groups, a GUID) of an object of the kind in any cluster of the world, by
    /// index: it may belong to another cluster than the handle's.
    Known {
        /// Index into those names, modulo their number.
        index: u8,
        /// Letter case applied to it.
        case: Case,
    },
    /// One of [`OTHER_NAMES`], by index.
    Other(u8),
}

/// Names to try besides the world's own: empty, near misses, other kinds' names, Unicode.
pub const OTHER_NAMES: &[&str] = &[
    "",
    "no such object",
    " ",
    "Cluster Group ",
    " Cluster Group",
    "Cluster Group\0",
    "ALPHA",
    "ALPHA-N1",
    "Cluster Network 1 ",
    "\u{c7}luster Group",
    "\u{ff23}\u{ff2c}\u{ff35}\u{ff33}\u{ff34}\u{ff25}\u{ff32}",
    "Cluster Disk 1",
    "ALPHA-N1 - Ethernet",
    "*",
    "%s%s%n",
    "..\\..\\",
    "alpha.lab.example",
    "00000000-0000-0000-0000-000000000000",
];

/// The id argument of `OpenClusterNodeById`.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeIdChoice {
    /// The id of a node of any cluster, by index.
    Known(u8),
    /// Any id.
    Raw(u32),
}

/// The `dwType` mask of an enumeration.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MaskChoice {
    /// One of a list of masks worth trying for the family (valid and invalid), by index.
    Listed(u8),
    /// Any mask.
    Raw(u32),
}

/// A function that takes a handle, with its other arguments.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Call {
    /// `CloseCluster`.
    CloseCluster,
    /// `GetClusterInformation` (the cluster's name).
    ClusterInformation,
    /// `OpenClusterNode`, `OpenClusterGroup`, ... on a cluster handle.
    Open {
        /// What to open.
        kind: ObjectKind,
        /// Its name.
        name: NameChoice,
    },
    /// `OpenClusterNodeById` on a cluster handle.
    OpenNodeById(NodeIdChoice),
    /// An enumeration's open function on a handle of its parent kind.
    OpenEnum {
        /// The family.
        kind: EnumKind,
        /// `dwType`.
        mask: MaskChoice,
        /// The type name, for [`EnumKind::ResourceType`] only.
        type_name: NameChoice,
    },
    /// `CloseClusterNode`, `CloseClusterGroup`, ...
    Close(ObjectKind),
    /// `GetClusterNodeState`, `GetClusterGroupState`, ...
    State(ObjectKind),
    /// `GetClusterFromNode`, `GetClusterFromGroup`, ...
    ClusterFrom(ObjectKind),
    /// `ClusterGetEnumCount` and siblings.
    EnumCount(EnumKind),
    /// `ClusterEnum` and siblings, at an index.
    EnumItem(EnumKind, u8),
    /// `ClusterCloseEnum` and siblings.
    CloseEnum(EnumKind),
}

impl Call {
    /// The kind of handle the call takes.
    pub fn handle_kind(self) -> Kind {
        match self {
            Call::CloseCluster | Call::ClusterInformation | Call::Open { .. } | Call::OpenNodeById(_) => {
                Kind::Cluster
            }
            Call::OpenEnum { kind, .. } => kind.parent_kind(),
            Call::Close(k) | Call::State(k) | Call::ClusterFrom(k) => k.kind(),
            Call::EnumCount(e) | Call::EnumItem(e, _) | Call::CloseEnum(e) => e.kind(),
        }
    }

    /// A read-only call that any live handle of `kind` passes: the probe used to check that a
    /// value resolves.
    fn probe(kind: Kind) -> Option<Call> {
        if kind == Kind::Cluster {
            Some(Call::ClusterInformation)
        } else if let Some(o) = ObjectKind::of(kind) {
            Some(Call::State(o))
        } else {
            EnumKind::of(kind).map(Call::EnumCount)
        }
    }
}

/// A value that no simulator issued, or issued for something else.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Forged {
    /// `NULL`.
    Null,
    /// `INVALID_HANDLE_VALUE` (-1).
    MinusOne,
    /// Any 64-bit pattern.
    Raw(u64),
    /// Any odd value.
    Odd(u64),
    /// A live value plus 1, 2 or 3 (unaligned).
    Misaligned {
        /// Which live value.
        handle: Pick,
        /// Added to it (1 to 3).
        offset: u8,
    },
    /// A live value with one bit flipped.
    FlipBit {
        /// Which live value.
        handle: Pick,
        /// Which bit (modulo 64).
        bit: u8,
    },
    /// A live value with its kind bits replaced (same slot and generation, another kind).
    Rekind {
        /// Which live value.
        handle: Pick,
        /// The kind number to put there (modulo 32).
        kind: u8,
    },
}

/// One step of a test.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `OpenCluster` on the primary simulator.
    OpenCluster(ClusterName),
    /// `CloseCluster` on a live cluster handle (`NULL` when there is none).
    CloseCluster(Pick),
    /// Open a node, group, resource, network or net interface by name from a live cluster
    /// handle.
    Open {
        /// What to open.
        kind: ObjectKind,
        /// Which cluster handle.
        cluster: Pick,
        /// Its name.
        name: NameChoice,
    },
    /// `OpenClusterNodeById` from a live cluster handle.
    OpenNodeById {
        /// Which cluster handle.
        cluster: Pick,
        /// The id.
        id: NodeIdChoice,
    },
    /// Close a live object handle of `kind`.
    Close {
        /// Which kind of handle.
        kind: ObjectKind,
        /// Which handle of that kind.
        handle: Pick,
    },
    /// Open an enumeration on a live handle of the family's parent kind.
    OpenEnum {
        /// The family.
        kind: EnumKind,
        /// Which parent handle.
        parent: Pick,
        /// `dwType`.
        mask: MaskChoice,
        /// The type name, for [`EnumKind::ResourceType`] only.
        type_name: NameChoice,
    },
    /// Count the items of a live enumeration (any family).
    EnumCount {
        /// Which enumeration handle.
        handle: Pick,
    },
    /// Read an item of a live enumeration (any family), maybe past the end.
    EnumItem {
        /// Which enumeration handle.
        handle: Pick,
        /// The index.
        index: u8,
    },
    /// Close a live enumeration (any family).
    CloseEnum {
        /// Which enumeration handle.
        handle: Pick,
    },
    /// The state getter of a live object handle of `kind`.
    State {
        /// Which kind of handle.
        kind: ObjectKind,
        /// Which handle of that kind.
        handle: Pick,
    },
    /// `GetClusterFrom*` on a live object handle of `kind`.
    ClusterFrom {
        /// Which kind of handle.
        kind: ObjectKind,
        /// Which handle of that kind.
        handle: Pick,
    },
    /// `call` with a value the primary simulator issued and that has since been closed (of any
    /// kind), whose slot has often been reused since.
    UseStale {
        /// The call.
        call: Call,
        /// Which closed value.
        stale: Pick,
    },
    /// `call` with a live value of another kind than it takes.
    UseWrongKind {
        /// The call.
        call: Call,
        /// Which live value of another kind.
        handle: Pick,
    },
    /// `call` with a forged value.
    UseForged {
        /// The call.
        call: Call,
        /// The value.
        value: Forged,
    },
    /// `OpenCluster` on the foreign simulator.
    OpenForeignCluster(ClusterName),
    /// `call` on the foreign simulator with one of its own live handles of the kind it takes
    /// (so the foreign side has handles of every kind to lend).
    OnForeign {
        /// The call.
        call: Call,
        /// Which foreign handle.
        handle: Pick,
    },
    /// `call` with a live value of the other simulator (of the kind it takes, when there is
    /// one): foreign values on the primary, or primary values on the foreign one.
    UseForeign {
        /// The call.
        call: Call,
        /// Which value.
        handle: Pick,
        /// Pass a primary value to the foreign simulator instead.
        reverse: bool,
    },
    /// `CloseCluster` every live cluster handle of both simulators; afterwards none may have
    /// any open handle left.
    CloseAll,
    /// A state-changing call or a step of the virtual clock on the primary simulator, checked
    /// by the per-operation rules of [`engine`].
    Engine(EngineOp),
}

/// Which simulator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Side {
    /// The one most ops use.
    Primary = 0,
    /// The one whose handles must be invalid in the primary (H7).
    Foreign = 1,
}

impl Side {
    fn other(self) -> Side {
        match self {
            Side::Primary => Side::Foreign,
            Side::Foreign => Side::Primary,
        }
    }
}

/// Counts of what a run exercised, to show that the interesting paths were reached.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Ops applied.
    pub ops: u64,
    /// Ops skipped because no value of the wanted sort existed.
    pub skipped: u64,
    /// Calls (including probes) that succeeded.
    pub succeeded: u64,
    /// Calls that failed with `ERROR_INVALID_HANDLE`.
    pub invalid_handle: u64,
    /// Calls that failed with another error code.
    pub other_errors: u64,
    /// `CloseCluster` calls that closed a live cluster handle.
    pub clusters_closed: u64,
    /// Handles closed as descendants of a cluster handle.
    pub descendants_closed: u64,
    /// Stale values used while their slot held another live handle (H3).
    pub stale_on_reused_slot: u64,
    /// State-changing calls that completed before returning.
    pub engine_done: u64,
    /// State-changing calls that returned pending (`ERROR_IO_PENDING`).
    pub engine_pending: u64,
    /// State-changing calls on live handles that the rules refused.
    pub engine_refused: u64,
    /// Group set calls that succeeded and changed the cluster.
    pub group_set_changes: u64,
}

/// What a call returned, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Returned {
    Bool(bool),
    Handle(isize),
    Unit,
    Text(String),
    Count(u32),
    Item(EnumItem),
}

/// What a call did to the handle table, for the model to follow.
#[derive(Clone, Debug)]
enum Effect {
    Nothing,
    CloseTree(usize),
    CloseOne(usize),
    Issue { kind: Kind, parent: usize, target: Target, value: isize },
}

/// What the model predicts.
#[derive(Clone, Debug)]
enum Expect {
    Err(u32),
    /// `CloseCluster`: `true`, closing the tree of this entry if any.
    CloseCluster(Option<usize>),
    NewHandle {
        kind: Kind,
        parent: usize,
        target: Target,
    },
    Closed(usize),
    Text(String),
    Handle(isize),
    Count(u32),
    Item {
        mask: u32,
    },
}

/// What a handle refers to, in the model.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Cluster(usize),
    Node(usize, NodeId),
    Group(usize, ObjectId),
    Resource(usize, ObjectId),
    Network(usize, ObjectId),
    NetInterface(usize, ObjectId),
    Enum { count: u32, mask: u32 },
}

/// One value the interpreter saw issued.
#[derive(Clone, Debug)]
struct Entry {
    value: isize,
    kind: Kind,
    side: Side,
    live: bool,
    parent: Option<usize>,
    target: Target,
}

/// The names ops pick from, computed once from the world.
#[derive(Clone, Debug, Default)]
struct Names {
    clusters: Vec<String>,
    objects: HashMap<Kind, Vec<String>>,
    resource_types: Vec<String>,
    node_ids: Vec<NodeId>,
}

impl Names {
    fn of(world: &World) -> Names {
        let mut names = Names::default();
        for c in world.clusters() {
            names.clusters.push(c.name().to_string());
            names.clusters.push(c.fqdn().to_string());
            names.clusters.extend(c.nodes().iter().map(|n| n.name.clone()));
            let mut add = |kind: Kind, list: Vec<String>| names.objects.entry(kind).or_default().extend(list);
            add(Kind::Node, c.nodes().iter().map(|n| n.name.clone()).collect());
            add(Kind::Group, c.groups().values().flat_map(|g| [g.name.clone(), g.guid.clone()]).collect());
            add(Kind::Resource, c.resources().values().map(|r| r.name.clone()).collect());
            add(Kind::Network, c.networks().values().map(|n| n.name.clone()).collect());
            add(Kind::NetInterface, c.net_interfaces().values().map(|n| n.name.clone()).collect());
            names.resource_types.extend(c.resource_types().iter().map(|t| t.name.clone()));
            names.node_ids.extend(c.nodes().iter().map(|n| n.id));
        }
        names
    }

    fn pick(list: &[String], index: u8, case: Case) -> String {
        match list.len() {
            0 => String::new(),
            n => case.apply(&list[usize::from(index) % n]),
        }
    }

    fn cluster(&self, choice: ClusterName) -> Option<String> {
        match choice {
            ClusterName::Local => None,
            ClusterName::Empty => Some(String::new()),
            ClusterName::Known { index, case } => Some(Names::pick(&self.clusters, index, case)),
            ClusterName::Other(i) => Some(other_name(i).to_owned()),
        }
    }

    fn object(&self, kind: Kind, choice: NameChoice) -> String {
        match choice {
            NameChoice::Known { index, case } => {
                Names::pick(self.objects.get(&kind).map_or(&[][..], Vec::as_slice), index, case)
            }
            NameChoice::Other(i) => other_name(i).to_owned(),
        }
    }

    fn resource_type(&self, choice: NameChoice) -> String {
        match choice {
            NameChoice::Known { index, case } => Names::pick(&self.resource_types, index, case),
            NameChoice::Other(i) => other_name(i).to_owned(),
        }
    }

    fn node_id(&self, choice: NodeIdChoice) -> NodeId {
        match choice {
            NodeIdChoice::Known(i) if !self.node_ids.is_empty() => {
                self.node_ids[usize::from(i) % self.node_ids.len()]
            }
            NodeIdChoice::Known(i) => u32::from(i),
            NodeIdChoice::Raw(id) => id,
        }
    }
}

fn other_name(i: u8) -> &'static str {
    OTHER_NAMES[usize::from(i) % OTHER_NAMES.len()]
}

/// The model's own name comparison: equal after upper-casing every character (the rule the
/// simulator documents, written out again here so that the model does not borrow the code it
/// checks).
fn same_name(a: &str, b: &str) -> bool {
    a.chars().flat_map(char::to_uppercase).eq(b.chars().flat_map(char::to_uppercase))
}

/// The slot of a value, per the layout documented in [`crate::handles`]; for statistics only.
fn slot_of(value: isize) -> usize {
    #[cfg(target_pointer_width = "64")]
    const SLOT_BITS: u32 = 23;
    #[cfg(not(target_pointer_width = "64"))]
    const SLOT_BITS: u32 = 12;
    (value as usize >> 7) & ((1 << SLOT_BITS) - 1)
}

/// The kind bits of a value, per the layout documented in [`crate::handles`].
const KIND_FIELD: isize = 0x1f << 2;

/// Runs `$body` with `$e` bound to the typed handle of enumeration kind `$kind`.
macro_rules! with_enum {
    ($kind:expr, $e:ident => $body:expr) => {
        match $kind {
            EnumKind::Cluster => {
                type $e = ClusterEnumHandle;
                $body
            }
            EnumKind::ClusterEx => {
                type $e = ClusterEnumExHandle;
                $body
            }
            EnumKind::Node => {
                type $e = NodeEnumHandle;
                $body
            }
            EnumKind::NodeEx => {
                type $e = NodeEnumExHandle;
                $body
            }
            EnumKind::Group => {
                type $e = GroupEnumHandle;
                $body
            }
            EnumKind::GroupEx => {
                type $e = GroupEnumExHandle;
                $body
            }
            EnumKind::Resource => {
                type $e = ResourceEnumHandle;
                $body
            }
            EnumKind::ResourceEx => {
                type $e = ResourceEnumExHandle;
                $body
            }
            EnumKind::ResourceType => {
                type $e = ResourceTypeEnumHandle;
                $body
            }
            EnumKind::Network => {
                type $e = NetworkEnumHandle;
                $body
            }
        }
    };
}

/// Calls `call` on `sim` with `value`, and normalises what it returns.
fn invoke(sim: &Sim, names: &Names, call: Call, value: isize) -> Result<Returned, u32> {
    fn handle<H: Handle>(h: H) -> Returned {
        Returned::Handle(h.raw())
    }
    fn unit<T>(_: T) -> Returned {
        Returned::Unit
    }
    let cluster = ClusterHandle::from_raw(value);
    let result = match call {
        Call::CloseCluster => return Ok(Returned::Bool(sim.close_cluster(cluster))),
        Call::ClusterInformation => sim.cluster_information(cluster).map(|i| Returned::Text(i.name)),
        Call::Open { kind, name } => {
            let name = names.object(kind.kind(), name);
            match kind {
                ObjectKind::Node => sim.open_node(cluster, &name).map(handle),
                ObjectKind::Group => sim.open_group(cluster, &name).map(handle),
                ObjectKind::Resource => sim.open_resource(cluster, &name).map(handle),
                ObjectKind::Network => sim.open_network(cluster, &name).map(handle),
                ObjectKind::NetInterface => sim.open_net_interface(cluster, &name).map(handle),
            }
        }
        Call::OpenNodeById(id) => sim.open_node_by_id(cluster, names.node_id(id)).map(handle),
        Call::OpenEnum { kind, mask, type_name } => {
            let m = mask_value(kind, mask);
            match kind {
                EnumKind::Cluster => sim.cluster_open_enum(cluster, m).map(handle),
                EnumKind::ClusterEx => sim.cluster_open_enum_ex(cluster, m).map(handle),
                EnumKind::Node => sim.node_open_enum(NodeHandle::from_raw(value), m).map(handle),
                EnumKind::NodeEx => sim.node_open_enum_ex(NodeHandle::from_raw(value), m).map(handle),
                EnumKind::Group => sim.group_open_enum(GroupHandle::from_raw(value), m).map(handle),
                EnumKind::GroupEx => sim.group_open_enum_ex(cluster, &[], &[]).map(handle),
                EnumKind::Resource => sim.resource_open_enum(ResourceHandle::from_raw(value), m).map(handle),
                EnumKind::ResourceEx => sim.resource_open_enum_ex(cluster, &[], &[]).map(handle),
                EnumKind::ResourceType => {
                    sim.resource_type_open_enum(cluster, &names.resource_type(type_name), m).map(handle)
                }
                EnumKind::Network => sim.network_open_enum(NetworkHandle::from_raw(value), m).map(handle),
            }
        }
        Call::Close(kind) => match kind {
            ObjectKind::Node => sim.close_node(NodeHandle::from_raw(value)),
            ObjectKind::Group => sim.close_group(GroupHandle::from_raw(value)),
            ObjectKind::Resource => sim.close_resource(ResourceHandle::from_raw(value)),
            ObjectKind::Network => sim.close_network(NetworkHandle::from_raw(value)),
            ObjectKind::NetInterface => sim.close_net_interface(NetInterfaceHandle::from_raw(value)),
        }
        .map(unit),
        Call::State(kind) => match kind {
            ObjectKind::Node => sim.node_state(NodeHandle::from_raw(value)).map(|s| format!("{s:?}")),
            ObjectKind::Group => sim
                .group_state(GroupHandle::from_raw(value))
                .map(|s| format!("{:?}", (s.state, s.owner_node))),
            ObjectKind::Resource => {
                sim.resource_state(ResourceHandle::from_raw(value)).map(|s| format!("{:?}", s.state))
            }
            ObjectKind::Network => {
                sim.network_state(NetworkHandle::from_raw(value)).map(|s| format!("{s:?}"))
            }
            ObjectKind::NetInterface => {
                sim.net_interface_state(NetInterfaceHandle::from_raw(value)).map(|s| format!("{s:?}"))
            }
        }
        .map(Returned::Text),
        Call::ClusterFrom(kind) => match kind {
            ObjectKind::Node => sim.cluster_from_node(NodeHandle::from_raw(value)),
            ObjectKind::Group => sim.cluster_from_group(GroupHandle::from_raw(value)),
            ObjectKind::Resource => sim.cluster_from_resource(ResourceHandle::from_raw(value)),
            ObjectKind::Network => sim.cluster_from_network(NetworkHandle::from_raw(value)),
            ObjectKind::NetInterface => sim.cluster_from_net_interface(NetInterfaceHandle::from_raw(value)),
        }
        .map(handle),
        Call::EnumCount(kind) => {
            with_enum!(kind, E => sim.enum_count(E::from_raw(value))).map(Returned::Count)
        }
        Call::EnumItem(kind, index) => {
            with_enum!(kind, E => sim.enum_item(E::from_raw(value), u32::from(index))).map(Returned::Item)
        }
        Call::CloseEnum(kind) => with_enum!(kind, E => sim.close_enum(E::from_raw(value))).map(unit),
    };
    result.map_err(|e| e.code())
}

fn mask_value(kind: EnumKind, mask: MaskChoice) -> u32 {
    match mask {
        MaskChoice::Listed(i) => kind.masks()[usize::from(i) % kind.masks().len()],
        MaskChoice::Raw(m) => m,
    }
}

/// Drives a primary and a foreign [`Sim`] with [`Op`]s and checks each result against a
/// reference model; see the [module docs](self).
pub struct Interpreter {
    sims: [Sim; 2],
    /// Each simulator's world as the model last read it: the initial world, then (primary
    /// side) the world after each engine op.
    worlds: [World; 2],
    names: Names,
    entries: Vec<Entry>,
    by_value: HashMap<isize, usize>,
    violations: [usize; 2],
    stats: Stats,
    /// Resources of the primary's clusters taken offline without recording it in their
    /// persistent state (`DO_NOT_UPDATE_PERSISTENT_STATE`), and not online since: the settle
    /// rule lets them stay offline.
    held_offline: std::collections::HashSet<(usize, ObjectId)>,
}

impl std::fmt::Debug for Interpreter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Interpreter")
            .field("issued", &self.entries.len())
            .field("live", &self.entries.iter().filter(|e| e.live).count())
            .field("stats", &self.stats)
            .finish()
    }
}

impl Interpreter {
    /// Two simulators of `world` (a primary and a foreign one) and an empty model.
    ///
    /// # Panics
    /// If `world` breaks one of its invariants.
    pub fn new(world: World) -> Interpreter {
        let build = || Sim::builder().world(world.clone()).trace_capacity(64).build();
        let sims = [build(), build()];
        Interpreter {
            names: Names::of(&world),
            worlds: [world.clone(), world],
            sims,
            entries: Vec::new(),
            by_value: HashMap::new(),
            violations: [0; 2],
            stats: Stats::default(),
            held_offline: Default::default(),
        }
    }

    /// The primary simulator.
    pub fn sim(&self) -> &Sim {
        &self.sims[0]
    }

    /// The foreign simulator.
    pub fn foreign_sim(&self) -> &Sim {
        &self.sims[1]
    }

    /// What the ops so far exercised.
    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The number of values the model holds live on the primary simulator.
    pub fn live_count(&self) -> usize {
        self.entries.iter().filter(|e| e.live && e.side == Side::Primary).count()
    }

    /// Applies `op` to the simulators and the model, then checks each simulator's open handles
    /// and violations against the model.
    ///
    /// # Errors
    /// A description of the first difference between a simulator and the model.
    pub fn apply(&mut self, op: &Op) -> Result<(), String> {
        self.stats.ops += 1;
        self.step(op).map_err(|e| format!("{op:?}: {e}"))?;
        self.check_tables().map_err(|e| format!("after {op:?}: {e}"))
    }

    fn step(&mut self, op: &Op) -> Result<(), String> {
        use Side::{Foreign, Primary};
        match *op {
            Op::OpenCluster(name) => self.open_cluster(Primary, name),
            Op::OpenForeignCluster(name) => self.open_cluster(Foreign, name),
            Op::CloseCluster(p) => self.on_live(Primary, Call::CloseCluster, p),
            Op::Open { kind, cluster, name } => self.on_live(Primary, Call::Open { kind, name }, cluster),
            Op::OpenNodeById { cluster, id } => self.on_live(Primary, Call::OpenNodeById(id), cluster),
            Op::Close { kind, handle } => self.on_live(Primary, Call::Close(kind), handle),
            Op::OpenEnum { kind, parent, mask, type_name } => {
                self.on_live(Primary, Call::OpenEnum { kind, mask, type_name }, parent)
            }
            Op::EnumCount { handle } => self.on_live_enum(handle, Call::EnumCount),
            Op::EnumItem { handle, index } => self.on_live_enum(handle, |e| Call::EnumItem(e, index)),
            Op::CloseEnum { handle } => self.on_live_enum(handle, Call::CloseEnum),
            Op::State { kind, handle } => self.on_live(Primary, Call::State(kind), handle),
            Op::ClusterFrom { kind, handle } => self.on_live(Primary, Call::ClusterFrom(kind), handle),
            Op::OnForeign { call, handle } => self.on_live(Foreign, call, handle),
            Op::UseStale { call, stale } => {
                let closed: Vec<usize> = self.select(|e| e.side == Primary && !e.live);
                let Some(i) = pick(&closed, stale) else { return self.skip() };
                let value = self.entries[i].value;
                let slot = slot_of(value);
                if self.entries.iter().any(|e| e.live && e.side == Primary && slot_of(e.value) == slot) {
                    self.stats.stale_on_reused_slot += 1;
                }
                self.exec(Primary, call, value)
            }
            Op::UseWrongKind { call, handle } => {
                let wrong: Vec<usize> =
                    self.select(|e| e.side == Primary && e.live && e.kind != call.handle_kind());
                let Some(i) = pick(&wrong, handle) else { return self.skip() };
                self.exec(Primary, call, self.entries[i].value)
            }
            Op::UseForged { call, value } => {
                let value = self.forge(value);
                self.exec(Primary, call, value)
            }
            Op::UseForeign { call, handle, reverse } => {
                let side = if reverse { Foreign } else { Primary };
                let lender = side.other();
                let mut candidates =
                    self.select(|e| e.side == lender && e.live && e.kind == call.handle_kind());
                if candidates.is_empty() {
                    candidates = self.select(|e| e.side == lender && e.live);
                }
                let Some(i) = pick(&candidates, handle) else { return self.skip() };
                self.exec(side, call, self.entries[i].value)
            }
            Op::CloseAll => self.close_all(),
            Op::Engine(op) => self.engine_step(op),
        }
    }

    fn skip(&mut self) -> Result<(), String> {
        self.stats.skipped += 1;
        Ok(())
    }

    fn select(&self, f: impl Fn(&Entry) -> bool) -> Vec<usize> {
        (0..self.entries.len()).filter(|&i| f(&self.entries[i])).collect()
    }

    /// `call` on `side` with one of its live handles of the kind `call` takes, or `NULL`.
    fn on_live(&mut self, side: Side, call: Call, p: Pick) -> Result<(), String> {
        let kind = call.handle_kind();
        let live = self.select(|e| e.side == side && e.live && e.kind == kind);
        let value = pick(&live, p).map_or(0, |i| self.entries[i].value);
        self.exec(side, call, value)
    }

    /// The call `make` builds for the family of a live primary enumeration handle.
    fn on_live_enum(&mut self, p: Pick, make: impl Fn(EnumKind) -> Call) -> Result<(), String> {
        let live = self.select(|e| e.side == Side::Primary && e.live && EnumKind::of(e.kind).is_some());
        let Some(i) = pick(&live, p) else { return self.skip() };
        let kind = EnumKind::of(self.entries[i].kind).expect("selected enumerations only");
        self.exec(Side::Primary, make(kind), self.entries[i].value)
    }

    fn forge(&self, forged: Forged) -> isize {
        let live = self.select(|e| e.side == Side::Primary && e.live);
        let base = |p: Pick| pick(&live, p).map_or(0x1000, |i| self.entries[i].value);
        match forged {
            Forged::Null => 0,
            Forged::MinusOne => -1,
            Forged::Raw(v) => v as isize,
            Forged::Odd(v) => (v | 1) as isize,
            Forged::Misaligned { handle, offset } => base(handle).wrapping_add(isize::from(offset % 3 + 1)),
            Forged::FlipBit { handle, bit } => base(handle) ^ (1isize << (bit % 64)),
            Forged::Rekind { handle, kind } => (base(handle) & !KIND_FIELD) | (isize::from(kind % 32) << 2),
        }
    }

    /// `OpenCluster` on `side`.
    fn open_cluster(&mut self, side: Side, choice: ClusterName) -> Result<(), String> {
        let name = self.names.cluster(choice);
        let expected = match name.as_deref() {
            None | Some("") if !self.worlds[side as usize].clusters().is_empty() => {
                Ok(self.worlds[side as usize].local())
            }
            Some(n) if !n.is_empty() => self.worlds[side as usize]
                .clusters()
                .iter()
                .position(|c| {
                    same_name(c.name(), n)
                        || same_name(c.fqdn(), n)
                        || c.nodes().iter().any(|m| same_name(&m.name, n))
                })
                .ok_or(codes::RPC_S_SERVER_UNAVAILABLE),
            _ => Err(codes::RPC_S_SERVER_UNAVAILABLE),
        };
        let actual =
            self.sims[side as usize].open_cluster(name.as_deref()).map(|h| h.raw()).map_err(|e| e.code());
        match (expected, actual) {
            (Ok(cluster), Ok(value)) => {
                self.stats.succeeded += 1;
                self.issue(side, value, Kind::Cluster, None, Target::Cluster(cluster))
            }
            (Err(want), Err(got)) if want == got => {
                self.stats.other_errors += 1;
                Ok(())
            }
            (want, got) => Err(format!("OpenCluster({name:?}) on {side:?}: expected {want:?}, got {got:?}")),
        }
    }

    /// Records a newly issued value after checking its form and that it is new.
    fn issue(
        &mut self,
        side: Side,
        value: isize,
        kind: Kind,
        parent: Option<usize>,
        target: Target,
    ) -> Result<(), String> {
        if value <= 0 || value % 4 != 0 {
            return Err(format!("issued a malformed {} value {value:#x} (H1)", kind.type_name()));
        }
        if RawHandle(value).kind() != Some(kind) {
            return Err(format!(
                "issued {value:#x} as {} but it encodes {:?} (H2)",
                kind.type_name(),
                RawHandle(value).kind()
            ));
        }
        if let Some(&old) = self.by_value.get(&value) {
            let e = &self.entries[old];
            return Err(format!(
                "issued {value:#x} again (H3/H7): first issued on {:?} as {}, live={}",
                e.side,
                e.kind.type_name(),
                e.live
            ));
        }
        self.by_value.insert(value, self.entries.len());
        self.entries.push(Entry { value, kind, side, live: true, parent, target });
        Ok(())
    }

    /// The live entry `value` names on `side` with kind `kind`, if any.
    fn resolve(&self, side: Side, value: isize, kind: Kind) -> Option<usize> {
        let &i = self.by_value.get(&value)?;
        let e = &self.entries[i];
        (e.live && e.side == side && e.kind == kind).then_some(i)
    }

    fn cluster_index(&self, entry: usize) -> usize {
        match self.entries[entry].target {
            Target::Cluster(c)
            | Target::Node(c, _)
            | Target::Group(c, _)
            | Target::Resource(c, _)
            | Target::Network(c, _)
            | Target::NetInterface(c, _) => c,
            Target::Enum { .. } => unreachable!("enumerations are never a call's parent object"),
        }
    }

    /// What `call` with `value` on `side` must do, from the model alone.
    fn expect(&self, side: Side, call: Call, value: isize) -> Expect {
        let Some(i) = self.resolve(side, value, call.handle_kind()) else {
            return match call {
                Call::CloseCluster => Expect::CloseCluster(None),
                _ => Expect::Err(codes::ERROR_INVALID_HANDLE),
            };
        };
        let world = &self.worlds[side as usize];
        match call {
            Call::CloseCluster => Expect::CloseCluster(Some(i)),
            Call::ClusterInformation => {
                Expect::Text(world.clusters()[self.cluster_index(i)].name().to_string())
            }
            Call::Open { kind, name } => {
                let ci = self.cluster_index(i);
                let c = &world.clusters()[ci];
                let name = self.names.object(kind.kind(), name);
                let target = match kind {
                    ObjectKind::Node => {
                        c.nodes().iter().find(|n| same_name(&n.name, &name)).map(|n| Target::Node(ci, n.id))
                    }
                    ObjectKind::Group => c
                        .groups()
                        .values()
                        .find(|g| same_name(&g.name, &name))
                        .or_else(|| c.groups().values().find(|g| same_name(&g.guid, &name)))
                        .map(|g| Target::Group(ci, g.id)),
                    ObjectKind::Resource => c
                        .resources()
                        .values()
                        .find(|r| same_name(&r.name, &name))
                        .map(|r| Target::Resource(ci, r.id)),
                    ObjectKind::Network => c
                        .networks()
                        .values()
                        .find(|n| same_name(&n.name, &name))
                        .map(|n| Target::Network(ci, n.id)),
                    ObjectKind::NetInterface => c
                        .net_interfaces()
                        .values()
                        .find(|n| same_name(&n.name, &name))
                        .map(|n| Target::NetInterface(ci, n.id)),
                };
                match target {
                    Some(target) => Expect::NewHandle { kind: kind.kind(), parent: i, target },
                    None => Expect::Err(kind.not_found()),
                }
            }
            Call::OpenNodeById(id) => {
                let ci = self.cluster_index(i);
                let id = self.names.node_id(id);
                match world.clusters()[ci].nodes().iter().find(|n| n.id == id) {
                    Some(n) => {
                        Expect::NewHandle { kind: Kind::Node, parent: i, target: Target::Node(ci, n.id) }
                    }
                    None => Expect::Err(codes::ERROR_CLUSTER_NODE_NOT_FOUND),
                }
            }
            Call::OpenEnum { .. } | Call::State(_) if self.gone(i).is_some() => {
                Expect::Err(self.gone(i).expect("checked"))
            }
            Call::OpenEnum { kind, mask, type_name } => {
                let mask = match kind {
                    // Their items are all groups (CLUSTER_ENUM_GROUP) or all resources.
                    EnumKind::GroupEx => 0x8,
                    EnumKind::ResourceEx => 0x4,
                    _ => mask_value(kind, mask),
                };
                let c = &world.clusters()[self.cluster_index(i)];
                let type_name = self.names.resource_type(type_name);
                if kind == EnumKind::ResourceType
                    && !c.resource_types().iter().any(|t| same_name(&t.name, &type_name))
                {
                    return Expect::Err(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
                }
                match expected_count(c, &self.entries[i].target, kind, mask, &type_name) {
                    Some(count) => Expect::NewHandle {
                        kind: kind.kind(),
                        parent: i,
                        target: Target::Enum { count, mask },
                    },
                    None => Expect::Err(codes::ERROR_INVALID_PARAMETER),
                }
            }
            Call::Close(_) | Call::CloseEnum(_) => Expect::Closed(i),
            Call::State(_) => Expect::Text(self.expected_state(i)),
            Call::ClusterFrom(_) => match self.entries[i].parent {
                Some(p) if self.entries[p].kind == Kind::Cluster => Expect::Handle(self.entries[p].value),
                other => unreachable!("object handle {i} has parent {other:?}"),
            },
            Call::EnumCount(_) | Call::EnumItem(..) => {
                let Target::Enum { count, mask } = self.entries[i].target else {
                    unreachable!("enum kinds only")
                };
                match call {
                    Call::EnumItem(_, index) if u32::from(index) >= count => {
                        Expect::Err(codes::ERROR_NO_MORE_ITEMS)
                    }
                    Call::EnumItem(..) => Expect::Item { mask },
                    _ => Expect::Count(count),
                }
            }
        }
    }

    /// The code a call through entry `i` gets because its object was deleted or evicted
    /// since the handle was opened (H6), if it was.
    fn gone(&self, i: usize) -> Option<u32> {
        let e = &self.entries[i];
        let world = &self.worlds[e.side as usize];
        match e.target {
            Target::Node(c, id) => {
                world.clusters()[c].node(id).is_none().then_some(codes::ERROR_NODE_NOT_AVAILABLE)
            }
            Target::Group(c, g) => {
                (!world.clusters()[c].groups().contains_key(&g)).then_some(codes::ERROR_GROUP_NOT_AVAILABLE)
            }
            Target::Resource(c, r) => (!world.clusters()[c].resources().contains_key(&r))
                .then_some(codes::ERROR_RESOURCE_NOT_AVAILABLE),
            // An evicted node takes its interfaces with it.
            Target::NetInterface(c, n) => (!world.clusters()[c].net_interfaces().contains_key(&n))
                .then_some(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND),
            Target::Network(c, n) => (!world.clusters()[c].networks().contains_key(&n))
                .then_some(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND),
            _ => None,
        }
    }

    fn expected_state(&self, i: usize) -> String {
        let c = &self.worlds[self.entries[i].side as usize].clusters()[self.cluster_index(i)];
        let node = |id: NodeId| c.nodes().iter().find(|n| n.id == id);
        match self.entries[i].target {
            Target::Node(_, id) => {
                format!("{:?}", node(id).map(|n| n.state).expect("node handles name nodes"))
            }
            Target::Group(_, g) => {
                let g = &c.groups()[&g];
                let owner = node(g.owner).map(|n| n.name.clone()).unwrap_or_default();
                format!("{:?}", (c.group_state(g), owner))
            }
            Target::Resource(_, r) => format!("{:?}", c.resources()[&r].state),
            Target::Network(_, n) => format!("{:?}", c.networks()[&n].state),
            Target::NetInterface(_, n) => format!("{:?}", c.net_interfaces()[&n].state),
            Target::Cluster(_) | Target::Enum { .. } => unreachable!("object kinds only"),
        }
    }

    /// Runs `call` with `value` on `side` and compares the result with the model, without
    /// changing the model: returns what the call did to the handle table, and its error code.
    fn run(&self, side: Side, call: Call, value: isize) -> Result<(Effect, Option<u32>), String> {
        let expected = self.expect(side, call, value);
        let actual = invoke(&self.sims[side as usize], &self.names, call, value);
        let fail = |what: &str| {
            Err(format!("{call:?} with {value:#x} on {side:?}: expected {expected:?}, got {actual:?}{what}"))
        };
        let effect = match (&expected, &actual) {
            (&Expect::Err(want), &Err(got)) if want == got => return Ok((Effect::Nothing, Some(got))),
            (_, Err(_)) | (Expect::Err(_), Ok(_)) => return fail(""),
            (&Expect::CloseCluster(closes), Ok(Returned::Bool(true))) => {
                closes.map_or(Effect::Nothing, Effect::CloseTree)
            }
            (Expect::CloseCluster(_), Ok(_)) => return fail(": CloseCluster must always return TRUE (H4)"),
            (&Expect::NewHandle { kind, parent, ref target }, &Ok(Returned::Handle(value))) => {
                Effect::Issue { kind, parent, target: target.clone(), value }
            }
            (&Expect::Closed(i), Ok(Returned::Unit)) => Effect::CloseOne(i),
            (Expect::Text(want), Ok(Returned::Text(got))) if want == got => Effect::Nothing,
            (Expect::Handle(want), Ok(Returned::Handle(got))) if want == got => Effect::Nothing,
            (Expect::Count(want), Ok(Returned::Count(got))) if want == got => Effect::Nothing,
            (&Expect::Item { mask }, Ok(Returned::Item(item)))
                if item.object_type.count_ones() == 1 && item.object_type & !mask == 0 =>
            {
                Effect::Nothing
            }
            _ => return fail(""),
        };
        Ok((effect, None))
    }

    /// Runs `call` with `value` on `side`, compares with the model, and updates the model.
    fn exec(&mut self, side: Side, call: Call, value: isize) -> Result<(), String> {
        let (effect, error) = self.run(side, call, value)?;
        match error {
            None => self.stats.succeeded += 1,
            Some(codes::ERROR_INVALID_HANDLE) => self.stats.invalid_handle += 1,
            Some(_) => self.stats.other_errors += 1,
        }
        match effect {
            Effect::Nothing => Ok(()),
            Effect::CloseTree(i) => self.close_tree(side, i),
            Effect::CloseOne(i) => {
                self.close_one(i);
                Ok(())
            }
            Effect::Issue { kind, parent, target, value } => {
                self.issue(side, value, kind, Some(parent), target)
            }
        }
    }

    /// Closes entry `i` alone: its children move to its parent, as the registry does.
    fn close_one(&mut self, i: usize) {
        let parent = self.entries[i].parent;
        self.entries[i].live = false;
        for e in &mut self.entries {
            if e.live && e.parent == Some(i) {
                e.parent = parent;
            }
        }
    }

    /// Closes cluster entry `root` and its descendants in the model, then checks that each of
    /// them is invalid and every other live handle of either simulator still resolves (H4).
    fn close_tree(&mut self, side: Side, root: usize) -> Result<(), String> {
        let mut closed = vec![root];
        let mut k = 0;
        while k < closed.len() {
            let p = closed[k];
            closed.extend(
                (0..self.entries.len())
                    .filter(|&i| self.entries[i].live && self.entries[i].parent == Some(p)),
            );
            k += 1;
        }
        for &i in &closed {
            self.entries[i].live = false;
        }
        self.stats.clusters_closed += 1;
        self.stats.descendants_closed += closed.len() as u64 - 1;
        if closed.len() > 1 {
            self.violations[side as usize] += 1;
        }
        for &i in &closed {
            self.probe(i, side)
                .map_err(|e| format!("a descendant of the closed cluster still resolves: {e}"))?;
        }
        for i in 0..self.entries.len() {
            if self.entries[i].live {
                self.probe(i, self.entries[i].side)
                    .map_err(|e| format!("a handle outside the closed tree stopped working: {e}"))?;
            }
        }
        Ok(())
    }

    /// Checks that entry `i` resolves on `side` exactly when the model says so, with a
    /// read-only call.
    fn probe(&self, i: usize, side: Side) -> Result<(), String> {
        let e = &self.entries[i];
        let call = Call::probe(e.kind).expect("every issued kind has a probe");
        self.run(side, call, e.value).map(drop)
    }

    /// `CloseCluster` on every live cluster handle of both simulators; then neither may have
    /// an open handle, since every handle descends from a cluster handle.
    pub fn close_all(&mut self) -> Result<(), String> {
        for side in [Side::Primary, Side::Foreign] {
            for i in self.select(|e| e.side == side && e.kind == Kind::Cluster) {
                if self.entries[i].live {
                    self.exec(side, Call::CloseCluster, self.entries[i].value)?;
                }
            }
            let left = self.sims[side as usize].harness().open_handles();
            if !left.is_empty() {
                return Err(format!(
                    "{side:?} has open handles after closing every cluster handle: {left:?}"
                ));
            }
        }
        Ok(())
    }

    /// Checks each simulator's open handles (values, kinds, parents), violations and leak
    /// report against the model. The world's invariants are left to
    /// [`check_all`](Self::check_all): the ops change no object, and debug builds of the
    /// simulator check them after every call anyway.
    fn check_tables(&self) -> Result<(), String> {
        for side in [Side::Primary, Side::Foreign] {
            let sim = &self.sims[side as usize];
            let open = sim.harness().open_handles();
            // H8: each handle records where the Rust caller opened it, which is here, in this
            // module (src/ops/), as long as every opening function passes its caller's location
            // through.
            let here = std::path::Path::new(file!()).parent().expect("a file in a directory");
            if let Some(h) =
                open.iter().find(|h| !matches!(h.origin, Origin::Rust(l) if std::path::Path::new(l.file()).parent() == Some(here)))
            {
                return Err(format!("{side:?} handle {:?} records its origin as {}, not in {}", h.handle, h.origin, here.display()));
            }
            let mut got: Vec<(isize, Kind, Option<isize>)> = open
                .into_iter()
                .map(|h| (h.handle.value(), h.kind, h.parent.map(RawHandle::value)))
                .collect();
            got.sort_unstable();
            let mut want: Vec<(isize, Kind, Option<isize>)> = self
                .entries
                .iter()
                .filter(|e| e.live && e.side == side)
                .map(|e| (e.value, e.kind, e.parent.map(|p| self.entries[p].value)))
                .collect();
            want.sort_unstable();
            if got != want {
                let mut msg = format!("{side:?} open_handles differ from the model:\n");
                for h in got.iter().filter(|h| !want.contains(h)) {
                    let _ = writeln!(msg, "  only in the simulator: {h:x?}");
                }
                for h in want.iter().filter(|h| !got.contains(h)) {
                    let _ = writeln!(msg, "  only in the model: {h:x?}");
                }
                return Err(msg);
            }
            let violations = sim.harness().violation_count() as usize;
            if violations != self.violations[side as usize] {
                return Err(format!(
                    "{side:?} recorded {violations} violations, the model {}",
                    self.violations[side as usize]
                ));
            }
            if sim.harness().check_leaks().is_ok() != (want.is_empty() && violations == 0) {
                return Err(format!("{side:?} check_leaks disagrees: {:?}", sim.harness().check_leaks()));
            }
        }
        Ok(())
    }

    /// Every check at once: the tables of [`apply`](Self::apply), the world's invariants, and a
    /// probe of every value ever issued on both simulators: a live value resolves on its own
    /// side only, a closed one nowhere (H3, H7).
    ///
    /// # Errors
    /// A description of the first difference between a simulator and the model.
    pub fn check_all(&self) -> Result<(), String> {
        self.check_tables()?;
        for sim in &self.sims {
            sim.harness()
                .inspect(World::check_invariants)
                .map_err(|e| format!("world invariant broken: {e}"))?;
        }
        for i in 0..self.entries.len() {
            for side in [Side::Primary, Side::Foreign] {
                self.probe(i, side)?;
            }
        }
        Ok(())
    }
}

fn pick(candidates: &[usize], p: Pick) -> Option<usize> {
    match candidates.len() {
        0 => None,
        n => Some(candidates[usize::from(p) % n]),
    }
}

/// The number of items an enumeration of `kind` with `mask` on the object `target` holds, or
/// `None` when the mask is invalid. Written from the documented selectors, independently of
/// [`crate::enumeration`].
fn expected_count(c: &Cluster, target: &Target, kind: EnumKind, mask: u32, type_name: &str) -> Option<u32> {
    let bit = |b: u32, n: usize| if mask & b != 0 { n } else { 0 };
    let is_node = |id: &NodeId| c.nodes().iter().any(|n| n.id == *id);
    // Cluster Shared Volumes: Physical Disks in groups of CLUSGROUP_TYPE 4, listed by their
    // own selectors (0x20000000 groups, 0x40000000 resources) and by no other.
    let csv_groups = c.groups().values().filter(|g| g.group_type == 4).count();
    let csvs = c
        .resources()
        .values()
        .filter(|r| {
            r.resource_type.eq_ignore_ascii_case("Physical Disk") && c.groups()[&r.group].group_type == 4
        })
        .count();
    let n = match (kind, target) {
        (EnumKind::Cluster | EnumKind::ClusterEx, _) => {
            let known = 0x3f | 0x2000_0000 | 0x4000_0000 | 0x8000_0000;
            let alone = [0x4000_0000, 0x8000_0000];
            if mask & !known != 0 || alone.iter().any(|&a| mask & a != 0 && mask != a) {
                return None;
            }
            bit(0x1, c.nodes().len())
                + bit(0x2, c.resource_types().len())
                + bit(0x4, c.resources().len() - csvs)
                + bit(0x8, c.groups().len() - csv_groups)
                + bit(0x10 | 0x8000_0000, c.networks().len())
                + bit(0x20, c.net_interfaces().len())
                + bit(0x2000_0000, csv_groups)
                + bit(0x4000_0000, csvs)
        }
        // The cluster-wide Ex enumerations take no mask: every group or resource but the CSVs.
        (EnumKind::GroupEx, _) => c.groups().len() - csv_groups,
        (EnumKind::ResourceEx, _) => c.resources().len() - csvs,
        (EnumKind::Group, Target::Group(_, g)) => {
            let g = &c.groups()[g];
            bit(1, g.resources.len()) + bit(2, g.preferred_owners.iter().filter(|o| is_node(o)).count())
        }
        (EnumKind::Node | EnumKind::NodeEx, &Target::Node(_, id)) => {
            if mask & !7 != 0 {
                return None;
            }
            bit(1, c.net_interfaces().values().filter(|n| n.node == id).count())
                + bit(2, c.groups().values().filter(|g| g.owner == id).count())
                + bit(4, c.groups().values().filter(|g| g.preferred_owners.contains(&id)).count())
        }
        (EnumKind::Resource, Target::Resource(_, r)) => {
            if mask & !7 != 0 {
                return None;
            }
            let res = &c.resources()[r];
            bit(1, res.dependencies.len())
                + bit(2, c.resources().values().filter(|d| d.dependencies.contains(r)).count())
                + bit(4, res.possible_owners.iter().filter(|o| is_node(o)).count())
        }
        // Undefined bits are accepted (Samba's test_CreateResTypeEnum against Windows).
        (EnumKind::ResourceType, _) => {
            bit(1, c.nodes().len())
                + bit(2, c.resources().values().filter(|r| same_name(&r.resource_type, type_name)).count())
        }
        (EnumKind::Network, Target::Network(_, n)) => {
            if mask & !1 != 0 {
                return None;
            }
            bit(1, c.net_interfaces().values().filter(|i| i.network == *n).count())
        }
        (kind, target) => unreachable!("{kind:?} opened on {target:?}"),
    };
    Some(n as u32)
}

/// A world of two clusters with every kind of object and relation, for the property tests and
/// the fuzz target: `ALPHA` (local; three nodes, one down, with non-contiguous ids; four
/// groups, dependencies, preferred owners, two networks) and `BETA` (two nodes), which share
/// some object names so that a name from one cluster is tried in the other.
///
/// # Panics
/// Never: the construction is fixed and valid.
pub fn sample_world() -> World {
    fn rt(name: &str, class: u32) -> ResourceType {
        ResourceType::new(name, "clusres.dll", class, 0)
    }
    let mut a = ClusterBuilder::new("ALPHA", "alpha.lab.example", 1);
    let a1 = a.add_node("ALPHA-N1", None, NodeState::Up).expect("fixed world");
    let a2 = a.add_node("ALPHA-N2", None, NodeState::Up).expect("fixed world");
    let a5 = a.add_node("ALPHA-N5", Some(5), NodeState::Down).expect("fixed world");
    for (t, class) in [("Physical Disk", 1), ("IP Address", 2), ("Network Name", 2), ("Generic Service", 0)] {
        a.add_resource_type(rt(t, class)).expect("fixed world");
    }
    let core = a.add_group("Cluster Group", a1).expect("fixed world");
    let sql = a.add_group("SQL Group", a2).expect("fixed world");
    let storage = a.add_group("Available Storage", a1).expect("fixed world");
    a.add_group("Empty Group", a5).expect("fixed world");
    a.set_group_policy(core, false, 9999, false, &[a1, a2]).expect("fixed world");
    a.set_group_policy(sql, false, 9999, false, &[a2, a5, a1]).expect("fixed world");
    let ip = a.add_resource(core, "Cluster IP Address", "IP Address").expect("fixed world");
    let name = a.add_resource(core, "Cluster Name", "Network Name").expect("fixed world");
    a.add_dependency(name, ip).expect("fixed world");
    let disk = a.add_resource(sql, "SQL Disk", "Physical Disk").expect("fixed world");
    let svc = a.add_resource(sql, "SQL Server", "Generic Service").expect("fixed world");
    let sql_ip = a.add_resource(sql, "SQL IP Address", "IP Address").expect("fixed world");
    a.add_dependency(svc, disk).expect("fixed world");
    a.add_dependency(svc, sql_ip).expect("fixed world");
    a.add_resource(storage, "Cluster Disk 1", "Physical Disk").expect("fixed world");
    a.set_resource_policy(svc, false, false, &[a1, a2]).expect("fixed world");
    // Delays, so that operations are pending across ops and clock steps.
    a.set_type_delays("Generic Service", 100, 40).expect("fixed world");
    a.set_resource_delays(disk, Some(30), None).expect("fixed world");
    for r in [ip, name] {
        a.set_resource_state(r, ResourceState::Online).expect("fixed world");
    }
    let net1 = a.add_network("Cluster Network 1", "10.0.0.0", "255.255.255.0").expect("fixed world");
    let net2 = a.add_network("Cluster Network 2", "10.0.1.0", "255.255.255.0").expect("fixed world");
    for (node, addr) in [(a1, "10.0.0.11"), (a2, "10.0.0.12"), (a5, "10.0.0.15")] {
        a.add_net_interface(node, net1, "Ethernet", addr).expect("fixed world");
    }
    let hb = a.add_net_interface(a1, net2, "Ethernet 2", "10.0.1.11").expect("fixed world");
    a.set_net_interface_state(hb, NetInterfaceState::Unreachable).expect("fixed world");

    let mut b = ClusterBuilder::new("BETA", "beta.lab.example", 2);
    let b1 = b.add_node("BETA-N1", None, NodeState::Up).expect("fixed world");
    let b2 = b.add_node("BETA-N2", None, NodeState::Paused).expect("fixed world");
    b.add_resource_type(rt("Physical Disk", 1)).expect("fixed world");
    b.add_group("Cluster Group", b1).expect("fixed world");
    let bs = b.add_group("Available Storage", b2).expect("fixed world");
    b.add_resource(bs, "Cluster Disk 2", "Physical Disk").expect("fixed world");
    let bnet = b.add_network("Cluster Network 1", "10.9.0.0", "255.255.0.0").expect("fixed world");
    b.add_net_interface(b1, bnet, "Ethernet", "10.9.0.1").expect("fixed world");
    World::new(vec![a.build(), b.build()], 0).expect("fixed world")
}
