"""The pages the suite visits, and small page-level helpers shared by the tests."""

from __future__ import annotations

from urllib.parse import quote

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

from site_model import Site

# An entry translated into every locale, with replies on several channels.
SAMPLE_ENTRY = "refund-status"

# The English, Arabic and Hebrew entry pages the issue asks for.
ENTRY_LOCALES = ["en", "ar", "he"]

# Queries a customer would type for SAMPLE_ENTRY: without diacritics (ar), with
# an attached prefix missing (he: the title has הזיכוי), singular for a plural.
QUERIES = {
    "en": "refund",
    "fr": "remboursement",
    "tr": "iade",
    "ar": "المسترد",
    "he": "זיכוי",
}

PAGE_KINDS = ["home", "category", "entry", "search", "404"]


def sample_pages(site: Site, locale: str) -> dict[str, str]:
    """Site paths of one page of each kind in ``locale`` (home, category, entry, search, 404)."""
    entry = site.entry(locale, SAMPLE_ENTRY)
    category = entry.path.rstrip("/").rsplit("/", 1)[0] + "/"
    return {
        "home": f"{locale}/",
        "category": category,
        "entry": entry.path,
        "search": f"{locale}/search/?q={quote(QUERIES.get(locale, entry.title.split()[0]))}",
        "404": f"{locale}/this-page-does-not-exist/",
    }


# JavaScript: a short, readable description of an element for failure messages.
DESCRIBE_JS = """
window.__akDescribe = window.__akDescribe || function (el) {
  if (!el || el.nodeType !== 1) return String(el);
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  for (const c of el.classList) s += '.' + c;
  const href = el.getAttribute('href');
  if (href) s += '[href="' + href + '"]';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
  if (text) s += ' "' + text.slice(0, 40) + '"';
  return s;
};
"""


def open_language_menu(browser) -> dict[str, WebElement]:
    """Open the page header's language menu (a disclosure, if it is one) and return its links by ``hreflang``."""
    links = browser.driver.find_elements(By.CSS_SELECTOR, "header a[hreflang]")
    assert links, "the page header has no language switcher (links with hreflang)"
    if not links[0].is_displayed():
        disclosure = links[0].find_element(By.XPATH, "ancestor::details[1]/summary")
        disclosure.click()
        browser.wait_until(lambda d: links[0].is_displayed(), "the language menu should open")
    return {link.get_attribute("hreflang"): link for link in links}
