//! Whole `Sim` calls (lock, dispatch, name lookup, registry, trace) against baselines measured
//! in the same run, so that each result is a ratio.
//!
//! * `sim_open_close`: `open_group` + `close_group` on a cluster of 10k groups (the name lookup
//!   included; the names cycle over all groups), and `open_node` + `close_node`, against the
//!   locked slab insert + remove that is the floor of two locked calls.
//! * `sim_lookup`: `node_state` and `group_state` (handle validation plus the world lookup;
//!   `group_state` also derives the state and copies the owner's name) against a locked
//!   `Slab::get`.
//! * `sim_close_cluster`: `close_cluster` on a handle with 10, 1k and 100k descendants, against
//!   removing as many keys from a bare slab. Target: linear in descendants (at 100k the time
//!   per descendant also measures the cache; see `registry.rs`).
//! * `sim_close_unrelated`: `close_cluster` on a handle with one descendant while 0 or 1M other
//!   handles are open in the same `Sim`. Target: within 1.2x, also as a paired ratio measured
//!   in alternating chunks.
//! * `sim_enumerate`: `cluster_open_enum(CLUSTER_ENUM_GROUP)` on 10k groups, every item read
//!   with `enum_item`, then `close_enum`; against the copying the API demands anyway (snapshot
//!   the names and ids, hand out a copy of each item) done on plain vectors.
//! * `sim_properties`: `CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES` of one resource (its 13
//!   read/write common properties encoded as a property list) against `CLUSCTL_RESOURCE_GET_NAME`
//!   of the same resource, both through `resource_control`. Target: within 3x. Also
//!   `GET_RO_COMMON_PROPERTIES` and `SET_COMMON_PROPERTIES` of one DWORD (a commit), for scale.
//! * `sim_registry`: `reg_open_key(resource key, "Parameters")` + `reg_query_value` of one
//!   private property + `reg_close_key`, against `CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES` of
//!   the same resource (target: within 2x); and enumerating every value of a plain key with
//!   `reg_enum_value`, 1k and 10k values (target: linear, the per-value cost within 1.5x).
//! * `sim_construct`: `Sim::default()` (the embedded default cluster; target < 50 µs), against
//!   a `Sim` built from a small world made in code.
//!
//! A ratio table follows criterion's output; the smoke run (`cargo test --benches`) shrinks the
//! sizes and prints none.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant, SystemTime};

use clusapi_sim::enumeration::mask::{CLUSTER_ENUM_GROUP, CLUSTER_GROUP_ENUM_CONTAINS};
use clusapi_sim::world::{ClusterBuilder, ResourceType, World};
use clusapi_sim::{ClusterHandle, NodeState, Sim};
use common::{Goal, Interleaved, InterleavedRow, Row};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput};

/// The name of group `i`.
fn group_name(i: usize) -> String {
    format!("Group {i:05}")
}

/// One cluster `BENCH` of three nodes and `groups` groups; the first 16 groups hold two
/// resources each, so that a group's state is derived from something.
fn world(groups: usize) -> World {
    let mut c = ClusterBuilder::new("BENCH", "bench.example.com", 1);
    for n in 1..=3 {
        c.add_node(&format!("BENCH-N{n}"), None, NodeState::Up).unwrap();
    }
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 1, 0)).unwrap();
    for i in 0..groups {
        let g = c.add_group(&group_name(i), (i % 3) as u32 + 1).unwrap();
        if i < 16 {
            c.add_resource(g, &format!("Service {i} A"), "Generic Service").unwrap();
            c.add_resource(g, &format!("Service {i} B"), "generic service").unwrap();
        }
    }
    World::new(vec![c.build()], 0).unwrap()
}

fn new_sim(groups: usize) -> Sim {
    Sim::builder().world(world(groups)).build()
}

fn open_close(c: &mut Criterion) {
    let mut group = c.benchmark_group("sim_open_close");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    common::locked_slab_pair(&mut group);

    let groups = common::size(10_000, 100);
    let sim = new_sim(groups);
    let cluster = sim.open_cluster(None).unwrap();
    let names: Vec<String> = (0..groups).map(group_name).collect();
    let mut i = 0;
    group.bench_function("open_group", |b| {
        b.iter(|| {
            i = (i + 7919) % groups; // a prime stride: successive names land in unrelated buckets
            let g = sim.open_group(cluster, black_box(&names[i])).unwrap();
            sim.close_group(black_box(g)).unwrap()
        })
    });

    let nodes = ["BENCH-N1", "bench-n2", "BENCH-N3"];
    group.bench_function("open_node", |b| {
        b.iter(|| {
            i = (i + 1) % nodes.len();
            let n = sim.open_node(cluster, black_box(nodes[i])).unwrap();
            sim.close_node(black_box(n)).unwrap()
        })
    });
    sim.close_cluster(cluster);
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("sim_lookup");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    common::locked_slab_get(&mut group);

    let groups = common::size(10_000, 100);
    let sim = new_sim(groups);
    let cluster = sim.open_cluster(None).unwrap();
    let spread = common::LOOKUP_SPREAD;
    let nodes: Vec<_> =
        (0..spread).map(|i| sim.open_node(cluster, &format!("BENCH-N{}", i % 3 + 1)).unwrap()).collect();
    // Group handles to the 16 groups with resources and to others spread over the cluster.
    let group_handles: Vec<_> =
        (0..spread).map(|i| sim.open_group(cluster, &group_name(i * 7 % groups)).unwrap()).collect();
    let mut i = 0;
    group.bench_function("node_state", |b| {
        b.iter(|| {
            i = (i + 1) % spread;
            black_box(sim.node_state(black_box(nodes[i])).unwrap())
        })
    });
    group.bench_function("group_state", |b| {
        b.iter(|| {
            i = (i + 1) % spread;
            let status = sim.group_state(black_box(group_handles[i])).unwrap();
            black_box(status.state as usize + status.owner_node.len())
        })
    });
    sim.close_cluster(cluster);
    group.finish();
}

/// Opens a cluster handle and `n` handles derived from it: group and node handles, and every
/// fourth a group enumeration under the last group handle (two levels deep).
fn open_tree(sim: &Sim, n: usize, groups: usize) -> ClusterHandle {
    let cluster = sim.open_cluster(None).unwrap();
    let mut last = None;
    for i in 0..n {
        match (i % 4, last) {
            (3, Some(g)) => {
                sim.group_open_enum(g, CLUSTER_GROUP_ENUM_CONTAINS).unwrap();
            }
            (2, _) => {
                sim.open_node(cluster, "BENCH-N2").unwrap();
            }
            _ => last = Some(sim.open_group(cluster, &group_name(i % groups)).unwrap()),
        }
    }
    cluster
}

fn close_cluster_descendants(c: &mut Criterion) {
    let mut group = c.benchmark_group("sim_close_cluster");
    let groups = 100;
    let sim = new_sim(groups);
    for (full, small) in common::DESCENDANTS {
        let n = common::size(full, small);
        group.throughput(Throughput::Elements(n as u64));
        let (samples, secs) = if full >= 100_000 { (10, 4) } else { (30, 2) };
        group
            .sample_size(samples)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(secs));
        common::slab_remove_n(&mut group, n, common::close_batch(n));
        group.bench_with_input(BenchmarkId::new("sim", n), &n, |b, &n| {
            b.iter_batched(
                || open_tree(&sim, n, groups),
                |cluster| sim.close_cluster(cluster),
                common::close_batch(n),
            )
        });
    }
    group.finish();
}

/// Opens `chunk` cluster handles with one descendant each (untimed), then times closing them.
fn close_chunk(sim: &Sim, chunk: u64) -> Duration {
    let clusters: Vec<ClusterHandle> = (0..chunk).map(|_| open_tree(sim, 1, 100)).collect();
    let start = Instant::now();
    for cluster in clusters {
        black_box(sim.close_cluster(cluster));
    }
    start.elapsed()
}

fn close_cluster_unrelated(c: &mut Criterion, interleaved: &Interleaved) {
    let mut group = c.benchmark_group("sim_close_unrelated");
    group.sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    let million = common::size(1_000_000, 1_000);
    let empty = new_sim(100);
    group.bench_function(BenchmarkId::new("sim", 0), |b| {
        b.iter_custom(|iters| Interleaved::alone(iters, |n| close_chunk(&empty, n)))
    });
    // Built on first use, so that a filtered-out run does not pay for a million handles.
    let mut big: Option<Sim> = None;
    group.bench_function(BenchmarkId::new("sim", million), |b| {
        let big = big.get_or_insert_with(|| {
            let sim = new_sim(100);
            // Open trees under other cluster handles, 1,000 handles each.
            for _ in 0..million / 1_000 {
                open_tree(&sim, 999, 100);
            }
            assert_eq!(sim.harness().open_handles().len(), million);
            sim
        });
        // The 0-handle simulator runs in alternation, for a comparison that load drift cannot skew.
        b.iter_custom(|iters| interleaved.run(iters, |n| close_chunk(big, n), |n| close_chunk(&empty, n)))
    });
    group.finish();
}

fn enumerate(c: &mut Criterion) {
    let mut group = c.benchmark_group("sim_enumerate");
    group.sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    let groups = common::size(10_000, 100);
    group.throughput(Throughput::Elements(groups as u64));

    // What any implementation must copy: a snapshot of (name, id) per group, then one copy of
    // each item as the caller reads it. A local item type, so the baseline does not move when
    // `EnumItem` grows fields.
    #[derive(Clone)]
    struct Item {
        object_type: u32,
        name: String,
        id: String,
    }
    let source: Vec<(String, String)> = new_sim(groups)
        .harness()
        .inspect(|w| w.clusters()[0].groups().values().map(|g| (g.name.clone(), g.guid.clone())).collect());
    group.bench_function("copy_items", |b| {
        b.iter(|| {
            let snapshot: Vec<Item> = source
                .iter()
                .map(|(name, id)| Item {
                    object_type: CLUSTER_ENUM_GROUP,
                    name: name.clone(),
                    id: id.clone(),
                })
                .collect();
            for i in 0..snapshot.len() {
                let item = black_box(&snapshot)[i].clone();
                black_box((item.object_type, item.name, item.id));
            }
        })
    });

    let sim = new_sim(groups);
    let cluster = sim.open_cluster(None).unwrap();
    group.bench_function("cluster_enum", |b| {
        b.iter(|| {
            let e = sim.cluster_open_enum(cluster, CLUSTER_ENUM_GROUP).unwrap();
            let count = sim.enum_count(e).unwrap();
            for i in 0..count {
                black_box(sim.enum_item(e, i).unwrap());
            }
            sim.close_enum(e).unwrap()
        })
    });
    group.bench_function("cluster_enum_bulk", |b| {
        b.iter(|| {
            let e = sim.cluster_open_enum(cluster, CLUSTER_ENUM_GROUP).unwrap();
            black_box(sim.enum_items(e).unwrap());
            sim.close_enum(e).unwrap()
        })
    });
    sim.close_cluster(cluster);
    group.finish();
}

fn properties(c: &mut Criterion) {
    const GET_NAME: u32 = 0x0100_0029;
    const GET_COMMON: u32 = 0x0100_0059;
    const GET_RO_COMMON: u32 = 0x0100_0055;
    const SET_COMMON: u32 = 0x0140_005E;
    let mut group = c.benchmark_group("sim_properties");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    let sim = Sim::default();
    let cluster = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(cluster, "Cluster Disk 2").unwrap();
    for (name, code) in [("get_name", GET_NAME), ("get_common", GET_COMMON), ("get_ro_common", GET_RO_COMMON)]
    {
        group.bench_function(name, |b| {
            b.iter(|| black_box(sim.resource_control(r, None, code, &[]).unwrap().len()))
        });
    }
    let mut list = clusapi_sim::property::PropertyList::new();
    list.push("RestartThreshold", clusapi_sim::property::Value::Dword(2));
    let input = list.encode();
    group.bench_function("set_common_dword", |b| {
        b.iter(|| black_box(sim.resource_control(r, None, SET_COMMON, black_box(&input)).unwrap().len()))
    });
    sim.close_resource(r).unwrap();
    sim.close_cluster(cluster);
    group.finish();
}

fn registry(c: &mut Criterion) {
    const GET_PRIVATE: u32 = 0x0100_0081;
    let mut group = c.benchmark_group("sim_registry");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    let sim = Sim::default();
    let cluster = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(cluster, "Cluster Disk 2").unwrap();
    let key = sim.resource_key(r).unwrap();
    let params = sim.reg_open_key(key, "Parameters").unwrap();
    let name = sim.reg_enum_value(params, 0).unwrap().name().to_owned();
    sim.reg_close_key(params).unwrap();
    group.bench_function("open_query_close", |b| {
        b.iter(|| {
            let p = sim.reg_open_key(key, black_box("Parameters")).unwrap();
            black_box(sim.reg_query_value(p, black_box(&name)).unwrap().data().len());
            sim.reg_close_key(p).unwrap()
        })
    });
    group.bench_function("get_private", |b| {
        b.iter(|| black_box(sim.resource_control(r, None, GET_PRIVATE, &[]).unwrap().len()))
    });
    let root = sim.cluster_key(cluster).unwrap();
    for n in [common::size(1_000, 10), common::size(10_000, 100)] {
        let (k, _) = sim.reg_create_key(root, &format!("Values{n}")).unwrap();
        for i in 0..n {
            sim.reg_set_value(k, &format!("Value {i:05}"), 4, &(i as u32).to_le_bytes()).unwrap();
        }
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("enum_values", n), &n, |b, &n| {
            b.iter(|| {
                for i in 0..n as u32 {
                    black_box(sim.reg_enum_value(k, i).unwrap().data().len());
                }
            })
        });
        sim.reg_close_key(k).unwrap();
    }
    sim.reg_close_key(root).unwrap();
    sim.reg_close_key(key).unwrap();
    sim.close_resource(r).unwrap();
    sim.close_cluster(cluster);
    group.finish();
}

fn construct(c: &mut Criterion) {
    let mut group = c.benchmark_group("sim_construct");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    group.bench_function("default", |b| b.iter(Sim::default));
    let small = world(8);
    group.bench_function("small_world", |b| {
        b.iter_batched(|| small.clone(), |w| Sim::builder().world(w).build(), BatchSize::SmallInput)
    });
    group.bench_function("small_world_built_in_code", |b| b.iter(|| new_sim(black_box(8))));
    group.finish();
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        Row::new(
            "open_group + close_group (10k groups)",
            "sim_open_close/open_group",
            "sim_open_close/locked_slab",
            Goal::None,
        ),
        Row::new(
            "open_node + close_node",
            "sim_open_close/open_node",
            "sim_open_close/locked_slab",
            Goal::None,
        ),
        Row::new("node_state", "sim_lookup/node_state", "sim_lookup/locked_slab_get", Goal::None),
        Row::new("group_state", "sim_lookup/group_state", "sim_lookup/locked_slab_get", Goal::None),
    ];
    rows.extend(common::close_cluster_rows(
        "sim_close_cluster/sim",
        "sim_close_cluster/slab_remove",
        common::DESCENDANTS,
        ("CloseCluster, 1 descendant: 1M unrelated open / 0", "sim_close_unrelated/sim"),
    ));
    let groups = common::size(10_000, 100) as f64;
    rows.push(Row::per(
        "enumerate 10k groups, per item (enum_item each)",
        "sim_enumerate/cluster_enum",
        groups,
        "sim_enumerate/copy_items",
        groups,
        Goal::None,
    ));
    rows.push(Row::per(
        "enumerate 10k groups, per item (enum_items bulk)",
        "sim_enumerate/cluster_enum_bulk",
        groups,
        "sim_enumerate/copy_items",
        groups,
        Goal::None,
    ));
    rows.push(Row::new(
        "GET_COMMON_PROPERTIES of a resource / GET_NAME",
        "sim_properties/get_common",
        "sim_properties/get_name",
        Goal::RatioAtMost(3.0),
    ));
    rows.push(Row::new(
        "GET_RO_COMMON_PROPERTIES of a resource / GET_NAME",
        "sim_properties/get_ro_common",
        "sim_properties/get_name",
        Goal::None,
    ));
    rows.push(Row::new(
        "SET_COMMON_PROPERTIES, one DWORD / GET_NAME",
        "sim_properties/set_common_dword",
        "sim_properties/get_name",
        Goal::None,
    ));
    rows.push(Row::new(
        "registry: open Parameters + query one value + close / GET_PRIVATE_PROPERTIES",
        "sim_registry/open_query_close",
        "sim_registry/get_private",
        Goal::RatioAtMost(2.0),
    ));
    let (small, large) = (common::size(1_000, 10), common::size(10_000, 100));
    rows.push(Row::per(
        "registry: enumerate values, per value: 10k / 1k",
        &format!("sim_registry/enum_values/{large}"),
        large as f64,
        &format!("sim_registry/enum_values/{small}"),
        small as f64,
        Goal::RatioAtMost(1.5),
    ));
    rows.push(Row::new(
        "Sim::default()",
        "sim_construct/default",
        "sim_construct/small_world",
        Goal::Below(50_000.0),
    ));
    rows.push(Row::new(
        "Sim from a small world built in code",
        "sim_construct/small_world_built_in_code",
        "sim_construct/small_world",
        Goal::None,
    ));
    rows
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    open_close(&mut c);
    lookup(&mut c);
    close_cluster_descendants(&mut c);
    let unrelated = Interleaved::default();
    close_cluster_unrelated(&mut c, &unrelated);
    enumerate(&mut c);
    properties(&mut c);
    registry(&mut c);
    construct(&mut c);
    c.final_summary();
    common::print_ratios("Sim", &rows(), started);
    common::print_interleaved(&[InterleavedRow {
        label: "CloseCluster, 1 descendant: 1M unrelated open / 0",
        names: ("sim, 1M open", "sim, 0 open"),
        times: &unrelated,
        goal: Goal::RatioAtMost(1.2),
    }]);
}
