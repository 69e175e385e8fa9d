//! One typed handle per ClusAPI handle kind, so that a group handle can never be passed where a
//! resource handle is wanted, even inside the crate.
//!
//! Each wraps the raw value the C API sees; [`Handle::from_raw`] accepts any value (the
//! simulator validates it on use, as the real library would reject it), which is how FFI values
//! and deliberately forged ones reach the Rust API.

use crate::handles::{Kind, RawHandle};

/// A typed handle.
pub trait Handle: Copy + Eq + std::fmt::Debug {
    /// The kind of handle.
    const KIND: Kind;
    /// Wraps a raw value without checking it.
    fn from_raw(raw: isize) -> Self;
    /// The raw value, as the C API would see it.
    fn raw(self) -> isize;
}

/// A handle to an enumeration snapshot.
pub trait Enumeration: Handle {
    /// The ClusAPI function that counts items of this kind, e.g. `"ClusterGetEnumCount"`.
    const COUNT_FN: &'static str;
    /// The ClusAPI function that reads an item, e.g. `"ClusterEnum"`.
    const ENUM_FN: &'static str;
    /// The ClusAPI function that closes it, e.g. `"ClusterCloseEnum"`.
    const CLOSE_FN: &'static str;
}

macro_rules! typed_handles {
    ($($(#[$doc:meta])* $name:ident = $kind:ident $(, enum($count:literal, $item:literal, $close:literal))?;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(RawHandle);

        impl Handle for $name {
            const KIND: Kind = Kind::$kind;
            fn from_raw(raw: isize) -> Self {
                $name(RawHandle(raw))
            }
            fn raw(self) -> isize {
                self.0.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "({:#x})"), self.0.0)
            }
        }

        $(impl Enumeration for $name {
            const COUNT_FN: &'static str = $count;
            const ENUM_FN: &'static str = $item;
            const CLOSE_FN: &'static str = $close;
        })?
    )*};
}

typed_handles! {
    /// `HCLUSTER`: a connection to a cluster.
    ClusterHandle = Cluster;
    /// `HNODE`
    NodeHandle = Node;
    /// `HGROUP`
    GroupHandle = Group;
    /// `HRESOURCE`
    ResourceHandle = Resource;
    /// `HNETWORK`
    NetworkHandle = Network;
    /// `HNETINTERFACE`
    NetInterfaceHandle = NetInterface;
    /// `HCHANGE`: a notification port (`CreateClusterNotifyPort`).
    NotifyPortHandle = NotifyPort;
    /// `HCLUSENUM`: a snapshot of cluster objects (`ClusterOpenEnum`).
    ClusterEnumHandle = ClusterEnum, enum("ClusterGetEnumCount", "ClusterEnum", "ClusterCloseEnum");
    /// `HCLUSENUMEX` (`ClusterOpenEnumEx`).
    ClusterEnumExHandle = ClusterEnumEx, enum("ClusterGetEnumCountEx", "ClusterEnumEx", "ClusterCloseEnumEx");
    /// `HNODEENUM` (`ClusterNodeOpenEnum`).
    NodeEnumHandle = NodeEnum, enum("ClusterNodeGetEnumCount", "ClusterNodeEnum", "ClusterNodeCloseEnum");
    /// `HNODEENUMEX` (`ClusterNodeOpenEnumEx`).
    NodeEnumExHandle = NodeEnumEx, enum("ClusterNodeGetEnumCountEx", "ClusterNodeEnumEx", "ClusterNodeCloseEnumEx");
    /// `HGROUPENUM` (`ClusterGroupOpenEnum`).
    GroupEnumHandle = GroupEnum, enum("ClusterGroupGetEnumCount", "ClusterGroupEnum", "ClusterGroupCloseEnum");
    /// `HGROUPENUMEX` (`ClusterGroupOpenEnumEx`).
    GroupEnumExHandle = GroupEnumEx, enum("ClusterGroupGetEnumCountEx", "ClusterGroupEnumEx", "ClusterGroupCloseEnumEx");
    /// `HRESENUM` (`ClusterResourceOpenEnum`).
    ResourceEnumHandle = ResourceEnum, enum("ClusterResourceGetEnumCount", "ClusterResourceEnum", "ClusterResourceCloseEnum");
    /// `HRESENUMEX` (`ClusterResourceOpenEnumEx`).
    ResourceEnumExHandle = ResourceEnumEx, enum("ClusterResourceGetEnumCountEx", "ClusterResourceEnumEx", "ClusterResourceCloseEnumEx");
    /// `HRESTYPEENUM` (`ClusterResourceTypeOpenEnum`).
    ResourceTypeEnumHandle = ResourceTypeEnum, enum("ClusterResourceTypeGetEnumCount", "ClusterResourceTypeEnum", "ClusterResourceTypeCloseEnum");
    /// `HKEY`: a key of the cluster registry (`GetClusterKey`, `ClusterRegOpenKey`...).
    KeyHandle = Key;
    /// `HREGBATCH`: a write batch (`ClusterRegCreateBatch`).
    RegBatchHandle = RegBatch;
    /// `HREGREADBATCH`: a read batch (`ClusterRegCreateReadBatch`).
    RegReadBatchHandle = RegReadBatch;
    /// `HREGREADBATCHREPLY`: the replies of a read batch (`ClusterRegCloseReadBatch`).
    RegReadBatchReplyHandle = RegReadBatchReply;
    /// `HREGBATCHPORT`: a batch notification port (`ClusterRegCreateBatchNotifyPort`).
    RegBatchPortHandle = RegBatchPort;
    /// `HREGBATCHNOTIFICATION`: one batch notification (`ClusterRegGetBatchNotification`).
    RegBatchNotificationHandle = RegBatchNotification;
    /// `HGROUPSET`: a group set (`OpenClusterGroupSet`, `CreateClusterGroupSet`).
    GroupSetHandle = GroupSet;
    /// `HGROUPSETENUM` (`ClusterGroupSetOpenEnum`).
    GroupSetEnumHandle = GroupSetEnum, enum("ClusterGroupSetGetEnumCount", "ClusterGroupSetEnum", "ClusterGroupSetCloseEnum");
    /// `HNETWORKENUM` (`ClusterNetworkOpenEnum`).
    NetworkEnumHandle = NetworkEnum, enum("ClusterNetworkGetEnumCount", "ClusterNetworkEnum", "ClusterNetworkCloseEnum");
}
