//! The state-changing calls through the Win32 face, written as a windows-sys client writes
//! them: online and offline (plain, Ex, Ex2), pending operations and polling, fail and the
//! restart policy, group online, offline and move, pause and resume, and failover when a node
//! goes down. Each test installs its own simulator on its thread.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};
use std::time::Duration;

use clusapi_sim::world::{ClusterBuilder, World};
use clusapi_sim::{Handle, ResourceHandle, Sim};
use windows_sys::Win32::Foundation::{
    ERROR_CLUSTER_NODE_DOWN, ERROR_CLUSTER_NODE_NOT_PAUSED, ERROR_HOST_NODE_NOT_AVAILABLE,
    ERROR_HOST_NODE_NOT_RESOURCE_OWNER, ERROR_INVALID_HANDLE, ERROR_INVALID_NAME, ERROR_INVALID_PARAMETER,
    ERROR_INVALID_STATE, ERROR_IO_PENDING, ERROR_SHARING_PAUSED, ERROR_SUCCESS, GetLastError, SetLastError,
};
use windows_sys::Win32::Networking::Clustering::*;

/// `GetClusterResourceState` without the names.
fn resource_state(h: HRESOURCE) -> CLUSTER_RESOURCE_STATE {
    // SAFETY: NULL buffers and counts are allowed.
    unsafe { GetClusterResourceState(h, null_mut(), null_mut(), null_mut(), null_mut()) }
}

/// `GetClusterGroupState` and the owner node's name.
fn group_state(h: HGROUP) -> (CLUSTER_GROUP_STATE, String) {
    let (mut name, mut len) = ([0u16; 64], 64u32);
    // SAFETY: the buffer is passed with its capacity.
    let state = unsafe { GetClusterGroupState(h, name.as_mut_ptr(), &mut len) };
    (state, text(&name))
}

/// The world as the simulator has it, to show that a failed call changed nothing.
fn snapshot(sim: &Sim) -> World {
    sim.harness().world()
}

#[test]
fn online_and_offline_complete_before_returning_when_there_is_no_delay() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let ip = open_resource(hc, "Cluster IP Address");
    let name = open_resource(hc, "Cluster Name");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OfflineClusterResource(ip), ERROR_SUCCESS);
        assert_eq!(resource_state(name), ClusterResourceOffline, "its dependent went first");
        assert_eq!(resource_state(ip), ClusterResourceOffline);
        assert_eq!(OfflineClusterResource(ip), ERROR_SUCCESS, "already offline: nothing happens");
        assert_eq!(OnlineClusterResource(name), ERROR_SUCCESS);
        assert_eq!(resource_state(ip), ClusterResourceOnline, "its provider came first");
        assert_eq!(resource_state(name), ClusterResourceOnline);
        CloseClusterResource(ip);
        CloseClusterResource(name);
        CloseCluster(hc);
    }
}

#[test]
fn a_delayed_online_returns_io_pending_and_completes_when_the_clock_passes_its_delay() {
    let sim = delayed("Generic Service", 3_000, 1_000);
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    let app = open_group(hc, "CONTOSO-APP1");
    // SAFETY: live handles.
    unsafe {
        SetLastError(7);
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
        assert_eq!(GetLastError(), 7, "DWORD-returning calls leave the last error alone");
        assert_eq!(resource_state(svc), ClusterResourceOnlinePending);
        assert_eq!(group_state(app).0, ClusterGroupPending);
        assert_eq!(OnlineClusterResource(svc), ERROR_INVALID_STATE, "pending: the state table forbids it");
        assert_eq!(OfflineClusterResource(svc), ERROR_INVALID_STATE);
        sim.harness().advance(Duration::from_millis(2_999));
        assert_eq!(resource_state(svc), ClusterResourceOnlinePending);
        sim.harness().advance(Duration::from_millis(1));
        assert_eq!(resource_state(svc), ClusterResourceOnline);
        assert_eq!(group_state(app).0, ClusterGroupOnline, "its providers have no delay");
        assert_eq!(OfflineClusterResource(svc), ERROR_IO_PENDING);
        assert_eq!(resource_state(svc), ClusterResourceOfflinePending);
        assert_eq!(sim.harness().settle(), Ok(Duration::from_secs(1)));
        assert_eq!(resource_state(svc), ClusterResourceOffline);
        CloseClusterGroup(app);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn an_unmodified_polling_client_sees_the_pending_online_complete_with_a_tick_per_call() {
    let (mut clusters, local) = Sim::default().harness().world().into_parts();
    let mut c = ClusterBuilder::from(clusters.remove(local));
    c.set_type_delays("Generic Service", 2_000, 0).unwrap();
    clusters.insert(local, c.build());
    let world = World::new(clusters, local).unwrap();
    let sim = Sim::builder().world(world).tick_per_call(Duration::from_millis(100)).build();
    let _g = sim.install();

    // The client, as written for Windows: start, then poll until the state settles.
    let polls = {
        let hc = open_local();
        let svc = open_resource(hc, "Contoso App Service");
        // SAFETY: live handles.
        unsafe {
            assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING);
            let mut polls = 0;
            while resource_state(svc) == ClusterResourceOnlinePending {
                polls += 1;
                assert!(polls < 1_000, "never completed");
            }
            assert_eq!(resource_state(svc), ClusterResourceOnline);
            CloseClusterResource(svc);
            CloseCluster(hc);
            polls
        }
    };
    assert_eq!(polls, 19, "2 s of delay, 100 ms per call: the 20th poll sees it online");
}

#[test]
fn ex_flags_keep_the_persistent_state_and_bad_flags_or_buffers_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    let keep = CLUSAPI_RESOURCE_OFFLINE_DO_NOT_UPDATE_PERSISTENT_STATE;
    // SAFETY: live handles; NULL buffers with a zero size.
    unsafe {
        let before = snapshot(&sim);
        assert_eq!(OfflineClusterResourceEx(disk, 0x8000, null(), 0), ERROR_INVALID_PARAMETER);
        assert_eq!(
            OfflineClusterResourceEx(disk, 0, null(), 16),
            ERROR_INVALID_PARAMETER,
            "NULL buffer, size 16"
        );
        let bad_reason = [0xd800u16, 0];
        assert_eq!(OfflineClusterResourceEx2(disk, 0, null(), 0, bad_reason.as_ptr()), ERROR_INVALID_NAME);
        assert_eq!(snapshot(&sim), before, "rejected calls change nothing");

        assert_eq!(OfflineClusterResourceEx(disk, keep, null(), 0), ERROR_SUCCESS);
        assert!(sim.harness().resource(ResourceHandle::from_raw(disk)).unwrap().persistent_online);
        let reason = w("patch Tuesday");
        let input = [0u8; 8];
        assert_eq!(OnlineClusterResourceEx2(disk, 0, input.as_ptr(), 8, reason.as_ptr()), ERROR_SUCCESS);
        assert_eq!(resource_state(disk), ClusterResourceOnline);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
    let trace = sim.harness().trace();
    let ex2 = trace.iter().find(|e| e.function == "OnlineClusterResourceEx2").unwrap();
    assert!(ex2.args.contains("patch Tuesday"), "the reason is in the trace: {}", ex2.args);
}

#[test]
fn state_changes_on_bad_handles_get_error_invalid_handle() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let g = open_group(hc, "Cluster Group");
    let n = open_node(hc, "NODE1");
    let r = open_resource(hc, "Cluster Disk 1");
    // SAFETY: any values are allowed.
    unsafe {
        CloseClusterResource(r);
        for h in [0, r, g, 0x7fff_0000] {
            assert_eq!(OnlineClusterResource(h), ERROR_INVALID_HANDLE);
            assert_eq!(OfflineClusterResource(h), ERROR_INVALID_HANDLE);
            assert_eq!(FailClusterResource(h), ERROR_INVALID_HANDLE);
        }
        assert_eq!(OnlineClusterGroup(n, 0), ERROR_INVALID_HANDLE, "a node handle is not a group");
        assert_eq!(MoveClusterGroup(g, g), ERROR_INVALID_HANDLE, "a group handle is not a node");
        assert_eq!(PauseClusterNode(g), ERROR_INVALID_HANDLE);
        assert_eq!(ResumeClusterNode(0), ERROR_INVALID_HANDLE);
        CloseClusterNode(n);
        CloseClusterGroup(g);
        CloseCluster(hc);
    }
}

#[test]
fn a_failed_resource_restarts_on_its_node_then_its_group_fails_over() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    let group = open_group(hc, "Cluster Group");
    let home = group_state(group).1;
    // SAFETY: live handles.
    unsafe {
        for restart in 1..=3 {
            assert_eq!(FailClusterResource(disk), ERROR_SUCCESS);
            assert_eq!(resource_state(disk), ClusterResourceFailed);
            assert_eq!(group_state(group).0, ClusterGroupFailed);
            sim.harness().settle().unwrap();
            assert_eq!(resource_state(disk), ClusterResourceOnline, "restart {restart} on the same node");
            assert_eq!(group_state(group).1, home);
        }
        assert_eq!(FailClusterResource(disk), ERROR_SUCCESS, "past RestartThreshold (3)");
        sim.harness().settle().unwrap();
        let (state, owner) = group_state(group);
        assert_eq!(state, ClusterGroupOnline);
        assert_ne!(owner, home, "the group failed over");
        CloseClusterGroup(group);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn fail_is_only_for_an_online_or_pending_resource() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(FailClusterResource(svc), ERROR_INVALID_STATE, "offline (MS-CMRP 3.1.4.2.17)");
        let reason = w("chaos");
        assert_eq!(FailClusterResourceEx(svc, reason.as_ptr()), ERROR_INVALID_STATE);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn groups_go_online_offline_and_move_with_their_resources() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let sql = open_group(hc, "SQL Server (MSSQLSERVER)");
    let agent = open_resource(hc, "SQL Server Agent");
    let node3 = open_node(hc, "NODE3");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OfflineClusterGroup(sql), ERROR_SUCCESS);
        assert_eq!(group_state(sql).0, ClusterGroupOffline);
        assert_eq!(OnlineClusterGroup(sql, node3), ERROR_SUCCESS, "moved to NODE3, then online");
        assert_eq!(group_state(sql), (ClusterGroupOnline, "NODE3".to_string()));
        assert_eq!(resource_state(agent), ClusterResourceOnline);
        assert_eq!(MoveClusterGroup(sql, node3), ERROR_SUCCESS, "already there: nothing to do");
        assert_eq!(
            MoveClusterGroupEx(sql, 0, CLUSAPI_GROUP_MOVE_RETURN_TO_SOURCE_NODE_ON_ERROR, null(), 0),
            0
        );
        let (state, owner) = group_state(sql);
        assert_eq!(state, ClusterGroupOnline);
        assert_ne!(owner, "NODE3", "NULL: the best other node");
        let reason = w("rebalance");
        assert_eq!(MoveClusterGroupEx2(sql, node3, 0, null(), 0, reason.as_ptr()), ERROR_SUCCESS);
        assert_eq!(group_state(sql).1, "NODE3");
        CloseClusterNode(node3);
        CloseClusterResource(agent);
        CloseClusterGroup(sql);
        CloseCluster(hc);
    }
}

#[test]
fn a_delayed_move_is_pending_until_its_resources_are_back() {
    let sim = delayed("SQL Server", 5_000, 2_000);
    let _g = sim.install();
    let hc = open_local();
    let sql = open_group(hc, "SQL Server (MSSQLSERVER)");
    let node1 = open_node(hc, "NODE1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(MoveClusterGroup(sql, node1), ERROR_IO_PENDING);
        assert_eq!(group_state(sql), (ClusterGroupPending, "NODE2".to_string()), "still going offline");
        assert_eq!(MoveClusterGroup(sql, node1), ERROR_INVALID_STATE, "a move is in progress");
        sim.harness().advance(Duration::from_millis(2_000));
        assert_eq!(group_state(sql), (ClusterGroupPending, "NODE1".to_string()), "coming online on NODE1");
        assert_eq!(sim.harness().settle(), Ok(Duration::from_secs(5)));
        assert_eq!(group_state(sql), (ClusterGroupOnline, "NODE1".to_string()));
        CloseClusterNode(node1);
        CloseClusterGroup(sql);
        CloseCluster(hc);
    }
}

#[test]
fn paused_and_down_nodes_refuse_groups_with_the_documented_codes() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let fs = open_group(hc, "FS01"); // on NODE3
    let node1 = open_node(hc, "NODE1");
    let node2 = open_node(hc, "NODE2");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(ResumeClusterNode(node1), ERROR_CLUSTER_NODE_NOT_PAUSED, "Samba test_ResumeNode_int");
        assert_eq!(PauseClusterNode(node1), ERROR_SUCCESS);
        assert_eq!(PauseClusterNode(node1), ERROR_SUCCESS, "already paused");
        assert_eq!(MoveClusterGroup(fs, node1), ERROR_SHARING_PAUSED);
        assert_eq!(OnlineClusterGroup(fs, node1), ERROR_SHARING_PAUSED);
        assert_eq!(ResumeClusterNode(node1), ERROR_SUCCESS);
        sim.harness().node_down("NODE2").unwrap();
        assert_eq!(PauseClusterNode(node2), ERROR_CLUSTER_NODE_DOWN);
        assert_eq!(MoveClusterGroup(fs, node2), ERROR_HOST_NODE_NOT_AVAILABLE);
        assert_eq!(group_state(fs).1, "NODE3", "refused moves leave the group where it was");
        CloseClusterNode(node2);
        CloseClusterNode(node1);
        CloseClusterGroup(fs);
        CloseCluster(hc);
    }
}

#[test]
fn a_group_does_not_move_to_a_node_that_cannot_host_all_its_resources() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let fs = open_group(hc, "FS01"); // Cluster Disk 5 cannot be owned by every node
    let (_, owner) = group_state(fs);
    let world = sim.harness().world();
    let c = world.local_cluster();
    let disk5 = &c.resources()[&c.find_resource("Cluster Disk 5").unwrap()];
    let banned =
        c.nodes().iter().find(|n| !disk5.possible_owners.contains(&n.id)).expect("a node Disk 5 avoids");
    let target = open_node(hc, &banned.name);
    // SAFETY: live handles.
    unsafe {
        assert_eq!(MoveClusterGroup(fs, target), ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
        assert_eq!(group_state(fs).1, owner);
        CloseClusterNode(target);
        CloseClusterGroup(fs);
        CloseCluster(hc);
    }
}

#[test]
fn when_a_node_goes_down_its_groups_fail_over_to_the_next_preferred_node() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let fs = open_group(hc, "FS01"); // NODE3, preferring NODE3 then NODE1
    let share = open_resource(hc, r"File Server (\\FS01)");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(group_state(fs), (ClusterGroupOnline, "NODE3".to_string()));
        sim.harness().node_down("NODE3").unwrap();
        assert_eq!(group_state(fs), (ClusterGroupOnline, "NODE1".to_string()));
        assert_eq!(resource_state(share), ClusterResourceOnline, "back at its persistent state");
        let node3 = open_node(hc, "NODE3");
        assert_eq!(GetClusterNodeState(node3), ClusterNodeDown);
        CloseClusterNode(node3);
        CloseClusterResource(share);
        CloseClusterGroup(fs);
        CloseCluster(hc);
    }
}

#[test]
fn the_trace_names_the_objects_and_nodes_of_state_changes_made_through_the_exports() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let sql = open_group(hc, "SQL Server (MSSQLSERVER)");
    let node3 = open_node(hc, "NODE3");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(MoveClusterGroup(sql, node3), ERROR_SUCCESS);
        assert_eq!(MoveClusterGroup(sql, 0), ERROR_SUCCESS);
        CloseClusterNode(node3);
        CloseClusterGroup(sql);
        CloseCluster(hc);
    }
    let calls = sim.harness().calls();
    let moves = calls.named("MoveClusterGroup").with_arg("group", "sql server (mssqlserver)");
    assert_eq!(moves.count(), 2);
    assert!(moves.with_arg("node", "NODE3").once().is_ok(), "{moves}");
    assert!(moves.with_arg("node", "NULL").once().is_ok(), "no node: the best one");
    assert!(calls.failed().is_empty(), "{calls}");
    assert!(calls.in_order(&["OpenCluster", "MoveClusterGroup", "CloseCluster"]));
}
