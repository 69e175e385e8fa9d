//! The property control codes (`reference/engine-properties-notify.md` §C.3, §C.4): GET,
//! GET_RO, ENUM, SET, VALIDATE and the formats of common and private properties, for all
//! seven object kinds, over the schema of [`crate::property::schema`].
//!
//! Rules (MsCS clusctl-* pages and MS-CMRP 3.1.4.3; choices marked):
//! * `GET_COMMON_PROPERTIES` lists the read/write common properties only,
//!   `GET_RO_COMMON_PROPERTIES` the read-only ones (CMRP 3.1.4.3.1.10/.11), in schema order.
//!   A stored property with no default and no value is left out.
//! * `GET_PRIVATE_PROPERTIES`: a resource of a type with a private schema lists the schema's
//!   read/write properties that have a value, then every other stored private value (what
//!   `ResUtilGetAllProperties` gives a DLL); any other object lists every stored private
//!   value (all of them are "unknown properties", MsCS:unknown-properties).
//!   `GET_RO_PRIVATE_PROPERTIES` lists the schema's read-only ones.
//! * `ENUM_*`: the names of the properties that can be modified, as a MULTI_SZ.
//! * `*_PROPERTY_FMTS`: for every property, its name and one `LIST_VALUE_WORD` holding its
//!   `CLUSPROP_FORMAT_*` (CMRP 3.1.4.3.1.14). `CLUSCTL_RESOURCE_TYPE_GET_COMMON_PROPERTY_FMTS`
//!   is `ERROR_INVALID_FUNCTION` (MsCS:clusctl-resource-type-get-common-property-fmts); the
//!   type's `GET_COMMON_RESOURCE_PROPERTY_FMTS` and `GET_PRIVATE_RESOURCE_PROPERTY_FMTS`
//!   give those of its resources.
//! * `SET_*` validates the whole list, then stores it in one commit; `VALIDATE_*` runs the
//!   same checks and stores nothing. The errors, first failing property first:
//!   a NULL input `RPC_X_BAD_STUB_DATA (1783)`; a list that runs past the input
//!   `ERROR_INSUFFICIENT_BUFFER (122)`; a badly formed one `ERROR_INVALID_PARAMETER (87)`; an
//!   unknown common property `ERROR_INVALID_PARAMETER` (a choice: clussvc validates common
//!   lists against its table without unknown properties); a read-only one
//!   `ERROR_RESOURCE_PROPERTY_UNCHANGEABLE (5089)` (a choice: MsCS says only that the call
//!   fails, and 5089 is the code named for it); a value of the wrong syntax or out of range
//!   `ERROR_INVALID_DATA (13)` (MsCS:clusctl-resource-set-common-properties; windows-sys
//!   also has 5895 and 5913, whose use the sources do not confirm). An unknown private
//!   property is stored as given (MsCS:unknown-properties; for resources a choice: most
//!   resource DLLs pass `bAllowUnknownProperties = TRUE`). A property's first value is the
//!   one set (a choice).
//! * `SET_*` on a resource that is online or pending returns
//!   `ERROR_RESOURCE_PROPERTIES_STORED (5024)` when it sets a private property or a common
//!   one that takes effect at the next online (SeparateMonitor): the values are stored all
//!   the same (CMRP 3.1.4.3.1.12).

use super::code::object;
use crate::error::{Error, Result, codes};
use crate::property::schema::{self, Ctx, Def, HasProperties};
use crate::property::{PropertyList, PropertyWriter, Value, multi_sz_bytes};
use crate::world::{Change, PropertyOwner, Resource, eq_ignore_case};

/// A property control function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    EnumCommon,
    GetRoCommon,
    GetCommon,
    SetCommon,
    ValidateCommon,
    CommonFmts,
    TypeCommonResourceFmts,
    EnumPrivate,
    GetRoPrivate,
    GetPrivate,
    SetPrivate,
    ValidatePrivate,
    PrivateFmts,
    TypePrivateResourceFmts,
}

impl Op {
    /// Whether it reads or writes private properties (only those need a resource's private
    /// schema).
    pub(crate) fn is_private(self) -> bool {
        matches!(
            self,
            Op::EnumPrivate
                | Op::GetRoPrivate
                | Op::GetPrivate
                | Op::SetPrivate
                | Op::ValidatePrivate
                | Op::PrivateFmts
        )
    }
}

/// The property function `code` names for an object of kind `object`, if it is one.
pub(crate) fn op(code: u32, object: u32) -> Option<Op> {
    if code >> 24 != object {
        return None;
    }
    Some(match code & 0x00ff_ffff {
        0x51 => Op::EnumCommon,
        0x55 => Op::GetRoCommon,
        0x59 => Op::GetCommon,
        0x40_005E => Op::SetCommon,
        0x61 => Op::ValidateCommon,
        0x65 => Op::CommonFmts,
        0x69 if object == object::RESOURCE_TYPE => Op::TypeCommonResourceFmts,
        0x79 => Op::EnumPrivate,
        0x7D => Op::GetRoPrivate,
        0x81 => Op::GetPrivate,
        0x40_0086 => Op::SetPrivate,
        0x89 => Op::ValidatePrivate,
        0x8D => Op::PrivateFmts,
        0x91 if object == object::RESOURCE_TYPE => Op::TypePrivateResourceFmts,
        _ => return None,
    })
}

/// One object's properties as the control codes see them.
pub(crate) struct View<'a, O: 'static> {
    pub(crate) ctx: Ctx<'a>,
    pub(crate) object: &'a O,
    pub(crate) table: &'static [Def<O>],
    /// The private schema (resources of the main types only).
    pub(crate) private: Option<&'static [Def<Resource>]>,
    pub(crate) owner: PropertyOwner,
    /// A resource that is online or pending (SET may answer 5024).
    pub(crate) online: bool,
}

/// What a property code does.
#[allow(clippy::large_enum_variant)] // built once per call and consumed at once
pub(crate) enum Outcome {
    /// Its reply bytes.
    Reply(Vec<u8>),
    /// A SET: the change to commit (none for an empty list), and whether it takes effect
    /// only at the next online (the call then returns `ERROR_RESOURCE_PROPERTIES_STORED`).
    Set(Option<Box<Change>>, bool),
}

/// Runs property function `op` on `view`. `input` is `None` for a NULL input buffer.
pub(crate) fn run<O: HasProperties>(view: &View<'_, O>, op: Op, input: Option<&[u8]>) -> Result<Outcome> {
    // Most replies fit: one allocation instead of a doubling series.
    let mut out = Vec::with_capacity(1024);
    match op {
        Op::GetCommon | Op::GetRoCommon => {
            let read_only = op == Op::GetRoCommon;
            let mut w = PropertyWriter::new(&mut out);
            for def in view.table.iter().filter(|d| d.read_only == read_only) {
                schema::write(&mut w, &view.ctx, view.object, def);
            }
            w.finish();
        }
        Op::GetPrivate | Op::GetRoPrivate => {
            let read_only = op == Op::GetRoPrivate;
            let stored = view.object.private();
            let mut w = PropertyWriter::new(&mut out);
            if let Some(table) = view.private {
                for def in table.iter().filter(|d| d.read_only == read_only) {
                    match stored.get(def.name) {
                        Some(v) => schema::write_value(&mut w, def.name, v),
                        None => schema::write_default(&mut w, def),
                    }
                }
            }
            if !read_only {
                for (name, v) in stored.iter().filter(|(n, _)| !in_schema(view.private, n)) {
                    schema::write_value(&mut w, name, v);
                }
            }
            w.finish();
        }
        Op::EnumCommon => {
            out = multi_sz_bytes(view.table.iter().filter(|d| !d.read_only).map(|d| d.name));
        }
        Op::EnumPrivate => {
            let schema_names = view.private.unwrap_or(&[]).iter().filter(|d| !d.read_only).map(|d| d.name);
            let unknown =
                view.object.private().iter().map(|(n, _)| n).filter(|n| !in_schema(view.private, n));
            out = multi_sz_bytes(schema_names.chain(unknown));
        }
        Op::CommonFmts => {
            if view.owner_is_type() {
                return Err(Error::new(codes::ERROR_INVALID_FUNCTION));
            }
            formats(&mut out, view.table.iter().map(|d| (d.name, d.format)));
        }
        Op::PrivateFmts => {
            let schema_fmts = view.private.unwrap_or(&[]).iter().map(|d| (d.name, d.format));
            let unknown = view
                .object
                .private()
                .iter()
                .filter(|(n, _)| !in_schema(view.private, n))
                .map(|(n, v)| (n, v.format()));
            formats(&mut out, schema_fmts.chain(unknown));
        }
        Op::TypeCommonResourceFmts => formats(&mut out, schema::RESOURCE.iter().map(|d| (d.name, d.format))),
        Op::TypePrivateResourceFmts => {
            let t = match &view.owner {
                PropertyOwner::ResourceType(t) => schema::private_schema(t),
                _ => None,
            };
            formats(&mut out, t.unwrap_or(&[]).iter().map(|d| (d.name, d.format)));
        }
        Op::SetCommon | Op::ValidateCommon => {
            let list = decode(input)?;
            let common = check_common(view.table, &list)?;
            return Ok(if op == Op::SetCommon {
                let later = view.online
                    && common.iter().any(|(n, _)| schema::find(view.table, n).is_some_and(|d| d.next_online));
                let change = (!common.is_empty()).then(|| {
                    Box::new(Change::SetProperties { owner: view.owner.clone(), common, private: Vec::new() })
                });
                Outcome::Set(change, later)
            } else {
                Outcome::Reply(Vec::new())
            });
        }
        Op::SetPrivate | Op::ValidatePrivate => {
            let list = decode(input)?;
            let private = check_private(view.private, &list)?;
            return Ok(if op == Op::SetPrivate {
                let later = view.online && !private.is_empty();
                let change = (!private.is_empty()).then(|| {
                    Box::new(Change::SetProperties { owner: view.owner.clone(), common: Vec::new(), private })
                });
                Outcome::Set(change, later)
            } else {
                Outcome::Reply(Vec::new())
            });
        }
    }
    Ok(Outcome::Reply(out))
}

impl<O> View<'_, O> {
    fn owner_is_type(&self) -> bool {
        matches!(self.owner, PropertyOwner::ResourceType(_))
    }
}

fn in_schema(table: Option<&'static [Def<Resource>]>, name: &str) -> bool {
    table.is_some_and(|t| t.iter().any(|d| eq_ignore_case(d.name, name)))
}

fn decode(input: Option<&[u8]>) -> Result<PropertyList> {
    PropertyList::decode(input.ok_or(Error::new(codes::RPC_X_BAD_STUB_DATA))?)
}

/// The first value of a property in a SET list: `ERROR_INVALID_PARAMETER` for none (the
/// decoder refuses that already), `ERROR_INVALID_DATA` for an `EXPANDED_SZ`, which clients
/// must not send (CMRP 2.2.3.10.1).
fn first(values: &[Value]) -> Result<&Value> {
    match values.first() {
        None => Err(Error::INVALID_PARAMETER),
        Some(Value::ExpandedSz(_)) => Err(Error::new(codes::ERROR_INVALID_DATA)),
        Some(v) => Ok(v),
    }
}

/// Checks a SET/VALIDATE list of common properties against `table`: the values to store,
/// under their schema names.
fn check_common<O>(table: &'static [Def<O>], list: &PropertyList) -> Result<Vec<(String, Value)>> {
    let mut out: Vec<(String, Value)> = Vec::with_capacity(list.properties.len().min(64));
    for p in &list.properties {
        let def = schema::find(table, &p.name).ok_or(Error::INVALID_PARAMETER)?;
        if def.read_only {
            return Err(Error::new(codes::ERROR_RESOURCE_PROPERTY_UNCHANGEABLE));
        }
        let v = first(&p.values)?;
        if !schema::valid(def, v) {
            return Err(Error::new(codes::ERROR_INVALID_DATA));
        }
        push_last_wins(&mut out, def.name, v.clone());
    }
    Ok(out)
}

/// Checks a SET/VALIDATE list of private properties against the private schema, if any.
fn check_private(
    table: Option<&'static [Def<Resource>]>,
    list: &PropertyList,
) -> Result<Vec<(String, Value)>> {
    let mut out: Vec<(String, Value)> = Vec::with_capacity(list.properties.len().min(64));
    for p in &list.properties {
        let v = first(&p.values)?;
        match table.and_then(|t| schema::find(t, &p.name)) {
            Some(def) => {
                if def.read_only {
                    return Err(Error::new(codes::ERROR_RESOURCE_PROPERTY_UNCHANGEABLE));
                }
                if !schema::valid(def, v) {
                    return Err(Error::new(codes::ERROR_INVALID_DATA));
                }
                push_last_wins(&mut out, def.name, v.clone());
            }
            None => push_last_wins(&mut out, &p.name, v.clone()),
        }
    }
    Ok(out)
}

fn push_last_wins(out: &mut Vec<(String, Value)>, name: &str, v: Value) {
    match out.iter_mut().find(|(n, _)| eq_ignore_case(n, name)) {
        Some(e) => e.1 = v,
        None => out.push((name.to_owned(), v)),
    }
}

/// A property list of `(name, CLUSPROP_FORMAT)`: each a `LIST_VALUE_WORD`.
fn formats<'a>(out: &mut Vec<u8>, fmts: impl Iterator<Item = (&'a str, u16)>) {
    let mut w = PropertyWriter::new(out);
    for (name, f) in fmts {
        w.value(name, &Value::Word(f));
    }
    w.finish();
}
