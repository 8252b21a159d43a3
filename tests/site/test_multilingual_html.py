"""The built HTML is right for a trilingual, Arabic-first site: language and
direction, hreflang and sitemaps, readable heading ids, no third-party
resources, a clean strict build."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from moussalaha import languages

LANGS = languages.LANGUAGES


def language_of(path: str) -> str:
    first = path.split("/", 1)[0]
    return first if first in LANGS and "/" in path else "ar"


def test_strict_build_has_no_warning(site):
    assert "WARNING" not in site.build_log, site.build_log


def test_every_page_exists_in_the_three_languages(site):
    pages = site.pages()
    arabic = {p for p in pages if language_of(p) == "ar"}
    assert len(arabic) >= 10
    for lang in ("fr", "en"):
        assert {p.removeprefix(f"{lang}/") for p in pages if language_of(p) == lang} == arabic


def test_html_element_carries_lang_and_dir(site):
    for path in site.pages():
        html = site.page(path).css_first("html")
        lang = language_of(path)
        assert html.attributes.get("lang") == lang, path
        assert html.attributes.get("dir") == languages.DIRECTIONS[lang], path


@pytest.mark.parametrize("path, lang, direction", [
    ("404.html", "ar", "rtl"), ("fr/404.html", "fr", "ltr"), ("en/404.html", "en", "ltr")])
def test_404_pages_carry_lang_and_dir(site, path, lang, direction):
    tree = site.page(path)
    html = tree.css_first("html")
    assert (html.attributes["lang"], html.attributes["dir"]) == (lang, direction)
    blocks = tree.css("[data-not-found]")
    if path == "404.html":
        # The root page holds every language: it is the only one GitHub Pages serves.
        assert [b.attributes["lang"] for b in blocks] == list(LANGS)
        for block in blocks:
            assert block.attributes["dir"] == languages.DIRECTIONS[block.attributes["lang"]]
    else:
        assert [b.attributes["lang"] for b in blocks] == [lang]


def alternates(tree) -> dict[str, str]:
    return {link.attributes["hreflang"]: link.attributes["href"]
            for link in tree.css('head link[rel="alternate"][hreflang]')}


def test_hreflang_alternates_are_absolute_reciprocal_and_have_x_default(site):
    for path in site.pages():
        links = alternates(site.page(path))
        assert set(links) == {*LANGS, "x-default"}, path
        assert links["x-default"] == links["ar"], path
        own = site.url(re.sub(r"(^|/)index\.html$", r"\1", path))
        assert links[language_of(path)] == own, path
        for lang, href in links.items():
            assert urlsplit(href).scheme == "http" and href.startswith(site.base_url), href
            target = href.removeprefix(site.base_url) or "index.html"
            target = target + "index.html" if target.endswith("/") else target
            # Reciprocal: the other language's page points back here.
            assert alternates(site.page(target))[language_of(path)] == own, (path, lang)


def test_canonical_is_the_page_itself(site):
    for path in site.pages():
        canonical = site.page(path).css_first('link[rel="canonical"]').attributes["href"]
        assert canonical == alternates(site.page(path))[language_of(path)]


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.mark.parametrize("folder", ["", "fr/", "en/"])
def test_sitemaps_list_pages_with_the_same_alternates(site, folder):
    tree = ElementTree.parse(site.directory / folder / "sitemap.xml")
    urls = tree.findall("s:url", SITEMAP)
    expected = [p for p in site.pages() if not folder or p.startswith(folder)]
    assert len(urls) == len(expected)
    for url in urls:
        loc = url.find("s:loc", SITEMAP).text
        assert loc.startswith(site.url(folder))
        listed = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
        path = loc.removeprefix(site.base_url)
        path = path + "index.html" if path.endswith("/") or not path else path
        assert listed == alternates(site.page(path)), loc


def test_heading_ids_are_readable_and_identical_in_the_three_languages(site):
    for path in site.pages():
        if language_of(path) != "ar":
            continue
        ids = {}
        for lang in LANGS:
            page = path if lang == "ar" else f"{lang}/{path}"
            headings = site.page(page).css("article h1, article h2, article h3, article h4")
            ids[lang] = [h.attributes.get("id") for h in headings]
            for heading_id in ids[lang]:
                assert heading_id and re.fullmatch(r"[a-z0-9][a-z0-9-]*", heading_id), (page, heading_id)
                assert not re.fullmatch(r"_\d+", heading_id)
        assert ids["ar"] == ids["fr"] == ids["en"], path


def test_no_resource_comes_from_another_host(site):
    for path in [*site.pages(), "404.html"]:
        tree = site.page(path)
        for node in tree.css("script[src], link[href], img[src], iframe, source[src], video, audio"):
            if node.tag == "link" and node.attributes.get("rel") in ("alternate", "canonical"):
                continue
            address = node.attributes.get("src") or node.attributes.get("href") or ""
            assert not urlsplit(address).netloc, (path, node.html)
    css = "\n".join(p.read_text() for p in site.directory.rglob("*.css"))
    assert "fonts.googleapis" not in css and "fonts.gstatic" not in css


def test_arabic_font_is_preloaded_on_arabic_pages_only(site):
    for path in site.pages():
        preloads = [n.attributes["href"] for n in site.page(path).css('link[rel="preload"][as="font"]')]
        if language_of(path) == "ar":
            assert any("noto-naskh-arabic" in href for href in preloads), path
        else:
            assert preloads == [], path


def test_every_page_has_a_description_in_its_language(site):
    descriptions = {}
    for path in site.pages():
        meta = site.page(path).css_first('meta[name="description"]')
        assert meta is not None and len(meta.attributes["content"]) > 40, path
        descriptions[path] = meta.attributes["content"]
        has_arabic = bool(re.search(r"[\u0600-\u06FF]", descriptions[path]))
        assert has_arabic == (language_of(path) == "ar"), path
    assert len(set(descriptions.values())) == len(descriptions), "descriptions must differ between pages"


@pytest.mark.parametrize("path, header, languages", [
    ("index.html", "رأس الصفحة", "اللغات"),
    ("fr/index.html", "En-tête", "Langues"),
    ("en/index.html", "Header", "Languages"),
])
def test_header_controls_are_named_in_good_words_of_the_page_language(site, path, header, languages):
    """The theme's Arabic names the header «عنوان العارضة» (wrong word);
    ui.yml's `theme.*` words replace it. The languages are named by a list
    in the page's language."""
    page = site.page(path)
    assert page.css_first("header nav").attributes["aria-label"] == header
    assert page.css_first("nav.mc-langbar").attributes["aria-label"] == languages
