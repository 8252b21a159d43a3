"""The self-hosted Arabic font: both weights, each a small subset
(tests/site/test_fonts_coverage.py: it covers every Arabic character the
built site shows)."""

from __future__ import annotations

from tests.support import ROOT

FONTS = sorted((ROOT / "docs" / "assets" / "fonts").glob("*.woff2"))


def test_both_weights_exist():
    assert [f.name for f in FONTS] == ["noto-naskh-arabic-400.woff2", "noto-naskh-arabic-700.woff2"]


def test_subsets_stay_small():
    for font_file in FONTS:
        assert font_file.stat().st_size < 40_000, f"{font_file.name} is no longer a subset"
