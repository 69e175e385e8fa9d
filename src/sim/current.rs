//! "The current simulator" that the Win32 exports use: the [`Sim`] installed on the calling
//! thread, else a process-wide default built from the fixture file named by
//! `CLUSAPI_SIM_FIXTURE`, else from the embedded default cluster; [strict](SimBuilder::strict)
//! when `CLUSAPI_SIM_STRICT=1`; writing its call trace as JSON Lines at exit to the file named
//! by `CLUSAPI_SIM_TRACE`.
//!
//! A static is never dropped, so the process-wide default has no drop-time check. Instead, when
//! it is strict or traced, it registers a C `atexit` handler (on Unix) that first writes its
//! trace (when traced), then prints its report to stderr and ends the process with
//! [`STRICT_EXIT_STATUS`] when strict and there is anything to report, and
//! [`verify_current`] (exported to C as `clusapi_sim_verify`) gives the report on demand.
//!
//! [`SimBuilder::strict`]: super::SimBuilder::strict

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use super::Sim;

thread_local! {
    /// The installations on this thread, oldest first, each with the id its guard holds.
    static INSTALLED: RefCell<Vec<(u64, Sim)>> = const { RefCell::new(Vec::new()) };
    /// The id of the next installation on this thread.
    static NEXT_INSTALLATION: Cell<u64> = const { Cell::new(0) };
}

static PROCESS_DEFAULT: OnceLock<Sim> = OnceLock::new();

/// What the exit handler of the process-wide default does: set once, before it is registered.
#[cfg_attr(not(unix), allow(dead_code))]
struct AtExit {
    /// Whether to report (the default is strict).
    strict: bool,
    /// Where to write the trace, if anywhere.
    trace: Option<std::path::PathBuf>,
}

static AT_EXIT: OnceLock<AtExit> = OnceLock::new();

/// The environment variable naming a fixture file for the process-wide default simulator.
pub const FIXTURE_ENV: &str = "CLUSAPI_SIM_FIXTURE";

/// The environment variable holding the seed of every simulator built without an explicit
/// [`SimBuilder::seed`](super::SimBuilder::seed) (so also [`Sim::default`] and the process-wide
/// default of the exports): a `u64`, in decimal or in hexadecimal after `0x`. Unset (or empty),
/// the seed is 0. Read at each [`build`](super::SimBuilder::build); another value panics there.
/// A failing test prints its seed when it holds a [`SeedGuard`](crate::SeedGuard), and
/// `CLUSAPI_SIM_SEED=N cargo test NAME` replays it: the same generated ids and the same
/// random faults ([`Fault::probability`](crate::fault::Fault::probability)).
///
/// ```no_run
/// // CLUSAPI_SIM_SEED=42 cargo test
/// assert_eq!(clusapi_sim::Sim::default().seed(), 42);
/// ```
pub const SEED_ENV: &str = "CLUSAPI_SIM_SEED";

/// The seed [`SEED_ENV`] gives, or 0 when it is unset or empty.
///
/// # Panics
/// When it is set to something else than a `u64`.
pub(crate) fn env_seed() -> u64 {
    let Some(value) = std::env::var_os(SEED_ENV) else { return 0 };
    let text = value.to_string_lossy();
    let text = text.trim();
    if text.is_empty() {
        return 0;
    }
    let parsed = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => u64::from_str_radix(hex, 16),
        None => text.parse(),
    };
    parsed.unwrap_or_else(|_| panic!("{SEED_ENV}: not a u64 seed: {text:?}"))
}

/// The environment variable that makes the process-wide default simulator
/// [strict](super::SimBuilder::strict) when set to `1` (any other value, or none, leaves it off).
/// Read once, when the default is first used. For C, C++, .NET and other clients of the exports,
/// which cannot call the builder: the default then reports every leak, violation and handle
/// misuse at process exit (see [`STRICT_EXIT_STATUS`]) and through `clusapi_sim_verify`.
pub const STRICT_ENV: &str = "CLUSAPI_SIM_STRICT";

/// The environment variable naming a file that the process-wide default simulator writes its
/// call trace to at process exit, as JSON Lines (what [`Calls::to_json_lines`] gives: one object
/// per call, oldest first; the file is created or truncated). Read once, when the default is
/// first used; a process that never uses the default writes no file. For clients of the exports,
/// which cannot read the trace otherwise; `clusapi-sim trace FILE` prints it. On Unix only (the
/// exit handler of [`STRICT_EXIT_STATUS`]); when the default is also strict, the trace is
/// written before the report.
///
/// [`Calls::to_json_lines`]: crate::Calls::to_json_lines
pub const TRACE_ENV: &str = "CLUSAPI_SIM_TRACE";

/// The exit status a process ends with when its strict process-wide default simulator has
/// something to report at exit: 70, `EX_SOFTWARE` of sysexits.h ("internal software error").
/// The report goes to stderr first. On Unix only (a C `atexit` handler, which ends the process
/// with `_exit` after flushing C's stdio buffers, so the handlers registered before the
/// default was first used do not run).
pub const STRICT_EXIT_STATUS: i32 = 70;

/// Keeps a [`Sim`] installed on this thread until dropped; see [`Sim::install`].
#[must_use = "the simulator is uninstalled when the guard is dropped"]
#[derive(Debug)]
pub struct InstallGuard {
    /// Which installation on this thread the guard removes.
    id: u64,
    // Not Send: the guard must be dropped on the thread it installed on.
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for InstallGuard {
    fn drop(&mut self) {
        // Its own installation, wherever it is in the stack: guards may drop in any order.
        // `try_with`: a guard kept in another thread-local may outlive this one; then there is
        // nothing left to remove.
        let _ = INSTALLED.try_with(|s| {
            let mut s = s.borrow_mut();
            if let Some(at) = s.iter().rposition(|(id, _)| *id == self.id) {
                s.remove(at);
            }
        });
    }
}

impl Sim {
    /// Installs this simulator as the one the Win32 exports use on the calling thread, until
    /// the guard is dropped.
    ///
    /// Installations stack: the current simulator is the most recently installed one that is
    /// still installed, else the process-wide default. Dropping a guard removes exactly its own
    /// installation, in whatever order the guards are dropped: install A, then B, drop A's
    /// guard, and B is still current; drop B's too and the default is. Installing the same
    /// simulator twice makes two installations, each removed by its own guard.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let _guard = sim.install();
    /// assert!(clusapi_sim::current().same_as(&sim));
    /// ```
    pub fn install(&self) -> InstallGuard {
        let id = NEXT_INSTALLATION.with(|n| n.replace(n.get() + 1));
        INSTALLED.with(|s| s.borrow_mut().push((id, self.clone())));
        InstallGuard { id, _not_send: std::marker::PhantomData }
    }

    /// Whether `self` and `other` are the same simulator.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::default();
    /// let clone = sim.clone();
    /// assert!(sim.same_as(&clone)); // clones share one simulator
    /// assert!(!sim.same_as(&Sim::default()));
    /// // What one clone opens, the other sees.
    /// let cluster = clone.open_cluster(None)?;
    /// assert_eq!(sim.harness().open_handles().len(), 1);
    /// sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn same_as(&self, other: &Sim) -> bool {
        std::sync::Arc::ptr_eq(&self.shared, &other.shared)
    }
}

/// The simulator the Win32 exports use on this thread.
///
/// # Panics
/// When `CLUSAPI_SIM_FIXTURE` names a file that cannot be read or is not a valid fixture: the
/// process-wide default cannot be built, and silently falling back would hide the mistake.
/// (Through a Win32 export, the panic is contained: the call fails with
/// `ERROR_INTERNAL_ERROR (1359)` and the reason is printed to stderr.)
///
/// # Examples
///
/// ```
/// use clusapi_sim::{Sim, current};
/// let sim = Sim::default();
/// assert!(!current().same_as(&sim));
/// {
///     let _guard = sim.install();
///     assert!(current().same_as(&sim));
///     // The installed simulator is the one the Win32 exports reach.
///     let cluster = current().open_cluster(None)?;
///     assert_eq!(sim.harness().open_handles().len(), 1);
///     sim.close_cluster(cluster);
/// }
/// // The guard is dropped: the process-wide default is current again.
/// assert!(!current().same_as(&sim));
/// assert!(current().same_as(&current()));
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
pub fn current() -> Sim {
    with_current(Sim::clone)
}

/// Runs `f` with the simulator the Win32 exports use on this thread, without cloning it (the
/// exports' hot path). `f` must not install or uninstall a simulator.
///
/// # Panics
/// As [`current`].
pub(crate) fn with_current<R>(f: impl FnOnce(&Sim) -> R) -> R {
    // `f` is called from one place, so that it inlines into the export's body; the borrow is
    // held for the default too (harmless: `f` does not install).
    INSTALLED.with(|installed| {
        let installed = installed.borrow();
        let sim = match installed.last() {
            Some((_, sim)) => sim,
            None => process_default(),
        };
        f(sim)
    })
}

fn process_default() -> &'static Sim {
    PROCESS_DEFAULT.get_or_init(|| {
        let strict = std::env::var_os(STRICT_ENV).is_some_and(|v| v == "1");
        let builder = match std::env::var_os(FIXTURE_ENV) {
            Some(path) => Sim::builder().fixture_file(&path).unwrap_or_else(|e| panic!("{FIXTURE_ENV}: {e}")),
            None => Sim::builder(),
        };
        let trace = std::env::var_os(TRACE_ENV).filter(|p| !p.is_empty()).map(std::path::PathBuf::from);
        if strict || trace.is_some() {
            let _ = AT_EXIT.set(AtExit { strict, trace });
            at_exit::register();
        }
        builder.strict(strict).build()
    })
}

/// The full report of the simulator the exports use on this thread, one line per leaked
/// handle, violation and handle misuse, or `None` when there is nothing to report: what
/// [`Harness::verify`](super::Harness::verify) gives, whatever the mode. Exported to C as
/// `clusapi_sim_verify`, for test harnesses in other languages, which cannot drop a simulator.
///
/// # Panics
/// As [`current`].
///
/// ```
/// let sim = clusapi_sim::Sim::default();
/// let _guard = sim.install();
/// assert_eq!(clusapi_sim::verify_current(), None);
/// let cluster = sim.open_cluster(None)?;
/// let report = clusapi_sim::verify_current().expect("a leak");
/// assert!(report.contains("leaked HCLUSTER"), "{report}");
/// sim.close_cluster(cluster);
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
pub fn verify_current() -> Option<String> {
    with_current(|sim| sim.harness().verify().err())
}

/// The exit-time report of a strict process-wide default. The crate's one unsafe code outside
/// the Win32 face: three C library calls, with no pointer but `fflush`'s NULL.
#[cfg(unix)]
#[allow(unsafe_code)]
mod at_exit {
    use std::ffi::{c_int, c_void};
    use std::io::Write as _;
    use std::time::Duration;

    use super::{AT_EXIT, PROCESS_DEFAULT, STRICT_ENV, STRICT_EXIT_STATUS, TRACE_ENV};

    unsafe extern "C" {
        fn atexit(callback: extern "C" fn()) -> c_int;
        fn fflush(stream: *mut c_void) -> c_int;
        fn _exit(status: c_int) -> !;
    }

    /// Registers [`on_exit`] to run at process exit (once: the default is built once).
    pub(super) fn register() {
        // SAFETY: `atexit` is the C library's (every Unix Rust program links it); `on_exit` is
        // an `extern "C" fn()` that never unwinds, as the C library requires of a handler.
        if unsafe { atexit(on_exit) } != 0 {
            eprintln!(
                "clusapi-sim: {STRICT_ENV}=1 or {TRACE_ENV} set, but atexit failed: no report or trace at exit"
            );
        }
    }

    /// Writes the trace when asked to, then reports when strict. Never unwinds.
    extern "C" fn on_exit() {
        let Some(what) = AT_EXIT.get() else { return };
        if let Some(path) = &what.trace {
            write_trace(path);
        }
        if what.strict {
            report();
        }
    }

    /// Writes the default simulator's trace to `path` as JSON Lines; a failure is printed to
    /// stderr. Never unwinds: a panic inside is caught.
    fn write_trace(path: &std::path::Path) {
        let written = std::panic::catch_unwind(|| {
            let Some(sim) = PROCESS_DEFAULT.get() else { return Ok(()) };
            // A thread may be holding the lock as the process ends: give up rather than hang.
            let Some(state) = sim.shared.state.try_lock_for(Duration::from_secs(1)) else {
                return Err("the simulator is locked by another thread".to_string());
            };
            let calls = crate::Calls::new(state.trace.entries(), state.trace.dropped());
            drop(state);
            std::fs::write(path, calls.to_json_lines()).map_err(|e| e.to_string())
        });
        let error = match written {
            Ok(Ok(())) => return,
            Ok(Err(e)) => e,
            Err(_) => "a panic while writing it".to_string(),
        };
        let _ = writeln!(
            std::io::stderr().lock(),
            "clusapi-sim: {TRACE_ENV}: cannot write the trace to {}: {error}",
            path.display()
        );
    }

    /// Prints the default simulator's report to stderr and ends the process with
    /// [`STRICT_EXIT_STATUS`] when there is one. Never unwinds: a panic inside is caught.
    fn report() {
        let report = std::panic::catch_unwind(|| {
            let sim = PROCESS_DEFAULT.get()?;
            // A thread may be holding the lock as the process ends: give up rather than hang.
            let state = sim.shared.state.try_lock_for(Duration::from_secs(1))?;
            Some(state.report(true)).filter(|r| !r.is_empty())
        });
        let Ok(Some(report)) = report else { return };
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "clusapi-sim: {STRICT_ENV}=1 and the process-wide default simulator found, at exit:\n{report}"
        );
        let _ = err.flush();
        // SAFETY: `fflush(NULL)` flushes every C stdio stream, so that the client's own output is
        // not lost; `_exit` is the one way to set the status from inside an exit handler
        // (calling `exit` again is undefined behaviour).
        unsafe {
            fflush(std::ptr::null_mut());
            _exit(STRICT_EXIT_STATUS);
        }
    }
}

#[cfg(not(unix))]
mod at_exit {
    /// No exit-time report or trace off Unix; `clusapi_sim_verify` still gives the report.
    pub(super) fn register() {}
}
