//! Resources going online and offline in dependency order, failing, and being restarted.
//!
//! Sources: engine-properties-notify.md §A.1 (MS-CMRP 3.1.4.2.17/.18/.19, the
//! Online/OfflineClusterResource and FailClusterResource pages) and §A.7.1 (MsCS:
//! resource-failure, resource common properties).
//!
//! A resource going online first brings its providers online; it sits in `OnlinePending`
//! until they are online, then for its online delay. Going offline, it first takes its
//! dependents offline and sits in `OfflinePending` until they are, then for its offline delay.
//! With zero delays (the default) all of it happens before the call returns.

use super::clock::Timer;
use super::{Completion, Engine, Op, Want};
use crate::error::{Error, Result, codes};
use crate::flags::*;
use crate::property::schema;
use crate::world::{Change, Cluster, NodeId, NodeState, ObjectId, ResourceState, RestartAction};

impl Cluster {
    /// The owner node of `r`'s group.
    pub(crate) fn host_of(&self, r: ObjectId) -> NodeId {
        self.groups()[&self.resources()[&r].group].owner
    }

    /// Resources that depend directly on `r` (the cluster's reverse index: as many as there
    /// are, whatever the size of the group).
    pub(crate) fn dependents_in_group(&self, r: ObjectId) -> Vec<ObjectId> {
        self.dependent_ids(r).to_vec()
    }

    /// `r` and every resource that depends on it, directly or not.
    fn dependent_closure(&self, r: ObjectId) -> Vec<ObjectId> {
        let mut out = vec![r];
        let mut i = 0;
        while i < out.len() {
            for d in self.dependents_in_group(out[i]) {
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            i += 1;
        }
        out
    }

    /// Whether `node` may host `r` now: it is up or paused (a paused node keeps what it has)
    /// and a possible owner of `r`.
    pub(crate) fn can_host(&self, node: NodeId, r: ObjectId) -> bool {
        let up = self.node(node).is_some_and(|n| matches!(n.state, NodeState::Up | NodeState::Paused));
        up && self.resources()[&r].possible_owners.contains(&node)
    }
}

/// Whether the state is a settled offline one, that blocks nothing going offline.
fn is_down(state: ResourceState) -> bool {
    state.is_down()
}

impl Engine {
    fn op(&self, c: usize, r: ObjectId) -> Option<Op> {
        self.runtime[c].ops.get(&r).copied()
    }

    /// Whether `r` is in an operation or a pending state.
    pub(crate) fn is_busy(&self, c: usize, r: ObjectId) -> bool {
        self.op(c, r).is_some() || self.res(c, r).state.is_pending()
    }

    fn completion_of(&self, c: usize, r: ObjectId) -> Completion {
        match self.op(c, r) {
            Some(_) => Completion::Pending,
            None => Completion::Done,
        }
    }

    /// `r` and the providers that must come online with it on `node`, as `start_online` will
    /// pick them (each provider in no OR-set; of each OR-set with none online, the first that
    /// can), after checking that they can.
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE` for one in a pending operation; `ERROR_HOST_NODE_NOT_RESOURCE_OWNER`
    /// for one `node` cannot host, or an OR-set none of whose members it can.
    fn needed_to_come_online(&self, c: usize, r: ObjectId, node: NodeId) -> Result<Vec<ObjectId>> {
        let cl = self.cluster(c);
        let mut out: Vec<ObjectId> = Vec::new();
        let mut stack = vec![r];
        let can = |p: ObjectId| -> Result<()> {
            if self.is_busy(c, p) {
                return Err(Error::new(codes::ERROR_INVALID_STATE));
            }
            if !cl.resources()[&p].possible_owners.contains(&node) {
                return Err(Error::new(codes::ERROR_HOST_NODE_NOT_RESOURCE_OWNER));
            }
            Ok(())
        };
        while let Some(x) = stack.pop() {
            let res = &cl.resources()[&x];
            if res.state == ResourceState::Online || out.contains(&x) {
                continue;
            }
            can(x)?;
            out.push(x);
            stack.extend(res.required_providers());
            for set in &res.alternatives {
                let online =
                    |p: &ObjectId| cl.resources()[p].state == ResourceState::Online || out.contains(p);
                if set.iter().any(online) {
                    continue;
                }
                match set.iter().find(|&&p| can(p).is_ok()) {
                    Some(&p) => stack.push(p),
                    None => return Err(can(set[0]).expect_err("none of the set can")),
                }
            }
        }
        Ok(out)
    }

    // ---- the calls ------------------------------------------------------------------------

    /// `OnlineClusterResource(Ex)`: brings `r` online with its providers.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits; `ERROR_INVALID_STATE (5023)` when it
    /// or a provider it would bring online is in a pending operation (MS-CMRP 3.1.4.2.18), or
    /// its group is moving;
    /// `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` when its node is down; `ERROR_SHARING_PAUSED
    /// (70)` when its node is paused (a paused node brings nothing online: PauseClusterNode
    /// page); `ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015)` when its node is not a possible
    /// owner of it or of a provider (a choice).
    pub(crate) fn online_resource(&mut self, c: usize, r: ObjectId, flags: u32) -> Result<Completion> {
        if flags & !RESOURCE_ONLINE_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let cl = self.cluster(c);
        // Already online: nothing happens, not even the persistent state (MS-CMRP 3.1.4.2.18).
        if cl.resources()[&r].state == ResourceState::Online {
            return Ok(Completion::Done);
        }
        // Its group is moving: the group is pending, and so is what is in it (a choice).
        if self.runtime[c].moves.contains_key(&cl.resources()[&r].group) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        let node = cl.host_of(r);
        match cl.node(node).map(|n| n.state) {
            Some(NodeState::Up) => {}
            Some(NodeState::Paused) => return Err(Error::new(codes::ERROR_SHARING_PAUSED)),
            _ => return Err(Error::new(codes::ERROR_HOST_NODE_NOT_AVAILABLE)),
        }
        let coming = self.needed_to_come_online(c, r, node)?;
        // The persistent state is the last requested state (MsCS: PersistentState), so it
        // becomes online for every resource the request brings online: `r` and the providers
        // it needs (for the providers, a choice).
        if flags & CLUSAPI_RESOURCE_ONLINE_DO_NOT_UPDATE_PERSISTENT_STATE == 0 {
            let changes = coming.iter().map(|&p| Change::SetResourcePersistent { resource: p, online: true });
            self.commit(c, changes.collect::<Vec<_>>());
        }
        self.start_online(c, r);
        Ok(self.completion_of(c, r))
    }

    /// `OfflineClusterResource(Ex)`: takes `r` offline, its dependents first. A failed
    /// resource goes offline at once (OfflineClusterResource page; MS-CMRP 3.1.4.2.19 would
    /// give `ERROR_RESOURCE_FAILED`: engine-properties-notify.md §E.1 picks the page).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for undefined flag bits; `ERROR_INVALID_STATE (5023)` when it
    /// is pending or initializing, or a dependent it would take offline is in a pending
    /// operation.
    pub(crate) fn offline_resource(&mut self, c: usize, r: ObjectId, flags: u32) -> Result<Completion> {
        if flags & !RESOURCE_OFFLINE_FLAGS != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let cl = self.cluster(c);
        match cl.resources()[&r].state {
            ResourceState::Offline => return Ok(Completion::Done),
            ResourceState::Initializing => return Err(Error::new(codes::ERROR_INVALID_STATE)),
            _ => {}
        }
        if self.runtime[c].moves.contains_key(&cl.resources()[&r].group) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        let going = cl.dependent_closure(r);
        if going.iter().any(|&d| self.is_busy(c, d)) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        // As for online: every resource the request takes offline, `r` and its dependents,
        // records offline as its persistent state (for the dependents, a choice).
        if flags & CLUSAPI_RESOURCE_OFFLINE_DO_NOT_UPDATE_PERSISTENT_STATE == 0 {
            let changes = going.iter().map(|&d| Change::SetResourcePersistent { resource: d, online: false });
            self.commit(c, changes.collect::<Vec<_>>());
        }
        self.start_offline(c, r);
        Ok(self.completion_of(c, r))
    }

    /// `FailClusterResource`: `r` fails as if its health check had failed, and the restart
    /// policy runs (FailClusterResource page).
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` unless it is Online, OnlinePending or OfflinePending
    /// (MS-CMRP 3.1.4.2.17, protocol v3).
    pub(crate) fn fail_resource(&mut self, c: usize, r: ObjectId) -> Result<()> {
        match self.res(c, r).state {
            ResourceState::Online | ResourceState::OnlinePending | ResourceState::OfflinePending => {}
            _ => return Err(Error::new(codes::ERROR_INVALID_STATE)),
        }
        self.fail(c, r);
        Ok(())
    }

    /// `RestartClusterResource(Ex)`: takes `r` offline (its dependents first) and brings it
    /// back online on the same node, with the dependents whose persistent state is online;
    /// the persistent state does not change (ws signature only, §A.1: the model is a choice).
    /// Pending while either half is (`ERROR_IO_PENDING`).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for flags other than 0 (their values are not documented: a
    /// choice); `ERROR_INVALID_STATE (5023)` unless `r` is Online and no resource it would
    /// take offline is in an operation (a choice, as OfflineClusterResource's state table).
    pub(crate) fn restart_resource(&mut self, c: usize, r: ObjectId, flags: u32) -> Result<Completion> {
        if flags != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let cl = self.cluster(c);
        if cl.resources()[&r].state != ResourceState::Online {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        if cl.dependent_closure(r).into_iter().any(|d| self.is_busy(c, d)) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        self.runtime[c].restarting.insert(r);
        self.start_offline(c, r);
        let closure = self.cluster(c).dependent_closure(r);
        Ok(match closure.iter().any(|&d| self.is_busy(c, d)) {
            true => Completion::Pending,
            false => Completion::Done,
        })
    }

    // ---- the machinery --------------------------------------------------------------------

    /// Starts bringing `r` online, its providers first. Gives whether it is online or on its
    /// way: not when its node cannot host it or one of its providers.
    pub(super) fn start_online(&mut self, c: usize, r: ObjectId) -> bool {
        if self.res(c, r).state == ResourceState::Online {
            return true;
        }
        match self.op(c, r) {
            Some(op) if op.want == Want::Online => return true,
            Some(_) => self.cancel(c, r),
            None => {}
        }
        let cl = self.cluster(c);
        if !cl.can_host(cl.host_of(r), r) {
            return false;
        }
        let res = &cl.resources()[&r];
        let (required, alternatives): (Vec<ObjectId>, _) =
            (res.required_providers().collect(), res.alternatives.clone());
        for p in required {
            if !self.start_online(c, p) {
                return false;
            }
        }
        // Of each OR-set, one provider: one already online or on its way, else the first that
        // can come online (a choice: MS-CMRP 3.1.4.2.18 asks for one member of each set).
        for set in alternatives {
            let coming = |e: &Engine, p: ObjectId| {
                e.res(c, p).state == ResourceState::Online
                    || e.op(c, p).is_some_and(|op| op.want == Want::Online)
            };
            if !set.iter().any(|&p| coming(self, p)) && !set.iter().any(|&p| self.start_online(c, p)) {
                return false;
            }
        }
        // Bringing a provider online can have brought `r` online already: a provider that
        // comes back restores the dependents its failure stopped, `r` among them.
        if self.res(c, r).state == ResourceState::Online
            || self.op(c, r).is_some_and(|op| op.want == Want::Online)
        {
            return true;
        }
        self.commit1(c, Change::SetResourceState { resource: r, state: ResourceState::OnlinePending });
        self.runtime[c].ops.insert(r, Op { want: Want::Online, timer: None });
        self.drive(c, r);
        true
    }

    /// Starts taking `r` offline, its dependents first. A failed resource goes offline at
    /// once.
    pub(super) fn start_offline(&mut self, c: usize, r: ObjectId) {
        match self.res(c, r).state {
            ResourceState::Offline => return,
            ResourceState::Failed => {
                self.cancel(c, r);
                self.runtime[c].stopped_with.remove(&r);
                self.commit1(c, Change::SetResourceState { resource: r, state: ResourceState::Offline });
                self.woke_offline(c, r);
                return;
            }
            _ => {}
        }
        match self.op(c, r) {
            Some(op) if op.want == Want::Offline => return,
            Some(_) => self.cancel(c, r),
            None => {}
        }
        for d in self.cluster(c).dependents_in_group(r) {
            self.start_offline(c, d);
        }
        self.commit1(c, Change::SetResourceState { resource: r, state: ResourceState::OfflinePending });
        self.runtime[c].ops.insert(r, Op { want: Want::Offline, timer: None });
        self.drive(c, r);
    }

    /// Cancels `r`'s operation, if any, leaving its state for the caller to set.
    pub(super) fn cancel(&mut self, c: usize, r: ObjectId) {
        self.runtime[c].restarting.remove(&r);
        if let Some(op) = self.runtime[c].ops.remove(&r) {
            if let Some(key) = op.timer {
                self.clock.cancel(key);
            }
        }
    }

    /// Moves `r`'s operation on when what it waits for is done: its providers online, or its
    /// dependents offline. Then it waits for its delay, or completes at once.
    ///
    /// An operation longer than the resource's PendingTimeout common property (default 180 s)
    /// does not complete: past the timeout the resource monitor terminates the resource
    /// (MsCS:resources-pendingtimeout, §A.7.1 "past it the resource is terminated and treated
    /// as failed"). An online then fails, with the restart policy; an offline completes at the
    /// timeout, the termination having stopped the resource (a choice: the page names no other
    /// outcome for an offline).
    pub(super) fn drive(&mut self, c: usize, r: ObjectId) {
        let Some(op) = self.op(c, r) else { return };
        // A hung resource's operation stays pending until released (`Effect::Hang`).
        if op.timer.is_some() || self.runtime[c].hung.contains(&r) {
            return;
        }
        let cl = self.cluster(c);
        let res = &cl.resources()[&r];
        let rt = cl.resource_type(&res.resource_type);
        let delay = match op.want {
            Want::Online => {
                if !res.providers_online(|p| cl.resources()[&p].state == ResourceState::Online) {
                    return;
                }
                res.online_delay_ms.unwrap_or(rt.map_or(0, |t| t.online_delay_ms))
            }
            Want::Offline => {
                if cl.dependents_in_group(r).iter().any(|d| !is_down(cl.resources()[d].state)) {
                    return;
                }
                res.offline_delay_ms.unwrap_or(rt.map_or(0, |t| t.offline_delay_ms))
            }
        };
        let timeout = schema::stored_dword(schema::RESOURCE, res, "PendingTimeout");
        let (delay, timer) = match op.want {
            Want::Online if delay > timeout => (timeout, Timer::PendingTimeout { cluster: c, resource: r }),
            _ => (delay.min(timeout), Timer::Complete { cluster: c, resource: r }),
        };
        if delay == 0 {
            self.complete(c, r);
        } else {
            let key = self.clock.schedule(u64::from(delay), timer);
            if let Some(op) = self.runtime[c].ops.get_mut(&r) {
                op.timer = Some(key);
            }
        }
    }

    /// Completes `r`'s operation, then moves on what waited for it.
    pub(super) fn complete(&mut self, c: usize, r: ObjectId) {
        let Some(op) = self.runtime[c].ops.remove(&r) else { return };
        match op.want {
            Want::Online => {
                self.commit1(c, Change::SetResourceState { resource: r, state: ResourceState::Online });
                for d in self.cluster(c).dependents_in_group(r) {
                    self.drive(c, d);
                }
                // The dependents it stopped when it failed come back with it
                // (MsCS:resource-failure), whatever brought it back.
                if let Some(stopped) = self.runtime[c].stopped_with.remove(&r) {
                    let alive: Vec<ObjectId> =
                        stopped.into_iter().filter(|d| self.cluster(c).resources().contains_key(d)).collect();
                    self.restore(c, &alive);
                }
            }
            Want::Offline => {
                self.commit1(c, Change::SetResourceState { resource: r, state: ResourceState::Offline });
                self.woke_offline(c, r);
                if self.runtime[c].restarting.remove(&r) {
                    let dependents = self.cluster(c).dependent_closure(r);
                    self.start_online(c, r);
                    self.restore(c, &dependents[1..]);
                }
            }
        }
        let group = self.res(c, r).group;
        self.group_settled(c, group);
    }

    /// `r` is down: its providers waiting to go offline may go on.
    fn woke_offline(&mut self, c: usize, r: ObjectId) {
        for p in self.res(c, r).dependencies.clone() {
            self.drive(c, p);
        }
    }

    /// `r` fails: it goes to Failed, its dependents are terminated (they go offline at once,
    /// keeping their persistent state, so they come back with it: MsCS:resource-failure), and
    /// the restart policy runs.
    pub(super) fn fail(&mut self, c: usize, r: ObjectId) {
        self.cancel(c, r);
        let failure = {
            let n = self.runtime[c].failures.entry(r).or_default();
            *n += 1;
            *n
        };
        let mut changes = vec![Change::SetResourceState { resource: r, state: ResourceState::Failed }];
        // The dependents that lose what they need: all of them, unless another provider of an
        // OR-set stays online for them.
        let cl = self.cluster(c);
        let mut stopped = vec![r];
        let mut i = 0;
        while i < stopped.len() {
            for d in cl.dependents_in_group(stopped[i]) {
                let up = |p: ObjectId| {
                    let on_its_way = self.op(c, p).is_some_and(|op| op.want == Want::Online);
                    !stopped.contains(&p) && (cl.resources()[&p].state == ResourceState::Online || on_its_way)
                };
                if !stopped.contains(&d)
                    && !is_down(cl.resources()[&d].state)
                    && !cl.resources()[&d].providers_online(up)
                {
                    stopped.push(d);
                }
            }
            i += 1;
        }
        for &d in &stopped[1..] {
            self.cancel(c, d);
            changes.push(Change::SetResourceState { resource: d, state: ResourceState::Offline });
        }
        self.commit(c, changes);
        if stopped.len() > 1 {
            self.runtime[c].stopped_with.entry(r).or_default().extend(&stopped[1..]);
        }
        self.woke_offline(c, r);
        let group = self.res(c, r).group;
        if !self.runtime[c].moves.contains_key(&group) {
            self.restart_policy(c, r, failure);
        }
        self.group_settled(c, group);
    }

    /// The restart policy of MsCS:resource-failure (§A.7.1): restart on the same node while
    /// the restarts inside RestartPeriod stay under RestartThreshold; then, with
    /// RestartNotify, fail the group over; else (or when it cannot fail over) stay failed and
    /// retry after RetryPeriodOnFailure.
    fn restart_policy(&mut self, c: usize, r: ObjectId, failure: u64) {
        let now = self.clock.now();
        let (policy, group) = {
            let res = self.res(c, r);
            (res.restart, res.group)
        };
        let restarts = self.runtime[c].restarts.entry(r).or_default();
        restarts.retain(|&t| now - t < u64::from(policy.period_ms));
        if policy.action != RestartAction::DontRestart && restarts.len() < policy.threshold as usize {
            restarts.push(now);
            self.clock
                .schedule(u64::from(policy.delay_ms), Timer::Restart { cluster: c, resource: r, failure });
            return;
        }
        if policy.action == RestartAction::RestartNotify && self.fail_over(c, group) {
            return;
        }
        if policy.retry_period_ms != u32::MAX {
            let timer = Timer::Retry { cluster: c, resource: r, failure };
            self.clock.schedule(u64::from(policy.retry_period_ms), timer);
        }
    }

    /// A restart (or, with `retry`, a retry after RetryPeriodOnFailure) of a resource that
    /// failed for the `failure`-th time: it and the dependents that went down with it come
    /// back online on its node, if it is still failed from that failure.
    pub(super) fn recover(&mut self, c: usize, r: ObjectId, failure: u64, retry: bool) {
        let current = self.runtime[c].failures.get(&r).copied();
        let Some(res) = self.cluster(c).resources().get(&r) else { return };
        if res.state != ResourceState::Failed || current != Some(failure) {
            return;
        }
        if self.runtime[c].moves.contains_key(&res.group) {
            return;
        }
        if retry {
            self.runtime[c].restarts.remove(&r);
        }
        // Its dependents come back when it is online (see `complete`).
        self.start_online(c, r);
    }

    /// Brings back online the resources among `resources` whose persistent state is online,
    /// each with its providers.
    pub(super) fn restore(&mut self, c: usize, resources: &[ObjectId]) {
        for &r in resources {
            let res = self.res(c, r);
            if res.persistent_online && res.state != ResourceState::Online {
                self.start_online(c, r);
            }
        }
    }
}
