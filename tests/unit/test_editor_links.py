"""The editors' tool, scripts/site.py, on a small copy of the project
(tests/support/editor.py): the build's links and anchors, in every language (moussalaha/checks/links.py):
the fixture builds, a broken link and a missing anchor are named on their line.
Each check stops a broken fixture with the exact `file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

from tests.support.editor import edit, fails_with, line, run


def test_the_unbroken_fixture_passes(project):
    result = run(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Every check passed. The site builds."


# --- Links and anchors, in every language -----------------------------------------------


def test_broken_link(project):
    page = project / "docs/index.fr.md"
    edit(page, "](about.md#creation)", "](abuot.md)")
    fails_with(project, f"docs/index.fr.md:{line(page, 'abuot.md')}: the link abuot.md points to a page that does "
                        "not exist — did you mean about.md? (link to the Arabic file name, NAME.md, from every language)")


def test_missing_anchor(project):
    page = project / "docs/index.en.md"
    edit(page, "](about.md#creation)", "](about.md#founding)")
    fails_with(project, f"docs/index.en.md:{line(page, '#founding')}: the link about.md#founding points to #founding, "
                        "which docs/about.en.md does not have — use one of its heading ids: about, creation")
