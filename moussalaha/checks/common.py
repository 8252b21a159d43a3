"""What every check shares: the project's folder, problems named from it,
and the text of pages and data seen as prose (numbers, words)."""

from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from moussalaha.problems import Problem
from moussalaha.problems import relative as _relative

# The editors' tool, as the messages tell editors to run it.
TOOL = ".venv/bin/python scripts/site.py"

# The project the checks run on, given by who runs them (`project`), not
# the current directory: run_checks(root) and cli.main(root=…) set it for
# the checks they call, which name files from it (root, docs, relative,
# problem).
_project: ContextVar[Path] = ContextVar("project")


@contextmanager
def project(folder: Path):
    """The checks inside this block work on the project in `folder`."""
    token = _project.set(Path(folder).resolve())
    try:
        yield
    finally:
        _project.reset(token)


def root() -> Path:
    """The project's folder, as `project` gave it."""
    try:
        return _project.get()
    except LookupError:
        raise RuntimeError("the checks need a project: call them inside `with checks.common.project(folder):` "
                           "(run_checks and cli.main do)") from None


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
NUMBER = re.compile(r"\d+(?:[ \u00a0\u202f,.\u066b\u066c]\d{3}(?!\d))*(?P<decimal>[.,\u066b]\d+)?")
ORDINAL = re.compile(r"(?:er|re|ère|ème|e|es|st|nd|rd|th)\b")
WORD = re.compile(r"\S+")
PUNCTUATION = "[](){}«»“”\"*_,.;:!?؛،‹›"


def blank(text: str, pattern: re.Pattern) -> str:
    """`text` with the matches of `pattern` replaced by spaces, lines kept."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
