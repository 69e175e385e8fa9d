//! Scripted faults: rules that make a call fail, or make something happen to the cluster just
//! before a call, so that a test can see how the code under test copes.
//!
//! A [`Fault`] matches calls by function (or any), by object (a name among the call's
//! recorded arguments: the object behind a handle of a state-changing call, or the name an
//! `Open*` call asks for), and
//! by count (every matching call, the `n`-th, or the first `n`). They key off the one record
//! each call makes ([`TraceEntry`](crate::TraceEntry)'s function and arguments), through any
//! face. Its effect is one of [`Effect`]; a call a fault fails changes nothing, and is traced
//! with the code it failed with. Add them with [`SimBuilder::fault`](crate::SimBuilder::fault)
//! or, while a test runs, [`Harness::add_fault`](crate::Harness::add_fault).
//!
//! ```
//! use clusapi_sim::fault::Fault;
//! use clusapi_sim::{Sim, codes};
//! let sim = Sim::builder()
//!     .fault(Fault::on("OpenClusterGroup").object("SQL Server (MSSQLSERVER)").nth(2).fail_with(codes::ERROR_NOT_ENOUGH_MEMORY))
//!     .build();
//! let cluster = sim.open_cluster(None)?;
//! let first = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
//! assert_eq!(sim.open_group(cluster, "SQL Server (MSSQLSERVER)").unwrap_err().code(), 8, "the second");
//! let third = sim.open_group(cluster, "sql server (mssqlserver)")?;
//! # sim.close_cluster(cluster);
//! # let _ = (first, third);
//! # Ok::<(), clusapi_sim::Error>(())
//! ```

use crate::world::eq_ignore_case;

/// Which matching calls a fault acts on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum When {
    /// Every one.
    Always,
    /// Only the `n`-th (1 for the first).
    Nth(u64),
    /// The first `n`.
    First(u64),
}

/// What a fault does to the call it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Effect {
    /// The call fails with this Win32 code, the function's way (a NULL handle and the last
    /// error, FALSE and the last error, the code itself...), and changes nothing.
    Error(u32),
    /// The resource with this name fails (as `FailClusterResource` would make it, its restart
    /// policy then running) just before the call runs; the call then runs as usual.
    FailResource(String),
    /// The node with this name goes down (as [`Harness::node_down`](crate::Harness::node_down))
    /// just before the call runs; the call then runs as usual. This is how a test makes a
    /// change happen between two calls of the client, e.g. between its enumeration and its
    /// notification port.
    NodeDown(String),
    /// From this call on, the cluster is unreachable: every call fails with
    /// `RPC_S_SERVER_UNAVAILABLE (1722)` (the close functions still close, as the client side
    /// of a context handle does), until [`Harness::reconnect`](crate::Harness::reconnect).
    Unreachable,
    /// The resource with this name hangs: the online or offline it is in, or starts from now
    /// on, stays pending (`ERROR_IO_PENDING`, OnlinePending / OfflinePending) and never
    /// completes, its PendingTimeout included, until
    /// [`Harness::clear_faults`](crate::Harness::clear_faults) releases it; from then on each
    /// operation takes its delay again. A client's wait with a timeout sees it time out.
    Hang(String),
}

/// A scripted fault; see the [module docs](self).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    function: Option<String>,
    object: Option<String>,
    when: When,
    effect: Effect,
    /// How many calls it has matched.
    matched: u64,
    /// The chance that a call it selects fires it ([`Fault::probability`]), as `f64` bits (so
    /// that `Fault` stays `Eq`); `None` is 1.
    chance: Option<u64>,
    /// How long after the call its effect happens, in virtual milliseconds ([`Fault::after`]).
    delay_ms: u64,
}

/// The fault PRNG: [splitmix64](https://prng.di.unimi.it/splitmix64.c) (Steele, Lea and
/// Flood's generator, as `java.util.SplittableRandom` has it). The state starts as the
/// simulator's [seed](crate::Sim::seed); each draw adds the golden-ratio increment and mixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FaultRng(u64);

impl FaultRng {
    /// A generator seeded with `seed`.
    pub(crate) fn new(seed: u64) -> FaultRng {
        FaultRng(seed)
    }

    /// The next 64 bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform draw in `[0, 1)`: the top 53 bits.
    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

impl Fault {
    /// A fault on the calls of `function` (its ClusAPI name as traced, e.g.
    /// `"OnlineClusterResource"`; `"MoveClusterGroupEx"` is another function), failing with
    /// `ERROR_INTERNAL_ERROR` until told otherwise.
    pub fn on(function: &str) -> Fault {
        Fault { function: Some(function.into()), ..Fault::any() }
    }

    /// A fault on every call, whatever its function.
    pub fn any() -> Fault {
        Fault {
            function: None,
            object: None,
            when: When::Always,
            effect: Effect::Error(crate::codes::ERROR_INTERNAL_ERROR),
            matched: 0,
            chance: None,
            delay_ms: 0,
        }
    }

    /// A random fault on every call, whatever its function: [`Fault::any`] with
    /// [`probability`](Self::probability) `p`.
    ///
    /// # Panics
    /// When `p` is not in `[0, 1]`.
    ///
    /// ```
    /// use clusapi_sim::fault::Fault;
    /// use clusapi_sim::Sim;
    /// let sim = Sim::builder().seed(3).fault(Fault::random(1.0).fail_with(5)).build();
    /// assert_eq!(sim.open_cluster(None).unwrap_err().code(), 5, "1 always fires");
    /// ```
    pub fn random(p: f64) -> Fault {
        Fault::any().probability(p)
    }

    /// Each call the fault selects (by function, object and count) fires it with probability
    /// `p` (0 never, 1 always, as without this), drawn from the simulator's fault generator:
    /// one draw per selected call, in call order, from one [splitmix64] stream per simulator
    /// seeded with its [seed](crate::Sim::seed) and shared by its random faults in the order
    /// added. So the same seed, faults and calls give the same faults, and a failing run
    /// replays with [`CLUSAPI_SIM_SEED`](crate::SEED_ENV).
    ///
    /// [splitmix64]: https://prng.di.unimi.it/splitmix64.c
    ///
    /// # Panics
    /// When `p` is not in `[0, 1]`.
    ///
    /// ```
    /// use clusapi_sim::fault::Fault;
    /// use clusapi_sim::Sim;
    /// let fired = |seed: u64| {
    ///     let sim = Sim::builder().seed(seed).fault(Fault::on("OpenCluster").probability(0.5).fail_with(5)).build();
    ///     (0..64)
    ///         .map(|_| match sim.open_cluster(None) {
    ///             Ok(c) => { sim.close_cluster(c); false }
    ///             Err(_) => true,
    ///         })
    ///         .collect::<Vec<bool>>()
    /// };
    /// assert_eq!(fired(9), fired(9), "the same seed, the same faults");
    /// assert_ne!(fired(9), fired(10));
    /// ```
    pub fn probability(mut self, p: f64) -> Fault {
        assert!((0.0..=1.0).contains(&p), "a fault's probability must be in [0, 1], not {p}");
        self.chance = Some(p.to_bits());
        self
    }

    /// Only calls on the object named `name` (ignoring case): the object behind one of its
    /// recorded handle arguments (the state-changing calls, the control calls, the state
    /// getters `GetClusterGroupState` and `GetClusterResourceState` record theirs: `group`,
    /// `resource`, `node`, ...), or the name it opens (`Open*`). The enumerations and the
    /// closes record no object, so a fault on them matches by function and count only.
    pub fn object(mut self, name: &str) -> Fault {
        self.object = Some(name.into());
        self
    }

    /// Only the `n`-th matching call (1 for the first).
    pub fn nth(mut self, n: u64) -> Fault {
        self.when = When::Nth(n);
        self
    }

    /// Only the first `n` matching calls.
    pub fn times(mut self, n: u64) -> Fault {
        self.when = When::First(n);
        self
    }

    /// The call fails with `code` (see [`Effect::Error`]).
    pub fn fail_with(self, code: u32) -> Fault {
        self.effect(Effect::Error(code))
    }

    /// The fault has `effect`.
    pub fn effect(mut self, effect: Effect) -> Fault {
        self.effect = effect;
        self
    }

    /// The effect happens `delay` of virtual time after the call it fires on, rather than just
    /// before it (the call itself then runs as usual): the resource fails, the node goes down,
    /// the resource hangs or the cluster becomes unreachable when the virtual clock passes
    /// that time (as [`Harness::advance`](crate::Harness::advance) moves it, or a wait on a
    /// notification port). An [`Effect::Error`] fails the call it fires on: it cannot wait.
    ///
    /// ```
    /// use std::time::Duration;
    /// use clusapi_sim::fault::{Effect, Fault};
    /// use clusapi_sim::{ResourceState, Sim};
    /// let sim = Sim::builder()
    ///     .fault(Fault::on("OpenClusterResource").times(1).effect(Effect::FailResource("Cluster Disk 2".into())).after(Duration::from_secs(5)))
    ///     .build();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 2")?;
    /// assert_eq!(sim.resource_state(disk)?.state, ResourceState::Online, "not yet");
    /// sim.harness().advance(Duration::from_secs(5));
    /// assert_eq!(sim.resource_state(disk)?.state, ResourceState::Failed, "5 s later");
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn after(mut self, delay: std::time::Duration) -> Fault {
        self.delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX);
        self
    }

    /// Whether the fault acts on a call of `function` with the recorded arguments `names`
    /// (the names among them: objects behind handles and names opened), counting it.
    /// A random fault ([`probability`](Self::probability)) draws from `rng`.
    #[cfg(test)]
    pub(crate) fn fires(&mut self, function: &str, names: &[&str], rng: &mut FaultRng) -> Option<Effect> {
        self.fires_at(function, names, rng).map(|(e, _)| e)
    }

    /// As [`fires`](Self::fires), with the effect's delay in virtual milliseconds.
    pub(crate) fn fires_at(
        &mut self,
        function: &str,
        names: &[&str],
        rng: &mut FaultRng,
    ) -> Option<(Effect, u64)> {
        if self.function.as_deref().is_some_and(|f| f != function) {
            return None;
        }
        if let Some(object) = &self.object {
            if !names.iter().any(|n| eq_ignore_case(n, object)) {
                return None;
            }
        }
        self.matched += 1;
        let fires = match self.when {
            When::Always => true,
            When::Nth(n) => self.matched == n,
            When::First(n) => self.matched <= n,
        };
        let fires = fires
            && match self.chance {
                None => true,
                Some(p) => rng.next_f64() < f64::from_bits(p),
            };
        fires.then(|| (self.effect.clone(), self.delay_ms))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_matches_by_function_object_and_count() {
        let r = &mut FaultRng::new(0);
        let mut f = Fault::on("OpenClusterGroup").object("web").nth(2).fail_with(8);
        assert_eq!(f.fires("OpenClusterGroup", &["Other"], r), None, "another object: not counted");
        assert_eq!(f.fires("OpenClusterGroup", &["WEB"], r), None, "the first");
        assert_eq!(f.fires("OpenClusterGroupEx", &["WEB"], r), None, "another function");
        assert_eq!(f.fires("OpenClusterGroup", &["Web"], r), Some(Effect::Error(8)), "the second");
        assert_eq!(f.fires("OpenClusterGroup", &["Web"], r), None, "only the second");
        let mut g = Fault::any().times(2).effect(Effect::Unreachable);
        assert_eq!(g.fires("OpenCluster", &[], r), Some(Effect::Unreachable));
        assert_eq!(g.fires("CloseCluster", &[], r), Some(Effect::Unreachable));
        assert_eq!(g.fires("OpenCluster", &[], r), None);
    }
}

#[cfg(test)]
mod rng_tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_output() {
        // The first output of splitmix64.c seeded with 0.
        let mut r = FaultRng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn draws_stay_in_the_unit_interval() {
        let mut r = FaultRng::new(0);
        assert!((0..10_000).map(|_| r.next_f64()).all(|x| (0.0..1.0).contains(&x)));
    }
}
