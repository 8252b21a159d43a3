"""The editors' tool, scripts/site.py, on a small copy of the project
(tests/support/editor.py): the data files (docs/data/): schema, ids, figures in the three
languages, and the data's figures typed into a page.
Each check stops a broken fixture with the exact `file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

import re

from tests.support.editor import edit, fails_with, line, run

# --- Data ---------------------------------------------------------------------------------


def test_data_entry_with_a_missing_field(project):
    data = project / "docs/data/institutions.yml"
    edit(data, "      fr: Conseil national des droits de l’Homme\n", "")
    entry = line(data, "المجلس الوطني لحقوق الإنسان") - 1  # the `name:` that lacks its French
    fails_with(project, f"docs/data/institutions.yml:{entry}: `fr:` is missing in institutions[2].name — add a line "
                        "`fr:` with its value (see the other entries of the file)")


def test_data_entry_with_a_wrongly_typed_field(project):
    data = project / "docs/data/agreement.yml"
    edit(data, "date: 2023-11-02", "date: 2 novembre 2023")
    fails_with(project, f"docs/data/agreement.yml:{line(data, 'date: 2 novembre')}: `agreement.date`: «2 novembre "
                        "2023» is not a date as the site writes it — write it as 2025-12-10 (year, month, day), "
                        "without quotes")


def test_figure_written_as_text(project):
    data = project / "docs/data/programme.yml"
    edit(data, "beneficiaries: 239", 'beneficiaries: "239"')
    quoted = line(data, 'beneficiaries: "239"')
    fails_with(project, f"docs/data/programme.yml:{quoted}: `milestones[1].beneficiaries`: «239» is not a number "
                        "written as a number — write the number alone, in digits 0-9, without quotes or spaces, "
                        "such as 412")


def test_id_given_twice_names_the_second(project):
    # The same source entered again at the end of the file.
    data = project / "docs/data/sources.yml"
    text = data.read_text(encoding="utf-8")
    entry = re.search(r"(?m)^  - id: previous-site-delegation-visit\n(?:    .*\n)+", text).group()
    data.write_text(text + entry, encoding="utf-8")
    second = text.count("\n") + 1
    fails_with(project, f"docs/data/sources.yml:{second}: id `previous-site-delegation-visit` is used twice: give each entry its "
                        "own id.")


def test_number_that_differs_between_the_languages_of_a_data_text(project):
    data = project / "docs/data/agreement.yml"
    edit(data, "    ar: الرباط\n    fr: Rabat\n", "    ar: الرباط 3\n    fr: Rabat 4\n")
    arabic, french = line(data, "الرباط 3"), line(data, "Rabat 4")
    fails_with(project,
               f"docs/data/agreement.yml:{french}: the number 4 is in the French text, not in the Arabic (line {arabic}) — "
               "write the same figures in the three languages",
               f"docs/data/agreement.yml:{french}: the Arabic text (line {arabic}) has the number 3, the French text does "
               "not — write it here too, in digits")


def test_figure_that_the_data_holds_typed_in_a_page(project):
    data = project / "docs/data/projects.yml"
    assert "announced: 19\n" in data.read_text(encoding="utf-8")
    page = project / "docs/about.md"
    edit(page, "نص قصير", "نص قصير عن 19 مشروعا")
    fails_with(project, f"docs/about.md:{line(page, '19 مشروعا')}: the number 19 is a figure the data holds "
                        f"(docs/data/projects.yml:{line(data, 'announced: 19')}) — write it from the data with "
                        "{{ … }}, so that the page and the data cannot disagree")


def test_a_decimal_is_not_taken_for_a_figure_of_the_data(project):
    # 1.9 reads as the digits 19, which the data holds (announced: 19); a
    # decimal is a version or a share, never one of the data's whole figures.
    assert "announced: 19\n" in (project / "docs/data/projects.yml").read_text(encoding="utf-8")
    edit(project / "docs/about.md", "نص قصير", "نص قصير (WCAG 1.9)")
    edit(project / "docs/about.fr.md", "Un court texte", "Un court texte (WCAG 1.9)")
    edit(project / "docs/about.en.md", "A short text", "A short text (WCAG 1.9)")
    assert run(project, "stamp", "docs/about.md").returncode == 0
    result = run(project, "check", "--no-build")
    assert result.returncode == 0, result.stdout
