//! Group handles and state: `OpenClusterGroup`, `CloseClusterGroup`, `GetClusterGroupState`.

use windows_sys::Win32::Networking::Clustering::{CLUSTER_GROUP_STATE, HCLUSTER, HGROUP};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::{Failure, read_name, run, write_optional_string};
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
    run("OpenClusterGroup", Failure::Handle, |sim| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_name(lpszgroupname) }?;
        Ok(sim.open_group(ClusterHandle::from_raw(hcluster), &name)?.raw())
    })
}

/// `CloseClusterGroup`: TRUE, or FALSE with last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterGroup(hgroup: HGROUP) -> BOOL {
    run("CloseClusterGroup", Failure::Bool, |sim| sim.close_group(GroupHandle::from_raw(hgroup)).map(|()| 1))
}

/// `GetClusterGroupState`: the group's state, and its owner node's name when a buffer is
/// given (`lpsznodename` may be NULL when the name is not wanted).
///
/// Returns `ClusterGroupStateUnknown (-1)` on failure and sets the last error, including
/// `ERROR_MORE_DATA (234)` when the buffer is too small (`*lpcchnodename` then holds the
/// length needed).
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
    run("GetClusterGroupState", Failure::StateUnknown, |sim| {
        let (state, owner) = sim.group_state(GroupHandle::from_raw(hgroup))?;
        // SAFETY: forwarded from the caller.
        unsafe { write_optional_string(&owner, lpsznodename, lpcchnodename) }?;
        Ok(state.value())
    })
}
