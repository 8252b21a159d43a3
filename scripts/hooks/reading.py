"""MkDocs hook: what a page needs to read right in its language, on screen,
aloud and on paper (moussalaha/html.py). The article (on_page_content):
foreign words isolated and marked, number ranges kept in order, links'
addresses for print. The whole page the theme wrote (on_post_page): `dir`
on `<html>`, Arabic menu labels marked in French and English pages, French
no-break spaces.
"""

from __future__ import annotations

from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from moussalaha import html, languages
from moussalaha.problems import SiteError


def on_page_content(content: str, page, config, files) -> str:
    return html.rewrite(content, languages.of_page(page), urljoin(config.site_url or "/", page.file.url))


def on_post_page(output: str, page, config) -> str:
    try:
        return html.finish_page(output, f"docs/{page.file.src_uri}")
    except SiteError as error:
        raise PluginError(str(error)) from None
