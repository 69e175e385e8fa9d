//! The cluster registry exports (`reference/engine-properties-notify.md` §D): the
//! `GetCluster*Key` functions, `ClusterReg*` keys and values, write batches and read batches.
//! Marshalling only; the semantics are on [`Sim`](crate::Sim) (`cluster_key`, `reg_open_key`,
//! ...).
//!
//! Size protocols (§D.2):
//! * Names (`ClusterRegEnumKey`, `ClusterRegEnumValue`): `*lpcch` is the capacity in WCHARs
//!   with the NUL on input, the length without it on output; too small gives
//!   `ERROR_MORE_DATA (234)` and the length needed, without the NUL.
//! * Data (`ClusterRegQueryValue`, `ClusterRegEnumValue`): with `lpData` NULL and `lpcbData`
//!   set, `ERROR_SUCCESS` and the size (doc:ClusterRegQueryValue); a buffer too small
//!   (Samba's `test_QueryValue_int` passes `cbData = 0` with a buffer) gives
//!   `ERROR_MORE_DATA` and the size needed. The "NULL data gives ERROR_MORE_DATA" is
//!   Samba's RPC view, where a buffer is always present; the two agree on every call Samba
//!   makes, and the docs win for a NULL `lpData`.
//! * Security descriptors (`ClusterRegGetKeySecurity`): too small or NULL gives
//!   `ERROR_INSUFFICIENT_BUFFER (122)` and the size needed (Samba's
//!   `test_GetKeySecurity_int` retries on it).
//!
//! Pointers the functions write through (`phkResult`, `lpcch*`) that are NULL where the
//! function needs them give `ERROR_INVALID_PARAMETER (87)` before anything changes; invalid
//! UTF-16 in a name gives `ERROR_INVALID_NAME (123)` (as every export's names do).

use core::ffi::c_void;
use windows_sys::Win32::Foundation::FILETIME;
use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_BATCH_COMMAND, CLUSTER_READ_BATCH_COMMAND, CLUSTER_REG_COMMAND, HCLUSTER, HGROUP, HNETINTERFACE,
    HNETWORK, HNODE, HREGBATCH, HREGBATCHNOTIFICATION, HREGBATCHPORT, HREGREADBATCH, HREGREADBATCHREPLY,
    HRESOURCE,
};
use windows_sys::Win32::Security::{OBJECT_SECURITY_INFORMATION, PSECURITY_DESCRIPTOR, SECURITY_ATTRIBUTES};
use windows_sys::Win32::System::Registry::HKEY;
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::{Failure, Name, run, write_string, write_u32};
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterHandle, GroupHandle, Handle, KeyHandle, NetInterfaceHandle, NetworkHandle, NodeHandle,
    RegBatchHandle, RegBatchNotificationHandle, RegBatchPortHandle, RegReadBatchHandle,
    RegReadBatchReplyHandle, ResourceHandle,
};
use crate::registry::command::CLUSREG_READ_VALUE;

/// Runs a `LONG`-returning registry export.
fn run_reg(
    function: &'static str,
    body: impl FnOnce(&crate::Sim, &mut crate::sim::Call) -> Result<()>,
) -> i32 {
    run(function, Failure::Code, |sim, call| body(sim, call).map(|()| 0))
}

/// Runs a `DWORD`-returning registry export.
fn run_reg_u32(
    function: &'static str,
    body: impl FnOnce(&crate::Sim, &mut crate::sim::Call) -> Result<()>,
) -> u32 {
    super::run_code(function, body)
}

fn hkey(h: HKEY) -> KeyHandle {
    KeyHandle::from_raw(h as isize)
}

fn need<T>(p: *const T) -> Result<()> {
    if p.is_null() { Err(Error::INVALID_PARAMETER) } else { Ok(()) }
}

/// Writes `data` into `lpdata`/`lpcbdata` with the data size protocol of the module docs.
///
/// # Safety
/// `lpdata` is NULL or valid for `*lpcbdata` bytes; `lpcbdata` is NULL (only with a NULL
/// `lpdata`) or valid for reads and writes.
unsafe fn write_data(data: &[u8], lpdata: *mut u8, lpcbdata: *mut u32) -> Result<()> {
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    if lpcbdata.is_null() {
        return if lpdata.is_null() { Ok(()) } else { Err(Error::INVALID_PARAMETER) };
    }
    if lpdata.is_null() {
        // SAFETY: non-null, valid for writes (the caller).
        unsafe { lpcbdata.write_unaligned(len) };
        return Ok(());
    }
    // SAFETY: non-null, valid for reads (the caller).
    let capacity = unsafe { lpcbdata.read_unaligned() };
    // SAFETY: as above.
    unsafe { lpcbdata.write_unaligned(len) };
    if capacity < len {
        return Err(Error::new(codes::ERROR_MORE_DATA));
    }
    // SAFETY: the buffer holds `capacity >= len` bytes (the caller); the source is ours.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), lpdata, data.len()) };
    Ok(())
}

/// Reads the `cb` bytes at `p` (NULL only with `cb == 0`).
///
/// # Safety
/// `p` is NULL or valid for reads of `cb` bytes.
unsafe fn bytes<'a>(p: *const u8, cb: u32) -> Result<&'a [u8]> {
    if cb == 0 {
        return Ok(&[]);
    }
    need(p)?;
    // SAFETY: non-null and valid for `cb` bytes (the caller).
    Ok(unsafe { std::slice::from_raw_parts(p, cb as usize) })
}

/// Writes a FILETIME (100 ns ticks) to an optional out pointer.
///
/// # Safety
/// `p` is NULL or valid for writes of a FILETIME.
unsafe fn write_filetime(p: *mut FILETIME, t: u64) {
    if !p.is_null() {
        let ft = FILETIME { dwLowDateTime: t as u32, dwHighDateTime: (t >> 32) as u32 };
        // SAFETY: non-null, valid for writes (the caller).
        unsafe { p.write_unaligned(ft) };
    }
}

/// The length of the self-relative security descriptor at `p`: its 20-byte header and the
/// furthest end of the owner, group, SACL and DACL it points to (each SID `8 + 4 * n` bytes,
/// each ACL its `AclSize`). Malformed headers give the header's length, and the descriptor is
/// then rejected by the simulator.
///
/// # Safety
/// `p` points to a self-relative security descriptor whose parts are readable.
unsafe fn descriptor_len(p: *const u8) -> usize {
    // SAFETY: a descriptor has its 20-byte header (the caller).
    let header = unsafe { std::slice::from_raw_parts(p, 20) };
    let at = |o: usize| u32::from_le_bytes([header[o], header[o + 1], header[o + 2], header[o + 3]]) as usize;
    let mut end = 20;
    const LIMIT: usize = 1 << 16;
    for (offset_at, is_acl) in [(4, false), (8, false), (12, true), (16, true)] {
        let off = at(offset_at);
        if off == 0 || off > LIMIT {
            continue;
        }
        let len = if is_acl {
            // SAFETY: the part the header points to is readable (the caller).
            let size = unsafe { [p.add(off + 2).read(), p.add(off + 3).read()] };
            u16::from_le_bytes(size) as usize
        } else {
            // SAFETY: as above.
            8 + 4 * unsafe { p.add(off + 1).read() } as usize
        };
        end = end.max(off + len);
    }
    end
}

// ---- keys ----------------------------------------------------------------------------------

/// `GetClusterKey`: the root key of the cluster database, or NULL with the last error
/// `ERROR_INVALID_HANDLE (6)`. `samDesired` is not modelled.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterKey(hcluster: HCLUSTER, samdesired: u32) -> HKEY {
    let _ = samdesired;
    run("GetClusterKey", Failure::NullPtr, |sim, call| {
        sim.cluster_key_as(call, ClusterHandle::from_raw(hcluster), |h| Ok(h.raw() as HKEY))
    })
}

/// `GetClusterGroupKey`: the group's key `Groups\<GUID>`, or NULL and the last error.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterGroupKey(hgroup: HGROUP, samdesired: u32) -> HKEY {
    let _ = samdesired;
    run("GetClusterGroupKey", Failure::NullPtr, |sim, call| {
        sim.group_key_as(call, GroupHandle::from_raw(hgroup), |h| Ok(h.raw() as HKEY))
    })
}

/// `GetClusterResourceKey`: the resource's key `Resources\<GUID>`, or NULL and the last error.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterResourceKey(hresource: HRESOURCE, samdesired: u32) -> HKEY {
    let _ = samdesired;
    run("GetClusterResourceKey", Failure::NullPtr, |sim, call| {
        sim.resource_key_as(call, ResourceHandle::from_raw(hresource), |h| Ok(h.raw() as HKEY))
    })
}

/// `GetClusterNodeKey`: the node's key `Nodes\<id>`, or NULL and the last error.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNodeKey(hnode: HNODE, samdesired: u32) -> HKEY {
    let _ = samdesired;
    run("GetClusterNodeKey", Failure::NullPtr, |sim, call| {
        sim.node_key_as(call, NodeHandle::from_raw(hnode), |h| Ok(h.raw() as HKEY))
    })
}

/// `GetClusterNetworkKey`: the network's key `Networks\<GUID>`, or NULL and the last error.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNetworkKey(hnetwork: HNETWORK, samdesired: u32) -> HKEY {
    let _ = samdesired;
    run("GetClusterNetworkKey", Failure::NullPtr, |sim, call| {
        sim.network_key_as(call, NetworkHandle::from_raw(hnetwork), |h| Ok(h.raw() as HKEY))
    })
}

/// `GetClusterNetInterfaceKey`: the interface's key `NetworkInterfaces\<GUID>`, or NULL and
/// the last error.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterNetInterfaceKey(
    hnetinterface: HNETINTERFACE,
    samdesired: u32,
) -> HKEY {
    let _ = samdesired;
    run("GetClusterNetInterfaceKey", Failure::NullPtr, |sim, call| {
        sim.net_interface_key_as(call, NetInterfaceHandle::from_raw(hnetinterface), |h| Ok(h.raw() as HKEY))
    })
}

/// `GetClusterResourceTypeKey`: the type's key `ResourceTypes\<name>`, or NULL and the last
/// error: `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type not installed,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL name.
///
/// # Safety
/// `lpsztypename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn GetClusterResourceTypeKey(
    hcluster: HCLUSTER,
    lpsztypename: PCWSTR,
    samdesired: u32,
) -> HKEY {
    let _ = samdesired;
    run("GetClusterResourceTypeKey", Failure::NullPtr, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpsztypename) }?;
        sim.resource_type_key_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw() as HKEY))
    })
}

/// `ClusterRegOpenKey`: opens `lpszsubkey` below `hkey` into `*phkresult` (§D.2).
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL subkey or result
/// pointer, or the codes of [`Sim::reg_open_key`](crate::Sim::reg_open_key).
///
/// # Safety
/// `lpszsubkey` is NULL or a NUL-terminated UTF-16 string; `phkresult` is NULL or valid for
/// writes of an `HKEY`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegOpenKey(
    hkey: HKEY,
    lpszsubkey: PCWSTR,
    samdesired: u32,
    phkresult: *mut HKEY,
) -> i32 {
    let _ = samdesired;
    run_reg("ClusterRegOpenKey", |sim, call| {
        need(phkresult)?;
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let sub = unsafe { name.read(lpszsubkey) }?;
        sim.reg_open_key_as(call, self::hkey(hkey), sub, |h| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { phkresult.write_unaligned(h.raw() as HKEY) };
            Ok(())
        })
    })
}

/// # Safety
/// As [`ClusterRegCreateKey`].
unsafe fn create_key(
    function: &'static str,
    hkey: HKEY,
    lpszsubkey: PCWSTR,
    phkresult: *mut HKEY,
    lpdwdisposition: *mut u32,
) -> i32 {
    run_reg(function, |sim, call| {
        need(phkresult)?;
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let sub = unsafe { name.read(lpszsubkey) }?;
        sim.reg_create_key_as(call, self::hkey(hkey), sub, |(h, how)| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { phkresult.write_unaligned(h.raw() as HKEY) };
            // SAFETY: NULL or valid for writes (the caller).
            unsafe { write_u32(lpdwdisposition, how.code()) };
            Ok(())
        })
    })
}

/// `ClusterRegCreateKey`: creates or opens `lpszsubkey` below `hkey` into `*phkresult`, and
/// `REG_CREATED_NEW_KEY (1)` or `REG_OPENED_EXISTING_KEY (2)` into `*lpdwdisposition` if
/// given. `dwOptions`, `samDesired` and the security attributes are not modelled.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL subkey or result
/// pointer, or the codes of [`Sim::reg_create_key`](crate::Sim::reg_create_key).
///
/// # Safety
/// `lpszsubkey` is NULL or a NUL-terminated UTF-16 string; `phkresult` is NULL or valid for
/// writes of an `HKEY`; `lpdwdisposition` is NULL or valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCreateKey(
    hkey: HKEY,
    lpszsubkey: PCWSTR,
    dwoptions: u32,
    samdesired: u32,
    lpsecurityattributes: *const SECURITY_ATTRIBUTES,
    phkresult: *mut HKEY,
    lpdwdisposition: *mut u32,
) -> i32 {
    let _ = (dwoptions, samdesired, lpsecurityattributes);
    // SAFETY: forwarded from the caller.
    unsafe { create_key("ClusterRegCreateKey", hkey, lpszsubkey, phkresult, lpdwdisposition) }
}

/// `ClusterRegCreateKeyEx`: [`ClusterRegCreateKey`] with a reason for the audit log, which
/// is not read.
///
/// # Safety
/// As [`ClusterRegCreateKey`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCreateKeyEx(
    hkey: HKEY,
    lpsubkey: PCWSTR,
    dwoptions: u32,
    samdesired: u32,
    lpsecurityattributes: *const SECURITY_ATTRIBUTES,
    phkresult: *mut HKEY,
    lpdwdisposition: *mut u32,
    lpszreason: PCWSTR,
) -> i32 {
    let _ = (dwoptions, samdesired, lpsecurityattributes, lpszreason);
    // SAFETY: forwarded from the caller.
    unsafe { create_key("ClusterRegCreateKeyEx", hkey, lpsubkey, phkresult, lpdwdisposition) }
}

/// # Safety
/// As [`ClusterRegDeleteKey`].
unsafe fn delete_key(function: &'static str, hkey: HKEY, lpszsubkey: PCWSTR) -> i32 {
    run_reg(function, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let sub = unsafe { name.read(lpszsubkey) }?;
        sim.reg_delete_key_as(call, self::hkey(hkey), sub, Ok)
    })
}

/// `ClusterRegDeleteKey`: deletes `lpszsubkey` below `hkey`, which must have no subkeys.
///
/// Returns the codes of [`Sim::reg_delete_key`](crate::Sim::reg_delete_key).
///
/// # Safety
/// `lpszsubkey` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegDeleteKey(hkey: HKEY, lpszsubkey: PCWSTR) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe { delete_key("ClusterRegDeleteKey", hkey, lpszsubkey) }
}

/// `ClusterRegDeleteKeyEx`: [`ClusterRegDeleteKey`] with a reason, which is not read.
///
/// # Safety
/// As [`ClusterRegDeleteKey`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegDeleteKeyEx(hkey: HKEY, lpsubkey: PCWSTR, lpszreason: PCWSTR) -> i32 {
    let _ = lpszreason;
    // SAFETY: forwarded from the caller.
    unsafe { delete_key("ClusterRegDeleteKeyEx", hkey, lpsubkey) }
}

/// `ClusterRegCloseKey`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseKey(hkey: HKEY) -> i32 {
    run_reg("ClusterRegCloseKey", |sim, call| sim.reg_close_key_as(call, self::hkey(hkey), Ok))
}

/// `ClusterRegEnumKey`: the name of subkey `dwindex` into `lpszname` (size protocol of the
/// module docs) and its last-write time into `*lpftlastwritetime` if given.
///
/// Returns `ERROR_SUCCESS`, `ERROR_NO_MORE_ITEMS (259)` past the end, `ERROR_MORE_DATA
/// (234)`, `ERROR_INVALID_PARAMETER (87)` for a NULL name or length, or the codes of
/// [`Sim::reg_enum_key`](crate::Sim::reg_enum_key).
///
/// # Safety
/// `lpszname` is valid for `*lpcchname` WCHARs; `lpcchname` is valid for reads and writes;
/// `lpftlastwritetime` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegEnumKey(
    hkey: HKEY,
    dwindex: u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
    lpftlastwritetime: *mut FILETIME,
) -> i32 {
    run_reg("ClusterRegEnumKey", |sim, call| {
        need(lpszname)?;
        need(lpcchname)?;
        sim.reg_enum_key_as(call, self::hkey(hkey), dwindex, |(name, lw)| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&name, lpszname, lpcchname) }?;
            // SAFETY: forwarded from the caller.
            unsafe { write_filetime(lpftlastwritetime, lw) };
            Ok(())
        })
    })
}

/// `ClusterRegEnumValue`: value `dwindex`: its name into `lpszvaluename` (name size
/// protocol), its type into `*lpdwtype` and its data into `lpdata` (data size protocol), the
/// optional ones when given. Nothing is written unless everything fits; with a name or data
/// buffer too small the lengths needed are stored and `ERROR_MORE_DATA (234)` returned.
///
/// Returns `ERROR_SUCCESS`, `ERROR_NO_MORE_ITEMS (259)` past the end, 234,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL name or length, or the codes of
/// [`Sim::reg_enum_value`](crate::Sim::reg_enum_value).
///
/// # Safety
/// `lpszvaluename` is valid for `*lpcchvaluename` WCHARs and `lpcchvaluename` for reads and
/// writes; `lpdwtype` is NULL or valid for writes; `lpdata` is NULL or valid for
/// `*lpcbdata` bytes; `lpcbdata` is NULL (only with a NULL `lpdata`) or valid for reads and
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegEnumValue(
    hkey: HKEY,
    dwindex: u32,
    lpszvaluename: PWSTR,
    lpcchvaluename: *mut u32,
    lpdwtype: *mut u32,
    lpdata: *mut u8,
    lpcbdata: *mut u32,
) -> u32 {
    run_reg_u32("ClusterRegEnumValue", |sim, call| {
        need(lpszvaluename)?;
        need(lpcchvaluename)?;
        if !lpdata.is_null() {
            need(lpcbdata)?;
        }
        sim.reg_enum_value_as(call, self::hkey(hkey), dwindex, |v| {
            // SAFETY: non-null (checked), valid for reads (the caller).
            let cch = unsafe { lpcchvaluename.read_unaligned() };
            let name_len = u32::try_from(v.name().encode_utf16().count()).unwrap_or(u32::MAX);
            let data_len = u32::try_from(v.data().len()).unwrap_or(u32::MAX);
            // SAFETY: non-null (checked) when `lpdata` is, valid for reads (the caller).
            let cb = if lpdata.is_null() { u32::MAX } else { unsafe { lpcbdata.read_unaligned() } };
            if cch <= name_len || cb < data_len {
                // SAFETY: valid for writes (the caller); `lpcbdata` may be NULL.
                unsafe {
                    lpcchvaluename.write_unaligned(name_len);
                    write_u32(lpcbdata, data_len);
                }
                return Err(Error::new(codes::ERROR_MORE_DATA));
            }
            // SAFETY: forwarded from the caller; the capacities were checked above.
            unsafe {
                write_string(v.name(), lpszvaluename, lpcchvaluename)?;
                write_u32(lpdwtype, v.kind());
                write_data(v.data(), lpdata, lpcbdata)
            }
        })
    })
}

/// `ClusterRegQueryValue`: the type and data of value `lpszvaluename` (NULL or `""`: the
/// default value), with the data size protocol of the module docs.
///
/// Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)`, `ERROR_FILE_NOT_FOUND (2)`, or the codes
/// of [`Sim::reg_query_value`](crate::Sim::reg_query_value).
///
/// # Safety
/// `lpszvaluename` is NULL or a NUL-terminated UTF-16 string; `lpdwvaluetype` is NULL or
/// valid for writes; `lpdata` is NULL or valid for `*lpcbdata` bytes; `lpcbdata` is NULL
/// (only with a NULL `lpdata`) or valid for reads and writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegQueryValue(
    hkey: HKEY,
    lpszvaluename: PCWSTR,
    lpdwvaluetype: *mut u32,
    lpdata: *mut u8,
    lpcbdata: *mut u32,
) -> i32 {
    run_reg("ClusterRegQueryValue", |sim, call| {
        if !lpdata.is_null() {
            need(lpcbdata)?;
        }
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let value = unsafe { name.read_optional(lpszvaluename) }?.unwrap_or("");
        sim.reg_query_value_as(call, self::hkey(hkey), value, |v| {
            // SAFETY: forwarded from the caller.
            unsafe { write_u32(lpdwvaluetype, v.kind()) };
            // SAFETY: forwarded from the caller.
            unsafe { write_data(v.data(), lpdata, lpcbdata) }
        })
    })
}

/// # Safety
/// As [`ClusterRegSetValue`].
unsafe fn set_value(
    function: &'static str,
    hkey: HKEY,
    name: PCWSTR,
    kind: u32,
    data: *const u8,
    cb: u32,
) -> u32 {
    run_reg_u32(function, |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read_optional(name) }?.unwrap_or("");
        // SAFETY: forwarded from the caller.
        let data = unsafe { bytes(data, cb) }?;
        sim.reg_set_value_as(call, self::hkey(hkey), name, kind, data, Ok)
    })
}

/// `ClusterRegSetValue`: creates or replaces value `lpszvaluename` (NULL: the default value)
/// with `cbdata` bytes of type `dwtype`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for NULL data with a size, or the
/// codes of [`Sim::reg_set_value`](crate::Sim::reg_set_value).
///
/// # Safety
/// `lpszvaluename` is NULL or a NUL-terminated UTF-16 string; `lpdata` is NULL or valid for
/// `cbdata` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegSetValue(
    hkey: HKEY,
    lpszvaluename: PCWSTR,
    dwtype: u32,
    lpdata: *const u8,
    cbdata: u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { set_value("ClusterRegSetValue", hkey, lpszvaluename, dwtype, lpdata, cbdata) }
}

/// `ClusterRegSetValueEx`: [`ClusterRegSetValue`] with a reason, which is not read.
///
/// # Safety
/// As [`ClusterRegSetValue`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegSetValueEx(
    hkey: HKEY,
    lpszvaluename: PCWSTR,
    dwtype: u32,
    lpdata: *const u8,
    cbdata: u32,
    lpszreason: PCWSTR,
) -> u32 {
    let _ = lpszreason;
    // SAFETY: forwarded from the caller.
    unsafe { set_value("ClusterRegSetValueEx", hkey, lpszvaluename, dwtype, lpdata, cbdata) }
}

/// # Safety
/// As [`ClusterRegDeleteValue`].
unsafe fn delete_value(function: &'static str, hkey: HKEY, name: PCWSTR) -> u32 {
    run_reg_u32(function, |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read_optional(name) }?.unwrap_or("");
        sim.reg_delete_value_as(call, self::hkey(hkey), name, Ok)
    })
}

/// `ClusterRegDeleteValue`: deletes value `lpszvaluename` (NULL: the default value).
///
/// Returns the codes of [`Sim::reg_delete_value`](crate::Sim::reg_delete_value).
///
/// # Safety
/// `lpszvaluename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegDeleteValue(hkey: HKEY, lpszvaluename: PCWSTR) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { delete_value("ClusterRegDeleteValue", hkey, lpszvaluename) }
}

/// `ClusterRegDeleteValueEx`: [`ClusterRegDeleteValue`] with a reason, which is not read.
///
/// # Safety
/// As [`ClusterRegDeleteValue`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegDeleteValueEx(
    hkey: HKEY,
    lpszvaluename: PCWSTR,
    lpszreason: PCWSTR,
) -> u32 {
    let _ = lpszreason;
    // SAFETY: forwarded from the caller.
    unsafe { delete_value("ClusterRegDeleteValueEx", hkey, lpszvaluename) }
}

/// `ClusterRegQueryInfoKey`: counts and maximum lengths into the pointers given (each may be
/// NULL; windows-sys types them `*const` though they are outputs). Name lengths are in
/// WCHARs without the NUL.
///
/// Returns the codes of [`Sim::reg_query_info_key`](crate::Sim::reg_query_info_key).
///
/// # Safety
/// Each pointer is NULL or valid for writes of its type.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegQueryInfoKey(
    hkey: HKEY,
    lpcsubkeys: *const u32,
    lpcchmaxsubkeylen: *const u32,
    lpcvalues: *const u32,
    lpcchmaxvaluenamelen: *const u32,
    lpcbmaxvaluelen: *const u32,
    lpcbsecuritydescriptor: *const u32,
    lpftlastwritetime: *const FILETIME,
) -> i32 {
    run_reg("ClusterRegQueryInfoKey", |sim, call| {
        sim.reg_query_info_key_as(call, self::hkey(hkey), |i| {
            // SAFETY: each pointer is NULL or valid for writes (the caller).
            unsafe {
                write_u32(lpcsubkeys.cast_mut(), i.subkeys);
                write_u32(lpcchmaxsubkeylen.cast_mut(), i.max_subkey_name_len);
                write_u32(lpcvalues.cast_mut(), i.values);
                write_u32(lpcchmaxvaluenamelen.cast_mut(), i.max_value_name_len);
                write_u32(lpcbmaxvaluelen.cast_mut(), i.max_value_data_len);
                write_u32(lpcbsecuritydescriptor.cast_mut(), i.security_descriptor_len);
                write_filetime(lpftlastwritetime.cast_mut(), i.last_write);
            }
            Ok(())
        })
    })
}

/// `ClusterRegGetKeySecurity`: the parts of the key's self-relative security descriptor that
/// `requestedinformation` asks for. A NULL or too small buffer gives
/// `ERROR_INSUFFICIENT_BUFFER (122)` and the size needed in `*lpcbsecuritydescriptor`.
///
/// Returns `ERROR_SUCCESS`, 122, `ERROR_INVALID_PARAMETER (87)` for a NULL size, or the
/// codes of [`Sim::reg_get_key_security`](crate::Sim::reg_get_key_security).
///
/// # Safety
/// `psecuritydescriptor` is NULL or valid for `*lpcbsecuritydescriptor` bytes;
/// `lpcbsecuritydescriptor` is NULL or valid for reads and writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegGetKeySecurity(
    hkey: HKEY,
    requestedinformation: u32,
    psecuritydescriptor: PSECURITY_DESCRIPTOR,
    lpcbsecuritydescriptor: *mut u32,
) -> i32 {
    run_reg("ClusterRegGetKeySecurity", |sim, call| {
        need(lpcbsecuritydescriptor)?;
        sim.reg_get_key_security_as(call, self::hkey(hkey), requestedinformation, |sd| {
            let out = psecuritydescriptor.cast::<u8>();
            // SAFETY: non-null (checked), valid for reads (the caller).
            let cb = unsafe { lpcbsecuritydescriptor.read_unaligned() };
            let len = u32::try_from(sd.len()).unwrap_or(u32::MAX);
            // SAFETY: as above, for writes.
            unsafe { lpcbsecuritydescriptor.write_unaligned(len) };
            if out.is_null() || cb < len {
                return Err(Error::new(codes::ERROR_INSUFFICIENT_BUFFER));
            }
            // SAFETY: the buffer holds `cb >= len` bytes (the caller).
            unsafe { std::ptr::copy_nonoverlapping(sd.as_ptr(), out, sd.len()) };
            Ok(())
        })
    })
}

/// # Safety
/// As [`ClusterRegSetKeySecurity`].
unsafe fn set_key_security(function: &'static str, hkey: HKEY, info: u32, psd: PSECURITY_DESCRIPTOR) -> i32 {
    run_reg(function, |sim, call| {
        need(psd)?;
        // SAFETY: a self-relative descriptor (the caller).
        let len = unsafe { descriptor_len(psd.cast()) };
        // SAFETY: its parts are readable (the caller), so its `len` bytes are.
        let sd = unsafe { std::slice::from_raw_parts(psd.cast::<u8>(), len) };
        sim.reg_set_key_security_as(call, self::hkey(hkey), info, sd, Ok)
    })
}

/// `ClusterRegSetKeySecurity`: replaces the parts `securityinformation` names of the key's
/// security descriptor with those of the self-relative descriptor `psecuritydescriptor`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for NULL, or the codes of
/// [`Sim::reg_set_key_security`](crate::Sim::reg_set_key_security).
///
/// # Safety
/// `psecuritydescriptor` is NULL or a readable self-relative security descriptor.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegSetKeySecurity(
    hkey: HKEY,
    securityinformation: u32,
    psecuritydescriptor: PSECURITY_DESCRIPTOR,
) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe { set_key_security("ClusterRegSetKeySecurity", hkey, securityinformation, psecuritydescriptor) }
}

/// `ClusterRegSetKeySecurityEx`: [`ClusterRegSetKeySecurity`] with a reason, which is not
/// read.
///
/// # Safety
/// As [`ClusterRegSetKeySecurity`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegSetKeySecurityEx(
    hkey: HKEY,
    securityinformation: OBJECT_SECURITY_INFORMATION,
    psecuritydescriptor: PSECURITY_DESCRIPTOR,
    lpszreason: PCWSTR,
) -> i32 {
    let _ = lpszreason;
    // SAFETY: forwarded from the caller.
    unsafe { set_key_security("ClusterRegSetKeySecurityEx", hkey, securityinformation, psecuritydescriptor) }
}

// ---- write batches -------------------------------------------------------------------------

/// `ClusterRegCreateBatch`: a new write batch on `hkey` into `*phregbatch`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL result pointer, or
/// the codes of [`Sim::reg_create_batch`](crate::Sim::reg_create_batch).
///
/// # Safety
/// `phregbatch` is NULL or valid for writes of an `HREGBATCH`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCreateBatch(hkey: HKEY, phregbatch: *mut HREGBATCH) -> i32 {
    run_reg("ClusterRegCreateBatch", |sim, call| {
        need(phregbatch)?;
        sim.reg_create_batch_as(call, self::hkey(hkey), |h| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { phregbatch.write_unaligned(h.raw()) };
            Ok(())
        })
    })
}

/// `ClusterRegBatchAddCommand`: appends a command to the batch; `lpdata`/`cbdata` are the
/// value's data (`CLUSREG_SET_VALUE`) or the comparand (the conditions).
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL name or NULL data with
/// a size, or the codes of [`Sim::reg_batch_add_command`](crate::Sim::reg_batch_add_command).
///
/// # Safety
/// `wzname` is NULL or a NUL-terminated UTF-16 string; `lpdata` is NULL or valid for
/// `cbdata` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegBatchAddCommand(
    hregbatch: HREGBATCH,
    dwcommand: CLUSTER_REG_COMMAND,
    wzname: PCWSTR,
    dwoptions: u32,
    lpdata: *const c_void,
    cbdata: u32,
) -> i32 {
    run_reg("ClusterRegBatchAddCommand", |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(wzname) }?;
        // SAFETY: forwarded from the caller.
        let data = unsafe { bytes(lpdata.cast(), cbdata) }?;
        let command = u32::try_from(dwcommand).unwrap_or(u32::MAX);
        sim.reg_batch_add_command_as(
            call,
            RegBatchHandle::from_raw(hregbatch),
            command,
            name,
            dwoptions,
            data,
        )
    })
}

/// # Safety
/// `failed` is NULL or valid for writes of an `i32`.
unsafe fn close_batch(function: &'static str, hregbatch: HREGBATCH, commit: bool, failed: *mut i32) -> i32 {
    run_reg(function, |sim, call| {
        let r = sim.reg_close_batch_as(call, RegBatchHandle::from_raw(hregbatch), commit);
        if let Err(f) = &r {
            if !failed.is_null() {
                // SAFETY: non-null, valid for writes (the caller).
                unsafe { failed.write_unaligned(f.index) };
            }
        }
        r.map_err(|f| f.error)
    })
}

/// `ClusterRegCloseBatch`: with `bcommit` TRUE runs the batch atomically, else discards it;
/// the handle is closed either way. On failure `*failedcommandnumber` (if given) receives the
/// 0-based index of the failing command, or -1 if none ran (doc:ClusterRegCloseBatch).
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_HANDLE (6)`, or the failing command's error
/// (`ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED (5986)` for a condition).
///
/// # Safety
/// `failedcommandnumber` is NULL or valid for writes of an `i32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseBatch(
    hregbatch: HREGBATCH,
    bcommit: BOOL,
    failedcommandnumber: *mut i32,
) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe { close_batch("ClusterRegCloseBatch", hregbatch, bcommit != 0, failedcommandnumber) }
}

/// `ClusterRegCloseBatchEx`: runs the batch as [`ClusterRegCloseBatch`] with `bCommit`
/// TRUE. The docs do not define `flags`; any value commits (a choice).
///
/// # Safety
/// As [`ClusterRegCloseBatch`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseBatchEx(
    hregbatch: HREGBATCH,
    flags: u32,
    failedcommandnumber: *mut i32,
) -> i32 {
    let _ = flags;
    // SAFETY: forwarded from the caller.
    unsafe { close_batch("ClusterRegCloseBatchEx", hregbatch, true, failedcommandnumber) }
}

// ---- read batches --------------------------------------------------------------------------

/// `ClusterRegCreateReadBatch`: a new read batch on `hkey` into `*phregreadbatch`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL result pointer, or
/// the codes of [`Sim::reg_create_read_batch`](crate::Sim::reg_create_read_batch).
///
/// # Safety
/// `phregreadbatch` is NULL or valid for writes of an `HREGREADBATCH`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCreateReadBatch(
    hkey: HKEY,
    phregreadbatch: *mut HREGREADBATCH,
) -> i32 {
    run_reg("ClusterRegCreateReadBatch", |sim, call| {
        need(phregreadbatch)?;
        sim.reg_create_read_batch_as(call, self::hkey(hkey), |h| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { phregreadbatch.write_unaligned(h.raw()) };
            Ok(())
        })
    })
}

/// `ClusterRegReadBatchAddCommand`: adds a read of `wzvaluename` in `wzsubkeyname` (NULL or
/// `""`: the batch's key).
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL value name, or
/// `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Both names are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegReadBatchAddCommand(
    hregreadbatch: HREGREADBATCH,
    wzsubkeyname: PCWSTR,
    wzvaluename: PCWSTR,
) -> i32 {
    run_reg("ClusterRegReadBatchAddCommand", |sim, call| {
        let (mut a, mut b) = (Name::new(), Name::new());
        // SAFETY: forwarded from the caller.
        let sub = unsafe { a.read_optional(wzsubkeyname) }?.unwrap_or("");
        // SAFETY: forwarded from the caller.
        let value = unsafe { b.read(wzvaluename) }?;
        sim.reg_read_batch_add_command_as(call, RegReadBatchHandle::from_raw(hregreadbatch), sub, value)
    })
}

/// # Safety
/// `out` is NULL or valid for writes.
unsafe fn close_read_batch(function: &'static str, h: HREGREADBATCH, out: *mut HREGREADBATCHREPLY) -> i32 {
    run_reg(function, |sim, call| {
        need(out)?;
        sim.reg_close_read_batch_as(call, RegReadBatchHandle::from_raw(h), |r| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { out.write_unaligned(r.raw()) };
            Ok(())
        })
    })
}

/// `ClusterRegCloseReadBatch`: runs the read batch, closes it, and puts a handle to its
/// replies into `*phregreadbatchreply`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL result pointer, or the
/// codes of [`Sim::reg_close_read_batch`](crate::Sim::reg_close_read_batch).
///
/// # Safety
/// `phregreadbatchreply` is NULL or valid for writes of an `HREGREADBATCHREPLY`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseReadBatch(
    hregreadbatch: HREGREADBATCH,
    phregreadbatchreply: *mut HREGREADBATCHREPLY,
) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe { close_read_batch("ClusterRegCloseReadBatch", hregreadbatch, phregreadbatchreply) }
}

/// `ClusterRegCloseReadBatchEx`: [`ClusterRegCloseReadBatch`]; `flags` (0, or IsolatedRead
/// 2) changes nothing, as every read batch runs under the simulator's one lock.
///
/// # Safety
/// As [`ClusterRegCloseReadBatch`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseReadBatchEx(
    hregreadbatch: HREGREADBATCH,
    flags: u32,
    phregreadbatchreply: *mut HREGREADBATCHREPLY,
) -> i32 {
    let _ = flags;
    // SAFETY: forwarded from the caller.
    unsafe { close_read_batch("ClusterRegCloseReadBatchEx", hregreadbatch, phregreadbatchreply) }
}

/// `ClusterRegReadBatchReplyNextCommand`: the next reply into `*pbatchcommand`: `Command`
/// `CLUSREG_READ_VALUE (8)` with the type in `dwOptions`, or `CLUSREG_READ_ERROR (9)` with the
/// error; the names and data point into the reply and stay valid until
/// `ClusterRegCloseReadBatchReply` (doc:CLUSTER_READ_BATCH_COMMAND).
///
/// Returns `ERROR_SUCCESS`, `ERROR_NO_MORE_ITEMS (259)` after the last one,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL output, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// `pbatchcommand` is NULL or valid for writes of a `CLUSTER_READ_BATCH_COMMAND`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegReadBatchReplyNextCommand(
    hregreadbatchreply: HREGREADBATCHREPLY,
    pbatchcommand: *mut CLUSTER_READ_BATCH_COMMAND,
) -> i32 {
    run_reg("ClusterRegReadBatchReplyNextCommand", |sim, call| {
        need(pbatchcommand)?;
        sim.reg_read_batch_reply_next_as(call, RegReadBatchReplyHandle::from_raw(hregreadbatchreply), |e| {
            let (command, options) = e.reply.command_and_options();
            let cb = match &e.reply.result {
                Ok((_, d)) if command == CLUSREG_READ_VALUE => u32::try_from(d.len()).unwrap_or(u32::MAX),
                _ => 0,
            };
            let out = CLUSTER_READ_BATCH_COMMAND {
                Command: command as CLUSTER_REG_COMMAND,
                dwOptions: options,
                wzSubkeyName: e.subkey,
                wzValueName: e.value,
                lpData: e.data,
                cbData: cb,
            };
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { pbatchcommand.write_unaligned(out) };
            Ok(())
        })
    })
}

/// `ClusterRegCloseReadBatchReply`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseReadBatchReply(hregreadbatchreply: HREGREADBATCHREPLY) -> i32 {
    run_reg("ClusterRegCloseReadBatchReply", |sim, call| {
        sim.reg_close_read_batch_reply_as(call, RegReadBatchReplyHandle::from_raw(hregreadbatchreply))
    })
}

// ---- batch notification ports --------------------------------------------------------------

/// `ClusterRegCreateBatchNotifyPort`: a batch notification port on `hkey` into
/// `*phbatchnotifyport`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL result pointer, or the
/// codes of [`Sim::reg_create_batch_notify_port`](crate::Sim::reg_create_batch_notify_port).
///
/// # Safety
/// `phbatchnotifyport` is NULL or valid for writes of an `HREGBATCHPORT`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCreateBatchNotifyPort(
    hkey: HKEY,
    phbatchnotifyport: *mut HREGBATCHPORT,
) -> i32 {
    run_reg("ClusterRegCreateBatchNotifyPort", |sim, call| {
        need(phbatchnotifyport)?;
        sim.reg_create_batch_notify_port_as(call, self::hkey(hkey), |h| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { phbatchnotifyport.write_unaligned(h.raw()) };
            Ok(())
        })
    })
}

/// `ClusterRegGetBatchNotification`: the oldest pending batch notification into
/// `*phbatchnotification`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_NO_MORE_ITEMS (259)` when none is pending,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL result pointer, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// `phbatchnotification` is NULL or valid for writes of an `HREGBATCHNOTIFICATION`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegGetBatchNotification(
    hbatchnotify: HREGBATCHPORT,
    phbatchnotification: *mut HREGBATCHNOTIFICATION,
) -> i32 {
    run_reg("ClusterRegGetBatchNotification", |sim, call| {
        need(phbatchnotification)?;
        sim.reg_get_batch_notification_as(call, RegBatchPortHandle::from_raw(hbatchnotify), |h| {
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { phbatchnotification.write_unaligned(h.raw()) };
            Ok(())
        })
    })
}

/// `ClusterRegBatchReadCommand`: the next command of a batch notification into
/// `*pbatchcommand`; its name and data point into the notification and stay valid until
/// `ClusterRegBatchCloseNotification`.
///
/// Returns `ERROR_SUCCESS`, `ERROR_NO_MORE_ITEMS (259)` after the last one,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL output, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// `pbatchcommand` is NULL or valid for writes of a `CLUSTER_BATCH_COMMAND`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegBatchReadCommand(
    hbatchnotification: HREGBATCHNOTIFICATION,
    pbatchcommand: *mut CLUSTER_BATCH_COMMAND,
) -> i32 {
    run_reg("ClusterRegBatchReadCommand", |sim, call| {
        need(pbatchcommand)?;
        sim.reg_batch_read_command_as(call, RegBatchNotificationHandle::from_raw(hbatchnotification), |e| {
            let out = CLUSTER_BATCH_COMMAND {
                Command: e.command.command as CLUSTER_REG_COMMAND,
                dwOptions: e.command.options,
                wzName: e.name,
                lpData: if e.command.data.is_empty() { std::ptr::null() } else { e.data },
                cbData: u32::try_from(e.command.data.len()).unwrap_or(u32::MAX),
            };
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { pbatchcommand.write_unaligned(out) };
            Ok(())
        })
    })
}

/// `ClusterRegBatchCloseNotification`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegBatchCloseNotification(
    hbatchnotification: HREGBATCHNOTIFICATION,
) -> i32 {
    run_reg("ClusterRegBatchCloseNotification", |sim, call| {
        sim.reg_batch_close_notification_as(call, RegBatchNotificationHandle::from_raw(hbatchnotification))
    })
}

/// `ClusterRegCloseBatchNotifyPort`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRegCloseBatchNotifyPort(hbatchnotifyport: HREGBATCHPORT) -> i32 {
    run_reg("ClusterRegCloseBatchNotifyPort", |sim, call| {
        sim.reg_close_batch_notify_port_as(call, RegBatchPortHandle::from_raw(hbatchnotifyport))
    })
}
