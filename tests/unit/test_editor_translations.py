"""The editors' tool, scripts/site.py, on a small copy of the project
(tests/support/editor.py): the translations: figures and sections against the Arabic page, out
of date once it changes, heading ids.
Each check stops a broken fixture with the exact `file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

from tests.support.editor import TOOL, edit, fails_with, line, run

# --- Translations ---------------------------------------------------------------------


def test_number_that_differs_from_the_arabic_page(project):
    page = project / "docs/index.fr.md"
    edit(page, "à 3 niveaux", "à 4 niveaux")
    fails_with(project,
               f"docs/index.fr.md:{line(page, '4 niveaux')}: the number 4 is not in the Arabic page's section "
               f"«missions» (docs/index.md:{line(project / 'docs/index.md', '{ #missions }')}) — write the figure the "
               "Arabic page gives, or the fact from the data as {{ … }}",
               f"docs/index.fr.md:{line(page, '{ #missions }')}: the Arabic page has the number 3 in this section "
               f"(docs/index.md:{line(project / 'docs/index.md', '3 مستويات')}), this translation does not — write "
               "it here too, in digits")


def test_numbers_written_from_the_data_are_not_compared(project):
    # Only the Arabic page writes the year from the data: nothing to compare.
    edit(project / "docs/index.md", "في {{ agreement.date | day }}", "في {{ agreement.date.year }}")
    edit(project / "docs/index.md", "على 3 مستويات", "على {{ levels | length }} مستويات")
    edit(project / "docs/index.fr.md", "à 3 niveaux", "à {{ levels | length }} niveaux")
    edit(project / "docs/index.en.md", "at 3 levels", "at {{ levels | length }} levels")
    assert run(project, "stamp", "docs/index.md").returncode == 0
    assert run(project, "check", "--no-build").returncode == 0


def test_outdated_translation_names_the_changed_section(project):
    arabic = project / "docs/index.md"
    edit(arabic, "يتدخل المركز", "يعمل المركز")
    section = line(arabic, "{ #missions }")
    for lang in ("fr", "en"):
        here = line(project / f"docs/index.{lang}.md", "{ #missions }")
        fails_with(project, f"docs/index.{lang}.md:{here}: out of date: the Arabic page changed its section "
                            f"«missions» (docs/index.md:{section}) — update this translation of it, then run "
                            f"{TOOL} stamp docs/index.{lang}.md`")
    assert run(project, "stamp", "docs/index.md").returncode == 0
    assert run(project, "check", "--no-build").returncode == 0


def test_marking_up_words_or_rewrapping_does_not_outdate_translations(project):
    arabic = project / "docs/index.md"
    edit(arabic, "يتدخل المركز", '<span lang="ar">يتدخل</span>\nالمركز')
    assert run(project, "check", "--no-build").returncode == 0


def test_heading_id_that_differs_from_the_arabic_page(project):
    page = project / "docs/about.fr.md"
    edit(page, "{ #creation }", "{ #creation-du-centre }")
    fails_with(project,
               f"docs/about.fr.md:{line(page, 'creation-du-centre')}: the heading id «creation-du-centre» is not in "
               "the Arabic page docs/about.md — use the Arabic page's ids: about, creation",
               f"docs/about.fr.md:1: the Arabic section «creation» (docs/about.md:{line(project / 'docs/about.md', '{ #creation }')}) "
               "is not in this translation — translate it, with the heading id { #creation }")
