"""Shared fixtures: the real site built once per run for each address it is
served at, a local server that behaves like GitHub Pages, and Chromium
driven by Playwright.

The tests are in tiers, one folder each, marked by folder:
- tests/unit/     `unit`: the package's functions and the editors' tool, on
                  small fixture projects; no browser, no build of the real site;
- tests/site/     `site`: the built HTML of the real site;
- tests/browser/  `browser`: the built site in Chromium;
- tests/serving/  `serving`: the site behind Debian's nginx.
A test elsewhere that opens Chromium is marked `browser` too, one that uses
the built site `site`. `make test-quick` runs what needs no browser and no
nginx; `make test` runs everything, and installs Chromium, nginx and the
Node tools first. Both spread the tests over the processor's cores
(pytest-xdist; `make test` with one worker more, see the Makefile): the
site is built once for all of them (SharedSite); the tests that share a
costlier set-up (nginx and its builds, the sub-path build, the preview, the
visit of every page) run on one worker (SHARED_SETUPS).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from moussalaha.content.data import SiteData
from tests.support import ROOT, TESTS, Site, build_site, quality
from tests.support.browser import PHONE, launch
from tests.support.static_server import serve
from tests.support.visits import Visits, visit_every_page

TIERS = ("unit", "site", "browser", "serving")
BROWSER_FIXTURES = {"browser", "phone", "desktop"}
SITE_FIXTURES = {"site", "subpath_site"}
# Fixtures made once for the tests that use them, and costly enough that
# those tests run on one worker (xdist_group): {fixture: group}.
SHARED_SETUPS = {"nginx": "nginx", "tls_nginx": "nginx", "subpath_site": "subpath", "preview": "preview",
                 "visited": "visited"}


# As each test is collected: pytest-xdist reads the groups after.
def pytest_itemcollected(item):
    folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
    if folder in TIERS:
        item.add_marker(folder)
    fixtures = set(getattr(item, "fixturenames", ()))
    # A fixture the test asks for by name as it runs is one of its parameters
    # (request.getfixturevalue(deployment)): without its group, another
    # worker would build the sub-path site again.
    parameters = getattr(getattr(item, "callspec", None), "params", {})
    fixtures |= {value for value in parameters.values() if isinstance(value, str) and value in SHARED_SETUPS}
    if fixtures & BROWSER_FIXTURES:
        item.add_marker("browser")
    if fixtures & SITE_FIXTURES:
        item.add_marker("site")
    groups = sorted({SHARED_SETUPS[name] for name in fixtures & SHARED_SETUPS.keys()})
    if groups:
        item.add_marker(pytest.mark.xdist_group("+".join(groups)))


def _needs_the_site(item) -> bool:
    """The test uses the `site` fixture (SharedSite's build)."""
    parameters = getattr(getattr(item, "callspec", None), "params", {})
    return "site" in getattr(item, "fixturenames", ()) or "site" in parameters.values()


def pytest_collection_modifyitems(config, items):
    """The files whose tests need the site after the others, each file's
    tests kept together: the workers run the others while the controller
    builds the site (SharedSite, asked for as soon as the tests are known:
    pytest_collection_finish), instead of waiting for it from the start."""
    waiting = {item.nodeid.split("::")[0] for item in items if _needs_the_site(item)}
    items.sort(key=lambda item: item.nodeid.split("::")[0] in waiting)


def pytest_collection_finish(session):
    shared = getattr(session.config, "workerinput", {}).get("shared_site")
    if shared is not None and any(_needs_the_site(item) for item in session.items):
        SharedSite.want(Path(shared[0]))


def _built_and_served(tmp_path_factory, name: str, prefix: str):
    directory = tmp_path_factory.mktemp(name)
    server, base_url = serve(directory, prefix)
    result = build_site(directory, base_url)
    if result.returncode != 0:
        server.shutdown()
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    yield Site(directory, base_url, result.stderr)
    server.shutdown()


class SharedSite:
    """The site at the root of a host, built once for all the workers of a
    run: pytest-xdist's controller serves a folder and builds the site into
    it when a worker first asks for it (each build costs some nine seconds of
    processor time, and every worker needs the site). The controller waits
    on its workers and little else, so its server answers at once."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="moussalaha-site-"))
        self.server, self.base_url = serve(self.folder / "site", "/")
        threading.Thread(target=self._build_when_asked, daemon=True).start()

    def _build_when_asked(self):
        while not (self.folder / "wanted").exists():
            time.sleep(0.05)
        result = build_site(self.folder / "site", self.base_url)
        (self.folder / "log").write_text(result.stderr, encoding="utf-8")
        (self.folder / "returncode").write_text(str(result.returncode), encoding="utf-8")

    def close(self):
        self.server.shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)

    @staticmethod
    def want(folder: Path) -> None:
        """A worker's: the site is needed; the controller starts building it."""
        (folder / "wanted").touch()

    @staticmethod
    def get(folder: Path, base_url: str) -> Site:
        """A worker's: the site, once built."""
        SharedSite.want(folder)
        while not (folder / "returncode").exists():
            time.sleep(0.05)
        log = (folder / "log").read_text(encoding="utf-8")
        if (folder / "returncode").read_text() != "0":
            pytest.fail(f"mkdocs build --strict failed:\n{log[-4000:]}")
        return Site(folder / "site", base_url, log)


def pytest_sessionstart(session):
    if session.config.pluginmanager.hasplugin("dsession"):  # the controller of pytest-xdist's workers
        session.config.shared_site = SharedSite()


def pytest_sessionfinish(session):
    shared = getattr(session.config, "shared_site", None)
    if shared is not None:
        shared.close()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    shared = node.config.shared_site
    node.workerinput["shared_site"] = (str(shared.folder), shared.base_url)


@pytest.fixture(scope="session")
def site(request, tmp_path_factory):
    """The site built for, and served at, the root of a host (once per run:
    SharedSite; or by this process, without workers)."""
    shared = getattr(request.config, "workerinput", {}).get("shared_site")
    if shared is not None:
        yield SharedSite.get(Path(shared[0]), shared[1])
    else:
        yield from _built_and_served(tmp_path_factory, "site-root", "/")


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The site built for a GitHub Pages project address (…/moussalaha/)."""
    yield from _built_and_served(tmp_path_factory, "site-subpath", "/moussalaha/")


@pytest.fixture(scope="session")
def data():
    return SiteData(ROOT / "docs" / "data")


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def _launched(playwright, full_browser=False):
    try:
        browser = launch(playwright, full_browser=full_browser)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def browser(playwright_driver):
    """Chromium's headless shell (tests/support/browser.py says why)."""
    yield from _launched(playwright_driver)


@pytest.fixture(scope="module")
def full_browser(playwright_driver):
    """The whole Chromium, for a test whose reference is what a visitor's
    browser draws, to the pixel; closed after its module's tests, so that
    a worker does not hold two browsers to the end of the run."""
    yield from _launched(playwright_driver, full_browser=True)


@pytest.fixture
def phone(browser):
    """A phone-sized page (the site is built phones first)."""
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def visited(site, browser) -> Visits:
    """Every page of the site, visited once for the tests that look at all of
    them (axe-core's findings included: the npm packages must be there)."""
    try:
        quality.require_node_tools()
    except RuntimeError as error:
        pytest.fail(str(error))
    return visit_every_page(site, browser, accessibility=True)
