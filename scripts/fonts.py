"""Make the self-hosted Arabic font: Noto Naskh Arabic, cut down to the
characters the site's Arabic text uses (about 20 KB a weight instead of 150).

Run it after adding Arabic text with letters or signs not used before (the
tests say when): it reads Debian's fonts-noto-core and writes WOFF2 files to
docs/assets/fonts/.

    apt-get install fonts-noto-core
    .venv/bin/python scripts/fonts.py
"""

from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/truetype/noto")
TARGET = ROOT / "docs" / "assets" / "fonts"
WEIGHTS = {400: "NotoNaskhArabic-Regular.ttf", 700: "NotoNaskhArabic-Bold.ttf"}
# Always kept: the Arabic letters, digits, punctuation and the marks that
# join or separate them, so that a new word rarely needs a new font.
BASE = "".join(map(chr, range(0x0621, 0x0653))) + "،؛؟ـ«»\u200c\u200d\u200e\u200f 0123456789.:()-"
ARABIC_RANGE = "U+0600-06FF, U+200C-200F, U+FD3E-FD3F, U+00AB, U+00BB"


def arabic_characters() -> set[str]:
    """Every Arabic-block character in the Arabic pages and the data."""
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md") if p.suffixes == [".md"])
    text += "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "data").glob("*.yml"))
    return {c for c in text if 0x0600 <= ord(c) <= 0x06FF}


def main() -> None:
    characters = sorted(arabic_characters() | set(BASE))
    TARGET.mkdir(parents=True, exist_ok=True)
    for weight, name in WEIGHTS.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]  # keep the copyright and licence (OFL) names
        font = subset.load_font(str(SOURCE / name), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(characters))
        subsetter.subset(font)
        out = TARGET / f"noto-naskh-arabic-{weight}.woff2"
        subset.save_font(font, str(out), options)
        print(f"{out.relative_to(ROOT)}: {out.stat().st_size} bytes, {len(characters)} characters")


if __name__ == "__main__":
    main()
