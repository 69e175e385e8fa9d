//! The schema of every object kind's properties: each common property's name, format,
//! access, default and range, defined once here (`reference/engine-properties-notify.md`
//! §A.7.1, §A.7.2, §C.5), and the private properties of the main resource types (§C.6).
//!
//! A property's [`Source`] says where its value lives:
//! * [`Source::Field`]: a typed field of the object that the engine reads (the restart and
//!   failover policies, the persistent state), so setting the property changes behaviour;
//! * [`Source::Stored`]: the object's bag of stored common values, its default when unset;
//! * [`Source::Derived`]: computed from the world when read (Name, Type, NodeDrainStatus,
//!   StatusInformation...), never stored twice, and read-only.
//!
//! The order of each table is the order GET replies list the properties in. For the node
//! and cluster read-only properties it is the order of the real Windows captures in Samba's
//! `source4/torture/ndr/clusapi.c`; elsewhere the sources give none (a choice: the order of
//! the MsCS pages).

use super::{Properties, PropertyWriter, Value, syntax};
use crate::world::{
    Cluster, Group, GroupSet, NetInterface, Network, Node, PropertyOwner, Resource, ResourceType,
};

/// `CLUSPROP_FORMAT_*` values (`reference/engine-properties-notify.md` §C.2).
pub mod format {
    /// `CLUSPROP_FORMAT_BINARY`.
    pub const BINARY: u16 = 1;
    /// `CLUSPROP_FORMAT_DWORD`.
    pub const DWORD: u16 = 2;
    /// `CLUSPROP_FORMAT_SZ`.
    pub const SZ: u16 = 3;
    /// `CLUSPROP_FORMAT_EXPAND_SZ`.
    pub const EXPAND_SZ: u16 = 4;
    /// `CLUSPROP_FORMAT_MULTI_SZ`.
    pub const MULTI_SZ: u16 = 5;
    /// `CLUSPROP_FORMAT_ULARGE_INTEGER`.
    pub const ULARGE_INTEGER: u16 = 6;
    /// `CLUSPROP_FORMAT_LONG`.
    pub const LONG: u16 = 7;
    /// `CLUSPROP_FORMAT_FILETIME`.
    pub const FILETIME: u16 = 12;
}

/// What a derived property is computed from: the cluster, and the engine's view of the object
/// where the world does not hold it.
pub(crate) struct Ctx<'a> {
    /// The cluster the object is in.
    pub(crate) cluster: &'a Cluster,
    /// For a node: its NodeDrainStatus and NodeDrainTarget (the engine keeps the drain).
    pub(crate) drain: (u32, u32),
}

/// A default value, without allocating.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Default {
    Dword(u32),
    Sz(&'static str),
    MultiSz(&'static [&'static str]),
    ULarge(u64),
    /// No default: the property is listed only once it has a value.
    Unset,
}

impl Default {
    /// The default as a value (`None` for [`Default::Unset`]).
    pub(crate) fn value(self) -> Option<Value> {
        Some(match self {
            Default::Dword(v) => Value::Dword(v),
            Default::Sz(s) => Value::Sz(s.into()),
            Default::MultiSz(m) => Value::MultiSz(m.iter().map(|s| (*s).to_owned()).collect()),
            Default::ULarge(v) => Value::ULargeInteger(v),
            Default::Unset => return None,
        })
    }
}

/// Where a property's value lives (see the module docs).
pub(crate) enum Source<O: 'static> {
    Stored(Default),
    Field { get: fn(&O) -> Value, set: fn(&mut O, &Value) },
    Derived(fn(&Ctx<'_>, &O) -> Value),
}

/// One property's definition.
pub(crate) struct Def<O: 'static> {
    /// Its name (`CLUSREG_NAME_*`).
    pub(crate) name: &'static str,
    /// Its `CLUSPROP_FORMAT_*`.
    pub(crate) format: u16,
    /// Read-only: listed by the `GET_RO_*` codes, refused by SET.
    pub(crate) read_only: bool,
    /// Must hold a value before the resource can come online (private properties, §C.6).
    pub(crate) required: bool,
    /// The valid DWORD values, inclusive; also what `ValidValues` tools read.
    pub(crate) range: (u32, u32),
    /// Setting it while the resource is online takes effect at the next online (SET answers
    /// `ERROR_RESOURCE_PROPERTIES_STORED`).
    pub(crate) next_online: bool,
    pub(crate) source: Source<O>,
}

const ANY: (u32, u32) = (0, u32::MAX);

const fn def<O>(name: &'static str, format: u16, read_only: bool, source: Source<O>) -> Def<O> {
    Def { name, format, read_only, required: false, range: ANY, next_online: false, source }
}

/// A read/write stored DWORD with a default and a range.
const fn dword<O>(name: &'static str, default: u32, min: u32, max: u32) -> Def<O> {
    Def { range: (min, max), ..def(name, format::DWORD, false, Source::Stored(Default::Dword(default))) }
}

/// A read/write stored string.
const fn sz<O>(name: &'static str, default: &'static str) -> Def<O> {
    def(name, format::SZ, false, Source::Stored(Default::Sz(default)))
}

/// A read-only stored DWORD (a fixed fact of the simulated cluster, settable by fixtures).
const fn ro_dword<O>(name: &'static str, default: u32) -> Def<O> {
    def(name, format::DWORD, true, Source::Stored(Default::Dword(default)))
}

/// A read-only derived property.
const fn derived<O>(name: &'static str, format: u16, get: fn(&Ctx<'_>, &O) -> Value) -> Def<O> {
    def(name, format, true, Source::Derived(get))
}

/// The DWORD in a value (the planner checked the format first).
fn dw(v: &Value) -> u32 {
    match v {
        Value::Dword(d) => *d,
        _ => 0,
    }
}

fn bool_value(b: bool) -> Value {
    Value::Dword(u32::from(b))
}

// ---- resources (§A.7.1) -----------------------------------------------------------------

/// `CLUSTER_RESOURCE_EMBEDDED_FAILURE_ACTION` Recover (2): a choice, the sources give no default.
const EMBEDDED_FAILURE_RECOVER: u32 = 2;

/// The common properties of a resource.
pub(crate) static RESOURCE: &[Def<Resource>] = &[
    sz("Description", ""),
    dword("IsAlivePollInterval", 60_000, 1, u32::MAX),
    dword("LooksAlivePollInterval", u32::MAX, 10, u32::MAX),
    dword("PendingTimeout", 180_000, 10, u32::MAX),
    dword("DeadlockTimeout", 300_000, 1000, u32::MAX),
    Def {
        range: (0, 2),
        ..def(
            "RestartAction",
            format::DWORD,
            false,
            Source::Field {
                get: |r| Value::Dword(r.restart.action.value()),
                set: |r, v| {
                    if let Some(a) = crate::world::RestartAction::from_value(dw(v)) {
                        r.restart.action = a;
                    }
                },
            },
        )
    },
    def(
        "RestartThreshold",
        format::DWORD,
        false,
        Source::Field { get: |r| Value::Dword(r.restart.threshold), set: |r, v| r.restart.threshold = dw(v) },
    ),
    def(
        "RestartPeriod",
        format::DWORD,
        false,
        Source::Field { get: |r| Value::Dword(r.restart.period_ms), set: |r, v| r.restart.period_ms = dw(v) },
    ),
    def(
        "RetryPeriodOnFailure",
        format::DWORD,
        false,
        Source::Field {
            get: |r| Value::Dword(r.restart.retry_period_ms),
            set: |r, v| r.restart.retry_period_ms = dw(v),
        },
    ),
    Def {
        range: (0, 1),
        ..def(
            "PersistentState",
            format::DWORD,
            false,
            Source::Field {
                get: |r| bool_value(r.persistent_online),
                set: |r, v| r.persistent_online = dw(v) != 0,
            },
        )
    },
    Def { next_online: true, ..dword("SeparateMonitor", 0, 0, 1) },
    dword("EmbeddedFailureAction", EMBEDDED_FAILURE_RECOVER, 0, 2),
    sz("ResourceSpecificStatus", ""),
    // Read-only.
    derived("Name", format::SZ, |_, r| Value::Sz(r.name.clone())),
    derived("Type", format::SZ, |_, r| Value::Sz(r.resource_type.clone())),
    def(
        "RestartDelay",
        format::DWORD,
        true,
        Source::Field { get: |r| Value::Dword(r.restart.delay_ms), set: |r, v| r.restart.delay_ms = dw(v) },
    ),
    derived("ResourceSpecificData1", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
    derived("ResourceSpecificData2", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
    derived("LastOperationStatusCode", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
    // One resource monitor per node (a choice): a plausible, stable process id.
    derived("MonitorProcessId", format::DWORD, |_, _| Value::Dword(MONITOR_PROCESS_ID)),
    derived("StatusInformation", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
];

/// The process id the simulated resource monitor reports.
const MONITOR_PROCESS_ID: u32 = 4264;

// ---- groups (§A.7.2) --------------------------------------------------------------------

/// FailbackWindowStart/End: an hour 0..=23, or `u32::MAX` for no window.
fn hour_or_none(v: &Value) -> bool {
    matches!(v, Value::Dword(h) if *h <= 23 || *h == u32::MAX)
}

/// The common properties of a group.
pub(crate) static GROUP: &[Def<Group>] = &[
    sz("Description", ""),
    Def {
        range: (0, 1),
        ..def(
            "PersistentState",
            format::DWORD,
            false,
            Source::Field {
                get: |g| bool_value(g.persistent_online),
                set: |g, v| g.persistent_online = dw(v) != 0,
            },
        )
    },
    def(
        "FailoverThreshold",
        format::DWORD,
        false,
        Source::Field {
            get: |g| Value::Dword(g.failover.threshold),
            set: |g, v| g.failover.threshold = dw(v),
        },
    ),
    Def {
        range: (0, 1193),
        ..def(
            "FailoverPeriod",
            format::DWORD,
            false,
            Source::Field {
                get: |g| Value::Dword(g.failover.period_hours),
                set: |g, v| g.failover.period_hours = dw(v),
            },
        )
    },
    Def {
        range: (0, 1),
        ..def(
            "AutoFailbackType",
            format::DWORD,
            false,
            Source::Field {
                get: |g| bool_value(g.failover.auto_failback),
                set: |g, v| g.failover.auto_failback = dw(v) != 0,
            },
        )
    },
    def(
        "FailbackWindowStart",
        format::DWORD,
        false,
        Source::Field {
            get: |g| Value::Dword(g.failover.failback_window_start),
            set: |g, v| g.failover.failback_window_start = dw(v),
        },
    ),
    def(
        "FailbackWindowEnd",
        format::DWORD,
        false,
        Source::Field {
            get: |g| Value::Dword(g.failover.failback_window_end),
            set: |g, v| g.failover.failback_window_end = dw(v),
        },
    ),
    def(
        "AntiAffinityClassNames",
        format::MULTI_SZ,
        false,
        Source::Field {
            get: |g| Value::MultiSz(g.failover.anti_affinity_class_names.clone()),
            set: |g, v| {
                if let Value::MultiSz(names) = v {
                    g.failover.anti_affinity_class_names = names.clone();
                }
            },
        },
    ),
    def(
        "Priority",
        format::DWORD,
        false,
        Source::Field { get: |g| Value::Dword(g.failover.priority), set: |g, v| g.failover.priority = dw(v) },
    ),
    dword("DefaultOwner", u32::MAX, 0, u32::MAX),
    dword("ColdStartSetting", 0, 0, 2),
    dword("GroupStartDelay", 0, 0, 1_800_000),
    // Read-only.
    derived("Name", format::SZ, |_, g| Value::Sz(g.name.clone())),
    def(
        "GroupType",
        format::DWORD,
        true,
        Source::Field { get: |g| Value::Dword(g.group_type), set: |g, v| g.group_type = dw(v) },
    ),
    derived("StatusInformation", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
];

// ---- nodes (§C.5) -----------------------------------------------------------------------

/// The common properties of a node. The read-only ones start in the order of Samba's
/// WS2012R2 node capture (`clusapi_PROPERTY_LIST_data2`).
pub(crate) static NODE: &[Def<Node>] = &[
    sz("Description", ""),
    dword("NodeWeight", 1, 0, 1),
    sz("FaultDomainId", ""),
    dword("EnableEventLogReplication", 1, 0, 1),
    // Read-only.
    derived("NodeName", format::SZ, |_, n| Value::Sz(n.name.clone())),
    derived("NodeHighestVersion", format::DWORD, |x, _| Value::Dword(x.cluster.version().highest)),
    derived("NodeLowestVersion", format::DWORD, |x, _| Value::Dword(x.cluster.version().lowest)),
    derived("MajorVersion", format::DWORD, |x, _| Value::Dword(x.cluster.version().major.into())),
    derived("MinorVersion", format::DWORD, |x, _| Value::Dword(x.cluster.version().minor.into())),
    derived("BuildNumber", format::DWORD, |x, _| Value::Dword(x.cluster.version().build.into())),
    derived("CSDVersion", format::SZ, |x, _| Value::Sz(x.cluster.version().csd_version.clone())),
    // Samba's capture shows a GUID-format string ending in a small number.
    derived("NodeInstanceID", format::SZ, |_, n| Value::Sz(format!("00000000-0000-0000-0000-{:012}", n.id))),
    derived("NodeDrainStatus", format::DWORD, |x, _| Value::Dword(x.drain.0)),
    derived("NodeDrainTarget", format::DWORD, |x, _| Value::Dword(x.drain.1)),
    derived("DynamicWeight", format::DWORD, |_, n| bool_value(n.state == crate::world::NodeState::Up)),
    ro_dword("NeedsPreventQuorum", 0),
    def("Manufacturer", format::SZ, true, Source::Stored(Default::Sz("Microsoft Corporation"))),
    def("Model", format::SZ, true, Source::Stored(Default::Sz("Virtual Machine"))),
    def("SerialNumber", format::SZ, true, Source::Stored(Default::Unset)),
    derived("StatusInformation", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
];

// ---- the cluster (§C.5) -----------------------------------------------------------------

/// The common properties of a cluster. The read-only ones start in the order of Samba's
/// WS2012R2 cluster capture (`clusapi_PROPERTY_LIST_data`), which lists
/// IgnorePersistentStateOnStartup among them (MsCS calls it read/write: the capture wins).
pub(crate) static CLUSTER: &[Def<Cluster>] = &[
    sz("Description", ""),
    dword("DynamicQuorum", 1, 0, 1),
    dword("SameSubnetDelay", 1000, 250, 2000),
    dword("SameSubnetThreshold", 5, 3, 120),
    dword("CrossSubnetDelay", 1000, 250, 4000),
    dword("CrossSubnetThreshold", 5, 3, 120),
    dword("GroupDependencyTimeout", 600, 0, u32::MAX),
    dword("DefaultNetworkRole", 3, 0, 3),
    dword("ClusterLogLevel", 3, 0, 5),
    dword("ClusterLogSize", 300, 8, 1024),
    dword("ShutdownTimeoutInMinutes", 20, 0, 1440),
    dword("ClusterGroupWaitDelay", 120, 0, 3600),
    dword("AddEvictDelay", 60, 0, 600),
    dword("ClusterEnforcedAntiAffinity", 0, 0, 1),
    dword("DrainOnShutdown", 1, 0, 1),
    dword("QuarantineThreshold", 3, 0, u32::MAX),
    dword("QuorumArbitrationTimeMax", 20, 0, u32::MAX),
    dword("QuorumArbitrationTimeMin", 7, 0, u32::MAX),
    dword("ResiliencyLevel", 1, 1, 2),
    dword("ResiliencyDefaultPeriod", 240, 0, u32::MAX),
    // Read-only.
    ro_dword("FixQuorum", 0),
    ro_dword("PreventQuorum", 0),
    ro_dword("IgnorePersistentStateOnStartup", 0),
    def("SharedVolumesRoot", format::SZ, true, Source::Stored(Default::Sz("C:\\ClusterStorage"))),
    ro_dword("WitnessDynamicWeight", 1),
    ro_dword("AdminAccessPoint", 1),
    ro_dword("EnableSharedVolumes", 1),
    derived("Name", format::SZ, |_, c| Value::Sz(c.name().to_owned())),
    derived("ClusterFunctionalLevel", format::DWORD, |_, c| Value::Dword(c.version().highest >> 16)),
];

// ---- networks and net interfaces (§C.5) -------------------------------------------------

/// The common properties of a network.
pub(crate) static NETWORK: &[Def<Network>] = &[
    sz("Description", ""),
    dword("Role", 3, 0, 3),
    dword("Metric", 100, 1, 0x0FFF_FFFF),
    dword("AutoMetric", 1, 0, 1),
    // Read-only.
    derived("Name", format::SZ, |_, n| Value::Sz(n.name.clone())),
    derived("Address", format::SZ, |_, n| Value::Sz(n.address.clone())),
    derived("AddressMask", format::SZ, |_, n| Value::Sz(n.address_mask.clone())),
];

/// The common properties of a group set (MsCS:collection-common-properties, "Groupset Common
/// Properties"): StartupSetting is a `GROUPSET_READY_SETTING_*` (1 DELAY, the default, to 4
/// APPLICATION_READY); StartupDelay's default, `CLUSTER_GROUP_SET_STARTUP_DELAY_IN_SECONDS_DEFAULT`,
/// has no value in the sources (20 is a choice), nor have StartupCount's and IsGlobal's
/// (u32::MAX, all the groups, and 0: choices). The engine does not order starts by them.
pub(crate) static GROUP_SET: &[Def<GroupSet>] = &[
    dword("IsGlobal", 0, 0, 1),
    dword("StartupCount", u32::MAX, 0, u32::MAX),
    dword("StartupDelay", 20, 0, u32::MAX),
    dword("StartupSetting", 1, 1, 4),
    // Read-only.
    derived("Name", format::SZ, |_, s| Value::Sz(s.name.clone())),
    derived("StatusInformation", format::ULARGE_INTEGER, |_, _| Value::ULargeInteger(0)),
];

/// The common properties of a net interface.
pub(crate) static NET_INTERFACE: &[Def<NetInterface>] = &[
    sz("Description", ""),
    // Read-only.
    derived("Name", format::SZ, |_, i| Value::Sz(i.name.clone())),
    derived("Node", format::SZ, |x, i| {
        Value::Sz(x.cluster.node(i.node).map(|n| n.name.clone()).unwrap_or_default())
    }),
    derived("Network", format::SZ, |x, i| {
        Value::Sz(x.cluster.networks().get(&i.network).map(|n| n.name.clone()).unwrap_or_default())
    }),
    derived("Adapter", format::SZ, |_, i| Value::Sz(i.adapter.clone())),
    derived("Address", format::SZ, |_, i| Value::Sz(i.address.clone())),
];

// ---- resource types (§C.5) --------------------------------------------------------------

/// The common properties of a resource type.
pub(crate) static RESOURCE_TYPE: &[Def<ResourceType>] = &[
    def(
        "Description",
        format::SZ,
        false,
        Source::Field {
            get: |t| Value::Sz(t.display_name.clone()),
            set: |t, v| {
                if let Value::Sz(s) = v {
                    t.display_name = s.clone();
                }
            },
        },
    ),
    dword("IsAlivePollInterval", 60_000, 1, u32::MAX),
    dword("LooksAlivePollInterval", 5000, 1, u32::MAX),
    dword("PendingTimeout", 180_000, 10, u32::MAX),
    dword("DeadlockTimeout", 300_000, 1000, u32::MAX),
    def("DumpPolicy", format::ULARGE_INTEGER, false, Source::Stored(Default::ULarge(0))),
    def("AdminExtensions", format::MULTI_SZ, false, Source::Stored(Default::MultiSz(&[]))),
    sz("DebugPrefix", ""),
    dword("DebugControlFunctions", 0, 0, 1),
    // Read-only.
    derived("Name", format::SZ, |_, t| Value::Sz(t.name.clone())),
    derived("DllName", format::SZ, |_, t| Value::Sz(t.dll_name.clone())),
];

// ---- private properties of the main resource types (§C.6) -------------------------------

const fn private(name: &'static str, format: u16, required: bool, default: Default) -> Def<Resource> {
    Def { required, next_online: true, ..def(name, format, false, Source::Stored(default)) }
}

const fn private_ro(name: &'static str, format: u16, default: Default) -> Def<Resource> {
    Def { next_online: true, ..def(name, format, true, Source::Stored(default)) }
}

const fn private_dword(name: &'static str, default: u32, min: u32, max: u32) -> Def<Resource> {
    Def { range: (min, max), ..private(name, format::DWORD, false, Default::Dword(default)) }
}

const UNSET: Default = Default::Unset;
const EMPTY: Default = Default::Sz("");

static IP_ADDRESS: &[Def<Resource>] = &[
    private("Address", format::SZ, true, UNSET),
    private("SubnetMask", format::SZ, true, UNSET),
    // MsCS lists Network as read-only and required: fixtures set it.
    Def { read_only: true, ..private("Network", format::SZ, true, UNSET) },
    Def { range: (0, 1), ..private("EnableDhcp", format::DWORD, true, Default::Dword(0)) },
    private_dword("EnableNetBIOS", 1, 0, 2),
    private_dword("OverrideAddressMatch", 0, 0, 1),
    private_dword("ProbePort", 0, 0, 65535),
    private_ro("DhcpAddress", format::SZ, EMPTY),
    private_ro("DhcpServer", format::SZ, EMPTY),
    private_ro("DhcpSubnetMask", format::SZ, EMPTY),
    private_ro("LeaseObtainedTime", format::FILETIME, UNSET),
    private_ro("LeaseExpiresTime", format::FILETIME, UNSET),
];

static NETWORK_NAME: &[Def<Resource>] = &[
    private("Name", format::SZ, true, UNSET),
    private("DnsName", format::SZ, false, UNSET),
    private("Aliases", format::SZ, false, EMPTY),
    private_dword("HostRecordTTL", 1200, 0, u32::MAX),
    private_dword("PublishPTRRecords", 0, 0, 1),
    private_dword("RegisterAllProvidersIP", 0, 0, 1),
    private_dword("RemapPipeNames", 0, 0, 1),
    private_dword("ADAware", 1, 0, 2),
    private_dword("TimerCallbackAdditionalThreshold", 5, 0, u32::MAX),
    private_ro("CreatingDC", format::SZ, EMPTY),
    private_ro("DnsSuffix", format::SZ, EMPTY),
    private_ro("ObjectGUID", format::SZ, EMPTY),
    private_ro("StatusDNS", format::DWORD, Default::Dword(0)),
    private_ro("StatusKerberos", format::DWORD, Default::Dword(0)),
    private_ro("StatusNetBIOS", format::DWORD, Default::Dword(0)),
];

static PHYSICAL_DISK: &[Def<Resource>] = &[
    private("DiskSignature", format::DWORD, false, UNSET),
    private("DiskIdGuid", format::SZ, false, UNSET),
    // 1 = signature (MBR), 2 = GUID (GPT), 5000 = unknown (samba-idl CLUSDSK_DISKID_ENUM).
    private("DiskIdType", format::DWORD, true, Default::Dword(5000)),
    private("DiskGuid", format::SZ, false, UNSET),
    private("DiskPath", format::SZ, false, UNSET),
    private_dword("DiskRunChkDsk", 0, 0, 6),
    private_dword("DiskArbInterval", 3, 0, u32::MAX),
    private_dword("MaintenanceMode", 0, 0, 3),
    private_dword("MaxIoLatency", 1000, 1000, 60_000),
    private_dword("CsvEnforceWriteThrough", 0, 0, 3),
    private_dword("EnableBlockCache", 1, 0, 1),
    private_dword("SnapshotDiffSize", 0, 0, 1_048_576),
    private_dword("SnapshotAgeLimit", 0, 0, u32::MAX),
];

static GENERIC_SERVICE: &[Def<Resource>] = &[
    private("ServiceName", format::SZ, true, UNSET),
    private("StartupParameters", format::SZ, false, EMPTY),
    private_dword("UseNetworkName", 0, 0, 1),
];

static GENERIC_APPLICATION: &[Def<Resource>] = &[
    private("CommandLine", format::SZ, true, UNSET),
    private("CurrentDirectory", format::SZ, true, UNSET),
    private_dword("InteractWithDesktop", 0, 0, 1),
    private_dword("UseNetworkName", 0, 0, 1),
];

static GENERIC_SCRIPT: &[Def<Resource>] = &[private("ScriptFilepath", format::SZ, true, UNSET)];

static FILE_SHARE_WITNESS: &[Def<Resource>] =
    &[private("SharePath", format::SZ, true, UNSET), private_dword("ArbitrationDelay", 6, 0, 60)];

/// The private properties the resource DLL of type `type_name` defines (§C.6), `None` for a
/// type the simulator has no schema for: those store whatever they are given, as the unknown
/// properties of MsCS:unknown-properties.
pub(crate) fn private_schema(type_name: &str) -> Option<&'static [Def<Resource>]> {
    use crate::world::name::eq_ignore_case as eq;
    const TYPES: &[(&str, &[Def<Resource>])] = &[
        ("IP Address", IP_ADDRESS),
        ("Network Name", NETWORK_NAME),
        ("Distributed Network Name", NETWORK_NAME),
        ("Physical Disk", PHYSICAL_DISK),
        ("Generic Service", GENERIC_SERVICE),
        ("Generic Application", GENERIC_APPLICATION),
        ("Generic Script", GENERIC_SCRIPT),
        ("File Share Witness", FILE_SHARE_WITNESS),
    ];
    TYPES.iter().find(|(t, _)| eq(t, type_name)).map(|(_, s)| *s)
}

/// The definition named `name` (ignoring case) in `table`.
pub(crate) fn find<O>(table: &'static [Def<O>], name: &str) -> Option<&'static Def<O>> {
    table.iter().find(|d| crate::world::name::eq_ignore_case(d.name, name))
}

/// Whether `value` is valid for `def`: its format, its range, and the property's own rule.
pub(crate) fn valid<O>(def: &Def<O>, value: &Value) -> bool {
    if value.format() != def.format {
        return false;
    }
    match value {
        Value::Dword(v) => {
            (def.range.0..=def.range.1).contains(v)
                && (!matches!(def.name, "FailbackWindowStart" | "FailbackWindowEnd") || hour_or_none(value))
        }
        _ => true,
    }
}

/// The objects that carry properties: their stored common values and their private ones.
pub(crate) trait HasProperties {
    /// The stored common values.
    fn common(&self) -> &Properties;
    /// The stored common values, to write.
    fn common_mut(&mut self) -> &mut Properties;
    /// The private properties.
    fn private(&self) -> &Properties;
    /// The private properties, to write.
    fn private_mut(&mut self) -> &mut Properties;
}

macro_rules! has_properties {
    ($($t:ty),*) => {$(
        impl HasProperties for $t {
            fn common(&self) -> &Properties { &self.properties }
            fn common_mut(&mut self) -> &mut Properties { &mut self.properties }
            fn private(&self) -> &Properties { &self.private }
            fn private_mut(&mut self) -> &mut Properties { &mut self.private }
        }
    )*};
}
has_properties!(Node, Group, GroupSet, Resource, Network, NetInterface, ResourceType);

/// Stores `value` as common property `def` of `object`: in its typed field or its bag. The
/// planner checked it against [`valid`].
pub(crate) fn store<O: HasProperties>(object: &mut O, def: &Def<O>, value: Value) {
    match &def.source {
        Source::Stored(_) => object.common_mut().set(def.name, value),
        Source::Field { set, .. } => set(object, &value),
        Source::Derived(_) => {}
    }
}

/// Writes common property `def` of `object` (nothing for an unset one with no default),
/// without allocating for a default.
pub(crate) fn write<O: HasProperties>(w: &mut PropertyWriter<'_>, ctx: &Ctx<'_>, object: &O, def: &Def<O>) {
    match &def.source {
        Source::Stored(_) => match object.common().get(def.name) {
            Some(v) => write_value(w, def.name, v),
            None => write_default(w, def),
        },
        Source::Field { get, .. } => write_value(w, def.name, &get(object)),
        Source::Derived(get) => write_value(w, def.name, &get(ctx, object)),
    }
}

/// The property list of the common properties of `object` named in `names` (in that order)
/// that are read-only when `read_only`, read/write otherwise: what the `Ex` enumerations put
/// in each item. A name that is not such a property is left out (a choice: the
/// ClusterGroupOpenEnumEx page names no error for it); no names give no list (0 bytes).
pub(crate) fn selected<O: HasProperties>(
    ctx: &Ctx<'_>,
    object: &O,
    table: &'static [Def<O>],
    names: &[String],
    read_only: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    let mut w = PropertyWriter::new(&mut out);
    for name in names {
        if let Some(def) = find(table, name).filter(|d| d.read_only == read_only) {
            write(&mut w, ctx, object, def);
        }
    }
    w.finish();
    out
}

/// The DWORD common property `name` of `object` as stored, else its default: how the engine
/// reads the policy that no typed field holds (PendingTimeout).
///
/// # Panics
/// If `table` has no stored DWORD property `name` with a default: a bug in the caller.
pub(crate) fn stored_dword<O: HasProperties>(table: &'static [Def<O>], object: &O, name: &str) -> u32 {
    let def = find(table, name).expect("a property of the schema");
    match (object.common().get(def.name), &def.source) {
        (Some(Value::Dword(v)), _) => *v,
        (_, Source::Stored(Default::Dword(v))) => *v,
        _ => panic!("{name} is not a stored DWORD with a default"),
    }
}

/// The value of common property `def` of `object` as GET lists it: the stored value or the
/// default (`None` for an unset one with no default), the field, or the derived value. What
/// the cluster registry projects as the values of an object's key.
pub(crate) fn read<O: HasProperties>(ctx: &Ctx<'_>, object: &O, def: &Def<O>) -> Option<Value> {
    match &def.source {
        Source::Stored(default) => object.common().get(def.name).cloned().or_else(|| default.value()),
        Source::Field { get, .. } => Some(get(object)),
        Source::Derived(get) => Some(get(ctx, object)),
    }
}

/// The value of private property `def` as stored, else its default.
pub(crate) fn read_private<O: HasProperties>(object: &O, def: &Def<O>) -> Option<Value> {
    match &def.source {
        Source::Stored(default) => object.private().get(def.name).cloned().or_else(|| default.value()),
        _ => object.private().get(def.name).cloned(),
    }
}

/// Writes `def`'s default, if it has one.
pub(crate) fn write_default<O>(w: &mut PropertyWriter<'_>, def: &Def<O>) {
    let Source::Stored(default) = def.source else { return };
    match default {
        Default::Dword(v) => w.dword(def.name, v),
        Default::Sz(s) => w.sz(def.name, s),
        Default::MultiSz(m) => w.multi_sz(def.name, m.iter().copied()),
        Default::ULarge(v) => w.ularge(def.name, v),
        Default::Unset => w,
    };
}

/// Writes a property with value `v`. An `EXPAND_SZ` gets two values, the raw string and then
/// the expanded one, as a server returns them (CMRP 2.2.3.10.1).
pub(crate) fn write_value(w: &mut PropertyWriter<'_>, name: &str, v: &Value) {
    match v {
        Value::ExpandSz(s) => {
            w.begin(name).add(v).add_str(syntax::LIST_VALUE_EXPANDED_SZ, &expand(s)).end();
        }
        _ => {
            w.value(name, v);
        }
    }
}

/// The environment of the simulated nodes: the variables an `EXPAND_SZ` expands (a choice:
/// the standard ones of a Windows Server system; any other `%NAME%` stays as it is, as
/// `ExpandEnvironmentStrings` leaves an unknown variable).
const ENVIRONMENT: &[(&str, &str)] = &[
    ("SystemRoot", "C:\\Windows"),
    ("windir", "C:\\Windows"),
    ("SystemDrive", "C:"),
    ("ProgramFiles", "C:\\Program Files"),
    ("ProgramData", "C:\\ProgramData"),
    ("TEMP", "C:\\Windows\\TEMP"),
    ("TMP", "C:\\Windows\\TEMP"),
];

/// `s` with the variables of [`ENVIRONMENT`] expanded (names ignoring case).
pub(crate) fn expand(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) => {
                let name = &after[..end];
                match ENVIRONMENT.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('%');
                        out.push_str(name);
                        out.push('%');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_replaces_known_variables_and_keeps_unknown_ones() {
        assert_eq!(expand("%SystemRoot%\\Cluster"), "C:\\Windows\\Cluster");
        assert_eq!(expand("%systemdrive%%NoSuch%x"), "C:%NoSuch%x");
        assert_eq!(expand("50% off"), "50% off");
        assert_eq!(expand(""), "");
    }

    #[test]
    fn every_table_defines_each_name_once_and_defaults_fit_their_ranges() {
        fn check<O>(table: &[Def<O>]) {
            for (i, d) in table.iter().enumerate() {
                assert!(
                    !table[..i].iter().any(|e| crate::world::eq_ignore_case(e.name, d.name)),
                    "{} twice",
                    d.name
                );
                if let Source::Stored(Default::Dword(v)) = d.source {
                    assert!((d.range.0..=d.range.1).contains(&v), "{} default {v} out of range", d.name);
                }
                if let Source::Stored(default) = d.source {
                    if let Some(v) = default.value() {
                        assert_eq!(v.format(), d.format, "{}", d.name);
                    }
                }
            }
        }
        check(RESOURCE);
        check(GROUP);
        check(NODE);
        check(CLUSTER);
        check(NETWORK);
        check(NET_INTERFACE);
        check(RESOURCE_TYPE);
        for t in [
            "IP Address",
            "Network Name",
            "Physical Disk",
            "Generic Service",
            "Generic Application",
            "Generic Script",
            "File Share Witness",
        ] {
            check(private_schema(t).unwrap());
        }
    }
}

/// Why a property setting was refused (by a fixture or the builder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The object kind has no common property of that name.
    Unknown,
    /// The property is computed from the topology (Name, Type, NodeDrainStatus...).
    Derived,
    /// The value's `CLUSPROP_FORMAT_*` is not the property's (the format it must have).
    WrongFormat(u16),
    /// The value is outside the property's range (the inclusive bounds).
    OutOfRange(u32, u32),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unknown => write!(f, "unknown property"),
            Refusal::Derived => write!(f, "the property is computed from the topology and cannot be set"),
            Refusal::WrongFormat(want) => write!(f, "wrong type: the property is a {}", format_name(*want)),
            Refusal::OutOfRange(lo, hi) => write!(f, "out of range: the property takes {lo} to {hi}"),
        }
    }
}

/// The name of a `CLUSPROP_FORMAT_*`, as fixture errors name it.
pub fn format_name(format: u16) -> &'static str {
    match format {
        format::BINARY => "BINARY (an array of bytes)",
        format::DWORD => "DWORD (an integer 0 to 4294967295)",
        format::SZ => "SZ (a string)",
        format::EXPAND_SZ => "EXPAND_SZ (a string)",
        format::MULTI_SZ => "MULTI_SZ (an array of strings)",
        format::ULARGE_INTEGER => "ULARGE_INTEGER (a non-negative integer)",
        format::LONG => "LONG (a 32-bit signed integer)",
        format::FILETIME => "FILETIME (an integer)",
        _ => "value of another format",
    }
}

fn check_in<O>(table: &'static [Def<O>], name: &str, v: &Value) -> Result<&'static str, Refusal> {
    let def = find(table, name).ok_or(Refusal::Unknown)?;
    if matches!(def.source, Source::Derived(_)) {
        return Err(Refusal::Derived);
    }
    if v.format() != def.format {
        return Err(Refusal::WrongFormat(def.format));
    }
    if !valid(def, v) {
        return Err(Refusal::OutOfRange(def.range.0, def.range.1));
    }
    Ok(def.name)
}

fn format_in<O>(table: &'static [Def<O>], name: &str) -> Option<u16> {
    find(table, name).map(|d| d.format)
}

/// The common-property table of `owner`'s kind, applied to `f`.
macro_rules! with_table {
    ($owner:expr, $f:ident($($arg:expr),*)) => {
        match $owner {
            PropertyOwner::Cluster => $f(CLUSTER, $($arg),*),
            PropertyOwner::Node(_) => $f(NODE, $($arg),*),
            PropertyOwner::Group(_) => $f(GROUP, $($arg),*),
            PropertyOwner::Resource(_) => $f(RESOURCE, $($arg),*),
            PropertyOwner::ResourceType(_) => $f(RESOURCE_TYPE, $($arg),*),
            PropertyOwner::Network(_) => $f(NETWORK, $($arg),*),
            PropertyOwner::NetInterface(_) => $f(NET_INTERFACE, $($arg),*),
            PropertyOwner::GroupSet(_) => $f(GROUP_SET, $($arg),*),
        }
    };
}

/// Checks a common property setting of `owner` as a fixture or the builder makes it: any
/// property that is stored or kept in a field, read-only ones included (a fixture describes
/// the cluster, it is not a client). Gives the property's schema name.
pub(crate) fn check_common_setting(
    owner: &PropertyOwner,
    name: &str,
    v: &Value,
) -> Result<&'static str, Refusal> {
    with_table!(owner, check_in(name, v))
}

/// The format of `owner`'s common property `name`, if it has one of that name.
pub fn common_format(owner: &PropertyOwner, name: &str) -> Option<u16> {
    with_table!(owner, format_in(name))
}

/// The format of private property `name` of a resource of type `type_name`, if its type
/// defines it (§C.6).
pub fn private_format(type_name: &str, name: &str) -> Option<u16> {
    private_schema(type_name).and_then(|t| format_in(t, name))
}

/// Checks a private property setting of a resource of type `type_name` (`None`: another
/// object kind, whose private properties are all unknown ones and stored as given). Gives
/// the name to store it under.
pub(crate) fn check_private_setting(
    type_name: Option<&str>,
    name: &str,
    v: &Value,
) -> Result<String, Refusal> {
    match type_name.and_then(private_schema) {
        Some(table) if find(table, name).is_some() => check_in(table, name, v).map(str::to_owned),
        _ => Ok(name.to_owned()),
    }
}

/// The private properties a resource of type `type_name` must have before it can come
/// online (§C.6), with no default.
pub fn required_private(type_name: &str) -> impl Iterator<Item = &'static str> {
    private_schema(type_name)
        .unwrap_or(&[])
        .iter()
        .filter(|d| d.required && matches!(d.source, Source::Stored(Default::Unset)))
        .map(|d| d.name)
}
