"""Quality in Chromium, on every page of the three languages:

- axe-core (WCAG 2.0-2.2 A and AA, and axe's best practices) finds nothing
  on any page, in the light and the dark colour scheme, on a desktop and a
  phone (every page light on a desktop, every page but the news articles
  dark on a phone, a page of each kind in the four combinations);
- the keyboard alone: a skip link first, every control reachable, its focus
  visible, its name in the page's language;
- Lighthouse: accessibility, best practices and SEO at 100 on the home,
  agreement and programme pages, one language each (LIGHTHOUSE_PAGES;
  `make bench` runs it on the home, programme and a news page in every
  language, performance included;
  Lighthouse does not audit a page answered with status 404: axe and the
  keyboard test cover the 404 page);
- right to left: Latin names and number ranges isolated in Arabic text
  (and Arabic in French and English text), direction arrows mirrored,
  tables and lists starting on the right;
- print: no navigation, no search, links followed by their address;
- the dark scheme follows the system's setting.

Performance and weight are figures, measured by scripts/bench.py, not here.
Run alone: .venv/bin/pytest -q tests/browser/test_quality.py (`make test` installs
axe-core and Lighthouse with npm ci).
"""

from __future__ import annotations

import re

import pytest

from moussalaha import languages
from tests.support import AN_ARTICLE, SCREENSHOTS, quality
from tests.support.browser import PHONE, goto, screenshot

ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
LANGS = languages.LANGUAGES
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# One page of each kind: the home page; prose with a table (the agreement);
# the chart and its table (programme); a list of dated items (news); the
# list of every source, with addresses (sources).
PAGE_TYPES = {"home": "", "table": "agreement.html", "chart": "programme.html",
              "list": "news.html", "sources": "sources.html"}
# Three kinds of page, one in each language (a Lighthouse run takes some
# fifteen seconds; axe covers every page in every language; `make bench`
# runs Lighthouse on more).
LIGHTHOUSE_PAGES = {"home": "ar", "table": "fr", "chart": "en"}


@pytest.fixture(scope="module")
def tools():
    try:
        quality.require_node_tools()
    except RuntimeError as error:
        pytest.fail(str(error))


# Every page is checked light on a desktop, by the visit of every page
# (tests/conftest.py: `visited`), and the 404 page of each language here; one
# page of each kind and each layout (FOUR_LOOKS: the home page, prose with a
# table, the chart, the news list and an article, the sources, the sitemap,
# the 404 page) in all four looks, light and dark, desktop and phone, in
# Arabic (right to left) and in French (left to right; English pages share
# its styles). A page is loaded once in each colour scheme (the theme picks
# its palette as the page loads) and looked at in both widths in place (the
# layout follows the width at once). They are shared out in AXE_SHARES
# tests, which `make test` spreads over the processor's cores.
AXE_SHARES = 3
LOOKS_LANGUAGES = ("ar", "fr")
FOUR_LOOKS = {languages.folder(lang) + (page or "index.html")
              for page in [*PAGE_TYPES.values(), AN_ARTICLE, "sitemap.html", "no-such-page.html"]
              for lang in LOOKS_LANGUAGES}
NOT_FOUND_PAGES = [languages.folder(lang) + "no-such-page.html" for lang in LANGS]
ALL_LOOKS = [(scheme, size["viewport"]) for scheme in ("light", "dark") for size in (DESKTOP, PHONE)]
VISITED_LOOK = ("light", DESKTOP["viewport"])


def looks_left(path: str) -> list[tuple[str, dict]]:
    """The looks of `path` that the visit of every page did not check."""
    looks = ALL_LOOKS if path in FOUR_LOOKS else [VISITED_LOOK]
    return [look for look in looks if path in NOT_FOUND_PAGES or look != VISITED_LOOK]


def test_axe_finds_no_violation_on_any_page(visited):
    """Every page, light on a desktop, as the visit opened it."""
    assert len(visited.pages) >= 90
    found = {path: quality.describe_violations(visit.read["axe"])
             for path, visit in visited.pages.items() if visit.read["axe"]}
    assert not found, "\n".join(f"--- {path}\n{text}" for path, text in found.items())


# axe comes in through the browser's own tools (with_axe), which the site's
# Content-Security-Policy does not stop: the pages run under their policy.
@pytest.mark.parametrize("share", range(AXE_SHARES))
def test_axe_finds_no_violation_in_any_look(site, browser, tools, share):
    context = browser.new_context(**DESKTOP)
    quality.with_axe(context)
    page = context.new_page()
    found = {}
    paths = sorted(FOUR_LOOKS | set(NOT_FOUND_PAGES))
    for path in paths[share::AXE_SHARES]:
        for scheme in sorted({s for s, _ in looks_left(path)}, reverse=True):
            page.emulate_media(color_scheme=scheme)
            page.set_viewport_size(DESKTOP["viewport"])
            page.goto(site.url(path), wait_until="load")
            for viewport in [v for s, v in looks_left(path) if s == scheme]:
                page.set_viewport_size(viewport)
                violations = quality.axe(page)
                if violations:
                    found[f"{path} ({scheme}, {viewport['width']} px wide)"] = quality.describe_violations(violations)
    context.close()
    assert not found, "\n".join(f"--- {where}\n{text}" for where, text in found.items())


def test_dark_scheme_follows_the_system_setting(site, browser):
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(site.url("agreement.html"))
        colours[scheme] = page.evaluate("""() => {
          const rgb = s => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
          const lum = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
          return {background: lum(rgb(getComputedStyle(document.body).backgroundColor)),
                  text: lum(rgb(getComputedStyle(document.querySelector('.md-typeset p')).color))};
        }""")
        screenshot(page, f"agreement-ar-{scheme}")
        context.close()
    assert colours["light"]["background"] > 0.9 and colours["light"]["text"] < 0.3
    assert colours["dark"]["background"] < 0.2 and colours["dark"]["text"] > 0.6


# --- Keyboard -----------------------------------------------------------

CONTROLS = """() => {
  const visible = el => el.checkVisibility({visibilityProperty: true, opacityProperty: true})
                        && el.getBoundingClientRect().width > 0;
  // The header's icon buttons are labels of hidden checkboxes in the theme:
  // controls for a mouse, which the keyboard must reach too.
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), label.md-header__button';
  return [...document.querySelectorAll(selector)].filter(el => {
    if (!visible(el)) return false;
    if (el.tagName === 'LABEL' && el.tabIndex < 0) { const target = document.getElementById(el.htmlFor); return target && !visible(target); }
    return !el.closest('[inert]');
  }).map((el, i) => { el.dataset.qaControl = i; return i; });
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const name = (el.getAttribute('aria-label') || (el.getAttribute('aria-labelledby') || '').split(' ')
      .map(id => document.getElementById(id)?.textContent || '').join(' ') || el.innerText || el.title
      || el.querySelector('img')?.alt || el.value || '').trim();
  const langOf = el.closest('[lang]')?.getAttribute('lang');
  const r = el.getBoundingClientRect();
  return {control: el.dataset.qaControl ?? null, tag: el.tagName, cls: String(el.className), name, lang: langOf,
          inContent: !!el.closest('.md-content'), box: {x: r.x, y: r.y, width: r.width, height: r.height},
          label: el.tagName + (el.id ? '#' + el.id : '') + '.' + String(el.className).split(' ').join('.')};
}"""


def tab_through(page, limit: int) -> list[dict]:
    """Press Tab until focus comes back to the start; what got focus, in order."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or (seen and focused["label"] == seen[0]["label"] and focused["control"] == seen[0]["control"]):
            break
        seen.append(focused)
    return seen


def focus_is_visible(page, control: str) -> bool:
    """The control looks different focused (by the keyboard) and not."""
    # A search box focused before stays open (it closes on Escape or a
    # click elsewhere) and may cover the main menu under the header.
    page.evaluate("() => { const s = document.getElementById('__search'); if (s) s.checked = false; }")
    element = page.locator(f'[data-qa-control="{control}"]')
    element.focus()
    box = element.bounding_box()
    if not box:
        return False
    margin = 6
    clip = {"x": max(box["x"] - margin, 0), "y": max(box["y"] - margin, 0),
            "width": box["width"] + 2 * margin, "height": box["height"] + 2 * margin}
    focused = page.screenshot(clip=clip, animations="disabled")
    element.evaluate("el => el.blur()")
    page.wait_for_timeout(50)
    plain = page.screenshot(clip=clip, animations="disabled")
    return focused != plain


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("path", ["index.html", "agreement.html", "fr/index.html", "fr/agreement.html",
                                  "en/index.html", "en/programme.html", "fr/no-such-page.html"])
def test_keyboard_reaches_every_control_with_visible_focus(site, browser, path, size):
    lang = languages.of_path(path)
    context = browser.new_context(**(PHONE if size == "phone" else DESKTOP))
    page = context.new_page()
    page.goto(site.url(path), wait_until="load")
    controls = set(str(i) for i in page.evaluate(CONTROLS))
    order = tab_through(page, limit=len(controls) + 40)
    assert order, "Tab reaches nothing"

    skip = order[0]
    assert "md-skip" in skip["cls"], f"the first Tab must reach the skip link, not {skip['label']}"
    assert skip["box"]["width"] > 0 and skip["box"]["y"] >= 0, "the skip link must show when focused"
    assert (ARABIC.search(skip["name"]) is not None) == (lang == "ar"), skip["name"]

    reached = {f["control"] for f in order}
    missed = controls - reached
    missed_labels = page.evaluate(
        "ids => ids.map(i => document.querySelector(`[data-qa-control='${i}']`).outerHTML.slice(0, 160))", sorted(missed))
    assert not missed, f"controls the keyboard cannot reach: {missed_labels}"

    # Names in the page's language (the language menu names each language in itself).
    for f in order:
        assert f["name"], f"{f['label']} has no name"
        if f["inContent"] or f["lang"] != lang:
            continue
        if lang == "ar":
            assert ARABIC.search(f["name"]), f"{f['label']} is named «{f['name']}», not in Arabic"
        else:
            assert not ARABIC.search(f["name"]), f"{f['label']} is named «{f['name']}» on a {lang} page"

    # A visible focus: checked once for each kind of control, on the page as
    # it first shows (a search box opened on the way may cover the header).
    page.reload()
    page.evaluate(CONTROLS)
    page.keyboard.press("Tab")
    kinds = {}
    for f in order:
        if f["control"] is not None:
            kinds.setdefault((f["tag"], f["cls"], f["inContent"]), f)
    invisible = [f["label"] for f in kinds.values() if not focus_is_visible(page, f["control"])]
    assert not invisible, f"focus not visible on: {invisible}"
    context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_skip_link_leads_to_the_content(site, desktop, lang):
    prefix = "" if lang == "ar" else f"{lang}/"
    desktop.goto(site.url(prefix + "agreement.html"))
    desktop.keyboard.press("Tab")
    desktop.keyboard.press("Enter")
    desktop.keyboard.press("Tab")
    assert desktop.evaluate("!!document.activeElement.closest('.md-content')"), "after the skip link, Tab goes into the article"


# Words that French and English write the same.
SAME_IN_FRENCH_AND_ENGLISH = {"Navigation"}


def test_controls_are_named_in_the_page_language(site):
    """The names of the header's buttons and of the landmarks are in the
    page's language: Arabic on Arabic pages; French and English pages do not
    share one, but for words the two languages write alike."""
    names = {}
    for code in LANGS:
        tree = site.page(("" if code == "ar" else f"{code}/") + "agreement.html")
        names[code] = {n.attributes.get("aria-label") or n.attributes.get("title")
                       for n in tree.css("header [aria-label], header [title], nav[aria-label], footer [aria-label]")
                       if "lang" not in n.attributes}
    assert names["ar"] and all(ARABIC.search(n or "") for n in names["ar"]), names["ar"]
    shared = (names["fr"] & names["en"]) - SAME_IN_FRENCH_AND_ENGLISH
    assert not shared, f"labels not translated: {shared}"


# --- Lighthouse ---------------------------------------------------------

LIGHTHOUSE_CATEGORIES = ("accessibility", "best-practices", "seo")


@pytest.mark.parametrize("kind, lang", LIGHTHOUSE_PAGES.items())
def test_lighthouse_accessibility_best_practices_seo(site, tools, kind, lang):
    report = quality.lighthouse(site.url(("" if lang == "ar" else f"{lang}/") + PAGE_TYPES[kind]),
                                categories=LIGHTHOUSE_CATEGORIES)
    problems = {name: quality.failed_audits(report, name) for name, score in quality.scores(report).items() if score != 100}
    assert not problems, "\n".join(f"{name}: {quality.scores(report)[name]}\n  " + "\n  ".join(p)
                                   for name, p in problems.items())


# --- Right to left ------------------------------------------------------

def test_foreign_words_are_isolated_and_marked(visited):
    """Latin names in Arabic text (and Arabic in French and English text)
    sit in an element that isolates their direction (bdi, dir) and names
    their language (lang), so that they keep their order and are read aloud
    in their own language (read in Chromium: tests/support/visits.py, READ_PAGE)."""
    found = {path: visit.read["unmarked_foreign_text"] for path, visit in visited.pages.items()
             if visit.read["unmarked_foreign_text"]}
    assert not found, found


def test_latin_words_in_arabic_pages_are_read_in_their_language(site):
    """A French name is marked French, an English term English (the page
    says so). (Source ids and file names are never shown: see
    tests/site/test_speak_as_the_centre.py.)"""
    def language(path, text):
        nodes = [n for n in site.page(path).css(".md-content [lang]") if n.text(deep=True).strip() == text]
        assert nodes, f"{text!r} is not marked in {path}"
        return {n.attributes["lang"] for n in nodes}

    assert language("sources.html", "La Quotidienne") == {"fr"}
    assert language("accessibility.html", "WCAG") == {"en"}
    assert language("privacy.html", "Chromium") == {"en"}


def test_french_guillemets_and_colons_stay_on_the_line_of_their_word(site):
    """«\u00a0Moussalaha\u00a0» and «\u00a0:» never break at the space, in the
    menus and the page alike."""
    page = site.page("fr/agreement.html")
    texts = [n.text() for n in page.css(".md-nav__link, .md-content p, .md-content h2")]
    assert any("«\u00a0Moussalaha\u00a0»" in t for t in page.css_first(".md-nav--primary").text().splitlines())
    breakable = [t for t in texts if re.search(r"« | [»:;?!]", t)]
    assert not breakable, breakable


NUMBER_RANGE = re.compile(r"\d+\s*[\u2013\u2014]\s*\d+")


def test_number_ranges_keep_their_order_in_arabic(site):
    """«2017–2023» between Arabic words would show as «2023–2017» unless
    isolated: every such range in an Arabic page sits in a left-to-right
    element."""
    bad = []
    for path in site.pages():
        if languages.of_path(path) != "ar":
            continue
        for node in site.page(path).css(".md-content *"):
            own = node.text(deep=False)
            if NUMBER_RANGE.search(own or "") and node.attributes.get("dir") != "ltr":
                bad.append((path, own.strip()[:80]))
    assert not bad, bad


def test_arabic_layout_mirrors(site, desktop):
    desktop.goto(site.url("agreement.html"))
    shape = desktop.evaluate("""() => {
      const box = el => el.getBoundingClientRect();
      const footer = [...document.querySelectorAll('.mc-footer__block')].slice(0, 2).map(box);
      const languages = [...document.querySelectorAll('.mc-langbar a')].slice(0, 2).map(box);
      const th = [...document.querySelectorAll('.md-content table thead th')].slice(0, 2).map(box);
      const li = document.querySelector('.md-content article ul > li'), ul = li.parentElement;
      const menu = [...document.querySelectorAll('.mc-primary__list > li')].map(box);
      return {footer, languages, th, li: box(li), ul: box(ul), menu,
              toc: box(document.querySelector('.md-sidebar--secondary')), content: box(document.querySelector('.md-content'))};
    }""")
    # The footer's first block on the right; the languages, العربية first,
    # at the end of the line (the left).
    assert shape["footer"][0]["left"] > shape["footer"][1]["left"]
    assert shape["languages"][0]["left"] > shape["languages"][1]["left"]
    assert shape["languages"][0]["left"] < shape["content"]["left"] + shape["content"]["width"] / 2
    # The table's first column on the right.
    assert shape["th"][0]["left"] > shape["th"][1]["left"]
    # List items indented from the right, where their bullets are.
    assert shape["ul"]["right"] - shape["li"]["right"] > shape["li"]["left"] - shape["ul"]["left"]
    # The main menu from the right, its first section first; the contents on the left.
    assert shape["menu"][0]["left"] > shape["menu"][-1]["left"]
    assert shape["toc"]["left"] < shape["content"]["left"]


@pytest.mark.parametrize("path", ["index.html", "fr/index.html"])
def test_home_page_figures_and_levels_sit_side_by_side(site, desktop, path):
    """The key figures and the three levels are grids of boxes on a wide
    screen, the first box on the side where the page's text starts."""
    desktop.goto(site.url(path))
    for grid in (".mc-figures", ".mc-home #levels + ul"):
        boxes = desktop.eval_on_selector_all(f".md-content {grid} > li", "items => items.map(i => i.getBoundingClientRect().toJSON())")
        assert len(boxes) >= 3 and len({round(b["top"]) for b in boxes[:3]}) == 1, (grid, boxes)
        rightwards = boxes[1]["left"] > boxes[0]["left"]
        assert rightwards == (not path.startswith("index")), (grid, boxes)


@pytest.mark.parametrize("path", ["index.html", "agreement.html", "programme.html", "news.html", "sources.html",
                                  "partners.html", "no-such-page.html"])
def test_arabic_screenshots_phone_and_desktop(site, phone, desktop, path):
    """Screenshots to look at (test-results/screenshots/rtl-*); nothing may
    stick out sideways on a phone."""
    for page, size in ((phone, "phone"), (desktop, "desktop")):
        goto(page, site.url(path))
        screenshot(page, f"rtl-{path.removesuffix('.html')}-{size}")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a {size}"


# --- Print --------------------------------------------------------------

PRINTED = """() => {
  const shown = sel => [...document.querySelectorAll(sel)].filter(el => el.checkVisibility()).length;
  const links = [...document.querySelectorAll('.md-content article a[href]')]
    .filter(a => !a.getAttribute('href').startsWith('#'))
    .map(a => ({href: a.href, after: getComputedStyle(a, '::after').content,
                external: /^https?:/.test(a.getAttribute('href')), in_table: !!a.closest('table')}));
  return {header: shown('.md-header'), nav: shown('.md-sidebar'), footer: shown('.md-footer'),
          search: shown('.md-search, [data-mc-search]'), skip: shown('.md-skip'), top: shown('.md-top'),
          article: shown('.md-content article'), direction: getComputedStyle(document.querySelector('article')).direction,
          links};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_printed_page_is_clean(site, browser, lang):
    prefix = "" if lang == "ar" else f"{lang}/"
    context = browser.new_context()
    page = context.new_page()
    goto(page, site.url(prefix + "agreement.html"))
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed["article"] == 1
    for part in ("header", "nav", "footer", "search", "skip", "top"):
        assert printed[part] == 0, f"{part} is printed"
    assert printed["direction"] == ("rtl" if lang == "ar" else "ltr")
    assert printed["links"], "the agreement page has links"
    # The address follows links to other sites, outside tables; never the
    # site's own pages (the letterhead prints the page's own address).
    for link in printed["links"]:
        if link["external"] and not link["in_table"]:
            assert link["href"].split("#")[0].rsplit("/", 1)[-1] in link["after"], link
        else:
            assert link["after"] in ("none", "normal"), link
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = page.pdf(path=str(SCREENSHOTS / f"print-agreement-{lang}.pdf"), format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    context.close()
