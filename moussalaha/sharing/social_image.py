"""Preview images for sharing a page (og:image): 1200×630 PNG, the page's
title and the centre's name in the page's language, in the site's colours.

Text goes through a real layout stack: Pillow's Raqm layout, which shapes
with HarfBuzz (Arabic letters joined, marks placed) and orders with FriBiDi
(right to left, Latin words and numbers inside Arabic kept in their order).
Titles are wrapped at the break opportunities of the Unicode line breaking
algorithm (UAX #14, the `uniseg` package: spaces in Arabic, also after
hyphens and slashes in French, never inside a word and never at a no-break
space), measured with the same shaping that draws them, and balanced so that
the last line is not a lone word. Arabic lines are right-aligned.

The bytes depend only on the arguments, the committed fonts and the pinned
Pillow: no timestamp is written and the colours are a fixed 16-colour
palette (a 4-bit PNG). Quick enough to draw every page's image at each
build: the text is drawn as coverage masks mapped to the palette (no RGB image,
no quantising), the break opportunities are found once per title, the
widths of candidate lines are cached, and zlib compresses run-length.
"""

from __future__ import annotations

import io
import re
import zlib
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features
from uniseg.linebreak import LineBreak, line_break, line_break_units

from moussalaha import languages, stored
from moussalaha.output import mark

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
FONTS = Path(__file__).with_name("fonts")
FONT_FILES = {400: FONTS / "share-400.ttf", 700: FONTS / "share-700.ttf"}
# The centre's mark, its one drawing (the site's favicon).
MARK = Path(__file__).resolve().parents[2] / "docs" / "assets" / "images" / "favicon.svg"

# The site's colours (docs/assets/stylesheets/site.css): the primary green,
# and the sand accent of the dark scheme, which reads on green.
GREEN = (0x0B, 0x5A, 0x45)
DARK_GREEN = (0x07, 0x40, 0x2F)
SAND = (0xF2, 0xB3, 0x6B)
WHITE = (0xFF, 0xFF, 0xFF)

# Title sizes tried from the largest; the first at which the title fits in
# MAX_LINES lines and in the title's area is used.
TITLE_SIZES = (76, 68, 60, 54, 48, 44, 40)
MAX_LINES = 4
NAME_SIZE = 36
# Naskh has tall ascenders and deep descenders: its lines need more room.
LINE_HEIGHT = {"rtl": 1.55, "ltr": 1.22}
# The centre's name and a rule at the top; the title in the area below it.
NAME_BASELINE = MARGIN + NAME_SIZE
RULE_TOP = NAME_BASELINE + 28
AREA = (RULE_TOP + 30, HEIGHT - 16 - 36)


def _blend(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


# Green, dark green, nine steps to white (anti-aliased edges of the title)
# and five to sand: 16 colours, so a 4-bit PNG.
PALETTE = [GREEN, DARK_GREEN]
PALETTE += [_blend(GREEN, WHITE, i / 9) for i in range(1, 10)]
PALETTE += [_blend(GREEN, SAND, i / 5) for i in range(1, 6)]


class TitleTooLong(ValueError):
    """The title does not fit in MAX_LINES lines even at the smallest size."""


def direction(lang: str) -> str:
    return languages.get(lang).direction


def require_raqm() -> None:
    if not features.check_feature("raqm"):
        raise RuntimeError(
            "Pillow has no Raqm text layout, so Arabic would be drawn unjoined and left to right — "
            "install Debian's libraqm0 and libfribidi0 (`make text-layout` does it)"
        )


@lru_cache(maxsize=None)
def font(weight: int, size: int, layout: ImageFont.Layout = ImageFont.Layout.RAQM) -> ImageFont.FreeTypeFont:
    if layout == ImageFont.Layout.RAQM:
        require_raqm()
    return ImageFont.truetype(str(FONT_FILES[weight]), size, layout_engine=layout)


@lru_cache(maxsize=None)
def covered() -> frozenset[int]:
    """Every character both faces can draw."""
    maps = [set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()]
    return frozenset(set.intersection(*maps))


def clean(text: str, what: str) -> str:
    """Collapse ordinary white space (not the no-break spaces, which hold
    words together) and refuse a character the fonts cannot draw."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    if not text:
        raise ValueError(f"the {what} of a preview image is empty — give the page a title")
    missing = sorted({c for c in text if ord(c) not in covered()})
    if missing:
        shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
        raise ValueError(
            f"the {what} {text!r} has characters the preview font cannot draw: {shown} — "
            "use another character, or add its Unicode block to scripts/social_fonts.py and rerun it"
        )
    return text


@lru_cache(maxsize=4096)  # wrapping and balancing measure the same lines again and again
def measure(text: str, lang: str, face: ImageFont.FreeTypeFont) -> float:
    """The shaped advance width of one line, as it will be drawn."""
    return face.getlength(text, direction=direction(lang), language=lang)


@lru_cache(maxsize=1024)
def units(text: str) -> tuple[str, ...]:
    """The text cut at its UAX #14 break opportunities, as uniseg finds them
    in the whole text, found once per title (wrapping asks again and again).

    uniseg is pure Python, slow for every character, so it reads only the
    parts of the title where the rules have something to decide. Between a
    letter of class AL (Arabic and Latin letters) and spaces followed by
    another, a line may always break (LB18: no earlier rule applies to AL
    SP+ AL), and no rule looks across that point: the title is cut there
    into parts that break independently, and a part made of letters alone
    is one unit (LB28: never between two letters), which needs no uniseg.
    tests/unit/test_social_image.py compares the result with uniseg's."""
    cuts = [0]
    for space in re.finditer(" +", text):
        if space.start() > 0 and space.end() < len(text) and _letter(text[space.start() - 1]) and _letter(text[space.end()]):
            cuts.append(space.end())
    cuts.append(len(text))
    found: list[str] = []
    for start, end in zip(cuts, cuts[1:]):
        part = text[start:end]
        if all(_letter(c) for c in part.rstrip(" ")):
            found.append(part)
        else:
            found.extend(line_break_units(part))
    return tuple(found)


@lru_cache(maxsize=None)
def _letter(char: str) -> bool:
    return line_break(char) == LineBreak.AL


def wrap(text: str, lang: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy fill at UAX #14 break opportunities; a unit wider than the
    whole line stays alone on its line (the caller then tries a smaller size)."""
    if measure(text, lang, face) <= width:  # one line: no need to look for breaks
        return [text]
    lines: list[str] = []
    line = ""
    for unit in units(text):
        candidate = line + unit
        if line and measure(candidate.rstrip(), lang, face) > width:
            lines.append(line.rstrip())
            line = unit
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def balanced(text: str, lang: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """The narrowest measure that keeps the greedy line count, so the lines
    come out of even length (as CSS `text-wrap: balance`)."""
    lines = wrap(text, lang, face, width)
    if len(lines) < 2:
        return lines
    low, high = width / len(lines), width
    while high - low > 2:
        middle = (low + high) / 2
        if len(wrap(text, lang, face, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return wrap(text, lang, face, high)


def block(lines: list[str], lang: str, size: int) -> tuple[float, float]:
    """Where the first line's ink starts above its baseline (negative), and
    the height of all the lines' ink, from the first line's top to the last
    line's bottom."""
    face, options = font(700, size), {"anchor": "ls", "direction": direction(lang), "language": lang}
    top = face.getbbox(lines[0], **options)[1]
    bottom = face.getbbox(lines[-1], **options)[3]
    return top, (len(lines) - 1) * size * LINE_HEIGHT[direction(lang)] + bottom - top


def layout_title(title: str, lang: str, width: float = WIDTH - 2 * MARGIN) -> tuple[int, list[str]]:
    """The title's size and lines: the largest size at which it fits."""
    size, lines = _layout_title(title, lang, width)
    return size, list(lines)


# Laid out once for each title: a page's head asks as the page is built (to
# name the page if its title does not fit), the image asks again at the end.
@lru_cache(maxsize=512)
def _layout_title(title: str, lang: str, width: float) -> tuple[int, tuple[str, ...]]:
    title = clean(title, "title")
    # Three lines read better than four, unless they would need a size too
    # small to read in a feed's thumbnail (about 500 pixels wide).
    for most, sizes in ((MAX_LINES - 1, [s for s in TITLE_SIZES if s >= 54]), (MAX_LINES, TITLE_SIZES)):
        for size in sizes:
            face = font(700, size)
            if len(wrap(title, lang, face, width)) > most:
                continue
            lines = balanced(title, lang, face, width)
            if (len(lines) <= most and all(measure(line, lang, face) <= width for line in lines)
                    and block(lines, lang, size)[1] <= AREA[1] - AREA[0]):
                return size, tuple(lines)
    raise TitleTooLong(
        f"the title {title!r} does not fit the preview image in {MAX_LINES} lines — "
        "shorten it (about 150 characters at most)"
    )


def _text(draw: ImageDraw.ImageDraw, y: float, text: str, lang: str, face) -> None:
    rtl = direction(lang) == "rtl"
    x = WIDTH - MARGIN if rtl else MARGIN
    draw.text((x, y), text, font=face, fill=255, anchor="rs" if rtl else "ls",
              direction=direction(lang), language=lang)


def _ramp(first: int, steps: int) -> list[int]:
    """Ink coverage (0–255) to palette indices: none is the green (index 0),
    full is `first + steps - 1`, in `steps` even steps."""
    return [0 if round(c * steps / 255) == 0 else first + round(c * steps / 255) - 1 for c in range(256)]


WHITE_RAMP = _ramp(2, 9)
SAND_RAMP = _ramp(11, 5)


def render(title: str, site_name: str, lang: str) -> bytes:
    """The preview image of a page as PNG bytes.

    Each text is drawn as an 8-bit coverage mask (anti-aliased by FreeType)
    and its coverage mapped straight to the palette's blends of its colour
    with the green: no RGB image and no quantising, which cost more than
    the rest together."""
    site_name = clean(site_name, "site name")
    size, lines = layout_title(title, lang)
    rtl = direction(lang) == "rtl"

    # The title, white, its ink centred in the area below the rule.
    title_ink = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(title_ink)
    face = font(700, size)
    top, height = block(lines, lang, size)
    baseline = AREA[0] + (AREA[1] - AREA[0] - height) / 2 - top
    for i, line in enumerate(lines):
        _text(draw, round(baseline + i * size * LINE_HEIGHT[direction(lang)]), line, lang, face)
    image = title_ink.point(WHITE_RAMP)

    # The centre's name at the top, on the reading side, over a sand rule;
    # on the home page, whose title is the name, the centre's mark instead
    # (moussalaha/output/mark.py draws it from favicon.svg). Its band is above the
    # title's area.
    if site_name != clean(title, "title"):
        name_ink = Image.new("L", (WIDTH, AREA[0]), 0)
        draw = ImageDraw.Draw(name_ink)
        _text(draw, NAME_BASELINE, site_name, lang, font(400, NAME_SIZE))
        start = WIDTH - MARGIN - 120 if rtl else MARGIN
        draw.rectangle((start, RULE_TOP, start + 120, RULE_TOP + 6), fill=255)
        image.paste(name_ink.point(SAND_RAMP), (0, 0))

    else:
        # The home page: the mark where the name would be, over the rule.
        size = RULE_TOP - 24 - (MARGIN - 32)
        x = WIDTH - MARGIN - size if rtl else MARGIN
        for colour, coverage in mark.layers(MARK, size):
            ramp = WHITE_RAMP if colour[:3] == WHITE else SAND_RAMP if colour[:3] != GREEN else None
            if ramp is not None:
                image.paste(coverage.point(ramp), (x, MARGIN - 32), coverage.point(lambda c: 255 if c else 0))
        rule = WIDTH - MARGIN - 120 if rtl else MARGIN
        ImageDraw.Draw(image).rectangle((rule, RULE_TOP, rule + 120, RULE_TOP + 6), fill=SAND_RAMP[255])

    # A dark band along the bottom edge, as the site's footer.
    image.paste(1, (0, HEIGHT - 16, WIDTH, HEIGHT))
    return to_png(image)


# zlib's run-length strategy suits an image of long runs of one colour:
# nearly as small as level 9 of the default strategy in a fraction of its
# time, and smaller than level 6 (figures: commit 989ea88). The
# same bytes on every run.
COMPRESS_LEVEL = 9
COMPRESS_STRATEGY = zlib.Z_RLE


@lru_cache(maxsize=None)
def renderer() -> str:
    """All that makes an image's bytes but its title, name and language: this
    code, the fonts, the mark, and the versions of the libraries that draw
    and encode it. The key of the images kept between builds (with their
    request: moussalaha/sharing/__init__.py)."""
    return stored.key(stored.source_digest(__file__, mark.__file__, languages.__file__),
                      *(path.read_bytes() for path in sorted(FONT_FILES.values())), MARK.read_bytes(),
                      stored.versions("pillow", "uniseg", "fonttools"),
                      {name: features.version(name) for name in ("raqm", "fribidi", "harfbuzz", "freetype2", "zlib")})


def to_png(indices: Image.Image) -> bytes:
    """An image of palette indices as a 4-bit PNG with the fixed palette and
    no chunk but the image's own: no time, no metadata."""
    indexed = indices.copy()
    indexed.putpalette([v for colour in PALETTE for v in colour])
    out = io.BytesIO()
    indexed.save(out, "PNG", bits=4, compress_level=COMPRESS_LEVEL, compress_type=COMPRESS_STRATEGY)
    return out.getvalue()
