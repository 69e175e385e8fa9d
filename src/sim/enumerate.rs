//! Opening, reading and closing enumerations.

use super::{Arg, Call, Sim, State, Target};
use crate::enumeration::{self, EnumItem};
use crate::error::{Error, Result, codes};
use crate::handle_types::{
    ClusterEnumExHandle, ClusterEnumHandle, ClusterHandle, Enumeration, GroupEnumExHandle, GroupEnumHandle,
    GroupHandle, Handle, NetworkEnumHandle, NetworkHandle, NodeEnumExHandle, NodeEnumHandle, NodeHandle,
    ResourceEnumExHandle, ResourceEnumHandle, ResourceHandle, ResourceTypeEnumHandle,
};
use crate::handles::{Kind, Origin, RawHandle};

impl State {
    fn insert_enum<E: Enumeration>(
        &mut self,
        parent: isize,
        origin: Origin,
        items: Vec<EnumItem>,
    ) -> Result<E> {
        let target = Target::Enum { items: items.into_boxed_slice() };
        Ok(E::from_raw(self.handles.insert(E::KIND, Some(RawHandle(parent)), origin, target)?.0))
    }

    fn enum_items<E: Enumeration>(&self, h: E) -> Result<&[EnumItem]> {
        match self.target(h.raw(), E::KIND)? {
            Target::Enum { items } => Ok(items),
            _ => Err(Error::INVALID_HANDLE),
        }
    }
}

/// Generates the open functions of one enumeration family: the plain and `Ex` variants take
/// the same snapshot; only the handle kind differs.
macro_rules! open_enum_fns {
    ($(
        $(#[$doc:meta])* $name:ident / $as:ident($parent:ident: $ph:ty) -> $eh:ty = $function:literal, $items:expr;
    )*) => {$(
        $(#[$doc])*
        #[track_caller]
        pub fn $name(&self, $parent: $ph, dw_type: u32) -> Result<$eh> {
            self.$as(&mut Call::rust($function), $parent, dw_type, Ok)
        }

        pub(crate) fn $as<T>(&self, call: &mut Call, $parent: $ph, dw_type: u32, deliver: impl FnOnce($eh) -> Result<T>) -> Result<T> {
            self.call(call, &[("dwType", Arg::Flags(dw_type))], |st, origin| {
                let items = ($items)(&*st, $parent, dw_type)?;
                st.insert_enum::<$eh>($parent.raw(), origin, items)
            }, deliver)
        }
    )*};
}

fn cluster_scope(st: &State, h: ClusterHandle, dw_type: u32) -> Result<Vec<EnumItem>> {
    enumeration::cluster_items(&st.world().clusters()[st.cluster_of(h)?], dw_type)
}

fn group_scope(st: &State, h: GroupHandle, dw_type: u32) -> Result<Vec<EnumItem>> {
    let (c, g) = st.group(h)?;
    Ok(enumeration::group_items(c, g, dw_type))
}

fn node_scope(st: &State, h: NodeHandle, dw_type: u32) -> Result<Vec<EnumItem>> {
    let (c, n) = st.node(h)?;
    enumeration::node_items_of(c, n.id, dw_type)
}

fn resource_scope(st: &State, h: ResourceHandle, dw_type: u32) -> Result<Vec<EnumItem>> {
    let (c, r) = st.resource(h)?;
    enumeration::resource_items(c, r, dw_type)
}

fn network_scope(st: &State, h: NetworkHandle, dw_type: u32) -> Result<Vec<EnumItem>> {
    match st.target(h.raw(), Kind::Network)? {
        &Target::Network { cluster, network } => {
            let c = &st.world().clusters()[cluster];
            if !c.networks().contains_key(&network) {
                return Err(Error::new(codes::ERROR_CLUSTER_NETWORK_NOT_FOUND));
            }
            enumeration::network_items(c, network, dw_type)
        }
        _ => Err(Error::INVALID_HANDLE),
    }
}

impl Sim {
    open_enum_fns! {
        /// `ClusterOpenEnum`: a snapshot of the cluster's objects of the types in `dw_type`
        /// (`CLUSTER_ENUM_*`).
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for an invalid mask (see
        /// [`enumeration::cluster_items`]); `ERROR_INVALID_HANDLE` for a bad cluster handle.
        cluster_open_enum / cluster_open_enum_as(cluster: ClusterHandle) -> ClusterEnumHandle = "ClusterOpenEnum", cluster_scope;
        /// `ClusterOpenEnumEx`: as [`cluster_open_enum`](Self::cluster_open_enum), read with ids.
        ///
        /// # Errors
        /// As [`cluster_open_enum`](Self::cluster_open_enum).
        cluster_open_enum_ex / cluster_open_enum_ex_as(cluster: ClusterHandle) -> ClusterEnumExHandle = "ClusterOpenEnumEx", cluster_scope;
        /// `ClusterGroupOpenEnum`: the group's resources (`CLUSTER_GROUP_ENUM_CONTAINS`) and
        /// preferred owners (`CLUSTER_GROUP_ENUM_NODES`). Other bits are ignored, as Windows
        /// does (Samba torture).
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE` for a deleted group.
        group_open_enum / group_open_enum_as(group: GroupHandle) -> GroupEnumHandle = "ClusterGroupOpenEnum", group_scope;
        /// `ClusterNodeOpenEnum`: the node's net interfaces, owned groups and preferring groups.
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_NODE_ENUM_*`;
        /// `ERROR_INVALID_HANDLE`.
        node_open_enum / node_open_enum_as(node: NodeHandle) -> NodeEnumHandle = "ClusterNodeOpenEnum", node_scope;
        /// `ClusterNodeOpenEnumEx`.
        ///
        /// # Errors
        /// As [`node_open_enum`](Self::node_open_enum).
        node_open_enum_ex / node_open_enum_ex_as(node: NodeHandle) -> NodeEnumExHandle = "ClusterNodeOpenEnumEx", node_scope;
        /// `ClusterResourceOpenEnum`: the resource's providers, dependents and possible owners.
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_RESOURCE_ENUM_*`;
        /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE` for a deleted resource.
        resource_open_enum / resource_open_enum_as(resource: ResourceHandle) -> ResourceEnumHandle = "ClusterResourceOpenEnum", resource_scope;
        /// `ClusterNetworkOpenEnum`: the network's interfaces.
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for bits other than `CLUSTER_NETWORK_ENUM_NETINTERFACES`.
        network_open_enum / network_open_enum_as(network: NetworkHandle) -> NetworkEnumHandle = "ClusterNetworkOpenEnum", network_scope;
    }

    /// `ClusterGroupOpenEnumEx`: a snapshot of every group of the cluster, each item with its
    /// state, owner node and flags ([`EnumDetail::Group`](crate::enumeration::EnumDetail)).
    /// Property lists are not simulated.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    #[track_caller]
    pub fn group_open_enum_ex(&self, cluster: ClusterHandle) -> Result<GroupEnumExHandle> {
        self.group_open_enum_ex_as(&mut Call::rust("ClusterGroupOpenEnumEx"), cluster, Ok)
    }

    pub(crate) fn group_open_enum_ex_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        deliver: impl FnOnce(GroupEnumExHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let items = enumeration::group_ex_items(&st.world().clusters()[st.cluster_of(cluster)?]);
                st.insert_enum(cluster.raw(), origin, items)
            },
            deliver,
        )
    }

    /// `ClusterResourceOpenEnumEx`: a snapshot of every resource of the cluster, each item with
    /// its group ([`EnumDetail::Resource`](crate::enumeration::EnumDetail)). Property lists are
    /// not simulated.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    #[track_caller]
    pub fn resource_open_enum_ex(&self, cluster: ClusterHandle) -> Result<ResourceEnumExHandle> {
        self.resource_open_enum_ex_as(&mut Call::rust("ClusterResourceOpenEnumEx"), cluster, Ok)
    }

    pub(crate) fn resource_open_enum_ex_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        deliver: impl FnOnce(ResourceEnumExHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let items = enumeration::resource_ex_items(&st.world().clusters()[st.cluster_of(cluster)?]);
                st.insert_enum(cluster.raw(), origin, items)
            },
            deliver,
        )
    }

    /// `ClusterResourceTypeOpenEnum`: the nodes that can host `type_name` and its resources.
    /// Bits of `dw_type` outside `CLUSTER_RESOURCE_TYPE_ENUM_*` select nothing and are
    /// accepted, as Windows does in Samba's torture test (`test_CreateResTypeEnum`: 0x40, 0x80
    /// and 0x100 succeed for an installed type).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle; `ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND
    /// (5078)` for a type that is not installed, whatever the bits.
    #[track_caller]
    pub fn resource_type_open_enum(
        &self,
        cluster: ClusterHandle,
        type_name: &str,
        dw_type: u32,
    ) -> Result<ResourceTypeEnumHandle> {
        self.resource_type_open_enum_as(
            &mut Call::rust("ClusterResourceTypeOpenEnum"),
            cluster,
            type_name,
            dw_type,
            Ok,
        )
    }

    pub(crate) fn resource_type_open_enum_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        type_name: &str,
        dw_type: u32,
        deliver: impl FnOnce(ResourceTypeEnumHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("type_name", Arg::Text(type_name)), ("dw_type", Arg::Flags(dw_type))],
            |st, origin| {
                let c = &st.world().clusters()[st.cluster_of(cluster)?];
                if c.resource_type(type_name).is_none() {
                    return Err(Error::new(codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND));
                }
                let items = enumeration::resource_type_items(c, type_name, dw_type)?;
                st.insert_enum(cluster.raw(), origin, items)
            },
            deliver,
        )
    }

    /// The number of items in an enumeration (`ClusterGetEnumCount` and siblings).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad or wrong-kind enumeration handle.
    #[track_caller]
    pub fn enum_count<E: Enumeration>(&self, h: E) -> Result<u32> {
        self.enum_count_as(&mut Call::rust(E::COUNT_FN), h, Ok)
    }

    pub(crate) fn enum_count_as<E: Enumeration, T>(
        &self,
        call: &mut Call,
        h: E,
        deliver: impl FnOnce(u32) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.enum_items(h)?.len() as u32), deliver)
    }

    /// Item `index` of an enumeration (`ClusterEnum` and siblings).
    ///
    /// # Errors
    /// `ERROR_NO_MORE_ITEMS (259)` past the end; `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn enum_item<E: Enumeration>(&self, h: E, index: u32) -> Result<EnumItem> {
        self.enum_item_as(&mut Call::rust(E::ENUM_FN), h, index, Ok)
    }

    pub(crate) fn enum_item_as<E: Enumeration, T>(
        &self,
        call: &mut Call,
        h: E,
        index: u32,
        deliver: impl FnOnce(EnumItem) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("index", Arg::Number(u64::from(index)))],
            |st, _| {
                st.enum_items(h)?.get(index as usize).cloned().ok_or(Error::new(codes::ERROR_NO_MORE_ITEMS))
            },
            deliver,
        )
    }

    /// Every item of an enumeration, in order.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn enum_items<E: Enumeration>(&self, h: E) -> Result<Vec<EnumItem>> {
        self.enum_items_as(&mut Call::rust(E::ENUM_FN), h, Ok)
    }

    pub(crate) fn enum_items_as<E: Enumeration, T>(
        &self,
        call: &mut Call,
        h: E,
        deliver: impl FnOnce(Vec<EnumItem>) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| Ok(st.enum_items(h)?.to_vec()), deliver)
    }

    /// Closes an enumeration (`ClusterCloseEnum` and siblings).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad or wrong-kind enumeration handle.
    #[track_caller]
    pub fn close_enum<E: Enumeration>(&self, h: E) -> Result<()> {
        self.close_enum_as(&mut Call::rust(E::CLOSE_FN), h, Ok)
    }

    pub(crate) fn close_enum_as<E: Enumeration, T>(
        &self,
        call: &mut Call,
        h: E,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(call, &[], |st, _| st.handles.close(RawHandle(h.raw()), E::KIND).map(drop), deliver)
    }
}
