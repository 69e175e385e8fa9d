//! Arbitrary bytes as the input of `SET_COMMON_PROPERTIES` and `SET_PRIVATE_PROPERTIES` (and
//! their `VALIDATE_` siblings) on a resource, a group, a node and the cluster of the default
//! cluster: the call returns, never panics; VALIDATE never changes the world; a SET that fails
//! leaves the whole world as it was, and one that succeeds agrees with VALIDATE.
//!
//! `cargo fuzz run property_set -s none -- -max_total_time=30` (works on stable).

#![no_main]

use std::sync::OnceLock;

use clusapi_sim::Sim;
use libfuzzer_sys::fuzz_target;

/// `ERROR_RESOURCE_PROPERTIES_STORED`: stored, in effect at the next online.
const STORED: u32 = 5024;

fn template() -> &'static Sim {
    static SIM: OnceLock<Sim> = OnceLock::new();
    SIM.get_or_init(Sim::default)
}

fuzz_target!(|input: (u8, bool, &[u8])| {
    let (target, private, bytes) = input;
    // A fresh simulator of the default cluster per input, from the template's world.
    let sim = Sim::builder().world(template().harness().world()).build();
    let cluster = sim.open_cluster(None).expect("the local cluster");
    let resource = sim.open_resource(cluster, "Cluster IP Address").expect("a resource");
    let group = sim.open_group(cluster, "FS01").expect("a group");
    let node = sim.open_node(cluster, "NODE2").expect("a node");
    let (set, validate) = if private { (0x40_0086, 0x89) } else { (0x40_005E, 0x61) };
    let control = |function: u32| -> Result<Vec<u8>, u32> {
        let r = match target % 4 {
            0 => sim.resource_control(resource, None, (1 << 24) | function, bytes),
            1 => sim.group_control(group, None, (3 << 24) | function, bytes),
            2 => sim.node_control(node, None, (4 << 24) | function, bytes),
            _ => sim.cluster_control(cluster, None, (7 << 24) | function, bytes),
        };
        r.map_err(|e| e.code())
    };
    let before = sim.harness().world();
    let validated = control(validate).map(drop);
    assert!(sim.harness().world() == before, "VALIDATE changed the world");
    match control(set).map(drop) {
        Ok(()) | Err(STORED) => assert_eq!(validated, Ok(()), "SET succeeded where VALIDATE failed"),
        Err(code) => {
            assert_eq!(validated, Err(code), "SET and VALIDATE disagree");
            assert!(sim.harness().world() == before, "a failed SET changed the world");
        }
    }
    sim.close_cluster(cluster);
});
