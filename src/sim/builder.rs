//! [`SimBuilder`]: chainable settings, then [`build`](SimBuilder::build).

use std::path::Path;
use std::sync::OnceLock;

use super::Sim;
use crate::fixture::{FixtureError, Topology};
use crate::world::World;

/// Where the simulated clusters come from.
#[derive(Clone, Debug)]
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
///
/// A builder is `Clone`, so that one set of settings can build several simulators (as
/// [`check_determinism`](crate::check_determinism) does).
#[derive(Clone, Debug)]
pub struct SimBuilder {
    source: Source,
    /// `None`: [`SEED_ENV`](super::SEED_ENV), else 0.
    seed: Option<u64>,
    fail_on_leak: bool,
    strict: bool,
    trace_capacity: usize,
    tick_per_call: std::time::Duration,
    faults: Vec<crate::fault::Fault>,
}

impl Default for SimBuilder {
    fn default() -> Self {
        SimBuilder {
            source: Source::Default,
            seed: None,
            fail_on_leak: false,
            strict: false,
            trace_capacity: 4096,
            tick_per_call: std::time::Duration::ZERO,
            faults: Vec::new(),
        }
    }
}

impl SimBuilder {
    /// The seed for generated ids (GUIDs) and for the draws of random faults
    /// ([`Fault::probability`](crate::fault::Fault::probability)). The same seed and fixture give
    /// the same ids. Without it, the seed is [`CLUSAPI_SIM_SEED`](super::SEED_ENV)'s when that
    /// is set, else 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let group_id = |seed: u64| -> clusapi_sim::Result<String> {
    ///     let sim = Sim::builder().seed(seed).build();
    ///     let cluster = sim.open_cluster(None)?;
    ///     let groups = sim.group_open_enum_ex(cluster, &[], &[])?;
    ///     let id = sim.enum_item(groups, 0)?.id;
    ///     sim.close_enum(groups)?;
    ///     sim.close_cluster(cluster);
    ///     Ok(id)
    /// };
    /// assert_eq!(group_id(1)?, group_id(1)?);
    /// assert_ne!(group_id(1)?, group_id(2)?);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Panic when the last clone of the simulator is dropped while handles are still open or
    /// a cluster handle was closed with derived handles open (H8). Off by default.
    ///
    /// This is the leak-only part of the handle verifier: [`strict`](Self::strict) implies it
    /// and adds the handle misuses (double close, use after close, wrong kind, deleted
    /// object), which `fail_on_leak` alone records without failing.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// // A test that closes what it opens drops its simulator quietly.
    /// let sim = Sim::builder().fail_on_leak(true).build();
    /// let cluster = sim.open_cluster(None)?;
    /// sim.close_cluster(cluster);
    /// drop(sim);
    ///
    /// // One that leaks a handle panics when the last clone goes.
    /// let leaky = std::panic::catch_unwind(|| {
    ///     let sim = Sim::builder().fail_on_leak(true).build();
    ///     sim.open_cluster(None).map(drop)
    /// });
    /// assert!(leaky.is_err());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn fail_on_leak(mut self, on: bool) -> Self {
        self.fail_on_leak = on;
        self
    }

    /// The handle verifier's strict mode (H8; off by default). A strict simulator panics when
    /// its last clone is dropped if [`Harness::verify`](crate::Harness::verify) finds anything:
    /// leaked handles and the CloseCluster violation, as [`fail_on_leak`](Self::fail_on_leak)
    /// (which strict implies), and every handle misuse: a double close, a use after close, a
    /// wrong-kind handle, a handle to a deleted object (H2 to H6). The panic message lists each
    /// offending handle with where it was opened; a strict simulator remembers where the last
    /// [`MAX_VIOLATIONS`](crate::MAX_VIOLATIONS) closed handles were opened, so that a stale
    /// value's report can say.
    ///
    /// The calls themselves behave as in off mode, with the real Win32 codes: strict never
    /// panics at the offending call, because a panic inside an export is caught and turned into
    /// `ERROR_INTERNAL_ERROR (1359)`, which would change what the code under test sees. The
    /// process-wide default simulator of the exports is strict when `CLUSAPI_SIM_STRICT=1`
    /// (see [`STRICT_ENV`](crate::STRICT_ENV)).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let failed = std::panic::catch_unwind(|| {
    ///     let sim = Sim::builder().strict(true).build();
    ///     let cluster = sim.open_cluster(None)?;
    ///     let group = sim.open_group(cluster, "Cluster Group")?;
    ///     sim.close_group(group)?;
    ///     // The same code as without strict...
    ///     assert_eq!(sim.close_group(group).unwrap_err().code(), codes::ERROR_INVALID_HANDLE);
    ///     sim.close_cluster(cluster);
    ///     Ok::<(), clusapi_sim::Error>(())
    /// }); // ...and the drop fails the test.
    /// let message = failed.unwrap_err().downcast::<String>().unwrap();
    /// assert!(message.contains("double close: CloseClusterGroup on HGROUP"), "{message}");
    /// ```
    pub fn strict(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }

    /// How many recent calls the trace keeps (default 4096; 0 turns the trace off).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::builder().trace_capacity(2).build();
    /// let cluster = sim.open_cluster(None)?;
    /// let _ = sim.cluster_information(cluster)?;
    /// sim.close_cluster(cluster);
    /// let kept: Vec<_> = sim.harness().trace().iter().map(|e| e.function).collect();
    /// assert_eq!(kept, ["GetClusterInformation", "CloseCluster"]); // the two most recent
    ///
    /// let quiet = Sim::builder().trace_capacity(0).build();
    /// quiet.close_cluster(quiet.open_cluster(None)?);
    /// assert!(quiet.harness().trace().is_empty());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn trace_capacity(mut self, capacity: usize) -> Self {
        self.trace_capacity = capacity;
        self
    }

    /// A scripted fault ([`crate::fault`]) from the first call on; call again for more.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::fault::Fault;
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::builder().fault(Fault::on("OpenCluster").times(1).fail_with(codes::RPC_S_SERVER_UNAVAILABLE)).build();
    /// assert_eq!(sim.open_cluster(None).unwrap_err().code(), 1722, "the first attempt");
    /// let cluster = sim.open_cluster(None)?; // the retry works
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn fault(mut self, fault: crate::fault::Fault) -> Self {
        self.faults.push(fault);
        self
    }

    /// How far the virtual clock moves at the start of every ClusAPI call, through any face
    /// (default: not at all). An unmodified client that polls `GetClusterResourceState` in a
    /// loop until a pending operation completes then sees it complete after so many calls,
    /// without sleeping. Whole milliseconds count; less is ignored.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use clusapi_sim::Sim;
    /// let sim = Sim::builder().tick_per_call(Duration::from_millis(100)).build();
    /// let cluster = sim.open_cluster(None)?; // the clock moves 100 ms
    /// sim.close_cluster(cluster); // and 100 ms more
    /// assert_eq!(sim.harness().now(), Duration::from_millis(200));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn tick_per_call(mut self, tick: std::time::Duration) -> Self {
        self.tick_per_call = tick;
        self
    }

    /// Simulate the clusters described by a TOML fixture (see [`crate::fixture`]).
    ///
    /// # Errors
    /// A [`FixtureError`] naming the line, key and value at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let sim = Sim::builder()
    ///     .fixture_str(r#"
    ///         [[cluster]]
    ///         name = "LAB"
    ///         [[cluster.node]]
    ///         name = "LAB-N1"
    ///         [[cluster.node]]
    ///         name = "LAB-N2"
    ///     "#)?
    ///     .build();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node(cluster, "LAB-N2")?;
    /// assert_eq!(sim.node_id(node)?, "2");
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    ///
    /// // A mistake is reported with where it is.
    /// let err = Sim::builder().fixture_str("[[cluster]]\nname = \"LAB\"\ncolour = \"blue\"\n").unwrap_err();
    /// assert!(err.to_string().contains("colour"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fixture_str(mut self, text: &str) -> Result<Self, FixtureError> {
        let topology = Topology::parse(text)?;
        self.faults.extend(topology.faults().iter().cloned());
        self.source = Source::Topology(Box::new(topology));
        Ok(self)
    }

    /// Simulate the clusters described by a TOML fixture file.
    ///
    /// # Errors
    /// A [`FixtureError`] for an unreadable file or an invalid fixture.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// let path = std::env::temp_dir().join(format!("clusapi-sim-doc-{}.toml", std::process::id()));
    /// std::fs::write(&path, "[[cluster]]\nname = \"LAB\"\n[[cluster.node]]\nname = \"LAB-N1\"\n")?;
    /// let sim = Sim::builder().fixture_file(&path)?.build();
    /// std::fs::remove_file(&path)?;
    /// let cluster = sim.open_cluster(Some("LAB-N1"))?;
    /// assert_eq!(sim.cluster_information(cluster)?.name, "LAB");
    /// sim.close_cluster(cluster);
    ///
    /// assert!(Sim::builder().fixture_file(&path).is_err()); // the file is gone
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fixture_file(self, path: impl AsRef<Path>) -> Result<Self, FixtureError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| FixtureError::io(path, &e))?;
        self.fixture_str(&text)
    }

    /// Simulate a world built in code ([`World::new`] checked its invariants, so every
    /// `World` value satisfies them).
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// use clusapi_sim::world::{ClusterBuilder, NodeState, World};
    /// let mut lab = ClusterBuilder::new("LAB", "lab.example.com", 1);
    /// lab.add_node("LAB-N1", None, NodeState::Up)?;
    /// lab.add_node("LAB-N2", None, NodeState::Paused)?;
    /// let sim = Sim::builder().world(World::new(vec![lab.build()], 0)?).build();
    /// let cluster = sim.open_cluster(Some("lab.example.com"))?;
    /// let node = sim.open_node(cluster, "LAB-N2")?;
    /// assert_eq!(sim.node_state(node)?, NodeState::Paused);
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn world(mut self, world: World) -> Self {
        self.source = Source::World(Box::new(world));
        self
    }

    /// Builds the simulator.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::Sim;
    /// // No source given: the embedded default cluster, as `Sim::default()`.
    /// let sim = Sim::builder().build();
    /// let cluster = sim.open_cluster(None)?;
    /// assert_eq!(sim.cluster_information(cluster)?.fqdn, "CONTOSO-CLU1.contoso.com");
    /// sim.close_cluster(cluster);
    /// assert!(sim.harness().check_leaks().is_ok());
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    ///
    /// # Panics
    /// When no seed was given and [`CLUSAPI_SIM_SEED`](super::SEED_ENV) is set to something
    /// other than a `u64` (decimal, or hexadecimal after `0x`).
    pub fn build(self) -> Sim {
        let seed = self.seed.unwrap_or_else(super::current::env_seed);
        let world = match self.source {
            // The default cluster with the default seed is built once per process and cloned:
            // `Sim::default()` is on every test's path.
            Source::Default if seed == 0 => {
                static DEFAULT_WORLD: OnceLock<World> = OnceLock::new();
                DEFAULT_WORLD.get_or_init(|| Topology::default_cluster().build(0)).clone()
            }
            Source::Default => Topology::default_cluster().build(seed),
            Source::Topology(t) => t.build(seed),
            Source::World(w) => *w,
        };
        let sim = Sim::from_world(
            world,
            self.fail_on_leak,
            self.strict,
            self.trace_capacity,
            seed,
            self.tick_per_call,
        );
        sim.shared.state.lock().faults = self.faults;
        sim
    }
}

impl Sim {
    /// A simulator of the clusters in a TOML fixture, with seed 0 (or
    /// [`CLUSAPI_SIM_SEED`](super::SEED_ENV)'s).
    ///
    /// # Errors
    /// A [`FixtureError`] naming the line, key and value at fault.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::from_fixture_str(r#"
    ///     [[cluster]]
    ///     name = "LAB"
    ///     [[cluster.node]]
    ///     name = "LAB-N1"
    ///     [[cluster.group]]
    ///     name = "Web"
    ///     state = "offline"
    /// "#)?;
    /// assert_eq!(sim.seed(), 0);
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.open_group(cluster, "web")?;
    /// assert_eq!(sim.group_state(web)?.owner_node, "LAB-N1");
    /// let err = sim.open_group(cluster, "Cluster Group").unwrap_err();
    /// assert_eq!(err.code(), codes::ERROR_GROUP_NOT_FOUND);
    /// # sim.close_group(web)?;
    /// # sim.close_cluster(cluster);
    ///
    /// let err = Sim::from_fixture_str("[[cluster]]\n[[cluster.node]]\nname = \"N1\"\n").unwrap_err();
    /// assert!(err.to_string().contains("name"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_fixture_str(text: &str) -> Result<Sim, FixtureError> {
        Ok(Sim::builder().fixture_str(text)?.build())
    }
}
