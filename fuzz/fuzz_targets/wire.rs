//! Arbitrary bytes as DCE/RPC PDUs and as MS-CMRP calls on one connection's session: the PDU
//! decoders and every `Api*` stub decoder must answer or refuse, never panic; and the session's
//! rundown (what a dropped connection does) must leave no simulator handle open.
//!
//! The calls: each is an opnum (2 bytes), a length (1 byte) and that many stub bytes. A stub
//! whose first byte is 0xFF names, by its second byte, one of the context handles earlier
//! answers returned, in place of those two bytes, so that the fuzzer reaches the calls on live
//! handles (the server's handles are unguessable otherwise).
//!
//! `cargo fuzz run wire -s none -- -max_total_time=30` (works on stable).

#![no_main]

use clusapi_sim::Sim;
use clusapi_sim::server::{cmrp::Session, pdu};
use libfuzzer_sys::fuzz_target;

/// The size of a context handle on the wire.
const HANDLE: usize = 20;

fuzz_target!(|data: &[u8]| {
    if let Some(head) = data.first_chunk::<{ pdu::HEADER_LEN }>() {
        if let Ok(h) = pdu::Header::parse(head) {
            let _ = h.body(data);
        }
    }
    let _ = pdu::Bind::parse(data);
    let _ = pdu::Request::parse(data, data.first().copied().unwrap_or(0));

    let sim = Sim::default();
    let mut session = Session::new(sim.clone());
    let mut handles: Vec<[u8; HANDLE]> = Vec::new();
    let mut rest = data;
    while let [lo, hi, len, tail @ ..] = rest {
        let opnum = u16::from_le_bytes([*lo, *hi]) % 0xC0;
        let n = usize::from(*len).min(tail.len());
        let (stub, next) = tail.split_at(n);
        rest = next;
        let stub = match stub {
            [0xFF, k, more @ ..] if !handles.is_empty() => {
                let mut s = handles[usize::from(*k) % handles.len()].to_vec();
                s.extend_from_slice(more);
                s
            }
            _ => stub.to_vec(),
        };
        if let Ok(reply) = session.call(opnum, &stub) {
            // The opens answer their handle last.
            if let Some(h) = reply.last_chunk::<HANDLE>() {
                handles.push(*h);
            }
        }
    }
    session.rundown();
    assert!(sim.harness().open_handles().is_empty(), "the rundown left simulator handles open");
});
