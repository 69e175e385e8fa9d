//! The engine's costs, each as a ratio against a measurement in the same run:
//!
//! * `engine_pair`: `offline_resource` + `online_resource` of one resource (no dependencies, no
//!   delay: both complete before returning) through the Rust API and through the exports
//!   (`OfflineClusterResource` + `OnlineClusterResource`), against the locked slab pair that
//!   is the floor of two locked calls. Target: export / Rust API ≤ 1.5×.
//! * `engine_failover`: a node going down with 1k and 10k groups on it (one online resource
//!   each); per failed-over group. Target: 10k / 1k ≤ 1.3× (failover is linear).
//! * `engine_settle`: `settle()` with 10k and 100k pending onlines (each resource in a group of
//!   its own, with a delay of its own, so each completes at its own time); per operation.
//!   Target: 100k / 10k ≤ 1.3×.
//! * `engine_read`: `resource_state` of an unrelated resource with 0 and with 100k operations
//!   pending. Target: ≤ 1.2×.
//!
//! The smoke run (`cargo test --benches`) shrinks the sizes and prints no table.

mod common;

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use clusapi_sim::world::{ClusterBuilder, ObjectId, ResourceState, ResourceType, World};
use clusapi_sim::{Handle, NodeState, ResourceHandle, Sim};
use common::{Goal, Row};
use criterion::{BatchSize, BenchmarkId, Criterion};

/// A cluster of three nodes and `groups` groups, each holding one resource of a type with no
/// delay, owned by node 1 and online there, preferring nodes 1, 2, 3; with `delayed`, also
/// `delayed` offline resources in groups of their own on node 2, resource `i` taking
/// `i % 997 + 1` ms to come online.
fn world(groups: usize, delayed: usize) -> (World, Vec<ObjectId>) {
    let mut c = ClusterBuilder::new("BENCH", "bench.example.com", 1);
    for n in 1..=3 {
        c.add_node(&format!("BENCH-N{n}"), None, NodeState::Up).unwrap();
    }
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 1, 0)).unwrap();
    for i in 0..groups {
        let g = c.add_group(&format!("Group {i:06}"), 1).unwrap();
        c.set_group_policy(g, true, 9999, false, &[1, 2, 3]).unwrap();
        let r = c.add_resource(g, &format!("Service {i:06}"), "Generic Service").unwrap();
        c.set_resource_policy(r, true, false, &[1, 2, 3]).unwrap();
        c.set_resource_state(r, ResourceState::Online).unwrap();
    }
    let mut slow = Vec::with_capacity(delayed);
    for i in 0..delayed {
        let g = c.add_group(&format!("Slow group {i:06}"), 2).unwrap();
        let r = c.add_resource(g, &format!("Slow {i:06}"), "Generic Service").unwrap();
        c.set_resource_delays(r, Some((i % 997 + 1) as u32), None).unwrap();
        slow.push(r);
    }
    (World::new(vec![c.build()], 0).unwrap(), slow)
}

fn sim_of(world: World) -> Sim {
    Sim::builder().world(world).trace_capacity(0).build()
}

/// `online_resource` on every resource of `names`: all of them pending afterwards.
fn start_all(sim: &Sim, count: usize) {
    let cluster = sim.open_cluster(None).unwrap();
    for i in 0..count {
        let r = sim.open_resource(cluster, &format!("Slow {i:06}")).unwrap();
        let _ = sim.online_resource(r).unwrap();
    }
    sim.close_cluster(cluster);
}

fn pair(c: &mut Criterion) {
    let sim = sim_of(world(16, 0).0);
    let _guard = sim.install();
    let cluster = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(cluster, "Service 000003").unwrap();
    let mut group = c.benchmark_group("engine_pair");
    common::locked_slab_pair(&mut group);
    group.bench_function("rust_api", |b| {
        b.iter(|| {
            let off = sim.offline_resource(black_box(r)).unwrap();
            let on = sim.online_resource(black_box(r)).unwrap();
            black_box((off, on))
        })
    });
    let raw = r.raw();
    group.bench_function("export", |b| {
        b.iter(|| {
            // SAFETY: a live resource handle of the installed simulator.
            unsafe {
                let off = clusapi_sim::win32::OfflineClusterResource(black_box(raw));
                let on = clusapi_sim::win32::OnlineClusterResource(black_box(raw));
                black_box(off + on)
            }
        })
    });
    group.finish();
    assert_eq!(sim.resource_state(ResourceHandle::from_raw(raw)).unwrap().state, ResourceState::Online);
    sim.close_cluster(cluster);
}

const FAILOVER: [(usize, usize); 2] = [(1_000, 20), (10_000, 200)];

fn failover(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine_failover");
    group.sample_size(10);
    for (full, small) in FAILOVER {
        let n = common::size(full, small);
        let template = world(n, 0).0;
        group.bench_with_input(BenchmarkId::from_parameter(full), &n, |b, _| {
            b.iter_batched(
                || sim_of(template.clone()),
                |sim| {
                    sim.harness().node_down("BENCH-N1").unwrap();
                    sim
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
    // Sanity: they all moved to node 2 and came online there.
    let sim = sim_of(world(10, 0).0);
    sim.harness().node_down("BENCH-N1").unwrap();
    let w = sim.harness().world();
    let c = w.local_cluster();
    assert!(c.groups().values().all(|g| g.owner == 2 && c.group_state(g) == clusapi_sim::GroupState::Online));
}

const SETTLE: [(usize, usize); 2] = [(10_000, 100), (100_000, 1_000)];

fn settle(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine_settle");
    group.sample_size(10);
    for (full, small) in SETTLE {
        let n = common::size(full, small);
        let template = world(0, n).0;
        group.bench_with_input(BenchmarkId::from_parameter(full), &n, |b, &n| {
            b.iter_batched(
                || {
                    let sim = sim_of(template.clone());
                    start_all(&sim, n);
                    assert_eq!(sim.harness().pending(), n);
                    sim
                },
                |sim| {
                    black_box(sim.harness().settle().unwrap());
                    sim
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn read(c: &mut Criterion) {
    let mut group = c.benchmark_group("engine_read");
    let pending = common::size(100_000, 1_000);
    for (label, n) in [("0_pending", 0), ("100k_pending", pending)] {
        let sim = sim_of(world(4, pending).0);
        start_all(&sim, n);
        assert_eq!(sim.harness().pending(), n);
        let cluster = sim.open_cluster(None).unwrap();
        let r = sim.open_resource(cluster, "Service 000002").unwrap();
        group
            .bench_function(label, |b| b.iter(|| black_box(sim.resource_state(black_box(r)).unwrap().state)));
        sim.close_cluster(cluster);
    }
    group.finish();
}

fn rows() -> Vec<Row> {
    let [(f1, s1), (f2, s2)] = FAILOVER;
    let [(p1, t1), (p2, t2)] = SETTLE;
    let (n1, n2) = (common::size(f1, s1) as f64, common::size(f2, s2) as f64);
    let (m1, m2) = (common::size(p1, t1) as f64, common::size(p2, t2) as f64);
    vec![
        Row::new("Offline + Online, Rust API", "engine_pair/rust_api", "engine_pair/locked_slab", Goal::None),
        Row::new(
            "Offline + Online, export / Rust API",
            "engine_pair/export",
            "engine_pair/rust_api",
            Goal::RatioAtMost(1.5),
        ),
        Row::per(
            "node down, per failed-over group: 10k / 1k",
            "engine_failover/10000",
            n2,
            "engine_failover/1000",
            n1,
            Goal::RatioAtMost(1.3),
        ),
        Row::per(
            "settle, per pending operation: 100k / 10k",
            "engine_settle/100000",
            m2,
            "engine_settle/10000",
            m1,
            Goal::RatioAtMost(1.3),
        ),
        Row::new(
            "resource_state, 100k pending / 0 pending",
            "engine_read/100k_pending",
            "engine_read/0_pending",
            Goal::RatioAtMost(1.2),
        ),
    ]
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default().configure_from_args().warm_up_time(Duration::from_millis(500));
    pair(&mut c);
    failover(&mut c);
    settle(&mut c);
    read(&mut c);
    c.final_summary();
    common::print_ratios("Engine", &rows(), started);
}
