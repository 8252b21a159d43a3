"""The programme's chart and the table beside it: drawn inline at build time
in every language, plotting exactly the figures of docs/data/programme.yml
(and none where a source gives none), mirrored on the Arabic page, and
readable on a phone: no label over another, nothing wider than the screen."""

from __future__ import annotations

import re

import pytest

from tests.support import SCREENSHOTS
from tests.support.browser import goto, screenshot
from moussalaha import languages
from moussalaha.content import present

PAGES = {"ar": "programme.html", "fr": "fr/programme.html", "en": "en/programme.html"}
SERIES = ("beneficiaries", "released")


def chart_of(site, lang):
    svg = site.page(PAGES[lang]).css_first("figure.mc-chart svg")
    assert svg is not None, f"{PAGES[lang]} has no inline chart"
    return svg


def points(svg, series: str) -> list[tuple[str, int, float, float]]:
    """(date, value, x, y) of each plotted point of a series, in document order."""
    result = []
    for node in svg.css(f'g[data-series="{series}"] .mc-chart__point'):
        a = node.attributes
        if node.tag == "circle":
            x, y = float(a["cx"]), float(a["cy"])
        else:  # a square marker, positioned by its corner
            x, y = float(a["x"]) + float(a["width"]) / 2, float(a["y"]) + float(a["height"]) / 2
        result.append((a["data-date"], int(a["data-value"]), x, y))
    return result


@pytest.mark.parametrize("lang", PAGES)
def test_chart_is_inline_svg_with_a_title_in_the_page_language(site, data, lang):
    svg = chart_of(site, lang)
    figure = site.page(PAGES[lang]).css_first("figure.mc-chart")
    assert svg.attributes.get("role") == "img"
    ids = svg.attributes["aria-labelledby"].split()
    labels = {node.attributes["id"]: node.text(strip=True) for node in svg.css("title, desc")}
    assert ids and all(labels.get(i) for i in ids), (ids, labels)
    assert labels[ids[0]] == getattr(data.ui["chart_title"], lang).replace("{year}", str(data.programme.launched))
    # Nothing fetched: no image, script, object or linked resource in the figure.
    assert figure.css("img, script, object, iframe, image, use") == []
    assert not any("href" in n.attributes or "src" in n.attributes for n in figure.css("svg *"))


@pytest.mark.parametrize("lang", PAGES)
def test_plotted_values_are_the_data_and_missing_figures_are_not_plotted(site, data, lang):
    svg = chart_of(site, lang)
    for series in SERIES:
        expected = [(m.date.isoformat(), getattr(m, series)) for m in data.milestones
                    if getattr(m, series) is not None]
        plotted = points(svg, series)
        assert [(d, v) for d, v, _, _ in plotted] == expected, series
        # The line goes through those points and nowhere else.
        path = svg.css_first(f'g[data-series="{series}"] path').attributes["d"]
        vertices = [float(n) for pair in re.findall(r"[ML]([\d.]+),([\d.]+)", path) for n in pair]
        assert vertices == pytest.approx([n for _, _, x, y in plotted for n in (x, y)], abs=0.05), series


@pytest.mark.parametrize("lang", PAGES)
def test_heights_are_proportional_to_the_values(site, lang):
    svg = chart_of(site, lang)
    grid = {int(n.attributes["data-value"]): float(n.attributes["y1"]) for n in svg.css(".mc-chart__grid")}
    zero, top = grid[0], max(grid)
    per_unit = (zero - grid[top]) / top
    for series in SERIES:
        for date, value, _, y in points(svg, series):
            assert zero - y == pytest.approx(value * per_unit, abs=0.1), (series, date)
    assert max(v for s in SERIES for _, v, _, _ in points(svg, s)) <= top


@pytest.mark.parametrize("lang", PAGES)
def test_time_runs_in_the_reading_direction(site, lang):
    svg = chart_of(site, lang)
    xs = [x for _, _, x, _ in points(svg, "beneficiaries")]
    ticks = [float(n.attributes["x"]) for n in svg.css(".mc-chart__tick")]
    if lang == "ar":
        assert xs[0] > xs[-1], "on the Arabic page the earliest point must be on the right"
        assert xs == sorted(xs, reverse=True)
        assert min(ticks) > max(xs), "the value axis belongs on the right in Arabic"
    else:
        assert xs[0] < xs[-1] and xs == sorted(xs)
        assert max(ticks) < min(xs)
    years = [n.text() for n in svg.css(".mc-chart__year")]
    assert all(re.fullmatch(r"[0-9]{4}", y) for y in years), years


@pytest.mark.parametrize("lang", PAGES)
def test_table_beside_the_chart_holds_the_same_figures(site, data, lang):
    tree = site.page(PAGES[lang])
    table = tree.css_first("table.mc-milestones")
    assert table.css_first("caption").text(strip=True)
    assert all(th.attributes.get("scope") == "col" for th in table.css("thead th"))
    ui = {key: getattr(text, lang) for key, text in data.ui.items()}
    rows = table.css("tbody tr")
    assert len(rows) == len(data.milestones)
    for row, m in zip(rows, data.milestones):
        header = row.css_first("th")
        assert header.attributes.get("scope") == "row"
        # A date whose day the source does not give is shown as its month.
        assert header.css_first("time").attributes["datetime"] == m.date.isoformat()[:7 if m.month_only else 10]
        assert header.text(strip=True) == present.milestone_date(m.model_dump(), lang)
        for field in ("beneficiaries", "released", "pardoned"):
            cell = row.css_first(f'td[data-field="{field}"]').text(strip=True)
            value = getattr(m, field)
            assert cell == (ui["not_given"] if value is None else str(value)), (m.date, field)
        # The row's sources; a note on the row cites its own.
        links = [a.attributes["href"] for a in row.css("td.mc-cited a")]
        assert links == [f"sources.html#{s}" for s in m.sources]
    # Every link lands on an entry of the sources page.
    listed = {node.attributes["id"] for node in site.page(PAGES[lang].replace("programme", "sources")).css("li[id]")}
    assert {s for m in data.milestones for s in m.sources} <= listed


CHART_GEOMETRY = """() => {
  const svg = document.querySelector('figure.mc-chart svg');
  svg.scrollIntoView();
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            px: parseFloat(getComputedStyle(t).fontSize) * scale};
  });
  return {svg: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
          texts, page: document.documentElement.scrollWidth, viewport: window.innerWidth};
}"""


@pytest.mark.parametrize("lang", PAGES)
def test_chart_is_readable_on_a_phone(site, phone, lang):
    goto(phone, site.url(PAGES[lang]))
    shape = phone.evaluate(CHART_GEOMETRY)
    svg, texts = shape["svg"], shape["texts"]
    assert svg["left"] >= 0 and svg["right"] <= shape["viewport"], svg
    assert shape["page"] <= shape["viewport"], "the page scrolls sideways"
    assert len(texts) > 10
    for t in texts:
        assert t["px"] >= 11, f"«{t['text']}» is drawn at {t['px']:.1f}px"
        assert svg["left"] <= t["left"] and t["right"] <= svg["right"], t
        assert svg["top"] <= t["top"] and t["bottom"] <= svg["bottom"], t
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])
            assert apart, f"«{a['text']}» overlaps «{b['text']}»"


@pytest.mark.parametrize("lang", PAGES)
def test_table_fits_a_desktop_page_without_scrolling(site, desktop, lang):
    """On a desktop window every column, sources included, is in view; only
    a phone scrolls the table sideways."""
    goto(desktop, site.url(PAGES[lang]))
    wrap, table = desktop.evaluate("""() => {
      const wrap = document.querySelector('.mc-milestones').closest('.mc-table-wrap');
      return [wrap.clientWidth, wrap.scrollWidth];
    }""")
    assert table <= wrap, f"the table is {table}px wide in a {wrap}px column"


@pytest.mark.parametrize("lang", ("ar", "fr"))
def test_programme_page_screenshots(site, phone, desktop, lang):
    """Phone and desktop views, kept in test-results/ for a person to look at."""
    for page, size in ((phone, "phone"), (desktop, "desktop")):
        goto(page, site.url(PAGES[lang]))
        direction = page.evaluate("getComputedStyle(document.querySelector('.mc-chart')).direction")
        assert direction == languages.DIRECTIONS[lang]
        screenshot(page, f"programme-{lang}-{size}")
        page.locator("figure.mc-chart").screenshot(path=str(SCREENSHOTS / f"programme-chart-{lang}-{size}.png"))


@pytest.mark.parametrize("lang", ("ar", "fr"))
def test_each_label_sits_at_its_own_point(site, lang):
    """A value's label is nearer its own point than any other, so that no
    figure is read as another point's; two figures reported on one date
    (beneficiaries and released) are both labelled."""
    svg = chart_of(site, lang)
    every = [(series, *p) for series in SERIES for p in points(svg, series)]
    labels = svg.css("text.mc-chart__value")
    assert len(labels) >= len(every) - 2, "most points are labelled"
    for label in labels:
        a = label.attributes
        # The label's middle: its x, and a little above its baseline.
        x, y = float(a["x"]), float(a["y"]) - 4.5
        assert label.text(strip=True) == a["data-value"]
        nearest = min(every, key=lambda p: (p[3] - x) ** 2 + (p[4] - y) ** 2)
        assert (nearest[1], str(nearest[2])) == (a["data-date"], a["data-value"]), (a, nearest)
    # Every figure of a day that has two (a closing and an opening) is labelled.
    dates = [p[1] for p in every]
    for date in {d for d in dates if dates.count(d) > 1}:
        same_day = {a.attributes["data-value"] for a in labels if a.attributes["data-date"] == date}
        assert {str(p[2]) for p in every if p[1] == date} <= same_day, (date, same_day)
