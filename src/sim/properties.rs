//! The typed property API: [`Sim::properties`], [`Sim::private_properties`],
//! [`Sim::set_properties`] and [`Sim::set_private_properties`], for every object kind
//! ([`PropertyObject`]). Each goes through the object's control function with the property
//! codes (`src/control/properties.rs` has their rules), so the trace shows the
//! `Cluster*Control` calls a Windows client would make, and a fault on them applies.

use super::Sim;
use crate::error::{Result, codes};
use crate::handle_types::{
    ClusterHandle, GroupHandle, GroupSetHandle, NetInterfaceHandle, NetworkHandle, NodeHandle, ResourceHandle,
};
use crate::property::PropertyList;

/// `CLCTL_GET_COMMON_PROPERTIES` and its siblings: the function part of the property codes.
const GET_RO_COMMON: u32 = 0x55;
const GET_COMMON: u32 = 0x59;
const SET_COMMON: u32 = 0x40_005E;
const GET_RO_PRIVATE: u32 = 0x7D;
const GET_PRIVATE: u32 = 0x81;
const SET_PRIVATE: u32 = 0x40_0086;

/// A resource type, by its name in a cluster: the object of `ClusterResourceTypeControl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceTypeRef<'a> {
    /// The cluster.
    pub cluster: ClusterHandle,
    /// The type's name (matched ignoring case).
    pub name: &'a str,
}

mod sealed {
    pub trait Sealed {}
}

/// An object that has properties: a handle to a cluster, node, group, resource, network, net
/// interface or group set (common properties only: its private ones are
/// `ERROR_INVALID_FUNCTION`), or a [`ResourceTypeRef`].
pub trait PropertyObject: Copy + sealed::Sealed {
    /// Runs control function `function` (the code without its object bits) on the object.
    #[doc(hidden)]
    fn control(self, sim: &Sim, function: u32, input: &[u8]) -> Result<Vec<u8>>;
}

macro_rules! property_objects {
    ($($h:ty => $object:expr, $method:ident;)*) => {$(
        impl sealed::Sealed for $h {}
        impl PropertyObject for $h {
            fn control(self, sim: &Sim, function: u32, input: &[u8]) -> Result<Vec<u8>> {
                sim.$method(self, None, ($object << 24) | function, input)
            }
        }
    )*};
}

property_objects! {
    ResourceHandle => 1, resource_control;
    GroupHandle => 3, group_control;
    NodeHandle => 4, node_control;
    NetworkHandle => 5, network_control;
    NetInterfaceHandle => 6, net_interface_control;
    ClusterHandle => 7, cluster_control;
    GroupSetHandle => 8, group_set_control;
}

impl sealed::Sealed for ResourceTypeRef<'_> {}
impl PropertyObject for ResourceTypeRef<'_> {
    fn control(self, sim: &Sim, function: u32, input: &[u8]) -> Result<Vec<u8>> {
        sim.resource_type_control(self.cluster, self.name, None, (2 << 24) | function, input)
    }
}

/// When a property change takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stored {
    /// At once.
    Now,
    /// At the resource's next online: the values are stored, and the control code answered
    /// `ERROR_RESOURCE_PROPERTIES_STORED (5024)`.
    AtNextOnline,
}

/// The list of `get` and then of `get_ro`.
fn both(obj: impl PropertyObject, sim: &Sim, get: u32, get_ro: u32) -> Result<PropertyList> {
    let mut list = PropertyList::decode(&obj.control(sim, get, &[])?)?;
    list.properties.extend(PropertyList::decode(&obj.control(sim, get_ro, &[])?)?.properties);
    Ok(list)
}

fn set(obj: impl PropertyObject, sim: &Sim, function: u32, list: &PropertyList) -> Result<Stored> {
    match obj.control(sim, function, &list.encode()) {
        Ok(_) => Ok(Stored::Now),
        Err(e) if e.code() == codes::ERROR_RESOURCE_PROPERTIES_STORED => Ok(Stored::AtNextOnline),
        Err(e) => Err(e),
    }
}

impl Sim {
    /// The common properties of an object: the read/write ones
    /// (`CLUSCTL_*_GET_COMMON_PROPERTIES`), then the read-only ones
    /// (`CLUSCTL_*_GET_RO_COMMON_PROPERTIES`), decoded. Two control calls.
    ///
    /// # Errors
    /// Those of the object's control function (`ERROR_INVALID_HANDLE` for a bad handle, the
    /// not-available code for a deleted object, 5078 for an unknown resource type).
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "Cluster Group")?;
    /// let props = sim.properties(group)?;
    /// assert_eq!(props.get("Name").and_then(|v| v.as_str()), Some("Cluster Group"));
    /// assert_eq!(props.get("FailoverPeriod").and_then(|v| v.as_dword()), Some(6));
    /// # sim.close_group(group)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn properties(&self, object: impl PropertyObject) -> Result<PropertyList> {
        both(object, self, GET_COMMON, GET_RO_COMMON)
    }

    /// The private properties of an object: the read/write ones
    /// (`CLUSCTL_*_GET_PRIVATE_PROPERTIES`), then the read-only ones, decoded.
    ///
    /// # Errors
    /// As [`properties`](Self::properties).
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::property::{PropertyList, Value};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "Cluster Group")?;
    /// let mut settings = PropertyList::new();
    /// settings.push("Owner", Value::Sz("ops".into()));
    /// sim.set_private_properties(group, &settings)?;
    /// assert_eq!(sim.private_properties(group)?.get("owner").and_then(|v| v.as_str()), Some("ops"));
    /// # sim.close_group(group)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn private_properties(&self, object: impl PropertyObject) -> Result<PropertyList> {
        both(object, self, GET_PRIVATE, GET_RO_PRIVATE)
    }

    /// Sets common properties of an object (`CLUSCTL_*_SET_COMMON_PROPERTIES`): every one
    /// checked, then all stored in one commit, or none.
    ///
    /// # Errors
    /// Those of the SET code (`src/control/properties.rs`): `ERROR_INVALID_PARAMETER (87)`
    /// for an unknown name, `ERROR_RESOURCE_PROPERTY_UNCHANGEABLE (5089)` for a read-only one,
    /// `ERROR_INVALID_DATA (13)` for a value of the wrong format or out of range; and those of
    /// the object's control function.
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::property::{PropertyList, Value};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// let mut list = PropertyList::new();
    /// list.push("RestartThreshold", Value::Dword(1));
    /// sim.set_properties(disk, &list)?;
    /// assert_eq!(sim.harness().resource(disk)?.restart.threshold, 1);
    /// let mut bad = PropertyList::new();
    /// bad.push("Name", Value::Sz("renamed".into()));
    /// assert_eq!(sim.set_properties(disk, &bad).unwrap_err().code(), 5089);
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_properties(&self, object: impl PropertyObject, list: &PropertyList) -> Result<Stored> {
        set(object, self, SET_COMMON, list)
    }

    /// Sets private properties of an object (`CLUSCTL_*_SET_PRIVATE_PROPERTIES`). On an
    /// online resource the change takes effect at its next online: [`Stored::AtNextOnline`].
    ///
    /// # Errors
    /// As [`set_properties`](Self::set_properties), for the resource type's private schema;
    /// unknown private properties are stored as given.
    ///
    /// ```
    /// use clusapi_sim::{Sim, Stored};
    /// use clusapi_sim::property::{PropertyList, Value};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let ip = sim.open_resource(cluster, "Cluster IP Address")?; // online
    /// let mut list = PropertyList::new();
    /// list.push("EnableNetBIOS", Value::Dword(0));
    /// assert_eq!(sim.set_private_properties(ip, &list)?, Stored::AtNextOnline);
    /// # sim.close_resource(ip)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn set_private_properties(&self, object: impl PropertyObject, list: &PropertyList) -> Result<Stored> {
        set(object, self, SET_PRIVATE, list)
    }
}
