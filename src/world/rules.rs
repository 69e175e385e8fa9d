//! The rules of a cluster, each written once.
//!
//! Three callers share them: the planners in [`plan`](super::plan) (a change that would break a
//! rule is refused before anything changes), the invariant check in
//! [`invariants`](super::invariants) (a world that breaks one is a bug), and the fixture
//! validator (which maps a [`RuleError`] to the line, key and value at fault). So the
//! dependency-cycle search, "an online resource has online providers" and name uniqueness each
//! exist here and nowhere else.

use std::fmt;
use std::hash::Hash;

use super::state::ResourceState;
use crate::error::{Error, codes};

/// The kinds of named object whose names are unique within a cluster (ignoring case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedKind {
    /// A node (NetBIOS name).
    Node,
    /// A group (its name and its GUID share one name space: `OpenClusterGroup` takes either).
    Group,
    /// A resource.
    Resource,
    /// A resource type.
    ResourceType,
    /// A network.
    Network,
    /// A net interface.
    NetInterface,
    /// A group set.
    GroupSet,
}

impl NamedKind {
    /// The word for the kind in messages, e.g. `"group"`.
    pub fn word(self) -> &'static str {
        match self {
            NamedKind::Node => "node",
            NamedKind::Group => "group",
            NamedKind::Resource => "resource",
            NamedKind::ResourceType => "resource type",
            NamedKind::Network => "network",
            NamedKind::NetInterface => "net interface",
            NamedKind::GroupSet => "group set",
        }
    }
}

/// A broken rule. Each names the object at fault and the field that breaks it, so that the
/// fixture layer can point at the line, key and value, and the API layer can give the Win32
/// code ([`RuleError::code`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleError {
    /// Field `name` of a new object is empty.
    EmptyName {
        /// The kind of object.
        kind: NamedKind,
    },
    /// Field `name` equals (ignoring case) the name of another object of the same kind.
    DuplicateName {
        /// The kind of object.
        kind: NamedKind,
        /// The name as given.
        name: String,
    },
    /// Field `depends_on` of `resource` names the resource itself.
    SelfDependency {
        /// The resource.
        resource: String,
    },
    /// Field `depends_on` of `dependent` names `provider`, which is in another group.
    CrossGroupDependency {
        /// The dependent resource.
        dependent: String,
        /// The provider in another group.
        provider: String,
    },
    /// Field `depends_on` of `dependent` names `provider` twice.
    DuplicateDependency {
        /// The dependent resource.
        dependent: String,
        /// The provider named twice.
        provider: String,
    },
    /// Field `depends_on` closes a cycle; `path` runs from a resource back to itself.
    DependencyCycle {
        /// The resources on the cycle, the first repeated at the end.
        path: Vec<String>,
    },
    /// Field `state` of `resource` is online, but its provider `provider` is not.
    ProviderNotOnline {
        /// The online resource.
        resource: String,
        /// Its provider.
        provider: String,
        /// The provider's state.
        provider_state: ResourceState,
    },
}

impl RuleError {
    /// The field of the object at fault: `"name"`, `"depends_on"` or `"state"`.
    pub fn field(&self) -> &'static str {
        match self {
            RuleError::EmptyName { .. } | RuleError::DuplicateName { .. } => "name",
            RuleError::SelfDependency { .. }
            | RuleError::CrossGroupDependency { .. }
            | RuleError::DuplicateDependency { .. }
            | RuleError::DependencyCycle { .. } => "depends_on",
            RuleError::ProviderNotOnline { .. } => "state",
        }
    }

    /// The Win32 code an API call that would break the rule fails with.
    ///
    /// * An empty name: `ERROR_INVALID_NAME`.
    /// * A duplicate: `ERROR_OBJECT_ALREADY_EXISTS` (MS-CMRP ApiCreateGroup, ApiCreateResource);
    ///   `ERROR_ALREADY_EXISTS` for a resource type (ApiCreateResourceType).
    /// * A dependency on itself or closing a cycle: `ERROR_CIRCULAR_DEPENDENCY`; across groups:
    ///   `ERROR_INVALID_PARAMETER`; twice: `ERROR_DEPENDENCY_ALREADY_EXISTS`
    ///   (AddClusterResourceDependency page).
    /// * An online resource whose provider is not online: no call can reach that state (the
    ///   service brings providers online first), so it is a broken invariant,
    ///   `ERROR_INTERNAL_ERROR`.
    pub fn code(&self) -> u32 {
        match self {
            RuleError::EmptyName { .. } => codes::ERROR_INVALID_NAME,
            RuleError::DuplicateName { kind: NamedKind::ResourceType, .. } => codes::ERROR_ALREADY_EXISTS,
            RuleError::DuplicateName { .. } => codes::ERROR_OBJECT_ALREADY_EXISTS,
            RuleError::SelfDependency { .. } | RuleError::DependencyCycle { .. } => {
                codes::ERROR_CIRCULAR_DEPENDENCY
            }
            RuleError::CrossGroupDependency { .. } => codes::ERROR_INVALID_PARAMETER,
            RuleError::DuplicateDependency { .. } => codes::ERROR_DEPENDENCY_ALREADY_EXISTS,
            RuleError::ProviderNotOnline { .. } => codes::ERROR_INTERNAL_ERROR,
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleError::EmptyName { kind } => write!(f, "a {} name must not be empty", kind.word()),
            RuleError::DuplicateName { kind, name } => {
                write!(f, "duplicate {} name {name:?} (names ignore case)", kind.word())
            }
            RuleError::SelfDependency { resource } => {
                write!(f, "dependency cycle: {resource:?} depends on itself")
            }
            RuleError::CrossGroupDependency { dependent, provider } => write!(
                f,
                "{dependent:?} depends on {provider:?} in another group: dependencies must stay within one group"
            ),
            RuleError::DuplicateDependency { dependent, provider } => {
                write!(f, "resource {dependent:?} lists {provider:?} twice")
            }
            RuleError::DependencyCycle { path } => write!(f, "dependency cycle: {}", path.join(" -> ")),
            RuleError::ProviderNotOnline { resource, provider, provider_state } => {
                let shown = match provider_state {
                    ResourceState::Failed => "failed".to_string(),
                    ResourceState::Offline => "offline".to_string(),
                    other => format!("{other:?}"),
                };
                write!(f, "resource {resource:?} is online, but its provider {provider:?} is {shown}")
            }
        }
    }
}

impl std::error::Error for RuleError {}

impl From<RuleError> for Error {
    fn from(e: RuleError) -> Error {
        Error::new(e.code())
    }
}

/// Rule: a new object's name is not empty and not `taken` by another object of its kind
/// (names compare ignoring case, as [`eq_ignore_case`](super::eq_ignore_case) and the name
/// indexes do).
///
/// # Errors
/// [`RuleError::EmptyName`] or [`RuleError::DuplicateName`].
pub fn name_is_free(kind: NamedKind, name: &str, taken: bool) -> Result<(), RuleError> {
    if name.is_empty() {
        return Err(RuleError::EmptyName { kind });
    }
    if taken {
        return Err(RuleError::DuplicateName { kind, name: name.into() });
    }
    Ok(())
}

/// A dependency cycle found by [`find_cycle`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle<N> {
    /// The resources on the cycle, in dependency order, the first repeated at the end.
    pub path: Vec<N>,
    /// The dependency that closes the cycle: the resource, and the index of the provider in
    /// its dependency list.
    pub closing: (N, usize),
}

/// Rule: dependencies are acyclic. Searches the graph whose nodes are `starts` and whose
/// edges are `provider(node, i)`, the `i`-th provider of `node` (`None` past the last), with
/// an iterative three-colour depth-first search, and returns the first cycle found.
/// Providers that are not among `starts`' reach are followed all the same.
pub fn find_cycle<N: Copy + Eq + Hash>(
    starts: impl IntoIterator<Item = N>,
    provider: impl Fn(N, usize) -> Option<N>,
) -> Option<Cycle<N>> {
    use std::collections::HashMap;
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    let mut marks: HashMap<N, Mark> = HashMap::new();
    for start in starts {
        if marks.contains_key(&start) {
            continue;
        }
        // (resource, next provider to visit)
        let mut stack = vec![(start, 0usize)];
        marks.insert(start, Mark::Active);
        while let Some(top) = stack.last_mut() {
            let (node, next) = *top;
            let Some(p) = provider(node, next) else {
                marks.insert(node, Mark::Done);
                stack.pop();
                continue;
            };
            top.1 += 1;
            match marks.get(&p) {
                None => {
                    marks.insert(p, Mark::Active);
                    stack.push((p, 0));
                }
                Some(Mark::Done) => {}
                Some(Mark::Active) => {
                    let from = stack.iter().position(|&(s, _)| s == p).unwrap_or(0);
                    let mut path: Vec<N> = stack[from..].iter().map(|&(s, _)| s).collect();
                    path.push(p);
                    return Some(Cycle { path, closing: (node, next) });
                }
            }
        }
    }
    None
}

/// The deepest dependency tree protocol v3 allows: 100 levels (MS-CMRP 3.1.4.2.20;
/// engine-properties-notify.md §A.4). A chain of more dependencies than this is
/// `ERROR_DEPENDENCY_TREE_TOO_COMPLEX`.
pub const MAX_DEPENDENCY_DEPTH: usize = 100;

/// The longest chain of dependencies (counted in dependencies, not resources) that starts at
/// one of `starts`, in an acyclic graph given as [`find_cycle`] takes it. Call it only after
/// [`find_cycle`] found none.
pub fn longest_chain<N: Copy + Eq + Hash>(
    starts: impl IntoIterator<Item = N>,
    provider: impl Fn(N, usize) -> Option<N>,
) -> usize {
    use std::collections::HashMap;
    fn visit<N: Copy + Eq + Hash>(
        n: N,
        provider: &dyn Fn(N, usize) -> Option<N>,
        memo: &mut HashMap<N, usize>,
    ) -> usize {
        if let Some(&d) = memo.get(&n) {
            return d;
        }
        let mut best = 0;
        let mut i = 0;
        while let Some(p) = provider(n, i) {
            best = best.max(1 + visit(p, provider, memo));
            i += 1;
        }
        memo.insert(n, best);
        best
    }
    let mut memo = HashMap::new();
    starts.into_iter().map(|s| visit(s, &provider, &mut memo)).max().unwrap_or(0)
}

/// Rule: an online resource has its providers online. Returns the first provider (with its
/// state) that breaks it, given the resource's state and its providers' states.
pub fn offline_provider<N>(
    state: ResourceState,
    providers: impl IntoIterator<Item = (N, ResourceState)>,
) -> Option<(N, ResourceState)> {
    if state != ResourceState::Online {
        return None;
    }
    providers.into_iter().find(|(_, s)| *s != ResourceState::Online)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &'static [&'static [usize]]) -> impl Fn(usize, usize) -> Option<usize> {
        move |n, i| edges[n].get(i).copied()
    }

    #[test]
    fn cycles_are_found_with_their_path_and_closing_edge() {
        // 0 -> 2 -> 1 -> 0
        let c = find_cycle(0..3, graph(&[&[2], &[0], &[1]])).unwrap();
        assert_eq!(c.path, [0, 2, 1, 0]);
        assert_eq!(c.closing, (1, 0));
        assert_eq!(find_cycle(0..3, graph(&[&[1, 2], &[2], &[]])), None);
        assert_eq!(find_cycle(0..1, graph(&[&[0]])).unwrap().path, [0, 0]);
    }

    #[test]
    fn the_longest_chain_counts_dependencies() {
        assert_eq!(longest_chain(0..3, graph(&[&[1, 2], &[2], &[]])), 2);
        assert_eq!(longest_chain(0..1, graph(&[&[]])), 0);
        assert_eq!(longest_chain(std::iter::empty(), graph(&[])), 0);
    }

    #[test]
    fn online_needs_online_providers() {
        use ResourceState::*;
        assert_eq!(offline_provider(Online, [("a", Online), ("b", Failed)]), Some(("b", Failed)));
        assert_eq!(offline_provider(Offline, [("a", Offline)]), None);
        assert_eq!(offline_provider(Online, [("a", Online)]), None);
    }

    #[test]
    fn names_must_be_non_empty_and_free() {
        let mut idx = super::super::NameIndex::default();
        idx.insert("Web", 1u64);
        let taken = |name: &str| idx.get(name).is_some();
        assert_eq!(
            name_is_free(NamedKind::Group, "", taken("")),
            Err(RuleError::EmptyName { kind: NamedKind::Group })
        );
        let dup = name_is_free(NamedKind::Group, "WEB", taken("WEB")).unwrap_err();
        assert_eq!(dup.code(), codes::ERROR_OBJECT_ALREADY_EXISTS);
        assert_eq!(dup.field(), "name");
        assert_eq!(name_is_free(NamedKind::Group, "Web2", taken("Web2")), Ok(()));
    }
}
