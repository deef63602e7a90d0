"""The serve benchmark's report: one table per size, then the issue's targets (pure functions)."""

from __future__ import annotations

import statistics
from collections import Counter

TOOLS = ("answerkit", "hugo")
NAMES = {"answerkit": "AnswerKit", "hugo": "Hugo"}
# Issue 6: a one-entry edit served in under 100 ms (median) at 10 000 entries, under 1 s at
# 100 000; a no-change build under 10 % of the full build at 10 000.
EDIT_TARGETS = {10000: 0.1, 100000: 1.0}
NOCHANGE_SHARE = 0.10


def median(values: list[float]) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def seconds(v: float | None) -> str:
    if v is None:
        return "—"
    if v < 0.01:
        return f"{v * 1000:.1f} ms"
    if v < 1:
        return f"{v * 1000:.0f} ms"
    return f"{v:.2f} s" if v < 100 else f"{v:.0f} s"


def spread(values: list[float | None], total: int | None = None) -> str:
    """`median (min–max)`, plus `k/n` when some runs gave no figure."""
    got = [v for v in values if v is not None]
    if not got:
        return "—" if not values else f"none of {len(values)}"
    text = seconds(statistics.median(got))
    if len(got) > 1:
        text += f" ({seconds(min(got))}–{seconds(max(got))})"
    total = len(values) if total is None else total
    if len(got) < total:
        text += f" [{len(got)}/{total}]"
    return text


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}"


def rows_of(size: dict, tool: str, kind: str) -> list[dict]:
    return [r for r in size["rows"] if r["tool"] == tool and r["kind"] == kind]


def tools_in(size: dict) -> list[str]:
    seen = {r["tool"] for r in size["rows"]} | set(size.get("servers", {})) | \
        {t for t in TOOLS if size.get("builds", {}).get(t)}
    return [t for t in TOOLS if t in seen]


def figure_lines(size: dict) -> list[tuple[str, dict[str, str], str]]:
    """(figure, value per tool, AnswerKit/Hugo) rows of a size's table."""
    tools = tools_in(size)
    builds = size.get("builds", {})
    out: list[tuple[str, dict[str, str], str]] = []

    def add(label: str, per_tool: dict[str, list], both: bool = True, total: dict[str, int] | None = None):
        vals = {t: spread(per_tool.get(t, []), (total or {}).get(t)) for t in tools if t in per_tool}
        r = ratio(median(per_tool.get("answerkit", [])), median(per_tool.get("hugo", []))) if both else ""
        out.append((label, vals, r))

    full = {t: builds[t] for t in tools if builds.get(t)}
    if full:
        add("full build (cold, build command)", full)
    if builds.get("answerkit-nochange"):
        nc, fb = median(builds["answerkit-nochange"]), median(builds.get("answerkit", []))
        share = f" = {nc / fb:.1%} of full" if nc is not None and fb else ""
        out.append(("no-change build (build again)", {"answerkit": spread(builds["answerkit-nochange"]) + share,
                                                      "hugo": "(no such mode)"} if "hugo" in tools else
                    {"answerkit": spread(builds["answerkit-nochange"]) + share}, ""))
    srv = size.get("servers", {})
    if srv:
        add("server start until serving", {t: [srv[t]["start_s"]] for t in tools if t in srv})
        add("  its first build (own log)", {t: [srv[t]["first_build_ms"] / 1000 if srv[t].get("first_build_ms")
                                                else None] for t in tools if t in srv})

        probes = {t: srv[t].get("probe", {}) for t in tools if t in srv}
        if any(probes.values()):
            add("GET unchanged page, new connection", {t: p.get("fresh", []) for t, p in probes.items()})
            add("GET unchanged page, kept alive", {t: p.get("keep-alive", []) for t, p in probes.items()})

    kinds = [k for k in ("body", "title", "touch") if any(r["kind"] == k for r in size["rows"])]
    for kind in kinds:
        per = {t: rows_of(size, t, kind) for t in tools if rows_of(size, t, kind)}
        if kind == "touch":
            vals, rs = {}, {}
            for t, rows in per.items():
                got = [r["reload"] for r in rows if r["reload"] is not None]
                vals[t] = (f"{spread(got)}, {len(got)}/{len(rows)} reloaded" if got
                           else f"no reload ({len(rows)} runs, waited {seconds(max(r['window'] for r in rows))})")
                rs[t] = median(got)
            out.append(("touch (mtime only) → reload", vals, ratio(rs.get("answerkit"), rs.get("hugo"))))
            notes = {t: _most_common([n for r in rows for n in r.get("server_notes", [])], len(rows))
                     for t, rows in per.items()}
            if any(notes.values()):
                out.append(("  what the server says it did", {t: v or "—" for t, v in notes.items()}, ""))
            continue
        label = {"body": "body edit", "title": "title edit"}[kind]
        add(f"{label} → reload event", {t: [r["reload"] for r in rows] for t, rows in per.items()})
        add(f"{label} → page shows it", {t: [r["page"] for r in rows] for t, rows in per.items()})
        if kind == "title":
            add(f"{label} → category page", {t: [r["list"] for r in rows] for t, rows in per.items()})
        add("  rebuild time (server's log)",
            {t: [sum(r["server_ms"]) / 1000 if r["server_ms"] else None for r in rows] for t, rows in per.items()})
        notes = {t: _most_common([n for r in rows for n in r.get("server_notes", [])], len(rows))
                 for t, rows in per.items()}
        if any(notes.values()):
            out.append(("  what the server says it did", {t: v or "—" for t, v in notes.items()}, ""))
        page_vs_full = {}
        for t, rows in per.items():
            p, f = median([r["page"] for r in rows]), median(builds.get(t, []))
            page_vs_full[t] = f"{p / f:.2f}" if p is not None and f else "—"
        out.append(("  page time / full build", page_vs_full, ""))

    counts = {}
    for t in tools:
        rows = [r for r in size["rows"] if r["tool"] == t and r["kind"] != "touch"]
        if rows:
            builds_per = [r["rebuilds"] + r["late_rebuilds"] for r in rows]
            reloads_per = [r["reloads"] + r["late_reloads"] for r in rows]
            counts[t] = f"{_range(builds_per)} rebuild(s), {_range(reloads_per)} reload(s)"
    if counts:
        out.append(("per body/title edit", counts, ""))
    mem = {t: f"{srv[t]['peak_kb'] / 1024:.0f} MiB" for t in tools if t in srv and srv[t].get("peak_kb")}
    if mem:
        out.append(("server peak RSS", mem, ""))
    return out


def _most_common(notes: list[str], edits: int) -> str:
    """The note most edits share, with how many (`1 pages made again, 3 files written (9/10)`)."""
    if not notes:
        return ""
    note, count = Counter(notes).most_common(1)[0]
    return note if count == edits == len(notes) else f"{note} ({count}/{edits})"


def _range(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return str(lo) if lo == hi else f"{lo}–{hi} (median {statistics.median(values):g})"


def table(lines: list[tuple[str, dict[str, str], str]], tools: list[str]) -> str:
    head = ["figure"] + [NAMES[t] for t in tools] + (["AnswerKit / Hugo"] if len(tools) > 1 else [])
    body = [[label] + [vals.get(t, "") for t in tools] + ([r] if len(tools) > 1 else []) for label, vals, r in lines]
    widths = [max(len(row[i]) for row in [head] + body) for i in range(len(head))]
    fmt = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()  # noqa: E731
    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(r) for r in body])


def targets(size: dict) -> list[str]:
    """The issue's targets that this size measures, each met / NOT met."""
    n, out = size["size"], []
    body = median([r["page"] for r in rows_of(size, "answerkit", "body")])
    if n in EDIT_TARGETS and body is not None:
        limit = EDIT_TARGETS[n]
        out.append(f"one-entry edit rebuilt and served in under {seconds(limit)} (median, body edit → page): "
                   f"{seconds(body)}: {'met' if body < limit else 'NOT met'}")
    b = size.get("builds", {})
    nc, full = median(b.get("answerkit-nochange", [])), median(b.get("answerkit", []))
    if n == 10000 and nc is not None and full:
        out.append(f"no-change build under {NOCHANGE_SHARE:.0%} of the full build ('answerkit build' again): "
                   f"{nc / full:.1%}: {'met' if nc / full < NOCHANGE_SHARE else 'NOT met'}")
        touch = rows_of(size, "answerkit", "touch")
        got = [r["reload"] for r in touch if r["reload"] is not None]
        if touch:
            if got:
                share = median(got) / full
                out.append(f"  and in serve, a touched file (no change) → reload in {seconds(median(got))} = "
                           f"{share:.1%} of the full build: {'met' if share < NOCHANGE_SHARE else 'NOT met'}")
            else:
                out.append("  and in serve, a touched file (no change) causes no reload: met")
    return out


def disturbed(size: dict) -> list[str]:
    bad = [r for r in size["rows"] if r.get("foreign_cpu") and r["foreign_cpu"] > 0.5
           and r["foreign_cpu"] > 0.1 * r.get("window", 0)]
    return [f"{r['tool']} {r['kind']} #{r['run']} ({r['foreign_cpu']:.1f} CPU-s)" for r in bad]


def size_report(size: dict) -> str:
    tools = tools_in(size)
    runs = max((r["run"] for r in size["rows"]), default=0)
    lines = [f"== {size['size']:,} entries ==".replace(",", " ") + f"  ({runs} runs per edit kind; median (min–max))",
             "", table(figure_lines(size), tools)]
    t = targets(size)
    if t:
        lines += ["", "Targets (issue 6):"] + [f"  {x}" for x in t]
    errors = [f"{r['tool']} {r['kind']} #{r['run']} {r['entry']}: {r['error']}" for r in size["rows"] if r["error"]]
    notes = size.get("notes", []) + errors
    d = disturbed(size)
    if d:
        notes.append("WARNING: other processes used the CPU during " + ", ".join(d))
    if notes:
        lines += ["", "Notes:"] + [f"  - {x}" for x in notes]
    return "\n".join(lines)


def full_report(env: dict, sizes: list[dict]) -> str:
    head = [
        f"AnswerKit serve benchmark — {env['date']} on {env['host']}",
        f"CPU: {env['cpu']}; RAM: {env['mem_gib']} GiB; files under {env['tmp']}",
        f"AnswerKit: {env['answerkit']}",
        f"Hugo: {env['hugo']}" + (f" (hugo server {env['hugo_flags']})" if env.get("hugo_flags") else ""),
        f"Repo: {env['repo']}; kinds: {' '.join(env['kinds'])}; settle {env['settle']} s; page fetched at each "
        f"reload event, and polled every {env['poll'] * 1000:.0f} ms (after 1 s: 5 % of the wait, ≤ 100 ms)",
        f"Load at start: {env['uptime_start']}",
        f"Load at end:   {env.get('uptime_end', '?')}",
        "",
        "Times from the save (scratch file renamed over the entry) to: the reload event on the server's",
        "stream (AnswerKit: SSE /__answerkit/events; Hugo: LiveReload WebSocket), and a GET of the page",
        "that contains the new word. Tools alternate edit by edit on copies of the same corpus.",
    ]
    return "\n".join(head + [""] + ["\n\n".join(size_report(s) for s in sizes)]) + "\n"
