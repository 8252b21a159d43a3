"""What the built pages say when shared, found and followed: <title>, Open
Graph and Twitter tags, the preview images, the Atom feeds, JSON-LD and
robots.txt, in the three languages. (That two builds give the same images
and feeds: tests/serving/test_serving.py, test_same_commit_builds_the_same_bytes.)"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import urllib.robotparser

import feedparser
import pytest
from PIL import Image

from tests.support import ROOT
from moussalaha.content import news

pytestmark = pytest.mark.site

LANGS = {"": "ar", "fr/": "fr", "en/": "en"}
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}
LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "en": "en_GB"}


def lang_of(path: str) -> str:
    return path.split("/")[0] if path.split("/")[0] in ("fr", "en") else "ar"


def metas(tree) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in tree.css("meta[property], meta[name]"):
        key = tag.attributes.get("property") or tag.attributes.get("name")
        found.setdefault(key, []).append(tag.attributes.get("content"))
    return found


def test_every_page_has_its_sharing_metadata(site):
    for path in site.pages():
        lang, tree = lang_of(path), site.page(path)
        tags = metas(tree)
        title = tree.css_first("title").text()
        assert title.count(NAMES[lang]) == 1, f"{path}: <title>{title}</title>"
        for key in ("og:title", "og:description", "og:url", "og:image", "og:image:alt", "og:type"):
            assert tags.get(key) and tags[key][0].strip(), f"{path}: no {key}"
        assert tags["og:locale"] == [LOCALES[lang]], path
        assert sorted(tags["og:locale:alternate"]) == sorted(v for k, v in LOCALES.items() if k != lang), path
        assert tags["og:image:width"] == ["1200"] and tags["og:image:height"] == ["630"], path
        assert tags["twitter:card"] == ["summary_large_image"], path
        image = tags["og:image"][0]
        assert image.startswith(site.base_url), f"{path}: og:image {image} is not absolute"
        assert image == site.url("assets/social/" + path.removesuffix(".html") + ".png"), path
        data = (site.directory / image.removeprefix(site.base_url)).read_bytes()
        assert Image.open(io.BytesIO(data)).size == (1200, 630) and len(data) < 80_000, image


def test_no_preview_image_without_its_page(site):
    images = {p.relative_to(site.directory / "assets" / "social").as_posix()
              for p in (site.directory / "assets" / "social").rglob("*.png")}
    assert images == {path.removesuffix(".html") + ".png" for path in site.pages()}


def test_every_page_links_its_languages_feed(site):
    for path in site.pages():
        links = site.page(path).css('link[rel="alternate"][type="application/atom+xml"]')
        root = {"ar": "", "fr": "fr/", "en": "en/"}[lang_of(path)]
        assert [link.attributes["href"] for link in links] == [site.url(root + "feed.xml")], path


@pytest.mark.parametrize("root", LANGS)
def test_feed_has_the_news_of_its_language_newest_first(site, root):
    """Each article of docs/news/ written in the feed's language (an
    untranslated one is left out), newest first, linking to its own page."""
    lang = LANGS[root]
    parsed = feedparser.parse((site.directory / root / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.version == "atom10" and parsed.feed.language == lang
    expected = [a for a in news.collect(ROOT / "docs", lang) if a.lang == lang]
    assert expected, f"no article written in {lang}"
    assert [(e.title.lstrip("\u200f"), e.link, e.published[:10]) for e in parsed.entries] == [
        (a.title, site.url(root + a.url), a.date.isoformat()) for a in expected]
    # The centre's mark beside the feed in a reader: files the site serves.
    assert (parsed.feed.icon, parsed.feed.logo) == (site.url("favicon.ico"), site.url("apple-touch-icon.png"))
    assert (site.directory / "favicon.ico").exists() and (site.directory / "apple-touch-icon.png").exists()


def test_home_page_describes_the_centre(site):
    for root, lang in LANGS.items():
        tree = site.page(root + "index.html")
        (block,) = tree.css('script[type="application/ld+json"]')
        centre = json.loads(block.text())
        assert centre["@type"] == "GovernmentOrganization" and centre["name"] == NAMES[lang]
        assert {n["@value"] for n in centre["alternateName"]} == {v for k, v in NAMES.items() if k != lang}
        assert centre["foundingDate"] == "2023-11-02" and len(centre["founder"]) == 5


def test_json_ld_is_not_allowed_to_run(site):
    """JSON-LD is data: the Content-Security-Policy must not list its hash."""
    for path in site.pages():
        tree = site.page(path)
        policy = tree.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
        for block in tree.css('script[type="application/ld+json"]'):
            json.loads(block.text())
            digest = base64.b64encode(hashlib.sha256(block.text().encode()).digest()).decode()
            assert digest not in policy, path


def test_robots_names_the_sitemaps(site):
    parser = urllib.robotparser.RobotFileParser()
    parser.parse((site.directory / "robots.txt").read_text().splitlines())
    assert parser.site_maps() == [site.url(root + "sitemap.xml") for root in LANGS]
    for root in LANGS:
        assert (site.directory / root / "sitemap.xml").exists()
