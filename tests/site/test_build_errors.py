"""Bad input stops the build with a message that names the file (and line)
and says how to fix it. Each test breaks one thing in a copy of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import build_site, copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    """The pages the tests break (index, centre) and those they link to:
    every build renders them all, in the three languages, before it stops."""
    return copy_project(tmp_path, ["index", "centre"])


def build_fails(project: Path) -> str:
    """The build's log; the build failed and left no page to publish."""
    result = build_site(project / "site", "https://example.org/", project)
    assert result.returncode != 0, "the build should have failed"
    assert [p.name for p in (project / "site").rglob("*") if p.is_file()] == [], "a failed build left files"
    return result.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_unbroken_copy_builds(site):
    """The project as it is builds with --strict (the session's build of it:
    the copies below fail because of what each test breaks)."""
    assert (site.directory / "index.html").is_file() and "Aborted" not in site.build_log


def test_broken_link_names_the_file(project):
    edit(project / "docs/centre.fr.md", "](agreement.md)", "](agrement.md)")
    log = build_fails(project)
    assert "centre.fr.md" in log and "agrement.md" in log


def test_missing_anchor_names_the_file(project):
    edit(project / "docs/index.en.md", "](strategy.md#society)", "](strategy.md#no-such-level)")
    log = build_fails(project)
    assert "index.en.md" in log and "no-such-level" in log


def test_heading_without_id_names_file_and_line(project):
    page = project / "docs/centre.md"
    edit(page, "## المهام { #missions }", "## المهام")
    line = page.read_text(encoding="utf-8").splitlines().index("## المهام") + 1
    assert f"docs/centre.md:{line}: the heading «المهام» has no id" in build_fails(project)


def test_data_error_names_file_line_and_field(project):
    data = project / "docs/data/agreement.yml"
    edit(data, "        fr: ministre délégué chargé du Budget\n", "")
    # The line of the `title:` entry that lacks its French.
    line = next(n for n, text in enumerate(data.read_text().splitlines(), 1) if "الوزير المنتدب" in text) - 1
    assert (f"docs/data/agreement.yml:{line}: `fr:` is missing in agreement.signatories[2].title — add a line `fr:` "
            "with its value (see the other entries of the file)") in build_fails(project)


def test_unknown_fact_in_a_page_names_file_and_line(project):
    page = project / "docs/centre.en.md"
    edit(page, "{{ agreement.place }}", "{{ agreement.started }}")
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if "agreement.started" in text)
    log = build_fails(project)
    assert f"docs/centre.en.md:{line}:" in log and "started" in log


def test_unknown_source_in_front_matter(project):
    page = project / "docs/centre.fr.md"
    edit(page, "sources: [founding-agreement,", "sources: [seed-01,")
    # On the line of `sources:`, in the words of the editors' tool (moussalaha.content.pages.front_matter_problems).
    line = next(n for n, text in enumerate(page.read_text().splitlines(), 1) if text.startswith("sources:"))
    assert (f"docs/centre.fr.md:{line}: `sources:` names unknown source id(s) seed-01 — "
            "add them to docs/data/sources.yml or fix the spelling") in build_fails(project)
