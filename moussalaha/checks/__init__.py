"""The editors' checks: every problem as `file:line: what is wrong — how
to fix it`, from the project's folder. `run_checks(root)` runs them all on
the project in `root`, from any directory; the command line is
moussalaha/cli.py (scripts/site.py check). Each check is given the project
(checks/common.py, `Project`) as its first argument: no check reads it from
anywhere else.

First the gate (moussalaha/gate/__init__.py), which the build runs too: links,
stray .html, sizes, SVG, disguising characters, untrusted YAML, the data's
schema, HTML in pages and data. Each page's Jinja is then rendered in the
sandbox as the build renders it (moussalaha/content/render.py), and the result
checked as published (moussalaha/gate/published.py). The other checks run once the gate
finds nothing wrong: they read the files it refuses.
"""

from __future__ import annotations

from pathlib import Path

from moussalaha import gate
from moussalaha.checks.common import Project
from moussalaha.checks.data_checks import (
    check_data_texts,
    check_retyped_figures,
    data_figures,
)
from moussalaha.checks.links import check_build
from moussalaha.checks.markup import check_alt_text
from moussalaha.checks.names import check_names
from moussalaha.checks.page_checks import (
    check_front_matter,
    check_languages,
    check_nav,
    read_config,
    read_pages,
)
from moussalaha.checks.translations import check_translation
from moussalaha.content import news, render, site_markdown
from moussalaha.content.data import FILES, DataError, SiteData
from moussalaha.gate import published
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.languages import LANGUAGES
from moussalaha.output import html, redirects
from moussalaha.problems import Problem, Problems


def check_template(project: Project, page, site_data: SiteData, renderer=None) -> list[Problem]:
    """The page's Jinja rendered in the sandbox, as the build renders it;
    with `renderer` (the site's Markdown), the result made into HTML,
    rewritten and checked as published (moussalaha/gate/published.py), as the
    build checks it."""
    try:
        body = render.render_page(page.body, page.meta, page.lang, page.path, project.relative(page.path), site_data,
                                  project.root / "overrides" / "components", project.docs)
    except Problems as refused:
        return refused.problems
    if renderer is None:
        return []
    article = html.rewrite(renderer.reset().convert(body), page.lang, "https://example.org/page.html")
    return published.check_article(article, project.relative(page.path), page.path.read_text(encoding="utf-8"))


def run_checks(folder: Path, build: bool = True) -> list[Problem]:
    """Every check of the project in `folder`; with `build`, the build's
    links and anchors too, once nothing else is wrong."""
    project = Project(folder)
    config = read_config(project)
    renderer = site_markdown.renderer(project.root)
    # The other checks read the files the gate refuses (a link, a huge file): not before they are fixed.
    refused = gate.check_project(project.root, FILES, render_markdown=lambda text: renderer.reset().convert(text))
    if refused:
        return refused
    pages, problems = read_pages(project)
    problems += check_languages(project, pages) + check_nav(project, config, pages)
    try:
        site_data = SiteData(project.docs / "data")
    except DataError as error:
        site_data = None
        problems += error.problems
    figures = {}
    if site_data:
        problems += check_data_texts(site_data) + redirects.problems(project.docs, site_data)
        figures = data_figures(site_data)
    descriptions: dict = {}
    for (name, lang), page in sorted(pages.items(), key=lambda item: (item[0][0], LANGUAGES.index(item[0][1]))):
        found = check_front_matter(project, page, descriptions) + check_alt_text(project, page, renderer)
        if news.is_article(name) and not page.meta_error:
            known = site_data.source_ids if site_data else set(page.meta.get("sources") or ())
            found += [project.problem(page.path, line, message) for line, message in news.problems(page, lang, known)]
        if site_data:
            found += check_names(project, page, site_data.institutions)
            # A news article reports the figures of its day, as its sources
            # gave them; its numbers (days, editions) are not the data's.
            if not news.is_article(name):
                found += check_retyped_figures(project, page, figures)
            if not found:
                found += check_template(project, page, site_data, renderer)
        problems += found
        if lang != DEFAULT and (name, DEFAULT) in pages and not page.meta_error:
            problems += check_translation(project, page, pages[name, DEFAULT])
    problems = sorted(set(problems))
    # The build repeats some of these checks with vaguer messages: run it
    # once the editor's own mistakes are fixed.
    if build and not problems:
        problems = check_build(project, pages)
    return problems
