"""The facts of docs/data/ rendered into a page, in its language.

A page writes `{{ agreement.date | day }}` or includes a component such as
`{% include "signatories.html" %}` (from overrides/components/) instead of
retyping a name, a date or a figure, so that the three languages cannot
disagree. A page's front matter lists the `sources:` its facts come from;
they are printed at its end, each linked to its entry on the sources page.
"""

from __future__ import annotations

import traceback
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from moussalaha import chart, present
from moussalaha.data import SiteData
from moussalaha.languages import DIRECTIONS, LANGUAGES
from moussalaha.pages import PAGE_FIELDS, REQUIRED_FIELDS, file_line
from moussalaha.problems import Problem, Problems


@lru_cache(maxsize=None)
def jinja_environment(lang: str, components: Path) -> jinja2.Environment:
    """The environment of pages and components (overrides/components/) in `lang`;
    one per language, so that each component is compiled once (Jinja reloads
    a component whose file changed, under `make serve`)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(components),
        undefined=jinja2.StrictUndefined,
        # Components are HTML and escape their text; page Markdown is not HTML.
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
        keep_trailing_newline=True,
    )
    env.filters["day"] = lambda day: present.format_day(day, lang)
    env.filters["month"] = lambda day: present.format_month(day, lang)
    env.globals["milestone_date"] = lambda m: present.milestone_date(m, lang)
    env.filters["ordinal"] = lambda number: Markup(present.ordinal(number, lang))
    env.globals["milestone_event"] = lambda m, ui: Markup(present.milestone_event(m, ui, lang))
    env.globals["chart_geometry"] = lambda milestones: chart.geometry(milestones, rtl=DIRECTIONS[lang] == "rtl")
    return env


@lru_cache(maxsize=256)
def page_template(markdown: str, lang: str, components: Path) -> jinja2.Template:
    """A page's Markdown as a template, compiled once while it is unchanged
    (the preview rebuilds every page of the three languages on each save)."""
    return jinja_environment(lang, components).from_string(markdown)


def template_line(error: jinja2.TemplateError) -> int:
    """The page line an error is on: syntax errors carry it, render errors
    only in their traceback (the frame of the page's template)."""
    if getattr(error, "lineno", None):
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else 1


def check_front_matter(meta: dict, where: str, data: SiteData) -> None:
    """Refuse unknown fields, missing required ones and unknown source ids."""
    unknown = sorted(set(meta) - PAGE_FIELDS)
    if unknown:
        raise Problems([Problem(where, 1, f"unknown front matter field(s) {', '.join(unknown)}; "
                                          f"allowed: {', '.join(sorted(PAGE_FIELDS))}.")])
    for field in REQUIRED_FIELDS:
        if not meta.get(field):
            raise Problems([Problem(where, 1, f"the front matter needs a `{field}:` in the page's language.")])
    missing = [s for s in meta.get("sources") or [] if s not in data.source_ids]
    if missing:
        raise Problems([Problem(where, 1, f"`sources:` names unknown source id(s) {', '.join(missing)}; "
                                          "add them to docs/data/sources.yml or fix the spelling.")])


def render_page(markdown: str, meta: dict, lang: str, source: Path, where: str,
                data: SiteData, components: Path) -> str:
    """The page's Markdown with its facts filled in and its sources at the end.
    `where` names the page in messages (docs/centre.md); `source` is its file."""
    check_front_matter(meta, where, data)
    cited = meta.get("sources") or []
    context = data.localised(lang) | {"lang": lang, "page_sources": cited}
    # The lexicon sets the three languages side by side.
    context["all_languages"] = {code: data.localised(code) for code in LANGUAGES}
    env = jinja_environment(lang, components)
    try:
        body = page_template(markdown, lang, components).render(context)
        if cited:
            body += "\n\n" + env.get_template("page-sources.md").render(context) + "\n"
    except jinja2.TemplateError as error:
        line = file_line(source.read_text(encoding="utf-8"), markdown, template_line(error))
        raise Problems([Problem(where, line, f"{error.message}. Names available in pages: "
                                             f"{', '.join(sorted(context))} (see docs/data/).")]) from None
    return body
