#!/usr/bin/env python3
"""report.py: bench/owner's table. Reads the figures of every run (owner_bench's "name<TAB>ns"
lines and the Rust programs' "name  ns ns/op" lines), takes each figure's median over the runs,
and prints own's operations beside their peers as ratios from the same run, with the goals.
Usage: report.py RESULTS_FILE (lines "run<TAB>program<TAB>output line")."""
import re
import statistics
import sys
from collections import defaultdict

# (own figure, what it is, [(peer figure, peer's name, goal ratio or None)]). A goal is met when
# own's figure is at most that many times the peer's.
ROWS = [
    ("own_new+own_drop 16", "create+drop 16 B (own_new/own_drop)", [
        ("mimalloc malloc+free 16", "mimalloc malloc+free", 1.2),
        ("glibc malloc+free 16", "glibc malloc+free", None),
        ("Box<[u8;16]> new+drop", "Rust Box new+drop (anchor)", None),
        ("own_malloc+own_free 16", "own_malloc+own_free (own's heap alone)", None)]),
    ("own_new+own_drop 64", "create+drop 64 B", [
        ("mimalloc malloc+free 64", "mimalloc malloc+free", 1.2),
        ("glibc malloc+free 64", "glibc malloc+free", None),
        ("Box<[u8;64]> new+drop", "Rust Box new+drop (anchor)", None),
        ("own_malloc+own_free 64", "own_malloc+own_free (own's heap alone)", None)]),
    ("own_new+own_drop 256", "create+drop 256 B", [
        ("mimalloc malloc+free 256", "mimalloc malloc+free", 1.2),
        ("glibc malloc+free 256", "glibc malloc+free", None),
        ("own_malloc+own_free 256", "own_malloc+own_free (own's heap alone)", None)]),
    ("own_new_uninit+own_drop 64", "create+drop 64 B, not zeroed", [
        ("mimalloc malloc+free 64", "mimalloc malloc+free", None)]),
    ("own_move", "own_move", [
        ("AtomicU64 compare_exchange", "Rust AtomicU64 compare_exchange (anchor)", None)]),
    ("own_borrow+own_release owner", "shared borrow+release, owning thread", [
        ("RefCell borrow+release", "Rust RefCell borrow+release (anchor)", 1.5)]),
    ("own_borrow_mut+own_release owner", "exclusive borrow+release, owning thread", [
        ("RefCell borrow_mut+release", "Rust RefCell borrow_mut+release (anchor)", 1.5)]),
    ("own_borrow+own_release other", "shared borrow+release, another thread", [
        ("RwLock read+unlock", "Rust RwLock read+unlock (anchor)", 1.0),
        ("RwLock read+unlock other thread", "Rust RwLock read+unlock, another thread", None),
        ("pthread_rwlock read other", "pthread_rwlock rdlock+unlock, another thread", None)]),
    ("own_borrow_mut+own_release other", "exclusive borrow+release, another thread", [
        ("RwLock write+unlock", "Rust RwLock write+unlock (anchor)", 1.0),
        ("RwLock write+unlock other thread", "Rust RwLock write+unlock, another thread", None)]),
    ("own_borrow+own_release contended", "shared borrow+release, 2 threads at once", [
        ("RwLock read+unlock 2 threads", "Rust RwLock read+unlock, 2 threads", 1.0),
        ("RwLock read+unlock", "Rust RwLock read+unlock (anchor, 1 thread)", None),
        ("pthread_rwlock read contended", "pthread_rwlock rdlock+unlock, 2 threads", None)]),
    ("own_borrow_mut_wait+own_release contended", "exclusive borrow (waiting)+release, 2 threads", [
        ("RwLock write+unlock 2 threads", "Rust RwLock write+unlock, 2 threads", 1.0),
        ("RwLock write+unlock", "Rust RwLock write+unlock (anchor, 1 thread)", None),
        ("pthread_rwlock write contended", "pthread_rwlock wrlock+unlock, 2 threads", None)]),
    ("own_stack push+alloc+pop 64", "stack push+alloc 64 B+pop", [
        ("alloca 64", "alloca in a function", 2.0),
        ("glibc malloc+free 64", "glibc malloc+free", None)]),
    ("own_stack push+alloc+pop 256", "stack push+alloc 256 B+pop", [
        ("alloca 256", "alloca in a function", 2.0),
        ("glibc malloc+free 256", "glibc malloc+free", None)]),
]

# The anchor's figures not used above, printed for reference.
ANCHOR_ONLY = ["Rc clone+drop", "Arc clone+drop", "Mutex lock+unlock"]

RUST_LINE = re.compile(r"^(.*?)\s+([0-9.]+) ns/op$")


def read(path):
    figures = defaultdict(list)
    runs = set()
    for line in open(path):
        run, _program, text = line.rstrip("\n").split("\t", 2)
        runs.add(run)
        if "\t" in text:
            name, value = text.rsplit("\t", 1)
        else:
            m = RUST_LINE.match(text)
            if not m:
                continue
            name, value = m.group(1), m.group(2)
        figures[name.strip()].append(float(value))
    medians = {k: statistics.median(v) for k, v in figures.items()}
    # How far apart the turns were, as a share of the median: the machine's noise on that figure.
    spreads = {k: (max(v) - min(v)) / medians[k] if medians[k] else 0.0 for k, v in figures.items()}
    return medians, spreads, len(runs)


def main():
    figures, spreads, runs = read(sys.argv[1])
    print(f"bench/owner: ns per operation, median of {runs} turn(s); ratio = own / peer, "
          "all figures from this run")
    head = f"{'operation':<46}{'own ns':>8}  {'peer':<46}{'peer ns':>8}{'ratio':>8}  goal"
    print(head)
    print("-" * len(head) + "-" * 14)
    met, missed, unknown = [], [], []
    for key, label, peers in ROWS:
        own = figures.get(key)
        first = True
        for peer_key, peer_label, goal in peers:
            peer = figures.get(peer_key)
            left = f"{label:<46}{own:8.2f}" if first and own is not None else \
                f"{label:<46}{'n/a':>8}" if first else " " * 54
            first = False
            if own is None or peer is None:
                ratio_text, verdict = f"{'n/a':>8}", ""
                if goal is not None:
                    verdict = f"<= {goal:g}x: UNKNOWN (no figure)"
                    unknown.append(label)
                print(f"{left}  {peer_label:<46}{'n/a' if peer is None else f'{peer:.2f}':>8}"
                      f"{ratio_text}  {verdict}")
                continue
            ratio = own / peer
            verdict = ""
            if goal is not None:
                ok = ratio <= goal
                verdict = f"<= {goal:g}x: {'MET' if ok else 'NOT MET'}"
                (met if ok else missed).append(f"{label} ({ratio:.2f}x of {peer_label}, "
                                               f"goal {goal:g}x)")
            print(f"{left}  {peer_label:<46}{peer:8.2f}{ratio:7.2f}x  {verdict}")
    print()
    noisy = sorted(((spreads[k], k) for k in figures), reverse=True)[:3]
    print("noise: spread of a figure between turns (max - min) / median, largest: " +
          ", ".join(f"{k} {v:.0%}" for v, k in noisy))
    others = [f"{k} {figures[k]:.2f}" for k in ANCHOR_ONLY if k in figures]
    if others:
        print("anchor, for reference (ns): " + ", ".join(others))
    print(f"goals met: {len(met)} of {len(met) + len(missed) + len(unknown)}")
    for m in met:
        print(f"  MET      {m}")
    for m in missed:
        print(f"  NOT MET  {m}")
    for m in unknown:
        print(f"  UNKNOWN  {m}")


if __name__ == "__main__":
    main()
