"""Content parity: the three languages say the same things, and say what
the data says. Checked on the built site and on docs/data/ (through
moussalaha.content.data.SiteData):

- every page exists in Arabic, French and English, under the same file name;
- a page shows the same numbers (figures, days and years of dates) in the
  three languages, and on factual pages each is one the data holds;
- every factual page cites a source, and every link to the sources page
  lands on an entry that exists there, in the same language;
- the partners and centre pages name every partner institution, and the
  agreement page every signatory with their title, in the page's language.

Run: .venv/bin/pytest -q tests/site/test_content.py
"""

from __future__ import annotations

import datetime as dt
import re
from posixpath import dirname, join, normpath
from urllib.parse import urlsplit

import pytest
from pydantic import BaseModel

from tests.support import ROOT
from moussalaha import languages

LANGS = languages.LANGUAGES
DOCS = ROOT / "docs"
# Pages that state no fact of their own: they need not cite a source.
# The legal notice is the centre naming itself, its seat and president, as
# the centre page states them with their references (issue 23).
NOT_FACTUAL = {"accessibility", "privacy", "sources", "legal", "sitemap"}
# The news page lists articles, each of which cites its own sources on its
# page (tests/site/test_news_pages.py); the home page sums up the pages it
# links to, its figures with the programme's table and its references
# (tests/site/test_frame_html.py::test_home_is_a_landing_page).
LISTS = {"news", "index"}
# Pages whose numbers are not facts (a WCAG version, a contrast ratio).
STATEMENTS = {"accessibility", "privacy"}
# Pages whose numbers are the figures of a given day as their sources
# reported them (the news: each article cites its own sources), not the data's.
REPORTED = {"news"}
# The Arabic pages, by name: docs/centre.md is "centre" (not centre.fr.md).
PAGES = sorted(p.name.removesuffix(".md") for p in DOCS.glob("*.md") if p.name.count(".") == 1)
NUMBER = re.compile(r"\d+")


def built(lang: str, name: str) -> str:
    return f"{languages.folder(lang)}{name}.html"


def article(site, lang: str, name: str):
    """The page's main text: what the page says, without header, menus or footer."""
    node = site.page(built(lang, name)).css_first("article.md-content__inner")
    assert node is not None, f"{built(lang, name)} has no <article class=md-content__inner>"
    return node


def text_of(node) -> str:
    # A space between elements, so that two table cells never run together;
    # no-break spaces and typographic apostrophes are not differences of fact.
    text = node.text(separator=" ")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'"))


def numbers_shown(site, lang: str, name: str, source_ids: set[str]) -> set[int]:
    node = article(site, lang, name)
    # A chart's axis ticks are its scale, not facts; the table beside it
    # holds its figures, and the table is checked.
    for svg in node.css("svg"):
        svg.decompose()
    # The latest news (on the home page) are the figures of their day, as
    # their sources reported them: checked with the articles (REPORTED).
    for news in node.css(".mc-news-list"):
        news.decompose()
    # The dossier's size and date: each language's own PDF, its size as the
    # build measured it (tests/site/test_dossier.py checks them).
    for details in node.css("[data-dossier-details]"):
        details.decompose()
    text = text_of(node)
    # Source ids name documents (rabat-conference-2022, article19-169507): not figures.
    for source_id in sorted(source_ids, key=len, reverse=True):
        text = text.replace(source_id, " ")
    return {int(n) for n in NUMBER.findall(text)}


def data_numbers(value) -> set[int]:
    """Every number the data holds: integers, the day, month and year of
    dates, digits written in its texts, and the length of its lists (a page
    may say "5 institutions")."""
    if isinstance(value, BaseModel):
        return data_numbers(value.model_dump())
    if isinstance(value, bool) or value is None:
        return set()
    if isinstance(value, int):
        return {value}
    if isinstance(value, dt.date):
        return {value.day, value.month, value.year}
    if isinstance(value, str):
        return {int(n) for n in NUMBER.findall(value)}
    if isinstance(value, dict):
        return set().union(*(data_numbers(v) for v in value.values()), set())
    if isinstance(value, list | tuple):
        return {len(value)}.union(*(data_numbers(v) for v in value))
    return set()


def test_the_page_list_is_read_from_docs():
    # Guards the parametrisation below: an empty list would test nothing.
    assert {"index", "news", "accessibility", "privacy", "sources"} <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_exists_in_the_three_languages(site, name):
    for lang in LANGS:
        source = DOCS / (f"{name}.md" if lang == languages.DEFAULT_LANGUAGE else f"{name}.{lang}.md")
        assert source.is_file(), f"{source.relative_to(ROOT)} is missing: translate docs/{name}.md"
        html = site.page(built(lang, name)).css_first("html")
        assert html.attributes.get("lang") == lang, built(lang, name)


def test_no_page_exists_in_one_language_only(site):
    for lang in LANGS:
        folder = site.directory if lang == languages.DEFAULT_LANGUAGE else site.directory / lang
        names = {p.stem for p in folder.glob("*.html") if p.name != "404.html"}
        assert names == set(PAGES), lang


@pytest.mark.parametrize("name", PAGES)
def test_numbers_are_the_same_in_the_three_languages_and_come_from_the_data(site, data, name):
    shown = {lang: numbers_shown(site, lang, name, data.source_ids) for lang in LANGS}
    for lang in ("fr", "en"):
        assert shown[lang] == shown["ar"], (
            f"{name}: numbers on the {lang} page only: {sorted(shown[lang] - shown['ar'])}; "
            f"on the Arabic page only: {sorted(shown['ar'] - shown[lang])}"
        )
    if name not in STATEMENTS | REPORTED:
        held = data_numbers([*data.files.values()])
        assert shown["ar"] <= held, f"{name}: numbers that docs/data/ does not hold: {sorted(shown['ar'] - held)}"


@pytest.mark.parametrize("lang, written", [("ar", "2\u00a0نونبر 2023"), ("fr", "2\u00a0novembre 2023"),
                                           ("en", "2\u00a0November 2023")])
def test_a_date_never_parts_its_day_from_its_month(site, lang, written):
    text = article(site, lang, "agreement").text(separator=" ")
    assert written in text
    assert not re.search(r"\b\d{1,2} (نونبر|novembre|November)", text)


def source_links(site, lang: str, name: str) -> list[tuple[str, str]]:
    """(target page, anchor) of every link from the page's text to a sources page."""
    here = built(lang, name)
    links = []
    for anchor in article(site, lang, name).css("a[href]"):
        address = urlsplit(anchor.attributes["href"])
        if address.scheme or address.netloc:
            continue
        target = normpath(join(dirname(here), address.path)) if address.path else here
        if target.rsplit("/", 1)[-1] == "sources.html":
            links.append((target, address.fragment))
    return links


@pytest.mark.parametrize("name", PAGES)
def test_factual_pages_cite_sources_that_exist_in_their_language(site, data, name):
    for lang in LANGS:
        links = source_links(site, lang, name)
        own_sources = built(lang, "sources")
        ids = {node.attributes["id"] for node in site.page(own_sources).css("[id]")}
        for target, fragment in links:
            assert target == own_sources, f"{built(lang, name)} links to {target}, not {own_sources}"
            assert not fragment or fragment in ids, f"{built(lang, name)}: {own_sources}#{fragment} does not exist"
        if name not in NOT_FACTUAL | LISTS:
            cited = {fragment for _, fragment in links if fragment in data.source_ids}
            assert cited, f"{built(lang, name)} cites no source (no link to sources.html#<source id>)"


@pytest.mark.parametrize("name", ["partners", "centre"])
def test_every_partner_institution_is_named(site, data, name):
    for lang in LANGS:
        text = text_of(article(site, lang, name))
        for institution in data.institutions:
            # The same apostrophe as text_of(): typography is not a difference of name.
            institution_name = getattr(institution.name, lang).replace("\u2019", "'")
            assert institution_name in text, f"{built(lang, name)} does not name «{institution_name}»"


def test_every_signatory_is_named_with_their_title(site, data):
    for lang in LANGS:
        text = text_of(article(site, lang, "agreement"))
        for person in data.agreement.signatories:
            for field in (person.name, person.title):
                # A title opens its table cell with a capital letter.
                expected = getattr(field, lang).replace("\u2019", "'")
                assert expected.casefold() in text.casefold(), f"{built(lang, 'agreement')} lacks «{expected}»"
