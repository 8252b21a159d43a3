"""The editors' tool: check the pages and data before a pull request, see
which translations are missing or out of date, create a page, and record
which Arabic text a translation translates.

    .venv/bin/python scripts/site.py check        # every check (also `make check`)
    .venv/bin/python scripts/site.py status       # the translations, page by page
    .venv/bin/python scripts/site.py new-page visits --title "الزيارات"
    .venv/bin/python scripts/site.py stamp docs/visits.fr.md

`.venv/bin/python scripts/site.py COMMAND --help` explains each command.
Every problem is printed as `file:line: what is wrong — how to fix it`; in
GitHub Actions the same problems appear on the pull request's lines.
"""

from __future__ import annotations

import argparse
import difflib
import math
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "hooks"))

import markdown  # noqa: E402
import yaml  # noqa: E402
from mkdocs.utils.yaml import yaml_load  # noqa: E402
from selectolax.lexbor import LexborHTMLParser  # noqa: E402

import facts  # noqa: E402
import sitedata  # noqa: E402
import sitepages  # noqa: E402
from sitepages import STAMP, TRANSLATIONS  # noqa: E402

DOCS = sitepages.DOCS
DEFAULT = sitedata.DEFAULT_LANGUAGE
TOOL = ".venv/bin/python scripts/site.py"
LANGUAGE_NAMES = {"ar": "Arabic", "fr": "French", "en": "English"}
DESCRIPTION_MIN = 40
IMAGE_LIMIT_KB = 200
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}
# What new-page leaves for the editor to replace; `check` refuses it.
PLACEHOLDER = "✎"

ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
EASTERN_DIGITS = re.compile(r"[\u0660-\u0669\u06F0-\u06F9]")
# Text that is the same in every language or rendered from the data: Jinja
# (`{{ agreement.date | day }}`), link targets, addresses, `{ #ids }`, HTML tags.
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\]\([^)]*\)|<[^>]*>|https?://\S+|\{[:#.][^}]*\}|\{ [#.:][^}]*\}", re.DOTALL)
# 1 234, 1,234 and 2.5 are the digits 1234 and 25 in every language.
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.\u066b\u066c]\d{3}(?!\d))*(?P<decimal>[.,\u066b]\d+)?")
ORDINAL = re.compile(r"(?:er|re|ère|ème|e|es|st|nd|rd|th)\b")
WORD = re.compile(r"\S+")
PUNCTUATION = "[](){}«»“”\"*_,.;:!?؛،‹›"
# Words that do not make a name: a name is recognised by its other words.
STOPWORDS = {"de", "du", "des", "la", "le", "les", "a", "au", "aux", "et", "pour", "of", "the", "and", "for", "in"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def problem(path: Path, line: int, message: str) -> Problem:
    return Problem(relative(path), line, message)


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The first line (from `start`) of `text` that contains `needle`, else `start`."""
    for number, line in enumerate(text.splitlines()[start - 1:], start):
        if needle.lower() in line.lower():
            return number
    return start


def blank(text: str, pattern: re.Pattern) -> str:
    """`text` with the matches of `pattern` replaced by spaces, lines kept."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


# --- The pages: names, languages, navigation --------------------------------


def read_pages() -> tuple[dict[tuple[str, str], sitepages.Page], list[Problem]]:
    """Every usable page by (name, language), and the files the site cannot use."""
    pages, problems = {}, []
    for path in sorted(DOCS.rglob("*.md")):
        where = path.relative_to(DOCS)
        if len(where.parts) > 1:
            problems.append(problem(path, 1, f"pages live directly in docs/, not in a sub-folder (the theme looks "
                                             f"for each language's sitemap next to its pages) — move it to docs/{path.name}"))
            continue
        parsed = sitepages.split_name(path.name)
        if parsed is None:
            fixed = sitepages.split_name(path.name.lower())
            hint = (f"rename it docs/{path.name.lower()}" if fixed else
                    "name it docs/NAME.md in Arabic, docs/NAME.fr.md in French and docs/NAME.en.md in English, "
                    "NAME in lowercase Latin letters, digits and hyphens")
            problems.append(problem(path, 1, f"the site cannot tell which page and language this file is, so it "
                                             f"is never shown as a translation — {hint}"))
            continue
        pages[parsed] = sitepages.read_page(path)
    return pages, problems


def check_languages(pages) -> list[Problem]:
    problems = []
    arabic = sorted(name for name, lang in pages if lang == DEFAULT)
    for (name, lang), page in pages.items():
        if lang != DEFAULT and name not in arabic:
            close = difflib.get_close_matches(name, arabic, n=1)
            hint = (f"rename it {relative(sitepages.page_path(close[0], lang))}, after its Arabic page" if close
                    else f"create the Arabic page docs/{name}.md first, or rename this file after its Arabic page")
            problems.append(problem(page.path, 1, f"there is no Arabic page docs/{name}.md, so this "
                                                  f"{LANGUAGE_NAMES[lang]} translation is never shown — {hint}"))
    for name in arabic:
        for lang in TRANSLATIONS:
            if (name, lang) not in pages:
                target = relative(sitepages.page_path(name, lang))
                problems.append(problem(pages[name, DEFAULT].path, 1, f"the {LANGUAGE_NAMES[lang]} translation {target} "
                                        f"is missing — create it: translate this page, keep its heading ids, "
                                        f"then run `{TOOL} stamp {target}`"))
    return problems


def read_config() -> dict:
    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")) or {}


def check_nav(config: dict, pages) -> list[Problem]:
    problems = []
    config_path = ROOT / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    listed = set()
    for entry in config.get("nav") or []:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if not isinstance(target, str) or "://" in target:
            continue
        listed.add(target)
        line = line_of(text, f"{target}", line_of(text, "nav:"))
        parsed = sitepages.split_name(target)
        if parsed and parsed[1] != DEFAULT:
            problems.append(problem(config_path, line, f"the navigation lists the translation {target} — list the "
                                                       f"Arabic file {parsed[0]}.md only: each language finds its own"))
        elif not parsed or parsed not in pages:
            problems.append(problem(config_path, line, f"the navigation lists {target}, which is not a page in docs/ — "
                                                       "fix the name or remove the line"))
    for (name, lang), page in pages.items():
        if lang == DEFAULT and f"{name}.md" not in listed:
            problems.append(problem(page.path, 1, f"this page is not in the navigation — add the line `  - {name}.md` "
                                                  "under `nav:` in mkdocs.yml, where it should appear in the menu"))
    return problems


# --- Front matter ------------------------------------------------------------


def field_line(page: sitepages.Page, field: str) -> int:
    for number, line in enumerate(page.text.splitlines()[:page.body_line], 1):
        if line.startswith(f"{field}:"):
            return number
    return 1


def check_front_matter(page: sitepages.Page, descriptions: dict) -> list[Problem]:
    if page.meta_error:
        line, what = page.meta_error
        return [problem(page.path, line, f"the front matter (between the --- lines) is not valid YAML ({what}) — "
                                         "check the indentation, and put a value that contains «: » or « #» in quotes")]
    if not sitepages.FRONT_MATTER.match(page.text):
        return [problem(page.path, 1, "the page has no front matter — start it with a line ---, then `title: …` "
                                      "and `description: …`, then a line ---")]
    problems = []
    for field in sorted(set(page.meta) - facts.PAGE_FIELDS):
        close = difflib.get_close_matches(field, facts.PAGE_FIELDS, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"the fields are {', '.join(sorted(facts.PAGE_FIELDS))}"
        problems.append(problem(page.path, field_line(page, field), f"unknown front matter field `{field}` — {hint}"))
    for field in facts.REQUIRED_FIELDS:
        value = page.meta.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(problem(page.path, field_line(page, field) if field in page.meta else 1,
                                    f"the front matter has no `{field}:` — add one in {LANGUAGE_NAMES[page.lang]}"))
            continue
        arabic = bool(ARABIC_LETTER.search(value))
        if arabic != (page.lang == DEFAULT):
            problems.append(problem(page.path, field_line(page, field),
                                    f"the {field} is not in {LANGUAGE_NAMES[page.lang]} — write it in the page's language"))
    description = page.meta.get("description")
    if isinstance(description, str) and description.strip():
        if len(description) <= DESCRIPTION_MIN:
            problems.append(problem(page.path, field_line(page, "description"),
                                    f"the description has {len(description)} characters — search engines show it "
                                    f"under the title: write a sentence of more than {DESCRIPTION_MIN} characters about this page"))
        other = descriptions.setdefault((page.lang, description.strip()), page.path)
        if other != page.path:
            problems.append(problem(page.path, field_line(page, "description"),
                                    f"the same description as {relative(other)} — give each page its own"))
    if STAMP in page.meta and page.lang == DEFAULT:
        problems.append(problem(page.path, field_line(page, STAMP),
                                f"an Arabic page is the source, it has no `{STAMP}:` — remove it"))
    if PLACEHOLDER in page.text:
        problems.append(problem(page.path, line_of(page.text, PLACEHOLDER),
                                f"this line still has a {PLACEHOLDER} placeholder left by new-page — "
                                "replace it with the page's own words"))
    if page.lang == DEFAULT and EASTERN_DIGITS.search(page.text):
        problems.append(problem(page.path, line_of_match(page.text, EASTERN_DIGITS),
                                "write the digits 0-9 (3, not ٣), as Moroccan Arabic texts do"))
    return problems


def line_of_match(text: str, pattern: re.Pattern) -> int:
    match = pattern.search(text)
    return text[:match.start()].count("\n") + 1 if match else 1


# --- Translations --------------------------------------------------------------


def numbers(text: str, first_line: int = 1, whole: bool = False) -> list[tuple[str, int, bool]]:
    """The numbers an editor typed in `text`: (digits, line, whether it is an ordinal such as 10e or 10th);
    with `whole`, only whole numbers (not 2.2 or 1,5)."""
    prose = blank(text, NOT_PROSE)
    found = []
    for number, line in enumerate(prose.splitlines(), first_line):
        found += [(re.sub(r"\D", "", ascii_digits(m.group())), number, bool(ORDINAL.match(line, m.end())))
                  for m in NUMBER.finditer(line) if not (whole and m.group("decimal"))]
    return found


def compare_numbers(typed: list, original: list) -> tuple[list, list]:
    """The typed numbers that the original lacks, and the original's numbers
    that the typed text lacks. Arabic writes ordinals in words (الدورة العاشرة):
    a 10e or 10th may stand for one, and needs no 10 in the Arabic."""
    extra = Counter(d for d, _, ordinal in typed if not ordinal) - Counter(d for d, _, _ in original)
    missing = Counter(d for d, _, _ in original) - Counter(d for d, _, _ in typed)

    def pick(items, wanted, skip_ordinals):
        chosen = []
        for digits, line, ordinal in items:
            if wanted[digits] > 0 and not (skip_ordinals and ordinal):
                wanted[digits] -= 1
                chosen.append((digits, line))
        return chosen

    return pick(typed, extra, True), pick(original, missing, False)


def section_numbers(page: sitepages.Page) -> dict[str, list[tuple[str, int, bool]]]:
    sections = page.sections
    starts = [s.line for s in sections]
    found: dict[str, list] = {s.id: [] for s in sections}
    for item in numbers(page.body, page.body_line):
        found[sections[max(0, bisect_right(starts, item[1]) - 1)].id].append(item)
    return found


def check_translation(page: sitepages.Page, source: sitepages.Page) -> list[Problem]:
    here, there = relative(page.path), relative(source.path)
    restamp = f"then run `{TOOL} stamp {here}`"
    if STAMP not in page.meta:
        return [problem(page.path, 1, f"this page is not yet marked as a translation of {there} — translate that "
                                      f"page here (or check that this page says the same), {restamp}")]
    stamp = sitepages.stamp_of(page)
    if stamp is None:
        return [problem(page.path, field_line(page, STAMP), f"`{STAMP}:` is not what the stamp command writes — "
                                                            f"check the translation against {there}, {restamp}")]
    mine = {s.id: s for s in page.sections}
    changed = sitepages.changes(stamp, source)
    problems = []
    for kind, section in changed:
        if kind == "changed":
            line = mine[section.id].line if section.id in mine else 1
            problems.append(problem(page.path, line, f"out of date: the Arabic page changed its section «{section.id}» "
                                                     f"({there}:{section.line}) — update this translation of it, {restamp}"))
        elif kind == "new":
            problems.append(problem(page.path, 1, f"out of date: the Arabic page has a new section «{section.id}» "
                                                  f"({there}:{section.line}) — translate it here, with the heading id "
                                                  f"{{ #{section.id} }}, {restamp}"))
        else:
            line = mine[section].line if section in mine else 1
            problems.append(problem(page.path, line, f"out of date: the Arabic page no longer has the section "
                                                     f"«{section}» — remove it from this translation too, {restamp}"))
    if changed:
        return problems
    theirs = {s.id: s for s in source.sections}
    for id, section in mine.items():
        if id not in theirs:
            problems.append(problem(page.path, section.line, f"the heading id «{id}» is not in the Arabic page {there} — "
                                                             f"use the Arabic page's ids: {', '.join(theirs)}"))
    for id, section in theirs.items():
        if id not in mine:
            problems.append(problem(page.path, 1, f"the Arabic section «{id}» ({there}:{section.line}) is not in this "
                                                  f"translation — translate it, with the heading id {{ #{id} }}"))
    typed, original = section_numbers(page), section_numbers(source)
    for id in typed.keys() & original.keys():
        extra, missing = compare_numbers(typed[id], original[id])
        for digits, line in extra:
            problems.append(problem(page.path, line, f"the number {digits} is not in the Arabic page's section "
                                                     f"«{id}» ({there}:{theirs[id].line}) — write the figure the "
                                                     "Arabic page gives, or the fact from the data as {{ … }}"))
        for digits, line in missing:
            problems.append(problem(page.path, mine[id].line, f"the Arabic page has the number {digits} in this "
                                                              f"section ({there}:{line}), this translation does not "
                                                              "— write it here too, in digits"))
    return problems


# --- Official names ------------------------------------------------------------


def normalise(word: str) -> str:
    """A word without case, accents, elision or Arabic prefixes: the form
    that tells which name it belongs to, however it is spelled."""
    word = unicodedata.normalize("NFKD", word.strip(PUNCTUATION).replace("’", "'").casefold())
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = re.sub(r"^[ldjnmst]'|^qu'|(?<=[a-z]{3})s$", "", word)
    word = word.translate(str.maketrans("أإآٱةى", "اااايه")).replace("ـ", "")
    return re.sub(r"^(?:[وفبك]?ال|[وف]?لل|[وفبكل](?=\w{3}))", "", word)


def exact(words: list[str], official: list[str], lang: str) -> bool:
    """Whether `words` are the official name (an Arabic name may carry و, ب, ل… in front)."""
    words = [w.strip(PUNCTUATION).replace("’", "'") for w in words]
    if len(words) < len(official) or words[1:] != official[1:]:
        return False
    first, name = words[0], official[0]
    if lang == DEFAULT:
        return bool(re.fullmatch(r"[وفبكل]{0,2}" + re.escape(name), first)
                    or (name.startswith("ال") and re.fullmatch(r"[وف]?لل" + re.escape(name[2:]), first)))
    return first == name


def name_problems(text: str, lang: str, institutions, in_page: bool) -> list[tuple[int, str]]:
    """(offset, message) for every near-miss of an institution's official name
    in `text`: a stretch that starts like the name and shares most of its
    words, but is not written exactly as the data writes it."""
    prose = blank(text, NOT_PROSE)
    tokens = [(m.start(), m.group()) for m in WORD.finditer(prose)]
    normal = [normalise(t) for _, t in tokens]
    found = []
    for institution in institutions:
        official = getattr(institution.name, lang).replace("’", "'").split()
        keys = [normalise(w) for w in official if normalise(w) not in STOPWORDS]
        need = min(len(keys), max(3, math.ceil(2 * len(keys) / 3)))
        i = 0
        while i < len(tokens):
            if normal[i] != keys[0]:
                i += 1
                continue
            if exact([t for _, t in tokens[i:i + len(official)]], official, lang):
                i += len(official)
                continue
            end, shared = i, 1
            for j in range(i + 1, min(len(tokens), i + len(official) + 2)):
                count = len(set(normal[i:j + 1]) & set(keys))
                if normal[j] in keys and count > shared:
                    end, shared = j, count
            if shared >= need:
                written = text[tokens[i][0]:tokens[end][0] + len(tokens[end][1])].strip(PUNCTUATION)
                found.append((tokens[i][0], f"«{' '.join(written.split())}» is not the official {LANGUAGE_NAMES[lang]} "
                                            f"name of this institution — write «{' '.join(official)}»"
                                            + (f", or {{{{ institutions.{institution.id}.name }}}}" if in_page else "")))
                i = end + 1
            else:
                i += 1
    return found


def check_names(page: sitepages.Page, institutions) -> list[Problem]:
    body_start = len(page.text) - len(page.body)
    return [problem(page.path, page.text[:body_start + offset].count("\n") + 1, message)
            for offset, message in name_problems(page.body, page.lang, institutions, in_page=True)]


# --- Raw HTML and images --------------------------------------------------------

REFUSED_TAGS = {
    "script": "it runs code in readers' browsers",
    "iframe": "it loads another site inside the page",
    "frame": "it loads another site inside the page",
    "object": "it runs a plug-in or loads from elsewhere",
    "embed": "it runs a plug-in or loads from elsewhere",
    "applet": "it runs code in readers' browsers",
    "base": "it changes where every link of the page points",
    "form": "it sends what readers type to an address",
    "meta": "it can send readers to another page",
    "link": "it loads a file, possibly from another host",
    "style": "styles belong in docs/assets/stylesheets/site.css, for every page",
}
LOADING = {"img", "source", "video", "audio", "track", "input", "image", "use"}
ADDRESS_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background"}
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def markdown_renderer(config: dict) -> markdown.Markdown:
    names, options = [], {}
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=options)


def check_html(page: sitepages.Page, renderer: markdown.Markdown) -> list[Problem]:
    renderer.reset()
    tree = LexborHTMLParser(renderer.convert(page.body))
    found = set()

    def refuse(needle: str, message: str):
        found.add(problem(page.path, line_of(page.text, needle, page.body_line), message))

    for node in tree.css("*"):
        tag = node.tag
        if tag in REFUSED_TAGS:
            refuse(f"<{tag}", f"raw HTML <{tag}> is refused: {REFUSED_TAGS[tag]} — remove it "
                              "(ask the site's developers if the page really needs it)")
        for name, value in node.attributes.items():
            value = value or ""
            if name.startswith("on"):
                refuse(f"{name}=", f"the HTML attribute {name}= is refused: it runs code in readers' browsers — remove it")
            elif name in ADDRESS_ATTRIBUTES and re.match(r"\s*(javascript|vbscript|data:text/html)", value, re.I):
                refuse(value.strip()[:30], "a javascript: address is refused: it runs code in readers' browsers — "
                                           "link to a page or a web address instead")
            elif name == "style" and re.search(r"url\s*\(|@import|expression\s*\(", value, re.I):
                refuse("style=", "a style that loads a file is refused — styles belong in docs/assets/stylesheets/site.css")
            elif name in ADDRESS_ATTRIBUTES and tag in LOADING and REMOTE.match(value):
                refuse(value, f"the file {value} comes from another host, which would learn who reads the site and "
                              "could change it — put the file in docs/assets/images/ and link it from there")
        if tag == "img" and not (node.attributes.get("alt") or "").strip():
            src = node.attributes.get("src") or "<img"
            refuse(src, f"the image {src} has no alternative text for readers who cannot see it — describe it "
                        f"between the brackets: ![what the image shows]({src})")
    return sorted(found)


def check_images() -> list[Problem]:
    problems = []
    for path in sorted(DOCS.rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES and path.stat().st_size > IMAGE_LIMIT_KB * 1024:
            problems.append(problem(path, 1, f"this image weighs {math.ceil(path.stat().st_size / 1024)} KB, more "
                                             f"than the {IMAGE_LIMIT_KB} KB limit — make it smaller before adding it "
                                             "(a photo: 1600 pixels wide at most, JPEG or WebP at quality 80)"))
    return problems


# --- The data --------------------------------------------------------------------

LOCATED = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+): (?P<message>.*)$")


def located(lines: str) -> list[Problem]:
    """Problems from messages that already start with file:line."""
    found = []
    for line in lines.splitlines():
        if match := LOCATED.match(line.strip()):
            found.append(Problem(match["file"], int(match["line"]), match["message"]))
    return found


def language_texts(node: yaml.Node):
    """Every {ar: …, fr: …, en: …} mapping of a YAML tree, as {lang: scalar node}."""
    if isinstance(node, yaml.MappingNode):
        texts = {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}
        if DEFAULT in texts and set(texts) <= set(sitedata.LANGUAGES) and len(texts) == len(node.value):
            yield texts
            return
        for _, value in node.value:
            yield from language_texts(value)
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from language_texts(value)


def data_figures(site_data: sitedata.SiteData) -> dict[str, str]:
    """Every whole number the data holds (counts, figures, editions), with
    where it is: {"412": "docs/data/programme.yml:40"}."""
    figures = {}
    for path in sorted(site_data.data_dir.glob("*.yml")):
        nodes = [yaml.compose(path.read_text(encoding="utf-8"))]
        while nodes:
            node = nodes.pop()
            if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
                figures.setdefault(node.value, f"{relative(path)}:{node.start_mark.line + 1}")
            elif isinstance(node, yaml.MappingNode):
                nodes += [value for _, value in node.value]
            elif isinstance(node, yaml.SequenceNode):
                nodes += node.value
    return figures


def check_retyped_figures(page: sitepages.Page, figures: dict[str, str]) -> list[Problem]:
    # The data's figures are whole numbers: a decimal (WCAG 2.2) is not one of them.
    return [problem(page.path, line, f"the number {digits} is a figure the data holds ({figures[digits]}) — write it "
                                     "from the data with {{ … }}, so that the page and the data cannot disagree")
            for digits, line, _ in numbers(page.body, page.body_line, whole=True) if digits in figures]


def check_data_texts(site_data: sitedata.SiteData) -> list[Problem]:
    """Numbers that differ between the languages of a data text, and
    institution names not in their official form."""
    problems = []
    for path in sorted(site_data.data_dir.glob("*.yml")):
        for texts in language_texts(yaml.compose(path.read_text(encoding="utf-8"))):
            arabic_line = texts[DEFAULT].start_mark.line + 1
            for lang, node in texts.items():
                line = node.start_mark.line + 1
                # Interface words may spell a number out in one language («نتيجة واحدة», «1 résultat»).
                if lang != DEFAULT and path.stem != "ui":
                    extra, missing = compare_numbers(numbers(node.value), numbers(texts[DEFAULT].value))
                    for digits, _ in extra:
                        problems.append(problem(path, line, f"the number {digits} is in the {LANGUAGE_NAMES[lang]} text, "
                                                            f"not in the Arabic (line {arabic_line}) — write the same "
                                                            "figures in the three languages"))
                    for digits, _ in missing:
                        problems.append(problem(path, line, f"the Arabic text (line {arabic_line}) has the number "
                                                            f"{digits}, the {LANGUAGE_NAMES[lang]} text does not — "
                                                            "write it here too, in digits"))
                # Source titles and descriptions quote documents verbatim.
                if path.stem != "sources":
                    problems += [problem(path, line, message) for _, message in
                                 name_problems(node.value, lang, site_data.institutions, in_page=False)]
    return problems


# --- The build: links and anchors -------------------------------------------------

LINK_WARNING = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an \w+) link(?: to)? '(?P<link>[^']+)',? (?P<why>.*)$")


def check_build(pages) -> list[Problem]:
    """Build the site as CI does; turn its warnings (broken links and
    anchors, in every language) and errors into file:line problems."""
    with tempfile.TemporaryDirectory() as site:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site],
            cwd=ROOT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True,
        )
    if result.returncode == 0:
        return []
    problems = set()
    arabic = sorted(name for name, lang in pages if lang == DEFAULT)
    for line in result.stderr.splitlines():
        # A multi-line error continues on lines without the level.
        text = re.sub(r"^(?:WARNING|ERROR)\s+-\s+", "", line).strip()
        if text == line.strip() and not LOCATED.match(text) or text.startswith("Error reading page"):
            continue
        if link := LINK_WARNING.match(text):
            path = DOCS / link["file"]
            page = sitepages.read_page(path) if path.exists() else None
            where = line_of(page.text, link["link"], page.body_line) if page else 1
            target, _, anchor = link["link"].partition("#")
            if "anchor" in link["why"]:
                other = re.search(r"the doc '([^']+)'", link["why"])
                other_path = DOCS / (other.group(1) if other else link["file"])
                ids = [s.id for s in sitepages.read_page(other_path).sections] if other_path.exists() else []
                message = (f"the link {link['link']} points to #{anchor}, which {relative(other_path)} does not have — "
                           f"use one of its heading ids: {', '.join(ids)}")
            elif "not found" in link["why"]:
                close = difflib.get_close_matches(Path(target).stem, arabic, n=1)
                hint = f"did you mean {close[0]}.md?" if close else "check its spelling"
                message = (f"the link {link['link']} points to a page that does not exist — {hint} "
                           "(link to the Arabic file name, NAME.md, from every language)")
            else:
                message = f"the link {link['link']}: {link['why']} — link to a page of the site as NAME.md"
            problems.add(problem(path, where, message))
        elif LOCATED.match(text):
            problems.update(located(text))
        elif not text.startswith("Aborted"):
            problems.add(Problem("mkdocs.yml", 1, f"the build failed: {text} — run `make build` to see the whole log"))
    return sorted(problems) or [Problem("mkdocs.yml", 1, "the build failed — run `make build` to see why")]


# --- The commands --------------------------------------------------------------------


def run_checks(build: bool = True) -> list[Problem]:
    pages, problems = read_pages()
    config = read_config()
    problems += check_languages(pages) + check_nav(config, pages) + check_images()
    try:
        site_data = sitedata.SiteData()
    except sitedata.DataError as error:
        site_data = None
        problems += located(str(error))
    figures = {}
    if site_data:
        problems += check_data_texts(site_data)
        figures = data_figures(site_data)
    descriptions: dict = {}
    renderer = markdown_renderer(config)
    for (name, lang), page in sorted(pages.items(), key=lambda item: (item[0][0], sitedata.LANGUAGES.index(item[0][1]))):
        problems += check_front_matter(page, descriptions) + check_html(page, renderer)
        if site_data:
            problems += check_names(page, site_data.institutions) + check_retyped_figures(page, figures)
        if lang != DEFAULT and (name, DEFAULT) in pages and not page.meta_error:
            problems += check_translation(page, pages[name, DEFAULT])
    problems = sorted(set(problems))
    # The build repeats some of these checks with vaguer messages: run it
    # once the editor's own mistakes are fixed.
    if build and not problems:
        problems = check_build(pages)
    return problems


def annotation(item: Problem) -> str:
    """A GitHub Actions workflow command: the problem appears on the PR's line."""
    message = item.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::error file={item.file},line={item.line},title=site check::{message}"


def command_check(args) -> int:
    problems = run_checks(build=not args.no_build)
    for item in problems:
        print(item)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for item in problems:
            print(annotation(item))
    if problems:
        print(f"\n{len(problems)} problem(s). Each line says the file and line, what is wrong, and after «—» how "
              "to fix it.", file=sys.stderr)
        return 1
    print("Every check passed." + ("" if args.no_build else " The site builds."))
    return 0


def since(source: sitepages.Page, stamp: dict[str, str]) -> str:
    """The commit that changed the Arabic page after the translated version,
    when the git history reaches back to it."""
    path = relative(source.path)
    log = subprocess.run(["git", "log", "--format=%h %as", "--", path], cwd=ROOT, capture_output=True, text=True)
    if log.returncode != 0:
        return ""
    newer = "uncommitted edits"
    for entry in log.stdout.splitlines():
        commit, date = entry.split()
        shown = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, text=True)
        if shown.returncode == 0 and not sitepages.changes(stamp, sitepages.read_page(source.path, shown.stdout)):
            return f" (since {newer})"
        newer = f"{commit} of {date}"
    return ""


def translation_state(pages, name: str, lang: str) -> str:
    page, source = pages.get((name, lang)), pages.get((name, DEFAULT))
    if page is None:
        return "missing"
    if lang == DEFAULT:
        return "present"
    stamp = sitepages.stamp_of(page)
    if source is None:
        return "no Arabic page"
    if stamp is None:
        return "not stamped"
    changed = sitepages.changes(stamp, source)
    if not changed:
        return "present"
    sections = ", ".join(s.id if isinstance(s, sitepages.Section) else s for _, s in changed)
    return f"outdated: {sections}{since(source, stamp)}"


def command_status(args) -> int:
    pages, _ = read_pages()
    print("| page | " + " | ".join(sitedata.LANGUAGES) + " |")
    print("|---" * (len(sitedata.LANGUAGES) + 1) + "|")
    for name in sorted({name for name, _ in pages}):
        print(f"| {name} | " + " | ".join(translation_state(pages, name, lang) for lang in sitedata.LANGUAGES) + " |")
    return 0


def command_stamp(args) -> int:
    pages, _ = read_pages()
    if args.all:
        targets = [page for (name, lang), page in sorted(pages.items()) if lang != DEFAULT]
    else:
        targets = []
        for given in args.pages:
            parsed = sitepages.split_name(Path(given).name)
            if not parsed or not Path(given).exists():
                print(f"{given}: not a page of docs/ — give a file such as docs/centre.fr.md", file=sys.stderr)
                return 1
            name, lang = parsed
            langs = TRANSLATIONS if lang == DEFAULT else (lang,)
            targets += [pages[name, other] for other in langs if (name, other) in pages]
    if not targets:
        print("Nothing to stamp: name the translations (docs/centre.fr.md) or use --all.", file=sys.stderr)
        return 1
    for page in targets:
        source = pages.get((page.name, DEFAULT))
        if source is None or page.meta_error:
            print(f"{relative(page.path)}: not stamped — it has no Arabic page, or its front matter is not valid YAML; "
                  f"`{TOOL} check` says why", file=sys.stderr)
            return 1
        page.path.write_text(sitepages.with_stamp(page, source), encoding="utf-8")
        print(f"{relative(page.path)}: records the Arabic text of {relative(source.path)} "
              f"(sections {', '.join(s.id for s in source.sections)})")
    return 0


NEW_PAGE = {
    "ar": """---
title: {title}
description: {mark} جملة أو جملتان بالعربية تصفان هذه الصفحة لمحركات البحث، في أكثر من 40 حرفا.
---

# {title} {{ #{name} }}

{mark} اكتب هنا نص الصفحة. ينتهي كل عنوان بمعرّف بحروف لاتينية صغيرة، هو نفسه في اللغات الثلاث.
""",
    "fr": """---
title: {mark} Titre de la page
description: {mark} Une ou deux phrases en français qui décrivent cette page pour les moteurs de recherche.
---

# {mark} Titre de la page {{ #{name} }}

{mark} Traduisez ici la page arabe docs/{name}.md, section par section, avec les mêmes identifiants de titres.
Puis enregistrez ce que vous avez traduit : {tool} stamp docs/{name}.fr.md
""",
    "en": """---
title: {mark} Page title
description: {mark} One or two sentences in English that describe this page for search engines.
---

# {mark} Page title {{ #{name} }}

{mark} Translate the Arabic page docs/{name}.md here, section by section, with the same heading ids.
Then record what you translated: {tool} stamp docs/{name}.en.md
""",
}


def command_new_page(args) -> int:
    name = args.name.removesuffix(".md")
    parsed = sitepages.split_name(f"{name}.md")
    if not parsed or parsed[1] != DEFAULT:
        print(f"{args.name}: a page's name is lowercase Latin letters, digits and hyphens, such as `visits`; "
              "it becomes its address (visits.html).", file=sys.stderr)
        return 1
    paths = {lang: sitepages.page_path(name, lang) for lang in sitedata.LANGUAGES}
    if any(path.exists() for path in paths.values()):
        print(f"docs/{name}.md: this page already exists — choose another name, or edit it.", file=sys.stderr)
        return 1
    config_path = ROOT / "mkdocs.yml"
    lines = config_path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if line.rstrip() == "nav:"), None)
    if start is None:
        print("mkdocs.yml has no `nav:` list; add the page to the navigation by hand.", file=sys.stderr)
        return 1
    entries = []
    for number in range(start + 1, len(lines)):
        if re.match(r"^\s+- ", lines[number]):
            entries.append(number)
        elif lines[number].strip() and not lines[number].lstrip().startswith("#"):
            break
    after_name = (args.after or "").removesuffix(".md")
    matching = [n for n in entries if after_name and re.search(rf"[\s'\"]{re.escape(after_name)}\.md\b", lines[n])]
    if (args.after and not matching) or not entries:
        print(f"{args.after or 'nav'}: not found in the navigation of mkdocs.yml.", file=sys.stderr)
        return 1
    after = matching[0] if matching else entries[-1]
    indent = re.match(r"^(\s*)", lines[after]).group(1)
    lines.insert(after + 1, f"{indent}- {name}.md\n")
    title = args.title or f"{PLACEHOLDER} عنوان الصفحة"
    for lang, path in paths.items():
        path.write_text(NEW_PAGE[lang].format(title=title, name=name, mark=PLACEHOLDER, tool=TOOL), encoding="utf-8")
        print(f"created {relative(path)}")
    config_path.write_text("".join(lines), encoding="utf-8")
    print(f"added {name}.md to the navigation in mkdocs.yml\n\nNext: write the Arabic page, replacing every "
          f"{PLACEHOLDER}; have it translated; then `{TOOL} check`.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="site.py", description="The editors' tool for the Moussalaha Centre website.",
        epilog=f"Run it from the project's folder, for example: {TOOL} check")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check every page and data file; say what is wrong and how to fix it",
        description="Check the pages (docs/*.md) and the data (docs/data/*.yml): missing or out-of-date "
                    "translations, front matter, figures that differ between languages, official names, "
                    "unsafe HTML, images, and, once all that is right, broken links and anchors in the "
                    "built site. Prints `file:line: what is wrong — how to fix it`; ends with an error "
                    "status when anything is wrong.")
    check.add_argument("--no-build", action="store_true", help="skip building the site (faster; links are not checked)")
    check.set_defaults(run=command_check)

    status = commands.add_parser(
        "status", help="show which translations are present, missing or out of date",
        description="A table of every page in the three languages: present, missing, not stamped (the "
                    "translation does not say which Arabic text it translates) or outdated (with the Arabic "
                    "sections that changed, and since which commit when the history shows it).")
    status.set_defaults(run=command_status)

    new_page = commands.add_parser(
        "new-page", help="create a page in the three languages and add it to the menu",
        description="Create docs/NAME.md (Arabic), docs/NAME.fr.md and docs/NAME.en.md with their front "
                    "matter and first heading, and add the page to the navigation in mkdocs.yml. Replace "
                    f"every {PLACEHOLDER} it leaves; `check` points at those left.")
    new_page.add_argument("name", help="the page's name in lowercase Latin letters, digits and hyphens: it "
                                       "becomes the page's address (visits → visits.html)")
    new_page.add_argument("--title", help="the page's title in Arabic")
    new_page.add_argument("--after", help="the page after which it appears in the menu (default: at the end)")
    new_page.set_defaults(run=command_new_page)

    stamp = commands.add_parser(
        "stamp", help="record that a translation matches the Arabic page as it is now",
        description=f"Write in the front matter of each French or English page given the fingerprints of "
                    f"its Arabic page's sections (`{STAMP}:`), once its translation says the same as the "
                    "Arabic. Until the Arabic page changes again, `check` considers it up to date. An "
                    "Arabic page given stands for both of its translations.")
    stamp.add_argument("pages", nargs="*", help="translations such as docs/centre.fr.md (or docs/centre.md for both)")
    stamp.add_argument("--all", action="store_true", help="every translation (only when all of them are known "
                                                           "to match their Arabic page)")
    stamp.set_defaults(run=command_stamp)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
