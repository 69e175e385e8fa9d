//! The structural calls through the Win32 face, written as a windows-sys client writes them:
//! creating, deleting and renaming resources and groups, DestroyClusterGroup, preferred and
//! possible owners, dependencies, CanResourceBeDependent, ChangeClusterResourceGroup and
//! dependency expressions. Every rejected call is shown to change nothing. Each test installs
//! its own simulator on its thread.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};
use std::time::Duration;

use clusapi_sim::world::{ClusterBuilder, Group, Resource, RestartPolicy, World};
use clusapi_sim::{GroupHandle, Handle, Sim};
use windows_sys::Win32::Foundation::*;
use windows_sys::Win32::Networking::Clustering::*;

/// Runs a call that must be rejected and asserts that the world is as it was.
#[track_caller]
fn unchanged<R>(sim: &Sim, f: impl FnOnce() -> R) -> R {
    let before = sim.harness().world();
    let r = f();
    assert!(sim.harness().world() == before, "a rejected call changed the world");
    r
}

/// The resource named `name` in the local cluster, as the world has it.
fn res(sim: &Sim, name: &str) -> Option<Resource> {
    let world = sim.harness().world();
    let c = world.local_cluster();
    c.find_resource(name).map(|id| c.resources()[&id].clone())
}

/// The group behind a group handle, as the world has it.
fn group_of(sim: &Sim, h: HGROUP) -> Group {
    sim.harness().group(GroupHandle::from_raw(h)).unwrap()
}

fn resource_state(h: HRESOURCE) -> CLUSTER_RESOURCE_STATE {
    // SAFETY: NULL buffers and counts are allowed.
    unsafe { GetClusterResourceState(h, null_mut(), null_mut(), null_mut(), null_mut()) }
}

fn group_state(h: HGROUP) -> (CLUSTER_GROUP_STATE, String) {
    let (mut name, mut len) = ([0u16; 64], 64u32);
    // SAFETY: the buffer is passed with its capacity.
    let state = unsafe { GetClusterGroupState(h, name.as_mut_ptr(), &mut len) };
    (state, if state == ClusterGroupStateUnknown { String::new() } else { text(&name) })
}

fn create_resource(hg: HGROUP, name: &str, kind: &str) -> HRESOURCE {
    // SAFETY: NUL-terminated strings.
    let h = unsafe { CreateClusterResource(hg, w(name).as_ptr(), w(kind).as_ptr(), 0) };
    assert_ne!(h, 0, "CreateClusterResource({name})");
    h
}

fn create_group(hc: HCLUSTER, name: &str) -> HGROUP {
    // SAFETY: a NUL-terminated name.
    let h = unsafe { CreateClusterGroup(hc, w(name).as_ptr()) };
    assert_ne!(h, 0, "CreateClusterGroup({name})");
    h
}

fn expression(h: HRESOURCE) -> String {
    let (mut buf, mut cch) = ([0u16; 256], 256u32);
    // SAFETY: the buffer is passed with its capacity.
    let code = unsafe { GetClusterResourceDependencyExpression(h, buf.as_mut_ptr(), &mut cch) };
    assert_eq!(code, ERROR_SUCCESS);
    text(&buf)
}

fn preferred(sim: &Sim, group: &str) -> Vec<u32> {
    let world = sim.harness().world();
    let c = world.local_cluster();
    c.groups()[&c.find_group(group).unwrap()].preferred_owners.clone()
}

// ---- CreateClusterResource ------------------------------------------------------------------

#[test]
fn create_resource_makes_an_offline_resource_on_every_node_with_a_handle_from_the_groups_cluster() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let app = open_group(hc, "CONTOSO-APP1");
    let h = create_resource(app, "App Share", "File Server");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(resource_state(h), ClusterResourceOffline);
        assert_eq!(GetClusterFromResource(h), hc, "derived from the group's cluster handle");
        let r = res(&sim, "app share").expect("names ignore case");
        assert_eq!((r.possible_owners, r.dependencies, r.persistent_online), (vec![1, 2, 3], vec![], false));
        assert_eq!(
            (r.resource_type.as_str(), r.restart, r.core),
            ("File Server", RestartPolicy::default(), false)
        );
        let sep = CreateClusterResourceEx(
            app,
            w("App Share 2").as_ptr(),
            w("file server").as_ptr(),
            CLUSTER_RESOURCE_SEPARATE_MONITOR as u32,
            w("second share").as_ptr(),
        );
        assert_ne!(sep, 0, "SEPARATE_MONITOR and a type in another case");
        assert_eq!(OnlineClusterResource(h), ERROR_SUCCESS, "the new resource works");
        CloseClusterResource(sep);
        CloseClusterResource(h);
        CloseClusterGroup(app);
        CloseCluster(hc);
    }
}

#[test]
fn create_resource_rejections_give_their_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let app = open_group(hc, "CONTOSO-APP1");
    let create = |g: HGROUP, name: *const u16, kind: &str, flags: u32| {
        // SAFETY: no pointers.
        unsafe { SetLastError(0) };
        // SAFETY: NUL-terminated or NULL strings.
        let h = unsafe { CreateClusterResource(g, name, w(kind).as_ptr(), flags) };
        assert_eq!(h, 0);
        // SAFETY: no arguments.
        unsafe { GetLastError() }
    };
    let cases: [(HGROUP, Option<&str>, &str, u32, u32); 6] = [
        (app, Some("cluster disk 1"), "Physical Disk", 0, ERROR_OBJECT_ALREADY_EXISTS),
        (app, Some("New"), "No Such Type", 0, ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND),
        (app, Some(""), "Physical Disk", 0, ERROR_INVALID_NAME),
        (app, Some("New"), "Physical Disk", 2, ERROR_INVALID_PARAMETER),
        (app, None, "Physical Disk", 0, ERROR_INVALID_PARAMETER),
        (hc, Some("New"), "Physical Disk", 0, ERROR_INVALID_HANDLE),
    ];
    for (g, name, kind, flags, code) in cases {
        let wide = name.map(w);
        let p = wide.as_ref().map_or(null(), |v| v.as_ptr());
        assert_eq!(unchanged(&sim, || create(g, p, kind, flags)), code, "{name:?} {kind} {flags}");
    }
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(app);
        CloseCluster(hc);
    }
}

// ---- DeleteClusterResource ------------------------------------------------------------------

#[test]
fn a_deleted_resource_keeps_its_handle_which_then_gives_resource_not_available() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(DeleteClusterResource(svc), ERROR_SUCCESS);
        assert!(res(&sim, "Contoso App Service").is_none());
        assert_eq!(resource_state(svc), ClusterResourceStateUnknown);
        assert_last_error(ERROR_RESOURCE_NOT_AVAILABLE);
        assert_eq!(DeleteClusterResource(svc), ERROR_RESOURCE_NOT_AVAILABLE);
        assert_eq!(OpenClusterResource(hc, w("Contoso App Service").as_ptr()), 0);
        assert_last_error(ERROR_RESOURCE_NOT_FOUND);
        assert_eq!(CloseClusterResource(svc), 1, "the handle is still open until closed");
        let app = open_resource(hc, "CONTOSO-APP1");
        assert_eq!(DeleteClusterResourceEx(app, w("no dependents left").as_ptr()), ERROR_SUCCESS);
        CloseClusterResource(app);
        CloseCluster(hc);
    }
}

#[test]
fn a_failed_resource_can_be_deleted_and_its_restart_timer_then_does_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 2");
    // SAFETY: a live handle.
    unsafe {
        assert_eq!(FailClusterResource(disk), ERROR_SUCCESS);
        assert_eq!(resource_state(disk), ClusterResourceFailed);
        assert_eq!(DeleteClusterResource(disk), ERROR_SUCCESS);
        sim.harness().advance(Duration::from_secs(5));
        assert!(sim.harness().settle().is_ok());
        assert!(res(&sim, "Cluster Disk 2").is_none());
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn delete_resource_rejections_give_their_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let online = open_resource(hc, "Cluster Disk 2");
    let core = open_resource(hc, "Cluster IP Address");
    let provider = open_resource(hc, "IP Address 10.0.0.70");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(unchanged(&sim, || DeleteClusterResource(online)), ERROR_INVALID_STATE);
        assert_eq!(unchanged(&sim, || DeleteClusterResource(core)), ERROR_CORE_RESOURCE);
        assert_eq!(unchanged(&sim, || DeleteClusterResource(provider)), ERROR_DEPENDENT_RESOURCE_EXISTS);
        assert_eq!(unchanged(&sim, || DeleteClusterResource(hc)), ERROR_INVALID_HANDLE);
        assert_eq!(unchanged(&sim, || DeleteClusterResourceEx(0, null())), ERROR_INVALID_HANDLE);
        for h in [online, core, provider] {
            CloseClusterResource(h);
        }
        CloseCluster(hc);
    }
}

// ---- SetClusterResourceName / SetClusterGroupName -------------------------------------------

#[test]
fn resource_renames_follow_the_name_rules() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 2");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(SetClusterResourceName(disk, w("Backup Disk").as_ptr()), ERROR_SUCCESS);
        assert!(res(&sim, "BACKUP DISK").is_some() && res(&sim, "Cluster Disk 2").is_none());
        assert_eq!(SetClusterResourceName(disk, w("backup disk").as_ptr()), ERROR_SUCCESS, "its own name");
        assert_eq!(res(&sim, "Backup Disk").unwrap().name, "backup disk");
        let reason = w("why");
        assert_eq!(SetClusterResourceNameEx(disk, w("Disk B").as_ptr(), reason.as_ptr()), ERROR_SUCCESS);
        let other = w("cluster disk 3");
        assert_eq!(unchanged(&sim, || SetClusterResourceName(disk, other.as_ptr())), ERROR_ALREADY_EXISTS);
        let guid = w(&res(&sim, "Cluster Disk 3").unwrap().guid);
        assert_eq!(unchanged(&sim, || SetClusterResourceName(disk, guid.as_ptr())), ERROR_ALREADY_EXISTS);
        let empty = w("");
        assert_eq!(unchanged(&sim, || SetClusterResourceName(disk, empty.as_ptr())), ERROR_INVALID_NAME);
        assert_eq!(unchanged(&sim, || SetClusterResourceName(disk, null())), ERROR_INVALID_PARAMETER);
        let lone = [0xd800u16, 0];
        assert_eq!(unchanged(&sim, || SetClusterResourceName(disk, lone.as_ptr())), ERROR_INVALID_NAME);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn group_renames_follow_the_name_rules_and_guids_are_names_too() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let app = open_group(hc, "CONTOSO-APP1");
    let fs_guid = {
        let world = sim.harness().world();
        let c = world.local_cluster();
        c.groups()[&c.find_group("FS01").unwrap()].guid.clone()
    };
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(SetClusterGroupName(app, w("Contoso App").as_ptr()), ERROR_SUCCESS);
        assert_eq!(group_state(app).0, ClusterGroupOffline, "the handle follows the group");
        assert_eq!(SetClusterGroupName(app, w("CONTOSO APP").as_ptr()), ERROR_SUCCESS, "its own name");
        assert_eq!(SetClusterGroupNameEx(app, w("App").as_ptr(), w("r").as_ptr()), ERROR_SUCCESS);
        assert_eq!(OpenClusterGroup(hc, w("CONTOSO-APP1").as_ptr()), 0);
        assert_last_error(ERROR_GROUP_NOT_FOUND);
        let other = w("fs01");
        assert_eq!(unchanged(&sim, || SetClusterGroupName(app, other.as_ptr())), ERROR_ALREADY_EXISTS);
        let guid = w(&fs_guid.to_uppercase());
        assert_eq!(unchanged(&sim, || SetClusterGroupName(app, guid.as_ptr())), ERROR_ALREADY_EXISTS);
        let empty = w("");
        assert_eq!(unchanged(&sim, || SetClusterGroupName(app, empty.as_ptr())), ERROR_INVALID_NAME);
        assert_eq!(unchanged(&sim, || SetClusterGroupName(app, null())), ERROR_INVALID_PARAMETER);
        assert_eq!(unchanged(&sim, || SetClusterGroupName(hc, other.as_ptr())), ERROR_INVALID_HANDLE);
        CloseClusterGroup(app);
        CloseCluster(hc);
    }
}

// ---- CreateClusterGroup(Ex) -----------------------------------------------------------------

#[test]
fn a_new_group_is_empty_offline_and_owned_by_the_first_node_that_is_up() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let web = create_group(hc, "WEB01");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(group_state(web), (ClusterGroupOffline, "NODE1".to_string()));
        assert_eq!(GetClusterFromGroup(web), hc);
        let g = group_of(&sim, web);
        assert_eq!((g.group_type, g.resources.len(), g.preferred_owners.len()), (9999, 0, 0));
        assert!(!g.persistent_online);
        let info =
            CLUSTER_CREATE_GROUP_INFO { dwVersion: CLUSTER_CREATE_GROUP_INFO_VERSION_1, groupType: 100 };
        let fs = CreateClusterGroupEx(hc, w("FS02").as_ptr(), &info);
        assert_ne!(fs, 0);
        assert_eq!(group_of(&sim, fs).group_type, 100, "ClusGroupTypeFileServer");
        let plain = CreateClusterGroupEx(hc, w("PLAIN").as_ptr(), null());
        assert_eq!(group_of(&sim, plain).group_type, 9999, "NULL info: Unknown");
        sim.harness().node_down("NODE1").unwrap();
        let later = create_group(hc, "LATER");
        assert_eq!(group_state(later).1, "NODE2");
        for h in [web, fs, plain, later] {
            CloseClusterGroup(h);
        }
        CloseCluster(hc);
    }
}

#[test]
fn create_group_rejections_give_their_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let fs_guid = {
        let world = sim.harness().world();
        let c = world.local_cluster();
        c.groups()[&c.find_group("FS01").unwrap()].guid.clone()
    };
    let create = |name: *const u16, info: *const CLUSTER_CREATE_GROUP_INFO| {
        // SAFETY: NUL-terminated or NULL strings, a live or NULL info.
        let h = unsafe { CreateClusterGroupEx(hc, name, info) };
        assert_eq!(h, 0);
        // SAFETY: no arguments.
        unsafe { GetLastError() }
    };
    let v2 = CLUSTER_CREATE_GROUP_INFO { dwVersion: 2, groupType: 100 };
    let negative = CLUSTER_CREATE_GROUP_INFO { dwVersion: 1, groupType: -1 };
    let (dup, guid, empty, new) = (w("sql server (mssqlserver)"), w(&fs_guid), w(""), w("NEW"));
    assert_eq!(unchanged(&sim, || create(dup.as_ptr(), null())), ERROR_OBJECT_ALREADY_EXISTS);
    assert_eq!(unchanged(&sim, || create(guid.as_ptr(), null())), ERROR_OBJECT_ALREADY_EXISTS);
    assert_eq!(unchanged(&sim, || create(empty.as_ptr(), null())), ERROR_INVALID_NAME);
    assert_eq!(unchanged(&sim, || create(null(), null())), ERROR_INVALID_PARAMETER);
    assert_eq!(unchanged(&sim, || create(new.as_ptr(), &v2)), ERROR_INVALID_PARAMETER);
    assert_eq!(unchanged(&sim, || create(new.as_ptr(), &negative)), ERROR_INVALID_PARAMETER);
    // SAFETY: a forged cluster handle is detected.
    let h = unchanged(&sim, || unsafe { CreateClusterGroup(12345, new.as_ptr()) });
    assert_eq!(h, 0);
    assert_last_error(ERROR_INVALID_HANDLE);
    // SAFETY: a live handle.
    unsafe { CloseCluster(hc) };
}

// ---- DeleteClusterGroup / DestroyClusterGroup -----------------------------------------------

#[test]
fn an_empty_group_can_be_deleted_and_its_handle_then_gives_group_not_available() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let web = create_group(hc, "WEB01");
    let app = open_group(hc, "CONTOSO-APP1");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(unchanged(&sim, || DeleteClusterGroup(app)), ERROR_DIR_NOT_EMPTY);
        assert_eq!(DeleteClusterGroup(web), ERROR_SUCCESS);
        assert_eq!(group_state(web).0, ClusterGroupStateUnknown);
        assert_last_error(ERROR_GROUP_NOT_AVAILABLE);
        assert_eq!(DeleteClusterGroup(web), ERROR_GROUP_NOT_AVAILABLE);
        let again = create_group(hc, "WEB01");
        assert_eq!(DeleteClusterGroupEx(again, w("gone").as_ptr()), ERROR_SUCCESS);
        assert_eq!(unchanged(&sim, || DeleteClusterGroup(hc)), ERROR_INVALID_HANDLE);
        for h in [web, again, app] {
            assert_eq!(CloseClusterGroup(h), 1);
        }
        CloseCluster(hc);
    }
}

#[test]
fn destroy_takes_an_online_group_down_and_deletes_it_with_its_resources() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let fs = open_group(hc, "FS01");
    let disk = open_resource(hc, "Cluster Disk 5");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(group_state(fs).0, ClusterGroupOnline);
        assert_eq!(DestroyClusterGroup(fs), ERROR_SUCCESS);
        for name in ["IP Address 10.0.0.50", "FS01", "Cluster Disk 5", r"File Server (\\FS01)"] {
            assert!(res(&sim, name).is_none(), "{name} is deleted");
        }
        assert_eq!(group_state(fs).0, ClusterGroupStateUnknown);
        assert_last_error(ERROR_GROUP_NOT_AVAILABLE);
        assert_eq!(resource_state(disk), ClusterResourceStateUnknown);
        assert_last_error(ERROR_RESOURCE_NOT_AVAILABLE);
        let app = open_group(hc, "CONTOSO-APP1");
        assert_eq!(DestroyClusterGroupEx(app, w("role removed").as_ptr()), ERROR_SUCCESS);
        CloseClusterGroup(app);
        CloseClusterResource(disk);
        CloseClusterGroup(fs);
        CloseCluster(hc);
    }
}

#[test]
fn destroy_terminates_pending_resources_at_once() {
    let (mut clusters, local) = Sim::default().harness().world().into_parts();
    let mut c = ClusterBuilder::from(clusters.remove(local));
    c.set_type_delays("Generic Service", 5_000, 5_000).unwrap();
    clusters.insert(local, c.build());
    let sim = Sim::builder().world(World::new(clusters, local).unwrap()).build();
    let _g = sim.install();
    let hc = open_local();
    let app = open_group(hc, "CONTOSO-APP1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OnlineClusterGroup(app, 0), ERROR_IO_PENDING);
        assert!(sim.harness().pending() > 0);
        assert_eq!(DestroyClusterGroup(app), ERROR_SUCCESS, "done, not pending");
        assert_eq!(sim.harness().pending(), 0);
        assert!(sim.harness().settle().is_ok());
        CloseClusterGroup(app);
        CloseCluster(hc);
    }
}

#[test]
fn destroy_refuses_a_group_with_a_core_resource_and_changes_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let core = open_group(hc, "Cluster Group");
    let storage = open_group(hc, "Available Storage"); // a core group of non-core disks
    // SAFETY: live handles.
    unsafe {
        assert_eq!(unchanged(&sim, || DestroyClusterGroup(core)), ERROR_CORE_RESOURCE);
        assert_eq!(unchanged(&sim, || DestroyClusterGroupEx(storage, null())), ERROR_CORE_RESOURCE);
        assert_eq!(unchanged(&sim, || DestroyClusterGroup(0)), ERROR_INVALID_HANDLE);
        CloseClusterGroup(core);
        CloseClusterGroup(storage);
        CloseCluster(hc);
    }
}

// ---- SetClusterGroupNodeList ----------------------------------------------------------------

#[test]
fn the_node_list_overwrites_the_preferred_owners_and_the_others_are_appended() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let sql = open_group(hc, "SQL Server (MSSQLSERVER)");
    let (n1, n2, n3) = (open_node(hc, "NODE1"), open_node(hc, "NODE2"), open_node(hc, "NODE3"));
    // SAFETY: live handles; the lists hold `count` handles.
    unsafe {
        assert_eq!(SetClusterGroupNodeList(sql, 2, [n3, n1].as_ptr()), ERROR_SUCCESS);
        assert_eq!(preferred(&sim, "SQL Server (MSSQLSERVER)"), [3, 1, 2]);
        assert_eq!(SetClusterGroupNodeList(sql, 1, [n2].as_ptr()), ERROR_SUCCESS);
        assert_eq!(preferred(&sim, "SQL Server (MSSQLSERVER)"), [2, 1, 3]);
        assert_eq!(SetClusterGroupNodeList(sql, 2, [n1, n1].as_ptr()), ERROR_SUCCESS);
        assert_eq!(preferred(&sim, "SQL Server (MSSQLSERVER)"), [1, 2, 3], "a node given twice counts once");
        assert_eq!(SetClusterGroupNodeList(sql, 0, null()), ERROR_SUCCESS);
        assert!(preferred(&sim, "SQL Server (MSSQLSERVER)").is_empty(), "count 0 clears");
        assert_eq!(SetClusterGroupNodeListEx(sql, 1, [n3].as_ptr(), w("r").as_ptr()), ERROR_SUCCESS);
        assert_eq!(preferred(&sim, "SQL Server (MSSQLSERVER)"), [3, 1, 2]);
        assert_eq!(unchanged(&sim, || SetClusterGroupNodeList(sql, 1, null())), ERROR_INVALID_PARAMETER);
        assert_eq!(
            unchanged(&sim, || SetClusterGroupNodeList(sql, 2, [n1, 0].as_ptr())),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(unchanged(&sim, || SetClusterGroupNodeList(sql, 1, [sql].as_ptr())), ERROR_INVALID_HANDLE);
        assert_eq!(unchanged(&sim, || SetClusterGroupNodeList(n1, 1, [n1].as_ptr())), ERROR_INVALID_HANDLE);
        for n in [n1, n2, n3] {
            CloseClusterNode(n);
        }
        CloseClusterGroup(sql);
        CloseCluster(hc);
    }
}

// ---- possible owners ------------------------------------------------------------------------

#[test]
fn possible_owners_are_added_and_removed_by_the_rules() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 5"); // NODE1 and NODE3; online on NODE3
    let (n1, n2, n3) = (open_node(hc, "NODE1"), open_node(hc, "NODE2"), open_node(hc, "NODE3"));
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(AddClusterResourceNode(disk, n2), ERROR_SUCCESS);
        assert_eq!(res(&sim, "Cluster Disk 5").unwrap().possible_owners, [1, 3, 2]);
        assert_eq!(unchanged(&sim, || AddClusterResourceNode(disk, n2)), ERROR_OBJECT_ALREADY_EXISTS);
        assert_eq!(RemoveClusterResourceNode(disk, n1), ERROR_SUCCESS);
        assert_eq!(unchanged(&sim, || RemoveClusterResourceNode(disk, n1)), ERROR_CLUSTER_NODE_NOT_FOUND);
        assert_eq!(unchanged(&sim, || RemoveClusterResourceNode(disk, n3)), ERROR_INVALID_STATE, "its host");
        assert_eq!(OfflineClusterResource(disk), ERROR_SUCCESS);
        assert_eq!(RemoveClusterResourceNodeEx(disk, n3, w("r").as_ptr()), ERROR_SUCCESS, "offline: allowed");
        assert_eq!(AddClusterResourceNodeEx(disk, n1, w("r").as_ptr()), ERROR_SUCCESS);
        assert_eq!(res(&sim, "Cluster Disk 5").unwrap().possible_owners, [2, 1]);
        assert_eq!(unchanged(&sim, || AddClusterResourceNode(disk, 0)), ERROR_INVALID_HANDLE);
        assert_eq!(unchanged(&sim, || RemoveClusterResourceNode(n1, n1)), ERROR_INVALID_HANDLE);
        for n in [n1, n2, n3] {
            CloseClusterNode(n);
        }
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

// ---- dependencies ---------------------------------------------------------------------------

#[test]
fn dependencies_are_added_and_removed_by_the_rules() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    let ip = open_resource(hc, "IP Address 10.0.0.70");
    let disk4 = open_resource(hc, "Cluster Disk 4");
    let sql_agent = open_resource(hc, "SQL Server Agent"); // online
    let sql_ip = open_resource(hc, "SQL IP Address 1 (SQLFCI01)");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(AddClusterResourceDependency(svc, ip), ERROR_SUCCESS);
        assert_eq!(expression(svc), "[CONTOSO-APP1] and [IP Address 10.0.0.70]");
        assert_eq!(
            unchanged(&sim, || AddClusterResourceDependency(svc, ip)),
            ERROR_DEPENDENCY_ALREADY_EXISTS
        );
        assert_eq!(unchanged(&sim, || AddClusterResourceDependency(ip, svc)), ERROR_CIRCULAR_DEPENDENCY);
        assert_eq!(unchanged(&sim, || AddClusterResourceDependency(svc, svc)), ERROR_CIRCULAR_DEPENDENCY);
        assert_eq!(unchanged(&sim, || AddClusterResourceDependency(svc, disk4)), ERROR_INVALID_PARAMETER);
        assert_eq!(unchanged(&sim, || AddClusterResourceDependency(svc, hc)), ERROR_INVALID_HANDLE);
        // Online SQL Server Agent on its online provider: fine; on an offline one: refused.
        assert_eq!(AddClusterResourceDependency(sql_agent, sql_ip), ERROR_SUCCESS, "both online");
        assert_eq!(RemoveClusterResourceDependency(sql_agent, sql_ip), ERROR_SUCCESS);
        assert_eq!(OfflineClusterResource(disk4), ERROR_SUCCESS); // takes SQL Server and the agent down
        assert_eq!(OnlineClusterResource(sql_ip), ERROR_SUCCESS);
        let sql_name = open_resource(hc, "SQL Network Name (SQLFCI01)");
        assert_eq!(OnlineClusterResource(sql_name), ERROR_SUCCESS);
        assert_eq!(OfflineClusterResource(sql_name), ERROR_SUCCESS);
        // SQL IP online, SQL Network Name offline: the IP may not start depending on it.
        assert_eq!(unchanged(&sim, || AddClusterResourceDependency(sql_ip, disk4)), ERROR_RESOURCE_ONLINE);
        assert_eq!(RemoveClusterResourceDependency(svc, ip), ERROR_SUCCESS);
        assert_eq!(unchanged(&sim, || RemoveClusterResourceDependency(svc, ip)), ERROR_DEPENDENCY_NOT_FOUND);
        let r = w("r");
        assert_eq!(AddClusterResourceDependencyEx(svc, ip, r.as_ptr()), ERROR_SUCCESS);
        assert_eq!(RemoveClusterResourceDependencyEx(svc, ip, r.as_ptr()), ERROR_SUCCESS);
        assert_eq!(unchanged(&sim, || RemoveClusterResourceDependency(svc, 0)), ERROR_INVALID_HANDLE);
        for h in [svc, ip, disk4, sql_agent, sql_ip, sql_name] {
            CloseClusterResource(h);
        }
        CloseCluster(hc);
    }
}

#[test]
fn a_dependency_tree_deeper_than_100_is_too_complex() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let deep = create_group(hc, "DEEP");
    let chain: Vec<HRESOURCE> =
        (0..102).map(|i| create_resource(deep, &format!("R{i}"), "Generic Service")).collect();
    // SAFETY: live handles.
    unsafe {
        for i in 1..101 {
            assert_eq!(AddClusterResourceDependency(chain[i], chain[i - 1]), ERROR_SUCCESS, "edge {i}");
        }
        // 100 dependencies in one chain: one more is too many, at either end.
        assert_eq!(
            unchanged(&sim, || AddClusterResourceDependency(chain[101], chain[100])),
            ERROR_DEPENDENCY_TREE_TOO_COMPLEX
        );
        assert_eq!(
            unchanged(&sim, || AddClusterResourceDependency(chain[0], chain[101])),
            ERROR_DEPENDENCY_TREE_TOO_COMPLEX
        );
        assert_eq!(CanResourceBeDependent(chain[101], chain[100]), 0);
        assert_eq!(AddClusterResourceDependency(chain[101], chain[50]), ERROR_SUCCESS, "a shorter branch");
        for h in chain {
            CloseClusterResource(h);
        }
        CloseClusterGroup(deep);
        CloseCluster(hc);
    }
}

#[test]
fn can_resource_be_dependent_answers_without_changing_anything() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    let ip = open_resource(hc, "IP Address 10.0.0.70");
    let name = open_resource(hc, "CONTOSO-APP1");
    let disk4 = open_resource(hc, "Cluster Disk 4");
    // SAFETY: live handles.
    unsafe {
        SetLastError(7);
        assert_eq!(unchanged(&sim, || CanResourceBeDependent(svc, ip)), 1, "same group, no cycle");
        assert_eq!(unchanged(&sim, || CanResourceBeDependent(svc, name)), 0, "already");
        assert_eq!(unchanged(&sim, || CanResourceBeDependent(ip, svc)), 0, "a cycle");
        assert_eq!(unchanged(&sim, || CanResourceBeDependent(svc, svc)), 0, "itself");
        assert_eq!(unchanged(&sim, || CanResourceBeDependent(svc, disk4)), 0, "another group");
        assert_eq!(GetLastError(), 7, "FALSE is an answer, not an error");
        assert_eq!(unchanged(&sim, || CanResourceBeDependent(svc, 0)), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        for h in [svc, ip, name, disk4] {
            CloseClusterResource(h);
        }
        CloseCluster(hc);
    }
}

// ---- ChangeClusterResourceGroup -------------------------------------------------------------

#[test]
fn change_group_moves_the_whole_dependency_tree() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let web = create_group(hc, "WEB01"); // NODE1
    let ip = open_resource(hc, "IP Address 10.0.0.70"); // CONTOSO-APP1, offline, NODE3
    let disk3 = open_resource(hc, "Cluster Disk 3"); // Available Storage, online, NODE1
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        assert_eq!(ChangeClusterResourceGroup(ip, web), ERROR_SUCCESS);
        for name in ["IP Address 10.0.0.70", "CONTOSO-APP1", "Contoso App Service"] {
            assert_eq!(res(&sim, name).unwrap().group, group_of(&sim, web).id, "{name}");
        }
        let app = open_group(hc, "CONTOSO-APP1");
        assert!(group_of(&sim, app).resources.is_empty());
        assert_eq!(ChangeClusterResourceGroupEx(disk3, web, 1), ERROR_SUCCESS, "online, same node");
        assert_eq!(resource_state(disk3), ClusterResourceOnline);
        assert_eq!(group_state(web).0, ClusterGroupPartialOnline);
        let storage = open_group(hc, "Available Storage");
        assert_eq!(ChangeClusterResourceGroupEx2(disk3, storage, 0, w("back").as_ptr()), ERROR_SUCCESS);
        for h in [app, storage] {
            CloseClusterGroup(h);
        }
        CloseClusterResource(ip);
        CloseClusterResource(disk3);
        CloseClusterGroup(web);
        CloseCluster(hc);
    }
}

#[test]
fn change_group_rejections_give_their_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let web = create_group(hc, "WEB01"); // NODE1
    let far = create_group(hc, "FAR");
    let n2 = open_node(hc, "NODE2");
    let fs = open_group(hc, "FS01"); // online on NODE3
    let disk5 = open_resource(hc, "Cluster Disk 5"); // NODE1 and NODE3 only
    let app = open_group(hc, "CONTOSO-APP1");
    let ip = open_resource(hc, "IP Address 10.0.0.70");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(MoveClusterGroup(far, n2), ERROR_SUCCESS);
        assert_eq!(unchanged(&sim, || ChangeClusterResourceGroup(ip, app)), ERROR_ALREADY_EXISTS);
        assert_eq!(unchanged(&sim, || ChangeClusterResourceGroup(disk5, web)), ERROR_RESOURCE_ONLINE);
        assert_eq!(OfflineClusterGroup(fs), ERROR_SUCCESS);
        assert_eq!(
            unchanged(&sim, || ChangeClusterResourceGroup(disk5, far)),
            ERROR_HOST_NODE_NOT_RESOURCE_OWNER
        );
        assert_eq!(unchanged(&sim, || ChangeClusterResourceGroupEx(disk5, web, 2)), ERROR_INVALID_PARAMETER);
        assert_eq!(unchanged(&sim, || ChangeClusterResourceGroup(disk5, hc)), ERROR_INVALID_HANDLE);
        assert_eq!(DeleteClusterGroup(web), ERROR_SUCCESS);
        assert_eq!(unchanged(&sim, || ChangeClusterResourceGroup(disk5, web)), ERROR_GROUP_NOT_AVAILABLE);
        assert_eq!(
            ChangeClusterResourceGroup(disk5, open_group(hc, "CONTOSO-APP1")),
            ERROR_SUCCESS,
            "offline: any node"
        );
        CloseClusterNode(n2);
        for g in [web, far, fs, app] {
            CloseClusterGroup(g);
        }
        CloseClusterResource(disk5);
        CloseClusterResource(ip);
        // The extra CONTOSO-APP1 handle goes with the cluster handle.
        CloseCluster(hc);
    }
}

// ---- dependency expressions -----------------------------------------------------------------

#[test]
fn the_dependency_expression_reads_with_the_size_protocol() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let sql = open_resource(hc, "SQL Server");
    let ip = open_resource(hc, "Cluster IP Address");
    let want = "[SQL Network Name (SQLFCI01)] and [Cluster Disk 4]";
    let len = want.encode_utf16().count() as u32;
    // SAFETY: live handles; buffers passed with their capacity.
    unsafe {
        let mut cch = 0u32;
        assert_eq!(GetClusterResourceDependencyExpression(sql, null_mut(), &mut cch), ERROR_MORE_DATA);
        assert_eq!(cch, len);
        let mut buf = vec![0xffffu16; len as usize + 1];
        cch = len;
        assert_eq!(GetClusterResourceDependencyExpression(sql, buf.as_mut_ptr(), &mut cch), ERROR_MORE_DATA);
        assert_eq!((cch, buf[0]), (len, 0xffff), "too small: nothing written");
        cch = len + 1;
        assert_eq!(GetClusterResourceDependencyExpression(sql, buf.as_mut_ptr(), &mut cch), ERROR_SUCCESS);
        assert_eq!((text(&buf), cch), (want.to_string(), len));
        assert_eq!(expression(ip), "", "no dependencies");
        assert_eq!(
            GetClusterResourceDependencyExpression(sql, buf.as_mut_ptr(), null_mut()),
            ERROR_INVALID_PARAMETER
        );
        let mut cch = 10;
        assert_eq!(
            GetClusterResourceDependencyExpression(hc, buf.as_mut_ptr(), &mut cch),
            ERROR_INVALID_HANDLE
        );
        CloseClusterResource(sql);
        CloseClusterResource(ip);
        CloseCluster(hc);
    }
}

// ---- GetClusterResourceNetworkName -----------------------------------------------------------

/// `GetClusterResourceNetworkName` into a buffer of `cap` WCHARs: the BOOL, the last error on
/// FALSE, the count written back and the text.
fn network_name(h: HRESOURCE, cap: u32) -> (windows_sys::core::BOOL, u32, u32, String) {
    let mut buf = vec![0xffffu16; cap.max(1) as usize];
    let mut n = cap;
    let ptr = if cap == 0 { null_mut() } else { buf.as_mut_ptr() };
    // SAFETY: the buffer is passed with its capacity; `n` is a live u32.
    let ok = unsafe { GetClusterResourceNetworkName(h, ptr, &mut n) };
    // SAFETY: no arguments.
    let err = if ok == 0 { unsafe { GetLastError() } } else { 0 };
    let text = if ok != 0 { text(&buf) } else { String::new() };
    (ok, err, n, text)
}

#[test]
fn resource_network_name_follows_dependencies_to_the_network_name_and_sizes_like_the_page() {
    let _sim = Sim::default();
    let _g = _sim.install();
    let hc = open_local();
    // SQL Server Agent -> SQL Server -> SQL Network Name (SQLFCI01): the Name private property.
    let agent = open_resource(hc, "SQL Server Agent");
    assert_eq!(network_name(agent, 64), (TRUE, 0, 8, "SQLFCI01".to_string()), "transitive");
    // The size protocol: capacity with the NUL in, the length without it out.
    assert_eq!(network_name(agent, 0), (FALSE, ERROR_MORE_DATA, 8, String::new()));
    assert_eq!(network_name(agent, 8), (FALSE, ERROR_MORE_DATA, 8, String::new()), "no room for the NUL");
    assert_eq!(network_name(agent, 9), (TRUE, 0, 8, "SQLFCI01".to_string()));
    // A Network Name answers its own Name; its IP Address finds none below and answers the
    // cluster's name (a choice, from Samba's all_resources), as a disk of Available Storage does.
    let cno = open_resource(hc, "Cluster Name");
    let ip = open_resource(hc, "SQL IP Address 1 (SQLFCI01)");
    let disk = open_resource(hc, "Cluster Disk 2");
    assert_eq!(network_name(cno, 64).3, "CONTOSO-CLU1");
    assert_eq!(network_name(ip, 64).3, "CONTOSO-CLU1");
    assert_eq!(network_name(disk, 64).3, "CONTOSO-CLU1");
    // SAFETY: a cluster handle where a resource handle belongs; a NULL count.
    unsafe {
        let mut buf = [0u16; 16];
        let mut n = 16u32;
        assert_eq!(GetClusterResourceNetworkName(hc, buf.as_mut_ptr(), &mut n), FALSE);
        assert_eq!(GetLastError(), ERROR_INVALID_HANDLE);
        assert_eq!(GetClusterResourceNetworkName(agent, buf.as_mut_ptr(), null_mut()), FALSE);
        assert_eq!(GetLastError(), ERROR_INVALID_PARAMETER);
        for h in [agent, cno, ip, disk] {
            CloseClusterResource(h);
        }
        CloseCluster(hc);
    }
}

#[test]
fn setting_the_expression_replaces_every_dependency() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        let set = |e: &str| SetClusterResourceDependencyExpression(svc, w(e).as_ptr());
        assert_eq!(set("[ip address 10.0.0.70] AND ([contoso-app1])"), ERROR_SUCCESS);
        assert_eq!(expression(svc), "[IP Address 10.0.0.70] and [CONTOSO-APP1]");
        assert_eq!(set("[CONTOSO-APP1]"), ERROR_SUCCESS);
        assert_eq!(expression(svc), "[CONTOSO-APP1]");
        assert_eq!(set(""), ERROR_SUCCESS);
        assert_eq!(expression(svc), "", "an empty expression clears them");
        assert_eq!(OnlineClusterResource(svc), ERROR_SUCCESS, "nothing to wait for now");
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn expression_rejections_give_their_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    let ip = open_resource(hc, "IP Address 10.0.0.70");
    let cases = [
        ("([IP Address 10.0.0.70] or [ip address 10.0.0.70])", ERROR_INVALID_PARAMETER), // named twice
        ("[IP Address 10.0.0.70] and", ERROR_INVALID_PARAMETER),
        ("[IP Address 10.0.0.70", ERROR_INVALID_PARAMETER),
        ("[CONTOSO-APP1] and [contoso-app1]", ERROR_INVALID_PARAMETER),
        ("[Cluster Disk 4]", ERROR_INVALID_PARAMETER), // another group
        ("[No Such Resource]", ERROR_RESOURCE_NOT_FOUND),
        ("[Contoso App Service]", ERROR_CIRCULAR_DEPENDENCY),
    ];
    // SAFETY: live handles; NUL-terminated strings.
    unsafe {
        for (e, code) in cases {
            let wide = w(e);
            assert_eq!(
                unchanged(&sim, || SetClusterResourceDependencyExpression(svc, wide.as_ptr())),
                code,
                "{e}"
            );
        }
        let cycle = w("[Contoso App Service]");
        assert_eq!(
            unchanged(&sim, || SetClusterResourceDependencyExpression(ip, cycle.as_ptr())),
            ERROR_CIRCULAR_DEPENDENCY
        );
        assert_eq!(
            unchanged(&sim, || SetClusterResourceDependencyExpression(svc, null())),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(
            unchanged(&sim, || SetClusterResourceDependencyExpression(hc, cycle.as_ptr())),
            ERROR_INVALID_HANDLE
        );
        // A bare OR expression is one OR-set (MS-CMRP 3.1.4.2.109 allows it).
        let bare = w("[IP Address 10.0.0.70] or [CONTOSO-APP1]");
        assert_eq!(SetClusterResourceDependencyExpression(svc, bare.as_ptr()), ERROR_SUCCESS);
        let (mut buf, mut cch) = ([0u16; 128], 128u32);
        assert_eq!(GetClusterResourceDependencyExpression(svc, buf.as_mut_ptr(), &mut cch), ERROR_SUCCESS);
        assert_eq!(text(&buf), "([IP Address 10.0.0.70] or [CONTOSO-APP1])");
        CloseClusterResource(svc);
        CloseClusterResource(ip);
        CloseCluster(hc);
    }
}
