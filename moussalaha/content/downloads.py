"""Where the programme's open data is published in the site (written by
moussalaha/sharing/open_data.py), and its addresses from a page, which the
programme's table links to."""

from __future__ import annotations

FOLDER = "data/"
JSON_PATH = FOLDER + "moussalaha-programme.json"


def csv_path(lang: str) -> str:
    return f"{FOLDER}moussalaha-programme-{lang}.csv"


def links(lang: str, to_root: str) -> dict:
    """The files' addresses from a page, `to_root` leading to the site's root
    (../ from a French page)."""
    return {"csv": to_root + csv_path(lang), "json": to_root + JSON_PATH}
