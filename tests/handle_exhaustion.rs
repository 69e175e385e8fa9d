//! When the process has issued every handle value it can, inserting fails loudly with
//! `ERROR_NO_SYSTEM_RESOURCES (1450)` instead of wrapping around to values issued before.
//!
//! A file of its own with a single test: the hook moves the process-wide counter, which would
//! make every other test in the same process fail.

use std::panic::Location;
use std::ptr::null;

use clusapi_sim as _;
use clusapi_sim::handles::{HandleRegistry, exhaust_generations_for_test};
use clusapi_sim::{Kind, Origin, Sim, codes};
use windows_sys::Win32::Foundation::GetLastError;
use windows_sys::Win32::Networking::Clustering::OpenCluster;

fn here() -> Origin {
    Origin::Rust(Location::caller())
}

#[test]
fn exhausted_handle_space_fails_loudly_and_never_wraps() {
    let mut early = HandleRegistry::new();
    let first = early.insert(Kind::Cluster, None, here(), 0u32).unwrap(); // a block of one

    exhaust_generations_for_test(3);
    let mut r = HandleRegistry::new();
    // Blocks of 1, then 2 (the last two generations of the space).
    let last: Vec<_> = (0..3).map(|i| r.insert(Kind::Group, None, here(), i).unwrap()).collect();
    for h in &last {
        assert!(h.value() > 0 && h.value() % 4 == 0, "H1 holds at the top of the space: {h:?}");
        assert_ne!(*h, first);
    }
    let parent = last[0];
    for _ in 0..10_000 {
        let e = r.insert(Kind::Group, Some(parent), here(), 9).unwrap_err();
        assert_eq!(e.code(), codes::ERROR_NO_SYSTEM_RESOURCES);
        assert_eq!(e.to_string(), "ERROR_NO_SYSTEM_RESOURCES (1450)");
    }
    assert_eq!(r.len(), 3, "a failed insert changes nothing");
    assert_eq!(r.descendant_count(parent), Ok(0), "not even the parent's children");
    for (i, h) in last.iter().enumerate() {
        assert_eq!(r.get(*h, Kind::Group), Ok(&(i as u32)));
    }
    // An older registry whose block is used up fails too, and its handle still resolves.
    assert_eq!(early.insert(Kind::Cluster, None, here(), 1).unwrap_err().code(), 1450);
    assert_eq!(early.get(first, Kind::Cluster), Ok(&0));
    // Closing frees slots but never generations.
    r.close(last[2], Kind::Group).unwrap();
    assert_eq!(r.insert(Kind::Group, None, here(), 3).unwrap_err().code(), 1450);
    assert!(r.get(last[2], Kind::Group).is_err());

    // Through the simulator and its exports: the error the function's way.
    let sim = Sim::default();
    assert_eq!(sim.open_cluster(None).unwrap_err().code(), codes::ERROR_NO_SYSTEM_RESOURCES);
    let _g = sim.install();
    // SAFETY: NULL is allowed.
    assert_eq!(unsafe { OpenCluster(null()) }, 0);
    // SAFETY: no arguments.
    assert_eq!(unsafe { GetLastError() }, codes::ERROR_NO_SYSTEM_RESOURCES);
}
