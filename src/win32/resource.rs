//! Resource handles and state: `OpenClusterResource`, `OpenClusterResourceEx`,
//! `CloseClusterResource`, `GetClusterResourceState`, `GetClusterFromResource`, and the state
//! changes: `OnlineClusterResource(Ex, Ex2)`, `OfflineClusterResource(Ex, Ex2)`,
//! `FailClusterResource(Ex)`.

use windows_sys::Win32::Networking::Clustering::{CLUSTER_RESOURCE_STATE, HCLUSTER, HRESOURCE};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{Failure, read_name, read_optional_name, run, run_code, write_optional_string, write_u32};
use crate::error::{Error, Result};
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
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszresourcename) }?;
        sim.open_resource_as(call, ClusterHandle::from_raw(hcluster), &name, |h| Ok(h.raw()))
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
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszresourcename) }?;
        let h = sim.open_resource_as(call, ClusterHandle::from_raw(hcluster), &name, Ok)?.raw();
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

// ---- state changes ---------------------------------------------------------------------------

/// Checks the input buffer of the `Ex` forms: a property list for the resource DLL, which the
/// simulator accepts and does not read (OnlineClusterResourceEx page). NULL with a non-zero
/// size gives `ERROR_INVALID_PARAMETER` (a choice).
pub(crate) fn check_in_buffer(buffer: *const u8, size: u32) -> Result<()> {
    match buffer.is_null() && size != 0 {
        true => Err(Error::INVALID_PARAMETER),
        false => Ok(()),
    }
}

/// `OnlineClusterResource`: brings the resource online, its providers first; see
/// [`Sim::online_resource`](crate::Sim::online_resource) for the rules.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterResource(hresource: HRESOURCE) -> u32 {
    run("OnlineClusterResource", Failure::Code, |sim, call| {
        sim.online_resource_as(call, ResourceHandle::from_raw(hresource), 0, None, |c| Ok(c.code()))
    })
}

/// `OnlineClusterResourceEx`: as [`OnlineClusterResource`], with `CLUSAPI_RESOURCE_ONLINE_*`
/// flags (undefined bits: `ERROR_INVALID_PARAMETER`). `lpinbuffer` is accepted, not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any values: the buffer is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterResourceEx(
    hresource: HRESOURCE,
    dwonlineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("OnlineClusterResourceEx", Failure::Code, |sim, call| {
        check_in_buffer(lpinbuffer, cbinbuffersize)?;
        sim.online_resource_as(call, ResourceHandle::from_raw(hresource), dwonlineflags, None, |c| {
            Ok(c.code())
        })
    })
}

/// `OnlineClusterResourceEx2`: as [`OnlineClusterResourceEx`]; the reason is recorded in the
/// trace.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterResourceEx2(
    hresource: HRESOURCE,
    dwonlineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("OnlineClusterResourceEx2", Failure::Code, |sim, call| {
        check_in_buffer(lpinbuffer, cbinbuffersize)?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        let h = ResourceHandle::from_raw(hresource);
        sim.online_resource_as(call, h, dwonlineflags, reason.as_deref(), |c| Ok(c.code()))
    })
}

/// `OfflineClusterResource`: takes the resource offline, its dependents first; see
/// [`Sim::offline_resource`](crate::Sim::offline_resource).
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterResource(hresource: HRESOURCE) -> u32 {
    run("OfflineClusterResource", Failure::Code, |sim, call| {
        sim.offline_resource_as(call, ResourceHandle::from_raw(hresource), 0, None, |c| Ok(c.code()))
    })
}

/// `OfflineClusterResourceEx`: as [`OfflineClusterResource`], with
/// `CLUSAPI_RESOURCE_OFFLINE_*` flags. `lpinbuffer` is accepted, not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any values: the buffer is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterResourceEx(
    hresource: HRESOURCE,
    dwofflineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("OfflineClusterResourceEx", Failure::Code, |sim, call| {
        check_in_buffer(lpinbuffer, cbinbuffersize)?;
        sim.offline_resource_as(call, ResourceHandle::from_raw(hresource), dwofflineflags, None, |c| {
            Ok(c.code())
        })
    })
}

/// `OfflineClusterResourceEx2`: as [`OfflineClusterResourceEx`]; the reason is recorded.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterResourceEx2(
    hresource: HRESOURCE,
    dwofflineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("OfflineClusterResourceEx2", Failure::Code, |sim, call| {
        check_in_buffer(lpinbuffer, cbinbuffersize)?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        let h = ResourceHandle::from_raw(hresource);
        sim.offline_resource_as(call, h, dwofflineflags, reason.as_deref(), |c| Ok(c.code()))
    })
}

/// `FailClusterResource`: the resource fails and its restart policy runs; see
/// [`Sim::fail_resource`](crate::Sim::fail_resource).
///
/// Returns `ERROR_SUCCESS`, or the error code (`ERROR_INVALID_STATE (5023)` unless the
/// resource is online or pending); the last error is left alone.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn FailClusterResource(hresource: HRESOURCE) -> u32 {
    run_code("FailClusterResource", |sim, call| {
        sim.fail_resource_as(call, ResourceHandle::from_raw(hresource), None, Ok)
    })
}

/// `FailClusterResourceEx`: as [`FailClusterResource`]; the reason is recorded.
///
/// Returns as [`FailClusterResource`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn FailClusterResourceEx(hresource: HRESOURCE, lpszreason: PCWSTR) -> u32 {
    run_code("FailClusterResourceEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.fail_resource_as(call, ResourceHandle::from_raw(hresource), reason.as_deref(), Ok)
    })
}

/// `RestartClusterResource`: offline, then online on the same node; see
/// [`Sim::restart_resource`](crate::Sim::restart_resource).
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` while it runs on the
/// virtual clock, or the error code: `ERROR_INVALID_PARAMETER (87)` for flags other than 0,
/// `ERROR_INVALID_STATE (5023)` for a resource that is not online or is busy (choices),
/// `ERROR_INVALID_HANDLE (6)`. The last error is left alone.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RestartClusterResource(hresource: HRESOURCE, dwflags: u32) -> u32 {
    run("RestartClusterResource", Failure::Code, |sim, call| {
        sim.restart_resource_as(call, ResourceHandle::from_raw(hresource), dwflags, None, |c| Ok(c.code()))
    })
}

/// `RestartClusterResourceEx`: as [`RestartClusterResource`]; the reason is recorded.
///
/// Returns as [`RestartClusterResource`], and `ERROR_INVALID_NAME (123)` for a reason that is
/// not valid UTF-16.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RestartClusterResourceEx(
    hresource: HRESOURCE,
    dwflags: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("RestartClusterResourceEx", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        let r = ResourceHandle::from_raw(hresource);
        sim.restart_resource_as(call, r, dwflags, reason.as_deref(), |c| Ok(c.code()))
    })
}

/// Runs `SetClusterQuorumResource(Ex)`.
///
/// # Safety
/// Both strings are NULL or NUL-terminated UTF-16 strings.
unsafe fn set_quorum(
    function: &'static str,
    hresource: HRESOURCE,
    device: PCWSTR,
    size: u32,
    reason: PCWSTR,
) -> u32 {
    run_code(function, |sim, call| {
        // SAFETY: forwarded from the caller.
        let device = unsafe { read_optional_name(device) }?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(reason) }?;
        let r = ResourceHandle::from_raw(hresource);
        sim.set_quorum_resource_as(call, r, device.as_deref(), size, reason.as_deref(), Ok)
    })
}

/// `SetClusterQuorumResource`: makes the resource the quorum resource; see
/// [`Sim::set_quorum_resource`](crate::Sim::set_quorum_resource).
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_RESOURCE_NOT_ONLINE (5004)` (the page),
/// `ERROR_NOT_QUORUM_CAPABLE (5021)`, `ERROR_INVALID_PARAMETER (87)` for an unknown quorum
/// type, `ERROR_INVALID_NAME (123)`, `ERROR_INVALID_HANDLE (6)`. The last error is left alone.
///
/// # Safety
/// `lpszdevicename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterQuorumResource(
    hresource: HRESOURCE,
    lpszdevicename: PCWSTR,
    dwmaxquologsize: u32,
) -> u32 {
    // SAFETY: forwarded from the caller; a NULL reason.
    unsafe {
        set_quorum("SetClusterQuorumResource", hresource, lpszdevicename, dwmaxquologsize, std::ptr::null())
    }
}

/// `SetClusterQuorumResourceEx`: as [`SetClusterQuorumResource`]; the reason is recorded.
///
/// # Safety
/// Both strings are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterQuorumResourceEx(
    hresource: HRESOURCE,
    lpszdevicename: PCWSTR,
    dwmaxquorumlogsize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        set_quorum("SetClusterQuorumResourceEx", hresource, lpszdevicename, dwmaxquorumlogsize, lpszreason)
    }
}
