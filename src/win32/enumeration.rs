//! Enumerations: `ClusterOpenEnum` and its per-object siblings (group, node, resource,
//! resource type, network), and the `Ex` variants that return `CLUSTER_ENUM_ITEM`s
//! (`ClusterOpenEnumEx`, `ClusterNodeOpenEnumEx`).
//!
//! Every family follows the same conventions (`reference/clusapi.md` §6.3):
//! * `*OpenEnum*` takes a snapshot (the items are fixed when the enumeration is opened) and
//!   returns its handle, or NULL with the last error set;
//! * `*Enum` returns item `dwIndex` through the buffer-size protocol of §6.2 and returns the
//!   code: `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` (with `*lpcchName` = the length needed),
//!   `ERROR_NO_MORE_ITEMS (259)` past the end, `ERROR_INVALID_HANDLE (6)` for a closed, stale,
//!   forged or wrong-kind handle (an `HGROUPENUM` passed to `ClusterEnum` included);
//! * `*GetEnumCount*` returns the number of items, or 0 with the last error set;
//! * `*CloseEnum*` returns the code.
//!
//! A handle of each family is derived from the handle it was opened from, so `CloseCluster`
//! invalidates it too, also after the group, node, resource or network handle in between was
//! closed (H4).
//!
//! Not simulated here (exported as not implemented): `ClusterGroupOpenEnumEx` and
//! `ClusterResourceOpenEnumEx` with their `Enum`/`GetEnumCount`/`CloseEnum` siblings. Unlike
//! the other `Ex` enumerations they enumerate the whole cluster, with each item's state, owner
//! and requested property lists (`CLUSTER_GROUP_ENUM_ITEM`, `CLUSTER_RESOURCE_ENUM_ITEM`).

use std::mem::{align_of, size_of};

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_ENUM_ITEM, CLUSTER_ENUM_ITEM_VERSION_1, HCLUSENUM, HCLUSENUMEX, HCLUSTER, HGROUP, HGROUPENUM,
    HNETWORK, HNETWORKENUM, HNODE, HNODEENUM, HNODEENUMEX, HRESENUM, HRESOURCE, HRESTYPEENUM,
};
use windows_sys::core::{PCWSTR, PWSTR};

use super::{Failure, read_name, read_u32, run, run_code, write_string};
use crate::enumeration::EnumItem;
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterEnumExHandle, ClusterEnumHandle, ClusterHandle, Enumeration, GroupEnumHandle, GroupHandle, Handle,
    NetworkEnumHandle, NetworkHandle, NodeEnumExHandle, NodeEnumHandle, NodeHandle, ResourceEnumHandle,
    ResourceHandle, ResourceTypeEnumHandle,
};

// ---- the shared bodies ------------------------------------------------------------------

/// `*Enum`: item `index` of enumeration `h` into the caller's name buffer.
///
/// Order: the pointers are checked first (`ERROR_INVALID_PARAMETER` for a NULL `lpcchname` or
/// `lpdwtype`), then the handle and index; on any failure nothing is written except
/// `*lpcchname` for `ERROR_MORE_DATA`. `*lpdwtype` is written only on success.
///
/// # Safety
/// As the exports that call it.
unsafe fn enum_name<E: Enumeration>(
    h: isize,
    index: u32,
    lpdwtype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    run_code(E::ENUM_FN, |sim| {
        // SAFETY: forwarded from the caller.
        unsafe { read_u32(lpcchname) }?;
        if lpdwtype.is_null() {
            return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
        }
        let item = sim.enum_item(E::from_raw(h), index)?;
        // SAFETY: forwarded from the caller.
        unsafe { write_string(&item.name, lpszname, lpcchname) }?;
        // SAFETY: non-NULL (checked above), and the caller promises it is writable.
        unsafe { lpdwtype.write_unaligned(item.object_type) };
        Ok(())
    })
}

/// `*GetEnumCount*`: the number of items, or 0 with the last error set.
fn enum_count<E: Enumeration>(h: isize) -> u32 {
    run(E::COUNT_FN, Failure::Zero, |sim| sim.enum_count(E::from_raw(h)))
}

/// `*CloseEnum*`: the code.
fn close_enum<E: Enumeration>(h: isize) -> u32 {
    run_code(E::CLOSE_FN, |sim| sim.close_enum(E::from_raw(h)))
}

/// `*EnumEx`: item `index` of enumeration `h` as a `CLUSTER_ENUM_ITEM` into the caller's
/// buffer of `*cbitem` bytes; see [`write_enum_item`].
///
/// # Safety
/// As the exports that call it.
unsafe fn enum_item_ex<E: Enumeration>(
    h: isize,
    index: u32,
    pitem: *mut CLUSTER_ENUM_ITEM,
    cbitem: *mut u32,
) -> u32 {
    run_code(E::ENUM_FN, |sim| {
        // SAFETY: forwarded from the caller.
        unsafe { read_u32(cbitem) }?;
        let item = sim.enum_item(E::from_raw(h), index)?;
        // SAFETY: forwarded from the caller.
        unsafe { write_enum_item(&item, pitem, cbitem) }
    })
}

/// A string as NUL-terminated UTF-16.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// The bytes a `CLUSTER_ENUM_ITEM` for `item` needs: the structure, then the id and the name,
/// NUL-terminated UTF-16, in that order, right after it.
fn enum_item_size(item: &EnumItem) -> usize {
    size_of::<CLUSTER_ENUM_ITEM>() + 2 * (wide(&item.id).len() + wide(&item.name).len())
}

/// Writes `item` as a `CLUSTER_ENUM_ITEM` into a caller buffer of `*cbitem` bytes (a NULL
/// buffer has none): the structure first, then the id and the name (NUL-terminated UTF-16),
/// with `lpszId` and `lpszName` pointing at those copies inside the same buffer, `cbId` and
/// `cbName` their sizes in bytes including the NUL, and `dwVersion` =
/// `CLUSTER_ENUM_ITEM_VERSION_1`. On success `*cbitem` is the number of bytes written;
/// nothing past them is touched.
///
/// The strings start right after the structure, so at an offset that keeps them 2-byte
/// aligned, and the structure is written unaligned: a buffer from `malloc` is used as C
/// expects, and a misaligned one is still written safely (reading it is the caller's affair).
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for a NULL `cbitem`; `ERROR_MORE_DATA` when the buffer is too
/// small: nothing is written then but `*cbitem`, which holds the size needed.
///
/// # Safety
/// `cbitem` is NULL or valid for reads and writes of a `u32`; `pitem` is NULL or valid for
/// writes of `*cbitem` bytes.
unsafe fn write_enum_item(item: &EnumItem, pitem: *mut CLUSTER_ENUM_ITEM, cbitem: *mut u32) -> Result<()> {
    // SAFETY: forwarded from the caller.
    let capacity = unsafe { read_u32(cbitem) }?;
    let capacity = if pitem.is_null() { 0 } else { capacity as usize };
    let (id, name) = (wide(&item.id), wide(&item.name));
    let needed = enum_item_size(item);
    // SAFETY: cbitem was just read, so it is valid for writes too.
    unsafe { cbitem.write_unaligned(u32::try_from(needed).unwrap_or(u32::MAX)) };
    if capacity < needed {
        return Err(Error::new(codes::ERROR_MORE_DATA));
    }
    const _: () = assert!(size_of::<CLUSTER_ENUM_ITEM>() % align_of::<u16>() == 0);
    let base = pitem.cast::<u8>();
    // SAFETY: the structure is followed by `id.len() + name.len()` units, all inside the
    // `needed <= capacity` bytes the caller provided.
    let id_ptr = unsafe { base.add(size_of::<CLUSTER_ENUM_ITEM>()) }.cast::<u16>();
    // SAFETY: as above.
    let name_ptr = unsafe { id_ptr.add(id.len()) };
    for (i, &unit) in id.iter().enumerate() {
        // SAFETY: inside the buffer (see above).
        unsafe { id_ptr.add(i).write_unaligned(unit) };
    }
    for (i, &unit) in name.iter().enumerate() {
        // SAFETY: inside the buffer (see above).
        unsafe { name_ptr.add(i).write_unaligned(unit) };
    }
    let header = CLUSTER_ENUM_ITEM {
        dwVersion: CLUSTER_ENUM_ITEM_VERSION_1,
        dwType: item.object_type,
        cbId: (2 * id.len()) as u32,
        lpszId: id_ptr,
        cbName: (2 * name.len()) as u32,
        lpszName: name_ptr,
    };
    // SAFETY: the buffer holds at least `needed >= size_of::<CLUSTER_ENUM_ITEM>()` bytes.
    unsafe { pitem.write_unaligned(header) };
    Ok(())
}

// ---- cluster ----------------------------------------------------------------------------

/// `ClusterOpenEnum`: a snapshot of the cluster's objects of the types in `dwtype`
/// (`CLUSTER_ENUM_*`), grouped by type in the order of the type bits.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for bits
/// outside `CLUSTER_ENUM_*` (0x40, 0x80, 0x100...: Samba's torture test against Windows) or
/// `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE` / `CLUSTER_ENUM_INTERNAL_NETWORK` combined with other
/// bits ("must be used alone"); `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterOpenEnum(hcluster: HCLUSTER, dwtype: u32) -> HCLUSENUM {
    run("ClusterOpenEnum", Failure::Handle, |sim| {
        Ok(sim.cluster_open_enum(ClusterHandle::from_raw(hcluster), dwtype)?.raw())
    })
}

/// `ClusterEnum`: the name and type (`*lpdwtype`, the object's single `CLUSTER_ENUM_*` bit) of
/// item `dwindex`.
///
/// Returns `ERROR_SUCCESS` (then `*lpcchname` is the name's length, excluding the NUL), or the
/// error code: `ERROR_MORE_DATA (234)` when the name does not fit (a NULL buffer has no room;
/// `*lpcchname` then holds the length needed, excluding the NUL, and nothing else is
/// written); `ERROR_NO_MORE_ITEMS (259)` past the last item; `ERROR_INVALID_HANDLE (6)` for a
/// bad or wrong-kind handle (e.g. an `HGROUPENUM`); `ERROR_INVALID_PARAMETER (87)` for a NULL
/// `lpcchname` or `lpdwtype` (the ClusterEnum page does not mark `lpdwType` optional; a
/// choice). The last error is left alone.
///
/// # Safety
/// `lpdwtype` is NULL or valid for writes of a `u32`; `lpszname` is NULL or valid for writes of
/// `*lpcchname` WCHARs; `lpcchname` is NULL or valid for reads and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterEnum(
    henum: HCLUSENUM,
    dwindex: u32,
    lpdwtype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_name::<ClusterEnumHandle>(henum, dwindex, lpdwtype, lpszname, lpcchname) }
}

/// `ClusterGetEnumCount`: the number of items, fixed when the enumeration was opened.
///
/// Returns 0 on failure and sets the last error `ERROR_INVALID_HANDLE (6)`. (An empty
/// enumeration also returns 0 and leaves the last error alone.)
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGetEnumCount(henum: HCLUSENUM) -> u32 {
    enum_count::<ClusterEnumHandle>(henum)
}

/// `ClusterCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE (6)` for a closed, stale,
/// forged or wrong-kind handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterCloseEnum(henum: HCLUSENUM) -> u32 {
    close_enum::<ClusterEnumHandle>(henum)
}

/// `ClusterOpenEnumEx`: as [`ClusterOpenEnum`], read with [`ClusterEnumEx`]. `poptions` is
/// not read (the ClusterOpenEnumEx page documents it only as "Options").
///
/// Returns NULL on failure and sets the last error, as [`ClusterOpenEnum`].
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterOpenEnumEx(
    hcluster: HCLUSTER,
    dwtype: u32,
    poptions: *const core::ffi::c_void,
) -> HCLUSENUMEX {
    let _ = poptions;
    run("ClusterOpenEnumEx", Failure::Handle, |sim| {
        Ok(sim.cluster_open_enum_ex(ClusterHandle::from_raw(hcluster), dwtype)?.raw())
    })
}

/// `ClusterEnumEx`: item `dwindex` as a `CLUSTER_ENUM_ITEM` (version 1; type, id and name) in
/// the caller's buffer of `*cbitem` bytes. The id and name strings are stored in the same
/// buffer, right after the structure, and its `lpszId`/`lpszName` point at them; `cbId` and
/// `cbName` are their sizes in bytes including the NUL. Ids: a GUID for groups, resources,
/// networks and net interfaces, the decimal node id for nodes, the name for resource types.
///
/// Returns `ERROR_SUCCESS` (then `*cbitem` is the number of bytes written), or the error code:
/// `ERROR_MORE_DATA (234)` when the buffer (a NULL one has none) is smaller than
/// `size_of::<CLUSTER_ENUM_ITEM>() + cbId + cbName`: `*cbitem` then holds that size and
/// nothing else is written; `ERROR_NO_MORE_ITEMS (259)`; `ERROR_INVALID_HANDLE (6)`;
/// `ERROR_INVALID_PARAMETER (87)` for a NULL `cbitem`.
///
/// # Safety
/// `pitem` is NULL or valid for writes of `*cbitem` bytes; `cbitem` is NULL or valid for reads
/// and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterEnumEx(
    hclusterenum: HCLUSENUMEX,
    dwindex: u32,
    pitem: *mut CLUSTER_ENUM_ITEM,
    cbitem: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_item_ex::<ClusterEnumExHandle>(hclusterenum, dwindex, pitem, cbitem) }
}

/// `ClusterGetEnumCountEx`: as [`ClusterGetEnumCount`], for an `HCLUSENUMEX`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGetEnumCountEx(hclusterenum: HCLUSENUMEX) -> u32 {
    enum_count::<ClusterEnumExHandle>(hclusterenum)
}

/// `ClusterCloseEnumEx`: as [`ClusterCloseEnum`], for an `HCLUSENUMEX`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterCloseEnumEx(hclusterenum: HCLUSENUMEX) -> u32 {
    close_enum::<ClusterEnumExHandle>(hclusterenum)
}

// ---- group ------------------------------------------------------------------------------

/// `ClusterGroupOpenEnum`: the group's resources (`CLUSTER_GROUP_ENUM_CONTAINS`, in the order
/// they were added) and preferred owners (`CLUSTER_GROUP_ENUM_NODES`, in preference order).
/// Other bits are ignored, as Windows does (Samba's torture test).
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad group
/// handle, `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupOpenEnum(hgroup: HGROUP, dwtype: u32) -> HGROUPENUM {
    run("ClusterGroupOpenEnum", Failure::Handle, |sim| {
        Ok(sim.group_open_enum(GroupHandle::from_raw(hgroup), dwtype)?.raw())
    })
}

/// `ClusterGroupEnum`: as [`ClusterEnum`], for an `HGROUPENUM`; `*lpdwtype` is
/// `CLUSTER_GROUP_ENUM_CONTAINS` or `CLUSTER_GROUP_ENUM_NODES`.
///
/// # Safety
/// As [`ClusterEnum`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupEnum(
    hgroupenum: HGROUPENUM,
    dwindex: u32,
    lpdwtype: *mut u32,
    lpszresourcename: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_name::<GroupEnumHandle>(hgroupenum, dwindex, lpdwtype, lpszresourcename, lpcchname) }
}

/// `ClusterGroupGetEnumCount`: as [`ClusterGetEnumCount`], for an `HGROUPENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupGetEnumCount(hgroupenum: HGROUPENUM) -> u32 {
    enum_count::<GroupEnumHandle>(hgroupenum)
}

/// `ClusterGroupCloseEnum`: as [`ClusterCloseEnum`], for an `HGROUPENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupCloseEnum(hgroupenum: HGROUPENUM) -> u32 {
    close_enum::<GroupEnumHandle>(hgroupenum)
}

// ---- node -------------------------------------------------------------------------------

/// `ClusterNodeOpenEnum`: the node's net interfaces (`CLUSTER_NODE_ENUM_NETINTERFACES`), the
/// groups it owns (`CLUSTER_NODE_ENUM_GROUPS`) and the groups that prefer it
/// (`CLUSTER_NODE_ENUM_PREFERRED_GROUPS`).
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for bits
/// outside those three (the docs are silent; a choice), `ERROR_INVALID_HANDLE (6)` for a bad
/// node handle, `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeOpenEnum(hnode: HNODE, dwtype: u32) -> HNODEENUM {
    run("ClusterNodeOpenEnum", Failure::Handle, |sim| {
        Ok(sim.node_open_enum(NodeHandle::from_raw(hnode), dwtype)?.raw())
    })
}

/// `ClusterNodeEnum`: as [`ClusterEnum`], for an `HNODEENUM`; `*lpdwtype` is one
/// `CLUSTER_NODE_ENUM_*` bit.
///
/// # Safety
/// As [`ClusterEnum`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeEnum(
    hnodeenum: HNODEENUM,
    dwindex: u32,
    lpdwtype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_name::<NodeEnumHandle>(hnodeenum, dwindex, lpdwtype, lpszname, lpcchname) }
}

/// `ClusterNodeGetEnumCount`: as [`ClusterGetEnumCount`], for an `HNODEENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeGetEnumCount(hnodeenum: HNODEENUM) -> u32 {
    enum_count::<NodeEnumHandle>(hnodeenum)
}

/// `ClusterNodeCloseEnum`: as [`ClusterCloseEnum`], for an `HNODEENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeCloseEnum(hnodeenum: HNODEENUM) -> u32 {
    close_enum::<NodeEnumHandle>(hnodeenum)
}

/// `ClusterNodeOpenEnumEx`: as [`ClusterNodeOpenEnum`], read with [`ClusterNodeEnumEx`].
/// `poptions` is not read.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeOpenEnumEx(
    hnode: HNODE,
    dwtype: u32,
    poptions: *const core::ffi::c_void,
) -> HNODEENUMEX {
    let _ = poptions;
    run("ClusterNodeOpenEnumEx", Failure::Handle, |sim| {
        Ok(sim.node_open_enum_ex(NodeHandle::from_raw(hnode), dwtype)?.raw())
    })
}

/// `ClusterNodeEnumEx`: as [`ClusterEnumEx`], for an `HNODEENUMEX`.
///
/// # Safety
/// As [`ClusterEnumEx`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeEnumEx(
    hnodeenum: HNODEENUMEX,
    dwindex: u32,
    pitem: *mut CLUSTER_ENUM_ITEM,
    cbitem: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_item_ex::<NodeEnumExHandle>(hnodeenum, dwindex, pitem, cbitem) }
}

/// `ClusterNodeGetEnumCountEx`: as [`ClusterGetEnumCount`], for an `HNODEENUMEX`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeGetEnumCountEx(hnodeenum: HNODEENUMEX) -> u32 {
    enum_count::<NodeEnumExHandle>(hnodeenum)
}

/// `ClusterNodeCloseEnumEx`: as [`ClusterCloseEnum`], for an `HNODEENUMEX`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNodeCloseEnumEx(hnodeenum: HNODEENUMEX) -> u32 {
    close_enum::<NodeEnumExHandle>(hnodeenum)
}

// ---- resource ---------------------------------------------------------------------------

/// `ClusterResourceOpenEnum`: the resources this one depends on
/// (`CLUSTER_RESOURCE_ENUM_DEPENDS`), those that depend on it (`CLUSTER_RESOURCE_ENUM_PROVIDES`)
/// and its possible owners (`CLUSTER_RESOURCE_ENUM_NODES`).
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for bits
/// outside those three (a choice), `ERROR_INVALID_HANDLE (6)` for a bad resource handle,
/// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted resource.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceOpenEnum(hresource: HRESOURCE, dwtype: u32) -> HRESENUM {
    run("ClusterResourceOpenEnum", Failure::Handle, |sim| {
        Ok(sim.resource_open_enum(ResourceHandle::from_raw(hresource), dwtype)?.raw())
    })
}

/// `ClusterResourceEnum`: as [`ClusterEnum`], for an `HRESENUM`; `*lpdwtype` is one
/// `CLUSTER_RESOURCE_ENUM_*` bit.
///
/// # Safety
/// As [`ClusterEnum`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceEnum(
    hresenum: HRESENUM,
    dwindex: u32,
    lpdwtype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_name::<ResourceEnumHandle>(hresenum, dwindex, lpdwtype, lpszname, lpcchname) }
}

/// `ClusterResourceGetEnumCount`: as [`ClusterGetEnumCount`], for an `HRESENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceGetEnumCount(hresenum: HRESENUM) -> u32 {
    enum_count::<ResourceEnumHandle>(hresenum)
}

/// `ClusterResourceCloseEnum`: as [`ClusterCloseEnum`], for an `HRESENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceCloseEnum(hresenum: HRESENUM) -> u32 {
    close_enum::<ResourceEnumHandle>(hresenum)
}

// ---- resource type ----------------------------------------------------------------------

/// `ClusterResourceTypeOpenEnum`: the nodes that can host resources of the type
/// (`CLUSTER_RESOURCE_TYPE_ENUM_NODES`: every node, the simulated types being installed
/// cluster-wide) and its resources (`CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES`). The handle is
/// derived from `hcluster`.
///
/// Returns NULL on failure and sets the last error: `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
/// (5078)` for a type that is not installed, `ERROR_INVALID_PARAMETER (87)` for a NULL type
/// name or bits outside `CLUSTER_RESOURCE_TYPE_ENUM_*` (a choice), `ERROR_INVALID_NAME (123)`
/// for invalid UTF-16, `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
///
/// # Safety
/// `lpszresourcetypename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceTypeOpenEnum(
    hcluster: HCLUSTER,
    lpszresourcetypename: PCWSTR,
    dwtype: u32,
) -> HRESTYPEENUM {
    run("ClusterResourceTypeOpenEnum", Failure::Handle, |sim| {
        // SAFETY: forwarded from the caller.
        let type_name = unsafe { read_name(lpszresourcetypename) }?;
        Ok(sim.resource_type_open_enum(ClusterHandle::from_raw(hcluster), &type_name, dwtype)?.raw())
    })
}

/// `ClusterResourceTypeEnum`: as [`ClusterEnum`], for an `HRESTYPEENUM`; `*lpdwtype` is one
/// `CLUSTER_RESOURCE_TYPE_ENUM_*` bit.
///
/// # Safety
/// As [`ClusterEnum`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceTypeEnum(
    hrestypeenum: HRESTYPEENUM,
    dwindex: u32,
    lpdwtype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_name::<ResourceTypeEnumHandle>(hrestypeenum, dwindex, lpdwtype, lpszname, lpcchname) }
}

/// `ClusterResourceTypeGetEnumCount`: as [`ClusterGetEnumCount`], for an `HRESTYPEENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceTypeGetEnumCount(hrestypeenum: HRESTYPEENUM) -> u32 {
    enum_count::<ResourceTypeEnumHandle>(hrestypeenum)
}

/// `ClusterResourceTypeCloseEnum`: as [`ClusterCloseEnum`], for an `HRESTYPEENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceTypeCloseEnum(hrestypeenum: HRESTYPEENUM) -> u32 {
    close_enum::<ResourceTypeEnumHandle>(hrestypeenum)
}

// ---- network ----------------------------------------------------------------------------

/// `ClusterNetworkOpenEnum`: the network's interfaces (`CLUSTER_NETWORK_ENUM_NETINTERFACES`).
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for other
/// bits (a choice), `ERROR_INVALID_HANDLE (6)` for a bad network handle.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNetworkOpenEnum(hnetwork: HNETWORK, dwtype: u32) -> HNETWORKENUM {
    run("ClusterNetworkOpenEnum", Failure::Handle, |sim| {
        Ok(sim.network_open_enum(NetworkHandle::from_raw(hnetwork), dwtype)?.raw())
    })
}

/// `ClusterNetworkEnum`: as [`ClusterEnum`], for an `HNETWORKENUM`; `*lpdwtype` is
/// `CLUSTER_NETWORK_ENUM_NETINTERFACES`.
///
/// # Safety
/// As [`ClusterEnum`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNetworkEnum(
    hnetworkenum: HNETWORKENUM,
    dwindex: u32,
    lpdwtype: *mut u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_name::<NetworkEnumHandle>(hnetworkenum, dwindex, lpdwtype, lpszname, lpcchname) }
}

/// `ClusterNetworkGetEnumCount`: as [`ClusterGetEnumCount`], for an `HNETWORKENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNetworkGetEnumCount(hnetworkenum: HNETWORKENUM) -> u32 {
    enum_count::<NetworkEnumHandle>(hnetworkenum)
}

/// `ClusterNetworkCloseEnum`: as [`ClusterCloseEnum`], for an `HNETWORKENUM`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterNetworkCloseEnum(hnetworkenum: HNETWORKENUM) -> u32 {
    close_enum::<NetworkEnumHandle>(hnetworkenum)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> EnumItem {
        EnumItem { object_type: 8, name: "Cluster Group".into(), id: "ab".into() }
    }

    #[test]
    fn ex_item_is_laid_out_after_the_structure() {
        let item = item();
        let needed = enum_item_size(&item);
        assert_eq!(needed, size_of::<CLUSTER_ENUM_ITEM>() + 2 * 3 + 2 * 14);
        // A u64 buffer, so the structure is aligned; one spare word for a sentinel.
        let mut buf = vec![0xa5a5_a5a5_a5a5_a5a5u64; needed.div_ceil(8) + 1];
        let p = buf.as_mut_ptr().cast::<CLUSTER_ENUM_ITEM>();
        let mut cb = (needed - 1) as u32;
        // SAFETY: the buffer holds more than `needed` bytes.
        let e = unsafe { write_enum_item(&item, p, &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb as usize), (234, needed));
        assert!(buf.iter().all(|&w| w == 0xa5a5_a5a5_a5a5_a5a5), "nothing written when short");
        // SAFETY: as above.
        unsafe { write_enum_item(&item, p, &mut cb) }.unwrap();
        assert_eq!(cb as usize, needed);
        // SAFETY: just written, and the buffer is aligned for the structure.
        let written = unsafe { p.read() };
        assert_eq!((written.dwVersion, written.dwType, written.cbId, written.cbName), (1, 8, 6, 28));
        // SAFETY: the pointers point into `buf`, at NUL-terminated strings of those sizes.
        let (id, name) = unsafe {
            (
                std::slice::from_raw_parts(written.lpszId, 3).to_vec(),
                std::slice::from_raw_parts(written.lpszName, 14).to_vec(),
            )
        };
        assert_eq!((id, name), (wide("ab"), wide("Cluster Group")));
        let bytes = buf.as_ptr().cast::<u8>();
        // SAFETY: inside `buf`.
        let after = unsafe { std::slice::from_raw_parts(bytes.add(needed), buf.len() * 8 - needed) };
        assert!(after.iter().all(|&b| b == 0xa5), "nothing written past the item");
    }

    #[test]
    fn ex_item_null_buffer_and_null_size() {
        let item = item();
        let mut cb = 1000;
        // SAFETY: NULL buffer, valid size.
        let e = unsafe { write_enum_item(&item, std::ptr::null_mut(), &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb as usize), (234, enum_item_size(&item)));
        let mut buf = [0u64; 16];
        // SAFETY: NULL size is detected before anything is written.
        let e = unsafe { write_enum_item(&item, buf.as_mut_ptr().cast(), std::ptr::null_mut()) }.unwrap_err();
        assert_eq!(e.code(), 87);
        assert_eq!(buf, [0u64; 16]);
    }
}
