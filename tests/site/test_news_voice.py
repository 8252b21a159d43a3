"""The news read as the centre writes it (issue 23, point 4), on the built
article pages of the three languages:

- the article goes on from its lead: its first paragraph does not say the
  lead again (most of the lead's word pairs back in the first paragraph is a
  repetition, however the words are shuffled);
- the centre does not hedge its own news: no "according to a press report",
  «selon la presse», «بحسب تقرير صحفي» and their kin in the article's text
  (the references stay, in the Sources block at the end, not checked here).

Run: .venv/bin/pytest -p no:randomly -n 0 tests/site/test_news_voice.py
"""

from __future__ import annotations

import re

import pytest

from tests.support import ROOT
from moussalaha.content import news
from moussalaha.languages import LANGUAGES

pytestmark = pytest.mark.site

DOCS = ROOT / "docs"
PREFIX = {"ar": "", "fr": "fr/", "en": "en/"}
SLUGS = news.slugs(DOCS)
# Share of the lead's word pairs found again in the first paragraph above
# which the paragraph repeats the lead. The old pages, which restated it with
# the date added, share 0.7 to 1; an article that goes on shares under 0.3.
REPEATED = 0.5
HEDGES = {
    "ar": re.compile(r"تقارير صحفية|تقرير صحفي|مقال صحفي|بحسب تقارير|بحسب التقارير?|المصدر نفسه|التقرير نفسه"
                     r"|(?:أورد|أفاد|ذكر)ت? (?:هذه )?التقارير?|كما نقله"),
    "fr": re.compile(r"selon (?:la|une) presse|(?:compte|comptes) rendus? de presse|article de presse"
                     r"|selon (?:ce|le|un|ces|les|d’autres) comptes? rendus?|selon la même source", re.I),
    "en": re.compile(r"press reports?|press article|according to (?:a |the |these |the same )?(?:report|reports|source)\b"
                     r"|the reports? (?:names?|says?|gives?)\b|as reported in", re.I),
}
WORD = re.compile(r"\w+", re.UNICODE)


def pairs(text: str) -> set[tuple[str, str]]:
    words = [w.casefold() for w in WORD.findall(text)]
    return set(zip(words, words[1:]))


def article_text(page) -> tuple[str, list[str]]:
    """The lead and the paragraphs after it, up to the Sources heading."""
    content = page.css_first("article.md-content__inner")
    lead = content.css_first(".mc-lead")
    paragraphs, node = [], lead.next
    while node is not None and not (node.tag == "h2" and node.attributes.get("id") == "sources"):
        if node.tag in ("p", "ul", "ol", "blockquote", "table"):
            paragraphs.append(node.text(separator=" "))
        node = node.next
    return lead.text(), paragraphs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_news_go_on_from_their_lead_and_do_not_hedge(site, lang):
    assert len(SLUGS) >= 12
    for slug in SLUGS:
        path = f"{PREFIX[lang]}news/{slug}.html"
        lead, paragraphs = article_text(site.page(path))
        assert lead.strip() and paragraphs, f"{path}: no lead or no paragraph after it"
        said = pairs(lead)
        share = len(said & pairs(paragraphs[0])) / len(said)
        assert share < REPEATED, (f"{path}: the first paragraph says the lead again "
                                  f"({share:.0%} of its word pairs): start it with what the lead does not say")
        for text in (lead, *paragraphs):
            found = HEDGES[lang].search(text.replace("\u00a0", " "))
            assert not found, f"{path}: «{found.group()}» — the centre states its own news; name who announced a figure"
