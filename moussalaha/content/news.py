"""The news: one Markdown article per item and language under docs/news/.

    docs/news/2025-09-19-18th-edition-opens.md      Arabic: title, description
                                                    (the lead), date, sources
    docs/news/2025-09-19-18th-edition-opens.fr.md   French: title, description,
                                                    translated_from (the stamp)
    docs/news/2025-09-19-18th-edition-opens.en.md   English: the same

The file name (the slug, `YYYY-MM-DD-short-name` in English) is the
article's address (news/<slug>.html) and never changes. The date and the
sources are facts: they are written once, in the Arabic file, and the
translations take them from there.

Plain functions, no MkDocs: the plugin (the news page, the latest news on the
home page, each article's date line and sources), the editors' checks and the
tests call them. Pages are read by moussalaha.content.pages.read_page, once for
each text a file has; the list of articles once for each state of the
folder (its files' names, inodes, times and sizes).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from moussalaha.content.pages import Page, read_page
from moussalaha.languages import DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=1024)
def _read_text(path: str, text: str) -> Page:
    return read_page(Path(path), text)


def read_file(path: Path) -> Page:
    """The article file, its front matter read once for each text it has:
    every page's render lists the news (the home page's latest, the news
    page), and a build renders some ninety pages."""
    return _read_text(str(path), path.read_text(encoding="utf-8"))

FOLDER = "news"
# 2025-09-19-18th-edition-opens: the date, then lowercase English words.
SLUG = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
# Front matter that only the Arabic file carries: the translations inherit it.
ARABIC_ONLY = ("date", "sources")


@dataclass(frozen=True)
class Article:
    slug: str
    date: dt.date
    title: str
    lead: str
    sources: tuple[str, ...]
    lang: str  # the language of `title` and `lead` (Arabic while a translation is missing)

    @property
    def url(self) -> str:
        """The address relative to the language's root (news.html, index.html)."""
        return f"{FOLDER}/{self.slug}.html"

    @property
    def year(self) -> int:
        return self.date.year


def path_of(docs: Path, slug: str, lang: str) -> Path:
    suffix = "" if lang == DEFAULT_LANGUAGE else f".{lang}"
    return docs / FOLDER / f"{slug}{suffix}.md"


def slugs(docs: Path) -> list[str]:
    """Every article that has its Arabic file."""
    folder = docs / FOLDER
    if not folder.is_dir():
        return []
    return sorted(p.name[:-3] for p in folder.glob("*.md") if p.name.count(".") == 1)


def is_article(src_uri: str) -> bool:
    """Whether a page (`news/x.fr.md`, relative to docs/) is a news article."""
    return src_uri.startswith(f"{FOLDER}/")


def index_url(article_url: str) -> str:
    """The news page's address from an article's (fr/news/x.html → fr/news.html)."""
    return article_url.rsplit("/", 1)[0] + ".html"


def slug_of(src_uri: str) -> str:
    return Path(src_uri).name.split(".")[0]


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def read(docs: Path, slug: str, lang: str) -> Article:
    """The article in `lang`: its words from that language's file (the
    Arabic one while it is missing), its date and sources from the Arabic."""
    arabic = read_file(path_of(docs, slug, DEFAULT_LANGUAGE))
    own_path = path_of(docs, slug, lang)
    own = read_file(own_path) if lang != DEFAULT_LANGUAGE and own_path.exists() else arabic
    return Article(
        slug=slug,
        date=as_date(arabic.meta.get("date")) or dt.date.min,
        title=str(own.meta.get("title") or ""),
        lead=str(own.meta.get("description") or ""),
        sources=tuple(arabic.meta.get("sources") or ()),
        lang=lang if own is not arabic else DEFAULT_LANGUAGE,
    )


def find(articles: list[Article], docs: Path, slug: str, lang: str) -> Article:
    """The article `slug` from the news already read (`articles`, as collect()
    gives them), else from its files: one that collect() leaves out, which
    has no Arabic file, is read on its own (and its error named there)."""
    return next((a for a in articles if a.slug == slug), None) or read(docs, slug, lang)


def newest_first(articles: list[Article]) -> list[Article]:
    # The slug breaks ties, so that two items of one day keep a stable order.
    return sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)


def collect(docs: Path, lang: str) -> list[Article]:
    """Every article in `lang`, newest first. Every page of a build lists
    the news: the build keeps what this returns until an article is added,
    removed or saved (moussalaha/build.py, Build.refresh)."""
    return newest_first([read(docs, slug, lang) for slug in slugs(docs)])


def by_year(articles: list[Article]) -> list[tuple[int, list[Article]]]:
    """[(2025, [...]), (2024, [...])]: newest year first, newest item first."""
    return [(year, list(items)) for year, items in groupby(newest_first(articles), key=lambda a: a.year)]


def build_day() -> dt.date:
    """Today, by the clock of the machine that builds (UTC). A news date
    after it (by more than a day, for the time zones) is refused: the
    commit's date (SOURCE_DATE_EPOCH) would refuse an article written
    today and not yet committed."""
    return dt.datetime.now(dt.timezone.utc).date()


def problems(page, lang: str, known_sources: set[str]) -> list[tuple[int, str]]:
    """(line, message) for what an article's front matter lacks or has wrong.
    `page` is the file as read by `read_page`; its name must be a slug."""
    found = []
    slug = page.path.name.split(".")[0]

    match = SLUG.match(slug)
    if not match:
        found.append((1, f"a news article's file name is its date and a few English words, such as "
                         f"2025-09-19-18th-edition-opens.md — rename {page.path.name}"))
    if lang != DEFAULT_LANGUAGE:
        for field in ARABIC_ONLY:
            if field in page.meta:
                found.append((page.field_line(field), f"`{field}:` belongs in the Arabic article only "
                                           f"({FOLDER}/{slug}.md); the translations take it from there — remove it"))
        return found
    day = as_date(page.meta.get("date"))
    if day is None:
        found.append((page.field_line("date") if "date" in page.meta else 1,
                      "a news article needs the date of the event, `date: YYYY-MM-DD` — add it to the front matter"))
    elif day > build_day() + dt.timedelta(days=1):
        found.append((page.field_line("date"), f"the date {day.isoformat()} is after today ({build_day().isoformat()}): a news "
                                    "item is published once its event has taken place, and a date to come would "
                                    "keep it first on the home page and in the feeds — write the event's date, "
                                    "or add the article on that day"))
    elif match and match["date"] != day.isoformat():
        found.append((page.field_line("date"), f"the date {day.isoformat()} is not the one the file name begins with "
                                    f"({match['date']}) — make them the same (the file name is the article's address: "
                                    "correct the date rather than rename a published article)"))
    cited = page.meta.get("sources")
    if not isinstance(cited, list) or not cited:
        found.append((page.field_line("sources") if "sources" in page.meta else 1,
                      "a news article needs at least one source, `sources: [source-id]` with ids from "
                      "docs/data/sources.yml — add the source first if it is not there"))
    else:
        unknown = [s for s in cited if s not in known_sources]
        if unknown:
            found.append((page.field_line("sources"), f"unknown source id(s) {', '.join(map(str, unknown))} — "
                                           "use ids from docs/data/sources.yml, or add the source there first"))
    return found
