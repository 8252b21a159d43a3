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


# The conflicts of the fact sheet, each shown once with a note naming the
# other report: (where the note is, words the note must hold).
CONFLICTS = {
    "19 February 2024: 301 (the DGAPR) against 322": ('tr[data-date="2024-02-19"] .mc-conflict', "322"),
    "12th edition: 150 pardoned against 159": ('tr[data-date="2023-07-07"] .mc-conflict', "159"),
    "15th edition: 21 and 343 against 20 and 363": ('tr[data-date="2025-01-17"] .mc-conflict', "363"),
    "first edition: Al Arjat 1 or Salé": ("#launch ~ p .mc-conflict", "2017"),
    "launch: 2017 against 2015": ("#launch ~ p .mc-conflict", "2015"),
    "women: 12 against 10": ("#women ~ p .mc-conflict", "10"),
}


@pytest.mark.parametrize("lang", ("ar", "fr", "en"))
def test_each_conflict_is_one_figure_with_a_note(site, data, lang):
    page = site.page(("" if lang == "ar" else f"{lang}/") + "programme.html")
    article = page.css_first("article")
    assert article.css_first("#discrepancies") is None, "no section of discrepancies: a note on the row or sentence"
    for conflict, (where, words) in CONFLICTS.items():
        notes = [n.text() for n in article.css(where)]
        assert any(words in n for n in notes), f"{lang}: {conflict}: no note holding {words} at {where}"
    # One row a day: the figure appears once.
    days = [tr.attributes["data-date"] for tr in article.css("tr[data-date]")]
    assert len(days) == len(set(days)) == len(data.milestones)
    # The first edition's place is never stated as settled: the sentence
    # gives the dates, and only its note names the two prisons.
    launch = article.css_first("#launch").next
    while launch is not None and launch.tag != "p":
        launch = launch.next
    places = {"ar": ("العرجات", "سلا"), "fr": ("Al Arjat", "Salé"), "en": ("Al Arjat", "Salé")}[lang]
    outside = launch.html
    notes = launch.css(".mc-conflict")
    assert any(all(place in note.text() for place in places) for note in notes), f"{lang}: no note gives both places"
    for note in notes:
        outside = outside.replace(note.html, "")
    assert not any(place in outside for place in places), f"{lang}: the first edition's place is stated outside its note"
    # Every note of the data is shown, each with a link to the report it names.
    noted = [m for m in data.milestones if m.note] + [s for s in data.women if s.note]
    noted += [x for x in (data.programme.first_edition,) if x.note] + ([data.programme] if data.programme.launch_note else [])
    shown = article.css(".mc-conflict")
    assert len(shown) == len(noted), (len(shown), len(noted))
    assert all(n.css_first("a[href^='sources.html#']") for n in shown)


# A working id: a seed number, an archived file's name, a hash, or an id
# with a long number in it (an article number of another site).
WORKING_ID = re.compile(r"seed-?\d|\.txt\b|\b[0-9a-f]{8,}\b|\d{5,}")
WORDS = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_references_anchors_are_words_everywhere_a_visitor_meets_them(site, data):
    """What a visitor sees, hovers (href), prints (data-print: the address
    printed after a link) or shares (an address with its #anchor) never
    holds a working id: the references' anchors are words."""
    anchors = set()
    for lang in ("ar", "fr", "en"):
        page = site.page(("" if lang == "ar" else f"{lang}/") + "sources.html")
        entries = page.css("ol.mc-source-list > li")
        assert len(entries) == len([s for s in data.sources if s.replaced_by is None])
        for li in entries:
            anchor = li.attributes["id"]
            assert WORDS.match(anchor) and re.search(r"[a-z]{4,}", anchor), f"#{anchor} is not made of words"
            assert not WORKING_ID.search(anchor), f"#{anchor} holds a working id"
            anchors.add(anchor)
    old = {s.id for s in data.sources if s.replaced_by is not None}
    seen = 0
    for path in site.pages() + ["404.html"]:
        tree = site.page(path)
        for node in tree.css("[href], [data-print], [id]"):
            for attribute in ("href", "data-print", "id"):
                value = node.attributes.get(attribute) or ""
                fragment = value.rpartition("#")[2] if "#" in value else (value if attribute == "id" else "")
                if "sources.html#" in value:
                    seen += 1
                    assert fragment in anchors, f"{path}: {attribute}={value} is not an anchor of the sources page"
                assert fragment not in old, f"{path}: {attribute}={value} uses an old id"
                assert not re.search(r"seed-?\d", value), f"{path}: {attribute}={value}"
    assert seen > 100, "the pages link to the sources page: the test would prove nothing"


def scripts_of(tree) -> set[str]:
    """The scripts a page carries: an external one by its file name, an
    inline one by its text (the theme's helpers name the page's own folder:
    left out)."""
    found = set()
    for node in tree.css("script"):
        if node.attributes.get("type") == "application/ld+json":
            continue  # data for search engines, not run
        src = node.attributes.get("src")
        found.add(src.rsplit("/", 1)[-1] if src else re.sub(r'URL\("[^"]*"', "URL(", node.text()))
    return found


@pytest.mark.parametrize("lang", ("ar", "fr", "en"))
def test_the_privacy_statement_lists_every_script_the_pages_carry(site, lang):
    prefix = "" if lang == "ar" else f"{lang}/"
    pages = [p for p in site.pages() if not p.startswith("admin/")]
    carried = set.union(*(scripts_of(site.page(p)) for p in pages))
    not_found = scripts_of(site.page(f"{prefix}404.html")) - carried
    section = site.page(f"{prefix}privacy.html").css_first("#scripts")
    assert section is not None, "the privacy statement has no list of scripts"
    listed = section.next
    while listed is not None and listed.tag != "ul":
        listed = listed.next
    items = listed.css("li")
    assert len(items) == len(carried), f"{len(carried)} scripts on the pages, {len(items)} described"
    text = site.page(f"{prefix}privacy.html").css_first("article").text()
    for name in {s for s in carried | not_found if s.endswith(".js")}:
        assert name in text, f"the privacy statement does not name {name}"
    assert not_found == {"not-found.js"}, not_found


def test_no_page_speaks_of_a_contact_until_one_is_filled_in(site, data):
    assert not (data.contact.email or data.contact.phone), "contact.yml is filled: this test checks the empty case"
    for lang in ("ar", "fr", "en"):
        prefix = "" if lang == "ar" else f"{lang}/"
        for name in ("legal", "privacy", "accessibility"):
            page = site.page(f"{prefix}{name}.html")
            assert page.css_first("#contact, #feedback, .mc-contact") is None, f"{prefix}{name}.html speaks of a contact"
        assert site.page(f"{prefix}index.html").css_first("#mc-footer-contact") is None


def test_filling_contact_yml_adds_a_contact_to_the_footer_and_legal_notice(tmp_path):
    """An editor fills docs/data/contact.yml: every page's footer and the
    legal notice (and the privacy and accessibility statements) show it."""
    from tests.support import build_site, copy_project

    # The pages looked at below and those they link to (a third of the site).
    project = copy_project(tmp_path, ["index", "centre", "legal", "privacy", "accessibility"])
    contact = project / "docs/data/contact.yml"
    text = contact.read_text(encoding="utf-8")
    assert 'email: ""' in text
    contact.write_text(text.replace('email: ""', 'email: "visits@example.ma"'), encoding="utf-8")
    result = build_site(project / "site", "https://example.org/", project)
    assert result.returncode == 0, result.stderr[-2000:]
    from selectolax.lexbor import LexborHTMLParser

    def page(path):
        return LexborHTMLParser((project / "site" / path).read_text(encoding="utf-8"))

    for prefix, word in (("", "الاتصال"), ("fr/", "Contact"), ("en/", "Contact")):
        for path in (f"{prefix}index.html", f"{prefix}centre.html"):
            footer = page(path).css_first("#mc-footer-contact")
            assert footer is not None and footer.text(strip=True) == word, path
            assert page(path).css_first("footer a[href='mailto:visits@example.ma']") is not None, path
        legal = page(f"{prefix}legal.html").css_first("article")
        heading = legal.css_first("h2#contact")
        assert heading is not None and heading.text(strip=True).startswith(word), f"{prefix}legal.html"
        assert legal.css_first("a[href='mailto:visits@example.ma']") is not None
        for name in ("privacy", "accessibility"):
            assert page(f"{prefix}{name}.html").css_first("article a[href='mailto:visits@example.ma']") is not None
