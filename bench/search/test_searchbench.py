"""Tests of the search benchmark's pure parts: python3 -m unittest discover -s bench/search

(The measuring parts need a built site, Pagefind and Chromium: run.sh is their test.)
"""

import gzip
import unittest

import metrics
import queries
import report
from bench import parse_stages, pf_bytes, pf_kind
from server import Served, harness_page


class MetricsTests(unittest.TestCase):
    def test_reciprocal_rank_and_hits(self):
        ranked = ["a", None, "b", "c", "d", "e", "f"]
        self.assertEqual(metrics.reciprocal_rank(ranked, ["b"]), 1 / 3)
        self.assertEqual(metrics.reciprocal_rank(ranked, ["x"]), 0.0)
        self.assertEqual(metrics.reciprocal_rank(ranked, ["f"], cutoff=5), 0.0)
        self.assertTrue(metrics.hit_at(ranked, ["e"], 6))
        self.assertFalse(metrics.hit_at(ranked, ["e"], 5))

    def test_relevance_summary(self):
        rows = [(["a", "b"], ["a"]), (["b", "a"], ["a"]), (["c"], ["a"]), ([], ["a"])]
        s = metrics.relevance_summary(rows)
        self.assertEqual(s["queries"], 4)
        self.assertEqual(s["recall5"], 0.5)
        self.assertEqual(s["mrr10"], (1 + 0.5) / 4)
        self.assertEqual(metrics.relevance_summary([])["recall5"], None)

    def test_expected_ids(self):
        self.assertEqual(metrics.expected_ids({"expect": "refund-status"}), ["refund-status"])
        self.assertEqual(metrics.expected_ids({"expect": ["a", "b"]}), ["a", "b"])
        with self.assertRaises(ValueError):
            metrics.expected_ids({"query": "x"})

    def test_gzip_size_is_a_gzip_body(self):
        data = b"refund " * 200
        self.assertEqual(metrics.gzip_size(data), len(gzip.compress(data, 6, mtime=0)))
        self.assertLess(metrics.gzip_size(data), len(data))

    def test_normalize_url(self):
        self.assertEqual(metrics.normalize_url("/en/billing/refund-status/"), "/en/billing/refund-status/")
        self.assertEqual(metrics.normalize_url("/en/billing/refund-status/index.html"), "/en/billing/refund-status/")
        self.assertEqual(metrics.normalize_url("https://h.example/en/a/b?x=1#top"), "/en/a/b/")
        self.assertEqual(metrics.normalize_url("https://h.example"), "/")

    def test_ratio_and_median(self):
        self.assertEqual(metrics.ratio(1, 4), 0.25)
        self.assertIsNone(metrics.ratio(1, 0))
        self.assertIsNone(metrics.median([]))
        self.assertEqual(metrics.median([3, 1, 2]), 2)


class QueryTests(unittest.TestCase):
    def test_words_drop_marks_and_fold_case(self):
        self.assertEqual(queries.words_of("Où est-il ?", "fr"), ["où", "est", "il"])
        self.assertEqual(queries.words_of("شُكراً جزيلاً", "ar"), ["شكرا", "جزيلا"])
        self.assertEqual(queries.words_of("שָׁלוֹם", "he"), ["שלום"])
        self.assertEqual(queries.words_of("IŞIK İade", "tr"), ["ışık", "iade"])
        self.assertEqual(queries.words_of("IADE", "en"), ["iade"])

    def test_short_queries(self):
        cases = [{"query": "refund"}, {"query": "where is my refund"}, {"query": "refund status"},
                 {"query": "refund"}, {"query": "  "}]
        self.assertEqual(queries.short_queries(cases), ["refund", "refund status"])

    def test_common_words_by_title_count(self):
        titles = ["Bravo alpha alpha", "Alpha charlie", "bravo delta ix", "echo"]
        self.assertEqual(queries.common_words(titles, "en", pool=2), ["alpha", "bravo"])

    def test_pick_queries_is_seeded_and_real(self):
        titles = [f"Word{n} zeta omega gamma" for n in range(5)] + ["delta gamma", "omega sigma"]
        titles = [t.replace("0", "a").replace("1", "b").replace("2", "c").replace("3", "d").replace("4", "e") for t in titles]
        a = queries.pick_queries(titles, "en", 42, 2, 2)
        self.assertEqual(a, queries.pick_queries(titles, "en", 42, 2, 2))
        self.assertEqual(len(a), 4)
        pool = set(queries.common_words(titles, "en"))
        for q in a[:2]:
            self.assertIn(q, pool)
        for q in a[2:]:
            w1, w2 = q.split()
            self.assertTrue(any(w1 in t.lower().split() and w2 in t.lower().split() for t in titles), q)


class ParsingTests(unittest.TestCase):
    def test_parse_stages(self):
        out = "warning: x\nstage load 0.079s\nstage search 0.030s\nstage search 0.010s\nbuilt 47 entries in 0.33 s\n"
        self.assertEqual(parse_stages(out), {"load": 0.079, "search": 0.04})

    def test_pagefind_kinds_and_bytes(self):
        self.assertEqual(pf_kind("/pagefind/pagefind-worker.js"), "js")
        self.assertEqual(pf_kind("/pagefind/wasm.en.pagefind"), "wasm")
        self.assertEqual(pf_kind("/pagefind/index/en_1.pf_index"), "index")
        self.assertEqual(pf_kind("/pagefind/fragment/en_1.pf_fragment"), "fragments")
        self.assertEqual(pf_kind("/pagefind/pagefind.en_1.pf_meta"), "meta")
        served = [Served("/pagefind/pagefind.js", 200, 100, 300), Served("/favicon.ico", 404, 9, 9),
                  Served("/pagefind/index/en_1.pf_index", 200, 50, 50)]
        b = pf_bytes(served)
        self.assertEqual((b["files"], b["sent"], b["js"], b["index"]), (2, 150, 100, 50))

    def test_harness_page(self):
        page = harness_page("answerkit", "ar", ["/assets/analyzer.js", "/assets/search.js"]).decode()
        self.assertIn('<html lang="ar">', page)
        self.assertLess(page.index("analyzer.js"), page.index("search.js"))
        self.assertNotIn("<script", harness_page("pagefind", "he", ["/assets/search.js"]).decode())


class ReportTests(unittest.TestCase):
    def test_table_alignment_ignores_combining_marks(self):
        text = report.table(["q", "n"], [["שָׁלוֹם", 1], ["abcd", 22]])
        lines = text.splitlines()
        self.assertEqual([report.width(l) for l in lines], [report.width(lines[1])] * len(lines))

    def test_render_marks_targets(self):
        site = {"label": "s", "entries": 2,
                "build": {"wall": 1.2, "search": 0.2}, "pagefind_build": {"wall": 3.0, "pages": 2},
                "bytes": [{"locale": "en", "query": "a",
                           "ak": {"gz": 10, "raw": 30, "files": 4, "js": 5, "index": 3, "display": 2},
                           "pf": {"sent": 100, "files": 9, "total": 3, "js": 40, "wasm": 50, "meta": 1,
                                  "index": 5, "fragments": 4, "other": 0},
                           "ak_browser": 10}],
                "latency": {"ak": [{"locale": "en", "query": "a", "hits": 1, "median": 0.5, "times": [0.5]}]}}
        meta = {"date": "d", "host": "h", "cpus": 2, "load_start": "0", "answerkit": "ak", "answerkit_version": "v",
                "pagefind_version": "p", "pagefind_args": [], "node": "n", "repo_rev": "r", "seed": 1, "reps": 1}
        text = report.render({"meta": meta, "sites": [site]})
        self.assertIn("20.0 %", text)  # adds = 0.2 / 1.0
        self.assertIn("0.10", text)  # AK/PF
        self.assertEqual(text.count("NOT met"), 0)
        self.assertIn("1/1 queries", text)

    def test_build_section_uses_builds_with_and_without_the_index(self):
        site = {"label": "s", "entries": 2, "build": {"wall": 1.2, "search": 0.2},
                "index_time": {"with": {"wall": 1.3, "cpu": 2.0, "search_cpu": 0.4}, "without": {"wall": 1.0, "cpu": 1.6},
                               "adds_wall": 0.3, "adds_cpu": 0.25, "search_share": 0.2}}
        text = report.build_section([site])
        self.assertIn("30.0 %", text)
        self.assertIn("NOT met", text)
        self.assertIn("25.0 %", text)
        self.assertNotIn("estimated", text)


if __name__ == "__main__":
    unittest.main()
