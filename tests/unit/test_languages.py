"""The languages' records (moussalaha/languages.py) are the one place a
language's locales, direction and name are written: change a record, and
the dates, the link previews, the feeds, the preview images, the pages'
components and the hreflang links change with it."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from moussalaha import languages
from moussalaha.content import present, render, updated
from moussalaha.output import alternates
from moussalaha.sharing import feeds, opengraph, social_image

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 30)


def test_arabic_months_are_the_moroccan_ones():
    assert present.format_day(DAY, "ar") == "30\u00a0نونبر 2026"
    assert present.format_day(dt.date(2026, 9, 1), "ar") == "1\u00a0شتنبر 2026"
    assert present.format_day(dt.date(2026, 8, 1), "ar") == "1\u00a0غشت 2026"
    assert present.format_day(DAY, "fr") == "30\u00a0novembre 2026"
    assert present.format_day(DAY, "en") == "30\u00a0November 2026"
    assert present.format_month(DAY, "ar") == "نونبر 2026"


@pytest.fixture
def french_changed(monkeypatch):
    """French given other locales and the other direction, in its record only."""
    changed = dataclasses.replace(languages.BY_CODE["fr"], babel_locale="es", og_locale="fr_CA", direction="rtl")
    monkeypatch.setitem(languages.BY_CODE, "fr", changed)
    monkeypatch.setattr(languages, "ALL", tuple(changed if lang.code == "fr" else lang for lang in languages.ALL))
    return changed


def open_graph(lang: str) -> dict[str, str]:
    """A news page's Open Graph tags in `lang`, the page existing in Arabic and French."""
    return {name: value for _, name, value in opengraph.tags(
        title="…", description="…", lang=lang, url=f"https://centre.example/{languages.folder(lang)}news.html",
        site_name="…", image=opengraph.Image("https://centre.example/a.png", 1200, 630, "…"),
        alternates={"ar": "…", "fr": "…"})}


def test_a_record_reaches_dates_previews_feeds_and_images(french_changed, monkeypatch):
    assert present.format_day(DAY, "fr") == "30\u00a0noviembre 2026"
    # The "last updated" date is written by the same formatter.
    monkeypatch.setattr(updated, "last_commit_date", lambda paths, repo, known=None: DAY)
    dates = updated.page_dates(ROOT / "docs" / "centre.fr.md", "fr", ROOT)
    assert dates["last_updated_text"] == "30\u00a0noviembre 2026"
    assert open_graph("fr")["og:locale"] == "fr_CA"
    assert open_graph("ar")["og:locale:alternate"] == "fr_CA"
    # A right-to-left French title that starts with a Latin letter is led by a mark.
    assert feeds.plain_text("Centre Moussalaha", "fr") == feeds.RLM + "Centre Moussalaha"
    assert social_image.direction("fr") == "rtl"


def test_a_record_reaches_the_components_and_the_hreflang_links(french_changed):
    env = render.jinja_environment("fr", ROOT / "overrides" / "components")
    html = env.template('{% include "news-items.html" %}').render(
        items=[{"lang": "fr", "slug": "a", "url": "a.html", "title": "A", "lead": "…", "date": DAY}],
        lang="en", root="", heading="h2")
    assert 'lang="fr" dir="rtl"' in html

    class File:
        url = "fr/index.html"

    links = alternates.links({"fr": File()}, "index.html", "https://centre.example/", lambda url, base: url)
    assert links == [{"lang": "fr", "name": "Français", "href": "https://centre.example/fr/",
                      "relative": "fr/index.html"}]


def test_an_unknown_language_is_refused_with_the_site_s_languages():
    with pytest.raises(ValueError, match="unknown language 'de' — one of ar, fr, en"):
        present.format_day(DAY, "de")


def test_mkdocs_yml_names_the_languages_as_their_records_do():
    """mkdocs-static-i18n reads its languages from mkdocs.yml only."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    assert [(entry["locale"], entry["name"], entry.get("default", False)) for entry in i18n["languages"]] == \
        [(language.code, language.name, language.default) for language in languages.ALL]
    assert config["theme"]["language"] == languages.DEFAULT_LANGUAGE
