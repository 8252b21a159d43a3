"""The news on the built site: every article of docs/news/ has its page in
the three languages, with its title, date, lead and at least one linked
source; the news page lists them all by year, newest first, each linked to
its page; nothing shows an internal id or file name. In Chromium, the index
and an article read in their direction on a phone and a desktop.

Run: .venv/bin/pytest tests/site/test_news_pages.py
"""

from __future__ import annotations

import re

import pytest

from tests.support import ROOT
from tests.support.browser import goto, screenshot
from moussalaha.content import news, present, render
from moussalaha.languages import DIRECTIONS, LANGUAGES

DOCS = ROOT / "docs"
PREFIX = {"ar": "", "fr": "fr/", "en": "en/"}
ARTICLES = {lang: news.collect(DOCS, lang) for lang in LANGUAGES}
SLUGS = [a.slug for a in ARTICLES["ar"]]


def squash(text: str) -> str:
    """Text without its spaces: French pages get no-break spaces inside « »,
    and a title's 18<sup>e</sup> reads 18e."""
    return re.sub(r"\s+", "", text)


def test_there_are_articles_with_their_files_in_the_three_languages():
    assert len(SLUGS) >= 12
    for slug in SLUGS:
        for lang in LANGUAGES:
            assert news.path_of(DOCS, slug, lang).exists(), (slug, lang)


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_article_has_its_page_with_title_date_lead_and_sources(site, data, lang):
    for article in ARTICLES[lang]:
        page = site.page(f"{PREFIX[lang]}{article.url}")
        assert page.css_first("html").attributes["lang"] == lang
        assert article.lang == lang, f"{article.slug} is not translated into {lang}"
        content = page.css_first("article.md-content__inner")
        assert squash(content.css_first("h1").text()) == squash(article.title)
        time = content.css_first(".mc-news__date time")
        assert time.attributes["datetime"] == article.date.isoformat()
        assert time.text(strip=True) == present.format_day(article.date, lang)
        assert squash(content.css_first(".mc-lead").text()) == squash(article.lead)
        assert content.css_first(".mc-news__back a").attributes["href"] == "../news.html"
        cited = [a.attributes["href"] for a in content.css(".mc-sources a[href]")]
        assert cited and cited == [f"../sources.html#{source}" for source in data.current_ids(article.sources)], article.slug
        for href in cited:  # every source it cites is on the sources page
            anchor = href.split("#")[1]
            assert site.page(f"{PREFIX[lang]}sources.html").css_first(f'[id="{anchor}"]'), href


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_lists_every_article_by_year_newest_first(site, lang):
    page = site.page(f"{PREFIX[lang]}news.html")
    years = page.css("section.mc-news-year")
    shown_years = [int(section.css_first("h2").text(strip=True)) for section in years]
    assert shown_years == sorted({a.date.year for a in ARTICLES[lang]}, reverse=True)
    listed = []
    for year, section in zip(shown_years, years):
        for item in section.css("li.mc-news"):
            link = item.css_first(".mc-news__title a")
            day = item.css_first("time").attributes["datetime"]
            assert day.startswith(f"{year}-")
            listed.append((day, link.attributes["href"], squash(link.text()), squash(item.css_first(".mc-news__lead").text())))
    assert [day for day, *_ in listed] == sorted((day for day, *_ in listed), reverse=True)
    assert listed == [(a.date.isoformat(), a.url, squash(a.title), squash(a.lead)) for a in ARTICLES[lang]]


@pytest.mark.site
def test_every_article_gives_the_same_numbers_in_the_three_languages(site):
    def numbers(lang, article):
        node = site.page(f"{PREFIX[lang]}{article.url}").css_first("article.md-content__inner")
        for sources in node.css(".mc-sources"):
            sources.decompose()
        return sorted(re.findall(r"\d+", node.text(separator=" ")))

    for index, article in enumerate(ARTICLES["ar"]):
        arabic = numbers("ar", article)
        for lang in ("fr", "en"):
            assert numbers(lang, ARTICLES[lang][index]) == arabic, (article.slug, lang)


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_internal_id_or_file_name_is_shown(site, data, lang):
    source_ids = [s.id for s in data.sources]
    paths = [f"{PREFIX[lang]}news.html"] + [f"{PREFIX[lang]}{a.url}" for a in ARTICLES[lang]]
    for path in paths:
        article = site.page(path).css_first("article.md-content__inner")
        # A source's address, printed on paper only, is the publisher's
        # (https://lnt.ma/…), not an internal id.
        for address in article.css(".mc-print-address"):
            address.decompose()
        text = article.text(separator=" ")
        assert not re.search(r"\.md\b|docs/|\{\{|\{%|\{ ?#", text), path
        for word in SLUGS + source_ids:
            assert word not in text, (path, word)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_news_reads_in_its_direction_on_a_phone_and_a_desktop(site, phone, desktop, lang):
    article = next(a for a in ARTICLES[lang] if a.slug.startswith("2024-02-19"))
    for path, name in ((f"{PREFIX[lang]}news.html", "index"), (f"{PREFIX[lang]}{article.url}", "article")):
        for page, size in ((phone, "phone"), (desktop, "desktop")):
            goto(page, site.url(path))
            selector = ".mc-news" if name == "index" else ".mc-lead"
            assert page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).direction") == DIRECTIONS[lang]
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert width[0] <= width[1], (path, size, width)
            screenshot(page, f"news-{name}-{lang}-{size}")


@pytest.mark.site
@pytest.mark.parametrize("count", [None, 2])
def test_latest_news_component_gives_the_newest_linked(count):
    from selectolax.lexbor import LexborHTMLParser

    setting = "" if count is None else f"{{% set news_count = {count} %}}"
    html = render.jinja_environment("en", ROOT / "overrides" / "components").from_string(setting + '{% include "latest-news.html" %}').render(
        news=ARTICLES["en"], lang="en", root="")
    links = [a.attributes["href"] for a in LexborHTMLParser(html).css(".mc-news__title a")]
    assert links == [a.url for a in ARTICLES["en"][:count or 3]]


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_article_marks_the_news_entry_of_the_menu_and_has_no_contents_column(site, lang):
    article = ARTICLES[lang][0]
    page = site.page(f"{PREFIX[lang]}{article.url}")
    active = [a.attributes["href"] for a in page.css(".md-nav--primary .md-nav__item--active > a.md-nav__link")]
    assert active == ["../news.html"]
    assert "hidden" in page.css_first(".md-sidebar--secondary").attributes
    # Only the article: the next page of that language has no active News entry.
    other = site.page(f"{PREFIX[lang]}sources.html")
    assert not [a for a in other.css(".md-nav--primary .md-nav__item--active > a.md-nav__link")
                if a.attributes.get("href", "").endswith("news.html")]
