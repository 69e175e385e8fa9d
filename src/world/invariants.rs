//! The rules a cluster's state must satisfy after every mutation. [`Sim`](crate::Sim) checks
//! them after each mutating call in debug and test builds; the property tests check them after
//! every step.

use super::rules::{self, RuleError};
use super::{Cluster, NodeState, ObjectId, ResourceState, eq_ignore_case};

impl Cluster {
    /// Checks the cluster's invariants:
    ///
    /// * each resource is in exactly one group, and that group lists it once;
    /// * owners are cluster nodes (group owners, preferred owners, possible owners,
    ///   net-interface nodes), and node ids and names are unique;
    /// * names are unique per kind, ignoring case;
    /// * dependencies stay within one group and are acyclic;
    /// * an online resource has its providers online;
    /// * no resource is online or coming online on a node that is down or not one of its
    ///   possible owners;
    /// * resource types of resources are installed; the quorum resource exists.
    ///
    /// # Errors
    /// A description of the first broken invariant.
    pub fn check_invariants(&self) -> Result<(), String> {
        let is_node = |id: u32| self.nodes.iter().any(|n| n.id == id);
        for (i, n) in self.nodes.iter().enumerate() {
            if self.nodes[..i].iter().any(|m| m.id == n.id || eq_ignore_case(&m.name, &n.name)) {
                return Err(format!("node {:?} (id {}) is not unique", n.name, n.id));
            }
        }
        for (i, t) in self.resource_types.iter().enumerate() {
            if self.resource_types[..i].iter().any(|u| eq_ignore_case(&u.name, &t.name)) {
                return Err(format!("resource type {:?} is not unique", t.name));
            }
        }
        let mut listed = 0;
        for g in self.groups.values() {
            if !is_node(g.owner) {
                return Err(format!("group {:?} is owned by unknown node {}", g.name, g.owner));
            }
            if let Some(p) = g.preferred_owners.iter().find(|&&p| !is_node(p)) {
                return Err(format!("group {:?} prefers unknown node {p}", g.name));
            }
            if self.group_guids.get(&g.guid) != Some(g.id) {
                return Err(format!("group {:?} is not indexed by its GUID", g.name));
            }
            if self.find_group(&g.name) != Some(g.id) {
                return Err(format!("group {:?} is not indexed by its name", g.name));
            }
            for (i, r) in g.resources.iter().enumerate() {
                match self.resources.get(r) {
                    Some(res) if res.group == g.id => {}
                    _ => return Err(format!("group {:?} lists a resource not in it", g.name)),
                }
                if g.resources[..i].contains(r) {
                    return Err(format!("group {:?} lists a resource twice", g.name));
                }
            }
            listed += g.resources.len();
        }
        if listed != self.resources.len() {
            return Err(format!("{} resources but {listed} listed by groups", self.resources.len()));
        }
        for r in self.resources.values() {
            if self.find_resource(&r.name) != Some(r.id) {
                return Err(format!("resource {:?} is not indexed by its name", r.name));
            }
            if self.resource_type(&r.resource_type).is_none() {
                return Err(format!("resource {:?} has unknown type {:?}", r.name, r.resource_type));
            }
            if let Some(p) = r.possible_owners.iter().find(|&&p| !is_node(p)) {
                return Err(format!("resource {:?} lists unknown possible owner {p}", r.name));
            }
            for d in &r.dependencies {
                let Some(p) = self.resources.get(d) else {
                    return Err(format!("resource {:?} depends on a deleted resource", r.name));
                };
                if p.group != r.group {
                    return Err(format!("dependency {:?} -> {:?} crosses groups", r.name, p.name));
                }
            }
            for d in &r.dependencies {
                if !self.dependent_ids(*d).contains(&r.id) {
                    return Err(format!("the reverse index misses {:?} depending on a provider", r.name));
                }
            }
            if let Some(d) = self
                .dependent_ids(r.id)
                .iter()
                .find(|d| !self.resources.get(d).is_some_and(|x| x.dependencies.contains(&r.id)))
            {
                return Err(format!(
                    "the reverse index lists {d:?} as depending on {:?}, which it does not",
                    r.name
                ));
            }
            // No resource is online, or on its way, on a node that is down or that is not one
            // of its possible owners.
            if matches!(r.state, ResourceState::Online | ResourceState::OnlinePending) {
                let host = self.groups.get(&r.group).map(|g| g.owner);
                let down = host.and_then(|h| self.node(h)).is_none_or(|n| n.state == NodeState::Down);
                if down || !host.is_some_and(|h| r.possible_owners.contains(&h)) {
                    return Err(format!(
                        "resource {:?} is {:?} on node {host:?}, which cannot host it",
                        r.name, r.state
                    ));
                }
            }
            if let Some(set) = r
                .alternatives
                .iter()
                .find(|set| set.len() < 2 || set.iter().any(|p| !r.dependencies.contains(p)))
            {
                return Err(format!(
                    "resource {:?} has an OR-set {set:?} that is not two of its providers",
                    r.name
                ));
            }
            let required: Vec<ObjectId> = r.required_providers().collect();
            let providers = required.iter().map(|d| (d, self.resources[d].state));
            if let Some((p, provider_state)) = rules::offline_provider(r.state, providers) {
                let (resource, provider) = (r.name.clone(), self.resources[p].name.clone());
                return Err(RuleError::ProviderNotOnline { resource, provider, provider_state }.to_string());
            }
            let online = |p: &ObjectId| self.resources[p].state == ResourceState::Online;
            if let Some(set) =
                r.alternatives.iter().find(|set| r.state == ResourceState::Online && !set.iter().any(online))
            {
                let provider = self.resources[&set[0]].name.clone();
                let provider_state = self.resources[&set[0]].state;
                return Err(RuleError::ProviderNotOnline {
                    resource: r.name.clone(),
                    provider,
                    provider_state,
                }
                .to_string());
            }
        }
        if let Some(cycle) = rules::find_cycle(self.resources.keys().copied(), |r, i| {
            self.resources.get(&r).and_then(|r| r.dependencies.get(i).copied())
        }) {
            let path = cycle.path.iter().map(|id| self.resources[id].name.clone()).collect();
            return Err(RuleError::DependencyCycle { path }.to_string());
        }
        for ni in self.net_interfaces.values() {
            if !is_node(ni.node) || !self.networks.contains_key(&ni.network) {
                return Err(format!("net interface {:?} has an unknown node or network", ni.name));
            }
        }
        self.check_group_sets()?;
        if let Some(q) = self.quorum_resource {
            if !self.resources.contains_key(&q) {
                return Err("the quorum resource does not exist".into());
            }
        }
        Ok(())
    }
}

impl Cluster {
    /// The group sets' rules: each is indexed by its name; its groups and dependent groups
    /// exist, and a group is in at most one set and depends on at most one; its providers are
    /// other existing sets, listed once, with no cycle.
    fn check_group_sets(&self) -> Result<(), String> {
        let mut member = std::collections::HashSet::new();
        let mut dependent = std::collections::HashSet::new();
        for set in self.group_sets.values() {
            if self.find_group_set(&set.name) != Some(set.id) {
                return Err(format!("group set {:?} is not indexed by its name", set.name));
            }
            if set.groups.iter().chain(&set.dependent_groups).any(|g| !self.groups.contains_key(g)) {
                return Err(format!("group set {:?} names a deleted group", set.name));
            }
            if !set.groups.iter().all(|g| member.insert(*g)) {
                return Err(format!("a group of group set {:?} is in two sets", set.name));
            }
            if !set.dependent_groups.iter().all(|g| dependent.insert(*g)) {
                return Err(format!("a group depending on group set {:?} depends on two sets", set.name));
            }
            for (i, p) in set.providers.iter().enumerate() {
                if *p == set.id || !self.group_sets.contains_key(p) || set.providers[..i].contains(p) {
                    return Err(format!("group set {:?} has a bad provider", set.name));
                }
            }
        }
        if let Some(cycle) = rules::find_cycle(self.group_sets.keys().copied(), |s, i| {
            self.group_sets.get(&s).and_then(|s| s.providers.get(i).copied())
        }) {
            let names: Vec<&str> = cycle.path.iter().map(|id| self.group_sets[id].name.as_str()).collect();
            return Err(format!("group sets depend on each other in a cycle: {names:?}"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;

    fn small() -> (ClusterBuilder, ObjectId, ObjectId, ObjectId) {
        let mut c = ClusterBuilder::new("C", "c.example", 7);
        c.add_node("N1", None, NodeState::Up).unwrap();
        c.add_resource_type(ResourceType::new("IP Address", "clusres.dll", 2, 0)).unwrap();
        let g = c.add_group("G", 1).unwrap();
        let a = c.add_resource(g, "A", "ip address").unwrap();
        let b = c.add_resource(g, "B", "IP Address").unwrap();
        (c, g, a, b)
    }

    #[test]
    fn a_consistent_cluster_passes() {
        let (mut c, _, a, b) = small();
        c.add_dependency(b, a).unwrap();
        assert_eq!(c.build().check_invariants(), Ok(()));
    }

    #[test]
    fn dependency_rules_give_the_documented_codes() {
        let (mut c, _, a, b) = small();
        assert_eq!(c.add_dependency(a, a).unwrap_err().code(), 1059);
        c.add_dependency(b, a).unwrap();
        assert_eq!(c.add_dependency(b, a).unwrap_err().code(), 5003);
        assert_eq!(c.add_dependency(a, b).unwrap_err().code(), 1059);
        let g2 = c.add_group("G2", 1).unwrap();
        let x = c.add_resource(g2, "X", "IP Address").unwrap();
        assert_eq!(c.add_dependency(x, a).unwrap_err().code(), 87);
        assert_eq!(c.build().check_invariants(), Ok(()));
    }

    #[test]
    fn broken_states_are_reported() {
        // Corrupt the fields directly (only this module can), to see the checker notice.
        let (mut c, g, a, b) = small();
        c.add_dependency(b, a).unwrap();
        let mut c = c.build();
        c.resources.get_mut(&b).unwrap().state = ResourceState::Online;
        assert!(c.check_invariants().unwrap_err().contains("provider"));
        c.resources.get_mut(&b).unwrap().state = ResourceState::Offline;
        c.resources.get_mut(&a).unwrap().dependencies.push(b);
        assert!(c.check_invariants().unwrap_err().contains("reverse index"), "the index was not told");
        c.index_dependency(a, b);
        assert!(c.check_invariants().unwrap_err().contains("cycle"));
        c.resources.get_mut(&a).unwrap().dependencies.clear();
        assert!(c.check_invariants().unwrap_err().contains("reverse index"), "a stale entry is reported");
        c.unindex_dependency(a, b);
        c.groups.get_mut(&g).unwrap().owner = 42;
        assert!(c.check_invariants().unwrap_err().contains("unknown node"));
    }

    #[test]
    fn a_rename_moves_the_name_in_the_index() {
        let (c, g, a, _) = small();
        let mut c = c.build();
        c.apply(c.plan_rename_group(g, "Web").unwrap());
        c.apply(c.plan_rename_resource(a, "Web IP").unwrap());
        assert_eq!((c.find_group("web"), c.find_group("G")), (Some(g), None));
        assert_eq!((c.find_resource("WEB IP"), c.find_resource("A")), (Some(a), None));
        assert_eq!(c.plan_rename_resource(a, "b").unwrap_err().code(), 183, "ERROR_ALREADY_EXISTS (§E.5)");
        assert_eq!(c.check_invariants(), Ok(()));
    }
}
