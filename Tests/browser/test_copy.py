"""Copy buttons of approved replies: the exact reply text reaches the clipboard, and success is announced."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import PHONE, VIEWPORTS
from pages import ENTRY_LOCALES, SAMPLE_ENTRY

# Records what live regions say: a MutationObserver notes the text of the
# aria-live / role=status region around every change, and whether that region
# was already in the page before (screen readers only announce changes to
# regions they already know).
RECORD_ANNOUNCEMENTS_JS = """
window.__akAnnouncements = [];
const live = '[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]';
for (const region of document.querySelectorAll(live)) region.__akPresentAtLoad = true;
new MutationObserver(records => {
  for (const record of records) {
    const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    const region = node && node.closest(live);
    const text = region && region.textContent.trim();
    if (text) window.__akAnnouncements.push({text, presentAtLoad: !!region.__akPresentAtLoad});
  }
}).observe(document.body, {subtree: true, childList: true, characterData: true});
"""

CLIPBOARD_BEFORE = "(clipboard before copying)"


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_copy_button_copies_the_exact_reply_and_announces_it(browser, site, server, locale, viewport):
    """Every reply of the entry, by mouse on a phone and by keyboard (Enter) on a desktop."""
    entry = site.entry(locale, SAMPLE_ENTRY)
    replies = {rid: r for rid, r in site.replies(locale).items() if r["entry"] == SAMPLE_ENTRY}
    copied = site.strings(locale)["copied"]
    browser.grant_clipboard(server.origin)
    browser.set_viewport(viewport)
    browser.open(server.url(entry.path))
    browser.js(RECORD_ANNOUNCEMENTS_JS)

    buttons = browser.driver.find_elements(By.CSS_SELECTOR, "button.copy[data-copy-target]")
    targets = {b.get_attribute("data-copy-target").removeprefix("reply-"): b for b in buttons}
    assert set(targets) == set(replies), "one copy button per approved reply of the entry"

    for reply_id, button in targets.items():
        browser.write_clipboard(CLIPBOARD_BEFORE)
        before = len(browser.js("return window.__akAnnouncements"))
        browser.js("arguments[0].scrollIntoView({block: 'center'})", button)
        if viewport == PHONE:
            button.click()
        else:
            button.send_keys(Keys.ENTER)
        browser.wait_until(
            lambda d: any(a["text"] == copied for a in d.execute_script("return window.__akAnnouncements")[before:]),
            f"copying {reply_id} should announce {copied!r} in a live region")
        announced = [a for a in browser.js("return window.__akAnnouncements")[before:] if a["text"] == copied]
        assert announced[0]["presentAtLoad"], "the live region must be in the page before it announces"
        assert browser.read_clipboard() == replies[reply_id]["text"], f"clipboard after copying {reply_id}"
        assert copied in button.text, "the button shows that it copied"
    browser.screenshot(f"copy-{locale}-{viewport}")
