"""A few attacks of the hostile corpus (tests/hostile/) through a real
`mkdocs build --strict` of a copy of the project: the build fails, its
message names the editor's file and line, nothing of the attack reaches
site/, and no template writes the marker file. tests/unit/test_gate.py
runs every fixture in process; these prove the build itself refuses them.

The copy holds two pages (index, centre) in the three languages, so that
each build is short; the real site's build is the `site` fixture's.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT, build_site, hostile

pytestmark = pytest.mark.site

SUBSET = ["template-cycler-globals", "data-text-script", "stray-html-file", "symlink-in-docs", "bidi-override-page",
          "html-iframe", "policy-foreign-inline-script",
          # issue 27: a javascript: link only the check of the published page sees; Markdown
          # read in quadratic time; a page named 404.md (a traceback before): each as file:line
          # (python -m tests.hostile.run runs all of them through full builds)
          "template-expression-markdown-link", "markdown-brackets-quadratic", "page-named-404"]
PAGES = ("index", "centre")


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    """The project's tracked files, with two pages and the navigation to them."""
    copy = hostile.pristine(tmp_path_factory.mktemp("small"))
    for page in (copy / "docs").glob("*.md"):
        if page.name.split(".")[0] not in PAGES:
            page.unlink()
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^nav:\n(?:[ \t]+- .*\n|[ \t]*#.*\n)*", "nav:\n  - index.md\n  - centre.md\n", config)
    assert count == 1
    (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The previous site's addresses lead to pages this copy does not have.
    (copy / "docs/data/redirects.yml").write_text("redirects: []\n", encoding="utf-8")
    return copy


def attacked(small: Path, tmp_path: Path, changes: list[dict]) -> tuple[Path, Path]:
    project = tmp_path / "project"
    shutil.copytree(small, project, symlinks=True)
    (tmp_path / "outside.txt").write_text(f"{hostile.SECRET}\n", encoding="utf-8")
    for change in changes:
        hostile.apply(project, change, {"marker": str(tmp_path / "marker"), "outside": str(tmp_path / "outside.txt")})
    return project, project / "site"


@pytest.mark.parametrize("name", SUBSET)
def test_the_build_refuses(small, tmp_path, name):
    fixture = yaml.safe_load((ROOT / "tests" / "hostile" / f"{name}.yml").read_text(encoding="utf-8"))
    project, site = attacked(small, tmp_path, fixture["changes"])
    result = build_site(site, project=project)
    output = result.stdout + result.stderr
    assert hostile.verdict(result.returncode, output, hostile.expectation(fixture, project)) == "", output
    assert "mkdocs.yml:1" not in output and "Traceback" not in output
    assert hostile.published(site, sorted(set(fixture.get("not_in_site", [])) | {hostile.SECRET})) == []
    assert not (tmp_path / "marker").exists()


def test_a_page_with_a_foreign_inline_script_fails_the_build(small, tmp_path):
    """The policy on its own: a hook that slips a script into a page after
    every check of the editors' files and of the article (as a Markdown extension or a theme
    change could) still stops the build, on the page's file, before the
    page is written."""
    project, site = attacked(small, tmp_path, [{
        "file": "slip.py",
        # After the article's own check (moussalaha/gate/published.py), which refuses any <script>.
        "write": "def on_post_page(output, page, config):\n"
                 "    return output.replace('</article>', '<script>document.title = \"slipped\"</script></article>', 1)\n"}])
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - slip.py\n", encoding="utf-8")
    result = build_site(site, project=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"docs/(index|centre)\.md:1: the built page would carry an inline <script> that the site's "
                     r"templates do not ship: «document\.title = \"slipped\"»", output), output
    assert hostile.published(site, ["slipped"]) == []


def test_a_layout_that_sends_readers_elsewhere_fails_the_build(small, tmp_path):
    """The whole page as published (moussalaha/gate/published.py): a refresh to
    another host written into the layout stops the build on the page."""
    project, site = attacked(small, tmp_path, [])
    main = project / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    assert text.count("{% block extrahead %}") == 1
    main.write_text(text.replace("{% block extrahead %}", '{% block extrahead %}<meta http-equiv="refresh" '
                                 'content="0; url=https://evil.example/">', 1), encoding="utf-8")
    result = build_site(site, project=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"docs/(index|centre)\.md:1: the built page would carry <meta http-equiv=\"refresh\">", output), output
    assert hostile.published(site, ["evil.example"]) == []
