//! `clusapi_sim_verify`: the handle verifier's report for C, C++, .NET and other clients of the
//! exports, which cannot drop a simulator or call [`Harness::verify`](crate::Harness::verify).

use std::io::Write as _;

/// Checks the current simulator (the one installed on the calling thread, else the
/// process-wide default) for leaked handles, violations and handle misuses (H8), whatever its
/// mode, and prints the report to stderr when there is one. Returns how many lines the report
/// has (one per leaked handle, violation or misuse): 0 when there is nothing to report, so that a
/// C test can `assert(clusapi_sim_verify() == 0)` before it returns. `0xFFFFFFFF` if the check
/// itself failed (the process-wide default could not be built, as for `CLUSAPI_SIM_FIXTURE`
/// naming a bad file; the reason is on stderr).
///
/// Not a ClusAPI function: not traced, and it sets no last error.
#[unsafe(no_mangle)]
pub extern "C" fn clusapi_sim_verify() -> u32 {
    match std::panic::catch_unwind(crate::verify_current) {
        Ok(None) => 0,
        Ok(Some(report)) => {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "clusapi-sim: clusapi_sim_verify found:\n{report}");
            u32::try_from(report.lines().count()).unwrap_or(u32::MAX - 1)
        }
        Err(_) => u32::MAX,
    }
}
