//! `GetLastError` / `SetLastError`: the thread's last-error code, as kernel32 keeps it.
//!
//! Functions returning a handle, a BOOL or a state report failure through it; functions
//! returning a DWORD return the code and leave it alone. A successful call does not reset it,
//! as on Windows ("most functions that set the thread's last-error code set it when they
//! fail", GetLastError page).

use std::cell::Cell;

thread_local! {
    static LAST_ERROR: Cell<u32> = const { Cell::new(0) };
}

pub(crate) fn set_last_error(code: u32) {
    LAST_ERROR.with(|c| c.set(code));
}

/// `GetLastError` (kernel32): the calling thread's last-error code.
#[unsafe(no_mangle)]
pub extern "system" fn GetLastError() -> u32 {
    LAST_ERROR.with(Cell::get)
}

/// `SetLastError` (kernel32): sets the calling thread's last-error code.
#[unsafe(no_mangle)]
pub extern "system" fn SetLastError(dwerrcode: u32) {
    set_last_error(dwerrcode);
}
