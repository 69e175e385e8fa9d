//! Opening, closing and reading nodes, groups, resources, networks and net interfaces.

use super::{Arg, Call, Sim, State, Target};
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterHandle, GroupHandle, Handle, NetInterfaceHandle, NetworkHandle, NodeHandle, ResourceHandle,
};
use crate::handles::{Kind, Origin, RawHandle};
use crate::world::{
    Cluster, ClusterVersion, Group, GroupState, NetInterface, NetInterfaceState, Network, NetworkState, Node,
    NodeClusterState, NodeId, NodeState, Resource, ResourceState,
};

/// What `GetClusterInformation` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterInfo {
    /// The cluster's name.
    pub name: String,
    /// Its version information (`CLUSTERVERSIONINFO`).
    pub version: ClusterVersion,
    /// Its fully qualified DNS name.
    pub fqdn: String,
}

/// What `GetClusterGroupState` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupStatus {
    /// The group's state, derived from its resources.
    pub state: GroupState,
    /// Name of the node that owns it.
    pub owner_node: String,
}

/// What `GetClusterResourceState` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceStatus {
    /// The state.
    pub state: ResourceState,
    /// Name of the node that owns it (its group's owner).
    pub owner_node: String,
    /// Name of its group.
    pub group: String,
}

fn node_of(c: &Cluster, id: NodeId) -> Result<&Node> {
    c.node(id).ok_or(Error::new(codes::ERROR_NODE_NOT_AVAILABLE))
}

fn group_of(c: &Cluster, id: crate::world::ObjectId) -> Result<&Group> {
    c.groups().get(&id).ok_or(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE))
}

fn resource_of(c: &Cluster, id: crate::world::ObjectId) -> Result<&Resource> {
    c.resources().get(&id).ok_or(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE))
}

fn network_of(c: &Cluster, id: crate::world::ObjectId) -> Result<&Network> {
    c.networks().get(&id).ok_or(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND))
}

fn net_interface_of(c: &Cluster, id: crate::world::ObjectId) -> Result<&NetInterface> {
    c.net_interfaces().get(&id).ok_or(Error::new(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND))
}

fn owner_name(c: &Cluster, node: NodeId) -> String {
    c.node(node).map(|n| n.name.clone()).unwrap_or_default()
}

impl State {
    /// The node behind a node handle. A node that left the cluster gives
    /// `ERROR_NODE_NOT_AVAILABLE` (H6).
    pub(crate) fn node(&self, h: NodeHandle) -> Result<(&Cluster, &Node)> {
        match self.target(h.raw(), Kind::Node)? {
            &Target::Node { cluster, node } => {
                let c = &self.world().clusters()[cluster];
                Ok((c, node_of(c, node).inspect_err(|e| self.note_deleted(h.raw(), Kind::Node, e.code()))?))
            }
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The group behind a group handle; `ERROR_GROUP_NOT_AVAILABLE` once deleted (MS-CMRP).
    pub(crate) fn group(&self, h: GroupHandle) -> Result<(&Cluster, &Group)> {
        match self.target(h.raw(), Kind::Group)? {
            &Target::Group { cluster, group } => {
                let c = &self.world().clusters()[cluster];
                Ok((
                    c,
                    group_of(c, group).inspect_err(|e| self.note_deleted(h.raw(), Kind::Group, e.code()))?,
                ))
            }
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The resource behind a resource handle; `ERROR_RESOURCE_NOT_AVAILABLE` once deleted.
    pub(crate) fn resource(&self, h: ResourceHandle) -> Result<(&Cluster, &Resource)> {
        match self.target(h.raw(), Kind::Resource)? {
            &Target::Resource { cluster, resource } => {
                let c = &self.world().clusters()[cluster];
                Ok((
                    c,
                    resource_of(c, resource)
                        .inspect_err(|e| self.note_deleted(h.raw(), Kind::Resource, e.code()))?,
                ))
            }
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The network behind a network handle; `ERROR_CLUSTER_NETWORK_NOT_FOUND` once gone.
    pub(super) fn network(&self, h: NetworkHandle) -> Result<(&Cluster, &Network)> {
        match self.target(h.raw(), Kind::Network)? {
            &Target::Network { cluster, network } => {
                let c = &self.world().clusters()[cluster];
                Ok((
                    c,
                    network_of(c, network)
                        .inspect_err(|e| self.note_deleted(h.raw(), Kind::Network, e.code()))?,
                ))
            }
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The net interface behind a handle; `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` once gone.
    pub(super) fn net_interface(&self, h: NetInterfaceHandle) -> Result<(&Cluster, &NetInterface)> {
        match self.target(h.raw(), Kind::NetInterface)? {
            &Target::NetInterface { cluster, net_interface } => {
                let c = &self.world().clusters()[cluster];
                Ok((
                    c,
                    net_interface_of(c, net_interface)
                        .inspect_err(|e| self.note_deleted(h.raw(), Kind::NetInterface, e.code()))?,
                ))
            }
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// Opens a handle of `kind` derived from `cluster`, to the object `find` picks.
    fn open_in(
        &mut self,
        cluster: ClusterHandle,
        kind: Kind,
        origin: Origin,
        find: impl FnOnce(usize, &Cluster) -> Result<Target>,
    ) -> Result<isize> {
        let index = self.cluster_of(cluster)?;
        let target = find(index, &self.world().clusters()[index])?;
        Ok(self.handles.insert(kind, Some(RawHandle(cluster.raw())), origin, target)?.0)
    }

    /// The cluster handle an object handle was opened from (`GetClusterFrom*`).
    pub(super) fn parent_cluster(&self, raw: isize, kind: Kind) -> Result<ClusterHandle> {
        self.target(raw, kind)?;
        match self.handles.parent(RawHandle(raw))? {
            Some(p) if p.kind() == Some(Kind::Cluster) => Ok(ClusterHandle::from_raw(p.0)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}

/// Generates the close function of one object kind: it closes only that handle (H5).
macro_rules! close_fn {
    ($(#[$doc:meta])* $name:ident / $as:ident($h:ty) = $function:literal) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE` for a closed, stale, forged or wrong-kind value (H5).
        #[track_caller]
        pub fn $name(&self, h: $h) -> Result<()> {
            self.$as(&mut Call::rust($function), h, Ok)
        }

        pub(crate) fn $as<T>(&self, call: &mut Call, h: $h, deliver: impl FnOnce(()) -> Result<T>) -> Result<T> {
            // No arguments recorded: a close is the cheapest call there is, and the trace's
            // cost on an open + close pair is bounded (benches/notify.rs).
            self.call(
                call,
                &[],
                |st, _| {
                    let raw = RawHandle(h.raw());
                    let target = st.close_handle(raw, <$h>::KIND)?;
                    st.handle_closed(raw, &target);
                    Ok(())
                },
                deliver,
            )
        }
    };
}

impl Sim {
    /// `GetClusterInformation`: the cluster's name and version.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let info = sim.cluster_information(cluster)?;
    /// assert_eq!(info.name, "CONTOSO-CLU1");
    /// assert_eq!(info.fqdn, "CONTOSO-CLU1.contoso.com");
    /// assert_eq!((info.version.major, info.version.minor, info.version.build), (10, 0, 20348));
    /// sim.close_cluster(cluster);
    /// assert_eq!(sim.cluster_information(cluster).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_information(&self, cluster: ClusterHandle) -> Result<ClusterInfo> {
        self.cluster_information_as(&mut Call::rust("GetClusterInformation"), cluster, Ok)
    }

    pub(crate) fn cluster_information_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        deliver: impl FnOnce(ClusterInfo) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let c = &st.world().clusters()[st.cluster_of(cluster)?];
                Ok(ClusterInfo {
                    name: c.name().to_string(),
                    version: c.version().clone(),
                    fqdn: c.fqdn().to_string(),
                })
            },
            deliver,
        )
    }

    /// `GetNodeClusterState`: whether the cluster service runs on the machine `node_name`
    /// (`None` or empty: the local machine, the first node of the local cluster). The machine
    /// is named as [`World::resolve_machine`](crate::world::World::resolve_machine) says: a
    /// node's name, FQDN or address, the cluster's name, FQDN or address (the node hosting its
    /// core group answers), `localhost` or `.`; `ClusterStateRunning` when that node is up.
    ///
    /// # Errors
    /// `RPC_S_SERVER_UNAVAILABLE (1722)` for a machine the simulator does not know: the real
    /// function opens that machine's service control manager, which fails so (a choice).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeClusterState, Sim, codes};
    /// let sim = Sim::default();
    /// assert_eq!(sim.node_cluster_state(None)?, NodeClusterState::Running);
    /// assert_eq!(sim.node_cluster_state(Some("NODE3"))?, NodeClusterState::Running);
    /// assert_eq!(sim.node_cluster_state(Some("CONTOSO-CLU1"))?, NodeClusterState::Running);
    /// let err = sim.node_cluster_state(Some("NO-SUCH-MACHINE")).unwrap_err();
    /// assert_eq!(err.code(), codes::RPC_S_SERVER_UNAVAILABLE);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn node_cluster_state(&self, node_name: Option<&str>) -> Result<NodeClusterState> {
        self.node_cluster_state_as(&mut Call::rust("GetNodeClusterState"), node_name, Ok)
    }

    pub(crate) fn node_cluster_state_as<T>(
        &self,
        call: &mut Call,
        node_name: Option<&str>,
        deliver: impl FnOnce(NodeClusterState) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("node_name", Arg::OptText(node_name))],
            |st, _| {
                let world = st.world();
                let machine = world.resolve_machine(node_name.filter(|n| !n.is_empty()).unwrap_or("."));
                let node = machine.and_then(|m| world.clusters()[m.cluster].node(m.node?));
                match node {
                    Some(n) if n.state == NodeState::Down => Ok(NodeClusterState::NotRunning),
                    Some(_) => Ok(NodeClusterState::Running),
                    None if node_name.is_none_or(str::is_empty) => Ok(NodeClusterState::NotInstalled),
                    None => Err(Error::new(codes::RPC_S_SERVER_UNAVAILABLE)),
                }
            },
            deliver,
        )
    }

    // ---- nodes --------------------------------------------------------------------------

    /// `OpenClusterNode`: a node by NetBIOS name (a DNS name does not match: OpenClusterNode
    /// page).
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for an unknown or empty name;
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "node2")?; // names ignore case
    /// assert_eq!(sim.node_id(node)?, "2");
    /// let dns = sim.open_node(cluster, "NODE2.contoso.com").unwrap_err();
    /// assert_eq!(dns.code(), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_node(&self, cluster: ClusterHandle, name: &str) -> Result<NodeHandle> {
        self.open_node_as(&mut Call::rust("OpenClusterNode"), cluster, name, Ok)
    }

    pub(crate) fn open_node_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        deliver: impl FnOnce(NodeHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, origin| {
                st.open_in(cluster, Kind::Node, origin, |index, c| {
                    let node = c.node_by_name(name).ok_or(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND))?;
                    Ok(Target::Node { cluster: index, node: node.id })
                })
                .map(NodeHandle::from_raw)
            },
            deliver,
        )
    }

    /// `OpenClusterNodeById`: a node by its numeric id.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for an unknown id.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node_by_id(cluster, 3)?;
    /// assert_eq!(sim.harness().node(node)?.name, "NODE3");
    /// let err = sim.open_node_by_id(cluster, 9).unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_node_by_id(&self, cluster: ClusterHandle, id: NodeId) -> Result<NodeHandle> {
        self.open_node_by_id_as(&mut Call::rust("OpenClusterNodeById"), cluster, id, Ok)
    }

    pub(crate) fn open_node_by_id_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        id: NodeId,
        deliver: impl FnOnce(NodeHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("id", Arg::Number(u64::from(id)))],
            |st, origin| {
                st.open_in(cluster, Kind::Node, origin, |index, c| {
                    let node = c.node(id).ok_or(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND))?;
                    Ok(Target::Node { cluster: index, node: node.id })
                })
                .map(NodeHandle::from_raw)
            },
            deliver,
        )
    }

    close_fn! {
        /// `CloseClusterNode`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let h = sim.open_node(cluster, "NODE1")?;
        /// sim.close_node(h)?;
        /// assert_eq!(sim.node_state(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// // A closed handle is rejected, also by a second close.
        /// assert_eq!(sim.close_node(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        close_node / close_node_as(NodeHandle) = "CloseClusterNode"
    }

    /// `GetClusterNodeState`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`; `ERROR_NODE_NOT_AVAILABLE` for an evicted node.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "NODE1")?;
    /// assert_eq!(sim.node_state(node)?, NodeState::Up);
    /// assert_eq!(NodeState::Up.value(), 0); // ClusterNodeUp
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn node_state(&self, node: NodeHandle) -> Result<NodeState> {
        self.node_state_as(&mut Call::rust("GetClusterNodeState"), node, Ok)
    }

    pub(crate) fn node_state_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(NodeState) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.node(node)?.1.state), deliver)
    }

    /// `GetClusterNodeId`: the node's id as a decimal string.
    ///
    /// # Errors
    /// As [`node_state`](Self::node_state).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "NODE3")?;
    /// let id = sim.node_id(node)?;
    /// assert_eq!(id, "3");
    /// // The id opens the node again.
    /// let same = sim.open_node_by_id(cluster, id.parse().unwrap())?;
    /// assert_eq!(sim.harness().node(same)?.name, "NODE3");
    /// # sim.close_node(same)?;
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn node_id(&self, node: NodeHandle) -> Result<String> {
        self.node_id_as(&mut Call::rust("GetClusterNodeId"), node, Ok)
    }

    pub(crate) fn node_id_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.node(node)?.1.id.to_string()), deliver)
    }

    /// `GetClusterFromNode`: the cluster handle the node handle was opened from.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad node handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let h = sim.open_node(cluster, "NODE2")?;
    /// assert_eq!(sim.cluster_from_node(h)?, cluster);
    /// sim.close_node(h)?;
    /// assert_eq!(sim.cluster_from_node(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_from_node(&self, node: NodeHandle) -> Result<ClusterHandle> {
        self.cluster_from_node_as(&mut Call::rust("GetClusterFromNode"), node, Ok)
    }

    pub(crate) fn cluster_from_node_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(ClusterHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| st.parent_cluster(node.raw(), Kind::Node), deliver)
    }

    // ---- groups -------------------------------------------------------------------------

    /// `OpenClusterGroup`: a group by name or GUID id (MS-CMRP ApiOpenGroup accepts both),
    /// ignoring case.
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_FOUND (5013)` for an unknown or empty name (MS-CMRP 3.1.4.1.42).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_group(cluster, "sql server (mssqlserver)")?;
    /// assert_eq!(sim.group_state(sql)?.owner_node, "NODE2");
    /// // The group's GUID opens it too.
    /// let id = sim.harness().group(sql)?.guid;
    /// let by_id = sim.open_group(cluster, &id)?;
    /// assert_eq!(sim.harness().group(by_id)?.name, "SQL Server (MSSQLSERVER)");
    /// assert_eq!(sim.open_group(cluster, "").unwrap_err().code(), codes::ERROR_GROUP_NOT_FOUND);
    /// # sim.close_group(by_id)?;
    /// # sim.close_group(sql)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_group(&self, cluster: ClusterHandle, name_or_id: &str) -> Result<GroupHandle> {
        self.open_group_as(&mut Call::rust("OpenClusterGroup"), cluster, name_or_id, Ok)
    }

    pub(crate) fn open_group_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name_or_id: &str,
        deliver: impl FnOnce(GroupHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name_or_id", Arg::Text(name_or_id))],
            |st, origin| {
                st.open_in(cluster, Kind::Group, origin, |index, c| {
                    let group = c.find_group(name_or_id).ok_or(Error::new(codes::ERROR_GROUP_NOT_FOUND))?;
                    Ok(Target::Group { cluster: index, group })
                })
                .map(GroupHandle::from_raw)
            },
            deliver,
        )
    }

    close_fn! {
        /// `CloseClusterGroup`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let h = sim.open_group(cluster, "Cluster Group")?;
        /// sim.close_group(h)?;
        /// assert_eq!(sim.group_state(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// // A closed handle is rejected, also by a second close.
        /// assert_eq!(sim.close_group(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        close_group / close_group_as(GroupHandle) = "CloseClusterGroup"
    }

    /// `GetClusterGroupState`: the derived state and the owner node's name.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE` once the group is deleted.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{GroupState, GroupStatus, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let expected = GroupStatus { state: GroupState::Offline, owner_node: "NODE3".into() };
    /// assert_eq!(sim.group_state(app)?, expected);
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn group_state(&self, group: GroupHandle) -> Result<GroupStatus> {
        self.group_state_as(&mut Call::rust("GetClusterGroupState"), group, Ok)
    }

    pub(crate) fn group_state_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        deliver: impl FnOnce(GroupStatus) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("group", Arg::Handle(group.raw()))],
            |st, _| {
                let (c, g) = st.group(group)?;
                Ok(GroupStatus { state: c.group_state(g), owner_node: owner_name(c, g.owner) })
            },
            deliver,
        )
    }

    /// `GetClusterFromGroup`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad group handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let h = sim.open_group(cluster, "FS01")?;
    /// assert_eq!(sim.cluster_from_group(h)?, cluster);
    /// sim.close_group(h)?;
    /// assert_eq!(sim.cluster_from_group(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_from_group(&self, group: GroupHandle) -> Result<ClusterHandle> {
        self.cluster_from_group_as(&mut Call::rust("GetClusterFromGroup"), group, Ok)
    }

    pub(crate) fn cluster_from_group_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        deliver: impl FnOnce(ClusterHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| st.parent_cluster(group.raw(), Kind::Group), deliver)
    }

    // ---- resources ----------------------------------------------------------------------

    /// `OpenClusterResource`: a resource by name, ignoring case.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_FOUND (5007)` for an unknown or empty name (Samba's torture test
    /// against Windows opens `""` and gets this code).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "cluster disk 4")?;
    /// assert_eq!(sim.resource_state(disk)?.group, "SQL Server (MSSQLSERVER)");
    /// assert_eq!(sim.open_resource(cluster, "").unwrap_err().code(), codes::ERROR_RESOURCE_NOT_FOUND);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_resource(&self, cluster: ClusterHandle, name: &str) -> Result<ResourceHandle> {
        self.open_resource_as(&mut Call::rust("OpenClusterResource"), cluster, name, Ok)
    }

    pub(crate) fn open_resource_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        deliver: impl FnOnce(ResourceHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, origin| {
                st.open_in(cluster, Kind::Resource, origin, |index, c| {
                    let resource =
                        c.find_resource(name).ok_or(Error::new(codes::ERROR_RESOURCE_NOT_FOUND))?;
                    Ok(Target::Resource { cluster: index, resource })
                })
                .map(ResourceHandle::from_raw)
            },
            deliver,
        )
    }

    close_fn! {
        /// `CloseClusterResource`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let h = sim.open_resource(cluster, "Cluster Disk 1")?;
        /// sim.close_resource(h)?;
        /// assert_eq!(sim.resource_state(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// // A closed handle is rejected, also by a second close.
        /// assert_eq!(sim.close_resource(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        close_resource / close_resource_as(ResourceHandle) = "CloseClusterResource"
    }

    /// `GetClusterResourceState`: the state, the owner node and the group.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE` once deleted.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let agent = sim.open_resource(cluster, "SQL Server Agent")?;
    /// let status = sim.resource_state(agent)?;
    /// assert_eq!(status.state, ResourceState::Online);
    /// assert_eq!(status.owner_node, "NODE2"); // its group's owner
    /// assert_eq!(status.group, "SQL Server (MSSQLSERVER)");
    /// let service = sim.open_resource(cluster, "Contoso App Service")?;
    /// assert_eq!(sim.resource_state(service)?.state, ResourceState::Offline);
    /// # sim.close_resource(service)?;
    /// # sim.close_resource(agent)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_state(&self, resource: ResourceHandle) -> Result<ResourceStatus> {
        self.resource_state_as(&mut Call::rust("GetClusterResourceState"), resource, Ok)
    }

    pub(crate) fn resource_state_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        deliver: impl FnOnce(ResourceStatus) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(resource.raw()))],
            |st, _| {
                let (c, r) = st.resource(resource)?;
                let g = &c.groups()[&r.group];
                Ok(ResourceStatus {
                    state: r.state,
                    owner_node: owner_name(c, g.owner),
                    group: g.name.clone(),
                })
            },
            deliver,
        )
    }

    /// `GetClusterFromResource`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad resource handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let h = sim.open_resource(cluster, "SQL Server")?;
    /// assert_eq!(sim.cluster_from_resource(h)?, cluster);
    /// sim.close_resource(h)?;
    /// assert_eq!(sim.cluster_from_resource(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_from_resource(&self, resource: ResourceHandle) -> Result<ClusterHandle> {
        self.cluster_from_resource_as(&mut Call::rust("GetClusterFromResource"), resource, Ok)
    }

    pub(crate) fn cluster_from_resource_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        deliver: impl FnOnce(ClusterHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| st.parent_cluster(resource.raw(), Kind::Resource), deliver)
    }

    // ---- networks and net interfaces --------------------------------------------------

    /// `OpenClusterNetwork`: a network by name.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND (5045)` for an unknown or empty name.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NetworkState, Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let network = sim.open_network(cluster, "Cluster Network 1")?;
    /// assert_eq!(sim.network_state(network)?, NetworkState::Up);
    /// let err = sim.open_network(cluster, "Cluster Network 9").unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_CLUSTER_NETWORK_NOT_FOUND);
    /// # sim.close_network(network)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_network(&self, cluster: ClusterHandle, name: &str) -> Result<NetworkHandle> {
        self.open_network_as(&mut Call::rust("OpenClusterNetwork"), cluster, name, Ok)
    }

    pub(crate) fn open_network_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        deliver: impl FnOnce(NetworkHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, origin| {
                st.open_in(cluster, Kind::Network, origin, |index, c| {
                    let network =
                        c.find_network(name).ok_or(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND))?;
                    Ok(Target::Network { cluster: index, network })
                })
                .map(NetworkHandle::from_raw)
            },
            deliver,
        )
    }

    close_fn! {
        /// `CloseClusterNetwork`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let h = sim.open_network(cluster, "Cluster Network 1")?;
        /// sim.close_network(h)?;
        /// assert_eq!(sim.network_state(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// // A closed handle is rejected, also by a second close.
        /// assert_eq!(sim.close_network(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        close_network / close_network_as(NetworkHandle) = "CloseClusterNetwork"
    }

    /// `GetClusterNetworkState`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad network handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NetworkState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let network = sim.open_network(cluster, "Cluster Network 2")?;
    /// let state = sim.network_state(network)?;
    /// assert_eq!(state, NetworkState::Up);
    /// assert_eq!(state.value(), 3); // ClusterNetworkUp
    /// # sim.close_network(network)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn network_state(&self, network: NetworkHandle) -> Result<NetworkState> {
        self.network_state_as(&mut Call::rust("GetClusterNetworkState"), network, Ok)
    }

    pub(crate) fn network_state_as<T>(
        &self,
        call: &mut Call,
        network: NetworkHandle,
        deliver: impl FnOnce(NetworkState) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.network(network)?.1.state), deliver)
    }

    /// `GetClusterNetworkId`: the network's GUID.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad network handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::enumeration::mask::CLUSTER_ENUM_NETWORK;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let network = sim.open_network(cluster, "Cluster Network 1")?;
    /// let id = sim.network_id(network)?;
    /// assert_eq!(id.len(), 36); // xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx
    /// // The same id as the cluster enumeration reports for it.
    /// let networks = sim.cluster_open_enum(cluster, CLUSTER_ENUM_NETWORK)?;
    /// let items = sim.enum_items(networks)?;
    /// assert!(items.iter().any(|i| i.name == "Cluster Network 1" && i.id == id));
    /// # sim.close_enum(networks)?;
    /// # sim.close_network(network)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn network_id(&self, network: NetworkHandle) -> Result<String> {
        self.network_id_as(&mut Call::rust("GetClusterNetworkId"), network, Ok)
    }

    pub(crate) fn network_id_as<T>(
        &self,
        call: &mut Call,
        network: NetworkHandle,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.network(network)?.1.guid.clone()), deliver)
    }

    /// `GetClusterFromNetwork`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad network handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let h = sim.open_network(cluster, "Cluster Network 2")?;
    /// assert_eq!(sim.cluster_from_network(h)?, cluster);
    /// sim.close_network(h)?;
    /// assert_eq!(sim.cluster_from_network(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_from_network(&self, network: NetworkHandle) -> Result<ClusterHandle> {
        self.cluster_from_network_as(&mut Call::rust("GetClusterFromNetwork"), network, Ok)
    }

    pub(crate) fn cluster_from_network_as<T>(
        &self,
        call: &mut Call,
        network: NetworkHandle,
        deliver: impl FnOnce(ClusterHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| st.parent_cluster(network.raw(), Kind::Network), deliver)
    }

    /// `OpenClusterNetInterface`: a net interface by name (`"<node> - <adapter>"`).
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND (5047)` for an unknown or empty name.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let nic = sim.open_net_interface(cluster, "NODE3 - Ethernet")?;
    /// assert_eq!(sim.cluster_from_net_interface(nic)?, cluster);
    /// let err = sim.open_net_interface(cluster, "NODE3 - Wi-Fi").unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
    /// # sim.close_net_interface(nic)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_net_interface(&self, cluster: ClusterHandle, name: &str) -> Result<NetInterfaceHandle> {
        self.open_net_interface_as(&mut Call::rust("OpenClusterNetInterface"), cluster, name, Ok)
    }

    pub(crate) fn open_net_interface_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        deliver: impl FnOnce(NetInterfaceHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, origin| {
                st.open_in(cluster, Kind::NetInterface, origin, |index, c| {
                    let net_interface = c
                        .find_net_interface(name)
                        .ok_or(Error::new(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND))?;
                    Ok(Target::NetInterface { cluster: index, net_interface })
                })
                .map(NetInterfaceHandle::from_raw)
            },
            deliver,
        )
    }

    close_fn! {
        /// `CloseClusterNetInterface`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let h = sim.open_net_interface(cluster, "NODE1 - Ethernet")?;
        /// sim.close_net_interface(h)?;
        /// assert_eq!(sim.net_interface_state(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// // A closed handle is rejected, also by a second close.
        /// assert_eq!(sim.close_net_interface(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        close_net_interface / close_net_interface_as(NetInterfaceHandle) = "CloseClusterNetInterface"
    }

    /// `GetClusterNetInterfaceState`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad net interface handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NetInterfaceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let nic = sim.open_net_interface(cluster, "NODE1 - Ethernet 2")?;
    /// assert_eq!(sim.net_interface_state(nic)?, NetInterfaceState::Up);
    /// # sim.close_net_interface(nic)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn net_interface_state(&self, net_interface: NetInterfaceHandle) -> Result<NetInterfaceState> {
        self.net_interface_state_as(&mut Call::rust("GetClusterNetInterfaceState"), net_interface, Ok)
    }

    pub(crate) fn net_interface_state_as<T>(
        &self,
        call: &mut Call,
        net_interface: NetInterfaceHandle,
        deliver: impl FnOnce(NetInterfaceState) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.net_interface(net_interface)?.1.state), deliver)
    }

    /// `GetClusterNetInterface`: the name of `node`'s interface on `network`.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND` / `ERROR_CLUSTER_NETWORK_NOT_FOUND` for unknown names;
    /// `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` when the node has no interface there.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let name = sim.net_interface_name(cluster, "NODE2", "Cluster Network 2")?;
    /// assert_eq!(name, "NODE2 - Ethernet 2");
    /// let nic = sim.open_net_interface(cluster, &name)?; // the name opens the interface
    /// let err = sim.net_interface_name(cluster, "NODE9", "Cluster Network 2").unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
    /// # sim.close_net_interface(nic)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn net_interface_name(&self, cluster: ClusterHandle, node: &str, network: &str) -> Result<String> {
        self.net_interface_name_as(&mut Call::rust("GetClusterNetInterface"), cluster, node, network, Ok)
    }

    pub(crate) fn net_interface_name_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        node: &str,
        network: &str,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("node", Arg::Text(node)), ("network", Arg::Text(network))],
            |st, _| {
                let c = &st.world().clusters()[st.cluster_of(cluster)?];
                let node = c.node_by_name(node).ok_or(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND))?;
                let network =
                    c.find_network(network).ok_or(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND))?;
                c.net_interfaces()
                    .values()
                    .find(|n| n.node == node.id && n.network == network)
                    .map(|n| n.name.clone())
                    .ok_or(Error::new(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND))
            },
            deliver,
        )
    }

    /// `GetClusterFromNetInterface`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad net interface handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let h = sim.open_net_interface(cluster, "NODE2 - Ethernet 2")?;
    /// assert_eq!(sim.cluster_from_net_interface(h)?, cluster);
    /// sim.close_net_interface(h)?;
    /// assert_eq!(sim.cluster_from_net_interface(h).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_from_net_interface(&self, net_interface: NetInterfaceHandle) -> Result<ClusterHandle> {
        self.cluster_from_net_interface_as(&mut Call::rust("GetClusterFromNetInterface"), net_interface, Ok)
    }

    pub(crate) fn cluster_from_net_interface_as<T>(
        &self,
        call: &mut Call,
        net_interface: NetInterfaceHandle,
        deliver: impl FnOnce(ClusterHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| st.parent_cluster(net_interface.raw(), Kind::NetInterface), deliver)
    }
}
