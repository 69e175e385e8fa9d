//! A C# program written exactly as Windows code is (`tests/dotnet/ClusterTool.cs`: P/Invoke
//! with `DllImport("clusapi.dll", SetLastError = true)`, `Marshal.GetLastWin32Error()`,
//! `Win32Exception`, `DllImport("kernel32.dll") GetLastError`), compiled with Mono's `mcs` and
//! run with `mono` against the library, linked into the app folder under the names .NET and
//! Mono look for (as `cargo dotnet-libs` does). `.ci/run` installs Debian's `mono-mcs` and
//! `mono-runtime`; without them the test prints `SKIPPED` and passes.

#![cfg(all(feature = "win32", not(windows)))]

use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Whether `tool` runs.
fn have(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// The cdylib built for this test binary, beside it in `deps/`.
fn library() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let lib = exe.parent().expect("target/<profile>/deps").join("libclusapi_sim.so");
    assert!(lib.is_file(), "{} is missing", lib.display());
    lib
}

#[test]
fn an_unmodified_csharp_client_gets_the_right_results_and_last_errors_under_mono() {
    if !have("mcs") || !have("mono") {
        println!("SKIPPED: Mono (mcs, mono) is not installed: apt-get install mono-mcs mono-runtime");
        return;
    }
    let app = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("dotnet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&app);
    std::fs::create_dir_all(&app).unwrap();
    let lib = library();
    for name in ["libclusapi.dll.so", "libclusapi.so", "libkernel32.dll.so"] {
        std::os::unix::fs::symlink(&lib, app.join(name)).unwrap();
    }
    let exe = app.join("ClusterTool.exe");
    let built = Command::new("mcs")
        .arg(format!("-out:{}", exe.display()))
        .arg(Path::new(ROOT).join("tests/dotnet/ClusterTool.cs"))
        .output()
        .expect("mcs runs");
    assert!(
        built.status.success(),
        "mcs failed:\n{}{}",
        String::from_utf8_lossy(&built.stdout),
        String::from_utf8_lossy(&built.stderr)
    );
    let run = Command::new("mono")
        .arg(&exe)
        .current_dir(&app)
        .env("LD_LIBRARY_PATH", &app)
        .env_remove("CLUSAPI_SIM_FIXTURE")
        .output()
        .expect("mono runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success() && stdout.contains("all passed"),
        "the C# client failed ({}):\n{stdout}{}",
        run.status,
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(stdout.lines().filter(|l| l.starts_with("ok   - ")).count(), 14, "every check ran");
    let _ = std::fs::remove_dir_all(&app);
}

/// What the C# runtime relies on, seen from Rust: a failing export leaves the Win32 code in
/// `errno` too, so `std::io::Error::last_os_error()` reads it; so does `SetLastError`.
#[test]
fn failing_exports_and_set_last_error_leave_the_code_in_errno() {
    use clusapi_sim as _;
    use windows_sys::Win32::Foundation::{ERROR_GROUP_NOT_FOUND, ERROR_INVALID_HANDLE, SetLastError};
    use windows_sys::Win32::Networking::Clustering::{
        CloseCluster, CloseClusterGroup, OpenCluster, OpenClusterGroup,
    };

    let sim = clusapi_sim::Sim::default();
    let _g = sim.install();
    let name: Vec<u16> = "No Such Group".encode_utf16().chain([0]).collect();
    // SAFETY: NULL and NUL-terminated names; any handle value is allowed.
    unsafe {
        let c = OpenCluster(std::ptr::null());
        assert_eq!(OpenClusterGroup(c, name.as_ptr()), 0);
        assert_eq!(std::io::Error::last_os_error().raw_os_error(), Some(ERROR_GROUP_NOT_FOUND as i32));
        assert_eq!(CloseClusterGroup(0x7fff_0000), 0);
        assert_eq!(std::io::Error::last_os_error().raw_os_error(), Some(ERROR_INVALID_HANDLE as i32));
        SetLastError(1234);
        assert_eq!(std::io::Error::last_os_error().raw_os_error(), Some(1234));
        CloseCluster(c);
    }
}
