//! MS-CMRP protocol version 3 (interface b97db8b2-4c63-11cf-bff6-08002be23f2f v3.0): the
//! `Api*` calls, by opnum, onto [`Sim`]. Opnums and NDR layouts are those of Samba's
//! `librpc/idl/clusapi.idl` (which follows MS-CMRP 3.1.4.2); the numbers in comments are the
//! IDL's "Function 0x.." headers.
//!
//! One [`Session`] per connection holds its context handles: a map from the UUID the client
//! sees to the simulator handle behind it. In protocol version 3 the calls that open an
//! object take no cluster handle (the connection is to one cluster), so the session opens one
//! simulator cluster handle for the connection and derives every object handle from it; a
//! handle from `ApiOpenCluster` is a cluster handle of its own, as each `OpenCluster` is in
//! the C API. Dropping the session runs its handles down (C706 "context rundown").
//!
//! Served: the cluster calls (open, close, name, version and version 2, quorum, CreateEnum
//! and CreateEnumEx, CreateGroupEnum, CreateResourceEnum, CreateResTypeEnum, SetClusterName);
//! open (and the Ex forms), close, state, id, enumerations and the control calls of
//! resources, groups, nodes, networks and net interfaces; create, delete, rename, online,
//! offline and fail of resources; online and offline of groups; pause, resume and evict of
//! nodes; v1 notifications (with ApiGetNotifyAsync 0x93 and ApiUnblockGetNotifyCall 0x6B);
//! the cluster registry (ApiGetRootKey through ApiGetKeySecurity,
//! opnums 0x1C..0x28, in `cmrp/registry.rs`); v2 notifications and ApiAddNotifyKey (0x89..0x8B,
//! 0x9B, 0x3D, in `cmrp/notify_v2.rs`); the registry batches (ApiExecuteBatch 0x71, the batch
//! ports 0x72..0x74, ApiExecuteReadBatch 0x91, in `cmrp/batch.rs`); the group sets (0xA3..0xB4,
//! with the group set controls 0xAD and 0xAE, in `cmrp/group_set.rs`). Every other opnum answers
//! `nca_s_op_rng_error`, so a client fails cleanly. The simulator's trace records the `Sim`
//! calls each wire call makes (under the Rust face).

mod batch;
mod group_set;
mod notify_v2;
mod registry;

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};

use ms_ndr::{NdrDecoder, NdrEncoder};

use super::ndr::{self, BadStub, WireHandle};
use super::pdu::{NCA_S_FAULT_CONTEXT_MISMATCH, NCA_S_OP_RNG_ERROR, RPC_X_BAD_STUB_DATA};
use crate::enumeration::EnumItem;
use crate::error::codes;
use crate::{
    ClusterHandle, Error, GroupHandle, KeyHandle, NetInterfaceHandle, NetworkHandle, NodeHandle,
    NotifyPortHandle, ResourceHandle, Sim,
};

/// `ERROR_SUCCESS`.
const OK: u32 = 0;
/// `ERROR_CALL_NOT_IMPLEMENTED` (120): what a Windows Server 2012+ cluster answers to
/// `ApiGetClusterVersion` (smbtorture's `GetClusterVersion` expects it).
const CALL_NOT_IMPLEMENTED: u32 = 120;
/// `CLUSAPI_ALL_ACCESS` (MS-CMRP 2.2.2.5): what `MAXIMUM_ALLOWED` grants here (no access
/// checks: see the module documentation of [`super`]).
const ALL_ACCESS: u32 = 0x0000_0003;
/// `MAXIMUM_ALLOWED`.
const MAXIMUM_ALLOWED: u32 = 0x0200_0000;
/// ApiGetNotifyAsync's opnum (MS-CMRP 3.1.4.2.143).
const GET_NOTIFY_ASYNC: u16 = 0x93;
/// The most events one ApiGetNotifyAsync answer carries (a bound, so an answer's size is
/// bounded; the rest stay queued for the next call).
const MAX_ASYNC_PER_ANSWER: usize = 64;

/// What a context handle stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Cluster(ClusterHandle),
    Node(NodeHandle),
    Group(GroupHandle),
    Resource(ResourceHandle),
    Network(NetworkHandle),
    NetInterface(NetInterfaceHandle),
    Notify(NotifyPortHandle),
    /// A cluster registry key (`HKEY_RPC`).
    Key(KeyHandle),
    /// A registry batch notification port (`HBATCH_PORT_RPC`, in `cmrp/batch.rs`).
    BatchPort(crate::RegBatchPortHandle),
    /// A group set (`HGROUPSET_RPC`, in `cmrp/group_set.rs`).
    GroupSet(crate::GroupSetHandle),
}

/// A call's failure before it produced results: the fault status to answer with.
type Fault = u32;

impl From<BadStub> for Fault {
    fn from(_: BadStub) -> Fault {
        RPC_X_BAD_STUB_DATA
    }
}

/// The Win32 code of a result.
fn code<T>(r: &crate::Result<T>) -> u32 {
    r.as_ref().err().map_or(OK, |e| e.code())
}

/// The MS-CMRP state of one connection: its context handles.
pub struct Session {
    sim: Sim,
    /// The connection's own cluster handle, which the v3 object opens derive from.
    cluster: Option<ClusterHandle>,
    /// The context handles: what each stands for, and the name it was opened by.
    handles: HashMap<[u8; 16], (Ctx, Box<str>)>,
    /// Makes context handle UUIDs unguessable across connections.
    keys: RandomState,
    next: u64,
}

impl Session {
    /// A session on `sim` with no handles.
    pub fn new(sim: Sim) -> Session {
        Session { sim, cluster: None, handles: HashMap::new(), keys: RandomState::new(), next: 0 }
    }

    /// How many context handles the client holds.
    pub fn open_handles(&self) -> usize {
        self.handles.len()
    }

    /// Closes every context handle and the connection's cluster handle (context rundown).
    pub fn rundown(&mut self) {
        for (_, (ctx, _)) in self.handles.drain() {
            close(&self.sim, ctx);
        }
        if let Some(c) = self.cluster.take() {
            self.sim.close_cluster(c);
        }
    }

    fn cluster(&mut self) -> crate::Result<ClusterHandle> {
        if let Some(c) = self.cluster {
            return Ok(c);
        }
        let c = self.sim.open_cluster(None)?;
        self.cluster = Some(c);
        Ok(c)
    }

    fn insert(&mut self, ctx: Ctx, name: &str) -> WireHandle {
        loop {
            self.next += 1;
            let a = self.keys.hash_one(self.next).to_le_bytes();
            let b = self.keys.hash_one((self.next, 1u8)).to_le_bytes();
            let mut uuid = [0; 16];
            uuid[..8].copy_from_slice(&a);
            uuid[8..].copy_from_slice(&b);
            // A version-4 shaped UUID, never the null one.
            uuid[7] = (uuid[7] & 0x0f) | 0x40;
            if self.handles.contains_key(&uuid) {
                continue;
            }
            self.handles.insert(uuid, (ctx, name.into()));
            let mut h = [0; 20];
            h[4..].copy_from_slice(&uuid);
            return h;
        }
    }

    fn lookup(&self, h: &WireHandle) -> Result<Ctx, Fault> {
        let uuid: [u8; 16] = h[4..].try_into().unwrap_or([0; 16]);
        self.handles.get(&uuid).map(|(ctx, _)| *ctx).ok_or(NCA_S_FAULT_CONTEXT_MISMATCH)
    }

    fn name_of(&self, h: &WireHandle) -> &str {
        let uuid: [u8; 16] = h[4..].try_into().unwrap_or([0; 16]);
        self.handles.get(&uuid).map_or("", |(_, name)| name)
    }

    fn remove(&mut self, h: &WireHandle) -> Result<Ctx, Fault> {
        let uuid: [u8; 16] = h[4..].try_into().unwrap_or([0; 16]);
        self.handles.remove(&uuid).map(|(ctx, _)| ctx).ok_or(NCA_S_FAULT_CONTEXT_MISMATCH)
    }

    /// Runs one call: `opnum` with its request stub; the response stub, or the fault status.
    ///
    /// # Errors
    /// `nca_s_op_rng_error` for an opnum not served, `RPC_X_BAD_STUB_DATA` for a stub that
    /// does not decode, `nca_s_fault_context_mismatch` for a context handle this connection
    /// does not hold (or of another type), as the RPC runtime answers them.
    pub fn call(&mut self, opnum: u16, stub: &[u8]) -> Result<Vec<u8>, Fault> {
        let mut d = NdrDecoder::new(stub);
        let mut e = NdrEncoder::new();
        self.dispatch(opnum, &mut d, &mut e)?;
        Ok(e.into_bytes())
    }

    fn dispatch(&mut self, opnum: u16, d: &mut NdrDecoder<'_>, e: &mut NdrEncoder) -> Result<(), Fault> {
        let sim = self.sim.clone();
        match opnum {
            // ApiOpenCluster: [out] Status, [out] HCLUSTER_RPC
            0x00 => {
                let r = sim.open_cluster(None);
                self.put_opened(e, r.map(Ctx::Cluster), "", false, None);
            }
            // ApiCloseCluster and the other closes: [in, out] handle; result
            0x01 | 0x0B | 0x2C | 0x38 | 0x43 | 0x52 | 0x5D => {
                let h = ndr::handle(d)?;
                let ctx = self.lookup(&h)?;
                let kind_ok = matches!(
                    (opnum, ctx),
                    (0x01, Ctx::Cluster(_))
                        | (0x0B, Ctx::Resource(_))
                        | (0x2C, Ctx::Group(_))
                        | (0x38, Ctx::Notify(_))
                        | (0x43, Ctx::Node(_))
                        | (0x52, Ctx::Network(_))
                        | (0x5D, Ctx::NetInterface(_))
                );
                if !kind_ok {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                }
                self.remove(&h)?;
                let status = close(&sim, ctx);
                ndr::put_handle(e, &[0; 20]);
                e.u32(status);
            }
            // ApiSetClusterName: [in, string] NewClusterName; [out] rpc_status; result
            0x02 => {
                let name = ndr::string(d)?;
                let c = self.cluster().map_err(|_| RPC_X_BAD_STUB_DATA)?;
                let status = sim
                    .set_cluster_name(c, &name)
                    .map_or_else(|e| e.code(), |()| codes::ERROR_RESOURCE_PROPERTIES_STORED);
                e.u32(OK);
                e.u32(status);
            }
            // ApiGetClusterName: [out, string] ClusterName, NodeName; result
            0x03 => {
                let c = self.cluster();
                let info = c.and_then(|c| sim.cluster_information(c));
                let node = self.cluster().and_then(|c| serving_node(&sim, c));
                match (&info, &node) {
                    (Ok(info), Ok(node)) => {
                        ndr::put_unique_string(e, Some(&info.name));
                        ndr::put_unique_string(e, Some(node));
                        e.u32(OK);
                    }
                    _ => {
                        ndr::put_unique_string(e, None);
                        ndr::put_unique_string(e, None);
                        e.u32(code(&info).max(code(&node)));
                    }
                }
            }
            // ApiGetClusterVersion: u16 x3, [out, string] vendor, CSD version; result
            // ApiGetClusterVersion2 (0x66): also CLUSTER_OPERATIONAL_VERSION_INFO **, rpc_status
            0x04 | 0x66 => {
                let info = self.cluster().and_then(|c| sim.cluster_information(c));
                let v = info.as_ref().map(|i| i.version.clone()).unwrap_or_default();
                e.u16(v.major);
                e.u16(v.minor);
                e.u16(v.build);
                ndr::put_unique_string(e, Some(&v.vendor));
                ndr::put_unique_string(e, Some(&v.csd_version));
                if opnum == 0x04 {
                    e.u32(if info.is_ok() { CALL_NOT_IMPLEMENTED } else { code(&info) });
                } else {
                    if info.is_ok() {
                        e.referent();
                        e.u32(20); // dwSize
                        e.u32(v.highest);
                        e.u32(v.lowest);
                        e.u32(v.flags);
                        e.u32(0); // dwReserved
                    } else {
                        e.null_ptr();
                    }
                    e.u32(OK);
                    e.u32(code(&info));
                }
            }
            // ApiGetQuorumResource: [out, string] resource name, device name, u32; rpc_status
            0x05 => {
                let q = self.cluster().and_then(|c| sim.quorum_resource(c));
                match &q {
                    Ok(q) => {
                        ndr::put_unique_string(e, Some(&q.resource_name));
                        ndr::put_unique_string(e, Some(&q.device_name));
                        e.u32(q.max_quorum_log_size);
                    }
                    Err(_) => {
                        ndr::put_unique_string(e, None);
                        ndr::put_unique_string(e, None);
                        e.u32(0);
                    }
                }
                e.u32(OK);
                e.u32(code(&q));
            }
            // ApiCreateEnum: [in] dwType; [out] ENUM_LIST **; rpc_status; result
            0x07 => {
                let ty = ndr::u32(d)?;
                let items = self.cluster().and_then(|c| cluster_enum(&sim, c, ty));
                put_enum(e, &items, false);
                e.u32(OK);
                e.u32(code(&items));
            }
            // ApiCreateEnumEx: [in] hCluster, dwType, dwOptions; [out] id and name lists
            0x7D => {
                let h = ndr::handle(d)?;
                let ty = ndr::u32(d)?;
                let _options = ndr::u32(d)?;
                let Ctx::Cluster(c) = self.lookup(&h)? else { return Err(NCA_S_FAULT_CONTEXT_MISMATCH) };
                let items = cluster_enum(&sim, c, ty);
                put_enum(e, &items, true);
                put_enum(e, &items, false);
                e.u32(OK);
                e.u32(code(&items));
            }
            // ApiOpen{Resource,Group,Node,Network,NetInterface}: [in, string] name;
            // [out] Status, rpc_status, handle. The Ex forms (0x75..0x7A) add
            // [in] dwDesiredAccess and [out] lpdwGrantedAccess.
            0x08 | 0x29 | 0x42 | 0x51 | 0x5C | 0x76..=0x7A => {
                let name = ndr::string(d)?;
                let access = if opnum >= 0x76 { Some(ndr::u32(d)?) } else { None };
                let r = self.cluster().and_then(|c| match opnum {
                    0x08 | 0x78 => sim.open_resource(c, &name).map(Ctx::Resource),
                    0x29 | 0x77 => sim.open_group(c, &name).map(Ctx::Group),
                    0x42 | 0x76 => sim.open_node(c, &name).map(Ctx::Node),
                    0x51 | 0x79 => sim.open_network(c, &name).map(Ctx::Network),
                    _ => sim.open_net_interface(c, &name).map(Ctx::NetInterface),
                });
                self.put_opened(e, r, &name, true, access);
            }
            // ApiOpenClusterEx: [in] dwDesiredAccess; [out] granted, Status, handle
            0x75 => {
                let access = ndr::u32(d)?;
                let r = sim.open_cluster(None).map(Ctx::Cluster);
                self.put_opened(e, r, "", false, Some(access));
            }
            // ApiGetResourceState: [in] hResource; [out] State, NodeName, GroupName; rpc_status
            0x0C => {
                let r = self.resource(d)?;
                let s = sim.resource_state(r);
                match &s {
                    Ok(s) => {
                        e.u32(s.state.value() as u32);
                        ndr::put_unique_string(e, Some(&s.owner_node));
                        ndr::put_unique_string(e, Some(&s.group));
                    }
                    Err(_) => {
                        e.u32(u32::MAX);
                        ndr::put_unique_string(e, None);
                        ndr::put_unique_string(e, None);
                    }
                }
                e.u32(OK);
                e.u32(code(&s));
            }
            // ApiGetResourceId (0x0E), ApiGetResourceType (0x0F), ApiGetGroupId (0x2F),
            // ApiGetNodeId (0x30), ApiGetNetworkId (0x56), ApiGetNetInterfaceId (0x60):
            // [in] handle; [out, string] text; rpc_status; result
            0x0E | 0x0F | 0x2F | 0x30 | 0x56 | 0x60 => {
                let h = ndr::handle(d)?;
                let ctx = self.lookup(&h)?;
                let text = match (opnum, ctx) {
                    (0x0E, Ctx::Resource(r)) => sim.harness().resource(r).map(|r| r.guid),
                    (0x0F, Ctx::Resource(r)) => sim.harness().resource(r).map(|r| r.resource_type),
                    (0x2F, Ctx::Group(g)) => sim.harness().group(g).map(|g| g.guid),
                    (0x30, Ctx::Node(n)) => sim.node_id(n),
                    (0x56, Ctx::Network(n)) => sim.network_id(n),
                    (0x60, Ctx::NetInterface(n)) => {
                        let name = self.name_of(&h).to_owned();
                        sim.net_interface_state(n).and_then(|_| {
                            let c = self.cluster()?;
                            net_interface_id(&sim, c, &name)
                        })
                    }
                    _ => return Err(NCA_S_FAULT_CONTEXT_MISMATCH),
                };
                ndr::put_unique_string(e, text.as_deref().ok());
                e.u32(OK);
                e.u32(code(&text));
            }
            // ApiFailResource, ApiOnlineResource, ApiOfflineResource: [in] hResource; rpc_status
            0x10..=0x12 => {
                let r = self.resource(d)?;
                let status = match opnum {
                    0x10 => code(&sim.fail_resource(r)),
                    0x11 => sim.online_resource(r).map_or_else(|e| e.code(), |c| c.code()),
                    _ => sim.offline_resource(r).map_or_else(|e| e.code(), |c| c.code()),
                };
                e.u32(OK);
                e.u32(status);
            }
            // ApiGetGroupState: [in] hGroup; [out] State, NodeName; rpc_status; result
            0x2D => {
                let g = self.group(d)?;
                let s = sim.group_state(g);
                match &s {
                    Ok(s) => {
                        e.u32(s.state.value() as u32);
                        ndr::put_unique_string(e, Some(&s.owner_node));
                    }
                    Err(_) => {
                        e.u32(u32::MAX);
                        ndr::put_unique_string(e, None);
                    }
                }
                e.u32(OK);
                e.u32(code(&s));
            }
            // ApiOnlineGroup, ApiOfflineGroup: [in] hGroup; rpc_status; result
            0x31 | 0x32 => {
                let g = self.group(d)?;
                let r = if opnum == 0x31 { sim.online_group(g, None) } else { sim.offline_group(g) };
                e.u32(OK);
                e.u32(r.map_or_else(|e| e.code(), |c| c.code()));
            }
            // ApiGetNodeState: [in] hNode; [out] State; rpc_status; result
            0x44 => {
                let n = self.node(d)?;
                let s = sim.node_state(n);
                e.u32(s.as_ref().map_or(u32::MAX, |s| s.value() as u32));
                e.u32(OK);
                e.u32(code(&s));
            }
            // ApiPauseNode, ApiResumeNode: [in] hNode; rpc_status; result
            0x45 | 0x46 => {
                let n = self.node(d)?;
                let r = if opnum == 0x45 { sim.pause_node(n) } else { sim.resume_node(n) };
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiGetNetworkState: [in] hNetwork; [out] State; rpc_status; result
            0x53 => {
                let h = ndr::handle(d)?;
                let Ctx::Network(n) = self.lookup(&h)? else { return Err(NCA_S_FAULT_CONTEXT_MISMATCH) };
                let s = sim.network_state(n);
                e.u32(s.as_ref().map_or(u32::MAX, |s| s.value() as u32));
                e.u32(OK);
                e.u32(code(&s));
            }
            // ApiGetNetInterfaceState: [in] hNetInterface; [out] State; rpc_status; result
            0x5E => {
                let h = ndr::handle(d)?;
                let Ctx::NetInterface(n) = self.lookup(&h)? else {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                };
                let s = sim.net_interface_state(n);
                e.u32(s.as_ref().map_or(u32::MAX, |s| s.value() as u32));
                e.u32(OK);
                e.u32(code(&s));
            }
            // ApiGetNetInterface: [in, string] node, network; [out, string] name; rpc_status
            0x5F => {
                let node = ndr::string(d)?;
                let network = ndr::string(d)?;
                let name = self.cluster().and_then(|c| sim.net_interface_name(c, &node, &network));
                ndr::put_unique_string(e, name.as_deref().ok());
                e.u32(OK);
                e.u32(code(&name));
            }
            // ApiCreateResource: [in] hGroup, [string] name, type, dwFlags; [out] Status,
            // rpc_status, hResource
            0x09 => {
                let g = self.group(d)?;
                let name = ndr::string(d)?;
                let ty = ndr::string(d)?;
                let flags = ndr::u32(d)?;
                let r = sim.create_resource(g, &name, &ty, flags).map(Ctx::Resource);
                self.put_opened(e, r, &name, true, None);
            }
            // ApiDeleteResource: [in] hResource; rpc_status; result
            0x0A => {
                let r = self.resource(d)?;
                let status = code(&sim.delete_resource(r));
                e.u32(OK);
                e.u32(status);
            }
            // ApiSetResourceName (0x0D), ApiSetGroupName (0x2E): [in] handle, [string] name
            0x0D | 0x2E => {
                let h = ndr::handle(d)?;
                let ctx = self.lookup(&h)?;
                let name = ndr::string(d)?;
                let status = match ctx {
                    Ctx::Resource(r) if opnum == 0x0D => code(&sim.set_resource_name(r, &name)),
                    Ctx::Group(g) if opnum == 0x2E => code(&sim.set_group_name(g, &name)),
                    _ => return Err(NCA_S_FAULT_CONTEXT_MISMATCH),
                };
                e.u32(OK);
                e.u32(status);
            }
            // ApiCreateResEnum (0x16), ApiCreateGroupResourceEnum (0x35), ApiCreateNetworkEnum
            // (0x55), ApiCreateNodeEnum (0x65): [in] handle, dwType; [out] ENUM_LIST **
            0x16 | 0x35 | 0x55 | 0x65 => {
                let h = ndr::handle(d)?;
                let ty = ndr::u32(d)?;
                let items = match (opnum, self.lookup(&h)?) {
                    (0x16, Ctx::Resource(r)) => snapshot(&sim, sim.resource_open_enum(r, ty)),
                    (0x35, Ctx::Group(g)) => snapshot(&sim, sim.group_open_enum(g, ty)),
                    (0x55, Ctx::Network(n)) => snapshot(&sim, sim.network_open_enum(n, ty)),
                    (0x65, Ctx::Node(n)) => snapshot(&sim, sim.node_open_enum(n, ty)),
                    _ => return Err(NCA_S_FAULT_CONTEXT_MISMATCH),
                };
                put_enum(e, &items, false);
                e.u32(OK);
                e.u32(code(&items));
            }
            // ApiEvictNode: [in] hNode; rpc_status; result
            0x47 => {
                let n = self.node(d)?;
                let status = code(&sim.evict_node(n));
                e.u32(OK);
                e.u32(status);
            }
            // The control calls (MS-CMRP 3.1.4.2.{74..}: ApiResourceControl and its siblings;
            // the Node* forms name the host node after the object):
            // [in] object, [host], dwControlCode, [unique, size_is] lpInBuffer, nInBufferSize,
            // nOutBufferSize; [out, size_is, length_is] lpOutBuffer, lpBytesReturned,
            // lpcbRequired, rpc_status; result
            0x48..=0x4F | 0x58 | 0x59 | 0x61 | 0x62 | 0x69 | 0x6A | 0xAD | 0xAE => {
                let on_node = matches!(opnum, 0x48 | 0x4A | 0x4C | 0x4E | 0x58 | 0x61 | 0x69 | 0xAD);
                let h = ndr::handle(d)?;
                let object = self.lookup(&h)?;
                let type_name = if matches!(opnum, 0x4A | 0x4B) { Some(ndr::string(d)?) } else { None };
                let host = if on_node {
                    match self.lookup(&ndr::handle(d)?)? {
                        Ctx::Node(n) => Some(n),
                        _ => return Err(NCA_S_FAULT_CONTEXT_MISMATCH),
                    }
                } else {
                    None
                };
                let control = ndr::u32(d)?;
                let input = ndr::unique_bytes(d)?.unwrap_or_default();
                let _in_size = ndr::u32(d)?;
                let out_size = ndr::u32(d)?;
                let reply = match (opnum, object) {
                    (0x48 | 0x49, Ctx::Resource(r)) => sim.resource_control(r, host, control, &input),
                    (0x4A | 0x4B, Ctx::Cluster(c)) => sim.resource_type_control(
                        c,
                        type_name.as_deref().unwrap_or(""),
                        host,
                        control,
                        &input,
                    ),
                    (0x4C | 0x4D, Ctx::Group(g)) => sim.group_control(g, host, control, &input),
                    (0x4E | 0x4F, Ctx::Node(n)) => sim.node_control(n, host, control, &input),
                    (0x58 | 0x59, Ctx::Network(n)) => sim.network_control(n, host, control, &input),
                    (0x61 | 0x62, Ctx::NetInterface(n)) => {
                        sim.net_interface_control(n, host, control, &input)
                    }
                    (0x69 | 0x6A, Ctx::Cluster(c)) => sim.cluster_control(c, host, control, &input),
                    (0xAD | 0xAE, Ctx::GroupSet(s)) => sim.group_set_control(s, host, control, &input),
                    _ => return Err(NCA_S_FAULT_CONTEXT_MISMATCH),
                };
                // The buffer-size protocol of the control calls (MS-CMRP 3.1.4.2.74):
                // ERROR_MORE_DATA with the size required when the reply does not fit.
                let (data, required, status): (&[u8], usize, u32) = match &reply {
                    Ok(b) if b.len() <= out_size as usize => (b, b.len(), OK),
                    Ok(b) => (&[], b.len(), codes::ERROR_MORE_DATA),
                    Err(err) => (&[], 0, err.code()),
                };
                ndr::put_varying_bytes(e, out_size, data);
                e.u32(u32::try_from(data.len()).unwrap_or(u32::MAX));
                e.u32(u32::try_from(required).unwrap_or(u32::MAX));
                e.u32(OK);
                e.u32(status);
            }
            // ApiCreateResTypeEnum: [in, string] type name, dwType; [out] ENUM_LIST **.
            // Windows ignores the bits it does not know (smbtorture's CreateResTypeEnum).
            0x67 => {
                let name = ndr::string(d)?;
                let ty = ndr::u32(d)? & 0x3;
                let items =
                    self.cluster().and_then(|c| snapshot(&sim, sim.resource_type_open_enum(c, &name, ty)));
                put_enum(e, &items, false);
                e.u32(OK);
                e.u32(code(&items));
            }
            // ApiBackupClusterDatabase: [in, string] path; rpc_status; result. Not simulated:
            // ERROR_CALL_NOT_IMPLEMENTED, what smbtorture's BackupClusterDatabase expects.
            0x68 => {
                let _path = ndr::string(d)?;
                e.u32(OK);
                e.u32(CALL_NOT_IMPLEMENTED);
            }
            // ApiSetServiceAccountPassword: [in, string] password, dwFlags,
            // ReturnStatusBufferSize; [out, size_is, length_is] statuses, SizeReturned,
            // ExpectedBufferSize; result. Not simulated (ERROR_CALL_NOT_IMPLEMENTED).
            0x6C => {
                let _password = ndr::string(d)?;
                let _flags = ndr::u32(d)?;
                let size = ndr::u32(d)?;
                if size > 64 * 1024 {
                    return Err(RPC_X_BAD_STUB_DATA); // [range(0, 64 * 1024)]
                }
                e.u32(size);
                e.u32(0);
                e.u32(0);
                e.u32(0);
                e.u32(0);
                e.u32(CALL_NOT_IMPLEMENTED);
            }
            // ApiGetResourceDependencyExpression: [in] hResource; [out, string] expression
            0x6E => {
                let r = self.resource(d)?;
                let text = sim.resource_dependency_expression(r);
                ndr::put_unique_string(e, text.as_deref().ok());
                e.u32(OK);
                e.u32(code(&text));
            }
            // ApiGetResourceNetworkName (MS-CMRP, opnum 112): [in] hResource; [out, string]
            // lpszName; rpc_status; result. Sim::resource_network_name.
            0x70 => {
                let r = self.resource(d)?;
                let name = sim.resource_network_name(r);
                ndr::put_unique_string(e, name.as_deref().ok());
                e.u32(OK);
                e.u32(code(&name));
            }
            // ApiCreateGroupEnum (0x8F), ApiCreateResourceEnum (0x90): [in] hCluster,
            // [unique, size_is] property names (MULTI_SZ), size, read-only names, size;
            // [out] GROUP_ENUM_LIST ** / RESOURCE_ENUM_LIST **; rpc_status; result
            0x8F | 0x90 => {
                let h = ndr::handle(d)?;
                let Ctx::Cluster(c) = self.lookup(&h)? else { return Err(NCA_S_FAULT_CONTEXT_MISMATCH) };
                let props = ndr::unique_bytes(d)?.unwrap_or_default();
                let _ = ndr::u32(d)?;
                let ro = ndr::unique_bytes(d)?.unwrap_or_default();
                let _ = ndr::u32(d)?;
                let props = multi_sz(&props);
                let ro = multi_sz(&ro);
                let props: Vec<&str> = props.iter().map(String::as_str).collect();
                let ro: Vec<&str> = ro.iter().map(String::as_str).collect();
                let items = if opnum == 0x8F {
                    snapshot(&sim, sim.group_open_enum_ex(c, &props, &ro))
                } else {
                    snapshot(&sim, sim.resource_open_enum_ex(c, &props, &ro))
                };
                match &items {
                    Ok(items) => put_detailed_enum(e, items, opnum == 0x8F),
                    Err(_) => e.null_ptr(),
                }
                e.u32(OK);
                e.u32(code(&items));
            }
            // ApiCreateNotify: [out] Status, rpc_status, hNotify: a port with no filter set
            0x37 => {
                let r = self.cluster().and_then(|c| sim.create_notify_port(c, 0, 0)).map(Ctx::Notify);
                self.put_opened(e, r, "", true, None);
            }
            // ApiAddNotifyCluster: [in] hNotify, hCluster, dwFilter, dwNotifyKey; rpc_status
            0x39 => {
                let port = self.port(d)?;
                let Ctx::Cluster(c) = self.lookup(&ndr::handle(d)?)? else {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                };
                let filter = ndr::u32(d)?;
                let key = ndr::u32(d)?;
                let status = code(&sim.add_notify_filter(port, Some(c), filter, key as usize));
                e.u32(OK);
                e.u32(status);
            }
            // ApiAddNotify{Node,Group,Resource,Network,NetInterface}: [in] hNotify, object,
            // dwFilter, dwNotifyKey; [out] dwStateSequence, rpc_status. The ReAdd forms
            // (0x3E..0x40, 0x5B, 0x64) take a StateSequence instead of returning one.
            0x3A..=0x3C | 0x3E..=0x40 | 0x5A | 0x5B | 0x63 | 0x64 => {
                let port = self.port(d)?;
                let object = self.lookup(&ndr::handle(d)?)?;
                let filter = ndr::u32(d)?;
                let key = ndr::u32(d)? as usize;
                let readd = matches!(opnum, 0x3E..=0x40 | 0x5B | 0x64);
                if readd {
                    let _sequence = ndr::u32(d)?;
                }
                let r = match (opnum, object) {
                    (0x3A | 0x3E, Ctx::Node(h)) => sim.register_notify(port, filter, h, key),
                    (0x3B | 0x3F, Ctx::Group(h)) => sim.register_notify(port, filter, h, key),
                    (0x3C | 0x40, Ctx::Resource(h)) => sim.register_notify(port, filter, h, key),
                    (0x5A | 0x5B, Ctx::Network(h)) => sim.register_notify(port, filter, h, key),
                    (0x63 | 0x64, Ctx::NetInterface(h)) => sim.register_notify(port, filter, h, key),
                    _ => return Err(NCA_S_FAULT_CONTEXT_MISMATCH),
                };
                if !readd {
                    e.u32(0); // dwStateSequence: the simulator keeps none
                }
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiGetNotifyAsync (0x93, MS-CMRP 3.1.4.2.143) without waiting: the connection
            // waits (see `get_notify_async`).
            GET_NOTIFY_ASYNC => match self.get_notify_async(d)? {
                Some(reply) => e.bytes(&reply),
                None => {
                    e.null_ptr();
                    e.u32(0);
                    e.u32(codes::ERROR_NO_MORE_ITEMS);
                }
            },
            // ApiUnblockGetNotifyCall (0x6B, 3.1.4.2.107): [in] hNotify; result. It completes
            // the port's outstanding ApiGetNotify, ApiGetNotifyV2 and ApiGetNotifyAsync calls;
            // a connection serves its calls in order and its context handles are its own, so
            // none is outstanding when it runs: ERROR_SUCCESS for a port of either version.
            0x6B => {
                self.port(d)?;
                e.u32(OK);
            }
            // ApiGetNotify without waiting: the connection waits (see `get_notify`).
            0x41 => match self.get_notify(d)? {
                Some(reply) => e.bytes(&reply),
                None => {
                    e.u32(0);
                    e.u32(0);
                    e.u32(0);
                    ndr::put_unique_string(e, None);
                    e.u32(OK);
                    e.u32(codes::ERROR_NO_MORE_ITEMS);
                }
            },
            _ => {
                if !self.registry(opnum, d, e)?
                    && !self.notify_v2(opnum, d, e)?
                    && !self.batch(opnum, d, e)?
                    && !self.group_sets(opnum, d, e)?
                {
                    return Err(NCA_S_OP_RNG_ERROR);
                }
            }
        }
        Ok(())
    }

    /// Writes the results of an open: `[out] granted access` (Ex forms), `Status`,
    /// `rpc_status` (object opens), and the handle (null on failure).
    fn put_opened(
        &mut self,
        e: &mut NdrEncoder,
        r: crate::Result<Ctx>,
        name: &str,
        rpc_status: bool,
        access: Option<u32>,
    ) {
        if let Some(access) = access {
            let granted = if r.is_err() {
                0
            } else if access & MAXIMUM_ALLOWED != 0 {
                ALL_ACCESS
            } else {
                access
            };
            e.u32(granted);
        }
        e.u32(code(&r));
        if rpc_status {
            e.u32(OK);
        }
        let h = r.map_or([0; 20], |ctx| self.insert(ctx, name));
        ndr::put_handle(e, &h);
    }

    fn port(&self, d: &mut NdrDecoder<'_>) -> Result<NotifyPortHandle, Fault> {
        match self.lookup(&ndr::handle(d)?)? {
            Ctx::Notify(p) => Ok(p),
            _ => Err(NCA_S_FAULT_CONTEXT_MISMATCH),
        }
    }

    /// ApiGetNotify (opnum 0x41): `[in] hNotify; [out] dwNotifyKey, dwFilter,
    /// dwStateSequence, [string] Name, rpc_status`; result. The response stub when an event is
    /// queued (or the port is gone), `None` while the queue is empty: the server blocks the
    /// call until an event arrives (MS-CMRP 3.1.4.2.66), which the connection does by asking
    /// again ([`Session::poll_notify`]), never by blocking a thread under the simulator.
    fn get_notify(&mut self, d: &mut NdrDecoder<'_>) -> Result<Option<Vec<u8>>, Fault> {
        let port = self.port(d)?;
        let mut e = NdrEncoder::new();
        match self.sim.notify(port, Some(std::time::Duration::ZERO)) {
            Ok(None) => return Ok(None),
            Ok(Some(n)) => {
                e.u32(u32::try_from(n.key).unwrap_or(u32::MAX));
                e.u32(n.filter);
                e.u32(0);
                ndr::put_unique_string(&mut e, Some(&n.name));
                e.u32(OK);
                e.u32(OK);
            }
            Err(err) => {
                e.u32(0);
                e.u32(0);
                e.u32(0);
                ndr::put_unique_string(&mut e, None);
                e.u32(OK);
                e.u32(err.code());
            }
        }
        Ok(Some(e.into_bytes()))
    }

    /// ApiGetNotifyAsync (0x93): every event queued on a v1 port, as a
    /// `NOTIFICATION_DATA_ASYNC_RPC *` array (`dwNotifyKey`, `dwFilter`, `[string] Name`;
    /// MS-CMRP 2.2.3.30), its count and the result; `None` while none is queued (the call
    /// waits). At most [`MAX_ASYNC_PER_ANSWER`] events an answer; the rest wait for the next.
    fn get_notify_async(&mut self, d: &mut NdrDecoder<'_>) -> Result<Option<Vec<u8>>, Fault> {
        let port = self.port(d)?;
        let mut events = Vec::new();
        let mut status = OK;
        while events.len() < MAX_ASYNC_PER_ANSWER {
            match self.sim.notify(port, Some(std::time::Duration::ZERO)) {
                Ok(Some(n)) => events.push(n),
                Ok(None) => break,
                Err(err) => {
                    status = err.code();
                    break;
                }
            }
        }
        if events.is_empty() && status == OK {
            return Ok(None);
        }
        let mut e = NdrEncoder::new();
        if events.is_empty() {
            e.null_ptr();
        } else {
            e.referent();
            e.u32(u32::try_from(events.len()).unwrap_or(u32::MAX));
            for n in &events {
                e.u32(u32::try_from(n.key).unwrap_or(u32::MAX));
                e.u32(n.filter);
                e.referent();
            }
            for n in &events {
                e.conformant_varying_wstr(&n.name);
            }
        }
        e.u32(u32::try_from(events.len()).unwrap_or(u32::MAX));
        e.u32(if events.is_empty() { status } else { OK });
        Ok(Some(e.into_bytes()))
    }

    /// ApiGetNotify's answer for `stub` if an event is queued, `Ok(None)` while it must wait.
    ///
    /// # Errors
    /// As [`call`](Self::call).
    pub fn poll_notify(&mut self, stub: &[u8]) -> Result<Option<Vec<u8>>, Fault> {
        self.get_notify(&mut NdrDecoder::new(stub))
    }

    /// Whether the server holds a call of `opnum` until it has an answer: ApiGetNotify (0x41)
    /// and ApiGetNotifyV2 (0x8B), which block until an event is queued. The connection asks
    /// [`poll_wait`](Self::poll_wait) again until it answers.
    pub fn waits(opnum: u16) -> bool {
        matches!(opnum, 0x41 | GET_NOTIFY_ASYNC | notify_v2::GET_NOTIFY_V2)
    }

    /// The answer of a waiting call (see [`waits`](Self::waits)) for `stub` if an event is
    /// queued, `Ok(None)` while it must wait; any other opnum is answered as by
    /// [`call`](Self::call).
    ///
    /// # Errors
    /// As [`call`](Self::call).
    pub fn poll_wait(&mut self, opnum: u16, stub: &[u8]) -> Result<Option<Vec<u8>>, Fault> {
        match opnum {
            0x41 => self.poll_notify(stub),
            GET_NOTIFY_ASYNC => self.get_notify_async(&mut NdrDecoder::new(stub)),
            notify_v2::GET_NOTIFY_V2 => self.get_notify_v2(&mut NdrDecoder::new(stub)),
            _ => self.call(opnum, stub).map(Some),
        }
    }

    fn resource(&self, d: &mut NdrDecoder<'_>) -> Result<ResourceHandle, Fault> {
        match self.lookup(&ndr::handle(d)?)? {
            Ctx::Resource(r) => Ok(r),
            _ => Err(NCA_S_FAULT_CONTEXT_MISMATCH),
        }
    }

    fn group(&self, d: &mut NdrDecoder<'_>) -> Result<GroupHandle, Fault> {
        match self.lookup(&ndr::handle(d)?)? {
            Ctx::Group(g) => Ok(g),
            _ => Err(NCA_S_FAULT_CONTEXT_MISMATCH),
        }
    }

    fn node(&self, d: &mut NdrDecoder<'_>) -> Result<NodeHandle, Fault> {
        match self.lookup(&ndr::handle(d)?)? {
            Ctx::Node(n) => Ok(n),
            _ => Err(NCA_S_FAULT_CONTEXT_MISMATCH),
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.rundown();
    }
}

/// Closes the simulator handle behind a context handle; the Win32 code.
fn close(sim: &Sim, ctx: Ctx) -> u32 {
    match ctx {
        Ctx::Cluster(c) => {
            sim.close_cluster(c);
            OK
        }
        Ctx::Node(h) => code(&sim.close_node(h)),
        Ctx::Group(h) => code(&sim.close_group(h)),
        Ctx::Resource(h) => code(&sim.close_resource(h)),
        Ctx::Network(h) => code(&sim.close_network(h)),
        Ctx::NetInterface(h) => code(&sim.close_net_interface(h)),
        Ctx::Notify(h) => {
            sim.close_notify_port(h);
            OK
        }
        Ctx::Key(h) => code(&sim.reg_close_key(h)),
        Ctx::BatchPort(h) => code(&sim.reg_close_batch_notify_port(h)),
        Ctx::GroupSet(h) => code(&sim.close_group_set(h)),
    }
}

/// The node that answers for the cluster (`NodeName` of ApiGetClusterName): the first node
/// that is up, in node enumeration order (a choice: the simulator has no serving node).
fn serving_node(sim: &Sim, c: ClusterHandle) -> crate::Result<String> {
    let nodes = cluster_enum(sim, c, crate::enumeration::mask::CLUSTER_ENUM_NODE)?;
    for n in &nodes {
        let h = sim.open_node(c, &n.name)?;
        let up = sim.node_state(h);
        sim.close_node(h)?;
        if up? == crate::NodeState::Up {
            return Ok(n.name.clone());
        }
    }
    nodes.first().map(|n| n.name.clone()).ok_or(Error::new(codes::ERROR_NODE_NOT_AVAILABLE))
}

/// A net interface's id: the `Id` of the item of that name in a cluster-wide `Ex`
/// enumeration of net interfaces (the simulator has no `GetClusterNetInterfaceId` method).
fn net_interface_id(sim: &Sim, c: ClusterHandle, name: &str) -> crate::Result<String> {
    let items = cluster_enum(sim, c, crate::enumeration::mask::CLUSTER_ENUM_NETINTERFACE)?;
    items
        .into_iter()
        .find(|i| i.name.eq_ignore_ascii_case(name))
        .map(|i| i.id)
        .ok_or(Error::new(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND))
}

/// The items of `ClusterOpenEnumEx` for `ty`, read and closed at once.
fn cluster_enum(sim: &Sim, c: ClusterHandle, ty: u32) -> crate::Result<Vec<EnumItem>> {
    let h = sim.cluster_open_enum_ex(c, ty)?;
    let items = sim.enum_items(h);
    sim.close_enum(h)?;
    items
}

/// The items of an enumeration just opened, read and closed at once.
fn snapshot<E: crate::Enumeration>(sim: &Sim, h: crate::Result<E>) -> crate::Result<Vec<EnumItem>> {
    let h = h?;
    let items = sim.enum_items(h);
    sim.close_enum(h)?;
    items
}

/// The strings of a `REG_MULTI_SZ` blob (UTF-16LE, each NUL-terminated, an empty one last).
fn multi_sz(b: &[u8]) -> Vec<String> {
    let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    units.split(|&u| u == 0).filter(|s| !s.is_empty()).map(String::from_utf16_lossy).collect()
}

/// Writes a `GROUP_ENUM_LIST **` or `RESOURCE_ENUM_LIST **` (MS-CMRP 2.2.3.22, 2.2.3.24): a
/// conformant structure of entries whose strings and property lists follow, entry by entry.
fn put_detailed_enum(e: &mut NdrEncoder, items: &[EnumItem], groups: bool) {
    use crate::enumeration::EnumDetail;
    e.referent();
    let n = u32::try_from(items.len()).unwrap_or(u32::MAX);
    e.u32(n);
    e.u32(n);
    let bytes = |b: &[u8]| u32::try_from(b.len()).unwrap_or(u32::MAX);
    let ptr = |e: &mut NdrEncoder, present: bool| {
        if present {
            let _ = e.referent();
        } else {
            e.null_ptr();
        }
    };
    let empty: (&[u8], &[u8]) = (&[], &[]);
    for i in items {
        match &i.detail {
            EnumDetail::Group { state, flags, properties, ro_properties, .. } if groups => {
                ptr(e, true);
                ptr(e, true);
                e.u32(state.value() as u32);
                ptr(e, true);
                e.u32(*flags);
                e.u32(bytes(properties));
                ptr(e, !properties.is_empty());
                e.u32(bytes(ro_properties));
                ptr(e, !ro_properties.is_empty());
            }
            EnumDetail::Resource { properties, ro_properties, .. } if !groups => {
                for _ in 0..4 {
                    ptr(e, true);
                }
                e.u32(bytes(properties));
                ptr(e, !properties.is_empty());
                e.u32(bytes(ro_properties));
                ptr(e, !ro_properties.is_empty());
            }
            _ => {
                for _ in 0..if groups { 2 } else { 4 } {
                    ptr(e, true);
                }
                if groups {
                    e.u32(u32::MAX);
                    ptr(e, true);
                    e.u32(0);
                }
                e.u32(0);
                e.null_ptr();
                e.u32(0);
                e.null_ptr();
            }
        }
    }
    for i in items {
        e.conformant_varying_wstr(&i.name);
        e.conformant_varying_wstr(&i.id);
        let (props, ro) = match &i.detail {
            EnumDetail::Group { owner_node, properties, ro_properties, .. } if groups => {
                e.conformant_varying_wstr(owner_node);
                (properties.as_slice(), ro_properties.as_slice())
            }
            EnumDetail::Resource { group_name, group_id, properties, ro_properties } if !groups => {
                e.conformant_varying_wstr(group_name);
                e.conformant_varying_wstr(group_id);
                (properties.as_slice(), ro_properties.as_slice())
            }
            _ => {
                for _ in 0..if groups { 1 } else { 2 } {
                    e.conformant_varying_wstr("");
                }
                empty
            }
        };
        for b in [props, ro] {
            if !b.is_empty() {
                e.u32(bytes(b));
                e.bytes(b);
            }
        }
    }
}

/// Writes an `ENUM_LIST **` of names (or ids), null on failure.
fn put_enum(e: &mut NdrEncoder, items: &crate::Result<Vec<EnumItem>>, ids: bool) {
    match items {
        Ok(items) => {
            let list: Vec<(u32, &str)> = items
                .iter()
                .map(|i| (i.object_type, if ids { i.id.as_str() } else { i.name.as_str() }))
                .collect();
            ndr::put_enum_list(e, Some(&list));
        }
        Err(_) => ndr::put_enum_list(e, None),
    }
}
