"""The site is the centre's own (issue 23), checked on the built HTML:

- no page hedges the centre's own facts with the press ("according to press
  reports", "the reports name", "the sources the site relies on") or cites
  "the centre's official website" as somewhere else, in any language;
- a figure that reports give differently is shown once, with a note on its
  row or sentence; no section is titled "where reports differ";
- the references' anchors are words, never a working id, wherever a visitor
  could see, hover, print or share them;
- the privacy statement lists every script the pages carry;
- until docs/data/contact.yml is filled, no page speaks of a contact.

Run: .venv/bin/pytest -p no:randomly -n 0 tests/site/test_institution_voice.py
The same phrases, searched in a built site (`site/`) by hand:
    grep -rEoi --include='*.html' -f tests/site/hedges.txt site/
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

# One pattern a line (extended regular expressions, case-insensitive), for
# this test and for grep alike.
HEDGES_FILE = Path(__file__).with_name("hedges.txt")
HEDGES = re.compile("|".join(f"(?:{line})" for line in HEDGES_FILE.read_text(encoding="utf-8").splitlines()
                             if line and not line.startswith("#")), re.IGNORECASE)


def visible_text(tree) -> str:
    body = tree.css_first("body")
    for node in body.css("script, style, template"):
        node.decompose()
    return " ".join(body.text(separator=" ").replace("\u00a0", " ").split())


def test_the_hedging_phrases_match_what_they_are_meant_to():
    """The patterns catch the review's hedges in each language, and not a
    statement attributed to the body that made it."""
    for hedge in ("according to press reports", "The reports name Ahmed Abbadi", "the Arabic press texts the site relies on",
                  "The centre’s official website presents", "selon un compte rendu de presse", "Selon les comptes rendus de la signature",
                  "retenus par le site", "Le site officiel du centre présente", "بحسب تقرير صحفي", "وذكرت التقارير أحمد عبادي",
                  "والنصوص الصحفية العربية التي يعتمدها الموقع", "يعرض الموقع الرسمي للمركز", "حين تختلف التقارير"):
        assert HEDGES.search(hedge), hedge
    for plain in ("according to the agreement", "selon la convention", "بحسب الاتفاقية", "Official website",
                  "According to its coordinator’s presentation"):
        assert not HEDGES.search(plain), plain


def test_no_page_hedges_the_centres_own_facts(site):
    pages = site.pages() + ["404.html"]
    found = {}
    for path in pages:
        hits = sorted({m.group(0) for m in HEDGES.finditer(visible_text(site.page(path)))})
        if hits:
            found[path] = hits
    assert not found, "the centre speaks for itself; rewrite: " + "; ".join(f"{p}: {h}" for p, h in found.items())
