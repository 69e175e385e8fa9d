//! The Win32 control functions (`ClusterResourceControl`, `ClusterResourceTypeControl`,
//! `ClusterGroupControl`, `ClusterNodeControl`, `ClusterNetworkControl`,
//! `ClusterNetInterfaceControl`, `ClusterControl`), called the way real clients
//! call them: through `windows_sys`, linked against the simulator's exports. Each test installs
//! its own simulator of the embedded default cluster (`src/fixture/default.toml`).

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use windows_sys::Win32::Foundation::{
    ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND, ERROR_INVALID_FUNCTION, ERROR_INVALID_HANDLE,
    ERROR_INVALID_PARAMETER, ERROR_MORE_DATA, ERROR_SUCCESS, GetLastError,
};
use windows_sys::Win32::Networking::Clustering::*;

/// A byte no control writes: it shows what was left untouched.
const SENTINEL: u8 = 0xa5;
/// A `*lpBytesReturned` value no control writes.
const UNTOUCHED: u32 = 0xdead_beef;

/// The signature `ClusterResourceControl`, `ClusterGroupControl`, `ClusterNodeControl` and
/// `ClusterControl` share (all handles are `isize`).
type ControlFn =
    unsafe extern "system" fn(isize, HNODE, u32, *const c_void, u32, *mut c_void, u32, *mut u32) -> u32;

/// `s` as a control returns it: NUL-terminated UTF-16 bytes.
fn wide_bytes(s: &str) -> Vec<u8> {
    w(s).into_iter().flat_map(u16::to_ne_bytes).collect()
}

fn dword_bytes(v: u32) -> Vec<u8> {
    v.to_ne_bytes().to_vec()
}

fn class_bytes(class: u32, subclass: u32) -> Vec<u8> {
    [class, subclass].iter().flat_map(|v| v.to_ne_bytes()).collect()
}

/// One call with a buffer of `size` bytes (inside a larger one filled with [`SENTINEL`]):
/// the code, `*lpBytesReturned`, and the whole buffer.
fn call(f: ControlFn, h: isize, host: HNODE, code: u32, size: usize) -> (u32, u32, Vec<u8>) {
    let mut buf = vec![SENTINEL; size + 16];
    let mut returned = UNTOUCHED;
    // SAFETY: buf holds more than `size` bytes.
    let rc = unsafe { f(h, host, code, null(), 0, buf.as_mut_ptr().cast(), size as u32, &mut returned) };
    (rc, returned, buf)
}

/// Checks `code` on `h` against `want` with every buffer a client might pass: big, exact, one
/// byte short, zero-sized, NULL, and with a NULL `lpBytesReturned`.
#[track_caller]
fn check(f: ControlFn, h: isize, code: u32, want: &[u8]) {
    let n = want.len();
    // Big: the reply, its size (less than the buffer's: Samba's torture test), nothing after.
    let (rc, returned, buf) = call(f, h, 0, code, 512);
    assert_eq!((rc, returned as usize), (ERROR_SUCCESS, n), "code {code:#x}, big buffer");
    assert!(returned < 512);
    assert_eq!(&buf[..n], want, "code {code:#x}");
    assert!(buf[n..].iter().all(|&b| b == SENTINEL), "code {code:#x}: nothing past the reply");
    // Exact.
    let (rc, returned, buf) = call(f, h, 0, code, n);
    assert_eq!((rc, returned as usize, &buf[..n]), (ERROR_SUCCESS, n, want), "code {code:#x}, exact buffer");
    assert!(buf[n..].iter().all(|&b| b == SENTINEL));
    // One byte short: ERROR_MORE_DATA, the size needed, nothing written.
    let (rc, returned, buf) = call(f, h, 0, code, n - 1);
    assert_eq!((rc, returned as usize), (ERROR_MORE_DATA, n), "code {code:#x}, short buffer");
    assert!(buf.iter().all(|&b| b == SENTINEL), "code {code:#x}: nothing written when short");
    // A NULL buffer is a size query: ERROR_SUCCESS and the size (ClusterResourceControl page).
    for size in [0, 64] {
        let mut returned = UNTOUCHED;
        // SAFETY: NULL buffer; returned is valid.
        let rc = unsafe { f(h, 0, code, null(), 0, null_mut(), size, &mut returned) };
        assert_eq!((rc, returned as usize), (ERROR_SUCCESS, n), "code {code:#x}, NULL buffer of {size}");
    }
    // A NULL lpBytesReturned: only the buffer is filled.
    let mut buf = vec![SENTINEL; 512];
    // SAFETY: buf holds 512 bytes.
    let rc = unsafe { f(h, 0, code, null(), 0, buf.as_mut_ptr().cast(), 512, null_mut()) };
    assert_eq!((rc, &buf[..n]), (ERROR_SUCCESS, want), "code {code:#x}, NULL lpBytesReturned");
    let mut buf = vec![SENTINEL; 512];
    // SAFETY: buf holds 512 bytes, more than the n - 1 passed.
    let rc = unsafe { f(h, 0, code, null(), 0, buf.as_mut_ptr().cast(), n as u32 - 1, null_mut()) };
    assert_eq!(rc, ERROR_MORE_DATA);
    assert!(buf.iter().all(|&b| b == SENTINEL));
}

/// Asserts that `code` fails with `error` and writes nothing at all.
#[track_caller]
fn check_fails(f: ControlFn, h: isize, host: HNODE, code: u32, error: u32) {
    let (rc, returned, buf) = call(f, h, host, code, 256);
    assert_eq!((rc, returned), (error, UNTOUCHED), "code {code:#x} on {h:#x}");
    assert!(buf.iter().all(|&b| b == SENTINEL), "code {code:#x}: nothing written");
}

// ---- resources --------------------------------------------------------------------------

#[test]
fn resource_identity_codes() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for r in c.resources().values() {
        let h = open_resource(hc, &r.name);
        let rt = c.resource_type(&r.resource_type).unwrap();
        check(ClusterResourceControl, h, CLUSCTL_RESOURCE_GET_NAME as u32, &wide_bytes(&r.name));
        check(ClusterResourceControl, h, CLUSCTL_RESOURCE_GET_ID as u32, &wide_bytes(&r.guid));
        check(
            ClusterResourceControl,
            h,
            CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
            &wide_bytes(&r.resource_type),
        );
        check(ClusterResourceControl, h, CLUSCTL_RESOURCE_GET_FLAGS as u32, &dword_bytes(u32::from(r.core)));
        check(
            ClusterResourceControl,
            h,
            CLUSCTL_RESOURCE_GET_CHARACTERISTICS as u32,
            &dword_bytes(rt.characteristics),
        );
        let subclass = if rt.class == 1 || rt.class == 2 { 0x8000_0000 } else { 0 };
        check(
            ClusterResourceControl,
            h,
            CLUSCTL_RESOURCE_GET_CLASS_INFO as u32,
            &class_bytes(rt.class, subclass),
        );
        // SAFETY: any value.
        assert_eq!(unsafe { CloseClusterResource(h) }, 1);
    }
    // The default cluster's well-known values.
    let disk = open_resource(hc, "Cluster Disk 1");
    let name = open_resource(hc, "Cluster Name");
    let sql = open_resource(hc, "SQL Server");
    let flags = CLUSCTL_RESOURCE_GET_FLAGS as u32;
    let class = CLUSCTL_RESOURCE_GET_CLASS_INFO as u32;
    let chars = CLUSCTL_RESOURCE_GET_CHARACTERISTICS as u32;
    assert_eq!(call(ClusterResourceControl, disk, 0, flags, 4).2[..4], CLUS_FLAG_CORE.to_ne_bytes());
    assert_eq!(call(ClusterResourceControl, sql, 0, flags, 4).2[..4], 0u32.to_ne_bytes());
    assert_eq!(call(ClusterResourceControl, disk, 0, class, 8).2[..8], class_bytes(1, 0x8000_0000)[..]);
    assert_eq!(call(ClusterResourceControl, name, 0, class, 8).2[..8], class_bytes(2, 0x8000_0000)[..]);
    assert_eq!(call(ClusterResourceControl, sql, 0, class, 8).2[..8], class_bytes(0, 0)[..]);
    let quorum = (CLUS_CHAR_QUORUM | CLUS_CHAR_DELETE_REQUIRES_ALL_NODES) as u32;
    assert_eq!(call(ClusterResourceControl, disk, 0, chars, 4).2[..4], quorum.to_ne_bytes());
    // SAFETY: any values.
    unsafe {
        CloseClusterResource(disk);
        CloseClusterResource(name);
        CloseClusterResource(sql);
        CloseCluster(hc);
    }
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn dword_codes_with_a_zero_size_are_size_queries() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let h = open_resource(hc, "Cluster Disk 1");
    // MS-CMRP 3.1.4.3.1.2 / 3.1.4.3.1.4: GET_CHARACTERISTICS and GET_CLASS_INFO with
    // nOutBufferSize 0 succeed; string codes fail with ERROR_MORE_DATA.
    for (code, size) in [(CLUSCTL_RESOURCE_GET_CHARACTERISTICS, 4), (CLUSCTL_RESOURCE_GET_CLASS_INFO, 8)] {
        let (rc, returned, buf) = call(ClusterResourceControl, h, 0, code as u32, 0);
        assert_eq!((rc, returned), (ERROR_SUCCESS, size), "{code:#x}");
        assert!(buf.iter().all(|&b| b == SENTINEL));
    }
    let (rc, returned, buf) = call(ClusterResourceControl, h, 0, CLUSCTL_RESOURCE_GET_NAME as u32, 0);
    assert_eq!((rc, returned as usize), (ERROR_MORE_DATA, wide_bytes("Cluster Disk 1").len()));
    assert!(buf.iter().all(|&b| b == SENTINEL));
    let last = sim.harness().trace().pop().unwrap();
    assert_eq!(
        (last.function, last.result),
        ("ClusterResourceControl", ERROR_MORE_DATA),
        "traced as it returned"
    );
    let (rc, returned, _) = call(ClusterResourceControl, h, 0, CLUSCTL_RESOURCE_GET_FLAGS as u32, 0);
    assert_eq!((rc, returned), (ERROR_MORE_DATA, 4));
    // SAFETY: any values.
    unsafe {
        CloseClusterResource(h);
        CloseCluster(hc);
    }
}

#[test]
fn get_resource_type_the_way_clients_call_it() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for r in c.resources().values() {
        let h = open_resource(hc, &r.name);
        let want = wide_bytes(&r.resource_type);

        // sysinv: a MAX_PATH + 1 WCHAR buffer, sizeof(buffer) bytes, success → use it.
        let mut buffer = [0u16; 261];
        let mut buffer_len = 261u32;
        // SAFETY: buffer holds sizeof(buffer) bytes.
        let rc = unsafe {
            ClusterResourceControl(
                h,
                0,
                CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
                null(),
                0,
                buffer.as_mut_ptr().cast(),
                size_of_val(&buffer) as u32,
                &mut buffer_len,
            )
        };
        assert_eq!((rc, buffer_len as usize), (ERROR_SUCCESS, want.len()));
        let end = buffer.iter().position(|&u| u == 0).unwrap();
        assert_eq!(String::from_utf16(&buffer[..end]).unwrap(), r.resource_type);

        // DonutsEmperor: 64 bytes first (the return code is not even looked at); when the size
        // returned is larger, reallocate to it and ask again.
        let mut buf = vec![0u8; 64];
        let mut returned = 0u32;
        // SAFETY: buf holds 64 bytes.
        let mut rc = unsafe {
            ClusterResourceControl(
                h,
                0,
                CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
                null(),
                0,
                buf.as_mut_ptr().cast(),
                64,
                &mut returned,
            )
        };
        if returned > 64 {
            assert_eq!(rc, ERROR_MORE_DATA);
            buf = vec![0u8; returned as usize];
            // SAFETY: buf holds `returned` bytes.
            rc = unsafe {
                ClusterResourceControl(
                    h,
                    0,
                    CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
                    null(),
                    0,
                    buf.as_mut_ptr().cast(),
                    returned,
                    &mut returned,
                )
            };
        }
        assert_eq!((rc, &buf[..want.len()]), (ERROR_SUCCESS, &want[..]), "{}", r.name);

        // The Microsoft cluster setup code: a 33-byte buffer (a WCHAR count passed as bytes),
        // then `cb + 1` bytes on ERROR_MORE_DATA.
        let mut cbpsz = 33u32;
        let mut tries = 0;
        let got = loop {
            tries += 1;
            let mut psz = vec![0u8; cbpsz as usize];
            let mut cb = 0u32;
            // SAFETY: psz holds cbpsz bytes.
            let sc = unsafe {
                ClusterResourceControl(
                    h,
                    0,
                    CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
                    null(),
                    0,
                    psz.as_mut_ptr().cast(),
                    cbpsz,
                    &mut cb,
                )
            };
            if sc == ERROR_MORE_DATA {
                cbpsz = cb + 1;
                continue;
            }
            assert_eq!(sc, ERROR_SUCCESS);
            break psz[..cb as usize].to_vec();
        };
        assert_eq!(got, want);
        assert_eq!(tries, if want.len() > 33 { 2 } else { 1 });

        // MSMQ: a size query with NULL/0 must succeed, then the real call.
        let mut size = 0u32;
        // SAFETY: NULL buffer; size is valid.
        let rc = unsafe {
            ClusterResourceControl(
                h,
                0,
                CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
                null(),
                0,
                null_mut(),
                0,
                &mut size,
            )
        };
        assert_eq!((rc, size as usize), (ERROR_SUCCESS, want.len()));

        // SAFETY: any value.
        unsafe { CloseClusterResource(h) };
    }
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
    assert!(sim.harness().open_handles().is_empty(), "every resource handle closed (sysinv would leak them)");
}

// ---- groups, nodes, cluster, resource types ------------------------------------------

#[test]
fn group_identity_codes() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for g in c.groups().values() {
        let h = open_group(hc, &g.name);
        check(ClusterGroupControl, h, CLUSCTL_GROUP_GET_NAME as u32, &wide_bytes(&g.name));
        check(ClusterGroupControl, h, CLUSCTL_GROUP_GET_ID as u32, &wide_bytes(&g.guid));
        check(ClusterGroupControl, h, CLUSCTL_GROUP_GET_FLAGS as u32, &dword_bytes(u32::from(g.core)));
        check(ClusterGroupControl, h, CLUSCTL_GROUP_GET_CHARACTERISTICS as u32, &dword_bytes(0));
        // SAFETY: any value.
        unsafe { CloseClusterGroup(h) };
    }
    let core = open_group(hc, "Cluster Group");
    let role = open_group(hc, "FS01");
    let flags = CLUSCTL_GROUP_GET_FLAGS as u32;
    assert_eq!(call(ClusterGroupControl, core, 0, flags, 4).2[..4], CLUS_FLAG_CORE.to_ne_bytes());
    assert_eq!(call(ClusterGroupControl, role, 0, flags, 4).2[..4], 0u32.to_ne_bytes());
    // SAFETY: any values.
    unsafe {
        CloseClusterGroup(core);
        CloseClusterGroup(role);
        CloseCluster(hc);
    }
}

#[test]
fn node_identity_codes() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for n in c.nodes() {
        let h = open_node(hc, &n.name);
        check(ClusterNodeControl, h, CLUSCTL_NODE_GET_NAME as u32, &wide_bytes(&n.name));
        // Samba's torture test: the node id as a UTF-16 string.
        check(ClusterNodeControl, h, CLUSCTL_NODE_GET_ID as u32, &wide_bytes(&n.id.to_string()));
        check(ClusterNodeControl, h, CLUSCTL_NODE_GET_FLAGS as u32, &dword_bytes(0));
        check(ClusterNodeControl, h, CLUSCTL_NODE_GET_CHARACTERISTICS as u32, &dword_bytes(0));
        // SAFETY: any value.
        unsafe { CloseClusterNode(h) };
    }
    let h = open_node(hc, "NODE2");
    let (rc, returned, buf) = call(ClusterNodeControl, h, 0, CLUSCTL_NODE_GET_ID as u32, 64);
    assert_eq!((rc, returned, &buf[..4]), (ERROR_SUCCESS, 4, &[b'2', 0, 0, 0][..]));
    // SAFETY: any values.
    unsafe {
        CloseClusterNode(h);
        CloseCluster(hc);
    }
}

#[test]
fn cluster_fqdn() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    assert_eq!(c.fqdn(), "CONTOSO-CLU1.contoso.com");
    check(ClusterControl, hc, CLUSCTL_CLUSTER_GET_FQDN as u32, &wide_bytes(c.fqdn()));
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
}

#[test]
fn resource_type_codes() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let control = |name: &str, code: u32, size: u32| {
        let name = w(name);
        let mut buf = vec![SENTINEL; size as usize + 8];
        let mut returned = UNTOUCHED;
        // SAFETY: NUL-terminated name; buf holds more than size bytes.
        let rc = unsafe {
            ClusterResourceTypeControl(
                hc,
                name.as_ptr(),
                0,
                code,
                null(),
                0,
                buf.as_mut_ptr().cast(),
                size,
                &mut returned,
            )
        };
        (rc, returned, buf)
    };
    for rt in c.resource_types() {
        let (rc, returned, buf) = control(&rt.name, CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS as u32, 64);
        assert_eq!((rc, returned, &buf[..4]), (ERROR_SUCCESS, 4, &rt.characteristics.to_ne_bytes()[..]));
        let (rc, returned, buf) = control(&rt.name, CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO as u32, 8);
        let subclass = if rt.class == 1 || rt.class == 2 { 0x8000_0000 } else { 0 };
        assert_eq!((rc, returned, &buf[..8]), (ERROR_SUCCESS, 8, &class_bytes(rt.class, subclass)[..]));
        assert!(buf[8..].iter().all(|&b| b == SENTINEL));
        let (rc, returned, _) = control(&rt.name, CLUSCTL_RESOURCE_TYPE_GET_FLAGS as u32, 3);
        assert_eq!((rc, returned), (ERROR_MORE_DATA, 4));
    }
    let (rc, _, buf) = control("physical disk", CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO as u32, 8);
    assert_eq!((rc, &buf[..8]), (ERROR_SUCCESS, &class_bytes(1, 0x8000_0000)[..]), "names ignore case");
    let (rc, returned, _) = control("Physical Disk", CLUSCTL_RESOURCE_TYPE_UNKNOWN as u32, 0);
    assert_eq!((rc, returned), (ERROR_SUCCESS, 0));

    // Errors: unknown type, wrong object, code 0, NULL name, bad cluster handle.
    for (name, code, error) in [
        ("MSMQ", CLUSCTL_RESOURCE_TYPE_GET_CLASS_INFO as u32, ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND),
        ("Physical Disk", CLUSCTL_RESOURCE_GET_CLASS_INFO as u32, ERROR_INVALID_FUNCTION),
        ("Physical Disk", 0, ERROR_INVALID_FUNCTION),
        // MsCS:clusctl-resource-type-get-common-property-fmts: always ERROR_INVALID_FUNCTION.
        ("Physical Disk", CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTY_FMTS as u32, ERROR_INVALID_FUNCTION),
    ] {
        let (rc, returned, buf) = control(name, code, 64);
        assert_eq!((rc, returned), (error, UNTOUCHED), "{name} {code:#x}");
        assert!(buf.iter().all(|&b| b == SENTINEL));
    }
    let mut returned = UNTOUCHED;
    let code = CLUSCTL_RESOURCE_TYPE_GET_FLAGS as u32;
    // SAFETY: NULL name (detected); NULL buffer; returned is valid.
    unsafe {
        assert_eq!(
            ClusterResourceTypeControl(hc, null(), 0, code, null(), 0, null_mut(), 0, &mut returned),
            ERROR_INVALID_PARAMETER
        );
        let name = w("Physical Disk");
        assert_eq!(
            ClusterResourceTypeControl(0, name.as_ptr(), 0, code, null(), 0, null_mut(), 0, &mut returned),
            ERROR_INVALID_HANDLE
        );
        assert_eq!(
            ClusterResourceTypeControl(
                hc,
                name.as_ptr(),
                0x1234,
                code,
                null(),
                0,
                null_mut(),
                0,
                &mut returned
            ),
            ERROR_INVALID_HANDLE
        );
    }
    assert_eq!(returned, UNTOUCHED);
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
}

// ---- codes that do not apply ------------------------------------------------------------

#[test]
fn code_zero_unknown_codes_and_other_objects_codes_are_invalid_functions() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hr = open_resource(hc, "Cluster Name");
    let hg = open_group(hc, "Cluster Group");
    let hn = open_node(hc, "NODE1");
    let targets: [(&str, ControlFn, isize, CLUSTER_CONTROL_OBJECT); 4] = [
        ("resource", ClusterResourceControl, hr, CLUS_OBJECT_RESOURCE),
        ("group", ClusterGroupControl, hg, CLUS_OBJECT_GROUP),
        ("node", ClusterNodeControl, hn, CLUS_OBJECT_NODE),
        ("cluster", ClusterControl, hc, CLUS_OBJECT_CLUSTER),
    ];
    // Every identity code, under every object kind's bits.
    let functions = [0x5u32, 0x9, 0xD, 0x29, 0x2D, 0x39, 0x3D];
    for (what, f, h, object) in targets {
        // Samba's torture test: control code 0 → ERROR_INVALID_FUNCTION (it checks the
        // resource-type, group, node and cluster controls; the rule is extended to all).
        check_fails(f, h, 0, 0, ERROR_INVALID_FUNCTION);
        // CLUSCTL_*_UNKNOWN (object << 24): "verifies that control codes are being processed".
        let (rc, returned, buf) = call(f, h, 0, (object as u32) << 24, 64);
        assert_eq!((rc, returned), (ERROR_SUCCESS, 0), "{what} UNKNOWN");
        assert!(buf.iter().all(|&b| b == SENTINEL));
        for other in [
            CLUS_OBJECT_RESOURCE,
            CLUS_OBJECT_RESOURCE_TYPE,
            CLUS_OBJECT_GROUP,
            CLUS_OBJECT_NODE,
            CLUS_OBJECT_NETWORK,
            CLUS_OBJECT_NETINTERFACE,
            CLUS_OBJECT_CLUSTER,
            0x80,
        ] {
            if other == object {
                continue;
            }
            for function in functions {
                check_fails(f, h, 0, ((other as u32) << 24) | function, ERROR_INVALID_FUNCTION);
            }
        }
        // A real code that is not simulated (GET_STATE_CHANGE_TIME), modify-bit variants of read
        // codes (GET_NAME, GET_COMMON_PROPERTIES) and a made-up function. (The property codes are
        // simulated: tests/win32_properties.rs.)
        for function in [0x2D5Du32, 0x40_0029, 0x40_0059, 0xFFC] {
            check_fails(f, h, 0, ((object as u32) << 24) | function, ERROR_INVALID_FUNCTION);
        }
    }
    // Specific cross-object cases from the brief of the API.
    check_fails(ClusterResourceControl, hr, 0, CLUSCTL_GROUP_GET_NAME as u32, ERROR_INVALID_FUNCTION);
    check_fails(ClusterGroupControl, hg, 0, CLUSCTL_RESOURCE_GET_NAME as u32, ERROR_INVALID_FUNCTION);
    check_fails(
        ClusterGroupControl,
        hg,
        0,
        CLUSCTL_RESOURCE_GET_RESOURCE_TYPE as u32,
        ERROR_INVALID_FUNCTION,
    );
    check_fails(ClusterNodeControl, hn, 0, CLUSCTL_CLUSTER_GET_FQDN as u32, ERROR_INVALID_FUNCTION);
    check_fails(ClusterControl, hc, 0, CLUSCTL_NODE_GET_NAME as u32, ERROR_INVALID_FUNCTION);
    // SAFETY: any values.
    unsafe {
        CloseClusterResource(hr);
        CloseClusterGroup(hg);
        CloseClusterNode(hn);
        CloseCluster(hc);
    }
}

// ---- handles ----------------------------------------------------------------------------

#[test]
fn bad_object_and_host_node_handles_are_invalid_handles() {
    let (sim, _) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let hr = open_resource(hc, "Cluster Name");
    let hg = open_group(hc, "Cluster Group");
    let hn = open_node(hc, "NODE1");
    let host = open_node(hc, "NODE2");
    let stale_node = open_node(hc, "NODE3");
    // SAFETY: any value.
    assert_eq!(unsafe { CloseClusterNode(stale_node) }, 1);
    let targets: [(ControlFn, isize, u32); 4] = [
        (ClusterResourceControl, hr, CLUSCTL_RESOURCE_GET_NAME as u32),
        (ClusterGroupControl, hg, CLUSCTL_GROUP_GET_NAME as u32),
        (ClusterNodeControl, hn, CLUSCTL_NODE_GET_NAME as u32),
        (ClusterControl, hc, CLUSCTL_CLUSTER_GET_FQDN as u32),
    ];
    let all = [hr, hg, hn, hc];
    for (f, h, code) in targets {
        // A valid host node is accepted, NULL too.
        let (rc, ..) = call(f, h, host, code, 256);
        assert_eq!(rc, ERROR_SUCCESS);
        // Bad host nodes: stale, forged, another kind.
        for bad_host in [stale_node, 0x1234, -1, hg, hc, hr] {
            check_fails(f, h, bad_host, code, ERROR_INVALID_HANDLE);
        }
        // Bad object handles: forged, NULL, and every other kind of live handle. The handle is
        // checked before the code: code 0 on a bad handle is ERROR_INVALID_HANDLE.
        for bad in [0, -1, 0x1234, h + 4].into_iter().chain(all.into_iter().filter(|&o| o != h)) {
            check_fails(f, bad, 0, code, ERROR_INVALID_HANDLE);
            check_fails(f, bad, 0, 0, ERROR_INVALID_HANDLE);
        }
    }
    // After CloseCluster every derived handle is invalid, as object and as host.
    // SAFETY: any value.
    assert_eq!(unsafe { CloseCluster(hc) }, 1);
    for (f, h, code) in targets {
        check_fails(f, h, 0, code, ERROR_INVALID_HANDLE);
    }
    // The last error is not used by these DWORD functions.
    // SAFETY: no arguments.
    let _ = unsafe { GetLastError() };
    assert!(sim.harness().open_handles().is_empty());
}

#[test]
fn network_and_net_interface_identity_codes() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let (stale, foreign) = (open_network(hc, "Cluster Network 2"), open_group(hc, "Cluster Group"));
    // SAFETY: a live network handle.
    unsafe { CloseClusterNetwork(stale) };
    for n in c.networks().values() {
        let h = open_network(hc, &n.name);
        check(ClusterNetworkControl, h, CLUSCTL_NETWORK_GET_NAME as u32, &wide_bytes(&n.name));
        check(ClusterNetworkControl, h, CLUSCTL_NETWORK_GET_ID as u32, &wide_bytes(&n.guid));
        check(ClusterNetworkControl, h, CLUSCTL_NETWORK_GET_FLAGS as u32, &dword_bytes(0));
        check(ClusterNetworkControl, h, CLUSCTL_NETWORK_GET_CHARACTERISTICS as u32, &dword_bytes(0));
        let (rc, returned, _) = call(ClusterNetworkControl, h, 0, CLUSCTL_NETWORK_UNKNOWN as u32, 8);
        assert_eq!((rc, returned), (ERROR_SUCCESS, 0));
        // A zero-size GET_CHARACTERISTICS is a size query, as for the other objects.
        let (rc, returned, _) =
            call(ClusterNetworkControl, h, 0, CLUSCTL_NETWORK_GET_CHARACTERISTICS as u32, 0);
        assert_eq!((rc, returned), (ERROR_SUCCESS, 4));
        for code in [CLUSCTL_NODE_GET_NAME as u32, 0] {
            check_fails(ClusterNetworkControl, h, 0, code, ERROR_INVALID_FUNCTION);
        }
        check_fails(ClusterNetworkControl, h, foreign, CLUSCTL_NETWORK_GET_NAME as u32, ERROR_INVALID_HANDLE);
        // SAFETY: a live network handle.
        unsafe { CloseClusterNetwork(h) };
    }
    check_fails(ClusterNetworkControl, stale, 0, CLUSCTL_NETWORK_GET_NAME as u32, ERROR_INVALID_HANDLE);
    check_fails(ClusterNetworkControl, foreign, 0, CLUSCTL_NETWORK_GET_NAME as u32, ERROR_INVALID_HANDLE);
    for ni in c.net_interfaces().values() {
        // SAFETY: a NUL-terminated name.
        let h = unsafe { OpenClusterNetInterface(hc, w(&ni.name).as_ptr()) };
        assert_ne!(h, 0);
        check(ClusterNetInterfaceControl, h, CLUSCTL_NETINTERFACE_GET_NAME as u32, &wide_bytes(&ni.name));
        check(ClusterNetInterfaceControl, h, CLUSCTL_NETINTERFACE_GET_ID as u32, &wide_bytes(&ni.guid));
        check(ClusterNetInterfaceControl, h, CLUSCTL_NETINTERFACE_GET_FLAGS as u32, &dword_bytes(0));
        check(
            ClusterNetInterfaceControl,
            h,
            CLUSCTL_NETINTERFACE_GET_CHARACTERISTICS as u32,
            &dword_bytes(0),
        );
        for code in [CLUSCTL_NETINTERFACE_GET_NODE as u32, CLUSCTL_NETWORK_GET_NAME as u32, 0] {
            check_fails(ClusterNetInterfaceControl, h, 0, code, ERROR_INVALID_FUNCTION);
        }
        // SAFETY: a live net interface handle.
        unsafe { CloseClusterNetInterface(h) };
    }
    check_fails(
        ClusterNetInterfaceControl,
        foreign,
        0,
        CLUSCTL_NETINTERFACE_GET_NAME as u32,
        ERROR_INVALID_HANDLE,
    );
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(foreign);
        CloseCluster(hc);
    }
}

/// `CLUSCTL_CLUSTER_CHECK_VOTER_DOWN` / `_EVICT` with `id` (a node id or the witness's
/// resource id, as NUL-terminated UTF-16; `None`: no input, as Samba's test_ClusterControl
/// sends): the code and the DWORD reply.
fn voter(hc: HCLUSTER, code: i32, id: Option<&str>) -> (u32, u32) {
    let input = id.map(wide_bytes).unwrap_or_default();
    let (ptr, len) = if input.is_empty() { (null(), 0) } else { (input.as_ptr().cast(), input.len() as u32) };
    let mut out = UNTOUCHED;
    let mut returned = UNTOUCHED;
    // SAFETY: input holds len bytes; out is 4 writable bytes; returned is valid.
    let rc = unsafe { ClusterControl(hc, 0, code as u32, ptr, len, (&raw mut out).cast(), 4, &mut returned) };
    if rc == ERROR_SUCCESS {
        assert_eq!(returned, 4, "code {code:#x}: one DWORD");
    }
    (rc, out)
}

#[test]
fn check_voter_down_and_evict_count_node_majority_and_the_witness() {
    // CLUSTER_QUORUM_MAINTAINED / CLUSTER_QUORUM_LOST (MS-CMRP 3.1.4.3.7.3, 3.1.4.3.7.4).
    const MAINTAINED: u32 = 0;
    const LOST: u32 = 1;
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    let witness = &c.resources()[&c.quorum_resource().expect("the default cluster has a disk witness")].guid;
    let (down, evict) = (CLUSCTL_CLUSTER_CHECK_VOTER_DOWN, CLUSCTL_CLUSTER_CHECK_VOTER_EVICT);
    // Three nodes and the witness up: four votes, losing any one leaves a majority.
    assert_eq!(voter(hc, down, None), (ERROR_SUCCESS, MAINTAINED));
    assert_eq!(voter(hc, down, Some("2")), (ERROR_SUCCESS, MAINTAINED));
    assert_eq!(voter(hc, evict, Some("2")), (ERROR_SUCCESS, MAINTAINED));
    assert_eq!(voter(hc, down, Some(witness)), (ERROR_SUCCESS, MAINTAINED));
    // NODE3 down: stopping NODE2 leaves 2 of 4 votes (no majority), evicting it leaves 2 of 3.
    sim.harness().node_down("NODE3").unwrap();
    assert_eq!(voter(hc, down, Some("2")), (ERROR_SUCCESS, LOST));
    assert_eq!(voter(hc, evict, Some("2")), (ERROR_SUCCESS, MAINTAINED));
    assert_eq!(
        voter(hc, down, Some(&witness.to_uppercase())),
        (ERROR_SUCCESS, LOST),
        "ids match without case"
    );
    // An id that is neither a node nor the witness: ERROR_INVALID_PARAMETER, nothing written.
    for bad in ["99", "not a voter"] {
        assert_eq!(voter(hc, down, Some(bad)), (ERROR_INVALID_PARAMETER, UNTOUCHED), "{bad}");
        assert_eq!(voter(hc, evict, Some(bad)), (ERROR_INVALID_PARAMETER, UNTOUCHED), "{bad}");
    }
    // Invalid UTF-16 (a lone surrogate): ERROR_INVALID_PARAMETER.
    let lone: Vec<u8> = [0xd800u16, 0].iter().flat_map(|u| u.to_ne_bytes()).collect();
    let mut out = UNTOUCHED;
    let mut returned = 0;
    // SAFETY: lone holds 4 bytes; out is 4 writable bytes.
    let rc = unsafe {
        ClusterControl(hc, 0, down as u32, lone.as_ptr().cast(), 4, (&raw mut out).cast(), 4, &mut returned)
    };
    assert_eq!((rc, out), (ERROR_INVALID_PARAMETER, UNTOUCHED));
    // A short output buffer: ERROR_MORE_DATA and the size needed.
    let mut returned = 0;
    // SAFETY: NULL input; out has 4 bytes, 2 passed.
    let rc =
        unsafe { ClusterControl(hc, 0, down as u32, null(), 0, (&raw mut out).cast(), 2, &mut returned) };
    assert_eq!((rc, returned), (ERROR_MORE_DATA, 4));
    // SAFETY: any value.
    unsafe { CloseCluster(hc) };
}
