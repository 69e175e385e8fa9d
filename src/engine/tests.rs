//! The engine's own tests: the commit path, and small scenarios on a bare cluster.

use super::*;
use crate::error::Error;
use crate::world::{ClusterBuilder, NodeState, ResourceState, ResourceType};

fn engine() -> (Engine, ObjectId) {
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

/// A chain ip <- name <- svc in one group on two nodes, with delays on the name.
fn chain(delay: u32) -> (Engine, ObjectId, [ObjectId; 3]) {
    let mut c = ClusterBuilder::new("C", "c.example", 1);
    c.add_node("N1", None, NodeState::Up).unwrap();
    c.add_node("N2", None, NodeState::Up).unwrap();
    c.add_resource_type(ResourceType::new("Generic Service", "clusres.dll", 0, 0)).unwrap();
    let g = c.add_group("G", 1).unwrap();
    let ip = c.add_resource(g, "ip", "Generic Service").unwrap();
    let name = c.add_resource(g, "name", "Generic Service").unwrap();
    let svc = c.add_resource(g, "svc", "Generic Service").unwrap();
    c.add_dependency(name, ip).unwrap();
    c.add_dependency(svc, name).unwrap();
    c.set_resource_delays(name, Some(delay), Some(delay)).unwrap();
    (Engine::new(World::new(vec![c.build()], 0).unwrap()), g, [ip, name, svc])
}

fn states(e: &Engine, rs: &[ObjectId]) -> Vec<ResourceState> {
    rs.iter().map(|r| e.res(0, *r).state).collect()
}

#[test]
fn online_brings_providers_first_and_waits_for_the_delay() {
    use ResourceState::*;
    let (mut e, _, rs) = chain(100);
    assert_eq!(e.online_resource(0, rs[2], 0), Ok(Completion::Pending));
    assert_eq!(states(&e, &rs), [Online, OnlinePending, OnlinePending], "ip has no delay");
    e.advance(99);
    assert_eq!(states(&e, &rs), [Online, OnlinePending, OnlinePending]);
    e.advance(1);
    assert_eq!(states(&e, &rs), [Online, Online, Online], "svc follows its provider at once");
    assert_eq!(e.pending(), 0);
    assert!(rs.iter().all(|&r| e.res(0, r).persistent_online), "the request brought all three online");
}

#[test]
fn offline_takes_dependents_first() {
    use ResourceState::*;
    let (mut e, _, rs) = chain(0);
    assert_eq!(e.online_resource(0, rs[2], 0), Ok(Completion::Done));
    assert_eq!(e.offline_resource(0, rs[0], 0), Ok(Completion::Done));
    assert_eq!(states(&e, &rs), [Offline, Offline, Offline]);
}

#[test]
fn calls_on_a_pending_resource_get_invalid_state() {
    let (mut e, _, rs) = chain(100);
    assert_eq!(e.online_resource(0, rs[1], 0), Ok(Completion::Pending));
    let invalid = Err(Error::new(crate::codes::ERROR_INVALID_STATE));
    assert_eq!(e.online_resource(0, rs[1], 0), invalid);
    assert_eq!(e.offline_resource(0, rs[1], 0), invalid);
    assert_eq!(e.offline_resource(0, rs[0], 0), invalid, "its dependent is pending");
    assert_eq!(e.settle(SETTLE_BOUND), Ok(100));
}

#[test]
fn a_failed_resource_restarts_then_its_group_fails_over_then_stays_failed() {
    let (mut e, g, rs) = chain(0);
    e.online_group(0, g, None, 0).unwrap();
    let owner = |e: &Engine| e.cluster(0).groups()[&g].owner;
    // RestartThreshold 3: three restarts on N1.
    for _ in 0..3 {
        e.fail_resource(0, rs[1]).unwrap();
        assert_eq!(e.res(0, rs[2]).state, ResourceState::Offline, "its dependent went down with it");
        e.settle(SETTLE_BOUND).unwrap();
        assert_eq!((owner(&e), e.res(0, rs[2]).state), (1, ResourceState::Online));
    }
    // The fourth failure fails the group over to N2.
    e.fail_resource(0, rs[1]).unwrap();
    e.settle(SETTLE_BOUND).unwrap();
    assert_eq!((owner(&e), states(&e, &rs)), (2, vec![ResourceState::Online; 3]));
}
