"""How facts are written in each language: dates, ordinals, and interface
words with a figure in them. Plain functions, given to the pages'
templates as filters and globals (moussalaha/content/render.py), and the only
place a date is written (the pages' "last updated" too: updated.py).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from markupsafe import escape

from moussalaha import languages


def format_day(day: dt.date, lang: str) -> str:
    """2 نونبر 2023 / 2 novembre 2023 / 2 November 2023, the day and the
    month joined by a no-break space so that a line never parts them. The
    locale is the language's record's (languages.py): Moroccan month names
    in Arabic, with the digits 0-9, as the sources write them."""
    return format_date(day, "d MMMM y", locale=languages.get(lang).babel_locale).replace(" ", "\u00a0", 1)


def format_month(day: dt.date, lang: str) -> str:
    """فبراير 2023 / février 2023 / February 2023: a date whose day is not known."""
    return format_date(day, "MMMM y", locale=languages.get(lang).babel_locale)


def milestone_date(milestone: dict, lang: str) -> str:
    """The date of a reported figure, as precise as its source."""
    return (format_month if milestone["month_only"] else format_day)(milestone["date"], lang)


def ordinal(number: int, lang: str) -> str:
    """13 / 13<sup>e</sup> / 13th, for an edition (feminine in French)."""
    if lang == "fr":
        return f"{number}<sup>{'re' if number == 1 else 'e'}</sup>"
    if lang == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return str(number)


def fill(words: str, **values) -> str:
    """Interface words with their blanks filled: fill("{n}th edition", n=13);
    in templates `ui.participants | fill(n=15)`. A value that is markup
    (`13<sup>e</sup>` from the ordinal filter) stays markup, and then the
    words around it are escaped, as Jinja's `replace` does."""
    if any(hasattr(value, "__html__") for value in values.values()):
        words = escape(words)
    for name, value in values.items():
        words = words.replace("{" + name + "}", value if hasattr(value, "__html__") else str(value))
    return words


def milestone_event(milestone: dict, ui: dict, lang: str) -> str:
    """"close of the 13th edition and opening of the 14th edition"."""
    parts = [
        fill(ui[key], n=ordinal(milestone[field], lang))
        for field, key in (("closed", "edition_closed"), ("opened", "edition_opened"))
        if milestone[field] is not None
    ]
    return ui["and"].join(parts)
