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
//! `ClusterGroupOpenEnumEx` and `ClusterResourceOpenEnumEx` enumerate the whole cluster, with
//! each group's state and owner (`CLUSTER_GROUP_ENUM_ITEM`) or each resource's group
//! (`CLUSTER_RESOURCE_ENUM_ITEM`); the property lists they can also return are not simulated.

use std::mem::{align_of, size_of};

use std::ptr::null_mut;

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_ENUM_ITEM, CLUSTER_ENUM_ITEM_VERSION_1, CLUSTER_GROUP_ENUM_ITEM,
    CLUSTER_GROUP_ENUM_ITEM_VERSION_1, CLUSTER_RESOURCE_ENUM_ITEM, CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1,
    HCLUSENUM, HCLUSENUMEX, HCLUSTER, HGROUP, HGROUPENUM, HGROUPENUMEX, HNETWORK, HNETWORKENUM, HNODE,
    HNODEENUM, HNODEENUMEX, HRESENUM, HRESENUMEX, HRESOURCE, HRESTYPEENUM,
};
use windows_sys::core::{PCWSTR, PWSTR};

use super::{Failure, read_name, read_u32, run, run_code, write_string};
use crate::enumeration::{EnumDetail, EnumItem};
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterEnumExHandle, ClusterEnumHandle, ClusterHandle, Enumeration, GroupEnumExHandle, GroupEnumHandle,
    GroupHandle, Handle, NetworkEnumHandle, NetworkHandle, NodeEnumExHandle, NodeEnumHandle, NodeHandle,
    ResourceEnumExHandle, ResourceEnumHandle, ResourceHandle, ResourceTypeEnumHandle,
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

/// `*EnumEx`: item `index` of enumeration `h`, written by `write` (one of
/// [`write_enum_item`], [`write_group_item`], [`write_resource_item`]) into the caller's
/// buffer of `*cbitem` bytes.
///
/// # Safety
/// As the exports that call it.
unsafe fn enum_item_ex<E: Enumeration, S>(
    h: isize,
    index: u32,
    pitem: *mut S,
    cbitem: *mut u32,
    write: unsafe fn(&EnumItem, *mut S, *mut u32) -> Result<()>,
) -> u32 {
    run_code(E::ENUM_FN, |sim| {
        // SAFETY: forwarded from the caller.
        unsafe { read_u32(cbitem) }?;
        let item = sim.enum_item(E::from_raw(h), index)?;
        // SAFETY: forwarded from the caller.
        unsafe { write(&item, pitem, cbitem) }
    })
}

/// A string as NUL-terminated UTF-16.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// Writes a structure `S` followed by `strings` (each NUL-terminated UTF-16, in order) into a
/// caller buffer of `*cbitem` bytes (a NULL buffer has none), the way the `*EnumEx` functions
/// return their items: `header` receives, for each string, a pointer to its copy inside the
/// buffer and its size in bytes including the NUL. On success `*cbitem` is the number of bytes
/// written; nothing past them is touched.
///
/// The strings start right after the structure, at an offset that keeps them 2-byte aligned;
/// the structure is written unaligned, so even a misaligned buffer is written safely (reading
/// it is the caller's affair).
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for a NULL `cbitem`; `ERROR_MORE_DATA` when the buffer is too
/// small: nothing is written then but `*cbitem`, which holds the size needed.
///
/// # Safety
/// `cbitem` is NULL or valid for reads and writes of a `u32`; `pitem` is NULL or valid for
/// writes of `*cbitem` bytes.
unsafe fn write_with_strings<S, const N: usize>(
    strings: [&str; N],
    pitem: *mut S,
    cbitem: *mut u32,
    header: impl FnOnce([(*mut u16, u32); N]) -> S,
) -> Result<()> {
    // SAFETY: forwarded from the caller.
    let capacity = unsafe { read_u32(cbitem) }?;
    let capacity = if pitem.is_null() { 0 } else { capacity as usize };
    let wides = strings.map(wide);
    let needed = size_of::<S>() + 2 * wides.iter().map(Vec::len).sum::<usize>();
    // SAFETY: cbitem was just read, so it is valid for writes too.
    unsafe { cbitem.write_unaligned(u32::try_from(needed).unwrap_or(u32::MAX)) };
    if capacity < needed {
        return Err(Error::new(codes::ERROR_MORE_DATA));
    }
    debug_assert!(size_of::<S>() % align_of::<u16>() == 0);
    // SAFETY: the structure is followed by the strings' units, all inside the
    // `needed <= capacity` bytes the caller provided.
    let mut next = unsafe { pitem.cast::<u8>().add(size_of::<S>()) }.cast::<u16>();
    let placed = wides.map(|units| {
        let at = next;
        for (i, &unit) in units.iter().enumerate() {
            // SAFETY: inside the buffer (see above).
            unsafe { at.add(i).write_unaligned(unit) };
        }
        // SAFETY: one past this string's units, still inside (or at the end of) the buffer.
        next = unsafe { at.add(units.len()) };
        (at, (2 * units.len()) as u32)
    });
    // SAFETY: the buffer holds at least `needed >= size_of::<S>()` bytes.
    unsafe { pitem.write_unaligned(header(placed)) };
    Ok(())
}

/// Writes `item` as a `CLUSTER_ENUM_ITEM` (`dwVersion` = `CLUSTER_ENUM_ITEM_VERSION_1`): the
/// structure, then the id and the name; see [`write_with_strings`].
///
/// # Errors
/// As [`write_with_strings`].
///
/// # Safety
/// As [`write_with_strings`].
unsafe fn write_enum_item(item: &EnumItem, pitem: *mut CLUSTER_ENUM_ITEM, cbitem: *mut u32) -> Result<()> {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_with_strings([&item.id, &item.name], pitem, cbitem, |[(id, cb_id), (name, cb_name)]| {
            CLUSTER_ENUM_ITEM {
                dwVersion: CLUSTER_ENUM_ITEM_VERSION_1,
                dwType: item.object_type,
                cbId: cb_id,
                lpszId: id,
                cbName: cb_name,
                lpszName: name,
            }
        })
    }
}

/// Writes a group item of `ClusterGroupOpenEnumEx` as a `CLUSTER_GROUP_ENUM_ITEM`
/// (`dwVersion` = `CLUSTER_GROUP_ENUM_ITEM_VERSION_1`): the structure, then the id, the name
/// and the owner node's name. Property lists are not simulated: `cbProperties` and
/// `cbRoProperties` are 0 and their pointers NULL.
///
/// # Errors
/// As [`write_with_strings`].
///
/// # Safety
/// As [`write_with_strings`].
unsafe fn write_group_item(
    item: &EnumItem,
    pitem: *mut CLUSTER_GROUP_ENUM_ITEM,
    cbitem: *mut u32,
) -> Result<()> {
    let EnumDetail::Group { state, owner_node, flags } = &item.detail else {
        return Err(Error::new(codes::ERROR_INVALID_HANDLE));
    };
    let strings = [item.id.as_str(), &item.name, owner_node];
    // SAFETY: forwarded from the caller.
    unsafe {
        write_with_strings(strings, pitem, cbitem, |[(id, cb_id), (name, cb_name), (owner, cb_owner)]| {
            CLUSTER_GROUP_ENUM_ITEM {
                dwVersion: CLUSTER_GROUP_ENUM_ITEM_VERSION_1,
                cbId: cb_id,
                lpszId: id,
                cbName: cb_name,
                lpszName: name,
                state: state.value(),
                cbOwnerNode: cb_owner,
                lpszOwnerNode: owner,
                dwFlags: *flags,
                cbProperties: 0,
                pProperties: null_mut(),
                cbRoProperties: 0,
                pRoProperties: null_mut(),
            }
        })
    }
}

/// Writes a resource item of `ClusterResourceOpenEnumEx` as a `CLUSTER_RESOURCE_ENUM_ITEM`
/// (`dwVersion` = `CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1`): the structure, then the id, the
/// name, the owner group's name and its id. Property lists are not simulated.
///
/// # Errors
/// As [`write_with_strings`].
///
/// # Safety
/// As [`write_with_strings`].
unsafe fn write_resource_item(
    item: &EnumItem,
    pitem: *mut CLUSTER_RESOURCE_ENUM_ITEM,
    cbitem: *mut u32,
) -> Result<()> {
    let EnumDetail::Resource { group_name, group_id } = &item.detail else {
        return Err(Error::new(codes::ERROR_INVALID_HANDLE));
    };
    let strings = [item.id.as_str(), &item.name, group_name, group_id];
    // SAFETY: forwarded from the caller.
    unsafe {
        write_with_strings(
            strings,
            pitem,
            cbitem,
            |[(id, cb_id), (name, cb_name), (gn, cb_gn), (gi, cb_gi)]| CLUSTER_RESOURCE_ENUM_ITEM {
                dwVersion: CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1,
                cbId: cb_id,
                lpszId: id,
                cbName: cb_name,
                lpszName: name,
                cbOwnerGroupName: cb_gn,
                lpszOwnerGroupName: gn,
                cbOwnerGroupId: cb_gi,
                lpszOwnerGroupId: gi,
                cbProperties: 0,
                pProperties: null_mut(),
                cbRoProperties: 0,
                pRoProperties: null_mut(),
            },
        )
    }
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
    unsafe { enum_item_ex::<ClusterEnumExHandle, _>(hclusterenum, dwindex, pitem, cbitem, write_enum_item) }
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
    unsafe { enum_item_ex::<NodeEnumExHandle, _>(hnodeenum, dwindex, pitem, cbitem, write_enum_item) }
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

// ---- cluster-wide group and resource Ex ---------------------------------------------------

/// `ClusterGroupOpenEnumEx`: a snapshot of every group of the cluster, with the state and owner node of each group, read
/// with [`ClusterGroupEnumEx`]. The property names and `dwflags` are not read: property lists are
/// not simulated.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad
/// cluster handle.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupOpenEnumEx(
    hcluster: HCLUSTER,
    lpszproperties: PCWSTR,
    cbproperties: u32,
    lpszroproperties: PCWSTR,
    cbroproperties: u32,
    dwflags: u32,
) -> HGROUPENUMEX {
    let _ = (lpszproperties, cbproperties, lpszroproperties, cbroproperties, dwflags);
    run("ClusterGroupOpenEnumEx", Failure::Handle, |sim| {
        Ok(sim.group_open_enum_ex(ClusterHandle::from_raw(hcluster))?.raw())
    })
}

/// `ClusterGroupEnumEx`: item `dwindex` as a `CLUSTER_GROUP_ENUM_ITEM` in the caller's buffer
/// of `*cbitem` bytes: the structure, then the id, the name and the owner node's name (NUL-
/// terminated UTF-16, the pointers pointing into the buffer, the sizes in bytes including the
/// NUL); no property lists. Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` with `*cbitem` =
/// the size needed (a NULL buffer has none), `ERROR_NO_MORE_ITEMS (259)`, `ERROR_INVALID_HANDLE
/// (6)`, or `ERROR_INVALID_PARAMETER (87)` for a NULL `cbitem`.
///
/// # Safety
/// `cbitem` is NULL or valid for reads and writes of a `u32`; `pitem` is NULL or valid for
/// writes of `*cbitem` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupEnumEx(
    hgroupenumex: HGROUPENUMEX,
    dwindex: u32,
    pitem: *mut CLUSTER_GROUP_ENUM_ITEM,
    cbitem: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe { enum_item_ex::<GroupEnumExHandle, _>(hgroupenumex, dwindex, pitem, cbitem, write_group_item) }
}

/// `ClusterGroupGetEnumCountEx`: the number of items, or 0 with last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupGetEnumCountEx(hgroupenumex: HGROUPENUMEX) -> u32 {
    enum_count::<GroupEnumExHandle>(hgroupenumex)
}

/// `ClusterGroupCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE (6)` for a bad handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupCloseEnumEx(hgroupenumex: HGROUPENUMEX) -> u32 {
    close_enum::<GroupEnumExHandle>(hgroupenumex)
}

/// `ClusterResourceOpenEnumEx`: a snapshot of every resource of the cluster, with the owner group of each resource, read
/// with [`ClusterResourceEnumEx`]. The property names and `dwflags` are not read: property lists are
/// not simulated.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad
/// cluster handle.
///
/// # Safety
/// Safe to call with any values: it reads no pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceOpenEnumEx(
    hcluster: HCLUSTER,
    lpszproperties: PCWSTR,
    cbproperties: u32,
    lpszroproperties: PCWSTR,
    cbroproperties: u32,
    dwflags: u32,
) -> HRESENUMEX {
    let _ = (lpszproperties, cbproperties, lpszroproperties, cbroproperties, dwflags);
    run("ClusterResourceOpenEnumEx", Failure::Handle, |sim| {
        Ok(sim.resource_open_enum_ex(ClusterHandle::from_raw(hcluster))?.raw())
    })
}

/// `ClusterResourceEnumEx`: item `dwindex` as a `CLUSTER_RESOURCE_ENUM_ITEM` in the caller's
/// buffer of `*cbitem` bytes: the structure, then the id, the name, the owner group's name and
/// its id (NUL-terminated UTF-16, the pointers pointing into the buffer, the sizes in bytes
/// including the NUL); no property lists. Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` with
/// `*cbitem` = the size needed (a NULL buffer has none), `ERROR_NO_MORE_ITEMS (259)`,
/// `ERROR_INVALID_HANDLE (6)`, or `ERROR_INVALID_PARAMETER (87)` for a NULL `cbitem`.
///
/// # Safety
/// `cbitem` is NULL or valid for reads and writes of a `u32`; `pitem` is NULL or valid for
/// writes of `*cbitem` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceEnumEx(
    hresourceenumex: HRESENUMEX,
    dwindex: u32,
    pitem: *mut CLUSTER_RESOURCE_ENUM_ITEM,
    cbitem: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        enum_item_ex::<ResourceEnumExHandle, _>(hresourceenumex, dwindex, pitem, cbitem, write_resource_item)
    }
}

/// `ClusterResourceGetEnumCountEx`: the number of items, or 0 with last error `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceGetEnumCountEx(hresourceenumex: HRESENUMEX) -> u32 {
    enum_count::<ResourceEnumExHandle>(hresourceenumex)
}

/// `ClusterResourceCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE (6)` for a bad handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterResourceCloseEnumEx(hresourceenumex: HRESENUMEX) -> u32 {
    close_enum::<ResourceEnumExHandle>(hresourceenumex)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> EnumItem {
        EnumItem { object_type: 8, name: "Cluster Group".into(), id: "ab".into(), ..EnumItem::default() }
    }

    #[test]
    fn ex_item_is_laid_out_after_the_structure() {
        let item = item();
        let needed = size_of::<CLUSTER_ENUM_ITEM>() + 2 * 3 + 2 * 14;
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
    fn a_resource_item_without_its_detail_is_rejected_not_misread() {
        let mut cb = 4096;
        let mut buf = [0u64; 512];
        // SAFETY: the buffer holds 4096 bytes.
        let e = unsafe { write_resource_item(&item(), buf.as_mut_ptr().cast(), &mut cb) }.unwrap_err();
        assert_eq!(e.code(), 6);
        assert_eq!(buf, [0u64; 512]);
    }

    #[test]
    fn ex_item_null_buffer_and_null_size() {
        let item = item();
        let mut cb = 1000;
        // SAFETY: NULL buffer, valid size.
        let e = unsafe { write_enum_item(&item, std::ptr::null_mut(), &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb as usize), (234, size_of::<CLUSTER_ENUM_ITEM>() + 2 * 3 + 2 * 14));
        let mut buf = [0u64; 16];
        // SAFETY: NULL size is detected before anything is written.
        let e = unsafe { write_enum_item(&item, buf.as_mut_ptr().cast(), std::ptr::null_mut()) }.unwrap_err();
        assert_eq!(e.code(), 87);
        assert_eq!(buf, [0u64; 16]);
    }
}
