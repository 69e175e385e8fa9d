//! [`Call`]: the one record of a call, created by the face it came through.
//!
//! Each face creates one explicit record: the Rust API (with the caller's source location) or
//! a Win32 export (with the export's own name, e.g. `OpenClusterGroupEx`, and how it reports
//! failure). The record is passed into the [`Sim`](super::Sim) with the call's arguments
//! (names, flags and numbers; never pointers or handles), which assigns it its sequence
//! number, and it is finished once, under the same lock, with the result the caller sees
//! (after the face delivered its output) and the last error the call set, into the trace.
//! Fault rules ("this function, this object, the Nth call") will key off this record.

use std::panic::Location;

use crate::handles::Origin;
use crate::trace::Face;

/// One argument of a call, as recorded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Arg<'a> {
    /// A name or other string.
    Text(&'a str),
    /// An optional string (`NULL` shows as `NULL`).
    OptText(Option<&'a str>),
    /// Flags or a code, shown in hex.
    Flags(u32),
    /// A number, shown in decimal.
    Number(u64),
    /// An object handle, shown as the name of the object behind it when the call began (a
    /// group, resource, node, ...: `group="SQL Server (MSSQLSERVER)"`), `NULL` for 0, and
    /// `invalid` for a value that names no live object.
    Handle(isize),
}

/// The arguments of a call: `(parameter name, value)`.
pub(crate) type Args<'a> = [(&'static str, Arg<'a>)];

/// Captures `args` for the trace as the call begins, the names behind its handles read with
/// `name_of` (`None`: no live object).
pub(crate) fn capture<'n>(
    args: &Args<'_>,
    mut name_of: impl FnMut(isize) -> Option<&'n str>,
    out: &mut crate::trace::Captured,
) {
    for &(name, value) in args {
        match value {
            Arg::Text(s) | Arg::OptText(Some(s)) => out.text(name, s),
            Arg::OptText(None) | Arg::Handle(0) => out.null(name),
            Arg::Handle(raw) => match name_of(raw) {
                Some(s) => out.text(name, s),
                None => out.invalid(name),
            },
            Arg::Flags(f) => out.flags(name, f),
            Arg::Number(n) => out.number(name, n),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Call {
    /// The ClusAPI function, named as the face names it (the export's own name).
    pub(crate) function: &'static str,
    /// The face it came through.
    pub(crate) face: Face,
    /// The Rust caller's location (Rust face only).
    location: Option<&'static Location<'static>>,
    /// Whether a failure sets the thread's last error (functions returning a handle, a BOOL,
    /// a state or a count) rather than being returned as the code.
    pub(crate) sets_last_error: bool,
    /// The simulator's sequence number (0 until the simulator has seen the call).
    pub(crate) seq: u64,
}

impl Call {
    /// A call through the Rust API, from the caller's location.
    #[track_caller]
    pub(crate) fn rust(function: &'static str) -> Call {
        Call {
            function,
            face: Face::Rust,
            location: Some(Location::caller()),
            sets_last_error: false,
            seq: 0,
        }
    }

    /// A call through the Win32 export `function`.
    #[cfg_attr(not(feature = "win32"), allow(dead_code))]
    pub(crate) fn export(function: &'static str, sets_last_error: bool) -> Call {
        Call { function, face: Face::Export, location: None, sets_last_error, seq: 0 }
    }

    /// Where handles this call opens come from (H8).
    pub(crate) fn origin(&self) -> Origin {
        match self.location {
            Some(location) => Origin::Rust(location),
            None => Origin::Export { function: self.function, seq: self.seq },
        }
    }

    /// The last error a call that ended with `code` set, by its face's convention.
    pub(crate) fn last_error(&self, code: u32) -> Option<u32> {
        (self.sets_last_error && code != 0).then_some(code)
    }
}
