#!/usr/bin/env python3
"""Generate a synthetic, multilingual AnswerKit knowledge base for benchmarks.

The corpus is fully determined by ``--seed`` and ``--entries``: running the
generator twice with the same arguments produces byte-identical files, whatever
the number of worker processes. No external data is used: every word is built
from seeded syllable combinations.

Layout written under ``--out DIR``::

    DIR/answerkit.yml                          site configuration
    DIR/content/<locale>/<category>/_index.md  category (title, description, order)
    DIR/content/<locale>/<category>/<slug>.md  one FAQ entry
    DIR/bodies.md                              all entry bodies, front matter
                                               stripped (input of the cmark floor)
    DIR/.bench-corpus.json                     marker: seed, size, generator hash

Entries are spread round-robin over the locales en, fr, tr, ar, he (entry ``i``
goes to ``LOCALES[i % 5]``), over 20 categories per locale. Each entry has the
front matter AnswerKit expects (id, title, summary, tags, status, approval,
sources, 2-4 channel replies) and a Markdown body of 150-1 200 words (uniform)
with headings, paragraphs, lists, inline markup, sometimes a code block, and
1-3 relative links to other entries of the same locale. The average entry is
about 4.9 KB, so 10 000 entries weigh about 49 MB like the reference corpus.

Usage::

    python3 bench/generate.py --entries 10000 --out bench/work/10000
    python3 bench/generate.py --entries 10000 --out bench/work/10000 --reuse

Speed: entries are generated in parallel (``--jobs``, default: all cores), each
from its own RNG seeded with (seed, entry index), and sentences are drawn from a
per-locale pool built once, so 100 000 entries take a few tens of seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# --------------------------------------------------------------------------
# Fixed parameters of the corpus
# --------------------------------------------------------------------------

LOCALES = ["en", "fr", "tr", "ar", "he"]
LOCALE_NAMES = {
    "en": ("English", "ltr"),
    "fr": ("Français", "ltr"),
    "tr": ("Türkçe", "ltr"),
    "ar": ("العربية", "rtl"),
    "he": ("עברית", "rtl"),
}

# Category slugs are ASCII and shared by all locales (a translated site keeps
# its URLs); the titles shown on the pages are generated per locale.
CATEGORIES = [
    "billing", "orders", "shipping", "returns", "account", "security",
    "privacy", "subscriptions", "payments", "invoices", "delivery", "products",
    "warranty", "technical", "mobile-app", "notifications", "integrations",
    "gift-cards", "loyalty", "contact",
]
# Relative category sizes, so categories are not all the same size.
CATEGORY_WEIGHTS = [3, 3, 2, 2, 3, 1, 1, 2, 2, 1, 2, 3, 1, 2, 1, 1, 1, 1, 1, 1]

TEAMS = ["Billing team", "Support team", "Logistics team", "Legal team",
         "Security team", "Product team", "Payments team", "Customer care"]
CHANNELS = ["twitter", "facebook", "whatsapp", "email", "any"]
KINDS = ["answer", "acknowledge", "private", "follow-up"]

BODY_WORDS = (150, 1200)     # uniform range of body words per entry
TWITTER_MAX = 200            # characters (code points) of a twitter reply
SHORT_REPLY_MAX = 200        # other non-email channels stay short as well
SENTENCE_POOL = 30000        # sentences pre-built per locale
VOCAB_SIZE = 4000            # words per locale
TAG_POOL = 40                # distinct tags per locale

MARKER = ".bench-corpus.json"

# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------

# Syllable building blocks per locale. Latin-ish syllables for en/fr/tr (with
# real accented letters for fr and tr), Arabic and Hebrew letters for ar/he.
_LATIN_ONSETS = ["", "b", "c", "d", "f", "g", "l", "m", "n", "p", "qu", "r",
                 "s", "t", "v", "st", "pr", "tr", "cl", "gr"]
_LATIN_VOWELS = ["a", "e", "i", "o", "u", "ae", "ia", "io"]
_LATIN_CODAS = ["", "", "", "m", "n", "r", "s", "t", "x", "l"]

_SYLLABLES = {
    "en": (_LATIN_ONSETS, _LATIN_VOWELS, _LATIN_CODAS),
    "fr": (_LATIN_ONSETS + ["ch", "j"],
           _LATIN_VOWELS + ["é", "è", "ê", "à", "â", "ô", "î", "û", "eau", "œu"],
           _LATIN_CODAS + ["ç", "s", "t"]),
    "tr": (["", "b", "c", "ç", "d", "g", "ğ", "h", "k", "l", "m", "n", "p",
            "r", "s", "ş", "t", "y", "z"],
           ["a", "e", "ı", "i", "o", "ö", "u", "ü"],
           ["", "", "k", "l", "m", "n", "r", "ş", "t", "z"]),
}
_ARABIC_LETTERS = list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") + ["ة", "ى", "أ", "إ", "ء"]
_ARABIC_TASHKEEL = ["\u064e", "\u064f", "\u0650", "\u0652", "\u0651"]
_HEBREW_LETTERS = list("אבגדהוזחטיכלמנסעפצקרשת")
_HEBREW_FINALS = {"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"}

# Sentence punctuation per locale: (full stop, question mark, comma).
_PUNCT = {
    "en": (".", "?", ","),
    "fr": (".", "\u00a0?", ","),      # French puts a (no-break) space before ?
    "tr": (".", "?", ","),
    "ar": (".", "؟", "،"),
    "he": (".", "?", ","),
}


def _make_word(rng: random.Random, locale: str) -> str:
    """Build one pseudo-word for ``locale`` from random syllables/letters."""
    if locale == "ar":
        n = rng.choice((2, 2, 2, 3, 3, 3, 4))
        letters = rng.choices(_ARABIC_LETTERS, k=n)
        if rng.random() < 0.15:          # some words carry tashkeel
            letters = [c + rng.choice(_ARABIC_TASHKEEL) if rng.random() < 0.6 else c
                       for c in letters]
        if rng.random() < 0.15:
            letters.insert(0, "ال")       # definite article
        return "".join(letters)
    if locale == "he":
        n = rng.choice((2, 2, 2, 3, 3, 4))
        letters = rng.choices(_HEBREW_LETTERS, k=n)
        letters[-1] = _HEBREW_FINALS.get(letters[-1], letters[-1])
        return "".join(letters)
    onsets, vowels, codas = _SYLLABLES[locale]
    n = rng.choice((1, 1, 2, 2, 2, 3))
    return "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                   for _ in range(n))


def make_vocabulary(seed: int, locale: str, size: int = VOCAB_SIZE) -> list[str]:
    """Return ``size`` distinct words for ``locale``, most frequent first."""
    rng = random.Random(f"{seed}-vocab-{locale}")
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        w = _make_word(rng, locale)
        if len(w) >= 2 and w not in seen:
            seen.add(w)
            words.append(w)
    # Zipf-like frequency: short words are the most common ones.
    words.sort(key=lambda w: (len(w) + rng.random() * 6))
    return words


def zipf_cum_weights(n: int, s: float = 0.93) -> list[float]:
    """Cumulative Zipf weights for ``n`` ranks (for ``random.choices``)."""
    total = 0.0
    cum = []
    for rank in range(1, n + 1):
        total += 1.0 / rank ** s
        cum.append(total)
    return cum


def capitalize(word: str, locale: str) -> str:
    """Capitalize the first letter (Turkish dotted/dotless i handled)."""
    if not word:
        return word
    first = word[0]
    if locale == "tr" and first in "iı":
        first = "İ" if first == "i" else "I"
    else:
        first = first.upper()
    return first + word[1:]


# --------------------------------------------------------------------------
# Per-locale text material, built once in the parent process
# --------------------------------------------------------------------------

@dataclass
class LocaleText:
    """Word list, sentence pool and tags of one locale."""

    locale: str
    words: list[str]
    cum: list[float]
    sentences: list[str]       # plain sentences with inline markup
    sentence_words: list[int]  # word count of each sentence
    tags: list[str]

    def pick_words(self, rng: random.Random, k: int) -> list[str]:
        """Draw ``k`` words with Zipf frequencies."""
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def phrase(self, rng: random.Random, lo: int, hi: int) -> str:
        """A capitalized phrase of ``lo``-``hi`` words, no final punctuation."""
        words = self.pick_words(rng, rng.randint(lo, hi))
        words[0] = capitalize(words[0], self.locale)
        return " ".join(words)

    def sentence(self, rng: random.Random, lo: int, hi: int, question: bool = False) -> str:
        """A capitalized sentence of ``lo``-``hi`` words ending in . or ?."""
        stop, qmark, _ = _PUNCT[self.locale]
        return self.phrase(rng, lo, hi) + (qmark if question else stop)


def build_locale_text(seed: int, locale: str) -> LocaleText:
    """Build the vocabulary, a pool of sentences and the tag list of a locale."""
    words = make_vocabulary(seed, locale)
    cum = zipf_cum_weights(len(words))
    rng = random.Random(f"{seed}-sentences-{locale}")
    stop, qmark, comma = _PUNCT[locale]
    # Tags are ASCII slugs (they become URLs), shared in spirit by all locales.
    tag_rng = random.Random(f"{seed}-tags")
    latin = make_vocabulary(seed, "en", 600)
    tags = sorted({"-".join(tag_rng.sample(latin[50:], 2)) for _ in range(TAG_POOL)})

    sentences, counts = [], []
    for _ in range(SENTENCE_POOL):
        n = rng.randint(5, 20)
        ws = rng.choices(words, cum_weights=cum, k=n)
        ws[0] = capitalize(ws[0], locale)
        # Inline markup on some sentences: **bold**, *emphasis*, `code`.
        r = rng.random()
        if r < 0.10 and n > 3:
            i = rng.randrange(1, n - 1)
            ws[i] = f"**{ws[i]} {ws[i + 1]}**"
            del ws[i + 1]
        elif r < 0.18:
            i = rng.randrange(1, n)
            ws[i] = f"*{ws[i]}*"
        elif r < 0.24:
            i = rng.randrange(1, n)
            ws[i] = f"`{rng.choice(latin[:300])}_{rng.choice(latin[:300])}()`"
        if n > 9 and rng.random() < 0.4:
            ws[n // 2 - 1] += comma
        end = qmark if rng.random() < 0.08 else stop
        sentences.append(" ".join(ws) + end)
        counts.append(n)
    return LocaleText(locale, words, cum, sentences, counts, tags)


# --------------------------------------------------------------------------
# Corpus plan: which entry goes where (computed up front, needed for links)
# --------------------------------------------------------------------------

@dataclass
class Plan:
    """Placement of every entry: locale index, category and slug."""

    entries: int
    categories: list[str]      # category slug of entry i
    slugs: list[str]           # slug of entry i


def make_plan(seed: int, entries: int) -> Plan:
    """Assign every entry a category and a unique ASCII slug."""
    rng = random.Random(f"{seed}-plan")
    slug_words = make_vocabulary(seed, "en", 1500)
    cats = rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS, k=entries)
    slugs = []
    for i in range(entries):
        k = rng.randint(2, 4)
        slugs.append("-".join(rng.sample(slug_words, k)) + f"-{i}")
    return Plan(entries, cats, slugs)


def entry_id(i: int) -> str:
    """Stable entry id, e.g. ``e000123``."""
    return f"e{i:06d}"


def yaml_quote(text: str) -> str:
    """Double-quote ``text`` for YAML (escapes backslashes and quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --------------------------------------------------------------------------
# One entry
# --------------------------------------------------------------------------

_CODE_BLOCKS = [
    ("bash", ["curl -s https://example.com/api/v1/orders/{n} \\",
              "  -H 'Authorization: Bearer $TOKEN'",
              "echo \"status: $?\""]),
    ("json", ['{', '  "order": {n},', '  "status": "refunded",',
              '  "items": [1, 2, 3]', '}']),
    ("text", ["Settings > Account > Orders", "Order #{n}", "Status: pending"]),
    ("yaml", ["order: {n}", "refund:", "  method: card", "  days: 5"]),
]


def _reply_text(rng: random.Random, lt: LocaleText, channel: str, n: int) -> str:
    """Text of one canned reply; short for social channels, longer for email."""
    greet = "{{name}}, " if rng.random() < 0.6 else ""
    if channel == "email":
        parts = [lt.sentence(rng, 6, 16) for _ in range(rng.randint(3, 6))]
        return greet + " ".join(parts)
    limit = TWITTER_MAX if channel == "twitter" else SHORT_REPLY_MAX
    url = f" https://example.com/r/{n}" if rng.random() < 0.3 else ""
    text = greet + lt.sentence(rng, 6, 14)
    if rng.random() < 0.5:
        text += " " + lt.sentence(rng, 4, 10)
    budget = limit - len(url)
    if len(text) > budget:                       # cut on a word boundary
        text = text[:budget - 1].rsplit(" ", 1)[0] + _PUNCT[lt.locale][0]
    return text + url


def render_front_matter(i: int, rng: random.Random, lt: LocaleText) -> str:
    """YAML front matter of entry ``i`` (between ``---`` lines)."""
    title = lt.sentence(rng, 4, 11, question=True)
    summary = lt.sentence(rng, 8, 18)
    tags = rng.sample(lt.tags, rng.randint(1, 3))
    month = rng.randint(1, 10)
    approved_on = f"2026-{month:02d}-{rng.randint(1, 28):02d}"
    review_by = f"{rng.randint(2029, 2030)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [
        "---",
        f"id: {entry_id(i)}",
        f"title: {yaml_quote(title)}",
        f"summary: {yaml_quote(summary)}",
        f"tags: [{', '.join(tags)}]",
        "status: approved",
        f"approved_by: {rng.choice(TEAMS)}",
        f"approved_on: {approved_on}",
        f"review_by: {review_by}",
        "sources:",
    ]
    for k in range(rng.randint(1, 2)):
        lines.append(f"  - https://example.com/policy/{i}{'' if k == 0 else f'-{k}'}")
    lines.append("replies:")
    for _ in range(rng.randint(2, 4)):
        channel = rng.choice(CHANNELS)
        lines.append(f"  - channel: {channel}")
        lines.append(f"    kind: {rng.choice(KINDS)}")
        lines.append(f"    text: {yaml_quote(_reply_text(rng, lt, channel, i))}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def render_body(i: int, rng: random.Random, lt: LocaleText, links: list[str]) -> str:
    """Markdown body of entry ``i`` with the given links.

    The body has exactly as many words as a target drawn uniformly in
    150-1 200 (words of headings, paragraphs, list items and link texts; the
    Markdown markers and code blocks are not counted): blocks are added until
    the budget is spent and the last sentence is shortened to fit."""
    target = rng.randint(*BODY_WORDS)
    sent, counts = lt.sentences, lt.sentence_words
    nsent = len(sent)
    blocks: list[str] = []
    paragraphs: list[int] = []     # indexes in blocks of plain paragraphs
    stop = _PUNCT[lt.locale][0]
    link_texts = [lt.phrase(rng, 2, 4) for _ in links]
    words = sum(t.count(" ") + 1 for t in link_texts)

    def left() -> int:
        return target - words

    def fit(sentence: str, n: int) -> str | None:
        """``sentence`` (of ``n`` words) if it fits the budget, else a shorter
        fresh one of the remaining words, else None. Updates the count."""
        nonlocal words
        room = left()
        if room <= 0:
            return None
        if n > room:
            sentence, n = lt.sentence(rng, room, room), room
        words += n
        return sentence

    def paragraph(min_s: int, max_s: int) -> None:
        parts = []
        for _ in range(rng.randint(min_s, max_s)):
            j = rng.randrange(nsent)
            s = fit(sent[j], counts[j])
            if s is None:
                break
            parts.append(s)
        if parts:
            paragraphs.append(len(blocks))
            blocks.append(" ".join(parts))

    def heading(marker: str, lo: int, hi: int) -> None:
        nonlocal words
        h = lt.phrase(rng, lo, hi)
        n = h.count(" ") + 1
        if n + 8 <= left():        # no heading without room for some text
            words += n
            blocks.append(f"{marker} {h}")

    def listing(numbered: bool) -> None:
        items = []
        for _ in range(rng.randint(3, 6)):
            n = rng.randint(3, 12)
            s = fit(lt.sentence(rng, n, n), n)
            if s is None:
                break
            items.append(s)
        if items:
            blocks.append("\n".join((f"{k}. " if numbered else "- ") + s
                                    for k, s in enumerate(items, 1)))

    paragraph(1, 3)                                   # introduction
    code_block_left = rng.random() < 0.2              # ~20 % have a code block
    while left() > 0:
        heading("##", 2, 6)
        paragraph(2, 5)
        r = rng.random()
        if r < 0.35:
            listing(numbered=False)
        elif r < 0.6:
            listing(numbered=True)
        if rng.random() < 0.3:                        # subsection
            heading("###", 2, 5)
            paragraph(1, 4)
        if code_block_left and words > target // 2:
            lang, lines = rng.choice(_CODE_BLOCKS)
            blocks.append(f"```{lang}\n" + "\n".join(l.replace("{n}", str(i)) for l in lines)
                          + "\n```")
            code_block_left = False
        if rng.random() < 0.5:
            paragraph(1, 4)

    # Links to other entries, each appended to a random paragraph.
    for path, text in zip(links, link_texts):
        p = rng.choice(paragraphs)
        blocks[p] += f" [{text}]({path}){stop}"
    return "\n\n".join(blocks) + "\n"


def entry_links(i: int, rng: random.Random, plan: Plan) -> list[str]:
    """1-3 relative links ``../<category>/<slug>.md`` to other entries of the
    same locale (entries ``j`` with ``j % 5 == i % 5``, ``j != i``)."""
    nloc = len(LOCALES)
    same = (plan.entries - 1 - i % nloc) // nloc + 1   # entries in this locale
    if same < 2:
        return []
    out = []
    for _ in range(rng.randint(1, 3)):
        j = i
        while j == i:
            j = rng.randrange(same) * nloc + i % nloc
        out.append(f"../{plan.categories[j]}/{plan.slugs[j]}.md")
    return out


# --------------------------------------------------------------------------
# Parallel generation
# --------------------------------------------------------------------------

# Set in the parent before forking; read by workers (copy-on-write).
_STATE: dict = {}


def _generate_chunk(args: tuple[int, int, int]) -> tuple[int, int]:
    """Write entries ``start..stop-1`` and this chunk's part of bodies.md.

    Returns (chunk number, bytes of Markdown written)."""
    chunk, start, stop = args
    seed, out, plan, texts = _STATE["seed"], _STATE["out"], _STATE["plan"], _STATE["texts"]
    content = out / "content"
    total = 0
    bodies = []
    for i in range(start, stop):
        locale = LOCALES[i % len(LOCALES)]
        lt = texts[locale]
        rng = random.Random(seed * 1_000_003 + i)
        links = entry_links(i, rng, plan)
        fm = render_front_matter(i, rng, lt)
        body = render_body(i, rng, lt, links)
        data = (fm + body).encode("utf-8")
        path = content / locale / plan.categories[i] / f"{plan.slugs[i]}.md"
        with open(path, "wb") as f:
            f.write(data)
        total += len(data)
        bodies.append(body)
    with open(out / f".bodies.{chunk:05d}.part", "w", encoding="utf-8") as f:
        f.write("\n".join(bodies))
        f.write("\n")
    return chunk, total


def write_categories(seed: int, out: Path, texts: dict[str, LocaleText]) -> int:
    """Write every ``_index.md``; returns bytes written."""
    total = 0
    for locale in LOCALES:
        lt = texts[locale]
        rng = random.Random(f"{seed}-categories-{locale}")
        for order, cat in enumerate(CATEGORIES, 1):
            d = out / "content" / locale / cat
            d.mkdir(parents=True, exist_ok=True)
            text = ("---\n"
                    f"title: {yaml_quote(lt.phrase(rng, 1, 3))}\n"
                    f"description: {yaml_quote(lt.sentence(rng, 5, 12))}\n"
                    f"order: {order}\n"
                    "---\n")
            data = text.encode("utf-8")
            (d / "_index.md").write_bytes(data)
            total += len(data)
    return total


def write_config(out: Path, templates: Path) -> None:
    """Write ``answerkit.yml`` pointing at the repository's templates."""
    locs = "\n".join(
        f"  - {{ code: {c}, name: {LOCALE_NAMES[c][0]}, direction: {LOCALE_NAMES[c][1]} }}"
        for c in LOCALES)
    (out / "answerkit.yml").write_text(
        "title: Bench Help\n"
        "baseURL: https://bench.example/\n"
        "defaultLocale: en\n"
        "locales:\n"
        f"{locs}\n"
        "paths:\n"
        "  content: content\n"
        f"  templates: {templates}\n"
        "  public: public\n",
        encoding="utf-8")


def generator_hash() -> str:
    """SHA-256 of this file, so a changed generator invalidates old corpora."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def wanted_marker(seed: int, entries: int, templates: Path) -> dict:
    """Marker content identifying a corpus (compared by ``--reuse``)."""
    return {"seed": seed, "entries": entries, "generator": generator_hash(),
            "templates": str(templates)}


def generate(seed: int, entries: int, out: Path, templates: Path, jobs: int) -> dict:
    """Generate the whole corpus into ``out``; returns the marker written."""
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    for p in out.glob(".bodies.*.part"):
        p.unlink()
    out.mkdir(parents=True, exist_ok=True)

    texts = {loc: build_locale_text(seed, loc) for loc in LOCALES}
    plan = make_plan(seed, entries)
    total = write_categories(seed, out, texts)
    write_config(out, templates)

    _STATE.update(seed=seed, out=out, plan=plan, texts=texts)
    chunk_size = 500
    chunks = [(n, s, min(s + chunk_size, entries))
              for n, s in enumerate(range(0, entries, chunk_size))]
    if jobs > 1 and len(chunks) > 1:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(jobs) as pool:
            results = pool.map(_generate_chunk, chunks, chunksize=1)
    else:
        results = [_generate_chunk(c) for c in chunks]
    total += sum(r[1] for r in results)

    # Concatenate the body parts in entry order (input of the cmark floor).
    with open(out / "bodies.md", "wb") as dst:
        for n, _, _ in chunks:
            part = out / f".bodies.{n:05d}.part"
            with open(part, "rb") as src:
                shutil.copyfileobj(src, dst, 1 << 20)
            part.unlink()

    marker = wanted_marker(seed, entries, templates)
    marker.update(markdown_bytes=total,
                  files=entries + len(LOCALES) * len(CATEGORIES),
                  bodies_bytes=(out / "bodies.md").stat().st_size)
    (out / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return marker


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    repo = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--entries", type=int, default=1000,
                    help="number of entries (e.g. 1000, 10000, 100000)")
    ap.add_argument("--out", type=Path, required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--templates", type=Path, default=repo / "templates",
                    help="templates directory written into answerkit.yml "
                         "(default: <repo>/templates)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (output does not depend on it)")
    ap.add_argument("--reuse", action="store_true",
                    help="do nothing if OUT already holds this exact corpus")
    ap.add_argument("--force", action="store_true",
                    help="overwrite OUT even if it does not look like a corpus")
    args = ap.parse_args(argv)

    if args.entries < 1:
        ap.error("--entries must be positive")
    out = args.out.resolve()
    templates = args.templates.resolve()
    marker_path = out / MARKER

    if args.reuse and marker_path.exists():
        try:
            old = json.loads(marker_path.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        want = wanted_marker(args.seed, args.entries, templates)
        if all(old.get(k) == v for k, v in want.items()) and (out / "bodies.md").exists():
            print(f"corpus: reusing {out} ({args.entries} entries, seed {args.seed}, "
                  f"{old['markdown_bytes'] / 1e6:.1f} MB of Markdown)")
            return 0

    if out.exists() and any(out.iterdir()) and not marker_path.exists() and not args.force:
        print(f"error: {out} is not empty and holds no corpus marker; "
              "use --force to overwrite", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    marker = generate(args.seed, args.entries, out, templates, max(1, args.jobs))
    dt = time.perf_counter() - t0
    mb = marker["markdown_bytes"] / 1e6
    print(f"corpus: {args.entries} entries, {marker['files']} files, "
          f"{mb:.1f} MB of Markdown ({marker['markdown_bytes'] / args.entries / 1000:.2f} KB/entry), "
          f"bodies {marker['bodies_bytes'] / 1e6:.1f} MB, seed {args.seed}, "
          f"{dt:.1f} s -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
