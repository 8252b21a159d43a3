"""Characters that disguise a fact are refused with the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from moussalaha.gate import disguise

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def found(text: str, first_line: int = 1) -> list[str]:
    return [str(p) for p in disguise.check_text(text, "docs/centre.md", first_line)]


def test_plain_text_in_the_three_languages_passes():
    text = ("مركز مصالحة: 412 مستفيدا في 2 نونبر 2023، وڭلميم\n"
            "Le centre « Moussalaha » : 412 bénéficiaires, l’œuvre d’été\u00a0; 1\u202f234\n"
            "The “Moussalaha” centre’s 412 beneficiaries — naïve café\n\tfin\r\n")
    assert found(text) == []


def test_tatweel_and_the_moroccan_letters_are_arabic_text():
    """arabic.written_letter: the letters of the Arabic block the site writes."""
    assert found("مصـــالحة، ڤيلا، ڭلميم") == []


def test_right_to_left_override_before_a_figure():
    [message] = found("line one\nbeneficiaries: \u202e412\u202c\n")
    assert message.startswith("docs/centre.md:2: an invisible right-to-left override (U+202E")
    assert "412 read as 214" in message and "— delete it" in message


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u2066", "\u2067", "\u2068", "\u2069", "\u202a", "\u202d"])
def test_every_bidi_control(char):
    assert "changes" in found(f"a{char}b")[0] or "change" in found(f"a{char}b")[0]


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\U000e0041"])
def test_zero_width_inside_a_word(char):
    [message] = found(f"Moussa{char}laha", first_line=7)
    assert message.startswith("docs/centre.md:7: an invisible character") and "inside a word" in message


def test_byte_order_mark_at_the_start_is_tolerated():
    assert found("\ufefftitle: x") == []


def test_cyrillic_lookalike_in_a_latin_word():
    [message] = found("Le centre Moussаlaha")  # Cyrillic а
    assert "mixes letters of different alphabets (Cyrillic, Latin)" in message


def test_greek_lookalike_in_a_latin_word():
    assert "Greek" in found("Délégation générale à l’Αdministration")[0]  # Greek Alpha


def test_word_wholly_in_cyrillic_lookalikes():
    assert "Cyrillic letters" in found("СNDН")[0] or "mixes" in found("СNDН")[0]
    assert "Cyrillic letters" in found("Ѕаре")[0]


def test_arabic_and_latin_in_one_word():
    assert "mixes" in found("مصاlحة")[0]


@pytest.mark.parametrize("char, arabic", [("\u06cc", "ي"), ("\u06a9", "ك"), ("\u06c1", "ه"), ("\u06c3", "ة")])
def test_persian_and_urdu_lookalikes_in_arabic(char, arabic):
    [message] = found(f"مر{char}ز")
    assert "Persian or Urdu letter" in message and f"type the Arabic «{arabic}»" in message


def test_persian_letter_without_arabic_counterpart():
    assert "write the word with Arabic letters" in found("پروژه")[0]


@pytest.mark.parametrize("digits", ["٤١٢", "۴۱۲", "４１２", "𝟒𝟏𝟐"])
def test_digits_other_than_0_to_9(digits):
    problems = found(f"beneficiaries: {digits}")
    assert problems and ("write it 4" in problems[0] or "plain «4»" in problems[0])


@pytest.mark.parametrize("text, plain", [("ﻣﺼﺎﻟﺤﺔ", "م"), ("Ｍoussalaha", "M"), ("𝐌oussalaha", "M"), ("ﬁnance", "fi")])
def test_compatibility_forms(text, plain):
    assert any(f"plain «{plain}»" in m for m in found(text))


def test_control_characters():
    assert "control" in found("a\x1bb")[0]


def test_one_problem_per_kind_and_line():
    assert len(found("\u202e1\u202e2\u202e3")) == 1


def test_the_site_own_pages_and_data_pass():
    files = sorted((ROOT / "docs").glob("*.md")) + sorted((ROOT / "docs" / "data").glob("*.yml"))
    assert files
    problems = [str(p) for f in files for p in disguise.check_text(f.read_text(encoding="utf-8"), f.name)]
    assert problems == []
