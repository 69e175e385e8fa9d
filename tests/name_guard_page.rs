//! The name reader reads at most `MAX_NAME` = 32767 UTF-16 units, as its safety contract and
//! FIDELITY.md promise: a name is placed so that its last unit is the last readable one before
//! a `PROT_NONE` guard page, and the exports must answer without touching the guard.

#![cfg(all(feature = "win32", target_os = "linux"))]

use clusapi_sim as _;

mod common;
use common::*;

use std::ffi::c_void;
use std::ptr::null_mut;

use clusapi_sim::Sim;
use windows_sys::Win32::Foundation::{
    ERROR_GROUP_NOT_FOUND, ERROR_INVALID_PARAMETER, GetLastError, SetLastError,
};
use windows_sys::Win32::Networking::Clustering::{CloseCluster, OpenCluster, OpenClusterGroup};

/// The most units a name may occupy, its NUL included.
const MAX_NAME: usize = 32767;

// libc, which every Rust program on Linux links: declared here rather than adding a dependency.
unsafe extern "C" {
    fn mmap(addr: *mut c_void, len: usize, prot: i32, flags: i32, fd: i32, offset: i64) -> *mut c_void;
    fn mprotect(addr: *mut c_void, len: usize, prot: i32) -> i32;
    fn munmap(addr: *mut c_void, len: usize) -> i32;
    fn sysconf(name: i32) -> i64;
}
const PROT_NONE: i32 = 0;
const PROT_READ: i32 = 1;
const PROT_WRITE: i32 = 2;
const MAP_PRIVATE: i32 = 0x02;
const MAP_ANONYMOUS: i32 = 0x20;
const SC_PAGESIZE: i32 = 30;

/// Readable pages followed by one `PROT_NONE` page, holding `units` right before the guard.
struct GuardedUnits {
    base: *mut c_void,
    len: usize,
    start: *const u16,
}

impl GuardedUnits {
    fn new(units: &[u16]) -> GuardedUnits {
        // SAFETY: no pointers.
        let page = usize::try_from(unsafe { sysconf(SC_PAGESIZE) }).unwrap();
        let bytes = std::mem::size_of_val(units);
        let data_pages = bytes.div_ceil(page);
        let len = (data_pages + 1) * page;
        // SAFETY: a fresh anonymous mapping; no existing memory is affected.
        let base =
            unsafe { mmap(null_mut(), len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) };
        assert_ne!(base as isize, -1, "mmap failed");
        // SAFETY: the last page lies inside the mapping just made.
        let guard = unsafe { base.cast::<u8>().add(data_pages * page) };
        // SAFETY: as above; the page is page-aligned and inside the mapping.
        assert_eq!(unsafe { mprotect(guard.cast(), page, PROT_NONE) }, 0, "mprotect failed");
        // SAFETY: `bytes <= data_pages * page`, so the units end exactly at the guard, inside the
        // readable part of the mapping; the address is 2-aligned since `page` and `bytes` are even.
        let start = unsafe { guard.sub(bytes) }.cast::<u16>();
        // SAFETY: `start..guard` is readable and writable, and holds `units.len()` units.
        unsafe { std::ptr::copy_nonoverlapping(units.as_ptr(), start, units.len()) };
        GuardedUnits { base, len, start }
    }
}

impl Drop for GuardedUnits {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `new`, unmapped once.
        unsafe { munmap(self.base, self.len) };
    }
}

/// `OpenClusterGroup` with the name at `p`: NULL expected, returns the last error.
fn open_group_error(p: *const u16) -> u32 {
    let hc = open_local();
    // SAFETY: no pointers.
    unsafe { SetLastError(0) };
    // SAFETY: `p` points to a name whose readable units the test controls.
    let g = unsafe { OpenClusterGroup(hc, p) };
    // SAFETY: no arguments.
    let error = unsafe { GetLastError() };
    assert_eq!(g, 0);
    // SAFETY: a live cluster handle.
    unsafe { CloseCluster(hc) };
    error
}

#[test]
fn name_of_32767_units_without_nul_is_rejected_without_reading_past_them() {
    let sim = Sim::default();
    let _g = sim.install();
    // ASCII (the inline path first) and non-ASCII (straight to the bounded scan).
    for unit in [u16::from(b'x'), 0x00e9] {
        let name = GuardedUnits::new(&vec![unit; MAX_NAME]);
        assert_eq!(open_group_error(name.start), ERROR_INVALID_PARAMETER, "{unit:#x}");
        // The optional-name reader too.
        // SAFETY: as above.
        assert_eq!(unsafe { OpenCluster(name.start) }, 0);
        // SAFETY: no arguments.
        assert_eq!(unsafe { GetLastError() }, ERROR_INVALID_PARAMETER);
    }
}

#[test]
fn name_of_32766_units_and_nul_is_read_whole() {
    let sim = Sim::default();
    let _g = sim.install();
    for unit in [u16::from(b'x'), 0x00e9] {
        let mut units = vec![unit; MAX_NAME - 1];
        units.push(0);
        let name = GuardedUnits::new(&units);
        assert_eq!(
            open_group_error(name.start),
            ERROR_GROUP_NOT_FOUND,
            "{unit:#x}: a name, just not a group's"
        );
    }
}
