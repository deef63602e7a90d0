"""Pages stay usable at 320 CSS pixels (WCAG 1.4.10 Reflow) and on phones: nothing scrolls or sticks out sideways."""

from __future__ import annotations

import pytest

from browser import NARROW, PHONE
from pages import DESCRIBE_JS, SAMPLE_ENTRY, open_language_menu, sample_pages

# Elements that stick out of the viewport, except inside a container that
# scrolls or clips on its own (code blocks and tables may scroll) and
# visually-hidden 1px elements.
OVERFLOW_JS = """
const vw = document.documentElement.clientWidth, out = [];
const contained = el => {
  for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
    if (/auto|scroll|hidden|clip/.test(getComputedStyle(a).overflowX)) {
      const c = a.getBoundingClientRect();
      return c.left >= -0.5 && c.right <= vw + 0.5;
    }
  }
  return false;
};
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width <= 1 || r.height <= 1) continue;
  if (r.left >= -0.5 && r.right <= vw + 0.5) continue;
  if (contained(el)) continue;
  out.push(window.__akDescribe(el) + ' spans x ' + Math.round(r.left) + '..' + Math.round(r.right));
}
return {innerWidth: window.innerWidth, clientWidth: vw, scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth, offenders: out.slice(0, 8)};
"""


def _longest_entry(site, locale):
    published = [e for e in site.entries if e.locale == locale and site.is_published(e)]
    return max(published, key=lambda e: e.source.stat().st_size)


def _pages_on_small_screens(site, locale):
    pages = sample_pages(site, locale)
    pages["longest-entry"] = _longest_entry(site, locale).path
    pages["tags"] = f"{locale}/tags/"
    if locale == site.default_locale:
        pages["root"] = ""
    return pages


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=str)
@pytest.mark.parametrize("locale", ["en", "fr", "tr", "ar", "he"])
def test_no_horizontal_scroll_on_small_screens(browser, site, server, locale, viewport):
    """Every page kind at 320px (the WCAG reflow width) and at phone width (375px)."""
    browser.set_viewport(viewport)
    problems = []
    for kind, path in _pages_on_small_screens(site, locale).items():
        browser.open(server.url(path))
        browser.js(DESCRIBE_JS)
        browser.screenshot(f"{viewport}-{locale}-{kind}")
        m = browser.js(OVERFLOW_JS)
        if m["innerWidth"] != viewport.width or m["scrollWidth"] > m["clientWidth"] or m["offenders"]:
            problems.append(f"/{path}: viewport {m['innerWidth']}px, document {m['scrollWidth']}px wide; "
                            f"sticking out: {m['offenders']}")
    assert not problems, f"pages wider than {viewport.width}px:\n" + "\n".join(problems)


@pytest.mark.parametrize("locale", ["en", "ar", "he"])
def test_open_language_menu_fits_at_320px(browser, site, server, locale):
    browser.set_viewport(NARROW)
    browser.open(server.url(site.entry(locale, SAMPLE_ENTRY).path))
    browser.js(DESCRIBE_JS)
    links = open_language_menu(browser)
    browser.screenshot(f"320px-{locale}-language-menu")
    for code, link in links.items():
        r = link.rect
        assert r["x"] >= 0 and r["x"] + r["width"] <= NARROW.width, f"the {code} item of the open menu is cut off: {r}"
    m = browser.js(OVERFLOW_JS)
    assert m["scrollWidth"] <= m["clientWidth"] and not m["offenders"], f"the open menu widens the page: {m}"
