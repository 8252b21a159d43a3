"""Search in Chromium, as a visitor types it: each language finds its own
pages only; Arabic words are found whatever is attached to them (article,
conjunction, preposition) and however alef, taa marbuta, alef maqsura,
tatweel and diacritics are written; French ignores accents and case and finds
plurals; English finds plurals and other tenses. Results show the page title
and a highlighted snippet in the page's direction; nothing of the search is
downloaded before the visitor uses the box; it works under a sub-path; without
JavaScript the box is not shown.

The query words come from the finished pages (index, centre, sources) and the
data they render (docs/data/).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.support.browser import goto, screenshot

BOX = "[data-mc-search]"
INPUT = "#mc-search-input"


def open_page(page, url: str) -> dict:
    """Open `url`, recording requests and console errors from then on."""
    record = {"requests": [], "errors": []}
    page.on("request", lambda r: record["requests"].append(r.url))
    page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
    page.on("pageerror", lambda e: record["errors"].append(str(e)))
    goto(page, url)
    return record


def search_files(requests: list[str]) -> list[str]:
    """The names of the search's own files among `requests`: Pagefind's
    script and entry file, its engine (WebAssembly), its index and fragments."""
    names = [urlsplit(url).path.rsplit("/", 1)[-1] for url in requests]
    return [name for name in names
            if re.fullmatch(r"pagefind.*\.js(on)?", name) or name.endswith((".wasm", ".pagefind")) or ".pf_" in name]


def search(page, query: str, every: bool = False) -> list[dict]:
    """Type `query` in the box (keys, as a visitor does) and read the results
    (`every`: all of them, «more results» pressed until it goes)."""
    page.locator(INPUT).click()
    page.locator(INPUT).fill("")
    page.locator(BOX).evaluate("box => { box.dataset.query = ''; }")  # not the previous search's
    page.keyboard.type(query)
    page.wait_for_function(
        """q => { const box = document.querySelector('[data-mc-search]');
                 return box.dataset.query === q && ['done', 'failed'].includes(box.dataset.state); }""",
        arg=query, timeout=30000)
    assert page.locator(BOX).get_attribute("data-state") == "done", page.locator("#mc-search-status").inner_text()
    more = page.locator(f"{BOX} .mc-search-more")
    for _ in range(20 if every else 0):
        if not more.is_visible():
            break
        shown = page.locator(".md-search-result__link").count()
        more.click()
        page.wait_for_function(
            """n => document.querySelectorAll('.md-search-result__link').length > n
                   || document.querySelector('[data-mc-search] .mc-search-more').hidden""", arg=shown)
    return page.eval_on_selector_all(".md-search-result__link", """links => links.map(link => ({
        path: new URL(link.href).pathname,
        title: link.querySelector('h1').textContent,
        marks: [...link.querySelectorAll('p mark')].map(m => m.textContent),
        excerpt: link.querySelector('p').textContent,
    }))""")


def pages(results) -> set[str]:
    return {r["path"].rsplit("/", 1)[-1] for r in results}


def marked(results, page_name: str) -> list[str]:
    return [m for r in results if r["path"].endswith("/" + page_name) for m in r["marks"]]


@pytest.fixture(scope="module")
def opened(site, browser):
    """`opened(path)`: the page at `path`, opened once for every test that
    searches from it, as a visitor searches several times on one page (the
    search and its index stay loaded); each test types its own queries."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pages = {}

    def at(path: str):
        if path not in pages:
            pages[path] = context.new_page()
            open_page(pages[path], site.url(path))
        # A tab behind another has its timers slowed and no animation frames.
        pages[path].bring_to_front()
        return pages[path]

    yield at
    context.close()


@pytest.fixture
def arabic(opened):
    return opened("index.html")


# Arabic: the same pages whatever is attached to the word (rule 2).
@pytest.mark.parametrize("forms, must_find", [
    # The article, a conjunction with it, or nothing: «المندوبية» is on the centre page.
    (["المندوبية", "والمندوبية", "مندوبية", "بالمندوبية", "للمندوبية"], {"centre.html"}),
    (["السجناء", "للسجناء", "سجناء", "والسجناء"], {"index.html", "centre.html"}),
    # The agreement page writes only «والممارسات» (و + ال).
    (["الممارسات", "ممارسات", "والممارسات"], {"agreement.html"}),
    # The home page writes «بإعادة» and the centre page «وإعادة»: ب and و before a hamza.
    (["إعادة", "الإعادة", "وإعادة"], {"index.html", "centre.html"}),
    # «لضمان» and «ضمان» on the centre page: ل without the article.
    (["ضمان", "لضمان"], {"centre.html"}),
])
def test_arabic_words_are_found_with_or_without_what_is_attached(arabic, forms, must_find):
    found = [pages(search(arabic, form, every=True)) for form in forms]
    for form, result in zip(forms, found):
        assert must_find <= result, (form, result)
    assert all(result == found[0] for result in found), {form: sorted(result ^ found[0]) for form, result in zip(forms, found)}


def test_arabic_snippet_highlights_the_word_as_written_on_the_page(arabic):
    results = search(arabic, "ممارسات")
    assert "والممارسات" in marked(results, "agreement.html")
    results = search(arabic, "إعادة")
    # The centre page writes it with و and with ل attached.
    assert {"وإعادة", "لإعادة"} <= set(marked(results, "centre.html"))
    assert all("~" not in r["excerpt"] and "~" not in r["title"] for r in results)


@pytest.mark.parametrize("written, as_on_the_page, page_name", [
    ("الارهاب", "الإرهاب", "centre.html"),     # alef without hamza
    ("اعادة", "إعادة", "index.html"),          # idem, initial
    ("مصالحه", "مصالحة", "index.html"),        # haa for taa marbuta
    ("الفضلي", "الفضلى", "agreement.html"),    # yaa for alef maqsura
    ("مصـــالحة", "مصالحة", "index.html"),     # tatweel
    ("مُصَالَحَة", "مصالحة", "index.html"),     # diacritics
])
def test_arabic_spelling_variants_are_folded(arabic, written, as_on_the_page, page_name):
    results = search(arabic, written)
    assert page_name in pages(results), (written, pages(results))
    assert any(as_on_the_page in m for m in marked(results, page_name)), marked(results, page_name)


def test_arabic_singular_finds_the_plural(arabic):
    # The centre page has «مؤسسة» and «مؤسسات»: the singular marks the plural.
    results = search(arabic, "مؤسسة")
    assert "centre.html" in pages(results)
    assert any(m.startswith("مؤسسات") for m in marked(results, "centre.html"))


def test_arabic_query_of_two_words_needs_both(arabic):
    results = search(arabic, "تأهيل السجناء")
    assert results
    marks = [m for r in results for m in r["marks"]]
    assert any("تأهيل" in m for m in marks) and any("السجناء" in m for m in marks), marks


@pytest.mark.parametrize("start, query", [
    ("index.html", "مصالحة"),
    ("fr/index.html", "Moussalaha"),
    ("en/index.html", "Moussalaha"),
])
def test_results_are_in_the_language_of_the_page(site, opened, start, query):
    results = search(opened(start), query)
    assert results
    root = urlsplit(site.url()).path
    # The language is the first folder (news articles are in news/ below it).
    languages = {r["path"][len(root):].split("/")[0] for r in results}
    languages = {first if first in ("fr", "en") else "" for first in languages}
    assert languages == {start.rpartition("/")[0]}, "a result from another language"


@pytest.mark.parametrize("start, query", [
    ("index.html", "détenus"),      # French, on an Arabic page
    ("fr/index.html", "السجناء"),    # Arabic, on a French page
    ("en/index.html", "détenus"),   # French, on an English page
    ("fr/index.html", "pursuance"),  # English, on a French page
])
def test_another_languages_words_find_nothing(opened, start, query):
    assert search(opened(start), query) == []


@pytest.mark.parametrize("query, page_name, highlighted", [
    ("detenus", "programme.html", "détenus"),     # without accents
    ("DÉTENUS", "programme.html", "détenus"),     # capitals
    ("reinsertion", "index.html", "réinsertion"),
    ("condamne", "centre.html", "condamnées"),    # the masculine singular finds the feminine plural
    ("institution", "centre.html", "institutions"),
])
def test_french_ignores_accents_and_case_and_finds_plurals(opened, query, page_name, highlighted):
    results = search(opened("fr/index.html"), query)
    assert page_name in pages(results), (query, pages(results))
    assert any(m.rstrip(".,;:").lower() == highlighted for m in marked(results, page_name)), marked(results, page_name)


@pytest.mark.parametrize("query, page_name, highlighted", [
    ("prisoner", None, "prisoners"),                  # plural (on several pages)
    ("agreements", "centre.html", "agreement"),       # singular from the plural
    ("signing", "centre.html", "signed"),             # another tense
    ("rehabilitated", None, "rehabilitation"),        # another form of the word
    ("create", "centre.html", "created"),
])
def test_english_finds_plurals_and_tenses(opened, query, page_name, highlighted):
    """`page_name` None: the form is highlighted on whichever page ranks."""
    results = search(opened("en/index.html"), query)
    if page_name is None:
        marks = [m for r in results for m in r["marks"]]
    else:
        assert page_name in pages(results), (query, pages(results))
        marks = marked(results, page_name)
    assert any(m.rstrip(".,;:").lower() == highlighted for m in marks), marks


def test_pages_that_must_not_appear(opened):
    # The 404 page is not indexed.
    # («introuvable» is also in the privacy statement, which names the page.)
    assert "404.html" not in pages(search(opened("fr/index.html"), "introuvable"))
    desktop = opened("index.html")
    # A source's title, listed at the end of the centre page, is found on the
    # sources page only: the list of sources that ends a page is not indexed.
    results = pages(search(desktop, "نجاحات"))
    assert "sources.html" in results and "centre.html" not in results
    # The header, navigation and footer are not indexed: «الخصوصية» (privacy)
    # is in every page's navigation, but only the privacy page is about it.
    assert "index.html" not in pages(search(desktop, "الخصوصية"))


@pytest.mark.parametrize("start, query, words", [
    ("index.html", "ثثثثث", "لا توجد نتائج"),
    ("fr/index.html", "zzqxv", "Aucun résultat"),
    ("en/index.html", "azzzzz", "No results"),
])
def test_no_results_is_said_in_the_language_of_the_page(opened, start, query, words):
    page = opened(start)
    assert search(page, query) == []
    assert words in page.locator("#mc-search-status").inner_text()


@pytest.mark.parametrize("start, lang, placeholder", [
    ("centre.html", "ar", "ابحث"), ("fr/centre.html", "fr", "Rechercher"), ("en/centre.html", "en", "Search"),
])
def test_results_show_title_and_highlighted_snippet_in_the_page_direction(site, desktop, start, lang, placeholder):
    record = open_page(desktop, site.url(start))
    box = desktop.locator(BOX)
    assert box.get_attribute("role") == "dialog" and box.get_attribute("aria-label")
    field = desktop.locator(INPUT)
    assert field.get_attribute("placeholder") == placeholder
    assert field.get_attribute("aria-label") == box.get_attribute("aria-label")
    query = {"ar": "المركز", "fr": "centre", "en": "centre"}[lang]
    results = search(desktop, query)
    assert results and all(r["title"] for r in results) and results[0]["marks"]
    first = desktop.locator(".md-search-result__item").first
    direction = first.evaluate("e => getComputedStyle(e).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    assert desktop.locator(".md-search-result__item mark").first.is_visible()
    screenshot(desktop, f"search-{lang}-desktop")
    assert record["errors"] == []


def test_nothing_of_the_search_loads_before_the_box_is_used(site, desktop):
    record = open_page(desktop, site.url("fr/centre.html"))
    desktop.wait_for_timeout(300)
    assert [u for u in record["requests"] if "/pagefind/" in u] == []
    search(desktop, "réinsertion")
    loaded = [urlsplit(u).path.rsplit("/", 1)[-1] for u in record["requests"] if "/pagefind/" in u]
    assert "pagefind.js" in loaded and any(name.endswith(".pf_index") for name in loaded)
    # Only the French index, in chunks: no Arabic or English file.
    language_files = [n for n in loaded if n.endswith((".pf_meta", ".pf_index", ".pf_fragment")) or n.startswith("wasm.")]
    assert language_files and all(n.startswith(("fr_", "pagefind.fr_", "wasm.fr.")) for n in language_files), language_files
    assert record["errors"] == []


def test_keyboard_use(site, desktop):
    open_page(desktop, site.url("en/index.html"))
    results = search(desktop, "reintegration")
    assert results
    toggle = desktop.locator("#__search")
    assert toggle.is_checked()
    desktop.keyboard.press("ArrowDown")
    assert desktop.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    desktop.keyboard.press("ArrowUp")
    assert desktop.evaluate("document.activeElement.id") == "mc-search-input"
    desktop.keyboard.press("Escape")
    assert not toggle.is_checked()
    assert desktop.evaluate("document.activeElement.id") == "mc-search-input"
    # Tabbing past the last result (or past «more results» under it) leaves the search, and closes it.
    search(desktop, "reintegration")
    assert toggle.is_checked()
    more = desktop.locator(".mc-search-more")
    (more if more.is_visible() else desktop.locator(".md-search-result__link").last).focus()
    desktop.keyboard.press("Tab")
    assert not toggle.is_checked()
    assert not desktop.evaluate("document.querySelector('[data-mc-search]').contains(document.activeElement)")
    # Enter opens the first result.
    results = search(desktop, "reintegration")
    with desktop.expect_navigation():
        desktop.keyboard.press("Enter")
    assert urlsplit(desktop.url).path == results[0]["path"]


def test_phone_opens_the_search_from_its_button(site, phone):
    record = open_page(phone, site.url("index.html"))
    toggle = phone.locator("#__search")
    assert not toggle.is_checked()
    button = phone.locator(".mc-search-button")
    assert button.get_attribute("aria-label") == "البحث في الموقع"
    button.focus()
    # The page loaded and the button reached: the search not used yet, none of its files asked for.
    assert search_files(record["requests"]) == []
    phone.keyboard.press("Enter")
    phone.wait_for_function("() => document.activeElement && document.activeElement.id === 'mc-search-input'")
    phone.keyboard.type("والمندوبية")
    phone.wait_for_function("() => document.querySelector('[data-mc-search]').dataset.state === 'done'")
    assert phone.locator(".md-search-result__item").count() > 0
    loaded = search_files(record["requests"])
    assert "pagefind.js" in loaded and any(name.endswith(".pf_index") for name in loaded), loaded
    screenshot(phone, "search-ar-phone")
    assert toggle.is_checked() and phone.locator(INPUT).bounding_box()["width"] == 390
    phone.keyboard.press("Escape")
    assert not toggle.is_checked()
    assert phone.evaluate("document.activeElement.classList.contains('mc-search-button')")
    assert record["errors"] == []


def test_search_works_under_a_sub_path(subpath_site, desktop):
    record = open_page(desktop, subpath_site.url("fr/centre.html"))
    results = search(desktop, "convention")
    assert results and all(r["path"].startswith("/moussalaha/fr/") for r in results)
    host = urlsplit(subpath_site.base_url).netloc
    assert all(urlsplit(u).netloc == host for u in record["requests"])
    response = desktop.goto(subpath_site.url() + results[0]["path"][len("/moussalaha/"):])
    assert response.status == 200
    assert record["errors"] == []


def test_without_javascript_the_box_is_not_shown(browser, site):
    context = browser.new_context(java_script_enabled=False)
    for size in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        page = context.new_page()
        page.set_viewport_size(size)
        page.goto(site.url("fr/index.html"))
        assert not page.locator(".mc-search").is_visible()
        assert not page.locator(".mc-search-button").is_visible()
        page.close()
    context.close()
