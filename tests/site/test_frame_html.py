"""The institution's frame in the built HTML: home page, header, footer,
last-updated date, legal notice, site map and 404 pages in each language."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[2]
LANGS = ("ar", "fr", "en")
NAMES = {"ar": "مركز مصالحة", "fr": "Centre Moussalaha", "en": "Moussalaha Centre"}
PRIMARY = {"ar": "اقرأ اتفاقية الإحداث", "fr": "Lire la convention fondatrice", "en": "Read the founding agreement"}
MOROCCAN_MONTHS = "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split()


def prefix(lang: str) -> str:
    return "" if lang == "ar" else f"{lang}/"


def source_of(path: str) -> Path:
    lang = path.split("/", 1)[0] if path.startswith(("fr/", "en/")) else "ar"
    stem = path.rsplit("/", 1)[-1].removesuffix(".html")
    return ROOT / "docs" / (f"{stem}.md" if lang == "ar" else f"{stem}.{lang}.md")


@pytest.mark.parametrize("lang", LANGS)
def test_home_is_a_landing_page(site, data, lang):
    page = site.page(prefix(lang) + "index.html")
    home = page.css_first(".mc-home")
    assert home is not None, "the home page uses overrides/home.html"
    primary = home.css(".md-button--primary")
    assert len(primary) == 1 and primary[0].text(strip=True) == PRIMARY[lang]
    assert primary[0].attributes["href"] == "agreement.html"
    founders = [a.attributes["href"] for a in home.css("#founders + ul a")]
    assert founders == [f"partners.html#{i.id}" for i in data.institutions]
    levels = home.css("#levels + ul > li")
    assert [li.css_first("a").attributes["href"] for li in levels] == [f"strategy.html#{lv.id}" for lv in data.levels]
    assert all(len(li.css("p")) == 2 and li.css("p")[1].text(strip=True) for li in levels), "each level has a line"
    # The three newest articles (docs/news/), each with its date, linked to its page.
    news = home.css("ul.mc-news-list > li")
    assert len(news) == 3
    days = [li.css_first("time[datetime]").attributes["datetime"] for li in news]
    assert days == sorted(days, reverse=True)
    assert all(li.css_first(".mc-news__title a").attributes["href"].startswith("news/") for li in news)
    assert home.css_first("a[href='news.html']") is not None
    # The figures as the centre announced them; their references are with the
    # programme's table, and the page's own at its end.
    assert home.css_first(".mc-figures") and home.css_first(".mc-figures ~ .mc-note a[href='programme.html#results']")
    assert page.css_first(".mc-sources") is None, "no bibliography on the home page"


@pytest.mark.parametrize("lang", LANGS)
def test_header_names_the_centre_in_the_page_language(site, lang):
    for path in ("index.html", "centre.html"):
        name = site.page(prefix(lang) + path).css_first(".md-header .mc-name")
        assert name.text(strip=True).startswith(NAMES[lang])
        arabic = name.css_first(".mc-name-ar")
        assert (arabic is not None) == (lang != "ar")
        if arabic:
            assert arabic.text(strip=True) == NAMES["ar"] and arabic.attributes["lang"] == "ar"


def test_the_mark_and_the_favicon_are_one_drawing(site):
    favicon = (site.directory / "assets/images/favicon.svg").read_text()
    header = site.page("index.html").css_first(".md-header .md-logo svg").html
    drawing = re.search(r'<path[^>]* d="([^"]+)"', favicon).group(1)
    assert drawing in header
    assert site.page("index.html").css_first('link[rel="icon"]').attributes["href"].endswith("favicon.svg")


@pytest.mark.parametrize("lang", LANGS)
def test_footer_holds_the_institutional_links(site, data, lang):
    footer = site.page(prefix(lang) + "centre.html").css_first("footer.mc-footer")
    hrefs = {a.attributes["href"] for a in footer.css("a")}
    for page in ("legal.html", "accessibility.html", "privacy.html", "sitemap.html"):
        assert page in hrefs, page
    for institution in data.institutions:
        website = getattr(institution, "website", None)
        linked = [a for a in footer.css("a") if a.text(strip=True) == getattr(institution.name, lang)]
        assert bool(linked) == bool(website), institution.id
        if website:
            assert linked[0].attributes["href"] == website
    languages = {a.attributes["hreflang"]: a.text(strip=True) for a in footer.css("a[hreflang]")}
    assert languages == {"ar": "العربية", "fr": "Français", "en": "English"}
    assert re.search(r"© \d{4} " + NAMES[lang], footer.text())
    # No source publishes a contact: the block appears only once filled in.
    assert (footer.css_first("#mc-footer-contact") is not None) == bool(data.contact.email or data.contact.phone)


def test_every_page_says_when_it_last_changed(site):
    for path in site.pages():
        source = source_of(path)
        expected = subprocess.run(["git", "log", "-1", "--format=%cs", "--", str(source)],
                                  cwd=ROOT, capture_output=True, text=True).stdout.strip()
        stamp = site.page(path).css_first(".mc-updated time")
        if not expected:
            continue  # a page not committed yet has no date
        assert stamp is not None, path
        assert stamp.attributes["datetime"] == expected, path
        if not path.startswith(("fr/", "en/")):
            assert any(month in stamp.text() for month in MOROCCAN_MONTHS), path


@pytest.mark.parametrize("lang", LANGS)
def test_legal_notice_names_publisher_seat_and_president(site, lang):
    article = site.page(prefix(lang) + "legal.html").css_first("article")
    text = article.text()
    for words in {"ar": ["الرابطة المحمدية للعلماء", "الرباط", "أحمد عبادي"],
                  "fr": ["Rabita Mohammadia des oulémas", "Rabat", "Ahmed Abbadi"],
                  "en": ["Rabita Mohammadia of Ulema", "Rabat", "Ahmed Abbadi"]}[lang]:
        assert words in text
    # The centre names itself, its seat and its president: no newspaper is
    # cited for them in its legal notice (issue 23).
    assert article.css_first(".mc-facts") is not None and not article.css(".mc-facts a")


@pytest.mark.parametrize("lang", LANGS)
def test_html_sitemap_lists_every_page_of_its_language(site, lang):
    links = {a.attributes["href"] for a in site.page(prefix(lang) + "sitemap.html").css("ul.mc-sitemap a")}
    own = {p.rsplit("/", 1)[-1] for p in site.pages() if p.startswith(prefix(lang)) and p.count("/") == prefix(lang).count("/")}
    assert own <= links | {"sitemap.html"}


@pytest.mark.parametrize("lang", ("fr", "en"))
def test_language_404_page_holds_only_its_language(site, lang):
    page = site.page(f"{lang}/404.html")
    names = [n.text(strip=True) for n in page.css(".md-header .mc-name")]
    assert len(names) == 1 and names[0].startswith(NAMES[lang])
    section = page.css_first("[data-not-found]")
    hrefs = [a.attributes["href"] for a in section.css("a")]
    assert any(h.endswith(f"{lang}/sitemap.html") for h in hrefs)
    assert sum(h.endswith(".html") for h in hrefs) >= 6
