//! The control functions of the Rust API (`Sim::resource_control` and its siblings): each
//! simulated code's reply bytes, codes of another object kind, bad handles, the error order,
//! and the trace. Runs on the embedded default cluster (`src/fixture/default.toml`).

use clusapi_sim::property::PropertyList;
use clusapi_sim::{Face, Handle, NodeHandle, Sim, codes};

const ERROR_INVALID_FUNCTION: u32 = codes::ERROR_INVALID_FUNCTION;
const ERROR_INVALID_HANDLE: u32 = codes::ERROR_INVALID_HANDLE;

/// `CLCTL_*` function parts; a code is `(object << 24) | function`.
const UNKNOWN: u32 = 0x0;
const GET_CHARACTERISTICS: u32 = 0x5;
const GET_FLAGS: u32 = 0x9;
const GET_CLASS_INFO: u32 = 0xD;
const GET_NAME: u32 = 0x29;
const GET_RESOURCE_TYPE: u32 = 0x2D;
const GET_ID: u32 = 0x39;
const GET_FQDN: u32 = 0x3D;
const GET_COMMON_PROPERTIES: u32 = 0x59;

/// `CLUS_OBJECT_*`.
const RESOURCE: u32 = 1;
const RESOURCE_TYPE: u32 = 2;
const GROUP: u32 = 3;
const NODE: u32 = 4;
const NETWORK: u32 = 5;
const NETINTERFACE: u32 = 6;
const CLUSTER: u32 = 7;
const OBJECTS: [u32; 7] = [RESOURCE, RESOURCE_TYPE, GROUP, NODE, NETWORK, NETINTERFACE, CLUSTER];

/// One control call with the handles bound: the code in, the reply out.
type Control<'a> = &'a dyn Fn(u32) -> clusapi_sim::Result<Vec<u8>>;

fn code(object: u32, function: u32) -> u32 {
    (object << 24) | function
}

fn wide(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_ne_bytes).collect()
}

fn dword(v: u32) -> Vec<u8> {
    v.to_ne_bytes().to_vec()
}

fn class_info(class: u32, subclass: u32) -> Vec<u8> {
    [class, subclass].iter().flat_map(|v| v.to_ne_bytes()).collect()
}

fn err<T: std::fmt::Debug>(r: clusapi_sim::Result<T>) -> u32 {
    r.expect_err("should fail").code()
}

/// Every code of `object`'s kind the simulator answers, and a sample of others it does not.
fn functions() -> [u32; 10] {
    [
        UNKNOWN,
        GET_CHARACTERISTICS,
        GET_FLAGS,
        GET_CLASS_INFO,
        GET_NAME,
        GET_RESOURCE_TYPE,
        GET_ID,
        GET_FQDN,
        GET_COMMON_PROPERTIES,
        0xFFC,
    ]
}

#[test]
fn resource_codes_reply_with_the_resources_identity() {
    let sim = Sim::default();
    let world = sim.harness().world();
    let c = &world.clusters()[world.local()];
    let hc = sim.open_cluster(None).unwrap();
    for r in c.resources().values() {
        let h = sim.open_resource(hc, &r.name).unwrap();
        let rt = c.resource_type(&r.resource_type).unwrap();
        let subclass = if rt.class == 1 || rt.class == 2 { 0x8000_0000 } else { 0 };
        let ctl = |f| sim.resource_control(h, None, code(RESOURCE, f), &[]);
        assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
        assert_eq!(ctl(GET_CHARACTERISTICS).unwrap(), dword(rt.characteristics), "{}", r.name);
        assert_eq!(ctl(GET_FLAGS).unwrap(), dword(u32::from(r.core)), "{}", r.name);
        assert_eq!(ctl(GET_CLASS_INFO).unwrap(), class_info(rt.class, subclass), "{}", r.name);
        assert_eq!(ctl(GET_NAME).unwrap(), wide(&r.name));
        assert_eq!(ctl(GET_RESOURCE_TYPE).unwrap(), wide(&r.resource_type));
        assert_eq!(ctl(GET_ID).unwrap(), wide(&r.guid));
        for f in [GET_FQDN, 0xFFC] {
            assert_eq!(err(ctl(f)), ERROR_INVALID_FUNCTION, "{f:#x}");
        }
        let common = PropertyList::decode(&ctl(GET_COMMON_PROPERTIES).unwrap()).unwrap();
        assert!(common.get("RestartAction").is_some(), "{}", r.name);
        sim.close_resource(h).unwrap();
    }
    assert!(sim.close_cluster(hc));
}

#[test]
fn resource_type_codes_reply_with_the_types_class_and_characteristics() {
    let sim = Sim::default();
    let world = sim.harness().world();
    let c = &world.clusters()[world.local()];
    let hc = sim.open_cluster(None).unwrap();
    for rt in c.resource_types() {
        let subclass = if rt.class == 1 || rt.class == 2 { 0x8000_0000 } else { 0 };
        for name in [rt.name.clone(), rt.name.to_lowercase()] {
            let ctl = |f| sim.resource_type_control(hc, &name, None, code(RESOURCE_TYPE, f), &[]);
            assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
            assert_eq!(ctl(GET_CHARACTERISTICS).unwrap(), dword(rt.characteristics), "{name}");
            assert_eq!(ctl(GET_FLAGS).unwrap(), dword(0));
            assert_eq!(ctl(GET_CLASS_INFO).unwrap(), class_info(rt.class, subclass), "{name}");
            for f in [GET_NAME, GET_ID, GET_RESOURCE_TYPE, 0xFFC] {
                assert_eq!(err(ctl(f)), ERROR_INVALID_FUNCTION, "{f:#x}");
            }
        }
    }
    let missing = sim.resource_type_control(hc, "No Such Type", None, code(RESOURCE_TYPE, UNKNOWN), &[]);
    assert_eq!(err(missing), codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    assert!(sim.close_cluster(hc));
}

#[test]
fn group_node_network_net_interface_and_cluster_codes() {
    let sim = Sim::default();
    let world = sim.harness().world();
    let c = &world.clusters()[world.local()];
    let hc = sim.open_cluster(None).unwrap();
    for g in c.groups().values() {
        let h = sim.open_group(hc, &g.name).unwrap();
        let ctl = |f| sim.group_control(h, None, code(GROUP, f), &[]);
        assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
        assert_eq!(ctl(GET_CHARACTERISTICS).unwrap(), dword(0));
        assert_eq!(ctl(GET_FLAGS).unwrap(), dword(u32::from(g.core)), "{}", g.name);
        assert_eq!(ctl(GET_NAME).unwrap(), wide(&g.name));
        assert_eq!(ctl(GET_ID).unwrap(), wide(&g.guid));
        for f in [GET_CLASS_INFO, GET_RESOURCE_TYPE, GET_FQDN] {
            assert_eq!(err(ctl(f)), ERROR_INVALID_FUNCTION, "{f:#x}");
        }
        sim.close_group(h).unwrap();
    }
    for n in c.nodes() {
        let h = sim.open_node(hc, &n.name).unwrap();
        let ctl = |f| sim.node_control(h, None, code(NODE, f), &[]);
        assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
        assert_eq!(ctl(GET_CHARACTERISTICS).unwrap(), dword(0));
        assert_eq!(ctl(GET_FLAGS).unwrap(), dword(0));
        assert_eq!(ctl(GET_NAME).unwrap(), wide(&n.name));
        assert_eq!(ctl(GET_ID).unwrap(), wide(&n.id.to_string()));
        assert_eq!(ctl(GET_ID).unwrap(), wide(&sim.node_id(h).unwrap()), "as GetClusterNodeId");
        assert_eq!(err(ctl(GET_CLASS_INFO)), ERROR_INVALID_FUNCTION);
        sim.close_node(h).unwrap();
    }
    for n in c.networks().values() {
        let h = sim.open_network(hc, &n.name).unwrap();
        let ctl = |f| sim.network_control(h, None, code(NETWORK, f), &[]);
        assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
        assert_eq!(ctl(GET_CHARACTERISTICS).unwrap(), dword(0));
        assert_eq!(ctl(GET_FLAGS).unwrap(), dword(0));
        assert_eq!(ctl(GET_NAME).unwrap(), wide(&n.name));
        assert_eq!(ctl(GET_ID).unwrap(), wide(&n.guid));
        for f in [GET_CLASS_INFO, GET_RESOURCE_TYPE, GET_FQDN] {
            assert_eq!(err(ctl(f)), ERROR_INVALID_FUNCTION, "{f:#x}");
        }
        let common = PropertyList::decode(&ctl(GET_COMMON_PROPERTIES).unwrap()).unwrap();
        assert_eq!(common.get("Metric").and_then(|v| v.as_dword()), Some(100));
        sim.close_network(h).unwrap();
    }
    assert!(!c.net_interfaces().is_empty());
    for ni in c.net_interfaces().values() {
        let h = sim.open_net_interface(hc, &ni.name).unwrap();
        let ctl = |f| sim.net_interface_control(h, None, code(NETINTERFACE, f), &[]);
        assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
        assert_eq!(ctl(GET_CHARACTERISTICS).unwrap(), dword(0));
        assert_eq!(ctl(GET_FLAGS).unwrap(), dword(0));
        assert_eq!(ctl(GET_NAME).unwrap(), wide(&ni.name));
        assert_eq!(ctl(GET_ID).unwrap(), wide(&ni.guid));
        for f in [GET_CLASS_INFO, GET_RESOURCE_TYPE, GET_FQDN, 0x31, 0x35] {
            assert_eq!(err(ctl(f)), ERROR_INVALID_FUNCTION, "{f:#x}");
        }
        sim.close_net_interface(h).unwrap();
    }
    let ctl = |f| sim.cluster_control(hc, None, code(CLUSTER, f), &[]);
    assert_eq!(ctl(UNKNOWN).unwrap(), Vec::<u8>::new());
    assert_eq!(ctl(GET_FQDN).unwrap(), wide(c.fqdn()));
    for f in [GET_CHARACTERISTICS, GET_FLAGS, GET_NAME, GET_ID] {
        assert_eq!(err(ctl(f)), ERROR_INVALID_FUNCTION, "{f:#x}");
    }
    assert!(sim.harness().open_handles().len() == 1, "only the cluster handle is left");
    assert!(sim.close_cluster(hc));
}

#[test]
fn another_object_kinds_code_is_an_invalid_function() {
    let sim = Sim::default();
    let hc = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(hc, "Cluster Name").unwrap();
    let g = sim.open_group(hc, "Cluster Group").unwrap();
    let n = sim.open_node(hc, "NODE1").unwrap();
    let net = sim.open_network(hc, "Cluster Network 1").unwrap();
    let ni = sim.open_net_interface(hc, "NODE1 - Ethernet").unwrap();
    let calls: [(u32, Control); 7] = [
        (RESOURCE, &|c| sim.resource_control(r, None, c, &[])),
        (RESOURCE_TYPE, &|c| sim.resource_type_control(hc, "Physical Disk", None, c, &[])),
        (GROUP, &|c| sim.group_control(g, None, c, &[])),
        (NODE, &|c| sim.node_control(n, None, c, &[])),
        (NETWORK, &|c| sim.network_control(net, None, c, &[])),
        (NETINTERFACE, &|c| sim.net_interface_control(ni, None, c, &[])),
        (CLUSTER, &|c| sim.cluster_control(hc, None, c, &[])),
    ];
    for (own, call) in calls {
        assert!(call(code(own, UNKNOWN)).is_ok(), "object {own}");
        for other in OBJECTS.into_iter().chain([0, 8, 0x80]).filter(|&o| o != own) {
            for f in functions() {
                assert_eq!(
                    err(call(code(other, f))),
                    ERROR_INVALID_FUNCTION,
                    "object {own}, code {:#x}",
                    code(other, f)
                );
            }
        }
    }
}

#[test]
fn bad_object_and_host_handles_are_invalid_handles_checked_first() {
    let sim = Sim::default();
    let other = Sim::default();
    let hc = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(hc, "Cluster Name").unwrap();
    let g = sim.open_group(hc, "Cluster Group").unwrap();
    let n = sim.open_node(hc, "NODE2").unwrap();
    let net = sim.open_network(hc, "Cluster Network 1").unwrap();
    let ni = sim.open_net_interface(hc, "NODE1 - Ethernet").unwrap();
    let stale_node = sim.open_node(hc, "NODE3").unwrap();
    sim.close_node(stale_node).unwrap();
    let foreign_cluster = other.open_cluster(None).unwrap();
    let foreign_node = other.open_node(foreign_cluster, "NODE1").unwrap();

    // A bad object handle: 6, even with a bad code (the handle is checked before the code).
    for bad in [0isize, -1, 0x1234, g.raw(), n.raw()] {
        let bad_code = 0xFFFF_FFFF;
        assert_eq!(
            err(sim.resource_control(Handle::from_raw(bad), None, bad_code, &[])),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(
            err(sim.network_control(Handle::from_raw(bad), None, bad_code, &[])),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(
            err(sim.net_interface_control(Handle::from_raw(bad), None, bad_code, &[])),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(
            err(sim.cluster_control(Handle::from_raw(bad), None, bad_code, &[])),
            ERROR_INVALID_HANDLE
        );
        let rt = sim.resource_type_control(Handle::from_raw(bad), "No Such Type", None, bad_code, &[]);
        assert_eq!(err(rt), ERROR_INVALID_HANDLE, "the cluster handle comes before the type name");
    }
    for bad in [0isize, -1, 0x1234, r.raw()] {
        assert_eq!(
            err(sim.group_control(Handle::from_raw(bad), None, 0xFFFF_FFFF, &[])),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(
            err(sim.node_control(Handle::from_raw(bad), None, 0xFFFF_FFFF, &[])),
            ERROR_INVALID_HANDLE
        );
    }
    assert_eq!(err(sim.node_control(stale_node, None, code(NODE, UNKNOWN), &[])), ERROR_INVALID_HANDLE);
    assert_eq!(err(sim.resource_control(Handle::from_raw(r.raw()), None, 0, &[])), ERROR_INVALID_FUNCTION);

    // Host nodes: a live node of this simulator is accepted; stale, forged, wrong-kind and
    // another simulator's are 6, checked before the code.
    let bad_hosts: Vec<NodeHandle> =
        [stale_node.raw(), 0x1234, -1, g.raw(), hc.raw(), r.raw(), foreign_node.raw()]
            .into_iter()
            .map(NodeHandle::from_raw)
            .collect();
    assert!(sim.resource_control(r, Some(n), code(RESOURCE, GET_NAME), &[]).is_ok());
    for host in bad_hosts {
        let bad_code = 0xFFFF_FFFF;
        assert_eq!(err(sim.resource_control(r, Some(host), bad_code, &[])), ERROR_INVALID_HANDLE, "{host:?}");
        assert_eq!(err(sim.group_control(g, Some(host), bad_code, &[])), ERROR_INVALID_HANDLE);
        assert_eq!(err(sim.node_control(n, Some(host), bad_code, &[])), ERROR_INVALID_HANDLE);
        assert_eq!(err(sim.network_control(net, Some(host), bad_code, &[])), ERROR_INVALID_HANDLE);
        assert_eq!(err(sim.net_interface_control(ni, Some(host), bad_code, &[])), ERROR_INVALID_HANDLE);
        assert_eq!(err(sim.cluster_control(hc, Some(host), bad_code, &[])), ERROR_INVALID_HANDLE);
        let rt = sim.resource_type_control(hc, "Physical Disk", Some(host), bad_code, &[]);
        assert_eq!(err(rt), ERROR_INVALID_HANDLE);
        // The type name is checked before the host node.
        let rt = sim.resource_type_control(hc, "No Such Type", Some(host), bad_code, &[]);
        assert_eq!(err(rt), codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    }

    // After CloseCluster every derived handle is invalid, as object and as host.
    assert!(sim.close_cluster(hc));
    assert_eq!(err(sim.resource_control(r, None, code(RESOURCE, UNKNOWN), &[])), ERROR_INVALID_HANDLE);
    assert_eq!(err(sim.network_control(net, None, code(NETWORK, UNKNOWN), &[])), ERROR_INVALID_HANDLE);
    assert!(other.close_cluster(foreign_cluster));
}

#[test]
fn control_calls_are_traced_under_the_functions_name() {
    let sim = Sim::default();
    let hc = sim.open_cluster(None).unwrap();
    let net = sim.open_network(hc, "Cluster Network 1").unwrap();
    sim.network_control(net, None, code(NETWORK, GET_NAME), &[]).unwrap();
    let _ = sim.network_control(net, None, code(NODE, GET_NAME), &[]);
    let entries: Vec<_> =
        sim.harness().trace().into_iter().filter(|e| e.function == "ClusterNetworkControl").collect();
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|e| e.face == Face::Rust));
    assert_eq!((entries[0].result, entries[1].result), (0, ERROR_INVALID_FUNCTION));
    assert!(sim.close_cluster(hc));
}
