//! The `windows`-crate style client of src/lib.rs, unchanged, against a simulated cluster.

#![cfg(not(windows))]

use clusapi_sim::Sim;
use clusapi_sim_windows_client::Cluster;
use windows::Win32::Foundation::{ERROR_GROUP_NOT_FOUND, ERROR_INVALID_HANDLE, WIN32_ERROR};
use windows::Win32::Networking::Clustering::{
    CLUSTER_GROUP_STATE, CloseClusterGroup, ClusterGroupOffline, ClusterGroupOnline, HGROUP,
};
use windows::core::HRESULT;

#[test]
fn the_client_lists_groups_and_reads_the_cluster_name_with_the_grow_pattern() {
    let sim = Sim::default();
    let _guard = sim.install();
    let cluster = Cluster::open().unwrap();
    assert!(!cluster.name().unwrap().is_empty());
    let groups = cluster.group_names().unwrap();
    assert!(groups.iter().any(|g| g == "Cluster Group"), "{groups:?}");
    drop(cluster);
    assert!(sim.harness().open_handles().is_empty(), "the wrappers closed what they opened");
}

#[test]
fn group_state_online_offline_and_move_go_through_the_shim() {
    let sim = Sim::default();
    let _guard = sim.install();
    let cluster = Cluster::open().unwrap();
    let group = cluster.group("Cluster Group").unwrap();
    let (state, owner) = group.state().unwrap();
    assert_eq!(state, ClusterGroupOnline);
    assert!(!owner.is_empty());

    group.offline().unwrap();
    assert_eq!(group.state_only(), ClusterGroupOffline);
    group.online().unwrap();
    assert_eq!(group.state_only(), ClusterGroupOnline);

    let target = if owner.eq_ignore_ascii_case("NODE2") { "NODE1" } else { "NODE2" };
    group.move_to(&cluster.node(target).unwrap()).unwrap();
    let (state, owner) = group.state().unwrap();
    assert_eq!((state, owner.to_uppercase()), (ClusterGroupOnline, target.to_string()));
}

#[test]
fn an_unknown_group_is_error_from_thread_with_the_real_code() {
    let sim = Sim::default();
    let _guard = sim.install();
    let cluster = Cluster::open().unwrap();
    let Err(err) = cluster.group("No Such Group") else { panic!("opened a group that does not exist") };
    assert_eq!(err.code(), HRESULT::from_win32(ERROR_GROUP_NOT_FOUND.0));
    assert_eq!(WIN32_ERROR::from_error(&err), Some(ERROR_GROUP_NOT_FOUND));
    assert_eq!(err.message(), "ERROR_GROUP_NOT_FOUND (5013)");
}

#[test]
fn a_forged_handle_fails_with_invalid_handle_through_result() {
    let sim = Sim::default();
    let _guard = sim.install();
    // SAFETY: any handle value may be passed; the simulator rejects forged ones.
    let err = unsafe { CloseClusterGroup(HGROUP(0x7fff_0000)) }.unwrap_err();
    assert_eq!(WIN32_ERROR::from_error(&err), Some(ERROR_INVALID_HANDLE));
    let _: CLUSTER_GROUP_STATE = ClusterGroupOnline; // the enumeration is a newtype, as in `windows`
}
