//! The cluster-wide calls that change or read its configuration: `SetClusterName(Ex)`,
//! `GetClusterQuorumResource`, `SetClusterQuorumResource(Ex)`. The engine
//! ([`crate::engine`]) has the rules; this resolves handles and records the calls.

use super::{Arg, Call, Sim};
use crate::error::{Result, codes};
use crate::handle_types::{ClusterHandle, Handle, ResourceHandle};

/// What `GetClusterQuorumResource` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuorumInfo {
    /// The quorum resource's name (its Name common property); empty for a cluster without
    /// one (a choice).
    pub resource_name: String,
    /// Where the quorum files live (empty until `SetClusterQuorumResource` sets it: a
    /// choice).
    pub device_name: String,
    /// The quorum type (`CLUS_HYBRID_QUORUM`, `CLUS_NODE_MAJORITY_QUORUM`,
    /// `CLUS_LEGACY_QUORUM`), what the C API returns in `*lpdwMaxQuorumLogSize`.
    pub max_quorum_log_size: u32,
}

impl Sim {
    /// `SetClusterName`: renames the cluster; `OpenCluster` finds the new name at once and
    /// `GetClusterInformation` reports it (the page defers the change until the core Network
    /// Name resource comes back online; the sim does not, a choice). The C API returns
    /// `ERROR_RESOURCE_PROPERTIES_STORED (5024)` on success (SetClusterName page), also for
    /// the cluster's own name in any case, which changes nothing (Samba's
    /// `test_SetClusterName`, against Windows); here that is `Ok`.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for an empty name or one a NetBIOS or DNS name cannot hold
    /// (a choice); `ERROR_ALREADY_EXISTS (183)` for a name another cluster or a node answers
    /// to (a choice); `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// sim.set_cluster_name(cluster, "CONTOSO-CLU2")?;
    /// assert_eq!(sim.cluster_information(cluster)?.name, "CONTOSO-CLU2");
    /// let again = sim.open_cluster(Some("contoso-clu2"))?;
    /// assert_eq!(sim.set_cluster_name(cluster, "").unwrap_err().code(), 123);
    /// # sim.close_cluster(again);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_cluster_name(&self, cluster: ClusterHandle, name: &str) -> Result<()> {
        self.set_cluster_name_as(&mut Call::rust("SetClusterName"), cluster, name, None, Ok)
    }

    /// `SetClusterNameEx`: as [`set_cluster_name`](Self::set_cluster_name), with a reason
    /// recorded in the trace.
    ///
    /// # Errors
    /// As [`set_cluster_name`](Self::set_cluster_name).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// sim.set_cluster_name_ex(cluster, "contoso-clu1", "no-op rename")?; // its own name
    /// assert_eq!(sim.harness().trace().last().map(|e| e.result), Some(5024));
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_cluster_name_ex(&self, cluster: ClusterHandle, name: &str, reason: &str) -> Result<()> {
        self.set_cluster_name_as(&mut Call::rust("SetClusterNameEx"), cluster, name, Some(reason), Ok)
    }

    pub(crate) fn set_cluster_name_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call_coded(
            call,
            &[("name", Arg::Text(name)), ("reason", Arg::OptText(reason))],
            |st, _| {
                let c = st.cluster_of(cluster)?;
                st.engine.set_cluster_name(c, name)
            },
            |_| codes::ERROR_RESOURCE_PROPERTIES_STORED,
            deliver,
        )
    }

    /// `GetClusterQuorumResource`: the quorum resource's name, the device holding the quorum
    /// files, and the quorum type (GetClusterQuorumResource page). The default cluster's
    /// quorum resource is its disk witness, `Cluster Disk 1`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, flags};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let quorum = sim.quorum_resource(cluster)?;
    /// assert_eq!(quorum.resource_name, "Cluster Disk 1");
    /// assert_eq!(quorum.max_quorum_log_size, flags::CLUS_HYBRID_QUORUM);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn quorum_resource(&self, cluster: ClusterHandle) -> Result<QuorumInfo> {
        self.quorum_resource_as(&mut Call::rust("GetClusterQuorumResource"), cluster, Ok)
    }

    pub(crate) fn quorum_resource_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        deliver: impl FnOnce(QuorumInfo) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let q = st.engine.quorum(st.cluster_of(cluster)?);
                Ok(QuorumInfo {
                    resource_name: q.resource,
                    device_name: q.device,
                    max_quorum_log_size: q.log_size,
                })
            },
            deliver,
        )
    }

    /// `SetClusterQuorumResource`: makes the resource the quorum resource, its files on
    /// `device` (`None`: the previous path, else `MSCS`), with quorum type `max_log_size`
    /// (`CLUS_NODE_MAJORITY_QUORUM` 0, `CLUS_HYBRID_QUORUM` 1024, `CLUS_LEGACY_QUORUM`
    /// 4194304; SetClusterQuorumResource page).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for another quorum type, or `CLUS_NODE_MAJORITY_QUORUM`
    /// with a resource that is not the current quorum resource (the page requires it; the
    /// code is a choice); `ERROR_NOT_QUORUM_CAPABLE (5021)` for a resource whose type lacks
    /// `CLUS_CHAR_QUORUM`; `ERROR_RESOURCE_NOT_ONLINE (5004)` for a resource that is not
    /// online (the page); `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, flags};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk2 = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// sim.set_quorum_resource(disk2, None, flags::CLUS_HYBRID_QUORUM)?;
    /// let quorum = sim.quorum_resource(cluster)?;
    /// assert_eq!((quorum.resource_name.as_str(), quorum.device_name.as_str()), ("Cluster Disk 2", "MSCS"));
    /// # sim.close_resource(disk2)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_quorum_resource(
        &self,
        resource: ResourceHandle,
        device: Option<&str>,
        max_log_size: u32,
    ) -> Result<()> {
        self.set_quorum_resource_as(
            &mut Call::rust("SetClusterQuorumResource"),
            resource,
            device,
            max_log_size,
            None,
            Ok,
        )
    }

    /// `SetClusterQuorumResourceEx`: as [`set_quorum_resource`](Self::set_quorum_resource),
    /// with a reason recorded in the trace.
    ///
    /// # Errors
    /// As [`set_quorum_resource`](Self::set_quorum_resource).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let ip = sim.open_resource(cluster, "Cluster IP Address")?;
    /// assert_eq!(sim.set_quorum_resource_ex(ip, None, 1024, "witness").unwrap_err().code(), 5021);
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_quorum_resource_ex(
        &self,
        resource: ResourceHandle,
        device: Option<&str>,
        max_log_size: u32,
        reason: &str,
    ) -> Result<()> {
        let call = &mut Call::rust("SetClusterQuorumResourceEx");
        self.set_quorum_resource_as(call, resource, device, max_log_size, Some(reason), Ok)
    }

    pub(crate) fn set_quorum_resource_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        device: Option<&str>,
        max_log_size: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("device", Arg::OptText(device)),
                ("dwMaxQuoLogSize", Arg::Number(u64::from(max_log_size))),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.set_quorum_resource(c, r, device, max_log_size)
            },
            deliver,
        )
    }
}
