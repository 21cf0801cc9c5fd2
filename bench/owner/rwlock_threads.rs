// rwlock_threads: Rust's RwLock read+unlock and write+unlock by threads other than the one that
// made the lock — one alone, then two at once on the same lock — timed as owner_bench times
// own's borrows from other threads (each thread does n operations, started together; the figure
// is the slowest thread's time over n). The peer of own's cross-thread and contended borrows,
// which the single-threaded anchor (shared/anchors/borrow_anchor.rs) does not measure.
// Build: rustc -O rwlock_threads.rs && ./rwlock_threads
use std::hint::black_box;
use std::sync::{Arc, Barrier, RwLock};
use std::thread;
use std::time::Instant;

fn run(threads: usize, n: u64, write: bool) -> f64 {
    let lock = Arc::new(RwLock::new(0u64));
    let go = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (lock, go) = (lock.clone(), go.clone());
            thread::spawn(move || {
                go.wait();
                let t = Instant::now();
                for _ in 0..n {
                    if write {
                        let mut w = black_box(&*lock).write().unwrap();
                        *w += 1;
                    } else {
                        let r = black_box(&*lock).read().unwrap();
                        black_box(*r);
                    }
                }
                t.elapsed().as_nanos() as f64
            })
        })
        .collect();
    let slowest = handles.into_iter().map(|h| h.join().unwrap()).fold(0.0, f64::max);
    slowest / n as f64
}

// The median of `reps` runs, after one to warm up.
fn median(threads: usize, n: u64, write: bool, reps: usize) -> f64 {
    run(threads, n / 10, write);
    let mut v: Vec<f64> = (0..reps).map(|_| run(threads, n, write)).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[reps / 2]
}

fn main() {
    let n = 2_000_000u64;
    for (name, threads, write) in [
        ("RwLock read+unlock other thread", 1, false),
        ("RwLock write+unlock other thread", 1, true),
        ("RwLock read+unlock 2 threads", 2, false),
        ("RwLock write+unlock 2 threads", 2, true),
    ] {
        println!("{:<34} {:8.2} ns/op", name, median(threads, n, write, 5));
    }
}
