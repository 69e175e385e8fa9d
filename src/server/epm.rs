//! The endpoint mapper (C706 appendix O and appendix L, "Protocol Tower Encoding"; Samba's
//! `librpc/idl/epmapper.idl`): `ept_map` (opnum 3) answers a lookup of MS-CMRP with the one
//! TCP endpoint this server listens on, so that `ncacn_ip_tcp:HOST` without a port finds it.

use std::net::{IpAddr, SocketAddr};

use ms_ndr::{NdrDecoder, NdrEncoder};

use super::CLUSAPI;
use super::ndr::{self, BadStub};
use super::pdu::{NCA_S_OP_RNG_ERROR, NDR20, RPC_X_BAD_STUB_DATA};

/// `EPT_S_NOT_REGISTERED`: no endpoint for that interface.
pub const EPT_S_NOT_REGISTERED: u32 = 0x16c9_a0d6;

/// Runs one endpoint mapper call; `clusapi` is where MS-CMRP listens.
///
/// # Errors
/// `nca_s_op_rng_error` for every opnum but `ept_map`; `RPC_X_BAD_STUB_DATA` for a request
/// that does not decode.
pub fn call(opnum: u16, stub: &[u8], clusapi: SocketAddr) -> Result<Vec<u8>, u32> {
    if opnum != 3 {
        return Err(NCA_S_OP_RNG_ERROR);
    }
    map(stub, clusapi).map_err(|_| RPC_X_BAD_STUB_DATA)
}

/// `ept_map`: `[in, ptr] GUID *object, [in, ptr] twr_t *map_tower, [in, out] policy_handle
/// *entry_handle, [in] max_towers; [out] num_towers, [out, size_is(max_towers),
/// length_is(*num_towers)] twr_p_t towers[]`; the status last.
fn map(stub: &[u8], clusapi: SocketAddr) -> Result<Vec<u8>, BadStub> {
    let mut d = NdrDecoder::new(stub);
    if ndr::u32(&mut d)? != 0 {
        d.read_bytes(16)?; // the object UUID: not used
    }
    let tower = if ndr::u32(&mut d)? != 0 {
        let _max = ndr::u32(&mut d)?;
        let len = ndr::u32(&mut d)?;
        Some(d.read_bytes(usize::try_from(len).map_err(|_| BadStub)?)?.to_vec())
    } else {
        None
    };
    let _entry = ndr::handle(&mut d)?;
    let max_towers = ndr::u32(&mut d)?;
    let wanted = tower.as_deref().and_then(interface_of);
    let mut e = NdrEncoder::new();
    ndr::put_handle(&mut e, &[0; 20]);
    if wanted == Some(CLUSAPI.uuid) && max_towers > 0 {
        let tower = tcp_tower(clusapi);
        e.u32(1);
        e.u32(max_towers);
        e.u32(0);
        e.u32(1);
        e.referent();
        e.u32(u32::try_from(tower.len()).unwrap_or(0)); // max_count
        e.u32(u32::try_from(tower.len()).unwrap_or(0)); // tower_length
        e.bytes(&tower);
        e.align(4);
        e.u32(0);
    } else {
        e.u32(0);
        e.u32(max_towers);
        e.u32(0);
        e.u32(0);
        e.u32(EPT_S_NOT_REGISTERED);
    }
    Ok(e.into_bytes())
}

/// The interface UUID of a tower's first floor (`0x0d` then the UUID).
fn interface_of(tower: &[u8]) -> Option<[u8; 16]> {
    let lhs_len = usize::from(u16::from_le_bytes([*tower.get(2)?, *tower.get(3)?]));
    let lhs = tower.get(4..4 + lhs_len)?;
    (lhs.len() >= 17 && lhs[0] == 0x0d).then(|| lhs[1..17].try_into().ok()).flatten()
}

/// The five-floor tower of MS-CMRP v3 over NDR 2.0, connection-oriented RPC, at `addr`.
fn tcp_tower(addr: SocketAddr) -> Vec<u8> {
    let mut t = Vec::new();
    let mut floor = |lhs: &[u8], rhs: &[u8]| {
        t.extend_from_slice(&u16::try_from(lhs.len()).unwrap_or(0).to_le_bytes());
        t.extend_from_slice(lhs);
        t.extend_from_slice(&u16::try_from(rhs.len()).unwrap_or(0).to_le_bytes());
        t.extend_from_slice(rhs);
    };
    let ip = match addr.ip() {
        IpAddr::V4(ip) => ip.octets(),
        IpAddr::V6(_) => [127, 0, 0, 1],
    };
    let mut floors: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for syntax in [CLUSAPI, NDR20] {
        let mut lhs = vec![0x0d];
        lhs.extend_from_slice(&syntax.uuid);
        lhs.extend_from_slice(&u16::try_from(syntax.version & 0xffff).unwrap_or(0).to_le_bytes());
        floors.push((lhs, u16::try_from(syntax.version >> 16).unwrap_or(0).to_le_bytes().to_vec()));
    }
    floors.push((vec![0x0b], vec![0, 0])); // ncacn: connection-oriented RPC, minor version 0
    floors.push((vec![0x07], addr.port().to_be_bytes().to_vec())); // TCP port, big-endian
    floors.push((vec![0x09], ip.to_vec())); // IPv4 address, big-endian
    let count = u16::try_from(floors.len()).unwrap_or(0).to_le_bytes();
    for (lhs, rhs) in &floors {
        floor(lhs, rhs);
    }
    let mut out = count.to_vec();
    out.extend_from_slice(&t);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tower_names_the_interface_and_port() {
        let t = tcp_tower("127.0.0.1:4711".parse().unwrap());
        assert_eq!(u16::from_le_bytes([t[0], t[1]]), 5);
        assert_eq!(interface_of(&t), Some(CLUSAPI.uuid));
        assert_eq!(&t[t.len() - 4..], &[127, 0, 0, 1]);
    }
}
