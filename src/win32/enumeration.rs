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
//! (`CLUSTER_RESOURCE_ENUM_ITEM`), and the property lists of the common properties asked for.
//!
//! The exports, alike but for their handle types and the simulator call they make, come from
//! [`enum_exports!`] (all but `ClusterResourceTypeOpenEnum`, the one that reads a string); the
//! Ex items are written by [`buffer`](super::buffer).

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_ENUM_ITEM, CLUSTER_GROUP_ENUM_ITEM, CLUSTER_RESOURCE_ENUM_ITEM, HCLUSENUM, HCLUSENUMEX, HCLUSTER,
    HGROUP, HGROUPENUM, HGROUPENUMEX, HGROUPSETENUM, HNETWORK, HNETWORKENUM, HNODE, HNODEENUM, HNODEENUMEX,
    HRESENUM, HRESENUMEX, HRESOURCE, HRESTYPEENUM,
};
use windows_sys::core::{PCWSTR, PWSTR};

use super::buffer::{write_enum_item, write_group_item, write_resource_item};
use super::{Failure, Name, read_u32, run, run_code, write_string};
use crate::enumeration::EnumItem;
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterEnumExHandle, ClusterEnumHandle, ClusterHandle, Enumeration, GroupEnumExHandle, GroupEnumHandle,
    GroupHandle, GroupSetEnumHandle, Handle, NetworkEnumHandle, NetworkHandle, NodeEnumExHandle,
    NodeEnumHandle, NodeHandle, ResourceEnumExHandle, ResourceEnumHandle, ResourceHandle,
    ResourceTypeEnumHandle,
};

// ---- the shared bodies ------------------------------------------------------------------

/// The property names an `Ex` enumeration asks for: `cb` bytes of UTF-16 at `p`, the names
/// separated by NULs (a MULTI_SZ, or one NUL-terminated name; empty names are skipped); a
/// NULL pointer or 0 bytes is none. Invalid UTF-16 is `ERROR_INVALID_PARAMETER`.
///
/// # Safety
/// `p` is NULL or valid for reads of `cb` bytes.
unsafe fn property_names(p: PCWSTR, cb: u32) -> Result<Vec<String>> {
    if p.is_null() {
        return Ok(Vec::new());
    }
    // SAFETY: the caller promises `cb` readable bytes; read unaligned, as a byte buffer.
    let units: Vec<u16> = (0..cb as usize / 2).map(|i| unsafe { p.add(i).read_unaligned() }).collect();
    units
        .split(|&u| u == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf16(n).map_err(|_| Error::new(codes::ERROR_INVALID_PARAMETER)))
        .collect()
}

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
    run_code(E::ENUM_FN, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { read_u32(lpcchname) }?;
        if lpdwtype.is_null() {
            return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
        }
        sim.enum_item_as(call, E::from_raw(h), index, |item| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&item.name, lpszname, lpcchname) }?;
            // SAFETY: non-NULL (checked above), and the caller promises it is writable.
            unsafe { lpdwtype.write_unaligned(item.object_type) };
            Ok(())
        })
    })
}

/// `*GetEnumCount*`: the number of items, or 0 with the last error set.
fn enum_count<E: Enumeration>(h: isize) -> u32 {
    run(E::COUNT_FN, Failure::Zero, |sim, call| sim.enum_count_as(call, E::from_raw(h), Ok))
}

/// `*CloseEnum*`: the code.
fn close_enum<E: Enumeration>(h: isize) -> u32 {
    run_code(E::CLOSE_FN, |sim, call| sim.close_enum_as(call, E::from_raw(h), Ok))
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
    run_code(E::ENUM_FN, |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { read_u32(cbitem) }?;
        sim.enum_item_as(call, E::from_raw(h), index, |item| {
            // SAFETY: forwarded from the caller.
            unsafe { write(&item, pitem, cbitem) }
        })
    })
}

/// Exports the enumeration functions, each a call of the shared body of its kind. An entry
/// is its doc comment (the summary: what it returns, its errors) and
/// `KIND fn NAME(HANDLE: HANDLE_TYPE) ...;`; the macro adds the `# Safety` section,
/// `#[unsafe(no_mangle)]` and the windows-sys signature of the kind (the parameters after the
/// handle, and the result):
///
/// * `open fn NAME(h: H) -> R for HANDLE by METHOD;`: `(h, dwtype: u32) -> R`, calls
///   `sim.METHOD(HANDLE::from_raw(h), dwtype)`;
/// * `open_ex fn ...` (the same): `(h, dwtype: u32, poptions: *const c_void) -> R`, as `open`;
///   `poptions` is not read;
/// * `open_props fn ...` (the same): `(h, lpszproperties: PCWSTR, cbproperties: u32,
///   lpszroproperties: PCWSTR, cbroproperties: u32, dwflags: u32) -> R`, calls
///   `sim.METHOD(HANDLE::from_raw(h))`; property lists are not simulated, the rest is not read;
/// * `names fn NAME(h: H) for E;`: `(h, dwindex: u32, lpdwtype: *mut u32, lpszname: PWSTR,
///   lpcchname: *mut u32) -> u32`, [`enum_name`];
/// * `items fn NAME(h: H) for E as ITEM by WRITER;`: `(h, dwindex: u32, pitem: *mut ITEM,
///   cbitem: *mut u32) -> u32`, [`enum_item_ex`] with `WRITER`;
/// * `count fn NAME(h: H) for E;`: `(h) -> u32`, [`enum_count`];
/// * `close fn NAME(h: H) for E;`: `(h) -> u32`, [`close_enum`].
///
/// `tools/gen_win32_surface.py` counts the `fn NAME(` entries of its invocations as
/// implemented exports, so that it generates no stub for them; `tests/win32_parity.rs` pins
/// each signature to windows-sys's.
macro_rules! enum_exports {
    ($(
        $(#[$doc:meta])*
        $kind:ident fn $name:ident($h:ident: $hty:ident) $(-> $ret:ident)? for $e:ident
            $(as $item:ident)? $(by $by:ident)?;
    )*) => {$(
        enum_exports!(@$kind [$(#[$doc])*] $name $h $hty, $e [$($ret)?] [$($item)?] [$($by)?]);
    )*};
    (
        @open [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $handle:ident
        [$ret:ident] [] [$method:ident]
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// Safe to call with any values: it reads no pointer.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name($h: $hty, dwtype: u32) -> $ret {
            run(stringify!($name), Failure::Handle, |sim, call| {
                sim.$method(call, $handle::from_raw($h), dwtype, |h| Ok(h.raw()))
            })
        }
    };
    (
        @open_ex [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $handle:ident
        [$ret:ident] [] [$method:ident]
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// Safe to call with any values: it reads no pointer.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name(
            $h: $hty,
            dwtype: u32,
            poptions: *const core::ffi::c_void,
        ) -> $ret {
            let _ = poptions;
            run(stringify!($name), Failure::Handle, |sim, call| {
                sim.$method(call, $handle::from_raw($h), dwtype, |h| Ok(h.raw()))
            })
        }
    };
    (
        @open_props [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $handle:ident
        [$ret:ident] [] [$method:ident]
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `lpszproperties` is NULL or valid for reads of `cbproperties` bytes, and
        /// `lpszroproperties` of `cbroproperties` bytes.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name(
            $h: $hty,
            lpszproperties: PCWSTR,
            cbproperties: u32,
            lpszroproperties: PCWSTR,
            cbroproperties: u32,
            dwflags: u32,
        ) -> $ret {
            run(stringify!($name), Failure::Handle, |sim, call| {
                // SAFETY: forwarded from the caller.
                let names = unsafe { property_names(lpszproperties, cbproperties)? };
                // SAFETY: forwarded from the caller.
                let ro_names = unsafe { property_names(lpszroproperties, cbroproperties)? };
                // The page: "Reserved for future use. This value must be 0."
                if dwflags != 0 {
                    return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
                }
                sim.$method(call, $handle::from_raw($h), &names, &ro_names, |h| Ok(h.raw()))
            })
        }
    };
    (
        @names [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $e:ident
        [] [] []
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `lpdwtype` is NULL or valid for writes of a `u32`; `lpszname` is NULL or valid for
        /// writes of `*lpcchname` WCHARs; `lpcchname` is NULL or valid for reads and writes of a
        /// `u32`.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name(
            $h: $hty,
            dwindex: u32,
            lpdwtype: *mut u32,
            lpszname: PWSTR,
            lpcchname: *mut u32,
        ) -> u32 {
            // SAFETY: forwarded from the caller.
            unsafe { enum_name::<$e>($h, dwindex, lpdwtype, lpszname, lpcchname) }
        }
    };
    (
        @items [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $e:ident
        [] [$item:ident] [$write:ident]
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// `pitem` is NULL or valid for writes of `*cbitem` bytes; `cbitem` is NULL or valid for
        /// reads and writes of a `u32`.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name(
            $h: $hty,
            dwindex: u32,
            pitem: *mut $item,
            cbitem: *mut u32,
        ) -> u32 {
            // SAFETY: forwarded from the caller.
            unsafe { enum_item_ex::<$e, $item>($h, dwindex, pitem, cbitem, $write) }
        }
    };
    (
        @count [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $e:ident
        [] [] []
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// Safe to call with any value.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name($h: $hty) -> u32 {
            enum_count::<$e>($h)
        }
    };
    (
        @close [$(#[$doc:meta])*] $name:ident $h:ident $hty:ident, $e:ident
        [] [] []
    ) => {
        $(#[$doc])*
        ///
        /// # Safety
        /// Safe to call with any value.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name($h: $hty) -> u32 {
            close_enum::<$e>($h)
        }
    };
}

// ---- cluster ---------------------------------------------------------------------------

enum_exports! {
    /// `ClusterOpenEnum`: a snapshot of the cluster's objects of the types in `dwtype`
    /// (`CLUSTER_ENUM_*`), grouped by type in the order of the type bits.
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for bits
    /// outside `CLUSTER_ENUM_*` (0x40, 0x80, 0x100...: Samba's torture test against Windows) or
    /// `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE` / `CLUSTER_ENUM_INTERNAL_NETWORK` combined with other
    /// bits ("must be used alone"); `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
    open fn ClusterOpenEnum(hcluster: HCLUSTER) -> HCLUSENUM for ClusterHandle by cluster_open_enum_as;

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
    names fn ClusterEnum(henum: HCLUSENUM) for ClusterEnumHandle;

    /// `ClusterGetEnumCount`: the number of items, fixed when the enumeration was opened.
    ///
    /// Returns 0 on failure and sets the last error `ERROR_INVALID_HANDLE (6)`. (An empty
    /// enumeration also returns 0 and leaves the last error alone.)
    count fn ClusterGetEnumCount(henum: HCLUSENUM) for ClusterEnumHandle;

    /// `ClusterCloseEnum`: `ERROR_SUCCESS`, or `ERROR_INVALID_HANDLE (6)` for a closed, stale,
    /// forged or wrong-kind handle.
    close fn ClusterCloseEnum(henum: HCLUSENUM) for ClusterEnumHandle;

    /// `ClusterOpenEnumEx`: as [`ClusterOpenEnum`], read with [`ClusterEnumEx`]. `poptions` is
    /// not read (the ClusterOpenEnumEx page documents it only as "Options").
    ///
    /// Returns NULL on failure and sets the last error, as [`ClusterOpenEnum`].
    open_ex fn ClusterOpenEnumEx(hcluster: HCLUSTER) -> HCLUSENUMEX for ClusterHandle by cluster_open_enum_ex_as;

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
    items fn ClusterEnumEx(hclusterenum: HCLUSENUMEX)
        for ClusterEnumExHandle as CLUSTER_ENUM_ITEM by write_enum_item;

    /// `ClusterGetEnumCountEx`: as [`ClusterGetEnumCount`], for an `HCLUSENUMEX`.
    count fn ClusterGetEnumCountEx(hclusterenum: HCLUSENUMEX) for ClusterEnumExHandle;

    /// `ClusterCloseEnumEx`: as [`ClusterCloseEnum`], for an `HCLUSENUMEX`.
    close fn ClusterCloseEnumEx(hclusterenum: HCLUSENUMEX) for ClusterEnumExHandle;
}

// ---- group -----------------------------------------------------------------------------

enum_exports! {
    /// `ClusterGroupOpenEnum`: the group's resources (`CLUSTER_GROUP_ENUM_CONTAINS`, in the order
    /// they were added) and preferred owners (`CLUSTER_GROUP_ENUM_NODES`, in preference order).
    /// Other bits are ignored, as Windows does (Samba's torture test).
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad group
    /// handle, `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group.
    open fn ClusterGroupOpenEnum(hgroup: HGROUP) -> HGROUPENUM for GroupHandle by group_open_enum_as;

    /// `ClusterGroupEnum`: as [`ClusterEnum`], for an `HGROUPENUM`; `*lpdwtype` is
    /// `CLUSTER_GROUP_ENUM_CONTAINS` or `CLUSTER_GROUP_ENUM_NODES`.
    names fn ClusterGroupEnum(hgroupenum: HGROUPENUM) for GroupEnumHandle;

    /// `ClusterGroupGetEnumCount`: as [`ClusterGetEnumCount`], for an `HGROUPENUM`.
    count fn ClusterGroupGetEnumCount(hgroupenum: HGROUPENUM) for GroupEnumHandle;

    /// `ClusterGroupCloseEnum`: as [`ClusterCloseEnum`], for an `HGROUPENUM`.
    close fn ClusterGroupCloseEnum(hgroupenum: HGROUPENUM) for GroupEnumHandle;
}

// ---- node ------------------------------------------------------------------------------

enum_exports! {
    /// `ClusterNodeOpenEnum`: the node's net interfaces (`CLUSTER_NODE_ENUM_NETINTERFACES`), the
    /// groups it owns (`CLUSTER_NODE_ENUM_GROUPS`) and the groups that prefer it
    /// (`CLUSTER_NODE_ENUM_PREFERRED_GROUPS`).
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for bits
    /// outside those three (the docs are silent; a choice), `ERROR_INVALID_HANDLE (6)` for a bad
    /// node handle, `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node.
    open fn ClusterNodeOpenEnum(hnode: HNODE) -> HNODEENUM for NodeHandle by node_open_enum_as;

    /// `ClusterNodeEnum`: as [`ClusterEnum`], for an `HNODEENUM`; `*lpdwtype` is one
    /// `CLUSTER_NODE_ENUM_*` bit.
    names fn ClusterNodeEnum(hnodeenum: HNODEENUM) for NodeEnumHandle;

    /// `ClusterNodeGetEnumCount`: as [`ClusterGetEnumCount`], for an `HNODEENUM`.
    count fn ClusterNodeGetEnumCount(hnodeenum: HNODEENUM) for NodeEnumHandle;

    /// `ClusterNodeCloseEnum`: as [`ClusterCloseEnum`], for an `HNODEENUM`.
    close fn ClusterNodeCloseEnum(hnodeenum: HNODEENUM) for NodeEnumHandle;

    /// `ClusterNodeOpenEnumEx`: as [`ClusterNodeOpenEnum`], read with [`ClusterNodeEnumEx`].
    /// `poptions` is not read.
    open_ex fn ClusterNodeOpenEnumEx(hnode: HNODE) -> HNODEENUMEX for NodeHandle by node_open_enum_ex_as;

    /// `ClusterNodeEnumEx`: as [`ClusterEnumEx`], for an `HNODEENUMEX`.
    items fn ClusterNodeEnumEx(hnodeenum: HNODEENUMEX)
        for NodeEnumExHandle as CLUSTER_ENUM_ITEM by write_enum_item;

    /// `ClusterNodeGetEnumCountEx`: as [`ClusterGetEnumCount`], for an `HNODEENUMEX`.
    count fn ClusterNodeGetEnumCountEx(hnodeenum: HNODEENUMEX) for NodeEnumExHandle;

    /// `ClusterNodeCloseEnumEx`: as [`ClusterCloseEnum`], for an `HNODEENUMEX`.
    close fn ClusterNodeCloseEnumEx(hnodeenum: HNODEENUMEX) for NodeEnumExHandle;
}

// ---- resource --------------------------------------------------------------------------

enum_exports! {
    /// `ClusterResourceOpenEnum`: the resources this one depends on
    /// (`CLUSTER_RESOURCE_ENUM_DEPENDS`), those that depend on it (`CLUSTER_RESOURCE_ENUM_PROVIDES`)
    /// and its possible owners (`CLUSTER_RESOURCE_ENUM_NODES`).
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for bits
    /// outside those three (a choice), `ERROR_INVALID_HANDLE (6)` for a bad resource handle,
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a deleted resource.
    open fn ClusterResourceOpenEnum(hresource: HRESOURCE) -> HRESENUM
        for ResourceHandle by resource_open_enum_as;

    /// `ClusterResourceEnum`: as [`ClusterEnum`], for an `HRESENUM`; `*lpdwtype` is one
    /// `CLUSTER_RESOURCE_ENUM_*` bit.
    names fn ClusterResourceEnum(hresenum: HRESENUM) for ResourceEnumHandle;

    /// `ClusterResourceGetEnumCount`: as [`ClusterGetEnumCount`], for an `HRESENUM`.
    count fn ClusterResourceGetEnumCount(hresenum: HRESENUM) for ResourceEnumHandle;

    /// `ClusterResourceCloseEnum`: as [`ClusterCloseEnum`], for an `HRESENUM`.
    close fn ClusterResourceCloseEnum(hresenum: HRESENUM) for ResourceEnumHandle;
}

// ---- resource type ---------------------------------------------------------------------

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
    run("ClusterResourceTypeOpenEnum", Failure::Handle, |sim, call| {
        let mut type_name = Name::new();
        // SAFETY: forwarded from the caller.
        let type_name = unsafe { type_name.read(lpszresourcetypename) }?;
        sim.resource_type_open_enum_as(call, ClusterHandle::from_raw(hcluster), type_name, dwtype, |h| {
            Ok(h.raw())
        })
    })
}

enum_exports! {
    /// `ClusterResourceTypeEnum`: as [`ClusterEnum`], for an `HRESTYPEENUM`; `*lpdwtype` is one
    /// `CLUSTER_RESOURCE_TYPE_ENUM_*` bit.
    names fn ClusterResourceTypeEnum(hrestypeenum: HRESTYPEENUM) for ResourceTypeEnumHandle;

    /// `ClusterResourceTypeGetEnumCount`: as [`ClusterGetEnumCount`], for an `HRESTYPEENUM`.
    count fn ClusterResourceTypeGetEnumCount(hrestypeenum: HRESTYPEENUM) for ResourceTypeEnumHandle;

    /// `ClusterResourceTypeCloseEnum`: as [`ClusterCloseEnum`], for an `HRESTYPEENUM`.
    close fn ClusterResourceTypeCloseEnum(hrestypeenum: HRESTYPEENUM) for ResourceTypeEnumHandle;
}

// ---- network ---------------------------------------------------------------------------

enum_exports! {
    /// `ClusterNetworkOpenEnum`: the network's interfaces (`CLUSTER_NETWORK_ENUM_NETINTERFACES`).
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_PARAMETER (87)` for other
    /// bits (a choice), `ERROR_INVALID_HANDLE (6)` for a bad network handle.
    open fn ClusterNetworkOpenEnum(hnetwork: HNETWORK) -> HNETWORKENUM for NetworkHandle by network_open_enum_as;

    /// `ClusterNetworkEnum`: as [`ClusterEnum`], for an `HNETWORKENUM`; `*lpdwtype` is
    /// `CLUSTER_NETWORK_ENUM_NETINTERFACES`.
    names fn ClusterNetworkEnum(hnetworkenum: HNETWORKENUM) for NetworkEnumHandle;

    /// `ClusterNetworkGetEnumCount`: as [`ClusterGetEnumCount`], for an `HNETWORKENUM`.
    count fn ClusterNetworkGetEnumCount(hnetworkenum: HNETWORKENUM) for NetworkEnumHandle;

    /// `ClusterNetworkCloseEnum`: as [`ClusterCloseEnum`], for an `HNETWORKENUM`.
    close fn ClusterNetworkCloseEnum(hnetworkenum: HNETWORKENUM) for NetworkEnumHandle;
}

// ---- group sets ------------------------------------------------------------------------

/// `ClusterGroupSetOpenEnum`: a snapshot of the cluster's group sets, in creation order.
///
/// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad
/// cluster handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupSetOpenEnum(hcluster: HCLUSTER) -> HGROUPSETENUM {
    run("ClusterGroupSetOpenEnum", Failure::Handle, |sim, call| {
        sim.group_set_open_enum_as(call, ClusterHandle::from_raw(hcluster), |h| Ok(h.raw()))
    })
}

/// `ClusterGroupSetEnum`: the name of group set `dwindex`, as [`ClusterEnum`] writes names (it
/// has no type out-parameter): `ERROR_MORE_DATA (234)` with `*lpcchname` the length needed for
/// a short buffer, `ERROR_NO_MORE_ITEMS (259)` past the end, `ERROR_INVALID_PARAMETER (87)` for
/// a NULL `lpcchname`, `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// `lpszname` is NULL or valid for writes of `*lpcchname` WCHARs; `lpcchname` is NULL or valid
/// for reads and writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterGroupSetEnum(
    hgroupsetenum: HGROUPSETENUM,
    dwindex: u32,
    lpszname: PWSTR,
    lpcchname: *mut u32,
) -> u32 {
    run_code("ClusterGroupSetEnum", |sim, call| {
        // SAFETY: forwarded from the caller.
        unsafe { read_u32(lpcchname) }?;
        sim.enum_item_as(call, GroupSetEnumHandle::from_raw(hgroupsetenum), dwindex, |item| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(&item.name, lpszname, lpcchname) }
        })
    })
}

enum_exports! {
    /// `ClusterGroupSetGetEnumCount`: as [`ClusterGetEnumCount`], for an `HGROUPSETENUM`.
    count fn ClusterGroupSetGetEnumCount(hgroupsetenum: HGROUPSETENUM) for GroupSetEnumHandle;

    /// `ClusterGroupSetCloseEnum`: as [`ClusterCloseEnum`], for an `HGROUPSETENUM`.
    close fn ClusterGroupSetCloseEnum(hgroupsetenum: HGROUPSETENUM) for GroupSetEnumHandle;
}

// ---- cluster-wide group and resource Ex ------------------------------------------------

enum_exports! {
    /// `ClusterGroupOpenEnumEx`: a snapshot of every group of the cluster, with the state and
    /// owner node of each group, read with [`ClusterGroupEnumEx`], and in each item the property
    /// lists of the common properties named in `lpszproperties` (read/write) and
    /// `lpszroproperties` (read-only): MULTI_SZ name lists of `cb*` bytes (NULL: none); a name
    /// that is not such a property is left out ([`Sim::group_open_enum_ex`](crate::Sim::group_open_enum_ex)).
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad
    /// cluster handle, `ERROR_INVALID_PARAMETER (87)` for invalid UTF-16 in a name list or a
    /// non-zero `dwflags` (the page: "This value must be 0").
    open_props fn ClusterGroupOpenEnumEx(hcluster: HCLUSTER) -> HGROUPENUMEX
        for ClusterHandle by group_open_enum_ex_as;

    /// `ClusterGroupEnumEx`: item `dwindex` as a `CLUSTER_GROUP_ENUM_ITEM` in the caller's buffer
    /// of `*cbitem` bytes: the structure, then the id, the name and the owner node's name (NUL-
    /// terminated UTF-16, the pointers pointing into the buffer, the sizes in bytes including the
    /// NUL), then the property lists asked for (4-byte aligned; none: 0 and NULL). Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` with `*cbitem` =
    /// the size needed (a NULL buffer has none), `ERROR_NO_MORE_ITEMS (259)`, `ERROR_INVALID_HANDLE
    /// (6)`, or `ERROR_INVALID_PARAMETER (87)` for a NULL `cbitem`.
    items fn ClusterGroupEnumEx(hgroupenumex: HGROUPENUMEX)
        for GroupEnumExHandle as CLUSTER_GROUP_ENUM_ITEM by write_group_item;

    /// `ClusterGroupGetEnumCountEx`: the number of items, or 0 with last error `ERROR_INVALID_HANDLE (6)`.
    count fn ClusterGroupGetEnumCountEx(hgroupenumex: HGROUPENUMEX) for GroupEnumExHandle;

    /// `ClusterGroupCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE (6)` for a bad handle.
    close fn ClusterGroupCloseEnumEx(hgroupenumex: HGROUPENUMEX) for GroupEnumExHandle;

    /// `ClusterResourceOpenEnumEx`: a snapshot of every resource of the cluster, with the owner
    /// group of each resource, read with [`ClusterResourceEnumEx`], and the property lists
    /// named as for [`ClusterGroupOpenEnumEx`].
    ///
    /// Returns NULL on failure and sets the last error: `ERROR_INVALID_HANDLE (6)` for a bad
    /// cluster handle, `ERROR_INVALID_PARAMETER (87)` for invalid UTF-16 in a name list or a
    /// non-zero `dwflags`.
    open_props fn ClusterResourceOpenEnumEx(hcluster: HCLUSTER) -> HRESENUMEX
        for ClusterHandle by resource_open_enum_ex_as;

    /// `ClusterResourceEnumEx`: item `dwindex` as a `CLUSTER_RESOURCE_ENUM_ITEM` in the caller's
    /// buffer of `*cbitem` bytes: the structure, then the id, the name, the owner group's name and
    /// its id (NUL-terminated UTF-16, the pointers pointing into the buffer, the sizes in bytes
    /// including the NUL), then the property lists asked for. Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` with
    /// `*cbitem` = the size needed (a NULL buffer has none), `ERROR_NO_MORE_ITEMS (259)`,
    /// `ERROR_INVALID_HANDLE (6)`, or `ERROR_INVALID_PARAMETER (87)` for a NULL `cbitem`.
    items fn ClusterResourceEnumEx(hresourceenumex: HRESENUMEX)
        for ResourceEnumExHandle as CLUSTER_RESOURCE_ENUM_ITEM by write_resource_item;

    /// `ClusterResourceGetEnumCountEx`: the number of items, or 0 with last error `ERROR_INVALID_HANDLE (6)`.
    count fn ClusterResourceGetEnumCountEx(hresourceenumex: HRESENUMEX) for ResourceEnumExHandle;

    /// `ClusterResourceCloseEnumEx`: closes the enumeration; `ERROR_INVALID_HANDLE (6)` for a bad handle.
    close fn ClusterResourceCloseEnumEx(hresourceenumex: HRESENUMEX) for ResourceEnumExHandle;
}
