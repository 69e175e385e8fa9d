//! The Win32 face: `extern "system"` exports with exactly the names and signatures that the
//! `windows-sys` crate declares in `Win32::Networking::Clustering`, plus `GetLastError` and
//! `SetLastError`.
//!
//! On non-Windows targets windows-sys declares these functions as plain `extern "system"`
//! items with no library attached, so code written against windows-sys links against these
//! exports unchanged once the test binary contains `use clusapi_sim as _;`. The same exports
//! are in the `cdylib`/`staticlib` builds for C, C++ and .NET callers (`include/clusapi.h`).
//!
//! Every export:
//! * runs against the [current simulator](crate::current) (the one installed on the calling
//!   thread, else the process-wide default);
//! * validates its pointers and strings before anything changes, and never dereferences NULL
//!   or writes past a buffer whose size it was given;
//! * catches its own panics, which cannot unwind out of `extern "system"`, and reports them as
//!   `ERROR_INTERNAL_ERROR (1359)` in the way its return type reports errors. Panic containment
//!   needs `panic = "unwind"` (the default): under `panic = "abort"` the first panic aborts
//!   the whole process instead;
//! * reports failure the Win32 way for its return type: functions returning
//!   a handle, a BOOL or a state set the thread's last error; functions returning a DWORD
//!   return the code.
//!
//! Functions not simulated yet are exported too, from [`not_implemented`](self), and fail with
//! `ERROR_CALL_NOT_IMPLEMENTED (120)`, recorded in the trace, so that code still links. That
//! includes the `resutils.dll` functions that windows-sys declares in the same module
//! (`ResUtil*`, `ClusWorker*`...), declared for C in `include/resapi.h`.

#![allow(non_snake_case, clippy::too_many_arguments)]

mod buffer;
mod cluster;
mod control;
mod csv;
mod enumeration;
mod group;
mod group_set;
#[cfg(feature = "kernel32")]
mod kernel32;
mod last_error;
mod local_alloc;
mod network;
mod node;
mod notify;
mod registry;
mod resource;
mod resutils;
mod resutils_registry;
mod resutils_tables;
mod strings;
mod verify;

use std::panic::{AssertUnwindSafe, catch_unwind};

pub use cluster::*;
pub use control::*;
pub use csv::*;
pub use enumeration::*;
pub use group::*;
pub use group_set::*;
#[cfg(feature = "kernel32")]
pub use kernel32::*;
pub(crate) use last_error::set_last_error;
pub use last_error::{GetLastError, SetLastError};
pub use local_alloc::*;
pub use network::*;
pub use node::*;
pub use notify::*;
pub use registry::*;
pub use resource::*;
pub use resutils::*;
pub use resutils_registry::*;
pub use resutils_tables::*;
pub(crate) use strings::{Name, read_name, read_optional_name, write_optional_string, write_string};
pub use verify::*;

use crate::Sim;
use crate::error::{Error, Result, codes};
use crate::sim::{Call, with_current};

/// How a function reports failure, by its return type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Returns the Win32 error code (`DWORD`, or `LONG` for the `ClusterReg*` functions).
    Code,
    /// Returns a NULL handle and sets the last error.
    Handle,
    /// Returns `FALSE` and sets the last error.
    Bool,
    /// Returns a NULL pointer (`HKEY`) and sets the last error.
    NullPtr,
    /// Returns `-1` (`Cluster*StateUnknown`) and sets the last error.
    StateUnknown,
    /// Returns 0 (a count) and sets the last error.
    Zero,
    /// Returns nothing (a `void` function) and sets the last error.
    Void,
}

/// A value an export can return, and its failure value.
pub(crate) trait ExportReturn: Sized {
    /// The value that reports `code` under convention `failure`.
    fn failure(failure: Failure, code: u32) -> Self;
}

impl ExportReturn for u32 {
    fn failure(failure: Failure, code: u32) -> u32 {
        match failure {
            Failure::Code => code,
            Failure::StateUnknown => u32::MAX,
            _ => 0,
        }
    }
}

impl ExportReturn for i32 {
    fn failure(failure: Failure, code: u32) -> i32 {
        match failure {
            Failure::Code => code as i32,
            Failure::StateUnknown => -1,
            _ => 0,
        }
    }
}

impl ExportReturn for isize {
    fn failure(_: Failure, _: u32) -> isize {
        0
    }
}

impl ExportReturn for () {
    fn failure(_: Failure, _: u32) {}
}

impl<T> ExportReturn for *mut T {
    fn failure(_: Failure, _: u32) -> *mut T {
        std::ptr::null_mut()
    }
}

/// Runs the body of export `function` on the current simulator with the export's own call
/// record ([`Call`]): contains panics, records in the trace a failure the simulator never saw
/// (a bad pointer or string, rejected before the body calls it), and reports an error the way
/// `failure` says. The body makes one simulator call, and writes its outputs in that call's
/// `deliver` step, so that the record is finished once, under the one lock, with the result
/// the caller sees.
// Inlined into each export: one call level less on every export's path, and the body and
// the thread-local lookup compile together.
#[inline]
pub(crate) fn run<R: ExportReturn>(
    function: &'static str,
    failure: Failure,
    body: impl FnOnce(&Sim, &mut Call) -> Result<R>,
) -> R {
    let sets_last_error = failure != Failure::Code;
    let mut call = Call::export(function, sets_last_error);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        with_current(|sim| {
            let result = body(sim, &mut call);
            if let Err(e) = &result {
                if call.seq == 0 {
                    sim.record_unseen(&mut call, e.code());
                }
            }
            result
        })
    }));
    let code = match outcome {
        Ok(Ok(value)) => return value,
        Ok(Err(e)) => e.code(),
        Err(_) => codes::ERROR_INTERNAL_ERROR,
    };
    if sets_last_error {
        set_last_error(code);
    }
    R::failure(failure, code)
}

/// Runs an export whose result is only a status code (`DWORD` functions).
pub(crate) fn run_code(function: &'static str, body: impl FnOnce(&Sim, &mut Call) -> Result<()>) -> u32 {
    run(function, Failure::Code, |sim, call| body(sim, call).map(|()| codes::ERROR_SUCCESS))
}

/// The body of every function that is not simulated yet.
pub(crate) fn not_implemented<R: ExportReturn>(function: &'static str, failure: Failure) -> R {
    run(function, failure, |_, _| Err(Error::new(codes::ERROR_CALL_NOT_IMPLEMENTED)))
}

/// Reads a `*mut u32` in/out parameter that must not be NULL.
///
/// # Safety
/// `p` is NULL or valid for reads of a `u32`.
pub(crate) unsafe fn read_u32(p: *const u32) -> Result<u32> {
    if p.is_null() {
        return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
    }
    // SAFETY: non-null, and the caller promises it is valid for reads.
    Ok(unsafe { p.read_unaligned() })
}

/// Writes an optional `*mut u32` out parameter (ignored when NULL).
///
/// # Safety
/// `p` is NULL or valid for writes of a `u32`.
pub(crate) unsafe fn write_u32(p: *mut u32, value: u32) {
    if !p.is_null() {
        // SAFETY: non-null, and the caller promises it is valid for writes.
        unsafe { p.write_unaligned(value) }
    }
}

/// Exports a function that is not simulated yet, with its windows-sys signature.
macro_rules! not_implemented {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? = Failure::$failure:ident;
    )*) => {$(
        $(#[$doc])*
        ///
        /// # Safety
        /// Safe to call with any arguments: it reads none of them.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name($($arg: $ty),*) $(-> $ret)? {
            let _ = ($($arg,)*);
            $crate::win32::not_implemented(stringify!($name), $crate::win32::Failure::$failure)
        }
    )*};
}

mod not_implemented;
mod not_implemented_resutils;
pub use not_implemented::*;
pub use not_implemented_resutils::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Face;

    #[test]
    fn a_panic_inside_an_export_is_reported_the_functions_way() {
        let sim = Sim::default();
        let _g = sim.install();
        set_last_error(0);
        let h: isize = run("OpenCluster", Failure::Handle, |_, _| panic!("injected"));
        assert_eq!((h, GetLastError()), (0, codes::ERROR_INTERNAL_ERROR));
        set_last_error(0);
        let code: u32 = run("ClusterCloseEnum", Failure::Code, |_, _| panic!("injected"));
        assert_eq!((code, GetLastError()), (codes::ERROR_INTERNAL_ERROR, 0), "DWORD functions return it");
        let state: i32 = run("GetClusterGroupState", Failure::StateUnknown, |_, _| panic!("injected"));
        assert_eq!((state, GetLastError()), (-1, codes::ERROR_INTERNAL_ERROR));
        let ok: i32 = run("CloseClusterGroup", Failure::Bool, |_, _| panic!("injected"));
        assert_eq!(ok, 0);
    }

    #[test]
    fn a_panic_under_the_lock_leaves_the_simulator_consistent_and_usable() {
        let sim = Sim::default();
        let _g = sim.install();
        let before = sim.harness().open_handles();
        let code: u32 = run("OpenClusterGroup", Failure::Code, |sim, call| {
            sim.call(call, &[], |_, _| -> Result<u32> { panic!("injected under the lock") }, Ok)
        });
        assert_eq!(code, codes::ERROR_INTERNAL_ERROR);
        assert_eq!(sim.harness().open_handles(), before, "nothing half-done");
        // The lock was released by unwinding.
        let c = sim.open_cluster(None).expect("the simulator still answers");
        assert_eq!(sim.harness().trace().last().map(|e| e.face), Some(Face::Rust));
        assert!(sim.close_cluster(c));
    }
}
