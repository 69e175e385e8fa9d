//! Security descriptors of keys, as self-relative bytes (`SECURITY_DESCRIPTOR_RELATIVE`,
//! MS-DTYP 2.4.6; SIDs 2.4.2.2, ACLs 2.4.5, ACEs 2.4.4.1/2.4.4.2).
//!
//! The layout, little-endian:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 1 | `Revision` = 1 |
//! | 1 | 1 | `Sbz1` = 0 |
//! | 2 | 2 | `Control` (`SE_SELF_RELATIVE` 0x8000 always set) |
//! | 4 | 4 | `OffsetOwner` (0 = none) |
//! | 8 | 4 | `OffsetGroup` |
//! | 12 | 4 | `OffsetSacl` (meaningful only with `SE_SACL_PRESENT`) |
//! | 16 | 4 | `OffsetDacl` (meaningful only with `SE_DACL_PRESENT`; 0 = a NULL DACL) |
//! | 20 | … | the SACL, DACL, owner and group, in that order (the order `MakeSelfRelativeSD` writes) |
//!
//! A SID is `Revision` 1, `SubAuthorityCount` n, a 6-byte big-endian `IdentifierAuthority`,
//! then n little-endian `u32` sub-authorities. An ACL is `AclRevision` (2), `Sbz1`, `AclSize`
//! (u16, header included), `AceCount` (u16), `Sbz2`, then the ACEs, each starting with
//! `AceType`, `AceFlags`, `AceSize` (u16).
//!
//! [`default_key_security`] is what every new key gets (a **choice**; the real cluster
//! database's descriptor is not documented): owner BUILTIN\Administrators (S-1-5-32-544),
//! group NT AUTHORITY\SYSTEM (S-1-5-18), and a DACL of two `ACCESS_ALLOWED_ACE`s granting
//! `KEY_ALL_ACCESS` (0xF003F) to Administrators and SYSTEM, inherited by subkeys
//! (`CONTAINER_INHERIT_ACE`). 100 bytes.

use crate::codes;
use crate::error::{Error, Result};

/// `SECURITY_INFORMATION`: the owner.
pub const OWNER_SECURITY_INFORMATION: u32 = 0x1;
/// `SECURITY_INFORMATION`: the primary group.
pub const GROUP_SECURITY_INFORMATION: u32 = 0x2;
/// `SECURITY_INFORMATION`: the DACL.
pub const DACL_SECURITY_INFORMATION: u32 = 0x4;
/// `SECURITY_INFORMATION`: the SACL.
pub const SACL_SECURITY_INFORMATION: u32 = 0x8;

/// `SE_DACL_PRESENT`.
pub const SE_DACL_PRESENT: u16 = 0x0004;
/// `SE_SACL_PRESENT`.
pub const SE_SACL_PRESENT: u16 = 0x0010;
/// `SE_SELF_RELATIVE`.
pub const SE_SELF_RELATIVE: u16 = 0x8000;

/// `KEY_ALL_ACCESS`.
pub const KEY_ALL_ACCESS: u32 = 0xF003F;

const HEADER_LEN: usize = 20;
const ACL_REVISION: u8 = 2;
const ACCESS_ALLOWED_ACE_TYPE: u8 = 0;
const CONTAINER_INHERIT_ACE: u8 = 0x02;

/// The control bits that belong to the owner, group, DACL and SACL, for merging.
const OWNER_BITS: u16 = 0x0001; // SE_OWNER_DEFAULTED
const GROUP_BITS: u16 = 0x0002; // SE_GROUP_DEFAULTED
// SE_DACL_PRESENT, _DEFAULTED, _AUTO_INHERIT_REQ, _AUTO_INHERITED, _PROTECTED
const DACL_BITS: u16 = 0x0004 | 0x0008 | 0x0100 | 0x0400 | 0x1000;
// SE_SACL_PRESENT, _DEFAULTED, _AUTO_INHERIT_REQ, _AUTO_INHERITED, _PROTECTED
const SACL_BITS: u16 = 0x0010 | 0x0020 | 0x0200 | 0x0800 | 0x2000;

/// A SID's bytes: `S-1-<authority>-<sub>...`.
fn sid(authority: u8, subs: &[u32]) -> Vec<u8> {
    let mut out = vec![1, subs.len() as u8, 0, 0, 0, 0, 0, authority];
    for s in subs {
        out.extend_from_slice(&s.to_le_bytes());
    }
    out
}

/// An ACL of `ACCESS_ALLOWED_ACE`s, one per `(sid, mask)`, inherited by subkeys.
fn acl(aces: &[(&[u8], u32)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (sid, mask) in aces {
        let size = (8 + sid.len()) as u16;
        body.extend_from_slice(&[ACCESS_ALLOWED_ACE_TYPE, CONTAINER_INHERIT_ACE]);
        body.extend_from_slice(&size.to_le_bytes());
        body.extend_from_slice(&mask.to_le_bytes());
        body.extend_from_slice(sid);
    }
    let mut out = vec![ACL_REVISION, 0];
    out.extend_from_slice(&((8 + body.len()) as u16).to_le_bytes());
    out.extend_from_slice(&(aces.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend(body);
    out
}

/// The descriptor every new key gets (see the module docs).
pub fn default_key_security() -> Vec<u8> {
    let admins = sid(5, &[32, 544]);
    let system = sid(5, &[18]);
    let dacl = acl(&[(&admins, KEY_ALL_ACCESS), (&system, KEY_ALL_ACCESS)]);
    let parts = Parts {
        control: SE_DACL_PRESENT,
        owner: Some(&admins),
        group: Some(&system),
        sacl: None,
        dacl: Some(&dacl),
    };
    parts.build()
}

/// The parts of a parsed descriptor; `None` = absent (for the DACL and SACL with their
/// `PRESENT` bit set, a NULL ACL).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Parts<'a> {
    control: u16,
    owner: Option<&'a [u8]>,
    group: Option<&'a [u8]>,
    sacl: Option<&'a [u8]>,
    dacl: Option<&'a [u8]>,
}

impl<'a> Parts<'a> {
    fn build(&self) -> Vec<u8> {
        let mut out = vec![0u8; HEADER_LEN];
        out[0] = 1;
        let mut offsets = [0u32; 4]; // owner, group, sacl, dacl
        for (slot, part) in [(2, self.sacl), (3, self.dacl), (0, self.owner), (1, self.group)] {
            if let Some(bytes) = part {
                offsets[slot] = out.len() as u32;
                out.extend_from_slice(bytes);
            }
        }
        out[2..4].copy_from_slice(&(self.control | SE_SELF_RELATIVE).to_le_bytes());
        for (i, off) in offsets.iter().enumerate() {
            out[4 + 4 * i..8 + 4 * i].copy_from_slice(&off.to_le_bytes());
        }
        out
    }

    fn parse(sd: &'a [u8]) -> Result<Parts<'a>> {
        let bad = Error::new(codes::ERROR_INVALID_SECURITY_DESCR);
        if sd.len() < HEADER_LEN || sd[0] != 1 {
            return Err(bad);
        }
        let control = u16::from_le_bytes([sd[2], sd[3]]);
        if control & SE_SELF_RELATIVE == 0 {
            return Err(bad);
        }
        let offset = |i: usize| u32::from_le_bytes(sd[4 + 4 * i..8 + 4 * i].try_into().unwrap()) as usize;
        let part = |off: usize, len_of: fn(&[u8]) -> Option<usize>| -> Result<Option<&'a [u8]>> {
            if off == 0 {
                return Ok(None);
            }
            let rest = sd.get(off..).filter(|_| off >= HEADER_LEN).ok_or(bad)?;
            let len = len_of(rest).ok_or(bad)?;
            Ok(Some(&rest[..len]))
        };
        let owner = part(offset(0), sid_len)?;
        let group = part(offset(1), sid_len)?;
        let sacl = if control & SE_SACL_PRESENT != 0 { part(offset(2), acl_len)? } else { None };
        let dacl = if control & SE_DACL_PRESENT != 0 { part(offset(3), acl_len)? } else { None };
        Ok(Parts { control: control & !SE_SELF_RELATIVE, owner, group, sacl, dacl })
    }
}

/// The length of the SID at the start of `b`, if it is a well-formed one.
fn sid_len(b: &[u8]) -> Option<usize> {
    let (&rev, &count) = (b.first()?, b.get(1)?);
    let len = 8 + 4 * usize::from(count);
    (rev == 1 && count <= 15 && b.len() >= len).then_some(len)
}

/// The length of the ACL at the start of `b`, if it is a well-formed one: its size covers
/// its ACEs, each at least a header long.
fn acl_len(b: &[u8]) -> Option<usize> {
    if b.len() < 8 || !(2..=4).contains(&b[0]) {
        return None;
    }
    let size = usize::from(u16::from_le_bytes([b[2], b[3]]));
    let count = u16::from_le_bytes([b[4], b[5]]);
    if size < 8 || size > b.len() {
        return None;
    }
    let mut at = 8;
    for _ in 0..count {
        let ace = b.get(at..at + 4).filter(|_| at + 4 <= size)?;
        let ace_size = usize::from(u16::from_le_bytes([ace[2], ace[3]]));
        if ace_size < 4 || at + ace_size > size {
            return None;
        }
        at += ace_size;
    }
    Some(size)
}

/// Checks that `sd` is a well-formed self-relative descriptor.
///
/// # Errors
///
/// `ERROR_INVALID_SECURITY_DESCR (1338)`: too short, a revision other than 1, not
/// self-relative, or an owner, group or ACL that is malformed or runs past the end.
pub fn validate(sd: &[u8]) -> Result<()> {
    Parts::parse(sd).map(|_| ())
}

/// The parts of `sd` that `info` asks for (`ClusterRegGetKeySecurity`, like
/// `RegGetKeySecurity`): the others are left out of the returned descriptor.
///
/// # Errors
///
/// `ERROR_INVALID_SECURITY_DESCR (1338)` if `sd` is malformed (never for a key's own).
pub fn select(sd: &[u8], info: u32) -> Result<Vec<u8>> {
    let p = Parts::parse(sd)?;
    let want = |bit: u32| info & bit != 0;
    let mut control = 0;
    for (bit, bits) in [
        (OWNER_SECURITY_INFORMATION, OWNER_BITS),
        (GROUP_SECURITY_INFORMATION, GROUP_BITS),
        (DACL_SECURITY_INFORMATION, DACL_BITS),
        (SACL_SECURITY_INFORMATION, SACL_BITS),
    ] {
        if want(bit) {
            control |= p.control & bits;
        }
    }
    let selected = Parts {
        control,
        owner: p.owner.filter(|_| want(OWNER_SECURITY_INFORMATION)),
        group: p.group.filter(|_| want(GROUP_SECURITY_INFORMATION)),
        sacl: p.sacl.filter(|_| want(SACL_SECURITY_INFORMATION)),
        dacl: p.dacl.filter(|_| want(DACL_SECURITY_INFORMATION)),
    };
    Ok(selected.build())
}

/// `current` with the parts that `info` names replaced by those of `new`
/// (`ClusterRegSetKeySecurity`, like `RegSetKeySecurity`).
///
/// # Errors
///
/// `ERROR_INVALID_SECURITY_DESCR (1338)` if `new` is malformed, or if `info` names an owner or
/// group that `new` lacks (a **choice**; Windows says `ERROR_INVALID_OWNER` for a missing owner
/// in some paths).
pub fn merge(current: &[u8], info: u32, new: &[u8]) -> Result<Vec<u8>> {
    let bad = Error::new(codes::ERROR_INVALID_SECURITY_DESCR);
    let cur = Parts::parse(current)?;
    let new = Parts::parse(new)?;
    let mut out = cur;
    let mut take = |bit: u32, bits: u16| {
        if info & bit != 0 {
            out.control = (out.control & !bits) | (new.control & bits);
            true
        } else {
            false
        }
    };
    if take(OWNER_SECURITY_INFORMATION, OWNER_BITS) {
        out.owner = Some(new.owner.ok_or(bad)?);
    }
    if take(GROUP_SECURITY_INFORMATION, GROUP_BITS) {
        out.group = Some(new.group.ok_or(bad)?);
    }
    if take(DACL_SECURITY_INFORMATION, DACL_BITS) {
        out.dacl = new.dacl;
    }
    if take(SACL_SECURITY_INFORMATION, SACL_BITS) {
        out.sacl = new.sacl;
    }
    Ok(out.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_descriptor_has_the_documented_bytes() {
        let sd = default_key_security();
        assert_eq!(sd.len(), 100);
        assert_eq!(&sd[..4], &[1, 0, 0x04, 0x80], "revision 1, DACL present, self-relative");
        let off = |i: usize| u32::from_le_bytes(sd[4 + 4 * i..8 + 4 * i].try_into().unwrap());
        assert_eq!((off(0), off(1), off(2), off(3)), (72, 88, 0, 20), "owner, group, sacl, dacl");
        // S-1-5-32-544 and S-1-5-18.
        assert_eq!(&sd[72..88], &[1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 2, 0, 0]);
        assert_eq!(&sd[88..100], &[1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]);
        // The ACL header: revision 2, size 52, two ACEs; the first ACE allows KEY_ALL_ACCESS.
        assert_eq!(&sd[20..28], &[2, 0, 52, 0, 2, 0, 0, 0]);
        assert_eq!(&sd[28..36], &[0, CONTAINER_INHERIT_ACE, 24, 0, 0x3f, 0, 0x0f, 0]);
        validate(&sd).unwrap();
    }

    #[test]
    fn select_keeps_only_the_parts_asked_for() {
        let sd = default_key_security();
        assert_eq!(select(&sd, 0xf).unwrap(), sd);
        let owner = select(&sd, OWNER_SECURITY_INFORMATION).unwrap();
        assert_eq!(owner.len(), 20 + 16);
        assert_eq!(&owner[2..4], &SE_SELF_RELATIVE.to_le_bytes());
        let dacl = select(&sd, DACL_SECURITY_INFORMATION).unwrap();
        assert_eq!(dacl.len(), 20 + 52);
        assert_eq!(select(&sd, 0).unwrap().len(), 20);
    }

    #[test]
    fn merge_replaces_the_parts_named() {
        let sd = default_key_security();
        let everyone = sid(1, &[0]);
        let other = Parts {
            control: SE_DACL_PRESENT,
            owner: Some(&everyone),
            group: None,
            sacl: None,
            dacl: None, // a NULL DACL
        }
        .build();
        let merged = merge(&sd, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION, &other).unwrap();
        let p = Parts::parse(&merged).unwrap();
        assert_eq!(p.owner, Some(&everyone[..]));
        assert_eq!(p.group, Parts::parse(&sd).unwrap().group);
        assert_eq!(p.dacl, None);
        assert_eq!(p.control & SE_DACL_PRESENT, SE_DACL_PRESENT);
        let e = merge(&sd, GROUP_SECURITY_INFORMATION, &other).unwrap_err();
        assert_eq!(e.code(), codes::ERROR_INVALID_SECURITY_DESCR);
    }

    #[test]
    fn malformed_descriptors_are_rejected() {
        let sd = default_key_security();
        let mut cases = vec![sd[..19].to_vec(), sd[..99].to_vec()];
        let mut absolute = sd.clone();
        absolute[3] = 0; // not self-relative
        cases.push(absolute);
        let mut past_end = sd.clone();
        past_end[4..8].copy_from_slice(&200u32.to_le_bytes());
        cases.push(past_end);
        let mut bad_acl = sd.clone();
        bad_acl[22] = 200; // AclSize past the end
        cases.push(bad_acl);
        for case in cases {
            assert_eq!(validate(&case).unwrap_err().code(), codes::ERROR_INVALID_SECURITY_DESCR);
        }
    }
}
