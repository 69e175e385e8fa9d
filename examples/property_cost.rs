//! Instruction counts of the property control codes against `GET_NAME` on the same resource
//! of the default cluster, for callgrind (trace capacity 0). Runs `N` calls of one code; the
//! cost of a call is the difference of two runs' totals divided by the difference of their
//! `N`s:
//!
//! ```text
//! cargo build --release --example property_cost
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/property_cost common 10000
//! ```
//!
//! (`name`, `common`, `ro_common`, `private` or `set`; `N` defaults to 10000.)

use std::hint::black_box;

use clusapi_sim::Sim;
use clusapi_sim::property::{PropertyList, Value};

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_default();
    let n: usize = args.next().map_or(10_000, |n| n.parse().expect("N is a number"));
    let sim = Sim::builder().trace_capacity(0).build();
    let cluster = sim.open_cluster(None).unwrap();
    let r = sim.open_resource(cluster, "Cluster Disk 2").unwrap();
    let mut list = PropertyList::new();
    list.push("RestartThreshold", Value::Dword(2));
    let input = list.encode();
    let (code, input): (u32, &[u8]) = match what.as_str() {
        "name" => (0x0100_0029, &[]),
        "common" => (0x0100_0059, &[]),
        "ro_common" => (0x0100_0055, &[]),
        "private" => (0x0100_0081, &[]),
        "set" => (0x0140_005E, &input),
        other => panic!("unknown code {other:?}: name, common, ro_common, private or set"),
    };
    let mut total = 0;
    for _ in 0..n {
        total += sim.resource_control(r, None, black_box(code), black_box(input)).unwrap().len();
    }
    black_box(total);
    sim.close_resource(r).unwrap();
    sim.close_cluster(cluster);
}
