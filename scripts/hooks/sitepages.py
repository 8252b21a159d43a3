"""The site's Markdown pages as the editors' tool and the hooks see them:
which file is which language of which page, its front matter, its sections
(a heading with its id and the text under it), and the fingerprints that
tell whether a translation still matches its Arabic source.

A French or English page records, in its front matter, a fingerprint of
each section of the Arabic text it was translated from:

    translated_from:
      centre: 3f2a1b9c
      creation: 9d04e1aa

so that a changed Arabic section is noticed without git history. Imported by
scripts/site.py (`check`, `status`, `stamp`) and scripts/hooks/translations.py
(the notices on the site); it is not a hook itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

import sitedata
from multilingual import EXPLICIT_ID, HEADING

DOCS = sitedata.ROOT / "docs"
TRANSLATIONS = tuple(lang for lang in sitedata.LANGUAGES if lang != sitedata.DEFAULT_LANGUAGE)
STAMP = "translated_from"
# The same front matter delimiters as MkDocs (mkdocs.utils.meta).
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# centre.md, centre.fr.md: lowercase Latin letters, digits and hyphens.
PAGE_NAME = re.compile(r"^(?P<name>[a-z0-9][a-z0-9-]*)(?:\.(?P<lang>%s))?\.md$" % "|".join(TRANSLATIONS))


@dataclass
class Section:
    id: str
    line: int  # line of its heading in the page file
    text: str  # the heading and everything under it, to the next heading

    @property
    def fingerprint(self) -> str:
        # Re-wrapping lines or marking up words (<span lang="en">WCAG</span>)
        # changes nothing a translator must redo.
        words = HTML_TAG.sub("", self.text).split()
        return hashlib.sha256(" ".join(words).encode()).hexdigest()[:8]


@dataclass
class Page:
    path: Path
    name: str
    lang: str
    text: str
    meta: dict = field(default_factory=dict)
    meta_error: tuple[int, str] | None = None  # (line, problem) when not valid YAML
    body: str = ""
    body_line: int = 1  # the file line of the body's first line

    @property
    def sections(self) -> list[Section]:
        return sections(self.body, self.body_line)


def page_path(name: str, lang: str, docs: Path = DOCS) -> Path:
    suffix = "" if lang == sitedata.DEFAULT_LANGUAGE else f".{lang}"
    return docs / f"{name}{suffix}.md"


def split_name(filename: str) -> tuple[str, str] | None:
    """("centre", "fr") for centre.fr.md; None for a name the site cannot use."""
    match = PAGE_NAME.match(filename)
    if not match:
        return None
    return match["name"], match["lang"] or sitedata.DEFAULT_LANGUAGE


def read_page(path: Path, text: str | None = None) -> Page:
    """The page at `path` (or `text`, that page as it was at some commit)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    name, lang = split_name(path.name) or (path.name.split(".")[0], sitedata.DEFAULT_LANGUAGE)
    page = Page(path, name, lang, text, body=text)
    match = FRONT_MATTER.match(text)
    if not match:
        return page
    page.body = text[match.end():]
    page.body_line = text[:match.end()].count("\n") + 1
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        page.meta_error = ((mark.line + 2) if mark else 1, str(getattr(error, "problem", None) or error))
        return page
    if isinstance(meta, dict):
        page.meta = meta
    elif meta is not None:
        page.meta_error = (2, "it is not a list of `field: value` lines")
    return page


def sections(body: str, first_line: int = 1) -> list[Section]:
    """The page cut at every heading with an id; text before the first
    heading belongs to the first section."""
    found: list[Section] = []
    preamble: list[str] = []
    for number, line in enumerate(body.splitlines(), first_line):
        heading = HEADING.match(line)
        explicit = heading and EXPLICIT_ID.search(heading.group(2))
        if explicit:
            found.append(Section(explicit.group(1), number, "\n".join(preamble + [line])))
            preamble = []
        elif found:
            found[-1].text += "\n" + line
        else:
            preamble.append(line)
    if not found:
        found.append(Section("page", first_line, "\n".join(preamble)))
    return found


def fingerprints(page: Page) -> dict[str, str]:
    return {section.id: section.fingerprint for section in page.sections}


def stamp_of(page: Page) -> dict[str, str] | None:
    """The page's `translated_from:` as {section id: fingerprint}, None if absent or malformed."""
    stamp = page.meta.get(STAMP)
    if not isinstance(stamp, dict) or not stamp:
        return None
    return {str(key): str(value) for key, value in stamp.items()}


def changes(stamp: dict[str, str], source: Page) -> list[tuple[str, Section | str]]:
    """What changed in the Arabic source since the translation was stamped:
    ("changed" | "new", section) and ("removed", id), in the source's order."""
    found: list[tuple[str, Section | str]] = []
    current = {section.id: section for section in source.sections}
    for section in current.values():
        if section.id not in stamp:
            found.append(("new", section))
        elif stamp[section.id] != section.fingerprint:
            found.append(("changed", section))
    found += [("removed", id) for id in stamp if id not in current]
    return found


def with_stamp(translation: Page, source: Page) -> str:
    """The translation's file text with `translated_from:` set to the source's
    current fingerprints; the rest of the front matter is left as written."""
    block = yaml.safe_dump({STAMP: fingerprints(source)}, sort_keys=False, allow_unicode=True)
    match = FRONT_MATTER.match(translation.text)
    if not match:
        return f"---\n{block}---\n\n{translation.text}"
    kept, skipping = [], False
    for line in match.group(1).splitlines(keepends=True):
        if line.startswith(f"{STAMP}:"):
            skipping = True
        elif skipping and line[:1] in (" ", "\t"):
            continue
        else:
            skipping = False
        if not skipping:
            kept.append(line)
    return "---\n" + "".join(kept) + block + translation.text[match.end(1):]
