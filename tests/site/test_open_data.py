"""The programme's figures as open data: the CSV of each language and the
JSON hold exactly what docs/data/programme.yml holds (read here with PyYAML,
not through the site's code), the programme page links them under its
table and describes them as a schema.org Dataset whose links lead to the
built files, and no reuse terms are shown or claimed while none is given."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from tests.support import ROOT

pytestmark = pytest.mark.site

LANGS = {"ar": "", "fr": "fr/", "en": "en/"}
FIGURES = {"edition_closed": "closed", "participants_closed": "closed_participants",
           "edition_opened": "opened", "participants_opened": "opened_participants",
           "beneficiaries": "beneficiaries", "released": "released", "pardoned": "pardoned"}


def raw(name: str) -> dict:
    return yaml.safe_load((ROOT / "docs" / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def source_addresses(source_ids: list[str], sources_page: str) -> list[str]:
    entries = {s["id"]: s for s in raw("sources")["sources"]}
    found = []
    for source_id in source_ids:
        while entries[source_id].get("replaced_by"):
            source_id = entries[source_id]["replaced_by"]
        address = entries[source_id].get("url") or f"{sources_page}#{source_id}"
        if address not in found:
            found.append(address)
    return found


def expected_date(milestone: dict) -> str:
    return milestone["date"].isoformat()[:7] if milestone.get("month_only") else milestone["date"].isoformat()


def test_csv_of_each_language_equals_the_data_file(site):
    milestones = raw("programme")["milestones"]
    columns = raw("open_data")["columns"]
    for lang, root in LANGS.items():
        data = (site.directory / f"data/moussalaha-programme-{lang}.csv").read_bytes()
        # The byte order mark Excel needs to read UTF-8; rows end in CRLF.
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data, lang
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";" if lang == "fr" else ","))
        header, body = rows[0], rows[1:]
        assert header == [label[lang] for label in columns.values()], lang
        assert len(body) == len(milestones), lang
        for row, milestone in zip(body, milestones):
            cells = dict(zip(columns, row))
            assert cells["date"] == expected_date(milestone), (lang, row)
            for column, field in FIGURES.items():
                value = milestone.get(field)
                assert cells[column] == ("" if value is None else str(value)), (lang, column, row)
            assert cells["note"] == (milestone["note"][lang] if milestone.get("note") else ""), (lang, row)
            assert cells["sources"].split("\n") == source_addresses(
                milestone["sources"], site.url(root + "sources.html")), (lang, row)
            # The event names the editions by their numbers, in the language's words.
            for field in ("closed", "opened"):
                if milestone.get(field):
                    assert str(milestone[field]) in cells["event"], (lang, row)
    ar = (site.directory / "data/moussalaha-programme-ar.csv").read_text(encoding="utf-8-sig")
    assert "اختتام الدورة" in ar


def test_json_equals_the_data_file(site):
    milestones = raw("programme")["milestones"]
    columns = raw("open_data")["columns"]
    document = json.loads((site.directory / "data/moussalaha-programme.json").read_text(encoding="utf-8"))
    assert document["name"] == raw("open_data")["dataset"]["name"]
    assert [f["key"] for f in document["fields"]] == list(columns)
    assert all(f["label"] == columns[f["key"]] for f in document["fields"])
    assert len(document["records"]) == len(milestones)
    for record, milestone in zip(document["records"], milestones):
        assert set(record) == set(columns)
        assert record["date"] == expected_date(milestone)
        for column, field in FIGURES.items():
            assert record[column] == milestone.get(field), (column, record)
        assert record["note"] == milestone.get("note")
        assert set(record["event"]) == set(LANGS)
        assert record["sources"] == source_addresses(milestone["sources"], site.url("sources.html"))
    # No reuse terms are given in docs/data/open_data.yml: none is claimed.
    assert "license" not in document


def test_programme_page_links_and_describes_the_files(site):
    for lang, root in LANGS.items():
        tree = site.page(root + "programme.html")
        blocks = [json.loads(b.text()) for b in tree.css('script[type="application/ld+json"]')]
        (dataset,) = [b for b in blocks if b["@type"] == "Dataset"]
        for key in ("name", "description", "url", "creator", "distribution", "temporalCoverage"):
            assert dataset.get(key), (lang, key)
        assert dataset["name"] == " ".join(raw("open_data")["dataset"]["name"][lang].split())
        assert dataset["url"] == site.url(root + "programme.html")
        assert "license" not in dataset
        downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
        assert set(downloads) == {"text/csv", "application/json"}
        for address in downloads.values():
            assert address.startswith(site.base_url) and (site.directory / address.removeprefix(site.base_url)).is_file()
        assert downloads["text/csv"].endswith(f"-{lang}.csv")
        # The links under the table lead to the same files.
        table = tree.css_first("table.mc-milestones")
        links = tree.css("p.mc-open-data a")
        assert table is not None and [a.text() for a in links] == ["CSV", "JSON"], lang
        for link in links:
            target = (site.directory / root / link.attributes["href"]).resolve()
            assert target.is_file() and site.url(target.relative_to(site.directory).as_posix()) in downloads.values()
    # No reuse terms yet: the legal notice says nothing of them.
    for root in LANGS.values():
        assert site.page(root + "legal.html").css_first(".mc-reuse") is None
