"""MkDocs hook: render the facts of docs/data/ into every page, in its language.

A page writes `{{ agreement.date | day }}` or includes a component such as
`{% include "signatories.html" %}` (from overrides/components/) instead of
retyping a name, a date or a figure, so that the three languages cannot
disagree. A page's front matter lists the `sources:` its facts come from; they
are printed at its end, each linked to its entry on the sources page.
Listed under `hooks:` in mkdocs.yml; it runs during `mkdocs build` and `serve`.
"""

from __future__ import annotations

import traceback
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

import chart
import sitedata

COMPONENTS = Path(__file__).resolve().parents[2] / "overrides" / "components"
# Front matter fields a page may carry; anything else is a typo.
PAGE_FIELDS = {"title", "description", "sources", "hide", "icon", "status", "template", "translated_from"}
# Fields every page must fill in, in its own language.
REQUIRED_FIELDS = ("title", "description")

_site_data: sitedata.SiteData | None = None
_data_stamp: tuple = ()


def load_site_data() -> sitedata.SiteData:
    """The validated data, read again only when a data file changed (live reload)."""
    global _site_data, _data_stamp
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(sitedata.DATA_DIR.glob("*.y*ml")))
    if _site_data is None or stamp != _data_stamp:
        try:
            _site_data = sitedata.SiteData()
        except sitedata.DataError as error:
            raise PluginError(f"The data files have errors:\n{error}") from None
        _data_stamp = stamp
    return _site_data


def page_language(page) -> str:
    return getattr(page.file, "locale", None) or sitedata.DEFAULT_LANGUAGE


def jinja_environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(COMPONENTS),
        undefined=jinja2.StrictUndefined,
        # Components are HTML and escape their text; page Markdown is not HTML.
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
        keep_trailing_newline=True,
    )
    env.filters["day"] = lambda day: sitedata.format_day(day, lang)
    env.filters["ordinal"] = lambda number: jinja2.utils.markupsafe.Markup(sitedata.ordinal(number, lang))
    env.globals["milestone_event"] = lambda m, ui: jinja2.utils.markupsafe.Markup(
        sitedata.milestone_event(m, ui, lang))
    env.globals["chart_geometry"] = lambda milestones: chart.geometry(
        milestones, rtl=sitedata.DIRECTIONS[lang] == "rtl")
    return env


def template_line(error: jinja2.TemplateError) -> int:
    """The page line an error is on: syntax errors carry it, render errors
    only in their traceback (the frame of the page's template)."""
    if getattr(error, "lineno", None):
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else 1


def on_page_markdown(markdown: str, page, config, files) -> str:
    lang = page_language(page)
    data = load_site_data()
    source_file = page.file.src_uri
    unknown = sorted(set(page.meta) - PAGE_FIELDS)
    if unknown:
        raise PluginError(
            f"docs/{source_file}:1: unknown front matter field(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(PAGE_FIELDS))}."
        )
    for field in REQUIRED_FIELDS:
        if not page.meta.get(field):
            raise PluginError(f"docs/{source_file}:1: the front matter needs a `{field}:` in the page's language.")
    cited = page.meta.get("sources") or []
    missing = [s for s in cited if s not in data.source_ids]
    if missing:
        raise PluginError(
            f"docs/{source_file}:1: `sources:` names unknown source id(s) {', '.join(missing)}; "
            "add them to docs/data/sources.yml or fix the spelling."
        )
    context = data.localised(lang) | {"lang": lang, "page_sources": cited}
    env = jinja_environment(lang)
    try:
        body = env.from_string(markdown).render(context)
        if cited:
            body += "\n\n" + env.get_template("page-sources.md").render(context) + "\n"
    except jinja2.TemplateError as error:
        source_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
        line = sitedata.file_line(source_text, markdown, template_line(error))
        raise PluginError(
            f"docs/{source_file}:{line}: {error.message}. Names available in pages: "
            f"{', '.join(sorted(context))} (see docs/data/)."
        ) from None
    return body


def on_env(env, config, files):
    """The interface words in the three languages, for theme templates (404),
    and the data in each language, for the header and footer (`site_data.fr`)."""
    data = load_site_data()
    env.globals["site_ui"] = data.ui
    env.globals["site_data"] = {lang: data.localised(lang) for lang in sitedata.LANGUAGES}
    return env
