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
//!
//! `tests/c/header_types.{c,cpp}` call no export: they use the header's types (pointer
//! typedefs, the CLUSPROP_* value-list structs, the enums, in C++ with qualified enumerators)
//! and print sizes, offsets and values that the `header_types_*` tests compare with windows-sys.
//!
//! `tests/c/notify_loop.c` runs a notification loop through `include/clusapi.h`.
//!
//! `tests/c/find_address.c` finds the cluster's IP address as real C clients do:
//! GET_PRIVATE_PROPERTIES, `ResUtilFindSzProperty`, `LocalFree`.
//!
//! `tests/c/resapi_smoke.c`, built as C11 and as C++17, does the same for `include/resapi.h`
//! (the resutils.dll functions) and also calls a few of its exports.
// Miri cannot spawn the C compiler or run the programs it builds.
#![cfg(all(feature = "win32", target_os = "linux", not(miri)))]

use std::collections::{BTreeMap, BTreeSet};
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

/// The functions `include/<header>` declares (`... WINAPI Name(...);`, not the typedefs).
fn header_functions(header: &str) -> BTreeSet<String> {
    let path = Path::new(ROOT).join("include").join(header);
    let header = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
fn c_client_finds_the_cluster_address_with_resutils_and_frees_it_with_local_free() {
    let link = static_link();
    let link: Vec<&str> = link.iter().map(String::as_str).collect();
    let bin = compile("cc", C_FLAGS, "find_address.c", &scratch("find_address").join("find_address"), &link);
    let out = run(&bin, &[], None, &[]);
    assert!(out.contains("ok   - the cluster's address is 10.0.0.100"));
}

#[test]
fn c_notification_loop_sees_the_changes_and_times_out_on_the_virtual_clock() {
    let link = static_link();
    let link: Vec<&str> = link.iter().map(String::as_str).collect();
    let bin = compile("cc", C_FLAGS, "notify_loop.c", &scratch("notify_loop").join("notify_loop"), &link);
    let out = run(&bin, &[], None, &[]);
    assert!(out.contains("ok   - CLUSTER_CHANGE_RESOURCE_STATE names \"Cluster Disk 2\""));
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

/// The functions the cdylib `so` exports (`nm -D --defined-only`, type T).
fn exported_functions(so: &Path) -> BTreeSet<String> {
    let out = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(so)
        .output()
        .unwrap_or_else(|e| panic!("cannot run nm (binutils, which gcc needs): {e}"));
    assert!(out.status.success(), "nm -D {} failed: {}", so.display(), String::from_utf8_lossy(&out.stderr));
    // Lines are "<address> <type> <name>"; exported functions have type T.
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>()[..] {
            [_, "T", name] => Some(name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn cdylib_exports_every_header_function_unmangled() {
    let declared = header_functions("clusapi.h");
    assert_eq!(declared.len(), 282, "include/clusapi.h: 280 clusapi functions + GetLastError/SetLastError");
    let so = library("so");
    let exported = exported_functions(&so);
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

/// windows-sys's sizes, alignments and field offsets, under the labels `tests/c/header_types.*`
/// print them with (`sizeof(T)`, `alignof(T)`, `offsetof(T, field)`, C's member names).
fn windows_sys_layouts() -> BTreeMap<String, usize> {
    use std::mem::{align_of, offset_of, size_of};
    use windows_sys::Win32::Networking::Clustering as cl;
    let mut map = BTreeMap::new();
    macro_rules! layout {
        ($($c:literal => $t:ty),* $(,)?) => {$(
            map.insert(format!("sizeof({})", $c), size_of::<$t>());
            map.insert(format!("alignof({})", $c), align_of::<$t>());
        )*};
    }
    macro_rules! offset {
        ($($c:literal, $field:literal => $t:ty, $($path:tt).+;)*) => {$(
            map.insert(format!("offsetof({}, {})", $c, $field), offset_of!($t, $($path).+));
        )*};
    }
    layout! {
        "CLUSTERVERSIONINFO" => cl::CLUSTERVERSIONINFO,
        "CLUSTER_ENUM_ITEM" => cl::CLUSTER_ENUM_ITEM,
        "CLUSTER_GROUP_ENUM_ITEM" => cl::CLUSTER_GROUP_ENUM_ITEM,
        "CLUSTER_RESOURCE_ENUM_ITEM" => cl::CLUSTER_RESOURCE_ENUM_ITEM,
        "CLUS_PARTITION_INFO" => cl::CLUS_PARTITION_INFO,
        "CLUS_RESOURCE_CLASS_INFO" => cl::CLUS_RESOURCE_CLASS_INFO,
        "CLUS_SCSI_ADDRESS" => cl::CLUS_SCSI_ADDRESS,
        "CLUSPROP_SYNTAX" => cl::CLUSPROP_SYNTAX,
        "CLUSPROP_VALUE" => cl::CLUSPROP_VALUE,
        "CLUSPROP_BINARY" => cl::CLUSPROP_BINARY,
        "CLUSPROP_WORD" => cl::CLUSPROP_WORD,
        "CLUSPROP_DWORD" => cl::CLUSPROP_DWORD,
        "CLUSPROP_LONG" => cl::CLUSPROP_LONG,
        "CLUSPROP_SZ" => cl::CLUSPROP_SZ,
        "CLUSPROP_ULARGE_INTEGER" => cl::CLUSPROP_ULARGE_INTEGER,
        "CLUSPROP_LARGE_INTEGER" => cl::CLUSPROP_LARGE_INTEGER,
        "CLUSPROP_FILETIME" => cl::CLUSPROP_FILETIME,
        "CLUSPROP_RESOURCE_CLASS" => cl::CLUSPROP_RESOURCE_CLASS,
        "CLUSPROP_RESOURCE_CLASS_INFO" => cl::CLUSPROP_RESOURCE_CLASS_INFO,
        "CLUSPROP_SCSI_ADDRESS" => cl::CLUSPROP_SCSI_ADDRESS,
        "CLUSPROP_PARTITION_INFO" => cl::CLUSPROP_PARTITION_INFO,
        "CLUSPROP_REQUIRED_DEPENDENCY" => cl::CLUSPROP_REQUIRED_DEPENDENCY,
        "CLUSPROP_LIST" => cl::CLUSPROP_LIST,
        "CLUSPROP_BUFFER_HELPER" => cl::CLUSPROP_BUFFER_HELPER,
        // windows-sys gives the CLUSPROP_*LARGE_INTEGER values' `li` as i64 / u64.
        "LARGE_INTEGER" => i64,
        "ULARGE_INTEGER" => u64,
        "CLUSTER_PROPERTY_SYNTAX" => cl::CLUSTER_PROPERTY_SYNTAX,
        "CLUSTER_CHANGE" => cl::CLUSTER_CHANGE,
        "CLUSTER_ENUM" => cl::CLUSTER_ENUM,
        "CLUSTER_RESOURCE_STATE" => cl::CLUSTER_RESOURCE_STATE,
    }
    offset! {
        "CLUSTERVERSIONINFO", "szVendorId" => cl::CLUSTERVERSIONINFO, szVendorId;
        "CLUSTERVERSIONINFO", "dwReserved" => cl::CLUSTERVERSIONINFO, dwReserved;
        "CLUSTER_ENUM_ITEM", "lpszId" => cl::CLUSTER_ENUM_ITEM, lpszId;
        "CLUSTER_ENUM_ITEM", "lpszName" => cl::CLUSTER_ENUM_ITEM, lpszName;
        "CLUSTER_GROUP_ENUM_ITEM", "state" => cl::CLUSTER_GROUP_ENUM_ITEM, state;
        "CLUSTER_GROUP_ENUM_ITEM", "pRoProperties" => cl::CLUSTER_GROUP_ENUM_ITEM, pRoProperties;
        "CLUSTER_RESOURCE_ENUM_ITEM", "lpszOwnerGroupId" => cl::CLUSTER_RESOURCE_ENUM_ITEM, lpszOwnerGroupId;
        "CLUSTER_RESOURCE_ENUM_ITEM", "pRoProperties" => cl::CLUSTER_RESOURCE_ENUM_ITEM, pRoProperties;
        "CLUS_PARTITION_INFO", "szFileSystem" => cl::CLUS_PARTITION_INFO, szFileSystem;
        "CLUS_RESOURCE_CLASS_INFO", "rc" => cl::CLUS_RESOURCE_CLASS_INFO, Anonymous.Anonymous.Anonymous.rc;
        "CLUS_RESOURCE_CLASS_INFO", "SubClass" => cl::CLUS_RESOURCE_CLASS_INFO, Anonymous.Anonymous.SubClass;
        "CLUS_RESOURCE_CLASS_INFO", "li" => cl::CLUS_RESOURCE_CLASS_INFO, Anonymous.li;
        "CLUS_SCSI_ADDRESS", "Lun" => cl::CLUS_SCSI_ADDRESS, Anonymous.Anonymous.Lun;
        "CLUSPROP_SYNTAX", "wFormat" => cl::CLUSPROP_SYNTAX, Anonymous.wFormat;
        "CLUSPROP_SYNTAX", "wType" => cl::CLUSPROP_SYNTAX, Anonymous.wType;
        "CLUSPROP_VALUE", "cbLength" => cl::CLUSPROP_VALUE, cbLength;
        "CLUSPROP_BINARY", "cbLength" => cl::CLUSPROP_BINARY, Base.cbLength;
        "CLUSPROP_BINARY", "rgb" => cl::CLUSPROP_BINARY, rgb;
        "CLUSPROP_WORD", "w" => cl::CLUSPROP_WORD, w;
        "CLUSPROP_DWORD", "Syntax" => cl::CLUSPROP_DWORD, Base.Syntax;
        "CLUSPROP_DWORD", "cbLength" => cl::CLUSPROP_DWORD, Base.cbLength;
        "CLUSPROP_DWORD", "dw" => cl::CLUSPROP_DWORD, dw;
        "CLUSPROP_LONG", "l" => cl::CLUSPROP_LONG, l;
        "CLUSPROP_SZ", "sz" => cl::CLUSPROP_SZ, sz;
        "CLUSPROP_ULARGE_INTEGER", "li" => cl::CLUSPROP_ULARGE_INTEGER, li;
        "CLUSPROP_LARGE_INTEGER", "li" => cl::CLUSPROP_LARGE_INTEGER, li;
        "CLUSPROP_FILETIME", "ft" => cl::CLUSPROP_FILETIME, ft;
        "CLUSPROP_RESOURCE_CLASS", "rc" => cl::CLUSPROP_RESOURCE_CLASS, rc;
        "CLUSPROP_RESOURCE_CLASS_INFO", "rc" => cl::CLUSPROP_RESOURCE_CLASS_INFO,
            Base2.Anonymous.Anonymous.Anonymous.rc;
        "CLUSPROP_RESOURCE_CLASS_INFO", "SubClass" => cl::CLUSPROP_RESOURCE_CLASS_INFO,
            Base2.Anonymous.Anonymous.SubClass;
        "CLUSPROP_SCSI_ADDRESS", "PortNumber" => cl::CLUSPROP_SCSI_ADDRESS,
            Base2.Anonymous.Anonymous.PortNumber;
        "CLUSPROP_SCSI_ADDRESS", "Lun" => cl::CLUSPROP_SCSI_ADDRESS, Base2.Anonymous.Anonymous.Lun;
        "CLUSPROP_PARTITION_INFO", "dwFlags" => cl::CLUSPROP_PARTITION_INFO, Base2.dwFlags;
        "CLUSPROP_PARTITION_INFO", "szVolumeLabel" => cl::CLUSPROP_PARTITION_INFO, Base2.szVolumeLabel;
        "CLUSPROP_PARTITION_INFO", "szFileSystem" => cl::CLUSPROP_PARTITION_INFO, Base2.szFileSystem;
        "CLUSPROP_LIST", "PropertyName" => cl::CLUSPROP_LIST, PropertyName;
    }
    map
}

/// windows-sys's values of the constants `tests/c/header_types.*` print, as DWORDs.
fn windows_sys_values() -> BTreeMap<String, u32> {
    use windows_sys::Win32::Networking::Clustering as cl;
    fn dword(v: impl Into<i64>) -> u32 {
        v.into() as u32
    }
    let mut map = BTreeMap::new();
    macro_rules! value {
        ($($name:ident),* $(,)?) => {$( map.insert(stringify!($name).to_string(), dword(cl::$name)); )*};
    }
    value! {
        CLUSPROP_SYNTAX_LIST_VALUE_DWORD, CLUSPROP_SYNTAX_ENDMARK, CLUSPROP_SYNTAX_NAME,
        CLUSPROP_TYPE_UNKNOWN, CLUSPROP_FORMAT_DWORD, ClusterResourceOnline, ClusterResourceStateUnknown,
        ClusterGroupOnline, ClusterNodeUp, ClusterNetworkUp, ClusterNetInterfaceUp, CLUSTER_ENUM_GROUP,
        CLUSTER_ENUM_ALL, CLUSTER_ENUM_INTERNAL_NETWORK, CLUSTER_GROUP_ENUM_NODES, CLUSTER_NODE_ENUM_GROUPS,
        CLUSTER_RESOURCE_ENUM_PROVIDES, CLUSTER_NETWORK_ENUM_NETINTERFACES,
        CLUSTER_RESOURCE_TYPE_ENUM_RESOURCES, CLUSTER_CHANGE_GROUP_STATE, CLUSTER_CHANGE_HANDLE_CLOSE,
        CLUSTER_CHANGE_ALL, ClusterStateRunning, ClusGroupTypeAvailableStorage, CLUS_RESCLASS_STORAGE,
        CLUS_OBJECT_GROUP, CLUSCTL_RESOURCE_GET_CLASS_INFO, CLUSCTL_GROUP_GET_COMMON_PROPERTIES,
        CLUSCTL_NODE_GET_ID, CLCTL_GET_CHARACTERISTICS,
    }
    map
}

/// Compiles `tests/c/<source>` (header-only: it calls no export) and checks its `layout` and
/// `value` lines against windows-sys; returns how many it compared.
fn compare_header_types(compiler: &str, flags: &[&str], source: &str) -> usize {
    let dir = scratch(source);
    let bin = compile(compiler, flags, source, &dir.join("header_types"), &[]);
    let out = run(&bin, &[], None, &[]);
    let (layouts, values) = (windows_sys_layouts(), windows_sys_values());
    let mut compared = 0;
    for line in out.lines() {
        let (what, number) = match line.rsplit_once(' ') {
            Some((what, number)) if what.starts_with("layout ") || what.starts_with("value ") => {
                (what, number)
            }
            _ => continue,
        };
        let number: u64 = number.parse().unwrap_or_else(|_| panic!("{source}: bad number in {line:?}"));
        let expected = match what.split_once(' ') {
            Some(("layout", label)) => layouts.get(label).map(|&v| v as u64),
            // C++ prints qualified enumerators (`CLUSTER_ENUM::CLUSTER_ENUM_INTERNAL_NETWORK`).
            Some((_, name)) => values.get(name.rsplit("::").next().unwrap_or(name)).map(|&v| u64::from(v)),
            None => None,
        };
        let expected =
            expected.unwrap_or_else(|| panic!("{source} prints {what:?}, which the test does not know"));
        assert_eq!(number, expected, "{source}: {what} is {number} in C, {expected} in windows-sys");
        compared += 1;
    }
    compared
}

#[test]
fn header_types_match_windows_sys_in_c11() {
    let compared = compare_header_types("cc", C_FLAGS, "header_types.c");
    let expected = windows_sys_layouts().len() + windows_sys_values().len();
    assert_eq!(compared, expected, "header_types.c prints every layout and value the test knows");
}

#[test]
fn header_types_match_windows_sys_in_cpp17_with_qualified_enumerators() {
    let compared = compare_header_types("c++", CXX_FLAGS, "header_types.cpp");
    assert!(compared > 40, "header_types.cpp compared only {compared} layouts and values");
}

#[test]
fn header_types_programs_use_every_generated_struct_and_enum_of_the_header() {
    let header = fs::read_to_string(Path::new(ROOT).join("include/clusapi.h")).expect("include/clusapi.h");
    let program = fs::read_to_string(Path::new(ROOT).join("tests/c/header_types.c")).expect("header_types.c");
    let program =
        program + &fs::read_to_string(Path::new(ROOT).join("tests/c/header_types.cpp")).expect(".cpp");
    let declared: BTreeSet<&str> = header
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("typedef struct _").or_else(|| l.strip_prefix("typedef enum "))?;
            let name =
                rest.split([' ', ',', ';']).nth(if l.starts_with("typedef struct _") { 1 } else { 0 })?;
            // Not opaque handles (`typedef struct _HCLUSTER *HCLUSTER;`) nor the Windows types
            // of the skeleton (`typedef struct _FILETIME {`).
            (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(name)
        })
        .collect();
    // Each is named by one of the programs' macros: POINTER(T), ENUM32(T), LAYOUT(T).
    let unused: Vec<&&str> = declared.iter().filter(|name| !program.contains(&format!("({name})"))).collect();
    assert!(declared.len() > 60, "found only {} structs and enums in the header", declared.len());
    assert!(
        unused.is_empty(),
        "tests/c/header_types.{{c,cpp}} do not use these types of clusapi.h: {unused:?}"
    );
}

/// windows-sys's layouts and values of what `tests/c/resapi_smoke.c` prints, under its labels.
fn resapi_expectations() -> BTreeMap<String, u64> {
    use std::mem::{align_of, offset_of, size_of};
    use windows_sys::Win32::Networking::Clustering as cl;
    let mut map = BTreeMap::new();
    macro_rules! layout {
        ($($t:ident),* $(,)?) => {$(
            map.insert(format!("layout sizeof({})", stringify!($t)), size_of::<cl::$t>() as u64);
            map.insert(format!("layout alignof({})", stringify!($t)), align_of::<cl::$t>() as u64);
        )*};
    }
    macro_rules! offset {
        ($($t:ident, $c:literal => $($path:tt).+;)*) => {$(
            map.insert(format!("layout offsetof({}, {})", stringify!($t), $c), offset_of!(cl::$t, $($path).+) as u64);
        )*};
    }
    fn dword(v: impl Into<i64>) -> u64 {
        u64::from(v.into() as u32)
    }
    macro_rules! value {
        ($($name:ident),* $(,)?) => {$( map.insert(format!("value {}", stringify!($name)), dword(cl::$name)); )*};
    }
    layout! {
        RESUTIL_PROPERTY_ITEM, RESUTIL_LARGEINT_DATA, RESUTIL_ULARGEINT_DATA, RESUTIL_FILETIME_DATA, CLUS_WORKER,
        CLUSTER_HEALTH_FAULT, CLUSTER_HEALTH_FAULT_ARRAY, PaxosTagCStruct,
    }
    offset! {
        RESUTIL_PROPERTY_ITEM, "Format" => Format;
        RESUTIL_PROPERTY_ITEM, "Default" => Anonymous;
        RESUTIL_PROPERTY_ITEM, "LargeIntData" => Anonymous;
        RESUTIL_PROPERTY_ITEM, "Minimum" => Minimum;
        RESUTIL_PROPERTY_ITEM, "Offset" => Offset;
        RESUTIL_FILETIME_DATA, "Maximum" => Maximum;
        CLUS_WORKER, "Terminate" => Terminate;
        CLUSTER_HEALTH_FAULT, "Provider" => Provider;
        PaxosTagCStruct, "Sequence" => Sequence;
    }
    value! {
        RESUTIL_PROPITEM_READ_ONLY, RESUTIL_PROPITEM_REQUIRED, RESUTIL_PROPITEM_SIGNED, RESUTIL_PROPITEM_IN_MEMORY,
        ClusterRoleUnknown, ClusterRoleFileServer, LOG_SEVERE,
    }
    map
}

/// Builds `tests/c/resapi_smoke.c` with `compiler` and `flags` against the staticlib, runs it,
/// and compares every `layout` and `value` line it prints with windows-sys.
fn run_resapi_smoke(compiler: &str, flags: &[&str], name: &str) {
    // `-x none` after the source: the staticlib and libraries are not C++ sources.
    let mut link = vec!["-x".to_string(), "none".to_string()];
    link.extend(static_link());
    let link: Vec<&str> = link.iter().map(String::as_str).collect();
    let bin = compile(compiler, flags, "resapi_smoke.c", &scratch(name).join("resapi_smoke"), &link);
    let out = run(&bin, &[], None, &[]);
    let expected = resapi_expectations();
    let mut compared = BTreeSet::new();
    for line in out.lines().filter(|l| l.starts_with("layout ") || l.starts_with("value ")) {
        let (what, number) = line.rsplit_once(' ').expect("label and number");
        let number: u64 = number.parse().unwrap_or_else(|_| panic!("bad number in {line:?}"));
        let want = expected
            .get(what)
            .unwrap_or_else(|| panic!("resapi_smoke.c prints {what:?}, which the test does not know"));
        assert_eq!(number, *want, "{name}: {what} is {number} in C, {want} in windows-sys");
        compared.insert(what.to_string());
    }
    assert_eq!(
        compared.len(),
        expected.len(),
        "{name}: resapi_smoke.c prints every layout and value the test knows"
    );
}

#[test]
fn resapi_header_works_from_c11_and_matches_windows_sys() {
    run_resapi_smoke("cc", C_FLAGS, "resapi_c");
}

#[test]
fn resapi_header_works_from_cpp17() {
    let flags: Vec<&str> = CXX_FLAGS.iter().copied().chain(["-x", "c++"]).collect();
    run_resapi_smoke("c++", &flags, "resapi_cpp");
}

#[test]
fn cdylib_exports_every_resapi_function_unmangled() {
    let declared = header_functions("resapi.h");
    assert_eq!(declared.len(), 120, "include/resapi.h: the 120 resutils.dll functions of windows-sys");
    let so = library("so");
    let missing: Vec<String> = declared.difference(&exported_functions(&so)).cloned().collect();
    assert!(missing.is_empty(), "{} does not export these functions of resapi.h: {missing:?}", so.display());
}
