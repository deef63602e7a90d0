"""Headless Chromium driven by Selenium, with the few DevTools commands the tests need.

Viewports are set with DevTools device-metrics emulation rather than by
resizing the window: a headless window's size includes browser chrome, so
``innerWidth`` would not be exactly 375 or 320.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool

    def __str__(self) -> str:
        return self.name


PHONE = Viewport("phone", 375, 812, mobile=True)
DESKTOP = Viewport("desktop", 1280, 900, mobile=False)
NARROW = Viewport("320px", 320, 640, mobile=True)
VIEWPORTS = [PHONE, DESKTOP]


def _executable(env: str, names: list[str]) -> str:
    found = os.environ.get(env) or next(filter(None, map(shutil.which, names)), None)
    if not found:
        raise RuntimeError(f"{' or '.join(names)} not found: install Debian's chromium and chromium-driver "
                           f"(scripts/test-browser.sh does) or set {env}")
    return found


def start_chromium() -> webdriver.Chrome:
    """Headless Chromium; as root it only starts with --no-sandbox."""
    options = webdriver.ChromeOptions()
    options.binary_location = _executable("CHROMIUM", ["chromium", "chromium-browser", "google-chrome"])
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--lang=en-US",
                     "--force-device-scale-factor=1", "--window-size=1280,900"):
        options.add_argument(argument)
    # Passing the driver's path keeps Selenium Manager from downloading one.
    service = Service(_executable("CHROMEDRIVER", ["chromedriver"]))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(30)
    return driver


class Browser:
    """One Chromium shared by the session; each test gets it reset."""

    def __init__(self, driver: webdriver.Chrome, screenshots: Path):
        self.driver = driver
        self.screenshots = screenshots
        self.viewport_now: Viewport = DESKTOP

    # MARK: - emulation

    def reset(self) -> None:
        self.driver.get("about:blank")
        self.set_viewport(DESKTOP)
        self.set_color_scheme(None)

    def set_viewport(self, viewport: Viewport) -> None:
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": viewport.width, "height": viewport.height,
            "deviceScaleFactor": 1, "mobile": viewport.mobile,
        })
        self.viewport_now = viewport

    def set_color_scheme(self, scheme: str | None) -> None:
        """Emulate ``prefers-color-scheme`` (``"light"``, ``"dark"``, or ``None`` for the default)."""
        features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})

    def grant_clipboard(self, origin: str) -> None:
        """Let pages of ``origin`` read and write the clipboard without a prompt."""
        self.driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        })

    # MARK: - pages

    def open(self, url: str) -> None:
        """Load ``url`` and wait until deferred scripts have run (``readyState`` complete)."""
        self.driver.get(url)
        self.wait_until(lambda d: d.execute_script("return document.readyState") == "complete", f"loading {url}", 10)

    def wait_until(self, condition, message: str = "", timeout: float = 5):
        """Poll ``condition(driver)`` every 50 ms (Selenium's default is 500 ms) until it is truthy.

        An element gone stale between finding and reading it (the page reloaded in
        between, as live reload does at any moment) counts as not yet, not as a failure.
        """
        return WebDriverWait(self.driver, timeout, poll_frequency=0.05,
                             ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def js_async(self, script: str, *args):
        """Run a script whose last argument is a callback (Selenium's async scripts)."""
        return self.driver.execute_async_script(script, *args)

    def read_clipboard(self) -> str:
        return self.js_async("""
            const done = arguments[arguments.length - 1];
            navigator.clipboard.readText().then(done, e => done('clipboard error: ' + e));""")

    def write_clipboard(self, text: str) -> None:
        error = self.js_async("""
            const done = arguments[arguments.length - 1];
            navigator.clipboard.writeText(arguments[0]).then(() => done(null), e => done(String(e)));""", text)
        assert error is None, f"could not prepare the clipboard: {error}"

    def screenshot(self, name: str) -> Path:
        """Save a full-page PNG as ``<screenshots>/<name>.png`` (name made file-safe)."""
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width = max(self.viewport_now.width, int(size["width"]))
        height = min(int(size["height"]), 12000)  # Chromium's limit for one capture is far higher; keep files small
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": max(height, 1), "scale": 1},
        })
        path = self.screenshots / (re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") + ".png")
        path.write_bytes(base64.b64decode(shot["data"]))
        return path
