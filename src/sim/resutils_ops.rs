//! The cluster-state helpers of `resutils.dll` that need the simulator
//! (`reference/engine-properties-notify.md` §C.7): `ResUtilResourceTypesEqual`,
//! `ResUtilResourcesEqual`, `ResUtilGetCoreClusterResources(Ex)`, and the snapshot behind
//! `ResUtilEnumResources(Ex, Ex2)`. Each is one call under the lock; the enumeration's
//! callbacks run in the export layer, outside it, on handles it opens and closes one by one.

use super::{Arg, Call, Sim, State, Target};
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, Handle, ResourceHandle};
use crate::handles::{Kind, Origin, RawHandle};
use crate::world::ObjectId;
use crate::world::name::eq_ignore_case;

/// The handles `ResUtilGetCoreClusterResources` opens: the core Network Name, the core IP
/// Address, the quorum resource (each `None` when not asked for or not there).
type CoreResourceHandles = (Option<ResourceHandle>, Option<ResourceHandle>, Option<ResourceHandle>);

impl State {
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
    /// assert_eq!(disks.len(), 5);
    /// let disk1 = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// let others = sim.resource_names(cluster, Some("physical disk"), Some(disk1))?;
    /// assert_eq!(others.len(), 4);
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
