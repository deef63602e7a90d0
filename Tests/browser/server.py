"""A static file server for a built site, the way a host such as GitHub Pages serves it.

The standard library's http.server does the file serving; this module adds the
two things a host does that it does not: serving the site under a base path
(``/nimbus-help/`` for a ``baseURL`` with a path) and answering a missing page
with the site's own 404 page (the locale's ``/<locale>/404.html`` when the path
starts with a locale that has one, else ``/404.html``) and status 404.
Every request is recorded so tests can assert that no asset went missing.
"""

from __future__ import annotations

import functools
import http.server
import posixpath
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Request:
    """One request the server answered."""

    path: str
    status: int


@dataclass
class SiteServer:
    """A running server for one built site; ``url(path)`` gives absolute URLs."""

    root: Path
    base_path: str
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    _httpd: http.server.ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, site_path: str = "") -> str:
        """Absolute URL of a path inside the site (``"en/billing/"`` or ``"/en/"``)."""
        return self.origin + self.base_path + site_path.lstrip("/")

    def site_path(self, url: str) -> str:
        """The path of an absolute URL inside the site, without the base path (``"en/"``)."""
        path = urllib.parse.urlsplit(url).path
        if not path.startswith(self.base_path):
            raise AssertionError(f"{url} is outside the site's base path {self.base_path}")
        return path[len(self.base_path):]

    def record(self, path: str, status: int) -> None:
        with self._lock:
            self.requests.append(Request(path, status))

    def mark(self) -> int:
        """A position in the request log, for ``failures_since``."""
        with self._lock:
            return len(self.requests)

    def failures_since(self, mark: int) -> list[Request]:
        """Requests answered with an error since ``mark``."""
        with self._lock:
            return [r for r in self.requests[mark:] if r.status >= 400]

    def start(self) -> "SiteServer":
        handler = functools.partial(_Handler, site=self)
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        threading.Thread(target=self._httpd.serve_forever, name=f"site-server-{self.port}", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, site: SiteServer, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site.root), **kwargs)

    def translate_path(self, path: str) -> str:
        url_path = urllib.parse.urlsplit(path).path
        if not url_path.startswith(self.site.base_path):
            # Outside the base path nothing exists, as on a GitHub Pages project site.
            return str(self.site.root / ".no-such-file-outside-the-base-path")
        return super().translate_path("/" + url_path[len(self.site.base_path):])

    def send_error(self, code, message=None, explain=None):
        page = self._not_found_page() if code == 404 else None
        if page is None:
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_found_page(self) -> Path | None:
        url_path = urllib.parse.urlsplit(self.path).path
        inside = url_path[len(self.site.base_path):] if url_path.startswith(self.site.base_path) else ""
        first = posixpath.normpath("/" + inside).strip("/").split("/")[0]
        for candidate in ([first + "/404.html"] if first else []) + ["404.html"]:
            page = self.site.root / candidate
            if page.is_file():
                return page
        return None

    def send_response(self, code, message=None):
        self.site.record(urllib.parse.urlsplit(self.path).path, code)
        super().send_response(code, message)

    def end_headers(self):
        # Always revalidate, so a rebuilt site is never served from the browser's cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 (the stdlib's parameter name)
        pass  # requests are recorded in SiteServer.requests instead
