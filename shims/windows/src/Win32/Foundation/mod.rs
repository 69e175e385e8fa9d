//! `Win32::Foundation`: [`WIN32_ERROR`] with its error constants (and the `HRESULT`, `NTSTATUS`
//! and `BOOL` ones: `S_OK`, `E_FAIL`, `STATUS_SUCCESS`, `TRUE`...), handles and times, and the
//! thread's last error.

mod constants;

pub use constants::*;

use crate::core::{Error, HRESULT};

/// A Win32 error code, as the `windows` crate types the `ERROR_*` constants.
///
/// Functions of Clustering that return a code return a `u32`: compare with `ERROR_X.0`, or wrap
/// it, `WIN32_ERROR(rc).ok()?`.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WIN32_ERROR(pub u32);

impl WIN32_ERROR {
    /// Whether the code is `ERROR_SUCCESS`.
    pub const fn is_ok(self) -> bool {
        self.0 == 0
    }

    /// Whether the code is not `ERROR_SUCCESS`.
    pub const fn is_err(self) -> bool {
        !self.is_ok()
    }

    /// `Ok(())` for `ERROR_SUCCESS`, else the code as an [`Error`].
    ///
    /// # Errors
    ///
    /// The code itself, as an [`HRESULT`] of `FACILITY_WIN32`, when it is not `ERROR_SUCCESS`.
    pub fn ok(self) -> crate::core::Result<()> {
        if self.is_ok() { Ok(()) } else { Err(Error::from_hresult(self.to_hresult())) }
    }

    /// The code as an [`HRESULT`] (`HRESULT_FROM_WIN32`).
    pub const fn to_hresult(self) -> HRESULT {
        HRESULT::from_win32(self.0)
    }

    /// The Win32 code of an [`Error`] made from one, if it was.
    pub fn from_error(error: &Error) -> Option<Self> {
        error.code().to_win32().map(Self)
    }
}

impl From<WIN32_ERROR> for HRESULT {
    fn from(code: WIN32_ERROR) -> Self {
        code.to_hresult()
    }
}

impl From<WIN32_ERROR> for Error {
    fn from(code: WIN32_ERROR) -> Self {
        Error::from_hresult(code.to_hresult())
    }
}

/// A kernel object handle.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HANDLE(pub *mut ::core::ffi::c_void);

impl HANDLE {
    /// Whether the handle is NULL or `INVALID_HANDLE_VALUE` (-1).
    pub fn is_invalid(&self) -> bool {
        self.0.is_null() || self.0 as isize == -1
    }
}

impl Default for HANDLE {
    fn default() -> Self {
        Self(::core::ptr::null_mut())
    }
}

/// An `NTSTATUS` code.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NTSTATUS(pub i32);

/// `FILETIME`: 100-nanosecond intervals since 1601-01-01 UTC, in two halves.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FILETIME {
    /// The low 32 bits.
    pub dwLowDateTime: u32,
    /// The high 32 bits.
    pub dwHighDateTime: u32,
}

/// `SYSTEMTIME`: a calendar date and time.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SYSTEMTIME {
    /// The year.
    pub wYear: u16,
    /// The month, 1 to 12.
    pub wMonth: u16,
    /// The day of the week, 0 (Sunday) to 6.
    pub wDayOfWeek: u16,
    /// The day of the month, 1 to 31.
    pub wDay: u16,
    /// The hour, 0 to 23.
    pub wHour: u16,
    /// The minute.
    pub wMinute: u16,
    /// The second.
    pub wSecond: u16,
    /// The millisecond.
    pub wMilliseconds: u16,
}

mod abi {
    unsafe extern "system" {
        pub(super) fn GetLastError() -> u32;
        pub(super) fn SetLastError(dwerrcode: u32);
    }
}

/// `GetLastError`: the calling thread's last error, as the simulator's exports set it.
///
/// # Safety
///
/// None beyond the `windows` crate's signature: it is `unsafe` there too.
#[inline]
pub unsafe fn GetLastError() -> WIN32_ERROR {
    // SAFETY: the simulator's export takes nothing and reads a thread-local.
    WIN32_ERROR(unsafe { abi::GetLastError() })
}

/// `SetLastError`: sets the calling thread's last error (and `errno`, as the simulator does).
///
/// # Safety
///
/// None beyond the `windows` crate's signature: it is `unsafe` there too.
#[inline]
pub unsafe fn SetLastError(dwerrcode: WIN32_ERROR) {
    // SAFETY: the simulator's export only writes a thread-local and errno.
    unsafe { abi::SetLastError(dwerrcode.0) }
}
