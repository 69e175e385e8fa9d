//! [`Harness`]: the test driver's side of a simulator, kept apart from the ClusAPI mirror.
//!
//! The methods of [`Sim`] are the ClusAPI, one per function. What a test does *to* the
//! simulator, or asks it, that no ClusAPI client could (list the open handles, read the
//! trace, look at the world behind a handle) lives here, behind [`Sim::harness`]. None of it is
//! recorded in the trace, and none of it runs user code under the simulator's lock.

use std::time::Duration;

use super::{Sim, Violation};
use crate::engine::{NodeDrainStatus, NotSettled, SETTLE_BOUND};
use crate::error::{Error, Result, codes};
use crate::fault::Fault;
use crate::handle_types::{GroupHandle, NodeHandle, ResourceHandle};
use crate::handles::OpenHandle;
use crate::trace::{Calls, TraceEntry};
use crate::world::{DiskInfo, Group, Node, Resource, World};

/// The test driver's view of a [`Sim`]: inspection and evidence, not ClusAPI calls. Get one
/// with [`Sim::harness`]; it borrows the simulator and is cheap to make.
///
/// ```
/// use clusapi_sim::Sim;
/// let sim = Sim::default();
/// let cluster = sim.open_cluster(None)?;
/// assert_eq!(sim.harness().open_handles().len(), 1);
/// sim.close_cluster(cluster);
/// assert!(sim.harness().check_leaks().is_ok());
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Harness<'a> {
    pub(super) sim: &'a Sim,
}

impl Sim {
    /// The test driver's view of this simulator: open handles, violations, the trace, the
    /// world. See [`Harness`].
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let nodes = sim.harness().inspect(|w| w.local_cluster().nodes().len());
    /// assert!(nodes >= 2);
    /// ```
    pub fn harness(&self) -> Harness<'_> {
        Harness { sim: self }
    }
}

impl Harness<'_> {
    /// Every handle still open, with where it was opened (H8).
    ///
    /// ```
    /// use clusapi_sim::{Kind, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let open = sim.harness().open_handles();
    /// assert_eq!(open.len(), 1);
    /// assert_eq!(open[0].kind, Kind::Cluster);
    /// assert!(open[0].origin.to_string().contains(file!()), "opened here");
    /// sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn open_handles(&self) -> Vec<OpenHandle> {
        self.sim.shared.state.lock().handles.open_handles()
    }

    /// The rules broken so far that the real library would not have reported: the first
    /// [`MAX_VIOLATIONS`](crate::MAX_VIOLATIONS), so that a long run cannot grow without bound
    /// (see [`violation_count`](Self::violation_count) for all of them).
    ///
    /// ```
    /// use clusapi_sim::{Sim, Violation};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let _group = sim.open_group(cluster, "Cluster Group")?;
    /// sim.close_cluster(cluster); // with the group still open
    /// let violations = sim.harness().violations();
    /// assert!(matches!(violations[..], [Violation::ClusterClosedWithOpenHandles { derived: 1, .. }]));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn violations(&self) -> Vec<Violation> {
        self.sim.shared.state.lock().violations.clone()
    }

    /// How many violations were recorded in all, also past the cap of
    /// [`violations`](Self::violations).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// for _ in 0..3 {
    ///     let cluster = sim.open_cluster(None)?;
    ///     sim.open_group(cluster, "Cluster Group")?;
    ///     sim.close_cluster(cluster);
    /// }
    /// assert_eq!(sim.harness().violation_count(), 3);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn violation_count(&self) -> u64 {
        self.sim.shared.state.lock().violation_count
    }

    /// The most recent calls, oldest first (as many as the builder's
    /// [`trace_capacity`](crate::SimBuilder::trace_capacity) keeps).
    ///
    /// ```
    /// use clusapi_sim::{Face, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// assert!(sim.open_group(cluster, "No Such Group").is_err());
    /// sim.close_cluster(cluster);
    /// let trace = sim.harness().trace();
    /// let calls: Vec<_> = trace.iter().map(|e| (e.function, e.result)).collect();
    /// assert_eq!(calls, [("OpenCluster", 0), ("OpenClusterGroup", 5013), ("CloseCluster", 0)]);
    /// assert_eq!(trace[1].face, Face::Rust);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn trace(&self) -> Vec<TraceEntry> {
        self.sim.shared.state.lock().trace.entries()
    }

    /// The recorded calls, as a query for assertions ([`Calls`]): filter by function,
    /// argument or result, count, check the order, print, export as JSON Lines.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// sim.close_cluster(cluster);
    /// let calls = sim.harness().calls();
    /// assert!(calls.in_order(&["OpenCluster", "CloseCluster"]));
    /// assert_eq!(calls.to_json_lines().lines().count(), 2);
    /// assert_eq!(calls.dropped(), 0);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn calls(&self) -> Calls {
        let st = self.sim.shared.state.lock();
        Calls::new(st.trace.entries(), st.trace.dropped())
    }

    /// Checks that no handle is open and no violation was recorded.
    ///
    /// # Errors
    /// A readable report listing each leaked handle with its origin, and each violation.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let report = sim.harness().check_leaks().unwrap_err();
    /// assert!(report.contains("leaked HCLUSTER"), "{report}");
    /// sim.close_cluster(cluster);
    /// assert_eq!(sim.harness().check_leaks(), Ok(()));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn check_leaks(&self) -> std::result::Result<(), String> {
        let report = self.sim.shared.state.lock().report(false);
        if report.is_empty() { Ok(()) } else { Err(report) }
    }

    /// The handle misuses recorded so far (H2 to H6, [`Violation::is_misuse`]): double closes,
    /// uses after close, wrong-kind handles, handles to deleted objects, in order, the first
    /// [`MAX_VIOLATIONS`](crate::MAX_VIOLATIONS) of them. Recorded in every mode; the calls
    /// behave the same either way. A forged value (one this simulator never issued, NULL
    /// included) is not a misuse.
    ///
    /// ```
    /// use clusapi_sim::{Kind, Sim, Violation, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "Cluster Group")?;
    /// sim.close_group(group)?;
    /// assert_eq!(sim.group_state(group).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// assert!(matches!(
    ///     sim.harness().misuses()[..],
    ///     [Violation::UseAfterClose { kind: Kind::Group, function: "GetClusterGroupState", .. }]
    /// ));
    /// sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn misuses(&self) -> Vec<Violation> {
        self.sim.shared.state.lock().misuses.borrow().clone()
    }

    /// How many handle misuses were recorded in all, also past the cap of
    /// [`misuses`](Self::misuses).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// sim.close_cluster(cluster);
    /// for _ in 0..3 {
    ///     assert!(sim.cluster_information(cluster).is_err()); // use after close
    /// }
    /// assert_eq!(sim.harness().misuse_count(), 3);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn misuse_count(&self) -> u64 {
        self.sim.shared.state.lock().misuse_count.get()
    }

    /// The handle verifier's whole check, whatever the mode: no handle open, no violation and
    /// no handle misuse recorded (H8). What a [strict](crate::SimBuilder::strict) simulator
    /// checks when dropped; [`check_leaks`](Self::check_leaks) is its leak-only part.
    ///
    /// # Errors
    /// The report, one line per leaked handle, violation and misuse, each naming the handle's
    /// kind, value and where it was opened.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "NODE1")?;
    /// assert!(sim.open_group(clusapi_sim::ClusterHandle::from_raw(node.raw()), "x").is_err());
    /// sim.close_node(node)?;
    /// sim.close_cluster(cluster);
    /// assert_eq!(sim.harness().check_leaks(), Ok(()), "no leak...");
    /// let report = sim.harness().verify().unwrap_err(); // ...but a wrong kind
    /// assert!(report.contains("wrong kind: OpenClusterGroup expects HCLUSTER and was given HNODE"), "{report}");
    /// assert!(report.contains(file!()), "with where the node handle was opened: {report}");
    /// # use clusapi_sim::Handle as _;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn verify(&self) -> std::result::Result<(), String> {
        let report = self.sim.shared.state.lock().report(true);
        if report.is_empty() { Ok(()) } else { Err(report) }
    }

    /// A copy of the simulated world, for assertions.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let world = sim.harness().world();
    /// assert!(world.local_cluster().find_group("Cluster Group").is_some());
    /// ```
    pub fn world(&self) -> World {
        self.sim.shared.state.lock().world().clone()
    }

    /// Runs `f` on a snapshot of the world, for assertions that would rather not copy it.
    /// The snapshot is taken under the lock and `f` runs after it is released (no user code
    /// runs under the simulator's lock), so `f` may call the simulator, or format it.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let groups = sim.harness().inspect(|w| w.local_cluster().groups().len());
    /// // The closure may call back into the simulator.
    /// let handles = sim.harness().inspect(|_| sim.harness().open_handles().len());
    /// assert!(groups > 0);
    /// assert_eq!(handles, 0);
    /// ```
    pub fn inspect<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        let snapshot = self.sim.shared.state.lock().engine.snapshot();
        f(&snapshot)
    }

    /// The node a node handle refers to, as the world holds it now. Not a ClusAPI call: it
    /// is not traced.
    ///
    /// # Errors
    /// As the ClusAPI calls on that handle: `ERROR_INVALID_HANDLE`, or
    /// `ERROR_NODE_NOT_AVAILABLE` for an evicted node.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node_by_id(cluster, 1)?;
    /// assert_eq!(sim.harness().node(node)?.id, 1);
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn node(&self, h: NodeHandle) -> Result<Node> {
        Ok(self.sim.shared.state.lock().node(h)?.1.clone())
    }

    /// The group a group handle refers to, as the world holds it now. Not traced.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`, or `ERROR_GROUP_NOT_AVAILABLE` for a deleted group.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "cluster group")?;
    /// assert_eq!(sim.harness().group(group)?.name, "Cluster Group");
    /// # sim.close_group(group)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn group(&self, h: GroupHandle) -> Result<Group> {
        Ok(self.sim.shared.state.lock().group(h)?.1.clone())
    }

    /// The resource a resource handle refers to, as the world holds it now. Not traced.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`, or `ERROR_RESOURCE_NOT_AVAILABLE` for a deleted resource.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// assert_eq!(sim.harness().resource(disk)?.resource_type, "Physical Disk");
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn resource(&self, h: ResourceHandle) -> Result<Resource> {
        Ok(self.sim.shared.state.lock().resource(h)?.1.clone())
    }

    /// The disk behind a Physical Disk resource (`None` for any other resource), as the
    /// storage control codes report it ([`Cluster::disk`](crate::world::Cluster::disk)).
    ///
    /// # Errors
    /// As [`resource`](Self::resource).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 6")?;
    /// let info = sim.harness().disk(disk)?.unwrap();
    /// assert!(info.shared_volume);
    /// assert_eq!(info.partitions[0].mount_point, r"C:\ClusterStorage\Volume1");
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn disk(&self, h: ResourceHandle) -> Result<Option<DiskInfo>> {
        let st = self.sim.shared.state.lock();
        let (c, r) = st.resource(h)?;
        Ok(c.disk(r.id))
    }

    // ---- time -----------------------------------------------------------------------------

    /// The virtual time since the simulator was built. It moves only by
    /// [`advance`](Self::advance), [`settle`](Self::settle) and the builder's
    /// [`tick_per_call`](crate::SimBuilder::tick_per_call); never by itself.
    ///
    /// ```
    /// use std::time::Duration;
    /// let sim = clusapi_sim::Sim::default();
    /// assert_eq!(sim.harness().now(), Duration::ZERO);
    /// sim.harness().advance(Duration::from_secs(5));
    /// assert_eq!(sim.harness().now(), Duration::from_secs(5));
    /// ```
    pub fn now(&self) -> Duration {
        Duration::from_millis(self.sim.shared.state.lock().engine.now())
    }

    /// Moves the virtual clock forward by `by` (whole milliseconds), completing every pending
    /// operation and restart that falls due, in order. Nothing sleeps.
    ///
    /// ```
    /// use std::time::Duration;
    /// use clusapi_sim::{Completion, ResourceState, Sim};
    /// let mut lab = clusapi_sim::world::ClusterBuilder::from(
    ///     Sim::default().harness().world().into_parts().0.remove(0),
    /// );
    /// lab.set_type_delays("Generic Service", 2_000, 0)?;
    /// let world = clusapi_sim::world::World::new(vec![lab.build()], 0).expect("valid");
    /// let sim = Sim::builder().world(world).build();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?;
    /// assert_eq!(sim.online_resource(svc)?, Completion::Pending);
    /// assert_eq!(sim.resource_state(svc)?.state, ResourceState::OnlinePending);
    /// sim.harness().advance(Duration::from_secs(2));
    /// assert_eq!(sim.resource_state(svc)?.state, ResourceState::Online);
    /// # sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn advance(&self, by: Duration) {
        let ms = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let mut st = self.sim.shared.state.lock();
        st.engine.advance(ms);
        st.flush_events();
    }

    /// Runs the virtual clock until nothing is in progress: no resource pending, no move
    /// unfinished, no restart due. A resource left failed by its policy keeps its retry
    /// (RetryPeriodOnFailure, an hour by default) scheduled; that is the policy at rest.
    /// Gives the virtual time that passed.
    ///
    /// # Errors
    /// [`NotSettled`] when work is still in progress after ten million timer events: a policy
    /// that never settles.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// sim.fail_resource(disk)?;
    /// let took = sim.harness().settle().expect("settles");
    /// assert_eq!(took.as_millis(), 500, "RestartDelay, then online at once");
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn settle(&self) -> std::result::Result<Duration, NotSettled> {
        let mut st = self.sim.shared.state.lock();
        let settled = st.engine.settle(SETTLE_BOUND).map(Duration::from_millis);
        st.flush_events();
        settled
    }

    /// How many resources are in a pending operation.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// assert_eq!(sim.harness().pending(), 0);
    /// ```
    pub fn pending(&self) -> usize {
        self.sim.shared.state.lock().engine.pending()
    }

    // ---- nodes ----------------------------------------------------------------------------

    /// The node named `node` (its NetBIOS name, in the local cluster first, then the others) crashes: it
    /// goes down, everything on it stops at once, and each of its groups fails over to the
    /// next node in its preference order that is up and can host all its resources (§A.7.3),
    /// counted against its FailoverThreshold. A group no node can take stays offline. Not a
    /// ClusAPI call (no client can crash a node): it is not traced.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for a name that is no node's.
    ///
    /// ```
    /// use clusapi_sim::{GroupState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
    /// let before = sim.group_state(sql)?.owner_node;
    /// sim.harness().node_down(&before)?;
    /// let after = sim.group_state(sql)?;
    /// assert_ne!(after.owner_node, before);
    /// assert_eq!(after.state, GroupState::Online);
    /// # sim.close_group(sql)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn node_down(&self, node: &str) -> Result<()> {
        let mut st = self.sim.shared.state.lock();
        let (c, n) = find_node(st.world(), node)?;
        st.engine.node_down(c, n);
        st.flush_events();
        Ok(())
    }

    /// The node named `node` comes back up after [`node_down`](Self::node_down): the groups
    /// left offline on down nodes come to it, and groups whose AutoFailbackType allows it
    /// fail back to it when it is their most preferred node (inside their failback window).
    /// A node that is not down is left as it is. Not traced.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for a name that is no node's.
    ///
    /// ```
    /// use clusapi_sim::{NodeState, Sim};
    /// let sim = Sim::default();
    /// sim.harness().node_down("NODE3")?;
    /// sim.harness().node_up("node3")?;
    /// let cluster = sim.open_cluster(None)?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// assert_eq!(sim.node_state(node3)?, NodeState::Up);
    /// # sim.close_node(node3)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn node_up(&self, node: &str) -> Result<()> {
        let mut st = self.sim.shared.state.lock();
        let (c, n) = find_node(st.world(), node)?;
        st.engine.node_up(c, n);
        st.flush_events();
        Ok(())
    }
}

impl Harness<'_> {
    /// The NodeDrainStatus of the node named `node` (its NetBIOS name, in the local cluster
    /// first): what `PauseClusterNodeEx` with a drain started. A ClusAPI client reads it as
    /// the node's NodeDrainStatus common property through `ClusterNodeControl`
    /// (MsCS:node-common-properties; engine-properties-notify.md §A.6); this reader is the
    /// test's. Not traced.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for a name that is no node's.
    ///
    /// ```
    /// use clusapi_sim::{NodeDrainStatus, Sim};
    /// let sim = Sim::default();
    /// assert_eq!(sim.harness().node_drain_status("NODE1")?, NodeDrainStatus::NotInitiated);
    /// assert_eq!(NodeDrainStatus::Completed.value(), 2);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn node_drain_status(&self, node: &str) -> Result<NodeDrainStatus> {
        let st = self.sim.shared.state.lock();
        let (c, n) = find_node(st.world(), node)?;
        Ok(st.engine.node_drain_status(c, n))
    }

    // ---- faults ---------------------------------------------------------------------------

    /// Adds a scripted fault ([`crate::fault`]); it acts on the calls made from now on.
    ///
    /// ```
    /// use clusapi_sim::fault::{Effect, Fault};
    /// use clusapi_sim::{ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// // The disk fails just before the client's next state query.
    /// sim.harness().add_fault(Fault::on("GetClusterResourceState").nth(1).effect(Effect::FailResource("Cluster Disk 1".into())));
    /// assert_eq!(sim.resource_state(disk)?.state, ResourceState::Failed);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn add_fault(&self, fault: Fault) {
        self.sim.shared.state.lock().faults.push(fault);
    }

    /// Removes every scripted fault (an unreachable cluster stays so: see
    /// [`reconnect`](Self::reconnect)), and releases the resources an
    /// [`Effect::Hang`](crate::fault::Effect::Hang) hung: their operations go on from now.
    ///
    /// ```
    /// use clusapi_sim::fault::Fault;
    /// let sim = clusapi_sim::Sim::default();
    /// sim.harness().add_fault(Fault::on("OpenCluster").fail_with(5));
    /// assert_eq!(sim.open_cluster(None).unwrap_err().code(), 5);
    /// sim.harness().clear_faults();
    /// let cluster = sim.open_cluster(None)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn clear_faults(&self) {
        let mut st = self.sim.shared.state.lock();
        st.faults.clear();
        st.engine.release_hung();
        st.flush_events();
    }

    /// Makes an unreachable cluster ([`Effect::Unreachable`](crate::fault::Effect::Unreachable)) reachable again.
    ///
    /// ```
    /// use clusapi_sim::fault::{Effect, Fault};
    /// use clusapi_sim::codes;
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// sim.harness().add_fault(Fault::on("GetClusterInformation").times(1).effect(Effect::Unreachable));
    /// assert_eq!(sim.cluster_information(cluster).unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE);
    /// assert_eq!(sim.open_cluster(None).unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE, "until reconnected");
    /// sim.harness().reconnect();
    /// assert_eq!(sim.cluster_information(cluster)?.name, "CONTOSO-CLU1");
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn reconnect(&self) {
        let mut st = self.sim.shared.state.lock();
        st.unreachable = false;
        st.unreachable_at = None;
    }
}

/// The cluster index and id of the node with NetBIOS name `name` (ignoring case), looked for
/// in the local cluster first.
fn find_node(world: &World, name: &str) -> Result<(usize, crate::world::NodeId)> {
    let local = world.local();
    let order = std::iter::once(local).chain((0..world.clusters().len()).filter(|&c| c != local));
    for c in order {
        if let Some(node) = world.clusters().get(c).and_then(|cl| cl.node_by_name(name)) {
            return Ok((c, node.id));
        }
    }
    Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND))
}
