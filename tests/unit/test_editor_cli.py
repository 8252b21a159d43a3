"""The editors' tool, scripts/site.py, on a small copy of the project
(tests/support/editor.py): its commands: GitHub annotations, help, new-page, new-news, stamp, status,
and an editor's whole path.
Each check stops a broken fixture with the exact `file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from moussalaha.checks import run_checks
from moussalaha.checks.common import Project
from moussalaha.checks.page_checks import check_languages, read_pages
from moussalaha.content import pages
from tests.support import ROOT
from tests.support.editor import TOOL, edit, fails_with, line, make_project, run

# --- Output for GitHub, help ------------------------------------------------------------------


def test_github_annotations_on_the_pull_request_lines(project, monkeypatch):
    (project / "docs/about.en.md").unlink()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # as GitHub Actions runs the check
    result = run(project, "check")
    assert result.returncode == 1
    assert ("::error file=docs/about.md,line=1,title=site check::the English translation docs/about.en.md is "
            "missing — create it: translate this page, keep its heading ids, then run "
            f"{TOOL} stamp docs/about.en.md`") in result.stdout.splitlines()


@pytest.mark.parametrize("command", ["check", "status", "new-page", "new-news", "stamp"])
def test_every_command_explains_itself(project, command):
    result = run(project, command, "--help")
    assert result.returncode == 0 and "usage: site.py" in result.stdout


@pytest.mark.parametrize("name", ["404", "index", "assets", "data", "search", "fr", "pagefind", "sitemap"])
def test_new_page_refuses_the_site_own_names(project, name):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = run(project, "new-page", name)
    assert result.returncode == 1 and "taken by the site itself" in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_new_page_writes_its_front_matter_as_yaml(project):
    title = "الزيارات: «وفود» # 2025 {name} '\""
    assert run(project, "new-page", "visits", "--title", title).returncode == 0
    page = pages.read_page(project / "docs" / "visits.md")
    assert page.meta["title"] == title and set(page.meta) == {"title", "description"}
    assert f"# {title} {{ #visits }}" in page.text
    result = run(project, "new-page", "tours", "--title", "x\ntemplate: ../../etc/passwd")
    assert result.returncode == 1 and "one line" in result.stderr
    assert not (project / "docs" / "tours.md").exists()


def test_the_editors_command_runs_from_anywhere(tmp_path):
    """scripts/site.py, the command editors type, works on its own project wherever it is started."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "site.py"), "status"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "| index | present |" in result.stdout


def test_two_projects_are_checked_side_by_side(tmp_path):
    """Each check is handed its project (moussalaha/checks/common.py, Project): two copies, one
    lacking a translation, the other with a figure changed, checked at once in one process; each
    report names its own problem, from its own folder, and nothing of the other's."""
    one, other = make_project(tmp_path / "one"), make_project(tmp_path / "other")
    (one / "docs/about.en.md").unlink()
    edit(other / "docs/index.fr.md", "à 3 niveaux", "à 4 niveaux")
    missing = ("docs/about.md:1: the English translation docs/about.en.md is missing — create it: translate this "
               f"page, keep its heading ids, then run {TOOL} stamp docs/about.en.md`")
    first, second = Project(one), Project(other)
    pages_one, pages_other = read_pages(first)[0], read_pages(second)[0]
    assert [str(p) for p in check_languages(first, pages_one)] == [missing]
    assert check_languages(second, pages_other) == []
    with ThreadPoolExecutor(2) as pool:
        reports = list(pool.map(lambda folder: [str(p) for p in run_checks(folder, build=False)], [one, other]))
    assert reports[0] == [missing]
    assert [line.split(": ")[0] for line in reports[1]] == [
        f"docs/index.fr.md:{line(other / 'docs/index.fr.md', '{ #missions }')}",
        f"docs/index.fr.md:{line(other / 'docs/index.fr.md', '4 niveaux')}",
    ]


def test_an_editors_whole_path(project):
    docs = project / "docs"
    created = run(project, "new-page", "visits", "--title", "الزيارات", "--after", "index")
    assert created.returncode == 0, created.stderr
    assert "  - index.md\n  - visits.md\n  - about.md\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert all((docs / f"visits{suffix}.md").exists() for suffix in ("", ".fr", ".en"))
    fails_with(project, f"docs/visits.md:{line(docs / 'visits.md', '✎')}: this line still has a ✎ placeholder left "
                        "by new-page — replace it with the page's own words")

    # The editor writes the Arabic page.
    (docs / "visits.md").write_text("""---
title: الزيارات
description: الوفود التي زارت مركز مصالحة للاطلاع على برامجه في إعادة التأهيل والإدماج.
---

# الزيارات { #visits }

## الوفود الأجنبية { #delegations }

زار المركز وفد من 3 دول.
""", encoding="utf-8")
    for lang in ("fr", "en"):
        fails_with(project, f"docs/visits.{lang}.md:1: this page is not yet marked as a translation of docs/visits.md "
                            "— translate that page here (or check that this page says the same), then run "
                            f"{TOOL} stamp docs/visits.{lang}.md`")

    # The translators translate it and stamp their pages.
    (docs / "visits.fr.md").write_text("""---
title: Les visites
description: Les délégations venues au Centre Moussalaha découvrir ses programmes de réhabilitation et de réinsertion.
---

# Les visites { #visits }

## Délégations étrangères { #delegations }

Une délégation de 3 pays a visité le centre.
""", encoding="utf-8")
    (docs / "visits.en.md").write_text("""---
title: Visits
description: The delegations that visited the Moussalaha Centre to learn about its rehabilitation programmes.
---

# Visits { #visits }

## Foreign delegations { #delegations }

A delegation from 3 countries visited the centre.
""", encoding="utf-8")
    assert run(project, "stamp", "docs/visits.fr.md", "docs/visits.en.md").returncode == 0
    assert "translated_from:\n  visits: " in (docs / "visits.fr.md").read_text(encoding="utf-8")
    passed = run(project, "check")
    assert passed.returncode == 0, passed.stdout

    # The editor changes the Arabic: both translations are reported out of date.
    edit(docs / "visits.md", "وفد من 3 دول", "وفد من 4 دول")
    for lang in ("fr", "en"):
        fails_with(project, f"docs/visits.{lang}.md:{line(docs / f'visits.{lang}.md', '{ #delegations }')}: out of "
                            "date: the Arabic page changed its section «delegations» (docs/visits.md:"
                            f"{line(docs / 'visits.md', '{ #delegations }')}) — update this translation of it, then "
                            f"run {TOOL} stamp docs/visits.{lang}.md`")
    status = run(project, "status")
    assert "| visits | present | outdated: delegations | outdated: delegations |" in status.stdout.splitlines()


def test_status_says_since_which_change(project):
    def git(*args):
        return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                              cwd=project, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "Pages translated")
    edit(project / "docs/about.md", "نص قصير", "نص موجز")
    git("commit", "-qam", "A shorter sentence")
    commit, date = git("log", "-1", "--format=%h %as").split()
    edit(project / "docs/index.md", "يتدخل المركز", "يعمل المركز")  # not committed yet
    status = run(project, "status").stdout.splitlines()
    since = f"outdated: creation (since {commit} of {date})"
    assert f"| about | present | {since} | {since} |" in status
    since = "outdated: missions (since uncommitted edits)"
    assert f"| index | present | {since} | {since} |" in status


def test_new_news_creates_the_three_files_contributing_describes(project):
    refused = run(project, "new-news", "visit", "--date", "2025-13-01", "--source", "founding-agreement")
    assert refused.returncode == 1 and "--date 2025-13-01: the day of the event" in refused.stderr
    refused = run(project, "new-news", "a visit", "--date", "2025-12-10", "--source", "founding-agreement")
    assert refused.returncode == 1 and "a few English words" in refused.stderr
    refused = run(project, "new-news", "visit", "--date", "2025-12-10", "--source", "no-such-source")
    assert refused.returncode == 1 and "--source no-such-source" in refused.stderr

    title = "وفد قضائي: زيارة {المركز}"
    created = run(project, "new-news", "judicial-visit", "--date", "2025-12-10", "--source", "founding-agreement",
                  "--title", title)
    assert created.returncode == 0, created.stderr
    news = project / "docs/news"
    assert sorted(p.name for p in news.iterdir()) == [
        "2025-12-10-judicial-visit.en.md", "2025-12-10-judicial-visit.fr.md", "2025-12-10-judicial-visit.md"]
    arabic = pages.read_page(news / "2025-12-10-judicial-visit.md")
    assert arabic.meta["title"] == title and str(arabic.meta["date"]) == "2025-12-10"
    assert arabic.meta["sources"] == ["founding-agreement"] and f"# {title} {{ #article }}" in arabic.text
    for lang in ("fr", "en"):
        translation = pages.read_page(news / f"2025-12-10-judicial-visit.{lang}.md")
        assert set(translation.meta) == {"title", "description"}
        assert "{ #article }" in translation.text
    # The check points at every placeholder left, nothing else but the stamps to come.
    result = run(project, "check", "--no-build")
    problems = [line for line in result.stdout.splitlines() if line.startswith("docs/")]
    assert problems and all("✎" in line or "not yet marked as a translation" in line for line in problems), problems
    again = run(project, "new-news", "judicial-visit", "--date", "2025-12-10", "--source", "founding-agreement")
    assert again.returncode == 1 and "already exists" in again.stderr
