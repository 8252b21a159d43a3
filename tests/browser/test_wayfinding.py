"""Finding one's way and reading on any screen, in Chromium (issue 22):
the main menu on a desktop (mirrored in Arabic, by keyboard, no script
needed), the drawer's groups on a phone, the breadcrumb. Each test loads
few pages and asserts several things on each."""

from __future__ import annotations

import pytest

from tests.support.browser import goto

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE_360 = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def rows_of(page, selector: str) -> list[int]:
    """How many of the elements sit on each row, top to bottom."""
    tops = [round(box["y"]) for box in (page.locator(selector).nth(i).bounding_box()
                                        for i in range(page.locator(selector).count()))]
    return [tops.count(top) for top in sorted(set(tops))]


def test_arabic_home_on_a_phone_header_and_figures(site, browser):
    """At 390 px: the name level with the mark and the buttons; the key
    figures two by two under the first, none alone on a row."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    goto(page, site.url("index.html"))
    middle = lambda selector: (lambda b: b["y"] + b["height"] / 2)(page.locator(selector).first.bounding_box())
    assert abs(middle(".md-header .mc-name") - middle(".md-header .md-logo")) < 3
    assert abs(middle(".md-header .mc-name") - middle(".mc-menu-button")) < 3
    assert rows_of(page, ".mc-figures > li") == [1, 2, 2]
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_main_menu_on_a_desktop_home_page(site, browser, scheme):
    """The Arabic home page at 1366 px: the seven sections in a row from the
    right, the reference group opened by the keyboard, without scripts."""
    context = browser.new_context(**DESKTOP, color_scheme=scheme, java_script_enabled=scheme == "light")
    page = context.new_page()
    goto(page, site.url("index.html"))
    menu = page.locator("nav.mc-primary")
    assert menu.is_visible()
    links = menu.locator(".mc-primary__list > li > a")
    assert links.count() == 7
    boxes = [links.nth(i).bounding_box() for i in range(7)]
    # Mirrored: the first section at the right, each next one to its left, one row.
    assert all(a["x"] > b["x"] for a, b in zip(boxes, boxes[1:])), boxes
    assert len({round(b["y"]) for b in boxes}) == 1 and all(b["height"] >= 44 for b in boxes)
    # The side menu does not repeat it.
    assert not page.locator(".md-sidebar--primary").is_visible()
    # No card alone on a row: the founders three and two, the figures on one row.
    assert rows_of(page, ".mc-home #founders + ul > li") == [3, 2]
    assert rows_of(page, ".mc-figures > li") == [5]
    sub = menu.locator(".mc-primary__sub a")
    assert not sub.first.is_visible()
    if scheme == "light":
        # By keyboard: focus the group's name, open it with Enter, Tab into it.
        menu.locator("summary").focus()
        page.keyboard.press("Enter")
        assert sub.first.is_visible() and sub.count() == 3
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "sources.html"
    else:
        # Without scripts too (and in the dark): a click opens it.
        menu.locator("summary").click()
        assert sub.first.is_visible()
        colour = page.evaluate("getComputedStyle(document.querySelector('.mc-primary')).backgroundColor")
        assert colour != "rgb(255, 255, 255)", colour
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawer_and_breadcrumb_on_a_phone(site, browser, scheme):
    """A French news article at 360 px: no desktop menu, a breadcrumb on one
    line per crumb (News › the article), the drawer with the reference group
    and the centre's name once."""
    context = browser.new_context(**PHONE_360, color_scheme=scheme)
    page = context.new_page()
    goto(page, site.url("fr/news/2024-02-19-13th-edition-closes-14th-opens.html"))
    assert not page.locator("nav.mc-primary").is_visible()
    crumbs = page.locator("nav.mc-breadcrumb li")
    assert crumbs.count() == 3 and crumbs.nth(1).inner_text() .strip().endswith("Actualités")
    last = crumbs.nth(2).bounding_box()
    assert last["height"] < 30 and last["x"] >= 0 and last["x"] + last["width"] <= 360, last
    page.locator(".mc-menu-button").click()
    drawer = page.locator("nav.md-nav--primary")
    group = drawer.locator(".mc-nav__group")
    group.locator("a").first.wait_for(state="visible")
    assert group.locator("a").count() == 3 and group.locator("a").nth(1).is_visible()
    assert drawer.locator("[aria-current='true']").inner_text().strip() == "Actualités"
    assert drawer.inner_text().count("Centre Moussalaha") == 1
    context.close()


TABLE_READ = """table => {
  const wrap = table.parentElement.getBoundingClientRect();
  const cells = [...table.querySelectorAll('tbody th, tbody td')].map(cell => {
    const box = cell.getBoundingClientRect();
    return {left: box.left, right: box.right, height: box.height,
            label: getComputedStyle(cell, '::before').content, text: cell.innerText.trim(),
            header: cell.dataset.label || null};
  });
  const caption = table.querySelector('caption');
  return {wrap: {left: wrap.left, right: wrap.right}, width: table.scrollWidth, cells,
          caption: caption ? {scroll: caption.scrollWidth, client: caption.clientWidth, height: caption.getBoundingClientRect().height} : null,
          headers: [...table.querySelectorAll('thead th')].map(th => th.textContent.trim()),
          screen: innerWidth};
}"""


def roles_in_the_accessibility_tree(page) -> dict:
    """Chromium's own accessibility tree (not the DOM): how many nodes of each table role."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    counts = {}
    for node in nodes:
        role = node.get("role", {}).get("value")
        if role in ("table", "row", "columnheader", "rowheader", "cell"):
            counts[role] = counts.get(role, 0) + 1
    return counts


@pytest.mark.parametrize("lang,width,scheme", [("ar", 360, "light"), ("fr", 390, "dark")])
def test_programme_table_is_cards_on_a_phone(site, browser, lang, width, scheme):
    """Every value of every row on screen, labelled with its column's
    header, the caption whole, and the table still a table to a screen reader."""
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True,
                                  color_scheme=scheme)
    page = context.new_page()
    goto(page, site.url(("" if lang == "ar" else f"{lang}/") + "programme.html"))
    table = page.locator("table.mc-milestones")
    read = table.evaluate(TABLE_READ)
    assert read["width"] <= read["wrap"]["right"] - read["wrap"]["left"] + 1, read["width"]
    rows = table.locator("tbody tr").count()
    assert len(read["cells"]) == rows * 6
    for cell in read["cells"]:
        assert 0 <= cell["left"] and cell["right"] <= read["screen"], cell
        assert cell["text"], cell
        if cell["header"] and cell["header"] != read["headers"][0]:
            # The column's name drawn before the value, with no text for screen readers.
            assert cell["label"].startswith(f'"{cell["header"]}"'), cell
            assert cell["header"] in read["headers"]
    assert read["caption"]["scroll"] <= read["caption"]["client"], read["caption"]
    # Notes are not squeezed: a cell of several lines spans most of its card.
    for cell in read["cells"]:
        if cell["height"] > 80:
            assert cell["right"] - cell["left"] > 0.7 * read["screen"], cell
    # The chart above the table: no label over another at this width.
    texts = page.evaluate("""() => [...document.querySelectorAll('.mc-chart svg text')].map(t => {
      const r = t.getBoundingClientRect(); return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom}; })""")
    assert len(texts) > 20
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"], (a, b)
    roles = roles_in_the_accessibility_tree(page)
    assert roles.get("columnheader", 0) >= 6 and roles.get("rowheader", 0) >= rows, roles
    assert roles.get("cell", 0) >= rows * 5, roles
    context.close()


def test_lexicon_is_ruled_and_readable_on_a_phone_and_a_desktop(site, browser):
    for viewport, phone in (({"width": 360, "height": 740}, True), ({"width": 1366, "height": 900}, False)):
        context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
        page = context.new_page()
        goto(page, site.url("lexicon.html"))
        tables = page.locator("table.mc-lexicon")
        assert tables.count() == 4
        for i in range(4):
            read = tables.nth(i).evaluate(TABLE_READ)
            assert read["width"] <= read["wrap"]["right"] - read["wrap"]["left"] + 1
            for cell in read["cells"]:
                assert 0 <= cell["left"] and cell["right"] <= viewport["width"], cell
        first = tables.first.locator("tbody tr").first
        style = first.locator("td").nth(1).evaluate(
            "td => { const s = getComputedStyle(td); return {pad: parseFloat(s.paddingTop), top: s.borderTopStyle,"
            " font: s.fontFamily, box: td.getBoundingClientRect().toJSON()} }")
        assert "serif" not in style["font"].replace("sans-serif", ""), style["font"]
        cells = [first.locator("td").nth(j).bounding_box() for j in range(3)]
        if phone:
            # The three languages of a term one under the other, each at full width.
            assert cells[0]["y"] < cells[1]["y"] < cells[2]["y"]
            assert all(c["width"] > 280 for c in cells), cells
            assert first.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content") == '"Français" / ""'
        else:
            # Three columns of one width, padded and ruled.
            assert len({round(c["y"]) for c in cells}) == 1
            assert max(c["width"] for c in cells) - min(c["width"] for c in cells) < 2, cells
            assert style["pad"] >= 8 and style["top"] == "solid", style
        context.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_printed_programme_is_fit_to_file(site, browser, lang):
    """The programme as printed on A4: text at 11 pt at least, the
    letterhead with the last-updated date and the date of printing (Moroccan
    month names in Arabic), every source at the end with its full address,
    the table's cells holding their words, tall rows free to continue."""
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    page = context.new_page()
    goto(page, site.url(("" if lang == "ar" else f"{lang}/") + "programme.html"))
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    read = page.evaluate("""() => {
      const pt = el => parseFloat(getComputedStyle(el).fontSize) * 0.75;
      const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== 'none';
      const table = document.querySelector('table.mc-milestones');
      return {
        body: pt(document.querySelector('article p')),
        letterhead: document.querySelector('.mc-letterhead').innerText,
        letterheadShown: visible(document.querySelector('.mc-letterhead')),
        printed: document.querySelector('[data-mc-printed]').textContent,
        menus: [...document.querySelectorAll('.mc-primary, .mc-breadcrumb, .md-header')].some(visible),
        sources: [...document.querySelectorAll('.mc-sources li')].map(li => ({
          url: !!li.querySelector('.mc-print-address'), shown: li.querySelector('.mc-print-address')
            ? visible(li.querySelector('.mc-print-address')) && li.querySelector('.mc-print-address').textContent.includes('http') : null})),
        overflowing: [...table.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.trim()),
        tableFits: table.getBoundingClientRect().width <= document.querySelector('article').getBoundingClientRect().width + 1,
        rowBreak: getComputedStyle(table.querySelector('tbody tr')).breakInside,
      };
    }""")
    assert read["body"] >= 11, read["body"]
    assert read["letterheadShown"] and not read["menus"]
    months = ("يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split() if lang == "ar" else
              "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split())
    assert any(month in read["printed"] for month in months), read["printed"]
    assert read["printed"] in read["letterhead"]
    assert sum(1 for line in read["letterhead"].splitlines() if any(m in line for m in months)) == 2, read["letterhead"]
    with_address = [s for s in read["sources"] if s["url"]]
    assert len(with_address) >= 10 and all(s["shown"] for s in with_address)
    assert read["tableFits"] and not read["overflowing"], read["overflowing"]
    assert read["rowBreak"] == "auto"
    context.close()


def test_search_details(site, browser):
    """More than ten results reachable; a news result without its title
    repeated as its section; excerpts without the article's frame; on a
    touch screen a hint without keys, and the closed box out of the Tab
    order; words in another language's letters pointed to its search."""
    from test_search import search

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    goto(page, site.url("index.html"))
    first = search(page, "الدورة")
    assert len(first) == 10
    more = page.locator(".mc-search-more")
    assert more.is_visible()
    more.click()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 10")
    titles = page.eval_on_selector_all(".md-search-result__link h1", "hs => hs.map(h => h.textContent)")
    assert len(titles) > 10 and len(set(titles)) == len(titles)
    page_paths = page.eval_on_selector_all(".md-search-result__link", "as => as.map(a => new URL(a.href).pathname)")
    assert len({p.split("#")[0] for p in page_paths}) == len(page_paths), "no page twice"
    for title in titles:
        parts = [part.strip() for part in title.split("›")]
        assert len(parts) == 1 or parts[0] != parts[1], title
    # Latin words on the Arabic site: the French and English searches, with the words.
    assert search(page, "programme") == []
    links = page.eval_on_selector_all(".mc-search-elsewhere a", "as => as.map(a => [a.lang, a.href])")
    assert [lang for lang, _ in links] == ["fr", "en"]
    assert links[0][1].endswith("fr/index.html#q=programme")
    page.goto(links[0][1])
    page.wait_for_function("() => document.querySelector('[data-mc-search]').dataset.state === 'done'")
    assert page.locator(".md-search-result__item").count() >= 10
    # French excerpts: no «Toutes les actualités» nor the article's date.
    excerpts = search(page, "édition")
    assert excerpts and not any("Toutes les actualités" in r["excerpt"] for r in excerpts), excerpts[:2]
    context.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = phone.new_page()
    goto(page, site.url("fr/index.html"))
    assert "↓" not in page.locator("#mc-search-status").text_content()
    # Tab from the search button goes on to the page, not into the closed box.
    page.locator(".mc-search-button").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "mc-search-input"
    assert not page.locator("#__search").is_checked()
    phone.close()
