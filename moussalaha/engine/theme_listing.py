"""The theme's files, listed once per process.

At every build (three a build, one per language, and three again at each
save under `mkdocs serve`) MkDocs lists every file of the theme's folders
to copy its static files into the site: Material's folder holds some 14,500
files, 14,300 of them icons under `.icons/`, and walking and filtering them
took about a third of a second each time. The folders of installed packages
(under the Python environment's prefix) do not change while the build or
the preview runs, so they are listed once; every other folder, the
project's overrides/ first, is listed at each build.
The listing of an installed folder leaves out dot files and folders, which
MkDocs never copies (it filters out `.*` and `*/.*`); templates still
include them (`.icons/…`) through the loader's unchanged `get_source`.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import jinja2

from moussalaha import engine


def _installed(folder: str) -> bool:
    path = Path(folder).resolve()
    return any(path.is_relative_to(Path(prefix).resolve()) for prefix in {sys.prefix, sys.base_prefix})


@functools.cache
def _listing(folder: str, followlinks: bool) -> frozenset[str]:
    found = set()
    for directory, folders, files in os.walk(folder, followlinks=followlinks):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = os.path.relpath(directory, folder)
        for name in files:
            if not name.startswith("."):
                found.add(name if relative == "." else f"{relative}/{name}".replace(os.path.sep, "/"))
    return frozenset(found)


class ListedOnce(jinja2.FileSystemLoader):
    """The theme's loader, whose installed folders are listed once."""

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.searchpath:
            found |= (_listing(folder, self.followlinks) if _installed(folder)
                      else set(jinja2.FileSystemLoader(folder, followlinks=self.followlinks).list_templates()))
        return sorted(found)


def list_installed_once(theme) -> None:
    """Make the environments of `theme` (a MkDocs Theme) list its installed
    folders once (the patch of MkDocs' Theme is moussalaha/engine/__init__.py's)."""
    engine.list_theme_once(theme, ListedOnce)
