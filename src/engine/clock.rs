//! The virtual clock and its timers. Nothing in the simulator waits in real time: a pending
//! operation is a timer, and time moves only when the test (or a polling client's `Sleep`, or
//! a per-call tick) moves it.

use std::collections::BTreeMap;

use crate::world::{NodeId, ObjectId};

/// A point on the virtual clock, in milliseconds since the simulator was built.
pub(crate) type Millis = u64;

/// What happens when a timer fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Timer {
    /// A resource's pending online or offline operation completes.
    Complete { cluster: usize, resource: ObjectId },
    /// A failed resource is restarted on its node (RestartDelay after the failure).
    Restart { cluster: usize, resource: ObjectId, failure: u64 },
    /// A resource left failed gets another online attempt (RetryPeriodOnFailure).
    Retry { cluster: usize, resource: ObjectId, failure: u64 },
    /// A resource's online has been pending for its PendingTimeout: it is terminated and
    /// treated as failed.
    PendingTimeout { cluster: usize, resource: ObjectId },
    /// A fault effect delayed by virtual time (`Fault::after`) falls due.
    Inject { cluster: usize, injected: Injected },
}

/// A fault effect on the cluster, as the engine applies it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Injected {
    /// The resource fails, as FailClusterResource makes it.
    FailResource(ObjectId),
    /// The node goes down.
    NodeDown(NodeId),
    /// The resource hangs: its operations stop completing.
    Hang(ObjectId),
}

impl Timer {
    /// Whether [`settle`](super::Engine::settle) waits for it: completions and restarts are
    /// work in progress; a retry an hour away is the policy at rest.
    pub(crate) fn is_work(self) -> bool {
        !matches!(self, Timer::Retry { .. })
    }
}

/// The key of a scheduled timer: its due time, then the order it was scheduled in, so that
/// timers due at the same time fire in the order they were set.
pub(crate) type TimerKey = (Millis, u64);

/// The clock and the timers scheduled on it, in due order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clock {
    now: Millis,
    timers: BTreeMap<TimerKey, Timer>,
    next: u64,
    /// How many scheduled timers are [work](Timer::is_work).
    work: usize,
}

impl Clock {
    /// The current virtual time.
    pub(crate) fn now(&self) -> Millis {
        self.now
    }

    /// Schedules `timer` to fire `after` milliseconds from now.
    pub(crate) fn schedule(&mut self, after: Millis, timer: Timer) -> TimerKey {
        let key = (self.now.saturating_add(after), self.next);
        self.next += 1;
        self.work += usize::from(timer.is_work());
        self.timers.insert(key, timer);
        key
    }

    /// Cancels a scheduled timer (a key that already fired is ignored).
    pub(crate) fn cancel(&mut self, key: TimerKey) {
        if let Some(timer) = self.timers.remove(&key) {
            self.work -= usize::from(timer.is_work());
        }
    }

    /// Removes and returns the earliest timer due at or before `until`, moving the clock to
    /// its due time.
    pub(crate) fn pop_due(&mut self, until: Millis) -> Option<Timer> {
        let entry = self.timers.first_entry().filter(|e| e.key().0 <= until)?;
        self.now = self.now.max(entry.key().0);
        let timer = entry.remove();
        self.work -= usize::from(timer.is_work());
        Some(timer)
    }

    /// The due time of the earliest timer, if any is scheduled.
    pub(crate) fn next_due(&self) -> Option<Millis> {
        self.timers.keys().next().map(|k| k.0)
    }

    /// The due time of the earliest timer that is work, if any is scheduled.
    pub(crate) fn next_work(&self) -> Option<Millis> {
        if self.work == 0 {
            return None;
        }
        self.timers.iter().find(|(_, t)| t.is_work()).map(|(k, _)| k.0)
    }

    /// Moves the clock forward to `to` (never backward).
    pub(crate) fn set_now(&mut self, to: Millis) {
        self.now = self.now.max(to);
    }

    /// How many timers are scheduled.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.timers.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(n: u64) -> Timer {
        Timer::Complete { cluster: 0, resource: ObjectId(n) }
    }

    #[test]
    fn timers_fire_in_due_order_then_in_the_order_they_were_set() {
        let mut c = Clock::default();
        c.schedule(10, complete(1));
        c.schedule(5, complete(2));
        c.schedule(10, complete(3));
        assert_eq!(c.pop_due(4), None, "nothing is due yet");
        assert_eq!(c.now(), 0);
        assert_eq!(c.pop_due(100), Some(complete(2)));
        assert_eq!(c.now(), 5, "the clock moves to the timer's due time");
        assert_eq!(c.pop_due(100), Some(complete(1)));
        assert_eq!(c.pop_due(100), Some(complete(3)));
        assert_eq!(c.pop_due(100), None);
    }

    #[test]
    fn a_cancelled_timer_never_fires_and_retries_are_not_work() {
        let mut c = Clock::default();
        let k = c.schedule(1, complete(1));
        c.schedule(2, Timer::Retry { cluster: 0, resource: ObjectId(2), failure: 1 });
        assert_eq!(c.next_work(), Some(1));
        c.cancel(k);
        c.cancel(k);
        assert_eq!(c.next_work(), None, "only a retry is left");
        assert_eq!(c.len(), 1);
    }
}
