//! The simulated clusters: objects, states and the rules that keep them consistent.
//!
//! Pure state plus rules: no handles, no pointers, no locks. [`Sim`](crate::Sim) owns a
//! [`World`] behind its lock and maps handles onto the ids used here.

mod invariants;
mod name;
mod objects;
mod state;

use std::collections::BTreeMap;

pub use name::{NameIndex, eq_ignore_case};
pub use objects::{
    ClusterVersion, Group, NetInterface, Network, Node, NodeId, ObjectId, Resource, ResourceType,
};
pub use state::{
    GroupState, NetInterfaceState, NetworkState, NodeClusterState, NodeState, ResourceState,
    derive_group_state,
};

use crate::error::{Error, Result, codes};

/// Every cluster a simulator knows. `OpenCluster(NULL)` reaches the local one.
#[derive(Clone, Debug, Default)]
pub struct World {
    /// The clusters, addressed by index.
    pub clusters: Vec<Cluster>,
    /// Index of the cluster the simulated local machine belongs to.
    pub local: usize,
}

impl World {
    /// The cluster that `OpenCluster(name)` reaches: its own name, its FQDN, or the NetBIOS
    /// name of one of its nodes (OpenCluster page: "the name of the cluster or one of the
    /// cluster nodes"), ignoring case.
    pub fn find_cluster(&self, name: &str) -> Option<usize> {
        self.clusters.iter().position(|c| {
            eq_ignore_case(&c.name, name)
                || eq_ignore_case(&c.fqdn, name)
                || c.nodes.iter().any(|n| eq_ignore_case(&n.name, name))
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
}

/// One simulated failover cluster.
#[derive(Clone, Debug)]
pub struct Cluster {
    /// Cluster name (the CNO's NetBIOS name).
    pub name: String,
    /// Fully qualified DNS name (`CLUSCTL_CLUSTER_GET_FQDN`).
    pub fqdn: String,
    /// What `GetClusterInformation` reports.
    pub version: ClusterVersion,
    /// Nodes, in id order.
    pub nodes: Vec<Node>,
    /// Groups, in creation order (ids are increasing).
    pub groups: BTreeMap<ObjectId, Group>,
    /// Resources, in creation order.
    pub resources: BTreeMap<ObjectId, Resource>,
    /// Installed resource types, in installation order.
    pub resource_types: Vec<ResourceType>,
    /// Networks, in creation order.
    pub networks: BTreeMap<ObjectId, Network>,
    /// Net interfaces, in creation order.
    pub net_interfaces: BTreeMap<ObjectId, NetInterface>,
    /// The quorum (witness) resource, if any.
    pub quorum_resource: Option<ObjectId>,
    group_names: NameIndex<ObjectId>,
    group_guids: NameIndex<ObjectId>,
    resource_names: NameIndex<ObjectId>,
    network_names: NameIndex<ObjectId>,
    net_interface_names: NameIndex<ObjectId>,
    next_object: u64,
    guid_state: u64,
}

impl Cluster {
    /// An empty cluster. `seed` makes the generated GUIDs reproducible.
    pub fn new(name: &str, fqdn: &str, seed: u64) -> Cluster {
        Cluster {
            name: name.into(),
            fqdn: fqdn.into(),
            version: ClusterVersion::default(),
            nodes: Vec::new(),
            groups: BTreeMap::new(),
            resources: BTreeMap::new(),
            resource_types: Vec::new(),
            networks: BTreeMap::new(),
            net_interfaces: BTreeMap::new(),
            quorum_resource: None,
            group_names: NameIndex::default(),
            group_guids: NameIndex::default(),
            resource_names: NameIndex::default(),
            network_names: NameIndex::default(),
            net_interface_names: NameIndex::default(),
            next_object: 1,
            guid_state: seed,
        }
    }

    fn next_id(&mut self) -> ObjectId {
        let id = ObjectId(self.next_object);
        self.next_object += 1;
        id
    }

    /// A fresh GUID string (lower case, as cluster ids print), from the cluster's seeded
    /// sequence (splitmix64), so that runs are reproducible.
    pub fn fresh_guid(&mut self) -> String {
        let mut next = || {
            self.guid_state = self.guid_state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.guid_state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let (a, b) = (next(), next());
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

    /// The node with this NetBIOS name, ignoring case.
    pub fn node_by_name(&self, name: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| eq_ignore_case(&n.name, name))
    }

    /// The node with this id.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The node with this id, mutably.
    pub fn node_mut(&mut self, id: NodeId) -> Option<&mut Node> {
        self.nodes.iter_mut().find(|n| n.id == id)
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

    /// Resources that depend directly on `resource` (`CLUSTER_RESOURCE_ENUM_PROVIDES`).
    pub fn dependents_of(&self, resource: ObjectId) -> impl Iterator<Item = &Resource> {
        self.resources.values().filter(move |r| r.dependencies.contains(&resource))
    }

    // ---- construction -----------------------------------------------------------------

    /// Adds a node. `id` defaults to one past the highest id.
    ///
    /// # Errors
    /// `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate name or id; `ERROR_INVALID_NAME` for an
    /// empty name or id 0.
    pub fn add_node(&mut self, name: &str, id: Option<NodeId>, state: NodeState) -> Result<NodeId> {
        let id = id.unwrap_or_else(|| self.nodes.iter().map(|n| n.id).max().unwrap_or(0) + 1);
        if name.is_empty() || id == 0 {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if self.node_by_name(name).is_some() || self.node(id).is_some() {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        self.nodes.push(Node { id, name: name.into(), state });
        self.nodes.sort_by_key(|n| n.id);
        Ok(id)
    }

    /// Installs a resource type.
    ///
    /// # Errors
    /// `ERROR_ALREADY_EXISTS` if a type of that name is installed; `ERROR_INVALID_NAME` if
    /// the name is empty.
    pub fn add_resource_type(&mut self, rt: ResourceType) -> Result<()> {
        if rt.name.is_empty() {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if self.resource_type(&rt.name).is_some() {
            return Err(Error::new(codes::ERROR_ALREADY_EXISTS));
        }
        self.resource_types.push(rt);
        Ok(())
    }

    /// Adds an empty, offline group owned by `owner` (MS-CMRP ApiCreateGroup 3.1.4.2.43: new
    /// groups are empty, offline, with no preferred owners and a fresh GUID).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` when the name
    /// equals another group's name or id; `ERROR_CLUSTER_NODE_NOT_FOUND` for an unknown owner.
    pub fn add_group(&mut self, name: &str, owner: NodeId) -> Result<ObjectId> {
        if name.is_empty() {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if self.find_group(name).is_some() {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        if self.node(owner).is_none() {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND));
        }
        let id = self.next_id();
        let guid = self.fresh_guid();
        self.group_names.insert(name, id);
        self.group_guids.insert(&guid, id);
        self.groups.insert(
            id,
            Group {
                id,
                guid,
                name: name.into(),
                owner,
                preferred_owners: Vec::new(),
                persistent_online: false,
                group_type: 9999,
                core: false,
                resources: Vec::new(),
            },
        );
        Ok(id)
    }

    /// Adds an offline resource of an installed type to `group`, possible on every node
    /// (MS-CMRP ApiCreateResource 3.1.4.2.10).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate
    /// name; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` for a type that is not installed;
    /// `ERROR_GROUP_NOT_AVAILABLE` if the group is gone.
    pub fn add_resource(&mut self, group: ObjectId, name: &str, resource_type: &str) -> Result<ObjectId> {
        if name.is_empty() {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if !self.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        if self.find_resource(name).is_some() {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        let resource_type = match self.resource_type(resource_type) {
            Some(t) => t.name.clone(),
            None => return Err(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND)),
        };
        let id = self.next_id();
        let guid = self.fresh_guid();
        self.resource_names.insert(name, id);
        self.resources.insert(
            id,
            Resource {
                id,
                guid,
                name: name.into(),
                resource_type,
                group,
                possible_owners: self.nodes.iter().map(|n| n.id).collect(),
                dependencies: Vec::new(),
                state: ResourceState::Offline,
                persistent_online: false,
                core: false,
            },
        );
        self.groups.get_mut(&group).expect("checked above").resources.push(id);
        Ok(id)
    }

    /// Whether `provider` is reachable from `from` through dependencies.
    fn depends_transitively(&self, from: ObjectId, provider: ObjectId) -> bool {
        let mut stack = vec![from];
        let mut seen = Vec::new();
        while let Some(r) = stack.pop() {
            if r == provider {
                return true;
            }
            if !seen.contains(&r) {
                seen.push(r);
                stack.extend(self.resources[&r].dependencies.iter().copied());
            }
        }
        false
    }

    /// Makes `dependent` depend on `provider`.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` if either is gone; `ERROR_INVALID_PARAMETER` when they
    /// are in different groups (AddClusterResourceDependency page);
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS`; `ERROR_CIRCULAR_DEPENDENCY` when the provider
    /// already depends on the dependent, or they are the same resource (same page).
    pub fn add_dependency(&mut self, dependent: ObjectId, provider: ObjectId) -> Result<()> {
        let (Some(d), Some(p)) = (self.resources.get(&dependent), self.resources.get(&provider)) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        if dependent == provider {
            return Err(Error::new(codes::ERROR_CIRCULAR_DEPENDENCY));
        }
        if d.group != p.group {
            return Err(Error::INVALID_PARAMETER);
        }
        if d.dependencies.contains(&provider) {
            return Err(Error::new(codes::ERROR_DEPENDENCY_ALREADY_EXISTS));
        }
        if self.depends_transitively(provider, dependent) {
            return Err(Error::new(codes::ERROR_CIRCULAR_DEPENDENCY));
        }
        self.resources.get_mut(&dependent).expect("checked above").dependencies.push(provider);
        Ok(())
    }

    /// Adds a network.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate.
    pub fn add_network(&mut self, name: &str, address: &str, address_mask: &str) -> Result<ObjectId> {
        if name.is_empty() {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if self.find_network(name).is_some() {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        let id = self.next_id();
        let guid = self.fresh_guid();
        self.network_names.insert(name, id);
        self.networks.insert(
            id,
            Network {
                id,
                guid,
                name: name.into(),
                address: address.into(),
                address_mask: address_mask.into(),
                state: NetworkState::Up,
            },
        );
        Ok(id)
    }

    /// Adds `node`'s interface on `network`, named `"<node> - <adapter>"` as Windows names them.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND`, `ERROR_CLUSTER_NETWORK_NOT_FOUND` for unknown ends;
    /// `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate name.
    pub fn add_net_interface(
        &mut self,
        node: NodeId,
        network: ObjectId,
        adapter: &str,
        address: &str,
    ) -> Result<ObjectId> {
        let node_name = match self.node(node) {
            Some(n) => n.name.clone(),
            None => return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND)),
        };
        if !self.networks.contains_key(&network) {
            return Err(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND));
        }
        let name = format!("{node_name} - {adapter}");
        if self.find_net_interface(&name).is_some() {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        let id = self.next_id();
        let guid = self.fresh_guid();
        self.net_interface_names.insert(&name, id);
        self.net_interfaces.insert(
            id,
            NetInterface {
                id,
                guid,
                name,
                node,
                network,
                adapter: adapter.into(),
                address: address.into(),
                state: NetInterfaceState::Up,
            },
        );
        Ok(id)
    }
}
