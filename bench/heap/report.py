#!/usr/bin/env python3
"""report.py: the table of bench/heap/run.sh from its results.tsv.

Per workload: the median wall time and the median peak RSS of each allocator, as ratios to
mimalloc's (lower is better), mimalloc's own figures in seconds and MiB, and own against the best
peer. Then geometric means, the goals of the allocator, and every run that failed with the command
that reproduces it. A run fails when it exits non-zero, is killed, or prints another checksum than
the other allocators (the workloads' output depends only on the work done).
"""
import argparse
import collections
import math
import os
import statistics
import sys

REFERENCE = "mimalloc"
GOAL_TIME_GEOMEAN = 1.00  # own's time geometric mean, relative to mimalloc
GOAL_VS_BEST_PEER = 1.15  # no workload slower than this times its best peer
GOAL_RSS = 1.10  # peak RSS relative to mimalloc


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt(value, width=9, digits=2):
    return f"{value:{width}.{digits}f}" if value is not None else f"{'-':>{width}}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    ap.add_argument("--reproduce", default="")
    ap.add_argument("--lib", action="append", default=[], help="NAME=PATH, in the order of the columns")
    args = ap.parse_args()
    libs = dict(item.split("=", 1) for item in args.lib)

    rows = []
    with open(args.results) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    workloads = list(dict.fromkeys(r["workload"] for r in rows))
    allocators = list(libs) or list(dict.fromkeys(r["allocator"] for r in rows))

    # The expected checksum of a workload: what most successful runs printed.
    expected = {}
    for w in workloads:
        outs = collections.Counter(r["output"] for r in rows if r["workload"] == w and r["status"] == "0")
        expected[w] = outs.most_common(1)[0][0] if outs else None

    times = collections.defaultdict(list)
    rss = collections.defaultdict(list)
    failures = collections.defaultdict(list)
    for r in rows:
        key = (r["workload"], r["allocator"])
        if r["status"] != "0":
            status = int(r["status"])
            why = f"killed by signal {status - 128}" if status > 128 else f"exit status {status}"
            failures[key].append(f"run {r['rep']}: {why}")
        elif r["output"] != expected[r["workload"]]:
            failures[key].append(f"run {r['rep']}: printed '{r['output']}', expected '{expected[r['workload']]}'")
        else:
            times[key].append(float(r["seconds"]))
            rss[key].append(int(r["maxrss_kib"]))

    def median(table, w, a):
        if failures.get((w, a)) or not table.get((w, a)):
            return None
        return statistics.median(table[(w, a)])

    reps = max((int(r["rep"]) for r in rows), default=0)
    ref = REFERENCE if REFERENCE in allocators else allocators[0]
    peers = [a for a in allocators if a != "own"]
    print(f"\nmedians of {reps} runs each; ratios to {ref} (lower is better)")

    summary = {}
    for title, table, unit, scale in (("wall time", times, "s", 1.0), ("peak RSS", rss, "MiB", 1 / 1024)):
        cols = "".join(f"{a:>10}" for a in allocators)
        extra = "  own/best peer" if "own" in allocators else ""
        print(f"\n{title:<14}{cols}{extra}   {ref} {unit}")
        ratios = collections.defaultdict(dict)
        vs_best = []
        for w in workloads:
            base = median(table, w, ref)
            cells = ""
            for a in allocators:
                m = median(table, w, a)
                if failures.get((w, a)):
                    cells += f"{'FAILED':>10}"
                    continue
                r = m / base if (m is not None and base) else None
                if r is not None:
                    ratios[a][w] = r
                cells += fmt(r, 10)
            line = f"{w:<14}{cells}"
            if "own" in allocators:
                own = median(table, w, "own")
                best = min(((median(table, w, p), p) for p in peers if median(table, w, p)), default=None)
                if own is not None and best:
                    vs_best.append((own / best[0], w, best[1]))
                    line += f"  {own / best[0]:5.2f} ({best[1]})".ljust(16)
                else:
                    line += f"  {'-':>5}".ljust(16)
            line += f"  {fmt(base * scale if base else None, 8, 3 if unit == 's' else 1)}"
            print(line)
        means = {a: geomean(ratios[a].values()) for a in allocators}
        line = f"{'geomean':<14}" + "".join(fmt(means[a], 10) for a in allocators)
        partial = [a for a in allocators if 0 < len(ratios[a]) < len(workloads)]
        if vs_best:
            line += f"  {geomean([v for v, _, _ in vs_best]):5.2f}"
        print(line)
        if partial:
            print(f"{'':<14}(geomean of fewer workloads for: {', '.join(partial)})")
        summary[title] = (means, vs_best, ratios)

    if "own" in allocators:
        means_t, vs_best_t, _ = summary["wall time"]
        means_r, _, ratios_r = summary["peak RSS"]
        print("\ngoals (from the issue)")
        own_failed = sorted(w for (w, a) in failures if a == "own")
        if own_failed:
            print(f"  own FAILED on {', '.join(own_failed)}: no goal is met while a workload fails")

        def verdict(ok):
            return "met" if ok else "NOT MET"

        g = means_t.get("own")
        print(f"  own's time geomean / {ref}'s: {fmt(g, 0)} (goal <= {GOAL_TIME_GEOMEAN:.2f}) "
              f"{verdict(g is not None and g <= GOAL_TIME_GEOMEAN)}")
        if vs_best_t:
            worst = max(vs_best_t)
            slow = [f"{w} {v:.2f}" for v, w, _ in sorted(vs_best_t, reverse=True) if v > GOAL_VS_BEST_PEER]
            print(f"  slowest workload / its best peer: {worst[0]:.2f} on {worst[1]} (vs {worst[2]}) "
                  f"(goal <= {GOAL_VS_BEST_PEER:.2f}) {verdict(not slow)}"
                  + (f"; over: {', '.join(slow)}" if slow else ""))
        else:
            print("  slowest workload / its best peer: no figures (goal <= 1.15) NOT MET")
        r = means_r.get("own")
        over = [f"{w} {v:.2f}" for w, v in ratios_r.get("own", {}).items() if v > GOAL_RSS]
        print(f"  own's peak RSS / {ref}'s: geomean {fmt(r, 0)} (goal <= {GOAL_RSS:.2f}) "
              f"{verdict(r is not None and r <= GOAL_RSS)}"
              + (f"; workloads over: {', '.join(over)}" if over else ""))

    if failures:
        print("\nFAILED RUNS (logs beside results.tsv in logs/)")
        for (w, a), why in sorted(failures.items()):
            print(f"  {w} under {a}: {'; '.join(why)}")
            if args.reproduce:
                lib = libs.get(a, "")
                cmd = args.reproduce.format(lib="" if lib == "none" else lib, workload=w)
                print(f"    reproduce: {cmd}")
            logs = os.path.join(os.path.dirname(args.results), "logs")
            for name in sorted(os.listdir(logs)) if os.path.isdir(logs) else []:
                if name.startswith(f"{w}.{a}.") and name.endswith(".err"):
                    with open(os.path.join(logs, name), errors="replace") as f:
                        lines = f.read().splitlines()[:3]
                    for text in lines:
                        print(f"    stderr ({name}): {text[:160]}")
                    break
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
