"""MkDocs hook: the "last updated" date of each page and the site's year.

`last_updated` (a date) and `last_updated_text` (in the page's language) go to
the templates (overrides/partials/page-updated.html); `site_year` is the year of the
site's last commit, for the footer's ©. Logic in moussalaha/updated.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from moussalaha import updated  # noqa: E402

_cache: dict[str, object] = {}


def on_page_context(context, page, config, nav):
    lang = getattr(page.file, "locale", None) or "ar"
    source = Path(page.file.abs_src_path)
    key = str(source)
    if key not in _cache:
        _cache[key] = updated.last_commit_date([source], ROOT)
    day = _cache[key]
    if "site" not in _cache:
        _cache["site"] = updated.last_commit_date([ROOT / "docs", ROOT / "overrides"], ROOT)
    context["last_updated"] = day
    context["last_updated_text"] = updated.format_updated(day, lang) if day else None
    site_day = _cache["site"]
    context["site_year"] = site_day.year if site_day else None
    return context


def on_env(env, config, files):
    day = _cache.get("site") or updated.last_commit_date([ROOT / "docs", ROOT / "overrides"], ROOT)
    _cache["site"] = day
    env.globals["site_year"] = day.year if day else None
    return env


def on_pre_build(config):
    # `make serve`: a commit made while it runs moves the dates.
    _cache.clear()
