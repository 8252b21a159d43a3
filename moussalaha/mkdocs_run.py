"""`mkdocs build --strict` in its own process, as CI runs it: for the tests,
the editors' check of links (moussalaha/checks/links.py) and the
benchmarks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(site_dir: Path, project: Path, site_url: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir`, as CI runs it,
    in its own process (the tests, the editors' check, the benchmarks)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )
