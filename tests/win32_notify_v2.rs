//! Notification ports v2 through the Win32 face, written as a windows-sys client writes them:
//! `CreateClusterNotifyPortV2` with per-object-type filters, `RegisterClusterNotifyV2` on one
//! object, `GetClusterNotifyV2` with the cch protocol for its four strings, HANDLE_CLOSE_V2,
//! waits, `GetNotifyEventHandle`, and bad handles and pointers (engine-properties-notify.md
//! §B.4). Each test installs its own simulator.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};

use clusapi_sim::Sim;
use windows_sys::Win32::Foundation::{
    ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_MORE_DATA,
    ERROR_SUCCESS, GetLastError, HANDLE, WAIT_TIMEOUT,
};
use windows_sys::Win32::Networking::Clustering::*;

/// `INVALID_HANDLE_VALUE` as an `HCHANGE`: make a new port.
const NEW: HCHANGE = -1;

fn filter(ty: CLUSTER_OBJECT_TYPE, mask: i64) -> NOTIFY_FILTER_AND_TYPE {
    NOTIFY_FILTER_AND_TYPE { dwObjectType: ty as u32, FilterFlags: mask }
}

fn create_v2(hc: HCLUSTER, filters: &[NOTIFY_FILTER_AND_TYPE], key: usize) -> HCHANGE {
    // SAFETY: filters is a live slice of its length.
    let port = unsafe { CreateClusterNotifyPortV2(NEW, hc, filters.as_ptr(), filters.len() as u32, key) };
    // SAFETY: no arguments.
    assert_ne!(port, 0, "CreateClusterNotifyPortV2: {}", unsafe { GetLastError() });
    port
}

/// One v2 event: (key, type, flag, object id, parent id, name, type name).
type Ev = (usize, u32, i64, String, String, String, String);

fn get(port: HCHANGE, ms: u32) -> (u32, Option<Ev>) {
    let mut key = 0usize;
    let mut ft = filter(0, 0);
    let mut size = 99u32;
    let mut bufs = [[0u16; 128]; 4];
    let mut cch = [128u32; 4];
    let [b0, b1, b2, b3] = &mut bufs;
    let [c0, c1, c2, c3] = &mut cch;
    // SAFETY: every pointer is live, each buffer passed with its capacity.
    let rc = unsafe {
        GetClusterNotifyV2(
            port,
            &mut key,
            &mut ft,
            null_mut(),
            &mut size,
            b0.as_mut_ptr(),
            c0,
            b1.as_mut_ptr(),
            c1,
            b2.as_mut_ptr(),
            c2,
            b3.as_mut_ptr(),
            c3,
            ms,
        )
    };
    if rc != ERROR_SUCCESS {
        return (rc, None);
    }
    assert_eq!(size, 0, "no payload");
    let s = |b: &[u16; 128]| text(b);
    (rc, Some((key, ft.dwObjectType, ft.FilterFlags, s(&bufs[0]), s(&bufs[1]), s(&bufs[2]), s(&bufs[3]))))
}

fn drain(port: HCHANGE) -> Vec<Ev> {
    std::iter::from_fn(|| get(port, 0).1).collect()
}

#[test]
fn filters_are_per_object_type_and_a_move_gives_owner_node_group_lost_and_gained() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_v2(
        hc,
        &[
            filter(CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2 as i64),
            filter(CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_ALL_V2 as i64),
        ],
        5,
    );
    let app = open_group(hc, "CONTOSO-APP1");
    let node2 = open_node(hc, "NODE2");
    // SAFETY: live handles.
    let rc = unsafe { MoveClusterGroup(app, node2) };
    assert!(rc == ERROR_SUCCESS || rc == 997, "{rc}");
    // A finite wait on the virtual clock lets the move finish.
    let first = get(port, 60_000);
    assert_eq!(first.0, ERROR_SUCCESS);
    let mut events = vec![first.1.unwrap()];
    events.extend(drain(port));
    while let (ERROR_SUCCESS, Some(e)) = get(port, 10_000) {
        events.push(e);
    }
    let flags: Vec<(u32, i64)> = events.iter().map(|e| (e.1, e.2)).collect();
    assert!(
        flags.contains(&(CLUSTER_OBJECT_TYPE_GROUP as u32, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2 as i64)),
        "{events:?}"
    );
    assert!(flags.contains(&(CLUSTER_OBJECT_TYPE_NODE as u32, CLUSTER_CHANGE_NODE_GROUP_LOST_V2 as i64)));
    assert!(flags.contains(&(CLUSTER_OBJECT_TYPE_NODE as u32, CLUSTER_CHANGE_NODE_GROUP_GAINED_V2 as i64)));
    assert!(!flags.iter().any(|f| f.0 == CLUSTER_OBJECT_TYPE_RESOURCE as u32), "no resource filter");
    assert!(events.iter().all(|e| e.0 == 5));
    let owner = events.iter().find(|e| e.2 == CLUSTER_CHANGE_GROUP_OWNER_NODE_V2 as i64).unwrap();
    assert_eq!(owner.5, "CONTOSO-APP1");
    assert_eq!(owner.3.len(), 36, "a GUID: {owner:?}");
    assert_eq!(owner.4, "", "a group's parent id is empty");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(CloseClusterNotifyPort(port), 1);
        CloseClusterGroup(app);
        CloseClusterNode(node2);
        CloseCluster(hc);
    }
}

#[test]
fn registration_on_one_resource_its_ids_through_the_cch_protocol_and_handle_close() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_v2(hc, &[], 0);
    let svc = open_resource(hc, "Contoso App Service");
    let ip = open_resource(hc, "IP Address 10.0.0.70");
    let f = filter(CLUSTER_OBJECT_TYPE_RESOURCE, CLUSTER_CHANGE_RESOURCE_ALL_V2 as i64);
    // SAFETY: handles only.
    unsafe {
        assert_eq!(RegisterClusterNotifyV2(port, f, svc as HANDLE, 9), ERROR_SUCCESS);
        let wrong = filter(CLUSTER_OBJECT_TYPE_GROUP, 1);
        assert_eq!(RegisterClusterNotifyV2(port, wrong, svc as HANDLE, 9), ERROR_INVALID_PARAMETER);
        assert_eq!(
            RegisterClusterNotifyV2(port, filter(CLUSTER_OBJECT_TYPE_RESOURCE, 0), svc as HANDLE, 9),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(RegisterClusterNotifyV2(port, f, 12345 as HANDLE, 9), ERROR_INVALID_HANDLE);
        assert_eq!(RegisterClusterNotifyV2(777, f, svc as HANDLE, 9), ERROR_INVALID_HANDLE);
        assert_eq!(OnlineClusterResource(ip), ERROR_SUCCESS);
    }
    assert!(drain(port).is_empty(), "only the registered resource's events");
    // SAFETY: live handle.
    unsafe { assert!(matches!(OnlineClusterResource(svc), ERROR_SUCCESS | 997)) };
    // Sizing: a 1-WCHAR name buffer gives ERROR_MORE_DATA with every length, and consumes it.
    let (mut key, mut ft, mut size) = (0usize, filter(0, 0), 0u32);
    let mut bufs = [[0u16; 128]; 3];
    let mut small = [0u16; 1];
    let (mut c0, mut c1, mut c2, mut c3) = (128u32, 128u32, 1u32, 128u32);
    let [b0, b1, b3] = &mut bufs;
    // SAFETY: live pointers with their capacities.
    let rc = unsafe {
        GetClusterNotifyV2(
            port,
            &mut key,
            &mut ft,
            null_mut(),
            &mut size,
            b0.as_mut_ptr(),
            &mut c0,
            b1.as_mut_ptr(),
            &mut c1,
            small.as_mut_ptr(),
            &mut c2,
            b3.as_mut_ptr(),
            &mut c3,
            0,
        )
    };
    assert_eq!(rc, ERROR_MORE_DATA);
    assert_eq!(
        (key, ft.dwObjectType, ft.FilterFlags),
        (9, CLUSTER_OBJECT_TYPE_RESOURCE as u32, CLUSTER_CHANGE_RESOURCE_STATE_V2 as i64)
    );
    assert_eq!(c2 as usize, "Contoso App Service".len(), "the name's length");
    assert_eq!(c0, 36, "the GUID's length");
    assert_eq!(c1, 36, "the group's GUID");
    assert!(!text(b3).is_empty(), "a resource's type name");
    let events = drain(port);
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e.5 == "Contoso App Service" && e.0 == 9 && e.6 == text(b3)));
    // HANDLE_CLOSE_V2 when the registered handle closes.
    // SAFETY: live handles.
    unsafe {
        assert_eq!(CloseClusterResource(svc), 1);
    }
    let closed = drain(port);
    assert_eq!(closed.len(), 1);
    assert_eq!(
        (closed[0].1, closed[0].2),
        (CLUSTER_OBJECT_TYPE_RESOURCE as u32, CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2 as i64)
    );
    // SAFETY: live handles.
    unsafe {
        CloseClusterResource(ip);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn waits_bad_handles_and_pointers() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_v2(hc, &[filter(CLUSTER_OBJECT_TYPE_NODE, CLUSTER_CHANGE_NODE_ALL_V2 as i64)], 1);
    assert_eq!(get(port, 0).0, WAIT_TIMEOUT);
    let before = sim.harness().now();
    assert_eq!(get(port, 2_500).0, WAIT_TIMEOUT);
    assert_eq!(sim.harness().now() - before, std::time::Duration::from_millis(2_500), "virtual clock");
    // SAFETY: handles and pointers only; each bad call changes nothing.
    unsafe {
        assert_eq!(CreateClusterNotifyPortV2(NEW, hc, null(), 1, 0), 0);
        assert_eq!(GetLastError(), ERROR_INVALID_PARAMETER);
        assert_eq!(CreateClusterNotifyPortV2(NEW, 4242, null(), 0, 0), 0);
        assert_eq!(GetLastError(), ERROR_INVALID_HANDLE);
        let mut h: HANDLE = null_mut();
        assert_eq!(GetNotifyEventHandle(port, null_mut()), ERROR_INVALID_PARAMETER);
        assert_eq!(GetNotifyEventHandle(31337, &mut h), ERROR_INVALID_HANDLE);
        assert!(h.is_null(), "nothing written");
        assert_eq!(GetNotifyEventHandle(port, &mut h), ERROR_SUCCESS);
        assert_eq!(h as isize, port);
        let (mut key, mut ft, mut size, mut cch) = (0usize, filter(0, 0), 0u32, 0u32);
        let rc = GetClusterNotifyV2(
            port,
            null_mut(),
            &mut ft,
            null_mut(),
            &mut size,
            null_mut(),
            &mut cch,
            null_mut(),
            &mut cch,
            null_mut(),
            &mut cch,
            null_mut(),
            &mut cch,
            0,
        );
        assert_eq!(rc, ERROR_INVALID_PARAMETER);
        // A string buffer without its cch is refused; the optional pointers may all be NULL.
        let mut name = [0u16; 8];
        let rc = GetClusterNotifyV2(
            port,
            &mut key,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            name.as_mut_ptr(),
            null_mut(),
            null_mut(),
            null_mut(),
            0,
        );
        assert_eq!(rc, ERROR_INVALID_PARAMETER);
        let rc = GetClusterNotifyV2(
            port,
            &mut key,
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            null_mut(),
            0,
        );
        assert_eq!(rc, WAIT_TIMEOUT, "nothing queued, and NULL optional pointers are accepted");
        let rc = GetClusterNotifyV2(
            999,
            &mut key,
            &mut ft,
            null_mut(),
            &mut size,
            null_mut(),
            &mut cch,
            null_mut(),
            &mut cch,
            null_mut(),
            &mut cch,
            null_mut(),
            &mut cch,
            0,
        );
        assert_eq!(rc, ERROR_INVALID_HANDLE);
        // A v1 read of a v2 port is a bad handle, and takes nothing.
        let node2 = open_node(hc, "NODE2");
        assert_eq!(PauseClusterNode(node2), ERROR_SUCCESS);
        let (mut k1, mut f1, mut name, mut c) = (0usize, 0u32, [0u16; 64], 64u32);
        assert_eq!(
            GetClusterNotify(port, &mut k1, &mut f1, name.as_mut_ptr(), &mut c, 0),
            ERROR_INVALID_HANDLE
        );
        let (rc, e) = get(port, 0);
        assert_eq!(rc, ERROR_SUCCESS);
        let e = e.unwrap();
        assert_eq!(
            (e.1, e.2, e.5.as_str()),
            (CLUSTER_OBJECT_TYPE_NODE as u32, CLUSTER_CHANGE_NODE_STATE_V2 as i64, "NODE2")
        );
        assert_eq!(e.3, "2", "a node's id");
        CloseClusterNode(node2);
        CloseClusterNotifyPort(port);
        assert_eq!(get(port, 0).0, ERROR_INVALID_HANDLE);
        CloseCluster(hc);
    }
}

#[test]
fn register_cluster_resource_type_notify_v2_sees_only_its_types_property_changes() {
    use clusapi_sim::property::PropertyList;
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_v2(hc, &[], 0);
    let disk = w("physical disk");
    let all = CLUSTER_CHANGE_RESOURCE_TYPE_ALL_V2 as i64;
    // SAFETY: live handles, NUL-terminated names.
    unsafe {
        assert_eq!(RegisterClusterResourceTypeNotifyV2(port, hc, all, disk.as_ptr(), 11), ERROR_SUCCESS);
        let missing = w("No Such Type");
        assert_eq!(
            RegisterClusterResourceTypeNotifyV2(port, hc, all, missing.as_ptr(), 1),
            ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
        );
        assert_eq!(
            RegisterClusterResourceTypeNotifyV2(port, hc, 0, disk.as_ptr(), 1),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(RegisterClusterResourceTypeNotifyV2(port, hc, all, null(), 1), ERROR_INVALID_PARAMETER);
        assert_eq!(RegisterClusterResourceTypeNotifyV2(0, hc, all, disk.as_ptr(), 1), ERROR_INVALID_HANDLE);
        let mut list = PropertyList::new();
        list.push("Description", "tested");
        let input = list.encode();
        for name in ["Generic Service", "Physical Disk"] {
            let ty = w(name);
            let mut returned = 0u32;
            let rc = ClusterResourceTypeControl(
                hc,
                ty.as_ptr(),
                0,
                CLUSCTL_RESOURCE_TYPE_SET_COMMON_PROPERTIES as u32,
                input.as_ptr().cast(),
                input.len() as u32,
                null_mut(),
                0,
                &mut returned,
            );
            assert_eq!(rc, ERROR_SUCCESS, "{name}");
        }
        let events = drain(port);
        assert_eq!(events.len(), 1, "only Physical Disk's: {events:?}");
        let (key, ty, flag, _, _, name, _) = &events[0];
        assert_eq!(
            (*key, *ty, *flag),
            (
                11,
                CLUSTER_OBJECT_TYPE_RESOURCE_TYPE as u32,
                CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2 as i64
            )
        );
        assert_eq!(name, "Physical Disk");
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}
