"""Chromium for the tests and scripts: Debian's browser and its headless
shell, the flags that keep it from calling home, how Playwright starts it
(`launch`), and opening a page as a visitor does (`goto`, `screenshot`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support import SCREENSHOTS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium must not call home: the machine has no network, and the figures
# must count the site's own requests only.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
# What Playwright drives: Debian's chromium-headless-shell, the same Blink
# and V8 without the browser around them. For the same pages, the browser
# tests took about a quarter less processor time than with the full browser
# (pytest 3 min 58 s instead of 4 min 56 s on two cores). Lighthouse runs
# the full browser (CHROMIUM), which it expects.
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"
# What Playwright passes to either: it adds its own headless flag.
PLAYWRIGHT_FLAGS = [flag for flag in CHROMIUM_FLAGS if flag != "--headless=new"]
# The shell fits glyph outlines to whole pixels unless told not to, so its
# Arabic lines came out about 1 % wider than the full browser draws them;
# without hinting they are the same width (tests/browser/test_social_shaping.py).
HEADLESS_SHELL_FLAGS = PLAYWRIGHT_FLAGS + ["--font-render-hinting=none"]


def launch(playwright, full_browser: bool = False):
    """Chromium, headless, for Playwright: the browser of every test and
    script; the whole browser where what it draws is compared to the pixel
    (the shell places glyphs on whole pixels)."""
    executable, flags = (CHROMIUM, PLAYWRIGHT_FLAGS) if full_browser else (HEADLESS_SHELL, HEADLESS_SHELL_FLAGS)
    if not Path(executable).exists():
        raise RuntimeError(f"{executable} is missing: run `make test`, which installs "
                           "Debian's chromium and chromium-headless-shell.")
    return playwright.chromium.launch(executable_path=executable, args=flags)


# A phone at one device pixel per CSS pixel: what the tests measure is in CSS
# pixels, and a screenshot at scale 2 costs four times the pixels to draw and encode.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}


def goto(page, url: str):
    """Open `url` as a visitor sees it: loaded, its fonts ready. (Not
    Playwright's "networkidle", which waits half a second more on every page
    for requests the site does not make.)"""
    response = page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
