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
        }
    }

    /// Only calls on the object named `name` (ignoring case): the object behind one of its
    /// recorded handle arguments (the state-changing calls record theirs: `group`, `resource`,
    /// `node`, ...), or the name it opens (`Open*`). The state getters and enumerations record
    /// no object, so a fault on them matches by function and count only.
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

    /// Whether the fault acts on a call of `function` with the recorded arguments `names`
    /// (the names among them: objects behind handles and names opened), counting it.
    pub(crate) fn fires(&mut self, function: &str, names: &[&str]) -> Option<Effect> {
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
        fires.then(|| self.effect.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_matches_by_function_object_and_count() {
        let mut f = Fault::on("OpenClusterGroup").object("web").nth(2).fail_with(8);
        assert_eq!(f.fires("OpenClusterGroup", &["Other"]), None, "another object: not counted");
        assert_eq!(f.fires("OpenClusterGroup", &["WEB"]), None, "the first");
        assert_eq!(f.fires("OpenClusterGroupEx", &["WEB"]), None, "another function");
        assert_eq!(f.fires("OpenClusterGroup", &["Web"]), Some(Effect::Error(8)), "the second");
        assert_eq!(f.fires("OpenClusterGroup", &["Web"]), None, "only the second");
        let mut g = Fault::any().times(2).effect(Effect::Unreachable);
        assert_eq!(g.fires("OpenCluster", &[]), Some(Effect::Unreachable));
        assert_eq!(g.fires("CloseCluster", &[]), Some(Effect::Unreachable));
        assert_eq!(g.fires("OpenCluster", &[]), None);
    }
}
