//! The cluster registry through the Win32 exports, written as windows-sys clients write it:
//! a registry-centric Go client (KnicKnic's go-failovercluster-api: GetClusterResourceKey,
//! ClusterRegCreateKey, a batch with a condition, QueryValue, EnumValue), Samba's registry
//! walk (`source4/torture/rpc/clusapi.c`: test_all_keys and the test_*_int helpers it
//! calls), the one store shared with the property control codes and the engine, handle
//! rules (CloseCluster invalidates key handles, H4) and bad inputs with their real codes.
//! Each test installs its own simulator of the default cluster.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use clusapi_sim::Sim;
use clusapi_sim::property::{PropertyList, Value};
use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED, ERROR_FILE_NOT_FOUND,
    ERROR_INSUFFICIENT_BUFFER, ERROR_INVALID_HANDLE, ERROR_INVALID_NAME, ERROR_INVALID_PARAMETER,
    ERROR_KEY_DELETED, ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_SUCCESS, FILETIME,
};
use windows_sys::Win32::Networking::Clustering::*;
use windows_sys::Win32::System::Registry::{
    HKEY, REG_CREATED_NEW_KEY, REG_DWORD, REG_MULTI_SZ, REG_OPENED_EXISTING_KEY, REG_QWORD, REG_SZ,
};

const OK: i32 = ERROR_SUCCESS as i32;

fn code(rc: i32) -> u32 {
    rc as u32
}

fn sz(s: &str) -> Vec<u8> {
    w(s).iter().flat_map(|u| u.to_le_bytes()).collect()
}

/// ClusterRegOpenKey, asserting success.
fn open(key: HKEY, sub: &str) -> HKEY {
    let mut out: HKEY = null_mut();
    // SAFETY: a NUL-terminated name and a place for the handle.
    let rc = unsafe { ClusterRegOpenKey(key, w(sub).as_ptr(), 0, &mut out) };
    assert_eq!(rc, OK, "ClusterRegOpenKey({sub})");
    out
}

/// ClusterRegQueryValue as Samba's test_QueryValue_int does it: cbData 0 with a buffer,
/// ERROR_MORE_DATA and the size, then again with that size.
fn query(key: HKEY, name: &str) -> Result<(u32, Vec<u8>), u32> {
    let mut kind = 0u32;
    let mut buf = vec![0u8; 1];
    let mut cb = 0u32;
    // SAFETY: the buffer holds `cb` (0) bytes.
    let rc = unsafe { ClusterRegQueryValue(key, w(name).as_ptr(), &mut kind, buf.as_mut_ptr(), &mut cb) };
    match code(rc) {
        ERROR_MORE_DATA => {}
        ERROR_SUCCESS => return Ok((kind, Vec::new())),
        e => return Err(e),
    }
    buf = vec![0u8; cb as usize];
    // SAFETY: the buffer holds `cb` bytes.
    let rc = unsafe { ClusterRegQueryValue(key, w(name).as_ptr(), &mut kind, buf.as_mut_ptr(), &mut cb) };
    assert_eq!(rc, OK);
    assert_eq!(cb as usize, buf.len());
    Ok((kind, buf))
}

fn set(key: HKEY, name: &str, kind: u32, data: &[u8]) -> u32 {
    // SAFETY: the data is passed with its size.
    unsafe { ClusterRegSetValue(key, w(name).as_ptr(), kind, data.as_ptr(), data.len() as u32) }
}

/// Every value of `key` by ClusterRegEnumValue (Samba's test_EnumValue_int: a 2048-byte data
/// buffer until ERROR_NO_MORE_ITEMS).
fn values(key: HKEY) -> Vec<(String, u32, Vec<u8>)> {
    let mut out = Vec::new();
    for i in 0.. {
        let mut name = vec![0u16; 256];
        let mut cch = name.len() as u32;
        let mut kind = 0u32;
        let mut data = vec![0u8; 2048];
        let mut cb = data.len() as u32;
        // SAFETY: the buffers hold `cch` WCHARs and `cb` bytes.
        let rc = unsafe {
            ClusterRegEnumValue(key, i, name.as_mut_ptr(), &mut cch, &mut kind, data.as_mut_ptr(), &mut cb)
        };
        if rc == ERROR_NO_MORE_ITEMS {
            break;
        }
        assert_eq!(rc, ERROR_SUCCESS, "ClusterRegEnumValue({i})");
        data.truncate(cb as usize);
        out.push((text(&name), kind, data));
    }
    out
}

fn subkeys(key: HKEY) -> Vec<String> {
    let mut out = Vec::new();
    for i in 0.. {
        let mut name = vec![0u16; 256];
        let mut cch = name.len() as u32;
        let mut ft = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
        // SAFETY: the buffer holds `cch` WCHARs.
        let rc = unsafe { ClusterRegEnumKey(key, i, name.as_mut_ptr(), &mut cch, &mut ft) };
        if code(rc) == ERROR_NO_MORE_ITEMS {
            break;
        }
        assert_eq!(rc, OK, "ClusterRegEnumKey({i})");
        assert_eq!(cch as usize, text(&name).encode_utf16().count(), "the length without the NUL");
        assert_ne!(ft.dwHighDateTime, 0, "a last-write time");
        out.push(text(&name));
    }
    out
}

fn close(key: HKEY) {
    // SAFETY: a key handle.
    assert_eq!(unsafe { ClusterRegCloseKey(key) }, OK);
}

fn get_common(res: HRESOURCE) -> PropertyList {
    let code = CLUSCTL_RESOURCE_GET_COMMON_PROPERTIES as u32;
    let mut buf = vec![0u8; 16 * 1024];
    let mut returned = 0u32;
    // SAFETY: the buffer holds its length.
    let rc = unsafe {
        ClusterResourceControl(
            res,
            0,
            code,
            null(),
            0,
            buf.as_mut_ptr().cast(),
            buf.len() as u32,
            &mut returned,
        )
    };
    assert_eq!(rc, ERROR_SUCCESS);
    PropertyList::decode(&buf[..returned as usize]).unwrap()
}

#[test]
fn a_go_style_client_creates_a_subkey_sets_a_value_in_a_conditional_batch_and_reads_it_back() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; every pointer is to a local.
    unsafe {
        let rkey = GetClusterResourceKey(res, 0);
        assert!(!rkey.is_null());
        let mut sub: HKEY = null_mut();
        let mut how = 0u32;
        let rc = ClusterRegCreateKey(rkey, w("Contoso").as_ptr(), 0, 0, null(), &mut sub, &mut how);
        assert_eq!((rc, how), (OK, REG_CREATED_NEW_KEY));

        let mut batch: HREGBATCH = 0;
        assert_eq!(ClusterRegCreateBatch(sub, &mut batch), OK);
        let data = sz("hello");
        let cmd = |batch, c, name: &str, opt: u32, d: &[u8]| {
            ClusterRegBatchAddCommand(batch, c, w(name).as_ptr(), opt, d.as_ptr().cast(), d.len() as u32)
        };
        assert_eq!(cmd(batch, CLUSREG_CONDITION_NOT_EXISTS, "Greeting", 0, &[]), OK);
        assert_eq!(cmd(batch, CLUSREG_SET_VALUE, "Greeting", REG_SZ, &data), OK);
        let mut failed = 99;
        assert_eq!(ClusterRegCloseBatch(batch, 1, &mut failed), OK);
        assert_eq!(failed, 99, "untouched on success");

        assert_eq!(query(sub, "Greeting"), Ok((REG_SZ, data.clone())));
        assert_eq!(values(sub), vec![("Greeting".to_owned(), REG_SZ, data.clone())]);

        // The same batch again: the condition fails, at index 0, and nothing changes.
        assert_eq!(ClusterRegCreateBatch(sub, &mut batch), OK);
        assert_eq!(cmd(batch, CLUSREG_CONDITION_NOT_EXISTS, "Greeting", 0, &[]), OK);
        assert_eq!(cmd(batch, CLUSREG_SET_VALUE, "Greeting", REG_SZ, &sz("bye")), OK);
        let rc = ClusterRegCloseBatch(batch, 1, &mut failed);
        assert_eq!((code(rc), failed), (ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED, 0));
        assert_eq!(query(sub, "Greeting"), Ok((REG_SZ, data)));

        // The resource key lists Parameters and the new subkey; opening again finds it.
        assert_eq!(subkeys(rkey), ["Parameters", "Contoso"]);
        let mut again: HKEY = null_mut();
        let rc = ClusterRegCreateKey(rkey, w("contoso").as_ptr(), 0, 0, null(), &mut again, &mut how);
        assert_eq!((rc, how), (OK, REG_OPENED_EXISTING_KEY));
        assert_eq!(ClusterRegDeleteValue(again, w("greeting").as_ptr()), ERROR_SUCCESS);
        assert_eq!(ClusterRegDeleteValue(again, w("greeting").as_ptr()), ERROR_FILE_NOT_FOUND);
        close(again);
        close(sub);
        assert_eq!(ClusterRegDeleteKey(rkey, w("Contoso").as_ptr()), OK);
        assert_eq!(subkeys(rkey), ["Parameters"]);
        close(rkey);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
    assert!(sim.harness().open_handles().is_empty());
}

/// Samba's test_all_keys on one key and below: EnumKey, OpenKey, QueryInfoKey,
/// GetKeySecurity (the 122 retry), EnumValue and QueryValue, all succeeding and agreeing.
fn walk(key: HKEY, depth: usize, seen: &mut usize) {
    *seen += 1;
    let (mut nsub, mut maxsub, mut nval, mut maxname, mut maxdata, mut cbsd) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let mut ft = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
    // The outputs are typed `*const` (a windows-sys metadata quirk): pass mutable pointers.
    let out = |p: &mut u32| (p as *mut u32).cast_const();
    // SAFETY: every output is a local, passed as a mutable pointer.
    let rc = unsafe {
        ClusterRegQueryInfoKey(
            key,
            out(&mut nsub),
            out(&mut maxsub),
            out(&mut nval),
            out(&mut maxname),
            out(&mut maxdata),
            out(&mut cbsd),
            (&mut ft as *mut FILETIME).cast_const(),
        )
    };
    assert_eq!(rc, OK);
    assert!(cbsd > 0 && ft.dwHighDateTime != 0);
    let names = subkeys(key);
    let vals = values(key);
    assert_eq!(names.len() as u32, nsub);
    assert_eq!(vals.len() as u32, nval);
    assert_eq!(names.iter().map(|n| n.encode_utf16().count() as u32).max().unwrap_or(0), maxsub);
    assert_eq!(vals.iter().map(|v| v.0.encode_utf16().count() as u32).max().unwrap_or(0), maxname);
    assert_eq!(vals.iter().map(|v| v.2.len() as u32).max().unwrap_or(0), maxdata);

    let mut cb = 0u32;
    // SAFETY: NULL buffer with a size: the size query.
    let rc = unsafe { ClusterRegGetKeySecurity(key, 0x7, null_mut(), &mut cb) };
    assert_eq!(code(rc), ERROR_INSUFFICIENT_BUFFER);
    let mut sd = vec![0u8; cb as usize];
    // SAFETY: the buffer holds `cb` bytes.
    let rc = unsafe { ClusterRegGetKeySecurity(key, 0x7, sd.as_mut_ptr().cast(), &mut cb) };
    assert_eq!(rc, OK);

    for (name, kind, data) in &vals {
        assert_eq!(query(key, name), Ok((*kind, data.clone())), "{name}");
    }
    assert!(depth < 8, "the tree is shallow");
    for n in names {
        let sub = open(key, &n);
        walk(sub, depth + 1, seen);
        close(sub);
    }
}

#[test]
fn samba_walks_the_whole_default_cluster_database() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: a live cluster handle.
    let root = unsafe { GetClusterKey(hc, 0) };
    assert!(!root.is_null());
    let (kind, id) = query(root, "ClusterInstanceID").unwrap();
    assert_eq!((kind, id.len()), (REG_SZ, 37 * 2), "a GUID and its NUL");
    let mut seen = 0;
    walk(root, 0, &mut seen);
    assert!(seen > 20, "collections, objects and their Parameters: {seen}");
    close(root);
    // SAFETY: a live handle.
    unsafe { CloseCluster(hc) };
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn a_common_property_set_through_the_registry_is_what_the_control_codes_and_the_engine_see() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let disk = open_resource(hc, "Cluster Disk 1");
    let group = open_group(hc, "Cluster Group");
    // SAFETY: live handles; locals for every output.
    unsafe {
        let key = GetClusterResourceKey(disk, 0);
        // The key's values are the common properties, Name and Type included.
        assert_eq!(query(key, "Name"), Ok((REG_SZ, sz("Cluster Disk 1"))));
        assert_eq!(query(key, "Type"), Ok((REG_SZ, sz("Physical Disk"))));
        assert_eq!(query(key, "RestartThreshold"), Ok((REG_DWORD, 3u32.to_le_bytes().to_vec())));

        assert_eq!(set(key, "RestartThreshold", REG_DWORD, &0u32.to_le_bytes()), ERROR_SUCCESS);
        assert_eq!(get_common(disk).get("RestartThreshold").and_then(Value::as_dword), Some(0));
        // With threshold 0 the first failure fails the group over (tests/win32_properties.rs).
        let owner = |g| {
            let mut name = vec![0u16; 64];
            let mut cch = name.len() as u32;
            GetClusterGroupState(g, name.as_mut_ptr(), &mut cch);
            text(&name)
        };
        let home = owner(group);
        assert_eq!(FailClusterResource(disk), ERROR_SUCCESS);
        sim.harness().settle().unwrap();
        assert_ne!(owner(group), home, "the engine used the registry's threshold");

        // The schema's checks: wrong type 87, out of range 13, read-only 5, unknown 5.
        assert_eq!(set(key, "RestartThreshold", REG_SZ, &sz("3")), ERROR_INVALID_PARAMETER);
        assert_eq!(set(key, "RestartThreshold", REG_DWORD, &[1, 0]), ERROR_INVALID_PARAMETER);
        assert_eq!(set(key, "Name", REG_SZ, &sz("x")), ERROR_ACCESS_DENIED);
        assert_eq!(set(key, "NoSuchProperty", REG_DWORD, &1u32.to_le_bytes()), ERROR_ACCESS_DENIED);
        assert_eq!(ClusterRegDeleteValue(key, w("RestartThreshold").as_ptr()), ERROR_ACCESS_DENIED);
        assert_eq!(get_common(disk).get("RestartThreshold").and_then(Value::as_dword), Some(0), "unchanged");
        close(key);
        CloseClusterGroup(group);
        CloseClusterResource(disk);
        CloseCluster(hc);
    }
}

#[test]
fn private_properties_are_the_values_of_parameters_both_ways() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    let set_private = CLUSCTL_RESOURCE_SET_PRIVATE_PROPERTIES as u32;
    let get_private = CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES as u32;
    let mut l = PropertyList::new();
    l.push("ToolSetting", Value::Dword(42));
    let input = l.encode();
    // SAFETY: live handles; the buffers hold their lengths.
    unsafe {
        let mut returned = 0u32;
        let rc = ClusterResourceControl(
            res,
            0,
            set_private,
            input.as_ptr().cast::<c_void>(),
            input.len() as u32,
            null_mut(),
            0,
            &mut returned,
        );
        assert!(rc == ERROR_SUCCESS || rc == 5024, "stored: {rc}");
        let key = GetClusterResourceKey(res, 0);
        let params = open(key, "Parameters");
        assert_eq!(query(params, "ToolSetting"), Ok((REG_DWORD, 42u32.to_le_bytes().to_vec())));

        // And the other way: a value set under Parameters is a private property.
        assert_eq!(set(params, "Note", REG_SZ, &sz("from the registry")), ERROR_SUCCESS);
        let mut buf = vec![0u8; 16 * 1024];
        let rc = ClusterResourceControl(
            res,
            0,
            get_private,
            null(),
            0,
            buf.as_mut_ptr().cast(),
            buf.len() as u32,
            &mut returned,
        );
        assert_eq!(rc, ERROR_SUCCESS);
        let list = PropertyList::decode(&buf[..returned as usize]).unwrap();
        assert_eq!(list.get("Note").and_then(Value::as_str), Some("from the registry"));
        assert!(values(params).iter().any(|(n, ..)| n == "ToolSetting"));

        assert_eq!(ClusterRegDeleteValue(params, w("Note").as_ptr()), ERROR_SUCCESS);
        assert_eq!(query(params, "Note"), Err(ERROR_FILE_NOT_FOUND));
        close(params);
        close(key);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn a_batch_touching_an_object_key_is_atomic_with_its_property_changes() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; locals for every output.
    unsafe {
        let key = GetClusterResourceKey(res, 0);
        let run = |commands: &[(CLUSTER_REG_COMMAND, &str, u32, Vec<u8>)]| {
            let mut batch: HREGBATCH = 0;
            assert_eq!(ClusterRegCreateBatch(key, &mut batch), OK);
            for (c, n, o, d) in commands {
                let rc = ClusterRegBatchAddCommand(
                    batch,
                    *c,
                    w(n).as_ptr(),
                    *o,
                    d.as_ptr().cast(),
                    d.len() as u32,
                );
                assert_eq!(rc, OK);
            }
            let mut failed = 0;
            let rc = ClusterRegCloseBatch(batch, 1, &mut failed);
            (code(rc), failed)
        };
        let five = 5u32.to_le_bytes().to_vec();
        let failing = [
            (CLUSREG_SET_VALUE, "RestartThreshold", REG_DWORD, five.clone()),
            (CLUSREG_CREATE_KEY, r"Parameters\Sub", 0, Vec::new()),
            (CLUSREG_SET_VALUE, "x", REG_DWORD, five.clone()),
            (CLUSREG_CONDITION_KEY_EXISTS, "Nope", 0, Vec::new()),
        ];
        assert_eq!(run(&failing), (ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED, 3));
        assert_eq!(get_common(res).get("RestartThreshold").and_then(Value::as_dword), Some(3), "not applied");
        let params = open(key, "Parameters");
        assert!(subkeys(params).is_empty(), "the hive rolled back");

        // The condition reads the batch's own earlier write.
        let ok = [
            (CLUSREG_SET_VALUE, "RestartThreshold", REG_DWORD, five.clone()),
            (CLUSREG_CONDITION_IS_EQUAL, "RestartThreshold", 0, five.clone()),
            (CLUSREG_CREATE_KEY, "Parameters", 0, Vec::new()),
            (CLUSREG_SET_VALUE, "Tool", REG_DWORD, five.clone()),
        ];
        assert_eq!(run(&ok), (ERROR_SUCCESS, 0));
        assert_eq!(get_common(res).get("RestartThreshold").and_then(Value::as_dword), Some(5));
        assert_eq!(query(params, "Tool"), Ok((REG_DWORD, five.clone())));

        // A bad write to an object value fails at its index.
        let bad = [(CLUSREG_SET_VALUE, "Name", REG_SZ, sz("x"))];
        assert_eq!(run(&bad), (ERROR_ACCESS_DENIED, 0));
        close(params);
        close(key);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn close_cluster_invalidates_key_batch_and_reply_handles() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    // SAFETY: the handles are live until CloseCluster; afterwards the exports reject them.
    unsafe {
        let root = GetClusterKey(hc, 0);
        let rkey = GetClusterResourceKey(res, 0);
        let params = open(rkey, "Parameters");
        CloseClusterResource(res);
        // A key outlives its object handle.
        assert!(query(params, "DiskIdType").is_ok() || query(params, "DiskSignature").is_ok());
        let mut batch: HREGBATCH = 0;
        assert_eq!(ClusterRegCreateBatch(root, &mut batch), OK);
        let mut rb: HREGREADBATCH = 0;
        assert_eq!(ClusterRegCreateReadBatch(root, &mut rb), OK);
        CloseCluster(hc);
        for k in [root, rkey, params] {
            assert_eq!(query(k, "Name"), Err(ERROR_INVALID_HANDLE));
            assert_eq!(code(ClusterRegCloseKey(k)), ERROR_INVALID_HANDLE);
        }
        assert_eq!(code(ClusterRegCloseBatch(batch, 1, null_mut())), ERROR_INVALID_HANDLE);
        let mut reply: HREGREADBATCHREPLY = 0;
        assert_eq!(code(ClusterRegCloseReadBatch(rb, &mut reply)), ERROR_INVALID_HANDLE);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn bad_inputs_get_the_real_codes_and_change_nothing() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: deliberately bad arguments; the exports check them before use.
    unsafe {
        let root = GetClusterKey(hc, 0);
        let mut out: HKEY = null_mut();
        assert_eq!(
            code(ClusterRegOpenKey(root, w("Resources").as_ptr(), 0, null_mut())),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(code(ClusterRegOpenKey(root, null(), 0, &mut out)), ERROR_INVALID_PARAMETER);
        assert_eq!(
            code(ClusterRegOpenKey(root, w(r"\Resources").as_ptr(), 0, &mut out)),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(code(ClusterRegOpenKey(root, w("Nope").as_ptr(), 0, &mut out)), ERROR_FILE_NOT_FOUND);
        assert_eq!(code(ClusterRegOpenKey(null_mut(), w("x").as_ptr(), 0, &mut out)), ERROR_INVALID_HANDLE);
        let bad_utf16 = [0xD800u16, 0];
        assert_eq!(code(ClusterRegOpenKey(root, bad_utf16.as_ptr(), 0, &mut out)), ERROR_INVALID_NAME);
        assert!(out.is_null(), "nothing written on failure");
        // A cluster handle is not a key handle (H2).
        assert_eq!(code(ClusterRegCloseKey(hc as HKEY)), ERROR_INVALID_HANDLE);
        // Collections hold objects only.
        let mut how = 0;
        let rc = ClusterRegCreateKey(root, w(r"Resources\mine").as_ptr(), 0, 0, null(), &mut out, &mut how);
        assert_eq!(code(rc), ERROR_ACCESS_DENIED);
        assert_eq!(code(ClusterRegDeleteKey(root, w("Groups").as_ptr())), ERROR_ACCESS_DENIED);

        // The size protocols: NULL data gives the size and success; a small buffer 234.
        let mut cb = 0u32;
        let rc = ClusterRegQueryValue(root, w("ClusterInstanceID").as_ptr(), null_mut(), null_mut(), &mut cb);
        assert_eq!((rc, cb), (OK, 74));
        let mut small = [0u8; 4];
        cb = 4;
        let rc = ClusterRegQueryValue(
            root,
            w("ClusterInstanceID").as_ptr(),
            null_mut(),
            small.as_mut_ptr(),
            &mut cb,
        );
        assert_eq!((code(rc), cb), (ERROR_MORE_DATA, 74));
        let mut name = [0u16; 3];
        let mut cch = 3u32;
        let rc = ClusterRegEnumKey(root, 0, name.as_mut_ptr(), &mut cch, null_mut());
        assert_eq!(code(rc), ERROR_MORE_DATA);
        assert!(cch > 3, "the length needed, without the NUL: {cch}");
        assert_eq!(
            code(ClusterRegEnumKey(root, 100, name.as_mut_ptr(), &mut cch, null_mut())),
            ERROR_NO_MORE_ITEMS
        );
        let mut sd = [0u8; 8];
        cb = 8;
        assert_eq!(
            code(ClusterRegGetKeySecurity(root, 4, sd.as_mut_ptr().cast(), &mut cb)),
            ERROR_INSUFFICIENT_BUFFER
        );
        assert!(cb > 8);

        // A key deleted through another handle: 1018 through this one.
        let mut k: HKEY = null_mut();
        assert_eq!(ClusterRegCreateKey(root, w("Temp").as_ptr(), 0, 0, null(), &mut k, null_mut()), OK);
        assert_eq!(ClusterRegDeleteKey(root, w("Temp").as_ptr()), OK);
        assert_eq!(set(k, "v", REG_DWORD, &1u32.to_le_bytes()), ERROR_KEY_DELETED);
        assert_eq!(query(k, "v"), Err(ERROR_KEY_DELETED));
        close(k);
        assert_eq!(code(ClusterRegCloseKey(k)), ERROR_INVALID_HANDLE, "closed");
        // NULL data with a size.
        assert_eq!(ClusterRegSetValue(root, w("v").as_ptr(), REG_DWORD, null(), 4), ERROR_INVALID_PARAMETER);
        assert_eq!(query(root, "v"), Err(ERROR_FILE_NOT_FOUND), "nothing stored");
        close(root);
        CloseCluster(hc);
    }
}

#[test]
fn a_read_batch_answers_each_command_through_the_exports() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; the reply's pointers are read before the reply is closed.
    unsafe {
        let key = GetClusterResourceKey(res, 0);
        let mut rb: HREGREADBATCH = 0;
        assert_eq!(ClusterRegCreateReadBatch(key, &mut rb), OK);
        assert_eq!(ClusterRegReadBatchAddCommand(rb, null(), w("Name").as_ptr()), OK);
        assert_eq!(ClusterRegReadBatchAddCommand(rb, w("Parameters").as_ptr(), w("Missing").as_ptr()), OK);
        let mut reply: HREGREADBATCHREPLY = 0;
        assert_eq!(ClusterRegCloseReadBatch(rb, &mut reply), OK);
        let mut cmd: CLUSTER_READ_BATCH_COMMAND = std::mem::zeroed();
        assert_eq!(ClusterRegReadBatchReplyNextCommand(reply, &mut cmd), OK);
        assert_eq!((cmd.Command, cmd.dwOptions), (CLUSREG_READ_VALUE, REG_SZ));
        let data = std::slice::from_raw_parts(cmd.lpData, cmd.cbData as usize);
        assert_eq!(data, sz("Cluster Disk 1"));
        let value = std::slice::from_raw_parts(cmd.wzValueName, 5);
        assert_eq!(value, w("Name").as_slice());
        assert_eq!(ClusterRegReadBatchReplyNextCommand(reply, &mut cmd), OK);
        assert_eq!((cmd.Command, cmd.dwOptions), (CLUSREG_READ_ERROR, ERROR_FILE_NOT_FOUND));
        assert_eq!(code(ClusterRegReadBatchReplyNextCommand(reply, &mut cmd)), ERROR_NO_MORE_ITEMS);
        assert_eq!(ClusterRegCloseReadBatchReply(reply), OK);
        close(key);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

const FIXTURE: &str = r#"
[[cluster]]
name = "SEEDED"

[[cluster.node]]
name = "N1"

[[cluster.registry]]
key = 'Software\Contoso'
values = { Level = 3, Name = "x", Big = 5000000000, Paths = ["a", "b"] }
"#;

#[test]
fn a_fixture_seeds_plain_keys_and_values() {
    let sim = Sim::from_fixture_str(FIXTURE).unwrap();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: a live cluster handle.
    let root = unsafe { GetClusterKey(hc, 0) };
    let k = open(root, r"software\contoso");
    assert_eq!(query(k, "Level"), Ok((REG_DWORD, 3u32.to_le_bytes().to_vec())));
    assert_eq!(query(k, "Name"), Ok((REG_SZ, sz("x"))));
    assert_eq!(query(k, "Big"), Ok((REG_QWORD, 5_000_000_000u64.to_le_bytes().to_vec())));
    let multi: Vec<u8> = [w("a"), w("b"), vec![0]].concat().iter().flat_map(|u| u.to_le_bytes()).collect();
    assert_eq!(query(k, "Paths"), Ok((REG_MULTI_SZ, multi)));
    close(k);
    close(root);
    // SAFETY: a live cluster handle.
    unsafe { CloseCluster(hc) };
}

#[test]
fn fixture_registry_errors_name_the_line_key_and_value() {
    let bad = |key: &str, values: &str| {
        let text = format!(
            "[[cluster]]\nname = \"C\"\n[[cluster.node]]\nname = \"N1\"\n[[cluster.registry]]\nkey = '{key}'\nvalues = {{ {values} }}\n"
        );
        Sim::from_fixture_str(&text).unwrap_err()
    };
    let e = bad(r"\Software", "");
    assert_eq!((e.line, e.key.as_str(), e.value.as_str()), (6, "cluster.registry.key", r"\Software"));
    let e = bad(r"Resources\x", "");
    assert_eq!((e.line, e.key.as_str()), (6, "cluster.registry.key"));
    assert!(e.message.contains("properties"), "{}", e.message);
    let e = bad("Software", "Level = 1.5");
    assert_eq!((e.line, e.key.as_str(), e.value.as_str()), (7, "cluster.registry.values.Level", "1.5"));
    let e = bad("Software", "A = 1, a = 2");
    assert_eq!((e.line, e.key.as_str()), (7, "cluster.registry.values.a"));
}

/// Every event queued on `port` now, as (key, filter, name).
fn drain(port: HCHANGE) -> Vec<(usize, u32, String)> {
    let mut out = Vec::new();
    loop {
        let (mut key, mut filter) = (0usize, 0u32);
        let mut name = vec![0u16; 512];
        let mut cch = name.len() as u32;
        // SAFETY: the buffer holds `cch` WCHARs; a zero timeout.
        let rc = unsafe { GetClusterNotify(port, &mut key, &mut filter, name.as_mut_ptr(), &mut cch, 0) };
        if rc != ERROR_SUCCESS {
            return out;
        }
        out.push((key, filter, text(&name)));
    }
}

#[test]
fn a_key_handle_registered_on_a_port_sees_names_values_and_attributes_below_it() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    let (name, value, attributes, subtree) = (
        CLUSTER_CHANGE_REGISTRY_NAME as u32,
        CLUSTER_CHANGE_REGISTRY_VALUE as u32,
        CLUSTER_CHANGE_REGISTRY_ATTRIBUTES as u32,
        CLUSTER_CHANGE_REGISTRY_SUBTREE as u32,
    );
    // SAFETY: live handles; locals for every output.
    unsafe {
        let port = CreateClusterNotifyPort(-1, hc, 0, 0);
        assert_ne!(port, 0);
        let rkey = GetClusterResourceKey(res, 0);
        assert_eq!(RegisterClusterNotify(port, name | value | attributes, rkey, 1), ERROR_SUCCESS);
        let root = GetClusterKey(hc, 0);
        assert_eq!(RegisterClusterNotify(port, value | subtree, root, 2), ERROR_SUCCESS);

        let mut sub: HKEY = null_mut();
        assert_eq!(ClusterRegCreateKey(rkey, w("Contoso").as_ptr(), 0, 0, null(), &mut sub, null_mut()), OK);
        assert_eq!(set(sub, "Level", REG_DWORD, &1u32.to_le_bytes()), ERROR_SUCCESS);
        assert_eq!(set(rkey, "RestartThreshold", REG_DWORD, &2u32.to_le_bytes()), ERROR_SUCCESS);
        let params = open(rkey, "Parameters");
        assert_eq!(set(params, "Tool", REG_DWORD, &2u32.to_le_bytes()), ERROR_SUCCESS);
        let mut cb = 0;
        ClusterRegGetKeySecurity(rkey, 4, null_mut(), &mut cb);
        let mut sd = vec![0u8; cb as usize];
        assert_eq!(ClusterRegGetKeySecurity(rkey, 4, sd.as_mut_ptr().cast(), &mut cb), OK);
        assert_eq!(ClusterRegSetKeySecurity(rkey, 4, sd.as_mut_ptr().cast()), OK);

        let guid = {
            let mut buf = vec![0u16; 64];
            let mut cch = buf.len() as u32;
            let mut returned = 0u32;
            let code = CLUSCTL_RESOURCE_GET_ID as u32;
            ClusterResourceControl(res, 0, code, null(), 0, buf.as_mut_ptr().cast(), cch * 2, &mut returned);
            cch = returned / 2;
            text(&buf[..cch as usize])
        };
        let events = drain(port);
        let expected = vec![
            (1, name, "Contoso".to_owned()),
            // The key's own watcher: the subkey's value is not its (no SUBTREE).
            (2, value, format!(r"Resources\{guid}\Contoso")),
            (1, value, String::new()),
            (2, value, format!(r"Resources\{guid}")),
            (2, value, format!(r"Resources\{guid}\Parameters")),
            (1, attributes, String::new()),
        ];
        assert_eq!(events, expected);
        close(params);
        close(sub);
        close(rkey);
        close(root);
        CloseClusterNotifyPort(port);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn resutils_helpers_read_and_write_a_resources_parameters() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; locals for every output.
    unsafe {
        let rkey = GetClusterResourceKey(res, 0);
        let params = open(rkey, "Parameters");
        let mut v = 0u32;
        assert_eq!(ResUtilGetDwordValue(params, w("Missing").as_ptr(), &mut v, 17), ERROR_SUCCESS);
        assert_eq!(v, 17, "the default");
        let mut out = 0u32;
        assert_eq!(ResUtilSetDwordValue(params, w("Tool").as_ptr(), 9, &mut out), ERROR_SUCCESS);
        assert_eq!(out, 9);
        assert_eq!(ResUtilGetDwordValue(params, w("tool").as_ptr(), &mut v, 0), ERROR_SUCCESS);
        assert_eq!(v, 9);
        let mut q = 0u64;
        assert_eq!(ResUtilSetQwordValue(params, w("Big").as_ptr(), 1 << 40, null_mut()), ERROR_SUCCESS);
        assert_eq!(ResUtilGetQwordValue(params, w("Big").as_ptr(), &mut q, 0), ERROR_SUCCESS);
        assert_eq!(q, 1 << 40);
        assert_eq!(
            ResUtilGetDwordValue(params, w("Big").as_ptr(), &mut v, 0),
            ERROR_INVALID_PARAMETER,
            "a QWORD"
        );

        // The list in and out: atomically stored, all visible as private properties.
        let mut l = PropertyList::new();
        l.push("A", Value::Dword(1));
        l.push("B", Value::Sz("two".into()));
        let input = l.encode();
        assert_eq!(
            ResUtilSetPrivatePropertyList(params, input.as_ptr().cast(), input.len() as u32),
            ERROR_SUCCESS
        );
        let (mut returned, mut required) = (0u32, 0u32);
        let rc = ResUtilGetPrivateProperties(params, null_mut(), 0, &mut returned, &mut required);
        assert_eq!(rc, ERROR_MORE_DATA);
        let mut buf = vec![0u8; required as usize];
        let rc = ResUtilGetPrivateProperties(
            params,
            buf.as_mut_ptr().cast(),
            required,
            &mut returned,
            &mut required,
        );
        assert_eq!((rc, returned), (ERROR_SUCCESS, required));
        let got = PropertyList::decode(&buf).unwrap();
        assert_eq!(got.get("Tool").and_then(Value::as_dword), Some(9));
        assert_eq!(got.get("B").and_then(Value::as_str), Some("two"));
        assert_eq!(
            sim.harness().resource(clusapi_sim::Handle::from_raw(res)).unwrap().private.get("A"),
            Some(&Value::Dword(1))
        );
        close(params);
        close(rkey);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn a_batch_notify_port_streams_each_committed_write_below_its_key() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    // SAFETY: live handles; the commands' pointers are read before their notification closes.
    unsafe {
        let root = GetClusterKey(hc, 0);
        let mut sw: HKEY = null_mut();
        assert_eq!(ClusterRegCreateKey(root, w("Software").as_ptr(), 0, 0, null(), &mut sw, null_mut()), OK);
        let mut port: HREGBATCHPORT = 0;
        assert_eq!(ClusterRegCreateBatchNotifyPort(sw, &mut port), OK);
        let mut n: HREGBATCHNOTIFICATION = 0;
        assert_eq!(code(ClusterRegGetBatchNotification(port, &mut n)), ERROR_NO_MORE_ITEMS);

        // One batch: a key, two values, a delete; and a write outside the key, not streamed.
        let mut batch: HREGBATCH = 0;
        assert_eq!(ClusterRegCreateBatch(sw, &mut batch), OK);
        let add = |c, name: &str, opt: u32, d: &[u8]| {
            ClusterRegBatchAddCommand(batch, c, w(name).as_ptr(), opt, d.as_ptr().cast(), d.len() as u32)
        };
        assert_eq!(add(CLUSREG_CREATE_KEY, "Contoso", 0, &[]), OK);
        assert_eq!(add(CLUSREG_SET_VALUE, "Level", REG_DWORD, &3u32.to_le_bytes()), OK);
        assert_eq!(add(CLUSREG_SET_VALUE, "Old", REG_DWORD, &1u32.to_le_bytes()), OK);
        assert_eq!(add(CLUSREG_DELETE_VALUE, "Old", 0, &[]), OK);
        assert_eq!(ClusterRegCloseBatch(batch, 1, null_mut()), OK);
        assert_eq!(set(root, "Elsewhere", REG_DWORD, &1u32.to_le_bytes()), ERROR_SUCCESS);

        assert_eq!(ClusterRegGetBatchNotification(port, &mut n), OK);
        let mut got = Vec::new();
        loop {
            let mut c: CLUSTER_BATCH_COMMAND = std::mem::zeroed();
            let rc = ClusterRegBatchReadCommand(n, &mut c);
            if code(rc) == ERROR_NO_MORE_ITEMS {
                break;
            }
            assert_eq!(rc, OK);
            let mut len = 0;
            while *c.wzName.add(len) != 0 {
                len += 1;
            }
            let name = String::from_utf16(std::slice::from_raw_parts(c.wzName, len)).unwrap();
            let data = if c.lpData.is_null() {
                Vec::new()
            } else {
                std::slice::from_raw_parts(c.lpData, c.cbData as usize).to_vec()
            };
            got.push((c.Command, c.dwOptions, name, data));
        }
        let expected = vec![
            (CLUSREG_CREATE_KEY, 0, "Contoso".to_owned(), vec![]),
            (CLUSREG_SET_VALUE, REG_DWORD, "Level".to_owned(), 3u32.to_le_bytes().to_vec()),
            (CLUSREG_SET_VALUE, REG_DWORD, "Old".to_owned(), 1u32.to_le_bytes().to_vec()),
            (CLUSREG_VALUE_DELETED, 0, "Old".to_owned(), vec![]),
        ];
        assert_eq!(got, expected);
        assert_eq!(ClusterRegBatchCloseNotification(n), OK);
        assert_eq!(
            code(ClusterRegGetBatchNotification(port, &mut n)),
            ERROR_NO_MORE_ITEMS,
            "one batch, one notification"
        );
        assert_eq!(ClusterRegCloseBatchNotifyPort(port), OK);
        assert_eq!(code(ClusterRegCloseBatchNotifyPort(port)), ERROR_INVALID_HANDLE);
        close(sw);
        close(root);
        CloseCluster(hc);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn resutils_property_tables_read_values_defaults_and_unknown_properties() {
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Cluster Disk 1");
    // SAFETY: live handles; the table's strings outlive the calls.
    unsafe {
        let rkey = GetClusterResourceKey(res, 0);
        let params = open(rkey, "Parameters");
        assert_eq!(set(params, "Level", REG_DWORD, &5u32.to_le_bytes()), ERROR_SUCCESS);
        assert_eq!(set(params, "Extra", REG_SZ, &sz("e")), ERROR_SUCCESS);
        let (level, missing, text, fallback) = (w("Level"), w("Missing"), w("Text"), w("fallback"));
        let mut table: Vec<RESUTIL_PROPERTY_ITEM> = vec![std::mem::zeroed(); 4];
        table[0].Name = level.as_ptr().cast_mut();
        table[0].Format = CLUSPROP_FORMAT_DWORD as u32;
        table[0].Anonymous.Default = 1;
        table[1].Name = missing.as_ptr().cast_mut();
        table[1].Format = CLUSPROP_FORMAT_DWORD as u32;
        table[1].Anonymous.Default = 42;
        table[2].Name = text.as_ptr().cast_mut();
        table[2].Format = CLUSPROP_FORMAT_SZ as u32;
        table[2].Anonymous.lpDefault = fallback.as_ptr().cast_mut().cast();
        let (mut returned, mut required) = (0u32, 0u32);
        let rc = ResUtilGetProperties(params, table.as_ptr(), null_mut(), 0, &mut returned, &mut required);
        assert_eq!(rc, ERROR_MORE_DATA);
        let mut buf = vec![0u8; required as usize];
        let rc = ResUtilGetProperties(
            params,
            table.as_ptr(),
            buf.as_mut_ptr().cast(),
            required,
            &mut returned,
            &mut required,
        );
        assert_eq!(rc, ERROR_SUCCESS);
        let list = PropertyList::decode(&buf).unwrap();
        assert_eq!(list.get("Level").and_then(Value::as_dword), Some(5));
        assert_eq!(list.get("Missing").and_then(Value::as_dword), Some(42), "the default");
        assert_eq!(list.get("Text").and_then(Value::as_str), Some("fallback"));
        assert!(list.get("Extra").is_none(), "not in the table");

        let mut buf = vec![0u8; 4096];
        let rc = ResUtilGetAllProperties(
            params,
            table.as_ptr(),
            buf.as_mut_ptr().cast(),
            4096,
            &mut returned,
            &mut required,
        );
        assert_eq!(rc, ERROR_SUCCESS);
        let list = PropertyList::decode(&buf[..returned as usize]).unwrap();
        assert_eq!(list.get("Extra").and_then(Value::as_str), Some("e"), "an unknown property");
        assert_eq!(list.iter().filter(|p| p.name == "Level").count(), 1, "listed once");
        assert_eq!(ResUtilGetProperties(params, null(), null_mut(), 0, &mut returned, &mut required), 160);
        close(params);
        close(rkey);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn resutils_string_and_binary_helpers_hand_out_local_alloc_copies() {
    use windows_sys::Win32::Foundation::{GetLastError, LocalFree};
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Contoso App Service");
    // SAFETY: live handles; locals for every output; copies freed with LocalFree.
    unsafe {
        let rkey = GetClusterResourceKey(res, 0);
        let params = open(rkey, "Parameters");
        let wide = |p: *const u16| {
            let n = (0..).take_while(|&i| *p.add(i) != 0).count();
            String::from_utf16_lossy(std::slice::from_raw_parts(p, n))
        };
        // The resource's ServiceName private property, through the one store.
        let name = ResUtilGetSzValue(params, w("ServiceName").as_ptr());
        assert!(!name.is_null());
        assert_eq!(wide(name), "ContosoAppSvc");
        assert!(LocalFree(name.cast()).is_null());
        assert!(ResUtilGetSzValue(params, w("NoSuchValue").as_ptr()).is_null());
        assert_eq!(GetLastError(), ERROR_FILE_NOT_FOUND);

        // Set, with the out copy replacing (and freeing) the previous one.
        let mut out: windows_sys::core::PWSTR = null_mut();
        assert_eq!(
            ResUtilSetSzValue(params, w("StartupParameters").as_ptr(), w("-a").as_ptr(), &mut out),
            ERROR_SUCCESS
        );
        assert_eq!(wide(out), "-a");
        assert_eq!(
            ResUtilSetSzValue(params, w("StartupParameters").as_ptr(), w("-b").as_ptr(), &mut out),
            ERROR_SUCCESS
        );
        assert_eq!(wide(out), "-b");
        LocalFree(out.cast());
        let private = sim
            .private_properties(<clusapi_sim::ResourceHandle as clusapi_sim::Handle>::from_raw(res))
            .unwrap();
        assert_eq!(private.get("StartupParameters").and_then(Value::as_str), Some("-b"), "one store");

        let mut expanded: windows_sys::core::PWSTR = null_mut();
        assert_eq!(
            ResUtilSetExpandSzValue(
                params,
                w("LogDir").as_ptr(),
                w("%SystemRoot%\\x").as_ptr(),
                &mut expanded
            ),
            ERROR_SUCCESS
        );
        LocalFree(expanded.cast());

        let multi: Vec<u16> = "a\0bc\0\0".encode_utf16().collect();
        let (mut mout, mut msize): (windows_sys::core::PWSTR, u32) = (null_mut(), 0);
        let cb = 2 * multi.len() as u32;
        assert_eq!(
            ResUtilSetMultiSzValue(params, w("Hosts").as_ptr(), multi.as_ptr(), cb, &mut mout, &mut msize),
            ERROR_SUCCESS
        );
        assert_eq!(msize, cb);
        LocalFree(mout.cast());

        let blob = [1u8, 2, 3];
        let (mut bout, mut bsize) = (null_mut(), 0u32);
        assert_eq!(
            ResUtilSetBinaryValue(params, w("Blob").as_ptr(), blob.as_ptr(), 3, null_mut(), null_mut()),
            ERROR_SUCCESS
        );
        assert_eq!(ResUtilGetBinaryValue(params, w("Blob").as_ptr(), &mut bout, &mut bsize), ERROR_SUCCESS);
        assert_eq!(std::slice::from_raw_parts(bout, bsize as usize), blob);
        LocalFree(bout.cast());
        assert_eq!(
            ResUtilGetBinaryValue(params, w("Hosts").as_ptr(), &mut bout, &mut bsize),
            ERROR_INVALID_PARAMETER,
            "another type"
        );
        assert_eq!(
            ResUtilSetBinaryValue(params, w("Blob").as_ptr(), null(), 3, null_mut(), null_mut()),
            ERROR_INVALID_PARAMETER
        );

        ClusterRegCloseKey(params);
        ClusterRegCloseKey(rkey);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}

#[test]
fn resutils_property_tables_read_and_write_a_parameter_block_through_the_registry() {
    use windows_sys::Win32::Foundation::LocalFree;
    #[repr(C)]
    struct Params {
        service: *mut u16,
        startup: *mut u16,
        use_network_name: u32,
    }
    let names = [w("ServiceName"), w("StartupParameters"), w("UseNetworkName"), w("NotThere")];
    let item = |name: &Vec<u16>, format: i32, flags: u32, offset: usize| {
        // SAFETY: an all-zero RESUTIL_PROPERTY_ITEM is valid (the table's end marker).
        let mut i: RESUTIL_PROPERTY_ITEM = unsafe { std::mem::zeroed() };
        i.Name = name.as_ptr().cast_mut();
        i.Format = format as u32;
        i.Flags = flags;
        i.Offset = offset as u32;
        i
    };
    const REQUIRED: u32 = 2;
    // SAFETY: all-zero end marker.
    let end: RESUTIL_PROPERTY_ITEM = unsafe { std::mem::zeroed() };
    let table = [
        item(&names[0], CLUSPROP_FORMAT_SZ, REQUIRED, std::mem::offset_of!(Params, service)),
        item(&names[1], CLUSPROP_FORMAT_SZ, 0, std::mem::offset_of!(Params, startup)),
        RESUTIL_PROPERTY_ITEM {
            Maximum: 1, // a boolean, as Generic Service's table has it
            ..item(&names[2], CLUSPROP_FORMAT_DWORD, 0, std::mem::offset_of!(Params, use_network_name))
        },
        end,
    ];
    let strict = [item(&names[3], CLUSPROP_FORMAT_DWORD, REQUIRED, 0), end];
    let sim = Sim::default();
    let _g = sim.install();
    let hc = open_local();
    let res = open_resource(hc, "Contoso App Service");
    let wide = |p: *const u16| {
        // SAFETY: a NUL-terminated string from the simulator.
        unsafe {
            let n = (0..).take_while(|&i| *p.add(i) != 0).count();
            String::from_utf16_lossy(std::slice::from_raw_parts(p, n))
        }
    };
    // SAFETY: live handles; the block and tables live across the calls.
    unsafe {
        let rkey = GetClusterResourceKey(res, 0);
        let params = open(rkey, "Parameters");
        let mut block = Params { service: null_mut(), startup: null_mut(), use_network_name: 7 };
        let mut err: windows_sys::core::PWSTR = null_mut();
        let rc = ResUtilGetPropertiesToParameterBlock(
            params,
            table.as_ptr(),
            (&raw mut block).cast(),
            1,
            &mut err,
        );
        assert_eq!(rc, ERROR_SUCCESS);
        assert_eq!((wide(block.service), wide(block.startup)), ("ContosoAppSvc".into(), "-cluster".into()));
        assert_eq!(block.use_network_name, 0, "the schema's default");
        LocalFree(block.service.cast());
        LocalFree(block.startup.cast());

        let mut scratch = 0u32;
        let rc = ResUtilGetPropertiesToParameterBlock(
            params,
            strict.as_ptr(),
            (&raw mut scratch).cast(),
            1,
            &mut err,
        );
        assert_eq!(rc, ERROR_FILE_NOT_FOUND, "a required property the key does not hold");
        assert_eq!(wide(err), "NotThere");
        LocalFree(err.cast());

        let mut list = PropertyList::new();
        list.push("UseNetworkName", Value::Dword(1));
        list.push("StartupParameters", Value::Sz("-x".into()));
        let input = list.encode();
        let mut out = Params { service: null_mut(), startup: null_mut(), use_network_name: 0 };
        let rc = ResUtilSetPropertyTable(
            params,
            table.as_ptr(),
            null(),
            0,
            input.as_ptr().cast(),
            input.len() as u32,
            (&raw mut out).cast(),
        );
        assert_eq!(rc, ERROR_SUCCESS);
        assert_eq!((out.use_network_name, wide(out.startup)), (1, "-x".into()));
        LocalFree(out.startup.cast());
        let private = sim
            .private_properties(<clusapi_sim::ResourceHandle as clusapi_sim::Handle>::from_raw(res))
            .unwrap();
        assert_eq!(
            private.get("UseNetworkName").and_then(Value::as_dword),
            Some(1),
            "written through the one store"
        );
        assert_eq!(private.get("StartupParameters").and_then(Value::as_str), Some("-x"));

        let before = sim.harness().world();
        list.push("Unknown", Value::Dword(3));
        let input = list.encode();
        let rc = ResUtilSetPropertyTable(
            params,
            table.as_ptr(),
            null(),
            0,
            input.as_ptr().cast(),
            input.len() as u32,
            null_mut(),
        );
        assert_eq!(rc, ERROR_INVALID_PARAMETER, "an unknown property while not allowed");
        assert!(sim.harness().world() == before, "nothing written");

        ClusterRegCloseKey(params);
        ClusterRegCloseKey(rkey);
        CloseClusterResource(res);
        CloseCluster(hc);
    }
}
