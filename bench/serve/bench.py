"""The dev-server benchmark of issue 6: `answerkit serve` side by side with `hugo server`.

Run through bench/serve.sh; `python3 bench/serve/bench.py --help` lists the
options. Phases, in order, for each corpus size N:

  corpus    copy the corpus (answerkit.yml + content/) to BENCH_TMP, once per tool
  builds    full builds for context: answerkit build (no output, no build record),
            the same again (no change: the build record says so), hugo (as bench/run.sh)
  start     answerkit serve --port 0, hugo server --port <free>, each waited
            for until it serves; a listener on each reload stream
  edits     for each kind (body, title, touch) and run: the same edit of the
            same entry in each tool's copy, tools alternating; time from the
            save to (a) the reload event and (b) a GET of the page showing the
            new word (title edits: also the category page); then a settle
            period in which extra reloads and rebuilds are counted
  stop      both servers (SIGTERM to their process group; also on Ctrl-C/exit)

then the report (bench/results/serve-latest.txt; every figure in serve-latest.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import edits
import report
import servers
import streams

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent
REPO = BENCH.parent
STARTED = time.monotonic()
# Resident memory Hugo needs per entry, with some margin: a build peaks at 11 GiB at 100 000 entries
# (the figure); `hugo server` peaked at 2.3 GiB at 10 000 entries here (it keeps the site in memory).
HUGO_BUILD_KB_PER_ENTRY = 125
HUGO_SERVER_KB_PER_ENTRY = 240


def say(msg: str) -> None:
    print(f"[{time.monotonic() - STARTED:7.1f} s] {msg}", file=sys.stderr, flush=True)


def busy_seconds() -> float:
    """Busy CPU seconds of the whole machine so far (/proc/stat, as bench/run.sh counts them)."""
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu "):
                v = [int(x) for x in line.split()[1:]]
                return (v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)) / os.sysconf("SC_CLK_TCK")
    return 0.0


def own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def mem_available_kb() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    return 0


def uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return Path("/proc/loadavg").read_text().strip()


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return ((out.stdout or out.stderr).strip().splitlines() or ["?"])[0]
    except (OSError, subprocess.TimeoutExpired):
        return "?"


# --- corpus ------------------------------------------------------------------------


def corpus_for(n: int, args) -> Path:
    """The corpus of `n` entries: <--corpus-dir>/<n> when given, else bench/work/<n> (generated when missing)."""
    if args.corpus_dir:
        path = Path(args.corpus_dir) / str(n)
        if not (path / "answerkit.yml").is_file():
            raise SystemExit(f"error: {path}/answerkit.yml missing (--corpus-dir {args.corpus_dir})")
        return path
    path = BENCH / "work" / str(n)
    say(f"corpus: bench/generate.py --entries {n} --seed {args.seed} --reuse → {path}")
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--entries", str(n), "--seed", str(args.seed),
                    "--out", str(path), "--templates", str(REPO / "templates"), "--reuse"], check=True,
                   stdout=sys.stderr)
    return path


def copy_corpus(src: Path, dest: Path) -> None:
    """answerkit.yml and content/ only (bodies.md, the cmark floor's input, is not needed)."""
    dest.mkdir(parents=True)
    shutil.copy2(src / "answerkit.yml", dest / "answerkit.yml")
    subprocess.run(["cp", "-a", str(src / "content"), str(dest / "content")], check=True)


# --- full builds ---------------------------------------------------------------------


def timed(cmd: list[str], log: Path, cwd: Path | None = None) -> tuple[float, str]:
    subprocess.run(["sync"], check=False)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    wall = time.perf_counter() - t0
    log.write_text("$ " + shlex.join(cmd) + "\n" + proc.stdout)
    if proc.returncode != 0:
        tail = "\n".join("  | " + l for l in proc.stdout.splitlines()[-10:])
        raise RuntimeError(f"{shlex.join(cmd[:2])} failed (exit {proc.returncode}); log {log}:\n{tail}")
    return wall, proc.stdout


def full_builds(args, ak: Path, hugo: "HugoSite | None", work: Path, logs: Path, n: int, builds: int) -> dict:
    """Medians of `builds` cold builds per tool (and AnswerKit's no-change build), outputs deleted after each."""
    out: dict = {"answerkit": [], "answerkit-nochange": [], "hugo": [], "notes": []}
    for b in range(1, builds + 1):
        # Cold: no output and no build record; then the same command again, which finds nothing changed.
        dest = work / "ak-full"
        shutil.rmtree(dest, ignore_errors=True)
        shutil.rmtree(ak / ".answerkit-cache", ignore_errors=True)
        cmd = [str(args.answerkit), "build", "--root", str(ak), "--output", str(dest)]
        wall, _ = timed(cmd, logs / f"serve-{n}-build-answerkit-{b}.log")
        out["answerkit"].append(wall)
        wall, text = timed(cmd, logs / f"serve-{n}-build-answerkit-nochange-{b}.log")
        out["answerkit-nochange"].append(wall)
        if "up to date" not in text:
            out["notes"].append(f"build {b}: the second 'answerkit build' did not say 'up to date': it rebuilt")
        shutil.rmtree(dest, ignore_errors=True)
        shutil.rmtree(ak / ".answerkit-cache", ignore_errors=True)
        say(f"  build {b}: answerkit {out['answerkit'][-1]:.2f} s, no change {out['answerkit-nochange'][-1]:.2f} s")
        if hugo:
            dest = work / "hugo-full"
            wall, _ = timed([args.hugo, "--source", str(hugo.site), "--contentDir", str(hugo.content),
                             "--destination", str(dest), "--noBuildLock", "--quiet"],
                            logs / f"serve-{n}-build-hugo-{b}.log")
            out["hugo"].append(wall)
            shutil.rmtree(dest, ignore_errors=True)
            say(f"  build {b}: hugo {wall:.2f} s")
    return out


# --- the servers ----------------------------------------------------------------------


@dataclass
class HugoSite:
    site: Path       # copy of bench/hugo (config + layouts)
    content: Path    # copy of the corpus' content/


@dataclass
class Tool:
    name: str
    content: Path
    server: servers.Server
    port: int = 0
    listener: streams.Listener | None = None
    pages: streams.Pages | None = None
    first_build_ms: float | None = None
    start_s: float = 0.0
    reloads_seen: int = 0           # reload events accounted to a measurement so far
    rebuilds_seen: int = 0
    last: dict | None = None        # the previous measurement (late reloads are added to it)
    failed: str | None = None       # why its remaining edits are skipped
    probe: dict = field(default_factory=dict)


def start_tool(tool: Tool, timeout: float, make_listener) -> None:
    t0 = time.monotonic()
    tool.server.start()
    m = tool.server.wait_line(tool.server.flavour.ready, timeout)
    tool.start_s = time.monotonic() - t0
    tool.port = int(re.search(r":(\d+)/", m.group(1)).group(1))
    fb = tool.server.matches(tool.server.flavour.first_build, 0)
    tool.first_build_ms = float(fb[0][1].group(1)) if fb else None
    tool.listener = make_listener(tool.port)
    tool.pages = streams.Pages("127.0.0.1", tool.port)
    # The stream greets (AnswerKit: hello; Hugo: hello in answer to ours): wait for it, so the
    # stream is known to be live before the first edit.
    deadline = time.monotonic() + 10
    while tool.listener.mark() == 0 and time.monotonic() < deadline and tool.listener.closed is None:
        tool.listener.wait(0.5)
    if tool.listener.mark() == 0:
        raise RuntimeError(f"{tool.name}: no greeting on its reload stream within 10 s")
    tool.reloads_seen = tool.listener.count()
    tool.rebuilds_seen = len(tool.server.matches(tool.server.flavour.rebuilt, 0))
    # GET latency of an unchanged page, on new connections and on one kept-alive connection.
    page = "/" + edits.entries(tool.content)[0][: -len(".md")] + "/"
    tool.probe = {"fresh": streams.probe("127.0.0.1", tool.port, page, keep_alive=False),
                  "keep-alive": streams.probe("127.0.0.1", tool.port, page, keep_alive=True)}
    rss = tool.server.memory_kb().get("VmRSS", 0)
    say(f"  {tool.name}: serving on port {tool.port} after {tool.start_s:.1f} s "
        f"(its first build: {tool.first_build_ms or '?'} ms; RSS {rss // 1024} MiB)")


# --- one measurement -----------------------------------------------------------------------


def settle_late(tool: Tool) -> None:
    """Reloads or rebuilds that came after the previous measurement's settle period belong to it."""
    reloads = tool.listener.count()
    rebuilds = len(tool.server.matches(tool.server.flavour.rebuilt, 0))
    if tool.last is not None:
        tool.last["late_reloads"] += reloads - tool.reloads_seen
        tool.last["late_rebuilds"] += rebuilds - tool.rebuilds_seen
    tool.reloads_seen, tool.rebuilds_seen = reloads, rebuilds


def measure(tool: Tool, edit: edits.Edit, all_tools: list[Tool], timeout: float, settle: float, poll: float) -> dict:
    """Applies `edit` to the tool's copy and times what a browser would see; returns one row."""
    settle_late(tool)
    row = {"tool": tool.name, "kind": edit.kind, "run": edit.run, "entry": edit.entry, "reload": None,
           "page": None, "list": None, "reloads": 0, "rebuilds": 0, "late_reloads": 0, "late_rebuilds": 0,
           "server_ms": [], "server_notes": [], "error": None, "foreign_cpu": None}
    pages = tool.pages
    # A browser has the page open before the edit (Hugo's fast render mode re-renders visited pages).
    status, body = pages.get(edit.page)
    if status != 200:
        raise RuntimeError(f"{tool.name}: GET {edit.page} before the edit: status {status} (is the URL scheme right?)")
    want_list = edit.kind == "title"
    if want_list:
        status, body = pages.get(edit.list_page)
        slug = edit.entry.rsplit("/", 1)[1][:-3]
        if status != 200 or slug.encode() not in body:
            want_list = False
            row["error"] = f"{edit.list_page} does not list {slug}: category page not timed"
    word = edit.word.encode()
    mark = tool.listener.mark()
    busy0, cpus0, own0 = busy_seconds(), [t.server.cpu_seconds() for t in all_tools], own_cpu()

    t0 = time.monotonic()
    edits.apply(tool.content, edit)
    deadline = t0 + timeout
    while True:
        now = time.monotonic()
        got = tool.listener.since(mark, ("reload", "build-error"))
        if got and row["reload"] is None:
            if got[0].name == "build-error":
                row["error"] = f"build error: {got[0].data[:200]}"
                break
            row["reload"] = got[0].at - t0
        if edit.kind == "touch":
            if row["reload"] is not None:
                break
        else:
            if row["page"] is None:
                status, body = pages.get(edit.page)
                if status == 200 and word in body:
                    row["page"] = time.monotonic() - t0
            if row["page"] is not None and want_list and row["list"] is None:
                status, body = pages.get(edit.list_page)
                if status == 200 and word in body:
                    row["list"] = time.monotonic() - t0
            page_done = row["page"] is not None and (row["list"] is not None or not want_list)
            # The page may show the edit well before the reload event is sent (a server that swaps its
            # output in, then cleans up): wait for the event too, or it would be taken for the next edit's.
            if page_done and row["reload"] is not None:
                break
        if not tool.server.alive():
            raise servers.ServerDied(tool.server, f"exited (status {tool.server.proc.returncode}) during an edit")
        if tool.listener.closed is not None:
            raise RuntimeError(f"{tool.name}: its reload stream closed ({tool.listener.closed})")
        if now >= deadline:
            if edit.kind != "touch":
                row["error"] = (f"timeout: after {timeout:.0f} s, reload event {'seen' if row['reload'] else 'not seen'}, "
                                f"page {'updated' if row['page'] else 'not updated'}"
                                + (" (no reload event for an edit the page shows)" if row["page"] and not row["reload"] else ""))
            break
        # A reload event wakes the loop at once (and the page is fetched then); the polling in
        # between only matters to a server whose page changes without an event. Poll every `poll`
        # for the first second, then at 5 % of the time waited (at most every 100 ms), so that
        # hundreds of GETs do not slow a long rebuild down.
        tool.listener.wait(max(poll, min(0.1, 0.05 * (now - t0))))

    # Settle: rebuilds the edit caused after the page was served (a second build, say) are counted here.
    time.sleep(settle)
    row["reloads"] = len(tool.listener.since(mark))
    if row["reload"] is None and row["reloads"] and not row["error"]:
        row["reload"] = tool.listener.since(mark)[0].at - t0      # it came during the settle period
    done = tool.server.matches(tool.server.flavour.rebuilt, t0)
    row["rebuilds"] = len(done)
    row["server_ms"] = [float(m.group(1)) for _, m in done]
    # What the server says it did, when its rebuild line ends in "(…)" (AnswerKit: pages made again, files written).
    row["server_notes"] = [n.group(1) for _, m in done if (n := re.search(r"\(([^()]*)\)\s*$", m.string))]
    busy = busy_seconds() - busy0
    mine = sum(t.server.cpu_seconds() - c for t, c in zip(all_tools, cpus0)) + own_cpu() - own0
    row["foreign_cpu"] = max(0.0, busy - mine)
    row["window"] = time.monotonic() - t0
    tool.reloads_seen, tool.rebuilds_seen = tool.listener.count(), len(tool.server.matches(tool.server.flavour.rebuilt, 0))
    tool.last = row
    return row


def describe(row: dict) -> str:
    def s(v):
        return "—" if v is None else f"{v * 1000:.0f} ms" if v < 10 else f"{v:.1f} s"
    bits = [f"reload {s(row['reload'])}"]
    if row["kind"] != "touch":
        bits.append(f"page {s(row['page'])}")
    if row["kind"] == "title":
        bits.append(f"list {s(row['list'])}")
    bits.append(f"{row['rebuilds']} rebuild(s)")
    if row["server_ms"]:
        bits.append("server says " + "+".join(f"{m:.0f}" for m in row["server_ms"]) + " ms")
    if row["foreign_cpu"] and row["foreign_cpu"] > 0.5 and row["foreign_cpu"] > 0.1 * row["window"]:
        bits.append(f"(other processes: {row['foreign_cpu']:.1f} CPU-s)")
    if row["error"]:
        bits.append("— " + row["error"])
    return ", ".join(bits)


# --- one size -------------------------------------------------------------------------------


def run_size(n: int, args, tmp: Path, logs: Path) -> dict:
    say(f"== {n} entries ==")
    src = corpus_for(n, args)
    work = Path(tempfile.mkdtemp(prefix=f"{n}-", dir=tmp))
    result: dict = {"size": n, "notes": [], "rows": [], "builds": {}, "servers": {}}
    build_kb, server_kb = n * HUGO_BUILD_KB_PER_ENTRY, n * HUGO_SERVER_KB_PER_ENTRY
    with_hugo = not args.no_hugo
    if with_hugo and mem_available_kb() < build_kb:
        with_hugo = False
        result["notes"].append(f"Hugo skipped: {mem_available_kb() // 1024} MiB available; a Hugo build needs "
                               f"about {build_kb // 1024} MiB at {n} entries, hugo server about {server_kb // 1024} MiB")
    ak_root = work / "answerkit"
    hugo = HugoSite(work / "hugo-site", work / "hugo" / "content") if with_hugo else None
    say(f"copying {src} → {work}")
    copy_corpus(src, ak_root)
    if hugo:
        shutil.copytree(BENCH / "hugo", hugo.site)
        hugo.content.parent.mkdir(parents=True)
        subprocess.run(["cp", "-a", str(ak_root / "content"), str(hugo.content)], check=True)

    builds = args.builds if args.builds is not None else (3 if n <= 20000 else 1)
    if builds:
        say(f"full builds ({builds} each)")
        try:
            result["builds"] = full_builds(args, ak_root, hugo, work, logs, n, builds)
        except RuntimeError as error:
            result["notes"].append(f"full builds stopped: {error}")
            say(f"warning: {error}")
        result["notes"] += result["builds"].pop("notes", [])

    all_entries = edits.entries(ak_root / "content")
    plan = edits.plan(all_entries, args.kinds, args.runs, args.seed)
    start_timeout = args.start_timeout or 120 + n * 0.01
    tools: list[Tool] = []
    try:
        ak = Tool("answerkit", ak_root / "content", servers.Server(
            servers.ANSWERKIT, [str(args.answerkit), "serve", "--root", str(ak_root), "--port", "0",
                                "--host", "127.0.0.1"], logs / f"serve-{n}-answerkit-server.log"))
        say("starting answerkit serve")
        start_tool(ak, start_timeout, lambda port: streams.SSEListener("127.0.0.1", port, args.events_path))
        tools.append(ak)
        if hugo:
            if mem_available_kb() < server_kb:
                result["notes"].append(f"hugo server skipped: {mem_available_kb() // 1024} MiB available with "
                                       f"answerkit serve running; it needs about {server_kb // 1024} MiB at {n} entries")
            else:
                hs = Tool("hugo", hugo.content, servers.Server(
                    servers.HUGO, [args.hugo, "server", "--source", str(hugo.site), "--contentDir", str(hugo.content),
                                   "--port", str(servers.free_port()), "--bind", "127.0.0.1", "--noBuildLock",
                                   *args.hugo_flags], logs / f"serve-{n}-hugo-server.log", cwd=work))
                say("starting hugo server " + shlex.join(args.hugo_flags))
                start_tool(hs, start_timeout, lambda port: streams.LiveReloadListener("127.0.0.1", port))
                tools.append(hs)
        for t in tools:
            result["servers"][t.name] = {"start_s": t.start_s, "first_build_ms": t.first_build_ms, "probe": t.probe}

        for kind in args.kinds:
            runs = [e for e in plan if e.kind == kind]
            say(f"{kind} edits ({len(runs)} runs)")
            for edit in runs:
                order = tools if edit.run % 2 else list(reversed(tools))
                for tool in order:
                    if tool.failed:
                        continue
                    timeout = args.timeout or max(30.0, 4 * (tool.first_build_ms or 10000) / 1000)
                    if kind == "touch":
                        body = [r["page"] for r in result["rows"] if r["tool"] == tool.name and r["kind"] == "body"
                                and r["page"] is not None]
                        timeout = max(2.0, 2 * statistics.median(body)) if body else min(timeout, 10.0)
                    try:
                        row = measure(tool, edit, tools, timeout, args.settle, args.poll)
                    except (servers.ServerDied, RuntimeError, OSError) as error:
                        tool.failed = str(error)
                        result["notes"].append(f"{tool.name}: remaining edits skipped: {error}")
                        say(f"error: {tool.name}: {error}")
                        continue
                    result["rows"].append(row)
                    say(f"  {tool.name:9} {kind:5} #{edit.run:<2} {edit.entry}: {describe(row)}")
        for t in tools:
            settle_late(t)
            mem = t.server.memory_kb()
            result["servers"][t.name].update({"rss_kb": mem.get("VmRSS"), "peak_kb": mem.get("VmHWM"),
                                              "failed": t.failed})
    finally:
        for t in tools:
            if t.listener:
                t.listener.close()
            if t.pages:
                t.pages.close()
        for t in reversed(tools):
            t.server.stop()
        servers.stop_all()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return result


# --- main ---------------------------------------------------------------------------------------


def parse_args(argv: list[str]):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000", help='corpus sizes, e.g. "10000 100000" (default 10000)')
    ap.add_argument("--runs", type=int, default=10, help="edits per kind and size (default 10)")
    ap.add_argument("--kinds", default="body title touch", help='edit kinds (default "body title touch")')
    ap.add_argument("--builds", type=int, default=None,
                    help="full builds per tool for context (default 3 up to 20 000 entries, else 1; 0 skips)")
    ap.add_argument("--seed", type=int, default=42, help="corpus seed and choice of entries (default 42)")
    ap.add_argument("--corpus-dir", default=os.environ.get("BENCH_CORPUS_DIR"),
                    help="take the corpus of N entries from DIR/N (never modified) instead of bench/work/N")
    ap.add_argument("--no-hugo", action="store_true", help="measure answerkit serve only")
    ap.add_argument("--settle", type=float, default=1.0,
                    help="seconds to wait after each edit for extra reloads/rebuilds (default 1)")
    ap.add_argument("--poll", type=float, default=0.02,
                    help="seconds between two GETs of the page during the first second of waiting (default 0.02; "
                         "then 5 %% of the time waited, at most 0.1; a reload event triggers a GET at once)")
    ap.add_argument("--timeout", type=float, default=None,
                    help="seconds an edit may take (default max(30, 4 × the server's first build))")
    ap.add_argument("--start-timeout", type=float, default=None,
                    help="seconds a server may take to start (default 120 + 0.01 × entries)")
    ap.add_argument("--keep", action="store_true", help="keep the copies under BENCH_TMP")
    ap.add_argument("--out", default=str(BENCH / "results" / "serve-latest.txt"), help="report file")
    args = ap.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split()]
    args.kinds = args.kinds.split()
    for k in args.kinds:
        if k not in edits.KINDS:
            ap.error(f"unknown kind {k!r} (kinds: {', '.join(edits.KINDS)})")
    args.answerkit = Path(os.environ.get("ANSWERKIT_BIN") or REPO / ".build" / "release" / "answerkit")
    args.hugo = os.environ.get("HUGO_BIN") or "hugo"
    args.hugo_flags = shlex.split(os.environ.get("HUGO_SERVER_FLAGS", ""))
    args.events_path = os.environ.get("ANSWERKIT_EVENTS_PATH", "/__answerkit/events")
    return args


def bench_tmp() -> Path:
    if os.environ.get("BENCH_TMP"):
        return Path(os.environ["BENCH_TMP"])
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm
    return Path(tempfile.gettempdir())


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not args.answerkit.is_file() or not os.access(args.answerkit, os.X_OK):
        raise SystemExit(f"error: no AnswerKit binary at {args.answerkit}; build it "
                         "(swift build -c release --product answerkit) or set ANSWERKIT_BIN")
    if not args.no_hugo and shutil.which(args.hugo) is None:
        raise SystemExit(f"error: {args.hugo} not found (apt-get install -y hugo, or set HUGO_BIN, or --no-hugo)")
    servers.install_signal_handlers()
    results_dir = Path(args.out).parent
    logs = results_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    ak_help = subprocess.run([str(args.answerkit), "serve", "--help"], capture_output=True, text=True).stdout
    if "--port" not in ak_help:
        raise SystemExit(f"error: '{args.answerkit} serve --help' lists no --port: not a binary with a dev server?")
    env = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "host": platform.node(),
        "cpu": f"{os.cpu_count()} cores",
        "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "answerkit": f"{args.answerkit} ({tool_version([str(args.answerkit), '--version'])}, built "
                     f"{datetime.fromtimestamp(args.answerkit.stat().st_mtime, timezone.utc):%Y-%m-%d %H:%M UTC})",
        "hugo": "skipped" if args.no_hugo else tool_version([args.hugo, "version"]),
        "hugo_flags": shlex.join(args.hugo_flags),
        "repo": tool_version(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        "tmp": str(bench_tmp()),
        "uptime_start": uptime(),
        "runs": args.runs, "kinds": args.kinds, "settle": args.settle, "poll": args.poll,
    }
    say(f"AnswerKit: {env['answerkit']}")
    say(f"Hugo: {env['hugo']} {env['hugo_flags']}")
    say(f"load: {env['uptime_start']}")
    tmp = Path(tempfile.mkdtemp(prefix="answerkit-serve-bench.", dir=bench_tmp()))
    sizes = []
    try:
        for n in args.sizes:
            sizes.append(run_size(n, args, tmp, logs))
            say(report.size_report(sizes[-1]))
    except KeyboardInterrupt:
        say("interrupted: servers stopped")
        return 130
    finally:
        servers.stop_all()
        shutil.rmtree(tmp, ignore_errors=True)
    env["uptime_end"] = uptime()
    text = report.full_report(env, sizes)
    print(text)
    out = Path(args.out)
    out.write_text(text)
    out.with_suffix(".json").write_text(json.dumps({"env": env, "sizes": sizes}, indent=1, ensure_ascii=False))
    history = results_dir / "history"
    history.mkdir(exist_ok=True)
    shutil.copy(out, history / f"{out.stem}-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.txt")
    say(f"written to {out} (figures in {out.with_suffix('.json').name}; logs in {logs}/serve-*.log)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
