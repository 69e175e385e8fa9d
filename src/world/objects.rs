//! The objects of a simulated cluster. Pure data: the rules live in [`Cluster`](super::Cluster).

use super::state::{NetInterfaceState, NetworkState, NodeState, ResourceState};
use crate::property::Properties;

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
    /// Its stored common property values (those not kept in the typed fields above; unset
    /// ones read as their defaults: `crate::property` has the schema).
    pub properties: Properties,
    /// Its private properties (`Parameters` in the cluster database).
    pub private: Properties,
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
    /// Where it goes when it fails or its node goes down.
    pub failover: FailoverPolicy,
    /// Its stored common property values (those not kept in the typed fields above; unset
    /// ones read as their defaults: `crate::property` has the schema).
    pub properties: Properties,
    /// Its private properties (`Parameters` in the cluster database).
    pub private: Properties,
}

/// A group set (Windows Server 2016 and later): groups that start together, and the sets and
/// groups that wait for them (MS-CMRP 3.1.4.2.146..161). A group is in at most one set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSet {
    /// Identity.
    pub id: ObjectId,
    /// GUID string, as `CLUSCTL_GROUPSET_GET_ID` returns it.
    pub guid: String,
    /// Name, unique among the cluster's group sets (ignoring case).
    pub name: String,
    /// Its groups, in the order they were added.
    pub groups: Vec<ObjectId>,
    /// The group sets it depends on (its providers), in the order they were added; it starts
    /// after all of them (dependency expressions of group sets are "ANDs" only, MS-CMRP
    /// 3.1.4.2.159).
    pub providers: Vec<ObjectId>,
    /// The groups that depend on it ("a cluster group can only be dependent on one cluster
    /// group set", MS-CMRP 3.1.4.2.154), in the order they were added.
    pub dependent_groups: Vec<ObjectId>,
    /// Its stored common property values (unset ones read as their defaults: `crate::property`
    /// has the schema, MsCS:collection-common-properties).
    pub properties: Properties,
    /// Private properties: always empty (group sets take only the common property codes,
    /// MS-CMRP 3.1.4.3.8).
    pub private: Properties,
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
    /// Resources it depends on (its providers), all in the same group: every provider, also
    /// those of its OR-sets.
    pub dependencies: Vec<ObjectId>,
    /// The OR-sets of its dependency expression (`([a] or [b]) and [c]`: `[[a, b]]`), each of
    /// two or more providers; it needs one online provider of each set. A provider in no set
    /// is needed itself.
    pub alternatives: Vec<Vec<ObjectId>>,
    /// Current state.
    pub state: ResourceState,
    /// Whether it should be online.
    pub persistent_online: bool,
    /// A core resource (Cluster Name, Cluster IP Address, the witness) cannot be deleted.
    pub core: bool,
    /// What happens when it fails (the `Restart*` and `RetryPeriodOnFailure` common
    /// properties).
    pub restart: RestartPolicy,
    /// How long (virtual milliseconds) going online takes; `None`: its type's
    /// [`online_delay_ms`](ResourceType::online_delay_ms).
    pub online_delay_ms: Option<u32>,
    /// How long going offline takes; `None`: its type's.
    pub offline_delay_ms: Option<u32>,
    /// Its stored common property values (those not kept in the typed fields above; unset
    /// ones read as their defaults: `crate::property` has the schema).
    pub properties: Properties,
    /// Its private properties (`Parameters` in the cluster database).
    pub private: Properties,
}

impl Resource {
    /// Whether its providers let it be online: each provider in no OR-set online, and one
    /// provider of each OR-set (MS-CMRP 3.1.4.2.18: "at least one member of each OR-set").
    pub fn providers_online(&self, online: impl Fn(ObjectId) -> bool) -> bool {
        let required =
            self.dependencies.iter().filter(|p| !self.alternatives.iter().any(|set| set.contains(p)));
        required.into_iter().all(|&p| online(p))
            && self.alternatives.iter().all(|set| set.iter().any(|&p| online(p)))
    }

    /// The providers it needs one by one: those in no OR-set.
    pub fn required_providers(&self) -> impl Iterator<Item = ObjectId> + '_ {
        self.dependencies.iter().copied().filter(|p| !self.alternatives.iter().any(|set| set.contains(p)))
    }
}

/// `CLUSTER_RESOURCE_RESTART_ACTION`: what the cluster does when a resource fails (the
/// RestartAction common property, MsCS:resource-common-properties).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RestartAction {
    /// `ClusterResourceDontRestart` (0): never restart; the resource stays failed.
    DontRestart,
    /// `ClusterResourceRestartNoNotify` (1): restart, and never fail the group over for it.
    RestartNoNotify,
    /// `ClusterResourceRestartNotify` (2, the default): restart; past the threshold, fail
    /// the group over.
    RestartNotify,
}

impl RestartAction {
    /// The value of the RestartAction property.
    pub const fn value(self) -> u32 {
        match self {
            RestartAction::DontRestart => 0,
            RestartAction::RestartNoNotify => 1,
            RestartAction::RestartNotify => 2,
        }
    }

    /// The action with this property value.
    pub const fn from_value(value: u32) -> Option<RestartAction> {
        match value {
            0 => Some(RestartAction::DontRestart),
            1 => Some(RestartAction::RestartNoNotify),
            2 => Some(RestartAction::RestartNotify),
            _ => None,
        }
    }
}

/// A resource's restart policy: the common properties of MsCS:resource-common-properties
/// (engine-properties-notify.md §A.7.1), with their documented defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RestartPolicy {
    /// RestartAction (default RestartNotify).
    pub action: RestartAction,
    /// RestartThreshold: restarts allowed inside `period_ms` (default 3).
    pub threshold: u32,
    /// RestartPeriod, in milliseconds (default 900000, 15 minutes).
    pub period_ms: u32,
    /// RestartDelay: how long after a failure the restart begins (default 500 ms).
    pub delay_ms: u32,
    /// RetryPeriodOnFailure: how long a resource left failed waits before the next online
    /// attempt (default 3600000, one hour; `u32::MAX`: never).
    pub retry_period_ms: u32,
}

impl Default for RestartPolicy {
    fn default() -> RestartPolicy {
        RestartPolicy {
            action: RestartAction::RestartNotify,
            threshold: 3,
            period_ms: 900_000,
            delay_ms: 500,
            retry_period_ms: 3_600_000,
        }
    }
}

/// A group's failover policy: the common properties of MsCS:group-common-properties
/// (engine-properties-notify.md §A.7.2), with their documented defaults.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FailoverPolicy {
    /// FailoverThreshold: failovers allowed inside `period_hours`; `u32::MAX` (the default)
    /// reads as the number of nodes minus one.
    pub threshold: u32,
    /// FailoverPeriod, in hours (default 6).
    pub period_hours: u32,
    /// AutoFailbackType = ClusterGroupAllowFailback (1): move back to the most preferred node
    /// when it comes back up (default: prevent, 0).
    pub auto_failback: bool,
    /// FailbackWindowStart: an hour 0..=23 of the virtual clock's day, or `u32::MAX` (the
    /// default) for no window. The window applies only when both ends are hours; start > end
    /// wraps midnight.
    pub failback_window_start: u32,
    /// FailbackWindowEnd: an hour 0..=23, or `u32::MAX` (the default).
    pub failback_window_end: u32,
    /// AntiAffinityClassNames: groups sharing an entry avoid sharing a node.
    pub anti_affinity_class_names: Vec<String>,
    /// Priority: 3000 High, 2000 Medium (the default), 1000 Low, 0 no automatic start.
    pub priority: u32,
}

impl FailoverPolicy {
    /// The failback window, `(start, end)` hours, when both ends are set.
    pub fn failback_window(&self) -> Option<(u32, u32)> {
        (self.failback_window_start <= 23 && self.failback_window_end <= 23)
            .then_some((self.failback_window_start, self.failback_window_end))
    }
}

impl Default for FailoverPolicy {
    fn default() -> FailoverPolicy {
        FailoverPolicy {
            threshold: u32::MAX,
            period_hours: 6,
            auto_failback: false,
            failback_window_start: u32::MAX,
            failback_window_end: u32::MAX,
            anti_affinity_class_names: Vec::new(),
            priority: 2000,
        }
    }
}

/// An installed resource type. Make one with [`ResourceType::new`] and set its public fields.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
    /// How long (virtual milliseconds) its resources take to come online (default 0: at
    /// once, so every call completes before it returns).
    pub online_delay_ms: u32,
    /// How long its resources take to go offline (default 0).
    pub offline_delay_ms: u32,
    /// Its stored common property values (those not kept in the typed fields above; unset
    /// ones read as their defaults: `crate::property` has the schema).
    pub properties: Properties,
    /// Its private properties (`Parameters` in the cluster database).
    pub private: Properties,
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
            online_delay_ms: 0,
            offline_delay_ms: 0,
            properties: Properties::new(),
            private: Properties::new(),
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
    /// Its stored common property values (those not kept in the typed fields above; unset
    /// ones read as their defaults: `crate::property` has the schema).
    pub properties: Properties,
    /// Its private properties (`Parameters` in the cluster database).
    pub private: Properties,
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
    /// Its stored common property values (those not kept in the typed fields above; unset
    /// ones read as their defaults: `crate::property` has the schema).
    pub properties: Properties,
    /// Its private properties (`Parameters` in the cluster database).
    pub private: Properties,
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
