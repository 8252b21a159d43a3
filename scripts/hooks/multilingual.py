"""MkDocs hook: what a trilingual, Arabic-first site needs beyond the stock setup.

- `<html lang dir>`: the theme puts `dir` on `<body>` only; screen readers,
  browsers' translation and the 404 page need it on `<html>` (the pages'
  get it with the rest of their finish, in reading.py).
- Every heading carries an explicit `{ #id }`, identical in the three
  languages, so that links survive translation (never `_1`, `_2`).
- `hreflang` alternates with absolute addresses, plus `x-default`, given to
  the templates as `alternates`; each page is recorded for the sitemaps and
  the search index (moussalaha/build.py writes them once every language is built).
- Only the Arabic build writes the root 404.html.

The logic lives in moussalaha/ (alternates.py, pages.py, html.py, build.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from moussalaha import alternates, build, html, languages
from moussalaha.pages import file_line, headings
from moussalaha.problems import SiteError


def on_config(config):
    """Only the Arabic build writes the root 404.html (the others would overwrite it)."""
    plugin = config.plugins.get("i18n")
    templates = config.theme.static_templates
    if plugin is not None and plugin.current_language not in (None, languages.DEFAULT_LANGUAGE):
        templates.discard("404.html")
    else:
        templates.add("404.html")
    return config


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Refuse a heading without an explicit id: the build names the line."""
    for heading in headings(markdown):
        if heading.id is None:
            source_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
            raise PluginError(
                f"docs/{page.file.src_uri}:{file_line(source_text, markdown, heading.line)}: the heading «{heading.text}» has no id. "
                "End it with an id in lowercase Latin letters, the same in the three languages, "
                "for example: ## Missions { #missions }"
            )
    return markdown


def on_page_context(context, page, config, nav):
    lang = languages.of_page(page)
    versions = getattr(page.file, "alternates", {}) or {lang: page.file}
    links = alternates.links(versions, page.file.url, config.site_url, get_relative_url)
    context["alternates"] = links
    context["x_default"] = next((link["href"] for link in links if link["lang"] == languages.DEFAULT_LANGUAGE), None)
    context["canonical"] = alternates.public_url(config.site_url, page.file.url)
    build.record(lang, page.file.url, page.file.dest_uri, {link["lang"]: link["href"] for link in links})
    return context


def on_post_template(output: str, template_name: str, config) -> str:
    # The root 404 page, Arabic, holding the three languages' texts (each
    # language's own is cut from it once the build ends: alternates.py).
    if template_name == "404.html":
        try:
            return html.finish_page(output, "overrides/404.html")
        except SiteError as error:
            raise PluginError(str(error)) from None
    return output
