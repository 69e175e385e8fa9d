"""Run Windows-style ctypes code for clusapi.dll unchanged on Linux, against clusapi-sim.

Import this module once, before the code under test imports ``ctypes.wintypes`` or declares
``argtypes`` (for pytest: ``import clusapi_sim_compat`` in ``conftest.py``). On non-Windows
platforms it patches, in place and idempotently, the ``ctypes`` and ``ctypes.wintypes`` modules:

* ``ctypes.windll`` / ``ctypes.WinDLL`` / ``ctypes.oledll`` / ``ctypes.OleDLL``: ``clusapi``,
  ``clusapi.dll``, ``kernel32`` and ``kernel32.dll`` (any case) load the simulator's
  ``libclusapi_sim.so``; any other name loads as ``ctypes.CDLL`` would. The library is looked up
  in ``$CLUSAPI_SIM_LIB``, then next to this module, then in ``target/debug`` and
  ``target/release`` of the repository (and of ``$CARGO_TARGET_DIR``). It is loaded with
  ``use_errno=True``: the simulator sets ``errno`` to the Win32 code it sets as the last error,
  so ``ctypes.get_last_error()`` (= ``ctypes.get_errno()``) reads it after each call.
* ``ctypes.WINFUNCTYPE`` (= ``CFUNCTYPE``; there is one calling convention on x86-64 Linux),
  ``ctypes.WinError``, ``ctypes.FormatError``, ``ctypes.get_last_error``,
  ``ctypes.set_last_error``, ``ctypes.HRESULT`` and ``builtins.WindowsError``.
* ``ctypes.wintypes`` with the Windows (LLP64) widths: ``DWORD``/``ULONG``/``COLORREF``... are
  ``c_uint32``, ``BOOL``/``LONG`` are ``c_int32``, ``WPARAM``/``LPARAM`` 64-bit, ``HANDLE`` and
  the ``H*`` types ``c_void_p``; the structures (``FILETIME``, ``RECT``, ``POINT``, ``MSG``,
  ``WIN32_FIND_DATAW``...) and the ``LP*``/``P*`` pointer types are rebuilt from these.
* UTF-16 strings: ``wintypes.WCHAR`` (and ``ctypes.c_wchar``) is a 2-byte ``c_uint16``-based
  type whose arrays have a ``.value`` (decode up to the NUL; assignable);
  ``wintypes.LPCWSTR``/``LPWSTR``/``LPOLESTR`` and ``ctypes.c_wchar_p`` are one pointer class
  whose ``from_param`` encodes a ``str`` to a NUL-terminated UTF-16 buffer kept alive for the
  call, and which, as a ``restype``, returns a ``str`` (or ``None``) as on Windows;
  ``ctypes.create_unicode_buffer(init_or_size, size=None)`` returns a ``WCHAR`` array.
* Functions of the libraries loaded through ``windll``/``WinDLL`` also encode ``str`` arguments
  as UTF-16 when no ``argtypes`` are declared, and map the *original* ``c_wchar``/``c_wchar_p``
  (captured before this import, e.g. ``from ctypes import c_wchar_p`` earlier) to the UTF-16
  types when ``argtypes``/``restype`` are assigned.

Not covered (see the README's "Python (ctypes)" section): ``Structure``/``Union`` fields or
callback (``WINFUNCTYPE``) signatures declared with the original ``c_wchar``/``c_wchar_p`` or
the Linux-width ``wintypes`` *before* this import (their layout is fixed when the class is
created); a ``c_wchar_p``/``LPWSTR`` structure field or callback argument reads as the pointer
object (use ``.value`` for the ``str``), not as a ``str``; ``ctypes.wstring_at`` and
``c_wchar`` *arrays made from the original type* still use UTF-32; functions of libraries
loaded with plain ``CDLL``; COM (``oledll`` functions don't raise on a failing HRESULT
automatically unless ``restype = ctypes.HRESULT``); 32-bit platforms (``WPARAM``/``HANDLE``
follow the pointer size, which matches Win64 on 64-bit Linux only).
"""

import builtins
import ctypes
import os
import sys

__all__ = ["LIBRARY_NAMES", "find_library", "load", "install", "WCHAR", "LPWSTR", "LPCWSTR"]

_ORIGINAL = {
    "c_wchar": ctypes.c_wchar,
    "c_wchar_p": ctypes.c_wchar_p,
    "create_unicode_buffer": ctypes.create_unicode_buffer,
}

LIBRARY_NAMES = frozenset({"clusapi", "clusapi.dll", "kernel32", "kernel32.dll"})
_ENV = "CLUSAPI_SIM_LIB"
_SO = "libclusapi_sim.so"


def find_library():
    """The path of ``libclusapi_sim.so``: ``$CLUSAPI_SIM_LIB``, next to this module, or the
    repository's ``target/debug`` / ``target/release`` (newest first). Raises ``OSError``."""
    env = os.environ.get(_ENV)
    if env:
        if not os.path.isfile(env):
            raise OSError(f"{_ENV}={env!r} is not a file")
        return os.path.abspath(env)
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [os.path.join(here, _SO)]
    roots = []
    if os.environ.get("CARGO_TARGET_DIR"):
        roots.append(os.environ["CARGO_TARGET_DIR"])
    roots.append(os.path.join(os.path.dirname(here), "target"))
    found = [os.path.join(r, p, _SO) for r in roots for p in ("debug", "release")]
    found = [p for p in found if os.path.isfile(p)]
    found.sort(key=os.path.getmtime, reverse=True)
    candidates += found
    for path in candidates:
        if os.path.isfile(path):
            return path
    raise OSError(
        f"{_SO} not found: set {_ENV} to its path, or run `cargo build --lib` in the repository"
    )


_loaded = {}


def _is_sim_name(name):
    if name is None:
        return False
    base = os.path.basename(str(name)).lower()
    return base in LIBRARY_NAMES


# --- UTF-16 strings --------------------------------------------------------------------------

_wchar_arrays = {}


class _WcharMeta(type(ctypes.c_uint16)):
    """Metaclass of ``WCHAR``: ``WCHAR * n`` makes an array type with a ``.value``."""

    def __mul__(cls, length):
        if not isinstance(length, int) or length < 0:
            return NotImplemented
        key = (cls, length)
        arr = _wchar_arrays.get(key)
        if arr is None:
            arr = type(ctypes.Array)(
                f"{cls.__name__}_Array_{length}",
                (_WcharArrayMixin, ctypes.Array),
                {"_type_": cls, "_length_": length},
            )
            _wchar_arrays[key] = arr
        return arr

    __rmul__ = __mul__


class WCHAR(ctypes.c_uint16, metaclass=_WcharMeta):
    """A UTF-16 code unit (``wchar_t`` on Windows is 2 bytes)."""

    _type_ = "H"


def _read_utf16(address, limit=None):
    """Decode NUL-terminated UTF-16 at ``address`` (at most ``limit`` units)."""
    if not address:
        return None
    units = []
    p = ctypes.cast(address, ctypes.POINTER(ctypes.c_uint16))
    i = 0
    while limit is None or i < limit:
        u = p[i]
        if u == 0:
            break
        units.append(u)
        i += 1
    return _decode(units)


def _decode(units):
    raw = b"".join(u.to_bytes(2, "little") for u in units)
    return raw.decode("utf-16-le", errors="surrogatepass")


def _encode(text):
    """A NUL-terminated UTF-16 ``WCHAR`` array holding ``text``."""
    data = text.encode("utf-16-le", errors="surrogatepass")
    n = len(data) // 2
    buf = (WCHAR * (n + 1))()
    ctypes.memmove(buf, data, len(data))
    return buf


class _WcharArrayMixin:
    """``.value`` of a ``WCHAR`` array, like a ``c_wchar`` array's."""

    @property
    def value(self):
        raw = ctypes.string_at(ctypes.addressof(self), ctypes.sizeof(self))
        for i in range(0, len(raw), 2):
            if raw[i] == 0 and raw[i + 1] == 0:
                raw = raw[:i]
                break
        return raw.decode("utf-16-le", errors="surrogatepass")

    @value.setter
    def value(self, text):
        data = text.encode("utf-16-le", errors="surrogatepass")
        n = len(data) // 2
        if n > len(self):
            raise ValueError("string too long")
        ctypes.memmove(self, data, len(data))
        if n < len(self):
            ctypes.memset(ctypes.addressof(self) + 2 * n, 0, 2)


class LPWSTR(ctypes.c_void_p):
    """A pointer to a NUL-terminated UTF-16 string (``LPWSTR``, ``LPCWSTR``, ``c_wchar_p``).

    Arguments: ``None``, a ``str`` (encoded for the call), an ``int`` address, a ``WCHAR``
    array (``create_unicode_buffer``), a ``POINTER(WCHAR)``/``c_void_p``. As a ``restype`` it
    returns a ``str`` (or ``None``). ``LPWSTR("text").value == "text"``.
    """

    def __init__(self, value=None):
        if isinstance(value, str):
            self._buf = _encode(value)
            super().__init__(ctypes.addressof(self._buf))
        else:
            super().__init__(value)

    @property
    def value(self):
        return _read_utf16(ctypes.c_void_p.from_buffer(self).value)

    @value.setter
    def value(self, text):
        if isinstance(text, str):
            self._buf = _encode(text)
            ctypes.c_void_p.from_buffer(self).value = ctypes.addressof(self._buf)
        else:
            ctypes.c_void_p.from_buffer(self).value = text

    @property
    def address(self):
        return ctypes.c_void_p.from_buffer(self).value

    def __repr__(self):
        return f"{type(self).__name__}({self.value!r})"

    @classmethod
    def from_param(cls, obj):
        if obj is None or isinstance(obj, (LPWSTR, ctypes.c_void_p)):
            return obj
        if isinstance(obj, str):
            return _encode(obj)  # ctypes keeps the converted argument alive for the call
        if isinstance(obj, int):
            return ctypes.c_void_p(obj)
        if isinstance(obj, ctypes.Array):
            if ctypes.sizeof(obj._type_) == 2:
                return obj
        elif isinstance(obj, ctypes._Pointer):
            if ctypes.sizeof(obj._type_) == 2:
                return obj
        elif isinstance(obj, ctypes._SimpleCData) and type(obj).__name__ == "CArgObject":
            return obj
        elif type(obj).__name__ == "CArgObject":  # ctypes.byref(buffer)
            return obj
        if hasattr(obj, "_as_parameter_"):
            return cls.from_param(obj._as_parameter_)
        raise TypeError(f"expected str, None, an address or a WCHAR buffer, not {type(obj).__name__}")

    @staticmethod
    def _check_retval_(result):
        # called by ctypes with the LPWSTR instance when LPWSTR is a function's restype
        return result.value


LPCWSTR = LPWSTR


def create_unicode_buffer(init, size=None):
    """A mutable ``WCHAR`` (UTF-16) array: ``create_unicode_buffer(10)`` or
    ``create_unicode_buffer("text"[, size])``; ``.value`` reads and assigns the string."""
    if isinstance(init, str):
        units = len(init.encode("utf-16-le", errors="surrogatepass")) // 2
        if size is None:
            size = units + 1
        buf = (WCHAR * size)()
        buf.value = init
        return buf
    if isinstance(init, int):
        return (WCHAR * init)()
    raise TypeError(init)


# --- the last error --------------------------------------------------------------------------

_MESSAGES = {
    0: "The operation completed successfully.",
    2: "The system cannot find the file specified.",
    5: "Access is denied.",
    6: "The handle is invalid.",
    8: "Not enough memory resources are available to process this command.",
    50: "The request is not supported.",
    87: "The parameter is incorrect.",
    122: "The data area passed to a system call is too small.",
    183: "Cannot create a file when that file already exists.",
    234: "More data is available.",
    258: "The wait operation timed out.",
    259: "No more data is available.",
    997: "Overlapped I/O operation is in progress.",
    1168: "Element not found.",
    1722: "The RPC server is unavailable.",
    5004: "The cluster resource is not online.",
    5007: "The cluster resource could not be found.",
    5010: "The object already exists.",
    5013: "The cluster group could not be found.",
    5015: "The cluster node is not the owner of the resource.",
    5023: "The group or resource is not in the correct state to perform the requested operation.",
    5042: "The cluster node was not found.",
    5045: "The cluster network was not found.",
    5050: "The cluster node is down.",
}


def FormatError(code=None):
    """The system message of a Win32 error code (a built-in table of the common ones)."""
    if code is None:
        code = get_last_error()
    return _MESSAGES.get(code, f"Win32 error {code}.")


class WindowsError(OSError):
    """``OSError`` with ``.winerror``, as on Windows."""

    def __init__(self, *args):
        super().__init__(*args)
        if len(args) >= 4 and args[3] is not None:
            self.winerror = args[3]
        elif len(args) >= 1 and isinstance(args[0], int):
            self.winerror = args[0]
        else:
            self.winerror = None

    def __str__(self):
        if self.winerror is not None:
            return f"[WinError {self.winerror}] {self.strerror}"
        return super().__str__()


def WinError(code=None, descr=None):
    """``OSError`` (``WindowsError``) for a Win32 code, default ``get_last_error()``."""
    if code is None:
        code = get_last_error()
    if descr is None:
        descr = FormatError(code).strip()
    return WindowsError(None, descr, None, code)


def get_last_error():
    """The last error of the calling thread's last simulator call (its ``errno``)."""
    return ctypes.get_errno()


def set_last_error(value):
    """Sets the value ``get_last_error`` returns; returns the previous one."""
    return ctypes.set_errno(value)


# --- the libraries ---------------------------------------------------------------------------


def _map_type(t):
    if t is _ORIGINAL["c_wchar_p"]:
        return LPWSTR
    if t is _ORIGINAL["c_wchar"]:
        return WCHAR
    return t


class _SimFuncPtr(ctypes._CFuncPtr):
    _flags_ = ctypes._FUNCFLAG_CDECL | ctypes._FUNCFLAG_USE_ERRNO
    _restype_ = ctypes.c_int

    _base_argtypes = ctypes._CFuncPtr.argtypes
    _base_restype = ctypes._CFuncPtr.restype

    @property
    def argtypes(self):
        return _SimFuncPtr._base_argtypes.__get__(self)

    @argtypes.setter
    def argtypes(self, value):
        if value is not None:
            value = [_map_type(t) for t in value]
        _SimFuncPtr._base_argtypes.__set__(self, value)

    @property
    def restype(self):
        return _SimFuncPtr._base_restype.__get__(self)

    @restype.setter
    def restype(self, value):
        _SimFuncPtr._base_restype.__set__(self, _map_type(value))

    def __call__(self, *args):
        if self.argtypes is None:
            args = tuple(_encode(a) if isinstance(a, str) else a for a in args)
        return super().__call__(*args)


class WinDLL(ctypes.CDLL):
    """``ctypes.WinDLL``: the simulator for ``clusapi``/``kernel32``, else a ``CDLL``."""

    _func_flags_ = ctypes._FUNCFLAG_CDECL | ctypes._FUNCFLAG_USE_ERRNO

    def __init__(self, name, mode=ctypes.DEFAULT_MODE, handle=None, use_errno=False,
                 use_last_error=False, winmode=None):
        if _is_sim_name(name):
            name = find_library()
        super().__init__(name, mode, handle, True, False)

        class _FuncPtr(_SimFuncPtr):
            _flags_ = self._func_flags_
            _restype_ = self._func_restype_

        self._FuncPtr = _FuncPtr




class HRESULT(ctypes.c_int32):
    """A COM ``HRESULT``: as a ``restype``, a negative value raises ``OSError``."""

    _type_ = "i"

    @staticmethod
    def _check_retval_(result):
        value = result.value if isinstance(result, ctypes._SimpleCData) else result
        if value < 0:
            raise WinError(value & 0xFFFFFFFF)
        return value


class OleDLL(WinDLL):
    """``ctypes.OleDLL``: as ``WinDLL``, with ``HRESULT`` as the default ``restype``."""

    _func_restype_ = HRESULT


class _SimLibraryLoader(ctypes.LibraryLoader):
    def __getattr__(self, name):
        if name[0] == "_":
            raise AttributeError(name)
        dll = self._dlltype(name)
        setattr(self, name, dll)
        return dll


def load():
    """The simulator's library as a ``WinDLL``."""
    return WinDLL("clusapi")


# --- wintypes ---------------------------------------------------------------------------------


def _patch_wintypes():
    import ctypes.wintypes as wintypes
    import types

    proxy = types.ModuleType("ctypes")
    proxy.__dict__.update(ctypes.__dict__)
    proxy.c_long = ctypes.c_int32
    proxy.c_ulong = ctypes.c_uint32
    proxy.c_wchar = WCHAR
    proxy.c_wchar_p = LPWSTR
    with open(wintypes.__file__, encoding="utf-8") as f:
        source = f.read()
    source = source.replace("\nimport ctypes\n", "\n", 1)
    ns = dict(wintypes.__dict__)
    ns["ctypes"] = proxy
    exec(compile(source, wintypes.__file__, "exec"), ns)
    for k, v in ns.items():
        if k.startswith("__") or k == "ctypes":
            continue
        setattr(wintypes, k, v)
    wintypes.UINT = ctypes.c_uint32
    wintypes.INT = ctypes.c_int32
    return wintypes


_installed = False


def install():
    """Patch ``ctypes`` and ``ctypes.wintypes`` (done on import; idempotent; no-op on Windows)."""
    global _installed
    if _installed or sys.platform == "win32":
        return
    ctypes.c_wchar = WCHAR
    ctypes.c_wchar_p = LPWSTR
    ctypes.create_unicode_buffer = create_unicode_buffer
    ctypes.WINFUNCTYPE = ctypes.CFUNCTYPE
    ctypes.WinDLL = WinDLL
    ctypes.OleDLL = OleDLL
    ctypes.windll = _SimLibraryLoader(WinDLL)
    ctypes.oledll = _SimLibraryLoader(OleDLL)
    ctypes.HRESULT = HRESULT
    ctypes.WinError = WinError
    ctypes.FormatError = FormatError
    ctypes.get_last_error = get_last_error
    ctypes.set_last_error = set_last_error
    builtins.WindowsError = WindowsError
    _patch_wintypes()
    _installed = True


install()
