"""Session set-up for the browser suite: build the sample site twice, serve it, start Chromium.

Run through ``scripts/test-browser.sh``, which installs Chromium and the pinned
Python packages and builds the ``answerkit`` binary first. The binary is
``.build/debug/answerkit`` unless ``ANSWERKIT_BIN`` names another.

Two builds of ``content/`` go to a temporary folder (``public/`` is left alone):
``root``, with the ``baseURL`` of answerkit.yml, served at ``/``; and
``subpath``, with ``baseURL`` ``https://example.github.io/nimbus-help/``, served
under ``/nimbus-help/`` as GitHub Pages serves a project site.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from browser import Browser, start_chromium
from server import SiteServer
from site_model import Site, build

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "test-output" / "browser"
SUBPATH_BASE_URL = "https://example.github.io/nimbus-help/"


def pytest_configure(config):
    # Screenshots of this run only; the folder is ours (test-output/ is not committed).
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)


@pytest.fixture(scope="session")
def answerkit_binary() -> Path:
    binary = Path(os.environ.get("ANSWERKIT_BIN", REPO / ".build" / "debug" / "answerkit"))
    if not binary.is_file():
        pytest.exit(f"{binary} not found: run scripts/test-browser.sh (or swift build) first", returncode=2)
    return binary


@pytest.fixture(scope="session")
def site(answerkit_binary, tmp_path_factory) -> Site:
    """The sample site built with the baseURL of answerkit.yml."""
    return build(answerkit_binary, REPO, tmp_path_factory.mktemp("root") / "public")


@pytest.fixture(scope="session")
def subpath_site(answerkit_binary, tmp_path_factory) -> Site:
    """The sample site built for a sub-path (``/nimbus-help/``)."""
    return build(answerkit_binary, REPO, tmp_path_factory.mktemp("subpath") / "public", base_url=SUBPATH_BASE_URL)


@pytest.fixture(scope="session")
def server(site):
    running = SiteServer(site.public, "/").start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def subpath_server(subpath_site):
    running = SiteServer(subpath_site.public, subpath_site.base_path).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def chromium():
    driver = start_chromium()
    yield driver
    driver.quit()


@pytest.fixture
def browser(chromium) -> Browser:
    """The session's Chromium, on a blank page at desktop size with the default colour scheme."""
    b = Browser(chromium, SCREENSHOTS)
    b.reset()
    return b


def pytest_terminal_summary(terminalreporter):
    from test_axe import ADVISORIES

    if ADVISORIES:
        terminalreporter.section("axe-core: moderate and minor findings (not failing)")
        for report in ADVISORIES:
            terminalreporter.write_line(report)
