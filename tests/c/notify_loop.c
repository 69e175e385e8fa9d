/*
 * notify_loop.c: a notification loop as C clients of clusapi.h write it, on the embedded
 * default cluster: a port for resource and group state changes, a change made through the
 * API, then GetClusterNotify until WAIT_TIMEOUT, with the cch protocol of the name buffer
 * (a short buffer gives ERROR_MORE_DATA and the length); a finite wait on the virtual clock
 * that times out at once; and CloseClusterNotifyPort, after which the port is invalid.
 *
 * Built and run by tests/c_abi.rs against the staticlib. Prints one line per check, then
 * "N passed, M failed"; the exit status is the number of failed checks.
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
    static const WCHAR disk_name[] = {'C','l','u','s','t','e','r',' ','D','i','s','k',' ','2',0};
    HCLUSTER cluster = OpenCluster(NULL);
    check(cluster != NULL, "OpenCluster(NULL)");
    HCHANGE port = CreateClusterNotifyPort((HCHANGE)INVALID_HANDLE_VALUE, cluster,
                                           CLUSTER_CHANGE_RESOURCE_STATE | CLUSTER_CHANGE_GROUP_STATE, 7);
    check(port != NULL, "CreateClusterNotifyPort(INVALID_HANDLE_VALUE, ...)");
    HRESOURCE disk = OpenClusterResource(cluster, disk_name);
    check(disk != NULL, "OpenClusterResource(\"Cluster Disk 2\")");
    check(OfflineClusterResource(disk) == ERROR_SUCCESS, "OfflineClusterResource");

    int saw_disk = 0, events = 0;
    for (;;) {
        DWORD_PTR key = 0;
        DWORD filter = 0;
        WCHAR name[4];
        DWORD cch = 4;
        DWORD rc = GetClusterNotify(port, &key, &filter, name, &cch, 0);
        if (rc == ERROR_MORE_DATA) {
            /* cch is the length without the NUL; the event is consumed, as the page says. */
            check(cch == 14 || cch == 17, "a short buffer gives ERROR_MORE_DATA and the length");
            events++;
            continue;
        }
        if (rc != ERROR_SUCCESS) {
            check(rc == WAIT_TIMEOUT, "the loop ends with WAIT_TIMEOUT");
            break;
        }
        events++;
    }
    check(events >= 2, "the resource's and its group's state changes were posted");

    check(OnlineClusterResource(disk) == ERROR_SUCCESS, "OnlineClusterResource");
    {
        DWORD_PTR key = 0;
        DWORD filter = 0;
        WCHAR name[64];
        DWORD cch = 64;
        DWORD rc = GetClusterNotify(port, &key, &filter, name, &cch, 0);
        check(rc == ERROR_SUCCESS && key == 7, "the next event, with the port's key");
        if (rc == ERROR_SUCCESS && filter == CLUSTER_CHANGE_RESOURCE_STATE && wide_equals(name, "Cluster Disk 2")) {
            saw_disk = 1;
        }
        check(saw_disk, "CLUSTER_CHANGE_RESOURCE_STATE names \"Cluster Disk 2\"");
        /* Drain, then a finite wait: nothing is pending, so the virtual clock runs to the
         * deadline and the call returns WAIT_TIMEOUT without sleeping. */
        for (;;) {
            cch = 64;
            if (GetClusterNotify(port, &key, &filter, name, &cch, 0) != ERROR_SUCCESS) {
                break;
            }
        }
        cch = 64;
        check(GetClusterNotify(port, &key, &filter, name, &cch, 60000) == WAIT_TIMEOUT,
              "a 60 s wait with nothing to come times out (virtual time)");
    }

    check(CloseClusterNotifyPort(port) == TRUE, "CloseClusterNotifyPort");
    {
        DWORD_PTR key = 0;
        DWORD filter = 0;
        WCHAR name[8];
        DWORD cch = 8;
        check(GetClusterNotify(port, &key, &filter, name, &cch, 0) == ERROR_INVALID_HANDLE,
              "the closed port is invalid");
    }
    check(CloseClusterResource(disk) == TRUE, "CloseClusterResource");
    check(CloseCluster(cluster) == TRUE, "CloseCluster");
    printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
