//! An in-memory simulator of the Windows Failover Cluster API (ClusAPI), for tests that run
//! on Linux CI where no cluster and no `ClusAPI.dll` exist.
//!
//! PLACEHOLDER crate docs (written at the end).

#![cfg_attr(not(feature = "win32"), forbid(unsafe_code))]

pub mod enumeration;
pub mod error;
pub mod fixture;
pub mod handle_types;
pub mod handles;
pub mod ops;
mod sim;
pub mod trace;
pub mod world;
#[cfg(all(feature = "win32", not(windows)))]
pub mod win32;

pub use enumeration::EnumItem;
pub use error::{Error, Result, codes};
pub use handle_types::*;
pub use handles::{Kind, OpenHandle, Origin};
pub use sim::{
    ClusterInfo, GroupInfo, InstallGuard, NodeInfo, ResourceInfo, ResourceStatus, Sim, SimBuilder, Violation,
    current,
};
pub use trace::{Face, TraceEntry};
pub use world::{GroupState, NetInterfaceState, NetworkState, NodeClusterState, NodeState, ResourceState};
