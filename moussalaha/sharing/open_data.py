"""The programme's dated figures (docs/data/programme.yml) as open data,
written at every build beside the pages:

- data/moussalaha-programme-<lang>.csv, one per language, its headings in
  that language (docs/data/open_data.yml, `columns:`): UTF-8 with a byte
  order mark, which Excel needs to read Arabic and accented letters (and
  LibreOffice reads), written by the csv module. The French file is
  separated by semicolons, as Excel expects under a French system (where
  the comma marks decimals); the Arabic and English ones by commas.
- data/moussalaha-programme.json: the same records with language-neutral
  keys, the columns' headings and the texts (event, note) in the three
  languages, and the reuse terms once the centre publishes them.

A figure no source gives is an empty cell (null in JSON), never 0. Each
record gives the addresses of its sources: the article's own where the
source has one, else the source's entry on the site's sources page. The
programme page describes the files as a schema.org Dataset (dataset()).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from markupsafe import Markup

from moussalaha.content import present
from moussalaha.content.data import SiteData
from moussalaha.content.downloads import JSON_PATH, csv_path
from moussalaha.languages import DEFAULT_LANGUAGE, LANGUAGES, folder
from moussalaha.output.alternates import public_url
from moussalaha.sharing import structured_data

# The columns, in order: docs/data/open_data.yml gives their headings.
COLUMNS = ("date", "event", "edition_closed", "participants_closed", "edition_opened", "participants_opened",
           "beneficiaries", "released", "pardoned", "note", "sources")
# The figures, as the milestone's fields are named in programme.yml.
FIGURES = {"edition_closed": "closed", "participants_closed": "closed_participants",
           "edition_opened": "opened", "participants_opened": "opened_participants",
           "beneficiaries": "beneficiaries", "released": "released", "pardoned": "pardoned"}
DELIMITERS = {"fr": ";"}
# The page whose table the files hold, and which describes them (Dataset).
PAGE = "programme.html"


def _date(milestone) -> str:
    """2023-07-07, or 2023-02 where the source gives the month only."""
    return milestone.date.isoformat()[:7] if milestone.month_only else milestone.date.isoformat()


def _source_address(site: SiteData, source_id: str, lang: str, site_url: str | None) -> str:
    source = site.source(source_id)
    return source.url or public_url(site_url, f"{folder(lang)}sources.html#{source.id}")


def _event(index: int, site: SiteData, lang: str) -> str:
    """The event in words, without the markup of the French ordinal (13e)."""
    localised = site.localised(lang)
    return Markup(present.milestone_event(localised["milestones"][index], localised["ui"], lang)).striptags()


def records(site: SiteData, site_url: str | None) -> list[dict]:
    """The milestones, oldest first, with language-neutral keys."""
    rows = []
    for index, milestone in enumerate(site.milestones):
        row = {"date": _date(milestone),
               "event": {lang: _event(index, site, lang) for lang in LANGUAGES}}
        row |= {column: getattr(milestone, field) for column, field in FIGURES.items()}
        row["note"] = milestone.note.model_dump() if milestone.note else None
        row["sources"] = [_source_address(site, source_id, DEFAULT_LANGUAGE, site_url)
                          for source_id in site.current_ids(milestone.sources)]
        rows.append(row)
    return rows


def csv_text(site: SiteData, lang: str, site_url: str | None) -> str:
    """The table in `lang`, its headings first; several sources' addresses
    in one cell, one per line."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=DELIMITERS.get(lang, ","), lineterminator="\r\n")
    writer.writerow([getattr(site.open_data.columns[column], lang) for column in COLUMNS])
    for index, row in enumerate(records(site, site_url)):
        milestone = site.milestones[index]
        cells = {"date": row["date"], "event": row["event"][lang],
                 "note": row["note"][lang] if row["note"] else "",
                 "sources": "\n".join(_source_address(site, source_id, lang, site_url)
                                      for source_id in site.current_ids(milestone.sources))}
        cells |= {column: "" if row[column] is None else row[column] for column in FIGURES}
        writer.writerow([cells[column] for column in COLUMNS])
    return out.getvalue()


def csv_bytes(site: SiteData, lang: str, site_url: str | None) -> bytes:
    # utf-8-sig: the byte order mark that tells Excel the file is UTF-8.
    return csv_text(site, lang, site_url).encode("utf-8-sig")


def document(site: SiteData, site_url: str | None) -> dict:
    """The JSON file's content."""
    meta = site.open_data
    body = {
        "name": meta.dataset.name.model_dump(),
        "description": meta.dataset.description.model_dump(),
        "publisher": {lang: site.centre.name.model_dump()[lang] for lang in LANGUAGES},
        "url": public_url(site_url, PAGE),
    }
    if meta.reuse.terms.ar:
        body["license"] = {"terms": meta.reuse.terms.model_dump()} | ({"url": meta.reuse.url} if meta.reuse.url else {})
    body["fields"] = [{"key": column, "label": meta.columns[column].model_dump()} for column in COLUMNS]
    body["records"] = records(site, site_url)
    return body


def json_bytes(site: SiteData, site_url: str | None) -> bytes:
    return (json.dumps(document(site, site_url), ensure_ascii=False, indent=1) + "\n").encode()


def write(site_dir: Path, site: SiteData, site_url: str | None) -> list[str]:
    """The CSV of each language and the JSON into the built site; returns
    their paths in the site."""
    files = {csv_path(lang): csv_bytes(site, lang, site_url) for lang in LANGUAGES}
    files[JSON_PATH] = json_bytes(site, site_url)
    for path, content in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return sorted(files)


def dataset(site: SiteData, lang: str, site_url: str | None, page_url: str) -> dict:
    """The schema.org Dataset that the programme page carries (JSON-LD)."""
    meta = site.open_data
    milestones = site.milestones
    return structured_data.dataset(
        lang=lang, name=getattr(meta.dataset.name, lang), description=getattr(meta.dataset.description, lang),
        url=public_url(site_url, page_url), site_url=public_url(site_url, ""),
        publisher_name=getattr(site.centre.name, lang),
        temporal=f"{milestones[0].date.isoformat()}/{milestones[-1].date.isoformat()}",
        modified=max(m.date for m in milestones),
        downloads=[(public_url(site_url, csv_path(lang)), "text/csv", lang),
                   (public_url(site_url, JSON_PATH), "application/json", None)],
        license_url=meta.reuse.url or None,
        license_text=getattr(meta.reuse.terms, lang) or None)
