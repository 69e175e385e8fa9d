//! Group sets: `CreateClusterGroupSet`, `OpenClusterGroupSet`, `CloseClusterGroupSet`,
//! `DeleteClusterGroupSet(Ex)`, `ClusterAddGroupToGroupSet`, `ClusterRemoveGroupFromGroupSet(Ex)`,
//! `AddClusterGroupSetDependency(Ex)`, `RemoveClusterGroupSetDependency(Ex)`,
//! `AddClusterGroupToGroupSetDependency(Ex)`, `RemoveClusterGroupToGroupSetDependency(Ex)` and
//! `SetClusterGroupSetDependencyExpression(Ex)`. The enumeration is in `enumeration.rs`,
//! `ClusterGroupSetControl` in `control.rs`; the rules are [`Sim`](crate::Sim)'s.

use windows_sys::Win32::Networking::Clustering::{HCLUSTER, HGROUP, HGROUPSET};
use windows_sys::core::{BOOL, PCWSTR};

use super::{Failure, Name, read_optional_name, run, run_code};
use crate::handle_types::{ClusterHandle, GroupHandle, GroupSetHandle, Handle};

/// `CreateClusterGroupSet`: a new, empty group set.
///
/// Returns NULL on failure and sets the last error: `ERROR_OBJECT_ALREADY_EXISTS (5010)` for the
/// name of another group set, `ERROR_INVALID_NAME (123)` for an empty name,
/// `ERROR_INVALID_PARAMETER (87)` for a NULL name, `ERROR_INVALID_HANDLE (6)` for a bad cluster
/// handle.
///
/// # Safety
/// `groupsetname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CreateClusterGroupSet(hcluster: HCLUSTER, groupsetname: PCWSTR) -> HGROUPSET {
    run("CreateClusterGroupSet", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(groupsetname) }?;
        sim.create_group_set_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw()))
    })
}

/// `OpenClusterGroupSet`: a group set by name, ignoring case.
///
/// Returns NULL on failure and sets the last error: `ERROR_GROUPSET_NOT_FOUND (5992)` for an
/// unknown or empty name, `ERROR_INVALID_PARAMETER (87)` for a NULL name,
/// `ERROR_INVALID_HANDLE (6)` for a bad cluster handle.
///
/// # Safety
/// `lpszgroupsetname` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn OpenClusterGroupSet(hcluster: HCLUSTER, lpszgroupsetname: PCWSTR) -> HGROUPSET {
    run("OpenClusterGroupSet", Failure::Handle, |sim, call| {
        let mut name = Name::new();
        // SAFETY: forwarded from the caller.
        let name = unsafe { name.read(lpszgroupsetname) }?;
        sim.open_group_set_as(call, ClusterHandle::from_raw(hcluster), name, |h| Ok(h.raw()))
    })
}

/// `CloseClusterGroupSet`: closes the handle.
///
/// Returns TRUE, or FALSE with the last error `ERROR_INVALID_HANDLE (6)` for a closed, stale,
/// forged or wrong-kind handle.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn CloseClusterGroupSet(hgroupset: HGROUPSET) -> BOOL {
    run("CloseClusterGroupSet", Failure::Bool, |sim, call| {
        sim.close_group_set_as(call, GroupSetHandle::from_raw(hgroupset), |()| Ok(1))
    })
}

/// `DeleteClusterGroupSet`: deletes an empty group set.
///
/// Returns `ERROR_SUCCESS` or the error code: `ERROR_DIR_NOT_EMPTY (145)` while it holds groups,
/// `ERROR_GROUPSET_NOT_AVAILABLE (5991)` once deleted, `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DeleteClusterGroupSet(hgroupset: HGROUPSET) -> u32 {
    run_code("DeleteClusterGroupSet", |sim, call| {
        sim.delete_group_set_as(call, GroupSetHandle::from_raw(hgroupset), None, Ok)
    })
}

/// `DeleteClusterGroupSetEx`: as [`DeleteClusterGroupSet`]; the reason is recorded.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn DeleteClusterGroupSetEx(hgroupset: HGROUPSET, lpszreason: PCWSTR) -> u32 {
    run_code("DeleteClusterGroupSetEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.delete_group_set_as(call, GroupSetHandle::from_raw(hgroupset), reason.as_deref(), Ok)
    })
}

/// `ClusterAddGroupToGroupSet`: the group joins the set ("the group must not currently be in a
/// groupset").
///
/// Returns `ERROR_SUCCESS` or the error code: `ERROR_INVALID_STATE (5023)` for a group in a set
/// already, `ERROR_GROUPSET_NOT_AVAILABLE (5991)`, `ERROR_GROUP_NOT_AVAILABLE (5012)`,
/// `ERROR_INVALID_PARAMETER (87)` for handles of two clusters, `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any values.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterAddGroupToGroupSet(hgroupset: HGROUPSET, hgroup: HGROUP) -> u32 {
    run_code("ClusterAddGroupToGroupSet", |sim, call| {
        let (set, group) = (GroupSetHandle::from_raw(hgroupset), GroupHandle::from_raw(hgroup));
        sim.group_set_membership_as(call, set, group, false, Ok)
    })
}

/// `ClusterRemoveGroupFromGroupSet`: the group leaves its set; a group in no set is no error.
///
/// Returns `ERROR_SUCCESS` or the error code: `ERROR_GROUP_NOT_AVAILABLE (5012)`,
/// `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// Safe to call with any value.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRemoveGroupFromGroupSet(hgroup: HGROUP) -> u32 {
    run_code("ClusterRemoveGroupFromGroupSet", |sim, call| {
        sim.remove_group_from_group_set_as(call, GroupHandle::from_raw(hgroup), None, Ok)
    })
}

/// `ClusterRemoveGroupFromGroupSetEx`: as [`ClusterRemoveGroupFromGroupSet`]; the reason is
/// recorded.
///
/// # Safety
/// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn ClusterRemoveGroupFromGroupSetEx(hgroup: HGROUP, lpszreason: PCWSTR) -> u32 {
    run_code("ClusterRemoveGroupFromGroupSetEx", |sim, call| {
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        sim.remove_group_from_group_set_as(call, GroupHandle::from_raw(hgroup), reason.as_deref(), Ok)
    })
}

/// Generates a group-set dependency export and its `Ex` form (which records a reason).
macro_rules! dependency_exports {
    ($(
        $(#[$doc:meta])* fn $name:ident($a:ident: $aty:ident => $ah:ident, $b:ident)
            and fn $ex:ident(reason) by $method:ident, $add:literal;
    )*) => {$(
        $(#[$doc])*
        ///
        /// # Safety
        /// Safe to call with any values.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $name($a: $aty, $b: HGROUPSET) -> u32 {
            run_code(stringify!($name), |sim, call| {
                sim.$method(call, $ah::from_raw($a), GroupSetHandle::from_raw($b), None, $add, Ok)
            })
        }

        #[doc = concat!("`", stringify!($ex), "`: as [`", stringify!($name), "`]; the reason is recorded.")]
        ///
        /// # Safety
        /// `lpszreason` is NULL or a NUL-terminated UTF-16 string.
        #[unsafe(no_mangle)]
        pub unsafe extern "system" fn $ex($a: $aty, $b: HGROUPSET, lpszreason: PCWSTR) -> u32 {
            run_code(stringify!($ex), |sim, call| {
                // SAFETY: forwarded from the caller.
                let reason = unsafe { read_optional_name(lpszreason) }?;
                sim.$method(call, $ah::from_raw($a), GroupSetHandle::from_raw($b), reason.as_deref(), $add, Ok)
            })
        }
    )*};
}

dependency_exports! {
    /// `AddClusterGroupSetDependency`: the dependent set starts after the provider set.
    ///
    /// Returns `ERROR_SUCCESS` or the error code: `ERROR_INVALID_PARAMETER (87)` for a cycle
    /// (a set on itself included), an empty set or sets of two clusters,
    /// `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)`, `ERROR_GROUPSET_NOT_AVAILABLE (5991)`,
    /// `ERROR_INVALID_HANDLE (6)`.
    fn AddClusterGroupSetDependency(hdependentgroupset: HGROUPSET => GroupSetHandle, hprovidergroupset)
        and fn AddClusterGroupSetDependencyEx(reason) by set_dependency_as, true;
    /// `RemoveClusterGroupSetDependency`.
    ///
    /// Returns `ERROR_SUCCESS` or the error code: `ERROR_DEPENDENCY_NOT_FOUND (5002)`,
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`, `ERROR_INVALID_PARAMETER (87)` for sets of two
    /// clusters, `ERROR_INVALID_HANDLE (6)`.
    fn RemoveClusterGroupSetDependency(hgroupset: HGROUPSET => GroupSetHandle, hdependson)
        and fn RemoveClusterGroupSetDependencyEx(reason) by set_dependency_as, false;
    /// `AddClusterGroupToGroupSetDependency`: the group starts after the set's groups; a group
    /// depends on one set at most.
    ///
    /// Returns `ERROR_SUCCESS` or the error code: `ERROR_DEPENDENCY_ALREADY_EXISTS (5003)` for a
    /// group depending on a set already, `ERROR_INVALID_PARAMETER (87)` for a group of the set
    /// itself or handles of two clusters, `ERROR_GROUP_NOT_AVAILABLE (5012)`,
    /// `ERROR_GROUPSET_NOT_AVAILABLE (5991)`, `ERROR_INVALID_HANDLE (6)`.
    fn AddClusterGroupToGroupSetDependency(hdependentgroup: HGROUP => GroupHandle, hprovidergroupset)
        and fn AddClusterGroupToGroupSetDependencyEx(reason) by group_dependency_as, true;
    /// `RemoveClusterGroupToGroupSetDependency`.
    ///
    /// Returns `ERROR_SUCCESS` or the error code: `ERROR_DEPENDENCY_NOT_FOUND (5002)`,
    /// `ERROR_GROUP_NOT_AVAILABLE (5012)`, `ERROR_GROUPSET_NOT_AVAILABLE (5991)`,
    /// `ERROR_INVALID_PARAMETER (87)` for handles of two clusters, `ERROR_INVALID_HANDLE (6)`.
    fn RemoveClusterGroupToGroupSetDependency(hgroup: HGROUP => GroupHandle, hdependson)
        and fn RemoveClusterGroupToGroupSetDependencyEx(reason) by group_dependency_as, false;
}

/// `SetClusterGroupSetDependencyExpression`: the set's dependencies become those of an AND-only
/// expression of `[id]` terms (or names); an empty one clears them.
///
/// Returns `ERROR_SUCCESS` or the error code: `ERROR_INVALID_PARAMETER (87)` for a NULL, OR,
/// malformed or cyclic expression or an unknown set, `ERROR_GROUPSET_NOT_AVAILABLE (5991)`,
/// `ERROR_INVALID_HANDLE (6)`.
///
/// # Safety
/// `lpszdependencyexprssion` is NULL or a NUL-terminated UTF-16 string.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterGroupSetDependencyExpression(
    hgroupset: HGROUPSET,
    lpszdependencyexprssion: PCWSTR,
) -> u32 {
    run_code("SetClusterGroupSetDependencyExpression", |sim, call| {
        let mut expr = Name::new();
        // SAFETY: forwarded from the caller.
        let expr = unsafe { expr.read(lpszdependencyexprssion) }?;
        sim.set_group_set_dependency_expression_as(call, GroupSetHandle::from_raw(hgroupset), expr, None, Ok)
    })
}

/// `SetClusterGroupSetDependencyExpressionEx`: as [`SetClusterGroupSetDependencyExpression`];
/// the reason is recorded.
///
/// # Safety
/// `lpszdependencyexpression` and `lpszreason` are NULL or NUL-terminated UTF-16 strings.
#[unsafe(no_mangle)]
pub unsafe extern "system" fn SetClusterGroupSetDependencyExpressionEx(
    hgroupset: HGROUPSET,
    lpszdependencyexpression: PCWSTR,
    lpszreason: PCWSTR,
) -> u32 {
    run_code("SetClusterGroupSetDependencyExpressionEx", |sim, call| {
        let mut expr = Name::new();
        // SAFETY: forwarded from the caller.
        let expr = unsafe { expr.read(lpszdependencyexpression) }?;
        // SAFETY: forwarded from the caller.
        let reason = unsafe { read_optional_name(lpszreason) }?;
        let set = GroupSetHandle::from_raw(hgroupset);
        sim.set_group_set_dependency_expression_as(call, set, expr, reason.as_deref(), Ok)
    })
}
