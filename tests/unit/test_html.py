"""The site's HTML rewriting (moussalaha/output/html.py): the article, then the whole page."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha.output import html
from moussalaha.problems import SiteError

pytestmark = pytest.mark.unit

ARABIC_PAGE = "https://centremoussalaha.gov.ma/agreement.html"
FRENCH_PAGE = "https://centremoussalaha.gov.ma/fr/centre.html"


def fragment(markup: str) -> LexborHTMLParser:
    return LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{markup}")


def test_latin_names_in_an_arabic_page_are_isolated_and_read_in_french():
    tree = fragment(html.rewrite("<p>أعلنت المندوبية (DGAPR) ذلك.</p>", "ar", ARABIC_PAGE))
    assert [(bdi.attributes, bdi.text()) for bdi in tree.css("bdi")] == [({"lang": "fr"}, "DGAPR")]


def test_arabic_in_a_french_page_is_isolated_and_read_in_arabic():
    tree = fragment(html.rewrite("<p>Le Centre Moussalaha (مركز مصالحة) a été créé.</p>", "fr", FRENCH_PAGE))
    assert [(bdi.attributes, bdi.text()) for bdi in tree.css("bdi")] == [({"lang": "ar"}, "مركز مصالحة")]


def test_text_already_in_another_language_is_only_isolated():
    tree = fragment(html.rewrite('<p>«<span lang="fr">Libération</span>» و<bdi lang="fr">lnt.ma</bdi></p>', "ar",
                                 ARABIC_PAGE))
    assert tree.css_first("span bdi").attributes == {}
    assert len(tree.css("bdi")) == 2  # the editor's <bdi> is not wrapped again


def test_a_number_range_between_arabic_words_keeps_its_order():
    tree = fragment(html.rewrite("<p>بين 2017–2023 و2024</p>", "ar", ARABIC_PAGE))
    assert [(bdi.attributes, bdi.text()) for bdi in tree.css("bdi")] == [({"dir": "ltr"}, "2017–2023")]


def test_code_is_read_as_english_in_an_arabic_page_and_left_as_it_is():
    tree = fragment(html.rewrite("<p>الملف <code>docs/data/projects.yml</code></p>", "ar", ARABIC_PAGE))
    code = tree.css_first("code")
    assert code.attributes == {"lang": "en"} and code.css("bdi") == []


@pytest.mark.parametrize("element", ["pre", "script", "kbd", "samp"])
def test_what_is_not_prose_is_left_exactly_as_it_is(element):
    markup = f"<{element}>Moussalaha 2017–2023 &lt;b&gt; &amp; مركز</{element}>"
    assert html.rewrite(markup, "ar", ARABIC_PAGE) == markup


def test_links_carry_their_absolute_address_for_print():
    tree = fragment(html.rewrite(
        '<p><a href="sources.html#lnt">المصادر</a> <a href="#top">أعلى</a> '
        '<a href="https://lnt.ma/">https://lnt.ma/</a></p>', "ar", ARABIC_PAGE))
    assert [link.attributes.get("data-print") for link in tree.css("a")] == [
        "https://centremoussalaha.gov.ma/sources.html#lnt", None, None]


def test_text_keeps_its_characters_through_the_rewrite():
    rewritten = html.rewrite("<p>R&amp;D &lt;script&gt; «أ» 1\u00a0000</p>", "fr", FRENCH_PAGE)
    assert fragment(rewritten).body.text() == "R&D <script> «أ» 1\u00a0000"
    assert "<script>" not in rewritten


def test_a_fragment_is_read_as_a_body_whatever_it_starts_with():
    rewritten = html.rewrite('<style>p{}</style><p>Centre</p>', "fr", FRENCH_PAGE)
    assert rewritten == '<style>p{}</style><p>Centre</p>'


def page(lang: str, body: str) -> str:
    return f'<!doctype html><html lang="{lang}" class="no-js"><head><title>T</title></head><body>{body}</body></html>'


@pytest.mark.parametrize("lang, direction", [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_the_html_element_gets_the_direction_of_its_language(lang, direction):
    root = LexborHTMLParser(html.finish_page(page(lang, "<p>x</p>"), "docs/x.md")).css_first("html")
    assert root.attributes == {"lang": lang, "class": "no-js", "dir": direction}


def test_a_page_without_a_language_is_refused_with_its_file():
    with pytest.raises(SiteError, match=r"docs/x\.md: the theme no longer writes <html lang=…>"):
        html.finish_page("<!doctype html><html><body></body></html>", "docs/x.md")


def test_french_spaces_hold_marks_to_their_word_but_not_in_code():
    finished = LexborHTMLParser(html.finish_page(page("fr", '<p>Le programme « Moussalaha » : oui ?</p>'
                                                         '<code>a ? b : c</code><script>x ? 1 : 2</script>'), "d"))
    assert finished.css_first("p").text() == "Le programme «\u00a0Moussalaha\u00a0»\u00a0: oui\u00a0?"
    assert finished.css_first("code").text() == "a ? b : c"
    assert finished.css_first("script").text() == "x ? 1 : 2"


def test_french_spaces_only_in_text_that_is_french():
    finished = LexborHTMLParser(html.finish_page(page("fr", '<p>Titre : <span lang="en">What works ?</span></p>'
                                                         '<div lang="ar"><p>« نص » :</p></div>'), "d"))
    assert finished.css_first("p").text() == "Titre\u00a0: What works ?"
    assert finished.css_first("div p").text() == "« نص » :"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_only_french_pages_get_french_spaces(lang):
    finished = LexborHTMLParser(html.finish_page(page(lang, "<p>« Moussalaha » : oui</p>"), "d"))
    assert "\u00a0" not in finished.css_first("p").text()


def test_an_arabic_number_closing_a_bracket_stays_with_its_word():
    finished = LexborHTMLParser(html.finish_page(page("ar", "<p>(افتتاح الدورة 18) و2017–2023 (2017)</p>"), "d"))
    assert finished.css_first("p").text() == "(افتتاح الدورة\u00a018) و2017–2023 (2017)"


def test_arabic_menu_labels_are_marked_in_french_and_english_pages_only():
    labels = '<span class="md-ellipsis">الاتفاقية</span><span class="md-ellipsis">Accord</span>'
    french = LexborHTMLParser(html.finish_page(page("en", labels), "d")).css("span")
    assert [label.attributes for label in french] == [
        {"class": "md-ellipsis", "lang": "ar", "dir": "rtl"}, {"class": "md-ellipsis"}]
    arabic = LexborHTMLParser(html.finish_page(page("ar", labels), "d")).css("span")
    assert [label.attributes for label in arabic] == [{"class": "md-ellipsis"}] * 2


def test_the_404_page_gets_its_direction_and_keeps_its_text():
    """The root 404 page is Arabic and holds the three languages' texts,
    the French one with French typography."""
    finished = LexborHTMLParser(html.finish_page(page("ar", '<section lang="fr"><p>« Page » : introuvable</p></section>'
                                                            '<span class="md-ellipsis">المركز</span>'),
                                                 "overrides/404.html"))
    assert finished.css_first("html").attributes["dir"] == "rtl"
    assert finished.css_first("p").text() == "«\u00a0Page\u00a0»\u00a0: introuvable"
    assert finished.css_first("span").attributes == {"class": "md-ellipsis"}
