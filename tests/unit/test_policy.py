"""The Content-Security-Policy computed from the built pages (moussalaha/policy.py)."""

from __future__ import annotations

import re

import pytest

from moussalaha import policy
from moussalaha.problems import SiteError


@pytest.mark.parametrize("html, culprit", [
    ('<p style="color: red">x</p>', 'style="color: red"'),
    ('<button onclick="go()">x</button>', 'onclick="go()"'),
    ('<a href="javascript:go()">x</a>', 'href="javascript:go()"'),
])
def test_build_refuses_what_the_policy_would_block(tmp_path, html, culprit):
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "page.html").write_text(f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>')
    with pytest.raises(SiteError, match=re.escape("fr/page.html: <") + ".*" + re.escape(culprit) + ".*site.css"):
        policy.policy(tmp_path)
