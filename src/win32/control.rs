//! Control codes: `ClusterResourceControl`, `ClusterResourceTypeControl`, `ClusterGroupControl`,
//! `ClusterNodeControl` and `ClusterControl`, for the codes that read an object's identity.
//!
//! A control code is `(object << 24) | function` (`reference/clusapi.md` §4.4); the object bits
//! must name the kind of object the function is called for (resource 1, resource type 2,
//! group 3, node 4, cluster 7). Simulated functions:
//!
//! | function | resource | resource type | group | node | cluster | output |
//! |---|---|---|---|---|---|---|
//! | `CLCTL_UNKNOWN` (0x0) | yes | yes | yes | yes | yes | nothing |
//! | `GET_CHARACTERISTICS` (0x5) | type's `CLUS_CHAR_*` | same | 0 | 0 | — | DWORD |
//! | `GET_FLAGS` (0x9) | `CLUS_FLAG_CORE` if core | 0 | `CLUS_FLAG_CORE` if core | 0 | — | DWORD |
//! | `GET_CLASS_INFO` (0xD) | type's class | same | — | — | — | `CLUS_RESOURCE_CLASS_INFO` (8 bytes) |
//! | `GET_NAME` (0x29) | name | — | name | name | — | string |
//! | `GET_RESOURCE_TYPE` (0x2D) | type name | — | — | — | — | string |
//! | `GET_ID` (0x39) | GUID | — | GUID | decimal node id | — | string |
//! | `GET_FQDN` (0x3D) | — | — | — | — | FQDN | string |
//!
//! Any other code fails with `ERROR_INVALID_FUNCTION (1)`. The output protocol (byte sizes,
//! `ERROR_MORE_DATA`, NULL buffers as size queries) and the order in which errors are checked
//! are documented on [`ClusterResourceControl`]; every function here shares them.

use windows_sys::Win32::Networking::Clustering::{HCLUSTER, HGROUP, HNODE, HRESOURCE};
use windows_sys::core::PCWSTR;

use super::{read_name, run_code, write_u32};
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, GroupHandle, Handle, NodeHandle, ResourceHandle};
use crate::sim::State;

/// `CLUS_OBJECT_*`: the object bits (24-31) of a control code.
mod object {
    pub const RESOURCE: u32 = 1;
    pub const RESOURCE_TYPE: u32 = 2;
    pub const GROUP: u32 = 3;
    pub const NODE: u32 = 4;
    pub const CLUSTER: u32 = 7;
}

/// `CLCTL_*`: the object-independent part (bits 0-23) of the simulated control codes.
const CLCTL_UNKNOWN: u32 = 0x0;
const CLCTL_GET_CHARACTERISTICS: u32 = 0x5;
const CLCTL_GET_FLAGS: u32 = 0x9;
const CLCTL_GET_CLASS_INFO: u32 = 0xD;
const CLCTL_GET_NAME: u32 = 0x29;
const CLCTL_GET_RESOURCE_TYPE: u32 = 0x2D;
const CLCTL_GET_ID: u32 = 0x39;
const CLCTL_GET_FQDN: u32 = 0x3D;

/// `CLUS_FLAG_CORE`.
const CLUS_FLAG_CORE: u32 = 1;
/// `CLUS_RESCLASS_STORAGE`, `CLUS_RESCLASS_NETWORK`.
const CLUS_RESCLASS_STORAGE: u32 = 1;
const CLUS_RESCLASS_NETWORK: u32 = 2;
/// `CLUS_RESSUBCLASS_SHARED` (storage) and `CLUS_RESSUBCLASS_NETWORK_INTERNET_PROTOCOL`.
const SUBCLASS_SHARED: u32 = 0x8000_0000;

/// The function part of `code` when its object bits are `object`, else
/// `ERROR_INVALID_FUNCTION`.
fn function_for(code: u32, object: u32) -> Result<u32> {
    if code >> 24 == object { Ok(code & 0x00ff_ffff) } else { Err(Error::new(codes::ERROR_INVALID_FUNCTION)) }
}

/// The reply to an unsupported function.
fn invalid_function() -> Result<Vec<u8>> {
    Err(Error::new(codes::ERROR_INVALID_FUNCTION))
}

/// A DWORD reply.
fn dword(value: u32) -> Result<Vec<u8>> {
    Ok(value.to_ne_bytes().to_vec())
}

/// A string reply: NUL-terminated UTF-16.
fn string(s: &str) -> Result<Vec<u8>> {
    Ok(s.encode_utf16().chain(std::iter::once(0)).flat_map(u16::to_ne_bytes).collect())
}

/// A `CLUS_RESOURCE_CLASS_INFO` reply for class `class`.
fn class_info(class: u32) -> Result<Vec<u8>> {
    let subclass =
        if matches!(class, CLUS_RESCLASS_STORAGE | CLUS_RESCLASS_NETWORK) { SUBCLASS_SHARED } else { 0 };
    Ok([class, subclass].iter().flat_map(|v| v.to_ne_bytes()).collect())
}

/// Checks the optional host node: NULL, or a live node handle.
fn check_host(st: &State, hhostnode: HNODE) -> Result<()> {
    if hhostnode != 0 {
        st.node(NodeHandle::from_raw(hhostnode))?;
    }
    Ok(())
}

/// Where a control function's output goes.
struct Output {
    buffer: *mut core::ffi::c_void,
    size: u32,
    bytes_returned: *mut u32,
}

/// Runs control function `function`: computes the reply under the simulator's lock with
/// `reply` (which validates the handles and the code), then delivers it by the byte-size
/// protocol documented on [`ClusterResourceControl`]. (A short buffer fails after the
/// simulator's part succeeded; the export runner records `ERROR_MORE_DATA` in the trace.)
///
/// # Safety
/// `out.buffer` is NULL or valid for writes of `out.size` bytes; `out.bytes_returned` is NULL
/// or valid for writes of a `u32`.
unsafe fn control(
    function: &'static str,
    code: u32,
    out: Output,
    reply: impl FnOnce(&State) -> Result<Vec<u8>>,
) -> u32 {
    let zero_size_is_query = matches!(code & 0x00ff_ffff, CLCTL_GET_CHARACTERISTICS | CLCTL_GET_CLASS_INFO);
    run_code(function, |sim| {
        let data = sim.call(function, |st, _| reply(st))?;
        let needed = u32::try_from(data.len()).map_err(|_| Error::new(codes::ERROR_INTERNAL_ERROR))?;
        if out.buffer.is_null() || (out.size == 0 && zero_size_is_query) {
            // A size query.
            // SAFETY: forwarded from the caller.
            unsafe { write_u32(out.bytes_returned, needed) };
            return Ok(());
        }
        if out.size < needed {
            // SAFETY: forwarded from the caller.
            unsafe { write_u32(out.bytes_returned, needed) };
            return Err(Error::new(codes::ERROR_MORE_DATA));
        }
        // SAFETY: the caller promises `out.size >= needed` writable bytes at `out.buffer`;
        // `data` is our own allocation, so they cannot overlap.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), out.buffer.cast::<u8>(), data.len()) };
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(out.bytes_returned, needed) };
        Ok(())
    })
}

/// `ClusterResourceControl`: `CLUSCTL_RESOURCE_UNKNOWN` (0x01000000), `_GET_CHARACTERISTICS`
/// (0x01000005: the type's `CLUS_CHAR_*` bits), `_GET_FLAGS` (0x01000009: `CLUS_FLAG_CORE` for
/// a core resource), `_GET_CLASS_INFO` (0x0100000D), `_GET_NAME` (0x01000029),
/// `_GET_RESOURCE_TYPE` (0x0100002D: the type's name) and `_GET_ID` (0x01000039: the GUID).
/// Strings are NUL-terminated UTF-16 and their size counts the NUL; `GET_CLASS_INFO` returns a
/// `CLUS_RESOURCE_CLASS_INFO` (class, then subclass `0x80000000` for the storage and network
/// classes, 0 otherwise: MS-CMRP 3.1.4.3.1.4). Any other code, including 0 (Samba's torture
/// test), codes of another object kind (the object bits 24-31 must be 1) and codes the
/// simulator does not know (property lists among them), fails with `ERROR_INVALID_FUNCTION`.
///
/// The output, for this function and the other control functions (ClusterResourceControl
/// page, `reference/clusapi.md` §6.2):
/// * the reply fits in `cboutbuffersize` bytes: it is copied, `*lpbytesreturned` (when not
///   NULL) is its size, less than the buffer's when the buffer is big, and nothing past it is
///   written;
/// * it does not fit: `ERROR_MORE_DATA`, nothing written but `*lpbytesreturned` = the size
///   needed;
/// * `lpoutbuffer` is NULL: a size query, `ERROR_SUCCESS` with `*lpbytesreturned` = the size
///   needed ("If the lpOutBuffer parameter is NULL and the cbOutBufferSize parameter is zero,
///   then ERROR_SUCCESS may be returned, not ERROR_MORE_DATA"; Microsoft's own clients call
///   `(NULL, 0, &cb)` and treat anything but `ERROR_SUCCESS` as failure);
/// * `GET_CHARACTERISTICS` and `GET_CLASS_INFO` with a size of 0 are size queries too (MS-CMRP
///   3.1.4.3.1.2, 3.1.4.3.1.4, 3.1.4.3.2.2: the server "MUST return ERROR_SUCCESS").
///
/// Errors are checked in this order, and none writes anything (`*lpbytesreturned` included):
/// the object handle, `hhostnode`, the control code. `hhostnode` may be NULL (the owner node
/// answers); otherwise it must be a live `HNODE` of the same simulator, else
/// `ERROR_INVALID_HANDLE` (a choice: any node answers these identity codes, so it need not be
/// the owner). `lpinbuffer` is not read: none of these codes takes input.
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)`, `ERROR_INVALID_HANDLE (6)` for a bad resource or host node
/// handle, `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted resource. The last error is
/// left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `cboutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceControl(
    hresource: HRESOURCE,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    cbinbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    cboutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    let _ = (lpinbuffer, cbinbuffersize);
    let out = Output { buffer: lpoutbuffer, size: cboutbuffersize, bytes_returned: lpbytesreturned };
    // SAFETY: forwarded from the caller.
    unsafe {
        control("ClusterResourceControl", dwcontrolcode, out, |st| {
            let (c, r) = st.resource(ResourceHandle::from_raw(hresource))?;
            check_host(st, hhostnode)?;
            let rt = c.resource_type(&r.resource_type);
            match function_for(dwcontrolcode, object::RESOURCE)? {
                CLCTL_UNKNOWN => Ok(Vec::new()),
                CLCTL_GET_CHARACTERISTICS => dword(rt.map_or(0, |t| t.characteristics)),
                CLCTL_GET_FLAGS => dword(if r.core { CLUS_FLAG_CORE } else { 0 }),
                CLCTL_GET_CLASS_INFO => class_info(rt.map_or(0, |t| t.class)),
                CLCTL_GET_NAME => string(&r.name),
                CLCTL_GET_RESOURCE_TYPE => string(&r.resource_type),
                CLCTL_GET_ID => string(&r.guid),
                _ => invalid_function(),
            }
        })
    }
}

/// `ClusterResourceTypeControl`: `CLUSCTL_RESOURCE_TYPE_UNKNOWN` (0x02000000),
/// `_GET_CHARACTERISTICS` (0x02000005: `CLUS_CHAR_*`), `_GET_FLAGS` (0x02000009: 0) and
/// `_GET_CLASS_INFO` (0x0200000D) of the installed type named `lpszresourcetypename`
/// (ignoring case), with the output protocol of [`ClusterResourceControl`]. Errors are checked
/// in this order: the type name's pointer and encoding, the cluster handle, whether the type is
/// installed, `hhostnode`, the code.
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad
/// cluster or host node handle, `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND (5078)` for a type that
/// is not installed, `ERROR_INVALID_PARAMETER (87)` for a NULL type name,
/// `ERROR_INVALID_NAME (123)` for invalid UTF-16. The last error is left alone.
///
/// # Safety
/// `lpszresourcetypename` is NULL or a NUL-terminated UTF-16 string; `lpoutbuffer` is NULL or
/// valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is NULL or valid for writes
/// of a `u32`. `lpinbuffer` is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceTypeControl(
    hcluster: HCLUSTER,
    lpszresourcetypename: PCWSTR,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    ninbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    noutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    let _ = (lpinbuffer, ninbuffersize);
    let out = Output { buffer: lpoutbuffer, size: noutbuffersize, bytes_returned: lpbytesreturned };
    let reply = |st: &State| {
        // SAFETY: forwarded from the caller.
        let type_name = unsafe { read_name(lpszresourcetypename) }?;
        let c = &st.world().clusters()[st.cluster_of(ClusterHandle::from_raw(hcluster))?];
        let rt =
            c.resource_type(&type_name).ok_or(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND))?;
        check_host(st, hhostnode)?;
        match function_for(dwcontrolcode, object::RESOURCE_TYPE)? {
            CLCTL_UNKNOWN => Ok(Vec::new()),
            CLCTL_GET_CHARACTERISTICS => dword(rt.characteristics),
            CLCTL_GET_FLAGS => dword(0),
            CLCTL_GET_CLASS_INFO => class_info(rt.class),
            _ => invalid_function(),
        }
    };
    // SAFETY: forwarded from the caller.
    unsafe { control("ClusterResourceTypeControl", dwcontrolcode, out, reply) }
}

/// `ClusterGroupControl`: `CLUSCTL_GROUP_UNKNOWN` (0x03000000), `_GET_CHARACTERISTICS`
/// (0x03000005: 0), `_GET_FLAGS` (0x03000009: `CLUS_FLAG_CORE` for a core group such as
/// "Cluster Group" or "Available Storage"), `_GET_NAME` (0x03000029) and `_GET_ID`
/// (0x03000039: the GUID), with the output protocol and the error order of
/// [`ClusterResourceControl`].
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad group
/// or host node handle, `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group. The last error
/// is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupControl(
    hgroup: HGROUP,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    ninbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    noutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    let _ = (lpinbuffer, ninbuffersize);
    let out = Output { buffer: lpoutbuffer, size: noutbuffersize, bytes_returned: lpbytesreturned };
    // SAFETY: forwarded from the caller.
    unsafe {
        control("ClusterGroupControl", dwcontrolcode, out, |st| {
            let (_, g) = st.group(GroupHandle::from_raw(hgroup))?;
            check_host(st, hhostnode)?;
            match function_for(dwcontrolcode, object::GROUP)? {
                CLCTL_UNKNOWN => Ok(Vec::new()),
                CLCTL_GET_CHARACTERISTICS => dword(0),
                CLCTL_GET_FLAGS => dword(if g.core { CLUS_FLAG_CORE } else { 0 }),
                CLCTL_GET_NAME => string(&g.name),
                CLCTL_GET_ID => string(&g.guid),
                _ => invalid_function(),
            }
        })
    }
}

/// `ClusterNodeControl`: `CLUSCTL_NODE_UNKNOWN` (0x04000000), `_GET_CHARACTERISTICS`
/// (0x04000005: 0), `_GET_FLAGS` (0x04000009: 0), `_GET_NAME` (0x04000029: the NetBIOS name)
/// and `_GET_ID` (0x04000039: the node id as a decimal string, e.g. `"1"`, as Samba's torture
/// test sees Windows answer), with the output protocol and the error order of
/// [`ClusterResourceControl`].
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad node
/// or host node handle, `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node. The last error
/// is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeControl(
    hnode: HNODE,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    ninbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    noutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    let _ = (lpinbuffer, ninbuffersize);
    let out = Output { buffer: lpoutbuffer, size: noutbuffersize, bytes_returned: lpbytesreturned };
    // SAFETY: forwarded from the caller.
    unsafe {
        control("ClusterNodeControl", dwcontrolcode, out, |st| {
            let (_, n) = st.node(NodeHandle::from_raw(hnode))?;
            check_host(st, hhostnode)?;
            match function_for(dwcontrolcode, object::NODE)? {
                CLCTL_UNKNOWN => Ok(Vec::new()),
                CLCTL_GET_CHARACTERISTICS | CLCTL_GET_FLAGS => dword(0),
                CLCTL_GET_NAME => string(&n.name),
                CLCTL_GET_ID => string(&n.id.to_string()),
                _ => invalid_function(),
            }
        })
    }
}

/// `ClusterControl`: `CLUSCTL_CLUSTER_UNKNOWN` (0x07000000) and `CLUSCTL_CLUSTER_GET_FQDN`
/// (0x0700003D: the cluster's fully qualified DNS name), with the output protocol and the error
/// order of [`ClusterResourceControl`]. (windows-sys has no `CLUSCTL_CLUSTER_GET_NAME` or
/// `_GET_ID`; the name comes from `GetClusterInformation`.)
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad cluster
/// or host node handle. The last error is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is not read.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterControl(
    hcluster: HCLUSTER,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    ninbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    noutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    let _ = (lpinbuffer, ninbuffersize);
    let out = Output { buffer: lpoutbuffer, size: noutbuffersize, bytes_returned: lpbytesreturned };
    // SAFETY: forwarded from the caller.
    unsafe {
        control("ClusterControl", dwcontrolcode, out, |st| {
            let c = &st.world().clusters()[st.cluster_of(ClusterHandle::from_raw(hcluster))?];
            check_host(st, hhostnode)?;
            match function_for(dwcontrolcode, object::CLUSTER)? {
                CLCTL_UNKNOWN => Ok(Vec::new()),
                CLCTL_GET_FQDN => string(&c.fqdn()),
                _ => invalid_function(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_object_and_function() {
        assert_eq!(function_for(0x0100_002D, object::RESOURCE).unwrap(), CLCTL_GET_RESOURCE_TYPE);
        assert_eq!(function_for(0x0300_0029, object::RESOURCE).unwrap_err().code(), 1);
        assert_eq!(function_for(0, object::RESOURCE).unwrap_err().code(), 1);
        assert_eq!(function_for(0x0700_003D, object::CLUSTER).unwrap(), CLCTL_GET_FQDN);
    }

    #[test]
    fn replies_are_laid_out_as_windows_does() {
        assert_eq!(string("ab").unwrap(), [b'a', 0, b'b', 0, 0, 0]);
        assert_eq!(dword(1).unwrap(), 1u32.to_ne_bytes());
        let ci = class_info(CLUS_RESCLASS_STORAGE).unwrap();
        assert_eq!(ci.len(), 8);
        assert_eq!(ci[..4], 1u32.to_ne_bytes());
        assert_eq!(ci[4..], 0x8000_0000u32.to_ne_bytes());
        assert_eq!(class_info(0).unwrap(), [0u8; 8]);
    }
}
