"""The notices the build adds for the editors' translations, on a small
copy of the project (tests/support/editor.py) built and opened in Chromium:
a page not yet translated shows the Arabic text with a notice, an outdated
translation says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from tests.support import build_site
from tests.support.browser import screenshot
from tests.support.editor import edit, make_project
from tests.support.static_server import serve


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)


def test_notices_on_an_outdated_and_an_untranslated_page(project, tmp_path, desktop):
    (project / "docs/about.fr.md").unlink()
    edit(project / "docs/index.md", "يتدخل المركز", "يعمل المركز")
    site = tmp_path / "site"
    result = build_site(site, "https://example.org/", project)
    assert result.returncode == 0, result.stderr

    def page(path):
        return LexborHTMLParser((site / path).read_text(encoding="utf-8"))

    fallback = page("fr/about.html")
    notice = fallback.css_first(".mc-translation-notice")
    assert notice.attributes["lang"] == "fr"
    # French typography in the French notice (a no-break space before the colon), not in the Arabic text.
    assert notice.text() == "Cette page n’est pas encore traduite en français\u00a0: en voici la version arabe."
    arabic = fallback.css_first(".mc-untranslated")
    assert (arabic.attributes["lang"], arabic.attributes["dir"]) == ("ar", "rtl")
    assert arabic.css_first("h1").text(strip=True) == "نبذة"

    outdated = page("en/index.html").css_first(".mc-translation-notice")
    assert outdated.text(deep=False).strip() == "This translation may be out of date: the Arabic page has changed since."
    assert outdated.css_first("a").attributes["href"] == "../index.html"

    for fresh in ("index.html", "about.html", "en/about.html"):
        assert page(fresh).css_first(".mc-translation-notice") is None, fresh

    # Its Arabic title in the menu of every French page is marked as Arabic too.
    labels = {n.text(strip=True): n.attributes.get("lang") for n in page("fr/index.html").css(".md-nav .md-ellipsis")}
    assert labels["نبذة تجريبية عن المركز"] == "ar"
    assert labels["Accueil"] is None  # the home page's entry (partials/nav.html)

    # In Chromium, the French page reads its Arabic text right to left, in the Arabic face.
    server, base_url = serve(site, "/")
    try:
        desktop.goto(base_url + "fr/about.html")
        arabic = desktop.locator(".mc-untranslated")
        assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert "Noto Naskh Arabic" in arabic.evaluate("e => getComputedStyle(e).fontFamily")
        assert desktop.locator(".mc-translation-notice").evaluate("e => getComputedStyle(e).direction") == "ltr"
        screenshot(desktop, "untranslated-page-fr")
    finally:
        server.shutdown()
