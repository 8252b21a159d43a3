"""One gate for what a pull request changes: the checks of issue 12 that
need no build, in the order that keeps the work bounded, as one list of
`file:line: what is wrong — how to fix it`.

`scripts/site.py check` and the build (the plugin's on_pre_build)
both call `check_project` and refuse the same problems with the same
messages, naming the editor's file.

1. The tree (moussalaha.gate.filetree): links, stray .html files, sizes, SVG files;
   a file refused here is not read further.
2. Data files: disguising characters, then the untrusted YAML loader
   (anchors, aliases, duplicate keys), HTML in any text, then the schema
   in the editors' words.
3. Pages: disguising characters, the front matter as untrusted YAML (a key
   given twice, anchors, aliases) and HTML in its text, HTML
   written inside template expressions,
   and the editors' own HTML (the Markdown rendered without its template
   expressions, whose output the sandbox escapes) against the allowlist.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

# Front matter as MkDocs itself splits it, the one rule the pages' model
# (moussalaha/content/pages.py) uses too; the gate reads no page model.
from mkdocs.utils.meta import YAML_RE as FRONT_MATTER
from pydantic import BaseModel, ValidationError

from moussalaha.gate import (
    allowlist,
    bounds,
    disguise,
    filetree,
    sandbox,
    schema_messages,
    untrusted_yaml,
)
from moussalaha.problems import Problem, Problems

# Front-matter fields the theme reads, and the values it may be given:
# `template` names a file of overrides/, `status` and `icon` are printed
# into attributes and paths. None of the site's pages has a status or an icon.
FIXED_VALUES = {
    "template": {"home.html", "sitemap.html"},
    "hide": {"navigation", "toc", "footer", "path", "tags", "feedback"},
    "status": set(),
    "icon": set(),
}
CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")


def jinja_spans(text: str):
    """(start, end) of each template tag, comment and expression of `text`,
    as Jinja reads them, in one pass: a tag that never closes ends the scan
    for its kind, so that thousands of unclosed `{{` cost no more than one
    (the regular expression that did this went back over the rest of the
    page from each of them: about a minute a page)."""
    closers = {"{{": "}}", "{%": "%}", "{#": "#}"}
    closed = dict.fromkeys(closers, True)
    position = 0
    while True:
        start = text.find("{", position)
        while start != -1 and (text[start:start + 2] not in closers or not closed[text[start:start + 2]]):
            start = text.find("{", start + 1)
        if start == -1:
            return
        opener = text[start:start + 2]
        end = text.find(closers[opener], start + 2)
        if end == -1:
            closed[opener] = False
            position = start + 2
            continue
        yield start, end + 2
        position = end + 2


def _blank(text: str) -> str:
    """`text` without its template tags, its lines kept. An expression that
    prints (`{{ … }}`) leaves a 0 where it was: blanked to nothing, the
    spaces after it would indent the rest of the line into a code block,
    which Markdown escapes, while the build prints something there and
    reads the line as text (and its HTML as HTML)."""
    pieces, position = [], 0
    for start, end in jinja_spans(text):
        pieces.append(text[position:start])
        lines = text.count("\n", start, end)
        pieces.append("\n" * lines or ("0" if text.startswith("{{", start) else ""))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def fixed_value_problems(document: untrusted_yaml.Document) -> list[Problem]:
    """Front-matter fields that reach the theme's templates, held to their values."""
    problems = []
    for field, allowed in FIXED_VALUES.items():
        if not isinstance(document.data, dict) or field not in document.data:
            continue
        value = document.data[field]
        values = value if isinstance(value, list) and field == "hide" else [value]
        wrong = [v for v in values if not isinstance(v, str) or v not in allowed]
        if wrong:
            problems.append(Problem(document.path, document.line((field,)),
                                    f"`{field}: {str(wrong[0])[:60]}` is not a value the site uses for {field}",
                                    f"write one of {', '.join(sorted(allowed))}" if allowed else
                                    f"remove the `{field}:` line: the site's pages have none"))
    return problems


def referenced_disguise(text: str, display: str, first_line: int = 1) -> list[Problem]:
    """Disguising characters written as HTML character references
    (`&#x202E;`), which the check of the raw file cannot see: each line that
    holds one is checked again with its references decoded."""
    problems = []
    for number, line in enumerate(text.split("\n"), first_line):
        if "&" in line and CHARACTER_REFERENCE.search(line):
            problems += disguise.check_text(html.unescape(line), display, number)
    return problems


# An element, a comment or a declaration: what makes a text HTML.
TAG = re.compile(r"<[a-zA-Z!/?]")
# What makes a text Markdown once a component puts it into a page: a link
# or an image, an attribute list, code, emphasis.
MARKDOWN = {
    "a Markdown link or image": re.compile(r"\]\s*\(|!\[|\]\s*\["),
    "an attribute list": re.compile(r"\{\s*:|\{\s*[#.][A-Za-z_-]|\{[^}\n]*=[^}\n]*\}"),
    "Markdown code or emphasis": re.compile(r"`|\*|(?<!\w)_|_(?!\w)|\\"),
}
# The tags of plain YAML: text, numbers, booleans, dates, lists and mappings.
PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in
              ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def plain_text_problems(value: str, display: str, line: int) -> list[Problem]:
    """Markdown in a text that must be plain: a component writes data texts
    into Markdown (the sources at a page's end), where `[a](javascript:…)`
    or `{: onclick=… }` would become markup."""
    return [Problem(display, line, f"{what} in a text of the data or of the front matter",
                    "write plain text: no [ ]( ), { }, `, * or _ around words; the site lays the text out itself")
            for what, pattern in MARKDOWN.items() if pattern.search(value)]


def data_text_html(document: untrusted_yaml.Document, markdown: bool = True) -> list[Problem]:
    """HTML (and Markdown) in any text of a data file (or a page's front
    matter), on the text's line; tags other than plain YAML's; disguising
    characters written as escapes. Data is plain text: the theme's
    templates print some of it as it is, so even HTML the pages may hold is
    refused here."""
    problems = []
    # A node of another tag is refused whole: what is under it is not read.
    for node in untrusted_yaml.walk_nodes(document.node, into=lambda node: node.tag in PLAIN_TAGS):
        line = node.start_mark.line + 1
        if node.tag not in PLAIN_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(Problem(document.path, line, f"the YAML tag {shown} is refused: it turns the text into "
                                                         "something else (bytes, objects) that the checks do not read",
                                    "remove the tag and write the value as plain text"))
            continue
        if isinstance(node, yaml.ScalarNode):
            if "<" in node.value or "&" in node.value:
                found = allowlist.check_fragment(node.value, document.path, line)
                if not found and TAG.search(node.value):
                    found = [Problem(document.path, line, "HTML in a text of the data or of the front matter",
                                     "write plain text, without tags: the site lays the text out itself")]
                problems += found
            if markdown:
                problems += plain_text_problems(node.value, document.path, line)
            if node.style == '"':
                # Escapes (\u202E) are decoded here: the raw file's check did not see them.
                problems += disguise.check_text(node.value, document.path, line)
    return problems


def check_data(path: Path, display: str, model: type[BaseModel] | None) -> list[Problem]:
    text = path.read_text(encoding="utf-8", errors="replace")
    problems = disguise.check_text(text, display)
    try:
        document = untrusted_yaml.load(path, display)
    except Problems as refused:
        return problems + refused.problems
    problems += data_text_html(document)
    if model is not None:
        try:
            model.model_validate(document.data or {})
        except ValidationError as error:
            problems += schema_messages.problems(error, display, document.line, model)
    return problems


def _parses(text: str) -> bool:
    """Whether `text` is YAML to the parser, which builds nothing (an alias
    bomb costs nothing here)."""
    try:
        for _ in yaml.parse(text):
            pass
    except yaml.YAMLError:
        return False
    return True


def check_page(path: Path, display: str, env: sandbox.PageSandbox,
               render_markdown: Callable[[str], str]) -> list[Problem]:
    text = path.read_text(encoding="utf-8", errors="replace")
    problems = disguise.check_text(text, display)
    front = FRONT_MATTER.match(text)
    offset = text.count("\n", 0, front.end()) if front else 0
    body = text[front.end():] if front else text
    if front:
        # The `---` line stays as an empty first line, so that lines are the file's.
        front_yaml = "\n" + front.group(1)
        try:
            document = untrusted_yaml.loads(front_yaml, display)
            problems += data_text_html(document) + fixed_value_problems(document)
        except Problems as refused:
            # Front matter that is not YAML: the page checks explain it. YAML that
            # the untrusted loader refuses (a key given twice, an anchor or alias)
            # MkDocs would read without a word: a second `sources:` or `date:` of
            # a news article would silently replace the first.
            if _parses(front_yaml):
                problems += refused.problems
    problems += referenced_disguise(text, display)
    problems += sandbox.check_template(env, body, display, offset)
    blanked = _blank(body)
    too_costly = bounds.problems(blanked, display, offset + 1)
    if too_costly:
        return problems + too_costly
    html = render_markdown(blanked)
    problems += allowlist.check_fragment(html, display, first_line=offset + 1, source=text)
    return problems


class Remembered:
    """Each file's problems, for the preview (`mkdocs serve`), which runs the
    gate on every save: a file whose bytes and checks' settings are those of
    the last time is not checked again. Its problems depend on nothing else
    (the tree's checks, which look at every file, are run each time)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, object, list[Problem]]] = {}

    def problems(self, path: Path, display: str, settings: object, check: Callable[[], list[Problem]]) -> list[Problem]:
        raw = path.read_bytes()
        held = self.files.get(display)
        if held is not None and held[0] == raw and held[1] == settings:
            return list(held[2])
        found = check()
        # Saved again while it was checked: these problems may be of either text.
        if path.read_bytes() == raw:
            self.files[display] = (raw, settings, list(found))
        return found

    def keep_only(self, displays: set[str]) -> None:
        for display in set(self.files) - displays:
            del self.files[display]


def check_project(root: Path, data_models: Mapping[str, type[BaseModel]] | None = None, *,
                  render_markdown: Callable[[str], str],
                  remembered: Remembered | None = None, markdown_settings: object = None) -> list[Problem]:
    """Every problem of the project at `root` that needs no build, its pages
    made into HTML by `render_markdown` (moussalaha.content.site_markdown). With
    `remembered`, a file is checked again only if it changed, or if its
    model or `markdown_settings` (what `render_markdown` depends on) did."""
    def checked(path: Path, display: str, settings: object, check: Callable[[], list[Problem]]) -> list[Problem]:
        seen.add(display)
        return remembered.problems(path, display, settings, check) if remembered is not None else check()

    seen: set[str] = set()
    root = root.resolve()
    problems = filetree.check_tree(root)
    refused = {p.file for p in problems}
    env = sandbox.environment(root / "overrides" / "components")
    docs = root / "docs"
    data_dir = docs / "data"
    readable = data_dir.is_dir() and not data_dir.is_symlink() and not docs.is_symlink()
    for path in sorted(data_dir.glob("*.y*ml")) if readable else []:
        display = path.relative_to(root).as_posix()
        if display not in refused and not path.is_symlink():
            model = (data_models or {}).get(path.stem)
            problems += checked(path, display, model, lambda: check_data(path, display, model))
    for path in sorted(docs.rglob("*.md")) if docs.is_dir() and not docs.is_symlink() else []:
        display = path.relative_to(root).as_posix()
        if display not in refused and not path.is_symlink() and not any(p.is_symlink() for p in path.parents):
            problems += checked(path, display, markdown_settings,
                                lambda: check_page(path, display, env, render_markdown))
    if remembered is not None:
        remembered.keep_only(seen)
    return sorted(set(problems))
