"""Every page of a built site opened once in Chromium, as a visitor does,
for the tests that look at all of them (tests/conftest.py: `visited`) and
at some (tests/browser/test_multilingual_browser.py)."""

from __future__ import annotations

from dataclasses import dataclass

from moussalaha import languages
from tests.support import Site, quality

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
