"""The institution's frame in Chromium, on a phone and a desktop: the
primary action in the first screen, the languages by name, nothing wider
than a 360 px screen, the programme's table, 404 pages and print."""

from __future__ import annotations

import pytest

from tests.support import SCREENSHOTS

pytestmark = pytest.mark.browser

LANGS = ("ar", "fr", "en")
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def prefix(lang: str) -> str:
    return "" if lang == "ar" else f"{lang}/"


@pytest.fixture(params=list(SIZES))
def screen(request, browser):
    phone = request.param == "phone"
    context = browser.new_context(viewport=SIZES[request.param], is_mobile=phone, has_touch=phone)
    page = context.new_page()
    page.size = request.param
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_primary_action_is_in_the_first_screen(site, screen, lang):
    screen.goto(site.url(prefix(lang) + "index.html"))
    button = screen.locator(".md-button--primary")
    assert button.count() == 1 and button.is_visible()
    box = button.bounding_box()
    assert box["y"] + box["height"] <= SIZES[screen.size]["height"], box
    assert box["height"] >= 44


@pytest.mark.parametrize("lang", LANGS)
def test_languages_are_named_and_one_tap_away(site, screen, lang):
    screen.goto(site.url(prefix(lang) + "programme.html"))
    for target, name in (("ar", "العربية"), ("fr", "Français"), ("en", "English")):
        link = screen.locator(f'.mc-langbar a[hreflang="{target}"]')
        assert link.is_visible() and link.inner_text().strip() == name
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (target, box)
        assert link.get_attribute("href").endswith("programme.html")


@pytest.mark.parametrize("lang", LANGS)
def test_footer_links_work_in_each_language(site, screen, lang):
    screen.goto(site.url(prefix(lang) + "centre.html"))
    footer = screen.locator("footer.mc-footer")
    assert footer.is_visible()
    for page in ("legal.html", "accessibility.html", "privacy.html", "sitemap.html"):
        link = footer.locator(f'a[href$="{page}"]')
        assert link.count() == 1 and link.bounding_box()["height"] >= 44, page
        assert link.evaluate("a => a.href") == site.url(prefix(lang) + page)
    footer.locator('a[href$="sitemap.html"]').click()
    screen.wait_for_load_state()
    assert screen.locator("html").get_attribute("lang") == lang
    assert screen.locator("ul.mc-sitemap a").count() >= 10


def test_header_buttons_are_44_pixels(site, browser):
    context = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.url("fr/centre.html"))
    for selector in (".mc-menu-button", ".mc-search-button"):
        box = page.locator(selector).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (selector, box)
    context.close()


def test_no_page_is_wider_than_a_360_px_screen(site, visited, browser):
    """Every page at 360 px (its visit: tests/support/visits.py), and the 404 pages."""
    wide = [(path, visit.read["overflow_at_360_px"]) for path, visit in visited.pages.items()
            if visit.read["overflow_at_360_px"] > 0]
    context = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ["no-such-page.html", "fr/absent.html"]:
        page.goto(site.url(path))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide.append((path, overflow))
    context.close()
    assert not wide, f"pages that scroll sideways at 360 px: {wide}"


@pytest.mark.parametrize("lang", ("ar", "fr"))
def test_programme_table_is_readable_at_360_px(site, browser, lang):
    """The table scrolls inside its box, with a shadow at the edge that
    hides columns, and the date column stays in view."""
    context = browser.new_context(viewport=SIZES["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.url(prefix(lang) + "programme.html"))
    wrap = page.locator(".mc-table-wrap:has(table.mc-milestones)")
    state = wrap.evaluate("""w => {
      const cue = getComputedStyle(w).backgroundImage;
      const box = w.getBoundingClientRect();
      w.scrollLeft = (getComputedStyle(w).direction === 'rtl' ? -1 : 1) * w.scrollWidth;
      const first = w.querySelector('tbody tr > :first-child').getBoundingClientRect();
      const last = w.querySelector('thead tr > :last-child').getBoundingClientRect();
      return {cue, box: box.toJSON(), first: first.toJSON(), last: last.toJSON(),
              scrolls: w.scrollWidth > w.clientWidth};
    }""")
    assert state["box"]["right"] <= 360 and state["box"]["left"] >= 0
    if state["scrolls"]:
        assert "gradient" in state["cue"], "no visible cue that the table scrolls"
        # Scrolled to its far end: the last column and the first are both in view.
        for cell in ("first", "last"):
            assert state["box"]["left"] - 1 <= state[cell]["left"] and state[cell]["right"] <= state["box"]["right"] + 1, (cell, state)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    wrap.screenshot(path=str(SCREENSHOTS / f"frame-programme-table-360-{lang}.png"))
    context.close()


@pytest.mark.parametrize("missing, lang", [("no-such-page.html", "ar"), ("fr/page-disparue.html", "fr"),
                                           ("en/old/page.html", "en")])
def test_404_is_in_the_visitors_language(site, screen, missing, lang):
    response = screen.goto(site.url(missing))
    assert response.status == 404
    names = screen.locator(".md-header .mc-name:visible")
    assert names.count() == 1 and names.inner_text().strip().startswith(NAMES[lang])
    section = screen.locator("[data-not-found]:visible")
    assert section.count() == 1 and section.get_attribute("lang") == lang
    assert section.locator("li a").count() >= 6
    assert section.locator('a[href$="sitemap.html"]').count() == 1
    for target in LANGS:
        assert screen.locator(f'.mc-langbar a[hreflang="{target}"]').is_visible()
    # The visitor's language marked in the bar, as on every page.
    assert screen.locator(".mc-langbar a[aria-current]").evaluate_all("links => links.map(a => a.hreflang)") == [lang]
    screen.screenshot(path=str(SCREENSHOTS / f"frame-404-{lang}-{screen.size}.png"), full_page=True)


PRINTED = """() => {
  const letterhead = document.querySelector('.mc-letterhead');
  const internal = [...document.querySelectorAll('.md-content article a[href]')]
    .filter(a => !/^https?:/.test(a.getAttribute('href')) || a.closest('table'))
    .map(a => getComputedStyle(a, '::after').content)
    .filter(c => c !== 'none' && c !== 'normal');
  return {shown: letterhead.checkVisibility(), text: letterhead.innerText,
          h1: getComputedStyle(document.querySelector('article h1')).color,
          h2: getComputedStyle(document.querySelector('article h2')).color,
          direction: getComputedStyle(document.querySelector('article')).direction, internal};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_print_shows_a_letterhead_and_no_internal_addresses(site, browser, lang):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url(prefix(lang) + "programme.html"))
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["shown"], "no letterhead"
    assert NAMES[lang] in printed["text"]
    assert site.url(prefix(lang) + "programme.html") in printed["text"]
    assert printed["h1"] == printed["h2"] == "rgb(0, 0, 0)"
    assert printed["direction"] == ("rtl" if lang == "ar" else "ltr")
    assert printed["internal"] == [], "internal addresses printed"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(SCREENSHOTS / f"frame-print-programme-{lang}.pdf"), format="A4")
    context.close()


@pytest.mark.parametrize("missing, lang, word", [("fr/page-disparue.html", "fr", "convention"),
                                                 ("no-such-page.html", "ar", "الاتفاقية")])
def test_404_search_finds_pages_in_its_language(site, browser, missing, lang, word):
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    page.goto(site.url(missing))
    form = page.locator("[data-not-found]:visible form[role=search]")
    form.locator("input[name=q]").fill(word)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    # The words after #, which the browser does not send to the server.
    assert page.url.startswith(site.url(prefix(lang) + "index.html#q="))
    results = page.locator("#mc-search-list a")
    results.first.wait_for(timeout=10000)
    assert results.count() >= 1
    assert all(href.startswith(site.url(prefix(lang))) for href in
               results.evaluate_all("links => links.map(a => a.href)"))
    page.screenshot(path=str(SCREENSHOTS / f"frame-404-search-{lang}.png"))
    context.close()
