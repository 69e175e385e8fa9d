//! An in-memory simulator of the Windows Failover Cluster API (ClusAPI), so that software
//! which manages Windows clusters can be tested on Linux CI, where no cluster and no
//! `ClusAPI.dll` exist.
//!
//! A [`Sim`] holds one or more simulated clusters (nodes, groups, resources, resource types,
//! networks, net interfaces) behind a registry of integer handles that knows which handle was
//! derived from which. Reach it three ways:
//!
//! 1. **The Rust API** on [`Sim`]: build a cluster (the embedded default, a TOML
//!    [fixture], or a [`World`](world::World) built in code) and call the ClusAPI operations,
//!    one method per function. [`Sim::harness`] is the test driver's side: inspect the
//!    world, list leaked handles, read the call trace.
//! 2. **The Win32 drop-in** ([`win32`]): `extern "system"` exports with exactly the names and
//!    signatures of the `windows-sys` crate, so unmodified windows-sys code links against the
//!    simulator on Linux. Add `use clusapi_sim as _;` to the test binary and install a
//!    simulator on the test's thread with [`Sim::install`].
//! 3. **The C ABI**: the same exports from the `cdylib`/`staticlib`, declared in
//!    `include/clusapi.h` (the 280 `clusapi.dll` functions) and `include/resapi.h` (the 120
//!    `resutils.dll` functions).
//!
//! ```
//! use clusapi_sim::{Sim, codes};
//!
//! let sim = Sim::default();
//! let cluster = sim.open_cluster(None)?;
//! let group = sim.open_group(cluster, "Cluster Group")?;
//! assert_eq!(sim.open_group(cluster, "nope").unwrap_err().code(), codes::ERROR_GROUP_NOT_FOUND);
//!
//! // CloseCluster always returns TRUE and invalidates every handle derived from it.
//! assert!(sim.close_cluster(cluster));
//! assert_eq!(sim.group_state(group).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
//! # Ok::<(), clusapi_sim::Error>(())
//! ```
//!
//! # Where the simulator differs from the real library
//!
//! It is **stricter** where the real library would crash or misbehave silently: a closed,
//! stale, forged, wrong-kind or other-simulator handle is always rejected with
//! `ERROR_INVALID_HANDLE (6)` (the real `clusapi.dll` may dereference freed memory), and a
//! simulator built with [`SimBuilder::fail_on_leak`] fails the test when handles leak or a
//! cluster handle is closed while handles derived from it are still open (the CloseCluster
//! page says not to do that). Names that are not valid UTF-16 are rejected with
//! `ERROR_INVALID_NAME (123)`. Behaviour the sources leave open is chosen and recorded in
//! `FIDELITY.md`, with every function's status.
//!
//! # Handles
//!
//! Handle values are nonzero multiples of 4, never -1, and encode their kind, a slot and a
//! generation; see [`handles`]. Unlike `slab` keys, a value is never reused: a stale value
//! fails even after its slot is reused.

//! # Where things are
//!
//! | module | what |
//! |---|---|
//! | `world/` | the simulated clusters: objects, [`world::Change`] and its one writer (`change.rs`), planners (`plan.rs`), the rules, each written once (`rules.rs`), invariants, [`world::ClusterBuilder`], the disks derived for Physical Disk resources (`storage.rs`, [`world::DiskInfo`]) |
//! | `engine/` | owns the live world, the virtual clock (`clock.rs`) and the operations in progress; its commit path applies planned changes, checks the invariants and derives the events; `resource.rs`, `group.rs`, `node.rs`, `structure.rs`, `cluster.rs` hold the rules of the state-changing calls. Never sees a handle |
//! | `sim/` | [`Sim`]: one lock over the handle registry and the engine; `call.rs`, the one record of each call; the ClusAPI mirror per family (`objects.rs`, `enumerate.rs`, `control.rs`, `resource_ops.rs`, `group_ops.rs`, `node_ops.rs`, `structure_ops.rs`, `cluster_ops.rs`, `notify_ops.rs`, `registry_ops.rs`, `storage_ops.rs` (the CSV path helpers), `resutils_ops.rs`, `properties.rs` (the typed property API)); `registry_view.rs`, the cluster registry as clients see it (the hive with the objects' keys projected from the property store); `harness.rs`, the test driver's side ([`Harness`]) |
//! | `fault.rs` | scripted faults keyed off the call record |
//! | `flags.rs` | the flag bits of the `Ex` calls |
//! | `trace.rs` | the call trace and its queries ([`Calls`]) |
//! | `notify/` | notification ports: the events the engine's commit path derives, filter sets, queues, delivery |
//! | `control/` | control codes: the code layout and the reply bytes: identity (`reply.rs`), property lists (`properties.rs`), storage value lists and CSVs (`storage.rs`) |
//! | `property/` | properties: the `CLUSPROP_*` codec (`list.rs`, `value_list.rs`, `syntax.rs`), the schema of every object kind's common and private properties (`schema.rs`), the stored values (`store.rs`) |
//! | `registry/` | the cluster registry as pure data: the [`registry::Hive`] of keys and values (`hive.rs`), paths and names (`path.rs`), security descriptors (`security.rs`), write and read batches (`batch.rs`). No handles |
//! | `handles.rs` | the handle registry: typed, generational values and the tree of who was derived from whom |
//! | `fixture/` | TOML fixtures: `span.rs` (line, key, value), `names.rs` (name tables), `validate.rs` (checks), `spec.rs` (building), `registry.rs` (`[[cluster.registry]]`) |
//! | `server/` | server mode (feature `server`): DCE/RPC PDUs (`pdu.rs`), NDR (`ndr.rs`), MS-CMRP by opnum onto [`Sim`] (`cmrp.rs`), the endpoint mapper (`epm.rs`) |
//! | `win32/` | marshalling only: arguments in, one `Sim` call, result and last error out; `buffer.rs` holds the byte-size protocols; `registry.rs` the `ClusterReg*` exports, `resutils_registry.rs` the registry-backed resutils helpers |

// `unsafe` lives only in the Win32 / C layer, each block with a `// SAFETY:` comment.
#![deny(unsafe_code)]
#![doc(test(attr(deny(warnings))))]

pub(crate) mod control;
mod engine;
pub mod enumeration;
pub mod error;
pub mod fault;
pub mod fixture;
pub mod flags;
pub mod handle_types;
pub mod handles;
pub mod notify;
#[doc(hidden)] // the op interpreter of the property tests and fuzz targets
pub mod ops;
pub mod property;
pub mod registry;
#[cfg(feature = "server")]
pub mod server;
mod sim;
pub mod trace;
#[cfg(all(feature = "win32", not(windows)))]
#[allow(unsafe_code)]
pub mod win32;
pub mod world;

pub use engine::{Completion, NodeDrainStatus, NotSettled, ResumeFailback};
pub use enumeration::EnumItem;
pub use error::{Error, Result, codes};
pub use handle_types::*;
pub use handles::{Kind, OpenHandle, Origin};
pub use sim::{
    CHECK_DETERMINISM_ENV, ClusterInfo, DeterminismError, FIXTURE_ENV, GroupStatus, Harness, InstallGuard,
    MAX_VIOLATIONS, PropertyObject, QuorumInfo, ResourceStatus, ResourceTypeRef, SEED_ENV, STRICT_ENV,
    STRICT_EXIT_STATUS, SeedGuard, Sim, SimBuilder, Stored, TRACE_ENV, Violation, check_determinism,
    check_determinism_with, current, run_checked, verify_current,
};
pub use trace::{Calls, Face, TraceEntry};
pub use world::{GroupState, NetInterfaceState, NetworkState, NodeClusterState, NodeState, ResourceState};

/// The README's examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
