//! Group handles and state: `OpenClusterGroup`, `OpenClusterGroupEx`, `CloseClusterGroup`,
//! `GetClusterGroupState`, `GetClusterFromGroup`.

use windows_sys::Win32::Networking::Clustering::{CLUSTER_GROUP_STATE, HCLUSTER, HGROUP};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{Failure, Name, run, write_optional_string, write_u32};
use crate::handle_types::{ClusterHandle, GroupHandle, Handle};

/// `OpenClusterGroup`: a group by name or GUID id, ignoring case.
///
/// Returns NULL on failure and sets the last error: `ERROR_GROUP_NOT_FOUND (5013)` for an
/// unknown or empty name, `ERROR_INVALID_HANDLE (6)` for a bad cluster handle,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL name.
///
/// # Safety
/// `lpszgroupname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterGroup(hcluster: HCLUSTER, lpszgroupname: PCWSTR) -> HGROUP {
    run("OpenClusterGroup", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszgroupname) }?;
        sim.open_group_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw()))
    })
}

/// `OpenClusterGroupEx`: as [`OpenClusterGroup`]; the simulator grants every access asked for
/// (`*lpdwgrantedaccess = dwdesiredaccess`, written only on success), as `OpenClusterEx` does.
///
/// Returns NULL on failure and sets the last error, as [`OpenClusterGroup`].
///
/// # Safety
/// `lpszgroupname` is NULL or a NUL-terminated UTF-16 string; `lpdwgrantedaccess` is NULL or
/// valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterGroupEx(
    hcluster: HCLUSTER,
    lpszgroupname: PCWSTR,
    dwdesiredaccess: u32,
    lpdwgrantedaccess: *mut u32,
) -> HGROUP {
    run("OpenClusterGroupEx", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszgroupname) }?;
        let h = sim.open_group_as(call, ClusterHandle::from_raw(hcluster), name, Ok)?.raw();
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(lpdwgrantedaccess, dwdesiredaccess) };
        Ok(h)
    })
}

/// `CloseClusterGroup`: TRUE, or FALSE with last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterGroup(hgroup: HGROUP) -> BOOL {
    run("CloseClusterGroup", Failure::Bool, |sim, call| {
        sim.close_group_as(call, GroupHandle::from_raw(hgroup), Ok).map(|()| 1)
    })
}

/// `GetClusterGroupState`: the group's state, and its owner node's name when a buffer is
/// given. With a NULL `lpsznodename` the name is not wanted and the state is still returned;
/// a non-NULL `lpcchnodename` then receives the name's length in WCHARs, excluding the NUL, so
/// a client can size its buffer (call with NULL and a count, allocate count + 1, call again).
///
/// Returns `ClusterGroupStateUnknown (-1)` on failure and sets the last error, including
/// `ERROR_MORE_DATA (234)` when the buffer is too small (`*lpcchnodename` then holds the
/// length needed) and `ERROR_INVALID_PARAMETER (87)` for a buffer without a `lpcchnodename`
/// (checked before anything else).
///
/// # Safety
/// `lpsznodename` is NULL or valid for `*lpcchnodename` WCHARs; `lpcchnodename` is NULL (only
/// with a NULL buffer) or valid for reads and writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterGroupState(
    hgroup: HGROUP,
    lpsznodename: PWSTR,
    lpcchnodename: *mut u32,
) -> CLUSTER_GROUP_STATE {
    run("GetClusterGroupState", Failure::StateUnknown, |sim, call| {
        if !lpsznodename.is_null() {
            require(lpcchnodename)?;
        }
        sim.group_state_as(call, GroupHandle::from_raw(hgroup), |status| {
            // SAFETY: forwarded from the caller.
            unsafe { write_optional_string(&status.owner_node, lpsznodename, lpcchnodename) }?;
            Ok(status.state.value())
        })
    })
}

/// `GetClusterFromGroup`: the cluster handle the group handle was opened from (the same value;
/// do not close it separately).
///
/// Returns NULL on failure and sets the last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterFromGroup(hgroup: HGROUP) -> HCLUSTER {
    run("GetClusterFromGroup", Failure::Handle, |sim, call| {
        sim.cluster_from_group_as(call, GroupHandle::from_raw(hgroup), |h| Ok(h.raw()))
    })
}
