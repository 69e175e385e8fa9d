//! Exports of the `resutils.dll` functions that the simulator does not implement yet.
//!
//! Generated from windows-sys 0.61.2; do not edit. Regenerate: `python3 tools/gen_win32_surface.py`
//!
//! Each stub has the exact windows-sys signature, is recorded in the trace, and fails with
//! ERROR_CALL_NOT_IMPLEMENTED (120) the way its return type reports errors. Implementing a
//! function in another `src/win32/*.rs` file removes its stub when the tool is re-run.

use core::ffi::c_void;
use windows_sys::Win32::Networking::Clustering::{
    CLUS_WORKER, CLUSGROUP_TYPE, CLUSTER_HEALTH_FAULT, CLUSTER_HEALTH_FAULT_ARRAY, CLUSTER_ROLE,
    CLUSTER_ROLE_STATE, HCLUSCRYPTPROVIDER, HCLUSTER, HGROUP, HRESOURCE, LPGROUP_CALLBACK_EX,
    LPNODE_CALLBACK, LPRESOURCE_CALLBACK_EX, PLOG_EVENT_ROUTINE, PWORKER_START_ROUTINE, PaxosTagCStruct,
    RESUTIL_PROPERTY_ITEM,
};
use windows_sys::Win32::System::Registry::HKEY;
use windows_sys::Win32::System::Services::SC_HANDLE;
use windows_sys::core::{BOOL, GUID, PCWSTR, PWSTR};

not_implemented! {
    /// `CloseClusterCryptProvider` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn CloseClusterCryptProvider(hcluscryptprovider: HCLUSCRYPTPROVIDER) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusAddClusterHealthFault` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusAddClusterHealthFault(hcluster: HCLUSTER, failure: *const CLUSTER_HEALTH_FAULT, param2: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusGetClusterHealthFaults` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusGetClusterHealthFaults(hcluster: HCLUSTER, objects: *mut CLUSTER_HEALTH_FAULT_ARRAY, flags: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusRemoveClusterHealthFault` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusRemoveClusterHealthFault(hcluster: HCLUSTER, id: PCWSTR, flags: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusWorkerCheckTerminate` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusWorkerCheckTerminate(lpworker: *mut CLUS_WORKER) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ClusWorkerCreate` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusWorkerCreate(lpworker: *mut CLUS_WORKER, lpstartaddress: PWORKER_START_ROUTINE, lpparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusWorkerTerminate` (resutils.dll). Not simulated yet: returns nothing and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusWorkerTerminate(lpworker: *const CLUS_WORKER) = Failure::Void;
}
not_implemented! {
    /// `ClusWorkerTerminateEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusWorkerTerminateEx(clusworker: *mut CLUS_WORKER, timeoutinmilliseconds: u32, waitonly: BOOL) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusWorkersTerminate` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusWorkersTerminate(clusworkers: *mut *mut CLUS_WORKER, clusworkerscount: usize, timeoutinmilliseconds: u32, waitonly: BOOL) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterClearBackupStateForSharedVolume` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterClearBackupStateForSharedVolume(lpszvolumepathname: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterDecrypt` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterDecrypt(hcluscryptprovider: HCLUSCRYPTPROVIDER, pcryptinput: *const u8, cbcryptinput: u32, ppcryptoutput: *mut *mut u8, pcbcryptoutput: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterEncrypt` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterEncrypt(hcluscryptprovider: HCLUSCRYPTPROVIDER, pdata: *const u8, cbdata: u32, ppdata: *mut *mut u8, pcbdata: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ClusterPrepareSharedVolumeForBackup` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterPrepareSharedVolumeForBackup(lpszfilename: PCWSTR, lpszvolumepathname: PWSTR, lpcchvolumepathname: *mut u32, lpszvolumename: PWSTR, lpcchvolumename: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `FreeClusterCrypt` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn FreeClusterCrypt(pcryptinfo: *const c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `FreeClusterHealthFault` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn FreeClusterHealthFault(clusterhealthfault: *mut CLUSTER_HEALTH_FAULT) -> u32 = Failure::Code;
}
not_implemented! {
    /// `FreeClusterHealthFaultArray` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn FreeClusterHealthFaultArray(clusterhealthfaultarray: *mut CLUSTER_HEALTH_FAULT_ARRAY) -> u32 = Failure::Code;
}
not_implemented! {
    /// `InitializeClusterHealthFault` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn InitializeClusterHealthFault(clusterhealthfault: *mut CLUSTER_HEALTH_FAULT) -> u32 = Failure::Code;
}
not_implemented! {
    /// `InitializeClusterHealthFaultArray` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn InitializeClusterHealthFaultArray(clusterhealthfaultarray: *mut CLUSTER_HEALTH_FAULT_ARRAY) -> u32 = Failure::Code;
}
not_implemented! {
    /// `OpenClusterCryptProvider` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn OpenClusterCryptProvider(lpszresource: PCWSTR, lpszprovider: *const i8, dwtype: u32, dwflags: u32) -> HCLUSCRYPTPROVIDER = Failure::Handle;
}
not_implemented! {
    /// `OpenClusterCryptProviderEx` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn OpenClusterCryptProviderEx(lpszresource: PCWSTR, lpszkeyname: PCWSTR, lpszprovider: *const i8, dwtype: u32, dwflags: u32) -> HCLUSCRYPTPROVIDER = Failure::Handle;
}
not_implemented! {
    /// `ResUtilAddUnknownProperties` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilAddUnknownProperties(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, poutpropertylist: *mut c_void, pcboutpropertylistsize: u32, pcbbytesreturned: *mut u32, pcbrequired: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilCreateDirectoryTree` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilCreateDirectoryTree(pszpath: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilDupGroup` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilDupGroup(group: HGROUP, copy: *mut HGROUP) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilDupResource` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilDupResource(group: HRESOURCE, copy: *mut HRESOURCE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilEnumGroups` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumGroups(hcluster: HCLUSTER, hself: HGROUP, prescallback: LPGROUP_CALLBACK_EX, pparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilEnumGroupsEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumGroupsEx(hcluster: HCLUSTER, hself: HGROUP, grouptype: CLUSGROUP_TYPE, prescallback: LPGROUP_CALLBACK_EX, pparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilEnumPrivateProperties` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumPrivateProperties(hkeyclusterkey: HKEY, pszoutproperties: PWSTR, cboutpropertiessize: u32, pcbbytesreturned: *mut u32, pcbrequired: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilExpandEnvironmentStrings` (resutils.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilExpandEnvironmentStrings(pszsrc: PCWSTR) -> PWSTR = Failure::NullPtr;
}
not_implemented! {
    /// `ResUtilFindDependentDiskResourceDriveLetter` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindDependentDiskResourceDriveLetter(hcluster: HCLUSTER, hresource: HRESOURCE, pszdriveletter: PWSTR, pcchdriveletter: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFreeEnvironment` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFreeEnvironment(lpenvironment: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetClusterGroupType` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetClusterGroupType(hgroup: HGROUP, grouptype: *mut CLUSGROUP_TYPE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetClusterId` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetClusterId(hcluster: HCLUSTER, guid: *mut GUID) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetClusterRoleState` (resutils.dll). Not simulated yet: returns the `StateUnknown` value (-1) and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetClusterRoleState(hcluster: HCLUSTER, eclusterrole: CLUSTER_ROLE) -> CLUSTER_ROLE_STATE = Failure::StateUnknown;
}
not_implemented! {
    /// `ResUtilGetCoreGroup` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetCoreGroup(hcluster: HCLUSTER) -> HGROUP = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetEnvironmentWithNetName` (resutils.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetEnvironmentWithNetName(hresource: HRESOURCE) -> *mut c_void = Failure::NullPtr;
}
not_implemented! {
    /// `ResUtilGetProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetProperty(hkeyclusterkey: HKEY, ppropertytableitem: *const RESUTIL_PROPERTY_ITEM, poutpropertyitem: *mut *mut c_void, pcboutpropertyitemsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetPropertySize` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetPropertySize(hkeyclusterkey: HKEY, ppropertytableitem: *const RESUTIL_PROPERTY_ITEM, pcboutpropertylistsize: *mut u32, pnpropertycount: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetResourceDependentIPAddressProps` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependentIPAddressProps(hresource: HRESOURCE, pszaddress: PWSTR, pcchaddress: *mut u32, pszsubnetmask: PWSTR, pcchsubnetmask: *mut u32, psznetwork: PWSTR, pcchnetwork: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGroupsEqual` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGroupsEqual(hself: HGROUP, hgroup: HGROUP, pequal: *mut BOOL) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilIsPathValid` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilIsPathValid(pszpath: PCWSTR) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ResUtilLeftPaxosIsLessThanRight` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilLeftPaxosIsLessThanRight(left: *const PaxosTagCStruct, right: *const PaxosTagCStruct) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ResUtilNodeEnum` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilNodeEnum(hcluster: HCLUSTER, pnodecallback: LPNODE_CALLBACK, pparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilPaxosComparer` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilPaxosComparer(left: *const PaxosTagCStruct, right: *const PaxosTagCStruct) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ResUtilRemoveResourceServiceEnvironment` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilRemoveResourceServiceEnvironment(pszservicename: PCWSTR, pfnlogevent: PLOG_EVENT_ROUTINE, hresourcehandle: isize) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilResourceDepEnum` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilResourceDepEnum(hself: HRESOURCE, enumtype: u32, prescallback: LPRESOURCE_CALLBACK_EX, pparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetPropertyParameterBlock` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetPropertyParameterBlock(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, reserved: *mut c_void, pinparams: *const u8, pinpropertylist: *const c_void, cbinpropertylistsize: u32, poutparams: *mut u8) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetPropertyParameterBlockEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetPropertyParameterBlockEx(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, reserved: *mut c_void, pinparams: *const u8, pinpropertylist: *const c_void, cbinpropertylistsize: u32, bforcewrite: BOOL, poutparams: *mut u8) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetPropertyTableEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetPropertyTableEx(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, reserved: *mut c_void, ballowunknownproperties: BOOL, pinpropertylist: *const c_void, cbinpropertylistsize: u32, bforcewrite: BOOL, poutparams: *mut u8) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetResourceServiceEnvironment` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetResourceServiceEnvironment(pszservicename: PCWSTR, hresource: HRESOURCE, pfnlogevent: PLOG_EVENT_ROUTINE, hresourcehandle: isize) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetResourceServiceStartParameters` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetResourceServiceStartParameters(pszservicename: PCWSTR, schscmhandle: SC_HANDLE, phservice: *mut SC_HANDLE, pfnlogevent: PLOG_EVENT_ROUTINE, hresourcehandle: isize) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetResourceServiceStartParametersEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetResourceServiceStartParametersEx(pszservicename: PCWSTR, schscmhandle: SC_HANDLE, phservice: *mut SC_HANDLE, dwdesiredaccess: u32, pfnlogevent: PLOG_EVENT_ROUTINE, hresourcehandle: isize) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetUnknownProperties` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetUnknownProperties(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, pinpropertylist: *const c_void, cbinpropertylistsize: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilStartResourceService` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilStartResourceService(pszservicename: PCWSTR, phservicehandle: *mut SC_HANDLE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilStopResourceService` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilStopResourceService(pszservicename: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilStopService` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilStopService(hservicehandle: SC_HANDLE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilTerminateServiceProcessFromResDll` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilTerminateServiceProcessFromResDll(dwservicepid: u32, boffline: BOOL, pdwresourcestate: *mut u32, pfnlogevent: PLOG_EVENT_ROUTINE, hresourcehandle: isize) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilVerifyResourceService` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilVerifyResourceService(pszservicename: PCWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilVerifyService` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilVerifyService(hservicehandle: SC_HANDLE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilVerifyShutdownSafe` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilVerifyShutdownSafe(flags: u32, reason: u32, presult: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilsDeleteKeyTree` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilsDeleteKeyTree(key: HKEY, keyname: PCWSTR, treatnokeyaserror: BOOL) -> u32 = Failure::Code;
}
