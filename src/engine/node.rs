//! Nodes: pause and resume (engine-properties-notify.md §A.6: PauseClusterNode page, MS-CMRP
//! 3.1.4.2.70; Samba's `test_ResumeNode_int` against Windows), and a node going down (a crash,
//! not a clean leave) and coming back, which the test drives.

use super::Engine;
use crate::error::{Error, Result, codes};
use crate::world::{Change, NodeId, NodeState, ObjectId, ResourceState};

impl Engine {
    /// `PauseClusterNode`: Up → Paused. Its groups stay; nothing new comes to it. Pausing a
    /// paused node succeeds.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_DOWN (5050)` for a node that is not up.
    pub(crate) fn pause_node(&mut self, c: usize, node: NodeId) -> Result<()> {
        match self.cluster(c).node(node).map(|n| n.state) {
            Some(NodeState::Paused) => Ok(()),
            Some(NodeState::Up) => {
                self.commit1(c, Change::SetNodeState { node, state: NodeState::Paused });
                Ok(())
            }
            _ => Err(Error::new(codes::ERROR_CLUSTER_NODE_DOWN)),
        }
    }

    /// `ResumeClusterNode`: Paused → Up.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a node that is not paused (Samba's
    /// `test_ResumeNode_int`, run against Windows).
    pub(crate) fn resume_node(&mut self, c: usize, node: NodeId) -> Result<()> {
        match self.cluster(c).node(node).map(|n| n.state) {
            Some(NodeState::Paused) => {
                self.commit1(c, Change::SetNodeState { node, state: NodeState::Up });
                Ok(())
            }
            _ => Err(Error::new(codes::ERROR_CLUSTER_NODE_NOT_PAUSED)),
        }
    }

    /// `node` crashes: it goes down, every resource of every group it owns stops at once
    /// (offline, operations cancelled), and each group fails over by the failover rule
    /// (§A.7.3), counted against its FailoverThreshold. A group no node can take stays on the
    /// down node, offline. A node already down stays so.
    pub(crate) fn node_down(&mut self, c: usize, node: NodeId) {
        if self.cluster(c).node(node).is_none_or(|n| n.state == NodeState::Down) {
            return;
        }
        let groups: Vec<ObjectId> =
            self.cluster(c).groups().values().filter(|g| g.owner == node).map(|g| g.id).collect();
        // The node and everything on it stop in one commit: no resource is ever online on a
        // node that is down.
        let mut changes = vec![Change::SetNodeState { node, state: NodeState::Down }];
        for &g in &groups {
            self.runtime[c].moves.remove(&g);
            for r in self.cluster(c).groups()[&g].resources.clone() {
                self.cancel(c, r);
                if self.res(c, r).state != ResourceState::Offline {
                    changes.push(Change::SetResourceState { resource: r, state: ResourceState::Offline });
                }
            }
        }
        self.commit(c, changes);
        for g in groups {
            self.fail_over(c, g);
        }
    }

    /// `node` comes back up after [`node_down`](Self::node_down): groups stranded on down
    /// nodes come to it, and groups that fail back to it do. A node that is not down is left
    /// as it is.
    pub(crate) fn node_up(&mut self, c: usize, node: NodeId) {
        if self.cluster(c).node(node).is_none_or(|n| n.state != NodeState::Down) {
            return;
        }
        self.commit1(c, Change::SetNodeState { node, state: NodeState::Up });
        self.node_came_up(c, node);
    }
}
