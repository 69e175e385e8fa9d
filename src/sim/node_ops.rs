//! The state-changing calls on nodes: `PauseClusterNode`, `ResumeClusterNode`. The engine
//! ([`crate::engine`]) has the rules; this resolves handles and records the calls. A node
//! going down and coming back is the test's to drive: [`Harness::node_down`](crate::Harness::node_down).

use super::{Call, Sim, State, Target};
use crate::error::{Error, Result};
use crate::handle_types::{Handle, NodeHandle};
use crate::handles::Kind;
use crate::world::NodeId;

impl State {
    /// The cluster index and id of the node behind a live node handle.
    pub(crate) fn node_at(&self, h: NodeHandle) -> Result<(usize, NodeId)> {
        let node = self.node(h)?.1.id;
        match self.target(h.raw(), Kind::Node)? {
            &Target::Node { cluster, .. } => Ok((cluster, node)),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}

impl Sim {
    /// `PauseClusterNode`: the node goes from Up to Paused. The groups it owns stay; no group
    /// moves or fails over to it, and nothing on it comes online (PauseClusterNode page).
    /// Pausing a paused node succeeds.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_DOWN (5050)` for a node that is not up (MS-CMRP 3.1.4.2.70);
    /// `ERROR_INVALID_HANDLE`; `ERROR_NODE_NOT_AVAILABLE (5036)` for an evicted node.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// sim.pause_node(node2)?;
    /// assert_eq!(sim.node_state(node2)?, NodeState::Paused);
    /// # sim.close_node(node2)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn pause_node(&self, node: NodeHandle) -> Result<()> {
        self.pause_node_as(&mut Call::rust("PauseClusterNode"), node, Ok)
    }

    pub(crate) fn pause_node_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                st.engine.pause_node(c, n)
            },
            deliver,
        )
    }

    /// `ResumeClusterNode`: the node goes from Paused back to Up.
    ///
    /// # Errors
    /// `ERROR_CLUSTER_NODE_NOT_PAUSED (5058)` for a node that is not paused (Samba's
    /// `test_ResumeNode_int`, run against Windows); `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{NodeState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node2 = sim.open_node(cluster, "NODE2")?;
    /// assert_eq!(sim.resume_node(node2).unwrap_err().code(), 5058);
    /// sim.pause_node(node2)?;
    /// sim.resume_node(node2)?;
    /// assert_eq!(sim.node_state(node2)?, NodeState::Up);
    /// # sim.close_node(node2)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resume_node(&self, node: NodeHandle) -> Result<()> {
        self.resume_node_as(&mut Call::rust("ResumeClusterNode"), node, Ok)
    }

    pub(crate) fn resume_node_as<T>(
        &self,
        call: &mut Call,
        node: NodeHandle,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let (c, n) = st.node_at(node)?;
                st.engine.resume_node(c, n)
            },
            deliver,
        )
    }
}
