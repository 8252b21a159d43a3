"""moussalaha/sharing/__init__.py without a build: what a page's head says (the
centre on the home page, a NewsArticle on a news article, a breadcrumb
elsewhere; text escaped), that each distinct preview image is rendered once
per process (a `mkdocs serve` rebuild renders only changed titles) and kept
for the next builds, and the
feed's items from the news articles (docs/news/)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from selectolax.lexbor import LexborHTMLParser

from moussalaha import sharing, stored
from moussalaha.content import news
from moussalaha.languages import folder
from moussalaha.sharing import ImageRequest, social_image

pytestmark = pytest.mark.unit

SITE = "https://centre.example/sub/"
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}


def head(page_url: str, lang: str = "fr", title: str = "Le centre", **extra) -> dict:
    return sharing.head(lang=lang, title=title, description="Une description.", page_url=page_url, site_url=SITE,
                        site_names=NAMES, alternates={"ar": SITE + "x.html", "fr": SITE + "fr/x.html"},
                        founding_date=dt.date(2023, 11, 2), founders=["A", "B"], **extra)


def parsed(shared: dict) -> tuple[dict, dict]:
    tree = LexborHTMLParser(f"<head>{shared['meta']}{shared['jsonld']}</head>")
    tags = {t.attributes.get("property") or t.attributes.get("name"): t.attributes["content"] for t in tree.css("meta")}
    return tags, json.loads(tree.css_first('script[type="application/ld+json"]').text())


def test_a_page_below_the_home_page_has_its_breadcrumb_and_image():
    shared = head("fr/centre.html")
    tags, block = parsed(shared)
    assert shared["title"] == "Le centre - Centre Moussalaha"
    assert shared["feed"] == SITE + "fr/feed.xml"
    assert tags["og:type"] == "website" and tags["og:url"] == SITE + "fr/centre.html"
    assert tags["og:image"] == SITE + "assets/social/fr/centre.png"
    assert block["@type"] == "BreadcrumbList"
    assert [i["item"] for i in block["itemListElement"]] == [SITE + "fr/", SITE + "fr/centre.html"]


def test_the_home_page_describes_the_centre_and_its_title_is_the_name_alone():
    shared = head("index.html", lang="ar", title=NAMES["ar"])
    tags, block = parsed(shared)
    assert shared["title"] == NAMES["ar"] and tags["og:image:alt"] == NAMES["ar"]
    assert block["@type"] == "GovernmentOrganization" and block["url"] == SITE
    assert block["@id"] == SITE.rstrip("/") + "/#organization"


def test_a_news_article_is_an_article():
    shared = head("fr/news/2025-09-19-opening.html", title="Ouverture",
                  article=sharing.Article(dt.date(2025, 9, 19)))
    tags, block = parsed(shared)
    assert tags["og:type"] == "article" and tags["article:published_time"] == "2025-09-19"
    assert block["@type"] == "NewsArticle" and block["datePublished"] == "2025-09-19"
    assert block["image"]["url"] == SITE + "assets/social/fr/news/2025-09-19-opening.png"


def test_markup_in_a_title_stays_text():
    shared = head("fr/centre.html", title='Le « centre » </script><b x="1">&')
    tags, block = parsed(shared)
    assert tags["og:title"] == 'Le « centre » </script><b x="1">&'
    assert block["itemListElement"][1]["name"] == tags["og:title"]
    assert "</script><b" not in str(shared["meta"]) + str(shared["jsonld"]).removesuffix("</script>")


def test_a_title_too_long_for_its_image_is_refused_while_the_page_is_built():
    with pytest.raises(social_image.TitleTooLong, match="shorten it"):
        sharing.check_title(ImageRequest("mot " * 80, "Centre", "fr"), {}, None)


def test_a_title_whose_image_was_drawn_before_is_not_laid_out_again(tmp_path, monkeypatch):
    kept = stored.Store(tmp_path, sharing.STORE_LIMIT)
    request = ImageRequest("Le centre", "Centre", "fr")
    sharing.write_images(tmp_path / "site", {"assets/social/fr/centre.png": request}, {}, kept)
    monkeypatch.setattr(social_image, "layout_title", lambda *a: pytest.fail("laid out again"))
    sharing.check_title(request, {}, kept)  # drawn by an earlier build
    sharing.check_title(request, {request: b"png"}, None)  # by this process


def test_an_image_drawn_by_an_earlier_build_is_taken_as_it_was_drawn(tmp_path, monkeypatch):
    kept = stored.Store(tmp_path / "kept", sharing.STORE_LIMIT)
    requests = {"assets/social/fr/centre.png": ImageRequest("Le centre", "Centre", "fr"),
                "assets/social/centre.png": ImageRequest("المركز", "مركز مصالحة", "ar")}
    assert sharing.write_images(tmp_path / "first", requests, {}, kept) == 2
    # Another process (a new build): nothing drawn, the same bytes.
    monkeypatch.setattr(social_image, "render", lambda *request: pytest.fail(f"drawn again: {request}"))
    assert sharing.write_images(tmp_path / "second", requests, {}, kept) == 0
    for path in requests:
        assert (tmp_path / "second" / path).read_bytes() == (tmp_path / "first" / path).read_bytes()
    # What draws them changed (its code, fonts or libraries): drawn again.
    monkeypatch.setattr(social_image, "renderer", lambda: "another renderer")
    monkeypatch.setattr(social_image, "render", lambda *request: repr(request).encode())
    assert sharing.write_images(tmp_path / "third", requests, {}, kept) == 2


def test_each_image_is_rendered_once_and_only_changed_titles_again(tmp_path, monkeypatch):
    rendered = []
    monkeypatch.setattr(social_image, "render", lambda *request: rendered.append(request) or repr(request).encode())
    rendered_images = {}  # the build's (moussalaha/build.py)
    first = {"assets/social/a.png": ImageRequest("A", "Centre", "fr"),
             "assets/social/fr/b.png": ImageRequest("B", "Centre", "fr"),
             # A fallback page: the same title and name as another, one image rendered.
             "assets/social/en/b.png": ImageRequest("B", "Centre", "fr")}
    assert sharing.write_images(tmp_path, first, rendered_images) == 2
    second = dict(first, **{"assets/social/fr/b.png": ImageRequest("B2", "Centre", "fr")})
    assert sharing.write_images(tmp_path, second, rendered_images) == 1
    assert rendered == [("A", "Centre", "fr"), ("B", "Centre", "fr"), ("B2", "Centre", "fr")]
    assert (tmp_path / "assets/social/fr/b.png").read_bytes() == repr(("B2", "Centre", "fr")).encode()
    assert (tmp_path / "assets/social/en/b.png").read_bytes() == repr(("B", "Centre", "fr")).encode()


def test_feed_items_from_news_articles(tmp_path):
    """The news as articles (docs/news/): each item its own page, an
    untranslated article left out of that language's feed."""
    def write(name, **meta):
        path = tmp_path / "news" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n# T { #article }\n",
                        encoding="utf-8")

    write("2024-02-19-ceremony.md", title="حفل", description="مقدمة", date=dt.date(2024, 2, 19), sources=["a"])
    write("2024-02-19-ceremony.fr.md", title="Cérémonie", description="Le chapeau")
    write("2025-09-19-opening.md", title="افتتاح", description="مقدمة", date=dt.date(2025, 9, 19), sources=["b"])
    french = sharing.news_items("fr", tmp_path, SITE)
    assert [(i.title, i.lead, i.date, i.url, i.lang) for i in french] == [
        ("Cérémonie", "Le chapeau", dt.date(2024, 2, 19), SITE + "fr/news/2024-02-19-ceremony.html", "fr")]
    arabic = sharing.news_items("ar", tmp_path, SITE)
    assert [i.url for i in arabic] == [SITE + "news/2025-09-19-opening.html", SITE + "news/2024-02-19-ceremony.html"]
    assert sharing.news_items("en", tmp_path, SITE) == []


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_feed_items_are_the_site_s_articles_written_in_the_language(lang):
    from tests.support import ROOT

    docs = ROOT / "docs"
    written = [a for a in news.collect(docs, lang) if a.lang == lang]
    assert written, f"no article written in {lang} under docs/news/"
    assert [(i.title, i.lead, i.date, i.url, i.lang) for i in sharing.news_items(lang, docs, SITE)] == [
        (a.title, a.lead, a.date, SITE + folder(lang) + a.url, lang) for a in written]


def test_robots_txt_names_each_language_s_sitemap(tmp_path):
    sharing.write_robots(tmp_path, SITE)
    assert (tmp_path / "robots.txt").read_text().splitlines()[-3:] == [
        f"Sitemap: {SITE}sitemap.xml", f"Sitemap: {SITE}fr/sitemap.xml", f"Sitemap: {SITE}en/sitemap.xml"]
