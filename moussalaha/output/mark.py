"""The centre's mark as a bitmap, drawn from its one drawing,
docs/assets/images/favicon.svg (rounded squares and one path of lines and
quadratic curves), by Pillow: `/favicon.ico` and `/apple-touch-icon.png`,
which browsers and phones ask for at the site's root whatever the page
says, and the mark on the home page's preview image. No SVG renderer is
needed for so plain a drawing; a drawing with other shapes is refused.

    .venv/bin/python -m moussalaha.output.mark   # writes /tmp/mark.png
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from PIL import Image, ImageDraw

from moussalaha import stored

SVG = "{http://www.w3.org/2000/svg}"
SUPERSAMPLE = 8
TOUCH_ICON = 180  # pixels: what iOS asks for
ICO_SIZES = [(16, 16), (32, 32), (48, 48)]


def _colour(value: str) -> tuple[int, int, int, int]:
    value = value.lstrip("#")
    if re.fullmatch(r"[0-9a-fA-F]{3}", value):
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise ValueError(f"the mark's colours are #rgb or #rrggbb, not {value!r}")
    return (*bytes.fromhex(value), 255)


def _polygon(d: str, scale: float) -> list[tuple[float, float]]:
    """The outline of a path of M, L, Q and Z (absolute), curves flattened."""
    tokens = re.findall(r"[A-Za-z]|-?\d*\.?\d+", d)
    points: list[tuple[float, float]] = []
    command, i = None, 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command == "Z":
                continue
        numbers = [float(t) * scale for t in tokens[i:i + (4 if command == "Q" else 2)]]
        if command in ("M", "L"):
            points.append((numbers[0], numbers[1]))
            i += 2
        elif command == "Q":
            (x0, y0), (cx, cy, x1, y1) = points[-1], numbers
            for step in range(1, 9):
                t = step / 8
                points.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t * t * x1,
                               (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t * t * y1))
            i += 4
        else:
            raise ValueError(f"the mark's path uses {command!r}: only M, L, Q and Z are drawn (moussalaha/output/mark.py)")
    return points


def layers(svg: Path, size: int, square: bool = False) -> list[tuple[tuple[int, int, int, int], Image.Image]]:
    """The mark at `size` pixels as (colour, coverage) pairs, one for each
    fill and stroke, bottom first; `square`: its background without
    rounded corners (a phone rounds an icon itself, and fills transparent
    corners black)."""
    root = ET.fromstring(svg.read_text(encoding="utf-8"))
    view = [float(v) for v in root.attrib["viewBox"].split()]
    big = size * SUPERSAMPLE
    scale = big / view[2]
    result = []

    def layer(colour: str, paint) -> None:
        mask = Image.new("L", (big, big), 0)
        paint(ImageDraw.Draw(mask))
        result.append((_colour(colour), mask.resize((size, size), Image.Resampling.LANCZOS)))

    for shape in root:
        tag, a = shape.tag.removeprefix(SVG), shape.attrib
        if tag == "rect":
            x, y = float(a.get("x", 0)) * scale, float(a.get("y", 0)) * scale
            box = (x, y, x + float(a["width"]) * scale - 1, y + float(a["height"]) * scale - 1)
            radius = 0 if square and not a.get("x") else float(a.get("rx", 0)) * scale
            if a.get("fill", "#000") != "none":
                layer(a.get("fill", "#000"), lambda pen: pen.rounded_rectangle(box, radius, fill=255))
            if a.get("stroke"):
                width = max(1, round(float(a.get("stroke-width", 1)) * scale))
                layer(a["stroke"], lambda pen: pen.rounded_rectangle(box, radius, outline=255, width=width))
        elif tag == "path":
            outline = _polygon(a["d"], scale)
            layer(a.get("fill", "#000"), lambda pen: pen.polygon(outline, fill=255))
        else:
            raise ValueError(f"the mark holds a <{tag}>: only rect and path are drawn (moussalaha/output/mark.py)")
    return result


def draw(svg: Path, size: int, square: bool = False) -> Image.Image:
    """The mark at `size` pixels, RGBA."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    for colour, mask in layers(svg, size, square):
        paint = Image.new("RGBA", (size, size), colour)
        paint.putalpha(mask)
        image = Image.alpha_composite(image, paint)
    return image


ICONS = ("favicon.ico", "apple-touch-icon.png")


def icons(svg: Path) -> dict[str, bytes]:
    """{name: bytes}: favicon.ico (16, 32 and 48 pixels) and apple-touch-icon.png."""
    favicon, touch = io.BytesIO(), io.BytesIO()
    draw(svg, 48).save(favicon, format="ICO", sizes=ICO_SIZES)
    draw(svg, TOUCH_ICON, square=True).convert("RGB").save(touch, format="PNG", optimize=True)
    return dict(zip(ICONS, (favicon.getvalue(), touch.getvalue())))


def write_icons(svg: Path, site: Path, kept: stored.Store | None = None) -> None:
    """The icons at the site's root; kept in `kept` (those of earlier builds)
    under the hash of the drawing, this code and Pillow's version."""
    key = stored.key(svg.read_bytes(), stored.source_digest(__file__), stored.versions("pillow")) if kept else None
    made = {name: kept.read(f"{key}-{name}") for name in ICONS} if key else {}
    if not (made and all(made.values())):
        made = icons(svg)
        if key:
            for name, content in made.items():
                kept.write(f"{key}-{name}", content)
    for name, content in made.items():
        (site / name).write_bytes(content)


if __name__ == "__main__":
    draw(Path("docs/assets/images/favicon.svg"), 180).save("/tmp/mark.png")
    print("/tmp/mark.png")
