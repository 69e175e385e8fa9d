//! Resource handles and state: `OpenClusterResource`, `OpenClusterResourceEx`,
//! `CloseClusterResource`, `GetClusterResourceState`, `GetClusterFromResource`.

use windows_sys::Win32::Networking::Clustering::{CLUSTER_RESOURCE_STATE, HCLUSTER, HRESOURCE};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{Failure, Name, run, write_optional_string, write_u32};
use crate::handle_types::{ClusterHandle, Handle, ResourceHandle};

/// `OpenClusterResource`: a resource by name, ignoring case.
///
/// Returns NULL on failure and sets the last error: `ERROR_RESOURCE_NOT_FOUND (5007)` for an
/// unknown or empty name (Samba's torture test against Windows opens `""` and gets this code),
/// `ERROR_INVALID_HANDLE (6)` for a bad cluster handle, `ERROR_INVALID_PARAMETER (87)` for a
/// NULL or unterminated name, `ERROR_INVALID_NAME (123)` for invalid UTF-16.
///
/// # Safety
/// `lpszresourcename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterResource(hcluster: HCLUSTER, lpszresourcename: PCWSTR) -> HRESOURCE {
    run("OpenClusterResource", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszresourcename) }?;
        sim.open_resource_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw()))
    })
}

/// `OpenClusterResourceEx`: as [`OpenClusterResource`]; the simulator grants every access
/// asked for (`*lpdwgrantedaccess = dwdesiredaccess`, written only on success), as
/// `OpenClusterEx` does.
///
/// Returns NULL on failure and sets the last error, as [`OpenClusterResource`].
///
/// # Safety
/// `lpszresourcename` is NULL or a NUL-terminated UTF-16 string; `lpdwgrantedaccess` is NULL
/// or valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterResourceEx(
    hcluster: HCLUSTER,
    lpszresourcename: PCWSTR,
    dwdesiredaccess: u32,
    lpdwgrantedaccess: *mut u32,
) -> HRESOURCE {
    run("OpenClusterResourceEx", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszresourcename) }?;
        let h = sim.open_resource_as(call, ClusterHandle::from_raw(hcluster), name, Ok)?.raw();
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(lpdwgrantedaccess, dwdesiredaccess) };
        Ok(h)
    })
}

/// `CloseClusterResource`: TRUE, or FALSE with last error `ERROR_INVALID_HANDLE (6)` for a
/// closed, stale, forged or wrong-kind value. Closes only this handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterResource(hresource: HRESOURCE) -> BOOL {
    run("CloseClusterResource", Failure::Bool, |sim, call| {
        sim.close_resource_as(call, ResourceHandle::from_raw(hresource), Ok).map(|()| 1)
    })
}

/// `GetClusterResourceState`: the resource's `CLUSTER_RESOURCE_STATE`, and optionally the name
/// of the node that owns it and of the group that contains it.
///
/// Each name is written only when its buffer is not NULL, with the buffer-size protocol of
/// `reference/clusapi.md` §6.2. A NULL buffer means "not wanted": the state is still returned,
/// and a non-NULL count beside it receives the name's length in WCHARs, excluding the NUL (a
/// choice, so a client can size its buffers: call with NULL buffers and counts, allocate
/// count + 1, call again). Both names are attempted: each buffer that is large enough gets its
/// name, each non-NULL count gets its name's length, and if either given buffer was too small
/// the call fails with `ERROR_MORE_DATA` (a choice: the caller learns both sizes in one call).
///
/// Returns `ClusterResourceStateUnknown (-1)` on failure and sets the last error:
/// `ERROR_INVALID_PARAMETER (87)` for a buffer without its count pointer (checked before
/// anything else, so nothing is written), `ERROR_INVALID_HANDLE (6)` for a bad handle,
/// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` once the resource is deleted, `ERROR_MORE_DATA (234)`
/// as above.
///
/// # Safety
/// Each buffer is NULL or valid for writes of as many WCHARs as its count says; each count is
/// NULL (only with a NULL buffer) or valid for reads and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterResourceState(
    hresource: HRESOURCE,
    lpsznodename: PWSTR,
    lpcchnodename: *mut u32,
    lpszgroupname: PWSTR,
    lpcchgroupname: *mut u32,
) -> CLUSTER_RESOURCE_STATE {
    run("GetClusterResourceState", Failure::StateUnknown, |sim, call| {
        if !lpsznodename.is_null() {
            require(lpcchnodename)?;
        }
        if !lpszgroupname.is_null() {
            require(lpcchgroupname)?;
        }
        sim.resource_state_as(call, ResourceHandle::from_raw(hresource), |status| {
            // SAFETY: forwarded from the caller.
            let node = unsafe { write_optional_string(&status.owner_node, lpsznodename, lpcchnodename) };
            // SAFETY: forwarded from the caller.
            let group = unsafe { write_optional_string(&status.group, lpszgroupname, lpcchgroupname) };
            node.and(group)?;
            Ok(status.state.value())
        })
    })
}

/// `GetClusterFromResource`: the cluster handle the resource handle was opened from (the same
/// value; do not close it separately).
///
/// Returns NULL on failure and sets the last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterFromResource(hresource: HRESOURCE) -> HCLUSTER {
    run("GetClusterFromResource", Failure::Handle, |sim, call| {
        sim.cluster_from_resource_as(call, ResourceHandle::from_raw(hresource), |h| Ok(h.raw()))
    })
}
