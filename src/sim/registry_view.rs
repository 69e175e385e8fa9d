//! The cluster registry as clients see it: the plain [`Hive`] with the keys of the cluster's
//! objects projected from the property store ("one store", issue 10;
//! `reference/engine-properties-notify.md` §D.1).
//!
//! * `Resources\<GUID>`, `Groups\<GUID>`, `Nodes\<id>` (decimal), `Networks\<GUID>`,
//!   `NetworkInterfaces\<GUID>` and `ResourceTypes\<type name>` are computed from the world:
//!   an object key's values are its common properties (every schema property that has a
//!   value, derived ones such as `Name` and `Type` included), its `Parameters` subkey's values
//!   its private properties. Objects the engine creates or deletes appear and disappear, as
//!   nothing is copied.
//! * Writing one of those values is a `Change::SetProperties` (deleting a private one a
//!   `Change::RemovePrivateProperties`) committed through the engine's one commit path, with
//!   the schema's checks: a value of the wrong registry type `ERROR_INVALID_PARAMETER (87)`,
//!   a value out of range `ERROR_INVALID_DATA (13)` (as SET_COMMON_PROPERTIES answers), a
//!   read-only or derived one, an unknown common one or deleting a common one
//!   `ERROR_ACCESS_DENIED (5)` (choices: a real cluster stores whatever is written, the
//!   simulator keeps its schema closed).
//! * Types (a choice documented here): DWORD and LONG properties are `REG_DWORD`, SZ
//!   `REG_SZ`, EXPAND_SZ `REG_EXPAND_SZ`, MULTI_SZ `REG_MULTI_SZ`, BINARY and security
//!   descriptors `REG_BINARY`, ULARGE_INTEGER, LARGE_INTEGER and FILETIME `REG_QWORD`.
//!   Unknown private values keep the natural mapping the other way round; other registry
//!   types (`REG_NONE`, `REG_DWORD_BIG_ENDIAN`...) cannot be stored under `Parameters`
//!   (`ERROR_INVALID_PARAMETER`).
//! * The collections hold only objects (a choice: objects are created through the API, not
//!   the registry): creating another key there, or deleting an object key, is
//!   `ERROR_ACCESS_DENIED (5)` (CMRP ApiDeleteKey's code for a key that cannot go).
//!   Subkeys of an object key other than `Parameters`, and of `Parameters`, live in the hive
//!   under a "shadow" key at the object's path, created when first needed; so do their
//!   security descriptors. The shadow's own values are never used.
//! * The root key is a plain hive key, seeded with `ClusterInstanceID` (REG_SZ, a GUID:
//!   Samba's `test_QueryValue` reads it) and the six collection keys.

use crate::error::{Error, Result, codes};
use crate::property::Value;
use crate::property::schema::{self, Ctx, Def, HasProperties, format};
use crate::registry::{Disposition, Hive, KeyId, KeyInfo, REG_BINARY, REG_DWORD, REG_EXPAND_SZ};
use crate::registry::{REG_MULTI_SZ, REG_QWORD, REG_SZ, RegChange, RegValue};
use crate::world::{Cluster, ObjectId, PropertyOwner, eq_ignore_case};

const KEY_DELETED: Error = Error::new(codes::ERROR_KEY_DELETED);
const FILE_NOT_FOUND: Error = Error::new(codes::ERROR_FILE_NOT_FOUND);
const NO_MORE_ITEMS: Error = Error::new(codes::ERROR_NO_MORE_ITEMS);
const ACCESS_DENIED: Error = Error::new(codes::ERROR_ACCESS_DENIED);

use crate::registry::COLLECTIONS;

/// The private properties' subkey of an object key.
pub(crate) const PARAMETERS: &str = "Parameters";

/// FILETIME of the simulator's virtual time 0 (2024-01-01T00:00:00Z), for last-write times.
pub(crate) const FILETIME_EPOCH: u64 = 133_485_408_000_000_000;

/// A key as a handle refers to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RegKey {
    /// A key stored in the hive.
    Plain(KeyId),
    /// An object's key: its values are its common properties.
    Object(PropertyOwner),
    /// An object's `Parameters` key: its values are its private properties.
    Parameters(PropertyOwner),
}

/// One cluster's registry: its hive and the ids of the collection keys.
#[derive(Clone, Debug)]
pub(crate) struct Registry {
    pub(crate) hive: Hive,
    collections: [KeyId; 6],
}

/// What the projection reads: the cluster, and each node's drain (the engine keeps it).
pub(crate) struct Scope<'a> {
    pub(crate) c: &'a Cluster,
    pub(crate) drain: &'a dyn Fn(u32) -> (u32, u32),
}

/// Runs `$body` with `$o` bound to the object `$owner` names and `$t` to its common table;
/// `None` when the object is gone.
macro_rules! on_object {
    ($c:expr, $owner:expr, |$o:ident, $t:ident| $body:expr) => {
        match $owner {
            PropertyOwner::Resource(id) => $c.resources().get(id).map(|$o| {
                let $t = schema::RESOURCE;
                $body
            }),
            PropertyOwner::Group(id) => $c.groups().get(id).map(|$o| {
                let $t = schema::GROUP;
                $body
            }),
            PropertyOwner::Node(id) => $c.node(*id).map(|$o| {
                let $t = schema::NODE;
                $body
            }),
            PropertyOwner::Network(id) => $c.networks().get(id).map(|$o| {
                let $t = schema::NETWORK;
                $body
            }),
            PropertyOwner::NetInterface(id) => $c.net_interfaces().get(id).map(|$o| {
                let $t = schema::NET_INTERFACE;
                $body
            }),
            PropertyOwner::ResourceType(n) => $c.resource_type(n).map(|$o| {
                let $t = schema::RESOURCE_TYPE;
                $body
            }),
            // Group sets have no key in the cluster registry's object collections (a choice:
            // MS-CMRP 3.1.1.1 lists none for them).
            PropertyOwner::Cluster | PropertyOwner::GroupSet(_) => None,
        }
    };
}

/// The collection an object's key is in.
fn collection_of(owner: &PropertyOwner) -> usize {
    match owner {
        PropertyOwner::Resource(_) => 0,
        PropertyOwner::Group(_) => 1,
        PropertyOwner::Node(_) => 2,
        PropertyOwner::Network(_) => 3,
        PropertyOwner::NetInterface(_) => 4,
        // Neither has a key (`key_name` is `None`), so neither is asked for its collection.
        PropertyOwner::ResourceType(_) | PropertyOwner::Cluster | PropertyOwner::GroupSet(_) => 5,
    }
}

/// The object of collection `coll` whose key is called `name`.
fn find_object(c: &Cluster, coll: usize, name: &str) -> Option<PropertyOwner> {
    fn by_guid<'a, T: 'a>(
        items: impl Iterator<Item = (&'a ObjectId, &'a T)>,
        guid: impl Fn(&T) -> &str,
        name: &str,
    ) -> Option<ObjectId> {
        items.filter(|(_, o)| eq_ignore_case(guid(o), name)).map(|(id, _)| *id).next()
    }
    Some(match coll {
        0 => PropertyOwner::Resource(by_guid(c.resources().iter(), |r| &r.guid, name)?),
        1 => PropertyOwner::Group(by_guid(c.groups().iter(), |g| &g.guid, name)?),
        2 => {
            // The decimal id, exactly ("01" is no node's key: a choice).
            let id: u32 = name.parse().ok().filter(|id: &u32| id.to_string() == name)?;
            PropertyOwner::Node(c.node(id)?.id)
        }
        3 => PropertyOwner::Network(by_guid(c.networks().iter(), |n| &n.guid, name)?),
        4 => PropertyOwner::NetInterface(by_guid(c.net_interfaces().iter(), |i| &i.guid, name)?),
        _ => PropertyOwner::ResourceType(c.resource_type(name)?.name.clone()),
    })
}

/// The key names of collection `coll`, in the world's order.
fn object_names(c: &Cluster, coll: usize) -> Vec<String> {
    match coll {
        0 => c.resources().values().map(|r| r.guid.clone()).collect(),
        1 => c.groups().values().map(|g| g.guid.clone()).collect(),
        2 => c.nodes().iter().map(|n| n.id.to_string()).collect(),
        3 => c.networks().values().map(|n| n.guid.clone()).collect(),
        4 => c.net_interfaces().values().map(|i| i.guid.clone()).collect(),
        _ => c.resource_types().iter().map(|t| t.name.clone()).collect(),
    }
}

/// The key name of a live object.
pub(crate) fn key_name(c: &Cluster, owner: &PropertyOwner) -> Option<String> {
    Some(match owner {
        PropertyOwner::Resource(id) => c.resources().get(id)?.guid.clone(),
        PropertyOwner::Group(id) => c.groups().get(id)?.guid.clone(),
        PropertyOwner::Node(id) => c.node(*id)?.id.to_string(),
        PropertyOwner::Network(id) => c.networks().get(id)?.guid.clone(),
        PropertyOwner::NetInterface(id) => c.net_interfaces().get(id)?.guid.clone(),
        PropertyOwner::ResourceType(n) => c.resource_type(n)?.name.clone(),
        PropertyOwner::Cluster | PropertyOwner::GroupSet(_) => return None,
    })
}

/// The path from the root of an object's key (`Resources\<GUID>`), if the object exists.
pub(crate) fn key_path(c: &Cluster, owner: &PropertyOwner) -> Option<String> {
    let name = key_name(c, owner)?;
    Some(format!("{}\\{name}", COLLECTIONS[collection_of(owner)]))
}

/// The path from the root of a key as clients see it.
pub(crate) fn view_path(reg: &Registry, c: &Cluster, key: &RegKey) -> Result<String> {
    match key {
        RegKey::Plain(id) => reg.hive.path(*id),
        RegKey::Object(o) => key_path(c, o).ok_or(KEY_DELETED),
        RegKey::Parameters(o) => key_path(c, o).map(|p| format!("{p}\\{PARAMETERS}")).ok_or(KEY_DELETED),
    }
}

/// Whether a hive path is an object key's or its Parameters' shadow (`Resources\<GUID>`,
/// `Resources\<GUID>\Parameters`): making one is no change clients can see.
pub(crate) fn is_shadow_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('\\').collect();
    let in_collection = parts.first().is_some_and(|f| COLLECTIONS.iter().any(|c| eq_ignore_case(c, f)));
    in_collection && (parts.len() == 2 || (parts.len() == 3 && eq_ignore_case(parts[2], PARAMETERS)))
}

// ---- values ---------------------------------------------------------------------------------

fn utf16z(s: &str) -> Vec<u8> {
    s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// A property value as a registry value's type and bytes (see the module docs).
pub(crate) fn to_reg(v: &Value) -> (u32, Vec<u8>) {
    match v {
        Value::Dword(d) => (REG_DWORD, d.to_le_bytes().to_vec()),
        Value::Long(l) => (REG_DWORD, l.to_le_bytes().to_vec()),
        Value::Word(w) => (REG_DWORD, u32::from(*w).to_le_bytes().to_vec()),
        Value::Sz(s) | Value::ExpandedSz(s) => (REG_SZ, utf16z(s)),
        Value::ExpandSz(s) => (REG_EXPAND_SZ, utf16z(s)),
        Value::MultiSz(m) => {
            let mut out: Vec<u8> = m.iter().flat_map(|s| utf16z(s)).collect();
            out.extend([0, 0]);
            (REG_MULTI_SZ, out)
        }
        Value::ULargeInteger(q) | Value::FileTime(q) => (REG_QWORD, q.to_le_bytes().to_vec()),
        Value::LargeInteger(q) => (REG_QWORD, q.to_le_bytes().to_vec()),
        Value::Binary(b) | Value::SecurityDescriptor(b) | Value::Raw { data: b, .. } => {
            (REG_BINARY, b.clone())
        }
    }
}

fn units(data: &[u8]) -> Result<Vec<u16>> {
    if data.len() % 2 != 0 {
        return Err(Error::INVALID_PARAMETER);
    }
    Ok(data.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect())
}

fn string(units: &[u16]) -> Result<String> {
    String::from_utf16(units).map_err(|_| Error::INVALID_PARAMETER)
}

/// The string of `REG_SZ` data: up to its first NUL (data without one is taken whole).
fn sz(data: &[u8]) -> Result<String> {
    let u = units(data)?;
    let end = u.iter().position(|&c| c == 0).unwrap_or(u.len());
    string(&u[..end])
}

fn multi_sz(data: &[u8]) -> Result<Vec<String>> {
    let u = units(data)?;
    let mut out = Vec::new();
    for s in u.split(|&c| c == 0) {
        if s.is_empty() {
            break;
        }
        out.push(string(s)?);
    }
    Ok(out)
}

/// Registry data as a property value of format `want` (`None`: the natural mapping, for an
/// unknown private property).
///
/// # Errors
/// `ERROR_INVALID_PARAMETER (87)` for a type that does not map to `want`, data of the wrong
/// size, or strings that are not UTF-16.
pub(crate) fn from_reg(kind: u32, data: &[u8], want: Option<u16>) -> Result<Value> {
    let dword =
        || -> Result<u32> { Ok(u32::from_le_bytes(data.try_into().map_err(|_| Error::INVALID_PARAMETER)?)) };
    let qword =
        || -> Result<u64> { Ok(u64::from_le_bytes(data.try_into().map_err(|_| Error::INVALID_PARAMETER)?)) };
    let natural = match kind {
        REG_DWORD => format::DWORD,
        REG_QWORD => format::ULARGE_INTEGER,
        REG_SZ => format::SZ,
        REG_EXPAND_SZ => format::EXPAND_SZ,
        REG_MULTI_SZ => format::MULTI_SZ,
        REG_BINARY => format::BINARY,
        _ => return Err(Error::INVALID_PARAMETER),
    };
    Ok(match (kind, want.unwrap_or(natural)) {
        (REG_DWORD, format::DWORD) => Value::Dword(dword()?),
        (REG_DWORD, format::LONG) => Value::Long(dword()? as i32),
        (REG_QWORD, format::ULARGE_INTEGER) => Value::ULargeInteger(qword()?),
        (REG_QWORD, format::FILETIME) => Value::FileTime(qword()?),
        (REG_SZ, format::SZ) => Value::Sz(sz(data)?),
        (REG_EXPAND_SZ, format::EXPAND_SZ) => Value::ExpandSz(sz(data)?),
        (REG_MULTI_SZ, format::MULTI_SZ) => Value::MultiSz(multi_sz(data)?),
        (REG_BINARY, format::BINARY) => Value::Binary(data.to_vec()),
        _ => return Err(Error::INVALID_PARAMETER),
    })
}

fn reg_value(name: &str, v: &Value) -> RegValue {
    let (kind, data) = to_reg(v);
    RegValue::new(name, kind, data)
}

fn common_values<O: HasProperties>(ctx: &Ctx<'_>, o: &O, table: &'static [Def<O>]) -> Vec<RegValue> {
    table.iter().filter_map(|d| schema::read(ctx, o, d).map(|v| reg_value(d.name, &v))).collect()
}

fn common_value<O: HasProperties>(
    ctx: &Ctx<'_>,
    o: &O,
    table: &'static [Def<O>],
    name: &str,
) -> Option<RegValue> {
    let d = schema::find(table, name)?;
    schema::read(ctx, o, d).map(|v| reg_value(d.name, &v))
}

/// The private schema of `owner` (resources of the main types only).
fn private_table(c: &Cluster, owner: &PropertyOwner) -> Option<&'static [Def<crate::world::Resource>]> {
    match owner {
        PropertyOwner::Resource(id) => schema::private_schema(&c.resources().get(id)?.resource_type),
        _ => None,
    }
}

impl Scope<'_> {
    fn ctx(&self, owner: &PropertyOwner) -> Ctx<'_> {
        let drain = match owner {
            PropertyOwner::Node(id) => (self.drain)(*id),
            _ => (0, u32::MAX),
        };
        Ctx { cluster: self.c, drain }
    }

    /// Whether the object exists, without building its key name (every call checks it).
    fn alive(&self, owner: &PropertyOwner) -> bool {
        let c = self.c;
        match owner {
            PropertyOwner::Resource(id) => c.resources().contains_key(id),
            PropertyOwner::Group(id) => c.groups().contains_key(id),
            PropertyOwner::Node(id) => c.node(*id).is_some(),
            PropertyOwner::Network(id) => c.networks().contains_key(id),
            PropertyOwner::NetInterface(id) => c.net_interfaces().contains_key(id),
            PropertyOwner::ResourceType(n) => c.resource_type(n).is_some(),
            PropertyOwner::Cluster | PropertyOwner::GroupSet(_) => false,
        }
    }

    /// The values of an object key or its `Parameters`, in schema order (private: the
    /// schema's, then the other stored ones, as GET_PRIVATE_PROPERTIES lists them).
    fn values(&self, owner: &PropertyOwner, params: bool) -> Result<Vec<RegValue>> {
        let c = self.c;
        if !params {
            let ctx = self.ctx(owner);
            return on_object!(c, owner, |o, t| common_values(&ctx, o, t)).ok_or(KEY_DELETED);
        }
        let table = private_table(c, owner);
        on_object!(c, owner, |o, _t| {
            let mut out = Vec::new();
            if let Some(table) = table {
                let r = match owner {
                    PropertyOwner::Resource(id) => &c.resources()[id],
                    _ => unreachable!("private schemas are resources'"),
                };
                for d in table {
                    if let Some(v) = schema::read_private(r, d) {
                        out.push(reg_value(d.name, &v));
                    }
                }
            }
            for (n, v) in o.private().iter() {
                if table.is_none_or(|t| schema::find(t, n).is_none()) {
                    out.push(reg_value(n, v));
                }
            }
            out
        })
        .ok_or(KEY_DELETED)
    }

    fn value(&self, owner: &PropertyOwner, params: bool, name: &str) -> Result<RegValue> {
        let c = self.c;
        if !params {
            let ctx = self.ctx(owner);
            return on_object!(c, owner, |o, t| common_value(&ctx, o, t, name))
                .ok_or(KEY_DELETED)?
                .ok_or(FILE_NOT_FOUND);
        }
        if let Some(table) = private_table(c, owner) {
            if let (Some(d), PropertyOwner::Resource(id)) = (schema::find(table, name), owner) {
                return schema::read_private(&c.resources()[id], d)
                    .map(|v| reg_value(d.name, &v))
                    .ok_or(FILE_NOT_FOUND);
            }
        }
        on_object!(c, owner, |o, _t| o
            .private()
            .iter()
            .find(|(n, _)| eq_ignore_case(n, name))
            .map(|(n, v)| reg_value(n, v)))
        .ok_or(KEY_DELETED)?
        .ok_or(FILE_NOT_FOUND)
    }
}

/// A planned write of an object value: whether it is common, the property's name, its value.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PlannedSet {
    pub(crate) common: bool,
    pub(crate) name: String,
    pub(crate) value: Value,
}

fn check_def<O>(def: &Def<O>, kind: u32, data: &[u8]) -> Result<Value> {
    if def.read_only {
        return Err(ACCESS_DENIED);
    }
    let v = from_reg(kind, data, Some(def.format))?;
    if !schema::valid(def, &v) {
        return Err(Error::new(codes::ERROR_INVALID_DATA));
    }
    Ok(v)
}

/// Plans `ClusterRegSetValue` of `name` on an object key (`params`: its Parameters).
pub(crate) fn plan_set(
    c: &Cluster,
    owner: &PropertyOwner,
    params: bool,
    name: &str,
    kind: u32,
    data: &[u8],
) -> Result<PlannedSet> {
    if !params {
        let r = on_object!(c, owner, |_o, t| {
            let def = schema::find(t, name).ok_or(ACCESS_DENIED)?;
            Ok::<_, Error>(PlannedSet {
                common: true,
                name: def.name.to_owned(),
                value: check_def(def, kind, data)?,
            })
        });
        return r.ok_or(KEY_DELETED)?;
    }
    if key_name(c, owner).is_none() {
        return Err(KEY_DELETED);
    }
    if let Some(def) = private_table(c, owner).and_then(|t| schema::find(t, name)) {
        return Ok(PlannedSet {
            common: false,
            name: def.name.to_owned(),
            value: check_def(def, kind, data)?,
        });
    }
    crate::registry::check_name(name)?;
    Ok(PlannedSet { common: false, name: name.to_owned(), value: from_reg(kind, data, None)? })
}

impl Registry {
    /// A registry for cluster `c`: the collection keys and `ClusterInstanceID`.
    pub(crate) fn new(c: &Cluster) -> Registry {
        let mut hive = Hive::new(FILETIME_EPOCH);
        let root = hive.root();
        let mut ch = Vec::new();
        let collections = COLLECTIONS
            .map(|name| hive.create_key(root, name, FILETIME_EPOCH, &mut ch).expect("a fresh hive").0);
        // The cluster's instance id: a GUID of the cluster's seed, id 0 being no object's.
        let instance = c.guid_for(ObjectId(0));
        hive.set_value(root, "ClusterInstanceID", REG_SZ, &utf16z(&instance), FILETIME_EPOCH, &mut ch)
            .expect("a fresh hive");
        // The builder checked the paths and names.
        for (path, values) in c.registry_seed() {
            let (key, _) = hive.create_key(root, path, FILETIME_EPOCH, &mut ch).expect("a checked path");
            for (name, v) in values {
                let (kind, data) = to_reg(v);
                hive.set_value(key, name, kind, &data, FILETIME_EPOCH, &mut ch).expect("a checked name");
            }
        }
        Registry { hive, collections }
    }

    fn collection(&self, id: KeyId) -> Option<usize> {
        self.collections.iter().position(|&k| k == id)
    }

    /// The hive path of an object key's shadow (`Resources\<guid>`, plus `\Parameters`).
    fn shadow_path(c: &Cluster, owner: &PropertyOwner, params: bool) -> Result<String> {
        let name = key_name(c, owner).ok_or(KEY_DELETED)?;
        Ok(if params { format!("{name}\\{PARAMETERS}") } else { name })
    }

    /// The shadow of an object key, if it exists.
    fn shadow(&self, c: &Cluster, owner: &PropertyOwner, params: bool) -> Result<Option<KeyId>> {
        let path = Self::shadow_path(c, owner, params)?;
        let coll = self.collections[collection_of(owner)];
        match self.hive.open_key(coll, &path) {
            Ok(k) => Ok(Some(k)),
            Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn make_shadow(
        &mut self,
        c: &Cluster,
        owner: &PropertyOwner,
        params: bool,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<KeyId> {
        let path = Self::shadow_path(c, owner, params)?;
        let coll = self.collections[collection_of(owner)];
        Ok(self.hive.create_key(coll, &path, now, changes)?.0)
    }

    /// Checks that `key` still exists: `ERROR_KEY_DELETED (1018)` if not.
    pub(crate) fn check(&self, s: &Scope<'_>, key: &RegKey) -> Result<()> {
        let ok = match key {
            RegKey::Plain(id) => self.hive.contains(*id),
            RegKey::Object(o) | RegKey::Parameters(o) => s.alive(o),
        };
        if ok { Ok(()) } else { Err(KEY_DELETED) }
    }

    /// The direct subkey `part` of `key`, if any.
    fn child(&self, s: &Scope<'_>, key: &RegKey, part: &str) -> Result<Option<RegKey>> {
        match key {
            RegKey::Plain(id) => {
                if let Some(coll) = self.collection(*id) {
                    return Ok(find_object(s.c, coll, part).map(RegKey::Object));
                }
                Ok(self.hive.subkey(*id, part)?.map(RegKey::Plain))
            }
            RegKey::Object(o) if eq_ignore_case(part, PARAMETERS) => {
                self.check(s, key)?;
                Ok(Some(RegKey::Parameters(o.clone())))
            }
            RegKey::Object(o) | RegKey::Parameters(o) => {
                let params = matches!(key, RegKey::Parameters(_));
                match self.shadow(s.c, o, params)? {
                    Some(sh) => Ok(self.hive.subkey(sh, part)?.map(RegKey::Plain)),
                    None => Ok(None),
                }
            }
        }
    }

    /// The key at `path` below `base` (`ClusterRegOpenKey`).
    pub(crate) fn open(&self, s: &Scope<'_>, base: &RegKey, path: &str) -> Result<RegKey> {
        self.check(s, base)?;
        let parts = crate::registry::split_path(path)?;
        let mut at = base.clone();
        for part in parts {
            at = self.child(s, &at, part)?.ok_or(FILE_NOT_FOUND)?;
        }
        Ok(at)
    }

    /// Creates or opens the key at `path` below `base` (`ClusterRegCreateKey`).
    pub(crate) fn create(
        &mut self,
        s: &Scope<'_>,
        base: &RegKey,
        path: &str,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<(RegKey, Disposition)> {
        self.check(s, base)?;
        let parts = crate::registry::split_path(path)?;
        let mut at = base.clone();
        let mut how = Disposition::OpenedExisting;
        for part in parts {
            at = match self.child(s, &at, part)? {
                Some(k) => k,
                None => {
                    how = Disposition::CreatedNew;
                    let parent = match &at {
                        RegKey::Plain(id) if self.collection(*id).is_some() => return Err(ACCESS_DENIED),
                        RegKey::Plain(id) => *id,
                        RegKey::Object(o) => self.make_shadow(s.c, o, false, now, changes)?,
                        RegKey::Parameters(o) => self.make_shadow(s.c, o, true, now, changes)?,
                    };
                    RegKey::Plain(self.hive.create_key(parent, part, now, changes)?.0)
                }
            };
        }
        Ok((at, how))
    }

    /// Deletes the key at `path` below `base`: without subkeys (`ClusterRegDeleteKey`), or
    /// with its subtree (`tree`, a batch's `CLUSREG_DELETE_KEY`).
    pub(crate) fn delete(
        &mut self,
        s: &Scope<'_>,
        base: &RegKey,
        path: &str,
        tree: bool,
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        self.check(s, base)?;
        let parts = crate::registry::split_path(path)?;
        let Some((last, init)) = parts.split_last() else { return Err(Error::INVALID_PARAMETER) };
        let mut parent = base.clone();
        for part in init {
            parent = self.child(s, &parent, part)?.ok_or(FILE_NOT_FOUND)?;
        }
        let target = self.child(s, &parent, last)?.ok_or(FILE_NOT_FOUND)?;
        let RegKey::Plain(target) = target else { return Err(ACCESS_DENIED) };
        if self.collections.contains(&target) {
            return Err(ACCESS_DENIED);
        }
        let holder = self.hive.parent(target)?.expect("not the root");
        let name = self.hive.name(target)?.to_owned();
        if tree {
            self.hive.delete_tree(holder, &name, now, changes)
        } else {
            self.hive.delete_key(holder, &name, now, changes)
        }
    }

    /// The subkeys of `key`, computed (for object and collection keys) or the hive's.
    fn subkey_count(&self, s: &Scope<'_>, key: &RegKey) -> Result<Vec<(String, u64)>> {
        let mut out = Vec::new();
        match key {
            RegKey::Plain(id) => {
                if let Some(coll) = self.collection(*id) {
                    let lw = self.hive.last_write(*id)?;
                    return Ok(object_names(s.c, coll).into_iter().map(|n| (n, lw)).collect());
                }
                let mut i = 0;
                while let Ok(sk) = self.hive.enum_key(*id, i) {
                    out.push((sk.name.to_owned(), sk.last_write));
                    i += 1;
                }
            }
            RegKey::Object(o) | RegKey::Parameters(o) => {
                self.check(s, key)?;
                let params = matches!(key, RegKey::Parameters(_));
                let shadow = self.shadow(s.c, o, params)?;
                if !params {
                    let lw = match shadow {
                        Some(sh) => self.hive.last_write(sh)?,
                        None => FILETIME_EPOCH,
                    };
                    out.push((PARAMETERS.to_owned(), lw));
                }
                if let Some(sh) = shadow {
                    let mut i = 0;
                    while let Ok(sk) = self.hive.enum_key(sh, i) {
                        if params || !eq_ignore_case(sk.name, PARAMETERS) {
                            out.push((sk.name.to_owned(), sk.last_write));
                        }
                        i += 1;
                    }
                }
            }
        }
        Ok(out)
    }

    /// The subkey at `index` (`ClusterRegEnumKey`): its name and last-write time. O(1) for a
    /// plain key; a computed key lists its subkeys first.
    pub(crate) fn enum_key(&self, s: &Scope<'_>, key: &RegKey, index: u32) -> Result<(String, u64)> {
        self.check(s, key)?;
        if let RegKey::Plain(id) = key {
            if self.collection(*id).is_none() {
                let sk = self.hive.enum_key(*id, index)?;
                return Ok((sk.name.to_owned(), sk.last_write));
            }
        }
        self.subkey_count(s, key)?.into_iter().nth(index as usize).ok_or(NO_MORE_ITEMS)
    }

    /// The value `name` of `key` (`ClusterRegQueryValue`).
    pub(crate) fn query(&self, s: &Scope<'_>, key: &RegKey, name: &str) -> Result<RegValue> {
        match key {
            RegKey::Plain(id) => self.hive.query_value(*id, name).cloned(),
            RegKey::Object(o) => s.value(o, false, name),
            RegKey::Parameters(o) => s.value(o, true, name),
        }
    }

    /// The value at `index` (`ClusterRegEnumValue`): O(1) for a plain key.
    pub(crate) fn enum_value(&self, s: &Scope<'_>, key: &RegKey, index: u32) -> Result<RegValue> {
        match key {
            RegKey::Plain(id) => self.hive.enum_value(*id, index).cloned(),
            RegKey::Object(o) => s.values(o, false)?.into_iter().nth(index as usize).ok_or(NO_MORE_ITEMS),
            RegKey::Parameters(o) => s.values(o, true)?.into_iter().nth(index as usize).ok_or(NO_MORE_ITEMS),
        }
    }

    /// `ClusterRegQueryInfoKey`: counted from what [`enum_key`](Self::enum_key) and
    /// [`enum_value`](Self::enum_value) list, so the two agree.
    pub(crate) fn info(&self, s: &Scope<'_>, key: &RegKey) -> Result<KeyInfo> {
        self.check(s, key)?;
        if let RegKey::Plain(id) = key {
            if self.collection(*id).is_none() {
                return self.hive.query_info(*id);
            }
        }
        let len32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let subkeys = self.subkey_count(s, key)?;
        let values = match key {
            RegKey::Plain(_) => Vec::new(),
            RegKey::Object(o) => s.values(o, false)?,
            RegKey::Parameters(o) => s.values(o, true)?,
        };
        let security = self.security(s, key, 0x7)?.len();
        let last_write = match key {
            RegKey::Plain(id) => self.hive.last_write(*id)?,
            RegKey::Object(o) | RegKey::Parameters(o) => {
                match self.shadow(s.c, o, matches!(key, RegKey::Parameters(_)))? {
                    Some(sh) => self.hive.last_write(sh)?,
                    None => FILETIME_EPOCH,
                }
            }
        };
        Ok(KeyInfo {
            subkeys: len32(subkeys.len()),
            max_subkey_name_len: len32(
                subkeys.iter().map(|(n, _)| n.encode_utf16().count()).max().unwrap_or(0),
            ),
            values: len32(values.len()),
            max_value_name_len: len32(
                values.iter().map(|v| v.name().encode_utf16().count()).max().unwrap_or(0),
            ),
            max_value_data_len: len32(values.iter().map(|v| v.data().len()).max().unwrap_or(0)),
            security_descriptor_len: len32(security),
            last_write,
        })
    }

    /// The key's security descriptor, the parts `info` asks for (`ClusterRegGetKeySecurity`).
    /// An object key without a shadow has its collection's.
    pub(crate) fn security(&self, s: &Scope<'_>, key: &RegKey, info: u32) -> Result<Vec<u8>> {
        self.check(s, key)?;
        let id = match key {
            RegKey::Plain(id) => *id,
            RegKey::Object(o) | RegKey::Parameters(o) => {
                match self.shadow(s.c, o, matches!(key, RegKey::Parameters(_)))? {
                    Some(sh) => sh,
                    None => self.collections[collection_of(o)],
                }
            }
        };
        self.hive.get_security(id, info)
    }

    /// Replaces parts of the key's security descriptor (`ClusterRegSetKeySecurity`).
    pub(crate) fn set_security(
        &mut self,
        s: &Scope<'_>,
        key: &RegKey,
        info: u32,
        descriptor: &[u8],
        now: u64,
        changes: &mut Vec<RegChange>,
    ) -> Result<()> {
        self.check(s, key)?;
        // Check the descriptor before a shadow is made for it.
        crate::registry::security::merge(&self.security(s, key, 0xF)?, info, descriptor)?;
        let id = match key {
            RegKey::Plain(id) => *id,
            RegKey::Object(o) => self.make_shadow(s.c, o, false, now, changes)?,
            RegKey::Parameters(o) => self.make_shadow(s.c, o, true, now, changes)?,
        };
        self.hive.set_security(id, info, descriptor, changes)
    }
}

// ---- batches --------------------------------------------------------------------------------

/// The property changes a batch has planned so far: what its later commands read, and what
/// it commits at the end.
#[derive(Default)]
struct Overlay {
    /// `(owner, params, name)` → the new value, or `None` for a deleted private value.
    entries: Vec<(PropertyOwner, bool, String, Option<Value>)>,
}

impl Overlay {
    fn get(&self, owner: &PropertyOwner, params: bool, name: &str) -> Option<&Option<Value>> {
        self.entries
            .iter()
            .rev()
            .find(|(o, p, n, _)| o == owner && *p == params && eq_ignore_case(n, name))
            .map(|e| &e.3)
    }

    fn put(&mut self, owner: &PropertyOwner, params: bool, name: String, value: Option<Value>) {
        self.entries.retain(|(o, p, n, _)| !(o == owner && *p == params && eq_ignore_case(n, &name)));
        self.entries.push((owner.clone(), params, name, value));
    }

    /// The changes to commit: per object, one `SetProperties` and one
    /// `RemovePrivateProperties`, in the order the objects were first written.
    fn changes(self) -> Vec<crate::world::Change> {
        use crate::world::Change;
        let mut owners: Vec<PropertyOwner> = Vec::new();
        for (o, ..) in &self.entries {
            if !owners.contains(o) {
                owners.push(o.clone());
            }
        }
        let mut out = Vec::new();
        for owner in owners {
            let mine = self.entries.iter().filter(|e| e.0 == owner);
            let (mut common, mut private, mut removed) = (Vec::new(), Vec::new(), Vec::new());
            for (_, params, name, value) in mine {
                match (params, value) {
                    (false, Some(v)) => common.push((name.clone(), v.clone())),
                    (true, Some(v)) => private.push((name.clone(), v.clone())),
                    (_, None) => removed.push(name.clone()),
                }
            }
            if !common.is_empty() || !private.is_empty() {
                out.push(Change::SetProperties { owner: owner.clone(), common, private });
            }
            if !removed.is_empty() {
                out.push(Change::RemovePrivateProperties { owner, names: removed });
            }
        }
        out
    }
}

/// What a committed batch did: the hive's changes and the property changes to commit.
pub(crate) struct BatchOutcome {
    pub(crate) hive: Vec<RegChange>,
    pub(crate) properties: Vec<crate::world::Change>,
}

/// Plans the deletion of value `name` of an object key: `Ok(true)` if a stored private value
/// goes, `Ok(false)` if the name shows only a default (nothing to remove).
pub(crate) fn plan_delete(s: &Scope<'_>, owner: &PropertyOwner, params: bool, name: &str) -> Result<bool> {
    if !params {
        s.value(owner, false, name)?;
        return Err(ACCESS_DENIED);
    }
    s.value(owner, true, name)?;
    let stored = on_object!(s.c, owner, |o, _t| o.private().iter().any(|(n, _)| eq_ignore_case(n, name)));
    Ok(stored.unwrap_or(false))
}

impl Registry {
    fn batch_value(&self, s: &Scope<'_>, ov: &Overlay, key: &RegKey, name: &str) -> Result<Option<RegValue>> {
        let (owner, params) = match key {
            RegKey::Plain(_) => None,
            RegKey::Object(o) => Some((o, false)),
            RegKey::Parameters(o) => Some((o, true)),
        }
        .map_or((None, false), |(o, p)| (Some(o), p));
        if let Some(o) = owner {
            if let Some(v) = ov.get(o, params, name) {
                return Ok(v.as_ref().map(|v| reg_value(name, v)));
            }
        }
        match self.query(s, key, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Runs a write batch against `base` atomically (`ClusterRegCloseBatch(h, TRUE, &n)`, §D.3,
    /// CMRP 3.1.4.2.112), with the semantics of [`Hive::apply_batch`] over the projected
    /// view: every command is checked and applied to the hive under its journal, and object
    /// values are planned into an overlay that later commands read; on success the hive's
    /// journal is kept and the caller commits the property changes; on failure the hive is
    /// rolled back and nothing is committed.
    pub(crate) fn apply_batch(
        &mut self,
        s: &Scope<'_>,
        base: &RegKey,
        batch: &crate::registry::Batch,
        now: u64,
    ) -> std::result::Result<BatchOutcome, crate::registry::BatchFailure> {
        use crate::registry::BatchFailure;
        if self.check(s, base).is_err() {
            return Err(BatchFailure { index: -1, error: KEY_DELETED });
        }
        self.hive.begin();
        let mut changes = Vec::new();
        let mut ov = Overlay::default();
        let mut current = Some(base.clone());
        for (index, command) in batch.commands().iter().enumerate() {
            if let Err(error) = self.run_command(s, base, &mut current, command, now, &mut changes, &mut ov) {
                self.hive.rollback();
                return Err(BatchFailure { index: i32::try_from(index).unwrap_or(i32::MAX), error });
            }
        }
        self.hive.commit();
        Ok(BatchOutcome { hive: changes, properties: ov.changes() })
    }

    #[allow(clippy::too_many_arguments)]
    fn run_command(
        &mut self,
        s: &Scope<'_>,
        base: &RegKey,
        current: &mut Option<RegKey>,
        command: &crate::registry::BatchCommand,
        now: u64,
        changes: &mut Vec<RegChange>,
        ov: &mut Overlay,
    ) -> Result<()> {
        use crate::registry::{BatchCommand as B, Condition};
        let cleared = Error::INVALID_PARAMETER; // CMRP 3.1.4.2.112: value command after DELETE_KEY
        match command {
            B::SetValue { name, kind, data } => match current.as_ref().ok_or(cleared)? {
                RegKey::Plain(id) => self.hive.set_value(*id, name, *kind, data, now, changes),
                RegKey::Object(o) | RegKey::Parameters(o) => {
                    let params = matches!(current, Some(RegKey::Parameters(_)));
                    let p = plan_set(s.c, o, params, name, *kind, data)?;
                    ov.put(o, params, p.name, Some(p.value));
                    Ok(())
                }
            },
            B::DeleteValue { name } => {
                let key = current.clone().ok_or(cleared)?;
                match &key {
                    RegKey::Plain(id) => match self.hive.query_value(*id, name) {
                        Ok(_) => self.hive.delete_value(*id, name, now, changes),
                        Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => Ok(()),
                        Err(e) => Err(e),
                    },
                    RegKey::Object(o) | RegKey::Parameters(o) => {
                        let params = matches!(key, RegKey::Parameters(_));
                        if self.batch_value(s, ov, &key, name)?.is_none() {
                            return Ok(()); // a missing value is no error (CMRP 3.1.4.2.112)
                        }
                        if !params {
                            return Err(ACCESS_DENIED);
                        }
                        ov.put(o, true, name.clone(), None);
                        Ok(())
                    }
                }
            }
            B::CreateKey { path } => {
                *current = Some(self.create(s, base, path, now, changes)?.0);
                Ok(())
            }
            B::DeleteKey { path } => {
                *current = None;
                match self.delete(s, base, path, true, now, changes) {
                    Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => Ok(()),
                    other => other,
                }
            }
            B::Condition { test, name, data } => {
                let holds = if matches!(test, Condition::KeyExists | Condition::KeyNotExists) {
                    let exists = match self.open(s, base, name) {
                        Ok(_) => true,
                        Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => false,
                        Err(e) => return Err(e),
                    };
                    exists == (*test == Condition::KeyExists)
                } else {
                    let key = current.clone().ok_or(cleared)?;
                    let value = self.batch_value(s, ov, &key, name)?;
                    crate::registry::condition_holds(*test, value.as_ref(), data)
                };
                if holds {
                    Ok(())
                } else {
                    Err(Error::new(codes::ERROR_CLUSTER_DATABASE_UPDATE_CONDITION_FAILED))
                }
            }
        }
    }

    /// Runs a read batch against `base` (`ClusterRegCloseReadBatch`): one reply per command.
    pub(crate) fn read_batch(
        &self,
        s: &Scope<'_>,
        base: &RegKey,
        batch: &crate::registry::ReadBatch,
    ) -> Result<Vec<crate::registry::ReadReply>> {
        self.check(s, base)?;
        Ok(batch
            .commands()
            .iter()
            .map(|(subkey, value)| {
                let result = self
                    .open(s, base, subkey)
                    .and_then(|key| self.query(s, &key, value))
                    .map(|v| (v.kind(), v.data().to_vec()));
                crate::registry::ReadReply { subkey: subkey.clone(), value: value.clone(), result }
            })
            .collect())
    }
}
