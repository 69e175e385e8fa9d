//! The version 2 notification calls of MS-CMRP (MS-CMRP 3.1.4.2.136..3.1.4.2.138 and
//! 3.1.4.2.144; Samba's `clusapi.idl` "Function 0x89".."Function 0x8B" and "Function 0x9B")
//! and ApiAddNotifyKey (0x3D, 3.1.4.2.62), onto the `Sim` v2 ports
//! ([`Sim::create_notify_port_v2`](crate::Sim::create_notify_port_v2) and its siblings).
//!
//! ApiGetNotifyV2 blocks until an event is queued (3.1.4.2.138); as for ApiGetNotify, the
//! connection waits by asking again ([`Session::poll_wait`]), never under the simulator's lock.

use ms_ndr::{NdrDecoder, NdrEncoder};

use super::{Ctx, Fault, OK, Session, code};
use crate::NotifyPortHandle;
use crate::notify::NotificationV2;
use crate::server::ndr;
use crate::server::pdu::NCA_S_FAULT_CONTEXT_MISMATCH;

/// ApiGetNotifyV2's opnum: a call the connection answers when an event is queued.
pub(super) const GET_NOTIFY_V2: u16 = 0x8B;

/// The most events one ApiGetNotifyV2 answer carries (a choice: the queue is drained in
/// answers of at most this many).
const MAX_PER_ANSWER: usize = 64;

impl Session {
    /// Serves `opnum` if it is a v2 notification call or ApiAddNotifyKey; `Ok(false)` for any
    /// other opnum.
    pub(super) fn notify_v2(
        &mut self,
        opnum: u16,
        d: &mut NdrDecoder<'_>,
        e: &mut NdrEncoder,
    ) -> Result<bool, Fault> {
        let sim = self.sim.clone();
        match opnum {
            // ApiAddNotifyKey (0x3D, 3.1.4.2.62): [in] hNotify, hKey, dwNotifyKey, Filter,
            // boolean8 WatchSubTree; [out] rpc_status; result
            0x3D => {
                let port = self.port(d)?;
                let Ctx::Key(k) = self.lookup(&ndr::handle(d)?)? else {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                };
                let key = ndr::u32(d)? as usize;
                let mut filter = ndr::u32(d)?;
                if d.u8().map_err(ndr::BadStub::from)? != 0 {
                    filter |= crate::notify::CLUSTER_CHANGE_REGISTRY_SUBTREE;
                }
                let r = sim.register_notify(port, filter, k, key);
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiCreateNotifyV2 (0x89, 3.1.4.2.136): [out] rpc_error, rpc_status, hNotify: a
            // v2 port with no filter set
            0x89 => {
                let r = self.cluster().and_then(|c| sim.create_notify_port_v2(c, &[], 0)).map(Ctx::Notify);
                self.put_opened(e, r, "", true, None);
            }
            // ApiAddNotifyV2 (0x8A, 3.1.4.2.137): [in] hNotify, hObject,
            // NOTIFY_FILTER_AND_TYPE_RPC { dwObjectType, hyper FilterFlags }, dwNotifyKey,
            // dwVersion, boolean8 isTargetedAtObject; [out] rpc_status; result
            0x8A => {
                let port = self.port(d)?;
                let object = self.lookup(&ndr::handle(d)?)?;
                d.align(8);
                let ty = ndr::u32(d)?;
                let mask = d.u64().map_err(ndr::BadStub::from)? as i64;
                let key = ndr::u32(d)? as usize;
                let _version = ndr::u32(d)?;
                let targeted = d.u8().map_err(ndr::BadStub::from)? != 0;
                let filter = (ty, mask);
                let r = match (targeted, object) {
                    // Cluster-wide: every object of the type, on the port's cluster.
                    (false, _) | (true, Ctx::Cluster(_)) => sim.add_notify_filter_v2(port, filter, key),
                    (true, Ctx::Node(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::Group(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::Resource(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::Network(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::NetInterface(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::Key(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::GroupSet(h)) => sim.register_notify_v2(port, filter, h, key),
                    (true, Ctx::Notify(_) | Ctx::BatchPort(_)) => Err(crate::Error::INVALID_HANDLE),
                };
                e.u32(OK);
                e.u32(code(&r));
            }
            // ApiGetNotifyV2 without waiting: the connection waits (see `poll_wait`).
            GET_NOTIFY_V2 => match self.get_notify_v2(d)? {
                Some(reply) => e.bytes(&reply),
                None => {
                    e.null_ptr();
                    e.u32(0);
                    e.u32(crate::error::codes::ERROR_NO_MORE_ITEMS);
                }
            },
            // ApiAddNotifyResourceTypeV2 (0x9B, 3.1.4.2.144): [in] hNotify, hyper filter,
            // dwNotifyKey, [string] resTypeName, dwVersion; [out] rpc_status; result
            0x9B => {
                let port = self.port(d)?;
                let mask = d.u64().map_err(ndr::BadStub::from)? as i64;
                let key = ndr::u32(d)? as usize;
                let name = ndr::string(d)?;
                let _version = ndr::u32(d)?;
                let r = self
                    .cluster()
                    .and_then(|c| sim.register_resource_type_notify_v2(port, c, mask, &name, key));
                e.u32(OK);
                e.u32(code(&r));
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// ApiGetNotifyV2 (0x8B, 3.1.4.2.138): `[in] hNotify; [out, size_is(,*dwNumNotifications)]
    /// NOTIFICATION_RPC **Notifications, dwNumNotifications`; result. The response stub with
    /// the events queued (up to [`MAX_PER_ANSWER`]), or with the error of a port that is gone;
    /// `None` while the queue is empty.
    pub(super) fn get_notify_v2(&mut self, d: &mut NdrDecoder<'_>) -> Result<Option<Vec<u8>>, Fault> {
        let port: NotifyPortHandle = self.port(d)?;
        let mut events = Vec::new();
        let mut status = OK;
        while events.len() < MAX_PER_ANSWER {
            match self.sim.notify_v2(port, Some(std::time::Duration::ZERO)) {
                Ok(Some(n)) => events.push(n),
                Ok(None) => break,
                Err(err) => {
                    status = err.code();
                    break;
                }
            }
        }
        if events.is_empty() && status == OK {
            return Ok(None);
        }
        let mut e = NdrEncoder::new();
        put_notifications(&mut e, &events);
        e.u32(u32::try_from(events.len()).unwrap_or(u32::MAX));
        e.u32(if events.is_empty() { status } else { OK });
        Ok(Some(e.into_bytes()))
    }
}

/// Writes a `NOTIFICATION_RPC *` array (Samba's `clusapi.idl`; MS-CMRP 2.2.3.26,
/// 2.2.3.27): the pointer, the conformance, each element's fixed part (`uint32 *dwNotifyKey`,
/// `NOTIFY_FILTER_AND_TYPE_RPC`, `uint8 *buffer`, `dwBufferSize`, four string pointers),
/// then the deferred pointees in order. The buffer is null (the simulator's events carry
/// no payload); a null array when there are none.
fn put_notifications(e: &mut NdrEncoder, events: &[NotificationV2]) {
    if events.is_empty() {
        e.null_ptr();
        return;
    }
    e.referent();
    e.u32(u32::try_from(events.len()).unwrap_or(u32::MAX));
    for n in events {
        e.align(8);
        e.referent(); // dwNotifyKey
        e.align(8);
        e.u32(n.object_type);
        e.u64(n.filter as u64);
        e.null_ptr(); // buffer
        e.u32(0); // dwBufferSize
        for _ in 0..4 {
            e.referent();
        }
    }
    for n in events {
        e.u32(u32::try_from(n.key).unwrap_or(u32::MAX));
        for s in [&n.object_id, &n.parent_id, &n.name, &n.type_name] {
            e.conformant_varying_wstr(s);
        }
    }
}
