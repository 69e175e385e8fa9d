//! The resutils.dll parsing helpers (`ResUtilFind*Property`, `ResUtilGet*Property`,
//! `ResUtilVerifyPrivatePropertyList`, `ResUtilDupString`, `ResUtilFreeParameterBlock`) and
//! the kernel32 local heap (`LocalAlloc`, `LocalFree`, ...), called the way client code calls
//! them: through windows-sys's declarations, linked against the simulator's exports. The lists
//! are built with the crate's own encoder. No simulator is needed: they are pure parsing.

#![cfg(all(feature = "win32", not(windows)))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::ptr::{null, null_mut};

use clusapi_sim::property::{PropertyWriter, syntax};
use windows_sys::Win32::Foundation::{
    ERROR_FILE_NOT_FOUND, ERROR_INVALID_DATA, ERROR_INVALID_PARAMETER, ERROR_SUCCESS, FILETIME, LocalFree,
};
use windows_sys::Win32::Networking::Clustering::*;
use windows_sys::Win32::System::Memory::{LMEM_ZEROINIT, LocalAlloc, LocalReAlloc, LocalSize};
use windows_sys::core::PWSTR;

const FT: u64 = 0x0123_4567_89AB_CDEF;

/// A list with one property of every kind the Find helpers read.
fn sample() -> Vec<u8> {
    let mut out = Vec::new();
    let mut wr = PropertyWriter::new(&mut out);
    wr.dword("Dw", 7)
        .long("Neg", -5)
        .ularge("Big", 1 << 40)
        .filetime("When", FT)
        .sz("Text", "héllo")
        .begin("Path")
        .add_str(syntax::LIST_VALUE_EXPAND_SZ, "%SystemRoot%\\x")
        .add_str(syntax::LIST_VALUE_EXPANDED_SZ, "C:\\Windows\\x")
        .end()
        .expand_sz("Unexpanded", "%TEMP%")
        .binary("Blob", &[1, 2, 3])
        .multi_sz("Owners", ["node1", "node2"]);
    wr.finish();
    out
}

/// Reads a LocalAlloc'ed NUL-terminated string and frees it.
#[track_caller]
fn take_string(p: PWSTR) -> String {
    assert!(!p.is_null());
    // SAFETY: the helper returned a NUL-terminated LocalAlloc'ed string.
    let s = unsafe {
        let len = (0..).take_while(|&i| *p.add(i) != 0).count();
        String::from_utf16(std::slice::from_raw_parts(p, len)).unwrap()
    };
    // SAFETY: a LocalAlloc'ed block, freed once.
    assert!(unsafe { LocalFree(p.cast()) }.is_null(), "LocalFree returns NULL on success");
    s
}

fn find_sz(
    f: unsafe extern "system" fn(*const c_void, u32, windows_sys::core::PCWSTR, *mut PWSTR) -> u32,
    list: &[u8],
    name: &str,
) -> Result<String, u32> {
    let mut out: PWSTR = null_mut();
    // SAFETY: the list and the name are live buffers; `out` is a local.
    let rc = unsafe { f(list.as_ptr().cast(), list.len() as u32, w(name).as_ptr(), &mut out) };
    if rc == ERROR_SUCCESS { Ok(take_string(out)) } else { Err(rc) }
}

#[test]
fn string_finders_return_local_alloc_copies() {
    let list = sample();
    assert_eq!(find_sz(ResUtilFindSzProperty, &list, "Text").as_deref(), Ok("héllo"));
    assert_eq!(find_sz(ResUtilFindExpandSzProperty, &list, "Path").as_deref(), Ok("%SystemRoot%\\x"));
    assert_eq!(find_sz(ResUtilFindExpandedSzProperty, &list, "Path").as_deref(), Ok("C:\\Windows\\x"));
    // Only an EXPAND_SZ value: Find-Expanded returns it as it is.
    assert_eq!(find_sz(ResUtilFindExpandedSzProperty, &list, "Unexpanded").as_deref(), Ok("%TEMP%"));
}

#[test]
fn number_finders_copy_the_value_out() {
    let list = sample();
    let (p, n) = (list.as_ptr().cast::<c_void>(), list.len() as u32);
    let (mut dw, mut l, mut u) = (0u32, 0i32, 0u64);
    let mut ft = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
    // SAFETY: live buffers and locals.
    unsafe {
        assert_eq!(ResUtilFindDwordProperty(p, n, w("Dw").as_ptr(), &mut dw), ERROR_SUCCESS);
        assert_eq!(ResUtilFindLongProperty(p, n, w("Neg").as_ptr(), &mut l), ERROR_SUCCESS);
        assert_eq!(ResUtilFindULargeIntegerProperty(p, n, w("Big").as_ptr(), &mut u), ERROR_SUCCESS);
        assert_eq!(ResUtilFindFileTimeProperty(p, n, w("When").as_ptr(), &mut ft), ERROR_SUCCESS);
    }
    assert_eq!((dw, l, u), (7, -5, 1 << 40));
    assert_eq!((ft.dwLowDateTime, ft.dwHighDateTime), (FT as u32, (FT >> 32) as u32));
}

#[test]
fn binary_and_multi_sz_finders_return_the_data_and_its_size() {
    let list = sample();
    let (p, n) = (list.as_ptr().cast::<c_void>(), list.len() as u32);
    let (mut bin, mut bin_size): (*mut u8, u32) = (null_mut(), 0);
    let (mut multi, mut multi_size): (PWSTR, u32) = (null_mut(), 0);
    // SAFETY: live buffers and locals; the copies are LocalAlloc'ed and freed once.
    unsafe {
        assert_eq!(
            ResUtilFindBinaryProperty(p, n, w("Blob").as_ptr(), &mut bin, &mut bin_size),
            ERROR_SUCCESS
        );
        assert_eq!(std::slice::from_raw_parts(bin, bin_size as usize), [1, 2, 3]);
        assert!(LocalFree(bin.cast()).is_null());
        let rc = ResUtilFindMultiSzProperty(p, n, w("Owners").as_ptr(), &mut multi, &mut multi_size);
        assert_eq!(rc, ERROR_SUCCESS);
        let units = std::slice::from_raw_parts(multi, multi_size as usize / 2);
        let want: Vec<u16> = "node1\0node2\0\0".encode_utf16().collect();
        assert_eq!(units, want);
        assert_eq!(LocalSize(multi.cast()), multi_size as usize);
        assert!(LocalFree(multi.cast()).is_null());
    }
}

#[test]
fn names_match_ignoring_case() {
    let list = sample();
    assert_eq!(find_sz(ResUtilFindSzProperty, &list, "TEXT").as_deref(), Ok("héllo"));
    assert_eq!(find_sz(ResUtilFindExpandedSzProperty, &list, "path").as_deref(), Ok("C:\\Windows\\x"));
    let mut dw = 0;
    // SAFETY: live buffers and a local.
    let rc = unsafe {
        ResUtilFindDwordProperty(list.as_ptr().cast(), list.len() as u32, w("dW").as_ptr(), &mut dw)
    };
    assert_eq!((rc, dw), (ERROR_SUCCESS, 7));
}

#[test]
fn an_absent_name_is_file_not_found() {
    let list = sample();
    assert_eq!(find_sz(ResUtilFindSzProperty, &list, "Nope"), Err(ERROR_FILE_NOT_FOUND));
    assert_eq!(find_sz(ResUtilFindSzProperty, &list, "Tex"), Err(ERROR_FILE_NOT_FOUND));
    let mut dw = 0;
    // SAFETY: live buffers and a local.
    let rc =
        unsafe { ResUtilFindDwordProperty(list.as_ptr().cast(), list.len() as u32, w("").as_ptr(), &mut dw) };
    assert_eq!(rc, ERROR_FILE_NOT_FOUND);
}

#[test]
fn another_syntax_or_a_bad_list_is_invalid_data() {
    let list = sample();
    let (p, n) = (list.as_ptr().cast::<c_void>(), list.len() as u32);
    let mut dw = 0u32;
    // SAFETY: live buffers and locals; the sizes given are at most the buffers'.
    unsafe {
        assert_eq!(ResUtilFindDwordProperty(p, n, w("Text").as_ptr(), &mut dw), ERROR_INVALID_DATA);
        assert_eq!(ResUtilFindDwordProperty(p, n, w("Neg").as_ptr(), &mut dw), ERROR_INVALID_DATA);
        assert_eq!(ResUtilFindDwordProperty(p, n - 12, w("Dw").as_ptr(), &mut dw), ERROR_INVALID_DATA);
        assert_eq!(ResUtilFindDwordProperty(p, 0, w("Dw").as_ptr(), &mut dw), ERROR_INVALID_DATA);
        let garbage = [0xFFu8; 64];
        assert_eq!(
            ResUtilFindDwordProperty(garbage.as_ptr().cast(), 64, w("Dw").as_ptr(), &mut dw),
            ERROR_INVALID_DATA
        );
    }
    assert_eq!(dw, 0, "nothing written on failure");
    assert_eq!(find_sz(ResUtilFindSzProperty, &list, "Path"), Err(ERROR_INVALID_DATA), "EXPAND_SZ is not SZ");
    assert_eq!(find_sz(ResUtilFindSzProperty, &list, "Blob"), Err(ERROR_INVALID_DATA));
}

#[test]
fn null_out_pointers_only_check_existence_and_a_null_list_is_invalid_parameter() {
    let list = sample();
    let (p, n) = (list.as_ptr().cast::<c_void>(), list.len() as u32);
    // SAFETY: live buffers; NULL out pointers are allowed.
    unsafe {
        assert_eq!(ResUtilFindSzProperty(p, n, w("Text").as_ptr(), null_mut()), ERROR_SUCCESS);
        assert_eq!(ResUtilFindSzProperty(p, n, w("Gone").as_ptr(), null_mut()), ERROR_FILE_NOT_FOUND);
        assert_eq!(ResUtilFindDwordProperty(p, n, w("Dw").as_ptr(), null_mut()), ERROR_SUCCESS);
        assert_eq!(
            ResUtilFindBinaryProperty(p, n, w("Blob").as_ptr(), null_mut(), null_mut()),
            ERROR_SUCCESS
        );
        let mut size = 0;
        assert_eq!(
            ResUtilFindMultiSzProperty(p, n, w("Owners").as_ptr(), null_mut(), &mut size),
            ERROR_SUCCESS
        );
        assert_eq!(size, 26);
        assert_eq!(
            ResUtilFindDwordProperty(null(), n, w("Dw").as_ptr(), null_mut()),
            ERROR_INVALID_PARAMETER
        );
        assert_eq!(ResUtilFindDwordProperty(p, n, null(), null_mut()), ERROR_INVALID_PARAMETER);
    }
}

/// The cluster properties Windows returned in Samba's capture (`source4/torture/ndr/clusapi.c`,
/// `clusapi_PROPERTY_LIST_data`), rebuilt with the writer (tests/property_list.rs checks that
/// this gives the captured bytes).
#[test]
fn finders_read_a_windows_list() {
    let mut list = Vec::new();
    let mut wr = PropertyWriter::new(&mut list);
    wr.dword("FixQuorum", 0).dword("PreventQuorum", 0).dword("IgnorePersistentStateOnStartup", 0);
    wr.sz("SharedVolumesRoot", "C:\\ClusterStorage")
        .dword("WitnessDynamicWeight", 1)
        .dword("AdminAccessPoint", 1);
    wr.finish();
    // Callers pass buffers bigger than the list.
    list.extend([0xA5; 32]);
    assert_eq!(
        find_sz(ResUtilFindSzProperty, &list, "SharedVolumesRoot").as_deref(),
        Ok("C:\\ClusterStorage")
    );
    let mut dw = 9;
    // SAFETY: live buffers and a local.
    let rc = unsafe {
        ResUtilFindDwordProperty(
            list.as_ptr().cast(),
            list.len() as u32,
            w("AdminAccessPoint").as_ptr(),
            &mut dw,
        )
    };
    assert_eq!((rc, dw), (ERROR_SUCCESS, 1));
}

#[test]
fn verify_private_property_list_checks_the_whole_list() {
    let list = sample();
    // SAFETY: live buffers; the sizes given are at most the buffers'.
    unsafe {
        assert_eq!(ResUtilVerifyPrivatePropertyList(list.as_ptr().cast(), list.len() as u32), ERROR_SUCCESS);
        assert_eq!(ResUtilVerifyPrivatePropertyList(list.as_ptr().cast(), 10), ERROR_INVALID_DATA);
        let mut bad = list.clone();
        bad[8] = 3; // the first name's length becomes odd
        assert_eq!(
            ResUtilVerifyPrivatePropertyList(bad.as_ptr().cast(), bad.len() as u32),
            ERROR_INVALID_DATA
        );
        assert_eq!(ResUtilVerifyPrivatePropertyList(null(), 0), ERROR_INVALID_PARAMETER);
    }
}

/// A value entry's bytes: header, data, padding.
fn entry(syntax: u32, data: &[u8]) -> Vec<u8> {
    let mut e: Vec<u8> = [syntax, data.len() as u32].iter().flat_map(|v| v.to_le_bytes()).collect();
    e.extend(data);
    while e.len() % 4 != 0 {
        e.push(0);
    }
    e
}

#[test]
fn get_dword_reads_checks_the_range_and_advances_the_cursor() {
    let mut buf = entry(syntax::LIST_VALUE_DWORD, &5u32.to_le_bytes());
    buf.extend(entry(syntax::LIST_VALUE_DWORD, &[]));
    buf.extend([0; 4]);
    let base = buf.as_mut_ptr();
    let (mut cursor, mut size) = (base, buf.len() as u32);
    let mut out = 0u32;
    // SAFETY: the cursor stays inside `buf`, whose size it carries.
    unsafe {
        // Out of range: nothing written, nothing moved.
        let rc = ResUtilGetDwordProperty(&mut out, cursor.cast(), 1, 6, 9, &mut cursor, &mut size);
        assert_eq!((rc, out, cursor, size), (ERROR_INVALID_PARAMETER, 0, base, 24));
        let rc = ResUtilGetDwordProperty(&mut out, cursor.cast(), 1, 0, 9, &mut cursor, &mut size);
        assert_eq!((rc, out, cursor.offset_from(base), size), (ERROR_SUCCESS, 5, 12, 12));
        // Empty data: the old value.
        let rc = ResUtilGetDwordProperty(&mut out, cursor.cast(), 42, 0, 9, &mut cursor, &mut size);
        assert_eq!((rc, out, cursor.offset_from(base), size), (ERROR_SUCCESS, 42, 20, 4));
        // At the ENDMARK: not a DWORD.
        let rc = ResUtilGetDwordProperty(&mut out, cursor.cast(), 0, 0, 9, &mut cursor, &mut size);
        assert_eq!(rc, ERROR_INVALID_PARAMETER);
    }
}

#[test]
fn get_long_and_filetime_compare_as_their_types() {
    let mut buf = entry(syntax::LIST_VALUE_LONG, &(-3i32).to_le_bytes());
    buf.extend(entry(syntax::LIST_VALUE_FILETIME, &FT.to_le_bytes()));
    let base = buf.as_mut_ptr();
    let (mut cursor, mut size) = (base, buf.len() as u32);
    let (mut l, mut ft) = (0i32, FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 });
    let zero = FILETIME { dwLowDateTime: 0, dwHighDateTime: 0 };
    let max = FILETIME { dwLowDateTime: u32::MAX, dwHighDateTime: u32::MAX };
    // SAFETY: the cursor stays inside `buf`, whose size it carries.
    unsafe {
        assert_eq!(
            ResUtilGetLongProperty(&mut l, cursor.cast(), 0, -5, 5, &mut cursor, &mut size),
            ERROR_SUCCESS
        );
        assert_eq!((l, size), (-3, 16));
        let rc = ResUtilGetFileTimeProperty(&mut ft, cursor.cast(), zero, zero, zero, &mut cursor, &mut size);
        assert_eq!(rc, ERROR_INVALID_PARAMETER, "above the maximum");
        let rc = ResUtilGetFileTimeProperty(&mut ft, cursor.cast(), zero, zero, max, &mut cursor, &mut size);
        assert_eq!(
            (rc, ft.dwLowDateTime, ft.dwHighDateTime, size),
            (ERROR_SUCCESS, FT as u32, (FT >> 32) as u32, 0)
        );
    }
}

#[test]
fn get_string_multi_sz_and_binary_return_copies() {
    let sz: Vec<u8> = "abc\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let multi: Vec<u8> = "a\0b\0\0".encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut buf = entry(syntax::LIST_VALUE_SZ, &sz);
    buf.extend(entry(syntax::LIST_VALUE_MULTI_SZ, &multi));
    buf.extend(entry(syntax::LIST_VALUE_BINARY, &[9, 8, 7, 6, 5]));
    buf.extend(entry(syntax::LIST_VALUE_SZ, &[]));
    let base = buf.as_mut_ptr();
    let (mut cursor, mut size) = (base, buf.len() as u32);
    let (mut s, mut m, mut b): (PWSTR, PWSTR, *mut u8) = (null_mut(), null_mut(), null_mut());
    let (mut m_size, mut b_size) = (0u32, 0u32);
    let old = w("old");
    // SAFETY: the cursor stays inside `buf`; the copies are LocalAlloc'ed and freed once.
    unsafe {
        assert_eq!(
            ResUtilGetSzProperty(&mut s, cursor.cast(), null(), &mut cursor, &mut size),
            ERROR_SUCCESS
        );
        assert_eq!(take_string(s), "abc");
        let rc =
            ResUtilGetMultiSzProperty(&mut m, &mut m_size, cursor.cast(), null(), 0, &mut cursor, &mut size);
        assert_eq!((rc, m_size), (ERROR_SUCCESS, 10));
        assert_eq!(std::slice::from_raw_parts(m.cast::<u8>(), 10), multi);
        assert!(LocalFree(m.cast()).is_null());
        let rc =
            ResUtilGetBinaryProperty(&mut b, &mut b_size, cursor.cast(), null(), 0, &mut cursor, &mut size);
        assert_eq!((rc, b_size), (ERROR_SUCCESS, 5));
        assert_eq!(std::slice::from_raw_parts(b, 5), [9, 8, 7, 6, 5]);
        assert!(LocalFree(b.cast()).is_null());
        // An empty SZ: a copy of the old value.
        assert_eq!(
            ResUtilGetSzProperty(&mut s, cursor.cast(), old.as_ptr(), &mut cursor, &mut size),
            ERROR_SUCCESS
        );
        assert_eq!(take_string(s), "old");
        assert_eq!((cursor.offset_from(base), size), (buf.len() as isize, 0));
    }
}

#[test]
fn get_helpers_reject_an_entry_past_the_size_or_of_another_syntax() {
    let mut buf = entry(syntax::LIST_VALUE_BINARY, &[1; 8]);
    let base = buf.as_mut_ptr();
    let (mut cursor, mut size) = (base, 12u32);
    let mut out = 0u32;
    let (mut b, mut b_size): (*mut u8, u32) = (null_mut(), 0);
    // SAFETY: the sizes given are at most the buffer's.
    unsafe {
        let rc =
            ResUtilGetBinaryProperty(&mut b, &mut b_size, cursor.cast(), null(), 0, &mut cursor, &mut size);
        assert_eq!((rc, cursor, size), (ERROR_INVALID_PARAMETER, base, 12), "the entry needs 16 bytes");
        size = 16;
        let rc = ResUtilGetDwordProperty(&mut out, cursor.cast(), 0, 0, u32::MAX, &mut cursor, &mut size);
        assert_eq!(rc, ERROR_INVALID_PARAMETER, "a BINARY is not a DWORD");
        let rc = ResUtilGetDwordProperty(null_mut(), cursor.cast(), 0, 0, u32::MAX, &mut cursor, &mut size);
        assert_eq!(rc, ERROR_INVALID_PARAMETER);
    }
}

#[test]
fn dup_string_copies_and_local_free_releases() {
    let s = w("Cluster Group");
    // SAFETY: a NUL-terminated string; NULL is allowed.
    unsafe {
        assert_eq!(take_string(ResUtilDupString(s.as_ptr())), "Cluster Group");
        assert!(ResUtilDupString(null()).is_null());
    }
    assert_last_error(ERROR_INVALID_PARAMETER);
    // SAFETY: NULL is a no-op.
    assert!(unsafe { LocalFree(null_mut()) }.is_null());
}

#[test]
fn local_alloc_zeroes_resizes_and_frees() {
    // SAFETY: each block comes from LocalAlloc/LocalReAlloc and is freed once.
    unsafe {
        let p = LocalAlloc(LMEM_ZEROINIT, 6).cast::<u8>();
        assert_eq!(std::slice::from_raw_parts(p, 6), [0; 6]);
        assert_eq!(LocalSize(p.cast()), 6);
        p.write_bytes(1, 6);
        let q = LocalReAlloc(p.cast(), 8, LMEM_ZEROINIT).cast::<u8>();
        assert_eq!(std::slice::from_raw_parts(q, 8), [1, 1, 1, 1, 1, 1, 0, 0]);
        assert!(LocalFree(q.cast()).is_null());
    }
}

/// A parameter block as a resource DLL declares it, with its property table.
#[repr(C)]
struct Params {
    name: PWSTR,
    blob: *mut u8,
    blob_size: u32,
    count: u32,
}

#[test]
fn free_parameter_block_frees_what_differs_from_the_input_block() {
    let (n_name, n_blob, n_count) = (w("Name"), w("Blob"), w("Count"));
    let item = |name: &[u16], format: u32, offset: usize| RESUTIL_PROPERTY_ITEM {
        Name: name.as_ptr().cast_mut(),
        Format: format,
        Offset: offset as u32,
        ..Default::default()
    };
    let table = [
        item(&n_name, CLUSPROP_FORMAT_SZ as u32, std::mem::offset_of!(Params, name)),
        item(&n_blob, CLUSPROP_FORMAT_BINARY as u32, std::mem::offset_of!(Params, blob)),
        item(&n_count, CLUSPROP_FORMAT_DWORD as u32, std::mem::offset_of!(Params, count)),
        RESUTIL_PROPERTY_ITEM::default(),
    ];
    let shared = w("shared");
    // SAFETY: the pointers come from the LocalAlloc heap; the table ends with a NULL name.
    unsafe {
        let shared_copy = ResUtilDupString(shared.as_ptr());
        let mut out = Params { name: shared_copy, blob: LocalAlloc(0, 4).cast(), blob_size: 4, count: 3 };
        let input = Params { name: shared_copy, blob: null_mut(), blob_size: 0, count: 0 };
        ResUtilFreeParameterBlock((&raw mut out).cast(), (&raw const input).cast(), table.as_ptr());
        // The name is the input block's: still live, so it frees now.
        assert!(LocalFree(out.name.cast()).is_null());
        // A NULL output block or table does nothing.
        ResUtilFreeParameterBlock(null_mut(), null(), table.as_ptr());
        ResUtilFreeParameterBlock((&raw mut out).cast(), null(), null());
    }
}
