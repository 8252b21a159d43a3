"""Checks of a translation against its Arabic page: marked as translated,
up to date section by section, the same heading ids, the same numbers."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from moussalaha.checks.common import (
    NOT_PROSE,
    NUMBER,
    ORDINAL,
    TOOL,
    Project,
    ascii_digits,
    blank,
)
from moussalaha.content import pages
from moussalaha.content.pages import STAMP
from moussalaha.problems import Problem


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


def section_numbers(page: pages.Page) -> dict[str, list[tuple[str, int, bool]]]:
    sections = page.sections
    starts = [s.line for s in sections]
    found: dict[str, list] = {s.id: [] for s in sections}
    for item in numbers(page.body, page.body_line):
        found[sections[max(0, bisect_right(starts, item[1]) - 1)].id].append(item)
    return found


def check_translation(project: Project, page: pages.Page, source: pages.Page) -> list[Problem]:
    here, there = project.relative(page.path), project.relative(source.path)
    restamp = f"then run `{TOOL} stamp {here}`"
    if STAMP not in page.meta:
        return [project.problem(page.path, 1, f"this page is not yet marked as a translation of {there} — translate that "
                                              f"page here (or check that this page says the same), {restamp}")]
    stamp = pages.stamp_of(page)
    if stamp is None:
        return [project.problem(page.path, page.field_line(STAMP), f"`{STAMP}:` is not what the stamp command writes — "
                                                                    f"check the translation against {there}, {restamp}")]
    mine = {s.id: s for s in page.sections}
    changed = pages.changes(stamp, source)
    problems = []
    for kind, section in changed:
        if kind == "changed":
            line = mine[section.id].line if section.id in mine else 1
            problems.append(project.problem(page.path, line, f"out of date: the Arabic page changed its section «{section.id}» "
                                                             f"({there}:{section.line}) — update this translation of it, {restamp}"))
        elif kind == "new":
            problems.append(project.problem(page.path, 1, f"out of date: the Arabic page has a new section «{section.id}» "
                                                          f"({there}:{section.line}) — translate it here, with the heading id "
                                                          f"{{ #{section.id} }}, {restamp}"))
        else:
            line = mine[section].line if section in mine else 1
            problems.append(project.problem(page.path, line, f"out of date: the Arabic page no longer has the section "
                                                             f"«{section}» — remove it from this translation too, {restamp}"))
    if changed:
        return problems
    theirs = {s.id: s for s in source.sections}
    for id, section in mine.items():
        if id not in theirs:
            problems.append(project.problem(page.path, section.line, f"the heading id «{id}» is not in the Arabic page {there} — "
                                                                     f"use the Arabic page's ids: {', '.join(theirs)}"))
    for id, section in theirs.items():
        if id not in mine:
            problems.append(project.problem(page.path, 1, f"the Arabic section «{id}» ({there}:{section.line}) is not in this "
                                                          f"translation — translate it, with the heading id {{ #{id} }}"))
    typed, original = section_numbers(page), section_numbers(source)
    for id in typed.keys() & original.keys():
        extra, missing = compare_numbers(typed[id], original[id])
        for digits, line in extra:
            problems.append(project.problem(page.path, line, f"the number {digits} is not in the Arabic page's section "
                                                             f"«{id}» ({there}:{theirs[id].line}) — write the figure the "
                                                             "Arabic page gives, or the fact from the data as {{ … }}"))
        for digits, line in missing:
            problems.append(project.problem(page.path, mine[id].line, f"the Arabic page has the number {digits} in this "
                                                                      f"section ({there}:{line}), this translation does not "
                                                                      "— write it here too, in digits"))
    return problems
