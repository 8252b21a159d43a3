"""SVG files under docs/, held to shapes, text and paint: opened on its own,
an SVG is a page of the site, and any script in it runs as the site.

An SVG file is XML, and is read as XML: by defusedxml (the standard
library's expat parser, made to refuse document type declarations, entity
declarations and external references), with namespaces. The allowlist is
applied to the element's and attribute's namespaced names: an element is an
SVG element (http://www.w3.org/2000/svg, or no namespace in a file without
xmlns=) of the list below; an attribute
is an SVG attribute of the list below, or xlink:href or xml:lang. What the
parser cannot read is refused with what came before it explained.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import (
    DefusedXmlException,
    DTDForbidden,
    EntitiesForbidden,
    ExternalReferenceForbidden,
)
from defusedxml.ElementTree import DefusedXMLParser

from moussalaha.gate.allowlist import RUNS_CODE, _address
from moussalaha.problems import Problem

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
PREFIXES = {XLINK: "xlink", XML: "xml"}
# Shapes, text and paint only (XML names are case-sensitive).
TAGS = {
    "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "text", "tspan", "title",
    "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol", "use", "metadata",
}
ATTRIBUTES = {
    "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx",
    "ry", "d", "points", "fill", "fill-opacity", "fill-rule", "clip-rule", "stroke", "stroke-width",
    "stroke-linecap", "stroke-linejoin", "stroke-opacity", "stroke-dasharray", "stroke-dashoffset",
    "stroke-miterlimit", "opacity", "transform", "id", "class", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "clip-path", "mask", "clipPathUnits", "maskUnits", "font-family",
    "font-size", "font-weight", "text-anchor", "dominant-baseline", "preserveAspectRatio", "version", "role",
    "aria-label", "aria-hidden", "focusable", "href", "dx", "dy", "lang", "direction",
    f"{{{XLINK}}}href", f"{{{XML}}}lang",
}
LINKS = {"href", f"{{{XLINK}}}href"}
LIMIT = 200 * 1024
REFUSED_BECAUSE = {"script": RUNS_CODE, "foreignobject": "it embeds HTML in the drawing",
                   "a": "a link in a drawing can run a javascript: address", "style": "styles can load files",
                   "image": "it loads another file, possibly from another host", "iframe": "it loads another site"}
EXPORT = "remove it; export the drawing as plain SVG without scripts, links or animations"


def _split(name: str) -> tuple[str | None, str]:
    """(namespace, local name) of expat's `{namespace}local`."""
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return None, name


def _shown(name: str) -> str:
    """A name as an editor reads it in messages: xlink:href, lower case."""
    namespace, local = _split(name)
    prefix = PREFIXES.get(namespace) if namespace else None
    return (f"{prefix}:{local}" if prefix else local).lower()


class _Elements:
    """The parser's target: each element with its line, and each processing
    instruction (the XML declaration is not one)."""

    def __init__(self) -> None:
        self.parser: DefusedXMLParser | None = None
        self.elements: list[tuple[int, str, dict[str, str]]] = []
        self.instructions: list[tuple[int, str]] = []

    def line(self) -> int:
        return self.parser.parser.CurrentLineNumber

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.elements.append((self.line(), tag, attributes))

    def pi(self, target: str, data: str) -> None:
        self.instructions.append((self.line(), target))

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


def _element_problems(display: str, line: int, tag: str, attributes: dict[str, str]) -> list[Problem]:
    found = []
    namespace, local = _split(tag)
    # Without a namespace (<svg> without xmlns=), the names are read as SVG's.
    if namespace not in (SVG, None):
        found.append(Problem(display, line, f"<{_shown(tag)}> is not an SVG element (its namespace is {namespace})",
                             f'start the drawing with <svg xmlns="{SVG}">; {EXPORT}'))
    elif local not in TAGS:
        reason = REFUSED_BECAUSE.get(local.lower())
        if local.startswith(("animate", "set", "discard")):
            reason = "an animation can change a link or an attribute into a script"
        found.append(Problem(display, line, f"<{local.lower()}> is refused in an SVG file: "
                                            f"{reason or 'only shapes, text and colours are allowed'}", EXPORT))
    for name, value in attributes.items():
        shown = _shown(name)
        if _split(name)[1].lower().startswith("on"):
            found.append(Problem(display, line, f"the attribute {shown}= runs code when the drawing is opened", "remove it"))
        elif name in LINKS and not _address(value).startswith("#"):
            found.append(Problem(display, line, f"{shown}=\"{value[:40]}\" points outside the drawing",
                                 "keep only references inside the drawing (#id)"))
        elif name not in ATTRIBUTES:
            fix = ("use presentation attributes (fill=, stroke=) instead" if shown == "style"
                   else "remove it; export the drawing as plain SVG")
            found.append(Problem(display, line, f"the attribute {shown}= is refused in an SVG file", fix))
        elif re.search(r"url\s*\(\s*['\"]?\s*(?!#)", value, re.IGNORECASE):
            found.append(Problem(display, line, f"{shown}= loads «{value[:40]}» from outside the drawing",
                                 "refer only to parts of the drawing: url(#id)"))
    return found


def check_svg(path: Path, display: str | None = None, max_bytes: int = LIMIT) -> list[Problem]:
    """The problems of the SVG file `path` (named `display` in messages)."""
    display = display or str(path)
    if path.is_symlink():
        return [Problem(display, 1, "this file is a link to another file", "put the file itself here")]
    size = path.stat().st_size
    if size > max_bytes:
        return [Problem(display, 1, f"this drawing weighs {-(-size // 1024)} KB, more than the {max_bytes // 1024} KB "
                                    "limit", "simplify it or export it again with fewer points")]
    target = _Elements()
    parser = target.parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True,
                                              forbid_external=True)
    found: set[Problem] = set()
    try:
        parser.feed(path.read_bytes())
        parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        found.add(Problem(display, target.line(), "<!DOCTYPE …> is refused: a declaration can define entities that "
                                                  "expand without end", "remove it; export the drawing as plain SVG"))
    except DefusedXmlException as error:
        found.add(Problem(display, target.line(), f"this drawing is refused: {error}", "export it again as plain SVG"))
    except ParseError as error:
        found.add(Problem(display, error.position[0], f"this drawing is not well-formed XML ({str(error).split(':')[0]})",
                          "export it again as plain SVG"))
    for line, name in target.instructions:
        found.add(Problem(display, line, f"the processing instruction <?{name}…?> is refused: it can make the drawing "
                                         "load a style sheet", "remove it; export the drawing as plain SVG"))
    for line, tag, attributes in target.elements:
        found.update(_element_problems(display, line, tag, attributes))
    return sorted(found)
