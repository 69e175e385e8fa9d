//! Random faults drawn from the simulator's seed, the seed from `CLUSAPI_SIM_SEED`, the seed
//! printed when a test fails, and the determinism check.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use clusapi_sim::fault::{Effect, Fault};
use clusapi_sim::{Sim, SimBuilder, check_determinism, check_determinism_with, codes};
use windows_sys::Win32::Foundation::{ERROR_NOT_ENOUGH_MEMORY, GetLastError, SetLastError};
use windows_sys::Win32::Networking::Clustering::*;

/// Which of `n` `OpenCluster` calls (Rust API) failed.
fn fired(sim: &Sim, n: usize) -> Vec<bool> {
    (0..n)
        .map(|_| match sim.open_cluster(None) {
            Ok(c) => {
                sim.close_cluster(c);
                false
            }
            Err(e) => {
                assert_eq!(e.code(), ERROR_NOT_ENOUGH_MEMORY);
                true
            }
        })
        .collect()
}

fn with_half(seed: u64) -> Sim {
    Sim::builder()
        .seed(seed)
        .fault(Fault::on("OpenCluster").probability(0.5).fail_with(ERROR_NOT_ENOUGH_MEMORY))
        .build()
}

#[test]
fn probability_zero_never_fires_and_one_always_fires() {
    let never = Sim::builder().seed(1).fault(Fault::random(0.0).fail_with(ERROR_NOT_ENOUGH_MEMORY)).build();
    assert!(fired(&never, 500).iter().all(|f| !f));
    let always = Sim::builder()
        .seed(1)
        .fault(Fault::on("OpenCluster").probability(1.0).fail_with(ERROR_NOT_ENOUGH_MEMORY))
        .build();
    assert!(fired(&always, 500).iter().all(|f| *f));
}

#[test]
fn half_fires_about_half_the_time_the_same_calls_for_the_same_seed() {
    let a = fired(&with_half(42), 1000);
    let count = a.iter().filter(|f| **f).count();
    assert!((400..=600).contains(&count), "{count} of 1000");
    assert_eq!(a, fired(&with_half(42), 1000), "the same seed: the same calls");
    assert_ne!(a, fired(&with_half(43), 1000), "another seed: other calls");
}

#[test]
fn a_random_fault_on_an_object_and_a_count_only_draws_for_the_calls_it_selects() {
    let sim = Sim::builder()
        .seed(5)
        .fault(Fault::on("OpenClusterGroup").object("Cluster Group").times(3).probability(1.0).fail_with(8))
        .build();
    let c = sim.open_cluster(None).unwrap();
    let other = sim.open_group(c, "Available Storage").expect("another object: never");
    for _ in 0..3 {
        assert_eq!(sim.open_group(c, "cluster group").unwrap_err().code(), 8);
    }
    let g = sim.open_group(c, "Cluster Group").expect("only the first 3");
    sim.close_group(g).unwrap();
    sim.close_group(other).unwrap();
    sim.close_cluster(c);
}

#[test]
fn random_effects_other_than_errors_replay_too() {
    let run = |seed: u64| {
        let sim = Sim::builder()
            .seed(seed)
            .fault(Fault::on("GetClusterInformation").probability(0.2).effect(Effect::Unreachable))
            .build();
        let c = sim.open_cluster(None).unwrap();
        let mut n = 0;
        while sim.cluster_information(c).is_ok() {
            n += 1;
        }
        sim.close_cluster(c);
        n
    };
    assert_eq!(run(9), run(9));
}

#[test]
fn random_faults_through_the_exports_fail_the_functions_way_and_replay() {
    let run = |seed: u64| -> Vec<bool> {
        let sim = Sim::builder()
            .seed(seed)
            .fault(
                Fault::on("OpenClusterGroup")
                    .object("Cluster Group")
                    .probability(0.5)
                    .fail_with(ERROR_NOT_ENOUGH_MEMORY),
            )
            .build();
        let _g = sim.install();
        let hc = open_local();
        let name = w("Cluster Group");
        let out = (0..200)
            .map(|_| {
                // SAFETY: a live cluster handle and a NUL-terminated name.
                unsafe {
                    SetLastError(0);
                    let h = OpenClusterGroup(hc, name.as_ptr());
                    if h == 0 {
                        assert_eq!(GetLastError(), ERROR_NOT_ENOUGH_MEMORY);
                        true
                    } else {
                        CloseClusterGroup(h);
                        false
                    }
                }
            })
            .collect::<Vec<_>>();
        // SAFETY: a live cluster handle.
        unsafe { CloseCluster(hc) };
        assert_eq!(sim.harness().calls().failed().count(), out.iter().filter(|f| **f).count());
        out
    };
    let a = run(7);
    assert!(a.iter().any(|f| *f) && a.iter().any(|f| !f), "{a:?}");
    assert_eq!(a, run(7));
    assert_ne!(a, run(8));
}

#[test]
fn check_determinism_passes_a_deterministic_scenario() {
    let builder: SimBuilder = Sim::builder().seed(3).fault(Fault::random(0.3).fail_with(5));
    check_determinism_with(&builder, |sim| {
        let _ = fired_any(sim);
    })
    .unwrap();
    check_determinism(|sim| {
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_group(c, "Cluster Group").unwrap();
        sim.offline_group(g).unwrap();
        sim.close_group(g).unwrap();
        sim.close_cluster(c);
    })
    .unwrap();
}

fn fired_any(sim: &Sim) -> usize {
    (0..100)
        .filter(|_| match sim.open_cluster(None) {
            Ok(c) => {
                sim.close_cluster(c);
                false
            }
            Err(_) => true,
        })
        .count()
}

#[test]
fn check_determinism_names_the_first_differing_call() {
    let counter = AtomicU64::new(0);
    let err = check_determinism(|sim| {
        let c = sim.open_cluster(None).unwrap();
        // Outside the simulator: the second run asks for another group.
        let name =
            if counter.fetch_add(1, Ordering::SeqCst) == 0 { "Cluster Group" } else { "Available Storage" };
        let g = sim.open_group(c, name).unwrap();
        sim.close_group(g).unwrap();
        sim.close_cluster(c);
    })
    .unwrap_err();
    assert_eq!(err.index, 1);
    let (first, second) = (err.first.clone().unwrap(), err.second.clone().unwrap());
    assert_eq!((first.function, second.function), ("OpenClusterGroup", "OpenClusterGroup"));
    assert!(first.args.contains("Cluster Group") && second.args.contains("Available Storage"), "{err}");
    let text = err.to_string();
    assert!(text.contains("call 1 differs") && text.contains("Available Storage"), "{text}");
}

#[test]
fn check_determinism_reports_a_run_with_fewer_calls() {
    let counter = AtomicU64::new(0);
    let err = check_determinism(|sim| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            let c = sim.open_cluster(None).unwrap();
            sim.close_cluster(c);
        }
    })
    .unwrap_err();
    assert_eq!(err.index, 0);
    assert_eq!(err.first.map(|e| e.function), Some("OpenCluster"));
    assert_eq!(err.second, None);
}

const CHILD: &str = "RANDOM_FAULTS_TEST_CHILD";

/// Only does something in a child process started by the tests below.
#[test]
fn child_of_the_env_tests() {
    match std::env::var(CHILD).as_deref() {
        Ok("seed") => {
            println!("default seed={}", Sim::default().seed());
            println!("explicit seed={}", Sim::builder().seed(5).build().seed());
            let sim = with_half_default();
            let pattern: String = fired(&sim, 64).iter().map(|f| if *f { '1' } else { '0' }).collect();
            println!("pattern={pattern}");
            // The process-wide default of the exports takes it too.
            println!("current seed={}", clusapi_sim::current().seed());
        }
        Ok("panic") => {
            let sim = Sim::builder().seed(77).build();
            let _seed = sim.harness().seed_guard();
            panic!("the test fails");
        }
        Ok("quiet") => {
            let sim = Sim::builder().seed(78).build();
            let _seed = sim.harness().seed_guard();
        }
        _ => {}
    }
}

fn with_half_default() -> Sim {
    Sim::builder().fault(Fault::on("OpenCluster").probability(0.5).fail_with(ERROR_NOT_ENOUGH_MEMORY)).build()
}

fn run_child(what: &str, seed: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "child_of_the_env_tests", "--nocapture", "--test-threads=1"]);
    cmd.env(CHILD, what).env_remove(clusapi_sim::SEED_ENV).env_remove("CLUSAPI_SIM_FIXTURE");
    if let Some(v) = seed {
        cmd.env(clusapi_sim::SEED_ENV, v);
    }
    cmd.output().unwrap()
}

fn line<'a>(stdout: &'a str, key: &str) -> &'a str {
    stdout
        .lines()
        .find_map(|l| l.split_once(key).map(|(_, v)| v))
        .unwrap_or_else(|| panic!("no {key} in {stdout}"))
}

#[test]
fn the_seed_env_sets_the_seed_of_simulators_built_without_one() {
    let unset = run_child("seed", None);
    let out = String::from_utf8_lossy(&unset.stdout).into_owned();
    assert!(unset.status.success(), "{out}");
    assert_eq!(line(&out, "default seed="), "0");
    assert_eq!(line(&out, "current seed="), "0");

    let set = run_child("seed", Some("12345"));
    let out = String::from_utf8_lossy(&set.stdout).into_owned();
    assert!(set.status.success(), "{out}{}", String::from_utf8_lossy(&set.stderr));
    assert_eq!(line(&out, "default seed="), "12345");
    assert_eq!(line(&out, "current seed="), "12345");
    assert_eq!(line(&out, "explicit seed="), "5", "an explicit seed wins");
    // The child's random faults are those of seed 12345 here.
    let here: String = fired(&with_half(12345), 64).iter().map(|f| if *f { '1' } else { '0' }).collect();
    assert_eq!(line(&out, "pattern="), here);

    let hex = run_child("seed", Some("0x3039"));
    let out = String::from_utf8_lossy(&hex.stdout).into_owned();
    assert_eq!(line(&out, "default seed="), "12345", "hexadecimal too");

    let bad = run_child("seed", Some("twelve"));
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("CLUSAPI_SIM_SEED: not a u64 seed: \"twelve\""), "{stderr}");
}

#[test]
fn the_seed_guard_prints_the_seed_when_the_test_panics_and_only_then() {
    let failed = run_child("panic", None);
    assert!(!failed.status.success());
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("clusapi-sim: seed 77 (set CLUSAPI_SIM_SEED=77 to replay)"), "{stderr}");

    let passed = run_child("quiet", None);
    assert!(passed.status.success());
    let stderr = String::from_utf8_lossy(&passed.stderr);
    assert!(!stderr.contains("clusapi-sim: seed"), "{stderr}");
}

#[test]
fn a_random_fault_draws_only_for_the_calls_it_selects() {
    // A random fault on one function leaves the draws of another untouched: the draws happen
    // only for the calls a fault selects.
    let sim = Sim::builder()
        .seed(42)
        .fault(Fault::on("OpenCluster").probability(0.5).fail_with(ERROR_NOT_ENOUGH_MEMORY))
        .fault(Fault::on("OpenClusterGroup").probability(1.0).fail_with(codes::RPC_S_SERVER_UNAVAILABLE))
        .build();
    let a = fired(&sim, 1000);
    assert_eq!(a, fired(&with_half(42), 1000));
}
