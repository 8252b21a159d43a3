"""What a page publishes, checked as it is published: the article's HTML
after Jinja, Markdown and the site's rewrites (moussalaha/output/html.py).

The gate (moussalaha/gate/__init__.py) reads the files an editor wrote; a path from
source to page that it does not foresee (a `{% raw %}` block, an expression
whose blanking changes how Markdown reads the line, a character reference,
Markdown printed by an expression) could still carry what it refuses. So
the build checks the result too, on every page, with the same rules:

- the allowlist (nh3, as moussalaha/gate/allowlist.py) widened only by the
  markup the site's own components and rewrites write (the chart's SVG
  shapes, `<section>`, a few `data-` attributes that hold no address);
  `meta`, `base`, `iframe`, `form`, `object`, `embed`, `link` and every
  resource from another host are refused whatever wrote them;
- the disguise check (moussalaha/gate/disguise.py) on the text a reader sees,
  character references decoded, and on the titles and alternative texts.

A problem is placed on the page's source line that holds its clue when one
does, else on the page's first line, naming what was found.
"""

from __future__ import annotations

import nh3
from selectolax.lexbor import LexborHTMLParser

from moussalaha.gate import allowlist, disguise
from moussalaha.problems import Problem, line_of

# The chart (overrides/components/milestones-chart.html) and the news list.
SVG_TAGS = {"svg", "g", "line", "circle", "rect", "path", "text", "title", "desc"}
SITE_TAGS = {"section"} | SVG_TAGS
SITE_DATA_ATTRIBUTES = {"data-print", "data-search-skip", "data-field", "data-term", "data-date", "data-value",
                        "data-series",
                        # The programme's and the lexicon's cells' headings on a phone (site.css).
                        "data-label",
                        # Where the build writes the dossier's size and date (components/dossier-link.html).
                        "data-dossier-details"}
SVG_ATTRIBUTES = {"xmlns", "viewbox", "role", "aria-labelledby", "direction", "x", "y", "x1", "x2", "y1", "y2",
                  "cx", "cy", "r", "width", "height", "d", "text-anchor"}
TAGS = allowlist.ALLOWED_TAGS | SITE_TAGS
ATTRIBUTES = {tag: set(names) | SITE_DATA_ATTRIBUTES for tag, names in allowlist.ALLOWED_ATTRIBUTES.items()} | {
    tag: SVG_ATTRIBUTES | SITE_DATA_ATTRIBUTES for tag in SITE_TAGS - {"section"}} | {
    "section": {"aria-labelledby"}}
# The dossier's link (components/dossier-link.html): a download of the
# site's own PDF, its type said.
ATTRIBUTES["a"] |= {"download", "type"}
ATTRIBUTES["*"] = set(allowlist.GLOBAL_ATTRIBUTES) | {"aria-labelledby", "aria-label", "aria-hidden", "role"}
for _tag in TAGS:
    ATTRIBUTES.setdefault(_tag, set()).update(SITE_DATA_ATTRIBUTES)
# Never published, whoever wrote them.
NEVER = {"meta", "base", "iframe", "frame", "form", "object", "embed", "link", "script", "style", "input",
         "button", "textarea", "select", "portal", "frameset", "applet", "template", "noscript"}
FIX = "remove what writes it: HTML, a {% raw %} block or a template expression that prints markup"
# Attributes whose text a reader sees or hears.
READ_ATTRIBUTES = ("alt", "title", "aria-label")


def _clean(fragment: str) -> str:
    return nh3.clean(fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=allowlist.LINK_SCHEMES,
                     link_rel=None, strip_comments=False, attribute_filter=allowlist._clean_attribute)


def _inside_svg(node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == "svg":
            return True
        parent = parent.parent
    return False


def _line(source: str, needles: list[str]) -> int:
    for needle in needles:
        line = line_of(source, needle, missing=0) if needle else 0
        if line:
            return line
    return 1


def check_article(article: str, display: str, source: str) -> list[Problem]:
    """Every element, attribute, address and disguising character of the
    published article `article` (HTML) that the site does not allow, on
    the line of the page's `source` (its file's text) that holds its clue."""
    problems: set[Problem] = set()
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{article}</body></html>")
    body = tree.body
    if body is None:
        return []
    for node in body.traverse(include_text=False):
        tag = node.tag.lower()
        if tag in ("body", "-text"):
            continue
        attributes = {k.lower(): v or "" for k, v in node.attributes.items()}
        clue = [f"<{tag}", *(v[:30] for v in attributes.values())]
        in_svg = _inside_svg(node)
        if tag in NEVER or tag not in TAGS or (tag in SVG_TAGS) != (in_svg or tag == "svg"):
            reason = allowlist.REASONS.get(tag, "it is not one of the elements the site allows")
            problems.add(Problem(display, _line(source, clue),
                                 f"the published page would carry <{tag}>: {reason}", FIX))
            continue
        for name, value in attributes.items():
            if in_svg or tag == "svg":
                if name not in ATTRIBUTES[tag] | ATTRIBUTES["*"]:
                    problems.add(Problem(display, _line(source, [f"{name}=", *clue]),
                                         f"the published page would carry a {name}= attribute in a drawing", FIX))
                    continue
            if name.startswith("on") or name == "style":
                problems.add(Problem(display, _line(source, [f"{name}=", *clue]),
                                     f"the published page would carry a {name}= attribute on <{tag}>", FIX))
            elif name in allowlist.ADDRESS_ATTRIBUTES and name != "cite":
                scheme = allowlist._scheme(value)
                if name == "href" and scheme not in (None, *allowlist.LINK_SCHEMES):
                    problems.add(Problem(display, _line(source, [value[:30], *clue]),
                                         f"the published page would link to a {scheme}: address", FIX))
                elif name != "href" and not allowlist._local_address(value):
                    problems.add(Problem(display, _line(source, [value[:30], *clue]),
                                         f"the published page would load «{value[:60]}» from another host",
                                         "put the file under docs/assets/ and refer to it by its path"))
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                problems.update(_disguised(attributes[name], display, source))
    # nh3 (Ammonia) drops SVG whole: the drawings, checked element by element
    # above, are left out of its pass.
    for drawing in body.css("svg"):
        drawing.decompose()
    rest = body.inner_html
    if not problems and allowlist._canonical(_clean(rest)) != allowlist._canonical(rest):
        problems.add(Problem(display, 1, "the published page would carry HTML the site does not allow "
                                         "(the sanitizer would change it)", FIX))
    problems.update(_disguised(body.text(separator="\n"), display, source))
    return sorted(problems)


def _disguised(text: str, display: str, source: str) -> list[Problem]:
    """The disguising characters of a published text, each on the source
    line that holds the character itself, or its character reference, or
    the words around it."""
    found = []
    lines = text.split("\n")
    for problem in disguise.check_text(text, display):
        shown = lines[problem.line - 1] if problem.line <= len(lines) else ""
        suspects = [c for c in shown if disguise._suspect(c)] or [""]
        needles = [suspects[0], f"&#x{ord(suspects[0]):x};" if suspects[0] else "",
                   f"&#{ord(suspects[0])};" if suspects[0] else "",
                   *sorted(shown.split(), key=len, reverse=True)]
        found.append(Problem(display, _line(source, needles) if source else 1,
                             problem.message + " (in the page as published)", problem.fix))
    return found


# In the whole page the theme wrote: what no layout of the site carries.
NEVER_IN_PAGE = {"base", "iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
RESOURCE_LINKS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "prefetch", "manifest",
                  "apple-touch-icon", "mask-icon", "dns-prefetch", "preconnect"}


def check_page(output: str | LexborHTMLParser, display: str) -> list[Problem]:
    """The whole page as written (theme, partials and article): no element
    that loads another site or changes where the page's links point, no
    refresh to another address, no script, style sheet, image or font from
    another host. The article itself is held to `check_article`; this holds
    the layout, which a pull request may also change."""
    problems = set()
    tree = output if isinstance(output, LexborHTMLParser) else LexborHTMLParser(output)
    for node in tree.root.traverse(include_text=False) if tree.root else []:
        tag = node.tag.lower()
        attributes = {k.lower(): v or "" for k, v in node.attributes.items()}
        if tag in NEVER_IN_PAGE:
            problems.add(Problem(display, 1, f"the built page would carry <{tag}>: "
                                             f"{allowlist.REASONS.get(tag, 'the site never uses it')}",
                                 "remove it from the layout (overrides/) or the page"))
        elif tag == "meta" and attributes.get("http-equiv", "").lower() not in ("", "content-security-policy"):
            problems.add(Problem(display, 1, f"the built page would carry <meta http-equiv=\"{attributes['http-equiv']}\">: "
                                             "it can send readers to another address", "remove it"))
        else:
            rels = set(attributes.get("rel", "").lower().split())
            for name in ("src", "srcset", "poster", "data") + (("href",) if tag == "link" and rels & RESOURCE_LINKS
                                                                   else ()):
                value = attributes.get(name)
                if value and not allowlist._local_address(value):
                    problems.add(Problem(display, 1, f"the built page would load «{value[:60]}» from another host "
                                                     f"(<{tag} {name}=…>)",
                                         "serve the file from the site itself (docs/assets/)"))
    return sorted(problems)
