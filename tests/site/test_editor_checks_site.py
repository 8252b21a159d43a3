"""The editors' tool on the real site: every check passes (the build's own
check is the `site` fixture's strict build)."""

from __future__ import annotations

from tests.support import ROOT
from tests.support.editor import run


def test_the_real_site_passes_every_check(site):
    """Every check but the build's; the `site` fixture is the same strict build."""
    result = run(ROOT, "check", "--no-build")
    assert result.returncode == 0, result.stdout + result.stderr
