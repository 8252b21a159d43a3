"""The <title> and the Open Graph / Twitter tags of a page in each language."""

import datetime as dt

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from moussalaha.sharing.opengraph import Image, document_title, html, tags

pytestmark = pytest.mark.unit

SITE = "https://centre.example/"
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}
ROOTS = {"ar": SITE, "fr": SITE + "fr/", "en": SITE + "en/"}
ALT = {"ar": "صورة المشاركة: الأخبار", "fr": "Image de partage : Actualités", "en": "Sharing image: News"}


def page_tags(lang, **extra):
    options = dict(title={"ar": "الأخبار", "fr": "Actualités", "en": "News"}[lang], description="…", lang=lang,
                   url=ROOTS[lang] + "news.html", site_name=NAMES[lang],
                   image=Image(ROOTS[lang] + "assets/social/news.png", 1200, 630, ALT[lang]),
                   alternates={k: v + "news.html" for k, v in ROOTS.items()})
    options.update(extra)
    return {(name): content for _, name, content in tags(**options)}, tags(**options)


@pytest.mark.parametrize("lang", NAMES)
def test_home_title_is_the_site_name_once(lang):
    assert document_title(NAMES[lang], NAMES[lang]) == NAMES[lang]


def test_page_title_names_the_site_once():
    assert document_title("Actualités", "Centre Moussalaha") == "Actualités - Centre Moussalaha"
    title = "A European judicial delegation visits the Moussalaha Centre"
    assert document_title(title, "Moussalaha Centre") == title


@pytest.mark.parametrize("lang", NAMES)
def test_open_graph_tags_of_a_page(lang):
    found, triples = page_tags(lang)
    locales = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}
    assert found["og:type"] == "website" and found["og:site_name"] == NAMES[lang]
    assert NAMES[lang] not in found["og:title"]
    assert found["og:locale"] == locales[lang]
    alternates = [c for _, n, c in triples if n == "og:locale:alternate"]
    assert sorted(alternates) == sorted(v for k, v in locales.items() if k != lang)
    assert found["og:image"].startswith("https://") and found["og:image:width"] == "1200"
    assert found["og:image:height"] == "630" and found["og:image:alt"] == ALT[lang]
    assert found["twitter:card"] == "summary_large_image"
    assert "article:published_time" not in found


def test_news_item_is_an_article_with_its_date():
    found, _ = page_tags("fr", published=dt.date(2025, 12, 10))
    assert found["og:type"] == "article" and found["article:published_time"] == "2025-12-10"


def test_html_escapes_values():
    _, triples = page_tags("en", description='He said "no" <b>')
    tree = HTMLParser(html(triples))
    description = tree.css_first('meta[property="og:description"]').attributes["content"]
    assert description == 'He said "no" <b>' and not tree.css("b")


def test_relative_image_address_is_refused():
    with pytest.raises(ValueError, match="full address"):
        page_tags("en", image=Image("assets/x.png", 1200, 630, "x"))
