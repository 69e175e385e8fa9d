//! The group set calls of MS-CMRP (opnums 0xA3..0xB4, MS-CMRP 3.1.4.2.146..161; Samba's
//! `clusapi.idl` "Function 0xA3".."Function 0xB4") onto the `Sim` group set functions.
//! `ApiGroupSetControl` (0xAE) and `ApiNodeGroupSetControl` (0xAD) are served with the other
//! control calls in `cmrp.rs`. Not served: `ApiAddGroupToGroupSetEx` (0xB7, fault and update
//! domains are not simulated).

use ms_ndr::{NdrDecoder, NdrEncoder};

use super::{Ctx, Fault, OK, Session, code, put_enum};
use crate::GroupSetHandle;
use crate::enumeration::EnumItem;
use crate::server::ndr;
use crate::server::pdu::NCA_S_FAULT_CONTEXT_MISMATCH;

impl Session {
    fn group_set(&self, d: &mut NdrDecoder<'_>) -> Result<GroupSetHandle, Fault> {
        match self.lookup(&ndr::handle(d)?)? {
            Ctx::GroupSet(s) => Ok(s),
            _ => Err(NCA_S_FAULT_CONTEXT_MISMATCH),
        }
    }

    /// Serves `opnum` if it is a group set call; `false` if it is not one.
    pub(super) fn group_sets(
        &mut self,
        opnum: u16,
        d: &mut NdrDecoder<'_>,
        e: &mut NdrEncoder,
    ) -> Result<bool, Fault> {
        let sim = self.sim.clone();
        let status = match opnum {
            // ApiCreateGroupSet (0xA3) and ApiOpenGroupSet (0xA4): [in, string] name;
            // [out] Status, rpc_status, hGroupSet
            0xA3 | 0xA4 => {
                let name = ndr::string(d)?;
                let r = self.cluster().and_then(|c| match opnum {
                    0xA3 => sim.create_group_set(c, &name),
                    _ => sim.open_group_set(c, &name),
                });
                self.put_opened(e, r.map(Ctx::GroupSet), &name, true, None);
                return Ok(true);
            }
            // ApiCloseGroupSet (0xA5): [in, out] GroupSet; result
            0xA5 => {
                let h = ndr::handle(d)?;
                let Ctx::GroupSet(s) = self.lookup(&h)? else { return Err(NCA_S_FAULT_CONTEXT_MISMATCH) };
                self.remove(&h)?;
                let status = code(&sim.close_group_set(s));
                ndr::put_handle(e, &[0; 20]);
                e.u32(status);
                return Ok(true);
            }
            // ApiDeleteGroupSet (0xA6): [in] GroupSet; [out] rpc_status; result
            0xA6 => code(&sim.delete_group_set(self.group_set(d)?)),
            // ApiAddGroupToGroupSet (0xA7), ApiMoveGroupToGroupSet (0xA9): [in] GroupSet, Group
            0xA7 | 0xA9 => {
                let set = self.group_set(d)?;
                let group = self.group(d)?;
                match opnum {
                    0xA7 => code(&sim.add_group_to_group_set(set, group)),
                    _ => code(&sim.move_group_to_group_set(set, group)),
                }
            }
            // ApiRemoveGroupFromGroupSet (0xA8): [in] Group
            0xA8 => code(&sim.remove_group_from_group_set(self.group(d)?)),
            // ApiAddGroupSetDependency (0xAB), ApiRemoveGroupSetDependency (0xB2): [in] the
            // dependent set, the provider set
            0xAB | 0xB2 => {
                let dependent = self.group_set(d)?;
                let provider = self.group_set(d)?;
                match opnum {
                    0xAB => code(&sim.add_group_set_dependency(dependent, provider, None)),
                    _ => code(&sim.remove_group_set_dependency(dependent, provider, None)),
                }
            }
            // ApiAddGroupToGroupSetDependency (0xAC), ApiRemoveClusterGroupToGroupSetDependency
            // (0xB3): [in] the dependent group, the provider set
            0xAC | 0xB3 => {
                let group = self.group(d)?;
                let provider = self.group_set(d)?;
                match opnum {
                    0xAC => code(&sim.add_group_to_group_set_dependency(group, provider, None)),
                    _ => code(&sim.remove_group_to_group_set_dependency(group, provider, None)),
                }
            }
            // ApiSetGroupSetDependencyExpression (0xB1): [in] hGroupSet, [in, string] expression
            0xB1 => {
                let set = self.group_set(d)?;
                let expr = ndr::string(d)?;
                code(&sim.set_group_set_dependency_expression(set, &expr, None))
            }
            // ApiCreateGroupSetEnum (0xB4): [in] hCluster; [out] ENUM_LIST **, rpc_status; result
            0xB4 => {
                let Ctx::Cluster(c) = self.lookup(&ndr::handle(d)?)? else {
                    return Err(NCA_S_FAULT_CONTEXT_MISMATCH);
                };
                let items: crate::Result<Vec<EnumItem>> = sim.group_set_open_enum(c).and_then(|h| {
                    let items = sim.enum_items(h);
                    sim.close_enum(h)?;
                    items
                });
                put_enum(e, &items, false);
                e.u32(OK);
                e.u32(code(&items));
                return Ok(true);
            }
            _ => return Ok(false),
        };
        // The calls that answer [out] rpc_status and the result.
        e.u32(OK);
        e.u32(status);
        Ok(true)
    }
}
