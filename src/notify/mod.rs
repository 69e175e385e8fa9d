//! Notification ports (v1): the events the engine posts, the filter sets a port holds, and the
//! queues events are delivered to (engine-properties-notify.md §B.1-§B.3).
//!
//! The engine never sees a handle: its commit path (`Engine::commit`) derives
//! one `Event` per thing that changed, named by object, into an outbox. The simulator's lock
//! holder drains that outbox into the ports after every entry point that can commit
//! (`State::flush_events`), and routes each event to every filter set that matches it:
//!
//! * one [`Notification`] per matching filter set, each with that set's key (CMRP 3.1.4.2.58:
//!   "a separate event indication for every filter"), in the order the events happened;
//! * nothing is queued on a port before its first filter set (CMRP 3.2.4.5.1): a port made with
//!   a filter of 0 has none;
//! * queues are unbounded, so nothing is ever dropped (and no `CLUSTER_RECONNECT` is posted);
//! * `CLUSTER_CHANGE_HANDLE_CLOSE` is posted when a handle a filter set was registered through
//!   (the cluster handle of `CreateClusterNotifyPort`, or an object handle of
//!   `RegisterClusterNotify`) is closed, if that set's mask has the bit; the set goes with it.

use std::collections::{BTreeMap, VecDeque};

use crate::world::{Change, Cluster, GroupState, NodeId, ObjectId};

/// `CLUSTER_CHANGE_NODE_STATE`: a node changed state. The name is the node's.
pub const CLUSTER_CHANGE_NODE_STATE: u32 = 0x1;
/// `CLUSTER_CHANGE_NODE_DELETED`: a node was evicted.
pub const CLUSTER_CHANGE_NODE_DELETED: u32 = 0x2;
/// `CLUSTER_CHANGE_NODE_ADDED`: a node joined.
pub const CLUSTER_CHANGE_NODE_ADDED: u32 = 0x4;
/// `CLUSTER_CHANGE_RESOURCE_STATE`: a resource changed state. The name is the resource's.
pub const CLUSTER_CHANGE_RESOURCE_STATE: u32 = 0x100;
/// `CLUSTER_CHANGE_RESOURCE_DELETED`: a resource was deleted.
pub const CLUSTER_CHANGE_RESOURCE_DELETED: u32 = 0x200;
/// `CLUSTER_CHANGE_RESOURCE_ADDED`: a resource was created.
pub const CLUSTER_CHANGE_RESOURCE_ADDED: u32 = 0x400;
/// `CLUSTER_CHANGE_RESOURCE_PROPERTY`: a resource's properties, dependencies, possible owners
/// or name changed.
pub const CLUSTER_CHANGE_RESOURCE_PROPERTY: u32 = 0x800;
/// `CLUSTER_CHANGE_GROUP_STATE`: a group's derived state or its owner node changed.
pub const CLUSTER_CHANGE_GROUP_STATE: u32 = 0x1000;
/// `CLUSTER_CHANGE_GROUP_DELETED`: a group was deleted.
pub const CLUSTER_CHANGE_GROUP_DELETED: u32 = 0x2000;
/// `CLUSTER_CHANGE_GROUP_ADDED`: a group was created.
pub const CLUSTER_CHANGE_GROUP_ADDED: u32 = 0x4000;
/// `CLUSTER_CHANGE_GROUP_PROPERTY`: a group's properties, name or preferred owners changed,
/// or a resource joined or left it.
pub const CLUSTER_CHANGE_GROUP_PROPERTY: u32 = 0x8000;
/// `CLUSTER_CHANGE_RESOURCE_TYPE_ADDED`: a resource type was installed.
pub const CLUSTER_CHANGE_RESOURCE_TYPE_ADDED: u32 = 0x20000;
/// `CLUSTER_CHANGE_NETWORK_STATE`: a network changed state.
pub const CLUSTER_CHANGE_NETWORK_STATE: u32 = 0x100000;
/// `CLUSTER_CHANGE_NETWORK_ADDED`: a network was added.
pub const CLUSTER_CHANGE_NETWORK_ADDED: u32 = 0x400000;
/// `CLUSTER_CHANGE_NETINTERFACE_STATE`: a net interface changed state.
pub const CLUSTER_CHANGE_NETINTERFACE_STATE: u32 = 0x1000000;
/// `CLUSTER_CHANGE_NETINTERFACE_DELETED`: a net interface went (with its evicted node).
pub const CLUSTER_CHANGE_NETINTERFACE_DELETED: u32 = 0x2000000;
/// `CLUSTER_CHANGE_NETINTERFACE_ADDED`: a net interface was added.
pub const CLUSTER_CHANGE_NETINTERFACE_ADDED: u32 = 0x4000000;
/// `CLUSTER_CHANGE_HANDLE_CLOSE`: a handle the port watched was closed. The name is the
/// object's (the cluster's for the cluster handle).
pub const CLUSTER_CHANGE_HANDLE_CLOSE: u32 = 0x8000_0000;
/// `CLUSTER_CHANGE_ALL`: every v1 event.
pub const CLUSTER_CHANGE_ALL: u32 = 0xFFFF_FFFF;

/// One event taken off a port by `GetClusterNotify`
/// ([`Sim::notify`](crate::Sim::notify)).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Notification {
    /// The key of the filter set it matched (`dwNotifyKey` of its registration).
    pub key: usize,
    /// The `CLUSTER_CHANGE_*` value: exactly one bit.
    pub filter: u32,
    /// The name of the object it is about (§B.2).
    pub name: String,
}

/// The object an event is about, in the engine's ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ObjectRef {
    Node(NodeId),
    Group(ObjectId),
    Resource(ObjectId),
    Network(ObjectId),
    NetInterface(ObjectId),
    /// A resource type, by name.
    ResourceType,
}

/// One change the engine committed, as an event: what changed, and the name it is known by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Event {
    pub(crate) cluster: usize,
    pub(crate) filter: u32,
    pub(crate) object: ObjectRef,
    pub(crate) name: String,
}

/// What a filter set watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every object of the cluster (`CreateClusterNotifyPort`).
    Cluster,
    /// One object (`RegisterClusterNotify`).
    Object(ObjectRef),
}

/// One filter set of a port.
#[derive(Clone, Debug)]
struct Filter {
    /// The handle it was registered through: closing it posts HANDLE_CLOSE and ends the set.
    handle: isize,
    cluster: usize,
    scope: Scope,
    mask: u32,
    key: usize,
}

/// One port: its filter sets and its queue.
#[derive(Clone, Debug, Default)]
struct Port {
    filters: Vec<Filter>,
    queue: VecDeque<Notification>,
    /// Its handle is still open. A port whose handle was closed with its cluster handle keeps
    /// what was queued (the HANDLE_CLOSE of the MsCS sample) until it is read or the port is
    /// closed; once empty it is gone.
    open: bool,
}

/// What taking the next event off a port found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Take {
    /// The next event.
    Event(Notification),
    /// Nothing queued yet.
    Empty,
    /// No such port (never made, closed, or closed with its cluster and drained).
    Invalid,
}

/// Every port of a simulator, by handle value (values are never reused, so a closed port's
/// value never reaches a new one).
#[derive(Debug, Default)]
pub(crate) struct Ports {
    ports: BTreeMap<isize, Port>,
}

impl Ports {
    /// Whether any port exists: only then does the engine record events.
    pub(crate) fn any(&self) -> bool {
        !self.ports.is_empty()
    }

    /// A new, open port with no filter set.
    pub(crate) fn create(&mut self, port: isize) {
        self.ports.insert(port, Port { open: true, ..Port::default() });
    }

    /// Whether `port` is an open port.
    pub(crate) fn is_open(&self, port: isize) -> bool {
        self.ports.get(&port).is_some_and(|p| p.open)
    }

    /// Adds a filter set to an open port.
    pub(crate) fn add(
        &mut self,
        port: isize,
        handle: isize,
        cluster: usize,
        scope: Scope,
        mask: u32,
        key: usize,
    ) {
        if let Some(p) = self.ports.get_mut(&port) {
            p.filters.push(Filter { handle, cluster, scope, mask, key });
        }
    }

    /// Queues `event` on every filter set it matches. Gives whether anything was queued.
    pub(crate) fn post(&mut self, event: &Event) -> bool {
        let mut posted = false;
        for p in self.ports.values_mut() {
            for f in &p.filters {
                let scoped = match f.scope {
                    Scope::Cluster => true,
                    Scope::Object(o) => o == event.object,
                };
                if f.cluster == event.cluster && scoped && f.mask & event.filter != 0 {
                    p.queue.push_back(Notification {
                        key: f.key,
                        filter: event.filter,
                        name: event.name.clone(),
                    });
                    posted = true;
                }
            }
        }
        posted
    }

    /// Handle `handle`, known by `name`, was closed: every filter set registered through it
    /// posts HANDLE_CLOSE (when its mask has the bit) and ends. Gives whether anything was
    /// queued.
    pub(crate) fn handle_closed(&mut self, handle: isize, name: &str) -> bool {
        let mut posted = false;
        for p in self.ports.values_mut() {
            let mut i = 0;
            while i < p.filters.len() {
                if p.filters[i].handle == handle {
                    let f = p.filters.remove(i);
                    if f.mask & CLUSTER_CHANGE_HANDLE_CLOSE != 0 {
                        p.queue.push_back(Notification {
                            key: f.key,
                            filter: CLUSTER_CHANGE_HANDLE_CLOSE,
                            name: name.to_owned(),
                        });
                        posted = true;
                    }
                } else {
                    i += 1;
                }
            }
        }
        posted
    }

    /// The port's own handle was closed with its cluster handle: it keeps its queue until
    /// read.
    pub(crate) fn orphan(&mut self, port: isize) {
        if let Some(p) = self.ports.get_mut(&port) {
            p.open = false;
        }
    }

    /// Removes orphaned ports with nothing left to read.
    pub(crate) fn sweep(&mut self) {
        self.ports.retain(|_, p| p.open || !p.queue.is_empty());
    }

    /// Takes the next event off `port`.
    pub(crate) fn take(&mut self, port: isize) -> Take {
        let Some(p) = self.ports.get_mut(&port) else { return Take::Invalid };
        match p.queue.pop_front() {
            Some(n) => {
                if !p.open && p.queue.is_empty() {
                    self.ports.remove(&port);
                }
                Take::Event(n)
            }
            None if p.open => Take::Empty,
            None => {
                self.ports.remove(&port);
                Take::Invalid
            }
        }
    }

    /// Removes a port and what it had queued. Gives whether it existed.
    pub(crate) fn close(&mut self, port: isize) -> bool {
        self.ports.remove(&port).is_some()
    }
}

/// The groups whose derived state and owner a commit compares before and after, with what
/// they were before its first change touched them.
pub(crate) type Touched = Vec<(ObjectId, GroupState, NodeId)>;

/// Records group `g`'s state and owner before a change touches it (once per commit).
fn touch(c: &Cluster, g: ObjectId, touched: &mut Touched) {
    if touched.iter().any(|t| t.0 == g) {
        return;
    }
    if let Some(group) = c.groups().get(&g) {
        touched.push((g, c.group_state(group), group.owner));
    }
}

/// The events `change` posts when applied to `c` (cluster index `cluster`), derived before it
/// is applied, so that a deleted object still has its name (§B.2's table of which engine
/// action posts what). Records the groups whose state it can change in `touched`.
pub(crate) fn events_of(
    c: &Cluster,
    cluster: usize,
    change: &Change,
    touched: &mut Touched,
    out: &mut Vec<Event>,
) {
    let mut post = |filter: u32, object: ObjectRef, name: &str| {
        out.push(Event { cluster, filter, object, name: name.to_owned() });
    };
    let res_name = |r: &ObjectId| c.resources().get(r).map(|r| r.name.as_str()).unwrap_or_default();
    let group_name = |g: &ObjectId| c.groups().get(g).map(|g| g.name.as_str()).unwrap_or_default();
    match change {
        Change::AddNode(node) => post(CLUSTER_CHANGE_NODE_ADDED, ObjectRef::Node(node.id), &node.name),
        Change::AddResourceType(rt) => {
            post(CLUSTER_CHANGE_RESOURCE_TYPE_ADDED, ObjectRef::ResourceType, &rt.name)
        }
        Change::AddGroup(g) => post(CLUSTER_CHANGE_GROUP_ADDED, ObjectRef::Group(g.id), &g.name),
        Change::AddResource(r) => {
            touch(c, r.group, touched);
            post(CLUSTER_CHANGE_RESOURCE_ADDED, ObjectRef::Resource(r.id), &r.name);
            post(CLUSTER_CHANGE_GROUP_PROPERTY, ObjectRef::Group(r.group), group_name(&r.group));
        }
        Change::AddDependency { dependent: r, .. }
        | Change::RemoveDependency { dependent: r, .. }
        | Change::SetDependencies { resource: r, .. }
        | Change::SetDependencyExpression { resource: r, .. }
        | Change::SetPossibleOwners { resource: r, .. }
        | Change::SetResourcePolicy { resource: r, .. }
        | Change::SetRestartPolicy { resource: r, .. } => {
            post(CLUSTER_CHANGE_RESOURCE_PROPERTY, ObjectRef::Resource(*r), res_name(r));
        }
        Change::RemoveResource(r) => {
            if let Some(res) = c.resources().get(r) {
                touch(c, res.group, touched);
                post(CLUSTER_CHANGE_RESOURCE_DELETED, ObjectRef::Resource(*r), &res.name);
                post(CLUSTER_CHANGE_GROUP_PROPERTY, ObjectRef::Group(res.group), group_name(&res.group));
            }
        }
        Change::RemoveGroup(g) => post(CLUSTER_CHANGE_GROUP_DELETED, ObjectRef::Group(*g), group_name(g)),
        Change::SetPreferredOwners { group: g, .. }
        | Change::SetGroupPolicy { group: g, .. }
        | Change::SetFailoverPolicy { group: g, .. } => {
            post(CLUSTER_CHANGE_GROUP_PROPERTY, ObjectRef::Group(*g), group_name(g));
        }
        Change::MoveResourceToGroup { resource, group } => {
            if let Some(from) = c.resources().get(resource).map(|r| r.group) {
                touch(c, from, touched);
                touch(c, *group, touched);
                post(CLUSTER_CHANGE_RESOURCE_PROPERTY, ObjectRef::Resource(*resource), res_name(resource));
                post(CLUSTER_CHANGE_GROUP_PROPERTY, ObjectRef::Group(from), group_name(&from));
                post(CLUSTER_CHANGE_GROUP_PROPERTY, ObjectRef::Group(*group), group_name(group));
            }
        }
        Change::AddNetwork(n) => post(CLUSTER_CHANGE_NETWORK_ADDED, ObjectRef::Network(n.id), &n.name),
        Change::AddNetInterface(i) => {
            post(CLUSTER_CHANGE_NETINTERFACE_ADDED, ObjectRef::NetInterface(i.id), &i.name)
        }
        Change::SetNodeState { node, state } => {
            if let Some(n) = c.node(*node).filter(|n| n.state != *state) {
                post(CLUSTER_CHANGE_NODE_STATE, ObjectRef::Node(*node), &n.name);
            }
        }
        Change::RemoveNode(node) => {
            for i in c.net_interfaces().values().filter(|i| i.node == *node) {
                post(CLUSTER_CHANGE_NETINTERFACE_DELETED, ObjectRef::NetInterface(i.id), &i.name);
            }
            if let Some(n) = c.node(*node) {
                post(CLUSTER_CHANGE_NODE_DELETED, ObjectRef::Node(*node), &n.name);
            }
        }
        Change::SetNetworkState { network, state } => {
            if let Some(n) = c.networks().get(network).filter(|n| n.state != *state) {
                post(CLUSTER_CHANGE_NETWORK_STATE, ObjectRef::Network(*network), &n.name);
            }
        }
        Change::SetNetInterfaceState { net_interface, state } => {
            if let Some(i) = c.net_interfaces().get(net_interface).filter(|i| i.state != *state) {
                post(CLUSTER_CHANGE_NETINTERFACE_STATE, ObjectRef::NetInterface(*net_interface), &i.name);
            }
        }
        Change::SetResourceState { resource, state } => {
            if let Some(r) = c.resources().get(resource).filter(|r| r.state != *state) {
                touch(c, r.group, touched);
                post(CLUSTER_CHANGE_RESOURCE_STATE, ObjectRef::Resource(*resource), &r.name);
            }
        }
        Change::SetGroupOwner { group, .. } => touch(c, *group, touched),
        Change::RenameGroup { group, name } => {
            post(CLUSTER_CHANGE_GROUP_PROPERTY, ObjectRef::Group(*group), name)
        }
        Change::RenameResource { resource, name } => {
            post(CLUSTER_CHANGE_RESOURCE_PROPERTY, ObjectRef::Resource(*resource), name);
        }
        // Not ClusAPI-visible properties (persistent state, the simulator's delays), or
        // cluster-level settings no v1 event describes.
        Change::SetResourcePersistent { .. }
        | Change::SetGroupPersistent { .. }
        | Change::SetResourceDelays { .. }
        | Change::SetTypeDelays { .. }
        | Change::SetAddresses(_)
        | Change::SetVersion(_)
        | Change::SetQuorum(_)
        | Change::RenameCluster(_)
        | Change::SetQuorumConfig { .. } => {}
    }
}

/// After a commit: GROUP_STATE for each touched group whose derived state or owner changed.
pub(crate) fn group_state_events(c: &Cluster, cluster: usize, touched: &Touched, out: &mut Vec<Event>) {
    for &(g, state, owner) in touched {
        if let Some(group) = c.groups().get(&g) {
            if c.group_state(group) != state || group.owner != owner {
                out.push(Event {
                    cluster,
                    filter: CLUSTER_CHANGE_GROUP_STATE,
                    object: ObjectRef::Group(g),
                    name: group.name.clone(),
                });
            }
        }
    }
}
