//! The property-table helpers of `resutils.dll` (`reference/engine-properties-notify.md`
//! §C.7) and its cluster-state helpers, with windows-sys's signatures.
//!
//! **Property tables** (pure: no simulator, not traced, panics caught as
//! `ERROR_INTERNAL_ERROR (1359)`): `ResUtilVerifyPropertyTable`,
//! `ResUtilPropertyListFromParameterBlock`, `ResUtilDupParameterBlock`,
//! `ResUtilGetPropertyFormats`, `ResUtilEnumProperties`. A table is an array of `RESUTIL_PROPERTY_ITEM` ended by an item
//! whose `Name` is NULL (MsCS:building-property-tables); each item's value lives in the
//! caller's parameter block at its `Offset`, laid out by its format (MsCS:property-tables):
//!
//! | format | in the parameter block |
//! |---|---|
//! | `DWORD` (2), `LONG` (7) | 4 bytes |
//! | `SZ` (3), `EXPAND_SZ` (4) | a `LPWSTR` (`LocalAlloc`ed when a helper stores it) |
//! | `MULTI_SZ` (5), `BINARY` (1) | a pointer to the data, then a `DWORD` of its size in bytes |
//! | `ULARGE_INTEGER` (6), `LARGE_INTEGER` (10), `FILETIME` (12) | 8 bytes (a choice: the page lists only the five above) |
//!
//! Other formats cannot be held in a parameter block here: a table item of another format is
//! `ERROR_INVALID_PARAMETER (87)` when a value must be stored or read for it (a choice).
//! Table pointers and parameter-block fields are read and written unaligned.
//!
//! **Cluster-state helpers** (traced, through the current simulator): `ResUtilResourceTypesEqual`,
//! `ResUtilResourcesEqual`, `ResUtilIsResourceClassEqual`, `ResUtilGetResourceName`,
//! `ResUtilGetCoreClusterResources(Ex)`, `ResUtilGetResourceDependency(Ex)`,
//! `ResUtilGetResourceDependencyByName(Ex)`, `ResUtilGetResourceDependencyByClass(Ex)`,
//! `ResUtilGetResourceNameDependency(Ex)` and `ResUtilEnumResources(Ex, Ex2)`. The `Ex`
//! forms' `dwDesiredAccess` is granted whatever it is, as `OpenClusterResourceEx` grants it. The enumeration takes a snapshot of the resource names
//! (one simulator call), then, for each, opens a handle with `OpenClusterResource`, runs the
//! callback outside any lock (it may call ClusAPI itself), and closes the handle with
//! `CloseClusterResource` (ResUtilEnumResourcesEx2: "opens and closes this handle
//! automatically").

use std::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr::null;

use windows_sys::Win32::Foundation::HANDLE;
use windows_sys::Win32::Networking::Clustering::{
    CLUS_RESOURCE_CLASS_INFO, HCLUSTER, HRESOURCE, LPRESOURCE_CALLBACK, LPRESOURCE_CALLBACK_EX,
    RESUTIL_FILETIME_DATA, RESUTIL_LARGEINT_DATA, RESUTIL_PROPERTY_ITEM, RESUTIL_ULARGEINT_DATA,
};
use windows_sys::core::{BOOL, PCWSTR, PWSTR};

use super::local_alloc::{copy_of, free};
use super::{
    CloseCluster, CloseClusterResource, Failure, GetLastError, Name, OpenCluster, OpenClusterResource,
};
use super::{run, run_code, write_string};
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, Handle, ResourceHandle};
use crate::property::{PropertyList, PropertyWriter, Value, multi_sz_bytes, names_match, syntax};
use crate::sim::resutils_ops::Provider;

/// `ERROR_BAD_ARGUMENTS (160)`, which the crate's code table does not name.
const ERROR_BAD_ARGUMENTS: u32 = windows_sys::Win32::Foundation::ERROR_BAD_ARGUMENTS;
const FORMAT_BINARY: u32 = 1;
const FORMAT_DWORD: u32 = 2;
const FORMAT_SZ: u32 = 3;
const FORMAT_EXPAND_SZ: u32 = 4;
const FORMAT_MULTI_SZ: u32 = 5;
const FORMAT_ULARGE_INTEGER: u32 = 6;
const FORMAT_LONG: u32 = 7;
const FORMAT_LARGE_INTEGER: u32 = 10;
const FORMAT_FILETIME: u32 = 12;
const PROPITEM_READ_ONLY: u32 = 1;
const PROPITEM_SIGNED: u32 = 4;

/// Runs the body of a DWORD-returning table helper, catching its panics.
fn guard(body: impl FnOnce() -> Result<()>) -> u32 {
    match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => codes::ERROR_SUCCESS,
        Ok(Err(e)) => e.code(),
        Err(_) => codes::ERROR_INTERNAL_ERROR,
    }
}

fn code(code: u32) -> Error {
    Error::new(code)
}

/// One item of a caller's property table, read out of it.
struct Item {
    name: String,
    format: u32,
    /// The union (`Default`, `lpDefault`, `LargeIntData`...), as a pointer-sized value.
    default_ptr: usize,
    minimum: u32,
    maximum: u32,
    flags: u32,
    offset: usize,
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

/// The units of a NUL-terminated UTF-16 string, without the NUL.
///
/// # Safety
/// `p` is non-null and NUL-terminated.
unsafe fn wide_units(p: *const u16) -> Vec<u16> {
    // SAFETY: forwarded from the caller.
    let n = unsafe { wide_len(p) };
    // SAFETY: the `n` units before the NUL are readable; read one by one (unaligned).
    (0..n).map(|i| unsafe { p.add(i).read_unaligned() }).collect()
}

/// Reads the caller's table up to its item with a NULL `Name`.
///
/// # Errors
/// `null` for a NULL table; `ERROR_INVALID_PARAMETER (87)` for a name that is not valid
/// UTF-16.
///
/// # Safety
/// `table` is NULL or an array of items ended by one whose `Name` is NULL, each name
/// NUL-terminated.
unsafe fn read_table(table: *const RESUTIL_PROPERTY_ITEM, null: u32) -> Result<Vec<Item>> {
    if table.is_null() {
        return Err(code(null));
    }
    let mut items = Vec::new();
    for i in 0.. {
        // SAFETY: the table is ended by an item with a NULL name, and every item before it is
        // readable: item `i` is at most that one.
        let item = unsafe { table.add(i).read_unaligned() };
        if item.Name.is_null() {
            break;
        }
        // SAFETY: a non-null name is NUL-terminated, by the caller's promise.
        let units = unsafe { wide_units(item.Name) };
        let name = String::from_utf16(&units).map_err(|_| code(codes::ERROR_INVALID_PARAMETER))?;
        items.push(Item {
            name,
            format: item.Format,
            // SAFETY: every member of the union is plain data of at most pointer size;
            // `DefaultPtr` spans it.
            default_ptr: unsafe { item.Anonymous.DefaultPtr },
            minimum: item.Minimum,
            maximum: item.Maximum,
            flags: item.Flags,
            offset: item.Offset as usize,
        });
    }
    Ok(items)
}

/// A value checked against its item, ready to be stored in a parameter block.
enum Stored {
    /// DWORD or LONG: 4 bytes.
    Four(u32),
    /// ULARGE_INTEGER, LARGE_INTEGER, FILETIME: 8 bytes.
    Eight(u64),
    /// SZ or EXPAND_SZ: the string's bytes with its NUL, stored as a `LocalAlloc`ed `LPWSTR`.
    Wide(Vec<u8>),
    /// MULTI_SZ or BINARY: the data, stored as a `LocalAlloc`ed pointer and a DWORD size.
    Sized(Vec<u8>),
}

/// Reads the 64-bit range `(minimum, maximum)` an item's union points to, if it points to one.
///
/// # Safety
/// `p` is 0 or points to a readable `T`.
unsafe fn range_at<T: Copy>(p: usize) -> Option<T> {
    // SAFETY: forwarded from the caller.
    (p != 0).then(|| unsafe { (p as *const T).read_unaligned() })
}

/// Checks `value`, the first value of a property in the list, against `item`.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER (87)`: a value of another format (SZ and EXPAND_SZ are taken for
/// each other), a number outside the item's range, or an item format a parameter block
/// cannot hold.
///
/// # Safety
/// For ULARGE_INTEGER, LARGE_INTEGER and FILETIME items, the union is 0 or points to the
/// matching `RESUTIL_*_DATA`.
unsafe fn check(item: &Item, value: &Value) -> Result<Stored> {
    let bad = || code(codes::ERROR_INVALID_PARAMETER);
    let within = |ok: bool| if ok { Ok(()) } else { Err(bad()) };
    Ok(match (item.format, value) {
        (FORMAT_DWORD, Value::Dword(v)) => {
            if item.flags & PROPITEM_SIGNED != 0 {
                within((item.minimum as i32..=item.maximum as i32).contains(&(*v as i32)))?;
            } else {
                within((item.minimum..=item.maximum).contains(v))?;
            }
            Stored::Four(*v)
        }
        (FORMAT_LONG, Value::Long(v)) => {
            within((item.minimum as i32..=item.maximum as i32).contains(v))?;
            Stored::Four(*v as u32)
        }
        (FORMAT_ULARGE_INTEGER, Value::ULargeInteger(v)) => {
            // SAFETY: forwarded from the caller.
            if let Some(r) = unsafe { range_at::<RESUTIL_ULARGEINT_DATA>(item.default_ptr) } {
                within((r.Minimum..=r.Maximum).contains(v))?;
            }
            Stored::Eight(*v)
        }
        (FORMAT_LARGE_INTEGER, Value::LargeInteger(v)) => {
            // SAFETY: forwarded from the caller.
            if let Some(r) = unsafe { range_at::<RESUTIL_LARGEINT_DATA>(item.default_ptr) } {
                within((r.Minimum..=r.Maximum).contains(v))?;
            }
            Stored::Eight(*v as u64)
        }
        (FORMAT_FILETIME, Value::FileTime(v)) => {
            // SAFETY: forwarded from the caller.
            if let Some(r) = unsafe { range_at::<RESUTIL_FILETIME_DATA>(item.default_ptr) } {
                let ft = |f: windows_sys::Win32::Foundation::FILETIME| {
                    (u64::from(f.dwHighDateTime) << 32) | u64::from(f.dwLowDateTime)
                };
                within((ft(r.Minimum)..=ft(r.Maximum)).contains(v))?;
            }
            Stored::Eight(*v)
        }
        (FORMAT_SZ | FORMAT_EXPAND_SZ, Value::Sz(_) | Value::ExpandSz(_)) => {
            let mut data = Vec::new();
            value.write_data(&mut data);
            Stored::Wide(data)
        }
        (FORMAT_MULTI_SZ, Value::MultiSz(_)) | (FORMAT_BINARY, Value::Binary(_)) => {
            let mut data = Vec::new();
            value.write_data(&mut data);
            Stored::Sized(data)
        }
        _ => return Err(bad()),
    })
}

/// Validates the list against the table: the `(item, value)` pairs to store, in list order.
fn verify(
    items: &[Item],
    allow_unknown: bool,
    allow_read_only: bool,
    list: &PropertyList,
) -> Result<Vec<(usize, Stored)>> {
    let mut out = Vec::new();
    for property in list {
        let Some(i) = items.iter().position(|it| names_match(&it.name, &property.name)) else {
            if allow_unknown {
                continue;
            }
            return Err(code(codes::ERROR_INVALID_PARAMETER));
        };
        let item = &items[i];
        if item.flags & PROPITEM_READ_ONLY != 0 && !allow_read_only {
            return Err(code(codes::ERROR_INVALID_PARAMETER));
        }
        let value = property.value().ok_or(code(codes::ERROR_INVALID_DATA))?;
        // SAFETY: the table's unions are as the caller of the export promises.
        out.push((i, unsafe { check(item, value) }?));
    }
    Ok(out)
}

/// A `LocalAlloc`ed block, freed on drop unless taken.
struct Block(*mut u8);

impl Drop for Block {
    fn drop(&mut self) {
        // SAFETY: the block came from `copy_of` and is freed once (`take` nulls it).
        unsafe { free(self.0.cast()) };
    }
}

impl Block {
    fn take(mut self) -> *mut u8 {
        std::mem::replace(&mut self.0, std::ptr::null_mut())
    }
}

/// `ResUtilVerifyPropertyTable`: checks the property list `pinpropertylist`
/// (`cbinpropertylistsize` bytes) against the property table `ppropertytable`, and, when
/// `poutparams` is not NULL, stores each value at its item's `Offset` in that parameter block
/// (DWORD and LONG: 4 bytes; SZ and EXPAND_SZ: a `LPWSTR`; MULTI_SZ and BINARY: a pointer, then
/// a DWORD of the size in bytes; ULARGE_INTEGER, LARGE_INTEGER and FILETIME: 8 bytes;
/// MsCS:property-tables); strings, MULTI_SZ and binary values are `LocalAlloc`ed copies, for
/// `ResUtilFreeParameterBlock`. The block's previous pointers are overwritten, not
/// freed (a choice: they may not be this heap's). Properties are matched to items by name,
/// ignoring case; a property given twice is stored twice (the last wins); the first value of
/// each property is the one checked.
///
/// Returns (ResUtilVerifyPropertyTable page where it lists them, choices otherwise; nothing
/// is stored unless every property passes):
/// * `ERROR_SUCCESS`;
/// * `ERROR_INVALID_PARAMETER (87)`: a property not in the table while
///   `ballowunknownproperties` is FALSE (the page); a read-only item
///   (`RESUTIL_PROPITEM_READ_ONLY`), a value of another format (SZ and EXPAND_SZ pass for each
///   other), a DWORD or LONG outside `Minimum..=Maximum` (compared signed for LONG and for a
///   DWORD item flagged `RESUTIL_PROPITEM_SIGNED`), a 64-bit value outside the range its
///   `RESUTIL_*_DATA` gives (none when the union is NULL) (choices: "incorrectly formatted");
///   a NULL table;
/// * `ERROR_INVALID_DATA (13)`: a NULL list, or a badly formed one (the page);
/// * `ERROR_INSUFFICIENT_BUFFER (122)`: the list runs past `cbinpropertylistsize` (the page);
/// * `ERROR_NOT_ENOUGH_MEMORY (8)`.
///
/// # Safety
/// `ppropertytable` is NULL or a table ended by an item with a NULL `Name`, its names
/// NUL-terminated, and for 64-bit items its union NULL or pointing to the matching
/// `RESUTIL_*_DATA`; `pinpropertylist` is NULL or valid for reads of `cbinpropertylistsize`
/// bytes; `poutparams` is NULL or a parameter block with room for every item's field.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilVerifyPropertyTable(
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    reserved: *const c_void,
    ballowunknownproperties: BOOL,
    pinpropertylist: *const c_void,
    cbinpropertylistsize: u32,
    poutparams: *mut u8,
) -> u32 {
    let _ = reserved;
    guard(|| {
        // SAFETY: forwarded from the caller.
        unsafe {
            verify_and_store(
                ppropertytable,
                ballowunknownproperties != 0,
                false,
                pinpropertylist,
                cbinpropertylistsize,
                poutparams,
            )
        }
    })
}

/// The body of [`ResUtilVerifyPropertyTable`], also for the registry-backed table helpers:
/// with `allow_read_only`, read-only items are stored too (a parameter block filled from the
/// cluster database holds them).
///
/// # Errors
/// As [`ResUtilVerifyPropertyTable`].
///
/// # Safety
/// As [`ResUtilVerifyPropertyTable`].
pub(crate) unsafe fn verify_and_store(
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    allow_unknown: bool,
    allow_read_only: bool,
    pinpropertylist: *const c_void,
    cbinpropertylistsize: u32,
    poutparams: *mut u8,
) -> Result<()> {
    {
        // SAFETY: forwarded from the caller.
        let items = unsafe { read_table(ppropertytable, codes::ERROR_INVALID_PARAMETER) }?;
        if pinpropertylist.is_null() {
            return Err(code(codes::ERROR_INVALID_DATA));
        }
        // SAFETY: non-null, and the caller promises `cbinpropertylistsize` readable bytes.
        let bytes = unsafe {
            std::slice::from_raw_parts(pinpropertylist.cast::<u8>(), cbinpropertylistsize as usize)
        };
        let list = PropertyList::decode(bytes).map_err(|e| match e.code() {
            codes::ERROR_INSUFFICIENT_BUFFER => e,
            _ => code(codes::ERROR_INVALID_DATA),
        })?;
        let values = verify(&items, allow_unknown, allow_read_only, &list)?;
        if poutparams.is_null() {
            return Ok(());
        }
        // Allocate every copy first, so that a failure stores nothing.
        let mut blocks = Vec::new();
        for (_, v) in &values {
            if let Stored::Wide(data) | Stored::Sized(data) = v {
                blocks.push(Block(copy_of(data)?));
            }
        }
        let mut blocks = blocks.into_iter();
        for (i, v) in values {
            let at = items[i].offset;
            // SAFETY: the block has room for the item's field at its offset, by the caller's
            // promise; the field is written unaligned.
            unsafe {
                let field = poutparams.add(at);
                match v {
                    Stored::Four(x) => field.cast::<u32>().write_unaligned(x),
                    Stored::Eight(x) => field.cast::<u64>().write_unaligned(x),
                    Stored::Wide(_) => {
                        let p = blocks.next().map_or(std::ptr::null_mut(), Block::take);
                        field.cast::<*mut u8>().write_unaligned(p);
                    }
                    Stored::Sized(data) => {
                        let p = blocks.next().map_or(std::ptr::null_mut(), Block::take);
                        field.cast::<*mut u8>().write_unaligned(p);
                        let size = field.add(size_of::<*mut u8>()).cast::<u32>();
                        size.write_unaligned(data.len() as u32);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The byte-size protocol of the table helpers that fill a caller buffer: `data` into `out`
/// (`capacity` bytes), `*returned` the bytes written and `*required` 0 on success; on
/// `ERROR_MORE_DATA` nothing written to `out`, `*returned` 0 and `*required` the size needed
/// (ResUtilPropertyListFromParameterBlock page).
///
/// # Safety
/// `out` is NULL or valid for writes of `capacity` bytes; `returned` and `required` are
/// non-null and writable.
unsafe fn deliver(
    data: &[u8],
    out: *mut u8,
    capacity: u32,
    returned: *mut u32,
    required: *mut u32,
) -> Result<()> {
    let capacity = if out.is_null() { 0 } else { capacity as usize };
    let size = u32::try_from(data.len()).map_err(|_| code(codes::ERROR_NOT_ENOUGH_MEMORY))?;
    // SAFETY: the caller promises both are writable, and `out` has `capacity` bytes.
    unsafe {
        if data.len() > capacity {
            returned.write_unaligned(0);
            required.write_unaligned(size);
            return Err(code(codes::ERROR_MORE_DATA));
        }
        std::ptr::copy_nonoverlapping(data.as_ptr(), out, data.len());
        returned.write_unaligned(size);
        required.write_unaligned(0);
    }
    Ok(())
}

/// Checks the two out-size pointers, which these helpers require.
fn sizes(returned: *mut u32, required: *mut u32) -> Result<()> {
    if returned.is_null() || required.is_null() {
        return Err(code(ERROR_BAD_ARGUMENTS));
    }
    Ok(())
}

/// The bytes of a sized field (pointer, then DWORD size) of a parameter block; an empty
/// slice for a NULL pointer.
///
/// # Safety
/// `field` holds a pointer, then a DWORD; the pointer is NULL or valid for reads of that
/// many bytes.
unsafe fn sized_field(field: *const u8) -> Vec<u8> {
    // SAFETY: forwarded from the caller; both reads unaligned.
    unsafe {
        let p = field.cast::<*const u8>().read_unaligned();
        let n = field.add(size_of::<*const u8>()).cast::<u32>().read_unaligned() as usize;
        if p.is_null() { Vec::new() } else { std::slice::from_raw_parts(p, n).to_vec() }
    }
}

/// `ResUtilPropertyListFromParameterBlock`: the property list of the table's properties, in
/// table order, their values read from the parameter block `pinparams` (DWORD and LONG: 4
/// bytes; SZ and EXPAND_SZ: a `LPWSTR`; MULTI_SZ and BINARY: a pointer, then a DWORD of the
/// size in bytes; ULARGE_INTEGER, LARGE_INTEGER and FILETIME: 8 bytes; MsCS:property-tables),
/// written to `poutpropertylist` (`*pcboutpropertylistsize` bytes, left unchanged). A NULL string field gives an empty string, a NULL MULTI_SZ an empty MULTI_SZ
/// and a NULL binary an empty binary value (choices); an EXPAND_SZ gives its `EXPAND_SZ` value
/// alone (no environment to expand against, a choice).
///
/// Returns (ResUtilPropertyListFromParameterBlock page):
/// * `ERROR_SUCCESS`, with `*pcbbytesreturned` the list's size and `*pcbrequired` 0;
/// * `ERROR_MORE_DATA (234)` when the buffer (none, for NULL) is too small: `*pcbrequired`
///   is the size needed, `*pcbbytesreturned` 0, nothing else written;
/// * `ERROR_BAD_ARGUMENTS (160)`: a NULL table, size pointer, parameter block,
///   `pcbbytesreturned` or `pcbrequired`;
/// * `ERROR_INVALID_PARAMETER (87)`: an item whose format a parameter block cannot hold, or
///   a name that is not valid UTF-16 (choices).
///
/// # Safety
/// `ppropertytable` as for [`ResUtilVerifyPropertyTable`]; `pinparams` is NULL or a block
/// holding every item's field, its string pointers NULL or NUL-terminated and its sized
/// pointers NULL or valid for their sizes; `poutpropertylist` is NULL or valid for writes of
/// `*pcboutpropertylistsize` bytes; the size pointers are NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilPropertyListFromParameterBlock(
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    poutpropertylist: *mut c_void,
    pcboutpropertylistsize: *mut u32,
    pinparams: *const u8,
    pcbbytesreturned: *mut u32,
    pcbrequired: *mut u32,
) -> u32 {
    guard(|| {
        sizes(pcbbytesreturned, pcbrequired)?;
        if pcboutpropertylistsize.is_null() || pinparams.is_null() {
            return Err(code(ERROR_BAD_ARGUMENTS));
        }
        // SAFETY: forwarded from the caller.
        let items = unsafe { read_table(ppropertytable, ERROR_BAD_ARGUMENTS) }?;
        let mut out = Vec::new();
        let mut w = PropertyWriter::new(&mut out);
        for item in &items {
            // SAFETY: the block holds the item's field at its offset, by the caller's promise;
            // every read is unaligned, and the pointers it holds are as promised.
            unsafe {
                let field = pinparams.add(item.offset);
                let name = item.name.as_str();
                match item.format {
                    FORMAT_DWORD => w.dword(name, field.cast::<u32>().read_unaligned()),
                    FORMAT_LONG => w.long(name, field.cast::<i32>().read_unaligned()),
                    FORMAT_ULARGE_INTEGER => w.ularge(name, field.cast::<u64>().read_unaligned()),
                    FORMAT_LARGE_INTEGER => w.large(name, field.cast::<i64>().read_unaligned()),
                    FORMAT_FILETIME => w.filetime(name, field.cast::<u64>().read_unaligned()),
                    FORMAT_SZ | FORMAT_EXPAND_SZ => {
                        let p = field.cast::<*const u16>().read_unaligned();
                        let units = if p.is_null() { Vec::new() } else { wide_units(p) };
                        let data: Vec<u8> = units.iter().chain([&0]).flat_map(|u| u.to_le_bytes()).collect();
                        let syntax = if item.format == FORMAT_SZ {
                            syntax::LIST_VALUE_SZ
                        } else {
                            syntax::LIST_VALUE_EXPAND_SZ
                        };
                        w.begin(name).add_entry(syntax, &data).end()
                    }
                    FORMAT_MULTI_SZ => {
                        let data = sized_field(field);
                        let data = if data.is_empty() { multi_sz_bytes([]) } else { data };
                        w.begin(name).add_entry(syntax::LIST_VALUE_MULTI_SZ, &data).end()
                    }
                    FORMAT_BINARY => w.binary(name, &sized_field(field)),
                    _ => return Err(code(codes::ERROR_INVALID_PARAMETER)),
                };
            }
        }
        w.finish();
        // SAFETY: non-null, and the caller promises it is readable.
        let capacity = unsafe { pcboutpropertylistsize.read_unaligned() };
        // SAFETY: the buffer has `capacity` bytes; the size pointers were checked non-null.
        unsafe { deliver(&out, poutpropertylist.cast(), capacity, pcbbytesreturned, pcbrequired) }
    })
}

/// What `ResUtilDupParameterBlock` writes for one item.
enum Duplicate {
    /// A plain field: its bytes.
    Plain(Vec<u8>),
    /// A pointer field: the copy (NULL for NULL), and for a sized field its size.
    Pointer(Block, Option<u32>),
}

/// `ResUtilDupParameterBlock`: copies, member by member, the fields of the parameter block
/// `pinparams` that the table `ppropertytable` describes into `poutparams` (the layout of
/// `ResUtilVerifyPropertyTable`); the data behind string, MULTI_SZ and binary pointers is
/// copied to `LocalAlloc`ed blocks (a NULL pointer stays NULL), for `LocalFree` or
/// `ResUtilFreeParameterBlock` (ResUtilDupParameterBlock page). Other fields of the block are
/// not touched.
///
/// Returns `ERROR_SUCCESS`; `ERROR_NOT_ENOUGH_MEMORY (8)`, with nothing written (a choice: the
/// page allows a partial copy); `ERROR_INVALID_PARAMETER (87)` for a NULL argument or an item
/// whose format a parameter block cannot hold (choices).
///
/// # Safety
/// `ppropertytable` as for [`ResUtilVerifyPropertyTable`]; `pinparams` as for
/// [`ResUtilPropertyListFromParameterBlock`]; `poutparams` is NULL or a block with room for
/// every item's field, not overlapping `pinparams`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilDupParameterBlock(
    poutparams: *mut u8,
    pinparams: *const u8,
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
) -> u32 {
    guard(|| {
        if poutparams.is_null() || pinparams.is_null() {
            return Err(code(codes::ERROR_INVALID_PARAMETER));
        }
        // SAFETY: forwarded from the caller.
        let items = unsafe { read_table(ppropertytable, codes::ERROR_INVALID_PARAMETER) }?;
        // Read and copy everything first, so that a failure writes nothing.
        let mut copies = Vec::with_capacity(items.len());
        for item in &items {
            // SAFETY: the block holds the item's field at its offset, by the caller's promise;
            // the pointers it holds are NULL or valid for their data; every read is unaligned.
            let copy = unsafe {
                let field = pinparams.add(item.offset);
                match item.format {
                    FORMAT_DWORD | FORMAT_LONG => {
                        Duplicate::Plain(std::slice::from_raw_parts(field, 4).to_vec())
                    }
                    FORMAT_ULARGE_INTEGER | FORMAT_LARGE_INTEGER | FORMAT_FILETIME => {
                        Duplicate::Plain(std::slice::from_raw_parts(field, 8).to_vec())
                    }
                    FORMAT_SZ | FORMAT_EXPAND_SZ => {
                        let p = field.cast::<*const u16>().read_unaligned();
                        if p.is_null() {
                            Duplicate::Pointer(Block(std::ptr::null_mut()), None)
                        } else {
                            let units = wide_units(p);
                            let bytes: Vec<u8> =
                                units.iter().chain([&0]).flat_map(|u| u.to_le_bytes()).collect();
                            Duplicate::Pointer(Block(copy_of(&bytes)?), None)
                        }
                    }
                    FORMAT_MULTI_SZ | FORMAT_BINARY => {
                        let p = field.cast::<*const u8>().read_unaligned();
                        let n = field.add(size_of::<*const u8>()).cast::<u32>().read_unaligned();
                        let block = if p.is_null() {
                            Block(std::ptr::null_mut())
                        } else {
                            Block(copy_of(std::slice::from_raw_parts(p, n as usize))?)
                        };
                        Duplicate::Pointer(block, Some(n))
                    }
                    _ => return Err(code(codes::ERROR_INVALID_PARAMETER)),
                }
            };
            copies.push((item.offset, copy));
        }
        for (offset, copy) in copies {
            // SAFETY: the output block has room for the item's field at its offset, by the
            // caller's promise; every write is unaligned.
            unsafe {
                let field = poutparams.add(offset);
                match copy {
                    Duplicate::Plain(bytes) => {
                        std::ptr::copy_nonoverlapping(bytes.as_ptr(), field, bytes.len())
                    }
                    Duplicate::Pointer(block, size) => {
                        field.cast::<*mut u8>().write_unaligned(block.take());
                        if let Some(n) = size {
                            field.add(size_of::<*mut u8>()).cast::<u32>().write_unaligned(n);
                        }
                    }
                }
            }
        }
        Ok(())
    })
}

/// `ResUtilGetPropertyFormats`: the property format list of the table, the layout of the
/// `CLUSCTL_*_GET_*_PROPERTY_FMTS` replies: for each item, in table order, its name and one
/// `LIST_VALUE_WORD` holding its `Format` (MS-CMRP 3.1.4.3.1.14).
///
/// Returns `ERROR_SUCCESS` (ResUtilGetPropertyFormats page), with `*pcbbytesreturned` the
/// list's size and `*pcbrequired` 0; `ERROR_MORE_DATA (234)` when `cbpropertyformatlistsize`
/// is too small (the page: `*pcbrequired` the size needed; `*pcbbytesreturned` 0);
/// `ERROR_BAD_ARGUMENTS (160)` for a NULL table, `pcbbytesreturned` or `pcbrequired`, and
/// `ERROR_INVALID_PARAMETER (87)` for a name that is not valid UTF-16 (choices, as
/// `ResUtilEnumProperties`).
///
/// # Safety
/// `ppropertytable` as for [`ResUtilVerifyPropertyTable`]; `poutpropertyformatlist` is NULL
/// or valid for writes of `cbpropertyformatlistsize` bytes; the size pointers NULL or
/// writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetPropertyFormats(
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    poutpropertyformatlist: *mut c_void,
    cbpropertyformatlistsize: u32,
    pcbbytesreturned: *mut u32,
    pcbrequired: *mut u32,
) -> u32 {
    guard(|| {
        sizes(pcbbytesreturned, pcbrequired)?;
        // SAFETY: forwarded from the caller.
        let items = unsafe { read_table(ppropertytable, ERROR_BAD_ARGUMENTS) }?;
        let mut out = Vec::new();
        let mut w = PropertyWriter::new(&mut out);
        for item in &items {
            w.value(&item.name, &Value::Word(item.format as u16));
        }
        w.finish();
        // SAFETY: forwarded from the caller; the size pointers were checked non-null.
        unsafe {
            deliver(
                &out,
                poutpropertyformatlist.cast(),
                cbpropertyformatlistsize,
                pcbbytesreturned,
                pcbrequired,
            )
        }
    })
}

/// `ResUtilEnumProperties`: the names of the table's properties, in table order, as a
/// MULTI_SZ (each NUL-terminated, then a final NUL; ResUtilEnumProperties page) in
/// `pszoutproperties` (`cboutpropertiessize` bytes).
///
/// Returns (the page): `ERROR_SUCCESS` with `*pcbbytesreturned` the size and `*pcbrequired`
/// 0; `ERROR_MORE_DATA (234)` with `*pcbrequired` the size needed (`*pcbbytesreturned` 0);
/// `ERROR_BAD_ARGUMENTS (160)` for a NULL table, `pcbbytesreturned` or `pcbrequired`;
/// `ERROR_INVALID_PARAMETER (87)` for a name that is not valid UTF-16 (a choice).
///
/// # Safety
/// `ppropertytable` as for [`ResUtilVerifyPropertyTable`]; `pszoutproperties` is NULL or
/// valid for writes of `cboutpropertiessize` bytes; the size pointers NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilEnumProperties(
    ppropertytable: *const RESUTIL_PROPERTY_ITEM,
    pszoutproperties: PWSTR,
    cboutpropertiessize: u32,
    pcbbytesreturned: *mut u32,
    pcbrequired: *mut u32,
) -> u32 {
    guard(|| {
        sizes(pcbbytesreturned, pcbrequired)?;
        // SAFETY: forwarded from the caller.
        let items = unsafe { read_table(ppropertytable, ERROR_BAD_ARGUMENTS) }?;
        let data = multi_sz_bytes(items.iter().map(|i| i.name.as_str()));
        // SAFETY: forwarded from the caller; the size pointers were checked non-null.
        unsafe { deliver(&data, pszoutproperties.cast(), cboutpropertiessize, pcbbytesreturned, pcbrequired) }
    })
}

// ---- cluster-state helpers ---------------------------------------------------------------

/// `ResUtilResourceTypesEqual`: TRUE when the type of `hresource` is called
/// `lpszresourcetypename` (ignoring case; the type name, not its display name:
/// ResUtilResourceTypesEqual page), FALSE when not.
///
/// Also FALSE, with the last error set, on failure: `ERROR_INVALID_HANDLE (6)`,
/// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`, `ERROR_INVALID_PARAMETER (87)` for a NULL or
/// unterminated name, `ERROR_INVALID_NAME (123)` for invalid UTF-16. (A FALSE answer leaves
/// the last error alone.)
///
/// # Safety
/// `lpszresourcetypename` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilResourceTypesEqual(
    lpszresourcetypename: PCWSTR,
    hresource: HRESOURCE,
) -> BOOL {
    run("ResUtilResourceTypesEqual", Failure::Bool, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszresourcetypename) }?;
        sim.resource_types_equal_as(call, name, ResourceHandle::from_raw(hresource), |eq| Ok(BOOL::from(eq)))
    })
}

/// `ResUtilResourcesEqual`: TRUE when the two handles name the same resource (compared by
/// name, as the ResUtilResourcesEqual page says, ignoring case), FALSE when not; FALSE with
/// the last error `ERROR_INVALID_HANDLE (6)` or `ERROR_RESOURCE_NOT_AVAILABLE (5006)` for a
/// bad handle.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilResourcesEqual(hself: HRESOURCE, hresource: HRESOURCE) -> BOOL {
    run("ResUtilResourcesEqual", Failure::Bool, |sim, call| {
        let (a, b) = (ResourceHandle::from_raw(hself), ResourceHandle::from_raw(hresource));
        sim.resources_equal_as(call, a, b, |eq| Ok(BOOL::from(eq)))
    })
}

/// Writes an optional handle to an optional out pointer.
///
/// # Safety
/// `p` is NULL or valid for writes of an `HRESOURCE`.
unsafe fn put_handle(p: *mut HRESOURCE, h: Option<ResourceHandle>) {
    if !p.is_null() {
        // SAFETY: non-null, and the caller promises it is writable.
        unsafe { p.write_unaligned(h.map_or(0, |h| h.raw())) }
    }
}

/// The body of both `GetCoreClusterResources` exports.
///
/// # Safety
/// Each out pointer is NULL or writable.
unsafe fn core_resources(function: &'static str, hcluster: HCLUSTER, out: [*mut HRESOURCE; 3]) -> u32 {
    run_code(function, |sim, call| {
        let wanted = out.map(|p| !p.is_null());
        sim.core_cluster_resources_as(
            call,
            ClusterHandle::from_raw(hcluster),
            wanted,
            |(name, ip, quorum)| {
                // SAFETY: forwarded from the caller.
                unsafe {
                    put_handle(out[0], name);
                    put_handle(out[1], ip);
                    put_handle(out[2], quorum);
                }
                Ok(())
            },
        )
    })
}

/// `ResUtilGetCoreClusterResources`: opens handles, derived from `hcluster`, to the core
/// Network Name resource (the cluster's name), the core IP Address resource and the quorum
/// resource (ResUtilGetCoreClusterResources page), for the caller to close with
/// `CloseClusterResource`. Each out pointer may be NULL: no handle is opened for it (a
/// choice). The page marks `phclusteripaddressresource` "Not used"; it gets the core IP
/// Address here (the page's description names it). A missing IP Address or quorum resource
/// (node majority) gives NULL (a choice).
///
/// Returns `ERROR_SUCCESS`; `ERROR_INVALID_HANDLE (6)`; `ERROR_RESOURCE_NOT_FOUND (5007)`
/// when the cluster has no core Network Name resource (a choice). Nothing is opened or
/// written on failure.
///
/// # Safety
/// Each out pointer is NULL or valid for writes of an `HRESOURCE`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetCoreClusterResources(
    hcluster: HCLUSTER,
    phclusternameresource: *mut HRESOURCE,
    phclusteripaddressresource: *mut HRESOURCE,
    phclusterquorumresource: *mut HRESOURCE,
) -> u32 {
    let out = [phclusternameresource, phclusteripaddressresource, phclusterquorumresource];
    // SAFETY: forwarded from the caller.
    unsafe { core_resources("ResUtilGetCoreClusterResources", hcluster, out) }
}

/// `ResUtilGetCoreClusterResourcesEx`: as [`ResUtilGetCoreClusterResources`], for the core
/// Network Name and the quorum resource; `dwdesiredaccess` is granted whatever it is, as
/// `OpenClusterResourceEx` grants it (a choice: the ResUtilGetCoreClusterResourcesEx page
/// says 0 "might" give an undefined error).
///
/// # Safety
/// As [`ResUtilGetCoreClusterResources`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetCoreClusterResourcesEx(
    hclusterin: HCLUSTER,
    phclusternameresourceout: *mut HRESOURCE,
    phclusterquorumresourceout: *mut HRESOURCE,
    dwdesiredaccess: u32,
) -> u32 {
    let _ = dwdesiredaccess;
    let out = [phclusternameresourceout, std::ptr::null_mut(), phclusterquorumresourceout];
    // SAFETY: forwarded from the caller.
    unsafe { core_resources("ResUtilGetCoreClusterResourcesEx", hclusterin, out) }
}

/// A NUL-terminated UTF-16 copy of `s`.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain([0]).collect()
}

/// The body of the `ResUtilEnumResources*` exports: snapshots the names of the resources of
/// `hcluster` (the local cluster, opened and closed here, for `None`), of type
/// `lpszrestypename` when not NULL, without `hself` when not NULL; then for each opens a
/// handle, runs `each(hcluster, hEnum)` outside any lock, and closes the handle. Stops at the
/// first non-zero answer: `ERROR_NO_MORE_ITEMS (259)` ends the enumeration with
/// `ERROR_SUCCESS` (ResUtilEnumResources page), any other is returned. A resource that is gone
/// by its turn (deleted or renamed by an earlier callback) is skipped (a choice).
///
/// # Safety
/// `lpszrestypename` is NULL or NUL-terminated.
unsafe fn enum_resources(
    function: &'static str,
    hcluster: Option<HCLUSTER>,
    hself: HRESOURCE,
    lpszrestypename: PCWSTR,
    mut each: impl FnMut(HCLUSTER, HRESOURCE) -> u32,
) -> u32 {
    let (hc, opened) = match hcluster {
        Some(h) => (h, false),
        None => {
            // SAFETY: NULL is allowed: the local cluster.
            let h = unsafe { OpenCluster(null()) };
            if h == 0 {
                return GetLastError();
            }
            (h, true)
        }
    };
    let names = run(function, Failure::Code, |sim, call| {
        let mut type_name = Name::new();
        // SAFETY: forwarded from the caller.
        let type_name = unsafe { type_name.read_optional(lpszrestypename) }?;
        let exclude = (hself != 0).then(|| ResourceHandle::from_raw(hself));
        sim.resource_names_as(call, ClusterHandle::from_raw(hc), type_name, exclude, |n| Ok(Ok(n)))
    });
    let mut rc = match names {
        Ok(names) => {
            let mut rc = codes::ERROR_SUCCESS;
            for name in names {
                // SAFETY: a NUL-terminated name.
                let he = unsafe { OpenClusterResource(hc, wide(&name).as_ptr()) };
                if he == 0 {
                    match GetLastError() {
                        codes::ERROR_RESOURCE_NOT_FOUND => continue,
                        e => {
                            rc = e;
                            break;
                        }
                    }
                }
                let answer = each(hc, he);
                // SAFETY: a handle opened above, closed once.
                unsafe { CloseClusterResource(he) };
                match answer {
                    codes::ERROR_SUCCESS => {}
                    codes::ERROR_NO_MORE_ITEMS => break,
                    e => {
                        rc = e;
                        break;
                    }
                }
            }
            rc
        }
        Err(e) => e,
    };
    if opened {
        // SAFETY: the handle opened above, closed once.
        unsafe { CloseCluster(hc) };
    }
    if rc == codes::ERROR_NO_MORE_ITEMS {
        rc = codes::ERROR_SUCCESS;
    }
    rc
}

/// The result type of the snapshot: `Ok(names)`, or the code it failed with.
type Names = std::result::Result<Vec<String>, u32>;

impl super::ExportReturn for Names {
    fn failure(_: Failure, code: u32) -> Names {
        Err(code)
    }
}

/// `ResUtilEnumResources`: calls `prescallback(hself, hEnum, pparameter)` for each resource
/// of the local cluster (of type `lpszrestypename` when not NULL, ignoring case; never for
/// `hself`), `hEnum` a handle this function opens before the call and closes after it
/// (ResUtilEnumResources page; ResourceCallback). The callback runs outside the simulator's
/// lock and may call any ClusAPI function; it sees the resources as they were when the
/// enumeration began, less those deleted since.
///
/// Returns `ERROR_SUCCESS` when every callback returned `ERROR_SUCCESS`, or one returned
/// `ERROR_NO_MORE_ITEMS (259)` (which stops the enumeration: the page); else the first other
/// non-zero value a callback returned, at once. Also `ERROR_INVALID_PARAMETER (87)` for a NULL
/// callback (a choice), `ERROR_INVALID_HANDLE (6)` for a bad `hself`, and the codes of
/// `OpenCluster` and `OpenClusterResource`.
///
/// # Safety
/// `lpszrestypename` is NULL or NUL-terminated; the callback is safe to call with the
/// handles and `pparameter`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilEnumResources(
    hself: HRESOURCE,
    lpszrestypename: PCWSTR,
    prescallback: LPRESOURCE_CALLBACK,
    pparameter: *mut c_void,
) -> u32 {
    let Some(callback) = prescallback else { return codes::ERROR_INVALID_PARAMETER };
    // SAFETY: forwarded from the caller; the callback is called with the handles it expects.
    unsafe {
        enum_resources("ResUtilEnumResources", None, hself, lpszrestypename, |_, he| {
            callback(hself, he, pparameter)
        })
    }
}

/// `ResUtilEnumResourcesEx`: as [`ResUtilEnumResources`], for the resources of `hcluster`,
/// calling `prescallback(hcluster, hself, hEnum, pparameter)` (ResUtilEnumResourcesEx page;
/// ResourceCallbackEx); `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
///
/// # Safety
/// As [`ResUtilEnumResources`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilEnumResourcesEx(
    hcluster: HCLUSTER,
    hself: HRESOURCE,
    lpszrestypename: PCWSTR,
    prescallback: LPRESOURCE_CALLBACK_EX,
    pparameter: *mut c_void,
) -> u32 {
    let Some(callback) = prescallback else { return codes::ERROR_INVALID_PARAMETER };
    // SAFETY: forwarded from the caller; the callback is called with the handles it expects.
    unsafe {
        enum_resources("ResUtilEnumResourcesEx", Some(hcluster), hself, lpszrestypename, |hc, he| {
            callback(hc, hself, he, pparameter)
        })
    }
}

/// `ResUtilEnumResourcesEx2`: as [`ResUtilEnumResourcesEx`]; `dwdesiredaccess` is granted
/// whatever it is (ResUtilEnumResourcesEx2 page: `GENERIC_ALL` is the same as
/// `ResUtilEnumResourcesEx`; the simulator grants every access, as `OpenClusterResourceEx`).
///
/// # Safety
/// As [`ResUtilEnumResources`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilEnumResourcesEx2(
    hcluster: HCLUSTER,
    hself: HRESOURCE,
    lpszrestypename: PCWSTR,
    prescallback: LPRESOURCE_CALLBACK_EX,
    pparameter: *mut c_void,
    dwdesiredaccess: u32,
) -> u32 {
    let _ = dwdesiredaccess;
    let Some(callback) = prescallback else { return codes::ERROR_INVALID_PARAMETER };
    // SAFETY: forwarded from the caller; the callback is called with the handles it expects.
    unsafe {
        enum_resources("ResUtilEnumResourcesEx2", Some(hcluster), hself, lpszrestypename, |hc, he| {
            callback(hc, hself, he, pparameter)
        })
    }
}

/// `ResUtilGetResourceName`: the name of `hresource` into `pszresourcename`
/// (`*pcchresourcenameinout` WCHARs), with the ClusAPI name protocol (ResUtilGetResourceName
/// page: the size in wide characters, in and out): on success `*pcchresourcenameinout` is the
/// length without the NUL.
///
/// Returns `ERROR_SUCCESS`; `ERROR_MORE_DATA (234)` when the buffer (none, for NULL) is too
/// small, with the length needed (without the NUL) in `*pcchresourcenameinout`;
/// `ERROR_INVALID_PARAMETER (87)` for a NULL size pointer; `ERROR_INVALID_HANDLE (6)`;
/// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`.
///
/// # Safety
/// `pcchresourcenameinout` is NULL or valid for reads and writes of a `u32`;
/// `pszresourcename` is NULL or valid for writes of `*pcchresourcenameinout` units.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceName(
    hresource: HRESOURCE,
    pszresourcename: PWSTR,
    pcchresourcenameinout: *mut u32,
) -> u32 {
    run_code("ResUtilGetResourceName", |sim, call| {
        if pcchresourcenameinout.is_null() {
            return Err(code(codes::ERROR_INVALID_PARAMETER));
        }
        sim.resource_name_as(call, ResourceHandle::from_raw(hresource), |name| {
            // SAFETY: forwarded from the caller.
            unsafe { write_string(name, pszresourcename, pcchresourcenameinout) }
        })
    })
}

/// Reads a `CLUS_RESOURCE_CLASS_INFO`: (class, subclass).
///
/// # Safety
/// `prci` is NULL or valid for reads of the structure.
unsafe fn class_of(prci: *const CLUS_RESOURCE_CLASS_INFO) -> Result<(u32, u32)> {
    if prci.is_null() {
        return Err(code(codes::ERROR_INVALID_PARAMETER));
    }
    // SAFETY: the structure is two DWORDs (`rc`, `SubClass`), readable by the caller's promise.
    let [rc, sub] = unsafe { prci.cast::<[u32; 2]>().read_unaligned() };
    Ok((rc, sub))
}

/// `ResUtilIsResourceClassEqual`: TRUE when the class of `hresource` (its type's, as
/// `CLUSCTL_RESOURCE_GET_CLASS_INFO` reports it) is `prci->rc`, with subclass
/// `prci->SubClass` (0 matches any: a choice), FALSE when not (ResUtilIsResourceClassEqual
/// page). FALSE with the last error for a NULL `prci` (`ERROR_INVALID_PARAMETER (87)`) or a
/// bad handle (`ERROR_INVALID_HANDLE (6)`).
///
/// # Safety
/// `prci` is NULL or valid for reads of a `CLUS_RESOURCE_CLASS_INFO`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilIsResourceClassEqual(
    prci: *mut CLUS_RESOURCE_CLASS_INFO,
    hresource: HRESOURCE,
) -> BOOL {
    run("ResUtilIsResourceClassEqual", Failure::Bool, |sim, call| {
        // SAFETY: forwarded from the caller.
        let (rc, sub) = unsafe { class_of(prci) }?;
        sim.resource_class_equal_as(call, ResourceHandle::from_raw(hresource), rc, sub, |eq| {
            Ok(BOOL::from(eq))
        })
    })
}

/// The body of the `ResUtilGetResourceDependency*` exports.
///
/// # Safety
/// `type_name` is NULL or NUL-terminated (read when `wanted` is `None`).
unsafe fn dependency(
    function: &'static str,
    hcluster: Option<HCLUSTER>,
    hself: HANDLE,
    type_name: PCWSTR,
    class: Option<(u32, u32)>,
    recurse: bool,
) -> HRESOURCE {
    run(function, Failure::Handle, |sim, call| {
        let mut name = Name::new();
        let wanted = match class {
            Some((rc, sub)) => Provider::Class(rc, sub),
            // SAFETY: forwarded from the caller.
            None => Provider::Type(unsafe { name.read(type_name) }?),
        };
        let cluster = hcluster.map(ClusterHandle::from_raw);
        let resource = ResourceHandle::from_raw(hself as isize);
        sim.resource_dependency_as(call, cluster, resource, wanted, recurse, |h| Ok(h.raw()))
    })
}

/// `ResUtilGetResourceDependency`: a handle to the first resource `hself` directly depends on
/// whose type is `lpszresourcetype` (ignoring case), derived from the cluster handle `hself`
/// came from; close it with `CloseClusterResource` (ResUtilGetResourceDependency page).
///
/// Returns NULL on failure and sets the last error: `ERROR_RESOURCE_NOT_FOUND (5007)` when no
/// provider has that type (a choice: the page only says NULL), `ERROR_INVALID_HANDLE (6)`,
/// `ERROR_RESOURCE_NOT_AVAILABLE (5006)`, `ERROR_INVALID_PARAMETER (87)` for a NULL or
/// unterminated type name, `ERROR_INVALID_NAME (123)` for invalid UTF-16.
///
/// # Safety
/// `lpszresourcetype` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceDependency(
    hself: HANDLE,
    lpszresourcetype: PCWSTR,
) -> HRESOURCE {
    // SAFETY: forwarded from the caller.
    unsafe { dependency("ResUtilGetResourceDependency", None, hself, lpszresourcetype, None, false) }
}

/// `ResUtilGetResourceDependencyEx`: as [`ResUtilGetResourceDependency`].
///
/// # Safety
/// As [`ResUtilGetResourceDependency`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceDependencyEx(
    hself: HANDLE,
    lpszresourcetype: PCWSTR,
    dwdesiredaccess: u32,
) -> HRESOURCE {
    let _ = dwdesiredaccess;
    // SAFETY: forwarded from the caller.
    unsafe { dependency("ResUtilGetResourceDependencyEx", None, hself, lpszresourcetype, None, false) }
}

/// `ResUtilGetResourceDependencyByName`: as [`ResUtilGetResourceDependency`], the handle
/// derived from `hcluster` (which must be a handle to `hself`'s cluster, else
/// `ERROR_INVALID_HANDLE`); with `brecurse`, the whole dependency tree under `hself` is
/// searched, breadth first (ResUtilGetResourceDependencyByName page).
///
/// # Safety
/// As [`ResUtilGetResourceDependency`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceDependencyByName(
    hcluster: HCLUSTER,
    hself: HANDLE,
    lpszresourcetype: PCWSTR,
    brecurse: BOOL,
) -> HRESOURCE {
    let f = "ResUtilGetResourceDependencyByName";
    // SAFETY: forwarded from the caller.
    unsafe { dependency(f, Some(hcluster), hself, lpszresourcetype, None, brecurse != 0) }
}

/// `ResUtilGetResourceDependencyByNameEx`: as [`ResUtilGetResourceDependencyByName`].
///
/// # Safety
/// As [`ResUtilGetResourceDependency`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceDependencyByNameEx(
    hcluster: HCLUSTER,
    hself: HANDLE,
    lpszresourcetype: PCWSTR,
    brecurse: BOOL,
    dwdesiredaccess: u32,
) -> HRESOURCE {
    let _ = dwdesiredaccess;
    let f = "ResUtilGetResourceDependencyByNameEx";
    // SAFETY: forwarded from the caller.
    unsafe { dependency(f, Some(hcluster), hself, lpszresourcetype, None, brecurse != 0) }
}

/// `ResUtilGetResourceDependencyByClass`: as [`ResUtilGetResourceDependencyByName`], for the
/// first provider whose class is `prci->rc` with subclass `prci->SubClass` (0 matches any, as
/// [`ResUtilIsResourceClassEqual`]) (ResUtilGetResourceDependencyByClass page);
/// `ERROR_INVALID_PARAMETER (87)` for a NULL `prci`.
///
/// # Safety
/// `prci` is NULL or valid for reads of a `CLUS_RESOURCE_CLASS_INFO`.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceDependencyByClass(
    hcluster: HCLUSTER,
    hself: HANDLE,
    prci: *mut CLUS_RESOURCE_CLASS_INFO,
    brecurse: BOOL,
) -> HRESOURCE {
    // SAFETY: forwarded from the caller.
    unsafe { by_class("ResUtilGetResourceDependencyByClass", hcluster, hself, prci, brecurse) }
}

/// `ResUtilGetResourceDependencyByClassEx`: as [`ResUtilGetResourceDependencyByClass`].
///
/// # Safety
/// As [`ResUtilGetResourceDependencyByClass`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceDependencyByClassEx(
    hcluster: HCLUSTER,
    hself: HANDLE,
    prci: *mut CLUS_RESOURCE_CLASS_INFO,
    brecurse: BOOL,
    dwdesiredaccess: u32,
) -> HRESOURCE {
    let _ = dwdesiredaccess;
    // SAFETY: forwarded from the caller.
    unsafe { by_class("ResUtilGetResourceDependencyByClassEx", hcluster, hself, prci, brecurse) }
}

/// The body of both `ByClass` exports.
///
/// # Safety
/// As [`ResUtilGetResourceDependencyByClass`].
unsafe fn by_class(
    function: &'static str,
    hcluster: HCLUSTER,
    hself: HANDLE,
    prci: *const CLUS_RESOURCE_CLASS_INFO,
    brecurse: BOOL,
) -> HRESOURCE {
    // SAFETY: forwarded from the caller.
    match unsafe { class_of(prci) } {
        // SAFETY: no type name is read for a class search.
        Ok(class) => unsafe {
            dependency(function, Some(hcluster), hself, null(), Some(class), brecurse != 0)
        },
        Err(e) => run(function, Failure::Handle, |_, _| Err::<HRESOURCE, _>(e)),
    }
}

/// `ResUtilGetResourceNameDependency`: a handle to the first resource that the resource
/// called `lpszresourcename` in the local cluster directly depends on whose type is
/// `lpszresourcetype` (ResUtilGetResourceNameDependency page); close it with
/// `CloseClusterResource`. No cluster handle is involved, so `GetClusterFromResource` fails
/// on this handle (a choice).
///
/// Returns NULL on failure and sets the last error: `ERROR_RESOURCE_NOT_FOUND (5007)` for an
/// unknown resource or no such provider; `ERROR_INVALID_PARAMETER (87)` for a NULL or
/// unterminated string, `ERROR_INVALID_NAME (123)` for invalid UTF-16.
///
/// # Safety
/// Both strings are NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceNameDependency(
    lpszresourcename: PCWSTR,
    lpszresourcetype: PCWSTR,
) -> HRESOURCE {
    // SAFETY: forwarded from the caller.
    unsafe { name_dependency("ResUtilGetResourceNameDependency", lpszresourcename, lpszresourcetype) }
}

/// `ResUtilGetResourceNameDependencyEx`: as [`ResUtilGetResourceNameDependency`].
///
/// # Safety
/// As [`ResUtilGetResourceNameDependency`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ResUtilGetResourceNameDependencyEx(
    lpszresourcename: PCWSTR,
    lpszresourcetype: PCWSTR,
    dwdesiredaccess: u32,
) -> HRESOURCE {
    let _ = dwdesiredaccess;
    // SAFETY: forwarded from the caller.
    unsafe { name_dependency("ResUtilGetResourceNameDependencyEx", lpszresourcename, lpszresourcetype) }
}

/// The body of both `NameDependency` exports.
///
/// # Safety
/// As [`ResUtilGetResourceNameDependency`].
unsafe fn name_dependency(function: &'static str, name: PCWSTR, type_name: PCWSTR) -> HRESOURCE {
    run(function, Failure::Handle, |sim, call| {
        let (mut n, mut t) = (Name::new(), Name::new());
        // SAFETY: forwarded from the caller.
        let (n, t) = unsafe { (n.read(name)?, t.read(type_name)?) };
        sim.resource_name_dependency_as(call, n, t, |h| Ok(h.raw()))
    })
}
