//! "The current simulator" that the Win32 exports use: the [`Sim`] installed on the calling
//! thread, else a process-wide default built from the fixture file named by
//! `CLUSAPI_SIM_FIXTURE`, else from the embedded default cluster.

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

/// The environment variable naming a fixture file for the process-wide default simulator.
pub const FIXTURE_ENV: &str = "CLUSAPI_SIM_FIXTURE";

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
    PROCESS_DEFAULT.get_or_init(|| match std::env::var_os(FIXTURE_ENV) {
        Some(path) => {
            Sim::builder().fixture_file(&path).unwrap_or_else(|e| panic!("{FIXTURE_ENV}: {e}")).build()
        }
        None => Sim::default(),
    })
}
