"""One problem in an editor's file: where it is, what is wrong, how to fix it.

Every check of untrusted input (data, pages, HTML, SVG) reports through this
type, so that `check` and the build print the same
`file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.fix}"


class Refused(Exception):
    """Input that the site will not use; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
