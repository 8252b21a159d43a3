"""The site does not depend on MkDocs' future: ProperDocs, the maintained
fork of MkDocs 1.x (pinned in requirements.txt), builds the same commit
into the same site, file for file (scripts/same_site.py).

The session's site (the `site` fixture, built by MkDocs) and this build
share the environment, so SOURCE_DATE_EPOCH (`make test` sets it to the last
commit's date) and the address are the same; without it, the dates are the
last commit's in both. The build runs with a `mkdocs` package on its path
that refuses to load: ProperDocs answers every `import mkdocs…` of the
theme, the plugins and the site's own code itself, so the site would build
with MkDocs uninstalled."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def same_site():
    spec = importlib.util.spec_from_file_location("same_site", ROOT / "scripts" / "same_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_with_properdocs(site_dir: Path, site_url: str, without: Path) -> subprocess.CompletedProcess:
    """`properdocs build --strict` of mkdocs.yml as it is, as `make properdocs` runs it."""
    (without / "mkdocs").mkdir(parents=True)
    (without / "mkdocs" / "__init__.py").write_text(
        'raise ImportError("MkDocs itself was imported: a ProperDocs build must not need it")\n', encoding="utf-8")
    path = os.pathsep.join(filter(None, (str(without), os.environ.get("PYTHONPATH"))))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url, PYTHONPATH=path)
    return subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )


def test_properdocs_builds_the_same_site(site, tmp_path):
    result = build_with_properdocs(tmp_path / "site", site.base_url, tmp_path / "without-mkdocs")
    assert result.returncode == 0, f"properdocs build --strict failed:\n{result.stderr[-4000:]}"
    found = same_site().compare(site.directory, tmp_path / "site")
    assert not found["differ"], f"pages or files that differ: {found['differ'][:20]}"
    assert not found["only before"], f"only in MkDocs' build: {found['only before'][:20]}"
    assert not found["only after"], f"only in ProperDocs' build: {found['only after'][:20]}"
    compared = set(found["same bytes"]) | set(found["same document"])
    assert set(site.pages()) <= compared and {"index.html", "fr/index.html", "en/index.html"} <= compared
