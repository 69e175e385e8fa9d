//! Group sets (Windows Server 2016 and later): the planners of their changes.
//!
//! A group set holds groups (each group is in at most one set), depends on other sets (an AND
//! of them, never an OR), and is depended on by groups (each group on at most one set). The
//! rules are MS-CMRP 3.1.4.2.146..161's; where it is silent the choice is recorded in
//! FIDELITY.md.

use super::rules::{self, NamedKind};
use super::{Change, Cluster, GroupSet, ObjectId};
use crate::error::{Error, Result, codes};
use crate::property::Properties;

impl Cluster {
    /// The group set `set`, or `ERROR_GROUPSET_NOT_AVAILABLE (5991)` once it is deleted
    /// (MS-CMRP 3.1.4.2.160).
    pub(crate) fn live_group_set(&self, set: ObjectId) -> Result<&GroupSet> {
        self.group_sets.get(&set).ok_or(Error::new(codes::ERROR_GROUPSET_NOT_AVAILABLE))
    }

    fn live_group(&self, group: ObjectId) -> Result<()> {
        match self.groups.contains_key(&group) {
            true => Ok(()),
            false => Err(Error::new(codes::ERROR_GROUP_NOT_AVAILABLE)),
        }
    }

    /// Plans `CreateClusterGroupSet` (MS-CMRP ApiCreateGroupSet 3.1.4.2.146).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS (5010)` for
    /// the name of another group set, ignoring case.
    pub(crate) fn plan_create_group_set(&self, name: &str) -> Result<Change> {
        rules::name_is_free(NamedKind::GroupSet, name, self.find_group_set(name).is_some())?;
        let id = self.id_after(0);
        Ok(Change::AddGroupSet(GroupSet {
            id,
            guid: self.guid_for(id),
            name: name.into(),
            groups: Vec::new(),
            providers: Vec::new(),
            dependent_groups: Vec::new(),
            properties: Properties::new(),
            private: Properties::new(),
        }))
    }

    /// Plans `DeleteClusterGroupSet`: "the groupset must contain no groups" (its page). Its
    /// dependencies, and the other sets' and groups' dependencies on it, go with it (a choice).
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)` if it is gone; `ERROR_DIR_NOT_EMPTY (145)` while
    /// it holds groups (the code of `DeleteClusterGroup` for a group that holds resources: a
    /// choice).
    pub(crate) fn plan_remove_group_set(&self, set: ObjectId) -> Result<Change> {
        if !self.live_group_set(set)?.groups.is_empty() {
            return Err(Error::new(codes::ERROR_DIR_NOT_EMPTY));
        }
        Ok(Change::RemoveGroupSet(set))
    }

    /// Plans `ClusterAddGroupToGroupSet`: "the group must not currently be in a groupset"
    /// (its page).
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_GROUP_NOT_AVAILABLE (5012)`;
    /// `ERROR_INVALID_STATE (5023)` for a group already in a set, this one included (the code
    /// is a choice).
    pub(crate) fn plan_add_group_to_set(&self, set: ObjectId, group: ObjectId) -> Result<Change> {
        self.live_group_set(set)?;
        self.live_group(group)?;
        if self.group_set_of(group).is_some() {
            return Err(Error::new(codes::ERROR_INVALID_STATE));
        }
        Ok(Change::SetGroupSetOfGroup { group, set: Some(set) })
    }

    /// Plans `ApiMoveGroupToGroupSet`: as [`plan_add_group_to_set`](Self::plan_add_group_to_set)
    /// after the group leaves the set it is in (MS-CMRP 3.1.4.2.152).
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_GROUP_NOT_AVAILABLE (5012)`.
    pub(crate) fn plan_move_group_to_set(&self, set: ObjectId, group: ObjectId) -> Result<Change> {
        self.live_group_set(set)?;
        self.live_group(group)?;
        Ok(Change::SetGroupSetOfGroup { group, set: Some(set) })
    }

    /// Plans `ClusterRemoveGroupFromGroupSet`: nothing to do ("ERROR_SUCCESS ... if the group
    /// is not currently a member of a collection", its page) plans no change.
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` for a deleted group.
    pub(crate) fn plan_remove_group_from_set(&self, group: ObjectId) -> Result<Option<Change>> {
        self.live_group(group)?;
        Ok(self.group_set_of(group).map(|_| Change::SetGroupSetOfGroup { group, set: None }))
    }

    /// Plans `AddClusterGroupSetDependency`: `set` depends on `provider` as well as on the sets
    /// it depends on already (MS-CMRP 3.1.4.2.153).
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_INVALID_PARAMETER (87)` for a dependency
    /// that would make a cycle (on itself included) or when either set is empty (MS-CMRP
    /// 3.1.4.2.153); `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)` for one it has (the code of
    /// resource dependencies: a choice).
    pub(crate) fn plan_add_group_set_dependency(&self, set: ObjectId, provider: ObjectId) -> Result<Change> {
        let s = self.live_group_set(set)?;
        let p = self.live_group_set(provider)?;
        if s.groups.is_empty() || p.groups.is_empty() || set == provider || self.set_reaches(provider, set) {
            return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
        }
        if s.providers.contains(&provider) {
            return Err(Error::new(codes::ERROR_DEPENDENCY_ALREADY_EXISTS));
        }
        let mut providers = s.providers.clone();
        providers.push(provider);
        Ok(Change::SetGroupSetProviders { set, providers })
    }

    /// Plans `RemoveClusterGroupSetDependency` (MS-CMRP 3.1.4.2.160).
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_DEPENDENCY_NOT_FOUND (5002)` if `set`
    /// does not depend on `provider` (the code of resource dependencies: a choice).
    pub(crate) fn plan_remove_group_set_dependency(
        &self,
        set: ObjectId,
        provider: ObjectId,
    ) -> Result<Change> {
        let s = self.live_group_set(set)?;
        self.live_group_set(provider)?;
        if !s.providers.contains(&provider) {
            return Err(Error::new(codes::ERROR_DEPENDENCY_NOT_FOUND));
        }
        let providers = s.providers.iter().copied().filter(|&p| p != provider).collect();
        Ok(Change::SetGroupSetProviders { set, providers })
    }

    /// Plans `AddClusterGroupToGroupSetDependency`: "a cluster group can only be dependent on
    /// one cluster group set" (MS-CMRP 3.1.4.2.154).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)`; `ERROR_GROUPSET_NOT_AVAILABLE (5991)`;
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)` for a group that depends on a set already;
    /// `ERROR_INVALID_PARAMETER (87)` for a group in the set itself (the codes are choices).
    pub(crate) fn plan_add_group_to_set_dependency(&self, group: ObjectId, set: ObjectId) -> Result<Change> {
        self.live_group(group)?;
        let s = self.live_group_set(set)?;
        if self.provider_set_of(group).is_some() {
            return Err(Error::new(codes::ERROR_DEPENDENCY_ALREADY_EXISTS));
        }
        if s.groups.contains(&group) {
            return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
        }
        Ok(Change::SetGroupProviderSet { group, set: Some(set) })
    }

    /// Plans `RemoveClusterGroupToGroupSetDependency` (MS-CMRP 3.1.4.2.161).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)` (MS-CMRP 3.1.4.2.161); `ERROR_GROUPSET_NOT_AVAILABLE
    /// (5991)`; `ERROR_DEPENDENCY_NOT_FOUND (5002)` if the group does not depend on `set`.
    pub(crate) fn plan_remove_group_to_set_dependency(
        &self,
        group: ObjectId,
        set: ObjectId,
    ) -> Result<Change> {
        self.live_group(group)?;
        self.live_group_set(set)?;
        if self.provider_set_of(group) != Some(set) {
            return Err(Error::new(codes::ERROR_DEPENDENCY_NOT_FOUND));
        }
        Ok(Change::SetGroupProviderSet { group, set: None })
    }

    /// Plans `SetClusterGroupSetDependencyExpression`: the set's providers become those the
    /// expression names, replacing all it had (MS-CMRP 3.1.4.2.159). "Dependency expressions
    /// are "ANDs" only; "ORs" are not allowed, and parentheticals ... are ignored"; each
    /// `[...]` is a group set's ID (`CLUSCTL_GROUPSET_GET_ID`) or, a choice, its name. An empty
    /// expression clears the dependencies.
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_INVALID_PARAMETER (87)` for an expression
    /// with an OR, one that does not parse, one naming an unknown set, the set itself, a set
    /// twice, or one that makes a cycle.
    pub(crate) fn plan_set_group_set_dependency_expression(
        &self,
        set: ObjectId,
        expr: &str,
    ) -> Result<Change> {
        self.live_group_set(set)?;
        let invalid = || Error::new(codes::ERROR_INVALID_PARAMETER);
        let mut providers = Vec::new();
        for name in and_terms(expr).ok_or_else(invalid)? {
            let p = self
                .group_sets
                .values()
                .find(|s| s.guid.eq_ignore_ascii_case(name) || super::eq_ignore_case(&s.name, name))
                .map(|s| s.id)
                .ok_or_else(invalid)?;
            if p == set || providers.contains(&p) || self.set_reaches(p, set) {
                return Err(invalid());
            }
            providers.push(p);
        }
        Ok(Change::SetGroupSetProviders { set, providers })
    }

    /// Whether `from` depends on `to`, directly or through other sets.
    fn set_reaches(&self, from: ObjectId, to: ObjectId) -> bool {
        let mut stack = vec![from];
        let mut seen = std::collections::HashSet::new();
        while let Some(s) = stack.pop() {
            if s == to {
                return true;
            }
            if seen.insert(s) {
                stack.extend(self.group_sets.get(&s).map(|s| s.providers.as_slice()).unwrap_or_default());
            }
        }
        false
    }
}

/// The `[...]` terms of an AND-only expression, parentheses ignored: `None` for an OR, a word
/// other than AND, an unclosed bracket, two terms without an AND between them or an AND
/// without a term on each side.
fn and_terms(expr: &str) -> Option<Vec<&str>> {
    let mut terms = Vec::new();
    let mut rest = expr.trim_start_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
    let mut want_term = true;
    while !rest.is_empty() {
        if want_term {
            let inner = rest.strip_prefix('[')?;
            let end = inner.find(']')?;
            terms.push(&inner[..end]);
            rest = &inner[end + 1..];
        } else {
            let word_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            if !rest[..word_len].eq_ignore_ascii_case("and") {
                return None;
            }
            rest = &rest[word_len..];
        }
        want_term = !want_term;
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '(' || c == ')');
    }
    match terms.is_empty() || !want_term {
        true => Some(terms),
        false => None,
    }
}

#[cfg(test)]
mod tests {
    use super::and_terms;

    #[test]
    fn and_terms_take_ands_only() {
        assert_eq!(and_terms(""), Some(vec![]));
        assert_eq!(and_terms("[a]"), Some(vec!["a"]));
        assert_eq!(and_terms("[a] and ([b] AND [c])"), Some(vec!["a", "b", "c"]));
        assert_eq!(and_terms("[a] or [b]"), None);
        assert_eq!(and_terms("[a] [b]"), None);
        assert_eq!(and_terms("[a] and"), None);
        assert_eq!(and_terms("and [a]"), None);
        assert_eq!(and_terms("[a"), None);
    }
}
