"""The site's facts loaded: each file of docs/data/ read as untrusted YAML
(moussalaha/gate/untrusted_yaml.py) and validated against its model
(moussalaha/content/data/schema.py), with the line of every problem; all of them
together (`SiteData`) with their cross-references checked, and the data in
one language for the templates. `load` keeps the last SiteData of a folder
until one of its files changes.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ValidationError

from moussalaha.content import pages
from moussalaha.content.data import references
from moussalaha.content.data.schema import FILES, PartialText, Source, Text
from moussalaha.gate import schema_messages, untrusted_yaml
from moussalaha.problems import Problem, Problems, relative


class DataError(Problems):
    """A data file is wrong; each problem names the file and line."""


def load_file(path: Path, model: type[BaseModel], root: Path) -> tuple[BaseModel, untrusted_yaml.Document]:
    """One data file, read as untrusted YAML (moussalaha/gate/untrusted_yaml.py:
    no aliases, no duplicate keys, a size limit) and validated; a DataError
    names the line of each problem in the editors' words (schema_messages)."""
    where = relative(path, root)
    try:
        document = untrusted_yaml.load(path, where)
    except Problems as refused:
        raise DataError(refused.problems) from None
    try:
        return model.model_validate(document.data or {}), document
    except ValidationError as error:
        raise DataError(schema_messages.problems(error, where, document.line, model)) from None


class SiteData:
    """All data files, validated, with their cross-references checked.

    `data_dir` is the project's docs/data; messages name files from the
    project's folder (two levels up)."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir.parent.parent
        errors: list[Problem] = []
        self.files: dict[str, BaseModel] = {}
        self.documents: dict[str, untrusted_yaml.Document] = {}
        self._localised: dict[str, dict] = {}  # {lang: localised(lang)}
        for name, model in FILES.items():
            path = self.data_dir / f"{name}.yml"
            if not path.exists():
                errors.append(Problem(relative(path, self.root), 1, "this data file is missing."))
                continue
            try:
                self.files[name], self.documents[name] = load_file(path, model, self.root)
            except DataError as error:
                errors += error.problems
        unknown = sorted(p.name for p in self.data_dir.glob("*.y*ml") if p.stem not in FILES)
        errors += [Problem(relative(self.data_dir / n, self.root), 1, "unknown data file: rename it or remove it.")
                   for n in unknown]
        if not errors:
            errors = references.problems(self)
        if errors:
            raise DataError(errors)

    # One attribute per top-level field of the files, by name.
    sources = property(lambda self: self.files["sources"].sources)
    institutions = property(lambda self: self.files["institutions"].institutions)
    agreement = property(lambda self: self.files["agreement"].agreement)
    centre = property(lambda self: self.files["agreement"].centre)
    levels = property(lambda self: self.files["strategy"].levels)
    programme = property(lambda self: self.files["programme"].programme)
    milestones = property(lambda self: self.files["programme"].milestones)
    women = property(lambda self: self.files["programme"].women)
    aftercare_events = property(lambda self: self.files["programme"].aftercare_events)
    announced = property(lambda self: self.files["projects"].announced)
    projects = property(lambda self: self.files["projects"].projects)
    other_programmes = property(lambda self: self.files["projects"].other_programmes)
    activities = property(lambda self: self.files["projects"].activities)
    contact = property(lambda self: self.files["contact"].contact)
    redirects = property(lambda self: self.files["redirects"].redirects)
    ui = property(lambda self: self.files["ui"].ui)
    open_data = property(lambda self: self.files["open_data"])

    def each_document(self) -> list[untrusted_yaml.Document]:
        """Every data file as read (its name for messages, its data and its
        node tree, with the line of each value), in the order of the files' names."""
        return [self.documents[name] for name in sorted(self.documents)]

    @cached_property
    def source_ids(self) -> set[str]:
        return {s.id for s in self.sources}

    def source(self, source_id: str) -> Source:
        """The entry an id stands for, following `replaced_by`."""
        entries = {s.id: s for s in self.sources}
        entry = entries[source_id]
        while entry.replaced_by is not None:
            entry = entries[entry.replaced_by]
        return entry

    def current_ids(self, ids: list[str]) -> list[str]:
        """The ids of the entries `ids` stand for, each once, in their order
        (two old ids replaced by one entry cite it once)."""
        known = self.source_ids
        # An unknown id is kept as it is: the references' check names it
        # with its file and line, which a KeyError here would hide.
        return list(dict.fromkeys(self.source(i).id if i in known else i for i in ids))

    def localised(self, lang: str) -> dict:
        """The data as plain dicts in one language, for templates; made once
        for each language (every page of a build asks for it, and the
        sandbox lets no template change it)."""
        if lang not in self._localised:
            self._localised[lang] = self._localise_all(lang)
        return self._localised[lang]

    def _localise_all(self, lang: str) -> dict:
        data = {name: _localise(getattr(self, name), lang) for name in (
            "agreement", "centre", "programme", "milestones", "women", "aftercare_events",
            "projects", "announced", "other_programmes", "activities", "levels", "contact")}
        data["reuse"] = _localise(self.open_data.reuse, lang)
        # Every id, old ones included, gives its current entry (with that
        # entry's own `id`, for links to the sources page).
        data["sources"] = {s.id: _localise(self.source(s.id), lang) for s in self.sources}
        data["institutions"] = {i.id: _localise(i, lang) for i in self.institutions}
        data["ui"] = _localise(self.ui, lang)
        data["latest"] = data["milestones"][-1]
        # Pages and the footer mention a contact only once an editor fills one in.
        contact = data["contact"]
        data["contact_published"] = bool(contact["email"] or contact["phone"] or contact["address"])
        return data


_loaded: dict[Path, tuple[tuple, SiteData]] = {}


def load(data_dir: Path) -> SiteData:
    """The validated data of `data_dir`, read again only when a data file
    changed (under `make serve`, every page of every rebuild asks for it)."""
    data_dir = Path(data_dir).resolve()
    stamp = pages.stamp(data_dir.glob("*.y*ml"))
    cached = _loaded.get(data_dir)
    if cached is None or cached[0] != stamp:
        cached = _loaded[data_dir] = (stamp, SiteData(data_dir))
    return cached[1]


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
