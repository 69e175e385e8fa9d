//! The structural calls (engine-properties-notify.md §A.3-§A.5): `CreateClusterResource(Ex)`,
//! `DeleteClusterResource(Ex)`, `SetClusterResourceName(Ex)`, `CreateClusterGroup(Ex)`,
//! `DeleteClusterGroup(Ex)`, `DestroyClusterGroup(Ex)`, `SetClusterGroupName(Ex)`,
//! `SetClusterGroupNodeList(Ex)`, `AddClusterResourceNode(Ex)`, `RemoveClusterResourceNode(Ex)`,
//! `AddClusterResourceDependency(Ex)`, `RemoveClusterResourceDependency(Ex)`,
//! `CanResourceBeDependent`, `ChangeClusterResourceGroup(Ex, Ex2)`,
//! `GetClusterResourceDependencyExpression`, `SetClusterResourceDependencyExpression`. The
//! engine and the planners have the rules; this resolves handles and records the calls.

use super::{Arg, Call, Sim, State, Target};
use crate::error::{Error, Result};
use crate::handle_types::{ClusterHandle, GroupHandle, Handle, NodeHandle, ResourceHandle};
use crate::handles::{Kind, RawHandle};
use crate::world::{NodeId, ObjectId};

impl State {
    /// The node behind a node handle of cluster `cluster` (`ERROR_INVALID_HANDLE` for a bad
    /// one, `ERROR_INVALID_PARAMETER` for one of another cluster: see `node_in`).
    fn node_of_cluster(&self, cluster: usize, h: NodeHandle) -> Result<NodeId> {
        self.node_in(cluster, Some(h))?.ok_or(Error::INVALID_HANDLE)
    }

    /// Two resource handles of one cluster.
    fn resource_pair(&self, a: ResourceHandle, b: ResourceHandle) -> Result<(usize, ObjectId, ObjectId)> {
        let (c, x) = self.resource_at(a)?;
        let (d, y) = self.resource_at(b)?;
        match c == d {
            true => Ok((c, x, y)),
            // Resources of two clusters cannot be related (a choice).
            false => Err(Error::INVALID_PARAMETER),
        }
    }
}

/// The function name the trace records: `ex` when a reason is given, else `plain`.
fn with_reason(reason: Option<&str>, plain: &'static str, ex: &'static str) -> &'static str {
    if reason.is_some() { ex } else { plain }
}

impl Sim {
    /// `CreateClusterResource`: a new resource named `name` of the installed type `kind` in
    /// `group`, and a handle to it (derived from the cluster handle the group handle came
    /// from; close it with [`close_resource`](Self::close_resource)). The resource starts
    /// Offline with persistent state offline, every node a possible owner, no dependencies and
    /// the default restart policy (CreateClusterResource page; MS-CMRP 3.1.4.2.10). `flags`:
    /// `CLUSTER_RESOURCE_DEFAULT_MONITOR` (0) or `CLUSTER_RESOURCE_SEPARATE_MONITOR` (1,
    /// accepted, no effect).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS (5010)` for
    /// the name of another resource, ignoring case ((unverified) for resources: a choice);
    /// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type that is not installed (§E.9);
    /// `ERROR_INVALID_PARAMETER (87)` for other flags (a choice); `ERROR_INVALID_HANDLE`;
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let disk = sim.create_resource(app, "App Disk", "Physical Disk", 0)?;
    /// assert_eq!(sim.resource_state(disk)?.state, ResourceState::Offline);
    /// assert_eq!(sim.create_resource(app, "app disk", "Physical Disk", 0).unwrap_err().code(), 5010);
    /// assert_eq!(sim.create_resource(app, "X", "No Such Type", 0).unwrap_err().code(), 5078);
    /// # sim.close_resource(disk)?;
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_resource(
        &self,
        group: GroupHandle,
        name: &str,
        kind: &str,
        flags: u32,
    ) -> Result<ResourceHandle> {
        self.create_resource_as(&mut Call::rust("CreateClusterResource"), group, name, kind, flags, None, Ok)
    }

    /// `CreateClusterResourceEx`: as [`create_resource`](Self::create_resource), with a reason
    /// recorded in the trace.
    ///
    /// # Errors
    /// As [`create_resource`](Self::create_resource).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let ip = sim.create_resource_ex(app, "App IP 2", "IP Address", 0, "second address")?;
    /// assert_eq!(sim.resource_state(ip)?.group, "CONTOSO-APP1");
    /// # sim.close_resource(ip)?;
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_resource_ex(
        &self,
        group: GroupHandle,
        name: &str,
        kind: &str,
        flags: u32,
        reason: &str,
    ) -> Result<ResourceHandle> {
        let call = &mut Call::rust("CreateClusterResourceEx");
        self.create_resource_as(call, group, name, kind, flags, Some(reason), Ok)
    }

    #[allow(clippy::too_many_arguments)] // the C signature's five, plus the call and the output
    pub(crate) fn create_resource_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        name: &str,
        kind: &str,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(ResourceHandle) -> Result<T>,
    ) -> Result<T> {
        let args = [
            ("group", Arg::Handle(group.raw())),
            ("name", Arg::Text(name)),
            ("type", Arg::Text(kind)),
            ("flags", Arg::Flags(flags)),
            ("reason", Arg::OptText(reason)),
        ];
        self.call(
            call,
            &args,
            |st, origin| {
                let (c, g) = st.group_at(group)?;
                let parent = st.parent_cluster(group.raw(), Kind::Group)?;
                let mut raw = None;
                let handles = &mut st.handles;
                st.engine.create_resource(c, g, name, kind, flags, |resource| {
                    let target = Target::Resource { cluster: c, resource };
                    raw = Some(handles.insert(
                        Kind::Resource,
                        Some(RawHandle(parent.raw())),
                        origin,
                        target,
                    )?);
                    Ok(())
                })?;
                Ok(ResourceHandle::from_raw(raw.ok_or(Error::INVALID_HANDLE)?.0))
            },
            deliver,
        )
    }
    /// `DeleteClusterResource`: deletes an Offline or Failed resource that nothing depends on
    /// (DeleteClusterResource page; MS-CMRP 3.1.4.2.11). The handle stays open: close it; any
    /// other call through it then gives `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Errors
    /// `ERROR_CORE_RESOURCE (5026)` for a core resource (checked first: a choice);
    /// `ERROR_INVALID_STATE (5023)` unless Offline or Failed (WS2012+);
    /// `ERROR_DEPENDENT_RESOURCE_EXISTS (5001)` while another resource depends on it (the code
    /// is (unverified), a choice); `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?; // offline, nothing depends on it
    /// sim.delete_resource(svc)?;
    /// assert_eq!(sim.resource_state(svc).unwrap_err().code(), 5006);
    /// let ip = sim.open_resource(cluster, "Cluster IP Address")?;
    /// assert_eq!(sim.delete_resource(ip).unwrap_err().code(), 5026, "a core resource");
    /// # sim.close_resource(ip)?;
    /// sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn delete_resource(&self, resource: ResourceHandle) -> Result<()> {
        self.delete_resource_as(&mut Call::rust("DeleteClusterResource"), resource, None, Ok)
    }

    /// `DeleteClusterResourceEx`: as [`delete_resource`](Self::delete_resource), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`delete_resource`](Self::delete_resource).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?; // online
    /// assert_eq!(sim.delete_resource_ex(disk, "cleanup").unwrap_err().code(), 5023);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn delete_resource_ex(&self, resource: ResourceHandle, reason: &str) -> Result<()> {
        self.delete_resource_as(&mut Call::rust("DeleteClusterResourceEx"), resource, Some(reason), Ok)
    }

    pub(crate) fn delete_resource_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(resource.raw())), ("reason", Arg::OptText(reason))],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.delete_resource(c, r)
            },
            deliver,
        )
    }
    /// `SetClusterResourceName`: renames the resource. Names ignore case (MsCS:resources-name);
    /// its own name, in any case, succeeds (Samba renames "wurst" to "wurst").
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for ""; `ERROR_ALREADY_EXISTS (183)` (not 5010) for another
    /// resource's name or GUID (MS-CMRP 3.1.4.2.14, §E.5); `ERROR_INVALID_HANDLE`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// sim.set_resource_name(disk, "Backup Disk")?;
    /// assert!(sim.open_resource(cluster, "backup disk").is_ok_and(|h| sim.close_resource(h).is_ok()));
    /// assert_eq!(sim.set_resource_name(disk, "Cluster Disk 3").unwrap_err().code(), 183);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_resource_name(&self, resource: ResourceHandle, name: &str) -> Result<()> {
        self.set_resource_name_as(&mut Call::rust("SetClusterResourceName"), resource, name, None, Ok)
    }

    /// `SetClusterResourceNameEx`: as [`set_resource_name`](Self::set_resource_name), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`set_resource_name`](Self::set_resource_name).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// sim.set_resource_name_ex(disk, "CLUSTER DISK 2", "case only")?;
    /// assert_eq!(sim.set_resource_name_ex(disk, "", "empty").unwrap_err().code(), 123);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_resource_name_ex(&self, resource: ResourceHandle, name: &str, reason: &str) -> Result<()> {
        self.set_resource_name_as(
            &mut Call::rust("SetClusterResourceNameEx"),
            resource,
            name,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn set_resource_name_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        name: &str,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("name", Arg::Text(name)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.rename_resource(c, r, name)
            },
            deliver,
        )
    }

    /// `CreateClusterGroup`: a new empty, offline group with no preferred owners and a fresh
    /// GUID, owned by the node serving the call (the first node that is up: a choice), and a
    /// handle to it (MS-CMRP 3.1.4.2.43). Its `CLUSGROUP_TYPE` is 9999 (Unknown).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for ""; `ERROR_OBJECT_ALREADY_EXISTS (5010)` for another
    /// group's name or GUID, ignoring case; `ERROR_SHARING_PAUSED (70)` when no node is up but
    /// one is paused; `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` when all are down (a choice);
    /// `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{GroupState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.create_group(cluster, "WEB01")?;
    /// let status = sim.group_state(web)?;
    /// assert_eq!((status.state, status.owner_node.as_str()), (GroupState::Offline, "NODE1"));
    /// assert_eq!(sim.create_group(cluster, "web01").unwrap_err().code(), 5010);
    /// # sim.close_group(web)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_group(&self, cluster: ClusterHandle, name: &str) -> Result<GroupHandle> {
        self.create_group_as(&mut Call::rust("CreateClusterGroup"), cluster, name, None, Ok)
    }

    /// `CreateClusterGroupEx`: as [`create_group`](Self::create_group), of `CLUSGROUP_TYPE`
    /// `group_type` (the `groupType` of `CLUSTER_CREATE_GROUP_INFO`; `None`, a NULL info: 9999).
    ///
    /// # Errors
    /// As [`create_group`](Self::create_group).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let fs = sim.create_group_ex(cluster, "FS02", Some(100))?; // ClusGroupTypeFileServer
    /// assert_eq!(sim.harness().group(fs)?.group_type, 100);
    /// # sim.close_group(fs)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_group_ex(
        &self,
        cluster: ClusterHandle,
        name: &str,
        group_type: Option<u32>,
    ) -> Result<GroupHandle> {
        self.create_group_as(&mut Call::rust("CreateClusterGroupEx"), cluster, name, group_type, Ok)
    }

    pub(crate) fn create_group_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        group_type: Option<u32>,
        deliver: impl FnOnce(GroupHandle) -> Result<T>,
    ) -> Result<T> {
        let kind = group_type.unwrap_or(9999);
        self.call(
            call,
            &[("name", Arg::Text(name)), ("group_type", Arg::Number(u64::from(kind)))],
            |st, origin| {
                let c = st.cluster_of(cluster)?;
                let mut raw = None;
                let handles = &mut st.handles;
                st.engine.create_group(c, name, kind, |group| {
                    let target = Target::Group { cluster: c, group };
                    raw =
                        Some(handles.insert(Kind::Group, Some(RawHandle(cluster.raw())), origin, target)?);
                    Ok(())
                })?;
                Ok(GroupHandle::from_raw(raw.ok_or(Error::INVALID_HANDLE)?.0))
            },
            deliver,
        )
    }
    /// `DeleteClusterGroup`: deletes an empty group (DeleteClusterGroup page). The handle stays
    /// open: close it; other calls through it then give `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Errors
    /// `ERROR_DIR_NOT_EMPTY (145)` while it holds resources; `ERROR_CORE_RESOURCE (5026)` for a
    /// core group (§E.6; a choice); `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.create_group(cluster, "WEB01")?;
    /// sim.delete_group(web)?;
    /// assert_eq!(sim.group_state(web).unwrap_err().code(), 5012);
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// assert_eq!(sim.delete_group(app).unwrap_err().code(), 145, "not empty");
    /// # sim.close_group(app)?;
    /// sim.close_group(web)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn delete_group(&self, group: GroupHandle) -> Result<()> {
        self.delete_group_as(&mut Call::rust("DeleteClusterGroup"), group, None, Ok)
    }

    /// `DeleteClusterGroupEx`: as [`delete_group`](Self::delete_group), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`delete_group`](Self::delete_group).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.create_group(cluster, "WEB01")?;
    /// sim.delete_group_ex(web, "decommissioned")?;
    /// # sim.close_group(web)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn delete_group_ex(&self, group: GroupHandle, reason: &str) -> Result<()> {
        self.delete_group_as(&mut Call::rust("DeleteClusterGroupEx"), group, Some(reason), Ok)
    }

    pub(crate) fn delete_group_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("group", Arg::Handle(group.raw())), ("reason", Arg::OptText(reason))],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                st.engine.delete_group(c, g)
            },
            deliver,
        )
    }
    /// `DestroyClusterGroup`: deletes the group with its resources, online or not
    /// (DestroyClusterGroup page; MS-CMRP 3.1.4.2.44 with `force`). Its resources are
    /// terminated at once (Offline, no pending state: a choice) and deleted, then the group.
    /// Handles stay open, as with [`delete_group`](Self::delete_group).
    ///
    /// # Errors
    /// `ERROR_CORE_RESOURCE (5026)` if it holds a core resource or is a core group, checked
    /// before anything changes; `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let fs = sim.open_group(cluster, "FS01")?; // online, four resources
    /// sim.destroy_group(fs)?;
    /// assert_eq!(sim.open_resource(cluster, "Cluster Disk 5").unwrap_err().code(), 5007);
    /// let core = sim.open_group(cluster, "Cluster Group")?;
    /// assert_eq!(sim.destroy_group(core).unwrap_err().code(), 5026);
    /// # sim.close_group(core)?;
    /// sim.close_group(fs)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn destroy_group(&self, group: GroupHandle) -> Result<()> {
        self.destroy_group_as(&mut Call::rust("DestroyClusterGroup"), group, None, Ok)
    }

    /// `DestroyClusterGroupEx`: as [`destroy_group`](Self::destroy_group), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`destroy_group`](Self::destroy_group).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.destroy_group_ex(app, "role removed")?;
    /// assert_eq!(sim.group_state(app).unwrap_err().code(), 5012);
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn destroy_group_ex(&self, group: GroupHandle, reason: &str) -> Result<()> {
        self.destroy_group_as(&mut Call::rust("DestroyClusterGroupEx"), group, Some(reason), Ok)
    }

    pub(crate) fn destroy_group_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("group", Arg::Handle(group.raw())), ("reason", Arg::OptText(reason))],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                st.engine.destroy_group(c, g)
            },
            deliver,
        )
    }
    /// `SetClusterGroupName`: renames the group, with the rules of
    /// [`set_resource_name`](Self::set_resource_name) (MS-CMRP 3.1.4.2.47); a group's name
    /// space holds the groups' GUIDs too.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for ""; `ERROR_ALREADY_EXISTS (183)` for another group's name
    /// or GUID; `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.set_group_name(app, "Contoso App")?;
    /// assert_eq!(sim.set_group_name(app, "fs01").unwrap_err().code(), 183);
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_group_name(&self, group: GroupHandle, name: &str) -> Result<()> {
        self.set_group_name_as(&mut Call::rust("SetClusterGroupName"), group, name, None, Ok)
    }

    /// `SetClusterGroupNameEx`: as [`set_group_name`](Self::set_group_name), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`set_group_name`](Self::set_group_name).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.set_group_name_ex(app, "contoso-app1", "case only")?;
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_group_name_ex(&self, group: GroupHandle, name: &str, reason: &str) -> Result<()> {
        self.set_group_name_as(&mut Call::rust("SetClusterGroupNameEx"), group, name, Some(reason), Ok)
    }

    pub(crate) fn set_group_name_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        name: &str,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("group", Arg::Handle(group.raw())),
                ("name", Arg::Text(name)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                st.engine.rename_group(c, g, name)
            },
            deliver,
        )
    }
    /// `SetClusterGroupNodeList`: the group's preferred owners become `nodes`, most preferred
    /// first (a node given twice counts once: a choice), followed by the nodes left out, in id
    /// order (MS-CMRP 3.1.4.1.55: the server SHOULD append them). An empty list clears them
    /// (SetClusterGroupNodeList page).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad group or node handle; `ERROR_INVALID_PARAMETER (87)`
    /// for a node of another cluster; `ERROR_NODE_NOT_AVAILABLE` for an evicted node;
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// sim.set_group_node_list(app, &[node2])?;
    /// assert_eq!(sim.harness().group(app)?.preferred_owners, [2, 1, 3]);
    /// sim.set_group_node_list(app, &[])?;
    /// assert!(sim.harness().group(app)?.preferred_owners.is_empty());
    /// # sim.close_node(node2)?;
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_group_node_list(&self, group: GroupHandle, nodes: &[NodeHandle]) -> Result<()> {
        self.set_group_node_list_as(&mut Call::rust("SetClusterGroupNodeList"), group, nodes, None, Ok)
    }

    /// `SetClusterGroupNodeListEx`: as [`set_group_node_list`](Self::set_group_node_list), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`set_group_node_list`](Self::set_group_node_list).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// sim.set_group_node_list_ex(app, &[node3], "pin to NODE3")?;
    /// assert_eq!(sim.harness().group(app)?.preferred_owners[0], 3);
    /// # sim.close_node(node3)?;
    /// # sim.close_group(app)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_group_node_list_ex(
        &self,
        group: GroupHandle,
        nodes: &[NodeHandle],
        reason: &str,
    ) -> Result<()> {
        self.set_group_node_list_as(
            &mut Call::rust("SetClusterGroupNodeListEx"),
            group,
            nodes,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn set_group_node_list_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        nodes: &[NodeHandle],
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("group", Arg::Handle(group.raw())),
                ("count", Arg::Number(nodes.len() as u64)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                let ids = nodes.iter().map(|&n| st.node_of_cluster(c, n)).collect::<Result<Vec<_>>>()?;
                st.engine.set_group_node_list(c, g, &ids)
            },
            deliver,
        )
    }
    /// `AddClusterResourceNode`: `node` becomes a possible owner of the resource (MS-CMRP
    /// 3.1.4.2.24).
    ///
    /// # Errors
    /// `ERROR_OBJECT_ALREADY_EXISTS (5010)` when it is one already; `ERROR_INVALID_HANDLE`;
    /// `ERROR_INVALID_PARAMETER (87)` for a node of another cluster;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 5")?; // NODE1 and NODE3 only
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// sim.add_resource_node(disk, node2)?;
    /// assert_eq!(sim.harness().resource(disk)?.possible_owners, [1, 3, 2]);
    /// assert_eq!(sim.add_resource_node(disk, node2).unwrap_err().code(), 5010);
    /// # sim.close_node(node2)?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_resource_node(&self, resource: ResourceHandle, node: NodeHandle) -> Result<()> {
        self.add_resource_node_as(&mut Call::rust("AddClusterResourceNode"), resource, node, None, Ok)
    }

    /// `AddClusterResourceNodeEx`: as [`add_resource_node`](Self::add_resource_node), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`add_resource_node`](Self::add_resource_node).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 5")?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// sim.add_resource_node_ex(disk, node2, "zoned to NODE2")?;
    /// # sim.close_node(node2)?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_resource_node_ex(
        &self,
        resource: ResourceHandle,
        node: NodeHandle,
        reason: &str,
    ) -> Result<()> {
        self.add_resource_node_as(
            &mut Call::rust("AddClusterResourceNodeEx"),
            resource,
            node,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn add_resource_node_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        node: NodeHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("node", Arg::Handle(node.raw())),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                let n = st.node_of_cluster(c, node)?;
                st.engine.add_resource_node(c, r, n)
            },
            deliver,
        )
    }
    /// `RemoveClusterResourceNode`: `node` is no longer a possible owner of the resource
    /// (MS-CMRP 3.1.4.2.25).
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` when it is not one; `ERROR_INVALID_STATE (5023)`
    /// when it hosts the resource and the resource is Online, OnlinePending or OfflinePending;
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 5")?; // online on NODE3
    /// let (node1, node3) = (sim.open_node(cluster, "NODE1")?, sim.open_node(cluster, "NODE3")?);
    /// sim.remove_resource_node(disk, node1)?;
    /// assert_eq!(sim.remove_resource_node(disk, node1).unwrap_err().code(), 5042);
    /// assert_eq!(sim.remove_resource_node(disk, node3).unwrap_err().code(), 5023, "its host");
    /// # sim.close_node(node1)?;
    /// # sim.close_node(node3)?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn remove_resource_node(&self, resource: ResourceHandle, node: NodeHandle) -> Result<()> {
        self.remove_resource_node_as(&mut Call::rust("RemoveClusterResourceNode"), resource, node, None, Ok)
    }

    /// `RemoveClusterResourceNodeEx`: as [`remove_resource_node`](Self::remove_resource_node), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`remove_resource_node`](Self::remove_resource_node).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 5")?;
    /// let node1 = sim.open_node(cluster, "NODE1")?;
    /// sim.remove_resource_node_ex(disk, node1, "unzoned")?;
    /// assert_eq!(sim.harness().resource(disk)?.possible_owners, [3]);
    /// # sim.close_node(node1)?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn remove_resource_node_ex(
        &self,
        resource: ResourceHandle,
        node: NodeHandle,
        reason: &str,
    ) -> Result<()> {
        self.remove_resource_node_as(
            &mut Call::rust("RemoveClusterResourceNodeEx"),
            resource,
            node,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn remove_resource_node_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        node: NodeHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("node", Arg::Handle(node.raw())),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                let n = st.node_of_cluster(c, node)?;
                st.engine.remove_resource_node(c, r, n)
            },
            deliver,
        )
    }
    /// `AddClusterResourceDependency`: `resource` depends on `provider` from now on (a simple
    /// AND dependency; AddClusterResourceDependency page, MS-CMRP 3.1.4.2.20).
    ///
    /// # Errors
    /// `ERROR_CIRCULAR_DEPENDENCY (1059)` for itself or a cycle; `ERROR_INVALID_PARAMETER (87)`
    /// across groups (or clusters); `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)`;
    /// `ERROR_DEPENDENCY_TREE_TOO_COMPLEX (5929)` past 100 levels; `ERROR_RESOURCE_ONLINE
    /// (5019)` when `resource` is not Offline or Failed and `provider` is not Online (a
    /// choice: an online resource always has online providers); `ERROR_INVALID_HANDLE`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?;
    /// let ip = sim.open_resource(cluster, "IP Address 10.0.0.70")?;
    /// sim.add_resource_dependency(svc, ip)?;
    /// assert_eq!(sim.add_resource_dependency(svc, ip).unwrap_err().code(), 5003);
    /// assert_eq!(sim.add_resource_dependency(ip, svc).unwrap_err().code(), 1059);
    /// # sim.close_resource(svc)?;
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_resource_dependency(&self, resource: ResourceHandle, provider: ResourceHandle) -> Result<()> {
        self.add_resource_dependency_as(
            &mut Call::rust("AddClusterResourceDependency"),
            resource,
            provider,
            None,
            Ok,
        )
    }

    /// `AddClusterResourceDependencyEx`: as [`add_resource_dependency`](Self::add_resource_dependency), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`add_resource_dependency`](Self::add_resource_dependency).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?;
    /// let ip = sim.open_resource(cluster, "IP Address 10.0.0.70")?;
    /// sim.add_resource_dependency_ex(svc, ip, "needs its address")?;
    /// # sim.close_resource(svc)?;
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_resource_dependency_ex(
        &self,
        resource: ResourceHandle,
        provider: ResourceHandle,
        reason: &str,
    ) -> Result<()> {
        self.add_resource_dependency_as(
            &mut Call::rust("AddClusterResourceDependencyEx"),
            resource,
            provider,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn add_resource_dependency_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        provider: ResourceHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("provider", Arg::Handle(provider.raw())),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r, p) = st.resource_pair(resource, provider)?;
                st.engine.add_dependency(c, r, p)
            },
            deliver,
        )
    }
    /// `RemoveClusterResourceDependency`: `resource` no longer depends on `provider` (MS-CMRP
    /// 3.1.4.2.21).
    ///
    /// # Errors
    /// `ERROR_DEPENDENCY_NOT_FOUND (5002)` when it does not depend on it; `ERROR_INVALID_HANDLE`;
    /// `ERROR_INVALID_PARAMETER (87)` across clusters; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let name = sim.open_resource(cluster, "FS01")?;
    /// let ip = sim.open_resource(cluster, "IP Address 10.0.0.50")?;
    /// sim.remove_resource_dependency(name, ip)?;
    /// assert_eq!(sim.remove_resource_dependency(name, ip).unwrap_err().code(), 5002);
    /// # sim.close_resource(name)?;
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn remove_resource_dependency(
        &self,
        resource: ResourceHandle,
        provider: ResourceHandle,
    ) -> Result<()> {
        self.remove_resource_dependency_as(
            &mut Call::rust("RemoveClusterResourceDependency"),
            resource,
            provider,
            None,
            Ok,
        )
    }

    /// `RemoveClusterResourceDependencyEx`: as [`remove_resource_dependency`](Self::remove_resource_dependency), with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`remove_resource_dependency`](Self::remove_resource_dependency).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let name = sim.open_resource(cluster, "FS01")?;
    /// let ip = sim.open_resource(cluster, "IP Address 10.0.0.50")?;
    /// sim.remove_resource_dependency_ex(name, ip, "re-plumbing")?;
    /// # sim.close_resource(name)?;
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn remove_resource_dependency_ex(
        &self,
        resource: ResourceHandle,
        provider: ResourceHandle,
        reason: &str,
    ) -> Result<()> {
        self.remove_resource_dependency_as(
            &mut Call::rust("RemoveClusterResourceDependencyEx"),
            resource,
            provider,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn remove_resource_dependency_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        provider: ResourceHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("provider", Arg::Handle(provider.raw())),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r, p) = st.resource_pair(resource, provider)?;
                st.engine.remove_dependency(c, r, p)
            },
            deliver,
        )
    }

    /// `CanResourceBeDependent`: whether `resource` could depend on `provider` now: whether
    /// [`add_resource_dependency`](Self::add_resource_dependency) would succeed (same group, no
    /// cycle, not already, not too deep, not an offline provider for an online resource:
    /// CanResourceBeDependent page, MS-CMRP 3.1.4.2.22, whose codes the API collapses to
    /// FALSE). Changes nothing.
    ///
    /// # Errors
    /// Only for bad handles: `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    /// Two resources of different clusters give `Ok(false)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_resource(cluster, "SQL Server")?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 4")?;
    /// assert!(!sim.can_resource_be_dependent(sql, disk)?, "already depends on it");
    /// assert!(!sim.can_resource_be_dependent(disk, sql)?, "a cycle");
    /// # sim.close_resource(sql)?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn can_resource_be_dependent(
        &self,
        resource: ResourceHandle,
        provider: ResourceHandle,
    ) -> Result<bool> {
        self.can_resource_be_dependent_as(&mut Call::rust("CanResourceBeDependent"), resource, provider, Ok)
    }

    pub(crate) fn can_resource_be_dependent_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        provider: ResourceHandle,
        deliver: impl FnOnce(bool) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(resource.raw())), ("provider", Arg::Handle(provider.raw()))],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                let (d, p) = st.resource_at(provider)?;
                Ok(c == d && st.engine.can_be_dependent(c, r, p))
            },
            deliver,
        )
    }

    /// `ChangeClusterResourceGroup`: moves the resource, with every resource connected to it
    /// through dependencies, to `group` (ChangeClusterResourceGroup page; MS-CMRP 3.1.4.2.26,
    /// protocol v3).
    ///
    /// # Errors
    /// `ERROR_ALREADY_EXISTS (183)` when it is in that group (v2's code; v3 is silent: a
    /// choice); `ERROR_RESOURCE_ONLINE (5019)` when the group is on another node and something
    /// that moves is not Offline or Failed; `ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015)` when the
    /// group's node is not a possible owner of everything that moves; `ERROR_INVALID_STATE
    /// (5023)` while either group is moving (a choice); `ERROR_INVALID_PARAMETER (87)` across
    /// clusters; `ERROR_INVALID_HANDLE`; 5006; 5012.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.create_group(cluster, "WEB01")?; // on NODE1
    /// let disk = sim.open_resource(cluster, "Cluster Disk 3")?; // Available Storage, NODE1
    /// sim.change_resource_group(disk, web)?;
    /// assert_eq!(sim.resource_state(disk)?.group, "WEB01");
    /// assert_eq!(sim.change_resource_group(disk, web).unwrap_err().code(), 183);
    /// # sim.close_resource(disk)?;
    /// # sim.close_group(web)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn change_resource_group(&self, resource: ResourceHandle, group: GroupHandle) -> Result<()> {
        self.change_resource_group_as(
            &mut Call::rust("ChangeClusterResourceGroup"),
            resource,
            group,
            0,
            None,
            Ok,
        )
    }

    /// `ChangeClusterResourceGroupEx` (and, with a `reason`, `ChangeClusterResourceGroupEx2`):
    /// as [`change_resource_group`](Self::change_resource_group), with
    /// `CLUSAPI_CHANGE_RESOURCE_GROUP_FORCE_MOVE_TO_CSV` (1) the one flag (accepted, no effect).
    ///
    /// # Errors
    /// As [`change_resource_group`](Self::change_resource_group); `ERROR_INVALID_PARAMETER
    /// (87)` for other flag bits (a choice).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.create_group(cluster, "WEB01")?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 3")?;
    /// assert_eq!(sim.change_resource_group_ex(disk, web, 2, None).unwrap_err().code(), 87);
    /// sim.change_resource_group_ex(disk, web, 1, Some("give WEB01 a disk"))?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_group(web)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn change_resource_group_ex(
        &self,
        resource: ResourceHandle,
        group: GroupHandle,
        flags: u64,
        reason: Option<&str>,
    ) -> Result<()> {
        let function = with_reason(reason, "ChangeClusterResourceGroupEx", "ChangeClusterResourceGroupEx2");
        self.change_resource_group_as(&mut Call::rust(function), resource, group, flags, reason, Ok)
    }

    pub(crate) fn change_resource_group_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        group: GroupHandle,
        flags: u64,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("group", Arg::Handle(group.raw())),
                ("flags", Arg::Number(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                let (d, g) = st.group_at(group)?;
                if c != d {
                    return Err(Error::INVALID_PARAMETER);
                }
                st.engine.change_resource_group(c, r, g, flags)
            },
            deliver,
        )
    }

    /// `GetClusterResourceDependencyExpression`: the resource's dependencies as an expression,
    /// `[name] and [name]` in dependency order, "" for none (names rather than ids is
    /// (unverified): a choice).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_resource(cluster, "SQL Server")?;
    /// assert_eq!(sim.resource_dependency_expression(sql)?, "[SQL Network Name (SQLFCI01)] and [Cluster Disk 4]");
    /// # sim.close_resource(sql)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_dependency_expression(&self, resource: ResourceHandle) -> Result<String> {
        let call = &mut Call::rust("GetClusterResourceDependencyExpression");
        self.resource_dependency_expression_as(call, resource, Ok)
    }

    pub(crate) fn resource_dependency_expression_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(resource.raw()))],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                Ok(st.engine.dependency_expression(c, r))
            },
            deliver,
        )
    }

    /// `GetClusterResourceNetworkName`: the `Name` private property (the NetBIOS name) of the
    /// Network Name resource the resource depends on, directly or through a chain of
    /// dependencies (GetClusterResourceNetworkName page; MS-CMRP
    /// ApiGetResourceNetworkName, opnum 112: "even if the dependency is not direct"). A Network Name
    /// resource answers its own `Name`. A resource with no Network Name below it answers the
    /// cluster's name (a choice: Samba's `rpc.clusapi` `all_resources` expects success from
    /// every resource of a Windows cluster; the page lists no error for the case).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// // SQL Server Agent -> SQL Server -> SQL Network Name (SQLFCI01), whose Name is SQLFCI01.
    /// let agent = sim.open_resource(cluster, "SQL Server Agent")?;
    /// assert_eq!(sim.resource_network_name(agent)?, "SQLFCI01");
    /// // No Network Name below a disk of Available Storage: the cluster's name.
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// assert_eq!(sim.resource_network_name(disk)?, "CONTOSO-CLU1");
    /// # sim.close_resource(agent)?;
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_network_name(&self, resource: ResourceHandle) -> Result<String> {
        let call = &mut Call::rust("GetClusterResourceNetworkName");
        self.resource_network_name_as(call, resource, Ok)
    }

    pub(crate) fn resource_network_name_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        deliver: impl FnOnce(String) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(resource.raw()))],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                Ok(st.engine.resource_network_name(c, r))
            },
            deliver,
        )
    }

    /// `SetClusterResourceDependencyExpression`: replaces all of the resource's dependencies
    /// by `expression` (grammar: SetClusterResourceDependencyExpression page, in
    /// `world/dependency.rs`): `[name]`, `[a] and [b]`, `([a] or [b]) and [c]`, a bare
    /// `[a] or [b]`; names ignore case; "" clears them ((unverified), a choice). The resource
    /// then needs one online provider of each OR-set (MS-CMRP 3.1.4.2.18); coming online, it
    /// brings the first of each set that its node can host.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for an expression that does not parse, a resource named
    /// twice or one in another group;
    /// `ERROR_RESOURCE_NOT_FOUND (5007)` for a name that is no resource ((unverified), a
    /// choice); `ERROR_CIRCULAR_DEPENDENCY (1059)`; `ERROR_DEPENDENCY_TREE_TOO_COMPLEX (5929)`;
    /// `ERROR_RESOURCE_ONLINE (5019)` as in
    /// [`add_resource_dependency`](Self::add_resource_dependency); `ERROR_INVALID_HANDLE`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?;
    /// sim.set_resource_dependency_expression(svc, "[ip address 10.0.0.70] and [CONTOSO-APP1]")?;
    /// assert_eq!(sim.resource_dependency_expression(svc)?, "[IP Address 10.0.0.70] and [CONTOSO-APP1]");
    /// let or = "([IP Address 10.0.0.70] or [CONTOSO-APP1])";
    /// sim.set_resource_dependency_expression(svc, or)?;
    /// assert_eq!(sim.resource_dependency_expression(svc)?, or);
    /// assert_eq!(sim.set_resource_dependency_expression(svc, "[a] or").unwrap_err().code(), 87);
    /// sim.set_resource_dependency_expression(svc, "")?;
    /// assert_eq!(sim.resource_dependency_expression(svc)?, "");
    /// # sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_resource_dependency_expression(
        &self,
        resource: ResourceHandle,
        expression: &str,
    ) -> Result<()> {
        let call = &mut Call::rust("SetClusterResourceDependencyExpression");
        self.set_resource_dependency_expression_as(call, resource, expression, Ok)
    }

    pub(crate) fn set_resource_dependency_expression_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        expression: &str,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(resource.raw())), ("expression", Arg::Text(expression))],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.set_dependency_expression(c, r, expression)
            },
            deliver,
        )
    }
}
