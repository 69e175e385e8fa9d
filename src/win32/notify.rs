//! Notification ports, v1: `CreateClusterNotifyPort`, `RegisterClusterNotify`,
//! `GetClusterNotify`, `CloseClusterNotifyPort`. The rules, and how waiting works on the
//! virtual clock, are on [`Sim::notify`](crate::Sim::notify) and [`crate::notify`].

use windows_sys::Win32::Foundation::HANDLE;
use windows_sys::Win32::Networking::Clustering::{HCHANGE, HCLUSTER, NOTIFY_FILTER_AND_TYPE};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::cluster::require;
use super::{Failure, Name, run, run_code, write_string};
use crate::error::{Error, codes};
use crate::handle_types::{ClusterHandle, Handle, NotifyPortHandle};

/// `INVALID_HANDLE_VALUE`, as `hChange` to make a new port and as `hCluster` to add a filter
/// set for the port's own cluster.
const INVALID_HANDLE_VALUE: isize = -1;

/// `CreateClusterNotifyPort`: with `hchange = INVALID_HANDLE_VALUE`, a new port on `hcluster`
/// with one cluster-wide filter set (`dwfilter`, key `dwnotifykey`; a filter of 0 makes a port
/// with no set yet); with an existing port, adds a cluster-wide filter set of `hcluster`
/// (`INVALID_HANDLE_VALUE`: the port's own cluster) and returns the port.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad port
/// or cluster handle (also `INVALID_HANDLE_VALUE` as the cluster of a new port),
/// `ERROR_INVALID_PARAMETER (87)` for a filter of 0 added to a port.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterNotifyPort(
    hchange: HCHANGE,
    hcluster: HCLUSTER,
    dwfilter: u32,
    dwnotifykey: usize,
) -> HCHANGE {
    run("CreateClusterNotifyPort", Failure::Handle, |sim, call| {
        if hchange == INVALID_HANDLE_VALUE {
            let cluster = ClusterHandle::from_raw(hcluster);
            sim.create_notify_port_as(call, cluster, dwfilter, dwnotifykey, |h| Ok(h.raw()))
        } else {
            let cluster = (hcluster != INVALID_HANDLE_VALUE).then(|| ClusterHandle::from_raw(hcluster));
            let port = NotifyPortHandle::from_raw(hchange);
            sim.add_notify_filter_as(call, port, cluster, dwfilter, dwnotifykey, |h| Ok(h.raw()))
        }
    })
}

/// `RegisterClusterNotify`: adds a filter set for the events of the object behind `hobject`
/// (an `HNODE`, `HGROUP`, `HRESOURCE`, `HNETWORK` or `HNETINTERFACE`), with key `dwnotifykey`.
///
/// Returns `ERROR_SUCCESS (0)`, `ERROR_INVALID_HANDLE (6)` for a bad port or object handle,
/// or `ERROR_INVALID_PARAMETER (87)` for a filter of 0; the last error is left alone.
///
/// # Safety
/// Safe to call with any values: `hobject` is only compared, never dereferenced.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RegisterClusterNotify(
    hchange: HCHANGE,
    dwfiltertype: u32,
    hobject: HANDLE,
    dwnotifykey: usize,
) -> u32 {
    run_code("RegisterClusterNotify", |sim, call| {
        let port = NotifyPortHandle::from_raw(hchange);
        sim.register_notify_as(call, port, dwfiltertype, hobject as isize, dwnotifykey, Ok)
    })
}

/// `GetClusterNotify`: takes the next event off the port, waiting up to `dwmilliseconds` on
/// the virtual clock (0 polls; `INFINITE` blocks the thread, without the simulator's lock,
/// once no operation is left to run; see [`Sim::notify`](crate::Sim::notify)).
///
/// Returns `ERROR_SUCCESS (0)` with `*lpdwnotifykey`, `*lpdwfiltertype` and the object's name
/// written; `WAIT_TIMEOUT (258)`; `ERROR_INVALID_HANDLE (6)` for a bad port, also when another
/// thread closes it during the wait; `ERROR_MORE_DATA (234)` when `lpszname` is too small:
/// the key and filter are written, `*lpcchname` holds the name's length without the NUL, and
/// the event is consumed. `ERROR_INVALID_PARAMETER (87)` for a NULL `lpdwnotifykey`,
/// `lpdwfiltertype` or `lpcchname`, checked before anything is taken. The last error is left
/// alone.
///
/// # Safety
/// `lpdwnotifykey` and `lpdwfiltertype` are NULL or valid for writes; `lpcchname` is NULL or
/// valid for reads and writes; `lpszname` is NULL or valid for `*lpcchname` WCHARs.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNotify(
    hchange: HCHANGE,
    lpdwnotifykey: *mut usize,
    lpdwfiltertype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
    dwmilliseconds: u32,
) -> u32 {
    run("GetClusterNotify", Failure::Code, |sim, call| {
        if lpdwnotifykey.is_null() || lpdwfiltertype.is_null() {
            return Err(Error::INVALID_PARAMETER);
        }
        require(lpcchname)?;
        let timeout = (dwmilliseconds != u32::MAX).then_some(u64::from(dwmilliseconds));
        sim.notify_as(call, NotifyPortHandle::from_raw(hchange), timeout, |event| {
            let Some(event) = event else { return Ok(codes::WAIT_TIMEOUT) };
            // SAFETY: both checked non-NULL above; the caller promises they are valid for writes.
            unsafe {
                lpdwnotifykey.write_unaligned(event.key);
                lpdwfiltertype.write_unaligned(event.filter);
            }
            // SAFETY: forwarded from the caller; lpcchname was checked non-NULL.
            unsafe { write_string(&event.name, lpszname, lpcchname) }?;
            Ok(codes::ERROR_SUCCESS)
        })
    })
}

/// `CloseClusterNotifyPort`: always TRUE. Drops the port's undelivered events and wakes every
/// `GetClusterNotify` waiting on it (which returns `ERROR_INVALID_HANDLE`).
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterNotifyPort(hchange: HCHANGE) -> BOOL {
    run("CloseClusterNotifyPort", Failure::Bool, |sim, call| {
        Ok(i32::from(sim.close_notify_port_as(call, NotifyPortHandle::from_raw(hchange))))
    })
}

/// `CreateClusterNotifyPortV2`: with `hchange = INVALID_HANDLE_VALUE`, a new v2 port on
/// `hcluster` with one cluster-wide filter set per element of `filters` (`dwfiltercount` of
/// them), all with key `dwnotifykey`. Another `hchange` is not supported: NULL with
/// `ERROR_INVALID_PARAMETER (87)`.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad
/// cluster handle, `ERROR_INVALID_PARAMETER (87)` for NULL `filters` with a count above 0.
///
/// # Safety
/// `filters` is NULL or valid for reads of `dwfiltercount` elements.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterNotifyPortV2(
    hchange: HCHANGE,
    hcluster: HCLUSTER,
    filters: *const NOTIFY_FILTER_AND_TYPE,
    dwfiltercount: u32,
    dwnotifykey: usize,
) -> HCHANGE {
    run("CreateClusterNotifyPortV2", Failure::Handle, |sim, call| {
        if hchange != INVALID_HANDLE_VALUE || (filters.is_null() && dwfiltercount > 0) {
            return Err(Error::INVALID_PARAMETER);
        }
        let list: Vec<(u32, i64)> = if dwfiltercount == 0 {
            Vec::new()
        } else {
            // SAFETY: non-NULL (checked above); the caller promises dwfiltercount elements.
            let s = unsafe { std::slice::from_raw_parts(filters, dwfiltercount as usize) };
            s.iter().map(|f| (f.dwObjectType, f.FilterFlags)).collect()
        };
        let cluster = ClusterHandle::from_raw(hcluster);
        sim.create_notify_port_v2_as(call, cluster, &list, dwnotifykey, |h| Ok(h.raw()))
    })
}

/// `RegisterClusterNotifyV2`: adds a filter set `filter` for the events of the object behind
/// `hobject`, with key `dwnotifykey`.
///
/// Returns `ERROR_SUCCESS (0)`, `ERROR_INVALID_HANDLE (6)` for a bad or v1 port or a bad object
/// handle, `ERROR_INVALID_PARAMETER (87)` for a mask of 0 or an object type not `hobject`'s.
///
/// # Safety
/// Safe to call with any values: `hobject` is only compared.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RegisterClusterNotifyV2(
    hchange: HCHANGE,
    filter: NOTIFY_FILTER_AND_TYPE,
    hobject: HANDLE,
    dwnotifykey: usize,
) -> u32 {
    run_code("RegisterClusterNotifyV2", |sim, call| {
        let port = NotifyPortHandle::from_raw(hchange);
        let f = (filter.dwObjectType, filter.FilterFlags);
        sim.register_notify_v2_as(call, port, f, hobject as isize, dwnotifykey, Ok)
    })
}

/// `RegisterClusterResourceTypeNotifyV2`: adds a filter set `flags`
/// (`CLUSTER_CHANGE_RESOURCE_TYPE_*_V2`) for the events of the resource type `restypename`
/// of `hcluster`, with key `dwnotifykey`; see
/// [`Sim::register_resource_type_notify_v2`](crate::Sim::register_resource_type_notify_v2).
///
/// Returns `ERROR_SUCCESS (0)`, `ERROR_INVALID_HANDLE (6)` for a bad or v1 port or a bad
/// cluster handle, `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type not installed,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL name, a mask of 0 or bits outside
/// `CLUSTER_CHANGE_RESOURCE_TYPE_ALL_V2`, `ERROR_INVALID_NAME (123)` for invalid UTF-16.
///
/// # Safety
/// `restypename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn RegisterClusterResourceTypeNotifyV2(
    hchange: HCHANGE,
    hcluster: HCLUSTER,
    flags: i64,
    restypename: PCWSTR,
    dwnotifykey: usize,
) -> u32 {
    run_code("RegisterClusterResourceTypeNotifyV2", |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let type_name = unsafe { name.read(restypename) }?;
        let port = NotifyPortHandle::from_raw(hchange);
        let cluster = ClusterHandle::from_raw(hcluster);
        sim.register_resource_type_notify_v2_as(call, port, cluster, flags, type_name, dwnotifykey, Ok)
    })
}

/// `GetClusterNotifyV2`: takes the next event off a v2 port, waiting as `GetClusterNotify`
/// does. Writes the key, the (object type, flag) pair, an empty payload (`*lpbbuffersize =
/// 0`), and the object id, parent id, name and type strings, each through the usual cch
/// protocol.
///
/// Returns `ERROR_SUCCESS (0)`; `WAIT_TIMEOUT (258)`; `ERROR_INVALID_HANDLE (6)` for a bad or
/// v1 port; `ERROR_MORE_DATA (234)` when any string buffer is too small: every string that fits
/// is written, each too-small cch gets the length without the NUL, and the event is consumed.
/// `ERROR_INVALID_PARAMETER (87)` for a NULL `lpdwnotifykey` or a string buffer with a NULL
/// cch, checked before anything is taken. The optional pointers (the page: `[in, out,
/// optional]`) may be NULL: `pfilterandtype`, `lpbbuffersize`, and a string with its cch
/// (that string is not returned).
///
/// # Safety
/// Every pointer is NULL or valid: the out pointers for writes, each cch for reads and
/// writes, each string buffer for its cch WCHARs.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNotifyV2(
    hchange: HCHANGE,
    lpdwnotifykey: *mut usize,
    pfilterandtype: *mut NOTIFY_FILTER_AND_TYPE,
    buffer: *mut u8,
    lpbbuffersize: *mut u32,
    lpszobjectid: PWSTR,
    lpcchobjectid: *mut u32,
    lpszparentid: PWSTR,
    lpcchparentid: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
    lpsztype: PWSTR,
    lpcchtype: *mut u32,
    dwmilliseconds: u32,
) -> u32 {
    let _ = buffer;
    run("GetClusterNotifyV2", Failure::Code, |sim, call| {
        // The key is `[out]`; the rest are `[in, out, optional]` (the page): a NULL one is not
        // written, but a string buffer needs its cch.
        if lpdwnotifykey.is_null() {
            return Err(Error::INVALID_PARAMETER);
        }
        for (buf, cch) in [
            (lpszobjectid, lpcchobjectid),
            (lpszparentid, lpcchparentid),
            (lpszname, lpcchname),
            (lpsztype, lpcchtype),
        ] {
            if !buf.is_null() {
                require(cch)?;
            }
        }
        let timeout = (dwmilliseconds != u32::MAX).then_some(u64::from(dwmilliseconds));
        sim.notify_v2_as(call, NotifyPortHandle::from_raw(hchange), timeout, |event| {
            let Some(e) = event else { return Ok(codes::WAIT_TIMEOUT) };
            // SAFETY: the key was checked non-NULL above, the others are written only when not
            // NULL; the caller promises they are valid for writes.
            unsafe {
                lpdwnotifykey.write_unaligned(e.key);
                if !pfilterandtype.is_null() {
                    pfilterandtype.write_unaligned(NOTIFY_FILTER_AND_TYPE {
                        dwObjectType: e.object_type,
                        FilterFlags: e.filter,
                    });
                }
                if !lpbbuffersize.is_null() {
                    lpbbuffersize.write_unaligned(0);
                }
            }
            let mut more = false;
            for (text, buf, cch) in [
                (&e.object_id, lpszobjectid, lpcchobjectid),
                (&e.parent_id, lpszparentid, lpcchparentid),
                (&e.name, lpszname, lpcchname),
                (&e.type_name, lpsztype, lpcchtype),
            ] {
                if cch.is_null() {
                    continue; // not wanted (its buffer is NULL too: checked above)
                }
                // SAFETY: forwarded from the caller; cch is not NULL.
                match unsafe { write_string(text, buf, cch) } {
                    Ok(()) => {}
                    Err(err) if err.code() == codes::ERROR_MORE_DATA => more = true,
                    Err(err) => return Err(err),
                }
            }
            if more { Err(Error::new(codes::ERROR_MORE_DATA)) } else { Ok(codes::ERROR_SUCCESS) }
        })
    })
}

/// `GetNotifyEventHandle`: writes a non-NULL handle for the port's events: the port's own
/// handle value (the simulator has no kernel events).
///
/// Returns `ERROR_SUCCESS (0)`, `ERROR_INVALID_HANDLE (6)` for a bad port, or
/// `ERROR_INVALID_PARAMETER (87)` for a NULL `lphtargetevent` (nothing written).
///
/// # Safety
/// `lphtargetevent` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetNotifyEventHandle(hchange: HCHANGE, lphtargetevent: *mut HANDLE) -> u32 {
    run_code("GetNotifyEventHandle", |sim, call| {
        if lphtargetevent.is_null() {
            return Err(Error::INVALID_PARAMETER);
        }
        sim.notify_event_handle_as(call, NotifyPortHandle::from_raw(hchange), |h| {
            // SAFETY: checked non-NULL; the caller promises it is valid for writes.
            unsafe { lphtargetevent.write_unaligned(h as HANDLE) };
            Ok(())
        })
    })
}
