//! The cluster registry functions (`GetCluster*Key`, `ClusterReg*`, write and read batches;
//! `reference/engine-properties-notify.md` §D) over the view of [`super::registry_view`]:
//! the plain hive of each cluster with the object keys projected from the property store.
//!
//! Key handles are a kind of their own (H2), derived from the cluster handle their key was
//! reached from (for an object's key: the cluster handle the object handle was opened from),
//! so `CloseCluster` invalidates them too (H4); a key opened from a key is derived from the
//! same cluster handle. Batches and read-batch replies are derived from their key's cluster
//! handle as well. A stale, closed, forged or wrong-kind value fails with
//! `ERROR_INVALID_HANDLE (6)`; a key deleted through another handle, or the key of a deleted
//! object, with `ERROR_KEY_DELETED (1018)`.

use super::registry_view::{BatchOutcome, FILETIME_EPOCH, RegKey, Registry, Scope, plan_delete, plan_set};
use super::{Arg, Call, Sim, State, Target};
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterHandle, GroupHandle, Handle, KeyHandle, NetInterfaceHandle, NetworkHandle, NodeHandle,
    RegBatchHandle, RegBatchNotificationHandle, RegBatchPortHandle, RegReadBatchHandle,
    RegReadBatchReplyHandle, ResourceHandle,
};
use crate::handles::{Kind, Origin, RawHandle};
use crate::registry::{
    Batch, BatchFailure, BatchNotificationCommand, Disposition, KeyInfo, ReadBatch, ReadReply, RegChange,
    RegValue,
};
use crate::world::{Change, PropertyOwner};

/// The replies of a closed read batch, with the UTF-16 copies of their names that
/// `ClusterRegReadBatchReplyNextCommand` hands out pointers to (they live as long as the
/// reply handle: the heap buffers do not move when the handle table grows).
#[derive(Debug)]
pub(crate) struct ReplySet {
    pub(crate) replies: Vec<ReadReply>,
    /// `(subkey, value)` names, NUL-terminated.
    pub(crate) wide: Vec<(Vec<u16>, Vec<u16>)>,
    pub(crate) next: usize,
}

/// A batch notification port: the cluster, the watched key's path (upper-cased, from the
/// root) and the notifications not yet taken.
#[derive(Debug)]
pub(crate) struct BatchPort {
    cluster: usize,
    path: String,
    queue: std::collections::VecDeque<Vec<BatchNotificationCommand>>,
}

/// One batch notification's commands, with the UTF-16 names the export points to.
#[derive(Debug)]
pub(crate) struct NotificationSet {
    pub(crate) commands: Vec<BatchNotificationCommand>,
    pub(crate) wide: Vec<Vec<u16>>,
    pub(crate) next: usize,
}

/// One command as the export hands it out: the command and pointers into its set.
#[cfg_attr(not(feature = "win32"), allow(dead_code))] // the pointers are the export's
pub(crate) struct NotificationEntry {
    pub(crate) command: BatchNotificationCommand,
    pub(crate) name: *const u16,
    pub(crate) data: *const u8,
}

/// One reply as the export hands it out: the reply and pointers into its [`ReplySet`].
#[cfg_attr(not(feature = "win32"), allow(dead_code))] // the pointers are the export's
pub(crate) struct ReplyEntry {
    pub(crate) reply: ReadReply,
    pub(crate) subkey: *const u16,
    pub(crate) value: *const u16,
    pub(crate) data: *const u8,
}

impl State {
    /// The cluster and key behind a live key handle.
    fn key(&self, h: KeyHandle) -> Result<(usize, RegKey)> {
        match self.target(h.raw(), Kind::Key)? {
            Target::Key { cluster, key } => Ok((*cluster, key.clone())),
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The virtual time as a FILETIME, for last-write times.
    fn reg_now(&self) -> u64 {
        FILETIME_EPOCH + self.engine.now().saturating_mul(10_000)
    }

    /// Runs `f` on cluster `ci`'s registry and the world it projects.
    fn with_registry<R>(&mut self, ci: usize, f: impl FnOnce(&mut Registry, &Scope<'_>) -> R) -> R {
        let engine = &self.engine;
        let drain = |id| (engine.node_drain_status(ci, id).value(), u32::MAX);
        let scope = Scope { c: &engine.world().clusters()[ci], drain: &drain };
        f(&mut self.registries[ci], &scope)
    }

    /// Runs a read-only `f` on cluster `ci`'s registry.
    fn read_registry<R>(&self, ci: usize, f: impl FnOnce(&Registry, &Scope<'_>) -> R) -> R {
        let engine = &self.engine;
        let drain = |id| (engine.node_drain_status(ci, id).value(), u32::MAX);
        let scope = Scope { c: &engine.world().clusters()[ci], drain: &drain };
        f(&self.registries[ci], &scope)
    }

    /// A new key handle for `key` of cluster `ci`, derived from cluster handle `parent`.
    fn key_handle(&mut self, parent: RawHandle, origin: Origin, ci: usize, key: RegKey) -> Result<KeyHandle> {
        let raw = self.handles.insert(Kind::Key, Some(parent), origin, Target::Key { cluster: ci, key })?;
        Ok(KeyHandle::from_raw(raw.0))
    }

    /// The cluster handle a key (or batch) handle is derived from.
    fn key_parent(&self, raw: isize) -> Result<RawHandle> {
        self.handles.parent(RawHandle(raw))?.ok_or(Error::INVALID_HANDLE)
    }

    /// The handle for an object's key (`GetCluster<Object>Key`).
    fn object_key(
        &mut self,
        raw: isize,
        kind: Kind,
        origin: Origin,
        ci: usize,
        owner: PropertyOwner,
    ) -> Result<KeyHandle> {
        let parent = self.parent_cluster(raw, kind)?;
        self.key_handle(RawHandle(parent.raw()), origin, ci, RegKey::Object(owner))
    }

    /// Posts what the hive did to the registry watchers (`CLUSTER_CHANGE_REGISTRY_*`; the
    /// property changes post theirs through the engine's commit path). A shadow key's creation
    /// is no visible change: the object's key already showed its subkeys.
    fn post_registry(&mut self, ci: usize, changes: Vec<RegChange>) {
        use crate::notify::{self as n, Event, Flag, ObjectRef, Subject};
        if changes.is_empty() {
            return;
        }
        if !self.batch_ports.is_empty() {
            self.post_batch(ci, &changes);
        }
        if !self.ports.any() {
            return;
        }
        let mut posted = false;
        for change in changes {
            let (flag, path) = match change {
                RegChange::KeyCreated { path, .. } | RegChange::KeyDeleted { path, .. }
                    if super::registry_view::is_shadow_path(&path) =>
                {
                    continue;
                }
                RegChange::KeyCreated { path, .. } | RegChange::KeyDeleted { path, .. } => {
                    (n::CLUSTER_CHANGE_REGISTRY_NAME, path)
                }
                RegChange::ValueSet { path, .. } | RegChange::ValueDeleted { path, .. } => {
                    (n::CLUSTER_CHANGE_REGISTRY_VALUE, path)
                }
                RegChange::SecuritySet { path, .. } => (n::CLUSTER_CHANGE_REGISTRY_ATTRIBUTES, path),
            };
            let subject = Subject { name: path, ..Subject::default() };
            posted |= self.ports.post(&Event {
                cluster: ci,
                flag: Flag::V1(flag),
                object: ObjectRef::Registry,
                subject,
            });
        }
        if posted {
            self.wake.notify_all();
        }
    }

    /// Queues what one call changed in the hive as a batch notification on every batch port
    /// watching a key at or above it (§D.4; a choice: every committed write is a batch of
    /// its own, and the property changes of object keys are not streamed).
    fn post_batch(&mut self, ci: usize, changes: &[RegChange]) {
        use crate::registry::command::*;
        // Ports closed with their cluster handle go now (one look-up per port).
        let handles = &self.handles;
        self.batch_ports.retain(|h, _| handles.contains(RawHandle(*h), Kind::RegBatchPort));
        for port in self.batch_ports.values_mut().filter(|p| p.cluster == ci) {
            let mut out = Vec::new();
            let mut current = String::new();
            for change in changes {
                let path = match change {
                    RegChange::KeyCreated { path, .. }
                    | RegChange::KeyDeleted { path, .. }
                    | RegChange::ValueSet { path, .. }
                    | RegChange::ValueDeleted { path, .. }
                    | RegChange::SecuritySet { path, .. } => path,
                };
                let upper = path.to_uppercase();
                // Upper-casing kept the lengths for every name but a few non-ASCII ones.
                let text = if upper.len() == path.len() { path.as_str() } else { upper.as_str() };
                let rel = if port.path.is_empty() {
                    text
                } else if upper == port.path {
                    ""
                } else if upper.starts_with(&port.path)
                    && upper.as_bytes().get(port.path.len()) == Some(&b'\\')
                {
                    &text[port.path.len() + 1..]
                } else {
                    continue;
                };
                let record = |command, options, name: &str, data: Vec<u8>| BatchNotificationCommand {
                    command,
                    options,
                    name: name.to_owned(),
                    data,
                };
                let at_key = |out: &mut Vec<BatchNotificationCommand>, current: &mut String| {
                    if *current != rel {
                        out.push(record(CLUSREG_CREATE_KEY, 0, rel, Vec::new()));
                        *current = rel.to_owned();
                    }
                };
                match change {
                    RegChange::KeyCreated { .. } if super::registry_view::is_shadow_path(path) => {}
                    RegChange::KeyCreated { .. } => {
                        out.push(record(CLUSREG_CREATE_KEY, 0, rel, Vec::new()));
                        current = rel.to_owned();
                    }
                    RegChange::KeyDeleted { .. } => out.push(record(CLUSREG_DELETE_KEY, 0, rel, Vec::new())),
                    RegChange::ValueSet { name, kind, data, .. } => {
                        at_key(&mut out, &mut current);
                        out.push(record(CLUSREG_SET_VALUE, *kind, name, data.clone()));
                    }
                    RegChange::ValueDeleted { name, .. } => {
                        at_key(&mut out, &mut current);
                        out.push(record(CLUSREG_VALUE_DELETED, 0, name, Vec::new()));
                    }
                    RegChange::SecuritySet { .. } => {}
                }
            }
            if !out.is_empty() {
                port.queue.push_back(out);
            }
        }
    }

    /// The cluster and view path of a live key handle, for `RegisterClusterNotify`.
    pub(super) fn watched_key(&self, raw: isize) -> Result<(usize, String)> {
        let (ci, key) = self.key(KeyHandle::from_raw(raw))?;
        let path = super::registry_view::view_path(&self.registries[ci], &self.world().clusters()[ci], &key)?;
        Ok((ci, path))
    }

    /// Commits the property changes a registry write planned, through the engine.
    fn commit_properties(&mut self, ci: usize, changes: Vec<Change>) {
        if !changes.is_empty() {
            self.engine.commit(ci, changes);
        }
    }

    /// Sets a value through the view: in the hive, or as a property change.
    fn reg_set(&mut self, ci: usize, key: &RegKey, name: &str, kind: u32, data: &[u8]) -> Result<()> {
        let now = self.reg_now();
        let mut hive_changes = Vec::new();
        let changes = &mut hive_changes;
        let change = self.with_registry(ci, |reg, s| -> Result<Option<Change>> {
            reg.check(s, key)?;
            match key {
                RegKey::Plain(id) => {
                    reg.hive.set_value(*id, name, kind, data, now, changes)?;
                    Ok(None)
                }
                RegKey::Object(o) | RegKey::Parameters(o) => {
                    let params = matches!(key, RegKey::Parameters(_));
                    let p = plan_set(s.c, o, params, name, kind, data)?;
                    let (common, private) = if p.common {
                        (vec![(p.name, p.value)], Vec::new())
                    } else {
                        (Vec::new(), vec![(p.name, p.value)])
                    };
                    Ok(Some(Change::SetProperties { owner: o.clone(), common, private }))
                }
            }
        })?;
        self.post_registry(ci, hive_changes);
        self.commit_properties(ci, change.into_iter().collect());
        Ok(())
    }

    fn reg_delete_value(&mut self, ci: usize, key: &RegKey, name: &str) -> Result<()> {
        let now = self.reg_now();
        let mut hive_changes = Vec::new();
        let changes = &mut hive_changes;
        let change = self.with_registry(ci, |reg, s| -> Result<Option<Change>> {
            reg.check(s, key)?;
            match key {
                RegKey::Plain(id) => {
                    reg.hive.delete_value(*id, name, now, changes)?;
                    Ok(None)
                }
                RegKey::Object(o) | RegKey::Parameters(o) => {
                    let params = matches!(key, RegKey::Parameters(_));
                    let stored = plan_delete(s, o, params, name)?;
                    Ok(stored.then(|| Change::RemovePrivateProperties {
                        owner: o.clone(),
                        names: vec![name.to_owned()],
                    }))
                }
            }
        })?;
        self.post_registry(ci, hive_changes);
        self.commit_properties(ci, change.into_iter().collect());
        Ok(())
    }
}

macro_rules! object_key_fn {
    ($(#[$doc:meta])* $name:ident / $as:ident($h:ty, $kind:ident, $function:literal) = |$st:ident, $hh:ident| $find:expr) => {
        $(#[$doc])*
        #[track_caller]
        pub fn $name(&self, h: $h) -> Result<KeyHandle> {
            self.$as(&mut Call::rust($function), h, Ok)
        }

        pub(crate) fn $as<T>(&self, call: &mut Call, h: $h, deliver: impl FnOnce(KeyHandle) -> Result<T>) -> Result<T> {
            self.call(
                call,
                &[(stringify!($kind), Arg::Handle(h.raw()))],
                |$st, origin| {
                    let $hh = h;
                    let (ci, owner) = $find;
                    $st.object_key(h.raw(), Kind::$kind, origin, ci, owner)
                },
                deliver,
            )
        }
    };
}

impl Sim {
    /// `GetClusterKey`: the root key of the cluster database (§D.2; CMRP 3.1.4.2.29
    /// ApiGetRootKey). `samDesired` is not modelled: every key grants full access.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
    ///
    /// ```
    /// use clusapi_sim::{Sim, registry::REG_SZ};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let id = sim.reg_query_value(root, "ClusterInstanceID")?;
    /// assert_eq!(id.kind(), REG_SZ);
    /// sim.reg_close_key(root)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_key(&self, cluster: ClusterHandle) -> Result<KeyHandle> {
        self.cluster_key_as(&mut Call::rust("GetClusterKey"), cluster, Ok)
    }

    pub(crate) fn cluster_key_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        deliver: impl FnOnce(KeyHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let ci = st.cluster_of(cluster)?;
                let root = st.registries[ci].hive.root();
                st.key_handle(RawHandle(cluster.raw()), origin, ci, RegKey::Plain(root))
            },
            deliver,
        )
    }

    object_key_fn! {
        /// `GetClusterGroupKey`: the group's key, `Groups\<group GUID>`; its values are the
        /// group's common properties (see [`Sim::reg_query_value`]).
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE (6)`; `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group.
        ///
        /// ```
        /// let sim = clusapi_sim::Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let group = sim.open_group(cluster, "Cluster Group")?;
        /// let key = sim.group_key(group)?;
        /// let name = sim.reg_query_value(key, "Name")?;
        /// assert_eq!(name.data(), "Cluster Group\0".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>());
        /// # sim.reg_close_key(key)?; sim.close_group(group)?; sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        group_key / group_key_as(GroupHandle, Group, "GetClusterGroupKey") = |st, h| {
            let (ci, id) = st.group_at(h)?;
            (ci, PropertyOwner::Group(id))
        }
    }

    object_key_fn! {
        /// `GetClusterResourceKey`: the resource's key, `Resources\<resource GUID>`; its
        /// values are the resource's common properties, its `Parameters` subkey's values its
        /// private ones (§D.1), read and written through the property store.
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE (6)`; `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted
        /// resource.
        ///
        /// ```
        /// use clusapi_sim::registry::REG_DWORD;
        /// let sim = clusapi_sim::Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
        /// let key = sim.resource_key(disk)?;
        /// sim.reg_set_value(key, "RestartThreshold", REG_DWORD, &7u32.to_le_bytes())?;
        /// assert_eq!(sim.harness().resource(disk)?.restart.threshold, 7, "the engine sees it");
        /// # sim.reg_close_key(key)?; sim.close_resource(disk)?; sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        resource_key / resource_key_as(ResourceHandle, Resource, "GetClusterResourceKey") = |st, h| {
            let (ci, id) = st.resource_at(h)?;
            (ci, PropertyOwner::Resource(id))
        }
    }

    object_key_fn! {
        /// `GetClusterNodeKey`: the node's key, `Nodes\<node id>` (the id in decimal, §D.1).
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE (6)`; `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node.
        ///
        /// ```
        /// let sim = clusapi_sim::Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let node = sim.open_node(cluster, "NODE1")?;
        /// let key = sim.node_key(node)?;
        /// assert!(sim.reg_query_info_key(key)?.values > 0);
        /// # sim.reg_close_key(key)?; sim.close_node(node)?; sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        node_key / node_key_as(NodeHandle, Node, "GetClusterNodeKey") = |st, h| {
            let (ci, id) = st.node_at(h)?;
            (ci, PropertyOwner::Node(id))
        }
    }

    object_key_fn! {
        /// `GetClusterNetworkKey`: the network's key, `Networks\<network GUID>`.
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE (6)`; `ERROR_CLUSTER_NETWORK_NOT_FOUND (5045)` once gone.
        ///
        /// ```
        /// let sim = clusapi_sim::Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let network = sim.open_network(cluster, "Cluster Network 1")?;
        /// let key = sim.network_key(network)?;
        /// assert!(sim.reg_query_value(key, "Name").is_ok());
        /// # sim.reg_close_key(key)?; sim.close_network(network)?; sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        network_key / network_key_as(NetworkHandle, Network, "GetClusterNetworkKey") = |st, h| {
            let id = st.network(h)?.1.id;
            let Target::Network { cluster, .. } = *st.target(h.raw(), Kind::Network)? else {
                return Err(Error::INVALID_HANDLE);
            };
            (cluster, PropertyOwner::Network(id))
        }
    }

    object_key_fn! {
        /// `GetClusterNetInterfaceKey`: the net interface's key,
        /// `NetworkInterfaces\<interface GUID>`.
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE (6)`; the interface's not-found code once gone.
        ///
        /// ```
        /// let sim = clusapi_sim::Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let name = sim.net_interface_name(cluster, "NODE1", "Cluster Network 1")?;
        /// let nic = sim.open_net_interface(cluster, &name)?;
        /// let key = sim.net_interface_key(nic)?;
        /// assert!(sim.reg_query_value(key, "Name").is_ok());
        /// # sim.reg_close_key(key)?; sim.close_net_interface(nic)?; sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        net_interface_key / net_interface_key_as(NetInterfaceHandle, NetInterface, "GetClusterNetInterfaceKey") = |st, h| {
            let id = st.net_interface(h)?.1.id;
            let Target::NetInterface { cluster, .. } = *st.target(h.raw(), Kind::NetInterface)? else {
                return Err(Error::INVALID_HANDLE);
            };
            (cluster, PropertyOwner::NetInterface(id))
        }
    }

    /// `GetClusterResourceTypeKey`: the key of the resource type installed as `type_name`
    /// (ignoring case), `ResourceTypes\<type name>` (§D.1; the key name is unverified).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type
    /// that is not installed.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let key = sim.resource_type_key(cluster, "physical disk")?;
    /// assert!(sim.reg_query_value(key, "DllName").is_ok());
    /// assert_eq!(sim.resource_type_key(cluster, "Nope").unwrap_err().code(), 5078);
    /// # sim.reg_close_key(key)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_type_key(&self, cluster: ClusterHandle, type_name: &str) -> Result<KeyHandle> {
        self.resource_type_key_as(&mut Call::rust("GetClusterResourceTypeKey"), cluster, type_name, Ok)
    }

    pub(crate) fn resource_type_key_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        type_name: &str,
        deliver: impl FnOnce(KeyHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("type_name", Arg::Text(type_name))],
            |st, origin| {
                let ci = st.cluster_of(cluster)?;
                let t = st.world().clusters()[ci]
                    .resource_type(type_name)
                    .ok_or(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND))?
                    .name
                    .clone();
                st.key_handle(
                    RawHandle(cluster.raw()),
                    origin,
                    ci,
                    RegKey::Object(PropertyOwner::ResourceType(t)),
                )
            },
            deliver,
        )
    }

    /// `ClusterRegOpenKey`: a new handle to the key at `subkey` below `key` (`""`: the same
    /// key; CMRP 3.1.4.2.31), derived from the same cluster handle.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; `ERROR_INVALID_PARAMETER (87)`
    /// for a path starting with `\` (and, a choice, an empty component or a name over 255
    /// units); `ERROR_FILE_NOT_FOUND (2)` for a missing key.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let resources = sim.reg_open_key(root, "Resources")?;
    /// assert!(sim.reg_query_info_key(resources)?.subkeys > 0);
    /// assert_eq!(sim.reg_open_key(root, "Nope").unwrap_err().code(), 2);
    /// # sim.reg_close_key(resources)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_open_key(&self, key: KeyHandle, subkey: &str) -> Result<KeyHandle> {
        self.reg_open_key_as(&mut Call::rust("ClusterRegOpenKey"), key, subkey, Ok)
    }

    pub(crate) fn reg_open_key_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        subkey: &str,
        deliver: impl FnOnce(KeyHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("subkey", Arg::Text(subkey))],
            |st, origin| {
                let (ci, base) = st.key(key)?;
                let parent = st.key_parent(key.raw())?;
                let found = st.read_registry(ci, |reg, s| reg.open(s, &base, subkey))?;
                st.key_handle(parent, origin, ci, found)
            },
            deliver,
        )
    }

    /// `ClusterRegCreateKey`: creates the key at `subkey` below `key`, with the missing keys on
    /// the way, or opens it; a new handle and whether it was created (CMRP 3.1.4.2.30).
    /// Options and security attributes are not modelled.
    ///
    /// # Errors
    /// As [`reg_open_key`](Self::reg_open_key), without `ERROR_FILE_NOT_FOUND`; and
    /// `ERROR_ACCESS_DENIED (5)` for a key directly in an object collection (`Resources\x`).
    ///
    /// ```
    /// use clusapi_sim::registry::Disposition;
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let (k, how) = sim.reg_create_key(root, r"Software\Contoso")?;
    /// assert_eq!(how, Disposition::CreatedNew);
    /// let (k2, how) = sim.reg_create_key(root, r"software\contoso")?;
    /// assert_eq!(how, Disposition::OpenedExisting);
    /// # sim.reg_close_key(k)?; sim.reg_close_key(k2)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_create_key(&self, key: KeyHandle, subkey: &str) -> Result<(KeyHandle, Disposition)> {
        self.reg_create_key_as(&mut Call::rust("ClusterRegCreateKey"), key, subkey, Ok)
    }

    pub(crate) fn reg_create_key_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        subkey: &str,
        deliver: impl FnOnce((KeyHandle, Disposition)) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("subkey", Arg::Text(subkey))],
            |st, origin| {
                let (ci, base) = st.key(key)?;
                let parent = st.key_parent(key.raw())?;
                let now = st.reg_now();
                // The handle is allocated first: a full table leaves no key half made.
                let h = st.key_handle(parent, origin, ci, base.clone())?;
                let mut changes = Vec::new();
                let made = st.with_registry(ci, |reg, s| reg.create(s, &base, subkey, now, &mut changes));
                st.post_registry(ci, changes);
                match made {
                    Ok((found, how)) => {
                        if let Ok(Target::Key { key, .. }) = st.handles.get_mut(RawHandle(h.raw()), Kind::Key)
                        {
                            *key = found;
                        }
                        Ok((h, how))
                    }
                    Err(e) => {
                        let _ = st.handles.close(RawHandle(h.raw()), Kind::Key);
                        Err(e)
                    }
                }
            },
            deliver,
        )
    }

    /// `ClusterRegDeleteKey`: deletes the key at `subkey` below `key`, which must have no
    /// subkeys (CMRP 3.1.4.2.36). Handles to it then fail with `ERROR_KEY_DELETED`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; `ERROR_INVALID_PARAMETER (87)`
    /// for a malformed or empty path; `ERROR_FILE_NOT_FOUND (2)`; `ERROR_ACCESS_DENIED (5)`
    /// for a key with subkeys, an object's key, its `Parameters` or a collection key.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let (k, _) = sim.reg_create_key(root, "Scratch")?;
    /// sim.reg_delete_key(root, "Scratch")?;
    /// assert_eq!(sim.reg_query_info_key(k).unwrap_err().code(), 1018);
    /// assert_eq!(sim.reg_delete_key(root, "Resources").unwrap_err().code(), 5);
    /// # sim.reg_close_key(k)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_delete_key(&self, key: KeyHandle, subkey: &str) -> Result<()> {
        self.reg_delete_key_as(&mut Call::rust("ClusterRegDeleteKey"), key, subkey, Ok)
    }

    pub(crate) fn reg_delete_key_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        subkey: &str,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("subkey", Arg::Text(subkey))],
            |st, _| {
                let (ci, base) = st.key(key)?;
                let now = st.reg_now();
                let mut changes = Vec::new();
                let done =
                    st.with_registry(ci, |reg, s| reg.delete(s, &base, subkey, false, now, &mut changes));
                st.post_registry(ci, changes);
                done
            },
            deliver,
        )
    }

    /// `ClusterRegCloseKey`: closes a key handle from any of the functions above (H5).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)` for a bad, closed or wrong-kind value.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// sim.reg_close_key(root)?;
    /// assert_eq!(sim.reg_close_key(root).unwrap_err().code(), 6);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_close_key(&self, key: KeyHandle) -> Result<()> {
        self.reg_close_key_as(&mut Call::rust("ClusterRegCloseKey"), key, Ok)
    }

    pub(crate) fn reg_close_key_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let target = st.close_handle(RawHandle(key.raw()), Kind::Key)?;
                st.handle_closed(RawHandle(key.raw()), &target);
                Ok(())
            },
            deliver,
        )
    }

    /// `ClusterRegEnumKey`: the name and last-write time (a FILETIME) of subkey `index` of
    /// `key`. Plain keys list their subkeys sorted by name; a collection its objects in the
    /// world's order; an object key `Parameters` first.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; `ERROR_NO_MORE_ITEMS (259)`
    /// past the end.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let mut names = Vec::new();
    /// while let Ok((name, _)) = sim.reg_enum_key(root, names.len() as u32) {
    ///     names.push(name);
    /// }
    /// assert!(names.iter().any(|n| n == "Resources"));
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_enum_key(&self, key: KeyHandle, index: u32) -> Result<(String, u64)> {
        self.reg_enum_key_as(&mut Call::rust("ClusterRegEnumKey"), key, index, Ok)
    }

    pub(crate) fn reg_enum_key_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        index: u32,
        deliver: impl FnOnce((String, u64)) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("index", Arg::Number(index.into()))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| reg.enum_key(s, &k, index))
            },
            deliver,
        )
    }

    /// `ClusterRegEnumValue`: value `index` of `key`. Plain keys list values in the order
    /// they were first set; object keys in schema order.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; `ERROR_NO_MORE_ITEMS (259)`
    /// past the end.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// assert_eq!(sim.reg_enum_value(root, 0)?.name(), "ClusterInstanceID");
    /// assert_eq!(sim.reg_enum_value(root, 1).unwrap_err().code(), 259);
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_enum_value(&self, key: KeyHandle, index: u32) -> Result<RegValue> {
        self.reg_enum_value_as(&mut Call::rust("ClusterRegEnumValue"), key, index, Ok)
    }

    pub(crate) fn reg_enum_value_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        index: u32,
        deliver: impl FnOnce(RegValue) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("index", Arg::Number(index.into()))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| {
                    reg.check(s, &k)?;
                    reg.enum_value(s, &k, index)
                })
            },
            deliver,
        )
    }

    /// `ClusterRegQueryValue`: the value `name` of `key` (`""`: the default value). On an
    /// object key it is the common property of that name as GET_COMMON_PROPERTIES shows it,
    /// under `Parameters` the private one (see the type mapping in the crate's registry docs).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; `ERROR_FILE_NOT_FOUND (2)`.
    ///
    /// ```
    /// use clusapi_sim::registry::REG_DWORD;
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// let key = sim.resource_key(disk)?;
    /// let v = sim.reg_query_value(key, "restartthreshold")?;
    /// assert_eq!((v.name(), v.kind()), ("RestartThreshold", REG_DWORD));
    /// # sim.reg_close_key(key)?; sim.close_resource(disk)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_query_value(&self, key: KeyHandle, name: &str) -> Result<RegValue> {
        self.reg_query_value_as(&mut Call::rust("ClusterRegQueryValue"), key, name, Ok)
    }

    pub(crate) fn reg_query_value_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        name: &str,
        deliver: impl FnOnce(RegValue) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| {
                    reg.check(s, &k)?;
                    reg.query(s, &k, name)
                })
            },
            deliver,
        )
    }

    /// `ClusterRegSetValue`: creates or replaces value `name` of `key` with type `kind` and
    /// `data` (strings include their NULs). On an object key or its `Parameters` it sets
    /// the property through the engine's commit path, checked against the schema (see
    /// `registry_view`'s rules: wrong type 87, out of range 13, read-only or unknown common
    /// 5).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; on object keys as above.
    ///
    /// ```
    /// use clusapi_sim::registry::REG_SZ;
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let (k, _) = sim.reg_create_key(root, "Software")?;
    /// let text: Vec<u8> = "x\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
    /// sim.reg_set_value(k, "Name", REG_SZ, &text)?;
    /// assert_eq!(sim.reg_query_value(k, "name")?.data(), text);
    /// # sim.reg_close_key(k)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_set_value(&self, key: KeyHandle, name: &str, kind: u32, data: &[u8]) -> Result<()> {
        self.reg_set_value_as(&mut Call::rust("ClusterRegSetValue"), key, name, kind, data, Ok)
    }

    pub(crate) fn reg_set_value_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        name: &str,
        kind: u32,
        data: &[u8],
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name)), ("type", Arg::Number(kind.into()))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.reg_set(ci, &k, name, kind, data)
            },
            deliver,
        )
    }

    /// `ClusterRegDeleteValue`: deletes value `name` of `key`. Under `Parameters` it removes
    /// the private property (a schema property then reads as its default); a common property
    /// cannot be deleted (`ERROR_ACCESS_DENIED (5)`, a choice).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`; `ERROR_FILE_NOT_FOUND (2)`.
    ///
    /// ```
    /// use clusapi_sim::registry::REG_DWORD;
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// sim.reg_set_value(root, "Level", REG_DWORD, &3u32.to_le_bytes())?;
    /// sim.reg_delete_value(root, "level")?;
    /// assert_eq!(sim.reg_delete_value(root, "level").unwrap_err().code(), 2);
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_delete_value(&self, key: KeyHandle, name: &str) -> Result<()> {
        self.reg_delete_value_as(&mut Call::rust("ClusterRegDeleteValue"), key, name, Ok)
    }

    pub(crate) fn reg_delete_value_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        name: &str,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.reg_delete_value(ci, &k, name)
            },
            deliver,
        )
    }

    /// `ClusterRegQueryInfoKey`: counts and maximum lengths, consistent with what
    /// [`reg_enum_key`](Self::reg_enum_key) and [`reg_enum_value`](Self::reg_enum_value) list.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let info = sim.reg_query_info_key(root)?;
    /// assert_eq!((info.subkeys, info.values), (6, 1));
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_query_info_key(&self, key: KeyHandle) -> Result<KeyInfo> {
        self.reg_query_info_key_as(&mut Call::rust("ClusterRegQueryInfoKey"), key, Ok)
    }

    pub(crate) fn reg_query_info_key_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        deliver: impl FnOnce(KeyInfo) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| reg.info(s, &k))
            },
            deliver,
        )
    }

    /// `ClusterRegGetKeySecurity`: the parts of the key's self-relative security descriptor
    /// that `info` (`SECURITY_INFORMATION`) asks for.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let sd = sim.reg_get_key_security(root, 0x4)?; // DACL_SECURITY_INFORMATION
    /// assert_eq!(sd[0], 1, "revision 1");
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_get_key_security(&self, key: KeyHandle, info: u32) -> Result<Vec<u8>> {
        self.reg_get_key_security_as(&mut Call::rust("ClusterRegGetKeySecurity"), key, info, Ok)
    }

    pub(crate) fn reg_get_key_security_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        info: u32,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("info", Arg::Flags(info))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| reg.security(s, &k, info))
            },
            deliver,
        )
    }

    /// `ClusterRegSetKeySecurity`: replaces the parts `info` names of the key's security
    /// descriptor with those of `descriptor` (self-relative).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`;
    /// `ERROR_INVALID_SECURITY_DESCR (1338)` for a malformed descriptor.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let sd = sim.reg_get_key_security(root, 0x4)?;
    /// sim.reg_set_key_security(root, 0x4, &sd)?;
    /// assert_eq!(sim.reg_set_key_security(root, 0x4, &[1, 2]).unwrap_err().code(), 1338);
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_set_key_security(&self, key: KeyHandle, info: u32, descriptor: &[u8]) -> Result<()> {
        self.reg_set_key_security_as(&mut Call::rust("ClusterRegSetKeySecurity"), key, info, descriptor, Ok)
    }

    pub(crate) fn reg_set_key_security_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        info: u32,
        descriptor: &[u8],
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("info", Arg::Flags(info))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                let now = st.reg_now();
                let mut changes = Vec::new();
                let done = st
                    .with_registry(ci, |reg, s| reg.set_security(s, &k, info, descriptor, now, &mut changes));
                st.post_registry(ci, changes);
                done
            },
            deliver,
        )
    }

    // ---- write batches ------------------------------------------------------------------

    /// `ClusterRegCreateBatch`: an empty write batch on `key` (§D.3).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`.
    ///
    /// ```
    /// use clusapi_sim::registry::{command::*, REG_DWORD};
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let batch = sim.reg_create_batch(root)?;
    /// sim.reg_batch_add_command(batch, CLUSREG_CREATE_KEY, "Contoso", 0, &[])?;
    /// sim.reg_batch_add_command(batch, CLUSREG_CONDITION_NOT_EXISTS, "Level", 0, &[])?;
    /// sim.reg_batch_add_command(batch, CLUSREG_SET_VALUE, "Level", REG_DWORD, &3u32.to_le_bytes())?;
    /// sim.reg_close_batch(batch, true)?;
    /// let k = sim.reg_open_key(root, "Contoso")?;
    /// assert_eq!(sim.reg_query_value(k, "Level")?.data(), 3u32.to_le_bytes());
    /// # sim.reg_close_key(k)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_create_batch(&self, key: KeyHandle) -> Result<RegBatchHandle> {
        self.reg_create_batch_as(&mut Call::rust("ClusterRegCreateBatch"), key, Ok)
    }

    pub(crate) fn reg_create_batch_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        deliver: impl FnOnce(RegBatchHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| reg.check(s, &k))?;
                let parent = st.key_parent(key.raw())?;
                let target = Target::RegBatch { cluster: ci, key: k, batch: Batch::new() };
                Ok(RegBatchHandle::from_raw(
                    st.handles.insert(Kind::RegBatch, Some(parent), origin, target)?.0,
                ))
            },
            deliver,
        )
    }

    /// `ClusterRegBatchAddCommand`: appends a command (`CLUSREG_*`; `options` is the value
    /// type for `CLUSREG_SET_VALUE`, 0 otherwise). Names are checked when the batch runs.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_INVALID_PARAMETER (87)` for an unknown or reserved
    /// command, or options on another command (see [`Batch::add_command`]).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let batch = sim.reg_create_batch(root)?;
    /// assert_eq!(sim.reg_batch_add_command(batch, 99, "x", 0, &[]).unwrap_err().code(), 87);
    /// sim.reg_close_batch(batch, false)?;
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_batch_add_command(
        &self,
        batch: RegBatchHandle,
        command: u32,
        name: &str,
        options: u32,
        data: &[u8],
    ) -> Result<()> {
        self.reg_batch_add_command_as(
            &mut Call::rust("ClusterRegBatchAddCommand"),
            batch,
            command,
            name,
            options,
            data,
        )
    }

    pub(crate) fn reg_batch_add_command_as(
        &self,
        call: &mut Call,
        batch: RegBatchHandle,
        command: u32,
        name: &str,
        options: u32,
        data: &[u8],
    ) -> Result<()> {
        self.call(
            call,
            &[("command", Arg::Number(command.into())), ("name", Arg::Text(name))],
            |st, _| {
                st.target(batch.raw(), Kind::RegBatch)?;
                match st.handles.get_mut(RawHandle(batch.raw()), Kind::RegBatch)? {
                    Target::RegBatch { batch, .. } => batch.add_command(command, name, options, data),
                    _ => Err(Error::INVALID_HANDLE),
                }
            },
            Ok,
        )
    }

    /// `ClusterRegCloseBatch`: with `commit`, runs the batch atomically (every command, or
    /// none when one fails: CMRP 3.1.4.2.112); without, discards it. The handle is closed in
    /// both cases. Object values in the batch are committed as property changes with the
    /// hive's changes, all or nothing.
    ///
    /// # Errors
    /// A [`BatchFailure`]: index -1 with `ERROR_INVALID_HANDLE (6)` for a bad handle or with
    /// `ERROR_KEY_DELETED (1018)` for a deleted key; else the failing command's index and
    /// error, `ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED (5986)` for a condition.
    ///
    /// ```
    /// use clusapi_sim::registry::command::*;
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let batch = sim.reg_create_batch(root)?;
    /// sim.reg_batch_add_command(batch, CLUSREG_CREATE_KEY, "A", 0, &[])?;
    /// sim.reg_batch_add_command(batch, CLUSREG_CONDITION_KEY_EXISTS, "Nope", 0, &[])?;
    /// let failure = sim.reg_close_batch(batch, true).unwrap_err();
    /// assert_eq!((failure.index, failure.error.code()), (1, 5986));
    /// assert_eq!(sim.reg_open_key(root, "A").unwrap_err().code(), 2, "nothing applied");
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_close_batch(
        &self,
        batch: RegBatchHandle,
        commit: bool,
    ) -> std::result::Result<(), BatchFailure> {
        self.reg_close_batch_as(&mut Call::rust("ClusterRegCloseBatch"), batch, commit)
    }

    pub(crate) fn reg_close_batch_as(
        &self,
        call: &mut Call,
        batch: RegBatchHandle,
        commit: bool,
    ) -> std::result::Result<(), BatchFailure> {
        let mut failed = -1;
        let r = self.call(
            call,
            &[("commit", Arg::Number(commit.into()))],
            |st, _| {
                let Target::RegBatch { cluster: ci, key, batch } =
                    st.close_handle(RawHandle(batch.raw()), Kind::RegBatch)?
                else {
                    return Err(Error::INVALID_HANDLE);
                };
                if !commit {
                    return Ok(());
                }
                let now = st.reg_now();
                let outcome = st.with_registry(ci, |reg, s| reg.apply_batch(s, &key, &batch, now));
                match outcome {
                    Ok(BatchOutcome { hive, properties }) => {
                        st.post_registry(ci, hive);
                        st.commit_properties(ci, properties);
                        Ok(())
                    }
                    Err(f) => {
                        failed = f.index;
                        Err(f.error)
                    }
                }
            },
            Ok,
        );
        r.map_err(|error| BatchFailure { index: failed, error })
    }

    // ---- read batches -------------------------------------------------------------------

    /// `ClusterRegCreateReadBatch`: an empty read batch on `key` (§D.4).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`.
    ///
    /// ```
    /// use clusapi_sim::registry::command::{CLUSREG_READ_ERROR, CLUSREG_READ_VALUE};
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let rb = sim.reg_create_read_batch(root)?;
    /// sim.reg_read_batch_add_command(rb, "", "ClusterInstanceID")?;
    /// sim.reg_read_batch_add_command(rb, "", "Missing")?;
    /// let reply = sim.reg_close_read_batch(rb)?;
    /// assert_eq!(sim.reg_read_batch_reply_next_command(reply)?.command_and_options().0, CLUSREG_READ_VALUE);
    /// assert_eq!(sim.reg_read_batch_reply_next_command(reply)?.command_and_options(), (CLUSREG_READ_ERROR, 2));
    /// assert_eq!(sim.reg_read_batch_reply_next_command(reply).unwrap_err().code(), 259);
    /// sim.reg_close_read_batch_reply(reply)?;
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_create_read_batch(&self, key: KeyHandle) -> Result<RegReadBatchHandle> {
        self.reg_create_read_batch_as(&mut Call::rust("ClusterRegCreateReadBatch"), key, Ok)
    }

    pub(crate) fn reg_create_read_batch_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        deliver: impl FnOnce(RegReadBatchHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| reg.check(s, &k))?;
                let parent = st.key_parent(key.raw())?;
                let target = Target::RegReadBatch { cluster: ci, key: k, batch: ReadBatch::new() };
                Ok(RegReadBatchHandle::from_raw(
                    st.handles.insert(Kind::RegReadBatch, Some(parent), origin, target)?.0,
                ))
            },
            deliver,
        )
    }

    /// `ClusterRegReadBatchAddCommand`: adds a read of `value` in `subkey` (relative to the
    /// batch's key; `""` is the key itself). Checked when the batch runs.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let rb = sim.reg_create_read_batch(root)?;
    /// sim.reg_read_batch_add_command(rb, "Nope", "x")?; // fails in its reply, not here
    /// let reply = sim.reg_close_read_batch(rb)?;
    /// assert!(sim.reg_read_batch_reply_next_command(reply)?.result.is_err());
    /// # sim.reg_close_read_batch_reply(reply)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_read_batch_add_command(
        &self,
        batch: RegReadBatchHandle,
        subkey: &str,
        value: &str,
    ) -> Result<()> {
        self.reg_read_batch_add_command_as(
            &mut Call::rust("ClusterRegReadBatchAddCommand"),
            batch,
            subkey,
            value,
        )
    }

    pub(crate) fn reg_read_batch_add_command_as(
        &self,
        call: &mut Call,
        batch: RegReadBatchHandle,
        subkey: &str,
        value: &str,
    ) -> Result<()> {
        self.call(
            call,
            &[("subkey", Arg::Text(subkey)), ("value", Arg::Text(value))],
            |st, _| {
                st.target(batch.raw(), Kind::RegReadBatch)?;
                match st.handles.get_mut(RawHandle(batch.raw()), Kind::RegReadBatch)? {
                    Target::RegReadBatch { batch, .. } => {
                        batch.add_command(subkey, value);
                        Ok(())
                    }
                    _ => Err(Error::INVALID_HANDLE),
                }
            },
            Ok,
        )
    }

    /// `ClusterRegCloseReadBatch`: runs the read batch (one reply per command, in order),
    /// closes its handle and returns a handle to the replies.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)` if the batch's key is gone
    /// (the batch handle is closed all the same).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let rb = sim.reg_create_read_batch(root)?;
    /// let reply = sim.reg_close_read_batch(rb)?;
    /// assert_eq!(sim.reg_read_batch_reply_next_command(reply).unwrap_err().code(), 259);
    /// # sim.reg_close_read_batch_reply(reply)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_close_read_batch(&self, batch: RegReadBatchHandle) -> Result<RegReadBatchReplyHandle> {
        self.reg_close_read_batch_as(&mut Call::rust("ClusterRegCloseReadBatch"), batch, Ok)
    }

    pub(crate) fn reg_close_read_batch_as<T>(
        &self,
        call: &mut Call,
        batch: RegReadBatchHandle,
        deliver: impl FnOnce(RegReadBatchReplyHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let parent = st.key_parent(batch.raw());
                let Target::RegReadBatch { cluster: ci, key, batch } =
                    st.close_handle(RawHandle(batch.raw()), Kind::RegReadBatch)?
                else {
                    return Err(Error::INVALID_HANDLE);
                };
                let parent = parent?;
                let replies = st.read_registry(ci, |reg, s| reg.read_batch(s, &key, &batch))?;
                let wide = replies
                    .iter()
                    .map(|r| {
                        let w = |s: &str| s.encode_utf16().chain([0]).collect::<Vec<u16>>();
                        (w(&r.subkey), w(&r.value))
                    })
                    .collect();
                let target = Target::RegReadReply(Box::new(ReplySet { replies, wide, next: 0 }));
                let raw = st.handles.insert(Kind::RegReadBatchReply, Some(parent), origin, target)?;
                Ok(RegReadBatchReplyHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `ClusterRegReadBatchReplyNextCommand`: the next reply, in the order of the commands.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_NO_MORE_ITEMS (259)` after the last one.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let rb = sim.reg_create_read_batch(root)?;
    /// sim.reg_read_batch_add_command(rb, "", "ClusterInstanceID")?;
    /// let reply = sim.reg_close_read_batch(rb)?;
    /// assert_eq!(sim.reg_read_batch_reply_next_command(reply)?.value, "ClusterInstanceID");
    /// # sim.reg_close_read_batch_reply(reply)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_read_batch_reply_next_command(&self, reply: RegReadBatchReplyHandle) -> Result<ReadReply> {
        self.reg_read_batch_reply_next_as(
            &mut Call::rust("ClusterRegReadBatchReplyNextCommand"),
            reply,
            |e| Ok(e.reply),
        )
    }

    pub(crate) fn reg_read_batch_reply_next_as<T>(
        &self,
        call: &mut Call,
        reply: RegReadBatchReplyHandle,
        deliver: impl FnOnce(ReplyEntry) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                st.target(reply.raw(), Kind::RegReadBatchReply)?;
                let Target::RegReadReply(set) =
                    st.handles.get_mut(RawHandle(reply.raw()), Kind::RegReadBatchReply)?
                else {
                    return Err(Error::INVALID_HANDLE);
                };
                let i = set.next;
                let r = set.replies.get(i).ok_or(Error::new(codes::ERROR_NO_MORE_ITEMS))?;
                set.next += 1;
                let data = match &r.result {
                    Ok((_, d)) => d.as_ptr(),
                    Err(_) => std::ptr::null(),
                };
                Ok(ReplyEntry {
                    reply: r.clone(),
                    subkey: set.wide[i].0.as_ptr(),
                    value: set.wide[i].1.as_ptr(),
                    data,
                })
            },
            deliver,
        )
    }

    /// `ClusterRegCloseReadBatchReply`: closes a reply handle.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let reply = sim.reg_close_read_batch(sim.reg_create_read_batch(root)?)?;
    /// sim.reg_close_read_batch_reply(reply)?;
    /// assert_eq!(sim.reg_close_read_batch_reply(reply).unwrap_err().code(), 6);
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_close_read_batch_reply(&self, reply: RegReadBatchReplyHandle) -> Result<()> {
        self.reg_close_read_batch_reply_as(&mut Call::rust("ClusterRegCloseReadBatchReply"), reply)
    }

    pub(crate) fn reg_close_read_batch_reply_as(
        &self,
        call: &mut Call,
        reply: RegReadBatchReplyHandle,
    ) -> Result<()> {
        self.call(
            call,
            &[],
            |st, _| st.close_handle(RawHandle(reply.raw()), Kind::RegReadBatchReply).map(drop),
            Ok,
        )
    }
}

/// For the registry-backed resutils helpers (`src/win32/resutils_registry.rs`): several values
/// in one call, traced under the helper's name.
#[cfg_attr(not(feature = "win32"), allow(dead_code))]
impl Sim {
    /// Every value of `key`, in enumeration order (`ResUtilGetPrivateProperties`).
    pub(crate) fn reg_values_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        deliver: impl FnOnce(Vec<RegValue>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| {
                    reg.check(s, &k)?;
                    let mut out = Vec::new();
                    for i in 0.. {
                        match reg.enum_value(s, &k, i) {
                            Ok(v) => out.push(v),
                            Err(e) if e.code() == codes::ERROR_NO_MORE_ITEMS => break,
                            Err(e) => return Err(e),
                        }
                    }
                    Ok(out)
                })
            },
            deliver,
        )
    }

    /// Sets several values of `key` atomically, as one write batch of `CLUSREG_SET_VALUE`
    /// commands (`ResUtilSetPrivatePropertyList`): all of them, or none and the first
    /// failing one's error.
    pub(crate) fn reg_set_values_as(
        &self,
        call: &mut Call,
        key: KeyHandle,
        values: &[(String, u32, Vec<u8>)],
    ) -> Result<()> {
        self.call(
            call,
            &[("count", Arg::Number(values.len() as u64))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                let mut batch = Batch::new();
                for (name, kind, data) in values {
                    batch.push(crate::registry::BatchCommand::SetValue {
                        name: name.clone(),
                        kind: *kind,
                        data: data.clone(),
                    });
                }
                let now = st.reg_now();
                let BatchOutcome { hive, properties } = st
                    .with_registry(ci, |reg, s| reg.apply_batch(s, &k, &batch, now))
                    .map_err(|f| f.error)?;
                st.post_registry(ci, hive);
                st.commit_properties(ci, properties);
                Ok(())
            },
            Ok,
        )
    }
}

impl Sim {
    /// `ClusterRegCreateBatchNotifyPort`: a port that receives, as one batch notification
    /// each, what every later committed write does at or below `key` (§D.4): write batches
    /// and single calls alike, as the commands that would redo it (see
    /// [`BatchNotificationCommand`]). Writes of object values (properties) are not streamed.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_KEY_DELETED (1018)`.
    ///
    /// ```
    /// use clusapi_sim::registry::{command::*, REG_DWORD};
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let port = sim.reg_create_batch_notify_port(root)?;
    /// sim.reg_set_value(root, "Level", REG_DWORD, &1u32.to_le_bytes())?;
    /// let n = sim.reg_get_batch_notification(port)?;
    /// let c = sim.reg_batch_read_command(n)?;
    /// assert_eq!((c.command, c.options, c.name.as_str()), (CLUSREG_SET_VALUE, REG_DWORD, "Level"));
    /// assert_eq!(sim.reg_batch_read_command(n).unwrap_err().code(), 259);
    /// sim.reg_batch_close_notification(n)?;
    /// sim.reg_close_batch_notify_port(port)?;
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_create_batch_notify_port(&self, key: KeyHandle) -> Result<RegBatchPortHandle> {
        self.reg_create_batch_notify_port_as(&mut Call::rust("ClusterRegCreateBatchNotifyPort"), key, Ok)
    }

    pub(crate) fn reg_create_batch_notify_port_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        deliver: impl FnOnce(RegBatchPortHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let (ci, path) = st.watched_key(key.raw())?;
                let parent = st.key_parent(key.raw())?;
                let raw =
                    st.handles.insert(Kind::RegBatchPort, Some(parent), origin, Target::RegBatchPort)?;
                let port = BatchPort { cluster: ci, path: path.to_uppercase(), queue: Default::default() };
                st.batch_ports.insert(raw.0, port);
                Ok(RegBatchPortHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `ClusterRegGetBatchNotification`: the oldest batch notification not yet taken, as a
    /// handle to read its commands from.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_NO_MORE_ITEMS (259)` when none is pending (a
    /// choice: the docs do not say whether the call waits; the simulator never blocks here).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let port = sim.reg_create_batch_notify_port(root)?;
    /// assert_eq!(sim.reg_get_batch_notification(port).unwrap_err().code(), 259);
    /// # sim.reg_close_batch_notify_port(port)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_get_batch_notification(&self, port: RegBatchPortHandle) -> Result<RegBatchNotificationHandle> {
        self.reg_get_batch_notification_as(&mut Call::rust("ClusterRegGetBatchNotification"), port, Ok)
    }

    pub(crate) fn reg_get_batch_notification_as<T>(
        &self,
        call: &mut Call,
        port: RegBatchPortHandle,
        deliver: impl FnOnce(RegBatchNotificationHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                st.target(port.raw(), Kind::RegBatchPort)?;
                let parent = st.key_parent(port.raw())?;
                let p = st.batch_ports.get_mut(&port.raw()).ok_or(Error::INVALID_HANDLE)?;
                let commands = p.queue.front().cloned().ok_or(Error::new(codes::ERROR_NO_MORE_ITEMS))?;
                let wide = commands.iter().map(|c| c.name.encode_utf16().chain([0]).collect()).collect();
                let target =
                    Target::RegBatchNotification(Box::new(NotificationSet { commands, wide, next: 0 }));
                let raw = st.handles.insert(Kind::RegBatchNotification, Some(parent), origin, target)?;
                if let Some(p) = st.batch_ports.get_mut(&port.raw()) {
                    p.queue.pop_front();
                }
                Ok(RegBatchNotificationHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `ClusterRegBatchReadCommand`: the next command of a batch notification.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`; `ERROR_NO_MORE_ITEMS (259)` after the last one.
    ///
    /// ```
    /// use clusapi_sim::registry::command::{CLUSREG_CREATE_KEY, CLUSREG_DELETE_KEY};
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let port = sim.reg_create_batch_notify_port(root)?;
    /// let (k, _) = sim.reg_create_key(root, "Scratch")?;
    /// sim.reg_delete_key(root, "Scratch")?;
    /// let created = sim.reg_get_batch_notification(port)?;
    /// assert_eq!(sim.reg_batch_read_command(created)?.command, CLUSREG_CREATE_KEY);
    /// let deleted = sim.reg_get_batch_notification(port)?;
    /// let c = sim.reg_batch_read_command(deleted)?;
    /// assert_eq!((c.command, c.name.as_str()), (CLUSREG_DELETE_KEY, "Scratch"));
    /// # sim.reg_batch_close_notification(created)?; sim.reg_batch_close_notification(deleted)?;
    /// # sim.reg_close_batch_notify_port(port)?; sim.reg_close_key(k)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_batch_read_command(
        &self,
        notification: RegBatchNotificationHandle,
    ) -> Result<BatchNotificationCommand> {
        self.reg_batch_read_command_as(&mut Call::rust("ClusterRegBatchReadCommand"), notification, |e| {
            Ok(e.command)
        })
    }

    pub(crate) fn reg_batch_read_command_as<T>(
        &self,
        call: &mut Call,
        notification: RegBatchNotificationHandle,
        deliver: impl FnOnce(NotificationEntry) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                st.target(notification.raw(), Kind::RegBatchNotification)?;
                let Target::RegBatchNotification(set) =
                    st.handles.get_mut(RawHandle(notification.raw()), Kind::RegBatchNotification)?
                else {
                    return Err(Error::INVALID_HANDLE);
                };
                let i = set.next;
                let c = set.commands.get(i).ok_or(Error::new(codes::ERROR_NO_MORE_ITEMS))?;
                set.next += 1;
                Ok(NotificationEntry {
                    command: c.clone(),
                    name: set.wide[i].as_ptr(),
                    data: c.data.as_ptr(),
                })
            },
            deliver,
        )
    }

    /// `ClusterRegBatchCloseNotification`: closes a batch notification handle.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let port = sim.reg_create_batch_notify_port(root)?;
    /// sim.reg_create_key(root, "Scratch").map(|(k, _)| sim.reg_close_key(k))??;
    /// let n = sim.reg_get_batch_notification(port)?;
    /// sim.reg_batch_close_notification(n)?;
    /// assert_eq!(sim.reg_batch_close_notification(n).unwrap_err().code(), 6);
    /// # sim.reg_close_batch_notify_port(port)?; sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_batch_close_notification(&self, notification: RegBatchNotificationHandle) -> Result<()> {
        self.reg_batch_close_notification_as(
            &mut Call::rust("ClusterRegBatchCloseNotification"),
            notification,
        )
    }

    pub(crate) fn reg_batch_close_notification_as(
        &self,
        call: &mut Call,
        notification: RegBatchNotificationHandle,
    ) -> Result<()> {
        self.call(
            call,
            &[],
            |st, _| st.close_handle(RawHandle(notification.raw()), Kind::RegBatchNotification).map(drop),
            Ok,
        )
    }

    /// `ClusterRegCloseBatchNotifyPort`: closes a batch notification port; what it had not
    /// handed out is dropped.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE (6)`.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let root = sim.cluster_key(cluster)?;
    /// let port = sim.reg_create_batch_notify_port(root)?;
    /// sim.reg_close_batch_notify_port(port)?;
    /// assert_eq!(sim.reg_close_batch_notify_port(port).unwrap_err().code(), 6);
    /// # sim.reg_close_key(root)?; sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn reg_close_batch_notify_port(&self, port: RegBatchPortHandle) -> Result<()> {
        self.reg_close_batch_notify_port_as(&mut Call::rust("ClusterRegCloseBatchNotifyPort"), port)
    }

    pub(crate) fn reg_close_batch_notify_port_as(
        &self,
        call: &mut Call,
        port: RegBatchPortHandle,
    ) -> Result<()> {
        self.call(
            call,
            &[],
            |st, _| {
                st.close_handle(RawHandle(port.raw()), Kind::RegBatchPort)?;
                st.batch_ports.remove(&port.raw());
                Ok(())
            },
            Ok,
        )
    }
}

/// For the property-table resutils helpers: the reads of a table and (for the "all"
/// variants) every value of the key, in one call.
#[cfg_attr(not(feature = "win32"), allow(dead_code))]
impl Sim {
    /// Runs `reads` as a read batch on `key` and, with `all`, lists the key's own values too
    /// (`ResUtilGetProperties`, `ResUtilGetAllProperties`).
    pub(crate) fn reg_read_table_as<T>(
        &self,
        call: &mut Call,
        key: KeyHandle,
        reads: &ReadBatch,
        all: bool,
        deliver: impl FnOnce((Vec<ReadReply>, Vec<RegValue>)) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("count", Arg::Number(reads.commands().len() as u64))],
            |st, _| {
                let (ci, k) = st.key(key)?;
                st.read_registry(ci, |reg, s| {
                    let replies = reg.read_batch(s, &k, reads)?;
                    let mut values = Vec::new();
                    if all {
                        loop {
                            match reg.enum_value(s, &k, values.len() as u32) {
                                Ok(v) => values.push(v),
                                Err(e) if e.code() == codes::ERROR_NO_MORE_ITEMS => break,
                                Err(e) => return Err(e),
                            }
                        }
                    }
                    Ok((replies, values))
                })
            },
            deliver,
        )
    }
}
