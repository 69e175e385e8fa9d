//! Gives the built library the names that .NET and Mono look for on Linux, so that unmodified
//! `DllImport("clusapi.dll")`, `DllImport("clusapi")` and `DllImport("kernel32.dll")` code finds
//! it: `cargo dotnet-libs [DIR]` (an alias of `cargo run --example dotnet_libs --`).
//!
//! CoreCLR looks for "clusapi.dll" as `clusapi.dll.so`, `libclusapi.dll.so`, `clusapi.dll` and
//! `libclusapi.dll`; Mono also as `libclusapi.so`. A file named `*.dll` in an app folder makes
//! CoreCLR take it for an assembly and fail to start, so only the `.so` names are made:
//! `libclusapi.dll.so`, `libclusapi.so` (for `DllImport("clusapi")`) and `libkernel32.dll.so`
//! (for `GetLastError`). They are symbolic links to the one `libclusapi_sim.so`, so the dynamic
//! loader maps one library whatever name it is asked by, and the last error set by a
//! clusapi call is the one `kernel32.dll`'s `GetLastError` reads.
//!
//! `DIR` defaults to `target/<profile>/`; give the app's folder to put the links there.

use std::path::{Path, PathBuf};

/// The names made, each a link to `libclusapi_sim.so`.
const NAMES: [&str; 3] = ["libclusapi.dll.so", "libclusapi.so", "libkernel32.dll.so"];

fn main() {
    // This example runs from target/<profile>/examples/; the library is built beside it.
    let exe = std::env::current_exe().expect("the example's own path");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>/examples/");
    // Building this example built the library too, into deps/ (a `cargo build` also copies it
    // up into target/<profile>/, but that copy may be older): take the fresh one.
    let candidates =
        [profile_dir.join("deps").join("libclusapi_sim.so"), profile_dir.join("libclusapi_sim.so")];
    let Some(library) = candidates.iter().find(|p| p.is_file()).cloned() else {
        eprintln!(
            "dotnet_libs: libclusapi_sim.so is in neither {} nor {}",
            candidates[0].display(),
            candidates[1].display()
        );
        std::process::exit(1);
    };
    let dir = std::env::args().nth(1).map_or_else(|| profile_dir.to_path_buf(), PathBuf::from);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let target = std::fs::canonicalize(&library).expect("the library's path");
    for name in NAMES {
        let link = dir.join(name);
        let _ = std::fs::remove_file(&link);
        link_to(&target, &link);
        println!("{} -> {}", link.display(), target.display());
    }
}

#[cfg(unix)]
fn link_to(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap_or_else(|e| panic!("{}: {e}", link.display()));
}

#[cfg(not(unix))]
fn link_to(target: &Path, link: &Path) {
    std::fs::copy(target, link).unwrap_or_else(|e| panic!("{}: {e}", link.display()));
}
