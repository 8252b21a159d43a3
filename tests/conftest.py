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
from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha import languages, mkdocs_run, quality, redirects
from moussalaha.data import load as load_data
from moussalaha.data import SiteData
from moussalaha.serve import launch, serve

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
SCREENSHOTS = ROOT / "test-results" / "screenshots"
TIERS = ("unit", "site", "browser", "serving")
BROWSER_FIXTURES = {"browser", "phone", "desktop"}
SITE_FIXTURES = {"site", "subpath_site"}
# A news article that stands for the others (their layout is one): two
# editions reported on one day, with their figures.
AN_ARTICLE = "news/2024-02-19-13th-edition-closes-14th-opens.html"
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
        """Every HTML page of the three languages (not the 404 pages, nor the
        small pages at the previous site's addresses: moussalaha/redirects.py,
        nor the web editor's page, admin/index.html: tests/site/test_admin.py)."""
        moved = redirects.pages(load_data(ROOT / "docs" / "data"))
        return sorted(
            str(p.relative_to(self.directory)) for p in self.directory.rglob("*.html")
            if p.name != "404.html" and "assets" not in p.parts and p.relative_to(self.directory).as_posix() not in moved
            and p.relative_to(self.directory).parts[0] != "admin"
        )

    def every_layout(self) -> list[str]:
        """Every page but the news articles, which share one layout: of
        them, AN_ARTICLE in each language."""
        return [p for p in self.pages() if "news/" not in p or p.endswith(AN_ARTICLE)]


def build_site(destination: Path, site_url: str, project: Path = ROOT, **env: str):
    return mkdocs_run.run(destination, project, site_url, **env)


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
    def get(folder: Path, base_url: str) -> Site:
        """A worker's: the site, once built."""
        (folder / "wanted").touch()
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
    """Chromium's headless shell (moussalaha/serve.py says why)."""
    yield from _launched(playwright_driver)


@pytest.fixture(scope="module")
def full_browser(playwright_driver):
    """The whole Chromium, for a test whose reference is what a visitor's
    browser draws, to the pixel; closed after its module's tests, so that
    a worker does not hold two browsers to the end of the run."""
    yield from _launched(playwright_driver, full_browser=True)


# A phone at one device pixel per CSS pixel: what the tests measure is in CSS
# pixels, and a screenshot at scale 2 costs four times the pixels to draw and encode.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}


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


def goto(page, url: str):
    """Open `url` as a visitor sees it: loaded, its fonts ready. (Not
    Playwright's "networkidle", which waits half a second more on every page
    for requests the site does not make.)"""
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- Every page, visited once ------------------------------------------------------------

NARROW_PHONE = {"width": 360, "height": 740}
DESKTOP_VIEWPORT = {"width": 1280, "height": 720}  # Playwright's own
ARABIC_PATTERN = r"[\u0600-\u06ff]"
LATIN_PATTERN = r"[A-Za-z\u00c0-\u024f]"

# What a visit reads of a page: its language, the addresses of its language
# bar, its article's text and links, and the text in the other script that
# is not isolated and marked with its language (tests/browser/test_quality.py).
READ_PAGE = """([own, other]) => {
  const own_ = new RegExp(own), other_ = new RegExp(other);
  const unmarked = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!other_.test(text) || node.parentElement.closest('script, style, svg title')) continue;
    const marked = node.parentElement.closest('[lang]');
    const isolated = node.parentElement.closest('bdi, code, [dir]');
    const pageDir = document.documentElement.dir;
    const ok = marked && marked.lang !== document.documentElement.lang
               && isolated && (isolated.tagName !== 'HTML' && isolated.getAttribute('dir') !== pageDir || isolated.tagName !== 'HTML' && !isolated.hasAttribute('dir'));
    if (!ok) unmarked.push(text.trim().slice(0, 80));
  }
  const article = document.querySelector('article');
  return {lang: document.documentElement.lang,
          language_bar: Object.fromEntries([...document.querySelectorAll('.mc-langbar a[hreflang]')].map(a => [a.hreflang, a.href])),
          article_text: article.innerText.replace(/\\s+/g, ' ').trim(),
          article_links: article.querySelectorAll('a[href]').length,
          unmarked_foreign_text: unmarked};
}"""


@dataclass
class Visit:
    """What Chromium saw of one page: every request, failure and console
    error, and what READ_PAGE read."""

    requests: list[str]
    failed: list[str]
    errors: list[str]
    read: dict


@dataclass
class Visits:
    pages: dict[str, Visit]
    cookies: list
    storage: list  # [localStorage.length, sessionStorage.length, document.cookie] after the visits


def visit_every_page(site: Site, browser, paths: list[str] | None = None, accessibility: bool = False) -> Visits:
    """Every page of `site` (or those of `paths`) opened once in Chromium,
    as a visitor does: each page loaded with its fonts, narrowed to a 360 px
    phone and back, scrolled and tabbed into; with `accessibility`, checked
    by axe-core as it first shows (read["axe"]: its violations), so that no
    other test needs to open every page again for it."""
    context = browser.new_context()
    if accessibility:
        quality.with_axe(context)
    pages: dict[str, Visit] = {}
    current: dict = {"path": None}  # None between two pages
    started: dict = {}  # {request: the page it was made for}

    def record(kind: str, what: str, request=None) -> None:
        path = started.get(request, current["path"]) if request is not None else current["path"]
        if path is not None:
            getattr(pages[path], kind).append(what)

    def made(request) -> None:
        started[request] = current["path"]
        record("requests", request.url)

    def failed(request) -> None:
        # Leaving a page cuts short what it was still fetching (its icon): not a failure of the page.
        if started.get(request) != current["path"] and request.failure == "net::ERR_ABORTED":
            return
        record("failed", request.url, request)

    def open_tab():
        tab = context.new_page()
        tab.on("request", made)
        tab.on("requestfailed", failed)
        tab.on("response", lambda r: r.status >= 400 and record("failed", f"{r.status} {r.url}", r.request))
        tab.on("console", lambda m: m.type == "error" and record("errors", m.text))
        tab.on("pageerror", lambda e: record("errors", str(e)))
        return tab

    # A tab for each language: Chromium loads at once a font its tab
    # already holds, which a French page after an Arabic one would count.
    tabs: dict[str, object] = {}
    for path in paths or site.pages():
        lang = languages.of_path(path)
        page = tabs.get(lang) or tabs.setdefault(lang, open_tab())
        page.bring_to_front()  # a tab behind another has its timers slowed and no animation frames
        current["path"] = None
        page.goto("about:blank")
        pages[path] = Visit([], [], [], {})
        current["path"] = path
        page.goto(site.url(path), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        arabic = lang == "ar"
        pages[path].read = page.evaluate(READ_PAGE, [ARABIC_PATTERN, LATIN_PATTERN] if arabic else [LATIN_PATTERN, ARABIC_PATTERN])
        if accessibility:
            pages[path].read["axe"] = quality.axe(page)
        # How wide the page is on the narrowest phone the site is made for.
        page.set_viewport_size(NARROW_PHONE)
        pages[path].read["overflow_at_360_px"] = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        page.set_viewport_size(DESKTOP_VIEWPORT)
        page.mouse.wheel(0, 3000)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
    current["path"] = None
    page.goto(site.url("index.html"), wait_until="load")
    storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    visits = Visits(pages, context.cookies(), storage)
    context.close()
    return visits


@pytest.fixture(scope="session")
def visited(site, browser) -> Visits:
    """Every page of the site, visited once for the tests that look at all of
    them (axe-core's findings included: the npm packages must be there)."""
    try:
        quality.require_node_tools()
    except RuntimeError as error:
        pytest.fail(str(error))
    return visit_every_page(site, browser, accessibility=True)
