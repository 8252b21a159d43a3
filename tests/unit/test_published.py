"""What a page publishes, checked as published (moussalaha/gate/published.py):
the article after Jinja, Markdown and the site's rewrites, and the whole
page the theme wrote. The site's own markup passes; what only a path the
gate did not foresee could write is refused on the page's source line."""

from __future__ import annotations

import pytest

from moussalaha.gate import published

pytestmark = pytest.mark.unit
SOURCE = "---\ntitle: x\n---\n\n# Titre { #titre }\n\n{{ something }}\n\nLe Centre a &#x202E;412 détenus.\n"


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_the_site_s_own_markup_passes():
    chart = ('<figure class="mc-chart"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 240" role="img">'
             '<title id="t">Résultats</title><g class="a"><line x1="1" x2="2" y1="3" y2="4" data-value="5"/>'
             '<circle cx="1" cy="2" r="4" data-date="2024-01-01"/><text x="1" y="2" text-anchor="middle">12</text>'
             '</g></svg></figure><section aria-labelledby="y"><table><tr data-term="x"><td data-field="a">b</td></tr>'
             '</table></section><p><a href="https://www.cndh.ma/" data-print="https://www.cndh.ma/">CNDH</a></p>')
    assert published.check_article(chart, "docs/programme.md", SOURCE) == []


@pytest.mark.parametrize("article, wanted", [
    ('<p><meta http-equiv="refresh" content="0; url=https://evil.example/"></p>', "<meta>"),
    ('<p><iframe src="https://evil.example/"></iframe></p>', "<iframe>"),
    ('<p><img src="https://evil.example/x.png" alt="x"></p>', "from another host"),
    ('<p><a href="javascript:alert(1)">x</a></p>', "javascript: address"),
    ('<p><em onmouseover="alert(1)">x</em></p>', "onmouseover="),
    ('<p><svg><a href="#x"><text>x</text></a></svg></p>', "<a>"),
    ('<p><title>x</title></p>', "<title>"),
])
def test_what_no_page_publishes_is_refused(article, wanted):
    found = messages(published.check_article(article, "docs/centre.fr.md", SOURCE))
    assert found and all(m.startswith("docs/centre.fr.md:") for m in found)
    assert any(wanted in m for m in found), found


def test_a_disguise_written_as_a_reference_is_placed_on_its_line():
    found = messages(published.check_article("<p>Le Centre a \u202e412 détenus.</p>", "docs/centre.fr.md", SOURCE))
    assert found and found[0].startswith("docs/centre.fr.md:9: an invisible right-to-left override"), found


def test_the_whole_page_carries_nothing_that_loads_elsewhere():
    page = ('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="x">'
            '<link rel="canonical" href="https://centremoussalaha.gov.ma/centre.html">'
            '<link rel="stylesheet" href="assets/site.css"></head><body><form><input></form></body></html>')
    assert published.check_page(page, "docs/centre.md") == []
    for bad, wanted in [('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh"),
                        ('<base href="https://evil.example/">', "<base>"),
                        ('<link rel="stylesheet" href="https://cdn.example/x.css">', "cdn.example"),
                        ('<script src="//cdn.example/x.js"></script>', "cdn.example")]:
        found = messages(published.check_page(page.replace("</head>", bad + "</head>"), "docs/centre.md"))
        assert any(wanted in m for m in found), (bad, found)
