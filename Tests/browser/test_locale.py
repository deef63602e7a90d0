"""Language, direction and the language switcher on English, Arabic and Hebrew entry pages."""

from __future__ import annotations

import pytest

from browser import VIEWPORTS
from pages import DESCRIBE_JS, ENTRY_LOCALES, SAMPLE_ENTRY, open_language_menu


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_entry_page_declares_its_language_and_direction(browser, site, server, locale, viewport):
    entry = site.entry(locale, SAMPLE_ENTRY)
    browser.set_viewport(viewport)
    browser.open(server.url(entry.path))
    browser.screenshot(f"entry-{locale}-{viewport}")

    page = browser.js("""
        const html = document.documentElement, brand = document.querySelector('header a');
        const r = brand.getBoundingClientRect();
        return {lang: html.lang, dir: html.dir, direction: getComputedStyle(document.body).direction,
                brandLeft: r.left, brandRight: r.right, width: html.clientWidth,
                h1: document.querySelector('h1').textContent.trim()};""")
    expected_dir = site.locale(locale).dir
    assert (page["lang"], page["dir"]) == (locale, expected_dir)
    assert page["direction"] == expected_dir, "the stylesheet must not override the document's direction"
    assert page["h1"] == entry.title
    # The layout is mirrored: the header starts on the right in RTL, on the left in LTR.
    if expected_dir == "rtl":
        assert page["brandRight"] > page["width"] / 2, f"RTL header starts on the left: {page}"
    else:
        assert page["brandLeft"] < page["width"] / 2, f"LTR header starts on the right: {page}"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_language_switcher_goes_to_the_translated_entry(browser, site, server, locale, viewport):
    entry = site.entry(locale, SAMPLE_ENTRY)
    browser.set_viewport(viewport)
    targets = [l.code for l in site.locales if l.code != locale and site.translation(entry, l.code)]
    assert targets, f"{SAMPLE_ENTRY} should be translated in the sample site"
    for target in targets:
        browser.open(server.url(entry.path))
        links = open_language_menu(browser)
        if target == targets[0]:
            browser.screenshot(f"switcher-{locale}-{viewport}")
        assert target in links, f"no link to {target} in the language menu of {entry.path}"
        links[target].click()
        translation = site.translation(entry, target)
        browser.wait_until(lambda d: server.site_path(d.current_url) == translation.path,
                                               f"switching {entry.path} to {target} should open {translation.path}")
        assert browser.js("return document.documentElement.lang") == target
        assert browser.js("return document.querySelector('h1').textContent.trim()") == translation.title


def _untranslated(site, locale):
    """(entry, locale without it): the first published entry of ``locale`` lacking a translation."""
    for entry in site.entries:
        if entry.locale != locale or not site.is_published(entry):
            continue
        for other in site.locales:
            if other.code != locale and site.translation(entry, other.code) is None:
                return entry, other.code
    return None


# Text of an element that a sighted reader can actually see (not visually hidden, not a title tooltip).
VISIBLE_TEXT_JS = """
const root = arguments[0] || document.body, found = [];
const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
for (let n = walker.nextNode(); n; n = walker.nextNode()) {
  const el = n.parentElement;
  if (!n.textContent.trim() || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
  const range = document.createRange(); range.selectNodeContents(n);
  const r = range.getBoundingClientRect();
  let clipped = false;
  for (let a = el; a && a !== root.parentElement; a = a.parentElement) {
    const box = a.getBoundingClientRect(), s = getComputedStyle(a);
    if (s.clipPath !== 'none' || (box.width <= 1 && box.height <= 1)) { clipped = true; break; }
  }
  if (!clipped && r.width > 1 && r.height > 1) found.push(n.textContent);
}
return found.join(' ').replace(/\\s+/g, ' ');
"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_language_switcher_without_translation_goes_home_with_a_note(browser, site, server, locale, viewport):
    case = _untranslated(site, locale)
    if case is None:
        pytest.skip(f"every {locale} entry of the sample site is translated into every locale")
    entry, target = case
    # The theme's wording: translation_missing and its variants (_short, _note), in either language.
    notes = {text for code in (locale, target) for key, text in site.strings(code).items()
             if key.startswith("translation_missing")}
    browser.set_viewport(viewport)
    browser.open(server.url(entry.path))
    browser.js(DESCRIBE_JS)
    links = open_language_menu(browser)
    browser.screenshot(f"switcher-missing-{locale}-{viewport}")
    link = links[target]

    assert server.site_path(link.get_attribute("href")) == f"{target}/", \
        f"with no {target} translation of {entry.path}, the switcher should go to the {target} home"
    spoken = link.get_attribute("textContent") + " " + (link.get_attribute("aria-label") or "")
    assert any(note in spoken for note in notes), \
        f"the {target} link should tell screen-reader users there is no translation; its text is {spoken!r}"
    in_menu = browser.js(VISIBLE_TEXT_JS, link.find_element("xpath", "ancestor::li[1]"))

    link.click()
    browser.wait_until(lambda d: server.site_path(d.current_url) == f"{target}/", f"the {target} home should open")
    assert browser.js("return document.documentElement.lang") == target
    on_landing = browser.js(VISIBLE_TEXT_JS, None)
    browser.screenshot(f"switcher-missing-landing-{locale}-to-{target}-{viewport}")
    assert any(note in in_menu or note in on_landing for note in notes), (
        f"a sighted reader should see a note that {entry.path} has no {target} translation, in the menu "
        f"or on the {target} home; visible in the menu item: {in_menu!r}")


def _expected_alternates(site, path: str) -> tuple[dict[str, str], set[str]]:
    """hreflang -> absolute URL a page at ``path`` should list, and the acceptable ``x-default`` URLs."""
    locale = path.split("/")[0]
    if path == f"{locale}/":  # a locale's home: every locale has one
        pages = {l.code: f"{l.code}/" for l in site.locales}
    else:
        entry = next(e for e in site.entries if e.path == path)
        pages = {l.code: t.path for l in site.locales if (t := site.translation(entry, l.code))}
    expected = {code: site.base_url + p for code, p in pages.items()}
    defaults = {site.base_url} | ({expected[site.default_locale]} if site.default_locale in expected else set())
    return expected, defaults


@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_every_translation_is_announced_with_hreflang(browser, site, server, locale):
    """``<link rel=alternate hreflang>`` for every published translation (absolute URLs) and ``x-default``."""
    paths = [site.entry(locale, SAMPLE_ENTRY).path, f"{locale}/"]
    if _untranslated(site, locale):
        paths.append(_untranslated(site, locale)[0].path)
    for path in paths:
        browser.open(server.url(path))
        alternates = browser.js("""
            return [...document.querySelectorAll('link[rel~="alternate"][hreflang]')]
                .map(l => [l.getAttribute('hreflang'), l.getAttribute('href')]);""")
        found = dict(alternates)
        assert len(found) == len(alternates), f"duplicate hreflang on /{path}: {alternates}"
        expected, defaults = _expected_alternates(site, path)
        assert {k: v for k, v in found.items() if k != "x-default"} == expected, f"hreflang alternates of /{path}"
        assert found.get("x-default") in defaults, \
            f"x-default of /{path} should be the {site.default_locale} page or the site root, got {found.get('x-default')}"
