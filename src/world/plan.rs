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
use crate::property::Properties;

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
        Ok(Change::AddNode(Node {
            id,
            name: name.into(),
            state,
            properties: Properties::new(),
            private: Properties::new(),
        }))
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
        self.plan_create_group(name, owner, 9999)
    }

    /// Plans a group as [`plan_add_group`](Self::plan_add_group), of `CLUSGROUP_TYPE`
    /// `group_type` (CreateClusterGroupEx: the type comes from `CLUSTER_CREATE_GROUP_INFO`;
    /// 9999 = ClusGroupTypeUnknown otherwise, MS-CMRP 3.1.4.2.43).
    ///
    /// # Errors
    /// As [`plan_add_group`](Self::plan_add_group).
    pub(crate) fn plan_create_group(&self, name: &str, owner: NodeId, group_type: u32) -> Result<Change> {
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
            group_type,
            core: false,
            resources: Vec::new(),
            failover: FailoverPolicy::default(),
            properties: Properties::new(),
            private: Properties::new(),
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
            alternatives: Vec::new(),
            state: ResourceState::Offline,
            persistent_online: false,
            core: false,
            restart: RestartPolicy::default(),
            online_delay_ms: None,
            offline_delay_ms: None,
            properties: Properties::new(),
            private: Properties::new(),
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
        self.depth_ok(d.group, with_edge)?;
        Ok(Change::AddDependency { dependent, provider })
    }

    /// Rule: no chain in `group`'s dependency graph (given as `provider(r, i)`, acyclic) is
    /// longer than [`rules::MAX_DEPENDENCY_DEPTH`].
    ///
    /// # Errors
    /// `ERROR_DEPENDENCY_TREE_TOO_COMPLEX (5929)`: MS-CMRP 3.1.4.2.20 caps the depth at 100;
    /// the code is the one 3.1.4.2.22 (CanResourceBeDependent) gives (§E.15: an inference).
    fn depth_ok(
        &self,
        group: ObjectId,
        provider: impl Fn(ObjectId, usize) -> Option<ObjectId>,
    ) -> Result<()> {
        let members = self.groups.get(&group).map(|g| g.resources.clone()).unwrap_or_default();
        match rules::longest_chain(members, provider) > rules::MAX_DEPENDENCY_DEPTH {
            true => Err(Error::new(codes::ERROR_DEPENDENCY_TREE_TOO_COMPLEX)),
            false => Ok(()),
        }
    }

    /// Plans `AddClusterResourceDependency` on a live cluster: the rules of
    /// [`plan_add_dependency`](Self::plan_add_dependency), and a dependent that is online or
    /// on its way (not Offline or Failed) may only gain a provider that is Online.
    ///
    /// # Errors
    /// As [`plan_add_dependency`](Self::plan_add_dependency); `ERROR_RESOURCE_ONLINE (5019)`
    /// for a dependent that is not Offline or Failed whose new provider is not Online (a
    /// choice: MS-CMRP 3.1.4.2.20 lets dependencies change while online, and an online
    /// resource always has online providers; 5019 is the code 3.1.4.1.20 gives an online
    /// dependent).
    pub(crate) fn plan_add_live_dependency(&self, dependent: ObjectId, provider: ObjectId) -> Result<Change> {
        let change = self.plan_add_dependency(dependent, provider)?;
        let (d, p) = (&self.resources[&dependent], &self.resources[&provider]);
        if !d.state.is_down() && p.state != ResourceState::Online {
            return Err(Error::new(codes::ERROR_RESOURCE_ONLINE));
        }
        Ok(change)
    }

    /// Plans `RemoveClusterResourceDependency` (MS-CMRP 3.1.4.2.21). A provider removed from an
    /// OR-set leaves the set; a set left with one provider makes it needed on its own. (The v3
    /// ERROR_RESOURCE_ONLINE rule for a provider of a multi-member OR-set is not simulated: the
    /// removal is allowed when the rest of the expression still holds, a choice.)
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` if either is gone; `ERROR_DEPENDENCY_NOT_FOUND
    /// (5002)` when `dependent` does not depend on `provider`.
    pub(crate) fn plan_remove_dependency(&self, dependent: ObjectId, provider: ObjectId) -> Result<Change> {
        let (Some(d), true) = (self.resources.get(&dependent), self.resources.contains_key(&provider)) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        if !d.dependencies.contains(&provider) {
            return Err(Error::new(codes::ERROR_DEPENDENCY_NOT_FOUND));
        }
        Ok(Change::RemoveDependency { dependent, provider })
    }

    /// Plans replacing all of `resource`'s dependencies by the AND list `providers`
    /// (SetClusterResourceDependencyExpression: the expression replaces them all).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` if a resource is gone; `ERROR_CIRCULAR_DEPENDENCY
    /// (1059)` for the resource itself or a cycle; `ERROR_INVALID_PARAMETER (87)` for a
    /// provider in another group or named twice (a choice); `ERROR_DEPENDENCY_TREE_TOO_COMPLEX
    /// (5929)`; `ERROR_RESOURCE_ONLINE (5019)` as in
    /// [`plan_add_live_dependency`](Self::plan_add_live_dependency) for a provider it does not
    /// already have.
    pub(crate) fn plan_set_dependencies(
        &self,
        resource: ObjectId,
        providers: Vec<ObjectId>,
    ) -> Result<Change> {
        let r = self.check_providers(resource, &providers)?;
        let offline = |p: &ObjectId| self.resources[p].state != ResourceState::Online;
        // An online resource keeps "its providers are online" (one of an old OR-set may be
        // offline, so every provider counts); a pending one may keep what it waits for.
        let refused = match r.state {
            ResourceState::Online => providers.iter().any(offline),
            s if !s.is_down() => providers.iter().any(|p| !r.dependencies.contains(p) && offline(p)),
            _ => false,
        };
        if refused {
            return Err(Error::new(codes::ERROR_RESOURCE_ONLINE));
        }
        Ok(Change::SetDependencies { resource, providers })
    }

    /// The rules a new list of providers must meet, whatever the liveness rule: the resources
    /// exist, none is `resource` itself, all are in its group and named once, no cycle, depth at
    /// most 100. Gives the resource.
    fn check_providers(&self, resource: ObjectId, providers: &[ObjectId]) -> Result<&Resource> {
        let Some(r) = self.resources.get(&resource) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        for (i, p) in providers.iter().enumerate() {
            let Some(pr) = self.resources.get(p) else {
                return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
            };
            if *p == resource {
                return Err(RuleError::SelfDependency { resource: r.name.clone() }.into());
            }
            if pr.group != r.group || providers[..i].contains(p) {
                return Err(Error::INVALID_PARAMETER);
            }
        }
        let edges = |x: ObjectId, i: usize| match x == resource {
            true => providers.get(i).copied(),
            false => self.resources.get(&x)?.dependencies.get(i).copied(),
        };
        if rules::find_cycle([resource], edges).is_some() {
            return Err(Error::new(codes::ERROR_CIRCULAR_DEPENDENCY));
        }
        self.depth_ok(r.group, edges)?;
        Ok(r)
    }

    /// Plans replacing all of `resource`'s dependencies by the expression `sets`: an AND of
    /// OR-sets (`([a] or [b]) and [c]` is `[[a, b], [c]]`; SetClusterResourceDependencyExpression
    /// page). A set of one is a provider needed on its own.
    ///
    /// # Errors
    /// As [`plan_set_dependencies`](Self::plan_set_dependencies) for the providers of all the
    /// sets; for a resource that is online or pending, `ERROR_RESOURCE_ONLINE (5019)` unless the
    /// new expression is met by the providers online now (for an AND list, as there).
    pub(crate) fn plan_set_dependency_expression(
        &self,
        resource: ObjectId,
        sets: Vec<Vec<ObjectId>>,
    ) -> Result<Change> {
        let providers: Vec<ObjectId> = sets.concat();
        let alternatives: Vec<Vec<ObjectId>> = sets.into_iter().filter(|set| set.len() > 1).collect();
        if alternatives.is_empty() {
            return self.plan_set_dependencies(resource, providers);
        }
        // The rules of an AND list over every provider; for liveness, the OR-sets decide.
        let r = self.check_providers(resource, &providers)?;
        let mut after = r.clone();
        after.dependencies = providers.clone();
        after.alternatives = alternatives.clone();
        if !r.state.is_down()
            && !after.providers_online(|p| self.resources[&p].state == ResourceState::Online)
        {
            return Err(Error::new(codes::ERROR_RESOURCE_ONLINE));
        }
        Ok(Change::SetDependencyExpression { resource, providers, alternatives })
    }

    /// Plans `DeleteClusterResource` (engine-properties-notify.md §A.1: DeleteClusterResource
    /// page, MS-CMRP 3.1.4.2.11).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` if it is gone; `ERROR_CORE_RESOURCE (5026)` for a
    /// core resource (checked first, whatever its state: a choice); `ERROR_INVALID_STATE
    /// (5023)` unless it is Offline or Failed (WS2012+); `ERROR_DEPENDENT_RESOURCE_EXISTS
    /// (5001)` while another resource depends on it (the code is (unverified): a choice).
    pub(crate) fn plan_remove_resource(&self, resource: ObjectId) -> Result<Change> {
        let Some(r) = self.resources.get(&resource) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        if r.core {
            return Err(Error::new(codes::ERROR_CORE_RESOURCE));
        }
        if !r.state.is_down() {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        if self.dependents_of(resource).next().is_some() {
            return Err(Error::new(codes::ERROR_DEPENDENT_RESOURCE_EXISTS));
        }
        Ok(Change::RemoveResource(resource))
    }

    /// Plans `DeleteClusterGroup` (DeleteClusterGroup page; MS-CMRP 3.1.4.1.44).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` if it is gone; `ERROR_DIR_NOT_EMPTY (145)` while it
    /// holds resources; `ERROR_CORE_RESOURCE (5026)` for a core group (checked after the
    /// emptiness rule, §E.6: the order is (unverified), a choice).
    pub(crate) fn plan_remove_group(&self, group: ObjectId) -> Result<Change> {
        let Some(g) = self.groups.get(&group) else {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        };
        if !g.resources.is_empty() {
            return Err(Error::new(codes::ERROR_DIR_NOT_EMPTY));
        }
        if g.core {
            return Err(Error::new(codes::ERROR_CORE_RESOURCE));
        }
        Ok(Change::RemoveGroup(group))
    }

    /// Plans `DestroyClusterGroup`: every resource of the group stops at once (terminated:
    /// Offline, a choice, so the call never pends) and is deleted, then the group is
    /// (DestroyClusterGroup page; MS-CMRP 3.1.4.2.44 with `force`).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` if it is gone; `ERROR_CORE_RESOURCE (5026)` if it
    /// holds a core resource or is a core group (checked before anything changes).
    pub(crate) fn plan_destroy_group(&self, group: ObjectId) -> Result<Vec<Change>> {
        let Some(g) = self.groups.get(&group) else {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        };
        if g.core || g.resources.iter().any(|r| self.resources[r].core) {
            return Err(Error::new(codes::ERROR_CORE_RESOURCE));
        }
        let mut changes = Vec::new();
        for &r in &g.resources {
            let res = &self.resources[&r];
            if res.state != ResourceState::Offline {
                changes.push(Change::SetResourceState { resource: r, state: ResourceState::Offline });
            }
            if !res.dependencies.is_empty() {
                changes.push(Change::SetDependencies { resource: r, providers: Vec::new() });
            }
        }
        changes.extend(g.resources.iter().map(|&r| Change::RemoveResource(r)));
        changes.push(Change::RemoveGroup(group));
        Ok(changes)
    }

    /// Plans `AddClusterResourceNode` (MS-CMRP 3.1.4.2.24).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`; `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for an
    /// unknown node; `ERROR_OBJECT_ALREADY_EXISTS (5010)` when it is already a possible owner.
    pub(crate) fn plan_add_possible_owner(&self, resource: ObjectId, node: NodeId) -> Result<Change> {
        let Some(r) = self.resources.get(&resource) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        if self.node(node).is_none() {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND));
        }
        if r.possible_owners.contains(&node) {
            return Err(Error::new(codes::ERROR_OBJECT_ALREADY_EXISTS));
        }
        let mut owners = r.possible_owners.clone();
        owners.push(node);
        Ok(Change::SetPossibleOwners { resource, owners })
    }

    /// Plans `RemoveClusterResourceNode` (MS-CMRP 3.1.4.2.25).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`; `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` when the
    /// node is not a possible owner; `ERROR_INVALID_STATE (5023)` when it is the node hosting
    /// the resource and the resource is Online, OnlinePending or OfflinePending.
    pub(crate) fn plan_remove_possible_owner(&self, resource: ObjectId, node: NodeId) -> Result<Change> {
        let Some(r) = self.resources.get(&resource) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        if !r.possible_owners.contains(&node) {
            return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND));
        }
        let active = matches!(
            r.state,
            ResourceState::Online | ResourceState::OnlinePending | ResourceState::OfflinePending
        );
        if active && self.groups[&r.group].owner == node {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        let owners = r.possible_owners.iter().copied().filter(|&n| n != node).collect();
        Ok(Change::SetPossibleOwners { resource, owners })
    }

    /// Plans `SetClusterGroupNodeList`: the preferred owners become `nodes`, in order (a node
    /// listed twice counts once, a choice), then the nodes left out, in id order (MS-CMRP
    /// 3.1.4.1.55: the server SHOULD append them, in any order). An empty list clears the
    /// preferred owners, with nothing appended (SetClusterGroupNodeList page: count 0 clears).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)`; `ERROR_CLUSTER_NODE_NOT_FOUND (5042)` for an
    /// unknown node.
    pub(crate) fn plan_set_preferred_owners(&self, group: ObjectId, nodes: &[NodeId]) -> Result<Change> {
        if !self.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        let mut owners: Vec<NodeId> = Vec::new();
        for &n in nodes {
            if self.node(n).is_none() {
                return Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_FOUND));
            }
            if !owners.contains(&n) {
                owners.push(n);
            }
        }
        if !owners.is_empty() {
            let rest: Vec<NodeId> = self.nodes.iter().map(|n| n.id).filter(|n| !owners.contains(n)).collect();
            owners.extend(rest);
        }
        Ok(Change::SetPreferredOwners { group, owners })
    }

    /// The resources connected to `resource` through dependencies, either way: what
    /// `ChangeClusterResourceGroup` moves with it, in the group's order.
    pub(crate) fn dependency_tree(&self, resource: ObjectId) -> Vec<ObjectId> {
        let group = &self.groups[&self.resources[&resource].group];
        let mut tree = vec![resource];
        let mut i = 0;
        while i < tree.len() {
            let r = tree[i];
            for &p in &self.resources[&r].dependencies {
                if !tree.contains(&p) {
                    tree.push(p);
                }
            }
            for &d in &group.resources {
                if !tree.contains(&d) && self.resources[&d].dependencies.contains(&r) {
                    tree.push(d);
                }
            }
            i += 1;
        }
        group.resources.iter().copied().filter(|r| tree.contains(r)).collect()
    }

    /// Plans `ChangeClusterResourceGroup`: `resource` moves to `group` with its whole
    /// dependency tree ([`dependency_tree`](Self::dependency_tree); ChangeClusterResourceGroup
    /// page, MS-CMRP 3.1.4.2.26, protocol v3).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`; `ERROR_GROUP_NOT_AVAILABLE (5012)`;
    /// `ERROR_ALREADY_EXISTS (183)` when it is in that group already (v2's rule, 3.1.4.1.26:
    /// v3 says nothing, a choice); `ERROR_RESOURCE_ONLINE (5019)` when the target group is on
    /// another node and something in the tree is not Offline or Failed;
    /// `ERROR_HOST_NODE_NOT_RESOURCE_OWNER (5015)` when the target group's node is not a
    /// possible owner of everything in the tree.
    pub(crate) fn plan_move_resource_to_group(
        &self,
        resource: ObjectId,
        group: ObjectId,
    ) -> Result<Vec<Change>> {
        let Some(r) = self.resources.get(&resource) else {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        };
        let Some(target) = self.groups.get(&group) else {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        };
        if r.group == group {
            return Err(Error::new(codes::ERROR_ALREADY_EXISTS));
        }
        let tree = self.dependency_tree(resource);
        if self.groups[&r.group].owner != target.owner
            && tree.iter().any(|t| !self.resources[t].state.is_down())
        {
            return Err(Error::new(codes::ERROR_RESOURCE_ONLINE));
        }
        if tree.iter().any(|t| !self.resources[t].possible_owners.contains(&target.owner)) {
            return Err(Error::new(codes::ERROR_HOST_NODE_NOT_RESOURCE_OWNER));
        }
        Ok(tree.into_iter().map(|resource| Change::MoveResourceToGroup { resource, group }).collect())
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
            properties: Properties::new(),
            private: Properties::new(),
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
            properties: Properties::new(),
            private: Properties::new(),
        }))
    }

    /// Plans renaming a group (SetClusterGroupName; MS-CMRP 3.1.4.2.47: the same rules as
    /// resources, engine-properties-notify.md §A.3, §E.5).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` if the group is gone; `ERROR_INVALID_NAME (123)` for
    /// an empty name; `ERROR_ALREADY_EXISTS (183)` (not 5010) when another group has the name
    /// or GUID. Renaming a group to its own name, in any case, succeeds (Samba's
    /// `test_SetResourceName_int` does it for a resource).
    pub(crate) fn plan_rename_group(&self, group: ObjectId, name: &str) -> Result<Change> {
        if !self.groups.contains_key(&group) {
            return Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE));
        }
        rules::name_is_free(NamedKind::Group, name, false)?;
        if self.find_group(name).is_some_and(|g| g != group) {
            return Err(Error::new(codes::ERROR_ALREADY_EXISTS));
        }
        Ok(Change::RenameGroup { group, name: name.into() })
    }

    /// Plans renaming a resource (SetClusterResourceName; MS-CMRP 3.1.4.2.14; names ignore
    /// case: MsCS:resources-name).
    ///
    /// # Errors
    /// `ERROR_RESOURCE_NOT_AVAILABLE (5006)` if the resource is gone; `ERROR_INVALID_NAME
    /// (123)` for an empty name; `ERROR_ALREADY_EXISTS (183)` when another resource has the
    /// name or the GUID. Its own name, in any case, succeeds (Samba).
    pub(crate) fn plan_rename_resource(&self, resource: ObjectId, name: &str) -> Result<Change> {
        if !self.resources.contains_key(&resource) {
            return Err(Error::new(codes::ERROR_RESOURCE_NOT_AVAILABLE));
        }
        rules::name_is_free(NamedKind::Resource, name, false)?;
        let by_guid =
            self.resources.values().any(|r| r.id != resource && super::eq_ignore_case(&r.guid, name));
        if self.resource_names.get(name).is_some_and(|r| r != resource) || by_guid {
            return Err(Error::new(codes::ERROR_ALREADY_EXISTS));
        }
        Ok(Change::RenameResource { resource, name: name.into() })
    }
}
