//! Which simulator a Win32 export runs on: the one installed on the calling thread (guards
//! nest, the innermost wins), else the process-wide default; and what the simulator records
//! about calls that come through the exports (handle origins, the trace).

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};
use std::sync::{Barrier, mpsc};

use clusapi_sim::handles::RawHandle;
use clusapi_sim::{ClusterHandle, Face, Handle, Kind, Origin, Sim};
use windows_sys::Win32::Foundation::{
    ERROR_CALL_NOT_IMPLEMENTED, ERROR_GROUP_NOT_FOUND, ERROR_INVALID_HANDLE, ERROR_INVALID_PARAMETER,
    ERROR_MORE_DATA, ERROR_SUCCESS, SetLastError,
};
use windows_sys::Win32::Networking::Clustering::*;

const RPC_S_SERVER_UNAVAILABLE: u32 = 1722;

/// A two-node cluster `name` with one group, `group`, online on the first node.
fn fixture(name: &str, group: &str) -> String {
    format!(
        r#"
        [[cluster]]
        name = "{name}"

        [[cluster.node]]
        name = "{name}-N1"

        [[cluster.node]]
        name = "{name}-N2"

        [[cluster.group]]
        name = "{group}"
        owner = "{name}-N1"
        state = "online"

        [[cluster.group.resource]]
        name = "{group} IP"
        type = "IP Address"
        "#
    )
}

fn sim(name: &str, group: &str, seed: u64) -> Sim {
    Sim::builder().seed(seed).fixture_str(&fixture(name, group)).expect("valid fixture").build()
}

/// The GUID of group `name` in the first cluster of `sim`.
fn group_guid(sim: &Sim, name: &str) -> String {
    sim.harness().inspect(|world| {
        let c = &world.clusters()[0];
        c.groups()[&c.find_group(name).expect("group exists")].guid.clone()
    })
}

#[test]
fn two_threads_with_two_simulators_never_see_each_others_handles() {
    // Same fixture, different seeds: different GUIDs. Different fixtures: different names.
    let a = sim("CLUSTER-A", "Role", 1);
    let b = sim("CLUSTER-A", "Role", 2);
    let c = sim("CLUSTER-C", "Other Role", 1);
    let (guid_a, guid_b) = (group_guid(&a, "Role"), group_guid(&b, "Role"));
    assert_ne!(guid_a, guid_b);

    let barrier = &Barrier::new(2);
    let (to_b, from_a) = mpsc::channel::<(HCLUSTER, HGROUP)>();
    let (guid_a, guid_b) = (&guid_a, &guid_b);
    std::thread::scope(|s| {
        let b = &b;
        s.spawn(|| {
            let _g = a.install();
            // SAFETY: in all calls below, names NUL-terminated; buffers NULL.
            unsafe {
                let h = OpenCluster(null());
                let group = OpenClusterGroup(h, w(guid_a).as_ptr());
                assert_ne!(group, 0);
                to_b.send((h, group)).unwrap();
                barrier.wait(); // B tries our handles.
                barrier.wait();
                assert_eq!(GetClusterGroupState(group, null_mut(), null_mut()), ClusterGroupOnline);
                assert_eq!(GetClusterFromGroup(group), h);
                assert_eq!(CloseClusterGroup(group), 1);
                assert_eq!(CloseCluster(h), 1);
            }
        });
        s.spawn(move || {
            let _g = b.install();
            let (ha, ga) = from_a.recv().unwrap();
            // SAFETY: in all calls below, names NUL-terminated; buffers NULL.
            unsafe {
                let h = OpenCluster(w("cluster-a").as_ptr());
                assert_ne!(h, 0);
                // A's values mean nothing here, even though the fixtures are the same.
                assert_eq!(GetClusterGroupState(ga, null_mut(), null_mut()), ClusterGroupStateUnknown);
                assert_last_error(ERROR_INVALID_HANDLE);
                assert_eq!(GetClusterFromGroup(ga), 0);
                assert_last_error(ERROR_INVALID_HANDLE);
                assert_eq!(CloseClusterGroup(ga), 0);
                assert_last_error(ERROR_INVALID_HANDLE);
                assert_eq!(OpenClusterGroup(ha, w("Role").as_ptr()), 0);
                assert_last_error(ERROR_INVALID_HANDLE);
                assert_eq!(CloseCluster(ha), 1, "CloseCluster is TRUE, and closes nothing of A's");
                // A's group GUID is not a group here; B's is.
                assert_eq!(OpenClusterGroup(h, w(guid_a).as_ptr()), 0);
                assert_last_error(ERROR_GROUP_NOT_FOUND);
                let g = OpenClusterGroup(h, w(guid_b).as_ptr());
                assert_ne!(g, 0);
                barrier.wait();
                barrier.wait();
                assert_eq!(CloseClusterGroup(g), 1);
                assert_eq!(CloseCluster(h), 1);
            }
        });
        s.spawn(|| {
            let _g = c.install();
            // SAFETY: NUL-terminated.
            assert_eq!(unsafe { OpenCluster(w("CLUSTER-A").as_ptr()) }, 0, "another fixture's cluster");
            assert_last_error(RPC_S_SERVER_UNAVAILABLE);
        });
    });
    for s in [&a, &b, &c] {
        assert!(s.harness().open_handles().is_empty());
    }
    assert!(a.harness().trace().iter().all(|e| e.face == Face::Export));
    assert!(
        b.harness()
            .trace()
            .iter()
            .any(|e| e.function == "CloseClusterGroup" && e.result == ERROR_INVALID_HANDLE)
    );
    assert!(
        !a.harness().trace().iter().any(|e| e.result == ERROR_INVALID_HANDLE),
        "B's failures are not in A's trace"
    );
    assert!(
        c.harness()
            .trace()
            .iter()
            .any(|e| e.function == "OpenCluster" && e.result == RPC_S_SERVER_UNAVAILABLE)
    );
}

#[test]
fn nested_install_guards_innermost_wins() {
    let outer = sim("OUTER", "Outer Role", 1);
    let inner = sim("INNER", "Inner Role", 1);
    let _o = outer.install();
    // SAFETY: in all calls below, names NUL-terminated; buffers NULL.
    unsafe {
        let h = OpenCluster(null());
        let group = OpenClusterGroup(h, w("Outer Role").as_ptr());
        assert_ne!(group, 0);
        {
            let _i = inner.install();
            assert!(clusapi_sim::current().same_as(&inner));
            assert_eq!(OpenClusterGroup(h, w("Outer Role").as_ptr()), 0);
            assert_last_error(ERROR_INVALID_HANDLE);
            assert_eq!(CloseClusterGroup(group), 0, "the outer handle is not the inner simulator's");
            assert_last_error(ERROR_INVALID_HANDLE);
            let hi = OpenCluster(w("INNER").as_ptr());
            assert_ne!(hi, 0);
            assert_eq!(CloseCluster(hi), 1);
            assert!(inner.harness().open_handles().is_empty());
        }
        assert!(clusapi_sim::current().same_as(&outer));
        assert_eq!(outer.harness().open_handles().len(), 2, "the inner calls closed nothing here");
        assert_eq!(GetClusterGroupState(group, null_mut(), null_mut()), ClusterGroupOnline);
        assert_eq!(CloseClusterGroup(group), 1);
        assert_eq!(CloseCluster(h), 1);
    }
    // The same simulator installed twice: still one simulator.
    let _again = outer.install();
    assert!(clusapi_sim::current().same_as(&outer));
}

/// Nothing installed: the exports use the process-wide default, one simulator for every thread
/// that has none installed. Other tests of this binary install their own, so they neither see
/// nor disturb it; this is the only test here that uses it.
#[test]
fn the_process_default_serves_threads_with_nothing_installed() {
    let installed = sim("ELSEWHERE", "Role", 1);
    let (foreign, default_a) = {
        let _g = installed.install();
        // SAFETY: NULL is allowed.
        let h = unsafe { OpenCluster(null()) };
        assert_ne!(h, 0);
        (h, std::thread::spawn(clusapi_sim::current).join().unwrap())
    };
    let default_b = std::thread::spawn(clusapi_sim::current).join().unwrap();
    assert!(default_a.same_as(&default_b), "one default for the whole process");
    assert!(!default_a.same_as(&installed));
    assert!(clusapi_sim::current().same_as(&default_a), "this thread has nothing installed any more");

    std::thread::spawn(move || {
        let default = clusapi_sim::current();
        // SAFETY: in all calls below, NUL-terminated names or NULL.
        unsafe {
            // A handle from an installed simulator is not the default's.
            SetLastError(0);
            assert_eq!(CloseClusterGroup(foreign), 0);
            assert_last_error(ERROR_INVALID_HANDLE);
            // The default answers like a fresh `Sim::default()` would (unless the environment
            // names another fixture).
            let h = OpenCluster(null());
            if std::env::var_os("CLUSAPI_SIM_FIXTURE").is_none() {
                let fresh = Sim::default().open_cluster(None);
                assert_eq!(h != 0, fresh.is_ok());
                if let Err(e) = fresh {
                    assert_last_error(e.code());
                }
            }
            if h != 0 {
                let mine =
                    default.harness().open_handles().into_iter().find(|o| o.handle == RawHandle(h)).unwrap();
                assert!(matches!(mine.origin, Origin::Export { function: "OpenCluster", .. }));
                assert_eq!(CloseCluster(h), 1);
                assert!(!default.harness().open_handles().iter().any(|o| o.handle == RawHandle(h)));
            }
            let rc = BackupClusterDatabase(0, w("/tmp/backup").as_ptr());
            assert_eq!(rc, ERROR_CALL_NOT_IMPLEMENTED);
            let last = default
                .harness()
                .trace()
                .into_iter()
                .rev()
                .find(|e| e.function == "BackupClusterDatabase")
                .unwrap();
            assert_eq!((last.face, last.result), (Face::Export, ERROR_CALL_NOT_IMPLEMENTED));
        }
    })
    .join()
    .unwrap();
    let _g = installed.install();
    // SAFETY: any value.
    unsafe { CloseCluster(foreign) };
    assert!(installed.harness().open_handles().is_empty());
    assert!(!installed.harness().trace().iter().any(|e| e.function == "BackupClusterDatabase"));
}

#[test]
fn handles_opened_through_exports_record_their_origin() {
    let sim = sim("LAB", "Role", 1);
    let _g = sim.install();
    // SAFETY: in all calls below, names NUL-terminated.
    unsafe {
        let h = OpenCluster(w("LAB").as_ptr());
        let group = OpenClusterGroup(h, w("Role").as_ptr());
        assert_ne!(group, 0);
        let open = sim.harness().open_handles();
        let cluster = open.iter().find(|o| o.handle == RawHandle(h)).unwrap();
        assert_eq!(cluster.kind, Kind::Cluster);
        assert!(matches!(cluster.origin, Origin::Export { function: "OpenCluster", .. }));
        assert_eq!(cluster.parent, None);
        let mine = open.iter().find(|o| o.handle == RawHandle(group)).unwrap();
        assert_eq!(mine.kind, Kind::Group);
        assert_eq!(mine.parent, Some(RawHandle(h)));
        let Origin::Export { function: "OpenClusterGroup", seq } = mine.origin else {
            panic!("unexpected origin {:?}", mine.origin)
        };
        // The same call, in the trace, with the same sequence number.
        let entry = sim.harness().trace().into_iter().find(|e| e.seq == seq).unwrap();
        assert_eq!((entry.function, entry.face, entry.result), ("OpenClusterGroup", Face::Export, 0));
        assert!(
            sim.harness().check_leaks().unwrap_err().contains("OpenClusterGroup"),
            "the leak report names it"
        );

        // Handles opened through the Rust API say where in the Rust code.
        let rust = sim.open_group(ClusterHandle::from_raw(h), "Role").unwrap();
        let o = sim.harness().open_handles().into_iter().find(|o| o.handle == RawHandle(rust.raw())).unwrap();
        assert!(matches!(o.origin, Origin::Rust(loc) if loc.file().ends_with("win32_dispatch.rs")));
        assert_eq!(sim.harness().trace().last().unwrap().face, Face::Rust);
        sim.close_group(rust).unwrap();

        assert_eq!(CloseClusterGroup(group), 1);
        assert_eq!(CloseCluster(h), 1);
    }
    assert!(sim.harness().check_leaks().is_ok());
}

#[test]
fn failed_export_calls_are_traced_too() {
    let sim = sim("LAB", "Role", 1);
    let _g = sim.install();
    // SAFETY: in all calls below, names NULL or NUL-terminated.
    unsafe {
        let h = OpenCluster(null());
        // Rejected before reaching the simulator (NULL name), and by the simulator.
        assert_eq!(OpenClusterGroup(h, null()), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_eq!(OpenClusterGroup(h, w("nope").as_ptr()), 0);
        assert_last_error(ERROR_GROUP_NOT_FOUND);
        let mut state = 0;
        assert_eq!(GetNodeClusterState(w("NOWHERE").as_ptr(), &mut state), RPC_S_SERVER_UNAVAILABLE);
        assert_eq!(CloseCluster(h), 1);
    }
    let got: Vec<_> = sim.harness().trace().into_iter().map(|e| (e.function, e.face, e.result)).collect();
    assert_eq!(
        got,
        [
            ("OpenCluster", Face::Export, 0),
            ("OpenClusterGroup", Face::Export, ERROR_INVALID_PARAMETER),
            ("OpenClusterGroup", Face::Export, ERROR_GROUP_NOT_FOUND),
            ("GetNodeClusterState", Face::Export, RPC_S_SERVER_UNAVAILABLE),
            ("CloseCluster", Face::Export, 0),
        ]
    );
}

#[test]
fn a_not_implemented_export_returns_120_and_is_traced() {
    let sim = sim("LAB", "Role", 1);
    let _g = sim.install();
    // SAFETY: in all calls below, names NULL or NUL-terminated.
    unsafe {
        let h = OpenCluster(null());
        SetLastError(0);
        assert_eq!(BackupClusterDatabase(h, w("C:\\Backup").as_ptr()), ERROR_CALL_NOT_IMPLEMENTED);
        assert_last_error(0); // a DWORD function: the code is the return value
        assert_eq!(CloseCluster(h), 1);
    }
    let entry = sim.harness().trace().into_iter().find(|e| e.function == "BackupClusterDatabase").unwrap();
    assert_eq!((entry.face, entry.result), (Face::Export, ERROR_CALL_NOT_IMPLEMENTED));
}

#[test]
fn ex_exports_are_traced_and_recorded_under_their_own_name() {
    let sim = sim("EXLAB", "Ex Group", 3);
    let _g = sim.install();
    let name = w("Ex Group");
    let mut granted = 0u32;
    // SAFETY: NULL cluster name is allowed; `name` is NUL-terminated; `granted` is writable.
    let (c, g) = unsafe {
        let c = OpenCluster(null());
        (c, OpenClusterGroupEx(c, name.as_ptr(), 0x8000_0000, &mut granted))
    };
    assert_ne!(g, 0);
    let entry = sim.harness().open_handles().into_iter().find(|h| h.handle == RawHandle(g)).expect("open");
    assert!(
        matches!(entry.origin, Origin::Export { function: "OpenClusterGroupEx", .. }),
        "{:?}",
        entry.origin
    );
    let last = sim.harness().trace().pop().expect("traced");
    assert_eq!((last.function, last.face, last.result), ("OpenClusterGroupEx", Face::Export, 0));
    // SAFETY: closing handles this test opened.
    unsafe {
        CloseClusterGroup(g);
        CloseCluster(c);
    }
}

#[test]
fn a_short_buffer_is_traced_with_the_error_the_caller_saw() {
    let sim = sim("SHORT", "Short Group", 4);
    let _g = sim.install();
    let name = w("Short Group");
    let mut owner = [0u16; 2];
    let mut cch = owner.len() as u32;
    // SAFETY: `owner` holds `cch` units; the rest are valid handles or NUL-terminated names.
    let state = unsafe {
        let c = OpenCluster(null());
        let g = OpenClusterGroup(c, name.as_ptr());
        let state = GetClusterGroupState(g, owner.as_mut_ptr(), &mut cch);
        CloseCluster(c);
        state
    };
    assert_eq!(state, ClusterGroupStateUnknown);
    assert_eq!(cch, "SHORT-N1".len() as u32);
    let entry = sim
        .harness()
        .trace()
        .into_iter()
        .rev()
        .find(|e| e.function == "GetClusterGroupState")
        .expect("traced");
    assert_eq!(entry.result, 234, "ERROR_MORE_DATA, as GetLastError reported");
}

#[test]
fn each_export_call_is_one_record_with_its_arguments_result_and_last_error() {
    let sim = sim("ARGS", "Role", 5);
    let _g = sim.install();
    let mut owner = [0u16; 2];
    let mut cch = owner.len() as u32;
    // SAFETY: names NUL-terminated; `owner` holds `cch` units.
    unsafe {
        let h = OpenCluster(null());
        assert_eq!(OpenClusterGroup(h, w("nope").as_ptr()), 0);
        assert_last_error(ERROR_GROUP_NOT_FOUND);
        let e = ClusterOpenEnum(h, CLUSTER_ENUM_GROUP as u32);
        assert_eq!(ClusterCloseEnum(e), ERROR_SUCCESS);
        let g = OpenClusterGroup(h, w("role").as_ptr());
        assert_eq!(GetClusterGroupState(g, owner.as_mut_ptr(), &mut cch), ClusterGroupStateUnknown);
        assert_last_error(ERROR_MORE_DATA);
        assert_eq!(CloseCluster(h), 1);
    }
    let got: Vec<_> =
        sim.harness().trace().into_iter().map(|e| (e.function, e.args, e.result, e.last_error)).collect();
    let none = String::new;
    assert_eq!(
        got,
        [
            ("OpenCluster", "name=NULL".to_string(), 0, None),
            (
                "OpenClusterGroup",
                "name_or_id=\"nope\"".to_string(),
                ERROR_GROUP_NOT_FOUND,
                Some(ERROR_GROUP_NOT_FOUND)
            ),
            ("ClusterOpenEnum", "dwType=0x8".to_string(), 0, None),
            ("ClusterCloseEnum", none(), 0, None),
            ("OpenClusterGroup", "name_or_id=\"role\"".to_string(), 0, None),
            // The simulator answered; the export's short buffer failed it: one record, finished once.
            ("GetClusterGroupState", "group=\"Role\"".to_string(), ERROR_MORE_DATA, Some(ERROR_MORE_DATA)),
            ("CloseCluster", none(), 0, None),
        ]
    );
    let seqs: Vec<u64> = sim.harness().trace().iter().map(|e| e.seq).collect();
    assert!(seqs.windows(2).all(|w| w[1] == w[0] + 1), "one sequence number per call: {seqs:?}");
}
