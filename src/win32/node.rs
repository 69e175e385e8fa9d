//! Node handles and queries: `OpenClusterNode`, `OpenClusterNodeEx`, `OpenClusterNodeById`,
//! `CloseClusterNode`, `GetClusterNodeState`, `GetClusterNodeId`, `GetClusterFromNode`, and the
//! state changes `PauseClusterNode`, `ResumeClusterNode`.

use windows_sys::Win32::Networking::Clustering::{CLUSTER_NODE_STATE, HCLUSTER, HNODE};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{Failure, Name, run, run_code, write_string, write_u32};
use crate::handle_types::{ClusterHandle, Handle, NodeHandle};

/// `OpenClusterNode`: a node by its NetBIOS name, ignoring case (a DNS name does not match:
/// OpenClusterNode page).
///
/// Returns NULL on failure and sets the last error: `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for
/// an unknown or empty name, `ERROR_INVALID_HANDLE (6)` for a bad cluster handle,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL or unterminated name, `ERROR_INVALID_NAME (123)`
/// for invalid UTF-16.
///
/// # Safety
/// `lpsznodename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNode(hcluster: HCLUSTER, lpsznodename: PCWSTR) -> HNODE {
    run("OpenClusterNode", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpsznodename) }?;
        sim.open_node_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw()))
    })
}

/// `OpenClusterNodeEx`: as [`OpenClusterNode`]; the simulator grants every access asked for
/// (`*lpdwgrantedaccess = dwdesiredaccess`, written only on success), as `OpenClusterEx` does.
///
/// Returns NULL on failure and sets the last error, as [`OpenClusterNode`].
///
/// # Safety
/// `lpsznodename` is NULL or a NUL-terminated UTF-16 string; `lpdwgrantedaccess` is NULL or
/// valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNodeEx(
    hcluster: HCLUSTER,
    lpsznodename: PCWSTR,
    dwdesiredaccess: u32,
    lpdwgrantedaccess: *mut u32,
) -> HNODE {
    run("OpenClusterNodeEx", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpsznodename) }?;
        let h = sim.open_node_as(call, ClusterHandle::from_raw(hcluster), name, Ok)?.raw();
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(lpdwgrantedaccess, dwdesiredaccess) };
        Ok(h)
    })
}

/// `OpenClusterNodeById`: a node by its numeric id (as `GetClusterNodeId` prints it).
///
/// Returns NULL on failure and sets the last error: `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for
/// an unknown id (0 included), `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNodeById(hcluster: HCLUSTER, nodeid: u32) -> HNODE {
    run("OpenClusterNodeById", Failure::Handle, |sim, call| {
        sim.open_node_by_id_as(call, ClusterHandle::from_raw(hcluster), nodeid, |h| Ok(h.raw()))
    })
}

/// `CloseClusterNode`: TRUE, or FALSE with last error `ERROR_INVALID_HANDLE (6)` for a closed,
/// stale, forged or wrong-kind value. Closes only this handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterNode(hnode: HNODE) -> BOOL {
    run("CloseClusterNode", Failure::Bool, |sim, call| {
        sim.close_node_as(call, NodeHandle::from_raw(hnode), Ok).map(|()| 1)
    })
}

/// `GetClusterNodeState`: the node's `CLUSTER_NODE_STATE` (`ClusterNodeUp (0)`, `Down (1)`,
/// `Paused (2)`, `Joining (3)`).
///
/// Returns `ClusterNodeStateUnknown (-1)` on failure and sets the last error:
/// `ERROR_INVALID_HANDLE (6)` for a bad handle, `ERROR_NODE_NOT_AVAILABLE (5036)` for an
/// evicted node.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNodeState(hnode: HNODE) -> CLUSTER_NODE_STATE {
    run("GetClusterNodeState", Failure::StateUnknown, |sim, call| {
        Ok(sim.node_state_as(call, NodeHandle::from_raw(hnode), Ok)?.value())
    })
}

/// `GetClusterNodeId`: the node's id as a decimal string (e.g. `"1"`), with the buffer-size
/// protocol of `reference/clusapi.md` §6.2.
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL
/// `lpcchname`, `ERROR_INVALID_HANDLE (6)` for a bad handle, `ERROR_MORE_DATA (234)` when the
/// id does not fit (a NULL buffer has no room; `*lpcchname` then holds its length, excluding
/// the NUL). The last error is left alone.
///
/// # Safety
/// `lpsznodeid` is NULL or valid for writes of `*lpcchname` WCHARs; `lpcchname` is NULL or
/// valid for reads and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNodeId(hnode: HNODE, lpsznodeid: PWSTR, lpcchname: *mut u32) -> u32 {
    run_code("GetClusterNodeId", |sim, call| {
        require(lpcchname)?;
        sim.node_id_as(call, NodeHandle::from_raw(hnode), |id| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&id, lpsznodeid, lpcchname) }
        })
    })
}

/// `GetClusterFromNode`: the cluster handle the node handle was opened from (the same value;
/// do not close it separately).
///
/// Returns NULL on failure and sets the last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterFromNode(hnode: HNODE) -> HCLUSTER {
    run("GetClusterFromNode", Failure::Handle, |sim, call| {
        Ok(sim.cluster_from_node_as(call, NodeHandle::from_raw(hnode), Ok)?.raw())
    })
}

// ---- state changes ---------------------------------------------------------------------------

/// `PauseClusterNode`: Up → Paused; see [`Sim::pause_node`](crate::Sim::pause_node).
///
/// Returns `ERROR_SUCCESS`, or the error code (`ERROR_CLUSTER_NODE_DOWN (5050)` for a node
/// that is not up); the last error is left alone.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn PauseClusterNode(hnode: HNODE) -> u32 {
    run_code("PauseClusterNode", |sim, call| sim.pause_node_as(call, NodeHandle::from_raw(hnode), Ok))
}

/// `ResumeClusterNode`: Paused → Up; see [`Sim::resume_node`](crate::Sim::resume_node).
///
/// Returns `ERROR_SUCCESS`, or the error code (`ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a
/// node that is not paused); the last error is left alone.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResumeClusterNode(hnode: HNODE) -> u32 {
    run_code("ResumeClusterNode", |sim, call| sim.resume_node_as(call, NodeHandle::from_raw(hnode), Ok))
}
