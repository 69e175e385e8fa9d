//! Control codes: `ClusterResourceControl`, `ClusterResourceTypeControl`, `ClusterGroupControl`,
//! `ClusterNodeControl`, `ClusterNetworkControl`, `ClusterNetInterfaceControl` and
//! `ClusterControl`, for the codes that read an object's identity.
//!
//! Marshalling only: each export decodes its arguments, makes one simulator call
//! ([`Sim::resource_control`] and its siblings, which compute the reply bytes in the core:
//! the table of simulated codes is in `src/control/mod.rs`) and delivers the bytes by the
//! output protocol (byte sizes, `ERROR_MORE_DATA`, NULL buffers as size queries) documented on
//! [`ClusterResourceControl`], with the order in which errors are checked; every function here
//! shares them. A control code is `(object << 24) | function` (`reference/clusapi.md` §4.4):
//! resource 1, resource type 2, group 3, node 4, network 5, net interface 6, cluster 7; a code
//! of another object kind, or one the simulator does not know, fails with
//! `ERROR_INVALID_FUNCTION (1)`.

use crate::sim::Call;
use windows_sys::Win32::Networking::Clustering::{
    HCLUSTER, HGROUP, HGROUPSET, HNETINTERFACE, HNETWORK, HNODE, HRESOURCE,
};
use windows_sys::core::PCWSTR;

use super::buffer::ControlOutput;
use super::{Name, run_code};
use crate::Sim;
use crate::handle_types::{
    ClusterHandle, GroupHandle, GroupSetHandle, Handle, NetInterfaceHandle, NetworkHandle, NodeHandle,
    ResourceHandle,
};

/// The input buffer as the simulator takes it: `None` for NULL (the SET and VALIDATE codes
/// answer `RPC_X_BAD_STUB_DATA`), else its `cbinbuffersize` bytes. Only the property codes
/// read it.
///
/// # Safety
/// `p` is NULL or valid for reads of `cb` bytes for `'a`.
unsafe fn input<'a>(p: *const core::ffi::c_void, cb: u32) -> Option<&'a [u8]> {
    // SAFETY: the caller promises `p` is valid for reads of `cb` bytes when it is not NULL.
    (!p.is_null()).then(|| unsafe { std::slice::from_raw_parts(p.cast::<u8>(), cb as usize) })
}

/// The optional host node argument: NULL is `None` (the owner node answers).
fn host(hhostnode: HNODE) -> Option<NodeHandle> {
    (hhostnode != 0).then(|| NodeHandle::from_raw(hhostnode))
}

/// `ClusterResourceControl`: `CLUSCTL_RESOURCE_UNKNOWN` (0x01000000), `_GET_CHARACTERISTICS`
/// (0x01000005: the type's `CLUS_CHAR_*` bits), `_GET_FLAGS` (0x01000009: `CLUS_FLAG_CORE` for
/// a core resource), `_GET_CLASS_INFO` (0x0100000D), `_GET_NAME` (0x01000029),
/// `_GET_RESOURCE_TYPE` (0x0100002D: the type's name) and `_GET_ID` (0x01000039: the GUID).
/// Strings are NUL-terminated UTF-16 and their size counts the NUL; `GET_CLASS_INFO` returns a
/// `CLUS_RESOURCE_CLASS_INFO` (class, then subclass `0x80000000` for the storage and network
/// classes, 0 otherwise: MS-CMRP 3.1.4.3.1.4). Any other code, including 0, codes of another
/// object kind (the object bits 24-31 must be 1) and codes the simulator does not know
/// (property lists among them), fails with `ERROR_INVALID_FUNCTION`. (Samba's torture test
/// sees Windows answer code 0 so for the resource-type, group, node and cluster controls; it
/// has no resource-control test, so for resources that is the same rule extended.)
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
/// the owner). `lpinbuffer` is read only by the property codes (`src/control/properties.rs`).
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)`, `ERROR_INVALID_HANDLE (6)` for a bad resource or host node
/// handle, `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted resource. The last error is
/// left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `cboutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
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
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, cbinbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: cboutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterResourceControl", |sim, call| {
        sim.resource_control_as(
            call,
            ResourceHandle::from_raw(hresource),
            host(hhostnode),
            dwcontrolcode,
            input,
            // SAFETY: forwarded from the caller.
            |reply| unsafe { out.deliver(&reply) },
        )
    })
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
/// of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
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
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, ninbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: noutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    let reply = |sim: &Sim, call: &mut Call| {
        let mut type_name = Name::new();
        // SAFETY: forwarded from the caller.
        let type_name = unsafe { type_name.read(lpszresourcetypename) }?;
        let cluster = ClusterHandle::from_raw(hcluster);
        sim.resource_type_control_as(
            call,
            cluster,
            type_name,
            host(hhostnode),
            dwcontrolcode,
            input,
            // SAFETY: forwarded from the caller.
            |reply| unsafe { out.deliver(&reply) },
        )
    };
    // SAFETY: forwarded from the caller.
    run_code("ClusterResourceTypeControl", reply)
}

/// `ClusterGroupSetControl`: `CLUSCTL_GROUPSET_GET_ID` (0x08000039: the GUID),
/// `_GET_GROUPS` (0x08002D71), `_GET_PROVIDER_GROUPS` (0x08002D75) and
/// `_GET_PROVIDER_GROUPSETS` (0x08002D79), the lists as `MULTI_SZ` names, and the common
/// property codes `_GET_COMMON_PROPERTIES`, `_GET_RO_COMMON_PROPERTIES` and
/// `_SET_COMMON_PROPERTIES` (`lpinbuffer` is the property list to set)
/// ([`Sim::group_set_control`](crate::Sim::group_set_control)), with the output protocol of
/// [`ClusterResourceControl`].
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// the property codes' errors (as [`ClusterGroupControl`]'s), `ERROR_INVALID_FUNCTION (1)` for
/// any other code, `ERROR_INVALID_HANDLE (6)` for a bad group set or host node handle,
/// `ERROR_GROUPSET_NOT_AVAILABLE (5991)` for a deleted set. The last error is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `cboutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`; `lpinbuffer` is NULL or valid for reads of
/// `cbinbuffersize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupSetControl(
    hgroupset: HGROUPSET,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    cbinbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    cboutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, cbinbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: cboutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterGroupSetControl", |sim, call| {
        let set = GroupSetHandle::from_raw(hgroupset);
        // SAFETY: forwarded from the caller.
        sim.group_set_control_as(call, set, host(hhostnode), dwcontrolcode, input, |reply| unsafe {
            out.deliver(&reply)
        })
    })
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
/// NULL or valid for writes of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
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
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, ninbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: noutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterGroupControl", |sim, call| {
        sim.group_control_as(
            call,
            GroupHandle::from_raw(hgroup),
            host(hhostnode),
            dwcontrolcode,
            input,
            // SAFETY: forwarded from the caller.
            |reply| unsafe { out.deliver(&reply) },
        )
    })
}

/// `ClusterNodeControl`: `CLUSCTL_NODE_UNKNOWN` (0x04000000), `_GET_CHARACTERISTICS`
/// (0x04000005: 0), `_GET_FLAGS` (0x04000009: 0), `_GET_NAME` (0x04000029: the NetBIOS name)
/// and `_GET_ID` (0x04000039: the node id as a UTF-16 string, as Samba's torture test sees
/// Windows answer; decimal, e.g. `"1"`, as `GetClusterNodeId` reports it, a choice: Samba only
/// checks that it is a string), with the output protocol and the error order of
/// [`ClusterResourceControl`].
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad node
/// or host node handle, `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node. The last error
/// is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
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
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, ninbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: noutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterNodeControl", |sim, call| {
        sim.node_control_as(
            call,
            NodeHandle::from_raw(hnode),
            host(hhostnode),
            dwcontrolcode,
            input,
            // SAFETY: forwarded from the caller.
            |reply| unsafe { out.deliver(&reply) },
        )
    })
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
/// NULL or valid for writes of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
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
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, ninbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: noutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterControl", |sim, call| {
        sim.cluster_control_as(
            call,
            ClusterHandle::from_raw(hcluster),
            host(hhostnode),
            dwcontrolcode,
            input,
            // SAFETY: forwarded from the caller.
            |reply| unsafe { out.deliver(&reply) },
        )
    })
}

/// `ClusterNetworkControl`: `CLUSCTL_NETWORK_UNKNOWN` (0x05000000), `_GET_CHARACTERISTICS`
/// (0x05000005: 0), `_GET_FLAGS` (0x05000009: 0), `_GET_NAME` (0x05000029) and `_GET_ID`
/// (0x05000039: the GUID), with the output protocol and the error order of
/// [`ClusterResourceControl`].
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad
/// network or host node handle. The last error is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNetworkControl(
    hnetwork: HNETWORK,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    ninbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    noutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, ninbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: noutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterNetworkControl", |sim, call| {
        sim.network_control_as(
            call,
            NetworkHandle::from_raw(hnetwork),
            host(hhostnode),
            dwcontrolcode,
            input,
            // SAFETY: forwarded from the caller.
            |reply| unsafe { out.deliver(&reply) },
        )
    })
}

/// `ClusterNetInterfaceControl`: `CLUSCTL_NETINTERFACE_UNKNOWN` (0x06000000),
/// `_GET_CHARACTERISTICS` (0x06000005: 0), `_GET_FLAGS` (0x06000009: 0), `_GET_NAME`
/// (0x06000029) and `_GET_ID` (0x06000039: the GUID), with the output protocol and the error
/// order of [`ClusterResourceControl`].
///
/// Returns `ERROR_SUCCESS`, or the error code: `ERROR_MORE_DATA (234)`,
/// `ERROR_INVALID_FUNCTION (1)` for any other code, `ERROR_INVALID_HANDLE (6)` for a bad net
/// interface or host node handle. The last error is left alone.
///
/// # Safety
/// `lpoutbuffer` is NULL or valid for writes of `noutbuffersize` bytes; `lpbytesreturned` is
/// NULL or valid for writes of a `u32`. `lpinbuffer` is NULL or valid for reads of
/// its size in bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNetInterfaceControl(
    hnetinterface: HNETINTERFACE,
    hhostnode: HNODE,
    dwcontrolcode: u32,
    lpinbuffer: *const core::ffi::c_void,
    ninbuffersize: u32,
    lpoutbuffer: *mut core::ffi::c_void,
    noutbuffersize: u32,
    lpbytesreturned: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    let input = unsafe { input(lpinbuffer, ninbuffersize) };
    let out = ControlOutput {
        code: dwcontrolcode,
        buffer: lpoutbuffer,
        size: noutbuffersize,
        bytes_returned: lpbytesreturned,
    };
    run_code("ClusterNetInterfaceControl", |sim, call| {
        let nic = NetInterfaceHandle::from_raw(hnetinterface);
        // SAFETY: forwarded from the caller.
        let deliver = |reply: Vec<u8>| unsafe { out.deliver(&reply) };
        sim.net_interface_control_as(call, nic, host(hhostnode), dwcontrolcode, input, deliver)
    })
}
