//! Instruction counts of the call trace, for callgrind: `N` `open_group` + `close_group` pairs
//! with the trace on (the default ring) or off (capacity 0); the cost of a pair is the
//! difference of two runs' totals divided by the difference of their `N`s:
//!
//! ```text
//! cargo build --release --example trace_cost
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/trace_cost on 10000
//! ```

use std::hint::black_box;

use clusapi_sim::Sim;

fn main() {
    let mut args = std::env::args().skip(1);
    let on = args.next().as_deref() != Some("off");
    let n: usize = args.next().map_or(10_000, |n| n.parse().expect("N is a number"));
    let builder = Sim::builder();
    let sim = if on { builder.build() } else { builder.trace_capacity(0).build() };
    let cluster = sim.open_cluster(None).unwrap();
    let names = ["Cluster Group", "Available Storage", "FS01", "CONTOSO-APP1"];
    for i in 0..n {
        let g = sim.open_group(cluster, black_box(names[i % names.len()])).unwrap();
        sim.close_group(g).unwrap();
    }
    sim.close_cluster(cluster);
}
