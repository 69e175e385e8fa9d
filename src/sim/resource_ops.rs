//! The state-changing calls on resources: `OnlineClusterResource(Ex, Ex2)`,
//! `OfflineClusterResource(Ex, Ex2)`, `FailClusterResource(Ex)`. The engine
//! ([`crate::engine`]) has the rules; this resolves handles and records the calls.

use super::{Arg, Call, Sim, State, Target};
use crate::engine::Completion;
use crate::error::{Error, Result};
use crate::handle_types::{Handle, ResourceHandle};
use crate::handles::Kind;
use crate::world::ObjectId;

impl State {
    /// The cluster index and id of the resource behind a live resource handle.
    pub(crate) fn resource_at(&self, h: ResourceHandle) -> Result<(usize, ObjectId)> {
        self.resource(h)?;
        match self.target(h.raw(), Kind::Resource)? {
            &Target::Resource { cluster, resource } => Ok((cluster, resource)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}

impl Sim {
    /// `OnlineClusterResource`: brings the resource online, its providers first, and makes
    /// its persistent state online. Already online: done, nothing changes. With zero delays
    /// (the default) it is online when the call returns; with an online delay
    /// ([`ClusterBuilder::set_resource_delays`](crate::world::ClusterBuilder::set_resource_delays)
    /// or the type's) it sits in `OnlinePending` until the virtual clock passes it, and the call
    /// gives [`Completion::Pending`] (the C API's `ERROR_IO_PENDING`, 997).
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` while it or a provider it needs is pending (MS-CMRP
    /// 3.1.4.2.18); `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` when its node is down;
    /// `ERROR_SHARING_PAUSED (70)` when its node is paused; `ERROR_HOST_NODE_NOT_RESOURCE_OWNER
    /// (5015)` when its node is not a possible owner of it or a provider; `ERROR_INVALID_HANDLE`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted resource.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Completion, ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?;
    /// assert_eq!(sim.resource_state(svc)?.state, ResourceState::Offline);
    /// assert_eq!(sim.online_resource(svc)?, Completion::Done);
    /// assert_eq!(sim.resource_state(svc)?.state, ResourceState::Online);
    /// # sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn online_resource(&self, resource: ResourceHandle) -> Result<Completion> {
        self.online_resource_as(&mut Call::rust("OnlineClusterResource"), resource, 0, None, Ok)
    }

    /// `OnlineClusterResourceEx` (and, with a `reason`, `OnlineClusterResourceEx2`): as
    /// [`online_resource`](Self::online_resource), with `CLUSAPI_RESOURCE_ONLINE_*` flags
    /// ([`flags`](crate::flags)). `DO_NOT_UPDATE_PERSISTENT_STATE` (2) leaves the persistent
    /// state; the others are accepted and change nothing here. The reason is recorded in the
    /// trace.
    ///
    /// # Errors
    /// As [`online_resource`](Self::online_resource); `ERROR_INVALID_PARAMETER (87)` for
    /// undefined flag bits (a choice: the page lists the defined ones only).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Completion, Sim, flags};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?;
    /// let keep = flags::CLUSAPI_RESOURCE_ONLINE_DO_NOT_UPDATE_PERSISTENT_STATE;
    /// assert_eq!(sim.online_resource_ex(svc, keep, Some("maintenance"))?, Completion::Done);
    /// assert!(!sim.harness().resource(svc)?.persistent_online);
    /// assert_eq!(sim.online_resource_ex(svc, 0x8000, None).unwrap_err().code(), 87);
    /// # sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn online_resource_ex(
        &self,
        resource: ResourceHandle,
        flags: u32,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function = if reason.is_some() { "OnlineClusterResourceEx2" } else { "OnlineClusterResourceEx" };
        self.online_resource_as(&mut Call::rust(function), resource, flags, reason, Ok)
    }

    pub(crate) fn online_resource_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.online_resource(c, r, flags)
            },
            deliver,
        )
    }

    /// `OfflineClusterResource`: takes the resource offline, its dependents first, and makes
    /// its persistent state offline. Already offline: done. A failed resource goes offline at
    /// once (the OfflineClusterResource page; MS-CMRP 3.1.4.2.19 says `ERROR_RESOURCE_FAILED`,
    /// see FIDELITY.md). With an offline delay it sits in `OfflinePending` and the call gives
    /// [`Completion::Pending`].
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` while it, or a dependent it would take offline, is pending
    /// or initializing; `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Completion, ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let ip = sim.open_resource(cluster, "Cluster IP Address")?;
    /// let name = sim.open_resource(cluster, "Cluster Name")?; // depends on the IP address
    /// assert_eq!(sim.offline_resource(ip)?, Completion::Done);
    /// assert_eq!(sim.resource_state(name)?.state, ResourceState::Offline, "dependents first");
    /// # sim.close_resource(ip)?;
    /// # sim.close_resource(name)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn offline_resource(&self, resource: ResourceHandle) -> Result<Completion> {
        self.offline_resource_as(&mut Call::rust("OfflineClusterResource"), resource, 0, None, Ok)
    }

    /// `OfflineClusterResourceEx` (and, with a `reason`, `OfflineClusterResourceEx2`): as
    /// [`offline_resource`](Self::offline_resource), with `CLUSAPI_RESOURCE_OFFLINE_*` flags.
    /// `DO_NOT_UPDATE_PERSISTENT_STATE` (4) leaves the persistent state.
    ///
    /// # Errors
    /// As [`offline_resource`](Self::offline_resource); `ERROR_INVALID_PARAMETER (87)` for
    /// undefined flag bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, flags};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// let keep = flags::CLUSAPI_RESOURCE_OFFLINE_DO_NOT_UPDATE_PERSISTENT_STATE;
    /// sim.offline_resource_ex(disk, keep, None)?;
    /// assert!(sim.harness().resource(disk)?.persistent_online, "still meant to be online");
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn offline_resource_ex(
        &self,
        resource: ResourceHandle,
        flags: u32,
        reason: Option<&str>,
    ) -> Result<Completion> {
        let function =
            if reason.is_some() { "OfflineClusterResourceEx2" } else { "OfflineClusterResourceEx" };
        self.offline_resource_as(&mut Call::rust(function), resource, flags, reason, Ok)
    }

    pub(crate) fn offline_resource_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.offline_resource(c, r, flags)
            },
            deliver,
        )
    }

    /// `FailClusterResource`: the resource fails as if its health check had failed
    /// (FailClusterResource page: meant for testing restart policies). Its dependents stop,
    /// then the restart policy runs ([`RestartPolicy`](crate::world::RestartPolicy)): it is
    /// restarted on its node after RestartDelay (500 ms by default) while the restarts inside
    /// RestartPeriod stay under RestartThreshold; past that its group fails over
    /// (RestartNotify), or it stays failed and is retried after RetryPeriodOnFailure.
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` unless it is Online, OnlinePending or OfflinePending
    /// (MS-CMRP 3.1.4.2.17, protocol v3); `ERROR_INVALID_HANDLE`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use clusapi_sim::{ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// sim.fail_resource(disk)?;
    /// assert_eq!(sim.resource_state(disk)?.state, ResourceState::Failed);
    /// sim.harness().advance(Duration::from_millis(500)); // RestartDelay
    /// assert_eq!(sim.resource_state(disk)?.state, ResourceState::Online, "restarted");
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn fail_resource(&self, resource: ResourceHandle) -> Result<()> {
        self.fail_resource_as(&mut Call::rust("FailClusterResource"), resource, None, Ok)
    }

    /// `FailClusterResourceEx`: as [`fail_resource`](Self::fail_resource), with a reason
    /// recorded in the trace.
    ///
    /// # Errors
    /// As [`fail_resource`](Self::fail_resource).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?; // offline
    /// assert_eq!(sim.fail_resource_ex(svc, "chaos test").unwrap_err().code(), 5023);
    /// # sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn fail_resource_ex(&self, resource: ResourceHandle, reason: &str) -> Result<()> {
        self.fail_resource_as(&mut Call::rust("FailClusterResourceEx"), resource, Some(reason), Ok)
    }

    pub(crate) fn fail_resource_as<T>(
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
                st.engine.fail_resource(c, r)
            },
            deliver,
        )
    }

    /// `RestartClusterResource`: takes the resource offline (its dependents first) and brings
    /// it back online on the same node, with the dependents whose persistent state is online;
    /// persistent states do not change. [`Completion::Pending`] (`ERROR_IO_PENDING`) while
    /// either half is (engine-properties-notify.md §A.1 has the signature only: the model is
    /// a choice).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for `flags` other than 0 (a choice: their values are not
    /// documented); `ERROR_INVALID_STATE (5023)` unless the resource is online and nothing it
    /// would take offline is in an operation (a choice); `ERROR_INVALID_HANDLE`;
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Completion, ResourceState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let ip = sim.open_resource(cluster, "Cluster IP Address")?;
    /// assert_eq!(sim.restart_resource(ip, 0)?, Completion::Done);
    /// assert_eq!(sim.resource_state(ip)?.state, ResourceState::Online);
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn restart_resource(&self, resource: ResourceHandle, flags: u32) -> Result<Completion> {
        self.restart_resource_as(&mut Call::rust("RestartClusterResource"), resource, flags, None, Ok)
    }

    /// `RestartClusterResourceEx`: as [`restart_resource`](Self::restart_resource), with a
    /// reason recorded in the trace.
    ///
    /// # Errors
    /// As [`restart_resource`](Self::restart_resource).
    ///
    /// # Examples
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let svc = sim.open_resource(cluster, "Contoso App Service")?; // offline
    /// assert_eq!(sim.restart_resource_ex(svc, 0, "refresh").unwrap_err().code(), 5023);
    /// # sim.close_resource(svc)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn restart_resource_ex(
        &self,
        resource: ResourceHandle,
        flags: u32,
        reason: &str,
    ) -> Result<Completion> {
        self.restart_resource_as(
            &mut Call::rust("RestartClusterResourceEx"),
            resource,
            flags,
            Some(reason),
            Ok,
        )
    }

    pub(crate) fn restart_resource_as<T>(
        &self,
        call: &mut Call,
        resource: ResourceHandle,
        flags: u32,
        reason: Option<&str>,
        deliver: impl FnOnce(Completion) -> Result<T>,
    ) -> Result<T> {
        self.call_op(
            call,
            &[
                ("resource", Arg::Handle(resource.raw())),
                ("flags", Arg::Flags(flags)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, r) = st.resource_at(resource)?;
                st.engine.restart_resource(c, r, flags)
            },
            deliver,
        )
    }
}
