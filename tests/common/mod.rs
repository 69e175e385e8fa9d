//! Helpers the Win32 test files share: they call the exports the way client code does.

#![allow(dead_code)] // each test file uses its own subset

use std::ptr::null;

use clusapi_sim::Sim;
use clusapi_sim::world::Cluster;
use windows_sys::Win32::Foundation::{GetLastError, SetLastError};
use windows_sys::Win32::Networking::Clustering::*;

/// A NUL-terminated UTF-16 string.
pub fn w(s: &str) -> Vec<u16> {
    s.encode_utf16().chain([0]).collect()
}

/// The text before the first NUL.
pub fn text(buf: &[u16]) -> String {
    let end = buf.iter().position(|&u| u == 0).expect("NUL-terminated");
    String::from_utf16(&buf[..end]).unwrap()
}

/// A simulator of the default cluster whose resources of type `kind` take `online_ms` and
/// `offline_ms` of virtual time to come online and go offline.
pub fn delayed(kind: &str, online_ms: u32, offline_ms: u32) -> Sim {
    let (mut clusters, local) = Sim::default().harness().world().into_parts();
    let mut c = clusapi_sim::world::ClusterBuilder::from(clusters.remove(local));
    c.set_type_delays(kind, online_ms, offline_ms).unwrap();
    clusters.insert(local, c.build());
    Sim::builder().world(clusapi_sim::world::World::new(clusters, local).unwrap()).build()
}

/// A simulator of the default cluster, and its local cluster as the world has it.
pub fn default_sim() -> (Sim, Cluster) {
    let sim = Sim::default();
    let world = sim.harness().world();
    let cluster = world.clusters()[world.local()].clone();
    (sim, cluster)
}

/// `OpenCluster(NULL)`, asserting success.
pub fn open_local() -> HCLUSTER {
    // SAFETY: NULL is allowed.
    let h = unsafe { OpenCluster(null()) };
    // SAFETY: no arguments.
    let error = unsafe { GetLastError() };
    assert_ne!(h, 0, "OpenCluster(NULL) failed: {error}");
    h
}

macro_rules! opener {
    ($(#[$doc:meta])* $name:ident = $export:ident -> $h:ty) => {
        $(#[$doc])*
        pub fn $name(hc: HCLUSTER, name: &str) -> $h {
            // SAFETY: a NUL-terminated name; the handle is checked by the export.
            let h = unsafe { $export(hc, w(name).as_ptr()) };
            assert_ne!(h, 0, concat!(stringify!($export), "({})"), name);
            h
        }
    };
}

opener!(/// `OpenClusterGroup`, asserting success.
    open_group = OpenClusterGroup -> HGROUP);
opener!(/// `OpenClusterNode`, asserting success.
    open_node = OpenClusterNode -> HNODE);
opener!(/// `OpenClusterResource`, asserting success.
    open_resource = OpenClusterResource -> HRESOURCE);
opener!(/// `OpenClusterNetwork`, asserting success.
    open_network = OpenClusterNetwork -> HNETWORK);

/// Asserts that the last call failed with `code`, then resets the last error.
#[track_caller]
pub fn assert_last_error(code: u32) {
    // SAFETY: no arguments.
    assert_eq!(unsafe { GetLastError() }, code);
    // SAFETY: no pointers.
    unsafe { SetLastError(0) };
}
