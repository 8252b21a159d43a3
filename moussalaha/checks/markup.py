"""The Markdown renderer the checks read pages with (the extensions of
mkdocs.yml), and the check of images without alternative text.

What a page may not contain (raw HTML that runs code or loads from
elsewhere, oversized files, links, stray .html) is refused by the gate
(moussalaha/gate.py), which the build runs too."""

from __future__ import annotations

import markdown
from selectolax.lexbor import LexborHTMLParser

from moussalaha import pages
from moussalaha.checks.common import problem
from moussalaha.problems import Problem, line_of


def markdown_renderer(config: dict) -> markdown.Markdown:
    names, options = [], {}
    for entry in config.get("markdown_extensions") or []:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if settings:
            options[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=options)


def check_alt_text(page: pages.Page, renderer: markdown.Markdown) -> list[Problem]:
    renderer.reset()
    tree = LexborHTMLParser(renderer.convert(page.body))
    found = set()
    for node in tree.css("img"):
        if not (node.attributes.get("alt") or "").strip():
            src = node.attributes.get("src") or "<img"
            found.add(problem(page.path, line_of(page.text, src, page.body_line),
                              f"the image {src} has no alternative text for readers who cannot see it — describe it "
                              f"between the brackets: ![what the image shows]({src})"))
    return sorted(found)
