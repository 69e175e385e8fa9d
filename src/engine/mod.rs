//! The engine: owns the live [`World`] and is its one commit path.
//!
//! Operations are planners over `&World` (see [`world::plan`](crate::world)) that return the
//! [`Change`]s to make; [`Engine::commit`] applies them, in order, and then runs what must
//! follow every change: the invariant check (debug and test builds) and, as the engine grows,
//! notifications, the record of changes in the trace, pending operations and the virtual
//! clock. Nothing else writes the world, so none of these can be skipped. The engine never
//! sees a handle: [`Sim`](crate::Sim) resolves handles to ids first.

use std::sync::Arc;

use crate::world::{Change, World};

/// The live world and its commit path.
#[derive(Debug)]
pub(crate) struct Engine {
    /// Shared with the snapshots handed out for inspection; a commit copies it only while a
    /// snapshot is still alive (`Arc::make_mut`).
    world: Arc<World>,
    /// How many changes have been committed.
    committed: u64,
}

impl Engine {
    /// An engine over `world`, which must satisfy the world's invariants.
    pub(crate) fn new(world: World) -> Engine {
        Engine { world: Arc::new(world), committed: 0 }
    }

    /// The world, to read.
    pub(crate) fn world(&self) -> &World {
        &self.world
    }

    /// A snapshot of the world that stays valid after the lock is released: the engine's own
    /// copy until the next commit.
    pub(crate) fn snapshot(&self) -> Arc<World> {
        Arc::clone(&self.world)
    }

    /// How many changes have been committed so far.
    #[allow(dead_code)] // read by the engine's own tests; the trace of changes will read it
    pub(crate) fn committed(&self) -> u64 {
        self.committed
    }

    /// Applies planned changes to cluster `cluster`, in order, then checks the invariants
    /// once (debug and test builds).
    ///
    /// # Panics
    /// When a change breaks an invariant: planners check every rule first, so that is a bug
    /// in a planner, reported with the change at fault.
    #[allow(dead_code)] // the state-changing operations (the engine issue) call this
    pub(crate) fn commit(&mut self, cluster: usize, changes: impl IntoIterator<Item = Change>) {
        let world = Arc::make_mut(&mut self.world);
        for change in changes {
            world.apply(cluster, change);
            self.committed += 1;
        }
        #[cfg(debug_assertions)]
        if let Err(broken) = self.world.check_invariants() {
            panic!("a committed change broke a world invariant: {broken}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::{ClusterBuilder, NodeState, ResourceType};

    fn engine() -> (Engine, crate::world::ObjectId) {
        let mut c = ClusterBuilder::new("C", "c.example", 1);
        c.add_node("N1", None, NodeState::Up).unwrap();
        c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 0, 0)).unwrap();
        let g = c.add_group("G", 1).unwrap();
        (Engine::new(World::new(vec![c.build()], 0).unwrap()), g)
    }

    #[test]
    fn committed_changes_are_applied_in_order_and_counted() {
        let (mut e, g) = engine();
        let c = &e.world().clusters()[0];
        let rename = c.plan_rename_group(g, "Web").unwrap();
        e.commit(0, [rename]);
        let c = &e.world().clusters()[0];
        let add = c.plan_add_resource(g, "Svc", "generic service").unwrap();
        e.commit(0, [add]);
        let c = &e.world().clusters()[0];
        assert_eq!(c.find_group("web"), Some(g));
        assert_eq!(c.groups()[&g].resources.len(), 1);
        assert_eq!(e.committed(), 2);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "broke a world invariant")]
    fn a_change_that_breaks_an_invariant_is_caught_at_commit() {
        let (mut e, g) = engine();
        // Not planned: an owner that is not a node.
        e.commit(0, [Change::SetGroupOwner { group: g, owner: 42 }]);
    }
}
