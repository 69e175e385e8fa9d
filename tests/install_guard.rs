//! `Sim::install` guards dropped in any order: each guard removes its own installation, and the
//! current simulator is the most recently installed one still installed.

use clusapi_sim::{InstallGuard, Sim, current};

/// The simulator the exports would use, as an index into `sims`, or `None` for the process-wide
/// default.
fn current_index(sims: &[Sim]) -> Option<usize> {
    let now = current();
    sims.iter().position(|s| s.same_as(&now))
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for at in 0..=p.len() {
            let mut q = p.clone();
            q.insert(at, n - 1);
            out.push(q);
        }
    }
    out
}

#[test]
fn install_guards_dropped_out_of_order_restore_what_they_replaced() {
    let orders = permutations(3);
    assert_eq!(orders.len(), 6);
    for order in orders {
        let sims: Vec<Sim> = (0..3).map(|_| Sim::default()).collect();
        let mut guards: Vec<Option<InstallGuard>> = sims.iter().map(|s| Some(s.install())).collect();
        assert_eq!(current_index(&sims), Some(2), "{order:?}");
        for (step, &i) in order.iter().enumerate() {
            guards[i] = None;
            let expected = (0..3).rev().find(|&j| guards[j].is_some());
            assert_eq!(current_index(&sims), expected, "order {order:?}, after dropping #{step} (guard {i})");
        }
    }
}

#[test]
fn the_same_simulator_installed_twice_stays_until_both_guards_drop() {
    let (a, b) = (Sim::default(), Sim::default());
    let sims = [a.clone(), b.clone()];
    let a1 = a.install();
    let b1 = b.install();
    let a2 = a.install();
    drop(a1);
    assert_eq!(current_index(&sims), Some(0), "a's second installation is the latest");
    drop(a2);
    assert_eq!(current_index(&sims), Some(1));
    drop(b1);
    assert_eq!(current_index(&sims), None, "back to the process-wide default");
}

#[test]
fn a_guard_dropped_on_its_thread_leaves_other_threads_alone() {
    let a = Sim::default();
    let _ga = a.install();
    std::thread::scope(|s| {
        s.spawn(|| {
            let b = Sim::default();
            let gb = b.install();
            assert!(current().same_as(&b));
            drop(gb);
            assert!(!current().same_as(&b) && !current().same_as(&a));
        });
    });
    assert!(current().same_as(&a));
}
