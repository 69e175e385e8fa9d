//! The property-list codec: `CLUSPROP_*` property lists and value lists, laid out exactly as
//! Windows lays them out (`reference/engine-properties-notify.md` §C.1).
//!
//! SKELETON: the signatures are the contract other modules code against; the bodies are
//! filled in by the codec work.

use crate::error::Result;

/// One value of a property (a `CLUSPROP_SYNTAX_LIST_VALUE_*` entry).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Value {
    /// `LIST_VALUE_BINARY` (0x00010001).
    Binary(Vec<u8>),
    /// `LIST_VALUE_DWORD` (0x00010002).
    Dword(u32),
    /// `LIST_VALUE_SZ` (0x00010003): the data is NUL-terminated UTF-16.
    Sz(String),
    /// `LIST_VALUE_EXPAND_SZ` (0x00010004).
    ExpandSz(String),
    /// `LIST_VALUE_MULTI_SZ` (0x00010005): each string with its NUL, then a final NUL.
    MultiSz(Vec<String>),
    /// `LIST_VALUE_ULARGE_INTEGER` (0x00010006).
    ULargeInteger(u64),
    /// `LIST_VALUE_LONG` (0x00010007).
    Long(i32),
    /// `LIST_VALUE_EXPANDED_SZ` (0x00010008): only in output, after an `ExpandSz`.
    ExpandedSz(String),
    /// `LIST_VALUE_SECURITY_DESCRIPTOR` (0x00010009).
    SecurityDescriptor(Vec<u8>),
    /// `LIST_VALUE_LARGE_INTEGER` (0x0001000A).
    LargeInteger(i64),
    /// `LIST_VALUE_WORD` (0x0001000B).
    Word(u16),
    /// `LIST_VALUE_FILETIME` (0x0001000C): 100 ns intervals since 1601.
    FileTime(u64),
    /// Any other syntax, its data kept as it came.
    Raw {
        /// The `CLUSPROP_SYNTAX` (`(type << 16) | format`).
        syntax: u32,
        /// The data, unpadded.
        data: Vec<u8>,
    },
}

impl Value {
    /// Its `CLUSPROP_SYNTAX` value.
    pub fn syntax(&self) -> u32 {
        todo!()
    }

    /// Its `CLUSPROP_FORMAT` (the syntax's low word).
    pub fn format(&self) -> u16 {
        (self.syntax() & 0xFFFF) as u16
    }
}

/// One property: its name and its values (at least one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    /// The name.
    pub name: String,
    /// Its values, in order (an `EXPAND_SZ` property read from the cluster has two).
    pub values: Vec<Value>,
}

/// A property list (`CLUSPROP_LIST`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropertyList {
    /// The properties, in order.
    pub properties: Vec<Property>,
}

impl PropertyList {
    /// Decodes the bytes of a property list.
    ///
    /// # Errors
    /// `ERROR_INSUFFICIENT_BUFFER (122)` when the list runs past the end of `bytes`,
    /// `ERROR_INVALID_PARAMETER (87)` for a badly formed list, `ERROR_INVALID_DATA (13)` for a
    /// value whose length does not fit its format.
    pub fn decode(bytes: &[u8]) -> Result<PropertyList> {
        let _ = bytes;
        todo!()
    }

    /// The bytes of the list.
    pub fn encode(&self) -> Vec<u8> {
        todo!()
    }
}

/// Writes a property list straight into a byte buffer, one property at a time, without
/// building a [`PropertyList`] first.
pub struct PropertyWriter<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> PropertyWriter<'a> {
    /// Starts a list at the end of `out`.
    pub fn new(out: &'a mut Vec<u8>) -> PropertyWriter<'a> {
        PropertyWriter { out }
    }

    /// Appends a property with one value.
    pub fn value(&mut self, name: &str, value: &Value) -> &mut Self {
        let _ = (name, value, &self.out);
        todo!()
    }

    /// Ends the list (its count and the list-level ENDMARK).
    pub fn finish(self) {
        todo!()
    }
}
