"""Shared fixtures: the real site built once per deployment, a local server
that behaves like GitHub Pages, and Chromium driven by Playwright.

Run with `make test`, which installs the environment and Debian's chromium.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))

import sitedata  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium from calling home: this machine has no network,
# and the tests must see only the site's own requests.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SCREENSHOTS = ROOT / "test-results" / "screenshots"


class GitHubPagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under `prefix`, and the root 404.html for anything
    missing, as GitHub Pages does."""

    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return __import__("io").BytesIO(body)
        return super().send_head()


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


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not a test failure


def serve(directory: Path, prefix: str) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(type("Handler", (GitHubPagesHandler,), {"prefix": prefix}), directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def build_site(destination: Path, site_url: str, project: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1", **env)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(destination)],
        cwd=project, env=env, capture_output=True, text=True,
    )


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
    return sitedata.SiteData()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
