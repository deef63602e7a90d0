"""Headless Chromium (through Selenium) running both search clients.

Each method loads a harness page from the BenchServer and runs one script in
it with execute_async_script; the scripts are below, in plain JavaScript.
"""

from __future__ import annotations

import os
import shutil

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

# AnswerKit: the engine of templates/assets/search.js over fetch, as the page's own init() builds it.
_AK_ENGINE = """
function akEngine(locale) {
  var base = "/search/" + locale + "/";
  return AnswerKitSearch.createEngine(locale, function (p) {
    return fetch(base + p).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + base + p);
      return r.json();
    });
  }, AnswerKitAnalyzer);
}
"""

AK_ONE = _AK_ENGINE + """
var locale = arguments[0], query = arguments[1], limit = arguments[2], done = arguments[arguments.length - 1];
var engine = akEngine(locale);
engine.search(query, limit).then(function (hits) {
  done({ok: true, ids: hits.map(function (h) { return h.id; }), fetched: engine.fetched.slice()});
}, function (e) { done({ok: false, error: String(e && e.stack || e)}); });
"""

AK_LATENCY = _AK_ENGINE + """
var locale = arguments[0], queries = arguments[1], reps = arguments[2], limit = arguments[3], done = arguments[arguments.length - 1];
(async function () {
  var engine = akEngine(locale), out = [];
  for (var q of queries) {
    var warm = await engine.search(q, limit);  // loads the shards and display files this query needs
    var times = [];
    for (var i = 0; i < reps; i++) {
      var t0 = performance.now();
      await engine.search(q, limit);
      times.push(performance.now() - t0);
    }
    out.push({query: q, hits: warm.length, times: times});
  }
  return {ok: true, isolated: self.crossOriginIsolated === true, results: out};
})().then(done, function (e) { done({ok: false, error: String(e && e.stack || e)}); });
"""

# Pagefind: its documented JS API (import, search, data() of each shown result), default options
# (so the index work runs in Pagefind's Web Worker, as on a real site).
_PF_IMPORT = """
async function pf() {
  var pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
  return pagefind;
}
"""

PF_ONE = _PF_IMPORT + """
var query = arguments[0], limit = arguments[1], done = arguments[arguments.length - 1];
(async function () {
  var pagefind = await pf();
  var r = await pagefind.search(query);
  var data = await Promise.all(r.results.slice(0, limit).map(function (x) { return x.data(); }));
  return {ok: true, total: r.results.length, urls: data.map(function (d) { return d.url; })};
})().then(done, function (e) { done({ok: false, error: String(e && e.stack || e)}); });
"""

PF_MANY = _PF_IMPORT + """
var queries = arguments[0], limit = arguments[1], done = arguments[arguments.length - 1];
(async function () {
  var pagefind = await pf(), out = [];
  for (var q of queries) {
    var r = await pagefind.search(q);
    var data = await Promise.all(r.results.slice(0, limit).map(function (x) { return x.data(); }));
    out.push({query: q, total: r.results.length, urls: data.map(function (d) { return d.url; })});
  }
  return {ok: true, results: out};
})().then(done, function (e) { done({ok: false, error: String(e && e.stack || e)}); });
"""

PF_LATENCY = _PF_IMPORT + """
var queries = arguments[0], reps = arguments[1], limit = arguments[2], done = arguments[arguments.length - 1];
(async function () {
  var pagefind = await pf(), out = [];
  async function once(q) {
    var t0 = performance.now();
    var r = await pagefind.search(q);
    var t1 = performance.now();
    await Promise.all(r.results.slice(0, limit).map(function (x) { return x.data(); }));
    return [t1 - t0, performance.now() - t0, r.results.length];
  }
  for (var q of queries) {
    var warm = await once(q);  // loads the index chunks and fragments this query needs
    var search = [], full = [];
    for (var i = 0; i < reps; i++) {
      var t = await once(q);
      search.push(t[0]);
      full.push(t[1]);
    }
    out.push({query: q, hits: warm[2], search: search, times: full});
  }
  return {ok: true, isolated: self.crossOriginIsolated === true, results: out};
})().then(done, function (e) { done({ok: false, error: String(e && e.stack || e)}); });
"""


class BrowserError(RuntimeError):
    pass


class Chromium:
    """`with Chromium() as b:` a headless Chromium session (Debian chromium + chromium-driver)."""

    def __init__(self) -> None:
        options = Options()
        options.binary_location = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium") or "/usr/bin/chromium"
        # --no-sandbox: Chromium refuses to start as root with its sandbox.
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-extensions", "--no-first-run", "--window-size=1200,900"):
            options.add_argument(arg)
        driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
        # An explicit driver path: Selenium Manager would otherwise try to download one.
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        self.driver.set_script_timeout(600)
        self.driver.set_page_load_timeout(120)

    @property
    def version(self) -> str:
        return str(self.driver.capabilities.get("browserVersion", "?"))

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.driver.quit()

    def run(self, url: str, script: str, *args):
        """Loads `url` (a fresh page: nothing cached, the server says no-store) and runs `script`."""
        self.driver.get(url)
        result = self.driver.execute_async_script(script, *args)
        if not isinstance(result, dict) or not result.get("ok"):
            raise BrowserError(f"{url}: {result.get('error') if isinstance(result, dict) else result}")
        return result
