//! Instruction counts of the Win32 face against the Rust API, for callgrind (the benches'
//! cluster: 3 nodes, 10k groups, trace capacity 0). Runs `N` `OpenClusterGroup` +
//! `CloseClusterGroup` pairs through one face; the cost of a pair is the difference of two
//! runs' totals divided by the difference of their `N`s:
//!
//! ```text
//! cargo build --release --example win32_overhead
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/win32_overhead export 10000
//! ```
//!
//! (`export` or `rust`; `N` defaults to 10000.)

use std::hint::black_box;

use clusapi_sim::world::{ClusterBuilder, World};
use clusapi_sim::{NodeState, Sim};
use windows_sys::Win32::Networking::Clustering::{CloseClusterGroup, OpenCluster, OpenClusterGroup};

fn main() {
    let mut args = std::env::args().skip(1);
    let face = args.next().unwrap_or_default();
    let n: usize = args.next().map_or(10_000, |n| n.parse().expect("N is a number"));

    let mut c = ClusterBuilder::new("BENCH", "bench.example.com", 1);
    for i in 1..=3 {
        c.add_node(&format!("BENCH-N{i}"), None, NodeState::Up).unwrap();
    }
    let names: Vec<String> = (0..10_000).map(|i| format!("Group {i:05}")).collect();
    for (i, name) in names.iter().enumerate() {
        c.add_group(name, (i % 3) as u32 + 1).unwrap();
    }
    let sim = Sim::builder().world(World::new(vec![c.build()], 0).unwrap()).trace_capacity(0).build();
    let wide: Vec<Vec<u16>> = names.iter().map(|n| n.encode_utf16().chain([0]).collect()).collect();
    let _guard = sim.install();
    let cluster = sim.open_cluster(None).unwrap();
    // SAFETY: NULL is the local cluster.
    let hcluster = unsafe { OpenCluster(std::ptr::null()) };
    assert_ne!(hcluster, 0);

    match face.as_str() {
        "export" => {
            for i in 0..n {
                // SAFETY: a live cluster handle and a NUL-terminated name.
                unsafe {
                    let g = OpenClusterGroup(hcluster, wide[i % wide.len()].as_ptr());
                    assert_ne!(g, 0);
                    CloseClusterGroup(black_box(g));
                }
            }
        }
        "rust" => {
            for i in 0..n {
                let g = sim.open_group(cluster, &names[i % names.len()]).unwrap();
                sim.close_group(black_box(g)).unwrap();
            }
        }
        _ => panic!("usage: win32_overhead export|rust [N]"),
    }
}
