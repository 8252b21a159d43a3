"""The self-hosted Arabic font covers every Arabic character the site shows:
after adding text with a new letter or sign, `scripts/fonts.py` must be run
again, or that character would fall back to another font."""

from __future__ import annotations

from fontTools.ttLib import TTFont

from tests.support import ROOT

FONTS = sorted((ROOT / "docs" / "assets" / "fonts").glob("*.woff2"))


def arabic_characters(site) -> set[str]:
    text = ""
    for path in site.pages() + ["404.html"]:
        if not path.startswith(("fr/", "en/")):
            text += site.page(path).body.text()
    return {c for c in text if 0x0600 <= ord(c) <= 0x06FF}


def test_font_covers_every_arabic_character_on_the_site(site):
    used = arabic_characters(site)
    assert len(used) > 30
    for font_file in FONTS:
        covered = {chr(code) for code in TTFont(font_file).getBestCmap()}
        missing = "".join(sorted(used - covered))
        assert not missing, f"{font_file.name} lacks {missing!r}: run .venv/bin/python scripts/fonts.py"
