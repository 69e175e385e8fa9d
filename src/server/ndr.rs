//! NDR 2.0 pieces the MS-CMRP stubs need, on top of the `ms-ndr` crate's aligned primitives
//! (C706 chapter 14; MS-RPCE 2.2.4): context handles, `[string] wchar_t` arguments decoded
//! strictly, unique string pointers and `ENUM_LIST`.

use ms_ndr::{NdrDecoder, NdrEncoder};

/// A stub that does not decode: the caller answers `RPC_X_BAD_STUB_DATA`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadStub;

impl From<ms_ndr::NdrError> for BadStub {
    fn from(_: ms_ndr::NdrError) -> BadStub {
        BadStub
    }
}

/// Reads a `DWORD`.
pub fn u32(d: &mut NdrDecoder<'_>) -> Result<u32, BadStub> {
    Ok(d.u32()?)
}

/// The wire form of a context handle (`ndr_context_handle`, MS-RPCE 2.2.4.2): attributes
/// and a UUID, 20 bytes. All zeros is the null handle.
pub type WireHandle = [u8; 20];

/// Reads a context handle.
pub fn handle(d: &mut NdrDecoder<'_>) -> Result<WireHandle, BadStub> {
    d.align(4);
    let mut h = [0; 20];
    h.copy_from_slice(d.read_bytes(20)?);
    Ok(h)
}

/// Writes a context handle.
pub fn put_handle(e: &mut NdrEncoder, h: &WireHandle) {
    e.align(4);
    e.bytes(h);
}

/// Reads the body of a `[string] wchar_t*` (a conformant varying string: max_count, offset,
/// actual_count, then UTF-16LE units with the terminating NUL), rejecting a string whose
/// counts disagree, that is longer than the stub, or that is not valid UTF-16.
pub fn string(d: &mut NdrDecoder<'_>) -> Result<String, BadStub> {
    let max = d.u32()?;
    let offset = d.u32()?;
    let actual = d.u32()?;
    if offset != 0 || actual > max {
        return Err(BadStub);
    }
    let bytes = d.read_bytes(usize::try_from(actual).map_err(|_| BadStub)?.checked_mul(2).ok_or(BadStub)?)?;
    let mut units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    if units.last() == Some(&0) {
        units.pop();
    }
    String::from_utf16(&units).map_err(|_| BadStub)
}

/// Reads a `[unique, string] wchar_t*`: a referent id, then the string unless it is null.
pub fn unique_string(d: &mut NdrDecoder<'_>) -> Result<Option<String>, BadStub> {
    if d.u32()? == 0 { Ok(None) } else { string(d).map(Some) }
}

/// Writes a `[unique, string] wchar_t*` (the inner pointer of an `[out, string] wchar_t**`).
pub fn put_unique_string(e: &mut NdrEncoder, s: Option<&str>) {
    match s {
        Some(s) => {
            e.referent();
            e.conformant_varying_wstr(s);
        }
        None => e.null_ptr(),
    }
}

/// Reads a `[unique, size_is(n)] BYTE*`: a referent id, then the conformant array unless
/// it is null (its `max_count` bounded by the stub).
pub fn unique_bytes(d: &mut NdrDecoder<'_>) -> Result<Option<Vec<u8>>, BadStub> {
    if d.u32()? == 0 {
        return Ok(None);
    }
    let n = d.u32()?;
    Ok(Some(d.read_bytes(usize::try_from(n).map_err(|_| BadStub)?)?.to_vec()))
}

/// Writes an `[out, size_is(max), length_is(data.len())] BYTE*` (a conformant varying array,
/// the pointer itself a reference pointer).
pub fn put_varying_bytes(e: &mut NdrEncoder, max: u32, data: &[u8]) {
    e.u32(max);
    e.u32(0);
    e.u32(u32::try_from(data.len()).unwrap_or(u32::MAX));
    e.bytes(data);
}

/// Writes an `ENUM_LIST **` (Samba's `clusapi.idl`; MS-CMRP 2.2.3.5): a unique pointer to a
/// conformant structure of `ENUM_ENTRY { DWORD Type; [string] LPWSTR Name; }`, or null.
pub fn put_enum_list(e: &mut NdrEncoder, list: Option<&[(u32, &str)]>) {
    let Some(list) = list else {
        e.null_ptr();
        return;
    };
    e.referent();
    let n = u32::try_from(list.len()).unwrap_or(u32::MAX);
    e.u32(n); // max_count of the conformant array, hoisted before the structure
    e.u32(n); // EntryCount
    for (ty, _) in list {
        e.u32(*ty);
        e.referent();
    }
    for (_, name) in list {
        e.conformant_varying_wstr(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_and_lies_are_rejected() {
        let mut e = NdrEncoder::new();
        e.conformant_varying_wstr("Cluster Name");
        let b = e.into_bytes();
        assert_eq!(string(&mut NdrDecoder::new(&b)).unwrap(), "Cluster Name");
        // actual_count larger than the stub
        let mut huge = b.clone();
        huge[8..12].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
        huge[0..4].copy_from_slice(&0x7fff_ffffu32.to_le_bytes());
        assert_eq!(string(&mut NdrDecoder::new(&huge)), Err(BadStub));
        // a lone surrogate
        let mut bad = NdrEncoder::new();
        for v in [2u32, 0, 2] {
            bad.u32(v);
        }
        bad.u16(0xd800);
        bad.u16(0);
        assert_eq!(string(&mut NdrDecoder::new(&bad.into_bytes())), Err(BadStub));
    }
}
