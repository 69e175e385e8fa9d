/*
 * bad_fixture.c: run with CLUSAPI_SIM_FIXTURE naming a file that is missing or not a valid
 * fixture. The process-wide simulator cannot be built then; every export must say so the way
 * its return type reports errors (ERROR_INTERNAL_ERROR), never crash the process, and
 * CloseCluster must still return TRUE. Prints one line per check, then "N passed, M failed";
 * the exit status is the number of failed checks.
 */
#include "clusapi.h"

#include <stdio.h>

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

int main(void)
{
    SetLastError(0);
    HCLUSTER c = OpenCluster(NULL);
    check(c == NULL, "OpenCluster(NULL) returns NULL");
    check(GetLastError() == ERROR_INTERNAL_ERROR, "and GetLastError() is ERROR_INTERNAL_ERROR");
    /* A second call fails the same way: nothing was half-built. */
    SetLastError(0);
    check(OpenCluster(u"ANY") == NULL && GetLastError() == ERROR_INTERNAL_ERROR, "so does a second call");
    DWORD state = 42;
    check(GetNodeClusterState(NULL, &state) == ERROR_INTERNAL_ERROR, "DWORD functions return it");
    check(state == 42, "and write nothing");
    check(CloseCluster(NULL) == TRUE, "CloseCluster still returns TRUE");
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
