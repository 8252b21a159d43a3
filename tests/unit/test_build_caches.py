"""The build's caches and their one rule (moussalaha/build.py, Build.refresh):
a cache made from files is dropped when they change, and only then; a memo
keeps what the last build used."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from moussalaha.build import DEPENDS, Build, Memo

pytestmark = pytest.mark.unit


def project(root: Path) -> SimpleNamespace:
    """What Build.sources reads of MkDocs' configuration, on a small project."""
    (root / "docs" / "data").mkdir(parents=True)
    (root / "docs" / "data" / "centre.yml").write_text("a: 1\n")
    (root / "docs" / "news").mkdir()
    (root / "docs" / "news" / "2025-01-17-a.md").write_text("---\ntitle: x\n---\n")
    (root / "overrides" / "components").mkdir(parents=True)
    (root / "overrides" / "main.html").write_text("<script>one()</script>")
    (root / "overrides" / "components" / "part.md").write_text("one")
    (root / "mkdocs.yml").write_text("site_name: x\n")
    return SimpleNamespace(docs_dir=str(root / "docs"), site_url="https://example.org/",
                           config_file_path=str(root / "mkdocs.yml"),
                           theme=SimpleNamespace(dirs=[str(root / "overrides")]))


def save(path: Path, text: str) -> None:
    path.write_text(text)
    later = path.stat().st_mtime_ns + 10**9  # an editor's save moves the file's time
    os.utime(path, ns=(later, later))


@pytest.mark.parametrize("saved, source", [
    ("docs/data/centre.yml", "data"),
    ("docs/news/2025-01-17-a.md", "news"),
    ("overrides/main.html", "templates"),
    ("overrides/components/part.md", "components"),
])
def test_a_saved_file_drops_the_caches_made_from_it_and_no_other(tmp_path, saved, source):
    config = project(tmp_path)
    components = tmp_path / "overrides" / "components"
    build = Build()
    assert build.refresh(build.sources(config, components)) == set(DEPENDS)  # the first build: all
    filled = {"site_data": "facts", "articles": {"k": "news"}, "git_dates": {"k": "day"}, "scripts": frozenset("s"),
              "finished": {"k": "page"}, "sandboxes": {"k": "env"}}
    for name, value in filled.items():
        setattr(build, name, value)
    assert build.refresh(build.sources(config, components)) == set()  # nothing saved: all kept
    assert all(getattr(build, name) for name in filled)
    save(tmp_path / saved, "two")
    assert build.refresh(build.sources(config, components)) == {source}
    assert {name for name in filled if not getattr(build, name)} == set(DEPENDS[source])


def test_the_policy_reads_a_template_saved_anew(tmp_path):
    """The preview's policy bug: an inline script of a template saved while
    `make serve` runs is allowed at the next build (tests/browser/test_preview.py
    runs it in Chromium)."""
    config = project(tmp_path)
    components = tmp_path / "overrides" / "components"
    build = Build()
    build.refresh(build.sources(config, components))
    before = build.allowed_scripts(config)
    save(tmp_path / "overrides" / "main.html", "<script>two()</script>")
    assert build.allowed_scripts(config) == before  # within a build, the same
    build.refresh(build.sources(config, components))
    after = build.allowed_scripts(config)
    assert after != before and len(after) == 1


def test_a_memo_keeps_what_the_last_build_used():
    memo, made = Memo(), []
    make = lambda key: lambda: made.append(key) or key.upper()  # noqa: E731
    assert [memo.get_or_make(key, make(key)) for key in ("a", "b", "a")] == ["A", "B", "A"]
    memo.prune()
    assert memo.get_or_make("a", make("a")) == "A"  # the next build: "a" again, "b" no more
    memo.prune()
    assert sorted(memo) == ["a"] and made == ["a", "b"]

