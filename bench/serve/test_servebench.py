"""Tests of the serve benchmark's pure parts: python3 -m unittest discover -s bench/serve

(The measuring parts need the servers: `bench/serve.sh --self-test` is their test.)
"""

import os
import tempfile
import unittest
from pathlib import Path

import edits
import report
import streams


class StreamTests(unittest.TestCase):
    def test_dechunker_in_pieces(self):
        wire = b"7\r\nevent: \r\n11\r\nreload\ndata: {}\n\n\r\n0\r\n\r\n"
        d, out = streams.Dechunker(), b""
        for i in range(len(wire)):
            out += d.feed(wire[i:i + 1])
        self.assertEqual(out, b"event: reload\ndata: {}\n\n")
        self.assertTrue(d.done)

    def test_sse_events_comments_and_split_lines(self):
        p = streams.SSEParser()
        self.assertEqual(p.feed(b"retry: 1000\n\nevent: hello\ndata: {\"build\":\"a-0\"}\n\n: keep-alive\n\nevent: rel"), [
            ("hello", '{"build":"a-0"}')])
        self.assertEqual(p.feed(b"oad\r\ndata: one\r\ndata: two\r\n\r\n"), [("reload", "one\ntwo")])

    def test_websocket_frames_round_trip(self):
        for n in (5, 300, 70000):
            payload = bytes(i % 251 for i in range(n))
            frames, rest = streams.ws_parse(streams.ws_frame(payload, mask=b"\x01\x02\x03\x04") + b"\x81")
            self.assertEqual(frames, [(1, payload)])
            self.assertEqual(rest, b"\x81")

    def test_websocket_unmasked_server_frame(self):
        frames, rest = streams.ws_parse(b"\x81\x05hello\x89\x00")
        self.assertEqual(frames, [(1, b"hello"), (9, b"")])
        self.assertEqual(rest, b"")

    def test_response_head(self):
        self.assertIsNone(streams.split_head(b"HTTP/1.1 200 OK\r\nA: b\r\n"))
        status, headers, rest = streams.split_head(b"HTTP/1.1 101 Switching\r\nUpgrade: websocket\r\n\r\n\x81")
        self.assertEqual((status, headers, rest), (101, {"upgrade": "websocket"}, b"\x81"))


class EditTests(unittest.TestCase):
    def test_plan_is_deterministic_and_distinct(self):
        entries = [f"en/c/e{i}.md" for i in range(50)]
        a = edits.plan(entries, ["body", "title", "touch"], 5, 42)
        self.assertEqual(a, edits.plan(entries, ["body", "title", "touch"], 5, 42))
        self.assertEqual(len({e.entry for e in a}), 15)
        self.assertEqual(len({e.word for e in a if e.word}), 10)
        self.assertEqual([e.word for e in a if e.kind == "touch"], [""] * 5)
        with self.assertRaises(ValueError):
            edits.plan(entries[:3], ["body"], 5, 42)

    def test_urls(self):
        e = edits.Edit("body", 1, "fr/loyalty/lepior-81.md", "w")
        self.assertEqual((e.page, e.list_page), ("/fr/loyalty/lepior-81/", "/fr/loyalty/"))

    def test_edited_text(self):
        text = '---\nid: e1\ntitle: "Où est ?"\n---\nBody.\n'
        body = edits.edited_text(text, edits.Edit("body", 1, "x.md", "zqx1"))
        self.assertEqual(body, '---\nid: e1\ntitle: "Où est ?"\n---\nBody.\n\nBenchmark edit zqx1.\n')
        title = edits.edited_text(text, edits.Edit("title", 1, "x.md", "zqx2"))
        self.assertIn('title: "zqx2 Où est ?"\n', title)
        self.assertIn("title: zqx2 Plain\n", edits.edited_text("title: Plain\n", edits.Edit("title", 1, "x", "zqx2")))

    def test_save_replaces_the_file_and_keeps_its_mode(self):
        with tempfile.TemporaryDirectory() as d:
            path = Path(d) / "a.md"
            path.write_text("old")
            os.chmod(path, 0o640)
            inode = path.stat().st_ino
            edits.save_like_an_editor(path, "new")
            self.assertEqual(path.read_text(), "new")
            self.assertEqual(path.stat().st_mode & 0o777, 0o640)
            self.assertNotEqual(path.stat().st_ino, inode)          # renamed over, not rewritten
            self.assertEqual(os.listdir(d), ["a.md"])


class ReportTests(unittest.TestCase):
    def row(self, tool, kind, run, page, reload=None, rebuilds=1):
        return {"tool": tool, "kind": kind, "run": run, "entry": "en/c/e.md", "reload": reload or page, "page": page,
                "list": page if kind == "title" else None, "reloads": 1, "rebuilds": rebuilds, "late_reloads": 0,
                "late_rebuilds": 0, "server_ms": [page * 900] if page else [], "error": None, "foreign_cpu": 0.0,
                "window": 2.0}

    def test_spread(self):
        self.assertEqual(report.spread([0.05, 0.2, 3.0]), "200 ms (50 ms–3.00 s)")
        self.assertEqual(report.spread([None, 0.5]), "500 ms [1/2]")
        self.assertEqual(report.spread([None]), "none of 1")

    def test_table_ratios_and_targets(self):
        size = {"size": 10000, "notes": [], "builds": {"answerkit": [3.0], "answerkit-nochange": [0.2], "hugo": [5.0]},
                "servers": {}, "rows": [self.row("answerkit", "body", 1, 3.2), self.row("hugo", "body", 1, 0.5),
                                        self.row("answerkit", "touch", 1, None, reload=3.1),
                                        self.row("hugo", "touch", 1, None, reload=None)]}
        size["rows"][3]["reload"] = None
        text = report.size_report(size)
        self.assertIn("body edit → page shows it", text)
        self.assertIn("6.40", text)                                        # 3.2 s / 0.5 s
        self.assertIn("in under 100 ms (median, body edit → page): 3.20 s: NOT met", text)
        self.assertIn("6.7%: met", text)                                   # 0.2 s of 3.0 s
        self.assertIn("no reload", text)
        self.assertIn("NOT met", [l for l in text.splitlines() if "touched" in l][0])

    def test_server_notes(self):
        rows = [self.row("answerkit", "body", r, 0.05) for r in (1, 2, 3)]
        for r, note in zip(rows, ["1 pages made again", "1 pages made again", "5 pages made again"]):
            r["server_notes"] = [note]
        text = report.size_report({"size": 200, "notes": [], "builds": {}, "servers": {}, "rows": rows})
        self.assertIn("what the server says it did  1 pages made again (2/3)", text)

    def test_double_rebuild_shows(self):
        rows = [self.row("answerkit", "body", 1, 0.05), self.row("answerkit", "body", 2, 0.05, rebuilds=2)]
        text = report.size_report({"size": 200, "notes": [], "builds": {}, "servers": {}, "rows": rows})
        self.assertIn("1–2 (median 1.5) rebuild(s)", text)


if __name__ == "__main__":
    unittest.main()
