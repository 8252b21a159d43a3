"""Markdown that Python-Markdown would take minutes or its whole stack to
read, refused before it reads it.

Python-Markdown scans a paragraph's `[` (links, images, references) and
`<` (inline HTML, autolinks) again from each one that does not close: a
paragraph of thousands of them takes a time that grows with their square
(30 000 `[` took minutes). It nests lists and quotations by recursion:
three thousand `- ` on one line exhausted Python's stack. So, in a page as
written (the gate) and as its template made it (the build):

- the cost of each paragraph, `3 × [²+ <²`, summed over the page, stays
  under `MAX_COST` (the costliest of the site's pages, the programme as
  rendered, costs 124 000; the limit is about a tenth of a second of
  Markdown: tests/unit/test_bounds.py prints the figures);
- no line opens more than `MAX_NESTING` lists or quotations;
- no run of more than `MAX_DIGITS` digits (no figure, date or address of
  the site has one; the site's rewrites read every number).

Each refusal names the paragraph's first line or the nested line.
"""

from __future__ import annotations

import re

from moussalaha.problems import Problem

MAX_COST = 1_000_000
MAX_NESTING = 20
MAX_DIGITS = 60
LONG_NUMBER = re.compile(r"\d{%d}" % (MAX_DIGITS + 1))
# A list item or a quotation's marker, with what indents it.
MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|(?=>)|$)")


def _nesting(line: str) -> int:
    depth, position = 0, 0
    while depth <= MAX_NESTING:
        match = MARKER.match(line, position)
        if not match or match.end() == position:
            break
        depth += 1 + match.group().expandtabs(4).count("    ")
        position = match.end()
    return depth


def problems(text: str, display: str, first_line: int = 1, as_rendered: bool = False) -> list[Problem]:
    """The paragraphs and lines of the Markdown `text` (line `first_line` of
    `display`) that Python-Markdown would not read in bounded time and depth."""
    found, cost, start = [], 0, 0
    rendered = " (as the page's template makes it)" if as_rendered else ""
    lines = text.split("\n")
    block_brackets = block_angles = 0
    for number, line in enumerate(lines + [""]):
        if not line.strip():
            block = 3 * block_brackets ** 2 + block_angles ** 2
            cost += block
            if cost > MAX_COST:
                found.append(Problem(display, first_line + start,
                                     f"this paragraph holds {block_brackets} «[» and {block_angles} «<»{rendered}: "
                                     "more than Markdown reads in reasonable time",
                                     "split it into paragraphs, or write fewer brackets"))
                break
            block_brackets = block_angles = 0
            start = number + 1
            continue
        long_number = LONG_NUMBER.search(line)
        if long_number:
            found.append(Problem(display, first_line + number, f"a run of more than {MAX_DIGITS} digits{rendered}: "
                                                               "no figure, date or address of the site has one",
                                 "check the figure; write it as the source gives it"))
            break
        block_brackets += line.count("[")
        block_angles += line.count("<")
        if (line.lstrip()[:1] in "-*+>" or line[:1] in " \t" or line.lstrip()[:1].isdigit()) \
                and _nesting(line) > MAX_NESTING:
            found.append(Problem(display, first_line + number,
                                 f"lists or quotations nested more than {MAX_NESTING} levels deep{rendered}",
                                 "nest a list or a quotation a few levels at most"))
            break
    return found
