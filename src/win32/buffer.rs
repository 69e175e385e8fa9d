//! The byte-size protocols of the Win32 face: Ex enumeration items, and (control) replies.
//!
//! ClusAPI returns variable-size data into a caller buffer whose size is given in bytes
//! (`reference/clusapi.md` §6.2): the caller passes the buffer and its size, and gets back the
//! data and the number of bytes written, or `ERROR_MORE_DATA (234)` and the number of bytes
//! needed, with nothing else written. (Names returned in WCHARs, `*lpcchName`, follow their
//! own protocol: [`write_string`](super::write_string).)
//!
//! Here:
//! * [`claim`]: the protocol itself, the size check and the size written back;
//! * [`write_with_strings`]: a structure followed by the strings it points to, the way the
//!   `*EnumEx` functions return their items;
//! * the item writers of the `*EnumEx` exports: [`write_enum_item`] (`CLUSTER_ENUM_ITEM`),
//!   [`write_group_item`] (`CLUSTER_GROUP_ENUM_ITEM`), [`write_resource_item`]
//!   (`CLUSTER_RESOURCE_ENUM_ITEM`).
//!
//! * [`ControlOutput`]: the replies of the control functions (`Cluster*Control`), the same
//!   protocol with a size query for a NULL buffer.

use std::mem::{align_of, size_of};
use std::ptr::null_mut;

use windows_sys::Win32::Networking::Clustering::{
    CLUSTER_ENUM_ITEM, CLUSTER_ENUM_ITEM_VERSION_1, CLUSTER_GROUP_ENUM_ITEM,
    CLUSTER_GROUP_ENUM_ITEM_VERSION_1, CLUSTER_RESOURCE_ENUM_ITEM, CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1,
};

use super::{read_u32, write_u32};
use crate::control::zero_size_is_query;
use crate::enumeration::{EnumDetail, EnumItem};
use crate::error::{Error, Result, codes};

/// The byte-size protocol: reads the caller's capacity `*cb` (0 for a NULL buffer), writes
/// `needed` back to `*cb`, and fails with `ERROR_MORE_DATA` when the capacity is smaller.
/// On success the caller may write `needed` bytes to the buffer.
///
/// # Errors
/// `ERROR_INVALID_PARAMETER` for a NULL `cb` (nothing written); `ERROR_MORE_DATA` when the
/// buffer is too small (only `*cb` written).
///
/// # Safety
/// `cb` is NULL or valid for reads and writes of a `u32`.
pub(crate) unsafe fn claim(needed: usize, buffer_is_null: bool, cb: *mut u32) -> Result<()> {
    // SAFETY: forwarded from the caller.
    let capacity = unsafe { read_u32(cb) }?;
    let capacity = if buffer_is_null { 0 } else { capacity as usize };
    // SAFETY: `cb` was just read, so it is not NULL, and the caller promises it is writable.
    unsafe { cb.write_unaligned(u32::try_from(needed).unwrap_or(u32::MAX)) };
    if capacity < needed {
        return Err(Error::new(codes::ERROR_MORE_DATA));
    }
    Ok(())
}

/// A string as NUL-terminated UTF-16.
fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// Writes a structure `S` followed by `strings` (each NUL-terminated UTF-16, in order) into a
/// caller buffer of `*cbitem` bytes (a NULL buffer has none), the way the `*EnumEx` functions
/// return their items: `header` receives, for each string, a pointer to its copy inside the
/// buffer and its size in bytes including the NUL. On success `*cbitem` is the number of bytes
/// written; nothing past them is touched.
///
/// The strings start right after the structure, at an offset that keeps them 2-byte aligned;
/// the structure is written unaligned, so even a misaligned buffer is written safely (reading
/// it is the caller's affair).
///
/// # Errors
/// As [`claim`]: `ERROR_INVALID_PARAMETER` for a NULL `cbitem`; `ERROR_MORE_DATA` when the
/// buffer is too small: nothing is written then but `*cbitem`, which holds the size needed.
///
/// # Safety
/// `cbitem` is NULL or valid for reads and writes of a `u32`; `pitem` is NULL or valid for
/// writes of `*cbitem` bytes.
pub(crate) unsafe fn write_with_strings<S, const N: usize>(
    strings: [&str; N],
    pitem: *mut S,
    cbitem: *mut u32,
    header: impl FnOnce([(*mut u16, u32); N]) -> S,
) -> Result<()> {
    // SAFETY: forwarded from the caller.
    unsafe { write_with_lists(strings, [], pitem, cbitem, |s, []| header(s)) }
}

/// As [`write_with_strings`], with property lists after the strings: each starts 4-byte
/// aligned from the start of the buffer (property lists are DWORD-aligned, MsCS:dword-alignment)
/// and `header` receives a pointer to it and its size (NULL and 0 for an empty list).
///
/// # Errors
/// As [`write_with_strings`].
///
/// # Safety
/// As [`write_with_strings`].
pub(crate) unsafe fn write_with_lists<S, const N: usize, const M: usize>(
    strings: [&str; N],
    lists: [&[u8]; M],
    pitem: *mut S,
    cbitem: *mut u32,
    header: impl FnOnce([(*mut u16, u32); N], [(*mut u8, u32); M]) -> S,
) -> Result<()> {
    let wides = strings.map(wide);
    let strings_end = size_of::<S>() + 2 * wides.iter().map(Vec::len).sum::<usize>();
    let mut offsets = [0usize; M];
    let mut needed = strings_end;
    for (i, l) in lists.iter().enumerate() {
        if !l.is_empty() {
            needed = needed.next_multiple_of(4);
            offsets[i] = needed;
            needed += l.len();
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe { claim(needed, pitem.is_null(), cbitem) }?;
    debug_assert!(size_of::<S>() % align_of::<u16>() == 0);
    // SAFETY: the structure is followed by the strings' units, all inside the
    // `needed <= capacity` bytes the caller provided.
    let mut next = unsafe { pitem.cast::<u8>().add(size_of::<S>()) }.cast::<u16>();
    let placed = wides.map(|units| {
        let at = next;
        for (i, &unit) in units.iter().enumerate() {
            // SAFETY: inside the buffer (see above).
            unsafe { at.add(i).write_unaligned(unit) };
        }
        // SAFETY: one past this string's units, still inside (or at the end of) the buffer.
        next = unsafe { at.add(units.len()) };
        (at, (2 * units.len()) as u32)
    });
    let base = pitem.cast::<u8>();
    let mut written = strings_end;
    let mut lists_placed = [(null_mut(), 0u32); M];
    for ((list, &at), slot) in lists.iter().zip(&offsets).zip(&mut lists_placed) {
        if list.is_empty() {
            continue;
        }
        // SAFETY: `written <= at` and `at + list.len() <= needed`: inside the buffer. The
        // alignment padding is zeroed, so no byte of the item is left unset.
        unsafe {
            base.add(written).write_bytes(0, at - written);
            std::ptr::copy_nonoverlapping(list.as_ptr(), base.add(at), list.len());
            *slot = (base.add(at), list.len() as u32);
        }
        written = at + list.len();
    }
    // SAFETY: the buffer holds at least `needed >= size_of::<S>()` bytes.
    unsafe { pitem.write_unaligned(header(placed, lists_placed)) };
    Ok(())
}

/// Writes `item` as a `CLUSTER_ENUM_ITEM` (`dwVersion` = `CLUSTER_ENUM_ITEM_VERSION_1`): the
/// structure, then the id and the name; see [`write_with_strings`].
///
/// # Errors
/// As [`write_with_strings`].
///
/// # Safety
/// As [`write_with_strings`].
pub(crate) unsafe fn write_enum_item(
    item: &EnumItem,
    pitem: *mut CLUSTER_ENUM_ITEM,
    cbitem: *mut u32,
) -> Result<()> {
    // SAFETY: forwarded from the caller.
    unsafe {
        write_with_strings([&item.id, &item.name], pitem, cbitem, |[(id, cb_id), (name, cb_name)]| {
            CLUSTER_ENUM_ITEM {
                dwVersion: CLUSTER_ENUM_ITEM_VERSION_1,
                dwType: item.object_type,
                cbId: cb_id,
                lpszId: id,
                cbName: cb_name,
                lpszName: name,
            }
        })
    }
}

/// Writes a group item of `ClusterGroupOpenEnumEx` as a `CLUSTER_GROUP_ENUM_ITEM`
/// (`dwVersion` = `CLUSTER_GROUP_ENUM_ITEM_VERSION_1`): the structure, then the id, the name
/// and the owner node's name. Property lists are not simulated: `cbProperties` and
/// `cbRoProperties` are 0 and their pointers NULL.
///
/// # Errors
/// As [`write_with_strings`]; `ERROR_INVALID_HANDLE` for an item that is not a group's.
///
/// # Safety
/// As [`write_with_strings`].
pub(crate) unsafe fn write_group_item(
    item: &EnumItem,
    pitem: *mut CLUSTER_GROUP_ENUM_ITEM,
    cbitem: *mut u32,
) -> Result<()> {
    let EnumDetail::Group { state, owner_node, flags, properties, ro_properties } = &item.detail else {
        return Err(Error::new(codes::ERROR_INVALID_HANDLE));
    };
    let strings = [item.id.as_str(), &item.name, owner_node];
    let lists = [properties.as_slice(), ro_properties.as_slice()];
    // SAFETY: forwarded from the caller.
    unsafe {
        write_with_lists(
            strings,
            lists,
            pitem,
            cbitem,
            |[(id, cb_id), (name, cb_name), (owner, cb_owner)], [(p, cb_p), (ro, cb_ro)]| {
                CLUSTER_GROUP_ENUM_ITEM {
                    dwVersion: CLUSTER_GROUP_ENUM_ITEM_VERSION_1,
                    cbId: cb_id,
                    lpszId: id,
                    cbName: cb_name,
                    lpszName: name,
                    state: state.value(),
                    cbOwnerNode: cb_owner,
                    lpszOwnerNode: owner,
                    dwFlags: *flags,
                    cbProperties: cb_p,
                    pProperties: p.cast(),
                    cbRoProperties: cb_ro,
                    pRoProperties: ro.cast(),
                }
            },
        )
    }
}

/// Writes a resource item of `ClusterResourceOpenEnumEx` as a `CLUSTER_RESOURCE_ENUM_ITEM`
/// (`dwVersion` = `CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1`): the structure, then the id, the
/// name, the owner group's name and its id. Property lists are not simulated.
///
/// # Errors
/// As [`write_with_strings`]; `ERROR_INVALID_HANDLE` for an item that is not a resource's.
///
/// # Safety
/// As [`write_with_strings`].
pub(crate) unsafe fn write_resource_item(
    item: &EnumItem,
    pitem: *mut CLUSTER_RESOURCE_ENUM_ITEM,
    cbitem: *mut u32,
) -> Result<()> {
    let EnumDetail::Resource { group_name, group_id, properties, ro_properties } = &item.detail else {
        return Err(Error::new(codes::ERROR_INVALID_HANDLE));
    };
    let strings = [item.id.as_str(), &item.name, group_name, group_id];
    let lists = [properties.as_slice(), ro_properties.as_slice()];
    // SAFETY: forwarded from the caller.
    unsafe {
        write_with_lists(
            strings,
            lists,
            pitem,
            cbitem,
            |[(id, cb_id), (name, cb_name), (gn, cb_gn), (gi, cb_gi)], [(p, cb_p), (ro, cb_ro)]| {
                CLUSTER_RESOURCE_ENUM_ITEM {
                    dwVersion: CLUSTER_RESOURCE_ENUM_ITEM_VERSION_1,
                    cbId: cb_id,
                    lpszId: id,
                    cbName: cb_name,
                    lpszName: name,
                    cbOwnerGroupName: cb_gn,
                    lpszOwnerGroupName: gn,
                    cbOwnerGroupId: cb_gi,
                    lpszOwnerGroupId: gi,
                    cbProperties: cb_p,
                    pProperties: p.cast(),
                    cbRoProperties: cb_ro,
                    pRoProperties: ro.cast(),
                }
            },
        )
    }
}

/// Where a control function's reply goes: the caller's buffer of `size` bytes and its
/// `*lpBytesReturned`, for control code `code`.
pub(crate) struct ControlOutput {
    pub(crate) code: u32,
    pub(crate) buffer: *mut core::ffi::c_void,
    pub(crate) size: u32,
    pub(crate) bytes_returned: *mut u32,
}

impl ControlOutput {
    /// Delivers `reply` by the byte-size protocol of the control functions (documented on
    /// [`ClusterResourceControl`](super::ClusterResourceControl)): a NULL buffer (or a size of 0
    /// for `GET_CHARACTERISTICS` and `GET_CLASS_INFO`) is a size query; a buffer too small gets
    /// `ERROR_MORE_DATA` and only the size needed; otherwise the reply and its size.
    ///
    /// # Errors
    /// `ERROR_MORE_DATA` for a short buffer.
    ///
    /// # Safety
    /// `buffer` is NULL or valid for writes of `size` bytes; `bytes_returned` is NULL or valid
    /// for writes of a `u32`.
    pub(crate) unsafe fn deliver(&self, reply: &[u8]) -> Result<()> {
        let needed = u32::try_from(reply.len()).map_err(|_| Error::new(codes::ERROR_INTERNAL_ERROR))?;
        let query = self.buffer.is_null() || (self.size == 0 && zero_size_is_query(self.code));
        if !query && self.size >= needed {
            // SAFETY: the caller promises `size >= needed` writable bytes at `buffer`; `reply`
            // is the simulator's own allocation, so they cannot overlap.
            unsafe { std::ptr::copy_nonoverlapping(reply.as_ptr(), self.buffer.cast::<u8>(), reply.len()) };
        }
        // SAFETY: forwarded from the caller.
        unsafe { write_u32(self.bytes_returned, needed) };
        match query || self.size >= needed {
            true => Ok(()),
            false => Err(Error::new(codes::ERROR_MORE_DATA)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item() -> EnumItem {
        EnumItem { object_type: 8, name: "Cluster Group".into(), id: "ab".into(), ..EnumItem::default() }
    }

    #[test]
    fn ex_item_is_laid_out_after_the_structure() {
        let item = item();
        let needed = size_of::<CLUSTER_ENUM_ITEM>() + 2 * 3 + 2 * 14;
        // A u64 buffer, so the structure is aligned; one spare word for a sentinel.
        let mut buf = vec![0xa5a5_a5a5_a5a5_a5a5u64; needed.div_ceil(8) + 1];
        let p = buf.as_mut_ptr().cast::<CLUSTER_ENUM_ITEM>();
        let mut cb = (needed - 1) as u32;
        // SAFETY: the buffer holds more than `needed` bytes.
        let e = unsafe { write_enum_item(&item, p, &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb as usize), (234, needed));
        assert!(buf.iter().all(|&w| w == 0xa5a5_a5a5_a5a5_a5a5), "nothing written when short");
        // SAFETY: as above.
        unsafe { write_enum_item(&item, p, &mut cb) }.unwrap();
        assert_eq!(cb as usize, needed);
        // SAFETY: just written, and the buffer is aligned for the structure.
        let written = unsafe { p.read() };
        assert_eq!((written.dwVersion, written.dwType, written.cbId, written.cbName), (1, 8, 6, 28));
        // SAFETY: the pointers point into `buf`, at NUL-terminated strings of those sizes.
        let (id, name) = unsafe {
            (
                std::slice::from_raw_parts(written.lpszId, 3).to_vec(),
                std::slice::from_raw_parts(written.lpszName, 14).to_vec(),
            )
        };
        assert_eq!((id, name), (wide("ab"), wide("Cluster Group")));
        let bytes = buf.as_ptr().cast::<u8>();
        // SAFETY: inside `buf`.
        let after = unsafe { std::slice::from_raw_parts(bytes.add(needed), buf.len() * 8 - needed) };
        assert!(after.iter().all(|&b| b == 0xa5), "nothing written past the item");
    }

    #[test]
    fn a_resource_item_without_its_detail_is_rejected_not_misread() {
        let mut cb = 4096;
        let mut buf = [0u64; 512];
        // SAFETY: the buffer holds 4096 bytes.
        let e = unsafe { write_resource_item(&item(), buf.as_mut_ptr().cast(), &mut cb) }.unwrap_err();
        assert_eq!(e.code(), 6);
        assert_eq!(buf, [0u64; 512]);
    }

    #[test]
    fn ex_item_null_buffer_and_null_size() {
        let item = item();
        let mut cb = 1000;
        // SAFETY: NULL buffer, valid size.
        let e = unsafe { write_enum_item(&item, std::ptr::null_mut(), &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb as usize), (234, size_of::<CLUSTER_ENUM_ITEM>() + 2 * 3 + 2 * 14));
        let mut buf = [0u64; 16];
        // SAFETY: NULL size is detected before anything is written.
        let e = unsafe { write_enum_item(&item, buf.as_mut_ptr().cast(), std::ptr::null_mut()) }.unwrap_err();
        assert_eq!(e.code(), 87);
        assert_eq!(buf, [0u64; 16]);
    }

    #[test]
    fn claim_reports_the_size_needed_and_refuses_a_short_or_null_buffer() {
        let mut cb = 8;
        // SAFETY: `cb` is a valid u32.
        unsafe { claim(8, false, &mut cb) }.unwrap();
        assert_eq!(cb, 8);
        // SAFETY: as above.
        let e = unsafe { claim(9, false, &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb), (234, 9));
        // SAFETY: as above.
        let e = unsafe { claim(1, true, &mut cb) }.unwrap_err();
        assert_eq!((e.code(), cb), (234, 1), "a NULL buffer has no room");
    }
}
