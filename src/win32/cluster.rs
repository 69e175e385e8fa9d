//! Cluster handles: `OpenCluster`, `OpenClusterEx`, `CloseCluster`.

use windows_sys::Win32::Networking::Clustering::HCLUSTER;
use windows_sys::core::{BOOL, PCWSTR};

use super::{Failure, read_optional_name, run, write_u32};
use crate::handle_types::{ClusterHandle, Handle};
use crate::sim::ExportScope;

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
    run("OpenCluster", Failure::Handle, |sim| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_optional_name(lpszclustername) }?;
        Ok(sim.open_cluster(name.as_deref())?.raw())
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
    run("OpenClusterEx", Failure::Handle, |sim| {
        // SAFETY: forwarded from the caller.
        let name = unsafe { read_optional_name(lpszclustername) }?;
        let h = sim.open_cluster(name.as_deref())?.raw();
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
    let _scope = ExportScope::enter();
    // Even a panic inside must not change the answer: the docs promise TRUE.
    let _ = std::panic::catch_unwind(|| crate::current().close_cluster(ClusterHandle::from_raw(hcluster)));
    1
}
