//! The record of calls made to a simulator, through any face, for assertions in tests and a
//! readable dump when one fails.

use std::fmt;

use serde::Serialize;

/// Which face of the simulator a call came through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Face {
    /// The Rust API.
    Rust,
    /// A Win32 / C export.
    Export,
}

/// One recorded call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
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
    /// The virtual time when it ended, in milliseconds since the simulator was built.
    pub time_ms: u64,
    /// The notifications the call posted to the ports, each as its `CLUSTER_CHANGE_*`
    /// constant's name and the name it carries, e.g.
    /// `CLUSTER_CHANGE_RESOURCE_STATE(Cluster Disk 1)`; an event no filter set matched is not
    /// posted, so a simulator without ports records none.
    pub events: Vec<String>,
}

impl TraceEntry {
    /// The value of argument `name` as recorded, unquoted: `Some("SQL Server (MSSQLSERVER)")`
    /// for `group="SQL Server (MSSQLSERVER)"`, `Some("0x2")` for `flags=0x2`, `Some("NULL")`
    /// for an absent string or handle; `None` when the call has no such argument.
    ///
    /// ```
    /// let sim = clusapi_sim::Sim::default();
    /// let cluster = sim.open_cluster(None)?;
    /// let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
    /// let node3 = sim.open_node(cluster, "NODE3")?;
    /// sim.move_group(sql, Some(node3))?;
    /// let trace = sim.harness().trace();
    /// let moved = trace.last().expect("recorded");
    /// assert_eq!(moved.arg("group").as_deref(), Some("SQL Server (MSSQLSERVER)"));
    /// assert_eq!(moved.arg("node").as_deref(), Some("NODE3"));
    /// assert_eq!(moved.arg("nope"), None);
    /// # sim.close_cluster(cluster);
    /// # Ok::<(), clusapi_sim::Error>(())
    /// ```
    pub fn arg(&self, name: &str) -> Option<String> {
        parse_args(&self.args).into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// Splits rendered arguments (`a="x, y", b=0x2`) into names and unquoted values.
fn parse_args(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let name: String = chars.by_ref().take_while(|&c| c != '=').collect();
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => match chars.next() {
                        Some('n') => value.push('\n'),
                        Some('t') => value.push('\t'),
                        Some('r') => value.push('\r'),
                        Some('0') => value.push('\0'),
                        Some('u') => {
                            let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                            value.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                        }
                        Some(other) => value.push(other),
                        None => {}
                    },
                    c => value.push(c),
                }
            }
            // The ", " that follows.
            chars.next();
            chars.next();
        } else {
            while let Some(c) = chars.next() {
                if c == ',' {
                    chars.next();
                    break;
                }
                value.push(c);
            }
        }
        out.push((name.trim().to_string(), value));
    }
    out
}

/// The recorded calls, for assertions: filter them, count them, check their order, print them,
/// export them. Get them with [`Harness::calls`](crate::Harness::calls).
///
/// ```
/// use clusapi_sim::{Sim, codes};
/// let sim = Sim::default();
/// let cluster = sim.open_cluster(None)?;
/// let sql = sim.open_group(cluster, "SQL Server (MSSQLSERVER)")?;
/// let node3 = sim.open_node(cluster, "NODE3")?;
/// sim.move_group(sql, Some(node3))?;
/// let _ = sim.open_group(cluster, "No Such Group");
///
/// let calls = sim.harness().calls();
/// // "MoveClusterGroup was called for this group with node NODE3, once"
/// let moved = calls.named("MoveClusterGroup").with_arg("group", "SQL Server (MSSQLSERVER)").with_arg("node", "NODE3");
/// assert!(moved.once().is_ok());
/// // "no call failed with ERROR_INVALID_STATE", "one failed with 5013"
/// assert!(calls.with_result(codes::ERROR_INVALID_STATE).is_empty());
/// assert_eq!(calls.failed().count(), 1);
/// // "in this order"
/// assert!(calls.in_order(&["OpenCluster", "MoveClusterGroup", "OpenClusterGroup"]));
/// # sim.close_cluster(cluster);
/// # Ok::<(), clusapi_sim::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calls {
    entries: Vec<TraceEntry>,
    dropped: u64,
}

impl Calls {
    pub(crate) fn new(entries: Vec<TraceEntry>, dropped: u64) -> Calls {
        Calls { entries, dropped }
    }

    fn filter(&self, keep: impl Fn(&TraceEntry) -> bool) -> Calls {
        Calls { entries: self.entries.iter().filter(|e| keep(e)).cloned().collect(), dropped: self.dropped }
    }

    /// The calls to `function` (its exact name: `"MoveClusterGroupEx"` is another function
    /// than `"MoveClusterGroup"`).
    pub fn named(&self, function: &str) -> Calls {
        self.filter(|e| e.function == function)
    }

    /// The calls whose argument `name` has `value` (see [`TraceEntry::arg`]); names of
    /// objects compare ignoring case, as the cluster compares them.
    pub fn with_arg(&self, name: &str, value: &str) -> Calls {
        self.filter(|e| e.arg(name).is_some_and(|v| crate::world::eq_ignore_case(&v, value)))
    }

    /// The calls that ended with `code`.
    pub fn with_result(&self, code: u32) -> Calls {
        self.filter(|e| e.result == code)
    }

    /// The calls that failed: every result but `ERROR_SUCCESS` and `ERROR_IO_PENDING` (997,
    /// accepted and in progress).
    pub fn failed(&self) -> Calls {
        self.filter(|e| e.result != crate::codes::ERROR_SUCCESS && e.result != crate::codes::ERROR_IO_PENDING)
    }

    /// How many calls there are.
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The calls, oldest first.
    pub fn iter(&self) -> std::slice::Iter<'_, TraceEntry> {
        self.entries.iter()
    }

    /// The one call there is.
    ///
    /// # Errors
    /// A message with the calls there are, when there are none or several.
    pub fn once(&self) -> Result<&TraceEntry, String> {
        match &self.entries[..] {
            [one] => Ok(one),
            _ => Err(format!("expected exactly one call, found {}:\n{self}", self.count())),
        }
    }

    /// Whether `functions` were called in this order (other calls may come between them).
    pub fn in_order(&self, functions: &[&str]) -> bool {
        let mut want = functions.iter().peekable();
        for e in &self.entries {
            if want.peek().is_some_and(|&&f| f == e.function) {
                want.next();
            }
        }
        want.peek().is_none()
    }

    /// How many calls happened before the oldest one kept: the trace is a ring of the size
    /// set with [`SimBuilder::trace_capacity`](crate::SimBuilder::trace_capacity).
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The calls as JSON Lines: one object per call (`seq`, `function`, `face`, `args`,
    /// `result`, `last_error`, `time_ms`), oldest first.
    pub fn to_json_lines(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            out.push_str(&serde_json::to_string(e).expect("a trace entry serializes"));
            out.push('\n');
        }
        out
    }
}

impl<'a> IntoIterator for &'a Calls {
    type Item = &'a TraceEntry;
    type IntoIter = std::slice::Iter<'a, TraceEntry>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

/// One call a line, oldest first, after a line saying how many were dropped, if any.
impl fmt::Display for Calls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dropped > 0 {
            writeln!(f, "({} earlier calls dropped)", self.dropped)?;
        }
        for e in &self.entries {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl fmt::Display for TraceEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let face = match self.face {
            Face::Rust => "rust",
            Face::Export => "export",
        };
        write!(f, "#{} {}({}) [{face}] -> ", self.seq, self.function, self.args)?;
        match crate::error::code_name(self.result) {
            Some(name) => write!(f, "{name} ({})", self.result)?,
            None => write!(f, "{}", self.result)?,
        }
        if !self.events.is_empty() {
            write!(f, " posted {}", self.events.join(", "))?;
        }
        Ok(())
    }
}

/// A finished call, as [`Trace::record`] takes it: everything of a [`TraceEntry`] but its
/// arguments, which are rendered only when the trace keeps the call.
#[derive(Clone, Debug)]
pub(crate) struct Finished {
    pub(crate) seq: u64,
    pub(crate) function: &'static str,
    pub(crate) face: Face,
    pub(crate) result: u32,
    pub(crate) last_error: Option<u32>,
    pub(crate) time_ms: u64,
    pub(crate) events: Vec<String>,
}

/// A call's arguments as captured when it began, unformatted: each argument's name and
/// value, the texts (names asked for, the names of the objects behind its handles) copied into
/// one buffer. Formatting waits until the trace is read, so recording costs a copy.
#[derive(Clone, Debug, Default)]
pub(crate) struct Captured {
    texts: String,
    args: Vec<(&'static str, Raw)>,
}

/// One captured value.
#[derive(Clone, Copy, Debug)]
enum Raw {
    /// `texts[start..end]`.
    Text(u32, u32),
    Null,
    /// A handle that names no live object.
    Invalid,
    Flags(u32),
    Number(u64),
}

impl Captured {
    /// Empties it, keeping its buffers.
    pub(crate) fn clear(&mut self) {
        self.texts.clear();
        self.args.clear();
    }

    /// A text argument.
    pub(crate) fn text(&mut self, name: &'static str, s: &str) {
        let start = self.texts.len() as u32;
        self.texts.push_str(s);
        self.args.push((name, Raw::Text(start, self.texts.len() as u32)));
    }

    /// An absent string or a NULL handle.
    pub(crate) fn null(&mut self, name: &'static str) {
        self.args.push((name, Raw::Null));
    }

    /// A handle that names no live object.
    pub(crate) fn invalid(&mut self, name: &'static str) {
        self.args.push((name, Raw::Invalid));
    }

    /// Flags, shown in hex.
    pub(crate) fn flags(&mut self, name: &'static str, v: u32) {
        self.args.push((name, Raw::Flags(v)));
    }

    /// A number.
    pub(crate) fn number(&mut self, name: &'static str, v: u64) {
        self.args.push((name, Raw::Number(v)));
    }

    /// Renders the arguments as `name="Cluster Group", dwType=0x8`: texts quoted (escaped as
    /// Rust's `Debug` does when they hold a quote, a backslash or a control character), flags
    /// in hex, numbers in decimal, absent strings and NULL handles as `NULL`, handles to no
    /// live object as `invalid`.
    pub(crate) fn render(&self, out: &mut String) {
        for (i, (name, value)) in self.args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(name);
            out.push('=');
            match *value {
                Raw::Text(start, end) => push_text(out, &self.texts[start as usize..end as usize]),
                Raw::Null => out.push_str("NULL"),
                Raw::Invalid => out.push_str("invalid"),
                Raw::Flags(f) => {
                    out.push_str("0x");
                    push_digits(out, u64::from(f), 16);
                }
                Raw::Number(n) => push_digits(out, n, 10),
            }
        }
    }
}

fn push_text(out: &mut String, s: &str) {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        use std::fmt::Write as _;
        let _ = write!(out, "{s:?}");
    }
}

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

/// One call as the ring keeps it: a [`TraceEntry`] with its arguments still unformatted.
#[derive(Clone, Debug)]
struct Slot {
    call: Finished,
    args: Captured,
}

/// The most recent calls, bounded so that long benchmarks and fuzz runs do not grow without
/// limit: a ring that, once full, overwrites its oldest entry in place. Entries are formatted
/// when read ([`entries`](Self::entries)).
#[derive(Debug)]
pub(crate) struct Trace {
    slots: Vec<Slot>,
    /// The oldest entry, once the ring is full.
    oldest: usize,
    capacity: usize,
    /// How many entries were overwritten (or, at capacity 0, not kept).
    dropped: u64,
}

impl Trace {
    pub(crate) fn new(capacity: usize) -> Trace {
        Trace { slots: Vec::new(), oldest: 0, capacity, dropped: 0 }
    }

    /// Whether calls are recorded (capacity above 0).
    pub(crate) fn is_on(&self) -> bool {
        self.capacity > 0
    }

    /// How many calls were made but are no longer (or never were) in the trace.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }

    /// Records one finished call with the arguments captured as it began. They are swapped
    /// into the ring: `args` gets back the buffers of the entry overwritten (once the ring is
    /// full), so recording allocates nothing.
    pub(crate) fn record(&mut self, call: Finished, args: &mut Captured) {
        if self.capacity == 0 {
            self.dropped += 1;
            return;
        }
        if self.slots.len() < self.capacity {
            self.slots.push(Slot { call, args: std::mem::take(args) });
            return;
        }
        self.dropped += 1;
        let slot = &mut self.slots[self.oldest];
        slot.call = call;
        std::mem::swap(&mut slot.args, args);
        self.oldest += 1;
        if self.oldest == self.capacity {
            self.oldest = 0;
        }
    }

    /// The entries, oldest first, formatted.
    pub(crate) fn entries(&self) -> Vec<TraceEntry> {
        let (newer, older) = self.slots.split_at(self.oldest);
        older
            .iter()
            .chain(newer)
            .map(|slot| {
                let c = &slot.call;
                let mut args = String::new();
                slot.args.render(&mut args);
                TraceEntry {
                    seq: c.seq,
                    function: c.function,
                    face: c.face,
                    args,
                    result: c.result,
                    last_error: c.last_error,
                    time_ms: c.time_ms,
                    events: c.events.clone(),
                }
            })
            .collect()
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
            let face = Face::Rust;
            let call = Finished {
                seq,
                function: "OpenCluster",
                face,
                result: 0,
                last_error: None,
                time_ms: seq * 10,
                events: vec![format!("CLUSTER_CHANGE_NODE_STATE(N{seq})")],
            };
            let mut args = Captured::default();
            args.number("n", seq);
            t.record(call, &mut args);
        }
        assert_eq!(seqs(&t), [5, 6, 7]);
        assert_eq!((t.entries()[0].args.as_str(), t.entries()[0].time_ms), ("n=5", 50));
        assert_eq!(
            t.entries()[0].events,
            ["CLUSTER_CHANGE_NODE_STATE(N5)"],
            "an overwritten entry takes the new events"
        );
        assert_eq!(t.dropped(), 4, "calls 1 to 4 were overwritten");
        let mut off = Trace::new(0);
        let call = Finished {
            seq: 1,
            function: "OpenCluster",
            face: Face::Rust,
            result: 0,
            last_error: None,
            time_ms: 0,
            events: Vec::new(),
        };
        let mut args = Captured::default();
        args.text("ignored", "x");
        off.record(call, &mut args);
        assert!(off.entries().is_empty());
        assert_eq!(off.dropped(), 1);
    }

    #[test]
    fn recorded_arguments_parse_back_with_quotes_commas_escapes_and_null() {
        let text = r#"name="a, b", odd="q\"x\n\u{e9}", node=NULL, flags=0x2, id=3"#;
        let args = parse_args(text);
        let got: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [("name", "a, b"), ("odd", "q\"x\n\u{e9}"), ("node", "NULL"), ("flags", "0x2"), ("id", "3")]
        );
        assert!(parse_args("").is_empty());
    }

    #[test]
    fn calls_filter_count_order_and_export() {
        let entry = |seq, function, args: &str, result| TraceEntry {
            seq,
            function,
            face: Face::Export,
            args: args.into(),
            result,
            last_error: None,
            time_ms: seq * 100,
            events: Vec::new(),
        };
        let calls = Calls::new(
            vec![
                entry(3, "OpenCluster", "name=NULL", 0),
                entry(4, "MoveClusterGroup", r#"group="SQL", node="NODE2""#, 997),
                entry(5, "OnlineClusterResource", r#"resource="Disk""#, 5023),
            ],
            2,
        );
        assert_eq!(calls.named("MoveClusterGroup").with_arg("node", "node2").count(), 1, "names ignore case");
        assert!(calls.named("MoveClusterGroup").with_arg("node", "NODE3").is_empty());
        assert_eq!(calls.failed().once().map(|e| e.seq), Ok(5), "997 is not a failure");
        assert!(calls.once().is_err());
        assert!(calls.in_order(&["OpenCluster", "OnlineClusterResource"]));
        assert!(!calls.in_order(&["OnlineClusterResource", "OpenCluster"]));
        assert!(calls.to_string().starts_with("(2 earlier calls dropped)"));
        let lines: Vec<serde_json::Value> =
            calls.to_json_lines().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1]["function"], "MoveClusterGroup");
        assert_eq!(lines[1]["face"], "export");
        assert_eq!(lines[1]["time_ms"], 400);
        assert_eq!(lines[2]["result"], 5023);
    }
}

#[cfg(test)]
mod captured_tests {
    use super::*;

    #[test]
    fn arguments_render_as_a_caller_would_read_them() {
        let mut c = Captured::default();
        c.text("name", "Cluster Group");
        c.text("odd", "a\"b\n");
        c.null("node");
        c.flags("dwType", 8);
        c.number("id", 3);
        c.number("big", u64::MAX);
        c.flags("zero", 0);
        c.flags("code", 0x0100_002d);
        c.text("group", "SQL Server (MSSQLSERVER)");
        c.null("host");
        c.invalid("node");
        let mut out = String::new();
        c.render(&mut out);
        assert_eq!(
            out,
            r#"name="Cluster Group", odd="a\"b\n", node=NULL, dwType=0x8, id=3, big=18446744073709551615, zero=0x0, code=0x100002d, group="SQL Server (MSSQLSERVER)", host=NULL, node=invalid"#
        );
        c.clear();
        out.clear();
        c.render(&mut out);
        assert!(out.is_empty());
    }
}
