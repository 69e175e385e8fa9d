//! Exports of the `resutils.dll` functions that the simulator does not implement yet.
//!
//! Generated from windows-sys 0.61.2; do not edit. Regenerate: `python3 tools/gen_win32_surface.py`
//!
//! Each stub has the exact windows-sys signature, is recorded in the trace, and fails with
//! ERROR_CALL_NOT_IMPLEMENTED (120) the way its return type reports errors. Implementing a
//! function in another `src/win32/*.rs` file removes its stub when the tool is re-run.

use core::ffi::c_void;
use windows_sys::Win32::Foundation::{FILETIME, HANDLE};
use windows_sys::Win32::Networking::Clustering::{
    CLUS_RESOURCE_CLASS_INFO, CLUS_WORKER, CLUSGROUP_TYPE, CLUSPROP_BINARY, CLUSPROP_DWORD,
    CLUSPROP_FILETIME, CLUSPROP_LONG, CLUSPROP_SZ, CLUSTER_HEALTH_FAULT, CLUSTER_HEALTH_FAULT_ARRAY,
    CLUSTER_ROLE, CLUSTER_ROLE_STATE, HCLUSCRYPTPROVIDER, HCLUSTER, HGROUP, HRESOURCE, LPGROUP_CALLBACK_EX,
    LPNODE_CALLBACK, LPRESOURCE_CALLBACK, LPRESOURCE_CALLBACK_EX, PLOG_EVENT_ROUTINE, PWORKER_START_ROUTINE,
    PaxosTagCStruct, RESUTIL_PROPERTY_ITEM,
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
    /// `ClusterGetVolumeNameForVolumeMountPoint` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterGetVolumeNameForVolumeMountPoint(lpszvolumemountpoint: PCWSTR, lpszvolumename: PWSTR, cchbufferlength: u32) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ClusterGetVolumePathName` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterGetVolumePathName(lpszfilename: PCWSTR, lpszvolumepathname: PWSTR, cchbufferlength: u32) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ClusterIsPathOnSharedVolume` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ClusterIsPathOnSharedVolume(lpszpathname: PCWSTR) -> BOOL = Failure::Bool;
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
    /// `ResUtilDupParameterBlock` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilDupParameterBlock(poutparams: *mut u8, pinparams: *const u8, ppropertytable: *const RESUTIL_PROPERTY_ITEM) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilDupResource` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilDupResource(group: HRESOURCE, copy: *mut HRESOURCE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilDupString` (resutils.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilDupString(pszinstring: PCWSTR) -> PWSTR = Failure::NullPtr;
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
    /// `ResUtilEnumProperties` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumProperties(ppropertytable: *const RESUTIL_PROPERTY_ITEM, pszoutproperties: PWSTR, cboutpropertiessize: u32, pcbbytesreturned: *mut u32, pcbrequired: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilEnumResources` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumResources(hself: HRESOURCE, lpszrestypename: PCWSTR, prescallback: LPRESOURCE_CALLBACK, pparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilEnumResourcesEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumResourcesEx(hcluster: HCLUSTER, hself: HRESOURCE, lpszrestypename: PCWSTR, prescallback: LPRESOURCE_CALLBACK_EX, pparameter: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilEnumResourcesEx2` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilEnumResourcesEx2(hcluster: HCLUSTER, hself: HRESOURCE, lpszrestypename: PCWSTR, prescallback: LPRESOURCE_CALLBACK_EX, pparameter: *mut c_void, dwdesiredaccess: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilExpandEnvironmentStrings` (resutils.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilExpandEnvironmentStrings(pszsrc: PCWSTR) -> PWSTR = Failure::NullPtr;
}
not_implemented! {
    /// `ResUtilFindBinaryProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindBinaryProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pbpropertyvalue: *mut *mut u8, pcbpropertyvaluesize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindDependentDiskResourceDriveLetter` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindDependentDiskResourceDriveLetter(hcluster: HCLUSTER, hresource: HRESOURCE, pszdriveletter: PWSTR, pcchdriveletter: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindDwordProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindDwordProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pdwpropertyvalue: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindExpandSzProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindExpandSzProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pszpropertyvalue: *mut PWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindExpandedSzProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindExpandedSzProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pszpropertyvalue: *mut PWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindFileTimeProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindFileTimeProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pftpropertyvalue: *mut FILETIME) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindLongProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindLongProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, plpropertyvalue: *mut i32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindMultiSzProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindMultiSzProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pszpropertyvalue: *mut PWSTR, pcbpropertyvaluesize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindSzProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindSzProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, pszpropertyvalue: *mut PWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFindULargeIntegerProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFindULargeIntegerProperty(ppropertylist: *const c_void, cbpropertylistsize: u32, pszpropertyname: PCWSTR, plpropertyvalue: *mut u64) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFreeEnvironment` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFreeEnvironment(lpenvironment: *mut c_void) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilFreeParameterBlock` (resutils.dll). Not simulated yet: returns nothing and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilFreeParameterBlock(poutparams: *mut u8, pinparams: *const u8, ppropertytable: *const RESUTIL_PROPERTY_ITEM) = Failure::Void;
}
not_implemented! {
    /// `ResUtilGetBinaryProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetBinaryProperty(ppboutvalue: *mut *mut u8, pcboutvaluesize: *mut u32, pvaluestruct: *const CLUSPROP_BINARY, pboldvalue: *const u8, cboldvaluesize: u32, pppropertylist: *mut *mut u8, pcbpropertylistsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetBinaryValue` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetBinaryValue(hkeyclusterkey: HKEY, pszvaluename: PCWSTR, ppboutvalue: *mut *mut u8, pcboutvaluesize: *mut u32) -> u32 = Failure::Code;
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
    /// `ResUtilGetCoreClusterResources` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetCoreClusterResources(hcluster: HCLUSTER, phclusternameresource: *mut HRESOURCE, phclusteripaddressresource: *mut HRESOURCE, phclusterquorumresource: *mut HRESOURCE) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetCoreClusterResourcesEx` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetCoreClusterResourcesEx(hclusterin: HCLUSTER, phclusternameresourceout: *mut HRESOURCE, phclusterquorumresourceout: *mut HRESOURCE, dwdesiredaccess: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetCoreGroup` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetCoreGroup(hcluster: HCLUSTER) -> HGROUP = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetDwordProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetDwordProperty(pdwoutvalue: *mut u32, pvaluestruct: *const CLUSPROP_DWORD, dwoldvalue: u32, dwminimum: u32, dwmaximum: u32, pppropertylist: *mut *mut u8, pcbpropertylistsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetEnvironmentWithNetName` (resutils.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetEnvironmentWithNetName(hresource: HRESOURCE) -> *mut c_void = Failure::NullPtr;
}
not_implemented! {
    /// `ResUtilGetFileTimeProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetFileTimeProperty(pftoutvalue: *mut FILETIME, pvaluestruct: *const CLUSPROP_FILETIME, ftoldvalue: FILETIME, ftminimum: FILETIME, ftmaximum: FILETIME, pppropertylist: *mut *mut u8, pcbpropertylistsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetLongProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetLongProperty(ploutvalue: *mut i32, pvaluestruct: *const CLUSPROP_LONG, loldvalue: i32, lminimum: i32, lmaximum: i32, pppropertylist: *mut *mut u8, pcbpropertylistsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetMultiSzProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetMultiSzProperty(ppszoutvalue: *mut PWSTR, pcboutvaluesize: *mut u32, pvaluestruct: *const CLUSPROP_SZ, pszoldvalue: PCWSTR, cboldvaluesize: u32, pppropertylist: *mut *mut u8, pcbpropertylistsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetPropertiesToParameterBlock` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetPropertiesToParameterBlock(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, poutparams: *mut u8, bcheckforrequiredproperties: BOOL, psznameofpropinerror: *mut PWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetProperty(hkeyclusterkey: HKEY, ppropertytableitem: *const RESUTIL_PROPERTY_ITEM, poutpropertyitem: *mut *mut c_void, pcboutpropertyitemsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetPropertyFormats` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetPropertyFormats(ppropertytable: *const RESUTIL_PROPERTY_ITEM, poutpropertyformatlist: *mut c_void, cbpropertyformatlistsize: u32, pcbbytesreturned: *mut u32, pcbrequired: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetPropertySize` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetPropertySize(hkeyclusterkey: HKEY, ppropertytableitem: *const RESUTIL_PROPERTY_ITEM, pcboutpropertylistsize: *mut u32, pnpropertycount: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetResourceDependency` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependency(hself: HANDLE, lpszresourcetype: PCWSTR) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceDependencyByClass` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependencyByClass(hcluster: HCLUSTER, hself: HANDLE, prci: *mut CLUS_RESOURCE_CLASS_INFO, brecurse: BOOL) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceDependencyByClassEx` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependencyByClassEx(hcluster: HCLUSTER, hself: HANDLE, prci: *mut CLUS_RESOURCE_CLASS_INFO, brecurse: BOOL, dwdesiredaccess: u32) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceDependencyByName` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependencyByName(hcluster: HCLUSTER, hself: HANDLE, lpszresourcetype: PCWSTR, brecurse: BOOL) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceDependencyByNameEx` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependencyByNameEx(hcluster: HCLUSTER, hself: HANDLE, lpszresourcetype: PCWSTR, brecurse: BOOL, dwdesiredaccess: u32) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceDependencyEx` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependencyEx(hself: HANDLE, lpszresourcetype: PCWSTR, dwdesiredaccess: u32) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceDependentIPAddressProps` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceDependentIPAddressProps(hresource: HRESOURCE, pszaddress: PWSTR, pcchaddress: *mut u32, pszsubnetmask: PWSTR, pcchsubnetmask: *mut u32, psznetwork: PWSTR, pcchnetwork: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetResourceName` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceName(hresource: HRESOURCE, pszresourcename: PWSTR, pcchresourcenameinout: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetResourceNameDependency` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceNameDependency(lpszresourcename: PCWSTR, lpszresourcetype: PCWSTR) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetResourceNameDependencyEx` (resutils.dll). Not simulated yet: returns a NULL handle and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetResourceNameDependencyEx(lpszresourcename: PCWSTR, lpszresourcetype: PCWSTR, dwdesiredaccess: u32) -> HRESOURCE = Failure::Handle;
}
not_implemented! {
    /// `ResUtilGetSzProperty` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetSzProperty(ppszoutvalue: *mut PWSTR, pvaluestruct: *const CLUSPROP_SZ, pszoldvalue: PCWSTR, pppropertylist: *mut *mut u8, pcbpropertylistsize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilGetSzValue` (resutils.dll). Not simulated yet: returns NULL and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilGetSzValue(hkeyclusterkey: HKEY, pszvaluename: PCWSTR) -> PWSTR = Failure::NullPtr;
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
    /// `ResUtilIsResourceClassEqual` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilIsResourceClassEqual(prci: *mut CLUS_RESOURCE_CLASS_INFO, hresource: HRESOURCE) -> BOOL = Failure::Bool;
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
    /// `ResUtilPropertyListFromParameterBlock` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilPropertyListFromParameterBlock(ppropertytable: *const RESUTIL_PROPERTY_ITEM, poutpropertylist: *mut c_void, pcboutpropertylistsize: *mut u32, pinparams: *const u8, pcbbytesreturned: *mut u32, pcbrequired: *mut u32) -> u32 = Failure::Code;
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
    /// `ResUtilResourceTypesEqual` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilResourceTypesEqual(lpszresourcetypename: PCWSTR, hresource: HRESOURCE) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ResUtilResourcesEqual` (resutils.dll). Not simulated yet: returns FALSE and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilResourcesEqual(hself: HRESOURCE, hresource: HRESOURCE) -> BOOL = Failure::Bool;
}
not_implemented! {
    /// `ResUtilSetBinaryValue` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetBinaryValue(hkeyclusterkey: HKEY, pszvaluename: PCWSTR, pbnewvalue: *const u8, cbnewvaluesize: u32, ppboutvalue: *mut *mut u8, pcboutvaluesize: *mut u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetExpandSzValue` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetExpandSzValue(hkeyclusterkey: HKEY, pszvaluename: PCWSTR, psznewvalue: PCWSTR, ppszoutstring: *mut PWSTR) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilSetMultiSzValue` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetMultiSzValue(hkeyclusterkey: HKEY, pszvaluename: PCWSTR, psznewvalue: PCWSTR, cbnewvaluesize: u32, ppszoutvalue: *mut PWSTR, pcboutvaluesize: *mut u32) -> u32 = Failure::Code;
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
    /// `ResUtilSetPropertyTable` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetPropertyTable(hkeyclusterkey: HKEY, ppropertytable: *const RESUTIL_PROPERTY_ITEM, reserved: *const c_void, ballowunknownproperties: BOOL, pinpropertylist: *const c_void, cbinpropertylistsize: u32, poutparams: *mut u8) -> u32 = Failure::Code;
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
    /// `ResUtilSetSzValue` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilSetSzValue(hkeyclusterkey: HKEY, pszvaluename: PCWSTR, psznewvalue: PCWSTR, ppszoutstring: *mut PWSTR) -> u32 = Failure::Code;
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
    /// `ResUtilVerifyPrivatePropertyList` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilVerifyPrivatePropertyList(pinpropertylist: *const c_void, cbinpropertylistsize: u32) -> u32 = Failure::Code;
}
not_implemented! {
    /// `ResUtilVerifyPropertyTable` (resutils.dll). Not simulated yet: returns `ERROR_CALL_NOT_IMPLEMENTED` (120).
    fn ResUtilVerifyPropertyTable(ppropertytable: *const RESUTIL_PROPERTY_ITEM, reserved: *const c_void, ballowunknownproperties: BOOL, pinpropertylist: *const c_void, cbinpropertylistsize: u32, poutparams: *mut u8) -> u32 = Failure::Code;
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
