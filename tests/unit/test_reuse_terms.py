"""The reuse terms of the site's content and data: one setting
(docs/data/open_data.yml, `reuse:`), empty until the centre publishes them;
once an editor fills it in, the legal notice of each language shows it,
and the JSON carries it. Half-filled terms are refused."""

import shutil

import pytest

from moussalaha.content import render
from moussalaha.content.data import DataError, SiteData
from moussalaha.content.pages import read_page
from moussalaha.sharing import open_data
from tests.support import ROOT

pytestmark = pytest.mark.unit

TERMS = {"ar": "يمكن إعادة استعمال البيانات مع ذكر المصدر.", "fr": "Données réutilisables avec mention de la source.",
         "en": "The data may be reused with its source named."}


def project_with(tmp_path, reuse: str):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "data", docs / "data")
    path = docs / "data" / "open_data.yml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nreuse:"), text.index("\n# The columns")
    path.write_text(text[:start] + "\nreuse:\n" + reuse + "\n" + text[end:], encoding="utf-8")
    return docs


def legal_notice(docs, lang: str) -> str:
    suffix = "" if lang == "ar" else f".{lang}"
    source = ROOT / "docs" / f"legal{suffix}.md"
    page = read_page(source)
    return render.render_page(page.body, page.meta, lang, source, f"docs/legal{suffix}.md",
                              SiteData(docs / "data"), ROOT / "overrides" / "components", ROOT / "docs")


def test_filled_terms_show_in_every_legal_notice_and_the_json(tmp_path):
    filled = "  terms:\n" + "".join(f"    {lang}: {text}\n" for lang, text in TERMS.items()) + \
             "  url: https://licence.example/2.0/"
    docs = project_with(tmp_path, filled)
    for lang, text in TERMS.items():
        page = legal_notice(docs, lang)
        assert 'class="mc-reuse"' in page and text in page and 'href="https://licence.example/2.0/"' in page
    document = open_data.document(SiteData(docs / "data"), "https://centre.example/")
    assert document["license"] == {"terms": TERMS, "url": "https://licence.example/2.0/"}


def test_empty_terms_show_nothing(tmp_path):
    docs = project_with(tmp_path, "  terms:\n    ar:\n    fr:\n    en:\n  url: \"\"")
    assert all('mc-reuse' not in legal_notice(docs, lang) for lang in TERMS)


def test_terms_in_one_language_only_are_refused(tmp_path):
    docs = project_with(tmp_path, f"  terms:\n    fr: {TERMS['fr']}\n  url: \"\"")
    with pytest.raises(DataError, match="three languages"):
        SiteData(docs / "data")
