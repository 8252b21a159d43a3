"""The site as production serves it: Debian's nginx with the shipped
configuration (deploy/nginx/) on a loopback port, serving the site the tests
built. Headers on pages, assets and 404 pages; precompressed brotli and gzip;
the 404 page in the language of the address; the Content-Security-Policy in
Chromium; a short load test; the TLS server block; builds that are the same
byte for byte.

Run with `make test`, which installs nginx, its brotli module and wrk.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli
import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha.output import admin, files, policy
from tests.support import ROOT, Site, build_site
from tests.support import nginx as serve_prod
from tests.support.browser import goto

PAGES = ["index.html", "centre.html", "fr/index.html", "fr/centre.html", "en/index.html", "en/centre.html"]
REVALIDATE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


class Nginx:
    """nginx serving a built site on a loopback port."""

    def __init__(self, site, port: int, scheme: str = "http"):
        self.site, self.port, self.scheme = site, port, scheme

    def get(self, path: str, encoding: str | None = None, method: str = "GET", extra: dict | None = None):
        """(status, headers with lower-case names, body as sent)."""
        if self.scheme == "https":
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=10,
                                                     context=ssl._create_unverified_context())
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request(method, "/" + path, headers=({"Accept-Encoding": encoding} if encoding else {}) | (extra or {}))
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def url(self, path: str = "") -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}/{path}"


# The first of the two builds that must be identical (test_same_commit_builds_the_same_bytes);
# both render their dossiers, neither takes them from the cache (moussalaha/sharing/dossier.py).
# Everything made afresh: nothing taken from earlier builds (moussalaha/stored.py).
BUILD_ONE = {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "1", "TZ": "UTC", "MOUSSALAHA_CACHE": "off"}


@pytest.fixture(scope="session")
def nginx(tmp_path_factory):
    """nginx serving the site built for its own address (the theme fetches
    the sitemap at the absolute address of each language, which must be on
    the same origin)."""
    port = free_port()
    directory = tmp_path_factory.mktemp("site-nginx")
    base_url = f"http://127.0.0.1:{port}/"
    result = build_site(directory, base_url, **BUILD_ONE)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    process = serve_prod.start(directory, port, tmp_path_factory.mktemp("nginx"))
    yield Nginx(Site(directory, base_url, result.stderr), port)
    stop(process)


@pytest.fixture(scope="session")
def served(nginx) -> Site:
    """The site that nginx serves (built here for nginx's address; the
    other tiers' `site` fixture is another build, for another address)."""
    return nginx.site


def test_same_commit_builds_the_same_bytes(served, tmp_path):
    """A second build of the working tree, in another folder, with another
    hash seed (set and dict order) and time zone: every file is the same;
    and a third, taking what earlier builds kept, too.
    (First in this file: right after the first build, so that nobody edits
    the tree in between.)"""
    result = build_site(tmp_path, served.base_url, **dict(BUILD_ONE, PYTHONHASHSEED="2", TZ="Asia/Tokyo"))
    assert result.returncode == 0, result.stderr[-3000:]
    builds = [served.directory, tmp_path]
    files = [sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()) for b in builds]
    assert files[0] == files[1] and len(files[0]) > 100
    # The preview images and the feeds too (moussalaha/sharing/__init__.py).
    assert any(f.startswith("assets/social/fr/") and f.endswith(".png") for f in files[0])
    assert {"feed.xml", "fr/feed.xml", "en/feed.xml", "robots.txt"} <= set(files[0])
    # The dossiers (moussalaha/sharing/dossier.py) and the open data too.
    assert {f"dossier/moussalaha-dossier-{lang}.pdf" for lang in ("ar", "fr", "en")} <= set(files[0])
    assert {"data/moussalaha-programme.json", "data/moussalaha-programme-ar.csv"} <= set(files[0])
    different = [f for f in files[0] if (builds[0] / f).read_bytes() != (builds[1] / f).read_bytes()]
    assert different == []

    # What earlier builds kept (.cache/moussalaha/: the dossiers, preview
    # images, compressed copies, the editor's script; moussalaha/stored.py):
    # a build that takes it all gives the same bytes as the one above, which
    # made everything afresh. (Here, not in a test of its own: other tests
    # change the served folder.)
    with_kept = {name: value for name, value in BUILD_ONE.items() if name != "MOUSSALAHA_CACHE"}
    for attempt in ("filling", "taking"):
        result = build_site(tmp_path.with_name(f"{tmp_path.name}-{attempt}"), served.base_url, **with_kept)
        assert result.returncode == 0, result.stderr[-3000:]
    kept = ROOT / ".cache" / "moussalaha"
    assert all(any((kept / kind).iterdir()) for kind in ("dossier", "images", "compressed", "editor"))
    taking = tmp_path.with_name(f"{tmp_path.name}-taking")
    assert sorted(p.relative_to(taking).as_posix() for p in taking.rglob("*") if p.is_file()) == files[1]
    assert [f for f in files[1] if (tmp_path / f).read_bytes() != (taking / f).read_bytes()] == []


def expected_headers(served) -> dict[str, str]:
    """The headers of every response, as the build wrote them for CDNs (_headers, block /*)."""
    text = (served.directory / "_headers").read_text(encoding="utf-8")
    block = text.split("/*\n", 1)[1].split("\n\n", 1)[0]
    return dict(line.strip().split(": ", 1) for line in block.splitlines())


def assert_security_headers(served, got: dict[str, str], tls: bool = False) -> None:
    for name, value in expected_headers(served).items():
        if name == "Strict-Transport-Security" and not tls:
            assert name.lower() not in got, "HSTS must not be sent over plain HTTP"
        else:
            assert got.get(name.lower()) == value, name
    assert got["server"] == "nginx", "the server must not tell its version"


def fingerprinted(served) -> list[str]:
    return sorted(p.relative_to(served.directory).as_posix() for p in served.directory.rglob("*")
                  if files.FINGERPRINTED.search(p.name))


def test_policy_is_strict(served):
    csp = expected_headers(served)["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in csp.replace("wasm-unsafe-eval", "")
    # The policy allows the inline scripts of the templates, and nothing else;
    # every inline script of every page is one of them.
    import material
    templates = set(policy.template_scripts([ROOT / "overrides", Path(material.__file__).parent / "templates"]))
    allowed = set(re.findall(r"'sha256-[^']+'", directives["script-src"]))
    hashes = set()
    for path in served.directory.rglob("*.html"):
        for script in LexborHTMLParser(path.read_text(encoding="utf-8")).css("script:not([src])"):
            if (script.attributes.get("type") or "").lower() in policy.SCRIPT_TYPES:  # not JSON data
                hashes.add(policy.sha256(script.text(deep=True)))
    assert allowed == templates
    assert hashes and hashes <= allowed
    print(f"\nContent-Security-Policy: {csp}")


def test_pages_carry_the_policy_in_meta_for_hosts_without_headers(served):
    csp = expected_headers(served)["Content-Security-Policy"]
    without_frame_ancestors = "; ".join(d for d in csp.split("; ") if not d.startswith("frame-ancestors"))
    for path in [*served.pages(), "404.html", "fr/404.html", "en/404.html"]:
        meta = served.page(path).css_first('head meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None and meta.attributes["content"] == without_frame_ancestors, path
        referrer = served.page(path).css_first('head meta[name="referrer"]')
        assert referrer is not None and referrer.attributes["content"] == "no-referrer", path


def test_nginx_and_the_cdn_file_send_the_same_policy(served):
    nginx_csp = (served.directory / ".nginx" / "csp.conf").read_text(encoding="utf-8")
    assert f'    default "{expected_headers(served)["Content-Security-Policy"]}";' in nginx_csp
    assert "map $uri $content_security_policy {" in nginx_csp
    assert f'    "~^/admin/" "{admin.policy_text()}";' in nginx_csp


def test_the_web_editor_has_its_own_policy_and_is_never_indexed(nginx, served):
    status, got, _ = nginx.get("admin/")
    assert status == 200 and got["content-security-policy"] == admin.policy_text()
    assert got["x-robots-tag"] == "noindex, nofollow"
    assert "unsafe-eval" not in got["content-security-policy"]
    status, got, _ = nginx.get("admin/sveltia-cms.js")
    assert status == 200 and got["content-security-policy"] == admin.policy_text()
    # The public pages: their policy, unchanged, and indexed.
    status, got, _ = nginx.get("index.html")
    assert got["content-security-policy"] == expected_headers(served)["Content-Security-Policy"]
    assert "x-robots-tag" not in got


@pytest.mark.parametrize("path", PAGES)
def test_page_headers(nginx, served, path):
    status, got, _ = nginx.get(path)
    assert status == 200
    assert_security_headers(served, got)
    assert got["content-type"] == "text/html; charset=utf-8"
    assert got["cache-control"] == REVALIDATE and "etag" in got and "last-modified" in got


def test_folder_addresses_serve_their_index(nginx):
    assert nginx.get("")[0] == nginx.get("fr/")[0] == 200
    status, got, _ = nginx.get("fr")
    assert status == 301 and got["location"] == "/fr/"


def test_asset_headers(nginx, served):
    hashed = fingerprinted(served)
    assert any(p.endswith(".css") for p in hashed) and any(p.endswith(".js") for p in hashed)
    for path in hashed:
        status, got, _ = nginx.get(path)
        assert status == 200 and got["cache-control"] == IMMUTABLE, path
        assert_security_headers(served, got)
    # Not fingerprinted (their names stay when they change): revalidated on each use.
    for path in ["assets/stylesheets/site.css", "assets/javascripts/not-found.js",
                 "assets/fonts/noto-naskh-arabic-400.woff2", "assets/images/favicon.svg", "sitemap.xml"]:
        status, got, _ = nginx.get(path)
        assert status == 200 and got["cache-control"] == REVALIDATE, path
        assert_security_headers(served, got)
    assert nginx.get("assets/fonts/noto-naskh-arabic-400.woff2")[1]["content-type"] == "font/woff2"
    # The programme's figures as a spreadsheet (Debian's mime.types knows no .csv).
    status, got, body = nginx.get("data/moussalaha-programme-fr.csv")
    assert status == 200 and got["content-type"] == "text/csv; charset=utf-8" and body.startswith(b"\xef\xbb\xbf")
    assert got["cache-control"] == REVALIDATE
    assert_security_headers(served, got)


@pytest.mark.parametrize("accept, encoding", [
    ("br", "br"), ("gzip", "gzip"), ("gzip, deflate, br, zstd", "br"), ("deflate", None), (None, None),
])
@pytest.mark.parametrize("path", ["fr/centre.html", "assets/stylesheets/site.css", "assets/javascripts/not-found.js"])
def test_precompressed_files_are_sent_to_browsers_that_accept_them(nginx, served, path, accept, encoding):
    status, got, body = nginx.get(path, accept)
    original = (served.directory / path).read_bytes()
    assert status == 200 and got.get("content-encoding") == encoding
    assert "Accept-Encoding" in got.get("vary", "")
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding](body)
    assert decoded == original
    if encoding:
        assert body == (served.directory / f"{path}.{'br' if encoding == 'br' else 'gz'}").read_bytes()
        assert len(body) < len(original)


def test_every_text_file_has_a_gz_and_a_br(served):
    texts = [p for p in served.directory.rglob("*") if files.compressible(p)]
    assert len(texts) > 50
    for path in texts:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


@pytest.mark.parametrize("missing, lang", [
    ("fr/page-disparue.html", "fr"), ("en/old/page.html", "en"), ("no-such-page.html", "ar"),
    ("french/page.html", "ar"), ("assets/none.css", "ar"),
])
def test_404_page_in_the_language_of_the_address(nginx, served, missing, lang):
    status, got, body = nginx.get(missing, "br")
    assert status == 404
    assert_security_headers(served, got)
    assert got["cache-control"] == REVALIDATE and got["content-encoding"] == "br"
    tree = LexborHTMLParser(brotli.decompress(body).decode("utf-8"))
    assert tree.css_first("html").attributes["lang"] == lang
    if lang != "ar":  # fr/404.html and en/404.html hold their language only
        assert [s.attributes["lang"] for s in tree.css("[data-not-found]")] == [lang]


@pytest.mark.parametrize("path", ["_headers", ".nginx/csp.conf", ".nginx/"])
def test_server_side_files_are_not_served(nginx, path):
    assert nginx.get(path)[0] == 404


def test_only_reading_methods(nginx, served):
    status, got, _ = nginx.get("index.html", method="POST")
    assert status == 405
    assert_security_headers(served, got)


def test_every_response_says_other_sites_may_not_embed_its_files(nginx):
    for path in ["fr/centre.html", "assets/stylesheets/site.css", "assets/images/favicon.svg", "absent.html"]:
        assert nginx.get(path)[1]["cross-origin-resource-policy"] == "same-origin", path


@pytest.mark.parametrize("path", ["fr/centre.html.br", "fr/centre.html.gz", "assets/stylesheets/site.css.gz",
                                  "index.html.br"])
def test_precompressed_copies_are_not_served_under_their_own_names(nginx, served, path):
    assert (served.directory / path).is_file()
    status, got, body = nginx.get(path)
    assert status == 404 and got["content-type"] == "text/html; charset=utf-8" and b"<html" in body
    assert_security_headers(served, got)


def test_one_range_per_request(nginx, served):
    original = (served.directory / "assets/stylesheets/site.css").read_bytes()
    status, got, body = nginx.get("assets/stylesheets/site.css", extra={"Range": "bytes=0-9"})
    assert status == 206 and body == original[:10]
    assert_security_headers(served, got)
    # Many ranges: the whole file once, not a multipart answer of many parts.
    ranges = ",".join(f"{n}-{n}" for n in range(0, 200, 2))
    status, got, body = nginx.get("assets/stylesheets/site.css", extra={"Range": f"bytes={ranges}"})
    assert status == 200 and body == original and "multipart" not in got["content-type"]


def raw_head(port: int, request: bytes) -> list[str]:
    """The status line and header lines of the answer to `request`, as sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")


def raw_request(port: int, request: bytes) -> tuple[int, dict[str, str]]:
    """The status and headers (by lower-case name) of the answer to `request`."""
    head = raw_head(port, request)
    return int(head[0].split()[1]), {k.lower(): v.strip() for k, v in (line.split(":", 1) for line in head[1:])}


@pytest.mark.parametrize("request_bytes, expected", [
    (b"GET /index.html HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    (b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: a\r\n\r\n", 414),
])
def test_errors_before_any_location_carry_the_headers(nginx, served, request_bytes, expected):
    status, got = raw_request(nginx.port, request_bytes)
    assert status == expected
    assert_security_headers(served, {**got, "server": got.get("server")})


def test_no_header_is_sent_twice(nginx, served):
    """Every kind of answer, each header once: a range the file does not
    have (416) ran nginx's header filters twice and sent every security
    header twice."""
    etag = nginx.get("index.html")[1]["etag"]
    size = (served.directory / "assets/stylesheets/site.css").stat().st_size
    requests = {
        200: b"GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n",
        206: b"GET /assets/stylesheets/site.css HTTP/1.1\r\nHost: a\r\nRange: bytes=0-9\r\n\r\n",
        416: b"GET /assets/stylesheets/site.css HTTP/1.1\r\nHost: a\r\nRange: bytes=%d-\r\n\r\n" % (size + 10),
        304: b"GET /index.html HTTP/1.1\r\nHost: a\r\nIf-None-Match: %s\r\n\r\n" % etag.encode(),
        301: b"GET /fr HTTP/1.1\r\nHost: a\r\n\r\n",
        404: b"GET /missing.html HTTP/1.1\r\nHost: a\r\n\r\n",
        405: b"POST /index.html HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
        400: b"GET /index.html HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    }
    for status, request in requests.items():
        head = raw_head(nginx.port, request)
        assert head[0].split()[1] == str(status), head[0]
        names = [line.split(":", 1)[0].lower() for line in head[1:]]
        assert sorted(n for n in set(names) if names.count(n) > 1) == [], (status, head)
        if status != 304:  # a 304 repeats only what the 200 would have changed
            assert "x-frame-options" in names and "content-security-policy" in names, (status, head)


@pytest.mark.parametrize("folder", ["assets/", "assets/javascripts/", "fr/assets/"])
def test_a_folder_without_an_index_page_is_not_found(nginx, served, folder):
    """404 and the not-found page, as any other missing address; 403 told
    that the folder exists."""
    status, got, body = nginx.get(folder)
    assert status == 404 and b"<html" in body
    assert_security_headers(served, got)


def test_a_client_that_sends_its_headers_slowly_is_cut_off(nginx):
    """client_header_timeout (http.conf): a request whose headers never end
    does not hold its connection. The time is printed, not asserted."""
    with socket.create_connection(("127.0.0.1", nginx.port), timeout=60) as sock:
        sock.sendall(b"GET /index.html HTTP/1.1\r\nHost: a\r\n")  # no blank line: the headers never end
        start = time.monotonic()
        answer = sock.recv(65536)
    print(f"\nclosed after {time.monotonic() - start:.1f} s")
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408")


def test_one_client_may_not_hold_more_than_fifty_connections(nginx, served):
    """limit_conn (site.conf): fifty connections of one address, each kept
    busy by twenty requests for the largest file that it does not read; the
    fifty-first is refused (429, with the security headers), and served
    once they are gone."""
    largest = max((p for p in served.directory.rglob("*") if p.is_file() and not p.name.startswith(".")
                   and p.suffix not in (".br", ".gz")), key=lambda p: p.stat().st_size)
    request = b"GET /%s HTTP/1.1\r\nHost: a\r\n\r\n" % largest.relative_to(served.directory).as_posix().encode()
    held = []
    try:
        for _ in range(50):
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.connect(("127.0.0.1", nginx.port))
            sock.sendall(request * 20)
            held.append(sock)
        # nginx counts a connection once it has read its request's headers:
        # on a busy machine that takes a moment, so ask again for a while.
        deadline = time.monotonic() + 10
        while True:
            status, got = raw_request(nginx.port, b"GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n")
            if status == 429 or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        assert status == 429
        assert_security_headers(served, {**got, "server": got.get("server")})
    finally:
        for sock in held:
            sock.close()
    for _ in range(50):
        status, _ = raw_request(nginx.port, b"GET /index.html HTTP/1.1\r\nHost: a\r\n\r\n")
        if status == 200:
            break
        time.sleep(0.1)
    assert status == 200


def csp_watch(page) -> dict:
    """Record CSP violations (reported in the page) and console errors."""
    record = {"violations": [], "errors": [], "failed": []}
    page.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
    """)
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.on("response", lambda r: r.status >= 400 and record["failed"].append(f"{r.status} {r.url}"))
    return record


def test_browser_zero_policy_violations_on_every_layout(nginx, served, browser):
    """Every page but the news articles (one layout: one of them in each
    language), under the policy nginx sends. Every page carries the same
    policy in its <meta> (less frame-ancestors, which only a header can
    carry: test_pages_carry_the_policy_in_meta_for_hosts_without_headers),
    and runs under it with no error in the console in the visit of every
    page (tests/browser/test_multilingual_browser.py)."""
    context = browser.new_context()
    page = context.new_page()
    record = csp_watch(page)
    pages = served.every_layout()
    assert len(pages) >= 30
    for path in pages:
        response = page.goto(nginx.url(path), wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        if path.endswith("centre.html"):
            # What the theme's scripts do after loading, once per language:
            # follow the table of contents, show the back-to-top button;
            # then the language bar (links, no menu to open) is hovered.
            page.mouse.wheel(0, 3000)
            page.wait_for_timeout(150)
            page.mouse.wheel(0, -1500)
            page.locator(".mc-langbar a").first.hover()
            page.wait_for_timeout(100)
        violations = page.evaluate("window.__violations")
        assert violations == [] and record["errors"] == [] and record["failed"] == [], (path, violations, record)
    context.close()


@pytest.mark.parametrize("missing", ["fr/absent.html", "en/a/b.html", "absent.html"])
def test_browser_404_pages_run_under_the_policy(nginx, browser, missing):
    context = browser.new_context()
    page = context.new_page()
    record = csp_watch(page)
    response = goto(page, nginx.url(missing))
    assert response.status == 404
    lang = missing[:2] if missing.startswith(("fr/", "en/")) else "ar"
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("[data-not-found]:visible").count() == 1
    # Chromium reports the page's own 404 status as an error; nothing else may be.
    errors = [e for e in record["errors"] if not e.startswith("Failed to load resource: the server responded with a status of 404")]
    assert page.evaluate("window.__violations") == [] and errors == [], record
    context.close()


@pytest.mark.parametrize("path, word", [("index.html", "مصالحة"), ("fr/index.html", "Moussalaha"),
                                        ("en/index.html", "Moussalaha")])
def test_browser_search_runs_under_the_policy(nginx, browser, path, word):
    """The search engine (Pagefind: WebAssembly, its files preloaded by the script) works with the policy."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    record = csp_watch(page)
    goto(page, nginx.url(path))
    page.locator("#mc-search-input").fill(word)
    page.locator("[data-mc-search][data-state=done], [data-mc-search][data-state=failed]").wait_for(timeout=15000)
    assert page.locator("[data-mc-search]").get_attribute("data-state") == "done"
    assert page.locator(".md-search-result__item").count() > 0
    assert page.evaluate("window.__violations") == [] and record["errors"] == [] and record["failed"] == [], record
    context.close()


def test_browser_blocks_a_script_the_site_did_not_ship(nginx, browser):
    context = browser.new_context()
    page = context.new_page()
    csp_watch(page)
    goto(page, nginx.url("fr/index.html"))
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.head.append(s);
    }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__injected") is None
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    context.close()


# A second per address: thousands of requests, enough to find an error; a
# longer run only held both cores away from the other tests.
LOAD_SECONDS = 1


def load(url: str, seconds: int = LOAD_SECONDS) -> dict:
    """Requests per second and errors against `url`: wrk if installed, else
    a bounded Python loop (8 threads)."""
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", "Accept-Encoding: br, gzip", url],
                             capture_output=True, text=True, timeout=seconds + 30).stdout
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors = (sum(map(int, socket_errors.groups())) if socket_errors else 0) + (int(non_2xx.group(1)) if non_2xx else 0)
        return {"tool": "wrk", "requests": requests, "per_second": rate, "errors": errors}
    port, path = re.match(r"http://127\.0\.0\.1:(\d+)/(.*)", url).groups()
    deadline = time.monotonic() + seconds

    def worker(_):
        done = failed = 0
        connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
        while time.monotonic() < deadline:
            try:
                connection.request("GET", "/" + path, headers={"Accept-Encoding": "br, gzip"})
                response = connection.getresponse()
                response.read()
                done += 1
                failed += response.status != 200
            except OSError:
                failed += 1
                connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=5)
        return done, failed

    start = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(worker, range(8)))
    requests = sum(r[0] for r in results)
    return {"tool": "python", "requests": requests, "per_second": requests / (time.monotonic() - start),
            "errors": sum(r[1] for r in results)}


@pytest.mark.parametrize("path", ["fr/centre.html", "assets/stylesheets/site.css"])
def test_load_on_loopback(nginx, path):
    figures = load(nginx.url(path))
    print(f"\n{path}: {figures['requests']} requests, {figures['per_second']:.0f} requests/s, "
          f"{figures['errors']} errors ({figures['tool']}, {LOAD_SECONDS} s on loopback)")
    assert figures["requests"] > 0 and figures["errors"] == 0


@pytest.fixture(scope="session")
def tls_nginx(served, tmp_path_factory):
    """The production server block (deploy/nginx/moussalaha.conf) with a
    self-signed certificate, its ports and paths moved to a temporary place."""
    run = tmp_path_factory.mktemp("nginx-tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", run / "privkey.pem", "-out", run / "fullchain.pem"], check=True, capture_output=True)
    https_port, http_port = free_port(), free_port()
    conf = (serve_prod.DEPLOY / "moussalaha.conf").read_text(encoding="utf-8")
    for old, new in [("listen [::]:80;", ""), ("listen [::]:443 ssl http2;", ""),
                     ("listen 80;", f"listen 127.0.0.1:{http_port};"),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("/etc/ssl/moussalaha", str(run)), ("/var/www/moussalaha", str(served.directory))]:
        assert old in conf, old
        conf = conf.replace(old, new)
    shutil.copytree(serve_prod.DEPLOY / "moussalaha", run / "moussalaha")
    (run / "moussalaha.conf").write_text(conf, encoding="utf-8")
    (run / "nginx.conf").write_text(
        "daemon off; pid nginx.pid; error_log stderr warn;\n"
        "load_module /usr/lib/nginx/modules/ngx_http_brotli_static_module.so;\n"
        "events {}\n"
        "http { include /etc/nginx/mime.types; access_log off; client_body_temp_path tmp;"
        " proxy_temp_path tmp; fastcgi_temp_path tmp; uwsgi_temp_path tmp; scgi_temp_path tmp;\n"
        "  include moussalaha.conf; }\n", encoding="utf-8")
    (run / "tmp").mkdir()
    command = [serve_prod.NGINX, "-e", "stderr", "-p", f"{run}/", "-c", str(run / "nginx.conf")]
    if os.geteuid() == 0:
        command += ["-g", "user root;"]
    process = subprocess.Popen(command)
    try:
        serve_prod.wait_until_up(http_port, process)
    except RuntimeError:
        process.kill()
        raise
    yield Nginx(served, https_port, "https"), Nginx(served, http_port)
    stop(process)


def test_tls_server_block_adds_hsts(tls_nginx, served):
    https, plain = tls_nginx
    for path in ["fr/index.html", "assets/stylesheets/site.css"]:
        status, got, _ = https.get(path, "br")
        assert status == 200 and got["content-encoding"] == "br"
        assert_security_headers(served, got, tls=True)
    status, got, _ = https.get("fr/absent.html")
    assert status == 404
    assert_security_headers(served, got, tls=True)
    status, got, _ = plain.get("fr/index.html")
    assert status == 301 and got["location"] == "https://127.0.0.1/fr/index.html"



# --- The previous site's addresses (docs/data/redirects.yml) ------------------

def test_old_addresses_answer_301_to_their_new_page(nginx, served, tls_nginx):
    """Under the production configuration (make serve-prod, and the TLS
    server block), each old address of the centre's previous served, with or
    without its final slash, answers 301 with its new page, which exists;
    the static page at the old address (for hosts without server
    configuration) names it with rel=canonical and a plain link, and runs
    nothing. The previous site's language roots are this site's home pages."""
    from moussalaha.content import data
    from moussalaha.output import redirects

    entries = data.load(ROOT / "docs" / "data").redirects
    assert entries
    https, _ = tls_nginx
    for entry in entries:
        for old in {entry.old.rstrip("/"), entry.old.rstrip("/") + "/"}:
            for server in (nginx, https):
                status, got, _ = server.get(old.lstrip("/"))
                assert status == 301 and got["location"] == "/" + entry.new, (old, status, got.get("location"))
                assert_security_headers(served, got, tls=server is https)
            status, got, _ = nginx.get(got["location"].lstrip("/"))
            assert status == 200 and got["content-type"].startswith("text/html"), entry.new
        page = served.directory / redirects.normalise(entry.old)
        assert page.is_file(), f"no page at {entry.old} for hosts without server configuration"
        text = page.read_text(encoding="utf-8")
        tree = LexborHTMLParser(text)
        assert tree.css_first("link[rel=canonical]").attributes["href"] == served.base_url + entry.new
        link = tree.css_first("main a").attributes["href"]
        assert (page.parent / link).resolve() == (served.directory / entry.new).resolve()
        assert tree.css_first("script") is None and "refresh" not in text.lower()
    for root, lang in (("", "ar"), ("fr/", "fr"), ("en/", "en")):
        status, _, body = nginx.get(root)
        assert status == 200 and LexborHTMLParser(body.decode()).css_first("html").attributes["lang"] == lang


# --- The workflow: a pull request cannot reach a secret or write anything ----

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def workflow() -> dict:
    import yaml
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_workflow_runs_pull_requests_without_secrets_or_write_access():
    data, text = workflow(), WORKFLOW.read_text(encoding="utf-8")
    assert "pull_request" in data["on"]
    assert not {"pull_request_target", "workflow_run"} & set(data["on"])
    assert "secrets." not in text and "secrets:" not in text
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        permissions = job.get("permissions", data["permissions"])
        writes = {scope for scope, level in permissions.items() if level != "read"}
        if writes:
            # A job that may write runs only on main, never for a pull request.
            assert "github.event_name != 'pull_request'" in job.get("if", "") and \
                "refs/heads/main" in job.get("if", ""), name
        for step in job.get("steps", []):
            uses = step.get("uses", "")
            if uses:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", uses), f"{uses}: pin a commit"
            if uses.startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name
