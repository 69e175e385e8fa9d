//! The registry-backed `resutils.dll` helpers over the simulator's cluster key handles
//! (`reference/engine-properties-notify.md` §C.7): `ResUtilGet/SetDwordValue`,
//! `ResUtilGet/SetQwordValue`, `ResUtilSetValueEx`, `ResUtilGetPrivateProperties` and
//! `ResUtilSetPrivatePropertyList`, and the Get side of the property tables,
//! `ResUtilGetProperties` and `ResUtilGetAllProperties`. A resource DLL calls them on
//! `ClusterRegOpenKey(GetClusterResourceKey(h), "Parameters")`, so through the one store they
//! read and write the resource's private properties.
//!
//! The helpers that hand out `LocalAlloc`ed strings or buffers (`ResUtilGetSzValue`,
//! `ResUtilGetBinaryValue`, `ResUtilSet{Sz,ExpandSz,MultiSz,Binary}Value` with their out
//! copies) and the parameter-block ones (`ResUtilGetPropertiesToParameterBlock`,
//! `ResUtilSetPropertyTable`) allocate with the `LocalAlloc` of `src/win32/local_alloc.rs`, so
//! that callers free with `LocalFree`.

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

// ---- the helpers that hand out LocalAlloc'ed copies -------------------------------------

/// Reads value `name` of the key as `(type, bytes)`.
fn read_value(
    sim: &crate::Sim,
    call: &mut crate::sim::Call,
    hkey: HKEY,
    name: &str,
) -> Result<(u32, Vec<u8>)> {
    sim.reg_query_value_as(call, key(hkey), name, |v| Ok((v.kind(), v.data().to_vec())))
}

/// Replaces `*out` (when `out` is not NULL) with a `LocalAlloc`ed copy of `data`, freeing
/// the copy it held, as the `ResUtilSet*Value` pages describe their out parameters.
///
/// # Safety
/// `out` is NULL or valid for reads and writes of a pointer that is NULL or a live
/// `LocalAlloc` block.
unsafe fn replace_copy(out: *mut *mut u8, data: &[u8]) -> Result<()> {
    if out.is_null() {
        return Ok(());
    }
    let copy = super::local_alloc::copy_of(data)?;
    // SAFETY: the caller promises `out` is valid and holds NULL or a LocalAlloc block.
    unsafe {
        let old = out.read_unaligned();
        if !old.is_null() {
            super::local_alloc::LocalFree(old.cast());
        }
        out.write_unaligned(copy);
    }
    Ok(())
}

/// The bytes of a NUL-terminated UTF-16 string with its NUL, read from `p`.
///
/// # Safety
/// `p` is NULL or a NUL-terminated UTF-16 string.
unsafe fn string_bytes(p: PCWSTR) -> Result<Vec<u8>> {
    let mut n = Name::new();
    // SAFETY: forwarded from the caller.
    let s = unsafe { n.read(p) }?;
    Ok(s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect())
}

/// `ResUtilGetSzValue`: a `LocalAlloc`ed copy of the `REG_SZ` (or `REG_EXPAND_SZ`, as stored)
/// value `pszvaluename` of the key, which the caller frees with `LocalFree`
/// (doc:ResUtilGetSzValue).
///
/// Returns NULL on failure and sets the last error: `ERROR_FILE_NOT_FOUND (2)` for a missing
/// value, `ERROR_INVALID_PARAMETER (87)` for a NULL name or a value of another type (a
/// choice), `ERROR_NOT_ENOUGH_MEMORY (8)`, and the key handle's errors.
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetSzValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
) -> windows_sys::core::PWSTR {
    super::run("ResUtilGetSzValue", super::Failure::NullPtr, |sim, call| {
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(pszvaluename) }?;
        let (kind, data) = read_value(sim, call, hkeyclusterkey, name)?;
        if kind != crate::registry::REG_SZ && kind != crate::registry::REG_EXPAND_SZ {
            return Err(Error::INVALID_PARAMETER);
        }
        let mut data = data;
        // A stored string without its NUL still comes back terminated.
        if data.len() % 2 == 1 || !data.ends_with(&[0, 0]) {
            data.truncate(data.len() & !1);
            data.extend_from_slice(&[0, 0]);
        }
        Ok(super::local_alloc::copy_of(&data)?.cast::<u16>())
    })
}

/// `ResUtilGetBinaryValue`: a `LocalAlloc`ed copy of the `REG_BINARY` value into `*ppboutvalue`
/// and its size into `*pcboutvaluesize` (doc:ResUtilGetBinaryValue).
///
/// Returns `ERROR_SUCCESS`; `ERROR_FILE_NOT_FOUND (2)` for a missing value;
/// `ERROR_INVALID_PARAMETER (87)` for a NULL name or output, or a value of another type;
/// `ERROR_NOT_ENOUGH_MEMORY (8)`; the key handle's errors.
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string; `ppboutvalue` and
/// `pcboutvaluesize` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetBinaryValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    ppboutvalue: *mut *mut u8,
    pcboutvaluesize: *mut u32,
) -> u32 {
    run_code("ResUtilGetBinaryValue", |sim, call| {
        if ppboutvalue.is_null() || pcboutvaluesize.is_null() {
            return Err(Error::INVALID_PARAMETER);
        }
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(pszvaluename) }?;
        let (kind, data) = read_value(sim, call, hkeyclusterkey, name)?;
        if kind != crate::registry::REG_BINARY {
            return Err(Error::INVALID_PARAMETER);
        }
        let copy = super::local_alloc::copy_of(&data)?;
        // SAFETY: both outputs are non-NULL and valid for writes (the caller).
        unsafe {
            ppboutvalue.write_unaligned(copy);
            pcboutvaluesize.write_unaligned(data.len() as u32);
        }
        Ok(())
    })
}

/// Sets value `name` to `data` of type `kind`, then replaces `*out` with a copy.
///
/// # Safety
/// As [`replace_copy`]; `name` is NULL or a NUL-terminated UTF-16 string.
unsafe fn set_and_copy(
    function: &'static str,
    hkey: HKEY,
    name: PCWSTR,
    kind: u32,
    data: Result<Vec<u8>>,
    out: *mut *mut u8,
    out_size: *mut u32,
) -> u32 {
    run_code(function, |sim, call| {
        let data = data?;
        let mut n = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { n.read(name) }?;
        sim.reg_set_value_as(call, key(hkey), name, kind, &data, Ok)?;
        // SAFETY: forwarded from the caller.
        unsafe { replace_copy(out, &data) }?;
        if !out_size.is_null() {
            // SAFETY: non-NULL and valid for writes (the caller).
            unsafe { out_size.write_unaligned(data.len() as u32) };
        }
        Ok(())
    })
}

/// `ResUtilSetSzValue`: sets the `REG_SZ` value `pszvaluename` to `psznewvalue`; when
/// `ppszoutstring` is not NULL, the string it points to (a `LocalAlloc` block, or NULL) is
/// freed and replaced by a copy of the new value (doc:ResUtilSetSzValue).
///
/// Returns `ERROR_SUCCESS`, `ERROR_INVALID_PARAMETER (87)` for a NULL name or value, or the
/// codes of [`Sim::reg_set_value`](crate::Sim::reg_set_value).
///
/// # Safety
/// `pszvaluename` and `psznewvalue` are NULL or NUL-terminated UTF-16 strings;
/// `ppszoutstring` is NULL or valid for reads and writes of a pointer that is NULL or a live
/// `LocalAlloc` block.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetSzValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    psznewvalue: PCWSTR,
    ppszoutstring: *mut windows_sys::core::PWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        let data = string_bytes(psznewvalue);
        let out = ppszoutstring.cast::<*mut u8>();
        set_and_copy(
            "ResUtilSetSzValue",
            hkeyclusterkey,
            pszvaluename,
            crate::registry::REG_SZ,
            data,
            out,
            std::ptr::null_mut(),
        )
    }
}

/// `ResUtilSetExpandSzValue`: as [`ResUtilSetSzValue`], for a `REG_EXPAND_SZ` value.
///
/// # Safety
/// As [`ResUtilSetSzValue`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetExpandSzValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    psznewvalue: PCWSTR,
    ppszoutstring: *mut windows_sys::core::PWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        let data = string_bytes(psznewvalue);
        let out = ppszoutstring.cast::<*mut u8>();
        let kind = crate::registry::REG_EXPAND_SZ;
        set_and_copy(
            "ResUtilSetExpandSzValue",
            hkeyclusterkey,
            pszvaluename,
            kind,
            data,
            out,
            std::ptr::null_mut(),
        )
    }
}

/// `ResUtilSetMultiSzValue`: sets the `REG_MULTI_SZ` value to the `cbnewvaluesize` bytes at
/// `psznewvalue`; when `ppszoutvalue` is not NULL, the block it points to is freed and
/// replaced by a copy, its size in `*pcboutvaluesize` if given (doc:ResUtilSetMultiSzValue).
///
/// Returns as [`ResUtilSetSzValue`].
///
/// # Safety
/// `pszvaluename` is NULL or a NUL-terminated UTF-16 string; `psznewvalue` is NULL or valid for
/// `cbnewvaluesize` bytes; the outputs as for [`ResUtilSetSzValue`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetMultiSzValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    psznewvalue: PCWSTR,
    cbnewvaluesize: u32,
    ppszoutvalue: *mut windows_sys::core::PWSTR,
    pcboutvaluesize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        let data = bytes(psznewvalue.cast(), cbnewvaluesize);
        let out = ppszoutvalue.cast::<*mut u8>();
        let kind = crate::registry::REG_MULTI_SZ;
        set_and_copy("ResUtilSetMultiSzValue", hkeyclusterkey, pszvaluename, kind, data, out, pcboutvaluesize)
    }
}

/// `ResUtilSetBinaryValue`: as [`ResUtilSetMultiSzValue`], for a `REG_BINARY` value of
/// `cbnewvaluesize` bytes at `pbnewvalue` (doc:ResUtilSetBinaryValue).
///
/// # Safety
/// As [`ResUtilSetMultiSzValue`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetBinaryValue(
    hkeyclusterkey: HKEY,
    pszvaluename: PCWSTR,
    pbnewvalue: *const u8,
    cbnewvaluesize: u32,
    ppboutvalue: *mut *mut u8,
    pcboutvaluesize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        let data = bytes(pbnewvalue, cbnewvaluesize);
        let kind = crate::registry::REG_BINARY;
        set_and_copy(
            "ResUtilSetBinaryValue",
            hkeyclusterkey,
            pszvaluename,
            kind,
            data,
            ppboutvalue,
            pcboutvaluesize,
        )
    }
}

/// The `cb` bytes at `p` (NULL with a size: `ERROR_INVALID_PARAMETER`).
///
/// # Safety
/// `p` is NULL or valid for reads of `cb` bytes.
unsafe fn bytes(p: *const u8, cb: u32) -> Result<Vec<u8>> {
    match (p.is_null(), cb) {
        (_, 0) => Ok(Vec::new()),
        (true, _) => Err(Error::INVALID_PARAMETER),
        // SAFETY: non-NULL and valid for `cb` bytes (the caller).
        (false, _) => Ok(unsafe { std::slice::from_raw_parts(p, cb as usize) }.to_vec()),
    }
}

// ---- property tables over the registry -------------------------------------------------

/// `ResUtilSetPropertyTable`: checks the property list against the property table as
/// [`ResUtilVerifyPropertyTable`](super::ResUtilVerifyPropertyTable) does, then writes every
/// table property of the list to the key (or the item's `KeyName` subkey is not honoured: the
/// key itself, a choice), in one atomic write, and, when `poutparams` is not NULL, stores the
/// values in that parameter block (doc:ResUtilSetPropertyTable). Properties the table does not
/// name pass when `ballowunknownproperties` is TRUE and are not written (they are
/// `ResUtilSetUnknownProperties`'s).
///
/// Returns `ERROR_SUCCESS`, the errors of `ResUtilVerifyPropertyTable` (nothing written then),
/// or those of [`Sim::reg_set_value`](crate::Sim::reg_set_value).
///
/// # Safety
/// As `ResUtilVerifyPropertyTable`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilSetPropertyTable(
    hkeyclusterkey: HKEY,
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    reserved: *const c_void,
    ballowunknownproperties: windows_sys::core::BOOL,
    pinpropertylist: *const c_void,
    cbinpropertylistsize: u32,
    poutparams: *mut u8,
) -> u32 {
    let _ = reserved;
    run_code("ResUtilSetPropertyTable", |sim, call| {
        let allow = ballowunknownproperties != 0;
        let (list, cb) = (pinpropertylist, cbinpropertylistsize);
        // SAFETY: forwarded from the caller; checking stores nothing.
        unsafe {
            super::resutils_tables::verify_and_store(
                ppropertytable,
                allow,
                false,
                list,
                cb,
                std::ptr::null_mut(),
            )
        }?;
        // SAFETY: checked above: a table, and a list of `cb` bytes.
        let items = unsafe { table_items(ppropertytable) }?;
        // SAFETY: as above.
        let bytes = unsafe { std::slice::from_raw_parts(list.cast::<u8>(), cb as usize) };
        let list = PropertyList::decode(bytes)?;
        let values: Vec<(String, u32, Vec<u8>)> = list
            .iter()
            .filter(|p| items.iter().any(|i| crate::property::names_match(&i.name, &p.name)))
            .filter_map(|p| {
                let (kind, data) = crate::sim::registry_view::to_reg(p.value()?);
                Some((p.name.clone(), kind, data))
            })
            .collect();
        sim.reg_set_values_as(call, key(hkeyclusterkey), &values)?;
        if !poutparams.is_null() {
            // SAFETY: forwarded from the caller; the list passed the check.
            unsafe {
                super::resutils_tables::verify_and_store(
                    ppropertytable,
                    allow,
                    false,
                    pinpropertylist,
                    cbinpropertylistsize,
                    poutparams,
                )
            }?;
        }
        Ok(())
    })
}

/// `ResUtilGetPropertiesToParameterBlock`: reads every property of the table from the key
/// (its value, else the item's default, as [`ResUtilGetProperties`] does) into the parameter
/// block `poutparams` at the items' offsets, strings and buffers as `LocalAlloc`ed copies
/// (doc:ResUtilGetPropertiesToParameterBlock). With `bcheckforrequiredproperties`, an item
/// flagged `RESUTIL_PROPITEM_REQUIRED` that the key does not hold (a default does not count)
/// fails the call: `*psznameofpropinerror` (when not NULL) gets a `LocalAlloc`ed copy of its
/// name, and the code is `ERROR_FILE_NOT_FOUND (2)` (a choice: the page names no code).
///
/// Returns `ERROR_SUCCESS`, `ERROR_BAD_ARGUMENTS (160)` for a NULL table or block,
/// `ERROR_NOT_ENOUGH_MEMORY (8)`, the key handle's errors, `ERROR_FILE_NOT_FOUND` as above.
///
/// # Safety
/// As `ResUtilGetProperties`; `poutparams` has room for every item's field;
/// `psznameofpropinerror` is NULL or valid for writes of a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetPropertiesToParameterBlock(
    hkeyclusterkey: HKEY,
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    poutparams: *mut u8,
    bcheckforrequiredproperties: windows_sys::core::BOOL,
    psznameofpropinerror: *mut windows_sys::core::PWSTR,
) -> u32 {
    if ppropertytable.is_null() || poutparams.is_null() {
        return run_code("ResUtilGetPropertiesToParameterBlock", |_, _| {
            Err(Error::new(codes::ERROR_BAD_ARGUMENTS))
        });
    }
    // The table's values as a property list, through ResUtilGetProperties' own reading.
    let (mut returned, mut required) = (0u32, 0u32);
    // SAFETY: forwarded from the caller; a size query first.
    let rc = unsafe {
        ResUtilGetProperties(
            hkeyclusterkey,
            ppropertytable,
            std::ptr::null_mut(),
            0,
            &mut returned,
            &mut required,
        )
    };
    if rc != codes::ERROR_MORE_DATA && rc != codes::ERROR_SUCCESS {
        return rc;
    }
    let mut list = vec![0u8; required as usize];
    // SAFETY: the buffer holds `required` bytes.
    let rc = unsafe {
        ResUtilGetProperties(
            hkeyclusterkey,
            ppropertytable,
            list.as_mut_ptr().cast(),
            required,
            &mut returned,
            &mut required,
        )
    };
    if rc != codes::ERROR_SUCCESS {
        return rc;
    }
    run_code("ResUtilGetPropertiesToParameterBlock", |sim, call| {
        if bcheckforrequiredproperties != 0 {
            // SAFETY: the table was read above.
            let items = unsafe { table_items(ppropertytable) }?;
            for (i, item) in items.iter().enumerate() {
                // SAFETY: `i` is an item of the table (read above).
                let flags = unsafe { (*ppropertytable.add(i)).Flags };
                if flags & 2 == 0 {
                    continue; // not RESUTIL_PROPITEM_REQUIRED
                }
                let held = sim.reg_read_table_as(
                    call,
                    key(hkeyclusterkey),
                    &{
                        let mut r = crate::registry::ReadBatch::new();
                        r.add_command(&item.subkey, &item.name);
                        r
                    },
                    false,
                    |(replies, _)| Ok(replies.first().is_some_and(|r| r.result.is_ok())),
                )?;
                if !held {
                    if !psznameofpropinerror.is_null() {
                        let name: Vec<u8> =
                            item.name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
                        let copy = super::local_alloc::copy_of(&name)?;
                        // SAFETY: non-NULL and valid for writes (the caller).
                        unsafe { psznameofpropinerror.write_unaligned(copy.cast()) };
                    }
                    return Err(Error::new(codes::ERROR_FILE_NOT_FOUND));
                }
            }
        }
        // SAFETY: the list came from ResUtilGetProperties over this table; the block has room.
        unsafe {
            super::resutils_tables::verify_and_store(
                ppropertytable,
                true,
                true,
                list.as_ptr().cast(),
                returned,
                poutparams,
            )
        }
    })
}
