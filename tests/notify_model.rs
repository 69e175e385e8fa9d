//! Property tests of event delivery against the world the engine committed: random sequences
//! of state changes (online, offline, fail, move, pause and resume, a node down and up, a
//! property set), made through the Rust API on the default cluster, with a v1 port on the
//! cluster watching resource, group and node states and properties. After each step:
//!
//! * **complete:** every resource, group and node whose state (or a group's owner) differs
//!   between the world before and after the step has at least one event naming it, of its
//!   kind's STATE filter; a resource whose common properties changed has a RESOURCE_PROPERTY;
//! * **nothing extra:** every event names an object of the cluster;
//! * **in order, never dropped:** the port's events are exactly the events the trace says
//!   each ClusAPI call posted, in call order (the harness's verbs, a node down or up and
//!   settling, are not traced);
//! * a run replays exactly: the same seed and steps give the same event sequence.

use std::collections::BTreeSet;
use std::time::Duration;

use clusapi_sim::notify::{
    CLUSTER_CHANGE_GROUP_STATE, CLUSTER_CHANGE_NODE_STATE, CLUSTER_CHANGE_RESOURCE_PROPERTY,
    CLUSTER_CHANGE_RESOURCE_STATE,
};
use clusapi_sim::property::PropertyList;
use clusapi_sim::world::World;
use clusapi_sim::{NotifyPortHandle, Sim};
use proptest::prelude::*;

const RESOURCES: &[&str] = &[
    "Cluster Disk 2",
    "Cluster Disk 3",
    "Contoso App Service",
    "SQL Server",
    "Cluster Disk 4",
    "IP Address 10.0.0.50",
];
const GROUPS: &[&str] = &["Available Storage", "CONTOSO-APP1", "SQL Server (MSSQLSERVER)", "FS01"];
const NODES: &[&str] = &["NODE1", "NODE2", "NODE3"];

#[derive(Clone, Debug)]
enum Step {
    Online(usize),
    Offline(usize),
    Fail(usize),
    SetThreshold(usize, u32),
    OnlineGroup(usize),
    OfflineGroup(usize),
    Move(usize, Option<usize>),
    Pause(usize),
    Resume(usize),
    Down(usize),
    Up(usize),
    Settle,
}

fn step() -> impl Strategy<Value = Step> {
    let r = 0..RESOURCES.len();
    let g = 0..GROUPS.len();
    let n = 0..NODES.len();
    prop_oneof![
        r.clone().prop_map(Step::Online),
        r.clone().prop_map(Step::Offline),
        r.clone().prop_map(Step::Fail),
        (r, 0..4u32).prop_map(|(r, t)| Step::SetThreshold(r, t)),
        g.clone().prop_map(Step::OnlineGroup),
        g.clone().prop_map(Step::OfflineGroup),
        (g, proptest::option::of(n.clone())).prop_map(|(g, n)| Step::Move(g, n)),
        n.clone().prop_map(Step::Pause),
        n.clone().prop_map(Step::Resume),
        n.clone().prop_map(Step::Down),
        n.prop_map(Step::Up),
        Just(Step::Settle),
    ]
}

/// Runs one step; errors (a refused state change) are part of the game.
fn run(sim: &Sim, cluster: clusapi_sim::ClusterHandle, s: &Step) {
    let res = |i: usize| sim.open_resource(cluster, RESOURCES[i]).unwrap();
    let grp = |i: usize| sim.open_group(cluster, GROUPS[i]).unwrap();
    let node = |i: usize| sim.open_node(cluster, NODES[i]).unwrap();
    match *s {
        Step::Online(i) => drop(sim.online_resource(res(i))),
        Step::Offline(i) => drop(sim.offline_resource(res(i))),
        Step::Fail(i) => drop(sim.fail_resource(res(i))),
        Step::SetThreshold(i, t) => {
            let mut l = PropertyList::new();
            l.push("RestartThreshold", t);
            let _ = sim.set_properties(res(i), &l);
        }
        Step::OnlineGroup(i) => drop(sim.online_group(grp(i), None)),
        Step::OfflineGroup(i) => drop(sim.offline_group(grp(i))),
        Step::Move(g, n) => drop(sim.move_group(grp(g), n.map(node))),
        Step::Pause(i) => drop(sim.pause_node(node(i))),
        Step::Resume(i) => drop(sim.resume_node(node(i))),
        Step::Down(i) => drop(sim.harness().node_down(NODES[i])),
        Step::Up(i) => drop(sim.harness().node_up(NODES[i])),
        Step::Settle => drop(sim.harness().settle()),
    }
}

fn drain(sim: &Sim, port: NotifyPortHandle) -> Vec<(u32, String)> {
    std::iter::from_fn(|| sim.notify(port, Some(Duration::ZERO)).unwrap())
        .map(|n| (n.filter, n.name))
        .collect()
}

/// The names whose state differs between two worlds, by kind.
fn changed(
    before: &World,
    after: &World,
) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let (b, a) = (before.local_cluster(), after.local_cluster());
    let resources = a
        .resources()
        .values()
        .filter(|r| b.resources().get(&r.id).is_some_and(|o| o.state != r.state))
        .map(|r| r.name.clone())
        .collect();
    let props = a
        .resources()
        .values()
        .filter(|r| b.resources().get(&r.id).is_some_and(|o| o.restart != r.restart))
        .map(|r| r.name.clone())
        .collect();
    let groups = a
        .groups()
        .values()
        .filter(|g| {
            b.groups().get(&g.id).is_some_and(|o| b.group_state(o) != a.group_state(g) || o.owner != g.owner)
        })
        .map(|g| g.name.clone())
        .collect();
    let nodes = a
        .nodes()
        .iter()
        .filter(|n| b.node(n.id).is_some_and(|o| o.state != n.state))
        .map(|n| n.name.clone())
        .collect();
    (resources, props, groups, nodes)
}

fn play(seed: u64, steps: &[Step]) -> Vec<(u32, String)> {
    let sim = Sim::builder().seed(seed).trace_capacity(100_000).build();
    let cluster = sim.open_cluster(None).unwrap();
    let filter = CLUSTER_CHANGE_RESOURCE_STATE
        | CLUSTER_CHANGE_GROUP_STATE
        | CLUSTER_CHANGE_NODE_STATE
        | CLUSTER_CHANGE_RESOURCE_PROPERTY;
    let port = sim.create_notify_port(cluster, filter, 1).unwrap();
    let names: BTreeSet<String> = {
        let w = sim.harness().world();
        let c = w.local_cluster();
        c.resources()
            .values()
            .map(|r| r.name.clone())
            .chain(c.groups().values().map(|g| g.name.clone()))
            .chain(c.nodes().iter().map(|n| n.name.clone()))
            .collect()
    };
    let mut all = Vec::new();
    for s in steps {
        let before = sim.harness().world();
        let seq_before = sim.harness().trace().last().map_or(0, |e| e.seq);
        run(&sim, cluster, s);
        let after = sim.harness().world();
        let got = drain(&sim, port);
        let (resources, props, groups, nodes) = changed(&before, &after);
        let named = |bit: u32| -> BTreeSet<&str> {
            got.iter().filter(|(f, _)| *f == bit).map(|(_, n)| n.as_str()).collect()
        };
        for r in &resources {
            assert!(
                named(CLUSTER_CHANGE_RESOURCE_STATE).contains(r.as_str()),
                "{s:?}: no RESOURCE_STATE for {r}: {got:?}"
            );
        }
        for r in &props {
            assert!(
                named(CLUSTER_CHANGE_RESOURCE_PROPERTY).contains(r.as_str()),
                "{s:?}: no RESOURCE_PROPERTY for {r}"
            );
        }
        for g in &groups {
            assert!(
                named(CLUSTER_CHANGE_GROUP_STATE).contains(g.as_str()),
                "{s:?}: no GROUP_STATE for {g}: {got:?}"
            );
        }
        for n in &nodes {
            assert!(
                named(CLUSTER_CHANGE_NODE_STATE).contains(n.as_str()),
                "{s:?}: no NODE_STATE for {n}: {got:?}"
            );
        }
        for (_, name) in &got {
            assert!(names.contains(name), "{s:?}: an event names {name:?}, no object of the cluster");
        }
        // The trace's record of what each call posted, in call order, is what the port got
        // (the drain's own calls post nothing). The harness's verbs are no ClusAPI calls and
        // are not traced.
        let harness = matches!(s, Step::Down(_) | Step::Up(_) | Step::Settle);
        let traced: Vec<String> =
            sim.harness().trace().into_iter().filter(|e| e.seq > seq_before).flat_map(|e| e.events).collect();
        let delivered: Vec<String> = got.iter().map(|(f, n)| format!("{}({n})", flag_name(*f))).collect();
        if !harness {
            assert_eq!(traced, delivered, "{s:?}: delivered in the order posted, none dropped");
        }
        all.extend(got);
    }
    sim.close_notify_port(port);
    sim.close_cluster(cluster);
    all
}

fn flag_name(f: u32) -> &'static str {
    match f {
        CLUSTER_CHANGE_RESOURCE_STATE => "CLUSTER_CHANGE_RESOURCE_STATE",
        CLUSTER_CHANGE_GROUP_STATE => "CLUSTER_CHANGE_GROUP_STATE",
        CLUSTER_CHANGE_NODE_STATE => "CLUSTER_CHANGE_NODE_STATE",
        CLUSTER_CHANGE_RESOURCE_PROPERTY => "CLUSTER_CHANGE_RESOURCE_PROPERTY",
        _ => "other",
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn events_are_complete_ordered_and_replay(seed in any::<u64>(), steps in prop::collection::vec(step(), 1..25)) {
        let first = play(seed, &steps);
        let again = play(seed, &steps);
        prop_assert_eq!(first, again, "the same seed and steps give the same events");
    }
}
