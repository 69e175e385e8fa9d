//! Cluster handles and cluster-wide queries: `OpenCluster`, `OpenClusterEx`, `CloseCluster`,
//! `GetClusterInformation`, `GetNodeClusterState`.

use windows_sys::Win32::Networking::Clustering::{CLUSTERVERSIONINFO, CLUSTERVERSIONINFO_NT4, HCLUSTER};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::{Failure, Name, read_optional_name, run, run_code, write_string, write_u32};
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, Handle};
use crate::sim::Call;
use crate::world::ClusterVersion;

/// `OpenCluster`: a handle to the cluster named `lpszclustername` (a cluster name, its FQDN
/// or a node's NetBIOS name), or to the local cluster for NULL.
///
/// Returns NULL on failure and sets the last error: `RPC_S_SERVER_UNAVAILABLE (1722)` for an
/// unknown name, `ERROR_INVALID_NAME (123)` for invalid UTF-16.
///
/// # Safety
/// `lpszclustername` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenCluster(lpszclustername: PCWSTR) -> HCLUSTER {
    run("OpenCluster", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read_optional(lpszclustername) }?;
        sim.open_cluster_as(call, name, |h| Ok(h.raw()))
    })
}

/// `OpenClusterEx`: as [`OpenCluster`]; the simulator grants every access asked for
/// (`*grantedaccess = desiredaccess`), as an administrator's connection would be.
///
/// # Safety
/// `lpszclustername` is NULL or a NUL-terminated UTF-16 string; `grantedaccess` is NULL or
/// valid for a `u32` write.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterEx(
    lpszclustername: PCWSTR,
    desiredaccess: u32,
    grantedaccess: *mut u32,
) -> HCLUSTER {
    run("OpenClusterEx", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read_optional(lpszclustername) }?;
        let h = sim.open_cluster_as(call, name, Ok)?.raw();
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(grantedaccess, desiredaccess) };
        Ok(h)
    })
}

/// `CloseCluster`: always TRUE, for any value (CloseCluster page). Invalidates every handle
/// derived from `hcluster`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseCluster(hcluster: HCLUSTER) -> BOOL {
    // Even a panic inside must not change the answer: the docs promise TRUE.
    let _ = std::panic::catch_unwind(|| {
        let mut call = Call::export("CloseCluster", false);
        crate::sim::with_current(|sim| sim.close_cluster_as(&mut call, ClusterHandle::from_raw(hcluster)))
    });
    1
}

/// `GetClusterInformation`: the cluster's name (buffer-size protocol of `reference/clusapi.md`
/// §6.2) and, when `lpclusterinfo` is not NULL, its version (`CLUSTERVERSIONINFO`).
///
/// Returns `ERROR_SUCCESS`, or the error code:
/// * `ERROR_INVALID_HANDLE (6)` for a bad cluster handle;
/// * `ERROR_INVALID_PARAMETER (87)` for a NULL `lpcchclustername`, or a `dwVersionInfoSize`
///   smaller than `CLUSTERVERSIONINFO_NT4` (nothing is written then);
/// * `ERROR_MORE_DATA (234)` when the name does not fit (a NULL buffer has no room):
///   `*lpcchclustername` then holds its length, excluding the NUL.
///
/// The version information is filled in whenever the handle and the parameters are valid, also
/// when the name does not fit (a choice). A `dwVersionInfoSize` of at least
/// `size_of::<CLUSTERVERSIONINFO>()` gets every field; one of at least
/// `size_of::<CLUSTERVERSIONINFO_NT4>()` gets only the NT4 prefix (the older layout that
/// structure describes; a choice). `dwVersionInfoSize` and `dwReserved` are left as they are;
/// `szVendorId` and `szCSDVersion` are NUL-terminated, cut to 63 units if longer.
///
/// # Safety
/// `lpszclustername` is NULL or valid for writes of `*lpcchclustername` WCHARs;
/// `lpcchclustername` is NULL or valid for reads and writes of a `u32`; `lpclusterinfo` is NULL
/// or points to a writable structure of at least `dwVersionInfoSize` bytes (its first member).
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterInformation(
    hcluster: HCLUSTER,
    lpszclustername: PWSTR,
    lpcchclustername: *mut u32,
    lpclusterinfo: *mut CLUSTERVERSIONINFO,
) -> u32 {
    run_code("GetClusterInformation", |sim, call| {
        require(lpcchclustername)?;
        let info_size = if lpclusterinfo.is_null() {
            None
        } else {
            // SAFETY: non-NULL, and the caller promises its first member is readable.
            let size = unsafe { (&raw const (*lpclusterinfo).dwVersionInfoSize).read_unaligned() };
            if (size as usize) < size_of::<CLUSTERVERSIONINFO_NT4>() {
                return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
            }
            Some(size as usize)
        };
        sim.cluster_information_as(call, ClusterHandle::from_raw(hcluster), |info| {
            if let Some(size) = info_size {
                // SAFETY: the caller promises `size` writable bytes, checked to cover the NT4 part.
                unsafe { write_version(lpclusterinfo, size, &info.version) };
            }
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&info.name, lpszclustername, lpcchclustername) }
        })
    })
}

/// A string as a `WCHAR[64]` member: NUL-terminated, cut to 63 units, never splitting a
/// surrogate pair.
fn wide64(s: &str) -> [u16; 64] {
    let mut out = [0u16; 64];
    let mut len = 0;
    for c in s.chars() {
        let mut units = [0u16; 2];
        let units = c.encode_utf16(&mut units);
        if len + units.len() > 63 {
            break;
        }
        out[len..len + units.len()].copy_from_slice(units);
        len += units.len();
    }
    out
}

/// Fills the fields of a `CLUSTERVERSIONINFO` that fit in `size` bytes (at least the NT4
/// prefix).
///
/// # Safety
/// `p` points to at least `size >= size_of::<CLUSTERVERSIONINFO_NT4>()` writable bytes.
unsafe fn write_version(p: *mut CLUSTERVERSIONINFO, size: usize, v: &ClusterVersion) {
    // SAFETY: every field written lies in the NT4 prefix, which the caller promises is
    // writable, or, for the last three, within `size >= size_of::<CLUSTERVERSIONINFO>()` bytes.
    unsafe {
        (&raw mut (*p).MajorVersion).write_unaligned(v.major);
        (&raw mut (*p).MinorVersion).write_unaligned(v.minor);
        (&raw mut (*p).BuildNumber).write_unaligned(v.build);
        (&raw mut (*p).szVendorId).write_unaligned(wide64(&v.vendor));
        (&raw mut (*p).szCSDVersion).write_unaligned(wide64(&v.csd_version));
        if size >= size_of::<CLUSTERVERSIONINFO>() {
            (&raw mut (*p).dwClusterHighestVersion).write_unaligned(v.highest);
            (&raw mut (*p).dwClusterLowestVersion).write_unaligned(v.lowest);
            (&raw mut (*p).dwFlags).write_unaligned(v.flags);
        }
    }
}

/// `GetNodeClusterState`: whether the cluster service is installed and running on the machine
/// `lpsznodename` (NULL or empty: the local machine), as a `NODE_CLUSTER_STATE` in
/// `*pdwclusterstate`: `ClusterStateRunning (19)` for a node that is not down,
/// `ClusterStateNotRunning (3)` for a down node, `ClusterStateNotInstalled (0)` for a local
/// machine outside any simulated cluster.
///
/// Needs no cluster handle. Returns `ERROR_SUCCESS`, or the error code:
/// `ERROR_INVALID_PARAMETER (87)` for a NULL `pdwclusterstate` or an unterminated name,
/// `ERROR_INVALID_NAME (123)` for invalid UTF-16, `RPC_S_SERVER_UNAVAILABLE (1722)` for a
/// machine the simulator does not know (its service control manager cannot be reached; a
/// choice). `*pdwclusterstate` is written only on success.
///
/// # Safety
/// `lpsznodename` is NULL or a NUL-terminated UTF-16 string; `pdwclusterstate` is NULL or
/// valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetNodeClusterState(lpsznodename: PCWSTR, pdwclusterstate: *mut u32) -> u32 {
    run_code("GetNodeClusterState", |sim, call| {
        require(pdwclusterstate)?;
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read_optional(lpsznodename) }?;
        sim.node_cluster_state_as(call, name, |state| {
            // SAFETY: non-NULL (checked above), and the caller promises it is writable.
            unsafe { write_u32(pdwclusterstate, state.value()) };
            Ok(())
        })
    })
}

/// Rejects a NULL pointer to a required out (or in/out) `u32` with `ERROR_INVALID_PARAMETER`,
/// before the simulator is asked anything.
pub(super) fn require(p: *const u32) -> Result<()> {
    if p.is_null() { Err(Error::new(codes::ERROR_INVALID_PARAMETER)) } else { Ok(()) }
}

// ---- configuration ---------------------------------------------------------------------------

/// Runs `SetClusterName(Ex)`: 5024 on success, as the SetClusterName page says.
///
/// # Safety
/// Both strings are NULL or NUL-terminated UTF-16 strings.
unsafe fn set_name(function: &'static str, hcluster: HCLUSTER, name: PCWSTR, reason: PCWSTR) -> u32 {
    super::run(function, Failure::Code, |sim, call| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { super::read_name(name) }?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(reason) }?;
        let cluster = ClusterHandle::from_raw(hcluster);
        sim.set_cluster_name_as(call, cluster, &name, reason.as_deref(), |()| {
            Ok(codes::ERROR_RESOURCE_PROPERTIES_STORED)
        })
    })
}

/// `SetClusterName`: renames the cluster; see [`Sim::set_cluster_name`](crate::Sim::set_cluster_name).
///
/// Returns `ERROR_RESOURCE_PROPERTIES_STORED (5024)` on success (the SetClusterName page; also
/// for the cluster's own name, which changes nothing: Samba against Windows), or the error
/// code: `ERROR_INVALID_NAME (123)` for an empty or invalid name or invalid UTF-16,
/// `ERROR_ALREADY_EXISTS (183)`, `ERROR_INVALID_PARAMETER (87)` for NULL,
/// `ERROR_INVALID_HANDLE (6)`. The last error is left alone.
///
/// # Safety
/// `lpsznewclustername` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterName(hcluster: HCLUSTER, lpsznewclustername: PCWSTR) -> u32 {
    // SAFETY: forwarded from the caller; a NULL reason.
    unsafe { set_name("SetClusterName", hcluster, lpsznewclustername, std::ptr::null()) }
}

/// `SetClusterNameEx`: as [`SetClusterName`]; the reason is recorded.
///
/// # Safety
/// Both strings are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterNameEx(
    hcluster: HCLUSTER,
    lpsznewclustername: PCWSTR,
    lpszreason: PCWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { set_name("SetClusterNameEx", hcluster, lpsznewclustername, lpszreason) }
}

/// `GetClusterQuorumResource`: the quorum resource's name and the quorum device, each with
/// the buffer-size protocol of `reference/clusapi.md` §6.2, and the quorum type in
/// `*lpdwmaxquorumlogsize` (when not NULL); see
/// [`Sim::quorum_resource`](crate::Sim::quorum_resource).
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL
/// count, `ERROR_INVALID_HANDLE (6)`, `ERROR_MORE_DATA (234)` when either string does not
/// fit (both counts then hold the lengths, excluding the NUL; the one that fits is written,
/// and so is the quorum type: a choice). The last error is left alone.
///
/// # Safety
/// Each buffer is NULL or valid for writes of its count in WCHARs; each count is NULL or valid
/// for reads and writes of a `u32`; `lpdwmaxquorumlogsize` is NULL or valid for a `u32` write.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterQuorumResource(
    hcluster: HCLUSTER,
    lpszresourcename: PWSTR,
    lpcchresourcename: *mut u32,
    lpszdevicename: PWSTR,
    lpcchdevicename: *mut u32,
    lpdwmaxquorumlogsize: *mut u32,
) -> u32 {
    run_code("GetClusterQuorumResource", |sim, call| {
        require(lpcchresourcename)?;
        require(lpcchdevicename)?;
        sim.quorum_resource_as(call, ClusterHandle::from_raw(hcluster), |q| {
            // SAFETY: forwarded from the caller.
            let name = unsafe { write_string(&q.resource_name, lpszresourcename, lpcchresourcename) };
            // SAFETY: forwarded from the caller.
            let device = unsafe { write_string(&q.device_name, lpszdevicename, lpcchdevicename) };
            // SAFETY: forwarded from the caller.
            unsafe { write_u32(lpdwmaxquorumlogsize, q.max_quorum_log_size) };
            name.and(device)
        })
    })
}
