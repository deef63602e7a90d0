"""The site served from a sub-path (``baseURL`` with a path, as on GitHub Pages), and links that resolve."""

from __future__ import annotations

import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from selenium.webdriver.common.by import By

from browser import PHONE
from pages import ENTRY_LOCALES, SAMPLE_ENTRY, open_language_menu, sample_pages

# Every URL a page makes the browser load or offers to follow, as the page writes them.
URLS_JS = """
const out = [];
for (const el of document.querySelectorAll('a[href], link[href], script[src], img[src], form[action]'))
  out.push([el.tagName.toLowerCase() + (el.rel ? '[rel=' + el.rel + ']' : ''),
            el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('action')]);
return out;
"""


@pytest.mark.parametrize("locale", ENTRY_LOCALES)
def test_entry_page_works_under_a_base_path(browser, subpath_site, subpath_server, locale):
    server, site = subpath_server, subpath_site
    entry = site.entry(locale, SAMPLE_ENTRY)
    browser.grant_clipboard(server.origin)
    browser.set_viewport(PHONE)
    mark = server.mark()
    browser.open(server.url(entry.path))
    browser.screenshot(f"subpath-entry-{locale}-{PHONE}")

    # Chromium asks for /favicon.ico by itself when a page declares no icon; that is not the page's request.
    failed = [r for r in server.failures_since(mark) if r.path != "/favicon.ico"]
    assert not failed, f"requests that failed: {failed}"
    assert browser.js("return [...document.styleSheets].some(s => s.cssRules.length > 0)"), "the stylesheet is applied"
    same_origin = [(kind, url) for kind, url in browser.js(URLS_JS)
                   if urlsplit(urljoin(browser.driver.current_url, url)).netloc == urlsplit(server.origin).netloc]
    outside = [(kind, url) for kind, url in same_origin
               if not urlsplit(urljoin(browser.driver.current_url, url)).path.startswith(site.base_path)]
    assert not outside, f"links that leave the base path {site.base_path}: {outside}"
    absolute = [url for kind, url in browser.js(URLS_JS) if kind.startswith("link") and url.startswith("http")]
    assert all(url.startswith(site.base_url) for url in absolute), f"canonical/alternate URLs outside {site.base_url}: {absolute}"

    # The script runs under the base path too: copying works.
    button = browser.driver.find_element(By.CSS_SELECTOR, "button.copy[data-copy-target]")
    reply_id = button.get_attribute("data-copy-target").removeprefix("reply-")
    browser.write_clipboard("(clipboard before copying)")
    button.click()
    browser.wait_until(lambda d: browser.read_clipboard() == site.replies(locale)[reply_id]["text"], "copy under the base path")

    # And the language switcher stays under it.
    target = next(l.code for l in site.locales if l.code != locale and site.translation(entry, l.code))
    open_language_menu(browser)[target].click()
    browser.wait_until(lambda d: server.site_path(d.current_url) == site.translation(entry, target).path,
                       f"switching to {target} under the base path")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src"):
            if a.get(name) and not (tag == "link" and {"canonical", "alternate"} & set((a.get("rel") or "").split())):
                self.urls.append(a[name])


def _fetch(url: str) -> tuple[int, str]:
    """Status and, for HTML, the text of ``url`` (error pages included)."""
    try:
        response = urllib.request.urlopen(url)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        html = "html" in (response.headers.get("Content-Type") or "")
        return response.status, response.read().decode("utf-8", "replace") if html else ""


def _crawl(server, start_paths: list[str], missing_paths: list[str]) -> tuple[set[str], list[str]]:
    """Follow every same-origin link from the start and the (deliberately) missing pages.

    Returns the URLs seen and the broken ones, each with the page linking to it.
    """
    missing = {server.url(p) for p in missing_paths}
    queue = [(server.url(p), "(start)") for p in start_paths + missing_paths]
    seen, broken = set(), []
    while queue:
        url, referrer = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, html = _fetch(url)
        if status != 200 and url not in missing:
            broken.append(f"{url} ({status}), linked from {referrer}")
        parser = _Links()
        parser.feed(html)
        for link in parser.urls:
            target = urljoin(url, link).split("#")[0]
            if urlsplit(target).netloc == urlsplit(server.origin).netloc and target not in seen:
                queue.append((target, url))
    return seen, broken


@pytest.mark.parametrize("build", ["root", "subpath"])
def test_every_internal_link_and_asset_resolves(request, build):
    """Crawls the whole site from the root and from every 404 page (whose links must work from any depth)."""
    site = request.getfixturevalue("site" if build == "root" else "subpath_site")
    server = request.getfixturevalue("server" if build == "root" else "subpath_server")
    missing = [sample_pages(site, l.code)["404"] for l in site.locales] + ["deep/missing/page/"]
    seen, broken = _crawl(server, [""], missing)
    built_pages = len(list(site.public.rglob("index.html")))
    assert len(seen) >= built_pages, f"the crawl reached {len(seen)} URLs but the build has {built_pages} pages"
    assert not broken, "broken links:\n" + "\n".join(sorted(broken))
