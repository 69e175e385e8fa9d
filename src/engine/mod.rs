//! The engine: owns the live [`World`], the virtual clock, and the operations in progress, and
//! is the world's one commit path.
//!
//! Operations check every rule against the current world first and fail with the real Win32
//! code, changing nothing. Then they commit [`Change`]s through [`Engine::commit`], which
//! applies them and runs what must follow every change: the invariant check (debug and test
//! builds), the events of notification ports (derived per change into an outbox, see
//! [`crate::notify`]) and, as the engine grows, the record of changes in the trace.
//! Nothing else writes the world, so none of these can be skipped. The engine never sees a
//! handle: [`Sim`](crate::Sim) resolves handles to ids first.
//!
//! * [`clock`]: virtual time and timers. Nothing waits in real time.
//! * [`resource`]: online, offline and failure of resources, in dependency order, and the
//!   restart policy (engine-properties-notify.md §A.1, §A.7.1).
//! * [`group`]: online, offline, move and failover of groups, and the choice of node (§A.2,
//!   §A.7.2, §A.7.3).
//! * [`node`]: pause, resume, and a node going down and coming back (§A.6).
//! * [`structure`]: create, delete, rename, owners, dependencies and regrouping (§A.3-§A.5).
//! * [`node`]: pause, drain, resume with failback, evict, and a node going down and coming
//!   back (§A.6).
//! * [`cluster`]: the cluster's name and its quorum resource.

pub(crate) mod clock;
mod cluster;
mod group;
mod node;
mod resource;
mod structure;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

pub(crate) use clock::Injected;
use clock::{Clock, Millis, Timer, TimerKey};

use crate::notify::{Event, Touched, events_of, group_state_events};
use crate::world::{Change, Cluster, NodeId, ObjectId, Resource, World};

/// How a state-changing call ended: done before it returned, or accepted and still running on
/// the virtual clock (the C API's `ERROR_IO_PENDING`, 997).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Completion {
    /// Done: the objects are in their new state (`ERROR_SUCCESS`).
    Done,
    /// Accepted and in progress (`ERROR_IO_PENDING`): resources sit in `OnlinePending` or
    /// `OfflinePending` until the clock passes their delay
    /// ([`Harness::advance`](crate::Harness::advance), [`Harness::settle`](crate::Harness::settle)).
    Pending,
}

impl Completion {
    /// The Win32 code the C API returns for it: 0 or `ERROR_IO_PENDING` (997).
    pub const fn code(self) -> u32 {
        match self {
            Completion::Done => crate::codes::ERROR_SUCCESS,
            Completion::Pending => crate::codes::ERROR_IO_PENDING,
        }
    }
}

/// A node's `NodeDrainStatus` common property (windows-sys `CLUSTER_NODE_DRAIN_STATUS`;
/// engine-properties-notify.md §A.6, MsCS:node-common-properties).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NodeDrainStatus {
    /// `NodeDrainStatusNotInitiated` (0): no drain since the node was last resumed.
    #[default]
    NotInitiated,
    /// `NodeDrainStatusInProgress` (1): its groups are still moving away.
    InProgress,
    /// `NodeDrainStatusCompleted` (2): every group it owned has left and settled.
    Completed,
    /// `NodeDrainStatusFailed` (3): at least one group could not move and stays on the node.
    Failed,
}

impl NodeDrainStatus {
    /// The property's value.
    pub const fn value(self) -> u32 {
        match self {
            NodeDrainStatus::NotInitiated => 0,
            NodeDrainStatus::InProgress => 1,
            NodeDrainStatus::Completed => 2,
            NodeDrainStatus::Failed => 3,
        }
    }
}

/// `CLUSTER_NODE_RESUME_FAILBACK_TYPE`: what `ResumeClusterNodeEx` does with the groups a drain
/// moved away from the node (ResumeClusterNodeEx page; engine-properties-notify.md §A.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResumeFailback {
    /// `DoNotFailbackGroups` (0): nothing moves.
    DoNotFailback,
    /// `FailbackGroupsImmediately` (1): every group the drain moved away comes back now.
    Immediately,
    /// `FailbackGroupsPerPolicy` (2): only the groups whose AutoFailbackType allows it,
    /// inside their failback window.
    PerPolicy,
}

impl ResumeFailback {
    /// The failback type with this `CLUSTER_NODE_RESUME_FAILBACK_TYPE` value.
    pub const fn from_value(value: i32) -> Option<ResumeFailback> {
        match value {
            0 => Some(ResumeFailback::DoNotFailback),
            1 => Some(ResumeFailback::Immediately),
            2 => Some(ResumeFailback::PerPolicy),
            _ => None,
        }
    }

    /// Its `CLUSTER_NODE_RESUME_FAILBACK_TYPE` value.
    pub const fn value(self) -> i32 {
        match self {
            ResumeFailback::DoNotFailback => 0,
            ResumeFailback::Immediately => 1,
            ResumeFailback::PerPolicy => 2,
        }
    }
}

/// [`Harness::settle`](crate::Harness::settle) gave up: work was still in progress after the
/// bound on timer events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotSettled {
    /// Resources still in a pending operation.
    pub pending: usize,
    /// Virtual time that passed before giving up.
    pub elapsed: Duration,
    /// Timer events processed.
    pub events: u64,
}

impl std::fmt::Display for NotSettled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the cluster did not settle: {} resource(s) still pending after {} timer events and {:?} of \
             virtual time (a policy that never settles?)",
            self.pending, self.events, self.elapsed
        )
    }
}

impl std::error::Error for NotSettled {}

/// What a resource is doing: going online or offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Online,
    Offline,
}

/// A resource's operation in progress: it waits for its providers (going online) or its
/// dependents (going offline), then for its delay on the clock.
#[derive(Clone, Copy, Debug)]
struct Op {
    want: Want,
    /// The timer of its delay, once it started.
    timer: Option<TimerKey>,
}

/// A group move in progress: its resources go offline, then the owner changes, then they come
/// back to their persistent state.
#[derive(Clone, Copy, Debug)]
struct Move {
    to: NodeId,
    /// Its resources are still being asked to go offline.
    starting: bool,
}

/// A node's drain: the groups still moving away, and those that left.
#[derive(Clone, Debug, Default)]
struct Drain {
    status: NodeDrainStatus,
    /// The drain is still starting its moves: it cannot complete yet.
    starting: bool,
    /// Groups whose move away has not settled yet.
    moving: Vec<ObjectId>,
    /// A group could not leave.
    failed: bool,
    /// Groups that left the node by this drain, for the failback of ResumeClusterNodeEx.
    drained: Vec<ObjectId>,
}

/// The engine's bookkeeping for one cluster: what the world does not hold because it is not
/// state a client can read, only the engine's memory of what is in progress and what happened.
#[derive(Clone, Debug, Default)]
struct Runtime {
    ops: HashMap<ObjectId, Op>,
    moves: HashMap<ObjectId, Move>,
    /// When each resource was restarted, inside its RestartPeriod.
    restarts: HashMap<ObjectId, Vec<Millis>>,
    /// When each group failed over, inside its FailoverPeriod.
    failovers: HashMap<ObjectId, Vec<Millis>>,
    /// How many times each resource has failed: a restart or retry timer set for an earlier
    /// failure does nothing.
    failures: HashMap<ObjectId, u64>,
    /// The dependents each failed resource stopped: they come back when it is online again,
    /// however it gets there (its restart, a retry, or a client's online).
    stopped_with: HashMap<ObjectId, Vec<ObjectId>>,
    /// Drains by node, until the node is resumed.
    drains: HashMap<NodeId, Drain>,
    /// Resources being restarted (RestartClusterResource): online again once offline.
    restarting: HashSet<ObjectId>,
    /// Hung resources (the fault effect `Effect::Hang`): their operations never complete, until
    /// released.
    hung: HashSet<ObjectId>,
}

/// The live world, the clock, and the commit path.
#[derive(Debug)]
pub(crate) struct Engine {
    /// Shared with the snapshots handed out for inspection; a commit copies it only while a
    /// snapshot is still alive (`Arc::make_mut`).
    world: Arc<World>,
    clock: Clock,
    runtime: Vec<Runtime>,
    /// How many changes have been committed.
    committed: u64,
    /// How many commits (each a list of changes) have been made.
    commits: u64,
    /// The events of the commits since the outbox was last drained; `None` while no
    /// notification port exists (then deriving them would be wasted work).
    outbox: Option<Vec<Event>>,
}

/// How many timer events [`Engine::settle`] processes before it gives up.
pub(crate) const SETTLE_BOUND: u64 = 10_000_000;

impl Engine {
    /// An engine over `world`, which must satisfy the world's invariants.
    pub(crate) fn new(world: World) -> Engine {
        let runtime = vec![Runtime::default(); world.clusters().len()];
        Engine {
            world: Arc::new(world),
            clock: Clock::default(),
            runtime,
            committed: 0,
            commits: 0,
            outbox: None,
        }
    }

    /// The world, to read.
    pub(crate) fn world(&self) -> &World {
        &self.world
    }

    /// A snapshot of the world that stays valid after the lock is released: the engine's own
    /// copy until the next commit.
    pub(crate) fn snapshot(&self) -> Arc<World> {
        Arc::clone(&self.world)
    }

    /// How many changes have been committed so far.
    #[allow(dead_code)] // read by the engine's own tests; the trace of changes will read it
    pub(crate) fn committed(&self) -> u64 {
        self.committed
    }

    /// The virtual time, in milliseconds since the simulator was built.
    pub(crate) fn now(&self) -> Millis {
        self.clock.now()
    }

    /// How many resources are in a pending operation.
    pub(crate) fn pending(&self) -> usize {
        self.runtime.iter().map(|r| r.ops.len()).sum()
    }

    /// Applies planned changes to cluster `cluster`, in order, then checks the invariants
    /// (debug and test builds). The check is O(cluster), so on a large cluster it runs on
    /// every k-th commit, k growing with the cluster's size, which keeps its cost per commit
    /// bounded (a failover of 10k groups would otherwise be quadratic) while every commit of a
    /// small cluster, as in the property tests, is checked.
    ///
    /// # Panics
    /// When a change breaks an invariant: operations check every rule first, so that is a bug
    /// in the engine, reported with the change at fault.
    ///
    /// While events are recorded ([`record_events`](Self::record_events)), each change's
    /// events are derived before it is applied (a deleted object still has its name), and at
    /// the end a GROUP_STATE for each group it touched whose derived state or owner changed.
    pub(crate) fn commit(&mut self, cluster: usize, changes: impl IntoIterator<Item = Change>) {
        let world = Arc::make_mut(&mut self.world);
        let mut touched = Touched::new();
        for change in changes {
            if let Some(out) = self.outbox.as_mut() {
                events_of(&world.clusters()[cluster], cluster, &change, &mut touched, out);
            }
            world.apply(cluster, change);
            self.committed += 1;
        }
        if let Some(out) = self.outbox.as_mut() {
            group_state_events(&world.clusters()[cluster], cluster, &touched, out);
        }
        #[cfg(debug_assertions)]
        {
            let c = &self.world.clusters()[cluster];
            let stride = (c.resources().len() + c.groups().len()) as u64 / 512 + 1;
            if self.commits % stride == 0 {
                if let Err(broken) = c.check_invariants() {
                    panic!("a committed change broke a world invariant: {broken}");
                }
            }
        }
        self.commits += 1;
    }

    /// Starts (`true`) or stops recording the events of commits into the outbox; stopping
    /// drops what it held.
    pub(crate) fn record_events(&mut self, on: bool) {
        match (on, self.outbox.is_some()) {
            (true, false) => self.outbox = Some(Vec::new()),
            (false, true) => self.outbox = None,
            _ => {}
        }
    }

    /// Takes the events recorded since the last call, in the order they happened.
    pub(crate) fn take_events(&mut self) -> Vec<Event> {
        self.outbox.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// The due time of the earliest timer (work or retry), if any.
    pub(crate) fn next_timer(&self) -> Option<Millis> {
        self.clock.next_due()
    }

    /// The due time of the earliest timer that is work in progress, if any.
    pub(crate) fn next_work(&self) -> Option<Millis> {
        self.clock.next_work()
    }

    /// Commits one change.
    fn commit1(&mut self, cluster: usize, change: Change) {
        self.commit(cluster, [change]);
    }

    fn cluster(&self, c: usize) -> &Cluster {
        &self.world.clusters()[c]
    }

    fn res(&self, c: usize, r: ObjectId) -> &Resource {
        &self.cluster(c).resources()[&r]
    }

    // ---- time -----------------------------------------------------------------------------

    /// Moves the clock forward by `ms`, firing every timer that falls due, in order.
    pub(crate) fn advance(&mut self, ms: Millis) {
        let until = self.clock.now().saturating_add(ms);
        while let Some(timer) = self.clock.pop_due(until) {
            self.fire(timer);
        }
        self.clock.set_now(until);
    }

    /// Runs the clock until no operation is in progress: no resource pending, no move
    /// unfinished, no restart due. Retries of resources left failed by policy stay scheduled.
    /// Gives the virtual time that passed.
    ///
    /// # Errors
    /// [`NotSettled`] after `bound` timer events.
    pub(crate) fn settle(&mut self, bound: u64) -> Result<Millis, NotSettled> {
        let start = self.clock.now();
        let mut events = 0u64;
        while self.pending() > 0
            || self.runtime.iter().any(|r| !r.moves.is_empty())
            || self.clock.next_work().is_some()
        {
            let not_settled = |e: &Engine, events| NotSettled {
                pending: e.pending(),
                elapsed: Duration::from_millis(e.clock.now() - start),
                events,
            };
            let Some(due) = self.clock.next_work() else {
                // Operations wait on each other with no timer to move them: cannot happen by
                // construction, but never loop on it.
                return Err(not_settled(self, events));
            };
            while let Some(timer) = self.clock.pop_due(due) {
                self.fire(timer);
                events += 1;
            }
            if events >= bound {
                return Err(not_settled(self, events));
            }
        }
        Ok(self.clock.now() - start)
    }

    /// Makes an injected fault effect happen now (at once, or when its delay fell due).
    pub(crate) fn inject(&mut self, c: usize, injected: Injected) {
        match injected {
            // A resource that is not online or pending cannot fail: nothing happens (a choice).
            Injected::FailResource(r) if self.cluster(c).resources().contains_key(&r) => {
                let _ = self.fail_resource(c, r);
            }
            Injected::NodeDown(n) if self.cluster(c).node(n).is_some() => self.node_down(c, n),
            Injected::Hang(r) => {
                self.runtime[c].hung.insert(r);
            }
            _ => {}
        }
    }

    /// Schedules `injected` `delay_ms` of virtual time from now.
    pub(crate) fn inject_after(&mut self, c: usize, injected: Injected, delay_ms: Millis) {
        self.clock.schedule(delay_ms, Timer::Inject { cluster: c, injected });
    }

    /// Releases every hung resource: each operation it was in goes on from now, its delay
    /// counted again.
    pub(crate) fn release_hung(&mut self) {
        for c in 0..self.runtime.len() {
            let hung: Vec<ObjectId> = self.runtime[c].hung.drain().collect();
            for r in hung {
                if let Some(op) = self.runtime[c].ops.get_mut(&r) {
                    if let Some(key) = op.timer.take() {
                        self.clock.cancel(key);
                    }
                    self.drive(c, r);
                }
            }
        }
    }

    fn fire(&mut self, timer: Timer) {
        match timer {
            Timer::Complete { cluster, resource } => {
                if self.runtime[cluster].hung.contains(&resource) {
                    // Hung: the operation stays pending, with no timer, until released.
                    if let Some(op) = self.runtime[cluster].ops.get_mut(&resource) {
                        op.timer = None;
                    }
                } else if self.runtime[cluster].ops.get(&resource).is_some_and(|op| op.timer.is_some()) {
                    self.complete(cluster, resource);
                }
            }
            Timer::Restart { cluster, resource, failure } => self.recover(cluster, resource, failure, false),
            Timer::Retry { cluster, resource, failure } => self.recover(cluster, resource, failure, true),
            Timer::PendingTimeout { cluster, resource } => {
                if self.runtime[cluster].ops.get(&resource).is_some_and(|op| op.timer.is_some()) {
                    self.fail(cluster, resource);
                }
            }
            Timer::Inject { cluster, injected } => self.inject(cluster, injected),
        }
    }
}

#[cfg(test)]
mod tests;
