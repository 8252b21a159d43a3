"""The editors' tool, scripts/site.py, on a small copy of the project
(tests/support/editor.py): the pages: their files and languages, news articles, the navigation,
the front matter, official names, raw HTML and images.
Each check stops a broken fixture with the exact `file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.editor import (
    TOOL,
    add_article,
    edit,
    fails_with,
    line,
    run,
)


@pytest.fixture
def with_article(project) -> Path:
    return add_article(project)


# --- Pages and languages ---------------------------------------------------------


def test_missing_translation(project):
    (project / "docs/about.en.md").unlink()
    fails_with(project, "docs/about.md:1: the English translation docs/about.en.md is missing — create it: translate "
                        f"this page, keep its heading ids, then run {TOOL} stamp docs/about.en.md`")


def test_translation_named_differently_from_its_arabic_page(project):
    (project / "docs/about.en.md").rename(project / "docs/abuot.en.md")
    fails_with(project,
               "docs/abuot.en.md:1: there is no Arabic page docs/abuot.md, so this English translation is never "
               "shown — rename it docs/about.en.md, after its Arabic page",
               "docs/about.md:1: the English translation docs/about.en.md is missing — create it: translate "
               f"this page, keep its heading ids, then run {TOOL} stamp docs/about.en.md`")


def test_translation_with_a_capital_letter(project):
    (project / "docs/about.fr.md").rename(project / "docs/About.fr.md")
    fails_with(project, "docs/About.fr.md:1: the site cannot tell which page and language this file is, so it is "
                        "never shown as a translation — rename it docs/about.fr.md")


def test_page_in_a_sub_folder(project):
    (project / "docs/visits").mkdir()
    shutil.copy(project / "docs/about.md", project / "docs/visits/visit.md")
    fails_with(project, "docs/visits/visit.md:1: pages live directly in docs/ (news articles in docs/news/), not in "
                        "another sub-folder — move it to docs/visit.md")


def test_a_news_article_needs_no_menu_entry(with_article):
    result = run(with_article, "check")
    assert result.returncode == 0, result.stdout


def test_a_news_article_without_a_date_or_a_source(with_article):
    edit(with_article / "docs/news/2025-12-10-test.md", "date: 2025-12-10\nsources: [delegation-visit-statement]\n", "")
    fails_with(with_article,
               "docs/news/2025-12-10-test.md:1: a news article needs the date of the event, `date: YYYY-MM-DD` — "
               "add it to the front matter",
               "docs/news/2025-12-10-test.md:1: a news article needs at least one source, `sources: [source-id]` "
               "with ids from docs/data/sources.yml — add the source first if it is not there")


def test_a_news_translation_with_its_own_date(with_article):
    edit(with_article / "docs/news/2025-12-10-test.fr.md", "title:", "date: 2025-12-11\ntitle:")
    fails_with(with_article,
               "docs/news/2025-12-10-test.fr.md:2: `date:` belongs in the Arabic article only "
               "(news/2025-12-10-test.md); the translations take it from there — remove it")


def test_page_missing_from_the_navigation(project):
    edit(project / "mkdocs.yml", "  - about.md\n", "  - abuot.md\n")
    fails_with(project,
               "docs/about.md:1: this page is not in the navigation — add the line `  - about.md` under `nav:` in "
               "mkdocs.yml, where it should appear in the menu",
               f"mkdocs.yml:{line(project / 'mkdocs.yml', '- abuot.md')}: the navigation lists abuot.md, which is not "
               "a page in docs/ — fix the name or remove the line")


# --- Front matter --------------------------------------------------------------------


def test_front_matter_that_is_not_valid_yaml(project):
    edit(project / "docs/about.fr.md", "title: Le centre en bref, page d'essai", "title: Le centre: en bref")
    fails_with(project, "docs/about.fr.md:2: the front matter (between the --- lines) is not valid YAML (mapping "
                        "values are not allowed here) — check the indentation, and put a value that contains «: » "
                        "or « #» in quotes")


def test_front_matter_without_description(project):
    page = project / "docs/index.en.md"
    edit(page, "description: A test page for the editors' tools, with a paragraph, two headings and a link to "
               "another page.\n", "")
    fails_with(project, "docs/index.en.md:1: the front matter has no `description:` — add one in English")


def test_front_matter_with_a_misspelt_field(project):
    edit(project / "docs/index.fr.md", "title:", "sourcse: [founding-agreement]\ntitle:")
    fails_with(project, "docs/index.fr.md:2: unknown front matter field `sourcse` — did you mean `sources`?")


def test_description_too_short_or_in_another_language(project):
    edit(project / "docs/about.en.md", "description: A second test page, which a link on the home page points to.",
         "description: صفحة ثانية")
    fails_with(project,
               "docs/about.en.md:3: the description is not in English — write it in the page's language",
               "docs/about.en.md:3: the description has 10 characters — search engines show it under the title: "
               "write a sentence of more than 40 characters about this page")


# --- Official names ---------------------------------------------------------------------


@pytest.mark.parametrize("page, written, official, institution", [
    ("index.fr.md", "Délégation Générale de l'Administration Pénitentiaire",
     "Délégation générale à l'administration pénitentiaire et à la réinsertion", "dgapr"),
    ("index.fr.md", "Fondation Mohammed VI pour la Réinsertion des Détenus",
     "Fondation Mohammed VI pour la réinsertion des détenus", "foundation"),
    ("index.fr.md", "Conseil National des Droits de l'Homme", "Conseil national des droits de l'Homme", "cndh"),
    ("index.en.md", "National Council for Human Rights", "National Human Rights Council", "cndh"),
    ("index.md", "المندوبية العامة لإدارة السجون", "المندوبية العامة لإدارة السجون وإعادة الإدماج", "dgapr"),
])
def test_institution_name_not_in_its_official_form(project, page, written, official, institution):
    path = project / "docs" / page
    edit(path, "\n## ", f"\nAvec la {written}.\n\n## ")
    language = {"index.fr.md": "French", "index.en.md": "English", "index.md": "Arabic"}[page]
    fails_with(project, f"docs/{page}:{line(path, 'Avec la ' + written)}: «{written}» is not the official {language} name of this "
                        f"institution — write «{official}», or {{{{ institutions.{institution}.name }}}}")


@pytest.mark.parametrize("written", [
    "la Fondation Mohammed VI pour la promotion des œuvres sociales des préposés religieux",  # another foundation
    "la ministre de l'Économie et des Finances",  # a title, not the ministry
    "la Rabita Mohammadia",  # a short form
    "le Conseil national des droits de l'Homme (CNDH)",
])
def test_other_names_are_not_mistaken_for_an_institution(project, written):
    edit(project / "docs/about.fr.md", "Un court texte", f"Selon {written}, un court texte")
    assert run(project, "stamp", "docs/about.fr.md").returncode == 0
    result = run(project, "check", "--no-build")
    assert result.returncode == 0, result.stdout


# --- Raw HTML and images -------------------------------------------------------------------


@pytest.mark.parametrize("html, message", [
    ("<script>alert(1)</script>", "raw HTML <script> is refused: it runs code in readers' browsers — remove it "
                                  "(ask the site's developers if the page really needs it)"),
    ('<iframe src="https://example.org/"></iframe>', "raw HTML <iframe> is refused: it loads another site inside "
                                                     "the page — remove it (ask the site's developers if the page really needs it)"),
    ('<span onmouseover="steal()">survol</span>', "the attribute onmouseover= runs code in readers' browsers — "
                                                  "remove it"),
    ("[cliquer](javascript:alert(1))", "the address «javascript:alert(1)» is a javascript: address: it runs code in "
                                       "readers' browsers — link to a page of the site or to a web address (https://…)"),
    ("![Le logo](https://example.org/logo.png)", "the image https://example.org/logo.png comes from another host, "
                                                 "which would learn who reads the site and could change the image — "
                                                 "put the file in docs/assets/images/ and link it from there"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', "raw HTML <link> is refused: it loads a file, "
                                                                 "possibly from another host — remove it (ask the "
                                                                 "site's developers if the page really needs it)"),
])
def test_unsafe_html_is_refused_with_the_reason(project, html, message):
    page = project / "docs/about.fr.md"
    edit(page, "Un court texte", f"{html}\n\nUn court texte")
    fails_with(project, f"docs/about.fr.md:{line(page, html)}: {message}")


def test_image_without_alternative_text(project):
    page = project / "docs/about.en.md"
    edit(page, "A short text", "![](assets/images/favicon.svg)\n\nA short text")
    fails_with(project, f"docs/about.en.md:{line(page, 'favicon')}: the image assets/images/favicon.svg has no "
                        "alternative text for readers who cannot see it — describe it between the brackets: "
                        "![what the image shows](assets/images/favicon.svg)")


def test_image_heavier_than_the_limit(project):
    (project / "docs/assets/images/photo.jpg").write_bytes(b"\xff" * 300 * 1024)
    fails_with(project, "docs/assets/images/photo.jpg:1: this file weighs 300 KB, more than the 200 KB limit for a "
                        ".jpg file — make it smaller before adding it (a photo: 1600 pixels wide at most, JPEG or WebP at quality 80)")


def test_eastern_arabic_digits(project):
    page = project / "docs/about.md"
    edit(page, "نص قصير", "نص قصير من ٣ أسطر")
    fails_with(project, f"docs/about.md:{line(page, '٣')}: the digit ٣ (U+0663 ARABIC-INDIC DIGIT THREE) is not one "
                        "of 0-9: the checks of figures and the readers' search would miss the number — write it 3: "
                        "the site writes 0-9 in every language, as Moroccan texts do")
