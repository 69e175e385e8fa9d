//! Enumeration snapshots: what `ClusterOpenEnum` and its per-object siblings capture.
//!
//! A snapshot is taken when the enumeration is opened (ClusterOpenEnum page: it "opens an
//! enumerator"; later changes are not reflected, MS-CMRP ApiCreateEnum returns the whole list at
//! once). Items of a mask come grouped by type, in the order of the type bits.

use crate::error::{Error, Result};
use crate::property::schema::{self, Ctx};
use crate::world::{Cluster, Group, GroupState, Node, NodeId, Resource, SHARED_VOLUME_GROUP_TYPE};

/// `CLUSTER_ENUM_*` and the per-object selector values (`reference/clusapi.md` §4.1).
pub mod mask {
    /// `CLUSTER_ENUM_NODE`
    pub const CLUSTER_ENUM_NODE: u32 = 0x1;
    /// `CLUSTER_ENUM_RESTYPE`
    pub const CLUSTER_ENUM_RESTYPE: u32 = 0x2;
    /// `CLUSTER_ENUM_RESOURCE`
    pub const CLUSTER_ENUM_RESOURCE: u32 = 0x4;
    /// `CLUSTER_ENUM_GROUP`
    pub const CLUSTER_ENUM_GROUP: u32 = 0x8;
    /// `CLUSTER_ENUM_NETWORK`
    pub const CLUSTER_ENUM_NETWORK: u32 = 0x10;
    /// `CLUSTER_ENUM_NETINTERFACE`
    pub const CLUSTER_ENUM_NETINTERFACE: u32 = 0x20;
    /// `CLUSTER_ENUM_ALL`
    pub const CLUSTER_ENUM_ALL: u32 = 0x3f;
    /// `CLUSTER_ENUM_SHARED_VOLUME_GROUP`
    pub const CLUSTER_ENUM_SHARED_VOLUME_GROUP: u32 = 0x2000_0000;
    /// `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE` (must be used alone)
    pub const CLUSTER_ENUM_SHARED_VOLUME_RESOURCE: u32 = 0x4000_0000;
    /// `CLUSTER_ENUM_INTERNAL_NETWORK` (must be used alone)
    pub const CLUSTER_ENUM_INTERNAL_NETWORK: u32 = 0x8000_0000;
    /// `CLUSTER_GROUP_ENUM_CONTAINS`: resources in the group.
    pub const CLUSTER_GROUP_ENUM_CONTAINS: u32 = 1;
    /// `CLUSTER_GROUP_ENUM_NODES`: preferred owners.
    pub const CLUSTER_GROUP_ENUM_NODES: u32 = 2;
    /// `CLUSTER_NODE_ENUM_NETINTERFACES`
    pub const CLUSTER_NODE_ENUM_NETINTERFACES: u32 = 1;
    /// `CLUSTER_NODE_ENUM_GROUPS`: groups the node owns.
    pub const CLUSTER_NODE_ENUM_GROUPS: u32 = 2;
    /// `CLUSTER_NODE_ENUM_PREFERRED_GROUPS`: groups that prefer the node.
    pub const CLUSTER_NODE_ENUM_PREFERRED_GROUPS: u32 = 4;
    /// `CLUSTER_RESOURCE_ENUM_DEPENDS`: resources this one depends on.
    pub const CLUSTER_RESOURCE_ENUM_DEPENDS: u32 = 1;
    /// `CLUSTER_RESOURCE_ENUM_PROVIDES`: resources that depend on this one.
    pub const CLUSTER_RESOURCE_ENUM_PROVIDES: u32 = 2;
    /// `CLUSTER_RESOURCE_ENUM_NODES`: possible owners.
    pub const CLUSTER_RESOURCE_ENUM_NODES: u32 = 4;
    /// `CLUSTER_RESOURCE_TYPE_ENUM_NODES`
    pub const CLUSTER_RESOURCE_TYPE_ENUM_NODES: u32 = 1;
    /// `CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES`
    pub const CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES: u32 = 2;
    /// `CLUSTER_NETWORK_ENUM_NETINTERFACES`
    pub const CLUSTER_NETWORK_ENUM_NETINTERFACES: u32 = 1;
}

use mask::*;

/// One item of an enumeration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnumItem {
    /// The single type bit of the object (`*lpdwType` of `ClusterEnum`), from the selector
    /// set of the enumeration that returned it.
    pub object_type: u32,
    /// The object's name.
    pub name: String,
    /// The object's id (`CLUSTER_ENUM_ITEM::lpszId`): a GUID, a node's decimal id, or a
    /// resource type's name.
    pub id: String,
    /// What the cluster-wide `Ex` enumerations of groups and resources add.
    pub detail: EnumDetail,
}

/// The extra fields of `CLUSTER_GROUP_ENUM_ITEM` and `CLUSTER_RESOURCE_ENUM_ITEM`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum EnumDetail {
    /// No extra fields.
    #[default]
    None,
    /// A group's state, owner node and flags (`CLUS_FLAG_CORE` for a core group).
    Group {
        /// Derived state at the time of the snapshot.
        state: GroupState,
        /// Name of the owner node.
        owner_node: String,
        /// `CLUS_FLAG_CORE` (1) for a core group, else 0.
        flags: u32,
        /// The property list of the read/write common properties asked for (empty: none).
        properties: Vec<u8>,
        /// The property list of the read-only common properties asked for.
        ro_properties: Vec<u8>,
    },
    /// The group a resource belongs to.
    Resource {
        /// Name of the owner group.
        group_name: String,
        /// GUID of the owner group.
        group_id: String,
        /// The property list of the read/write common properties asked for (empty: none).
        properties: Vec<u8>,
        /// The property list of the read-only common properties asked for.
        ro_properties: Vec<u8>,
    },
}

fn node_item(bit: u32, n: &Node) -> EnumItem {
    EnumItem { object_type: bit, name: n.name.clone(), id: n.id.to_string(), ..EnumItem::default() }
}

fn node_items<'a>(c: &'a Cluster, bit: u32, ids: &'a [NodeId]) -> impl Iterator<Item = EnumItem> + 'a {
    ids.iter().filter_map(move |&id| c.node(id)).map(move |n| node_item(bit, n))
}

fn resource_item(bit: u32, r: &Resource) -> EnumItem {
    EnumItem { object_type: bit, name: r.name.clone(), id: r.guid.clone(), ..EnumItem::default() }
}

fn group_item(bit: u32, g: &Group) -> EnumItem {
    EnumItem { object_type: bit, name: g.name.clone(), id: g.guid.clone(), ..EnumItem::default() }
}

/// Whether `g` is the group of a Cluster Shared Volume (`CLUSGROUP_TYPE` 4).
fn is_shared_volume_group(g: &Group) -> bool {
    g.group_type == SHARED_VOLUME_GROUP_TYPE
}

/// The items of `ClusterOpenEnum(hCluster, dwType)`.
///
/// Cluster Shared Volumes (Physical Disks in groups of `CLUSGROUP_TYPE` 4,
/// [`Cluster::is_shared_volume`]) and their groups are listed by
/// `CLUSTER_ENUM_SHARED_VOLUME_RESOURCE` and `CLUSTER_ENUM_SHARED_VOLUME_GROUP` only, not by
/// `CLUSTER_ENUM_RESOURCE` and `CLUSTER_ENUM_GROUP`: a choice after the CLUSTER_ENUM page,
/// which gives the CSVs their own selectors (Windows hides a CSV's group from the group
/// lists). `ClusterResourceOpenEnumEx` and `ClusterGroupOpenEnumEx` leave them out too.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for bits outside the documented set (Samba's torture test sees
/// 0x40, 0x80 and 0x100 rejected by Windows), or for `SHARED_VOLUME_RESOURCE` or
/// `INTERNAL_NETWORK` combined with other bits (ClusterOpenEnum page: "must be used alone").
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn cluster_items(c: &Cluster, dw_type: u32) -> Result<Vec<EnumItem>> {
    let known = CLUSTER_ENUM_ALL
        | CLUSTER_ENUM_SHARED_VOLUME_GROUP
        | CLUSTER_ENUM_SHARED_VOLUME_RESOURCE
        | CLUSTER_ENUM_INTERNAL_NETWORK;
    let alone = [CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, CLUSTER_ENUM_INTERNAL_NETWORK];
    if dw_type & !known != 0 || alone.iter().any(|&a| dw_type & a != 0 && dw_type != a) {
        return Err(Error::INVALID_PARAMETER);
    }
    let mut items = Vec::new();
    if dw_type & CLUSTER_ENUM_NODE != 0 {
        items.extend(c.nodes().iter().map(|n| node_item(CLUSTER_ENUM_NODE, n)));
    }
    if dw_type & CLUSTER_ENUM_RESTYPE != 0 {
        items.extend(c.resource_types().iter().map(|t| EnumItem {
            object_type: CLUSTER_ENUM_RESTYPE,
            name: t.name.clone(),
            id: t.name.clone(),
            ..EnumItem::default()
        }));
    }
    if dw_type & CLUSTER_ENUM_RESOURCE != 0 {
        items.extend(
            c.resources()
                .values()
                .filter(|r| !c.is_shared_volume(r))
                .map(|r| resource_item(CLUSTER_ENUM_RESOURCE, r)),
        );
    }
    if dw_type & CLUSTER_ENUM_GROUP != 0 {
        items.extend(
            c.groups()
                .values()
                .filter(|g| !is_shared_volume_group(g))
                .map(|g| group_item(CLUSTER_ENUM_GROUP, g)),
        );
    }
    if dw_type & (CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_INTERNAL_NETWORK) != 0 {
        let bit = dw_type & (CLUSTER_ENUM_NETWORK | CLUSTER_ENUM_INTERNAL_NETWORK);
        items.extend(c.networks().values().map(|n| EnumItem {
            object_type: bit,
            name: n.name.clone(),
            id: n.guid.clone(),
            ..EnumItem::default()
        }));
    }
    if dw_type & CLUSTER_ENUM_NETINTERFACE != 0 {
        items.extend(c.net_interfaces().values().map(|n| EnumItem {
            object_type: CLUSTER_ENUM_NETINTERFACE,
            name: n.name.clone(),
            id: n.guid.clone(),
            ..EnumItem::default()
        }));
    }
    if dw_type & CLUSTER_ENUM_SHARED_VOLUME_GROUP != 0 {
        items.extend(
            c.groups()
                .values()
                .filter(|g| is_shared_volume_group(g))
                .map(|g| group_item(CLUSTER_ENUM_SHARED_VOLUME_GROUP, g)),
        );
    }
    if dw_type & CLUSTER_ENUM_SHARED_VOLUME_RESOURCE != 0 {
        items.extend(c.shared_volumes().map(|r| resource_item(CLUSTER_ENUM_SHARED_VOLUME_RESOURCE, r)));
    }
    Ok(items)
}

/// The items of `ClusterGroupOpenEnumEx(hCluster, ...)`: every group of the cluster, with its
/// state, owner node and flags (`CLUSTER_GROUP_ENUM_ITEM`).
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn group_ex_items(c: &Cluster, properties: &[String], ro_properties: &[String]) -> Vec<EnumItem> {
    let ctx = Ctx { cluster: c, drain: (0, u32::MAX) };
    c.groups()
        .values()
        .filter(|g| !is_shared_volume_group(g))
        .map(|g| EnumItem {
            detail: EnumDetail::Group {
                state: c.group_state(g),
                owner_node: c.node(g.owner).map(|n| n.name.clone()).unwrap_or_default(),
                flags: u32::from(g.core),
                properties: schema::selected(&ctx, g, schema::GROUP, properties, false),
                ro_properties: schema::selected(&ctx, g, schema::GROUP, ro_properties, true),
            },
            ..group_item(CLUSTER_ENUM_GROUP, g)
        })
        .collect()
}

/// The items of `ClusterResourceOpenEnumEx(hCluster, ...)`: every resource of the cluster,
/// with its group's name and id (`CLUSTER_RESOURCE_ENUM_ITEM`).
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn resource_ex_items(c: &Cluster, properties: &[String], ro_properties: &[String]) -> Vec<EnumItem> {
    let ctx = Ctx { cluster: c, drain: (0, u32::MAX) };
    c.resources()
        .values()
        .filter(|r| !c.is_shared_volume(r))
        .map(|r| {
            let g = &c.groups()[&r.group];
            EnumItem {
                detail: EnumDetail::Resource {
                    group_name: g.name.clone(),
                    group_id: g.guid.clone(),
                    properties: schema::selected(&ctx, r, schema::RESOURCE, properties, false),
                    ro_properties: schema::selected(&ctx, r, schema::RESOURCE, ro_properties, true),
                },
                ..resource_item(CLUSTER_ENUM_RESOURCE, r)
            }
        })
        .collect()
}

/// The items of `ClusterGroupOpenEnum(hGroup, dwType)`. Unknown bits are ignored: Samba's
/// torture test sees Windows accept 0x40, 0x80 and 0x100 for the group enumeration.
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn group_items(c: &Cluster, g: &Group, dw_type: u32) -> Vec<EnumItem> {
    let mut items = Vec::new();
    if dw_type & CLUSTER_GROUP_ENUM_CONTAINS != 0 {
        items.extend(
            g.resources.iter().map(|r| resource_item(CLUSTER_GROUP_ENUM_CONTAINS, &c.resources()[r])),
        );
    }
    if dw_type & CLUSTER_GROUP_ENUM_NODES != 0 {
        items.extend(node_items(c, CLUSTER_GROUP_ENUM_NODES, &g.preferred_owners));
    }
    items
}

/// Rejects bits outside `known`. The sources are silent for the node, resource, resource
/// type and network enumerations; we choose to reject like the cluster enumeration does.
fn check_mask(dw_type: u32, known: u32) -> Result<()> {
    if dw_type & !known != 0 { Err(Error::INVALID_PARAMETER) } else { Ok(()) }
}

/// The items of `ClusterNodeOpenEnum(hNode, dwType)`.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_NODE_ENUM_*` (a choice).
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn node_items_of(c: &Cluster, node: NodeId, dw_type: u32) -> Result<Vec<EnumItem>> {
    check_mask(dw_type, 0x7)?;
    let mut items = Vec::new();
    if dw_type & CLUSTER_NODE_ENUM_NETINTERFACES != 0 {
        items.extend(c.net_interfaces().values().filter(|n| n.node == node).map(|n| EnumItem {
            object_type: CLUSTER_NODE_ENUM_NETINTERFACES,
            name: n.name.clone(),
            id: n.guid.clone(),
            ..EnumItem::default()
        }));
    }
    if dw_type & CLUSTER_NODE_ENUM_GROUPS != 0 {
        items.extend(
            c.groups().values().filter(|g| g.owner == node).map(|g| group_item(CLUSTER_NODE_ENUM_GROUPS, g)),
        );
    }
    if dw_type & CLUSTER_NODE_ENUM_PREFERRED_GROUPS != 0 {
        items.extend(
            c.groups()
                .values()
                .filter(|g| g.preferred_owners.contains(&node))
                .map(|g| group_item(CLUSTER_NODE_ENUM_PREFERRED_GROUPS, g)),
        );
    }
    Ok(items)
}

/// The items of `ClusterResourceOpenEnum(hResource, dwType)`.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_RESOURCE_ENUM_*` (a choice).
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn resource_items(c: &Cluster, r: &Resource, dw_type: u32) -> Result<Vec<EnumItem>> {
    check_mask(dw_type, 0x7)?;
    let mut items = Vec::new();
    if dw_type & CLUSTER_RESOURCE_ENUM_DEPENDS != 0 {
        items.extend(
            r.dependencies.iter().map(|d| resource_item(CLUSTER_RESOURCE_ENUM_DEPENDS, &c.resources()[d])),
        );
    }
    if dw_type & CLUSTER_RESOURCE_ENUM_PROVIDES != 0 {
        items.extend(c.dependents_of(r.id).map(|d| resource_item(CLUSTER_RESOURCE_ENUM_PROVIDES, d)));
    }
    if dw_type & CLUSTER_RESOURCE_ENUM_NODES != 0 {
        items.extend(node_items(c, CLUSTER_RESOURCE_ENUM_NODES, &r.possible_owners));
    }
    Ok(items)
}

/// The items of `ClusterResourceTypeOpenEnum(hCluster, type, dwType)`: the nodes that can host
/// the type (every node: the simulated types are installed cluster-wide) and its resources.
/// Bits outside `CLUSTER_RESOURCE_TYPE_ENUM_*` select nothing and are not an error: Samba's
/// torture test (`test_CreateResTypeEnum`) sees Windows accept 0x40, 0x80 and 0x100 for an
/// installed type.
///
/// # Errors
/// None today; the `Result` leaves room for rules the real server may add.
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn resource_type_items(c: &Cluster, type_name: &str, dw_type: u32) -> Result<Vec<EnumItem>> {
    let mut items = Vec::new();
    if dw_type & CLUSTER_RESOURCE_TYPE_ENUM_NODES != 0 {
        items.extend(c.nodes().iter().map(|n| node_item(CLUSTER_RESOURCE_TYPE_ENUM_NODES, n)));
    }
    if dw_type & CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES != 0 {
        items.extend(
            c.resources()
                .values()
                .filter(|r| crate::world::eq_ignore_case(&r.resource_type, type_name))
                .map(|r| resource_item(CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, r)),
        );
    }
    Ok(items)
}

/// The items of `ClusterNetworkOpenEnum(hNetwork, dwType)`.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_NETWORK_ENUM_*` (a choice).
#[doc(hidden)] // an internal of the enumerations, public for the tests
pub fn network_items(c: &Cluster, network: crate::world::ObjectId, dw_type: u32) -> Result<Vec<EnumItem>> {
    check_mask(dw_type, CLUSTER_NETWORK_ENUM_NETINTERFACES)?;
    let mut items = Vec::new();
    if dw_type & CLUSTER_NETWORK_ENUM_NETINTERFACES != 0 {
        items.extend(c.net_interfaces().values().filter(|n| n.network == network).map(|n| EnumItem {
            object_type: CLUSTER_NETWORK_ENUM_NETINTERFACES,
            name: n.name.clone(),
            id: n.guid.clone(),
            ..EnumItem::default()
        }));
    }
    Ok(items)
}
