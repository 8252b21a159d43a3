"""The site in Chromium, as visitors get it: every request stays on the
site and succeeds, no console error, the language switcher keeps the page,
the 404 page speaks the language of the address, at the root of a host and
under a sub-path (a GitHub Pages project site)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import screenshot

FONT = "noto-naskh-arabic"


def visit(page, url: str) -> dict:
    """Open `url` and record every request, failure and console error."""
    record = {"requests": [], "failed": [], "errors": []}
    page.on("request", lambda r: record["requests"].append(r.url))
    page.on("requestfailed", lambda r: record["failed"].append(r.url))
    page.on("response", lambda r: r.status >= 400 and record["failed"].append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    page.goto(url, wait_until="networkidle")
    return record


@pytest.mark.parametrize("deployment", ["site", "subpath_site"])
def test_every_page_loads_cleanly_from_its_own_host_only(deployment, request, browser):
    site = request.getfixturevalue(deployment)
    host = urlsplit(site.base_url).netloc
    context = browser.new_context()
    for path in site.pages():
        page = context.new_page()
        record = visit(page, site.url(path))
        foreign = [u for u in record["requests"] if urlsplit(u).netloc not in (host, "") and not u.startswith("data:")]
        assert foreign == [], (path, foreign)
        assert record["failed"] == [], (path, record["failed"])
        assert record["errors"] == [], (path, record["errors"])
        font_requests = [u for u in record["requests"] if FONT in u]
        if path.startswith(("fr/", "en/")):
            assert font_requests == [], f"{path} downloads the Arabic font"
        else:
            assert font_requests, f"{path} does not load the Arabic font"
        page.close()
    context.close()


@pytest.mark.parametrize("deployment", ["site", "subpath_site"])
def test_language_switcher_leads_to_the_same_page(deployment, request, desktop):
    site = request.getfixturevalue(deployment)
    for path in site.pages():
        if path.startswith(("fr/", "en/")):
            continue
        versions = {"ar": path, "fr": f"fr/{path}", "en": f"en/{path}"}
        for start, target in (("ar", "fr"), ("fr", "en"), ("en", "ar")):
            desktop.goto(site.url(versions[start]))
            desktop.locator(f'.mc-langbar a[hreflang="{target}"]').click()
            desktop.wait_for_load_state()
            assert desktop.url == site.url(versions[target]), (versions[start], target)
            assert desktop.locator("html").get_attribute("lang") == target


@pytest.mark.parametrize("deployment", ["site", "subpath_site"])
@pytest.mark.parametrize("missing, lang, words", [
    ("fr/page-disparue.html", "fr", "Page introuvable"),
    ("en/old/page.html", "en", "Page not found"),
    ("no-such-page.html", "ar", "الصفحة غير موجودة"),
    ("french/page.html", "ar", "الصفحة غير موجودة"),
])
def test_404_speaks_the_language_of_the_address(deployment, missing, lang, words, request, phone):
    site = request.getfixturevalue(deployment)
    response = phone.goto(site.url(missing))
    assert response.status == 404
    html = phone.locator("html")
    assert html.get_attribute("lang") == lang
    assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    visible = phone.locator("[data-not-found]:visible")
    assert visible.count() == 1 and words in visible.inner_text()
    home = visible.locator("a").first
    home.click()
    phone.wait_for_load_state()
    assert phone.url == site.url("" if lang == "ar" else f"{lang}/") + "index.html"
    screenshot(phone, f"404-{deployment}-{lang}") if "old" in missing or lang == "ar" else None


def test_404_without_javascript_shows_the_three_languages(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("fr/absent.html"))
    texts = page.locator("[data-not-found]:visible").all_inner_texts()
    assert len(texts) == 3
    assert "الصفحة غير موجودة" in texts[0] and "Page introuvable" in texts[1] and "Page not found" in texts[2]
    context.close()


@pytest.mark.parametrize("path, name", [("index.html", "home-ar"), ("fr/index.html", "home-fr"),
                                        ("en/centre.html", "centre-en"), ("centre.html", "centre-ar")])
def test_pages_render_in_their_direction(site, phone, desktop, path, name):
    for page, size in ((phone, "phone"), (desktop, "desktop")):
        page.goto(site.url(path), wait_until="networkidle")
        direction = page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
        assert direction == ("rtl" if name.endswith("-ar") else "ltr")
        screenshot(page, f"{name}-{size}")
    if name.endswith("-ar"):
        used = phone.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'مصالحة')")
        loaded = phone.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert used and "Noto Naskh Arabic" in loaded
