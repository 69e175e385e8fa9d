//! The cost of the Win32 face: `OpenClusterGroup` + `CloseClusterGroup` through the
//! `extern "system"` exports (UTF-16 name in, last-error protocol, panic containment, the
//! thread's installed simulator) against the same pair through the Rust API, on a cluster of
//! 10k groups, in the same run. Target: the exports within 1.5x of the Rust API.
//!
//! Both sides look the names up (cycling over all groups) and take the lock once per call; the
//! exports also decode UTF-16 and find the current simulator. The comparison is also timed in
//! alternating chunks inside one benchmark (see `common::Interleaved`), which a busy 2-core
//! machine cannot skew.

mod common;

use std::hint::black_box;
use std::time::{Instant, SystemTime};

use clusapi_sim::world::{ClusterBuilder, World};
use clusapi_sim::{GroupHandle, Handle, NodeState, Sim};
use common::{Goal, Interleaved, InterleavedRow, Row};
use criterion::Criterion;
use windows_sys::Win32::Networking::Clustering::{
    CloseCluster, CloseClusterGroup, OpenCluster, OpenClusterGroup,
};

/// One cluster of three nodes and `groups` empty groups named `Group 00000`...
fn sim(groups: usize) -> (Sim, Vec<String>) {
    let mut c = ClusterBuilder::new("BENCH", "bench.example.com", 1);
    for n in 1..=3 {
        c.add_node(&format!("BENCH-N{n}"), None, NodeState::Up).unwrap();
    }
    let names: Vec<String> = (0..groups).map(|i| format!("Group {i:05}")).collect();
    for (i, name) in names.iter().enumerate() {
        c.add_group(name, (i % 3) as u32 + 1).unwrap();
    }
    let sim = Sim::builder().world(World::new(vec![c.build()], 0).unwrap()).trace_capacity(0).build();
    (sim, names)
}

fn main() {
    let started = SystemTime::now();
    let mut c = Criterion::default().configure_from_args();
    let (sim, names) = sim(common::size(10_000, 100));
    let wide: Vec<Vec<u16>> = names.iter().map(|n| n.encode_utf16().chain([0]).collect()).collect();
    let _guard = sim.install();
    let cluster = sim.open_cluster(None).unwrap();
    // SAFETY: NULL is the local cluster.
    let hcluster = unsafe { OpenCluster(std::ptr::null()) };
    assert_ne!(hcluster, 0);

    let rust_pair = |i: usize| {
        let g = sim.open_group(cluster, &names[i % names.len()]).unwrap();
        sim.close_group(black_box(g)).unwrap();
    };
    let export_pair = |i: usize| {
        // SAFETY: a live cluster handle and a NUL-terminated name.
        unsafe {
            let g = OpenClusterGroup(hcluster, wide[i % wide.len()].as_ptr());
            debug_assert_ne!(g, 0);
            CloseClusterGroup(black_box(g));
        }
    };
    // Sanity: the export opens the same group the Rust API does.
    // SAFETY: as above.
    let g = unsafe { OpenClusterGroup(hcluster, wide[0].as_ptr()) };
    assert_eq!(sim.harness().group(GroupHandle::from_raw(g)).unwrap().name, names[0]);
    // SAFETY: closing the handle just opened.
    unsafe { CloseClusterGroup(g) };

    let mut group = c.benchmark_group("win32_open_close");
    let mut i = 0;
    group.bench_function("rust_api_open_close_group", |b| {
        b.iter(|| {
            i += 1;
            rust_pair(i)
        })
    });
    group.bench_function("export_open_close_group", |b| {
        b.iter(|| {
            i += 1;
            export_pair(i)
        })
    });
    let interleaved = Interleaved::default();
    group.bench_function("export_vs_rust_interleaved", |b| {
        b.iter_custom(|iters| {
            interleaved.run(
                iters,
                |n| {
                    let t = Instant::now();
                    (0..n as usize).for_each(export_pair);
                    t.elapsed()
                },
                |n| {
                    let t = Instant::now();
                    (0..n as usize).for_each(rust_pair);
                    t.elapsed()
                },
            )
        })
    });
    group.finish();
    c.final_summary();

    // SAFETY: closing the handle this bench opened.
    unsafe { CloseCluster(hcluster) };
    sim.close_cluster(cluster);
    common::print_ratios(
        "Win32 exports",
        &[Row::new(
            "OpenClusterGroup + CloseClusterGroup, export / Rust API",
            "win32_open_close/export_open_close_group",
            "win32_open_close/rust_api_open_close_group",
            Goal::RatioAtMost(1.5),
        )],
        started,
    );
    common::print_interleaved(&[InterleavedRow {
        label: "OpenClusterGroup + CloseClusterGroup, 10k groups",
        names: ("export", "Rust API"),
        times: &interleaved,
        goal: Goal::RatioAtMost(1.5),
    }]);
}
