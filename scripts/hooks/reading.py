"""MkDocs hook: what a page needs to read right in its language, on screen,
aloud and on paper (moussalaha/html.py). The article (on_page_content):
foreign words isolated and marked, number ranges kept in order, links'
addresses for print; then what the article publishes is checked as
published (moussalaha/published.py). The whole page the theme wrote
(on_post_page): checked for what no layout carries, then `dir`
on `<html>`, Arabic menu labels marked in French and English pages, French
no-break spaces.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError

from moussalaha import html, languages, published
from moussalaha.problems import SiteError


def on_page_content(content: str, page, config, files) -> str:
    content = html.rewrite(content, languages.of_page(page), urljoin(config.site_url or "/", page.file.url))
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace")
    problems = published.check_article(content, f"docs/{page.file.src_uri}", source)
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    return content


def on_post_page(output: str, page, config) -> str:
    where = f"docs/{page.file.src_uri}"
    problems = published.check_page(output, where)
    if problems:
        raise PluginError("\n".join(map(str, problems)))
    try:
        return html.finish_page(output, where)
    except SiteError as error:
        raise PluginError(str(error)) from None
