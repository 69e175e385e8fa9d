//! Exports of the `clusapi.dll` functions that the simulator does not implement yet.
//!
//! Generated from windows-sys 0.61.2; do not edit. Regenerate: `python3 tools/gen_win32_surface.py`
//!
//! Each stub has the exact windows-sys signature, is recorded in the trace, and fails with
//! ERROR_CALL_NOT_IMPLEMENTED (120) the way its return type reports errors. Implementing a
//! function in another `src/win32/*.rs` file removes its stub when the tool is re-run.

use core::ffi::c_void;
use windows_sys::Win32::Networking::Clustering::{
    CLUS_AFFINITY_RULE_TYPE, CLUSAPI_REASON_HANDLER, CLUSTER_AVAILABILITY_SET_CONFIG, CLUSTER_CLOUD_TYPE,
    CLUSTER_MGMT_POINT_RESTYPE, CLUSTER_SET_PASSWORD_STATUS, CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE,
    CREATE_CLUSTER_CONFIG, CREATE_CLUSTER_NAME_ACCOUNT, HCLUSTER, HGROUP, HGROUPSET, HNETINTERFACE,
    HNETINTERFACEENUM, HNETWORK, HNODE, HRESOURCE, PCLUSTER_SETUP_PROGRESS_CALLBACK,
    PCLUSTER_UPGRADE_PROGRESS_CALLBACK,
};
use windows_sys::core::{BOOL, GUID, PCWSTR, PWSTR};

not_implemented! {
    /// `AddClusterGroupDependency` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddClusterGroupDependency(hdependentgroup: HGROUP, hprovidergroup: HGROUP) -> u32 = Failure::Code;
}
not_implemented! {
    /// `AddClusterGroupDependencyEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddClusterGroupDependencyEx(hdependentgroup: HGROUP, hprovidergroup: HGROUP, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `AddClusterNode` (clusapi.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddClusterNode(hcluster: HCLUSTER, lpsznodename: PCWSTR, pfnprogresscallback: PCLUSTER_SETUP_PROGRESS_CALLBACK, pvcallbackarg: *const c_void) -> HNODE = Failure::Handle;
}
not_implemented! {
    /// `AddClusterNodeEx` (clusapi.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddClusterNodeEx(hcluster: HCLUSTER, lpsznodename: PCWSTR, dwflags: u32, pfnprogresscallback: PCLUSTER_SETUP_PROGRESS_CALLBACK, pvcallbackarg: *const c_void) -> HNODE = Failure::Handle;
}
not_implemented! {
    /// `AddClusterStorageNode` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddClusterStorageNode(hcluster: HCLUSTER, lpsznodename: PCWSTR, pfnprogresscallback: PCLUSTER_SETUP_PROGRESS_CALLBACK, pvcallbackarg: *const c_void, lpszclusterstoragenodedescription: PCWSTR, lpszclusterstoragenodelocation: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `AddCrossClusterGroupSetDependency` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddCrossClusterGroupSetDependency(hdependentgroupset: HGROUPSET, lpremoteclustername: PCWSTR, lpremotegroupsetname: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `AddResourceToClusterSharedVolumes` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn AddResourceToClusterSharedVolumes(hresource: HRESOURCE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `BackupClusterDatabase` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn BackupClusterDatabase(hcluster: HCLUSTER, lpszpathname: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusapiSetReasonHandler` (clusapi.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusapiSetReasonHandler(lphandler: *const CLUSAPI_REASON_HANDLER) -> *mut CLUSAPI_REASON_HANDLER = Failure::NullPtr;
}
not_implemented! {
    /// `ClusterAddGroupToAffinityRule` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterAddGroupToAffinityRule(hcluster: HCLUSTER, rulename: PCWSTR, hgroup: HGROUP) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterAddGroupToGroupSetWithDomains` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterAddGroupToGroupSetWithDomains(hgroupset: HGROUPSET, hgroup: HGROUP, faultdomain: u32, updatedomain: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterAddGroupToGroupSetWithDomainsEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterAddGroupToGroupSetWithDomainsEx(hgroupset: HGROUPSET, hgroup: HGROUP, faultdomain: u32, updatedomain: u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterAffinityRuleControl` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterAffinityRuleControl(hcluster: HCLUSTER, affinityrulename: PCWSTR, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, cbinbuffersize: u32, lpoutbuffer: *mut c_void, cboutbuffersize: u32, lpbytesreturned: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterControlEx(hcluster: HCLUSTER, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterCreateAffinityRule` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterCreateAffinityRule(hcluster: HCLUSTER, rulename: PCWSTR, ruletype: CLUS_AFFINITY_RULE_TYPE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterGroupControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterGroupControlEx(hgroup: HGROUP, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterGroupSetControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterGroupSetControlEx(hgroupset: HGROUPSET, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, cbinbuffersize: u32, lpoutbuffer: *mut c_void, cboutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterNetInterfaceCloseEnum` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNetInterfaceCloseEnum(hnetinterfaceenum: HNETINTERFACEENUM) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterNetInterfaceControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNetInterfaceControlEx(hnetinterface: HNETINTERFACE, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterNetInterfaceEnum` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNetInterfaceEnum(hnetinterfaceenum: HNETINTERFACEENUM, dwindex: u32, lpszname: PWSTR, lpcchname: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterNetInterfaceOpenEnum` (clusapi.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNetInterfaceOpenEnum(hcluster: HCLUSTER, lpsznodename: PCWSTR, lpsznetworkname: PCWSTR) -> HNETINTERFACEENUM = Failure::Handle;
}
not_implemented! {
    /// `ClusterNetworkControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNetworkControlEx(hnetwork: HNETWORK, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterNodeControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNodeControlEx(hnode: HNODE, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterNodeReplacement` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterNodeReplacement(hcluster: HCLUSTER, lpsznodenamecurrent: PCWSTR, lpsznodenamenew: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterRegSyncDatabase` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterRegSyncDatabase(hcluster: HCLUSTER, flags: u32) -> i32 = Failure::Code;
}
not_implemented! {
    /// `ClusterRemoveAffinityRule` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterRemoveAffinityRule(hcluster: HCLUSTER, rulename: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterRemoveGroupFromAffinityRule` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterRemoveGroupFromAffinityRule(hcluster: HCLUSTER, rulename: PCWSTR, hgroup: HGROUP) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterResourceControlAsUser` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterResourceControlAsUser(hresource: HRESOURCE, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, cbinbuffersize: u32, lpoutbuffer: *mut c_void, cboutbuffersize: u32, lpbytesreturned: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterResourceControlAsUserEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterResourceControlAsUserEx(hresource: HRESOURCE, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, cbinbuffersize: u32, lpoutbuffer: *mut c_void, cboutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterResourceControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterResourceControlEx(hresource: HRESOURCE, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, cbinbuffersize: u32, lpoutbuffer: *mut c_void, cboutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterResourceTypeControlAsUser` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterResourceTypeControlAsUser(hcluster: HCLUSTER, lpszresourcetypename: PCWSTR, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterResourceTypeControlAsUserEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterResourceTypeControlAsUserEx(hcluster: HCLUSTER, lpszresourcetypename: PCWSTR, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterResourceTypeControlEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterResourceTypeControlEx(hcluster: HCLUSTER, lpszresourcetypename: PCWSTR, hhostnode: HNODE, dwcontrolcode: u32, lpinbuffer: *const c_void, ninbuffersize: u32, lpoutbuffer: *mut c_void, noutbuffersize: u32, lpbytesreturned: *mut u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterSetAccountAccess` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterSetAccountAccess(hcluster: HCLUSTER, szaccountsid: PCWSTR, dwaccess: u32, dwcontroltype: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterSharedVolumeSetSnapshotState` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterSharedVolumeSetSnapshotState(guidsnapshotset: GUID, lpszvolumename: PCWSTR, state: CLUSTER_SHARED_VOLUME_SNAPSHOT_STATE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterUpgradeFunctionalLevel` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterUpgradeFunctionalLevel(hcluster: HCLUSTER, perform: BOOL, pfnprogresscallback: PCLUSTER_UPGRADE_PROGRESS_CALLBACK, pvcallbackarg: *const c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `CreateCluster` (clusapi.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn CreateCluster(pconfig: *const CREATE_CLUSTER_CONFIG, pfnprogresscallback: PCLUSTER_SETUP_PROGRESS_CALLBACK, pvcallbackarg: *const c_void) -> HCLUSTER = Failure::Handle;
}
not_implemented! {
    /// `CreateClusterAvailabilitySet` (clusapi.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn CreateClusterAvailabilitySet(hcluster: HCLUSTER, lpavailabilitysetname: PCWSTR, pavailabilitysetconfig: *const CLUSTER_AVAILABILITY_SET_CONFIG) -> HGROUPSET = Failure::Handle;
}
not_implemented! {
    /// `CreateClusterNameAccount` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn CreateClusterNameAccount(hcluster: HCLUSTER, pconfig: *const CREATE_CLUSTER_NAME_ACCOUNT, pfnprogresscallback: PCLUSTER_SETUP_PROGRESS_CALLBACK, pvcallbackarg: *const c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `CreateClusterResourceType` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn CreateClusterResourceType(hcluster: HCLUSTER, lpszresourcetypename: PCWSTR, lpszdisplayname: PCWSTR, lpszresourcetypedll: PCWSTR, dwlooksalivepollinterval: u32, dwisalivepollinterval: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `CreateClusterResourceTypeEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn CreateClusterResourceTypeEx(hcluster: HCLUSTER, lpszresourcetypename: PCWSTR, lpszdisplayname: PCWSTR, lpszresourcetypedll: PCWSTR, dwlooksalivepollinterval: u32, dwisalivepollinterval: u32, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DeleteClusterResourceType` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DeleteClusterResourceType(hcluster: HCLUSTER, lpszresourcetypename: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DeleteClusterResourceTypeEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DeleteClusterResourceTypeEx(hcluster: HCLUSTER, lpsztypename: PCWSTR, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DestroyCluster` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DestroyCluster(hcluster: HCLUSTER, pfnprogresscallback: PCLUSTER_SETUP_PROGRESS_CALLBACK, pvcallbackarg: *const c_void, fdeletevirtualcomputerobjects: BOOL) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DetermineCNOResTypeFromCluster` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DetermineCNOResTypeFromCluster(hcluster: HCLUSTER, pcnorestype: *mut CLUSTER_MGMT_POINT_RESTYPE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DetermineCNOResTypeFromNodelist` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DetermineCNOResTypeFromNodelist(cnodes: u32, ppsznodenames: *const PCWSTR, pcnorestype: *mut CLUSTER_MGMT_POINT_RESTYPE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DetermineClusterCloudTypeFromCluster` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DetermineClusterCloudTypeFromCluster(hcluster: HCLUSTER, pcloudtype: *mut CLUSTER_CLOUD_TYPE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `DetermineClusterCloudTypeFromNodelist` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn DetermineClusterCloudTypeFromNodelist(cnodes: u32, ppsznodenames: *const PCWSTR, pcloudtype: *mut CLUSTER_CLOUD_TYPE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `GetNodeCloudTypeDW` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn GetNodeCloudTypeDW(ppsznodename: PCWSTR, nodecloudtype: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RemoveClusterGroupDependency` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RemoveClusterGroupDependency(hgroup: HGROUP, hdependson: HGROUP) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RemoveClusterGroupDependencyEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RemoveClusterGroupDependencyEx(hgroup: HGROUP, hdependson: HGROUP, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RemoveClusterNameAccount` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RemoveClusterNameAccount(hcluster: HCLUSTER, bdeletecomputerobjects: BOOL) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RemoveClusterStorageNode` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RemoveClusterStorageNode(hcluster: HCLUSTER, lpszclusterstorageenclosurename: PCWSTR, dwtimeout: u32, dwflags: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RemoveCrossClusterGroupSetDependency` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RemoveCrossClusterGroupSetDependency(hdependentgroupset: HGROUPSET, lpremoteclustername: PCWSTR, lpremotegroupsetname: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RemoveResourceFromClusterSharedVolumes` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RemoveResourceFromClusterSharedVolumes(hresource: HRESOURCE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `RestoreClusterDatabase` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn RestoreClusterDatabase(lpszpathname: PCWSTR, bforce: BOOL, lpszquorumdriveletter: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `SetClusterNetworkName` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn SetClusterNetworkName(hnetwork: HNETWORK, lpszname: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `SetClusterNetworkNameEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn SetClusterNetworkNameEx(hnetwork: HNETWORK, lpszname: PCWSTR, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `SetClusterNetworkPriorityOrder` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn SetClusterNetworkPriorityOrder(hcluster: HCLUSTER, networkcount: u32, networklist: *const HNETWORK) -> u32 = Failure::Code;
}
not_implemented! {
    /// `SetClusterServiceAccountPassword` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn SetClusterServiceAccountPassword(lpszclustername: PCWSTR, lpsznewpassword: PCWSTR, dwflags: u32, lpreturnstatusbuffer: *mut CLUSTER_SET_PASSWORD_STATUS, lpcbreturnstatusbuffersize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `SetGroupDependencyExpression` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn SetGroupDependencyExpression(hgroup: HGROUP, lpszdependencyexpression: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `SetGroupDependencyExpressionEx` (clusapi.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn SetGroupDependencyExpressionEx(hgroup: HGROUP, lpszdependencyexpression: PCWSTR, lpszreason: PCWSTR) -> u32 = Failure::Code;
}
