"""Checks of what a page may contain besides Markdown: raw HTML that would
run code, load from elsewhere or change the page's links; images without
alternative text or too heavy."""

from __future__ import annotations

import math
import re

import markdown
from selectolax.lexbor import LexborHTMLParser

from moussalaha import pages
from moussalaha.checks.common import docs, problem
from moussalaha.problems import Problem, line_of

IMAGE_LIMIT_KB = 200
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}
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


def check_html(page: pages.Page, renderer: markdown.Markdown) -> list[Problem]:
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
    for path in sorted(docs().rglob("*")):
        if path.suffix.lower() in IMAGE_SUFFIXES and path.stat().st_size > IMAGE_LIMIT_KB * 1024:
            problems.append(problem(path, 1, f"this image weighs {math.ceil(path.stat().st_size / 1024)} KB, more "
                                             f"than the {IMAGE_LIMIT_KB} KB limit — make it smaller before adding it "
                                             "(a photo: 1600 pixels wide at most, JPEG or WebP at quality 80)"))
    return problems
