"""The web editor's configuration (admin/config.yml), generated from the
data's schema (moussalaha/content/data/schema.py), so that the editor's forms cannot
drift from what the build accepts.

- news: three files per item in docs/news/ (the Arabic `NAME.md`, then
  `NAME.fr.md`, `NAME.en.md`), title and lead in each language side by
  side, the date and the sources (picked from docs/data/sources.yml) in the
  Arabic file only, the text in a raw Markdown editor;
- pages: docs/*.md and their translations, in the raw Markdown editor,
  which keeps `{{ … }}` facts and `{ #id }` headings as typed (a rich
  editor would escape their braces);
- data: the files editors change (DATA_FILES), each a form made from its
  model: required fields, whole numbers with their bounds, dates,
  addresses with their pattern, choices from the schema's literals and
  from the data's own ids; every other field's guidance (HINTS) is what the
  file's comments say, so that a save from the editor, which does not keep
  YAML comments, loses none of it.

Every YAML the editor writes uses the files' own style: two spaces,
sequences indented, no quotes unless needed (`output.yaml`).
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from pathlib import Path

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from moussalaha.content import data
from moussalaha.languages import DEFAULT_LANGUAGE, LANGUAGES

# The data files an editor changes in the web editor, in the order shown.
DATA_FILES = ("programme", "projects", "sources", "contact")
# The repository the editor commits to (its pull requests): GitHub's owner/name.
# GitHub Actions sets GITHUB_REPOSITORY; elsewhere CMS_REPOSITORY, or a
# placeholder with which only the local mode works.
REPOSITORY = os.environ.get("CMS_REPOSITORY") or os.environ.get("GITHUB_REPOSITORY") or "OWNER/REPOSITORY"
BRANCH = os.environ.get("CMS_BRANCH", "main")
NEWS_NAME = r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*$"
LANGUAGE_LABELS = {"ar": "العربية", "fr": "Français", "en": "English"}

# The guidance of the data files' comments, by file and field path
# (`*` for every item of a list). Shown under each field in the editor.
HINTS: dict[str, str] = {
    "sources": "Every document the site's facts come from. Pages cite these by id (front matter `sources:` and "
               "the `sources` field of data entries); the sources page lists each as a reference.",
    "sources.sources.*.title": "The document's own title, verbatim, in its own language, where it is known; "
                               "leave it out rather than make one up.",
    "sources.sources.*.about": "That title translated into each language (the Arabic line may repeat an Arabic "
                               "title); for a document without a known title, what it is.",
    "sources.sources.*.publisher": "As the publisher names itself; left out where the text does not name one "
                                   "(the agreement is cited as the agreement itself).",
    "sources.sources.*.url": "The article's own full address, never a site's home page.",
    "sources.sources.*.secondary": "On for a public report read after the five archived Arabic press texts; "
                                   "where a seed says otherwise, the seed stands. Without a `url` the fact "
                                   "sheet confirms, give `publisher` and `date` only: never guess an address.",
    "sources.sources.*.month_only": "On where the document gives the month, not the day.",
    "sources.sources.*.kind": "What the document is, where its title does not say.",
    "sources.sources.*.replaced_by": "An old id, kept so that pages citing it still work; it stands for the "
                                     "entry it names (it is never an anchor of the page, and has no other field).",
    "programme": "The Moussalaha rehabilitation programme (seeds 001, 002, 003, and the public reports in "
                 "sources.yml).",
    "programme.milestones": "Cumulative figures since 2017, as reported at the close or opening of an edition: "
                            "beneficiaries; prisoners released, of whom by royal pardon; and the prisoners "
                            "taking part in the edition closed or opened that day. Leave a figure out where the "
                            "source does not give it. Where reports disagree, `note` says what each counts, "
                            "with `note_sources`.",
    "programme.milestones.*.month_only": "On where the report gives the month, not the day: the site shows "
                                         "«February 2023».",
    "programme.women": "Women prisoners (fact sheet: seed 003; conflict 6, 12 against 10).",
    "programme.aftercare_events": "After release: what the reports say was done, with its date.",
    "projects": "The projects that the founding agreement charges the centre with (seed 001, `announced`). "
                "They are listed here as they are published: fill every field from a published source (add "
                "that source to the sources first).",
    "projects.projects.*.level": "society | sentence | aftercare (strategy.yml)",
    "projects.projects.*.partners": "Ids from institutions.yml.",
    "projects.projects.*.status": "announced | under-way | completed",
    "projects.other_programmes": "Programmes that the centre's website describes. Whether they are among the "
                                 "projects above, no source says: keep them here unless a published source "
                                 "counts them among the projects.",
    "projects.activities": "The centre's other activities, as the press reported them, by date.",
    "contact": "How to reach the centre. No public source gives a contact yet: leave these empty until the "
               "centre publishes one. Once any field is filled in, the footer of every page shows a «Contact» "
               "block with it, and the legal notice, accessibility and privacy statements can point to it.",
    "contact.contact.email": "An e-mail address, for example: contact@example.ma",
    "contact.contact.phone": "A telephone number in international form, for example: +212 5 37 00 00 00",
    "contact.contact.address": "A postal address, in each language (leave a language empty to omit it).",
}
FRONT_MATTER_HINTS = {
    "title": "The headline, in this language.",
    "description": "The lead: one or two sentences (more than 40 characters), shown under the headline and in "
                   "search results; different from every other page's.",
    "date": "The day of the event, as in the item's file name.",
    "sources": "The documents the facts come from (add a new one to the sources first).",
    "body": "Markdown. Start with the headline again as `# … { #article }`. State the centre's own facts and "
            "events plainly, in its own voice (never «according to a press report»); attribute only praise and "
            "what a named body announced, and list the documents behind them in Sources. Keep `{{ … }}` and every heading's `{ #id }` as they are: they write the data in the "
            "page's language and link the three versions.",
    "page_body": "Markdown. Keep `{{ … }}`, `{% … %}` and every heading's `{ #id }` as they are: they write "
                 "the data in the page's language and link the three versions.",
}


def ltr(hint: str) -> str:
    """A hint in English, shown in the Arabic interface's right-to-left
    paragraphs: a left-to-right mark after its last full stop keeps the stop
    at the sentence's end, not at its start."""
    return hint + "\u200e"


def _optional(annotation) -> tuple[object, bool]:
    """(the type without None, whether None was allowed)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _metadata(info: FieldInfo, name: str):
    for item in info.metadata:
        if hasattr(item, name):
            return getattr(item, name)
    return None


def _text_fields(required: bool) -> list[dict]:
    # The three languages side by side, each in its direction.
    return [{"name": lang, "label": LANGUAGE_LABELS[lang], "widget": "string", "required": required}
            for lang in LANGUAGES]


def field(name: str, info: FieldInfo, path: str, ids: dict[str, list[str]]) -> dict:
    """The editor's field for one field of a data model."""
    annotation, optional = _optional(info.annotation)
    required = info.is_required() and not optional
    entry: dict = {"name": name, "label": name.replace("_", " "), "required": required}
    hint = HINTS.get(path)
    origin = typing.get_origin(annotation)
    if annotation is data.Text or annotation is data.PartialText:
        entry |= {"widget": "object", "fields": _text_fields(annotation is data.Text)}
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        entry |= {"widget": "object", "fields": model_fields(annotation, path, ids)}
    elif origin is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            entry |= {"widget": "list", "fields": model_fields(item, f"{path}.*", ids)}
        elif name == "sources" or name.endswith("_sources"):
            entry |= {"widget": "relation", "collection": "data", "file": "sources",
                      "value_field": "sources.*.id", "search_fields": ["sources.*.id", "sources.*.about.en"],
                      "display_fields": ["sources.*.id"], "multiple": True}
        elif name in ("partners", "launched_by"):
            entry |= {"widget": "select", "options": ids["institutions"], "multiple": True}
        else:
            entry |= {"widget": "list"}
        minimum = _metadata(info, "min_length")
        if minimum:
            entry["min"] = minimum
        else:
            entry["required"] = False
    elif typing.get_origin(annotation) is typing.Literal:
        entry |= {"widget": "select", "options": list(typing.get_args(annotation))}
    elif name == "level":
        entry |= {"widget": "select", "options": ids["levels"]}
    elif annotation is bool:
        entry |= {"widget": "boolean"}
        entry["required"] = False
    elif annotation is int:
        entry |= {"widget": "number", "value_type": "int"}
        for bound, key in (("gt", 1), ("ge", 0)):
            value = _metadata(info, bound)
            if value is not None:
                entry["min"] = value + key if bound == "gt" else value
    elif annotation is dt.date:
        entry |= {"widget": "datetime", "time_format": False, "format": "YYYY-MM-DD"}
    else:
        entry |= {"widget": "string"}
        pattern = _metadata(info, "pattern")
        if pattern:
            entry["pattern"] = [pattern, "Write the full address, starting with https://"]
    if hint:
        entry["hint"] = ltr(hint)
    return entry


def model_fields(model: type[BaseModel], path: str, ids: dict[str, list[str]]) -> list[dict]:
    return [field(name, info, f"{path}.{name}", ids) for name, info in model.model_fields.items()]


def _front_matter(with_date: bool, body_hint: str) -> list[dict]:
    fields = [
        {"name": "title", "label": "العنوان", "widget": "string", "i18n": True, "hint": ltr(FRONT_MATTER_HINTS["title"])},
        {"name": "description", "label": "التقديم", "widget": "text", "i18n": True,
         "hint": ltr(FRONT_MATTER_HINTS["description"]), "pattern": [r"^[\s\S]{41,}$", "More than 40 characters."]},
    ]
    if with_date:
        fields.append({"name": "date", "label": "التاريخ", "widget": "datetime", "time_format": False,
                       "format": "YYYY-MM-DD", "i18n": False, "hint": ltr(FRONT_MATTER_HINTS["date"])})
    fields += [
        {"name": "sources", "label": "المصادر", "widget": "relation", "collection": "data", "file": "sources",
         "value_field": "sources.*.id", "search_fields": ["sources.*.id", "sources.*.about.en"],
         "display_fields": ["sources.*.id"], "multiple": True, "required": with_date, "i18n": False,
         "hint": ltr(FRONT_MATTER_HINTS["sources"])},
        # Kept as they are: the layout of three pages, and the translations'
        # fingerprints (scripts/site.py stamp writes them, never the editor).
        {"name": "template", "widget": "hidden", "i18n": False},
        {"name": "hide", "widget": "hidden", "i18n": False},
        {"name": "translated_from", "widget": "hidden", "i18n": True},
        # The raw Markdown, in a plain text box: a rich editor would escape
        # {{ … }} and { #id }, and Sveltia's Markdown editor, even in its
        # raw mode, is a rich-text box whose toolbar rewrites the source.
        {"name": "body", "label": "النص", "widget": "text", "i18n": True,
         "hint": FRONT_MATTER_HINTS[body_hint]},
    ]
    if with_date:
        fields = [f for f in fields if f["name"] not in ("template", "hide")]
    return fields


def config(root: Path, site_url: str | None = None) -> dict:
    site = data.load(root / "docs" / "data")  # read again only when a data file changed
    ids = {"institutions": [i.id for i in site.institutions], "levels": [lvl.id for lvl in site.levels]}
    data_files = []
    for name in DATA_FILES:
        model = data.FILES[name]
        fields = model_fields(model, name, ids)
        # What the file's first comment says, under its first field.
        fields[0]["hint"] = ltr(" ".join(filter(None, (HINTS.get(name), fields[0].get("hint", "").rstrip("\u200e")))))
        data_files.append({"name": name, "label": f"{name}.yml", "file": f"docs/data/{name}.yml",
                           "i18n": False, "fields": fields})
    return {
        # open_authoring: an editor without write access proposes through a fork.
        "backend": {"name": "github", "repo": REPOSITORY, "branch": BRANCH, "open_authoring": True},
        # Every save is a pull request, checked by the gate and CI like any other.
        "publish_mode": "editorial_workflow",
        "media_folder": "docs/assets/images",
        "public_folder": "/assets/images",
        **({"site_url": site_url} if site_url else {}),
        "i18n": {"structure": "multiple_files", "locales": list(LANGUAGES), "default_locale": DEFAULT_LANGUAGE,
                 # docs/NAME.md is the Arabic page, docs/NAME.fr.md and .en.md its translations.
                 "omit_default_locale_from_file_path": True, "initial_locales": "all"},
        "output": {"omit_empty_optional_fields": True,
                   "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"}},
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [
            {"name": "news", "label": "الأخبار", "label_singular": "خبر", "folder": "docs/news",
             "create": True, "extension": "md", "format": "frontmatter", "i18n": True,
             # No template: the editor types the name, held to the site's pattern.
             "slug": {"editable": ["create"], "i18n": "duplicate",
                      "pattern": [NEWS_NAME, "The date, then a few English words in lowercase, joined by "
                                             "hyphens: 2025-12-10-european-judicial-delegation"],
                      "hint": ltr("The item's file name and address: its date, then a few English words "
                                  "(2025-12-10-european-judicial-delegation). Never renamed once published.")},
             "summary": "{{date}} · {{title}}", "sortable_fields": {"fields": ["date", "title"],
                                                                   "default": {"field": "date",
                                                                               "direction": "descending"}},
             "fields": _front_matter(True, "body")},
            {"name": "pages", "label": "الصفحات", "label_singular": "صفحة", "folder": "docs", "create": False,
             "delete": False, "extension": "md", "format": "frontmatter", "i18n": True,
             "fields": _front_matter(False, "page_body")},
            {"name": "data", "label": "المعطيات", "i18n": False, "files": data_files},
        ],
    }


class _EditorDumper(yaml.SafeDumper):
    """YAML as the web editor writes it: block lists indented under their key."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_EditorDumper.add_representer(
    dt.date, lambda dumper, day: dumper.represent_scalar("tag:yaml.org,2002:timestamp", day.isoformat()))


def _as_editor_writes(value: BaseModel) -> dict:
    """The fields in the schema's order, as the editor saves them: empty
    optional values left out, every checkbox written (false when unticked)."""
    out = {}
    for name, info in type(value).model_fields.items():
        item = getattr(value, name)
        if item is None and _optional(info.annotation)[0] is bool:
            item = False
        if isinstance(item, BaseModel):
            item = _as_editor_writes(item)
        elif isinstance(item, list):
            item = [_as_editor_writes(x) if isinstance(x, BaseModel) else x for x in item]
        if item is None or item == "" or item == [] or item == {}:
            continue
        out[name] = item
    return out


def editor_style(name: str, text: str) -> str:
    """A data file (docs/data/NAME.yml) rewritten as the web editor saves it,
    the same data: once a file is in this style, a change made in the editor
    changes only its own lines (tests/browser/test_cms.py compares with what
    the editor writes). Its comments are not kept: the hints hold them."""
    value = data.FILES[name].model_validate(yaml.safe_load(text))
    return yaml.dump(_as_editor_writes(value), Dumper=_EditorDumper, allow_unicode=True, sort_keys=False,
                     width=10**9)


def config_yaml(root: Path, site_url: str | None = None) -> str:
    text = yaml.dump(config(root, site_url), Dumper=yaml.SafeDumper, allow_unicode=True, sort_keys=False, width=120)
    return ("# Written by the build (moussalaha/output/cms.py) from the data's schema: edit that module, not this file.\n"
            + text)
