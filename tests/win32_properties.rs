//! Property lists through the Win32 control functions, written as a windows-sys client
//! writes them: the size query with a NULL buffer, then the call, then parsing the
//! `CLUSPROP_*` list; SET and VALIDATE with their documented errors; the engine reading the
//! policy it was given; and the events a property change posts. Each test installs its own
//! simulator of the default cluster.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::ptr::{null, null_mut};
use std::time::Duration;

use clusapi_sim::Sim;
use clusapi_sim::property::{PropertyList, Value};
use clusapi_sim::world::World;
use windows_sys::Win32::Foundation::{
    ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_DATA, ERROR_INVALID_FUNCTION, ERROR_INVALID_PARAMETER,
    ERROR_MORE_DATA, ERROR_RESOURCE_PROPERTIES_STORED, ERROR_RESOURCE_PROPERTY_UNCHANGEABLE, ERROR_SUCCESS,
    RPC_X_BAD_STUB_DATA,
};
use windows_sys::Win32::Networking::Clustering::*;

type ControlFn =
    unsafe extern "system" fn(isize, HNODE, u32, *const c_void, u32, *mut c_void, u32, *mut u32) -> u32;

/// A GET-style control as clients write it: ask the size with a NULL buffer, allocate, call.
fn get(f: ControlFn, h: isize, code: u32) -> Vec<u8> {
    let mut needed = 0u32;
    // SAFETY: NULL output with size 0 is the documented size query.
    let rc = unsafe { f(h, 0, code, null(), 0, null_mut(), 0, &mut needed) };
    assert!(rc == ERROR_SUCCESS || rc == ERROR_MORE_DATA, "size query of {code:#x}: {rc}");
    let mut buf = vec![0u8; needed as usize];
    let mut returned = 0u32;
    // SAFETY: the buffer holds `needed` bytes.
    let rc = unsafe { f(h, 0, code, null(), 0, buf.as_mut_ptr().cast(), needed, &mut returned) };
    assert_eq!(rc, ERROR_SUCCESS, "{code:#x}");
    assert_eq!(returned, needed);
    buf
}

/// A SET- or VALIDATE-style control with `input`.
fn put(f: ControlFn, h: isize, code: u32, input: &[u8]) -> u32 {
    let mut returned = 0u32;
    // SAFETY: the input is passed with its size; no output buffer.
    unsafe { f(h, 0, code, input.as_ptr().cast(), input.len() as u32, null_mut(), 0, &mut returned) }
}

fn list(props: &[(&str, Value)]) -> Vec<u8> {
    let mut l = PropertyList::new();
    for (n, v) in props {
        l.push(*n, v.clone());
    }
    l.encode()
}

fn names(multi_sz: &[u8]) -> Vec<String> {
    let units: Vec<u16> = multi_sz.chunks(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
    let mut out: Vec<String> = units.split(|&u| u == 0).map(|s| String::from_utf16(s).unwrap()).collect();
    assert_eq!(out.pop().as_deref(), Some(""), "double NUL at the end");
    assert_eq!(out.pop().as_deref(), Some(""), "double NUL at the end");
    out
}

fn snapshot(sim: &Sim) -> World {
    sim.harness().world()
}

fn group_owner(h: HGROUP) -> String {
    let (mut name, mut len) = ([0u16; 64], 64u32);
    // SAFETY: the buffer is passed with its capacity.
    unsafe { GetClusterGroupState(h, name.as_mut_ptr(), &mut len) };
    text(&name)
}

#[test]
fn common_properties_split_into_read_write_and_read_only_lists() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let group = open_group(hc, "Cluster Group");
    let rw =
        PropertyList::decode(&get(ClusterGroupControl, group, CLUSCTL_GROUP_GET_COMMON_PROPERTIES as u32))
            .unwrap();
    let ro =
        PropertyList::decode(&get(ClusterGroupControl, group, CLUSCTL_GROUP_GET_RO_COMMON_PROPERTIES as u32))
            .unwrap();
    // MsCS:group-common-properties defaults; GroupType 1 = ClusGroupTypeCoreCluster.
    assert_eq!(rw.get("FailoverThreshold").and_then(Value::as_dword), Some(u32::MAX));
    assert_eq!(rw.get("FailoverPeriod").and_then(Value::as_dword), Some(6));
    assert_eq!(rw.get("Priority").and_then(Value::as_dword), Some(2000));
    assert_eq!(rw.get("PersistentState").and_then(Value::as_dword), Some(1), "the fixture has it online");
    assert!(rw.get("Name").is_none() && rw.get("GroupType").is_none(), "read-only ones only in GET_RO");
    assert_eq!(ro.get("Name").and_then(Value::as_str), Some("Cluster Group"));
    assert_eq!(ro.get("GroupType").and_then(Value::as_dword), Some(1));
    assert!(ro.iter().all(|p| rw.get(&p.name).is_none()));

    let enumerated = names(&get(ClusterGroupControl, group, CLUSCTL_GROUP_ENUM_COMMON_PROPERTIES as u32));
    let rw_names: Vec<&str> = rw.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(enumerated, rw_names, "ENUM lists the names that can be modified");
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(group);
        CloseCluster(hc);
    }
}

#[test]
fn node_and_cluster_read_only_lists_start_as_windows_captures_do() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let node = open_node(hc, "NODE1");
    let ro =
        PropertyList::decode(&get(ClusterNodeControl, node, CLUSCTL_NODE_GET_RO_COMMON_PROPERTIES as u32))
            .unwrap();
    let order: Vec<&str> = ro.iter().take(12).map(|p| p.name.as_str()).collect();
    // Samba source4/torture/ndr/clusapi.c, clusapi_PROPERTY_LIST_data2 (WS2012R2).
    assert_eq!(
        order,
        [
            "NodeName",
            "NodeHighestVersion",
            "NodeLowestVersion",
            "MajorVersion",
            "MinorVersion",
            "BuildNumber",
            "CSDVersion",
            "NodeInstanceID",
            "NodeDrainStatus",
            "NodeDrainTarget",
            "DynamicWeight",
            "NeedsPreventQuorum"
        ]
    );
    assert_eq!(ro.get("NodeName").and_then(Value::as_str), Some("NODE1"));
    assert_eq!(ro.get("BuildNumber").and_then(Value::as_dword), Some(20348), "Windows Server 2022");
    assert_eq!(ro.get("NodeDrainStatus").and_then(Value::as_dword), Some(0));

    let cl = PropertyList::decode(&get(ClusterControl, hc, CLUSCTL_CLUSTER_GET_RO_COMMON_PROPERTIES as u32))
        .unwrap();
    let order: Vec<&str> = cl.iter().take(6).map(|p| p.name.as_str()).collect();
    // clusapi_PROPERTY_LIST_data (WS2012R2).
    assert_eq!(
        order,
        [
            "FixQuorum",
            "PreventQuorum",
            "IgnorePersistentStateOnStartup",
            "SharedVolumesRoot",
            "WitnessDynamicWeight",
            "AdminAccessPoint"
        ]
    );
    assert_eq!(cl.get("SharedVolumesRoot").and_then(Value::as_str), Some("C:\\ClusterStorage"));
    // SAFETY: live handles.
    unsafe {
        CloseClusterNode(node);
        CloseCluster(hc);
    }
}

#[test]
fn setting_restart_threshold_changes_what_the_next_failure_does() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    let group = open_group(hc, "Cluster Group");
    let home = group_owner(group);
    let code = CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES as u32;
    // With the default threshold (3) the first failure restarts in place
    // (tests/win32_engine.rs); with 0 the first one is past it: the group fails over.
    assert_eq!(put(ClusterResourceControl, disk, code, &list(&[("RestartThreshold", Value::Dword(0))])), 0);
    let rw = PropertyList::decode(&get(
        ClusterResourceControl,
        disk,
        CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES as u32,
    ))
    .unwrap();
    assert_eq!(rw.get("RestartThreshold").and_then(Value::as_dword), Some(0));
    // SAFETY: live handles.
    unsafe {
        assert_eq!(FailClusterResource(disk), ERROR_SUCCESS);
        sim.harness().settle().unwrap();
        assert_ne!(group_owner(group), home, "the first failure failed the group over");
        CloseClusterGroup(group);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn restart_action_dont_restart_leaves_the_resource_failed() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 2");
    let group = open_group(hc, "Available Storage");
    let home = group_owner(group);
    let code = CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES as u32;
    // ClusterResourceDontRestart (0).
    assert_eq!(put(ClusterResourceControl, disk, code, &list(&[("RestartAction", Value::Dword(0))])), 0);
    // SAFETY: live handles.
    unsafe {
        assert_eq!(FailClusterResource(disk), ERROR_SUCCESS);
        sim.harness().settle().unwrap();
        let state = GetClusterResourceState(disk, null_mut(), null_mut(), null_mut(), null_mut());
        assert_eq!(state, ClusterResourceFailed, "never restarted");
        assert_eq!(group_owner(group), home, "and the group stayed");
        CloseClusterGroup(group);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn setting_failover_threshold_to_zero_keeps_a_failing_group_home() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    let group = open_group(hc, "Cluster Group");
    let home = group_owner(group);
    let set_res = CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES as u32;
    let set_grp = CLUSCTL_GROUP_SET_COMMON_PROPERTIES as u32;
    assert_eq!(
        put(ClusterResourceControl, disk, set_res, &list(&[("RestartThreshold", Value::Dword(0))])),
        0
    );
    assert_eq!(put(ClusterGroupControl, group, set_grp, &list(&[("FailoverThreshold", Value::Dword(0))])), 0);
    // SAFETY: live handles.
    unsafe {
        assert_eq!(FailClusterResource(disk), ERROR_SUCCESS);
        sim.harness().settle().unwrap();
        assert_eq!(group_owner(group), home, "no failover allowed in the period");
        CloseClusterGroup(group);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn set_errors_are_the_documented_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 2");
    let group = open_group(hc, "Available Storage");
    let set = CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES as u32;
    let validate = CLUSCTL_RESOURCE_VALIDATE_COMMON_PROPERTIES as u32;
    let good = list(&[("Description", Value::Sz("ok".into()))]);
    let mut truncated = good.clone();
    truncated.truncate(good.len() - 12);
    let mut bad_name = good.clone();
    bad_name[4] = 0x02; // the NAME entry's syntax is no longer CLUSPROP_SYNTAX_NAME
    let cases: Vec<(&str, Vec<u8>, u32)> = vec![
        ("unknown common property", list(&[("NoSuchProperty", Value::Dword(1))]), ERROR_INVALID_PARAMETER),
        ("read-only", list(&[("Name", Value::Sz("x".into()))]), ERROR_RESOURCE_PROPERTY_UNCHANGEABLE),
        ("wrong syntax", list(&[("RestartThreshold", Value::Sz("3".into()))]), ERROR_INVALID_DATA),
        ("out of range", list(&[("RestartAction", Value::Dword(3))]), ERROR_INVALID_DATA),
        ("below the minimum", list(&[("PendingTimeout", Value::Dword(1))]), ERROR_INVALID_DATA),
        (
            "one bad among good ones",
            list(&[("Description", Value::Sz("x".into())), ("RestartAction", Value::Dword(9))]),
            ERROR_INVALID_DATA,
        ),
        ("runs past the buffer", truncated, ERROR_INSUFFICIENT_BUFFER),
        ("badly formed", bad_name, ERROR_INVALID_PARAMETER),
    ];
    let before = snapshot(&sim);
    for (what, input, code) in &cases {
        assert_eq!(put(ClusterResourceControl, disk, set, input), *code, "SET: {what}");
        assert_eq!(put(ClusterResourceControl, disk, validate, input), *code, "VALIDATE: {what}");
    }
    let mut returned = 0u32;
    // SAFETY: a NULL input buffer, as a buggy client passes it.
    let rc = unsafe { ClusterResourceControl(disk, 0, set, null(), 16, null_mut(), 0, &mut returned) };
    assert_eq!(rc, RPC_X_BAD_STUB_DATA as u32, "NULL input");
    assert!(snapshot(&sim) == before, "no failed SET changed anything");

    assert_eq!(put(ClusterResourceControl, disk, validate, &good), ERROR_SUCCESS);
    assert!(snapshot(&sim) == before, "VALIDATE stores nothing");
    assert_eq!(put(ClusterResourceControl, disk, set, &good), ERROR_SUCCESS);
    assert!(snapshot(&sim) != before);
    let rw = PropertyList::decode(&get(
        ClusterResourceControl,
        disk,
        CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES as u32,
    ))
    .unwrap();
    assert_eq!(rw.get("Description").and_then(Value::as_str), Some("ok"));
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(group);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn private_properties_of_an_online_resource_take_effect_at_its_next_online() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let ip = open_resource(hc, "Cluster IP Address");
    let set = CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES as u32;
    let input = list(&[("EnableNetBIOS", Value::Dword(0))]);
    assert_eq!(put(ClusterResourceControl, ip, set, &input), ERROR_RESOURCE_PROPERTIES_STORED);
    let private = PropertyList::decode(&get(
        ClusterResourceControl,
        ip,
        CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES as u32,
    ))
    .unwrap();
    assert_eq!(private.get("EnableNetBIOS").and_then(Value::as_dword), Some(0), "stored all the same");
    // Out of its range (0..=2), or read-only: refused.
    assert_eq!(
        put(ClusterResourceControl, ip, set, &list(&[("EnableNetBIOS", Value::Dword(3))])),
        ERROR_INVALID_DATA
    );
    assert_eq!(
        put(ClusterResourceControl, ip, set, &list(&[("DhcpServer", Value::Sz("x".into()))])),
        ERROR_RESOURCE_PROPERTY_UNCHANGEABLE
    );
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OfflineClusterResource(ip), ERROR_SUCCESS);
        let again = list(&[("EnableNetBIOS", Value::Dword(1))]);
        assert_eq!(put(ClusterResourceControl, ip, set, &again), ERROR_SUCCESS, "offline: in effect at once");
        OnlineClusterResource(ip);
        CloseClusterResource(ip);
        CloseCluster(hc);
    }
}

#[test]
fn unknown_private_properties_of_groups_nodes_and_networks_are_stored() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let group = open_group(hc, "FS01");
    let node = open_node(hc, "NODE2");
    let net = open_network(hc, "Cluster Network 1");
    let input = list(&[("ToolSetting", Value::Sz("blue".into())), ("ToolLevel", Value::Dword(7))]);
    for (f, h, set, get_code) in [
        (
            ClusterGroupControl as ControlFn,
            group,
            CLUSCTL_GROUP_SET_PRIVATE_PROPERTIES,
            CLUSCTL_GROUP_GET_PRIVATE_PROPERTIES,
        ),
        (ClusterNodeControl, node, CLUSCTL_NODE_SET_PRIVATE_PROPERTIES, CLUSCTL_NODE_GET_PRIVATE_PROPERTIES),
        (
            ClusterNetworkControl,
            net,
            CLUSCTL_NETWORK_SET_PRIVATE_PROPERTIES,
            CLUSCTL_NETWORK_GET_PRIVATE_PROPERTIES,
        ),
    ] {
        assert_eq!(put(f, h, set as u32, &input), ERROR_SUCCESS);
        let got = PropertyList::decode(&get(f, h, get_code as u32)).unwrap();
        assert_eq!(got.get("toolsetting").and_then(Value::as_str), Some("blue"), "names ignore case");
        assert_eq!(got.get("ToolLevel").and_then(Value::as_dword), Some(7));
    }
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(group);
        CloseClusterNode(node);
        CloseClusterNetwork(net);
        CloseCluster(hc);
    }
}

#[test]
fn property_formats_name_each_property_with_a_word() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 2");
    let fmts = PropertyList::decode(&get(
        ClusterResourceControl,
        res,
        CLUSCTL_RESOURCE_GET_COMMON_PROPERTY_FMTS as u32,
    ))
    .unwrap();
    assert_eq!(fmts.get("RestartAction"), Some(&Value::Word(2)), "CLUSPROP_FORMAT_DWORD");
    assert_eq!(fmts.get("Description"), Some(&Value::Word(3)), "CLUSPROP_FORMAT_SZ");
    assert_eq!(fmts.get("StatusInformation"), Some(&Value::Word(6)), "CLUSPROP_FORMAT_ULARGE_INTEGER");
    let ty = w("Physical Disk");
    let mut returned = 0u32;
    let mut buf = [0u8; 64];
    // SAFETY: the buffer is passed with its size.
    let rc = unsafe {
        ClusterResourceTypeControl(
            hc,
            ty.as_ptr(),
            0,
            CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTY_FMTS as u32,
            null(),
            0,
            buf.as_mut_ptr().cast(),
            64,
            &mut returned,
        )
    };
    assert_eq!(rc, ERROR_INVALID_FUNCTION, "MsCS:clusctl-resource-type-get-common-property-fmts");
    // SAFETY: live handles.
    unsafe {
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn a_property_change_posts_its_events() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 2");
    // SAFETY: a new port for the cluster; its key is 7.
    let port = unsafe { CreateClusterNotifyPort(-1, hc, CLUSTER_CHANGE_RESOURCE_PROPERTY as u32, 7) };
    assert_ne!(port, 0);
    let set = CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES as u32;
    assert_eq!(put(ClusterResourceControl, res, set, &list(&[("Description", Value::Sz("x".into()))])), 0);
    let (mut key, mut filter, mut name, mut len) = (0usize, 0u32, [0u16; 64], 64u32);
    // SAFETY: out-parameters with the buffer's capacity.
    let rc = unsafe { GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut len, 0) };
    assert_eq!(rc, ERROR_SUCCESS);
    assert_eq!((key, filter), (7, CLUSTER_CHANGE_RESOURCE_PROPERTY as u32));
    assert_eq!(text(&name), "Cluster Disk 2");
    // SAFETY: live handles.
    unsafe {
        CloseClusterNotifyPort(port);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn group_ex_enumeration_items_carry_the_properties_asked_for() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // Samba's test_CreateGroupEnum asks for "Priority" and the read-only "GroupType".
    let props: Vec<u16> = "Priority\0NoSuchProperty\0\0".encode_utf16().collect();
    let ro = w("GroupType");
    // SAFETY: the name lists are passed with their sizes in bytes.
    let he = unsafe {
        ClusterGroupOpenEnumEx(
            hc,
            props.as_ptr(),
            2 * props.len() as u32,
            ro.as_ptr(),
            2 * ro.len() as u32,
            0,
        )
    };
    assert_ne!(he, 0);
    // SAFETY: a live enumeration.
    let count = unsafe { ClusterGroupGetEnumCountEx(he) };
    let mut seen = 0;
    for i in 0..count {
        let mut cb = 0u32;
        // SAFETY: a NULL item with a size of 0 asks for the size.
        assert_eq!(unsafe { ClusterGroupEnumEx(he, i, null_mut(), &mut cb) }, ERROR_MORE_DATA);
        let mut buf = vec![0u64; (cb as usize).div_ceil(8)];
        let item = buf.as_mut_ptr().cast::<CLUSTER_GROUP_ENUM_ITEM>();
        // SAFETY: the buffer holds `cb` bytes, 8-aligned.
        assert_eq!(unsafe { ClusterGroupEnumEx(he, i, item, &mut cb) }, ERROR_SUCCESS);
        // SAFETY: written by the call; its pointers point into `buf`.
        let (name, rw, ro) = unsafe {
            let it = &*item;
            let name =
                String::from_utf16_lossy(std::slice::from_raw_parts(it.lpszName, it.cbName as usize / 2 - 1));
            assert_eq!(it.pProperties as usize % 4, 0, "property lists are DWORD-aligned");
            let rw =
                std::slice::from_raw_parts(it.pProperties.cast::<u8>(), it.cbProperties as usize).to_vec();
            let ro = std::slice::from_raw_parts(it.pRoProperties.cast::<u8>(), it.cbRoProperties as usize)
                .to_vec();
            (name, rw, ro)
        };
        let rw = PropertyList::decode(&rw).unwrap();
        let ro = PropertyList::decode(&ro).unwrap();
        assert_eq!(rw.len(), 1, "{name}: the unknown name is left out");
        assert_eq!(rw.get("Priority").and_then(Value::as_dword), Some(2000), "{name}");
        assert!(ro.get("GroupType").and_then(Value::as_dword).is_some(), "{name}");
        if name == "Cluster Group" {
            assert_eq!(ro.get("GroupType").and_then(Value::as_dword), Some(1), "ClusGroupTypeCoreCluster");
        }
        seen += 1;
    }
    assert_eq!(seen, 5);
    // SAFETY: live handles; then a non-zero dwFlags, which the page says must be 0.
    unsafe {
        ClusterGroupCloseEnumEx(he);
        assert_eq!(ClusterGroupOpenEnumEx(hc, null(), 0, null(), 0, 1), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
    }
    // A name that is not valid UTF-16 (a lone surrogate), in either list and for either
    // enumeration: no enumeration, ERROR_INVALID_PARAMETER.
    let lone: Vec<u16> = vec![u16::from(b'P'), 0xd800, 0, 0];
    let cb = 2 * lone.len() as u32;
    // SAFETY: each list is passed with its size in bytes.
    unsafe {
        assert_eq!(ClusterGroupOpenEnumEx(hc, lone.as_ptr(), cb, null(), 0, 0), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_eq!(ClusterGroupOpenEnumEx(hc, null(), 0, lone.as_ptr(), cb, 0), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_eq!(ClusterResourceOpenEnumEx(hc, lone.as_ptr(), cb, null(), 0, 0), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
        assert_eq!(ClusterResourceOpenEnumEx(hc, null(), 0, lone.as_ptr(), cb, 0), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
    }
    assert_eq!(sim.harness().open_handles().len(), 1, "only the cluster handle: no enumeration was opened");
    // SAFETY: a live handle.
    unsafe { CloseCluster(hc) };
}

#[test]
fn the_ex_state_changes_check_their_property_list() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    let app = open_group(hc, "CONTOSO-APP1");
    let good = list(&[("Anything", Value::Dword(1))]);
    let mut truncated = good.clone();
    truncated.truncate(10);
    let mut bad = good.clone();
    bad[4] = 7; // not CLUSPROP_SYNTAX_NAME
    let before = snapshot(&sim);
    // SAFETY: each buffer is passed with its size.
    unsafe {
        for (input, code) in [(&truncated, ERROR_INSUFFICIENT_BUFFER), (&bad, ERROR_INVALID_PARAMETER)] {
            assert_eq!(OnlineClusterResourceEx(svc, 0, input.as_ptr(), input.len() as u32), code);
            assert_eq!(OnlineClusterGroupEx(app, 0, 0, input.as_ptr(), input.len() as u32), code);
            assert_eq!(MoveClusterGroupEx(app, 0, 0, input.as_ptr(), input.len() as u32), code);
        }
        assert!(snapshot(&sim) == before, "a bad list changes nothing");
        assert_eq!(OnlineClusterResourceEx(svc, 0, good.as_ptr(), good.len() as u32), ERROR_SUCCESS);
        CloseClusterGroup(app);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn an_online_longer_than_pending_timeout_fails_the_resource() {
    let sim = delayed("Generic Service", 3_000, 1_000);
    let _g = sim.install();
    let hc = open_local();
    let svc = open_resource(hc, "Contoso App Service");
    let set = CLUSCTL_RESOURCE_SET_COMMON_PROPERTIES as u32;
    let input = list(&[("PendingTimeout", Value::Dword(1_000)), ("RestartAction", Value::Dword(0))]);
    assert_eq!(put(ClusterResourceControl, svc, set, &input), ERROR_SUCCESS);
    let state = || {
        // SAFETY: NULL buffers are allowed.
        unsafe { GetClusterResourceState(svc, null_mut(), null_mut(), null_mut(), null_mut()) }
    };
    // SAFETY: live handles.
    unsafe {
        assert_eq!(OnlineClusterResource(svc), windows_sys::Win32::Foundation::ERROR_IO_PENDING);
        sim.harness().advance(Duration::from_millis(999));
        assert_eq!(state(), ClusterResourceOnlinePending);
        sim.harness().advance(Duration::from_millis(1));
        assert_eq!(state(), ClusterResourceFailed, "terminated at its PendingTimeout");
        // Back to the default (180 s): the 3 s online completes.
        let input = list(&[("PendingTimeout", Value::Dword(180_000))]);
        assert_eq!(put(ClusterResourceControl, svc, set, &input), ERROR_SUCCESS);
        assert_eq!(OnlineClusterResource(svc), windows_sys::Win32::Foundation::ERROR_IO_PENDING);
        sim.harness().advance(Duration::from_millis(3_000));
        assert_eq!(state(), ClusterResourceOnline);
        CloseClusterResource(svc);
        CloseCluster(hc);
    }
}

#[test]
fn a_client_finds_the_cluster_address_with_resutils_and_frees_it() {
    use windows_sys::Win32::Foundation::{ERROR_FILE_NOT_FOUND, LocalFree};
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let ip = open_resource(hc, "Cluster IP Address");
    let list = get(ClusterResourceControl, ip, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES as u32);
    let mut value: windows_sys::core::PWSTR = null_mut();
    let name = w("Address");
    // SAFETY: the list is passed with its size; `value` receives a LocalAlloc'ed copy.
    unsafe {
        let rc = ResUtilFindSzProperty(list.as_ptr().cast(), list.len() as u32, name.as_ptr(), &mut value);
        assert_eq!(rc, ERROR_SUCCESS);
        let len = (0..).take_while(|&i| *value.add(i) != 0).count();
        assert_eq!(String::from_utf16_lossy(std::slice::from_raw_parts(value, len)), "10.0.0.100");
        assert!(LocalFree(value.cast()).is_null(), "LocalFree succeeds");
        let mut dhcp = 7u32;
        let name = w("EnableDhcp");
        assert_eq!(
            ResUtilFindDwordProperty(list.as_ptr().cast(), list.len() as u32, name.as_ptr(), &mut dhcp),
            0
        );
        assert_eq!(dhcp, 0);
        let name = w("NoSuchProperty");
        let rc = ResUtilFindSzProperty(list.as_ptr().cast(), list.len() as u32, name.as_ptr(), &mut value);
        assert_eq!(rc, ERROR_FILE_NOT_FOUND);
        CloseClusterResource(ip);
        CloseCluster(hc);
    }
}
