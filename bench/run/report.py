#!/usr/bin/env python3
"""report.py RESULTS TOOL...: the table of bench/run/run.sh.

Per workload, the median wall time and peak RSS of each tool as a ratio to the plain run (the
program on glibc's malloc, unchecked), then the geometric means. A run that exited non-zero is
listed with its command: on these correct programs it means a false report or a crash.
"""
import collections
import math
import statistics
import sys

BASE = "plain"


def geomean(values):
    values = [v for v in values if v and v > 0]
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else None


def fmt(value):
    return f"{value:9.2f}" if value is not None else f"{'-':>9}"


def main():
    path, tools = sys.argv[1], sys.argv[2:]
    rows = []
    with open(path) as f:
        header = f.readline().rstrip("\n").split("\t")
        rows = [dict(zip(header, line.rstrip("\n").split("\t"))) for line in f]
    workloads = list(dict.fromkeys(r["workload"] for r in rows))
    ok = collections.defaultdict(list)
    failed = [r for r in rows if r["status"] != "0"]
    for r in rows:
        if r["status"] == "0":
            ok[(r["workload"], r["tool"])].append((float(r["seconds"]), int(r["maxrss_kib"])))

    def median(w, t, i):
        runs = ok.get((w, t))
        return statistics.median(run[i] for run in runs) if runs else None

    ratios = {"time": collections.defaultdict(list), "rss": collections.defaultdict(list)}
    for what, i in (("time", 0), ("rss", 1)):
        print(f"\n{'wall time' if what == 'time' else 'peak RSS'} as a ratio to the plain run "
              f"(lower is better; plain in {'seconds' if what == 'time' else 'MiB'})")
        print(f"  {'workload':<14}" + "".join(f"{t:>9}" for t in tools))
        for w in workloads:
            base = median(w, BASE, i)
            cells = []
            for t in tools:
                value = median(w, t, i)
                if t == BASE:
                    cells.append(fmt(base if what == "time" or base is None else base / 1024))
                    continue
                ratio = value / base if value is not None and base else None
                ratios[what][t].append(ratio)
                cells.append(fmt(ratio))
            print(f"  {w:<14}" + "".join(cells))
        print(f"  {'geomean':<14}" + "".join(
            f"{'':>9}" if t == BASE else fmt(geomean(ratios[what][t])) for t in tools))
    own_time = geomean(ratios["time"].get("own", []))
    for peer in ("asan", "valgrind"):
        peer_time = geomean(ratios["time"].get(peer, []))
        if own_time and peer_time:
            print(f"own run takes {own_time / peer_time:.2f}x the time of {peer} (geometric means)")
    if failed:
        print("\nfailed runs (a non-zero status on a correct program):")
        for r in failed:
            print(f"  {r['workload']} {r['tool']} rep {r['rep']}: status {r['status']}: {r['command']}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
