//! Node, cluster and remaining group/resource state calls through the Win32 face, written as a
//! windows-sys client writes them: drain (PauseClusterNodeEx) with NodeDrainStatus, resume
//! with failback (ResumeClusterNodeEx), eviction, SetClusterName, the quorum resource,
//! CancelClusterGroupOperation and RestartClusterResource. A rejected call changes nothing.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};

use clusapi_sim::world::World;
use clusapi_sim::{NodeDrainStatus, Sim};
use windows_sys::Win32::Foundation::*;
use windows_sys::Win32::Networking::Clustering::*;

/// `GetClusterGroupState`'s owner node.
fn owner(h: HGROUP) -> String {
    let (mut name, mut len) = ([0u16; 64], 64u32);
    // SAFETY: the buffer is passed with its capacity.
    unsafe { GetClusterGroupState(h, name.as_mut_ptr(), &mut len) };
    text(&name)
}

fn drain_status(sim: &Sim, node: &str) -> NodeDrainStatus {
    sim.harness().node_drain_status(node).unwrap()
}

fn snapshot(sim: &Sim) -> World {
    sim.harness().world()
}

#[test]
fn a_drain_moves_every_group_away_is_pending_with_delays_and_resume_brings_them_back() {
    let sim = delayed("Physical Disk", 1_000, 1_000);
    let _g = sim.install();
    let hc = open_local();
    let node3 = open_node(hc, "NODE3");
    let (fs, app) = (open_group(hc, "FS01"), open_group(hc, "CONTOSO-APP1"));
    assert_eq!((owner(fs), owner(app)), ("NODE3".into(), "NODE3".into()));
    // SAFETY: live handles.
    unsafe {
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, 0), ERROR_IO_PENDING);
        assert_eq!(GetClusterNodeState(node3), ClusterNodePaused);
        assert_eq!(
            drain_status(&sim, "NODE3"),
            NodeDrainStatus::InProgress,
            "FS01's disk is still going offline"
        );
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, 0), ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS);
        sim.harness().settle().unwrap();
        assert_eq!(drain_status(&sim, "NODE3"), NodeDrainStatus::Completed);
        assert_eq!(
            (owner(fs), owner(app)),
            ("NODE1".into(), "NODE1".into()),
            "each to its next preferred node"
        );
        assert_eq!(GetClusterGroupState(fs, null_mut(), null_mut()), ClusterGroupOnline);

        assert_eq!(ResumeClusterNodeEx(node3, FailbackGroupsImmediately, 0), ERROR_IO_PENDING);
        assert_eq!(GetClusterNodeState(node3), ClusterNodeUp);
        assert_eq!(drain_status(&sim, "NODE3"), NodeDrainStatus::NotInitiated);
        sim.harness().settle().unwrap();
        assert_eq!((owner(fs), owner(app)), ("NODE3".into(), "NODE3".into()), "failed back");
        assert_eq!(GetClusterGroupState(fs, null_mut(), null_mut()), ClusterGroupOnline);
        CloseClusterGroup(fs);
        CloseClusterGroup(app);
        CloseClusterNode(node3);
        CloseCluster(hc);
    }
}

#[test]
fn a_drain_to_a_target_sends_every_group_there_and_no_drain_is_a_plain_pause() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let (node2, node3) = (open_node(hc, "NODE2"), open_node(hc, "NODE3"));
    let app = open_group(hc, "CONTOSO-APP1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(PauseClusterNodeEx(node2, 0, 0, 0), ERROR_SUCCESS);
        assert_eq!(drain_status(&sim, "NODE2"), NodeDrainStatus::NotInitiated, "no drain");
        assert_eq!(ResumeClusterNode(node2), ERROR_SUCCESS);
        // CONTOSO-APP1 has no disk zoning: it can go to NODE2.
        assert_eq!(PauseClusterNodeEx2(node3, 1, 0, node2, w("patch").as_ptr()), ERROR_SUCCESS);
        assert_eq!(owner(app), "NODE2");
        // FS01's disk cannot run on NODE2: it stays on the paused node and the drain fails,
        // with or without REMAIN_ON_PAUSED_NODE_ON_MOVE_ERROR.
        assert_eq!(drain_status(&sim, "NODE3"), NodeDrainStatus::Failed);
        let fs = open_group(hc, "FS01");
        assert_eq!(owner(fs), "NODE3");
        CloseClusterGroup(fs);
        CloseClusterGroup(app);
        CloseClusterNode(node2);
        CloseClusterNode(node3);
        CloseCluster(hc);
    }
}

#[test]
fn drain_errors_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let (node1, node2, node3) = (open_node(hc, "NODE1"), open_node(hc, "NODE2"), open_node(hc, "NODE3"));
    sim.harness().node_down("NODE2").unwrap();
    let before = snapshot(&sim);
    // SAFETY: live handles or deliberately bad ones.
    unsafe {
        assert_eq!(PauseClusterNodeEx(node2, 1, 0, 0), ERROR_CLUSTER_NODE_DOWN, "node not up");
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, node2), ERROR_HOST_NODE_NOT_AVAILABLE, "target down");
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, node3), ERROR_HOST_NODE_NOT_AVAILABLE, "itself");
        assert_eq!(PauseClusterNodeEx(node3, 1, 0x100, 0), ERROR_INVALID_PARAMETER, "undefined flag");
        assert_eq!(PauseClusterNodeEx(0x1234, 1, 0, 0), ERROR_INVALID_HANDLE);
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, 0x1234), ERROR_INVALID_HANDLE, "bad target");
        let bad = [0xD800u16, 0];
        assert_eq!(PauseClusterNodeEx2(node3, 1, 0, 0, bad.as_ptr()), ERROR_INVALID_NAME);
        assert_eq!(snapshot(&sim), before);
        assert_eq!(PauseClusterNode(node1), ERROR_SUCCESS);
        let before = snapshot(&sim);
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, 0), ERROR_CLUSTER_NODE_DOWN, "no other node up");
        assert_eq!(snapshot(&sim), before);
        assert_eq!(drain_status(&sim, "NODE3"), NodeDrainStatus::NotInitiated);
        CloseClusterNode(node1);
        CloseClusterNode(node2);
        CloseClusterNode(node3);
        CloseCluster(hc);
    }
}

#[test]
fn resume_ex_failback_types_and_errors() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let node3 = open_node(hc, "NODE3");
    let fs = open_group(hc, "FS01");
    // SAFETY: live handles.
    unsafe {
        let before = snapshot(&sim);
        assert_eq!(ResumeClusterNodeEx(node3, DoNotFailbackGroups, 0), ERROR_CLUSTER_NODE_NOT_PAUSED);
        assert_eq!(snapshot(&sim), before);
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, 0), ERROR_SUCCESS);
        assert_eq!(owner(fs), "NODE1");
        let before = snapshot(&sim);
        assert_eq!(
            ResumeClusterNodeEx(node3, 3, 0),
            ERROR_INVALID_PARAMETER,
            "ClusterNodeResumeFailbackTypeCount"
        );
        assert_eq!(ResumeClusterNodeEx(node3, -1, 0), ERROR_INVALID_PARAMETER);
        assert_eq!(ResumeClusterNodeEx(node3, FailbackGroupsImmediately, 8), ERROR_INVALID_PARAMETER);
        assert_eq!(ResumeClusterNodeEx(0x1234, FailbackGroupsImmediately, 0), ERROR_INVALID_HANDLE);
        assert_eq!(snapshot(&sim), before);
        // FS01 has no AutoFailbackType: per policy it stays.
        assert_eq!(
            ResumeClusterNodeEx2(node3, FailbackGroupsPerPolicy, 0, w("done").as_ptr()),
            ERROR_SUCCESS
        );
        assert_eq!(owner(fs), "NODE1");
        // Nothing to fail back with DoNotFailbackGroups either.
        assert_eq!(PauseClusterNodeEx(node3, 1, 0, 0), ERROR_SUCCESS);
        assert_eq!(ResumeClusterNodeEx(node3, DoNotFailbackGroups, 0), ERROR_SUCCESS);
        assert_eq!(GetClusterNodeState(node3), ClusterNodeUp);
        let app = open_group(hc, "CONTOSO-APP1");
        assert_eq!(owner(app), "NODE1");
        CloseClusterGroup(app);
        CloseClusterGroup(fs);
        CloseClusterNode(node3);
        CloseCluster(hc);
    }
}

#[test]
fn eviction_of_a_down_node_moves_its_groups_and_removes_it_from_every_list() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let (node1, node3) = (open_node(hc, "NODE1"), open_node(hc, "NODE3"));
    let fs = open_group(hc, "FS01");
    // SAFETY: live handles.
    unsafe {
        let before = snapshot(&sim);
        assert_eq!(EvictClusterNode(0x1234), ERROR_INVALID_HANDLE);
        assert_eq!(snapshot(&sim), before);

        // NODE1 down takes no group with it; NODE3 down strands FS01 (its disk is zoned to
        // NODE1 and NODE3).
        sim.harness().node_down("NODE1").unwrap();
        sim.harness().node_down("NODE3").unwrap();
        assert_eq!(owner(fs), "NODE3");
        let mut hr: windows_sys::core::HRESULT = -1;
        assert_eq!(EvictClusterNodeEx(node3, 1000, &mut hr), ERROR_SUCCESS);
        assert_eq!(hr, S_OK);
        assert_eq!(GetClusterNodeState(node3), ClusterNodeStateUnknown);
        assert_last_error(ERROR_NODE_NOT_AVAILABLE);
        assert_eq!(EvictClusterNode(node3), ERROR_NODE_NOT_AVAILABLE, "already evicted");
        assert_eq!(OpenClusterNode(hc, w("NODE3").as_ptr()), 0);
        assert_last_error(ERROR_CLUSTER_NODE_NOT_FOUND);
        let world = snapshot(&sim);
        let c = world.local_cluster();
        assert!(c.groups().values().all(|g| g.owner != 3 && !g.preferred_owners.contains(&3)));
        assert!(c.resources().values().all(|r| !r.possible_owners.contains(&3)));
        assert!(c.net_interfaces().values().all(|i| i.node != 3));
        assert_eq!(owner(fs), "NODE1", "the first remaining node (none can take it)");
        // NODE1, the last node that could host FS01, is down: EvictClusterNodeEx2 with NULL.
        assert_eq!(EvictClusterNodeEx2(node1, 0, null_mut(), w("gone").as_ptr()), ERROR_SUCCESS);
        assert_eq!(owner(fs), "NODE2");
        let node2 = open_node(hc, "NODE2");
        assert_eq!(EvictClusterNode(node2), ERROR_CANT_EVICT_ACTIVE_NODE, "the last node");
        CloseClusterNode(node2);
        CloseClusterGroup(fs);
        CloseClusterNode(node1);
        CloseClusterNode(node3);
        CloseCluster(hc);
    }
}

#[test]
fn eviction_of_an_up_node_moves_its_groups_first_and_brings_them_back_online() {
    // MS-CMRP 3.1.4.2.72 (a node SHOULD allow itself to be evicted even if it is not
    // active) and Samba's rpc.clusapi EvictNode (evicts the up node it is connected to,
    // expects ERROR_SUCCESS): an up node that owns groups can be evicted; they move first.
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let node1 = open_node(hc, "NODE1");
    let core = open_group(hc, "Cluster Group");
    let paused = open_node(hc, "NODE3");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(owner(core), "NODE1");
        assert_eq!(GetClusterGroupState(core, null_mut(), null_mut()), ClusterGroupOnline);
        assert_eq!(EvictClusterNode(node1), ERROR_SUCCESS, "up, owning groups");
        let world = snapshot(&sim);
        let c = world.local_cluster();
        assert!(c.groups().values().all(|g| g.owner != 1 && !g.preferred_owners.contains(&1)));
        assert!(c.net_interfaces().values().all(|i| i.node != 1));
        assert_ne!(owner(core), "NODE1");
        sim.harness().settle().unwrap();
        assert_eq!(GetClusterGroupState(core, null_mut(), null_mut()), ClusterGroupOnline, "back online");
        // A paused node that owns groups can be evicted too; the cluster's only node cannot.
        assert_eq!(PauseClusterNode(paused), ERROR_SUCCESS);
        assert_eq!(EvictClusterNode(paused), ERROR_SUCCESS, "paused, owning groups");
        let node2 = open_node(hc, "NODE2");
        assert_eq!(EvictClusterNode(node2), ERROR_CANT_EVICT_ACTIVE_NODE, "the only node");
        assert_eq!(owner(core), "NODE2");
        CloseClusterNode(node2);
        CloseClusterNode(paused);
        CloseClusterGroup(core);
        CloseClusterNode(node1);
        CloseCluster(hc);
    }
}

#[test]
fn set_cluster_name_renames_and_its_own_name_is_stored() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: live handles, NUL-terminated names.
    unsafe {
        let before = snapshot(&sim);
        assert_eq!(SetClusterName(hc, w("contoso-clu1").as_ptr()), ERROR_RESOURCE_PROPERTIES_STORED);
        assert_eq!(snapshot(&sim), before, "its own name: nothing changes");
        assert_eq!(SetClusterName(hc, w("").as_ptr()), ERROR_INVALID_NAME);
        assert_eq!(SetClusterName(hc, w("BAD NAME").as_ptr()), ERROR_INVALID_NAME);
        assert_eq!(SetClusterName(hc, null()), ERROR_INVALID_PARAMETER);
        assert_eq!(SetClusterName(hc, [0xDC00u16, 0].as_ptr()), ERROR_INVALID_NAME);
        assert_eq!(SetClusterName(hc, w("NODE2").as_ptr()), ERROR_ALREADY_EXISTS, "a node answers to it");
        assert_eq!(SetClusterName(0x1234, w("X").as_ptr()), ERROR_INVALID_HANDLE);
        assert_eq!(snapshot(&sim), before);

        assert_eq!(
            SetClusterNameEx(hc, w("FABRIKAM-CLU").as_ptr(), w("merger").as_ptr()),
            ERROR_RESOURCE_PROPERTIES_STORED
        );
        let (mut name, mut len) = ([0u16; 64], 64u32);
        assert_eq!(GetClusterInformation(hc, name.as_mut_ptr(), &mut len, null_mut()), ERROR_SUCCESS);
        assert_eq!(text(&name), "FABRIKAM-CLU");
        let again = OpenCluster(w("fabrikam-clu").as_ptr());
        assert_ne!(again, 0);
        assert_ne!(OpenCluster(w("FABRIKAM-CLU.contoso.com").as_ptr()), 0, "the FQDN follows");
        assert_eq!(OpenCluster(w("CONTOSO-CLU1").as_ptr()), 0, "the old name is gone");
        assert_last_error(1722);
        CloseCluster(again);
        CloseCluster(hc);
    }
}

#[test]
fn the_quorum_resource_reads_with_the_size_protocol_and_sets_with_its_rules() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: buffers are passed with their capacities.
    unsafe {
        let (mut name, mut cch) = ([0u16; 64], 64u32);
        let (mut dev, mut dcch) = ([0u16; 64], 64u32);
        let mut size = 7u32;
        let r =
            GetClusterQuorumResource(hc, name.as_mut_ptr(), &mut cch, dev.as_mut_ptr(), &mut dcch, &mut size);
        assert_eq!(r, ERROR_SUCCESS);
        assert_eq!((text(&name), cch, text(&dev), dcch), ("Cluster Disk 1".into(), 14, String::new(), 0));
        assert_eq!(size, CLUS_HYBRID_QUORUM);
        let (mut small, mut scch) = ([0u16; 4], 4u32);
        let (mut dcch2, mut dev2) = (64u32, [0u16; 64]);
        let r = GetClusterQuorumResource(
            hc,
            small.as_mut_ptr(),
            &mut scch,
            dev2.as_mut_ptr(),
            &mut dcch2,
            null_mut(),
        );
        assert_eq!((r, scch), (ERROR_MORE_DATA, 14));
        let mut zero = 0u32;
        let r = GetClusterQuorumResource(hc, null_mut(), &mut zero, null_mut(), &mut dcch2, null_mut());
        assert_eq!((r, zero), (ERROR_MORE_DATA, 14));
        let r = GetClusterQuorumResource(
            hc,
            name.as_mut_ptr(),
            null_mut(),
            dev.as_mut_ptr(),
            &mut dcch,
            null_mut(),
        );
        assert_eq!(r, ERROR_INVALID_PARAMETER);
        let mut c = 64u32;
        let r = GetClusterQuorumResource(
            0x1234,
            name.as_mut_ptr(),
            &mut c,
            dev.as_mut_ptr(),
            &mut dcch,
            null_mut(),
        );
        assert_eq!(r, ERROR_INVALID_HANDLE);

        let (disk1, disk2, ip) = (
            open_resource(hc, "Cluster Disk 1"),
            open_resource(hc, "Cluster Disk 2"),
            open_resource(hc, "Cluster IP Address"),
        );
        let before = snapshot(&sim);
        assert_eq!(SetClusterQuorumResource(ip, null(), CLUS_HYBRID_QUORUM), ERROR_NOT_QUORUM_CAPABLE);
        assert_eq!(SetClusterQuorumResource(disk2, null(), 12345), ERROR_INVALID_PARAMETER);
        assert_eq!(
            SetClusterQuorumResource(disk2, null(), CLUS_NODE_MAJORITY_QUORUM),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(SetClusterQuorumResource(0x1234, null(), CLUS_HYBRID_QUORUM), ERROR_INVALID_HANDLE);
        assert_eq!(OfflineClusterResource(disk2), ERROR_SUCCESS);
        let offline = snapshot(&sim);
        assert_eq!(SetClusterQuorumResource(disk2, null(), CLUS_HYBRID_QUORUM), ERROR_RESOURCE_NOT_ONLINE);
        assert_eq!(snapshot(&sim), offline);
        assert_eq!(OnlineClusterResource(disk2), ERROR_SUCCESS);
        assert_eq!(snapshot(&sim), before);
        assert_eq!(
            SetClusterQuorumResource(disk2, w("Q:\\MSCS").as_ptr(), CLUS_HYBRID_QUORUM),
            ERROR_SUCCESS
        );
        assert_eq!(
            SetClusterQuorumResourceEx(disk2, null(), CLUS_NODE_MAJORITY_QUORUM, w("r").as_ptr()),
            ERROR_SUCCESS
        );
        let (mut cch, mut dcch) = (64u32, 64u32);
        let r =
            GetClusterQuorumResource(hc, name.as_mut_ptr(), &mut cch, dev.as_mut_ptr(), &mut dcch, &mut size);
        assert_eq!(r, ERROR_SUCCESS);
        assert_eq!(
            (text(&name), text(&dev), size),
            ("Cluster Disk 2".into(), "Q:\\MSCS".into(), 0),
            "NULL keeps the path"
        );
        CloseClusterResource(disk1);
        CloseClusterResource(disk2);
        CloseClusterResource(ip);
        CloseCluster(hc);
    }
}

#[test]
fn cancel_returns_a_moving_group_to_its_node() {
    let sim = delayed("Physical Disk", 1_000, 1_000);
    let _g = sim.install();
    let hc = open_local();
    let fs = open_group(hc, "FS01");
    let node1 = open_node(hc, "NODE1");
    // SAFETY: live handles.
    unsafe {
        let before = snapshot(&sim);
        assert_eq!(CancelClusterGroupOperation(fs, 0), ERROR_INVALID_STATE, "nothing pending");
        assert_eq!(CancelClusterGroupOperation(0x1234, 0), ERROR_INVALID_HANDLE);
        assert_eq!(snapshot(&sim), before);
        assert_eq!(MoveClusterGroup(fs, node1), ERROR_IO_PENDING);
        assert_eq!(CancelClusterGroupOperation(fs, 1), ERROR_INVALID_PARAMETER);
        assert_eq!(CancelClusterGroupOperation(fs, 0), ERROR_IO_PENDING, "its disk is still going offline");
        sim.harness().settle().unwrap();
        assert_eq!(owner(fs), "NODE3", "stays on its node");
        assert_eq!(
            GetClusterGroupState(fs, null_mut(), null_mut()),
            ClusterGroupOnline,
            "its persistent state"
        );
        CloseClusterNode(node1);
        CloseClusterGroup(fs);
        CloseCluster(hc);
    }
}

#[test]
fn restart_takes_a_resource_offline_and_back_online_on_its_node() {
    let sim = delayed("Physical Disk", 500, 500);
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 4");
    let sql = open_resource(hc, "SQL Server");
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles.
    unsafe {
        let before = snapshot(&sim);
        assert_eq!(RestartClusterResource(svc, 0), ERROR_INVALID_STATE, "offline");
        assert_eq!(RestartClusterResource(disk, 1), ERROR_INVALID_PARAMETER);
        assert_eq!(RestartClusterResource(0x1234, 0), ERROR_INVALID_HANDLE);
        assert_eq!(snapshot(&sim), before);
        assert_eq!(RestartClusterResource(disk, 0), ERROR_IO_PENDING);
        assert_eq!(
            GetClusterResourceState(disk, null_mut(), null_mut(), null_mut(), null_mut()),
            ClusterResourceOfflinePending
        );
        assert_eq!(RestartClusterResourceEx(disk, 0, w("again").as_ptr()), ERROR_INVALID_STATE, "busy");
        sim.harness().settle().unwrap();
        for r in [disk, sql] {
            assert_eq!(
                GetClusterResourceState(r, null_mut(), null_mut(), null_mut(), null_mut()),
                ClusterResourceOnline
            );
        }
        assert_eq!(snapshot(&sim), before, "back as it was, on the same node");
        CloseClusterResource(disk);
        CloseClusterResource(sql);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}
