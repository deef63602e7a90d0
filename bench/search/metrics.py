"""Pure measures for the search benchmark: ranking quality, sizes, medians.

Every function takes values and returns values; nothing here reads files or
talks to a browser (bench.py does that).
"""

from __future__ import annotations

import gzip
import statistics
from typing import Iterable, Sequence
from urllib.parse import urlsplit

# What a web server typically uses for on-the-fly compression (Apache
# mod_deflate and most CDNs' gzip default to 6). Brotli would be a few percent
# smaller for both tools; the standard library has no brotli.
GZIP_LEVEL = 6


def gzip_size(data: bytes, level: int = GZIP_LEVEL) -> int:
    """Bytes of `data` as a gzip response body (fixed header time: stable sizes)."""
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def reciprocal_rank(ranked: Sequence[str | None], relevant: Iterable[str], cutoff: int = 10) -> float:
    """1/rank of the first relevant id within the first `cutoff` results, else 0."""
    wanted = set(relevant)
    for rank, item in enumerate(ranked[:cutoff], start=1):
        if item in wanted:
            return 1.0 / rank
    return 0.0


def hit_at(ranked: Sequence[str | None], relevant: Iterable[str], cutoff: int = 5) -> bool:
    """Whether a relevant id is among the first `cutoff` results (Recall@k with one expected entry)."""
    wanted = set(relevant)
    return any(item in wanted for item in ranked[:cutoff])


def relevance_summary(rows: Sequence[tuple[Sequence[str | None], Sequence[str]]]) -> dict:
    """Recall@5 and MRR@10 over (ranked ids, expected ids) pairs."""
    if not rows:
        return {"queries": 0, "recall5": None, "mrr10": None}
    return {
        "queries": len(rows),
        "recall5": sum(hit_at(r, e, 5) for r, e in rows) / len(rows),
        "mrr10": sum(reciprocal_rank(r, e, 10) for r, e in rows) / len(rows),
    }


def expected_ids(case: dict) -> list[str]:
    """The relevant entry ids of a fixture case: `expect` is one id (or a list of ids)."""
    expect = case.get("expect")
    if isinstance(expect, str):
        return [expect]
    if isinstance(expect, list) and all(isinstance(x, str) for x in expect):
        return list(expect)
    raise ValueError(f"relevance case without a string 'expect': {case!r}")


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def normalize_url(url: str) -> str:
    """Site-relative page URL as both tools print it: no host, no index.html, trailing slash."""
    path = urlsplit(url).path or "/"
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    if not path.endswith("/"):
        path += "/"
    return path
