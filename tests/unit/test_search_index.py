"""The copy of a page that the search indexer reads, and the bundle the site
publishes (moussalaha/output/search.py)."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha.output import search

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


def test_the_entry_file_lists_each_languages_index_chunks(tmp_path):
    """The search script asks for a language's index chunks as soon as it
    reads the entry file, beside Pagefind's engine; Pagefind's worker, which
    the script does not use, is not published."""
    entry = {"version": "1.5.2", "languages": {"fr": {"hash": "fr_1", "wasm": "fr", "page_count": 1},
                                               "ar": {"hash": "ar_1", "wasm": "ar", "page_count": 1}}}
    files = {"pagefind-entry.json": json.dumps(entry).encode(), "pagefind.js": b"", "pagefind-worker.js": b"",
             "index/ar_b.pf_index": b"", "index/ar_a.pf_index": b"", "index/fr_c.pf_index": b"",
             "fragment/ar_d.pf_fragment": b""}
    search.write_index(tmp_path, files)
    written = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert {lang: data["chunks"] for lang, data in written["languages"].items()} == {"ar": ["ar_a", "ar_b"],
                                                                                     "fr": ["fr_c"]}
    assert not (tmp_path / "pagefind" / "pagefind-worker.js").exists()


def copies() -> list[tuple[str, str]]:
    pages = [("fr", "fr/lexicon.html", PAGE), ("ar", "index.html", PAGE.replace('lang="fr"', 'lang="ar"')),
             ("fr", "fr/centre.html", PAGE.replace("Lexique", "Le centre"))]
    return [(path, search.indexed_copy(html, lang, path)) for lang, path, html in pages]


def read_bundle(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_index_filled_a_language_at_a_time_is_the_one_made_at_once(tmp_path):
    """The build gives Pagefind each language's pages once that language is
    built (search.Indexing), while the next one builds: the same files as
    all the pages given at the end, in the same order."""
    index = search.Index()
    index.add(copies())
    search.write_index(tmp_path / "at-once", index.files())
    indexing = search.Indexing()
    indexing.add(copies()[:1])
    indexing.add(copies()[1:])
    indexing.write(tmp_path / "by-language").result()
    indexing.stop()
    assert read_bundle(tmp_path / "at-once") == read_bundle(tmp_path / "by-language")
    assert any(name.startswith("pagefind/index/ar_") for name in read_bundle(tmp_path / "at-once"))


def test_an_indexer_that_stops_fails_the_build_at_the_end(tmp_path):
    indexing = search.Indexing()
    indexing.add(copies()[:1])
    indexing.batches[0].result()
    indexing.index.indexer.process.kill()  # Pagefind's process, ended under the build
    indexing.index.indexer.process.wait()
    indexing.add(copies()[1:])
    with pytest.raises(search.SiteError, match="Pagefind's indexer stopped"):
        indexing.write(tmp_path).result()
    indexing.stop()
    assert not (tmp_path / "pagefind").exists()
