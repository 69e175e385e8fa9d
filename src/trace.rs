//! The record of calls made to a simulator, through any face, for assertions in tests and a
//! readable dump when one fails.

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
/// limit: a ring that, once full, overwrites its oldest entry in place.
#[derive(Debug)]
pub(crate) struct Trace {
    entries: Vec<TraceEntry>,
    /// The oldest entry, once the ring is full.
    oldest: usize,
    capacity: usize,
}

impl Trace {
    pub(crate) fn new(capacity: usize) -> Trace {
        Trace { entries: Vec::new(), oldest: 0, capacity }
    }

    /// Records one finished call. `args` renders its arguments into a cleared string; once
    /// the ring is full that is the oldest entry's own, so recording allocates nothing.
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
        if self.entries.len() < self.capacity {
            let mut text = String::new();
            args(&mut text);
            self.entries.push(TraceEntry { seq, function, face, args: text, result, last_error });
            return;
        }
        let entry = &mut self.entries[self.oldest];
        entry.args.clear();
        args(&mut entry.args);
        (entry.seq, entry.function, entry.face, entry.result, entry.last_error) =
            (seq, function, face, result, last_error);
        self.oldest = (self.oldest + 1) % self.capacity;
    }

    /// The entries, oldest first.
    pub(crate) fn entries(&self) -> Vec<TraceEntry> {
        let (newer, older) = self.entries.split_at(self.oldest);
        older.iter().chain(newer).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seqs(t: &Trace) -> Vec<u64> {
        t.entries().iter().map(|e| e.seq).collect()
    }

    #[test]
    fn a_full_trace_keeps_the_newest_calls_in_order() {
        let mut t = Trace::new(3);
        for seq in 1..=7 {
            t.record(seq, "OpenCluster", Face::Rust, 0, None, |out| out.push_str(&format!("n={seq}")));
        }
        assert_eq!(seqs(&t), [5, 6, 7]);
        assert_eq!(t.entries()[0].args, "n=5");
        let mut off = Trace::new(0);
        off.record(1, "OpenCluster", Face::Rust, 0, None, |_| panic!("not rendered when off"));
        assert!(off.entries().is_empty());
    }
}
