"""An honest Content-Security-Policy: the inline scripts it allows are those
the site's own templates ship, known before any page is read.

Hashing whatever inline scripts the built pages happen to contain (as the
build did) allows any script a page smuggles in. Instead:

- `template_scripts` reads the inline <script> elements of the layout's
  templates (overrides/ and the theme's templates), renders the few Jinja
  expressions they hold for each value they can take (the relative address
  of the site's root at each depth, "/" for the not-found page), and
  returns their hashes: the policy's list, fixed by the templates alone;
- `foreign_inline` lists every inline script, <style> element, event
  handler and style attribute of a built page that is not in that list, so
  that the build fails on it, naming the page.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import jinja2
from selectolax.lexbor import LexborHTMLParser

SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# <script> elements without src= in a template's source, Jinja and all.
TEMPLATE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
# The relative address of the site's root from a page at depth 0, 1, 2 (use_directory_urls: false), and the
# absolute one of the not-found page.
BASE_URLS = (".", "..", "../..", "/")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _is_inline_script(attributes: str) -> bool:
    if re.search(r"\bsrc\s*=", attributes, re.IGNORECASE):
        return False
    kind = re.search(r"\btype\s*=\s*[\"']?([^\"'\s>]*)", attributes, re.IGNORECASE)
    return (kind.group(1).lower() if kind else "") in SCRIPT_TYPES


def template_scripts(folders: Iterable[Path], variables: Mapping[str, Iterable] | None = None) -> dict[str, str]:
    """{hash: where} for every inline script of the templates in `folders`,
    rendered for each combination of `variables` (default: base_url at each
    depth). Only the script's own text is rendered, with an empty config,
    so that nothing a page says can change it."""
    variables = dict(variables or {"base_url": BASE_URLS})
    names, choices = list(variables), [list(v) for v in variables.values()]
    env = jinja2.Environment(undefined=jinja2.ChainableUndefined, autoescape=False)
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.html")):
            for match in TEMPLATE_SCRIPT.finditer(path.read_text(encoding="utf-8")):
                if not _is_inline_script(match["attributes"]):
                    continue
                body = match["body"]
                where = f"{path.name}:{path.read_text(encoding='utf-8').count(chr(10), 0, match.start()) + 1}"
                if "{{" not in body and "{%" not in body:
                    found.setdefault(sha256(body), where)
                    continue
                template = env.from_string(body)
                for combination in itertools.product(*choices):
                    context = {"config": {"extra": {}}, **dict(zip(names, combination))}
                    found.setdefault(sha256(template.render(context)), where)
    return found


def foreign_inline(html: str, allowed: set[str] | Mapping[str, str]) -> list[str]:
    """What in a built page the policy does not allow: inline scripts whose
    hash is not in `allowed`, <style> elements, event handler and style
    attributes. Each as a short description with the start of its text."""
    tree = LexborHTMLParser(html)
    found = []
    for script in tree.css("script"):
        kind = (script.attributes.get("type") or "").strip().lower()
        if "src" in script.attributes or kind not in SCRIPT_TYPES:
            continue
        text = script.text(deep=True)
        if sha256(text) not in allowed:
            found.append(f"an inline <script> that the site's templates do not ship: «{text.strip()[:60]}»")
    for style in tree.css("style"):
        found.append(f"a <style> element: «{style.text(deep=True).strip()[:60]}»")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.startswith("on") or name == "style":
                found.append(f"<{node.tag} {name}=\"{(value or '')[:40]}\">")
    return found
