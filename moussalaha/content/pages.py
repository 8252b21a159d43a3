"""The site's Markdown pages as the build and the editors' tool see them:
which file is which language of which page; its front matter, split as
MkDocs splits it, and the rules every page's front matter follows (the
build and the editors' tool apply the same); its headings and sections (a
heading with its id and the text under it), as markdown-it-py's block
parser finds them; the fingerprints that tell whether a translation still
matches its Arabic source (and since which commit it does not); and the
place of a new page in mkdocs.yml's nav.

A French or English page records, in its front matter, a fingerprint of
each section of the Arabic text it was translated from:

    translated_from:
      centre: 3f2a1b9c
      creation: 9d04e1aa

so that a changed Arabic section is noticed without git history.
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

import yaml
from markdown_it import MarkdownIt
from mkdocs.utils.meta import YAML_RE

from moussalaha.languages import DEFAULT_LANGUAGE, ENGLISH_NAMES, TRANSLATIONS

EXPLICIT_ID = re.compile(r"\{[^}]*#([a-z0-9][a-z0-9-]*)[^}]*\}\s*$")
# The block structure of Markdown (CommonMark, with the source line of each
# block): headings, and the fences and indented code that hold none.
# Only the blocks: a heading's text is taken as written.
_BLOCKS = MarkdownIt("commonmark").disable(["inline", "text_join"])
STAMP = "translated_from"
# Front matter fields a page may carry; anything else is a typo.
# `date` is a news article's (moussalaha/content/news.py).
PAGE_FIELDS = {"title", "description", "sources", "date", "hide", "icon", "status", "template", STAMP}
# Fields every page must fill in, in its own language.
REQUIRED_FIELDS = ("title", "description")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Front matter as MkDocs itself splits it (mkdocs.utils.meta): a line ---,
# the YAML, then a line --- or ...; group 1 is the YAML.
FRONT_MATTER = YAML_RE
# centre.md, centre.fr.md: lowercase Latin letters, digits and hyphens.
PAGE_NAME = re.compile(r"^(?P<name>[a-z0-9][a-z0-9-]*)(?:\.(?P<lang>%s))?\.md$" % "|".join(TRANSLATIONS))


@dataclass
class Heading:
    line: int  # in the text given
    level: int
    text: str  # as written, with its { #id } if any
    id: str | None


def headings(markdown: str, first_line: int = 1) -> Iterator[Heading]:
    """Every Markdown heading (`## Title` and `Title` over `===` or `---`),
    with its explicit id, as a Markdown parser finds it: not in code
    fences, however they nest, nor in indented code."""
    for line, level, text, id in _headings(markdown):
        yield Heading(line + first_line, level, text, id)


@functools.lru_cache(maxsize=512)
def _headings(markdown: str) -> tuple[tuple[int, int, str, str | None], ...]:
    """(line from 0, level, text, id) of each heading, parsed once for each
    text: the block parser takes about 1.5 ms a page (the regular
    expression it replaced, 0.06 ms), and the build, the translations'
    checks and the preview's rebuilds ask for the same pages again."""
    tokens = _BLOCKS.parse(markdown)
    found = []
    for token, inline in zip(tokens, tokens[1:]):
        if token.type == "heading_open" and token.map:
            text = inline.content.strip()
            explicit = EXPLICIT_ID.search(text)
            found.append((token.map[0], int(token.tag[1]), text, explicit.group(1) if explicit else None))
    return tuple(found)


def file_line(source_text: str, body: str, body_line: int) -> int:
    """The line of the page file that is line `body_line` of its Markdown body
    (MkDocs gives hooks the body without the front matter)."""
    stripped = body.lstrip("\n")
    start = source_text.find(stripped[:200]) if stripped else -1
    if start < 0:
        return body_line
    return body_line - (len(body) - len(stripped)) + source_text[:start].count("\n")


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

    def field_line(self, field: str) -> int:
        """The line of the front matter's `field:`, else 1."""
        for number, line in enumerate(self.text.splitlines()[:self.body_line], 1):
            if line.startswith(f"{field}:"):
                return number
        return 1


def page_path(name: str, lang: str, docs: Path) -> Path:
    suffix = "" if lang == DEFAULT_LANGUAGE else f".{lang}"
    return docs / f"{name}{suffix}.md"


def split_name(filename: str) -> tuple[str, str] | None:
    """("centre", "fr") for centre.fr.md; None for a name the site cannot use."""
    match = PAGE_NAME.match(filename)
    if not match:
        return None
    return match["name"], match["lang"] or DEFAULT_LANGUAGE


@functools.lru_cache(maxsize=1024)
def _front_matter(text: str) -> tuple[object, tuple[int, str] | None]:
    """The front matter's data, or the (line, problem) that stops it, read
    once for each text: a build reads most pages several times (the
    translations' notices, the news lists, the sharing tags), and the
    preview builds every page on each save; the pure-Python parser is slow."""
    try:
        return yaml.safe_load(text), None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, ((mark.line + 2) if mark else 1, str(getattr(error, "problem", None) or error))


def read_page(path: Path, text: str | None = None) -> Page:
    """The page at `path` (or `text`, that page as it was at some commit)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    name, lang = split_name(path.name) or (path.name.split(".")[0], DEFAULT_LANGUAGE)
    page = Page(path, name, lang, text, body=text)
    match = FRONT_MATTER.match(text)
    if not match:
        return page
    page.body = text[match.end():]
    page.body_line = text[:match.end()].count("\n") + 1
    meta, page.meta_error = _front_matter(match.group(1))
    if page.meta_error:
        return page
    meta = copy.deepcopy(meta)  # the caller's own: the one read is kept for the next
    if isinstance(meta, dict):
        page.meta = meta
    elif meta is not None:
        page.meta_error = (2, "it is not a list of `field: value` lines")
    return page


def front_matter_problems(page: Page, source_ids: set[str] | None = None) -> list[tuple[int, str]]:
    """(line, message) for what any page's front matter must be, for the
    build and the editors' tool alike: YAML between two --- lines, no
    unknown field, a title and a description, and (given the data's
    `source_ids`) only sources the data holds. A news article's own rules
    are moussalaha.content.news.problems."""
    if page.meta_error:
        line, what = page.meta_error
        return [(line, f"the front matter (between the --- lines) is not valid YAML ({what}) — "
                       "check the indentation, and put a value that contains «: » or « #» in quotes")]
    if not FRONT_MATTER.match(page.text):
        return [(1, "the page has no front matter — start it with a line ---, then `title: …` "
                    "and `description: …`, then a line ---")]
    found = []
    for name in sorted(set(page.meta) - PAGE_FIELDS):
        close = difflib.get_close_matches(name, PAGE_FIELDS, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"the fields are {', '.join(sorted(PAGE_FIELDS))}"
        found.append((page.field_line(name), f"unknown front matter field `{name}` — {hint}"))
    for name in REQUIRED_FIELDS:
        value = page.meta.get(name)
        if not isinstance(value, str) or not value.strip():
            found.append((page.field_line(name), f"the front matter has no `{name}:` — add one in {ENGLISH_NAMES[page.lang]}"))
    cited = page.meta.get("sources") or []
    cited = cited if isinstance(cited, list) else [cited]
    unknown = [str(s) for s in cited if str(s) not in source_ids] if source_ids is not None else []
    if unknown:
        found.append((page.field_line("sources"), f"`sources:` names unknown source id(s) {', '.join(unknown)} — "
                                                  "add them to docs/data/sources.yml or fix the spelling"))
    return found


def sections(body: str, first_line: int = 1) -> list[Section]:
    """The page cut at every heading with an id; text before the first
    heading belongs to the first section."""
    lines = body.splitlines()
    cuts = [h for h in headings(body, first_line) if h.id]
    if not cuts:
        return [Section("page", first_line, "\n".join(lines))]
    found = []
    for index, heading in enumerate(cuts):
        start = 0 if index == 0 else heading.line - first_line
        end = cuts[index + 1].line - first_line if index + 1 < len(cuts) else len(lines)
        found.append(Section(heading.id, heading.line, "\n".join(lines[start:end])))
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


def since(source: Page, stamp: dict[str, str], root: Path) -> str:
    """The commit that changed the Arabic page after the translated version,
    when the git history (of the project at `root`) reaches back to it."""
    path = source.path.resolve().relative_to(root.resolve()).as_posix()
    log = subprocess.run(["git", "log", "--format=%h %as", "--", path], cwd=root, capture_output=True, text=True)
    if log.returncode != 0:
        return ""
    newer = "uncommitted edits"
    for entry in log.stdout.splitlines():
        commit, date = entry.split()
        shown = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, text=True)
        if shown.returncode == 0 and not changes(stamp, read_page(source.path, shown.stdout)):
            return f" (since {newer})"
        newer = f"{commit} of {date}"
    return ""


class NavError(ValueError):
    """The navigation of mkdocs.yml has no place for a new page; the message says so."""


def add_to_nav(config: str, name: str, after: str | None = None) -> str:
    """mkdocs.yml's text (`config`) with `- NAME.md` in its `nav:`: after the
    page `after`, at that page's indent, or else after the last page of the
    menu's first level, before a group (the reference pages): a new page is
    a section, not a reference. The rest of the file, comments included,
    is left as written."""
    lines = config.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    if start is None:
        raise NavError("mkdocs.yml has no `nav:` list; add the page to the navigation by hand.")
    entries = []
    for number in range(start + 1, len(lines)):
        if re.match(r"^\s+- ", lines[number]):
            entries.append(number)
        elif lines[number].strip() and not lines[number].lstrip().startswith("#"):
            break
    after_name = (after or "").removesuffix(".md")
    matching = [n for n in entries if after_name and re.search(rf"[\s'\"]{re.escape(after_name)}\.md\b", lines[n])]
    if (after and not matching) or not entries:
        raise NavError(f"{after or 'nav'}: not found in the navigation of mkdocs.yml.")
    top = re.match(r"^(\s*)", lines[entries[0]]).group(1)
    sections = [n for n in entries if re.match(r"^(\s*)", lines[n]).group(1) == top and not lines[n].rstrip().endswith(":")]
    at = matching[0] if matching else (sections or entries)[-1]
    indent = re.match(r"^(\s*)", lines[at]).group(1)
    lines.insert(at + 1, f"{indent}- {name}.md\n")
    return "".join(lines)


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


def stamp(paths: Iterable[Path]) -> tuple:
    """What changes when one of `paths` is saved, replaced, added or
    removed: what was read from them is good while their stamp is the same
    (under `make serve`, every page of every rebuild asks for the data and
    the news)."""
    return tuple(sorted((path.name, status.st_ino, status.st_mtime_ns, status.st_size)
                        for path in paths for status in [path.stat()]))
