"""The check of images without alternative text (the pages rendered as the
site renders them: moussalaha.content.site_markdown).

What a page may not contain (raw HTML that runs code or loads from
elsewhere, oversized files, links, stray .html) is refused by the gate
(moussalaha/gate/__init__.py), which the build runs too."""

from __future__ import annotations

import markdown
from selectolax.lexbor import LexborHTMLParser

from moussalaha.checks.common import Project
from moussalaha.content import pages
from moussalaha.problems import Problem, line_of


def check_alt_text(project: Project, page: pages.Page, renderer: markdown.Markdown) -> list[Problem]:
    renderer.reset()
    tree = LexborHTMLParser(renderer.convert(page.body))
    found = set()
    for node in tree.css("img"):
        if not (node.attributes.get("alt") or "").strip():
            src = node.attributes.get("src") or "<img"
            found.add(project.problem(page.path, line_of(page.text, src, page.body_line),
                                      f"the image {src} has no alternative text for readers who cannot see it — describe it "
                                      f"between the brackets: ![what the image shows]({src})"))
    return sorted(found)
