//! [`Harness`]: the test driver's side of a simulator, kept apart from the ClusAPI mirror.
//!
//! The methods of [`Sim`] are the ClusAPI, one per function. What a test does *to* the
//! simulator, or asks it, that no ClusAPI client could (list the open handles, read the
//! trace, look at the world behind a handle) lives here, behind [`Sim::harness`]. None of it is
//! recorded in the trace, and none of it runs user code under the simulator's lock.

use std::fmt::Write as _;

use super::{Sim, Violation};
use crate::error::Result;
use crate::handle_types::{GroupHandle, NodeHandle, ResourceHandle};
use crate::handles::OpenHandle;
use crate::trace::TraceEntry;
use crate::world::{Group, Node, Resource, World};

/// The test driver's view of a [`Sim`]: inspection and evidence, not ClusAPI calls. Get one
/// with [`Sim::harness`]; it borrows the simulator and is cheap to make.
///
/// ```
/// use clusapi_sim::Sim;
/// let sim = Sim::default();
/// let cluster = sim.open_cluster(None)?;
/// assert_eq!(sim.harness().open_handles().len(), 1);
/// sim.close_cluster(cluster);
/// assert!(sim.harness().check_leaks().is_ok());
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Harness<'a> {
    sim: &'a Sim,
}

impl Sim {
    /// The test driver's view of this simulator: open handles, violations, the trace, the
    /// world. See [`Harness`].
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let nodes = sim.harness().inspect(|w| w.local_cluster().nodes().len());
    /// assert!(nodes >= 2);
    /// ```
    pub fn harness(&self) -> Harness<'_> {
        Harness { sim: self }
    }
}

impl Harness<'_> {
    /// Every handle still open, with where it was opened (H8).
    ///
    /// ```
    /// use clusapi_sim::{Kind, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let open = sim.harness().open_handles();
    /// assert_eq!(open.len(), 1);
    /// assert_eq!(open[0].kind, Kind::Cluster);
    /// assert!(open[0].origin.to_string().contains(file!()), "opened here");
    /// sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn open_handles(&self) -> Vec<OpenHandle> {
        self.sim.shared.state.lock().handles.open_handles()
    }

    /// The rules broken so far that the real library would not have reported: the first
    /// [`MAX_VIOLATIONS`](crate::MAX_VIOLATIONS), so that a long run cannot grow without bound
    /// (see [`violation_count`](Self::violation_count) for all of them).
    ///
    /// ```
    /// use clusapi_sim::{Sim, Violation};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let _group = sim.open_group(cluster, "Cluster Group")?;
    /// sim.close_cluster(cluster); // with the group still open
    /// let violations = sim.harness().violations();
    /// assert!(matches!(violations[..], [Violation::ClusterClosedWithOpenHandles { derived: 1, .. }]));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn violations(&self) -> Vec<Violation> {
        self.sim.shared.state.lock().violations.clone()
    }

    /// How many violations were recorded in all, also past the cap of
    /// [`violations`](Self::violations).
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// for _ in 0..3 {
    ///     let cluster = sim.open_cluster(None)?;
    ///     sim.open_group(cluster, "Cluster Group")?;
    ///     sim.close_cluster(cluster);
    /// }
    /// assert_eq!(sim.harness().violation_count(), 3);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn violation_count(&self) -> u64 {
        self.sim.shared.state.lock().violation_count
    }

    /// The most recent calls, oldest first (as many as the builder's
    /// [`trace_capacity`](crate::SimBuilder::trace_capacity) keeps).
    ///
    /// ```
    /// use clusapi_sim::{Face, Sim};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// assert!(sim.open_group(cluster, "No Such Group").is_err());
    /// sim.close_cluster(cluster);
    /// let trace = sim.harness().trace();
    /// let calls: Vec<_> = trace.iter().map(|e| (e.function, e.result)).collect();
    /// assert_eq!(calls, [("OpenCluster", 0), ("OpenClusterGroup", 5013), ("CloseCluster", 0)]);
    /// assert_eq!(trace[1].face, Face::Rust);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn trace(&self) -> Vec<TraceEntry> {
        self.sim.shared.state.lock().trace.entries()
    }

    /// Checks that no handle is open and no violation was recorded.
    ///
    /// # Errors
    /// A readable report listing each leaked handle with its origin, and each violation.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let report = sim.harness().check_leaks().unwrap_err();
    /// assert!(report.contains("leaked HCLUSTER"), "{report}");
    /// sim.close_cluster(cluster);
    /// assert_eq!(sim.harness().check_leaks(), Ok(()));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn check_leaks(&self) -> std::result::Result<(), String> {
        let st = self.sim.shared.state.lock();
        if st.handles.is_empty() && st.violations.is_empty() {
            return Ok(());
        }
        let mut report = String::new();
        for h in st.handles.open_handles() {
            let _ = writeln!(report, "leaked {} {:?} opened at {}", h.kind.type_name(), h.handle, h.origin);
        }
        for v in &st.violations {
            let _ = writeln!(report, "{v}");
        }
        Err(report)
    }

    /// A copy of the simulated world, for assertions.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let world = sim.harness().world();
    /// assert!(world.local_cluster().find_group("Cluster Group").is_some());
    /// ```
    pub fn world(&self) -> World {
        self.sim.shared.state.lock().world().clone()
    }

    /// Runs `f` on a snapshot of the world, for assertions that would rather not copy it.
    /// The snapshot is taken under the lock and `f` runs after it is released (no user code
    /// runs under the simulator's lock), so `f` may call the simulator, or format it.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let groups = sim.harness().inspect(|w| w.local_cluster().groups().len());
    /// // The closure may call back into the simulator.
    /// let handles = sim.harness().inspect(|_| sim.harness().open_handles().len());
    /// assert!(groups > 0);
    /// assert_eq!(handles, 0);
    /// ```
    pub fn inspect<R>(&self, f: impl FnOnce(&World) -> R) -> R {
        let snapshot = self.sim.shared.state.lock().engine.snapshot();
        f(&snapshot)
    }

    /// The node a node handle refers to, as the world holds it now. Not a ClusAPI call: it
    /// is not traced.
    ///
    /// # Errors
    /// As the ClusAPI calls on that handle: `ERROR_INVALID_HANDLE`, or
    /// `ERROR_NODE_NOT_AVAILABLE` for an evicted node.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let node = sim.open_node_by_id(cluster, 1)?;
    /// assert_eq!(sim.harness().node(node)?.id, 1);
    /// # sim.close_node(node)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn node(&self, h: NodeHandle) -> Result<Node> {
        Ok(self.sim.shared.state.lock().node(h)?.1.clone())
    }

    /// The group a group handle refers to, as the world holds it now. Not traced.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`, or `ERROR_GROUP_NOT_AVAILABLE` for a deleted group.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let group = sim.open_group(cluster, "cluster group")?;
    /// assert_eq!(sim.harness().group(group)?.name, "Cluster Group");
    /// # sim.close_group(group)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn group(&self, h: GroupHandle) -> Result<Group> {
        Ok(self.sim.shared.state.lock().group(h)?.1.clone())
    }

    /// The resource a resource handle refers to, as the world holds it now. Not traced.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE`, or `ERROR_RESOURCE_NOT_AVAILABLE` for a deleted resource.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let disk = sim.open_resource(cluster, "Cluster Disk 1")?;
    /// assert_eq!(sim.harness().resource(disk)?.resource_type, "Physical Disk");
    /// # sim.close_resource(disk)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn resource(&self, h: ResourceHandle) -> Result<Resource> {
        Ok(self.sim.shared.state.lock().resource(h)?.1.clone())
    }
}
