//! The registry-backed `resutils.dll` helpers over the simulator's cluster key handles
//! (`reference/engine-properties-notify.md` §C.7): `ResUtilGet/SetDwordValue`,
//! `ResUtilGet/SetQwordValue`, `ResUtilSetValueEx`, `ResUtilGetPrivateProperties` and
//! `ResUtilSetPrivatePropertyList`, and the Get side of the property tables,
//! `ResUtilGetProperties` and `ResUtilGetAllProperties`. A resource DLL calls them on
//! `ClusterRegOpenKey(GetClusterResourceKey(h), "Parameters")`, so through the one store they
//! read and write the resource's private properties.
//!
//! The helpers that hand out `LocalAlloc`ed strings or buffers (`ResUtilGetSzValue`,
//! `ResUtilSetSzValue` with an out string, the Binary and MultiSz ones) and the
//! parameter-block ones (`ResUtilGetPropertiesToParameterBlock`, `ResUtilSetPropertyTable`,
//! whose string fields are `LocalAlloc`ed) are not here yet: they need the `LocalAlloc` of
//! `src/win32/local_alloc.rs`.

use core::ffi::c_void;
use windows_sys::Win32::Networking::Clustering::RESUTIL_PROPERTY_ITEM;
use windows_sys::Win32::System::Registry::HKEY;
use windows_sys::core::PCWSTR;

use super::{Name, run_code};
use crate::error::{Error, Result, codes};
use crate::handle_types::{Handle, KeyHandle};
use crate::property::{PropertyList, PropertyWriter, Value};
use crate::registry::{REG_DWORD, REG_QWORD};

fn key(h: HKEY) -> KeyHandle {
    KeyHandle::from_raw(h as isize)
}

/// # Safety
/// `p` is NULL or valid for writes of a `T`.
unsafe fn write<T>(p: *mut T, v: T) {
    if !p.is_null() {
        // SAFETY: non-null, valid for writes (the caller).
        unsafe { p.write_unaligned(v) }
    }
}

/// Reads a numeric value of `size` bytes, or `default` when it is missing.
///
/// # Safety
/// `name` is NULL or a NUL-terminated UTF-16 string.
unsafe fn get_number(
    function: &'static str,
    hkey: HKEY,
    name: PCWSTR,
    kind: u32,
    out: impl FnOnce(Option<&[u8]>) -> Result<()>,
) -> u32 {
    run_code(function, |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(name) }?;
        let found = sim.reg_query_value_as(call, key(hkey), name, |v| Ok(Some(v)));
        match found {
            Ok(Some(v)) if v.kind() == kind => out(Some(v.data())),
            Ok(_) => Err(Error::INVALID_PARAMETER),
            Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => out(None),
            Err(e) => Err(e),
        }
    })
}

/// `ResUtilGetDwordValue`: the `REG_DWORD` value `pszvaluename` of the key into
/// `*pdwoutvalue`, or `dwdefaultvalue` when the value does not exist (doc:ResUtilGetDwordValue).
///
/// Returns `ERROR_SUCCESS`; `ERROR_INVALID_PARAMETER (87)` for a NULL name or output, or a
/// value of another type or size (a choice); the key handle's errors
/// (`ERROR_INVALID_HANDLE`, `ERROR_KEY_DELETED`).
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string; `pdwoutvalue` is NULL or valid
/// for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetDwordValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    pdwoutvalue: *mut u32,
    dwdefaultvalue: u32,
) -> u32 {
    if pdwoutvalue.is_null() {
        return run_code("ResUtilGetDwordValue", |_, _| Err(Error::INVALID_PARAMETER));
    }
    // SAFETY: forwarded from the caller.
    unsafe {
        get_number("ResUtilGetDwordValue", hkeyclusterkey, pszvaluename, REG_DWORD, |data| {
            let v = match data {
                Some(d) => u32::from_le_bytes(d.try_into().map_err(|_| Error::INVALID_PARAMETER)?),
                None => dwdefaultvalue,
            };
            write(pdwoutvalue, v);
            Ok(())
        })
    }
}

/// `ResUtilGetQwordValue`: the `REG_QWORD` value into `*pqwoutvalue`, or `qwdefaultvalue`
/// when it does not exist.
///
/// Returns as [`ResUtilGetDwordValue`].
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string; `pqwoutvalue` is NULL or valid
/// for writes of a `u64`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetQwordValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    pqwoutvalue: *mut u64,
    qwdefaultvalue: u64,
) -> u32 {
    if pqwoutvalue.is_null() {
        return run_code("ResUtilGetQwordValue", |_, _| Err(Error::INVALID_PARAMETER));
    }
    // SAFETY: forwarded from the caller.
    unsafe {
        get_number("ResUtilGetQwordValue", hkeyclusterkey, pszvaluename, REG_QWORD, |data| {
            let v = match data {
                Some(d) => u64::from_le_bytes(d.try_into().map_err(|_| Error::INVALID_PARAMETER)?),
                None => qwdefaultvalue,
            };
            write(pqwoutvalue, v);
            Ok(())
        })
    }
}

/// `ResUtilSetDwordValue`: sets the `REG_DWORD` value, then stores the new value in
/// `*pdwoutvalue` if given.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL name, or the codes of
/// [`Sim::reg_set_value`](crate::Sim::reg_set_value) (on a `Parameters` key, the private
/// property's checks).
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string; `pdwoutvalue` is NULL or valid
/// for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetDwordValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    dwnewvalue: u32,
    pdwoutvalue: *mut u32,
) -> u32 {
    run_code("ResUtilSetDwordValue", |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(pszvaluename) }?;
        sim.reg_set_value_as(call, key(hkeyclusterkey), name, REG_DWORD, &dwnewvalue.to_le_bytes(), Ok)?;
        // SAFETY: forwarded from the caller.
        unsafe { write(pdwoutvalue, dwnewvalue) };
        Ok(())
    })
}

/// `ResUtilSetQwordValue`: sets the `REG_QWORD` value, then stores it in `*pqwoutvalue` if
/// given.
///
/// Returns as [`ResUtilSetDwordValue`].
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string; `pqwoutvalue` is NULL or valid
/// for writes of a `u64`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetQwordValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    qwnewvalue: u64,
    pqwoutvalue: *mut u64,
) -> u32 {
    run_code("ResUtilSetQwordValue", |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(pszvaluename) }?;
        sim.reg_set_value_as(call, key(hkeyclusterkey), name, REG_QWORD, &qwnewvalue.to_le_bytes(), Ok)?;
        // SAFETY: forwarded from the caller.
        unsafe { write(pqwoutvalue, qwnewvalue) };
        Ok(())
    })
}

/// `ResUtilSetValueEx`: sets value `valuename` to `valuesize` bytes of type `valuetype`, as
/// `ClusterRegSetValue` does; `flags` is not modelled.
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL name or NULL data with
/// a size, or the codes of [`Sim::reg_set_value`](crate::Sim::reg_set_value).
///
/// # Safety
/// `valuename` is NULL or a NUL-terminated UTF-16 string; `valuedata` is NULL or valid for
/// `valuesize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetValueEx(
    hkeyclusterkey: HKEY,
    valuename: PCWSTR,
    valuetype: u32,
    valuedata: *const u8,
    valuesize: u32,
    flags: u32,
) -> u32 {
    let _ = flags;
    run_code("ResUtilSetValueEx", |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(valuename) }?;
        let data = if valuesize == 0 {
            &[][..]
        } else if valuedata.is_null() {
            return Err(Error::INVALID_PARAMETER);
        } else {
            // SAFETY: non-null and valid for `valuesize` bytes (the caller).
            unsafe { std::slice::from_raw_parts(valuedata, valuesize as usize) }
        };
        sim.reg_set_value_as(call, key(hkeyclusterkey), name, valuetype, data, Ok)
    })
}

/// A registry value as a property value: the natural mapping of the registry view
/// (`REG_DWORD` DWORD, `REG_QWORD` ULARGE_INTEGER, `REG_SZ` SZ, `REG_EXPAND_SZ` EXPAND_SZ,
/// `REG_MULTI_SZ` MULTI_SZ, anything else BINARY).
fn property_value(kind: u32, data: &[u8]) -> Value {
    crate::sim::registry_view::from_reg(kind, data, None).unwrap_or_else(|_| Value::Binary(data.to_vec()))
}

/// `ResUtilGetPrivateProperties`: every value of the key as a property list
/// (doc:ResUtilGetPrivateProperties), with the size protocol of the property functions: a
/// NULL or too small buffer gives `ERROR_MORE_DATA (234)` and the size in `*pcbrequired`.
///
/// Returns `ERROR_SUCCESS`, 234, `ERROR_INVALID_PARAMETER (87)` for a NULL
/// `pcbbytesreturned` or `pcbrequired`, or the key handle's errors.
///
/// # Safety
/// `poutpropertylist` is NULL or valid for `cboutpropertylistsize` bytes;
/// `pcbbytesreturned` and `pcbrequired` are NULL or valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetPrivateProperties(
    hkeyclusterkey: HKEY,
    poutpropertylist: *mut c_void,
    cboutpropertylistsize: u32,
    pcbbytesreturned: *mut u32,
    pcbrequired: *mut u32,
) -> u32 {
    run_code("ResUtilGetPrivateProperties", |sim, call| {
        if pcbbytesreturned.is_null() || pcbrequired.is_null() {
            return Err(Error::INVALID_PARAMETER);
        }
        sim.reg_values_as(call, key(hkeyclusterkey), |values| {
            let mut out = Vec::new();
            let mut w = PropertyWriter::new(&mut out);
            for v in &values {
                w.value(v.name(), &property_value(v.kind(), v.data()));
            }
            w.finish();
            let len = u32::try_from(out.len()).unwrap_or(u32::MAX);
            // SAFETY: non-null (checked), valid for writes (the caller).
            unsafe { pcbrequired.write_unaligned(len) };
            if poutpropertylist.is_null() || cboutpropertylistsize < len {
                // SAFETY: as above.
                unsafe { pcbbytesreturned.write_unaligned(0) };
                return Err(Error::new(codes::ERROR_MORE_DATA));
            }
            // SAFETY: the buffer holds `cboutpropertylistsize >= len` bytes (the caller).
            unsafe {
                std::ptr::copy_nonoverlapping(out.as_ptr(), poutpropertylist.cast::<u8>(), out.len());
                pcbbytesreturned.write_unaligned(len);
            }
            Ok(())
        })
    })
}

/// `ResUtilSetPrivatePropertyList`: stores every property of the list as a value of the key,
/// atomically (all or none), each with the registry type of its value
/// (doc:ResUtilSetPrivatePropertyList; the type mapping of the registry view).
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL list with a size or a
/// badly formed list (a choice, as the SET control codes answer 87), or the codes of
/// [`Sim::reg_set_value`](crate::Sim::reg_set_value) for the first value refused.
///
/// # Safety
/// `pinpropertylist` is NULL or valid for `cbinpropertylistsize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetPrivatePropertyList(
    hkeyclusterkey: HKEY,
    pinpropertylist: *const c_void,
    cbinpropertylistsize: u32,
) -> u32 {
    run_code("ResUtilSetPrivatePropertyList", |sim, call| {
        let bytes = if cbinpropertylistsize == 0 {
            &[][..]
        } else if pinpropertylist.is_null() {
            return Err(Error::INVALID_PARAMETER);
        } else {
            // SAFETY: non-null and valid for the size (the caller).
            unsafe { std::slice::from_raw_parts(pinpropertylist.cast::<u8>(), cbinpropertylistsize as usize) }
        };
        let list = if bytes.is_empty() { PropertyList::new() } else { PropertyList::decode(bytes)? };
        let values: Vec<(String, u32, Vec<u8>)> = list
            .iter()
            .filter_map(|p| {
                let (kind, data) = crate::sim::registry_view::to_reg(p.value()?);
                Some((p.name.clone(), kind, data))
            })
            .collect();
        sim.reg_set_values_as(call, key(hkeyclusterkey), &values)
    })
}

/// One item of a `RESUTIL_PROPERTY_ITEM` table as the Get helpers use it: the property's
/// name, the subkey holding it (`""`: the key itself), its format and its default.
struct TableItem {
    name: String,
    subkey: String,
    format: u32,
    default: Option<Value>,
}

/// Reads a NUL-terminated UTF-16 string (NULL: `None`).
///
/// # Safety
/// `p` is NULL or a NUL-terminated UTF-16 string.
unsafe fn wide(p: *const u16) -> Result<Option<String>> {
    let mut n = Name::new();
    // SAFETY: forwarded from the caller.
    Ok(unsafe { n.read_optional(p) }?.map(str::to_owned))
}

/// The items of a property table, up to the item whose `Name` is NULL (MsCS:property-tables).
/// Defaults: `Default` for DWORD and LONG, `lpDefault` (a string, or NULL for none) for SZ and
/// EXPAND_SZ, `ULargeIntData`/`FileTimeData` for ULARGE_INTEGER and FILETIME; BINARY and
/// MULTI_SZ items have none here (a choice: the table does not say the default's size).
///
/// # Safety
/// `table` points to a table ended by an item with a NULL `Name`, whose pointers are valid.
unsafe fn table_items(table: *const RESUTIL_PROPERTY_ITEM) -> Result<Vec<TableItem>> {
    use crate::property::schema::format as f;
    if table.is_null() {
        return Err(Error::new(codes::ERROR_BAD_ARGUMENTS));
    }
    let mut out = Vec::new();
    for i in 0.. {
        // SAFETY: the table is ended by a NULL name (the caller), and this item precedes it.
        let item = unsafe { &*table.add(i) };
        // SAFETY: a NUL-terminated name or NULL (the caller).
        let Some(name) = (unsafe { wide(item.Name) })? else { break };
        // SAFETY: as above.
        let subkey = unsafe { wide(item.KeyName) }?.unwrap_or_default();
        let format = item.Format;
        // SAFETY: the union member the format names is the one the caller set.
        let default = unsafe {
            match format as u16 {
                f::DWORD => Some(Value::Dword(item.Anonymous.Default)),
                f::LONG => Some(Value::Long(item.Anonymous.Default as i32)),
                f::SZ => wide(item.Anonymous.lpDefault.cast())?.map(Value::Sz),
                f::EXPAND_SZ => wide(item.Anonymous.lpDefault.cast())?.map(Value::ExpandSz),
                f::ULARGE_INTEGER if !item.Anonymous.ULargeIntData.is_null() => {
                    Some(Value::ULargeInteger((*item.Anonymous.ULargeIntData).Default))
                }
                f::FILETIME if !item.Anonymous.FileTimeData.is_null() => {
                    let t = (*item.Anonymous.FileTimeData).Default;
                    Some(Value::FileTime(u64::from(t.dwHighDateTime) << 32 | u64::from(t.dwLowDateTime)))
                }
                _ => None,
            }
        };
        out.push(TableItem { name, subkey, format, default });
    }
    Ok(out)
}

/// Writes `list` into the caller's buffer with the property functions' size protocol.
///
/// # Safety
/// `out` is NULL or valid for `cb` bytes; `returned` and `required` are valid for writes.
unsafe fn deliver_list(
    list: &[u8],
    out: *mut c_void,
    cb: u32,
    returned: *mut u32,
    required: *mut u32,
) -> Result<()> {
    let len = u32::try_from(list.len()).unwrap_or(u32::MAX);
    // SAFETY: valid for writes (the caller).
    unsafe { required.write_unaligned(len) };
    if out.is_null() || cb < len {
        // SAFETY: as above.
        unsafe { returned.write_unaligned(0) };
        return Err(Error::new(codes::ERROR_MORE_DATA));
    }
    // SAFETY: the buffer holds `cb >= len` bytes (the caller).
    unsafe {
        std::ptr::copy_nonoverlapping(list.as_ptr(), out.cast::<u8>(), list.len());
        returned.write_unaligned(len);
    }
    Ok(())
}

/// # Safety
/// As [`ResUtilGetProperties`].
unsafe fn get_table(
    function: &'static str,
    all: bool,
    hkey: HKEY,
    table: *const RESUTIL_PROPERTY_ITEM,
    out: *mut c_void,
    cb: u32,
    returned: *mut u32,
    required: *mut u32,
) -> u32 {
    run_code(function, |sim, call| {
        if returned.is_null() || required.is_null() {
            return Err(Error::new(codes::ERROR_BAD_ARGUMENTS));
        }
        // SAFETY: forwarded from the caller.
        let items = unsafe { table_items(table) }?;
        let mut reads = crate::registry::ReadBatch::new();
        for i in &items {
            reads.add_command(&i.subkey, &i.name);
        }
        sim.reg_read_table_as(call, key(hkey), &reads, all, |(replies, values)| {
            let mut list = Vec::new();
            let mut w = PropertyWriter::new(&mut list);
            for (item, reply) in items.iter().zip(&replies) {
                let value = match &reply.result {
                    Ok((kind, data)) => {
                        crate::sim::registry_view::from_reg(*kind, data, Some(item.format as u16))
                            .unwrap_or_else(|_| property_value(*kind, data))
                    }
                    Err(e) if e.code() == codes::ERROR_FILE_NOT_FOUND => match &item.default {
                        Some(d) => d.clone(),
                        None => continue,
                    },
                    Err(e) => return Err(*e),
                };
                w.value(&item.name, &value);
            }
            // The "all" variant: the key's own values the table does not name (unknown properties).
            for v in values.iter().filter(|v| {
                !items.iter().any(|i| i.subkey.is_empty() && crate::world::eq_ignore_case(&i.name, v.name()))
            }) {
                w.value(v.name(), &property_value(v.kind(), v.data()));
            }
            w.finish();
            // SAFETY: forwarded from the caller; the size pointers were checked.
            unsafe { deliver_list(&list, out, cb, returned, required) }
        })
    })
}

/// `ResUtilGetProperties`: the properties a `RESUTIL_PROPERTY_ITEM` table names, read from the
/// key (or each item's `KeyName` subkey), as a property list: a missing value gives the item's
/// default, or is left out when it has none (doc:ResUtilGetProperties; MsCS:property-tables).
///
/// Returns `ERROR_SUCCESS`, `ERROR_MORE_DATA (234)` with the size in `*pcbrequired` for a
/// NULL or too small buffer, `ERROR_BAD_ARGUMENTS (160)` for a NULL table or size pointer, or
/// the key handle's errors.
///
/// # Safety
/// `ppropertytable` is NULL or a table ended by an item with a NULL `Name`;
/// `poutpropertylist` is NULL or valid for `cboutpropertylistsize` bytes; `pcbbytesreturned`
/// and `pcbrequired` are NULL or valid for writes of a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetProperties(
    hkeyclusterkey: HKEY,
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    poutpropertylist: *mut c_void,
    cboutpropertylistsize: u32,
    pcbbytesreturned: *mut u32,
    pcbrequired: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_table(
            "ResUtilGetProperties",
            false,
            hkeyclusterkey,
            ppropertytable,
            poutpropertylist,
            cboutpropertylistsize,
            pcbbytesreturned,
            pcbrequired,
        )
    }
}

/// `ResUtilGetAllProperties`: [`ResUtilGetProperties`], then every other value of the key
/// itself (the unknown properties, doc:ResUtilGetAllProperties).
///
/// Returns as [`ResUtilGetProperties`].
///
/// # Safety
/// As [`ResUtilGetProperties`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetAllProperties(
    hkeyclusterkey: HKEY,
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    poutpropertylist: *mut c_void,
    cboutpropertylistsize: u32,
    pcbbytesreturned: *mut u32,
    pcbrequired: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_table(
            "ResUtilGetAllProperties",
            true,
            hkeyclusterkey,
            ppropertytable,
            poutpropertylist,
            cboutpropertylistsize,
            pcbbytesreturned,
            pcbrequired,
        )
    }
}
