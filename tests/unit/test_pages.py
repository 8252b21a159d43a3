"""moussalaha/content/pages.py: a page's front matter split as MkDocs splits it, the
rules every page's front matter follows (the build and the editors' tool
alike), and the headings a Markdown parser finds.

Run: .venv/bin/pytest tests/unit/test_pages.py
"""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from moussalaha import gate
from moussalaha.content import pages
from moussalaha.gate import sandbox

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def page(tmp_path: Path, text: str, name: str = "centre.fr.md") -> pages.Page:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return pages.read_page(path)


@pytest.mark.parametrize("closing", ["---", "..."])
def test_the_front_matter_ends_where_mkdocs_ends_it(tmp_path, closing):
    text = f"---\ntitle: Le centre\n{closing}\n\n# Le centre {{ #centre }}\n"
    read = page(tmp_path, text)
    body, meta = get_data(text)
    assert read.meta == meta == {"title": "Le centre"}
    assert read.body.lstrip("\n") == body and read.body_line == 4


def test_the_gate_reads_front_matter_closed_by_dots(tmp_path):
    # A key given twice, which MkDocs would read without a word.
    path = tmp_path / "centre.fr.md"
    path.write_text("---\ntitle: Le centre\ndescription: a\ntitle: Autre\n...\n\n# Le centre { #centre }\n",
                    encoding="utf-8")
    env = sandbox.environment(ROOT / "overrides" / "components")
    found = [str(p) for p in gate.check_page(path, "docs/centre.fr.md", env, lambda text: text)]
    assert any(p.startswith("docs/centre.fr.md:4: `title:` is given twice") for p in found), found


def test_front_matter_rules_on_their_lines(tmp_path):
    read = page(tmp_path, "---\ntitle: Le centre\nsourcse: [a]\nsources: [a, zz]\n---\n\nTexte\n")
    assert pages.front_matter_problems(read, {"a"}) == [
        (3, "unknown front matter field `sourcse` — did you mean `sources`?"),
        (1, "the front matter has no `description:` — add one in French"),
        (4, "`sources:` names unknown source id(s) zz — add them to docs/data/sources.yml or fix the spelling"),
    ]
    # Without the data's sources (the editors' tool before the data loads): the other rules.
    assert len(pages.front_matter_problems(read)) == 2


def test_a_page_without_front_matter_or_with_broken_yaml(tmp_path):
    assert pages.front_matter_problems(page(tmp_path, "# Le centre\n"))[0][1].startswith("the page has no front matter")
    broken = pages.front_matter_problems(page(tmp_path, "---\ntitle: a: b\n---\n"))
    assert broken[0][0] == 2 and "is not valid YAML" in broken[0][1]


def found(markdown: str) -> list[tuple[int, int, str, str | None]]:
    return [(h.line, h.level, h.text, h.id) for h in pages.headings(markdown, first_line=5)]


def test_a_backtick_line_inside_a_tilde_fence_hides_no_heading():
    markdown = "~~~\n```\n~~~\n\n## Missions { #missions }\n\n```\n## not a heading\n```\n"
    assert found(markdown) == [(9, 2, "Missions { #missions }", "missions")]


def test_setext_headings_are_headings():
    markdown = "Le centre\n=========\n\nMissions { #missions }\n---\n\n    ## indented code\n"
    assert found(markdown) == [(5, 1, "Le centre", None), (8, 2, "Missions { #missions }", "missions")]


def test_sections_cut_at_every_heading_with_an_id(tmp_path):
    read = page(tmp_path, "---\ntitle: a\n---\n\nIntro\n\n# Le centre { #centre }\n\nTexte\n\nMissions { #missions }\n---\n\nPlus\n")
    assert [(s.id, s.line) for s in read.sections] == [("centre", 7), ("missions", 11)]
    assert read.sections[0].text.startswith("\nIntro") and read.sections[1].text.endswith("Plus")


NAV = """site_name: x
nav:
  - index.md
  - centre.md
  # The reference pages, in a group.
  - المراجع:
      - sources.md
      - lexicon.md

not_in_nav: |
  /news/
"""


def test_a_new_page_goes_after_the_last_first_level_page_not_into_a_group():
    assert pages.add_to_nav(NAV, "visits") == NAV.replace("  - centre.md\n", "  - centre.md\n  - visits.md\n")


def test_a_new_page_after_a_page_of_a_group_takes_its_indent():
    assert pages.add_to_nav(NAV, "visits", after="sources.md") == NAV.replace(
        "      - sources.md\n", "      - sources.md\n      - visits.md\n")


@pytest.mark.parametrize("config, after, message", [
    (NAV, "missing", "missing: not found in the navigation of mkdocs.yml."),
    ("site_name: x\n", None, "mkdocs.yml has no `nav:` list; add the page to the navigation by hand."),
])
def test_no_place_in_the_nav(config, after, message):
    with pytest.raises(pages.NavError, match=message):
        pages.add_to_nav(config, "visits", after)
