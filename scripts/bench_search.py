"""Benchmark of the site's search: for each language, the bytes a page
downloads before anyone searches, the bytes the first query adds (Pagefind's
engine, the language's index chunks, the results' fragments), and the time
from the last key typed to the first result shown, on this machine and on an
emulated phone (CPU 4x slower, 1.6 Mbit/s, 150 ms round trips), and to the
first results complete.

Builds the site into a temporary folder, serves it on 127.0.0.1 as a static
host does (tests/support/static_server.py: the precompressed .gz files to browsers that
accept gzip, as Chromium does over http) and opens it in Chromium. Prints figures; asserts nothing.

    .venv/bin/python -m scripts.bench_search            # about three minutes
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support import build_site
from tests.support.browser import launch
from tests.support.static_server import serve

QUERIES = {"ar": ("index.html", "المندوبية"), "fr": ("fr/index.html", "réinsertion"), "en": ("en/index.html", "rehabilitation")}
PHONE = {"cpu": 4, "download": 1_600_000 / 8, "upload": 750_000 / 8, "latency": 150}


def build(directory: Path, site_url: str) -> None:
    result = build_site(directory, site_url)
    if result.returncode:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")


def transferred(requests) -> int:
    total = 0
    for request in requests:
        try:
            sizes = request.sizes()
        except Exception:  # a request that never finished
            continue
        total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return total


def measure(browser, base: str, lang: str, phone: bool, pause: float = 0) -> dict:
    """Open the language's home page, open the search, wait `pause` seconds
    (a visitor's time to start typing, while the engine loads), type."""
    path, query = QUERIES[lang]
    context = browser.new_context(viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 900},
                                  is_mobile=phone)
    page = context.new_page()
    if phone:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE["cpu"]})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": PHONE["latency"],
                                                       "downloadThroughput": PHONE["download"],
                                                       "uploadThroughput": PHONE["upload"]})
    requests = []
    page.on("requestfinished", lambda request: requests.append(request))
    page.goto(base + path, wait_until="networkidle")
    before = list(requests)
    if phone:
        page.locator(".mc-search-button").click()
    else:
        page.locator("#mc-search-input").click()
    page.wait_for_timeout(pause * 1000)
    page.keyboard.type(query)
    typed = time.perf_counter()
    # The first result shown (the script shows each as its data arrives), then
    # the list complete, its number of results said.
    page.wait_for_function("q => { const box = document.querySelector('[data-mc-search]');"
                           " return box.dataset.query === q && (box.querySelector('.md-search-result__item')"
                           " || box.dataset.state === 'done'); }", arg=query, timeout=120000)
    first = time.perf_counter() - typed
    page.wait_for_function("q => { const box = document.querySelector('[data-mc-search]');"
                           " return box.dataset.query === q && box.dataset.state === 'done'; }", arg=query, timeout=120000)
    complete = time.perf_counter() - typed
    page.wait_for_load_state("networkidle")
    results = page.locator(".md-search-result__item").count()
    search = [r for r in requests[len(before):]]
    kinds = {"engine": 0, "index": 0, "fragments": 0}
    for request in search:
        name = request.url.rsplit("/", 1)[-1]
        kind = "index" if name.endswith((".pf_index", ".pf_meta")) else "fragments" if name.endswith(".pf_fragment") else "engine"
        kinds[kind] += transferred([request])
    figures = {"page": transferred(before), "search": transferred(search), "requests": len(search),
               "first_result_ms": round(first * 1000), "complete_ms": round(complete * 1000), "results": results, **kinds}
    context.close()
    return figures


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        site.mkdir()
        server, base = serve(site)
        print("Building the site…", flush=True)
        build(site, base)
        bundle = site / "pagefind"
        print(f"Search bundle on disk: {sum(f.stat().st_size for f in bundle.rglob('*') if f.is_file() and f.suffix not in ('.gz', '.br')):,} bytes "
              f"({len(list((bundle / 'index').glob('*.pf_index')))} index chunks, "
              f"{len(list((bundle / 'fragment').glob('*.pf_fragment')))} fragments)\n")
        with sync_playwright() as playwright:
            browser = launch(playwright)
            header = (f"{'lang':4} {'device':7} {'page before':>12} {'1st query':>10} {'engine':>8} {'index':>7} "
                      f"{'fragments':>10} {'requests':>9} {'1st result':>11} {'all shown':>10} {'after 2 s':>10} {'results':>8}")
            print(header)
            print("-" * len(header))
            for lang in QUERIES:
                for phone in (False, True):
                    m = measure(browser, base, lang, phone)
                    paused = measure(browser, base, lang, phone, pause=2)
                    print(f"{lang:4} {'phone' if phone else 'desktop':7} {m['page']:>10,} B {m['search']:>8,} B "
                          f"{m['engine']:>8,} {m['index']:>7,} {m['fragments']:>10,} {m['requests']:>9} "
                          f"{m['first_result_ms']:>8,} ms {m['complete_ms']:>7,} ms {paused['first_result_ms']:>7,} ms "
                          f"{m['results']:>8}")
            browser.close()
        server.shutdown()
    print("\nBytes are as transferred (gzip where the browser accepts it), headers included. "
          "'page before': everything the page loads before the search box is used (no search file). "
          "'1st query': what focusing the box and the first query add. '1st result': from the last key typed "
          "to the first result shown, typing as soon as the box has the focus; 'all shown': to the first "
          "results complete (ten at most) and their number said; 'after 2 s': '1st result' when the "
          "visitor starts typing 2 s after focusing the box, while the engine loads "
          f"(phone: CPU {PHONE['cpu']}x slower, {PHONE['download'] * 8 / 1e6:.1f} Mbit/s, "
          f"{PHONE['latency']} ms latency).")


if __name__ == "__main__":
    main()
