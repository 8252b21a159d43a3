"""Only the project's own files, of the site's kinds, within their sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from moussalaha.gate import filetree

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "docs" / "assets" / "images").mkdir(parents=True)
    (tmp_path / "overrides" / "components").mkdir(parents=True)
    (tmp_path / "docs" / "centre.md").write_text("# x\n")
    (tmp_path / "outside.txt").write_text("secret\n")
    return tmp_path


def found(project) -> list[str]:
    return [str(p) for p in filetree.check_tree(project)]


def test_the_project_itself_passes():
    assert filetree.check_tree(ROOT) == []


def test_a_clean_tree_passes(project):
    assert found(project) == []


def test_links_are_refused(project):
    (project / "docs" / "assets" / "notes.txt").symlink_to(project / "outside.txt")
    (project / "overrides" / "components" / "x.html").symlink_to("/etc/passwd")
    (project / "docs" / "more").symlink_to(project, target_is_directory=True)  # a loop, too
    problems = found(project)
    assert [p.split(":")[0] for p in problems] == ["docs/assets/notes.txt", "docs/more", "overrides/components/x.html"]
    assert all("is a link to" in p and " — replace the link" in p for p in problems)


def test_a_linked_folder_is_refused(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "docs").symlink_to(tmp_path / "real", target_is_directory=True)
    assert "folder is a link" in str(filetree.check_tree(tmp_path)[0])


@pytest.mark.parametrize("name", ["promo.html", "assets/x.htm", "a.xhtml"])
def test_stray_html_files_are_refused(project, name):
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<script>alert(1)</script>")
    [problem] = found(project)
    assert problem.startswith(f"docs/{name}:1: an HTML file in docs/")


def test_html_in_overrides_is_the_layout(project):
    (project / "overrides" / "main.html").write_text("{% extends 'base.html' %}")
    assert found(project) == []


@pytest.mark.parametrize("name, size, words", [
    ("data/news.yml", 5 * 1024 * 1024, "more than the 256 KB limit"),
    ("centre.fr.md", 2 * 1024 * 1024, "more than the 200 KB limit"),
    ("assets/images/photo.jpg", 400 * 1024, "1600 pixels wide"),
])
def test_oversized_files_are_refused_by_size(project, name, size, words):
    path = project / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.truncate(size)
    [problem] = found(project)
    assert problem.startswith(f"docs/{name}:1: this file weighs") and words in problem


def test_svg_files_are_checked(project):
    (project / "docs" / "assets" / "images" / "x.svg").write_text("<svg>\n<script>alert(1)</script>\n</svg>")
    assert found(project)[0].startswith("docs/assets/images/x.svg:2: <script> is refused")
