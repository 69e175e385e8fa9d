//! Notification ports, v1: `CreateClusterNotifyPort`, `RegisterClusterNotify`,
//! `GetClusterNotify`, `CloseClusterNotifyPort` (engine-properties-notify.md §B.1-§B.3). The
//! events, filter sets and queues are in [`crate::notify`]; this resolves handles, waits and
//! records the calls.
//!
//! # Waiting
//!
//! `GetClusterNotify` waits on the **virtual clock**, never in real time, except for
//! `INFINITE`:
//! * a timeout of 0 looks at the queue and returns at once;
//! * a finite timeout runs the virtual clock forward, one timer at a time (so pending
//!   operations complete and post their events), until an event is queued on the port or the
//!   deadline (`now + timeout`) passes; then `WAIT_TIMEOUT` with the clock at the deadline;
//! * `INFINITE` first runs the work in progress (pending operations and restarts, as
//!   [`Harness::settle`](crate::Harness::settle) does; not the hourly retries of a resource left
//!   failed) until an event arrives; with nothing left to run it blocks the calling thread on a
//!   condition variable paired with the simulator's lock, which is released while it waits, until
//!   another thread's call queues an event or closes the port (then `ERROR_INVALID_HANDLE`).

use std::sync::Arc;
use std::time::Duration;

use super::{Arg, Call, Sim, State, Target};
use crate::engine::SETTLE_BOUND;
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, Handle, NotifyPortHandle};
use crate::handles::{Kind, RawHandle};
use crate::notify::{self as n, Mask, Notification, NotificationV2, ObjectRef, Queued, Scope, Take};

/// `CLUSTER_CHANGE_RESOURCE_TYPE_ALL_V2`: every resource-type V2 bit (MS-CMRP 2.2.2.15).
const RESOURCE_TYPE_ALL_V2: i64 = 0x3F;

impl State {
    /// The cluster index of an open port, with the cluster handle it was created on.
    fn port_cluster(&self, port: NotifyPortHandle) -> Result<(ClusterHandle, usize)> {
        self.port_cluster_of(port, false)
    }

    /// As [`port_cluster`](Self::port_cluster), for a port of version 1 or (`v2`) 2.
    pub(super) fn port_cluster_of(&self, port: NotifyPortHandle, v2: bool) -> Result<(ClusterHandle, usize)> {
        let raw = RawHandle(port.raw());
        if !matches!(self.target(port.raw(), Kind::NotifyPort)?, Target::NotifyPort)
            || !self.ports.is_open(port.raw(), v2)
        {
            return Err(Error::INVALID_HANDLE);
        }
        let parent = self.handles.parent(raw)?.ok_or(Error::INVALID_HANDLE)?;
        let cluster = ClusterHandle::from_raw(parent.0);
        Ok((cluster, self.cluster_of(cluster)?))
    }

    /// The cluster and object behind an object handle that `RegisterClusterNotify` accepts.
    pub(super) fn watched(&self, raw: isize) -> Result<(usize, ObjectRef)> {
        let kind = RawHandle(raw).kind().ok_or(Error::INVALID_HANDLE)?;
        match (kind, self.target(raw, kind)?) {
            (Kind::Node, &Target::Node { cluster, node }) => Ok((cluster, ObjectRef::Node(node))),
            (Kind::Group, &Target::Group { cluster, group }) => Ok((cluster, ObjectRef::Group(group))),
            (Kind::Resource, &Target::Resource { cluster, resource }) => {
                Ok((cluster, ObjectRef::Resource(resource)))
            }
            (Kind::Network, &Target::Network { cluster, network }) => {
                Ok((cluster, ObjectRef::Network(network)))
            }
            (Kind::NetInterface, &Target::NetInterface { cluster, net_interface }) => {
                Ok((cluster, ObjectRef::NetInterface(net_interface)))
            }
            (Kind::GroupSet, &Target::GroupSet { cluster, set }) => Ok((cluster, ObjectRef::GroupSet(set))),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}

impl Sim {
    /// `CreateClusterNotifyPort(INVALID_HANDLE_VALUE, hCluster, dwFilter, dwNotifyKey)`: a new
    /// notification port on `cluster`, with one cluster-wide filter set (`filter`, a mask of
    /// `CLUSTER_CHANGE_*` bits, see [`crate::notify`]) delivering with `key`. A filter of 0
    /// makes a port with no filter set: nothing is queued until one is added. The port handle
    /// derives from `cluster`: `CloseCluster` closes it (after posting HANDLE_CLOSE to a set
    /// that asked for it, which stays readable).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::{CLUSTER_CHANGE_GROUP_STATE, CLUSTER_CHANGE_RESOURCE_STATE};
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port(cluster, CLUSTER_CHANGE_GROUP_STATE, 7)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.online_group(app, None)?;
    /// let event = sim.notify(port, Some(Duration::ZERO))?.expect("queued");
    /// assert_eq!((event.key, event.filter, event.name.as_str()), (7, CLUSTER_CHANGE_GROUP_STATE, "CONTOSO-APP1"));
    /// # let _ = CLUSTER_CHANGE_RESOURCE_STATE;
    /// # sim.close_group(app)?;
    /// assert!(sim.close_notify_port(port));
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_notify_port(
        &self,
        cluster: ClusterHandle,
        filter: u32,
        key: usize,
    ) -> Result<NotifyPortHandle> {
        self.create_notify_port_as(&mut Call::rust("CreateClusterNotifyPort"), cluster, filter, key, Ok)
    }

    pub(crate) fn create_notify_port_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        filter: u32,
        key: usize,
        deliver: impl FnOnce(NotifyPortHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("dwFilter", Arg::Flags(filter)), ("dwNotifyKey", Arg::Number(key as u64))],
            |st, origin| {
                let c = st.cluster_of(cluster)?;
                let raw = st.handles.insert(
                    Kind::NotifyPort,
                    Some(RawHandle(cluster.raw())),
                    origin,
                    Target::NotifyPort,
                )?;
                st.ports.create(raw.0, false);
                if filter != 0 {
                    st.ports.add(raw.0, cluster.raw(), c, Scope::Cluster, Mask::V1(filter), key);
                }
                // From now on the engine records events: the port sees what follows.
                st.engine.record_events(true);
                Ok(NotifyPortHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `CreateClusterNotifyPort(hChange, hCluster, dwFilter, dwNotifyKey)` on an existing port:
    /// adds a cluster-wide filter set of `cluster` (`None`: `INVALID_HANDLE_VALUE`, the cluster
    /// the port was created on) with its own key. Each set delivers its own copy of an event it
    /// matches.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad port or cluster handle; `ERROR_INVALID_PARAMETER` for a
    /// filter of 0 (a set that can match nothing). Nothing changes on an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::{CLUSTER_CHANGE_NODE_STATE, CLUSTER_CHANGE_RESOURCE_STATE};
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port(cluster, CLUSTER_CHANGE_NODE_STATE, 1)?;
    /// sim.add_notify_filter(port, None, CLUSTER_CHANGE_NODE_STATE, 2)?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// sim.pause_node(node2)?;
    /// let keys: Vec<usize> = std::iter::from_fn(|| sim.notify(port, Some(Duration::ZERO)).unwrap())
    ///     .map(|n| n.key)
    ///     .collect();
    /// assert_eq!(keys, [1, 2], "one event per filter set, each with its key");
    /// # let _ = CLUSTER_CHANGE_RESOURCE_STATE;
    /// # sim.close_node(node2)?;
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_notify_filter(
        &self,
        port: NotifyPortHandle,
        cluster: Option<ClusterHandle>,
        filter: u32,
        key: usize,
    ) -> Result<()> {
        self.add_notify_filter_as(
            &mut Call::rust("CreateClusterNotifyPort"),
            port,
            cluster,
            filter,
            key,
            |_| Ok(()),
        )
    }

    pub(crate) fn add_notify_filter_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        cluster: Option<ClusterHandle>,
        filter: u32,
        key: usize,
        deliver: impl FnOnce(NotifyPortHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("dwFilter", Arg::Flags(filter)), ("dwNotifyKey", Arg::Number(key as u64))],
            |st, _| {
                let (own, own_cluster) = st.port_cluster(port)?;
                let (handle, c) = match cluster {
                    None => (own, own_cluster),
                    Some(h) => (h, st.cluster_of(h)?),
                };
                if filter == 0 {
                    return Err(Error::INVALID_PARAMETER);
                }
                st.ports.add(port.raw(), handle.raw(), c, Scope::Cluster, Mask::V1(filter), key);
                Ok(port)
            },
            deliver,
        )
    }

    /// `RegisterClusterNotify`: adds a filter set for the events of one object (`object`: a
    /// node, group, resource, network or net interface handle) with its own key. Only that
    /// object's events match (a group's set sees GROUP_* events, not its resources'); closing
    /// `object` posts HANDLE_CLOSE to the set if `filter` has the bit, and ends the set.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad port or object handle (also a handle of a kind that
    /// has no events, like an enumeration); `ERROR_INVALID_PARAMETER` for a filter of 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::CLUSTER_CHANGE_GROUP_STATE;
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port(cluster, 0, 0)?; // no filter set yet
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
    /// sim.register_notify(port, CLUSTER_CHANGE_GROUP_STATE, app, 42)?;
    /// sim.offline_group(sql)?; // not watched
    /// sim.online_group(app, None)?;
    /// // Pending, then Online: each change of the derived state, and only the app's.
    /// let events: Vec<_> = std::iter::from_fn(|| sim.notify(port, Some(Duration::ZERO)).unwrap()).collect();
    /// assert!(!events.is_empty());
    /// assert!(events.iter().all(|e| (e.key, e.name.as_str()) == (42, "CONTOSO-APP1")));
    /// # sim.close_group(app)?;
    /// # sim.close_group(sql)?;
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn register_notify(
        &self,
        port: NotifyPortHandle,
        filter: u32,
        object: impl Handle,
        key: usize,
    ) -> Result<()> {
        self.register_notify_as(&mut Call::rust("RegisterClusterNotify"), port, filter, object.raw(), key, Ok)
    }

    pub(crate) fn register_notify_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        filter: u32,
        object: isize,
        key: usize,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("dwFilterType", Arg::Flags(filter)), ("dwNotifyKey", Arg::Number(key as u64))],
            |st, _| {
                st.port_cluster(port)?;
                // A key handle watches its key (and, with REGISTRY_SUBTREE, the keys below).
                if RawHandle(object).kind() == Some(Kind::Key) {
                    let (cluster, path) = st.watched_key(object)?;
                    if filter == 0 {
                        return Err(Error::INVALID_PARAMETER);
                    }
                    let subtree = filter & crate::notify::CLUSTER_CHANGE_REGISTRY_SUBTREE != 0;
                    let scope = st.ports.key_scope(&path, subtree);
                    st.ports.add(port.raw(), object, cluster, scope, Mask::V1(filter), key);
                    return Ok(());
                }
                let (cluster, watched) = st.watched(object)?;
                if filter == 0 {
                    return Err(Error::INVALID_PARAMETER);
                }
                st.ports.add(port.raw(), object, cluster, Scope::Object(watched), Mask::V1(filter), key);
                Ok(())
            },
            deliver,
        )
    }

    /// `GetClusterNotify`: the next event on `port`, waiting up to `timeout` (`None`:
    /// `INFINITE`); `Ok(None)` is `WAIT_TIMEOUT` (258). The waits, on the virtual clock:
    /// * zero looks at the queue and returns at once;
    /// * a finite timeout runs the virtual clock forward one timer at a time (so pending
    ///   operations complete and post their events) until an event reaches the port or the
    ///   deadline (`now + timeout`) passes, then `Ok(None)` with the clock at the deadline;
    /// * `None` first runs the work in progress (pending operations and restarts, not the
    ///   hourly retries of a resource left failed); with nothing left to run it blocks the
    ///   thread on a condition variable paired with the simulator's lock, released while it
    ///   waits, until another thread queues an event or closes the port.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad port, also when another thread closes it while this
    /// one waits, and for a port closed with its cluster handle once its queue is read.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::CLUSTER_CHANGE_ALL;
    /// use clusapi_sim::{Sim, codes};
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port(cluster, CLUSTER_CHANGE_ALL, 0)?;
    /// assert_eq!(sim.notify(port, Some(Duration::from_millis(2_500)))?, None, "WAIT_TIMEOUT");
    /// assert_eq!(sim.harness().now(), Duration::from_millis(2_500), "on the virtual clock");
    /// sim.close_notify_port(port);
    /// assert_eq!(sim.notify(port, None).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn notify(&self, port: NotifyPortHandle, timeout: Option<Duration>) -> Result<Option<Notification>> {
        let ms = timeout.map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX));
        self.notify_as(&mut Call::rust("GetClusterNotify"), port, ms, Ok)
    }

    pub(crate) fn notify_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        timeout: Option<u64>,
        deliver: impl FnOnce(Option<Notification>) -> Result<T>,
    ) -> Result<T> {
        let pick = |q| match q {
            Queued::V1(n) => Some(n),
            Queued::V2(_) => None,
        };
        self.wait_as(call, port, false, timeout, pick, deliver)
    }

    /// As [`notify`](Self::notify) on a port of version 1 or (`v2`) 2, with the timeout in
    /// virtual milliseconds (`None`: `INFINITE`). Takes the lock itself, as the one call that
    /// may wait on it.
    pub(super) fn wait_as<N, T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        v2: bool,
        timeout: Option<u64>,
        pick: impl Fn(Queued) -> Option<N>,
        deliver: impl FnOnce(Option<N>) -> Result<T>,
    ) -> Result<T> {
        let mut st = self.shared.state.lock();
        st.begin(call);
        if self.shared.tick_ms > 0 {
            st.engine.advance(self.shared.tick_ms);
        }
        st.flush_events();
        let deadline = timeout.map(|ms| st.engine.now().saturating_add(ms));
        let mut steps = 0u64;
        let taken = loop {
            match st.ports.take(port.raw(), v2) {
                Take::Event(q) => match pick(q) {
                    Some(n) => break Ok(Some(n)),
                    None => continue,
                },
                Take::Invalid => {
                    st.note_bad_handle(RawHandle(port.raw()), Kind::NotifyPort, false);
                    break Err(Error::INVALID_HANDLE);
                }
                Take::Empty => {}
            }
            let now = st.engine.now();
            match deadline {
                Some(deadline) if now >= deadline => break Ok(None),
                Some(deadline) => {
                    // One timer at a time, so that the first event ends the wait.
                    let to = st.engine.next_timer().filter(|&t| t < deadline).unwrap_or(deadline).max(now);
                    st.engine.advance(to - now);
                    st.flush_events();
                }
                None => match st.engine.next_work() {
                    Some(due) if steps < SETTLE_BOUND => {
                        steps += 1;
                        st.engine.advance(due.saturating_sub(now));
                        st.flush_events();
                    }
                    _ => {
                        let wake = Arc::clone(&st.wake);
                        wake.wait(&mut st);
                    }
                },
            }
        };
        let mut code = match &taken {
            Ok(Some(_)) => codes::ERROR_SUCCESS,
            Ok(None) => codes::WAIT_TIMEOUT,
            Err(e) => e.code(),
        };
        let result = taken.and_then(deliver);
        if let Err(e) = &result {
            code = e.code();
        }
        let args = [("dwMilliseconds", timeout.map_or(Arg::Flags(u32::MAX), Arg::Number))];
        // Rendered now: other calls ran while this one waited, with the lock released.
        st.render_args(&args);
        st.finish(call, code);
        result
    }

    /// `CloseClusterNotifyPort`: always `true` (the page). Drops what was queued and wakes
    /// every `GetClusterNotify` waiting on the port, which returns `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NotifyPortHandle, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port(cluster, clusapi_sim::notify::CLUSTER_CHANGE_ALL, 0)?;
    /// assert!(sim.close_notify_port(port));
    /// assert!(sim.close_notify_port(port), "TRUE also for a closed port");
    /// assert!(sim.close_notify_port(NotifyPortHandle::from_raw(-1)));
    /// # use clusapi_sim::Handle as _;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn close_notify_port(&self, port: NotifyPortHandle) -> bool {
        self.close_notify_port_as(&mut Call::rust("CloseClusterNotifyPort"), port)
    }

    pub(crate) fn close_notify_port_as(&self, call: &mut Call, port: NotifyPortHandle) -> bool {
        let _ = self.call(
            call,
            &[],
            |st, _| {
                let open = st.handles.close(RawHandle(port.raw()), Kind::NotifyPort).is_ok();
                // A port closed with its cluster handle is closed once more by its own close:
                // the MsCS sample's pattern, not a double close.
                let orphaned = st.orphaned_ports.remove(&port.raw());
                if !open && !orphaned {
                    st.note_bad_handle(RawHandle(port.raw()), Kind::NotifyPort, true);
                }
                let existed = st.ports.close(port.raw());
                if existed {
                    st.wake.notify_all();
                }
                st.engine.record_events(st.ports.any());
                if open || existed { Ok(()) } else { Err(Error::INVALID_HANDLE) }
            },
            Ok,
        );
        true
    }

    /// `CreateClusterNotifyPortV2(INVALID_HANDLE_VALUE, hCluster, Filters, dwFilterCount,
    /// dwNotifyKey)`: a new v2 port on `cluster` with one cluster-wide filter set per
    /// `(object type, CLUSTER_CHANGE_<TYPE>_V2 mask)` in `filters`, all delivering with `key`.
    /// No filters makes a port with no set. A v2 port is read by [`notify_v2`](Self::notify_v2)
    /// only (v1 calls on it, and v2 calls on a v1 port, give `ERROR_INVALID_HANDLE`).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::{CLUSTER_CHANGE_GROUP_STATE_V2, CLUSTER_OBJECT_TYPE_GROUP};
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port_v2(cluster, &[(CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_STATE_V2)], 7)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.online_group(app, None)?;
    /// let event = sim.notify_v2(port, Some(Duration::ZERO))?.expect("queued");
    /// assert_eq!((event.key, event.object_type, event.filter), (7, CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_STATE_V2));
    /// assert_eq!(event.name, "CONTOSO-APP1");
    /// # sim.close_group(app)?;
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_notify_port_v2(
        &self,
        cluster: ClusterHandle,
        filters: &[(u32, i64)],
        key: usize,
    ) -> Result<NotifyPortHandle> {
        self.create_notify_port_v2_as(&mut Call::rust("CreateClusterNotifyPortV2"), cluster, filters, key, Ok)
    }

    pub(crate) fn create_notify_port_v2_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        filters: &[(u32, i64)],
        key: usize,
        deliver: impl FnOnce(NotifyPortHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("dwFilterCount", Arg::Number(filters.len() as u64)), ("dwNotifyKey", Arg::Number(key as u64))],
            |st, origin| {
                let c = st.cluster_of(cluster)?;
                let raw = st.handles.insert(
                    Kind::NotifyPort,
                    Some(RawHandle(cluster.raw())),
                    origin,
                    Target::NotifyPort,
                )?;
                st.ports.create(raw.0, true);
                for &(ty, mask) in filters {
                    st.ports.add(raw.0, cluster.raw(), c, Scope::Cluster, Mask::V2(ty, mask), key);
                }
                st.engine.record_events(true);
                Ok(NotifyPortHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// A cluster-wide filter set `(object type, CLUSTER_CHANGE_<TYPE>_V2 mask)` with its own
    /// key on an existing v2 port: what one entry of `CreateClusterNotifyPortV2`'s `Filters`
    /// makes, added later (MS-CMRP 3.1.4.2.137 ApiAddNotifyV2 with `isTargetedAtObject`
    /// FALSE). Events of every object of the type match.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad or v1 port; `ERROR_INVALID_PARAMETER` for a mask of 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::{CLUSTER_CHANGE_GROUP_STATE_V2, CLUSTER_OBJECT_TYPE_GROUP};
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port_v2(cluster, &[], 0)?;
    /// sim.add_notify_filter_v2(port, (CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_STATE_V2), 9)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.online_group(app, None)?;
    /// let event = sim.notify_v2(port, Some(Duration::ZERO))?.expect("queued");
    /// assert_eq!((event.key, event.name.as_str()), (9, "CONTOSO-APP1"));
    /// # sim.close_group(app)?;
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_notify_filter_v2(&self, port: NotifyPortHandle, filter: (u32, i64), key: usize) -> Result<()> {
        self.add_notify_filter_v2_as(&mut Call::rust("CreateClusterNotifyPortV2"), port, filter, key, Ok)
    }

    pub(crate) fn add_notify_filter_v2_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        (ty, mask): (u32, i64),
        key: usize,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("dwObjectType", Arg::Number(u64::from(ty))),
                ("FilterFlags", Arg::Number(mask as u64)),
                ("dwNotifyKey", Arg::Number(key as u64)),
            ],
            |st, _| {
                let (cluster, c) = st.port_cluster_of(port, true)?;
                if mask == 0 {
                    return Err(Error::INVALID_PARAMETER);
                }
                st.ports.add(port.raw(), cluster.raw(), c, Scope::Cluster, Mask::V2(ty, mask), key);
                Ok(())
            },
            deliver,
        )
    }

    /// `RegisterClusterNotifyV2`: adds a filter set `(object type, V2 mask)` for the events of
    /// one object (`object`: a node, group, resource, network or net interface handle) with its
    /// own key. Closing `object` posts its type's HANDLE_CLOSE_V2 if the mask has the bit.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad or v1 port, or a bad object handle;
    /// `ERROR_INVALID_PARAMETER` for a mask of 0 or an object type that is not `object`'s.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::{CLUSTER_CHANGE_GROUP_ALL_V2, CLUSTER_OBJECT_TYPE_GROUP};
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port_v2(cluster, &[], 0)?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.register_notify_v2(port, (CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_ALL_V2), app, 42)?;
    /// sim.online_group(app, None)?;
    /// let event = sim.notify_v2(port, Some(Duration::ZERO))?.expect("queued");
    /// assert_eq!((event.key, event.name.as_str()), (42, "CONTOSO-APP1"));
    /// # sim.close_group(app)?;
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn register_notify_v2(
        &self,
        port: NotifyPortHandle,
        filter: (u32, i64),
        object: impl Handle,
        key: usize,
    ) -> Result<()> {
        self.register_notify_v2_as(
            &mut Call::rust("RegisterClusterNotifyV2"),
            port,
            filter,
            object.raw(),
            key,
            Ok,
        )
    }

    pub(crate) fn register_notify_v2_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        (ty, mask): (u32, i64),
        object: isize,
        key: usize,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("dwObjectType", Arg::Number(u64::from(ty))),
                ("FilterFlags", Arg::Number(mask as u64)),
                ("dwNotifyKey", Arg::Number(key as u64)),
            ],
            |st, _| {
                st.port_cluster_of(port, true)?;
                let (cluster, watched) = st.watched(object)?;
                let own = match watched {
                    ObjectRef::Node(_) => n::CLUSTER_OBJECT_TYPE_NODE,
                    ObjectRef::Group(_) => n::CLUSTER_OBJECT_TYPE_GROUP,
                    ObjectRef::Resource(_) => n::CLUSTER_OBJECT_TYPE_RESOURCE,
                    ObjectRef::Network(_) => n::CLUSTER_OBJECT_TYPE_NETWORK,
                    ObjectRef::NetInterface(_) => n::CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE,
                    ObjectRef::GroupSet(_) => n::CLUSTER_OBJECT_TYPE_GROUPSET,
                    ObjectRef::ResourceType(_) | ObjectRef::Cluster | ObjectRef::Registry => 0,
                };
                if mask == 0 || ty != own {
                    return Err(Error::INVALID_PARAMETER);
                }
                st.ports.add(port.raw(), object, cluster, Scope::Object(watched), Mask::V2(ty, mask), key);
                Ok(())
            },
            deliver,
        )
    }

    /// `RegisterClusterResourceTypeNotifyV2`: adds a filter set `mask`
    /// (`CLUSTER_CHANGE_RESOURCE_TYPE_*_V2` bits) for the events of the resource type
    /// `type_name` (ignoring case) of `cluster`, with its own key (the page: "notification events
    /// that only affect a particular cluster object"; MS-CMRP 3.1.4.2.144 ApiAddNotifyResourceTypeV2).
    /// The simulator posts the type's COMMON_PROPERTY_V2 and PRIVATE_PROPERTY_V2 (its properties
    /// set through `ClusterResourceTypeControl`); closing `cluster` ends the set.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad or v1 port or a bad cluster handle;
    /// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type that is not installed;
    /// `ERROR_INVALID_PARAMETER` for a mask of 0 or with bits outside
    /// `CLUSTER_CHANGE_RESOURCE_TYPE_ALL_V2` (0x3F).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2;
    /// use clusapi_sim::property::PropertyList;
    /// use clusapi_sim::{ResourceTypeRef, Sim};
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port_v2(cluster, &[], 0)?;
    /// sim.register_resource_type_notify_v2(port, cluster, CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2, "Physical Disk", 7)?;
    /// let mut list = PropertyList::new();
    /// list.push("Description", "disks");
    /// sim.set_properties(ResourceTypeRef { cluster, name: "Generic Service" }, &list)?; // another type
    /// sim.set_properties(ResourceTypeRef { cluster, name: "physical disk" }, &list)?;
    /// let event = sim.notify_v2(port, Some(Duration::ZERO))?.expect("queued");
    /// assert_eq!((event.key, event.name.as_str()), (7, "Physical Disk"));
    /// assert_eq!(sim.notify_v2(port, Some(Duration::ZERO))?, None, "only its own type");
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn register_resource_type_notify_v2(
        &self,
        port: NotifyPortHandle,
        cluster: ClusterHandle,
        mask: i64,
        type_name: &str,
        key: usize,
    ) -> Result<()> {
        self.register_resource_type_notify_v2_as(
            &mut Call::rust("RegisterClusterResourceTypeNotifyV2"),
            port,
            cluster,
            mask,
            type_name,
            key,
            Ok,
        )
    }

    #[allow(clippy::too_many_arguments)] // the export's arguments, plus the call and its output
    pub(crate) fn register_resource_type_notify_v2_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        cluster: ClusterHandle,
        mask: i64,
        type_name: &str,
        key: usize,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("Flags", Arg::Number(mask as u64)),
                ("resTypeName", Arg::Text(type_name)),
                ("dwNotifyKey", Arg::Number(key as u64)),
            ],
            |st, _| {
                st.port_cluster_of(port, true)?;
                let c = st.cluster_of(cluster)?;
                let types = st.world().clusters()[c].resource_types();
                let at = types
                    .iter()
                    .position(|t| crate::world::eq_ignore_case(&t.name, type_name))
                    .ok_or(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND))?;
                if mask == 0 || mask & !RESOURCE_TYPE_ALL_V2 != 0 {
                    return Err(Error::INVALID_PARAMETER);
                }
                let scope = Scope::Object(ObjectRef::ResourceType(at as u32));
                let mask = Mask::V2(n::CLUSTER_OBJECT_TYPE_RESOURCE_TYPE, mask);
                st.ports.add(port.raw(), cluster.raw(), c, scope, mask, key);
                Ok(())
            },
            deliver,
        )
    }

    /// `GetClusterNotifyV2`: the next event on a v2 port, waiting as [`notify`](Self::notify)
    /// does (`None`: `INFINITE`; `Ok(None)` is `WAIT_TIMEOUT`).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad or v1 port (also closed during the wait).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::notify::{CLUSTER_CHANGE_NODE_ALL_V2, CLUSTER_OBJECT_TYPE_NODE};
    /// use clusapi_sim::Sim;
    /// use std::time::Duration;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port_v2(cluster, &[(CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_ALL_V2)], 0)?;
    /// assert_eq!(sim.notify_v2(port, Some(Duration::from_millis(100)))?, None, "WAIT_TIMEOUT");
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn notify_v2(
        &self,
        port: NotifyPortHandle,
        timeout: Option<Duration>,
    ) -> Result<Option<NotificationV2>> {
        let ms = timeout.map(|t| u64::try_from(t.as_millis()).unwrap_or(u64::MAX));
        self.notify_v2_as(&mut Call::rust("GetClusterNotifyV2"), port, ms, Ok)
    }

    pub(crate) fn notify_v2_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        timeout: Option<u64>,
        deliver: impl FnOnce(Option<NotificationV2>) -> Result<T>,
    ) -> Result<T> {
        let pick = |q| match q {
            Queued::V2(n) => Some(n),
            Queued::V1(_) => None,
        };
        self.wait_as(call, port, true, timeout, pick, deliver)
    }

    /// `GetNotifyEventHandle`: the handle a client waits on for the port's events. The
    /// simulator has no kernel events: it gives the port's own handle value (non-NULL), which
    /// stays valid as long as the port.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad port (of either version).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Handle, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let port = sim.create_notify_port_v2(cluster, &[], 0)?;
    /// assert_eq!(sim.notify_event_handle(port)?, port.raw());
    /// # sim.close_notify_port(port);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn notify_event_handle(&self, port: NotifyPortHandle) -> Result<isize> {
        self.notify_event_handle_as(&mut Call::rust("GetNotifyEventHandle"), port, Ok)
    }

    pub(crate) fn notify_event_handle_as<T>(
        &self,
        call: &mut Call,
        port: NotifyPortHandle,
        deliver: impl FnOnce(isize) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                if st.port_cluster_of(port, true).is_err() {
                    st.port_cluster_of(port, false)?;
                }
                Ok(port.raw())
            },
            deliver,
        )
    }
}
