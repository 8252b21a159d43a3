"""The ids one data file gives another: every `sources` list, every
`institution`, `level` and `replaced_by` must name an entry that exists,
and each source and institution id be given once. Each problem is on the
line of the id in its file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from moussalaha.problems import Problem

if TYPE_CHECKING:
    from moussalaha.content.data.load import SiteData


def problems(data: SiteData) -> list[Problem]:
    """Every id a file of `data` refers to must exist, and each id be given once."""
    errors = []
    known = {
        "sources": data.source_ids,
        "institution": {i.id for i in data.institutions},
        "level": {lvl.id for lvl in data.levels},
    }

    def expect(file: str, kind: str, ids, where: str, location: tuple):
        for index, value in enumerate([ids] if isinstance(ids, str) else ids):
            if value not in known[kind]:
                document = data.documents[file]
                errors.append(Problem(
                    document.path, document.line(location if isinstance(ids, str) else (*location, index)),
                    f"{where} refers to unknown {kind} id `{value}`; known ids: {', '.join(sorted(known[kind]))}."))

    for kind_file, model in data.files.items():
        for where, location, ids in source_lists(model):
            expect(kind_file, "sources", ids, where, location)
    for i, s in enumerate(data.sources):
        if s.replaced_by is not None:
            expect("sources", "sources", s.replaced_by, f"source {s.id}.replaced_by", ("sources", i, "replaced_by"))
    for i, s in enumerate(data.agreement.signatories):
        expect("agreement", "institution", s.institution, f"signatory {s.name.en}",
               ("agreement", "signatories", i, "institution"))
    expect("programme", "institution", data.programme.launched_by, "programme.launched_by",
           ("programme", "launched_by"))
    for i, p in enumerate(data.projects):
        expect("projects", "level", p.level, f"project {p.id}", ("projects", i, "level"))
        expect("projects", "institution", p.partners, f"project {p.id}", ("projects", i, "partners"))
    for kind, items in (("sources", data.sources), ("institutions", data.institutions)):
        document = data.documents[kind]
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                # The line of this entry, the second (or later) to give the id.
                errors.append(Problem(document.path, document.line((kind, index, "id")),
                                      f"id `{item.id}` is used twice: give each entry its own id."))
            seen.add(item.id)
    return errors


def source_lists(model: BaseModel, where: str = "", location: tuple = ()):
    """Yield (description, location, ids) for every `sources`-like field in a model tree."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        here, at = (f"{where}.{name}" if where else name), (*location, name)
        if (name == "sources" or name.endswith("_sources")) and all(isinstance(v, str) for v in value):
            yield here, at, value
        elif isinstance(value, BaseModel):
            yield from source_lists(value, here, at)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from source_lists(item, f"{here}[{index}]", (*at, index))
