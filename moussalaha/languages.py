"""The site's languages: which, in what order, which way they read, how
they are named and written, and how a page's language is known.

Each language is one record (`Language`), the only place its code, name,
locales, direction and folder are written: the dates (present.py), the
link previews (opengraph.py), the feeds (feeds.py), the preview images
(social_image.py) and the templates (given the records as
`site_languages` and `site_language`) read them from here.

Arabic is the default language, at the root of the site; French and English
live in /fr/ and /en/ (mkdocs-static-i18n, suffix structure: centre.md,
centre.fr.md, centre.en.md). mkdocs.yml names them again for that plugin,
which reads nothing else (tests/unit/test_languages.py keeps it in line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, also the pages' suffix (centre.fr.md), `lang` and `hreflang`
    name: str  # in the language itself, as the language bar and the 404 page show it
    english_name: str  # in the editors' messages, which are in English
    # Babel's locale for dates: Moroccan Arabic (ar_MA) writes «2 نونبر 2023»,
    # the month names of Moroccan official usage; British English writes
    # «2 November 2023».
    babel_locale: str
    # Open Graph's language_TERRITORY: the centre is Moroccan, and its
    # English is British (programme, centre).
    og_locale: str
    direction: str  # "rtl" or "ltr"
    # ISO 15924: the Arabic face is preloaded where the script is Arabic;
    # Latin terms start with a capital letter in a list.
    script: str
    default: bool = False

    @property
    def folder(self) -> str:
        """The language's folder in the built site: "" for Arabic, "fr/" for French."""
        return "" if self.default else f"{self.code}/"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def bcp47(self) -> str:
        """The Babel locale as browsers write it (ar-MA), for their date formats."""
        return self.babel_locale.replace("_", "-")


ALL = (
    Language("ar", "العربية", "Arabic", babel_locale="ar_MA", og_locale="ar_MA", direction="rtl", script="Arab",
             default=True),
    Language("fr", "Français", "French", babel_locale="fr", og_locale="fr_MA", direction="ltr", script="Latn"),
    Language("en", "English", "English", babel_locale="en_GB", og_locale="en_GB", direction="ltr", script="Latn"),
)
BY_CODE = {language.code: language for language in ALL}

# Views of the records, for the code that needs one field of every language.
LANGUAGES = tuple(language.code for language in ALL)
DEFAULT_LANGUAGE = next(language.code for language in ALL if language.default)
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
DIRECTIONS = {language.code: language.direction for language in ALL}
ENGLISH_NAMES = {language.code: language.english_name for language in ALL}


def get(lang: str) -> Language:
    """The record of `lang`; a ValueError names the site's languages."""
    try:
        return BY_CODE[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r} — one of {', '.join(LANGUAGES)}") from None


def folder(lang: str) -> str:
    """The language's folder in the built site: "" for Arabic, "fr/" for French."""
    return get(lang).folder


def of_path(path: str) -> str:
    """The language of a built file from its path in the site (fr/centre.html → fr)."""
    parts = PurePosixPath(path.lstrip("/")).parts
    return parts[0] if len(parts) > 1 and parts[0] in TRANSLATIONS else DEFAULT_LANGUAGE

