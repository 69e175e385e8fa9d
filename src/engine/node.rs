//! Nodes: pause and resume (engine-properties-notify.md §A.6: PauseClusterNode page, MS-CMRP
//! 3.1.4.2.70; Samba's `test_ResumeNode_int` against Windows), drain (PauseClusterNodeEx page,
//! MS-CMRP 3.1.4.2.125/.126) and failback on resume (ResumeClusterNodeEx page), eviction
//! (EvictClusterNode page, MS-CMRP 3.1.4.2.72; §E.7), and a node going down (a crash, not a
//! clean leave) and coming back, which the test drives.

use super::group::in_window;
use super::{Completion, Drain, Engine, NodeDrainStatus, ResumeFailback};
use crate::error::{Error, Result, codes};
use crate::flags::*;
use crate::world::{Change, NodeId, NodeState, ObjectId, ResourceState};

impl Engine {
    /// `PauseClusterNode`: Up → Paused. Its groups stay; nothing new comes to it. Pausing a
    /// paused node succeeds.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_DOWN (5050)` for a node that is not up.
    pub(crate) fn pause_node(&mut self, c: usize, node: NodeId) -> Result<()> {
        match self.cluster(c).node(node).map(|n| n.state) {
            Some(NodeState::Paused) => Ok(()),
            Some(NodeState::Up) => {
                self.commit1(c, Change::SetNodeState { node, state: NodeState::Paused });
                Ok(())
            }
            _ => Err(Error::new(codes::ERROR_CLUSTER_NODE_DOWN)),
        }
    }

    /// `ResumeClusterNode`: Paused → Up.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a node that is not paused (Samba's
    /// `test_ResumeNode_int`, run against Windows).
    pub(crate) fn resume_node(&mut self, c: usize, node: NodeId) -> Result<()> {
        self.resume_node_ex(c, node, ResumeFailback::DoNotFailback, 0).map(|_| ())
    }

    /// `PauseClusterNodeEx`: without `drain`, as [`pause_node`](Self::pause_node). With it:
    /// pause, then move every group the node owns away, each to `target` when given, else to
    /// its failover target (§A.7.3), and track NodeDrainStatus: InProgress, then Completed
    /// once every group has left and settled, or Failed when one could not move. A group that
    /// cannot move stays on the paused node, with or without
    /// `CLUSAPI_NODE_PAUSE_REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR` (the sim has nowhere else to
    /// put it: a choice), and the drain is Failed either way (§A.6's suggested model). A
    /// paused node can be drained (pausing it again succeeds: PauseClusterNode page; a
    /// choice). Pending while a move is (`ERROR_IO_PENDING`: PauseClusterNodeEx page).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits (a choice);
    /// `ERROR_CLUSTER_NODE_DOWN (5050)` for a node that is not up or paused, or (draining)
    /// when no other node is up; `ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS (5962)` while a drain
    /// of the node runs; `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` for a drain target that is
    /// not up (the node itself included, a choice) (§A.6).
    pub(crate) fn pause_node_ex(
        &mut self,
        c: usize,
        node: NodeId,
        drain: bool,
        flags: u32,
        target: Option<NodeId>,
    ) -> Result<Completion> {
        if flags & !NODE_PAUSE_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        if !drain {
            return self.pause_node(c, node).map(|()| Completion::Done);
        }
        let cl = self.cluster(c);
        let state = cl.node(node).map(|n| n.state);
        if !matches!(state, Some(NodeState::Up | NodeState::Paused)) {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_DOWN));
        }
        if self.node_drain_status(c, node) == NodeDrainStatus::InProgress {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS));
        }
        if !cl.nodes().iter().any(|n| n.id != node && n.state == NodeState::Up) {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_DOWN));
        }
        if let Some(t) = target {
            if t == node || cl.node(t).map(|n| n.state) != Some(NodeState::Up) {
                return Err(Error::new(codes::ERROR_HOST_NODE_NOT_AVAILABLE));
            }
        }
        if state == Some(NodeState::Up) {
            self.commit1(c, Change::SetNodeState { node, state: NodeState::Paused });
        }
        let groups: Vec<ObjectId> =
            self.cluster(c).groups().values().filter(|g| g.owner == node).map(|g| g.id).collect();
        let drained = self.runtime[c].drains.remove(&node).map(|d| d.drained).unwrap_or_default();
        let drain =
            Drain { status: NodeDrainStatus::InProgress, starting: true, drained, ..Drain::default() };
        self.runtime[c].drains.insert(node, drain);
        for g in groups {
            let cl = self.cluster(c);
            let to = match target {
                _ if self.group_busy(c, g) => None,
                Some(t) => Some(t).filter(|&t| cl.can_take(t, g)),
                None => cl.failover_target(g),
            };
            let Some(to) = to else {
                if let Some(d) = self.runtime[c].drains.get_mut(&node) {
                    d.failed = true;
                }
                continue;
            };
            if let Some(d) = self.runtime[c].drains.get_mut(&node) {
                d.moving.push(g);
            }
            self.begin_move(c, g, to);
        }
        let mut busy = false;
        if let Some(d) = self.runtime[c].drains.get_mut(&node) {
            d.starting = false;
            busy = !d.moving.is_empty();
        }
        self.drain_check(c, node);
        Ok(if busy && self.node_drain_status(c, node) == NodeDrainStatus::InProgress {
            Completion::Pending
        } else {
            Completion::Done
        })
    }

    /// The node's NodeDrainStatus (NotInitiated when it has not been drained since it was
    /// last resumed).
    pub(crate) fn node_drain_status(&self, c: usize, node: NodeId) -> NodeDrainStatus {
        self.runtime[c].drains.get(&node).map_or(NodeDrainStatus::NotInitiated, |d| d.status)
    }

    /// Called whenever group `g` may have settled: a drain waiting for it learns whether it
    /// left its node.
    pub(super) fn drain_progress(&mut self, c: usize, g: ObjectId) {
        if self.runtime[c].drains.is_empty() || self.group_busy(c, g) {
            return;
        }
        let owner = self.cluster(c).groups().get(&g).map(|g| g.owner);
        let mut done = None;
        for (&node, d) in self.runtime[c].drains.iter_mut() {
            if let Some(i) = d.moving.iter().position(|&m| m == g) {
                d.moving.swap_remove(i);
                match owner {
                    Some(o) if o != node => d.drained.push(g),
                    _ => d.failed = true,
                }
                done = Some(node);
                break;
            }
        }
        if let Some(node) = done {
            self.drain_check(c, node);
        }
    }

    /// Ends `node`'s drain once no group is still moving.
    fn drain_check(&mut self, c: usize, node: NodeId) {
        if let Some(d) = self.runtime[c].drains.get_mut(&node) {
            if d.status == NodeDrainStatus::InProgress && !d.starting && d.moving.is_empty() {
                d.status = if d.failed { NodeDrainStatus::Failed } else { NodeDrainStatus::Completed };
            }
        }
    }

    /// `ResumeClusterNodeEx`: Paused → Up, then, by `failback`, the groups its last drain moved
    /// away come back: all of them (`Immediately`), those whose AutoFailbackType allows it
    /// inside their failback window (`PerPolicy`, MsCS:failback), or none. Groups deleted,
    /// busy, already back, or that the node cannot host are left where they are. The drain
    /// status goes back to NotInitiated (a choice). The `CLUSAPI_NODE_RESUME_FAILBACK_*`
    /// flags are accepted and do not narrow the groups (the sim has no storage or VM roles:
    /// a choice). Pending while a failback move is.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits (a choice);
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a node that is not paused.
    pub(crate) fn resume_node_ex(
        &mut self,
        c: usize,
        node: NodeId,
        failback: ResumeFailback,
        flags: u32,
    ) -> Result<Completion> {
        if flags & !NODE_RESUME_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        if self.cluster(c).node(node).map(|n| n.state) != Some(NodeState::Paused) {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_PAUSED));
        }
        self.commit1(c, Change::SetNodeState { node, state: NodeState::Up });
        let drained = self.runtime[c].drains.remove(&node).map(|d| d.drained).unwrap_or_default();
        let hour = (self.clock.now() / 3_600_000 % 24) as u32;
        let mut moved = Vec::new();
        for g in drained {
            let cl = self.cluster(c);
            let Some(group) = cl.groups().get(&g) else { continue };
            let wanted = match failback {
                ResumeFailback::DoNotFailback => false,
                ResumeFailback::Immediately => true,
                ResumeFailback::PerPolicy => {
                    group.failover.auto_failback && in_window(group.failover.failback_window(), hour)
                }
            };
            if wanted && group.owner != node && !self.group_busy(c, g) && cl.can_take(node, g) {
                self.begin_move(c, g, node);
                moved.push(g);
            }
        }
        Ok(match moved.iter().any(|&g| self.group_busy(c, g)) {
            true => Completion::Pending,
            false => Completion::Done,
        })
    }

    /// `EvictClusterNode`: removes `node` from the cluster and from every preferred-owner and
    /// possible-owner list; its net interfaces go with it (EvictClusterNode page, MS-CMRP
    /// 3.1.4.2.72). Any node but the cluster's only one can be evicted, up, paused or down:
    /// CMRP says a node "SHOULD allow itself to be evicted even if it is not active", and
    /// Samba's `rpc.clusapi` `EvictNode` expects `ERROR_SUCCESS` evicting the (up) node it is
    /// connected to. The groups it owned move first, in the same commit: their resources stop
    /// there at once (operations cancelled), the group gets a new owner, the first node in its
    /// preference order that can take it, else the first remaining node (a choice: every owner
    /// must be a node), and comes back to its persistent state there when that node can host
    /// it.
    ///
    /// # Errors
    /// `ERROR_CANT_EVICT_ACTIVE_NODE (5009)` for the cluster's only node (§E.7: the message
    /// allows evicting the last node, which would leave the groups no owner; the sim refuses
    /// it, a choice).
    pub(crate) fn evict_node(&mut self, c: usize, node: NodeId) -> Result<()> {
        let cl = self.cluster(c);
        if cl.node(node).is_none() {
            return Err(Error::new(codes::ERROR_NODE_NOT_AVAILABLE));
        }
        if cl.nodes().len() == 1 {
            return Err(Error::new(codes::ERROR_CANT_EVICT_ACTIVE_NODE));
        }
        let first = cl.nodes().iter().map(|n| n.id).find(|&n| n != node).expect("two nodes or more");
        let moves: Vec<(ObjectId, NodeId)> = cl
            .groups()
            .values()
            .filter(|g| g.owner == node)
            .map(|g| (g.id, cl.best_target(g.id).unwrap_or(first)))
            .collect();
        let mut changes: Vec<Change> = Vec::new();
        for &(g, _) in &moves {
            self.runtime[c].moves.remove(&g);
            for r in self.cluster(c).groups()[&g].resources.clone() {
                self.cancel(c, r);
                if self.res(c, r).state != ResourceState::Offline {
                    changes.push(Change::SetResourceState { resource: r, state: ResourceState::Offline });
                }
            }
        }
        changes.extend(moves.iter().map(|&(group, owner)| Change::SetGroupOwner { group, owner }));
        changes.push(Change::RemoveNode(node));
        self.runtime[c].drains.remove(&node);
        self.commit(c, changes);
        for (g, _) in moves {
            let resources = self.cluster(c).groups()[&g].resources.clone();
            self.restore(c, &resources);
        }
        Ok(())
    }

    /// `node` crashes: it goes down, every resource of every group it owns stops at once
    /// (offline, operations cancelled), and each group fails over by the failover rule
    /// (§A.7.3), counted against its FailoverThreshold. A group no node can take stays on the
    /// down node, offline. A node already down stays so.
    pub(crate) fn node_down(&mut self, c: usize, node: NodeId) {
        if self.cluster(c).node(node).is_none_or(|n| n.state == NodeState::Down) {
            return;
        }
        let groups: Vec<ObjectId> =
            self.cluster(c).groups().values().filter(|g| g.owner == node).map(|g| g.id).collect();
        // The node and everything on it stop in one commit: no resource is ever online on a
        // node that is down.
        // A drain of the node ends, failed (a choice): its groups now fail over instead.
        if let Some(d) = self.runtime[c].drains.get_mut(&node) {
            if d.status == NodeDrainStatus::InProgress {
                d.status = NodeDrainStatus::Failed;
                d.moving.clear();
            }
        }
        let mut changes = vec![Change::SetNodeState { node, state: NodeState::Down }];
        for &g in &groups {
            self.runtime[c].moves.remove(&g);
            for r in self.cluster(c).groups()[&g].resources.clone() {
                self.cancel(c, r);
                if self.res(c, r).state != ResourceState::Offline {
                    changes.push(Change::SetResourceState { resource: r, state: ResourceState::Offline });
                }
            }
        }
        self.commit(c, changes);
        for g in groups {
            self.fail_over(c, g);
        }
    }

    /// `node` comes back up after [`node_down`](Self::node_down): groups stranded on down
    /// nodes come to it, and groups that fail back to it do. A node that is not down is left
    /// as it is.
    pub(crate) fn node_up(&mut self, c: usize, node: NodeId) {
        if self.cluster(c).node(node).is_none_or(|n| n.state != NodeState::Down) {
            return;
        }
        self.commit1(c, Change::SetNodeState { node, state: NodeState::Up });
        self.node_came_up(c, node);
    }
}
