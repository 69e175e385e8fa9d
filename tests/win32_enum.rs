//! The Win32 enumeration functions, called the way real clients call them: through
//! `windows_sys::Win32::Networking::Clustering` and `windows_sys::Win32::Foundation`, linked
//! against the simulator's exports. Each test installs its own simulator of the embedded
//! default cluster (`src/fixture/default.toml`) on its thread.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::mem::size_of;
use std::ptr::{null, null_mut};

use clusapi_sim::enumeration::cluster_items;
use clusapi_sim::world::{Cluster, SHARED_VOLUME_GROUP_TYPE};
use windows_sys::Win32::Foundation::{
    ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_MORE_DATA,
    ERROR_NO_MORE_ITEMS, ERROR_SUCCESS, GetLastError, SetLastError,
};
use windows_sys::Win32::Networking::Clustering::*;
use windows_sys::core::PWSTR;

/// A value no buffer protocol should ever write: it shows what was left untouched.
const SENTINEL: u16 = 0xfeed;

/// The signature every `*Enum` function shares (all handles are `isize`).
type EnumFn = unsafe extern "system" fn(isize, u32, *mut u32, PWSTR, *mut u32) -> u32;
/// `*GetEnumCount*` and `*CloseEnum*`.
type HandleFn = unsafe extern "system" fn(isize) -> u32;

/// `(type, name)` pairs as the Rust API computes them for `ClusterOpenEnum(mask)`.
fn expected(c: &Cluster, mask: u32) -> Vec<(u32, String)> {
    cluster_items(c, mask).unwrap().into_iter().map(|i| (i.object_type, i.name)).collect()
}

fn names(items: &[(u32, String)]) -> Vec<&str> {
    items.iter().map(|(_, n)| n.as_str()).collect()
}

/// Reads a whole enumeration the way smartpcr/clus does: ask for the size with a NULL buffer
/// and a zero length (→ `ERROR_MORE_DATA` and the length), allocate length + 1, read.
fn read_null_sizing(enum_fn: EnumFn, h: isize) -> Vec<(u32, String)> {
    let mut items = Vec::new();
    for i in 0.. {
        let (mut t, mut cch) = (0u32, 0u32);
        // SAFETY: a NULL buffer has no capacity; t and cch are valid.
        let rc = unsafe { enum_fn(h, i, &mut t, null_mut(), &mut cch) };
        if rc == ERROR_NO_MORE_ITEMS {
            break;
        }
        assert_eq!(rc, ERROR_MORE_DATA, "sizing item {i}");
        let len = cch;
        cch += 1;
        let mut buf = vec![SENTINEL; cch as usize + 1];
        // SAFETY: buf holds cch + 1 units.
        let rc = unsafe { enum_fn(h, i, &mut t, buf.as_mut_ptr(), &mut cch) };
        assert_eq!((rc, cch), (ERROR_SUCCESS, len), "item {i}");
        assert_eq!((buf[len as usize], buf[len as usize + 1]), (0, SENTINEL), "NUL, then nothing");
        items.push((t, text(&buf)));
    }
    items
}

/// Opens an enumeration with `open`, reads it with `enum_fn`, checks its count and closes it.
fn read_enum(
    open: impl FnOnce() -> isize,
    enum_fn: EnumFn,
    count_fn: HandleFn,
    close_fn: HandleFn,
) -> Vec<(u32, String)> {
    let h = open();
    // SAFETY: no arguments.
    assert_ne!(h, 0, "open failed: {}", unsafe { GetLastError() });
    let items = read_null_sizing(enum_fn, h);
    // SAFETY: any value.
    assert_eq!(unsafe { count_fn(h) } as usize, items.len());
    // SAFETY: any value.
    assert_eq!(unsafe { close_fn(h) }, ERROR_SUCCESS);
    items
}

// ---- ClusterEnum: the three client styles ----------------------------------------------

#[test]
fn cluster_enum_null_buffer_sizing_like_smartpcr() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for mask in [CLUSTER_ENUM_NODE, CLUSTER_ENUM_RESOURCE, CLUSTER_ENUM_GROUP] {
        let mask = mask as u32;
        // SAFETY: reads no pointer.
        let items = read_enum(
            || unsafe { ClusterOpenEnum(hc, mask) },
            ClusterEnum,
            ClusterGetEnumCount,
            ClusterCloseEnum,
        );
        assert_eq!(items, expected(&c, mask), "mask {mask:#x}");
        assert!(items.iter().all(|&(t, _)| t == mask));
    }
    // SAFETY: reads no pointer.
    let nodes = read_enum(
        || unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_NODE as u32) },
        ClusterEnum,
        ClusterGetEnumCount,
        ClusterCloseEnum,
    );
    assert_eq!(names(&nodes), ["NODE1", "NODE2", "NODE3"]);
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(hc) }, 1);
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn cluster_enum_zero_capacity_then_grow_like_pymscluster() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_GROUP as u32) };
    assert_ne!(he, 0);
    let mut got = Vec::new();
    let mut i = 0;
    loop {
        // A zero-capacity (non-NULL) buffer first, grown to what the call asks for.
        let mut buf = vec![SENTINEL; 1];
        let mut cch = 0u32;
        let mut t = 0xdead_beef_u32;
        // SAFETY: buf holds 1 unit, more than cch says.
        let mut rc = unsafe { ClusterEnum(he, i, &mut t, buf.as_mut_ptr(), &mut cch) };
        if rc == ERROR_MORE_DATA {
            assert_eq!((buf[0], t), (SENTINEL, 0xdead_beef), "nothing but the length written");
            buf = vec![SENTINEL; cch as usize + 1];
            cch += 1;
            // SAFETY: buf holds cch units.
            rc = unsafe { ClusterEnum(he, i, &mut t, buf.as_mut_ptr(), &mut cch) };
        }
        if rc == ERROR_NO_MORE_ITEMS {
            break;
        }
        assert_eq!(rc, ERROR_SUCCESS);
        assert_eq!(cch as usize, buf.len() - 1, "length excluding the NUL");
        got.push((t, text(&buf)));
        i += 1;
    }
    assert_eq!(got, expected(&c, CLUSTER_ENUM_GROUP as u32));
    assert!(names(&got).contains(&"Cluster Group") && names(&got).contains(&"Available Storage"));
    // SAFETY: any values.
    unsafe {
        assert_eq!(ClusterCloseEnum(he), ERROR_SUCCESS);
        CloseCluster(hc);
    }
}

#[test]
fn cluster_enum_fixed_max_path_buffer_like_sysinv() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // sysinv: nodes, then groups, then each group's resources, all with a MAX_PATH + 1
    // buffer whose length is reset before every call, looping until ERROR_NO_MORE_ITEMS (any
    // other code would be taken for an item).
    const MAX_PATH: usize = 260;
    let read_sysinv = |enum_fn: EnumFn, h: isize| {
        let mut buf = [0u16; MAX_PATH + 1];
        let mut out = Vec::new();
        let (mut i, mut t) = (0, 0u32);
        let mut cch = buf.len() as u32;
        // SAFETY: buf holds cch units.
        while unsafe { enum_fn(h, i, &mut t, buf.as_mut_ptr(), &mut cch) } != ERROR_NO_MORE_ITEMS {
            out.push((t, text(&buf)));
            i += 1;
            cch = buf.len() as u32;
            assert!(i < 1000, "runaway enumeration");
        }
        out
    };
    for mask in [CLUSTER_ENUM_NODE as u32, CLUSTER_ENUM_GROUP as u32] {
        // SAFETY: reads no pointer.
        let he = unsafe { ClusterOpenEnum(hc, mask) };
        assert_eq!(read_sysinv(ClusterEnum, he), expected(&c, mask));
        // SAFETY: any value.
        assert_eq!(unsafe { ClusterCloseEnum(he) }, ERROR_SUCCESS);
    }
    for g in c.groups().values() {
        let hg = open_group(hc, &g.name);
        // SAFETY: reads no pointer.
        let hge = unsafe { ClusterGroupOpenEnum(hg, CLUSTER_GROUP_ENUM_CONTAINS as u32) };
        assert_ne!(hge, 0);
        let want: Vec<(u32, String)> =
            g.resources.iter().map(|r| (1, c.resources()[r].name.clone())).collect();
        assert_eq!(read_sysinv(ClusterGroupEnum, hge), want, "{}", g.name);
        // SAFETY: any values.
        unsafe {
            assert_eq!(ClusterGroupCloseEnum(hge), ERROR_SUCCESS);
            assert_eq!(CloseClusterGroup(hg), 1);
        }
    }
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
    assert!(sim.harness().open_handles().is_empty());
}

// ---- ClusterEnum: types, count, end, buffer edges -------------------------------------

#[test]
fn enum_all_reports_each_objects_single_type_bit() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_ALL as u32) };
    assert_ne!(he, 0);
    let items = read_null_sizing(ClusterEnum, he);
    // SAFETY: any value.
    assert_eq!(unsafe { ClusterGetEnumCount(he) } as usize, items.len());
    let count = |bit: CLUSTER_ENUM| items.iter().filter(|(t, _)| *t == bit as u32).count();
    assert_eq!(count(CLUSTER_ENUM_NODE), c.nodes().len());
    assert_eq!(count(CLUSTER_ENUM_RESTYPE), c.resource_types().len());
    // Cluster Shared Volumes and their groups have selectors of their own.
    let csvs = c.shared_volumes().count();
    assert_eq!(csvs, 1);
    assert_eq!(count(CLUSTER_ENUM_RESOURCE), c.resources().len() - csvs);
    assert_eq!(count(CLUSTER_ENUM_GROUP), c.groups().len() - csvs);
    assert_eq!(count(CLUSTER_ENUM_NETWORK), c.networks().len());
    assert_eq!(count(CLUSTER_ENUM_NETINTERFACE), c.net_interfaces().len());
    assert_eq!(
        (c.nodes().len(), c.networks().len(), c.net_interfaces().len()),
        (3, 2, 6),
        "the default cluster"
    );
    assert!(items.iter().all(|(t, _)| t.count_ones() == 1 && t & !0x3f == 0), "one CLUSTER_ENUM bit each");
    assert!(items.windows(2).all(|p| p[0].0 <= p[1].0), "grouped by type, in bit order");
    assert_eq!(items, expected(&c, CLUSTER_ENUM_ALL as u32));

    // Past the end: ERROR_NO_MORE_ITEMS, and nothing written.
    let n = items.len() as u32;
    for i in [n, n + 1, u32::MAX] {
        let mut buf = [SENTINEL; 8];
        let (mut t, mut cch) = (0xdead_u32, buf.len() as u32);
        // SAFETY: buf holds cch units.
        let rc = unsafe { ClusterEnum(he, i, &mut t, buf.as_mut_ptr(), &mut cch) };
        assert_eq!((rc, t, cch, buf), (ERROR_NO_MORE_ITEMS, 0xdead, 8, [SENTINEL; 8]), "index {i}");
    }
    // SAFETY: any values.
    unsafe {
        assert_eq!(ClusterCloseEnum(he), ERROR_SUCCESS);
        CloseCluster(hc);
    }
}

#[test]
fn enum_buffer_one_unit_short_writes_only_the_length() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_GROUP as u32) };
    let name = "Cluster Group";
    let len = name.encode_utf16().count();
    let index = read_null_sizing(ClusterEnum, he).iter().position(|(_, n)| n == name).unwrap() as u32;

    // Capacity == length: no room for the NUL.
    let mut buf = vec![SENTINEL; len + 4];
    let (mut t, mut cch) = (0xdead_u32, len as u32);
    // SAFETY: buf holds more than cch units.
    let rc = unsafe { ClusterEnum(he, index, &mut t, buf.as_mut_ptr(), &mut cch) };
    assert_eq!((rc, cch as usize, t), (ERROR_MORE_DATA, len, 0xdead));
    assert!(buf.iter().all(|&u| u == SENTINEL), "nothing written to the buffer");
    let last = sim.harness().trace().pop().unwrap();
    assert_eq!((last.function, last.result), ("ClusterEnum", ERROR_MORE_DATA), "traced as it returned");

    // Capacity == length + 1: exactly enough.
    cch = len as u32 + 1;
    // SAFETY: as above.
    let rc = unsafe { ClusterEnum(he, index, &mut t, buf.as_mut_ptr(), &mut cch) };
    assert_eq!((rc, cch as usize, t), (ERROR_SUCCESS, len, CLUSTER_ENUM_GROUP as u32));
    assert_eq!(text(&buf), name);
    assert_eq!(&buf[len..], &[0, SENTINEL, SENTINEL, SENTINEL], "the NUL, then nothing");
    // SAFETY: any values.
    unsafe {
        ClusterCloseEnum(he);
        CloseCluster(hc);
    }
}

#[test]
fn enum_rejects_null_length_and_type_pointers() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_NODE as u32) };
    let mut buf = [SENTINEL; 32];
    let (mut t, mut cch) = (0xdead_u32, 32u32);
    // SAFETY: the NULL pointers are detected before anything is written.
    unsafe {
        assert_eq!(ClusterEnum(he, 0, &mut t, buf.as_mut_ptr(), null_mut()), ERROR_INVALID_PARAMETER);
        assert_eq!(ClusterEnum(he, 0, null_mut(), buf.as_mut_ptr(), &mut cch), ERROR_INVALID_PARAMETER);
    }
    assert_eq!((t, cch, buf), (0xdead, 32, [SENTINEL; 32]));
    // SAFETY: any values.
    unsafe {
        ClusterCloseEnum(he);
        CloseCluster(hc);
    }
}

// ---- masks ------------------------------------------------------------------------------

#[test]
fn invalid_masks_fail_for_the_cluster_but_not_for_a_group() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // Samba's torture test: CreateEnum and CreateEnumEx with 0x40, 0x80 or 0x100 (each alone)
    // → ERROR_INVALID_PARAMETER, but CreateGroupResourceEnum accepts them.
    for mask in [0x40u32, 0x80, 0x100] {
        // SAFETY: reads no pointer.
        assert_eq!(unsafe { ClusterOpenEnum(hc, mask) }, 0, "{mask:#x}");
        assert_last_error(ERROR_INVALID_PARAMETER);
        // SAFETY: reads no pointer.
        assert_eq!(unsafe { ClusterOpenEnumEx(hc, mask, null()) }, 0, "{mask:#x}");
        assert_last_error(ERROR_INVALID_PARAMETER);

        let hg = open_group(hc, "Cluster Group");
        // SAFETY: reads no pointer.
        let hge = unsafe { ClusterGroupOpenEnum(hg, mask) };
        assert_ne!(hge, 0, "{mask:#x}");
        // SAFETY: any value.
        assert_eq!(unsafe { ClusterGroupGetEnumCount(hge) }, 0, "no known bit, no items");
        // SAFETY: reads no pointer.
        let hge2 = unsafe { ClusterGroupOpenEnum(hg, mask | CLUSTER_GROUP_ENUM_CONTAINS as u32) };
        let g = &c.groups()[&c.find_group("Cluster Group").unwrap()];
        // SAFETY: any value.
        assert_eq!(unsafe { ClusterGroupGetEnumCount(hge2) } as usize, g.resources.len());
        // SAFETY: any values.
        unsafe {
            ClusterGroupCloseEnum(hge);
            ClusterGroupCloseEnum(hge2);
            CloseClusterGroup(hg);
        }
    }
    // "Must be used alone."
    let alone = CLUSTER_ENUM_SHARED_VOLUME_RESOURCE as u32 | CLUSTER_ENUM_NODE as u32;
    // SAFETY: reads no pointer.
    assert_eq!(unsafe { ClusterOpenEnum(hc, alone) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
}

// ---- handles ----------------------------------------------------------------------------

#[test]
fn a_group_enum_handle_is_not_a_cluster_enum_handle() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hg = open_group(hc, "Cluster Group");
    // SAFETY: reads no pointer.
    let hge = unsafe { ClusterGroupOpenEnum(hg, CLUSTER_GROUP_ENUM_CONTAINS as u32) };
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_NODE as u32) };
    // SAFETY: reads no pointer.
    let hex = unsafe { ClusterOpenEnumEx(hc, CLUSTER_ENUM_NODE as u32, null()) };
    assert!(hge != 0 && he != 0 && hex != 0);

    let mut buf = [SENTINEL; 64];
    let (mut t, mut cch) = (0xdead_u32, 64u32);
    // pymscluster's retry path calls ClusterEnum with its HGROUPENUM.
    // SAFETY: buf holds cch units.
    unsafe {
        assert_eq!(ClusterEnum(hge, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterEnum(hex, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupEnum(he, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterNodeEnum(he, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        // An object handle is not an enumeration either.
        assert_eq!(ClusterEnum(hc, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupEnum(hg, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
    }
    assert_eq!((t, cch, buf), (0xdead, 64, [SENTINEL; 64]), "nothing written");

    // SAFETY: any values.
    unsafe {
        assert_eq!(ClusterGetEnumCount(hge), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupGetEnumCount(he), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGetEnumCountEx(he), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        // Closing with the wrong function fails and closes nothing.
        assert_eq!(ClusterCloseEnum(hge), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterCloseEnumEx(he), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupCloseEnum(he), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupGetEnumCount(hge), 3, "still open: Cluster Group has 3 resources");
        assert_eq!(ClusterGroupCloseEnum(hge), ERROR_SUCCESS);
        assert_eq!(ClusterCloseEnum(he), ERROR_SUCCESS);
        assert_eq!(ClusterCloseEnumEx(hex), ERROR_SUCCESS);
        CloseClusterGroup(hg);
        CloseCluster(hc);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn stale_and_forged_enum_handles_are_invalid() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_NODE as u32) };
    // SAFETY: any value.
    assert_eq!(unsafe { ClusterCloseEnum(he) }, ERROR_SUCCESS);
    // A new enumeration may reuse the slot; the stale value must still fail (H3).
    // SAFETY: reads no pointer.
    let fresh = unsafe { ClusterOpenEnum(hc, CLUSTER_ENUM_NODE as u32) };
    assert_ne!(fresh, he);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut forged: Vec<isize> =
        vec![he, he + 4, he ^ (1 << 40), 0, -1, 1, 0x1234_5678, isize::MAX, isize::MIN];
    for _ in 0..16 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        forged.push(x as isize & !3);
    }
    for h in forged.into_iter().filter(|&h| h != fresh) {
        let mut buf = [SENTINEL; 16];
        let (mut t, mut cch) = (0xdead_u32, 16u32);
        // SAFETY: buf holds cch units; the other calls read no pointer.
        unsafe {
            assert_eq!(ClusterEnum(h, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE, "{h:#x}");
            assert_eq!(ClusterGetEnumCount(h), 0, "{h:#x}");
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(ClusterCloseEnum(h), ERROR_INVALID_HANDLE, "{h:#x}");
            assert_eq!(ClusterGroupCloseEnum(h), ERROR_INVALID_HANDLE, "{h:#x}");
        }
        assert_eq!((t, cch, buf), (0xdead, 16, [SENTINEL; 16]));
    }
    // SAFETY: any value.
    assert_eq!(unsafe { ClusterGetEnumCount(fresh) }, 3, "the fresh one is unaffected");
    // SAFETY: any values.
    unsafe {
        ClusterCloseEnum(fresh);
        CloseCluster(hc);
    }
}

#[test]
fn close_cluster_invalidates_every_enumeration_derived_from_it() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hg = open_group(hc, "SQL Server (MSSQLSERVER)");
    let hn = open_node(hc, "NODE1");
    let hr = open_resource(hc, "SQL Server");
    let hnet = open_network(hc, "Cluster Network 1");
    // SAFETY: the type name is NUL-terminated; the others read no pointer.
    let (he, hex, hge, hne, hnex, hre, hte, hnete) = unsafe {
        (
            ClusterOpenEnum(hc, CLUSTER_ENUM_ALL as u32),
            ClusterOpenEnumEx(hc, CLUSTER_ENUM_ALL as u32, null()),
            ClusterGroupOpenEnum(hg, CLUSTER_GROUP_ENUM_ALL as u32),
            ClusterNodeOpenEnum(hn, CLUSTER_NODE_ENUM_ALL as u32),
            ClusterNodeOpenEnumEx(hn, CLUSTER_NODE_ENUM_ALL as u32, null()),
            ClusterResourceOpenEnum(hr, CLUSTER_RESOURCE_ENUM_ALL as u32),
            ClusterResourceTypeOpenEnum(
                hc,
                w("Physical Disk").as_ptr(),
                CLUSTER_RESOURCE_TYPE_ENUM_ALL as u32,
            ),
            ClusterNetworkOpenEnum(hnet, CLUSTER_NETWORK_ENUM_ALL as u32),
        )
    };
    let all: [(isize, HandleFn, HandleFn); 8] = [
        (he, ClusterGetEnumCount, ClusterCloseEnum),
        (hex, ClusterGetEnumCountEx, ClusterCloseEnumEx),
        (hge, ClusterGroupGetEnumCount, ClusterGroupCloseEnum),
        (hne, ClusterNodeGetEnumCount, ClusterNodeCloseEnum),
        (hnex, ClusterNodeGetEnumCountEx, ClusterNodeCloseEnumEx),
        (hre, ClusterResourceGetEnumCount, ClusterResourceCloseEnum),
        (hte, ClusterResourceTypeGetEnumCount, ClusterResourceTypeCloseEnum),
        (hnete, ClusterNetworkGetEnumCount, ClusterNetworkCloseEnum),
    ];
    for (h, count, _) in all {
        assert_ne!(h, 0);
        // SAFETY: any value.
        assert!(unsafe { count(h) } > 0);
    }
    // Close the object handles first: the enumerations stay readable (H5)...
    // SAFETY: any values.
    unsafe {
        assert_eq!(CloseClusterGroup(hg), 1);
        assert_eq!(CloseClusterNode(hn), 1);
        assert_eq!(CloseClusterResource(hr), 1);
        assert_eq!(CloseClusterNetwork(hnet), 1);
    }
    for (h, count, _) in all {
        // SAFETY: any value.
        assert!(unsafe { count(h) } > 0, "{h:#x} survives its parent's close");
    }
    // ...until the cluster handle they all derive from is closed (H4).
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(hc) }, 1);
    for (h, count, close) in all {
        // SAFETY: any value.
        unsafe {
            assert_eq!(count(h), 0, "{h:#x}");
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(close(h), ERROR_INVALID_HANDLE, "{h:#x}");
        }
    }
    let mut buf = [0u16; 64];
    let (mut t, mut cch) = (0u32, 64u32);
    // SAFETY: buf holds cch units.
    unsafe {
        assert_eq!(ClusterEnum(he, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupEnum(hge, 0, &mut t, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn an_enumeration_is_a_snapshot_taken_at_open() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hg = open_group(hc, "FS01");
    // SAFETY: reads no pointer.
    let hge = unsafe { ClusterGroupOpenEnum(hg, CLUSTER_GROUP_ENUM_ALL as u32) };
    let before = read_null_sizing(ClusterGroupEnum, hge);
    // SAFETY: any value.
    let count = unsafe { ClusterGroupGetEnumCount(hge) };
    assert_eq!(count as usize, before.len());
    // The group handle it was taken from goes away; the snapshot does not.
    // SAFETY: any value.
    assert_eq!(unsafe { CloseClusterGroup(hg) }, 1);
    // SAFETY: any value.
    assert_eq!(unsafe { ClusterGroupGetEnumCount(hge) }, count);
    assert_eq!(read_null_sizing(ClusterGroupEnum, hge), before);
    assert_eq!(
        names(&before),
        ["IP Address 10.0.0.50", "FS01", "Cluster Disk 5", "File Server (\\\\FS01)", "NODE3", "NODE1"]
    );
    assert_eq!(before.iter().map(|(t, _)| *t).collect::<Vec<_>>(), [1, 1, 1, 1, 2, 2]);
    // SAFETY: any values.
    unsafe {
        ClusterGroupCloseEnum(hge);
        CloseCluster(hc);
    }
}

// ---- per-object enumerations ------------------------------------------------------------

#[test]
fn group_enum_lists_resources_then_preferred_owners() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hg = open_group(hc, "SQL Server (MSSQLSERVER)");
    let g = &c.groups()[&c.find_group("SQL Server (MSSQLSERVER)").unwrap()];
    let resources: Vec<String> = g.resources.iter().map(|r| c.resources()[r].name.clone()).collect();
    let read = |mask: CLUSTER_GROUP_ENUM| {
        // SAFETY: reads no pointer.
        read_enum(
            || unsafe { ClusterGroupOpenEnum(hg, mask as u32) },
            ClusterGroupEnum,
            ClusterGroupGetEnumCount,
            ClusterGroupCloseEnum,
        )
    };
    let contains = read(CLUSTER_GROUP_ENUM_CONTAINS);
    assert_eq!(names(&contains), resources);
    assert_eq!(resources.len(), 5);
    assert!(contains.iter().all(|(t, _)| *t == CLUSTER_GROUP_ENUM_CONTAINS as u32));
    let nodes = read(CLUSTER_GROUP_ENUM_NODES);
    assert_eq!(nodes, [(2, "NODE2".to_string()), (2, "NODE3".to_string())]);
    let all = read(CLUSTER_GROUP_ENUM_ALL);
    assert_eq!(all, [contains, nodes].concat());
    // SAFETY: any values.
    unsafe {
        CloseClusterGroup(hg);
        CloseCluster(hc);
    }
}

#[test]
fn node_enum_lists_interfaces_owned_and_preferring_groups() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hn = open_node(hc, "NODE1");
    let read = |mask: u32| {
        // SAFETY: reads no pointer.
        read_enum(
            || unsafe { ClusterNodeOpenEnum(hn, mask) },
            ClusterNodeEnum,
            ClusterNodeGetEnumCount,
            ClusterNodeCloseEnum,
        )
    };
    let nics = read(CLUSTER_NODE_ENUM_NETINTERFACES as u32);
    assert_eq!(names(&nics), ["NODE1 - Ethernet", "NODE1 - Ethernet 2"]);
    let owned = read(CLUSTER_NODE_ENUM_GROUPS as u32);
    let want: Vec<&str> = c.groups().values().filter(|g| g.owner == 1).map(|g| g.name.as_str()).collect();
    assert_eq!(names(&owned), want);
    assert!(want.contains(&"Cluster Group"));
    assert!(owned.iter().all(|(t, _)| *t == 2));
    let preferring = read(CLUSTER_NODE_ENUM_PREFERRED_GROUPS as u32);
    let want: Vec<&str> =
        c.groups().values().filter(|g| g.preferred_owners.contains(&1)).map(|g| g.name.as_str()).collect();
    assert_eq!(names(&preferring), want);
    assert!(
        want.contains(&"FS01")
            && want.contains(&"CONTOSO-APP1")
            && !want.contains(&"SQL Server (MSSQLSERVER)")
    );
    assert!(preferring.iter().all(|(t, _)| *t == 4));
    // Bits outside CLUSTER_NODE_ENUM_* (a choice).
    // SAFETY: reads no pointer.
    assert_eq!(unsafe { ClusterNodeOpenEnum(hn, 8) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    // SAFETY: any values.
    unsafe {
        CloseClusterNode(hn);
        CloseCluster(hc);
    }
}

#[test]
fn resource_enum_lists_providers_dependents_and_possible_owners() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let read = |name: &str, mask: CLUSTER_RESOURCE_ENUM| {
        let hr = open_resource(hc, name);
        // SAFETY: reads no pointer.
        let items = read_enum(
            || unsafe { ClusterResourceOpenEnum(hr, mask as u32) },
            ClusterResourceEnum,
            ClusterResourceGetEnumCount,
            ClusterResourceCloseEnum,
        );
        // SAFETY: any value.
        assert_eq!(unsafe { CloseClusterResource(hr) }, 1);
        items
    };
    assert_eq!(
        read("SQL Server", CLUSTER_RESOURCE_ENUM_DEPENDS),
        [(1, "SQL Network Name (SQLFCI01)".to_string()), (1, "Cluster Disk 4".to_string())]
    );
    assert_eq!(read("SQL Server", CLUSTER_RESOURCE_ENUM_PROVIDES), [(2, "SQL Server Agent".to_string())]);
    assert_eq!(names(&read("SQL Server", CLUSTER_RESOURCE_ENUM_NODES)), ["NODE1", "NODE2", "NODE3"]);
    assert_eq!(names(&read("Cluster Disk 5", CLUSTER_RESOURCE_ENUM_NODES)), ["NODE1", "NODE3"]);
    assert!(read("SQL Server Agent", CLUSTER_RESOURCE_ENUM_PROVIDES).is_empty());
    let all = read("SQL Network Name (SQLFCI01)", CLUSTER_RESOURCE_ENUM_ALL);
    assert_eq!(all.iter().map(|(t, _)| *t).collect::<Vec<_>>(), [1, 2, 4, 4, 4]);

    let hr = open_resource(hc, "SQL Server");
    // SAFETY: reads no pointer.
    assert_eq!(unsafe { ClusterResourceOpenEnum(hr, 8) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    // SAFETY: any values.
    unsafe {
        CloseClusterResource(hr);
        CloseCluster(hc);
    }
}

#[test]
fn resource_type_enum_lists_nodes_and_resources() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let read = |type_name: &str, mask: CLUSTER_RESOURCE_TYPE_ENUM| {
        let name = w(type_name);
        // SAFETY: NUL-terminated.
        read_enum(
            || unsafe { ClusterResourceTypeOpenEnum(hc, name.as_ptr(), mask as u32) },
            ClusterResourceTypeEnum,
            ClusterResourceTypeGetEnumCount,
            ClusterResourceTypeCloseEnum,
        )
    };
    assert_eq!(
        read("Physical Disk", CLUSTER_RESOURCE_TYPE_ENUM_NODES),
        [(1, "NODE1".to_string()), (1, "NODE2".to_string()), (1, "NODE3".to_string())]
    );
    let disks: Vec<&str> = c
        .resources()
        .values()
        .filter(|r| r.resource_type == "Physical Disk")
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(disks.len(), 6, "the CSV is a Physical Disk too");
    let got = read("physical disk", CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES);
    assert_eq!(names(&got), disks, "type names ignore case");
    assert!(got.iter().all(|(t, _)| *t == 2));

    // SAFETY: NUL-terminated, or NULL (detected).
    unsafe {
        assert_eq!(ClusterResourceTypeOpenEnum(hc, w("No Such Type").as_ptr(), 3), 0);
        assert_last_error(ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
        assert_eq!(ClusterResourceTypeOpenEnum(hc, null(), 3), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        // Undefined bits select nothing and are accepted (Samba's test_CreateResTypeEnum).
        let e = ClusterResourceTypeOpenEnum(hc, w("Physical Disk").as_ptr(), 4);
        assert_ne!(e, 0);
        assert_eq!(ClusterResourceTypeGetEnumCount(e), 0);
        assert_eq!(ClusterResourceTypeCloseEnum(e), ERROR_SUCCESS);
        assert_eq!(ClusterResourceTypeOpenEnum(0, w("Physical Disk").as_ptr(), 3), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        CloseCluster(hc);
    }
}

/// Samba's torture test `test_CreateResTypeEnum`, run against Windows: with an installed type,
/// the undefined bits 0x40, 0x80 and 0x100 succeed; with an unknown type every mask fails with
/// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND`.
#[test]
fn resource_type_enum_accepts_undefined_bits_for_an_installed_type() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for type_name in ["Physical Disk", "IP Address"] {
        let name = w(type_name);
        for mask in [0x40u32, 0x80, 0x100] {
            // SAFETY: NUL-terminated.
            let e = unsafe { ClusterResourceTypeOpenEnum(hc, name.as_ptr(), mask) };
            assert_ne!(e, 0, "{type_name} {mask:#x}");
            // SAFETY: a live enumeration handle.
            unsafe {
                assert_eq!(ClusterResourceTypeGetEnumCount(e), 0, "{mask:#x} selects nothing");
                assert_eq!(ClusterResourceTypeCloseEnum(e), ERROR_SUCCESS);
            }
        }
        // Undefined bits next to defined ones do not hide the defined ones.
        // SAFETY: NUL-terminated.
        let e = unsafe {
            ClusterResourceTypeOpenEnum(hc, name.as_ptr(), 0x100 | CLUSTER_RESOURCE_TYPE_ENUM_NODES as u32)
        };
        assert_ne!(e, 0);
        // SAFETY: a live enumeration handle.
        unsafe {
            assert_eq!(ClusterResourceTypeGetEnumCount(e), 3, "the three nodes");
            assert_eq!(ClusterResourceTypeCloseEnum(e), ERROR_SUCCESS);
        }
    }
    let unknown = w("INVALID_TYPE_XXXX");
    for mask in [1u32, 2, 0x40, 0x80, 0x100] {
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { ClusterResourceTypeOpenEnum(hc, unknown.as_ptr(), mask) }, 0, "{mask:#x}");
        assert_last_error(ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    }
    assert_eq!(sim.harness().open_handles().len(), 1, "only the cluster handle");
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
}

#[test]
fn network_enum_lists_its_interfaces() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hnet = open_network(hc, "Cluster Network 1");
    let items = read_enum(
        // SAFETY: reads no pointer.
        || unsafe { ClusterNetworkOpenEnum(hnet, CLUSTER_NETWORK_ENUM_NETINTERFACES as u32) },
        ClusterNetworkEnum,
        ClusterNetworkGetEnumCount,
        ClusterNetworkCloseEnum,
    );
    assert_eq!(names(&items), ["NODE1 - Ethernet", "NODE2 - Ethernet", "NODE3 - Ethernet"]);
    assert!(items.iter().all(|(t, _)| *t == CLUSTER_NETWORK_ENUM_NETINTERFACES as u32));
    // SAFETY: reads no pointer.
    assert_eq!(unsafe { ClusterNetworkOpenEnum(hnet, 2) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    // SAFETY: any values.
    unsafe {
        CloseClusterNetwork(hnet);
        CloseCluster(hc);
    }
}

// ---- Ex enumerations --------------------------------------------------------------------

/// A buffer for `CLUSTER_ENUM_ITEM`s, aligned as `malloc` would align it, filled with 0xa5.
fn item_buffer(bytes: usize) -> Vec<u64> {
    vec![0xa5a5_a5a5_a5a5_a5a5; bytes.div_ceil(8)]
}

fn bytes_of(buf: &[u64]) -> &[u8] {
    // SAFETY: u64s are plain bytes.
    unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), buf.len() * 8) }
}

/// Reads the id and name a successful `*EnumEx` wrote into a fresh [`item_buffer`], checking
/// that the structure points into the `cb` bytes it reported and that nothing past them was
/// written.
fn parse_item(buf: &[u64], cb: u32) -> (u32, String, String) {
    let item = parse_reused(buf, cb);
    assert!(bytes_of(buf)[cb as usize..].iter().all(|&b| b == 0xa5), "nothing written past cb bytes");
    item
}

/// As [`parse_item`], for a buffer that earlier calls may have written past `cb`.
fn parse_reused(buf: &[u64], cb: u32) -> (u32, String, String) {
    let base = buf.as_ptr() as usize;
    // SAFETY: the buffer is aligned for the structure and holds at least cb bytes.
    let item = unsafe { buf.as_ptr().cast::<CLUSTER_ENUM_ITEM>().read() };
    assert_eq!(item.dwVersion, CLUSTER_ENUM_ITEM_VERSION_1);
    let header = size_of::<CLUSTER_ENUM_ITEM>();
    assert_eq!(cb as usize, header + item.cbId as usize + item.cbName as usize, "struct, id, name");
    let inside = |p: PWSTR, n: u32| {
        let p = p as usize;
        assert!(
            p >= base + header && p + n as usize <= base + cb as usize,
            "string inside the reported bytes"
        );
        assert_eq!(p % 2, 0, "aligned for WCHAR");
        // SAFETY: inside buf, checked above.
        String::from_utf16(unsafe { std::slice::from_raw_parts(p as *const u16, n as usize / 2 - 1) })
            .unwrap()
    };
    let (id, name) = (inside(item.lpszId, item.cbId), inside(item.lpszName, item.cbName));
    (item.dwType, id, name)
}

#[test]
fn cluster_enum_ex_exact_and_one_byte_short_buffers() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterOpenEnumEx(hc, (CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP) as u32, null()) };
    assert_ne!(he, 0);
    let want = cluster_items(&c, (CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP) as u32).unwrap();
    // SAFETY: any value.
    assert_eq!(unsafe { ClusterGetEnumCountEx(he) } as usize, want.len());
    for (i, expect) in want.iter().enumerate() {
        let i = i as u32;
        let needed = size_of::<CLUSTER_ENUM_ITEM>()
            + 2 * (expect.id.encode_utf16().count() + 1)
            + 2 * (expect.name.encode_utf16().count() + 1);
        // Sizing with a NULL buffer.
        let mut cb = 0u32;
        // SAFETY: NULL buffer, valid size.
        assert_eq!(unsafe { ClusterEnumEx(he, i, null_mut(), &mut cb) }, ERROR_MORE_DATA);
        assert_eq!(cb as usize, needed);
        // One byte short: nothing written but the size.
        let mut buf = item_buffer(needed + 16);
        let mut cb = needed as u32 - 1;
        // SAFETY: buf holds more than cb bytes.
        assert_eq!(unsafe { ClusterEnumEx(he, i, buf.as_mut_ptr().cast(), &mut cb) }, ERROR_MORE_DATA);
        assert_eq!(cb as usize, needed);
        assert!(bytes_of(&buf).iter().all(|&b| b == 0xa5), "nothing written when short");
        // Exactly enough, with a sentinel after.
        // SAFETY: buf holds more than cb bytes.
        assert_eq!(unsafe { ClusterEnumEx(he, i, buf.as_mut_ptr().cast(), &mut cb) }, ERROR_SUCCESS);
        assert_eq!(cb as usize, needed, "bytes written");
        let (t, id, name) = parse_item(&buf, cb);
        assert_eq!((t, &id, &name), (expect.object_type, &expect.id, &expect.name));
    }
    // Node ids are decimal, group ids GUIDs.
    let mut cb = 4096u32;
    let mut buf = item_buffer(4096);
    // SAFETY: buf holds cb bytes.
    assert_eq!(unsafe { ClusterEnumEx(he, 1, buf.as_mut_ptr().cast(), &mut cb) }, ERROR_SUCCESS);
    assert_eq!(parse_item(&buf, cb), (1, "2".to_string(), "NODE2".to_string()));
    let core = &c.groups()[&c.find_group("Cluster Group").unwrap()];
    let gi = want.iter().position(|i| i.name == "Cluster Group").unwrap() as u32;
    let mut cb = 4096u32;
    let mut buf = item_buffer(4096);
    // SAFETY: buf holds cb bytes.
    assert_eq!(unsafe { ClusterEnumEx(he, gi, buf.as_mut_ptr().cast(), &mut cb) }, ERROR_SUCCESS);
    assert_eq!(parse_item(&buf, cb), (8, core.guid.clone(), "Cluster Group".to_string()));
    assert_eq!(core.guid.len(), 36);

    // Past the end, NULL size, wrong kinds.
    let mut cb = 4096u32;
    // SAFETY: buf holds cb bytes; NULL size is detected.
    unsafe {
        assert_eq!(
            ClusterEnumEx(he, want.len() as u32, buf.as_mut_ptr().cast(), &mut cb),
            ERROR_NO_MORE_ITEMS
        );
        assert_eq!(cb, 4096);
        assert_eq!(ClusterEnumEx(he, 0, buf.as_mut_ptr().cast(), null_mut()), ERROR_INVALID_PARAMETER);
        let plain = ClusterOpenEnum(hc, CLUSTER_ENUM_NODE as u32);
        assert_eq!(ClusterEnumEx(plain, 0, buf.as_mut_ptr().cast(), &mut cb), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterNodeEnumEx(he, 0, buf.as_mut_ptr().cast(), &mut cb), ERROR_INVALID_HANDLE);
        assert_eq!(ClusterCloseEnum(plain), ERROR_SUCCESS);
        assert_eq!(ClusterCloseEnumEx(he), ERROR_SUCCESS);
        assert_eq!(ClusterCloseEnumEx(he), ERROR_INVALID_HANDLE);
        CloseCluster(hc);
    }
}

#[test]
fn cluster_enum_ex_loop_like_donuts_emperor() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for mask in [
        CLUSTER_ENUM_NODE,
        CLUSTER_ENUM_GROUP,
        CLUSTER_ENUM_RESOURCE,
        CLUSTER_ENUM_RESTYPE,
        CLUSTER_ENUM_NETWORK,
    ] {
        // DonutsEmperor's Cluster::FetchEnumerations: a 1-byte buffer whose size is never reset,
        // grown to *itemSize on ERROR_MORE_DATA and retried at the same index.
        // SAFETY: reads no pointer.
        let he = unsafe { ClusterOpenEnumEx(hc, mask as u32, null()) };
        let mut item_size = 1u32;
        let mut buf = item_buffer(1);
        // SAFETY: any value.
        let length = unsafe { ClusterGetEnumCountEx(he) };
        let (mut i, mut got, mut retries) = (0, Vec::new(), 0);
        while i < length {
            // SAFETY: buf holds at least item_size bytes.
            let rc = unsafe { ClusterEnumEx(he, i, buf.as_mut_ptr().cast(), &mut item_size) };
            i += 1;
            if rc == ERROR_SUCCESS {
                // The buffer is reused: a longer earlier item may show past this one.
                let (t, _, name) = parse_reused(&buf, item_size);
                got.push((t, name));
            } else if rc == ERROR_MORE_DATA {
                buf = item_buffer(item_size as usize);
                i -= 1;
                retries += 1;
            } else {
                panic!("ClusterEnumEx returned {rc}");
            }
        }
        assert_eq!(got, expected(&c, mask as u32), "mask {mask:#x}");
        assert!(retries >= 1 && retries <= got.len());
        // SAFETY: any value.
        assert_eq!(unsafe { ClusterCloseEnumEx(he) }, ERROR_SUCCESS);
    }
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn node_enum_ex_returns_group_ids() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hn = open_node(hc, "NODE2");
    // SAFETY: reads no pointer.
    let he = unsafe { ClusterNodeOpenEnumEx(hn, CLUSTER_NODE_ENUM_GROUPS as u32, null()) };
    assert_ne!(he, 0);
    let want: Vec<(u32, String, String)> =
        c.groups().values().filter(|g| g.owner == 2).map(|g| (2, g.guid.clone(), g.name.clone())).collect();
    assert!(!want.is_empty());
    // SAFETY: any value.
    assert_eq!(unsafe { ClusterNodeGetEnumCountEx(he) } as usize, want.len());
    let mut got = Vec::new();
    for i in 0.. {
        let mut buf = item_buffer(1024);
        let mut cb = 1024u32;
        // SAFETY: buf holds cb bytes.
        match unsafe { ClusterNodeEnumEx(he, i, buf.as_mut_ptr().cast(), &mut cb) } {
            ERROR_SUCCESS => got.push(parse_item(&buf, cb)),
            ERROR_NO_MORE_ITEMS => break,
            rc => panic!("ClusterNodeEnumEx returned {rc}"),
        }
    }
    assert_eq!(got, want);
    // SAFETY: any values.
    unsafe {
        assert_eq!(ClusterNodeGetEnumCount(he), 0, "an HNODEENUMEX is not an HNODEENUM");
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(ClusterNodeCloseEnumEx(he), ERROR_SUCCESS);
        assert_eq!(ClusterNodeOpenEnumEx(hn, 8, null()), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        CloseClusterNode(hn);
        CloseCluster(hc);
    }
}

/// A string a `CLUSTER_*_ENUM_ITEM` points at: inside the `cb` bytes after the structure of
/// `header` bytes, `n` bytes long including its NUL.
fn string_in(buf: &[u64], cb: u32, header: usize, p: PWSTR, n: u32) -> String {
    let (base, p) = (buf.as_ptr() as usize, p as usize);
    assert!(p >= base + header && p + n as usize <= base + cb as usize, "string inside the reported bytes");
    // SAFETY: inside buf, checked above; n counts the NUL.
    let units = unsafe { std::slice::from_raw_parts(p as *const u16, n as usize / 2) };
    assert_eq!(units.last(), Some(&0), "NUL-terminated");
    String::from_utf16(&units[..units.len() - 1]).unwrap()
}

#[test]
fn group_enum_ex_lists_every_group_with_state_and_owner() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: property lists may be NULL; the handle is live.
    let he = unsafe { ClusterGroupOpenEnumEx(hc, null(), 0, null(), 0, 0) };
    assert_ne!(he, 0);
    let groups: Vec<_> = c.groups().values().filter(|g| g.group_type != SHARED_VOLUME_GROUP_TYPE).collect();
    // SAFETY: live handle.
    assert_eq!(unsafe { ClusterGroupGetEnumCountEx(he) }, groups.len() as u32, "CSV groups left out");
    let header = size_of::<CLUSTER_GROUP_ENUM_ITEM>();
    for (index, g) in groups.into_iter().enumerate() {
        // Size first with a NULL buffer, as clients do.
        let mut cb = 0u32;
        // SAFETY: NULL buffer with a valid size pointer.
        let rc = unsafe { ClusterGroupEnumEx(he, index as u32, null_mut(), &mut cb) };
        assert_eq!(rc, ERROR_MORE_DATA);
        let mut buf = item_buffer(cb as usize + 64);
        let mut short = cb - 1;
        // SAFETY: buf holds more than `short` bytes.
        let rc = unsafe { ClusterGroupEnumEx(he, index as u32, buf.as_mut_ptr().cast(), &mut short) };
        assert_eq!((rc, short), (ERROR_MORE_DATA, cb), "one byte short");
        assert!(bytes_of(&buf).iter().all(|&b| b == 0xa5), "nothing written on ERROR_MORE_DATA");
        let mut got = cb;
        // SAFETY: buf holds cb bytes.
        let rc = unsafe { ClusterGroupEnumEx(he, index as u32, buf.as_mut_ptr().cast(), &mut got) };
        assert_eq!((rc, got), (ERROR_SUCCESS, cb));
        assert!(bytes_of(&buf)[cb as usize..].iter().all(|&b| b == 0xa5), "nothing past cb bytes");
        // SAFETY: aligned, and holds a full structure.
        let item = unsafe { buf.as_ptr().cast::<CLUSTER_GROUP_ENUM_ITEM>().read() };
        assert_eq!(item.dwVersion, CLUSTER_GROUP_ENUM_ITEM_VERSION_1);
        assert_eq!(string_in(&buf, cb, header, item.lpszId, item.cbId), g.guid);
        assert_eq!(string_in(&buf, cb, header, item.lpszName, item.cbName), g.name);
        let owner = c.node(g.owner).unwrap().name.clone();
        assert_eq!(string_in(&buf, cb, header, item.lpszOwnerNode, item.cbOwnerNode), owner);
        assert_eq!(item.state, c.group_state(g).value());
        assert_eq!(item.dwFlags, u32::from(g.core));
        assert_eq!((item.cbProperties, item.pProperties, item.cbRoProperties), (0, null_mut(), 0));
        assert_eq!(cb as usize, header + (item.cbId + item.cbName + item.cbOwnerNode) as usize);
    }
    let mut cb = 4096u32;
    let mut buf = item_buffer(4096);
    // SAFETY: buf holds 4096 bytes.
    let rc = unsafe { ClusterGroupEnumEx(he, c.groups().len() as u32, buf.as_mut_ptr().cast(), &mut cb) };
    assert_eq!(rc, ERROR_NO_MORE_ITEMS);
    // SAFETY: live handles, closed once.
    unsafe {
        assert_eq!(ClusterGroupCloseEnumEx(he), ERROR_SUCCESS);
        assert_eq!(ClusterGroupCloseEnumEx(he), ERROR_INVALID_HANDLE);
        CloseCluster(hc);
    }
}

#[test]
fn resource_enum_ex_lists_every_resource_with_its_group() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: property lists may be NULL; the handle is live.
    let he = unsafe { ClusterResourceOpenEnumEx(hc, null(), 0, null(), 0, 0) };
    assert_ne!(he, 0);
    let resources: Vec<_> = c.resources().values().filter(|r| !c.is_shared_volume(r)).collect();
    // SAFETY: live handle.
    assert_eq!(unsafe { ClusterResourceGetEnumCountEx(he) }, resources.len() as u32, "CSVs left out");
    let header = size_of::<CLUSTER_RESOURCE_ENUM_ITEM>();
    for (index, r) in resources.into_iter().enumerate() {
        let mut buf = item_buffer(1024);
        let mut cb = 1024u32;
        // SAFETY: buf holds 1024 bytes.
        let rc = unsafe { ClusterResourceEnumEx(he, index as u32, buf.as_mut_ptr().cast(), &mut cb) };
        assert_eq!(rc, ERROR_SUCCESS);
        // SAFETY: aligned, and holds a full structure.
        let item = unsafe { buf.as_ptr().cast::<CLUSTER_RESOURCE_ENUM_ITEM>().read() };
        assert_eq!(item.dwVersion, CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1);
        let g = &c.groups()[&r.group];
        assert_eq!(string_in(&buf, cb, header, item.lpszName, item.cbName), r.name);
        assert_eq!(string_in(&buf, cb, header, item.lpszId, item.cbId), r.guid);
        assert_eq!(string_in(&buf, cb, header, item.lpszOwnerGroupName, item.cbOwnerGroupName), g.name);
        assert_eq!(string_in(&buf, cb, header, item.lpszOwnerGroupId, item.cbOwnerGroupId), g.guid);
        assert!(bytes_of(&buf)[cb as usize..].iter().all(|&b| b == 0xa5), "nothing past cb bytes");
    }
    // A NULL size pointer, and the wrong kind of handle.
    // SAFETY: NULL pointers are detected.
    unsafe {
        assert_eq!(ClusterResourceEnumEx(he, 0, null_mut(), null_mut()), ERROR_INVALID_PARAMETER);
        let mut cb = 0u32;
        assert_eq!(ClusterGroupEnumEx(he, 0, null_mut(), &mut cb), ERROR_INVALID_HANDLE, "an HRESENUMEX");
        SetLastError(0);
        assert_eq!(ClusterGroupGetEnumCountEx(he), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
    }
    // CloseCluster invalidates it with the rest.
    // SAFETY: closing live handles.
    unsafe {
        assert_eq!(CloseCluster(hc), 1);
        assert_eq!(ClusterResourceCloseEnumEx(he), ERROR_INVALID_HANDLE);
        SetLastError(0);
        assert_eq!(ClusterResourceOpenEnumEx(hc, null(), 0, null(), 0, 0), 0, "a closed cluster handle");
        assert_last_error(ERROR_INVALID_HANDLE);
    }
}
