"""The previous site's addresses (docs/data/redirects.yml): `make check` and
the build refuse each kind of bad entry with `file:line: what is wrong — how
to fix it` (moussalaha/output/redirects.py). Each test writes one bad entry into a
copy of docs/.

Run: .venv/bin/pytest -p no:randomly -n 0 tests/unit/test_redirects.py
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from moussalaha.content.data import SiteData
from moussalaha.output import redirects
from tests.support import ROOT

HEADER = "redirects:\n  - old: /program/\n    new: projects.html\n"


@pytest.fixture
def docs(tmp_path) -> Path:
    copy = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", copy, ignore=shutil.ignore_patterns("__pycache__", "social"))
    return copy


def problems(docs: Path, entries: str) -> list[str]:
    (docs / "data" / "redirects.yml").write_text(HEADER + entries, encoding="utf-8")
    return [str(p) for p in redirects.problems(docs, SiteData(docs / "data"))]


def test_the_project_has_no_bad_redirect():
    assert redirects.problems(ROOT / "docs", SiteData(ROOT / "docs" / "data")) == []


def test_a_good_entry_passes(docs):
    assert problems(docs, "  - old: /fr/events/old-visit\n    new: fr/news/2025-12-10-european-judicial-delegation.html\n") == []


def test_a_new_page_that_does_not_exist(docs):
    found = problems(docs, "  - old: /events/\n    new: centr.html\n")
    assert found == ["docs/data/redirects.yml:5: the new page centr.html does not exist — write the address of a page "
                     "this site builds: docs/NAME.md is NAME.html, docs/NAME.fr.md fr/NAME.html, docs/news/NAME.md "
                     "news/NAME.html"]


def test_a_chain(docs):
    found = problems(docs, "  - old: /programmes/\n    new: program/\n")
    assert len(found) == 1 and found[0].startswith("docs/data/redirects.yml:5: the new page program/ is itself an old "
                                                   "address: a chain (/programmes/ → /program/ → projects.html)")
    assert found[0].endswith("— give the page the address finally reached, one step: projects.html")


def test_a_loop(docs):
    found = problems(docs, "  - old: /a/\n    new: b/\n  - old: /b/\n    new: a/\n")
    assert len(found) == 2 and all(": a loop (" in f for f in found), found
    assert found[0].startswith("docs/data/redirects.yml:5: the new page b/ is itself an old address: a loop")


def test_a_new_page_on_another_host(docs):
    found = problems(docs, "  - old: /contact/\n    new: https://example.org/contact.html\n")
    assert found == ["docs/data/redirects.yml:5: the new page https://example.org/contact.html is on another site — "
                     "lead old addresses to a page of this site, such as centre.html or fr/news/….html"]
    assert problems(docs, "  - old: /contact/\n    new: //example.org/\n")[0].endswith("fr/news/….html")


@pytest.mark.parametrize("old", ["/centre.html", "/fr/", "/en", "/news/2025-12-10-european-judicial-delegation.html",
                                 "/assets/stylesheets/site.css"])
def test_an_old_address_that_shadows_a_real_page(docs, old):
    found = problems(docs, f"  - old: {old}\n    new: projects.html\n")
    assert len(found) == 1 and found[0].startswith(f"docs/data/redirects.yml:4: the old address {old} is a page of "
                                                   "this site"), found
    assert "— remove this entry" in found[0]


def test_an_old_address_given_twice(docs):
    found = problems(docs, "  - old: /program\n    new: programme.html\n")
    assert found == ["docs/data/redirects.yml:4: the old address /program is given twice — keep one entry for it"]


def test_the_build_refuses_a_bad_redirect(tmp_path):
    """The build stops on it too, before MkDocs reads a page."""
    from tests.support import build_site

    project = tmp_path / "project"
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs/data/redirects.yml").write_text(HEADER + "  - old: /x/\n    new: nowhere.html\n", encoding="utf-8")
    result = build_site(project / "site", "https://example.org/", project)
    assert result.returncode != 0
    assert "docs/data/redirects.yml:5: the new page nowhere.html does not exist" in result.stderr
