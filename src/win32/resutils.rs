//! The property-list parsing helpers of `resutils.dll` (`reference/engine-properties-notify.md`
//! §C.7), with windows-sys's signatures: `ResUtilFind*Property` (look a property up by name in
//! a whole list), `ResUtilGet*Property` (read one value at a cursor and advance it),
//! `ResUtilVerifyPrivatePropertyList`, `ResUtilDupString` and `ResUtilFreeParameterBlock`.
//!
//! They are pure parsing on top of [`crate::property`]: they touch no simulator, so they need
//! none installed and are not recorded in the call trace. Strings and binaries come back as
//! copies from `LocalAlloc` (`local_alloc.rs`), for the caller to free with
//! `LocalFree`. A panic inside one is caught and returned as `ERROR_INTERNAL_ERROR (1359)`.
//!
//! `ResUtilFind*Property` return codes (§C.7, with the choices where it is silent):
//! * `ERROR_SUCCESS (0)`; the out pointers are each optional: with NULL ones the call only
//!   checks that the property exists with a value of the wanted kind;
//! * `ERROR_FILE_NOT_FOUND (2)`: no property of that name (names match ignoring case, see
//!   [`names_match`](crate::property::names_match): a choice, §C.7 marks it unverified);
//! * `ERROR_INVALID_DATA (13)`: the list is badly formed (the whole list is decoded, so a bad
//!   property anywhere fails the call: a choice), or the property has no value of the wanted
//!   kind (a choice; §C.7 says "probably"). The value taken is the property's first of that
//!   kind: `ResUtilFindExpandedSzProperty` takes its `EXPANDED_SZ` value, and when it has none
//!   its `EXPAND_SZ` value as it is (a choice: no environment to expand against);
//! * `ERROR_NOT_ENOUGH_MEMORY (8)`: the copy could not be allocated;
//! * `ERROR_INVALID_PARAMETER (87)`: a NULL list or name (a choice).
//!
//! `ResUtilGet*Property` (cursor helpers): `pValueStruct` points at a value entry inside the
//! list whose remaining size is `*pcbPropertyListSize`. Choices, the pages being terse: the
//! entry's syntax must be the function's own (`LIST_VALUE_DWORD`, `LIST_VALUE_LONG`,
//! `LIST_VALUE_FILETIME`, `LIST_VALUE_BINARY`, `LIST_VALUE_MULTI_SZ`; `LIST_VALUE_SZ` or
//! `LIST_VALUE_EXPAND_SZ` for `ResUtilGetSzProperty`); data of length 0 means "keep the old
//! value" (the `*OldValue` argument is returned, copied for strings and binaries); a number
//! outside `[minimum, maximum]` (compared signed for LONG) is rejected. Every such failure is
//! `ERROR_INVALID_PARAMETER (87)`, the one code the pages list ("the data is formatted
//! incorrectly"), and leaves the outputs and the cursor unchanged. On success the cursor
//! (`*ppPropertyList`, `*pcbPropertyListSize`) moves past the value entry (header, data,
//! padding), to the next value or the property's ENDMARK.

#![allow(non_snake_case)]

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::null_mut;

use windows_sys::Win32::Foundation::FILETIME;
use windows_sys::Win32::Networking::Clustering::{
    CLUSPROP_BINARY, CLUSPROP_DWORD, CLUSPROP_FILETIME, CLUSPROP_LONG, CLUSPROP_SZ, RESUTIL_PROPERTY_ITEM,
};
use windows_sys::core::{PCWSTR, PWSTR};

use super::local_alloc::{copy_of, free};
use super::{Name, set_last_error};
use crate::error::{Error, Result, codes};
use crate::property::{Property, PropertyList, Value, syntax, write_multi_sz};

/// Runs the body of a DWORD-returning helper, catching its panics.
fn guard(body: impl FnOnce() -> Result<()>) -> u32 {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => codes::ERROR_SUCCESS,
        Ok(Err(e)) => e.code(),
        Err(_) => codes::ERROR_INTERNAL_ERROR,
    }
}

fn invalid_data() -> Error {
    Error::new(codes::ERROR_INVALID_DATA)
}

fn invalid_parameter() -> Error {
    Error::new(codes::ERROR_INVALID_PARAMETER)
}

/// Decodes the list and finds the property called `name`.
///
/// # Safety
/// `list` is NULL or valid for reads of `size` bytes; `name` is NULL or a NUL-terminated
/// UTF-16 string.
unsafe fn find(list: *const c_void, size: u32, name: PCWSTR) -> Result<Property> {
    if list.is_null() {
        return Err(invalid_parameter());
    }
    let mut wanted = Name::new();
    // SAFETY: forwarded from the caller.
    let wanted = match unsafe { wanted.read(name) } {
        Ok(n) => n,
        // Not valid UTF-16: no decoded property can have that name.
        Err(e) if e.code() == codes::ERROR_INVALID_NAME => {
            return Err(Error::new(codes::ERROR_FILE_NOT_FOUND));
        }
        Err(e) => return Err(e),
    };
    // SAFETY: non-null, and the caller promises `size` readable bytes.
    let bytes = unsafe { std::slice::from_raw_parts(list.cast::<u8>(), size as usize) };
    let list = PropertyList::decode(bytes).map_err(|_| invalid_data())?;
    let property = list.property(wanted).ok_or(Error::new(codes::ERROR_FILE_NOT_FOUND))?;
    Ok(property.clone())
}

/// The first value of `property` that `pick` maps to something, else `ERROR_INVALID_DATA`.
fn first<'p, T>(property: &'p Property, pick: impl Fn(&'p Value) -> Option<T>) -> Result<T> {
    property.values.iter().find_map(pick).ok_or_else(invalid_data)
}

/// A `LocalAlloc`ed NUL-terminated UTF-16 copy of `s`.
fn wide_copy(s: &str) -> Result<*mut u16> {
    let bytes: Vec<u8> = s.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
    Ok(copy_of(&bytes)?.cast())
}

/// Writes `*p = value` when `p` is not NULL.
///
/// # Safety
/// `p` is NULL or valid for writes of a `T`.
unsafe fn put<T>(p: *mut T, value: T) {
    if !p.is_null() {
        // SAFETY: non-null, and the caller promises it is writable.
        unsafe { p.write_unaligned(value) }
    }
}

/// The common body of the string finders: the string `pick` takes, copied to `*out`.
///
/// # Safety
/// As [`find`], and `out` is NULL or valid for writes of a `PWSTR`.
unsafe fn find_string(
    list: *const c_void,
    size: u32,
    name: PCWSTR,
    out: *mut PWSTR,
    pick: impl Fn(&Property) -> Result<&str>,
) -> u32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let property = unsafe { find(list, size, name) }?;
        let s = pick(&property)?;
        if !out.is_null() {
            let copy = wide_copy(s)?;
            // SAFETY: non-null, and the caller promises it is writable.
            unsafe { put(out, copy) };
        }
        Ok(())
    })
}

/// `ResUtilFindSzProperty`: the `LIST_VALUE_SZ` value of property `pszpropertyname`, as a
/// `LocalAlloc`ed copy in `*pszpropertyvalue`.
///
/// The codes of every `ResUtilFind*Property`: `ERROR_SUCCESS`; `ERROR_FILE_NOT_FOUND (2)` when
/// no property has that name (matched ignoring case); `ERROR_INVALID_DATA (13)` when the list
/// is badly formed anywhere or the property has no value of the wanted kind (choices);
/// `ERROR_NOT_ENOUGH_MEMORY (8)`; `ERROR_INVALID_PARAMETER (87)` for a NULL list or name (a
/// choice). NULL out pointers are allowed: the call then only checks the property.
///
/// # Safety
/// `ppropertylist` is NULL or valid for reads of `cbpropertylistsize` bytes;
/// `pszpropertyname` is NULL or NUL-terminated; `pszpropertyvalue` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindSzProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pszpropertyvalue: *mut PWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_string(ppropertylist, cbpropertylistsize, pszpropertyname, pszpropertyvalue, |p| {
            first(p, |v| if let Value::Sz(s) = v { Some(s.as_str()) } else { None })
        })
    }
}

/// `ResUtilFindExpandSzProperty`: the `LIST_VALUE_EXPAND_SZ` value (unexpanded) of property
/// `pszpropertyname`, as a `LocalAlloc`ed copy.
///
/// # Safety
/// As [`ResUtilFindSzProperty`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindExpandSzProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pszpropertyvalue: *mut PWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_string(ppropertylist, cbpropertylistsize, pszpropertyname, pszpropertyvalue, |p| {
            first(p, |v| if let Value::ExpandSz(s) = v { Some(s.as_str()) } else { None })
        })
    }
}

/// `ResUtilFindExpandedSzProperty`: the `LIST_VALUE_EXPANDED_SZ` value of property
/// `pszpropertyname` (what a server returns after the `EXPAND_SZ` one), or, when it has
/// none, its `LIST_VALUE_EXPAND_SZ` value as it is; a `LocalAlloc`ed copy.
///
/// # Safety
/// As [`ResUtilFindSzProperty`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindExpandedSzProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pszpropertyvalue: *mut PWSTR,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_string(ppropertylist, cbpropertylistsize, pszpropertyname, pszpropertyvalue, |p| {
            first(p, |v| if let Value::ExpandedSz(s) = v { Some(s.as_str()) } else { None })
                .or_else(|_| first(p, |v| if let Value::ExpandSz(s) = v { Some(s.as_str()) } else { None }))
        })
    }
}

/// The common body of the number finders.
///
/// # Safety
/// As [`find`], and `out` is NULL or valid for writes of a `T`.
unsafe fn find_number<T>(
    list: *const c_void,
    size: u32,
    name: PCWSTR,
    out: *mut T,
    pick: impl Fn(&Value) -> Option<T>,
) -> u32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let property = unsafe { find(list, size, name) }?;
        let v = first(&property, pick)?;
        // SAFETY: the caller promises `out` is NULL or writable.
        unsafe { put(out, v) };
        Ok(())
    })
}

/// `ResUtilFindDwordProperty`: the `LIST_VALUE_DWORD` value of property `pszpropertyname`
/// in `*pdwpropertyvalue`.
///
/// # Safety
/// As [`ResUtilFindSzProperty`], with `pdwpropertyvalue` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindDwordProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pdwpropertyvalue: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_number(ppropertylist, cbpropertylistsize, pszpropertyname, pdwpropertyvalue, Value::as_dword)
    }
}

/// `ResUtilFindLongProperty`: the `LIST_VALUE_LONG` value of property `pszpropertyname` in
/// `*plpropertyvalue`.
///
/// # Safety
/// As [`ResUtilFindSzProperty`], with `plpropertyvalue` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindLongProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    plpropertyvalue: *mut i32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_number(ppropertylist, cbpropertylistsize, pszpropertyname, plpropertyvalue, Value::as_long)
    }
}

/// `ResUtilFindULargeIntegerProperty`: the `LIST_VALUE_ULARGE_INTEGER` value of property
/// `pszpropertyname` in `*plpropertyvalue`.
///
/// # Safety
/// As [`ResUtilFindSzProperty`], with `plpropertyvalue` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindULargeIntegerProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    plpropertyvalue: *mut u64,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_number(ppropertylist, cbpropertylistsize, pszpropertyname, plpropertyvalue, Value::as_ularge)
    }
}

fn filetime(v: u64) -> FILETIME {
    FILETIME { dwLowDateTime: v as u32, dwHighDateTime: (v >> 32) as u32 }
}

fn filetime_value(ft: FILETIME) -> u64 {
    (u64::from(ft.dwHighDateTime) << 32) | u64::from(ft.dwLowDateTime)
}

/// `ResUtilFindFileTimeProperty`: the `LIST_VALUE_FILETIME` value of property
/// `pszpropertyname` in `*pftpropertyvalue`.
///
/// # Safety
/// As [`ResUtilFindSzProperty`], with `pftpropertyvalue` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindFileTimeProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pftpropertyvalue: *mut FILETIME,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_number(ppropertylist, cbpropertylistsize, pszpropertyname, pftpropertyvalue, |v| {
            v.as_filetime().map(filetime)
        })
    }
}

/// The common body of the binary and MULTI_SZ finders: the data `pick` gives, copied.
///
/// # Safety
/// As [`find`], `out` NULL or writable, `out_size` NULL or writable.
unsafe fn find_bytes(
    list: *const c_void,
    size: u32,
    name: PCWSTR,
    out: *mut *mut u8,
    out_size: *mut u32,
    pick: impl Fn(&Property) -> Result<Vec<u8>>,
) -> u32 {
    guard(|| {
        // SAFETY: forwarded from the caller.
        let property = unsafe { find(list, size, name) }?;
        let data = pick(&property)?;
        if !out.is_null() {
            let copy = copy_of(&data)?;
            // SAFETY: non-null, and the caller promises it is writable.
            unsafe { put(out, copy) };
        }
        // SAFETY: the caller promises `out_size` is NULL or writable.
        unsafe { put(out_size, data.len() as u32) };
        Ok(())
    })
}

/// `ResUtilFindBinaryProperty`: the `LIST_VALUE_BINARY` value of property
/// `pszpropertyname`: a `LocalAlloc`ed copy in `*pbpropertyvalue`, its size in
/// `*pcbpropertyvaluesize` (a `SECURITY_DESCRIPTOR` value is not taken: a choice, so
/// that each finder reads exactly one syntax).
///
/// # Safety
/// As [`ResUtilFindSzProperty`], with both out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindBinaryProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pbpropertyvalue: *mut *mut u8,
    pcbpropertyvaluesize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_bytes(
            ppropertylist,
            cbpropertylistsize,
            pszpropertyname,
            pbpropertyvalue,
            pcbpropertyvaluesize,
            |p| {
                first(p, |v| match v {
                    Value::Binary(b) => Some(b.clone()),
                    _ => None,
                })
            },
        )
    }
}

/// `ResUtilFindMultiSzProperty`: the `LIST_VALUE_MULTI_SZ` value of property
/// `pszpropertyname`: a `LocalAlloc`ed copy of its data (each string with its NUL, then a
/// final NUL) in `*pszpropertyvalue`, its size in bytes in `*pcbpropertyvaluesize`.
///
/// # Safety
/// As [`ResUtilFindSzProperty`], with both out pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFindMultiSzProperty(
    ppropertylist: *const c_void,
    cbpropertylistsize: u32,
    pszpropertyname: PCWSTR,
    pszpropertyvalue: *mut PWSTR,
    pcbpropertyvaluesize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        find_bytes(
            ppropertylist,
            cbpropertylistsize,
            pszpropertyname,
            pszpropertyvalue.cast(),
            pcbpropertyvaluesize,
            |p| {
                let strings = first(p, Value::as_multi_sz)?;
                let mut data = Vec::new();
                write_multi_sz(&mut data, strings.iter().map(String::as_str));
                Ok(data)
            },
        )
    }
}

/// A value entry at a `ResUtilGet*Property` cursor.
struct Cursor<'a> {
    syntax: u32,
    data: &'a [u8],
    /// The bytes of the entry: header, data and padding.
    advance: usize,
    list: *mut *mut u8,
    size: *mut u32,
}

impl Cursor<'_> {
    /// Reads the value entry at `value`, checking it against the remaining size `*size` and
    /// its syntax against `syntaxes`, and, when its data is not empty, against the format.
    ///
    /// # Safety
    /// Each pointer is NULL or valid: `list` and `size` for reads and writes, `value` for
    /// reads of `*size` bytes.
    unsafe fn read<'a>(
        value: *const u8,
        list: *mut *mut u8,
        size: *mut u32,
        syntaxes: &[u32],
    ) -> Result<Cursor<'a>> {
        if value.is_null() || list.is_null() || size.is_null() {
            return Err(invalid_parameter());
        }
        // SAFETY: non-null, and the caller promises it is readable.
        let remaining = unsafe { size.read_unaligned() } as usize;
        if remaining < 8 {
            return Err(invalid_parameter());
        }
        // SAFETY: the caller promises `remaining` (at least 8) readable bytes at `value`.
        let (syntax, len) = unsafe {
            (value.cast::<u32>().read_unaligned(), value.add(4).cast::<u32>().read_unaligned() as usize)
        };
        let advance = len.checked_add(8 + 3).map(|n| n & !3).filter(|&n| n <= remaining);
        let Some(advance) = advance else { return Err(invalid_parameter()) };
        if !syntaxes.contains(&syntax) {
            return Err(invalid_parameter());
        }
        // SAFETY: 8 + len <= advance <= remaining readable bytes at `value`.
        let data = unsafe { std::slice::from_raw_parts(value.add(8), len) };
        if !data.is_empty() {
            Value::decode(syntax, data).map_err(|_| invalid_parameter())?;
        }
        Ok(Cursor { syntax, data, advance, list, size })
    }

    /// Moves the cursor past the entry.
    ///
    /// # Safety
    /// As [`read`](Self::read): `*list` points into a buffer of at least `*size` bytes.
    unsafe fn advance(self) {
        // SAFETY: `advance <= *size`, so the new pointer stays inside the caller's buffer;
        // both pointers were checked non-null by `read`.
        unsafe {
            let at = self.list.read_unaligned();
            self.list.write_unaligned(at.wrapping_add(self.advance));
            self.size.write_unaligned(self.size.read_unaligned() - self.advance as u32);
        }
    }
}

/// The common body of the number cursor helpers: reads a value of syntax `syntax` (or takes
/// `old` for empty data), checks it against `[min, max]`, writes it and advances.
///
/// # Safety
/// As [`Cursor::read`], and `out` is NULL or writable.
unsafe fn get_number<T: PartialOrd + Copy>(
    out: *mut T,
    value: *const u8,
    syntax: u32,
    (old, min, max): (T, T, T),
    list: *mut *mut u8,
    size: *mut u32,
    parse: impl Fn(&Value) -> Option<T>,
) -> u32 {
    guard(|| {
        if out.is_null() {
            return Err(invalid_parameter());
        }
        // SAFETY: forwarded from the caller.
        let cursor = unsafe { Cursor::read(value, list, size, &[syntax]) }?;
        let v = if cursor.data.is_empty() {
            old
        } else {
            let v = Value::decode(cursor.syntax, cursor.data).ok().as_ref().and_then(parse);
            let v = v.ok_or_else(invalid_parameter)?;
            if v < min || v > max {
                return Err(invalid_parameter());
            }
            v
        };
        // SAFETY: non-null, and the caller promises it is writable; the cursor's pointers as
        // `read` checked them.
        unsafe {
            put(out, v);
            cursor.advance();
        }
        Ok(())
    })
}

/// `ResUtilGetDwordProperty`: reads the `LIST_VALUE_DWORD` entry at `pvaluestruct` into
/// `*pdwoutvalue` (`dwoldvalue` when its data is empty), checks it against
/// `[dwminimum, dwmaximum]`, and moves the cursor past it.
///
/// The rules of every `ResUtilGet*Property` (choices, the pages being terse): the entry at
/// `pvaluestruct` must fit in `*pcbpropertylistsize` bytes and have the function's syntax;
/// empty data means the old value; any failure (also NULL pointers, a bad length, a value out
/// of range) is `ERROR_INVALID_PARAMETER (87)` and changes nothing; on success the cursor
/// (`*pppropertylist`, `*pcbpropertylistsize`) moves past the entry (header, data, padding).
///
/// # Safety
/// `pdwoutvalue`, `pppropertylist` and `pcbpropertylistsize` are NULL or valid;
/// `pvaluestruct` is NULL or valid for reads of `*pcbpropertylistsize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetDwordProperty(
    pdwoutvalue: *mut u32,
    pvaluestruct: *const CLUSPROP_DWORD,
    dwoldvalue: u32,
    dwminimum: u32,
    dwmaximum: u32,
    pppropertylist: *mut *mut u8,
    pcbpropertylistsize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_number(
            pdwoutvalue,
            pvaluestruct.cast(),
            syntax::LIST_VALUE_DWORD,
            (dwoldvalue, dwminimum, dwmaximum),
            pppropertylist,
            pcbpropertylistsize,
            Value::as_dword,
        )
    }
}

/// `ResUtilGetLongProperty`: as [`ResUtilGetDwordProperty`] for a `LIST_VALUE_LONG` entry,
/// the range compared signed.
///
/// # Safety
/// As [`ResUtilGetDwordProperty`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetLongProperty(
    ploutvalue: *mut i32,
    pvaluestruct: *const CLUSPROP_LONG,
    loldvalue: i32,
    lminimum: i32,
    lmaximum: i32,
    pppropertylist: *mut *mut u8,
    pcbpropertylistsize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_number(
            ploutvalue,
            pvaluestruct.cast(),
            syntax::LIST_VALUE_LONG,
            (loldvalue, lminimum, lmaximum),
            pppropertylist,
            pcbpropertylistsize,
            Value::as_long,
        )
    }
}

/// `ResUtilGetFileTimeProperty`: as [`ResUtilGetDwordProperty`] for a `LIST_VALUE_FILETIME`
/// entry, the range compared as 64-bit counts.
///
/// # Safety
/// As [`ResUtilGetDwordProperty`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetFileTimeProperty(
    pftoutvalue: *mut FILETIME,
    pvaluestruct: *const CLUSPROP_FILETIME,
    ftoldvalue: FILETIME,
    ftminimum: FILETIME,
    ftmaximum: FILETIME,
    pppropertylist: *mut *mut u8,
    pcbpropertylistsize: *mut u32,
) -> u32 {
    let mut out = 0u64;
    let range = (filetime_value(ftoldvalue), filetime_value(ftminimum), filetime_value(ftmaximum));
    let target = if pftoutvalue.is_null() { null_mut() } else { &mut out as *mut u64 };
    // SAFETY: forwarded from the caller; `target` is NULL or a local.
    let rc = unsafe {
        get_number(
            target,
            pvaluestruct.cast(),
            syntax::LIST_VALUE_FILETIME,
            range,
            pppropertylist,
            pcbpropertylistsize,
            Value::as_filetime,
        )
    };
    if rc == codes::ERROR_SUCCESS {
        // SAFETY: non-null (else get_number failed), and the caller promises it is writable.
        unsafe { put(pftoutvalue, filetime(out)) };
    }
    rc
}

/// The length in units of a NUL-terminated UTF-16 string, without its NUL.
///
/// # Safety
/// `p` is non-null and NUL-terminated.
unsafe fn wide_len(p: *const u16) -> usize {
    let mut n = 0;
    // SAFETY: every unit up to the NUL is readable, by the caller's promise.
    while unsafe { p.add(n).read_unaligned() } != 0 {
        n += 1;
    }
    n
}

/// A `LocalAlloc`ed copy of `size` bytes at `p`, or NULL for NULL.
///
/// # Safety
/// `p` is NULL or valid for reads of `size` bytes.
unsafe fn copy_raw(p: *const u8, size: usize) -> Result<*mut u8> {
    if p.is_null() {
        return Ok(null_mut());
    }
    // SAFETY: the caller promises `size` readable bytes.
    copy_of(unsafe { std::slice::from_raw_parts(p, size) })
}

/// The common body of the string and binary cursor helpers: a copy of the entry's data, or of
/// `old` (`old_size` bytes) for empty data, in `*out` and its size in `*out_size`.
///
/// # Safety
/// As [`Cursor::read`]; `out` and `out_size` NULL or writable; `old` NULL or valid for reads
/// of `old_size` bytes.
unsafe fn get_bytes(
    out: *mut *mut u8,
    out_size: *mut u32,
    value: *const u8,
    syntaxes: &[u32],
    (old, old_size): (*const u8, usize),
    list: *mut *mut u8,
    size: *mut u32,
) -> u32 {
    guard(|| {
        if out.is_null() {
            return Err(invalid_parameter());
        }
        // SAFETY: forwarded from the caller.
        let cursor = unsafe { Cursor::read(value, list, size, syntaxes) }?;
        let (copy, len) = if cursor.data.is_empty() {
            // SAFETY: forwarded from the caller.
            (unsafe { copy_raw(old, old_size) }?, if old.is_null() { 0 } else { old_size })
        } else {
            (copy_of(cursor.data)?, cursor.data.len())
        };
        // SAFETY: the out pointers as the caller promises; the cursor's as `read` checked.
        unsafe {
            put(out, copy);
            put(out_size, len as u32);
            cursor.advance();
        }
        Ok(())
    })
}

/// `ResUtilGetSzProperty`: a `LocalAlloc`ed copy of the `LIST_VALUE_SZ` or
/// `LIST_VALUE_EXPAND_SZ` entry at `pvaluestruct` in `*ppszoutvalue` (a copy of
/// `pszoldvalue`, or NULL when that is NULL, when its data is empty); moves the cursor past
/// it (the rules of [`ResUtilGetDwordProperty`]).
///
/// # Safety
/// As [`ResUtilGetDwordProperty`]; `pszoldvalue` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetSzProperty(
    ppszoutvalue: *mut PWSTR,
    pvaluestruct: *const CLUSPROP_SZ,
    pszoldvalue: PCWSTR,
    pppropertylist: *mut *mut u8,
    pcbpropertylistsize: *mut u32,
) -> u32 {
    // SAFETY: `pszoldvalue` is NUL-terminated when not NULL, by the caller's promise.
    let old_size = if pszoldvalue.is_null() { 0 } else { 2 * (unsafe { wide_len(pszoldvalue) } + 1) };
    // SAFETY: forwarded from the caller; the old value is `old_size` readable bytes.
    unsafe {
        get_bytes(
            ppszoutvalue.cast(),
            null_mut(),
            pvaluestruct.cast(),
            &[syntax::LIST_VALUE_SZ, syntax::LIST_VALUE_EXPAND_SZ],
            (pszoldvalue.cast(), old_size),
            pppropertylist,
            pcbpropertylistsize,
        )
    }
}

/// `ResUtilGetMultiSzProperty`: a `LocalAlloc`ed copy of the `LIST_VALUE_MULTI_SZ` entry at
/// `pvaluestruct` in `*ppszoutvalue` and its size in bytes in `*pcboutvaluesize` (a copy of
/// the `cboldvaluesize` bytes of `pszoldvalue` when its data is empty); moves the cursor.
///
/// # Safety
/// As [`ResUtilGetDwordProperty`]; `pszoldvalue` is NULL or valid for reads of
/// `cboldvaluesize` bytes; `pcboutvaluesize` is NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetMultiSzProperty(
    ppszoutvalue: *mut PWSTR,
    pcboutvaluesize: *mut u32,
    pvaluestruct: *const CLUSPROP_SZ,
    pszoldvalue: PCWSTR,
    cboldvaluesize: u32,
    pppropertylist: *mut *mut u8,
    pcbpropertylistsize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_bytes(
            ppszoutvalue.cast(),
            pcboutvaluesize,
            pvaluestruct.cast(),
            &[syntax::LIST_VALUE_MULTI_SZ],
            (pszoldvalue.cast(), cboldvaluesize as usize),
            pppropertylist,
            pcbpropertylistsize,
        )
    }
}

/// `ResUtilGetBinaryProperty`: a `LocalAlloc`ed copy of the `LIST_VALUE_BINARY` entry at
/// `pvaluestruct` in `*ppboutvalue` and its size in `*pcboutvaluesize` (a copy of the old
/// value when its data is empty); moves the cursor.
///
/// # Safety
/// As [`ResUtilGetMultiSzProperty`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetBinaryProperty(
    ppboutvalue: *mut *mut u8,
    pcboutvaluesize: *mut u32,
    pvaluestruct: *const CLUSPROP_BINARY,
    pboldvalue: *const u8,
    cboldvaluesize: u32,
    pppropertylist: *mut *mut u8,
    pcbpropertylistsize: *mut u32,
) -> u32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        get_bytes(
            ppboutvalue,
            pcboutvaluesize,
            pvaluestruct.cast(),
            &[syntax::LIST_VALUE_BINARY],
            (pboldvalue, cboldvaluesize as usize),
            pppropertylist,
            pcbpropertylistsize,
        )
    }
}

/// `ResUtilVerifyPrivatePropertyList`: `ERROR_SUCCESS` when the `cbinpropertylistsize` bytes
/// at `pinpropertylist` hold a well-formed property list ([`PropertyList::decode`]),
/// `ERROR_INVALID_DATA (13)` for any decode failure (a choice: one code, as the Find helpers
/// report a bad list), `ERROR_INVALID_PARAMETER (87)` for NULL.
///
/// # Safety
/// `pinpropertylist` is NULL or valid for reads of `cbinpropertylistsize` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilVerifyPrivatePropertyList(
    pinpropertylist: *const c_void,
    cbinpropertylistsize: u32,
) -> u32 {
    guard(|| {
        if pinpropertylist.is_null() {
            return Err(invalid_parameter());
        }
        // SAFETY: non-null, and the caller promises `cbinpropertylistsize` readable bytes.
        let bytes = unsafe {
            std::slice::from_raw_parts(pinpropertylist.cast::<u8>(), cbinpropertylistsize as usize)
        };
        PropertyList::decode(bytes).map(drop).map_err(|_| invalid_data())
    })
}

/// `ResUtilDupString`: a `LocalAlloc`ed copy of the NUL-terminated string `pszinstring`.
/// NULL with last error `ERROR_INVALID_PARAMETER (87)` for NULL, `ERROR_NOT_ENOUGH_MEMORY (8)`
/// when the allocation fails.
///
/// # Safety
/// `pszinstring` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilDupString(pszinstring: PCWSTR) -> PWSTR {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        if pszinstring.is_null() {
            return Err(invalid_parameter());
        }
        // SAFETY: non-null and NUL-terminated, by the caller's promise: the units and the NUL
        // are readable.
        let copy = unsafe { copy_raw(pszinstring.cast(), 2 * (wide_len(pszinstring) + 1)) }?;
        Ok(copy.cast::<u16>())
    }));
    match outcome {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => {
            set_last_error(e.code());
            null_mut()
        }
        Err(_) => {
            set_last_error(codes::ERROR_INTERNAL_ERROR);
            null_mut()
        }
    }
}

/// `ResUtilFreeParameterBlock`: frees, with `LocalFree`, the strings and binaries of the
/// parameter block `poutparams` that the property table `ppropertytable` describes: for each
/// item (up to the one whose `Name` is NULL) of format SZ, EXPAND_SZ, MULTI_SZ or BINARY, the
/// pointer at its `Offset`, unless it is NULL or equal to the pointer at the same offset of
/// `pinparams` (a block the caller copied from; NULL for none). Does nothing when `poutparams`
/// or the table is NULL.
///
/// # Safety
/// `ppropertytable` is NULL or an array of items ended by one whose `Name` is NULL; the blocks
/// are NULL or hold a pointer at each such item's `Offset`; each pointer freed is NULL or came
/// from `LocalAlloc` and is not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilFreeParameterBlock(
    poutparams: *mut u8,
    pinparams: *const u8,
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
) {
    if poutparams.is_null() || ppropertytable.is_null() {
        return;
    }
    const FREED: [u32; 4] = [1, 3, 4, 5]; // CLUSPROP_FORMAT_BINARY, _SZ, _EXPAND_SZ, _MULTI_SZ
    let _ = catch_unwind(AssertUnwindSafe(|| {
        let mut item = ppropertytable;
        // SAFETY: the table is ended by an item with a NULL name, so each item read is in it;
        // the offsets are those of pointer fields in both blocks, by the caller's promise.
        unsafe {
            while !(*item).Name.is_null() {
                if FREED.contains(&(*item).Format) {
                    let offset = (*item).Offset as usize;
                    let out = poutparams.add(offset).cast::<*mut c_void>().read_unaligned();
                    let same = !pinparams.is_null()
                        && pinparams.add(offset).cast::<*mut c_void>().read_unaligned() == out;
                    if !out.is_null() && !same {
                        free(out);
                    }
                }
                item = item.add(1);
            }
        }
    }));
}
