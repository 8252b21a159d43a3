"""The test rig: what the tests and the maintainers' scripts (scripts/bench.py,
bench_search.py, serve_prod.py, stress_build.py) share, outside the site's
package so that `moussalaha` installs and runs without a git checkout.

- this module: the project's folders, a built site (`Site`) and `build_site`;
- `static_server`: a built site on 127.0.0.1, answering as GitHub Pages does;
- `browser`: Debian's Chromium for Playwright, and opening pages as a visitor;
- `visits`: every page of a site visited once in Chromium;
- `quality`: axe-core, Lighthouse and the Nu HTML Checker;
- `nginx`: the production configuration (deploy/nginx/) on a free port;
- `hostile`: the hostile corpus (tests/hostile/) applied to a copy of the project.

Imported as `tests.support`: pytest puts the project's folder on the path
(pytest.ini, `pythonpath`), the scripts run from it with `python -m scripts.NAME`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from moussalaha import build, redirects
from moussalaha.data import load as load_data

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SCREENSHOTS = ROOT / "test-results" / "screenshots"
# A news article that stands for the others (their layout is one): two
# editions reported on one day, with their figures.
AN_ARTICLE = "news/2024-02-19-13th-edition-closes-14th-opens.html"


def build_site(destination: Path, site_url: str | None = None, project: Path = ROOT, **env: str):
    """`mkdocs build --strict` of `project` into `destination`, in its own
    process, as CI builds it (a CompletedProcess: returncode, stderr)."""
    return build.run(destination, project, site_url, **env)


@dataclass
class Site:
    """A built site and the address it is served at."""

    directory: Path
    base_url: str  # ends with "/"
    build_log: str

    def page(self, path: str) -> LexborHTMLParser:
        return LexborHTMLParser((self.directory / path).read_text(encoding="utf-8"))

    def url(self, path: str = "") -> str:
        return self.base_url + path

    def pages(self) -> list[str]:
        """Every HTML page of the three languages (not the 404 pages, nor the
        small pages at the previous site's addresses: moussalaha/redirects.py,
        nor the web editor's page, admin/index.html: tests/site/test_admin.py)."""
        moved = redirects.pages(load_data(ROOT / "docs" / "data"))
        return sorted(
            str(p.relative_to(self.directory)) for p in self.directory.rglob("*.html")
            if p.name != "404.html" and "assets" not in p.parts and p.relative_to(self.directory).as_posix() not in moved
            and p.relative_to(self.directory).parts[0] != "admin"
        )

    def every_layout(self) -> list[str]:
        """Every page but the news articles, which share one layout: of
        them, AN_ARTICLE in each language."""
        return [p for p in self.pages() if "news/" not in p or p.endswith(AN_ARTICLE)]
