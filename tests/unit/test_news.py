"""moussalaha/content/news.py on a small docs/news/ folder: articles read in each
language (the date and sources from the Arabic file), sorted newest first,
grouped by year, and the front-matter problems an editor is told about.

Run: .venv/bin/pytest tests/unit/test_news.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml

from moussalaha.content import news
from moussalaha.content.pages import read_page

pytestmark = pytest.mark.unit


def write(docs: Path, name: str, **meta) -> Path:
    path = docs / "news" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n# T { #article }\n", encoding="utf-8")
    return path


@pytest.fixture
def docs(tmp_path):
    write(tmp_path, "2024-02-19-ceremony.md", title="حفل", description="مقدمة الحفل", date=dt.date(2024, 2, 19), sources=["a"])
    write(tmp_path, "2024-02-19-ceremony.fr.md", title="Cérémonie", description="Le chapeau")
    write(tmp_path, "2025-09-19-opening.md", title="افتتاح", description="مقدمة", date=dt.date(2025, 9, 19), sources=["b", "c"])
    write(tmp_path, "2023-11-02-signing.md", title="توقيع", description="مقدمة التوقيع", date=dt.date(2023, 11, 2), sources=["a"])
    return tmp_path


def test_articles_are_newest_first_with_the_arabic_date_and_sources(docs):
    articles = news.collect(docs, "fr")
    assert [a.slug for a in articles] == ["2025-09-19-opening", "2024-02-19-ceremony", "2023-11-02-signing"]
    ceremony = articles[1]
    assert (ceremony.title, ceremony.lead, ceremony.lang) == ("Cérémonie", "Le chapeau", "fr")
    assert ceremony.date == dt.date(2024, 2, 19) and ceremony.sources == ("a",)
    assert ceremony.url == "news/2024-02-19-ceremony.html"


def test_a_missing_translation_falls_back_to_the_arabic_marked_as_such(docs):
    opening = news.collect(docs, "en")[0]
    assert (opening.title, opening.lang) == ("افتتاح", "ar")


def test_grouped_by_year_newest_year_first(docs):
    years = news.by_year(news.collect(docs, "ar"))
    assert [(year, [a.slug for a in items]) for year, items in years] == [
        (2025, ["2025-09-19-opening"]), (2024, ["2024-02-19-ceremony"]), (2023, ["2023-11-02-signing"])]


def test_the_latest_are_the_first_of_the_list(docs):
    # As the home page's component takes them (overrides/components/latest-news.html).
    assert [a.slug for a in news.collect(docs, "ar")[:2]] == [
        "2025-09-19-opening", "2024-02-19-ceremony"]


def test_the_same_day_is_ordered_by_name_every_time(tmp_path):
    for name in ("2025-01-17-b", "2025-01-17-a"):
        write(tmp_path, f"{name}.md", title="x", description="y", date=dt.date(2025, 1, 17), sources=["a"])
    assert [a.slug for a in news.collect(tmp_path, "ar")] == ["2025-01-17-b", "2025-01-17-a"]


def messages(path, lang="ar", known=frozenset({"a"})):
    return news.problems(read_page(path), lang, set(known))


def test_an_arabic_article_needs_a_date_and_a_known_source(tmp_path):
    assert messages(write(tmp_path, "2025-01-17-a.md", title="x", description="y", date=dt.date(2025, 1, 17), sources=["a"])) == []
    no_date = messages(write(tmp_path, "2025-01-17-b.md", title="x", description="y", sources=["a"]))
    assert len(no_date) == 1 and "date: YYYY-MM-DD" in no_date[0][1]
    no_source = messages(write(tmp_path, "2025-01-17-c.md", title="x", description="y", date=dt.date(2025, 1, 17)))
    assert len(no_source) == 1 and "at least one source" in no_source[0][1]
    unknown = messages(write(tmp_path, "2025-01-17-d.md", title="x", description="y", date=dt.date(2025, 1, 17), sources=["zz"]))
    assert "unknown source id(s) zz" in unknown[0][1]
    assert (tmp_path / "news" / "2025-01-17-d.md").read_text().splitlines()[unknown[0][0] - 1].startswith("sources:")


def test_the_date_must_be_the_one_of_the_file_name(tmp_path):
    found = messages(write(tmp_path, "2025-01-17-a.md", title="x", description="y", date=dt.date(2025, 1, 18), sources=["a"]))
    assert len(found) == 1 and "2025-01-18" in found[0][1] and "2025-01-17" in found[0][1]
    line = found[0][0]
    assert read_page(tmp_path / "news" / "2025-01-17-a.md").text.splitlines()[line - 1].startswith("date:")


def test_a_date_after_the_day_of_the_build_is_refused(tmp_path, monkeypatch):
    """A day's grace for the time zones: tomorrow passes, the day after is refused on its line."""
    monkeypatch.setattr(news, "build_day", lambda: dt.date(2025, 1, 16))
    assert messages(write(tmp_path, "2025-01-17-a.md", title="x", description="y", date=dt.date(2025, 1, 17),
                          sources=["a"])) == []
    found = messages(write(tmp_path, "2025-01-18-a.md", title="x", description="y", date=dt.date(2025, 1, 18),
                           sources=["a"]))
    assert len(found) == 1 and "after today (2025-01-16)" in found[0][1]
    assert read_page(tmp_path / "news" / "2025-01-18-a.md").text.splitlines()[found[0][0] - 1].startswith("date:")


def test_a_file_name_without_a_date_is_refused(tmp_path):
    found = messages(write(tmp_path, "visit.md", title="x", description="y", date=dt.date(2025, 1, 17), sources=["a"]))
    assert any("rename visit.md" in message for _, message in found)


def test_translations_take_the_date_and_sources_from_the_arabic(tmp_path):
    found = messages(write(tmp_path, "2025-01-17-a.fr.md", title="x", description="y", date=dt.date(2025, 1, 17)), "fr")
    assert len(found) == 1 and "`date:` belongs in the Arabic article only" in found[0][1]
    assert messages(write(tmp_path, "2025-01-17-b.fr.md", title="x", description="y"), "fr") == []


def test_the_news_are_read_again_once_an_article_is_saved_added_or_removed(docs):
    assert news.collect(docs, "fr")[1].title == "Cérémonie"
    path = write(docs, "2024-02-19-ceremony.fr.md", title="Cérémonia", description="Le chapeau")
    # A save of the same size: an editor's save comes at least a tick of the
    # file system's clock later (a few milliseconds), and moves the time.
    later = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(later, later))
    assert news.collect(docs, "fr")[1].title == "Cérémonia"
    write(docs, "2026-01-05-visit.md", title="زيارة", description="مقدمة", date=dt.date(2026, 1, 5), sources=["a"])
    assert news.collect(docs, "fr")[0].slug == "2026-01-05-visit"
    (docs / "news" / "2026-01-05-visit.md").unlink()
    assert news.collect(docs, "fr")[0].slug == "2025-09-19-opening"
