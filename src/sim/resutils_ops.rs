//! The cluster-state helpers of `resutils.dll` that need the simulator
//! (`reference/engine-properties-notify.md` §C.7): `ResUtilResourceTypesEqual`,
//! `ResUtilResourcesEqual`, `ResUtilIsResourceClassEqual`, `ResUtilGetResourceName`,
//! `ResUtilGetCoreClusterResources(Ex)`, `ResUtilGetResourceDependency*` and
//! `ResUtilGetResourceNameDependency(Ex)`, and the snapshot behind
//! `ResUtilEnumResources(Ex, Ex2)`. Each is one call under the lock; the enumeration's
//! callbacks run in the export layer, outside it, on handles it opens and closes one by one.

use super::{Arg, Call, Sim, State, Target};
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, Handle, ResourceHandle};
use crate::handles::{Kind, Origin, RawHandle};
use crate::world::name::eq_ignore_case;
use crate::world::{Cluster, ObjectId};

/// `CLUS_RESSUBCLASS_SHARED` / `CLUS_RESSUBCLASS_NETWORK_INTERNET_PROTOCOL` (0x80000000): the
/// subclass `CLUSCTL_RESOURCE_GET_CLASS_INFO` reports for the storage (1) and network (2)
/// classes (MS-CMRP 3.1.4.3.1.4), 0 for the others.
const SUBCLASS_SHARED: u32 = 0x8000_0000;

/// The `CLUS_RESOURCE_CLASS_INFO` (class, subclass) of a resource type's class.
fn class_info(class: u32) -> (u32, u32) {
    (class, if matches!(class, 1 | 2) { SUBCLASS_SHARED } else { 0 })
}

/// What a dependency search looks for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Provider<'a> {
    /// A resource of this type (ignoring case).
    Type(&'a str),
    /// A resource of this `CLUS_RESOURCE_CLASS_INFO` (class, subclass; subclass 0 matches any).
    Class(u32, u32),
}

impl Provider<'_> {
    fn matches(&self, c: &Cluster, id: ObjectId) -> bool {
        let r = &c.resources()[&id];
        match *self {
            Provider::Type(t) => eq_ignore_case(&r.resource_type, t),
            Provider::Class(class, subclass) => {
                let (rc, sub) = class_info(c.resource_type(&r.resource_type).map_or(0, |t| t.class));
                rc == class && (subclass == 0 || subclass == sub)
            }
        }
    }
}

/// The first provider of `resource` that `wanted` matches: its direct dependencies in order,
/// then, with `recurse`, theirs, breadth first.
fn find_provider(c: &Cluster, resource: ObjectId, wanted: Provider<'_>, recurse: bool) -> Option<ObjectId> {
    let mut queue: std::collections::VecDeque<ObjectId> =
        c.resources()[&resource].dependencies.iter().copied().collect();
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = queue.pop_front() {
        if !seen.insert(id) || !c.resources().contains_key(&id) {
            continue;
        }
        if wanted.matches(c, id) {
            return Some(id);
        }
        if recurse {
            queue.extend(c.resources()[&id].dependencies.iter().copied());
        }
    }
    None
}

/// The handles `ResUtilGetCoreClusterResources` opens: the core Network Name, the core IP
/// Address, the quorum resource (each `None` when not asked for or not there).
type CoreResourceHandles = (Option<ResourceHandle>, Option<ResourceHandle>, Option<ResourceHandle>);

impl State {
    /// The cluster handle a resource handle was opened from.
    fn parent_cluster_of(&self, h: ResourceHandle) -> Result<ClusterHandle> {
        match self.handles.parent(RawHandle(h.raw()))? {
            Some(p) if p.kind() == Some(Kind::Cluster) => Ok(ClusterHandle::from_raw(p.0)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The cluster and id of the resource behind a resource handle.
    fn resource_identity(&self, h: ResourceHandle) -> Result<(usize, ObjectId)> {
        self.resource(h)?;
        match self.target(h.raw(), Kind::Resource)? {
            &Target::Resource { cluster, resource } => Ok((cluster, resource)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// Opens a handle to resource `id` of the cluster behind `cluster` (index `index`), as
    /// `OpenClusterResource` would: derived from the cluster handle.
    fn open_resource_id(
        &mut self,
        cluster: ClusterHandle,
        index: usize,
        id: ObjectId,
        origin: Origin,
    ) -> Result<ResourceHandle> {
        let target = Target::Resource { cluster: index, resource: id };
        let raw = self.handles.insert(Kind::Resource, Some(RawHandle(cluster.raw())), origin, target)?;
        Ok(ResourceHandle::from_raw(raw.0))
    }
}

impl Sim {
    /// `ResUtilGetResourceName`: the resource's name.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)` once deleted.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let h = sim.open_resource(cluster, "cluster disk 2")?;
    /// assert_eq!(sim.resource_name(h)?, "Cluster Disk 2");
    /// # sim.close_resource(h)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_name(&self, resource: ResourceHandle) -> Result<String> {
        self.resource_name_as(&mut Call::rust("ResUtilGetResourceName"), resource, |n| Ok(n.to_owned()))
    }

    pub(crate) fn resource_name_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        deliver: impl FnOnce(&str) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("hResource", Arg::Handle(resource.raw()))],
            |st, _| Ok(st.resource(resource)?.1.name.clone()),
            |name| deliver(&name),
        )
    }

    /// `ResUtilIsResourceClassEqual`: whether the class of `resource`'s type, as
    /// `CLUSCTL_RESOURCE_GET_CLASS_INFO` reports it, is `class` (`CLUS_RESCLASS_*`) with
    /// subclass `subclass`; a subclass of 0 matches any (a choice: the page's example sets only
    /// the class).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// const CLUS_RESCLASS_STORAGE: u32 = 1;
    /// const CLUS_RESCLASS_NETWORK: u32 = 2;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 3")?;
    /// assert!(sim.resource_class_equal(disk, CLUS_RESCLASS_STORAGE, 0)?);
    /// assert!(sim.resource_class_equal(disk, CLUS_RESCLASS_STORAGE, 0x8000_0000)?);
    /// assert!(!sim.resource_class_equal(disk, CLUS_RESCLASS_NETWORK, 0)?);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_class_equal(&self, resource: ResourceHandle, class: u32, subclass: u32) -> Result<bool> {
        let call = &mut Call::rust("ResUtilIsResourceClassEqual");
        self.resource_class_equal_as(call, resource, class, subclass, Ok)
    }

    pub(crate) fn resource_class_equal_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        class: u32,
        subclass: u32,
        deliver: impl FnOnce(bool) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("hResource", Arg::Handle(resource.raw())), ("rc", Arg::Number(class.into()))],
            |st, _| {
                let (c, r) = st.resource(resource)?;
                Ok(Provider::Class(class, subclass).matches(c, r.id))
            },
            deliver,
        )
    }

    /// `ResUtilGetResourceDependency`: opens a handle to the first resource `resource` depends
    /// on (in dependency order) that has type `type_name` (ignoring case); with `recurse`, its
    /// providers' providers too, breadth first (`ResUtilGetResourceDependencyByName`'s
    /// `bRecurse`). The handle derives from the cluster handle `resource` was opened from;
    /// close it with [`close_resource`](Sim::close_resource).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_FOUND (5007)` when no such provider exists (a choice: the pages only
    /// say NULL); `ERROR_INVALID_HANDLE (6)`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let name = sim.open_resource(cluster, "Cluster Name")?;
    /// let ip = sim.resource_dependency(name, "ip address", false)?;
    /// assert_eq!(sim.resource_name(ip)?, "Cluster IP Address");
    /// let err = sim.resource_dependency(name, "Physical Disk", true).unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_RESOURCE_NOT_FOUND);
    /// # sim.close_resource(ip)?;
    /// # sim.close_resource(name)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_dependency(
        &self,
        resource: ResourceHandle,
        type_name: &str,
        recurse: bool,
    ) -> Result<ResourceHandle> {
        let call = &mut Call::rust("ResUtilGetResourceDependency");
        self.resource_dependency_as(call, None, resource, Provider::Type(type_name), recurse, Ok)
    }

    /// `ResUtilGetResourceDependencyByClass`: as
    /// [`resource_dependency`](Sim::resource_dependency), for the first provider of class
    /// `class` (`CLUS_RESCLASS_*`) and subclass `subclass` (0: any), as
    /// [`resource_class_equal`](Sim::resource_class_equal) compares them.
    ///
    /// # Errors
    /// As [`resource_dependency`](Sim::resource_dependency).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// const CLUS_RESCLASS_STORAGE: u32 = 1;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_resource(cluster, "SQL Server")?;
    /// let disk = sim.resource_dependency_by_class(sql, CLUS_RESCLASS_STORAGE, 0, true)?;
    /// assert!(sim.resource_types_equal("Physical Disk", disk)?);
    /// # sim.close_resource(disk)?;
    /// # sim.close_resource(sql)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_dependency_by_class(
        &self,
        resource: ResourceHandle,
        class: u32,
        subclass: u32,
        recurse: bool,
    ) -> Result<ResourceHandle> {
        let call = &mut Call::rust("ResUtilGetResourceDependencyByClass");
        self.resource_dependency_as(call, None, resource, Provider::Class(class, subclass), recurse, Ok)
    }

    /// The search behind the `ResUtilGetResourceDependency*` exports: the handle derives from
    /// `cluster` when given (it must be a handle to `resource`'s cluster, else
    /// `ERROR_INVALID_HANDLE`), else from the cluster handle `resource` was opened from.
    pub(crate) fn resource_dependency_as<T>(
        &self,
        call: &mut Call,
        cluster: Option<ClusterHandle>,
        resource: ResourceHandle,
        wanted: Provider<'_>,
        recurse: bool,
        deliver: impl FnOnce(ResourceHandle) -> Result<T>,
    ) -> Result<T> {
        let text = match wanted {
            Provider::Type(t) => Arg::Text(t),
            Provider::Class(class, _) => Arg::Number(class.into()),
        };
        let args = [
            ("hCluster", Arg::Handle(cluster.map_or(0, |h| h.raw()))),
            ("hSelf", Arg::Handle(resource.raw())),
            ("wanted", text),
            ("bRecurse", Arg::Number(recurse.into())),
        ];
        self.call(
            call,
            &args,
            |st, origin| {
                let (index, id) = st.resource_identity(resource)?;
                let parent = match cluster {
                    Some(h) if st.cluster_of(h)? == index => h,
                    Some(_) => return Err(Error::INVALID_HANDLE),
                    None => st.parent_cluster_of(resource)?,
                };
                let c = &st.world().clusters()[index];
                let found = find_provider(c, id, wanted, recurse)
                    .ok_or(Error::new(codes::ERROR_RESOURCE_NOT_FOUND))?;
                st.open_resource_id(parent, index, found, origin)
            },
            deliver,
        )
    }

    /// `ResUtilGetResourceNameDependency`: as [`resource_dependency`](Sim::resource_dependency)
    /// (direct providers only), for the resource called `name` in the local cluster. No
    /// cluster handle is involved, so the handle returned derives from none:
    /// `GetClusterFromResource` fails on it (a choice); close it with
    /// [`close_resource`](Sim::close_resource).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_FOUND (5007)` for an unknown name or no such provider.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let ip = sim.resource_name_dependency("SQL Network Name (SQLFCI01)", "IP Address")?;
    /// assert_eq!(sim.resource_name(ip)?, "SQL IP Address 1 (SQLFCI01)");
    /// sim.close_resource(ip)?;
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_name_dependency(&self, name: &str, type_name: &str) -> Result<ResourceHandle> {
        self.resource_name_dependency_as(
            &mut Call::rust("ResUtilGetResourceNameDependency"),
            name,
            type_name,
            Ok,
        )
    }

    pub(crate) fn resource_name_dependency_as<T>(
        &self,
        call: &mut Call,
        name: &str,
        type_name: &str,
        deliver: impl FnOnce(ResourceHandle) -> Result<T>,
    ) -> Result<T> {
        let args = [("lpszResourceName", Arg::Text(name)), ("lpszResourceType", Arg::Text(type_name))];
        self.call(
            call,
            &args,
            |st, origin| {
                let not_found = || Error::new(codes::ERROR_RESOURCE_NOT_FOUND);
                if st.world().clusters().is_empty() {
                    return Err(not_found());
                }
                let index = st.world().local();
                let c = &st.world().clusters()[index];
                let id = c.find_resource(name).ok_or_else(not_found)?;
                let found = find_provider(c, id, Provider::Type(type_name), false).ok_or_else(not_found)?;
                let target = Target::Resource { cluster: index, resource: found };
                let raw = st.handles.insert(Kind::Resource, None, origin, target)?;
                Ok(ResourceHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `ResUtilResourceTypesEqual`: whether `resource`'s type is called `type_name`, ignoring
    /// case (the page compares the type name that `CLUSCTL_RESOURCE_GET_RESOURCE_TYPE`
    /// returns, not the display name; ignoring case is a choice, as type names are looked up).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)` once deleted.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// assert!(sim.resource_types_equal("physical disk", disk)?);
    /// assert!(!sim.resource_types_equal("IP Address", disk)?);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_types_equal(&self, type_name: &str, resource: ResourceHandle) -> Result<bool> {
        self.resource_types_equal_as(&mut Call::rust("ResUtilResourceTypesEqual"), type_name, resource, Ok)
    }

    pub(crate) fn resource_types_equal_as<T>(
        &self,
        call: &mut Call,
        type_name: &str,
        resource: ResourceHandle,
        deliver: impl FnOnce(bool) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("lpszResourceTypeName", Arg::Text(type_name)), ("hResource", Arg::Handle(resource.raw()))],
            |st, _| Ok(eq_ignore_case(&st.resource(resource)?.1.resource_type, type_name)),
            deliver,
        )
    }

    /// `ResUtilResourcesEqual`: whether two resource handles name the same resource. The page
    /// compares the names `CLUSCTL_RESOURCE_GET_NAME` returns; here the names are compared
    /// ignoring case (resource names are unique ignoring case), so two handles to the same
    /// resource, or to resources of the same name in two clusters, are equal.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)` for either handle; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let a = sim.open_resource(cluster, "Cluster Name")?;
    /// let b = sim.open_resource(cluster, "cluster name")?;
    /// let c = sim.open_resource(cluster, "Cluster IP Address")?;
    /// assert!(sim.resources_equal(a, b)?);
    /// assert!(!sim.resources_equal(a, c)?);
    /// # for h in [a, b, c] { sim.close_resource(h)?; }
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resources_equal(&self, resource: ResourceHandle, other: ResourceHandle) -> Result<bool> {
        self.resources_equal_as(&mut Call::rust("ResUtilResourcesEqual"), resource, other, Ok)
    }

    pub(crate) fn resources_equal_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        other: ResourceHandle,
        deliver: impl FnOnce(bool) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("hSelf", Arg::Handle(resource.raw())), ("hResource", Arg::Handle(other.raw()))],
            |st, _| {
                let a = &st.resource(resource)?.1.name;
                let b = &st.resource(other)?.1.name;
                Ok(eq_ignore_case(a, b))
            },
            deliver,
        )
    }

    /// `ResUtilGetCoreClusterResources`: opens handles, derived from `cluster`, to the core
    /// Network Name resource (the cluster's name), the core IP Address resource (its
    /// address) and the quorum resource. A cluster without a core IP Address or a quorum
    /// resource (node majority) gives `None` for it (a choice). Close each handle with
    /// [`close_resource`](Sim::close_resource).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_FOUND (5007)` when the cluster has no core Network Name resource (a
    /// choice); `ERROR_INVALID_HANDLE (6)`. Nothing is opened on error.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let (name, address, quorum) = sim.core_cluster_resources(cluster)?;
    /// let (name, address, quorum) = (name.unwrap(), address.unwrap(), quorum.unwrap());
    /// assert!(sim.resource_types_equal("Network Name", name)?);
    /// assert!(sim.resource_types_equal("IP Address", address)?);
    /// assert_eq!(sim.quorum_resource(cluster)?.resource_name, "Cluster Disk 1");
    /// let disk1 = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// assert!(sim.resources_equal(quorum, disk1)?);
    /// # for h in [name, address, quorum, disk1] { sim.close_resource(h)?; }
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn core_cluster_resources(
        &self,
        cluster: ClusterHandle,
    ) -> Result<(Option<ResourceHandle>, Option<ResourceHandle>, Option<ResourceHandle>)> {
        let call = &mut Call::rust("ResUtilGetCoreClusterResources");
        self.core_cluster_resources_as(call, cluster, [true; 3], Ok)
    }

    /// As [`core_cluster_resources`](Sim::core_cluster_resources), opening only the handles
    /// `wanted` asks for (name, IP address, quorum): the export opens none for a NULL out
    /// pointer.
    pub(crate) fn core_cluster_resources_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        wanted: [bool; 3],
        deliver: impl FnOnce(CoreResourceHandles) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("hCluster", Arg::Handle(cluster.raw()))],
            |st, origin| {
                let index = st.cluster_of(cluster)?;
                let c = &st.world().clusters()[index];
                let core = |kind: &str| {
                    c.resources()
                        .values()
                        .find(|r| r.core && eq_ignore_case(&r.resource_type, kind))
                        .map(|r| r.id)
                };
                let name = core("Network Name").ok_or(Error::new(codes::ERROR_RESOURCE_NOT_FOUND))?;
                let ids = [Some(name), core("IP Address"), c.quorum_resource()];
                let mut opened: [Option<ResourceHandle>; 3] = [None; 3];
                for (i, id) in ids.into_iter().enumerate() {
                    let Some(id) = id.filter(|_| wanted[i]) else { continue };
                    match st.open_resource_id(cluster, index, id, origin) {
                        Ok(h) => opened[i] = Some(h),
                        Err(e) => {
                            // All or nothing: close what this call opened.
                            for h in opened.into_iter().flatten() {
                                let _ = st.close_handle(RawHandle(h.raw()), Kind::Resource);
                            }
                            return Err(e);
                        }
                    }
                }
                Ok((opened[0], opened[1], opened[2]))
            },
            deliver,
        )
    }

    /// The snapshot `ResUtilEnumResources` enumerates: the names of `cluster`'s resources in
    /// enumeration order (as `ClusterOpenEnum(CLUSTER_ENUM_RESOURCE)` lists them), only those
    /// of type `type_name` (ignoring case) when given, without the resource `exclude` when
    /// given (the page's `hSelf`). An unknown type matches no resource.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)` for a bad cluster handle or a bad `exclude` handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disks = sim.resource_names(cluster, Some("Physical Disk"), None)?;
    /// assert_eq!(disks.len(), 6); // Cluster Disk 1 to 5, and the CSV Cluster Disk 6
    /// let disk1 = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// let others = sim.resource_names(cluster, Some("physical disk"), Some(disk1))?;
    /// assert_eq!(others.len(), 5);
    /// assert!(!others.iter().any(|n| n == "Cluster Disk 1"));
    /// # sim.close_resource(disk1)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_names(
        &self,
        cluster: ClusterHandle,
        type_name: Option<&str>,
        exclude: Option<ResourceHandle>,
    ) -> Result<Vec<String>> {
        self.resource_names_as(&mut Call::rust("ResUtilEnumResources"), cluster, type_name, exclude, Ok)
    }

    pub(crate) fn resource_names_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        type_name: Option<&str>,
        exclude: Option<ResourceHandle>,
        deliver: impl FnOnce(Vec<String>) -> Result<T>,
    ) -> Result<T> {
        let args = [
            ("hCluster", Arg::Handle(cluster.raw())),
            ("hSelf", Arg::Handle(exclude.map_or(0, |h| h.raw()))),
            ("lpszResTypeName", Arg::OptText(type_name)),
        ];
        self.call(
            call,
            &args,
            |st, _| {
                let index = st.cluster_of(cluster)?;
                let skip = exclude.map(|h| st.resource_identity(h)).transpose()?;
                let c = &st.world().clusters()[index];
                Ok(c.resources()
                    .values()
                    .filter(|r| type_name.is_none_or(|t| eq_ignore_case(&r.resource_type, t)))
                    .filter(|r| skip != Some((index, r.id)))
                    .map(|r| r.name.clone())
                    .collect())
            },
            deliver,
        )
    }
}
