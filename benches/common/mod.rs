//! Shared by the bench binaries (`registry`, `sim`): the baselines that every measurement is
//! divided by, the sizes (scaled down for the `--test` smoke run), and the ratio table printed
//! at the end of a run.
//!
//! Why these baselines: a registry operation is at heart a `slab` operation (the registry is a
//! `Slab` of entries plus a generation and parent links), and a `Sim` call is a registry
//! operation under one `parking_lot` lock. So the bare slab is the floor, the locked slab is
//! the floor for anything that takes the simulator's lock, and a `std::sync::Mutex<HashMap>`
//! is what a naive handle table would cost. Each is measured in the same process, minutes
//! apart at most from what it is compared with, so the ratio survives a noisy shared machine
//! where absolute times do not.

#![allow(dead_code, reason = "each bench binary uses its own subset of these")]

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, BenchmarkId};
use slab::Slab;

/// The payload stored per entry, in baselines and in registry-level benches: 24 bytes, the
/// size of the simulator's own per-handle payload (an enum whose largest variant is a boxed
/// slice).
pub type Payload = [u64; 3];

/// A payload value, passed through `black_box` so nothing is constant-folded.
///
/// Routines hand `black_box` a single `u64` read from what they produce, never a whole
/// `Option` or array: a 16- or 24-byte value goes through the stack, and reading it back with
/// a wider load than it was written with stalls store forwarding (~10 ns here), which would
/// be measured as part of whichever side happened to return the wider value.
pub fn payload(n: u64) -> Payload {
    black_box([n, n ^ 0x5a5a, 7])
}

/// Whether this is the `--test` smoke run (`cargo test --benches`, `cargo bench -- --test`):
/// criterion then runs each routine once, and the sizes shrink so that the smoke stays fast
/// in a debug build, where every `Sim` call also checks the world's invariants.
pub fn smoke() -> bool {
    let args: Vec<String> = std::env::args().collect();
    // Criterion's own rule: test mode unless `--bench` is given without `--test`.
    !args.iter().any(|a| a == "--bench") || args.iter().any(|a| a == "--test")
}

/// `full` in a real run, `small` in the smoke run.
pub fn size(full: usize, small: usize) -> usize {
    if smoke() { small } else { full }
}

/// How many live entries the lookup benches cycle through, so that a lookup is not always the
/// same cache line.
pub const LOOKUP_SPREAD: usize = 1024;

// ---- baselines ---------------------------------------------------------------------------

/// `slab`: insert + remove on a bare `Slab` holding one other live entry (as the registry
/// holds the parent cluster handle).
pub fn slab_pair(group: &mut BenchmarkGroup<'_, WallTime>) {
    let mut slab = Slab::<Payload>::with_capacity(16);
    slab.insert(payload(0));
    let mut n = 0;
    group.bench_function("slab", |b| {
        b.iter(|| {
            n += 1;
            let key = slab.insert(payload(n));
            black_box(slab.remove(black_box(key))[0])
        })
    });
}

/// `locked_slab`: the same behind a `parking_lot::Mutex`, locked once for the insert and once
/// for the remove, as a simulator call pair locks twice.
pub fn locked_slab_pair(group: &mut BenchmarkGroup<'_, WallTime>) {
    let slab = parking_lot::Mutex::new(Slab::<Payload>::with_capacity(16));
    slab.lock().insert(payload(0));
    let mut n = 0;
    group.bench_function("locked_slab", |b| {
        b.iter(|| {
            n += 1;
            let key = slab.lock().insert(payload(n));
            black_box(slab.lock().remove(black_box(key))[0])
        })
    });
}

/// `mutex_hashmap`: insert + remove in a `std::sync::Mutex<HashMap<u64, _>>` keyed by a
/// counter, a naive handle table.
pub fn mutex_hashmap_pair(group: &mut BenchmarkGroup<'_, WallTime>) {
    let map = std::sync::Mutex::new(HashMap::<u64, Payload>::with_capacity(16));
    map.lock().unwrap().insert(0, payload(0));
    let mut next = 0u64;
    group.bench_function("mutex_hashmap", |b| {
        b.iter(|| {
            next += 1;
            let key = black_box(next);
            map.lock().unwrap().insert(key, payload(key));
            black_box(map.lock().unwrap().remove(&key).map_or(0, |p| p[0]))
        })
    });
}

/// `slab_get`: `Slab::get` over [`LOOKUP_SPREAD`] live keys.
pub fn slab_get(group: &mut BenchmarkGroup<'_, WallTime>) {
    let mut slab = Slab::<Payload>::new();
    let keys: Vec<usize> = (0..LOOKUP_SPREAD as u64).map(|n| slab.insert(payload(n))).collect();
    let mut i = 0;
    group.bench_function("slab_get", |b| {
        b.iter(|| {
            i = (i + 1) % LOOKUP_SPREAD;
            black_box(slab.get(black_box(keys[i])).map_or(0, |p| p[0]))
        })
    });
}

/// `locked_slab_get`: the same under a `parking_lot::Mutex`, the floor of a simulator query.
pub fn locked_slab_get(group: &mut BenchmarkGroup<'_, WallTime>) {
    let mut slab = Slab::<Payload>::new();
    let keys: Vec<usize> = (0..LOOKUP_SPREAD as u64).map(|n| slab.insert(payload(n))).collect();
    let slab = parking_lot::Mutex::new(slab);
    let mut i = 0;
    group.bench_function("locked_slab_get", |b| {
        b.iter(|| {
            i = (i + 1) % LOOKUP_SPREAD;
            black_box(slab.lock().get(black_box(keys[i])).map_or(0, |p| p[0]))
        })
    });
}

/// `slab_remove/N`: removing `n + 1` entries (a cluster handle and its `n` descendants) from a
/// bare slab, keys in hand: what freeing that many slots costs at the least.
pub fn slab_remove_n(group: &mut BenchmarkGroup<'_, WallTime>, n: usize, size: BatchSize) {
    let slab = RefCell::new(Slab::<Payload>::new());
    group.bench_with_input(BenchmarkId::new("slab_remove", n), &n, |b, &n| {
        b.iter_batched(
            || {
                let mut slab = slab.borrow_mut();
                (0..=n as u64).map(|i| slab.insert(payload(i))).collect::<Vec<_>>()
            },
            |keys| {
                let mut slab = slab.borrow_mut();
                for key in keys {
                    black_box(slab.remove(key)[0]);
                }
            },
            size,
        )
    });
}

/// The batch size for a routine that closes `n` handles: batches of a few hundred handles in
/// all, so that timer overhead is amortised but few extra handles are live at once.
pub fn close_batch(n: usize) -> BatchSize {
    match n {
        0..=99 => BatchSize::NumIterations(64),
        100..=9_999 => BatchSize::NumIterations(4),
        _ => BatchSize::PerIteration,
    }
}

// ---- interleaved comparisons ------------------------------------------------------------

/// How many iterations a chunk of an interleaved comparison runs.
pub const CHUNK: u64 = 256;

/// Two routines timed in alternating chunks of [`CHUNK`] iterations, inside one benchmark, so
/// that a change in the machine's load (other builds on a shared 2-core box) hits both alike.
/// Sequential benchmarks can differ by 20% or more on such a machine for that reason alone,
/// which is more than a 1.2x target can tell from a real effect.
#[derive(Default)]
pub struct Interleaved {
    a: Cell<Duration>,
    b: Cell<Duration>,
    iters: Cell<u64>,
}

impl Interleaved {
    /// Runs `iters` iterations of each, alternating chunks and which of the two goes first,
    /// records both and returns the time of `a` (for criterion). Each closure is given a
    /// chunk size, does its untimed setup, and returns the time of its timed part.
    pub fn run(
        &self,
        iters: u64,
        mut a: impl FnMut(u64) -> Duration,
        mut b: impl FnMut(u64) -> Duration,
    ) -> Duration {
        let (mut ta, mut tb, mut done) = (Duration::ZERO, Duration::ZERO, 0);
        while done < iters {
            let chunk = CHUNK.min(iters - done);
            if (done / CHUNK) % 2 == 0 {
                ta += a(chunk);
                tb += b(chunk);
            } else {
                tb += b(chunk);
                ta += a(chunk);
            }
            done += chunk;
        }
        self.a.set(self.a.get() + ta);
        self.b.set(self.b.get() + tb);
        self.iters.set(self.iters.get() + iters);
        ta
    }

    /// Runs `iters` iterations of `a` alone, in chunks as [`run`](Self::run) does, without
    /// recording them.
    pub fn alone(iters: u64, mut a: impl FnMut(u64) -> Duration) -> Duration {
        let (mut t, mut done) = (Duration::ZERO, 0);
        while done < iters {
            let chunk = CHUNK.min(iters - done);
            t += a(chunk);
            done += chunk;
        }
        t
    }

    /// Mean ns per iteration of `a` and of `b` over everything recorded (warm-up included).
    pub fn means(&self) -> Option<(f64, f64)> {
        let n = self.iters.get() as f64;
        (n > 0.0).then(|| (self.a.get().as_nanos() as f64 / n, self.b.get().as_nanos() as f64 / n))
    }
}

/// A row of interleaved results: `a` over `b`.
pub struct InterleavedRow<'a> {
    /// What the row shows.
    pub label: &'static str,
    /// What `a` and `b` are.
    pub names: (&'static str, &'static str),
    /// The recorded times.
    pub times: &'a Interleaved,
    /// The target for `a / b`.
    pub goal: Goal,
}

// ---- the ratio table ---------------------------------------------------------------------

/// What a row of the table promises.
#[derive(Clone, Copy)]
pub enum Goal {
    /// Informational: no target.
    None,
    /// The ratio must be at most this.
    RatioAtMost(f64),
    /// The measurement itself must be below this many nanoseconds.
    Below(f64),
}

/// One row: `measured` (divided by `per`) over `baseline` (divided by `baseline_per`). Ids are
/// criterion's `group/function[/parameter]`.
pub struct Row {
    /// What the row shows.
    pub label: &'static str,
    /// The measurement's id.
    pub measured: String,
    /// Divide the measurement by this (e.g. the number of descendants), or 1.
    pub per: f64,
    /// The baseline's id.
    pub baseline: String,
    /// Divide the baseline by this, or 1.
    pub baseline_per: f64,
    /// The target.
    pub goal: Goal,
}

impl Row {
    /// A row comparing two whole measurements.
    pub fn new(label: &'static str, measured: &str, baseline: &str, goal: Goal) -> Row {
        Row::per(label, measured, 1.0, baseline, 1.0, goal)
    }

    /// A row comparing per-element costs.
    pub fn per(
        label: &'static str,
        measured: &str,
        per: f64,
        baseline: &str,
        baseline_per: f64,
        goal: Goal,
    ) -> Row {
        Row { label, measured: measured.into(), per, baseline: baseline.into(), baseline_per, goal }
    }
}

/// The descendant counts of the CloseCluster benches: (full run, smoke run).
pub const DESCENDANTS: [(usize, usize); 3] = [(10, 10), (1_000, 100), (100_000, 1_000)];

/// The CloseCluster rows both benches report: the cost per descendant of `measured/{n}` against
/// `baseline/{n}` at each size; linearity (per descendant, each size against the next smaller,
/// also for the baseline, which shows the cache's share); and, from `unrelated = (label, id)`,
/// `id/{1M}` against `id/0`, with 1M unrelated handles live or none.
pub fn close_cluster_rows(
    measured: &str,
    baseline: &str,
    descendants: [(usize, usize); 3],
    unrelated: (&'static str, &str),
) -> Vec<Row> {
    let sizes = descendants.map(|(full, small)| size(full, small));
    let mut rows = Vec::new();
    for n in sizes {
        let (m, b) = (format!("{measured}/{n}"), format!("{baseline}/{n}"));
        rows.push(Row::per("CloseCluster, per descendant", &m, n as f64, &b, n as f64, Goal::None));
    }
    for pair in sizes.windows(2) {
        let (small, large) = (pair[0], pair[1]);
        for (id, label, goal) in [
            (measured, "CloseCluster linearity: per descendant, larger / smaller", Goal::RatioAtMost(2.0)),
            (baseline, "(same for the slab baseline: cache effects)", Goal::None),
        ] {
            let (l, s) = (format!("{id}/{large}"), format!("{id}/{small}"));
            rows.push(Row::per(label, &l, large as f64, &s, small as f64, goal));
        }
    }
    let million = size(1_000_000, 1_000);
    let (label, id) = unrelated;
    rows.push(Row::new(label, &format!("{id}/{million}"), &format!("{id}/0"), Goal::RatioAtMost(1.2)));
    rows
}

/// Where criterion writes its estimates (its own rule, minus the `cargo metadata` fallback).
fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("criterion"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("criterion"),
    }
}

/// The median time per iteration (ns) of a benchmark measured since `since`, read back from
/// criterion's `estimates.json`. `None` when it did not run in this process (filtered out),
/// so no ratio ever mixes two runs.
fn median_ns(id: &str, since: SystemTime) -> Option<f64> {
    let path = criterion_home().join(id).join("new").join("estimates.json");
    if fs::metadata(&path).and_then(|m| m.modified()).ok()? < since {
        return None;
    }
    let json = fs::read_to_string(&path).ok()?;
    // The file is `{"mean":{...},"median":{"confidence_interval":{...},"point_estimate":X,...`;
    // the first point estimate after the median key is the median's.
    let rest = &json[json.find("\"median\":")?..];
    let rest = &rest[rest.find("\"point_estimate\":")? + "\"point_estimate\":".len()..];
    let end = rest.find([',', '}'])?;
    rest[..end].trim().parse().ok()
}

fn human(ns: f64) -> String {
    match ns {
        ns if ns >= 1e6 => format!("{:.2} ms", ns / 1e6),
        ns if ns >= 1e3 => format!("{:.2} µs", ns / 1e3),
        ns => format!("{ns:.1} ns"),
    }
}

/// Prints the rows whose measurement and baseline both ran in this process (since `since`),
/// as a Markdown table. Does nothing in the smoke run, which records no estimates.
pub fn print_ratios(title: &str, rows: &[Row], since: SystemTime) {
    if smoke() {
        return;
    }
    let measured: Vec<(&Row, f64, f64)> = rows
        .iter()
        .filter_map(|row| {
            let m = median_ns(&row.measured, since)?;
            let b = median_ns(&row.baseline, since)?;
            Some((row, m / row.per, b / row.baseline_per))
        })
        .collect();
    if measured.is_empty() {
        return; // `--list`, or a filter that left no pair
    }
    println!("\n## {title}: ratios (medians per iteration, measured in this run)\n");
    println!("| measurement | time | baseline | baseline time | ratio | target | met |");
    println!("|---|---:|---|---:|---:|---|---|");
    let suffix = |per: f64| if per == 1.0 { String::new() } else { format!(" (÷{per})") };
    for (row, m, b) in measured {
        let ratio = m / b;
        let (target, met) = verdict(row.goal, ratio, m);
        println!(
            "| {} `{}`{} | {} | `{}`{} | {} | {ratio:.2}× | {target} | {met} |",
            row.label,
            row.measured,
            suffix(row.per),
            human(m),
            row.baseline,
            suffix(row.baseline_per),
            human(b),
        );
    }
    println!();
}

/// Prints interleaved comparisons (means per iteration), after [`print_ratios`].
pub fn print_interleaved(rows: &[InterleavedRow<'_>]) {
    if smoke() || rows.iter().all(|row| row.times.means().is_none()) {
        return;
    }
    println!("Interleaved in one benchmark (means per iteration, chunks of {CHUNK} alternating):\n");
    println!("| measurement | time | baseline | baseline time | ratio | target | met |");
    println!("|---|---:|---|---:|---:|---|---|");
    for row in rows {
        let Some((a, b)) = row.times.means() else { continue };
        let (target, met) = verdict(row.goal, a / b, a);
        println!(
            "| {} `{}` | {} | `{}` | {} | {:.2}× | {target} | {met} |",
            row.label,
            row.names.0,
            human(a),
            row.names.1,
            human(b),
            a / b
        );
    }
    println!();
}

fn verdict(goal: Goal, ratio: f64, ns: f64) -> (String, &'static str) {
    match goal {
        Goal::None => ("-".to_string(), "-"),
        Goal::RatioAtMost(max) => (format!("≤ {max}×"), if ratio <= max { "yes" } else { "**NO**" }),
        Goal::Below(limit) => (format!("< {}", human(limit)), if ns < limit { "yes" } else { "**NO**" }),
    }
}
