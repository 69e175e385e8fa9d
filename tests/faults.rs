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
    ERROR_INVALID_STATE, ERROR_NOT_ENOUGH_MEMORY, ERROR_SUCCESS, GetLastError, SetLastError,
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
