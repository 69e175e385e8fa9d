//! The layout of a control code (`reference/clusapi.md` §4.4): `(object << 24) | function`.

use crate::error::{Error, Result, codes};

/// `CLUS_OBJECT_*`: the object bits (24-31) of a control code.
pub(crate) mod object {
    /// `CLUS_OBJECT_RESOURCE`.
    pub(crate) const RESOURCE: u32 = 1;
    /// `CLUS_OBJECT_RESOURCE_TYPE`.
    pub(crate) const RESOURCE_TYPE: u32 = 2;
    /// `CLUS_OBJECT_GROUP`.
    pub(crate) const GROUP: u32 = 3;
    /// `CLUS_OBJECT_NODE`.
    pub(crate) const NODE: u32 = 4;
    /// `CLUS_OBJECT_NETWORK`.
    pub(crate) const NETWORK: u32 = 5;
    /// `CLUS_OBJECT_NETINTERFACE`.
    pub(crate) const NETINTERFACE: u32 = 6;
    /// `CLUS_OBJECT_CLUSTER`.
    pub(crate) const CLUSTER: u32 = 7;
    /// `CLUS_OBJECT_GROUPSET`.
    pub(crate) const GROUPSET: u32 = 8;
}

/// `CLCTL_*`: the object-independent part (bits 0-23) of the simulated control codes.
pub(crate) const CLCTL_UNKNOWN: u32 = 0x0;
pub(crate) const CLCTL_GET_CHARACTERISTICS: u32 = 0x5;
pub(crate) const CLCTL_GET_FLAGS: u32 = 0x9;
pub(crate) const CLCTL_GET_CLASS_INFO: u32 = 0xD;
pub(crate) const CLCTL_GET_NAME: u32 = 0x29;
pub(crate) const CLCTL_GET_RESOURCE_TYPE: u32 = 0x2D;
pub(crate) const CLCTL_GET_ID: u32 = 0x39;
pub(crate) const CLCTL_GET_FQDN: u32 = 0x3D;
pub(crate) const CLCTL_CHECK_VOTER_EVICT: u32 = 0x45;
pub(crate) const CLCTL_CHECK_VOTER_DOWN: u32 = 0x49;

/// The function part of `code` when its object bits are `object`, else
/// `ERROR_INVALID_FUNCTION`.
pub(crate) fn function_for(code: u32, object: u32) -> Result<u32> {
    if code >> 24 == object { Ok(code & 0x00ff_ffff) } else { Err(Error::new(codes::ERROR_INVALID_FUNCTION)) }
}

/// Whether a zero-size output buffer asks for the size of `code`'s reply rather than failing
/// with `ERROR_MORE_DATA`: `GET_CHARACTERISTICS` and `GET_CLASS_INFO` (MS-CMRP 3.1.4.3.1.2,
/// 3.1.4.3.1.4, 3.1.4.3.2.2: the server "MUST return ERROR_SUCCESS").
#[cfg(feature = "win32")]
pub(crate) fn zero_size_is_query(code: u32) -> bool {
    matches!(code & 0x00ff_ffff, CLCTL_GET_CHARACTERISTICS | CLCTL_GET_CLASS_INFO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_object_and_function() {
        assert_eq!(function_for(0x0100_002D, object::RESOURCE).unwrap(), CLCTL_GET_RESOURCE_TYPE);
        assert_eq!(function_for(0x0300_0029, object::RESOURCE).unwrap_err().code(), 1);
        assert_eq!(function_for(0, object::RESOURCE).unwrap_err().code(), 1);
        assert_eq!(function_for(0x0700_003D, object::CLUSTER).unwrap(), CLCTL_GET_FQDN);
        assert_eq!(function_for(0x0500_0029, object::NETWORK).unwrap(), CLCTL_GET_NAME);
        assert_eq!(function_for(0x0600_0039, object::NETINTERFACE).unwrap(), CLCTL_GET_ID);
    }

    #[test]
    fn only_characteristics_and_class_info_take_a_zero_size_as_a_query() {
        assert!(zero_size_is_query(0x0100_0005));
        assert!(zero_size_is_query(0x0200_000D));
        assert!(!zero_size_is_query(0x0100_0029));
        assert!(!zero_size_is_query(0x0100_0009));
    }
}
