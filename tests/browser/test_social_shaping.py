"""The preview images' Arabic is shaped as a browser shapes it: a title
drawn by moussalaha/sharing/social_image.py matches Chromium's rendering of the same
string in the same font file and size, by the width of its ink and by the
overlap of the ink; and renderings known to be wrong (no shaping at all,
letters left unjoined, words in left-to-right order) fail the same test.
The reference is the whole browser (`full_browser`), not the tests' headless
shell, whose glyphs sit on whole pixels: 0.78 overlap on the second title
instead of 0.88, for the same drawing."""

from __future__ import annotations

import base64
import html
import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from moussalaha.sharing import social_image

pytestmark = pytest.mark.browser

SIZE = 60
TITLES = [
    "وفد قضائي أوروبي يزور مركز مصالحة",
    # Latin and digits inside Arabic: FriBiDi must keep them in place.
    "بالرباط بشراكة مع منظمة الإيسيسكو (ICESCO) سنة 2022",
]
# Same font, same size: Chromium and Pillow differ only in anti-aliasing
# and sub-pixel placement: measured at 0.88 overlap and the same width;
# every wrong rendering below overlaps by less than 0.25 (and all but the
# reversed words are about 20 % wider).
MIN_OVERLAP = 0.75
MAX_WIDTH_DIFFERENCE = 0.02


def chromium_line(browser, text: str, size: int = SIZE) -> Image.Image:
    font = base64.b64encode(social_image.FONT_FILES[700].read_bytes()).decode()
    page = browser.new_page(viewport={"width": 1800, "height": 300}, device_scale_factor=1)
    page.set_content(f"""<!doctype html><html lang="ar" dir="rtl"><style>
      @font-face {{ font-family: Share; font-weight: 700; src: url(data:font/ttf;base64,{font}); }}
      body {{ margin: 0; background: #fff; }}
      p {{ display: inline-block; margin: 20px; padding: 40px; color: #000;
           font: 700 {size}px Share; white-space: nowrap; }}
    </style><p id="title">{html.escape(text)}</p></html>""")
    page.evaluate("document.fonts.ready")
    assert page.evaluate(f"document.fonts.check('700 {size}px Share')"), "Chromium did not load the font"
    shot = page.locator("#title").screenshot()
    page.close()
    return Image.open(io.BytesIO(shot)).convert("L")


def pillow_line(text: str, layout=ImageFont.Layout.RAQM, features=None) -> Image.Image:
    """One line drawn as social_image draws a title line, black on white."""
    image = Image.new("L", (1800, 300), 255)
    draw = ImageDraw.Draw(image)
    options = {"direction": "rtl", "language": "ar", "features": features} if layout == ImageFont.Layout.RAQM else {}
    draw.text((1700, 200), text, font=social_image.font(700, SIZE, layout), fill=0, anchor="rs", **options)
    return image


def ink(image: Image.Image) -> Image.Image:
    """The ink as a 1-bit mask, cropped to its bounding box."""
    mask = image.point(lambda v: 255 if v < 128 else 0).convert("1")
    return mask.crop(mask.getbbox())


def compare(reference: Image.Image, candidate: Image.Image) -> tuple[float, float]:
    """Relative difference of ink widths, and the overlap of the two inks
    (intersection over union) once aligned at their top right corner, where
    an Arabic line starts."""
    a, b = ink(reference), ink(candidate)
    width, height = max(a.width, b.width), max(a.height, b.height)

    def placed(mask: Image.Image) -> Image.Image:
        canvas = Image.new("1", (width, height), 0)
        canvas.paste(mask, (width - mask.width, 0))
        return canvas

    a, b = placed(a), placed(b)
    inter = ImageChops.logical_and(a, b).histogram()[-1]
    union = ImageChops.logical_or(a, b).histogram()[-1]
    return abs(ink(reference).width - ink(candidate).width) / ink(reference).width, inter / union


def same_rendering(reference: Image.Image, candidate: Image.Image) -> bool:
    width, overlap = compare(reference, candidate)
    return width <= MAX_WIDTH_DIFFERENCE and overlap >= MIN_OVERLAP


@pytest.mark.parametrize("title", TITLES)
def test_arabic_title_is_drawn_as_chromium_draws_it(full_browser, title):
    chromium, pillow = chromium_line(full_browser, title), pillow_line(title)
    width, overlap = compare(chromium, pillow)
    assert width <= MAX_WIDTH_DIFFERENCE, f"ink {width:.1%} wider or narrower than Chromium's"
    assert overlap >= MIN_OVERLAP, f"ink overlaps Chromium's by {overlap:.2f} only"


def title_in_image(png: bytes) -> Image.Image:
    """The white title of a preview image as black ink on white, below the
    centre's name (which is sand, not white)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.crop((0, social_image.AREA[0], social_image.WIDTH, social_image.HEIGHT))
    return image.convert("L").point(lambda v: 0 if v > 160 else 255)


@pytest.mark.parametrize("title", ["استراتيجية التدخل", "المؤسسات الشريكة"])
def test_title_in_the_preview_image_is_drawn_as_chromium_draws_it(full_browser, title):
    """The image itself, not only the drawing call: a one-line title."""
    size, lines = social_image.layout_title(title, "ar")
    assert lines == [title]
    image = title_in_image(social_image.render(title, "مركز مصالحة", "ar"))
    assert same_rendering(chromium_line(full_browser, title, size), image), compare(chromium_line(full_browser, title, size), image)


WRONG = {
    # Pillow without HarfBuzz/FriBiDi: isolated letters, left to right.
    "no shaping": lambda title: pillow_line(title, ImageFont.Layout.BASIC),
    # Shaped and right to left, but the joining forms switched off.
    "letters unjoined": lambda title: pillow_line(title, features=["-init", "-medi", "-fina", "-rlig"]),
    # Joined, but the words in left-to-right order.
    "words left to right": lambda title: pillow_line(" ".join(reversed(title.split()))),
}


@pytest.mark.parametrize("wrong", WRONG)
def test_wrong_renderings_fail_the_comparison(full_browser, wrong):
    title = TITLES[0]
    assert not same_rendering(chromium_line(full_browser, title), WRONG[wrong](title))
