"""The two dev servers as child processes: start, wait until ready, read their log, stop.

Each server runs in a session (process group) of its own; `stop` signals that
group (SIGTERM, then SIGKILL after a grace period), and `stop_all` runs at exit
and on SIGINT/SIGTERM/SIGHUP, so no server outlives the benchmark.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

RUNNING: list["Server"] = []


@dataclass
class Flavour:
    """What differs between `answerkit serve` and `hugo server`: how they talk in their log."""

    name: str
    ready: re.Pattern           # the line saying it serves; group 1: the URL
    first_build: re.Pattern     # group 1: milliseconds of the first build
    rebuilt: re.Pattern         # a finished rebuild; group 1: its milliseconds
    failed: re.Pattern          # a failed rebuild


ANSWERKIT = Flavour(
    name="answerkit",
    ready=re.compile(r"^serving (http://\S+)"),
    first_build=re.compile(r"^built \d+ entries.* in (\d+) ms"),
    rebuilt=re.compile(r"changed: rebuilt .* in (\d+) ms"),
    failed=re.compile(r"build failed|^error: "),
)
HUGO = Flavour(
    name="hugo",
    ready=re.compile(r"Web Server is available at (http://\S+)"),
    first_build=re.compile(r"^Built in (\d+) ms"),
    rebuilt=re.compile(r"^Total in (\d+) ms"),
    failed=re.compile(r"^(ERROR|Error:)"),
)


def free_port() -> int:
    """A TCP port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Line:
    at: float
    text: str


@dataclass
class Server:
    flavour: Flavour
    cmd: list[str]
    log_path: Path
    cwd: Path | None = None
    lines: list[Line] = field(default_factory=list)
    proc: subprocess.Popen | None = None
    cond: threading.Condition = field(default_factory=threading.Condition)

    def start(self) -> None:
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.log.write("$ " + " ".join(self.cmd) + "\n")
        self.proc = subprocess.Popen(self.cmd, cwd=self.cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        RUNNING.append(self)
        threading.Thread(target=self._read, daemon=True, name=f"{self.flavour.name}-log").start()

    def _read(self) -> None:
        assert self.proc and self.proc.stdout
        for raw in self.proc.stdout:
            text = raw.decode("utf-8", "replace").rstrip("\n")
            now = time.monotonic()
            self.log.write(text + "\n")
            self.log.flush()
            with self.cond:
                self.lines.append(Line(now, text))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    @property
    def pid(self) -> int:
        assert self.proc
        return self.proc.pid

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_line(self, pattern: re.Pattern, timeout: float, start: int = 0) -> re.Match:
        """The first log line from index `start` matching `pattern`; SystemExit on timeout or exit."""
        deadline = time.monotonic() + timeout
        seen = start
        with self.cond:
            while True:
                for line in self.lines[seen:]:
                    if m := pattern.search(line.text):
                        return m
                seen = len(self.lines)
                if not self.alive():
                    raise ServerDied(self, f"exited with status {self.proc.returncode} before printing /{pattern.pattern}/")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise ServerDied(self, f"no line matching /{pattern.pattern}/ after {timeout:.0f} s")
                self.cond.wait(min(left, 0.5))

    def matches(self, pattern: re.Pattern, since: float) -> list[tuple[float, re.Match]]:
        """Log lines written at or after `since` matching `pattern`, with their time."""
        with self.cond:
            return [(l.at, m) for l in self.lines if l.at >= since and (m := pattern.search(l.text))]

    def tail(self, n: int = 15) -> str:
        with self.cond:
            return "\n".join("  | " + l.text for l in self.lines[-n:])

    def cpu_seconds(self) -> float:
        """User+system CPU of the server so far (all threads), from /proc/<pid>/stat."""
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def memory_kb(self) -> dict[str, int]:
        """VmRSS and VmHWM (peak) of the server in KiB."""
        out = {}
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out[key] = int(value.split()[0])
        except OSError:
            pass
        return out

    def stop(self, grace: float = 10.0) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            except ProcessLookupError:
                pass
        if self in RUNNING:
            RUNNING.remove(self)
        time.sleep(0.05)        # let the log reader write the last lines
        self.log.close()


class ServerDied(Exception):
    def __init__(self, server: Server, why: str) -> None:
        super().__init__(f"{server.flavour.name} server {why}; log {server.log_path}:\n{server.tail()}")


def stop_all() -> None:
    for server in list(RUNNING):
        try:
            server.stop(grace=5.0)
        except Exception:  # noqa: BLE001 - best effort at exit
            pass


def install_signal_handlers() -> None:
    """SIGTERM and SIGHUP end the benchmark like Ctrl-C does, so `finally` blocks stop the servers."""
    def interrupt(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)
