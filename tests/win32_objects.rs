//! The Win32 face for cluster objects, called the way users call it: through
//! `windows_sys::Win32::Networking::Clustering` and `windows_sys::Win32::Foundation`, linked
//! against the simulator's exports. Each test installs its own simulator on its thread.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};

use clusapi_sim::Sim;
use clusapi_sim::fixture::Topology;
use clusapi_sim::world::{ClusterBuilder, NetInterfaceState, NetworkState, World};
use windows_sys::Win32::Foundation::{
    ERROR_CLUSTER_NETINTERFACE_NOT_FOUND, ERROR_CLUSTER_NETWORK_NOT_FOUND, ERROR_CLUSTER_NODE_NOT_FOUND,
    ERROR_GROUP_NOT_FOUND, ERROR_INVALID_HANDLE, ERROR_INVALID_NAME, ERROR_INVALID_PARAMETER,
    ERROR_MORE_DATA, ERROR_RESOURCE_NOT_FOUND, ERROR_SUCCESS, GetLastError, SetLastError,
};
use windows_sys::Win32::Networking::Clustering::*;

/// `RPC_S_SERVER_UNAVAILABLE` (in `Win32::System::Rpc`, a feature these tests do not enable).
const RPC_S_SERVER_UNAVAILABLE: u32 = 1722;
/// A value no buffer protocol should ever write: it shows what was left untouched.
const SENTINEL: u16 = 0xfeed;

/// A three-node cluster named like the embedded default one: NODE1 and NODE2 up, NODE3 down;
/// "Cluster Group" online on NODE1, "Available Storage" offline on NODE2; two networks, NODE3
/// without an interface on the second.
const LAB: &str = r#"
    [[cluster]]
    name = "CONTOSO-CLU1"
    fqdn = "CONTOSO-CLU1.contoso.com"

    [[cluster.node]]
    name = "NODE1"
    [[cluster.node]]
    name = "NODE2"
    [[cluster.node]]
    name = "NODE3"
    state = "down"

    [[cluster.network]]
    name = "Cluster Network 1"
    address = "10.0.0.0"
    mask = "255.255.255.0"
    adapter = "Ethernet"

    [[cluster.network]]
    name = "Cluster Network 2"
    address = "192.168.10.0"
    mask = "255.255.255.0"
    adapter = "Ethernet 2"
    [[cluster.network.interface]]
    node = "NODE1"
    [[cluster.network.interface]]
    node = "NODE2"

    [[cluster.group]]
    name = "Cluster Group"
    type = "cluster"
    core = true
    owner = "NODE1"
    state = "online"
    [[cluster.group.resource]]
    name = "Cluster IP Address"
    type = "IP Address"
    core = true
    [[cluster.group.resource]]
    name = "Cluster Name"
    type = "Network Name"
    depends_on = ["Cluster IP Address"]
    core = true

    [[cluster.group]]
    name = "Available Storage"
    type = "available_storage"
    core = true
    owner = "NODE2"
    [[cluster.group.resource]]
    name = "Cluster Disk 2"
    type = "Physical Disk"
"#;

/// [`LAB`], with the network states a fixture does not describe: "Cluster Network 2"
/// partitioned and "NODE3 - Ethernet" unreachable.
fn lab_world(seed: u64) -> World {
    let (mut clusters, local) = Topology::parse(LAB).expect("valid fixture").build(seed).into_parts();
    let mut c = ClusterBuilder::from(clusters.remove(0));
    let net2 = c.cluster().find_network("Cluster Network 2").unwrap();
    c.set_network_state(net2, NetworkState::Partitioned).unwrap();
    let down = c.cluster().find_net_interface("NODE3 - Ethernet").unwrap();
    c.set_net_interface_state(down, NetInterfaceState::Unreachable).unwrap();
    clusters.insert(0, c.build());
    World::new(clusters, local).unwrap()
}

fn lab() -> Sim {
    Sim::builder().world(lab_world(1)).build()
}

/// Values no simulator issued: NULL, INVALID_HANDLE_VALUE, odd and unaligned values, an unknown
/// kind, stray high bits, a generation far beyond any issued, and pseudo-random numbers.
fn forged() -> Vec<isize> {
    let mut v: Vec<isize> = vec![0, -1, 1, 2, 3, 5, 7, 0x101, isize::MIN, isize::MAX, 31 << 2, 1 << 62];
    v.push(((0xffff_fff0_usize << 30) | (3 << 2)) as isize); // a group slot 0, generation never issued
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.push(x as isize);
    }
    v
}

// ---- clusters ---------------------------------------------------------------------------

#[test]
fn open_cluster_by_name_node_fqdn_and_null() {
    let sim = lab();
    let _g = sim.install();
    for name in ["CONTOSO-CLU1", "contoso-clu1", "CONTOSO-CLU1.contoso.com", "NODE2", "node3"] {
        // SAFETY: NUL-terminated.
        let h = unsafe { OpenCluster(w(name).as_ptr()) };
        assert_ne!(h, 0, "{name}");
        let mut buf = [0u16; 64];
        let mut cch = buf.len() as u32;
        // SAFETY: buf holds cch units.
        let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), &mut cch, null_mut()) };
        assert_eq!((rc, text(&buf), cch), (ERROR_SUCCESS, "CONTOSO-CLU1".to_string(), 12), "{name}");
        // SAFETY: any value.
        assert_eq!(unsafe { CloseCluster(h) }, 1);
    }
    let h = open_local();
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(h) }, 1);
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn open_cluster_unknown_name_fails_with_rpc_server_unavailable() {
    let sim = lab();
    let _g = sim.install();
    for name in ["NOSUCHCLUSTER", "CONTOSO-CLU2", "10.0.0.99"] {
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { OpenCluster(w(name).as_ptr()) }, 0, "{name}");
        assert_last_error(RPC_S_SERVER_UNAVAILABLE);
    }
    let lone = [0xdc00u16, 0];
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { OpenCluster(lone.as_ptr()) }, 0);
    assert_last_error(ERROR_INVALID_NAME);
}

#[test]
fn open_cluster_ex_grants_what_was_asked() {
    let sim = lab();
    let _g = sim.install();
    let mut granted = 0xdead_beef;
    // SAFETY: NULL name allowed; granted is writable.
    let h = unsafe { OpenClusterEx(null(), 0x8000_0000, &mut granted) };
    assert_ne!(h, 0);
    assert_eq!(granted, 0x8000_0000);
    // SAFETY: any value.
    unsafe { CloseCluster(h) };
}

#[test]
fn close_cluster_always_returns_true() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // SAFETY: NUL-terminated.
    let group = unsafe { OpenClusterGroup(h, w("Cluster Group").as_ptr()) };
    assert_ne!(group, 0);
    for v in forged() {
        // SAFETY: any value.
        assert_eq!(unsafe { CloseCluster(v) }, 1, "{v:#x}");
    }
    // A handle of another kind is not a cluster handle: TRUE, and nothing is closed.
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(group) }, 1);
    // SAFETY: NULL buffer, so no count needed.
    assert_eq!(unsafe { GetClusterGroupState(group, null_mut(), null_mut()) }, ClusterGroupOnline);
    // SAFETY: any value.
    assert_eq!(unsafe { CloseClusterGroup(group) }, 1);
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(h) }, 1);
    // Already closed: still TRUE.
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(h) }, 1);
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn close_cluster_invalidates_every_derived_handle() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    let other = open_local();
    // SAFETY: in all calls below, names are NUL-terminated; buffers are NULL.
    unsafe {
        let node = OpenClusterNode(h, w("NODE1").as_ptr());
        let group = OpenClusterGroup(h, w("Cluster Group").as_ptr());
        let resource = OpenClusterResource(h, w("Cluster Name").as_ptr());
        let network = OpenClusterNetwork(h, w("Cluster Network 1").as_ptr());
        let netif = OpenClusterNetInterface(h, w("NODE1 - Ethernet").as_ptr());
        let kept = OpenClusterGroup(other, w("Cluster Group").as_ptr());
        for v in [node, group, resource, network, netif, kept] {
            assert_ne!(v, 0);
        }
        assert_eq!(CloseCluster(h), 1);

        assert_eq!(GetClusterGroupState(group, null_mut(), null_mut()), ClusterGroupStateUnknown);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterGroup(group), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterNodeState(node), ClusterNodeStateUnknown);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterNode(node), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterResourceState(resource, null_mut(), null_mut(), null_mut(), null_mut()), -1);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterResource(resource), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterNetworkState(network), ClusterNetworkStateUnknown);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterNetwork(network), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterNetInterfaceState(netif), ClusterNetInterfaceStateUnknown);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterNetInterface(netif), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterFromGroup(group), 0);
        assert_last_error(ERROR_INVALID_HANDLE);

        // Handles from another cluster handle are untouched.
        assert_eq!(GetClusterGroupState(kept, null_mut(), null_mut()), ClusterGroupOnline);
        assert_eq!(GetClusterFromGroup(kept), other);
        assert_eq!(CloseClusterGroup(kept), 1);
        assert_eq!(CloseCluster(other), 1);
    }
    assert!(sim.harness().open_handles().is_empty());
    assert_eq!(sim.harness().violations().len(), 1, "closing a cluster with open children is recorded");
}

#[test]
fn get_cluster_information_name_protocol() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    let name = "CONTOSO-CLU1"; // 12 units
    for (capacity, expect_rc) in [(13u32, ERROR_SUCCESS), (12, ERROR_MORE_DATA), (0, ERROR_MORE_DATA)] {
        let mut buf = [SENTINEL; 16];
        let mut cch = capacity;
        // SAFETY: buf holds 16 >= capacity units.
        let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), &mut cch, null_mut()) };
        assert_eq!((rc, cch), (expect_rc, 12), "capacity {capacity}");
        if rc == ERROR_SUCCESS {
            assert_eq!(text(&buf), name);
            assert_eq!(buf[13..], [SENTINEL; 3], "nothing past the NUL");
        } else {
            assert_eq!(buf, [SENTINEL; 16], "nothing written on ERROR_MORE_DATA");
        }
    }
    // NULL buffer: zero capacity, whatever the count says.
    let mut cch = 100;
    // SAFETY: NULL buffer, valid count.
    assert_eq!(unsafe { GetClusterInformation(h, null_mut(), &mut cch, null_mut()) }, ERROR_MORE_DATA);
    assert_eq!(cch, 12);
    // NULL count.
    let mut buf = [SENTINEL; 16];
    // SAFETY: NULL count is detected.
    let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), null_mut(), null_mut()) };
    assert_eq!(rc, ERROR_INVALID_PARAMETER);
    assert_eq!(buf, [SENTINEL; 16]);
    // A DWORD-returning function reports through its return value, not the last error.
    // SAFETY: no pointers.
    unsafe { SetLastError(0) };
    for v in [0, -1, 12345] {
        let mut cch = 16;
        // SAFETY: buf holds 16 units.
        let rc = unsafe { GetClusterInformation(v, buf.as_mut_ptr(), &mut cch, null_mut()) };
        assert_eq!(rc, ERROR_INVALID_HANDLE);
    }
    // SAFETY: no arguments.
    assert_eq!(unsafe { GetLastError() }, 0);
    // SAFETY: any value.
    unsafe { CloseCluster(h) };
}

#[test]
fn get_cluster_information_fills_version_info() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    let expected = sim.harness().world().clusters()[0].version().clone();

    let mut info = CLUSTERVERSIONINFO {
        dwVersionInfoSize: size_of::<CLUSTERVERSIONINFO>() as u32,
        dwReserved: 0xabcd,
        ..Default::default()
    };
    let mut buf = [0u16; 32];
    let mut cch = buf.len() as u32;
    // SAFETY: buffers valid; info sized.
    let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), &mut cch, &mut info) };
    assert_eq!(rc, ERROR_SUCCESS);
    assert_eq!(
        (info.MajorVersion, info.MinorVersion, info.BuildNumber),
        (expected.major, expected.minor, expected.build)
    );
    assert_eq!(text(&info.szVendorId), expected.vendor);
    assert_eq!(text(&info.szCSDVersion), expected.csd_version);
    assert_eq!(
        (info.dwClusterHighestVersion, info.dwClusterLowestVersion, info.dwFlags),
        (expected.highest, expected.lowest, expected.flags)
    );
    assert_eq!(info.dwVersionInfoSize, size_of::<CLUSTERVERSIONINFO>() as u32, "left as the caller set it");
    assert_eq!(info.dwReserved, 0xabcd, "reserved is not touched");

    // The name does not fit: ERROR_MORE_DATA, but the version is still filled in (a choice).
    let mut info = CLUSTERVERSIONINFO {
        dwVersionInfoSize: size_of::<CLUSTERVERSIONINFO>() as u32,
        ..Default::default()
    };
    let mut cch = 0;
    // SAFETY: NULL buffer; info sized.
    let rc = unsafe { GetClusterInformation(h, null_mut(), &mut cch, &mut info) };
    assert_eq!((rc, cch, info.BuildNumber), (ERROR_MORE_DATA, 12, expected.build));

    // The NT4 layout: only its fields are written.
    let mut info = CLUSTERVERSIONINFO {
        dwVersionInfoSize: size_of::<CLUSTERVERSIONINFO_NT4>() as u32,
        dwClusterHighestVersion: 7,
        dwClusterLowestVersion: 7,
        dwFlags: 7,
        ..Default::default()
    };
    let mut cch = buf.len() as u32;
    // SAFETY: as above.
    let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), &mut cch, &mut info) };
    assert_eq!((rc, info.MajorVersion), (ERROR_SUCCESS, expected.major));
    assert_eq!((info.dwClusterHighestVersion, info.dwClusterLowestVersion, info.dwFlags), (7, 7, 7));

    // Too small a structure: ERROR_INVALID_PARAMETER, and nothing is written at all.
    for size in [0, 4, size_of::<CLUSTERVERSIONINFO_NT4>() as u32 - 1] {
        let mut info = CLUSTERVERSIONINFO { dwVersionInfoSize: size, MajorVersion: 77, ..Default::default() };
        let mut buf = [SENTINEL; 32];
        let mut cch = 32;
        // SAFETY: as above.
        let rc = unsafe { GetClusterInformation(h, buf.as_mut_ptr(), &mut cch, &mut info) };
        assert_eq!(
            (rc, cch, info.MajorVersion, buf[0]),
            (ERROR_INVALID_PARAMETER, 32, 77, SENTINEL),
            "size {size}"
        );
    }
    // SAFETY: any value.
    unsafe { CloseCluster(h) };
}

#[test]
fn get_cluster_information_truncates_long_version_strings() {
    let (mut clusters, local) = lab_world(1).into_parts();
    let mut c = ClusterBuilder::from(clusters.remove(0));
    let mut version = c.cluster().version().clone();
    // 62 units, then a surrogate pair that would need units 63 and 64: it is dropped whole.
    version.vendor = format!("{}\u{1f600}tail", "V".repeat(62));
    version.csd_version = "C".repeat(100);
    c.set_version(version);
    clusters.insert(0, c.build());
    let sim = Sim::builder().world(World::new(clusters, local).unwrap()).build();
    let _g = sim.install();
    let h = open_local();
    let mut info = CLUSTERVERSIONINFO {
        dwVersionInfoSize: size_of::<CLUSTERVERSIONINFO>() as u32,
        ..Default::default()
    };
    let mut cch = 0;
    // SAFETY: NULL name buffer; info sized.
    unsafe { GetClusterInformation(h, null_mut(), &mut cch, &mut info) };
    assert_eq!(text(&info.szVendorId), "V".repeat(62));
    assert_eq!(text(&info.szCSDVersion), "C".repeat(63));
    assert_eq!(info.szCSDVersion[63], 0);
    // SAFETY: any value.
    unsafe { CloseCluster(h) };
}

#[test]
fn get_node_cluster_state_is_handle_less() {
    let sim = lab();
    let _g = sim.install();
    let cases: [(Option<&str>, u32); 4] = [
        (None, ClusterStateRunning as u32),
        (Some("node2"), ClusterStateRunning as u32),
        (Some("NODE3"), ClusterStateNotRunning as u32),
        (Some(""), ClusterStateRunning as u32),
    ];
    for (name, expected) in cases {
        let wide = name.map(w);
        let mut state = 0xdead;
        // SAFETY: name NULL or NUL-terminated; state writable.
        let rc = unsafe { GetNodeClusterState(wide.as_ref().map_or(null(), |v| v.as_ptr()), &mut state) };
        assert_eq!((rc, state), (ERROR_SUCCESS, expected), "{name:?}");
    }
    let mut state = 0xdead;
    // SAFETY: as above.
    let rc = unsafe { GetNodeClusterState(w("FILESERVER7").as_ptr(), &mut state) };
    assert_eq!((rc, state), (RPC_S_SERVER_UNAVAILABLE, 0xdead));
    // SAFETY: NULL state is detected.
    assert_eq!(unsafe { GetNodeClusterState(null(), null_mut()) }, ERROR_INVALID_PARAMETER);
    let lone = [0xd800u16, 0];
    // SAFETY: NUL-terminated.
    assert_eq!(unsafe { GetNodeClusterState(lone.as_ptr(), &mut state) }, ERROR_INVALID_NAME);
}

#[test]
fn get_node_cluster_state_outside_any_cluster() {
    let sim = Sim::builder().world(World::default()).build();
    let _g = sim.install();
    let mut state = 0xdead;
    // SAFETY: NULL name; state writable.
    assert_eq!(unsafe { GetNodeClusterState(null(), &mut state) }, ERROR_SUCCESS);
    assert_eq!(state, ClusterStateNotInstalled as u32);
    // SAFETY: NULL is allowed.
    assert_eq!(unsafe { OpenCluster(null()) }, 0);
    assert_last_error(RPC_S_SERVER_UNAVAILABLE);
}

// ---- opening and closing every kind -------------------------------------------------------

type Open = unsafe extern "system" fn(HCLUSTER, *const u16) -> isize;
type OpenEx = unsafe extern "system" fn(HCLUSTER, *const u16, u32, *mut u32) -> isize;
type Close = unsafe extern "system" fn(isize) -> i32;

/// Every object kind with a name-based open: (open, open ex, close, a known name, the error
/// for an unknown name).
fn kinds() -> [(&'static str, Open, OpenEx, Close, &'static str, u32); 5] {
    [
        ("node", OpenClusterNode, OpenClusterNodeEx, CloseClusterNode, "NODE2", ERROR_CLUSTER_NODE_NOT_FOUND),
        (
            "group",
            OpenClusterGroup,
            OpenClusterGroupEx,
            CloseClusterGroup,
            "Cluster Group",
            ERROR_GROUP_NOT_FOUND,
        ),
        (
            "resource",
            OpenClusterResource,
            OpenClusterResourceEx,
            CloseClusterResource,
            "Cluster IP Address",
            ERROR_RESOURCE_NOT_FOUND,
        ),
        (
            "network",
            OpenClusterNetwork,
            OpenClusterNetworkEx,
            CloseClusterNetwork,
            "Cluster Network 2",
            ERROR_CLUSTER_NETWORK_NOT_FOUND,
        ),
        (
            "net interface",
            OpenClusterNetInterface,
            OpenClusterNetInterfaceEx,
            CloseClusterNetInterface,
            "NODE2 - Ethernet 2",
            ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
        ),
    ]
}

#[test]
fn open_and_close_every_kind() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    for (kind, open, open_ex, close, name, _) in kinds() {
        // SAFETY: in all calls below, names NUL-terminated, granted writable.
        unsafe {
            let a = open(h, w(name).as_ptr());
            assert_ne!(a, 0, "{kind}");
            assert_eq!(a % 4, 0, "{kind}: handles are multiples of 4");
            let b = open(h, w(&name.to_lowercase()).as_ptr());
            assert_ne!(b, 0, "{kind}: names ignore case");
            assert_ne!(a, b, "{kind}: each open is a new handle");
            let mut granted = 0;
            let c = open_ex(h, w(name).as_ptr(), 0x8000_0000, &mut granted);
            assert_ne!(c, 0, "{kind}");
            assert_eq!(granted, 0x8000_0000, "{kind}");
            let d = open_ex(h, w(name).as_ptr(), 0x1000_0000, null_mut());
            assert_ne!(d, 0, "{kind}: granted access is optional");
            assert_eq!(sim.harness().open_handles().len(), 5, "{kind}");
            for x in [a, b, c, d] {
                assert_eq!(close(x), 1, "{kind}");
                assert_eq!(close(x), 0, "{kind}: closed twice");
                assert_last_error(ERROR_INVALID_HANDLE);
            }
        }
    }
    // SAFETY: NUL-terminated names.
    unsafe {
        let n = OpenClusterNodeById(h, 3);
        assert_ne!(n, 0);
        assert_eq!(GetClusterNodeState(n), ClusterNodeDown);
        assert_eq!(CloseClusterNode(n), 1);
        for id in [0, 4, u32::MAX] {
            assert_eq!(OpenClusterNodeById(h, id), 0, "id {id}");
            assert_last_error(ERROR_CLUSTER_NODE_NOT_FOUND);
        }
        assert_eq!(CloseCluster(h), 1);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn open_rejects_bad_names() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    let lone = [0x41u16, 0xd800, 0x42, 0];
    let unterminated = vec![0x41u16; 32768];
    for (kind, open, open_ex, _, _, not_found) in kinds() {
        // SAFETY: in all calls below, names NULL, NUL-terminated, or 32768 readable units.
        unsafe {
            assert_eq!(open(h, null()), 0, "{kind}");
            assert_last_error(ERROR_INVALID_PARAMETER);
            assert_eq!(open_ex(h, null(), 0, null_mut()), 0, "{kind}");
            assert_last_error(ERROR_INVALID_PARAMETER);
            assert_eq!(open(h, lone.as_ptr()), 0, "{kind}");
            assert_last_error(ERROR_INVALID_NAME);
            assert_eq!(open(h, unterminated.as_ptr()), 0, "{kind}");
            assert_last_error(ERROR_INVALID_PARAMETER);
            for name in ["", "No Such Object", "Cluster Group ", "NODE1.contoso.com"] {
                assert_eq!(open(h, w(name).as_ptr()), 0, "{kind} {name:?}");
                assert_last_error(not_found);
            }
            let mut granted = 0xdead;
            assert_eq!(open_ex(h, w("nope").as_ptr(), 1, &mut granted), 0, "{kind}");
            assert_last_error(not_found);
            assert_eq!(granted, 0xdead, "{kind}: granted access is written only on success");
            // A bad cluster handle.
            for v in forged() {
                assert_eq!(open(v, w("NODE1").as_ptr()), 0, "{kind} {v:#x}");
                assert_last_error(ERROR_INVALID_HANDLE);
            }
        }
    }
    // SAFETY: any value.
    unsafe { CloseCluster(h) };
    assert!(sim.harness().open_handles().is_empty(), "no failed open leaves a handle behind");
}

#[test]
fn groups_open_by_guid_too() {
    let sim = lab();
    let _g = sim.install();
    let guid = sim.harness().inspect(|world| {
        let c = &world.clusters()[0];
        c.groups()[&c.find_group("Available Storage").unwrap()].guid.clone()
    });
    let h = open_local();
    // SAFETY: NUL-terminated; buffers valid.
    unsafe {
        let g = OpenClusterGroup(h, w(&guid.to_uppercase()).as_ptr());
        assert_ne!(g, 0);
        let mut buf = [0u16; 16];
        let mut cch = 16;
        assert_eq!(GetClusterGroupState(g, buf.as_mut_ptr(), &mut cch), ClusterGroupOffline);
        assert_eq!(text(&buf), "NODE2");
        assert_eq!(CloseClusterGroup(g), 1);
        assert_eq!(CloseCluster(h), 1);
    }
}

// ---- GetClusterFrom* ------------------------------------------------------------------------

#[test]
fn get_cluster_from_returns_the_handle_the_object_was_opened_from() {
    let sim = lab();
    let _g = sim.install();
    let first = open_local();
    // SAFETY: in all calls below, names NUL-terminated.
    unsafe {
        let second = OpenCluster(w("NODE1").as_ptr());
        assert_ne!(second, 0);
        for h in [first, second] {
            let node = OpenClusterNode(h, w("NODE1").as_ptr());
            let group = OpenClusterGroup(h, w("Cluster Group").as_ptr());
            let resource = OpenClusterResource(h, w("Cluster Name").as_ptr());
            let network = OpenClusterNetwork(h, w("Cluster Network 1").as_ptr());
            let netif = OpenClusterNetInterface(h, w("NODE2 - Ethernet").as_ptr());
            assert_eq!(GetClusterFromNode(node), h);
            assert_eq!(GetClusterFromGroup(group), h);
            assert_eq!(GetClusterFromResource(resource), h);
            assert_eq!(GetClusterFromNetwork(network), h);
            assert_eq!(GetClusterFromNetInterface(netif), h);
            assert_eq!(CloseClusterNode(node), 1);
            assert_eq!(CloseClusterGroup(group), 1);
            assert_eq!(CloseClusterResource(resource), 1);
            assert_eq!(CloseClusterNetwork(network), 1);
            assert_eq!(CloseClusterNetInterface(netif), 1);
        }
        // The cluster handle is still open: GetClusterFrom* did not hand out new ones.
        assert_eq!(sim.harness().open_handles().len(), 2);
        assert_eq!(CloseCluster(first), 1);
        assert_eq!(CloseCluster(second), 1);
        // Wrong kinds and forged values.
        for v in forged().into_iter().chain([first]) {
            let froms: [unsafe extern "system" fn(isize) -> HCLUSTER; 5] = [
                GetClusterFromNode,
                GetClusterFromGroup,
                GetClusterFromResource,
                GetClusterFromNetwork,
                GetClusterFromNetInterface,
            ];
            for from in froms {
                assert_eq!(from(v), 0, "{v:#x}");
                assert_last_error(ERROR_INVALID_HANDLE);
            }
        }
    }
}

// ---- state getters ------------------------------------------------------------------------

#[test]
fn node_state_and_id() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // SAFETY: in all calls below, names NUL-terminated; buffers hold the counts given.
    unsafe {
        let up = OpenClusterNode(h, w("NODE2").as_ptr());
        let down = OpenClusterNode(h, w("NODE3").as_ptr());
        assert_eq!(GetClusterNodeState(up), ClusterNodeUp);
        assert_eq!(GetClusterNodeState(down), ClusterNodeDown);

        // Exact size: "2" needs 2 units with its NUL.
        let mut buf = [SENTINEL; 4];
        let mut cch = 2;
        assert_eq!(GetClusterNodeId(up, buf.as_mut_ptr(), &mut cch), ERROR_SUCCESS);
        assert_eq!((cch, buf), (1, [u16::from(b'2'), 0, SENTINEL, SENTINEL]));
        // One short.
        let mut buf = [SENTINEL; 4];
        let mut cch = 1;
        SetLastError(0);
        assert_eq!(GetClusterNodeId(up, buf.as_mut_ptr(), &mut cch), ERROR_MORE_DATA);
        assert_eq!((cch, buf), (1, [SENTINEL; 4]));
        assert_eq!(GetLastError(), 0, "DWORD-returning functions leave the last error alone");
        // Zero capacity, and a NULL buffer.
        let mut cch = 0;
        assert_eq!(GetClusterNodeId(up, buf.as_mut_ptr(), &mut cch), ERROR_MORE_DATA);
        assert_eq!((cch, buf), (1, [SENTINEL; 4]));
        let mut cch = 50;
        assert_eq!(GetClusterNodeId(up, null_mut(), &mut cch), ERROR_MORE_DATA);
        assert_eq!(cch, 1);
        // NULL count.
        assert_eq!(GetClusterNodeId(up, buf.as_mut_ptr(), null_mut()), ERROR_INVALID_PARAMETER);
        assert_eq!(buf, [SENTINEL; 4]);
        // Bad handles: the code is returned.
        let mut cch = 4;
        assert_eq!(GetClusterNodeId(0, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        assert_eq!(GetLastError(), 0);

        assert_eq!(CloseClusterNode(up), 1);
        assert_eq!(CloseClusterNode(down), 1);
        assert_eq!(CloseCluster(h), 1);
    }
}

#[test]
fn group_state_with_and_without_the_node_buffer() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // SAFETY: in all calls below, names NUL-terminated; buffers hold at least the counts given.
    unsafe {
        let g = OpenClusterGroup(h, w("Cluster Group").as_ptr());
        // Not wanted: NULL buffer; the state is still returned, and a count beside it gets
        // the length needed (FIDELITY.md: clients size the buffer this way).
        assert_eq!(GetClusterGroupState(g, null_mut(), null_mut()), ClusterGroupOnline);
        let mut cch = 77;
        assert_eq!(GetClusterGroupState(g, null_mut(), &mut cch), ClusterGroupOnline);
        assert_eq!(cch, 5);
        // Exact size: "NODE1" + NUL.
        let mut buf = [SENTINEL; 8];
        let mut cch = 6;
        assert_eq!(GetClusterGroupState(g, buf.as_mut_ptr(), &mut cch), ClusterGroupOnline);
        assert_eq!(cch, 5);
        assert_eq!(text(&buf), "NODE1");
        assert_eq!(buf[6..], [SENTINEL; 2]);
        // One short and zero capacity.
        for capacity in [5, 0] {
            let mut buf = [SENTINEL; 8];
            let mut cch = capacity;
            assert_eq!(GetClusterGroupState(g, buf.as_mut_ptr(), &mut cch), ClusterGroupStateUnknown);
            assert_last_error(ERROR_MORE_DATA);
            assert_eq!((cch, buf), (5, [SENTINEL; 8]), "capacity {capacity}");
        }
        // A buffer without a count.
        let mut buf = [SENTINEL; 8];
        assert_eq!(GetClusterGroupState(g, buf.as_mut_ptr(), null_mut()), ClusterGroupStateUnknown);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_eq!(buf, [SENTINEL; 8]);
        assert_eq!(CloseClusterGroup(g), 1);
        assert_eq!(CloseCluster(h), 1);
    }
}

#[test]
fn resource_state_with_optional_node_and_group_buffers() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // "NODE1" is 5 units, "Cluster Group" 13.
    // SAFETY: in all calls below, names NUL-terminated; buffers hold at least the counts given.
    unsafe {
        let r = OpenClusterResource(h, w("Cluster Name").as_ptr());
        assert_eq!(
            GetClusterResourceState(r, null_mut(), null_mut(), null_mut(), null_mut()),
            ClusterResourceOnline
        );

        let (mut node, mut group) = ([SENTINEL; 16], [SENTINEL; 16]);
        let (mut cn, mut cg) = (6, 14);
        let s = GetClusterResourceState(r, node.as_mut_ptr(), &mut cn, group.as_mut_ptr(), &mut cg);
        assert_eq!((s, cn, cg), (ClusterResourceOnline, 5, 13));
        assert_eq!((text(&node), text(&group)), ("NODE1".into(), "Cluster Group".into()));
        assert_eq!((node[6], group[14]), (SENTINEL, SENTINEL), "nothing past the NUL");

        // Only the node, only the group.
        let mut node = [SENTINEL; 16];
        let mut cn = 16;
        let mut cg = 99;
        let s = GetClusterResourceState(r, node.as_mut_ptr(), &mut cn, null_mut(), &mut cg);
        assert_eq!((s, cn, cg, text(&node)), (ClusterResourceOnline, 5, 13, "NODE1".into()));
        let mut group = [SENTINEL; 16];
        let mut cg = 16;
        let s = GetClusterResourceState(r, null_mut(), null_mut(), group.as_mut_ptr(), &mut cg);
        assert_eq!((s, cg, text(&group)), (ClusterResourceOnline, 13, "Cluster Group".into()));

        // The group name one short: the node name is still written, both lengths reported.
        let (mut node, mut group) = ([SENTINEL; 16], [SENTINEL; 16]);
        let (mut cn, mut cg) = (6, 13);
        let s = GetClusterResourceState(r, node.as_mut_ptr(), &mut cn, group.as_mut_ptr(), &mut cg);
        assert_eq!(s, ClusterResourceStateUnknown);
        assert_last_error(ERROR_MORE_DATA);
        assert_eq!((cn, cg, text(&node), group), (5, 13, "NODE1".into(), [SENTINEL; 16]));

        // Both too small (zero capacity and one short).
        let (mut node, mut group) = ([SENTINEL; 16], [SENTINEL; 16]);
        let (mut cn, mut cg) = (0, 13);
        let s = GetClusterResourceState(r, node.as_mut_ptr(), &mut cn, group.as_mut_ptr(), &mut cg);
        assert_eq!(s, ClusterResourceStateUnknown);
        assert_last_error(ERROR_MORE_DATA);
        assert_eq!((cn, cg, node, group), (5, 13, [SENTINEL; 16], [SENTINEL; 16]));

        // A buffer without a count: rejected before anything is written.
        for with_group_count in [true, false] {
            let (mut node, mut group) = ([SENTINEL; 16], [SENTINEL; 16]);
            let mut cn = 16;
            let mut cg = 16;
            let (nc, gc): (*mut u32, *mut u32) =
                if with_group_count { (null_mut(), &mut cg) } else { (&mut cn, null_mut()) };
            let s = GetClusterResourceState(r, node.as_mut_ptr(), nc, group.as_mut_ptr(), gc);
            assert_eq!(s, ClusterResourceStateUnknown);
            assert_last_error(ERROR_INVALID_PARAMETER);
            assert_eq!((node, group, cn, cg), ([SENTINEL; 16], [SENTINEL; 16], 16, 16));
        }

        let disk = OpenClusterResource(h, w("cluster disk 2").as_ptr());
        let mut node = [0u16; 16];
        let mut cn = 16;
        assert_eq!(
            GetClusterResourceState(disk, node.as_mut_ptr(), &mut cn, null_mut(), null_mut()),
            ClusterResourceOffline
        );
        assert_eq!(text(&node), "NODE2");

        assert_eq!(CloseClusterResource(disk), 1);
        assert_eq!(CloseClusterResource(r), 1);
        assert_eq!(CloseCluster(h), 1);
    }
}

#[test]
fn network_and_net_interface_state_and_names() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // SAFETY: in all calls below, names NUL-terminated; buffers hold at least the counts given.
    unsafe {
        let net1 = OpenClusterNetwork(h, w("Cluster Network 1").as_ptr());
        let net2 = OpenClusterNetwork(h, w("cluster network 2").as_ptr());
        assert_eq!(GetClusterNetworkState(net1), ClusterNetworkUp);
        assert_eq!(GetClusterNetworkState(net2), ClusterNetworkPartitioned);

        let guid = sim.harness().inspect(|world| {
            let c = &world.clusters()[0];
            c.networks()[&c.find_network("Cluster Network 1").unwrap()].guid.clone()
        });
        let len = guid.len() as u32; // 36
        let mut buf = [SENTINEL; 40];
        let mut cch = len + 1;
        assert_eq!(GetClusterNetworkId(net1, buf.as_mut_ptr(), &mut cch), ERROR_SUCCESS);
        assert_eq!((cch, text(&buf)), (len, guid.clone()));
        assert_eq!(buf[37..], [SENTINEL; 3]);
        let mut buf = [SENTINEL; 40];
        let mut cch = len;
        assert_eq!(GetClusterNetworkId(net1, buf.as_mut_ptr(), &mut cch), ERROR_MORE_DATA);
        assert_eq!((cch, buf), (len, [SENTINEL; 40]));
        let mut cch = 0;
        assert_eq!(GetClusterNetworkId(net1, null_mut(), &mut cch), ERROR_MORE_DATA);
        assert_eq!(cch, len);
        assert_eq!(GetClusterNetworkId(net1, buf.as_mut_ptr(), null_mut()), ERROR_INVALID_PARAMETER);
        assert_eq!(GetClusterNetworkId(0, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);

        let up = OpenClusterNetInterface(h, w("NODE1 - Ethernet").as_ptr());
        let unreachable = OpenClusterNetInterface(h, w("node3 - ethernet").as_ptr());
        assert_eq!(GetClusterNetInterfaceState(up), ClusterNetInterfaceUp);
        assert_eq!(GetClusterNetInterfaceState(unreachable), ClusterNetInterfaceUnreachable);

        // GetClusterNetInterface: "NODE2 - Ethernet 2" is 18 units.
        let (node, net) = (w("NODE2"), w("Cluster Network 2"));
        let mut buf = [SENTINEL; 24];
        let mut cch = 19;
        assert_eq!(
            GetClusterNetInterface(h, node.as_ptr(), net.as_ptr(), buf.as_mut_ptr(), &mut cch),
            ERROR_SUCCESS
        );
        assert_eq!((cch, text(&buf)), (18, "NODE2 - Ethernet 2".into()));
        assert_eq!(buf[19..], [SENTINEL; 5]);
        for capacity in [18, 0] {
            let mut buf = [SENTINEL; 24];
            let mut cch = capacity;
            let rc = GetClusterNetInterface(h, node.as_ptr(), net.as_ptr(), buf.as_mut_ptr(), &mut cch);
            assert_eq!((rc, cch, buf), (ERROR_MORE_DATA, 18, [SENTINEL; 24]), "capacity {capacity}");
        }
        let mut cch = 24;
        let cases = [
            (w("NODE9"), w("Cluster Network 1"), ERROR_CLUSTER_NODE_NOT_FOUND),
            (w("NODE1"), w("Cluster Network 9"), ERROR_CLUSTER_NETWORK_NOT_FOUND),
            (w("NODE3"), w("Cluster Network 2"), ERROR_CLUSTER_NETINTERFACE_NOT_FOUND),
        ];
        for (n, net, code) in &cases {
            assert_eq!(
                GetClusterNetInterface(h, n.as_ptr(), net.as_ptr(), buf.as_mut_ptr(), &mut cch),
                *code
            );
        }
        assert_eq!(
            GetClusterNetInterface(h, null(), net.as_ptr(), buf.as_mut_ptr(), &mut cch),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            GetClusterNetInterface(h, node.as_ptr(), null(), buf.as_mut_ptr(), &mut cch),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            GetClusterNetInterface(h, node.as_ptr(), net.as_ptr(), buf.as_mut_ptr(), null_mut()),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            GetClusterNetInterface(net1, node.as_ptr(), net.as_ptr(), buf.as_mut_ptr(), &mut cch),
            ERROR_INVALID_HANDLE
        );

        for x in [up, unreachable] {
            assert_eq!(CloseClusterNetInterface(x), 1);
        }
        for x in [net1, net2] {
            assert_eq!(CloseClusterNetwork(x), 1);
        }
        assert_eq!(CloseCluster(h), 1);
    }
    assert!(sim.harness().open_handles().is_empty());
}

// ---- bad handles -----------------------------------------------------------------------------

#[test]
fn wrong_kind_handles_are_invalid() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // SAFETY: in all calls below, names NUL-terminated; buffers NULL.
    unsafe {
        let group = OpenClusterGroup(h, w("Cluster Group").as_ptr());
        let node = OpenClusterNode(h, w("NODE1").as_ptr());
        assert_eq!(CloseClusterNode(group), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterResourceState(group, null_mut(), null_mut(), null_mut(), null_mut()), -1);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterGroupState(node, null_mut(), null_mut()), -1);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterNodeState(h), -1);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterGroup(h), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterNetworkState(node), -1);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterNetInterface(group), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(OpenClusterGroup(group, w("Cluster Group").as_ptr()), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        // The handles misused are still fine.
        assert_eq!(GetClusterGroupState(group, null_mut(), null_mut()), ClusterGroupOnline);
        assert_eq!(GetClusterNodeState(node), ClusterNodeUp);
        assert_eq!(CloseClusterGroup(group), 1);
        assert_eq!(CloseClusterNode(node), 1);
        assert_eq!(CloseCluster(h), 1);
    }
}

#[test]
fn stale_handles_stay_invalid_after_their_slot_is_reused() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    // SAFETY: in all calls below, names NUL-terminated; buffers NULL.
    unsafe {
        let old = OpenClusterGroup(h, w("Cluster Group").as_ptr());
        assert_eq!(CloseClusterGroup(old), 1);
        let new = OpenClusterGroup(h, w("Available Storage").as_ptr());
        assert_ne!(new, 0);
        assert_ne!(old, new, "a reused slot gets a new value");
        assert_eq!(GetClusterGroupState(old, null_mut(), null_mut()), ClusterGroupStateUnknown);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterGroup(old), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterGroupState(new, null_mut(), null_mut()), ClusterGroupOffline);

        let old_res = OpenClusterResource(h, w("Cluster Name").as_ptr());
        assert_eq!(CloseClusterResource(old_res), 1);
        let new_res = OpenClusterResource(h, w("Cluster Name").as_ptr());
        assert_ne!(old_res, new_res);
        assert_eq!(GetClusterResourceState(old_res, null_mut(), null_mut(), null_mut(), null_mut()), -1);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterResource(new_res), 1);
        assert_eq!(CloseClusterGroup(new), 1);
        assert_eq!(CloseCluster(h), 1);
    }
}

#[test]
fn forged_values_get_each_functions_failure_value() {
    let sim = lab();
    let _g = sim.install();
    let h = open_local();
    let before = sim.harness().open_handles();
    for v in forged() {
        // SAFETY: in all calls below, any handle value; buffers valid or NULL.
        unsafe {
            for close in [
                CloseClusterNode,
                CloseClusterGroup,
                CloseClusterResource,
                CloseClusterNetwork,
                CloseClusterNetInterface,
            ] {
                assert_eq!(close(v), 0, "{v:#x}");
                assert_last_error(ERROR_INVALID_HANDLE);
            }
            assert_eq!(GetClusterNodeState(v), -1);
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(GetClusterGroupState(v, null_mut(), null_mut()), -1);
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(GetClusterResourceState(v, null_mut(), null_mut(), null_mut(), null_mut()), -1);
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(GetClusterNetworkState(v), -1);
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(GetClusterNetInterfaceState(v), -1);
            assert_last_error(ERROR_INVALID_HANDLE);
            let mut buf = [0u16; 8];
            let mut cch = 8;
            assert_eq!(GetClusterNodeId(v, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
            assert_eq!(GetClusterNetworkId(v, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
            assert_eq!(OpenClusterNodeById(v, 1), 0);
            assert_last_error(ERROR_INVALID_HANDLE);
        }
    }
    assert_eq!(sim.harness().open_handles(), before, "nothing opened or closed");
    // SAFETY: any value.
    unsafe { CloseCluster(h) };
}

// ---- last error ------------------------------------------------------------------------------

#[test]
fn last_error_round_trips_and_survives_success() {
    let sim = lab();
    let _g = sim.install();
    // SAFETY: in all calls below, no pointers, or NUL-terminated names.
    unsafe {
        SetLastError(4242);
        assert_eq!(GetLastError(), 4242);
        let h = OpenCluster(null());
        assert_ne!(h, 0);
        assert_eq!(GetLastError(), 4242, "a successful call does not reset it");
        assert_eq!(OpenClusterGroup(h, w("nope").as_ptr()), 0);
        assert_eq!(GetLastError(), ERROR_GROUP_NOT_FOUND);
        let g = OpenClusterGroup(h, w("Cluster Group").as_ptr());
        assert_eq!(GetLastError(), ERROR_GROUP_NOT_FOUND, "still the last failure");
        SetLastError(0);
        assert_eq!(GetLastError(), 0);
        assert_eq!(CloseClusterGroup(g), 1);
        assert_eq!(CloseCluster(h), 1);
        // Each thread has its own.
        SetLastError(7);
        std::thread::spawn(|| assert_eq!(GetLastError(), 0)).join().unwrap();
        assert_eq!(GetLastError(), 7);
    }
}
