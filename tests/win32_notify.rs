//! Notification ports (v1) through the Win32 face, written as a windows-sys client writes
//! them: a port with a cluster-wide filter, per-object registrations, the worker loop of the
//! MsCS sample (`GetClusterNotify(…, 2500)` until `WAIT_TIMEOUT` or HANDLE_CLOSE), waits on
//! the virtual clock, `INFINITE` waits woken by another thread, and the events each engine
//! action posts (engine-properties-notify.md §B). Each test installs its own simulator.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::null_mut;
use std::time::{Duration, Instant};

use clusapi_sim::Sim;
use windows_sys::Win32::Foundation::{
    ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER, ERROR_IO_PENDING, ERROR_MORE_DATA, ERROR_SUCCESS,
    GetLastError, INVALID_HANDLE_VALUE, SetLastError, WAIT_TIMEOUT,
};
use windows_sys::Win32::Networking::Clustering::*;

const INFINITE: u32 = 0xFFFF_FFFF;
/// `INVALID_HANDLE_VALUE` as an `HCHANGE`: make a new port.
const NEW: HCHANGE = -1;

/// `CreateClusterNotifyPort(INVALID_HANDLE_VALUE, hc, filter, key)`, asserting success.
fn create_port(hc: HCLUSTER, filter: u32, key: usize) -> HCHANGE {
    // SAFETY: handles only.
    let port = unsafe { CreateClusterNotifyPort(NEW, hc, filter, key) };
    // SAFETY: no arguments.
    assert_ne!(port, 0, "CreateClusterNotifyPort: {}", unsafe { GetLastError() });
    port
}

/// One `GetClusterNotify`: its code, and the key, filter and name it wrote.
fn get(port: HCHANGE, ms: u32) -> (u32, usize, u32, String) {
    let (mut key, mut filter, mut name, mut cch) = (0usize, 0u32, [0u16; 128], 128u32);
    // SAFETY: every pointer is valid; the buffer is passed with its capacity.
    let rc = unsafe { GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut cch, ms) };
    let name = if rc == ERROR_SUCCESS { text(&name) } else { String::new() };
    (rc, key, filter, name)
}

/// Every event queued now, as (key, filter, name).
fn drain(port: HCHANGE) -> Vec<(usize, u32, String)> {
    let mut out = Vec::new();
    loop {
        match get(port, 0) {
            (ERROR_SUCCESS, key, filter, name) => out.push((key, filter, name)),
            (WAIT_TIMEOUT, ..) => return out,
            (rc, ..) => panic!("GetClusterNotify: {rc}"),
        }
    }
}

#[test]
fn a_cluster_wide_filter_sees_the_resource_and_group_states_of_an_online_offline_and_move() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_RESOURCE_STATE as u32 | CLUSTER_CHANGE_GROUP_STATE as u32, 11);
    let app = open_group(hc, "CONTOSO-APP1");
    let node1 = open_node(hc, "NODE1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OnlineClusterGroup(app, 0), ERROR_SUCCESS);
        let events = drain(port);
        let resources: Vec<&str> = events
            .iter()
            .filter(|e| e.1 == CLUSTER_CHANGE_RESOURCE_STATE as u32)
            .map(|e| e.2.as_str())
            .collect();
        let (ip, name, svc) = ("IP Address 10.0.0.70", "CONTOSO-APP1", "Contoso App Service");
        assert_eq!(
            resources,
            [ip, ip, name, name, svc, svc],
            "OnlinePending then Online, in dependency order"
        );
        assert!(events.iter().all(|e| e.0 == 11), "the key of the filter set");
        let group = (11, CLUSTER_CHANGE_GROUP_STATE as u32, "CONTOSO-APP1".to_owned());
        assert_eq!(events.last(), Some(&group), "the derived group state after each step: {events:?}");
        assert!(events.iter().filter(|e| **e == group).count() >= 2, "Pending, then Online");

        assert_eq!(OfflineClusterResource(open_resource(hc, "Contoso App Service")), ERROR_SUCCESS);
        let events = drain(port);
        assert!(
            events.iter().any(|e| e.1 == CLUSTER_CHANGE_RESOURCE_STATE as u32 && e.2 == svc),
            "{events:?}"
        );
        assert!(
            events.iter().all(|e| e.2 == svc || e.1 == CLUSTER_CHANGE_GROUP_STATE as u32),
            "only the service goes offline: {events:?}"
        );
        assert_eq!(events.last(), Some(&group), "online to partially online");

        assert_eq!(MoveClusterGroup(app, node1), ERROR_SUCCESS);
        let events = drain(port);
        assert_eq!(
            events.last().map(|e| (e.1, e.2.as_str())),
            Some((CLUSTER_CHANGE_GROUP_STATE as u32, "CONTOSO-APP1"))
        );
        assert!(
            events
                .iter()
                .any(|e| e.1 == CLUSTER_CHANGE_RESOURCE_STATE as u32 && e.2 == "IP Address 10.0.0.70")
        );
        assert_eq!(CloseClusterNotifyPort(port), 1);
        CloseClusterNode(node1);
        CloseClusterGroup(app);
        CloseCluster(hc);
    }
}

#[test]
fn register_cluster_notify_on_one_group_sees_only_that_group() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, 0, 0); // no cluster-wide set
    let app = open_group(hc, "CONTOSO-APP1");
    let sql = open_group(hc, "SQL Server (MSSQLSERVER)");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(
            RegisterClusterNotify(port, CLUSTER_CHANGE_GROUP_STATE as u32, app as _, 5),
            ERROR_SUCCESS
        );
        assert_eq!(OfflineClusterGroup(sql), ERROR_SUCCESS);
        assert_eq!(drain(port), [], "another group's change");
        assert_eq!(OnlineClusterGroup(app, 0), ERROR_SUCCESS);
        let events = drain(port);
        assert!(!events.is_empty());
        assert!(
            events.iter().all(|e| *e == (5, CLUSTER_CHANGE_GROUP_STATE as u32, "CONTOSO-APP1".to_owned())),
            "only the group's own events, no RESOURCE_STATE: {events:?}"
        );
        CloseClusterNotifyPort(port);
        CloseClusterGroup(sql);
        CloseClusterGroup(app);
        CloseCluster(hc);
    }
}

#[test]
fn two_filter_sets_with_different_keys_each_get_their_event() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_NODE_STATE as u32, 1);
    let node2 = open_node(hc, "NODE2");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(
            CreateClusterNotifyPort(port, hc, CLUSTER_CHANGE_NODE_STATE as u32, 2),
            port,
            "adds to the port"
        );
        assert_eq!(
            CreateClusterNotifyPort(port, INVALID_HANDLE_VALUE as HCLUSTER, CLUSTER_CHANGE_ALL as u32, 3),
            port,
            "INVALID_HANDLE_VALUE: the port's own cluster"
        );
        assert_eq!(
            RegisterClusterNotify(port, CLUSTER_CHANGE_NODE_STATE as u32, node2 as _, 4),
            ERROR_SUCCESS
        );
        assert_eq!(PauseClusterNode(node2), ERROR_SUCCESS);
        let keys: Vec<(usize, u32, String)> = drain(port);
        let node = |k| (k, CLUSTER_CHANGE_NODE_STATE as u32, "NODE2".to_owned());
        assert_eq!(keys, [node(1), node(2), node(3), node(4)], "one event per matching filter set");
        CloseClusterNotifyPort(port);
        CloseClusterNode(node2);
        CloseCluster(hc);
    }
}

#[test]
fn a_zero_timeout_polls_and_a_finite_one_runs_the_virtual_clock_to_deliver_a_pending_online() {
    let sim = delayed("Generic Service", 3_000, 0);
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_RESOURCE_STATE as u32, 9);
    let svc = open_resource(hc, "Contoso App Service");
    let started = Instant::now();
    // SAFETY: live handles.
    unsafe {
        assert_eq!(get(port, 0).0, WAIT_TIMEOUT, "nothing queued");
        assert_eq!(sim.harness().now(), Duration::ZERO, "a poll moves no time");
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
        // The providers' and the service's OnlinePending steps are already queued.
        let queued = drain(port);
        assert_eq!(queued.last().map(|e| e.2.as_str()), Some("Contoso App Service"));
        // The MsCS sample's worker loop: GetClusterNotify(…, 2500) until something arrives.
        let mut timeouts = 0;
        let event = loop {
            match get(port, 2_500) {
                (WAIT_TIMEOUT, ..) => timeouts += 1,
                (ERROR_SUCCESS, key, filter, name) => break (key, filter, name),
                (rc, ..) => panic!("GetClusterNotify: {rc}"),
            }
        };
        assert_eq!(timeouts, 1, "the first wait times out at 2.5 s, the second sees the online at 3 s");
        assert_eq!(event, (9, CLUSTER_CHANGE_RESOURCE_STATE as u32, "Contoso App Service".to_owned()));
        assert_eq!(sim.harness().now(), Duration::from_millis(3_000), "the wait ends at the event");
        assert_eq!(get(port, 2_500).0, WAIT_TIMEOUT);
        assert_eq!(sim.harness().now(), Duration::from_millis(5_500), "then runs to its deadline");
        CloseClusterResource(svc);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
    assert!(started.elapsed() < Duration::from_secs(2), "no real sleeping");
}

#[test]
fn an_infinite_wait_is_woken_by_a_change_made_in_another_thread() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_NODE_STATE as u32, 3);
    let waiter = {
        let sim = sim.clone();
        std::thread::spawn(move || {
            let _g = sim.install();
            get(port, INFINITE)
        })
    };
    std::thread::sleep(Duration::from_millis(50));
    assert!(!waiter.is_finished(), "nothing queued: it blocks, without the lock (this thread's calls run)");
    let node3 = open_node(hc, "NODE3");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(PauseClusterNode(node3), ERROR_SUCCESS);
        assert_eq!(
            waiter.join().unwrap(),
            (ERROR_SUCCESS, 3, CLUSTER_CHANGE_NODE_STATE as u32, "NODE3".to_owned())
        );
        CloseClusterNode(node3);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn an_infinite_wait_is_woken_by_close_cluster_notify_port_with_invalid_handle() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_ALL as u32, 0);
    let waiter = {
        let sim = sim.clone();
        std::thread::spawn(move || {
            let _g = sim.install();
            get(port, INFINITE).0
        })
    };
    std::thread::sleep(Duration::from_millis(50));
    // SAFETY: a live handle.
    unsafe { assert_eq!(CloseClusterNotifyPort(port), 1) };
    assert_eq!(waiter.join().unwrap(), ERROR_INVALID_HANDLE);
    // SAFETY: handles only.
    unsafe {
        assert_eq!(get(port, 0).0, ERROR_INVALID_HANDLE, "closed");
        assert_eq!(CloseClusterNotifyPort(port), 1, "always TRUE");
        CloseCluster(hc);
    }
}

#[test]
fn a_short_name_buffer_gives_more_data_with_the_length_and_consumes_the_event() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_NODE_STATE as u32, 8);
    let node2 = open_node(hc, "NODE2");
    // SAFETY: live handles; buffers passed with their capacity.
    unsafe {
        assert_eq!(PauseClusterNode(node2), ERROR_SUCCESS);
        let (mut key, mut filter, mut name, mut cch) = (0usize, 0u32, [0u16; 4], 4u32);
        assert_eq!(
            GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), null_mut(), 0),
            ERROR_INVALID_PARAMETER,
            "no lpcchName: nothing is taken"
        );
        assert_eq!(
            GetClusterNotify(port, null_mut(), &mut filter, name.as_mut_ptr(), &mut cch, 0),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut cch, 0),
            ERROR_MORE_DATA
        );
        assert_eq!(
            (cch, key, filter),
            (5, 8, CLUSTER_CHANGE_NODE_STATE as u32),
            "the length without the NUL"
        );
        assert_eq!(get(port, 0).0, WAIT_TIMEOUT, "the event was consumed");
        CloseClusterNode(node2);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn close_cluster_posts_handle_close_and_then_the_port_handle_is_invalid() {
    let sim = Sim::builder().fail_on_leak(true).build();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_HANDLE_CLOSE as u32 | CLUSTER_CHANGE_GROUP_STATE as u32, 77);
    // The MsCS sample: a worker loops on GetClusterNotify(…, 2500) until HANDLE_CLOSE.
    let worker = {
        let sim = sim.clone();
        std::thread::spawn(move || {
            let _g = sim.install();
            loop {
                match get(port, 2_500) {
                    (WAIT_TIMEOUT, ..) => std::thread::yield_now(),
                    (ERROR_SUCCESS, key, filter, name) if filter == CLUSTER_CHANGE_HANDLE_CLOSE as u32 => {
                        return (key, name);
                    }
                    other => panic!("unexpected {other:?}"),
                }
            }
        })
    };
    std::thread::sleep(Duration::from_millis(20));
    // SAFETY: a live handle.
    unsafe { assert_eq!(CloseCluster(hc), 1) };
    assert_eq!(worker.join().unwrap(), (77, "CONTOSO-CLU1".to_owned()), "the cluster's name");
    assert_eq!(get(port, 0).0, ERROR_INVALID_HANDLE, "read: the port went with its cluster handle");
    // SAFETY: a closed handle.
    unsafe { assert_eq!(CloseClusterNotifyPort(port), 1) };
    assert_eq!(sim.harness().check_leaks(), Ok(()), "a port is not counted against CloseCluster");
}

#[test]
fn closing_a_registered_object_handle_posts_handle_close_with_its_name() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, 0, 0);
    let disk = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(
            RegisterClusterNotify(port, CLUSTER_CHANGE_HANDLE_CLOSE as u32, disk as _, 6),
            ERROR_SUCCESS
        );
        CloseClusterResource(disk);
        assert_eq!(drain(port), [(6, CLUSTER_CHANGE_HANDLE_CLOSE as u32, "Cluster Disk 1".to_owned())]);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn a_node_going_down_posts_node_state_and_the_failovers_group_state() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_NODE_STATE as u32 | CLUSTER_CHANGE_GROUP_STATE as u32, 1);
    sim.harness().node_down("NODE2").unwrap();
    let events = drain(port);
    assert_eq!(events[0], (1, CLUSTER_CHANGE_NODE_STATE as u32, "NODE2".to_owned()), "{events:?}");
    assert!(
        events.contains(&(1, CLUSTER_CHANGE_GROUP_STATE as u32, "SQL Server (MSSQLSERVER)".to_owned())),
        "the failover: {events:?}"
    );
    sim.harness().node_up("NODE2").unwrap();
    assert!(
        drain(port).contains(&(1, CLUSTER_CHANGE_NODE_STATE as u32, "NODE2".to_owned())),
        "node_up flushes too"
    );
    // SAFETY: live handles.
    unsafe {
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn create_and_delete_resource_post_added_deleted_and_group_property() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let filter = CLUSTER_CHANGE_RESOURCE_ADDED as u32
        | CLUSTER_CHANGE_RESOURCE_DELETED as u32
        | CLUSTER_CHANGE_GROUP_PROPERTY as u32;
    let port = create_port(hc, filter, 2);
    let app = open_group(hc, "CONTOSO-APP1");
    // SAFETY: live handles, NUL-terminated strings.
    unsafe {
        let r = CreateClusterResource(app, w("Extra").as_ptr(), w("Generic Service").as_ptr(), 0);
        assert_ne!(r, 0);
        let group = (2, CLUSTER_CHANGE_GROUP_PROPERTY as u32, "CONTOSO-APP1".to_owned());
        assert_eq!(
            drain(port),
            [(2, CLUSTER_CHANGE_RESOURCE_ADDED as u32, "Extra".to_owned()), group.clone()]
        );
        assert_eq!(DeleteClusterResource(r), ERROR_SUCCESS);
        assert_eq!(drain(port), [(2, CLUSTER_CHANGE_RESOURCE_DELETED as u32, "Extra".to_owned()), group]);
        CloseClusterResource(r);
        CloseClusterGroup(app);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn bad_handles_and_filters_fail_with_the_real_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_ALL as u32, 0);
    let handles = sim.harness().open_handles();
    // SAFETY: handles only; forged values are never dereferenced.
    unsafe {
        SetLastError(0);
        assert_eq!(CreateClusterNotifyPort(NEW, 0, CLUSTER_CHANGE_ALL as u32, 0), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(
            CreateClusterNotifyPort(NEW, INVALID_HANDLE_VALUE as HCLUSTER, CLUSTER_CHANGE_ALL as u32, 0),
            0
        );
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CreateClusterNotifyPort(0x1234, hc, CLUSTER_CHANGE_ALL as u32, 0), 0, "a forged port");
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(
            CreateClusterNotifyPort(hc, hc, CLUSTER_CHANGE_ALL as u32, 0),
            0,
            "a cluster handle is no port"
        );
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CreateClusterNotifyPort(port, hc, 0, 0), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_eq!(
            RegisterClusterNotify(port, CLUSTER_CHANGE_ALL as u32, hc as _, 0),
            ERROR_INVALID_HANDLE,
            "not an object"
        );
        assert_eq!(
            RegisterClusterNotify(port, CLUSTER_CHANGE_ALL as u32, 0x1234 as _, 0),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(RegisterClusterNotify(hc, CLUSTER_CHANGE_ALL as u32, hc as _, 0), ERROR_INVALID_HANDLE);
        let g = open_group(hc, "Cluster Group");
        assert_eq!(RegisterClusterNotify(port, 0, g as _, 0), ERROR_INVALID_PARAMETER);
        assert_eq!(get(0, 0).0, ERROR_INVALID_HANDLE);
        assert_eq!(get(hc, 0).0, ERROR_INVALID_HANDLE);
        assert_eq!(drain(port), [], "nothing was registered, nothing changed");
        CloseClusterGroup(g);
        assert_eq!(drain(port), [], "the failed registration left no HANDLE_CLOSE behind");
        assert_eq!(sim.harness().open_handles(), handles);
        assert_eq!(CloseClusterNotifyPort(0), 1);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn each_entry_point_that_commits_reaches_a_port() {
    let sim = delayed("Generic Service", 1_000, 0);
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_RESOURCE_STATE as u32 | CLUSTER_CHANGE_NODE_STATE as u32, 0);
    let svc = open_resource(hc, "Contoso App Service");
    let has = |name: &str| drain(port).iter().any(|e| e.2 == name);
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
        assert!(has("Contoso App Service"), "a call");
        sim.harness().advance(Duration::from_millis(1_000));
        assert!(has("Contoso App Service"), "advance");
        assert_eq!(OfflineClusterResource(svc), ERROR_SUCCESS);
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
        drain(port);
        sim.harness().settle().unwrap();
        assert!(has("Contoso App Service"), "settle");
        sim.harness().node_down("NODE1").unwrap();
        assert!(has("NODE1"), "node_down");
        sim.harness().node_up("NODE1").unwrap();
        assert!(has("NODE1"), "node_up");
        CloseClusterResource(svc);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn the_trace_records_the_events_each_call_posted() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let port = create_port(hc, CLUSTER_CHANGE_RESOURCE_STATE as u32 | CLUSTER_CHANGE_GROUP_STATE as u32, 1);
    let disk = open_resource(hc, "Cluster Disk 2");
    // SAFETY: a live handle.
    unsafe { OfflineClusterResource(disk) };
    let calls = sim.harness().calls();
    let offlines = calls.named("OfflineClusterResource");
    let offline = offlines.once().expect("one offline");
    assert!(
        offline.events.iter().any(|e| e == "CLUSTER_CHANGE_RESOURCE_STATE(Cluster Disk 2)"),
        "{:?}",
        offline.events
    );
    assert!(offline.to_string().contains("posted CLUSTER_CHANGE_RESOURCE_STATE(Cluster Disk 2)"));
    let opens = calls.named("OpenClusterResource");
    let opened = opens.once().expect("one open");
    assert!(opened.events.is_empty(), "an open posts nothing");
    // SAFETY: live handles.
    unsafe {
        CloseClusterResource(disk);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}
