//! `windows::core` of the shim behaves as the `windows` crate's does where clients rely on it.

#![cfg(not(windows))]

use windows::Win32::Foundation::{ERROR_ACCESS_DENIED, ERROR_SUCCESS, SetLastError, WIN32_ERROR};
use windows::core::{BOOL, Error, GUID, HRESULT, HSTRING, PCWSTR, Param, s, w};

#[test]
fn w_encodes_utf16_with_a_nul_at_compile_time_including_surrogate_pairs() {
    let p = w!("Grüße 🦀");
    // SAFETY: a literal's static buffer.
    let units = unsafe { p.as_wide() };
    assert_eq!(units, "Grüße 🦀".encode_utf16().collect::<Vec<_>>());
    // SAFETY: as above.
    assert_eq!(unsafe { p.to_string() }.unwrap(), "Grüße 🦀");
    // SAFETY: one past the string is its NUL.
    assert_eq!(unsafe { *p.as_ptr().add(units.len()) }, 0);
    const NAME: PCWSTR = w!("Name"); // usable in constants, as the Clustering constants are
    // SAFETY: as above.
    assert_eq!(unsafe { NAME.to_string() }.unwrap(), "Name");
}

#[test]
fn s_is_nul_terminated_bytes() {
    let p = s!("abc");
    // SAFETY: a literal's static buffer.
    assert_eq!(unsafe { p.as_bytes() }, b"abc");
}

#[test]
fn hresult_from_win32_and_back() {
    assert_eq!(HRESULT::from_win32(5013).0 as u32, 0x8007_1395);
    assert_eq!(HRESULT::from_win32(0), HRESULT(0));
    assert_eq!(HRESULT::from_win32(5013).to_win32(), Some(5013));
    assert_eq!(WIN32_ERROR(5).to_hresult(), HRESULT::from_win32(ERROR_ACCESS_DENIED.0));
    assert!(ERROR_SUCCESS.ok().is_ok());
    assert_eq!(WIN32_ERROR::from_error(&WIN32_ERROR(5).ok().unwrap_err()), Some(ERROR_ACCESS_DENIED));
}

#[test]
fn a_false_bool_is_the_threads_last_error() {
    // SAFETY: sets a thread-local.
    unsafe { SetLastError(ERROR_ACCESS_DENIED) };
    let err = BOOL(0).ok().unwrap_err();
    assert_eq!(err, Error::from_hresult(HRESULT::from_win32(5)));
    assert_eq!(err.message(), "ERROR_ACCESS_DENIED (5)");
    assert!(BOOL::from(true).ok().is_ok());
    assert!(BOOL(1) == true);
}

#[test]
fn guid_from_u128_has_the_windows_layout() {
    let g = GUID::from_u128(0xf2e606e5_2631_11d1_89f1_00a0c90d061e);
    assert_eq!((g.data1, g.data2, g.data3), (0xf2e606e5, 0x2631, 0x11d1));
    assert_eq!(g.data4, [0x89, 0xf1, 0x00, 0xa0, 0xc9, 0x0d, 0x06, 0x1e]);
    assert_eq!(g.to_u128(), 0xf2e606e5_2631_11d1_89f1_00a0c90d061e);
    assert_eq!(format!("{g:?}"), "F2E606E5-2631-11D1-89F1-00A0C90D061E");
}

#[test]
fn hstring_and_literals_pass_as_param_pcwstr() {
    fn pass<P: Param<PCWSTR>>(p: P) -> String {
        // SAFETY: the value lives for this call; both are NUL-terminated.
        unsafe { p.param().abi().to_string().unwrap() }
    }
    let h = HSTRING::from("Cluster Group");
    assert_eq!(pass(&h), "Cluster Group");
    assert_eq!(pass(w!("x")), "x");
    assert_eq!(h.to_string(), "Cluster Group");
}

#[test]
fn foundation_has_the_hresult_ntstatus_and_bool_constants_as_newtypes() {
    use windows::Win32::Foundation::{
        E_FAIL, FALSE, INVALID_HANDLE_VALUE, NTSTATUS, S_OK, STATUS_SUCCESS, TRUE,
    };
    assert_eq!(S_OK, HRESULT(0));
    assert_eq!(E_FAIL.0 as u32, 0x8000_4005);
    assert!(E_FAIL.is_err() && S_OK.is_ok());
    assert_eq!((TRUE, FALSE), (BOOL(1), BOOL(0)));
    assert_eq!(STATUS_SUCCESS, NTSTATUS(0));
    assert!(INVALID_HANDLE_VALUE.is_invalid());
}
