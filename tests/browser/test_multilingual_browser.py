"""The site in Chromium, as visitors get it: every request stays on the
site and succeeds, no console error, the language switcher keeps the page,
the 404 page speaks the language of the address, at the root of a host and
under a sub-path (a GitHub Pages project site)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from moussalaha import languages
from tests.support import AN_ARTICLE
from tests.support.browser import goto, screenshot
from tests.support.visits import visit_every_page

FONT = "noto-naskh-arabic"


def test_every_page_loads_cleanly_and_links_its_other_languages(site, visited):
    """Every request stays on the site and succeeds, the Arabic font is
    loaded by Arabic pages only, and the language bar of every page leads to
    the same page in each language (the visits: tests/support/visits.py)."""
    loads_cleanly_and_links_its_other_languages(site, visited)


def test_pages_load_cleanly_and_link_their_other_languages_under_a_sub_path(subpath_site, browser):
    """The same under a sub-path, on every page but the news articles (one
    layout: one of them in each language)."""
    loads_cleanly_and_links_its_other_languages(
        subpath_site, visit_every_page(subpath_site, browser, subpath_site.every_layout()))


def loads_cleanly_and_links_its_other_languages(site, visits) -> None:
    host = urlsplit(site.base_url).netloc
    for path, visit in visits.pages.items():
        foreign = [u for u in visit.requests if urlsplit(u).netloc not in (host, "") and not u.startswith("data:")]
        assert foreign == [], (path, foreign)
        assert visit.failed == [], (path, visit.failed)
        assert visit.errors == [], (path, visit.errors)
        font_requests = [u for u in visit.requests if FONT in u]
        if path.startswith(("fr/", "en/")):
            assert font_requests == [], f"{path} downloads the Arabic font"
        else:
            assert font_requests, f"{path} does not load the Arabic font"
        name = path.removeprefix("fr/").removeprefix("en/")
        assert visit.read["lang"] == languages.of_path(path), path
        expected = {"ar": site.url(name), "fr": site.url(f"fr/{name}"), "en": site.url(f"en/{name}")}
        assert visit.read["language_bar"] == expected, path


@pytest.mark.parametrize("deployment", ["site", "subpath_site"])
@pytest.mark.parametrize("path", ["index.html", "programme.html", AN_ARTICLE])
def test_language_switcher_leads_to_the_same_page(deployment, path, request, desktop):
    """A visitor's clicks from language to language, on a page of each kind."""
    site = request.getfixturevalue(deployment)
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
        goto(page, site.url(path))
        direction = page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
        assert direction == ("rtl" if name.endswith("-ar") else "ltr")
        screenshot(page, f"{name}-{size}")
    if name.endswith("-ar"):
        used = phone.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'مصالحة')")
        loaded = phone.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
        assert used and "Noto Naskh Arabic" in loaded
