//! [`Sim`]: one simulator, its lock, and the pieces below it wired together.
//!
//! Every call takes the lock once, validates all its inputs, then changes state, so an error
//! leaves the simulator as it was. No user callback and no blocking wait runs under the lock.

mod builder;
mod call;
mod cluster_ops;
mod control;
mod current;
mod determinism;
mod enumerate;
mod group_ops;
mod group_set_ops;
mod harness;
mod node_ops;
mod notify_ops;
mod objects;
mod properties;
mod registry_ops;
pub(crate) mod registry_view;
mod resource_ops;
pub(crate) mod resutils_ops;
mod storage_ops;
mod structure_ops;

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::Arc;

use parking_lot::{Condvar, Mutex};

pub use builder::SimBuilder;
use call::capture;
pub(crate) use call::{Arg, Args, Call};
pub use cluster_ops::QuorumInfo;
#[cfg(feature = "win32")]
pub(crate) use current::with_current;
pub use current::{
    FIXTURE_ENV, InstallGuard, SEED_ENV, STRICT_ENV, STRICT_EXIT_STATUS, TRACE_ENV, current, verify_current,
};
pub use determinism::{
    CHECK_DETERMINISM_ENV, DeterminismError, SeedGuard, check_determinism, check_determinism_with,
    run_checked,
};
pub use harness::Harness;
pub use objects::{ClusterInfo, GroupStatus, ResourceStatus};
pub use properties::{PropertyObject, ResourceTypeRef, Stored};

use crate::engine::{Completion, Engine, Injected};
use crate::enumeration::EnumItem;
use crate::error::{Error, Result, codes};
use crate::fault::{Effect, Fault, FaultRng};
use crate::handle_types::{ClusterHandle, Handle};
use crate::handles::{HandleRegistry, Kind, Misuse, Origin, RawHandle};
use crate::notify::Ports;
use crate::trace::{Finished, Trace};
use crate::world::{NodeId, ObjectId, World};

/// What a handle refers to.
#[derive(Debug)]
pub(crate) enum Target {
    Cluster {
        cluster: usize,
    },
    Node {
        cluster: usize,
        node: NodeId,
    },
    Group {
        cluster: usize,
        group: ObjectId,
    },
    Resource {
        cluster: usize,
        resource: ObjectId,
    },
    Network {
        cluster: usize,
        network: ObjectId,
    },
    NetInterface {
        cluster: usize,
        net_interface: ObjectId,
    },
    GroupSet {
        cluster: usize,
        set: ObjectId,
    },
    Enum {
        items: Box<[EnumItem]>,
    },
    /// A notification port; its filter sets and queue are in [`State::ports`].
    NotifyPort,
    /// A key of the cluster registry.
    Key {
        cluster: usize,
        key: registry_view::RegKey,
    },
    /// A write batch being built.
    RegBatch {
        cluster: usize,
        key: registry_view::RegKey,
        batch: crate::registry::Batch,
    },
    /// A read batch being built.
    RegReadBatch {
        cluster: usize,
        key: registry_view::RegKey,
        batch: crate::registry::ReadBatch,
    },
    /// The replies of a read batch.
    RegReadReply(Box<registry_ops::ReplySet>),
    /// A batch notification port; its queue is in [`State::batch_ports`].
    RegBatchPort,
    /// One batch notification: its commands.
    RegBatchNotification(Box<registry_ops::NotificationSet>),
}

/// A rule the code under test broke that the real library would not report, recorded so that
/// a strict simulator can fail the test (H8).
///
/// Two families. [`ClusterClosedWithOpenHandles`](Self::ClusterClosedWithOpenHandles) is the
/// leak family: [`Harness::violations`] lists it, [`Harness::check_leaks`] and
/// [`SimBuilder::fail_on_leak`] report it. The others are the handle verifier's: a handle used
/// after its close, closed twice, of the wrong kind, or to a deleted object. The real library
/// reports those as error codes, which the simulator returns unchanged (also in
/// [strict](SimBuilder::strict) mode); it also records them, [`Harness::misuses`] lists them,
/// and [`Harness::verify`] and strict mode report them with the leaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation {
    /// `CloseCluster` was called while handles derived from it were still open ("Do not close
    /// a cluster handle if there are any object handles still in use that were obtained from
    /// the cluster handle": CloseCluster page).
    ClusterClosedWithOpenHandles {
        /// Where the cluster handle was opened.
        opened_at: Origin,
        /// How many derived handles it invalidated.
        derived: usize,
    },
    /// A close function was given a handle this simulator issued and that was closed before
    /// (by its own close, or with its cluster handle): "a closed handle is never valid again"
    /// (H5, H4). The call fails as the real one does (`CloseCluster` still returns TRUE).
    DoubleClose {
        /// The value.
        handle: RawHandle,
        /// Its kind.
        kind: Kind,
        /// Where it was opened, if the simulator still remembers: a [strict](SimBuilder::strict)
        /// simulator remembers the last [`MAX_VIOLATIONS`] closed handles' origins.
        opened_at: Option<Origin>,
        /// The function called, e.g. `"CloseClusterGroup"`.
        function: &'static str,
    },
    /// A call other than a close went through a handle this simulator issued and that has been
    /// closed (H3, H5: a stale value fails with `ERROR_INVALID_HANDLE`, never reaches an
    /// object).
    UseAfterClose {
        /// The value.
        handle: RawHandle,
        /// Its kind.
        kind: Kind,
        /// Where it was opened, if still remembered (as for [`DoubleClose`](Self::DoubleClose)).
        opened_at: Option<Origin>,
        /// The function called.
        function: &'static str,
    },
    /// A live handle of one kind was passed where another kind is expected (H2: it gets
    /// `ERROR_INVALID_HANDLE`, never a wrong object).
    WrongKind {
        /// The value.
        handle: RawHandle,
        /// Its kind.
        kind: Kind,
        /// The kind the function expects there.
        expected: Kind,
        /// Where it was opened.
        opened_at: Origin,
        /// The function called.
        function: &'static str,
    },
    /// A call went through a live handle whose object was deleted or evicted (H6: it fails
    /// with the object's not-available or not-found code).
    DeletedObject {
        /// The value.
        handle: RawHandle,
        /// Its kind.
        kind: Kind,
        /// Where it was opened.
        opened_at: Origin,
        /// The function called.
        function: &'static str,
        /// The code the call failed with, e.g. `ERROR_GROUP_NOT_AVAILABLE (5012)`.
        code: u32,
    },
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn at(origin: &Option<Origin>) -> String {
            origin.map_or_else(|| "an unremembered place".to_owned(), |o| o.to_string())
        }
        match self {
            Violation::ClusterClosedWithOpenHandles { opened_at, derived } => write!(
                f,
                "CloseCluster closed the cluster handle opened at {opened_at} while {derived} handle(s) \
                 derived from it were still open"
            ),
            Violation::DoubleClose { handle, kind, opened_at, function } => write!(
                f,
                "double close: {function} on {} {handle:?} opened at {}, which was already closed",
                kind.type_name(),
                at(opened_at)
            ),
            Violation::UseAfterClose { handle, kind, opened_at, function } => write!(
                f,
                "use after close: {function} on {} {handle:?} opened at {}, which was closed",
                kind.type_name(),
                at(opened_at)
            ),
            Violation::WrongKind { handle, kind, expected, opened_at, function } => write!(
                f,
                "wrong kind: {function} expects {} and was given {} {handle:?} opened at {opened_at}",
                expected.type_name(),
                kind.type_name()
            ),
            Violation::DeletedObject { handle, kind, opened_at, function, code } => write!(
                f,
                "deleted object: {function} on {} {handle:?} opened at {opened_at}, whose object is gone \
                 (error {code})",
                kind.type_name()
            ),
        }
    }
}

impl Violation {
    /// Whether this is one of the handle verifier's violations (listed by
    /// [`Harness::misuses`]) rather than the leak family (listed by [`Harness::violations`]).
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// assert!(sim.close_cluster(cluster));
    /// assert!(sim.close_cluster(cluster), "TRUE, but a double close");
    /// assert!(sim.harness().misuses()[0].is_misuse());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn is_misuse(&self) -> bool {
        !matches!(self, Violation::ClusterClosedWithOpenHandles { .. })
    }
}

pub(crate) struct State {
    pub(crate) engine: Engine,
    pub(crate) handles: HandleRegistry<Target>,
    trace: Trace,
    seq: u64,
    /// The first [`MAX_VIOLATIONS`] violations, in order.
    violations: Vec<Violation>,
    /// All violations, also those past the cap.
    violation_count: u64,
    /// The first [`MAX_VIOLATIONS`] handle misuses ([`Violation::is_misuse`]), in order. In a
    /// cell: they are found where handles resolve, which reads the state.
    misuses: RefCell<Vec<Violation>>,
    /// All handle misuses, also those past the cap.
    misuse_count: Cell<u64>,
    /// The function of the call running, while one runs: misuses are recorded only inside a
    /// ClusAPI call, never for the harness's own look-ups.
    function: Option<&'static str>,
    /// The notifications the call running has posted so far, for its trace entry.
    call_events: Vec<String>,
    /// The call running's arguments, captured for its trace entry as it began.
    args_buf: crate::trace::Captured,
    /// Notify ports closed with their cluster handle (H4), until their own
    /// `CloseClusterNotifyPort`: that close is the MsCS sample's pattern, not a double close.
    orphaned_ports: HashSet<isize>,
    /// The notification ports: filter sets and queues.
    pub(crate) ports: Ports,
    /// Wakes the `GetClusterNotify` calls blocked with `INFINITE` (paired with the lock of
    /// [`Shared::state`]): notified when an event is queued or a port closes.
    wake: Arc<Condvar>,
    /// Scripted faults ([`crate::fault`]), in the order added.
    pub(crate) faults: Vec<Fault>,
    /// The generator the random faults draw from ([`Fault::probability`]), seeded with the seed.
    pub(crate) fault_rng: FaultRng,
    /// Set by [`Effect::Unreachable`]: every call but the closes fails with
    /// `RPC_S_SERVER_UNAVAILABLE` until [`Harness::reconnect`](crate::Harness::reconnect).
    pub(crate) unreachable: bool,
    /// When a delayed [`Effect::Unreachable`] makes the cluster unreachable (virtual time).
    pub(crate) unreachable_at: Option<u64>,
    /// Each cluster's registry (by cluster index): its hive, with the object keys projected
    /// from the world.
    pub(crate) registries: Vec<registry_view::Registry>,
    /// The batch notification ports, by handle value: each one's cluster, watched key path
    /// (upper-cased) and the notifications not yet taken. An entry whose handle is gone (closed
    /// with its cluster) is dropped at the next post.
    pub(crate) batch_ports: std::collections::BTreeMap<isize, registry_ops::BatchPort>,
}

struct Shared {
    state: Mutex<State>,
    fail_on_leak: bool,
    /// [`SimBuilder::strict`]: the drop-time check also covers every handle misuse.
    strict: bool,
    seed: u64,
    /// Virtual milliseconds each call moves the clock by ([`SimBuilder::tick_per_call`]).
    tick_ms: u64,
}

/// An in-memory failover cluster (or several) behind a handle registry.
///
/// `Sim` is a cheap, clonable reference (`Send + Sync`); clones share one simulator. Build one
/// with [`Sim::default`] (the embedded default cluster), [`Sim::builder`] or
/// [`Sim::from_fixture_str`].
///
/// # The ClusAPI, one method per function
///
/// Each method of `Sim` is one ClusAPI function, traced under that function's name. The name
/// is the function's, in snake case, without `Get` and without the `Cluster` that only says
/// which API it belongs to: `OpenClusterGroup` is [`open_group`](Self::open_group),
/// `GetClusterGroupState` is [`group_state`](Self::group_state), `ClusterGroupOpenEnum` is
/// [`group_open_enum`](Self::group_open_enum), `ClusterResourceControl` is
/// [`resource_control`](Self::resource_control), `GetClusterInformation` is
/// [`cluster_information`](Self::cluster_information). A getter returns its outputs in one
/// struct named for them ([`GroupStatus`](crate::GroupStatus),
/// [`ResourceStatus`](crate::ResourceStatus), [`ClusterInfo`](crate::ClusterInfo)); the
/// `lpcch` size protocol of the C API is the exports' business. What a test does that no
/// ClusAPI client could (list open handles, read the trace, look at the world) is on
/// [`Sim::harness`].
///
/// ```
/// use clusapi_sim::{GroupState, Sim};
/// let sim = Sim::default();
/// let cluster = sim.open_cluster(None)?;
/// let group = sim.open_group(cluster, "Cluster Group")?;
/// let status = sim.group_state(group)?; // GetClusterGroupState: state and owner node
/// assert_eq!(status.state, GroupState::Online);
/// assert!(!status.owner_node.is_empty());
/// sim.close_group(group)?;
/// assert!(sim.close_cluster(cluster));
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Clone)]
pub struct Sim {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Sim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let st = self.shared.state.lock();
        f.debug_struct("Sim")
            .field("clusters", &st.world().clusters().iter().map(|c| c.name()).collect::<Vec<_>>())
            .field("open_handles", &st.handles.len())
            .field("seed", &self.shared.seed)
            .finish()
    }
}

impl Sim {
    pub(crate) fn from_world(
        world: World,
        fail_on_leak: bool,
        strict: bool,
        trace_capacity: usize,
        seed: u64,
        tick: std::time::Duration,
    ) -> Sim {
        // Every `World` satisfies the invariants: `World::new` checks them and only the
        // engine's commit path (which checks them again) changes a world afterwards.
        let mut handles = HandleRegistry::new();
        if strict {
            // So that a stale value's report says where it was opened.
            handles.remember_closed(MAX_VIOLATIONS);
        }
        let registries = world.clusters().iter().map(registry_view::Registry::new).collect();
        let state = State {
            registries,
            batch_ports: std::collections::BTreeMap::new(),
            engine: Engine::new(world),
            handles,
            trace: Trace::new(trace_capacity),
            seq: 0,
            violations: Vec::new(),
            violation_count: 0,
            misuses: RefCell::new(Vec::new()),
            misuse_count: Cell::new(0),
            function: None,
            call_events: Vec::new(),
            args_buf: crate::trace::Captured::default(),
            orphaned_ports: HashSet::new(),
            ports: Ports::default(),
            wake: Arc::new(Condvar::new()),
            faults: Vec::new(),
            fault_rng: FaultRng::new(seed),
            unreachable: false,
            unreachable_at: None,
        };
        let tick_ms = u64::try_from(tick.as_millis()).unwrap_or(u64::MAX);
        Sim { shared: Arc::new(Shared { state: Mutex::new(state), fail_on_leak, strict, seed, tick_ms }) }
    }

    /// A builder for a simulator.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::builder().seed(42).trace_capacity(16).build();
    /// assert_eq!(sim.seed(), 42);
    /// let cluster = sim.open_cluster(None)?;
    /// assert_eq!(sim.cluster_information(cluster)?.name, "CONTOSO-CLU1");
    /// sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn builder() -> SimBuilder {
        SimBuilder::default()
    }

    /// The seed the simulator was built with (it makes generated ids reproducible).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// assert_eq!(Sim::default().seed(), 0);
    /// let sim = Sim::builder().seed(7).build();
    /// assert_eq!(sim.seed(), 7);
    /// // The same seed and fixture give the same GUIDs.
    /// let again = Sim::builder().seed(sim.seed()).build();
    /// let id = |s: &Sim| -> clusapi_sim::Result<String> {
    ///     let cluster = s.open_cluster(None)?;
    ///     let network = s.open_network(cluster, "Cluster Network 1")?;
    ///     let id = s.network_id(network)?;
    ///     s.close_network(network)?;
    ///     s.close_cluster(cluster);
    ///     Ok(id)
    /// };
    /// assert_eq!(id(&sim)?, id(&again)?);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn seed(&self) -> u64 {
        self.shared.seed
    }

    /// Runs `call` under the lock, once: assigns its sequence number, tells `f` where handles
    /// it opens come from, hands `f`'s answer to `deliver` (the face's output: the Rust API
    /// returns it, an export writes it into the caller's buffers, which can still fail), and
    /// records the call in the trace with its arguments, its final result and the last error it
    /// set. One lock per call, whatever the face.
    pub(crate) fn call<R, T>(
        &self,
        call: &mut Call,
        args: &Args<'_>,
        f: impl FnOnce(&mut State, Origin) -> Result<R>,
        deliver: impl FnOnce(R) -> Result<T>,
    ) -> Result<T> {
        self.call_coded(call, args, f, |_| codes::ERROR_SUCCESS, deliver)
    }

    /// As [`call`](Self::call), for a state-changing call: the trace records the code its
    /// [`Completion`] stands for (`ERROR_IO_PENDING` for one still running).
    pub(crate) fn call_op<T>(
        &self,
        call: &mut Call,
        args: &Args<'_>,
        f: impl FnOnce(&mut State, Origin) -> Result<Completion>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_coded(call, args, f, |c| c.code(), deliver)
    }

    fn call_coded<R, T>(
        &self,
        call: &mut Call,
        args: &Args<'_>,
        f: impl FnOnce(&mut State, Origin) -> Result<R>,
        code_of: impl FnOnce(&R) -> u32,
        deliver: impl FnOnce(R) -> Result<T>,
    ) -> Result<T> {
        let mut st = self.shared.state.lock();
        st.begin(call);
        st.render_args(args);
        if self.shared.tick_ms > 0 {
            st.engine.advance(self.shared.tick_ms);
            // What the tick committed reaches the ports that exist before the call runs.
            st.flush_events();
        }
        if let Err(e) = st.apply_faults(call.function, args) {
            st.finish(call, e.code());
            return Err(e);
        }
        // Only the engine's commit path writes the world, and it checks the invariants.
        let mut ok_code = codes::ERROR_SUCCESS;
        let result = f(&mut st, call.origin());
        st.flush_events();
        let result = result.and_then(|r| {
            ok_code = code_of(&r);
            deliver(r)
        });
        let code = result.as_ref().map_or_else(|e| e.code(), |_| ok_code);
        st.finish(call, code);
        result
    }

    /// Records a call the simulator never saw, because its face rejected a pointer or a
    /// string first, with the code it failed with.
    #[cfg_attr(not(feature = "win32"), allow(dead_code))]
    pub(crate) fn record_unseen(&self, call: &mut Call, code: u32) {
        let mut st = self.shared.state.lock();
        st.begin(call);
        st.finish(call, code);
    }

    // ---- clusters -----------------------------------------------------------------------

    /// `OpenCluster`: a handle to the cluster named `name` (its name, FQDN, or one of its
    /// nodes' NetBIOS names), or to the local cluster for `None` or an empty name.
    ///
    /// # Errors
    /// `RPC_S_SERVER_UNAVAILABLE (1722)` when no simulated cluster answers to that name.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let local = sim.open_cluster(None)?;
    /// // The cluster's name, its FQDN, its address and its nodes' names all reach it.
    /// for name in ["CONTOSO-CLU1", "contoso-clu1.contoso.com", "10.0.0.100", "NODE2"] {
    ///     let cluster = sim.open_cluster(Some(name))?;
    ///     assert_eq!(sim.cluster_information(cluster)?.name, "CONTOSO-CLU1");
    ///     sim.close_cluster(cluster);
    /// }
    /// let err = sim.open_cluster(Some("NO-SUCH-CLUSTER")).unwrap_err();
    /// assert_eq!(err.code(), codes::RPC_S_SERVER_UNAVAILABLE);
    /// sim.close_cluster(local);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_cluster(&self, name: Option<&str>) -> Result<ClusterHandle> {
        self.open_cluster_as(&mut Call::rust("OpenCluster"), name, Ok)
    }

    pub(crate) fn open_cluster_as<T>(
        &self,
        call: &mut Call,
        name: Option<&str>,
        deliver: impl FnOnce(ClusterHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::OptText(name))],
            |st, origin| {
                // An empty name binds RPC to the local machine, like NULL (a choice: the docs only
                // define NULL).
                let cluster = match name {
                    None | Some("") if !st.world().clusters().is_empty() => st.world().local(),
                    Some(name) if !name.is_empty() => {
                        st.world().find_cluster(name).ok_or(Error::new(codes::RPC_S_SERVER_UNAVAILABLE))?
                    }
                    _ => return Err(Error::new(codes::RPC_S_SERVER_UNAVAILABLE)),
                };
                let raw = st.handles.insert(Kind::Cluster, None, origin, Target::Cluster { cluster })?;
                Ok(ClusterHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `CloseCluster`: always `true`, whatever the value (CloseCluster page: "This function
    /// always returns TRUE"). Invalidates every handle derived from `cluster`, transitively
    /// (H4); doing so while derived handles are open is recorded as a [`Violation`].
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "NODE1")?;
    /// assert!(sim.close_cluster(cluster)); // with the node still open: a violation
    /// assert_eq!(sim.node_state(node).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// assert_eq!(sim.harness().violation_count(), 1);
    /// // TRUE even for a handle that is already closed.
    /// assert!(sim.close_cluster(cluster));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn close_cluster(&self, cluster: ClusterHandle) -> bool {
        self.close_cluster_as(&mut Call::rust("CloseCluster"), cluster)
    }

    pub(crate) fn close_cluster_as(&self, call: &mut Call, cluster: ClusterHandle) -> bool {
        let _ = self.call(
            call,
            &[],
            |st, _| {
                let raw = RawHandle(cluster.raw());
                let Ok(opened_at) = st.handles.origin(raw) else {
                    st.note_bad_handle(raw, Kind::Cluster, true);
                    return Err(Error::INVALID_HANDLE);
                };
                // With ports open, the closed handles are kept for their HANDLE_CLOSE events.
                let watch = st.ports.any();
                let mut gone = Vec::new();
                let mut ports = 0;
                let closed = st.handles.close_tree(raw, Kind::Cluster, |h, kind, target| {
                    ports += usize::from(kind == Kind::NotifyPort);
                    if watch {
                        gone.push((h, target));
                    }
                })?;
                for (h, target) in gone {
                    if let Target::NotifyPort = target {
                        st.ports.orphan(h.0);
                        st.orphaned_ports.insert(h.0);
                    }
                    st.handle_closed(h, &target);
                }
                st.ports.sweep();
                // A port left open on its cluster handle is how the MsCS sample stops its
                // worker (HANDLE_CLOSE), so it is not counted against the caller.
                if closed - ports > 1 {
                    st.record_violation(Violation::ClusterClosedWithOpenHandles {
                        opened_at,
                        derived: closed - ports - 1,
                    });
                }
                Ok(())
            },
            Ok,
        );
        true
    }
}

impl Default for Sim {
    /// A simulator of the embedded default cluster; see [`crate::fixture::DEFAULT_FIXTURE`].
    fn default() -> Sim {
        Sim::builder().build()
    }
}

impl Drop for Shared {
    /// The drop-time check: with [`SimBuilder::fail_on_leak`], leaked handles and the leak
    /// family of violations; with [`SimBuilder::strict`], every violation too (H8). Not while
    /// the thread is already panicking (a second panic would abort).
    fn drop(&mut self) {
        if !(self.fail_on_leak || self.strict) || std::thread::panicking() {
            return;
        }
        let report = self.state.get_mut().report(self.strict);
        if report.is_empty() {
            return;
        }
        panic!("clusapi-sim: the simulator was dropped with leaks or violations:\n{report}");
    }
}

/// How many violations a simulator keeps; later ones are only counted.
pub const MAX_VIOLATIONS: usize = 1024;

impl State {
    /// Gives `call` its sequence number.
    fn begin(&mut self, call: &mut Call) {
        debug_assert_eq!(call.seq, 0, "{}: one call, one simulator call", call.function);
        self.seq += 1;
        call.seq = self.seq;
        self.function = Some(call.function);
        self.call_events.clear();
        self.args_buf.clear();
    }

    /// Writes the record of `call` into the trace, with the virtual time it ended at.
    pub(crate) fn finish(&mut self, call: &Call, code: u32) {
        self.function = None;
        let last_error = call.last_error(code);
        let now = self.engine.now();
        let finished = Finished {
            seq: call.seq,
            function: call.function,
            face: call.face,
            result: code,
            last_error,
            time_ms: now,
            events: std::mem::take(&mut self.call_events),
        };
        self.trace.record(finished, &mut self.args_buf);
    }

    /// Runs the scripted faults that match a call of `function` with `args`, before it runs:
    /// their effects on the cluster happen now. `handles` are the names of its
    /// [`Arg::Handle`] arguments, from [`handle_names`](Self::handle_names).
    ///
    /// # Errors
    /// The code the call must fail with instead of running: a fault's [`Effect::Error`], or
    /// `RPC_S_SERVER_UNAVAILABLE` while the cluster is unreachable (the close functions
    /// excepted: they close, as the client side of an RPC context handle does).
    fn apply_faults(&mut self, function: &str, args: &Args<'_>) -> Result<()> {
        if self.unreachable_at.is_some_and(|t| self.engine.now() >= t) {
            self.unreachable_at = None;
            self.unreachable = true;
        }
        if self.faults.is_empty() && !self.unreachable {
            return Ok(());
        }
        let names: Vec<String> = self.fault_names(args).into_iter().map(str::to_owned).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let rng = &mut self.fault_rng;
        let effects: Vec<(Effect, u64)> =
            self.faults.iter_mut().filter_map(|f| f.fires_at(function, &names, rng)).collect();
        for (effect, delay) in effects {
            let find_resource = |world: &crate::world::World, name: &str| {
                world.clusters().iter().enumerate().find_map(|(c, cl)| Some((c, cl.find_resource(name)?)))
            };
            let injected = match effect {
                Effect::Error(code) => return Err(Error::new(code)),
                Effect::FailResource(name) => {
                    find_resource(self.world(), &name).map(|(c, r)| (c, Injected::FailResource(r)))
                }
                Effect::Hang(name) => find_resource(self.world(), &name).map(|(c, r)| (c, Injected::Hang(r))),
                Effect::NodeDown(name) => self
                    .world()
                    .clusters()
                    .iter()
                    .enumerate()
                    .find_map(|(c, cl)| Some((c, Injected::NodeDown(cl.node_by_name(&name)?.id)))),
                Effect::Unreachable => {
                    match delay {
                        0 => self.unreachable = true,
                        d => {
                            let at = self.engine.now().saturating_add(d);
                            self.unreachable_at = Some(self.unreachable_at.map_or(at, |t| t.min(at)));
                        }
                    }
                    None
                }
            };
            match injected {
                Some((c, what)) if delay == 0 => self.engine.inject(c, what),
                Some((c, what)) => self.engine.inject_after(c, what, delay),
                None => {}
            }
        }
        self.flush_events();
        if self.unreachable && !function.starts_with("Close") {
            return Err(Error::new(codes::RPC_S_SERVER_UNAVAILABLE));
        }
        Ok(())
    }

    /// Renders the call's arguments into the trace's argument buffer as the call begins (a
    /// call may delete or rename its object, so the names behind its handles are read now),
    /// when the trace is on: straight from the world, with no allocation once the buffer has
    /// grown.
    fn render_args(&mut self, args: &Args<'_>) {
        if !self.trace.is_on() {
            return;
        }
        let mut captured = std::mem::take(&mut self.args_buf);
        captured.clear();
        capture(args, |raw| self.object_name(raw), &mut captured);
        self.args_buf = captured;
    }

    /// The names among a call's recorded arguments that a fault's object rule matches: the
    /// objects behind its handles, then its texts.
    fn fault_names<'a>(&'a self, args: &'a Args<'_>) -> Vec<&'a str> {
        let handles = args.iter().filter_map(|(_, a)| match *a {
            Arg::Handle(raw) if raw != 0 => self.object_name(raw),
            _ => None,
        });
        let texts = args.iter().filter_map(|(_, a)| match *a {
            Arg::Text(s) | Arg::OptText(Some(s)) => Some(s),
            _ => None,
        });
        handles.chain(texts).collect()
    }

    /// The name of the live object behind any handle value, if it names one.
    fn object_name(&self, raw: isize) -> Option<&str> {
        let kind = RawHandle(raw).kind()?;
        let world = self.world();
        let name = match self.handles.get(RawHandle(raw), kind).ok()? {
            Target::Cluster { cluster } => world.clusters()[*cluster].name(),
            Target::Node { cluster, node } => &world.clusters()[*cluster].node(*node)?.name,
            Target::Group { cluster, group } => &world.clusters()[*cluster].groups().get(group)?.name,
            Target::Resource { cluster, resource } => {
                &world.clusters()[*cluster].resources().get(resource)?.name
            }
            Target::Network { cluster, network } => &world.clusters()[*cluster].networks().get(network)?.name,
            Target::NetInterface { cluster, net_interface } => {
                &world.clusters()[*cluster].net_interfaces().get(net_interface)?.name
            }
            Target::GroupSet { cluster, set } => &world.clusters()[*cluster].group_sets().get(set)?.name,
            _ => return None,
        };
        Some(name)
    }

    /// The world, to read.
    pub(crate) fn world(&self) -> &World {
        self.engine.world()
    }

    /// Delivers what the engine committed since the last flush to the notification ports,
    /// and wakes the waiters when anything was queued. Called after every entry point that
    /// can commit (`Sim::call_coded`, the `Harness` methods that change the world), so that
    /// no commit's events wait for an unrelated call; the engine records nothing while no
    /// port exists.
    pub(crate) fn flush_events(&mut self) {
        self.engine.record_events(self.ports.any());
        let mut posted = false;
        for event in self.engine.take_events() {
            if self.ports.post(&event) {
                posted = true;
                if self.function.is_some() && self.trace.is_on() {
                    self.call_events.push(crate::notify::describe(&event));
                }
            }
        }
        if posted {
            self.wake.notify_all();
        }
    }

    /// Handle `h`, which referred to `target`, was closed: the filter sets registered
    /// through it post HANDLE_CLOSE with the object's name, and end.
    pub(crate) fn handle_closed(&mut self, h: RawHandle, target: &Target) {
        if !self.ports.any() {
            return;
        }
        let (object_type, subject) = self.target_subject(target);
        if self.ports.handle_closed(h.0, object_type, &subject) {
            if self.function.is_some() && self.trace.is_on() {
                self.call_events.push(format!("CLUSTER_CHANGE_HANDLE_CLOSE({})", subject.name));
            }
            self.wake.notify_all();
        }
    }

    /// The object type and v2 subject of what a handle refers to (empty fields once it is
    /// gone); the cluster's subject is its name.
    fn target_subject(&self, target: &Target) -> (u32, crate::notify::Subject) {
        use crate::notify::{self as n, ObjectRef, Subject};
        let w = self.world();
        let (cluster, ty, object) = match *target {
            Target::Cluster { cluster } => (cluster, n::CLUSTER_OBJECT_TYPE_CLUSTER, ObjectRef::Cluster),
            Target::Node { cluster, node } => (cluster, n::CLUSTER_OBJECT_TYPE_NODE, ObjectRef::Node(node)),
            Target::Group { cluster, group } => {
                (cluster, n::CLUSTER_OBJECT_TYPE_GROUP, ObjectRef::Group(group))
            }
            Target::Resource { cluster, resource } => {
                (cluster, n::CLUSTER_OBJECT_TYPE_RESOURCE, ObjectRef::Resource(resource))
            }
            Target::Network { cluster, network } => {
                (cluster, n::CLUSTER_OBJECT_TYPE_NETWORK, ObjectRef::Network(network))
            }
            Target::NetInterface { cluster, net_interface } => {
                (cluster, n::CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, ObjectRef::NetInterface(net_interface))
            }
            Target::GroupSet { cluster, set } => {
                (cluster, n::CLUSTER_OBJECT_TYPE_GROUPSET, ObjectRef::GroupSet(set))
            }
            Target::Enum { .. }
            | Target::NotifyPort
            | Target::Key { .. }
            | Target::RegBatch { .. }
            | Target::RegReadBatch { .. }
            | Target::RegReadReply(_)
            | Target::RegBatchPort
            | Target::RegBatchNotification(_) => return (0, Subject::default()),
        };
        let Some(c) = w.clusters().get(cluster) else { return (ty, Subject::default()) };
        let mut subject = Subject::of(c, object);
        if ty == n::CLUSTER_OBJECT_TYPE_CLUSTER {
            subject.name = c.name().to_owned();
        }
        (ty, subject)
    }

    fn record_violation(&mut self, v: Violation) {
        self.violation_count += 1;
        if self.violations.len() < MAX_VIOLATIONS {
            self.violations.push(v);
        }
    }

    /// Records a handle misuse: the first [`MAX_VIOLATIONS`] are kept, all are counted.
    fn record_misuse(&self, v: Violation) {
        self.misuse_count.set(self.misuse_count.get() + 1);
        let mut list = self.misuses.borrow_mut();
        if list.len() < MAX_VIOLATIONS {
            list.push(v);
        }
    }

    /// The handle verifier: `raw` did not resolve as a live handle of `kind` in the running
    /// call (a close when `closing`). Asks the registry why, and records a double close, a use
    /// after close or a wrong kind (H2, H3, H5); a forged value (never issued here, H1, H7) is
    /// not recorded. Nothing is recorded outside a ClusAPI call. The call's result is the
    /// caller's business: this only records.
    #[cold]
    #[inline(never)]
    pub(crate) fn note_bad_handle(&self, raw: RawHandle, kind: Kind, closing: bool) {
        let Some(function) = self.function else { return };
        let v = match self.handles.diagnose(raw, kind) {
            Some(Misuse::Closed { kind, origin }) if closing => {
                Violation::DoubleClose { handle: raw, kind, opened_at: origin, function }
            }
            Some(Misuse::Closed { kind, origin }) => {
                Violation::UseAfterClose { handle: raw, kind, opened_at: origin, function }
            }
            Some(Misuse::WrongKind { kind: actual, origin }) => Violation::WrongKind {
                handle: raw,
                kind: actual,
                expected: kind,
                opened_at: origin,
                function,
            },
            Some(Misuse::Forged) | None => return,
        };
        self.record_misuse(v);
    }

    /// The handle verifier: the object behind the live handle `raw` of `kind` is gone, and the
    /// running call fails with `code` (H6). Records it (inside a ClusAPI call only).
    #[cold]
    #[inline(never)]
    pub(crate) fn note_deleted(&self, raw: isize, kind: Kind, code: u32) {
        let Some(function) = self.function else { return };
        let Ok(opened_at) = self.handles.origin(RawHandle(raw)) else { return };
        self.record_misuse(Violation::DeletedObject {
            handle: RawHandle(raw),
            kind,
            opened_at,
            function,
            code,
        });
    }

    /// The target of a live handle of kind `kind`: the one place a call resolves a handle
    /// (the closes resolve theirs in the registry and report through
    /// [`note_bad_handle`](Self::note_bad_handle) too), so that the handle verifier sees every
    /// call through every face.
    pub(crate) fn target(&self, raw: isize, kind: Kind) -> Result<&Target> {
        let found = self.handles.get(RawHandle(raw), kind);
        if found.is_err() {
            self.note_bad_handle(RawHandle(raw), kind, false);
        }
        found
    }

    /// Closes one handle of `kind` (H5), recording a double close or a wrong kind.
    pub(crate) fn close_handle(&mut self, raw: RawHandle, kind: Kind) -> Result<Target> {
        let closed = self.handles.close(raw, kind);
        if closed.is_err() {
            self.note_bad_handle(raw, kind, true);
        }
        closed
    }

    /// The report of leaked handles and violations, one per line, empty when there is none:
    /// the leak family only, or with `misuses` the handle verifier's too.
    pub(crate) fn report(&self, misuses: bool) -> String {
        let mut report = String::new();
        for h in self.handles.open_handles() {
            let _ = writeln!(report, "leaked {} {:?} opened at {}", h.kind.type_name(), h.handle, h.origin);
        }
        for v in &self.violations {
            let _ = writeln!(report, "{v}");
        }
        if misuses {
            for v in self.misuses.borrow().iter() {
                let _ = writeln!(report, "{v}");
            }
            let count = self.misuse_count.get();
            if count > MAX_VIOLATIONS as u64 {
                let _ = writeln!(report, "... and {} more handle misuse(s)", count - MAX_VIOLATIONS as u64);
            }
        }
        report
    }

    /// The cluster index of a live cluster handle.
    pub(crate) fn cluster_of(&self, h: ClusterHandle) -> Result<usize> {
        match self.target(h.raw(), Kind::Cluster)? {
            Target::Cluster { cluster } => Ok(*cluster),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}
