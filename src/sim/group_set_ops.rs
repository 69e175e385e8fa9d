//! Group sets: `CreateClusterGroupSet`, `OpenClusterGroupSet`, `CloseClusterGroupSet`,
//! `DeleteClusterGroupSet(Ex)`, membership (`ClusterAddGroupToGroupSet`,
//! `ClusterRemoveGroupFromGroupSet(Ex)`), dependencies (`AddClusterGroupSetDependency(Ex)`,
//! `RemoveClusterGroupSetDependency(Ex)`, `AddClusterGroupToGroupSetDependency(Ex)`,
//! `RemoveClusterGroupToGroupSetDependency(Ex)`, `SetClusterGroupSetDependencyExpression(Ex)`),
//! and the enumeration (`ClusterGroupSetOpenEnum`); `ClusterGroupSetControl` is with the other
//! control functions (`sim/control.rs`). The rules are the planners' in `world/group_set.rs`.

use super::{Arg, Call, Sim, State, Target};
use crate::enumeration::EnumItem;
use crate::error::{Error, Result, codes};
use crate::handle_types::{ClusterHandle, GroupHandle, GroupSetEnumHandle, GroupSetHandle, Handle};
use crate::handles::{Kind, RawHandle};
use crate::world::{Change, Cluster, GroupSet, ObjectId};

impl State {
    /// The cluster index and id behind a group set handle; `ERROR_GROUPSET_NOT_AVAILABLE
    /// (5991)` once the set is deleted.
    pub(super) fn group_set_at(&self, h: GroupSetHandle) -> Result<(usize, ObjectId)> {
        match *self.target(h.raw(), Kind::GroupSet)? {
            Target::GroupSet { cluster, set } => {
                if !self.world().clusters()[cluster].group_sets().contains_key(&set) {
                    self.note_deleted(h.raw(), Kind::GroupSet, codes::ERROR_GROUPSET_NOT_AVAILABLE);
                    return Err(Error::new(codes::ERROR_GROUPSET_NOT_AVAILABLE));
                }
                Ok((cluster, set))
            }
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The group set behind a handle, as the world holds it now.
    pub(super) fn group_set(&self, h: GroupSetHandle) -> Result<(&Cluster, &GroupSet)> {
        let (c, set) = self.group_set_at(h)?;
        let c = &self.world().clusters()[c];
        Ok((c, &c.group_sets()[&set]))
    }

    /// A group handle and a group set handle of one cluster: (cluster, group, set). A pair from
    /// two clusters is `ERROR_INVALID_PARAMETER` (a choice).
    fn group_and_set(&self, group: GroupHandle, set: GroupSetHandle) -> Result<(usize, ObjectId, ObjectId)> {
        let (c, g) = self.group_at(group)?;
        let (c2, s) = self.group_set_at(set)?;
        if c != c2 {
            return Err(Error::INVALID_PARAMETER);
        }
        Ok((c, g, s))
    }

    /// Two group set handles of one cluster: (cluster, first, second).
    fn set_pair(&self, a: GroupSetHandle, b: GroupSetHandle) -> Result<(usize, ObjectId, ObjectId)> {
        let (c, x) = self.group_set_at(a)?;
        let (c2, y) = self.group_set_at(b)?;
        if c != c2 {
            return Err(Error::INVALID_PARAMETER);
        }
        Ok((c, x, y))
    }

    /// Plans with `plan` against cluster `c` and commits what it plans.
    fn commit_planned(
        &mut self,
        c: usize,
        plan: impl FnOnce(&Cluster) -> Result<Option<Change>>,
    ) -> Result<()> {
        if let Some(change) = plan(&self.world().clusters()[c])? {
            self.engine.commit_group_set(c, change);
        }
        Ok(())
    }
}

impl Sim {
    /// `CreateClusterGroupSet`: a new, empty group set, and an open handle to it (derived from
    /// `cluster`, so `CloseCluster` closes it).
    ///
    /// # Errors
    /// `ERROR_INVALID_NAME (123)` for an empty name; `ERROR_OBJECT_ALREADY_EXISTS (5010)` for the
    /// name of another group set, ignoring case (MS-CMRP 3.1.4.2.146); `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let web = sim.create_group_set(cluster, "Web tier")?;
    /// let app = sim.open_group(cluster, "CONTOSO-APP1")?;
    /// sim.add_group_to_group_set(web, app)?;
    /// assert_eq!(sim.group_set_groups(web)?, ["CONTOSO-APP1"]);
    /// // A group is in one set at most; DeleteClusterGroupSet wants an empty set.
    /// assert_eq!(sim.delete_group_set(web).unwrap_err().code(), codes::ERROR_DIR_NOT_EMPTY);
    /// sim.remove_group_from_group_set(app)?;
    /// sim.delete_group_set(web)?;
    /// assert_eq!(sim.group_set_groups(web).unwrap_err().code(), codes::ERROR_GROUPSET_NOT_AVAILABLE);
    /// # sim.close_group(app)?;
    /// sim.close_group_set(web)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn create_group_set(&self, cluster: ClusterHandle, name: &str) -> Result<GroupSetHandle> {
        self.create_group_set_as(&mut Call::rust("CreateClusterGroupSet"), cluster, name, Ok)
    }

    pub(crate) fn create_group_set_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        deliver: impl FnOnce(GroupSetHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, origin| {
                let c = st.cluster_of(cluster)?;
                let change = st.world().clusters()[c].plan_create_group_set(name)?;
                let Change::AddGroupSet(set) = &change else { unreachable!("an AddGroupSet is planned") };
                let target = Target::GroupSet { cluster: c, set: set.id };
                // The handle first: a full handle table leaves the cluster as it was.
                let raw =
                    st.handles.insert(Kind::GroupSet, Some(RawHandle(cluster.raw())), origin, target)?;
                st.engine.commit_group_set(c, change);
                Ok(GroupSetHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `OpenClusterGroupSet`: a group set by name, ignoring case.
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_FOUND (5992)` for an unknown or empty name; `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// // The default cluster has one group set, named after its core group, which it holds.
    /// let core = sim.open_group_set(cluster, "cluster group")?;
    /// assert_eq!(sim.group_set_groups(core)?, ["Cluster Group"]);
    /// assert_eq!(sim.open_group_set(cluster, "Nope").unwrap_err().code(), codes::ERROR_GROUPSET_NOT_FOUND);
    /// sim.close_group_set(core)?;
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn open_group_set(&self, cluster: ClusterHandle, name: &str) -> Result<GroupSetHandle> {
        self.open_group_set_as(&mut Call::rust("OpenClusterGroupSet"), cluster, name, Ok)
    }

    pub(crate) fn open_group_set_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        name: &str,
        deliver: impl FnOnce(GroupSetHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("name", Arg::Text(name))],
            |st, origin| {
                let c = st.cluster_of(cluster)?;
                let set = st.world().clusters()[c]
                    .find_group_set(name)
                    .ok_or(Error::new(codes::ERROR_GROUPSET_NOT_FOUND))?;
                let target = Target::GroupSet { cluster: c, set };
                let raw =
                    st.handles.insert(Kind::GroupSet, Some(RawHandle(cluster.raw())), origin, target)?;
                Ok(GroupSetHandle::from_raw(raw.0))
            },
            deliver,
        )
    }

    /// `CloseClusterGroupSet`: closes only this handle (H5).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a closed, stale, forged or wrong-kind value.
    #[track_caller]
    pub fn close_group_set(&self, h: GroupSetHandle) -> Result<()> {
        self.close_group_set_as(&mut Call::rust("CloseClusterGroupSet"), h, Ok)
    }

    pub(crate) fn close_group_set_as<T>(
        &self,
        call: &mut Call,
        h: GroupSetHandle,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, _| {
                let raw = RawHandle(h.raw());
                let target = st.close_handle(raw, Kind::GroupSet)?;
                st.handle_closed(raw, &target);
                Ok(())
            },
            deliver,
        )
    }

    /// `DeleteClusterGroupSet`: deletes an empty group set ("the groupset must contain no
    /// groups", its page); the dependencies on it go with it. The handle stays open: close it.
    ///
    /// # Errors
    /// `ERROR_DIR_NOT_EMPTY (145)` while it holds groups (a choice);
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn delete_group_set(&self, h: GroupSetHandle) -> Result<()> {
        self.delete_group_set_as(&mut Call::rust("DeleteClusterGroupSet"), h, None, Ok)
    }

    /// `DeleteClusterGroupSetEx`: as [`delete_group_set`](Self::delete_group_set), with a reason
    /// recorded in the trace.
    ///
    /// # Errors
    /// As [`delete_group_set`](Self::delete_group_set).
    #[track_caller]
    pub fn delete_group_set_ex(&self, h: GroupSetHandle, reason: &str) -> Result<()> {
        self.delete_group_set_as(&mut Call::rust("DeleteClusterGroupSetEx"), h, Some(reason), Ok)
    }

    pub(crate) fn delete_group_set_as<T>(
        &self,
        call: &mut Call,
        h: GroupSetHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("groupset", Arg::Handle(h.raw())), ("reason", Arg::OptText(reason))],
            |st, _| {
                let (c, set) = st.group_set_at(h)?;
                st.commit_planned(c, |cl| cl.plan_remove_group_set(set).map(Some))
            },
            deliver,
        )
    }

    /// `ClusterAddGroupToGroupSet`: `group` joins `set`; "the group must not currently be in a
    /// groupset" (its page).
    ///
    /// # Errors
    /// `ERROR_INVALID_STATE (5023)` for a group in a set already (the code is a choice);
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_GROUP_NOT_AVAILABLE (5012)`;
    /// `ERROR_INVALID_PARAMETER` for handles of two clusters; `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn add_group_to_group_set(&self, set: GroupSetHandle, group: GroupHandle) -> Result<()> {
        self.group_set_membership_as(&mut Call::rust("ClusterAddGroupToGroupSet"), set, group, false, Ok)
    }

    /// `ApiMoveGroupToGroupSet` (MS-CMRP 3.1.4.2.152, a wire call with no ClusAPI function):
    /// `group` joins `set`, leaving the set it was in.
    ///
    /// # Errors
    /// As [`add_group_to_group_set`](Self::add_group_to_group_set), but a group in a set is no
    /// error.
    #[track_caller]
    pub fn move_group_to_group_set(&self, set: GroupSetHandle, group: GroupHandle) -> Result<()> {
        self.group_set_membership_as(&mut Call::rust("ApiMoveGroupToGroupSet"), set, group, true, Ok)
    }

    pub(crate) fn group_set_membership_as<T>(
        &self,
        call: &mut Call,
        set: GroupSetHandle,
        group: GroupHandle,
        moving: bool,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("groupset", Arg::Handle(set.raw())), ("group", Arg::Handle(group.raw()))],
            |st, _| {
                let (c, g, s) = st.group_and_set(group, set)?;
                st.commit_planned(c, |cl| match moving {
                    true => cl.plan_move_group_to_set(s, g).map(Some),
                    false => cl.plan_add_group_to_set(s, g).map(Some),
                })
            },
            deliver,
        )
    }

    /// `ClusterRemoveGroupFromGroupSet`: `group` leaves its group set; a group in no set is no
    /// error ("ERROR_SUCCESS ... if the group is not currently a member of a collection", its
    /// page).
    ///
    /// # Errors
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)`; `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn remove_group_from_group_set(&self, group: GroupHandle) -> Result<()> {
        self.remove_group_from_group_set_as(
            &mut Call::rust("ClusterRemoveGroupFromGroupSet"),
            group,
            None,
            Ok,
        )
    }

    /// `ClusterRemoveGroupFromGroupSetEx`: as
    /// [`remove_group_from_group_set`](Self::remove_group_from_group_set), with a reason
    /// recorded in the trace.
    ///
    /// # Errors
    /// As [`remove_group_from_group_set`](Self::remove_group_from_group_set).
    #[track_caller]
    pub fn remove_group_from_group_set_ex(&self, group: GroupHandle, reason: &str) -> Result<()> {
        let mut call = Call::rust("ClusterRemoveGroupFromGroupSetEx");
        self.remove_group_from_group_set_as(&mut call, group, Some(reason), Ok)
    }

    pub(crate) fn remove_group_from_group_set_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[("group", Arg::Handle(group.raw())), ("reason", Arg::OptText(reason))],
            |st, _| {
                let (c, g) = st.group_at(group)?;
                st.commit_planned(c, |cl| cl.plan_remove_group_from_set(g))
            },
            deliver,
        )
    }

    /// `AddClusterGroupSetDependency`: `dependent` starts after `provider` (and after the sets
    /// it depended on already).
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for a dependency making a cycle (on itself included), or
    /// when either set is empty (MS-CMRP 3.1.4.2.153), or for sets of two clusters;
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)` (a choice); `ERROR_GROUPSET_NOT_AVAILABLE`;
    /// `ERROR_INVALID_HANDLE`.
    ///
    /// # Examples
    ///
    /// ```
    /// use clusapi_sim::{Sim, codes};
    /// let sim = Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let (data, web) = (sim.create_group_set(cluster, "Data")?, sim.create_group_set(cluster, "Web")?);
    /// let (fs, app) = (sim.open_group(cluster, "FS01")?, sim.open_group(cluster, "CONTOSO-APP1")?);
    /// sim.add_group_to_group_set(data, fs)?;
    /// sim.add_group_to_group_set(web, app)?;
    /// sim.add_group_set_dependency(web, data, None)?;
    /// assert_eq!(sim.group_set_provider_sets(web)?, ["Data"]);
    /// assert_eq!(sim.add_group_set_dependency(data, web, None).unwrap_err().code(), codes::ERROR_INVALID_PARAMETER);
    /// # for h in [fs, app] { sim.close_group(h)?; }
    /// # for h in [data, web] { sim.close_group_set(h)?; }
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    #[track_caller]
    pub fn add_group_set_dependency(
        &self,
        dependent: GroupSetHandle,
        provider: GroupSetHandle,
        reason: Option<&str>,
    ) -> Result<()> {
        let function =
            if reason.is_some() { "AddClusterGroupSetDependencyEx" } else { "AddClusterGroupSetDependency" };
        self.set_dependency_as(&mut Call::rust(function), dependent, provider, reason, true, Ok)
    }

    /// `RemoveClusterGroupSetDependency`: `dependent` no longer waits for `provider`.
    ///
    /// # Errors
    /// `ERROR_DEPENDENCY_NOT_FOUND (5002)` when it does not depend on it (a choice);
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)` (MS-CMRP 3.1.4.2.160); `ERROR_INVALID_PARAMETER`
    /// for sets of two clusters; `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn remove_group_set_dependency(
        &self,
        dependent: GroupSetHandle,
        provider: GroupSetHandle,
        reason: Option<&str>,
    ) -> Result<()> {
        let function = if reason.is_some() {
            "RemoveClusterGroupSetDependencyEx"
        } else {
            "RemoveClusterGroupSetDependency"
        };
        self.set_dependency_as(&mut Call::rust(function), dependent, provider, reason, false, Ok)
    }

    pub(crate) fn set_dependency_as<T>(
        &self,
        call: &mut Call,
        dependent: GroupSetHandle,
        provider: GroupSetHandle,
        reason: Option<&str>,
        add: bool,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("dependent", Arg::Handle(dependent.raw())),
                ("provider", Arg::Handle(provider.raw())),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, d, p) = st.set_pair(dependent, provider)?;
                st.commit_planned(c, |cl| match add {
                    true => cl.plan_add_group_set_dependency(d, p).map(Some),
                    false => cl.plan_remove_group_set_dependency(d, p).map(Some),
                })
            },
            deliver,
        )
    }

    /// `AddClusterGroupToGroupSetDependency`: `group` starts after the groups of `provider`; "a
    /// group can only be dependent on one groupset" (its page).
    ///
    /// # Errors
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)` for a group depending on a set already;
    /// `ERROR_INVALID_PARAMETER (87)` for a group of the set itself or handles of two clusters
    /// (the codes are choices); `ERROR_GROUP_NOT_AVAILABLE`; `ERROR_GROUPSET_NOT_AVAILABLE`;
    /// `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn add_group_to_group_set_dependency(
        &self,
        group: GroupHandle,
        provider: GroupSetHandle,
        reason: Option<&str>,
    ) -> Result<()> {
        let function = if reason.is_some() {
            "AddClusterGroupToGroupSetDependencyEx"
        } else {
            "AddClusterGroupToGroupSetDependency"
        };
        self.group_dependency_as(&mut Call::rust(function), group, provider, reason, true, Ok)
    }

    /// `RemoveClusterGroupToGroupSetDependency`.
    ///
    /// # Errors
    /// `ERROR_DEPENDENCY_NOT_FOUND (5002)` when the group does not depend on `provider` (a
    /// choice); `ERROR_GROUP_NOT_AVAILABLE (5012)` (MS-CMRP 3.1.4.2.161);
    /// `ERROR_GROUPSET_NOT_AVAILABLE`; `ERROR_INVALID_PARAMETER` for handles of two clusters;
    /// `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn remove_group_to_group_set_dependency(
        &self,
        group: GroupHandle,
        provider: GroupSetHandle,
        reason: Option<&str>,
    ) -> Result<()> {
        let function = if reason.is_some() {
            "RemoveClusterGroupToGroupSetDependencyEx"
        } else {
            "RemoveClusterGroupToGroupSetDependency"
        };
        self.group_dependency_as(&mut Call::rust(function), group, provider, reason, false, Ok)
    }

    pub(crate) fn group_dependency_as<T>(
        &self,
        call: &mut Call,
        group: GroupHandle,
        provider: GroupSetHandle,
        reason: Option<&str>,
        add: bool,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("group", Arg::Handle(group.raw())),
                ("provider", Arg::Handle(provider.raw())),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, g, s) = st.group_and_set(group, provider)?;
                st.commit_planned(c, |cl| match add {
                    true => cl.plan_add_group_to_set_dependency(g, s).map(Some),
                    false => cl.plan_remove_group_to_set_dependency(g, s).map(Some),
                })
            },
            deliver,
        )
    }

    /// `SetClusterGroupSetDependencyExpression`: replaces the set's dependencies by those of an
    /// AND-only expression of `[id]` terms (MS-CMRP 3.1.4.2.159: "ORs are not allowed, and
    /// parentheticals ... are ignored"; a term may also be a set's name, a choice); an empty
    /// expression clears them.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER (87)` for an OR, a malformed expression, an unknown set, the
    /// set itself, a set twice or a cycle; `ERROR_GROUPSET_NOT_AVAILABLE`; `ERROR_INVALID_HANDLE`.
    #[track_caller]
    pub fn set_group_set_dependency_expression(
        &self,
        set: GroupSetHandle,
        expression: &str,
        reason: Option<&str>,
    ) -> Result<()> {
        let function = if reason.is_some() {
            "SetClusterGroupSetDependencyExpressionEx"
        } else {
            "SetClusterGroupSetDependencyExpression"
        };
        self.set_group_set_dependency_expression_as(&mut Call::rust(function), set, expression, reason, Ok)
    }

    pub(crate) fn set_group_set_dependency_expression_as<T>(
        &self,
        call: &mut Call,
        set: GroupSetHandle,
        expression: &str,
        reason: Option<&str>,
        deliver: impl FnOnce(()) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[
                ("groupset", Arg::Handle(set.raw())),
                ("expression", Arg::Text(expression)),
                ("reason", Arg::OptText(reason)),
            ],
            |st, _| {
                let (c, s) = st.group_set_at(set)?;
                st.commit_planned(c, |cl| {
                    cl.plan_set_group_set_dependency_expression(s, expression).map(Some)
                })
            },
            deliver,
        )
    }

    /// The names of a group set's groups, in the order they joined (what
    /// `CLUSCTL_GROUPSET_GET_GROUPS` lists). Not traced.
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_INVALID_HANDLE`.
    pub fn group_set_groups(&self, set: GroupSetHandle) -> Result<Vec<String>> {
        let st = self.shared.state.lock();
        let (c, s) = st.group_set(set)?;
        Ok(s.groups.iter().map(|g| c.groups()[g].name.clone()).collect())
    }

    /// The names of the group sets a group set depends on (what
    /// `CLUSCTL_GROUPSET_GET_PROVIDER_GROUPSETS` lists). Not traced.
    ///
    /// # Errors
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`; `ERROR_INVALID_HANDLE`.
    pub fn group_set_provider_sets(&self, set: GroupSetHandle) -> Result<Vec<String>> {
        let st = self.shared.state.lock();
        let (c, s) = st.group_set(set)?;
        Ok(s.providers.iter().map(|p| c.group_sets()[p].name.clone()).collect())
    }

    /// `ClusterGroupSetOpenEnum`: a snapshot of the cluster's group sets, by name, in creation
    /// order. Read it with [`enum_count`](Self::enum_count) and
    /// [`enum_item`](Self::enum_item) (each item's `object_type` is 0: `ClusterGroupSetEnum`
    /// reports names only) and close it with [`close_enum`](Self::close_enum).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a bad cluster handle.
    #[track_caller]
    pub fn group_set_open_enum(&self, cluster: ClusterHandle) -> Result<GroupSetEnumHandle> {
        self.group_set_open_enum_as(&mut Call::rust("ClusterGroupSetOpenEnum"), cluster, Ok)
    }

    pub(crate) fn group_set_open_enum_as<T>(
        &self,
        call: &mut Call,
        cluster: ClusterHandle,
        deliver: impl FnOnce(GroupSetEnumHandle) -> Result<T>,
    ) -> Result<T> {
        self.call(
            call,
            &[],
            |st, origin| {
                let c = &st.world().clusters()[st.cluster_of(cluster)?];
                let items: Vec<EnumItem> = c
                    .group_sets()
                    .values()
                    .map(|s| EnumItem {
                        object_type: 0,
                        name: s.name.clone(),
                        id: s.guid.clone(),
                        ..EnumItem::default()
                    })
                    .collect();
                st.insert_enum::<GroupSetEnumHandle>(cluster.raw(), origin, items)
            },
            deliver,
        )
    }
}
