//! Control codes: the replies of `Cluster*Control` for the codes that read an object's
//! identity, computed from the world's objects. Pure: no handles, no lock, no pointers; the
//! simulator resolves the handles ([`Sim::resource_control`](crate::Sim::resource_control) and
//! its siblings) and the Win32 layer only delivers the bytes by the byte-size protocol.
//!
//! A control code is `(object << 24) | function` (`reference/clusapi.md` §4.4); the object bits
//! must name the kind of object the function is called for (resource 1, resource type 2,
//! group 3, node 4, network 5, net interface 6, cluster 7), else `ERROR_INVALID_FUNCTION (1)`.
//! Simulated functions:
//!
//! | function | resource | resource type | group | node | network, net interface | cluster | reply |
//! |---|---|---|---|---|---|---|---|
//! | `CLCTL_UNKNOWN` (0x0) | yes | yes | yes | yes | yes | yes | nothing |
//! | `GET_CHARACTERISTICS` (0x5) | type's `CLUS_CHAR_*` | same | 0 | 0 | 0 | — | DWORD |
//! | `GET_FLAGS` (0x9) | `CLUS_FLAG_CORE` if core | 0 | `CLUS_FLAG_CORE` if core | 0 | 0 | — | DWORD |
//! | `GET_CLASS_INFO` (0xD) | type's class | same | — | — | — | — | `CLUS_RESOURCE_CLASS_INFO` (8 bytes) |
//! | `GET_NAME` (0x29) | name | — | name | name | name | — | string |
//! | `GET_RESOURCE_TYPE` (0x2D) | type name | — | — | — | — | — | string |
//! | `GET_ID` (0x39) | GUID | — | GUID | decimal node id | GUID | — | string |
//! | `GET_FQDN` (0x3D) | — | — | — | — | — | FQDN | string |
//!
//! The storage codes of Physical Disk resources (`CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO`,
//! `_EX`, `_EX2`, `GET_DISK_NUMBER_INFO`, `IS_SHARED_VOLUME`, `GET_SHARED_VOLUME_INFO`) and of
//! the storage resource types (`CLUSCTL_RESOURCE_TYPE_STORAGE_GET_AVAILABLE_DISKS`, `_EX`):
//! see `storage.rs` for their layouts.
//!
//! DWORDs are native-endian; strings are NUL-terminated UTF-16 and their size counts the NUL.
//! Any other code fails with `ERROR_INVALID_FUNCTION`. None of these codes reads its input
//! buffer.
//!
//! Property lists (`GET_COMMON_PROPERTIES`, `GET_PRIVATE_PROPERTIES`, their `SET_` and
//! `VALIDATE_` siblings: `CLUSPROP_*` values) will be encoded and decoded here too, next to
//! the DWORD, string and class-info encoders of [`reply`].

mod code;
pub(crate) use code::object;
pub(crate) mod properties;
mod reply;
mod storage;

#[cfg(feature = "win32")]
pub(crate) use code::zero_size_is_query;

use crate::error::{Error, Result};
use crate::world::{Cluster, Group, GroupSet, NetInterface, Network, Node, Resource, ResourceType};
use code::*;
use reply::{class_info, dword, invalid_function, string};

/// `CLUS_FLAG_CORE`.
const CLUS_FLAG_CORE: u32 = 1;

fn core_flag(core: bool) -> Result<Vec<u8>> {
    dword(if core { CLUS_FLAG_CORE } else { 0 })
}

/// The reply to `CLUSCTL_RESOURCE_*` `code` for resource `r` of cluster `c`.
pub(crate) fn resource(c: &Cluster, r: &Resource, code: u32, _input: &[u8]) -> Result<Vec<u8>> {
    let rt = c.resource_type(&r.resource_type);
    match function_for(code, object::RESOURCE)? {
        CLCTL_UNKNOWN => Ok(Vec::new()),
        CLCTL_GET_CHARACTERISTICS => dword(rt.map_or(0, |t| t.characteristics)),
        CLCTL_GET_FLAGS => core_flag(r.core),
        CLCTL_GET_CLASS_INFO => class_info(rt.map_or(0, |t| t.class)),
        CLCTL_GET_NAME => string(&r.name),
        CLCTL_GET_RESOURCE_TYPE => string(&r.resource_type),
        CLCTL_GET_ID => string(&r.guid),
        f => storage::resource(c, r, rt, f),
    }
}

/// The reply to `CLUSCTL_RESOURCE_TYPE_*` `code` for resource type `rt`.
pub(crate) fn resource_type(rt: &ResourceType, code: u32, _input: &[u8]) -> Result<Vec<u8>> {
    if let Some(reply) = storage::resource_type(rt, code) {
        return reply;
    }
    match function_for(code, object::RESOURCE_TYPE)? {
        CLCTL_UNKNOWN => Ok(Vec::new()),
        CLCTL_GET_CHARACTERISTICS => dword(rt.characteristics),
        CLCTL_GET_FLAGS => dword(0),
        CLCTL_GET_CLASS_INFO => class_info(rt.class),
        _ => invalid_function(),
    }
}

/// The reply to `CLUSCTL_GROUP_*` `code` for group `g`.
pub(crate) fn group(g: &Group, code: u32, _input: &[u8]) -> Result<Vec<u8>> {
    match function_for(code, object::GROUP)? {
        CLCTL_UNKNOWN => Ok(Vec::new()),
        CLCTL_GET_CHARACTERISTICS => dword(0),
        CLCTL_GET_FLAGS => core_flag(g.core),
        CLCTL_GET_NAME => string(&g.name),
        CLCTL_GET_ID => string(&g.guid),
        _ => invalid_function(),
    }
}

/// `CLUSCTL_GROUPSET_GET_ID`.
const CLUSCTL_GROUPSET_GET_ID: u32 = 0x0800_0039;
/// `CLUSCTL_GROUPSET_GET_GROUPS`.
const CLUSCTL_GROUPSET_GET_GROUPS: u32 = 0x0800_2D71;
/// `CLUSCTL_GROUPSET_GET_PROVIDER_GROUPS`.
const CLUSCTL_GROUPSET_GET_PROVIDER_GROUPS: u32 = 0x0800_2D75;
/// `CLUSCTL_GROUPSET_GET_PROVIDER_GROUPSETS`.
const CLUSCTL_GROUPSET_GET_PROVIDER_GROUPSETS: u32 = 0x0800_2D79;

/// The reply to `CLUSCTL_GROUPSET_*` `code` for group set `s` of `c` (MS-CMRP 3.1.4.3.8): its
/// GUID, or the names of its groups, of the groups of the sets it depends on, or of those sets,
/// each list a `MULTI_SZ` (the spec says "the list of ... names, as a null-terminated Unicode
/// string"; one string per name, then an empty one, is a choice). The property codes are
/// answered before this (`Sim::group_set_control`); any other code is `ERROR_INVALID_FUNCTION`.
pub(crate) fn group_set(c: &Cluster, s: &GroupSet, code: u32) -> Result<Vec<u8>> {
    let multi_sz = |names: &mut dyn Iterator<Item = &str>| {
        let mut out = Vec::new();
        for name in names {
            out.extend(name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes));
        }
        out.extend([0, 0]);
        Ok(out)
    };
    let group = |g: &crate::world::ObjectId| c.groups()[g].name.as_str();
    match code {
        CLUSCTL_GROUPSET_GET_ID => string(&s.guid),
        CLUSCTL_GROUPSET_GET_GROUPS => multi_sz(&mut s.groups.iter().map(group)),
        CLUSCTL_GROUPSET_GET_PROVIDER_GROUPS => {
            multi_sz(&mut s.providers.iter().flat_map(|p| c.group_sets()[p].groups.iter()).map(group))
        }
        CLUSCTL_GROUPSET_GET_PROVIDER_GROUPSETS => {
            multi_sz(&mut s.providers.iter().map(|p| c.group_sets()[p].name.as_str()))
        }
        _ => invalid_function(),
    }
}

/// The reply to `CLUSCTL_NODE_*` `code` for node `n`. `GET_ID` is the node id as a decimal
/// string (e.g. `"1"`), as `GetClusterNodeId` reports it.
pub(crate) fn node(n: &Node, code: u32, _input: &[u8]) -> Result<Vec<u8>> {
    match function_for(code, object::NODE)? {
        CLCTL_UNKNOWN => Ok(Vec::new()),
        CLCTL_GET_CHARACTERISTICS | CLCTL_GET_FLAGS => dword(0),
        CLCTL_GET_NAME => string(&n.name),
        CLCTL_GET_ID => string(&n.id.to_string()),
        _ => invalid_function(),
    }
}

/// The reply to `CLUSCTL_CLUSTER_*` `code` for cluster `c`.
pub(crate) fn cluster(c: &Cluster, code: u32, input: &[u8]) -> Result<Vec<u8>> {
    match function_for(code, object::CLUSTER)? {
        CLCTL_UNKNOWN => Ok(Vec::new()),
        CLCTL_GET_FQDN => string(c.fqdn()),
        CLCTL_CHECK_VOTER_DOWN => dword(voter_check(c, input, false)?),
        CLCTL_CHECK_VOTER_EVICT => dword(voter_check(c, input, true)?),
        _ => invalid_function(),
    }
}

/// `CLUSTER_QUORUM_MAINTAINED` (0) / `CLUSTER_QUORUM_LOST` (1).
const QUORUM_MAINTAINED: u32 = 0;
const QUORUM_LOST: u32 = 1;

/// `CHECK_VOTER_DOWN` / `CHECK_VOTER_EVICT` (MS-CMRP 3.1.4.3.7.4, .3): whether stopping (or
/// evicting) the node whose id `input` holds (a NUL-terminated UTF-16 decimal id), or taking
/// the quorum resource whose id (GUID) it holds offline, loses quorum: node majority, every
/// node one vote and the witness one more while it is online (a choice: dynamic quorum is not
/// simulated). An id that is neither gives `ERROR_INVALID_PARAMETER` (CMRP). No input at all:
/// the cluster as it is, which Windows answers with success (Samba's `test_ClusterControl`
/// sends none and expects `WERR_OK`).
fn voter_check(c: &Cluster, input: &[u8], evict: bool) -> Result<u32> {
    use crate::world::{NodeState, ResourceState};
    let units: Vec<u16> = input.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    let id = String::from_utf16(units.split(|&u| u == 0).next().unwrap_or(&[]))
        .map_err(|_| Error::INVALID_PARAMETER)?;
    let witness = c.quorum_resource().and_then(|q| c.resources().get(&q));
    let witness_up = witness.is_some_and(|w| w.state == ResourceState::Online);
    let nodes = c.nodes().len() as u32;
    let mut total = nodes + u32::from(witness.is_some());
    let mut up =
        c.nodes().iter().filter(|n| n.state != NodeState::Down).count() as u32 + u32::from(witness_up);
    if !id.is_empty() {
        match (id.parse::<u32>().ok().and_then(|n| c.node(n)), witness) {
            (Some(n), _) => {
                up -= u32::from(n.state != NodeState::Down);
                total -= u32::from(evict);
            }
            (None, Some(w)) if crate::world::eq_ignore_case(&w.guid, &id) => up -= u32::from(witness_up),
            _ => return Err(Error::INVALID_PARAMETER),
        }
    }
    Ok(if 2 * up > total { QUORUM_MAINTAINED } else { QUORUM_LOST })
}

/// The reply to `CLUSCTL_NETWORK_*` `code` for network `n`.
pub(crate) fn network(n: &Network, code: u32, _input: &[u8]) -> Result<Vec<u8>> {
    identity(object::NETWORK, &n.name, &n.guid, code)
}

/// The reply to `CLUSCTL_NETINTERFACE_*` `code` for net interface `ni`.
pub(crate) fn net_interface(ni: &NetInterface, code: u32, _input: &[u8]) -> Result<Vec<u8>> {
    identity(object::NETINTERFACE, &ni.name, &ni.guid, code)
}

/// The identity codes that networks and net interfaces share: no characteristics, no flags,
/// the name and the GUID.
fn identity(object: u32, name: &str, guid: &str, code: u32) -> Result<Vec<u8>> {
    match function_for(code, object)? {
        CLCTL_UNKNOWN => Ok(Vec::new()),
        CLCTL_GET_CHARACTERISTICS | CLCTL_GET_FLAGS => dword(0),
        CLCTL_GET_NAME => string(name),
        CLCTL_GET_ID => string(guid),
        _ => invalid_function(),
    }
}
