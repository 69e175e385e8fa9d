//! `clusapi-sim`: check and show fixtures, print recorded traces, and run programs against the
//! process-wide default simulator (`cargo install --path . --features cli`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use clusapi_sim::fixture::Topology;
use clusapi_sim::world::World;

/// An in-memory simulator of the Windows Failover Cluster API: fixtures, traces and runs.
#[derive(Debug, Parser)]
#[command(name = "clusapi-sim", version, about)]
struct Cli {
    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a fixture file: prints `ok` and exits 0, or the first problem (with its line,
    /// key and value) and exits 1.
    Check {
        /// The fixture (TOML).
        file: PathBuf,
    },
    /// Print a topology readably: clusters, nodes, groups, resources, networks and group sets.
    Show {
        /// The fixture (TOML); the embedded default cluster without one.
        file: Option<PathBuf>,
    },
    /// Pretty-print a trace recorded as JSON Lines (`Calls::to_json_lines`, `CLUSAPI_SIM_TRACE`),
    /// one call a line.
    Trace {
        /// The trace (JSON Lines).
        file: PathBuf,
        /// Only the calls to this function (its exact name, e.g. `OpenClusterGroup`).
        #[arg(long, value_name = "F")]
        function: Option<String>,
        /// Only the calls that failed (every result but 0 and ERROR_IO_PENDING, 997).
        #[arg(long)]
        failed: bool,
    },
    /// Run a program against the process-wide default simulator: with `CLUSAPI_SIM_FIXTURE`,
    /// `CLUSAPI_SIM_STRICT=1` and `CLUSAPI_SIM_TRACE` set as asked; exits with its status.
    Run {
        /// The fixture the program's default simulator is built from (`CLUSAPI_SIM_FIXTURE`).
        #[arg(long, value_name = "F")]
        fixture: Option<PathBuf>,
        /// Make the default strict (`CLUSAPI_SIM_STRICT=1`): leaks, violations and handle
        /// misuses are reported at exit, with status 70.
        #[arg(long)]
        strict: bool,
        /// Where the default writes its call trace at exit, as JSON Lines (`CLUSAPI_SIM_TRACE`).
        #[arg(long, value_name = "FILE.jsonl")]
        trace: Option<PathBuf>,
        /// The program and its arguments, after `--`.
        #[arg(required = true, last = true, value_name = "CMD")]
        command: Vec<std::ffi::OsString>,
    },
    /// Serve the simulated cluster over MS-CMRP (DCE/RPC ncacn_ip_tcp) until killed, e.g. for
    /// `smbtorture ncacn_ip_tcp:127.0.0.1[PORT] -U% rpc.clusapi`.
    Serve {
        /// The fixture to simulate (default: the embedded default cluster).
        #[arg(long, value_name = "F")]
        fixture: Option<PathBuf>,
        /// The address to listen on; port 0 picks a free one. The address is printed.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
        listen: std::net::SocketAddr,
        /// Also answer the endpoint mapper on this port (on the listen address), for clients
        /// that look the interface up (`ncacn_ip_tcp:HOST` without a port asks port 135).
        #[arg(long, value_name = "P")]
        epm_port: Option<u16>,
        /// Authenticated (NTLMSSP) binds must be this user (with --password; default: the
        /// fixture's `[server]` user and password, if it has them): NTLMv2 is
        /// verified and others get ERROR_ACCESS_DENIED. Without it any user is let in at the
        /// connect level, unverified. Anonymous binds (`-U%`) are always accepted.
        #[arg(long, value_name = "U", requires = "password")]
        user: Option<String>,
        /// The password of --user.
        #[arg(long, value_name = "P", requires = "user")]
        password: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { file } => check(&file),
        Command::Show { file } => show(file.as_deref()),
        Command::Trace { file, function, failed } => trace(&file, function.as_deref(), failed),
        Command::Run { fixture, strict, trace, command } => run(fixture, strict, trace, &command),
        Command::Serve { fixture, listen, epm_port, user, password } => {
            let creds = clusapi_sim::server::auth::Credentials { user: user.zip(password) };
            serve(fixture.as_deref(), listen, epm_port, creds)
        }
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("clusapi-sim: {message}");
            ExitCode::FAILURE
        }
    }
}

/// A failure: the message for stderr (the status is 1).
type Outcome = Result<ExitCode, String>;

fn serve(
    fixture: Option<&Path>,
    listen: std::net::SocketAddr,
    epm_port: Option<u16>,
    creds: clusapi_sim::server::auth::Credentials,
) -> Outcome {
    let sim = match fixture {
        Some(path) => clusapi_sim::Sim::builder()
            .fixture_file(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .build(),
        None => clusapi_sim::Sim::default(),
    };
    // The fixture's [server] account, unless --user and --password name another.
    let mut creds = creds;
    if let (None, Some(path)) = (&creds.user, fixture) {
        let topology = parse_fixture(path)?;
        creds.user = topology.credentials().map(|(u, p)| (u.to_owned(), p.to_owned()));
    }
    let runtime = tokio::runtime::Runtime::new().map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        if let Some(p) = epm_port {
            let epm = tokio::net::TcpListener::bind((addr.ip(), p))
                .await
                .map_err(|e| format!("cannot listen on {}:{p}: {e}", addr.ip()))?;
            println!(
                "epm ncacn_ip_tcp:{}[{}]",
                addr.ip(),
                epm.local_addr().map_err(|e| e.to_string())?.port()
            );
            tokio::spawn(clusapi_sim::server::serve_epm(epm, sim.clone(), addr.port()));
        }
        println!("clusapi ncacn_ip_tcp:{}[{}]", addr.ip(), addr.port());
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        clusapi_sim::server::serve_with(listener, sim, creds).await.map_err(|e| format!("serve: {e}"))?;
        Ok(ExitCode::SUCCESS)
    })
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn parse_fixture(path: &Path) -> Result<Topology, String> {
    Topology::parse(&read(path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn check(path: &Path) -> Outcome {
    parse_fixture(path)?;
    println!("ok");
    Ok(ExitCode::SUCCESS)
}

fn show(path: Option<&Path>) -> Outcome {
    let world = match path {
        Some(path) => parse_fixture(path)?.build(0),
        None => Topology::default_cluster().build(0),
    };
    print!("{}", render(&world));
    Ok(ExitCode::SUCCESS)
}

/// The topology, readably.
fn render(world: &World) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for (index, c) in world.clusters().iter().enumerate() {
        let local = if index == world.local() { " (local)" } else { "" };
        let _ = writeln!(out, "cluster {}{local}", c.name());
        let node_name = |id| c.node(id).map_or_else(|| format!("node #{id}"), |n| n.name.clone());
        let _ = writeln!(out, "  nodes:");
        for n in c.nodes() {
            let _ = writeln!(out, "    {} (id {}): {:?}", n.name, n.id, n.state);
        }
        let _ = writeln!(out, "  groups:");
        for g in c.groups().values() {
            let preferred: Vec<String> = g.preferred_owners.iter().map(|&id| node_name(id)).collect();
            let preferred = if preferred.is_empty() { "none".to_string() } else { preferred.join(", ") };
            let _ = writeln!(
                out,
                "    {}: {:?} on {}; preferred owners: {preferred}",
                g.name,
                c.group_state(g),
                node_name(g.owner)
            );
            for id in &g.resources {
                let Some(r) = c.resources().get(id) else { continue };
                let deps: Vec<&str> = r
                    .dependencies
                    .iter()
                    .filter_map(|d| c.resources().get(d).map(|d| d.name.as_str()))
                    .collect();
                let deps =
                    if deps.is_empty() { String::new() } else { format!("; depends on {}", deps.join(", ")) };
                let _ = writeln!(out, "      {} [{}]: {:?}{deps}", r.name, r.resource_type, r.state);
            }
        }
        let _ = writeln!(out, "  networks:");
        for n in c.networks().values() {
            let _ = writeln!(out, "    {}: {}/{} {:?}", n.name, n.address, n.address_mask, n.state);
        }
        if !c.group_sets().is_empty() {
            let _ = writeln!(out, "  group sets:");
        }
        for s in c.group_sets().values() {
            let names = |ids: &[clusapi_sim::world::ObjectId]| -> Vec<String> {
                ids.iter().filter_map(|g| c.groups().get(g).map(|g| g.name.clone())).collect()
            };
            let providers: Vec<&str> =
                s.providers.iter().filter_map(|p| c.group_sets().get(p).map(|p| p.name.as_str())).collect();
            let after = if providers.is_empty() {
                String::new()
            } else {
                format!("; after {}", providers.join(", "))
            };
            let _ = writeln!(out, "    {}: {}{after}", s.name, names(&s.groups).join(", "));
        }
    }
    out
}

/// One call of a JSON Lines trace.
#[derive(Debug, serde::Deserialize)]
struct Entry {
    seq: u64,
    function: String,
    face: String,
    args: String,
    result: u32,
    #[serde(default)]
    last_error: Option<u32>,
    #[serde(default)]
    time_ms: u64,
    #[serde(default)]
    events: Vec<String>,
}

fn trace(path: &Path, function: Option<&str>, failed: bool) -> Outcome {
    use clusapi_sim::codes::{ERROR_IO_PENDING, ERROR_SUCCESS};
    let text = read(path)?;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let e: Entry = serde_json::from_str(line)
            .map_err(|err| format!("{}: line {}: not a trace entry: {err}", path.display(), n + 1))?;
        if function.is_some_and(|f| f != e.function)
            || (failed && (e.result == ERROR_SUCCESS || e.result == ERROR_IO_PENDING))
        {
            continue;
        }
        // As `TraceEntry`'s Display, with the time and the last error.
        let result = match clusapi_sim::error::code_name(e.result) {
            Some(name) => format!("{name} ({})", e.result),
            None => e.result.to_string(),
        };
        let last_error = match e.last_error {
            Some(code) if code != e.result => format!(", last error {code}"),
            _ => String::new(),
        };
        let posted =
            if e.events.is_empty() { String::new() } else { format!(" posted {}", e.events.join(", ")) };
        println!(
            "#{} {}({}) [{}] -> {result}{last_error} @{} ms{posted}",
            e.seq, e.function, e.args, e.face, e.time_ms
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run(
    fixture: Option<PathBuf>,
    strict: bool,
    trace: Option<PathBuf>,
    command: &[std::ffi::OsString],
) -> Outcome {
    let (program, args) = command.split_first().ok_or("run: no program given (after `--`)")?;
    let mut cmd = std::process::Command::new(program);
    cmd.args(args);
    if let Some(f) = fixture {
        // Validated first, so that the mistake is reported here rather than as the child's panic.
        parse_fixture(&f)?;
        cmd.env(clusapi_sim::FIXTURE_ENV, f);
    }
    if strict {
        cmd.env(clusapi_sim::STRICT_ENV, "1");
    }
    if let Some(t) = trace {
        cmd.env(clusapi_sim::TRACE_ENV, t);
    }
    let status = cmd.status().map_err(|e| format!("cannot run {}: {e}", Path::new(program).display()))?;
    if let Some(code) = status.code() {
        return Ok(ExitCode::from(u8::try_from(code & 0xff).unwrap_or(1)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            eprintln!("clusapi-sim: {} was killed by signal {signal}", Path::new(program).display());
            return Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)));
        }
    }
    Ok(ExitCode::FAILURE)
}
