//! Scripted faults through the exports, as a windows-sys client meets them: a call that fails
//! with a given code (the function's way), a cluster that becomes unreachable, and a change
//! that happens between two of the client's calls (the enumerate-then-subscribe race).

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};

use clusapi_sim::fault::{Effect, Fault};
use clusapi_sim::{Sim, codes};
use windows_sys::Win32::Foundation::{
    ERROR_INVALID_STATE, ERROR_IO_PENDING, ERROR_NOT_ENOUGH_MEMORY, ERROR_SUCCESS, GetLastError,
    SetLastError, WAIT_TIMEOUT,
};
use windows_sys::Win32::Networking::Clustering::*;

const RPC_S_SERVER_UNAVAILABLE: u32 = 1722;

#[test]
fn the_nth_call_on_an_object_fails_the_functions_way_and_changes_nothing() {
    let fault =
        Fault::on("OpenClusterGroup").object("Cluster Group").nth(2).fail_with(ERROR_NOT_ENOUGH_MEMORY);
    let sim = Sim::builder().fault(fault).build();
    let _g = sim.install();
    let hc = open_local();
    let name = w("Cluster Group");
    // SAFETY: a live cluster handle and a NUL-terminated name.
    unsafe {
        let first = OpenClusterGroup(hc, name.as_ptr());
        assert_ne!(first, 0);
        let before = sim.harness().open_handles();
        SetLastError(0);
        assert_eq!(OpenClusterGroup(hc, name.as_ptr()), 0, "the second: NULL");
        assert_eq!(GetLastError(), ERROR_NOT_ENOUGH_MEMORY, "and the last error");
        assert_eq!(sim.harness().open_handles(), before, "nothing opened");
        let third = OpenClusterGroup(hc, name.as_ptr());
        assert_ne!(third, 0, "only the second");
        CloseClusterGroup(first);
        CloseClusterGroup(third);
        CloseCluster(hc);
    }
    let failed = sim.harness().calls().failed();
    assert_eq!(
        failed.once().map(|e| (e.function, e.result)),
        Ok(("OpenClusterGroup", ERROR_NOT_ENOUGH_MEMORY))
    );
}

#[test]
fn a_state_change_refused_by_a_fault_leaves_the_resource_as_it_was() {
    let sim = Sim::default();
    let _g = sim.install();
    sim.harness().add_fault(Fault::on("OfflineClusterResource").fail_with(ERROR_INVALID_STATE));
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; NULL name buffers are allowed.
    unsafe {
        let before = sim.harness().world();
        assert_eq!(OfflineClusterResource(disk), ERROR_INVALID_STATE);
        assert_eq!(sim.harness().world(), before);
        assert_eq!(
            GetClusterResourceState(disk, null_mut(), null_mut(), null_mut(), null_mut()),
            ClusterResourceOnline
        );
        sim.harness().clear_faults();
        assert_eq!(OfflineClusterResource(disk), ERROR_SUCCESS);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn an_unreachable_cluster_fails_every_call_until_it_reconnects_and_closes_still_close() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let group = open_group(hc, "Cluster Group");
    sim.harness().add_fault(Fault::on("GetClusterGroupState").times(1).effect(Effect::Unreachable));
    // SAFETY: live handles; NULL buffers are allowed.
    unsafe {
        SetLastError(0);
        assert_eq!(GetClusterGroupState(group, null_mut(), null_mut()), ClusterGroupStateUnknown);
        assert_eq!(GetLastError(), RPC_S_SERVER_UNAVAILABLE);
        assert_eq!(OpenCluster(null()), 0);
        assert_eq!(GetLastError(), RPC_S_SERVER_UNAVAILABLE);
        assert_eq!(OfflineClusterGroup(group), RPC_S_SERVER_UNAVAILABLE, "DWORD functions return it");
        assert_eq!(CloseClusterGroup(group), 1, "a close still closes");
        sim.harness().reconnect();
        let hc2 = OpenCluster(null());
        assert_ne!(hc2, 0, "reachable again");
        CloseCluster(hc2);
        CloseCluster(hc);
    }
    assert!(sim.harness().check_leaks().is_ok());
}

#[test]
fn a_fault_can_fail_a_resource_just_before_the_clients_next_call() {
    let sim = Sim::default();
    let _g = sim.install();
    sim.harness().add_fault(
        Fault::on("GetClusterResourceState").nth(1).effect(Effect::FailResource("Cluster Disk 1".into())),
    );
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; NULL buffers are allowed.
    unsafe {
        assert_eq!(
            GetClusterResourceState(disk, null_mut(), null_mut(), null_mut(), null_mut()),
            ClusterResourceFailed
        );
        sim.harness().settle().unwrap();
        assert_eq!(
            GetClusterResourceState(disk, null_mut(), null_mut(), null_mut(), null_mut()),
            ClusterResourceOnline,
            "restarted"
        );
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

/// The client's code: take a snapshot of each group's owner, then subscribe to changes.
fn snapshot_then_subscribe(hc: HCLUSTER) -> (Vec<(String, String)>, HCHANGE) {
    let mut owners = Vec::new();
    // SAFETY: a live cluster handle; buffers passed with their capacities.
    unsafe {
        let e = ClusterOpenEnum(hc, CLUSTER_ENUM_GROUP as u32);
        for i in 0.. {
            let (mut kind, mut name, mut cch) = (0u32, [0u16; 128], 128u32);
            if ClusterEnum(e, i, &mut kind, name.as_mut_ptr(), &mut cch) != ERROR_SUCCESS {
                break;
            }
            let g = OpenClusterGroup(hc, name.as_ptr());
            let (mut owner, mut occh) = ([0u16; 64], 64u32);
            GetClusterGroupState(g, owner.as_mut_ptr(), &mut occh);
            owners.push((text(&name), text(&owner)));
            CloseClusterGroup(g);
        }
        ClusterCloseEnum(e);
        let port = CreateClusterNotifyPort(-1, hc, CLUSTER_CHANGE_GROUP_STATE as u32, 1);
        assert_ne!(port, 0);
        (owners, port)
    }
}

#[test]
fn a_change_between_the_enumeration_and_the_subscription_is_missed_by_a_client_that_does_not_re_read() {
    let sim = Sim::default();
    let _g = sim.install();
    // NODE2 goes down just before the port is created: after the snapshot, before the filter.
    sim.harness()
        .add_fault(Fault::on("CreateClusterNotifyPort").nth(1).effect(Effect::NodeDown("NODE2".into())));
    let hc = open_local();
    let (snapshot, port) = snapshot_then_subscribe(hc);
    let sql_was = snapshot.iter().find(|(g, _)| g == "SQL Server (MSSQLSERVER)").map(|(_, o)| o.clone());
    assert_eq!(sql_was.as_deref(), Some("NODE2"), "the snapshot saw it on NODE2");
    // SAFETY: a live port; buffers passed with their capacities.
    unsafe {
        let (mut key, mut filter, mut name, mut cch) = (0usize, 0u32, [0u16; 128], 128u32);
        let rc = GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut cch, 0);
        assert_eq!(rc, codes::WAIT_TIMEOUT, "the failover happened before the subscription: no event");
        // A client that re-reads after subscribing sees where the group is now.
        let g = open_group(hc, "SQL Server (MSSQLSERVER)");
        let (mut owner, mut occh) = ([0u16; 64], 64u32);
        GetClusterGroupState(g, owner.as_mut_ptr(), &mut occh);
        assert_ne!(text(&owner), "NODE2", "it moved while the client was not watching");
        CloseClusterGroup(g);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

#[test]
fn a_hung_resource_stays_pending_through_a_clients_timed_wait_until_released() {
    let sim = Sim::builder()
        .fault(Fault::on("OnlineClusterResource").times(1).effect(Effect::Hang("Contoso App Service".into())))
        .build();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles; out-parameters with their capacities.
    unsafe {
        let port = CreateClusterNotifyPort(-1, hc, CLUSTER_CHANGE_RESOURCE_STATE as u32, 1);
        assert_eq!(OnlineClusterResource(svc), ERROR_IO_PENDING, "no delay, but it hangs");
        let state = || GetClusterResourceState(svc, null_mut(), null_mut(), null_mut(), null_mut());
        assert_eq!(state(), ClusterResourceOnlinePending);
        // The client drains what was posted, then waits 10 s of virtual time for the online.
        let (mut key, mut filter, mut name, mut len) = (0usize, 0u32, [0u16; 64], 64u32);
        while GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut len, 0) == ERROR_SUCCESS {
            len = 64;
        }
        len = 64;
        let rc = GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut len, 10_000);
        assert_eq!(rc, WAIT_TIMEOUT, "the online never completes");
        assert_eq!(state(), ClusterResourceOnlinePending, "not even at its PendingTimeout");
        assert!(sim.harness().settle().is_err(), "settle reports the hung operation");
        sim.harness().clear_faults();
        assert_eq!(state(), ClusterResourceOnline, "released: its online completes");
        CloseClusterNotifyPort(port);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn a_delayed_effect_happens_when_the_virtual_clock_reaches_it() {
    let sim = Sim::builder()
        .fault(
            Fault::on("OpenClusterGroup")
                .object("SQL Server (MSSQLSERVER)")
                .times(1)
                .effect(Effect::NodeDown("NODE2".into()))
                .after(std::time::Duration::from_secs(30)),
        )
        .fault(
            Fault::on("CloseClusterGroup")
                .times(1)
                .effect(Effect::Unreachable)
                .after(std::time::Duration::from_secs(60)),
        )
        .build();
    let cluster = sim.open_cluster(None).unwrap();
    let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)").unwrap();
    assert_eq!(sim.group_state(sql).unwrap().owner_node, "NODE2", "not yet");
    sim.harness().advance(std::time::Duration::from_secs(29));
    assert_eq!(sim.group_state(sql).unwrap().owner_node, "NODE2", "29 s later, still not");
    sim.harness().advance(std::time::Duration::from_secs(1));
    assert_ne!(
        sim.group_state(sql).unwrap().owner_node,
        "NODE2",
        "30 s: NODE2 went down and the group failed over"
    );
    sim.close_group(sql).unwrap();
    assert!(sim.open_group(cluster, "FS01").is_ok(), "the unreachable effect waits 60 s");
    sim.harness().advance(std::time::Duration::from_secs(60));
    assert_eq!(sim.open_group(cluster, "FS01").unwrap_err().code(), codes::RPC_S_SERVER_UNAVAILABLE);
    sim.harness().reconnect();
    sim.close_cluster(cluster);
}

#[test]
fn a_fault_on_a_read_call_matches_the_object_behind_its_handle() {
    let sim = Sim::builder()
        .fault(
            Fault::on("ClusterResourceControl")
                .object("cluster disk 1")
                .fail_with(codes::ERROR_NOT_ENOUGH_MEMORY),
        )
        .fault(Fault::on("GetClusterGroupState").object("FS01").fail_with(codes::ERROR_NOT_ENOUGH_MEMORY))
        .build();
    let cluster = sim.open_cluster(None).unwrap();
    let (d1, d2) = (
        sim.open_resource(cluster, "Cluster Disk 1").unwrap(),
        sim.open_resource(cluster, "Cluster Disk 2").unwrap(),
    );
    const GET_NAME: u32 = 0x0100_0029;
    assert_eq!(sim.resource_control(d1, None, GET_NAME, &[]).unwrap_err().code(), 8, "its object");
    assert!(sim.resource_control(d2, None, GET_NAME, &[]).is_ok(), "another object");
    let (fs, core) =
        (sim.open_group(cluster, "FS01").unwrap(), sim.open_group(cluster, "Cluster Group").unwrap());
    assert_eq!(sim.group_state(fs).unwrap_err().code(), 8);
    assert!(sim.group_state(core).is_ok());
    sim.close_cluster(cluster);
}
