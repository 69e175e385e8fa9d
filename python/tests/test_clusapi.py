"""A clusapi.dll client written exactly as for Windows ctypes, run against clusapi-sim."""

import ctypes
from ctypes import wintypes

import pytest

ERROR_INVALID_HANDLE = 6
ERROR_MORE_DATA = 234
ERROR_NO_MORE_ITEMS = 259
ERROR_GROUP_NOT_FOUND = 5013
CLUSTER_ENUM_GROUP = 8
ClusterGroupOnline = 0

clusapi = ctypes.windll.clusapi
kernel32 = ctypes.windll.kernel32

clusapi.OpenCluster.argtypes = [wintypes.LPCWSTR]
clusapi.OpenCluster.restype = wintypes.HANDLE
clusapi.CloseCluster.argtypes = [wintypes.HANDLE]
clusapi.CloseCluster.restype = wintypes.BOOL
clusapi.ClusterOpenEnum.argtypes = [wintypes.HANDLE, wintypes.DWORD]
clusapi.ClusterOpenEnum.restype = wintypes.HANDLE
clusapi.ClusterEnum.argtypes = [
    wintypes.HANDLE, wintypes.DWORD, wintypes.LPDWORD, wintypes.LPWSTR, wintypes.LPDWORD,
]
clusapi.ClusterEnum.restype = wintypes.DWORD
clusapi.ClusterCloseEnum.argtypes = [wintypes.HANDLE]
clusapi.ClusterCloseEnum.restype = wintypes.DWORD
clusapi.OpenClusterGroup.argtypes = [wintypes.HANDLE, wintypes.LPCWSTR]
clusapi.OpenClusterGroup.restype = wintypes.HANDLE
clusapi.CloseClusterGroup.argtypes = [wintypes.HANDLE]
clusapi.CloseClusterGroup.restype = wintypes.BOOL
clusapi.GetClusterGroupState.argtypes = [wintypes.HANDLE, wintypes.LPWSTR, wintypes.LPDWORD]
clusapi.GetClusterGroupState.restype = ctypes.c_int
clusapi.OnlineClusterGroup.argtypes = [wintypes.HANDLE, wintypes.HANDLE]
clusapi.OnlineClusterGroup.restype = wintypes.DWORD
clusapi.OfflineClusterGroup.argtypes = [wintypes.HANDLE]
clusapi.OfflineClusterGroup.restype = wintypes.DWORD
kernel32.GetLastError.argtypes = []
kernel32.GetLastError.restype = wintypes.DWORD


@pytest.fixture
def hcluster():
    h = clusapi.OpenCluster(None)
    if not h:
        raise ctypes.WinError(ctypes.get_last_error())
    yield h
    assert clusapi.CloseCluster(h)


def enum_groups(h):
    names = []
    henum = clusapi.ClusterOpenEnum(h, CLUSTER_ENUM_GROUP)
    assert henum, ctypes.get_last_error()
    try:
        index = 0
        buf = ctypes.create_unicode_buffer(4)
        grown = False
        while True:
            kind = wintypes.DWORD()
            size = wintypes.DWORD(len(buf))
            rc = clusapi.ClusterEnum(henum, index, ctypes.byref(kind), buf, ctypes.byref(size))
            if rc == ERROR_MORE_DATA:
                buf = ctypes.create_unicode_buffer(size.value + 1)
                grown = True
                continue
            if rc == ERROR_NO_MORE_ITEMS:
                break
            assert rc == 0, rc
            assert kind.value == CLUSTER_ENUM_GROUP
            names.append(buf.value)
            index += 1
        assert grown
    finally:
        assert clusapi.ClusterCloseEnum(henum) == 0
    return names


def test_windows_widths():
    assert ctypes.sizeof(wintypes.DWORD) == 4
    assert ctypes.sizeof(wintypes.BOOL) == 4
    assert ctypes.sizeof(wintypes.LONG) == 4
    assert ctypes.sizeof(wintypes.WCHAR) == 2
    assert ctypes.sizeof(wintypes.HANDLE) == ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(wintypes.FILETIME) == 8
    assert ctypes.sizeof(wintypes.WIN32_FIND_DATAW) == 592
    assert ctypes.WINFUNCTYPE is ctypes.CFUNCTYPE
    assert issubclass(WindowsError, OSError)  # noqa: F821 (builtins.WindowsError)


def test_unicode_buffer():
    buf = ctypes.create_unicode_buffer("Cluster Group")
    assert len(buf) == 14 and buf.value == "Cluster Group"
    buf.value = "Grüße 😀"
    assert buf.value == "Grüße 😀"
    assert wintypes.LPCWSTR("NODE1").value == "NODE1"


def test_enumerate_groups(hcluster):
    names = enum_groups(hcluster)
    assert "Cluster Group" in names
    assert "CONTOSO-APP1" in names


def test_group_state_and_owner(hcluster):
    hgroup = clusapi.OpenClusterGroup(hcluster, "Cluster Group")
    assert hgroup, ctypes.get_last_error()
    try:
        owner = ctypes.create_unicode_buffer(64)
        size = wintypes.DWORD(len(owner))
        state = clusapi.GetClusterGroupState(hgroup, owner, ctypes.byref(size))
        assert state == ClusterGroupOnline
        assert owner.value == "NODE1"
        assert size.value == len("NODE1")
    finally:
        assert clusapi.CloseClusterGroup(hgroup)


def test_online_then_offline(hcluster):
    hgroup = clusapi.OpenClusterGroup(hcluster, "CONTOSO-APP1")
    assert hgroup, ctypes.get_last_error()
    try:
        assert clusapi.OnlineClusterGroup(hgroup, None) == 0
        assert clusapi.OfflineClusterGroup(hgroup) == 0
    finally:
        assert clusapi.CloseClusterGroup(hgroup)


def test_last_error(hcluster):
    assert not clusapi.OpenClusterGroup(hcluster, "No Such Group")
    assert ctypes.get_last_error() == ERROR_GROUP_NOT_FOUND
    assert kernel32.GetLastError() == ERROR_GROUP_NOT_FOUND
    with pytest.raises(OSError) as info:
        raise ctypes.WinError()
    assert info.value.winerror == ERROR_GROUP_NOT_FOUND
    assert isinstance(info.value, WindowsError)  # noqa: F821


def test_forged_handle():
    assert not clusapi.CloseClusterGroup(0x7FFF0000)
    assert ctypes.get_last_error() == ERROR_INVALID_HANDLE
    assert kernel32.GetLastError() == ERROR_INVALID_HANDLE


def test_no_argtypes_passes_utf16(hcluster):
    # functions of windll/WinDLL libraries without argtypes get str arguments as UTF-16 too
    lib = ctypes.WinDLL("clusapi.dll")
    lib.OpenClusterGroup.restype = wintypes.HANDLE
    g = lib.OpenClusterGroup(wintypes.HANDLE(hcluster), "Cluster Group")
    assert g
    assert clusapi.CloseClusterGroup(g)


def test_install_is_idempotent():
    import clusapi_sim_compat

    before = ctypes.wintypes.DWORD
    clusapi_sim_compat.install()
    assert ctypes.wintypes.DWORD is before


def test_lpwstr_restype_returns_str():
    buf = ctypes.create_unicode_buffer("NODE1")
    callback = ctypes.WINFUNCTYPE(ctypes.c_void_p)(lambda: ctypes.addressof(buf))
    func = ctypes.cast(callback, ctypes.WINFUNCTYPE(wintypes.LPWSTR))
    assert func() == "NODE1"
    assert str(ctypes.WinError(5013)).startswith("[WinError 5013]")
