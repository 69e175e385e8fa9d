//! Instruction counts of a failover, for callgrind: a cluster of 3 nodes and `N` groups (one
//! online resource each) on node 1, and, with `down`, node 1 going down. The cost of failing
//! over one group is the difference between the two runs' totals divided by `N`; comparing it
//! at `N` = 1000 and 10000 shows whether failover is linear, free of the cache effects that
//! wall-clock benchmarks mix in:
//!
//! ```text
//! cargo build --release --example failover_cost
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/failover_cost 1000 down
//! ```

use clusapi_sim::Sim;
use clusapi_sim::world::{ClusterBuilder, NodeState, ResourceState, ResourceType, World};

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(1_000, |n| n.parse().expect("N is a number"));
    let down = args.next().as_deref() == Some("down");
    let mut c = ClusterBuilder::new("BENCH", "bench.example.com", 1);
    for i in 1..=3 {
        c.add_node(&format!("BENCH-N{i}"), None, NodeState::Up).unwrap();
    }
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 1, 0)).unwrap();
    for i in 0..n {
        let g = c.add_group(&format!("Group {i:06}"), 1).unwrap();
        c.set_group_policy(g, true, 9999, false, &[1, 2, 3]).unwrap();
        let r = c.add_resource(g, &format!("Service {i:06}"), "Generic Service").unwrap();
        c.set_resource_policy(r, true, false, &[1, 2, 3]).unwrap();
        c.set_resource_state(r, ResourceState::Online).unwrap();
    }
    let sim = Sim::builder().world(World::new(vec![c.build()], 0).unwrap()).trace_capacity(0).build();
    if down {
        sim.harness().node_down("BENCH-N1").unwrap();
        assert!(sim.harness().inspect(|w| w.local_cluster().groups().values().all(|g| g.owner == 2)));
    }
}
