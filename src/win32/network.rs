//! Network and net interface handles and queries: `OpenClusterNetwork[Ex]`,
//! `CloseClusterNetwork`, `GetClusterNetworkState`, `GetClusterNetworkId`,
//! `GetClusterFromNetwork`, `OpenClusterNetInterface[Ex]`, `CloseClusterNetInterface`,
//! `GetClusterNetInterfaceState`, `GetClusterNetInterface`, `GetClusterFromNetInterface`.

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_NETINTERFACE_STATE, CLUSTER_NETWORK_STATE, HCLUSTER, HNETINTERFACE, HNETWORK,
};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{Failure, Name, run, run_code, write_string, write_u32};
use crate::handle_types::{ClusterHandle, Handle, NetInterfaceHandle, NetworkHandle};

// ---- networks ---------------------------------------------------------------------------

/// `OpenClusterNetwork`: a network by name (e.g. `"Cluster Network 1"`), ignoring case.
///
/// Returns NULL on failure and sets the last error: `ERROR_CLUSTER_NETWORK_NOT_FOUND (5045)`
/// for an unknown or empty name, `ERROR_INVALID_HANDLE (6)` for a bad cluster handle,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL or unterminated name, `ERROR_INVALID_NAME (123)`
/// for invalid UTF-16.
///
/// # Safety
/// `lpsznetworkname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNetwork(hcluster: HCLUSTER, lpsznetworkname: PCWSTR) -> HNETWORK {
    run("OpenClusterNetwork", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpsznetworkname) }?;
        sim.open_network_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw()))
    })
}

/// `OpenClusterNetworkEx`: as [`OpenClusterNetwork`]; the simulator grants every access asked
/// for (`*lpdwgrantedaccess = dwdesiredaccess`, written only on success), as `OpenClusterEx`
/// does.
///
/// Returns NULL on failure and sets the last error, as [`OpenClusterNetwork`].
///
/// # Safety
/// `lpsznetworkname` is NULL or a NUL-terminated UTF-16 string; `lpdwgrantedaccess` is NULL or
/// valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNetworkEx(
    hcluster: HCLUSTER,
    lpsznetworkname: PCWSTR,
    dwdesiredaccess: u32,
    lpdwgrantedaccess: *mut u32,
) -> HNETWORK {
    run("OpenClusterNetworkEx", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpsznetworkname) }?;
        let h = sim.open_network_as(call, ClusterHandle::from_raw(hcluster), name, Ok)?.raw();
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(lpdwgrantedaccess, dwdesiredaccess) };
        Ok(h)
    })
}

/// `CloseClusterNetwork`: TRUE, or FALSE with last error `ERROR_INVALID_HANDLE (6)` for a
/// closed, stale, forged or wrong-kind value. Closes only this handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterNetwork(hnetwork: HNETWORK) -> BOOL {
    run("CloseClusterNetwork", Failure::Bool, |sim, call| {
        sim.close_network_as(call, NetworkHandle::from_raw(hnetwork), Ok).map(|()| 1)
    })
}

/// `GetClusterNetworkState`: the network's `CLUSTER_NETWORK_STATE` (`Unavailable (0)`,
/// `Down (1)`, `Partitioned (2)`, `Up (3)`).
///
/// Returns `ClusterNetworkStateUnknown (-1)` on failure and sets the last error:
/// `ERROR_INVALID_HANDLE (6)` for a bad handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNetworkState(hnetwork: HNETWORK) -> CLUSTER_NETWORK_STATE {
    run("GetClusterNetworkState", Failure::StateUnknown, |sim, call| {
        Ok(sim.network_state_as(call, NetworkHandle::from_raw(hnetwork), Ok)?.value())
    })
}

/// `GetClusterNetworkId`: the network's GUID string, with the buffer-size protocol of
/// `reference/clusapi.md` §6.2.
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL
/// `lpcchname`, `ERROR_INVALID_HANDLE (6)` for a bad handle, `ERROR_MORE_DATA (234)` when the
/// id does not fit (a NULL buffer has no room; `*lpcchname` then holds its length, excluding
/// the NUL). The last error is left alone.
///
/// # Safety
/// `lpsznetworkid` is NULL or valid for writes of `*lpcchname` WCHARs; `lpcchname` is NULL or
/// valid for reads and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNetworkId(
    hnetwork: HNETWORK,
    lpsznetworkid: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    run_code("GetClusterNetworkId", |sim, call| {
        require(lpcchname)?;
        sim.network_id_as(call, NetworkHandle::from_raw(hnetwork), |id| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&id, lpsznetworkid, lpcchname) }
        })
    })
}

/// `GetClusterFromNetwork`: the cluster handle the network handle was opened from (the same
/// value; do not close it separately).
///
/// Returns NULL on failure and sets the last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterFromNetwork(hnetwork: HNETWORK) -> HCLUSTER {
    run("GetClusterFromNetwork", Failure::Handle, |sim, call| {
        Ok(sim.cluster_from_network_as(call, NetworkHandle::from_raw(hnetwork), Ok)?.raw())
    })
}

// ---- net interfaces ---------------------------------------------------------------------

/// `OpenClusterNetInterface`: a net interface by name (`"<node> - <adapter>"`, e.g.
/// `"NODE1 - Ethernet"`), ignoring case.
///
/// Returns NULL on failure and sets the last error:
/// `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND (5047)` for an unknown or empty name,
/// `ERROR_INVALID_HANDLE (6)` for a bad cluster handle, `ERROR_INVALID_PARAMETER (87)` for a
/// NULL or unterminated name, `ERROR_INVALID_NAME (123)` for invalid UTF-16.
///
/// # Safety
/// `lpszinterfacename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNetInterface(
    hcluster: HCLUSTER,
    lpszinterfacename: PCWSTR,
) -> HNETINTERFACE {
    run("OpenClusterNetInterface", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszinterfacename) }?;
        Ok(sim.open_net_interface_as(call, ClusterHandle::from_raw(hcluster), name, Ok)?.raw())
    })
}

/// `OpenClusterNetInterfaceEx`: as [`OpenClusterNetInterface`]; the simulator grants every
/// access asked for (`*lpdwgrantedaccess = dwdesiredaccess`, written only on success), as
/// `OpenClusterEx` does.
///
/// Returns NULL on failure and sets the last error, as [`OpenClusterNetInterface`].
///
/// # Safety
/// `lpszinterfacename` is NULL or a NUL-terminated UTF-16 string; `lpdwgrantedaccess` is NULL
/// or valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterNetInterfaceEx(
    hcluster: HCLUSTER,
    lpszinterfacename: PCWSTR,
    dwdesiredaccess: u32,
    lpdwgrantedaccess: *mut u32,
) -> HNETINTERFACE {
    run("OpenClusterNetInterfaceEx", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszinterfacename) }?;
        let h = sim.open_net_interface_as(call, ClusterHandle::from_raw(hcluster), name, Ok)?.raw();
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(lpdwgrantedaccess, dwdesiredaccess) };
        Ok(h)
    })
}

/// `CloseClusterNetInterface`: TRUE, or FALSE with last error `ERROR_INVALID_HANDLE (6)` for
/// a closed, stale, forged or wrong-kind value. Closes only this handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterNetInterface(hnetinterface: HNETINTERFACE) -> BOOL {
    run("CloseClusterNetInterface", Failure::Bool, |sim, call| {
        sim.close_net_interface_as(call, NetInterfaceHandle::from_raw(hnetinterface), Ok).map(|()| 1)
    })
}

/// `GetClusterNetInterfaceState`: the interface's `CLUSTER_NETINTERFACE_STATE`
/// (`Unavailable (0)`, `Failed (1)`, `Unreachable (2)`, `Up (3)`).
///
/// Returns `ClusterNetInterfaceStateUnknown (-1)` on failure and sets the last error:
/// `ERROR_INVALID_HANDLE (6)` for a bad handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNetInterfaceState(
    hnetinterface: HNETINTERFACE,
) -> CLUSTER_NETINTERFACE_STATE {
    run("GetClusterNetInterfaceState", Failure::StateUnknown, |sim, call| {
        Ok(sim.net_interface_state_as(call, NetInterfaceHandle::from_raw(hnetinterface), Ok)?.value())
    })
}

/// `GetClusterNetInterface`: the name of the interface that node `lpsznodename` has on network
/// `lpsznetworkname`, with the buffer-size protocol of `reference/clusapi.md` §6.2.
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL or
/// unterminated name or a NULL `lpcchinterfacename`, `ERROR_INVALID_NAME (123)` for invalid
/// UTF-16, `ERROR_INVALID_HANDLE (6)` for a bad cluster handle,
/// `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` / `ERROR_CLUSTER_NETWORK_NOT_FOUND (5045)` for an
/// unknown node or network, `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND (5047)` when the node has no
/// interface on that network, `ERROR_MORE_DATA (234)` when the name does not fit (a NULL
/// buffer has no room; `*lpcchinterfacename` then holds its length, excluding the NUL). The
/// last error is left alone.
///
/// # Safety
/// `lpsznodename` and `lpsznetworkname` are NULL or NUL-terminated UTF-16 strings;
/// `lpszinterfacename` is NULL or valid for writes of `*lpcchinterfacename` WCHARs;
/// `lpcchinterfacename` is NULL or valid for reads and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNetInterface(
    hcluster: HCLUSTER,
    lpsznodename: PCWSTR,
    lpsznetworkname: PCWSTR,
    lpszinterfacename: PWSTR,
    lpcchinterfacename: *mut u32,
) -> u32 {
    run_code("GetClusterNetInterface", |sim, call| {
        let mut node = Name::new();
        // SAFETY: forwarded from the caller.
        let node = unsafe { node.read(lpsznodename) }?;
        let mut network = Name::new();
        // SAFETY: forwarded from the caller.
        let network = unsafe { network.read(lpsznetworkname) }?;
        require(lpcchinterfacename)?;
        sim.net_interface_name_as(call, ClusterHandle::from_raw(hcluster), node, network, |name| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&name, lpszinterfacename, lpcchinterfacename) }
        })
    })
}

/// `GetClusterFromNetInterface`: the cluster handle the net interface handle was opened from
/// (the same value; do not close it separately).
///
/// Returns NULL on failure and sets the last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterFromNetInterface(hnetinterface: HNETINTERFACE) -> HCLUSTER {
    run("GetClusterFromNetInterface", Failure::Handle, |sim, call| {
        Ok(sim.cluster_from_net_interface_as(call, NetInterfaceHandle::from_raw(hnetinterface), Ok)?.raw())
    })
}
