"""What a browser's live-reload code hears: the servers' reload streams, and page fetches.

AnswerKit: Server-Sent Events at /__answerkit/events (`event: reload`).
Hugo: the LiveReload protocol over a WebSocket at /livereload on the same port
(`{"command":"reload",…}`). Both listeners run on a thread of their own and
timestamp every event (time.monotonic) the moment its bytes are read, so the
measuring loop can ask "the first reload after index i, and when".

Written on raw sockets (python3 stdlib only): each protocol needs a few dozen
lines, and the parsers are pure functions the tests exercise.
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import struct
import threading
import time
from dataclasses import dataclass

# --- pure parsers -----------------------------------------------------------------


class Dechunker:
    """Undoes HTTP/1.1 chunked transfer coding, fed in arbitrary pieces."""

    def __init__(self) -> None:
        self.buf = b""
        self.left = 0          # bytes of the current chunk still to pass on
        self.skip = 0          # CRLF after a chunk still to drop
        self.done = False

    def feed(self, data: bytes) -> bytes:
        self.buf += data
        out = bytearray()
        while self.buf and not self.done:
            if self.skip:
                n = min(self.skip, len(self.buf))
                self.buf, self.skip = self.buf[n:], self.skip - n
                continue
            if self.left:
                n = min(self.left, len(self.buf))
                out += self.buf[:n]
                self.buf, self.left = self.buf[n:], self.left - n
                if not self.left:
                    self.skip = 2
                continue
            line_end = self.buf.find(b"\r\n")
            if line_end < 0:
                break
            size = int(self.buf[:line_end].split(b";")[0].strip() or b"0", 16)
            self.buf = self.buf[line_end + 2:]
            if size == 0:
                self.done = True
            self.left = size
        return bytes(out)


class SSEParser:
    """Splits a text/event-stream into (event name, data) pairs; comments and `retry:` are dropped."""

    def __init__(self) -> None:
        self.buf = b""
        self.name: str | None = None
        self.data: list[str] = []

    def feed(self, data: bytes) -> list[tuple[str, str]]:
        self.buf += data
        events = []
        while True:
            end = self.buf.find(b"\n")
            if end < 0:
                return events
            line = self.buf[:end].rstrip(b"\r").decode("utf-8", "replace")
            self.buf = self.buf[end + 1:]
            if line == "":
                if self.data or self.name:
                    events.append((self.name or "message", "\n".join(self.data)))
                self.name, self.data = None, []
            elif line.startswith(":"):
                continue
            else:
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "event":
                    self.name = value
                elif field == "data":
                    self.data.append(value)


def ws_frame(payload: bytes, opcode: int = 1, mask: bytes | None = None) -> bytes:
    """One final WebSocket frame; client frames must be masked (RFC 6455 5.3)."""
    mask = os.urandom(4) if mask is None else mask
    n = len(payload)
    head = bytes([0x80 | opcode])
    if n < 126:
        head += bytes([0x80 | n])
    elif n < 1 << 16:
        head += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        head += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def ws_parse(buf: bytes) -> tuple[list[tuple[int, bytes]], bytes]:
    """Complete frames at the start of `buf` as (opcode, payload), and the rest (fragments are not joined)."""
    frames = []
    while len(buf) >= 2:
        opcode, n, masked, at = buf[0] & 0x0F, buf[1] & 0x7F, buf[1] & 0x80, 2
        if n == 126:
            if len(buf) < 4:
                break
            n, at = struct.unpack(">H", buf[2:4])[0], 4
        elif n == 127:
            if len(buf) < 10:
                break
            n, at = struct.unpack(">Q", buf[2:10])[0], 10
        key = b""
        if masked:
            key, at = buf[at:at + 4], at + 4
        if len(buf) < at + n:
            break
        payload = buf[at:at + n]
        if masked:
            payload = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
        frames.append((opcode, payload))
        buf = buf[at + n:]
    return frames, buf


def split_head(buf: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """(status, lower-cased headers, rest) once `buf` holds a whole response head, else None."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = buf[:end].decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    return status, headers, buf[end + 4:]


# --- listeners ------------------------------------------------------------------------


@dataclass
class Event:
    at: float        # time.monotonic() when its bytes were read
    name: str        # reload, hello, build-error, …
    data: str


class Listener:
    """A reload stream read on a thread; `events` grows, `wait_for` blocks until a matching one arrives."""

    description = "?"

    def __init__(self, host: str, port: int, timeout: float = 10.0) -> None:
        self.host, self.port = host, port
        self.events: list[Event] = []
        self.closed: str | None = None      # why the stream ended, once it did
        self.cond = threading.Condition()
        self.sock = socket.create_connection((host, port), timeout=timeout)
        rest = self.handshake()
        self.sock.settimeout(None)
        self.thread = threading.Thread(target=self.run, args=(rest,), daemon=True, name=self.description)
        self.thread.start()

    # subclasses: handshake() -> leftover bytes; decode(bytes) -> [(name, data)]
    def handshake(self) -> bytes:
        raise NotImplementedError

    def decode(self, data: bytes) -> list[tuple[str, str]]:
        raise NotImplementedError

    def read_head(self) -> tuple[int, dict[str, str], bytes]:
        buf = b""
        while (head := split_head(buf)) is None:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError(f"{self.description}: connection closed during the handshake")
            buf += chunk
        return head

    def run(self, rest: bytes) -> None:
        data, why = rest, "closed by the server"
        try:
            while True:
                if data:
                    now = time.monotonic()
                    decoded = self.decode(data)
                    if decoded:
                        with self.cond:
                            self.events.extend(Event(now, n, d) for n, d in decoded)
                            self.cond.notify_all()
                data = self.sock.recv(65536)
                if not data:
                    break
        except OSError as error:
            why = str(error)
        with self.cond:
            self.closed = why
            self.cond.notify_all()

    def count(self, name: str = "reload") -> int:
        with self.cond:
            return sum(1 for e in self.events if e.name == name)

    def mark(self) -> int:
        with self.cond:
            return len(self.events)

    def since(self, mark: int, names: tuple[str, ...] = ("reload",)) -> list[Event]:
        with self.cond:
            return [e for e in self.events[mark:] if e.name in names]

    def wait(self, timeout: float) -> None:
        """Blocks until any new event (or the end of the stream) or `timeout`."""
        with self.cond:
            n = len(self.events)
            self.cond.wait_for(lambda: len(self.events) != n or self.closed is not None, timeout)

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()


class SSEListener(Listener):
    """AnswerKit's Server-Sent Events stream."""

    description = "sse"

    def __init__(self, host: str, port: int, path: str) -> None:
        self.path = path
        self.parser = SSEParser()
        self.dechunker: Dechunker | None = None
        super().__init__(host, port)

    def handshake(self) -> bytes:
        self.sock.sendall(f"GET {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          "Accept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n".encode())
        status, headers, rest = self.read_head()
        if status != 200 or "text/event-stream" not in headers.get("content-type", ""):
            raise ConnectionError(f"GET {self.path}: status {status}, content-type {headers.get('content-type')!r}")
        if "chunked" in headers.get("transfer-encoding", "").lower():
            self.dechunker = Dechunker()
        return rest

    def decode(self, data: bytes) -> list[tuple[str, str]]:
        if self.dechunker is not None:
            data = self.dechunker.feed(data)
        return self.parser.feed(data)


class LiveReloadListener(Listener):
    """Hugo's LiveReload WebSocket; events are named after the message's `command`."""

    description = "livereload"

    def __init__(self, host: str, port: int, path: str = "/livereload") -> None:
        self.path = path
        self.buf = b""
        super().__init__(host, port)

    def handshake(self) -> bytes:
        key = base64.b64encode(os.urandom(16)).decode()
        origin = f"http://{self.host}:{self.port}"     # Hugo accepts same-host origins only
        self.sock.sendall(f"GET {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nOrigin: {origin}\r\n"
                          f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                          "Sec-WebSocket-Version: 13\r\n\r\n".encode())
        status, _, rest = self.read_head()
        if status != 101:
            raise ConnectionError(f"GET {self.path} (WebSocket upgrade): status {status}")
        # Hugo answers a hello only when the message holds `"command":"hello"` byte for byte: no spaces.
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        self.sock.sendall(ws_frame(json.dumps(hello, separators=(",", ":")).encode()))
        return rest

    def decode(self, data: bytes) -> list[tuple[str, str]]:
        frames, self.buf = ws_parse(self.buf + data)
        out = []
        for opcode, payload in frames:
            if opcode == 9:                               # ping
                self.sock.sendall(ws_frame(payload, opcode=10))
            elif opcode == 1:
                text = payload.decode("utf-8", "replace")
                try:
                    name = str(json.loads(text).get("command", "message"))
                except (ValueError, AttributeError):
                    name = "message"
                out.append((name, text))
        return out


# --- pages --------------------------------------------------------------------------------


class Pages:
    """GETs pages: a new connection per request, or one kept-alive connection (`keep_alive`).

    The timed GETs use new connections: on a kept-alive connection a server that
    writes a response's head and body in separate packets without TCP_NODELAY waits
    for the client's delayed ACK (~40 ms on Linux) on every request after the first;
    `probe` measures that separately instead of adding it to every figure.
    """

    def __init__(self, host: str, port: int, keep_alive: bool = False, timeout: float = 30.0) -> None:
        self.host, self.port, self.keep_alive, self.timeout = host, port, keep_alive, timeout
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        headers = {"Cache-Control": "no-cache"}
        if not self.keep_alive:
            headers["Connection"] = "close"
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request("GET", path, headers=headers)
                response = self.conn.getresponse()
                body = response.read()
                if not self.keep_alive or response.will_close:
                    self.close()
                return response.status, body
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def probe(host: str, port: int, path: str, keep_alive: bool, count: int = 10) -> list[float]:
    """Seconds of `count` GETs of an unchanged page (the first one, which opens the connection, left out)."""
    pages = Pages(host, port, keep_alive=keep_alive)
    times = []
    try:
        for i in range(count + 1):
            t0 = time.monotonic()
            pages.get(path)
            if i:
                times.append(time.monotonic() - t0)
    finally:
        pages.close()
    return times
