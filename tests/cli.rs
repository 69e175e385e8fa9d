//! The `clusapi-sim` command-line tool (the `cli` feature), run as a process: `check`, `show`,
//! `trace` and `run`. `run` runs this test binary itself as the child, filtered to
//! `child_uses_the_process_default`, which uses the process-wide default simulator.

use std::path::PathBuf;
use std::process::{Command, Output};

use clusapi_sim::Sim;

const GOOD: &str = "[[cluster]]\nname = \"CLI-LAB\"\n[[cluster.node]]\nname = \"N1\"\n[[cluster.node]]\nname = \"N2\"\n\
[[cluster.group]]\nname = \"CLI Group\"\nowner = \"N2\"\npreferred_owners = [\"N2\", \"N1\"]\n";
const BAD: &str = "[[cluster]]\nname = \"C\"\n[[cluster.node]]\nname = \"N1\"\nstate = \"sleeping\"\n";

fn tool(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clusapi-sim")).args(args).output().expect("the tool runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh file under the target directory's temporary folder.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn check_accepts_a_good_fixture() {
    let good = temp_file("good.toml", GOOD);
    let out = tool(&["check", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ok\n");
}

#[test]
fn check_names_the_line_key_and_value_of_a_bad_fixture() {
    let bad = temp_file("bad.toml", BAD);
    let out = tool(&["check", bad.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 5: cluster.node.state = \"sleeping\": "), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn check_of_a_missing_file_fails_without_a_panic() {
    let out = tool(&["check", "/nonexistent/clusapi-sim.toml"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot read /nonexistent/clusapi-sim.toml"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn show_prints_the_default_cluster() {
    let out = tool(&["show"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for want in ["CONTOSO-CLU1", "NODE1", "SQL Server (MSSQLSERVER)", "Cluster Network 1"] {
        assert!(stdout.contains(want), "{want} missing:\n{stdout}");
    }
    assert!(
        stdout.contains("SQL Server (MSSQLSERVER): Online on NODE2; preferred owners: NODE2, NODE3"),
        "{stdout}"
    );
    assert!(stdout.contains("  group sets:\n    Cluster Group: Cluster Group\n"), "{stdout}");
    assert!(
        stdout.contains("SQL Server Agent [SQL Server Agent]: Online; depends on SQL Server"),
        "{stdout}"
    );
}

#[test]
fn show_prints_a_fixture_file() {
    let good = temp_file("show.toml", GOOD);
    let out = tool(&["show", good.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains("cluster CLI-LAB (local)"), "{stdout}");
    assert!(stdout.contains("CLI Group: Offline on N2; preferred owners: N2, N1"), "{stdout}");
    assert!(!stdout.contains("CONTOSO"), "{stdout}");
}

#[test]
fn trace_prints_a_recorded_trace_with_the_filters() {
    let sim = Sim::default();
    let cluster = sim.open_cluster(None).unwrap();
    let group = sim.open_group(cluster, "Cluster Group").unwrap();
    assert!(sim.open_group(cluster, "No Such Group").is_err());
    sim.close_group(group).unwrap();
    sim.close_cluster(cluster);
    let jsonl = sim.harness().calls().to_json_lines();
    let path = temp_file("trace.jsonl", &jsonl);
    let path = path.to_str().unwrap();

    let all = tool(&["trace", path]);
    let stdout = text(&all.stdout);
    assert_eq!(all.status.code(), Some(0), "{}", text(&all.stderr));
    assert_eq!(stdout.lines().count(), sim.harness().calls().count(), "{stdout}");
    assert!(stdout.lines().next().unwrap().starts_with("#1 OpenCluster("), "{stdout}");
    let open = stdout.lines().find(|l| l.contains("\"Cluster Group\"")).expect("the open is printed");
    assert!(
        open == "#2 OpenClusterGroup(name_or_id=\"Cluster Group\") [rust] -> ERROR_SUCCESS (0) @0 ms",
        "{stdout}"
    );

    let named = text(&tool(&["trace", path, "--function", "OpenClusterGroup"]).stdout);
    assert_eq!(named.lines().count(), 2, "{named}");
    assert!(named.lines().all(|l| l.contains(" OpenClusterGroup(")), "{named}");

    let failed = text(&tool(&["trace", path, "--failed"]).stdout);
    assert_eq!(failed.lines().count(), 1, "{failed}");
    assert!(failed.contains("No Such Group") && failed.contains("ERROR_GROUP_NOT_FOUND (5013)"), "{failed}");

    let none = text(&tool(&["trace", path, "--failed", "--function", "CloseCluster"]).stdout);
    assert_eq!(none, "");
}

#[test]
fn trace_rejects_a_bad_line_without_a_panic() {
    let path = temp_file("bad.jsonl", "{\"seq\": 1}\n");
    let out = tool(&["trace", path.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 1: not a trace entry"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["check", "show", "trace", "run"] {
        let out = tool(&[sub, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(text(&out.stdout).contains("Usage: clusapi-sim"), "{sub}: {}", text(&out.stdout));
    }
    let out = tool(&["nope"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(!text(&out.stderr).is_empty());
}

// ---- run: this test binary as the child ----------------------------------------------------

/// Set in the child processes of the tests below.
const CHILD: &str = "CLUSAPI_SIM_CLI_CHILD";

/// Not a test of its own: the body of the child processes. In the parent it does nothing.
#[test]
fn child_uses_the_process_default() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    for var in [clusapi_sim::FIXTURE_ENV, clusapi_sim::STRICT_ENV, clusapi_sim::TRACE_ENV] {
        println!("child: {var}={}", std::env::var(var).unwrap_or_default());
    }
    // No simulator installed: the process-wide default, built from the fixture.
    let sim = clusapi_sim::current();
    let cluster = sim.open_cluster(None).unwrap();
    let group = sim.open_group(cluster, "CLI Group").unwrap();
    assert!(sim.open_group(cluster, "No Such Group").is_err());
    sim.close_group(group).unwrap();
    if std::env::var_os("CLUSAPI_SIM_CLI_LEAK").is_none() {
        sim.close_cluster(cluster);
    }
}

fn run_child(extra: &[&str], leak: bool) -> Output {
    let me = std::env::current_exe().unwrap();
    let mut args = vec!["run"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--", me.to_str().unwrap()]);
    args.extend_from_slice(&["--exact", "child_uses_the_process_default", "--nocapture", "--test-threads=1"]);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clusapi-sim"));
    cmd.args(&args).env(CHILD, "1");
    for var in [clusapi_sim::FIXTURE_ENV, clusapi_sim::STRICT_ENV, clusapi_sim::TRACE_ENV] {
        cmd.env_remove(var);
    }
    if leak {
        cmd.env("CLUSAPI_SIM_CLI_LEAK", "1");
    } else {
        cmd.env_remove("CLUSAPI_SIM_CLI_LEAK");
    }
    cmd.output().expect("the tool runs")
}

#[test]
fn run_sets_the_fixture_strict_and_trace_and_the_trace_is_written_at_exit() {
    let fixture = temp_file("run.toml", GOOD);
    let trace = fixture.with_file_name("run-trace.jsonl");
    let _ = std::fs::remove_file(&trace);
    let (f, t) = (fixture.to_str().unwrap(), trace.to_str().unwrap());
    let out = run_child(&["--fixture", f, "--strict", "--trace", t], false);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "{stdout}");
    assert!(stdout.contains(&format!("child: CLUSAPI_SIM_FIXTURE={f}")), "{stdout}");
    assert!(stdout.contains("child: CLUSAPI_SIM_STRICT=1"), "{stdout}");
    assert!(stdout.contains(&format!("child: CLUSAPI_SIM_TRACE={t}")), "{stdout}");

    let jsonl = std::fs::read_to_string(&trace).expect("the child wrote its trace at exit");
    let lines: Vec<serde_json::Value> = jsonl.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let functions: Vec<&str> = lines.iter().map(|v| v["function"].as_str().unwrap()).collect();
    assert_eq!(
        functions,
        ["OpenCluster", "OpenClusterGroup", "OpenClusterGroup", "CloseClusterGroup", "CloseCluster"]
    );
    assert!(lines[1]["args"].as_str().unwrap().contains("CLI Group"), "{jsonl}");

    // And the tool prints it.
    let printed = text(&tool(&["trace", t, "--failed"]).stdout);
    assert!(printed.contains("No Such Group"), "{printed}");
}

#[test]
fn run_exits_with_the_status_of_a_strict_child_that_leaks_and_still_writes_the_trace() {
    let fixture = temp_file("leak.toml", GOOD);
    let trace = fixture.with_file_name("leak-trace.jsonl");
    let _ = std::fs::remove_file(&trace);
    let out = run_child(
        &["--fixture", fixture.to_str().unwrap(), "--strict", "--trace", trace.to_str().unwrap()],
        true,
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(clusapi_sim::STRICT_EXIT_STATUS), "{stderr}");
    assert!(stderr.contains("leaked HCLUSTER"), "{stderr}");
    let jsonl = std::fs::read_to_string(&trace).expect("written before the report");
    assert_eq!(jsonl.lines().count(), 4, "{jsonl}");
}

#[test]
fn run_without_options_sets_nothing() {
    let out = run_child(&[], false);
    let stdout = text(&out.stdout);
    // The default cluster has no "CLI Group": the child's open fails, and so does the child.
    assert_ne!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("child: CLUSAPI_SIM_STRICT=\n"), "{stdout}");
}

#[test]
fn run_reports_a_bad_fixture_or_program_without_a_panic() {
    let bad = temp_file("run-bad.toml", BAD);
    let out = tool(&["run", "--fixture", bad.to_str().unwrap(), "--", "true"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 5: cluster.node.state"), "{stderr}");

    let out = tool(&["run", "--", "/nonexistent/program"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot run /nonexistent/program"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// `serve --fixture F` takes the account of F's `[server]` table: smbtorture (when it is
/// installed) gets in with that user and password, and is refused with another password; a
/// `[server]` table with a user and no password is a fixture error.
#[test]
fn serve_checks_the_fixture_server_account() {
    let bad = temp_file("server-bad.toml", &format!("{GOOD}\n[server]\nuser = \"alice\"\n"));
    let out = tool(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("server.user"), "{}", text(&out.stderr));

    if std::process::Command::new("smbtorture").arg("--version").output().is_err() {
        println!("SKIPPED: smbtorture not installed (apt-get install samba-testsuite)");
        return;
    }
    let fixture =
        temp_file("server.toml", &format!("{GOOD}\n[server]\nuser = \"alice\"\npassword = \"s3cret!\"\n"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_clusapi-sim"))
        .args(["serve", "--fixture", fixture.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("serve starts");
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().unwrap()), &mut line)
        .unwrap();
    let binding = line.trim().strip_prefix("clusapi ").expect("serve prints its binding").to_string();
    let torture = |user: &str| {
        let out = Command::new("smbtorture")
            .args([binding.as_str(), &format!("-U{user}"), "rpc.clusapi.cluster.OpenCluster"])
            .output()
            .unwrap();
        text(&out.stdout)
    };
    let right = torture("alice%s3cret!");
    let wrong = torture("alice%wrong");
    child.kill().unwrap();
    let _ = child.wait();
    assert!(right.contains("success: cluster.OpenCluster"), "{right}");
    assert!(wrong.contains("NT_STATUS_LOGON_FAILURE"), "{wrong}");
}
