"""The "last updated" date: read from git, written in the page's language."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from moussalaha.build import Build
from moussalaha.content import updated

pytestmark = pytest.mark.unit


def test_date_is_that_of_the_last_commit_touching_the_file(tmp_path):
    def git(*args, date=None):
        env = {"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date} if date else {}
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **env})
    git("init", "-q")
    git("config", "user.email", "editor@example.org")
    git("config", "user.name", "Editor")
    (tmp_path / "a.md").write_text("one")
    (tmp_path / "b.md").write_text("one")
    git("add", ".")
    git("commit", "-qm", "first", date="2026-01-05T10:00:00+00:00")
    (tmp_path / "b.md").write_text("two")
    git("commit", "-qam", "an editor's change", date="2026-03-07T10:00:00+00:00")
    assert updated.last_commit_date([tmp_path / "a.md"], tmp_path) == dt.date(2026, 1, 5)
    assert updated.last_commit_date([tmp_path / "b.md"], tmp_path) == dt.date(2026, 3, 7)
    (tmp_path / "new.md").write_text("never committed")
    assert updated.last_commit_date([tmp_path / "new.md"], tmp_path) is None


def test_outside_a_checkout_there_is_no_date(tmp_path):
    (tmp_path / "a.md").write_text("one")
    assert updated.last_commit_date([tmp_path / "a.md"], tmp_path) is None


def test_outside_git_the_dates_are_asked_once(tmp_path, monkeypatch):
    """Once per commit: the build keeps the dates it asked until git's HEAD
    moves (moussalaha/build.py, Build.refresh)."""
    (tmp_path / "a.md").write_text("one")
    build = Build()
    build.refresh({"git": updated.head(tmp_path)})
    assert updated.last_commit_date([tmp_path / "a.md"], tmp_path, build.git_dates) is None
    asked = []
    monkeypatch.setattr(updated.subprocess, "run", lambda *a, **k: asked.append(a) or subprocess.CompletedProcess(a, 128, "", ""))
    build.refresh({"git": updated.head(tmp_path)})
    assert updated.last_commit_date([tmp_path / "a.md"], tmp_path, build.git_dates) is None
    assert len(asked) == 1  # rev-parse only


def test_the_dates_asked_ahead_are_those_asked_one_by_one(tmp_path):
    """The build asks git for every page's date at its start, in other
    threads (Build.ask_dates_ahead): the same answers."""
    from concurrent.futures import ThreadPoolExecutor

    repo = next(p for p in Path(__file__).resolve().parents if (p / ".git").exists())
    sources = sorted((repo / "docs").glob("*.md"))[:6] + [repo / "docs" / "never-committed.md"]
    known: dict = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        updated.ask_ahead(sources, repo, known, pool)
        ahead = [updated.last_commit_date([source], repo, known) for source in sources]
    assert ahead == [updated.last_commit_date([source], repo) for source in sources]
    assert ahead[-1] is None and all(isinstance(day, dt.date) for day in ahead[:-1])
