"""What the accessibility and privacy statements (docs/accessibility*.md,
docs/privacy*.md) say of the site holds: headings in order, a skip link
first, a visible focus, the same content without JavaScript (no sideways
scrolling on a phone: tests/browser/test_frame.py, at 360 px); no form that submits, no referrer sent, no cookie,
nothing kept in the browser's storage, no search words sent. In Chromium for
what only a browser shows.

Run: .venv/bin/pytest -q tests/browser/test_statements.py
"""

from __future__ import annotations

import re
import urllib.parse

import pytest

from tests.support.browser import goto, screenshot

SAMPLE = ["index.html", "news.html", "fr/news.html", "en/news.html", "en/accessibility.html", "fr/privacy.html"]


def test_every_page_has_one_main_heading_and_headings_in_order(site):
    for path in site.pages():
        levels = [int(h.tag[1]) for h in site.page(path).css("article h1, article h2, article h3, article h4, article h5, article h6")]
        assert levels and levels[0] == 1 and levels.count(1) == 1, (path, levels)
        for before, after in zip(levels, levels[1:]):
            assert after <= before + 1, f"{path}: a heading h{after} follows h{before}"


def test_nothing_is_submitted_and_links_send_no_referrer(site):
    for path in [*site.pages(), "404.html"]:
        tree = site.page(path)
        # The search box is the only field; its form submits nowhere.
        for form in tree.css("form"):
            assert "action" not in form.attributes and form.attributes.get("method", "get") == "get", (path, form.html[:200])
        fields = [n.html for n in tree.css("textarea, select, input")
                  if n.attributes.get("type") not in ("checkbox", "search")]  # the theme's menu toggles
        assert fields == [], (path, fields)
        referrer = tree.css_first('meta[name="referrer"]')
        assert referrer is not None and referrer.attributes.get("content") == "no-referrer", path


def test_browsing_and_searching_set_no_cookie_store_nothing_and_send_no_query(site, visited, browser):
    # Every page visited, scrolled and tabbed into (tests/support/visits.py).
    assert visited.cookies == [] and visited.storage == [0, 0, ""], (visited.cookies, visited.storage)
    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path, word in (("en/news.html", "delegation"), ("news.html", "مصالحة")):
        goto(page, site.url(path))
        search = page.locator('input[type="search"]')
        assert search.count(), f"{path}: no search box, so nothing shows what a search sends"
        # Only what searching requests: page addresses (news/…-delegation.html) may hold the word.
        before = len(requests)
        search.first.focus()
        page.keyboard.type(word, delay=30)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        sent = requests[before:]
        assert not [url for url in sent if word in url or urllib.parse.quote(word) in url], sent
    stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert context.cookies() == [] and stored == [0, 0, ""], stored
    context.close()


@pytest.mark.parametrize("path", SAMPLE)
def test_skip_link_comes_first_and_leads_to_the_text(site, desktop, path):
    goto(desktop, site.url(path))
    desktop.keyboard.press("Tab")
    focused = desktop.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.getAttribute('href')]")
    heading = desktop.locator("article h1").get_attribute("id")
    assert focused == [True, f"#{heading}"], focused
    assert desktop.locator(".md-skip").is_visible()
    desktop.keyboard.press("Enter")
    # The jump is the browser's own, a moment after the key (longer on a busy machine).
    desktop.wait_for_url(f"**#{heading}", timeout=10_000)
    top = desktop.evaluate("document.querySelector('article h1').getBoundingClientRect().top")
    assert 0 <= top < 900 / 2


@pytest.mark.parametrize("path", ["news.html", "en/news.html"])
def test_every_focused_control_is_outlined(site, desktop, path):
    goto(desktop, site.url(path))
    for _ in range(16):
        desktop.keyboard.press("Tab")
        desktop.wait_for_timeout(50)
        element, outline = desktop.evaluate(
            "(() => { const e = document.activeElement, s = getComputedStyle(e);"
            " return [e.outerHTML.slice(0, 80), s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0"
            # The search field shows its focus by opening the search box.
            "   || (e.type === 'search' && document.getElementById('__search').checked)]; })()")
        assert outline, f"{path}: no outline on the focused {element}"


def article_text(page) -> str:
    return re.sub(r"\s+", " ", page.locator("article").first.inner_text()).strip()


def test_content_is_the_same_without_javascript(site, visited, browser):
    """Each page without JavaScript against the same page with it (its visit:
    tests/support/visits.py); of the news articles, one in each
    language."""
    without_js = browser.new_context(java_script_enabled=False)
    off = without_js.new_page()
    for path in site.every_layout():
        visit = visited.pages[path]
        off.goto(site.url(path))
        assert article_text(off) == visit.read["article_text"], path
        assert off.locator("article a[href]").count() == visit.read["article_links"], path
    screenshot(off, "no-javascript-" + path.replace("/", "-").removesuffix(".html"))
    without_js.close()
