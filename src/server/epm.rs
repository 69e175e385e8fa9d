//! The endpoint mapper (C706 appendix O, `ept_map` opnum 3): answers a lookup of any
//! interface with the one TCP endpoint this server listens on.

use super::pdu::NCA_S_OP_RNG_ERROR;

/// Runs one endpoint mapper call.
///
/// # Errors
/// `nca_s_op_rng_error` for every opnum (not yet served).
pub fn call(_opnum: u16, _stub: &[u8], _port: u16) -> Result<Vec<u8>, u32> {
    Err(NCA_S_OP_RNG_ERROR)
}
