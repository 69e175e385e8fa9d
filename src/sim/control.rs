//! The control functions (`ClusterResourceControl` and its siblings): resolve the handles
//! under the lock, then let [`crate::control`] compute the reply bytes.
//!
//! Errors are checked in one order for every function: the object handle (for a resource
//! type: the cluster handle, then whether the type is installed), the host node, the control
//! code. None of them changes the simulator.

use super::{Arg, Call, Sim, State, Target};
use crate::control::properties::{self, Outcome, View};
use crate::control::{self, object};
use crate::error::{Error, Result, codes};
use crate::handle_types::Handle;
use crate::handle_types::{
    ClusterHandle, GroupHandle, GroupSetHandle, NetInterfaceHandle, NetworkHandle, NodeHandle, ResourceHandle,
};
use crate::handles::Kind;
use crate::property::schema::{self, Ctx};
use crate::world::{PropertyOwner, ResourceState};

/// The drain of an object that is not a node.
const NO_DRAIN: (u32, u32) = (0, u32::MAX);

impl State {
    /// Commits what a property code planned: its reply, or for a SET the change (through the
    /// engine's one commit path) and `ERROR_RESOURCE_PROPERTIES_STORED` when it takes effect
    /// only at the resource's next online.
    fn settle_properties(&mut self, cluster: usize, outcome: Outcome) -> Result<Vec<u8>> {
        match outcome {
            Outcome::Reply(bytes) => Ok(bytes),
            Outcome::Set(change, later) => {
                if let Some(change) = change {
                    self.engine.commit(cluster, [*change]);
                }
                if later { Err(Error::new(codes::ERROR_RESOURCE_PROPERTIES_STORED)) } else { Ok(Vec::new()) }
            }
        }
    }

    /// The cluster index of the live handle `raw` of `kind`.
    fn cluster_index(&self, raw: isize, kind: Kind) -> Result<usize> {
        match *self.target(raw, kind)? {
            Target::Network { cluster, .. } | Target::NetInterface { cluster, .. } => Ok(cluster),
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// Checks the optional host node: `None`, or a live node handle of this simulator. Any node
    /// answers the simulated identity codes, so it need not be the owner (a choice).
    pub(super) fn check_host(&self, host: Option<NodeHandle>) -> Result<()> {
        match host {
            Some(h) => self.node(h).map(drop),
            None => Ok(()),
        }
    }
}

impl Sim {
    /// `ClusterResourceControl`: the reply to control code `code` (`CLUSCTL_RESOURCE_*`) for a
    /// resource, as the bytes the output buffer would receive. Simulated: `UNKNOWN`
    /// (0x01000000, empty), `GET_CHARACTERISTICS` (0x01000005: the type's `CLUS_CHAR_*` DWORD),
    /// `GET_FLAGS` (0x01000009: `CLUS_FLAG_CORE` for a core resource), `GET_CLASS_INFO`
    /// (0x0100000D: a `CLUS_RESOURCE_CLASS_INFO`), `GET_NAME` (0x01000029), `GET_RESOURCE_TYPE`
    /// (0x0100002D) and `GET_ID` (0x01000039: the GUID); strings are NUL-terminated UTF-16.
    /// The property codes; and for a Physical Disk the storage codes
    /// `STORAGE_GET_DISK_INFO` (0x01000191), `_EX` (0x010001F1), `_EX2` (0x010001F9),
    /// `GET_DISK_NUMBER_INFO` (0x010001A1), `IS_SHARED_VOLUME` (0x010002A5) and
    /// `GET_SHARED_VOLUME_INFO` (0x01000225): value lists (decode them with
    /// [`decode_value_list`](crate::property::decode_value_list)) describing the disk of
    /// [`Cluster::disk`](crate::world::Cluster::disk).
    /// `host` is the node that should answer (`None`: the owner). `input` is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad resource handle,
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted resource, `ERROR_INVALID_HANDLE`
    /// for a bad host node handle, `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted host node,
    /// `ERROR_INVALID_FUNCTION (1)` for any other code (also another object kind's code, and
    /// a storage code for a resource that is not a Physical Disk);
    /// `ERROR_CLUSTER_NOT_SHARED_VOLUME (5945)` for `IS_SHARED_VOLUME` on a disk that is not a
    /// CSV; `ERROR_RESOURCE_NOT_ONLINE (5004)` for `GET_SHARED_VOLUME_INFO` on a CSV that is
    /// not online.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::property::{decode_value_list, syntax};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// const CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO: u32 = 0x0100_0191;
    /// let info = sim.resource_control(disk, None, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO, &[])?;
    /// let entries = decode_value_list(&info)?;
    /// assert_eq!(entries[0].0, syntax::DISK_SIGNATURE);
    /// assert_eq!(entries[2], (syntax::DISK_NUMBER, 1u32.to_le_bytes().to_vec()));
    /// const CLUSCTL_RESOURCE_GET_RESOURCE_TYPE: u32 = 0x0100_002D;
    /// let reply = sim.resource_control(disk, None, CLUSCTL_RESOURCE_GET_RESOURCE_TYPE, &[])?;
    /// let wide: Vec<u16> = reply.chunks(2).map(|b| u16::from_ne_bytes([b[0], b[1]])).collect();
    /// assert_eq!(String::from_utf16_lossy(&wide), "Physical Disk\0");
    /// assert_eq!(sim.resource_control(disk, None, 0x0300_0029, &[]).unwrap_err().code(), 1);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_control(
        &self,
        h: ResourceHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.resource_control_as(&mut Call::rust("ClusterResourceControl"), h, host, code, Some(input), Ok)
    }

    pub(crate) fn resource_control_as<T>(
        &self,
        call: &mut Call,
        h: ResourceHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("resource", Arg::Handle(h.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let (ci, id) = st.resource_at(h)?;
                st.check_host(host)?;
                let Some(op) = properties::op(code, object::RESOURCE) else {
                    let (c, r) = st.resource(h)?;
                    return control::resource(c, r, code, input.unwrap_or_default());
                };
                let c = &st.world().clusters()[ci];
                let r = &c.resources()[&id];
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: r,
                    table: schema::RESOURCE,
                    private: if op.is_private() { schema::private_schema(&r.resource_type) } else { None },
                    owner: PropertyOwner::Resource(id),
                    online: r.state == ResourceState::Online || r.state.is_pending(),
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterResourceTypeControl`: the reply to `code` (`CLUSCTL_RESOURCE_TYPE_*`) for the
    /// resource type installed in the cluster under `type_name` (ignoring case). Simulated:
    /// `UNKNOWN` (0x02000000), `GET_CHARACTERISTICS` (0x02000005: `CLUS_CHAR_*`), `GET_FLAGS`
    /// (0x02000009: 0) and `GET_CLASS_INFO` (0x0200000D). `input` is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad cluster handle,
    /// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type that is not installed,
    /// `ERROR_INVALID_HANDLE` for a bad host node handle, `ERROR_INVALID_FUNCTION (1)` for any
    /// other code.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// const CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO: u32 = 0x0200_000D;
    /// let info = sim.resource_type_control(cluster, "physical disk", None, CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO, &[])?;
    /// assert_eq!(info[..4], 1u32.to_ne_bytes()); // CLUS_RESCLASS_STORAGE
    /// let missing = sim.resource_type_control(cluster, "No Such Type", None, 0x0200_0000, &[]);
    /// assert_eq!(missing.unwrap_err().code(), 5078);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_type_control(
        &self,
        cluster: ClusterHandle,
        type_name: &str,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.resource_type_control_as(
            &mut Call::rust("ClusterResourceTypeControl"),
            cluster,
            type_name,
            host,
            code,
            Some(input),
            Ok,
        )
    }

    #[allow(clippy::too_many_arguments)] // the export's arguments, plus the call and its output
    pub(crate) fn resource_type_control_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        type_name: &str,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("type_name", Arg::Text(type_name)), ("code", Arg::Flags(code))],
            |st, _| {
                let ci = st.cluster_of(cluster)?;
                let c = &st.world().clusters()[ci];
                let rt = c
                    .resource_type(type_name)
                    .ok_or(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND))?;
                st.check_host(host)?;
                let Some(op) = properties::op(code, object::RESOURCE_TYPE) else {
                    return control::resource_type(rt, code, input.unwrap_or_default());
                };
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: rt,
                    table: schema::RESOURCE_TYPE,
                    private: None,
                    owner: PropertyOwner::ResourceType(rt.name.clone()),
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterGroupControl`: the reply to `code` (`CLUSCTL_GROUP_*`) for a group. Simulated:
    /// `UNKNOWN` (0x03000000), `GET_CHARACTERISTICS` (0x03000005: 0), `GET_FLAGS` (0x03000009:
    /// `CLUS_FLAG_CORE` for a core group such as "Cluster Group"), `GET_NAME` (0x03000029) and
    /// `GET_ID` (0x03000039: the GUID). `input` is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad group handle,
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group, `ERROR_INVALID_HANDLE` for a bad
    /// host node handle, `ERROR_INVALID_FUNCTION (1)` for any other code.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "Cluster Group")?;
    /// const CLUSCTL_GROUP_GET_FLAGS: u32 = 0x0300_0009;
    /// let flags = sim.group_control(group, None, CLUSCTL_GROUP_GET_FLAGS, &[])?;
    /// assert_eq!(flags, 1u32.to_ne_bytes()); // CLUS_FLAG_CORE
    /// # sim.close_group(group)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn group_control(
        &self,
        h: GroupHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.group_control_as(&mut Call::rust("ClusterGroupControl"), h, host, code, Some(input), Ok)
    }

    pub(crate) fn group_control_as<T>(
        &self,
        call: &mut Call,
        h: GroupHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("group", Arg::Handle(h.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let (ci, id) = st.group_at(h)?;
                st.check_host(host)?;
                let c = &st.world().clusters()[ci];
                let g = &c.groups()[&id];
                let Some(op) = properties::op(code, object::GROUP) else {
                    return control::group(g, code, input.unwrap_or_default());
                };
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: g,
                    table: schema::GROUP,
                    private: None,
                    owner: PropertyOwner::Group(id),
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterGroupSetControl`: the reply to `code` (`CLUSCTL_GROUPSET_*`) for a group set.
    /// Simulated: `GET_ID` (0x08000039: its GUID), `GET_GROUPS` (0x08002D71),
    /// `GET_PROVIDER_GROUPS` (0x08002D75: the groups of the sets it depends on) and
    /// `GET_PROVIDER_GROUPSETS` (0x08002D79), the lists as `MULTI_SZ` names (MS-CMRP 3.1.4.3.8;
    /// the list layout is a choice); and its common properties (MsCS:collection-common-properties:
    /// IsGlobal, StartupCount, StartupDelay, StartupSetting, and the read-only Name and
    /// StatusInformation) through `GET_COMMON_PROPERTIES` (0x08000059),
    /// `GET_RO_COMMON_PROPERTIES` (0x08000055) and `SET_COMMON_PROPERTIES` (0x0840005E), the
    /// three property codes a group set takes (MS-CMRP 3.1.4.3.8).
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad group set handle,
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)` for a deleted set, `ERROR_INVALID_HANDLE` for a bad
    /// host node handle; then the property codes' errors (as [`group_control`](Self::group_control));
    /// `ERROR_INVALID_FUNCTION (1)` for any other code.
    ///
    /// ```
    /// use clusapi_sim::property::PropertyList;
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let set = sim.open_group_set(cluster, "Cluster Group")?;
    /// let mut list = PropertyList::new();
    /// list.push("StartupDelay", 45u32);
    /// sim.group_set_control(set, None, 0x0840_005E, &list.encode())?; // SET_COMMON_PROPERTIES
    /// let got = PropertyList::decode(&sim.group_set_control(set, None, 0x0800_0059, &[])?)?;
    /// assert_eq!(got.get("StartupDelay").and_then(|v| v.as_dword()), Some(45));
    /// // The same through the typed helpers, which any object with properties takes.
    /// assert_eq!(sim.properties(set)?.get("Name").and_then(|v| v.as_str()), Some("Cluster Group"));
    /// # sim.close_group_set(set)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[track_caller]
    pub fn group_set_control(
        &self,
        set: GroupSetHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.group_set_control_as(&mut Call::rust("ClusterGroupSetControl"), set, host, code, Some(input), Ok)
    }

    pub(crate) fn group_set_control_as<T>(
        &self,
        call: &mut Call,
        set: GroupSetHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("groupset", Arg::Handle(set.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let (ci, id) = st.group_set_at(set)?;
                st.check_host(host)?;
                let c = &st.world().clusters()[ci];
                let s = &c.group_sets()[&id];
                let op = properties::op(code, object::GROUPSET).filter(|op| {
                    matches!(
                        op,
                        properties::Op::GetCommon | properties::Op::GetRoCommon | properties::Op::SetCommon
                    )
                });
                let Some(op) = op else {
                    return control::group_set(c, s, code);
                };
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: s,
                    table: schema::GROUP_SET,
                    private: None,
                    owner: PropertyOwner::GroupSet(id),
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterNodeControl`: the reply to `code` (`CLUSCTL_NODE_*`) for a node. Simulated:
    /// `UNKNOWN` (0x04000000), `GET_CHARACTERISTICS` (0x04000005: 0), `GET_FLAGS` (0x04000009:
    /// 0), `GET_NAME` (0x04000029: the NetBIOS name) and `GET_ID` (0x04000039: the node id as
    /// a decimal string, e.g. `"1"`). `input` is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad node handle,
    /// `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node, `ERROR_INVALID_HANDLE` for a bad
    /// host node handle, `ERROR_INVALID_FUNCTION (1)` for any other code.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "NODE1")?;
    /// const CLUSCTL_NODE_GET_ID: u32 = 0x0400_0039;
    /// let id = sim.node_control(node, Some(node), CLUSCTL_NODE_GET_ID, &[])?;
    /// assert_eq!(id, [b'1', 0, 0, 0]);
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn node_control(
        &self,
        h: NodeHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.node_control_as(&mut Call::rust("ClusterNodeControl"), h, host, code, Some(input), Ok)
    }

    pub(crate) fn node_control_as<T>(
        &self,
        call: &mut Call,
        h: NodeHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("node", Arg::Handle(h.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let (ci, id) = st.node_at(h)?;
                st.check_host(host)?;
                let c = &st.world().clusters()[ci];
                let Some(n) = c.node(id) else { return Err(Error::new(codes::ERROR_NODE_NOT_AVAILABLE)) };
                let Some(op) = properties::op(code, object::NODE) else {
                    return control::node(n, code, input.unwrap_or_default());
                };
                // No drain names a single target node: each group goes where A.7.3 sends it.
                let drain = (st.engine.node_drain_status(ci, id).value(), u32::MAX);
                let view = View {
                    ctx: Ctx { cluster: c, drain },
                    object: n,
                    table: schema::NODE,
                    private: None,
                    owner: PropertyOwner::Node(id),
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterControl`: the reply to `code` (`CLUSCTL_CLUSTER_*`) for a cluster. Simulated:
    /// `UNKNOWN` (0x07000000) and `GET_FQDN` (0x0700003D: the fully qualified DNS name).
    /// `input` is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad cluster or host node handle,
    /// `ERROR_INVALID_FUNCTION (1)` for any other code.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// const CLUSCTL_CLUSTER_GET_FQDN: u32 = 0x0700_003D;
    /// let fqdn = sim.cluster_control(cluster, None, CLUSCTL_CLUSTER_GET_FQDN, &[])?;
    /// assert_eq!(fqdn.len() % 2, 0);
    /// assert_eq!(fqdn[fqdn.len() - 2..], [0, 0]);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn cluster_control(
        &self,
        h: ClusterHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.cluster_control_as(&mut Call::rust("ClusterControl"), h, host, code, Some(input), Ok)
    }

    pub(crate) fn cluster_control_as<T>(
        &self,
        call: &mut Call,
        h: ClusterHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("cluster", Arg::Handle(h.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let ci = st.cluster_of(h)?;
                st.check_host(host)?;
                let c = &st.world().clusters()[ci];
                let Some(op) = properties::op(code, object::CLUSTER) else {
                    return control::cluster(c, code, input.unwrap_or_default());
                };
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: c,
                    table: schema::CLUSTER,
                    private: None,
                    owner: PropertyOwner::Cluster,
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterNetworkControl`: the reply to `code` (`CLUSCTL_NETWORK_*`) for a network.
    /// Simulated: `UNKNOWN` (0x05000000), `GET_CHARACTERISTICS` (0x05000005: 0), `GET_FLAGS`
    /// (0x05000009: 0), `GET_NAME` (0x05000029) and `GET_ID` (0x05000039: the GUID). `input`
    /// is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad network handle,
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND (5045)` for a network that is gone,
    /// `ERROR_INVALID_HANDLE` for a bad host node handle, `ERROR_INVALID_FUNCTION (1)` for any
    /// other code.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let network = sim.open_network(cluster, "Cluster Network 1")?;
    /// const CLUSCTL_NETWORK_GET_NAME: u32 = 0x0500_0029;
    /// let name = sim.network_control(network, None, CLUSCTL_NETWORK_GET_NAME, &[])?;
    /// let wide: Vec<u16> = name.chunks(2).map(|b| u16::from_ne_bytes([b[0], b[1]])).collect();
    /// assert_eq!(String::from_utf16_lossy(&wide), "Cluster Network 1\0");
    /// # sim.close_network(network)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn network_control(
        &self,
        h: NetworkHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.network_control_as(&mut Call::rust("ClusterNetworkControl"), h, host, code, Some(input), Ok)
    }

    pub(crate) fn network_control_as<T>(
        &self,
        call: &mut Call,
        h: NetworkHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("network", Arg::Handle(h.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let (_, n) = st.network(h)?;
                st.check_host(host)?;
                let Some(op) = properties::op(code, object::NETWORK) else {
                    return control::network(n, code, input.unwrap_or_default());
                };
                let (ci, id) = (st.cluster_index(h.raw(), Kind::Network)?, n.id);
                let c = &st.world().clusters()[ci];
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: &c.networks()[&id],
                    table: schema::NETWORK,
                    private: None,
                    owner: PropertyOwner::Network(id),
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }

    /// `ClusterNetInterfaceControl`: the reply to `code` (`CLUSCTL_NETINTERFACE_*`) for a net
    /// interface. Simulated: `UNKNOWN` (0x06000000), `GET_CHARACTERISTICS` (0x06000005: 0),
    /// `GET_FLAGS` (0x06000009: 0), `GET_NAME` (0x06000029) and `GET_ID` (0x06000039: the
    /// GUID). `input` is not read.
    ///
    /// # Errors
    /// In this order: `ERROR_INVALID_HANDLE (6)` for a bad net interface handle,
    /// `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND (5047)` for one that is gone,
    /// `ERROR_INVALID_HANDLE` for a bad host node handle, `ERROR_INVALID_FUNCTION (1)` for any
    /// other code.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let nic = sim.open_net_interface(cluster, "NODE1 - Ethernet")?;
    /// const CLUSCTL_NETINTERFACE_GET_FLAGS: u32 = 0x0600_0009;
    /// assert_eq!(sim.net_interface_control(nic, None, CLUSCTL_NETINTERFACE_GET_FLAGS, &[])?, [0; 4]);
    /// # sim.close_net_interface(nic)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn net_interface_control(
        &self,
        h: NetInterfaceHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: &[u8],
    ) -> Result<Vec<u8>> {
        self.net_interface_control_as(
            &mut Call::rust("ClusterNetInterfaceControl"),
            h,
            host,
            code,
            Some(input),
            Ok,
        )
    }

    pub(crate) fn net_interface_control_as<T>(
        &self,
        call: &mut Call,
        h: NetInterfaceHandle,
        host: Option<NodeHandle>,
        code: u32,
        input: Option<&[u8]>,
        deliver: impl FnOnce(Vec<u8>) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("net_interface", Arg::Handle(h.raw())), ("code", Arg::Flags(code))],
            |st, _| {
                let (_, ni) = st.net_interface(h)?;
                st.check_host(host)?;
                let Some(op) = properties::op(code, object::NETINTERFACE) else {
                    return control::net_interface(ni, code, input.unwrap_or_default());
                };
                let (ci, id) = (st.cluster_index(h.raw(), Kind::NetInterface)?, ni.id);
                let c = &st.world().clusters()[ci];
                let view = View {
                    ctx: Ctx { cluster: c, drain: NO_DRAIN },
                    object: &c.net_interfaces()[&id],
                    table: schema::NET_INTERFACE,
                    private: None,
                    owner: PropertyOwner::NetInterface(id),
                    online: false,
                };
                let outcome = properties::run(&view, op, input)?;
                st.settle_properties(ci, outcome)
            },
            deliver,
        )
    }
}
