//! `OpenCluster` and `GetNodeClusterState` take every name a real client passes for a cluster
//! machine: the cluster's NetBIOS name and FQDN, a node's name and FQDN, `localhost`, `.`, and
//! the IP addresses of the cluster and of its nodes. Written as windows-sys clients write them.

mod common;

use std::ptr::{null, null_mut};

use clusapi_sim::Sim;
use common::{text, w};
use windows_sys::Win32::Foundation::{ERROR_SUCCESS, GetLastError};

/// windows-sys declares RPC status codes in Win32::System::Rpc, a feature this crate does not enable.
const RPC_S_SERVER_UNAVAILABLE: u32 = 1722;
use windows_sys::Win32::Networking::Clustering::*;

/// The name of the cluster `OpenCluster(name)` reaches, through GetClusterInformation.
fn cluster_reached(name: &str) -> Result<String, u32> {
    // SAFETY: a NUL-terminated name.
    let h = unsafe { OpenCluster(w(name).as_ptr()) };
    if h == 0 {
        // SAFETY: no arguments.
        return Err(unsafe { GetLastError() });
    }
    let (mut buf, mut cch) = ([0u16; 64], 64u32);
    // SAFETY: the buffer holds `cch` units; the version pointer may be NULL.
    let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), &mut cch, null_mut()) };
    assert_eq!(rc, ERROR_SUCCESS);
    // SAFETY: a live handle.
    unsafe { CloseCluster(h) };
    Ok(text(&buf))
}

fn node_cluster_state(name: &str) -> (u32, u32) {
    let mut state = 0xdead;
    // SAFETY: a NUL-terminated name and a valid out pointer.
    let rc = unsafe { GetNodeClusterState(w(name).as_ptr(), &mut state) };
    (rc, state)
}

#[test]
fn open_cluster_accepts_every_name_of_the_cluster_and_its_nodes() {
    let sim = Sim::default();
    let _g = sim.install();
    for name in [
        "CONTOSO-CLU1",
        "contoso-clu1.CONTOSO.com",
        "10.0.0.100",
        "NODE2",
        "node2.contoso.com",
        "10.0.0.13",
        "192.168.10.11",
        "localhost",
        "LOCALHOST",
        ".",
    ] {
        assert_eq!(cluster_reached(name).as_deref(), Ok("CONTOSO-CLU1"), "OpenCluster({name:?})");
    }
    for unknown in ["NODE9", "node2.fabrikam.com", "10.0.0.99", "node2.", ".contoso.com"] {
        assert_eq!(cluster_reached(unknown), Err(RPC_S_SERVER_UNAVAILABLE), "OpenCluster({unknown:?})");
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn get_node_cluster_state_is_running_for_any_name_of_a_node_that_is_up() {
    let sim = Sim::from_fixture_str(
        r#"
        [[cluster]]
        name = "LAB"
        fqdn = "LAB.lab.example"
        addresses = ["10.1.0.100"]
        [[cluster.node]]
        name = "LAB-N1"
        [[cluster.node]]
        name = "LAB-N2"
        state = "down"
        [[cluster.network]]
        name = "Cluster Network 1"
        address = "10.1.0.0"
        mask = "255.255.255.0"
        [[cluster.group]]
        name = "Cluster Group"
        type = "cluster"
        owner = "LAB-N1"
        "#,
    )
    .unwrap();
    let _g = sim.install();
    let running = ClusterStateRunning as u32;
    let not_running = ClusterStateNotRunning as u32;
    for name in [
        "LAB-N1",
        "lab-n1.lab.example",
        "10.1.0.11",
        "LAB",
        "lab.LAB.example",
        "10.1.0.100",
        "localhost",
        ".",
    ] {
        assert_eq!(node_cluster_state(name), (ERROR_SUCCESS, running), "GetNodeClusterState({name:?})");
    }
    for name in ["LAB-N2", "lab-n2.lab.example", "10.1.0.12"] {
        assert_eq!(node_cluster_state(name), (ERROR_SUCCESS, not_running), "GetNodeClusterState({name:?})");
    }
    assert_eq!(node_cluster_state("10.1.0.13").0, RPC_S_SERVER_UNAVAILABLE);
    let mut state = 0;
    // SAFETY: NULL is the local machine.
    assert_eq!(unsafe { GetNodeClusterState(null(), &mut state) }, ERROR_SUCCESS);
    assert_eq!(state, running);
}

#[test]
fn a_fixture_address_must_be_an_address_that_reaches_one_cluster() {
    let base = "[[cluster]]\nname = \"A\"\naddresses = [\"10.0.0.1\"]\n[[cluster.node]]\nname = \"A1\"\n";
    let bad = format!(
        "{base}[[cluster]]\nname = \"B\"\naddresses = [\"10.0.0.1\"]\n[[cluster.node]]\nname = \"B1\"\n"
    );
    let err = clusapi_sim::fixture::Topology::parse(&bad).unwrap_err();
    assert_eq!((err.line, err.key.as_str(), err.value.as_str()), (8, "cluster.addresses", "10.0.0.1"));
    let err = clusapi_sim::fixture::Topology::parse(&base.replace("10.0.0.1", "ten")).unwrap_err();
    assert_eq!((err.line, err.key.as_str(), err.value.as_str()), (3, "cluster.addresses", "ten"));
}
