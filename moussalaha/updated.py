"""When a page last changed: the date of the last git commit that touched
its source files, written in the page's language.

Reproducible (the same commit builds the same date, whatever the build's
clock) and moved by an editor's change, once committed. Plain functions:
no MkDocs here; scripts/hooks/updated.py calls them.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from babel.dates import format_date

# Moroccan month names in Arabic (يناير … نونبر دجنبر): CLDR's ar_MA.
LOCALES = {"ar": "ar_MA", "fr": "fr_FR", "en": "en_GB"}


def last_commit_date(paths: list[Path], repo: Path) -> dt.date | None:
    """The committer date of the last commit touching any of `paths`, or
    None outside a git checkout or for files never committed."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *[str(p) for p in paths]],
            cwd=repo, capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return dt.date.fromisoformat(out) if out else None


def format_updated(day: dt.date, lang: str) -> str:
    """30 نونبر 2026 / 30 novembre 2026 / 30 November 2026, the day and the
    month joined by a no-break space."""
    return format_date(day, "d MMMM y", locale=LOCALES[lang]).replace(" ", "\u00a0", 1)
