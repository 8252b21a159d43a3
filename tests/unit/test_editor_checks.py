"""The editors' tool, scripts/site.py: every check stops a broken fixture with
the exact `file:line: what is wrong — how to fix it`, the real site passes
them all, and an editor's whole path (new page, translation, change) works.

The fixture is a small copy of the project: the real scripts, templates and
data, and two short pages in the three languages, stamped as translated.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, build_site
from tests.support.browser import screenshot
from moussalaha import cli
from moussalaha import pages as sitepages
from tests.support.static_server import serve

TOOL = "`.venv/bin/python scripts/site.py"

PAGES = {
    "index.md": """---
title: صفحة تجريبية لأدوات المحررين
description: صفحة تجريبية لاختبار أدوات المحررين، فيها فقرة وعنوانان فرعيان ورابط إلى صفحة أخرى.
---

# مركز مصالحة { #home }

أُحدث المركز في {{ agreement.date | day }} بشراكة بين 5 مؤسسات، منها المندوبية العامة لإدارة السجون وإعادة الإدماج.

## المهام { #missions }

يتدخل المركز على 3 مستويات. [نبذة عن المركز](about.md#creation)
""",
    "index.fr.md": """---
title: Une page d'essai des outils des éditeurs
description: Une page d'essai des outils des éditeurs, avec un paragraphe, deux intertitres et un lien vers une autre page.
---

# Centre Moussalaha { #home }

Le centre a été créé le {{ agreement.date | day }} par 5 institutions, dont la Délégation générale à l'administration pénitentiaire et à la réinsertion.

## Missions { #missions }

Le centre intervient à 3 niveaux. [À propos du centre](about.md#creation)
""",
    "index.en.md": """---
title: A test page for the editors' tools
description: A test page for the editors' tools, with a paragraph, two headings and a link to another page.
---

# Moussalaha Centre { #home }

The centre was created on {{ agreement.date | day }} by 5 institutions, among them the General Delegation for Prison Administration and Reintegration.

## Missions { #missions }

The centre works at 3 levels. [About the centre](about.md#creation)
""",
    "about.md": """---
title: نبذة تجريبية عن المركز
description: صفحة ثانية للاختبار، يُربط إليها من الصفحة الرئيسية ومن عنوانها الفرعي.
---

# نبذة { #about }

## النشأة { #creation }

نص قصير عن نشأة المركز.
""",
    "about.fr.md": """---
title: Le centre en bref, page d'essai
description: Une seconde page d'essai, vers laquelle pointe un lien de la page d'accueil.
---

# En bref { #about }

## Création { #creation }

Un court texte sur la création du centre.
""",
    "about.en.md": """---
title: The centre in brief, a test page
description: A second test page, which a link on the home page points to.
---

# In brief { #about }

## Creation { #creation }

A short text on how the centre was created.
""",
}


def run(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The editors' tool run on `project`, in this process, as scripts/site.py runs it."""
    env = {"NO_MKDOCS_2_WARNING": "1", "GITHUB_ACTIONS": "", **env}
    saved_env = {name: os.environ.get(name) for name in env}
    saved_cwd = os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    os.environ.update(env)
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(list(args))
            except SystemExit as stop:  # --help
                code = stop.code or 0
    finally:
        os.chdir(saved_cwd)
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["site.py", *args], code, out.getvalue(), err.getvalue())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def fails_with(project: Path, *messages: str, args=("check",)) -> str:
    result = run(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    printed = result.stdout.splitlines()
    for message in messages:
        assert message in printed, f"{message}\nnot among:\n{result.stdout}"
    return result.stdout


@pytest.fixture
def project(tmp_path) -> Path:
    copy = tmp_path / "project"
    for name in ("overrides", "scripts", "docs/data", "docs/assets"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^nav:\n(?:[ \t]+- .*\n|[ \t]*#.*\n)*", "nav:\n  - index.md\n  - about.md\n", config)
    assert count == 1
    (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The previous site's addresses lead to pages this copy does not have.
    (copy / "docs/data/redirects.yml").write_text("redirects: []\n", encoding="utf-8")
    for name, text in PAGES.items():
        (copy / "docs" / name).write_text(text, encoding="utf-8")
    for name in ("index", "about"):  # as `site.py stamp` does, without starting it each time
        source = sitepages.read_page(copy / "docs" / f"{name}.md")
        for lang in ("fr", "en"):
            path = copy / "docs" / f"{name}.{lang}.md"
            path.write_text(sitepages.with_stamp(sitepages.read_page(path), source), encoding="utf-8")
    return copy


def test_the_unbroken_fixture_passes(project):
    result = run(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "Every check passed. The site builds."


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


ARTICLE = {
    "": """---
title: خبر تجريبي
description: خبر تجريبي لاختبار أدوات المحررين، بتاريخه ومصدره.
date: 2025-12-10
sources: [delegation-visit-statement]
---

# خبر تجريبي { #article }

نص الخبر.
""",
    ".fr": """---
title: Une actualité d'essai
description: Une actualité d'essai pour les outils des éditeurs, avec sa date et sa source.
---

# Une actualité d'essai { #article }

Le texte.
""",
    ".en": """---
title: A test news item
description: A test news item for the editors' tools, with its date and its source.
---

# A test news item { #article }

The text.
""",
}


@pytest.fixture
def with_article(project):
    # An article's sources link to the sources page.
    for suffix in ARTICLE:
        shutil.copy(ROOT / f"docs/sources{suffix}.md", project / f"docs/sources{suffix}.md")
    edit(project / "mkdocs.yml", "  - about.md\n", "  - about.md\n  - sources.md\n")
    (project / "docs/news").mkdir()
    for suffix, text in ARTICLE.items():
        (project / f"docs/news/2025-12-10-test{suffix}.md").write_text(text, encoding="utf-8")
    assert run(project, "stamp", "docs/news/2025-12-10-test.md").returncode == 0
    return project


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


# --- Links and anchors, in every language -----------------------------------------------


def test_broken_link(project):
    page = project / "docs/index.fr.md"
    edit(page, "](about.md#creation)", "](abuot.md)")
    fails_with(project, f"docs/index.fr.md:{line(page, 'abuot.md')}: the link abuot.md points to a page that does "
                        "not exist — did you mean about.md? (link to the Arabic file name, NAME.md, from every language)")


def test_missing_anchor(project):
    page = project / "docs/index.en.md"
    edit(page, "](about.md#creation)", "](about.md#founding)")
    fails_with(project, f"docs/index.en.md:{line(page, '#founding')}: the link about.md#founding points to #founding, "
                        "which docs/about.en.md does not have — use one of its heading ids: about, creation")


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


# --- Output for GitHub, help ------------------------------------------------------------------


def test_github_annotations_on_the_pull_request_lines(project):
    (project / "docs/about.en.md").unlink()
    result = run(project, "check", GITHUB_ACTIONS="true")
    assert result.returncode == 1
    assert ("::error file=docs/about.md,line=1,title=site check::the English translation docs/about.en.md is "
            "missing — create it: translate this page, keep its heading ids, then run "
            f"{TOOL} stamp docs/about.en.md`") in result.stdout.splitlines()


@pytest.mark.parametrize("command", ["check", "status", "new-page", "new-news", "stamp"])
def test_every_command_explains_itself(project, command):
    result = run(project, command, "--help")
    assert result.returncode == 0 and "usage: site.py" in result.stdout


@pytest.mark.parametrize("name", ["404", "index", "assets", "data", "search", "fr", "pagefind", "sitemap"])
def test_new_page_refuses_the_site_own_names(project, name):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = run(project, "new-page", name)
    assert result.returncode == 1 and "taken by the site itself" in result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config


def test_new_page_writes_its_front_matter_as_yaml(project):
    title = "الزيارات: «وفود» # 2025 {name} '\""
    assert run(project, "new-page", "visits", "--title", title).returncode == 0
    page = sitepages.read_page(project / "docs" / "visits.md")
    assert page.meta["title"] == title and set(page.meta) == {"title", "description"}
    assert f"# {title} {{ #visits }}" in page.text
    result = run(project, "new-page", "tours", "--title", "x\ntemplate: ../../etc/passwd")
    assert result.returncode == 1 and "one line" in result.stderr
    assert not (project / "docs" / "tours.md").exists()


# --- The real site and an editor's whole path ---------------------------------------------------


def test_the_editors_command_runs_from_anywhere(tmp_path):
    """scripts/site.py, the command editors type, works on its own project wherever it is started."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "site.py"), "status"], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "| index | present |" in result.stdout


def test_the_real_site_passes_every_check(site):
    """Every check but the build's; the `site` fixture is the same strict build."""
    result = run(ROOT, "check", "--no-build")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_editors_whole_path(project):
    docs = project / "docs"
    created = run(project, "new-page", "visits", "--title", "الزيارات", "--after", "index")
    assert created.returncode == 0, created.stderr
    assert "  - index.md\n  - visits.md\n  - about.md\n" in (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert all((docs / f"visits{suffix}.md").exists() for suffix in ("", ".fr", ".en"))
    fails_with(project, f"docs/visits.md:{line(docs / 'visits.md', '✎')}: this line still has a ✎ placeholder left "
                        "by new-page — replace it with the page's own words")

    # The editor writes the Arabic page.
    (docs / "visits.md").write_text("""---
title: الزيارات
description: الوفود التي زارت مركز مصالحة للاطلاع على برامجه في إعادة التأهيل والإدماج.
---

# الزيارات { #visits }

## الوفود الأجنبية { #delegations }

زار المركز وفد من 3 دول.
""", encoding="utf-8")
    for lang in ("fr", "en"):
        fails_with(project, f"docs/visits.{lang}.md:1: this page is not yet marked as a translation of docs/visits.md "
                            "— translate that page here (or check that this page says the same), then run "
                            f"{TOOL} stamp docs/visits.{lang}.md`")

    # The translators translate it and stamp their pages.
    (docs / "visits.fr.md").write_text("""---
title: Les visites
description: Les délégations venues au Centre Moussalaha découvrir ses programmes de réhabilitation et de réinsertion.
---

# Les visites { #visits }

## Délégations étrangères { #delegations }

Une délégation de 3 pays a visité le centre.
""", encoding="utf-8")
    (docs / "visits.en.md").write_text("""---
title: Visits
description: The delegations that visited the Moussalaha Centre to learn about its rehabilitation programmes.
---

# Visits { #visits }

## Foreign delegations { #delegations }

A delegation from 3 countries visited the centre.
""", encoding="utf-8")
    assert run(project, "stamp", "docs/visits.fr.md", "docs/visits.en.md").returncode == 0
    assert "translated_from:\n  visits: " in (docs / "visits.fr.md").read_text(encoding="utf-8")
    passed = run(project, "check")
    assert passed.returncode == 0, passed.stdout

    # The editor changes the Arabic: both translations are reported out of date.
    edit(docs / "visits.md", "وفد من 3 دول", "وفد من 4 دول")
    for lang in ("fr", "en"):
        fails_with(project, f"docs/visits.{lang}.md:{line(docs / f'visits.{lang}.md', '{ #delegations }')}: out of "
                            "date: the Arabic page changed its section «delegations» (docs/visits.md:"
                            f"{line(docs / 'visits.md', '{ #delegations }')}) — update this translation of it, then "
                            f"run {TOOL} stamp docs/visits.{lang}.md`")
    status = run(project, "status")
    assert "| visits | present | outdated: delegations | outdated: delegations |" in status.stdout.splitlines()


def test_status_says_since_which_change(project):
    def git(*args):
        return subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args],
                              cwd=project, check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "Pages translated")
    edit(project / "docs/about.md", "نص قصير", "نص موجز")
    git("commit", "-qam", "A shorter sentence")
    commit, date = git("log", "-1", "--format=%h %as").split()
    edit(project / "docs/index.md", "يتدخل المركز", "يعمل المركز")  # not committed yet
    status = run(project, "status").stdout.splitlines()
    since = f"outdated: creation (since {commit} of {date})"
    assert f"| about | present | {since} | {since} |" in status
    since = "outdated: missions (since uncommitted edits)"
    assert f"| index | present | {since} | {since} |" in status


# --- The notices on the built site ---------------------------------------------------------------


def test_notices_on_an_outdated_and_an_untranslated_page(project, tmp_path, desktop):
    from selectolax.lexbor import LexborHTMLParser

    (project / "docs/about.fr.md").unlink()
    edit(project / "docs/index.md", "يتدخل المركز", "يعمل المركز")
    site = tmp_path / "site"
    result = build_site(site, "https://example.org/", project)
    assert result.returncode == 0, result.stderr

    def page(path):
        return LexborHTMLParser((site / path).read_text(encoding="utf-8"))

    fallback = page("fr/about.html")
    notice = fallback.css_first(".mc-translation-notice")
    assert notice.attributes["lang"] == "fr"
    # French typography in the French notice (a no-break space before the colon), not in the Arabic text.
    assert notice.text() == "Cette page n’est pas encore traduite en français\u00a0: en voici la version arabe."
    arabic = fallback.css_first(".mc-untranslated")
    assert (arabic.attributes["lang"], arabic.attributes["dir"]) == ("ar", "rtl")
    assert arabic.css_first("h1").text(strip=True) == "نبذة"

    outdated = page("en/index.html").css_first(".mc-translation-notice")
    assert outdated.text(deep=False).strip() == "This translation may be out of date: the Arabic page has changed since."
    assert outdated.css_first("a").attributes["href"] == "../index.html"

    for fresh in ("index.html", "about.html", "en/about.html"):
        assert page(fresh).css_first(".mc-translation-notice") is None, fresh

    # Its Arabic title in the menu of every French page is marked as Arabic too.
    labels = {n.text(strip=True): n.attributes.get("lang") for n in page("fr/index.html").css(".md-nav .md-ellipsis")}
    assert labels["نبذة تجريبية عن المركز"] == "ar"
    assert labels["Accueil"] is None  # the home page's entry (partials/nav.html)

    # In Chromium, the French page reads its Arabic text right to left, in the Arabic face.
    server, base_url = serve(site, "/")
    try:
        desktop.goto(base_url + "fr/about.html")
        arabic = desktop.locator(".mc-untranslated")
        assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert "Noto Naskh Arabic" in arabic.evaluate("e => getComputedStyle(e).fontFamily")
        assert desktop.locator(".mc-translation-notice").evaluate("e => getComputedStyle(e).direction") == "ltr"
        screenshot(desktop, "untranslated-page-fr")
    finally:
        server.shutdown()


def test_new_news_creates_the_three_files_contributing_describes(project):
    refused = run(project, "new-news", "visit", "--date", "2025-13-01", "--source", "founding-agreement")
    assert refused.returncode == 1 and "--date 2025-13-01: the day of the event" in refused.stderr
    refused = run(project, "new-news", "a visit", "--date", "2025-12-10", "--source", "founding-agreement")
    assert refused.returncode == 1 and "a few English words" in refused.stderr
    refused = run(project, "new-news", "visit", "--date", "2025-12-10", "--source", "no-such-source")
    assert refused.returncode == 1 and "--source no-such-source" in refused.stderr

    title = "وفد قضائي: زيارة {المركز}"
    created = run(project, "new-news", "judicial-visit", "--date", "2025-12-10", "--source", "founding-agreement",
                  "--title", title)
    assert created.returncode == 0, created.stderr
    news = project / "docs/news"
    assert sorted(p.name for p in news.iterdir()) == [
        "2025-12-10-judicial-visit.en.md", "2025-12-10-judicial-visit.fr.md", "2025-12-10-judicial-visit.md"]
    arabic = sitepages.read_page(news / "2025-12-10-judicial-visit.md")
    assert arabic.meta["title"] == title and str(arabic.meta["date"]) == "2025-12-10"
    assert arabic.meta["sources"] == ["founding-agreement"] and f"# {title} {{ #article }}" in arabic.text
    for lang in ("fr", "en"):
        translation = sitepages.read_page(news / f"2025-12-10-judicial-visit.{lang}.md")
        assert set(translation.meta) == {"title", "description"}
        assert "{ #article }" in translation.text
    # The check points at every placeholder left, nothing else but the stamps to come.
    result = run(project, "check", "--no-build")
    problems = [line for line in result.stdout.splitlines() if line.startswith("docs/")]
    assert problems and all("✎" in line or "not yet marked as a translation" in line for line in problems), problems
    again = run(project, "new-news", "judicial-visit", "--date", "2025-12-10", "--source", "founding-agreement")
    assert again.returncode == 1 and "already exists" in again.stderr
