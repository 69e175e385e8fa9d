//! The engine's rules through the Rust API, one test per row of the tables of
//! `reference/engine-properties-notify.md` §A (resource state × operation, group operations,
//! nodes), and the failover scenarios of §A.7. The same calls through the exports are in
//! `tests/win32_engine.rs`.

use std::time::Duration;

use clusapi_sim::world::{
    ClusterBuilder, FailoverPolicy, NodeState, ObjectId, ResourceState, ResourceType, RestartPolicy, World,
};
use clusapi_sim::{Completion, GroupHandle, GroupState, NodeHandle, ResourceHandle, Sim, codes};

const INVALID_STATE: u32 = codes::ERROR_INVALID_STATE;

/// Three nodes; group "App" on N1 preferring N1, N2, N3 with ip <- name <- svc, all online; the
/// name takes 200 ms each way; group "Spare" on N2, empty.
struct Lab {
    sim: Sim,
    app: GroupHandle,
    ip: ResourceHandle,
    name: ResourceHandle,
    svc: ResourceHandle,
    nodes: [NodeHandle; 3],
}

fn lab_with(edit: impl FnOnce(&mut ClusterBuilder, ObjectId, [ObjectId; 3])) -> Lab {
    let mut c = ClusterBuilder::new("LAB", "lab.example", 1);
    for n in ["N1", "N2", "N3"] {
        c.add_node(n, None, NodeState::Up).unwrap();
    }
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 0, 0)).unwrap();
    let g = c.add_group("App", 1).unwrap();
    c.set_group_policy(g, true, 9999, false, &[1, 2, 3]).unwrap();
    let ip = c.add_resource(g, "ip", "Generic Service").unwrap();
    let name = c.add_resource(g, "name", "Generic Service").unwrap();
    let svc = c.add_resource(g, "svc", "Generic Service").unwrap();
    c.add_dependency(name, ip).unwrap();
    c.add_dependency(svc, name).unwrap();
    for r in [ip, name, svc] {
        c.set_resource_policy(r, true, false, &[1, 2, 3]).unwrap();
        c.set_resource_state(r, ResourceState::Online).unwrap();
    }
    c.set_resource_delays(name, Some(200), Some(200)).unwrap();
    c.add_group("Spare", 2).unwrap();
    edit(&mut c, g, [ip, name, svc]);
    let sim = Sim::builder().world(World::new(vec![c.build()], 0).unwrap()).build();
    let cluster = sim.open_cluster(None).unwrap();
    let app = sim.open_group(cluster, "App").unwrap();
    let [ip, name, svc] = ["ip", "name", "svc"].map(|n| sim.open_resource(cluster, n).unwrap());
    let nodes = ["N1", "N2", "N3"].map(|n| sim.open_node(cluster, n).unwrap());
    Lab { sim, app, ip, name, svc, nodes }
}

fn lab() -> Lab {
    lab_with(|_, _, _| {})
}

impl Lab {
    fn state(&self, r: ResourceHandle) -> ResourceState {
        self.sim.resource_state(r).unwrap().state
    }
    fn states(&self) -> [ResourceState; 3] {
        [self.ip, self.name, self.svc].map(|r| self.state(r))
    }
    fn owner(&self) -> String {
        self.sim.group_state(self.app).unwrap().owner_node
    }
    fn code<T: std::fmt::Debug>(r: clusapi_sim::Result<T>) -> u32 {
        r.unwrap_err().code()
    }
    /// Asserts that `f` fails with `code` and changes nothing.
    #[track_caller]
    fn refuses<T: std::fmt::Debug>(&self, code: u32, f: impl FnOnce() -> clusapi_sim::Result<T>) {
        let before = self.sim.harness().world();
        let pending = self.sim.harness().pending();
        assert_eq!(Lab::code(f()), code);
        assert_eq!(self.sim.harness().world(), before, "a refused call changes nothing");
        assert_eq!(self.sim.harness().pending(), pending);
    }
}

use ResourceState::{Failed, Offline, OfflinePending, Online, OnlinePending};

// ---- §A.1: resource state × operation -------------------------------------------------------

#[test]
fn offline_resource_online_goes_pending_then_online() {
    let l = lab();
    l.sim.offline_resource(l.ip).unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.sim.online_resource(l.name).unwrap(), Completion::Pending);
    assert_eq!(l.states(), [Online, OnlinePending, Offline]);
    l.sim.harness().advance(Duration::from_millis(200));
    assert_eq!(l.states(), [Online, Online, Offline]);
}

#[test]
fn offline_resource_offline_succeeds_and_does_nothing() {
    let l = lab();
    l.sim.offline_resource(l.svc).unwrap();
    let before = l.sim.harness().world();
    assert_eq!(l.sim.offline_resource(l.svc).unwrap(), Completion::Done);
    assert_eq!(l.sim.harness().world(), before);
}

#[test]
fn offline_resource_fail_is_invalid_state() {
    let l = lab();
    l.sim.offline_resource(l.svc).unwrap();
    l.refuses(INVALID_STATE, || l.sim.fail_resource(l.svc));
}

#[test]
fn online_resource_online_succeeds_and_does_nothing() {
    let l = lab();
    let before = l.sim.harness().world();
    assert_eq!(l.sim.online_resource(l.svc).unwrap(), Completion::Done);
    assert_eq!(l.sim.harness().world(), before);
}

#[test]
fn online_resource_offline_takes_dependents_down_first_then_itself() {
    let l = lab();
    assert_eq!(l.sim.offline_resource(l.ip).unwrap(), Completion::Pending);
    // svc went at once; name takes 200 ms; ip waits for name.
    assert_eq!(l.states(), [OfflinePending, OfflinePending, Offline]);
    l.sim.harness().advance(Duration::from_millis(200));
    assert_eq!(l.states(), [Offline, Offline, Offline]);
}

#[test]
fn online_resource_fail_goes_failed_and_the_policy_runs() {
    let l = lab();
    l.sim.fail_resource(l.name).unwrap();
    assert_eq!(l.states(), [Online, Failed, Offline], "its dependent stopped with it");
    l.sim.harness().settle().unwrap();
    assert_eq!(l.states(), [Online, Online, Online], "restarted, with its dependent");
}

#[test]
fn failed_resource_online_comes_back() {
    let l = lab_with(|c, _, [_, name, _]| {
        let policy =
            RestartPolicy { action: clusapi_sim::world::RestartAction::DontRestart, ..Default::default() };
        c.set_restart_policy(name, policy).unwrap();
    });
    l.sim.fail_resource(l.name).unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.state(l.name), Failed, "DontRestart: it stays failed");
    assert_eq!(l.sim.online_resource(l.svc).unwrap(), Completion::Pending);
    l.sim.harness().settle().unwrap();
    assert_eq!(l.states(), [Online, Online, Online]);
}

#[test]
fn failed_resource_offline_goes_offline_as_the_page_says() {
    let l = lab();
    l.sim.fail_resource(l.ip).unwrap();
    assert_eq!(l.sim.offline_resource(l.ip).unwrap(), Completion::Done);
    assert_eq!(l.states(), [Offline, Offline, Offline]);
    l.sim.harness().settle().unwrap();
    assert_eq!(l.states(), [Offline, Offline, Offline], "no restart after an offline");
}

#[test]
fn failed_resource_fail_is_invalid_state() {
    let l = lab();
    l.sim.fail_resource(l.ip).unwrap();
    l.refuses(INVALID_STATE, || l.sim.fail_resource(l.ip));
}

#[test]
fn pending_resource_online_and_offline_are_invalid_state() {
    let l = lab();
    l.sim.offline_resource(l.name).unwrap();
    assert_eq!(l.state(l.name), OfflinePending);
    l.refuses(INVALID_STATE, || l.sim.online_resource(l.name));
    l.refuses(INVALID_STATE, || l.sim.offline_resource(l.name));
    l.refuses(INVALID_STATE, || l.sim.online_resource(l.svc)); // needs name, which is pending
    l.sim.harness().settle().unwrap();
    l.sim.online_resource(l.name).unwrap();
    assert_eq!(l.state(l.name), OnlinePending);
    l.refuses(INVALID_STATE, || l.sim.online_resource(l.name));
    l.refuses(INVALID_STATE, || l.sim.offline_resource(l.ip)); // would take name down
}

#[test]
fn pending_resource_fail_is_accepted_and_it_fails() {
    let l = lab();
    l.sim.offline_resource(l.name).unwrap();
    l.sim.fail_resource(l.name).unwrap();
    assert_eq!(l.state(l.name), Failed);
    l.sim.online_resource(l.ip).unwrap(); // ip was never going down: it is online
    l.sim.harness().settle().unwrap();
    assert_eq!(l.state(l.name), Online, "restarted");
}

#[test]
fn initializing_resource_online_is_treated_as_offline_and_offline_is_invalid_state() {
    let l = lab_with(|c, _, [ip, name, svc]| {
        for r in [name, svc] {
            c.set_resource_state(r, Offline).unwrap();
        }
        c.set_resource_state(ip, ResourceState::Initializing).unwrap();
    });
    l.refuses(INVALID_STATE, || l.sim.offline_resource(l.ip));
    l.refuses(INVALID_STATE, || l.sim.fail_resource(l.ip));
    assert_eq!(l.sim.online_resource(l.ip).unwrap(), Completion::Done);
    assert_eq!(l.state(l.ip), Online);
}

#[test]
fn undefined_flags_are_invalid_parameter() {
    let l = lab();
    l.refuses(codes::ERROR_INVALID_PARAMETER, || l.sim.online_resource_ex(l.ip, 0x40, None));
    l.refuses(codes::ERROR_INVALID_PARAMETER, || l.sim.offline_resource_ex(l.ip, 0x8, None));
    l.refuses(codes::ERROR_INVALID_PARAMETER, || l.sim.move_group_ex(l.app, None, 0x40, None));
    l.refuses(codes::ERROR_INVALID_PARAMETER, || l.sim.online_group_ex(l.app, None, 0x10, None));
    l.refuses(codes::ERROR_INVALID_PARAMETER, || l.sim.offline_group_ex(l.app, 0x2, None));
}

// ---- §A.2: groups ---------------------------------------------------------------------------

#[test]
fn group_online_on_a_paused_node_is_sharing_paused() {
    let l = lab();
    l.sim.offline_group(l.app).unwrap();
    l.sim.harness().settle().unwrap();
    l.sim.pause_node(l.nodes[1]).unwrap();
    l.refuses(codes::ERROR_SHARING_PAUSED, || l.sim.online_group(l.app, Some(l.nodes[1])));
    l.refuses(codes::ERROR_SHARING_PAUSED, || l.sim.move_group(l.app, Some(l.nodes[1])));
}

#[test]
fn group_online_on_a_down_node_is_host_node_not_available() {
    let l = lab();
    l.sim.harness().node_down("N3").unwrap();
    l.refuses(codes::ERROR_HOST_NODE_NOT_AVAILABLE, || l.sim.online_group(l.app, Some(l.nodes[2])));
    l.refuses(codes::ERROR_HOST_NODE_NOT_AVAILABLE, || l.sim.move_group(l.app, Some(l.nodes[2])));
}

#[test]
fn a_pending_group_refuses_online_offline_and_move() {
    let l = lab();
    assert_eq!(l.sim.move_group(l.app, Some(l.nodes[1])).unwrap(), Completion::Pending);
    assert_eq!(l.sim.group_state(l.app).unwrap().state, GroupState::Pending);
    l.refuses(INVALID_STATE, || l.sim.online_group(l.app, None));
    l.refuses(INVALID_STATE, || l.sim.offline_group(l.app));
    l.refuses(INVALID_STATE, || l.sim.move_group(l.app, None));
    l.refuses(INVALID_STATE, || l.sim.online_resource(l.svc));
}

#[test]
fn a_move_goes_offline_changes_owner_then_comes_back_online() {
    let l = lab();
    assert_eq!(l.sim.move_group(l.app, Some(l.nodes[2])).unwrap(), Completion::Pending);
    assert_eq!((l.owner(), l.states()), ("N1".into(), [OfflinePending, OfflinePending, Offline]));
    l.sim.harness().advance(Duration::from_millis(200));
    assert_eq!(
        (l.owner(), l.states()),
        ("N3".into(), [Online, OnlinePending, OnlinePending]),
        "svc waits for name"
    );
    l.sim.harness().advance(Duration::from_millis(200));
    assert_eq!((l.owner(), l.states()), ("N3".into(), [Online, Online, Online]));
}

#[test]
fn a_move_to_the_owner_succeeds_and_does_nothing() {
    let l = lab();
    let before = l.sim.harness().world();
    assert_eq!(l.sim.move_group(l.app, Some(l.nodes[0])).unwrap(), Completion::Done);
    assert_eq!(l.sim.harness().world(), before);
}

#[test]
fn a_move_to_no_node_picks_the_first_preferred_other_node() {
    let l = lab();
    l.sim.move_group(l.app, None).unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.owner(), "N2");
}

#[test]
fn a_move_with_no_node_able_to_take_the_group_is_host_node_not_available() {
    let l = lab();
    l.sim.harness().node_down("N2").unwrap();
    l.sim.harness().node_down("N3").unwrap();
    l.refuses(codes::ERROR_HOST_NODE_NOT_AVAILABLE, || l.sim.move_group(l.app, None));
}

#[test]
fn group_offline_then_online_records_the_persistent_state() {
    let l = lab();
    l.sim.offline_group(l.app).unwrap();
    l.sim.harness().settle().unwrap();
    let w = l.sim.harness().world();
    let g = &w.local_cluster().groups()[&w.local_cluster().find_group("App").unwrap()];
    assert!(!g.persistent_online);
    l.sim.online_group(l.app, None).unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.states(), [Online, Online, Online]);
    assert!(l.sim.harness().group(l.app).unwrap().persistent_online);
}

#[test]
fn an_empty_group_goes_online_and_offline_at_once() {
    let l = lab();
    let cluster = l.sim.cluster_from_group(l.app).unwrap();
    let spare = l.sim.open_group(cluster, "Spare").unwrap();
    assert_eq!(l.sim.online_group(spare, None).unwrap(), Completion::Done);
    assert_eq!(l.sim.group_state(spare).unwrap().state, GroupState::Offline, "no resources: Offline");
    assert_eq!(l.sim.offline_group(spare).unwrap(), Completion::Done);
}

// ---- §A.6: nodes ----------------------------------------------------------------------------

#[test]
fn pause_of_a_node_that_is_not_up_is_cluster_node_down() {
    let l = lab();
    l.sim.harness().node_down("N2").unwrap();
    l.refuses(codes::ERROR_CLUSTER_NODE_DOWN, || l.sim.pause_node(l.nodes[1]));
}

#[test]
fn pause_of_a_paused_node_succeeds() {
    let l = lab();
    l.sim.pause_node(l.nodes[1]).unwrap();
    l.sim.pause_node(l.nodes[1]).unwrap();
    assert_eq!(l.sim.node_state(l.nodes[1]).unwrap(), NodeState::Paused);
}

#[test]
fn resume_of_a_node_that_is_not_paused_is_cluster_node_not_paused() {
    let l = lab();
    l.refuses(codes::ERROR_CLUSTER_NODE_NOT_PAUSED, || l.sim.resume_node(l.nodes[0]));
    l.sim.harness().node_down("N3").unwrap();
    l.refuses(codes::ERROR_CLUSTER_NODE_NOT_PAUSED, || l.sim.resume_node(l.nodes[2]));
}

#[test]
fn a_paused_node_keeps_its_groups_and_takes_none_by_failover() {
    let l = lab();
    l.sim.pause_node(l.nodes[0]).unwrap();
    assert_eq!((l.owner(), l.states()), ("N1".into(), [Online, Online, Online]), "its groups stay");
    l.sim.pause_node(l.nodes[1]).unwrap();
    l.sim.resume_node(l.nodes[0]).unwrap();
    l.sim.harness().node_down("N1").unwrap();
    assert_eq!(l.owner(), "N3", "N2 is paused: skipped");
}

// ---- §A.7: failover scenarios -----------------------------------------------------------------

#[test]
fn failover_with_three_nodes_follows_the_preference_order() {
    let l = lab();
    l.sim.harness().node_down("N1").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!((l.owner(), l.states()), ("N2".into(), [Online, Online, Online]));
    l.sim.harness().node_down("N2").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!((l.owner(), l.states()), ("N3".into(), [Online, Online, Online]));
    l.sim.harness().node_down("N3").unwrap();
    assert_eq!(l.states(), [Offline, Offline, Offline], "no node left: the group stays offline");
    l.sim.harness().node_up("N1").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!((l.owner(), l.states()), ("N1".into(), [Online, Online, Online]), "it comes back");
}

#[test]
fn restart_threshold_then_failover_then_failover_threshold_exceeded() {
    let l = lab_with(|c, g, _| {
        c.set_failover_policy(g, FailoverPolicy { threshold: 1, ..Default::default() }).unwrap();
    });
    for _ in 0..3 {
        l.sim.fail_resource(l.svc).unwrap();
        l.sim.harness().settle().unwrap();
        assert_eq!((l.owner(), l.state(l.svc)), ("N1".into(), Online), "restarted in place");
    }
    l.sim.fail_resource(l.svc).unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!((l.owner(), l.states()), ("N2".into(), [Online, Online, Online]), "failed over once");
    for _ in 0..3 {
        l.sim.fail_resource(l.svc).unwrap();
        l.sim.harness().settle().unwrap();
    }
    l.sim.fail_resource(l.svc).unwrap();
    l.sim.harness().settle().unwrap();
    let status = l.sim.group_state(l.app).unwrap();
    assert_eq!((status.owner_node.as_str(), status.state), ("N2", GroupState::Failed), "FailoverThreshold 1");
    // RetryPeriodOnFailure (an hour): then it is tried again.
    l.sim.harness().advance(Duration::from_secs(3600));
    assert_eq!(l.state(l.svc), Online);
}

#[test]
fn restarts_outside_the_restart_period_do_not_count() {
    let l = lab();
    for _ in 0..10 {
        l.sim.fail_resource(l.svc).unwrap();
        l.sim.harness().settle().unwrap();
        l.sim.harness().advance(Duration::from_secs(16 * 60)); // RestartPeriod is 15 minutes
    }
    assert_eq!((l.owner(), l.state(l.svc)), ("N1".into(), Online));
}

#[test]
fn a_chain_comes_online_in_order_and_goes_offline_in_reverse() {
    let l = lab();
    l.sim.offline_resource(l.ip).unwrap();
    assert_eq!(l.states(), [OfflinePending, OfflinePending, Offline], "dependents first");
    l.sim.harness().settle().unwrap();
    l.sim.online_resource(l.svc).unwrap();
    assert_eq!(l.states(), [Online, OnlinePending, OnlinePending], "providers first");
    l.sim.harness().settle().unwrap();
    assert_eq!(l.states(), [Online, Online, Online]);
    let trace = l.sim.harness().trace();
    let pending: Vec<_> =
        trace.iter().filter(|e| e.result == codes::ERROR_IO_PENDING).map(|e| e.function).collect();
    assert_eq!(pending, ["OfflineClusterResource", "OnlineClusterResource"], "the trace records 997");
}

#[test]
fn failback_moves_a_group_home_when_its_preferred_node_comes_back() {
    let l = lab_with(|c, g, _| {
        c.set_failover_policy(g, FailoverPolicy { auto_failback: true, ..Default::default() }).unwrap();
    });
    l.sim.harness().node_down("N1").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.owner(), "N2");
    l.sim.harness().node_up("N1").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!((l.owner(), l.states()), ("N1".into(), [Online, Online, Online]));
}

#[test]
fn no_failback_outside_the_failback_window() {
    let l = lab_with(|c, g, _| {
        let policy = FailoverPolicy {
            auto_failback: true,
            failback_window_start: 22,
            failback_window_end: 23,
            ..Default::default()
        };
        c.set_failover_policy(g, policy).unwrap();
    });
    l.sim.harness().node_down("N1").unwrap();
    l.sim.harness().node_up("N1").unwrap(); // at 00:00 of the virtual day
    l.sim.harness().settle().unwrap();
    assert_eq!(l.owner(), "N2");
}

#[test]
fn anti_affinity_keeps_two_groups_apart_when_it_can() {
    let l = lab_with(|c, g, _| {
        let apart = FailoverPolicy { anti_affinity_class_names: vec!["sql".into()], ..Default::default() };
        c.set_failover_policy(g, apart.clone()).unwrap();
        let db = c.add_group("Db", 2).unwrap();
        let disk = c.add_resource(db, "db disk", "Generic Service").unwrap();
        c.set_resource_state(disk, Online).unwrap();
        c.set_failover_policy(db, apart).unwrap();
    });
    l.sim.harness().node_down("N1").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.owner(), "N3", "N2 hosts Db, which shares the class name: skipped");
    l.refuses(codes::ERROR_NODE_CANT_HOST_RESOURCE, || l.sim.move_group(l.app, Some(l.nodes[1])));
    let ignore = clusapi_sim::flags::CLUSAPI_GROUP_MOVE_IGNORE_AFFINITY_RULE;
    l.sim.move_group_ex(l.app, Some(l.nodes[1]), ignore, None).unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.owner(), "N2", "IGNORE_AFFINITY_RULE");
    l.sim.harness().node_down("N3").unwrap();
    l.sim.harness().node_down("N2").unwrap();
    l.sim.harness().node_up("N1").unwrap();
    l.sim.harness().settle().unwrap();
    assert_eq!(l.owner(), "N1", "when every candidate conflicts, anti-affinity is ignored");
}

// ---- §A.4: AND-of-OR dependency expressions ----------------------------------------------------

/// Group "Or" on N1: `name` depends on `(ip1 or ip2) and disk`, everything offline.
fn or_lab() -> (Sim, [ResourceHandle; 4]) {
    let mut c = ClusterBuilder::new("OR", "or.example", 1);
    for n in ["N1", "N2"] {
        c.add_node(n, None, NodeState::Up).unwrap();
    }
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 0, 0)).unwrap();
    let g = c.add_group("Or", 1).unwrap();
    for n in ["ip1", "ip2", "disk", "name"] {
        c.add_resource(g, n, "Generic Service").unwrap();
    }
    let sim = Sim::builder().world(World::new(vec![c.build()], 0).unwrap()).build();
    let cluster = sim.open_cluster(None).unwrap();
    let [ip1, ip2, disk, name] =
        ["ip1", "ip2", "disk", "name"].map(|n| sim.open_resource(cluster, n).unwrap());
    sim.set_resource_dependency_expression(name, "([ip1] or [ip2]) and [disk]").unwrap();
    (sim, [ip1, ip2, disk, name])
}

#[test]
fn an_or_set_needs_one_online_provider_and_reads_back_as_written() {
    let (sim, [ip1, ip2, disk, name]) = or_lab();
    let state = |r| sim.resource_state(r).unwrap().state;
    assert_eq!(sim.resource_dependency_expression(name).unwrap(), "([ip1] or [ip2]) and [disk]");
    assert_eq!(sim.online_resource(name).unwrap(), Completion::Done);
    assert_eq!(
        [ip1, ip2, disk, name].map(state),
        [Online, Offline, Online, Online],
        "one of the set: the first"
    );
    // The other member alone is enough too.
    sim.offline_resource(name).unwrap();
    sim.offline_resource(ip1).unwrap();
    sim.online_resource(ip2).unwrap();
    sim.online_resource(name).unwrap();
    assert_eq!([ip1, ip2, disk, name].map(state), [Offline, Online, Online, Online]);
}

#[test]
fn a_failed_provider_of_an_or_set_stops_its_dependent_only_when_no_other_member_is_online() {
    let (sim, [ip1, ip2, _disk, name]) = or_lab();
    let state = |r| sim.resource_state(r).unwrap().state;
    sim.online_resource(ip2).unwrap();
    sim.online_resource(name).unwrap();
    sim.online_resource(ip1).unwrap();
    sim.fail_resource(ip1).unwrap();
    assert_eq!(state(name), Online, "ip2 still serves it");
    sim.harness().settle().unwrap();
    sim.fail_resource(ip2).unwrap();
    assert_eq!(state(name), Online, "ip1 was restarted and serves it");
    sim.harness().settle().unwrap();
    let cluster = sim.cluster_from_resource(name).unwrap();
    let disk = sim.open_resource(cluster, "disk").unwrap();
    sim.fail_resource(disk).unwrap();
    assert_eq!(state(name), Offline, "disk is needed on its own");
}

#[test]
fn an_or_set_that_no_node_can_host_refuses_the_online() {
    let (sim, [ip1, ip2, _disk, name]) = or_lab();
    let cluster = sim.cluster_from_resource(name).unwrap();
    let n1 = sim.open_node(cluster, "N1").unwrap();
    sim.remove_resource_node(ip1, n1).unwrap();
    assert_eq!(sim.online_resource(name).unwrap(), Completion::Done, "ip2 can");
    assert_eq!(sim.resource_state(ip2).unwrap().state, Online);
    sim.offline_resource(ip2).unwrap();
    sim.remove_resource_node(ip2, n1).unwrap();
    let before = sim.harness().world();
    assert_eq!(sim.online_resource(name).unwrap_err().code(), codes::ERROR_HOST_NODE_NOT_RESOURCE_OWNER);
    assert_eq!(sim.harness().world(), before);
}

#[test]
fn an_online_resource_may_only_get_an_expression_its_online_providers_meet() {
    let (sim, [ip1, _ip2, _disk, name]) = or_lab();
    sim.online_resource(name).unwrap();
    assert_eq!(sim.harness().resource(ip1).unwrap().state, Online);
    sim.set_resource_dependency_expression(name, "[disk] and ([ip2] or [ip1])").unwrap();
    let before = sim.harness().world();
    let code = sim.set_resource_dependency_expression(name, "[ip2]").unwrap_err().code();
    assert_eq!(code, codes::ERROR_RESOURCE_ONLINE, "ip2 is offline");
    assert_eq!(sim.harness().world(), before);
}

/// Regression (found by tests/notify_model.rs): a failed provider stops its dependents; a
/// client then brings one of them online before the restart. Bringing the provider back
/// restores the stopped dependents, the very resource being brought online among them: it
/// must end online once, never pending under an online dependent.
#[test]
fn onlining_a_dependent_of_a_failed_provider_before_its_restart_ends_online() {
    let sim = Sim::default();
    let cluster = sim.open_cluster(None).unwrap();
    let disk = sim.open_resource(cluster, "Cluster Disk 4").unwrap();
    let sql = sim.open_resource(cluster, "SQL Server").unwrap();
    let agent = sim.open_resource(cluster, "SQL Server Agent").unwrap();
    sim.fail_resource(disk).unwrap();
    assert_eq!(sim.resource_state(sql).unwrap().state, Offline, "stopped with its provider");
    assert_eq!(sim.online_resource(sql).unwrap(), Completion::Done);
    for r in [disk, sql, agent] {
        assert_eq!(sim.resource_state(r).unwrap().state, Online);
    }
    sim.harness().settle().unwrap();
    assert_eq!(sim.resource_state(agent).unwrap().state, Online);
    sim.close_cluster(cluster);
}
