"""The editors' checks: every problem as `file:line: what is wrong — how
to fix it`, from the project's folder. `run_checks()` runs them all; the
command line is moussalaha/cli.py (scripts/site.py check).
"""

from __future__ import annotations

from moussalaha.checks.common import docs
from moussalaha.checks.data import check_data_texts, check_retyped_figures, data_figures
from moussalaha.checks.links import check_build
from moussalaha.checks.markup import check_html, check_images, markdown_renderer
from moussalaha.checks.names import check_names
from moussalaha.checks.pages import check_front_matter, check_languages, check_nav, read_config, read_pages
from moussalaha.checks.translations import check_translation
from moussalaha.data import DataError, SiteData
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT, LANGUAGES
from moussalaha.problems import Problem


def run_checks(build: bool = True) -> list[Problem]:
    pages, problems = read_pages()
    config = read_config()
    problems += check_languages(pages) + check_nav(config, pages) + check_images()
    try:
        site_data = SiteData(docs() / "data")
    except DataError as error:
        site_data = None
        problems += error.problems
    figures = {}
    if site_data:
        problems += check_data_texts(site_data)
        figures = data_figures(site_data)
    descriptions: dict = {}
    renderer = markdown_renderer(config)
    for (name, lang), page in sorted(pages.items(), key=lambda item: (item[0][0], LANGUAGES.index(item[0][1]))):
        problems += check_front_matter(page, descriptions) + check_html(page, renderer)
        if site_data:
            problems += check_names(page, site_data.institutions) + check_retyped_figures(page, figures)
        if lang != DEFAULT and (name, DEFAULT) in pages and not page.meta_error:
            problems += check_translation(page, pages[name, DEFAULT])
    problems = sorted(set(problems))
    # The build repeats some of these checks with vaguer messages: run it
    # once the editor's own mistakes are fixed.
    if build and not problems:
        problems = check_build(pages)
    return problems
