//! Random op sequences against two simulators, checked by the reference model of
//! `clusapi_sim::ops` (the interpreter the property test `tests/model.rs` runs): any difference
//! between a simulator and the model is a crash, with the model's description of it.
//!
//! `cargo fuzz run ops -s none -- -max_total_time=30` (works on stable).

#![no_main]

use std::sync::OnceLock;

use clusapi_sim::ops::{Interpreter, Op, sample_world};
use clusapi_sim::world::World;
use libfuzzer_sys::fuzz_target;

/// The worlds to run on: the two-cluster sample and the embedded default cluster.
fn worlds() -> &'static [World; 2] {
    static WORLDS: OnceLock<[World; 2]> = OnceLock::new();
    WORLDS.get_or_init(|| [sample_world(), clusapi_sim::Sim::default().harness().world()])
}

fuzz_target!(|input: (bool, Vec<Op>)| {
    let (default_fixture, ops) = input;
    let mut it = Interpreter::new(worlds()[usize::from(default_fixture)].clone());
    for op in &ops {
        if let Err(mismatch) = it.apply(op) {
            panic!("{mismatch}\nops: {ops:#?}");
        }
    }
    if let Err(mismatch) = it.check_all().and_then(|()| it.close_all()) {
        panic!("{mismatch}\nops: {ops:#?}");
    }
});
