//! The cluster registry (cluster database) as a pure data structure: a [`Hive`] of keys with
//! values, security descriptors and last-write times, atomic write [`Batch`]es and
//! [`ReadBatch`]es. No handles, no locks, no FFI: the `ClusterReg*` exports and their key
//! handles are built on top of it.
//!
//! Facts: `reference/engine-properties-notify.md` §D (layout D.1, functions D.2, write batches
//! D.3, read batches D.4), MS-CMRP 3.1.4.2.x (ApiOpenKey .31, ApiCreateKey .30, ApiDeleteKey
//! .36, ApiSetValue .33, ApiExecuteBatch .112, ApiExecuteReadBatch .141) and the
//! `ClusterReg*` pages of learn.microsoft.com. Where those are silent, Windows registry
//! semantics apply, and what is left is a **choice**, marked as such in the docs of the item
//! that makes it.
//!
//! ```
//! use clusapi_sim::registry::{Disposition, Hive, REG_DWORD};
//!
//! let mut hive = Hive::new(0);
//! let mut changes = Vec::new();
//! let root = hive.root();
//! let (params, how) = hive.create_key(root, r"Resources\r1\Parameters", 10, &mut changes)?;
//! assert_eq!(how, Disposition::CreatedNew);
//! hive.set_value(params, "Size", REG_DWORD, &7u32.to_le_bytes(), 11, &mut changes)?;
//!
//! // Key and value names match ignoring case, and keep the case they were created with.
//! let same = hive.open_key(root, r"RESOURCES\R1\parameters")?;
//! assert_eq!(same, params);
//! assert_eq!(hive.query_value(same, "size")?.data(), &7u32.to_le_bytes());
//! assert_eq!(hive.enum_key(root, 0)?.name, "Resources");
//! assert_eq!(changes.len(), 4, "three keys created, one value set");
//! # Ok::<(), clusapi_sim::Error>(())
//! ```
//!
//! # Key identity
//!
//! Every key has a [`KeyId`]: a slot and a generation. Deleting a key bumps its slot's
//! generation, so an id kept by a handle fails with `ERROR_KEY_DELETED (1018)` from then on,
//! also after the slot is reused, and a key recreated under the same name has a new id.
//!
//! # Performance
//!
//! Values are kept in insertion order in a `Vec` beside a case-insensitive hash index, and
//! subkeys in a `Vec` sorted by their upper-cased names: lookups are O(1) (values) and
//! O(log n) (subkeys), enumeration by index is O(1) per call (so enumerating n values or
//! subkeys is O(n)), adding a subkey and deleting a value or subkey are O(n) moves in the key
//! concerned, with no hashing (emptying a key of 10k values one by one takes milliseconds). A batch copies each key it touches once, so it costs what it touches, never the
//! size of the hive.
//!
//! # Object keys
//!
//! The hive holds whatever is stored as plain keys. The keys of cluster objects
//! (`Resources\<id>`, `Groups\<id>`, ...) are projected from the property store by
//! `sim/registry_view.rs`, which walks paths one component at a time with [`Hive::subkey`]
//! and takes over at the first component it owns; their subkeys other than `Parameters` live
//! here under "shadow" keys at the objects' paths. The key handles, the `ClusterReg*`
//! functions and the batches over both are `Sim`'s ([`Sim::reg_open_key`](crate::Sim::reg_open_key)
//! and its siblings).

mod batch;
mod hive;
mod path;
pub mod security;
mod values;

pub(crate) use batch::condition_holds;
pub use batch::{
    Batch, BatchCommand, BatchFailure, BatchNotificationCommand, Condition, ReadBatch, ReadReply,
};
pub use hive::{Disposition, Hive, KeyId, KeyInfo, RegChange, RegValue, Subkey};
pub use path::{MAX_KEY_NAME_LEN, MAX_VALUE_NAME_LEN};
pub(crate) use path::{check_value_name as check_name, components as split_path};

/// The keys under the root that hold the cluster's objects, one subkey per object (§D.1):
/// the simulator projects them from its property store, so they hold nothing else.
pub const COLLECTIONS: [&str; 6] =
    ["Resources", "Groups", "Nodes", "Networks", "NetworkInterfaces", "ResourceTypes"];

/// No defined value type.
pub const REG_NONE: u32 = 0;
/// A NUL-terminated UTF-16 string; the size includes the NUL.
pub const REG_SZ: u32 = 1;
/// A NUL-terminated UTF-16 string with unexpanded `%VARIABLE%` references.
pub const REG_EXPAND_SZ: u32 = 2;
/// Binary data in any form.
pub const REG_BINARY: u32 = 3;
/// A 32-bit number, little-endian.
pub const REG_DWORD: u32 = 4;
/// A 32-bit number, big-endian.
pub const REG_DWORD_BIG_ENDIAN: u32 = 5;
/// A symbolic link (not used by the cluster database; Windows' number, for completeness).
pub const REG_LINK: u32 = 6;
/// A sequence of NUL-terminated UTF-16 strings, ended by an empty string (two NULs). 7, as
/// windows-sys `REG_MULTI_SZ` (the reference's §D.2 table says 6, which is `REG_LINK`).
pub const REG_MULTI_SZ: u32 = 7;
/// A 64-bit number, little-endian.
pub const REG_QWORD: u32 = 11;

/// `ClusterRegCreateKey`'s disposition `REG_CREATED_NEW_KEY`.
pub const REG_CREATED_NEW_KEY: u32 = 1;
/// `ClusterRegCreateKey`'s disposition `REG_OPENED_EXISTING_KEY`.
pub const REG_OPENED_EXISTING_KEY: u32 = 2;

/// `CLUSTER_REG_COMMAND` values (ws `CLUSREG_*`; doc:CLUSTER_REG_COMMAND).
pub mod command {
    /// Sets a value on the current key; `dwOptions` is the value type.
    pub const CLUSREG_SET_VALUE: u32 = 1;
    /// Creates or opens a key (relative to the batch's key) and makes it current.
    pub const CLUSREG_CREATE_KEY: u32 = 2;
    /// Deletes a key (relative to the batch's key) with its subtree; clears the current key.
    pub const CLUSREG_DELETE_KEY: u32 = 3;
    /// Deletes a value of the current key.
    pub const CLUSREG_DELETE_VALUE: u32 = 4;
    /// Reserved (doc:CLUSTER_REG_COMMAND): rejected by [`Batch::add_command`](super::Batch::add_command).
    pub const CLUSREG_SET_KEY_SECURITY: u32 = 5;
    /// Only in batch notifications.
    pub const CLUSREG_VALUE_DELETED: u32 = 6;
    /// Read batches: changes the current key.
    pub const CLUSREG_READ_KEY: u32 = 7;
    /// Read-batch replies: a value that was read.
    pub const CLUSREG_READ_VALUE: u32 = 8;
    /// Read-batch replies: a read that failed; `dwOptions` is the error.
    pub const CLUSREG_READ_ERROR: u32 = 9;
    /// A control command (Windows Server 2012 R2 and later).
    pub const CLUSREG_CONTROL_COMMAND: u32 = 10;
    /// Condition: the value exists on the current key.
    pub const CLUSREG_CONDITION_EXISTS: u32 = 11;
    /// Condition: the value does not exist on the current key.
    pub const CLUSREG_CONDITION_NOT_EXISTS: u32 = 12;
    /// Condition: the value equals the command's data.
    pub const CLUSREG_CONDITION_IS_EQUAL: u32 = 13;
    /// Condition: the value differs from the command's data.
    pub const CLUSREG_CONDITION_IS_NOT_EQUAL: u32 = 14;
    /// Condition: the value is greater than the command's data.
    pub const CLUSREG_CONDITION_IS_GREATER_THAN: u32 = 15;
    /// Condition: the value is less than the command's data.
    pub const CLUSREG_CONDITION_IS_LESS_THAN: u32 = 16;
    /// Condition: the key exists.
    pub const CLUSREG_CONDITION_KEY_EXISTS: u32 = 17;
    /// Condition: the key does not exist.
    pub const CLUSREG_CONDITION_KEY_NOT_EXISTS: u32 = 18;
}
