"""What every check shares: the project's folder, problems named from it,
and the text of pages and data seen as prose (numbers, words)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from moussalaha.problems import Problem
from moussalaha.problems import relative as _relative

# The editors' tool, as the messages tell editors to run it.
TOOL = ".venv/bin/python scripts/site.py"


@dataclass(frozen=True)
class Project:
    """The project the checks run on, given by who runs them (run_checks(root),
    cli.main(folder=…)), not the current directory, and handed to each check
    as its first argument: the files they read and the problems they name
    are this project's."""

    root: Path

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root).resolve())

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    def relative(self, path: Path) -> str:
        return _relative(path, self.root)

    def problem(self, path: Path, line: int, message: str) -> Problem:
        return Problem(self.relative(path), line, message)


# Text that is the same in every language or rendered from the data: Jinja
# (`{{ agreement.date | day }}`), link targets, addresses, `{ #ids }`, HTML tags.
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\]\([^)]*\)|<[^>]*>|https?://\S+|\{[:#.][^}]*\}|\{ [#.:][^}]*\}", re.DOTALL)
# 1 234, 1,234 and 2.5 are the digits 1234 and 25 in every language.
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.\u066b\u066c]\d{3}(?!\d))*(?P<decimal>[.,\u066b]\d+)?")
ORDINAL = re.compile(r"(?:er|re|ère|ème|e|es|st|nd|rd|th)\b")
WORD = re.compile(r"\S+")
PUNCTUATION = "[](){}«»“”\"*_,.;:!?؛،‹›"


def blank(text: str, pattern: re.Pattern) -> str:
    """`text` with the matches of `pattern` replaced by spaces, lines kept."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
