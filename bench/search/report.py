"""The search benchmark's report: text tables from the results dictionary
that bench.py collects (pure: values in, text out)."""

from __future__ import annotations

import unicodedata
from typing import Sequence

from metrics import median, ratio

BYTES_TARGET = 0.25  # AnswerKit's bytes per query at most a quarter of Pagefind's
SHARE_TARGET = 0.20  # the index adds at most 20% to the full build
LATENCY_TARGET_MS = 10.0


def table(header: Sequence[str], rows: Sequence[Sequence[object]], left: int = 1) -> str:
    """A plain-text table; the first `left` columns are left-aligned, the others right-aligned."""
    cells = [[str(c) for c in header]] + [[fmt(c) for c in row] for row in rows]
    widths = [max(width(r[i]) for r in cells) for i in range(len(header))]

    def pad(c: str, w: int, at_left: bool) -> str:
        fill = " " * (w - width(c))
        return c + fill if at_left else fill + c

    def line(r):
        return "  ".join(pad(c, w, i < left) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]])


def width(text: str) -> int:
    """Columns a string takes in a terminal: combining marks (niqqud, tashkeel) take none."""
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def fmt(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def kb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1000:.1f} KB"


def ms(x: float | None) -> str:
    return "—" if x is None else (f"{x:.3f}" if x < 1 else f"{x:.2f}")


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "NOT met")


def build_section(sites: list[dict]) -> str:
    rows, notes = [], []
    for s in sites:
        b, p, t = s.get("build"), s.get("pagefind_build") or {}, s.get("index_time")
        if t:
            # Medians of builds with and without the index, alternated (index_time.py).
            wall, without, adds = t["with"]["wall"], t["without"]["wall"], t["adds_wall"]
            cpu_adds, share = t["adds_cpu"], t.get("search_share")
        else:
            # One build: the index's part estimated as its search-cpu over the cores.
            search = b.get("search") if b else None
            wall = b.get("wall") if b else None
            without = wall - search if search is not None and wall else None
            adds = ratio(search, without) if without else None
            cpu_adds = share = None
            if b:
                notes.append(f"{s['label']}: one build, adds estimated as (search-cpu / cores) / (build − that); "
                             "--index-runs measures it")
        rows.append([s["label"], s["entries"],
                     f"{wall:.2f}" if wall else "reused",
                     f"{without:.2f}" if without else "—",
                     pct(adds), verdict(None if adds is None else adds <= SHARE_TARGET),
                     pct(cpu_adds), pct(share),
                     f"{p['wall']:.2f}" if p.get("wall") else "—", p.get("pages", "—")])
        if p.get("pages") is not None and p["pages"] != s["entries"]:
            notes.append(f"{s['label']}: Pagefind indexed {p['pages']} pages for {s['entries']} entries "
                         "(its root selector no longer matches the entry template?)")
    text = table(["site", "entries", "AK build s", "without index s", "adds", "≤ 20 %", "adds (CPU)",
                  "search CPU share", "Pagefind index s", "PF pages"], rows)
    return "\n".join([text] + [f"note: {n}" for n in notes])


def _bytes_rows(s: dict):
    rows = s.get("bytes") or []
    ak = [r["ak"]["gz"] for r in rows]
    raw = [r["ak"]["raw"] for r in rows]
    pf = [r["pf"]["sent"] for r in rows if r.get("pf")]
    return rows, ak, raw, pf


def bytes_section(sites: list[dict]) -> str:
    out = []
    summary = []
    for s in sites:
        rows, ak, raw, pf = _bytes_rows(s)
        if not rows:
            continue
        r = ratio(median(ak), median(pf))
        summary.append([s["label"], len(rows), kb(median(ak)), kb(max(ak)), kb(median(raw)),
                        kb(median(pf)) if pf else "—", kb(max(pf)) if pf else "—",
                        fmt(r), fmt(ratio(max(ak), max(pf)) if pf else None),
                        verdict(None if r is None else r <= BYTES_TARGET)])
    out.append(table(["site", "queries", "AK median", "AK max", "AK raw median", "PF median", "PF max",
                      "AK/PF median", "AK/PF max", "≤ 1/4"], summary))
    for s in sites:
        rows, _, _, _ = _bytes_rows(s)
        if not rows:
            continue
        parts = []
        for key, label in (("js", "JS"), ("index", "manifest+shards"), ("display", "display")):
            parts.append(f"{label} {kb(median([r['ak'][key] for r in rows]))}")
        pfparts = []
        if any(r.get("pf") for r in rows):
            for key, label in (("js", "JS"), ("wasm", "WASM"), ("meta", "entry+meta"), ("index", "index"),
                               ("fragments", "fragments"), ("other", "other")):
                vals = [r["pf"][key] for r in rows if r.get("pf")]
                if any(vals):
                    pfparts.append(f"{label} {kb(median(vals))}")
        out.append(f"{s['label']}, medians by kind — AnswerKit: " + ", ".join(parts)
                   + ("; Pagefind: " + ", ".join(pfparts) if pfparts else ""))
        checks = [r for r in rows if r.get("ak_browser") is not None]
        if checks:
            same = sum(1 for r in checks if r["ak_browser"] == r["ak"]["gz"])
            out.append(f"{s['label']}: AnswerKit in Chromium downloaded exactly the computed bytes for "
                       f"{same}/{len(checks)} queries" + ("" if same == len(checks) else " (see the per-query table)"))
    return "\n".join(out)


def bytes_detail(s: dict) -> str:
    rows = s.get("bytes") or []
    body = [[r["locale"], r["query"], r["ak"]["files"], kb(r["ak"]["gz"]), kb(r["ak"]["raw"]),
             kb(r.get("ak_browser")), r["pf"]["files"] if r.get("pf") else "—",
             kb(r["pf"]["sent"]) if r.get("pf") else "—",
             fmt(ratio(r["ak"]["gz"], r["pf"]["sent"])) if r.get("pf") else "—",
             r.get("ak_hits", "—"), r["pf"]["total"] if r.get("pf") else "—"] for r in rows]
    return table(["locale", "query", "AK files", "AK gz", "AK raw", "AK in Chromium", "PF files", "PF sent",
                  "AK/PF", "AK hits", "PF hits"], body, left=2)


def relevance_section(s: dict) -> str:
    rel = s.get("relevance") or {}
    rows = []
    for locale, r in rel.items():
        rows.append([locale, r["ak"]["queries"], pct(r["ak"]["recall5"]), pct(r["pf"]["recall5"]) if r.get("pf") else "—",
                     fmt(r["ak"]["mrr10"]), fmt(r["pf"]["mrr10"]) if r.get("pf") else "—"])
    return table(["locale", "queries", "AK Recall@5", "PF Recall@5", "AK MRR@10", "PF MRR@10"], rows)


def relevance_misses(s: dict) -> str:
    lines = []
    for locale, r in (s.get("relevance") or {}).items():
        for c in r["cases"]:
            ak_rank = _rank(c["ak"], c["expect"])
            pf_rank = _rank(c.get("pf") or [], c["expect"])
            if ak_rank is None or ak_rank > 5 or (c.get("pf") is not None and (pf_rank is None or pf_rank > 5)):
                lines.append(f"  {locale}  {c['query']!r} → {'/'.join(c['expect'])}: "
                             f"AnswerKit rank {ak_rank or '>10'}, Pagefind rank {pf_rank or '>10'}")
    return "\n".join(lines) if lines else "  (none)"


def _rank(ranked: list, expect: list) -> int | None:
    for i, item in enumerate(ranked[:10], start=1):
        if item in expect:
            return i
    return None


def latency_section(sites: list[dict]) -> str:
    rows = []
    for s in sites:
        lat = s.get("latency") or {}
        for tool, label in (("ak", "AnswerKit search()"), ("pf", "Pagefind search()+data()"),
                            ("pf_search", "Pagefind search() only")):
            per = lat.get(tool) or []
            meds = [p["median"] for p in per]
            if not meds:
                continue
            ok = max(meds) < LATENCY_TARGET_MS if tool == "ak" else None
            rows.append([s["label"], label, len(meds), ms(median(meds)), ms(max(meds)),
                         ms(median([t for p in per for t in p["times"]])), verdict(ok)])
    return table(["site", "client", "queries", "median of medians ms", "max median ms", "median all runs ms",
                  "< 10 ms"], rows, left=2)


def latency_detail(s: dict) -> str:
    lat = s.get("latency") or {}
    ak = {(p["locale"], p["query"]): p for p in lat.get("ak") or []}
    pf = {(p["locale"], p["query"]): p for p in lat.get("pf") or []}
    pfs = {(p["locale"], p["query"]): p for p in lat.get("pf_search") or []}
    rows = []
    for key in ak.keys() | pf.keys():
        a, p, q = ak.get(key), pf.get(key), pfs.get(key)
        rows.append([key[0], key[1], a["hits"] if a else "—", ms(a["median"]) if a else "—",
                     p["hits"] if p else "—", ms(p["median"]) if p else "—", ms(q["median"]) if q else "—"])
    rows.sort(key=lambda r: (r[0], r[1]))
    return table(["locale", "query", "AK hits", "AK ms", "PF hits", "PF ms", "PF search() ms"], rows, left=2)


def render(results: dict) -> str:
    meta, sites = results["meta"], results["sites"]
    out = [f"AnswerKit search benchmark — {meta['date']} on {meta['host']}",
           f"CPU: {meta['cpus']} cores; load average at start {meta['load_start']}, at end {meta.get('load_end', '?')}",
           f"AnswerKit: {meta['answerkit']} ({meta['answerkit_version']})",
           f"Pagefind: {meta['pagefind_version']} ({' '.join(meta['pagefind_args'])}); "
           f"Chromium: {meta.get('chromium', '—')}; node: {meta['node']}",
           f"Repo: {meta['repo_rev']}; seed {meta['seed']}; timings from one run each"]
    out += [f"WARNING: {w}" for w in meta.get("warnings", [])]
    out += ["", "== Index build ==",
            "AK build s and without index s: medians of `answerkit build` (wall) with and without the index",
            "(`--no-search-index`), alternated; adds = (with − without) / without, target ≤ 20 %; adds (CPU): the same",
            "for user + system CPU time; search CPU share: the build's `search-cpu` / its CPU time.",
            "Pagefind index s: `python3 -m pagefind` over the same output (wall).",
            "", build_section(sites)]
    out += ["", "== Bytes per query (what a browser downloads for one query on a fresh page) ==",
            "AnswerKit: answerkit.js + analyzer.js + search.js, manifest, the shards the query reads and the display",
            "files of the top 10, each gzipped (level 6) as a server compressing on the fly sends it; raw = uncompressed.",
            "Pagefind: every /pagefind/ response of pagefind.search(q) + data() of the top 10 in headless Chromium",
            "(pagefind.js and its worker gzipped by the server; index, fragments and WASM already compressed by Pagefind).",
            "Response bodies only (no HTTP headers); the HTML page itself is excluded for both. KB = 1000 bytes.",
            "", bytes_section(sites)]
    for s in sites:
        if s.get("pagefind_ui_gz"):
            out.append(f"{s['label']}: Pagefind's default UI (pagefind-ui.js + .css, not counted above) adds "
                       f"{kb(s['pagefind_ui_gz'])} gzipped; AnswerKit's UI is inside search.js.")
    for s in sites:
        if s.get("relevance"):
            out += ["", f"== Relevance: {s['label']} (Tests/Fixtures/relevance; AnswerKit: `answerkit search` CLI; "
                        "Pagefind: search() in Chromium, URLs mapped to entry ids) ==", "", relevance_section(s),
                    "", "Misses (expected entry not in the top 5 of a tool):", relevance_misses(s)]
    out += ["", "== Query latency in headless Chromium, after the query's index files are loaded ==",
            f"Each query run once to load what it needs, then timed over {meta['reps']} runs; a query's figure is the median.",
            "AnswerKit: AnswerKitSearch.createEngine(...).search(q, 10) (ranking + top-10 display records);",
            "Pagefind: search(q) + data() of the top 10 (its default Web Worker), and search(q) alone.",
            f"Timer: performance.now(), cross-origin isolated: {meta.get('isolated', '?')}.",
            "", latency_section(sites)]
    for s in sites:
        if s.get("bytes"):
            out += ["", f"== Per query: {s['label']} ==", "", bytes_detail(s)]
        if s.get("latency"):
            out += ["", latency_detail(s)]
    return "\n".join(out) + "\n"
