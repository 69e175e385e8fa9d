//! [`ClusterBuilder`]: a cluster built in code, through the same planners and the same writer
//! as every other change.

use super::{
    Change, Cluster, ClusterVersion, FailoverPolicy, NetInterfaceState, NetworkState, NodeId, NodeState,
    ObjectId, ResourceState, ResourceType, RestartPolicy,
};
use crate::error::{Error, Result, codes};
use crate::property::Value;
use crate::property::schema::{self, Refusal};
use crate::world::PropertyOwner;

/// Builds a [`Cluster`] in code: each method plans its change (so it fails with the code the
/// ClusAPI call would, and changes nothing) and applies it. [`build`](Self::build) hands the
/// cluster over; [`World::new`](super::World::new) checks the invariants of the whole world.
///
/// ```
/// use clusapi_sim::world::{ClusterBuilder, NodeState, ResourceState, ResourceType, World};
/// use clusapi_sim::{Sim, GroupState};
///
/// let mut lab = ClusterBuilder::new("LAB", "lab.example.com", 1);
/// let n1 = lab.add_node("LAB-N1", None, NodeState::Up)?;
/// lab.add_resource_type(ResourceType::new("IP Address", "clusres.dll", 2, 0))?;
/// let web = lab.add_group("Web", n1)?;
/// let ip = lab.add_resource(web, "Web IP", "ip address")?; // type names ignore case
/// lab.set_resource_state(ip, ResourceState::Online)?;
/// let sim = Sim::builder().world(World::new(vec![lab.build()], 0)?).build();
///
/// let cluster = sim.open_cluster(None)?;
/// let group = sim.open_group(cluster, "web")?;
/// assert_eq!(sim.group_state(group)?.state, GroupState::Online);
/// sim.close_cluster(cluster);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ClusterBuilder {
    cluster: Cluster,
}

impl From<Cluster> for ClusterBuilder {
    /// Goes on building an existing cluster, e.g. one a fixture made.
    fn from(cluster: Cluster) -> ClusterBuilder {
        ClusterBuilder { cluster }
    }
}

impl ClusterBuilder {
    /// An empty cluster named `name` (its NetBIOS name) with DNS name `fqdn`. `seed` makes the
    /// GUIDs of its objects reproducible.
    pub fn new(name: &str, fqdn: &str, seed: u64) -> ClusterBuilder {
        ClusterBuilder { cluster: Cluster::new(name, fqdn, seed) }
    }

    /// The cluster so far.
    pub fn cluster(&self) -> &Cluster {
        &self.cluster
    }

    /// The finished cluster.
    pub fn build(self) -> Cluster {
        self.cluster
    }

    fn commit(&mut self, change: Change) {
        self.cluster.apply(change);
    }

    fn commit_new(&mut self, change: Change) -> ObjectId {
        let id = self.cluster.id_after(0);
        self.commit(change);
        id
    }

    /// Sets what `GetClusterInformation` reports (default: Windows Server 2022).
    pub fn set_version(&mut self, version: ClusterVersion) -> &mut Self {
        self.commit(Change::SetVersion(version));
        self
    }

    /// Seeds a plain key of the cluster registry with `values` (each stored with the registry
    /// type of its property format: `crate::sim`'s registry docs), creating the keys on the
    /// way; values of a key seeded twice accumulate, the last one of a name wins.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for a malformed path (a leading `\`, an empty
    /// component, a name over 255 units), a path into an object collection (`Resources`,
    /// `Groups`, `Nodes`, `Networks`, `NetworkInterfaces`, `ResourceTypes`: their keys are the
    /// objects' properties), or a value name over 16,383 units.
    pub fn add_registry_key(
        &mut self,
        path: &str,
        values: impl IntoIterator<Item = (String, Value)>,
    ) -> Result<&mut Self> {
        let parts = crate::registry::split_path(path)?;
        let collection = parts.first().is_some_and(|first| {
            crate::registry::COLLECTIONS.iter().any(|c| super::eq_ignore_case(c, first))
        });
        if collection {
            return Err(Error::INVALID_PARAMETER);
        }
        let values: Vec<(String, Value)> = values.into_iter().collect();
        for (name, _) in &values {
            crate::registry::check_name(name)?;
        }
        self.commit(Change::SeedRegistryKey { path: path.to_owned(), values });
        Ok(self)
    }

    /// Sets the cluster's IP addresses, which `OpenCluster` also takes.
    pub fn set_addresses(&mut self, addresses: impl IntoIterator<Item = impl Into<String>>) -> &mut Self {
        self.commit(Change::SetAddresses(addresses.into_iter().map(Into::into).collect()));
        self
    }

    /// Adds a node; `id` defaults to one past the highest id.
    ///
    /// # Errors
    /// `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate name or id; `ERROR_INVALID_NAME` for an
    /// empty name or id 0.
    pub fn add_node(&mut self, name: &str, id: Option<NodeId>, state: NodeState) -> Result<NodeId> {
        let change = self.cluster.plan_add_node(name, id, state)?;
        let Change::AddNode(node) = &change else { unreachable!("plan_add_node plans AddNode") };
        let id = node.id;
        self.commit(change);
        Ok(id)
    }

    /// Installs a resource type.
    ///
    /// # Errors
    /// `ERROR_ALREADY_EXISTS` if a type of that name is installed; `ERROR_INVALID_NAME` if the
    /// name is empty.
    pub fn add_resource_type(&mut self, rt: ResourceType) -> Result<()> {
        let change = self.cluster.plan_add_resource_type(rt)?;
        self.commit(change);
        Ok(())
    }

    /// Adds an empty, offline group owned by `owner`.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` when the name
    /// equals another group's name or id; `ERROR_CLUSTER_NODE_NOT_FOUND` for an unknown owner.
    pub fn add_group(&mut self, name: &str, owner: NodeId) -> Result<ObjectId> {
        let change = self.cluster.plan_add_group(name, owner)?;
        Ok(self.commit_new(change))
    }

    /// Adds an offline resource of an installed type to `group`, possible on every node.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate
    /// name; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` for a type that is not installed;
    /// `ERROR_GROUP_NOT_AVAILABLE` for an unknown group.
    pub fn add_resource(&mut self, group: ObjectId, name: &str, resource_type: &str) -> Result<ObjectId> {
        let change = self.cluster.plan_add_resource(group, name, resource_type)?;
        Ok(self.commit_new(change))
    }

    /// Makes `dependent` depend on `provider`.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` if either is unknown; `ERROR_INVALID_PARAMETER` when they
    /// are in different groups; `ERROR_DEPENDENCY_ALREADY_EXISTS`; `ERROR_CIRCULAR_DEPENDENCY`
    /// for the same resource or a cycle (AddClusterResourceDependency page).
    pub fn add_dependency(&mut self, dependent: ObjectId, provider: ObjectId) -> Result<()> {
        let change = self.cluster.plan_add_dependency(dependent, provider)?;
        self.commit(change);
        Ok(())
    }

    /// Adds a network.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate.
    pub fn add_network(&mut self, name: &str, address: &str, address_mask: &str) -> Result<ObjectId> {
        let change = self.cluster.plan_add_network(name, address, address_mask)?;
        Ok(self.commit_new(change))
    }

    /// Adds a group set holding `groups`, in order.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for the name of
    /// another group set; `ERROR_GROUP_NOT_AVAILABLE` for an unknown group;
    /// `ERROR_INVALID_STATE` for a group that is in a set already.
    pub fn add_group_set(&mut self, name: &str, groups: &[ObjectId]) -> Result<ObjectId> {
        let change = self.cluster.plan_create_group_set(name)?;
        let set = self.commit_new(change);
        for &group in groups {
            let change = self.cluster.plan_add_group_to_set(set, group)?;
            self.commit(change);
        }
        Ok(set)
    }

    /// Makes group set `set` depend on group set `provider`.
    ///
    /// # Errors
    /// As `AddClusterGroupSetDependency`: `ERROR_GROUPSET_NOT_AVAILABLE` for an unknown set,
    /// `ERROR_INVALID_PARAMETER` for a cycle or an empty set, `ERROR_DEPENDENCY_ALREADY_EXISTS`.
    pub fn add_group_set_dependency(&mut self, set: ObjectId, provider: ObjectId) -> Result<()> {
        let change = self.cluster.plan_add_group_set_dependency(set, provider)?;
        self.commit(change);
        Ok(())
    }

    /// Adds `node`'s interface on `network`, named `"<node> - <adapter>"`.
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
        let change = self.cluster.plan_add_net_interface(node, network, adapter, address)?;
        Ok(self.commit_new(change))
    }

    /// Sets a resource's state. The invariants (online providers, among them) are checked by
    /// [`World::new`](super::World::new), once the cluster is complete.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` for an unknown resource.
    pub fn set_resource_state(&mut self, resource: ObjectId, state: ResourceState) -> Result<&mut Self> {
        self.resource(resource)?;
        self.commit(Change::SetResourceState { resource, state });
        Ok(self)
    }

    /// Sets a resource's persistent state, core flag and possible owners.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` for an unknown resource; `ERROR_CLUSTER_NODE_NOT_FOUND`
    /// for an unknown node.
    pub fn set_resource_policy(
        &mut self,
        resource: ObjectId,
        persistent_online: bool,
        core: bool,
        possible_owners: &[NodeId],
    ) -> Result<&mut Self> {
        self.resource(resource)?;
        self.nodes_known(possible_owners)?;
        let possible_owners = possible_owners.to_vec();
        self.commit(Change::SetResourcePolicy { resource, persistent_online, core, possible_owners });
        Ok(self)
    }

    /// Sets a group's persistent state, `CLUSGROUP_TYPE`, core flag and preferred owners.
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE` for an unknown group; `ERROR_CLUSTER_NODE_NOT_FOUND` for an
    /// unknown node.
    pub fn set_group_policy(
        &mut self,
        group: ObjectId,
        persistent_online: bool,
        group_type: u32,
        core: bool,
        preferred_owners: &[NodeId],
    ) -> Result<&mut Self> {
        if !self.cluster.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        self.nodes_known(preferred_owners)?;
        let preferred_owners = preferred_owners.to_vec();
        self.commit(Change::SetGroupPolicy { group, persistent_online, group_type, core, preferred_owners });
        Ok(self)
    }

    /// Sets a network's state.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NETWORK_NOT_FOUND` for an unknown network.
    pub fn set_network_state(&mut self, network: ObjectId, state: NetworkState) -> Result<&mut Self> {
        if !self.cluster.networks.contains_key(&network) {
            return Err(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND));
        }
        self.commit(Change::SetNetworkState { network, state });
        Ok(self)
    }

    /// Sets a net interface's state.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NETINTERFACE_NOT_FOUND` for an unknown net interface.
    pub fn set_net_interface_state(
        &mut self,
        net_interface: ObjectId,
        state: NetInterfaceState,
    ) -> Result<&mut Self> {
        if !self.cluster.net_interfaces.contains_key(&net_interface) {
            return Err(Error::new(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND));
        }
        self.commit(Change::SetNetInterfaceState { net_interface, state });
        Ok(self)
    }

    /// Sets a resource's restart policy (what the engine does when it fails).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` for an unknown resource.
    pub fn set_restart_policy(&mut self, resource: ObjectId, policy: RestartPolicy) -> Result<&mut Self> {
        self.resource(resource)?;
        self.commit(Change::SetRestartPolicy { resource, policy });
        Ok(self)
    }

    /// Sets property values of one object, as a fixture describes them: common ones by their
    /// schema names (`crate::property`), read-only stored ones included, computed ones
    /// (Name, Type...) refused; private ones checked against the resource type's private
    /// schema when it has one, else stored as given.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for an unknown common property or a computed one,
    /// `ERROR_INVALID_DATA` for a value of the wrong format or out of range, the object's
    /// not-found code for an unknown object (see [`PropertyOwner`]).
    pub fn set_properties(
        &mut self,
        owner: PropertyOwner,
        common: impl IntoIterator<Item = (String, Value)>,
        private: impl IntoIterator<Item = (String, Value)>,
    ) -> Result<&mut Self> {
        let c = &self.cluster;
        let type_name = match &owner {
            PropertyOwner::Cluster => None,
            PropertyOwner::Node(n) => {
                c.node(*n).ok_or(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND))?;
                None
            }
            PropertyOwner::Group(g) => {
                c.groups.get(g).ok_or(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE))?;
                None
            }
            PropertyOwner::Resource(r) => Some(
                c.resources
                    .get(r)
                    .ok_or(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE))?
                    .resource_type
                    .clone(),
            ),
            PropertyOwner::ResourceType(t) => {
                c.resource_type(t).ok_or(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND))?;
                None
            }
            PropertyOwner::Network(n) => {
                c.networks.get(n).ok_or(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND))?;
                None
            }
            PropertyOwner::NetInterface(i) => {
                c.net_interfaces.get(i).ok_or(Error::new(codes::ERROR_CLUSTER_NETINTERFACE_NOT_FOUND))?;
                None
            }
            PropertyOwner::GroupSet(s) => {
                c.group_sets.get(s).ok_or(Error::new(codes::ERROR_GROUPSET_NOT_AVAILABLE))?;
                None
            }
        };
        let group_set = matches!(owner, PropertyOwner::GroupSet(_));
        let refused = |r: Refusal| match r {
            Refusal::Unknown | Refusal::Derived => Error::INVALID_PARAMETER,
            Refusal::WrongFormat(_) | Refusal::OutOfRange(..) => Error::new(codes::ERROR_INVALID_DATA),
        };
        let mut checked_common = Vec::new();
        for (name, v) in common {
            let name = schema::check_common_setting(&owner, &name, &v).map_err(refused)?;
            checked_common.push((name.to_owned(), v));
        }
        let mut checked_private = Vec::new();
        for (name, v) in private {
            // Group sets have no private properties.
            if group_set {
                return Err(Error::INVALID_PARAMETER);
            }
            let name = schema::check_private_setting(type_name.as_deref(), &name, &v).map_err(refused)?;
            checked_private.push((name, v));
        }
        if !checked_common.is_empty() || !checked_private.is_empty() {
            self.commit(Change::SetProperties { owner, common: checked_common, private: checked_private });
        }
        Ok(self)
    }

    /// Sets a group's failover policy.
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE` for an unknown group; `ERROR_INVALID_PARAMETER` for a
    /// failback window hour outside 0..=23.
    pub fn set_failover_policy(&mut self, group: ObjectId, policy: FailoverPolicy) -> Result<&mut Self> {
        if !self.cluster.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        let hour = |h: u32| h <= 23 || h == u32::MAX;
        if !hour(policy.failback_window_start) || !hour(policy.failback_window_end) {
            return Err(Error::INVALID_PARAMETER);
        }
        self.commit(Change::SetFailoverPolicy { group, policy });
        Ok(self)
    }

    /// Sets how long (virtual milliseconds) `resource` takes to come online and to go
    /// offline; `None` keeps its type's delay.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` for an unknown resource.
    pub fn set_resource_delays(
        &mut self,
        resource: ObjectId,
        online_ms: Option<u32>,
        offline_ms: Option<u32>,
    ) -> Result<&mut Self> {
        self.resource(resource)?;
        self.commit(Change::SetResourceDelays { resource, online_ms, offline_ms });
        Ok(self)
    }

    /// Sets how long (virtual milliseconds) resources of a type take to come online and to go
    /// offline, unless a resource sets its own.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` for a type that is not installed.
    pub fn set_type_delays(
        &mut self,
        resource_type: &str,
        online_ms: u32,
        offline_ms: u32,
    ) -> Result<&mut Self> {
        let Some(t) = self.cluster.resource_type(resource_type) else {
            return Err(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND));
        };
        let resource_type = t.name.clone();
        self.commit(Change::SetTypeDelays { resource_type, online_ms, offline_ms });
        Ok(self)
    }

    /// Makes `resource` the quorum (witness) resource.
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` for an unknown resource.
    pub fn set_quorum(&mut self, resource: ObjectId) -> Result<&mut Self> {
        self.resource(resource)?;
        self.commit(Change::SetQuorum(Some(resource)));
        Ok(self)
    }

    fn resource(&self, resource: ObjectId) -> Result<()> {
        match self.cluster.resources.contains_key(&resource) {
            true => Ok(()),
            false => Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE)),
        }
    }

    fn nodes_known(&self, nodes: &[NodeId]) -> Result<()> {
        match nodes.iter().all(|&n| self.cluster.node(n).is_some()) {
            true => Ok(()),
            false => Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND)),
        }
    }
}
