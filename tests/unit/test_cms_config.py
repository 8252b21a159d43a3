"""The web editor's configuration (moussalaha/output/cms.py) against the data's
schema (moussalaha/content/data.py) and the data files' comments: a field the
schema adds, a rule it changes or guidance a file gives shows in the editor."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
import yaml

from moussalaha.content import data
from moussalaha.output import cms

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def config():
    return cms.config(ROOT)


def data_file(config, name: str) -> dict:
    (collection,) = [c for c in config["collections"] if c["name"] == "data"]
    return {f["name"]: f for f in collection["files"]}[name]


def walk(model, fields: list[dict], path: str):
    """Every field of `model` has its editor field, required as the schema says."""
    by_name = {f["name"]: f for f in fields}
    assert list(by_name) == list(model.model_fields), path
    for name, info in model.model_fields.items():
        field = by_name[name]
        annotation, optional = cms._optional(info.annotation)
        if typing.get_origin(annotation) is not list:
            assert field["required"] == (info.is_required() and not optional and annotation is not bool), f"{path}.{name}"
        yield f"{path}.{name}", field, annotation, info
        if isinstance(annotation, type) and issubclass(annotation, data.BaseModel) and "fields" in field:
            if annotation in (data.Text, data.PartialText):
                assert [f["name"] for f in field["fields"]] == ["ar", "fr", "en"]
            else:
                yield from walk(annotation, field["fields"], f"{path}.{name}")
        if typing.get_origin(annotation) is list:
            (item,) = typing.get_args(annotation)
            if isinstance(item, type) and issubclass(item, data.BaseModel):
                yield from walk(item, field["fields"], f"{path}.{name}.*")


@pytest.mark.parametrize("name", cms.DATA_FILES)
def test_every_field_of_the_schema_is_in_the_editor_with_its_rules(config, name):
    fields = list(walk(data.FILES[name], data_file(config, name)["fields"], name))
    assert fields
    for path, field, annotation, info in fields:
        if annotation is int:
            assert field["widget"] == "number" and field["value_type"] == "int", path
        if annotation is data.dt.date:
            assert field["widget"] == "datetime" and field["time_format"] is False, path
        if typing.get_origin(annotation) is typing.Literal:
            assert field["options"] == list(typing.get_args(annotation)), path
        if path.endswith("sources") and typing.get_origin(annotation) is list and typing.get_args(annotation)[0] is str:
            assert field["widget"] == "relation" and field["value_field"] == "sources.*.id", path
    figures = {path: f for path, f, *_ in fields}
    if name == "programme":
        assert figures["programme.milestones.*.beneficiaries"]["min"] == 1  # gt=0
        assert figures["programme.milestones.*.released"]["min"] == 0  # ge=0
    if name == "sources":
        assert figures["sources.sources.*.url"]["pattern"][0] == data.Source.model_fields["url"].metadata[0].pattern


@pytest.mark.parametrize("name", cms.DATA_FILES)
def test_what_a_data_file_explains_in_its_comments_is_in_the_editor(config, name):
    """Every comment written for the whole file or a section (at the start of
    a line) says its guidance in a hint; comments on one entry, inside a list,
    and the commented-out example entry are not guidance for a field."""
    hints = " ".join(_hints(data_file(config, name)["fields"]))
    words = lambda text: re.findall(r"[a-z0-9]+", text.lower())
    blocks, block = [], []
    for line in (ROOT / f"docs/data/{name}.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not re.match(r"#\s+[-\w]+:|#  ", line):
            block.append(line.lstrip("# "))
        elif block:
            blocks.append(" ".join(block))
            block = []
    assert blocks, name
    hint_words = set(words(hints))
    for text in blocks:
        missing = [w for w in words(text) if w not in hint_words]
        assert len(missing) <= len(words(text)) // 5, f"docs/data/{name}.yml: «{text}» is not in a hint: {missing}"


def _hints(fields):
    for field in fields:
        if "hint" in field:
            yield field["hint"]
        yield from _hints(field.get("fields", []))


def test_news_and_pages_write_the_projects_files(config):
    news, pages = config["collections"][0], config["collections"][1]
    assert (news["folder"], pages["folder"]) == ("docs/news", "docs")
    assert config["i18n"]["locales"] == ["ar", "fr", "en"] and config["i18n"]["structure"] == "multiple_files"
    for collection in (news, pages):
        body = [f for f in collection["fields"] if f["name"] == "body"][0]
        assert body["widget"] == "text", "a rich editor would rewrite {{ … }} and { #id }"
    dated = {f["name"]: f.get("i18n") for f in news["fields"]}
    assert dated["date"] is False and dated["sources"] is False and dated["title"] is True
    assert re.match(news["slug"]["pattern"][0], "2025-12-10-european-judicial-delegation")
    assert not re.match(news["slug"]["pattern"][0], "2025-12-10-")


@pytest.mark.parametrize("name", cms.DATA_FILES)
def test_the_editors_style_keeps_the_data(name):
    """cms.editor_style (tests/browser/test_cms.py: what the editor writes)
    holds the same data, and is stable."""
    text = (ROOT / f"docs/data/{name}.yml").read_text(encoding="utf-8")
    styled = cms.editor_style(name, text)
    model = data.FILES[name]
    assert model.model_validate(yaml.safe_load(styled)).model_dump() == \
        _without_written_false(model.model_validate(yaml.safe_load(text)).model_dump())
    assert cms.editor_style(name, styled) == styled
    assert "#" not in "".join(line.split(": ", 1)[0] for line in styled.splitlines())


def _without_written_false(dumped: dict) -> dict:
    # The editor writes `secondary: false` on a replaced source, which the schema reads as absent.
    for entry in dumped.get("sources", []):
        if isinstance(entry, dict) and entry.get("replaced_by"):
            entry["secondary"] = False
    return dumped
