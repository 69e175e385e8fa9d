//! The registry-backed `resutils.dll` helpers over the simulator's cluster key handles
//! (`reference/engine-properties-notify.md` §C.7): `ResUtilGet/SetDwordValue`,
//! `ResUtilGet/SetQwordValue`, `ResUtilSetValueEx`, `ResUtilGetPrivateProperties` and
//! `ResUtilSetPrivatePropertyList`. A resource DLL calls them on
//! `ClusterRegOpenKey(GetClusterResourceKey(h), "Parameters")`, so through the one store they
//! read and write the resource's private properties.
//!
//! The helpers that hand out `LocalAlloc`ed strings or buffers (`ResUtilGetSzValue`,
//! `ResUtilSetSzValue` with an out string, the Binary and MultiSz ones) and the
//! property-table ones (`ResUtilGetAllProperties`, `ResUtilGetProperties`,
//! `ResUtilGetPropertiesToParameterBlock`, `ResUtilSetPropertyTable`) are not here yet: they
//! need the `LocalAlloc` of `src/win32/local_alloc.rs` and `RESUTIL_PROPERTY_ITEM` tables.

use core::ffi::c_void;
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
