// The types of include/clusapi.h as C++17 clients use them: the enums with their enumerators
// qualified by the enum's name (C++11 allows it for unscoped enums, and code written against
// the real clusapi.h does it), the CLUSPROP_* values deriving from CLUSPROP_VALUE, and the
// pointer typedefs. Compiled with -Wall -Wextra -Wpedantic -Werror by tests/c_abi.rs, which
// compares the "layout" and "value" lines with windows-sys.
//
// Prints "layout ...", "value ..." and one line per check, then "N passed, M failed"; the
// exit status is the number of failed checks.
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "clusapi.h"

static int passed;
static int failed;

static void check(bool ok, const char *what) {
    std::printf("%s - %s\n", ok ? "ok  " : "FAIL", what);
    (ok ? passed : failed)++;
}

#define LAYOUT(T) std::printf("layout sizeof(%s) %zu\nlayout alignof(%s) %zu\n", #T, sizeof(T), #T, alignof(T))
#define VALUE(e) std::printf("value %s %lu\n", #e, static_cast<unsigned long>(static_cast<DWORD>(e)))
// offsetof is not for classes with members in a base and the derived class: measure instead.
#define FIELD(T, f)                                                                                    \
    do {                                                                                               \
        T object;                                                                                      \
        std::printf("layout offsetof(%s, %s) %zu\n", #T, #f,                                          \
                    static_cast<size_t>(reinterpret_cast<const BYTE *>(&object.f) -                    \
                                        reinterpret_cast<const BYTE *>(&object)));                     \
    } while (0)

// Every enumerator the tests name, qualified by its enum, and every enum still 32-bit.
static_assert(CLUSTER_PROPERTY_SYNTAX::CLUSPROP_SYNTAX_LIST_VALUE_DWORD == 0x10002, "syntax");
static_assert(CLUSTER_PROPERTY_TYPE::CLUSPROP_TYPE_UNKNOWN == -1, "type");
static_assert(CLUSTER_PROPERTY_FORMAT::CLUSPROP_FORMAT_MULTI_SZ == 5, "format");
static_assert(CLUSTER_RESOURCE_STATE::ClusterResourceOnline == 2, "resource state");
static_assert(CLUSTER_GROUP_STATE::ClusterGroupPartialOnline == 3, "group state");
static_assert(CLUSTER_NODE_STATE::ClusterNodeJoining == 3, "node state");
static_assert(CLUSTER_NETWORK_STATE::ClusterNetworkUp == 3, "network state");
static_assert(CLUSTER_NETINTERFACE_STATE::ClusterNetInterfaceUp == 3, "netinterface state");
static_assert(CLUSTER_ENUM::CLUSTER_ENUM_GROUP == 8, "cluster enum");
static_assert(CLUSTER_ENUM::CLUSTER_ENUM_INTERNAL_NETWORK == 0x80000000u, "above INT_MAX, an enumerator");
static_assert(CLUSTER_GROUP_ENUM::CLUSTER_GROUP_ENUM_NODES == 2, "group enum");
static_assert(CLUSTER_NODE_ENUM::CLUSTER_NODE_ENUM_PREFERRED_GROUPS == 4, "node enum");
static_assert(CLUSTER_RESOURCE_ENUM::CLUSTER_RESOURCE_ENUM_NODES == 4, "resource enum");
static_assert(CLUSTER_NETWORK_ENUM::CLUSTER_NETWORK_ENUM_NETINTERFACES == 1, "network enum");
static_assert(CLUSTER_RESOURCE_TYPE_ENUM::CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES == 2, "type enum");
static_assert(CLUSTER_CHANGE::CLUSTER_CHANGE_HANDLE_CLOSE == 0x80000000u, "above INT_MAX, an enumerator");
static_assert(CLUSTER_CHANGE::CLUSTER_CHANGE_ALL == 0xFFFFFFFFu, "above INT_MAX, an enumerator");
static_assert(NODE_CLUSTER_STATE::ClusterStateRunning == 0x13, "node cluster state");
static_assert(CLUSGROUP_TYPE::ClusGroupTypeAvailableStorage == 2, "group type");
static_assert(CLUSTER_RESOURCE_CLASS::CLUS_RESCLASS_STORAGE == 1, "resource class");
static_assert(CLUSTER_CONTROL_OBJECT::CLUS_OBJECT_GROUP == 3, "control object");
static_assert(CLUSCTL_RESOURCE_CODES::CLUSCTL_RESOURCE_GET_CLASS_INFO == 0x0100000D, "resource codes");
static_assert(CLUSCTL_RESOURCE_TYPE_CODES::CLUSCTL_RESOURCE_TYPE_GET_CHARACTERISTICS == 0x02000005, "type codes");
static_assert(CLUSCTL_GROUP_CODES::CLUSCTL_GROUP_GET_ID == 0x03000039, "group codes");
static_assert(CLUSCTL_NODE_CODES::CLUSCTL_NODE_GET_ID == 0x04000039, "node codes");
static_assert(CLUSCTL_NETWORK_CODES::CLUSCTL_NETWORK_GET_ID == 0x05000039, "network codes");
static_assert(CLUSCTL_NETINTERFACE_CODES::CLUSCTL_NETINTERFACE_GET_ID == 0x06000039, "netinterface codes");
static_assert(CLUSCTL_CLUSTER_CODES::CLUSCTL_CLUSTER_GET_FQDN == 0x0700003D, "cluster codes");
static_assert(CLCTL_CODES::CLCTL_GET_ID == 0x39, "clctl codes");
static_assert(CLUS_CHARACTERISTICS::CLUS_CHAR_QUORUM == 1, "characteristics");
static_assert(CLUSTER_OBJECT_TYPE::CLUSTER_OBJECT_TYPE_GROUP == 2, "object type");
static_assert(sizeof(CLUSTER_CHANGE) == 4 && sizeof(CLUSTER_ENUM) == 4 && sizeof(CLUSTER_PROPERTY_TYPE) == 4,
              "enums are 32-bit, above INT_MAX and below 0 alike");
static_assert(std::is_unsigned<std::underlying_type<CLUSTER_CHANGE>::type>::value, "flag words are unsigned");

// The C++ shape of clusapi.h: values derive from CLUSPROP_VALUE.
static_assert(std::is_base_of<CLUSPROP_VALUE, CLUSPROP_DWORD>::value, "CLUSPROP_DWORD : CLUSPROP_VALUE");
static_assert(std::is_base_of<CLUSPROP_VALUE, CLUSPROP_SZ>::value, "CLUSPROP_SZ : CLUSPROP_VALUE");
static_assert(std::is_base_of<CLUS_RESOURCE_CLASS_INFO, CLUSPROP_RESOURCE_CLASS_INFO>::value, "class info");
static_assert(std::is_same<CLUSPROP_MULTI_SZ, CLUSPROP_SZ>::value, "CLUSPROP_MULTI_SZ is CLUSPROP_SZ");
static_assert(std::is_same<PCLUSTER_ENUM_ITEM, CLUSTER_ENUM_ITEM *>::value, "PCLUSTER_ENUM_ITEM");
static_assert(std::is_same<PCLUSTER_GROUP_ENUM_ITEM, CLUSTER_GROUP_ENUM_ITEM *>::value, "PCLUSTER_GROUP_ENUM_ITEM");
static_assert(std::is_same<PCLUSTER_RESOURCE_ENUM_ITEM, CLUSTER_RESOURCE_ENUM_ITEM *>::value, "resource item");
static_assert(std::is_same<LPCLUSTERVERSIONINFO, PCLUSTERVERSIONINFO>::value, "LPCLUSTERVERSIONINFO");
static_assert(std::is_same<PCLUS_RESOURCE_CLASS_INFO, CLUS_RESOURCE_CLASS_INFO *>::value, "class info pointer");
static_assert(std::is_same<PCLUSPROP_BUFFER_HELPER, CLUSPROP_BUFFER_HELPER *>::value, "helper pointer");
static_assert(std::is_same<PCLUSPROP_LIST, CLUSPROP_LIST *>::value, "list pointer");

int main() {
    LAYOUT(CLUSPROP_SYNTAX);
    LAYOUT(CLUSPROP_VALUE);
    LAYOUT(CLUSPROP_BINARY);
    LAYOUT(CLUSPROP_WORD);
    LAYOUT(CLUSPROP_DWORD);
    FIELD(CLUSPROP_DWORD, cbLength);
    FIELD(CLUSPROP_DWORD, dw);
    LAYOUT(CLUSPROP_LONG);
    LAYOUT(CLUSPROP_SZ);
    FIELD(CLUSPROP_SZ, sz);
    LAYOUT(CLUSPROP_ULARGE_INTEGER);
    FIELD(CLUSPROP_ULARGE_INTEGER, li);
    LAYOUT(CLUSPROP_LARGE_INTEGER);
    LAYOUT(CLUSPROP_FILETIME);
    LAYOUT(CLUSPROP_RESOURCE_CLASS);
    LAYOUT(CLUSPROP_RESOURCE_CLASS_INFO);
    FIELD(CLUSPROP_RESOURCE_CLASS_INFO, rc);
    FIELD(CLUSPROP_RESOURCE_CLASS_INFO, SubClass);
    LAYOUT(CLUSPROP_SCSI_ADDRESS);
    FIELD(CLUSPROP_SCSI_ADDRESS, Lun);
    LAYOUT(CLUSPROP_PARTITION_INFO);
    FIELD(CLUSPROP_PARTITION_INFO, dwFlags);
    FIELD(CLUSPROP_PARTITION_INFO, szFileSystem);
    LAYOUT(CLUSPROP_REQUIRED_DEPENDENCY);
    LAYOUT(CLUSPROP_LIST);
    FIELD(CLUSPROP_LIST, PropertyName);
    LAYOUT(CLUSPROP_BUFFER_HELPER);
    LAYOUT(CLUS_RESOURCE_CLASS_INFO);
    LAYOUT(CLUSTER_ENUM_ITEM);
    LAYOUT(CLUSTER_CHANGE);
    VALUE(CLUSTER_CHANGE::CLUSTER_CHANGE_ALL);
    VALUE(CLUSTER_ENUM::CLUSTER_ENUM_INTERNAL_NETWORK);
    VALUE(CLUSTER_PROPERTY_SYNTAX::CLUSPROP_SYNTAX_LIST_VALUE_DWORD);
    VALUE(CLUSTER_RESOURCE_STATE::ClusterResourceOnline);

    // A value list as C++ clients walk it: through the helper, and through the base class.
    DWORD storage[8] = {};
    CLUSPROP_BUFFER_HELPER cursor;
    cursor.pdw = storage;
    cursor.pDwordValue->Syntax.dw = CLUSTER_PROPERTY_SYNTAX::CLUSPROP_SYNTAX_LIST_VALUE_DWORD;
    cursor.pDwordValue->cbLength = sizeof(DWORD);
    cursor.pDwordValue->dw = 7;
    PCLUSPROP_VALUE value = cursor.pDwordValue;  // derived to base, as with the real header
    check(value->Syntax.wFormat == CLUSTER_PROPERTY_FORMAT::CLUSPROP_FORMAT_DWORD &&
              value->Syntax.wType == CLUSTER_PROPERTY_TYPE::CLUSPROP_TYPE_LIST_VALUE,
          "CLUSPROP_SYNTAX splits into wFormat and wType");
    check(cursor.pDwordValue->dw == 7 && value->cbLength == 4, "CLUSPROP_DWORD reads through its base");

    CLUSPROP_RESOURCE_CLASS_INFO info;
    std::memset(&info, 0, sizeof info);
    info.rc = CLUSTER_RESOURCE_CLASS::CLUS_RESCLASS_NETWORK;
    check(info.dw == 2 && info.li.QuadPart == 2, "CLUSPROP_RESOURCE_CLASS_INFO's anonymous members");

    DWORD filter = CLUSTER_CHANGE::CLUSTER_CHANGE_HANDLE_CLOSE | CLUSTER_CHANGE::CLUSTER_CHANGE_GROUP_STATE;
    check(filter == 0x80001000u, "flags above INT_MAX combine into a DWORD");
    CLUSTER_RESOURCE_STATE state = CLUSTER_RESOURCE_STATE::ClusterResourceStateUnknown;
    check(state == -1, "state enums keep their -1");

    std::printf("%d passed, %d failed\n", passed, failed);
    return failed;
}
