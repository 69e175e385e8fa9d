/*
 * resapi.h for clusapi-sim: the resource utility functions of resutils.dll on Linux.
 *
 * Generated from windows-sys 0.61.2; do not edit. Regenerate: `python3 tools/gen_win32_surface.py`
 * (skeleton: tools/templates/resapi.h.in)
 *
 * Includes clusapi.h, whose types and conventions it shares (WCHAR is char16_t, handles are
 * pointers to distinct opaque structs, DWORD/LONG/BOOL are 32-bit). Every resutils.dll function
 * that windows-sys declares is declared and exported, with its function-pointer typedef when
 * windows-sys has one (PRESUTIL_*, PCLUSTER_*...); those not simulated yet fail with
 * ERROR_CALL_NOT_IMPLEMENTED (see FIDELITY.md). Works with C11 and C++17
 * (-Wall -Wextra -Wpedantic clean).
 *
 * Where windows-sys and resapi.h differ, this header follows windows-sys, whose signatures the
 * exports have: RESOURCE_HANDLE parameters are LONG_PTR (windows-sys: isize), size_t ones
 * DWORD_PTR (usize); only PLOG_EVENT_ROUTINE is variadic, as in resapi.h (windows-sys cannot
 * declare a variadic function pointer).
 */
#ifndef CLUSAPI_SIM_RESAPI_H
#define CLUSAPI_SIM_RESAPI_H

#include "clusapi.h"

#ifndef _WINDEF_
typedef char CHAR;
#endif
#ifndef _WINSVC_
typedef struct SC_HANDLE__ *SC_HANDLE;
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Handles: pointers to distinct opaque structs, as in resapi.h. */
typedef struct _HCLUSCRYPTPROVIDER *HCLUSCRYPTPROVIDER;

/* Enumerations. */
typedef enum CLUSTER_ROLE {
    ClusterRoleDHCP = 0,
    ClusterRoleDTC = 1,
    ClusterRoleFileServer = 2,
    ClusterRoleGenericApplication = 3,
    ClusterRoleGenericScript = 4,
    ClusterRoleGenericService = 5,
    ClusterRoleISCSINameServer = 6,
    ClusterRoleMSMQ = 7,
    ClusterRoleNFS = 8,
    ClusterRolePrintServer = 9,
    ClusterRoleStandAloneNamespaceServer = 10,
    ClusterRoleVolumeShadowCopyServiceTask = 11,
    ClusterRoleWINS = 12,
    ClusterRoleTaskScheduler = 13,
    ClusterRoleNetworkFileSystem = 14,
    ClusterRoleDFSReplicatedFolder = 15,
    ClusterRoleDistributedFileSystem = 0x10,
    ClusterRoleDistributedNetworkName = 0x11,
    ClusterRoleFileShare = 0x12,
    ClusterRoleFileShareWitness = 0x13,
    ClusterRoleHardDisk = 0x14,
    ClusterRoleIPAddress = 0x15,
    ClusterRoleIPV6Address = 0x16,
    ClusterRoleIPV6TunnelAddress = 0x17,
    ClusterRoleISCSITargetServer = 0x18,
    ClusterRoleNetworkName = 0x19,
    ClusterRolePhysicalDisk = 0x1A,
    ClusterRoleSODAFileServer = 0x1B,
    ClusterRoleStoragePool = 0x1C,
    ClusterRoleVirtualMachine = 0x1D,
    ClusterRoleVirtualMachineConfiguration = 0x1E,
    ClusterRoleVirtualMachineReplicaBroker = 0x1F,
} CLUSTER_ROLE;
typedef enum CLUSTER_ROLE_STATE {
    ClusterRoleUnknown = -1,
    ClusterRoleClustered = 0,
    ClusterRoleUnclustered = 1,
} CLUSTER_ROLE_STATE;
typedef enum LOG_LEVEL {
    LOG_INFORMATION = 0,
    LOG_WARNING = 1,
    LOG_ERROR = 2,
    LOG_SEVERE = 3,
} LOG_LEVEL;
CLUSAPI_SIM_ASSERT_SIZE(CLUSTER_ROLE, 4);
CLUSAPI_SIM_ASSERT_SIZE(CLUSTER_ROLE_STATE, 4);
CLUSAPI_SIM_ASSERT_SIZE(LOG_LEVEL, 4);

/* Constants (values from windows-sys 0.61.2). */
#define RESUTIL_PROPITEM_IN_MEMORY 8
#define RESUTIL_PROPITEM_READ_ONLY 1
#define RESUTIL_PROPITEM_REQUIRED 2
#define RESUTIL_PROPITEM_SIGNED 4

/* Structures (each with its P* pointer type, as in resapi.h) and callbacks. */
typedef struct _CLUSTER_HEALTH_FAULT CLUSTER_HEALTH_FAULT, *PCLUSTER_HEALTH_FAULT;
typedef struct _CLUSTER_HEALTH_FAULT_ARRAY CLUSTER_HEALTH_FAULT_ARRAY, *PCLUSTER_HEALTH_FAULT_ARRAY;
typedef struct _CLUS_WORKER CLUS_WORKER, *PCLUS_WORKER;
typedef struct _PaxosTagCStruct PaxosTagCStruct, *PPaxosTagCStruct;
typedef struct _RESUTIL_FILETIME_DATA RESUTIL_FILETIME_DATA, *PRESUTIL_FILETIME_DATA;
typedef struct _RESUTIL_LARGEINT_DATA RESUTIL_LARGEINT_DATA, *PRESUTIL_LARGEINT_DATA;
typedef struct _RESUTIL_PROPERTY_ITEM RESUTIL_PROPERTY_ITEM, *PRESUTIL_PROPERTY_ITEM;
typedef struct _RESUTIL_ULARGEINT_DATA RESUTIL_ULARGEINT_DATA, *PRESUTIL_ULARGEINT_DATA;
typedef DWORD (WINAPI *LPGROUP_CALLBACK_EX)(HCLUSTER param0, HGROUP param1, HGROUP param2, PVOID param3);
typedef DWORD (WINAPI *LPNODE_CALLBACK)(HCLUSTER param0, HNODE param1, CLUSTER_NODE_STATE param2, PVOID param3);
typedef DWORD (WINAPI *LPRESOURCE_CALLBACK)(HRESOURCE param0, HRESOURCE param1, PVOID param2);
typedef DWORD (WINAPI *LPRESOURCE_CALLBACK_EX)(HCLUSTER param0, HRESOURCE param1, HRESOURCE param2, PVOID param3);
typedef void (WINAPI *PLOG_EVENT_ROUTINE)(LONG_PTR resourcehandle, LOG_LEVEL loglevel, LPCWSTR formatstring, ...);
typedef DWORD (WINAPI *PWORKER_START_ROUTINE)(CLUS_WORKER *pworker, PVOID lpthreadparameter);
struct _CLUSTER_HEALTH_FAULT {
    LPWSTR Id;
    DWORD ErrorType;
    DWORD ErrorCode;
    LPWSTR Description;
    LPWSTR Provider;
    DWORD Flags;
    DWORD Reserved;
};
struct _CLUSTER_HEALTH_FAULT_ARRAY {
    DWORD numFaults;
    CLUSTER_HEALTH_FAULT *faults;
};
struct _CLUS_WORKER {
    HANDLE hThread;
    BOOL Terminate;
};
struct _PaxosTagCStruct {
    ULONGLONG __padding__PaxosTagVtable;
    ULONGLONG __padding__NextEpochVtable;
    ULONGLONG __padding__NextEpoch_DateTimeVtable;
    ULONGLONG NextEpoch_DateTime_ticks;
    LONG NextEpoch_Value;
    DWORD __padding__BoundryNextEpoch;
    ULONGLONG __padding__EpochVtable;
    ULONGLONG __padding__Epoch_DateTimeVtable;
    ULONGLONG Epoch_DateTime_ticks;
    LONG Epoch_Value;
    DWORD __padding__BoundryEpoch;
    LONG Sequence;
    DWORD __padding__BoundrySequence;
};
struct _RESUTIL_FILETIME_DATA {
    FILETIME Default;
    FILETIME Minimum;
    FILETIME Maximum;
};
struct _RESUTIL_LARGEINT_DATA {
    LONGLONG Default;
    LONGLONG Minimum;
    LONGLONG Maximum;
};
struct _RESUTIL_PROPERTY_ITEM {
    LPWSTR Name;
    LPWSTR KeyName;
    DWORD Format;
    CLUSAPI_SIM_ANONYMOUS union {
        DWORD_PTR DefaultPtr;
        DWORD Default;
        PVOID lpDefault;
        RESUTIL_LARGEINT_DATA *LargeIntData;
        RESUTIL_ULARGEINT_DATA *ULargeIntData;
        RESUTIL_FILETIME_DATA *FileTimeData;
    };
    DWORD Minimum;
    DWORD Maximum;
    DWORD Flags;
    DWORD Offset;
};
struct _RESUTIL_ULARGEINT_DATA {
    ULONGLONG Default;
    ULONGLONG Minimum;
    ULONGLONG Maximum;
};

/* The resutils.dll functions (signatures from windows-sys 0.61.2). */
DWORD WINAPI CloseClusterCryptProvider(HCLUSCRYPTPROVIDER hcluscryptprovider);
DWORD WINAPI ClusAddClusterHealthFault(HCLUSTER hcluster, const CLUSTER_HEALTH_FAULT *failure, DWORD param2);
DWORD WINAPI ClusGetClusterHealthFaults(HCLUSTER hcluster, CLUSTER_HEALTH_FAULT_ARRAY *objects, DWORD flags);
DWORD WINAPI ClusRemoveClusterHealthFault(HCLUSTER hcluster, LPCWSTR id, DWORD flags);
BOOL WINAPI ClusWorkerCheckTerminate(CLUS_WORKER *lpworker);
DWORD WINAPI ClusWorkerCreate(CLUS_WORKER *lpworker, PWORKER_START_ROUTINE lpstartaddress, PVOID lpparameter);
void WINAPI ClusWorkerTerminate(const CLUS_WORKER *lpworker);
DWORD WINAPI ClusWorkerTerminateEx(CLUS_WORKER *clusworker, DWORD timeoutinmilliseconds, BOOL waitonly);
DWORD WINAPI ClusWorkersTerminate(CLUS_WORKER * *clusworkers, DWORD_PTR clusworkerscount, DWORD timeoutinmilliseconds, BOOL waitonly);
DWORD WINAPI ClusterClearBackupStateForSharedVolume(LPCWSTR lpszvolumepathname);
DWORD WINAPI ClusterDecrypt(HCLUSCRYPTPROVIDER hcluscryptprovider, const BYTE *pcryptinput, DWORD cbcryptinput, BYTE * *ppcryptoutput, DWORD *pcbcryptoutput);
DWORD WINAPI ClusterEncrypt(HCLUSCRYPTPROVIDER hcluscryptprovider, const BYTE *pdata, DWORD cbdata, BYTE * *ppdata, DWORD *pcbdata);
BOOL WINAPI ClusterGetVolumeNameForVolumeMountPoint(LPCWSTR lpszvolumemountpoint, LPWSTR lpszvolumename, DWORD cchbufferlength);
BOOL WINAPI ClusterGetVolumePathName(LPCWSTR lpszfilename, LPWSTR lpszvolumepathname, DWORD cchbufferlength);
BOOL WINAPI ClusterIsPathOnSharedVolume(LPCWSTR lpszpathname);
DWORD WINAPI ClusterPrepareSharedVolumeForBackup(LPCWSTR lpszfilename, LPWSTR lpszvolumepathname, DWORD *lpcchvolumepathname, LPWSTR lpszvolumename, DWORD *lpcchvolumename);
DWORD WINAPI FreeClusterCrypt(LPCVOID pcryptinfo);
DWORD WINAPI FreeClusterHealthFault(CLUSTER_HEALTH_FAULT *clusterhealthfault);
DWORD WINAPI FreeClusterHealthFaultArray(CLUSTER_HEALTH_FAULT_ARRAY *clusterhealthfaultarray);
DWORD WINAPI InitializeClusterHealthFault(CLUSTER_HEALTH_FAULT *clusterhealthfault);
DWORD WINAPI InitializeClusterHealthFaultArray(CLUSTER_HEALTH_FAULT_ARRAY *clusterhealthfaultarray);
HCLUSCRYPTPROVIDER WINAPI OpenClusterCryptProvider(LPCWSTR lpszresource, const CHAR *lpszprovider, DWORD dwtype, DWORD dwflags);
HCLUSCRYPTPROVIDER WINAPI OpenClusterCryptProviderEx(LPCWSTR lpszresource, LPCWSTR lpszkeyname, const CHAR *lpszprovider, DWORD dwtype, DWORD dwflags);
DWORD WINAPI ResUtilAddUnknownProperties(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD pcboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilCreateDirectoryTree(LPCWSTR pszpath);
DWORD WINAPI ResUtilDupGroup(HGROUP group, HGROUP *copy);
DWORD WINAPI ResUtilDupParameterBlock(BYTE *poutparams, const BYTE *pinparams, const RESUTIL_PROPERTY_ITEM *ppropertytable);
DWORD WINAPI ResUtilDupResource(HRESOURCE group, HRESOURCE *copy);
LPWSTR WINAPI ResUtilDupString(LPCWSTR pszinstring);
DWORD WINAPI ResUtilEnumGroups(HCLUSTER hcluster, HGROUP hself, LPGROUP_CALLBACK_EX prescallback, PVOID pparameter);
DWORD WINAPI ResUtilEnumGroupsEx(HCLUSTER hcluster, HGROUP hself, CLUSGROUP_TYPE grouptype, LPGROUP_CALLBACK_EX prescallback, PVOID pparameter);
DWORD WINAPI ResUtilEnumPrivateProperties(HKEY hkeyclusterkey, LPWSTR pszoutproperties, DWORD cboutpropertiessize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilEnumProperties(const RESUTIL_PROPERTY_ITEM *ppropertytable, LPWSTR pszoutproperties, DWORD cboutpropertiessize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilEnumResources(HRESOURCE hself, LPCWSTR lpszrestypename, LPRESOURCE_CALLBACK prescallback, PVOID pparameter);
DWORD WINAPI ResUtilEnumResourcesEx(HCLUSTER hcluster, HRESOURCE hself, LPCWSTR lpszrestypename, LPRESOURCE_CALLBACK_EX prescallback, PVOID pparameter);
DWORD WINAPI ResUtilEnumResourcesEx2(HCLUSTER hcluster, HRESOURCE hself, LPCWSTR lpszrestypename, LPRESOURCE_CALLBACK_EX prescallback, PVOID pparameter, DWORD dwdesiredaccess);
LPWSTR WINAPI ResUtilExpandEnvironmentStrings(LPCWSTR pszsrc);
DWORD WINAPI ResUtilFindBinaryProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, BYTE * *pbpropertyvalue, DWORD *pcbpropertyvaluesize);
DWORD WINAPI ResUtilFindDependentDiskResourceDriveLetter(HCLUSTER hcluster, HRESOURCE hresource, LPWSTR pszdriveletter, DWORD *pcchdriveletter);
DWORD WINAPI ResUtilFindDwordProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, DWORD *pdwpropertyvalue);
DWORD WINAPI ResUtilFindExpandSzProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue);
DWORD WINAPI ResUtilFindExpandedSzProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue);
DWORD WINAPI ResUtilFindFileTimeProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, FILETIME *pftpropertyvalue);
DWORD WINAPI ResUtilFindLongProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LONG *plpropertyvalue);
DWORD WINAPI ResUtilFindMultiSzProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue, DWORD *pcbpropertyvaluesize);
DWORD WINAPI ResUtilFindSzProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue);
DWORD WINAPI ResUtilFindULargeIntegerProperty(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, ULONGLONG *plpropertyvalue);
DWORD WINAPI ResUtilFreeEnvironment(PVOID lpenvironment);
void WINAPI ResUtilFreeParameterBlock(BYTE *poutparams, const BYTE *pinparams, const RESUTIL_PROPERTY_ITEM *ppropertytable);
DWORD WINAPI ResUtilGetAllProperties(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD cboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilGetBinaryProperty(BYTE * *ppboutvalue, DWORD *pcboutvaluesize, const CLUSPROP_BINARY *pvaluestruct, const BYTE *pboldvalue, DWORD cboldvaluesize, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
DWORD WINAPI ResUtilGetBinaryValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, BYTE * *ppboutvalue, DWORD *pcboutvaluesize);
DWORD WINAPI ResUtilGetClusterGroupType(HGROUP hgroup, CLUSGROUP_TYPE *grouptype);
DWORD WINAPI ResUtilGetClusterId(HCLUSTER hcluster, GUID *guid);
CLUSTER_ROLE_STATE WINAPI ResUtilGetClusterRoleState(HCLUSTER hcluster, CLUSTER_ROLE eclusterrole);
DWORD WINAPI ResUtilGetCoreClusterResources(HCLUSTER hcluster, HRESOURCE *phclusternameresource, HRESOURCE *phclusteripaddressresource, HRESOURCE *phclusterquorumresource);
DWORD WINAPI ResUtilGetCoreClusterResourcesEx(HCLUSTER hclusterin, HRESOURCE *phclusternameresourceout, HRESOURCE *phclusterquorumresourceout, DWORD dwdesiredaccess);
HGROUP WINAPI ResUtilGetCoreGroup(HCLUSTER hcluster);
DWORD WINAPI ResUtilGetDwordProperty(DWORD *pdwoutvalue, const CLUSPROP_DWORD *pvaluestruct, DWORD dwoldvalue, DWORD dwminimum, DWORD dwmaximum, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
DWORD WINAPI ResUtilGetDwordValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, DWORD *pdwoutvalue, DWORD dwdefaultvalue);
PVOID WINAPI ResUtilGetEnvironmentWithNetName(HRESOURCE hresource);
DWORD WINAPI ResUtilGetFileTimeProperty(FILETIME *pftoutvalue, const CLUSPROP_FILETIME *pvaluestruct, FILETIME ftoldvalue, FILETIME ftminimum, FILETIME ftmaximum, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
DWORD WINAPI ResUtilGetLongProperty(LONG *ploutvalue, const CLUSPROP_LONG *pvaluestruct, LONG loldvalue, LONG lminimum, LONG lmaximum, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
DWORD WINAPI ResUtilGetMultiSzProperty(LPWSTR *ppszoutvalue, DWORD *pcboutvaluesize, const CLUSPROP_SZ *pvaluestruct, LPCWSTR pszoldvalue, DWORD cboldvaluesize, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
DWORD WINAPI ResUtilGetPrivateProperties(HKEY hkeyclusterkey, PVOID poutpropertylist, DWORD cboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilGetProperties(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD cboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilGetPropertiesToParameterBlock(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, BYTE *poutparams, BOOL bcheckforrequiredproperties, LPWSTR *psznameofpropinerror);
DWORD WINAPI ResUtilGetProperty(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytableitem, PVOID *poutpropertyitem, DWORD *pcboutpropertyitemsize);
DWORD WINAPI ResUtilGetPropertyFormats(const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertyformatlist, DWORD cbpropertyformatlistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilGetPropertySize(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytableitem, DWORD *pcboutpropertylistsize, DWORD *pnpropertycount);
DWORD WINAPI ResUtilGetQwordValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, ULONGLONG *pqwoutvalue, ULONGLONG qwdefaultvalue);
HRESOURCE WINAPI ResUtilGetResourceDependency(HANDLE hself, LPCWSTR lpszresourcetype);
HRESOURCE WINAPI ResUtilGetResourceDependencyByClass(HCLUSTER hcluster, HANDLE hself, CLUS_RESOURCE_CLASS_INFO *prci, BOOL brecurse);
HRESOURCE WINAPI ResUtilGetResourceDependencyByClassEx(HCLUSTER hcluster, HANDLE hself, CLUS_RESOURCE_CLASS_INFO *prci, BOOL brecurse, DWORD dwdesiredaccess);
HRESOURCE WINAPI ResUtilGetResourceDependencyByName(HCLUSTER hcluster, HANDLE hself, LPCWSTR lpszresourcetype, BOOL brecurse);
HRESOURCE WINAPI ResUtilGetResourceDependencyByNameEx(HCLUSTER hcluster, HANDLE hself, LPCWSTR lpszresourcetype, BOOL brecurse, DWORD dwdesiredaccess);
HRESOURCE WINAPI ResUtilGetResourceDependencyEx(HANDLE hself, LPCWSTR lpszresourcetype, DWORD dwdesiredaccess);
DWORD WINAPI ResUtilGetResourceDependentIPAddressProps(HRESOURCE hresource, LPWSTR pszaddress, DWORD *pcchaddress, LPWSTR pszsubnetmask, DWORD *pcchsubnetmask, LPWSTR psznetwork, DWORD *pcchnetwork);
DWORD WINAPI ResUtilGetResourceName(HRESOURCE hresource, LPWSTR pszresourcename, DWORD *pcchresourcenameinout);
HRESOURCE WINAPI ResUtilGetResourceNameDependency(LPCWSTR lpszresourcename, LPCWSTR lpszresourcetype);
HRESOURCE WINAPI ResUtilGetResourceNameDependencyEx(LPCWSTR lpszresourcename, LPCWSTR lpszresourcetype, DWORD dwdesiredaccess);
DWORD WINAPI ResUtilGetSzProperty(LPWSTR *ppszoutvalue, const CLUSPROP_SZ *pvaluestruct, LPCWSTR pszoldvalue, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
LPWSTR WINAPI ResUtilGetSzValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename);
DWORD WINAPI ResUtilGroupsEqual(HGROUP hself, HGROUP hgroup, BOOL *pequal);
BOOL WINAPI ResUtilIsPathValid(LPCWSTR pszpath);
BOOL WINAPI ResUtilIsResourceClassEqual(CLUS_RESOURCE_CLASS_INFO *prci, HRESOURCE hresource);
BOOL WINAPI ResUtilLeftPaxosIsLessThanRight(const PaxosTagCStruct *left, const PaxosTagCStruct *right);
DWORD WINAPI ResUtilNodeEnum(HCLUSTER hcluster, LPNODE_CALLBACK pnodecallback, PVOID pparameter);
BOOL WINAPI ResUtilPaxosComparer(const PaxosTagCStruct *left, const PaxosTagCStruct *right);
DWORD WINAPI ResUtilPropertyListFromParameterBlock(const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD *pcboutpropertylistsize, const BYTE *pinparams, DWORD *pcbbytesreturned, DWORD *pcbrequired);
DWORD WINAPI ResUtilRemoveResourceServiceEnvironment(LPCWSTR pszservicename, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
DWORD WINAPI ResUtilResourceDepEnum(HRESOURCE hself, DWORD enumtype, LPRESOURCE_CALLBACK_EX prescallback, PVOID pparameter);
BOOL WINAPI ResUtilResourceTypesEqual(LPCWSTR lpszresourcetypename, HRESOURCE hresource);
BOOL WINAPI ResUtilResourcesEqual(HRESOURCE hself, HRESOURCE hresource);
DWORD WINAPI ResUtilSetBinaryValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, const BYTE *pbnewvalue, DWORD cbnewvaluesize, BYTE * *ppboutvalue, DWORD *pcboutvaluesize);
DWORD WINAPI ResUtilSetDwordValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, DWORD dwnewvalue, DWORD *pdwoutvalue);
DWORD WINAPI ResUtilSetExpandSzValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, LPCWSTR psznewvalue, LPWSTR *ppszoutstring);
DWORD WINAPI ResUtilSetMultiSzValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, LPCWSTR psznewvalue, DWORD cbnewvaluesize, LPWSTR *ppszoutvalue, DWORD *pcboutvaluesize);
DWORD WINAPI ResUtilSetPrivatePropertyList(HKEY hkeyclusterkey, LPCVOID pinpropertylist, DWORD cbinpropertylistsize);
DWORD WINAPI ResUtilSetPropertyParameterBlock(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID reserved, const BYTE *pinparams, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BYTE *poutparams);
DWORD WINAPI ResUtilSetPropertyParameterBlockEx(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID reserved, const BYTE *pinparams, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BOOL bforcewrite, BYTE *poutparams);
DWORD WINAPI ResUtilSetPropertyTable(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, LPCVOID reserved, BOOL ballowunknownproperties, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BYTE *poutparams);
DWORD WINAPI ResUtilSetPropertyTableEx(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID reserved, BOOL ballowunknownproperties, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BOOL bforcewrite, BYTE *poutparams);
DWORD WINAPI ResUtilSetQwordValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, ULONGLONG qwnewvalue, ULONGLONG *pqwoutvalue);
DWORD WINAPI ResUtilSetResourceServiceEnvironment(LPCWSTR pszservicename, HRESOURCE hresource, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
DWORD WINAPI ResUtilSetResourceServiceStartParameters(LPCWSTR pszservicename, SC_HANDLE schscmhandle, SC_HANDLE *phservice, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
DWORD WINAPI ResUtilSetResourceServiceStartParametersEx(LPCWSTR pszservicename, SC_HANDLE schscmhandle, SC_HANDLE *phservice, DWORD dwdesiredaccess, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
DWORD WINAPI ResUtilSetSzValue(HKEY hkeyclusterkey, LPCWSTR pszvaluename, LPCWSTR psznewvalue, LPWSTR *ppszoutstring);
DWORD WINAPI ResUtilSetUnknownProperties(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, LPCVOID pinpropertylist, DWORD cbinpropertylistsize);
DWORD WINAPI ResUtilSetValueEx(HKEY hkeyclusterkey, LPCWSTR valuename, DWORD valuetype, const BYTE *valuedata, DWORD valuesize, DWORD flags);
DWORD WINAPI ResUtilStartResourceService(LPCWSTR pszservicename, SC_HANDLE *phservicehandle);
DWORD WINAPI ResUtilStopResourceService(LPCWSTR pszservicename);
DWORD WINAPI ResUtilStopService(SC_HANDLE hservicehandle);
DWORD WINAPI ResUtilTerminateServiceProcessFromResDll(DWORD dwservicepid, BOOL boffline, DWORD *pdwresourcestate, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
DWORD WINAPI ResUtilVerifyPrivatePropertyList(LPCVOID pinpropertylist, DWORD cbinpropertylistsize);
DWORD WINAPI ResUtilVerifyPropertyTable(const RESUTIL_PROPERTY_ITEM *ppropertytable, LPCVOID reserved, BOOL ballowunknownproperties, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BYTE *poutparams);
DWORD WINAPI ResUtilVerifyResourceService(LPCWSTR pszservicename);
DWORD WINAPI ResUtilVerifyService(SC_HANDLE hservicehandle);
DWORD WINAPI ResUtilVerifyShutdownSafe(DWORD flags, DWORD reason, DWORD *presult);
DWORD WINAPI ResUtilsDeleteKeyTree(HKEY key, LPCWSTR keyname, BOOL treatnokeyaserror);

/* Their function-pointer typedefs, for GetProcAddress-style callers. */
typedef DWORD (WINAPI *PCLOSE_CLUSTER_CRYPT_PROVIDER)(HCLUSCRYPTPROVIDER hcluscryptprovider);
typedef BOOL (WINAPI *PCLUSAPIClusWorkerCheckTerminate)(CLUS_WORKER *lpworker);
typedef DWORD (WINAPI *PCLUSTER_CLEAR_BACKUP_STATE_FOR_SHARED_VOLUME)(LPCWSTR lpszvolumepathname);
typedef DWORD (WINAPI *PCLUSTER_DECRYPT)(HCLUSCRYPTPROVIDER hcluscryptprovider, const BYTE *pcryptinput, DWORD cbcryptinput, BYTE * *ppcryptoutput, DWORD *pcbcryptoutput);
typedef DWORD (WINAPI *PCLUSTER_ENCRYPT)(HCLUSCRYPTPROVIDER hcluscryptprovider, const BYTE *pdata, DWORD cbdata, BYTE * *ppdata, DWORD *pcbdata);
typedef BOOL (WINAPI *PCLUSTER_GET_VOLUME_NAME_FOR_VOLUME_MOUNT_POINT)(LPCWSTR lpszvolumemountpoint, LPWSTR lpszvolumename, DWORD cchbufferlength);
typedef BOOL (WINAPI *PCLUSTER_GET_VOLUME_PATH_NAME)(LPCWSTR lpszfilename, LPWSTR lpszvolumepathname, DWORD cchbufferlength);
typedef BOOL (WINAPI *PCLUSTER_IS_PATH_ON_SHARED_VOLUME)(LPCWSTR lpszpathname);
typedef DWORD (WINAPI *PCLUSTER_PREPARE_SHARED_VOLUME_FOR_BACKUP)(LPCWSTR lpszfilename, LPWSTR lpszvolumepathname, DWORD *lpcchvolumepathname, LPWSTR lpszvolumename, DWORD *lpcchvolumename);
typedef DWORD (WINAPI *PFREE_CLUSTER_CRYPT)(LPCVOID pcryptinfo);
typedef HCLUSCRYPTPROVIDER (WINAPI *POPEN_CLUSTER_CRYPT_PROVIDER)(LPCWSTR lpszresource, const CHAR *lpszprovider, DWORD dwtype, DWORD dwflags);
typedef HCLUSCRYPTPROVIDER (WINAPI *POPEN_CLUSTER_CRYPT_PROVIDEREX)(LPCWSTR lpszresource, LPCWSTR lpszkeyname, const CHAR *lpszprovider, DWORD dwtype, DWORD dwflags);
typedef DWORD (WINAPI *PRESUTIL_ADD_UNKNOWN_PROPERTIES)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD pcboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_CREATE_DIRECTORY_TREE)(LPCWSTR pszpath);
typedef DWORD (WINAPI *PRESUTIL_DUP_PARAMETER_BLOCK)(BYTE *poutparams, const BYTE *pinparams, const RESUTIL_PROPERTY_ITEM *ppropertytable);
typedef LPWSTR (WINAPI *PRESUTIL_DUP_STRING)(LPCWSTR pszinstring);
typedef DWORD (WINAPI *PRESUTIL_ENUM_PRIVATE_PROPERTIES)(HKEY hkeyclusterkey, LPWSTR pszoutproperties, DWORD cboutpropertiessize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_ENUM_PROPERTIES)(const RESUTIL_PROPERTY_ITEM *ppropertytable, LPWSTR pszoutproperties, DWORD cboutpropertiessize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_ENUM_RESOURCES)(HRESOURCE hself, LPCWSTR lpszrestypename, LPRESOURCE_CALLBACK prescallback, PVOID pparameter);
typedef DWORD (WINAPI *PRESUTIL_ENUM_RESOURCES_EX)(HCLUSTER hcluster, HRESOURCE hself, LPCWSTR lpszrestypename, LPRESOURCE_CALLBACK_EX prescallback, PVOID pparameter);
typedef DWORD (WINAPI *PRESUTIL_ENUM_RESOURCES_EX2)(HCLUSTER hcluster, HRESOURCE hself, LPCWSTR lpszrestypename, LPRESOURCE_CALLBACK_EX prescallback, PVOID pparameter, DWORD dwdesiredaccess);
typedef LPWSTR (WINAPI *PRESUTIL_EXPAND_ENVIRONMENT_STRINGS)(LPCWSTR pszsrc);
typedef DWORD (WINAPI *PRESUTIL_FIND_BINARY_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, BYTE * *pbpropertyvalue, DWORD *pcbpropertyvaluesize);
typedef DWORD (WINAPI *PRESUTIL_FIND_DEPENDENT_DISK_RESOURCE_DRIVE_LETTER)(HCLUSTER hcluster, HRESOURCE hresource, LPWSTR pszdriveletter, DWORD *pcchdriveletter);
typedef DWORD (WINAPI *PRESUTIL_FIND_DWORD_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, DWORD *pdwpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FIND_EXPANDED_SZ_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FIND_EXPAND_SZ_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FIND_FILETIME_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, FILETIME *pftpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FIND_LONG_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LONG *plpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FIND_MULTI_SZ_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue, DWORD *pcbpropertyvaluesize);
typedef DWORD (WINAPI *PRESUTIL_FIND_SZ_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, LPWSTR *pszpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FIND_ULARGEINTEGER_PROPERTY)(LPCVOID ppropertylist, DWORD cbpropertylistsize, LPCWSTR pszpropertyname, ULONGLONG *plpropertyvalue);
typedef DWORD (WINAPI *PRESUTIL_FREE_ENVIRONMENT)(PVOID lpenvironment);
typedef void (WINAPI *PRESUTIL_FREE_PARAMETER_BLOCK)(BYTE *poutparams, const BYTE *pinparams, const RESUTIL_PROPERTY_ITEM *ppropertytable);
typedef DWORD (WINAPI *PRESUTIL_GET_ALL_PROPERTIES)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD cboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_GET_BINARY_PROPERTY)(BYTE * *ppboutvalue, DWORD *pcboutvaluesize, const CLUSPROP_BINARY *pvaluestruct, const BYTE *pboldvalue, DWORD cboldvaluesize, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_GET_BINARY_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, BYTE * *ppboutvalue, DWORD *pcboutvaluesize);
typedef DWORD (WINAPI *PRESUTIL_GET_CORE_CLUSTER_RESOURCES)(HCLUSTER hcluster, HRESOURCE *phclusternameresource, HRESOURCE *phclusteripaddressresource, HRESOURCE *phclusterquorumresource);
typedef DWORD (WINAPI *PRESUTIL_GET_DWORD_PROPERTY)(DWORD *pdwoutvalue, const CLUSPROP_DWORD *pvaluestruct, DWORD dwoldvalue, DWORD dwminimum, DWORD dwmaximum, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_GET_DWORD_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, DWORD *pdwoutvalue, DWORD dwdefaultvalue);
typedef PVOID (WINAPI *PRESUTIL_GET_ENVIRONMENT_WITH_NET_NAME)(HRESOURCE hresource);
typedef DWORD (WINAPI *PRESUTIL_GET_FILETIME_PROPERTY)(FILETIME *pftoutvalue, const CLUSPROP_FILETIME *pvaluestruct, FILETIME ftoldvalue, FILETIME ftminimum, FILETIME ftmaximum, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_GET_LONG_PROPERTY)(LONG *ploutvalue, const CLUSPROP_LONG *pvaluestruct, LONG loldvalue, LONG lminimum, LONG lmaximum, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_GET_MULTI_SZ_PROPERTY)(LPWSTR *ppszoutvalue, DWORD *pcboutvaluesize, const CLUSPROP_SZ *pvaluestruct, LPCWSTR pszoldvalue, DWORD cboldvaluesize, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_GET_PRIVATE_PROPERTIES)(HKEY hkeyclusterkey, PVOID poutpropertylist, DWORD cboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_GET_PROPERTIES)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD cboutpropertylistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_GET_PROPERTIES_TO_PARAMETER_BLOCK)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, BYTE *poutparams, BOOL bcheckforrequiredproperties, LPWSTR *psznameofpropinerror);
typedef DWORD (WINAPI *PRESUTIL_GET_PROPERTY)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytableitem, PVOID *poutpropertyitem, DWORD *pcboutpropertyitemsize);
typedef DWORD (WINAPI *PRESUTIL_GET_PROPERTY_FORMATS)(const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertyformatlist, DWORD cbpropertyformatlistsize, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_GET_PROPERTY_SIZE)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytableitem, DWORD *pcboutpropertylistsize, DWORD *pnpropertycount);
typedef DWORD (WINAPI *PRESUTIL_GET_QWORD_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, ULONGLONG *pqwoutvalue, ULONGLONG qwdefaultvalue);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENCY)(HANDLE hself, LPCWSTR lpszresourcetype);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENCY_BY_CLASS)(HCLUSTER hcluster, HANDLE hself, CLUS_RESOURCE_CLASS_INFO *prci, BOOL brecurse);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENCY_BY_CLASS_EX)(HCLUSTER hcluster, HANDLE hself, CLUS_RESOURCE_CLASS_INFO *prci, BOOL brecurse, DWORD dwdesiredaccess);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENCY_BY_NAME)(HCLUSTER hcluster, HANDLE hself, LPCWSTR lpszresourcetype, BOOL brecurse);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENCY_BY_NAME_EX)(HCLUSTER hcluster, HANDLE hself, LPCWSTR lpszresourcetype, BOOL brecurse, DWORD dwdesiredaccess);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENCY_EX)(HANDLE hself, LPCWSTR lpszresourcetype, DWORD dwdesiredaccess);
typedef DWORD (WINAPI *PRESUTIL_GET_RESOURCE_DEPENDENTIP_ADDRESS_PROPS)(HRESOURCE hresource, LPWSTR pszaddress, DWORD *pcchaddress, LPWSTR pszsubnetmask, DWORD *pcchsubnetmask, LPWSTR psznetwork, DWORD *pcchnetwork);
typedef DWORD (WINAPI *PRESUTIL_GET_RESOURCE_NAME)(HRESOURCE hresource, LPWSTR pszresourcename, DWORD *pcchresourcenameinout);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_NAME_DEPENDENCY)(LPCWSTR lpszresourcename, LPCWSTR lpszresourcetype);
typedef HRESOURCE (WINAPI *PRESUTIL_GET_RESOURCE_NAME_DEPENDENCY_EX)(LPCWSTR lpszresourcename, LPCWSTR lpszresourcetype, DWORD dwdesiredaccess);
typedef DWORD (WINAPI *PRESUTIL_GET_SZ_PROPERTY)(LPWSTR *ppszoutvalue, const CLUSPROP_SZ *pvaluestruct, LPCWSTR pszoldvalue, BYTE * *pppropertylist, DWORD *pcbpropertylistsize);
typedef LPWSTR (WINAPI *PRESUTIL_GET_SZ_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename);
typedef BOOL (WINAPI *PRESUTIL_IS_PATH_VALID)(LPCWSTR pszpath);
typedef BOOL (WINAPI *PRESUTIL_IS_RESOURCE_CLASS_EQUAL)(CLUS_RESOURCE_CLASS_INFO *prci, HRESOURCE hresource);
typedef DWORD (WINAPI *PRESUTIL_PROPERTY_LIST_FROM_PARAMETER_BLOCK)(const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID poutpropertylist, DWORD *pcboutpropertylistsize, const BYTE *pinparams, DWORD *pcbbytesreturned, DWORD *pcbrequired);
typedef DWORD (WINAPI *PRESUTIL_REMOVE_RESOURCE_SERVICE_ENVIRONMENT)(LPCWSTR pszservicename, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
typedef BOOL (WINAPI *PRESUTIL_RESOURCES_EQUAL)(HRESOURCE hself, HRESOURCE hresource);
typedef BOOL (WINAPI *PRESUTIL_RESOURCE_TYPES_EQUAL)(LPCWSTR lpszresourcetypename, HRESOURCE hresource);
typedef DWORD (WINAPI *PRESUTIL_SET_BINARY_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, const BYTE *pbnewvalue, DWORD cbnewvaluesize, BYTE * *ppboutvalue, DWORD *pcboutvaluesize);
typedef DWORD (WINAPI *PRESUTIL_SET_DWORD_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, DWORD dwnewvalue, DWORD *pdwoutvalue);
typedef DWORD (WINAPI *PRESUTIL_SET_EXPAND_SZ_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, LPCWSTR psznewvalue, LPWSTR *ppszoutstring);
typedef DWORD (WINAPI *PRESUTIL_SET_MULTI_SZ_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, LPCWSTR psznewvalue, DWORD cbnewvaluesize, LPWSTR *ppszoutvalue, DWORD *pcboutvaluesize);
typedef DWORD (WINAPI *PRESUTIL_SET_PRIVATE_PROPERTY_LIST)(HKEY hkeyclusterkey, LPCVOID pinpropertylist, DWORD cbinpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_SET_PROPERTY_PARAMETER_BLOCK)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID reserved, const BYTE *pinparams, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BYTE *poutparams);
typedef DWORD (WINAPI *PRESUTIL_SET_PROPERTY_PARAMETER_BLOCK_EX)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID reserved, const BYTE *pinparams, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BOOL bforcewrite, BYTE *poutparams);
typedef DWORD (WINAPI *PRESUTIL_SET_PROPERTY_TABLE)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, LPCVOID reserved, BOOL ballowunknownproperties, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BYTE *poutparams);
typedef DWORD (WINAPI *PRESUTIL_SET_PROPERTY_TABLE_EX)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, PVOID reserved, BOOL ballowunknownproperties, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BOOL bforcewrite, BYTE *poutparams);
typedef DWORD (WINAPI *PRESUTIL_SET_QWORD_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, ULONGLONG qwnewvalue, ULONGLONG *pqwoutvalue);
typedef DWORD (WINAPI *PRESUTIL_SET_RESOURCE_SERVICE_ENVIRONMENT)(LPCWSTR pszservicename, HRESOURCE hresource, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
typedef DWORD (WINAPI *PRESUTIL_SET_RESOURCE_SERVICE_START_PARAMETERS)(LPCWSTR pszservicename, SC_HANDLE schscmhandle, SC_HANDLE *phservice, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
typedef DWORD (WINAPI *PRESUTIL_SET_RESOURCE_SERVICE_START_PARAMETERS_EX)(LPCWSTR pszservicename, SC_HANDLE schscmhandle, SC_HANDLE *phservice, DWORD dwdesiredaccess, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
typedef DWORD (WINAPI *PRESUTIL_SET_SZ_VALUE)(HKEY hkeyclusterkey, LPCWSTR pszvaluename, LPCWSTR psznewvalue, LPWSTR *ppszoutstring);
typedef DWORD (WINAPI *PRESUTIL_SET_UNKNOWN_PROPERTIES)(HKEY hkeyclusterkey, const RESUTIL_PROPERTY_ITEM *ppropertytable, LPCVOID pinpropertylist, DWORD cbinpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_START_RESOURCE_SERVICE)(LPCWSTR pszservicename, SC_HANDLE *phservicehandle);
typedef DWORD (WINAPI *PRESUTIL_STOP_RESOURCE_SERVICE)(LPCWSTR pszservicename);
typedef DWORD (WINAPI *PRESUTIL_STOP_SERVICE)(SC_HANDLE hservicehandle);
typedef DWORD (WINAPI *PRESUTIL_TERMINATE_SERVICE_PROCESS_FROM_RES_DLL)(DWORD dwservicepid, BOOL boffline, DWORD *pdwresourcestate, PLOG_EVENT_ROUTINE pfnlogevent, LONG_PTR hresourcehandle);
typedef DWORD (WINAPI *PRESUTIL_VERIFY_PRIVATE_PROPERTY_LIST)(LPCVOID pinpropertylist, DWORD cbinpropertylistsize);
typedef DWORD (WINAPI *PRESUTIL_VERIFY_PROPERTY_TABLE)(const RESUTIL_PROPERTY_ITEM *ppropertytable, LPCVOID reserved, BOOL ballowunknownproperties, LPCVOID pinpropertylist, DWORD cbinpropertylistsize, BYTE *poutparams);
typedef DWORD (WINAPI *PRESUTIL_VERIFY_RESOURCE_SERVICE)(LPCWSTR pszservicename);
typedef DWORD (WINAPI *PRESUTIL_VERIFY_SERVICE)(SC_HANDLE hservicehandle);
typedef DWORD (WINAPI *PRES_UTIL_VERIFY_SHUTDOWN_SAFE)(DWORD flags, DWORD reason, DWORD *presult);

#ifdef __cplusplus
}
#endif

#endif /* CLUSAPI_SIM_RESAPI_H */
