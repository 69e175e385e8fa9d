#!/usr/bin/env python3
"""Generate the Win32 surface of clusapi-sim from windows-sys.

Reads windows-sys's Win32/Networking/Clustering/mod.rs (the 280 `clusapi.dll` functions, the
PCLUSAPI_* typedefs, structs, enums, constants) and writes, relative to the repository root:

  src/win32/not_implemented.rs  a `not_implemented!` stub for every function that no other
                                src/win32/*.rs file exports yet
  tests/win32_parity.rs         compile-time coercion of all 280 exports to windows-sys's types
  include/clusapi.h             C11 / C++17 header: types, constants, prototypes of all 280
  FIDELITY.md                   the fidelity table (hand-written text below the table is kept)

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

C_PRIM = {"u8": "BYTE", "u16": "WORD", "u32": "DWORD", "i32": "LONG", "u64": "ULONGLONG", "i64": "LONGLONG",
          "usize": "DWORD_PTR", "isize": "LONG_PTR", "bool": "BOOLEAN", "core::ffi::c_void": "void"}
# Types from outside the module, by last path segment: C name, and what the compiler sees.
C_EXT = {"PCWSTR": "LPCWSTR", "PWSTR": "LPWSTR", "BOOL": "BOOL", "HRESULT": "HRESULT", "GUID": "GUID", "HKEY": "HKEY",
         "HANDLE": "HANDLE", "FILETIME": "FILETIME", "SECURITY_ATTRIBUTES": "SECURITY_ATTRIBUTES",
         "PSECURITY_DESCRIPTOR": "PSECURITY_DESCRIPTOR", "OBJECT_SECURITY_INFORMATION": "SECURITY_INFORMATION"}
EXT_ALIASES = {"BOOL": "i32", "HRESULT": "i32", "HKEY": "*mut core::ffi::c_void", "HANDLE": "*mut core::ffi::c_void",
               "PSECURITY_DESCRIPTOR": "*mut core::ffi::c_void", "OBJECT_SECURITY_INFORMATION": "u32"}
# Failure kinds of the `not_implemented!` stubs: the value returned (None: the error code itself).
FAILS = {"Code": None, "Handle": "a NULL handle", "Bool": "FALSE", "NullPtr": "NULL",
         "StateUnknown": "the `StateUnknown` value (-1)", "Zero": "0"}
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
    fns = {m[1]: (parse_params(m[2]), norm(m[3]))
           for m in re.finditer(r'link!\("clusapi\.dll" "system" fn (\w+)\((.*?)\)(?: -> (.*?))?\);', src)}
    fnptrs = {m[1]: (parse_params(m[2]), norm(m[3])) for m in re.finditer(
        r'pub type (\w+) = Option<unsafe extern "system" fn\((.*?)\)(?: -> (.*?))?>;', src)}
    aliases = {m[1]: norm(m[2]) for m in re.finditer(r"^pub type (\w+) = (?!Option<)(.*?);$", src, re.M)}
    structs = {m[1]: re.findall(r"^\s+pub (\w+): (.*),$", m[2], re.M)
               for m in re.finditer(r"^pub struct (\w+) \{\n(.*?)^\}", src, re.M | re.S)}
    consts = [(m[1], m[2], int(m[3]), m[4]) for m in re.finditer(
        r"^pub const (\w+): (\w+) = (-?\d+)([iu]\d+|[iu]size);$", src, re.M)]
    if len(fns) != 280:
        die(f"expected 280 clusapi.dll functions, parsed {len(fns)}")
    return fns, fnptrs, aliases, structs, consts


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
    if ret == "windows_sys::core::BOOL":
        return "Bool"
    if ret.endswith("Registry::HKEY") or ret.startswith("*mut "):
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
    """Exported functions of src/win32 (not_implemented.rs aside): `pub unsafe extern "system" fn
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
        if os.path.basename(rel) == "not_implemented.rs":
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


def map_typedefs(fns, fnptrs, aliases):
    """Function -> PCLUSAPI_* typedef: the UPPER_SNAKE name if the signature matches, else the most
    similar name among the unused typedefs with the same signature, preferring the same type names
    over types that are merely the same to the compiler (HGROUP and HGROUPSET are both isize)."""
    tds = {t: v for t, v in fnptrs.items() if t.startswith("PCLUSAPI_")}
    spelled = lambda ps, ret: (tuple(t for _, t in ps), ret)
    found, fuzzy = {}, []
    for f, (ps, ret) in fns.items():
        t = "PCLUSAPI_" + re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", f).upper()
        if t in tds and spelled(*tds[t]) == spelled(ps, ret):
            found[f] = t
    key = lambda s: s.replace("_", "").upper()
    cands = sorted(((spelled(*tds[t]) == spelled(ps, ret), difflib.SequenceMatcher(None, key(f), key(t[9:])).ratio(),
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


def gen_stubs(stubs, fns, kinds, local):
    body, imports = [], set()
    for f in stubs:
        ps, ret = fns[f]
        args = ", ".join(f"{n}: {rust_short(t, local, imports)}" for n, t in ps)
        body += ["not_implemented! {",
                 f"    /// `{f}` (clusapi.dll). Not simulated yet: {FAIL_DOC[kinds[f]]}.",
                 f"    fn {f}({args}) -> {rust_short(ret, local, imports)} = Failure::{kinds[f]};", "}"]
    return template("not_implemented.rs.in", {"@DONT_EDIT@": DONT_EDIT, "@USES@": "\n".join(use_lines(imports)),
                                              "@STUBS@": "\n".join(body)})


def gen_parity(fns, typedefs, local):
    def qual(t):
        return IDENT.sub(lambda m: f"cl::{m[0]}" if m[0] in local else m[0], t)
    typed = [f"        cl::{typedefs[f]} => {f}," for f in sorted(typedefs)]
    pointer = lambda ps, ret: f"Option<unsafe extern \"system\" fn({', '.join(qual(t) for _, t in ps)}) -> {qual(ret)}>"
    untyped = [f"        {pointer(*fns[f])} => {f}," for f in sorted(set(fns) - set(typedefs))]
    subst = {"@DONT_EDIT@": DONT_EDIT, "@WSYS@": WSYS, "@WITH_TYPEDEF@": str(len(typed)), "@WITHOUT_TYPEDEF@": str(len(untyped)),
             "@ALL@": str(len(fns)), "@TYPED@": "\n".join(typed), "@UNTYPED@": "\n".join(untyped),
             "@NAMES@": "\n".join(f"        {f}," for f in sorted(fns))}
    return template("win32_parity.rs.in", subst)


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
    by_type = {}
    for name, ty, v, suffix in consts:
        by_type.setdefault(ty, []).append((v, name, suffix))
    fams = {t for t in by_type if DEFINE_TYPES.fullmatch(t)}
    enums = sorted(t for t in done | fams if aliases.get(t) in ("i32", "u32"))
    lines = ["/* Handles: pointers to distinct opaque structs, as in clusapi.h. */"]
    lines += [f"typedef struct _{h} *{h};" for h in handles]
    lines += ["", "/* Enumerations, declared as clusapi.h declares them. Enumerators above INT_MAX (flag",
              " * bits 0x80000000 and up) are enumerators in C++ and macros in C, where an enumerator",
              " * must fit an int (C11 6.7.2.2); either way their type is 32-bit and unsigned. */"]
    wide_macros = []
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
    lines += ["", f"/* Constants (values from {WSYS}). */"]
    lines += [f"#define {n} {c_value(v, sfx)}" for n, ty, v, sfx in sorted(consts)
              if ty in ("u32", "i32", "u64") and DEFINE_NAMES.match(n)]
    info["used"].update(EXTRA_STRUCTS)
    order += [t for t in EXTRA_STRUCTS if t not in order]
    lines += ["", "/* Structures (each with its P* pointer type, as in clusapi.h) and callbacks. */"]
    lines += [f"typedef struct _{s} {s}, *P{s}{', *LP' + s if s in LP_STRUCTS else ''};" for s in sorted(order)]
    lines += cbs
    for s in order_structs(order, structs):
        fields = []
        for n, ft in structs[s]:
            arr = re.fullmatch(r"\[(.*); (\d+)\]", ft)
            elem = "WCHAR " if arr and arr[1] == "u16" else c_decl(arr[1] if arr else ft, "", info)
            fields.append(f"    {elem}{n}{f'[{arr[2]}]' if arr else ''};")
        lines.append(f"struct _{s} {{\n" + "\n".join(fields) + "\n};")
    value = lambda e: (re.search(rf"^pub const {e}: \w+ = (\d+)[iu]32;$", foundation_src, re.M) or die(e))[1]
    errs = [f"#ifndef {e}\n#define {e} {value(e)}\n#endif" for e in LISTS["errors"]]
    return template("clusapi.h.in", {"@DONT_EDIT@": DONT_EDIT, "@WSYS@": WSYS, "@ERRORS@": "\n".join(errs),
                                     "@TYPES@": "\n".join(lines), "@PROTOTYPES@": "\n".join(protos)})


def order_structs(order, structs, out=None):
    """Structs ordered so that a struct's by-value struct fields are defined before it."""
    out = [] if out is None else out
    for s in sorted(order):
        if s not in out:
            order_structs([ft for _, ft in structs[s] if ft in order], structs, out)
            out.append(s)
    return out


def gen_fidelity(fns, impl, partial, kinds):
    rows, counts = [], {}
    for i, f in enumerate(sorted(fns), 1):
        tier = 1 if f in LISTS["tier1"] else 2 if f in LISTS["tier2"] else 3
        if f in impl:
            status, note = ("partial", partial[f]) if f in partial else ("implemented", "")
        else:
            status, note = "not yet", f"returns {FAILS[kinds[f]] or 120}{', last error 120' * bool(FAILS[kinds[f]])}"
        counts[(tier, status)] = counts.get((tier, status), 0) + 1
        rows.append(f"| {i} | `{f}` | {tier} | {status} | {note} |")
    done = lambda tier: sum(n for (t, st), n in counts.items() if t == tier and st != "not yet")
    summary = "Simulated (implemented or partial): " + ", ".join(
        f"tier {t}: {done(t)} of {sum(n for (tt, _), n in counts.items() if tt == t)}" for t in (1, 2, 3)) + "."
    table = [f"<!-- {DONT_EDIT} -->", "", summary, "", "| # | function | tier | status | notes |",
             "|---|---|---|---|---|"] + rows
    path = os.path.join(ROOT, "FIDELITY.md")
    heading = "## Deliberate differences from the real library"
    old = open(path).read() if os.path.exists(path) else ""
    placeholder = f"{heading}\n\n(maintained by hand below the generated table)\n"
    tail = old[old.index(heading):] if heading in old else placeholder
    table = "<!-- BEGIN GENERATED -->\n" + "\n".join(table) + "\n<!-- END GENERATED -->\n\n"
    return template("FIDELITY.head.md", {"@WSYS@": WSYS}) + table + tail


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
    global LISTS, DONT_EDIT, WSYS
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
    fns, fnptrs, aliases, structs, consts = parse(open(mod_rs).read())
    kinds = {f: failure_kind(f, ret, aliases) for f, (ps, ret) in fns.items()}
    exports, partial = implemented_exports(), read_partial()
    impl = {f for f in exports if f in fns}
    log = (lambda *a: print(*a, file=sys.stderr)) if checking else print
    for f in sorted(set(exports) - impl):
        log(f"note: {exports[f]} exports {f}, which is not a clusapi.dll function (ignored)")
    for f in sorted(set(partial) - impl):
        log(f"warning: tools/partial.txt lists {f}, which no src/win32 file implements (shown as not yet)")
    stubs = sorted(set(fns) - impl)
    typedefs, fuzzy = map_typedefs(fns, fnptrs, aliases)
    local = set(aliases) | set(structs) | set(fnptrs)
    outputs = {
        "src/win32/not_implemented.rs": gen_stubs(stubs, fns, kinds, local),
        "tests/win32_parity.rs": gen_parity(fns, typedefs, local),
        "include/clusapi.h": gen_header(fns, fnptrs, aliases, structs, consts, foundation, local),
        "FIDELITY.md": gen_fidelity(fns, impl, partial, kinds),
    }
    outputs = {rel: render(rel, text) for rel, text in outputs.items()}
    if checking:
        check(outputs)
        return
    for rel, text in outputs.items():
        write(rel, text)
    print(f"{len(impl)} implemented, {len(stubs)} stubs:",
          ", ".join(f"{k} {sum(kinds[f] == k for f in stubs)}" for k in FAIL_DOC))
    print(f"{len(typedefs)} functions coerce to a PCLUSAPI_* typedef; matched by signature and similar name:")
    for f, t, score in fuzzy:
        print(f"  {f} -> {t} ({score:.2f})")
    print(f"{len(fns) - len(typedefs)} without a typedef:", " ".join(sorted(set(fns) - set(typedefs))))


if __name__ == "__main__":
    main()
