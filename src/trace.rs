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
    /// The Win32 code it ended with (0 for success).
    pub result: u32,
}

impl fmt::Display for TraceEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let face = match self.face {
            Face::Rust => "rust",
            Face::Export => "export",
        };
        match crate::error::code_name(self.result) {
            Some(name) => write!(f, "#{} {} [{face}] -> {name} ({})", self.seq, self.function, self.result),
            None => write!(f, "#{} {} [{face}] -> {}", self.seq, self.function, self.result),
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

    pub(crate) fn record(&mut self, entry: TraceEntry) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() == self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    /// Sets the result of call `seq`, if it is still in the trace.
    #[cfg(feature = "win32")]
    pub(crate) fn amend(&mut self, seq: u64, result: u32) {
        if let Some(e) = self.entries.iter_mut().rev().find(|e| e.seq == seq) {
            e.result = result;
        }
    }

    pub(crate) fn entries(&self) -> Vec<TraceEntry> {
        self.entries.iter().cloned().collect()
    }
}
