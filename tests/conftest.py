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
Node tools first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha import build
from moussalaha.data import SiteData
from moussalaha.serve import CHROMIUM, CHROMIUM_FLAGS, serve

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "test-results" / "screenshots"
TIERS = ("unit", "site", "browser", "serving")
BROWSER_FIXTURES = {"browser", "phone", "desktop"}
SITE_FIXTURES = {"site", "subpath_site"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        if folder in TIERS:
            item.add_marker(folder)
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker("browser")
        if fixtures & SITE_FIXTURES:
            item.add_marker("site")


@dataclass
class Site:
    """A built site and the address it is served at."""

    directory: Path
    base_url: str  # ends with "/"
    build_log: str

    def page(self, path: str) -> LexborHTMLParser:
        return LexborHTMLParser((self.directory / path).read_text(encoding="utf-8"))

    def url(self, path: str = "") -> str:
        return self.base_url + path

    def pages(self) -> list[str]:
        """Every HTML page of the three languages (not the 404 pages)."""
        return sorted(
            str(p.relative_to(self.directory)) for p in self.directory.rglob("*.html")
            if p.name != "404.html" and "assets" not in p.parts
        )


def build_site(destination: Path, site_url: str, project: Path = ROOT, **env: str):
    return build.run(destination, project, site_url, **env)


def _built_and_served(tmp_path_factory, name: str, prefix: str):
    directory = tmp_path_factory.mktemp(name)
    server, base_url = serve(directory, prefix)
    result = build_site(directory, base_url)
    if result.returncode != 0:
        server.shutdown()
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    yield Site(directory, base_url, result.stderr)
    server.shutdown()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The site built for, and served at, the root of a host."""
    yield from _built_and_served(tmp_path_factory, "site-root", "/")


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The site built for a GitHub Pages project address (…/moussalaha/)."""
    yield from _built_and_served(tmp_path_factory, "site-subpath", "/moussalaha/")


@pytest.fixture(scope="session")
def data():
    return SiteData(ROOT / "docs" / "data")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as playwright:
        # Playwright starts it headless itself.
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=[f for f in CHROMIUM_FLAGS if f != "--headless=new"])
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A phone-sized page (the site is built phones first)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
