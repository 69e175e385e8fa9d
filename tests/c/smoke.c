/*
 * smoke.c: drives the clusapi-sim C ABI the way C clients of clusapi.h do (inventory tools such
 * as sysinv: fixed MAX_PATH buffers whose length is reset before every call, loops that run
 * until ERROR_NO_MORE_ITEMS, NULL checks plus GetLastError).
 *
 * Built and run by tests/c_abi.rs against the staticlib and against the cdylib renamed
 * libclusapi.so. It runs on the process-wide default simulator: the embedded default cluster,
 * or the fixture file named by CLUSAPI_SIM_FIXTURE.
 *
 * Usage: smoke [--cluster NAME] [--nodes N] [--groups N]
 *   --cluster  the name GetClusterInformation must report (default: any non-empty name)
 *   --nodes    the number of nodes the enumeration must yield (default: at least one)
 *   --groups   the number of groups the enumeration must yield (default: at least one)
 * The cluster must have a group "Cluster Group" holding a resource "Cluster Name", as the
 * embedded default cluster and every real failover cluster do.
 *
 * Prints one line per check, then "N passed, M failed"; the exit status is the number of
 * failed checks (capped at 100).
 */
#include "clusapi.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed;
static int failed;

/* Records one check and prints "ok   - ..." or "FAIL - ...". Returns `ok`. */
static int check(int ok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs(ok ? "ok   - " : "FAIL - ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    if (ok) {
        passed++;
    } else {
        failed++;
    }
    return ok;
}

/* ", last error N" when `failed` (read at once, before anything else can change it), else "". */
static const char *last_error_if(int failed_call)
{
    static char buf[48];
    if (!failed_call) {
        return "";
    }
    snprintf(buf, sizeof buf, " (last error %lu)", (unsigned long)GetLastError());
    return buf;
}

static size_t wlen(const WCHAR *s)
{
    size_t n = 0;
    while (s[n] != 0) {
        n++;
    }
    return n;
}

/* UTF-16 to UTF-8, for printing; cut to fit `out`. */
static const char *narrow(const WCHAR *s, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; s[i] != 0; i++) {
        unsigned long c = s[i];
        if (c >= 0xD800 && c < 0xDC00 && s[i + 1] >= 0xDC00 && s[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (unsigned long)(s[i + 1] - 0xDC00);
            i++;
        }
        char b[4];
        size_t n;
        if (c < 0x80) {
            b[0] = (char)c;
            n = 1;
        } else if (c < 0x800) {
            b[0] = (char)(0xC0 | (c >> 6));
            b[1] = (char)(0x80 | (c & 0x3F));
            n = 2;
        } else if (c < 0x10000) {
            b[0] = (char)(0xE0 | (c >> 12));
            b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            b[2] = (char)(0x80 | (c & 0x3F));
            n = 3;
        } else {
            b[0] = (char)(0xF0 | (c >> 18));
            b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
            b[3] = (char)(0x80 | (c & 0x3F));
            n = 4;
        }
        if (o + n >= cap) {
            break;
        }
        memcpy(out + o, b, n);
        o += n;
    }
    out[o] = '\0';
    return out;
}

/* An ASCII command-line argument as a newly allocated UTF-16 string (exits on non-ASCII). */
static WCHAR *widen(const char *s)
{
    size_t n = strlen(s);
    WCHAR *w = malloc((n + 1) * sizeof(WCHAR));
    if (w == NULL) {
        exit(100);
    }
    for (size_t i = 0; i <= n; i++) {
        if ((unsigned char)s[i] >= 0x80) {
            fprintf(stderr, "smoke: only ASCII arguments are supported: %s\n", s);
            exit(100);
        }
        w[i] = (WCHAR)s[i];
    }
    return w;
}

/* Case-insensitive comparison of ASCII letters, as cluster names compare. */
static int wcieq(const WCHAR *a, const WCHAR *b)
{
    for (;; a++, b++) {
        WCHAR x = (*a >= u'a' && *a <= u'z') ? (WCHAR)(*a - 32) : *a;
        WCHAR y = (*b >= u'a' && *b <= u'z') ? (WCHAR)(*b - 32) : *b;
        if (x != y) {
            return 0;
        }
        if (x == 0) {
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    const char *want_cluster = NULL;
    long want_nodes = -1;
    long want_groups = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--cluster") == 0 && i + 1 < argc) {
            want_cluster = argv[++i];
        } else if (strcmp(argv[i], "--nodes") == 0 && i + 1 < argc) {
            want_nodes = strtol(argv[++i], NULL, 10);
        } else if (strcmp(argv[i], "--groups") == 0 && i + 1 < argc) {
            want_groups = strtol(argv[++i], NULL, 10);
        } else {
            fprintf(stderr, "usage: %s [--cluster NAME] [--nodes N] [--groups N]\n", argv[0]);
            return 100;
        }
    }

    char u8[4 * MAX_PATH];
    WCHAR name[MAX_PATH];
    DWORD cch;
    DWORD rc;

    /* SetLastError / GetLastError are exported alongside the cluster functions. */
    SetLastError(1234);
    check(GetLastError() == 1234, "SetLastError(1234) then GetLastError() == 1234");

    /* OpenCluster(NULL): the local cluster. */
    HCLUSTER h = OpenCluster(NULL);
    if (!check(h != NULL, "OpenCluster(NULL) returns a handle%s", last_error_if(h == NULL))) {
        printf("%d passed, %d failed\n", passed, failed);
        return failed;
    }

    /* GetClusterInformation: size with a NULL buffer first, then into a fixed buffer. */
    cch = 0;
    rc = GetClusterInformation(h, NULL, &cch, NULL);
    check(rc == ERROR_MORE_DATA && cch > 0,
          "GetClusterInformation(h, NULL, &0) == ERROR_MORE_DATA with the length (rc %lu, cch %lu)",
          (unsigned long)rc, (unsigned long)cch);
    DWORD needed = cch;
    cch = MAX_PATH;
    name[0] = 0;
    CLUSTERVERSIONINFO version;
    memset(&version, 0, sizeof version);
    version.dwVersionInfoSize = sizeof version;
    rc = GetClusterInformation(h, name, &cch, &version);
    check(rc == ERROR_SUCCESS && cch == wlen(name) && cch == needed && name[0] != 0,
          "GetClusterInformation into WCHAR[MAX_PATH]: \"%s\" (rc %lu, cch %lu, version %u.%u build %u)",
          narrow(name, u8, sizeof u8), (unsigned long)rc, (unsigned long)cch, (unsigned)version.MajorVersion,
          (unsigned)version.MinorVersion, (unsigned)version.BuildNumber);
    if (want_cluster != NULL) {
        WCHAR *w = widen(want_cluster);
        check(wcieq(name, w), "the cluster is named \"%s\"", want_cluster);
        free(w);
    }

    /* OpenCluster by the name it reported. */
    HCLUSTER h2 = OpenCluster(name);
    check(h2 != NULL && h2 != h, "OpenCluster(\"%s\") returns a second, distinct handle%s", narrow(name, u8, sizeof u8),
          last_error_if(h2 == NULL));

    /* OpenCluster with a name nobody answers to. */
    SetLastError(0);
    HCLUSTER nowhere = OpenCluster(u"NO-SUCH-CLUSTER");
    DWORD err = GetLastError();
    check(nowhere == NULL && err == RPC_S_SERVER_UNAVAILABLE,
          "OpenCluster(u\"NO-SUCH-CLUSTER\") == NULL, GetLastError() == RPC_S_SERVER_UNAVAILABLE (got %lu)",
          (unsigned long)err);

    /* Nodes and groups, the sysinv way: fixed buffer, length reset before every call. */
    HCLUSENUM e = ClusterOpenEnum(h, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP);
    check(e != NULL, "ClusterOpenEnum(h, CLUSTER_ENUM_NODE | CLUSTER_ENUM_GROUP)%s", last_error_if(e == NULL));
    WCHAR first_node[MAX_PATH] = {0};
    long nodes = 0, groups = 0, others = 0;
    int saw_cluster_group = 0;
    DWORD index = 0;
    if (e != NULL) {
        DWORD count = ClusterGetEnumCount(e);
        for (;; index++) {
            DWORD type = 0;
            cch = MAX_PATH;
            rc = ClusterEnum(e, index, &type, name, &cch);
            if (rc == ERROR_NO_MORE_ITEMS) {
                break;
            }
            if (!check(rc == ERROR_SUCCESS && cch == wlen(name), "ClusterEnum(e, %lu) == ERROR_SUCCESS (rc %lu)",
                       (unsigned long)index, (unsigned long)rc) ||
                index > 100000) {
                break;
            }
            printf("       %s %s\n", type == CLUSTER_ENUM_NODE ? "node " : type == CLUSTER_ENUM_GROUP ? "group" : "???  ",
                   narrow(name, u8, sizeof u8));
            if (type == CLUSTER_ENUM_NODE) {
                if (nodes == 0) {
                    memcpy(first_node, name, (wlen(name) + 1) * sizeof(WCHAR));
                }
                nodes++;
            } else if (type == CLUSTER_ENUM_GROUP) {
                groups++;
                saw_cluster_group |= wcieq(name, u"Cluster Group");
            } else {
                others++;
            }
        }
        check(rc == ERROR_NO_MORE_ITEMS, "the enumeration ends with ERROR_NO_MORE_ITEMS at index %lu",
              (unsigned long)index);
        check(others == 0, "every item is a node or a group (%ld others)", others);
        check(want_nodes < 0 ? nodes > 0 : nodes == want_nodes, "%ld nodes enumerated (expected %s%ld)", nodes,
              want_nodes < 0 ? "> 0, got " : "", want_nodes < 0 ? nodes : want_nodes);
        check(want_groups < 0 ? groups > 0 : groups == want_groups, "%ld groups enumerated (expected %s%ld)", groups,
              want_groups < 0 ? "> 0, got " : "", want_groups < 0 ? groups : want_groups);
        check(count == (DWORD)(nodes + groups) && count == index,
              "ClusterGetEnumCount(e) == %lu == nodes + groups", (unsigned long)count);
        check(saw_cluster_group, "\"Cluster Group\" is among the groups");
        rc = ClusterCloseEnum(e);
        check(rc == ERROR_SUCCESS, "ClusterCloseEnum(e) == ERROR_SUCCESS (rc %lu)", (unsigned long)rc);
    }

    /* A node by the name the enumeration gave. */
    if (first_node[0] != 0) {
        HNODE n = OpenClusterNode(h, first_node);
        check(n != NULL, "OpenClusterNode(h, \"%s\")%s", narrow(first_node, u8, sizeof u8), last_error_if(n == NULL));
        CLUSTER_NODE_STATE ns = GetClusterNodeState(n);
        check(ns != ClusterNodeStateUnknown, "GetClusterNodeState == %d", (int)ns);
        check(CloseClusterNode(n) == TRUE, "CloseClusterNode(n) == TRUE");
    }

    /* "Cluster Group" with a u"" literal; its owner node into a fixed buffer. */
    HGROUP g = OpenClusterGroup(h, u"Cluster Group");
    check(g != NULL, "OpenClusterGroup(h, u\"Cluster Group\")%s", last_error_if(g == NULL));
    cch = MAX_PATH;
    name[0] = 0;
    CLUSTER_GROUP_STATE gs = GetClusterGroupState(g, name, &cch);
    check(gs != ClusterGroupStateUnknown && cch == wlen(name) && name[0] != 0,
          "GetClusterGroupState(g, node, &cch) == %d, owner \"%s\"%s", (int)gs, narrow(name, u8, sizeof u8),
          last_error_if(gs == ClusterGroupStateUnknown));
    WCHAR group_owner[MAX_PATH];
    memcpy(group_owner, name, sizeof name);

    /* An unknown group: NULL and ERROR_GROUP_NOT_FOUND. */
    SetLastError(0);
    HGROUP missing = OpenClusterGroup(h, u"No Such Group");
    err = GetLastError();
    check(missing == NULL && err == ERROR_GROUP_NOT_FOUND,
          "OpenClusterGroup(h, u\"No Such Group\") == NULL, GetLastError() == ERROR_GROUP_NOT_FOUND (got %lu)",
          (unsigned long)err);

    /* A resource of "Cluster Group" by a u"" literal: it reports that group and its owner. */
    HRESOURCE r = OpenClusterResource(h, u"Cluster Name");
    check(r != NULL, "OpenClusterResource(h, u\"Cluster Name\")%s", last_error_if(r == NULL));
    WCHAR owner[MAX_PATH] = {0};
    WCHAR group[MAX_PATH] = {0};
    DWORD cch_owner = MAX_PATH;
    DWORD cch_group = MAX_PATH;
    CLUSTER_RESOURCE_STATE rs = GetClusterResourceState(r, owner, &cch_owner, group, &cch_group);
    char u8g[4 * MAX_PATH];
    check(rs != ClusterResourceStateUnknown && cch_owner == wlen(owner) && cch_group == wlen(group) &&
              wcieq(group, u"Cluster Group") && wcieq(owner, group_owner),
          "GetClusterResourceState(r, node, &cch, group, &cch) == %d, owner \"%s\", group \"%s\"%s", (int)rs,
          narrow(owner, u8, sizeof u8), narrow(group, u8g, sizeof u8g), last_error_if(rs == ClusterResourceStateUnknown));
    rs = GetClusterResourceState(r, NULL, NULL, NULL, NULL);
    check(rs != ClusterResourceStateUnknown, "GetClusterResourceState(r, NULL, NULL, NULL, NULL) == %d", (int)rs);
    /* State changes: with no delays configured they complete before returning. */
    rc = OfflineClusterResource(r);
    rs = GetClusterResourceState(r, NULL, NULL, NULL, NULL);
    check(rc == ERROR_SUCCESS && rs == ClusterResourceOffline,
          "OfflineClusterResource(r) == ERROR_SUCCESS (got %lu), then ClusterResourceOffline (got %d)", (unsigned long)rc,
          (int)rs);
    rc = OnlineClusterResourceEx(r, CLUSAPI_RESOURCE_ONLINE_DO_NOT_UPDATE_PERSISTENT_STATE, NULL, 0);
    rs = GetClusterResourceState(r, NULL, NULL, NULL, NULL);
    check(rc == ERROR_SUCCESS && rs == ClusterResourceOnline,
          "OnlineClusterResourceEx(r, DO_NOT_UPDATE_PERSISTENT_STATE, NULL, 0) == ERROR_SUCCESS (got %lu), then "
          "ClusterResourceOnline (got %d)",
          (unsigned long)rc, (int)rs);
    rc = FailClusterResource(NULL);
    check(rc == ERROR_INVALID_HANDLE, "FailClusterResource(NULL) == ERROR_INVALID_HANDLE (got %lu)", (unsigned long)rc);
    rc = MoveClusterGroup(NULL, NULL);
    check(rc == ERROR_INVALID_HANDLE, "MoveClusterGroup(NULL, NULL) == ERROR_INVALID_HANDLE (got %lu)", (unsigned long)rc);
    check(CloseClusterResource(r) == TRUE, "CloseClusterResource(r) == TRUE");
    SetLastError(0);
    HRESOURCE no_resource = OpenClusterResource(h, u"No Such Resource");
    err = GetLastError();
    check(no_resource == NULL && err == ERROR_RESOURCE_NOT_FOUND,
          "OpenClusterResource(h, u\"No Such Resource\") == NULL, GetLastError() == ERROR_RESOURCE_NOT_FOUND (got %lu)",
          (unsigned long)err);

    /* CloseCluster invalidates the handles derived from it, and only those. */
    HGROUP g2 = OpenClusterGroup(h2, u"cluster group");
    check(g2 != NULL, "OpenClusterGroup(h2, u\"cluster group\") ignores case%s", last_error_if(g2 == NULL));
    check(CloseCluster(h2) == TRUE, "CloseCluster(h2) == TRUE");
    SetLastError(0);
    gs = GetClusterGroupState(g2, NULL, NULL);
    err = GetLastError();
    check(gs == ClusterGroupStateUnknown && err == ERROR_INVALID_HANDLE,
          "after CloseCluster(h2): GetClusterGroupState(g2, NULL, NULL) == ClusterGroupStateUnknown, "
          "GetLastError() == ERROR_INVALID_HANDLE (got %d, %lu)",
          (int)gs, (unsigned long)err);
    SetLastError(0);
    BOOL closed = CloseClusterGroup(g2);
    err = GetLastError();
    check(closed == FALSE && err == ERROR_INVALID_HANDLE,
          "after CloseCluster(h2): CloseClusterGroup(g2) == FALSE, GetLastError() == ERROR_INVALID_HANDLE (got %lu)",
          (unsigned long)err);
    gs = GetClusterGroupState(g, NULL, NULL);
    check(gs != ClusterGroupStateUnknown, "g, opened from h, still works: GetClusterGroupState(g) == %d", (int)gs);
    check(CloseClusterGroup(g) == TRUE, "CloseClusterGroup(g) == TRUE");
    cch = MAX_PATH;
    rc = GetClusterInformation(h2, name, &cch, NULL);
    check(rc == ERROR_INVALID_HANDLE, "GetClusterInformation(closed h2) == ERROR_INVALID_HANDLE (rc %lu)",
          (unsigned long)rc);

    /* CloseCluster accepts anything. */
    check(CloseCluster(NULL) == TRUE, "CloseCluster(NULL) == TRUE");
    check(CloseCluster(h2) == TRUE, "CloseCluster(h2) again == TRUE");

    /* A function that is exported but not simulated. */
    rc = BackupClusterDatabase(h, u"/tmp/clusapi-sim-backup");
    check(rc == ERROR_CALL_NOT_IMPLEMENTED, "BackupClusterDatabase == ERROR_CALL_NOT_IMPLEMENTED (rc %lu)",
          (unsigned long)rc);

    check(CloseCluster(h) == TRUE, "CloseCluster(h) == TRUE");

    printf("%d passed, %d failed\n", passed, failed);
    return failed > 100 ? 100 : failed;
}
