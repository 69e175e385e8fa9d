//! Resource handles and state: `OpenClusterResource`, `OpenClusterResourceEx`,
//! `CloseClusterResource`, `GetClusterResourceState`, `GetClusterFromResource`, and the state
//! changes: `OnlineClusterResource(Ex, Ex2)`, `OfflineClusterResource(Ex, Ex2)`,
//! `FailClusterResource(Ex)`; and the structural calls: `CreateClusterResource(Ex)`,
//! `DeleteClusterResource(Ex)`, `SetClusterResourceName(Ex)`, `Add/RemoveClusterResourceNode(Ex)`,
//! `Add/RemoveClusterResourceDependency(Ex)`, `CanResourceBeDependent`,
//! `ChangeClusterResourceGroup(Ex, Ex2)`, `Get/SetClusterResourceDependencyExpression`.

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_RESOURCE_STATE, HCLUSTER, HGROUP, HNODE, HRESOURCE,
};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{
    Failure, Name, read_name, read_optional_name, run, run_code, write_optional_string, write_string,
    write_u32,
};
use crate::error::{Error, Result};
use crate::handle_types::{ClusterHandle, GroupHandle, Handle, NodeHandle, ResourceHandle};

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

// ---- state changes ---------------------------------------------------------------------------

/// Checks the input buffer of the `Ex` forms: a property list for the resource DLL
/// (OnlineClusterResourceEx page), decoded by the property-list codec, whose errors it gives:
/// `ERROR_INSUFFICIENT_BUFFER (122)` for a list that runs past `size`,
/// `ERROR_INVALID_PARAMETER (87)` for a badly formed one, `ERROR_INVALID_DATA (13)` for a value
/// that does not fit its format. The simulated resource DLLs read nothing from a well-formed
/// list (a choice). NULL (or a size of 0) is no list; NULL with a non-zero size gives
/// `ERROR_INVALID_PARAMETER` (a choice).
///
/// # Safety
/// `buffer` is NULL or valid for reads of `size` bytes.
pub(crate) unsafe fn check_in_buffer(buffer: *const u8, size: u32) -> Result<()> {
    if buffer.is_null() {
        return if size == 0 { Ok(()) } else { Err(Error::INVALID_PARAMETER) };
    }
    if size == 0 {
        return Ok(());
    }
    // SAFETY: the caller promises `size` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(buffer, size as usize) };
    crate::property::PropertyList::decode(bytes).map(drop)
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
/// flags (undefined bits: `ERROR_INVALID_PARAMETER`). `lpinbuffer` is a property list, checked
/// (see `check_in_buffer`) and not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterResourceEx(
    hresource: HRESOURCE,
    dwonlineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("OnlineClusterResourceEx", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
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
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string;
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterResourceEx2(
    hresource: HRESOURCE,
    dwonlineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("OnlineClusterResourceEx2", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let mut reason = Name::new();
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason.read_optional(lpszreason) }?;
        let h = ResourceHandle::from_raw(hresource);
        sim.online_resource_as(call, h, dwonlineflags, reason, |c| Ok(c.code()))
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
/// `CLUSAPI_RESOURCE_OFFLINE_*` flags. `lpinbuffer` is a property list, checked
/// (see `check_in_buffer`) and not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterResourceEx(
    hresource: HRESOURCE,
    dwofflineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("OfflineClusterResourceEx", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
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
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string;
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterResourceEx2(
    hresource: HRESOURCE,
    dwofflineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("OfflineClusterResourceEx2", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let mut reason = Name::new();
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason.read_optional(lpszreason) }?;
        let h = ResourceHandle::from_raw(hresource);
        sim.offline_resource_as(call, h, dwofflineflags, reason, |c| Ok(c.code()))
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
        let mut reason = Name::new();
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason.read_optional(lpszreason) }?;
        sim.fail_resource_as(call, ResourceHandle::from_raw(hresource), reason, Ok)
    })
}

// ---- structure ----

/// Reads the optional reason of an `Ex` form.
///
/// # Safety
/// `p` is NULL or a NUL-terminated UTF-16 string.
unsafe fn reason(p: PCWSTR) -> Result<Option<super::strings::Name>> {
    // SAFETY: forwarded from the caller.
    unsafe { read_optional_name(p) }
}

/// `CreateClusterResource`: a new offline resource of an installed type in the group, and a
/// handle to it (derived from the cluster handle the group handle came from); see
/// [`Sim::create_resource`](crate::Sim::create_resource) for the rules.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_NAME (123)` for an empty
/// name or invalid UTF-16, `ERROR_OBJECT_ALREADY_EXISTS (5010)`,
/// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)`, `ERROR_INVALID_PARAMETER (87)` for a NULL
/// string or flags other than 0 and 1, `ERROR_INVALID_HANDLE (6)`, `ERROR_GROUP_NOT_AVAILABLE
/// (5012)`.
///
/// # Safety
/// The strings are NULL or NUL-terminated UTF-16.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterResource(
    hgroup: HGROUP,
    lpszresourcename: PCWSTR,
    lpszresourcetype: PCWSTR,
    dwflags: u32,
) -> HRESOURCE {
    run("CreateClusterResource", Failure::Handle, |sim, call| {
        // SAFETY: forwarded from the caller.
        let (name, kind) = unsafe { (read_name(lpszresourcename)?, read_name(lpszresourcetype)?) };
        let g = GroupHandle::from_raw(hgroup);
        sim.create_resource_as(call, g, &name, &kind, dwflags, None, |h| Ok(h.raw()))
    })
}

/// `CreateClusterResourceEx`: as [`CreateClusterResource`]; the reason is recorded.
///
/// Returns as [`CreateClusterResource`].
///
/// # Safety
/// The strings are NULL or NUL-terminated UTF-16.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterResourceEx(
    hgroup: HGROUP,
    lpszresourcename: PCWSTR,
    lpszresourcetype: PCWSTR,
    dwflags: u32,
    lpszreason: PCWSTR,
) -> HRESOURCE {
    run("CreateClusterResourceEx", Failure::Handle, |sim, call| {
        // SAFETY: forwarded from the caller.
        let (name, kind) = unsafe { (read_name(lpszresourcename)?, read_name(lpszresourcetype)?) };
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let g = GroupHandle::from_raw(hgroup);
        sim.create_resource_as(call, g, &name, &kind, dwflags, reason.as_deref(), |h| Ok(h.raw()))
    })
}

/// `DeleteClusterResource`: deletes an Offline or Failed resource nothing depends on; the
/// handle stays open (close it). See [`Sim::delete_resource`](crate::Sim::delete_resource).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_CORE_RESOURCE (5026)`,
/// `ERROR_INVALID_STATE (5023)`, `ERROR_DEPENDENT_RESOURCE_EXISTS (5001)`, 6, 5006).
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DeleteClusterResource(hresource: HRESOURCE) -> u32 {
    run_code("DeleteClusterResource", |sim, call| {
        sim.delete_resource_as(call, ResourceHandle::from_raw(hresource), None, Ok)
    })
}

/// `DeleteClusterResourceEx`: as [`DeleteClusterResource`]; the reason is recorded.
///
/// Returns as [`DeleteClusterResource`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DeleteClusterResourceEx(hresource: HRESOURCE, lpszreason: PCWSTR) -> u32 {
    run_code("DeleteClusterResourceEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        sim.delete_resource_as(call, ResourceHandle::from_raw(hresource), reason.as_deref(), Ok)
    })
}

/// `SetClusterResourceName`: renames the resource; see
/// [`Sim::set_resource_name`](crate::Sim::set_resource_name).
///
/// Returns `ERROR_SUCCESS` or the error code: `ERROR_INVALID_NAME (123)` for "" or invalid
/// UTF-16, `ERROR_ALREADY_EXISTS (183)` for another resource's name, `ERROR_INVALID_PARAMETER
/// (87)` for NULL, 6, 5006.
///
/// # Safety
/// `lpszresourcename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterResourceName(hresource: HRESOURCE, lpszresourcename: PCWSTR) -> u32 {
    run_code("SetClusterResourceName", |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszresourcename) }?;
        sim.set_resource_name_as(call, ResourceHandle::from_raw(hresource), &name, None, Ok)
    })
}

/// `SetClusterResourceNameEx`: as [`SetClusterResourceName`]; the reason is recorded.
///
/// Returns as [`SetClusterResourceName`].
///
/// # Safety
/// The strings are NULL or NUL-terminated UTF-16.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterResourceNameEx(
    hresource: HRESOURCE,
    lpszresourcename: PCWSTR,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("SetClusterResourceNameEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszresourcename) }?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let h = ResourceHandle::from_raw(hresource);
        sim.set_resource_name_as(call, h, &name, reason.as_deref(), Ok)
    })
}

/// `AddClusterResourceNode`: the node becomes a possible owner of the resource; see
/// [`Sim::add_resource_node`](crate::Sim::add_resource_node).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_OBJECT_ALREADY_EXISTS (5010)`, 6, 87,
/// 5006).
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn AddClusterResourceNode(hresource: HRESOURCE, hnode: HNODE) -> u32 {
    run_code("AddClusterResourceNode", |sim, call| {
        let (r, n) = (ResourceHandle::from_raw(hresource), NodeHandle::from_raw(hnode));
        sim.add_resource_node_as(call, r, n, None, Ok)
    })
}

/// `AddClusterResourceNodeEx`: as [`AddClusterResourceNode`]; the reason is recorded.
///
/// Returns as [`AddClusterResourceNode`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn AddClusterResourceNodeEx(
    hresource: HRESOURCE,
    hnode: HNODE,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("AddClusterResourceNodeEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let (r, n) = (ResourceHandle::from_raw(hresource), NodeHandle::from_raw(hnode));
        sim.add_resource_node_as(call, r, n, reason.as_deref(), Ok)
    })
}

/// `RemoveClusterResourceNode`: the node is no longer a possible owner; see
/// [`Sim::remove_resource_node`](crate::Sim::remove_resource_node).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_CLUSTER_NODE_NOT_FOUND (5042)`,
/// `ERROR_INVALID_STATE (5023)`, 6, 87, 5006).
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RemoveClusterResourceNode(hresource: HRESOURCE, hnode: HNODE) -> u32 {
    run_code("RemoveClusterResourceNode", |sim, call| {
        let (r, n) = (ResourceHandle::from_raw(hresource), NodeHandle::from_raw(hnode));
        sim.remove_resource_node_as(call, r, n, None, Ok)
    })
}

/// `RemoveClusterResourceNodeEx`: as [`RemoveClusterResourceNode`]; the reason is recorded.
///
/// Returns as [`RemoveClusterResourceNode`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RemoveClusterResourceNodeEx(
    hresource: HRESOURCE,
    hnode: HNODE,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("RemoveClusterResourceNodeEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let (r, n) = (ResourceHandle::from_raw(hresource), NodeHandle::from_raw(hnode));
        sim.remove_resource_node_as(call, r, n, reason.as_deref(), Ok)
    })
}

/// `AddClusterResourceDependency`: `hresource` depends on `hdependson` from now on; see
/// [`Sim::add_resource_dependency`](crate::Sim::add_resource_dependency).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_CIRCULAR_DEPENDENCY (1059)`,
/// `ERROR_INVALID_PARAMETER (87)`, `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)`,
/// `ERROR_DEPENDENCY_TREE_TOO_COMPLEX (5929)`, `ERROR_RESOURCE_ONLINE (5019)`, 6, 5006).
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn AddClusterResourceDependency(
    hresource: HRESOURCE,
    hdependson: HRESOURCE,
) -> u32 {
    run_code("AddClusterResourceDependency", |sim, call| {
        let (r, p) = (ResourceHandle::from_raw(hresource), ResourceHandle::from_raw(hdependson));
        sim.add_resource_dependency_as(call, r, p, None, Ok)
    })
}

/// `AddClusterResourceDependencyEx`: as [`AddClusterResourceDependency`]; the reason is
/// recorded.
///
/// Returns as [`AddClusterResourceDependency`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn AddClusterResourceDependencyEx(
    hresource: HRESOURCE,
    hdependson: HRESOURCE,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("AddClusterResourceDependencyEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let (r, p) = (ResourceHandle::from_raw(hresource), ResourceHandle::from_raw(hdependson));
        sim.add_resource_dependency_as(call, r, p, reason.as_deref(), Ok)
    })
}

/// `RemoveClusterResourceDependency`: `hresource` no longer depends on `hdependson`; see
/// [`Sim::remove_resource_dependency`](crate::Sim::remove_resource_dependency).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_DEPENDENCY_NOT_FOUND (5002)`, 6, 87,
/// 5006).
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RemoveClusterResourceDependency(
    hresource: HRESOURCE,
    hdependson: HRESOURCE,
) -> u32 {
    run_code("RemoveClusterResourceDependency", |sim, call| {
        let (r, p) = (ResourceHandle::from_raw(hresource), ResourceHandle::from_raw(hdependson));
        sim.remove_resource_dependency_as(call, r, p, None, Ok)
    })
}

/// `RemoveClusterResourceDependencyEx`: as [`RemoveClusterResourceDependency`]; the reason is
/// recorded.
///
/// Returns as [`RemoveClusterResourceDependency`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RemoveClusterResourceDependencyEx(
    hresource: HRESOURCE,
    hdependson: HRESOURCE,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("RemoveClusterResourceDependencyEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let (r, p) = (ResourceHandle::from_raw(hresource), ResourceHandle::from_raw(hdependson));
        sim.remove_resource_dependency_as(call, r, p, reason.as_deref(), Ok)
    })
}

/// `CanResourceBeDependent`: TRUE when `hresource` could depend on `hresourcedependent` (the
/// provider, despite its name: CanResourceBeDependent page); see
/// [`Sim::can_resource_be_dependent`](crate::Sim::can_resource_be_dependent).
///
/// Returns TRUE or FALSE. A FALSE answer leaves the last error alone (a choice); a bad handle
/// gives FALSE with last error `ERROR_INVALID_HANDLE (6)` or `ERROR_RESOURCE_NOT_AVAILABLE
/// (5006)`.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CanResourceBeDependent(
    hresource: HRESOURCE,
    hresourcedependent: HRESOURCE,
) -> BOOL {
    run("CanResourceBeDependent", Failure::Bool, |sim, call| {
        let (r, p) = (ResourceHandle::from_raw(hresource), ResourceHandle::from_raw(hresourcedependent));
        sim.can_resource_be_dependent_as(call, r, p, |can| Ok(BOOL::from(can)))
    })
}

/// `ChangeClusterResourceGroup`: moves the resource with its dependency tree to the group;
/// see [`Sim::change_resource_group`](crate::Sim::change_resource_group).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_ALREADY_EXISTS (183)`,
/// `ERROR_RESOURCE_ONLINE (5019)`, `ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015)`,
/// `ERROR_INVALID_STATE (5023)`, 6, 87, 5006, 5012).
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ChangeClusterResourceGroup(hresource: HRESOURCE, hgroup: HGROUP) -> u32 {
    run_code("ChangeClusterResourceGroup", |sim, call| {
        let (r, g) = (ResourceHandle::from_raw(hresource), GroupHandle::from_raw(hgroup));
        sim.change_resource_group_as(call, r, g, 0, None, Ok)
    })
}

/// `ChangeClusterResourceGroupEx`: as [`ChangeClusterResourceGroup`], with
/// `CLUSAPI_CHANGE_RESOURCE_GROUP_FORCE_MOVE_TO_CSV` (1) the one flag (accepted, no effect;
/// other bits: `ERROR_INVALID_PARAMETER`).
///
/// Returns as [`ChangeClusterResourceGroup`].
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ChangeClusterResourceGroupEx(
    hresource: HRESOURCE,
    hgroup: HGROUP,
    flags: u64,
) -> u32 {
    run_code("ChangeClusterResourceGroupEx", |sim, call| {
        let (r, g) = (ResourceHandle::from_raw(hresource), GroupHandle::from_raw(hgroup));
        sim.change_resource_group_as(call, r, g, flags, None, Ok)
    })
}

/// `ChangeClusterResourceGroupEx2`: as [`ChangeClusterResourceGroupEx`]; the reason is
/// recorded.
///
/// Returns as [`ChangeClusterResourceGroup`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ChangeClusterResourceGroupEx2(
    hresource: HRESOURCE,
    hgroup: HGROUP,
    flags: u64,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("ChangeClusterResourceGroupEx2", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason(lpszreason) }?;
        let (r, g) = (ResourceHandle::from_raw(hresource), GroupHandle::from_raw(hgroup));
        sim.change_resource_group_as(call, r, g, flags, reason.as_deref(), Ok)
    })
}

/// `GetClusterResourceDependencyExpression`: the dependencies as `[name] and [name]` ("" for
/// none), with the buffer-size protocol of `reference/clusapi.md` §6.2 (`*lpcch` in: capacity
/// with the NUL; out: the length without it); see
/// [`Sim::resource_dependency_expression`](crate::Sim::resource_dependency_expression).
///
/// Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` (nothing written, `*lpcch` = the length
/// needed), `ERROR_INVALID_PARAMETER (87)` for a NULL count, 6, 5006.
///
/// # Safety
/// `lpcchdependencyexpression` is NULL or valid for reads and writes of a `u32`; the buffer is
/// NULL or valid for writes of `*lpcchdependencyexpression` WCHARs.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterResourceDependencyExpression(
    hresource: HRESOURCE,
    lpszdependencyexpression: PWSTR,
    lpcchdependencyexpression: *mut u32,
) -> u32 {
    run_code("GetClusterResourceDependencyExpression", |sim, call| {
        require(lpcchdependencyexpression)?;
        sim.resource_dependency_expression_as(call, ResourceHandle::from_raw(hresource), |expr| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&expr, lpszdependencyexpression, lpcchdependencyexpression) }
        })
    })
}

/// `GetClusterResourceNetworkName`: writes the NetBIOS name of the Network Name resource the
/// resource depends on (directly or not; the cluster's name when there is none, a choice) into
/// `lpbuffer`, `*nsize` WCHARs with the NUL; on output `*nsize` is the length without the NUL
/// (GetClusterResourceNetworkName page); see
/// [`Sim::resource_network_name`](crate::Sim::resource_network_name).
///
/// Returns TRUE, or FALSE and sets the last error: `ERROR_MORE_DATA (234)` (nothing written,
/// `*nsize` = the length needed), `ERROR_INVALID_PARAMETER (87)` for a NULL `nsize`, 6, 5006.
///
/// # Safety
/// `nsize` is NULL or valid for reads and writes of a `u32`; `lpbuffer` is NULL or valid for
/// writes of `*nsize` WCHARs.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterResourceNetworkName(
    hresource: HRESOURCE,
    lpbuffer: PWSTR,
    nsize: *mut u32,
) -> BOOL {
    run("GetClusterResourceNetworkName", Failure::Bool, |sim, call| {
        require(nsize)?;
        sim.resource_network_name_as(call, ResourceHandle::from_raw(hresource), |name| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&name, lpbuffer, nsize) }?;
            Ok(1)
        })
    })
}

/// `SetClusterResourceDependencyExpression`: replaces the resource's dependencies by the
/// expression; see
/// [`Sim::set_resource_dependency_expression`](crate::Sim::set_resource_dependency_expression)
/// (an AND of OR-sets).
///
/// Returns `ERROR_SUCCESS` or the error code (87 for NULL or a syntax error;
/// `ERROR_INVALID_NAME (123)` for invalid UTF-16; 5007, 1059, 5929, 5019, 6, 5006).
///
/// # Safety
/// `lpszdependencyexpression` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterResourceDependencyExpression(
    hresource: HRESOURCE,
    lpszdependencyexpression: PCWSTR,
) -> u32 {
    run_code("SetClusterResourceDependencyExpression", |sim, call| {
        // SAFETY: forwarded from the caller.
        let expr = unsafe { read_name(lpszdependencyexpression) }?;
        sim.set_resource_dependency_expression_as(call, ResourceHandle::from_raw(hresource), &expr, Ok)
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
