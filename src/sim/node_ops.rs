//! The state-changing calls on nodes: `PauseClusterNode(Ex, Ex2)`, `ResumeClusterNode(Ex,
//! Ex2)`, `EvictClusterNode(Ex, Ex2)`. The engine
//! ([`crate::engine`]) has the rules; this resolves handles and records the calls. A node
//! going down and coming back is the test's to drive: [`Harness::node_down`](crate::Harness::node_down).

use super::{Arg, Call, Sim, State, Target};
use crate::engine::{Completion, ResumeFailback};
use crate::error::{Error, Result};
use crate::handle_types::{Handle, NodeHandle};
use crate::handles::Kind;
use crate::world::NodeId;

impl State {
    /// The cluster index and id of the node behind a live node handle.
    pub(crate) fn node_at(&self, h: NodeHandle) -> Result<(usize, NodeId)> {
        let node = self.node(h)?.1.id;
        match self.target(h.raw(), Kind::Node)? {
            &Target::Node { cluster, .. } => Ok((cluster, node)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}

impl Sim {
    /// `PauseClusterNode`: the node goes from Up to Paused. The groups it owns stay; no group
    /// moves or fails over to it, and nothing on it comes online (PauseClusterNode page).
    /// Pausing a paused node succeeds.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_DOWN (5050)` for a node that is not up (MS-CMRP 3.1.4.2.70);
    /// `ERROR_INVALID_HANDLE`; `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// sim.pause_node(node2)?;
    /// assert_eq!(sim.node_state(node2)?, NodeState::Paused);
    /// # sim.close_node(node2)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn pause_node(&self, node: NodeHandle) -> Result<()> {
        self.pause_node_as(&mut Call::rust("PauseClusterNode"), node, Ok)
    }

    pub(crate) fn pause_node_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("node", Arg::Handle(node.raw()))],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                st.engine.pause_node(c, n)
            },
            deliver,
        )
    }

    /// `ResumeClusterNode`: the node goes from Paused back to Up.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a node that is not paused (Samba's
    /// `test_ResumeNode_int`, run against Windows); `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// assert_eq!(sim.resume_node(node2).unwrap_err().code(), 5058);
    /// sim.pause_node(node2)?;
    /// sim.resume_node(node2)?;
    /// assert_eq!(sim.node_state(node2)?, NodeState::Up);
    /// # sim.close_node(node2)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resume_node(&self, node: NodeHandle) -> Result<()> {
        self.resume_node_as(&mut Call::rust("ResumeClusterNode"), node, Ok)
    }

    pub(crate) fn resume_node_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("node", Arg::Handle(node.raw()))],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                st.engine.resume_node(c, n)
            },
            deliver,
        )
    }

    /// `PauseClusterNodeEx` (and, with a `reason`, `PauseClusterNodeEx2`): without `drain`, as
    /// [`pause_node`](Self::pause_node). With `drain`: pause, then move every group the node
    /// owns away, each to `target` when given, else to its failover target (the next node in
    /// its preference order that can take it: §A.7.3). Pending (`ERROR_IO_PENDING`) while a
    /// move is. The drain's progress is the node's NodeDrainStatus
    /// ([`Harness::node_drain_status`](crate::Harness::node_drain_status)): InProgress, then
    /// Completed when every group has left and settled, or Failed when one could not move (it
    /// stays on the paused node). `CLUSAPI_NODE_PAUSE_*` flags are accepted
    /// (engine-properties-notify.md §A.6; PauseClusterNodeEx page).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for undefined flag bits or a node of another cluster;
    /// `ERROR_CLUSTER_NODE_DOWN (5050)` for a node that is not up (paused works when
    /// draining), or when no other node is up; `ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS (5962)`
    /// while a drain of the node runs; `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` for a drain
    /// target that is not up; `ERROR_INVALID_HANDLE`; `ERROR_NODE_NOT_AVAILABLE (5036)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeDrainStatus, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// sim.pause_node_ex(node3, true, 0, None, Some("patching"))?;
    /// assert_eq!(sim.harness().node_drain_status("NODE3")?, NodeDrainStatus::Completed);
    /// let fs = sim.open_group(cluster, "FS01")?;
    /// assert_eq!(sim.group_state(fs)?.owner_node, "NODE1", "FS01 prefers NODE3, then NODE1");
    /// # sim.close_group(fs)?;
    /// # sim.close_node(node3)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn pause_node_ex(
        &self,
        node: NodeHandle,
        drain: bool,
        flags: u32,
        target: Option<NodeHandle>,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function = if reason.is_some() { "PauseClusterNodeEx2" } else { "PauseClusterNodeEx" };
        self.pause_node_ex_as(&mut Call::rust(function), node, drain, flags, target, reason, Ok)
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn pause_node_ex_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        drain: bool,
        flags: u32,
        target: Option<NodeHandle>,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("node", Arg::Handle(node.raw())),
                ("target", Arg::Handle(target.map_or(0, |h| h.raw()))),
                ("bDrainNode", Arg::Number(u64::from(drain))),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                let target = st.node_in(c, target)?;
                st.engine.pause_node_ex(c, n, drain, flags, target)
            },
            deliver,
        )
    }

    /// `ResumeClusterNodeEx` (and, with a `reason`, `ResumeClusterNodeEx2`): the node goes
    /// from Paused back to Up, then by `failback` the groups its last drain moved away come
    /// back: all of them ([`ResumeFailback::Immediately`]), those whose AutoFailbackType
    /// allows it inside their failback window ([`ResumeFailback::PerPolicy`], MsCS:failback),
    /// or none. Its NodeDrainStatus goes back to NotInitiated (a choice). Pending while a
    /// failback move is (ResumeClusterNodeEx page; §A.6).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for undefined `CLUSAPI_NODE_RESUME_FAILBACK_*` bits;
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a node that is not paused;
    /// `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{ResumeFailback, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// let fs = sim.open_group(cluster, "FS01")?;
    /// sim.pause_node_ex(node3, true, 0, None, None)?;
    /// assert_eq!(sim.group_state(fs)?.owner_node, "NODE1");
    /// sim.resume_node_ex(node3, ResumeFailback::Immediately, 0, None)?;
    /// assert_eq!(sim.group_state(fs)?.owner_node, "NODE3", "drained away, and back");
    /// # sim.close_group(fs)?;
    /// # sim.close_node(node3)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resume_node_ex(
        &self,
        node: NodeHandle,
        failback: ResumeFailback,
        flags: u32,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function = if reason.is_some() { "ResumeClusterNodeEx2" } else { "ResumeClusterNodeEx" };
        self.resume_node_ex_as(&mut Call::rust(function), node, failback, flags, reason, Ok)
    }

    pub(crate) fn resume_node_ex_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        failback: ResumeFailback,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("node", Arg::Handle(node.raw())),
                ("eResumeFailbackType", Arg::Number(failback.value() as u64)),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                st.engine.resume_node_ex(c, n, failback, flags)
            },
            deliver,
        )
    }

    /// `EvictClusterNode`: removes the node from the cluster and from every preferred-owner
    /// and possible-owner list; its net interfaces go with it, and handles to it then give
    /// `ERROR_NODE_NOT_AVAILABLE (5036)`. Any node but the cluster's only one can be evicted,
    /// up, paused or down (MS-CMRP 3.1.4.2.72: a node "SHOULD allow itself to be evicted even
    /// if it is not active"; Samba's `rpc.clusapi` `EvictNode` evicts the up node it is
    /// connected to and expects success). The groups it owned move first: their resources
    /// stop, and each group goes to the first node in its preference order that can take it
    /// (else the first remaining node: a choice) and comes back to its persistent state there.
    ///
    /// # Errors
    /// `ERROR_CANT_EVICT_ACTIVE_NODE (5009)` for the cluster's only node (a choice: §E.7);
    /// `ERROR_INVALID_HANDLE`; `ERROR_NODE_NOT_AVAILABLE (5036)` for a node already evicted.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node1 = sim.open_node(cluster, "NODE1")?;
    /// let group = sim.open_group(cluster, "Cluster Group")?;
    /// sim.evict_node(node1)?; // up, and the owner of Cluster Group: the group moves first
    /// assert_eq!(sim.node_state(node1).unwrap_err().code(), 5036);
    /// assert_eq!(sim.open_node(cluster, "NODE1").unwrap_err().code(), 5042);
    /// assert_ne!(sim.group_state(group)?.owner_node, "NODE1");
    /// # sim.close_group(group)?;
    /// # sim.close_node(node1)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn evict_node(&self, node: NodeHandle) -> Result<()> {
        self.evict_node_as(&mut Call::rust("EvictClusterNode"), node, None, None, |_| Ok(()))
    }

    /// `EvictClusterNodeEx` (and, with a `reason`, `EvictClusterNodeEx2`): as
    /// [`evict_node`](Self::evict_node), then the cleanup of the evicted node, which in the
    /// simulator always succeeds at once: gives its HRESULT, `S_OK` (0). `timeout_ms` is
    /// recorded, not waited for.
    ///
    /// # Errors
    /// As [`evict_node`](Self::evict_node).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// sim.harness().node_down("NODE3")?;
    /// assert_eq!(sim.evict_node_ex(node3, 60_000, Some("retired"))?, 0, "S_OK");
    /// # sim.close_node(node3)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn evict_node_ex(&self, node: NodeHandle, timeout_ms: u32, reason: Option<&str>) -> Result<i32> {
        let function = if reason.is_some() { "EvictClusterNodeEx2" } else { "EvictClusterNodeEx" };
        self.evict_node_as(&mut Call::rust(function), node, Some(timeout_ms), reason, Ok)
    }

    pub(crate) fn evict_node_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        timeout_ms: Option<u32>,
        reason: Option<&str>,
        deliver: impl FnOnce(i32) -> Result<T>,
    ) -> Result<T> {
        let timeout = timeout_ms.map_or(Arg::OptText(None), |t| Arg::Number(u64::from(t)));
        self.call(
            call,
            &[("node", Arg::Handle(node.raw())), ("dwTimeOut", timeout), ("reason", Arg::OptText(reason))],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                st.engine.evict_node(c, n).map(|()| 0)
            },
            deliver,
        )
    }
}
