"""Site search as a reader uses it: type in the search box of a page, see results, open one (issue 3)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser import VIEWPORTS
from pages import ENTRY_LOCALES, QUERIES, SAMPLE_ENTRY

RESULT_LINKS = "#search-results a[href]"


@pytest.fixture(autouse=True)
def _search_index(site):
    """Fail at once rather than wait for results that cannot come."""
    if not (site.public / "search").is_dir():
        pytest.fail("the build wrote no search index (public/search/)")


def _search_box(browser):
    boxes = [b for b in browser.driver.find_elements(By.CSS_SELECTOR, 'form[role="search"] input[name="q"]') if b.is_displayed()]
    assert len(boxes) == 1, f"one visible search box per page, found {len(boxes)}"
    return boxes[0]


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_search_from_an_entry_page_finds_and_opens_the_entry(browser, site, server, locale, viewport):
    target = site.entry(locale, SAMPLE_ENTRY)
    # Start from another entry page: its header has the search box.
    start = next(e for e in site.entries if e.locale == locale and e.id != SAMPLE_ENTRY and site.is_published(e))
    query = QUERIES[locale]
    browser.set_viewport(viewport)
    browser.open(server.url(start.path))

    _search_box(browser).send_keys(query + Keys.ENTER)
    browser.wait_until(lambda d: server.site_path(d.current_url).startswith(f"{locale}/search/"),
                       f"Enter in the search box should open the {locale} results page")
    assert parse_qs(urlsplit(browser.driver.current_url).query).get("q") == [query], "the query is kept in ?q="
    browser.wait_until(lambda d: d.find_elements(By.CSS_SELECTOR, RESULT_LINKS), f"results for {query!r}", timeout=5)
    browser.screenshot(f"search-{locale}-{viewport}")

    assert _search_box(browser).get_attribute("value") == query, "the results page shows the query in its box"
    links = browser.driver.find_elements(By.CSS_SELECTOR, RESULT_LINKS)
    paths = [server.site_path(link.get_attribute("href")) for link in links]
    assert target.path in paths[:5], f"{query!r} should find {target.path} in the top 5: {paths[:5]}"
    assert all(p.startswith(f"{locale}/") for p in paths), f"results stay in the page's locale: {paths}"

    link = links[paths.index(target.path)]
    browser.js("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    browser.wait_until(lambda d: server.site_path(d.current_url).split("#")[0] == target.path, f"opening {target.path}")
    assert browser.js("return document.querySelector('h1').textContent.trim()") == target.title


@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_search_without_results_says_so_and_offers_the_categories(browser, site, server, locale):
    browser.open(server.url(f"{locale}/search/?q=zzqxj"))
    message = site.strings(locale)["no_results"]
    browser.wait_until(lambda d: message in d.find_element(By.ID, "search-results").text,
                       f"the results page should say {message!r}", timeout=5)
    browser.screenshot(f"search-no-results-{locale}")
    links = browser.driver.find_elements(By.CSS_SELECTOR, "#search-results a[href]")
    assert any(server.site_path(a.get_attribute("href")).split("#")[0] in (f"{locale}/", f"{locale}/tags/") for a in links), \
        "a link to the categories (the locale's home) or tags"


@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_search_as_you_type_dropdown_is_keyboard_driven(browser, site, server, locale):
    """`/` focuses the box; typing half a word lists matches; arrows move, Enter opens, Esc closes."""
    target = site.entry(locale, SAMPLE_ENTRY)
    start = next(e for e in site.entries if e.locale == locale and e.id != SAMPLE_ENTRY and site.is_published(e))
    browser.set_viewport(VIEWPORTS[-1])
    browser.open(server.url(start.path))
    browser.driver.find_element(By.TAG_NAME, "body").send_keys("/")
    box = _search_box(browser)
    assert browser.driver.switch_to.active_element == box, "/ focuses the search box"
    query = QUERIES[locale]
    box.send_keys(query[: max(3, len(query) * 2 // 3)])
    browser.wait_until(lambda d: box.get_attribute("aria-expanded") == "true", "the dropdown opens while typing", timeout=5)
    listbox = browser.driver.find_element(By.ID, box.get_attribute("aria-controls"))
    options = listbox.find_elements(By.CSS_SELECTOR, '[role="option"] a')
    paths = [server.site_path(o.get_attribute("href")) for o in options]
    assert target.path in paths, f"half of {query!r} should already list {target.path}: {paths}"
    for _ in range(paths.index(target.path) + 1):
        box.send_keys(Keys.ARROW_DOWN)
    assert box.get_attribute("aria-activedescendant"), "the active option is announced"
    browser.screenshot(f"search-dropdown-{locale}")
    box.send_keys(Keys.ENTER)
    browser.wait_until(lambda d: server.site_path(d.current_url).split("#")[0] == target.path, f"Enter opens {target.path}")


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_results_page_announces_the_count(browser, site, server, locale):
    browser.open(server.url(f"{locale}/search/?q={QUERIES[locale]}"))
    browser.wait_until(lambda d: d.find_elements(By.CSS_SELECTOR, RESULT_LINKS), "results", timeout=5)
    status = browser.driver.find_element(By.CSS_SELECTOR, '#search-results [role="status"]')
    assert status.text.strip(), "a live status line gives the number of results"
    assert browser.driver.find_elements(By.CSS_SELECTOR, "#search-results mark"), "matched words are highlighted"
