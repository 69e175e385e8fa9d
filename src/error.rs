//! Win32 error codes and the [`Error`] type every fallible call returns.
//!
//! The values are those of `windows-sys` (`Win32::Foundation`, `Win32::System::Rpc`); the
//! typical ClusAPI use of each is in `reference/clusapi.md` §5.

use std::fmt;

macro_rules! win32_codes {
    ($($(#[$doc:meta])* $name:ident = $value:expr;)*) => {
        /// Win32 error codes that ClusAPI functions return, as `u32` constants.
        pub mod codes {
            $($(#[$doc])* pub const $name: u32 = $value;)*

            /// Every code above with its symbolic name, in the order declared: the list that
            /// [`code_name`](super::code_name) searches, and that `tests/error_codes.rs` pins
            /// to windows-sys.
            pub const ALL: &[(&str, u32)] = &[$((stringify!($name), $name),)*];
        }

        /// The symbolic name of a Win32 error code this crate knows, e.g. `"ERROR_GROUP_NOT_FOUND"`.
        pub fn code_name(code: u32) -> Option<&'static str> {
            match code {
                $($value => Some(stringify!($name)),)*
                _ => None,
            }
        }
    };
}

win32_codes! {
    /// The operation completed successfully.
    ERROR_SUCCESS = 0;
    /// Incorrect function: an unknown or unsupported control code.
    ERROR_INVALID_FUNCTION = 1;
    /// The system cannot find the file specified (registry value missing).
    ERROR_FILE_NOT_FOUND = 2;
    /// Access is denied.
    ERROR_ACCESS_DENIED = 5;
    /// The handle is invalid: closed, stale, forged, of the wrong kind or from another simulator.
    ERROR_INVALID_HANDLE = 6;
    /// Not enough memory (the handle table is full).
    ERROR_NOT_ENOUGH_MEMORY = 8;
    /// The data is invalid.
    ERROR_INVALID_DATA = 13;
    /// The remote server has been paused (OnlineClusterGroup on a paused node: MS-CMRP
    /// 3.1.4.1.50).
    ERROR_SHARING_PAUSED = 70;
    /// The parameter is incorrect.
    ERROR_INVALID_PARAMETER = 87;
    /// This function is not supported on this system (not simulated yet).
    ERROR_CALL_NOT_IMPLEMENTED = 120;
    /// The data area passed to a system call is too small.
    ERROR_INSUFFICIENT_BUFFER = 122;
    /// The filename, directory name, or volume label syntax is incorrect.
    ERROR_INVALID_NAME = 123;
    /// The directory is not empty (DeleteClusterGroup on a group with resources).
    ERROR_DIR_NOT_EMPTY = 145;
    /// One or more arguments are not correct (the resutils property-table helpers).
    ERROR_BAD_ARGUMENTS = 160;
    /// Cannot create a file when that file already exists.
    ERROR_ALREADY_EXISTS = 183;
    /// The filename or extension is too long: a path helper's output buffer is too small.
    ERROR_FILENAME_EXCED_RANGE = 206;
    /// More data is available: the output buffer is too small.
    ERROR_MORE_DATA = 234;
    /// The wait operation timed out.
    WAIT_TIMEOUT = 258;
    /// No more data is available: the end of an enumeration.
    ERROR_NO_MORE_ITEMS = 259;
    /// Overlapped I/O operation is in progress: the operation was accepted and is pending.
    ERROR_IO_PENDING = 997;
    /// Illegal operation attempted on a registry key that has been marked for deletion: a key
    /// handle whose key was deleted (Windows registry semantics; `reference` §D.2).
    ERROR_KEY_DELETED = 1018;
    /// Circular service dependency was specified.
    ERROR_CIRCULAR_DEPENDENCY = 1059;
    /// Element not found.
    ERROR_NOT_FOUND = 1168;
    /// The security descriptor structure is invalid (ClusterRegSetKeySecurity).
    ERROR_INVALID_SECURITY_DESCR = 1338;
    /// An internal error occurred (a panic was caught at the FFI boundary).
    ERROR_INTERNAL_ERROR = 1359;
    /// Insufficient system resources exist to complete the requested service: the process has
    /// issued every handle value it can (see the bound in [`handles`](crate::handles)).
    ERROR_NO_SYSTEM_RESOURCES = 1450;
    /// The specified resource type cannot be found.
    ERROR_RESOURCE_TYPE_NOT_FOUND = 1813;
    /// The RPC server is unavailable: no cluster of that name.
    RPC_S_SERVER_UNAVAILABLE = 1722;
    /// The procedure number is out of range.
    RPC_S_PROCNUM_OUT_OF_RANGE = 1745;
    /// The stub received bad data: a NULL input buffer for a control code that takes a
    /// property list (MsCS:clusctl-resource-set-common-properties).
    RPC_X_BAD_STUB_DATA = 1783;
    /// The cluster resource cannot be moved to another group because other resources are dependent on it.
    ERROR_DEPENDENT_RESOURCE_EXISTS = 5001;
    /// The cluster resource dependency cannot be found.
    ERROR_DEPENDENCY_NOT_FOUND = 5002;
    /// The cluster resource cannot be made dependent on the specified resource because it is already dependent.
    ERROR_DEPENDENCY_ALREADY_EXISTS = 5003;
    /// The cluster resource is not online.
    ERROR_RESOURCE_NOT_ONLINE = 5004;
    /// A cluster node is not available for this operation.
    ERROR_HOST_NODE_NOT_AVAILABLE = 5005;
    /// The cluster resource is not available (deleted).
    ERROR_RESOURCE_NOT_AVAILABLE = 5006;
    /// The cluster resource could not be found.
    ERROR_RESOURCE_NOT_FOUND = 5007;
    /// The cluster is being shut down.
    ERROR_SHUTDOWN_CLUSTER = 5008;
    /// A cluster node cannot be evicted from the cluster unless the node is down.
    ERROR_CANT_EVICT_ACTIVE_NODE = 5009;
    /// The object already exists.
    ERROR_OBJECT_ALREADY_EXISTS = 5010;
    /// The object is already in the list.
    ERROR_OBJECT_IN_LIST = 5011;
    /// The cluster group is not available for any new requests (deleted).
    ERROR_GROUP_NOT_AVAILABLE = 5012;
    /// The cluster group could not be found.
    ERROR_GROUP_NOT_FOUND = 5013;
    /// The operation could not be completed because the cluster group is not online.
    ERROR_GROUP_NOT_ONLINE = 5014;
    /// The cluster node is not a possible owner of the resource (MS-CMRP ApiChangeResourceGroup;
    /// also a move or online onto a node that cannot host every resource of the group).
    ERROR_HOST_NODE_NOT_RESOURCE_OWNER = 5015;
    /// The operation failed because the resource is online.
    ERROR_RESOURCE_ONLINE = 5019;
    /// The cluster resource is the quorum resource.
    ERROR_QUORUM_RESOURCE = 5020;
    /// The resource cannot be the quorum resource: its type is not quorum capable.
    ERROR_NOT_QUORUM_CAPABLE = 5021;
    /// The group or resource is not in the correct state to perform the requested operation.
    ERROR_INVALID_STATE = 5023;
    /// The properties were stored but not all changes will take effect until the next online.
    ERROR_RESOURCE_PROPERTIES_STORED = 5024;
    /// A core cluster resource or group cannot be deleted.
    ERROR_CORE_RESOURCE = 5026;
    /// The cluster node is not available.
    ERROR_NODE_NOT_AVAILABLE = 5036;
    /// The cluster resource failed.
    ERROR_RESOURCE_FAILED = 5038;
    /// The cluster node was not found.
    ERROR_CLUSTER_NODE_NOT_FOUND = 5042;
    /// The cluster network was not found.
    ERROR_CLUSTER_NETWORK_NOT_FOUND = 5045;
    /// The cluster network interface was not found.
    ERROR_CLUSTER_NETINTERFACE_NOT_FOUND = 5047;
    /// The cluster request is not valid for this object.
    ERROR_CLUSTER_INVALID_REQUEST = 5048;
    /// The cluster node is down.
    ERROR_CLUSTER_NODE_DOWN = 5050;
    /// The cluster node is already up.
    ERROR_CLUSTER_NODE_UP = 5056;
    /// The cluster node is not paused.
    ERROR_CLUSTER_NODE_NOT_PAUSED = 5058;
    /// The cluster resource cannot be made dependent on the specified resource.
    ERROR_DEPENDENCY_NOT_ALLOWED = 5069;
    /// The cluster node is paused.
    ERROR_CLUSTER_NODE_PAUSED = 5070;
    /// The cluster resource cannot be brought online by this node.
    ERROR_NODE_CANT_HOST_RESOURCE = 5071;
    /// The specified resource type was not found.
    ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND = 5078;
    /// The resource monitor will not allow the fail operation in this state.
    ERROR_RESMON_INVALID_STATE = 5084;
    /// A property cannot be changed: SET_*_PROPERTIES naming a read-only property.
    ERROR_RESOURCE_PROPERTY_UNCHANGEABLE = 5089;
    /// The dependency tree is too complex (MS-CMRP 3.1.4.2.22: deeper than 100).
    ERROR_DEPENDENCY_TREE_TOO_COMPLEX = 5929;
    /// The resource is not a Cluster Shared Volume (a storage code that needs one).
    ERROR_CLUSTER_NOT_SHARED_VOLUME = 5945;
    /// The Cluster Shared Volume is not locally mounted (ClusterGetVolumeNameForVolumeMountPoint
    /// on a CSV whose resource is not online).
    ERROR_CSV_VOLUME_NOT_LOCAL = 5951;
    /// The node is being drained: a drain is already in progress (MS-CMRP's
    /// ERROR_CLUSTER_NODE_EVACUATION_IN_PROGRESS, 0x174A).
    ERROR_CLUSTER_NODE_DRAIN_IN_PROGRESS = 5962;
    /// The cluster database update condition failed: a condition command of a registry write
    /// batch did not hold (our choice for ClusterRegCloseBatch; `reference` §D.3 leaves it open).
    ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED = 5986;
    /// The group set is not available: it was deleted (MS-CMRP 3.1.4.2.160).
    ERROR_GROUPSET_NOT_AVAILABLE = 5991;
    /// The group set could not be found: `OpenClusterGroupSet` of an unknown name.
    ERROR_GROUPSET_NOT_FOUND = 5992;
}

/// A failed ClusAPI call: the Win32 error code the real library would report.
///
/// Prints as the symbolic name and the number, e.g. `ERROR_GROUP_NOT_FOUND (5013)`.
///
/// ```
/// use clusapi_sim::{Error, codes};
/// let e = Error::new(codes::ERROR_GROUP_NOT_FOUND);
/// assert_eq!(e.to_string(), "ERROR_GROUP_NOT_FOUND (5013)");
/// assert_eq!(e.code(), 5013);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error(u32);

impl Error {
    /// An error with this Win32 code. Zero (`ERROR_SUCCESS`) is not an error; it is accepted
    /// but prints as such.
    pub const fn new(code: u32) -> Error {
        Error(code)
    }

    /// The Win32 error code.
    pub const fn code(self) -> u32 {
        self.0
    }

    /// The symbolic name of the code, when this crate knows it.
    pub fn name(self) -> Option<&'static str> {
        code_name(self.0)
    }

    pub(crate) const INVALID_HANDLE: Error = Error(codes::ERROR_INVALID_HANDLE);
    pub(crate) const INVALID_PARAMETER: Error = Error(codes::ERROR_INVALID_PARAMETER);
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.0),
            None => write!(f, "Win32 error {}", self.0),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {}

impl From<Error> for u32 {
    fn from(e: Error) -> u32 {
        e.0
    }
}

/// The result of a simulator call.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_print_their_number() {
        assert_eq!(Error::new(424242).to_string(), "Win32 error 424242");
        assert_eq!(format!("{:?}", Error::INVALID_HANDLE), "ERROR_INVALID_HANDLE (6)");
    }
}
