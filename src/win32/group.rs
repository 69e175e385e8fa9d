//! Group handles and state: `OpenClusterGroup`, `OpenClusterGroupEx`, `CloseClusterGroup`,
//! `GetClusterGroupState`, `GetClusterFromGroup`, and the state changes:
//! `OnlineClusterGroup(Ex, Ex2)`, `OfflineClusterGroup(Ex, Ex2)`, `MoveClusterGroup(Ex, Ex2)`;
//! and the structural calls: `CreateClusterGroup(Ex)`, `DeleteClusterGroup(Ex)`,
//! `DestroyClusterGroup(Ex)`, `SetClusterGroupName(Ex)`, `SetClusterGroupNodeList(Ex)`.

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_CREATE_GROUP_INFO, CLUSTER_CREATE_GROUP_INFO_VERSION_1, CLUSTER_GROUP_STATE, HCLUSTER, HGROUP,
    HNODE,
};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::resource::check_in_buffer;
use super::{Failure, Name, read_name, read_optional_name, run, run_code, write_optional_string, write_u32};
use crate::error::{Error, Result};
use crate::handle_types::{ClusterHandle, GroupHandle, Handle, NodeHandle};

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

// ---- state changes ---------------------------------------------------------------------------

/// The optional destination node handle of the group calls: NULL is none.
fn node_arg(h: HNODE) -> Option<NodeHandle> {
    (h != 0).then(|| NodeHandle::from_raw(h))
}

/// `OnlineClusterGroup`: brings the group online on `hdestinationnode` (moving it there
/// first), or on its owner for NULL; see [`Sim::online_group`](crate::Sim::online_group).
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterGroup(hgroup: HGROUP, hdestinationnode: HNODE) -> u32 {
    run("OnlineClusterGroup", Failure::Code, |sim, call| {
        let (g, n) = (GroupHandle::from_raw(hgroup), node_arg(hdestinationnode));
        sim.online_group_as(call, g, n, 0, None, |c| Ok(c.code()))
    })
}

/// `OnlineClusterGroupEx`: as [`OnlineClusterGroup`], with `CLUSAPI_GROUP_ONLINE_*` flags.
/// `lpinbuffer` is a property list, checked
/// (see `check_in_buffer`) and not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterGroupEx(
    hgroup: HGROUP,
    hdestinationnode: HNODE,
    dwonlineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("OnlineClusterGroupEx", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let (g, n) = (GroupHandle::from_raw(hgroup), node_arg(hdestinationnode));
        sim.online_group_as(call, g, n, dwonlineflags, None, |c| Ok(c.code()))
    })
}

/// `OnlineClusterGroupEx2`: as [`OnlineClusterGroupEx`]; the reason is recorded.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string;
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OnlineClusterGroupEx2(
    hgroup: HGROUP,
    hdestinationnode: HNODE,
    dwonlineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("OnlineClusterGroupEx2", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let mut reason = Name::new();
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason.read_optional(lpszreason) }?;
        let (g, n) = (GroupHandle::from_raw(hgroup), node_arg(hdestinationnode));
        sim.online_group_as(call, g, n, dwonlineflags, reason, |c| Ok(c.code()))
    })
}

/// `OfflineClusterGroup`: takes the group's resources offline; see
/// [`Sim::offline_group`](crate::Sim::offline_group).
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterGroup(hgroup: HGROUP) -> u32 {
    run("OfflineClusterGroup", Failure::Code, |sim, call| {
        sim.offline_group_as(call, GroupHandle::from_raw(hgroup), 0, None, |c| Ok(c.code()))
    })
}

/// `OfflineClusterGroupEx`: as [`OfflineClusterGroup`], with `CLUSAPI_GROUP_OFFLINE_*` flags.
/// `lpinbuffer` is a property list, checked
/// (see `check_in_buffer`) and not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterGroupEx(
    hgroup: HGROUP,
    dwofflineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("OfflineClusterGroupEx", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        sim.offline_group_as(call, GroupHandle::from_raw(hgroup), dwofflineflags, None, |c| Ok(c.code()))
    })
}

/// `OfflineClusterGroupEx2`: as [`OfflineClusterGroupEx`]; the reason is recorded.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string;
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OfflineClusterGroupEx2(
    hgroup: HGROUP,
    dwofflineflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("OfflineClusterGroupEx2", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let mut reason = Name::new();
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason.read_optional(lpszreason) }?;
        let g = GroupHandle::from_raw(hgroup);
        sim.offline_group_as(call, g, dwofflineflags, reason, |c| Ok(c.code()))
    })
}

/// `MoveClusterGroup`: moves the group to `hdestinationnode`, or for NULL to the best node;
/// see [`Sim::move_group`](crate::Sim::move_group).
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn MoveClusterGroup(hgroup: HGROUP, hdestinationnode: HNODE) -> u32 {
    run("MoveClusterGroup", Failure::Code, |sim, call| {
        let (g, n) = (GroupHandle::from_raw(hgroup), node_arg(hdestinationnode));
        sim.move_group_as(call, g, n, 0, None, |c| Ok(c.code()))
    })
}

/// `MoveClusterGroupEx`: as [`MoveClusterGroup`], with `CLUSAPI_GROUP_MOVE_*` flags.
/// `lpinbuffer` is a property list, checked
/// (see `check_in_buffer`) and not read.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn MoveClusterGroupEx(
    hgroup: HGROUP,
    hdestinationnode: HNODE,
    dwmoveflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
) -> u32 {
    run("MoveClusterGroupEx", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let (g, n) = (GroupHandle::from_raw(hgroup), node_arg(hdestinationnode));
        sim.move_group_as(call, g, n, dwmoveflags, None, |c| Ok(c.code()))
    })
}

/// `MoveClusterGroupEx2`: as [`MoveClusterGroupEx`]; the reason is recorded.
///
/// Returns `ERROR_SUCCESS (0)` when done, `ERROR_IO_PENDING (997)` when accepted and still
/// running on the virtual clock, or the error code; the last error is left alone.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string;
/// `lpinbuffer` is NULL or valid for reads of `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn MoveClusterGroupEx2(
    hgroup: HGROUP,
    hdestinationnode: HNODE,
    dwmoveflags: u32,
    lpinbuffer: *const u8,
    cbinbuffersize: u32,
    lpszreason: PCWSTR,
) -> u32 {
    run("MoveClusterGroupEx2", Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { check_in_buffer(lpinbuffer, cbinbuffersize) }?;
        let mut reason = Name::new();
        // SAFETY: forwarded from the caller.
        let reason = unsafe { reason.read_optional(lpszreason) }?;
        let (g, n) = (GroupHandle::from_raw(hgroup), node_arg(hdestinationnode));
        sim.move_group_as(call, g, n, dwmoveflags, reason, |c| Ok(c.code()))
    })
}

// ---- structure ----

/// `CreateClusterGroup`: a new empty, offline group (owned by the first node that is up) and
/// a handle to it; see [`Sim::create_group`](crate::Sim::create_group).
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_NAME (123)` for "" or
/// invalid UTF-16, `ERROR_OBJECT_ALREADY_EXISTS (5010)` for another group's name or GUID,
/// `ERROR_INVALID_PARAMETER (87)` for NULL, `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// `lpszgroupname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterGroup(hcluster: HCLUSTER, lpszgroupname: PCWSTR) -> HGROUP {
    run("CreateClusterGroup", Failure::Handle, |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszgroupname) }?;
        sim.create_group_as(call, ClusterHandle::from_raw(hcluster), &name, None, |h| Ok(h.raw()))
    })
}

/// `CreateClusterGroupEx`: as [`CreateClusterGroup`], of the `groupType` in `pgroupinfo`
/// (NULL: 9999, ClusGroupTypeUnknown). `dwVersion` must be `CLUSTER_CREATE_GROUP_INFO_VERSION_1`
/// (CLUSTER_CREATE_GROUP_INFO page: "Currently this is set to" 1); another version gives
/// `ERROR_INVALID_PARAMETER` (a choice). A negative `groupType` does too (a choice).
///
/// Returns as [`CreateClusterGroup`].
///
/// # Safety
/// `lpszgroupname` is NULL or a NUL-terminated UTF-16 string; `pgroupinfo` is NULL or valid
/// for reads of a `CLUSTER_CREATE_GROUP_INFO`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterGroupEx(
    hcluster: HCLUSTER,
    lpszgroupname: PCWSTR,
    pgroupinfo: *const CLUSTER_CREATE_GROUP_INFO,
) -> HGROUP {
    run("CreateClusterGroupEx", Failure::Handle, |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszgroupname) }?;
        let group_type = if pgroupinfo.is_null() {
            None
        } else {
            // SAFETY: non-NULL, and the caller promises it is valid for reads.
            let info = unsafe { pgroupinfo.read_unaligned() };
            if info.dwVersion != CLUSTER_CREATE_GROUP_INFO_VERSION_1 {
                return Err(Error::INVALID_PARAMETER);
            }
            Some(u32::try_from(info.groupType).map_err(|_| Error::INVALID_PARAMETER)?)
        };
        sim.create_group_as(call, ClusterHandle::from_raw(hcluster), &name, group_type, |h| Ok(h.raw()))
    })
}

/// `DeleteClusterGroup`: deletes an empty group; the handle stays open (close it). See
/// [`Sim::delete_group`](crate::Sim::delete_group).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_DIR_NOT_EMPTY (145)`,
/// `ERROR_CORE_RESOURCE (5026)`, 6, 5012).
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DeleteClusterGroup(hgroup: HGROUP) -> u32 {
    run_code("DeleteClusterGroup", |sim, call| {
        sim.delete_group_as(call, GroupHandle::from_raw(hgroup), None, Ok)
    })
}

/// `DeleteClusterGroupEx`: as [`DeleteClusterGroup`]; the reason is recorded.
///
/// Returns as [`DeleteClusterGroup`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DeleteClusterGroupEx(hgroup: HGROUP, lpszreason: PCWSTR) -> u32 {
    run_code("DeleteClusterGroupEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.delete_group_as(call, GroupHandle::from_raw(hgroup), reason.as_deref(), Ok)
    })
}

/// `DestroyClusterGroup`: deletes the group with its resources, which are terminated first;
/// see [`Sim::destroy_group`](crate::Sim::destroy_group).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_CORE_RESOURCE (5026)`, 6, 5012).
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DestroyClusterGroup(hgroup: HGROUP) -> u32 {
    run_code("DestroyClusterGroup", |sim, call| {
        sim.destroy_group_as(call, GroupHandle::from_raw(hgroup), None, Ok)
    })
}

/// `DestroyClusterGroupEx`: as [`DestroyClusterGroup`]; the reason is recorded.
///
/// Returns as [`DestroyClusterGroup`].
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DestroyClusterGroupEx(hgroup: HGROUP, lpszreason: PCWSTR) -> u32 {
    run_code("DestroyClusterGroupEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.destroy_group_as(call, GroupHandle::from_raw(hgroup), reason.as_deref(), Ok)
    })
}

/// `SetClusterGroupName`: renames the group; see [`Sim::set_group_name`](crate::Sim::set_group_name).
///
/// Returns `ERROR_SUCCESS` or the error code (`ERROR_INVALID_NAME (123)`,
/// `ERROR_ALREADY_EXISTS (183)`, 87 for NULL, 6, 5012).
///
/// # Safety
/// `lpszgroupname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterGroupName(hgroup: HGROUP, lpszgroupname: PCWSTR) -> u32 {
    run_code("SetClusterGroupName", |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszgroupname) }?;
        sim.set_group_name_as(call, GroupHandle::from_raw(hgroup), &name, None, Ok)
    })
}

/// `SetClusterGroupNameEx`: as [`SetClusterGroupName`]; the reason is recorded.
///
/// Returns as [`SetClusterGroupName`].
///
/// # Safety
/// The strings are NULL or NUL-terminated UTF-16.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterGroupNameEx(
    hgroup: HGROUP,
    lpszgroupname: PCWSTR,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("SetClusterGroupNameEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszgroupname) }?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.set_group_name_as(call, GroupHandle::from_raw(hgroup), &name, reason.as_deref(), Ok)
    })
}

/// Reads the node list of `SetClusterGroupNodeList`: NULL with a non-zero count is
/// `ERROR_INVALID_PARAMETER`; NULL with 0 is the empty list.
///
/// # Safety
/// `list` is NULL or valid for reads of `count` handles.
unsafe fn node_list(count: u32, list: *const HNODE) -> Result<Vec<NodeHandle>> {
    if count == 0 {
        return Ok(Vec::new());
    }
    if list.is_null() {
        return Err(Error::INVALID_PARAMETER);
    }
    // SAFETY: non-NULL, and the caller promises `count` readable handles.
    Ok((0..count as usize).map(|i| NodeHandle::from_raw(unsafe { list.add(i).read_unaligned() })).collect())
}

/// `SetClusterGroupNodeList`: the group's preferred owners become the nodes given, in order,
/// followed by the others (count 0 clears them); see
/// [`Sim::set_group_node_list`](crate::Sim::set_group_node_list).
///
/// Returns `ERROR_SUCCESS` or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL list
/// with a non-zero count or a node of another cluster, `ERROR_INVALID_HANDLE (6)` for a bad
/// group or node handle (NULL included), 5012.
///
/// # Safety
/// `nodelist` is NULL or valid for reads of `nodecount` handles.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterGroupNodeList(
    hgroup: HGROUP,
    nodecount: u32,
    nodelist: *const HNODE,
) -> u32 {
    run_code("SetClusterGroupNodeList", |sim, call| {
        // SAFETY: forwarded from the caller.
        let nodes = unsafe { node_list(nodecount, nodelist) }?;
        sim.set_group_node_list_as(call, GroupHandle::from_raw(hgroup), &nodes, None, Ok)
    })
}

/// `SetClusterGroupNodeListEx`: as [`SetClusterGroupNodeList`]; the reason is recorded.
///
/// Returns as [`SetClusterGroupNodeList`].
///
/// # Safety
/// As [`SetClusterGroupNodeList`]; `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterGroupNodeListEx(
    hgroup: HGROUP,
    nodecount: u32,
    nodelist: *const HNODE,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("SetClusterGroupNodeListEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let nodes = unsafe { node_list(nodecount, nodelist) }?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.set_group_node_list_as(call, GroupHandle::from_raw(hgroup), &nodes, reason.as_deref(), Ok)
    })
}

/// `CancelClusterGroupOperation`: cancels the group's pending move; see
/// [`Sim::cancel_group_operation`](crate::Sim::cancel_group_operation).
///
/// Returns `ERROR_SUCCESS (0)` when cancelled, `ERROR_IO_PENDING (997)` while the
/// cancellation runs (the page), or the error code: `ERROR_INVALID_PARAMETER (87)` for flags
/// other than 0, `ERROR_INVALID_STATE (5023)` when no move is pending (a choice),
/// `ERROR_INVALID_HANDLE (6)`. The last error is left alone.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CancelClusterGroupOperation(
    hgroup: HGROUP,
    dwcancelflags_reserved: u32,
) -> u32 {
    run("CancelClusterGroupOperation", Failure::Code, |sim, call| {
        sim.cancel_group_operation_as(call, GroupHandle::from_raw(hgroup), dwcancelflags_reserved, |c| {
            Ok(c.code())
        })
    })
}
