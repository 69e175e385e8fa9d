//! The objects of a simulated cluster. Pure data: the rules live in [`Cluster`](super::Cluster).

use super::state::{NetInterfaceState, NetworkState, NodeState, ResourceState};

/// The identity of a group, resource, network or net interface within its cluster. Never
/// reused, so a handle to a deleted object can tell that it is gone (H6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectId(pub u64);

/// A node id as `OpenClusterNodeById` and `GetClusterNodeId` use it (1-based).
pub type NodeId = u32;

/// A cluster node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Numeric id, unique in the cluster, starting at 1.
    pub id: NodeId,
    /// NetBIOS name (what `OpenClusterNode` takes; a DNS name does not match).
    pub name: String,
    /// Current state.
    pub state: NodeState,
}

/// A group (a "role" in Failover Cluster Manager): resources that fail over together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Identity.
    pub id: ObjectId,
    /// GUID string, as `CLUSCTL_GROUP_GET_ID` returns it.
    pub guid: String,
    /// Name, unique among the cluster's groups (ignoring case).
    pub name: String,
    /// The node that owns the group and all its resources.
    pub owner: NodeId,
    /// Preferred owners, in order (`CLUSTER_GROUP_ENUM_NODES`).
    pub preferred_owners: Vec<NodeId>,
    /// Whether the group should be online (it is brought back to this state after a move).
    pub persistent_online: bool,
    /// `CLUSGROUP_TYPE` (e.g. 1 = ClusGroupTypeCoreCluster, 2 = AvailableStorage, 9999 = Unknown).
    pub group_type: u32,
    /// A core group cannot be deleted (`ERROR_CORE_RESOURCE`).
    pub core: bool,
    /// The resources it contains, in the order they were added.
    pub resources: Vec<ObjectId>,
}

/// A resource: one unit the cluster brings online and offline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resource {
    /// Identity.
    pub id: ObjectId,
    /// GUID string.
    pub guid: String,
    /// Name, unique among the cluster's resources (ignoring case).
    pub name: String,
    /// Name of an installed resource type.
    pub resource_type: String,
    /// The group containing it.
    pub group: ObjectId,
    /// Nodes that can host it (`CLUSTER_RESOURCE_ENUM_NODES`).
    pub possible_owners: Vec<NodeId>,
    /// Resources it depends on (its providers), all in the same group.
    pub dependencies: Vec<ObjectId>,
    /// Current state.
    pub state: ResourceState,
    /// Whether it should be online.
    pub persistent_online: bool,
    /// A core resource (Cluster Name, Cluster IP Address, the witness) cannot be deleted.
    pub core: bool,
}

/// An installed resource type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// Name, e.g. `"Physical Disk"`.
    pub name: String,
    /// Display name.
    pub display_name: String,
    /// Resource DLL.
    pub dll_name: String,
    /// `CLUS_RESCLASS_*` (`CLUSCTL_RESOURCE_GET_CLASS_INFO`).
    pub class: u32,
    /// `CLUS_CHAR_*` bits (`CLUSCTL_RESOURCE_GET_CHARACTERISTICS`).
    pub characteristics: u32,
}

impl ResourceType {
    /// A type named `name` (also its display name) implemented by `dll_name`, of class
    /// `class` (`CLUS_RESCLASS_*`) with characteristics `characteristics` (`CLUS_CHAR_*`).
    pub fn new(name: &str, dll_name: &str, class: u32, characteristics: u32) -> ResourceType {
        ResourceType {
            name: name.into(),
            display_name: name.into(),
            dll_name: dll_name.into(),
            class,
            characteristics,
        }
    }
}

/// A cluster network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// Identity.
    pub id: ObjectId,
    /// GUID string.
    pub guid: String,
    /// Name, e.g. `"Cluster Network 1"`.
    pub name: String,
    /// Address, e.g. `"10.0.0.0"`.
    pub address: String,
    /// Address mask, e.g. `"255.255.255.0"`.
    pub address_mask: String,
    /// Current state.
    pub state: NetworkState,
}

/// A node's interface on a cluster network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetInterface {
    /// Identity.
    pub id: ObjectId,
    /// GUID string.
    pub guid: String,
    /// Name, e.g. `"NODE1 - Ethernet"`.
    pub name: String,
    /// The node it belongs to.
    pub node: NodeId,
    /// The network it attaches to.
    pub network: ObjectId,
    /// Adapter name, e.g. `"Ethernet"`.
    pub adapter: String,
    /// IP address.
    pub address: String,
    /// Current state.
    pub state: NetInterfaceState,
}

/// The version a cluster reports through `GetClusterInformation` (`CLUSTERVERSIONINFO`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterVersion {
    /// OS major version of the node serving the call.
    pub major: u16,
    /// OS minor version.
    pub minor: u16,
    /// OS build number.
    pub build: u16,
    /// `szVendorId`.
    pub vendor: String,
    /// `szCSDVersion`.
    pub csd_version: String,
    /// `dwClusterHighestVersion` (`CLUSTER_MAKE_VERSION(major, build)`).
    pub highest: u32,
    /// `dwClusterLowestVersion`.
    pub lowest: u32,
    /// `dwFlags` (`CLUSTER_VERSION_FLAG_MIXED_MODE` = 1).
    pub flags: u32,
}

impl Default for ClusterVersion {
    /// Windows Server 2022 (build 20348), cluster functional level NT12 (11), as a new 2022
    /// cluster reports it.
    fn default() -> Self {
        let level = (11u32 << 16) | 20348;
        ClusterVersion {
            major: 10,
            minor: 0,
            build: 20348,
            vendor: "Microsoft(R) Cluster Service".into(),
            csd_version: String::new(),
            highest: level,
            lowest: level,
            flags: 0,
        }
    }
}
