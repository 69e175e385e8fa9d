//! The state-changing calls on groups: `OnlineClusterGroup(Ex, Ex2)`,
//! `OfflineClusterGroup(Ex, Ex2)`, `MoveClusterGroup(Ex, Ex2)`. The engine
//! ([`crate::engine`]) has the rules; this resolves handles and records the calls.

use super::{Arg, Call, Sim, State, Target};
use crate::engine::Completion;
use crate::error::{Error, Result};
use crate::handle_types::{GroupHandle, Handle, NodeHandle};
use crate::handles::Kind;
use crate::world::{NodeId, ObjectId};

impl State {
    /// The cluster index and id of the group behind a live group handle.
    pub(crate) fn group_at(&self, h: GroupHandle) -> Result<(usize, ObjectId)> {
        self.group(h)?;
        match self.target(h.raw(), Kind::Group)? {
            &Target::Group { cluster, group } => Ok((cluster, group)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The node behind an optional node handle, which must be of cluster `cluster`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad handle; `ERROR_NODE_NOT_AVAILABLE` for an evicted node;
    /// `ERROR_INVALID_PARAMETER` for a node of another cluster (a choice: the sources are
    /// silent).
    pub(crate) fn node_in(&self, cluster: usize, h: Option<NodeHandle>) -> Result<Option<NodeId>> {
        let Some(h) = h else { return Ok(None) };
        let node = self.node(h)?.1.id;
        match self.target(h.raw(), Kind::Node)? {
            &Target::Node { cluster: c, .. } if c == cluster => Ok(Some(node)),
            _ => Err(Error::INVALID_PARAMETER),
        }
    }
}

impl Sim {
    /// `OnlineClusterGroup`: brings every resource of the group online (providers first) on
    /// `node`, moving the group there first, or on its owner for `None`, and makes the
    /// persistent state of the group and its resources online.
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` while the group is pending; `ERROR_HOST_NODE_NOT_AVAILABLE
    /// (5005)` for a node that is not up; `ERROR_SHARING_PAUSED (70)` for a paused node
    /// (MS-CMRP 3.1.4.1.50); `ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015)` for a node that
    /// cannot host every resource; `ERROR_NODE_CANT_HOST_RESOURCE (5071)` for an
    /// anti-affinity conflict; `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Completion, GroupState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// assert_eq!(sim.online_group(app, None)?, Completion::Done);
    /// assert_eq!(sim.group_state(app)?.state, GroupState::Online);
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn online_group(&self, group: GroupHandle, node: Option<NodeHandle>) -> Result<Completion> {
        self.online_group_as(&mut Call::rust("OnlineClusterGroup"), group, node, 0, None, Ok)
    }

    /// `OnlineClusterGroupEx` (and, with a `reason`, `OnlineClusterGroupEx2`): as
    /// [`online_group`](Self::online_group), with `CLUSAPI_GROUP_ONLINE_*` flags.
    /// `IGNORE_AFFINITY_RULE` (8) skips the anti-affinity check; the others are accepted.
    ///
    /// # Errors
    /// As [`online_group`](Self::online_group); `ERROR_INVALID_PARAMETER (87)` for undefined
    /// flag bits.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let node1 = sim.open_node(cluster, "NODE1")?;
    /// sim.online_group_ex(app, Some(node1), 0, Some("move and start"))?;
    /// assert_eq!(sim.group_state(app)?.owner_node, "NODE1");
    /// # sim.close_node(node1)?;
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn online_group_ex(
        &self,
        group: GroupHandle,
        node: Option<NodeHandle>,
        flags: u32,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function = if reason.is_some() { "OnlineClusterGroupEx2" } else { "OnlineClusterGroupEx" };
        self.online_group_as(&mut Call::rust(function), group, node, flags, reason, Ok)
    }

    pub(crate) fn online_group_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        node: Option<NodeHandle>,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("group", Arg::Handle(group.raw())),
                ("node", Arg::Handle(node.map_or(0, |h| h.raw()))),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                let node = st.node_in(c, node)?;
                st.engine.online_group(c, g, node, flags)
            },
            deliver,
        )
    }

    /// `OfflineClusterGroup`: takes every resource of the group offline (dependents first)
    /// and makes the persistent state of the group and its resources offline.
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` while the group is pending; `ERROR_INVALID_HANDLE`;
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{GroupState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let fs = sim.open_group(cluster, "FS01")?;
    /// sim.offline_group(fs)?;
    /// assert_eq!(sim.group_state(fs)?.state, GroupState::Offline);
    /// # sim.close_group(fs)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn offline_group(&self, group: GroupHandle) -> Result<Completion> {
        self.offline_group_as(&mut Call::rust("OfflineClusterGroup"), group, 0, None, Ok)
    }

    /// `OfflineClusterGroupEx` (and, with a `reason`, `OfflineClusterGroupEx2`): as
    /// [`offline_group`](Self::offline_group), with `CLUSAPI_GROUP_OFFLINE_*` flags.
    ///
    /// # Errors
    /// As [`offline_group`](Self::offline_group); `ERROR_INVALID_PARAMETER (87)` for undefined
    /// flag bits.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let fs = sim.open_group(cluster, "FS01")?;
    /// assert_eq!(sim.offline_group_ex(fs, 0x100, None).unwrap_err().code(), 87);
    /// sim.offline_group_ex(fs, 0, Some("patching"))?;
    /// # sim.close_group(fs)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn offline_group_ex(
        &self,
        group: GroupHandle,
        flags: u32,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function = if reason.is_some() { "OfflineClusterGroupEx2" } else { "OfflineClusterGroupEx" };
        self.offline_group_as(&mut Call::rust(function), group, flags, reason, Ok)
    }

    pub(crate) fn offline_group_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("group", Arg::Handle(group.raw())),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                st.engine.offline_group(c, g, flags)
            },
            deliver,
        )
    }

    /// `MoveClusterGroup`: moves the group to `node`, or for `None` to the best node (the
    /// first node in its preference order, other than its owner, that is up and a possible
    /// owner of every resource: MS-CMRP 3.1.4.1.55). Its resources go offline, the owner
    /// changes, and each comes back to its persistent state there. Moving to the owner
    /// succeeds and does nothing.
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` while the group is pending; `ERROR_HOST_NODE_NOT_AVAILABLE
    /// (5005)` for a node that is not up, or when no node can take the group;
    /// `ERROR_SHARING_PAUSED (70)` for a paused node; `ERROR_HOST_NODE_NOT_RESOURCE_OWNER
    /// (5015)` for a node that cannot host every resource; `ERROR_NODE_CANT_HOST_RESOURCE
    /// (5071)` for an anti-affinity conflict; `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{GroupState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// sim.move_group(sql, Some(node3))?;
    /// let status = sim.group_state(sql)?;
    /// assert_eq!((status.state, status.owner_node.as_str()), (GroupState::Online, "NODE3"));
    /// # sim.close_node(node3)?;
    /// # sim.close_group(sql)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn move_group(&self, group: GroupHandle, node: Option<NodeHandle>) -> Result<Completion> {
        self.move_group_as(&mut Call::rust("MoveClusterGroup"), group, node, 0, None, Ok)
    }

    /// `MoveClusterGroupEx` (and, with a `reason`, `MoveClusterGroupEx2`): as
    /// [`move_group`](Self::move_group), with `CLUSAPI_GROUP_MOVE_*` flags.
    /// `IGNORE_AFFINITY_RULE` (0x20) skips the anti-affinity check; the others are accepted
    /// (`RETURN_TO_SOURCE_NODE_ON_ERROR` matters only when the move fails on the target,
    /// which needs fault injection).
    ///
    /// # Errors
    /// As [`move_group`](Self::move_group); `ERROR_INVALID_PARAMETER (87)` for undefined flag
    /// bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, flags};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let fs = sim.open_group(cluster, "FS01")?;
    /// let back = flags::CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR;
    /// // FS01 runs on NODE3 and prefers NODE3, then NODE1: the best other node is NODE1.
    /// sim.move_group_ex(fs, None, back, None)?;
    /// assert_eq!(sim.group_state(fs)?.owner_node, "NODE1");
    /// # sim.close_group(fs)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn move_group_ex(
        &self,
        group: GroupHandle,
        node: Option<NodeHandle>,
        flags: u32,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function = if reason.is_some() { "MoveClusterGroupEx2" } else { "MoveClusterGroupEx" };
        self.move_group_as(&mut Call::rust(function), group, node, flags, reason, Ok)
    }

    pub(crate) fn move_group_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        node: Option<NodeHandle>,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("group", Arg::Handle(group.raw())),
                ("node", Arg::Handle(node.map_or(0, |h| h.raw()))),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                let node = st.node_in(c, node)?;
                st.engine.move_group(c, g, node, flags)
            },
            deliver,
        )
    }

    /// `CancelClusterGroupOperation`: cancels the group's pending move; the group returns to
    /// its persistent state on the node that owns it (CancelClusterGroupOperation page).
    /// Resources already on their way offline finish going offline and then come back, so
    /// the cancellation can be [`Completion::Pending`] (`ERROR_IO_PENDING`, as the page
    /// allows).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for `flags` other than 0 (reserved, must be zero: the
    /// page); `ERROR_INVALID_STATE (5023)` when no move is pending (a choice);
    /// `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let fs = sim.open_group(cluster, "FS01")?;
    /// // Nothing is moving.
    /// assert_eq!(sim.cancel_group_operation(fs, 0).unwrap_err().code(), 5023);
    /// assert_eq!(sim.cancel_group_operation(fs, 1).unwrap_err().code(), 87);
    /// # sim.close_group(fs)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cancel_group_operation(&self, group: GroupHandle, flags: u32) -> Result<Completion> {
        self.cancel_group_operation_as(&mut Call::rust("CancelClusterGroupOperation"), group, flags, Ok)
    }

    pub(crate) fn cancel_group_operation_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        flags: u32,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[("group", Arg::Handle(group.raw())), ("flags", Arg::Flags(flags))],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                st.engine.cancel_group_operation(c, g, flags)
            },
            deliver,
        )
    }
}
