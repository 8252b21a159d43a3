"""Every page of the built site, the 404 pages included, is valid HTML for
the W3C Nu HTML Checker: no error (tests/support/quality.py runs it once over
all of them). In this tier because it needs what `make test` installs for
the quality tools (npm's vnu-jar, Debian's Java), not a browser."""

from __future__ import annotations

from collections import Counter

from tests.support import quality


def test_every_page_is_valid_html(site):
    files = sorted(site.directory.rglob("*.html"))
    assert len(files) > 90 and any(f.name == "404.html" for f in files)
    errors = quality.html_errors(files)
    where = Counter(f"{m.get('url', '?').rsplit('/site/', 1)[-1]}: {m['message']}" for m in errors)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(f"{n}× {text}" for text, n in where.most_common(20))
