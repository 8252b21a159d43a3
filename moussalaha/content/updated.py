"""When a page last changed: the date of the last git commit that touched
its source files, written in the page's language.

Reproducible (the same commit builds the same date, whatever the build's
clock) and moved by an editor's change, once committed. Plain functions:
no MkDocs here; the site's plugin (moussalaha/plugin.py) calls them. Each
file's date is asked of git once per commit: the build keeps the dates it
asked in its `known` memo (moussalaha/build.py, Build.refresh: dropped when
git's HEAD moves; the preview rebuilds on every save, and asking git for
every page each time took a second). The build asks for every page's date
at its start (ask_ahead), in other threads, while it reads and renders:
each answer waits for a process of git.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from pathlib import Path

from moussalaha.content import present


def last_commit_date(paths: list[Path], repo: Path, known: dict | None = None) -> dt.date | None:
    """The committer date of the last commit touching any of `paths`, or
    None outside a git checkout or for files never committed; from `known`
    (the build's memo) if it has it."""
    key = _key(paths, repo)
    if known is None:
        return _last_commit(*key)
    if key not in known:
        known[key] = _last_commit(*key)
    found = known[key]
    return found.result() if isinstance(found, Future) else found


def ask_ahead(sources: Iterable[Path], repo: Path, known: dict, pool: Executor) -> None:
    """Ask git now, in `pool`, for the date of each of `sources` that `known`
    does not have: last_commit_date() then waits for its answer, if it
    has not come."""
    for source in sources:
        key = _key([source], repo)
        if key not in known:
            known[key] = pool.submit(_last_commit, *key)


def _key(paths: Iterable[Path], repo: Path) -> tuple[tuple[str, ...], str]:
    return tuple(str(p) for p in paths), str(repo)


def _last_commit(paths: tuple[str, ...], repo: str) -> dt.date | None:
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *paths],
            cwd=repo, capture_output=True, text=True, check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return dt.date.fromisoformat(out) if out else None


def head(repo: Path) -> str | None:
    """The commit checked out: the dates move when it does. Outside a git
    checkout (or before its first commit) git answers nothing, and keeps
    answering nothing until a commit: "", dates None."""
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    except OSError:
        return None


def page_dates(source: Path, lang: str, repo: Path, known: dict | None = None) -> dict:
    """For the templates: `last_updated` (a date, or None) and
    `last_updated_text` (it in the page's language, as every date is written)."""
    day = last_commit_date([source], repo, known)
    return {"last_updated": day, "last_updated_text": present.format_day(day, lang) if day else None}


def site_year(repo: Path, known: dict | None = None) -> int | None:
    """The year of the last commit to the pages or the layout, for the footer's ©."""
    day = last_commit_date([repo / "docs", repo / "overrides"], repo, known)
    return day.year if day else None
