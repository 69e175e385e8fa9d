//! Authenticated binds: NTLMSSP (MS-NLMP), directly (`auth_type` 10) or inside SPNEGO
//! (`auth_type` 9, RFC 4178, what Samba's tools send with `-Uuser%pass`), at the
//! `connect` (2), `integrity` (5) and `privacy` (6) levels (MS-RPCE 2.2.2.11, the
//! `sec_trailer`).
//!
//! The server's side of the three legs: the bind carries NEGOTIATE, the `bind_ack` carries
//! CHALLENGE, and `rpc_auth_3` or `alter_context` carries AUTHENTICATE (answered, for SPNEGO,
//! with an accept-completed token in the `alter_context_resp`).
//!
//! # What is verified
//!
//! - With [`Credentials`] configured (`clusapi-sim serve --user U --password P`): the
//!   user name (case-insensitively; any domain) and its NTLMv2 response (NTProofStr over the
//!   server challenge, MS-NLMP 3.3.2). Anything else (another user, a wrong password,
//!   NTLMv1, LM only) is refused: a `fault` with `ERROR_ACCESS_DENIED` (5) on the
//!   `alter_context`, or on the first request after an `rpc_auth_3`, then the connection
//!   closes, as Samba's and Windows' servers do. Anonymous NTLMSSP (an empty user) is
//!   accepted at the `connect` level.
//! - At the `integrity` and `privacy` levels: every request's signature (HMAC-MD5 with the client's
//!   signing key and sequence number, RC4 with the sealing key when the key exchange was
//!   negotiated); a bad one gets a `fault` with `nca_s_fault_sec_pkg_error` and the
//!   connection closes. Every response is signed the same way with the server's keys. At
//!   `privacy` the stubs are also sealed (RC4 with the sealing keys), both ways.
//! - Without configured credentials, any user and password is accepted at the `connect`
//!   level (not verified); `integrity` and `privacy` need the password to derive the keys,
//!   so there it is refused like a wrong password.
//!
//! # What is not
//!
//! Kerberos and other authentication types, and the levels below `connect`, are refused with
//! `bind_nak`. The NTLMSSP MIC and SPNEGO's `mechListMIC` are not checked (the
//! CHALLENGE carries no timestamp, so clients send neither). The SPNEGO tokens are read only
//! as far as finding the NTLMSSP message inside.

use hmac::{Hmac, Mac};
use md4::Md4;
use md5::{Digest, Md5};
use rc4::consts::U16;
use rc4::{KeyInit, Rc4, StreamCipher};

/// `RPC_C_AUTHN_GSS_NEGOTIATE`: SPNEGO.
pub const AUTH_SPNEGO: u8 = 9;
/// `RPC_C_AUTHN_WINNT`: NTLMSSP.
pub const AUTH_NTLMSSP: u8 = 10;
/// `RPC_C_AUTHN_LEVEL_CONNECT`.
pub const LEVEL_CONNECT: u8 = 2;
/// `RPC_C_AUTHN_LEVEL_PKT_INTEGRITY`.
pub const LEVEL_INTEGRITY: u8 = 5;
/// `RPC_C_AUTHN_LEVEL_PKT_PRIVACY`.
pub const LEVEL_PRIVACY: u8 = 6;
/// `ERROR_ACCESS_DENIED` as a DCE/RPC fault status (`nca_s_fault_access_denied` in Samba).
pub const FAULT_ACCESS_DENIED: u32 = 5;
/// `nca_s_fault_sec_pkg_error`: a signature that does not check.
pub const FAULT_SEC_PKG_ERROR: u32 = 0x0000_0721;
/// The size of an NTLMSSP signature.
pub const SIG_LEN: usize = 16;

const NTLMSSP_OID: [u8; 12] = [0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a];

const UNICODE: u32 = 0x1;
const REQUEST_TARGET: u32 = 0x4;
const SIGN: u32 = 0x10;
const SEAL: u32 = 0x20;
const NTLM: u32 = 0x200;
const ALWAYS_SIGN: u32 = 0x8000;
const TARGET_TYPE_DOMAIN: u32 = 0x1_0000;
const ESS: u32 = 0x8_0000;
const TARGET_INFO: u32 = 0x80_0000;
const VERSION: u32 = 0x200_0000;
const N128: u32 = 0x2000_0000;
const KEY_EXCH: u32 = 0x4000_0000;
const N56: u32 = 0x8000_0000;

/// The domain and computer names the CHALLENGE announces.
const DOMAIN: &str = "CLUSAPI-SIM";
const COMPUTER: &str = "CLUSAPI-SIM";

/// The one user and password that authenticated binds must present (MS-NLMP NTLMv2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credentials {
    /// `Some((user, password))`: only this user with this password gets in; `None`: any
    /// user is let in without verification, at the `connect` level only.
    pub user: Option<(String, String)>,
}

/// A `sec_trailer` and the `auth_value` after it (MS-RPCE 2.2.2.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trailer<'a> {
    /// `auth_type`.
    pub auth_type: u8,
    /// `auth_level`.
    pub level: u8,
    /// `auth_pad_length`: padding before the trailer.
    pub pad: u8,
    /// `auth_context_id`.
    pub context_id: u32,
    /// The credentials.
    pub value: &'a [u8],
}

/// The trailer of a whole PDU `pdu` whose header says `auth_len`, if it has one.
pub fn trailer(pdu: &[u8], auth_len: u16) -> Option<Trailer<'_>> {
    let n = usize::from(auth_len);
    if n == 0 || pdu.len() < 16 + 8 + n {
        return None;
    }
    let t = &pdu[pdu.len() - n - 8..];
    Some(Trailer {
        auth_type: t[0],
        level: t[1],
        pad: t[2],
        context_id: u32::from_le_bytes([t[4], t[5], t[6], t[7]]),
        value: &t[8..],
    })
}

fn hmac_md5(key: &[u8], parts: &[&[u8]]) -> [u8; 16] {
    let mut m = <Hmac<Md5> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// NTOWFv2 (MS-NLMP 3.3.2): HMAC_MD5(MD4(UNICODE(password)), UNICODE(UPPER(user) + domain)).
pub fn ntowf_v2(user: &str, password: &str, domain: &str) -> [u8; 16] {
    let nt: [u8; 16] = Md4::digest(utf16(password)).into();
    hmac_md5(&nt, &[&utf16(&(user.to_uppercase() + domain))])
}

fn rc4(key: &[u8; 16]) -> Rc4<U16> {
    Rc4::new(key.into())
}

/// A field of an NTLMSSP message: (length, max length, offset) at `at`.
fn field(msg: &[u8], at: usize) -> Option<&[u8]> {
    let f = msg.get(at..at + 8)?;
    let len = usize::from(u16::from_le_bytes([f[0], f[1]]));
    let off = usize::try_from(u32::from_le_bytes([f[4], f[5], f[6], f[7]])).ok()?;
    msg.get(off..off.checked_add(len)?)
}

fn from_utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// A DER length.
fn der_len(out: &mut Vec<u8>, n: usize) {
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
}

fn der(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    der_len(&mut out, content.len());
    out.extend_from_slice(content);
    out
}

/// A SPNEGO `negTokenResp` (RFC 4178 4.2.2): `state` 0 accept-completed, 1 accept-incomplete.
fn neg_token_resp(state: u8, token: Option<&[u8]>) -> Vec<u8> {
    let mut seq = der(0xa0, &[0x0a, 0x01, state]);
    if let Some(t) = token {
        seq.extend(der(0xa1, &NTLMSSP_OID));
        seq.extend(der(0xa2, &der(0x04, t)));
    }
    der(0xa1, &der(0x30, &seq))
}

/// The NTLMSSP message in a credential: the token itself, or the one a SPNEGO token wraps.
/// NTLMSSP messages locate their fields by offsets, so whatever follows is ignored.
fn ntlmssp(auth_type: u8, value: &[u8]) -> Option<&[u8]> {
    const SIG: &[u8] = b"NTLMSSP\0";
    match auth_type {
        AUTH_NTLMSSP => value.starts_with(SIG).then_some(value),
        AUTH_SPNEGO if matches!(value.first(), Some(0x60 | 0xa1)) => {
            let at = value.windows(SIG.len()).position(|w| w == SIG)?;
            Some(&value[at..])
        }
        _ => None,
    }
}

/// Why an authentication was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The bind: answer `bind_nak` with this reason (8: authentication type not recognised).
    Nak(u16),
    /// A later leg or a request: a `fault` with this status, then close the connection.
    Fault(u32),
}

/// The keys of one direction (MS-NLMP 3.4.5.2 and 3.4.5.3).
struct Keys {
    sign: [u8; 16],
    seal: Rc4<U16>,
    seq: u32,
}

impl Keys {
    fn new(session: &[u8; 16], sign_magic: &[u8], seal_magic: &[u8]) -> Keys {
        let sign: [u8; 16] = Md5::new().chain_update(session).chain_update(sign_magic).finalize().into();
        let seal: [u8; 16] = Md5::new().chain_update(session).chain_update(seal_magic).finalize().into();
        Keys { sign, seal: rc4(&seal), seq: 0 }
    }

    /// The signature of `msg` at the next sequence number (MS-NLMP 3.4.4.2, extended session
    /// security).
    fn signature(&mut self, msg: &[u8], key_exch: bool) -> [u8; SIG_LEN] {
        let mac = self.mac(msg);
        self.finish(mac, key_exch)
    }

    /// The HMAC of `msg` at the next sequence number, before its RC4.
    fn mac(&mut self, msg: &[u8]) -> [u8; 16] {
        let seq = self.seq.to_le_bytes();
        hmac_md5(&self.sign, &[&seq, msg])
    }

    /// The signature from [`Keys::mac`]'s HMAC; takes the sequence number.
    fn finish(&mut self, mac: [u8; 16], key_exch: bool) -> [u8; SIG_LEN] {
        let seq = self.seq.to_le_bytes();
        self.seq = self.seq.wrapping_add(1);
        let mut checksum = [0u8; 8];
        checksum.copy_from_slice(&mac[..8]);
        if key_exch {
            self.seal.apply_keystream(&mut checksum);
        }
        let mut sig = [0u8; SIG_LEN];
        sig[0] = 1;
        sig[4..12].copy_from_slice(&checksum);
        sig[12..].copy_from_slice(&seq);
        sig
    }
}

/// One connection's authentication: the state between the legs, then the keys.
pub struct Auth {
    creds: Credentials,
    challenge: [u8; 8],
    auth_type: u8,
    level: u8,
    context_id: u32,
    flags: u32,
    done: bool,
    denied: bool,
    client: Option<Keys>,
    server: Option<Keys>,
}

impl Auth {
    /// Starts from a bind's trailer, with `seed` the source of the server challenge. Returns
    /// the state and the `auth_value` of the `bind_ack` (the CHALLENGE).
    ///
    /// # Errors
    /// [`Refusal::Nak`] for a type, level or token this server does not take.
    pub fn bind(creds: &Credentials, t: &Trailer<'_>, seed: u64) -> Result<(Auth, Vec<u8>), Refusal> {
        if !matches!(t.level, LEVEL_CONNECT | LEVEL_INTEGRITY | LEVEL_PRIVACY) {
            return Err(Refusal::Nak(0));
        }
        let msg = ntlmssp(t.auth_type, t.value).ok_or(Refusal::Nak(8))?;
        if msg.len() < 16 || msg[8..12] != 1u32.to_le_bytes() {
            return Err(Refusal::Nak(8));
        }
        let asked = u32::from_le_bytes([msg[12], msg[13], msg[14], msg[15]]);
        let offered = UNICODE
            | REQUEST_TARGET
            | SIGN
            | SEAL
            | NTLM
            | ALWAYS_SIGN
            | ESS
            | VERSION
            | N128
            | KEY_EXCH
            | N56;
        let flags = (asked & offered) | UNICODE | NTLM | TARGET_INFO | TARGET_TYPE_DOMAIN;
        let challenge = seed.to_le_bytes();
        let auth = Auth {
            creds: creds.clone(),
            challenge,
            auth_type: t.auth_type,
            level: t.level,
            context_id: t.context_id,
            flags,
            done: false,
            denied: false,
            client: None,
            server: None,
        };
        let token = auth.challenge_message();
        let value = if t.auth_type == AUTH_SPNEGO { neg_token_resp(1, Some(&token)) } else { token };
        Ok((auth, value))
    }

    /// CHALLENGE (MS-NLMP 2.2.1.2), without a timestamp in its target information.
    fn challenge_message(&self) -> Vec<u8> {
        let name = utf16(DOMAIN);
        let mut info = Vec::new();
        for (id, v) in [(2u16, DOMAIN), (1, COMPUTER), (4, "clusapi-sim.local"), (3, "clusapi-sim.local")] {
            let v = utf16(v);
            info.extend_from_slice(&id.to_le_bytes());
            info.extend_from_slice(&(v.len() as u16).to_le_bytes());
            info.extend_from_slice(&v);
        }
        info.extend_from_slice(&[0; 4]); // MsvAvEOL
        let mut m = b"NTLMSSP\0".to_vec();
        m.extend_from_slice(&2u32.to_le_bytes());
        let name_off = 56u32;
        m.extend_from_slice(&(name.len() as u16).to_le_bytes());
        m.extend_from_slice(&(name.len() as u16).to_le_bytes());
        m.extend_from_slice(&name_off.to_le_bytes());
        m.extend_from_slice(&self.flags.to_le_bytes());
        m.extend_from_slice(&self.challenge);
        m.extend_from_slice(&[0; 8]);
        let info_off = name_off + name.len() as u32;
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&(info.len() as u16).to_le_bytes());
        m.extend_from_slice(&info_off.to_le_bytes());
        m.extend_from_slice(&[10, 0, 0x61, 0x4a, 0, 0, 0, 15]); // version 10.0.19041, NTLM 15
        m.extend_from_slice(&name);
        m.extend_from_slice(&info);
        m
    }

    /// The AUTHENTICATE leg, from an `rpc_auth_3` or `alter_context` trailer. Returns the
    /// `auth_value` of the `alter_context_resp` (empty for NTLMSSP alone).
    ///
    /// # Errors
    /// [`Refusal::Fault`] with `ERROR_ACCESS_DENIED` when the credentials do not check.
    pub fn authenticate(&mut self, t: &Trailer<'_>) -> Result<Vec<u8>, Refusal> {
        let r = self.verify(t);
        if r.is_err() {
            self.denied = true;
        }
        self.done = r.is_ok();
        r.map(|()| if self.auth_type == AUTH_SPNEGO { neg_token_resp(0, None) } else { Vec::new() })
    }

    fn verify(&mut self, t: &Trailer<'_>) -> Result<(), Refusal> {
        const DENIED: Refusal = Refusal::Fault(FAULT_ACCESS_DENIED);
        if self.done || t.auth_type != self.auth_type {
            return Err(DENIED);
        }
        let msg = ntlmssp(t.auth_type, t.value).ok_or(DENIED)?;
        if msg.len() < 64 || msg[8..12] != 3u32.to_le_bytes() {
            return Err(DENIED);
        }
        let lm = field(msg, 12).ok_or(DENIED)?;
        let nt = field(msg, 20).ok_or(DENIED)?;
        let domain = from_utf16(field(msg, 28).ok_or(DENIED)?);
        let user = from_utf16(field(msg, 36).ok_or(DENIED)?);
        let enc_key = field(msg, 52).unwrap_or(&[]);
        if user.is_empty() && nt.is_empty() && matches!(lm, [] | [0]) {
            // Anonymous: no keys, so the connect level only.
            return if self.level == LEVEL_CONNECT { Ok(()) } else { Err(DENIED) };
        }
        let Some((want_user, password)) = &self.creds.user else {
            return if self.level == LEVEL_CONNECT { Ok(()) } else { Err(DENIED) };
        };
        if !user.eq_ignore_ascii_case(want_user) || nt.len() <= 24 {
            return Err(DENIED);
        }
        let owf = ntowf_v2(&user, password, &domain);
        let (proof, blob) = nt.split_at(16);
        let expect = hmac_md5(&owf, &[&self.challenge, blob]);
        if proof != expect {
            return Err(DENIED);
        }
        if self.level >= LEVEL_INTEGRITY {
            if self.flags & ESS == 0 {
                return Err(DENIED);
            }
            let base = hmac_md5(&owf, &[proof]);
            let session = if self.flags & KEY_EXCH != 0 && enc_key.len() == 16 {
                let mut k = [0u8; 16];
                k.copy_from_slice(enc_key);
                rc4(&base).apply_keystream(&mut k);
                k
            } else {
                base
            };
            self.client = Some(Keys::new(
                &session,
                b"session key to client-to-server signing key magic constant\0",
                b"session key to client-to-server sealing key magic constant\0",
            ));
            self.server = Some(Keys::new(
                &session,
                b"session key to server-to-client signing key magic constant\0",
                b"session key to server-to-client sealing key magic constant\0",
            ));
        }
        Ok(())
    }

    /// Whether the authentication has completed successfully.
    pub fn done(&self) -> bool {
        self.done
    }

    /// Whether the authentication has failed (every request is refused).
    pub fn denied(&self) -> bool {
        self.denied
    }

    /// Whether requests and responses are signed.
    pub fn signing(&self) -> bool {
        self.client.is_some()
    }

    /// Checks a request PDU `pdu` (the whole fragment, header included) whose header says
    /// `auth_len`, unsealing its stub in place at the privacy level. Returns the padding to
    /// strip from the end of the stub.
    ///
    /// # Errors
    /// [`Refusal::Fault`]: access denied before authentication completed, a security package
    /// error for a missing or bad signature.
    pub fn check_request(&mut self, pdu: &mut [u8], auth_len: u16) -> Result<usize, Refusal> {
        const BAD: Refusal = Refusal::Fault(FAULT_SEC_PKG_ERROR);
        if !self.done {
            return Err(Refusal::Fault(FAULT_ACCESS_DENIED));
        }
        let key_exch = self.flags & KEY_EXCH != 0;
        let level = self.level;
        let Some(keys) = self.client.as_mut() else {
            return Ok(trailer(pdu, auth_len).map_or(0, |t| usize::from(t.pad)));
        };
        let t = trailer(pdu, auth_len).ok_or(BAD)?;
        if t.value.len() != SIG_LEN || t.level != level {
            return Err(BAD);
        }
        let (pad, mut sig) = (usize::from(t.pad), [0u8; SIG_LEN]);
        sig.copy_from_slice(t.value);
        let end = pdu.len() - SIG_LEN;
        if level == LEVEL_PRIVACY {
            let stub = 24 + if pdu[3] & super::pdu::PFC_OBJECT_UUID != 0 { 16 } else { 0 };
            let data = pdu.get_mut(stub..end - 8).ok_or(BAD)?;
            keys.seal.apply_keystream(data);
        }
        if keys.signature(&pdu[..end], key_exch) != sig {
            return Err(BAD);
        }
        Ok(pad)
    }

    /// Signs the `response` PDUs in `out` from `start` (each fragment: pads its stub to 16
    /// bytes, appends the trailer and the signature, patches its lengths). Non-response PDUs
    /// (faults) are left unsigned.
    pub fn sign_responses(&mut self, out: &mut Vec<u8>, start: usize) {
        let key_exch = self.flags & KEY_EXCH != 0;
        let (Some(keys), level, auth_type, ctx) =
            (self.server.as_mut(), self.level, self.auth_type, self.context_id)
        else {
            return;
        };
        let pdus = std::mem::take(out);
        out.extend_from_slice(&pdus[..start]);
        let mut at = start;
        while at + 16 <= pdus.len() {
            let len = usize::from(u16::from_le_bytes([pdus[at + 8], pdus[at + 9]]));
            let pdu = &pdus[at..at + len];
            at += len;
            if pdu[2] != super::pdu::RESPONSE {
                out.extend_from_slice(pdu);
                continue;
            }
            let begin = out.len();
            out.extend_from_slice(pdu);
            let stub = len - 24;
            let pad = (16 - stub % 16) % 16;
            out.extend(std::iter::repeat_n(0u8, pad));
            out.extend_from_slice(&[auth_type, level, pad as u8, 0]);
            out.extend_from_slice(&ctx.to_le_bytes());
            let total = (out.len() - begin + SIG_LEN) as u16;
            out[begin + 8..begin + 10].copy_from_slice(&total.to_le_bytes());
            out[begin + 10..begin + 12].copy_from_slice(&(SIG_LEN as u16).to_le_bytes());
            let mac = keys.mac(&out[begin..]);
            if level == LEVEL_PRIVACY {
                let end = out.len() - 8;
                keys.seal.apply_keystream(&mut out[begin + 24..end]);
            }
            let sig = keys.finish(mac, key_exch);
            out.extend_from_slice(&sig);
        }
    }
}

/// Appends `value` as the auth trailer of the PDU at `start` in `out` (a `bind_ack` or
/// `alter_context_resp`), patching its lengths.
pub fn append_trailer(out: &mut Vec<u8>, start: usize, auth: &Auth, value: &[u8]) {
    while (out.len() - start) % 4 != 0 {
        out.push(0);
    }
    out.extend_from_slice(&[auth.auth_type, auth.level, 0, 0]);
    out.extend_from_slice(&auth.context_id.to_le_bytes());
    out.extend_from_slice(value);
    let total = (out.len() - start) as u16;
    out[start + 8..start + 10].copy_from_slice(&total.to_le_bytes());
    out[start + 10..start + 12].copy_from_slice(&(value.len() as u16).to_le_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALICE: &str = "alice";

    fn creds() -> Credentials {
        Credentials { user: Some((ALICE.into(), "s3cret".into())) }
    }

    fn trailer_of(auth_type: u8, level: u8, value: &[u8]) -> Trailer<'_> {
        Trailer { auth_type, level, pad: 0, context_id: 0, value }
    }

    /// A NEGOTIATE asking for signing, extended session security and key exchange.
    fn negotiate() -> Vec<u8> {
        let mut m = b"NTLMSSP\0".to_vec();
        m.extend_from_slice(&1u32.to_le_bytes());
        m.extend_from_slice(&(UNICODE | SIGN | SEAL | NTLM | ESS | N128 | KEY_EXCH).to_le_bytes());
        m.extend_from_slice(&[0; 16]);
        m
    }

    /// A client's AUTHENTICATE for `challenge` (NTLMv2, a zero random session key), with
    /// its client-to-server keys.
    fn authenticate(challenge: &[u8], user: &str, password: &str) -> (Vec<u8>, Keys) {
        let owf = ntowf_v2(user, password, "DOM");
        let mut blob = vec![1, 1, 0, 0, 0, 0, 0, 0];
        blob.extend_from_slice(&[7; 16]); // timestamp, client challenge
        blob.extend_from_slice(&[0; 8]);
        let proof = hmac_md5(&owf, &[challenge, &blob]);
        let mut nt = proof.to_vec();
        nt.extend_from_slice(&blob);
        let base = hmac_md5(&owf, &[&proof]);
        let exported = [0x42u8; 16];
        let mut enc = exported;
        rc4(&base).apply_keystream(&mut enc);
        let fields: [Vec<u8>; 6] = [vec![0; 24], nt, utf16("DOM"), utf16(user), utf16("WS"), enc.to_vec()];
        let mut m = b"NTLMSSP\0".to_vec();
        m.extend_from_slice(&3u32.to_le_bytes());
        let mut off = 64u32;
        for f in &fields {
            m.extend_from_slice(&(f.len() as u16).to_le_bytes());
            m.extend_from_slice(&(f.len() as u16).to_le_bytes());
            m.extend_from_slice(&off.to_le_bytes());
            off += f.len() as u32;
        }
        m.extend_from_slice(&(UNICODE | SIGN | NTLM | ESS | N128 | KEY_EXCH).to_le_bytes());
        for f in &fields {
            m.extend_from_slice(f);
        }
        let keys = Keys::new(
            &exported,
            b"session key to client-to-server signing key magic constant\0",
            b"session key to client-to-server sealing key magic constant\0",
        );
        (m, keys)
    }

    fn challenge_of(auth: &Auth) -> [u8; 8] {
        auth.challenge
    }

    #[test]
    fn ntlmv2_is_verified_and_requests_must_be_signed() {
        let neg = negotiate();
        let (mut auth, value) =
            Auth::bind(&creds(), &trailer_of(AUTH_NTLMSSP, LEVEL_INTEGRITY, &neg), 9).unwrap();
        assert!(value.starts_with(b"NTLMSSP\0") && value[8] == 2, "a CHALLENGE");
        let (msg, mut client) = authenticate(&challenge_of(&auth), ALICE, "s3cret");
        assert_eq!(auth.authenticate(&trailer_of(AUTH_NTLMSSP, LEVEL_INTEGRITY, &msg)), Ok(Vec::new()));
        assert!(auth.done() && auth.signing());
        // A request fragment: header, request fields, an 8-byte stub, the trailer, a signature.
        let mut pdu = vec![5, 0, 0, 3, 0x10, 0, 0, 0, 56, 0, 16, 0, 2, 0, 0, 0];
        pdu.extend_from_slice(&[8, 0, 0, 0, 0, 0, 1, 0]);
        pdu.extend_from_slice(b"stubdata");
        pdu.extend_from_slice(&[AUTH_NTLMSSP, LEVEL_INTEGRITY, 0, 0, 0, 0, 0, 0]);
        let sig = client.signature(&pdu, true);
        pdu.extend_from_slice(&sig);
        let mut tampered = pdu.clone();
        assert_eq!(auth.check_request(&mut pdu, 16), Ok(0));
        // The same PDU again is a replay: the sequence number has moved on.
        assert_eq!(auth.check_request(&mut tampered, 16), Err(Refusal::Fault(FAULT_SEC_PKG_ERROR)));
    }

    #[test]
    fn a_wrong_password_or_user_is_access_denied() {
        for (user, password) in [(ALICE, "wrong"), ("bob", "s3cret")] {
            let neg = negotiate();
            let (mut auth, _) =
                Auth::bind(&creds(), &trailer_of(AUTH_NTLMSSP, LEVEL_CONNECT, &neg), 1).unwrap();
            let (msg, _) = authenticate(&challenge_of(&auth), user, password);
            let r = auth.authenticate(&trailer_of(AUTH_NTLMSSP, LEVEL_CONNECT, &msg));
            assert_eq!(r, Err(Refusal::Fault(FAULT_ACCESS_DENIED)), "{user}");
            assert!(auth.denied() && !auth.done());
        }
    }

    #[test]
    fn kerberos_and_the_none_level_are_refused_at_the_bind() {
        let neg = negotiate();
        assert!(matches!(
            Auth::bind(&creds(), &trailer_of(16, LEVEL_CONNECT, &neg), 1),
            Err(Refusal::Nak(8))
        ));
        assert!(matches!(Auth::bind(&creds(), &trailer_of(AUTH_NTLMSSP, 1, &neg), 1), Err(Refusal::Nak(0))));
    }

    #[test]
    fn ntowf_v2_matches_ms_nlmp_4_2_4() {
        // MS-NLMP 4.2.4.1.1: User "User", domain "Domain", password "Password".
        let k = ntowf_v2("User", "Password", "Domain");
        assert_eq!(
            k,
            [0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93, 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f]
        );
    }
}
