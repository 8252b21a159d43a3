"""The preview images: size, weight, reproducibility, line breaking, and
Arabic drawn right to left by the Raqm layout (not the basic one)."""

import io

import pytest
from PIL import Image, ImageFont, features

from moussalaha.sharing import social_image
from moussalaha.sharing.social_image import (
    HEIGHT,
    MAX_LINES,
    WIDTH,
    layout_title,
    measure,
    render,
)

pytestmark = pytest.mark.unit

TITLES = {
    "ar": ("وفد قضائي أوروبي يزور مركز مصالحة", "مركز مصالحة"),
    "fr": ("Programme de réhabilitation «\u00a0Moussalaha\u00a0»", "Centre Moussalaha"),
    "en": ("A European judicial delegation visits the Moussalaha Centre", "Moussalaha Centre"),
}
LONG_ARABIC = (
    "المؤتمر الدولي الثاني لمكافحة التطرف العنيف بالرباط بشراكة مع منظمة الإيسيسكو (ICESCO) "
    "والمندوبية العامة لإدارة السجون وإعادة الإدماج"
)


def test_raqm_layout_is_available():
    assert features.check_feature("raqm"), "install Debian's libfribidi0 and libraqm0"


@pytest.mark.parametrize("lang", TITLES)
def test_image_is_a_small_1200_by_630_png(lang):
    data = render(*TITLES[lang], lang)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (WIDTH, HEIGHT) == (1200, 630)
    assert len(data) < 80_000
    assert not image.info, f"metadata written into the PNG: {image.info}"
    assert b"tIME" not in data and b"tEXt" not in data


@pytest.mark.parametrize("lang", TITLES)
def test_same_arguments_give_the_same_bytes(lang):
    assert render(*TITLES[lang], lang) == render(*TITLES[lang], lang)


def test_long_arabic_title_wraps_at_spaces_within_the_line_limit():
    size, lines = layout_title(LONG_ARABIC, "ar")
    assert 2 <= len(lines) <= MAX_LINES
    assert " ".join(lines) == LONG_ARABIC, "a word was cut or lost"
    width = WIDTH - 2 * social_image.MARGIN
    assert all(measure(line, "ar", social_image.font(700, size)) <= width for line in lines)
    assert len(render(LONG_ARABIC, "مركز مصالحة", "ar")) < 80_000


def test_no_break_space_holds_french_quotes_to_their_word():
    _, lines = layout_title("Programme de réhabilitation «\u00a0Moussalaha\u00a0»", "fr", width=500)
    assert any("«\u00a0Moussalaha\u00a0»" in line for line in lines)
    assert not any(line.startswith("»") or line.endswith("«") for line in lines)


def test_lines_are_balanced_not_a_lone_last_word():
    _, lines = layout_title(TITLES["en"][0], "en")
    assert len(lines[-1].split()) > 1


def ink_columns(data: bytes) -> tuple[int, int]:
    """The leftmost and rightmost columns holding white title ink."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    white = image.point(lambda v: 255 if v > 240 else 0).convert("L").point(lambda v: 255 if v == 255 else 0)
    box = white.getbbox()
    return box[0], box[2]


def test_arabic_title_is_right_aligned_and_latin_left_aligned():
    left, right = ink_columns(render(*TITLES["ar"], "ar"))
    assert WIDTH - right < 100 < left
    left, right = ink_columns(render(*TITLES["en"], "en"))
    assert left < 100 < WIDTH - right


def test_arabic_is_shaped_not_drawn_letter_by_letter():
    """Joined Arabic is narrower than its isolated letters side by side;
    the basic layout (no HarfBuzz) draws the isolated forms."""
    title = TITLES["ar"][0]
    shaped = social_image.font(700, 60).getlength(title, direction="rtl", language="ar")
    basic = social_image.font(700, 60, ImageFont.Layout.BASIC).getlength(title)
    assert shaped < basic * 0.95


def test_long_french_title_of_the_news_fits_in_four_lines():
    title = ("Clôture de la 15e et ouverture de la 16e édition du programme de réhabilitation "
             "«\u00a0Moussalaha\u00a0», en présence d’une délégation de l’ambassade du Royaume-Uni")
    size, lines = layout_title(title, "fr")
    assert len(lines) == MAX_LINES == 4 and size >= 44
    assert " ".join(lines) == title


def test_title_too_long_is_refused_with_a_clear_message():
    with pytest.raises(social_image.TitleTooLong, match="shorten it"):
        layout_title("كلمة " * 80, "ar")


def test_character_the_font_lacks_is_refused():
    with pytest.raises(ValueError, match=r"U\+4E2D"):
        render("中文", "Moussalaha Centre", "en")


BREAKING = [
    *(title for title, _ in TITLES.values()), LONG_ARABIC,
    "Clôture de la 9e édition du programme de réhabilitation « Moussalaha » à Salé",
    "Programme « Moussalaha » (2017-2023) – 1/2, l’État et N°5 : 12 345 km² ; oui ? « non » !",
    "مَرْكَزُ مُصَالَحَة — «مصالحة» (ICESCO) 2022-2023 ص.ب 12، و«الرابطة المحمدية للعلماء»",
    "“Quoted,” he said—then: ‘yes’! https://example.org/a-b/c?d=e 3.5 % and 10–12",
    "a", "ab c", "word  two   spaces", " leading and trailing ", "(ab) [cd] {ef} ab-cd ab/cd",
]


@pytest.mark.parametrize("text", BREAKING)
def test_break_opportunities_are_uniseg_s_on_the_whole_text(text):
    """units() hands uniseg only the parts of a title where the rules have
    something to decide: the result must be what uniseg finds in the whole."""
    from uniseg.linebreak import line_break_units

    assert social_image.units(text) == tuple(line_break_units(text))
