//! The state-changing ops and clock steps of the op language, and the rules they are checked
//! against.
//!
//! The model does not run a second engine. It checks each op's effect, the world before
//! against the world after, with small per-operation rules:
//!
//! * a handle the model does not hold live, of the kind the call takes, gives
//!   `ERROR_INVALID_HANDLE (6)`;
//! * every code is one the call documents; a call that fails changes nothing at all, not even
//!   the clock;
//! * no op changes what is not state: objects, names, dependencies, possible and preferred
//!   owners stay as they were (node states change only by pause, resume, down and up); no op
//!   touches another cluster;
//! * on success, the op's own postcondition: an online that is done leaves the resource
//!   online (pending: `OnlinePending`), an offline leaves it offline, a fail leaves it failed or
//!   its group failed over, a move or an online on a node leaves the group there, a pause
//!   leaves the node paused, a node that went down hosts nothing online;
//! * a clock step moves the virtual clock by exactly its amount;
//! * after `settle`, nothing is pending, and every resource whose persistent state is online
//!   is online or failed, unless its node cannot host it or one of its providers failed;
//! * after every op, the world's invariants hold (debug builds check them at every commit
//!   too), and the group states the getters report follow the derivation rule, since the
//!   model's expected group state is derived from the resources the world holds.

use std::time::Duration;

use super::{Interpreter, Pick, Side, pick};
use crate::error::codes;
use crate::handle_types::{GroupHandle, Handle, NodeHandle, ResourceHandle};
use crate::handles::Kind;
use crate::world::{Cluster, NodeId, NodeState, ObjectId, ResourceState, World};
use crate::{Completion, Error, Sim};

/// One state-changing call or clock step on the primary simulator.
#[cfg_attr(feature = "fuzzing", derive(arbitrary::Arbitrary))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EngineOp {
    /// `OnlineClusterResourceEx` with one of [`RESOURCE_FLAGS`].
    OnlineResource {
        /// Which live resource handle.
        handle: Pick,
        /// Which flags, by index.
        flags: u8,
    },
    /// `OfflineClusterResourceEx` with one of [`RESOURCE_FLAGS`].
    OfflineResource {
        /// Which live resource handle.
        handle: Pick,
        /// Which flags, by index.
        flags: u8,
    },
    /// `FailClusterResource`.
    FailResource {
        /// Which live resource handle.
        handle: Pick,
    },
    /// `OnlineClusterGroup`, on the owner or on a live node handle.
    OnlineGroup {
        /// Which live group handle.
        handle: Pick,
        /// Which live node handle, if any.
        node: Option<Pick>,
    },
    /// `OfflineClusterGroup`.
    OfflineGroup {
        /// Which live group handle.
        handle: Pick,
    },
    /// `MoveClusterGroup`, to a live node handle or to the best node.
    MoveGroup {
        /// Which live group handle.
        handle: Pick,
        /// Which live node handle, if any.
        node: Option<Pick>,
    },
    /// `PauseClusterNode`.
    PauseNode {
        /// Which live node handle.
        handle: Pick,
    },
    /// `ResumeClusterNode`.
    ResumeNode {
        /// Which live node handle.
        handle: Pick,
    },
    /// A node of the local cluster crashes (by index).
    NodeDown(u8),
    /// A node of the local cluster comes back (by index).
    NodeUp(u8),
    /// The virtual clock moves this many tens of milliseconds.
    Advance(u8),
    /// The clock runs until nothing is pending.
    Settle,
    /// `CreateClusterResource` in a live group, with a name of [`NEW_NAMES`] and an installed
    /// type (or, at the end of the list, an unknown one).
    CreateResource {
        /// Which live group handle.
        group: Pick,
        /// Which name.
        name: u8,
        /// Which type.
        kind: u8,
    },
    /// `DeleteClusterResource`.
    DeleteResource {
        /// Which live resource handle.
        handle: Pick,
    },
    /// `SetClusterResourceName` to one of [`NEW_NAMES`].
    RenameResource {
        /// Which live resource handle.
        handle: Pick,
        /// Which name.
        name: u8,
    },
    /// `CreateClusterGroup` on a live cluster handle.
    CreateGroup {
        /// Which live cluster handle.
        cluster: Pick,
        /// Which name.
        name: u8,
    },
    /// `DeleteClusterGroup`.
    DeleteGroup {
        /// Which live group handle.
        handle: Pick,
    },
    /// `DestroyClusterGroup`.
    DestroyGroup {
        /// Which live group handle.
        handle: Pick,
    },
    /// `SetClusterGroupName` to one of [`NEW_NAMES`].
    RenameGroup {
        /// Which live group handle.
        handle: Pick,
        /// Which name.
        name: u8,
    },
    /// `AddClusterResourceDependency` (`remove`: `RemoveClusterResourceDependency`).
    Dependency {
        /// Which live resource handle (the dependent).
        handle: Pick,
        /// Which live resource handle (the provider).
        provider: Pick,
        /// Remove instead of add.
        remove: bool,
    },
    /// `AddClusterResourceNode` (`remove`: `RemoveClusterResourceNode`).
    PossibleOwner {
        /// Which live resource handle.
        handle: Pick,
        /// Which live node handle.
        node: Pick,
        /// Remove instead of add.
        remove: bool,
    },
    /// `SetClusterGroupNodeList` with up to two live node handles.
    NodeList {
        /// Which live group handle.
        handle: Pick,
        /// The nodes, by pick (how many: `count % 3`).
        nodes: [Pick; 2],
        /// How many of them.
        count: u8,
    },
    /// `ChangeClusterResourceGroup`.
    ChangeGroup {
        /// Which live resource handle.
        handle: Pick,
        /// Which live group handle.
        group: Pick,
    },
    /// `RestartClusterResource`.
    Restart {
        /// Which live resource handle.
        handle: Pick,
    },
    /// `CancelClusterGroupOperation`.
    Cancel {
        /// Which live group handle.
        handle: Pick,
    },
    /// `PauseClusterNodeEx` with drain, to a live node or to the best nodes.
    Drain {
        /// Which live node handle.
        handle: Pick,
        /// Which live node handle is the drain target, if any.
        target: Option<Pick>,
    },
    /// `ResumeClusterNodeEx` with failback type `failback % 4` (3 is undefined).
    ResumeEx {
        /// Which live node handle.
        handle: Pick,
        /// The failback type.
        failback: u8,
    },
    /// `EvictClusterNode`.
    Evict {
        /// Which live node handle.
        handle: Pick,
    },
    /// `SetClusterResourceDependencyExpression` with one of [`EXPRESSIONS`].
    Expression {
        /// Which live resource handle.
        handle: Pick,
        /// Which expression.
        expr: u8,
    },
    /// A group set call on the cluster of a live group handle, the sets named from
    /// [`GROUP_SET_NAMES`] (opened by name, closed after): `action % 10` is create set `a`,
    /// delete `a`, add the group to `a`, remove the group from its set, make `a` depend on `b`,
    /// remove that, make the group depend on `a`, remove that, move the group to `a`, or set
    /// `a`'s expression to [`GROUP_SET_EXPRESSIONS`]`[b]`.
    GroupSet {
        /// Which live group handle.
        group: Pick,
        /// Which call.
        action: u8,
        /// The first set, by name.
        a: u8,
        /// The second set, or the expression.
        b: u8,
    },
}

/// The group set names the group set ops use: the default cluster's, two new ones, a case
/// variant and the empty name.
pub const GROUP_SET_NAMES: &[&str] = &["Cluster Group", "Web", "Data", "WEB", ""];

/// The group set dependency expressions the ops set: ANDs of names, with parentheses, an OR,
/// an unknown set, a syntax error and the empty one (clears).
pub const GROUP_SET_EXPRESSIONS: &[&str] =
    &["[Web]", "[Data] and ([Cluster Group])", "[Web] or [Data]", "[Nope]", "[Web", ""];

/// Dependency expressions the ops set: AND lists and OR-sets over resources of the sample
/// world's and the default cluster's groups, names in another case, a bare OR, an empty one
/// (clears), a resource of another group, and syntax errors.
pub const EXPRESSIONS: &[&str] = &[
    "([SQL Disk] or [SQL IP Address])",
    "[sql disk] and [SQL IP Address]",
    "[SQL IP Address] or [SQL Server]",
    "([IP Address 10.0.0.70] or [CONTOSO-APP1])",
    "[Cluster IP Address]",
    "",
    "[SQL Disk] and",
    "([SQL Disk] or [SQL Disk])",
    "([Cluster Disk 4] or [SQL IP Address 1 (SQLFCI01)]) and [SQL Network Name (SQLFCI01)]",
];

/// Names the structural ops give new and renamed objects: new ones, case variants of one
/// another, names objects of the default cluster and the sample world already have, and the
/// empty name.
pub const NEW_NAMES: &[&str] =
    &["New Service", "NEW SERVICE", "Cluster IP Address", "Cluster Group", "", "Web"];

/// Flags the resource ops pick from: none, `DO_NOT_UPDATE_PERSISTENT_STATE` of online (2) and
/// of offline (4), and an undefined bit.
pub const RESOURCE_FLAGS: [u32; 4] = [0, 0x2, 0x4, 0x8000];

/// The codes each call documents besides success, pending and `ERROR_INVALID_HANDLE`.
fn allowed(op: EngineOp) -> &'static [u32] {
    use codes::*;
    match op {
        EngineOp::OnlineResource { .. } => &[
            ERROR_INVALID_PARAMETER,
            ERROR_INVALID_STATE,
            ERROR_HOST_NODE_NOT_AVAILABLE,
            ERROR_SHARING_PAUSED,
            ERROR_HOST_NODE_NOT_RESOURCE_OWNER,
        ],
        EngineOp::OfflineResource { .. } => &[ERROR_INVALID_PARAMETER, ERROR_INVALID_STATE],
        EngineOp::FailResource { .. } => &[ERROR_INVALID_STATE],
        EngineOp::OnlineGroup { .. } | EngineOp::MoveGroup { .. } => &[
            ERROR_INVALID_PARAMETER,
            ERROR_INVALID_STATE,
            ERROR_HOST_NODE_NOT_AVAILABLE,
            ERROR_SHARING_PAUSED,
            ERROR_HOST_NODE_NOT_RESOURCE_OWNER,
            ERROR_NODE_CANT_HOST_RESOURCE,
        ],
        EngineOp::OfflineGroup { .. } => &[ERROR_INVALID_STATE],
        EngineOp::PauseNode { .. } => &[ERROR_CLUSTER_NODE_DOWN],
        EngineOp::ResumeNode { .. } => &[ERROR_CLUSTER_NODE_NOT_PAUSED],
        EngineOp::NodeDown(_) | EngineOp::NodeUp(_) | EngineOp::Advance(_) | EngineOp::Settle => &[],
        EngineOp::CreateResource { .. } | EngineOp::CreateGroup { .. } => &[
            ERROR_INVALID_NAME,
            ERROR_OBJECT_ALREADY_EXISTS,
            ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND,
            ERROR_SHARING_PAUSED,
            ERROR_HOST_NODE_NOT_AVAILABLE,
        ],
        EngineOp::DeleteResource { .. } => {
            &[ERROR_INVALID_STATE, ERROR_CORE_RESOURCE, ERROR_DEPENDENT_RESOURCE_EXISTS]
        }
        EngineOp::RenameResource { .. } | EngineOp::RenameGroup { .. } => {
            &[ERROR_INVALID_NAME, ERROR_ALREADY_EXISTS]
        }
        EngineOp::DeleteGroup { .. } | EngineOp::DestroyGroup { .. } => {
            &[ERROR_DIR_NOT_EMPTY, ERROR_CORE_RESOURCE]
        }
        EngineOp::Dependency { .. } => &[
            ERROR_INVALID_PARAMETER,
            ERROR_CIRCULAR_DEPENDENCY,
            ERROR_DEPENDENCY_ALREADY_EXISTS,
            ERROR_DEPENDENCY_NOT_FOUND,
            ERROR_RESOURCE_ONLINE,
            ERROR_DEPENDENCY_TREE_TOO_COMPLEX,
            ERROR_INVALID_STATE,
        ],
        EngineOp::PossibleOwner { .. } => {
            &[
                ERROR_OBJECT_ALREADY_EXISTS,
                ERROR_CLUSTER_NODE_NOT_FOUND,
                ERROR_INVALID_STATE,
                ERROR_INVALID_PARAMETER,
            ] // 87: a node of another cluster
        }
        EngineOp::NodeList { .. } => &[ERROR_INVALID_PARAMETER],
        EngineOp::ChangeGroup { .. } => &[
            ERROR_ALREADY_EXISTS,
            ERROR_RESOURCE_ONLINE,
            ERROR_HOST_NODE_NOT_RESOURCE_OWNER,
            ERROR_INVALID_STATE,
            ERROR_INVALID_PARAMETER,
        ],
        EngineOp::Restart { .. } | EngineOp::Cancel { .. } => &[ERROR_INVALID_STATE, ERROR_INVALID_PARAMETER],
        EngineOp::Drain { .. } => &[
            ERROR_CLUSTER_NODE_DOWN,
            ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS,
            ERROR_HOST_NODE_NOT_AVAILABLE,
            ERROR_INVALID_PARAMETER,
        ],
        EngineOp::ResumeEx { .. } => &[ERROR_CLUSTER_NODE_NOT_PAUSED, ERROR_INVALID_PARAMETER],
        EngineOp::Evict { .. } => &[ERROR_CANT_EVICT_ACTIVE_NODE],
        EngineOp::GroupSet { .. } => &[
            ERROR_INVALID_NAME,
            ERROR_OBJECT_ALREADY_EXISTS,
            ERROR_GROUPSET_NOT_FOUND,
            ERROR_DIR_NOT_EMPTY,
            ERROR_INVALID_STATE,
            ERROR_INVALID_PARAMETER,
            ERROR_DEPENDENCY_ALREADY_EXISTS,
            ERROR_DEPENDENCY_NOT_FOUND,
        ],
        EngineOp::Expression { .. } => &[
            ERROR_INVALID_PARAMETER,
            ERROR_RESOURCE_NOT_FOUND,
            ERROR_CIRCULAR_DEPENDENCY,
            ERROR_DEPENDENCY_TREE_TOO_COMPLEX,
            ERROR_RESOURCE_ONLINE,
            ERROR_INVALID_STATE,
        ],
    }
}

/// Whether the op may change what the cluster is made of (objects, names, owner lists).
fn structural(op: EngineOp) -> bool {
    matches!(
        op,
        EngineOp::CreateResource { .. }
            | EngineOp::DeleteResource { .. }
            | EngineOp::RenameResource { .. }
            | EngineOp::CreateGroup { .. }
            | EngineOp::DeleteGroup { .. }
            | EngineOp::DestroyGroup { .. }
            | EngineOp::RenameGroup { .. }
            | EngineOp::Dependency { .. }
            | EngineOp::PossibleOwner { .. }
            | EngineOp::NodeList { .. }
            | EngineOp::ChangeGroup { .. }
            | EngineOp::Evict { .. }
            | EngineOp::Expression { .. }
            | EngineOp::GroupSet { .. }
    )
}

/// The codes any call gets through a live handle whose object was deleted or evicted (H6).
const GONE: [u32; 3] =
    [codes::ERROR_RESOURCE_NOT_AVAILABLE, codes::ERROR_GROUP_NOT_AVAILABLE, codes::ERROR_NODE_NOT_AVAILABLE];

/// What an op did: its code and, for the calls that can be pending, how it completed.
type Outcome = Result<Option<Completion>, u32>;

fn code_of(outcome: &Outcome) -> u32 {
    match outcome {
        Ok(Some(c)) => c.code(),
        Ok(None) => codes::ERROR_SUCCESS,
        Err(code) => *code,
    }
}

impl Interpreter {
    /// A live primary handle of `kind`, by pick, with its cluster index and target; `NULL`
    /// (and no target) when there is none.
    fn live(&self, kind: Kind, p: Pick) -> (isize, Option<usize>) {
        let live = self.select(|e| e.side == Side::Primary && e.live && e.kind == kind);
        match pick(&live, p) {
            Some(i) => (self.entries[i].value, Some(i)),
            None => (0, None),
        }
    }

    /// Runs one engine op on the primary simulator and checks it; then the model reads the
    /// world it left.
    pub(super) fn engine_step(&mut self, op: EngineOp) -> Result<(), String> {
        let sim = self.sims[Side::Primary as usize].clone();
        let before = sim.harness().world();
        let now = sim.harness().now();
        let local = before.local();
        let node_by_index = |i: u8| -> Option<NodeId> {
            let nodes = before.clusters().get(local)?.nodes();
            (!nodes.is_empty()).then(|| nodes[usize::from(i) % nodes.len()].id)
        };
        let node_name = |id: NodeId| before.clusters()[local].node(id).map(|n| n.name.clone());
        let resolved = |kind: Kind, p: Pick| self.live(kind, p);
        let node_arg = |p: Option<Pick>| p.map(|p| resolved(Kind::Node, p));
        // (the call's outcome, the handle entry it was on, the node entry it named)
        let (outcome, on, to): (Outcome, Option<usize>, Option<usize>) = match op {
            EngineOp::OnlineResource { handle, flags } | EngineOp::OfflineResource { handle, flags } => {
                let (value, on) = resolved(Kind::Resource, handle);
                let flags = RESOURCE_FLAGS[usize::from(flags) % RESOURCE_FLAGS.len()];
                let h = ResourceHandle::from_raw(value);
                let r = match op {
                    EngineOp::OnlineResource { .. } => sim.online_resource_ex(h, flags, None),
                    _ => sim.offline_resource_ex(h, flags, None),
                };
                (r.map(Some).map_err(Error::code), on, None)
            }
            EngineOp::FailResource { handle } => {
                let (value, on) = resolved(Kind::Resource, handle);
                (
                    sim.fail_resource(ResourceHandle::from_raw(value)).map(|()| None).map_err(Error::code),
                    on,
                    None,
                )
            }
            EngineOp::OnlineGroup { handle, node } | EngineOp::MoveGroup { handle, node } => {
                let (value, on) = resolved(Kind::Group, handle);
                let node = node_arg(node);
                let n = node.map(|(v, _)| NodeHandle::from_raw(v));
                let g = GroupHandle::from_raw(value);
                let r = match op {
                    EngineOp::OnlineGroup { .. } => sim.online_group(g, n),
                    _ => sim.move_group(g, n),
                };
                // A NULL node value (no live node handle) is "no node": only a live one counts.
                let to = node.and_then(|(_, e)| e);
                (r.map(Some).map_err(Error::code), on, to)
            }
            EngineOp::OfflineGroup { handle } => {
                let (value, on) = resolved(Kind::Group, handle);
                (sim.offline_group(GroupHandle::from_raw(value)).map(Some).map_err(Error::code), on, None)
            }
            EngineOp::PauseNode { handle } | EngineOp::ResumeNode { handle } => {
                let (value, on) = resolved(Kind::Node, handle);
                let n = NodeHandle::from_raw(value);
                let r = match op {
                    EngineOp::PauseNode { .. } => sim.pause_node(n),
                    _ => sim.resume_node(n),
                };
                (r.map(|()| None).map_err(Error::code), on, None)
            }
            EngineOp::NodeDown(i) | EngineOp::NodeUp(i) => {
                let Some(name) = node_by_index(i).and_then(node_name) else { return self.skip() };
                let r = match op {
                    EngineOp::NodeDown(_) => sim.harness().node_down(&name),
                    _ => sim.harness().node_up(&name),
                };
                r.map_err(|e| format!("{op:?}: {e}"))?;
                (Ok(None), None, None)
            }
            EngineOp::Advance(tens) => {
                sim.harness().advance(Duration::from_millis(u64::from(tens) * 10));
                (Ok(None), None, None)
            }
            EngineOp::Settle => {
                sim.harness().settle().map_err(|e| format!("settle: {e}"))?;
                (Ok(None), None, None)
            }
            _ => return self.structure_step(op, &sim, before, now),
        };
        let after = sim.harness().world();
        let code = code_of(&outcome);
        match outcome {
            Ok(Some(Completion::Done)) => self.stats.engine_done += 1,
            Ok(Some(Completion::Pending)) => self.stats.engine_pending += 1,
            Err(c) if c != codes::ERROR_INVALID_HANDLE => self.stats.engine_refused += 1,
            _ => {}
        }
        match code {
            codes::ERROR_SUCCESS => self.stats.succeeded += 1,
            codes::ERROR_INVALID_HANDLE => self.stats.invalid_handle += 1,
            _ => self.stats.other_errors += 1,
        }
        if let (EngineOp::OfflineResource { flags, .. }, Ok(_), Some(i)) = (op, &outcome, on) {
            if RESOURCE_FLAGS[usize::from(flags) % RESOURCE_FLAGS.len()] & 0x4 != 0 {
                if let super::Target::Resource(c, r) = self.entries[i].target {
                    let cluster = &after.clusters()[c];
                    for d in dependent_closure(cluster, r) {
                        self.held_offline.insert((c, d));
                    }
                }
            }
        }
        self.check_engine_op(op, &outcome, on, to, &before, &after, now)
            .map_err(|e| format!("{op:?} gave {code}: {e}"))?;
        self.held_offline
            .retain(|&(c, r)| after.clusters()[c].resources()[&r].state != ResourceState::Online);
        self.worlds[Side::Primary as usize] = after;
        Ok(())
    }

    /// The structural ops: they may change what the cluster is made of, and create handles.
    fn structure_step(
        &mut self,
        op: EngineOp,
        sim: &Sim,
        before: World,
        then: Duration,
    ) -> Result<(), String> {
        let res = |p: Pick| self.live(Kind::Resource, p);
        let grp = |p: Pick| self.live(Kind::Group, p);
        let nod = |p: Pick| self.live(Kind::Node, p);
        let name = |i: u8| NEW_NAMES[usize::from(i) % NEW_NAMES.len()];
        let code = |r: crate::Result<()>| r.map_err(Error::code);
        let rh = |v: isize| ResourceHandle::from_raw(v);
        let gh = |v: isize| GroupHandle::from_raw(v);
        let nh = |v: isize| NodeHandle::from_raw(v);
        // (outcome, the handle entries the call needs, a handle it created)
        let mut created: Option<(Kind, isize)> = None;
        let (outcome, needed): (Result<(), u32>, Vec<Option<usize>>) = match op {
            EngineOp::CreateResource { group, name: n, kind } => {
                let (g, ge) = grp(group);
                let mut types = self.names.resource_types.clone();
                types.push("No Such Type".into());
                let t = &types[usize::from(kind) % types.len()];
                let r = sim
                    .create_resource(gh(g), name(n), t, 0)
                    .map(|h| created = Some((Kind::Resource, h.raw())));
                (r.map_err(Error::code), vec![ge])
            }
            EngineOp::DeleteResource { handle } => {
                let (v, e) = res(handle);
                (code(sim.delete_resource(rh(v))), vec![e])
            }
            EngineOp::RenameResource { handle, name: n } => {
                let (v, e) = res(handle);
                (code(sim.set_resource_name(rh(v), name(n))), vec![e])
            }
            EngineOp::CreateGroup { cluster, name: n } => {
                let (v, e) = self.live(Kind::Cluster, cluster);
                let r = sim
                    .create_group(crate::ClusterHandle::from_raw(v), name(n))
                    .map(|h| created = Some((Kind::Group, h.raw())));
                (r.map_err(Error::code), vec![e])
            }
            EngineOp::DeleteGroup { handle } => {
                let (v, e) = grp(handle);
                (code(sim.delete_group(gh(v))), vec![e])
            }
            EngineOp::DestroyGroup { handle } => {
                let (v, e) = grp(handle);
                (code(sim.destroy_group(gh(v))), vec![e])
            }
            EngineOp::RenameGroup { handle, name: n } => {
                let (v, e) = grp(handle);
                (code(sim.set_group_name(gh(v), name(n))), vec![e])
            }
            EngineOp::Dependency { handle, provider, remove } => {
                let ((v, e), (p, pe)) = (res(handle), res(provider));
                let r = match remove {
                    false => sim.add_resource_dependency(rh(v), rh(p)),
                    true => sim.remove_resource_dependency(rh(v), rh(p)),
                };
                (code(r), vec![e, pe])
            }
            EngineOp::PossibleOwner { handle, node, remove } => {
                let ((v, e), (n, ne)) = (res(handle), nod(node));
                let r = match remove {
                    false => sim.add_resource_node(rh(v), nh(n)),
                    true => sim.remove_resource_node(rh(v), nh(n)),
                };
                (code(r), vec![e, ne])
            }
            EngineOp::NodeList { handle, nodes, count } => {
                let (v, e) = grp(handle);
                let picked: Vec<(isize, Option<usize>)> =
                    nodes.iter().take(usize::from(count % 3)).map(|&p| nod(p)).collect();
                let list: Vec<NodeHandle> = picked.iter().map(|&(n, _)| nh(n)).collect();
                let mut needed = vec![e];
                needed.extend(picked.iter().map(|&(_, ne)| ne));
                (code(sim.set_group_node_list(gh(v), &list)), needed)
            }
            EngineOp::ChangeGroup { handle, group } => {
                let ((v, e), (g, ge)) = (res(handle), grp(group));
                (code(sim.change_resource_group(rh(v), gh(g))), vec![e, ge])
            }
            EngineOp::Restart { handle } => {
                let (v, e) = res(handle);
                (sim.restart_resource(rh(v), 0).map(drop).map_err(Error::code), vec![e])
            }
            EngineOp::Cancel { handle } => {
                let (v, e) = grp(handle);
                (sim.cancel_group_operation(gh(v), 0).map(drop).map_err(Error::code), vec![e])
            }
            EngineOp::Drain { handle, target } => {
                let (v, e) = nod(handle);
                let t = target.map(nod);
                let mut needed = vec![e];
                if let Some((_, te)) = t {
                    needed.push(te);
                }
                let r = sim.pause_node_ex(nh(v), true, 0, t.map(|(tv, _)| nh(tv)), None);
                (r.map(drop).map_err(Error::code), needed)
            }
            EngineOp::ResumeEx { handle, failback } => {
                let (v, e) = nod(handle);
                let r = match crate::ResumeFailback::from_value(i32::from(failback % 4)) {
                    Some(f) => sim.resume_node_ex(nh(v), f, 0, None).map(drop).map_err(Error::code),
                    // An undefined type cannot be spelled in the Rust API; its export test covers 87.
                    None => return self.skip(),
                };
                (r, vec![e])
            }
            EngineOp::Evict { handle } => {
                let (v, e) = nod(handle);
                (code(sim.evict_node(nh(v))), vec![e])
            }
            EngineOp::Expression { handle, expr } => {
                let (v, e) = res(handle);
                let text = EXPRESSIONS[usize::from(expr) % EXPRESSIONS.len()];
                (code(sim.set_resource_dependency_expression(rh(v), text)), vec![e])
            }
            EngineOp::GroupSet { group, action, a, b } => {
                let (v, e) = grp(group);
                (code(group_set_call(sim, gh(v), action, a, b)), vec![e])
            }
            _ => unreachable!("state ops are run by engine_step"),
        };
        let after = sim.harness().world();
        match outcome {
            Ok(()) => self.stats.engine_done += 1,
            Err(codes::ERROR_INVALID_HANDLE) => self.stats.invalid_handle += 1,
            Err(_) => self.stats.engine_refused += 1,
        }
        if matches!(op, EngineOp::GroupSet { .. }) && outcome.is_ok() && before != after {
            self.stats.group_set_changes += 1;
        }
        let check = || -> Result<(), String> {
            // The handle arguments are checked in order: the first that is not live gives 6,
            // unless one before it names an object deleted or evicted since (H6), whose code
            // comes first.
            for e in &needed {
                let want = match *e {
                    None => codes::ERROR_INVALID_HANDLE,
                    Some(i) => match self.gone(i) {
                        Some(code) => code,
                        None => continue,
                    },
                };
                return match outcome {
                    Err(code) if code == want => unchanged(&before, &after),
                    // A gone object may also be caught by the rule the call checks first.
                    Err(code) if e.is_some() && (GONE.contains(&code) || allowed(op).contains(&code)) => {
                        unchanged(&before, &after)
                    }
                    other => Err(format!("a handle argument is not live: expected {want}, got {other:?}")),
                };
            }
            if let Err(code) = outcome {
                if !allowed(op).contains(&code)
                    && !GONE.contains(&code)
                    && code != codes::ERROR_INVALID_HANDLE
                {
                    return Err(format!("code {code} is not one the call documents"));
                }
                if sim.harness().now() != then {
                    return Err("a failed call moved the clock".into());
                }
                return unchanged(&before, &after);
            }
            let c = needed[0].map_or(before.local(), |i| self.cluster_index(i));
            for (i, (x, y)) in before.clusters().iter().zip(after.clusters()).enumerate() {
                if i != c && x != y {
                    return Err(format!("changed cluster {i}, which it does not act on"));
                }
            }
            if !structural(op) {
                same_structure(
                    &before.clusters()[c],
                    &after.clusters()[c],
                    matches!(op, EngineOp::Drain { .. } | EngineOp::ResumeEx { .. }),
                )?;
            }
            let a = &after.clusters()[c];
            let target = |i: Option<usize>| i.map(|i| self.entries[i].target.clone());
            use super::Target as T;
            match (op, target(needed[0])) {
                (EngineOp::DeleteResource { .. }, Some(T::Resource(_, r)))
                    if a.resources().contains_key(&r) =>
                {
                    Err("DeleteClusterResource succeeded but the resource is still there".into())
                }
                (EngineOp::DeleteGroup { .. } | EngineOp::DestroyGroup { .. }, Some(T::Group(_, g)))
                    if a.groups().contains_key(&g) =>
                {
                    Err("the group is still there".into())
                }
                (EngineOp::GroupSet { action, a: set, b: other, .. }, Some(T::Group(_, g))) => {
                    group_set_postcondition(a, g, action, set, other)
                }
                (EngineOp::Evict { .. }, Some(T::Node(_, n))) if a.node(n).is_some() => {
                    Err("the node is still there".into())
                }
                (EngineOp::RenameResource { name: n, .. }, Some(T::Resource(_, r)))
                    if !super::same_name(&a.resources()[&r].name, name(n)) =>
                {
                    Err(format!("renamed, but it is called {:?}", a.resources()[&r].name))
                }
                (EngineOp::RenameGroup { name: n, .. }, Some(T::Group(_, g)))
                    if !super::same_name(&a.groups()[&g].name, name(n)) =>
                {
                    Err(format!("renamed, but it is called {:?}", a.groups()[&g].name))
                }
                (EngineOp::Dependency { remove, .. }, Some(T::Resource(_, r))) => {
                    let Some(T::Resource(_, p)) = target(needed[1]) else { return Ok(()) };
                    match a.resources()[&r].dependencies.contains(&p) == remove {
                        true => {
                            Err(format!("the dependency is {}there", if remove { "still " } else { "not " }))
                        }
                        false => Ok(()),
                    }
                }
                (EngineOp::PossibleOwner { remove, .. }, Some(T::Resource(_, r))) => {
                    let Some(T::Node(_, n)) = target(needed[1]) else { return Ok(()) };
                    match a.resources()[&r].possible_owners.contains(&n) == remove {
                        true => Err("the possible owner list is not as asked".into()),
                        false => Ok(()),
                    }
                }
                (EngineOp::ChangeGroup { .. }, Some(T::Resource(_, r))) => {
                    let Some(T::Group(_, g)) = target(needed[1]) else { return Ok(()) };
                    match a.resources()[&r].group == g {
                        true => Ok(()),
                        false => Err("the resource is not in the group it was moved to".into()),
                    }
                }
                (EngineOp::Expression { expr, .. }, Some(T::Resource(_, r))) => {
                    // It reads back as an expression of the same providers, each named once.
                    let text = EXPRESSIONS[usize::from(expr) % EXPRESSIONS.len()];
                    let named = text.matches('[').count();
                    let back = sim.resource_dependency_expression(ResourceHandle::from_raw(
                        self.entries[needed[0].expect("live")].value,
                    ));
                    let back = back.map_err(|e| format!("it does not read back: {e}"))?;
                    match (a.resources()[&r].dependencies.len(), back.matches('[').count()) {
                        (n, m) if n == named && m == named => Ok(()),
                        (n, m) => {
                            Err(format!("{named} providers named, {n} stored, {m} read back: {back:?}"))
                        }
                    }
                }
                (EngineOp::Drain { .. }, Some(T::Node(_, n))) => expect_node(a, n, NodeState::Paused),
                (EngineOp::ResumeEx { .. }, Some(T::Node(_, n))) => expect_node(a, n, NodeState::Up),
                _ => Ok(()),
            }
        };
        check().map_err(|e| format!("{op:?} gave {outcome:?}: {e}"))?;
        // A created object's handle: the model learns it, with the cluster handle it derives from.
        if let (Some((kind, value)), Some(Some(parent))) = (created, needed.first()) {
            let parent_cluster = match kind {
                Kind::Group => *parent,
                _ => self.entries[*parent].parent.expect("a group handle derives from a cluster handle"),
            };
            let c = self.cluster_index(parent_cluster);
            let cl = &after.clusters()[c];
            let name = match op {
                EngineOp::CreateResource { name: n, .. } | EngineOp::CreateGroup { name: n, .. } => name(n),
                _ => unreachable!(),
            };
            let target = match kind {
                Kind::Resource => {
                    super::Target::Resource(c, cl.find_resource(name).ok_or("created resource not found")?)
                }
                _ => super::Target::Group(c, cl.find_group(name).ok_or("created group not found")?),
            };
            if let super::Target::Resource(_, r) = target {
                expect_state(cl, r, ResourceState::Offline)?;
            }
            self.issue(Side::Primary, value, kind, Some(parent_cluster), target)?;
        }
        self.held_offline.retain(|&(c, r)| {
            after.clusters()[c].resources().get(&r).is_some_and(|r| r.state != ResourceState::Online)
        });
        self.worlds[Side::Primary as usize] = after;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn check_engine_op(
        &self,
        op: EngineOp,
        outcome: &Outcome,
        on: Option<usize>,
        to: Option<usize>,
        before: &World,
        after: &World,
        then: Duration,
    ) -> Result<(), String> {
        let sim = &self.sims[Side::Primary as usize];
        let is_call = !matches!(
            op,
            EngineOp::NodeDown(_) | EngineOp::NodeUp(_) | EngineOp::Advance(_) | EngineOp::Settle
        );
        // The handle rule: the model knows whether the value resolves.
        if is_call && on.is_none() {
            return match outcome {
                Err(codes::ERROR_INVALID_HANDLE) => unchanged(before, after),
                other => {
                    Err(format!("no live handle of the kind: expected ERROR_INVALID_HANDLE, got {other:?}"))
                }
            };
        }
        if let Err(code) = *outcome {
            if code != codes::ERROR_INVALID_HANDLE && !allowed(op).contains(&code) && !GONE.contains(&code) {
                return Err(format!("code {code} is not one the call documents"));
            }
            if sim.harness().now() != then {
                return Err("a failed call moved the clock".into());
            }
            return unchanged(before, after);
        }
        let c = on.map_or(before.local(), |i| self.cluster_index(i));
        let (b, a) = (&before.clusters()[c], &after.clusters()[c]);
        for (i, (x, y)) in before.clusters().iter().zip(after.clusters()).enumerate() {
            if i != c && x != y {
                return Err(format!("changed cluster {i}, which it does not act on"));
            }
        }
        same_structure(
            b,
            a,
            matches!(
                op,
                EngineOp::PauseNode { .. }
                    | EngineOp::ResumeNode { .. }
                    | EngineOp::NodeDown(_)
                    | EngineOp::NodeUp(_)
            ),
        )?;
        let completion = outcome.as_ref().ok().copied().flatten();
        let target = |i: Option<usize>| i.map(|i| self.entries[i].target.clone());
        use super::Target as T;
        match (op, target(on)) {
            (EngineOp::OnlineResource { .. }, Some(T::Resource(_, r))) => {
                let want = match completion {
                    Some(Completion::Pending) => ResourceState::OnlinePending,
                    _ => ResourceState::Online,
                };
                expect_state(a, r, want)?;
            }
            (EngineOp::OfflineResource { .. }, Some(T::Resource(_, r))) => {
                let want = match completion {
                    Some(Completion::Pending) => ResourceState::OfflinePending,
                    _ => ResourceState::Offline,
                };
                expect_state(a, r, want)?;
            }
            (EngineOp::FailResource { .. }, Some(T::Resource(_, r))) => {
                let g = b.resources()[&r].group;
                let moved = a.groups()[&g].owner != b.groups()[&g].owner;
                if a.resources()[&r].state != ResourceState::Failed && !moved {
                    return Err(format!("after FailClusterResource it is {:?}", a.resources()[&r].state));
                }
            }
            (EngineOp::OnlineGroup { .. } | EngineOp::MoveGroup { .. }, Some(T::Group(_, g))) => {
                if let (Some(Completion::Done), Some(T::Node(_, n))) = (completion, target(to)) {
                    if a.groups()[&g].owner != n {
                        return Err(format!(
                            "done, but the group is on node {}, not {n}",
                            a.groups()[&g].owner
                        ));
                    }
                }
                if matches!(op, EngineOp::OnlineGroup { .. }) && !a.groups()[&g].persistent_online {
                    return Err("OnlineClusterGroup left the group's persistent state offline".into());
                }
            }
            (EngineOp::OfflineGroup { .. }, Some(T::Group(_, g))) if completion == Some(Completion::Done) => {
                let group = &a.groups()[&g];
                if let Some(r) =
                    group.resources.iter().find(|r| a.resources()[r].state != ResourceState::Offline)
                {
                    let r = &a.resources()[r];
                    return Err(format!("done, but resource {} is {:?}", r.name, r.state));
                }
            }
            (EngineOp::PauseNode { .. }, Some(T::Node(_, n))) => expect_node(a, n, NodeState::Paused)?,
            (EngineOp::ResumeNode { .. }, Some(T::Node(_, n))) => expect_node(a, n, NodeState::Up)?,
            (EngineOp::NodeDown(_), _) => {
                for r in a.resources().values() {
                    let host = a.groups()[&r.group].owner;
                    let down = a.node(host).is_some_and(|n| n.state == NodeState::Down);
                    if down && r.state != ResourceState::Offline && r.state != ResourceState::Failed {
                        return Err(format!("{} is {:?} on a node that is down", r.name, r.state));
                    }
                }
            }
            (EngineOp::Advance(tens), _) => {
                let moved = sim.harness().now() - then;
                if moved != Duration::from_millis(u64::from(tens) * 10) {
                    return Err(format!("the clock moved {moved:?}"));
                }
            }
            (EngineOp::Settle, _) => {
                if sim.harness().pending() != 0 {
                    return Err(format!("{} resources still pending after settle", sim.harness().pending()));
                }
                settled(after, &self.held_offline)?;
            }
            _ => {}
        }
        Ok(())
    }
}

fn unchanged(before: &World, after: &World) -> Result<(), String> {
    match before == after {
        true => Ok(()),
        false => Err("a failed call changed the world".into()),
    }
}

fn expect_state(c: &Cluster, r: ObjectId, want: ResourceState) -> Result<(), String> {
    match c.resources()[&r].state {
        s if s == want => Ok(()),
        s => Err(format!("resource {} is {s:?}, expected {want:?}", c.resources()[&r].name)),
    }
}

fn expect_node(c: &Cluster, n: NodeId, want: NodeState) -> Result<(), String> {
    match c.node(n).map(|n| n.state) {
        Some(s) if s == want => Ok(()),
        s => Err(format!("node {n} is {s:?}, expected {want:?}")),
    }
}

/// The engine changes states, persistent states and owners, never what the cluster is made
/// of; node states only when `nodes_may_change`.
fn same_structure(b: &Cluster, a: &Cluster, nodes_may_change: bool) -> Result<(), String> {
    let shape = |c: &Cluster| {
        let resources: Vec<_> = c
            .resources()
            .values()
            .map(|r| (r.id, r.name.clone(), r.group, r.dependencies.clone(), r.possible_owners.clone()))
            .collect();
        let groups: Vec<_> = c
            .groups()
            .values()
            .map(|g| (g.id, g.name.clone(), g.resources.clone(), g.preferred_owners.clone()))
            .collect();
        (resources, groups, c.nodes().iter().map(|n| (n.id, n.name.clone())).collect::<Vec<_>>())
    };
    if shape(b) != shape(a) {
        return Err("the cluster's objects, names, dependencies or owner lists changed".into());
    }
    if !nodes_may_change && b.nodes() != a.nodes() {
        return Err("a node's state changed".into());
    }
    Ok(())
}

/// After settle: every resource that should be online is online or failed, unless its node
/// cannot host it, something it depends on failed, or it was taken offline without recording
/// it (`held`).
fn settled(w: &World, held: &std::collections::HashSet<(usize, ObjectId)>) -> Result<(), String> {
    for (ci, c) in w.clusters().iter().enumerate() {
        for r in c.resources().values() {
            if held.contains(&(ci, r.id)) {
                continue;
            }
            if r.state.is_pending() {
                return Err(format!("{} is still {:?}", r.name, r.state));
            }
            if !r.persistent_online || matches!(r.state, ResourceState::Online | ResourceState::Failed) {
                continue;
            }
            let host = c.groups()[&r.group].owner;
            let up = c.node(host).is_some_and(|n| n.state == NodeState::Up);
            if !up || !r.possible_owners.contains(&host) || depends_on_failed(c, r.id) {
                continue;
            }
            return Err(format!("{} should be online on node {host} but is {:?}", r.name, r.state));
        }
    }
    Ok(())
}

/// `r` and everything that depends on it, written out again from the dependency lists.
fn dependent_closure(c: &Cluster, r: ObjectId) -> Vec<ObjectId> {
    let mut out = vec![r];
    let mut i = 0;
    while i < out.len() {
        let at = out[i];
        for d in c.resources().values().filter(|d| d.dependencies.contains(&at)) {
            if !out.contains(&d.id) {
                out.push(d.id);
            }
        }
        i += 1;
    }
    out
}

fn depends_on_failed(c: &Cluster, r: ObjectId) -> bool {
    let mut stack = c.resources()[&r].dependencies.clone();
    let mut seen = Vec::new();
    while let Some(p) = stack.pop() {
        if seen.contains(&p) {
            continue;
        }
        seen.push(p);
        let res = &c.resources()[&p];
        if res.state == ResourceState::Failed || !res.possible_owners.contains(&c.groups()[&res.group].owner)
        {
            return true;
        }
        stack.extend(res.dependencies.iter().copied());
    }
    false
}

/// Runs the group set call of [`EngineOp::GroupSet`]: the sets are opened (or, for a create,
/// created) by name on the group's cluster and closed after. The handles it opens are its
/// own: none outlives the op.
fn group_set_call(sim: &Sim, group: GroupHandle, action: u8, a: u8, b: u8) -> crate::Result<()> {
    // The group must be live, also for the calls that do not take it (the model's rule for a
    // handle to a deleted object: its code comes first).
    sim.group_state(group)?;
    let cluster = sim.cluster_from_group(group)?;
    let name = |i: u8| GROUP_SET_NAMES[usize::from(i) % GROUP_SET_NAMES.len()];
    let with = |i: u8, f: &dyn Fn(crate::GroupSetHandle) -> crate::Result<()>| {
        let set = sim.open_group_set(cluster, name(i))?;
        let r = f(set);
        sim.close_group_set(set)?;
        r
    };
    match action % 10 {
        0 => sim.create_group_set(cluster, name(a)).and_then(|h| sim.close_group_set(h)),
        1 => with(a, &|s| sim.delete_group_set(s)),
        2 => with(a, &|s| sim.add_group_to_group_set(s, group)),
        3 => sim.remove_group_from_group_set(group),
        4 | 5 => with(a, &|s| {
            with(b, &|p| match action % 10 {
                4 => sim.add_group_set_dependency(s, p, None),
                _ => sim.remove_group_set_dependency(s, p, None),
            })
        }),
        6 => with(a, &|s| sim.add_group_to_group_set_dependency(group, s, None)),
        7 => with(a, &|s| sim.remove_group_to_group_set_dependency(group, s, None)),
        8 => with(a, &|s| sim.move_group_to_group_set(s, group)),
        _ => with(a, &|s| {
            let expr = GROUP_SET_EXPRESSIONS[usize::from(b) % GROUP_SET_EXPRESSIONS.len()];
            sim.set_group_set_dependency_expression(s, expr, None)
        }),
    }
}

/// The postcondition of a group set call that succeeded, on cluster `c` after it: the set
/// exists (create) or not (delete), holds the group (add, move) or the group is in none
/// (remove), depends on the other set or not, the group depends on the set or not.
fn group_set_postcondition(c: &Cluster, group: ObjectId, action: u8, a: u8, b: u8) -> Result<(), String> {
    let name = |i: u8| GROUP_SET_NAMES[usize::from(i) % GROUP_SET_NAMES.len()];
    let set = c.find_group_set(name(a));
    let ok = match action % 10 {
        0 => set.is_some(),
        1 => set.is_none(),
        2 | 8 => set.is_some() && c.group_set_of(group) == set,
        3 => c.group_set_of(group).is_none(),
        4 | 5 => {
            let provider = c.find_group_set(name(b));
            let has = set.zip(provider).is_some_and(|(s, p)| c.group_sets()[&s].providers.contains(&p));
            has == (action % 10 == 4)
        }
        6 => set.is_some() && c.provider_set_of(group) == set,
        7 => c.provider_set_of(group).is_none(),
        _ => set.is_some(),
    };
    match ok {
        true => Ok(()),
        false => Err(format!("group set call {} succeeded but the world does not show it", action % 10)),
    }
}
