//! [`Change`]: one planned change to a cluster, and the one writer that applies it.
//!
//! A change is a plain value, produced by a planner ([`plan`](super::plan)) that checked every
//! rule against the current state, so applying it cannot fail. [`Cluster::apply`] is the only
//! code that writes a cluster's fields; it also keeps the name indexes current (a rename moves
//! the name). The engine's commit path is the one caller for a live world, and the place where
//! the invariant check (and later notifications and the trace of changes) hooks in.

use crate::property::Value;
use crate::property::schema::{self, Def, HasProperties};

use super::{
    Cluster, ClusterVersion, FailoverPolicy, Group, GroupSet, NetInterface, NetInterfaceState, Network,
    NetworkState, Node, NodeId, NodeState, ObjectId, Resource, ResourceState, ResourceType, RestartPolicy,
};

/// One change to one cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A node joins.
    AddNode(Node),
    /// A resource type is installed.
    AddResourceType(ResourceType),
    /// A new, empty group (its id is the cluster's next id).
    AddGroup(Group),
    /// A new resource (its id is the cluster's next id), appended to its group.
    AddResource(Resource),
    /// `dependent` now depends on `provider`.
    AddDependency {
        /// The dependent resource.
        dependent: ObjectId,
        /// Its new provider.
        provider: ObjectId,
    },
    /// `dependent` no longer depends on `provider`.
    RemoveDependency {
        /// The dependent resource.
        dependent: ObjectId,
        /// The provider it drops.
        provider: ObjectId,
    },
    /// A resource's whole dependency list (SetClusterResourceDependencyExpression).
    SetDependencies {
        /// The dependent resource.
        resource: ObjectId,
        /// Its providers, in order.
        providers: Vec<ObjectId>,
    },
    /// A resource is deleted: it leaves its group, the name index and the quorum. Planned only
    /// for a resource nothing depends on (by the end of the commit).
    RemoveResource(ObjectId),
    /// A resource's dependency expression: all its providers, and its OR-sets (each of two or
    /// more of those providers).
    SetDependencyExpression {
        /// The resource.
        resource: ObjectId,
        /// Every provider.
        providers: Vec<ObjectId>,
        /// The OR-sets.
        alternatives: Vec<Vec<ObjectId>>,
    },
    /// An empty group is deleted.
    RemoveGroup(ObjectId),
    /// A resource's possible owners.
    SetPossibleOwners {
        /// The resource.
        resource: ObjectId,
        /// The nodes that can host it.
        owners: Vec<NodeId>,
    },
    /// A group's preferred owners, most preferred first.
    SetPreferredOwners {
        /// The group.
        group: ObjectId,
        /// The nodes, in order.
        owners: Vec<NodeId>,
    },
    /// A resource moves to another group (appended to its list).
    MoveResourceToGroup {
        /// The resource.
        resource: ObjectId,
        /// Its new group.
        group: ObjectId,
    },
    /// A new network (its id is the cluster's next id).
    AddNetwork(Network),
    /// A new net interface (its id is the cluster's next id).
    AddNetInterface(NetInterface),
    /// The cluster's IP addresses.
    SetAddresses(Vec<String>),
    /// What `GetClusterInformation` reports.
    SetVersion(ClusterVersion),
    /// The quorum resource.
    SetQuorum(Option<ObjectId>),
    /// A node's state.
    SetNodeState {
        /// The node.
        node: NodeId,
        /// Its new state.
        state: NodeState,
    },
    /// A node is evicted: it leaves the cluster, every preferred-owner and possible-owner
    /// list, and its net interfaces go with it. The groups it owned were given other owners
    /// first (in the same commit).
    RemoveNode(NodeId),
    /// The cluster's new name (its FQDN keeps its domain).
    RenameCluster(String),
    /// Where the quorum files live and the quorum type (`SetClusterQuorumResource`).
    SetQuorumConfig {
        /// The device name.
        device: String,
        /// The quorum type (`dwMaxQuoLogSize`).
        log_size: u32,
    },
    /// A network's state.
    SetNetworkState {
        /// The network.
        network: ObjectId,
        /// Its new state.
        state: NetworkState,
    },
    /// A net interface's state.
    SetNetInterfaceState {
        /// The net interface.
        net_interface: ObjectId,
        /// Its new state.
        state: NetInterfaceState,
    },
    /// A resource's state.
    SetResourceState {
        /// The resource.
        resource: ObjectId,
        /// Its new state.
        state: ResourceState,
    },
    /// A resource's persistent state, its core flag and its possible owners.
    SetResourcePolicy {
        /// The resource.
        resource: ObjectId,
        /// Whether it should be online.
        persistent_online: bool,
        /// Whether it is a core resource.
        core: bool,
        /// The nodes that can host it.
        possible_owners: Vec<NodeId>,
    },
    /// A group's owner node.
    SetGroupOwner {
        /// The group.
        group: ObjectId,
        /// Its new owner.
        owner: NodeId,
    },
    /// A group's persistent state, type, core flag and preferred owners.
    SetGroupPolicy {
        /// The group.
        group: ObjectId,
        /// Whether it should be online.
        persistent_online: bool,
        /// `CLUSGROUP_TYPE`.
        group_type: u32,
        /// Whether it is a core group.
        core: bool,
        /// Preferred owners, in order.
        preferred_owners: Vec<NodeId>,
    },
    /// Whether a resource should be online (what OnlineClusterResource and
    /// OfflineClusterResource record, unless told not to).
    SetResourcePersistent {
        /// The resource.
        resource: ObjectId,
        /// Whether it should be online.
        online: bool,
    },
    /// Whether a group should be online.
    SetGroupPersistent {
        /// The group.
        group: ObjectId,
        /// Whether it should be online.
        online: bool,
    },
    /// A resource's restart policy.
    SetRestartPolicy {
        /// The resource.
        resource: ObjectId,
        /// Its new policy.
        policy: RestartPolicy,
    },
    /// A group's failover policy.
    SetFailoverPolicy {
        /// The group.
        group: ObjectId,
        /// Its new policy.
        policy: FailoverPolicy,
    },
    /// A resource's own online and offline delays (`None`: its type's).
    SetResourceDelays {
        /// The resource.
        resource: ObjectId,
        /// Virtual milliseconds to come online.
        online_ms: Option<u32>,
        /// Virtual milliseconds to go offline.
        offline_ms: Option<u32>,
    },
    /// A resource type's online and offline delays.
    SetTypeDelays {
        /// The type's name (as installed).
        resource_type: String,
        /// Virtual milliseconds to come online.
        online_ms: u32,
        /// Virtual milliseconds to go offline.
        offline_ms: u32,
    },
    /// A group's new name.
    RenameGroup {
        /// The group.
        group: ObjectId,
        /// Its new name.
        name: String,
    },
    /// A resource's new name.
    RenameResource {
        /// The resource.
        resource: ObjectId,
        /// Its new name.
        name: String,
    },
    /// Property values of one object (SET_COMMON_PROPERTIES, SET_PRIVATE_PROPERTIES): each
    /// common one to its typed field or its stored value (`crate::property`'s schema says
    /// which), each private one to the object's private properties.
    SetProperties {
        /// The object.
        owner: PropertyOwner,
        /// Common properties, by their schema names, each checked against the schema.
        common: Vec<(String, Value)>,
        /// Private properties.
        private: Vec<(String, Value)>,
    },
    /// A plain key of the cluster registry and its values, as a fixture seeds it (the
    /// simulator's registry creates it when it is built; `crate::registry`). The path is
    /// relative to the root and names no object collection.
    SeedRegistryKey {
        /// The key's path (`Software\Contoso`).
        path: String,
        /// Its values.
        values: Vec<(String, Value)>,
    },
    /// Private properties removed from one object (a `ClusterRegDeleteValue` under its
    /// `Parameters` key). A name that is not stored is no error.
    RemovePrivateProperties {
        /// The object.
        owner: PropertyOwner,
        /// The names, ignoring case.
        names: Vec<String>,
    },
    /// A new, empty group set (its id is the cluster's next id).
    AddGroupSet(GroupSet),
    /// An empty group set is deleted; the other sets' dependencies on it go with it.
    RemoveGroupSet(ObjectId),
    /// A group joins a group set (leaving the one it was in), or leaves its set (`None`).
    SetGroupSetOfGroup {
        /// The group.
        group: ObjectId,
        /// Its set from now on.
        set: Option<ObjectId>,
    },
    /// A group set's whole provider list (its dependencies on other group sets).
    SetGroupSetProviders {
        /// The dependent group set.
        set: ObjectId,
        /// The group sets it depends on, in order.
        providers: Vec<ObjectId>,
    },
    /// The group set a group depends on, or none.
    SetGroupProviderSet {
        /// The dependent group.
        group: ObjectId,
        /// The group set it depends on from now on.
        set: Option<ObjectId>,
    },
}

/// An object that has properties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PropertyOwner {
    /// The cluster itself.
    Cluster,
    /// A node.
    Node(NodeId),
    /// A group.
    Group(ObjectId),
    /// A resource.
    Resource(ObjectId),
    /// A resource type, by its installed name.
    ResourceType(String),
    /// A network.
    Network(ObjectId),
    /// A net interface.
    NetInterface(ObjectId),
    /// A group set.
    GroupSet(ObjectId),
}

/// Writes planned property values into `object` (common ones through `table`).
fn set_properties<O: HasProperties>(
    object: &mut O,
    table: &'static [Def<O>],
    common: Vec<(String, Value)>,
    private: Vec<(String, Value)>,
) {
    for (name, value) in common {
        let def = schema::find(table, &name).expect(PLANNED);
        schema::store(object, def, value);
    }
    for (name, value) in private {
        object.private_mut().set(&name, value);
    }
}

fn remove_private<O: HasProperties>(object: &mut O, names: &[String]) {
    for name in names {
        object.private_mut().remove(name);
    }
}

const PLANNED: &str = "a change is planned against the state it is applied to";

impl Cluster {
    /// Applies a planned change. The one writer of a cluster's fields.
    ///
    /// # Panics
    /// If the change was not planned against this cluster's current state (an object it
    /// names is missing): a bug in a planner, never a user error.
    pub(super) fn apply(&mut self, change: Change) {
        match change {
            Change::AddNode(node) => {
                let at = self.nodes.partition_point(|n| n.id < node.id);
                self.nodes.insert(at, node);
            }
            Change::AddResourceType(rt) => {
                self.resource_types.push(rt);
            }
            Change::AddGroup(group) => {
                self.take_id(group.id);
                self.group_names.insert(&group.name, group.id);
                self.group_guids.insert(&group.guid, group.id);
                self.groups.insert(group.id, group);
            }
            Change::AddResource(resource) => {
                self.take_id(resource.id);
                self.resource_names.insert(&resource.name, resource.id);
                for &p in &resource.dependencies {
                    self.index_dependency(resource.id, p);
                }
                self.groups.get_mut(&resource.group).expect(PLANNED).resources.push(resource.id);
                self.resources.insert(resource.id, resource);
            }
            Change::AddDependency { dependent, provider } => {
                self.resources.get_mut(&dependent).expect(PLANNED).dependencies.push(provider);
                self.index_dependency(dependent, provider);
            }
            Change::RemoveDependency { dependent, provider } => {
                let r = self.resources.get_mut(&dependent).expect(PLANNED);
                r.dependencies.retain(|&p| p != provider);
                // An OR-set left with one provider makes it a provider needed on its own.
                for set in &mut r.alternatives {
                    set.retain(|&p| p != provider);
                }
                r.alternatives.retain(|set| set.len() > 1);
                self.unindex_dependency(dependent, provider);
            }
            Change::SetDependencyExpression { resource, providers, alternatives } => {
                self.apply(Change::SetDependencies { resource, providers });
                self.resources.get_mut(&resource).expect(PLANNED).alternatives = alternatives;
            }
            Change::SetDependencies { resource, providers } => {
                self.resources.get_mut(&resource).expect(PLANNED).alternatives.clear();
                let old = std::mem::replace(
                    &mut self.resources.get_mut(&resource).expect(PLANNED).dependencies,
                    providers,
                );
                for p in old {
                    self.unindex_dependency(resource, p);
                }
                for p in self.resources[&resource].dependencies.clone() {
                    self.index_dependency(resource, p);
                }
            }
            Change::RemoveResource(resource) => {
                let r = self.resources.remove(&resource).expect(PLANNED);
                self.resource_names.remove(&r.name);
                for &p in &r.dependencies {
                    self.unindex_dependency(resource, p);
                }
                self.dependents.remove(&resource);
                if let Some(g) = self.groups.get_mut(&r.group) {
                    g.resources.retain(|&x| x != resource);
                }
                if self.quorum_resource == Some(resource) {
                    self.quorum_resource = None;
                }
            }
            Change::RemoveGroup(group) => {
                let g = self.groups.remove(&group).expect(PLANNED);
                self.group_names.remove(&g.name);
                self.group_guids.remove(&g.guid);
                for set in self.group_sets.values_mut() {
                    set.groups.retain(|&x| x != group);
                    set.dependent_groups.retain(|&x| x != group);
                }
            }
            Change::AddGroupSet(set) => {
                self.take_id(set.id);
                self.group_set_names.insert(&set.name, set.id);
                self.group_sets.insert(set.id, set);
            }
            Change::RemoveGroupSet(id) => {
                let set = self.group_sets.remove(&id).expect(PLANNED);
                self.group_set_names.remove(&set.name);
                for other in self.group_sets.values_mut() {
                    other.providers.retain(|&x| x != id);
                }
            }
            Change::SetGroupSetOfGroup { group, set } => {
                for s in self.group_sets.values_mut() {
                    s.groups.retain(|&x| x != group);
                }
                if let Some(set) = set {
                    self.group_sets.get_mut(&set).expect(PLANNED).groups.push(group);
                }
            }
            Change::SetGroupSetProviders { set, providers } => {
                self.group_sets.get_mut(&set).expect(PLANNED).providers = providers;
            }
            Change::SetGroupProviderSet { group, set } => {
                for s in self.group_sets.values_mut() {
                    s.dependent_groups.retain(|&x| x != group);
                }
                if let Some(set) = set {
                    self.group_sets.get_mut(&set).expect(PLANNED).dependent_groups.push(group);
                }
            }
            Change::SetPossibleOwners { resource, owners } => {
                self.resources.get_mut(&resource).expect(PLANNED).possible_owners = owners;
            }
            Change::SetPreferredOwners { group, owners } => {
                self.groups.get_mut(&group).expect(PLANNED).preferred_owners = owners;
            }
            Change::MoveResourceToGroup { resource, group } => {
                let r = self.resources.get_mut(&resource).expect(PLANNED);
                let from = std::mem::replace(&mut r.group, group);
                self.groups.get_mut(&from).expect(PLANNED).resources.retain(|&x| x != resource);
                self.groups.get_mut(&group).expect(PLANNED).resources.push(resource);
            }
            Change::AddNetwork(network) => {
                self.take_id(network.id);
                self.network_names.insert(&network.name, network.id);
                self.networks.insert(network.id, network);
            }
            Change::AddNetInterface(ni) => {
                self.take_id(ni.id);
                self.net_interface_names.insert(&ni.name, ni.id);
                self.net_interfaces.insert(ni.id, ni);
            }
            Change::SetAddresses(addresses) => self.addresses = addresses,
            Change::SeedRegistryKey { path, values } => self.registry_seed.push((path, values)),
            Change::SetVersion(version) => self.version = version,
            Change::SetQuorum(quorum) => self.quorum_resource = quorum,
            Change::SetNodeState { node, state } => {
                self.nodes.iter_mut().find(|n| n.id == node).expect(PLANNED).state = state;
            }
            Change::RemoveNode(node) => {
                self.nodes.retain(|n| n.id != node);
                for g in self.groups.values_mut() {
                    g.preferred_owners.retain(|&n| n != node);
                }
                for r in self.resources.values_mut() {
                    r.possible_owners.retain(|&n| n != node);
                }
                let gone: Vec<ObjectId> =
                    self.net_interfaces.values().filter(|i| i.node == node).map(|i| i.id).collect();
                for id in gone {
                    if let Some(ni) = self.net_interfaces.remove(&id) {
                        self.net_interface_names.remove(&ni.name);
                    }
                }
            }
            Change::RenameCluster(name) => {
                self.fqdn = match self.fqdn.split_once('.') {
                    Some((_, domain)) => format!("{name}.{domain}"),
                    None => name.clone(),
                };
                self.name = name;
            }
            Change::SetQuorumConfig { device, log_size } => {
                self.quorum_device = device;
                self.quorum_log_size = log_size;
            }
            Change::SetNetworkState { network, state } => {
                self.networks.get_mut(&network).expect(PLANNED).state = state;
            }
            Change::SetNetInterfaceState { net_interface, state } => {
                self.net_interfaces.get_mut(&net_interface).expect(PLANNED).state = state;
            }
            Change::SetResourceState { resource, state } => {
                self.resources.get_mut(&resource).expect(PLANNED).state = state;
            }
            Change::SetResourcePolicy { resource, persistent_online, core, possible_owners } => {
                let r = self.resources.get_mut(&resource).expect(PLANNED);
                r.persistent_online = persistent_online;
                r.core = core;
                r.possible_owners = possible_owners;
            }
            Change::SetGroupOwner { group, owner } => {
                self.groups.get_mut(&group).expect(PLANNED).owner = owner;
            }
            Change::SetGroupPolicy { group, persistent_online, group_type, core, preferred_owners } => {
                let g = self.groups.get_mut(&group).expect(PLANNED);
                g.persistent_online = persistent_online;
                g.group_type = group_type;
                g.core = core;
                g.preferred_owners = preferred_owners;
            }
            Change::SetResourcePersistent { resource, online } => {
                self.resources.get_mut(&resource).expect(PLANNED).persistent_online = online;
            }
            Change::SetGroupPersistent { group, online } => {
                self.groups.get_mut(&group).expect(PLANNED).persistent_online = online;
            }
            Change::SetRestartPolicy { resource, policy } => {
                self.resources.get_mut(&resource).expect(PLANNED).restart = policy;
            }
            Change::SetFailoverPolicy { group, policy } => {
                self.groups.get_mut(&group).expect(PLANNED).failover = policy;
            }
            Change::SetResourceDelays { resource, online_ms, offline_ms } => {
                let r = self.resources.get_mut(&resource).expect(PLANNED);
                r.online_delay_ms = online_ms;
                r.offline_delay_ms = offline_ms;
            }
            Change::SetTypeDelays { resource_type, online_ms, offline_ms } => {
                let t = self.resource_types.iter_mut().find(|t| t.name == resource_type).expect(PLANNED);
                t.online_delay_ms = online_ms;
                t.offline_delay_ms = offline_ms;
            }
            Change::RenameGroup { group, name } => {
                let g = self.groups.get_mut(&group).expect(PLANNED);
                self.group_names.remove(&g.name);
                self.group_names.insert(&name, group);
                g.name = name;
            }
            Change::RenameResource { resource, name } => {
                let r = self.resources.get_mut(&resource).expect(PLANNED);
                self.resource_names.remove(&r.name);
                self.resource_names.insert(&name, resource);
                r.name = name;
            }
            Change::SetProperties { owner, common, private } => {
                use PropertyOwner as P;
                match owner {
                    P::Cluster => set_properties(self, schema::CLUSTER, common, private),
                    P::Node(id) => {
                        let n = self.nodes.iter_mut().find(|n| n.id == id).expect(PLANNED);
                        set_properties(n, schema::NODE, common, private);
                    }
                    P::Group(id) => set_properties(
                        self.groups.get_mut(&id).expect(PLANNED),
                        schema::GROUP,
                        common,
                        private,
                    ),
                    P::Resource(id) => {
                        let r = self.resources.get_mut(&id).expect(PLANNED);
                        set_properties(r, schema::RESOURCE, common, private);
                    }
                    P::ResourceType(name) => {
                        let t = self
                            .resource_types
                            .iter_mut()
                            .find(|t| super::eq_ignore_case(&t.name, &name))
                            .expect(PLANNED);
                        set_properties(t, schema::RESOURCE_TYPE, common, private);
                    }
                    P::Network(id) => {
                        let n = self.networks.get_mut(&id).expect(PLANNED);
                        set_properties(n, schema::NETWORK, common, private);
                    }
                    P::NetInterface(id) => {
                        let i = self.net_interfaces.get_mut(&id).expect(PLANNED);
                        set_properties(i, schema::NET_INTERFACE, common, private);
                    }
                    P::GroupSet(id) => {
                        let s = self.group_sets.get_mut(&id).expect(PLANNED);
                        set_properties(s, schema::GROUP_SET, common, private);
                    }
                }
            }
            Change::RemovePrivateProperties { owner, names } => {
                use PropertyOwner as P;
                match owner {
                    P::Cluster => remove_private(self, &names),
                    P::Node(id) => {
                        remove_private(self.nodes.iter_mut().find(|n| n.id == id).expect(PLANNED), &names)
                    }
                    P::Group(id) => remove_private(self.groups.get_mut(&id).expect(PLANNED), &names),
                    P::Resource(id) => remove_private(self.resources.get_mut(&id).expect(PLANNED), &names),
                    P::ResourceType(name) => remove_private(
                        self.resource_types
                            .iter_mut()
                            .find(|t| super::eq_ignore_case(&t.name, &name))
                            .expect(PLANNED),
                        &names,
                    ),
                    P::Network(id) => remove_private(self.networks.get_mut(&id).expect(PLANNED), &names),
                    P::NetInterface(id) => {
                        remove_private(self.net_interfaces.get_mut(&id).expect(PLANNED), &names)
                    }
                    P::GroupSet(id) => remove_private(self.group_sets.get_mut(&id).expect(PLANNED), &names),
                }
            }
        }
    }

    /// Consumes the id of a new object, which its planner took from [`Cluster::id_after`].
    fn take_id(&mut self, id: ObjectId) {
        debug_assert!(id.0 >= self.next_object, "{PLANNED}: id {id:?} was already issued");
        self.next_object = id.0 + 1;
    }
}
