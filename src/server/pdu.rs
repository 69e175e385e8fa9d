//! DCE/RPC connection-oriented PDUs (C706 chapter 12, "Connection-oriented RPC PDUs"; MS-RPCE
//! 2.2.2): the 16-byte common header, bind / alter_context and their acknowledgements,
//! request, response and fault. Little-endian, ASCII, IEEE data representation only (what
//! every Windows and Samba client sends).

use std::fmt;

/// `request` (C706 12.6.4.9).
pub const REQUEST: u8 = 0;
/// `response` (C706 12.6.4.10).
pub const RESPONSE: u8 = 2;
/// `fault` (C706 12.6.4.7).
pub const FAULT: u8 = 3;
/// `bind` (C706 12.6.4.3).
pub const BIND: u8 = 11;
/// `bind_ack` (C706 12.6.4.4).
pub const BIND_ACK: u8 = 12;
/// `bind_nak` (C706 12.6.4.5).
pub const BIND_NAK: u8 = 13;
/// `alter_context` (C706 12.6.4.1).
pub const ALTER_CONTEXT: u8 = 14;
/// `alter_context_resp` (C706 12.6.4.2).
pub const ALTER_CONTEXT_RESP: u8 = 15;
/// `rpc_auth_3` (MS-RPCE 2.2.2.10).
pub const AUTH3: u8 = 16;
/// `shutdown` (C706 12.6.4.11).
pub const SHUTDOWN: u8 = 17;
/// `co_cancel` (C706 12.6.4.6).
pub const CO_CANCEL: u8 = 18;
/// `orphaned` (C706 12.6.4.8).
pub const ORPHANED: u8 = 19;

/// `PFC_FIRST_FRAG`.
pub const PFC_FIRST_FRAG: u8 = 0x01;
/// `PFC_LAST_FRAG`.
pub const PFC_LAST_FRAG: u8 = 0x02;
/// `PFC_DID_NOT_EXECUTE`: a fault for a call that did not run.
pub const PFC_DID_NOT_EXECUTE: u8 = 0x20;
/// `PFC_OBJECT_UUID`: a request carries an object UUID after its opnum.
pub const PFC_OBJECT_UUID: u8 = 0x80;

/// The size of the common header.
pub const HEADER_LEN: usize = 16;
/// The largest fragment this server sends or accepts, as Windows and Samba negotiate it.
pub const MAX_FRAG: u16 = 5840;

/// `nca_s_op_rng_error`: the opnum is not one the server implements (C706 appendix E).
pub const NCA_S_OP_RNG_ERROR: u32 = 0x1c01_0002;
/// `nca_s_unk_if`: the presentation context is not one the server accepted.
pub const NCA_S_UNK_IF: u32 = 0x1c01_0003;
/// `nca_s_proto_error`: the PDU breaks the protocol.
pub const NCA_S_PROTO_ERROR: u32 = 0x1c01_000b;
/// `nca_s_fault_context_mismatch`: a context handle the server never issued (or of another
/// type), what the RPC runtime answers before the server routine runs.
pub const NCA_S_FAULT_CONTEXT_MISMATCH: u32 = 0x1c00_001a;
/// `RPC_X_BAD_STUB_DATA` (1783, `nca_s_fault_ndr`): the stub data does not decode.
pub const RPC_X_BAD_STUB_DATA: u32 = 0x0000_06f7;

/// A presentation syntax: an interface or transfer syntax UUID (in its NDR wire layout) and
/// its version (major in the low 16 bits, minor in the high 16).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SyntaxId {
    /// The UUID, as it travels.
    pub uuid: [u8; 16],
    /// `if_version`.
    pub version: u32,
}

impl fmt::Debug for SyntaxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = &self.uuid;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:02x}{:02x}-{:02x}{:02x}{:02x}{:02x}{:02x}{:02x} v{}.{}",
            u32::from_le_bytes([u[0], u[1], u[2], u[3]]),
            u16::from_le_bytes([u[4], u[5]]),
            u16::from_le_bytes([u[6], u[7]]),
            u[8],
            u[9],
            u[10],
            u[11],
            u[12],
            u[13],
            u[14],
            u[15],
            self.version & 0xffff,
            self.version >> 16
        )
    }
}

/// A UUID in its NDR wire layout (the first three fields little-endian).
pub const fn uuid(d1: u32, d2: u16, d3: u16, d4: [u8; 8]) -> [u8; 16] {
    let a = d1.to_le_bytes();
    let b = d2.to_le_bytes();
    let c = d3.to_le_bytes();
    [a[0], a[1], a[2], a[3], b[0], b[1], c[0], c[1], d4[0], d4[1], d4[2], d4[3], d4[4], d4[5], d4[6], d4[7]]
}

/// NDR 2.0, 8a885d04-1ceb-11c9-9fe8-08002b104860 v2 (C706 appendix I).
pub const NDR20: SyntaxId = SyntaxId {
    uuid: uuid(0x8a88_5d04, 0x1ceb, 0x11c9, [0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60]),
    version: 2,
};

/// Whether `s` is a bind time feature negotiation syntax, 6cb71c2c-9812-4540-xxxx-000000000000
/// (MS-RPCE 3.3.1.5.3): its features are the two bytes after the prefix.
pub fn bind_time_features(s: &SyntaxId) -> Option<u16> {
    const PREFIX: [u8; 8] = {
        let u = uuid(0x6cb7_1c2c, 0x9812, 0x4540, [0; 8]);
        [u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7]]
    };
    (s.uuid[..8] == PREFIX && s.uuid[10..] == [0; 6]).then(|| u16::from_le_bytes([s.uuid[8], s.uuid[9]]))
}

/// Why a PDU could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PduError {
    /// Not DCE/RPC 5.0, not little-endian, or a length that does not fit.
    Malformed(&'static str),
}

impl fmt::Display for PduError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PduError::Malformed(why) => write!(f, "malformed PDU: {why}"),
        }
    }
}

impl std::error::Error for PduError {}

/// The common header of every connection-oriented PDU (C706 12.6.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The PDU type.
    pub ptype: u8,
    /// `pfc_flags`.
    pub flags: u8,
    /// `frag_length`: the whole PDU, header included.
    pub frag_len: u16,
    /// `auth_length`: the credentials after the auth trailer.
    pub auth_len: u16,
    /// `call_id`.
    pub call_id: u32,
}

impl Header {
    /// Reads a header.
    ///
    /// # Errors
    /// [`PduError::Malformed`] for another protocol version, big-endian or non-ASCII data
    /// representation, or a fragment length shorter than the header or longer than
    /// [`MAX_FRAG`] allows for the body and trailer.
    pub fn parse(b: &[u8; HEADER_LEN]) -> Result<Header, PduError> {
        if b[0] != 5 || b[1] != 0 {
            return Err(PduError::Malformed("not DCE/RPC version 5.0"));
        }
        // drep: integer and character representation in byte 0, float in byte 1.
        if b[4] != 0x10 {
            return Err(PduError::Malformed("only little-endian ASCII data representation is served"));
        }
        let frag_len = u16::from_le_bytes([b[8], b[9]]);
        let auth_len = u16::from_le_bytes([b[10], b[11]]);
        if usize::from(frag_len) < HEADER_LEN + usize::from(auth_len) + if auth_len > 0 { 8 } else { 0 } {
            return Err(PduError::Malformed("frag_length shorter than its header and credentials"));
        }
        Ok(Header {
            ptype: b[2],
            flags: b[3],
            frag_len,
            auth_len,
            call_id: u32::from_le_bytes([b[12], b[13], b[14], b[15]]),
        })
    }

    /// The body of a PDU of this header (`pdu` is the whole fragment): what lies between the
    /// header and the auth trailer.
    pub fn body<'a>(&self, pdu: &'a [u8]) -> &'a [u8] {
        let trailer = if self.auth_len > 0 { usize::from(self.auth_len) + 8 } else { 0 };
        let end = pdu.len().saturating_sub(trailer).max(HEADER_LEN);
        &pdu[HEADER_LEN..end]
    }
}

/// Writes a common header with a zero `frag_length`, to be patched by [`finish`].
fn begin(out: &mut Vec<u8>, ptype: u8, flags: u8, call_id: u32) {
    out.extend_from_slice(&[5, 0, ptype, flags, 0x10, 0, 0, 0, 0, 0, 0, 0]);
    out.extend_from_slice(&call_id.to_le_bytes());
}

/// Patches the `frag_length` of the PDU that starts at `start`.
fn finish(out: &mut [u8], start: usize) {
    let len = u16::try_from(out.len() - start).unwrap_or(u16::MAX);
    out[start + 8..start + 10].copy_from_slice(&len.to_le_bytes());
}

/// A little cursor over a PDU body.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], PduError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or(PduError::Malformed("body shorter than its fields"))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, PduError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, PduError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, PduError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn syntax(&mut self) -> Result<SyntaxId, PduError> {
        let mut uuid = [0; 16];
        uuid.copy_from_slice(self.take(16)?);
        Ok(SyntaxId { uuid, version: self.u32()? })
    }
}

/// One presentation context of a bind (`p_cont_elem_t`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// `p_cont_id`.
    pub id: u16,
    /// The interface.
    pub abstract_syntax: SyntaxId,
    /// The transfer syntaxes offered, in the client's order.
    pub transfer: Vec<SyntaxId>,
}

/// A `bind` or `alter_context` body (C706 12.6.4.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bind {
    /// `max_xmit_frag`: the largest fragment the client sends.
    pub max_xmit: u16,
    /// `max_recv_frag`: the largest fragment the client accepts.
    pub max_recv: u16,
    /// `assoc_group_id`.
    pub assoc_group: u32,
    /// The presentation contexts.
    pub contexts: Vec<Context>,
}

impl Bind {
    /// Reads a bind or alter_context body.
    ///
    /// # Errors
    /// [`PduError::Malformed`] when it is shorter than its counts say.
    pub fn parse(body: &[u8]) -> Result<Bind, PduError> {
        let mut r = Reader { b: body, pos: 0 };
        let max_xmit = r.u16()?;
        let max_recv = r.u16()?;
        let assoc_group = r.u32()?;
        let n = r.u8()?;
        r.take(3)?;
        let mut contexts = Vec::with_capacity(usize::from(n));
        for _ in 0..n {
            let id = r.u16()?;
            let n_transfer = r.u8()?;
            r.u8()?;
            let abstract_syntax = r.syntax()?;
            let transfer = (0..n_transfer).map(|_| r.syntax()).collect::<Result<_, _>>()?;
            contexts.push(Context { id, abstract_syntax, transfer });
        }
        Ok(Bind { max_xmit, max_recv, assoc_group, contexts })
    }
}

/// The result of one presentation context (`p_result_t`, C706 12.6.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContextResult {
    /// 0 acceptance, 2 provider rejection, 3 negotiate ack (MS-RPCE 2.2.2.4).
    pub result: u16,
    /// The rejection reason, or the bind time features acknowledged.
    pub reason: u16,
    /// The transfer syntax accepted (zeros when rejected).
    pub transfer: SyntaxId,
}

/// Writes a `bind_ack` or `alter_context_resp`.
pub fn bind_ack(
    out: &mut Vec<u8>,
    ptype: u8,
    call_id: u32,
    (max_xmit, max_recv, assoc_group): (u16, u16, u32),
    secondary_address: &str,
    results: &[ContextResult],
) {
    let start = out.len();
    begin(out, ptype, PFC_FIRST_FRAG | PFC_LAST_FRAG, call_id);
    out.extend_from_slice(&max_xmit.to_le_bytes());
    out.extend_from_slice(&max_recv.to_le_bytes());
    out.extend_from_slice(&assoc_group.to_le_bytes());
    if secondary_address.is_empty() {
        out.extend_from_slice(&0u16.to_le_bytes());
    } else {
        let len = u16::try_from(secondary_address.len() + 1).unwrap_or(0);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(secondary_address.as_bytes());
        out.push(0);
    }
    while (out.len() - start) % 4 != 0 {
        out.push(0);
    }
    out.push(u8::try_from(results.len()).unwrap_or(u8::MAX));
    out.extend_from_slice(&[0; 3]);
    for r in results {
        out.extend_from_slice(&r.result.to_le_bytes());
        out.extend_from_slice(&r.reason.to_le_bytes());
        out.extend_from_slice(&r.transfer.uuid);
        out.extend_from_slice(&r.transfer.version.to_le_bytes());
    }
    finish(out, start);
}

/// Writes a `bind_nak` with `reason` (C706 12.6.4.5; 0 "reason not specified") and the one
/// protocol version this server supports.
pub fn bind_nak(out: &mut Vec<u8>, call_id: u32, reason: u16) {
    let start = out.len();
    begin(out, BIND_NAK, PFC_FIRST_FRAG | PFC_LAST_FRAG, call_id);
    out.extend_from_slice(&reason.to_le_bytes());
    out.extend_from_slice(&[1, 5, 0]);
    finish(out, start);
}

/// A `request` body (C706 12.6.4.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request<'a> {
    /// `p_cont_id`.
    pub context: u16,
    /// `opnum`.
    pub opnum: u16,
    /// The stub data of this fragment.
    pub stub: &'a [u8],
}

impl<'a> Request<'a> {
    /// Reads a request body; `flags` are the header's.
    ///
    /// # Errors
    /// [`PduError::Malformed`] when it is shorter than its fixed fields.
    pub fn parse(body: &'a [u8], flags: u8) -> Result<Request<'a>, PduError> {
        let mut r = Reader { b: body, pos: 0 };
        let _alloc_hint = r.u32()?;
        let context = r.u16()?;
        let opnum = r.u16()?;
        if flags & PFC_OBJECT_UUID != 0 {
            r.take(16)?;
        }
        Ok(Request { context, opnum, stub: &body[r.pos..] })
    }
}

/// Writes the `response` fragments of a call: stub data cut into pieces that keep each PDU
/// within `max_frag` (a multiple of 8 each but the last, C706 12.6.4.10).
pub fn response(out: &mut Vec<u8>, call_id: u32, context: u16, stub: &[u8], max_frag: u16) {
    const FIXED: usize = HEADER_LEN + 8;
    let room = (usize::from(max_frag).max(FIXED + 8) - FIXED) & !7;
    let mut offset = 0;
    loop {
        let piece = (stub.len() - offset).min(room);
        let mut flags = 0;
        if offset == 0 {
            flags |= PFC_FIRST_FRAG;
        }
        if offset + piece == stub.len() {
            flags |= PFC_LAST_FRAG;
        }
        let start = out.len();
        begin(out, RESPONSE, flags, call_id);
        let hint = u32::try_from(stub.len() - offset).unwrap_or(u32::MAX);
        out.extend_from_slice(&hint.to_le_bytes());
        out.extend_from_slice(&context.to_le_bytes());
        out.extend_from_slice(&[0, 0]); // cancel_count, reserved
        out.extend_from_slice(&stub[offset..offset + piece]);
        finish(out, start);
        offset += piece;
        if offset == stub.len() {
            break;
        }
    }
}

/// Writes a `fault` with `status` (C706 12.6.4.7).
pub fn fault(out: &mut Vec<u8>, call_id: u32, context: u16, status: u32) {
    let start = out.len();
    begin(out, FAULT, PFC_FIRST_FRAG | PFC_LAST_FRAG | PFC_DID_NOT_EXECUTE, call_id);
    out.extend_from_slice(&0u32.to_le_bytes()); // alloc_hint
    out.extend_from_slice(&context.to_le_bytes());
    out.extend_from_slice(&[0, 0]); // cancel_count, reserved
    out.extend_from_slice(&status.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    finish(out, start);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_fragments_fit_and_reassemble() {
        let stub: Vec<u8> = (0..20_000u32).map(|i| i as u8).collect();
        let mut out = Vec::new();
        response(&mut out, 7, 0, &stub, 1024);
        let mut back = Vec::new();
        let mut at = 0;
        while at < out.len() {
            let h = Header::parse(out[at..at + 16].try_into().unwrap()).unwrap();
            assert!(h.frag_len <= 1024);
            back.extend_from_slice(&out[at + 24..at + usize::from(h.frag_len)]);
            at += usize::from(h.frag_len);
        }
        assert_eq!(back, stub);
    }

    #[test]
    fn truncated_bind_is_malformed() {
        assert!(Bind::parse(&[0; 12]).is_ok(), "no contexts");
        assert!(Bind::parse(&[0; 11]).is_err());
        assert!(Bind::parse(&[0xb8, 0x10, 0xb8, 0x10, 0, 0, 0, 0, 2, 0, 0, 0, 0]).is_err());
    }

    #[test]
    fn btfn_syntax_is_recognised() {
        let s = SyntaxId { uuid: uuid(0x6cb7_1c2c, 0x9812, 0x4540, [3, 0, 0, 0, 0, 0, 0, 0]), version: 1 };
        assert_eq!(bind_time_features(&s), Some(3));
        assert_eq!(bind_time_features(&NDR20), None);
    }
}
