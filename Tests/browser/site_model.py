"""What the tests expect of the sample site, read from its sources rather than hard-coded.

The sources of truth are ``answerkit.yml`` (locales, directions, baseURL),
``content/<locale>/<category>/<slug>.md`` front matter (which entries are
translations of each other: same ``id``), ``templates/i18n/<locale>.yml``
(interface strings such as "copied") and the built ``<locale>/snippets.json``
(the approved reply texts a copy button must put on the clipboard).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import yaml

# Review dates are judged against this day unless SOURCE_DATE_EPOCH is set, so
# entries do not flip to "under review" (and lose their replies) as time passes.
DEFAULT_SOURCE_DATE_EPOCH = "1793491200"  # 2026-11-01T00:00:00Z


@dataclass(frozen=True)
class Locale:
    code: str
    name: str
    dir: str


@dataclass(frozen=True)
class Entry:
    """One entry file: ``path`` is its URL path inside the site, e.g. ``en/billing/refund-status/``."""

    locale: str
    id: str
    title: str
    status: str
    path: str
    source: Path


def _front_matter(source: Path) -> dict:
    text = source.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    return yaml.safe_load(text[4:end]) or {}


class Site:
    """The sample site's sources (``repo``) and one build of it (``public``)."""

    def __init__(self, repo: Path, public: Path, base_url: str | None = None):
        self.repo = repo
        self.public = public
        self.built_base_url = base_url  # the baseURL the build was given, when not answerkit.yml's

    @cached_property
    def config(self) -> dict:
        return yaml.safe_load((self.repo / "answerkit.yml").read_text(encoding="utf-8"))

    @cached_property
    def locales(self) -> list[Locale]:
        return [Locale(l["code"], l.get("name", l["code"]), l.get("direction", "ltr")) for l in self.config["locales"]]

    def locale(self, code: str) -> Locale:
        return next(l for l in self.locales if l.code == code)

    @property
    def default_locale(self) -> str:
        return self.config.get("defaultLocale", self.locales[0].code)

    @property
    def base_url(self) -> str:
        """``baseURL`` of the build, always ending in ``/``."""
        url = self.built_base_url or self.config["baseURL"]
        return url if url.endswith("/") else url + "/"

    @property
    def base_path(self) -> str:
        return urlsplit(self.base_url).path or "/"

    @cached_property
    def entries(self) -> list[Entry]:
        content = self.repo / self.config.get("paths", {}).get("content", "content")
        found = []
        for source in sorted(content.glob("*/**/*.md")):
            if source.name.startswith("_"):
                continue
            rel = source.relative_to(content)
            meta = _front_matter(source)
            path = "/".join(rel.parts[:-1] + (source.stem,)) + "/"
            found.append(Entry(rel.parts[0], str(meta.get("id", source.stem)), str(meta.get("title", "")),
                               str(meta.get("status", "")), path, source))
        return found

    def is_published(self, entry: Entry) -> bool:
        return (self.public / entry.path / "index.html").is_file()

    def entry(self, locale: str, entry_id: str) -> Entry:
        return next(e for e in self.entries if e.locale == locale and e.id == entry_id)

    def translation(self, entry: Entry, locale: str) -> Entry | None:
        """The published entry with the same id in ``locale``, if any."""
        for other in self.entries:
            if other.locale == locale and other.id == entry.id and self.is_published(other):
                return other
        return None

    def strings(self, locale: str) -> dict[str, str]:
        """Interface strings of a locale, falling back to the default locale's."""
        i18n = self.repo / self.config.get("paths", {}).get("templates", "templates") / "i18n"
        merged = dict(yaml.safe_load((i18n / f"{self.default_locale}.yml").read_text(encoding="utf-8")) or {})
        own = i18n / f"{locale}.yml"
        if own.is_file():
            merged.update(yaml.safe_load(own.read_text(encoding="utf-8")) or {})
        return merged

    def replies(self, locale: str) -> dict[str, dict]:
        """Approved replies of a locale by id, from the built bundle."""
        bundle = json.loads((self.public / locale / "snippets.json").read_text(encoding="utf-8"))
        return {r["id"]: r for r in bundle["replies"]}


def build(binary: Path, repo: Path, output: Path, base_url: str | None = None) -> Site:
    """Builds the sample site with ``binary`` into ``output``; ``base_url`` overrides ``baseURL``.

    For another baseURL the config is copied next to ``output`` with absolute
    content and templates paths, so the repository's own files are never touched.
    """
    root = repo
    if base_url is not None:
        config = yaml.safe_load((repo / "answerkit.yml").read_text(encoding="utf-8"))
        config["baseURL"] = base_url
        paths = config.setdefault("paths", {})
        for key in ("content", "templates"):
            paths[key] = str((repo / paths.get(key, key)).resolve())
        root = output.parent / (output.name + "-root")
        root.mkdir(parents=True, exist_ok=True)
        (root / "answerkit.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    result = subprocess.run([str(binary), "build", "--quiet", "--root", str(root), "--output", str(output)],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"answerkit build failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return Site(repo, output, base_url)
