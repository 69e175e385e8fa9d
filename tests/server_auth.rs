//! Server mode's authenticated binds (`clusapi_sim::server::auth`), checked with Samba's
//! `smbtorture` when it is installed: NTLMSSP inside SPNEGO (what `-Uuser%pass` sends) and
//! bare (`[ntlm]`), at the connect, integrity (the default) and privacy (`[seal]`) levels.
//!
//! Invariants pinned:
//! - the configured user with its password gets in at every level, and the whole
//!   `rpc.clusapi` suite passes as far over signed (and sealed) PDUs as anonymously;
//! - a wrong password or another user is refused: `NT_STATUS_LOGON_FAILURE` in SPNEGO (the
//!   `ERROR_ACCESS_DENIED` fault on the `alter_context`), `NT_STATUS_ACCESS_DENIED` on the
//!   first call for bare NTLMSSP (its `rpc_auth_3` has no answer);
//! - anonymous binds (`-U%`) still get in;
//! - without configured credentials any user gets in at the connect level only.

use std::net::SocketAddr;

use clusapi_sim::Sim;
use clusapi_sim::server::auth::Credentials;

/// Starts a server for `sim` checking `creds`, on an ephemeral loopback port.
fn start(sim: &Sim, creds: Credentials) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    let sim = sim.clone();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            let _ = clusapi_sim::server::serve_with(listener, sim, creds).await;
        });
    });
    rx.recv().unwrap()
}

fn alice() -> Credentials {
    Credentials { user: Some(("alice".into(), "s3cret!".into())) }
}

/// Whether smbtorture is here; prints the skip line when not.
fn have_smbtorture() -> bool {
    if std::process::Command::new("smbtorture").arg("--version").output().is_err() {
        println!("SKIPPED: smbtorture not installed (apt-get install samba-testsuite)");
        return false;
    }
    true
}

/// Runs smbtorture on `addr` with binding options `options`, user `user` and `test`; its
/// standard output.
fn torture(addr: SocketAddr, options: &str, user: &str, test: &str) -> String {
    let out = std::process::Command::new("smbtorture")
        .arg(format!("ncacn_ip_tcp:127.0.0.1[{}{options}]", addr.port()))
        .args([&format!("-U{user}"), "--option=torture:dangerous=yes", test])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

fn passes(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("success: ")).count()
}

#[test]
fn the_configured_user_gets_in_at_every_level() {
    if !have_smbtorture() {
        return;
    }
    let addr = start(&Sim::default(), alice());
    for options in ["", ",sign", ",seal", ",connect", ",ntlm", ",ntlm,seal", ",ntlm,connect"] {
        let text = torture(addr, options, "alice%s3cret!", "rpc.clusapi.cluster.OpenCluster");
        assert!(text.contains("success: cluster.OpenCluster"), "[{options}]:\n{text}");
    }
    // The same user name in another case, as Windows compares it.
    let text = torture(addr, "", "ALICE%s3cret!", "rpc.clusapi.cluster.OpenCluster");
    assert!(text.contains("success: cluster.OpenCluster"), "{text}");
}

#[test]
fn the_whole_suite_passes_as_far_signed_and_sealed_as_anonymously() {
    if !have_smbtorture() {
        return;
    }
    // A fresh cluster each: the dangerous subtests leave resources failed.
    let run = |options, user| passes(&torture(start(&Sim::default(), alice()), options, user, "rpc.clusapi"));
    let anonymous = run("", "%");
    let signed = run("", "alice%s3cret!");
    let sealed = run(",seal", "alice%s3cret!");
    println!("rpc.clusapi passes: anonymous {anonymous}, integrity {signed}, privacy {sealed}");
    assert!(anonymous >= 60, "{anonymous}");
    assert_eq!(signed, anonymous);
    assert_eq!(sealed, anonymous);
}

#[test]
fn wrong_credentials_are_refused_with_logon_failure() {
    if !have_smbtorture() {
        return;
    }
    let addr = start(&Sim::default(), alice());
    // SPNEGO's last leg is an alter_context, answered with the fault: the bind fails.
    for (options, user) in
        [("", "alice%wrong"), ("", "bob%s3cret!"), (",seal", "alice%wrong"), (",connect", "alice%")]
    {
        let text = torture(addr, options, user, "rpc.clusapi.cluster.OpenCluster");
        assert!(!text.contains("success: cluster.OpenCluster"), "[{options}] {user}:\n{text}");
        assert!(text.contains("NT_STATUS_LOGON_FAILURE"), "[{options}] {user}:\n{text}");
    }
    // Bare NTLMSSP's last leg is an rpc_auth_3, which has no answer: the first call faults.
    let text = torture(addr, ",ntlm", "alice%wrong", "rpc.clusapi.cluster.OpenCluster");
    assert!(!text.contains("success: cluster.OpenCluster"), "{text}");
    assert!(text.contains("GetClusterName_r(b, tctx, &r) was NT_STATUS_ACCESS_DENIED"), "{text}");
    // Anonymous binds (no auth verifier) are still accepted.
    let text = torture(addr, "", "%", "rpc.clusapi.cluster.OpenCluster");
    assert!(text.contains("success: cluster.OpenCluster"), "{text}");
}

#[test]
fn without_credentials_any_user_gets_in_at_the_connect_level_only() {
    if !have_smbtorture() {
        return;
    }
    let addr = start(&Sim::default(), Credentials::default());
    let text = torture(addr, ",connect", "anyone%anything", "rpc.clusapi.cluster.OpenCluster");
    assert!(text.contains("success: cluster.OpenCluster"), "{text}");
    // Signing needs keys, and the keys need the password.
    let text = torture(addr, "", "anyone%anything", "rpc.clusapi.cluster.OpenCluster");
    assert!(text.contains("NT_STATUS_LOGON_FAILURE"), "{text}");
}
