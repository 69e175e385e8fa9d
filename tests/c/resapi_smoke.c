/*
 * resapi_smoke.c: proves that include/resapi.h (which includes clusapi.h) works from C11 and,
 * compiled with -x c++, from C++17: its prototypes agree with its function-pointer typedefs
 * (each assignment below fails to compile under -Werror if they drift), its callback typedefs
 * take functions of the documented shape, and the resutils.dll exports link and return.
 *
 * Built and run by tests/c_abi.rs against the staticlib, which also compares the `layout` and
 * `value` lines it prints with windows-sys. Prints one line per check, then
 * "N passed, M failed"; the exit status is the number of failed checks.
 */
#include "resapi.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int passed;
static int failed;

static void check(int ok, const char *what)
{
    printf("%s%s\n", ok ? "ok   - " : "FAIL - ", what);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
}

/* A callback of the shape ResUtilEnumResources expects. */
static DWORD WINAPI count_resource(HRESOURCE hself, HRESOURCE hresource, PVOID parameter)
{
    (void)hself;
    (void)hresource;
    ++*(DWORD *)parameter;
    return ERROR_SUCCESS;
}

/* A worker routine of the shape ClusWorkerCreate expects. */
static DWORD WINAPI worker(PCLUS_WORKER self, PVOID parameter)
{
    (void)parameter;
    (void)ClusWorkerCheckTerminate(self);
    return ERROR_SUCCESS;
}

#ifdef __cplusplus
#define ALIGNOF alignof
#else
#define ALIGNOF _Alignof
#endif
#define LAYOUT(T) printf("layout sizeof(%s) %zu\nlayout alignof(%s) %zu\n", #T, sizeof(T), #T, ALIGNOF(T))
#define OFFSET(T, field) printf("layout offsetof(%s, %s) %zu\n", #T, #field, offsetof(T, field))
#define VALUE(name) printf("value %s %lu\n", #name, (unsigned long)(DWORD)(name))

int main(void)
{
    PRESUTIL_FIND_SZ_PROPERTY find_sz = ResUtilFindSzProperty;
    PRESUTIL_FIND_DWORD_PROPERTY find_dword = ResUtilFindDwordProperty;
    PRESUTIL_GET_SZ_VALUE get_sz_value = ResUtilGetSzValue;
    PRESUTIL_IS_PATH_VALID is_path_valid = ResUtilIsPathValid;
    PRESUTIL_RESOURCE_TYPES_EQUAL types_equal = ResUtilResourceTypesEqual;
    PRESUTIL_START_RESOURCE_SERVICE start_service = ResUtilStartResourceService;
    PRESUTIL_SET_RESOURCE_SERVICE_START_PARAMETERS start_parameters = ResUtilSetResourceServiceStartParameters;
    PRESUTIL_FREE_PARAMETER_BLOCK free_block = ResUtilFreeParameterBlock;
    PRESUTIL_ENUM_RESOURCES enum_resources = ResUtilEnumResources;
    PRESUTIL_GET_PROPERTIES_TO_PARAMETER_BLOCK to_block = ResUtilGetPropertiesToParameterBlock;
    PCLUSAPIClusWorkerCheckTerminate check_terminate = ClusWorkerCheckTerminate;
    POPEN_CLUSTER_CRYPT_PROVIDER open_crypt = OpenClusterCryptProvider;
    LPRESOURCE_CALLBACK callback = count_resource;
    PWORKER_START_ROUTINE routine = worker;
    check(find_sz && find_dword && get_sz_value && is_path_valid && types_equal && start_service &&
              start_parameters && free_block && enum_resources && to_block && check_terminate && open_crypt,
          "resutils functions convert to their PRESUTIL_* / PCLUSTER_* typedefs");
    check(callback && routine, "callbacks of the documented shapes convert to the callback typedefs");

    /* The exports run and fail the Win32 way (not simulated yet, or a bad argument). */
    BYTE *out = NULL;
    DWORD cb = 0;
    check(ClusterEncrypt(NULL, NULL, 0, &out, &cb) != ERROR_SUCCESS, "ClusterEncrypt(NULL provider) fails with a code");
    SetLastError(0);
    check(ResUtilGetSzValue(NULL, u"Name") == NULL && GetLastError() != ERROR_SUCCESS,
          "ResUtilGetSzValue(NULL key) returns NULL and sets the last error");
    SetLastError(0);
    check(ResUtilGetCoreGroup(NULL) == NULL && GetLastError() != ERROR_SUCCESS,
          "ResUtilGetCoreGroup(NULL) returns NULL and sets the last error");

    RESUTIL_PROPERTY_ITEM table[2];
    memset(table, 0, sizeof table); /* the table ends with an all-zero item */
    table[0].Name = (LPWSTR)u"Timeout";
    table[0].Format = CLUSPROP_FORMAT_DWORD;
    table[0].Default = 30;
    table[0].Flags = RESUTIL_PROPITEM_REQUIRED;
    check(table[0].DefaultPtr == 30 || table[0].Default == 30, "RESUTIL_PROPERTY_ITEM's union members alias");

    LAYOUT(RESUTIL_PROPERTY_ITEM);
    OFFSET(RESUTIL_PROPERTY_ITEM, Format);
    OFFSET(RESUTIL_PROPERTY_ITEM, Default);
    OFFSET(RESUTIL_PROPERTY_ITEM, LargeIntData);
    OFFSET(RESUTIL_PROPERTY_ITEM, Minimum);
    OFFSET(RESUTIL_PROPERTY_ITEM, Offset);
    LAYOUT(RESUTIL_LARGEINT_DATA);
    LAYOUT(RESUTIL_ULARGEINT_DATA);
    LAYOUT(RESUTIL_FILETIME_DATA);
    OFFSET(RESUTIL_FILETIME_DATA, Maximum);
    LAYOUT(CLUS_WORKER);
    OFFSET(CLUS_WORKER, Terminate);
    LAYOUT(CLUSTER_HEALTH_FAULT);
    OFFSET(CLUSTER_HEALTH_FAULT, Provider);
    LAYOUT(CLUSTER_HEALTH_FAULT_ARRAY);
    LAYOUT(PaxosTagCStruct);
    OFFSET(PaxosTagCStruct, Sequence);
    VALUE(RESUTIL_PROPITEM_READ_ONLY);
    VALUE(RESUTIL_PROPITEM_REQUIRED);
    VALUE(RESUTIL_PROPITEM_SIGNED);
    VALUE(RESUTIL_PROPITEM_IN_MEMORY);
    VALUE(ClusterRoleUnknown);
    VALUE(ClusterRoleFileServer);
    VALUE(LOG_SEVERE);

    printf("%d passed, %d failed\n", passed, failed);
    return failed > 100 ? 100 : failed;
}
