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
    pub(super) fn insert_enum<E: Enumeration>(
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
                st.note_deleted(h.raw(), Kind::Network, codes::ERROR_CLUSTER_NETWORK_NOT_FOUND);
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
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// use clusapi_sim::enumeration::mask::{CLUSTER_ENUM_NETWORK, CLUSTER_ENUM_NODE};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let e = sim.cluster_open_enum(cluster, CLUSTER_ENUM_NODE | CLUSTER_ENUM_NETWORK)?;
        /// let items = sim.enum_items(e)?;
        /// let names: Vec<_> = items.iter().map(|i| i.name.as_str()).collect();
        /// // Grouped by type, in the order of the type bits.
        /// assert_eq!(names, ["NODE1", "NODE2", "NODE3", "Cluster Network 1", "Cluster Network 2"]);
        /// assert_eq!(items[0].object_type, CLUSTER_ENUM_NODE);
        /// assert_eq!(items[0].id, "1"); // a node's id is its number
        /// sim.close_enum(e)?;
        /// let err = sim.cluster_open_enum(cluster, 0x40).unwrap_err();
        /// assert_eq!(err.code(), codes::ERROR_INVALID_PARAMETER);
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        cluster_open_enum / cluster_open_enum_as(cluster: ClusterHandle) -> ClusterEnumHandle = "ClusterOpenEnum", cluster_scope;
        /// `ClusterOpenEnumEx`: as [`cluster_open_enum`](Self::cluster_open_enum), read with ids.
        ///
        /// # Errors
        /// As [`cluster_open_enum`](Self::cluster_open_enum).
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::Sim;
        /// use clusapi_sim::enumeration::mask::CLUSTER_ENUM_RESOURCE;
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let plain = sim.cluster_open_enum(cluster, CLUSTER_ENUM_RESOURCE)?;
        /// let ex = sim.cluster_open_enum_ex(cluster, CLUSTER_ENUM_RESOURCE)?;
        /// // The same snapshot; each item carries the resource's GUID.
        /// assert_eq!(sim.enum_items(ex)?, sim.enum_items(plain)?);
        /// assert_eq!(sim.enum_count(ex)?, 17);
        /// assert_eq!(sim.enum_item(ex, 0)?.id.len(), 36);
        /// # sim.close_enum(ex)?;
        /// # sim.close_enum(plain)?;
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        cluster_open_enum_ex / cluster_open_enum_ex_as(cluster: ClusterHandle) -> ClusterEnumExHandle = "ClusterOpenEnumEx", cluster_scope;
        /// `ClusterGroupOpenEnum`: the group's resources (`CLUSTER_GROUP_ENUM_CONTAINS`) and
        /// preferred owners (`CLUSTER_GROUP_ENUM_NODES`). Other bits are ignored, as Windows
        /// does (Samba torture).
        ///
        /// # Errors
        /// `ERROR_INVALID_HANDLE`; `ERROR_GROUP_NOT_AVAILABLE` for a deleted group.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::Sim;
        /// use clusapi_sim::enumeration::mask::{CLUSTER_GROUP_ENUM_CONTAINS, CLUSTER_GROUP_ENUM_NODES};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let fs = sim.open_group(cluster, "FS01")?;
        /// let e = sim.group_open_enum(fs, CLUSTER_GROUP_ENUM_NODES)?;
        /// let owners: Vec<_> = sim.enum_items(e)?.into_iter().map(|i| i.name).collect();
        /// assert_eq!(owners, ["NODE3", "NODE1"]); // preferred owners, in order
        /// let e2 = sim.group_open_enum(fs, CLUSTER_GROUP_ENUM_CONTAINS)?;
        /// assert_eq!(sim.enum_count(e2)?, 4);
        /// # sim.close_enum(e2)?;
        /// # sim.close_enum(e)?;
        /// # sim.close_group(fs)?;
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        group_open_enum / group_open_enum_as(group: GroupHandle) -> GroupEnumHandle = "ClusterGroupOpenEnum", group_scope;
        /// `ClusterNodeOpenEnum`: the node's net interfaces, owned groups and preferring groups.
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_NODE_ENUM_*`;
        /// `ERROR_INVALID_HANDLE`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// use clusapi_sim::enumeration::mask::{CLUSTER_NODE_ENUM_GROUPS, CLUSTER_NODE_ENUM_NETINTERFACES};
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let node3 = sim.open_node(cluster, "NODE3")?;
        /// let groups = sim.node_open_enum(node3, CLUSTER_NODE_ENUM_GROUPS)?;
        /// let owned: Vec<_> = sim.enum_items(groups)?.into_iter().map(|i| i.name).collect();
        /// assert_eq!(owned, ["FS01", "CONTOSO-APP1"]);
        /// let nics = sim.node_open_enum(node3, CLUSTER_NODE_ENUM_NETINTERFACES)?;
        /// assert_eq!(sim.enum_item(nics, 0)?.name, "NODE3 - Ethernet");
        /// assert_eq!(sim.node_open_enum(node3, 0x8).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
        /// # sim.close_enum(nics)?;
        /// # sim.close_enum(groups)?;
        /// # sim.close_node(node3)?;
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        node_open_enum / node_open_enum_as(node: NodeHandle) -> NodeEnumHandle = "ClusterNodeOpenEnum", node_scope;
        /// `ClusterNodeOpenEnumEx`.
        ///
        /// # Errors
        /// As [`node_open_enum`](Self::node_open_enum).
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::Sim;
        /// use clusapi_sim::enumeration::mask::CLUSTER_NODE_ENUM_PREFERRED_GROUPS;
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let node2 = sim.open_node(cluster, "NODE2")?;
        /// let e = sim.node_open_enum_ex(node2, CLUSTER_NODE_ENUM_PREFERRED_GROUPS)?;
        /// let item = sim.enum_item(e, 0)?;
        /// assert_eq!(item.name, "SQL Server (MSSQLSERVER)");
        /// assert_eq!(sim.enum_count(e)?, 1);
        /// # sim.close_enum(e)?;
        /// # sim.close_node(node2)?;
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        node_open_enum_ex / node_open_enum_ex_as(node: NodeHandle) -> NodeEnumExHandle = "ClusterNodeOpenEnumEx", node_scope;
        /// `ClusterResourceOpenEnum`: the resource's providers, dependents and possible owners.
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for bits outside `CLUSTER_RESOURCE_ENUM_*`;
        /// `ERROR_INVALID_HANDLE`; `ERROR_RESOURCE_NOT_AVAILABLE` for a deleted resource.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::Sim;
        /// use clusapi_sim::enumeration::mask::{
        ///     CLUSTER_RESOURCE_ENUM_DEPENDS, CLUSTER_RESOURCE_ENUM_NODES, CLUSTER_RESOURCE_ENUM_PROVIDES,
        /// };
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let sql = sim.open_resource(cluster, "SQL Server")?;
        /// let names = |mask| -> clusapi_sim::Result<Vec<String>> {
        ///     let e = sim.resource_open_enum(sql, mask)?;
        ///     let names = sim.enum_items(e)?.into_iter().map(|i| i.name).collect();
        ///     sim.close_enum(e)?;
        ///     Ok(names)
        /// };
        /// let providers = names(CLUSTER_RESOURCE_ENUM_DEPENDS)?;
        /// assert_eq!(providers, ["SQL Network Name (SQLFCI01)", "Cluster Disk 4"]);
        /// assert_eq!(names(CLUSTER_RESOURCE_ENUM_PROVIDES)?, ["SQL Server Agent"]);
        /// assert_eq!(names(CLUSTER_RESOURCE_ENUM_NODES)?, ["NODE1", "NODE2", "NODE3"]);
        /// # sim.close_resource(sql)?;
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        resource_open_enum / resource_open_enum_as(resource: ResourceHandle) -> ResourceEnumHandle = "ClusterResourceOpenEnum", resource_scope;
        /// `ClusterNetworkOpenEnum`: the network's interfaces.
        ///
        /// # Errors
        /// `ERROR_INVALID_PARAMETER` for bits other than `CLUSTER_NETWORK_ENUM_NETINTERFACES`.
        ///
        /// # Examples
        ///
        /// ```
        /// use clusapi_sim::{Sim, codes};
        /// use clusapi_sim::enumeration::mask::CLUSTER_NETWORK_ENUM_NETINTERFACES;
        /// let sim = Sim::default();
        /// let cluster = sim.open_cluster(None)?;
        /// let network = sim.open_network(cluster, "Cluster Network 2")?;
        /// let e = sim.network_open_enum(network, CLUSTER_NETWORK_ENUM_NETINTERFACES)?;
        /// let nics: Vec<_> = sim.enum_items(e)?.into_iter().map(|i| i.name).collect();
        /// assert_eq!(nics, ["NODE1 - Ethernet 2", "NODE2 - Ethernet 2", "NODE3 - Ethernet 2"]);
        /// assert_eq!(sim.network_open_enum(network, 2).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
        /// # sim.close_enum(e)?;
        /// # sim.close_network(network)?;
        /// # sim.close_cluster(cluster);
        /// # Ok::<(), clusapi_sim::Error>(())
        /// ```
        network_open_enum / network_open_enum_as(network: NetworkHandle) -> NetworkEnumHandle = "ClusterNetworkOpenEnum", network_scope;
    }

    /// `ClusterGroupOpenEnumEx`: a snapshot of every group of the cluster, each item with its
    /// state, owner node and flags ([`EnumDetail::Group`](crate::enumeration::EnumDetail)),
    /// and the property lists of the common properties named in `properties` (read/write
    /// ones) and `ro_properties` (read-only ones), as Samba's `test_CreateGroupEnum` asks for
    /// "Priority" and "GroupType". A name that is not such a property is left out; no names,
    /// no list.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::enumeration::EnumDetail;
    /// use clusapi_sim::property::PropertyList;
    /// use clusapi_sim::{GroupState, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let e = sim.group_open_enum_ex(cluster, &["Priority"], &["GroupType"])?;
    /// let items = sim.enum_items(e)?;
    /// assert_eq!(items.len(), 5);
    /// let app = items.iter().find(|i| i.name == "CONTOSO-APP1").unwrap();
    /// let EnumDetail::Group { state, owner_node, flags, properties, ro_properties } = &app.detail else { panic!() };
    /// assert_eq!((*state, owner_node.as_str(), *flags), (GroupState::Offline, "NODE3", 0));
    /// let core = items.iter().find(|i| i.name == "Cluster Group").unwrap();
    /// assert!(matches!(core.detail, EnumDetail::Group { flags: 1, .. }), "CLUS_FLAG_CORE");
    /// assert_eq!(PropertyList::decode(properties)?.get("Priority").and_then(|v| v.as_dword()), Some(2000));
    /// // ClusGroupTypeGenericService (108).
    /// assert_eq!(PropertyList::decode(ro_properties)?.get("GroupType").and_then(|v| v.as_dword()), Some(108));
    /// # sim.close_enum(e)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn group_open_enum_ex(
        &self,
        cluster: ClusterHandle,
        properties: &[&str],
        ro_properties: &[&str],
    ) -> Result<GroupEnumExHandle> {
        self.group_open_enum_ex_as(
            &mut Call::rust("ClusterGroupOpenEnumEx"),
            cluster,
            &owned(properties),
            &owned(ro_properties),
            Ok,
        )
    }

    pub(crate) fn group_open_enum_ex_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        properties: &[String],
        ro_properties: &[String],
        deliver: impl FnOnce(GroupEnumExHandle) -> Result<T>,
    ) -> Result<T> {
        let (names, ro_names) = (properties.join(","), ro_properties.join(","));
        self.call(
            call,
            &[("properties", Arg::Text(&names)), ("ro_properties", Arg::Text(&ro_names))],
            |st, origin| {
                let c = &st.world().clusters()[st.cluster_of(cluster)?];
                let items = enumeration::group_ex_items(c, properties, ro_properties);
                st.insert_enum(cluster.raw(), origin, items)
            },
            deliver,
        )
    }

    /// `ClusterResourceOpenEnumEx`: a snapshot of every resource of the cluster, each item with
    /// its group ([`EnumDetail::Resource`](crate::enumeration::EnumDetail)) and the property
    /// lists of the common properties named in `properties` and `ro_properties`, as for
    /// [`group_open_enum_ex`](Self::group_open_enum_ex).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::enumeration::EnumDetail;
    /// use clusapi_sim::property::PropertyList;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let e = sim.resource_open_enum_ex(cluster, &["RestartAction"], &["Type"])?;
    /// let items = sim.enum_items(e)?;
    /// let witness = items.iter().find(|i| i.name == "Cluster Disk 1").unwrap();
    /// let EnumDetail::Resource { group_name, ro_properties, .. } = &witness.detail else { panic!("no group") };
    /// assert_eq!(group_name, "Cluster Group");
    /// assert_eq!(PropertyList::decode(ro_properties)?.get("Type").and_then(|v| v.as_str()), Some("Physical Disk"));
    /// # sim.close_enum(e)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn resource_open_enum_ex(
        &self,
        cluster: ClusterHandle,
        properties: &[&str],
        ro_properties: &[&str],
    ) -> Result<ResourceEnumExHandle> {
        self.resource_open_enum_ex_as(
            &mut Call::rust("ClusterResourceOpenEnumEx"),
            cluster,
            &owned(properties),
            &owned(ro_properties),
            Ok,
        )
    }

    pub(crate) fn resource_open_enum_ex_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        properties: &[String],
        ro_properties: &[String],
        deliver: impl FnOnce(ResourceEnumExHandle) -> Result<T>,
    ) -> Result<T> {
        let (names, ro_names) = (properties.join(","), ro_properties.join(","));
        self.call(
            call,
            &[("properties", Arg::Text(&names)), ("ro_properties", Arg::Text(&ro_names))],
            |st, origin| {
                let c = &st.world().clusters()[st.cluster_of(cluster)?];
                let items = enumeration::resource_ex_items(c, properties, ro_properties);
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
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// use clusapi_sim::enumeration::mask::CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let e = sim.resource_type_open_enum(cluster, "Network Name", CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES)?;
    /// let names: Vec<_> = sim.enum_items(e)?.into_iter().map(|i| i.name).collect();
    /// assert_eq!(names, ["Cluster Name", "SQL Network Name (SQLFCI01)", "FS01", "CONTOSO-APP1"]);
    /// let err = sim.resource_type_open_enum(cluster, "No Such Type", CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES);
    /// assert_eq!(err.unwrap_err().code(), codes::ERROR_CLUSTER_RESOURCE_TYPE_NOT_FOUND);
    /// # sim.close_enum(e)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// use clusapi_sim::enumeration::mask::{CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NETINTERFACE};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let groups = sim.cluster_open_enum(cluster, CLUSTER_ENUM_GROUP)?;
    /// assert_eq!(sim.enum_count(groups)?, 5);
    /// let nics = sim.cluster_open_enum(cluster, CLUSTER_ENUM_NETINTERFACE)?;
    /// assert_eq!(sim.enum_count(nics)?, 6);
    /// sim.close_enum(nics)?;
    /// assert_eq!(sim.enum_count(nics).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// # sim.close_enum(groups)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// use clusapi_sim::enumeration::mask::CLUSTER_ENUM_NODE;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let e = sim.cluster_open_enum(cluster, CLUSTER_ENUM_NODE)?;
    /// // The classic ClusterEnum loop: read until ERROR_NO_MORE_ITEMS.
    /// let mut names = Vec::new();
    /// let end = loop {
    ///     match sim.enum_item(e, names.len() as u32) {
    ///         Ok(item) => names.push(item.name),
    ///         Err(err) => break err,
    ///     }
    /// };
    /// assert_eq!(names, ["NODE1", "NODE2", "NODE3"]);
    /// assert_eq!(end.code(), codes::ERROR_NO_MORE_ITEMS);
    /// # sim.close_enum(e)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::enumeration::mask::{CLUSTER_ENUM_RESTYPE, CLUSTER_GROUP_ENUM_CONTAINS};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "Cluster Group")?;
    /// let e = sim.group_open_enum(group, CLUSTER_GROUP_ENUM_CONTAINS)?;
    /// let names: Vec<_> = sim.enum_items(e)?.into_iter().map(|i| i.name).collect();
    /// assert_eq!(names, ["Cluster IP Address", "Cluster Name", "Cluster Disk 1"]);
    /// // A snapshot: the same items as reading them one by one.
    /// assert_eq!(sim.enum_item(e, 2)?.name, names[2]);
    /// let types = sim.cluster_open_enum(cluster, CLUSTER_ENUM_RESTYPE)?;
    /// assert!(sim.enum_items(types)?.iter().any(|t| t.name == "Physical Disk"));
    /// # sim.close_enum(types)?;
    /// # sim.close_enum(e)?;
    /// # sim.close_group(group)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// use clusapi_sim::enumeration::mask::CLUSTER_ENUM_ALL;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let e = sim.cluster_open_enum(cluster, CLUSTER_ENUM_ALL)?;
    /// sim.close_enum(e)?;
    /// assert_eq!(sim.enum_items(e).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// assert_eq!(sim.close_enum(e).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    /// sim.close_cluster(cluster);
    /// assert!(sim.harness().check_leaks().is_ok());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
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
        self.call(call, &[], |st, _| st.close_handle(RawHandle(h.raw()), E::KIND).map(drop), deliver)
    }
}

fn owned(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}
