//! Arbitrary text as a fixture: `Topology::parse` must return a topology or a `FixtureError`,
//! never panic, and a topology it accepts must build a world that satisfies the world's
//! invariants (so `Sim::builder().fixture_str(..)` never panics on it).
//!
//! `cargo fuzz run fixture -s none -- -max_total_time=30` (works on stable).

#![no_main]

use clusapi_sim::fixture::Topology;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(topology) = Topology::parse(text) {
        let world = topology.build(0);
        if let Err(broken) = world.check_invariants() {
            panic!("an accepted fixture builds a broken world: {broken}\nfixture:\n{text}");
        }
    }
});
