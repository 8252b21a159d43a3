"""Problems with a file and a line: `file:line: what is wrong — how to fix it`.

Every check of the site (the data loader, the build's plugin, the editors'
tool, the gate that refuses hostile input) reports what is wrong this way, so that an editor can go to the line,
and GitHub Actions can show it on the pull request's line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LOCATED = re.compile(r"^(?P<file>[^\s:]+):(?P<line>\d+): (?P<message>.*)$")


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    message: str  # what is wrong (or, in older checks, what is wrong — how to fix it)
    fix: str = ""  # how to fix it

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.text}"

    @property
    def text(self) -> str:
        return f"{self.message} — {self.fix}" if self.fix else self.message

    def annotation(self) -> str:
        """A GitHub Actions workflow command: the problem appears on the PR's line."""
        message = self.text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.file},line={self.line},title=site check::{message}"


class SiteError(Exception):
    """What stops a build, with a message that says where and how to fix it.
    The plugin turns it into MkDocs' PluginError (plugin.reported)."""


class Problems(SiteError):
    """One or more problems in the editors' files that stop the work; the
    message lists them, one a line."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def relative(path: Path, root: Path) -> str:
    """The path as the editor sees it, from the project's folder."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def located(text: str) -> list[Problem]:
    """Problems from lines that already start with file:line (a build's log)."""
    found = []
    for line in text.splitlines():
        if match := LOCATED.match(line.strip()):
            found.append(Problem(match["file"], int(match["line"]), match["message"]))
    return found


# The lines of a text for messages: these two, for any text; a YAML file's
# by location, untrusted_yaml.Document.line; a Markdown body's in its page
# file, pages.file_line; a front-matter field's, pages.Page.field_line.

def line_of(text: str, needle: str, start: int = 1, missing: int | None = None) -> int:
    """The first line (from `start`) of `text` that contains `needle`, in
    any case; else `missing`, or `start` if not given."""
    for number, line in enumerate(text.splitlines()[start - 1:], start):
        if needle.lower() in line.lower():
            return number
    return start if missing is None else missing


def line_at(text: str, offset: int) -> int:
    """The line of `text` that holds the character at `offset`."""
    return text.count("\n", 0, offset) + 1
