//! `Sleep`, `SleepEx`, `GetTickCount` and `GetTickCount64` on the virtual clock (the opt-in
//! `kernel32` feature).
//!
//! A client that waits for a pending operation polls `GetClusterResourceState` with a
//! `Sleep(100)` between calls, or until a `GetTickCount64` deadline. Linked against these
//! exports, it runs unchanged: `Sleep` moves the current simulator's virtual clock (completing
//! what falls due) and returns at once, and the tick counts read that clock. Nothing sleeps in
//! real time. They are opt-in because they take the names of the real kernel32 functions,
//! which a test binary may also want from elsewhere.
//!
//! The tick counts start at 0 when the simulator is built (a choice: only differences
//! between two readings mean anything, GetTickCount64 page); `GetTickCount` wraps after
//! 49.7 days, as the real one does. `Sleep(INFINITE)` moves the clock by `INFINITE`
//! (0xFFFFFFFF) milliseconds instead of never returning (a choice).

use windows_sys::core::BOOL;

use super::with_current;

fn sleep(milliseconds: u32) {
    with_current(|sim| sim.harness().advance(std::time::Duration::from_millis(u64::from(milliseconds))));
}

fn ticks() -> u64 {
    with_current(|sim| u64::try_from(sim.harness().now().as_millis()).unwrap_or(u64::MAX))
}

/// `Sleep`: moves the current simulator's virtual clock forward by `dwmilliseconds` and
/// returns at once.
#[unsafe(no_mangle)]
pub extern "system" fn Sleep(dwmilliseconds: u32) {
    sleep(dwmilliseconds);
}

/// `SleepEx`: as [`Sleep`]; returns 0 (no APC is ever queued, so an alertable wait ends only
/// by its time-out).
#[unsafe(no_mangle)]
pub extern "system" fn SleepEx(dwmilliseconds: u32, balertable: BOOL) -> u32 {
    let _ = balertable;
    sleep(dwmilliseconds);
    0
}

/// `GetTickCount`: the current simulator's virtual time in milliseconds, modulo 2^32.
#[unsafe(no_mangle)]
pub extern "system" fn GetTickCount() -> u32 {
    ticks() as u32
}

/// `GetTickCount64`: the current simulator's virtual time in milliseconds.
#[unsafe(no_mangle)]
pub extern "system" fn GetTickCount64() -> u64 {
    ticks()
}
