"""Keyboard use of entry pages: the skip link comes first, every control is reached in order with visible focus."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from browser import VIEWPORTS
from pages import DESCRIBE_JS, ENTRY_LOCALES, SAMPLE_ENTRY

# The focused element, and whether a sighted keyboard user can see it and
# where focus is: a focus ring (outline or box-shadow), a rendered box bigger
# than the 1px of visually-hidden content, inside the viewport once focused.
FOCUSED_JS = """
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
(window.__akTrail = window.__akTrail || []).push(el);
const r = el.getBoundingClientRect(), s = getComputedStyle(el);
const transparent = c => /^transparent$|rgba\\(.*,\\s*0\\)$/.test(c);
const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !transparent(s.outlineColor))
  || (s.boxShadow !== 'none' && !transparent(s.boxShadow));
const rendered = el.checkVisibility({opacityProperty: true, visibilityProperty: true}) && r.width >= 4 && r.height >= 4;
const inViewport = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
return {index: window.__akTrail.length - 1, name: window.__akDescribe(el), ring, rendered, inViewport,
        outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, size: [Math.round(r.width), Math.round(r.height)]};
"""

# Everything a Tab key should reach, in document order.
TABBABLE_JS = """
const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable=true]';
return [...document.querySelectorAll(sel)].filter(el =>
  el.tabIndex >= 0 && !el.disabled && !el.closest('[inert]')
  && (el.tagName !== 'SUMMARY' || el.parentElement.tagName === 'DETAILS')
  && el.checkVisibility({visibilityProperty: true})).map(el => window.__akDescribe(el));
"""

IN_DOCUMENT_ORDER_JS = """
const t = window.__akTrail, wrong = [];
for (let i = 1; i < t.length; i++)
  if (!(t[i - 1].compareDocumentPosition(t[i]) & Node.DOCUMENT_POSITION_FOLLOWING))
    wrong.push(window.__akDescribe(t[i - 1]) + ' -> ' + window.__akDescribe(t[i]));
return wrong;
"""


def _press(browser, key, times=1):
    actions = ActionChains(browser.driver)
    for _ in range(times):
        actions.send_keys(key)
    actions.perform()


def _open_fresh(browser, server, site, locale, viewport):
    browser.set_viewport(viewport)
    browser.open(server.url(site.entry(locale, SAMPLE_ENTRY).path))
    browser.js(DESCRIBE_JS + "window.__akTrail = []; document.activeElement.blur(); window.scrollTo(0, 0);")


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_skip_link_comes_first_and_moves_focus_to_the_content(browser, site, server, locale, viewport):
    _open_fresh(browser, server, site, locale, viewport)
    _press(browser, Keys.TAB)
    first = browser.js(FOCUSED_JS)
    browser.screenshot(f"keyboard-skip-link-{locale}-{viewport}")
    skip = browser.js("const a = document.activeElement; return a && a.tagName === 'A' ? a.getAttribute('href') : null")
    assert first and skip and skip.startswith("#"), f"the first Tab should reach a skip link, reached {first}"
    assert first["rendered"] and first["inViewport"] and first["ring"], f"the focused skip link must be visible: {first}"
    target = skip[1:]
    assert browser.js("const t = document.getElementById(arguments[0]); return !!t && !!t.closest('main')", target), \
        f"the skip link should lead to the main content, not to #{target}"

    _press(browser, Keys.ENTER)
    assert browser.js("return document.activeElement.id") == target, "activating the skip link moves focus to the content"
    _press(browser, Keys.TAB)
    after = browser.js("return document.activeElement.closest('main') !== null")
    assert after, f"the Tab after the skip link should stay in the main content, went to {browser.js(FOCUSED_JS)}"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_tab_reaches_every_control_in_order_with_visible_focus(browser, site, server, locale, viewport):
    _open_fresh(browser, server, site, locale, viewport)
    expected = browser.js(TABBABLE_JS)
    assert not browser.js("return [...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).map(window.__akDescribe)"), \
        "a positive tabindex breaks the reading order"

    reached, invisible = [], []
    for _ in range(len(expected) + 5):
        _press(browser, Keys.TAB)
        focused = browser.js(FOCUSED_JS)
        if focused is None or (reached and focused["index"] > 0 and focused["name"] == reached[0]["name"]):
            break  # focus left the page (to the browser) or wrapped around
        reached.append(focused)
        if not (focused["ring"] and focused["rendered"] and focused["inViewport"]):
            invisible.append(focused)
            browser.screenshot(f"keyboard-invisible-focus-{locale}-{viewport}-{len(reached)}")
    browser.screenshot(f"keyboard-last-{locale}-{viewport}")

    names = [f["name"] for f in reached]
    missed = [name for name in expected if name not in names]
    assert not missed, f"Tab never reached: {missed}"
    out_of_order = browser.js(IN_DOCUMENT_ORDER_JS)
    assert not out_of_order, f"focus moved backwards in the document: {out_of_order}"
    assert not invisible, "focus is invisible on:\n" + "\n".join(
        f"  {f['name']}: ring={f['ring']} ({f['outline']}), size={f['size']}, in viewport={f['inViewport']}" for f in invisible)
