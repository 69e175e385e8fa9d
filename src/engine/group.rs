//! Groups going online, offline, moving and failing over, and the choice of node.
//!
//! Sources: engine-properties-notify.md §A.2 (OnlineClusterGroup, OfflineClusterGroup,
//! MoveClusterGroup(Ex) pages; MS-CMRP 3.1.4.1.50, 3.1.4.2.51/.52) and §A.7.2/§A.7.3
//! (MsCS:failover, MsCS:groups-antiaffinityclassnames, MS-CMRP 3.1.4.1.55).
//!
//! A move takes the group's resources offline (without touching their persistent state),
//! changes the owner once all are down, then brings each back to its persistent state on the
//! new node.

use super::{Completion, Engine, Move};
use crate::error::{Error, Result, codes};
use crate::flags::*;
use crate::world::{Change, Cluster, NodeId, NodeState, ObjectId};

impl Cluster {
    /// The nodes in the order a group tries them: its preferred owners, then the other
    /// nodes by id (SetClusterGroupNodeList appends the nodes left out: MS-CMRP 3.1.4.1.55;
    /// their order is a choice).
    fn candidate_order(&self, g: ObjectId) -> Vec<NodeId> {
        let preferred = &self.groups()[&g].preferred_owners;
        let rest = self.nodes().iter().map(|n| n.id).filter(|n| !preferred.contains(n));
        preferred.iter().copied().chain(rest).collect()
    }

    /// Whether `node` can take group `g`: it is up (not paused: no group moves or fails over
    /// to a paused node, PauseClusterNode page) and a possible owner of each of its resources.
    pub(crate) fn can_take(&self, node: NodeId, g: ObjectId) -> bool {
        self.node(node).is_some_and(|n| n.state == NodeState::Up)
            && self.groups()[&g].resources.iter().all(|r| self.resources()[r].possible_owners.contains(&node))
    }

    /// Whether `node` hosts another group, not offline, that shares an AntiAffinityClassNames
    /// entry with `g`.
    fn affinity_conflict(&self, node: NodeId, g: ObjectId) -> bool {
        let names = &self.groups()[&g].failover.anti_affinity_class_names;
        if names.is_empty() {
            return false;
        }
        self.groups().values().any(|other| {
            other.id != g
                && other.owner == node
                && other.failover.anti_affinity_class_names.iter().any(|n| names.contains(n))
                && self.group_state(other) != crate::world::GroupState::Offline
        })
    }

    /// The first node of `order` that can take `g`, avoiding anti-affinity conflicts unless
    /// every candidate has one (MsCS:groups-antiaffinityclassnames).
    fn pick(&self, g: ObjectId, order: impl Iterator<Item = NodeId> + Clone) -> Option<NodeId> {
        let mut able = order.filter(|&n| self.can_take(n, g));
        let first = able.clone().next()?;
        Some(able.find(|&n| !self.affinity_conflict(n, g)).unwrap_or(first))
    }

    /// Where `g` fails over to: the next candidate after its owner, wrapping around (§A.7.3).
    pub(crate) fn failover_target(&self, g: ObjectId) -> Option<NodeId> {
        let owner = self.groups()[&g].owner;
        let order = self.candidate_order(g);
        let at = order.iter().position(|&n| n == owner).map_or(0, |i| i + 1);
        let n = order.len();
        self.pick(g, (0..n).map(|i| order[(at + i) % n]).filter(|&x| x != owner))
    }

    /// Where `MoveClusterGroup(h, NULL)` sends `g`: the first candidate in preference order
    /// other than its owner (MS-CMRP 3.1.4.1.55; MoveClusterGroup page: "the best node").
    pub(crate) fn best_target(&self, g: ObjectId) -> Option<NodeId> {
        let owner = self.groups()[&g].owner;
        self.pick(g, self.candidate_order(g).into_iter().filter(move |&x| x != owner))
    }
}

impl Engine {
    pub(super) fn group_busy(&self, c: usize, g: ObjectId) -> bool {
        self.runtime[c].moves.contains_key(&g)
            || self.cluster(c).groups()[&g].resources.iter().any(|&r| self.is_busy(c, r))
    }

    fn group_completion(&self, c: usize, g: ObjectId) -> Completion {
        match self.group_busy(c, g) {
            true => Completion::Pending,
            false => Completion::Done,
        }
    }

    /// Checks that `node` can take group `g` by an explicit request.
    fn check_target(&self, c: usize, g: ObjectId, node: NodeId, ignore_affinity: bool) -> Result<()> {
        let cl = self.cluster(c);
        match cl.node(node).map(|n| n.state) {
            Some(NodeState::Up) => {}
            Some(NodeState::Paused) => return Err(Error::new(codes::ERROR_SHARING_PAUSED)),
            _ => return Err(Error::new(codes::ERROR_HOST_NODE_NOT_AVAILABLE)),
        }
        if !cl.can_take(node, g) {
            return Err(Error::new(codes::ERROR_HOST_NODE_NOT_RESOURCE_OWNER));
        }
        if !ignore_affinity && cl.affinity_conflict(node, g) {
            return Err(Error::new(codes::ERROR_NODE_CANT_HOST_RESOURCE));
        }
        Ok(())
    }

    /// `OnlineClusterGroup(Ex)`: brings every resource of `g` online, on `node` (moving the
    /// group there first) or on its owner, and makes the group's persistent state online.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits; `ERROR_INVALID_STATE (5023)` while
    /// the group is pending; `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` for a node that is not up;
    /// `ERROR_SHARING_PAUSED (70)` for a paused node; `ERROR_HOST_NODE_NOT_RESOURCE_OWNER
    /// (5015)` for a node that cannot host every resource; `ERROR_NODE_CANT_HOST_RESOURCE
    /// (5071)` for an anti-affinity conflict (MS-CMRP 3.1.4.1.50).
    pub(crate) fn online_group(
        &mut self,
        c: usize,
        g: ObjectId,
        node: Option<NodeId>,
        flags: u32,
    ) -> Result<Completion> {
        if flags & !GROUP_ONLINE_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        if self.group_busy(c, g) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        let owner = self.cluster(c).groups()[&g].owner;
        let target = node.unwrap_or(owner);
        self.check_target(c, g, target, flags & CLUSAPI_GROUP_ONLINE_IGNORE_AFFINITY_RULE != 0)?;
        let resources = self.cluster(c).groups()[&g].resources.clone();
        let mut changes = vec![Change::SetGroupPersistent { group: g, online: true }];
        changes
            .extend(resources.iter().map(|&r| Change::SetResourcePersistent { resource: r, online: true }));
        self.commit(c, changes);
        if target == owner {
            self.restore(c, &resources);
        } else {
            self.begin_move(c, g, target);
        }
        Ok(self.group_completion(c, g))
    }

    /// `OfflineClusterGroup(Ex)`: takes every resource of `g` offline, dependents first, and
    /// makes the persistent state of the group and its resources offline.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits; `ERROR_INVALID_STATE (5023)` while
    /// the group is pending.
    pub(crate) fn offline_group(&mut self, c: usize, g: ObjectId, flags: u32) -> Result<Completion> {
        if flags & !GROUP_OFFLINE_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        if self.group_busy(c, g) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        let resources = self.cluster(c).groups()[&g].resources.clone();
        let mut changes = vec![Change::SetGroupPersistent { group: g, online: false }];
        changes
            .extend(resources.iter().map(|&r| Change::SetResourcePersistent { resource: r, online: false }));
        self.commit(c, changes);
        for r in resources {
            self.start_offline(c, r);
        }
        Ok(self.group_completion(c, g))
    }

    /// `MoveClusterGroup(Ex)`: moves `g` to `node`, or with `None` to the best node. Moving to
    /// the owner succeeds and does nothing.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits; `ERROR_INVALID_STATE (5023)` while
    /// the group is pending; `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` for a node that is not up,
    /// or when no node can take the group; `ERROR_SHARING_PAUSED (70)` for a paused node;
    /// `ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015)` for a node that cannot host every resource;
    /// `ERROR_NODE_CANT_HOST_RESOURCE (5071)` for an anti-affinity conflict.
    pub(crate) fn move_group(
        &mut self,
        c: usize,
        g: ObjectId,
        node: Option<NodeId>,
        flags: u32,
    ) -> Result<Completion> {
        if flags & !GROUP_MOVE_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        if self.group_busy(c, g) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        let cl = self.cluster(c);
        let owner = cl.groups()[&g].owner;
        let target = match node {
            Some(n) => n,
            None => cl.best_target(g).ok_or(Error::new(codes::ERROR_HOST_NODE_NOT_AVAILABLE))?,
        };
        if target == owner {
            return Ok(Completion::Done);
        }
        self.check_target(c, g, target, flags & CLUSAPI_GROUP_MOVE_IGNORE_AFFINITY_RULE != 0)?;
        self.begin_move(c, g, target);
        Ok(self.group_completion(c, g))
    }

    /// `CancelClusterGroupOperation`: cancels `g`'s pending move; the group returns to its
    /// persistent state on the node that owns it (CancelClusterGroupOperation page). Its
    /// resources already on their way offline finish going offline, then come back there, so
    /// the cancellation itself can be pending (`ERROR_IO_PENDING`, as the page allows).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for flags other than 0 (the page: reserved, must be zero);
    /// `ERROR_INVALID_STATE (5023)` when no move of the group is pending (a choice: the page
    /// only says a failure gives "a different nonzero error code").
    pub(crate) fn cancel_group_operation(&mut self, c: usize, g: ObjectId, flags: u32) -> Result<Completion> {
        if flags != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let owner = self.cluster(c).groups()[&g].owner;
        let Some(mv) = self.runtime[c].moves.get_mut(&g) else {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        };
        mv.to = owner;
        self.group_settled(c, g);
        Ok(self.group_completion(c, g))
    }

    /// Fails `g` over (a resource's failure, or its node going down), counting it against
    /// FailoverThreshold inside FailoverPeriod (§A.7.2). Gives whether it moves: not past the
    /// threshold, nor with no node to take it; then it stays where it is.
    pub(super) fn fail_over(&mut self, c: usize, g: ObjectId) -> bool {
        let now = self.clock.now();
        let cl = self.cluster(c);
        let policy = &cl.groups()[&g].failover;
        let limit = match policy.threshold {
            u32::MAX => cl.nodes().len().saturating_sub(1),
            n => n as usize,
        };
        let period = u64::from(policy.period_hours) * 3_600_000;
        let Some(target) = cl.failover_target(g) else { return false };
        let history = self.runtime[c].failovers.entry(g).or_default();
        history.retain(|&t| now - t < period);
        if history.len() >= limit {
            return false;
        }
        history.push(now);
        self.begin_move(c, g, target);
        true
    }

    /// Starts moving `g` to `to`: its resources go offline, keeping their persistent state.
    pub(super) fn begin_move(&mut self, c: usize, g: ObjectId, to: NodeId) {
        // `starting` keeps a resource that goes down at once from finishing the move before
        // the others have been asked to go down.
        self.runtime[c].moves.insert(g, Move { to, starting: true });
        for r in self.cluster(c).groups()[&g].resources.clone() {
            self.start_offline(c, r);
        }
        if let Some(mv) = self.runtime[c].moves.get_mut(&g) {
            mv.starting = false;
        }
        self.group_settled(c, g);
    }

    /// Called when a resource of `g` finished an operation: a move whose resources are all
    /// down changes the owner and brings them back to their persistent state there. If the
    /// target can no longer take the group (it went down meanwhile), the group stays.
    pub(super) fn group_settled(&mut self, c: usize, g: ObjectId) {
        self.finish_move(c, g);
        self.drain_progress(c, g);
    }

    /// The move part of [`group_settled`](Self::group_settled).
    fn finish_move(&mut self, c: usize, g: ObjectId) {
        let Some(mv) = self.runtime[c].moves.get(&g).copied().filter(|mv| !mv.starting) else { return };
        let resources = self.cluster(c).groups()[&g].resources.clone();
        if resources.iter().any(|r| self.runtime[c].ops.contains_key(r)) {
            return;
        }
        self.runtime[c].moves.remove(&g);
        let owner = self.cluster(c).groups()[&g].owner;
        if mv.to != owner && self.cluster(c).can_take(mv.to, g) {
            self.commit1(c, Change::SetGroupOwner { group: g, owner: mv.to });
            for r in &resources {
                self.runtime[c].restarts.remove(r);
            }
        }
        self.restore(c, &resources);
    }

    /// Brings back the groups that `node` coming up can take: groups stranded on nodes that
    /// are down, and groups that fail back to it (AutoFailbackType, inside the failback
    /// window: MsCS:failback).
    pub(super) fn node_came_up(&mut self, c: usize, node: NodeId) {
        let hour = (self.clock.now() / 3_600_000 % 24) as u32;
        let groups: Vec<ObjectId> = self.cluster(c).groups().keys().copied().collect();
        for g in groups {
            if self.group_busy(c, g) {
                continue;
            }
            let cl = self.cluster(c);
            let group = &cl.groups()[&g];
            let owner_state = cl.node(group.owner).map(|n| n.state);
            let wants_online = group.resources.iter().any(|r| cl.resources()[r].persistent_online);
            if group.owner == node {
                // Stranded here when the node went down: its resources come back here.
                let resources = group.resources.clone();
                self.restore(c, &resources);
            } else if owner_state == Some(NodeState::Down) && wants_online {
                if let Some(to) = cl.best_target(g) {
                    self.begin_move(c, g, to);
                }
            } else if group.failover.auto_failback
                && group.preferred_owners.first() == Some(&node)
                && in_window(group.failover.failback_window(), hour)
                && cl.can_take(node, g)
            {
                self.begin_move(c, g, node);
            }
        }
    }
}

/// Whether `hour` is inside the failback window `[start, end]` (start > end wraps midnight).
pub(super) fn in_window(window: Option<(u32, u32)>, hour: u32) -> bool {
    match window {
        None => true,
        Some((start, end)) if start <= end => (start..=end).contains(&hour),
        Some((start, end)) => hour >= start || hour <= end,
    }
}
