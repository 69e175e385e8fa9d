//! `windows::core`: the string pointers and literals, `BOOL`, `HRESULT`, `Error` and `Result`,
//! `GUID`, `HSTRING` and `Param`, with the `windows` crate's shapes.

use std::fmt;

pub use crate::{s, w};

/// A `windows::core::Result`: the error is an [`Error`] (an [`HRESULT`] with a message).
pub type Result<T> = std::result::Result<T, Error>;

mod abi {
    unsafe extern "system" {
        pub(super) fn GetLastError() -> u32;
    }
}

/// A pointer to a NUL-terminated UTF-16 string the callee only reads (`LPCWSTR`).
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PCWSTR(pub *const u16);

/// A pointer to a UTF-16 buffer the callee writes (`LPWSTR`).
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PWSTR(pub *mut u16);

/// A pointer to a NUL-terminated byte string the callee only reads (`LPCSTR`).
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PCSTR(pub *const u8);

/// A pointer to a byte buffer the callee writes (`LPSTR`).
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PSTR(pub *mut u8);

/// The length up to the NUL of a string at `p`.
///
/// # Safety
///
/// `p` points to a NUL-terminated string of `T`.
unsafe fn nul_len<T: Copy + PartialEq + Default>(p: *const T) -> usize {
    let mut n = 0;
    // SAFETY: the caller's string is readable up to and including its NUL.
    while unsafe { *p.add(n) } != T::default() {
        n += 1;
    }
    n
}

macro_rules! string_pointer {
    ($name:ident, $ptr:ty, $unit:ty, $null:path, $as_slice:ident, $to_string:ty, $decode:expr) => {
        impl $name {
            /// A NULL pointer.
            pub const fn null() -> Self {
                Self($null())
            }
            /// A pointer to a NUL-terminated string.
            pub const fn from_raw(ptr: $ptr) -> Self {
                Self(ptr)
            }
            /// The pointer.
            pub const fn as_ptr(&self) -> $ptr {
                self.0
            }
            /// Whether the pointer is NULL.
            pub fn is_null(&self) -> bool {
                self.0.is_null()
            }
            /// The string's units up to the NUL.
            ///
            /// # Safety
            ///
            /// The pointer is not NULL and points to a NUL-terminated string that lives as long
            /// as the returned slice.
            pub unsafe fn $as_slice(&self) -> &[$unit] {
                // SAFETY: as the caller promises, a live NUL-terminated string.
                unsafe { std::slice::from_raw_parts(self.0, nul_len(self.0 as *const $unit)) }
            }
            /// The string, decoded.
            ///
            /// # Errors
            ///
            /// When it is not well-formed.
            ///
            /// # Safety
            ///
            /// As for the slice accessor: a live NUL-terminated string.
            pub unsafe fn to_string(&self) -> std::result::Result<String, $to_string> {
                // SAFETY: as the caller promises.
                let units = unsafe { self.$as_slice() };
                $decode(units)
            }
        }
        impl Default for $name {
            fn default() -> Self {
                Self::null()
            }
        }
    };
}

string_pointer!(
    PCWSTR,
    *const u16,
    u16,
    std::ptr::null,
    as_wide,
    std::string::FromUtf16Error,
    String::from_utf16
);
string_pointer!(
    PWSTR,
    *mut u16,
    u16,
    std::ptr::null_mut,
    as_wide,
    std::string::FromUtf16Error,
    String::from_utf16
);
string_pointer!(PCSTR, *const u8, u8, std::ptr::null, as_bytes, std::string::FromUtf8Error, |b: &[u8]| {
    String::from_utf8(b.to_vec())
});
string_pointer!(PSTR, *mut u8, u8, std::ptr::null_mut, as_bytes, std::string::FromUtf8Error, |b: &[u8]| {
    String::from_utf8(b.to_vec())
});

impl From<PWSTR> for PCWSTR {
    fn from(p: PWSTR) -> Self {
        Self(p.0)
    }
}

impl From<PSTR> for PCSTR {
    fn from(p: PSTR) -> Self {
        Self(p.0)
    }
}

/// An owned, immutable UTF-16 string, NUL-terminated, that passes as a [`PCWSTR`] (`&HSTRING`).
///
/// The `windows` crate's `HSTRING` is a reference-counted WinRT string; this one is a plain
/// buffer with the same uses in Win32 calls.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HSTRING(Vec<u16>);

impl HSTRING {
    /// The empty string.
    pub fn new() -> Self {
        Self(vec![0])
    }
    /// The UTF-16 units, without the NUL.
    pub fn as_wide(&self) -> &[u16] {
        &self.0[..self.0.len() - 1]
    }
    /// A pointer to the NUL-terminated units, valid while `self` lives.
    pub fn as_ptr(&self) -> *const u16 {
        self.0.as_ptr()
    }
    /// The length in UTF-16 units.
    pub fn len(&self) -> usize {
        self.0.len() - 1
    }
    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The units from a slice (up to its first NUL, if any).
    pub fn from_wide(units: &[u16]) -> Self {
        let end = units.iter().position(|&u| u == 0).unwrap_or(units.len());
        Self(units[..end].iter().copied().chain([0]).collect())
    }
    /// The string, with unpaired surrogates replaced.
    pub fn to_string_lossy(&self) -> String {
        String::from_utf16_lossy(self.as_wide())
    }
}

impl Default for HSTRING {
    fn default() -> Self {
        Self::new()
    }
}

impl From<&str> for HSTRING {
    fn from(s: &str) -> Self {
        Self(s.encode_utf16().chain([0]).collect())
    }
}

impl From<String> for HSTRING {
    fn from(s: String) -> Self {
        s.as_str().into()
    }
}

impl From<&String> for HSTRING {
    fn from(s: &String) -> Self {
        s.as_str().into()
    }
}

impl fmt::Display for HSTRING {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

impl fmt::Debug for HSTRING {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.to_string_lossy())
    }
}

impl From<&HSTRING> for PCWSTR {
    fn from(s: &HSTRING) -> Self {
        Self(s.as_ptr())
    }
}

/// A value that a function takes for a parameter of type `T`: `T` itself and whatever converts
/// into it (`PCWSTR` for a `Param<PCWSTR>`: `w!("..")`, `PCWSTR::null()`, a `PWSTR`, `&HSTRING`).
pub trait Param<T> {
    /// The value to pass.
    ///
    /// # Safety
    ///
    /// The value lives as long as the call it is passed to (a borrowed string does).
    unsafe fn param(self) -> ParamValue<T>;
}

impl<T, U: Into<T>> Param<T> for U {
    unsafe fn param(self) -> ParamValue<T> {
        ParamValue(self.into())
    }
}

/// A parameter's value, as [`Param::param`] makes it.
pub struct ParamValue<T>(T);

impl<T: Copy> ParamValue<T> {
    /// The value as the ABI passes it.
    pub fn abi(&self) -> T {
        self.0
    }
}

/// A Win32 `BOOL`: 0 is FALSE, anything else TRUE.
#[repr(transparent)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BOOL(pub i32);

impl BOOL {
    /// Whether it is TRUE.
    pub const fn as_bool(self) -> bool {
        self.0 != 0
    }
    /// `Ok(())` when TRUE, else the thread's last error ([`Error::from_thread`]).
    ///
    /// # Errors
    ///
    /// The last error, when FALSE.
    pub fn ok(self) -> Result<()> {
        if self.as_bool() { Ok(()) } else { Err(Error::from_thread()) }
    }
    /// Panics with the last error when FALSE.
    #[track_caller]
    pub fn unwrap(self) {
        self.ok().unwrap();
    }
    /// Panics with `msg` and the last error when FALSE.
    #[track_caller]
    pub fn expect(self, msg: &str) {
        self.ok().expect(msg);
    }
}

impl From<bool> for BOOL {
    fn from(b: bool) -> Self {
        Self(b.into())
    }
}

impl From<BOOL> for bool {
    fn from(b: BOOL) -> Self {
        b.as_bool()
    }
}

impl PartialEq<bool> for BOOL {
    fn eq(&self, other: &bool) -> bool {
        self.as_bool() == *other
    }
}

impl std::ops::Not for BOOL {
    type Output = Self;
    fn not(self) -> Self {
        (!self.as_bool()).into()
    }
}

/// A COM-style result code; Win32 codes map into it with `FACILITY_WIN32` ([`HRESULT::from_win32`]).
#[repr(transparent)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HRESULT(pub i32);

impl HRESULT {
    /// `HRESULT_FROM_WIN32(code)`: 0 stays 0; others become `0x8007xxxx`.
    pub const fn from_win32(code: u32) -> Self {
        if code as i32 <= 0 { Self(code as i32) } else { Self(((code & 0xFFFF) | 0x8007_0000) as i32) }
    }
    /// Whether it is a success code.
    pub const fn is_ok(self) -> bool {
        self.0 >= 0
    }
    /// Whether it is a failure code.
    pub const fn is_err(self) -> bool {
        !self.is_ok()
    }
    /// `Ok(())` for a success code, else an [`Error`] of it.
    ///
    /// # Errors
    ///
    /// The code, when it is a failure.
    pub fn ok(self) -> Result<()> {
        if self.is_ok() { Ok(()) } else { Err(Error::from_hresult(self)) }
    }
    /// The Win32 code inside a `FACILITY_WIN32` code (or 0 for `S_OK`).
    pub const fn to_win32(self) -> Option<u32> {
        if self.0 == 0 {
            Some(0)
        } else if (self.0 as u32) & 0xFFFF_0000 == 0x8007_0000 {
            Some(self.0 as u32 & 0xFFFF)
        } else {
            None
        }
    }
    /// The code's message: the symbolic name of a Win32 code the simulator knows, with its value
    /// (`ERROR_GROUP_NOT_FOUND (5013)`), else `HRESULT 0x...`.
    pub fn message(self) -> String {
        match self.to_win32() {
            Some(code) => match clusapi_sim::error::code_name(code) {
                Some(name) => format!("{name} ({code})"),
                None => format!("Win32 error {code}"),
            },
            None => format!("HRESULT {:#010x}", self.0 as u32),
        }
    }
}

impl fmt::Debug for HRESULT {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HRESULT({:#010X})", self.0 as u32)
    }
}

impl fmt::Display for HRESULT {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#010X}", self.0 as u32)
    }
}

/// An error: an [`HRESULT`] and its message.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    code: HRESULT,
    message: String,
}

impl Error {
    /// An error of `code` with `message`.
    pub fn new<T: AsRef<str>>(code: HRESULT, message: T) -> Self {
        Self { code, message: message.as_ref().to_owned() }
    }
    /// An error of `code`, with the code's message.
    pub fn from_hresult(code: HRESULT) -> Self {
        Self { code, message: code.message() }
    }
    /// The calling thread's last error (`GetLastError`), as the simulator's exports set it.
    pub fn from_thread() -> Self {
        // SAFETY: the simulator's `GetLastError` takes nothing and reads a thread-local.
        let code = unsafe { abi::GetLastError() };
        Self::from_hresult(HRESULT::from_win32(code))
    }
    /// The same as [`Error::from_thread`].
    pub fn from_win32() -> Self {
        Self::from_thread()
    }
    /// An error with no code (`S_OK`) and no message.
    pub const fn empty() -> Self {
        Self { code: HRESULT(0), message: String::new() }
    }
    /// The code.
    pub const fn code(&self) -> HRESULT {
        self.code
    }
    /// The message.
    pub fn message(&self) -> String {
        self.message.clone()
    }
}

impl From<HRESULT> for Error {
    fn from(code: HRESULT) -> Self {
        Self::from_hresult(code)
    }
}

impl From<Error> for HRESULT {
    fn from(error: Error) -> Self {
        error.code
    }
}

impl From<Error> for std::io::Error {
    fn from(error: Error) -> Self {
        match error.code.to_win32() {
            Some(code) => std::io::Error::from_raw_os_error(code as i32),
            None => std::io::Error::other(error),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error").field("code", &self.code).field("message", &self.message).finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.code)
        } else {
            write!(f, "{} ({})", self.message, self.code)
        }
    }
}

impl std::error::Error for Error {}

/// A GUID, laid out as Windows lays it out.
#[repr(C)]
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GUID {
    /// The first 32 bits.
    pub data1: u32,
    /// The next 16 bits.
    pub data2: u16,
    /// The next 16 bits.
    pub data3: u16,
    /// The last 64 bits, as bytes.
    pub data4: [u8; 8],
}

impl GUID {
    /// The GUID whose value, written as one hexadecimal number, is `uuid`.
    pub const fn from_u128(uuid: u128) -> Self {
        Self {
            data1: (uuid >> 96) as u32,
            data2: (uuid >> 80) as u16,
            data3: (uuid >> 64) as u16,
            data4: (uuid as u64).to_be_bytes(),
        }
    }
    /// The GUID as one number.
    pub const fn to_u128(&self) -> u128 {
        ((self.data1 as u128) << 96)
            | ((self.data2 as u128) << 80)
            | ((self.data3 as u128) << 64)
            | u64::from_be_bytes(self.data4) as u128
    }
    /// The GUID of the four parts.
    pub const fn from_values(data1: u32, data2: u16, data3: u16, data4: [u8; 8]) -> Self {
        Self { data1, data2, data3, data4 }
    }
    /// The all-zero GUID.
    pub const fn zeroed() -> Self {
        Self::from_u128(0)
    }
}

impl fmt::Debug for GUID {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.to_u128();
        write!(
            f,
            "{:08X}-{:04X}-{:04X}-{:04X}-{:012X}",
            v >> 96,
            (v >> 80) & 0xFFFF,
            (v >> 64) & 0xFFFF,
            (v >> 48) & 0xFFFF,
            v & 0xFFFF_FFFF_FFFF
        )
    }
}

impl fmt::Display for GUID {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// What the `w!` and `s!` macros expand to: compile-time UTF-16 encoding.
#[doc(hidden)]
pub mod imp {
    /// The scalar value starting at byte `i` of valid UTF-8, and its length in bytes.
    const fn decode(bytes: &[u8], i: usize) -> (u32, usize) {
        let b = bytes[i] as u32;
        if b < 0x80 {
            (b, 1)
        } else if b < 0xE0 {
            (((b & 0x1F) << 6) | (bytes[i + 1] as u32 & 0x3F), 2)
        } else if b < 0xF0 {
            (((b & 0x0F) << 12) | ((bytes[i + 1] as u32 & 0x3F) << 6) | (bytes[i + 2] as u32 & 0x3F), 3)
        } else {
            let c = ((b & 0x07) << 18)
                | ((bytes[i + 1] as u32 & 0x3F) << 12)
                | ((bytes[i + 2] as u32 & 0x3F) << 6)
                | (bytes[i + 3] as u32 & 0x3F);
            (c, 4)
        }
    }

    /// The length of `s` in UTF-16 units.
    pub const fn utf16_len(s: &str) -> usize {
        let bytes = s.as_bytes();
        let (mut i, mut n) = (0, 0);
        while i < bytes.len() {
            let (c, len) = decode(bytes, i);
            n += if c >= 0x10000 { 2 } else { 1 };
            i += len;
        }
        n
    }

    /// `s` as UTF-16 followed by NULs, `N` units in all (`N` = `utf16_len(s) + 1`).
    pub const fn encode_utf16<const N: usize>(s: &str) -> [u16; N] {
        let bytes = s.as_bytes();
        let mut out = [0u16; N];
        let (mut i, mut n) = (0, 0);
        while i < bytes.len() {
            let (c, len) = decode(bytes, i);
            if c >= 0x10000 {
                out[n] = (0xD800 + ((c - 0x10000) >> 10)) as u16;
                out[n + 1] = (0xDC00 + ((c - 0x10000) & 0x3FF)) as u16;
                n += 2;
            } else {
                out[n] = c as u16;
                n += 1;
            }
            i += len;
        }
        out
    }

    /// `s`'s bytes followed by NULs, `N` bytes in all (`N` = `s.len() + 1`).
    pub const fn nul_terminated<const N: usize>(s: &str) -> [u8; N] {
        let bytes = s.as_bytes();
        let mut out = [0u8; N];
        let mut i = 0;
        while i < bytes.len() {
            out[i] = bytes[i];
            i += 1;
        }
        out
    }
}

/// A NUL-terminated UTF-16 [`PCWSTR`] from a string literal, encoded at compile time.
#[macro_export]
macro_rules! w {
    ($s:literal) => {{
        const INPUT: &str = $s;
        const LEN: usize = $crate::core::imp::utf16_len(INPUT) + 1;
        const OUTPUT: &[u16; LEN] = &$crate::core::imp::encode_utf16::<LEN>(INPUT);
        $crate::core::PCWSTR::from_raw(OUTPUT.as_ptr())
    }};
}

/// A NUL-terminated [`PCSTR`] from a string literal.
#[macro_export]
macro_rules! s {
    ($s:literal) => {{
        const INPUT: &str = $s;
        const LEN: usize = INPUT.len() + 1;
        const OUTPUT: &[u8; LEN] = &$crate::core::imp::nul_terminated::<LEN>(INPUT);
        $crate::core::PCSTR::from_raw(OUTPUT.as_ptr())
    }};
}
