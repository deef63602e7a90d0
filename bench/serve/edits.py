"""The edits the benchmark makes, as an editor would, and where their effect shows.

Kinds:
  body   append a paragraph with a new word to the entry's body
  title  put a new word at the start of the entry's title (the title also shows
         on its category page, the tag pages and the locale's home)
  touch  change the file's modification time only (no byte changes)

Files are saved the way most editors save: the new bytes go to a scratch file
beside the entry (`.<name>.<pid>.tmp`, a name both servers ignore), which is
then renamed over the entry in one step.
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

KINDS = ("body", "title", "touch")


@dataclass(frozen=True)
class Edit:
    kind: str
    run: int            # 1-based
    entry: str          # path relative to content/, e.g. fr/loyalty/lepior-81.md
    word: str           # what the changed page must contain ("" for touch)

    @property
    def page(self) -> str:
        """The entry's URL path on both servers: content/<locale>/<category>/<slug>.md → /<locale>/<category>/<slug>/."""
        return "/" + self.entry[: -len(".md")] + "/"

    @property
    def list_page(self) -> str:
        """The category page that lists the entry."""
        return "/" + self.entry.rsplit("/", 1)[0] + "/"


def entries(content: Path) -> list[str]:
    """Every entry file under `content`, relative, sorted (category files `_index.md` excluded)."""
    found = [p.relative_to(content).as_posix() for p in content.rglob("*.md") if p.name != "_index.md"]
    return sorted(found)


def plan(all_entries: list[str], kinds: list[str], runs: int, seed: int) -> list[Edit]:
    """`runs` edits per kind, each on a different entry, the same for every tool and every call."""
    if len(all_entries) < runs * len(kinds):
        raise ValueError(f"{len(all_entries)} entries are too few for {runs} runs of {len(kinds)} kinds")
    picked = random.Random(f"serve-bench-{seed}").sample(all_entries, runs * len(kinds))
    out = []
    for k, kind in enumerate(kinds):
        for r in range(runs):
            word = "" if kind == "touch" else f"zqx{kind}{seed}r{r + 1:02d}"
            out.append(Edit(kind, r + 1, picked[k * runs + r], word))
    return out


def edited_text(text: str, edit: Edit) -> str:
    """The file's new text for a body or title edit."""
    if edit.kind == "body":
        return text.rstrip("\n") + f"\n\nBenchmark edit {edit.word}.\n"
    if edit.kind == "title":
        new, n = re.subn(r'^title:[ \t]*(["\']?)', lambda m: f"title: {m.group(1)}{edit.word} ", text, count=1,
                         flags=re.M)
        if n != 1:
            raise ValueError(f"{edit.entry}: no 'title:' line in the front matter")
        return new
    raise ValueError(f"no text change for a {edit.kind} edit")


def save_like_an_editor(path: Path, text: str) -> None:
    """Writes `text` to a scratch file beside `path`, then renames it over `path`."""
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    mode = path.stat().st_mode & 0o777
    with open(scratch, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(scratch, mode)
    os.replace(scratch, path)


def apply(content: Path, edit: Edit) -> None:
    path = content / edit.entry
    if edit.kind == "touch":
        os.utime(path, None)
    else:
        save_like_an_editor(path, edited_text(path.read_text(encoding="utf-8"), edit))
