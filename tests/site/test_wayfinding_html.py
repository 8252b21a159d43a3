"""Finding one's way, in the built HTML of every page: the main menu (the
sections, the reference group, the current one marked), the statements in
the footer only, the drawer naming the centre once, and a breadcrumb that is
the page's BreadcrumbList."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

pytestmark = pytest.mark.site

SECTIONS = ["centre", "agreement", "partners", "strategy", "programme", "projects", "news"]
REFERENCE = ["sources", "lexicon", "press"]
STATEMENTS = ["legal", "accessibility", "privacy", "sitemap"]
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}


def lang_of(path: str) -> str:
    return path.split("/", 1)[0] if path.startswith(("fr/", "en/")) else "ar"


def stem(href: str) -> str:
    return href.rsplit("/", 1)[-1].removesuffix(".html")


def spaced(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def breadcrumb_list(page) -> list[dict] | None:
    for script in page.css('script[type="application/ld+json"]'):
        block = json.loads(script.text())
        if block.get("@type") == "BreadcrumbList":
            return block["itemListElement"]
    return None


def test_every_page_has_the_main_menu_the_drawer_and_the_breadcrumb(site):
    pages = site.pages()
    assert len(pages) > 80
    for path in pages:
        page, lang = site.page(path), lang_of(path)
        menu = page.css_first("nav.mc-primary")
        assert menu is not None, path
        top = [stem(a.attributes["href"]) for a in menu.css(".mc-primary__list > li > a")]
        assert top == SECTIONS, (path, top)
        group = menu.css(".mc-primary__group details > summary + ul a")
        assert [stem(a.attributes["href"]) for a in group] == REFERENCE, path
        # The page itself, or the section of a news article, is marked.
        here = stem(path)
        current = {stem(a.attributes["href"]): a.attributes.get("aria-current") for a in menu.css("a[aria-current]")}
        if here in SECTIONS + REFERENCE:
            assert current == {here: "page"}, (path, current)
        elif "/news/" in f"/{path}":
            assert current == {"news": "true"}, (path, current)
        else:
            assert current == {}, (path, current)
        # The statements: in the footer, in no menu.
        drawer = page.css_first("nav.md-nav--primary")
        for nav in (menu, drawer):
            assert not {stem(a.attributes["href"]) for a in nav.css("a")} & set(STATEMENTS), path
        footer = {stem(a.attributes["href"]) for a in page.css("footer.mc-footer a")}
        assert set(STATEMENTS) <= footer, path
        # The drawer names the centre once (its title), groups the reference pages.
        assert drawer.text(separator=" ").count(NAMES[lang]) == 1, path
        assert [stem(a.attributes["href"]) for a in drawer.css(".mc-nav__group a")] == REFERENCE, path
        # The visible breadcrumb is the BreadcrumbList: names and addresses.
        listed = breadcrumb_list(page)
        crumbs = page.css("nav.mc-breadcrumb li")
        if here == "index":
            assert listed is None and not crumbs, path
            continue
        assert listed and len(crumbs) == len(listed) >= 2, path
        page_url = site.url(path)
        for crumb, item in zip(crumbs, listed):
            # French typography's no-break spaces are the page's, not the data's.
            assert spaced(crumb.text(strip=True)) == spaced(item["name"]), (path, item)
            link = crumb.css_first("a")
            address = urljoin(page_url, link.attributes["href"]) if link else page_url
            assert address.removesuffix("index.html") == item["item"], (path, address, item)
        assert listed[0]["name"] == NAMES[lang]
        if "/news/" in f"/{path}":
            assert stem(listed[1]["item"]) == "news" and len(listed) == 3, path


def test_the_404_pages_have_no_menu_in_one_language(site):
    for path in ("404.html", "fr/404.html", "en/404.html"):
        page = site.page(path)
        assert page.css_first("nav.mc-primary") is None and page.css_first("nav.mc-breadcrumb") is None, path


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_site_map_lists_the_menu_and_the_statements(site, lang):
    page = site.page(("" if lang == "ar" else f"{lang}/") + "sitemap.html")
    listed = [stem(a.attributes["href"]) for a in page.css("ul.mc-sitemap a")]
    assert listed == ["index", *SECTIONS, *REFERENCE, *STATEMENTS]


def test_identity_icons_footer_and_feed_links(site, data):
    from PIL import Image

    # The bitmaps browsers and phones ask for at the root, drawn from the mark.
    ico = Image.open(site.directory / "favicon.ico")
    assert ico.format == "ICO" and set(ico.info["sizes"]) == {(16, 16), (32, 32), (48, 48)}
    touch = Image.open(site.directory / "apple-touch-icon.png").convert("RGB")
    assert touch.size == (180, 180)
    assert touch.getpixel((2, 2)) == (0x0b, 0x5a, 0x45), "a full square of the mark's green"
    assert min(touch.getpixel((90, 45))) > 230, "the white letter"
    assert not (site.directory / "assets/images/favicon.png").exists(), "the theme's generic favicon is gone"
    no_site = [i for i in data.institutions if not i.website]
    for path in ("index.html", "fr/news.html", "en/centre.html"):
        page, lang = site.page(path), lang_of(path)
        prefix = "" if lang == "ar" else f"{lang}/"
        assert page.css_first('link[rel="apple-touch-icon"]').attributes["href"].endswith("apple-touch-icon.png")
        footer = page.css_first("footer.mc-footer")
        bottom = footer.css_first(".mc-footer__bottom").text(strip=True)
        assert bottom.startswith("©") and NAMES[lang] in bottom and any(str(y) in bottom for y in range(2025, 2031))
        plain = [s.text(strip=True) for s in footer.css(".mc-footer__plain")]
        assert plain == [getattr(i.name, lang) for i in no_site], plain
        assert all(s.parent.tag == "li" and s.css_first("a") is None for s in footer.css(".mc-footer__plain"))
        feed = footer.css_first('a[type="application/atom+xml"]')
        assert feed is not None and urljoin(site.url(path), feed.attributes["href"]) == site.url(prefix + "feed.xml")
    news = site.page("fr/news.html").css_first('article a[type="application/atom+xml"]')
    assert news is not None and news.attributes["href"] == "feed.xml" and (site.directory / "fr/feed.xml").exists()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_home_preview_image_carries_the_mark_and_the_rule(site, lang):
    """Like every other page's image: a band at the top, on the reading
    side, over a sand rule; on the home page the band is the mark."""
    from PIL import Image

    image = Image.open(site.directory / ("assets/social/" + ("" if lang == "ar" else f"{lang}/") + "index.png")).convert("RGB")
    band = image.crop((1200 - 200, 30, 1200, 150) if lang == "ar" else (0, 30, 200, 150))
    colours = band.getcolors(1 << 16)
    white = sum(n for n, c in colours if min(c) > 240)
    sand = sum(n for n, c in colours if c[0] > 200 and c[2] < 150)
    assert white > 300 and sand > 600, (white, sand)
    other_side = image.crop((0, 30, 200, 150) if lang == "ar" else (1000, 30, 1200, 150))
    assert len(other_side.getcolors(1 << 16)) == 1, "nothing on the other side"


def test_arabic_typography_quotes_and_numbers_after_a_bracket(site):
    """On every Arabic page: Arabic guillemets, never ASCII quotes, around
    Arabic words; a number closing a bracket is tied to the word before it
    («(افتتاح الدورة 18)» never leaves «18)» alone at a line start)."""
    import re

    ascii_quoted = re.compile(r"[\"'][\u0600-\u06ff][^\"'<>]{0,40}[\"']")
    alone = re.compile(r"[\u0600-\u06ff] \d+\)")
    arabic = [p for p in site.pages() if lang_of(p) == "ar"]
    assert len(arabic) > 25
    for path in arabic:
        text = site.page(path).css_first("article").text(separator=" ")
        assert not ascii_quoted.findall(text), (path, ascii_quoted.findall(text)[:3])
        assert not alone.findall(text), (path, alone.findall(text)[:3])
