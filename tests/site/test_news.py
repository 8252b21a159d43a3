"""The news page (docs/news*.md, overrides/components/news-list.html): every
item of docs/data/news.yml, newest first, with a heading whose id is the
item's id, a machine-readable date, its summary and links to its sources;
drawn in the page's direction on a phone and a desktop.

Run: .venv/bin/pytest -q tests/test_news.py
"""

from __future__ import annotations

import pytest

from conftest import screenshot
from moussalaha import languages, present

PAGES = {"ar": "news.html", "fr": "fr/news.html", "en": "en/news.html"}


@pytest.mark.parametrize("lang", languages.LANGUAGES)
def test_every_item_is_listed_newest_first_with_its_date_and_sources(site, data, lang):
    expected = sorted(data.news, key=lambda item: item.date, reverse=True)
    items = site.page(PAGES[lang]).css("article .mc-news")
    assert [item.css_first("h2").attributes.get("id") for item in items] == [n.id for n in expected]
    for node, item in zip(items, expected):
        assert node.css_first("h2").text(strip=True) == getattr(item.title, lang)
        assert node.css_first("time").attributes["datetime"] == item.date.isoformat()
        assert node.css_first("time").text(strip=True) == present.format_day(item.date, lang)
        assert " ".join(getattr(item.summary, lang).split()) in " ".join(node.text().split())
        cited = [a.attributes["href"] for a in node.css("a[href]")]
        assert cited == [f"sources.html#{source}" for source in item.sources]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_news_page_renders_in_its_direction(site, phone, desktop, lang):
    for page, size in ((phone, "phone"), (desktop, "desktop")):
        page.goto(site.url(PAGES[lang]), wait_until="networkidle")
        direction = page.evaluate("getComputedStyle(document.querySelector('.mc-news')).direction")
        assert direction == languages.DIRECTIONS[lang]
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (size, width)
        screenshot(page, f"news-{lang}-{size}")
