//! `GetClusterGroupState` and `GetClusterResourceState` sized the way Rust clients size them:
//! first with a NULL name buffer and a count (`(None, Some(&mut size))`), then with a buffer of
//! `size + 1` WCHARs. The NULL buffer means the name was not asked for, so the first call still
//! returns the state, and stores the length needed (WCHARs, excluding the NUL) in the count.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim::Handle as _;

mod common;
use common::*;

use std::ptr::null_mut;

use windows_sys::Win32::Foundation::{GetLastError, SetLastError};
use windows_sys::Win32::Networking::Clustering::*;

/// The owner node's name of a group, as a client reads it: size, allocate, read.
fn group_owner(hg: HGROUP) -> (CLUSTER_GROUP_STATE, String) {
    let mut size = 0u32;
    // SAFETY: a NULL buffer with a valid count.
    let first = unsafe { GetClusterGroupState(hg, null_mut(), &mut size) };
    assert_ne!(first, ClusterGroupStateUnknown, "the sizing call returns the state");
    let mut buf = vec![0u16; size as usize + 1];
    let mut cch = buf.len() as u32;
    // SAFETY: `buf` holds `cch` WCHARs.
    let second = unsafe { GetClusterGroupState(hg, buf.as_mut_ptr(), &mut cch) };
    assert_eq!(second, first);
    assert_eq!(cch, size, "the second call reports the same length");
    (second, String::from_utf16(&buf[..cch as usize]).unwrap())
}

#[test]
fn group_state_sizes_the_node_name_with_a_null_buffer() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for g in c.groups().values() {
        let hg = open_group(hc, &g.name);
        // SAFETY: no pointers.
        unsafe { SetLastError(0) };
        let (state, owner) = group_owner(hg);
        // SAFETY: no arguments.
        assert_eq!(unsafe { GetLastError() }, 0, "success leaves the last error alone");
        let rust = clusapi_sim::GroupHandle::from_raw(hg);
        let clusapi_sim::GroupStatus { state: want_state, owner_node: want_owner } =
            sim.group_state(rust).unwrap();
        assert_eq!((state, owner.as_str()), (want_state.value(), want_owner.as_str()), "{}", g.name);
        // SAFETY: a live group handle.
        assert_eq!(unsafe { CloseClusterGroup(hg) }, 1);
    }
    // A NULL buffer and a NULL count: just the state.
    let hg = open_group(hc, "Cluster Group");
    // SAFETY: both NULL.
    assert_eq!(unsafe { GetClusterGroupState(hg, null_mut(), null_mut()) }, ClusterGroupOnline);
    // SAFETY: live handles.
    unsafe {
        CloseClusterGroup(hg);
        CloseCluster(hc);
    }
}

#[test]
fn resource_state_sizes_both_names_with_null_buffers() {
    let (sim, c) = default_sim();
    let _g = sim.install();
    let hc = open_local();
    for r in c.resources().values() {
        let hr = open_resource(hc, &r.name);
        let (mut node_size, mut group_size) = (0u32, 0u32);
        // SAFETY: NULL buffers with valid counts.
        let first =
            unsafe { GetClusterResourceState(hr, null_mut(), &mut node_size, null_mut(), &mut group_size) };
        assert_ne!(first, ClusterResourceStateUnknown, "{}: the sizing call returns the state", r.name);

        let mut node = vec![0u16; node_size as usize + 1];
        let mut group = vec![0u16; group_size as usize + 1];
        let (mut cn, mut cg) = (node.len() as u32, group.len() as u32);
        // SAFETY: each buffer holds its count of WCHARs.
        let second =
            unsafe { GetClusterResourceState(hr, node.as_mut_ptr(), &mut cn, group.as_mut_ptr(), &mut cg) };
        assert_eq!(second, first);
        assert_eq!((cn, cg), (node_size, group_size));

        let status = sim.resource_state(clusapi_sim::ResourceHandle::from_raw(hr)).unwrap();
        assert_eq!(second, status.state.value());
        assert_eq!(text(&node), status.owner_node);
        assert_eq!(text(&group), status.group);
        assert_eq!(text(&group), c.groups()[&r.group].name);

        // One name sized, the other read in the same call.
        let mut only_node = 0u32;
        let mut group = vec![0u16; group_size as usize + 1];
        let mut cg = group.len() as u32;
        // SAFETY: as above.
        let third =
            unsafe { GetClusterResourceState(hr, null_mut(), &mut only_node, group.as_mut_ptr(), &mut cg) };
        assert_eq!((third, only_node, cg), (first, node_size, group_size));
        assert_eq!(text(&group), status.group);
        // SAFETY: a live resource handle.
        assert_eq!(unsafe { CloseClusterResource(hr) }, 1);
    }
    // SAFETY: a live cluster handle.
    unsafe { CloseCluster(hc) };
}
