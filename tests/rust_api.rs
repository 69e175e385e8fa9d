//! The Rust API's behaviour: handles (H1-H8), names, enumerations, state getters and bad input,
//! on a small cluster built in code so that the expectations are visible here.

use clusapi_sim::enumeration::mask::*;
use clusapi_sim::world::{ClusterBuilder, NodeState, ResourceState, ResourceType, World};
use clusapi_sim::{
    ClusterHandle, Error, GroupHandle, GroupState, GroupStatus, Handle, Kind, NodeClusterState, NodeHandle,
    Origin, ResourceHandle, Sim, Violation, codes,
};

fn resource_type(name: &str, class: u32) -> ResourceType {
    ResourceType::new(name, "clusres.dll", class, 0)
}

/// Two clusters: LAB (local; nodes LAB-N1, LAB-N2 (down); group "Web" on LAB-N1 with
/// "Web IP" <- "Web Name", both online; empty group "Spare"; a network) and OTHER (one node).
fn lab_world() -> World {
    let mut c = ClusterBuilder::new("LAB", "lab.example.com", 1);
    let n1 = c.add_node("LAB-N1", None, NodeState::Up).unwrap();
    let n2 = c.add_node("LAB-N2", None, NodeState::Down).unwrap();
    c.add_resource_type(resource_type("IP Address", 2)).unwrap();
    c.add_resource_type(resource_type("Network Name", 2)).unwrap();
    let web = c.add_group("Web", n1).unwrap();
    c.set_group_policy(web, false, 9999, false, &[n1, n2]).unwrap();
    let ip = c.add_resource(web, "Web IP", "IP Address").unwrap();
    let name = c.add_resource(web, "Web Name", "Network Name").unwrap();
    c.add_dependency(name, ip).unwrap();
    for r in [ip, name] {
        c.set_resource_state(r, ResourceState::Online).unwrap();
        c.set_resource_policy(r, true, false, &[n1, n2]).unwrap();
    }
    c.add_group("Spare", n2).unwrap();
    let net = c.add_network("Cluster Network 1", "10.0.0.0", "255.255.255.0").unwrap();
    c.add_net_interface(n1, net, "Ethernet", "10.0.0.11").unwrap();

    let mut other = ClusterBuilder::new("OTHER", "other.example.com", 2);
    other.add_node("OTHER-N1", None, NodeState::Up).unwrap();
    World::new(vec![c.build(), other.build()], 0).unwrap()
}

fn lab() -> Sim {
    Sim::builder().world(lab_world()).build()
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> u32 {
    r.expect_err("the call should fail").code()
}

#[test]
fn open_cluster_finds_clusters_by_name_fqdn_or_node_ignoring_case() {
    let sim = lab();
    for name in [None, Some(""), Some("lab"), Some("LAB.EXAMPLE.COM"), Some("lab-n2")] {
        let c = sim.open_cluster(name).unwrap();
        assert_eq!(sim.cluster_information(c).unwrap().name, "LAB", "{name:?}");
        sim.close_cluster(c);
    }
    let other = sim.open_cluster(Some("other-n1")).unwrap();
    assert_eq!(sim.cluster_information(other).unwrap().name, "OTHER");
    assert_eq!(code(sim.open_cluster(Some("NOWHERE"))), codes::RPC_S_SERVER_UNAVAILABLE);
}

#[test]
fn unknown_and_empty_names_get_their_not_found_codes() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    for name in ["No Such Thing", ""] {
        assert_eq!(code(sim.open_group(c, name)), codes::ERROR_GROUP_NOT_FOUND);
        assert_eq!(code(sim.open_resource(c, name)), codes::ERROR_RESOURCE_NOT_FOUND);
        assert_eq!(code(sim.open_node(c, name)), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
        assert_eq!(code(sim.open_network(c, name)), codes::ERROR_CLUSTER_NETWORK_NOT_FOUND);
        assert_eq!(code(sim.open_net_interface(c, name)), codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND);
    }
    assert_eq!(code(sim.open_node_by_id(c, 99)), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
    // A DNS name is not a NetBIOS name (OpenClusterNode page).
    assert_eq!(code(sim.open_node(c, "LAB-N1.lab.example.com")), codes::ERROR_CLUSTER_NODE_NOT_FOUND);
    assert_eq!(sim.harness().open_handles().len(), 1, "failed opens leave nothing behind");
}

#[test]
fn groups_open_by_name_or_guid_and_nodes_by_id() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let guid = sim.harness().inspect(|w| w.clusters()[0].groups().values().next().unwrap().guid.clone());
    let by_name = sim.open_group(c, "WEB").unwrap();
    let by_id = sim.open_group(c, &guid.to_uppercase()).unwrap();
    assert_ne!(by_name, by_id, "each open is a new handle");
    assert_eq!(sim.harness().group(by_id).unwrap().name, "Web");
    let n = sim.open_node_by_id(c, 2).unwrap();
    assert_eq!(sim.harness().node(n).unwrap().name, "LAB-N2");
    assert_eq!(sim.node_id(n).unwrap(), "2");
    assert_eq!(sim.node_state(n).unwrap(), NodeState::Down);
}

#[test]
fn state_getters_report_state_owner_and_group() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let web = sim.open_group(c, "Web").unwrap();
    assert_eq!(
        sim.group_state(web).unwrap(),
        GroupStatus { state: GroupState::Online, owner_node: "LAB-N1".into() }
    );
    let spare = sim.open_group(c, "Spare").unwrap();
    assert_eq!(
        sim.group_state(spare).unwrap(),
        GroupStatus { state: GroupState::Offline, owner_node: "LAB-N2".into() },
        "empty group"
    );
    let r = sim.open_resource(c, "web name").unwrap();
    let status = sim.resource_state(r).unwrap();
    assert_eq!(
        (status.state, status.owner_node.as_str(), status.group.as_str()),
        (ResourceState::Online, "LAB-N1", "Web")
    );
    assert_eq!(sim.harness().resource(r).unwrap().resource_type, "Network Name");
    const CLUSCTL_RESOURCE_GET_CLASS_INFO: u32 = 0x0100_000D;
    let class = sim.resource_control(r, None, CLUSCTL_RESOURCE_GET_CLASS_INFO, &[]).unwrap();
    assert_eq!(class[..4], 2u32.to_ne_bytes(), "CLUS_RESCLASS_NETWORK");
}

#[test]
fn cluster_enumeration_is_a_snapshot_grouped_by_type() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let e = sim.cluster_open_enum(c, CLUSTER_ENUM_ALL).unwrap();
    let items = sim.enum_items(e).unwrap();
    let types: Vec<u32> = items.iter().map(|i| i.object_type).collect();
    assert_eq!(
        types,
        [1, 1, 2, 2, 4, 4, 8, 8, 0x10, 0x20],
        "nodes, types, resources, groups, networks, interfaces"
    );
    assert_eq!(sim.enum_count(e).unwrap(), 10);
    assert_eq!(sim.enum_item(e, 6).unwrap().name, "Web");
    assert_eq!(code(sim.enum_item(e, 10)), codes::ERROR_NO_MORE_ITEMS);
    assert_eq!(items[9].name, "LAB-N1 - Ethernet");
    sim.close_enum(e).unwrap();
    assert_eq!(code(sim.enum_count(e)), codes::ERROR_INVALID_HANDLE);
}

#[test]
fn invalid_cluster_enum_masks_are_invalid_parameter() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    // Samba's torture test sees Windows reject these.
    for mask in
        [0x40, 0x80, 0x100, CLUSTER_ENUM_SHARED_VOLUME_RESOURCE | 1, CLUSTER_ENUM_INTERNAL_NETWORK | 8]
    {
        assert_eq!(code(sim.cluster_open_enum(c, mask)), codes::ERROR_INVALID_PARAMETER, "{mask:#x}");
    }
    assert_eq!(sim.harness().open_handles().len(), 1);
    // ... while the group enumeration accepts unknown bits (Samba torture).
    let g = sim.open_group(c, "Web").unwrap();
    let e = sim.group_open_enum(g, 0x40 | CLUSTER_GROUP_ENUM_CONTAINS).unwrap();
    assert_eq!(sim.enum_count(e).unwrap(), 2);
}

#[test]
fn per_object_enumerations_list_the_documented_relations() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let names = |items: Vec<clusapi_sim::EnumItem>| {
        items.into_iter().map(|i| (i.object_type, i.name)).collect::<Vec<_>>()
    };
    let g = sim.open_group(c, "Web").unwrap();
    let e = sim.group_open_enum(g, CLUSTER_GROUP_ENUM_CONTAINS | CLUSTER_GROUP_ENUM_NODES).unwrap();
    assert_eq!(
        names(sim.enum_items(e).unwrap()),
        [(1, "Web IP".into()), (1, "Web Name".into()), (2, "LAB-N1".into()), (2, "LAB-N2".into())]
    );
    let r = sim.open_resource(c, "Web Name").unwrap();
    let e = sim.resource_open_enum(r, CLUSTER_RESOURCE_ENUM_DEPENDS).unwrap();
    assert_eq!(names(sim.enum_items(e).unwrap()), [(1, "Web IP".into())]);
    let ip = sim.open_resource(c, "Web IP").unwrap();
    let e = sim.resource_open_enum(ip, CLUSTER_RESOURCE_ENUM_PROVIDES).unwrap();
    assert_eq!(names(sim.enum_items(e).unwrap()), [(2, "Web Name".into())]);
    assert_eq!(code(sim.resource_open_enum(ip, 8)), codes::ERROR_INVALID_PARAMETER);
    let n = sim.open_node(c, "LAB-N2").unwrap();
    let e = sim.node_open_enum(n, CLUSTER_NODE_ENUM_GROUPS | CLUSTER_NODE_ENUM_PREFERRED_GROUPS).unwrap();
    assert_eq!(names(sim.enum_items(e).unwrap()), [(2, "Spare".into()), (4, "Web".into())]);
    let e = sim.resource_type_open_enum(c, "ip address", CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES).unwrap();
    assert_eq!(names(sim.enum_items(e).unwrap()), [(2, "Web IP".into())]);
    assert_eq!(code(sim.resource_type_open_enum(c, "Nope", 3)), codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    // Undefined resource-type bits are accepted for an installed type and select nothing
    // (Samba's test_CreateResTypeEnum against Windows); an unknown type fails whatever the bits.
    for mask in [0x40, 0x80, 0x100] {
        let e = sim.resource_type_open_enum(c, "IP Address", mask).unwrap();
        assert_eq!(sim.enum_count(e).unwrap(), 0, "{mask:#x}");
        let e = sim
            .resource_type_open_enum(c, "ip address", mask | CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES)
            .unwrap();
        assert_eq!(names(sim.enum_items(e).unwrap()), [(2, "Web IP".into())]);
        assert_eq!(
            code(sim.resource_type_open_enum(c, "Nope", mask)),
            codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
        );
    }
}

#[test]
fn close_cluster_always_returns_true_and_invalidates_descendants_only() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let keep = sim.open_cluster(None).unwrap();
    let kept_group = sim.open_group(keep, "Web").unwrap();
    let g = sim.open_group(c, "Web").unwrap();
    let ge = sim.group_open_enum(g, 3).unwrap();
    let n = sim.open_node(c, "LAB-N1").unwrap();
    let ce = sim.cluster_open_enum(c, CLUSTER_ENUM_NODE).unwrap();
    sim.close_group(g).unwrap(); // the enumeration derived from it stays open...
    assert!(sim.close_cluster(c)); // ...until its cluster handle is closed
    assert_eq!(code(sim.enum_count(ge)), codes::ERROR_INVALID_HANDLE);
    assert_eq!(code(sim.node_state(n)), codes::ERROR_INVALID_HANDLE);
    assert_eq!(code(sim.enum_count(ce)), codes::ERROR_INVALID_HANDLE);
    assert_eq!(code(sim.cluster_information(c)), codes::ERROR_INVALID_HANDLE);
    assert_eq!(
        sim.group_state(kept_group).unwrap().state,
        GroupState::Online,
        "other cluster handles live on"
    );
    for garbage in [0, -1, 3, c.raw(), kept_group.raw(), 0x1234_5678] {
        assert!(sim.close_cluster(ClusterHandle::from_raw(garbage)), "{garbage:#x}");
    }
    assert_eq!(
        sim.group_state(kept_group).unwrap().state,
        GroupState::Online,
        "a wrong-kind value closed nothing"
    );
    assert_eq!(sim.harness().open_handles().len(), 2);
}

#[test]
fn other_closes_close_only_their_own_handle_once() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let g1 = sim.open_group(c, "Web").unwrap();
    let g2 = sim.open_group(c, "Web").unwrap();
    sim.close_group(g1).unwrap();
    assert_eq!(code(sim.close_group(g1)), codes::ERROR_INVALID_HANDLE, "double close");
    assert_eq!(sim.group_state(g2).unwrap().state, GroupState::Online);
    assert!(sim.cluster_information(c).is_ok());
}

#[test]
fn wrong_kind_stale_forged_and_foreign_handles_are_invalid() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let n = sim.open_node(c, "LAB-N1").unwrap();
    assert_eq!(code(sim.group_state(GroupHandle::from_raw(n.raw()))), codes::ERROR_INVALID_HANDLE);
    assert_eq!(code(sim.close_resource(ResourceHandle::from_raw(n.raw()))), codes::ERROR_INVALID_HANDLE);
    assert_eq!(sim.node_state(n).unwrap(), NodeState::Up, "a rejected close closed nothing");

    sim.close_node(n).unwrap();
    let reused = sim.open_node(c, "LAB-N2").unwrap(); // slab reuses the slot at once
    assert_ne!(reused, n);
    assert_eq!(code(sim.node_state(n)), codes::ERROR_INVALID_HANDLE, "stale after reuse");

    for forged in [0, -1, 1, 2, 6, isize::MAX, isize::MIN, reused.raw() + 4, reused.raw() ^ (1 << 40)] {
        assert_eq!(
            code(sim.node_state(NodeHandle::from_raw(forged))),
            codes::ERROR_INVALID_HANDLE,
            "{forged:#x}"
        );
    }

    let other = lab();
    let oc = other.open_cluster(None).unwrap();
    let og = other.open_group(oc, "Web").unwrap();
    assert_eq!(code(sim.group_state(og)), codes::ERROR_INVALID_HANDLE, "handles of another Sim (H7)");
    assert!(sim.close_cluster(oc));
    assert!(other.group_state(og).is_ok(), "closing it in the wrong Sim did nothing");
}

#[test]
fn handle_values_are_nonzero_aligned_and_typed() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_group(c, "Web").unwrap();
    let e = sim.group_open_enum(g, 1).unwrap();
    for (raw, kind) in [(c.raw(), Kind::Cluster), (g.raw(), Kind::Group), (e.raw(), Kind::GroupEnum)] {
        assert!(raw > 0 && raw % 4 == 0, "{raw:#x}");
        assert_eq!(clusapi_sim::handles::RawHandle(raw).kind(), Some(kind));
    }
}

#[test]
fn get_cluster_from_returns_the_handle_the_object_was_opened_from() {
    let sim = lab();
    let c1 = sim.open_cluster(None).unwrap();
    let c2 = sim.open_cluster(Some("LAB")).unwrap();
    let g = sim.open_group(c2, "Web").unwrap();
    let n = sim.open_node(c1, "LAB-N1").unwrap();
    let r = sim.open_resource(c2, "Web IP").unwrap();
    assert_eq!(sim.cluster_from_group(g).unwrap(), c2);
    assert_eq!(sim.cluster_from_node(n).unwrap(), c1);
    assert_eq!(sim.cluster_from_resource(r).unwrap(), c2);
    assert_eq!(code(sim.cluster_from_group(GroupHandle::from_raw(n.raw()))), codes::ERROR_INVALID_HANDLE);
}

#[test]
fn networks_and_interfaces_open_and_report_state() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let net = sim.open_network(c, "cluster network 1").unwrap();
    assert_eq!(sim.network_state(net).unwrap(), clusapi_sim::NetworkState::Up);
    let e = sim.network_open_enum(net, CLUSTER_NETWORK_ENUM_NETINTERFACES).unwrap();
    assert_eq!(sim.enum_item(e, 0).unwrap().name, "LAB-N1 - Ethernet");
    assert_eq!(sim.net_interface_name(c, "LAB-N1", "Cluster Network 1").unwrap(), "LAB-N1 - Ethernet");
    assert_eq!(
        code(sim.net_interface_name(c, "LAB-N2", "Cluster Network 1")),
        codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND
    );
    let ni = sim.open_net_interface(c, "LAB-N1 - Ethernet").unwrap();
    assert_eq!(sim.net_interface_state(ni).unwrap(), clusapi_sim::NetInterfaceState::Up);
    sim.close_net_interface(ni).unwrap();
    sim.close_network(net).unwrap();
}

#[test]
fn node_cluster_state_reflects_the_node() {
    let sim = lab();
    assert_eq!(sim.node_cluster_state(None).unwrap(), NodeClusterState::Running);
    assert_eq!(sim.node_cluster_state(Some("lab-n2")).unwrap(), NodeClusterState::NotRunning);
    assert_eq!(code(sim.node_cluster_state(Some("NOWHERE"))), codes::RPC_S_SERVER_UNAVAILABLE);
}

#[test]
fn open_handles_say_where_each_was_opened() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let line = line!() + 1;
    let g = sim.open_group(c, "Web").unwrap();
    let open = sim.harness().open_handles();
    let entry = open.iter().find(|h| h.handle.0 == g.raw()).unwrap();
    assert_eq!(entry.kind, Kind::Group);
    assert_eq!(entry.parent.map(|p| p.0), Some(c.raw()));
    match entry.origin {
        Origin::Rust(loc) => assert_eq!((loc.file(), loc.line()), (file!(), line)),
        other => panic!("unexpected origin {other:?}"),
    }
    let report = sim.harness().check_leaks().unwrap_err();
    assert!(report.contains("HGROUP") && report.contains(&format!("{}:{line}", file!())), "{report}");
}

#[test]
fn closing_a_cluster_with_open_derived_handles_is_a_violation() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    sim.open_group(c, "Web").unwrap();
    sim.open_node(c, "LAB-N1").unwrap();
    assert!(sim.close_cluster(c));
    assert!(sim.harness().open_handles().is_empty());
    assert!(matches!(
        sim.harness().violations()[..],
        [Violation::ClusterClosedWithOpenHandles { derived: 2, .. }]
    ));
    assert!(sim.harness().check_leaks().is_err());
}

#[test]
#[should_panic(expected = "leaked HGROUP")]
fn a_strict_simulator_fails_the_test_on_leaked_handles() {
    let sim = Sim::builder().world(lab_world()).fail_on_leak(true).build();
    let c = sim.open_cluster(None).unwrap();
    sim.open_group(c, "Web").unwrap();
    let _ = sim.close_node(NodeHandle::from_raw(0));
    drop(sim);
}

#[test]
fn a_strict_simulator_is_quiet_when_everything_is_closed() {
    let sim = Sim::builder().world(lab_world()).fail_on_leak(true).build();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_group(c, "Web").unwrap();
    sim.close_group(g).unwrap();
    assert!(sim.close_cluster(c));
    assert_eq!(sim.harness().check_leaks(), Ok(()));
}

#[test]
fn the_trace_records_each_call_and_its_result() {
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let _ = sim.open_group(c, "nope");
    let trace = sim.harness().trace();
    let last = trace.last().unwrap();
    assert_eq!((last.function, last.result, last.face), ("OpenClusterGroup", 5013, clusapi_sim::Face::Rust));
    assert_eq!((last.args.as_str(), last.last_error), ("name_or_id=\"nope\"", None));
    assert_eq!(
        last.to_string(),
        format!("#{} OpenClusterGroup(name_or_id=\"nope\") [rust] -> ERROR_GROUP_NOT_FOUND (5013)", last.seq)
    );
    let quiet = Sim::builder().world(lab_world()).trace_capacity(0).build();
    quiet.open_cluster(None).unwrap();
    assert!(quiet.harness().trace().is_empty());
}

#[test]
fn a_sim_is_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Sim>();
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let sim = sim.clone();
            std::thread::spawn(move || {
                for _ in 0..200 {
                    let g = sim.open_group(c, "Web").unwrap();
                    sim.close_group(g).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert_eq!(sim.harness().open_handles().len(), 1);
}

#[test]
fn errors_print_their_symbolic_name() {
    let e = lab().open_cluster(Some("nowhere")).unwrap_err();
    assert_eq!(e.to_string(), "RPC_S_SERVER_UNAVAILABLE (1722)");
    assert_eq!(u32::from(e), 1722);
}

#[test]
fn cluster_wide_ex_enumerations_carry_state_owner_and_group() {
    use clusapi_sim::enumeration::EnumDetail;
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let groups = sim.enum_items(sim.group_open_enum_ex(c, &[], &[]).unwrap()).unwrap();
    let details: Vec<_> = groups.iter().map(|i| (i.name.as_str(), i.object_type, &i.detail)).collect();
    assert_eq!(
        details,
        [
            (
                "Web",
                8,
                &EnumDetail::Group {
                    state: GroupState::Online,
                    owner_node: "LAB-N1".into(),
                    flags: 0,
                    properties: vec![],
                    ro_properties: vec![]
                }
            ),
            (
                "Spare",
                8,
                &EnumDetail::Group {
                    state: GroupState::Offline,
                    owner_node: "LAB-N2".into(),
                    flags: 0,
                    properties: vec![],
                    ro_properties: vec![]
                }
            ),
        ]
    );
    let resources = sim.enum_items(sim.resource_open_enum_ex(c, &[], &[]).unwrap()).unwrap();
    let web_guid = groups[0].id.clone();
    assert!(resources.iter().all(|r| r.object_type == 4
        && r.detail
            == EnumDetail::Resource {
                group_name: "Web".into(),
                group_id: web_guid.clone(),
                properties: vec![],
                ro_properties: vec![]
            }));
    assert_eq!(resources.len(), 2);
    assert!(sim.close_cluster(c));
    assert_eq!(code(sim.group_open_enum_ex(c, &[], &[])), codes::ERROR_INVALID_HANDLE);
}

#[test]
fn violations_are_kept_up_to_a_cap_and_counted_beyond_it() {
    let sim = lab();
    let extra = 5;
    for _ in 0..clusapi_sim::MAX_VIOLATIONS + extra {
        let c = sim.open_cluster(None).unwrap();
        sim.open_node(c, "LAB-N1").unwrap();
        assert!(sim.close_cluster(c));
    }
    assert_eq!(sim.harness().violations().len(), clusapi_sim::MAX_VIOLATIONS);
    assert_eq!(sim.harness().violation_count(), (clusapi_sim::MAX_VIOLATIONS + extra) as u64);
}

#[test]
fn inspect_may_call_the_simulator_and_format_it() {
    // Regression: `inspect` ran its closure under the simulator's lock, so a closure that
    // called the simulator (or formatted it in an assertion message) deadlocked.
    let sim = lab();
    let c = sim.open_cluster(None).unwrap();
    let open = sim.harness().inspect(|_| sim.harness().open_handles().len());
    assert_eq!(open, 1);
    let shown = sim.harness().inspect(|w| format!("{} clusters in {sim:?}", w.clusters().len()));
    assert!(shown.starts_with("2 clusters in Sim"), "{shown}");
    sim.close_cluster(c);
}

#[test]
fn notify_ports_through_the_rust_api_deliver_create_and_delete_and_close_cluster() {
    use clusapi_sim::notify::{
        CLUSTER_CHANGE_GROUP_ADDED, CLUSTER_CHANGE_GROUP_DELETED, CLUSTER_CHANGE_HANDLE_CLOSE, Notification,
    };
    use std::time::Duration;
    let sim = clusapi_sim::Sim::default();
    let cluster = sim.open_cluster(None).unwrap();
    let filter = CLUSTER_CHANGE_GROUP_ADDED | CLUSTER_CHANGE_GROUP_DELETED | CLUSTER_CHANGE_HANDLE_CLOSE;
    let port = sim.create_notify_port(cluster, filter, 3).unwrap();
    let g = sim.create_group(cluster, "NewRole").unwrap();
    sim.delete_group(g).unwrap();
    sim.close_group(g).unwrap();
    let poll = || sim.notify(port, Some(Duration::ZERO)).unwrap();
    let n = |filter, name: &str| Some(Notification { key: 3, filter, name: name.into() });
    assert_eq!(poll(), n(CLUSTER_CHANGE_GROUP_ADDED, "NewRole"));
    assert_eq!(poll(), n(CLUSTER_CHANGE_GROUP_DELETED, "NewRole"));
    assert_eq!(poll(), None, "the group handle was not registered: no HANDLE_CLOSE");
    assert!(sim.close_cluster(cluster));
    assert_eq!(poll(), n(CLUSTER_CHANGE_HANDLE_CLOSE, "CONTOSO-CLU1"));
    assert_eq!(sim.notify(port, None).unwrap_err().code(), clusapi_sim::codes::ERROR_INVALID_HANDLE);
    assert!(sim.close_notify_port(port));
    assert_eq!(sim.harness().check_leaks(), Ok(()));
}
