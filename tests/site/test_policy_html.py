"""The built site under the policy: every page's inline scripts, styles,
handlers and addresses are the templates' own (tests/unit/test_policy.py
checks the rule on small pages)."""

from __future__ import annotations

from pathlib import Path

import material

from moussalaha.output import policy
from tests.support import ROOT

TEMPLATES = [ROOT / "overrides", Path(material.__file__).parent / "templates"]


def test_the_built_site_scripts_are_all_known(site):
    """Every inline script a real build ships is one the templates give."""
    allowed = policy.template_scripts(TEMPLATES)
    pages = list(site.directory.rglob("*.html"))
    assert len(pages) > len(site.pages()) > 50  # every page, the 404 pages too
    for path in pages:
        assert policy.foreign_inline(path.read_text(encoding="utf-8"), allowed) == [], path
