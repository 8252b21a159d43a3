"""How facts are written in each language: dates, ordinals, and interface
words with a figure in them. Plain functions, given to the pages'
templates as filters and globals (moussalaha/render.py).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

# British English writes "2 November 2023"; Moroccan Arabic (ar_MA) writes
# "2 نونبر 2023", the month names of Moroccan official usage, with the
# digits 0-9, as the sources write them.
BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr", "en": "en_GB"}


def format_day(day: dt.date, lang: str) -> str:
    """2 نونبر 2023 / 2 novembre 2023 / 2 November 2023, the day and the
    month joined by a no-break space so that a line never parts them."""
    return format_date(day, "d MMMM y", locale=BABEL_LOCALES[lang]).replace(" ", "\u00a0", 1)


def ordinal(number: int, lang: str) -> str:
    """13 / 13<sup>e</sup> / 13th, for an edition (feminine in French)."""
    if lang == "fr":
        return f"{number}<sup>{'re' if number == 1 else 'e'}</sup>"
    if lang == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return str(number)


def fill(words: str, **values) -> str:
    """Interface words with their blanks filled: fill("{n}th edition", n=13)."""
    for name, value in values.items():
        words = words.replace("{" + name + "}", str(value))
    return words


def milestone_event(milestone: dict, ui: dict, lang: str) -> str:
    """"close of the 13th edition and opening of the 14th edition"."""
    parts = [
        fill(ui[key], n=ordinal(milestone[field], lang))
        for field, key in (("closed", "edition_closed"), ("opened", "edition_opened"))
        if milestone[field] is not None
    ]
    return ui["and"].join(parts)
