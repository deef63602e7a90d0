"""A small HTTP server for the browser measurements.

Serves a built site, Pagefind's bundle (written outside the site) under
/pagefind/, and two harness pages under /__bench__/. Text responses (HTML,
JavaScript, JSON, CSS) are gzipped when the browser accepts it, as a
production server would; other files (Pagefind's .pf_* and .pagefind files,
already gzip data) are sent as they are.

Every response body is logged (path, bytes sent, bytes before compression):
the bytes a query downloads are read from that log, because Pagefind fetches
its index from a Web Worker, whose requests are not in the page's
performance timeline.

Written on http.server rather than a package because it needs only routing,
gzip and a byte log, and the benchmark must not depend on more than Pagefind
and Selenium.
"""

from __future__ import annotations

import gzip
import html
import mimetypes
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from metrics import GZIP_LEVEL

COMPRESSIBLE = {".html", ".js", ".mjs", ".json", ".css", ".svg", ".txt", ".xml"}
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".wasm": "application/wasm",
}


@dataclass(frozen=True)
class Served:
    path: str
    status: int
    sent: int  # body bytes on the wire (after gzip when used)
    raw: int  # body bytes before compression


@dataclass
class Config:
    site: Path
    pagefind: Path | None = None
    # Script URL -> file: the AnswerKit scripts the harness page loads when the
    # site's assets/ lacks one (e.g. a site built before analyzer.js existed).
    extra_scripts: dict[str, Path] = field(default_factory=dict)
    ak_scripts: list[str] = field(default_factory=list)


def harness_page(kind: str, lang: str, scripts: list[str]) -> bytes:
    """The page the browser loads: empty apart from the search scripts (AnswerKit) or nothing (Pagefind, imported by the test)."""
    tags = "".join(f'<script src="{html.escape(s)}"></script>' for s in scripts) if kind == "answerkit" else ""
    return (f'<!doctype html><html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
            f"<title>{kind} search bench</title>{tags}</head><body></body></html>").encode()


class Log:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: list[Served] = []

    def add(self, row: Served) -> None:
        with self._lock:
            self._rows.append(row)

    def take(self) -> list[Served]:
        with self._lock:
            rows, self._rows = self._rows, []
        return rows


class _Cache:
    """Compressed bodies by (file, mtime, size): each file is gzipped once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[tuple, bytes] = {}

    def gzipped(self, path: Path, data: bytes) -> bytes:
        st = path.stat()
        key = (str(path), st.st_mtime_ns, st.st_size)
        with self._lock:
            hit = self._items.get(key)
        if hit is None:
            hit = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
            with self._lock:
                self._items[key] = hit
        return hit


def _inside(root: Path, rel: str) -> Path | None:
    target = (root / rel.lstrip("/")).resolve()
    root = root.resolve()
    if target != root and root not in target.parents:
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def make_handler(config: Config, log: Log, cache: _Cache):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            path = unquote(url.path)
            if path.startswith("/__bench__/") and path.endswith(".html"):
                kind = "answerkit" if path == "/__bench__/answerkit.html" else "pagefind"
                lang = parse_qs(url.query).get("lang", ["en"])[0]
                return self._send(path, harness_page(kind, lang, config.ak_scripts), ".html", None)
            if path in config.extra_scripts:
                file = config.extra_scripts[path]
            elif path.startswith("/pagefind/") and config.pagefind is not None:
                file = _inside(config.pagefind, path[len("/pagefind/"):])
            else:
                file = _inside(config.site, path)
            if file is None:
                return self._send(path, b"not found", ".txt", None, status=404)
            return self._send(path, file.read_bytes(), file.suffix, file)

        def _send(self, path: str, data: bytes, suffix: str, file: Path | None, status: int = 200):
            raw = len(data)
            gz = suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
            if gz:
                data = cache.gzipped(file, data) if file else gzip.compress(data, GZIP_LEVEL, mtime=0)
            self.send_response(status)
            ctype = TYPES.get(suffix) or mimetypes.types_map.get(suffix, "application/octet-stream")
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            if gz:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Cache-Control", "no-store")
            # Cross-origin isolation: performance.now() at 5 µs instead of 100 µs in Chromium.
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cross-Origin-Resource-Policy", "same-origin")
            self.end_headers()
            self.wfile.write(data)
            log.add(Served(path, status, len(data), raw))

    return Handler


class BenchServer:
    """`with BenchServer(config) as s:` serves on 127.0.0.1 at s.origin in a background thread."""

    def __init__(self, config: Config) -> None:
        self.log = Log()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(config, self.log, _Cache()))
        self._httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> "BenchServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
