//! Seeds for replay and the determinism check: [`SeedGuard`], [`check_determinism`],
//! [`run_checked`].

use super::{Harness, Sim, SimBuilder};
use crate::trace::TraceEntry;

/// The environment variable that makes [`run_checked`] run its scenario twice and compare the
/// traces when set to `1` (as madsim's `MADSIM_TEST_CHECK_DETERMINISM`); unset or any other
/// value, it runs it once. [`check_determinism`] always runs twice, whatever it says.
pub const CHECK_DETERMINISM_ENV: &str = "CLUSAPI_SIM_CHECK_DETERMINISM";

/// Prints the simulator's seed to stderr when dropped during a panic (a failing test), as
/// `clusapi-sim: seed N (set CLUSAPI_SIM_SEED=N to replay)`; silent otherwise. Get one with
/// [`Harness::seed_guard`] and hold it for the test's length.
///
/// ```
/// let sim = clusapi_sim::Sim::builder().seed(7).build();
/// let _seed = sim.harness().seed_guard();
/// // A panic from here on prints "clusapi-sim: seed 7 (set CLUSAPI_SIM_SEED=7 to replay)".
/// ```
#[must_use = "the seed is printed when the guard is dropped during a panic"]
#[derive(Debug)]
pub struct SeedGuard {
    seed: u64,
}

impl SeedGuard {
    /// The seed it prints.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::builder().seed(11).build();
    /// assert_eq!(sim.harness().seed_guard().seed(), 11);
    /// ```
    pub fn seed(&self) -> u64 {
        self.seed
    }
}

impl Drop for SeedGuard {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let seed = self.seed;
            eprintln!("clusapi-sim: seed {seed} (set {}={seed} to replay)", super::SEED_ENV);
        }
    }
}

impl Harness<'_> {
    /// A guard that prints the simulator's seed if the test panics while it is held; see
    /// [`SeedGuard`].
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let _seed = sim.harness().seed_guard();
    /// ```
    pub fn seed_guard(&self) -> SeedGuard {
        SeedGuard { seed: self.sim.seed() }
    }
}

/// Two runs of one scenario that did not make the same calls: the first call where their
/// traces differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeterminismError {
    /// Where in the traces (0 for the first call recorded).
    pub index: usize,
    /// The first run's call there (`None`: it made fewer calls).
    pub first: Option<Box<TraceEntry>>,
    /// The second run's call there (`None`: it made fewer calls).
    pub second: Option<Box<TraceEntry>>,
    /// The seed both simulators had.
    pub seed: u64,
}

impl std::fmt::Display for DeterminismError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |e: &Option<Box<TraceEntry>>| match e {
            Some(e) => format!(
                "#{} {}({}) -> {} (last error {:?}) at {} ms",
                e.seq, e.function, e.args, e.result, e.last_error, e.time_ms
            ),
            None => "no call".to_string(),
        };
        write!(
            f,
            "not deterministic with seed {}: call {} differs: first run {}; second run {}",
            self.seed,
            self.index,
            show(&self.first),
            show(&self.second)
        )
    }
}

impl std::error::Error for DeterminismError {}

/// Builds two simulators of the default builder's settings (so the same seed:
/// [`CLUSAPI_SIM_SEED`](super::SEED_ENV)'s, else 0), runs `scenario` on each and compares their
/// call traces entry by entry (every field of [`TraceEntry`]: sequence number, function, face,
/// arguments, result, last error and virtual time). See [`check_determinism_with`] for other
/// settings.
///
/// # Errors
/// A [`DeterminismError`] naming the first call that differs.
///
/// ```
/// use clusapi_sim::fault::Fault;
/// clusapi_sim::check_determinism(|sim| {
///     sim.harness().add_fault(Fault::on("OpenCluster").probability(0.5));
///     for _ in 0..10 {
///         if let Ok(c) = sim.open_cluster(None) {
///             sim.close_cluster(c);
///         }
///     }
/// })?;
/// # Ok::<(), clusapi_sim::DeterminismError>(())
/// ```
pub fn check_determinism(scenario: impl Fn(&Sim)) -> Result<(), DeterminismError> {
    check_determinism_with(&Sim::builder(), scenario)
}

/// As [`check_determinism`], with two simulators built from clones of `builder`.
///
/// # Errors
/// A [`DeterminismError`] naming the first call that differs.
///
/// ```
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use clusapi_sim::Sim;
/// let runs = AtomicUsize::new(0);
/// let err = clusapi_sim::check_determinism_with(&Sim::builder().seed(5), |sim| {
///     // Not deterministic: the second run opens a group the first did not.
///     let c = sim.open_cluster(None).unwrap();
///     if runs.fetch_add(1, Ordering::SeqCst) == 1 {
///         let _ = sim.open_group(c, "Cluster Group");
///     }
///     sim.close_cluster(c);
/// })
/// .unwrap_err();
/// assert_eq!(err.index, 1);
/// assert_eq!(err.second.unwrap().function, "OpenClusterGroup");
/// ```
pub fn check_determinism_with(builder: &SimBuilder, scenario: impl Fn(&Sim)) -> Result<(), DeterminismError> {
    let first = builder.clone().build();
    scenario(&first);
    let second = builder.clone().build();
    scenario(&second);
    compare(&first, &second)
}

/// Runs `scenario` once on a simulator built from `builder` and returns it; when
/// [`CLUSAPI_SIM_CHECK_DETERMINISM`](CHECK_DETERMINISM_ENV)`=1`, runs it on a second one too
/// and compares their traces as [`check_determinism_with`] does (returning the second). So a
/// suite runs its scenarios once by default, and a CI job checks them all with one variable.
///
/// # Errors
/// When checking, a [`DeterminismError`] naming the first call that differs.
///
/// ```
/// use clusapi_sim::Sim;
/// let sim = clusapi_sim::run_checked(&Sim::builder().seed(1), |sim| {
///     let c = sim.open_cluster(None).unwrap();
///     sim.close_cluster(c);
/// })?;
/// assert!(sim.harness().calls().in_order(&["OpenCluster", "CloseCluster"]));
/// # Ok::<(), clusapi_sim::DeterminismError>(())
/// ```
pub fn run_checked(builder: &SimBuilder, scenario: impl Fn(&Sim)) -> Result<Sim, DeterminismError> {
    let first = builder.clone().build();
    scenario(&first);
    if std::env::var_os(CHECK_DETERMINISM_ENV).is_none_or(|v| v != "1") {
        return Ok(first);
    }
    let second = builder.clone().build();
    scenario(&second);
    compare(&first, &second)?;
    Ok(second)
}

/// The first difference between the traces of `a` and `b`.
fn compare(a: &Sim, b: &Sim) -> Result<(), DeterminismError> {
    let (ta, tb) = (a.harness().trace(), b.harness().trace());
    let index = match ta.iter().zip(&tb).position(|(x, y)| x != y) {
        Some(i) => i,
        None if ta.len() == tb.len() => return Ok(()),
        None => ta.len().min(tb.len()),
    };
    Err(DeterminismError {
        index,
        first: ta.get(index).cloned().map(Box::new),
        second: tb.get(index).cloned().map(Box::new),
        seed: a.seed(),
    })
}
