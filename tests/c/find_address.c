/*
 * find_address.c: finds the cluster's IP address the way real C clients do, unchanged from
 * Windows code but for the LocalFree declaration (windows.h is not on Linux): open the
 * "Cluster IP Address" resource, ask CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES for its size with
 * a NULL buffer, allocate, call again, then ResUtilFindSzProperty(..., L"Address", &psz) and
 * LocalFree(psz). Also ResUtilFindDwordProperty(L"EnableDhcp") and a name that is absent.
 *
 * Built and run by tests/c_abi.rs against the staticlib, on the embedded default cluster.
 * Prints one line per check, then "N passed, M failed"; the exit status is the number of
 * failed checks.
 */
#include "resapi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* kernel32's; windows.h declares it on Windows, clusapi-sim exports it. */
HANDLE WINAPI LocalFree(HANDLE hMem);

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

static int wide_equals(const WCHAR *w, const char *s)
{
    for (; *s; w++, s++) {
        if (*w != (WCHAR)(unsigned char)*s) {
            return 0;
        }
    }
    return *w == 0;
}

int main(void)
{
    static const WCHAR resource_name[] = {'C','l','u','s','t','e','r',' ','I','P',' ',
                                          'A','d','d','r','e','s','s',0};
    static const WCHAR address[] = {'A','d','d','r','e','s','s',0};
    static const WCHAR enable_dhcp[] = {'E','n','a','b','l','e','D','h','c','p',0};
    static const WCHAR missing[] = {'N','o','S','u','c','h',0};
    HCLUSTER cluster = OpenCluster(NULL);
    check(cluster != NULL, "OpenCluster(NULL)");
    HRESOURCE resource = OpenClusterResource(cluster, resource_name);
    check(resource != NULL, "OpenClusterResource(\"Cluster IP Address\")");

    DWORD needed = 0;
    DWORD rc = ClusterResourceControl(resource, NULL, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, NULL, 0,
                                      NULL, 0, &needed);
    check((rc == ERROR_SUCCESS || rc == ERROR_MORE_DATA) && needed > 8, "size query of GET_PRIVATE_PROPERTIES");
    void *list = malloc(needed);
    DWORD returned = 0;
    rc = ClusterResourceControl(resource, NULL, CLUSCTL_RESOURCE_GET_PRIVATE_PROPERTIES, NULL, 0, list,
                                needed, &returned);
    check(rc == ERROR_SUCCESS && returned == needed, "GET_PRIVATE_PROPERTIES");

    LPWSTR value = NULL;
    rc = ResUtilFindSzProperty(list, returned, address, &value);
    check(rc == ERROR_SUCCESS && value != NULL, "ResUtilFindSzProperty(\"Address\")");
    check(value != NULL && wide_equals(value, "10.0.0.100"), "the cluster's address is 10.0.0.100");
    check(LocalFree(value) == NULL, "LocalFree of the copy");

    DWORD dhcp = 7;
    rc = ResUtilFindDwordProperty(list, returned, enable_dhcp, &dhcp);
    check(rc == ERROR_SUCCESS && dhcp == 0, "ResUtilFindDwordProperty(\"EnableDhcp\") == 0");
    rc = ResUtilFindSzProperty(list, returned, missing, &value);
    check(rc == ERROR_FILE_NOT_FOUND, "an absent property is ERROR_FILE_NOT_FOUND");

    free(list);
    check(CloseClusterResource(resource) == TRUE, "CloseClusterResource");
    check(CloseCluster(cluster) == TRUE, "CloseCluster");
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
