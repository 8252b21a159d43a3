"""The copy of a page that the search indexer reads (moussalaha/search.py)."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha import search

pytestmark = pytest.mark.unit

PAGE = ('<!doctype html><html lang="fr"><head><title>Lexique</title></head><body>'
        '<article class="md-content__inner"><h1>Lexique</h1><table><thead><tr>'
        '<th lang="ar">العربية</th><th lang="fr"><bdi>Français</bdi></th><th lang="en"><bdi>English</bdi></th>'
        '</tr></thead><tbody><tr><td>مركز مصالحة</td><td>Centre Moussalaha</td></tr></tbody></table>'
        '</article></body></html>')


def test_table_cells_reach_the_indexer_as_separate_words():
    text = " ".join(LexborHTMLParser(search.indexed_copy(PAGE, "fr", "docs/lexicon.fr.md")).body.text().split())
    assert "العربية Français English" in text
    assert "مركز مصالحة Centre Moussalaha" in text
