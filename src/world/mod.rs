//! The simulated clusters: objects, states and the rules that keep them consistent.
//!
//! Pure state plus rules: no handles, no pointers, no locks, no time. The
//! engine owns the live [`World`] and [`Sim`](crate::Sim) maps handles onto
//! the ids used here.
//!
//! * Fields are private; read them through the accessors of [`World`] and [`Cluster`].
//! * Every change goes through one writer: a [`Change`] applied by the engine's commit path
//!   (or, while a world is being built, by [`ClusterBuilder`]). The writer keeps the name
//!   indexes current and the engine checks the invariants once per commit.
//! * Each change is planned first, by a planner over `&Cluster` (`world/plan.rs`) that checks
//!   the rules (`world/rules.rs`, each written once) and returns the change; so "validate
//!   first, then mutate" holds by construction.

mod builder;
mod change;
pub(crate) mod dependency;
mod group_set;
mod invariants;
pub(crate) mod name;
mod objects;
mod plan;
pub(crate) mod rules;
mod state;
mod storage;

use std::collections::BTreeMap;

use crate::property::Properties;

pub use builder::ClusterBuilder;
pub use change::{Change, PropertyOwner};
pub use name::eq_ignore_case;
pub(crate) use name::{NameIndex, upcase};
pub use objects::{
    ClusterVersion, FailoverPolicy, Group, GroupSet, NetInterface, Network, Node, NodeId, ObjectId, Resource,
    ResourceType, RestartAction, RestartPolicy,
};

pub(crate) use storage::normalize as normalize_path;
pub use storage::{
    DiskId, DiskInfo, PHYSICAL_DISK, Partition, SHARED_VOLUME_GROUP_TYPE, SHARED_VOLUMES_ROOT,
};

pub use state::{
    GroupState, NetInterfaceState, NetworkState, NodeClusterState, NodeState, ResourceState,
    derive_group_state,
};

/// Every cluster a simulator knows. `OpenCluster(NULL)` reaches the local one. The default
/// world has no cluster at all: `OpenCluster` reaches nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct World {
    /// The clusters, addressed by index.
    clusters: Vec<Cluster>,
    /// Index of the cluster the simulated local machine belongs to.
    local: usize,
}

/// What a machine name reaches: a cluster, and the node that answers for the name (a node's
/// own name, or the node hosting the cluster's core group for the cluster's name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Machine {
    /// The cluster's index in [`World::clusters`].
    pub cluster: usize,
    /// The node answering, if the cluster has one that can.
    pub node: Option<NodeId>,
}

impl World {
    /// A world of `clusters`, the `local`-th being the local one.
    ///
    /// # Errors
    /// A description of the first broken invariant (see [`World::check_invariants`]), or of a
    /// `local` index out of range.
    ///
    /// ```
    /// use clusapi_sim::world::{ClusterBuilder, NodeState, World};
    /// let mut lab = ClusterBuilder::new("LAB", "lab.example.com", 1);
    /// lab.add_node("LAB-N1", None, NodeState::Up)?;
    /// let world = World::new(vec![lab.build()], 0)?;
    /// assert_eq!(world.local_cluster().name(), "LAB");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(clusters: Vec<Cluster>, local: usize) -> Result<World, String> {
        let world = World { clusters, local };
        world.check_invariants()?;
        Ok(world)
    }

    /// The clusters and the index of the local one, to build on (see
    /// [`ClusterBuilder::from`](ClusterBuilder)).
    pub fn into_parts(self) -> (Vec<Cluster>, usize) {
        (self.clusters, self.local)
    }

    /// The clusters, in order.
    pub fn clusters(&self) -> &[Cluster] {
        &self.clusters
    }

    /// The index of the local cluster.
    pub fn local(&self) -> usize {
        self.local
    }

    /// The local cluster.
    ///
    /// # Panics
    /// In a world with no cluster.
    pub fn local_cluster(&self) -> &Cluster {
        &self.clusters[self.local]
    }

    /// The cluster at `index`, if there is one.
    pub fn cluster(&self, index: usize) -> Option<&Cluster> {
        self.clusters.get(index)
    }

    /// The cluster that `OpenCluster(name)` reaches; see [`World::resolve_machine`].
    pub fn find_cluster(&self, name: &str) -> Option<usize> {
        self.resolve(name).map(|(cluster, _)| cluster)
    }

    /// What a machine name that a client passes to `OpenCluster` or `GetNodeClusterState`
    /// reaches, ignoring case: the cluster's NetBIOS name, its FQDN or one of its IP
    /// addresses; a node's NetBIOS name, its FQDN (`<node>.<the cluster's domain>`) or the
    /// address of one of its net interfaces; and `localhost` or `.` for the local machine (the
    /// first node of the local cluster). OpenCluster page: "the name of the cluster or one of
    /// the cluster nodes"; the rest is a choice recorded in FIDELITY.md. A cluster name is
    /// answered by the node hosting its core group.
    pub fn resolve_machine(&self, name: &str) -> Option<Machine> {
        let (cluster, node) = self.resolve(name)?;
        let node = node.or_else(|| self.clusters[cluster].core_host());
        Some(Machine { cluster, node })
    }

    /// The cluster a machine name reaches, and the node when it names one (`None`: the
    /// cluster's own name or address).
    fn resolve(&self, name: &str) -> Option<(usize, Option<NodeId>)> {
        if name == "." || eq_ignore_case(name, "localhost") {
            let cluster = self.clusters.get(self.local)?;
            return Some((self.local, cluster.nodes.first().map(|n| n.id)));
        }
        self.clusters.iter().enumerate().find_map(|(index, c)| {
            if eq_ignore_case(&c.name, name)
                || eq_ignore_case(&c.fqdn, name)
                || c.addresses.iter().any(|a| eq_ignore_case(a, name))
            {
                return Some((index, None));
            }
            if let Some(n) = c.node_by_name(name).or_else(|| c.nodes.iter().find(|n| c.is_node_fqdn(n, name)))
            {
                return Some((index, Some(n.id)));
            }
            let ni = c.net_interfaces.values().find(|i| eq_ignore_case(&i.address, name))?;
            Some((index, Some(ni.node)))
        })
    }

    /// Checks every cluster's invariants; see [`Cluster::check_invariants`].
    ///
    /// # Errors
    /// A description of the first broken invariant.
    pub fn check_invariants(&self) -> std::result::Result<(), String> {
        if !self.clusters.is_empty() && self.local >= self.clusters.len() {
            return Err(format!("local cluster index {} out of range", self.local));
        }
        self.clusters.iter().try_for_each(Cluster::check_invariants)
    }

    /// Applies one planned change to cluster `cluster`: the engine's commit path calls this,
    /// and nothing else writes a world's fields.
    pub(crate) fn apply(&mut self, cluster: usize, change: Change) {
        self.clusters[cluster].apply(change);
    }
}

/// One simulated failover cluster. Read it through its accessors; build one with
/// [`ClusterBuilder`].
#[derive(Clone, Debug)]
pub struct Cluster {
    /// Cluster name (the CNO's NetBIOS name).
    name: String,
    /// Fully qualified DNS name (`CLUSCTL_CLUSTER_GET_FQDN`).
    fqdn: String,
    /// The cluster's IP addresses (those of its `Cluster IP Address` resources).
    addresses: Vec<String>,
    /// What `GetClusterInformation` reports.
    version: ClusterVersion,
    /// Nodes, in id order.
    nodes: Vec<Node>,
    /// Groups, in creation order (ids are increasing).
    groups: BTreeMap<ObjectId, Group>,
    /// Resources, in creation order.
    resources: BTreeMap<ObjectId, Resource>,
    /// Installed resource types, in installation order.
    resource_types: Vec<ResourceType>,
    /// Networks, in creation order.
    networks: BTreeMap<ObjectId, Network>,
    /// Net interfaces, in creation order.
    net_interfaces: BTreeMap<ObjectId, NetInterface>,
    /// Group sets, in creation order.
    group_sets: BTreeMap<ObjectId, GroupSet>,
    /// The quorum (witness) resource, if any.
    quorum_resource: Option<ObjectId>,
    /// Where the quorum files live (`GetClusterQuorumResource`'s device name).
    quorum_device: String,
    /// The quorum type `SetClusterQuorumResource` was given (its `dwMaxQuoLogSize`).
    quorum_log_size: u32,
    group_names: NameIndex<ObjectId>,
    /// `OpenClusterGroup` also takes a group's GUID.
    group_guids: NameIndex<ObjectId>,
    resource_names: NameIndex<ObjectId>,
    network_names: NameIndex<ObjectId>,
    net_interface_names: NameIndex<ObjectId>,
    group_set_names: NameIndex<ObjectId>,
    /// The resources that depend directly on each resource, in id order: the reverse of the
    /// dependency lists, kept by [`Cluster::apply`] so that finding a resource's dependents
    /// costs its number of dependents, not the size of its group.
    dependents: std::collections::HashMap<ObjectId, Vec<ObjectId>>,
    /// The id the next new object gets.
    next_object: u64,
    /// The seed GUIDs are derived from.
    seed: u64,
    /// The cluster's stored common property values (`crate::property` has the schema).
    properties: Properties,
    /// The cluster's private properties.
    private: Properties,
    /// Plain registry keys and their values that the simulator's registry starts with
    /// (fixtures' `[[cluster.registry]]`), in order.
    registry_seed: Vec<RegistrySeedKey>,
}

/// A plain registry key a cluster's registry is seeded with: its path from the root and its
/// values ([`Cluster::registry_seed`]).
pub type RegistrySeedKey = (String, Vec<(String, crate::property::Value)>);

/// Two clusters are equal when everything a client can observe is: the name indexes are
/// derived from the objects, so they are not compared.
impl PartialEq for Cluster {
    fn eq(&self, other: &Cluster) -> bool {
        self.name == other.name
            && self.fqdn == other.fqdn
            && self.addresses == other.addresses
            && self.version == other.version
            && self.nodes == other.nodes
            && self.groups == other.groups
            && self.resources == other.resources
            && self.resource_types == other.resource_types
            && self.networks == other.networks
            && self.net_interfaces == other.net_interfaces
            && self.group_sets == other.group_sets
            && self.quorum_resource == other.quorum_resource
            && self.quorum_device == other.quorum_device
            && self.quorum_log_size == other.quorum_log_size
            && self.next_object == other.next_object
            && self.seed == other.seed
            && self.properties == other.properties
            && self.private == other.private
            && self.registry_seed == other.registry_seed
    }
}

impl Eq for Cluster {}

impl Cluster {
    /// An empty cluster; [`ClusterBuilder`] fills it.
    fn new(name: &str, fqdn: &str, seed: u64) -> Cluster {
        Cluster {
            name: name.into(),
            fqdn: fqdn.into(),
            addresses: Vec::new(),
            version: ClusterVersion::default(),
            nodes: Vec::new(),
            groups: BTreeMap::new(),
            resources: BTreeMap::new(),
            resource_types: Vec::new(),
            networks: BTreeMap::new(),
            net_interfaces: BTreeMap::new(),
            group_sets: BTreeMap::new(),
            quorum_resource: None,
            quorum_device: String::new(),
            quorum_log_size: crate::flags::CLUS_HYBRID_QUORUM,
            group_names: NameIndex::default(),
            group_guids: NameIndex::default(),
            resource_names: NameIndex::default(),
            network_names: NameIndex::default(),
            net_interface_names: NameIndex::default(),
            group_set_names: NameIndex::default(),
            dependents: std::collections::HashMap::new(),
            next_object: 1,
            seed,
            properties: Properties::new(),
            private: Properties::new(),
            registry_seed: Vec::new(),
        }
    }

    // ---- fields -----------------------------------------------------------------------

    /// The cluster's stored common property values (unset ones read as their defaults).
    pub fn properties(&self) -> &Properties {
        &self.properties
    }

    /// The plain registry keys (paths from the root) and values the cluster's registry is
    /// seeded with, in order.
    pub fn registry_seed(&self) -> &[RegistrySeedKey] {
        &self.registry_seed
    }

    /// The cluster's private properties.
    pub fn private_properties(&self) -> &Properties {
        &self.private
    }

    /// The cluster's name (the CNO's NetBIOS name).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its fully qualified DNS name (`CLUSCTL_CLUSTER_GET_FQDN`).
    pub fn fqdn(&self) -> &str {
        &self.fqdn
    }

    /// Its IP addresses, which `OpenCluster` also takes.
    pub fn addresses(&self) -> &[String] {
        &self.addresses
    }

    /// What `GetClusterInformation` reports.
    pub fn version(&self) -> &ClusterVersion {
        &self.version
    }

    /// The nodes, in id order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// The groups by id, in creation order.
    pub fn groups(&self) -> &BTreeMap<ObjectId, Group> {
        &self.groups
    }

    /// The resources by id, in creation order.
    pub fn resources(&self) -> &BTreeMap<ObjectId, Resource> {
        &self.resources
    }

    /// The installed resource types, in installation order.
    pub fn resource_types(&self) -> &[ResourceType] {
        &self.resource_types
    }

    /// The networks by id, in creation order.
    pub fn networks(&self) -> &BTreeMap<ObjectId, Network> {
        &self.networks
    }

    /// The net interfaces by id, in creation order.
    pub fn net_interfaces(&self) -> &BTreeMap<ObjectId, NetInterface> {
        &self.net_interfaces
    }

    /// The quorum (witness) resource, if any.
    pub fn quorum_resource(&self) -> Option<ObjectId> {
        self.quorum_resource
    }

    /// Where the quorum files live: the device name `GetClusterQuorumResource` reports
    /// (empty until `SetClusterQuorumResource` sets one; a choice).
    pub fn quorum_device(&self) -> &str {
        &self.quorum_device
    }

    /// The quorum type last given to `SetClusterQuorumResource` as `dwMaxQuoLogSize`
    /// (`CLUS_HYBRID_QUORUM`, 1024, for a cluster with a witness until then: a choice).
    pub fn quorum_log_size(&self) -> u32 {
        self.quorum_log_size
    }

    // ---- ids --------------------------------------------------------------------------

    /// The id the `n`-th object created from now on gets (`n` = 0: the next one). Ids are
    /// never reused, so a handle to a deleted object can tell that it is gone (H6).
    pub(crate) fn id_after(&self, n: u64) -> ObjectId {
        ObjectId(self.next_object + n)
    }

    /// The GUID of object `id`: a function of the cluster's seed and the id (splitmix64), so
    /// that the same seed gives the same GUIDs, lower case as cluster ids print.
    pub fn guid_for(&self, id: ObjectId) -> String {
        let mix = |mut z: u64| {
            z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let a = mix(self.seed ^ id.0.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let b = mix(a ^ self.seed.rotate_left(17));
        // Version 4, variant 1 bits, like the GUIDs the cluster service generates.
        let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0x0fff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }

    // ---- lookups ----------------------------------------------------------------------

    /// The node with this NetBIOS name, ignoring case. (A cluster has at most 64 nodes: a
    /// scan is faster than hashing the name.)
    pub fn node_by_name(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| eq_ignore_case(&n.name, name))
    }

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The group with this name or GUID (MS-CMRP ApiOpenGroup accepts either), ignoring case.
    pub fn find_group(&self, name_or_id: &str) -> Option<ObjectId> {
        self.group_names.get(name_or_id).or_else(|| self.group_guids.get(name_or_id))
    }

    /// The resource with this name, ignoring case.
    pub fn find_resource(&self, name: &str) -> Option<ObjectId> {
        self.resource_names.get(name)
    }

    /// The network with this name, ignoring case.
    pub fn find_network(&self, name: &str) -> Option<ObjectId> {
        self.network_names.get(name)
    }

    /// The group sets, in creation order.
    pub fn group_sets(&self) -> &BTreeMap<ObjectId, GroupSet> {
        &self.group_sets
    }

    /// The group set with this name, ignoring case.
    pub fn find_group_set(&self, name: &str) -> Option<ObjectId> {
        self.group_set_names.get(name)
    }

    /// The group set a group is in, if any.
    pub fn group_set_of(&self, group: ObjectId) -> Option<ObjectId> {
        self.group_sets.values().find(|s| s.groups.contains(&group)).map(|s| s.id)
    }

    /// The group set a group depends on, if any.
    pub fn provider_set_of(&self, group: ObjectId) -> Option<ObjectId> {
        self.group_sets.values().find(|s| s.dependent_groups.contains(&group)).map(|s| s.id)
    }

    /// The net interface with this name, ignoring case.
    pub fn find_net_interface(&self, name: &str) -> Option<ObjectId> {
        self.net_interface_names.get(name)
    }

    /// The installed resource type with this name, ignoring case.
    pub fn resource_type(&self, name: &str) -> Option<&ResourceType> {
        // Resources store the type's own spelling, so an exact match is the common case.
        let types = &self.resource_types;
        types.iter().find(|t| t.name == name).or_else(|| types.iter().find(|t| eq_ignore_case(&t.name, name)))
    }

    /// The state of a group, derived from its resources (see [`derive_group_state`]).
    pub fn group_state(&self, group: &Group) -> GroupState {
        derive_group_state(group.resources.iter().map(|r| self.resources[r].state))
    }

    /// Resources that depend directly on `resource` (`CLUSTER_RESOURCE_ENUM_PROVIDES`), in id
    /// order.
    pub fn dependents_of(&self, resource: ObjectId) -> impl Iterator<Item = &Resource> {
        self.dependent_ids(resource).iter().map(|d| &self.resources[d])
    }

    /// The ids of the resources that depend directly on `resource`, in id order.
    pub(crate) fn dependent_ids(&self, resource: ObjectId) -> &[ObjectId] {
        self.dependents.get(&resource).map_or(&[], Vec::as_slice)
    }

    /// Records that `dependent` depends on `provider` in the reverse index.
    fn index_dependency(&mut self, dependent: ObjectId, provider: ObjectId) {
        let list = self.dependents.entry(provider).or_default();
        if let Err(at) = list.binary_search(&dependent) {
            list.insert(at, dependent);
        }
    }

    /// Forgets that `dependent` depends on `provider` in the reverse index.
    fn unindex_dependency(&mut self, dependent: ObjectId, provider: ObjectId) {
        if let Some(list) = self.dependents.get_mut(&provider) {
            list.retain(|&d| d != dependent);
            if list.is_empty() {
                self.dependents.remove(&provider);
            }
        }
    }

    /// The node that answers for the cluster's own name: the owner of its core cluster group
    /// (`CLUSGROUP_TYPE` 1), else its first node.
    fn core_host(&self) -> Option<NodeId> {
        self.groups
            .values()
            .find(|g| g.group_type == 1)
            .map(|g| g.owner)
            .or_else(|| self.nodes.first().map(|n| n.id))
    }

    /// Whether `name` is `node`'s FQDN: its NetBIOS name in the cluster's DNS domain.
    fn is_node_fqdn(&self, node: &Node, name: &str) -> bool {
        let Some((_, domain)) = self.fqdn.split_once('.') else { return false };
        name.len() == node.name.len() + 1 + domain.len()
            && name.get(..node.name.len()).is_some_and(|n| eq_ignore_case(n, &node.name))
            && name.as_bytes()[node.name.len()] == b'.'
            && name.get(node.name.len() + 1..).is_some_and(|d| eq_ignore_case(d, domain))
    }
}

impl crate::property::schema::HasProperties for Cluster {
    fn common(&self) -> &Properties {
        &self.properties
    }
    fn common_mut(&mut self) -> &mut Properties {
        &mut self.properties
    }
    fn private(&self) -> &Properties {
        &self.private
    }
    fn private_mut(&mut self) -> &mut Properties {
        &mut self.private
    }
}
