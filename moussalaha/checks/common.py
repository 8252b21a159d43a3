"""What every check shares: the project's folder, problems named from it,
and the text of pages and data seen as prose (numbers, words)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from moussalaha.problems import Problem, relative as _relative

# The editors' tool, as the messages tell editors to run it.
TOOL = ".venv/bin/python scripts/site.py"


def root() -> Path:
    """The project's folder: the tool runs from it, as MkDocs does (scripts/site.py goes there)."""
    return Path.cwd()


def docs() -> Path:
    return root() / "docs"


def relative(path: Path) -> str:
    return _relative(path, root())


def problem(path: Path, line: int, message: str) -> Problem:
    return Problem(relative(path), line, message)


# Text that is the same in every language or rendered from the data: Jinja
# (`{{ agreement.date | day }}`), link targets, addresses, `{ #ids }`, HTML tags.
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\]\([^)]*\)|<[^>]*>|https?://\S+|\{[:#.][^}]*\}|\{ [#.:][^}]*\}", re.DOTALL)
# 1 234, 1,234 and 2.5 are the digits 1234 and 25 in every language.
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.\u066b\u066c]\d{3}(?!\d))*(?:[.,\u066b]\d+)?")
ORDINAL = re.compile(r"(?:er|re|ère|ème|e|es|st|nd|rd|th)\b")
WORD = re.compile(r"\S+")
PUNCTUATION = "[](){}«»“”\"*_,.;:!?؛،‹›"


def blank(text: str, pattern: re.Pattern) -> str:
    """`text` with the matches of `pattern` replaced by spaces, lines kept."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
