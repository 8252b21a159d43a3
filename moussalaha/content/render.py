"""The facts of docs/data/ rendered into a page, in its language.

A page writes `{{ agreement.date | day }}` or includes a component such as
`{% include "signatories.html" %}` (from overrides/components/) instead of
retyping a name, a date or a figure, so that the three languages cannot
disagree. A page's front matter lists the `sources:` its facts come from;
they are printed at its end, each linked to its entry on the sources page.

Anyone can open a pull request that changes a page, so its Jinja runs in
the sandbox (moussalaha/gate/sandbox.py): only the site's data, filters and
components, bounded work, and everything it prints escaped.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from moussalaha import languages
from moussalaha.content import chart, downloads, news, present
from moussalaha.content.data import SiteData
from moussalaha.content.pages import file_line, front_matter_problems, read_page
from moussalaha.gate import bounds, sandbox
from moussalaha.languages import LANGUAGES, folder
from moussalaha.problems import Problem, Problems

# The components' compiled code, shared by the three languages' sandboxes,
# which are made alike (the same filters and globals by name, the same
# escaping): each component is compiled once, not once per language. The
# build has its own (moussalaha/build.py); this one serves the editors'
# tool and the tests. The gate's sandbox, made without these filters,
# compiles its own.
_COMPONENTS_COMPILED = sandbox.CompiledTemplates()


def jinja_environment(lang: str, components: Path,
                      compiled: sandbox.CompiledTemplates = _COMPONENTS_COMPILED) -> sandbox.PageSandbox:
    """The sandbox of pages and components (overrides/components/) in
    `lang`, sharing `compiled` with the other languages'."""
    env = sandbox.environment(
        components,
        filters={"day": lambda day: present.format_day(day, lang),
                 "month": lambda day: present.format_month(day, lang),
                 "ordinal": lambda number: Markup(present.ordinal(number, lang)),
                 "fill": sandbox.bounded_filter("fill", present.fill)},
        globals={"milestone_date": lambda m: present.milestone_date(m, lang),
                 "milestone_event": lambda m, ui: Markup(present.milestone_event(m, ui, lang)),
                 "chart_geometry": lambda milestones: chart.geometry(milestones, rtl=languages.get(lang).rtl),
                 # The languages' records (languages.py), in order and by code.
                 "site_languages": languages.ALL, "site_language": languages.BY_CODE})
    env.bytecode_cache = compiled
    return env


def render_page(markdown: str, meta: dict, lang: str, source: Path, where: str,
                data: SiteData, components: Path, docs: Path, *, articles: list | None = None,
                env: sandbox.PageSandbox | None = None) -> str:
    """The page's Markdown with its facts filled in and its sources at the end.
    `where` names the page in messages (docs/centre.md); `source` is its file,
    in `docs`. A news article (docs/news/) gets its date and lead under its
    title, and the sources of its Arabic file. The build gives the news
    (`articles`) and the sandbox (`env`) it keeps; without them, both are
    made here."""
    # The rules of every page's front matter, as the editors' tool gives them.
    page = read_page(source)
    found = front_matter_problems(page, data.source_ids)
    if found:
        raise Problems([Problem(where, line, message) for line, message in found])
    cited = meta.get("sources") or []
    src_uri = source.relative_to(docs).as_posix()
    articles = news.collect(docs, lang) if articles is None else list(articles)
    article = None
    if news.is_article(src_uri):
        found = news.problems(page, lang, data.source_ids)
        if found:
            raise Problems([Problem(where, line, message) for line, message in found])
        article = news.find(articles, docs, news.slug_of(src_uri), lang)
        cited = list(article.sources)
    site_root = "../" * (folder(lang) + src_uri).count("/")
    context = data.localised(lang) | {
        "lang": lang, "page_sources": data.current_ids(cited), "article": article,
        "news": articles, "news_years": news.by_year(articles),
        # Links from a page in a sub-folder (news/) back to the top pages.
        "root": "../" * src_uri.count("/"),
        # The site's root from this page's folder (../ from a French page),
        # for the files the build writes there: the feeds, the programme's
        # figures as CSV and JSON.
        "site_root": site_root,
        "open_data": downloads.links(lang, site_root),
        # The lexicon sets the three languages side by side.
        "all_languages": {code: data.localised(code) for code in LANGUAGES},
    }
    env = env or jinja_environment(lang, components)
    try:
        body = sandbox.render(env, markdown, context)
        if article:
            # The date and the lead under the article's title.
            header = sandbox.render(env, '{% include "news-article.md" %}', context)
            body = re.sub(r"^# .*$", lambda title: f"{title.group()}\n\n{header}\n", body, count=1, flags=re.MULTILINE)
        if cited:
            body += "\n\n" + sandbox.render(env, '{% include "page-sources.md" %}', context) + "\n"
    except jinja2.TemplateError as error:
        found = sandbox.problem(error, where, names=sorted(context))
        line = file_line(source.read_text(encoding="utf-8"), markdown, found.line)
        raise Problems([Problem(where, line, found.message, found.fix)]) from None
    # What the template made, before Markdown reads it (moussalaha/gate/bounds.py).
    too_costly = bounds.problems(body, where, as_rendered=True)
    if too_costly:
        text = source.read_text(encoding="utf-8")
        raise Problems([Problem(where, file_line(text, markdown, p.line), p.message, p.fix) for p in too_costly])
    return body
