"""The site's languages: which, in what order, which way they read, and how
a page's language is known.

Arabic is the default language, at the root of the site; French and English
live in /fr/ and /en/ (mkdocs-static-i18n, suffix structure: centre.md,
centre.fr.md, centre.en.md).
"""

from __future__ import annotations

from pathlib import PurePosixPath

LANGUAGES = ("ar", "fr", "en")
DEFAULT_LANGUAGE = "ar"
TRANSLATIONS = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
DIRECTIONS = {"ar": "rtl", "fr": "ltr", "en": "ltr"}
# The languages' names in the editors' messages, which are in English.
ENGLISH_NAMES = {"ar": "Arabic", "fr": "French", "en": "English"}


def folder(lang: str) -> str:
    """The language's folder in the built site: "" for Arabic, "fr/" for French."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def of_path(path: str) -> str:
    """The language of a built file from its path in the site (fr/centre.html → fr)."""
    parts = PurePosixPath(path.lstrip("/")).parts
    return parts[0] if len(parts) > 1 and parts[0] in TRANSLATIONS else DEFAULT_LANGUAGE

