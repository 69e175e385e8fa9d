//! UTF-16 strings in and out, with the buffer-size protocol of the ClusAPI.
//!
//! Input: NUL-terminated UTF-16. A name that is not valid UTF-16 (a lone surrogate) cannot be
//! the name of any simulated object, and is rejected with `ERROR_INVALID_NAME (123)` (a
//! deliberate difference: the real service would just not find it). A string with no NUL in
//! its first [`MAX_NAME`] units is rejected with `ERROR_INVALID_PARAMETER`, and no unit past
//! those is read: the longest name is 32766 characters and its NUL.
//!
//! Output ("Data Size Conventions"; `reference/clusapi.md` §6.2): `*lpcch` is the capacity in
//! WCHARs including the NUL on input, and the length excluding it on output. When the capacity
//! is not larger than the length, nothing is written, the call fails with
//! `ERROR_MORE_DATA (234)` and `*lpcch` holds the length needed (excluding the NUL).

use crate::error::{Error, Result, codes};

/// The most UTF-16 units a name may occupy, its NUL included, and the most the readers read:
/// a `UNICODE_STRING` holds at most 32767.
pub(crate) const MAX_NAME: usize = 32767;

/// A name read from the caller, decoded to UTF-8: on the stack when short (most names are), so
/// that an export's hot path does not allocate.
///
/// An export declares one and decodes into it ([`Name::read`]), which hands back the `&str`:
/// a 136-byte `Name` returned by value was copied twice on its way out of the reader, as much
/// work as decoding a short name.
pub(crate) struct Name {
    /// The name when it fits: its first `len` bytes.
    inline: [u8; Name::INLINE],
    len: usize,
    /// The name when it does not (only then does reading allocate).
    heap: Option<String>,
}

impl Name {
    const INLINE: usize = 128;

    /// Room for one name, empty.
    pub(crate) fn new() -> Name {
        Name { inline: [0; Name::INLINE], len: 0, heap: None }
    }

    fn as_str(&self) -> &str {
        match &self.heap {
            Some(s) => s,
            // SAFETY: the first `len` bytes are ASCII or were written by `char::encode_utf8`
            // (see `read_optional`), so they are valid UTF-8.
            None => unsafe { std::str::from_utf8_unchecked(&self.inline[..self.len]) },
        }
    }

    /// Reads a required NUL-terminated UTF-16 string into `self`, and returns it.
    ///
    /// # Errors
    /// `ERROR_INVALID_PARAMETER` for NULL or an unterminated string; `ERROR_INVALID_NAME` for
    /// invalid UTF-16.
    ///
    /// # Safety
    /// `p` is NULL, or points to a NUL-terminated UTF-16 string, or to at least [`MAX_NAME`]
    /// readable units. Units are read up to the first NUL and never past index `MAX_NAME - 1`.
    pub(crate) unsafe fn read(&mut self, p: *const u16) -> Result<&str> {
        // SAFETY: forwarded from the caller.
        unsafe { self.read_optional(p) }?.ok_or(Error::new(codes::ERROR_INVALID_PARAMETER))
    }

    /// Reads an optional NUL-terminated UTF-16 string into `self`: `None` for NULL.
    ///
    /// # Errors
    /// As [`read`](Self::read), except that NULL is allowed.
    ///
    /// # Safety
    /// As [`read`](Self::read).
    pub(crate) unsafe fn read_optional(&mut self, p: *const u16) -> Result<Option<&str>> {
        if p.is_null() {
            return Ok(None);
        }
        // SAFETY: the caller promises readable units up to the NUL or up to `MAX_NAME` units;
        // every call below is for an index before the NUL and below `MAX_NAME`.
        let unit = |i: usize| unsafe { p.add(i).read_unaligned() };
        let invalid = |_| Error::new(codes::ERROR_INVALID_NAME);
        // One pass for short ASCII names: copy each unit as its byte while looking for the NUL.
        // One index for units and bytes, below `INLINE / 3` (so no bounds check), and one
        // range test for "neither the NUL nor non-ASCII" per unit.
        let mut len = 0;
        while len < Name::INLINE / 3 {
            let u = unit(len);
            if !(1..0x80).contains(&u) {
                if u == 0 {
                    self.len = len;
                    return Ok(Some(self.as_str()));
                }
                break;
            }
            self.inline[len] = u as u8;
            len += 1;
        }
        // Non-ASCII or long: find the end, then decode. `len < MAX_NAME` whenever `unit(len)` is
        // read, so at most `MAX_NAME` units are (the inline loop stopped well below it). A
        // UTF-16 unit becomes at most 3 UTF-8 bytes (a surrogate pair, 2 units, becomes 4).
        while unit(len) != 0 {
            len += 1;
            if len == MAX_NAME {
                return Err(Error::new(codes::ERROR_INVALID_PARAMETER));
            }
        }
        let decoded = char::decode_utf16((0..len).map(unit));
        if 3 * len <= Name::INLINE {
            let mut at = 0;
            for c in decoded {
                at += c.map_err(invalid)?.encode_utf8(&mut self.inline[at..]).len();
            }
            self.len = at;
        } else {
            self.heap = Some(decoded.collect::<Result<String, _>>().map_err(invalid)?);
        }
        Ok(Some(self.as_str()))
    }
}

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// Reads a required NUL-terminated UTF-16 string into a [`Name`] of its own. The hot exports
/// (open, close, state) read into a buffer of theirs with [`Name::read`], which copies less;
/// the rarer calls that take several strings use this.
///
/// # Errors
/// As [`Name::read`].
///
/// # Safety
/// As [`Name::read`].
pub(crate) unsafe fn read_name(p: *const u16) -> Result<Name> {
    let mut name = Name::new();
    // SAFETY: forwarded from the caller.
    unsafe { name.read(p) }?;
    Ok(name)
}

/// Reads an optional (NULL allowed) NUL-terminated UTF-16 string into a [`Name`] of its own.
///
/// # Errors
/// As [`Name::read_optional`].
///
/// # Safety
/// As [`Name::read_optional`].
pub(crate) unsafe fn read_optional_name(p: *const u16) -> Result<Option<Name>> {
    let mut name = Name::new();
    // SAFETY: forwarded from the caller.
    Ok(unsafe { name.read_optional(p) }?.is_some().then_some(name))
}

/// Writes `s` into a caller buffer of `*cch` WCHARs (a NULL buffer has capacity 0).
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` if `cch` is NULL; `ERROR_MORE_DATA` if the buffer is too small
/// (then `*cch` is the length needed, excluding the NUL).
///
/// # Safety
/// `cch` is NULL or valid for reads and writes of a `u32`; `buf` is NULL or valid for writes
/// of `*cch` units.
pub(crate) unsafe fn write_string(s: &str, buf: *mut u16, cch: *mut u32) -> Result<()> {
    // SAFETY: forwarded from the caller.
    let capacity = unsafe { super::read_u32(cch) }?;
    let capacity = if buf.is_null() { 0 } else { capacity as usize };
    let needed = s.encode_utf16().count();
    // SAFETY: cch was just read, so it is valid for writes too.
    unsafe { cch.write_unaligned(needed as u32) };
    if capacity <= needed {
        return Err(Error::new(codes::ERROR_MORE_DATA));
    }
    for (i, unit) in s.encode_utf16().chain(std::iter::once(0)).enumerate() {
        // SAFETY: i <= needed < capacity, and buf holds capacity units.
        unsafe { buf.add(i).write_unaligned(unit) };
    }
    Ok(())
}

/// Writes `s` like [`write_string`] when the caller asked for it (a non-NULL buffer), as the
/// optional name outputs of `GetClusterResourceState` and `GetClusterGroupState` work. A NULL
/// buffer means "not wanted", but a non-NULL `cch` beside it still receives the length in
/// WCHARs, excluding the NUL (a choice, `FIDELITY.md`: Rust clients size the buffer by calling
/// with `(None, Some(&mut size))`, then allocate `size + 1`); both NULL: nothing is written.
///
/// # Errors
/// As [`write_string`], when a buffer is given.
///
/// # Safety
/// As [`write_string`].
pub(crate) unsafe fn write_optional_string(s: &str, buf: *mut u16, cch: *mut u32) -> Result<()> {
    if buf.is_null() {
        let needed = u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX);
        // SAFETY: forwarded from the caller.
        unsafe { super::write_u32(cch, needed) };
        return Ok(());
    }
    // SAFETY: forwarded from the caller.
    unsafe { write_string(s, buf, cch) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wide(s: &str) -> Vec<u16> {
        s.encode_utf16().chain([0]).collect()
    }

    #[test]
    fn reads_and_rejects() {
        let w = wide("Cluster Group");
        // SAFETY: w is NUL-terminated.
        assert_eq!(&*unsafe { read_name(w.as_ptr()) }.unwrap(), "Cluster Group");
        for long in ["Ünïcödé 𝄞 group ".repeat(3), "x".repeat(500), "€".repeat(42), "€".repeat(43)]
        {
            let w = wide(&long);
            // SAFETY: w is NUL-terminated.
            assert_eq!(&*unsafe { read_name(w.as_ptr()) }.unwrap(), long, "inline and heap paths agree");
        }
        // SAFETY: NULL is allowed.
        assert_eq!(unsafe { read_name(std::ptr::null()) }.err().map(|e| e.code()), Some(87));
        let lone = [0xd800u16, 0x41, 0];
        // SAFETY: NUL-terminated.
        assert_eq!(unsafe { read_name(lone.as_ptr()) }.err().map(|e| e.code()), Some(123));
        let long = vec![0x41u16; MAX_NAME + 2];
        // SAFETY: at most MAX_NAME units are read, inside the vector.
        assert_eq!(unsafe { read_name(long.as_ptr()) }.err().map(|e| e.code()), Some(87));
    }

    /// The reader read unit `MAX_NAME` (0-based) too, one past its contract (Miri flags the
    /// out-of-bounds read here; `tests/name_guard_page.rs` faults on it natively).
    #[test]
    fn name_reader_reads_at_most_max_name_units() {
        for unit in [0x41u16, 0xe9] {
            let exact = vec![unit; MAX_NAME];
            // SAFETY: MAX_NAME readable units, which is what the contract asks for.
            assert_eq!(unsafe { read_name(exact.as_ptr()) }.err().map(|e| e.code()), Some(87));
            let mut longest = vec![unit; MAX_NAME - 1];
            longest.push(0);
            // SAFETY: NUL-terminated within MAX_NAME units.
            let name = unsafe { read_name(longest.as_ptr()) }.unwrap();
            assert_eq!(name.chars().count(), MAX_NAME - 1, "32766 characters and the NUL is a name");
        }
    }

    #[test]
    fn buffer_protocol_counts_the_nul_on_input_only() {
        let mut buf = [0xffffu16; 8];
        let mut cch = 5u32; // "NODE1" needs 6 with its NUL
        // SAFETY: buf holds 8 units.
        let e = unsafe { write_string("NODE1", buf.as_mut_ptr(), &mut cch) }.unwrap_err();
        assert_eq!((e.code(), cch, buf[0]), (234, 5, 0xffff));
        cch = 6;
        // SAFETY: as above.
        unsafe { write_string("NODE1", buf.as_mut_ptr(), &mut cch) }.unwrap();
        assert_eq!(cch, 5);
        assert_eq!(&buf[..7], &[78, 79, 68, 69, 49, 0, 0xffff], "nothing past the NUL");
        let mut cch = 100;
        // SAFETY: NULL buffer, valid cch.
        let e = unsafe { write_string("NODE1", std::ptr::null_mut(), &mut cch) }.unwrap_err();
        assert_eq!((e.code(), cch), (234, 5), "a NULL buffer has no capacity");
        // SAFETY: NULL cch is detected.
        let e = unsafe { write_string("x", buf.as_mut_ptr(), std::ptr::null_mut()) }.unwrap_err();
        assert_eq!(e.code(), 87);
    }
}
