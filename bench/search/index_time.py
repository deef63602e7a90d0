"""What the search index adds to `answerkit build` (issue 3: at most 20 % at 10 000 entries).

Builds each corpus with and without the index (`build --no-search-index`, a hidden
flag for benchmarks: no analysis, no `search/` files), both with the hidden
`--no-cache` (no build cache read or written on either side), alternating the two so that
load on the machine hits both alike, and prints the medians:

  adds = (with − without) / without

for wall time (the target) and for CPU time (user + system, all threads: steadier
on a busy machine), and the `search-cpu` line of `--timings` (CPU time of analysis
and indexing, all threads) as a share of the build's CPU time.

Standard library only: runs alone (`bench/search/run.sh --index-time-only`, or
`python3 bench/search/index_time.py --help`) as well as from bench.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 0.20


def run_child(cmd: list[str]) -> tuple[float, float, str, int]:
    """Runs `cmd`; returns (wall s, user + sys CPU s of the child, output, exit status)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    return wall, usage.ru_utime + usage.ru_stime, out, os.waitstatus_to_exitcode(status)


def build(ak: str, root: Path, out: Path, index: bool) -> dict:
    if out.exists():
        shutil.rmtree(out)
    # --no-cache on both sides: a build without the index cannot be cached (the cache
    # holds the postings), so a cached build with the index would also pay for writing
    # the cache and the comparison would not be of the index alone.
    cmd = [ak, "build", "--root", str(root), "--output", str(out), "--force", "--no-cache", "--timings", "--quiet"]
    if not index:
        cmd.append("--no-search-index")
    wall, cpu, text, code = run_child(cmd)
    if code != 0:
        raise SystemExit(f"error: {' '.join(cmd)} failed ({code}):\n{text[-2000:]}")
    if not index and (out / "search").exists():
        raise SystemExit(f"error: {ak} wrote search/ with --no-search-index")
    m = re.search(r"^search-cpu ([0-9.]+)s", text, re.M)
    return {"wall": wall, "cpu": cpu, "search_cpu": float(m.group(1)) if m else 0.0}


def measure(ak: str, root: Path, out: Path, runs: int, log=None) -> dict:
    """`runs` builds with and `runs` without the index, alternated (after one warm-up)."""
    build(ak, root, out, True)  # warm-up: page cache, and the check that the build works
    with_, without = [], []
    for run in range(runs):
        # Alternate which goes first, so that a trend in the load hits both alike.
        order = (True, False) if run % 2 == 0 else (False, True)
        for index in order:
            result = build(ak, root, out, index)
            (with_ if index else without).append(result)
            if log:
                log(f"  {root.name}: run {run + 1}/{runs} {'with' if index else 'without'} index: "
                    f"wall {result['wall']:.2f} s, CPU {result['cpu']:.2f} s, search-cpu {result['search_cpu']:.2f} s")
    if out.exists():
        shutil.rmtree(out)

    def med(rows, key):
        return statistics.median(r[key] for r in rows)

    summary = {"runs": runs,
               "with": {k: med(with_, k) for k in ("wall", "cpu", "search_cpu")},
               "without": {k: med(without, k) for k in ("wall", "cpu")},
               "raw": {"with": with_, "without": without}}
    w, wo = summary["with"], summary["without"]
    summary["adds_wall"] = (w["wall"] - wo["wall"]) / wo["wall"]
    summary["adds_cpu"] = (w["cpu"] - wo["cpu"]) / wo["cpu"]
    summary["search_share"] = w["search_cpu"] / w["cpu"] if w["cpu"] else None
    summary["met"] = summary["adds_wall"] <= TARGET
    return summary


def table(rows: list[tuple[str, dict]]) -> str:
    head = ["corpus", "runs", "with s", "without s", "adds (wall)", "≤ 20 %", "CPU with s", "CPU without s",
            "adds (CPU)", "search-cpu s", "share of CPU"]
    body = [[label, str(s["runs"]), f"{s['with']['wall']:.2f}", f"{s['without']['wall']:.2f}",
             f"{100 * s['adds_wall']:+.1f} %", "met" if s["met"] else "NOT met",
             f"{s['with']['cpu']:.2f}", f"{s['without']['cpu']:.2f}", f"{100 * s['adds_cpu']:+.1f} %",
             f"{s['with']['search_cpu']:.2f}",
             f"{100 * s['search_share']:.1f} %" if s["search_share"] is not None else "—"] for label, s in rows]
    widths = [max(len(r[i]) for r in [head] + body) for i in range(len(head))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))) for r in [head] + body]
    return "\n".join(lines)


NOTE = ("Medians of alternated `answerkit build --force` runs with and without the index (`--no-search-index`);\n"
        "adds = (with − without) / without; the target (issue 3) is adds (wall) ≤ 20 % at 10 000 entries.\n"
        "CPU = user + system seconds of the build process, all threads. search-cpu: the build's own figure\n"
        "for analysis and indexing (CPU time summed over threads), as a share of the build's CPU time.")


def main() -> None:
    repo = Path(__file__).resolve().parents[2]
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--answerkit", default=os.environ.get("ANSWERKIT_BIN", str(repo / ".build/release/answerkit")))
    p.add_argument("--corpus", action="append", type=Path,
                   help="a corpus folder (answerkit.yml + content/); repeatable; "
                        "default bench/work/1000 and bench/work/10000")
    p.add_argument("--runs", type=int, default=3, help="builds with and without the index, each (default 3)")
    p.add_argument("--tmp", type=Path, default=Path(os.environ.get("BENCH_TMP", "/dev/shm")),
                   help="where corpora are copied and built (default $BENCH_TMP or /dev/shm)")
    args = p.parse_args()
    corpora = args.corpus or [repo / "bench/work/1000", repo / "bench/work/10000"]
    if args.runs < 1:
        raise SystemExit("error: --runs must be at least 1")

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    rows = []
    for corpus in corpora:
        if not (corpus / "answerkit.yml").is_file():
            raise SystemExit(f"error: {corpus}: no answerkit.yml (generate corpora with bench/generate.py)")
        work = args.tmp / f"answerkit-index-time-{os.getpid()}"
        root = work / corpus.name
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(corpus, root, ignore=shutil.ignore_patterns("public", ".answerkit-*"))
        say(f"index time: {corpus} ({args.runs} runs each way)")
        try:
            rows.append((f"{corpus.name} entries" if corpus.name.isdigit() else corpus.name,
                         measure(args.answerkit, root, work / "public", args.runs, say)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(f"answerkit: {args.answerkit}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    print(NOTE)
    print()
    print(table(rows))


if __name__ == "__main__":
    main()
