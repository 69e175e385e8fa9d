//! The state enums of the ClusAPI, with their real numeric values (`reference/clusapi.md` §4.2),
//! and the derivation of a group's state from its resources (§7).

macro_rules! state_enum {
    ($(#[$doc:meta])* $name:ident : $repr:ty { $($(#[$vdoc:meta])* $variant:ident = $value:expr,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// The numeric value the C API uses.
            pub const fn value(self) -> $repr {
                match self {
                    $($name::$variant => $value,)*
                }
            }

            /// The state with this numeric value.
            pub fn from_value(value: $repr) -> Option<Self> {
                match value {
                    $(v if v == $value => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

state_enum! {
    /// `CLUSTER_NODE_STATE`.
    NodeState: i32 {
        /// `ClusterNodeUp`
        Up = 0,
        /// `ClusterNodeDown`
        Down = 1,
        /// `ClusterNodePaused`
        Paused = 2,
        /// `ClusterNodeJoining`
        Joining = 3,
    }
}

state_enum! {
    /// `CLUSTER_GROUP_STATE`. (The current `ne-clusapi-cluster_group_state` page shows
    /// `ClusterGroupOnline = 206`, a documentation error; windows-sys and the
    /// GetClusterGroupState page say 0.)
    GroupState: i32 {
        /// `ClusterGroupOnline`
        Online = 0,
        /// `ClusterGroupOffline`
        Offline = 1,
        /// `ClusterGroupFailed`
        Failed = 2,
        /// `ClusterGroupPartialOnline`
        PartialOnline = 3,
        /// `ClusterGroupPending`
        Pending = 4,
    }
}

state_enum! {
    /// `CLUSTER_RESOURCE_STATE`.
    ResourceState: i32 {
        /// `ClusterResourceInherited`
        Inherited = 0,
        /// `ClusterResourceInitializing`
        Initializing = 1,
        /// `ClusterResourceOnline`
        Online = 2,
        /// `ClusterResourceOffline`
        Offline = 3,
        /// `ClusterResourceFailed`
        Failed = 4,
        /// `ClusterResourcePending`
        Pending = 128,
        /// `ClusterResourceOnlinePending`
        OnlinePending = 129,
        /// `ClusterResourceOfflinePending`
        OfflinePending = 130,
    }
}

state_enum! {
    /// `CLUSTER_NETWORK_STATE`.
    NetworkState: i32 {
        /// `ClusterNetworkUnavailable`
        Unavailable = 0,
        /// `ClusterNetworkDown`
        Down = 1,
        /// `ClusterNetworkPartitioned`
        Partitioned = 2,
        /// `ClusterNetworkUp`
        Up = 3,
    }
}

state_enum! {
    /// `CLUSTER_NETINTERFACE_STATE`.
    NetInterfaceState: i32 {
        /// `ClusterNetInterfaceUnavailable`
        Unavailable = 0,
        /// `ClusterNetInterfaceFailed`
        Failed = 1,
        /// `ClusterNetInterfaceUnreachable`
        Unreachable = 2,
        /// `ClusterNetInterfaceUp`
        Up = 3,
    }
}

state_enum! {
    /// `NODE_CLUSTER_STATE`, the value `GetNodeClusterState` reports for a machine.
    NodeClusterState: u32 {
        /// `ClusterStateNotInstalled`
        NotInstalled = 0,
        /// `ClusterStateNotConfigured`
        NotConfigured = 1,
        /// `ClusterStateNotRunning`
        NotRunning = 3,
        /// `ClusterStateRunning`
        Running = 0x13,
    }
}

impl ResourceState {
    /// Whether the resource is in a transition (`Pending`, `OnlinePending`, `OfflinePending`).
    pub fn is_pending(self) -> bool {
        matches!(self, ResourceState::Pending | ResourceState::OnlinePending | ResourceState::OfflinePending)
    }

    /// Whether the resource is settled down: Offline or Failed (what deleting it and moving it
    /// to a group on another node need).
    pub fn is_down(self) -> bool {
        matches!(self, ResourceState::Offline | ResourceState::Failed)
    }
}

/// The state of a group, derived from its resources' states with the precedence of MS-CMRP
/// ApiGetGroupState (3.1.4.1.46): any failed, else any pending, else some but not all online,
/// else all online, else (all offline, or no resources at all) offline.
pub fn derive_group_state(resources: impl IntoIterator<Item = ResourceState>) -> GroupState {
    let (mut total, mut online, mut pending, mut failed) = (0usize, 0usize, false, false);
    for state in resources {
        total += 1;
        match state {
            ResourceState::Failed => failed = true,
            s if s.is_pending() => pending = true,
            ResourceState::Online => online += 1,
            _ => {}
        }
    }
    if failed {
        GroupState::Failed
    } else if pending {
        GroupState::Pending
    } else if online > 0 && online < total {
        GroupState::PartialOnline
    } else if total > 0 && online == total {
        GroupState::Online
    } else {
        GroupState::Offline
    }
}

#[cfg(test)]
mod tests {
    use super::ResourceState::*;
    use super::*;

    #[test]
    fn group_state_precedence_follows_cmrp() {
        assert_eq!(derive_group_state([]), GroupState::Offline);
        assert_eq!(derive_group_state([Offline, Offline]), GroupState::Offline);
        assert_eq!(derive_group_state([Online, Online]), GroupState::Online);
        assert_eq!(derive_group_state([Online, Offline]), GroupState::PartialOnline);
        assert_eq!(derive_group_state([Online, OnlinePending]), GroupState::Pending);
        assert_eq!(derive_group_state([OfflinePending, Failed]), GroupState::Failed);
        assert_eq!(derive_group_state([Online, Failed, Online]), GroupState::Failed);
    }

    #[test]
    fn values_round_trip() {
        for s in [Inherited, Initializing, Online, Offline, Failed, Pending, OnlinePending, OfflinePending] {
            assert_eq!(ResourceState::from_value(s.value()), Some(s));
        }
        assert_eq!(ResourceState::from_value(-1), None);
        assert_eq!(NodeClusterState::Running.value(), 19);
    }
}
