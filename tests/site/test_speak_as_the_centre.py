"""What a visitor reads, checked on the built HTML (issue 13):

- no page shows working material: a source id (founding-agreement), an archived
  file name (….txt) or a hash (16 hexadecimal digits);
- Arabic dates use the Moroccan month names (CLDR ar_MA), never the
  Mashriq ones;
- every secondary reference on the sources pages gives the article's own
  address (a path after the domain), never a site's home page, or, where
  no address is confirmed, its publisher and date and no link at all;
- the lexicon sets out the terms of docs/data/, in the three languages.

Run: .venv/bin/pytest -q tests/site/test_speak_as_the_centre.py
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from moussalaha.languages import LANGUAGES, folder

pytestmark = pytest.mark.site

LANGS = LANGUAGES
MOROCCAN_MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
                   "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر")
# The Mashriq names Babel's plain «ar» writes; «يوليو» is not the start of «يوليوز».
MASHRIQ_MONTHS = re.compile(r"نوفمبر|سبتمبر|أغسطس|يوليو(?!ز)|مايو|ديسمبر")
INTERNAL = re.compile(r"\bseed-\d|\b[\w-]+\.txt\b|\b[0-9a-f]{16}\b")


def built(lang: str, name: str) -> str:
    return f"{folder(lang)}{name}.html"


def visible_text(tree) -> str:
    body = tree.css_first("body")
    for node in body.css("script, style, template"):
        node.decompose()
    return body.text(separator=" ")


def test_no_page_shows_an_internal_id_a_file_name_or_a_hash(site):
    pages = site.pages()
    assert pages, "no pages were built"
    for path in pages:
        found = INTERNAL.findall(visible_text(site.page(path)))
        assert not found, f"{path} shows working material: {sorted(set(found))}"


def test_arabic_dates_use_the_moroccan_month_names(site):
    arabic = [p for p in site.pages() if not p.startswith(("fr/", "en/"))]
    dates = 0
    for path in arabic:
        text = visible_text(site.page(path)).replace("\u00a0", " ")
        assert not MASHRIQ_MONTHS.search(text), f"{path}: {MASHRIQ_MONTHS.search(text).group()} instead of the Moroccan name"
        for day, month in re.findall(r"\b(\d{1,2}) (\S+) \d{4}\b", text):
            if re.search(r"[\u0600-\u06FF]", month):
                assert month in MOROCCAN_MONTHS, f"{path}: «{day} {month}» is not a Moroccan month name"
                dates += 1
    assert dates, "no Arabic date found: the test would prove nothing"


@pytest.mark.parametrize("lang", LANGS)
def test_every_secondary_reference_gives_the_article_address(site, data, lang):
    tree = site.page(built(lang, "sources"))
    listed = {li.attributes["id"]: li for li in tree.css("ol.mc-source-list > li")}
    secondary = [s for s in data.sources if s.replaced_by is None and s.secondary]
    assert secondary
    for source in secondary:
        entry = listed.get(source.id)
        assert entry is not None, f"{built(lang, 'sources')} does not list {source.id}"
        links = [a.attributes["href"] for a in entry.css("a[href^='http']")]
        if source.url is None:
            # No address the fact sheet confirms: no guessed one either.
            assert links == [] and source.publisher and source.date, source.id
            continue
        assert links == [source.url], f"{source.id}: {links}"
        address = urlsplit(source.url)
        assert address.path.strip("/") or address.query, f"{source.id}: {source.url} is a site's home page"
    # Old ids stand for their replacement: listed once, under its own id.
    for source in data.sources:
        if source.replaced_by is not None:
            assert source.id not in listed


@pytest.mark.parametrize("lang", LANGS)
def test_the_lexicon_sets_out_the_terms_of_the_data(site, data, lang):
    tree = site.page(built(lang, "lexicon"))

    def cells(term: str) -> dict[str, str]:
        row = tree.css_first(f'tr[data-term="{term}"]')
        assert row is not None, f"{built(lang, 'lexicon')} has no row for {term}"
        return {td.attributes["lang"]: td.text(strip=True).replace("\u00a0", " ") for td in row.css("td")}

    def holds(term: str, texts, extra=None):
        found = cells(term)
        for code in LANGS:
            expected = getattr(texts, code).replace("\u00a0", " ")
            # Latin terms open with a capital in a table cell.
            assert found[code].casefold().startswith(expected.casefold()), (term, code, found[code], expected)
            if extra and code != "ar":
                assert f"({extra})" in found[code], (term, code, found[code])

    holds("centre", data.centre.name)
    for institution in data.institutions:
        holds(institution.id, institution.name, institution.abbreviation)
    holds("programme", data.programme.name)
    for axis in data.programme.axes:
        holds(f"axis-{axis.id}", axis.name)
    for level in data.levels:
        holds(f"level-{level.id}", level.name)
    for person in data.agreement.signatories:
        holds(f"title-{person.institution}", person.title)
