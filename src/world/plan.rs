//! Planners: functions over `&Cluster` that check every rule for a change and return it,
//! without changing anything. A plan that returns `Ok` is safe to apply; one that returns an
//! error leaves the cluster as it was, by construction.
//!
//! The errors are the Win32 codes the corresponding ClusAPI calls fail with (each planner
//! cites its page), through [`RuleError::code`] for the shared rules.

use super::rules::{self, NamedKind, RuleError};
use super::{
    Change, Cluster, FailoverPolicy, Group, NetInterface, NetInterfaceState, Network, NetworkState, Node,
    NodeId, NodeState, ObjectId, Resource, ResourceState, ResourceType, RestartPolicy,
};
use crate::error::{Error, Result, codes};

impl Cluster {
    /// Plans a node joining. `id` defaults to one past the highest id.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name or id 0; `ERROR_OBJECT_ALREADY_EXISTS` for a
    /// duplicate name or id.
    pub(crate) fn plan_add_node(&self, name: &str, id: Option<NodeId>, state: NodeState) -> Result<Change> {
        rules::name_is_free(NamedKind::Node, name, self.node_by_name(name).is_some())?;
        let id = match id {
            Some(id) => id,
            None => self
                .nodes
                .iter()
                .map(|n| n.id)
                .max()
                .unwrap_or(0)
                .checked_add(1)
                .ok_or(Error::INVALID_PARAMETER)?,
        };
        if id == 0 {
            return Err(Error::new(codes::ERROR_INVALID_NAME));
        }
        if self.node(id).is_some() {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        Ok(Change::AddNode(Node { id, name: name.into(), state }))
    }

    /// Plans installing a resource type.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_ALREADY_EXISTS` if a type of that name
    /// is installed (MS-CMRP ApiCreateResourceType).
    pub(crate) fn plan_add_resource_type(&self, rt: ResourceType) -> Result<Change> {
        rules::name_is_free(NamedKind::ResourceType, &rt.name, self.resource_type(&rt.name).is_some())?;
        Ok(Change::AddResourceType(rt))
    }

    /// Plans an empty, offline group owned by `owner` (MS-CMRP ApiCreateGroup 3.1.4.2.43: new
    /// groups are empty, offline, with no preferred owners and a fresh GUID).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` when the name
    /// equals another group's name or id; `ERROR_CLUSTER_NODE_NOT_FOUND` for an unknown owner.
    pub(crate) fn plan_add_group(&self, name: &str, owner: NodeId) -> Result<Change> {
        rules::name_is_free(NamedKind::Group, name, self.find_group(name).is_some())?;
        if self.node(owner).is_none() {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND));
        }
        let id = self.id_after(0);
        Ok(Change::AddGroup(Group {
            id,
            guid: self.guid_for(id),
            name: name.into(),
            owner,
            preferred_owners: Vec::new(),
            persistent_online: false,
            group_type: 9999,
            core: false,
            resources: Vec::new(),
            failover: FailoverPolicy::default(),
        }))
    }

    /// Plans an offline resource of an installed type in `group`, possible on every node
    /// (MS-CMRP ApiCreateResource 3.1.4.2.10).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate
    /// name; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND` for a type that is not installed;
    /// `ERROR_GROUP_NOT_AVAILABLE` if the group is gone.
    pub(crate) fn plan_add_resource(
        &self,
        group: ObjectId,
        name: &str,
        resource_type: &str,
    ) -> Result<Change> {
        if name.is_empty() {
            return Err(RuleError::EmptyName { kind: NamedKind::Resource }.into());
        }
        if !self.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        rules::name_is_free(NamedKind::Resource, name, self.resource_names.get(name).is_some())?;
        let resource_type = match self.resource_type(resource_type) {
            Some(t) => t.name.clone(),
            None => return Err(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND)),
        };
        let id = self.id_after(0);
        Ok(Change::AddResource(Resource {
            id,
            guid: self.guid_for(id),
            name: name.into(),
            resource_type,
            group,
            possible_owners: self.nodes.iter().map(|n| n.id).collect(),
            dependencies: Vec::new(),
            state: ResourceState::Offline,
            persistent_online: false,
            core: false,
            restart: RestartPolicy::default(),
            online_delay_ms: None,
            offline_delay_ms: None,
        }))
    }

    /// Plans making `dependent` depend on `provider` (AddClusterResourceDependency page).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` if either is gone; `ERROR_CIRCULAR_DEPENDENCY` for the
    /// same resource or a cycle; `ERROR_INVALID_PARAMETER` when they are in different groups;
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS`.
    pub(crate) fn plan_add_dependency(&self, dependent: ObjectId, provider: ObjectId) -> Result<Change> {
        let (Some(d), Some(p)) = (self.resources.get(&dependent), self.resources.get(&provider)) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        if dependent == provider {
            return Err(RuleError::SelfDependency { resource: d.name.clone() }.into());
        }
        if d.group != p.group {
            return Err(RuleError::CrossGroupDependency {
                dependent: d.name.clone(),
                provider: p.name.clone(),
            }
            .into());
        }
        if d.dependencies.contains(&provider) {
            return Err(RuleError::DuplicateDependency {
                dependent: d.name.clone(),
                provider: p.name.clone(),
            }
            .into());
        }
        // The graph with the new edge appended to the dependent's list.
        let with_edge = |r: ObjectId, i: usize| {
            let deps = &self.resources.get(&r)?.dependencies;
            match deps.get(i) {
                Some(&next) => Some(next),
                None if r == dependent && i == deps.len() => Some(provider),
                None => None,
            }
        };
        if let Some(cycle) = rules::find_cycle([dependent], with_edge) {
            let path = cycle.path.iter().map(|id| self.resources[id].name.clone()).collect();
            return Err(RuleError::DependencyCycle { path }.into());
        }
        Ok(Change::AddDependency { dependent, provider })
    }

    /// Plans a network.
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate.
    pub(crate) fn plan_add_network(&self, name: &str, address: &str, address_mask: &str) -> Result<Change> {
        rules::name_is_free(NamedKind::Network, name, self.network_names.get(name).is_some())?;
        let id = self.id_after(0);
        Ok(Change::AddNetwork(Network {
            id,
            guid: self.guid_for(id),
            name: name.into(),
            address: address.into(),
            address_mask: address_mask.into(),
            state: NetworkState::Up,
        }))
    }

    /// Plans `node`'s interface on `network`, named `"<node> - <adapter>"` as Windows names
    /// them.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_FOUND`, `ERROR_CLUSTER_NETWORK_NOT_FOUND` for unknown ends;
    /// `ERROR_OBJECT_ALREADY_EXISTS` for a duplicate name.
    pub(crate) fn plan_add_net_interface(
        &self,
        node: NodeId,
        network: ObjectId,
        adapter: &str,
        address: &str,
    ) -> Result<Change> {
        let node_name = match self.node(node) {
            Some(n) => &n.name,
            None => return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND)),
        };
        if !self.networks.contains_key(&network) {
            return Err(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND));
        }
        let name = format!("{node_name} - {adapter}");
        rules::name_is_free(NamedKind::NetInterface, &name, self.net_interface_names.get(&name).is_some())?;
        let id = self.id_after(0);
        Ok(Change::AddNetInterface(NetInterface {
            id,
            guid: self.guid_for(id),
            name,
            node,
            network,
            adapter: adapter.into(),
            address: address.into(),
            state: NetInterfaceState::Up,
        }))
    }

    /// Plans renaming a group (SetClusterGroupName page: the new name must be unique).
    /// `SetClusterGroupName` itself lands with the engine's state-changing calls.
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE` if the group is gone; `ERROR_INVALID_NAME` for an empty
    /// name; `ERROR_OBJECT_ALREADY_EXISTS` when another group has the name or id. Renaming a
    /// group to its own name in another case is allowed.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn plan_rename_group(&self, group: ObjectId, name: &str) -> Result<Change> {
        if !self.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        if self.find_group(name) != Some(group) {
            rules::name_is_free(NamedKind::Group, name, self.find_group(name).is_some())?;
        }
        Ok(Change::RenameGroup { group, name: name.into() })
    }

    /// Plans renaming a resource (SetClusterResourceName page).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE` if the resource is gone; `ERROR_INVALID_NAME` for an
    /// empty name; `ERROR_OBJECT_ALREADY_EXISTS` when another resource has the name.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn plan_rename_resource(&self, resource: ObjectId, name: &str) -> Result<Change> {
        if !self.resources.contains_key(&resource) {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        }
        if self.resource_names.get(name) != Some(resource) {
            rules::name_is_free(NamedKind::Resource, name, self.resource_names.get(name).is_some())?;
        }
        Ok(Change::RenameResource { resource, name: name.into() })
    }
}
