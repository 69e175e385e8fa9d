//! The record of calls made to a simulator, through any face, for assertions in tests and a
//! readable dump when one fails.

use std::collections::VecDeque;
use std::fmt;

/// Which face of the simulator a call came through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// The Rust API.
    Rust,
    /// A Win32 / C export.
    Export,
}

/// One recorded call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceEntry {
    /// The simulator's call sequence number (1 for the first call).
    pub seq: u64,
    /// The ClusAPI function the call corresponds to, e.g. `"OpenClusterGroup"`.
    pub function: &'static str,
    /// Which face it came through.
    pub face: Face,
    /// Its arguments as recorded: names, flags and numbers (never pointers or handles), e.g.
    /// `name="Cluster Group"`; empty for none.
    pub args: String,
    /// The Win32 code it ended with (0 for success).
    pub result: u32,
    /// The last error it set: the code of a failure of a function that reports failure through
    /// the last error (an export returning a handle, a BOOL, a state or a count); `None` for
    /// the Rust API and for functions that return their code.
    pub last_error: Option<u32>,
}

impl fmt::Display for TraceEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let face = match self.face {
            Face::Rust => "rust",
            Face::Export => "export",
        };
        write!(f, "#{} {}({}) [{face}] -> ", self.seq, self.function, self.args)?;
        match crate::error::code_name(self.result) {
            Some(name) => write!(f, "{name} ({})", self.result),
            None => write!(f, "{}", self.result),
        }
    }
}

/// The most recent calls, bounded so that long benchmarks and fuzz runs do not grow without
/// limit.
#[derive(Debug)]
pub(crate) struct Trace {
    entries: VecDeque<TraceEntry>,
    capacity: usize,
}

impl Trace {
    pub(crate) fn new(capacity: usize) -> Trace {
        Trace { entries: VecDeque::new(), capacity }
    }

    /// Records one finished call. `args` renders its arguments into a cleared string, which
    /// reuses the buffer of the entry it evicts, so a full trace records without allocating.
    pub(crate) fn record(
        &mut self,
        seq: u64,
        function: &'static str,
        face: Face,
        result: u32,
        last_error: Option<u32>,
        args: impl FnOnce(&mut String),
    ) {
        if self.capacity == 0 {
            return;
        }
        let mut text =
            if self.entries.len() == self.capacity { self.entries.pop_front().map(|e| e.args) } else { None }
                .unwrap_or_default();
        text.clear();
        args(&mut text);
        self.entries.push_back(TraceEntry { seq, function, face, args: text, result, last_error });
    }

    pub(crate) fn entries(&self) -> Vec<TraceEntry> {
        self.entries.iter().cloned().collect()
    }
}
