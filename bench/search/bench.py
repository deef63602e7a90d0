"""The search benchmark of issue 3: AnswerKit's search side by side with Pagefind.

Run through bench/search/run.sh (which installs Pagefind and Selenium);
`python3 bench.py --help` lists the options. Phases, in order, for each site
(the sample knowledge base, then the 10 000-entry corpus):

  build      answerkit build --timings (or a given built site), then builds with and without the index,
             alternated (index_time.py; --index-runs), then Pagefind over the same output
  queries    the query set of the site
  bytes      AnswerKit: the node runner's list of fetched index files, gzipped; Pagefind: Chromium
  relevance  sample site: Recall@5 and MRR@10 per locale, CLI vs Pagefind
  latency    Chromium: both clients, after each query's files are loaded

then the report (bench/results/search.txt, raw figures in search.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import index_time
import metrics
import queries as querysets
import report

HERE = Path(__file__).resolve().parent
AK_SCRIPTS = ["answerkit.js", "analyzer.js", "search.js"]  # what a page loads for search, in order
LIMIT = 10
# Pagefind indexes what AnswerKit indexes: entry pages only (pages without the
# root element are skipped) and the entry's own text (title, summary, body,
# sources, tags), not the table of contents (a copy of the headings), the
# approved replies or the approval box. What a site owner does with
# data-pagefind-body / data-pagefind-ignore in the entry template.
PAGEFIND_ARGS = ["--root-selector", "article.entry", "--exclude-selectors", ".toc, .replies, .approval"]


STARTED = time.monotonic()


def say(msg: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {msg}", file=sys.stderr, flush=True)


# --- external commands ----------------------------------------------------------


def run_logged(cmd: list[str], log: Path, cwd: Path | None = None) -> tuple[float, str]:
    """Runs `cmd`, output to `log`; returns (wall seconds, output). Fails with the log's tail."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - t0
    log.write_text(proc.stdout)
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-15:])
        raise SystemExit(f"error: {' '.join(cmd[:3])}… failed ({proc.returncode}); log {log}:\n{tail}")
    return wall, proc.stdout


def parse_stages(text: str) -> dict[str, float]:
    """`stage <name> <seconds>s` lines of `answerkit build --timings` (repeated names summed)."""
    stages: dict[str, float] = {}
    for m in re.finditer(r"^stage (\S+) ([0-9.]+)s\s*$", text, re.M):
        stages[m.group(1)] = stages.get(m.group(1), 0.0) + float(m.group(2))
    return stages


def build_answerkit(ak: str, root: Path, out: Path, log: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    subprocess.run(["sync"], check=False)
    wall, text = run_logged([ak, "build", "--root", str(root), "--output", str(out), "--timings"], log)
    stages = parse_stages(text)
    # Analysis and indexing run on the rendering threads (each locale's index is
    # written as soon as its entries are done), so `--timings` reports their CPU
    # time summed over threads as `search-cpu`; spread over the cores, plus the
    # `search` stage (what is left at the end), it is the wall time search adds.
    cpu = re.search(r"^search-cpu ([0-9.]+)s", text, re.M)
    search = stages.get("search", 0.0) + (float(cpu.group(1)) / (os.cpu_count() or 1) if cpu else 0.0)
    return {"wall": wall, "stages": stages, "search": search}


def run_pagefind(site: Path, bundle: Path, log: Path) -> dict:
    if bundle.exists():
        shutil.rmtree(bundle)
    subprocess.run(["sync"], check=False)
    wall, text = run_logged([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(bundle),
                             *PAGEFIND_ARGS], log)
    pages = re.search(r"Indexed (\d+) pages", text)
    finished = re.search(r"Finished in ([0-9.]+) seconds", text)
    return {"wall": wall, "reported": float(finished.group(1)) if finished else None,
            "pages": int(pages.group(1)) if pages else None}


def answerkit_search(ak: str, site: Path, locale: str, query: str, cwd: Path) -> list[str]:
    # "--" ends the options: a query may start with "-".
    proc = subprocess.run([ak, "search", "--locale", locale, "--format", "json", "--output", str(site),
                           "--limit", str(LIMIT), "--", query], cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"error: answerkit search {query!r} --locale {locale} failed: {proc.stderr.strip()}")
    return [hit["id"] for hit in json.loads(proc.stdout or "[]")]


def run_runner(runner: Path, site: Path, cases: list[dict], work: Path) -> list[dict]:
    qfile = work / "runner-queries.json"
    qfile.write_text(json.dumps(cases, ensure_ascii=False))
    proc = subprocess.run(["node", str(runner), str(site), str(qfile)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"error: node {runner} failed:\n{proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "?"


# --- the site's files -----------------------------------------------------------


def locales_of(site: Path) -> list[str]:
    root = site / "search"
    found = sorted(p.name for p in root.iterdir() if (p / "manifest.json").is_file()) if root.is_dir() else []
    if not found:
        raise SystemExit(f"error: {root}: no search index (search/<locale>/manifest.json); "
                         "is the site built by an answerkit with search?")
    return found


def display_records(site: Path, locale: str) -> list[list]:
    """All display records of a locale's index (d<c>.json, see the index format), in document order."""
    folder = site / "search" / locale
    files = sorted(folder.glob("d*.json"), key=lambda p: int(p.stem[1:]))
    return [rec for f in files for rec in json.loads(f.read_text(encoding="utf-8"))]


def entry_count(site: Path, locales: list[str]) -> int:
    return sum(json.loads((site / "search" / l / "manifest.json").read_text())["docs"] for l in locales)


def scripts_for(site: Path, assets: Path) -> list[tuple[str, Path]]:
    """(URL, file) of each AnswerKit search script: the site's own copy, else the repository's."""
    out = []
    for name in AK_SCRIPTS:
        own = site / "assets" / name
        if own.is_file():
            out.append((f"/assets/{name}", own))
        elif (assets / name).is_file():
            out.append((f"/__bench__/js/{name}", assets / name))
        else:
            raise SystemExit(f"error: {name} is neither in {site / 'assets'} nor in {assets}")
    return out


# --- phases ------------------------------------------------------------------------


def ak_bytes(site: Path, scripts: list[tuple[str, Path]], fetched: list[str], locale: str) -> dict:
    """What AnswerKit's client downloads for one query: scripts + the index files it fetched (gzip and raw)."""
    def sizes(path: Path) -> tuple[int, int]:
        data = path.read_bytes()
        return metrics.gzip_size(data), len(data)

    js = [sizes(p) for _, p in scripts]
    files = [sizes(site / "search" / locale / f) for f in fetched]
    index = [s for f, s in zip(fetched, files) if not f.startswith("d")]
    display = [s for f, s in zip(fetched, files) if f.startswith("d")]
    return {"files": len(fetched) + len(scripts),
            "gz": sum(g for g, _ in js + files), "raw": sum(r for _, r in js + files),
            "js": sum(g for g, _ in js), "index": sum(g for g, _ in index), "display": sum(g for g, _ in display)}


def pf_kind(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".js"):
        return "js"
    if name.startswith("wasm."):
        return "wasm"
    if name.endswith(".pf_index"):
        return "index"
    if name.endswith(".pf_fragment"):
        return "fragments"
    if name == "pagefind-entry.json" or name.endswith(".pf_meta"):
        return "meta"
    return "other"


def pf_bytes(served: list) -> dict:
    rows = [r for r in served if r.path.startswith("/pagefind/")]
    out = {"files": len(rows), "sent": sum(r.sent for r in rows),
           "js": 0, "wasm": 0, "meta": 0, "index": 0, "fragments": 0, "other": 0}
    for r in rows:
        out[pf_kind(r.path)] += r.sent
    return out


def settle(server, quiet: float = 0.05, limit: float = 5.0) -> list:
    """The server's log once no response has been logged for `quiet` seconds."""
    rows, start = [], time.monotonic()
    while time.monotonic() - start < limit:
        time.sleep(quiet)
        new = server.log.take()
        if not new:
            break
        rows += new
    return rows


def latency_rows(results: list[dict], locale: str, key: str = "times") -> list[dict]:
    return [{"locale": locale, "query": r["query"], "hits": r["hits"], "median": statistics.median(r[key]),
             "times": r[key]} for r in results]


def measure_site(s: dict, args, ctx: dict) -> None:
    """Every phase for one site; fills `s` (a results entry)."""
    from browser import AK_LATENCY, AK_ONE, PF_LATENCY, PF_MANY, PF_ONE, Chromium
    from server import BenchServer, Config

    site, bundle, label = s["site_path"], s["bundle_path"], s["label"]
    locales = locales_of(site)
    s["entries"] = entry_count(site, locales)
    scripts = scripts_for(site, args.assets)
    if any(url.startswith("/__bench__/") for url, _ in scripts):
        ctx["warnings"].append(f"{label}: " + ", ".join(p.name for u, p in scripts if u.startswith("/__bench__/"))
                               + f" not in the site's assets/: taken from {args.assets}")

    # Queries.
    if s["kind"] == "sample":
        cases = {l: json.loads((args.relevance / f"{l}.json").read_text(encoding="utf-8"))
                 for l in locales if (args.relevance / f"{l}.json").is_file()}
        byte_queries = [(l, q) for l in locales for q in querysets.short_queries(cases.get(l, []))]
    else:
        cases = {}
        byte_queries = [(l, q) for l in locales
                        for q in querysets.pick_queries([r[1] for r in display_records(site, l)], l,
                                                        args.seed, args.one_word, args.two_words)]
    s["queries"] = [{"locale": l, "query": q} for l, q in byte_queries]

    # Bytes, AnswerKit: the node runner runs search.js over the files and lists what it fetched.
    say(f"[{label}] bytes per query: AnswerKit ({len(byte_queries)} queries, node runner)")
    runs = run_runner(args.runner, site, [{"locale": l, "query": q, "limit": LIMIT} for l, q in byte_queries],
                      ctx["work"])
    s["bytes"] = [{"locale": l, "query": q, "ak": ak_bytes(site, scripts, r["fetched"], l),
                   "ak_fetched": r["fetched"], "ak_hits": len(r["hits"])}
                  for (l, q), r in zip(byte_queries, runs)]

    ui = [bundle / n for n in ("pagefind-ui.js", "pagefind-ui.css")]
    s["pagefind_ui_gz"] = sum(metrics.gzip_size(p.read_bytes()) for p in ui if p.is_file())

    config = Config(site=site, pagefind=bundle, extra_scripts={u: p for u, p in scripts if u.startswith("/__bench__/")},
                    ak_scripts=[u for u, _ in scripts])
    script_urls = {u for u, _ in scripts}
    with BenchServer(config) as server, Chromium() as chrome:
        ctx["chromium"] = chrome.version

        def page(kind: str, locale: str) -> str:
            return f"{server.origin}/__bench__/{kind}.html?lang={locale}"

        say(f"[{label}] bytes per query: Pagefind and AnswerKit in Chromium")
        for row in s["bytes"]:
            l, q = row["locale"], row["query"]
            server.log.take()  # leftovers of the previous page (its favicon request)
            r = chrome.run(page("pagefind", l), PF_ONE, q, LIMIT)
            row["pf"] = pf_bytes(settle(server)) | {"total": r["total"]}
            server.log.take()
            r = chrome.run(page("answerkit", l), AK_ONE, l, q, LIMIT)
            served = settle(server)
            row["ak_browser"] = sum(x.sent for x in served
                                    if x.path in script_urls or x.path.startswith(f"/search/{l}/"))
            if r["fetched"] != row["ak_fetched"]:
                ctx["warnings"].append(f"{label}: {l} {q!r}: Chromium fetched {r['fetched']}, "
                                       f"the node runner {row['ak_fetched']}")

        if cases:
            say(f"[{label}] relevance: AnswerKit CLI and Pagefind")
            s["relevance"] = {}
            for l, items in cases.items():
                urls_to_id = {metrics.normalize_url(rec[2]): rec[0] for rec in display_records(site, l)}
                pf = chrome.run(page("pagefind", l), PF_MANY, [c["query"] for c in items], LIMIT)["results"]
                rows = []
                for c, p in zip(items, pf):
                    rows.append({"query": c["query"], "expect": metrics.expected_ids(c),
                                 "ak": answerkit_search(args.answerkit, site, l, c["query"], ctx["work"]),
                                 "pf": [urls_to_id.get(metrics.normalize_url(u)) for u in p["urls"]]})
                s["relevance"][l] = {
                    "cases": rows,
                    "ak": metrics.relevance_summary([(r["ak"], r["expect"]) for r in rows]),
                    "pf": metrics.relevance_summary([(r["pf"], r["expect"]) for r in rows]),
                }

        if args.reps > 0:
            say(f"[{label}] latency in Chromium ({args.reps} runs per query)")
            lat = {"ak": [], "pf": [], "pf_search": []}
            for l in locales:
                qs = [q for ql, q in byte_queries if ql == l]
                if not qs:
                    continue
                r = chrome.run(page("answerkit", l), AK_LATENCY, l, qs, args.reps, LIMIT)
                ctx["isolated"] = r["isolated"]
                lat["ak"] += latency_rows(r["results"], l)
                r = chrome.run(page("pagefind", l), PF_LATENCY, qs, args.reps, LIMIT)
                lat["pf"] += latency_rows(r["results"], l)
                lat["pf_search"] += latency_rows(r["results"], l, "search")
            s["latency"] = lat


def prepare_site(s: dict, args, ctx: dict) -> None:
    """Builds the site with AnswerKit (unless given) and runs Pagefind over it; fills s["build"], s["pagefind_build"]."""
    label, logs = s["label"], ctx["logs"]
    if s.get("given"):
        s["site_path"] = s["given"]
        s["build"] = None
        say(f"[{label}] reusing the built site {s['given']}")
    else:
        if s["kind"] == "large":
            if not args.no_generate:
                say(f"[{label}] corpus {s['root']} (bench/generate.py, reused when unchanged)")
                subprocess.run([sys.executable, str(args.repo / "bench" / "generate.py"), "--entries",
                                str(args.entries), "--seed", str(args.seed), "--out", str(s["root"]),
                                "--templates", str(args.templates), "--reuse"], check=True, stdout=sys.stderr)
            elif not (s["root"] / "answerkit.yml").is_file():
                raise SystemExit(f"error: {s['root']}: no answerkit.yml (drop --no-generate to generate the corpus)")
            # Warm the page cache: the timed build should not pay for the first read from disk.
            for f in (s["root"] / "content").rglob("*.md"):
                f.read_bytes()
        s["site_path"] = ctx["tmp"] / f"answerkit-{s['kind']}"
        say(f"[{label}] answerkit build --root {s['root']}")
        s["build"] = build_answerkit(args.answerkit, s["root"], s["site_path"], logs / f"search-{s['kind']}-answerkit.log")
        say(f"[{label}]   {s['build']['wall']:.2f} s, search-cpu / cores {s['build']['search']:.2f} s")
        if args.index_runs > 0:
            # What the index adds: builds with and without it, alternated (index_time.py).
            say(f"[{label}] index time: {args.index_runs} builds with and {args.index_runs} without the index")
            s["index_time"] = index_time.measure(args.answerkit, s["root"], ctx["tmp"] / f"answerkit-{s['kind']}-timing",
                                                 args.index_runs, log=lambda m: say(f"[{label}] {m.strip()}"))
    s["bundle_path"] = ctx["tmp"] / f"pagefind-{s['kind']}"
    say(f"[{label}] pagefind --site {s['site_path']}")
    s["pagefind_build"] = run_pagefind(s["site_path"], s["bundle_path"], logs / f"search-{s['kind']}-pagefind.log")
    say(f"[{label}]   {s['pagefind_build']['wall']:.2f} s, {s['pagefind_build']['pages']} pages")


def default_tmp() -> Path:
    env = os.environ.get("BENCH_TMP")
    if env:
        return Path(env)
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


def parse_args(argv: list[str]):
    repo = HERE.parent.parent
    p = argparse.ArgumentParser(description="AnswerKit search vs Pagefind: index time, bytes per query, relevance, latency.")
    p.add_argument("--repo", type=Path, default=repo)
    p.add_argument("--sites", default="sample large", help='which sites: "sample", "large" or both (default)')
    p.add_argument("--sample-root", type=Path, default=None, help="knowledge base of the sample site (default: the repo)")
    p.add_argument("--sample-site", type=Path, default=None, help="reuse this built sample site (no AnswerKit build)")
    p.add_argument("--corpus", type=Path, default=None, help="the large corpus (default bench/work/<entries>, generated)")
    p.add_argument("--large-site", type=Path, default=None, help="reuse this built large site (no AnswerKit build)")
    p.add_argument("--entries", type=int, default=10000)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--no-generate", action="store_true", help="use --corpus as it is (never run generate.py)")
    p.add_argument("--templates", type=Path, default=None, help="templates path given to generate.py (default <repo>/templates)")
    p.add_argument("--one-word", type=int, default=3, help="one-word queries per locale on the large site")
    p.add_argument("--two-words", type=int, default=3, help="two-word queries per locale on the large site")
    p.add_argument("--reps", type=int, default=20, help="timed runs per query for latency (0: skip)")
    p.add_argument("--index-runs", type=int, default=3,
                   help="builds with and without the index (each) for the index-time figure (0: skip)")
    p.add_argument("--answerkit", default=os.environ.get("ANSWERKIT_BIN") or str(repo / ".build/release/answerkit"))
    p.add_argument("--runner", type=Path, default=Path(os.environ.get("SEARCH_RUNNER") or repo / "Tests/js/support/search-runner.mjs"))
    p.add_argument("--relevance", type=Path, default=Path(os.environ.get("RELEVANCE_DIR") or repo / "Tests/Fixtures/relevance"))
    p.add_argument("--assets", type=Path, default=Path(os.environ.get("ASSETS_DIR") or repo / "templates/assets"),
                   help="where the search scripts are taken from when a built site lacks one")
    p.add_argument("--results", type=Path, default=repo / "bench/results")
    args = p.parse_args(argv)
    args.sample_root = args.sample_root or args.repo
    args.corpus = args.corpus or args.repo / "bench" / "work" / str(args.entries)
    args.templates = args.templates or args.repo / "templates"
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    wanted = args.sites.split()
    results_dir, logs = args.results, args.results / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    if not Path(args.answerkit).is_file():
        raise SystemExit(f"error: no AnswerKit binary at {args.answerkit} "
                         "(swift build -c release --product answerkit, or set ANSWERKIT_BIN)")
    if subprocess.run([args.answerkit, "search", "--help"], capture_output=True).returncode != 0:
        raise SystemExit(f"error: {args.answerkit} has no 'search' command: rebuild it")
    if not args.runner.is_file():
        raise SystemExit(f"error: no search runner at {args.runner} (set SEARCH_RUNNER)")
    tmp = default_tmp() / f"answerkit-search-bench-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    ctx = {"tmp": tmp, "logs": logs, "work": tmp, "warnings": []}
    if "debug" in Path(args.answerkit).parts:
        ctx["warnings"].append("AnswerKit is a debug build: its build times are not representative")

    sites = []
    if "sample" in wanted:
        sites.append({"kind": "sample", "label": "sample site", "root": args.sample_root, "given": args.sample_site})
    if "large" in wanted:
        sites.append({"kind": "large", "label": f"{args.entries:,} entries".replace(",", " "),
                      "root": args.corpus, "given": args.large_site})
    meta = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "host": platform.node(),
        "cpus": os.cpu_count(), "load_start": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "answerkit": args.answerkit, "answerkit_version": tool_version([args.answerkit, "--version"]),
        "pagefind_version": tool_version([sys.executable, "-m", "pagefind", "--version"]),
        "pagefind_args": PAGEFIND_ARGS, "node": tool_version(["node", "--version"]),
        "repo_rev": tool_version(["git", "-C", str(args.repo), "rev-parse", "--short", "HEAD"]),
        "seed": args.seed, "reps": args.reps,
    }
    started = time.monotonic()
    try:
        for s in sites:
            prepare_site(s, args, ctx)
        for s in sites:
            measure_site(s, args, ctx)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    meta.update(load_end=" ".join(Path("/proc/loadavg").read_text().split()[:3]), chromium=ctx.get("chromium"),
                isolated=ctx.get("isolated"), warnings=ctx["warnings"], seconds=round(time.monotonic() - started, 1))
    for s in sites:
        for key in ("site_path", "bundle_path", "root", "given"):
            s[key] = str(s[key]) if s.get(key) else None
    results = {"meta": meta, "sites": sites}
    text = report.render(results)
    (results_dir / "search.txt").write_text(text)
    (results_dir / "search.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(text)
    say(f"written: {results_dir / 'search.txt'} (raw figures: search.json); {meta['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
