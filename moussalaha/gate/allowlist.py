"""Editors' HTML, by allowlist: each element, attribute and address that the
site does not allow is refused with its reason and line.

Two passes over the same fragment:

- enforcement: nh3 (Python binding of Ammonia, the maintained Rust
  sanitizer built on the browsers' HTML5 parsing rules) cleans it with the
  allowlist below; if the cleaned fragment differs from the fragment (both
  re-serialised by the same HTML5 parser, so that quoting and spacing do not
  count), something was not allowed. This catches every spelling a browser
  would read as a script: <ScRiPt>, entities in a javascript: address,
  markup split across lines, SVG and MathML, comments that open tags.
- explanation: the standard library's tokenizer, which knows the line of
  each tag, names what is wrong and how to fix it. Anything the first pass
  refuses that this pass cannot explain is still refused, as "HTML the site
  does not allow".

SVG files are XML, and checked as XML: moussalaha/gate/svg.py.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3
from selectolax.lexbor import LexborHTMLParser

from moussalaha.problems import Problem, line_of

# What the site's Markdown produces, and the few elements editors write by hand.
ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
GLOBAL_ATTRIBUTES = {"id", "class", "lang", "dir", "title"}
ALLOWED_ATTRIBUTES = {
    "*": GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "abbr": set(),
    "q": {"cite"},
    "blockquote": {"cite"},
    "details": {"open"},
}
LINK_SCHEMES = {"http", "https", "mailto"}
# Attributes whose value is an address the browser fetches or follows.
ADDRESS_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href", "background",
                      "cite", "codebase", "icon", "manifest", "ping", "longdesc", "dynsrc", "lowsrc", "usemap"}

RUNS_CODE = "it runs code in readers' browsers"
REASONS = {
    "script": RUNS_CODE, "noscript": "it hides markup that the checks do not see",
    "svg": "inline SVG can run scripts and animations; put the drawing in docs/assets/images/ as an .svg file",
    "math": "MathML can carry links and scripts", "template": "it hides markup that the checks do not see",
    "iframe": "it loads another site inside the page", "frame": "it loads another site inside the page",
    "frameset": "it loads other sites inside the page", "portal": "it loads another site inside the page",
    "object": "it runs a plug-in or loads from elsewhere", "embed": "it runs a plug-in or loads from elsewhere",
    "applet": RUNS_CODE, "base": "it changes where every link of the page points",
    "form": "it sends what readers type to an address", "input": "forms send what readers type to an address",
    "button": "forms send what readers type to an address", "textarea": "forms send what readers type to an address",
    "select": "forms send what readers type to an address",
    "meta": "it can send readers to another page or change the page's rules",
    "link": "it loads a file, possibly from another host",
    "style": "styles belong in docs/assets/stylesheets/site.css, for every page",
    "video": "media files are not published through pages", "audio": "media files are not published through pages",
    "source": "media files are not published through pages", "track": "media files are not published through pages",
    "picture": "write a plain image: ![what it shows](assets/images/NAME.jpg)",
    "canvas": "it is drawn by scripts", "dialog": "it is opened by scripts", "marquee": "it moves text on the screen",
    "html": "a page is not a whole HTML document", "head": "a page is not a whole HTML document",
    "body": "a page is not a whole HTML document", "title": "the title belongs in the front matter",
    "xmp": "it shows markup as text in old browsers", "plaintext": "it swallows the rest of the page",
}


def _clean_attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's hook: resources (images) come from the site itself, never from another host."""
    if tag == "img" and name == "src" and not _local_address(value):
        return None
    return value


def _canonical(fragment: str) -> str:
    tree = LexborHTMLParser(f"<!DOCTYPE html><html><head></head><body>{fragment}</body></html>")
    return tree.body.html if tree.body else ""


def clean(fragment: str) -> str:
    """The fragment with everything the site does not allow removed."""
    return nh3.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=LINK_SCHEMES,
                     link_rel=None, strip_comments=False, attribute_filter=_clean_attribute)


def allowed(fragment: str) -> bool:
    return _canonical(clean(fragment)) == _canonical(fragment)


def _address(value: str) -> str:
    """An address as a browser reads it: entities decoded, control
    characters and whitespace inside removed, lower case."""
    return re.sub(r"[\x00-\x20\x7f]", "", html.unescape(value)).lower()


def _scheme(value: str) -> str | None:
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", _address(value))
    return match.group(1) if match else None


def _local_address(value: str) -> bool:
    """A path on the site: no scheme, no other host (`//host`), no backslash trick."""
    address = _address(value)
    return _scheme(value) is None and not address.startswith(("//", "\\\\", "/\\", "\\/"))


def _attribute_problem(tag: str, name: str, value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for one attribute, or None."""
    value = value or ""
    if name.startswith("on"):
        return f"the attribute {name}= runs code in readers' browsers", "remove it"
    if name == "style":
        return ("a style= attribute is refused: the page's security policy blocks it, and styles belong to the site",
                "remove it; ask the site's developers for a class styled in docs/assets/stylesheets/site.css")
    if name in ADDRESS_ATTRIBUTES:
        scheme = _scheme(value)
        if scheme in ("javascript", "vbscript", "livescript"):
            return f"the address «{value.strip()[:40]}» is a {scheme}: address: {RUNS_CODE}", \
                   "link to a page of the site or to a web address (https://…)"
        if scheme == "data":
            return f"the address «{value.strip()[:40]}» is a data: address, which can hide a page or a script", \
                   "put the file in docs/assets/ and link to it there"
        if tag == "img" and name in ("src", "srcset") and not _local_address(value):
            return (f"the image {value.strip()[:60]} comes from another host, which would learn who reads the site "
                    "and could change the image"), "put the file in docs/assets/images/ and link it from there"
        if scheme is not None and scheme not in LINK_SCHEMES:
            return f"the address «{value.strip()[:40]}» uses {scheme}:, which the site does not link to", \
                   "use an https:// address or a page of the site"
    allowed_here = ALLOWED_ATTRIBUTES.get(tag, set()) | GLOBAL_ATTRIBUTES
    if tag in ALLOWED_TAGS and name not in allowed_here:
        return f"the attribute {name}= is not one the site allows on <{tag}>", \
               f"remove it (allowed on <{tag}>: {', '.join(sorted(allowed_here))})"
    return None


class _Tags(HTMLParser):
    """Start tags with their line, attributes decoded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self.declarations: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag

    def handle_decl(self, decl):
        self.declarations.append((self.getpos()[0], decl))

    def unknown_decl(self, data):
        self.declarations.append((self.getpos()[0], data))

    def handle_pi(self, data):
        self.declarations.append((self.getpos()[0], data))


def check_fragment(fragment: str, display: str, first_line: int = 1, source: str | None = None) -> list[Problem]:
    """Every element, attribute and address of `fragment` that the site does
    not allow, with its reason. `fragment` starts at line `first_line` of
    the file `display`; when it is HTML rendered from Markdown, pass the
    Markdown as `source` and each problem is placed on the source line
    that holds it."""
    tokens = _Tags()
    tokens.feed(fragment)
    tokens.close()
    found: set[Problem] = set()

    def where(line: int, needle: str) -> int:
        return line_of(source, needle, missing=first_line) if source is not None else first_line + line - 1

    for line, decl in tokens.declarations:
        found.add(Problem(display, where(line, "<!"), f"the declaration <!{decl[:30]}> is refused: "
                                                      "it can define entities or change how the page is read",
                          "remove it"))
    for line, tag, attributes in tokens.tags:
        if tag not in ALLOWED_TAGS:
            reason = REASONS.get(tag, "it is not one of the elements the site allows")
            found.add(Problem(display, where(line, f"<{tag}"), f"raw HTML <{tag}> is refused: {reason}",
                              "remove it (ask the site's developers if the page really needs it)"))
        for name, value in attributes:
            wrong = _attribute_problem(tag, name, value or "")
            if wrong:
                # Markdown's [text](address) has no `name=`: look for the address first.
                shown = (value or "").strip()[:30]
                at = where(line, shown) if shown and source is not None and shown.lower() in source.lower() \
                    else where(line, f"{name}=")
                found.add(Problem(display, at, *wrong))
    if not found and not allowed(fragment):
        found.add(Problem(display, first_line, "this HTML is not allowed on the site (the sanitizer would change it)",
                          "write the text in Markdown, without HTML tags"))
    return sorted(found)
