//! Group sets through the Win32 face, written as a windows-sys client writes them:
//! `CreateClusterGroupSet` / `OpenClusterGroupSet` / `CloseClusterGroupSet`, membership,
//! dependencies and dependency expressions, the enumeration, `ClusterGroupSetControl`, the
//! GROUPSET v2 notifications, and bad handles and names. A rejected call changes nothing.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ptr::{null, null_mut};

use clusapi_sim::Sim;
use windows_sys::Win32::Foundation::*;
use windows_sys::Win32::Networking::Clustering::*;

fn create_set(hc: HCLUSTER, name: &str) -> HGROUPSET {
    // SAFETY: a NUL-terminated name.
    let h = unsafe { CreateClusterGroupSet(hc, w(name).as_ptr()) };
    // SAFETY: no arguments.
    assert_ne!(h, 0, "CreateClusterGroupSet({name:?}): {}", unsafe { GetLastError() });
    h
}

fn open_set(hc: HCLUSTER, name: &str) -> HGROUPSET {
    // SAFETY: a NUL-terminated name.
    let h = unsafe { OpenClusterGroupSet(hc, w(name).as_ptr()) };
    // SAFETY: no arguments.
    assert_ne!(h, 0, "OpenClusterGroupSet({name:?}): {}", unsafe { GetLastError() });
    h
}

/// `ClusterGroupSetControl` with the size query first, as clients call it: the reply bytes.
fn control(set: HGROUPSET, code: u32) -> Result<Vec<u8>, u32> {
    let mut size = 0u32;
    // SAFETY: a NULL buffer of size 0 is a size query.
    let rc = unsafe { ClusterGroupSetControl(set, 0, code, null(), 0, null_mut(), 0, &mut size) };
    if rc != ERROR_SUCCESS {
        return Err(rc);
    }
    let mut buf = vec![0u8; size as usize];
    let mut returned = 0u32;
    // SAFETY: the buffer is passed with its size.
    let rc = unsafe {
        ClusterGroupSetControl(set, 0, code, null(), 0, buf.as_mut_ptr().cast(), size, &mut returned)
    };
    assert_eq!((rc, returned), (ERROR_SUCCESS, size));
    Ok(buf)
}

/// The names of a `MULTI_SZ` reply.
fn names(reply: &[u8]) -> Vec<String> {
    let units: Vec<u16> = reply.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    assert_eq!(units.last(), Some(&0), "a MULTI_SZ ends with an empty string");
    units[..units.len() - 1]
        .split(|&u| u == 0)
        .filter(|s| !s.is_empty())
        .map(String::from_utf16_lossy)
        .collect()
}

fn groups_of(set: HGROUPSET) -> Vec<String> {
    names(&control(set, CLUSCTL_GROUPSET_GET_GROUPS as u32).unwrap())
}

fn providers_of(set: HGROUPSET) -> Vec<String> {
    names(&control(set, CLUSCTL_GROUPSET_GET_PROVIDER_GROUPSETS as u32).unwrap())
}

/// Every group set name, through the enumeration and its size protocol.
fn enumerate(hc: HCLUSTER) -> Vec<String> {
    // SAFETY: a live cluster handle.
    let e = unsafe { ClusterGroupSetOpenEnum(hc) };
    assert_ne!(e, 0);
    // SAFETY: a live enumeration handle.
    let count = unsafe { ClusterGroupSetGetEnumCount(e) };
    let mut out = Vec::new();
    for i in 0..count {
        let mut cch = 0u32;
        // SAFETY: a NULL buffer of 0 characters asks for the length.
        assert_eq!(unsafe { ClusterGroupSetEnum(e, i, null_mut(), &mut cch) }, ERROR_MORE_DATA);
        let mut buf = vec![0u16; cch as usize + 1];
        cch += 1;
        // SAFETY: the buffer is passed with its capacity.
        assert_eq!(unsafe { ClusterGroupSetEnum(e, i, buf.as_mut_ptr(), &mut cch) }, ERROR_SUCCESS);
        out.push(text(&buf));
    }
    let mut cch = 8u32;
    let mut buf = [0u16; 8];
    // SAFETY: the buffer is passed with its capacity.
    assert_eq!(unsafe { ClusterGroupSetEnum(e, count, buf.as_mut_ptr(), &mut cch) }, ERROR_NO_MORE_ITEMS);
    // SAFETY: a live enumeration handle.
    assert_eq!(unsafe { ClusterGroupSetCloseEnum(e) }, ERROR_SUCCESS);
    out
}

#[test]
fn the_default_cluster_has_the_core_group_set_samba_opens() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    assert_eq!(enumerate(hc), ["Cluster Group"]);
    let core = open_set(hc, "CLUSTER GROUP");
    assert_eq!(groups_of(core), ["Cluster Group"]);
    assert!(providers_of(core).is_empty());
    let id = control(core, CLUSCTL_GROUPSET_GET_ID as u32).unwrap();
    assert_eq!(id.len(), 2 * 37, "a GUID string and its NUL");
    // SAFETY: a NUL-terminated name.
    assert_eq!(unsafe { OpenClusterGroupSet(hc, w("No such set").as_ptr()) }, 0);
    assert_last_error(ERROR_GROUPSET_NOT_FOUND);
    // SAFETY: a NULL name is rejected, not read.
    assert_eq!(unsafe { OpenClusterGroupSet(hc, null()) }, 0);
    assert_last_error(ERROR_INVALID_PARAMETER);
    // SAFETY: live handles, then a closed one.
    unsafe {
        assert_eq!(CloseClusterGroupSet(core), TRUE);
        assert_eq!(CloseClusterGroupSet(core), FALSE);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(
            ClusterGroupSetControl(
                core,
                0,
                CLUSCTL_GROUPSET_GET_ID as u32,
                null(),
                0,
                null_mut(),
                0,
                null_mut()
            ),
            ERROR_INVALID_HANDLE
        );
        CloseCluster(hc);
    }
}

#[test]
fn create_name_rules_membership_and_delete() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let web = create_set(hc, "Web tier");
    // SAFETY: NUL-terminated names, or NULL.
    unsafe {
        assert_eq!(CreateClusterGroupSet(hc, w("web TIER").as_ptr()), 0);
        assert_last_error(ERROR_OBJECT_ALREADY_EXISTS);
        assert_eq!(CreateClusterGroupSet(hc, w("").as_ptr()), 0);
        assert_last_error(ERROR_INVALID_NAME);
        assert_eq!(CreateClusterGroupSet(hc, null()), 0);
        assert_last_error(ERROR_INVALID_PARAMETER);
    }
    assert_eq!(enumerate(hc), ["Cluster Group", "Web tier"]);
    let (app, fs) = (open_group(hc, "CONTOSO-APP1"), open_group(hc, "FS01"));
    let core = open_set(hc, "Cluster Group");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(ClusterAddGroupToGroupSet(web, app), ERROR_SUCCESS);
        assert_eq!(ClusterAddGroupToGroupSet(web, fs), ERROR_SUCCESS);
        assert_eq!(ClusterAddGroupToGroupSet(web, app), ERROR_INVALID_STATE, "in a set already");
        assert_eq!(ClusterAddGroupToGroupSet(core, app), ERROR_INVALID_STATE, "one set at most");
        assert_eq!(groups_of(web), ["CONTOSO-APP1", "FS01"]);
        assert_eq!(groups_of(core), ["Cluster Group"], "the rejected add changed nothing");
        assert_eq!(DeleteClusterGroupSet(web), ERROR_DIR_NOT_EMPTY);
        assert_eq!(ClusterRemoveGroupFromGroupSet(app), ERROR_SUCCESS);
        assert_eq!(ClusterRemoveGroupFromGroupSet(app), ERROR_SUCCESS, "a group in no set is no error");
        assert_eq!(ClusterRemoveGroupFromGroupSetEx(fs, w("decommissioned").as_ptr()), ERROR_SUCCESS);
        assert!(groups_of(web).is_empty());
        assert_eq!(DeleteClusterGroupSetEx(web, w("no longer needed").as_ptr()), ERROR_SUCCESS);
        assert_eq!(DeleteClusterGroupSet(web), ERROR_GROUPSET_NOT_AVAILABLE);
        assert_eq!(control(web, CLUSCTL_GROUPSET_GET_GROUPS as u32), Err(ERROR_GROUPSET_NOT_AVAILABLE));
        assert_eq!(ClusterAddGroupToGroupSet(web, app), ERROR_GROUPSET_NOT_AVAILABLE);
        assert_eq!(CloseClusterGroupSet(web), TRUE, "the handle outlives the set");
        assert_eq!(enumerate(hc), ["Cluster Group"]);
        // A deleted group leaves its set.
        let temp = CreateClusterGroup(hc, w("TEMP").as_ptr());
        assert_eq!(ClusterAddGroupToGroupSet(core, temp), ERROR_SUCCESS);
        assert_eq!(groups_of(core), ["Cluster Group", "TEMP"]);
        assert_eq!(DeleteClusterGroup(temp), ERROR_SUCCESS);
        assert_eq!(groups_of(core), ["Cluster Group"]);
        assert_eq!(ClusterAddGroupToGroupSet(core, temp), ERROR_GROUP_NOT_AVAILABLE);
        for g in [temp, app, fs] {
            CloseClusterGroup(g);
        }
        CloseClusterGroupSet(core);
        CloseCluster(hc);
    }
    assert_eq!(sim.harness().check_leaks(), Ok(()));
}

#[test]
fn dependencies_refuse_cycles_empty_sets_and_ors() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let (data, web, empty) = (create_set(hc, "Data"), create_set(hc, "Web"), create_set(hc, "Empty"));
    let (fs, app, sql) =
        (open_group(hc, "FS01"), open_group(hc, "CONTOSO-APP1"), open_group(hc, "SQL Server (MSSQLSERVER)"));
    let data_id =
        String::from_utf16_lossy(&names_units(&control(data, CLUSCTL_GROUPSET_GET_ID as u32).unwrap()));
    // SAFETY: live handles and NUL-terminated strings.
    unsafe {
        assert_eq!(ClusterAddGroupToGroupSet(data, fs), ERROR_SUCCESS);
        assert_eq!(ClusterAddGroupToGroupSet(web, app), ERROR_SUCCESS);
        assert_eq!(AddClusterGroupSetDependency(web, empty), ERROR_INVALID_PARAMETER, "an empty provider");
        assert_eq!(AddClusterGroupSetDependency(empty, web), ERROR_INVALID_PARAMETER, "an empty dependent");
        assert_eq!(AddClusterGroupSetDependency(web, web), ERROR_INVALID_PARAMETER, "itself");
        assert_eq!(AddClusterGroupSetDependency(web, data), ERROR_SUCCESS);
        assert_eq!(AddClusterGroupSetDependency(web, data), ERROR_DEPENDENCY_ALREADY_EXISTS);
        assert_eq!(
            AddClusterGroupSetDependencyEx(data, web, w("loop").as_ptr()),
            ERROR_INVALID_PARAMETER,
            "a cycle"
        );
        assert_eq!(providers_of(web), ["Data"]);
        assert!(providers_of(data).is_empty(), "the refused cycle changed nothing");
        assert_eq!(names(&control(web, CLUSCTL_GROUPSET_GET_PROVIDER_GROUPS as u32).unwrap()), ["FS01"]);
        assert_eq!(RemoveClusterGroupSetDependency(web, data), ERROR_SUCCESS);
        assert_eq!(RemoveClusterGroupSetDependencyEx(web, data, null()), ERROR_DEPENDENCY_NOT_FOUND);
        // Expressions: ANDs of [id] (or, a choice, [name]); ORs are refused.
        let expr = format!("([{data_id}])");
        assert_eq!(SetClusterGroupSetDependencyExpression(web, w(&expr).as_ptr()), ERROR_SUCCESS);
        assert_eq!(providers_of(web), ["Data"]);
        let or = format!("[{data_id}] or [Cluster Group]");
        assert_eq!(SetClusterGroupSetDependencyExpression(web, w(&or).as_ptr()), ERROR_INVALID_PARAMETER);
        assert_eq!(
            SetClusterGroupSetDependencyExpression(web, w("[Nope]").as_ptr()),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(SetClusterGroupSetDependencyExpression(web, null()), ERROR_INVALID_PARAMETER);
        assert_eq!(providers_of(web), ["Data"], "refused expressions changed nothing");
        let both = w("[Data] and [Cluster Group]");
        assert_eq!(
            SetClusterGroupSetDependencyExpressionEx(web, both.as_ptr(), w("why").as_ptr()),
            ERROR_SUCCESS
        );
        assert_eq!(providers_of(web), ["Data", "Cluster Group"]);
        assert_eq!(SetClusterGroupSetDependencyExpression(web, w("").as_ptr()), ERROR_SUCCESS);
        assert!(providers_of(web).is_empty(), "an empty expression clears them");
        // A group depends on one set at most, and not on its own.
        assert_eq!(AddClusterGroupToGroupSetDependency(sql, data), ERROR_SUCCESS);
        assert_eq!(AddClusterGroupToGroupSetDependencyEx(sql, web, null()), ERROR_DEPENDENCY_ALREADY_EXISTS);
        assert_eq!(AddClusterGroupToGroupSetDependency(fs, data), ERROR_INVALID_PARAMETER);
        assert_eq!(RemoveClusterGroupToGroupSetDependency(sql, web), ERROR_DEPENDENCY_NOT_FOUND);
        assert_eq!(RemoveClusterGroupToGroupSetDependencyEx(sql, data, w("r").as_ptr()), ERROR_SUCCESS);
        // Deleting a set drops the dependencies on it.
        assert_eq!(AddClusterGroupSetDependency(web, data), ERROR_SUCCESS);
        assert_eq!(ClusterRemoveGroupFromGroupSet(fs), ERROR_SUCCESS);
        assert_eq!(DeleteClusterGroupSet(data), ERROR_SUCCESS);
        assert!(providers_of(web).is_empty());
        for g in [fs, app, sql] {
            CloseClusterGroup(g);
        }
        for s in [data, web, empty] {
            CloseClusterGroupSet(s);
        }
        CloseCluster(hc);
    }
}

/// The UTF-16 units of a NUL-terminated string reply, without the NUL.
fn names_units(reply: &[u8]) -> Vec<u16> {
    let units: Vec<u16> = reply.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    units.split(|&u| u == 0).next().unwrap_or_default().to_vec()
}

#[test]
fn bad_handles_and_close_cluster() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let set = create_set(hc, "S");
    let app = open_group(hc, "CONTOSO-APP1");
    let before = sim.harness().world();
    // SAFETY: wrong-kind, forged and zero handles are rejected, not dereferenced.
    unsafe {
        assert_eq!(ClusterAddGroupToGroupSet(app, set), ERROR_INVALID_HANDLE, "arguments swapped");
        assert_eq!(ClusterAddGroupToGroupSet(0x7777_0000, app), ERROR_INVALID_HANDLE);
        assert_eq!(AddClusterGroupSetDependency(set, 0), ERROR_INVALID_HANDLE);
        assert_eq!(DeleteClusterGroupSet(hc), ERROR_INVALID_HANDLE);
        assert_eq!(CloseClusterGroupSet(app), FALSE);
        assert_last_error(ERROR_INVALID_HANDLE);
        assert_eq!(ClusterGroupSetOpenEnum(app), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        // Group sets take no private property codes (MS-CMRP 3.1.4.3.8 lists only common ones).
        const GET_PRIVATE_PROPERTIES: u32 = 0x0800_0081;
        assert_eq!(
            ClusterGroupSetControl(set, 0, GET_PRIVATE_PROPERTIES, null(), 0, null_mut(), 0, null_mut()),
            ERROR_INVALID_FUNCTION
        );
        assert_eq!(
            ClusterGroupSetControl(
                set,
                app,
                CLUSCTL_GROUPSET_GET_ID as u32,
                null(),
                0,
                null_mut(),
                0,
                null_mut()
            ),
            ERROR_INVALID_HANDLE,
            "a host that is not a node"
        );
    }
    assert_eq!(sim.harness().world(), before, "nothing changed");
    // SAFETY: CloseCluster always returns TRUE and closes what derives from it (H4).
    unsafe {
        assert_eq!(CloseCluster(hc), TRUE);
        assert_eq!(CloseClusterGroupSet(set), FALSE);
        assert_last_error(ERROR_INVALID_HANDLE);
    }
    let _ = app;
}

#[test]
fn group_set_events_reach_v2_ports() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let all = NOTIFY_FILTER_AND_TYPE {
        dwObjectType: CLUSTER_OBJECT_TYPE_GROUPSET as u32,
        FilterFlags: CLUSTER_CHANGE_GROUPSET_ALL_V2 as i64,
    };
    // SAFETY: one filter of its length.
    let port = unsafe { CreateClusterNotifyPortV2(-1, hc, &all, 1, 5) };
    assert_ne!(port, 0);
    let set = create_set(hc, "Web");
    let app = open_group(hc, "CONTOSO-APP1");
    // SAFETY: live handles.
    unsafe {
        assert_eq!(ClusterAddGroupToGroupSet(set, app), ERROR_SUCCESS);
        assert_eq!(ClusterRemoveGroupFromGroupSet(app), ERROR_SUCCESS);
        let list = dword_list("StartupDelay", 30);
        let code = CLUSCTL_GROUPSET_SET_COMMON_PROPERTIES as u32;
        let rc = ClusterGroupSetControl(
            set,
            0,
            code,
            list.as_ptr().cast(),
            list.len() as u32,
            null_mut(),
            0,
            null_mut(),
        );
        assert_eq!(rc, ERROR_SUCCESS);
        assert_eq!(DeleteClusterGroupSet(set), ERROR_SUCCESS);
    }
    let mut events = Vec::new();
    loop {
        let mut key = 0usize;
        let mut ft = NOTIFY_FILTER_AND_TYPE { dwObjectType: 0, FilterFlags: 0 };
        let mut size = 0u32;
        let (mut name, mut cch_name) = ([0u16; 64], 64u32);
        let (mut id, mut cch_id) = ([0u16; 64], 64u32);
        let (mut parent, mut cch_parent) = ([0u16; 64], 64u32);
        let (mut ty, mut cch_ty) = ([0u16; 64], 64u32);
        // SAFETY: every buffer is passed with its capacity; a timeout of 0 does not wait.
        let rc = unsafe {
            GetClusterNotifyV2(
                port,
                &mut key,
                &mut ft,
                null_mut(),
                &mut size,
                id.as_mut_ptr(),
                &mut cch_id,
                parent.as_mut_ptr(),
                &mut cch_parent,
                name.as_mut_ptr(),
                &mut cch_name,
                ty.as_mut_ptr(),
                &mut cch_ty,
                0,
            )
        };
        if rc != ERROR_SUCCESS {
            assert_eq!(rc, WAIT_TIMEOUT);
            break;
        }
        assert_eq!((key, ft.dwObjectType), (5, CLUSTER_OBJECT_TYPE_GROUPSET as u32));
        events.push((ft.FilterFlags, text(&name)));
    }
    assert_eq!(
        events,
        [
            (CLUSTER_CHANGE_GROUPSET_GROUP_ADDED as i64, "CONTOSO-APP1".to_string()),
            (CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED as i64, "CONTOSO-APP1".to_string()),
            (CLUSTER_CHANGE_GROUPSET_COMMON_PROPERTY_V2 as i64, "Web".to_string()),
            (CLUSTER_CHANGE_GROUPSET_DELETED_v2 as i64, "Web".to_string()),
        ]
    );
    // SAFETY: live handles.
    unsafe {
        assert_eq!(CloseClusterGroupSet(set), TRUE);
        CloseClusterGroup(app);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}

/// A property list of one DWORD, as a client builds it for SET_COMMON_PROPERTIES: the count,
/// the name value, the DWORD value, the value-list ENDMARK, the list ENDMARK (MS-CMRP 2.2.3.10).
fn dword_list(name: &str, value: u32) -> Vec<u8> {
    let mut b = 1u32.to_le_bytes().to_vec();
    let units: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
    b.extend(0x0004_0003u32.to_le_bytes()); // CLUSPROP_SYNTAX_NAME
    b.extend((units.len() as u32).to_le_bytes());
    b.extend(&units);
    b.resize(b.len().next_multiple_of(4), 0);
    b.extend(0x0001_0002u32.to_le_bytes()); // CLUSPROP_SYNTAX_LIST_VALUE_DWORD
    b.extend(4u32.to_le_bytes());
    b.extend(value.to_le_bytes());
    b.extend(0u32.to_le_bytes()); // CLUSPROP_SYNTAX_ENDMARK
    b
}

#[test]
fn common_properties_through_the_control_codes() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let set = open_set(hc, "Cluster Group");
    let set_list = |list: &[u8]| {
        // SAFETY: the list is passed with its size; no output is asked for.
        unsafe {
            ClusterGroupSetControl(
                set,
                0,
                CLUSCTL_GROUPSET_SET_COMMON_PROPERTIES as u32,
                list.as_ptr().cast(),
                list.len() as u32,
                null_mut(),
                0,
                null_mut(),
            )
        }
    };
    let rw = control(set, CLUSCTL_GROUPSET_GET_COMMON_PROPERTIES as u32).unwrap();
    let ro = control(set, CLUSCTL_GROUPSET_GET_RO_COMMON_PROPERTIES as u32).unwrap();
    let utf16 = |b: &[u8]| {
        String::from_utf16_lossy(
            &b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect::<Vec<_>>(),
        )
    };
    for name in ["IsGlobal", "StartupCount", "StartupDelay", "StartupSetting"] {
        assert!(utf16(&rw).contains(name), "{name} is a read/write common property");
    }
    assert!(utf16(&ro).contains("StatusInformation") && utf16(&ro).contains("Name"));
    // The default StartupSetting is GROUPSET_READY_SETTING_DELAY (1); 0 and 5 are out of range.
    assert_eq!(set_list(&dword_list("StartupSetting", 2)), ERROR_SUCCESS);
    assert_eq!(set_list(&dword_list("StartupSetting", 5)), ERROR_INVALID_DATA, "out of range");
    assert_eq!(set_list(&dword_list("StartupSetting", 0)), ERROR_INVALID_DATA, "out of range");
    assert_eq!(set_list(&dword_list("Name", 1)), ERROR_RESOURCE_PROPERTY_UNCHANGEABLE, "read-only");
    assert_eq!(set_list(&dword_list("NoSuchProperty", 1)), ERROR_INVALID_PARAMETER);
    assert_eq!(set_list(&dword_list("StartupDelay", 45)), ERROR_SUCCESS);
    let rw = control(set, CLUSCTL_GROUPSET_GET_COMMON_PROPERTIES as u32).unwrap();
    let after = sim.harness().world();
    let c = &after.clusters()[after.local()];
    let core = c.group_sets().values().next().unwrap();
    assert_eq!(core.properties.get("StartupDelay").and_then(|v| v.as_dword()), Some(45));
    assert_eq!(core.properties.get("StartupSetting").and_then(|v| v.as_dword()), Some(2));
    assert!(rw.windows(4).any(|w| w == 45u32.to_le_bytes()), "GET reads what SET stored");
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroupSet(set);
        CloseCluster(hc);
    }
}

#[test]
fn bad_input_to_the_names_the_enumeration_and_the_control() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let before = sim.harness().world();
    // SAFETY: NUL-terminated names; NULL and short buffers are rejected, not written past.
    unsafe {
        // A lone surrogate is not UTF-16.
        let bad = [0xD800u16, 0];
        assert_eq!(CreateClusterGroupSet(hc, bad.as_ptr()), 0);
        assert_last_error(ERROR_INVALID_NAME);
        assert_eq!(OpenClusterGroupSet(hc, bad.as_ptr()), 0);
        assert_last_error(ERROR_INVALID_NAME);

        let e = ClusterGroupSetOpenEnum(hc);
        let mut buf = [0u16; 4];
        assert_eq!(ClusterGroupSetEnum(e, 0, buf.as_mut_ptr(), null_mut()), ERROR_INVALID_PARAMETER);
        let mut cch = 4u32;
        assert_eq!(
            ClusterGroupSetEnum(e, 0, buf.as_mut_ptr(), &mut cch),
            ERROR_MORE_DATA,
            "\"Cluster Group\" is 13"
        );
        assert_eq!((cch, buf), (13, [0; 4]), "the length needed, and nothing written");
        assert_eq!(ClusterGroupSetCloseEnum(e), ERROR_SUCCESS);
        assert_eq!(ClusterGroupSetCloseEnum(e), ERROR_INVALID_HANDLE, "closed");
        assert_eq!(ClusterGroupSetGetEnumCount(e), 0);
        assert_last_error(ERROR_INVALID_HANDLE);
        let mut cch = 4u32;
        assert_eq!(ClusterGroupSetEnum(e, 0, buf.as_mut_ptr(), &mut cch), ERROR_INVALID_HANDLE);
        let wrong_kind = open_group(hc, "FS01");
        assert_eq!(ClusterGroupSetGetEnumCount(wrong_kind), 0);
        assert_last_error(ERROR_INVALID_HANDLE);

        // A short output buffer: ERROR_MORE_DATA with the size needed, nothing written.
        let set = open_set(hc, "Cluster Group");
        let (mut out, mut returned) = ([0xAAu8; 8], 0u32);
        let code = CLUSCTL_GROUPSET_GET_ID as u32;
        let rc = ClusterGroupSetControl(set, 0, code, null(), 0, out.as_mut_ptr().cast(), 8, &mut returned);
        assert_eq!((rc, returned, out), (ERROR_MORE_DATA, 2 * 37, [0xAA; 8]));
        // A SET with a NULL or truncated list changes nothing.
        let set_code = CLUSCTL_GROUPSET_SET_COMMON_PROPERTIES as u32;
        assert_eq!(
            ClusterGroupSetControl(set, 0, set_code, null(), 0, null_mut(), 0, null_mut()),
            RPC_X_BAD_STUB_DATA as u32
        );
        let list = dword_list("StartupDelay", 7);
        let short = &list[..list.len() - 6];
        let rc = ClusterGroupSetControl(
            set,
            0,
            set_code,
            short.as_ptr().cast(),
            short.len() as u32,
            null_mut(),
            0,
            null_mut(),
        );
        assert_ne!(rc, ERROR_SUCCESS);
        CloseClusterGroupSet(set);
        CloseClusterGroup(wrong_kind);
    }
    assert_eq!(sim.harness().world(), before, "no bad input changed anything");
    // SAFETY: a live handle.
    unsafe { CloseCluster(hc) };
}

#[test]
fn register_cluster_notify_v2_on_a_group_set_and_its_handle_close() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: no filter set yet.
    let port = unsafe { CreateClusterNotifyPortV2(-1, hc, null(), 0, 0) };
    assert_ne!(port, 0);
    let set = create_set(hc, "Watched");
    let app = open_group(hc, "CONTOSO-APP1");
    let mask = CLUSTER_CHANGE_GROUPSET_GROUP_ADDED as i64 | CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_v2 as i64;
    let filter =
        NOTIFY_FILTER_AND_TYPE { dwObjectType: CLUSTER_OBJECT_TYPE_GROUPSET as u32, FilterFlags: mask };
    let wrong = NOTIFY_FILTER_AND_TYPE { dwObjectType: CLUSTER_OBJECT_TYPE_GROUP as u32, FilterFlags: mask };
    // SAFETY: live handles.
    unsafe {
        assert_eq!(
            RegisterClusterNotifyV2(port, wrong, set as HANDLE, 3),
            ERROR_INVALID_PARAMETER,
            "a set is no group"
        );
        assert_eq!(RegisterClusterNotifyV2(port, filter, set as HANDLE, 3), ERROR_SUCCESS);
        assert_eq!(ClusterAddGroupToGroupSet(set, app), ERROR_SUCCESS);
        assert_eq!(CloseClusterGroupSet(set), TRUE);
    }
    let mut flags = Vec::new();
    loop {
        let (mut key, mut ft, mut size) =
            (0usize, NOTIFY_FILTER_AND_TYPE { dwObjectType: 0, FilterFlags: 0 }, 0u32);
        // SAFETY: no string is asked for; a timeout of 0 does not wait.
        let rc = unsafe {
            GetClusterNotifyV2(
                port,
                &mut key,
                &mut ft,
                null_mut(),
                &mut size,
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                null_mut(),
                0,
            )
        };
        if rc != ERROR_SUCCESS {
            assert_eq!(rc, WAIT_TIMEOUT);
            break;
        }
        flags.push((key, ft.FilterFlags));
    }
    assert_eq!(
        flags,
        [
            (3, CLUSTER_CHANGE_GROUPSET_GROUP_ADDED as i64),
            (3, CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_v2 as i64)
        ]
    );
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(app);
        CloseClusterNotifyPort(port);
        CloseCluster(hc);
    }
}
