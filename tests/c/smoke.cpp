// smoke.cpp: proves that include/clusapi.h works from C++17 (extern "C" linkage, char16_t
// literals, distinct handle types usable as RAII deleter targets), on a subset of smoke.c.
//
// Built and run by tests/c_abi.rs. Prints one line per check, then "N passed, M failed"; the
// exit status is the number of failed checks.
#include "clusapi.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace {

int passed = 0;
int failed = 0;

bool check(bool ok, const std::string &what)
{
    std::printf("%s%s\n", ok ? "ok   - " : "FAIL - ", what.c_str());
    (ok ? passed : failed)++;
    return ok;
}

std::string narrow(const std::u16string &s)
{
    std::string out;
    for (char16_t c : s) {
        out += c < 0x80 ? static_cast<char>(c) : '?';
    }
    return out;
}

// Handles owned the C++ way: the deleters are the exported functions themselves.
struct ClusterCloser {
    void operator()(HCLUSTER h) const { CloseCluster(h); }
};
struct GroupCloser {
    void operator()(HGROUP h) const { CloseClusterGroup(h); }
};
using Cluster = std::unique_ptr<std::remove_pointer_t<HCLUSTER>, ClusterCloser>;
using Group = std::unique_ptr<std::remove_pointer_t<HGROUP>, GroupCloser>;

// The distinct opaque handle types of the real header: a group handle is not a cluster handle.
static_assert(!std::is_same_v<HCLUSTER, HGROUP>, "handle types are distinct");
static_assert(!std::is_convertible_v<HGROUP, HCLUSTER>, "no implicit handle conversions");
static_assert(std::is_same_v<decltype(u"x"[0]), const WCHAR &>, "u\"\" literals are WCHAR strings");

// The cluster's name, sized first with a NULL buffer.
std::u16string cluster_name(HCLUSTER h, DWORD &rc)
{
    DWORD cch = 0;
    rc = GetClusterInformation(h, nullptr, &cch, nullptr);
    if (rc != ERROR_MORE_DATA) {
        return {};
    }
    std::u16string name(cch, u'\0');
    cch += 1;
    rc = GetClusterInformation(h, name.data(), &cch, nullptr);
    name.resize(rc == ERROR_SUCCESS ? cch : 0);
    return name;
}

} // namespace

int main()
{
    Cluster cluster(OpenCluster(nullptr));
    if (!check(cluster != nullptr, "OpenCluster(nullptr)")) {
        std::printf("%d passed, %d failed\n", passed, failed);
        return failed;
    }

    DWORD rc = 0;
    std::u16string name = cluster_name(cluster.get(), rc);
    check(rc == ERROR_SUCCESS && !name.empty(),
          "GetClusterInformation into std::u16string: \"" + narrow(name) + "\" (rc " + std::to_string(rc) + ")");

    Cluster by_name(OpenCluster(name.c_str()));
    check(by_name != nullptr, "OpenCluster(name.c_str())");

    // Nodes, sizing each name first with a NULL buffer (the pattern of the `clus` Rust crate).
    HCLUSENUM e = ClusterOpenEnum(cluster.get(), CLUSTER_ENUM_NODE);
    check(e != nullptr, "ClusterOpenEnum(h, CLUSTER_ENUM_NODE)");
    if (e != nullptr) {
        DWORD i = 0;
        for (; i < 100000; i++) {
            DWORD type = 0;
            DWORD cch = 0;
            rc = ClusterEnum(e, i, &type, nullptr, &cch);
            if (rc == ERROR_NO_MORE_ITEMS) {
                break;
            }
            std::u16string node(cch, u'\0');
            cch += 1;
            DWORD rc2 = ClusterEnum(e, i, &type, node.data(), &cch);
            if (!check(rc == ERROR_MORE_DATA && rc2 == ERROR_SUCCESS && type == CLUSTER_ENUM_NODE && cch == node.size(),
                       "ClusterEnum(e, " + std::to_string(i) + ", NULL, &0) then into std::u16string: \"" +
                           narrow(node) + "\"")) {
                break;
            }
        }
        check(i > 0 && i == ClusterGetEnumCount(e), std::to_string(i) + " nodes == ClusterGetEnumCount(e)");
        check(ClusterCloseEnum(e) == ERROR_SUCCESS, "ClusterCloseEnum(e) == ERROR_SUCCESS");
    }

    {
        Group group(OpenClusterGroup(cluster.get(), u"Cluster Group"));
        check(group != nullptr, "OpenClusterGroup(h, u\"Cluster Group\")");
        WCHAR owner[MAX_PATH] = {};
        DWORD cch = MAX_PATH;
        CLUSTER_GROUP_STATE state = GetClusterGroupState(group.get(), owner, &cch);
        check(state != ClusterGroupStateUnknown && cch > 0,
              "GetClusterGroupState == " + std::to_string(state) + ", owner \"" + narrow(owner) + "\"");
    }

    SetLastError(0);
    Group missing(OpenClusterGroup(cluster.get(), u"No Such Group"));
    DWORD err = GetLastError();
    check(missing == nullptr && err == ERROR_GROUP_NOT_FOUND,
          "OpenClusterGroup(u\"No Such Group\") == nullptr, ERROR_GROUP_NOT_FOUND (got " + std::to_string(err) + ")");

    // A console client asks a disk for its info value list: size query, call, then a walk of
    // the CLUSPROP_VALUE entries (syntax, cbLength, data padded to 4) up to the ENDMARK.
    {
        HRESOURCE disk = OpenClusterResource(cluster.get(), u"Cluster Disk 1");
        check(disk != nullptr, "OpenClusterResource(h, u\"Cluster Disk 1\")");
        DWORD needed = 0;
        rc = ClusterResourceControl(disk, nullptr, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO, nullptr, 0, nullptr, 0,
                                    &needed);
        std::vector<BYTE> list(needed);
        DWORD returned = 0;
        DWORD rc2 = ClusterResourceControl(disk, nullptr, CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO, nullptr, 0,
                                           list.data(), needed, &returned);
        check(rc == ERROR_SUCCESS && rc2 == ERROR_SUCCESS && needed > 4 && returned == needed,
              "CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO: a " + std::to_string(returned) + "-byte value list");
        std::vector<DWORD> syntaxes;
        for (size_t at = 0; at + 4 <= list.size();) {
            DWORD syntax = 0;
            DWORD cb = 0;
            std::memcpy(&syntax, list.data() + at, 4);
            if (syntax == CLUSPROP_SYNTAX_ENDMARK || at + 8 > list.size()) {
                break;
            }
            std::memcpy(&cb, list.data() + at + 4, 4);
            syntaxes.push_back(syntax);
            at += 8 + ((cb + 3) & ~3u);
        }
        check(syntaxes.size() == 4 && syntaxes[0] == CLUSPROP_SYNTAX_DISK_SIGNATURE &&
                  syntaxes[3] == CLUSPROP_SYNTAX_PARTITION_INFO,
              "the list walks to its ENDMARK: signature first, " + std::to_string(syntaxes.size()) + " entries");
        CloseClusterResource(disk);
    }

    check(CloseCluster(nullptr) == TRUE, "CloseCluster(nullptr) == TRUE");

    rc = BackupClusterDatabase(cluster.get(), u"/tmp/clusapi-sim-backup");
    check(rc == ERROR_CALL_NOT_IMPLEMENTED,
          "BackupClusterDatabase == ERROR_CALL_NOT_IMPLEMENTED (rc " + std::to_string(rc) + ")");

    std::printf("%d passed, %d failed\n", passed, failed);
    return failed > 100 ? 100 : failed;
}
