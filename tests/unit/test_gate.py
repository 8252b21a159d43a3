"""Every fixture of the hostile corpus (tests/hostile/), in this process,
against what refuses it: the gate (moussalaha/gate/__init__.py, which `site.py
check` and the build run first), the page's Jinja in the sandbox as the
build renders it (moussalaha/content/render.py), the data's cross-references
(moussalaha/content/data/references.py), or the editors' new-page command. Each is refused on
the fixture's file (and line), and no template writes the marker file.
tests/site/test_hostile_build.py runs a few through a real build."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from moussalaha import cli, gate
from moussalaha.content import data, pages, render, site_markdown
from moussalaha.gate import published
from moussalaha.output import html
from moussalaha.problems import Problems
from tests.support import ROOT, hostile

pytestmark = pytest.mark.unit

# The build's Markdown (mkdocs.yml's extensions).
RENDER = site_markdown.converter(ROOT)
FIXTURES = hostile.fixtures()


# The pages the corpus changes: the copies hold these alone, so that each
# fixture's gate reads a few pages rather than the whole site.
TOUCHED = {c["file"] for f in FIXTURES.values() for c in f["changes"] if c.get("file", "").endswith(".md")}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    copy = tmp_path_factory.mktemp("pristine")
    shutil.copytree(ROOT / "docs", copy / "docs", symlinks=True,
                    ignore=lambda folder, names: [n for n in names if n.endswith(".md")
                                                  and Path(folder, n).relative_to(ROOT).as_posix() not in TOUCHED])
    shutil.copytree(ROOT / "overrides", copy / "overrides", symlinks=True)
    return copy


def test_the_project_passes():
    assert [str(p) for p in gate.check_project(ROOT, data.FILES, render_markdown=RENDER)] == []


def refused_in_process(project: Path, fixture: dict) -> str:
    """What refuses the fixture, as printed: the gate's problems; when it
    finds none, the changed pages rendered in the sandbox and the data loaded
    with its cross-references, then each rendered page's Markdown made into
    HTML, rewritten and checked as published (moussalaha/gate/published.py), as
    the build does."""
    problems = gate.check_project(project, data.FILES, render_markdown=RENDER)
    if problems:
        return "\n".join(map(str, problems))
    found = []
    try:
        site_data = data.SiteData(project / "docs" / "data")
    except Problems as error:
        return str(error)
    for change in fixture["changes"]:
        if change["file"].endswith(".md"):
            page = pages.read_page(project / change["file"])
            try:
                rendered = render.render_page(page.body, page.meta, page.lang, page.path, change["file"], site_data,
                                              project / "overrides" / "components", project / "docs")
            except Problems as error:
                found.append(str(error))
                continue
            article = html.rewrite(RENDER(rendered), page.lang, "https://example.org/centre.html")
            found += map(str, published.check_article(article, change["file"], page.path.read_text(encoding="utf-8")))
    return "\n".join(found)


@pytest.mark.parametrize("name", [n for n, f in FIXTURES.items() if not any("command" in c for c in f["changes"])])
def test_each_attack_is_refused(pristine, tmp_path, name):
    fixture = FIXTURES[name]
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    (tmp_path / "outside.txt").write_text(hostile.SECRET)
    for change in fixture["changes"]:
        hostile.apply(project, change, {"marker": str(tmp_path / "marker"), "outside": str(tmp_path / "outside.txt")})
    output = refused_in_process(project, fixture)
    assert hostile.verdict(1 if output else 0, output, hostile.expectation(fixture, project)) == "", output
    assert not (tmp_path / "marker").exists()


@pytest.mark.parametrize("name", [n for n, f in FIXTURES.items() if any("command" in c for c in f["changes"])])
def test_each_command_attack_is_refused(pristine, tmp_path, name):
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    for change in FIXTURES[name]["changes"]:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            code = cli.main(list(change["command"]), folder=project)
        assert code == 1, err.getvalue()
        assert hostile.verdict(code, err.getvalue(), FIXTURES[name]["expect"]) == "", err.getvalue()
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


# One for every fixture, as the preview keeps one while an editor saves file after file.
REMEMBERED = gate.Remembered()
# An attack on each kind of file the gate reads (data, page, front matter,
# template, the tree, a disguising character): each check is the same with
# and without the memory (the full corpus goes through test_each_attack_is_refused).
REMEMBERED_SAMPLE = ["duplicate-yaml-key", "schema-missing-title", "data-text-script", "html-script",
                     "template-lipsum-globals", "duplicate-front-matter-key", "symlink-page", "stray-html-file",
                     "image-oversized", "bidi-override-page"]


@pytest.mark.parametrize("name", REMEMBERED_SAMPLE)
def test_the_preview_remembers_only_what_a_fresh_check_finds(pristine, tmp_path, name):
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    (tmp_path / "outside.txt").write_text(hostile.SECRET)
    assert gate.check_project(project, data.FILES, render_markdown=RENDER, remembered=REMEMBERED) == gate.check_project(project, data.FILES, render_markdown=RENDER)
    for change in FIXTURES[name]["changes"]:
        hostile.apply(project, change, {"marker": str(tmp_path / "marker"), "outside": str(tmp_path / "outside.txt")})
    fresh = gate.check_project(project, data.FILES, render_markdown=RENDER)
    assert gate.check_project(project, data.FILES, render_markdown=RENDER, remembered=REMEMBERED) == fresh
    assert gate.check_project(project, data.FILES, render_markdown=RENDER, remembered=REMEMBERED) == fresh
