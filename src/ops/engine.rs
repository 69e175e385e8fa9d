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
use crate::{Completion, Error};

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
}

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
    }
}

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
            if code != codes::ERROR_INVALID_HANDLE && !allowed(op).contains(&code) {
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
