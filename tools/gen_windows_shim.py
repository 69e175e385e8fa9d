#!/usr/bin/env python3
"""Generate the `windows`-crate shim (shims/windows/) from windows-sys.

Reads windows-sys's Win32/Networking/Clustering/mod.rs and Win32/Foundation/mod.rs (the version
Cargo.lock locks for the root crate, from `$CARGO_HOME/registry/src/*/windows-sys-<version>/`;
`cargo fetch` puts it there) and shims/windows/shapes.txt, and writes:

  shims/windows/src/Win32/Networking/Clustering.rs   the module, in the `windows` crate's shapes
  shims/windows/src/Win32/Foundation/constants.rs    its WIN32_ERROR, HRESULT, NTSTATUS and BOOL constants

The shape rules, which turn a windows-sys declaration into the `windows` crate's form:

  * `pub type X = <integer>;` (handles and enumerations) becomes a `#[repr(transparent)]`
    newtype `pub struct X(pub <integer>);`, and a constant of such a type `X(value)`.
  * Function-pointer typedefs, structures and unions keep their fields, with every type mapped;
    structures and unions get a zeroing `Default`, and `Debug` and `PartialEq` unless a union
    is in them (a union has neither).
  * `windows_sys::core::{PCWSTR, PWSTR, BOOL, GUID, ...}` become `windows::core`'s newtypes, and
    `super::super::Foundation::HANDLE` and the like `windows::Win32::...` ones.
  * Each function becomes an `#[inline] pub unsafe fn` that calls the simulator's export of the
    same name (declared in a private `extern "system"` block with the same newtypes, which have
    the layout of the windows-sys types), where
      - a `PCWSTR` or `PCSTR` parameter is generic, `P<n>: Param<PCWSTR>` (so `w!("..")`,
        `PCWSTR::null()` and `&HSTRING` all pass);
      - a by-value `BOOL` parameter takes a `bool`;
      - a pointer listed as `array P N` in shapes.txt takes a slice (`&[T]`, `&mut [T]` for a
        `*mut T`), and its count parameter `N` is dropped (the call passes the slice's length);
      - a parameter listed as optional in shapes.txt takes `Option<T>` (`None` passes NULL or 0);
      - a function listed as `result` in shapes.txt returns `Result<()>` for a BOOL (FALSE gives
        `Error::from_thread()`) or `Result<HKEY>` for a key (NULL gives `Error::from_thread()`).
    shapes.txt holds the facts windows-sys does not carry: which parameters the Win32 metadata
    marks `[Optional]`, which pointers it gives a count parameter (`[NativeArrayInfo]`), and
    which functions it marks `[SetLastError]` with a return the `windows` crate turns into a
    `Result`. It is data, one line a function; no code of the `windows` crate is used.

Usage: python3 tools/gen_windows_shim.py [--check] [--compare [path/to/windows-0.62.x]]

--check writes nothing and exits 1, naming the files that differ, when a generated file on disk
is not what the generator would write (CI runs it). The output is formatted with rustfmt.

--compare reads the real `windows` crate's Clustering module (by default the newest
windows-0.62.* in the cargo registry, present there if any build fetched it) and exits 1 unless
every function's signature (parameter names and types, generic bounds, return type) and every
constant's type is the same in the shim, after mapping `windows_core::` to `crate::core::`. It
prints `SKIPPED` and exits 0 when no such crate is at hand. The COM interfaces of the module
(`ISCluster`...) are not compared: the shim has none.
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIM = os.path.join(ROOT, "shims", "windows")
THIS = "tools/gen_windows_shim.py"
PRIMS = {"i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "isize", "usize"}


def die(msg):
    sys.exit(f"gen_windows_shim: error: {msg}")


def windows_sys_dir():
    """The sources of the windows-sys version Cargo.lock locks for the root crate (a lock file
    names the dependency `windows-sys` when one version is locked, `windows-sys X.Y.Z` when
    several are)."""
    lock = open(os.path.join(ROOT, "Cargo.lock")).read()
    versions = re.findall(r'\[\[package\]\]\nname = "windows-sys"\nversion = "([^"]+)"', lock)
    root = re.search(r'\[\[package\]\]\nname = "clusapi-sim"\nversion = "[^"]+"\ndependencies = \[(.*?)\]', lock, re.S)
    named = re.findall(r'"windows-sys(?: ([^"]+))?"', root[1]) if root else []
    if not named:
        die("Cargo.lock has no windows-sys dependency of clusapi-sim")
    version = named[0] or (versions[0] if len(versions) == 1 else None)
    if version is None:
        die(f"Cargo.lock locks several windows-sys versions ({versions}) and names none for clusapi-sim")
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    found = glob.glob(os.path.join(home, "registry", "src", "*", f"windows-sys-{version}"))
    if not found:
        die(f"windows-sys {version} is not in {home}/registry/src: run `cargo fetch`")
    return found[0], version


def map_type(text):
    """A windows-sys type (or expression) in the shim's terms."""
    text = re.sub(r"\bwindows_sys::core::(w|s)!", r"crate::\1!", text)
    text = re.sub(r"\bwindows_sys::core::", "crate::core::", text)
    text = re.sub(r"\bsuper::super::(\w+(?:::\w+)*)::\s*(\w+)", r"crate::Win32::\1::\2", text)
    return text


def split_params(params):
    """`a : T, b : U` (windows_link::link! syntax) as [(name, type)], at top-level commas."""
    out, depth, cur = [], 0, ""
    for ch in params:
        if ch in "(<[":
            depth += 1
        elif ch in ")>]":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur)
    result = []
    for p in out:
        name, _, ty = p.partition(":")
        result.append((name.strip(), " ".join(ty.split())))
    return result


def items(src):
    """The top-level items of a windows-sys module, cfg attributes dropped: (kind, name, text)."""
    lines = src.splitlines()
    i, pending = 0, []
    while i < len(lines):
        line = lines[i]
        if line.startswith("#[cfg("):
            i += 1
            continue
        if line.startswith("#["):
            pending.append(line)
            i += 1
            continue
        if line.startswith("windows_link::link!"):
            yield "fn", None, line
        elif line.startswith("pub type "):
            yield "type", re.match(r"pub type (\w+)", line)[1], line
        elif line.startswith("pub const "):
            yield "const", re.match(r"pub const (\w+)", line)[1], line
        elif line.startswith(("pub struct ", "pub union ", "impl ")):
            body = [line]
            while not lines[i].startswith("}") and not line.endswith("}"):
                i += 1
                body.append(lines[i])
            kind = line.split()[1] if not line.startswith("impl") else "impl"
            name = re.match(r"(?:pub (?:struct|union)|impl \w+ for) (\w+)", line)[1]
            yield kind, name, (pending, body)
        elif line.strip():
            die(f"unknown item: {line[:80]}")
        pending = []
        i += 1


def load_shapes():
    shapes = {}
    for line in open(os.path.join(SHIM, "shapes.txt")):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, rest = line.partition(":")
        entry = {"optional": set(), "array": {}, "result": False}
        for part in rest.split(";"):
            words = part.split()
            if words[:1] == ["optional"]:
                entry["optional"].update(words[1:])
            elif words[:1] == ["array"] and len(words) == 3:
                entry["array"][words[1]] = words[2]
            elif words == ["result"]:
                entry["result"] = True
            elif words:
                die(f"shapes.txt: unknown shape {part!r} of {name}")
        shapes[name.strip()] = entry
    return shapes


def gen_clustering(src, shapes, version):
    newtypes, unions, structs, out, abi, fns = {}, set(), {}, [], [], []
    parsed = list(items(src))
    for kind, name, text in parsed:
        if kind == "type" and not text.rstrip(";").split("=", 1)[1].strip().startswith("Option<"):
            newtypes[name] = text.rstrip(";").split("=", 1)[1].strip()
        elif kind == "union":
            unions.add(name)
        elif kind == "struct":
            structs[name] = text[1]

    def has_union(name, seen=()):
        if name in unions:
            return True
        body = structs.get(name)
        if body is None or name in seen:
            return False
        return any(has_union(t, seen + (name,)) for t in re.findall(r"\b[A-Z]\w*\b", " ".join(body[1:])))

    used = set()
    for kind, name, text in parsed:
        if kind == "type":
            rhs = text.rstrip(";").split("=", 1)[1].strip()
            if name in newtypes:
                out.append("#[repr(transparent)]\n#[derive(Clone, Copy, Debug, Default, Eq, PartialEq, Hash)]\n"
                           f"pub struct {name}(pub {rhs});")
            else:
                out.append(f"pub type {name} = {map_type(rhs)};")
        elif kind == "const":
            m = re.match(r"pub const (\w+): ([^=]+) = (.*);$", text)
            cname, ty, value = m[1], m[2].strip(), m[3]
            if ty in newtypes:
                value = f"{ty}({value})"
            out.append(f"pub const {cname}: {map_type(ty)} = {map_type(value)};")
        elif kind in ("struct", "union"):
            attrs, body = text
            derives = "Clone, Copy" if has_union(name) else "Clone, Copy, Debug, PartialEq"
            attrs = [a for a in attrs if not a.startswith("#[derive")] + [f"#[derive({derives})]"]
            out.append("\n".join(attrs + [map_type(b) for b in body]))
        elif kind == "impl":
            out.append("\n".join(text[1]))
        elif kind == "fn":
            m = re.match(r'windows_link::link!\("([\w.]+)" "system" fn (\w+)\((.*)\)(?: -> (.*?))?\);$', text)
            dll, fname, params, ret = m[1], m[2], split_params(m[3]), m[4]
            used.add(fname)
            shape = shapes.get(fname, {"optional": set(), "array": {}, "result": False})
            unknown = (shape["optional"] | set(shape["array"]) | set(shape["array"].values())) - {p for p, _ in params}
            if unknown:
                die(f"shapes.txt: {fname} has no parameter {', '.join(sorted(unknown))}")
            ret_ty = map_type(ret) if ret else None
            abi.append(f"pub(super) fn {fname}({', '.join(f'{p}: {map_type(t)}' for p, t in params)})"
                       + (f" -> {ret_ty}" if ret_ty else "") + ";")
            generics, sig, call, where = [], [], [], []
            counts = {n: a for a, n in shape["array"].items()}
            types = {p: map_type(t) for p, t in params}
            for i, (p, t) in enumerate(params):
                ty = map_type(t)
                if p in counts:
                    array = counts[p]
                    length = (f"{array}.map_or(0, |s| s.len())" if array in shape["optional"] else f"{array}.len()")
                    call.append(f"{length}.try_into().unwrap()")
                elif p in shape["array"]:
                    m = re.fullmatch(r"\*(const|mut) (.*)", ty)
                    if not m:
                        die(f"shapes.txt: array {p} of {fname} is not a pointer ({ty})")
                    mutable = m[1] == "mut"
                    slice = f"&{'mut ' if mutable else ''}[{m[2]}]"
                    ptr = "as_mut_ptr" if mutable else "as_ptr"
                    if p in shape["optional"]:
                        sig.append(f"{p}: Option<{slice}>")
                        null = "core::ptr::null_mut()" if mutable else "core::ptr::null()"
                        call.append(f"{p}.map_or({null}, |s| s.{ptr}())")
                    else:
                        sig.append(f"{p}: {slice}")
                        call.append(f"{p}.{ptr}()")
                elif ty == "crate::core::BOOL":
                    sig.append(f"{p}: bool")
                    call.append(f"{p}.into()")
                elif ty in ("crate::core::PCWSTR", "crate::core::PCSTR"):
                    generics.append(f"P{i}")
                    where.append(f"P{i}: crate::core::Param<{ty}>")
                    sig.append(f"{p}: P{i}")
                    call.append(f"{p}.param().abi()")
                elif p in shape["optional"]:
                    sig.append(f"{p}: Option<{ty}>")
                    call.append(f"{p}.unwrap_or(core::mem::zeroed())")
                else:
                    sig.append(f"{p}: {ty}")
                    call.append(p)
            body = f"abi::{fname}({', '.join(call)})"
            if shape["result"] and ret_ty == "crate::core::BOOL":
                out_ret, body = "crate::core::Result<()>", f"{body}.ok()"
            elif shape["result"] and ret_ty and ret_ty.endswith("HKEY"):
                out_ret = f"crate::core::Result<{ret_ty}>"
                body = (f"let key = {body}; if key.is_invalid() {{ Err(crate::core::Error::from_thread()) }} "
                        "else { Ok(key) }")
            elif shape["result"]:
                die(f"shapes.txt: {fname} returns {ret}, which has no Result shape")
            else:
                out_ret = ret_ty
            fns.append(f"/// `{fname}` ({dll}).\n#[inline]\npub unsafe fn {fname}"
                       + (f"<{', '.join(generics)}>" if generics else "")
                       + f"({', '.join(sig)})" + (f" -> {out_ret}" if out_ret else "")
                       + (f" where {', '.join(where)}" if where else "")
                       + f" {{ unsafe {{ {body} }} }}")
    stale = set(shapes) - used
    if stale:
        die(f"shapes.txt names functions windows-sys lacks: {', '.join(sorted(stale))}")
    head = (f"// @generated by {THIS} from windows-sys {version} (Win32/Networking/Clustering) and\n"
            "// shims/windows/shapes.txt. Do not edit: change the generator or shapes.txt and re-run it.\n"
            "//! `Win32::Networking::Clustering` in the `windows` crate's shapes, calling the simulator's\n"
            f"//! exports: {len(fns)} functions, with their handle and enumeration newtypes, structures,\n"
            "//! function-pointer types and constants.\n"
            "#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals, missing_docs, unpredictable_function_pointer_comparisons)]\n"
            "#![allow(clippy::all)]\n")
    abi_block = "mod abi {\n#[allow(unused_imports)] use super::*;\nunsafe extern \"system\" {\n" + "\n".join(abi) + "\n}\n}\n"
    return head + "\n".join(fns) + "\n" + abi_block + "\n".join(out) + "\n"


def gen_constants(src, version):
    """The Foundation constants of the newtype kinds (WIN32_ERROR, HRESULT, NTSTATUS, BOOL) and
    INVALID_HANDLE_VALUE, as newtype values."""
    kinds = {"WIN32_ERROR": "WIN32_ERROR", "NTSTATUS": "NTSTATUS", "windows_sys::core::HRESULT": "crate::core::HRESULT",
             "windows_sys::core::BOOL": "crate::core::BOOL"}
    lines, counts = [], {}
    for name, ty, value in re.findall(r"^pub const (\w+): ([\w:]+) = (.+);$", src, re.M):
        if ty in kinds or name == "INVALID_HANDLE_VALUE":
            shim = kinds.get(ty, ty)
            lines.append(f"pub const {name}: {shim} = {shim}({value});")
            counts[shim.rsplit("::", 1)[-1]] = counts.get(shim.rsplit("::", 1)[-1], 0) + 1
    if counts.get("WIN32_ERROR", 0) < 1000:
        die(f"only {counts.get('WIN32_ERROR', 0)} WIN32_ERROR constants in windows-sys's Foundation")
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    return (f"// @generated by {THIS} from windows-sys {version} (Win32/Foundation). Do not edit.\n"
            "//! The constants of `Win32::Foundation` of the newtype kinds, as `windows`-crate values:\n"
            f"//! {summary}.\n"
            "#![allow(missing_docs, non_upper_case_globals, overflowing_literals)]\n"
            "use super::{HANDLE, NTSTATUS, WIN32_ERROR};\n" + "\n".join(lines) + "\n")


def rustfmt(text):
    done = subprocess.run(["rustfmt", "--edition", "2024", "--config-path", os.path.join(ROOT, "rustfmt.toml")],
                          input=text, capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        die(f"rustfmt failed:\n{done.stderr[:2000]}")
    return done.stdout


def signatures(text, core, win32):
    """`name -> normalized signature` of the `pub unsafe fn`s of a module, with generic
    parameters replaced by their bounds, and `name -> type` of its constants."""
    fns = {}
    for m in re.finditer(r"^pub unsafe fn (\w+)(?:<[^>]*>)?\((.*?)\)(?: -> ([^{\n]*?))?\s*(where\s.*?)?\{", text, re.M | re.S):
        name, params, ret, where = m[1], m[2], (m[3] or "").strip(), m[4] or ""
        sig = params.strip().rstrip(",") + " -> " + ret
        for generic, bound in re.findall(r"(P\d+):\s*([^,]+?),?\s*(?=P\d+:|$)", where[len("where"):].strip()):
            sig = re.sub(rf"\b{generic}\b", "impl " + bound.strip(), sig)
        fns[name] = re.sub(r"\s+", "", sig.replace(core, "C::").replace(win32, "W::"))
    consts = {n: re.sub(r"\s+", "", t.replace(core, "C::")) for n, t in re.findall(r"^pub const (\w+): ([^=]+?) =", text, re.M)}
    return fns, consts


def compare(path):
    if path is None:
        home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
        found = sorted(glob.glob(os.path.join(home, "registry", "src", "*", "windows-0.62.*")),
                       key=lambda p: [int(x) for x in re.findall(r"\d+", os.path.basename(p))])
        if not found:
            print("SKIPPED: no windows-0.62.* sources in the cargo registry to compare with")
            return
        path = found[-1]
    real = open(os.path.join(path, "src", "Windows", "Win32", "Networking", "Clustering", "mod.rs")).read()
    ours = open(os.path.join(SHIM, "src", "Win32", "Networking", "Clustering.rs")).read()
    (rf, rc), (of, oc) = signatures(real, "windows_core::", "super::super::"), signatures(ours, "crate::core::", "crate::Win32::")
    problems = [f"{n}: missing" for n in sorted(set(rf) - set(of))]
    problems += [f"{n}: not in the windows crate" for n in sorted(set(of) - set(rf))]
    problems += [f"{n}:\n  windows: {rf[n]}\n  shim:    {of[n]}" for n in sorted(rf) if n in of and rf[n] != of[n]]
    problems += [f"const {n}: {rc.get(n)} vs {oc.get(n)}" for n in sorted(set(rc) | set(oc)) if rc.get(n) != oc.get(n)]
    # The Foundation constants the shim has: the same type and value as the windows crate's.
    real_f = open(os.path.join(path, "src", "Windows", "Win32", "Foundation", "mod.rs")).read()
    ours_f = open(os.path.join(SHIM, "src", "Win32", "Foundation", "constants.rs")).read()
    norm = lambda t: re.sub(r"\s+", "", t.replace("windows_core::", "C::").replace("crate::core::", "C::"))
    consts_of = lambda text: {n: norm(d) for n, d in re.findall(r"^pub const (\w+): (.+?);$", text, re.M | re.S)}
    real_consts, ours_consts = consts_of(real_f), consts_of(ours_f)
    problems += [f"Foundation {n}: {real_consts.get(n)} vs {d}" for n, d in sorted(ours_consts.items()) if real_consts.get(n) != d]
    if problems:
        sys.exit(f"gen_windows_shim: {len(problems)} differences from {path}:\n" + "\n".join(problems[:50]))
    print(f"the shim matches {os.path.basename(path)}: {len(rf)} Clustering function signatures, {len(rc)} Clustering "
          f"constant types, {len(ours_consts)} Foundation constants (type and value)")


def main():
    args = sys.argv[1:]
    if "--compare" in args:
        rest = args[args.index("--compare") + 1:]
        return compare(rest[0] if rest and not rest[0].startswith("--") else None)
    check = "--check" in args
    wsys, version = windows_sys_dir()
    win32 = os.path.join(wsys, "src", "Windows", "Win32")
    files = {
        "src/Win32/Networking/Clustering.rs": gen_clustering(
            open(os.path.join(win32, "Networking", "Clustering", "mod.rs")).read(), load_shapes(), version),
        "src/Win32/Foundation/constants.rs": gen_constants(
            open(os.path.join(win32, "Foundation", "mod.rs")).read(), version),
    }
    differ = []
    for rel, text in files.items():
        text = rustfmt(text)
        path = os.path.join(SHIM, rel)
        old = open(path).read() if os.path.isfile(path) else None
        if old == text:
            continue
        if check:
            differ.append(f"shims/windows/{rel}")
        else:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").write(text)
            print(f"wrote shims/windows/{rel}")
    if differ:
        sys.exit(f"gen_windows_shim: out of date (re-run {THIS}): {', '.join(differ)}")


if __name__ == "__main__":
    main()
