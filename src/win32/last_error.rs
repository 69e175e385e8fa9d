//! `GetLastError` / `SetLastError`: the thread's last-error code, as kernel32 keeps it.
//!
//! Functions returning a handle, a BOOL or a state report failure through it; functions
//! returning a DWORD return the code and leave it alone. A successful call does not reset it,
//! as on Windows ("most functions that set the thread's last-error code set it when they
//! fail", GetLastError page). Each also sets `errno` (see [`set_last_error`]).

use std::cell::Cell;

thread_local! {
    static LAST_ERROR: Cell<u32> = const { Cell::new(0) };
}

/// Sets the thread's last error, and `errno` to the same code. On Linux, runtimes that
/// marshal the last error read `errno` right after the call returns: .NET's `DllImport(...,
/// SetLastError = true)` (both CoreCLR and Mono), so `Marshal.GetLastWin32Error()` and `new
/// Win32Exception().NativeErrorCode` give the Win32 code, as do Python's
/// `ctypes.get_errno()` and Rust's `std::io::Error::last_os_error()`. So `errno` is written
/// last: nothing between it and the return may call into libc.
pub(crate) fn set_last_error(code: u32) {
    LAST_ERROR.with(|c| c.set(code));
    errno::set_errno(errno::Errno(code as i32));
}

/// `GetLastError` (kernel32): the calling thread's last-error code.
#[unsafe(no_mangle)]
pub extern "system" fn GetLastError() -> u32 {
    LAST_ERROR.with(Cell::get)
}

/// `SetLastError` (kernel32): sets the calling thread's last-error code. Also sets `errno`,
/// as every export that fails does (see `set_last_error`).
#[unsafe(no_mangle)]
pub extern "system" fn SetLastError(dwerrcode: u32) {
    set_last_error(dwerrcode);
}
