//! The C ABI as C and C++ clients see it: the programs in `tests/c/` are compiled with the
//! system `cc`/`c++` against `include/clusapi.h`, linked against the library cargo built for
//! this test, and run. A missing compiler fails the test: gcc is part of every CI machine.
//!
//! Which library: cargo compiles the crate once for the integration tests, with every
//! crate type of `[lib]`, into the `deps/` directory that also holds this test binary
//! (`target/<profile>/deps/`), as `libclusapi_sim.{rlib,a,so}`. Those files come from the very
//! rustc run whose rlib this binary links, so they always match the sources under test, on a
//! fresh clone as on a warm tree. `target/<profile>/libclusapi_sim.so` is not used: cargo
//! copies the library up there only when it is built as a root unit (`cargo build`), never
//! for `cargo test`, so it may be missing or stale.
//!
//! Each program runs on the process-wide default simulator of its own process: the embedded
//! default cluster, or the fixture named by `CLUSAPI_SIM_FIXTURE`.
// Miri cannot spawn the C compiler or run the programs it builds.
#![cfg(all(feature = "win32", target_os = "linux", not(miri)))]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use clusapi_sim::Sim;
use clusapi_sim::enumeration::mask::{CLUSTER_ENUM_GROUP, CLUSTER_ENUM_NODE};

/// The crate's root, holding `include/` and `tests/c/`.
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The native libraries a Rust staticlib needs on Linux (`rustc --print native-static-libs`).
const NATIVE_STATIC_LIBS: &[&str] = &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"];

/// Warnings are errors: the header must compile cleanly in strict client builds.
const C_FLAGS: &[&str] = &["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"];
const CXX_FLAGS: &[&str] = &["-std=c++17", "-Wall", "-Wextra", "-Wpedantic", "-Werror"];

/// A small cluster for the `CLUSAPI_SIM_FIXTURE` run, unlike the embedded default.
const LAB_FIXTURE: &str = r#"
[[cluster]]
name = "LAB"

[[cluster.node]]
name = "LAB-N1"

[[cluster.node]]
name = "LAB-N2"

[[cluster.group]]
name = "Cluster Group"
owner = "LAB-N1"

[[cluster.group.resource]]
name = "Cluster Name"
type = "Network Name"
"#;

/// `libclusapi_sim.<ext>` as built for this test binary, beside it in `deps/` (see the module
/// docs). No fallback to `target/<profile>/`: a library found there may predate the sources.
fn library(ext: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let path = exe
        .parent()
        .expect("the test binary is in target/<profile>/deps")
        .join(format!("libclusapi_sim.{ext}"));
    assert!(
        path.is_file(),
        "{} is missing: cargo builds it beside this test for every crate type in Cargo.toml's [lib] \
         (is {ext:?} still listed?), unless a concurrent cargo is rebuilding it right now",
        path.display()
    );
    path
}

/// This process's directory under cargo's `target/tmp`, `c_abi-<pid>`, so that concurrent
/// runs (another profile, another user of a shared target dir) never share files. Directories
/// left by processes that have exited are removed first.
fn process_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
        for entry in fs::read_dir(tmp).into_iter().flatten().flatten() {
            let name = entry.file_name();
            let pid = name.to_str().and_then(|n| n.strip_prefix("c_abi-"));
            if pid.is_some_and(|pid| !Path::new("/proc").join(pid).exists()) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        tmp.join(format!("c_abi-{}", std::process::id()))
    })
}

/// An empty scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = process_dir().join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
    dir
}

/// Runs a build tool, failing the test with its output if it cannot run or fails.
fn tool(mut cmd: Command) {
    let shown = format!("{cmd:?}");
    let out = cmd.output().unwrap_or_else(|e| {
        panic!("cannot run {shown}: {e}\n(the C ABI tests need gcc/g++ as `cc` and `c++` on PATH)")
    });
    assert!(
        out.status.success(),
        "{shown} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Compiles `tests/c/<source>` with `compiler` and `flags` into `out`, then `link` arguments.
fn compile(compiler: &str, flags: &[&str], source: &str, out: &Path, link: &[&str]) -> PathBuf {
    let mut cmd = Command::new(compiler);
    cmd.args(flags)
        .arg("-I")
        .arg(Path::new(ROOT).join("include"))
        .arg(Path::new(ROOT).join("tests/c").join(source))
        .arg("-o")
        .arg(out)
        .args(link);
    tool(cmd);
    out.to_path_buf()
}

/// Links against the staticlib: no run-time search path to get wrong.
fn static_link() -> Vec<String> {
    let mut args = vec![library("a").display().to_string()];
    args.extend(NATIVE_STATIC_LIBS.iter().map(ToString::to_string));
    args
}

/// `tests/c/smoke.c` linked against the staticlib, built once per test process.
fn smoke_static() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let link = static_link();
        let link: Vec<&str> = link.iter().map(String::as_str).collect();
        compile("cc", C_FLAGS, "smoke.c", &scratch("smoke_static").join("smoke"), &link)
    })
}

/// Runs a test program with `args` (and `CLUSAPI_SIM_FIXTURE` only if given), prints its
/// output, and asserts that every check passed.
fn run(program: &Path, args: &[&str], fixture: Option<&Path>, env: &[(&str, &Path)]) -> String {
    let mut cmd = Command::new(program);
    cmd.args(args).env_remove("CLUSAPI_SIM_FIXTURE");
    let mut shown = String::new();
    for (k, v) in fixture.map(|f| ("CLUSAPI_SIM_FIXTURE", f)).iter().chain(env) {
        cmd.env(k, v);
        shown += &format!("{k}={} ", v.display());
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    println!("$ {shown}{} {}\n{stdout}", program.display(), args.join(" "));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    let summary = stdout.lines().last().unwrap_or("");
    assert!(
        out.status.success() && summary.ends_with(" passed, 0 failed"),
        "{} exited with {} ({summary:?}); output above",
        program.display(),
        out.status
    );
    stdout
}

/// The arguments that make smoke.c check the embedded default cluster exactly as the Rust API
/// sees it: its name and how many nodes and groups it has.
fn default_cluster_expectations() -> Vec<String> {
    let sim = Sim::default();
    let c = sim.open_cluster(None).expect("the default cluster opens");
    let name = sim.cluster_information(c).expect("its information").name;
    let count = |mask| {
        let e = sim.cluster_open_enum(c, mask).expect("it enumerates");
        sim.enum_count(e).expect("a count")
    };
    let (nodes, groups) = (count(CLUSTER_ENUM_NODE), count(CLUSTER_ENUM_GROUP));
    vec!["--cluster".into(), name, "--nodes".into(), nodes.to_string(), "--groups".into(), groups.to_string()]
}

/// The functions `include/clusapi.h` declares (`... WINAPI Name(...);`, not the typedefs).
fn header_functions() -> BTreeSet<String> {
    let header = fs::read_to_string(Path::new(ROOT).join("include/clusapi.h")).expect("include/clusapi.h");
    header
        .lines()
        .filter(|l| !l.starts_with("typedef") && !l.starts_with('#'))
        .filter_map(|l| l.split_once("WINAPI ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once('(').map(|(name, _)| name.trim().to_string()))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect()
}

/// A directory holding the cdylib under the Windows library's name, `libclusapi.so` (a
/// symbolic link: the loader and the linker go by the name; the cdylib has no SONAME of its
/// own that could point them back to `libclusapi_sim.so`).
fn libclusapi_dir(name: &str) -> PathBuf {
    let dir = scratch(name).join("lib");
    fs::create_dir_all(&dir).expect("lib dir");
    std::os::unix::fs::symlink(library("so"), dir.join("libclusapi.so"))
        .expect("link the cdylib as libclusapi.so");
    dir
}

#[test]
fn c_program_passes_on_the_default_cluster_via_the_staticlib() {
    let args = default_cluster_expectations();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(smoke_static(), &args, None, &[]);
}

#[test]
fn c_program_sees_the_cluster_of_clusapi_sim_fixture() {
    // Fail here, with the parser's message, rather than inside the C program.
    Sim::builder().fixture_str(LAB_FIXTURE).expect("LAB_FIXTURE is a valid fixture");
    let fixture = scratch("fixture").join("lab.toml");
    fs::write(&fixture, LAB_FIXTURE).expect("write the fixture");
    let out =
        run(smoke_static(), &["--cluster", "LAB", "--nodes", "2", "--groups", "1"], Some(&fixture), &[]);
    assert!(out.contains("\"LAB\""), "the C program reported another cluster");
}

#[test]
fn cpp_program_passes_via_the_staticlib() {
    let link = static_link();
    let link: Vec<&str> = link.iter().map(String::as_str).collect();
    let bin = compile("c++", CXX_FLAGS, "smoke.cpp", &scratch("smoke_cpp").join("smoke_cpp"), &link);
    run(&bin, &[], None, &[]);
}

#[test]
fn c_program_passes_via_the_cdylib_linked_as_lclusapi() {
    let lib = libclusapi_dir("smoke_shared");
    let rpath = format!("-Wl,-rpath,{}", lib.display());
    let libdir = format!("-L{}", lib.display());
    let bin = compile(
        "cc",
        C_FLAGS,
        "smoke.c",
        &lib.parent().expect("scratch dir").join("smoke"),
        &[&libdir, "-lclusapi", &rpath],
    );
    let args = default_cluster_expectations();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&bin, &args, None, &[]);
}

#[test]
fn dlopen_finds_libclusapi_so_by_name_and_resolves_unmangled_exports() {
    let lib = libclusapi_dir("dlopen");
    let bin = compile(
        "cc",
        C_FLAGS,
        "dlopen_probe.c",
        &lib.parent().expect("scratch dir").join("probe"),
        &["-ldl"],
    );
    // A bare name, searched on LD_LIBRARY_PATH, as .NET's DllImport("clusapi") probing does.
    run(
        &bin,
        &[
            "libclusapi.so",
            "OpenCluster",
            "ClusterOpenEnum",
            "ClusterEnum",
            "GetLastError",
            "BackupClusterDatabase",
        ],
        None,
        &[("LD_LIBRARY_PATH", &lib)],
    );
}

#[test]
fn cdylib_exports_every_header_function_unmangled() {
    let declared = header_functions();
    assert_eq!(declared.len(), 282, "include/clusapi.h: 280 clusapi functions + GetLastError/SetLastError");
    let so = library("so");
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(&so)
        .output()
        .unwrap_or_else(|e| panic!("cannot run nm (binutils, which gcc needs): {e}"));
    assert!(out.status.success(), "nm -D {} failed: {}", so.display(), String::from_utf8_lossy(&out.stderr));
    // Lines are "<address> <type> <name>"; exported functions have type T.
    let exported: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
            [_, "T", name] => Some(name.to_string()),
            _ => None,
        })
        .collect();
    let missing: Vec<&String> = declared.difference(&exported).collect();
    assert!(missing.is_empty(), "{} does not export these functions of clusapi.h: {missing:?}", so.display());
    println!("{} exports all {} functions of include/clusapi.h, unmangled", so.display(), declared.len());
}

#[test]
fn a_bad_clusapi_sim_fixture_fails_every_call_cleanly() {
    let link = static_link();
    let link: Vec<&str> = link.iter().map(String::as_str).collect();
    let dir = scratch("bad_fixture");
    let bin = compile("cc", C_FLAGS, "bad_fixture.c", &dir.join("bad_fixture"), &link);
    let invalid = dir.join("invalid.toml");
    std::fs::write(&invalid, "[[cluster]]\nname = \"NO-NODES\"\n").unwrap();
    for fixture in [dir.join("missing.toml"), invalid] {
        let out = run(&bin, &[], Some(&fixture), &[]);
        assert!(out.contains("ok   - OpenCluster(NULL) returns NULL"), "{out}");
    }
}
