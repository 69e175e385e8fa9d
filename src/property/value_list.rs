//! Value lists (`reference/engine-properties-notify.md` §C.1, MsCS:value-lists): the replies
//! of controls such as `CLUSCTL_RESOURCE_STORAGE_GET_DISK_INFO`, which are entries
//! `u32 syntax, u32 cbLength, data` zero-padded to 4, closed by an ENDMARK (`u32 0`), with no
//! names and no count; and the MULTI_SZ name lists of the `ENUM_*_PROPERTIES` replies.
//!
//! ```
//! use clusapi_sim::property::{ValueListWriter, decode_value_list, syntax};
//!
//! let mut bytes = Vec::new();
//! let mut w = ValueListWriter::new(&mut bytes);
//! w.dword(syntax::DISK_SIGNATURE, 0x1234_5678).entry(syntax::PARTITION_INFO, &[1, 2, 3]);
//! w.finish();
//! assert_eq!(bytes.len(), 12 + 12 + 4);
//! assert_eq!(
//!     decode_value_list(&bytes)?,
//!     [(syntax::DISK_SIGNATURE, 0x1234_5678u32.to_le_bytes().to_vec()), (syntax::PARTITION_INFO, vec![1, 2, 3])]
//! );
//! # Ok::<(), clusapi_sim::Error>(())
//! ```

use super::list::{Reader, write_multi_sz};
use super::syntax;
use crate::error::Result;

/// Writes a value list straight into a byte buffer.
pub struct ValueListWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Where the list starts in `out` (the padding is relative to it).
    start: usize,
}

impl<'a> ValueListWriter<'a> {
    /// Starts a value list at the end of `out`.
    pub fn new(out: &'a mut Vec<u8>) -> ValueListWriter<'a> {
        let start = out.len();
        ValueListWriter { out, start }
    }

    /// Appends an entry of syntax `syntax` with data `data` (padded with zeros to 4).
    pub fn entry(&mut self, syntax: u32, data: &[u8]) -> &mut Self {
        self.out.extend_from_slice(&syntax.to_le_bytes());
        self.out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        self.out.extend_from_slice(data);
        let n = (self.out.len() - self.start) % 4;
        if n != 0 {
            self.out.extend_from_slice(&[0, 0, 0][..4 - n]);
        }
        self
    }

    /// Appends an entry whose data is one DWORD.
    pub fn dword(&mut self, syntax: u32, v: u32) -> &mut Self {
        self.entry(syntax, &v.to_le_bytes())
    }

    /// Appends an entry whose data is one ULARGE_INTEGER (e.g. `DISK_SIZE`).
    pub fn ularge(&mut self, syntax: u32, v: u64) -> &mut Self {
        self.entry(syntax, &v.to_le_bytes())
    }

    /// Ends the list: its ENDMARK.
    pub fn finish(self) {
        self.out.extend_from_slice(&syntax::ENDMARK.to_le_bytes());
    }
}

/// Decodes a value list into its entries `(syntax, unpadded data)`, up to its ENDMARK; bytes
/// after the ENDMARK are ignored. The data is not checked against the syntax.
///
/// # Errors
/// `ERROR_INSUFFICIENT_BUFFER (122)` when an entry (with its padding) or the ENDMARK runs past
/// the end of `bytes`.
pub fn decode_value_list(bytes: &[u8]) -> Result<Vec<(u32, Vec<u8>)>> {
    let mut r = Reader { bytes, at: 0 };
    let mut entries = Vec::new();
    loop {
        match r.u32()? {
            syntax::ENDMARK => return Ok(entries),
            syntax => entries.push((syntax, r.entry_data()?.to_vec())),
        }
    }
}

/// The MULTI_SZ bytes of `names`: each as UTF-16LE with its NUL, then a final NUL (no names:
/// one NUL unit). The reply of `CLUSCTL_*_ENUM_COMMON_PROPERTIES` and the like.
pub fn multi_sz_bytes<'s>(names: impl IntoIterator<Item = &'s str>) -> Vec<u8> {
    let mut out = Vec::new();
    write_multi_sz(&mut out, names);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes;

    #[test]
    fn a_value_list_round_trips_and_needs_its_endmark() {
        let mut bytes = Vec::new();
        let mut w = ValueListWriter::new(&mut bytes);
        w.entry(syntax::SCSI_ADDRESS, &[1, 2, 3, 4])
            .ularge(syntax::DISK_SIZE, 1 << 40)
            .entry(0x8000_0000, &[]);
        w.finish();
        let entries = decode_value_list(&bytes).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[1], (syntax::DISK_SIZE, (1u64 << 40).to_le_bytes().to_vec()));
        let e = decode_value_list(&bytes[..bytes.len() - 4]).unwrap_err();
        assert_eq!(e.code(), codes::ERROR_INSUFFICIENT_BUFFER);
        assert_eq!(decode_value_list(&[0, 0, 0, 0, 9, 9]).unwrap(), []);
    }

    #[test]
    fn multi_sz_bytes_end_with_a_double_nul() {
        assert_eq!(multi_sz_bytes(["A", "bc"]), [b'A', 0, 0, 0, b'b', 0, b'c', 0, 0, 0, 0, 0]);
        assert_eq!(multi_sz_bytes([]), [0, 0]);
    }
}
