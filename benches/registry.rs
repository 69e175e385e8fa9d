//! The handle registry (`clusapi_sim::handles::HandleRegistry`) against the data structures it
//! is built from, measured in the same run so that each result is a ratio.
//!
//! * `reg_open_close`: one handle issued under a live parent cluster handle and closed again,
//!   bare and behind a `parking_lot::Mutex` (how `Sim` holds it), against an insert + remove on
//!   a bare `slab::Slab`, a locked slab, and a `std::sync::Mutex<HashMap>`. Target: the locked
//!   pair within 2x the locked slab.
//! * `reg_lookup`: `HandleRegistry::get(handle, kind)` (decode, generation and kind check)
//!   against `Slab::get`.
//! * `reg_close_cluster`: `close_tree` on a cluster handle with 10, 1k and 100k descendants,
//!   against removing as many keys from a bare slab. Target: linear in descendants (the cost
//!   per descendant stays flat). At 100k the entries (8 MB) no longer fit in L2, so the time
//!   per descendant there also measures the cache and is the noisiest row; the instruction
//!   count per descendant (callgrind) is the exact check.
//! * `reg_close_unrelated`: `close_tree` on a cluster with one descendant while 0 or 1M other
//!   handles are live in the same registry. Target: within 1.2x (H4: the cost never depends on
//!   the handles that are not closed). The 1M case also runs the 0 case in alternating chunks
//!   and reports that paired ratio, which load drift on a shared machine cannot skew.
//!
//! The payload is 24 bytes everywhere, the size of the simulator's own. A ratio table follows
//! criterion's output; the smoke run (`cargo test --benches`) shrinks the sizes and prints none.

mod common;

use std::cell::RefCell;
use std::hint::black_box;
use std::panic::Location;
use std::time::{Duration, Instant, SystemTime};

use clusapi_sim::handles::{HandleRegistry, RawHandle};
use clusapi_sim::{Kind, Origin};
use common::{Goal, Interleaved, InterleavedRow, Payload, Row, payload};
use criterion::{BenchmarkId, Criterion, Throughput};

fn origin() -> Origin {
    Origin::Rust(Location::caller())
}

/// A cluster handle with `n` descendants: object handles under the cluster, and every fourth
/// an enumeration under the last group handle, so the tree is two levels deep as in real use.
fn cluster_tree(reg: &mut HandleRegistry<Payload>, n: usize) -> RawHandle {
    let cluster = reg.insert(Kind::Cluster, None, origin(), payload(0)).unwrap();
    let mut group = cluster;
    for i in 0..n {
        let (kind, parent) = match i % 4 {
            3 => (Kind::GroupEnum, group),
            2 => (Kind::Node, cluster),
            _ => (Kind::Group, cluster),
        };
        let h = reg.insert(kind, Some(parent), origin(), payload(i as u64)).unwrap();
        if kind == Kind::Group {
            group = h;
        }
    }
    cluster
}

fn close_cluster(reg: &mut HandleRegistry<Payload>, cluster: RawHandle) -> usize {
    reg.close_tree(cluster, Kind::Cluster, |_, _, p| {
        black_box(p[0]);
    })
    .unwrap()
}

fn open_close(c: &mut Criterion) {
    let mut group = c.benchmark_group("reg_open_close");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    common::slab_pair(&mut group);
    common::locked_slab_pair(&mut group);
    common::mutex_hashmap_pair(&mut group);

    let mut reg = HandleRegistry::<Payload>::new();
    let cluster = reg.insert(Kind::Cluster, None, origin(), payload(0)).unwrap();
    let mut n = 0;
    group.bench_function("registry", |b| {
        b.iter(|| {
            n += 1;
            let h = reg.insert(Kind::Group, Some(cluster), origin(), payload(n)).unwrap();
            black_box(reg.close(black_box(h), Kind::Group).unwrap()[0])
        })
    });

    let reg = parking_lot::Mutex::new(reg);
    group.bench_function("locked_registry", |b| {
        b.iter(|| {
            n += 1;
            let h = reg.lock().insert(Kind::Group, Some(cluster), origin(), payload(n)).unwrap();
            black_box(reg.lock().close(black_box(h), Kind::Group).unwrap()[0])
        })
    });
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let mut group = c.benchmark_group("reg_lookup");
    group.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_millis(1500));
    common::slab_get(&mut group);

    let mut reg = HandleRegistry::<Payload>::new();
    let cluster = reg.insert(Kind::Cluster, None, origin(), payload(0)).unwrap();
    let handles: Vec<RawHandle> = (0..common::LOOKUP_SPREAD as u64)
        .map(|n| reg.insert(Kind::Group, Some(cluster), origin(), payload(n)).unwrap())
        .collect();
    let mut i = 0;
    group.bench_function("registry_get", |b| {
        b.iter(|| {
            i = (i + 1) % common::LOOKUP_SPREAD;
            black_box(reg.get(black_box(handles[i]), Kind::Group).map_or(0, |p| p[0]))
        })
    });
    group.finish();
}

fn close_cluster_descendants(c: &mut Criterion) {
    let mut group = c.benchmark_group("reg_close_cluster");
    for (full, small) in common::DESCENDANTS {
        let n = common::size(full, small);
        group.throughput(Throughput::Elements(n as u64));
        let (samples, secs) = if full >= 100_000 { (10, 3) } else { (30, 2) };
        group
            .sample_size(samples)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(secs));
        common::slab_remove_n(&mut group, n, common::close_batch(n));

        let reg = RefCell::new(HandleRegistry::<Payload>::new());
        group.bench_with_input(BenchmarkId::new("registry", n), &n, |b, &n| {
            b.iter_batched(
                || cluster_tree(&mut reg.borrow_mut(), n),
                |cluster| close_cluster(&mut reg.borrow_mut(), cluster),
                common::close_batch(n),
            )
        });
    }
    group.finish();
}

/// Opens `chunk` cluster handles with one descendant each (untimed), then times closing them.
fn close_chunk(reg: &mut HandleRegistry<Payload>, chunk: u64) -> Duration {
    let clusters: Vec<RawHandle> = (0..chunk).map(|_| cluster_tree(reg, 1)).collect();
    let start = Instant::now();
    for cluster in clusters {
        black_box(close_cluster(reg, cluster));
    }
    start.elapsed()
}

fn close_cluster_unrelated(c: &mut Criterion, interleaved: &Interleaved) {
    let mut group = c.benchmark_group("reg_close_unrelated");
    group.sample_size(30).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    let million = common::size(1_000_000, 1_000);
    let mut empty = HandleRegistry::<Payload>::new();
    group.bench_function(BenchmarkId::new("registry", 0), |b| {
        b.iter_custom(|iters| Interleaved::alone(iters, |n| close_chunk(&mut empty, n)))
    });
    // Built on first use, so that a filtered-out run does not pay for a million handles.
    let mut big: Option<HandleRegistry<Payload>> = None;
    group.bench_function(BenchmarkId::new("registry", million), |b| {
        let big = big.get_or_insert_with(|| {
            let mut reg = HandleRegistry::new();
            // Live trees under other cluster handles, 1,000 handles each.
            for _ in 0..million / 1_000 {
                cluster_tree(&mut reg, 999);
            }
            assert_eq!(reg.len(), million);
            reg
        });
        // The 0-handle registry runs in alternation, for a comparison that load drift cannot skew.
        b.iter_custom(|iters| interleaved.run(iters, |n| close_chunk(big, n), |n| close_chunk(&mut empty, n)))
    });
    group.finish();
}

fn rows() -> Vec<Row> {
    let mut rows = vec![
        Row::new("open+close pair, bare", "reg_open_close/registry", "reg_open_close/slab", Goal::None),
        Row::new(
            "open+close pair, locked",
            "reg_open_close/locked_registry",
            "reg_open_close/locked_slab",
            Goal::RatioAtMost(2.0),
        ),
        Row::new(
            "open+close pair, locked",
            "reg_open_close/locked_registry",
            "reg_open_close/mutex_hashmap",
            Goal::None,
        ),
        Row::new(
            "locked slab vs Mutex<HashMap>",
            "reg_open_close/locked_slab",
            "reg_open_close/mutex_hashmap",
            Goal::None,
        ),
        Row::new("validated lookup", "reg_lookup/registry_get", "reg_lookup/slab_get", Goal::None),
    ];
    rows.extend(common::close_cluster_rows(
        "reg_close_cluster/registry",
        "reg_close_cluster/slab_remove",
        common::DESCENDANTS,
        ("CloseCluster, 1 descendant: 1M unrelated live / 0", "reg_close_unrelated/registry"),
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
    c.final_summary();
    common::print_ratios("HandleRegistry", &rows(), started);
    common::print_interleaved(&[InterleavedRow {
        label: "CloseCluster, 1 descendant: 1M unrelated live / 0",
        names: ("registry, 1M live", "registry, 0 live"),
        times: &unrelated,
        goal: Goal::RatioAtMost(1.2),
    }]);
}
