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
/// `CLUSTER_CHANGE_REGISTRY_NAME`: a subkey of the watched key was created or deleted. The
/// name is the key's path relative to the watched key.
pub const CLUSTER_CHANGE_REGISTRY_NAME: u32 = 0x10;
/// `CLUSTER_CHANGE_REGISTRY_ATTRIBUTES`: a key's security descriptor changed
/// (`ClusterRegSetKeySecurity`). The name is the key's relative path (`""`: the watched key).
pub const CLUSTER_CHANGE_REGISTRY_ATTRIBUTES: u32 = 0x20;
/// `CLUSTER_CHANGE_REGISTRY_VALUE`: a value of a key was set or deleted, also by a property
/// change of an object whose key it is (§D.1). The name is the key's relative path.
pub const CLUSTER_CHANGE_REGISTRY_VALUE: u32 = 0x40;
/// `CLUSTER_CHANGE_REGISTRY_SUBTREE`: a filter modifier, never delivered: the registry events
/// of a key handle's filter set cover every key below it too.
pub const CLUSTER_CHANGE_REGISTRY_SUBTREE: u32 = 0x80;
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

/// One event taken off a v2 port by `GetClusterNotifyV2`
/// ([`Sim::notify_v2`](crate::Sim::notify_v2)).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NotificationV2 {
    /// The key of the filter set it matched.
    pub key: usize,
    /// The `CLUSTER_OBJECT_TYPE` of the filter it matched (`CLUSTER_OBJECT_TYPE_*`).
    pub object_type: u32,
    /// The `CLUSTER_CHANGE_<TYPE>_V2` value: exactly one bit.
    pub filter: i64,
    /// The id of the object the event names: a GUID string, a node's id in decimal, a
    /// resource type's name.
    pub object_id: String,
    /// The id of its parent: a resource's group, a net interface's node; empty otherwise.
    pub parent_id: String,
    /// Its name.
    pub name: String,
    /// Its type: a resource's type name; empty for other objects.
    pub type_name: String,
}

/// `CLUSTER_OBJECT_TYPE_CLUSTER`.
pub const CLUSTER_OBJECT_TYPE_CLUSTER: u32 = 1;
/// `CLUSTER_OBJECT_TYPE_GROUP`.
pub const CLUSTER_OBJECT_TYPE_GROUP: u32 = 2;
/// `CLUSTER_OBJECT_TYPE_RESOURCE`.
pub const CLUSTER_OBJECT_TYPE_RESOURCE: u32 = 3;
/// `CLUSTER_OBJECT_TYPE_RESOURCE_TYPE`.
pub const CLUSTER_OBJECT_TYPE_RESOURCE_TYPE: u32 = 4;
/// `CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE`.
pub const CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE: u32 = 5;
/// `CLUSTER_OBJECT_TYPE_NETWORK`.
pub const CLUSTER_OBJECT_TYPE_NETWORK: u32 = 6;
/// `CLUSTER_OBJECT_TYPE_NODE`.
pub const CLUSTER_OBJECT_TYPE_NODE: u32 = 7;
/// `CLUSTER_OBJECT_TYPE_GROUPSET`.
pub const CLUSTER_OBJECT_TYPE_GROUPSET: u32 = 13;

/// `CLUSTER_CHANGE_GROUPSET_DELETED_v2` (windows-sys spells it with a lowercase `v2`).
pub const CLUSTER_CHANGE_GROUPSET_DELETED_V2: i64 = 0x1;
/// `CLUSTER_CHANGE_GROUPSET_COMMON_PROPERTY_V2`: a group set's common property changed.
pub const CLUSTER_CHANGE_GROUPSET_COMMON_PROPERTY_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_GROUPSET_PRIVATE_PROPERTY_V2` (never posted: group sets have no private
/// properties here).
pub const CLUSTER_CHANGE_GROUPSET_PRIVATE_PROPERTY_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_GROUPSET_GROUP_ADDED`: a group joined the set; names the group.
pub const CLUSTER_CHANGE_GROUPSET_GROUP_ADDED: i64 = 0x10;
/// `CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED`: a group left the set; names the group.
pub const CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED: i64 = 0x20;
/// `CLUSTER_CHANGE_GROUPSET_DEPENDENCIES_V2`: the set's dependencies changed.
pub const CLUSTER_CHANGE_GROUPSET_DEPENDENCIES_V2: i64 = 0x40;
/// `CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2`: a dependency on the set was added or removed.
pub const CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2: i64 = 0x80;
/// `CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_v2`.
pub const CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_V2: i64 = 0x100;
/// `CLUSTER_CHANGE_GROUPSET_ALL_V2`.
pub const CLUSTER_CHANGE_GROUPSET_ALL_V2: i64 = 0x1FF;

/// `CLUSTER_CHANGE_GROUP_ADDED_V2` (cluster type): names the new group.
pub const CLUSTER_CHANGE_GROUP_ADDED_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_CLUSTER_HANDLE_CLOSE_V2`.
pub const CLUSTER_CHANGE_CLUSTER_HANDLE_CLOSE_V2: i64 = 0x8;
/// `CLUSTER_CHANGE_NETWORK_ADDED_V2` (cluster type): names the new network.
pub const CLUSTER_CHANGE_NETWORK_ADDED_V2: i64 = 0x10;
/// `CLUSTER_CHANGE_NODE_ADDED_V2` (cluster type): names the new node.
pub const CLUSTER_CHANGE_NODE_ADDED_V2: i64 = 0x20;
/// `CLUSTER_CHANGE_RESOURCE_TYPE_ADDED_V2` (cluster type): names the new type.
pub const CLUSTER_CHANGE_RESOURCE_TYPE_ADDED_V2: i64 = 0x40;
/// `CLUSTER_CHANGE_CLUSTER_ALL_V2`.
pub const CLUSTER_CHANGE_CLUSTER_ALL_V2: i64 = 0x1FFF;
/// `CLUSTER_CHANGE_GROUP_DELETED_V2`.
pub const CLUSTER_CHANGE_GROUP_DELETED_V2: i64 = 0x1;
/// `CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2`: a group's policies or name changed.
pub const CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_GROUP_STATE_V2`: a group's derived state changed.
pub const CLUSTER_CHANGE_GROUP_STATE_V2: i64 = 0x8;
/// `CLUSTER_CHANGE_GROUP_OWNER_NODE_V2`: a group moved to another node.
pub const CLUSTER_CHANGE_GROUP_OWNER_NODE_V2: i64 = 0x10;
/// `CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2`.
pub const CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2: i64 = 0x20;
/// `CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2`: names the new resource.
pub const CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2: i64 = 0x40;
/// `CLUSTER_CHANGE_GROUP_RESOURCE_GAINED_V2`: names the resource moved in.
pub const CLUSTER_CHANGE_GROUP_RESOURCE_GAINED_V2: i64 = 0x80;
/// `CLUSTER_CHANGE_GROUP_RESOURCE_LOST_V2`: names the resource moved out.
pub const CLUSTER_CHANGE_GROUP_RESOURCE_LOST_V2: i64 = 0x100;
/// `CLUSTER_CHANGE_GROUP_HANDLE_CLOSE_V2`.
pub const CLUSTER_CHANGE_GROUP_HANDLE_CLOSE_V2: i64 = 0x200;
/// `CLUSTER_CHANGE_GROUP_ALL_V2`.
pub const CLUSTER_CHANGE_GROUP_ALL_V2: i64 = 0x3FF;
/// `CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2`: a resource's policies or name changed.
pub const CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2: i64 = 0x1;
/// `CLUSTER_CHANGE_RESOURCE_STATE_V2`.
pub const CLUSTER_CHANGE_RESOURCE_STATE_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2`: a resource moved to another group.
pub const CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2: i64 = 0x8;
/// `CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2`: a resource's dependencies changed.
pub const CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2: i64 = 0x10;
/// `CLUSTER_CHANGE_RESOURCE_DEPENDENTS_V2`: a dependency on the resource was added or removed.
pub const CLUSTER_CHANGE_RESOURCE_DEPENDENTS_V2: i64 = 0x20;
/// `CLUSTER_CHANGE_RESOURCE_POSSIBLE_OWNERS_V2`.
pub const CLUSTER_CHANGE_RESOURCE_POSSIBLE_OWNERS_V2: i64 = 0x40;
/// `CLUSTER_CHANGE_RESOURCE_DELETED_V2`.
pub const CLUSTER_CHANGE_RESOURCE_DELETED_V2: i64 = 0x80;
/// `CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2`.
pub const CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2: i64 = 0x200;
/// `CLUSTER_CHANGE_RESOURCE_ALL_V2`.
pub const CLUSTER_CHANGE_RESOURCE_ALL_V2: i64 = 0x7FF;
/// `CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2`: names the new net interface.
pub const CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2: i64 = 0x1;
/// `CLUSTER_CHANGE_NODE_DELETED_V2`.
pub const CLUSTER_CHANGE_NODE_DELETED_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_NODE_STATE_V2`.
pub const CLUSTER_CHANGE_NODE_STATE_V2: i64 = 0x10;
/// `CLUSTER_CHANGE_NODE_GROUP_GAINED_V2`: a group moved to the node; names the group.
pub const CLUSTER_CHANGE_NODE_GROUP_GAINED_V2: i64 = 0x20;
/// `CLUSTER_CHANGE_NODE_GROUP_LOST_V2`: a group moved off the node; names the group.
pub const CLUSTER_CHANGE_NODE_GROUP_LOST_V2: i64 = 0x40;
/// `CLUSTER_CHANGE_NODE_HANDLE_CLOSE_V2`.
pub const CLUSTER_CHANGE_NODE_HANDLE_CLOSE_V2: i64 = 0x80;
/// `CLUSTER_CHANGE_NODE_ALL_V2`.
pub const CLUSTER_CHANGE_NODE_ALL_V2: i64 = 0xFF;
/// `CLUSTER_CHANGE_NETWORK_STATE_V2` (also `CLUSTER_CHANGE_NETINTERFACE_STATE_V2`).
pub const CLUSTER_CHANGE_NETWORK_STATE_V2: i64 = 0x8;
/// `CLUSTER_CHANGE_NETINTERFACE_DELETED_V2` (also the network's).
pub const CLUSTER_CHANGE_NETINTERFACE_DELETED_V2: i64 = 0x1;
/// `CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2` (also `CLUSTER_CHANGE_NETINTERFACE_HANDLE_CLOSE_V2`).
pub const CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2: i64 = 0x10;

// The property events (doc:CLUSTER_CHANGE and the per-type CLUSTER_CHANGE_*_V2 pages; values
// from windows-sys): posted by SET_COMMON_PROPERTIES and SET_PRIVATE_PROPERTIES.
/// `CLUSTER_CHANGE_CLUSTER_PROPERTY`: a cluster property changed.
pub const CLUSTER_CHANGE_CLUSTER_PROPERTY: u32 = 0x4000_0000;
/// `CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY`: a resource type's property changed.
pub const CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY: u32 = 0x40000;
/// `CLUSTER_CHANGE_NETWORK_PROPERTY`: a network's property changed.
pub const CLUSTER_CHANGE_NETWORK_PROPERTY: u32 = 0x80_0000;
/// `CLUSTER_CHANGE_NETINTERFACE_PROPERTY`: a net interface's property changed.
pub const CLUSTER_CHANGE_NETINTERFACE_PROPERTY: u32 = 0x800_0000;
/// `CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2`.
pub const CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2: i64 = 0x80;
/// `CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2: i64 = 0x100;
/// `CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2`.
pub const CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2: i64 = 0x8;
/// `CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2`.
pub const CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_RESOURCE_TYPE_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_RESOURCE_TYPE_PRIVATE_PROPERTY_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2`.
pub const CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2: i64 = 0x4;
/// `CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2`.
pub const CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2: i64 = 0x2;
/// `CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2`.
pub const CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2: i64 = 0x4;

/// The HANDLE_CLOSE_V2 bit of an object type (0 for a type without one here).
pub(crate) fn handle_close_v2(object_type: u32) -> i64 {
    match object_type {
        CLUSTER_OBJECT_TYPE_CLUSTER => CLUSTER_CHANGE_CLUSTER_HANDLE_CLOSE_V2,
        CLUSTER_OBJECT_TYPE_GROUP => CLUSTER_CHANGE_GROUP_HANDLE_CLOSE_V2,
        CLUSTER_OBJECT_TYPE_RESOURCE => CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2,
        CLUSTER_OBJECT_TYPE_NODE => CLUSTER_CHANGE_NODE_HANDLE_CLOSE_V2,
        CLUSTER_OBJECT_TYPE_NETWORK | CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE => {
            CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2
        }
        CLUSTER_OBJECT_TYPE_GROUPSET => CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_V2,
        _ => 0,
    }
}

/// What an event names: the fields of a v2 notification besides its key and filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Subject {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) parent: String,
    pub(crate) type_name: String,
}

impl Subject {
    /// What `object` of `c` is known by ("" fields once it is gone).
    pub(crate) fn of(c: &Cluster, object: ObjectRef) -> Subject {
        let mut s = Subject::default();
        match object {
            ObjectRef::Node(n) => {
                if let Some(node) = c.node(n) {
                    s.name = node.name.clone();
                    s.id = n.to_string();
                }
            }
            ObjectRef::Group(g) => {
                if let Some(group) = c.groups().get(&g) {
                    s.name = group.name.clone();
                    s.id = c.guid_for(g);
                }
            }
            ObjectRef::Resource(r) => {
                if let Some(res) = c.resources().get(&r) {
                    s.name = res.name.clone();
                    s.id = c.guid_for(r);
                    s.parent = c.guid_for(res.group);
                    s.type_name = res.resource_type.clone();
                }
            }
            ObjectRef::Network(n) => {
                if let Some(net) = c.networks().get(&n) {
                    s.name = net.name.clone();
                    s.id = c.guid_for(n);
                }
            }
            ObjectRef::NetInterface(i) => {
                if let Some(ni) = c.net_interfaces().get(&i) {
                    s.name = ni.name.clone();
                    s.id = c.guid_for(i);
                    s.parent = ni.node.to_string();
                }
            }
            ObjectRef::GroupSet(g) => {
                if let Some(set) = c.group_sets().get(&g) {
                    s.name = set.name.clone();
                    s.id = set.guid.clone();
                }
            }
            ObjectRef::ResourceType(_) | ObjectRef::Cluster | ObjectRef::Registry => {}
        }
        s
    }

    /// A resource type, known by its name (also as its id).
    fn resource_type(name: &str) -> Subject {
        Subject { name: name.to_owned(), id: name.to_owned(), ..Subject::default() }
    }
}

/// Which notification an event is: a v1 `CLUSTER_CHANGE_*` bit, or a v2 (object type, bit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flag {
    V1(u32),
    V2(u32, i64),
}

/// The object an event is about, in the engine's ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ObjectRef {
    /// The cluster itself (the v2 CLUSTER events).
    Cluster,
    Node(NodeId),
    Group(ObjectId),
    Resource(ObjectId),
    Network(ObjectId),
    NetInterface(ObjectId),
    GroupSet(ObjectId),
    /// A resource type, by its index among the cluster's installed types (types are never
    /// removed).
    ResourceType(u32),
    /// A key of the cluster registry: the event's subject name is its path from the root.
    Registry,
}

/// One change the engine committed, as an event: which notification, the object whose
/// registrations see it, and what it names (for a v1 event only the name is used).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Event {
    pub(crate) cluster: usize,
    pub(crate) flag: Flag,
    pub(crate) object: ObjectRef,
    pub(crate) subject: Subject,
}

/// A filter set's mask: v1 bits, or a v2 (object type, mask) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mask {
    V1(u32),
    V2(u32, i64),
}

/// One queued notification, of its port's version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Queued {
    V1(Notification),
    V2(NotificationV2),
}

/// What a filter set watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Scope {
    /// Every object of the cluster (`CreateClusterNotifyPort`).
    Cluster,
    /// One object (`RegisterClusterNotify`).
    Object(ObjectRef),
    /// A key of the cluster registry (`RegisterClusterNotify` with an `HKEY`): its path from
    /// the root, upper-cased, and whether `CLUSTER_CHANGE_REGISTRY_SUBTREE` extends it to
    /// the keys below.
    Key(usize),
}

/// The registry keys that filter sets watch, by the index [`Scope::Key`] holds.
#[derive(Clone, Debug, Default)]
struct WatchedKeys {
    keys: Vec<(String, bool)>,
}

/// The path of the key an event names (upper-cased, `\`-joined) relative to the watched key
/// `watched`, if the set sees it: a subkey created or deleted (`name`) directly below it, or
/// a value or security change on it; anywhere below with `subtree`.
fn relative(watched: &str, subtree: bool, path: &str, name: bool) -> Option<usize> {
    let below = if watched.is_empty() {
        Some(0)
    } else if path.len() > watched.len()
        && path.as_bytes()[watched.len()] == b'\\'
        && path.starts_with(watched)
    {
        Some(watched.len() + 1)
    } else {
        None
    };
    if path == watched && !name {
        return Some(path.len());
    }
    let start = below?;
    if subtree || (name && !path[start..].contains('\\')) { Some(start) } else { None }
}

/// One filter set of a port.
#[derive(Clone, Debug)]
struct Filter {
    /// The handle it was registered through: closing it posts HANDLE_CLOSE and ends the set.
    handle: isize,
    cluster: usize,
    scope: Scope,
    mask: Mask,
    key: usize,
}

/// One port: its filter sets (by registration number, so in registration order) and its
/// queue.
#[derive(Clone, Debug, Default)]
struct Port {
    filters: BTreeMap<u64, Filter>,
    queue: VecDeque<Queued>,
    /// A v2 port (`CreateClusterNotifyPortV2`): only v2 filter sets and `GetClusterNotifyV2`.
    v2: bool,
    /// Its handle is still open. A port whose handle was closed with its cluster handle keeps
    /// what was queued (the HANDLE_CLOSE of the MsCS sample) until it is read or the port is
    /// closed; once empty it is gone.
    open: bool,
}

/// What taking the next event off a port found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Take {
    /// The next event.
    Event(Queued),
    /// Nothing queued yet.
    Empty,
    /// No such port (never made, closed, or closed with its cluster and drained).
    Invalid,
}

/// The channel an event travels on: one v1 `CLUSTER_CHANGE_*` bit (its index), or one v2
/// object type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Channel {
    V1(u32),
    V2(u32),
}

/// Where the filter sets that can see an event are: its cluster, what they watch, its channel.
type Bucket = (usize, Scope, Channel);

/// A filter set: its port and its registration number.
type FilterRef = (isize, u64);

/// Every port of a simulator, by handle value (values are never reused, so a closed port's
/// value never reaches a new one), with two indexes over their filter sets: by the bucket of
/// the events they can match, so that posting an event visits only the sets of its cluster
/// that watch its object or the whole cluster, on its channel (O(sets that can match), not
/// O(all sets)); and by the handle they were registered through, so that closing a handle
/// visits only its own sets.
#[derive(Debug, Default)]
pub(crate) struct Ports {
    ports: BTreeMap<isize, Port>,
    buckets: std::collections::HashMap<Bucket, Vec<FilterRef>>,
    by_handle: std::collections::HashMap<isize, Vec<FilterRef>>,
    /// The next filter set's registration number.
    next: u64,
    watched: WatchedKeys,
}

/// The channels a filter set listens on: each bit of a v1 mask, or its v2 type.
fn channels(mask: Mask) -> impl Iterator<Item = Channel> {
    let (v1, v2) = match mask {
        Mask::V1(bits) => (bits, None),
        Mask::V2(ty, _) => (0, Some(Channel::V2(ty))),
    };
    (0..32).filter(move |b| v1 & (1 << b) != 0).map(Channel::V1).chain(v2)
}

impl Ports {
    /// Whether any port exists: only then does the engine record events.
    pub(crate) fn any(&self) -> bool {
        !self.ports.is_empty()
    }

    /// A new, open port with no filter set (`v2`: made by `CreateClusterNotifyPortV2`).
    pub(crate) fn create(&mut self, port: isize, v2: bool) {
        self.ports.insert(port, Port { open: true, v2, ..Port::default() });
    }

    /// Whether `port` is an open port of that version.
    pub(crate) fn is_open(&self, port: isize, v2: bool) -> bool {
        self.ports.get(&port).is_some_and(|p| p.open && p.v2 == v2)
    }

    /// Adds a filter set to an open port.
    pub(crate) fn add(
        &mut self,
        port: isize,
        handle: isize,
        cluster: usize,
        scope: Scope,
        mask: Mask,
        key: usize,
    ) {
        let Some(p) = self.ports.get_mut(&port) else { return };
        let seq = self.next;
        self.next += 1;
        p.filters.insert(seq, Filter { handle, cluster, scope, mask, key });
        for ch in channels(mask) {
            self.buckets.entry((cluster, scope, ch)).or_default().push((port, seq));
        }
        self.by_handle.entry(handle).or_default().push((port, seq));
    }

    /// Takes filter set `seq` of `port` out of the indexes.
    fn unindex(&mut self, port: isize, seq: u64, f: &Filter) {
        for ch in channels(f.mask) {
            if let Some(list) = self.buckets.get_mut(&(f.cluster, f.scope, ch)) {
                list.retain(|&r| r != (port, seq));
                if list.is_empty() {
                    self.buckets.remove(&(f.cluster, f.scope, ch));
                }
            }
        }
        if let Some(list) = self.by_handle.get_mut(&f.handle) {
            list.retain(|&r| r != (port, seq));
            if list.is_empty() {
                self.by_handle.remove(&f.handle);
            }
        }
    }

    /// Removes `port` with its filter sets (from the indexes too).
    fn remove(&mut self, port: isize) -> Option<Port> {
        let p = self.ports.remove(&port)?;
        for (&seq, f) in &p.filters {
            self.unindex(port, seq, f);
        }
        Some(p)
    }

    /// A scope watching the registry key at `path` (from the root; `subtree`: and below).
    pub(crate) fn key_scope(&mut self, path: &str, subtree: bool) -> Scope {
        self.watched.keys.push((path.to_uppercase(), subtree));
        Scope::Key(self.watched.keys.len() - 1)
    }

    /// Queues `event` on every filter set it matches, in port order and, within a port, in
    /// registration order. Gives whether anything was queued.
    ///
    /// Registry events reach only the sets registered on a key (a choice: the docs tie them
    /// to `RegisterClusterNotify` with an `HKEY`, and cluster-wide sets keep the object
    /// events alone), named by the changed key's path relative to the watched one; object
    /// events reach only the sets of the whole cluster or of their object.
    pub(crate) fn post(&mut self, event: &Event) -> bool {
        let ch = match event.flag {
            // A v1 event is one CLUSTER_CHANGE_* bit.
            Flag::V1(bit) => Channel::V1(bit.trailing_zeros()),
            Flag::V2(ty, _) => Channel::V2(ty),
        };
        let mut hits: Vec<FilterRef> = if event.object == ObjectRef::Registry {
            (0..self.watched.keys.len())
                .filter_map(|k| self.buckets.get(&(event.cluster, Scope::Key(k), ch)))
                .flatten()
                .copied()
                .collect()
        } else {
            let wide = self.buckets.get(&(event.cluster, Scope::Cluster, ch));
            let own = self.buckets.get(&(event.cluster, Scope::Object(event.object), ch));
            wide.into_iter().chain(own).flatten().copied().collect()
        };
        if hits.is_empty() {
            return false;
        }
        hits.sort_unstable();
        let upper = (event.object == ObjectRef::Registry).then(|| event.subject.name.to_uppercase());
        let mut posted = false;
        for (port, seq) in hits {
            let Some(p) = self.ports.get_mut(&port) else { continue };
            let Some(f) = p.filters.get(&seq) else { continue };
            if let (Scope::Key(k), Some(path)) = (f.scope, &upper) {
                let (watched, subtree) = &self.watched.keys[k];
                let is_name = event.flag == Flag::V1(CLUSTER_CHANGE_REGISTRY_NAME);
                let full = &event.subject.name;
                // Upper-casing kept the lengths for every name but a few non-ASCII ones.
                let text = if full.len() == path.len() { full } else { path };
                let Some(start) = relative(watched, *subtree, path, is_name) else { continue };
                if let (Mask::V1(mask), Flag::V1(filter)) = (f.mask, event.flag) {
                    if mask & filter != 0 {
                        let name = text[start..].to_owned();
                        p.queue.push_back(Queued::V1(Notification { key: f.key, filter, name }));
                        posted = true;
                    }
                }
                continue;
            }
            let queued = match (f.mask, event.flag) {
                (Mask::V1(mask), Flag::V1(filter)) if mask & filter != 0 => {
                    Queued::V1(Notification { key: f.key, filter, name: event.subject.name.clone() })
                }
                (Mask::V2(t, mask), Flag::V2(ty, flag)) if t == ty && mask & flag != 0 => {
                    Queued::V2(v2_notification(f.key, ty, flag, &event.subject))
                }
                _ => continue,
            };
            p.queue.push_back(queued);
            posted = true;
        }
        posted
    }

    /// Handle `handle` to an object of type `object_type`, known as `subject`, was closed:
    /// every filter set registered through it posts HANDLE_CLOSE (v1, when its mask has the
    /// bit) or the HANDLE_CLOSE_V2 of that type (v2, when the set is for that type and its mask
    /// has the bit), and ends. Gives whether anything was queued.
    pub(crate) fn handle_closed(&mut self, handle: isize, object_type: u32, subject: &Subject) -> bool {
        let Some(mut sets) = self.by_handle.remove(&handle) else { return false };
        sets.sort_unstable();
        let mut posted = false;
        for (port, seq) in sets {
            let Some(f) = self.ports.get_mut(&port).and_then(|p| p.filters.remove(&seq)) else { continue };
            self.unindex(port, seq, &f);
            let close = handle_close_v2(object_type);
            let queued = match f.mask {
                Mask::V1(mask) if mask & CLUSTER_CHANGE_HANDLE_CLOSE != 0 => Some(Queued::V1(Notification {
                    key: f.key,
                    filter: CLUSTER_CHANGE_HANDLE_CLOSE,
                    name: subject.name.clone(),
                })),
                Mask::V2(t, mask) if t == object_type && mask & close != 0 => {
                    Some(Queued::V2(v2_notification(f.key, t, close, subject)))
                }
                _ => None,
            };
            if let (Some(q), Some(p)) = (queued, self.ports.get_mut(&port)) {
                p.queue.push_back(q);
                posted = true;
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
        let gone: Vec<isize> =
            self.ports.iter().filter(|(_, p)| !p.open && p.queue.is_empty()).map(|(&k, _)| k).collect();
        for port in gone {
            self.remove(port);
        }
    }

    /// Takes the next event off `port`, a port of that version (another version's port is
    /// `Invalid`, and keeps its queue).
    pub(crate) fn take(&mut self, port: isize, v2: bool) -> Take {
        let Some(p) = self.ports.get_mut(&port).filter(|p| p.v2 == v2) else { return Take::Invalid };
        match p.queue.pop_front() {
            Some(n) => {
                if !p.open && p.queue.is_empty() {
                    self.remove(port);
                }
                Take::Event(n)
            }
            None if p.open => Take::Empty,
            None => {
                self.remove(port);
                Take::Invalid
            }
        }
    }

    /// Removes a port and what it had queued. Gives whether it existed.
    pub(crate) fn close(&mut self, port: isize) -> bool {
        self.remove(port).is_some()
    }
}

/// The name of the `CLUSTER_CHANGE_*` constant of `flag`.
pub(crate) fn flag_name(flag: Flag) -> &'static str {
    const C: u32 = CLUSTER_OBJECT_TYPE_CLUSTER;
    const G: u32 = CLUSTER_OBJECT_TYPE_GROUP;
    const R: u32 = CLUSTER_OBJECT_TYPE_RESOURCE;
    const T: u32 = CLUSTER_OBJECT_TYPE_RESOURCE_TYPE;
    const I: u32 = CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE;
    const W: u32 = CLUSTER_OBJECT_TYPE_NETWORK;
    const N: u32 = CLUSTER_OBJECT_TYPE_NODE;
    const S: u32 = CLUSTER_OBJECT_TYPE_GROUPSET;
    match flag {
        Flag::V1(CLUSTER_CHANGE_NODE_STATE) => "CLUSTER_CHANGE_NODE_STATE",
        Flag::V1(CLUSTER_CHANGE_NODE_DELETED) => "CLUSTER_CHANGE_NODE_DELETED",
        Flag::V1(CLUSTER_CHANGE_NODE_ADDED) => "CLUSTER_CHANGE_NODE_ADDED",
        Flag::V1(CLUSTER_CHANGE_RESOURCE_STATE) => "CLUSTER_CHANGE_RESOURCE_STATE",
        Flag::V1(CLUSTER_CHANGE_RESOURCE_DELETED) => "CLUSTER_CHANGE_RESOURCE_DELETED",
        Flag::V1(CLUSTER_CHANGE_RESOURCE_ADDED) => "CLUSTER_CHANGE_RESOURCE_ADDED",
        Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY) => "CLUSTER_CHANGE_RESOURCE_PROPERTY",
        Flag::V1(CLUSTER_CHANGE_GROUP_STATE) => "CLUSTER_CHANGE_GROUP_STATE",
        Flag::V1(CLUSTER_CHANGE_GROUP_DELETED) => "CLUSTER_CHANGE_GROUP_DELETED",
        Flag::V1(CLUSTER_CHANGE_GROUP_ADDED) => "CLUSTER_CHANGE_GROUP_ADDED",
        Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY) => "CLUSTER_CHANGE_GROUP_PROPERTY",
        Flag::V1(CLUSTER_CHANGE_RESOURCE_TYPE_ADDED) => "CLUSTER_CHANGE_RESOURCE_TYPE_ADDED",
        Flag::V1(CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY) => "CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY",
        Flag::V1(CLUSTER_CHANGE_NETWORK_STATE) => "CLUSTER_CHANGE_NETWORK_STATE",
        Flag::V1(CLUSTER_CHANGE_NETWORK_ADDED) => "CLUSTER_CHANGE_NETWORK_ADDED",
        Flag::V1(CLUSTER_CHANGE_NETWORK_PROPERTY) => "CLUSTER_CHANGE_NETWORK_PROPERTY",
        Flag::V1(CLUSTER_CHANGE_NETINTERFACE_STATE) => "CLUSTER_CHANGE_NETINTERFACE_STATE",
        Flag::V1(CLUSTER_CHANGE_NETINTERFACE_DELETED) => "CLUSTER_CHANGE_NETINTERFACE_DELETED",
        Flag::V1(CLUSTER_CHANGE_NETINTERFACE_ADDED) => "CLUSTER_CHANGE_NETINTERFACE_ADDED",
        Flag::V1(CLUSTER_CHANGE_NETINTERFACE_PROPERTY) => "CLUSTER_CHANGE_NETINTERFACE_PROPERTY",
        Flag::V1(CLUSTER_CHANGE_CLUSTER_PROPERTY) => "CLUSTER_CHANGE_CLUSTER_PROPERTY",
        Flag::V1(CLUSTER_CHANGE_HANDLE_CLOSE) => "CLUSTER_CHANGE_HANDLE_CLOSE",
        Flag::V1(_) => "CLUSTER_CHANGE (another bit)",
        Flag::V2(C, CLUSTER_CHANGE_GROUP_ADDED_V2) => "CLUSTER_CHANGE_GROUP_ADDED_V2",
        Flag::V2(C, CLUSTER_CHANGE_CLUSTER_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_CLUSTER_HANDLE_CLOSE_V2",
        Flag::V2(C, CLUSTER_CHANGE_NETWORK_ADDED_V2) => "CLUSTER_CHANGE_NETWORK_ADDED_V2",
        Flag::V2(C, CLUSTER_CHANGE_NODE_ADDED_V2) => "CLUSTER_CHANGE_NODE_ADDED_V2",
        Flag::V2(C, CLUSTER_CHANGE_RESOURCE_TYPE_ADDED_V2) => "CLUSTER_CHANGE_RESOURCE_TYPE_ADDED_V2",
        Flag::V2(C, CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2) => "CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2",
        Flag::V2(C, CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2) => {
            "CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2"
        }
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DELETED_V2) => "CLUSTER_CHANGE_GROUPSET_DELETED_v2",
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_COMMON_PROPERTY_V2) => {
            "CLUSTER_CHANGE_GROUPSET_COMMON_PROPERTY_V2"
        }
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_GROUP_ADDED) => "CLUSTER_CHANGE_GROUPSET_GROUP_ADDED",
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED) => "CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED",
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENCIES_V2) => "CLUSTER_CHANGE_GROUPSET_DEPENDENCIES_V2",
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2) => "CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2",
        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_GROUPSET_HANDLE_CLOSE_v2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_DELETED_V2) => "CLUSTER_CHANGE_GROUP_DELETED_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2) => "CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2) => "CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_STATE_V2) => "CLUSTER_CHANGE_GROUP_STATE_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2) => "CLUSTER_CHANGE_GROUP_OWNER_NODE_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2) => "CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2) => "CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_RESOURCE_GAINED_V2) => "CLUSTER_CHANGE_GROUP_RESOURCE_GAINED_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_RESOURCE_LOST_V2) => "CLUSTER_CHANGE_GROUP_RESOURCE_LOST_V2",
        Flag::V2(G, CLUSTER_CHANGE_GROUP_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_GROUP_HANDLE_CLOSE_V2",
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2) => {
            "CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2"
        }
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2) => {
            "CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2"
        }
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_STATE_V2) => "CLUSTER_CHANGE_RESOURCE_STATE_V2",
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2) => "CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2",
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2) => "CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2",
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DEPENDENTS_V2) => "CLUSTER_CHANGE_RESOURCE_DEPENDENTS_V2",
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_POSSIBLE_OWNERS_V2) => {
            "CLUSTER_CHANGE_RESOURCE_POSSIBLE_OWNERS_V2"
        }
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DELETED_V2) => "CLUSTER_CHANGE_RESOURCE_DELETED_V2",
        Flag::V2(R, CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_RESOURCE_HANDLE_CLOSE_V2",
        Flag::V2(T, CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2) => {
            "CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2"
        }
        Flag::V2(T, CLUSTER_CHANGE_RESOURCE_TYPE_PRIVATE_PROPERTY_V2) => {
            "CLUSTER_CHANGE_RESOURCE_TYPE_PRIVATE_PROPERTY_V2"
        }
        Flag::V2(N, CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2) => "CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_DELETED_V2) => "CLUSTER_CHANGE_NODE_DELETED_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2) => "CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2) => "CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_STATE_V2) => "CLUSTER_CHANGE_NODE_STATE_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_GROUP_GAINED_V2) => "CLUSTER_CHANGE_NODE_GROUP_GAINED_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_GROUP_LOST_V2) => "CLUSTER_CHANGE_NODE_GROUP_LOST_V2",
        Flag::V2(N, CLUSTER_CHANGE_NODE_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_NODE_HANDLE_CLOSE_V2",
        Flag::V2(W, CLUSTER_CHANGE_NETWORK_STATE_V2) => "CLUSTER_CHANGE_NETWORK_STATE_V2",
        Flag::V2(W, CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2) => "CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2",
        Flag::V2(W, CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2) => {
            "CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2"
        }
        Flag::V2(W, CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2",
        Flag::V2(I, CLUSTER_CHANGE_NETINTERFACE_DELETED_V2) => "CLUSTER_CHANGE_NETINTERFACE_DELETED_V2",
        Flag::V2(I, CLUSTER_CHANGE_NETWORK_STATE_V2) => "CLUSTER_CHANGE_NETINTERFACE_STATE_V2",
        Flag::V2(I, CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2) => {
            "CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2"
        }
        Flag::V2(I, CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2) => {
            "CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2"
        }
        Flag::V2(I, CLUSTER_CHANGE_NETWORK_HANDLE_CLOSE_V2) => "CLUSTER_CHANGE_NETINTERFACE_HANDLE_CLOSE_V2",
        Flag::V2(..) => "CLUSTER_CHANGE_*_V2 (another bit)",
    }
}

/// How the trace shows a posted event: its constant's name and the name it carries.
pub(crate) fn describe(event: &Event) -> String {
    format!("{}({})", flag_name(event.flag), event.subject.name)
}

/// A v2 notification of `subject` with `key`.
fn v2_notification(key: usize, object_type: u32, filter: i64, subject: &Subject) -> NotificationV2 {
    NotificationV2 {
        key,
        object_type,
        filter,
        object_id: subject.id.clone(),
        parent_id: subject.parent.clone(),
        name: subject.name.clone(),
        type_name: subject.type_name.clone(),
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
/// action posts what): the v1 events and, from the same change, the finer v2 ones (§B.4).
/// Records the groups whose state or owner it can change in `touched`.
pub(crate) fn events_of(
    c: &Cluster,
    cluster: usize,
    change: &Change,
    touched: &mut Touched,
    out: &mut Vec<Event>,
) {
    use ObjectRef as O;
    let mut push = |flag: Flag, object: ObjectRef, subject: Subject| {
        out.push(Event { cluster, flag, object, subject });
    };
    let of = |o: ObjectRef| Subject::of(c, o);
    let named = |o: ObjectRef, name: &str| Subject { name: name.to_owned(), ..Subject::of(c, o) };
    const G: u32 = CLUSTER_OBJECT_TYPE_GROUP;
    const R: u32 = CLUSTER_OBJECT_TYPE_RESOURCE;
    const N: u32 = CLUSTER_OBJECT_TYPE_NODE;
    const C: u32 = CLUSTER_OBJECT_TYPE_CLUSTER;
    const S: u32 = CLUSTER_OBJECT_TYPE_GROUPSET;
    match change {
        Change::AddNode(node) => {
            let s = Subject { name: node.name.clone(), id: node.id.to_string(), ..Subject::default() };
            push(Flag::V1(CLUSTER_CHANGE_NODE_ADDED), O::Node(node.id), s.clone());
            push(Flag::V2(C, CLUSTER_CHANGE_NODE_ADDED_V2), O::Cluster, s);
        }
        Change::AddResourceType(rt) => {
            let s = Subject::resource_type(&rt.name);
            let at = c.resource_types().len() as u32;
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_TYPE_ADDED), O::ResourceType(at), s.clone());
            push(Flag::V2(C, CLUSTER_CHANGE_RESOURCE_TYPE_ADDED_V2), O::Cluster, s);
        }
        Change::AddGroup(g) => {
            let s = Subject { name: g.name.clone(), id: c.guid_for(g.id), ..Subject::default() };
            push(Flag::V1(CLUSTER_CHANGE_GROUP_ADDED), O::Group(g.id), s.clone());
            push(Flag::V2(C, CLUSTER_CHANGE_GROUP_ADDED_V2), O::Cluster, s);
        }
        Change::AddResource(r) => {
            touch(c, r.group, touched);
            let s = Subject {
                name: r.name.clone(),
                id: c.guid_for(r.id),
                parent: c.guid_for(r.group),
                type_name: r.resource_type.clone(),
            };
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_ADDED), O::Resource(r.id), s.clone());
            push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), O::Group(r.group), of(O::Group(r.group)));
            push(Flag::V2(G, CLUSTER_CHANGE_GROUP_RESOURCE_ADDED_V2), O::Group(r.group), s);
        }
        Change::AddDependency { dependent: r, provider: p }
        | Change::RemoveDependency { dependent: r, provider: p } => {
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY), O::Resource(*r), of(O::Resource(*r)));
            push(Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2), O::Resource(*r), of(O::Resource(*r)));
            push(Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DEPENDENTS_V2), O::Resource(*p), of(O::Resource(*p)));
        }
        Change::SetDependencies { resource: r, .. } | Change::SetDependencyExpression { resource: r, .. } => {
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY), O::Resource(*r), of(O::Resource(*r)));
            push(Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DEPENDENCIES_V2), O::Resource(*r), of(O::Resource(*r)));
        }
        Change::SetPossibleOwners { resource: r, .. } => {
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY), O::Resource(*r), of(O::Resource(*r)));
            push(
                Flag::V2(R, CLUSTER_CHANGE_RESOURCE_POSSIBLE_OWNERS_V2),
                O::Resource(*r),
                of(O::Resource(*r)),
            );
        }
        Change::SetResourcePolicy { resource: r, .. } | Change::SetRestartPolicy { resource: r, .. } => {
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY), O::Resource(*r), of(O::Resource(*r)));
            push(
                Flag::V2(R, CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2),
                O::Resource(*r),
                of(O::Resource(*r)),
            );
        }
        Change::RemoveResource(r) => {
            if let Some(res) = c.resources().get(r) {
                touch(c, res.group, touched);
                push(Flag::V1(CLUSTER_CHANGE_RESOURCE_DELETED), O::Resource(*r), of(O::Resource(*r)));
                push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), O::Group(res.group), of(O::Group(res.group)));
                push(Flag::V2(R, CLUSTER_CHANGE_RESOURCE_DELETED_V2), O::Resource(*r), of(O::Resource(*r)));
            }
        }
        Change::RemoveGroup(g) => {
            push(Flag::V1(CLUSTER_CHANGE_GROUP_DELETED), O::Group(*g), of(O::Group(*g)));
            push(Flag::V2(G, CLUSTER_CHANGE_GROUP_DELETED_V2), O::Group(*g), of(O::Group(*g)));
            if let Some(set) = c.group_set_of(*g) {
                push(Flag::V2(S, CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED), O::GroupSet(set), of(O::Group(*g)));
            }
            if let Some(set) = c.provider_set_of(*g) {
                push(
                    Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2),
                    O::GroupSet(set),
                    of(O::GroupSet(set)),
                );
            }
        }
        // Group sets post only their own v2 events (CLUSTER_CHANGE_GROUPSET_V2; v1 has none):
        // a new set is seen by no one yet, so it posts nothing (CLUSTER_CHANGE_CLUSTER_V2 has
        // no GROUPSET_ADDED).
        Change::AddGroupSet(_) => {}
        Change::RemoveGroupSet(set) => {
            push(Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DELETED_V2), O::GroupSet(*set), of(O::GroupSet(*set)));
            let depending = c.group_sets().values().filter(|d| d.providers.contains(set));
            for d in depending {
                push(
                    Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENCIES_V2),
                    O::GroupSet(d.id),
                    of(O::GroupSet(d.id)),
                );
            }
        }
        Change::SetGroupSetOfGroup { group, set } => {
            let from = c.group_set_of(*group);
            if from != *set {
                if let Some(from) = from {
                    push(
                        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_GROUP_REMOVED),
                        O::GroupSet(from),
                        of(O::Group(*group)),
                    );
                }
                if let Some(to) = set {
                    push(
                        Flag::V2(S, CLUSTER_CHANGE_GROUPSET_GROUP_ADDED),
                        O::GroupSet(*to),
                        of(O::Group(*group)),
                    );
                }
            }
        }
        Change::SetGroupSetProviders { set, providers } => {
            push(
                Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENCIES_V2),
                O::GroupSet(*set),
                of(O::GroupSet(*set)),
            );
            let before = c.group_sets().get(set).map(|s| s.providers.clone()).unwrap_or_default();
            let changed = before
                .iter()
                .filter(|p| !providers.contains(p))
                .chain(providers.iter().filter(|p| !before.contains(p)));
            for p in changed {
                push(
                    Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2),
                    O::GroupSet(*p),
                    of(O::GroupSet(*p)),
                );
            }
        }
        Change::SetGroupProviderSet { group, set } => {
            let from = c.provider_set_of(*group);
            for s in [from, *set].into_iter().flatten() {
                push(Flag::V2(S, CLUSTER_CHANGE_GROUPSET_DEPENDENTS_V2), O::GroupSet(s), of(O::GroupSet(s)));
            }
        }
        Change::SetPreferredOwners { group: g, .. } => {
            push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), O::Group(*g), of(O::Group(*g)));
            push(Flag::V2(G, CLUSTER_CHANGE_GROUP_PREFERRED_OWNERS_V2), O::Group(*g), of(O::Group(*g)));
        }
        Change::SetGroupPolicy { group: g, .. } | Change::SetFailoverPolicy { group: g, .. } => {
            push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), O::Group(*g), of(O::Group(*g)));
            push(Flag::V2(G, CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2), O::Group(*g), of(O::Group(*g)));
        }
        Change::MoveResourceToGroup { resource, group } => {
            if let Some(from) = c.resources().get(resource).map(|r| r.group) {
                touch(c, from, touched);
                touch(c, *group, touched);
                let res = of(O::Resource(*resource));
                // After the move its parent is the new group.
                let moved = Subject { parent: c.guid_for(*group), ..res.clone() };
                push(Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY), O::Resource(*resource), res.clone());
                push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), O::Group(from), of(O::Group(from)));
                push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), O::Group(*group), of(O::Group(*group)));
                push(
                    Flag::V2(R, CLUSTER_CHANGE_RESOURCE_OWNER_GROUP_V2),
                    O::Resource(*resource),
                    moved.clone(),
                );
                push(Flag::V2(G, CLUSTER_CHANGE_GROUP_RESOURCE_LOST_V2), O::Group(from), res);
                push(Flag::V2(G, CLUSTER_CHANGE_GROUP_RESOURCE_GAINED_V2), O::Group(*group), moved);
            }
        }
        Change::AddNetwork(n) => {
            let s = Subject { name: n.name.clone(), id: c.guid_for(n.id), ..Subject::default() };
            push(Flag::V1(CLUSTER_CHANGE_NETWORK_ADDED), O::Network(n.id), s.clone());
            push(Flag::V2(C, CLUSTER_CHANGE_NETWORK_ADDED_V2), O::Cluster, s);
        }
        Change::AddNetInterface(i) => {
            let s = Subject {
                name: i.name.clone(),
                id: c.guid_for(i.id),
                parent: i.node.to_string(),
                ..Subject::default()
            };
            push(Flag::V1(CLUSTER_CHANGE_NETINTERFACE_ADDED), O::NetInterface(i.id), s.clone());
            push(Flag::V2(N, CLUSTER_CHANGE_NODE_NETINTERFACE_ADDED_V2), O::Node(i.node), s);
        }
        Change::SetNodeState { node, state } => {
            if c.node(*node).is_some_and(|n| n.state != *state) {
                push(Flag::V1(CLUSTER_CHANGE_NODE_STATE), O::Node(*node), of(O::Node(*node)));
                push(Flag::V2(N, CLUSTER_CHANGE_NODE_STATE_V2), O::Node(*node), of(O::Node(*node)));
            }
        }
        Change::RemoveNode(node) => {
            for i in c.net_interfaces().values().filter(|i| i.node == *node) {
                let o = O::NetInterface(i.id);
                push(Flag::V1(CLUSTER_CHANGE_NETINTERFACE_DELETED), o, of(o));
                push(
                    Flag::V2(CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETINTERFACE_DELETED_V2),
                    o,
                    of(o),
                );
            }
            if c.node(*node).is_some() {
                push(Flag::V1(CLUSTER_CHANGE_NODE_DELETED), O::Node(*node), of(O::Node(*node)));
                push(Flag::V2(N, CLUSTER_CHANGE_NODE_DELETED_V2), O::Node(*node), of(O::Node(*node)));
            }
        }
        Change::SetNetworkState { network, state } => {
            if c.networks().get(network).is_some_and(|n| n.state != *state) {
                let o = O::Network(*network);
                push(Flag::V1(CLUSTER_CHANGE_NETWORK_STATE), o, of(o));
                push(Flag::V2(CLUSTER_OBJECT_TYPE_NETWORK, CLUSTER_CHANGE_NETWORK_STATE_V2), o, of(o));
            }
        }
        Change::SetNetInterfaceState { net_interface, state } => {
            if c.net_interfaces().get(net_interface).is_some_and(|i| i.state != *state) {
                let o = O::NetInterface(*net_interface);
                push(Flag::V1(CLUSTER_CHANGE_NETINTERFACE_STATE), o, of(o));
                push(
                    Flag::V2(CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE, CLUSTER_CHANGE_NETWORK_STATE_V2),
                    o,
                    of(o),
                );
            }
        }
        Change::SetResourceState { resource, state } => {
            if let Some(r) = c.resources().get(resource).filter(|r| r.state != *state) {
                touch(c, r.group, touched);
                let o = O::Resource(*resource);
                push(Flag::V1(CLUSTER_CHANGE_RESOURCE_STATE), o, of(o));
                push(Flag::V2(R, CLUSTER_CHANGE_RESOURCE_STATE_V2), o, of(o));
            }
        }
        Change::SetGroupOwner { group, .. } => touch(c, *group, touched),
        Change::RenameGroup { group, name } => {
            let o = O::Group(*group);
            push(Flag::V1(CLUSTER_CHANGE_GROUP_PROPERTY), o, named(o, name));
            push(Flag::V2(G, CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2), o, named(o, name));
        }
        Change::RenameResource { resource, name } => {
            let o = O::Resource(*resource);
            push(Flag::V1(CLUSTER_CHANGE_RESOURCE_PROPERTY), o, named(o, name));
            push(Flag::V2(R, CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2), o, named(o, name));
        }
        Change::SetProperties { owner, common, private } => {
            use crate::world::PropertyOwner as P;
            // v1: the object's *_PROPERTY, except for nodes (NODE_PROPERTY is reserved and
            // never posted: doc:CLUSTER_CHANGE, §E.14); v2: COMMON_PROPERTY_V2 and/or
            // PRIVATE_PROPERTY_V2 of the object's type (§B.4).
            let (object, subject, v1, ty, common_v2, private_v2) = match owner {
                P::Cluster => (
                    O::Cluster,
                    Subject { name: c.name().to_owned(), ..Subject::default() },
                    Some(CLUSTER_CHANGE_CLUSTER_PROPERTY),
                    C,
                    CLUSTER_CHANGE_CLUSTER_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_CLUSTER_PRIVATE_PROPERTY_V2,
                ),
                P::Node(n) => (
                    O::Node(*n),
                    of(O::Node(*n)),
                    None,
                    N,
                    CLUSTER_CHANGE_NODE_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_NODE_PRIVATE_PROPERTY_V2,
                ),
                P::Group(g) => (
                    O::Group(*g),
                    of(O::Group(*g)),
                    Some(CLUSTER_CHANGE_GROUP_PROPERTY),
                    G,
                    CLUSTER_CHANGE_GROUP_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_GROUP_PRIVATE_PROPERTY_V2,
                ),
                P::Resource(r) => (
                    O::Resource(*r),
                    of(O::Resource(*r)),
                    Some(CLUSTER_CHANGE_RESOURCE_PROPERTY),
                    R,
                    CLUSTER_CHANGE_RESOURCE_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_RESOURCE_PRIVATE_PROPERTY_V2,
                ),
                P::ResourceType(t) => (
                    O::ResourceType(
                        c.resource_types()
                            .iter()
                            .position(|rt| crate::world::eq_ignore_case(&rt.name, t))
                            .unwrap_or(0) as u32,
                    ),
                    Subject::resource_type(t),
                    Some(CLUSTER_CHANGE_RESOURCE_TYPE_PROPERTY),
                    CLUSTER_OBJECT_TYPE_RESOURCE_TYPE,
                    CLUSTER_CHANGE_RESOURCE_TYPE_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_RESOURCE_TYPE_PRIVATE_PROPERTY_V2,
                ),
                P::Network(n) => (
                    O::Network(*n),
                    of(O::Network(*n)),
                    Some(CLUSTER_CHANGE_NETWORK_PROPERTY),
                    CLUSTER_OBJECT_TYPE_NETWORK,
                    CLUSTER_CHANGE_NETWORK_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_NETWORK_PRIVATE_PROPERTY_V2,
                ),
                P::NetInterface(i) => (
                    O::NetInterface(*i),
                    of(O::NetInterface(*i)),
                    Some(CLUSTER_CHANGE_NETINTERFACE_PROPERTY),
                    CLUSTER_OBJECT_TYPE_NETWORK_INTERFACE,
                    CLUSTER_CHANGE_NETINTERFACE_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_NETINTERFACE_PRIVATE_PROPERTY_V2,
                ),
                // Group sets: v2 only (v1 has no group set bits).
                P::GroupSet(g) => (
                    O::GroupSet(*g),
                    of(O::GroupSet(*g)),
                    None,
                    S,
                    CLUSTER_CHANGE_GROUPSET_COMMON_PROPERTY_V2,
                    CLUSTER_CHANGE_GROUPSET_PRIVATE_PROPERTY_V2,
                ),
            };
            if let Some(flag) = v1 {
                push(Flag::V1(flag), object, subject.clone());
            }
            if !common.is_empty() {
                push(Flag::V2(ty, common_v2), object, subject.clone());
            }
            if !private.is_empty() {
                push(Flag::V2(ty, private_v2), object, subject);
            }
            // The object's key holds its common properties, its Parameters its private ones
            // (§D.1): registry watchers see a value change there.
            if let Some(key) = crate::sim::registry_view::key_path(c, owner) {
                let registry = |path: String| Subject { name: path, ..Subject::default() };
                if !common.is_empty() {
                    push(Flag::V1(CLUSTER_CHANGE_REGISTRY_VALUE), O::Registry, registry(key.clone()));
                }
                if !private.is_empty() {
                    push(
                        Flag::V1(CLUSTER_CHANGE_REGISTRY_VALUE),
                        O::Registry,
                        registry(format!("{key}\\Parameters")),
                    );
                }
            }
        }
        // The same events as a SET of those private properties (CMRP 3.1.4.2.x: a deleted
        // Parameters value is a private property change).
        Change::RemovePrivateProperties { owner, names } => {
            let as_set = Change::SetProperties {
                owner: owner.clone(),
                common: Vec::new(),
                private: names.iter().map(|n| (n.clone(), crate::property::Value::Dword(0))).collect(),
            };
            events_of(c, cluster, &as_set, touched, out);
        }
        // Not ClusAPI-visible properties (persistent state, the simulator's delays), or
        // cluster-level settings no event describes here.
        Change::SetResourcePersistent { .. }
        | Change::SeedRegistryKey { .. }
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

/// After a commit, for each touched group: v1 GROUP_STATE when its derived state or owner
/// changed; v2 GROUP STATE_V2 when its state changed, and on a move GROUP OWNER_NODE_V2 plus
/// NODE GROUP_LOST_V2 on the old owner and GROUP_GAINED_V2 on the new one (both naming the
/// group).
pub(crate) fn group_state_events(c: &Cluster, cluster: usize, touched: &Touched, out: &mut Vec<Event>) {
    for &(g, state, owner) in touched {
        if let Some(group) = c.groups().get(&g) {
            let moved = group.owner != owner;
            let changed = c.group_state(group) != state;
            if !(moved || changed) {
                continue;
            }
            let subject = Subject::of(c, ObjectRef::Group(g));
            let mut push = |flag: Flag, object: ObjectRef| {
                out.push(Event { cluster, flag, object, subject: subject.clone() });
            };
            push(Flag::V1(CLUSTER_CHANGE_GROUP_STATE), ObjectRef::Group(g));
            if changed {
                push(Flag::V2(CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_STATE_V2), ObjectRef::Group(g));
            }
            if moved {
                push(
                    Flag::V2(CLUSTER_OBJECT_TYPE_GROUP, CLUSTER_CHANGE_GROUP_OWNER_NODE_V2),
                    ObjectRef::Group(g),
                );
                let node = CLUSTER_OBJECT_TYPE_NODE;
                if c.node(owner).is_some() {
                    push(Flag::V2(node, CLUSTER_CHANGE_NODE_GROUP_LOST_V2), ObjectRef::Node(owner));
                }
                if c.node(group.owner).is_some() {
                    push(Flag::V2(node, CLUSTER_CHANGE_NODE_GROUP_GAINED_V2), ObjectRef::Node(group.owner));
                }
            }
        }
    }
}
