//! The handle registry: typed, generational handle values and the tree of who was derived from
//! whom.
//!
//! The registry knows nothing about clusters. It stores a payload per handle, hands out the
//! integer value a caller sees, resolves a value back to its payload after checking kind and
//! generation, and closes a handle together with everything derived from it.
//!
//! # Layout of a handle value (64-bit targets)
//!
//! ```text
//!  63 62 61 ............................. 30 29 ................ 7 6 ...... 2 1 0
//! | 0  0 |        generation (32 bits)      |    slot (23 bits)    | kind (5) | 0 0 |
//! ```
//!
//! * The two low bits are zero, so a value is a multiple of 4, and it can never be -1
//!   (`INVALID_HANDLE_VALUE`) or 0 (kind 0 is never issued). The top bits are zero, so values are
//!   positive, like user-mode pointers on Windows (invariant H1).
//! * The kind makes a value of one kind useless as another (H2).
//! * The generation is drawn from one process-wide sequence that never wraps, so no two handles
//!   issued anywhere in the process share a generation, and hence a value. A stale value
//!   therefore never resolves after its slot is reused (H3: stronger than a per-slot counter,
//!   which would need 2^32 reuses of that slot), and a value issued by one [`Sim`](crate::Sim)
//!   never resolves in another, nor in a registry created later (H7), without spending bits on a
//!   simulator id. The issuing simulator is still recorded: it is the only one whose table holds
//!   that generation.
//!
//! # The bound
//!
//! The generation has 32 bits, so the process has 2^32 generations to give out. A registry
//! takes them from the process-wide counter in blocks, so that issuing a handle touches no
//! shared memory: its first block holds one generation, and each next block twice as many as
//! the last, up to 1024. A registry therefore reserves at most twice the handles it issues (and
//! at most 1023 more), so **at least 2^31 handles, and up to 2^32, can be issued in one process**,
//! however many registries (simulators) issue them. After that, every
//! [`insert`](HandleRegistry::insert) that needs a new block fails with
//! `ERROR_NO_SYSTEM_RESOURCES (1450)`: the space is never reused, so a value never resolves
//! twice.
//!
//! On 32-bit targets the slot has 12 bits and the generation 12, so the bound is 2^11 to 2^12
//! handles per process; the simulator is meant for 64-bit test hosts.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::panic::Location;
use std::sync::atomic::{AtomicU64, Ordering};

use slab::Slab;

use crate::error::{Error, Result, codes};

/// The kinds of handle the ClusAPI hands out. Each is distinct (H2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Kind {
    /// `HCLUSTER`
    Cluster = 1,
    /// `HNODE`
    Node,
    /// `HGROUP`
    Group,
    /// `HRESOURCE`
    Resource,
    /// `HNETWORK`
    Network,
    /// `HNETINTERFACE`
    NetInterface,
    /// `HGROUPSET`
    GroupSet,
    /// `HCHANGE`: a notification port.
    NotifyPort,
    /// `HKEY` of the cluster registry.
    Key,
    /// `HCLUSENUM`
    ClusterEnum,
    /// `HCLUSENUMEX`
    ClusterEnumEx,
    /// `HNODEENUM`
    NodeEnum,
    /// `HNODEENUMEX`
    NodeEnumEx,
    /// `HGROUPENUM`
    GroupEnum,
    /// `HGROUPENUMEX`
    GroupEnumEx,
    /// `HRESENUM`
    ResourceEnum,
    /// `HRESENUMEX`
    ResourceEnumEx,
    /// `HRESTYPEENUM`
    ResourceTypeEnum,
    /// `HNETWORKENUM`
    NetworkEnum,
    /// `HNETINTERFACEENUM`
    NetInterfaceEnum,
    /// `HGROUPSETENUM`
    GroupSetEnum,
    /// `HREGBATCH`
    RegBatch,
    /// `HREGBATCHPORT`
    RegBatchPort,
    /// `HREGBATCHNOTIFICATION`
    RegBatchNotification,
    /// `HREGREADBATCH`
    RegReadBatch,
    /// `HREGREADBATCHREPLY`
    RegReadBatchReply,
}

impl Kind {
    /// Every kind, in value order.
    pub const ALL: [Kind; 26] = [
        Kind::Cluster,
        Kind::Node,
        Kind::Group,
        Kind::Resource,
        Kind::Network,
        Kind::NetInterface,
        Kind::GroupSet,
        Kind::NotifyPort,
        Kind::Key,
        Kind::ClusterEnum,
        Kind::ClusterEnumEx,
        Kind::NodeEnum,
        Kind::NodeEnumEx,
        Kind::GroupEnum,
        Kind::GroupEnumEx,
        Kind::ResourceEnum,
        Kind::ResourceEnumEx,
        Kind::ResourceTypeEnum,
        Kind::NetworkEnum,
        Kind::NetInterfaceEnum,
        Kind::GroupSetEnum,
        Kind::RegBatch,
        Kind::RegBatchPort,
        Kind::RegBatchNotification,
        Kind::RegReadBatch,
        Kind::RegReadBatchReply,
    ];

    fn from_bits(bits: usize) -> Option<Kind> {
        Kind::ALL.get(bits.wrapping_sub(1)).copied()
    }

    /// The windows-sys type name of handles of this kind, e.g. `"HGROUP"`.
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::Cluster => "HCLUSTER",
            Kind::Node => "HNODE",
            Kind::Group => "HGROUP",
            Kind::Resource => "HRESOURCE",
            Kind::Network => "HNETWORK",
            Kind::NetInterface => "HNETINTERFACE",
            Kind::GroupSet => "HGROUPSET",
            Kind::NotifyPort => "HCHANGE",
            Kind::Key => "HKEY",
            Kind::ClusterEnum => "HCLUSENUM",
            Kind::ClusterEnumEx => "HCLUSENUMEX",
            Kind::NodeEnum => "HNODEENUM",
            Kind::NodeEnumEx => "HNODEENUMEX",
            Kind::GroupEnum => "HGROUPENUM",
            Kind::GroupEnumEx => "HGROUPENUMEX",
            Kind::ResourceEnum => "HRESENUM",
            Kind::ResourceEnumEx => "HRESENUMEX",
            Kind::ResourceTypeEnum => "HRESTYPEENUM",
            Kind::NetworkEnum => "HNETWORKENUM",
            Kind::NetInterfaceEnum => "HNETINTERFACEENUM",
            Kind::GroupSetEnum => "HGROUPSETENUM",
            Kind::RegBatch => "HREGBATCH",
            Kind::RegBatchPort => "HREGBATCHPORT",
            Kind::RegBatchNotification => "HREGBATCHNOTIFICATION",
            Kind::RegReadBatch => "HREGREADBATCH",
            Kind::RegReadBatchReply => "HREGREADBATCHREPLY",
        }
    }
}

/// The bit layout of a handle value; see the module docs.
mod layout {
    pub const KIND_SHIFT: u32 = 2;
    pub const KIND_BITS: u32 = 5;
    pub const SLOT_SHIFT: u32 = KIND_SHIFT + KIND_BITS;
    #[cfg(target_pointer_width = "64")]
    pub const SLOT_BITS: u32 = 23;
    #[cfg(not(target_pointer_width = "64"))]
    pub const SLOT_BITS: u32 = 12;
    pub const GEN_SHIFT: u32 = SLOT_SHIFT + SLOT_BITS;
    #[cfg(target_pointer_width = "64")]
    pub const GEN_BITS: u32 = 32;
    #[cfg(not(target_pointer_width = "64"))]
    pub const GEN_BITS: u32 = 12;

    pub const KIND_MASK: usize = (1 << KIND_BITS) - 1;
    pub const SLOT_MASK: usize = (1 << SLOT_BITS) - 1;
    pub const GEN_MASK: u64 = (1 << GEN_BITS) - 1;
    /// The number of slots a registry can hold at once.
    pub const MAX_SLOTS: usize = 1 << SLOT_BITS;

    // The bit budget, checked once at compile time (sharded-slab checks its own at startup):
    // the fields fit in a pointer-sized value with the sign bit left clear, and every kind fits.
    const _: () = assert!(GEN_SHIFT + GEN_BITS < usize::BITS);
    const _: () = assert!(super::Kind::ALL.len() < (1 << KIND_BITS));
}

/// The number of generations the process can hand out: the generation space.
const GENERATION_SPACE: u64 = 1 << layout::GEN_BITS;
/// The most generations a registry takes from the process-wide counter at once. Its first block
/// is one generation, each next one twice the last, so that short-lived registries (one per
/// test) spend the shared space no faster than they issue handles.
const MAX_GENERATION_BLOCK: u64 = 1 << 10;
/// The first generation no registry has taken yet. 64 bits, so it never wraps: once it passes
/// [`GENERATION_SPACE`], the space is exhausted for good.
static NEXT_GENERATION: AtomicU64 = AtomicU64::new(0);

/// Moves the process-wide generation counter forward so that only `remaining` generations are
/// left (it never moves back, so it cannot make two handles collide). For tests of exhaustion,
/// which must run in a process of their own: every registry in the process then fails once its
/// current block is used up.
#[doc(hidden)]
pub fn exhaust_generations_for_test(remaining: u64) {
    NEXT_GENERATION.fetch_max(GENERATION_SPACE.saturating_sub(remaining), Ordering::Relaxed);
}

/// A raw handle value as the C API sees it (`HCLUSTER`, `HGROUP`, ... are all `isize`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RawHandle(pub isize);

impl RawHandle {
    /// The NULL handle, which ClusAPI functions return on failure.
    pub const NULL: RawHandle = RawHandle(0);

    /// The value.
    pub const fn value(self) -> isize {
        self.0
    }

    fn encode(kind: Kind, slot: usize, generation: u32) -> RawHandle {
        let value = ((u64::from(generation) & layout::GEN_MASK) as usize) << layout::GEN_SHIFT
            | (slot << layout::SLOT_SHIFT)
            | ((kind as usize) << layout::KIND_SHIFT);
        RawHandle(value as isize)
    }

    /// Splits a value into kind, slot and generation, rejecting anything no registry could have
    /// issued (forged values: zero, negative, unaligned, unknown kind, stray high bits).
    #[inline]
    fn decode(self) -> Option<(Kind, usize, u32)> {
        let v = self.0 as usize;
        if self.0 <= 0 || v & 0b11 != 0 || v >> (layout::GEN_SHIFT + layout::GEN_BITS) != 0 {
            return None;
        }
        let kind = Kind::from_bits((v >> layout::KIND_SHIFT) & layout::KIND_MASK)?;
        let slot = (v >> layout::SLOT_SHIFT) & layout::SLOT_MASK;
        let generation = ((v >> layout::GEN_SHIFT) as u64 & layout::GEN_MASK) as u32;
        Some((kind, slot, generation))
    }

    /// The kind encoded in this value, if it could be a handle at all.
    pub fn kind(self) -> Option<Kind> {
        self.decode().map(|(kind, _, _)| kind)
    }
}

impl fmt::Debug for RawHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

/// Where a handle was opened: the Rust caller's location, or the exported function and the
/// simulator's call sequence number (H8).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Opened through the Rust API at this source location.
    Rust(&'static Location<'static>),
    /// Opened through a Win32 export.
    Export {
        /// The exported function, e.g. `"OpenClusterGroup"`.
        function: &'static str,
        /// The simulator's call sequence number of that call.
        seq: u64,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Rust(loc) => write!(f, "{}:{}:{}", loc.file(), loc.line(), loc.column()),
            Origin::Export { function, seq } => write!(f, "{function} (call #{seq})"),
        }
    }
}

const NONE: u32 = u32::MAX;

struct Entry<T> {
    kind: Kind,
    generation: u32,
    origin: Origin,
    /// Slot of the handle this one was derived from, or `NONE`.
    parent: u32,
    /// First child and the sibling links of an intrusive doubly-linked list, so that closing a
    /// single handle unlinks it in O(1) and closing a tree visits only its descendants.
    first_child: u32,
    next_sibling: u32,
    prev_sibling: u32,
    value: T,
}

/// An open handle as [`HandleRegistry::open_handles`] reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenHandle {
    /// The value.
    pub handle: RawHandle,
    /// Its kind.
    pub kind: Kind,
    /// Where it was opened.
    pub origin: Origin,
    /// The handle it was derived from, if any.
    pub parent: Option<RawHandle>,
}

/// What a value that does not resolve as the kind asked for is: the handle verifier's
/// diagnosis ([`HandleRegistry::diagnose`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Misuse {
    /// This registry issued the value and it has been closed since (H3, H5): a stale value.
    Closed {
        /// The kind encoded in the value.
        kind: Kind,
        /// Where it was opened, when the registry still remembers (see
        /// [`HandleRegistry::remember_closed`]).
        origin: Option<Origin>,
    },
    /// A live handle, of another kind (H2).
    WrongKind {
        /// Its kind.
        kind: Kind,
        /// Where it was opened.
        origin: Origin,
    },
    /// A value this registry never issued: NULL, a value no registry could issue, or one
    /// issued by another registry (H1, H7).
    Forged,
}

/// The closed handles a registry remembers the origin of, oldest first, up to a cap.
#[derive(Default)]
struct ClosedLog {
    origins: HashMap<RawHandle, Origin>,
    order: VecDeque<RawHandle>,
    cap: usize,
}

impl ClosedLog {
    fn push(&mut self, handle: RawHandle, origin: Origin) {
        if self.cap == 0 {
            return;
        }
        if self.order.len() == self.cap {
            if let Some(old) = self.order.pop_front() {
                self.origins.remove(&old);
            }
        }
        self.origins.insert(handle, origin);
        self.order.push_back(handle);
    }
}

/// The table of live handles of one simulator.
#[doc(hidden)] // the internal table behind `Sim`; public for the handle tests and benchmarks
pub struct HandleRegistry<T> {
    slots: Slab<Entry<T>>,
    /// The registry's current block of generations: `next_generation..generation_end`.
    next_generation: u64,
    generation_end: u64,
    /// The size of the next block to take.
    next_block: u64,
    /// Every block of generations this registry took, merged where contiguous: what tells a
    /// stale value (issued here, closed since) from a forged one ([`diagnose`](Self::diagnose)).
    blocks: Vec<(u64, u64)>,
    /// The origins of recently closed handles, when asked to remember them.
    closed: Option<Box<ClosedLog>>,
}

impl<T> Default for HandleRegistry<T> {
    fn default() -> Self {
        HandleRegistry {
            slots: Slab::new(),
            next_generation: 0,
            generation_end: 0,
            next_block: 1,
            blocks: Vec::new(),
            closed: None,
        }
    }
}

impl<T> HandleRegistry<T> {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of live handles.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether no handle is live.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The rare part of [`insert`](Self::insert): a full table, or a used-up block of
    /// generations, when the next block is taken from the process-wide counter.
    ///
    /// # Errors
    /// `ERROR_NOT_ENOUGH_MEMORY` when `slot` is past the table; `ERROR_NO_SYSTEM_RESOURCES` when
    /// the process has no generations left.
    #[cold]
    #[inline(never)]
    fn make_room(&mut self, slot: usize) -> Result<()> {
        if slot >= layout::MAX_SLOTS {
            return Err(Error::new(codes::ERROR_NOT_ENOUGH_MEMORY));
        }
        if self.next_generation < self.generation_end {
            return Ok(());
        }
        let size = self.next_block;
        let start = NEXT_GENERATION.fetch_add(size, Ordering::Relaxed);
        if start >= GENERATION_SPACE {
            // Keep the counter far from wrapping even if every caller keeps retrying: it only
            // grows by at most `MAX_GENERATION_BLOCK` per failed call, and 2^64 is out of reach.
            return Err(Error::new(codes::ERROR_NO_SYSTEM_RESOURCES));
        }
        self.next_generation = start;
        self.generation_end = (start + size).min(GENERATION_SPACE);
        self.next_block = (size * 2).min(MAX_GENERATION_BLOCK);
        match self.blocks.last_mut() {
            Some((_, end)) if *end == start => *end = self.generation_end,
            _ => self.blocks.push((start, self.generation_end)),
        }
        Ok(())
    }

    /// Makes the registry remember where each of the last `cap` closed handles was opened, so
    /// that [`diagnose`](Self::diagnose) can name the origin of a stale value (H8). Off by
    /// default: it costs a map insert per close. `0` turns it off again.
    pub fn remember_closed(&mut self, cap: usize) {
        self.closed = (cap > 0).then(|| Box::new(ClosedLog { cap, ..ClosedLog::default() }));
    }

    /// Records a closed handle's origin, when remembering.
    #[inline]
    fn note_closed(&mut self, handle: RawHandle, origin: Origin) {
        if let Some(log) = &mut self.closed {
            log.push(handle, origin);
        }
    }

    /// Whether this registry issued generation `generation` (each generation is issued once in
    /// the process, so this is whether the registry issued a value with it).
    fn issued(&self, generation: u32) -> bool {
        let g = u64::from(generation);
        let pending = self.next_generation <= g && g < self.generation_end;
        !pending && self.blocks.iter().any(|&(start, end)| start <= g && g < end)
    }

    /// Why `handle` does not resolve as a live handle of `kind`, or `None` when it does: the
    /// handle verifier's one question. A value whose generation this registry issued but which
    /// is not live was closed (the generation is unique in the process, H3); a live value of
    /// another kind is a wrong kind (H2); anything else is forged. Only a value altered in its
    /// slot or kind bits while keeping a real generation could be taken for a closed one.
    ///
    /// ```
    /// use clusapi_sim::handles::{HandleRegistry, Kind, Misuse, Origin, RawHandle};
    /// let mut r = HandleRegistry::new();
    /// r.remember_closed(16);
    /// let origin = Origin::Export { function: "OpenClusterGroup", seq: 1 };
    /// let g = r.insert(Kind::Group, None, origin, ())?;
    /// assert_eq!(r.diagnose(g, Kind::Group), None);
    /// assert_eq!(r.diagnose(g, Kind::Resource), Some(Misuse::WrongKind { kind: Kind::Group, origin }));
    /// r.close(g, Kind::Group)?;
    /// assert_eq!(r.diagnose(g, Kind::Group), Some(Misuse::Closed { kind: Kind::Group, origin: Some(origin) }));
    /// assert_eq!(r.diagnose(RawHandle(0x1234_5678), Kind::Group), Some(Misuse::Forged));
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn diagnose(&self, handle: RawHandle, kind: Kind) -> Option<Misuse> {
        let Some((value_kind, slot, generation)) = handle.decode() else { return Some(Misuse::Forged) };
        if let Some(e) = self.slots.get(slot).filter(|e| e.kind == value_kind && e.generation == generation) {
            return (e.kind != kind).then_some(Misuse::WrongKind { kind: e.kind, origin: e.origin });
        }
        if let Some(origin) = self.closed.as_ref().and_then(|log| log.origins.get(&handle)) {
            return Some(Misuse::Closed { kind: value_kind, origin: Some(*origin) });
        }
        if slot < self.slots.capacity() && self.issued(generation) {
            return Some(Misuse::Closed { kind: value_kind, origin: None });
        }
        Some(Misuse::Forged)
    }

    /// Issues a handle of `kind` for `value`, derived from `parent` when given.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` if `parent` is not live; `ERROR_NOT_ENOUGH_MEMORY` when the table
    /// is full; `ERROR_NO_SYSTEM_RESOURCES` when the process has issued all the handle values it
    /// can (see [the bound](self#the-bound)). Nothing changes on an error.
    // Always: the rare paths are out of line in `make_room`, and LLVM otherwise declines to inline
    // this into callers, which costs the open+close pair 70% more instructions (callgrind).
    #[inline(always)]
    pub fn insert(
        &mut self,
        kind: Kind,
        parent: Option<RawHandle>,
        origin: Origin,
        value: T,
    ) -> Result<RawHandle> {
        let slot = self.slots.vacant_key();
        // Both rare cases behind one branch, out of line, so that `insert` stays small enough to
        // inline. Before anything changes, so that either failure leaves the registry as it was.
        if slot >= layout::MAX_SLOTS || self.next_generation == self.generation_end {
            self.make_room(slot)?;
        }
        // One lookup of the parent validates it and makes the new slot its first child.
        let (parent_slot, next_sibling) = match parent {
            Some(p) => {
                let (kind, at, generation) = p.decode().ok_or(Error::INVALID_HANDLE)?;
                match self.slots.get_mut(at) {
                    Some(e) if e.kind == kind && e.generation == generation => {
                        (at as u32, std::mem::replace(&mut e.first_child, slot as u32))
                    }
                    _ => return Err(Error::INVALID_HANDLE),
                }
            }
            None => (NONE, NONE),
        };
        // Reserved above: below `generation_end <= GENERATION_SPACE`, so it fits the field.
        let generation = self.next_generation as u32;
        self.next_generation += 1;
        self.slots.insert(Entry {
            kind,
            generation,
            origin,
            parent: parent_slot,
            first_child: NONE,
            next_sibling,
            prev_sibling: NONE,
            value,
        });
        if next_sibling != NONE {
            self.slots[next_sibling as usize].prev_sibling = slot as u32;
        }
        Ok(RawHandle::encode(kind, slot, generation))
    }

    /// The slot and entry of a live handle of any kind.
    #[inline]
    fn live(&self, handle: RawHandle) -> Option<(usize, &Entry<T>)> {
        let (kind, slot, generation) = handle.decode()?;
        let entry = self.slots.get(slot)?;
        (entry.kind == kind && entry.generation == generation).then_some((slot, entry))
    }

    /// The slot of a live handle of `kind`.
    #[inline]
    fn slot_of_kind(&self, handle: RawHandle, kind: Kind) -> Option<usize> {
        match self.live(handle) {
            Some((slot, e)) if e.kind == kind => Some(slot),
            _ => None,
        }
    }

    /// The slot of a live handle of any kind.
    fn slot_of(&self, handle: RawHandle) -> Option<usize> {
        self.live(handle).map(|(slot, _)| slot)
    }

    fn handle_at(&self, slot: usize) -> RawHandle {
        let e = &self.slots[slot];
        RawHandle::encode(e.kind, slot, e.generation)
    }

    /// Whether `handle` is live and of `kind`.
    pub fn contains(&self, handle: RawHandle, kind: Kind) -> bool {
        self.get(handle, kind).is_ok()
    }

    /// The payload of a live handle of `kind`.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a closed, stale, forged or wrong-kind value.
    pub fn get(&self, handle: RawHandle, kind: Kind) -> Result<&T> {
        match self.live(handle) {
            Some((_, e)) if e.kind == kind => Ok(&e.value),
            _ => Err(Error::INVALID_HANDLE),
        }
    }

    /// The payload of a live handle of `kind`, mutably.
    ///
    /// # Errors
    /// As [`get`](Self::get).
    pub fn get_mut(&mut self, handle: RawHandle, kind: Kind) -> Result<&mut T> {
        let slot = self.slot_of_kind(handle, kind).ok_or(Error::INVALID_HANDLE)?;
        Ok(&mut self.slots[slot].value)
    }

    /// The handle `handle` was derived from.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` if `handle` is not live.
    pub fn parent(&self, handle: RawHandle) -> Result<Option<RawHandle>> {
        let slot = self.slot_of(handle).ok_or(Error::INVALID_HANDLE)?;
        let parent = self.slots[slot].parent;
        Ok((parent != NONE).then(|| self.handle_at(parent as usize)))
    }

    /// Where a live handle was opened.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` if `handle` is not live.
    pub fn origin(&self, handle: RawHandle) -> Result<Origin> {
        let slot = self.slot_of(handle).ok_or(Error::INVALID_HANDLE)?;
        Ok(self.slots[slot].origin)
    }

    /// The number of handles derived from `handle`, transitively.
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` if `handle` is not live.
    pub fn descendant_count(&self, handle: RawHandle) -> Result<usize> {
        let slot = self.slot_of(handle).ok_or(Error::INVALID_HANDLE)?;
        let mut count = 0;
        let mut stack = vec![self.slots[slot].first_child];
        while let Some(mut child) = stack.pop() {
            while child != NONE {
                count += 1;
                stack.push(self.slots[child as usize].first_child);
                child = self.slots[child as usize].next_sibling;
            }
        }
        Ok(count)
    }

    /// Closes one handle of `kind`. Handles derived from it stay open and are re-parented to
    /// its own parent, so that closing the cluster handle still reaches them (H4, H5).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a closed, stale, forged or wrong-kind value.
    #[inline(always)]
    pub fn close(&mut self, handle: RawHandle, kind: Kind) -> Result<T> {
        let slot = self.slot_of_kind(handle, kind).ok_or(Error::INVALID_HANDLE)?;
        // Remove first, then mend the neighbours from the removed entry's own links.
        let e = self.slots.remove(slot);
        self.note_closed(handle, e.origin);
        if e.prev_sibling != NONE {
            self.slots[e.prev_sibling as usize].next_sibling = e.next_sibling;
        } else if e.parent != NONE {
            self.slots[e.parent as usize].first_child = e.next_sibling;
        }
        if e.next_sibling != NONE {
            self.slots[e.next_sibling as usize].prev_sibling = e.prev_sibling;
        }
        let mut child = e.first_child;
        while child != NONE {
            let c = &mut self.slots[child as usize];
            let next = c.next_sibling;
            c.parent = NONE;
            c.prev_sibling = NONE;
            c.next_sibling = NONE;
            if e.parent != NONE {
                self.link(child, e.parent);
            }
            child = next;
        }
        Ok(e.value)
    }

    /// Makes `child` (currently unlinked) the first child of `parent`.
    fn link(&mut self, child: u32, parent: u32) {
        let next = self.slots[parent as usize].first_child;
        if next != NONE {
            self.slots[next as usize].prev_sibling = child;
        }
        let c = &mut self.slots[child as usize];
        c.parent = parent;
        c.next_sibling = next;
        c.prev_sibling = NONE;
        self.slots[parent as usize].first_child = child;
    }

    /// Closes a handle of `kind` and every handle derived from it, transitively, calling
    /// `on_close` for each (descendants first is not promised). The cost is proportional to
    /// the number of handles closed, not to the number of live handles (H4).
    ///
    /// # Errors
    /// `ERROR_INVALID_HANDLE` for a closed, stale, forged or wrong-kind value; nothing is closed.
    pub fn close_tree(
        &mut self,
        handle: RawHandle,
        kind: Kind,
        mut on_close: impl FnMut(RawHandle, Kind, T),
    ) -> Result<usize> {
        let root = self.slot_of_kind(handle, kind).ok_or(Error::INVALID_HANDLE)?;
        self.unlink(root);
        // One pass: each entry is removed when first reached, and its links come out with it.
        // The stack holds the rest of a sibling list while its first member's subtree is
        // closed, so it is as deep as the tree, not as wide.
        let mut closed = 0;
        let mut pending = Vec::new();
        let mut slot = root as u32;
        loop {
            while slot != NONE {
                let e = self.slots.remove(slot as usize);
                let next = if e.first_child != NONE {
                    if e.next_sibling != NONE {
                        pending.push(e.next_sibling);
                    }
                    e.first_child
                } else {
                    e.next_sibling
                };
                let closed_handle = RawHandle::encode(e.kind, slot as usize, e.generation);
                self.note_closed(closed_handle, e.origin);
                on_close(closed_handle, e.kind, e.value);
                closed += 1;
                slot = next;
            }
            match pending.pop() {
                Some(s) => slot = s,
                None => return Ok(closed),
            }
        }
    }

    /// Removes `slot` from its parent's list of children.
    fn unlink(&mut self, slot: usize) {
        let (parent, prev, next) = {
            let e = &self.slots[slot];
            (e.parent, e.prev_sibling, e.next_sibling)
        };
        if prev != NONE {
            self.slots[prev as usize].next_sibling = next;
        } else if parent != NONE {
            self.slots[parent as usize].first_child = next;
        }
        if next != NONE {
            self.slots[next as usize].prev_sibling = prev;
        }
        let e = &mut self.slots[slot];
        e.parent = NONE;
        e.prev_sibling = NONE;
        e.next_sibling = NONE;
    }

    /// Every live handle, in slot order, with where it was opened.
    pub fn open_handles(&self) -> Vec<OpenHandle> {
        self.slots
            .iter()
            .map(|(slot, e)| OpenHandle {
                handle: self.handle_at(slot),
                kind: e.kind,
                origin: e.origin,
                parent: (e.parent != NONE).then(|| self.handle_at(e.parent as usize)),
            })
            .collect()
    }

    /// Every live handle of `kind` with its payload.
    pub fn iter_kind(&self, kind: Kind) -> impl Iterator<Item = (RawHandle, &T)> {
        self.slots
            .iter()
            .filter(move |(_, e)| e.kind == kind)
            .map(|(slot, e)| (self.handle_at(slot), &e.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn here() -> Origin {
        Origin::Rust(Location::caller())
    }

    #[test]
    fn values_are_aligned_positive_and_never_invalid_handle_value() {
        let mut r = HandleRegistry::new();
        for kind in Kind::ALL {
            let h = r.insert(kind, None, here(), ()).unwrap();
            assert!(h.0 > 0 && h.0 % 4 == 0 && h.0 != -1, "{h:?}");
            assert_eq!(h.kind(), Some(kind));
        }
    }

    #[test]
    fn stale_value_never_resolves_after_slot_reuse() {
        let mut r = HandleRegistry::new();
        let a = r.insert(Kind::Group, None, here(), 1).unwrap();
        r.close(a, Kind::Group).unwrap();
        let b = r.insert(Kind::Group, None, here(), 2).unwrap();
        assert_eq!(a.decode().unwrap().1, b.decode().unwrap().1, "slab reuses the slot");
        assert_ne!(a, b);
        assert_eq!(r.get(a, Kind::Group), Err(Error::INVALID_HANDLE));
        assert_eq!(r.get(b, Kind::Group), Ok(&2));
    }

    #[test]
    fn wrong_kind_is_rejected() {
        let mut r = HandleRegistry::new();
        let g = r.insert(Kind::GroupEnum, None, here(), ()).unwrap();
        assert_eq!(r.get(g, Kind::ClusterEnum), Err(Error::INVALID_HANDLE));
        assert_eq!(r.close(g, Kind::ClusterEnum), Err(Error::INVALID_HANDLE));
        assert!(r.contains(g, Kind::GroupEnum));
    }

    #[test]
    fn forged_values_are_rejected() {
        let mut r = HandleRegistry::new();
        let h = r.insert(Kind::Cluster, None, here(), ()).unwrap();
        for forged in [0, -1, 1, 2, 3, h.0 + 1, h.0 | (1 << 62), isize::MIN, 0x7c, h.0 ^ (1 << 40)] {
            assert!(r.get(RawHandle(forged), Kind::Cluster).is_err(), "{forged:#x}");
        }
    }

    #[test]
    fn close_tree_closes_descendants_only() {
        let mut r = HandleRegistry::new();
        let c1 = r.insert(Kind::Cluster, None, here(), ()).unwrap();
        let c2 = r.insert(Kind::Cluster, None, here(), ()).unwrap();
        let g = r.insert(Kind::Group, Some(c1), here(), ()).unwrap();
        let e = r.insert(Kind::GroupEnum, Some(g), here(), ()).unwrap();
        let n = r.insert(Kind::Node, Some(c1), here(), ()).unwrap();
        let other = r.insert(Kind::Group, Some(c2), here(), ()).unwrap();
        assert_eq!(r.descendant_count(c1), Ok(3));
        let mut seen = Vec::new();
        assert_eq!(r.close_tree(c1, Kind::Cluster, |h, _, ()| seen.push(h)), Ok(4));
        seen.sort();
        let mut want = vec![c1, g, e, n];
        want.sort();
        assert_eq!(seen, want);
        for h in want {
            assert!(r.parent(h).is_err());
        }
        assert_eq!(r.parent(other), Ok(Some(c2)));
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn closing_a_middle_handle_keeps_siblings_linked() {
        let mut r = HandleRegistry::new();
        let c = r.insert(Kind::Cluster, None, here(), ()).unwrap();
        let kids: Vec<_> = (0..5).map(|_| r.insert(Kind::Group, Some(c), here(), ()).unwrap()).collect();
        r.close(kids[2], Kind::Group).unwrap();
        r.close(kids[4], Kind::Group).unwrap();
        r.close(kids[0], Kind::Group).unwrap();
        assert_eq!(r.descendant_count(c), Ok(2));
        assert_eq!(r.close_tree(c, Kind::Cluster, |_, _, ()| {}), Ok(3));
        assert!(r.is_empty());
    }

    #[test]
    fn closing_a_middle_handle_reparents_its_children() {
        let mut r = HandleRegistry::new();
        let c = r.insert(Kind::Cluster, None, here(), ()).unwrap();
        let g = r.insert(Kind::Group, Some(c), here(), ()).unwrap();
        let e = r.insert(Kind::GroupEnum, Some(g), here(), ()).unwrap();
        let e2 = r.insert(Kind::GroupEnum, Some(g), here(), ()).unwrap();
        r.close(g, Kind::Group).unwrap();
        assert_eq!(r.parent(e), Ok(Some(c)));
        assert_eq!(r.parent(e2), Ok(Some(c)));
        assert_eq!(r.close_tree(c, Kind::Cluster, |_, _, ()| {}), Ok(3));
        assert!(r.is_empty());
    }

    #[test]
    fn two_registries_never_accept_each_others_values() {
        let mut a = HandleRegistry::new();
        let mut b = HandleRegistry::new();
        let ha = a.insert(Kind::Group, None, here(), ()).unwrap();
        let hb = b.insert(Kind::Group, None, here(), ()).unwrap();
        assert_ne!(ha, hb, "same slot, different generation blocks");
        assert!(b.get(ha, Kind::Group).is_err());
        assert!(a.get(hb, Kind::Group).is_err());
    }
}
