//! The structural calls: create, delete and rename resources and groups, possible and
//! preferred owners, dependencies and dependency expressions, and moving a resource to another
//! group (engine-properties-notify.md §A.3, §A.4, §A.5). The rules are the planners' in
//! `world/plan.rs`; this adds what the engine alone knows (operations in progress) and forgets
//! the runtime state of what is deleted.

use super::Engine;
use crate::error::{Error, Result, codes};
use crate::flags::{CLUSAPI_CHANGE_RESOURCE_GROUP_FORCE_MOVE_TO_CSV, CLUSTER_RESOURCE_SEPARATE_MONITOR};
use crate::world::{Change, NodeId, NodeState, ObjectId, dependency};

impl Engine {
    /// `CreateClusterResource`: a new offline resource in group `g`; `reserve` is called with
    /// its id after every rule passed and before anything changes (the caller opens the
    /// handle there, so that a full handle table changes nothing).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for flags other than 0 and 1 (a choice); as
    /// `Cluster::plan_add_resource` (123, 5010, 5078, 5012); whatever `reserve` gives.
    pub(crate) fn create_resource(
        &mut self,
        c: usize,
        g: ObjectId,
        name: &str,
        kind: &str,
        flags: u32,
        reserve: impl FnOnce(ObjectId) -> Result<()>,
    ) -> Result<ObjectId> {
        if flags & !CLUSTER_RESOURCE_SEPARATE_MONITOR != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let change = self.cluster(c).plan_add_resource(g, name, kind)?;
        let id = match &change {
            Change::AddResource(r) => r.id,
            _ => unreachable!("plan_add_resource plans an AddResource"),
        };
        reserve(id)?;
        self.commit1(c, change);
        Ok(id)
    }

    /// `DeleteClusterResource`.
    ///
    /// # Errors
    /// As `Cluster::plan_remove_resource` (5006, 5026, 5023, 5001).
    pub(crate) fn delete_resource(&mut self, c: usize, r: ObjectId) -> Result<()> {
        let change = self.cluster(c).plan_remove_resource(r)?;
        self.forget_resource(c, r);
        self.commit1(c, change);
        Ok(())
    }

    /// Drops what the runtime remembers of resource `r`, which is being deleted.
    fn forget_resource(&mut self, c: usize, r: ObjectId) {
        self.cancel(c, r);
        let rt = &mut self.runtime[c];
        rt.restarts.remove(&r);
        rt.failures.remove(&r);
    }

    /// Drops what the runtime remembers of group `g`, which is being deleted.
    fn forget_group(&mut self, c: usize, g: ObjectId) {
        let rt = &mut self.runtime[c];
        rt.moves.remove(&g);
        rt.failovers.remove(&g);
    }

    /// `SetClusterResourceName`.
    ///
    /// # Errors
    /// As `Cluster::plan_rename_resource` (5006, 123, 183).
    pub(crate) fn rename_resource(&mut self, c: usize, r: ObjectId, name: &str) -> Result<()> {
        let change = self.cluster(c).plan_rename_resource(r, name)?;
        self.commit1(c, change);
        Ok(())
    }

    /// `SetClusterGroupName`.
    ///
    /// # Errors
    /// As `Cluster::plan_rename_group` (5012, 123, 183).
    pub(crate) fn rename_group(&mut self, c: usize, g: ObjectId, name: &str) -> Result<()> {
        let change = self.cluster(c).plan_rename_group(g, name)?;
        self.commit1(c, change);
        Ok(())
    }

    /// `CreateClusterGroup(Ex)`: an empty, offline group of type `group_type`, owned by the
    /// node serving the connection (MS-CMRP 3.1.4.2.43), which the simulator takes to be the
    /// first node that is up (a choice). `reserve` as in [`create_resource`](Self::create_resource).
    ///
    /// # Errors
    /// As `Cluster::plan_create_group` (123, 5010); `ERROR_SHARING_PAUSED (70)` when no node is
    /// up but one is paused (MS-CMRP 3.1.4.1.43: the local node is paused);
    /// `ERROR_HOST_NODE_NOT_AVAILABLE (5005)` when every node is down (a choice).
    pub(crate) fn create_group(
        &mut self,
        c: usize,
        name: &str,
        group_type: u32,
        reserve: impl FnOnce(ObjectId) -> Result<()>,
    ) -> Result<ObjectId> {
        let cl = self.cluster(c);
        let first = |state| cl.nodes().iter().find(|n| n.state == state).map(|n| n.id);
        let owner = match (first(NodeState::Up), first(NodeState::Paused)) {
            (Some(up), _) => up,
            (None, Some(_)) => return Err(Error::new(codes::ERROR_SHARING_PAUSED)),
            (None, None) => return Err(Error::new(codes::ERROR_HOST_NODE_NOT_AVAILABLE)),
        };
        // The name rules come first: a duplicate is a duplicate whatever the nodes do.
        let change = cl.plan_create_group(name, owner, group_type)?;
        let id = match &change {
            Change::AddGroup(g) => g.id,
            _ => unreachable!("plan_create_group plans an AddGroup"),
        };
        reserve(id)?;
        self.commit1(c, change);
        Ok(id)
    }

    /// Commits a planned change of a group set (`crate::world`'s group-set planners). Group
    /// sets have no pending operations: each change is complete when committed.
    pub(crate) fn commit_group_set(&mut self, c: usize, change: Change) {
        self.commit1(c, change);
    }

    /// `DeleteClusterGroup`.
    ///
    /// # Errors
    /// As `Cluster::plan_remove_group` (5012, 145, 5026).
    pub(crate) fn delete_group(&mut self, c: usize, g: ObjectId) -> Result<()> {
        let change = self.cluster(c).plan_remove_group(g)?;
        self.forget_group(c, g);
        self.commit1(c, change);
        Ok(())
    }

    /// `DestroyClusterGroup`: its resources are terminated (they go Offline at once, their
    /// operations cancelled: a choice, so the call completes before it returns, never
    /// `ERROR_IO_PENDING`) and deleted, then the group is, in one commit.
    ///
    /// # Errors
    /// As `Cluster::plan_destroy_group` (5012, 5026), checked before anything changes.
    pub(crate) fn destroy_group(&mut self, c: usize, g: ObjectId) -> Result<()> {
        let changes = self.cluster(c).plan_destroy_group(g)?;
        for r in self.cluster(c).groups()[&g].resources.clone() {
            self.forget_resource(c, r);
        }
        self.forget_group(c, g);
        self.commit(c, changes);
        Ok(())
    }

    /// `SetClusterGroupNodeList`.
    ///
    /// # Errors
    /// As `Cluster::plan_set_preferred_owners` (5012, 5042).
    pub(crate) fn set_group_node_list(&mut self, c: usize, g: ObjectId, nodes: &[NodeId]) -> Result<()> {
        let change = self.cluster(c).plan_set_preferred_owners(g, nodes)?;
        self.commit1(c, change);
        Ok(())
    }

    /// `AddClusterResourceNode`.
    ///
    /// # Errors
    /// As `Cluster::plan_add_possible_owner` (5006, 5042, 5010).
    pub(crate) fn add_resource_node(&mut self, c: usize, r: ObjectId, node: NodeId) -> Result<()> {
        let change = self.cluster(c).plan_add_possible_owner(r, node)?;
        self.commit1(c, change);
        Ok(())
    }

    /// `RemoveClusterResourceNode`.
    ///
    /// # Errors
    /// As `Cluster::plan_remove_possible_owner` (5006, 5042, 5023).
    pub(crate) fn remove_resource_node(&mut self, c: usize, r: ObjectId, node: NodeId) -> Result<()> {
        let change = self.cluster(c).plan_remove_possible_owner(r, node)?;
        self.commit1(c, change);
        Ok(())
    }

    /// `AddClusterResourceDependency`.
    ///
    /// # Errors
    /// As `Cluster::plan_add_live_dependency` (5006, 1059, 87, 5003, 5929, 5019).
    pub(crate) fn add_dependency(&mut self, c: usize, r: ObjectId, provider: ObjectId) -> Result<()> {
        let change = self.cluster(c).plan_add_live_dependency(r, provider)?;
        self.commit1(c, change);
        // An operation in progress may now wait for one more resource, or one fewer.
        self.drive(c, r);
        self.drive(c, provider);
        Ok(())
    }

    /// `RemoveClusterResourceDependency`.
    ///
    /// # Errors
    /// As `Cluster::plan_remove_dependency` (5006, 5002).
    pub(crate) fn remove_dependency(&mut self, c: usize, r: ObjectId, provider: ObjectId) -> Result<()> {
        let change = self.cluster(c).plan_remove_dependency(r, provider)?;
        self.commit1(c, change);
        // A provider going offline may have waited for `r` only.
        self.drive(c, provider);
        self.drive(c, r);
        Ok(())
    }

    /// `CanResourceBeDependent`: whether [`add_dependency`](Self::add_dependency) would
    /// succeed. Changes nothing.
    pub(crate) fn can_be_dependent(&self, c: usize, r: ObjectId, provider: ObjectId) -> bool {
        self.cluster(c).plan_add_live_dependency(r, provider).is_ok()
    }

    /// `ChangeClusterResourceGroup(Ex)`: moves `r` and its dependency tree to group `g`.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for flags other than
    /// `CLUSAPI_CHANGE_RESOURCE_GROUP_FORCE_MOVE_TO_CSV` (accepted, no effect: moving a
    /// resource into a CSV's group is no different; a choice); `ERROR_INVALID_STATE (5023)` while either group is moving (a
    /// choice); as `Cluster::plan_move_resource_to_group` (5006, 5012, 183, 5019, 5015).
    pub(crate) fn change_resource_group(
        &mut self,
        c: usize,
        r: ObjectId,
        g: ObjectId,
        flags: u64,
    ) -> Result<()> {
        if flags & !CLUSAPI_CHANGE_RESOURCE_GROUP_FORCE_MOVE_TO_CSV != 0 {
            return Err(Error::INVALID_PARAMETER);
        }
        let changes = self.cluster(c).plan_move_resource_to_group(r, g)?;
        let from = self.res(c, r).group;
        if self.runtime[c].moves.contains_key(&from) || self.runtime[c].moves.contains_key(&g) {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        self.commit(c, changes);
        Ok(())
    }

    /// `GetClusterResourceNetworkName`: the `Name` private property (the NetBIOS name) of the
    /// "Network Name" resource that `r` depends on, directly or through a chain of
    /// dependencies (MS-CMRP ApiGetResourceNetworkName (opnum 112): "even if the dependency is
    /// not direct"; with several, "one", implementation-specific: the sim takes the first found
    /// breadth-first, in dependency order). A Network Name resource answers its own name, and
    /// a resource with no Network Name below it answers the cluster's name (the core Network
    /// Name's): a choice, from Samba's `rpc.clusapi` `all_resources`, which expects
    /// `ERROR_SUCCESS` from every resource of a Windows cluster. A Network Name without a
    /// `Name` answers its resource name.
    pub(crate) fn resource_network_name(&self, c: usize, r: ObjectId) -> String {
        let cl = self.cluster(c);
        let mut queue = std::collections::VecDeque::from([r]);
        let mut seen = vec![r];
        while let Some(q) = queue.pop_front() {
            let res = &cl.resources()[&q];
            if crate::world::eq_ignore_case(&res.resource_type, "Network Name") {
                return match res.private.get("Name").and_then(|v| v.as_str()) {
                    Some(name) if !name.is_empty() => name.to_owned(),
                    _ => res.name.clone(),
                };
            }
            for &p in &res.dependencies {
                if !seen.contains(&p) {
                    seen.push(p);
                    queue.push_back(p);
                }
            }
        }
        cl.name().to_owned()
    }

    /// `GetClusterResourceDependencyExpression`: `[name] and ([name] or [name])`, in dependency
    /// order (see [`dependency::format`]).
    pub(crate) fn dependency_expression(&self, c: usize, r: ObjectId) -> String {
        let cl = self.cluster(c);
        let res = &cl.resources()[&r];
        let mut sets: Vec<Vec<&str>> = Vec::new();
        let mut done: Vec<usize> = Vec::new();
        for p in &res.dependencies {
            match res.alternatives.iter().position(|set| set.contains(p)) {
                Some(i) if done.contains(&i) => {}
                Some(i) => {
                    done.push(i);
                    sets.push(res.alternatives[i].iter().map(|q| cl.resources()[q].name.as_str()).collect());
                }
                None => sets.push(vec![cl.resources()[p].name.as_str()]),
            }
        }
        dependency::format(sets)
    }

    /// `SetClusterResourceDependencyExpression`: the expression, an AND of OR-sets, replaces
    /// all of `r`'s dependencies.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for an expression that does not parse
    /// ([`dependency::ParseError`]); `ERROR_RESOURCE_NOT_FOUND (5007)` for a name that is no
    /// resource ((unverified), a choice); as `Cluster::plan_set_dependency_expression` (1059,
    /// 87, 5929, 5019).
    pub(crate) fn set_dependency_expression(&mut self, c: usize, r: ObjectId, expr: &str) -> Result<()> {
        let sets = dependency::parse(expr).map_err(|_| Error::INVALID_PARAMETER)?;
        let cl = self.cluster(c);
        let sets = sets
            .iter()
            .map(|set| {
                set.iter()
                    .map(|name| cl.find_resource(name).ok_or(Error::new(codes::ERROR_RESOURCE_NOT_FOUND)))
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        let providers: Vec<ObjectId> = sets.concat();
        let change = cl.plan_set_dependency_expression(r, sets)?;
        let old = self.res(c, r).dependencies.clone();
        self.commit1(c, change);
        for p in old.into_iter().chain(providers) {
            self.drive(c, p);
        }
        self.drive(c, r);
        Ok(())
    }
}
