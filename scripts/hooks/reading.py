"""MkDocs hook: what the content of a page needs to read right in its language,
on screen, aloud and on paper (moussalaha/html.py): foreign words isolated
and marked, number ranges kept in order, links' addresses for print, French
no-break spaces. The article is rewritten (on_page_content); the theme's
header, navigation and footer only get the French spaces (on_post_page).
"""

from __future__ import annotations

from urllib.parse import urljoin

from moussalaha import html, languages


def on_page_content(content: str, page, config, files) -> str:
    return html.rewrite(content, languages.of_page(page), urljoin(config.site_url or "/", page.file.url))


def on_post_page(output: str, page, config) -> str:
    if languages.of_page(page) == "fr":
        return html.french_spaces(output)
    return output
