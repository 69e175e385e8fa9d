//! `LocalAlloc`, `LocalFree`, `LocalReAlloc`, `LocalSize`, `LocalLock` and `LocalUnlock`
//! (kernel32), with windows-sys's signatures: the heap that the resutils helpers return their
//! strings and binaries from, and that the caller frees them to with `LocalFree`.
//!
//! They take the real kernel32 names and are exported with the default `win32` feature: libc
//! has no function of these names, so nothing on Linux conflicts.
//!
//! Built on `std::alloc`: each block carries a 16-byte header (its size and a tag) before the
//! bytes the caller sees. Choices, where the simulator is simpler than Windows:
//! * every block is fixed: `LMEM_MOVEABLE` (2) is accepted and treated as `LMEM_FIXED`, so
//!   the handle is the pointer and [`LocalLock`] returns it; `LMEM_ZEROINIT` (0x40) zeroes
//!   the bytes; the other flags are ignored;
//! * [`LocalReAlloc`] may always move the block, whatever the flags (`LMEM_MODIFY` (0x80)
//!   returns the handle unchanged), and zeroes the grown part under `LMEM_ZEROINIT`;
//! * a handle whose header does not carry the tag is rejected with
//!   `ERROR_INVALID_HANDLE (6)`. That catches some foreign pointers, not all: passing a
//!   pointer this module did not return, or one already freed, is undefined behaviour, as it
//!   is on Windows.

use std::alloc::{Layout, alloc, alloc_zeroed, dealloc, realloc};
use std::ffi::c_void;
use std::ptr::null_mut;

use windows_sys::Win32::Foundation::HLOCAL;
use windows_sys::Win32::System::Memory::LOCAL_ALLOC_FLAGS;
use windows_sys::core::BOOL;

use super::set_last_error;
use crate::error::{Error, Result, codes};

/// The bytes before each block: its size, then [`TAG`].
const HEADER: usize = 16;
/// The alignment of every block (what `HeapAlloc` gives on 64-bit Windows).
const ALIGN: usize = 16;
/// Marks a live block of this module.
const TAG: usize = 0x4C6F_6341; // "LocA"
const LMEM_ZEROINIT: u32 = 0x40;
const LMEM_MODIFY: u32 = 0x80;

fn layout(bytes: usize) -> Option<Layout> {
    Layout::from_size_align(bytes.checked_add(HEADER)?, ALIGN).ok()
}

/// Allocates `bytes` bytes (zeroed when `zero`): the caller's pointer, or NULL when the
/// allocator fails or the size is too large.
pub(crate) fn allocate(bytes: usize, zero: bool) -> *mut u8 {
    let Some(layout) = layout(bytes) else { return null_mut() };
    // SAFETY: the layout's size is at least HEADER, so not zero.
    let base = unsafe { if zero { alloc_zeroed(layout) } else { alloc(layout) } };
    if base.is_null() {
        return null_mut();
    }
    // SAFETY: `base` is a fresh block of at least HEADER bytes, aligned to 16, so the two
    // usize writes are in bounds and aligned; the caller's bytes start HEADER bytes in.
    unsafe {
        base.cast::<usize>().write(bytes);
        base.cast::<usize>().add(1).write(TAG);
        base.add(HEADER)
    }
}

/// A `LocalAlloc`ed copy of `data` (for the resutils helpers).
///
/// # Errors
/// `ERROR_NOT_ENOUGH_MEMORY (8)` when the allocation fails.
pub(crate) fn copy_of(data: &[u8]) -> Result<*mut u8> {
    let p = allocate(data.len(), false);
    if p.is_null() {
        return Err(Error::new(codes::ERROR_NOT_ENOUGH_MEMORY));
    }
    // SAFETY: `p` is a fresh block of `data.len()` bytes, which cannot overlap `data`.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len()) };
    Ok(p)
}

/// The block's base and size, when `p` carries the tag.
///
/// # Safety
/// `p` is non-null and was returned by [`allocate`] and not freed since.
unsafe fn block(p: *mut c_void) -> Option<(*mut u8, usize)> {
    // SAFETY: by the contract, HEADER bytes before `p` are this module's header, aligned.
    unsafe {
        let base = p.cast::<u8>().sub(HEADER);
        (base.cast::<usize>().add(1).read() == TAG).then(|| (base, base.cast::<usize>().read()))
    }
}

/// Frees a block of [`allocate`] (does nothing for NULL).
///
/// # Safety
/// As [`LocalFree`].
pub(crate) unsafe fn free(p: *mut c_void) -> bool {
    if p.is_null() {
        return true;
    }
    // SAFETY: forwarded from the caller.
    let Some((base, size)) = (unsafe { block(p) }) else { return false };
    let Some(layout) = layout(size) else { return false };
    // SAFETY: `base` was allocated with `layout(size)`; the tag is cleared first so that a
    // second free of the same block is likelier to be caught.
    unsafe {
        base.cast::<usize>().add(1).write(0);
        dealloc(base, layout);
    }
    true
}

/// `LocalAlloc`: allocates `ubytes` bytes, zeroed under `LMEM_ZEROINIT`; NULL with last error
/// `ERROR_NOT_ENOUGH_MEMORY (8)` when that fails. `LMEM_MOVEABLE` is treated as fixed (the
/// handle is the pointer).
///
/// # Safety
/// Safe with any arguments; the block must be freed with [`LocalFree`] (or resized with
/// [`LocalReAlloc`]), not with another allocator.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn LocalAlloc(uflags: LOCAL_ALLOC_FLAGS, ubytes: usize) -> HLOCAL {
    let p = allocate(ubytes, uflags & LMEM_ZEROINIT != 0);
    if p.is_null() {
        set_last_error(codes::ERROR_NOT_ENOUGH_MEMORY);
    }
    p.cast()
}

/// `LocalFree`: frees a block of [`LocalAlloc`]. Returns NULL on success (NULL is a no-op
/// success); returns `hmem` with last error `ERROR_INVALID_HANDLE (6)` when it is not a live
/// block of this heap (as far as its header tells).
///
/// # Safety
/// `hmem` is NULL or a handle returned by [`LocalAlloc`] or [`LocalReAlloc`] (or by a
/// resutils helper of this crate) and not freed since.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn LocalFree(hmem: HLOCAL) -> HLOCAL {
    // SAFETY: forwarded from the caller.
    if unsafe { free(hmem) } {
        null_mut()
    } else {
        set_last_error(codes::ERROR_INVALID_HANDLE);
        hmem
    }
}

/// `LocalReAlloc`: resizes a block to `ubytes` bytes, keeping its contents (zeroing the grown
/// part under `LMEM_ZEROINIT`); the block may move. Under `LMEM_MODIFY` (0x80) returns `hmem`
/// unchanged. Returns NULL with last error `ERROR_INVALID_HANDLE (6)` for NULL or a foreign
/// handle, `ERROR_NOT_ENOUGH_MEMORY (8)` when the allocation fails (the block is left as it
/// was).
///
/// # Safety
/// As [`LocalFree`]; on success the old handle is no longer valid (use the one returned).
#[unsafe(no_mangle)]
pub unsafe extern "system" fn LocalReAlloc(hmem: HLOCAL, ubytes: usize, uflags: u32) -> HLOCAL {
    if hmem.is_null() {
        set_last_error(codes::ERROR_INVALID_HANDLE);
        return null_mut();
    }
    // SAFETY: forwarded from the caller.
    let Some((base, size)) = (unsafe { block(hmem) }) else {
        set_last_error(codes::ERROR_INVALID_HANDLE);
        return null_mut();
    };
    if uflags & LMEM_MODIFY != 0 {
        return hmem;
    }
    let (Some(old), Some(_)) = (layout(size), layout(ubytes)) else {
        set_last_error(codes::ERROR_NOT_ENOUGH_MEMORY);
        return null_mut();
    };
    // SAFETY: `base` was allocated with `old`; the new size (HEADER + ubytes) was just checked
    // to make a valid layout with the same alignment.
    let new = unsafe { realloc(base, old, HEADER + ubytes) };
    if new.is_null() {
        set_last_error(codes::ERROR_NOT_ENOUGH_MEMORY);
        return null_mut();
    }
    // SAFETY: `new` is the block, now HEADER + ubytes bytes: the header write is in bounds, and
    // so is the zeroed range [HEADER + size, HEADER + ubytes) when it grew.
    unsafe {
        new.cast::<usize>().write(ubytes);
        if uflags & LMEM_ZEROINIT != 0 && ubytes > size {
            new.add(HEADER + size).write_bytes(0, ubytes - size);
        }
        new.add(HEADER).cast()
    }
}

/// `LocalSize`: the size in bytes of a block of [`LocalAlloc`]; 0 with last error
/// `ERROR_INVALID_HANDLE (6)` for NULL or a foreign handle.
///
/// # Safety
/// As [`LocalFree`].
#[unsafe(no_mangle)]
pub unsafe extern "system" fn LocalSize(hmem: HLOCAL) -> usize {
    if !hmem.is_null() {
        // SAFETY: forwarded from the caller.
        if let Some((_, size)) = unsafe { block(hmem) } {
            return size;
        }
    }
    set_last_error(codes::ERROR_INVALID_HANDLE);
    0
}

/// `LocalLock`: the pointer of a block, which is `hmem` itself (every block is fixed); NULL
/// for NULL.
///
/// # Safety
/// Safe with any argument: it reads nothing.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn LocalLock(hmem: HLOCAL) -> *mut c_void {
    if hmem.is_null() {
        set_last_error(codes::ERROR_INVALID_HANDLE);
    }
    hmem
}

/// `LocalUnlock`: returns `FALSE` with last error `ERROR_SUCCESS` (the block is "unlocked":
/// every block is fixed and never locked).
///
/// # Safety
/// Safe with any argument: it reads nothing.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn LocalUnlock(hmem: HLOCAL) -> BOOL {
    let _ = hmem;
    set_last_error(codes::ERROR_SUCCESS);
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_zeroed_resized_and_freed() {
        // SAFETY: each handle comes from LocalAlloc/LocalReAlloc and is freed once.
        unsafe {
            let p = LocalAlloc(LMEM_ZEROINIT, 10).cast::<u8>();
            assert!(!p.is_null());
            assert_eq!(std::slice::from_raw_parts(p, 10), [0; 10]);
            assert_eq!(LocalSize(p.cast()), 10);
            p.write_bytes(7, 10);
            let q = LocalReAlloc(p.cast(), 100, LMEM_ZEROINIT).cast::<u8>();
            assert_eq!(LocalSize(q.cast()), 100);
            assert_eq!(std::slice::from_raw_parts(q, 12), [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0]);
            assert_eq!(LocalLock(q.cast()), q.cast());
            assert!(LocalFree(q.cast()).is_null());
            assert!(LocalFree(null_mut()).is_null());
            let empty = LocalAlloc(0, 0);
            assert!(!empty.is_null());
            assert!(LocalFree(empty).is_null());
        }
    }

    #[test]
    fn an_impossible_size_fails_with_not_enough_memory() {
        // SAFETY: nothing is allocated.
        let p = unsafe { LocalAlloc(0, usize::MAX - 4) };
        assert!(p.is_null());
        assert_eq!(super::super::GetLastError(), codes::ERROR_NOT_ENOUGH_MEMORY);
    }
}
