//! The costs of events and evidence, each as a ratio against a measurement in the same run
//! (issue: notification ports, the call trace):
//!
//! * `notify_post`: `offline_resource` + `online_resource` of one resource while one port
//!   watches the cluster's resource states, with 0 and with 1k unrelated ports (each watching
//!   another group with `RegisterClusterNotify`, or the whole cluster for node events only).
//!   Posting visits only the filter sets that can match: target 1k / 0 ≤ 1.2×. Each pair's
//!   two events are read off the watching port, so its queue stays short.
//! * `notify_get`: `GetClusterNotify` (`notify` with a zero timeout) on a ready event, with
//!   1 and with 10k events queued ahead: O(1), target ≤ 1.2×.
//! * `trace_open_close`: `open_group` + `close_group` with the trace on (the default ring)
//!   and off (capacity 0). Target: on / off ≤ 1.3×.
//!
//! The smoke run (`cargo test --benches`) shrinks the sizes and prints no table.

mod common;

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use clusapi_sim::notify::{
    CLUSTER_CHANGE_GROUP_STATE, CLUSTER_CHANGE_NODE_STATE, CLUSTER_CHANGE_RESOURCE_STATE,
};
use clusapi_sim::world::{ClusterBuilder, ResourceType, World};
use clusapi_sim::{NodeState, Sim};
use common::{Goal, Row};
use criterion::{BenchmarkId, Criterion};

/// Three nodes and `groups` groups of one online resource each.
fn world(groups: usize) -> World {
    let mut c = ClusterBuilder::new("BENCH", "bench.example.com", 1);
    for n in 1..=3 {
        c.add_node(&format!("BENCH-N{n}"), None, NodeState::Up).unwrap();
    }
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 1, 0)).unwrap();
    for i in 0..groups {
        let g = c.add_group(&format!("Group {i:05}"), 1).unwrap();
        c.add_resource(g, &format!("Service {i:05}"), "Generic Service").unwrap();
    }
    World::new(vec![c.build()], 0).unwrap()
}

fn post(c: &mut Criterion) {
    let mut group = c.benchmark_group("notify_post");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    let unrelated_n = common::size(1000, 20);
    for unrelated in [0, unrelated_n] {
        // The same world for both: only the ports differ.
        let sim = Sim::builder().world(world(unrelated_n + 1)).trace_capacity(0).build();
        let cluster = sim.open_cluster(None).unwrap();
        let mut held = Vec::new();
        for i in 0..unrelated {
            if i % 2 == 0 {
                let g = sim.open_group(cluster, &format!("Group {:05}", i + 1)).unwrap();
                let port = sim.create_notify_port(cluster, 0, 0).unwrap();
                sim.register_notify(port, CLUSTER_CHANGE_GROUP_STATE, g, i).unwrap();
                held.push(port);
            } else {
                held.push(sim.create_notify_port(cluster, CLUSTER_CHANGE_NODE_STATE, i).unwrap());
            }
        }
        let watcher = sim.create_notify_port(cluster, CLUSTER_CHANGE_RESOURCE_STATE, 1).unwrap();
        let r = sim.open_resource(cluster, "Service 00000").unwrap();
        group.bench_with_input(BenchmarkId::new("pair", unrelated), &unrelated, |b, _| {
            b.iter(|| {
                sim.offline_resource(r).unwrap();
                sim.online_resource(r).unwrap();
                let a = sim.notify(watcher, Some(Duration::ZERO)).unwrap().is_some();
                let b2 = sim.notify(watcher, Some(Duration::ZERO)).unwrap().is_some();
                black_box(a && b2)
            })
        });
        sim.close_cluster(cluster);
        drop(held);
    }
    group.finish();
}

fn get(c: &mut Criterion) {
    let mut group = c.benchmark_group("notify_get");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    let deep = common::size(10_000, 50);
    for queued in [1, deep] {
        let sim = Sim::builder().world(world(1)).trace_capacity(0).build();
        let cluster = sim.open_cluster(None).unwrap();
        let port = sim.create_notify_port(cluster, CLUSTER_CHANGE_RESOURCE_STATE, 1).unwrap();
        let r = sim.open_resource(cluster, "Service 00000").unwrap();
        // `queued` events ahead; each iteration reads one and queues one (offline or online),
        // so the queue length stays the same.
        let mut online = true;
        let mut flip = || {
            if online {
                sim.offline_resource(r).unwrap()
            } else {
                sim.online_resource(r).unwrap()
            };
            online = !online;
        };
        for _ in 0..queued {
            flip();
        }
        group.bench_with_input(BenchmarkId::new("ready", queued), &queued, |b, _| {
            b.iter(|| {
                let n = sim.notify(port, Some(Duration::ZERO)).unwrap();
                flip();
                black_box(n.is_some())
            })
        });
        sim.close_cluster(cluster);
    }
    group.finish();
}

fn trace(c: &mut Criterion) {
    let mut group = c.benchmark_group("trace_open_close");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    for (name, capacity) in [("on", None), ("off", Some(0))] {
        let builder = Sim::builder().world(world(16));
        let sim = match capacity {
            Some(c) => builder.trace_capacity(c).build(),
            None => builder.build(),
        };
        let cluster = sim.open_cluster(None).unwrap();
        let names: Vec<String> = (0..16).map(|i| format!("Group {i:05}")).collect();
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                i = (i + 1) % names.len();
                let g = sim.open_group(cluster, black_box(&names[i])).unwrap();
                sim.close_group(g).unwrap();
            })
        });
        sim.close_cluster(cluster);
    }
    group.finish();
}

fn rows() -> Vec<Row> {
    let unrelated = common::size(1000, 20);
    let deep = common::size(10_000, 50);
    vec![
        Row::new(
            "an event posted with 1k unrelated ports / with none",
            &format!("notify_post/pair/{unrelated}"),
            "notify_post/pair/0",
            Goal::RatioAtMost(1.2),
        ),
        Row::new(
            "GetClusterNotify on a ready event, 10k queued / 1 queued",
            &format!("notify_get/ready/{deep}"),
            "notify_get/ready/1",
            Goal::RatioAtMost(1.2),
        ),
        Row::new(
            "open_group + close_group, trace on / off",
            "trace_open_close/on",
            "trace_open_close/off",
            Goal::RatioAtMost(1.3),
        ),
    ]
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    post(&mut c);
    get(&mut c);
    trace(&mut c);
    c.final_summary();
    common::print_ratios("Events and evidence", &rows(), started);
}
