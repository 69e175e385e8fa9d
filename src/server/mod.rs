//! Server mode: the simulated cluster over the real wire protocol, MS-CMRP (the Failover
//! Cluster Management API protocol, version 3) over DCE/RPC `ncacn_ip_tcp`, so that clients
//! in other processes and languages (Samba's `rpcclient` and `smbtorture`, or a test written
//! against the protocol) share one [`Sim`].
//!
//! ```no_run
//! # #[allow(dead_code)]
//! # async fn run() -> std::io::Result<()> {
//! let sim = clusapi_sim::Sim::default();
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! println!("ncacn_ip_tcp:127.0.0.1[{}]", listener.local_addr()?.port());
//! clusapi_sim::server::serve(listener, sim).await
//! # }
//! ```
//!
//! # What it does
//!
//! - DCE/RPC connection-oriented PDUs (C706 chapter 12, MS-RPCE 2.2.2): bind and
//!   alter_context with presentation context negotiation (NDR 2.0 only; bind time feature
//!   negotiation answered with a negotiate ack of no features), fragmented requests
//!   reassembled, responses fragmented to the negotiated `max_xmit_frag`, faults.
//! - The interfaces: MS-CMRP v3.0 ([`cmrp`]'s opnums) and the endpoint mapper's `ept_map`
//!   ([`epm`]), on every listener.
//! - Each call is one or a few [`Sim`] calls, made on the connection's task (each is short
//!   and never blocks); results carry the same Win32 codes as the in-process faces, in
//!   `Status`, `rpc_status` and the return value where the IDL puts them.
//! - Notifications: ApiCreateNotify, the ApiAddNotify* and ApiReAddNotify* calls (registry
//!   keys with ApiAddNotifyKey) and ApiGetNotify feed from the simulator's notification ports;
//!   the v2 calls (ApiCreateNotifyV2, ApiAddNotifyV2 targeted at an object or cluster-wide,
//!   ApiAddNotifyResourceTypeV2, ApiGetNotifyV2) from its v2 ports. ApiGetNotify and
//!   ApiGetNotifyV2 wait for an event (polling the port, never blocking a thread under the
//!   simulator's lock).
//! - Registry batches: ApiExecuteBatch and ApiExecuteReadBatch run a `CLUSTER_REG_BATCH_UPDATE`
//!   (MS-CMRP 2.2.3.17) through the simulator's batch API; ApiCreateBatchPort,
//!   ApiGetBatchNotification and ApiCloseBatchPort serve its batch notification ports.
//! - Context handles are simulator handles; a connection that drops runs its handles down,
//!   closing every one (C706 context rundown), so [`Harness::open_handles`] is empty again.
//!
//! # What is not verified
//!
//! Authentication: binds without credentials (`-U%` in Samba's tools) are accepted; NTLMSSP
//! binds, bare or in SPNEGO, at the connect, integrity and privacy levels are authenticated
//! (and signed, and sealed) as [`auth`] says, against the [`auth::Credentials`] given to
//! [`serve_with`]; Kerberos is refused. There are no access checks
//! beyond that: `MAXIMUM_ALLOWED` is granted `CLUSAPI_ALL_ACCESS`.
//!
//! [`Harness::open_handles`]: crate::Harness::open_handles

pub mod auth;
pub mod cmrp;
pub mod epm;
pub mod ndr;
pub mod pdu;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::Sim;
use pdu::{ContextResult, Header, PduError, SyntaxId};

/// MS-CMRP, b97db8b2-4c63-11cf-bff6-08002be23f2f v3.0 (MS-CMRP 1.9; Samba's `clusapi.idl`).
pub const CLUSAPI: SyntaxId = SyntaxId {
    uuid: pdu::uuid(0xb97d_b8b2, 0x4c63, 0x11cf, [0xbf, 0xf6, 0x08, 0x00, 0x2b, 0xe2, 0x3f, 0x2f]),
    version: 3,
};

/// The endpoint mapper, e1af8308-5d1f-11c9-91a4-08002b14a0fa v3.0 (C706 appendix O).
pub const EPM: SyntaxId = SyntaxId {
    uuid: pdu::uuid(0xe1af_8308, 0x5d1f, 0x11c9, [0x91, 0xa4, 0x08, 0x00, 0x2b, 0x14, 0xa0, 0xfa]),
    version: 3,
};

/// How often a waiting `ApiGetNotify` (or `ApiGetNotifyV2`) looks at its port again.
const NOTIFY_POLL: std::time::Duration = std::time::Duration::from_millis(5);

/// The largest request stub reassembled from fragments; a larger one ends the connection.
pub const MAX_REQUEST: usize = 4 << 20;

/// Serves MS-CMRP (and the endpoint mapper) on `listener` until it fails, one task per
/// connection, all on `sim`.
///
/// # Errors
/// The listener's accept error.
pub async fn serve(listener: TcpListener, sim: Sim) -> std::io::Result<()> {
    serve_with(listener, sim, auth::Credentials::default()).await
}

/// [`serve`], with authenticated binds checked against `creds` (see [`auth`]).
///
/// # Errors
/// The listener's accept error.
pub async fn serve_with(listener: TcpListener, sim: Sim, creds: auth::Credentials) -> std::io::Result<()> {
    let port = listener.local_addr()?.port();
    let creds = std::sync::Arc::new(creds);
    loop {
        let (stream, _) = listener.accept().await?;
        let sim = sim.clone();
        let creds = creds.clone();
        tokio::spawn(async move {
            let _ = connection(stream, sim, port, &creds).await;
        });
    }
}

/// Serves the endpoint mapper alone on `listener`, pointing clients at `clusapi_port`
/// (`ncacn_ip_tcp:host` without a port asks the mapper on port 135, or the port given).
///
/// # Errors
/// The listener's accept error.
pub async fn serve_epm(listener: TcpListener, sim: Sim, clusapi_port: u16) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let sim = sim.clone();
        tokio::spawn(async move {
            let _ = connection(stream, sim, clusapi_port, &auth::Credentials::default()).await;
        });
    }
}

/// Which interface a presentation context was bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Interface {
    Clusapi,
    Epm,
}

/// Association group ids handed out, so that each association has its own.
static ASSOC: AtomicU32 = AtomicU32::new(0x1234);

/// One connection: binds, then calls, until the client hangs up or breaks the protocol. The
/// session's handles are run down when it ends, however it ends.
async fn connection(
    mut stream: TcpStream,
    sim: Sim,
    clusapi_port: u16,
    creds: &auth::Credentials,
) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let seed = sim.seed();
    let mut session = cmrp::Session::new(sim);
    let mut security: Option<auth::Auth> = None;
    let clusapi = std::net::SocketAddr::new(stream.local_addr()?.ip(), clusapi_port);
    let mut contexts: HashMap<u16, Interface> = HashMap::new();
    let mut max_xmit = pdu::MAX_FRAG;
    let mut pending: Option<(u32, u16, u16, Vec<u8>)> = None;
    let mut buf = vec![0u8; usize::from(u16::MAX)];
    let mut out = Vec::new();
    loop {
        let mut head = [0u8; pdu::HEADER_LEN];
        if stream.read_exact(&mut head).await.is_err() {
            return Ok(());
        }
        let h = Header::parse(&head).map_err(invalid)?;
        let len = usize::from(h.frag_len);
        buf[..pdu::HEADER_LEN].copy_from_slice(&head);
        stream.read_exact(&mut buf[pdu::HEADER_LEN..len]).await?;
        // A request's signature (and sealing) is checked before anything reads it.
        let mut pad = 0;
        if let (pdu::REQUEST, Some(a)) = (h.ptype, security.as_mut()) {
            match a.check_request(&mut buf[..len], h.auth_len) {
                Ok(p) => pad = p,
                Err(refusal) => {
                    let status = match refusal {
                        auth::Refusal::Fault(s) => s,
                        auth::Refusal::Nak(_) => auth::FAULT_ACCESS_DENIED,
                    };
                    out.clear();
                    pdu::fault(&mut out, h.call_id, 0, status);
                    stream.write_all(&out).await?;
                    return Ok(());
                }
            }
        }
        let frag = &buf[..len];
        let mut body = h.body(frag);
        let trailer = auth::trailer(frag, h.auth_len);
        out.clear();
        match h.ptype {
            pdu::BIND | pdu::ALTER_CONTEXT => {
                let bind = pdu::Bind::parse(body).map_err(invalid)?;
                // The auth_value of the acknowledgement, for an authenticated bind.
                let mut value = None;
                match (&trailer, h.ptype, security.as_mut()) {
                    (None, _, _) => {}
                    (Some(t), pdu::BIND, _) => {
                        let n = u64::from(ASSOC.fetch_add(1, Ordering::Relaxed));
                        match auth::Auth::bind(creds, t, seed ^ n.rotate_left(32) ^ 0x636c_7573_6170_6921) {
                            Ok((a, v)) => {
                                security = Some(a);
                                value = Some(v);
                            }
                            Err(refusal) => {
                                let reason = match refusal {
                                    auth::Refusal::Nak(reason) => reason,
                                    auth::Refusal::Fault(_) => 0,
                                };
                                pdu::bind_nak(&mut out, h.call_id, reason);
                                stream.write_all(&out).await?;
                                continue;
                            }
                        }
                    }
                    (Some(t), _, Some(a)) if !a.done() => match a.authenticate(t) {
                        Ok(v) => value = Some(v),
                        Err(_) => {
                            pdu::fault(&mut out, h.call_id, 0, auth::FAULT_ACCESS_DENIED);
                            stream.write_all(&out).await?;
                            return Ok(());
                        }
                    },
                    // A later alter_context keeps the authentication already made.
                    (Some(_), _, Some(_)) => value = Some(Vec::new()),
                    (Some(_), _, None) => {
                        pdu::fault(&mut out, h.call_id, 0, auth::FAULT_ACCESS_DENIED);
                        stream.write_all(&out).await?;
                        return Ok(());
                    }
                }
                {
                    let results = negotiate(&bind, &mut contexts);
                    if h.ptype == pdu::BIND {
                        max_xmit = bind.max_recv.clamp(1024, pdu::MAX_FRAG);
                    }
                    let recv = bind.max_xmit.clamp(1024, pdu::MAX_FRAG);
                    let assoc = if bind.assoc_group != 0 {
                        bind.assoc_group
                    } else {
                        ASSOC.fetch_add(1, Ordering::Relaxed)
                    };
                    let (ptype, address) = if h.ptype == pdu::BIND {
                        (pdu::BIND_ACK, clusapi_port.to_string())
                    } else {
                        (pdu::ALTER_CONTEXT_RESP, String::new())
                    };
                    pdu::bind_ack(&mut out, ptype, h.call_id, (max_xmit, recv, assoc), &address, &results);
                    if let (Some(v), Some(a)) = (value, security.as_ref()) {
                        if !v.is_empty() {
                            auth::append_trailer(&mut out, 0, a, &v);
                        }
                    }
                }
            }
            pdu::REQUEST => {
                body = &body[..body.len().saturating_sub(pad)];
                let req = pdu::Request::parse(body, h.flags).map_err(invalid)?;
                if h.flags & pdu::PFC_FIRST_FRAG != 0 {
                    pending = Some((h.call_id, req.context, req.opnum, Vec::new()));
                }
                let Some((call_id, _, _, stub)) = pending.as_mut() else {
                    return Err(invalid(PduError::Malformed("a request fragment without its first")));
                };
                if *call_id != h.call_id || stub.len() + req.stub.len() > MAX_REQUEST {
                    return Err(invalid(PduError::Malformed("interleaved or oversized request")));
                }
                stub.extend_from_slice(req.stub);
                if h.flags & pdu::PFC_LAST_FRAG == 0 {
                    continue;
                }
                let (call_id, context, opnum, stub) = pending.take().unwrap_or_default();
                let result = match contexts.get(&context) {
                    // ApiGetNotify waits for an event; a client that hangs up ends the wait.
                    Some(Interface::Clusapi) if cmrp::Session::waits(opnum) => loop {
                        match session.poll_wait(opnum, &stub) {
                            Ok(None) => {}
                            other => break other.map(Option::unwrap_or_default),
                        }
                        let mut probe = [0u8; 1];
                        tokio::select! {
                            () = tokio::time::sleep(NOTIFY_POLL) => {}
                            n = stream.peek(&mut probe) => match n {
                                Ok(0) | Err(_) => return Ok(()),
                                // A request sent while this one waits: read after the wait.
                                Ok(_) => tokio::time::sleep(NOTIFY_POLL).await,
                            },
                        }
                    },
                    Some(Interface::Clusapi) => session.call(opnum, &stub),
                    Some(Interface::Epm) => epm::call(opnum, &stub, clusapi),
                    None => Err(pdu::NCA_S_UNK_IF),
                };
                match result {
                    Ok(reply) => {
                        let signing = security.as_ref().is_some_and(auth::Auth::signing);
                        let room = if signing { max_xmit - 8 - 16 - 16 } else { max_xmit };
                        pdu::response(&mut out, call_id, context, &reply, room);
                        if let Some(a) = security.as_mut() {
                            a.sign_responses(&mut out, 0);
                        }
                    }
                    Err(status) => pdu::fault(&mut out, call_id, context, status),
                }
            }
            pdu::AUTH3 => {
                // No answer either way: a refusal shows on the next request.
                if let (Some(t), Some(a)) = (&trailer, security.as_mut()) {
                    if !a.done() {
                        let _ = a.authenticate(t);
                    }
                }
                continue;
            }
            pdu::CO_CANCEL | pdu::ORPHANED => continue,
            pdu::SHUTDOWN => return Ok(()),
            _ => return Err(invalid(PduError::Malformed("a PDU type a server does not receive"))),
        }
        stream.write_all(&out).await?;
    }
}

/// The results of a bind's presentation contexts; the accepted ones join `contexts`.
fn negotiate(bind: &pdu::Bind, contexts: &mut HashMap<u16, Interface>) -> Vec<ContextResult> {
    const ZERO: SyntaxId = SyntaxId { uuid: [0; 16], version: 0 };
    bind.contexts
        .iter()
        .map(|c| {
            if pdu::bind_time_features(&c.abstract_syntax).is_some() {
                // MS-RPCE 3.3.1.5.3: acknowledge, supporting none of the features.
                return ContextResult { result: 3, reason: 0, transfer: ZERO };
            }
            let iface = match c.abstract_syntax {
                s if s == CLUSAPI => Interface::Clusapi,
                s if s == EPM => Interface::Epm,
                // provider rejection: abstract syntax not supported
                _ => return ContextResult { result: 2, reason: 1, transfer: ZERO },
            };
            if !c.transfer.contains(&pdu::NDR20) {
                // provider rejection: proposed transfer syntaxes not supported
                return ContextResult { result: 2, reason: 2, transfer: ZERO };
            }
            contexts.insert(c.id, iface);
            ContextResult { result: 0, reason: 0, transfer: pdu::NDR20 }
        })
        .collect()
}

fn invalid(e: PduError) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, e)
}
