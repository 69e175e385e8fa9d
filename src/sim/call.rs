//! [`Call`]: the one record of a call, created by the face it came through.
//!
//! Each face creates one explicit record: the Rust API (with the caller's source location) or
//! a Win32 export (with the export's own name, e.g. `OpenClusterGroupEx`, and how it reports
//! failure). The record is passed into the [`Sim`](super::Sim) with the call's arguments
//! (names, flags and numbers; never pointers or handles), which assigns it its sequence
//! number, and it is finished once, under the same lock, with the result the caller sees
//! (after the face delivered its output) and the last error the call set, into the trace.
//! Fault rules ("this function, this object, the Nth call") will key off this record.

use std::fmt::Write as _;
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

/// Renders `args` as `name="Cluster Group", dwType=0x8` into `out`; `handles` holds the names
/// of the [`Arg::Handle`] arguments, in order, resolved when the call began. On every traced
/// call, so plain names are copied as they are; only a name that needs escaping goes through
/// `Debug`.
pub(crate) fn render(args: &Args<'_>, handles: &[Option<String>], out: &mut String) {
    let mut handles = handles.iter();
    for (i, (name, value)) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push('=');
        match value {
            Arg::Text(s) | Arg::OptText(Some(s)) => push_text(out, s),
            Arg::Handle(0) => out.push_str("NULL"),
            Arg::Handle(_) => match handles.next() {
                Some(Some(s)) => push_text(out, s),
                _ => out.push_str("invalid"),
            },
            Arg::OptText(None) => out.push_str("NULL"),
            Arg::Flags(f) => {
                out.push_str("0x");
                push_digits(out, u64::from(*f), 16);
            }
            Arg::Number(n) => push_digits(out, *n, 10),
        }
    }
}

/// Appends `s` quoted: as it is when it is plain ASCII, else escaped as `Debug` does.
fn push_text(out: &mut String, s: &str) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        let _ = write!(out, "{s:?}");
    }
}

/// Appends `n` in `radix` (10 or 16, lower case), without the formatting machinery.
fn push_digits(out: &mut String, mut n: u64, radix: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b"0123456789abcdef"[(n % radix) as usize];
        n /= radix;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// One call through a face, from its start to its end.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_render_as_a_caller_would_read_them() {
        let mut out = String::new();
        render(
            &[
                ("name", Arg::Text("Cluster Group")),
                ("odd", Arg::Text("a\"b\n")),
                ("node", Arg::OptText(None)),
                ("dwType", Arg::Flags(8)),
                ("id", Arg::Number(3)),
                ("big", Arg::Number(u64::MAX)),
                ("zero", Arg::Flags(0)),
                ("code", Arg::Flags(0x0100_002d)),
                ("group", Arg::Handle(0x1004)),
                ("host", Arg::Handle(0)),
                ("node", Arg::Handle(0x2008)),
            ],
            &[Some("SQL Server (MSSQLSERVER)".into()), None],
            &mut out,
        );
        assert_eq!(
            out,
            r#"name="Cluster Group", odd="a\"b\n", node=NULL, dwType=0x8, id=3, big=18446744073709551615, zero=0x0, code=0x100002d, group="SQL Server (MSSQLSERVER)", host=NULL, node=invalid"#
        );
    }
}
