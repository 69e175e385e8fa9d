//! [`SimBuilder`]: chainable settings, then [`build`](SimBuilder::build).

use std::path::Path;
use std::sync::OnceLock;

use super::Sim;
use crate::fixture::{FixtureError, Topology};
use crate::world::World;

/// Where the simulated clusters come from.
#[derive(Debug)]
enum Source {
    Default,
    Topology(Box<Topology>),
    World(Box<World>),
}

/// Builds a [`Sim`].
///
/// ```
/// use clusapi_sim::Sim;
/// let sim = Sim::builder()
///     .seed(7)
///     .fixture_str(r#"
///         [[cluster]]
///         name = "LAB"
///         [[cluster.node]]
///         name = "LAB-N1"
///     "#)?
///     .build();
/// let c = sim.open_cluster(Some("lab-n1"))?;
/// assert_eq!(sim.cluster_information(c)?.name, "LAB");
/// sim.close_cluster(c);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct SimBuilder {
    source: Source,
    seed: u64,
    fail_on_leak: bool,
    trace_capacity: usize,
}

impl Default for SimBuilder {
    fn default() -> Self {
        SimBuilder { source: Source::Default, seed: 0, fail_on_leak: false, trace_capacity: 4096 }
    }
}

impl SimBuilder {
    /// The seed for generated ids (GUIDs). The same seed and fixture give the same ids.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Panic when the last clone of the simulator is dropped while handles are still open or
    /// a cluster handle was closed with derived handles open (H8). Off by default.
    pub fn fail_on_leak(mut self, on: bool) -> Self {
        self.fail_on_leak = on;
        self
    }

    /// How many recent calls the trace keeps (default 4096; 0 turns the trace off).
    pub fn trace_capacity(mut self, capacity: usize) -> Self {
        self.trace_capacity = capacity;
        self
    }

    /// Simulate the clusters described by a TOML fixture (see [`crate::fixture`]).
    ///
    /// # Errors
    /// A [`FixtureError`] naming the line, key and value at fault.
    pub fn fixture_str(mut self, text: &str) -> Result<Self, FixtureError> {
        self.source = Source::Topology(Box::new(Topology::parse(text)?));
        Ok(self)
    }

    /// Simulate the clusters described by a TOML fixture file.
    ///
    /// # Errors
    /// A [`FixtureError`] for an unreadable file or an invalid fixture.
    pub fn fixture_file(self, path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| FixtureError::io(path, &e))?;
        self.fixture_str(&text)
    }

    /// Simulate a world built in code ([`World::new`] checked its invariants, so every
    /// `World` value satisfies them).
    pub fn world(mut self, world: World) -> Self {
        self.source = Source::World(Box::new(world));
        self
    }

    /// Builds the simulator.
    pub fn build(self) -> Sim {
        let world = match self.source {
            // The default cluster with the default seed is built once per process and cloned:
            // `Sim::default()` is on every test's path.
            Source::Default if self.seed == 0 => {
                static DEFAULT_WORLD: OnceLock<World> = OnceLock::new();
                DEFAULT_WORLD.get_or_init(|| Topology::default_cluster().build(0)).clone()
            }
            Source::Default => Topology::default_cluster().build(self.seed),
            Source::Topology(t) => t.build(self.seed),
            Source::World(w) => *w,
        };
        Sim::from_world(world, self.fail_on_leak, self.trace_capacity, self.seed)
    }
}

impl Sim {
    /// A simulator of the clusters in a TOML fixture, with seed 0.
    ///
    /// # Errors
    /// A [`FixtureError`] naming the line, key and value at fault.
    pub fn from_fixture_str(text: &str) -> Result<Sim, FixtureError> {
        Ok(Sim::builder().fixture_str(text)?.build())
    }
}
