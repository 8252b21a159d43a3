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

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from moussalaha import mkdocs_run
from moussalaha.content.data import load as load_data
from moussalaha.output import redirects

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
SCREENSHOTS = ROOT / "test-results" / "screenshots"
# A news article that stands for the others (their layout is one): two
# editions reported on one day, with their figures.
AN_ARTICLE = "news/2024-02-19-13th-edition-closes-14th-opens.html"
# mkdocs.yml's navigation, and a Markdown link to a page.
NAV = re.compile(r"(?m)^nav:\n(?:[ \t]+- .*\n|[ \t]*#.*\n)*")
PAGE_LINK = re.compile(r"\]\(([^)#\s]+)\.md")


def build_site(destination: Path, site_url: str | None = None, project: Path = ROOT, **env: str):
    """`mkdocs build --strict` of `project` into `destination`, in its own
    process, as CI builds it (a CompletedProcess: returncode, stderr)."""
    return mkdocs_run.run(destination, project, site_url, **env)


def copy_project(into: Path, pages: Iterable[str] | None = None) -> Path:
    """A copy of the project (docs/, overrides/, scripts/, mkdocs.yml) in
    into/project. With `pages` (names such as "index"), only those pages,
    the sources page (which the data's references link to from any page)
    and the pages their links lead to, in the three languages: a smaller
    site that builds with --strict, for a test that changes one of them
    and builds; the navigation lists those of them it listed, and there
    are no redirects (the previous site's addresses lead to pages the copy
    lacks)."""
    project = into / "project"
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    if pages is None:
        return project
    docs = project / "docs"
    kept, todo = set(), [*pages, "sources"]
    while todo:
        name = todo.pop()
        if name in kept:
            continue
        kept.add(name)
        for path in docs.glob(f"{name}.*md"):
            for target in PAGE_LINK.findall(path.read_text(encoding="utf-8")):
                todo.append((path.parent / target).resolve().relative_to(docs.resolve()).as_posix())
    for path in docs.rglob("*.md"):
        if path.relative_to(docs).as_posix().split(".")[0] not in kept:
            path.unlink()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    listed = [name for name in re.findall(r"- (\S+)\.md\n", NAV.search(config).group()) if name in kept]
    config = NAV.sub("nav:\n" + "".join(f"  - {name}.md\n" for name in listed), config, count=1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (docs / "data" / "redirects.yml").write_text("redirects: []\n", encoding="utf-8")
    return project


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
        small pages at the previous site's addresses: moussalaha/output/redirects.py,
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
