//! The Cluster Shared Volume path helpers: resutils.dll's `ClusterIsPathOnSharedVolume`,
//! `ClusterGetVolumePathName`, `ClusterGetVolumeNameForVolumeMountPoint`, and clusapi.dll's
//! `IsFileOnClusterSharedVolume`. They need no handle: they read the process-wide current
//! simulator's local cluster ([`Sim::is_path_on_shared_volume`](crate::Sim::is_path_on_shared_volume)
//! and its siblings have the rules).

use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::{Failure, Name, run, run_code};
use crate::error::{Error, Result, codes};

/// Copies `s` and its NUL into `buf` of `cch` WCHARs.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER (87)` for a NULL `buf`; `ERROR_FILENAME_EXCED_RANGE (206)` when
/// `s` and its NUL do not fit (what GetVolumePathName reports for a short buffer; a choice, the
/// resutils pages name no code). Nothing is written then.
///
/// # Safety
/// `buf` is NULL or valid for writes of `cch` units.
unsafe fn write_path(s: &str, buf: PWSTR, cch: u32) -> Result<BOOL> {
    if buf.is_null() {
        return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
    }
    let units: Vec<u16> = s.encode_utf16().chain([0]).collect();
    if units.len() > cch as usize {
        return Err(Error::new(codes::ERROR_FILENAME_EXCED_RANGE));
    }
    // SAFETY: units.len() <= cch, and the caller promises buf holds cch units.
    unsafe { std::ptr::copy_nonoverlapping(units.as_ptr(), buf, units.len()) };
    Ok(1)
}

/// `ClusterIsPathOnSharedVolume`: TRUE when `lpszpathname` is on one of the local cluster's
/// Cluster Shared Volumes (under `C:\ClusterStorage\Volume<N>`, ignoring case, `\` or `/`),
/// whichever node owns it (the page's "domain account" column), else FALSE.
///
/// FALSE for a path on no CSV leaves the last error alone; FALSE with the last error
/// `ERROR_INVALID_PARAMETER (87)` for a NULL path, `ERROR_INVALID_NAME (123)` for invalid
/// UTF-16.
///
/// # Safety
/// `lpszpathname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterIsPathOnSharedVolume(lpszpathname: PCWSTR) -> BOOL {
    run("ClusterIsPathOnSharedVolume", Failure::Bool, |sim, call| {
        let mut path = Name::new();
        // SAFETY: forwarded from the caller.
        let path = unsafe { path.read(lpszpathname) }?;
        sim.is_path_on_shared_volume_as(call, path, |on| Ok(BOOL::from(on)))
    })
}

/// `ClusterGetVolumePathName`: writes the volume mount point of `lpszfilename` (with a
/// trailing `\`: `C:\ClusterStorage\Volume1\` for a path on that CSV, `X:\` for another
/// drive path) into `lpszvolumepathname`, a buffer of `cchbufferlength` WCHARs.
///
/// Returns TRUE, or FALSE and sets the last error: `ERROR_INVALID_PARAMETER (87)` for a NULL
/// string or buffer; `ERROR_SUCCESS (0)` for an empty path (as the page says);
/// `ERROR_INVALID_NAME (123)` for a relative or UNC path or invalid UTF-16;
/// `ERROR_FILENAME_EXCED_RANGE (206)` when the result and its NUL do not fit.
///
/// # Safety
/// `lpszfilename` is NULL or a NUL-terminated UTF-16 string; `lpszvolumepathname` is NULL or
/// valid for writes of `cchbufferlength` units.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGetVolumePathName(
    lpszfilename: PCWSTR,
    lpszvolumepathname: PWSTR,
    cchbufferlength: u32,
) -> BOOL {
    run("ClusterGetVolumePathName", Failure::Bool, |sim, call| {
        let mut path = Name::new();
        // SAFETY: forwarded from the caller.
        let path = unsafe { path.read(lpszfilename) }?;
        // SAFETY: forwarded from the caller.
        sim.volume_path_name_as(call, path, |s| unsafe {
            write_path(&s, lpszvolumepathname, cchbufferlength)
        })
    })
}

/// `ClusterGetVolumeNameForVolumeMountPoint`: writes the volume GUID path
/// `\\?\Volume{GUID}\` of the CSV mounted at `lpszvolumemountpoint` (its folder
/// `C:\ClusterStorage\Volume<N>\` or its volume GUID path, with the trailing `\`) into
/// `lpszvolumename`, a buffer of `cchbufferlength` WCHARs (50 hold it).
///
/// Returns TRUE, or FALSE and sets the last error: `ERROR_INVALID_PARAMETER (87)` for a NULL
/// string or buffer, or a mount point without the trailing `\`; `ERROR_INVALID_NAME (123)`
/// for a folder that is not a CSV's root or invalid UTF-16; `ERROR_CSV_VOLUME_NOT_LOCAL
/// (5951)` when the CSV's resource is not online; `ERROR_FILENAME_EXCED_RANGE (206)` when the
/// name and its NUL do not fit.
///
/// # Safety
/// `lpszvolumemountpoint` is NULL or a NUL-terminated UTF-16 string; `lpszvolumename` is
/// NULL or valid for writes of `cchbufferlength` units.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGetVolumeNameForVolumeMountPoint(
    lpszvolumemountpoint: PCWSTR,
    lpszvolumename: PWSTR,
    cchbufferlength: u32,
) -> BOOL {
    run("ClusterGetVolumeNameForVolumeMountPoint", Failure::Bool, |sim, call| {
        let mut mount_point = Name::new();
        // SAFETY: forwarded from the caller.
        let mount_point = unsafe { mount_point.read(lpszvolumemountpoint) }?;
        sim.volume_name_for_mount_point_as(call, mount_point, |s| {
            // SAFETY: forwarded from the caller.
            unsafe { write_path(&s, lpszvolumename, cchbufferlength) }
        })
    })
}

/// `IsFileOnClusterSharedVolume` (clusapi.dll): writes into `*pbfileisonsharedvolume`
/// whether `lpszpathname` is on a Cluster Shared Volume, as
/// [`ClusterIsPathOnSharedVolume`] decides.
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL
/// path or out pointer, `ERROR_INVALID_NAME (123)` for invalid UTF-16. The last error is left
/// alone.
///
/// # Safety
/// `lpszpathname` is NULL or a NUL-terminated UTF-16 string; `pbfileisonsharedvolume` is
/// NULL or valid for writes of a `BOOL`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn IsFileOnClusterSharedVolume(
    lpszpathname: PCWSTR,
    pbfileisonsharedvolume: *mut BOOL,
) -> u32 {
    run_code("IsFileOnClusterSharedVolume", |sim, call| {
        if pbfileisonsharedvolume.is_null() {
            return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
        }
        let mut path = Name::new();
        // SAFETY: forwarded from the caller.
        let path = unsafe { path.read(lpszpathname) }?;
        sim.is_path_on_shared_volume_as(call, path, |on| {
            // SAFETY: non-NULL (checked above), and the caller promises it is writable.
            unsafe { pbfileisonsharedvolume.write_unaligned(BOOL::from(on)) };
            Ok(())
        })
    })
}
