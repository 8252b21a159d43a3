"""The site's facts: load, validate and localise the YAML files in docs/data/.

The MkDocs hooks render these facts into every language; the tests and the
editors' checks read them through this module too, so that there is one
schema. Run it alone to validate the data and print a summary:

    .venv/bin/python scripts/hooks/sitedata.py
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from babel.dates import format_date
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

LANGUAGES = ("ar", "fr", "en")
DEFAULT_LANGUAGE = "ar"
DIRECTIONS = {"ar": "rtl", "fr": "ltr", "en": "ltr"}
# British English writes "2 November 2023"; Babel's plain "ar" gives the
# Mashriq month names with the digits 0-9, as the sources write them.
BABEL_LOCALES = {"ar": "ar", "fr": "fr", "en": "en_GB"}
ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "docs" / "data"

Language = Literal["ar", "fr", "en"]
Id = str


class DataError(Exception):
    """A data file is wrong; the message names the file and line."""


class Strict(BaseModel):
    # A typo in a field name is an error, not a silently ignored field.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """The same words in the three languages."""

    ar: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)


class PartialText(Strict):
    """Words that only some languages need (an explanation of a name)."""

    ar: str | None = None
    fr: str | None = None
    en: str | None = None


class Source(Strict):
    id: Id
    title: str | None = None
    about: Text
    publisher: Text | None = None
    date: dt.date | None = None
    url: str | None = Field(default=None, pattern=r"^https://")
    seed: str | None = None
    language: Language
    secondary: bool


class Institution(Strict):
    id: Id
    name: Text
    abbreviation: str | None = None
    gloss: PartialText | None = None
    # The institution's official website (its home page), where one is
    # confirmed; left out otherwise.
    website: str | None = Field(default=None, pattern=r"^https://[^/\s]+/$")
    sources: list[Id] = Field(min_length=1)
    # The year the institution was launched, where a source gives it.
    launched: int | None = None
    launched_sources: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _launch_is_sourced(self):
        if self.launched is not None and not self.launched_sources:
            raise ValueError("`launched` needs `launched_sources`: the source ids that give the year")
        return self


class Signatory(Strict):
    name: Text
    title: Text
    institution: Id


class Agreement(Strict):
    date: dt.date
    place: Text
    venue: Text
    venue_sources: list[Id] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)
    signatories: list[Signatory] = Field(min_length=1)


class Named(Strict):
    id: Id
    name: Text


class FirstEdition(Strict):
    date: dt.date
    place: Text
    sources: list[Id] = Field(min_length=1)


class Programme(Strict):
    launched: int
    launched_by: list[Id]
    launch_sources: list[Id] = Field(min_length=1)
    first_edition: FirstEdition
    axes: list[Named] = Field(min_length=1)
    axes_sources: list[Id] = Field(min_length=1)


class Milestone(Strict):
    date: dt.date
    closed: int | None = None
    opened: int | None = None
    beneficiaries: int = Field(gt=0)
    released: int | None = Field(default=None, ge=0)
    pardoned: int | None = Field(default=None, ge=0)
    sources: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _coherent(self):
        if self.closed is None and self.opened is None:
            raise ValueError("give `closed` or `opened`: the edition this figure was reported at")
        if self.released is not None and self.released > self.beneficiaries:
            raise ValueError("`released` cannot exceed `beneficiaries`")
        if self.pardoned is not None and (self.released is None or self.pardoned > self.released):
            raise ValueError("`pardoned` needs `released` and cannot exceed it")
        return self


class Project(Strict):
    id: Id
    name: Text
    level: Id
    partners: list[Id]
    status: Literal["announced", "under-way", "completed"]
    sources: list[Id] = Field(min_length=1)


class OtherProgramme(Strict):
    """A programme the centre describes that no source counts among the projects."""

    id: Id
    about: Text
    sources: list[Id] = Field(min_length=1)


class NewsItem(Strict):
    id: Id
    date: dt.date
    title: Text
    summary: Text
    sources: list[Id] = Field(min_length=1)


class CitedText(Strict):
    """A fact from secondary reports, shown with their addresses."""

    text: Text
    addresses: list[str] = Field(min_length=1)


class Contact(Strict):
    """How to reach the centre: empty until an editor fills it in."""

    email: str = ""
    phone: str = ""
    address: PartialText = PartialText()


class Centre(Strict):
    publisher: CitedText
    seat: CitedText
    president: CitedText


class UI(Strict):
    model_config = ConfigDict(extra="allow", frozen=True)


# One model per file: the file's name is the key in the loaded data.
FILES: dict[str, type[BaseModel]] = {}


def _file_model(name: str):
    def register(model):
        FILES[name] = model
        return model

    return register


@_file_model("sources")
class SourcesFile(Strict):
    sources: list[Source]


@_file_model("institutions")
class InstitutionsFile(Strict):
    institutions: list[Institution] = Field(min_length=1)


@_file_model("agreement")
class AgreementFile(Strict):
    agreement: Agreement


@_file_model("strategy")
class StrategyFile(Strict):
    levels: list[Named] = Field(min_length=1)
    sources: list[Id] = Field(min_length=1)


@_file_model("programme")
class ProgrammeFile(Strict):
    programme: Programme
    milestones: list[Milestone] = Field(min_length=1)


@_file_model("projects")
class ProjectsFile(Strict):
    announced: int = Field(gt=0)
    sources: list[Id] = Field(min_length=1)
    projects: list[Project]
    other_programmes: list[OtherProgramme] = []


@_file_model("news")
class NewsFile(Strict):
    news: list[NewsItem]


@_file_model("centre")
class CentreFile(Strict):
    centre: Centre
    contact: Contact


@_file_model("ui")
class UIFile(Strict):
    ui: dict[str, Text]


def _yaml_line(node: yaml.Node | None, location: tuple) -> int:
    """The 1-based line of the YAML node at `location` (as deep as it exists)."""
    line = 1
    for key in location:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def _describe(location: tuple, document: object) -> str:
    """`signatories[2] (id: x).title` for a pydantic location."""
    parts, value = [], document
    for key in location:
        if isinstance(key, int):
            parts[-1] += f"[{key}]"
            value = value[key] if isinstance(value, list) and key < len(value) else None
            if isinstance(value, dict) and "id" in value:
                parts[-1] += f" (id: {value['id']})"
        else:
            parts.append(str(key))
            value = value.get(key) if isinstance(value, dict) else None
    return ".".join(parts)


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def load_file(path: Path, model: type[BaseModel]) -> BaseModel:
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise DataError(
            f"{_relative(path)}:{line}: this is not valid YAML ({getattr(error, 'problem', error)}). "
            "Check the indentation and put text that contains ':' or '#' in quotes."
        ) from None
    try:
        return model.model_validate(document or {})
    except ValidationError as error:
        messages = []
        for problem in error.errors():
            location = tuple(problem["loc"])
            line = _yaml_line(node, location)
            where = _describe(location, document) or "the file"
            if problem["type"] == "missing":
                advice = f"`{where}` is missing: add it."
            elif problem["type"] == "extra_forbidden":
                advice = f"`{where}` is not a known field: check its spelling or remove it."
            else:
                advice = f"`{where}`: {problem['msg']} (found {problem.get('input')!r})."
            messages.append(f"{_relative(path)}:{line}: {advice}")
        raise DataError("\n".join(messages)) from None


class SiteData:
    """All data files, validated, with their cross-references checked."""

    def __init__(self, data_dir: Path = DATA_DIR):
        self.data_dir = data_dir
        errors = []
        self.files: dict[str, BaseModel] = {}
        for name, model in FILES.items():
            path = data_dir / f"{name}.yml"
            if not path.exists():
                errors.append(f"{_relative(path)}:1: this data file is missing.")
                continue
            try:
                self.files[name] = load_file(path, model)
            except DataError as error:
                errors.append(str(error))
        unknown = sorted(p.name for p in data_dir.glob("*.y*ml") if p.stem not in FILES)
        errors += [f"{_relative(data_dir / n)}:1: unknown data file: rename it or remove it." for n in unknown]
        if not errors:
            errors = self._check_references()
        if errors:
            raise DataError("\n".join(errors))

    def __getattr__(self, name):
        # sources, institutions, agreement, levels, programme, milestones, projects, news, ui
        for file in self.__dict__.get("files", {}).values():
            if name in type(file).model_fields:
                return getattr(file, name)
        raise AttributeError(name)

    @cached_property
    def source_ids(self) -> set[str]:
        return {s.id for s in self.sources}

    def _check_references(self) -> list[str]:
        """Every id a file refers to must exist."""
        errors = []
        known = {
            "sources": self.source_ids,
            "institution": {i.id for i in self.institutions},
            "level": {lvl.id for lvl in self.levels},
        }

        def expect(file: str, kind: str, ids, where: str):
            for value in [ids] if isinstance(ids, str) else ids:
                if value not in known[kind]:
                    path = self.data_dir / f"{file}.yml"
                    line = _find_line(path, value)
                    errors.append(
                        f"{_relative(path)}:{line}: {where} refers to unknown {kind} id `{value}`; "
                        f"known ids: {', '.join(sorted(known[kind]))}."
                    )

        for kind_file, model in self.files.items():
            for where, ids in _source_lists(model):
                expect(kind_file, "sources", ids, where)
        for s in self.agreement.signatories:
            expect("agreement", "institution", s.institution, f"signatory {s.name.en}")
        expect("programme", "institution", self.programme.launched_by, "programme.launched_by")
        for p in self.projects:
            expect("projects", "level", p.level, f"project {p.id}")
            expect("projects", "institution", p.partners, f"project {p.id}")
        for kind, items in (("sources", self.sources), ("institutions", self.institutions), ("news", self.news)):
            seen = set()
            for item in items:
                if item.id in seen:
                    errors.append(f"{_relative(self.data_dir / (kind + '.yml'))}:{_find_line(self.data_dir / (kind + '.yml'), item.id)}: id `{item.id}` is used twice: give each entry its own id.")
                seen.add(item.id)
        return errors

    def localised(self, lang: str) -> dict:
        """The data as plain dicts in one language, for templates."""
        data = {name: _localise(getattr(self, name), lang) for name in (
            "agreement", "programme", "milestones", "projects", "announced", "other_programmes", "news", "levels",
            "centre", "contact")}
        data["sources"] = {s.id: _localise(s, lang) for s in self.sources}
        data["institutions"] = {i.id: _localise(i, lang) for i in self.institutions}
        data["ui"] = _localise(self.ui, lang)
        data["news"] = sorted(data["news"], key=lambda n: n["date"], reverse=True)
        data["latest"] = data["milestones"][-1]
        return data


def _source_lists(model: BaseModel, where: str = ""):
    """Yield (location, ids) for every `sources`-like field in a model tree."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here = f"{where}.{name}" if where else name
        if (name == "sources" or name.endswith("_sources")) and all(isinstance(v, str) for v in value):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from _source_lists(value, here)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _source_lists(item, f"{here}[{index}]")


def _find_line(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    return 1


def _localise(value, lang: str):
    if isinstance(value, Text):
        return getattr(value, lang)
    if isinstance(value, PartialText):
        return getattr(value, lang)
    if isinstance(value, BaseModel):
        return {name: _localise(getattr(value, name), lang) for name in type(value).model_fields}
    if isinstance(value, dict):
        return {key: _localise(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [_localise(item, lang) for item in value]
    return value


def file_line(source_text: str, body: str, body_line: int) -> int:
    """The line of the page file that is line `body_line` of its Markdown body
    (MkDocs gives hooks the body without the front matter)."""
    stripped = body.lstrip("\n")
    start = source_text.find(stripped[:200]) if stripped else -1
    if start < 0:
        return body_line
    return body_line - (len(body) - len(stripped)) + source_text[:start].count("\n")


def format_day(day: dt.date, lang: str) -> str:
    """2 نوفمبر 2023 / 2 novembre 2023 / 2 November 2023, the day and the
    month joined by a no-break space so that a line never parts them."""
    return format_date(day, "d MMMM y", locale=BABEL_LOCALES[lang]).replace(" ", "\u00a0", 1)


def ordinal(number: int, lang: str) -> str:
    """13 / 13<sup>e</sup> / 13th, for an edition (feminine in French)."""
    if lang == "fr":
        return f"{number}<sup>{'re' if number == 1 else 'e'}</sup>"
    if lang == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return str(number)


def milestone_event(milestone: dict, ui: dict, lang: str) -> str:
    """"close of the 13th edition and opening of the 14th edition"."""
    parts = [
        ui[key].replace("{n}", ordinal(milestone[field], lang))
        for field, key in (("closed", "edition_closed"), ("opened", "edition_opened"))
        if milestone[field] is not None
    ]
    return ui["and"].join(parts)


if __name__ == "__main__":
    try:
        site_data = SiteData()
    except DataError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
    print(f"{len(site_data.sources)} sources, {len(site_data.institutions)} institutions, "
          f"{len(site_data.milestones)} milestones, {len(site_data.news)} news items: all valid.")
