"""`answerkit serve` in a real browser: live reload, the build-error overlay, many tabs.

The server runs on a copy of the sample knowledge base in a temporary folder,
on a free port; the test edits files there the way a writer's editor does
(write a new file, rename it over the old one) and watches what the open pages do.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

REPO = Path(__file__).resolve().parents[2]
ENTRY = Path("content/en/orders/track-order.md")
PAGE = "en/orders/track-order/"


class DevServer:
    """`answerkit serve --port 0` on a folder; `url` once it listens, `lines` it printed."""

    def __init__(self, binary: Path, root: Path):
        self.lines: list[str] = []
        self.url: str | None = None
        self._listening = threading.Event()
        self.process = subprocess.Popen(
            [str(binary), "serve", "--root", str(root), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=root)
        threading.Thread(target=self._read, daemon=True).start()
        if not self._listening.wait(120):
            self.stop()
            raise AssertionError("answerkit serve did not start:\n" + "\n".join(self.lines))

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/\S*)", line)
            if found:
                self.url = found.group(1)
                self._listening.set()

    def builds(self) -> int:
        return sum(1 for line in self.lines if "built" in line or "rebuilt" in line or "error:" in line)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def save(path: Path, text: str) -> None:
    """Saves as editors do: a new file renamed over the old one."""
    temporary = path.with_name(path.name + ".saving")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


@pytest.fixture
def knowledge_base(tmp_path) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    shutil.copy(REPO / "answerkit.yml", root / "answerkit.yml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


@pytest.fixture
def dev_server(answerkit_binary, knowledge_base):
    server = DevServer(answerkit_binary, knowledge_base)
    yield server
    server.stop()


def heading(browser) -> str:
    return browser.driver.find_element(By.CSS_SELECTOR, "h1").text


def test_an_edit_reloads_the_page_and_a_broken_file_shows_where(browser, dev_server, knowledge_base):
    entry = knowledge_base / ENTRY
    original = entry.read_text(encoding="utf-8")
    browser.open(dev_server.url + PAGE)
    before = heading(browser)
    assert before
    browser.js("window.__notReloaded = true")

    # A new title: the open page reloads by itself and shows it.
    save(entry, re.sub(r"(?m)^title: .*$", "title: Where is my parcel right now?", original, count=1))
    browser.wait_until(lambda d: d.execute_script("return window.__notReloaded === undefined"), "the page did not reload", 20)
    browser.wait_until(lambda d: heading(browser) == "Where is my parcel right now?", "the new title is not shown", 10)

    # Broken YAML: the page stays and an overlay names the file, line and column.
    save(entry, original.replace("\ntitle:", "\ntitle: [unclosed", 1))
    overlay = browser.wait_until(
        lambda d: d.find_elements(By.ID, "answerkit-error-overlay"), "no error overlay", 20)[0]
    text = overlay.text
    assert re.search(r"content/en/orders/track-order\.md:\d+:\d+: error:", text), text
    assert overlay.get_attribute("role") == "alert"
    browser.screenshot("serve-error-overlay")
    assert heading(browser) == "Where is my parcel right now?"  # the last good site is still served

    # Fixed: the page reloads, the overlay is gone, the original title is back.
    save(entry, original)
    browser.wait_until(lambda d: heading(browser) == before and not d.find_elements(By.ID, "answerkit-error-overlay"),
                       "the page did not come back after the fix", 20)


def test_eight_tabs_all_load_and_all_reload(browser, dev_server, knowledge_base):
    """Browsers open six connections per host; the tabs share one event stream so all eight work."""
    driver = browser.driver
    first = driver.current_window_handle
    pages = ["en/", "fr/", "ar/", "he/", "tr/", PAGE, "en/search/", "en/billing/"]
    handles = []
    try:
        for index, page in enumerate(pages):
            if index:
                driver.switch_to.new_window("tab")
            started = time.monotonic()
            driver.get(dev_server.url + page)
            assert driver.execute_script("return document.readyState") == "complete"
            assert time.monotonic() - started < 10, f"tab {index + 1} took {time.monotonic() - started:.1f} s to load"
            driver.execute_script("window.__notReloaded = true")
            handles.append(driver.current_window_handle)

        entry = knowledge_base / ENTRY
        text = entry.read_text(encoding="utf-8")
        save(entry, re.sub(r"(?m)^title: .*$", "title: Track an order, eight tabs", text, count=1))

        deadline = time.monotonic() + 20
        pending = list(handles)
        while pending and time.monotonic() < deadline:
            for handle in list(pending):
                driver.switch_to.window(handle)
                if driver.execute_script("return window.__notReloaded === undefined && document.readyState === 'complete'"):
                    pending.remove(handle)
            time.sleep(0.1)
        assert not pending, f"{len(pending)} of {len(handles)} tabs did not reload"
        driver.switch_to.window(handles[pages.index(PAGE)])
        assert heading(browser) == "Track an order, eight tabs"
    finally:
        for handle in handles:
            if handle != first:
                driver.switch_to.window(handle)
                driver.close()
        driver.switch_to.window(first)
