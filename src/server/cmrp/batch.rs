//! The cluster registry batch calls of MS-CMRP: ApiExecuteBatch (opnum 0x71, MS-CMRP
//! 3.1.4.2.112), the batch notification ports (ApiCreateBatchPort 0x72,
//! ApiGetBatchNotification 0x73, ApiCloseBatchPort 0x74: 3.1.4.2.113..115) and
//! ApiExecuteReadBatch (0x91, 3.1.4.2.141), Samba's `clusapi.idl` "Function 0x71".."0x74"
//! and "Function 0x91", onto the `Sim::reg_*batch*` functions.
//!
//! Both carry a custom-marshaled `CLUSTER_REG_BATCH_UPDATE` (MS-CMRP 2.2.3.17) in a byte
//! array: a `VersionNumber` of 1, then `BATCH_UPDATE_COMMAND`s (2.2.3.17.1): `CommandType`,
//! `ValueType`, `NameLength` (bytes, with the NUL), the UTF-16LE `Name`, `DataLength`, the
//! `Data`, each command ending on a 16-bit boundary.

use ms_ndr::{NdrDecoder, NdrEncoder};

use super::{Ctx, Fault, OK, Session, code};
use crate::error::codes;
use crate::registry::command::{CLUSREG_READ_ERROR, CLUSREG_READ_KEY, CLUSREG_READ_VALUE};
use crate::server::ndr::{self, BadStub};
use crate::server::pdu::NCA_S_FAULT_CONTEXT_MISMATCH;

/// The `VersionNumber` of a `CLUSTER_REG_BATCH_UPDATE` (MS-CMRP 2.2.3.17).
const BATCH_VERSION: u32 = 1;

/// The largest batch accepted (a choice: a `cbData` past it is refused with
/// `RPC_X_BAD_STUB_DATA` rather than allocated).
const MAX_BATCH: u32 = 1 << 24;

/// One `BATCH_UPDATE_COMMAND` (MS-CMRP 2.2.3.17.1).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Command {
    command: u32,
    value_type: u32,
    name: String,
    data: Vec<u8>,
}

/// Reads a little-endian `u32` at `*at` of `b`, moving past it.
fn take_u32(b: &[u8], at: &mut usize) -> Option<u32> {
    let v = b.get(*at..*at + 4)?;
    *at += 4;
    Some(u32::from_le_bytes([v[0], v[1], v[2], v[3]]))
}

/// The commands of a `CLUSTER_REG_BATCH_UPDATE`; `None` if it is malformed (a bad version,
/// a length past the end, a name that is not a NUL-terminated UTF-16 string).
fn parse(b: &[u8]) -> Option<Vec<Command>> {
    let mut at = 0;
    if take_u32(b, &mut at)? != BATCH_VERSION {
        return None;
    }
    let mut out = Vec::new();
    while at < b.len() {
        let command = take_u32(b, &mut at)?;
        let value_type = take_u32(b, &mut at)?;
        let name_len = take_u32(b, &mut at)? as usize;
        let name = b.get(at..at.checked_add(name_len)?)?;
        at += name_len;
        if name_len < 2 || name_len % 2 != 0 || name[name_len - 2..] != [0, 0] {
            return None;
        }
        let units: Vec<u16> =
            name[..name_len - 2].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let name = String::from_utf16(&units).ok()?;
        let data_len = take_u32(b, &mut at)? as usize;
        let data = b.get(at..at.checked_add(data_len)?)?.to_vec();
        at += data_len;
        at += at % 2; // the end of each command on a 16-bit boundary
        out.push(Command { command, value_type, name, data });
    }
    Some(out)
}

/// Writes one `BATCH_UPDATE_COMMAND`.
fn put_command(out: &mut Vec<u8>, command: u32, value_type: u32, name: &str, data: &[u8]) {
    let name: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
    let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
    out.extend_from_slice(&command.to_le_bytes());
    out.extend_from_slice(&value_type.to_le_bytes());
    out.extend_from_slice(&len(name.len()));
    out.extend_from_slice(&name);
    out.extend_from_slice(&len(data.len()));
    out.extend_from_slice(data);
    if out.len() % 2 != 0 {
        out.push(0);
    }
}

/// Reads a `[in] DWORD cb; [in, size_is(cb)] BYTE *lp` pair (a top-level `[ref]` conformant
/// array: its count, then the bytes).
fn sized_bytes(d: &mut NdrDecoder<'_>) -> Result<Vec<u8>, BadStub> {
    let cb = ndr::u32(d)?;
    let max = ndr::u32(d)?;
    if max != cb || cb > MAX_BATCH {
        return Err(BadStub);
    }
    Ok(d.read_bytes(usize::try_from(max).map_err(|_| BadStub)?)?.to_vec())
}

impl Session {
    /// Serves `opnum` if it is a registry batch call; `Ok(false)` for any other opnum.
    pub(super) fn batch(
        &mut self,
        opnum: u16,
        d: &mut NdrDecoder<'_>,
        e: &mut NdrEncoder,
    ) -> Result<bool, Fault> {
        let sim = self.sim.clone();
        match opnum {
            // ApiExecuteBatch (0x71, 3.1.4.2.112): [in] hKey, cbData, [size_is(cbData)]
            // lpData; [out] int pdwFailedCommand, rpc_status; result. All commands or none;
            // the index of the failing one (-1 when none, or when the batch did not start).
            0x71 => {
                let k = self.key(d)?;
                let data = sized_bytes(d)?;
                let (failed, status) = match parse(&data) {
                    None => (-1, codes::ERROR_INVALID_PARAMETER),
                    Some(commands) => match sim.reg_create_batch(k) {
                        Err(err) => (-1, err.code()),
                        Ok(batch) => {
                            let added = commands.iter().enumerate().try_for_each(|(i, c)| {
                                sim.reg_batch_add_command(batch, c.command, &c.name, c.value_type, &c.data)
                                    .map_err(|err| (i as i32, err.code()))
                            });
                            match added {
                                Err(f) => {
                                    let _ = sim.reg_close_batch(batch, false);
                                    f
                                }
                                Ok(()) => match sim.reg_close_batch(batch, true) {
                                    Ok(()) => (-1, OK),
                                    Err(f) => (f.index, f.error.code()),
                                },
                            }
                        }
                    },
                };
                e.u32(failed as u32);
                e.u32(OK);
                e.u32(status);
            }
            // ApiExecuteReadBatch (0x91, 3.1.4.2.141): [in] hKey, cbInData, [size_is]
            // lpInData; [out] cbOutData, [size_is(,*cbOutData)] lpOutData, rpc_status; result.
            // CLUSREG_READ_KEY makes a subkey current, CLUSREG_READ_VALUE reads a value of it;
            // the answer has the same READ_KEY commands, then each value as CLUSREG_READ_VALUE
            // (type, data) or CLUSREG_READ_ERROR (the error code as ValueType).
            0x91 => {
                let k = self.key(d)?;
                let data = sized_bytes(d)?;
                let out = match parse(&data) {
                    None => Err(codes::ERROR_INVALID_PARAMETER),
                    Some(commands) => read_batch(&sim, k, &commands),
                };
                match &out {
                    Ok(b) => {
                        e.u32(u32::try_from(b.len()).unwrap_or(u32::MAX));
                        e.referent();
                        e.u32(u32::try_from(b.len()).unwrap_or(u32::MAX));
                        e.bytes(b);
                    }
                    Err(_) => {
                        e.u32(0);
                        e.null_ptr();
                    }
                }
                e.u32(OK);
                e.u32(out.err().unwrap_or(OK));
            }
            // ApiCreateBatchPort (0x72, 3.1.4.2.113): [in] hKey; [out] phBatchPort,
            // rpc_status; result
            0x72 => {
                let k = self.key(d)?;
                let r = sim.reg_create_batch_notify_port(k);
                let h = r.as_ref().map_or([0; 20], |&p| self.insert(Ctx::BatchPort(p), ""));
                ndr::put_handle(e, &h);
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiGetBatchNotification (0x73, 3.1.4.2.114): [in] hBatchNotify; [out] cbData,
            // [size_is(,*cbData)] lpData; result. The oldest change committed under the port's
            // key, as a CLUSTER_REG_BATCH_UPDATE; ERROR_NO_MORE_ITEMS when none is queued (the
            // simulator's ClusterRegGetBatchNotification: it does not wait).
            0x73 => {
                let Ctx::BatchPort(p) = self.lookup(&ndr::handle(d)?)? else {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                };
                let out = batch_notification(&sim, p);
                match &out {
                    Ok(b) => {
                        e.u32(u32::try_from(b.len()).unwrap_or(u32::MAX));
                        e.referent();
                        e.u32(u32::try_from(b.len()).unwrap_or(u32::MAX));
                        e.bytes(b);
                    }
                    Err(_) => {
                        e.u32(0);
                        e.null_ptr();
                    }
                }
                e.u32(out.err().unwrap_or(OK));
            }
            // ApiCloseBatchPort (0x74, 3.1.4.2.115): [in, out] phBatchPort; result
            0x74 => {
                let h = ndr::handle(d)?;
                let ctx @ Ctx::BatchPort(_) = self.lookup(&h)? else {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                };
                self.remove(&h)?;
                let status = super::close(&sim, ctx);
                ndr::put_handle(e, &[0; 20]);
                e.u32(status);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// The oldest batch notification of port `p` as a `CLUSTER_REG_BATCH_UPDATE`, or the Win32
/// code (`ERROR_NO_MORE_ITEMS` when none is queued).
fn batch_notification(sim: &crate::Sim, p: crate::RegBatchPortHandle) -> Result<Vec<u8>, u32> {
    let n = sim.reg_get_batch_notification(p).map_err(|e| e.code())?;
    let mut out = BATCH_VERSION.to_le_bytes().to_vec();
    while let Ok(c) = sim.reg_batch_read_command(n) {
        put_command(&mut out, c.command, c.options, &c.name, &c.data);
    }
    let _ = sim.reg_batch_close_notification(n);
    Ok(out)
}

/// Runs a read batch of `commands` on `k`; the answer's `CLUSTER_REG_BATCH_UPDATE`, or the
/// Win32 code of a batch that could not run.
fn read_batch(sim: &crate::Sim, k: crate::KeyHandle, commands: &[Command]) -> Result<Vec<u8>, u32> {
    let batch = sim.reg_create_read_batch(k).map_err(|e| e.code())?;
    let mut subkey = String::new();
    for c in commands {
        let r = match c.command {
            CLUSREG_READ_KEY => {
                subkey.clone_from(&c.name);
                Ok(())
            }
            CLUSREG_READ_VALUE => sim.reg_read_batch_add_command(batch, &subkey, &c.name),
            _ => Err(crate::Error::INVALID_PARAMETER),
        };
        if let Err(err) = r {
            // Run and drop the batch so that its handle does not outlive the call.
            if let Ok(reply) = sim.reg_close_read_batch(batch) {
                let _ = sim.reg_close_read_batch_reply(reply);
            }
            return Err(err.code());
        }
    }
    let reply = sim.reg_close_read_batch(batch).map_err(|e| e.code())?;
    let mut out = BATCH_VERSION.to_le_bytes().to_vec();
    let mut current: Option<String> = None;
    while let Ok(r) = sim.reg_read_batch_reply_next_command(reply) {
        if current.as_deref() != Some(r.subkey.as_str()) && !(current.is_none() && r.subkey.is_empty()) {
            put_command(&mut out, CLUSREG_READ_KEY, 0, &r.subkey, &[]);
        }
        current = Some(r.subkey.clone());
        match &r.result {
            Ok((kind, data)) => put_command(&mut out, CLUSREG_READ_VALUE, *kind, &r.value, data),
            Err(err) => put_command(&mut out, CLUSREG_READ_ERROR, err.code(), &r.value, &[]),
        }
    }
    let _ = sim.reg_close_read_batch_reply(reply);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_round_trip_with_16_bit_padding() {
        let mut b = BATCH_VERSION.to_le_bytes().to_vec();
        put_command(&mut b, 1, 3, "V", &[1, 2, 3]); // odd data: one pad byte
        put_command(&mut b, 2, 0, "Key", &[]);
        let c = parse(&b).expect("well formed");
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].command, c[0].value_type, c[0].name.as_str(), c[0].data.as_slice()),
            (1, 3, "V", &[1u8, 2, 3][..])
        );
        assert_eq!((c[1].command, c[1].name.as_str()), (2, "Key"));
        assert_eq!(parse(&2u32.to_le_bytes()), None, "version 1 only");
        assert_eq!(parse(&b[..b.len() - 3]), None, "a truncated command");
    }
}
