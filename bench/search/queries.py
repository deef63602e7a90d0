"""Query sets for the search benchmark (pure functions over values).

- The sample site: the one- and two-word queries of the relevance fixtures.
- The 10 000-entry site: common words of the entry titles, picked with a
  seeded RNG: one-word queries, and two-word queries made of two common words
  that occur together in some title (so that a query has full matches, like
  a real one).
"""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from typing import Iterable, Sequence

MIN_WORD_LENGTH = 4  # shorter words of the generated corpus are function words ("ix", "su")
COMMON_WORDS = 40  # the pool of "common" words per locale


def words_of(text: str, locale: str) -> list[str]:
    """Words as a person would type them: letters only, no combining marks
    (tashkeel, niqqud: nobody types them), lower case (Turkish-aware for tr)."""
    words, current = [], []
    for ch in unicodedata.normalize("NFC", text):
        cat = unicodedata.category(ch)
        if cat.startswith("L"):
            current.append(ch)
        elif cat.startswith("M"):
            continue  # a mark inside a word: dropped, the word goes on
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return [lower(w, locale) for w in words]


def lower(word: str, locale: str) -> str:
    # str.lower() maps I to i; Turkish maps I to dotless ı and İ to i.
    if locale == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    return word.lower()


def short_queries(cases: Sequence[dict], max_words: int = 2) -> list[str]:
    """Queries of relevance cases with at most `max_words` words, in file order, without repeats."""
    seen, out = set(), []
    for case in cases:
        q = case["query"]
        if 0 < len(q.split()) <= max_words and q not in seen:
            seen.add(q)
            out.append(q)
    return out


def common_words(titles: Iterable[str], locale: str, pool: int = COMMON_WORDS,
                 min_length: int = MIN_WORD_LENGTH) -> list[str]:
    """The `pool` words found in the most titles (ties by word), at least `min_length` letters."""
    df = Counter()
    for title in titles:
        df.update({w for w in words_of(title, locale) if len(w) >= min_length})
    ranked = sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))
    return [w for w, _ in ranked[:pool]]


def pick_queries(titles: Sequence[str], locale: str, seed: int, one: int, two: int) -> list[str]:
    """`one` one-word and `two` two-word queries from the titles' common words, seeded by locale."""
    pool = common_words(titles, locale)
    rng = random.Random(f"{seed}:{locale}")
    singles = rng.sample(pool, min(one, len(pool)))
    common = set(pool)
    pairs = set()
    for title in titles:
        ws = []
        for w in words_of(title, locale):
            if w in common and w not in ws:
                ws.append(w)
        pairs.update((ws[i], ws[j]) for i in range(len(ws)) for j in range(i + 1, len(ws)))
    doubles = rng.sample(sorted(pairs), min(two, len(pairs)))
    return singles + [f"{a} {b}" for a, b in doubles]
