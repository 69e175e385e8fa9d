#!/usr/bin/env python3
"""Generate the Win32 surface of clusapi-sim from windows-sys.

Reads windows-sys's Win32/Networking/Clustering/mod.rs (the 280 `clusapi.dll` and 120
`resutils.dll` functions, their function-pointer typedefs, structs, enums, constants) and writes,
relative to the repository root:

  src/win32/not_implemented.rs           a `not_implemented!` stub for every clusapi.dll function
                                         that no other src/win32/*.rs file exports yet
  src/win32/not_implemented_resutils.rs  the same for the resutils.dll functions
  tests/win32_parity.rs                  compile-time coercion of every export to windows-sys's types
  include/clusapi.h                      C11 / C++17 header: types, constants, prototypes of the 280
  include/resapi.h                       C11 / C++17 header of the 120 resutils.dll functions
                                         (includes clusapi.h): RESUTIL_* types, typedefs, prototypes
  FIDELITY.md                            the fidelity tables, one per DLL (hand-written text below
                                         the tables is kept)

A function that windows-sys gates on a feature (`#[cfg(feature = "Win32_System_Registry")]`) is
covered only if the crate's `windows-sys` dependency and dev-dependency both enable that feature;
the others are left out (listed in FIDELITY.md and by the summary).

Usage: python3 tools/gen_win32_surface.py [--check] [path/to/windows-sys-X.Y.Z or .../Clustering/mod.rs]

The windows-sys version is the one Cargo.lock resolves for this crate's `windows-sys`
dependency; its sources are read from `$CARGO_HOME/registry/src/*/windows-sys-<version>/`
(CARGO_HOME defaults to ~/.cargo; `cargo fetch` puts them there).

--check regenerates everything in memory, writes nothing, and exits with status 1, listing the
files that differ, if any generated file on disk is not what the generator would write (CI
runs it, so a hand edit of a generated file or a forgotten re-run fails the build).

Re-run after adding or removing exports in src/win32/*.rs, or after editing tools/partial.txt
(one `Name: reason` per line, for implemented functions that are only partially simulated).
An export is implemented when a src/win32 file defines `pub unsafe extern "system" fn NAME`,
or invokes a `macro_rules!` macro of src/win32 whose expansion is `#[unsafe(no_mangle)]` with
an item `fn NAME(` (as the `enum_exports!` of src/win32/enumeration.rs does).
Also reads tools/surface_lists.txt (tiers, error codes) and the tools/templates/*.in skeletons;
formats the generated Rust with rustfmt (required).
"""
import difflib
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLUS = "windows_sys::Win32::Networking::Clustering"
THIS = "tools/gen_win32_surface.py"
# The DLLs whose functions the generator covers, with the number windows-sys 0.61 declares.
DLLS = {"clusapi.dll": 280, "resutils.dll": 120}
# Where each DLL's stubs go; implemented_exports() skips these files.
STUB_FILES = {"clusapi.dll": "src/win32/not_implemented.rs", "resutils.dll": "src/win32/not_implemented_resutils.rs"}
DONT_EDIT = None  # set by main(): names the windows-sys version read
WSYS = None  # "windows-sys X.Y.Z", set by main()

# Constant families declared in the header as enums (by windows-sys type; clusapi.h declares them
# so), and other constants copied as #defines (by name).
DEFINE_TYPES = re.compile(r"CLUSTER_((NODE|GROUP|RESOURCE|RESOURCE_TYPE|NETWORK)_)?ENUM|CLUSTER_CHANGE(_\w+_V2)?|"
                          r"CLUSTER_OBJECT_TYPE|CLCTL_CODES|CLUSCTL_\w+_CODES|CLUSTER_PROPERTY_(SYNTAX|FORMAT|TYPE)|"
                          r"CLUS_CHARACTERISTICS|CLUS_FLAGS|CLUSTER_RESOURCE_CLASS|CLUSTER_CONTROL_OBJECT|"
                          r"CLUSTER_RESOURCE_CREATE_FLAGS")
DEFINE_NAMES = re.compile(r"CLUSAPI_|CLUSCTL_|CLCTL_|CLUS_ACCESS_|CLUS_(NO_)?MODIFY$|CLUS_(NOT_)?GLOBAL$|"
                          r"CLUSTER_VERSION_|CLUSTER_(\w+_)?ENUM_ITEM_VERSION|CLUSTER_CREATE_GROUP_INFO_VERSION|"
                          r"CLUSTER_(INSTALLED|CONFIGURED|RUNNING)$|CLUSREG_DATABASE_|MAX_CLUSTERNAME_LENGTH$")
C_MUTABLE_OUT = {"ClusterRegQueryInfoKey"}
ALWAYS_ENUMS = ["NODE_CLUSTER_STATE"]  # not in a prototype (out param is DWORD) but in the real header
# Constant families whose negative values are the -1 clusapi.h writes, not DWORD bit patterns.
SIGNED_FAMILIES = {"CLUSTER_PROPERTY_TYPE"}
# Structures no prototype uses that the header declares anyway (clusapi.h has them; the
# CLUSPROP_* value structures of the template use them).
EXTRA_STRUCTS = ["CLUS_PARTITION_INFO"]
# Structures that clusapi.h also gives an LP* pointer type.
LP_STRUCTS = {"CLUSTERVERSIONINFO"}

C_PRIM = {"i8": "CHAR", "u8": "BYTE", "u16": "WORD", "u32": "DWORD", "i32": "LONG", "u64": "ULONGLONG", "i64": "LONGLONG",
          "usize": "DWORD_PTR", "isize": "LONG_PTR", "bool": "BOOLEAN", "core::ffi::c_void": "void"}
# Types from outside the module, by last path segment: C name, and what the compiler sees.
C_EXT = {"PCWSTR": "LPCWSTR", "PWSTR": "LPWSTR", "BOOL": "BOOL", "HRESULT": "HRESULT", "GUID": "GUID", "HKEY": "HKEY",
         "HANDLE": "HANDLE", "FILETIME": "FILETIME", "SECURITY_ATTRIBUTES": "SECURITY_ATTRIBUTES",
         "PSECURITY_DESCRIPTOR": "PSECURITY_DESCRIPTOR", "OBJECT_SECURITY_INFORMATION": "SECURITY_INFORMATION",
         "SC_HANDLE": "SC_HANDLE"}
EXT_ALIASES = {"BOOL": "i32", "HRESULT": "i32", "HKEY": "*mut core::ffi::c_void", "HANDLE": "*mut core::ffi::c_void",
               "PSECURITY_DESCRIPTOR": "*mut core::ffi::c_void", "OBJECT_SECURITY_INFORMATION": "u32",
               "SC_HANDLE": "*mut core::ffi::c_void"}
# resapi.h: constants copied as #defines (by name); callbacks that are variadic in C (windows-sys
# cannot say so: the resource monitor's LogEvent takes a printf-style format).
RESAPI_DEFINE_NAMES = re.compile(r"RESUTIL_PROPITEM_")
C_VARIADIC = {"PLOG_EVENT_ROUTINE"}
# Failure kinds of the `not_implemented!` stubs: the value returned (None: the error code itself).
FAILS = {"Code": None, "Handle": "a NULL handle", "Bool": "FALSE", "NullPtr": "NULL",
         "StateUnknown": "the `StateUnknown` value (-1)", "Zero": "0", "Void": "nothing"}
FAIL_DOC = {k: f"returns {v} and sets the last error to `ERROR_CALL_NOT_IMPLEMENTED` (120)" if v
            else "returns `ERROR_CALL_NOT_IMPLEMENTED` (120)" for k, v in FAILS.items()}
IDENT = re.compile(r"(?:[A-Za-z_]\w*::)*[A-Za-z_]\w*")


def die(msg):
    sys.exit(f"gen_win32_surface: error: {msg}")


def lock_packages():
    """Cargo.lock's `[[package]]` entries as dicts (name, version, dependencies)."""
    path = os.path.join(ROOT, "Cargo.lock")
    if not os.path.isfile(path):
        die("Cargo.lock not found: run `cargo generate-lockfile` (or `cargo fetch`)")
    packages = []
    for block in re.split(r"^\[\[package\]\]$", open(path).read(), flags=re.M)[1:]:
        pkg = dict(re.findall(r'^(name|version|source) = "(.*)"$', block, re.M))
        deps = re.search(r"^dependencies = \[(.*?)^\]", block, re.M | re.S)
        pkg["dependencies"] = re.findall(r'"(.*?)"', deps[1]) if deps else []
        packages.append(pkg)
    return packages


def windows_sys_version():
    """The windows-sys version Cargo.lock resolves for this crate's dependency on it.

    A lock file names a dependency `windows-sys` when one version of it is locked, and
    `windows-sys X.Y.Z` when several are; the crate's own package entry says which one it uses."""
    packages = lock_packages()
    crate = (re.search(r'^name = "(.*)"$', open(os.path.join(ROOT, "Cargo.toml")).read(), re.M) or die("no name"))[1]
    me = [p for p in packages if p.get("name") == crate and "source" not in p]
    if not me:
        die(f"Cargo.lock has no entry for the crate {crate}: run `cargo fetch`")
    locked = sorted(p["version"] for p in packages if p.get("name") == "windows-sys")
    for dep in me[0]["dependencies"]:
        name, _, version = dep.partition(" ")
        if name == "windows-sys":
            if version:
                return version
            if len(locked) == 1:
                return locked[0]
            die(f"Cargo.lock: {crate} depends on windows-sys without a version, but it locks {locked}")
    die(f"Cargo.lock: {crate} does not depend on windows-sys")


def find_mod_rs(arg):
    version = windows_sys_version()
    cargo_home = os.environ.get("CARGO_HOME") or os.path.expanduser("~/.cargo")
    pats = [arg] if arg else [os.path.join(cargo_home, "registry/src/*", f"windows-sys-{version}")]
    for pat in pats:
        for base in sorted(glob.glob(os.path.expanduser(pat))):
            for cand in (base, os.path.join(base, "src/Windows/Win32/Networking/Clustering/mod.rs")):
                if os.path.isfile(cand):
                    return cand, version
    die(f"the sources of windows-sys {version} (the version Cargo.lock resolves) are not under {pats[0]}: "
        "run `cargo fetch` to download them, or pass the path of windows-sys-<version> as argument")


def norm(t):
    t = re.sub(r"\s*::\s*", "::", (t or "()").strip())
    return re.sub(r"\s+", " ", t.replace("super::super::", "windows_sys::Win32::"))


def parse_params(s):
    return [(n.strip(), norm(t)) for n, t in (p.split(":", 1) for p in s.split(",") if p.strip())]


def parse(src):
    """The functions of each DLL (name -> (params, return type)), the windows-sys features each
    function is gated on, and the module's typedefs, aliases, structs, unions and constants."""
    dlls, gates = {dll: {} for dll in DLLS}, {}
    for m in re.finditer(r'^(?:#\[cfg\((.*)\)\]\n)?windows_link::link!\("(\w+\.dll)" "system" fn (\w+)\((.*?)\)'
                         r'(?: -> (.*?))?\);$', src, re.M):
        if m[2] not in dlls:
            continue  # ntlanman.dll's app-instance functions: not part of ClusAPI
        dlls[m[2]][m[3]] = (parse_params(m[4]), norm(m[5]))
        gates[m[3]] = re.findall(r'feature = "(\w+)"', m[1] or "")
    fnptrs = {m[1]: (parse_params(m[2]), norm(m[3])) for m in re.finditer(
        r'pub type (\w+) = Option<unsafe extern "system" fn\((.*?)\)(?: -> (.*?))?>;', src)}
    aliases = {m[1]: norm(m[2]) for m in re.finditer(r"^pub type (\w+) = (?!Option<)(.*?);$", src, re.M)}
    fields = lambda kind: {m[1]: [(n, norm(t)) for n, t in re.findall(r"^\s+pub (\w+): (.*),$", m[2], re.M)]
                           for m in re.finditer(rf"^pub {kind} (\w+) \{{\n(.*?)^\}}", src, re.M | re.S)}
    structs, unions = fields("struct"), fields("union")
    consts = [(m[1], m[2], int(m[3]), m[4]) for m in re.finditer(
        r"^pub const (\w+): (\w+) = (-?\d+)([iu]\d+|[iu]size);$", src, re.M)]
    for dll, expected in DLLS.items():
        if len(dlls[dll]) != expected:
            die(f"expected {expected} {dll} functions, parsed {len(dlls[dll])}")
    return dlls, gates, fnptrs, aliases, structs, unions, consts


def enabled_features():
    """The windows-sys features that both the dependency and the dev-dependency enable (the
    exports are compiled with the first, the parity test with the second)."""
    toml = open(os.path.join(ROOT, "Cargo.toml")).read()
    lists = [set(re.findall(r'"(\w+)"', m[1])) for m in re.finditer(
        r"^windows-sys = \{[^}]*?features = \[(.*?)\]", toml, re.M | re.S)]
    if len(lists) != 2:
        die(f"Cargo.toml: expected a windows-sys dependency and dev-dependency with features, found {len(lists)}")
    return lists[0] & lists[1]


def canon(t, aliases):
    """Type as the Rust compiler sees it (module and known aliases resolved), for signature matching."""
    def one(m):
        name = m[0]
        while name in aliases or name.startswith("windows_sys::"):
            name = aliases.get(name) or EXT_ALIASES.get(name.rsplit("::", 1)[1], name.rsplit("::", 1)[1])
        return name
    return IDENT.sub(one, t).replace(" ", "")


def sig(ps, ret, aliases):
    return tuple(canon(t, aliases) for _, t in ps), canon(ret, aliases)


def failure_kind(name, ret, aliases):
    base = aliases.get(ret)
    if base == "isize":
        return "Handle"
    if ret == "()":
        return "Void"
    if ret == "windows_sys::core::BOOL":
        return "Bool"
    if ret.endswith("Registry::HKEY") or ret.startswith("*mut ") or ret == "windows_sys::core::PWSTR":
        return "NullPtr"
    if ret.endswith("_STATE") and base == "i32":
        return "StateUnknown"
    if ret == "u32":
        return "Zero" if "GetEnumCount" in name else "Code"
    if ret == "i32" and name.startswith("ClusterReg"):
        return "Code"
    die(f"no failure convention for {name} -> {ret}")


def braced(text, start):
    """The text between the `{` at or after `start` and its matching `}`."""
    open_at = text.index("{", start) + 1
    depth, i = 1, open_at
    while depth and i < len(text):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        i += 1
    return text[open_at:i - 1]


def macro_invocations(text, macro):
    """The bodies of the invocations `macro! { ... }` in `text`."""
    return [braced(text, m.start()) for m in re.finditer(rf"(?<![\w$]){macro}!\s*\{{", text)]


def implemented_exports():
    """Exported functions of src/win32 (the generated stubs aside): `pub unsafe extern "system" fn
    NAME` items, and the `fn NAME(` items of invocations of the src/win32 macros that expand to
    `#[unsafe(no_mangle)]` exports (e.g. `enum_exports!`)."""
    sources = {os.path.relpath(p, ROOT): re.sub(r"(?m)//.*$", "", open(p).read())
               for p in sorted(glob.glob(os.path.join(ROOT, "src/win32/*.rs")))}
    export_macros = set()
    for text in sources.values():
        for m in re.finditer(r"macro_rules!\s*(\w+)\s*\{", text):
            if "#[unsafe(no_mangle)]" in braced(text, m.start()):
                export_macros.add(m[1])
    found = {}
    for rel, text in sources.items():
        if rel in STUB_FILES.values():
            continue
        names = re.findall(r'pub (?:unsafe )?extern "system" fn (\w+)', text)
        for macro in sorted(export_macros):
            for body in macro_invocations(text, macro):
                names += re.findall(r"\bfn (\w+)\s*\(", body)
        for name in names:
            if name in found:
                die(f"{name} is exported twice ({found[name]}, {rel})")
            found[name] = rel
    return found


def read_lists():
    """tools/surface_lists.txt: `[section]` headers, each followed by whitespace-separated names."""
    lists, current = {}, None
    for line in open(os.path.join(ROOT, "tools/surface_lists.txt")):
        line = line.split("#", 1)[0].strip()
        if line.startswith("["):
            current = lists.setdefault(line.strip("[]"), [])
        elif line:
            current.extend(line.split())
    return lists


def read_partial():
    path = os.path.join(ROOT, "tools/partial.txt")
    if not os.path.exists(path):
        return {}
    lines = [line.partition(":") for line in open(path) if line.strip() and not line.startswith("#")]
    return {n.strip(): r.strip() or "partial" for n, _, r in lines}


def snake(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).upper()


# Per DLL: which typedefs describe its functions, the typedef a function's name suggests, and the
# part of a typedef's name to compare with a function's name.
TYPEDEF_RULES = {
    "clusapi.dll": (lambda t: t.startswith("PCLUSAPI_"), lambda f: "PCLUSAPI_" + snake(f), lambda t: t[9:]),
    # PRESUTIL_DUP_STRING (ResUtilDupString), PCLUSTER_DECRYPT (ClusterDecrypt), PFREE_CLUSTER_CRYPT...
    "resutils.dll": (lambda t: not t.startswith("PCLUSAPI_"),
                     lambda f: "PRESUTIL_" + snake(f[7:]) if f.startswith("ResUtil") else "P" + snake(f),
                     lambda t: t[1:]),
}


def map_typedefs(fns, fnptrs, aliases, dll):
    """Function -> function-pointer typedef (PCLUSAPI_* for clusapi.dll, PRESUTIL_* and the like
    for resutils.dll): the name the function's name suggests if the signature matches, else the
    most similar name among the unused typedefs with the same signature, preferring the same type
    names over types that are merely the same to the compiler (HGROUP and HGROUPSET are both isize)."""
    wanted, expected, short = TYPEDEF_RULES[dll]
    tds = {t: v for t, v in fnptrs.items() if wanted(t)}
    spelled = lambda ps, ret: (tuple(t for _, t in ps), ret)
    found, fuzzy = {}, []
    for f, (ps, ret) in fns.items():
        t = expected(f)
        if t in tds and spelled(*tds[t]) == spelled(ps, ret):
            found[f] = t
    key = lambda s: s.replace("_", "").upper()
    cands = sorted(((spelled(*tds[t]) == spelled(ps, ret), difflib.SequenceMatcher(None, key(f), key(short(t))).ratio(),
                     f, t) for f, (ps, ret) in fns.items() if f not in found
                    for t in tds if t not in found.values() and sig(*tds[t], aliases) == sig(ps, ret, aliases)),
                   reverse=True)
    for same_names, score, f, t in cands:
        if score >= (0.6 if same_names else 0.9) and f not in found and t not in found.values():
            found[f] = t
            fuzzy.append((f, t, score))
    return found, fuzzy


def rust_short(t, local, imports):
    """Rust type with short names; records the `use` paths it needs."""
    def one(m):
        name = m[0]
        if "::" in name:
            imports.add(name)
            return name.rsplit("::", 1)[1]
        if name in local:
            imports.add(f"{CLUS}::{name}")
        return name
    return IDENT.sub(one, t)


def use_lines(imports):
    groups = {}
    for p in imports:
        mod, name = p.rsplit("::", 1)
        groups.setdefault(mod, set()).add(name)
    out = []
    for mod in sorted(groups):
        names = sorted(groups[mod])
        out.append(f"use {mod}::{names[0]};" if len(names) == 1 else f"use {mod}::{{{', '.join(names)}}};")
    return out


def gen_stubs(stubs, fns, kinds, local, dll):
    body, imports = [], set()
    for f in stubs:
        ps, ret = fns[f]
        args = ", ".join(f"{n}: {rust_short(t, local, imports)}" for n, t in ps)
        returns = f" -> {rust_short(ret, local, imports)}" if ret != "()" else ""
        body += ["not_implemented! {",
                 f"    /// `{f}` ({dll}). Not simulated yet: {FAIL_DOC[kinds[f]]}.",
                 f"    fn {f}({args}){returns} = Failure::{kinds[f]};", "}"]
    return template("not_implemented.rs.in", {"@DONT_EDIT@": DONT_EDIT, "@DLL@": dll,
                                              "@USES@": "\n".join(use_lines(imports)), "@STUBS@": "\n".join(body)})


PARITY_TYPEDEFS = {"clusapi.dll": "`PCLUSAPI_*`", "resutils.dll": "`PRESUTIL_*`, `PCLUSTER_*`..."}


def gen_parity(by_dll, typedefs_by_dll, local):
    def qual(t):
        return IDENT.sub(lambda m: f"cl::{m[0]}" if m[0] in local else m[0], t)
    sections = []
    for dll, fns in by_dll.items():
        typedefs = typedefs_by_dll[dll]
        typed = [f"        cl::{typedefs[f]} => {f}," for f in sorted(typedefs)]
        returns = lambda ret: f" -> {qual(ret)}" if ret != "()" else ""
        pointer = lambda ps, ret: f"Option<unsafe extern \"system\" fn({', '.join(qual(t) for _, t in ps)}){returns(ret)}>"
        untyped = [f"        {pointer(*fns[f])} => {f}," for f in sorted(set(fns) - set(typedefs))]
        prefix = dll.split(".")[0]
        sections.append(template("win32_parity.section.rs.in", {
            "@DLL@": dll, "@P@": prefix.upper(), "@p@": prefix, "@TYPEDEFS@": PARITY_TYPEDEFS[dll], "@WSYS@": WSYS,
            "@WITH_TYPEDEF@": str(len(typed)), "@WITHOUT_TYPEDEF@": str(len(untyped)), "@ALL@": str(len(fns)),
            "@TYPED@": "\n".join(typed), "@UNTYPED@": "\n".join(untyped),
            "@NAMES@": "\n".join(f"        {f}," for f in sorted(fns))}))
    return template("win32_parity.rs.in", {"@DONT_EDIT@": DONT_EDIT, "@SECTIONS@": "".join(sections)})


def c_type(t, info):
    t = t.strip()
    if t == "*mut core::ffi::c_void":
        return "PVOID"
    if t == "*const core::ffi::c_void":
        return "LPCVOID"
    for ptr, const in (("*mut ", ""), ("*const ", "const ")):
        if t.startswith(ptr):
            return f"{const}{c_type(t[len(ptr):], info)} *"
    if t in C_PRIM or t.startswith("windows_sys::"):
        return C_PRIM.get(t) or C_EXT[t.rsplit("::", 1)[1]]
    if t in info["local"]:
        info["used"].add(t)
        return t
    die(f"no C type for Rust type {t!r}")


def c_value(v, suffix):
    if v < 0 and suffix == "i32":
        return f"0x{v & 0xFFFFFFFF:08X}u"  # flag words are DWORDs in C: avoid -Wsign-compare
    text = str(v) if v < 16 else f"0x{v:X}"
    return text + ("ULL" if v > 0xFFFFFFFF else "u" if v > 0x7FFFFFFF else "")


def c_decl(t, name, info):
    ct = c_type(t, info)
    return f"{ct}{name}" if ct.endswith("*") else f"{ct} {name}"


def c_decls(params, info):
    return ", ".join(c_decl(t, n, info) for n, t in params) or "void"


def gen_header(fns, fnptrs, aliases, structs, consts, foundation_src, local):
    info = {"local": local, "used": set()}
    protos = []
    for f, (ps, ret) in sorted(fns.items()):
        if f in C_MUTABLE_OUT:  # windows-sys says *const for what clusapi.h declares as out-parameters
            ps = [(n, t.replace("*const ", "*mut ")) for n, t in ps]
        protos.append(f"{c_type(ret, info) if ret != '()' else 'void'} WINAPI {f}({c_decls(ps, info)});")
    info["used"].update(ALWAYS_ENUMS)
    done, cbs, order = set(), [], []
    while info["used"] - done:  # the closure of types used by prototypes, structs and callbacks
        for t in sorted(info["used"] - done):
            done.add(t)
            if t in fnptrs:
                ps, ret = fnptrs[t]
                cbs.append(f"typedef {c_type(ret, info)} (WINAPI *{t})({c_decls(ps, info)});")
            elif t in structs:
                for n, ft in structs[t]:
                    c_type(re.sub(r"^\[(.*); \d+\]$", r"\1", ft), info)
                order.append(t)
    handles = sorted(t for t in done if aliases.get(t) == "isize")
    by_type = consts_by_type(consts)
    fams = {t for t in by_type if DEFINE_TYPES.fullmatch(t)}
    enums = sorted(t for t in done | fams if aliases.get(t) in ("i32", "u32"))
    lines = ["/* Handles: pointers to distinct opaque structs, as in clusapi.h. */"]
    lines += [f"typedef struct _{h} *{h};" for h in handles]
    lines += ["", "/* Enumerations, declared as clusapi.h declares them. Enumerators above INT_MAX (flag",
              " * bits 0x80000000 and up) are enumerators in C++ and macros in C, where an enumerator",
              " * must fit an int (C11 6.7.2.2); either way their type is 32-bit and unsigned. */"]
    lines += c_enums(enums, by_type, fams, aliases)
    lines += ["", f"/* Constants (values from {WSYS}). */"]
    lines += [f"#define {n} {c_value(v, sfx)}" for n, ty, v, sfx in sorted(consts)
              if ty in ("u32", "i32", "u64") and DEFINE_NAMES.match(n)]
    info["used"].update(EXTRA_STRUCTS)
    order += [t for t in EXTRA_STRUCTS if t not in order]
    lines += ["", "/* Structures (each with its P* pointer type, as in clusapi.h) and callbacks. */"]
    lines += [f"typedef struct _{s} {s}, *P{s}{', *LP' + s if s in LP_STRUCTS else ''};" for s in sorted(order)]
    lines += cbs
    lines += c_struct_bodies(order, structs, {}, info)
    value = lambda e: (re.search(rf"^pub const {e}: \w+ = (\d+)[iu]32;$", foundation_src, re.M) or die(e))[1]
    errs = [f"#ifndef {e}\n#define {e} {value(e)}\n#endif" for e in LISTS["errors"]]
    text = template("clusapi.h.in", {"@DONT_EDIT@": DONT_EDIT, "@WSYS@": WSYS, "@ERRORS@": "\n".join(errs),
                                     "@TYPES@": "\n".join(lines), "@PROTOTYPES@": "\n".join(protos)})
    # What resapi.h may use without declaring: the generated types, and the skeleton's (every
    # type it gives a P* pointer type: CLUSPROP_DWORD, CLUS_RESOURCE_CLASS_INFO...).
    declared = done | set(enums) | set(EXTRA_STRUCTS) | set(re.findall(r"\*P(\w+)[;,]", template("clusapi.h.in", {})))
    return text, declared


def consts_by_type(consts):
    by_type = {}
    for name, ty, v, suffix in consts:
        by_type.setdefault(ty, []).append((v, name, suffix))
    return by_type


def c_enums(enums, by_type, fams, aliases):
    """The C declarations of the enumerations `enums` (with their size assertions)."""
    lines, wide_macros = [], []
    for e in enums:
        members = sorted(by_type.get(e, []))
        if not members:
            lines.append(f"typedef {C_PRIM[aliases[e]]} {e};")
            continue
        # In the flag families a negative i32 is a DWORD bit pattern; elsewhere (states,
        # CLUSPROP_TYPE_UNKNOWN) it is the -1 that clusapi.h writes.
        wide = [(v & 0xFFFFFFFF, n) for v, n, _ in members if (v < 0 and e in fams and e not in SIGNED_FAMILIES)
                or v > 0x7FFFFFFF]
        narrow = [(v, n) for v, n, _ in members if (v & 0xFFFFFFFF, n) not in wide]
        if wide and any(v < 0 for v, _ in narrow):
            die(f"enum {e} has values above INT_MAX and below 0: no 32-bit C++ enum holds both")
        body = [f"    {n} = {c_value(v, '') if v >= 0 else v}," for v, n in narrow]
        if wide:
            body += ["#ifdef __cplusplus"] + [f"    {n} = 0x{v:08X}u," for v, n in wide] + ["#endif"]
            wide_macros += [f"#define {n} 0x{v:08X}u" for v, n in wide]
        lines.append(f"typedef enum {e} {{\n" + "\n".join(body) + f"\n}} {e};")
    lines += [f"CLUSAPI_SIM_ASSERT_SIZE({e}, 4);" for e in enums]
    if wide_macros:
        lines += ["#ifndef __cplusplus"] + sorted(wide_macros) + ["#endif"]
    return lines


def c_struct_bodies(order, structs, unions, info):
    """The definitions of the structs `order`, by-value members first; a member of a union type
    named `Anonymous` (windows-sys's name for an anonymous union) becomes an anonymous union."""
    def field(n, ft, indent):
        if ft in unions:
            if n != "Anonymous":
                die(f"named union member {n}: {ft} (only anonymous unions are supported)")
            inner = [field(un, uft, indent + "    ") for un, uft in unions[ft]]
            return f"{indent}CLUSAPI_SIM_ANONYMOUS union {{\n" + "\n".join(inner) + f"\n{indent}}};"
        arr = re.fullmatch(r"\[(.*); (\d+)\]", ft)
        elem = "WCHAR " if arr and arr[1] == "u16" else c_decl(arr[1] if arr else ft, "", info)
        return f"{indent}{elem}{n}{f'[{arr[2]}]' if arr else ''};"
    return [f"struct _{s} {{\n" + "\n".join(field(n, ft, "    ") for n, ft in structs[s]) + "\n};"
            for s in order_structs(order, structs)]


def gen_resapi(fns, typedefs, fnptrs, aliases, structs, unions, consts, declared, local):
    """include/resapi.h: the resutils.dll prototypes, the function-pointer typedefs of those
    functions (PRESUTIL_*...), and the types they use that clusapi.h does not declare."""
    info = {"local": local, "used": set()}
    protos = [f"{c_type(ret, info) if ret != '()' else 'void'} WINAPI {f}({c_decls(ps, info)});"
              for f, (ps, ret) in sorted(fns.items())]
    fn_typedefs = sorted(set(typedefs.values()) - set(declared))
    info["used"].update(fn_typedefs)

    def pointer_typedef(t):
        ps, ret = fnptrs[t]
        params = c_decls(ps, info) + (", ..." if t in C_VARIADIC else "")
        return f"typedef {c_type(ret, info) if ret != '()' else 'void'} (WINAPI *{t})({params});"

    done, cbs, order = set(declared), {}, []
    while info["used"] - done:  # the closure of the types not in clusapi.h
        for t in sorted(info["used"] - done):
            done.add(t)
            if t in fnptrs:
                cbs[t] = pointer_typedef(t)
            elif t in structs:
                pending = list(structs[t])
                while pending:
                    n, ft = pending.pop()
                    if ft in unions:
                        pending += unions[ft]
                    else:
                        c_type(re.sub(r"^\[(.*); \d+\]$", r"\1", ft), info)
                order.append(t)
    new = done - set(declared)
    handles = sorted(t for t in new if aliases.get(t) == "isize")
    enums = sorted(t for t in new if aliases.get(t) in ("i32", "u32"))
    lines = ["/* Handles: pointers to distinct opaque structs, as in resapi.h. */"]
    lines += [f"typedef struct _{h} *{h};" for h in handles]
    lines += ["", "/* Enumerations. */"] + c_enums(enums, consts_by_type(consts), set(), aliases)
    lines += ["", f"/* Constants (values from {WSYS}). */"]
    lines += [f"#define {n} {c_value(v, sfx)}" for n, ty, v, sfx in sorted(consts)
              if ty in ("u32", "i32", "u64") and RESAPI_DEFINE_NAMES.match(n)]
    lines += ["", "/* Structures (each with its P* pointer type, as in resapi.h) and callbacks. */"]
    lines += [f"typedef struct _{s} {s}, *P{s};" for s in sorted(order)]
    lines += [cbs[t] for t in sorted(cbs) if t not in fn_typedefs]
    lines += c_struct_bodies(order, structs, unions, info)
    return template("resapi.h.in", {"@DONT_EDIT@": DONT_EDIT, "@WSYS@": WSYS, "@TYPES@": "\n".join(lines),
                                    "@PROTOTYPES@": "\n".join(protos),
                                    "@TYPEDEFS@": "\n".join(cbs[t] for t in fn_typedefs)})


def order_structs(order, structs, out=None):
    """Structs ordered so that a struct's by-value struct fields are defined before it."""
    out = [] if out is None else out
    for s in sorted(order):
        if s not in out:
            order_structs([ft for _, ft in structs[s] if ft in order], structs, out)
            out.append(s)
    return out


def fidelity_status(f, impl, partial, kinds, gated):
    if f in gated:
        return "left out", f"not exported: windows-sys gates it on {', '.join(gated[f])}, which Cargo.toml does not enable"
    if f in impl:
        return ("partial", partial[f]) if f in partial else ("implemented", "")
    return "not yet", f"returns {FAILS[kinds[f]] or 120}{', last error 120' * bool(FAILS[kinds[f]])}"


def gen_fidelity(by_dll, impl, partial, kinds, gated):
    fns = sorted(by_dll["clusapi.dll"]) + sorted(f for f in gated if f in DLL_OF and DLL_OF[f] == "clusapi.dll")
    rows, counts = [], {}
    for i, f in enumerate(sorted(fns), 1):
        tier = 1 if f in LISTS["tier1"] else 2 if f in LISTS["tier2"] else 3
        status, note = fidelity_status(f, impl, partial, kinds, gated)
        counts[(tier, status)] = counts.get((tier, status), 0) + 1
        rows.append(f"| {i} | `{f}` | {tier} | {status} | {note} |")
    done = lambda tier: sum(n for (t, st), n in counts.items() if t == tier and st in ("implemented", "partial"))
    summary = "Simulated (implemented or partial): " + ", ".join(
        f"tier {t}: {done(t)} of {sum(n for (tt, _), n in counts.items() if tt == t)}" for t in (1, 2, 3)) + "."
    table = [f"<!-- {DONT_EDIT} -->", "", summary, "", "| # | function | tier | status | notes |",
             "|---|---|---|---|---|"] + rows
    rfns = sorted(list(by_dll["resutils.dll"]) + [f for f in gated if DLL_OF.get(f) == "resutils.dll"])
    rrows = []
    for i, f in enumerate(rfns, 1):
        status, note = fidelity_status(f, impl, partial, kinds, gated)
        rrows.append(f"| {i} | `{f}` | {status} | {note} |")
    simulated = sum(f in impl for f in rfns)
    table += ["", "## resutils.dll", "",
              f"The {len(rfns)} `resutils.dll` functions that {WSYS} declares, exported the same way and declared",
              "in `include/resapi.h`. They are helpers for resource DLLs and for clients that parse property",
              "lists (reference §C.7); they have no tiers.", "",
              f"Simulated (implemented or partial): {simulated} of {len(rfns)}.", "",
              "| # | function | status | notes |", "|---|---|---|---|"] + rrows
    path = os.path.join(ROOT, "FIDELITY.md")
    heading = "## Deliberate differences from the real library"
    old = open(path).read() if os.path.exists(path) else ""
    placeholder = f"{heading}\n\n(maintained by hand below the generated table)\n"
    tail = old[old.index(heading):] if heading in old else placeholder
    table = "<!-- BEGIN GENERATED -->\n" + "\n".join(table) + "\n<!-- END GENERATED -->\n\n"
    return template("FIDELITY.head.md", {"@WSYS@": WSYS, "@N_CLUSAPI@": str(len(fns))}) + table + tail


def template(name, subst):
    text = open(os.path.join(ROOT, "tools/templates", name)).read()
    for key, value in subst.items():
        text = text.replace(key, value)
    return text


def rustfmt(rel, text):
    """`text` formatted as `cargo fmt` formats `rel` (the crate's rustfmt.toml, edition 2024);
    rustfmt leaves macro bodies alone, so this only orders imports and wraps items."""
    try:
        out = subprocess.run(["rustfmt", "--edition", "2024", "--emit", "stdout",
                              "--config-path", os.path.join(ROOT, "rustfmt.toml")],
                             input=text, capture_output=True, text=True, cwd=ROOT, check=True)
    except OSError as err:
        die(f"cannot run rustfmt for {rel} ({err}): install it with `rustup component add rustfmt`")
    except subprocess.CalledProcessError as err:
        die(f"rustfmt failed on the generated {rel}:\n{err.stderr}")
    return out.stdout


def render(rel, text):
    return rustfmt(rel, text) if rel.endswith(".rs") else text


def check(outputs):
    """Compares the generated files with those on disk; exits 1 listing those that differ."""
    stale = []
    for rel, text in outputs.items():
        path = os.path.join(ROOT, rel)
        on_disk = open(path).read() if os.path.exists(path) else None
        if on_disk != text:
            stale.append(rel)
            diff = difflib.unified_diff((on_disk or "").splitlines(True), text.splitlines(True),
                                        f"{rel} (on disk)", f"{rel} (generated)", n=1)
            sys.stderr.write("".join(list(diff)[:40]))
    if stale:
        sys.stderr.write(f"gen_win32_surface --check: {len(stale)} generated file(s) differ from what "
                         f"`python3 {THIS}` writes:\n" + "".join(f"  {rel}\n" for rel in stale))
        sys.exit(1)
    print(f"gen_win32_surface --check: all {len(outputs)} generated files are up to date ({WSYS})")


def write(rel, text):
    os.makedirs(os.path.dirname(os.path.join(ROOT, rel)), exist_ok=True)
    with open(os.path.join(ROOT, rel), "w") as fh:
        fh.write(text)
    print(f"wrote {rel}")


def main():
    global LISTS, DONT_EDIT, WSYS, DLL_OF
    args = sys.argv[1:]
    checking = "--check" in args
    args = [a for a in args if a != "--check"]
    if len(args) > 1 or any(a.startswith("-") for a in args):
        die(f"usage: python3 {THIS} [--check] [path/to/windows-sys-X.Y.Z]")
    LISTS = read_lists()
    mod_rs, version = find_mod_rs(args[0] if args else None)
    WSYS = f"windows-sys {version}"
    DONT_EDIT = f"Generated from {WSYS}; do not edit. Regenerate: `python3 {THIS}`"
    win32_dir = os.path.dirname(os.path.dirname(os.path.dirname(mod_rs)))
    foundation = "".join(open(os.path.join(win32_dir, p)).read() for p in ("Foundation/mod.rs", "System/Rpc/mod.rs"))
    by_dll, gates, fnptrs, aliases, structs, unions, consts = parse(open(mod_rs).read())
    DLL_OF = {f: dll for dll, fns in by_dll.items() for f in fns}
    # Functions gated on windows-sys features the crate does not enable are left out.
    features = enabled_features()
    gated = {f: [g for g in gates[f] if g not in features] for f in DLL_OF if set(gates[f]) - features}
    by_dll = {dll: {f: v for f, v in fns.items() if f not in gated} for dll, fns in by_dll.items()}
    fns = {f: v for dll_fns in by_dll.values() for f, v in dll_fns.items()}
    kinds = {f: failure_kind(f, ret, aliases) for f, (ps, ret) in fns.items()}
    exports, partial = implemented_exports(), read_partial()
    impl = {f for f in exports if f in fns}
    log = (lambda *a: print(*a, file=sys.stderr)) if checking else print
    for f in sorted(set(exports) - impl):
        what = "a function windows-sys gates on a feature Cargo.toml does not enable" if f in gated else \
            f"not a {' or '.join(DLLS)} function"
        log(f"note: {exports[f]} exports {f}, which is {what} (ignored)")
    for f in sorted(set(partial) - impl):
        log(f"warning: tools/partial.txt lists {f}, which no src/win32 file implements (shown as not yet)")
    local = set(aliases) | set(structs) | set(fnptrs)
    stubs, typedefs, fuzzy = {}, {}, {}
    for dll, dll_fns in by_dll.items():
        stubs[dll] = sorted(set(dll_fns) - impl)
        typedefs[dll], fuzzy[dll] = map_typedefs(dll_fns, fnptrs, aliases, dll)
    clusapi_h, declared = gen_header(by_dll["clusapi.dll"], fnptrs, aliases, structs, consts, foundation, local)
    outputs = {rel: gen_stubs(stubs[dll], fns, kinds, local, dll) for dll, rel in STUB_FILES.items()}
    outputs.update({
        "tests/win32_parity.rs": gen_parity(by_dll, typedefs, local),
        "include/clusapi.h": clusapi_h,
        "include/resapi.h": gen_resapi(by_dll["resutils.dll"], typedefs["resutils.dll"], fnptrs, aliases, structs,
                                       unions, consts, declared, local),
        "FIDELITY.md": gen_fidelity(by_dll, impl, partial, kinds, gated),
    })
    outputs = {rel: render(rel, text) for rel, text in outputs.items()}
    if checking:
        check(outputs)
        return
    for rel, text in outputs.items():
        write(rel, text)
    for dll, dll_fns in by_dll.items():
        dll_stubs = stubs[dll]
        left_out = sorted(f for f in gated if DLL_OF[f] == dll)
        print(f"{dll}: {len(dll_fns)} functions, {len(dll_fns) - len(dll_stubs)} implemented, {len(dll_stubs)} stubs:",
              ", ".join(f"{k} {n}" for k in FAIL_DOC if (n := sum(kinds[f] == k for f in dll_stubs))))
        if left_out:
            print(f"  {len(left_out)} left out (gated on windows-sys features Cargo.toml does not enable):",
                  " ".join(f"{f} ({', '.join(gated[f])})" for f in left_out))
        print(f"  {len(typedefs[dll])} coerce to a function-pointer typedef; matched by signature and similar name:")
        for f, t, score in fuzzy[dll]:
            print(f"    {f} -> {t} ({score:.2f})")
        print(f"  {len(dll_fns) - len(typedefs[dll])} without a typedef:",
              " ".join(sorted(set(dll_fns) - set(typedefs[dll]))))


if __name__ == "__main__":
    main()
