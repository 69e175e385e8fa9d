//! The property-list codec: `CLUSPROP_*` property lists, laid out exactly as Windows lays
//! them out (`reference/engine-properties-notify.md` §C.1).
//!
//! ```text
//! list      := u32 nPropertyCount, property[nPropertyCount], u32 0 (the list-level ENDMARK)
//! property  := NAME entry, value entry+, u32 0 (ENDMARK)
//! NAME      := u32 0x00040003, u32 cbLength, UTF-16LE name with its NUL, zeros to a multiple of 4
//! value     := u32 syntax, u32 cbLength, data[cbLength], zeros to a multiple of 4
//! ```
//!
//! Everything is little-endian and every entry starts 4-aligned, so 64-bit values are read and
//! written as unaligned bytes. [`PropertyList`] is the decoded form; [`PropertyWriter`] writes
//! a list straight into a byte buffer, which is what the reply paths use.
//!
//! ```
//! use clusapi_sim::property::{PropertyList, PropertyWriter, Value};
//!
//! let mut bytes = Vec::new();
//! let mut w = PropertyWriter::new(&mut bytes);
//! w.dword("RestartThreshold", 3).sz("Description", "web front end");
//! w.finish();
//!
//! let list = PropertyList::decode(&bytes)?;
//! assert_eq!(list.get("restartthreshold"), Some(&Value::Dword(3)));
//! assert_eq!(list.get("Description").and_then(Value::as_str), Some("web front end"));
//! assert_eq!(list.encode(), bytes);
//! # Ok::<(), clusapi_sim::Error>(())
//! ```

use super::syntax;
use crate::error::{Error, Result, codes};

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
    ///
    /// A `Raw` whose syntax is one of the typed ones ([`syntax::TYPED`]) encodes to bytes that
    /// decode as the typed variant, and one with syntax [`ENDMARK`](syntax::ENDMARK) or
    /// [`NAME`](syntax::NAME) encodes to a list that does not decode at all.
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
        match self {
            Value::Binary(_) => syntax::LIST_VALUE_BINARY,
            Value::Dword(_) => syntax::LIST_VALUE_DWORD,
            Value::Sz(_) => syntax::LIST_VALUE_SZ,
            Value::ExpandSz(_) => syntax::LIST_VALUE_EXPAND_SZ,
            Value::MultiSz(_) => syntax::LIST_VALUE_MULTI_SZ,
            Value::ULargeInteger(_) => syntax::LIST_VALUE_ULARGE_INTEGER,
            Value::Long(_) => syntax::LIST_VALUE_LONG,
            Value::ExpandedSz(_) => syntax::LIST_VALUE_EXPANDED_SZ,
            Value::SecurityDescriptor(_) => syntax::LIST_VALUE_SECURITY_DESCRIPTOR,
            Value::LargeInteger(_) => syntax::LIST_VALUE_LARGE_INTEGER,
            Value::Word(_) => syntax::LIST_VALUE_WORD,
            Value::FileTime(_) => syntax::LIST_VALUE_FILETIME,
            Value::Raw { syntax, .. } => *syntax,
        }
    }

    /// Its `CLUSPROP_FORMAT` (the syntax's low word).
    pub fn format(&self) -> u16 {
        (self.syntax() & 0xFFFF) as u16
    }

    /// Decodes the data of one value entry of syntax `syntax`.
    ///
    /// # Errors
    /// `ERROR_INVALID_DATA (13)` when the length does not fit the format: a DWORD or LONG
    /// that is not 4 bytes, a WORD not 2, a ULARGE_INTEGER, LARGE_INTEGER or FILETIME not 8;
    /// an SZ, EXPAND_SZ or EXPANDED_SZ of odd length, empty, not ending with a NUL unit, or not
    /// valid UTF-16 (a choice: a `String` cannot hold a lone surrogate); a MULTI_SZ of odd
    /// length, invalid UTF-16, or not ending with two NUL units. A MULTI_SZ of exactly one NUL
    /// unit is the empty list (a choice: what [`Value::MultiSz`] of no strings encodes to).
    /// Interior NULs of an SZ are kept. Binary data and unknown syntaxes take any length.
    pub fn decode(syntax: u32, data: &[u8]) -> Result<Value> {
        let invalid = || Error::new(codes::ERROR_INVALID_DATA);
        let fixed = |n: usize| if data.len() == n { Ok(()) } else { Err(invalid()) };
        let le4 = || -> Result<[u8; 4]> { data.try_into().map_err(|_| invalid()) };
        let le8 = || -> Result<[u8; 8]> { data.try_into().map_err(|_| invalid()) };
        Ok(match syntax {
            syntax::LIST_VALUE_BINARY => Value::Binary(data.to_vec()),
            syntax::LIST_VALUE_SECURITY_DESCRIPTOR => Value::SecurityDescriptor(data.to_vec()),
            syntax::LIST_VALUE_DWORD => Value::Dword(u32::from_le_bytes(le4()?)),
            syntax::LIST_VALUE_LONG => Value::Long(i32::from_le_bytes(le4()?)),
            syntax::LIST_VALUE_WORD => {
                fixed(2)?;
                Value::Word(u16::from_le_bytes([data[0], data[1]]))
            }
            syntax::LIST_VALUE_ULARGE_INTEGER => Value::ULargeInteger(u64::from_le_bytes(le8()?)),
            syntax::LIST_VALUE_LARGE_INTEGER => Value::LargeInteger(i64::from_le_bytes(le8()?)),
            syntax::LIST_VALUE_FILETIME => Value::FileTime(u64::from_le_bytes(le8()?)),
            syntax::LIST_VALUE_SZ => Value::Sz(decode_sz(data).ok_or_else(invalid)?),
            syntax::LIST_VALUE_EXPAND_SZ => Value::ExpandSz(decode_sz(data).ok_or_else(invalid)?),
            syntax::LIST_VALUE_EXPANDED_SZ => Value::ExpandedSz(decode_sz(data).ok_or_else(invalid)?),
            syntax::LIST_VALUE_MULTI_SZ => Value::MultiSz(decode_multi_sz(data).ok_or_else(invalid)?),
            _ => Value::Raw { syntax, data: data.to_vec() },
        })
    }

    /// The value if it is a [`Dword`](Value::Dword).
    pub fn as_dword(&self) -> Option<u32> {
        match self {
            Value::Dword(v) => Some(*v),
            _ => None,
        }
    }

    /// The value if it is a [`Long`](Value::Long).
    pub fn as_long(&self) -> Option<i32> {
        match self {
            Value::Long(v) => Some(*v),
            _ => None,
        }
    }

    /// The value if it is a [`Word`](Value::Word).
    pub fn as_word(&self) -> Option<u16> {
        match self {
            Value::Word(v) => Some(*v),
            _ => None,
        }
    }

    /// The value if it is a [`ULargeInteger`](Value::ULargeInteger).
    pub fn as_ularge(&self) -> Option<u64> {
        match self {
            Value::ULargeInteger(v) => Some(*v),
            _ => None,
        }
    }

    /// The value if it is a [`LargeInteger`](Value::LargeInteger).
    pub fn as_large(&self) -> Option<i64> {
        match self {
            Value::LargeInteger(v) => Some(*v),
            _ => None,
        }
    }

    /// The value if it is a [`FileTime`](Value::FileTime).
    pub fn as_filetime(&self) -> Option<u64> {
        match self {
            Value::FileTime(v) => Some(*v),
            _ => None,
        }
    }

    /// The string of an [`Sz`](Value::Sz), [`ExpandSz`](Value::ExpandSz) or
    /// [`ExpandedSz`](Value::ExpandedSz).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Sz(s) | Value::ExpandSz(s) | Value::ExpandedSz(s) => Some(s),
            _ => None,
        }
    }

    /// The strings of a [`MultiSz`](Value::MultiSz).
    pub fn as_multi_sz(&self) -> Option<&[String]> {
        match self {
            Value::MultiSz(v) => Some(v),
            _ => None,
        }
    }

    /// The bytes of a [`Binary`](Value::Binary), a
    /// [`SecurityDescriptor`](Value::SecurityDescriptor) or a [`Raw`](Value::Raw).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Binary(b) | Value::SecurityDescriptor(b) | Value::Raw { data: b, .. } => Some(b),
            _ => None,
        }
    }

    /// Appends its unpadded data bytes to `out` (what `cbLength` counts).
    pub fn write_data(&self, out: &mut Vec<u8>) {
        match self {
            Value::Binary(b) | Value::SecurityDescriptor(b) | Value::Raw { data: b, .. } => {
                out.extend_from_slice(b)
            }
            Value::Dword(v) => out.extend_from_slice(&v.to_le_bytes()),
            Value::Long(v) => out.extend_from_slice(&v.to_le_bytes()),
            Value::Word(v) => out.extend_from_slice(&v.to_le_bytes()),
            Value::ULargeInteger(v) | Value::FileTime(v) => out.extend_from_slice(&v.to_le_bytes()),
            Value::LargeInteger(v) => out.extend_from_slice(&v.to_le_bytes()),
            Value::Sz(s) | Value::ExpandSz(s) | Value::ExpandedSz(s) => write_wide_nul(out, s),
            Value::MultiSz(v) => write_multi_sz(out, v.iter().map(String::as_str)),
        }
    }
}

impl From<u32> for Value {
    fn from(v: u32) -> Value {
        Value::Dword(v)
    }
}

impl From<i32> for Value {
    fn from(v: i32) -> Value {
        Value::Long(v)
    }
}

impl From<u16> for Value {
    fn from(v: u16) -> Value {
        Value::Word(v)
    }
}

impl From<u64> for Value {
    fn from(v: u64) -> Value {
        Value::ULargeInteger(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::LargeInteger(v)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Sz(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Sz(s)
    }
}

impl From<Vec<String>> for Value {
    fn from(v: Vec<String>) -> Value {
        Value::MultiSz(v)
    }
}

impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Value {
        Value::Binary(v)
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

impl Property {
    /// A property with one value.
    pub fn new(name: impl Into<String>, value: impl Into<Value>) -> Property {
        Property { name: name.into(), values: vec![value.into()] }
    }

    /// Its first value (`None` only for a property built with no values, which does not
    /// encode to a valid list).
    pub fn value(&self) -> Option<&Value> {
        self.values.first()
    }
}

/// Whether two property names are the same name: compared ignoring case (a choice: the
/// sources say nothing, and cluster property names are case-insensitive in the cluster
/// database). ASCII names compare with [`str::eq_ignore_ascii_case`]; others char by char
/// through Unicode lowercase mapping ([`char::to_lowercase`]), so `"ÄBC"` matches `"äbc"`.
pub fn names_match(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// A property list (`CLUSPROP_LIST`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropertyList {
    /// The properties, in order.
    pub properties: Vec<Property>,
}

impl PropertyList {
    /// An empty list.
    pub fn new() -> PropertyList {
        PropertyList::default()
    }

    /// Appends a property with one value; chainable.
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<Value>) -> &mut Self {
        self.properties.push(Property::new(name, value));
        self
    }

    /// Appends a property (with any number of values); chainable.
    pub fn push_property(&mut self, property: Property) -> &mut Self {
        self.properties.push(property);
        self
    }

    /// The first value of the first property called `name` (matched ignoring case, see
    /// [`names_match`]).
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.property(name).and_then(Property::value)
    }

    /// The first property called `name` (matched ignoring case, see [`names_match`]).
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| names_match(&p.name, name))
    }

    /// The properties, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Property> {
        self.properties.iter()
    }

    /// How many properties.
    pub fn len(&self) -> usize {
        self.properties.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
    }

    /// Decodes the bytes of a property list.
    ///
    /// The rules, where the sources are silent (choices):
    /// * decoding reads `nPropertyCount` properties and stops: the list-level ENDMARK after
    ///   them is accepted when present and tolerated when absent, and whatever follows (the
    ///   rest of a caller's larger buffer) is ignored, not checked;
    /// * the zero padding after a name or a value must be inside `bytes` (it belongs to the
    ///   entry), but its bytes are not checked;
    /// * a value entry whose syntax is `NAME` (a property whose ENDMARK is missing) is badly
    ///   formed; every syntax other than `ENDMARK`, `NAME` and the typed ones
    ///   ([`syntax::TYPED`]) decodes as [`Value::Raw`];
    /// * interior NULs in a name are kept (only the last unit must be NUL);
    /// * value data is checked by [`Value::decode`];
    /// * the count is never trusted for allocation: a huge `nPropertyCount` fails with
    ///   `ERROR_INSUFFICIENT_BUFFER` when the bytes run out.
    ///
    /// Never panics, whatever `bytes` holds.
    ///
    /// # Errors
    /// * `ERROR_INSUFFICIENT_BUFFER (122)`: the list runs past the end of `bytes` (the count,
    ///   an entry header, a name or value with its padding, or an ENDMARK is missing);
    /// * `ERROR_INVALID_PARAMETER (87)`: a badly formed list: where a name entry is required,
    ///   a syntax other than `NAME` (an ENDMARK included); a name of zero or odd length, not
    ///   ending with a NUL unit, or not valid UTF-16; a property with no values (ENDMARK right
    ///   after the name); a `NAME` where a value or an ENDMARK is required;
    /// * `ERROR_INVALID_DATA (13)`: a value whose length does not fit its format (see
    ///   [`Value::decode`]).
    pub fn decode(bytes: &[u8]) -> Result<PropertyList> {
        PropertyList::decode_prefix(bytes).map(|(list, _)| list)
    }

    /// As [`decode`](Self::decode), and also the number of bytes the list occupies: up to and
    /// including the list-level ENDMARK when it is there (4 zero bytes right after the last
    /// property), else up to the end of the last property.
    ///
    /// # Errors
    /// As [`decode`](Self::decode).
    pub fn decode_prefix(bytes: &[u8]) -> Result<(PropertyList, usize)> {
        let mut r = Reader { bytes, at: 0 };
        let count = r.u32()?;
        let mut properties = Vec::new();
        for _ in 0..count {
            let (name, mut values) = (r.name()?, Vec::new());
            loop {
                match r.u32()? {
                    syntax::ENDMARK if values.is_empty() => return Err(bad_list()),
                    syntax::ENDMARK => break,
                    syntax::NAME => return Err(bad_list()),
                    syntax => {
                        let data = r.entry_data()?;
                        values.push(Value::decode(syntax, data)?);
                    }
                }
            }
            properties.push(Property { name, values });
        }
        let mut end = r.at;
        if r.u32().ok() == Some(syntax::ENDMARK) {
            end = r.at;
        }
        Ok((PropertyList { properties }, end))
    }

    /// The bytes of the list, written by [`PropertyWriter`].
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_into(&mut out);
        out
    }

    /// Appends the bytes of the list to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        let mut w = PropertyWriter::new(out);
        for p in &self.properties {
            w.begin(&p.name);
            for v in &p.values {
                w.add(v);
            }
        }
        w.finish();
    }
}

impl<'a> IntoIterator for &'a PropertyList {
    type Item = &'a Property;
    type IntoIter = std::slice::Iter<'a, Property>;

    fn into_iter(self) -> Self::IntoIter {
        self.properties.iter()
    }
}

impl FromIterator<Property> for PropertyList {
    fn from_iter<I: IntoIterator<Item = Property>>(iter: I) -> PropertyList {
        PropertyList { properties: iter.into_iter().collect() }
    }
}

fn bad_list() -> Error {
    Error::new(codes::ERROR_INVALID_PARAMETER)
}

fn short() -> Error {
    Error::new(codes::ERROR_INSUFFICIENT_BUFFER)
}

/// A cursor over untrusted bytes: every read is bounds-checked and fails with
/// `ERROR_INSUFFICIENT_BUFFER` past the end.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn u32(&mut self) -> Result<u32> {
        let end = self.at.checked_add(4).ok_or_else(short)?;
        let b = self.bytes.get(self.at..end).ok_or_else(short)?;
        self.at = end;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads `cbLength`, then the data and its padding; returns the unpadded data.
    pub(crate) fn entry_data(&mut self) -> Result<&'a [u8]> {
        let len = self.u32()? as usize;
        let end = self.at.checked_add(len).ok_or_else(short)?;
        // Entries start 4-aligned from the start of `bytes`, so the padding ends at the next
        // multiple of 4.
        let padded = end.checked_add(3).ok_or_else(short)? & !3usize;
        let data = self.bytes.get(self.at..end).ok_or_else(short)?;
        if padded > self.bytes.len() {
            return Err(short());
        }
        self.at = padded;
        Ok(data)
    }

    /// Reads a NAME entry.
    fn name(&mut self) -> Result<String> {
        if self.u32()? != syntax::NAME {
            return Err(bad_list());
        }
        let data = self.entry_data()?;
        if data.is_empty() || data.len() % 2 != 0 || data[data.len() - 2..] != [0, 0] {
            return Err(bad_list());
        }
        let units = data[..data.len() - 2].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
        char::decode_utf16(units).collect::<std::result::Result<String, _>>().map_err(|_| bad_list())
    }
}

/// UTF-16LE bytes without their terminating NUL unit, decoded; `None` when odd, empty, not
/// NUL-terminated or invalid.
fn decode_sz(data: &[u8]) -> Option<String> {
    if data.len() < 2 || data.len() % 2 != 0 || data[data.len() - 2..] != [0, 0] {
        return None;
    }
    decode_units(&data[..data.len() - 2])
}

fn decode_units(data: &[u8]) -> Option<String> {
    let units = data.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]]));
    char::decode_utf16(units).collect::<std::result::Result<String, _>>().ok()
}

fn decode_multi_sz(data: &[u8]) -> Option<Vec<String>> {
    if data == [0, 0] {
        return Some(Vec::new());
    }
    if data.len() < 4 || data.len() % 2 != 0 || data[data.len() - 4..] != [0, 0, 0, 0] {
        return None;
    }
    // Each string ends at a NUL unit; the last unit is the final NUL.
    let body = &data[..data.len() - 2];
    let mut strings = Vec::new();
    let mut start = 0;
    for (i, c) in body.chunks_exact(2).enumerate() {
        if c == [0, 0] {
            strings.push(decode_units(&body[start..2 * i])?);
            start = 2 * i + 2;
        }
    }
    Some(strings)
}

/// Appends `s` as UTF-16LE and its NUL.
fn write_wide_nul(out: &mut Vec<u8>, s: &str) {
    let at = out.len();
    if s.is_ascii() {
        // Zero-fill, then store the low bytes: no per-unit capacity check.
        out.resize(at + 2 * s.len() + 2, 0);
        for (unit, &b) in out[at..].chunks_exact_mut(2).zip(s.as_bytes()) {
            unit[0] = b;
        }
    } else {
        // A UTF-16 unit per UTF-8 byte at most, so one reservation covers the string.
        out.reserve(2 * s.len() + 2);
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
        out.extend_from_slice(&[0, 0]);
    }
}

/// Appends the MULTI_SZ data of `strings` to `out`: each string as UTF-16LE with its NUL, then
/// a final NUL (no strings: one NUL unit).
pub fn write_multi_sz<'s>(out: &mut Vec<u8>, strings: impl IntoIterator<Item = &'s str>) {
    for s in strings {
        write_wide_nul(out, s);
    }
    out.extend_from_slice(&[0, 0]);
}

/// Appends zeros to `out` up to a multiple of 4 bytes after `start`.
#[inline]
fn pad(out: &mut Vec<u8>, start: usize) {
    let n = (out.len() - start) % 4;
    if n != 0 {
        out.extend_from_slice(&[0, 0, 0][..4 - n]);
    }
}

/// Writes an entry (`syntax`, `cbLength`, data, padding) whose data `data` appends to `out`;
/// `cbLength` is patched once the data is written. `base` is where the list starts (the
/// padding is relative to it).
#[inline]
fn entry(out: &mut Vec<u8>, base: usize, syntax: u32, data: impl FnOnce(&mut Vec<u8>)) {
    out.extend_from_slice(&syntax.to_le_bytes());
    let len_at = out.len();
    out.extend_from_slice(&[0; 4]);
    data(out);
    let len = (out.len() - len_at - 4) as u32;
    out[len_at..len_at + 4].copy_from_slice(&len.to_le_bytes());
    pad(out, base);
}

/// Writes an entry (`syntax`, `cbLength`, data, padding) whose data is `s` as NUL-terminated
/// UTF-16LE: sized first, then written in place in one zero-filled append (the padding and the
/// NUL come from the fill).
#[inline]
fn wide_entry(out: &mut Vec<u8>, syntax: u32, s: &str) {
    let ascii = s.is_ascii();
    let units = if ascii { s.len() } else { s.encode_utf16().count() };
    let len = 2 * units + 2;
    let at = out.len();
    out.resize(at + 8 + syntax::align(len), 0);
    let e = &mut out[at..];
    e[..4].copy_from_slice(&syntax.to_le_bytes());
    e[4..8].copy_from_slice(&(len as u32).to_le_bytes());
    let data = &mut e[8..8 + 2 * units];
    if ascii {
        for (d, &b) in data.chunks_exact_mut(2).zip(s.as_bytes()) {
            d[0] = b;
        }
    } else {
        for (d, u) in data.chunks_exact_mut(2).zip(s.encode_utf16()) {
            d.copy_from_slice(&u.to_le_bytes());
        }
    }
}

/// Writes a fixed-size value entry in one append.
#[inline]
fn fixed_entry<const N: usize>(out: &mut Vec<u8>, syntax: u32, data: [u8; N]) {
    let mut e = [0u8; 16];
    e[..4].copy_from_slice(&syntax.to_le_bytes());
    e[4..8].copy_from_slice(&(N as u32).to_le_bytes());
    e[8..8 + N].copy_from_slice(&data);
    out.extend_from_slice(&e[..8 + syntax::align(N)]);
}

/// Writes a property list straight into a byte buffer, one property at a time, without
/// building a [`PropertyList`] first.
///
/// The typed methods ([`dword`](Self::dword), [`sz`](Self::sz), ...) each write a whole
/// property with one value. A property with several values is [`begin`](Self::begin), then
/// [`add`](Self::add) (or [`add_str`](Self::add_str), [`add_entry`](Self::add_entry)) per
/// value, then [`end`](Self::end) (or just the next property, or [`finish`](Self::finish),
/// which close it). Names and strings are encoded to UTF-16 directly into the buffer; nothing
/// is allocated per property.
///
/// The list's count is patched, and the list-level ENDMARK appended, by
/// [`finish`](Self::finish): a writer dropped without it leaves a count of 0 and no ENDMARK.
/// A property begun and ended with no value makes a list [`PropertyList::decode`] rejects.
///
/// ```
/// use clusapi_sim::property::{PropertyList, PropertyWriter, Value, syntax};
///
/// let mut bytes = Vec::new();
/// let mut w = PropertyWriter::new(&mut bytes);
/// w.begin("Path")
///     .add_str(syntax::LIST_VALUE_EXPAND_SZ, "%SystemRoot%\\x")
///     .add_str(syntax::LIST_VALUE_EXPANDED_SZ, "C:\\Windows\\x")
///     .end();
/// w.finish();
/// let list = PropertyList::decode(&bytes)?;
/// assert_eq!(list.properties[0].values[1], Value::ExpandedSz("C:\\Windows\\x".into()));
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
pub struct PropertyWriter<'a> {
    out: &'a mut Vec<u8>,
    /// Where the list (its count) starts in `out`.
    start: usize,
    count: u32,
    /// Whether a property is begun and not yet closed by its ENDMARK.
    open: bool,
}

impl<'a> PropertyWriter<'a> {
    /// Starts a list at the end of `out`.
    pub fn new(out: &'a mut Vec<u8>) -> PropertyWriter<'a> {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        PropertyWriter { out, start, count: 0, open: false }
    }

    /// Appends a property with one value.
    pub fn value(&mut self, name: &str, value: &Value) -> &mut Self {
        self.begin(name).add(value).end()
    }

    /// Starts a property called `name` (closing the one before, if open): its NAME entry.
    pub fn begin(&mut self, name: &str) -> &mut Self {
        self.end();
        self.count = self.count.wrapping_add(1);
        self.open = true;
        wide_entry(self.out, syntax::NAME, name);
        self
    }

    /// Appends a value to the property begun.
    pub fn add(&mut self, value: &Value) -> &mut Self {
        match value {
            Value::Dword(v) => fixed_entry(self.out, syntax::LIST_VALUE_DWORD, v.to_le_bytes()),
            Value::Sz(s) => return self.add_str(syntax::LIST_VALUE_SZ, s),
            v => entry(self.out, self.start, v.syntax(), |out| v.write_data(out)),
        }
        self
    }

    /// Appends a string value of syntax `syntax` (SZ, EXPAND_SZ, EXPANDED_SZ or any other
    /// whose data is a NUL-terminated UTF-16 string) to the property begun.
    pub fn add_str(&mut self, syntax: u32, s: &str) -> &mut Self {
        wide_entry(self.out, syntax, s);
        self
    }

    /// Appends a value of syntax `syntax` whose data is `data`, as is, to the property begun.
    pub fn add_entry(&mut self, syntax: u32, data: &[u8]) -> &mut Self {
        entry(self.out, self.start, syntax, |out| out.extend_from_slice(data));
        self
    }

    /// Closes the property begun (its ENDMARK); does nothing when none is open.
    pub fn end(&mut self) -> &mut Self {
        if self.open {
            self.out.extend_from_slice(&syntax::ENDMARK.to_le_bytes());
            self.open = false;
        }
        self
    }

    /// Appends a property with a DWORD value.
    pub fn dword(&mut self, name: &str, v: u32) -> &mut Self {
        self.begin(name);
        fixed_entry(self.out, syntax::LIST_VALUE_DWORD, v.to_le_bytes());
        self.end()
    }

    /// Appends a property with a LONG value.
    pub fn long(&mut self, name: &str, v: i32) -> &mut Self {
        self.begin(name);
        fixed_entry(self.out, syntax::LIST_VALUE_LONG, v.to_le_bytes());
        self.end()
    }

    /// Appends a property with a WORD value (2 bytes, then 2 bytes of padding).
    pub fn word(&mut self, name: &str, v: u16) -> &mut Self {
        self.begin(name);
        fixed_entry(self.out, syntax::LIST_VALUE_WORD, v.to_le_bytes());
        self.end()
    }

    /// Appends a property with a ULARGE_INTEGER value.
    pub fn ularge(&mut self, name: &str, v: u64) -> &mut Self {
        self.begin(name);
        fixed_entry(self.out, syntax::LIST_VALUE_ULARGE_INTEGER, v.to_le_bytes());
        self.end()
    }

    /// Appends a property with a LARGE_INTEGER value.
    pub fn large(&mut self, name: &str, v: i64) -> &mut Self {
        self.begin(name);
        fixed_entry(self.out, syntax::LIST_VALUE_LARGE_INTEGER, v.to_le_bytes());
        self.end()
    }

    /// Appends a property with a FILETIME value (100 ns intervals since 1601, low dword
    /// first).
    pub fn filetime(&mut self, name: &str, v: u64) -> &mut Self {
        self.begin(name);
        fixed_entry(self.out, syntax::LIST_VALUE_FILETIME, v.to_le_bytes());
        self.end()
    }

    /// Appends a property with an SZ value.
    pub fn sz(&mut self, name: &str, s: &str) -> &mut Self {
        self.begin(name).add_str(syntax::LIST_VALUE_SZ, s).end()
    }

    /// Appends a property with one EXPAND_SZ value. (A server's reply carries an EXPANDED_SZ
    /// value after it: write that with [`begin`](Self::begin) and [`add_str`](Self::add_str).)
    pub fn expand_sz(&mut self, name: &str, s: &str) -> &mut Self {
        self.begin(name).add_str(syntax::LIST_VALUE_EXPAND_SZ, s).end()
    }

    /// Appends a property with a MULTI_SZ value.
    pub fn multi_sz<'s>(&mut self, name: &str, strings: impl IntoIterator<Item = &'s str>) -> &mut Self {
        self.begin(name);
        entry(self.out, self.start, syntax::LIST_VALUE_MULTI_SZ, |out| write_multi_sz(out, strings));
        self.end()
    }

    /// Appends a property with a BINARY value.
    pub fn binary(&mut self, name: &str, data: &[u8]) -> &mut Self {
        self.begin(name).add_entry(syntax::LIST_VALUE_BINARY, data).end()
    }

    /// How many properties were begun so far.
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Ends the list (its count and the list-level ENDMARK), closing the property begun if
    /// any.
    pub fn finish(mut self) {
        self.end();
        self.out.extend_from_slice(&syntax::ENDMARK.to_le_bytes());
        let at = self.start;
        self.out[at..at + 4].copy_from_slice(&self.count.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide(s: &str) -> Vec<u8> {
        let mut v = Vec::new();
        write_wide_nul(&mut v, s);
        v
    }

    fn le(words: &[u32]) -> Vec<u8> {
        words.iter().flat_map(|w| w.to_le_bytes()).collect()
    }

    #[test]
    fn a_dword_property_is_laid_out_as_windows_lays_it_out() {
        let mut out = Vec::new();
        let mut w = PropertyWriter::new(&mut out);
        w.dword("Ab", 7);
        w.finish();
        let mut want = le(&[1, syntax::NAME, 6]);
        want.extend(wide("Ab"));
        want.extend([0, 0]);
        want.extend(le(&[syntax::LIST_VALUE_DWORD, 4, 7, 0, 0]));
        assert_eq!(out, want);
    }

    #[test]
    fn an_empty_list_is_its_count_and_endmark() {
        assert_eq!(PropertyList::new().encode(), [0; 8]);
        assert_eq!(PropertyList::decode(&[0; 4]).unwrap(), PropertyList::new());
        assert_eq!(PropertyList::decode_prefix(&[0; 8]).unwrap().1, 8);
        assert_eq!(PropertyList::decode_prefix(&[0, 0, 0, 0, 1]).unwrap().1, 4);
    }

    #[test]
    fn the_writer_appends_after_what_the_buffer_holds() {
        let mut out = vec![9, 9, 9];
        let mut w = PropertyWriter::new(&mut out);
        w.word("W", 0xBEEF).sz("S", "x");
        assert_eq!(w.count(), 2);
        w.finish();
        let list = PropertyList::decode(&out[3..]).unwrap();
        assert_eq!(list.get("w"), Some(&Value::Word(0xBEEF)));
        assert_eq!(list.get("s").and_then(Value::as_str), Some("x"));
        assert_eq!(list.encode(), out[3..]);
    }

    #[test]
    fn every_variant_round_trips() {
        let mut l = PropertyList::new();
        l.push("bin", vec![1u8, 2, 3])
            .push("dw", 5u32)
            .push("sz", "hé")
            .push_property(Property {
                name: "path".into(),
                values: vec![Value::ExpandSz("%a%".into()), Value::ExpandedSz("b".into())],
            })
            .push("multi", vec!["a".to_owned(), String::new(), "c".into()])
            .push("empty multi", Value::MultiSz(vec![]))
            .push("ul", u64::MAX)
            .push("l", -3i32)
            .push("sd", Value::SecurityDescriptor(vec![1]))
            .push("li", i64::MIN)
            .push("w", 1u16)
            .push("ft", Value::FileTime(0x0123_4567_89AB_CDEF))
            .push("raw", Value::Raw { syntax: 0x8000_0001, data: vec![1, 2, 3, 4, 5] })
            .push("", Value::Binary(vec![]));
        let bytes = l.encode();
        assert_eq!(bytes.len() % 4, 0);
        assert_eq!(PropertyList::decode(&bytes).unwrap(), l);
    }

    #[test]
    fn names_match_ignoring_case() {
        assert!(names_match("RestartThreshold", "RESTARTTHRESHOLD"));
        assert!(names_match("Ärger", "äRGER"));
        assert!(!names_match("a", "ab"));
    }

    #[test]
    fn truncation_anywhere_is_insufficient_buffer() {
        let mut l = PropertyList::new();
        l.push("Name", "value").push("D", 1u32);
        let bytes = l.encode();
        // Without the list ENDMARK it still decodes; any shorter cut is too short.
        for cut in 0..bytes.len() - 4 {
            let e = PropertyList::decode(&bytes[..cut]).unwrap_err();
            assert_eq!(e.code(), codes::ERROR_INSUFFICIENT_BUFFER, "cut at {cut}");
        }
        assert!(PropertyList::decode(&bytes[..bytes.len() - 4]).is_ok());
    }

    #[test]
    fn a_huge_count_fails_without_allocating() {
        let e = PropertyList::decode(&le(&[u32::MAX])).unwrap_err();
        assert_eq!(e.code(), codes::ERROR_INSUFFICIENT_BUFFER);
    }

    #[test]
    fn a_huge_length_fails_without_overflow() {
        let mut b = le(&[1, syntax::NAME, u32::MAX]);
        b.extend([0; 8]);
        assert_eq!(PropertyList::decode(&b).unwrap_err().code(), codes::ERROR_INSUFFICIENT_BUFFER);
        let mut b = le(&[1, syntax::NAME, 4]);
        b.extend(wide("a"));
        b.extend(le(&[syntax::LIST_VALUE_BINARY, u32::MAX - 1]));
        assert_eq!(PropertyList::decode(&b).unwrap_err().code(), codes::ERROR_INSUFFICIENT_BUFFER);
    }

    #[test]
    fn value_lengths_are_checked_against_the_format() {
        let bad = [
            (syntax::LIST_VALUE_DWORD, &[0u8; 3][..]),
            (syntax::LIST_VALUE_LONG, &[0; 8][..]),
            (syntax::LIST_VALUE_WORD, &[0; 4][..]),
            (syntax::LIST_VALUE_ULARGE_INTEGER, &[0; 4][..]),
            (syntax::LIST_VALUE_LARGE_INTEGER, &[0; 7][..]),
            (syntax::LIST_VALUE_FILETIME, &[0; 9][..]),
            (syntax::LIST_VALUE_SZ, &[][..]),
            (syntax::LIST_VALUE_SZ, &[b'a', 0][..]),
            (syntax::LIST_VALUE_SZ, &[b'a', 0, 0][..]),
            (syntax::LIST_VALUE_EXPAND_SZ, &[0x00, 0xD8, 0, 0][..]),
            (syntax::LIST_VALUE_MULTI_SZ, &[b'a', 0, 0, 0][..]),
            (syntax::LIST_VALUE_MULTI_SZ, &[][..]),
        ];
        for (s, data) in bad {
            assert_eq!(
                Value::decode(s, data).unwrap_err().code(),
                codes::ERROR_INVALID_DATA,
                "{s:#x} {data:?}"
            );
        }
        assert_eq!(Value::decode(syntax::LIST_VALUE_SZ, &[0, 0]).unwrap(), Value::Sz(String::new()));
        assert_eq!(
            Value::decode(syntax::LIST_VALUE_MULTI_SZ, &[b'a', 0, 0, 0, 0, 0]).unwrap(),
            Value::MultiSz(vec!["a".into()])
        );
        assert_eq!(
            Value::decode(syntax::LIST_VALUE_MULTI_SZ, &[b'a', 0, 0, 0, 0, 0, 0, 0]).unwrap(),
            Value::MultiSz(vec!["a".into(), String::new()])
        );
        assert_eq!(
            Value::decode(syntax::DISK_NUMBER, &[1, 2]).unwrap(),
            Value::Raw { syntax: syntax::DISK_NUMBER, data: vec![1, 2] }
        );
    }
}
