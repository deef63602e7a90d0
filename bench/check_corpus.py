#!/usr/bin/env python3
"""Validate a corpus written by ``generate.py`` (a self-test of the generator).

Checks every entry's front matter (YAML-parsed: required keys, 2-4 replies,
known channels and kinds, twitter texts of at most 200 characters with no URL
other than a short https://example.com/... one), the body word count
(150-1 200 words, counted loosely on whitespace), 1-3 relative links whose
targets exist in the same locale, and every category's ``_index.md``.

Usage: ``python3 bench/check_corpus.py bench/work/1000``  (needs PyYAML)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

CHANNELS = {"twitter", "facebook", "whatsapp", "email", "any"}
KINDS = {"answer", "acknowledge", "private", "follow-up"}
KEYS = ["id", "title", "summary", "tags", "status", "approved_by", "approved_on",
        "review_by", "sources", "replies"]
LINK = re.compile(r"\]\((\.\./[^)]+\.md)\)")
URL = re.compile(r"https?://\S+")
MARKUP = re.compile(r"^(#{2,3}|[-*]|\d+\.|```\w*)$")


def split(text: str) -> tuple[dict, str]:
    """Split a file into (front matter mapping, body)."""
    assert text.startswith("---\n"), "no front matter"
    fm, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(fm), body


def check(root: Path) -> list[str]:
    """Return a list of problems found under ``root`` (empty when valid)."""
    problems: list[str] = []
    content = root / "content"
    stats: Counter = Counter()
    for path in sorted(content.glob("*/*/*.md")):
        rel = path.relative_to(content)
        text = path.read_text(encoding="utf-8")
        try:
            meta, body = split(text)
        except Exception as exc:  # noqa: BLE001 - report any parse failure
            problems.append(f"{rel}: {exc}")
            continue
        if path.name == "_index.md":
            if set(meta) != {"title", "description", "order"}:
                problems.append(f"{rel}: bad category keys {sorted(meta)}")
            stats["categories"] += 1
            continue
        stats["entries"] += 1
        if list(meta) != KEYS:
            problems.append(f"{rel}: keys {list(meta)}")
        replies = meta.get("replies") or []
        if not 2 <= len(replies) <= 4:
            problems.append(f"{rel}: {len(replies)} replies")
        for r in replies:
            if r.get("channel") not in CHANNELS or r.get("kind") not in KINDS:
                problems.append(f"{rel}: bad reply {r}")
            if r.get("channel") == "twitter":
                t = r["text"]
                if len(t) > 200:
                    problems.append(f"{rel}: twitter text of {len(t)} chars")
                for u in URL.findall(t):
                    if not re.fullmatch(r"https://example\.com/\w+/?\w*", u):
                        problems.append(f"{rel}: long URL in tweet {u}")
        words = sum(1 for w in body.split() if not MARKUP.match(w))
        stats["words"] += words
        if not 150 <= words <= 1300:
            problems.append(f"{rel}: {words} body words")
        links = LINK.findall(body)
        if not 1 <= len(links) <= 3:
            problems.append(f"{rel}: {len(links)} links")
        for link in links:
            target = (path.parent / link).resolve()
            if not target.is_file():
                problems.append(f"{rel}: broken link {link}")
            elif target == path.resolve():
                problems.append(f"{rel}: links to itself")
        if body.count("```") % 2:
            problems.append(f"{rel}: unbalanced code fence")
    n = max(stats["entries"], 1)
    print(f"checked {stats['entries']} entries, {stats['categories']} categories, "
          f"{stats['words'] / n:.0f} body words/entry on average, "
          f"{len(problems)} problem(s)")
    return problems


def main() -> int:
    """Command-line entry point."""
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems = check(Path(sys.argv[1]))
    for p in problems[:50]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
