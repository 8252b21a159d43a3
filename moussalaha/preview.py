"""What only the editors' preview (`make serve`, `mkdocs serve`) does.

Each save rebuilds the site and should show in the browser within two
seconds: saved files are looked for every tenth of a second
(watch_closely()), and the search index is built once, at the first
build, and put back after each rebuild (SearchSnapshot: the preview
searches the text as it was when `make serve` started).
"""

from __future__ import annotations

from pathlib import Path

from moussalaha import engine
from moussalaha.output import search

# How often the preview looks for saved files. MkDocs looks every half
# second, a quarter of a second's wait on average before a rebuild starts;
# a look at docs/ and overrides/ takes about a millisecond.
PREVIEW_POLL_SECONDS = 0.1


def watch_closely(server, config) -> None:
    """Under `mkdocs serve` (its on_serve), the files MkDocs watches so far
    (the pages and data, mkdocs.yml) are looked at every
    PREVIEW_POLL_SECONDS; the folders of mkdocs.yml's `watch:`, which MkDocs
    adds after on_serve, are too."""
    watched = [config.docs_dir] + ([config.config_file_path] if config.config_file_path else [])
    engine.poll_watched(server, watched, PREVIEW_POLL_SECONDS)


class SearchSnapshot:
    """The search index of the preview's first build, {path: bytes}, put back
    after each rebuild."""

    def __init__(self):
        self.bundle: dict[str, bytes] | None = None

    @property
    def taken(self) -> bool:
        return self.bundle is not None

    def take(self, site: Path) -> None:
        self.bundle = search.snapshot(site)

    def restore(self, site: Path) -> None:
        search.restore(site, self.bundle)
