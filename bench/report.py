#!/usr/bin/env python3
"""Summarize the measurements of ``bench/run.sh`` as human-readable tables.

``run.sh`` appends one tab-separated row per timed run to a raw file::

    size  tool  run  rc  wall_s  rss_kb  pages  foreign_cpu_s  log  cpu_s

(tool is ``answerkit``, ``hugo`` or ``cmark``; ``pages`` is the number of HTML
files written, ``-`` for cmark; ``foreign_cpu_s`` the CPU time other processes
used during the run; ``log`` is the file holding the tool's output; ``cpu_s``
the tool's user+system CPU time)
and notes (one per line, ``size<TAB>message``) to a notes file. This script
prints, per corpus size, the median wall time and peak RSS of every tool,
pages per second, the AnswerKit/Hugo ratios, AnswerKit's per-stage medians
(parsed from its ``--timings`` output) and the notes.

Usage::

    report.py --raw R.tsv --notes N.txt --work bench/work --size 10000
    report.py --raw R.tsv --notes N.txt --work bench/work --env E.txt --out latest.txt
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import OrderedDict, defaultdict
from pathlib import Path

GIB = 1024 * 1024  # KB in a GiB

# Reference figures quoted in the issue (2 cores, 10 000 entries = 49 MB).
ANCHORS = ("Reference (issue, 2 cores): 10 000 entries / 49 MB: Hugo 0.111 5.2 s, "
           "1.2 GiB peak; cmark CLI 0.59 s. 100 000 entries: Hugo 64 s, 11 GiB.\n"
           "Targets: 10 000 entries: AnswerKit time <= 0.5 x Hugo (same run); "
           "100 000 entries: AnswerKit peak <= 1 GiB.")

TOOL_NAMES = {"answerkit": "AnswerKit", "hugo": "Hugo", "cmark": "cmark floor"}

# --------------------------------------------------------------------------
# Stage timings
# --------------------------------------------------------------------------

_NUM = r"(\d+(?:[.,]\d+)?)\s*(ms|µs|us|s|sec|seconds?)\b"
_NAME = r"([A-Za-z][\w./+-]*(?: [A-Za-z][\w./+-]*){0,2})"
# "stage parse 0.41s", "stage: parse = 410 ms", "[phase] render: 1.2 s"
_STRICT = re.compile(r"\b(?:stage|phase|step)s?\b\]?[\s:]+" + _NAME + r"[\s:=]+" + _NUM,
                     re.IGNORECASE)
# "parse: 0.41s", "render=1.2s" (several per line allowed)
_PAIR = re.compile(_NAME + r"\s*[:=]\s*" + _NUM)
# Inside a timings block: "  parse      0.41 s   (12 %)", "load 0.1s | parse 0.4s"
_ROW = re.compile(r"(?<![\w.])" + _NAME + r"\s*[:=]?\s+" + _NUM)
# Words that show a sentence ("built 5 pages in 3 s"), not a stage name.
_STOP = {"in", "after", "took", "for", "of", "total of"}
_SCALE = {"ms": 1e-3, "µs": 1e-6, "us": 1e-6}


def _seconds(value: str, unit: str) -> float:
    """Convert a number and its unit to seconds."""
    return float(value.replace(",", ".")) * _SCALE.get(unit.lower(), 1.0)


def parse_stages(text: str) -> "OrderedDict[str, float]":
    """Extract ``{stage: seconds}`` from a tool's output, tolerantly.

    Lines such as ``stage <name> <seconds>s`` are preferred; without them,
    ``name: 1.2s`` / ``name=120ms`` pairs anywhere and ``name  1.2 s`` rows
    after a line mentioning "timing" are accepted. A name seen several times
    (e.g. once per locale) is summed."""
    strict: "OrderedDict[str, float]" = OrderedDict()
    loose: "OrderedDict[str, float]" = OrderedDict()
    in_block = False
    for line in text.splitlines():
        found = _STRICT.findall(line)
        for name, value, unit in found:
            key = name.strip().lower()
            strict[key] = strict.get(key, 0.0) + _seconds(value, unit)
        if found:
            continue
        if re.search(r"timing", line, re.IGNORECASE):
            in_block = True
        pairs = _PAIR.findall(line)
        if not pairs and in_block:
            pairs = _ROW.findall(line)
        for name, value, unit in pairs:
            key = name.strip().lower()
            if key.split()[-1] in _STOP:
                continue
            loose[key] = loose.get(key, 0.0) + _seconds(value, unit)
    return strict or loose


# --------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------

def fmt_mem(kb: float) -> str:
    """Human-readable memory from KB."""
    if kb >= GIB:
        return f"{kb / GIB:.2f} GiB"
    return f"{kb / 1024:.0f} MiB"


def fmt_int(n: float) -> str:
    """Integer with thin thousands separators (spaces)."""
    return f"{int(round(n)):,}".replace(",", " ")


def table(header: list[str], rows: list[list[str]]) -> str:
    """Align columns: first column left, the others right."""
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep] + [line(r) for r in rows])


# --------------------------------------------------------------------------
# Loading and summarizing
# --------------------------------------------------------------------------

def load_raw(path: Path) -> dict[int, dict[str, list[dict]]]:
    """Rows of the raw file grouped by size then tool."""
    data: dict[int, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    if not path.exists():
        return data
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        size, tool, run, rc, wall, rss, pages, foreign, log, cpu = (line.split("\t") + [""] * 10)[:10]
        data[int(size)][tool].append({
            "run": int(run), "rc": int(rc), "wall": float(wall), "rss": float(rss),
            "pages": None if pages in ("", "-") else int(pages),
            "foreign": float(foreign or 0), "log": log,
            "cpu": float(cpu) if cpu else None})
    return data


def load_notes(path: Path | None) -> dict[int, list[str]]:
    """Notes grouped by size (size 0 = global)."""
    notes: dict[int, list[str]] = defaultdict(list)
    if path and path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            size, _, msg = line.partition("\t")
            notes[int(size or 0)].append(msg)
    return notes


def corpus_info(work: Path, size: int) -> str:
    """'49.3 MB of Markdown' from the corpus marker, if present."""
    try:
        m = json.loads((work / str(size) / ".bench-corpus.json").read_text(encoding="utf-8"))
        return (f"{m['markdown_bytes'] / 1e6:.1f} MB of Markdown "
                f"(bodies {m['bodies_bytes'] / 1e6:.1f} MB), seed {m['seed']}")
    except (OSError, ValueError, KeyError):
        return "corpus size unknown"


def disturbed(run: dict) -> bool:
    """True when other processes used a noticeable share of the CPU meanwhile
    (more than 0.5 CPU-s and more than 10 % of the run's wall time)."""
    return run["foreign"] > 0.5 and run["foreign"] > 0.1 * run["wall"]


def med(values: list[float]) -> float:
    """Median of a non-empty list."""
    return statistics.median(values)


def spread(values: list[float], fmt) -> str:
    """'median (min-max)' or just the value for a single run."""
    if len(values) == 1:
        return fmt(values[0])
    return f"{fmt(med(values))} ({fmt(min(values))}–{fmt(max(values))})"


def summarize_size(size: int, tools: dict[str, list[dict]], notes: list[str],
                   work: Path) -> tuple[str, list[list[str]]]:
    """Text block for one size and its rows for the final summary table."""
    out = [f"== {fmt_int(size)} entries · {corpus_info(work, size)} =="]
    rows, summary_rows = [], []
    medians: dict[str, tuple[float, float]] = {}
    for tool in ("answerkit", "hugo", "cmark"):
        runs = [r for r in tools.get(tool, []) if r["rc"] == 0]
        failed = len(tools.get(tool, [])) - len(runs)
        if not runs:
            if failed:
                rows.append([TOOL_NAMES[tool], "failed", "—", "—", "—", "—", "—", f"0/{failed}"])
                summary_rows.append([fmt_int(size), TOOL_NAMES[tool], "failed", "—", "—", "—"])
            continue
        walls = [r["wall"] for r in runs]
        rss = [r["rss"] for r in runs]
        pages = [r["pages"] for r in runs if r["pages"] is not None]
        mw, mr = med(walls), med(rss)
        medians[tool] = (mw, mr)
        pg = max(pages) if pages else None
        cpus = [r["cpu"] for r in runs if r["cpu"] is not None]
        cpu = f"{med(cpus):.2f} ({med(cpus) / mw * 100:.0f} %)" if cpus and mw > 0 else "—"
        pps = fmt_int(pg / mw) if pg and mw > 0 else "—"
        eps = fmt_int(size / mw) if mw > 0 else "—"
        rows.append([TOOL_NAMES[tool] + (f" ({failed} failed)" if failed else ""),
                     spread(walls, lambda v: f"{v:.2f}"), cpu, fmt_mem(mr),
                     fmt_int(pg) if pg else "—", pps, eps, str(len(runs))])
        summary_rows.append([fmt_int(size), TOOL_NAMES[tool], f"{mw:.2f}", fmt_mem(mr),
                             fmt_int(pg) if pg else "—", pps])
    if rows:
        out.append(table(["tool", "wall s, median (min–max)", "CPU s (of wall)", "peak RSS",
                          "HTML pages", "pages/s", "entries/s", "runs"], rows))
    else:
        out.append("(no successful runs)")

    if "answerkit" in medians and "hugo" in medians:
        (aw, ar), (hw, hr) = medians["answerkit"], medians["hugo"]
        line = f"AnswerKit / Hugo: time {aw / hw:.2f}x, memory {ar / hr:.2f}x"
        if size == 10000:
            line += f"  [target time <= 0.50x: {'met' if aw / hw <= 0.5 else 'NOT met'}]"
        out.append(line)
    if "answerkit" in medians and size == 100000:
        ar = medians["answerkit"][1]
        out.append(f"AnswerKit peak {fmt_mem(ar)}  [target <= 1 GiB: "
                   f"{'met' if ar <= GIB else 'NOT met'}]")
    if "answerkit" in medians and "cmark" in medians:
        out.append(f"AnswerKit / cmark floor: time {medians['answerkit'][0] / medians['cmark'][0]:.1f}x")

    # Per-stage medians of AnswerKit.
    ak_runs = [r for r in tools.get("answerkit", []) if r["rc"] == 0]
    if ak_runs:
        per_run = []
        for r in ak_runs:
            try:
                per_run.append(parse_stages(Path(r["log"]).read_text(encoding="utf-8",
                                                                     errors="replace")))
            except OSError:
                per_run.append(OrderedDict())
        names: list[str] = []
        for st in per_run:
            names += [n for n in st if n not in names]
        if names:
            parts = []
            for n in names:
                vals = [st[n] for st in per_run if n in st]
                parts.append([n, f"{med(vals):.3f}", f"{len(vals)}"])
            out.append("AnswerKit stages (median s over runs):")
            out.append(table(["stage", "median s", "runs"], parts))
        else:
            out.append("AnswerKit stages: none found in its output "
                       f"(see {ak_runs[0]['log']})")
    bad = [f"{TOOL_NAMES[t]} #{r['run']} ({r['foreign']:.1f})"
           for t in ("answerkit", "hugo", "cmark") for r in tools.get(t, []) if disturbed(r)]
    if bad:
        out.append("WARNING: other processes used the CPU during some runs (CPU-s): "
                   + ", ".join(bad) + "; rerun on an idle machine for reliable figures")
    for n in notes:
        out.append("note: " + n)
    return "\n".join(out), summary_rows


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description="Summarize bench/run.sh measurements.")
    ap.add_argument("--raw", type=Path, required=True)
    ap.add_argument("--notes", type=Path)
    ap.add_argument("--work", type=Path, required=True, help="bench/work directory")
    ap.add_argument("--size", type=int, help="print only this size")
    ap.add_argument("--env", type=Path, help="environment description to prepend")
    ap.add_argument("--out", type=Path, help="also write the report here")
    args = ap.parse_args()

    data = load_raw(args.raw)
    notes = load_notes(args.notes)
    sizes = [args.size] if args.size else sorted(data)
    blocks, summary = [], []
    if args.env and args.env.exists():
        blocks.append(args.env.read_text(encoding="utf-8").rstrip())
    for n in notes.get(0, []):
        blocks.append("note: " + n)
    for size in sizes:
        text, rows = summarize_size(size, data.get(size, {}), notes.get(size, []), args.work)
        blocks.append(text)
        summary += rows
    if not args.size:
        blocks.append("== Summary (medians) ==\n" + (table(
            ["entries", "tool", "wall s", "peak RSS", "HTML pages", "pages/s"], summary)
            if summary else "(no measurements)"))
        blocks.append(ANCHORS)
    report = "\n\n".join(blocks) + "\n"
    print(report, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
