"""Make the fonts of the preview images (moussalaha/sharing/fonts/): one face per
weight holding Noto Sans for Latin text and Noto Naskh Arabic for Arabic,
so that a title mixing the two scripts (an Arabic title naming ICESCO) is
shaped and ordered in one pass by HarfBuzz and FriBiDi, with no tofu.

The images are made at build time and never served as fonts, so the subset
keeps whole Unicode blocks rather than only the letters in use: a new title
never needs a new font. Run it only to change those blocks or the sources:

    apt-get install fonts-noto-core
    .venv/bin/python scripts/social_fonts.py
"""

from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = ROOT / "moussalaha" / "sharing" / "fonts"
FAMILY = "Moussalaha Share"
WEIGHTS = {400: "Regular", 700: "Bold"}
# Basic Latin, Latin-1, Latin Extended-A, general punctuation (the French
# no-break spaces, dashes, quotes), the euro and minus signs.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070), 0x20AC, 0x2212]
# The Arabic block, the joiners and direction marks, the ornate parentheses.
ARABIC = [*range(0x0600, 0x0700), *range(0x200B, 0x2010), 0xFD3E, 0xFD3F]


def cut(source: Path, unicodes: list[int], out: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]  # every shaping feature: joining, marks, kerning
    options.name_IDs = ["*"]  # keep the copyright and licence (OFL) names
    options.hinting = False  # images are drawn large; hints only add bytes
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    subset.save_font(font, str(out), options)


def rename(font, style: str) -> None:
    """A modified font takes a name of its own (OFL, section 3 in spirit)."""
    names = {1: FAMILY, 2: style, 3: f"{FAMILY.replace(' ', '')}-{style}", 4: f"{FAMILY} {style}",
             6: f"{FAMILY.replace(' ', '')}-{style}", 16: FAMILY, 17: style}
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)


def main(work: Path = Path("/tmp")) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for weight, style in WEIGHTS.items():
        latin, arabic = work / f"latin-{weight}.ttf", work / f"arabic-{weight}.ttf"
        cut(SOURCE / f"NotoSans-{style}.ttf", LATIN, latin)
        cut(SOURCE / f"NotoNaskhArabic-{style}.ttf", ARABIC, arabic)
        # Latin first: the space, digits and punctuation both fonts share
        # are Noto Sans's, as on the French and English pages.
        font = Merger().merge([str(latin), str(arabic)])
        rename(font, style)
        out = TARGET / f"share-{weight}.ttf"
        font.save(str(out))
        print(f"{out.relative_to(ROOT)}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
