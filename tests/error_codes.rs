//! Every Win32 code in `clusapi_sim::codes` has the value windows-sys gives the constant of the
//! same name. A code added to `src/error.rs` without a line here fails
//! `every_code_is_pinned_to_windows_sys`, because the list below must cover `codes::ALL`.

use std::collections::BTreeSet;

use clusapi_sim::{Error, codes, error::code_name};
use windows_sys::Win32::Foundation as ws;

/// `(name, ours, windows-sys's)` for each code; a name that is not the same constant in both
/// crates does not compile.
macro_rules! pinned {
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), codes::$name, ws::$name as u32)),*]
    };
}

/// The codes whose windows-sys constant is in `Win32::Foundation` (`WIN32_ERROR`, or
/// `WAIT_EVENT` for `WAIT_TIMEOUT`; both `u32`).
const FOUNDATION: &[(&str, u32, u32)] = pinned![
    ERROR_SUCCESS,
    ERROR_INVALID_FUNCTION,
    ERROR_FILE_NOT_FOUND,
    ERROR_ACCESS_DENIED,
    ERROR_INVALID_HANDLE,
    ERROR_NOT_ENOUGH_MEMORY,
    ERROR_INVALID_DATA,
    ERROR_SHARING_PAUSED,
    ERROR_INVALID_PARAMETER,
    ERROR_CALL_NOT_IMPLEMENTED,
    ERROR_INSUFFICIENT_BUFFER,
    ERROR_INVALID_NAME,
    ERROR_DIR_NOT_EMPTY,
    ERROR_BAD_ARGUMENTS,
    ERROR_ALREADY_EXISTS,
    ERROR_FILENAME_EXCED_RANGE,
    ERROR_MORE_DATA,
    WAIT_TIMEOUT,
    ERROR_NO_MORE_ITEMS,
    ERROR_IO_PENDING,
    ERROR_KEY_DELETED,
    ERROR_CIRCULAR_DEPENDENCY,
    ERROR_NOT_FOUND,
    ERROR_INVALID_SECURITY_DESCR,
    ERROR_INTERNAL_ERROR,
    ERROR_NO_SYSTEM_RESOURCES,
    ERROR_RESOURCE_TYPE_NOT_FOUND,
    ERROR_DEPENDENT_RESOURCE_EXISTS,
    ERROR_DEPENDENCY_NOT_FOUND,
    ERROR_DEPENDENCY_ALREADY_EXISTS,
    ERROR_RESOURCE_NOT_ONLINE,
    ERROR_HOST_NODE_NOT_AVAILABLE,
    ERROR_HOST_NODE_NOT_RESOURCE_OWNER,
    ERROR_RESOURCE_NOT_AVAILABLE,
    ERROR_RESOURCE_NOT_FOUND,
    ERROR_SHUTDOWN_CLUSTER,
    ERROR_CANT_EVICT_ACTIVE_NODE,
    ERROR_OBJECT_ALREADY_EXISTS,
    ERROR_OBJECT_IN_LIST,
    ERROR_GROUP_NOT_AVAILABLE,
    ERROR_GROUP_NOT_FOUND,
    ERROR_GROUP_NOT_ONLINE,
    ERROR_RESOURCE_ONLINE,
    ERROR_QUORUM_RESOURCE,
    ERROR_NOT_QUORUM_CAPABLE,
    ERROR_INVALID_STATE,
    ERROR_RESOURCE_PROPERTIES_STORED,
    ERROR_CORE_RESOURCE,
    ERROR_NODE_NOT_AVAILABLE,
    ERROR_RESOURCE_FAILED,
    ERROR_CLUSTER_NODE_NOT_FOUND,
    ERROR_CLUSTER_NETWORK_NOT_FOUND,
    ERROR_CLUSTER_NETINTERFACE_NOT_FOUND,
    ERROR_CLUSTER_INVALID_REQUEST,
    ERROR_CLUSTER_NODE_DOWN,
    ERROR_CLUSTER_NODE_UP,
    ERROR_CLUSTER_NODE_NOT_PAUSED,
    ERROR_DEPENDENCY_NOT_ALLOWED,
    ERROR_CLUSTER_NODE_PAUSED,
    ERROR_NODE_CANT_HOST_RESOURCE,
    ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND,
    ERROR_RESMON_INVALID_STATE,
    ERROR_RESOURCE_PROPERTY_UNCHANGEABLE,
    RPC_X_BAD_STUB_DATA,
    ERROR_DEPENDENCY_TREE_TOO_COMPLEX,
    ERROR_CLUSTER_NOT_SHARED_VOLUME,
    ERROR_CSV_VOLUME_NOT_LOCAL,
    ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS,
    ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED,
    ERROR_GROUPSET_NOT_AVAILABLE,
    ERROR_GROUPSET_NOT_FOUND,
];

/// The codes windows-sys declares only in `Win32::System::Rpc` (as `RPC_STATUS`, an `i32`), a
/// feature the dev-dependency does not enable: pinned to the values that module declares
/// (windows-sys 0.61, `Win32/System/Rpc/mod.rs`).
const RPC_ONLY: &[(&str, u32, u32)] = &[
    ("RPC_S_SERVER_UNAVAILABLE", codes::RPC_S_SERVER_UNAVAILABLE, 1722),
    ("RPC_S_PROCNUM_OUT_OF_RANGE", codes::RPC_S_PROCNUM_OUT_OF_RANGE, 1745),
];

#[test]
fn every_code_is_pinned_to_windows_sys() {
    for &(name, ours, theirs) in FOUNDATION.iter().chain(RPC_ONLY) {
        assert_eq!(ours, theirs, "{name}");
    }
    let tested: BTreeSet<&str> = FOUNDATION.iter().chain(RPC_ONLY).map(|&(name, _, _)| name).collect();
    let declared: BTreeSet<&str> = codes::ALL.iter().map(|&(name, _)| name).collect();
    assert_eq!(tested.len(), FOUNDATION.len() + RPC_ONLY.len(), "a code is listed twice here");
    assert_eq!(declared.len(), codes::ALL.len(), "a code is declared twice in src/error.rs");
    assert_eq!(
        declared.difference(&tested).collect::<Vec<_>>(),
        Vec::<&&str>::new(),
        "codes in src/error.rs that this file does not pin"
    );
    assert_eq!(tested, declared);
}

#[test]
fn every_code_has_one_name_and_prints_it() {
    let values: BTreeSet<u32> = codes::ALL.iter().map(|&(_, v)| v).collect();
    assert_eq!(values.len(), codes::ALL.len(), "two names for one value");
    for &(name, value) in codes::ALL {
        assert_eq!(code_name(value), Some(name));
        assert_eq!(Error::new(value).to_string(), format!("{name} ({value})"));
    }
}
