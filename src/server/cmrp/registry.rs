//! The cluster registry calls of MS-CMRP (opnums 0x1C..0x28, MS-CMRP 3.1.4.2.29..3.1.4.2.41;
//! Samba's `clusapi.idl` "Function 0x1C".."Function 0x28") onto the `Sim::reg_*` functions.
//!
//! Key handles are context handles of their own ([`Ctx::Key`]); `ApiGetRootKey` derives the
//! root key from the connection's cluster handle, so every key handle of a connection is
//! run down with it. `samDesired`, `dwOptions` and security attributes are read and not
//! modelled (every key grants full access, as in the Rust API).

use ms_ndr::{NdrDecoder, NdrEncoder};

use super::{Ctx, Fault, OK, Session, code};
use crate::KeyHandle;
use crate::error::codes;
use crate::server::ndr::{self, BadStub};
use crate::server::pdu::NCA_S_FAULT_CONTEXT_MISMATCH;

/// The largest `cbData` ApiQueryValue fills: its `[out, size_is(cbData)]` array is that long
/// on the wire whatever the value's size, so a larger one is refused with
/// `RPC_X_BAD_STUB_DATA` rather than allocated (a choice: no cluster value comes near it).
const MAX_QUERY_BUFFER: u32 = 1 << 24;

/// A `RPC_SECURITY_DESCRIPTOR` as the client sent it (`clusapi.idl`; MS-CMRP 2.2.3.1):
/// `[size_is(cbIn), length_is(cbOut)] uint8 *lpSecurityDescriptor; cbIn; cbOut`.
struct RpcSecurityDescriptor {
    /// The buffer, if the pointer was not null (its `length_is` bytes).
    data: Option<Vec<u8>>,
    /// `cbInSecurityDescriptor`: the buffer's size.
    cb_in: u32,
}

/// Reads the embedded part of an `RPC_SECURITY_DESCRIPTOR`: the pointer's referent id and
/// the two counts; the deferred array follows with [`security_descriptor_data`].
fn security_descriptor_head(d: &mut NdrDecoder<'_>) -> Result<(bool, u32, u32), BadStub> {
    let ptr = ndr::u32(d)?;
    let cb_in = ndr::u32(d)?;
    let cb_out = ndr::u32(d)?;
    Ok((ptr != 0, cb_in, cb_out))
}

/// Reads the deferred conformant varying `BYTE` array of an `RPC_SECURITY_DESCRIPTOR`.
fn security_descriptor_data(d: &mut NdrDecoder<'_>) -> Result<Vec<u8>, BadStub> {
    let max = ndr::u32(d)?;
    let offset = ndr::u32(d)?;
    let actual = ndr::u32(d)?;
    if offset != 0 || actual > max {
        return Err(BadStub);
    }
    Ok(d.read_bytes(usize::try_from(actual).map_err(|_| BadStub)?)?.to_vec())
}

/// Reads a whole `RPC_SECURITY_DESCRIPTOR` (a top-level `[ref]` one).
fn security_descriptor(d: &mut NdrDecoder<'_>) -> Result<RpcSecurityDescriptor, BadStub> {
    let (present, cb_in, _) = security_descriptor_head(d)?;
    let data = if present { Some(security_descriptor_data(d)?) } else { None };
    Ok(RpcSecurityDescriptor { data, cb_in })
}

/// Reads a `[unique] RPC_SECURITY_ATTRIBUTES *` (`nLength`, the descriptor, `bInheritHandle`)
/// and drops it: key security at creation is not modelled.
fn skip_security_attributes(d: &mut NdrDecoder<'_>) -> Result<(), BadStub> {
    if ndr::u32(d)? == 0 {
        return Ok(());
    }
    let _length = ndr::u32(d)?;
    let (present, _, _) = security_descriptor_head(d)?;
    let _inherit = ndr::u32(d)?;
    if present {
        security_descriptor_data(d)?;
    }
    Ok(())
}

/// Writes an `NTTIME`: a FILETIME, two `DWORD`s (low, high), aligned to 4 as Samba's
/// `udlong` and MS-DTYP 2.3.3's `FILETIME` structure are, not to 8 as a `hyper`.
fn put_nttime(e: &mut NdrEncoder, t: u64) {
    e.u32(t as u32);
    e.u32((t >> 32) as u32);
}

impl Session {
    /// The key behind the context handle read next.
    pub(super) fn key(&self, d: &mut NdrDecoder<'_>) -> Result<KeyHandle, Fault> {
        match self.lookup(&ndr::handle(d)?)? {
            Ctx::Key(k) => Ok(k),
            _ => Err(NCA_S_FAULT_CONTEXT_MISMATCH),
        }
    }

    /// Serves `opnum` if it is a registry call; `Ok(false)` for any other opnum.
    pub(super) fn registry(
        &mut self,
        opnum: u16,
        d: &mut NdrDecoder<'_>,
        e: &mut NdrEncoder,
    ) -> Result<bool, Fault> {
        let sim = self.sim.clone();
        match opnum {
            // ApiGetRootKey (0x1C, 3.1.4.2.29): [in] samDesired; [out] Status, rpc_status, phKey
            0x1C => {
                let _access = ndr::u32(d)?;
                let r = self.cluster().and_then(|c| sim.cluster_key(c)).map(Ctx::Key);
                self.put_opened(e, r, "", true, None);
            }
            // ApiCreateKey (0x1D, 3.1.4.2.30): [in] hKey, [string] lpSubKey, dwOptions,
            // samDesired, [unique] RPC_SECURITY_ATTRIBUTES *; [out] lpdwDisposition, Status,
            // rpc_status, phKey
            0x1D => {
                let k = self.key(d)?;
                let subkey = ndr::string(d)?;
                let _options = ndr::u32(d)?;
                let _access = ndr::u32(d)?;
                skip_security_attributes(d)?;
                let r = sim.reg_create_key(k, &subkey);
                e.u32(r.as_ref().map_or(0, |(_, how)| how.code()));
                self.put_opened(e, r.map(|(h, _)| Ctx::Key(h)), &subkey, true, None);
            }
            // ApiOpenKey (0x1E, 3.1.4.2.31): [in] hKey, [string] lpSubKey, samDesired;
            // [out] Status, rpc_status, phKey
            0x1E => {
                let k = self.key(d)?;
                let subkey = ndr::string(d)?;
                let _access = ndr::u32(d)?;
                let r = sim.reg_open_key(k, &subkey).map(Ctx::Key);
                self.put_opened(e, r, &subkey, true, None);
            }
            // ApiEnumKey (0x1F, 3.1.4.2.32): [in] hKey, dwIndex; [out, string] KeyName,
            // NTTIME lpftLastWriteTime, rpc_status; result
            0x1F => {
                let k = self.key(d)?;
                let index = ndr::u32(d)?;
                let r = sim.reg_enum_key(k, index);
                let (name, time) = r.as_ref().map_or((None, 0), |(n, t)| (Some(n.as_str()), *t));
                ndr::put_unique_string(e, name);
                put_nttime(e, time);
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiSetValue (0x20, 3.1.4.2.33): [in] hKey, [string] lpValueName, dwType,
            // [size_is(cbData)] lpData, cbData; [out] rpc_status; result
            0x20 => {
                let k = self.key(d)?;
                let name = ndr::string(d)?;
                let kind = ndr::u32(d)?;
                let max = ndr::u32(d)?;
                let data = d.read_bytes(usize::try_from(max).map_err(|_| BadStub)?).map_err(BadStub::from)?;
                let data = data.to_vec();
                if ndr::u32(d)? != max {
                    return Err(Fault::from(BadStub));
                }
                let r = sim.reg_set_value(k, &name, kind, &data);
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiDeleteValue (0x21, 3.1.4.2.34), ApiDeleteKey (0x23, 3.1.4.2.36): [in] hKey,
            // [string] name; [out] rpc_status; result
            0x21 | 0x23 => {
                let k = self.key(d)?;
                let name = ndr::string(d)?;
                let r =
                    if opnum == 0x21 { sim.reg_delete_value(k, &name) } else { sim.reg_delete_key(k, &name) };
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiQueryValue (0x22, 3.1.4.2.35): [in] hKey, [string] lpValueName, cbData;
            // [out] lpValueType, [size_is(cbData)] lpData, lpcbRequired, rpc_status; result.
            // A buffer too small gets ERROR_MORE_DATA and the size needed (and no data).
            0x22 => {
                let k = self.key(d)?;
                let name = ndr::string(d)?;
                let cb = ndr::u32(d)?;
                if cb > MAX_QUERY_BUFFER {
                    return Err(Fault::from(BadStub));
                }
                let r = sim.reg_query_value(k, &name);
                let mut buf = vec![0u8; usize::try_from(cb).map_err(|_| BadStub)?];
                let (kind, required, status) = match &r {
                    Ok(v) => {
                        let required = u32::try_from(v.data().len()).unwrap_or(u32::MAX);
                        if v.data().len() <= buf.len() {
                            buf[..v.data().len()].copy_from_slice(v.data());
                            (v.kind(), required, OK)
                        } else {
                            (v.kind(), required, codes::ERROR_MORE_DATA)
                        }
                    }
                    Err(err) => (0, 0, err.code()),
                };
                e.u32(kind);
                e.u32(cb); // the conformant array's max_count: the [in] cbData
                e.bytes(&buf);
                e.u32(required);
                e.u32(OK);
                e.u32(status);
            }
            // ApiEnumValue (0x24, 3.1.4.2.37): [in] hKey, dwIndex, [in, out] *lpcbData;
            // [out, string] lpValueName, lpType, [size_is(*lpcbData)] lpData, lpcbData,
            // TotalSize, rpc_status; result. A buffer too small gets ERROR_MORE_DATA, the
            // size needed in TotalSize, and no data (`*lpcbData` 0).
            0x24 => {
                let k = self.key(d)?;
                let index = ndr::u32(d)?;
                let cb = ndr::u32(d)?;
                let r = sim.reg_enum_value(k, index);
                match &r {
                    Ok(v) => {
                        let total = u32::try_from(v.data().len()).unwrap_or(u32::MAX);
                        let fits = total <= cb;
                        ndr::put_unique_string(e, Some(v.name()));
                        e.u32(v.kind());
                        let data: &[u8] = if fits { v.data() } else { &[] };
                        let n = u32::try_from(data.len()).unwrap_or(u32::MAX);
                        e.u32(n);
                        e.bytes(data);
                        e.u32(n);
                        e.u32(total);
                        e.u32(OK);
                        e.u32(if fits { OK } else { codes::ERROR_MORE_DATA });
                    }
                    Err(err) => {
                        ndr::put_unique_string(e, None);
                        e.u32(0);
                        e.u32(0);
                        e.u32(0);
                        e.u32(0);
                        e.u32(OK);
                        e.u32(err.code());
                    }
                }
            }
            // ApiCloseKey (0x25, 3.1.4.2.38): [in, out] pKey; result
            0x25 => {
                let h = ndr::handle(d)?;
                let Ctx::Key(k) = self.lookup(&h)? else { return Err(NCA_S_FAULT_CONTEXT_MISMATCH) };
                self.remove(&h)?;
                let status = code(&sim.reg_close_key(k));
                ndr::put_handle(e, &[0; 20]);
                e.u32(status);
            }
            // ApiQueryInfoKey (0x26, 3.1.4.2.39): [in] hKey; [out] lpcSubKeys,
            // lpcbMaxSubKeyLen, lpcValues, lpcbMaxValueNameLen, lpcbMaxValueLen,
            // lpcbSecurityDescriptor, NTTIME lpftLastWriteTime, rpc_status; result
            0x26 => {
                let k = self.key(d)?;
                let r = sim.reg_query_info_key(k);
                let i = r.as_ref().ok();
                for f in [
                    i.map(|i| i.subkeys),
                    i.map(|i| i.max_subkey_name_len),
                    i.map(|i| i.values),
                    i.map(|i| i.max_value_name_len),
                    i.map(|i| i.max_value_data_len),
                    i.map(|i| i.security_descriptor_len),
                ] {
                    e.u32(f.unwrap_or(0));
                }
                put_nttime(e, i.map_or(0, |i| i.last_write));
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiSetKeySecurity (0x27, 3.1.4.2.40): [in] hKey, SecurityInformation,
            // RPC_SECURITY_DESCRIPTOR *; [out] rpc_status; result
            0x27 => {
                let k = self.key(d)?;
                let info = ndr::u32(d)?;
                let sd = security_descriptor(d)?;
                let r = sim.reg_set_key_security(k, info, sd.data.as_deref().unwrap_or(&[]));
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiGetKeySecurity (0x28, 3.1.4.2.41): [in] hKey, SecurityInformation,
            // [in, out] RPC_SECURITY_DESCRIPTOR *; [out] rpc_status; result. A buffer
            // (cbInSecurityDescriptor) too small gets ERROR_INSUFFICIENT_BUFFER with the size
            // needed in cbInSecurityDescriptor, as smbtorture's GetKeySecurity expects.
            0x28 => {
                let k = self.key(d)?;
                let info = ndr::u32(d)?;
                let sd = security_descriptor(d)?;
                let r = sim.reg_get_key_security(k, info);
                match &r {
                    Ok(bytes) if sd.data.is_some() && bytes.len() <= sd.cb_in as usize => {
                        let n = u32::try_from(bytes.len()).unwrap_or(u32::MAX);
                        e.referent();
                        e.u32(sd.cb_in);
                        e.u32(n);
                        e.u32(sd.cb_in);
                        e.u32(0);
                        e.u32(n);
                        e.bytes(bytes);
                        e.u32(OK);
                        e.u32(OK);
                    }
                    Ok(bytes) => {
                        e.null_ptr();
                        e.u32(u32::try_from(bytes.len()).unwrap_or(u32::MAX));
                        e.u32(0);
                        e.u32(OK);
                        e.u32(codes::ERROR_INSUFFICIENT_BUFFER);
                    }
                    Err(err) => {
                        e.null_ptr();
                        e.u32(sd.cb_in);
                        e.u32(0);
                        e.u32(OK);
                        e.u32(err.code());
                    }
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}
