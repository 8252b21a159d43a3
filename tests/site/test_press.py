"""The press page in the three languages: a paragraph to quote made of the
data's facts, the key figures with their date, the figures as data, the
feeds and the latest news, every link leading to a built file; linked from
every page's footer and the navigation; no contact while
docs/data/contact.yml has none, and no logo offered."""

from __future__ import annotations

import pytest

from moussalaha.content import news, present

pytestmark = pytest.mark.site

LANGS = {"ar": "", "fr": "fr/", "en": "en/"}
TITLES = {"ar": "الصحافة", "fr": "Presse", "en": "Press"}


def built_target(site, page_path: str, href: str):
    return (site.directory / page_path).parent.joinpath(href.split("#")[0]).resolve()


def test_press_page_in_each_language(site, data):
    from tests.support import ROOT

    for lang, root in LANGS.items():
        facts = data.localised(lang)
        latest = facts["latest"]
        path = root + "press.html"
        tree = site.page(path)
        assert tree.css_first("h1").text(strip=True) == TITLES[lang]
        assert tree.css_first("html").attributes["lang"] == lang
        # The paragraph to quote: the data's facts, in the page's words.
        quote = " ".join(tree.css_first("article blockquote").text().split())
        for fact in (facts["centre"]["name"], present.format_day(data.agreement.date, lang).replace("\u00a0", " "),
                     facts["agreement"]["place"], str(len(data.institutions)), str(data.programme.launched),
                     str(latest["beneficiaries"]), present.format_day(latest["date"], lang).replace("\u00a0", " ")):
            assert fact in quote, (lang, fact, quote)
        if latest["released"] is not None:
            assert str(latest["released"]) in quote
        # The key figures, with the date they were reported.
        figures = [n.text(strip=True) for n in tree.css(".mc-figures .mc-figure__number")]
        assert str(latest["beneficiaries"]) in figures and str(data.announced) in figures
        note = " ".join(tree.css_first(".mc-figures + .mc-note").text().split())
        assert present.format_day(latest["date"], lang).replace("\u00a0", " ") in note
        # The files: the CSV of the language, the JSON, the three feeds.
        links = {a.attributes["href"] for a in tree.css("p.mc-open-data a, ul.mc-feeds a")}
        assert len(links) == 5
        for href in links:
            assert built_target(site, path, href).is_file(), (lang, href)
        assert any(href.endswith(f"-{lang}.csv") for href in links)
        assert sorted(built_target(site, path, a.attributes["href"]).relative_to(site.directory).as_posix()
                      for a in tree.css("ul.mc-feeds a")) == ["en/feed.xml", "feed.xml", "fr/feed.xml"]
        # The latest news, newest first, each leading to its article.
        articles = news.collect(ROOT / "docs", lang)[:3]
        titles = tree.css(".mc-news__title a")
        assert [" ".join(a.text().split()) for a in titles] == [" ".join(a.title.split()) for a in articles]
        assert all(built_target(site, path, a.attributes["href"]).is_file() for a in titles)
        # Nothing invented: no contact while contact.yml is empty, no logo to download.
        assert not any((data.contact.email, data.contact.phone))
        body = tree.css_first("article").html
        assert "mailto:" not in body and "tel:" not in body and "logo" not in body.lower()


def test_every_page_links_the_press_page(site):
    for path in site.every_layout():
        root = next(r for r in ("fr/", "en/") if path.startswith(r)) if path[:3] in ("fr/", "en/") else ""
        footer = site.page(path).css_first("footer.mc-footer")
        targets = {built_target(site, path, a.attributes["href"]) for a in footer.css("a[href]")
                   if not a.attributes["href"].startswith(("http", "mailto"))}
        assert (site.directory / root / "press.html").resolve() in targets, path
    # And the navigation.
    for root in LANGS.values():
        nav = site.page(root + "centre.html").css_first("nav.md-nav--primary")
        assert any(a.attributes.get("href", "").endswith("press.html") for a in nav.css("a")), root
