//! Encoders for control-code replies, laid out as Windows lays them out.

use crate::error::{Error, Result, codes};

/// `CLUS_RESCLASS_STORAGE`, `CLUS_RESCLASS_NETWORK`.
pub(crate) const CLUS_RESCLASS_STORAGE: u32 = 1;
const CLUS_RESCLASS_NETWORK: u32 = 2;
/// `CLUS_RESSUBCLASS_SHARED` (storage) and `CLUS_RESSUBCLASS_NETWORK_INTERNET_PROTOCOL`.
const SUBCLASS_SHARED: u32 = 0x8000_0000;

/// The reply to an unsupported function.
pub(crate) fn invalid_function() -> Result<Vec<u8>> {
    Err(Error::new(codes::ERROR_INVALID_FUNCTION))
}

/// A DWORD reply.
pub(crate) fn dword(value: u32) -> Result<Vec<u8>> {
    Ok(value.to_ne_bytes().to_vec())
}

/// A string reply: NUL-terminated UTF-16; its size counts the NUL.
pub(crate) fn string(s: &str) -> Result<Vec<u8>> {
    Ok(s.encode_utf16().chain(std::iter::once(0)).flat_map(u16::to_ne_bytes).collect())
}

/// A `CLUS_RESOURCE_CLASS_INFO` reply for class `class`: the class, then subclass
/// `0x80000000` for the storage and network classes, 0 otherwise (MS-CMRP 3.1.4.3.1.4).
pub(crate) fn class_info(class: u32) -> Result<Vec<u8>> {
    let subclass =
        if matches!(class, CLUS_RESCLASS_STORAGE | CLUS_RESCLASS_NETWORK) { SUBCLASS_SHARED } else { 0 };
    Ok([class, subclass].iter().flat_map(|v| v.to_ne_bytes()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_laid_out_as_windows_does() {
        assert_eq!(string("ab").unwrap(), [b'a', 0, b'b', 0, 0, 0]);
        assert_eq!(dword(1).unwrap(), 1u32.to_ne_bytes());
        let ci = class_info(CLUS_RESCLASS_STORAGE).unwrap();
        assert_eq!(ci.len(), 8);
        assert_eq!(ci[..4], 1u32.to_ne_bytes());
        assert_eq!(ci[4..], 0x8000_0000u32.to_ne_bytes());
        assert_eq!(class_info(0).unwrap(), [0u8; 8]);
    }
}
