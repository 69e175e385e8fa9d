//! The handle verifier (H8; DESIGN.md "Handle registry invariants"): every kind of violation,
//! through the Rust API and through the windows-sys exports. Off mode records and returns the
//! real codes; strict mode returns the same codes, and its report (`Harness::verify`, and the
//! panic when the simulator is dropped) lists each offending handle with where it was opened.
//! `CLUSAPI_SIM_STRICT=1` is tested in child processes (the process-wide default is built once).

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::Command;
use std::ptr::null_mut;

use clusapi_sim::{ClusterHandle, GroupHandle, Handle, Kind, Origin, Sim, Violation, codes};
use windows_sys::Win32::Foundation::{GetLastError, SetLastError};
use windows_sys::Win32::Networking::Clustering::*;

/// The panic message of `f`, which must panic (the simulator's drop-time check).
fn panic_of(f: impl FnOnce()) -> String {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err("the drop must fail the test");
    match err.downcast::<String>() {
        Ok(s) => *s,
        Err(e) => e.downcast::<&str>().map(|s| s.to_string()).unwrap_or_default(),
    }
}

fn here_line(origin: Option<Origin>) -> u32 {
    match origin {
        Some(Origin::Rust(loc)) => {
            assert_eq!(loc.file(), file!());
            loc.line()
        }
        other => panic!("expected a Rust origin, got {other:?}"),
    }
}

fn code<T: std::fmt::Debug>(r: clusapi_sim::Result<T>) -> u32 {
    r.unwrap_err().code()
}

// ---- 1. leaks --------------------------------------------------------------------------

#[test]
fn leak_rust_off_records_strict_reports_origin_and_fails_on_drop() {
    let sim = Sim::default();
    let c = sim.open_cluster(None).unwrap();
    let line = line!() + 1;
    let g = sim.open_group(c, "Cluster Group").unwrap();
    let report = sim.harness().verify().unwrap_err();
    assert!(
        report.contains(&format!("leaked HGROUP {:#x} opened at {}:{line}", g.raw(), file!())),
        "{report}"
    );
    sim.close_group(g).unwrap();
    sim.close_cluster(c);
    assert_eq!(sim.harness().verify(), Ok(()));

    let msg = panic_of(|| {
        let sim = Sim::builder().strict(true).build();
        let c = sim.open_cluster(None).unwrap();
        sim.open_node(c, "NODE1").unwrap();
    });
    assert!(
        msg.contains("leaked HNODE") && msg.contains("leaked HCLUSTER") && msg.contains(file!()),
        "{msg}"
    );
    // fail_on_leak is the leak-only part: it fails on leaks too.
    let msg = panic_of(|| {
        let sim = Sim::builder().fail_on_leak(true).build();
        sim.open_cluster(None).unwrap();
    });
    assert!(msg.contains("leaked HCLUSTER"), "{msg}");
}

#[test]
fn leak_win32_strict_reports_the_export_and_call_number() {
    let msg = panic_of(|| {
        let sim = Sim::builder().strict(true).build();
        let _guard = sim.install();
        let c = open_local();
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        let g = unsafe { OpenClusterGroup(c, w("Cluster Group").as_ptr()) };
        assert_ne!(g, 0);
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { CloseCluster(c) }, 1); // and a close with a derived handle open
    });
    assert!(msg.contains("OpenCluster (call #1)"), "{msg}");
    assert!(msg.contains("CloseCluster closed the cluster handle opened at OpenCluster (call #1)"), "{msg}");
}

// ---- 2. CloseCluster with derived handles open ---------------------------------------------

#[test]
fn close_cluster_with_open_handles_off_records_strict_and_fail_on_leak_fail_on_drop() {
    let sim = Sim::default();
    let c = sim.open_cluster(None).unwrap();
    sim.open_group(c, "Cluster Group").unwrap();
    assert!(sim.close_cluster(c));
    assert!(matches!(
        sim.harness().violations()[..],
        [Violation::ClusterClosedWithOpenHandles { derived: 1, .. }]
    ));
    assert!(sim.harness().verify().unwrap_err().contains("CloseCluster closed the cluster handle opened at"));
    for strict in [false, true] {
        let msg = panic_of(|| {
            let sim = Sim::builder().strict(strict).fail_on_leak(!strict).build();
            let c = sim.open_cluster(None).unwrap();
            sim.open_group(c, "Cluster Group").unwrap();
            assert!(sim.close_cluster(c));
        });
        assert!(
            msg.contains("CloseCluster closed the cluster handle opened at") && msg.contains(file!()),
            "{msg}"
        );
    }
}

// ---- 3. double close ---------------------------------------------------------------------------

#[test]
fn double_close_rust_off_keeps_the_code_and_records() {
    let sim = Sim::default();
    let c = sim.open_cluster(None).unwrap();
    let g = sim.open_group(c, "Cluster Group").unwrap();
    sim.close_group(g).unwrap();
    assert_eq!(code(sim.close_group(g)), codes::ERROR_INVALID_HANDLE);
    // A value never issued is forged, not a double close; NULL neither.
    assert_eq!(code(sim.close_group(GroupHandle::from_raw(0x1234_5670))), codes::ERROR_INVALID_HANDLE);
    assert_eq!(code(sim.close_group(GroupHandle::from_raw(0))), codes::ERROR_INVALID_HANDLE);
    assert!(sim.close_cluster(c));
    assert!(sim.close_cluster(c), "TRUE, as the docs promise, and a double close");
    let m = sim.harness().misuses();
    assert!(
        matches!(
            m[..],
            [
                Violation::DoubleClose {
                    kind: Kind::Group,
                    function: "CloseClusterGroup",
                    opened_at: None,
                    ..
                },
                Violation::DoubleClose { kind: Kind::Cluster, function: "CloseCluster", .. }
            ]
        ),
        "{m:?}"
    );
    assert_eq!(sim.harness().check_leaks(), Ok(()), "not a leak");
    assert!(sim.harness().verify().unwrap_err().contains("double close: CloseClusterGroup on HGROUP"));
}

#[test]
fn double_close_rust_strict_reports_where_it_was_opened_and_fails_on_drop() {
    let msg = panic_of(|| {
        let sim = Sim::builder().strict(true).build();
        let c = sim.open_cluster(None).unwrap();
        let g = sim.open_group(c, "Cluster Group").unwrap();
        sim.close_group(g).unwrap();
        assert_eq!(code(sim.close_group(g)), codes::ERROR_INVALID_HANDLE, "the same code as off");
        match &sim.harness().misuses()[..] {
            [Violation::DoubleClose { handle, opened_at, .. }] => {
                assert_eq!(handle.0, g.raw());
                assert!(here_line(*opened_at) > 0);
            }
            other => panic!("{other:?}"),
        }
        sim.close_cluster(c);
    });
    assert!(msg.contains("double close: CloseClusterGroup on HGROUP") && msg.contains(file!()), "{msg}");
    // Not with fail_on_leak alone: misuses are strict's.
    let sim = Sim::builder().fail_on_leak(true).build();
    let c = sim.open_cluster(None).unwrap();
    sim.close_cluster(c);
    sim.close_cluster(c);
    assert_eq!(sim.harness().misuse_count(), 1);
    drop(sim);
}

#[test]
fn double_close_win32_off_and_strict() {
    for strict in [false, true] {
        let sim = Sim::builder().strict(strict).build();
        let guard = sim.install();
        let c = open_local();
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        let g = unsafe { OpenClusterGroup(c, w("Cluster Group").as_ptr()) };
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { CloseClusterGroup(g) }, 1);
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        unsafe { SetLastError(0) };
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { CloseClusterGroup(g) }, 0);
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { GetLastError() }, codes::ERROR_INVALID_HANDLE);
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { CloseCluster(c) }, 1);
        let report = sim.harness().verify().unwrap_err();
        assert!(report.contains("double close: CloseClusterGroup on HGROUP"), "{report}");
        assert_eq!(report.contains("opened at OpenClusterGroup (call #2)"), strict, "{report}");
        drop(guard);
        if strict {
            let msg = panic_of(move || drop(sim));
            assert!(msg.contains("opened at OpenClusterGroup (call #2)"), "{msg}");
        }
    }
}

// ---- 4. use after close --------------------------------------------------------------------

#[test]
fn use_after_close_rust_off_and_strict() {
    for strict in [false, true] {
        let sim = Sim::builder().strict(strict).build();
        let c = sim.open_cluster(None).unwrap();
        let line = line!() + 1;
        let n = sim.open_node(c, "NODE1").unwrap();
        sim.close_node(n).unwrap();
        assert_eq!(code(sim.node_state(n)), codes::ERROR_INVALID_HANDLE);
        sim.close_cluster(c);
        // Closed with its cluster handle counts too.
        assert_eq!(code(sim.cluster_information(c)), codes::ERROR_INVALID_HANDLE);
        match &sim.harness().misuses()[..] {
            [
                Violation::UseAfterClose {
                    kind: Kind::Node, function: "GetClusterNodeState", opened_at, ..
                },
                Violation::UseAfterClose { kind: Kind::Cluster, function: "GetClusterInformation", .. },
            ] => assert_eq!(opened_at.is_some(), strict),
            other => panic!("{other:?}"),
        }
        if strict {
            let msg = panic_of(move || drop(sim));
            assert!(
                msg.contains(&format!("use after close: GetClusterNodeState on HNODE {:#x}", n.raw())),
                "{msg}"
            );
            assert!(msg.contains(&format!("{}:{line}", file!())), "{msg}");
        }
    }
}

#[test]
fn use_after_close_win32() {
    let sim = Sim::builder().strict(true).build();
    let guard = sim.install();
    let c = open_local();
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    let g = unsafe { OpenClusterGroup(c, w("Cluster Group").as_ptr()) };
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseClusterGroup(g) }, 1);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    unsafe { SetLastError(0) };
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { GetClusterGroupState(g, null_mut(), null_mut()) }, ClusterGroupStateUnknown);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { GetLastError() }, codes::ERROR_INVALID_HANDLE);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseCluster(c) }, 1);
    drop(guard);
    let msg = panic_of(move || drop(sim));
    assert!(
        msg.contains("use after close: GetClusterGroupState on HGROUP")
            && msg.contains("opened at OpenClusterGroup (call #2)"),
        "{msg}"
    );
}

// ---- 5. wrong kind -------------------------------------------------------------------------

#[test]
fn wrong_kind_rust_off_and_strict() {
    for strict in [false, true] {
        let sim = Sim::builder().strict(strict).build();
        let c = sim.open_cluster(None).unwrap();
        let line = line!() + 1;
        let n = sim.open_node(c, "NODE1").unwrap();
        let as_cluster = ClusterHandle::from_raw(n.raw());
        assert_eq!(code(sim.open_group(as_cluster, "Cluster Group")), codes::ERROR_INVALID_HANDLE);
        assert_eq!(code(sim.close_group(GroupHandle::from_raw(n.raw()))), codes::ERROR_INVALID_HANDLE);
        assert_eq!(sim.node_state(n).map(|_| ()), Ok(()), "the handle itself is fine");
        match &sim.harness().misuses()[..] {
            [
                Violation::WrongKind {
                    kind: Kind::Node,
                    expected: Kind::Cluster,
                    function: "OpenClusterGroup",
                    ..
                },
                Violation::WrongKind {
                    kind: Kind::Node,
                    expected: Kind::Group,
                    function: "CloseClusterGroup",
                    ..
                },
            ] => {}
            other => panic!("{other:?}"),
        }
        sim.close_node(n).unwrap();
        sim.close_cluster(c);
        let report = sim.harness().verify().unwrap_err();
        assert!(
            report.contains("wrong kind: OpenClusterGroup expects HCLUSTER and was given HNODE"),
            "{report}"
        );
        assert!(report.contains(&format!("{}:{line}", file!())), "{report}");
        if strict {
            let msg = panic_of(move || drop(sim));
            assert!(msg.contains("wrong kind"), "{msg}");
        }
    }
}

#[test]
fn wrong_kind_win32() {
    let sim = Sim::builder().strict(true).build();
    let guard = sim.install();
    let c = open_local();
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    let g = unsafe { OpenClusterGroup(c, w("Cluster Group").as_ptr()) };
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    unsafe { SetLastError(0) };
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { GetClusterResourceState(g, null_mut(), null_mut(), null_mut(), null_mut()) }, -1);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { GetLastError() }, codes::ERROR_INVALID_HANDLE);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseClusterGroup(g) }, 1);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseCluster(c) }, 1);
    drop(guard);
    let msg = panic_of(move || drop(sim));
    assert!(
        msg.contains("wrong kind: GetClusterResourceState expects HRESOURCE and was given HGROUP")
            && msg.contains("opened at OpenClusterGroup (call #2)"),
        "{msg}"
    );
}

// ---- 6. deleted object -----------------------------------------------------------------------

#[test]
fn deleted_object_rust_off_keeps_the_codes_and_strict_reports() {
    for strict in [false, true] {
        let sim = Sim::builder().strict(strict).build();
        let c = sim.open_cluster(None).unwrap();
        let line = line!() + 1;
        let g = sim.create_group(c, "Doomed").unwrap();
        sim.delete_group(g).unwrap();
        assert_eq!(code(sim.group_state(g)), codes::ERROR_GROUP_NOT_AVAILABLE);
        let n = sim.open_node(c, "NODE3").unwrap();
        sim.harness().node_down("NODE3").unwrap();
        sim.evict_node(n).unwrap();
        assert_eq!(code(sim.node_state(n)), codes::ERROR_NODE_NOT_AVAILABLE);
        match &sim.harness().misuses()[..] {
            [
                Violation::DeletedObject {
                    kind: Kind::Group,
                    code: 5012,
                    function: "GetClusterGroupState",
                    ..
                },
                Violation::DeletedObject {
                    kind: Kind::Node,
                    code: 5036,
                    function: "GetClusterNodeState",
                    ..
                },
            ] => {}
            other => panic!("{other:?}"),
        }
        // Closing such a handle still succeeds (H6), and is no misuse.
        sim.close_group(g).unwrap();
        sim.close_node(n).unwrap();
        sim.close_cluster(c);
        assert_eq!(sim.harness().misuse_count(), 2);
        let report = sim.harness().verify().unwrap_err();
        assert!(
            report.contains(&format!(
                "deleted object: GetClusterGroupState on HGROUP {:#x} opened at {}:{line}",
                g.raw(),
                file!()
            )),
            "{report}"
        );
        if strict {
            let msg = panic_of(move || drop(sim));
            assert!(msg.contains("deleted object") && msg.contains("(error 5036)"), "{msg}");
        }
    }
}

#[test]
fn deleted_object_win32() {
    let sim = Sim::builder().strict(true).build();
    let guard = sim.install();
    let c = open_local();
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    let g = unsafe { CreateClusterGroup(c, w("Doomed").as_ptr()) };
    assert_ne!(g, 0);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    let r = unsafe { CreateClusterResource(g, w("Doomed Disk").as_ptr(), w("Physical Disk").as_ptr(), 0) };
    assert_ne!(r, 0);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { DeleteClusterResource(r) }, 0);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    unsafe { SetLastError(0) };
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { GetClusterResourceState(r, null_mut(), null_mut(), null_mut(), null_mut()) }, -1);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { GetLastError() }, codes::ERROR_RESOURCE_NOT_AVAILABLE);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseClusterResource(r) }, 1);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseClusterGroup(g) }, 1);
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseCluster(c) }, 1);
    drop(guard);
    let msg = panic_of(move || drop(sim));
    assert!(
        msg.contains("deleted object: GetClusterResourceState on HRESOURCE")
            && msg.contains("opened at CreateClusterResource (call #3)")
            && msg.contains("(error 5006)"),
        "{msg}"
    );
}

// ---- off mode never panics -------------------------------------------------------------------

#[test]
fn off_mode_never_fails_on_drop_for_misuses() {
    let sim = Sim::default();
    let c = sim.open_cluster(None).unwrap();
    sim.close_cluster(c);
    sim.close_cluster(c);
    assert!(sim.cluster_information(c).is_err());
    assert_eq!(sim.harness().misuse_count(), 2);
    drop(sim); // no panic
}

// ---- CLUSAPI_SIM_STRICT=1: the process-wide default, in a child process ------------------

/// Set in the child processes of the tests below, with what the child should do.
const CHILD: &str = "CLUSAPI_SIM_VERIFIER_CHILD";

/// Not a test of its own: the body of the child processes. In the parent it does nothing.
#[test]
fn child_uses_the_process_default() {
    let Ok(what) = std::env::var(CHILD) else { return };
    // No simulator installed: the exports use the process-wide default.
    let c = open_local();
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    let g = unsafe { OpenClusterGroup(c, w("Cluster Group").as_ptr()) };
    // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
    assert_eq!(unsafe { CloseClusterGroup(g) }, 1);
    if what == "misuse" {
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { CloseClusterGroup(g) }, 0, "a double close");
        // The cluster handle leaks.
        assert_eq!(clusapi_sim::win32::clusapi_sim_verify(), 2, "one leak, one double close");
        println!("child: the default is strict: {}", clusapi_sim::current().harness().verify().is_err());
    } else {
        // SAFETY: handles from this simulator (or values it rejects) and NUL-terminated names; NULL out-pointers are allowed.
        assert_eq!(unsafe { CloseCluster(c) }, 1);
        assert_eq!(clusapi_sim::win32::clusapi_sim_verify(), 0);
    }
}

fn run_child(what: &str, strict: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", "child_uses_the_process_default", "--nocapture", "--test-threads=1"]);
    cmd.env(CHILD, what).env_remove("CLUSAPI_SIM_FIXTURE").env_remove(clusapi_sim::STRICT_ENV);
    if let Some(v) = strict {
        cmd.env(clusapi_sim::STRICT_ENV, v);
    }
    cmd.output().unwrap()
}

#[test]
fn strict_env_makes_the_process_default_report_at_exit_with_a_nonzero_status() {
    let out = run_child("misuse", Some("1"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(clusapi_sim::STRICT_EXIT_STATUS), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "the test itself passed, its output kept: {stdout}");
    assert!(
        stderr.contains("CLUSAPI_SIM_STRICT=1 and the process-wide default simulator found, at exit"),
        "{stderr}"
    );
    assert!(
        stderr.contains("leaked HCLUSTER") && stderr.contains("opened at OpenCluster (call #1)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("double close: CloseClusterGroup on HGROUP")
            && stderr.contains("opened at OpenClusterGroup (call #2)"),
        "{stderr}"
    );
    assert!(stderr.contains("clusapi_sim_verify found"), "the explicit check printed too: {stderr}");
}

#[test]
fn without_strict_env_the_process_default_records_but_exits_cleanly() {
    for strict in [None, Some("0")] {
        let out = run_child("misuse", strict);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("at exit"), "{stderr}");
    }
}

#[test]
fn a_clean_strict_process_exits_with_zero() {
    let out = run_child("clean", Some("1"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("clusapi-sim"), "{stderr}");
}
