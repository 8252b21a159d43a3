"""Every page's versions in the other languages: absolute `hreflang`
alternates (with `x-default`), the sitemaps that list them, and the 404
page of each language.

- The alternates go to the templates (`alternates`, `x_default`,
  `canonical`), with absolute addresses: the theme writes relative ones only.
- A sitemap in each language folder: the theme's script fetches
  `<language root>/sitemap.xml`, which would otherwise be a 404.
- `fr/404.html` and `en/404.html` for servers that can choose the error page
  by path (nginx); the root `404.html` serves every language on GitHub Pages.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from selectolax.lexbor import LexborHTMLParser

from moussalaha import languages
from moussalaha.languages import DEFAULT_LANGUAGE, DIRECTIONS


def public_url(site_url: str | None, url: str) -> str:
    """Absolute address of a built file; a folder's index.html is the folder."""
    url = re.sub(r"(^|/)index\.html$", r"\1", url)
    return urljoin(site_url or "/", url)


def links(versions: dict, page_url: str, site_url: str | None, relative_url) -> list[dict]:
    """The page's versions ({lang: file with .url}) in the site's language
    order, each named in its own language, as the templates use them."""
    return [{
        "lang": language.code,
        "name": language.name,
        "href": public_url(site_url, versions[language.code].url),
        "relative": relative_url(versions[language.code].url, page_url),
    } for language in languages.ALL if language.code in versions]


def sitemap(entries) -> str:
    """A sitemap of (address, {lang: address}) entries, with their alternates."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for loc, alternates in entries:
        lines.append(f"  <url>\n    <loc>{escape(loc)}</loc>")
        for lang, href in alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>')
        if DEFAULT_LANGUAGE in alternates:
            default = escape(alternates[DEFAULT_LANGUAGE])
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def language_404(root_404: str, lang: str) -> str:
    """The root 404 page reduced to one language, for servers that pick by path."""
    tree = LexborHTMLParser(root_404)
    html = tree.css_first("html")
    html.attrs["lang"] = lang
    html.attrs["dir"] = DIRECTIONS[lang]
    html.attrs["data-lang"] = lang
    tree.body.attrs["dir"] = DIRECTIONS[lang]
    for block in tree.css("[data-not-found]"):
        if block.attributes.get("lang") != lang:
            block.decompose()
    # The header's name and the skip link, held in the three languages.
    for block in tree.css("[data-only-lang]"):
        if block.attributes.get("data-only-lang") != lang:
            block.decompose()
    title = tree.css_first("title")
    for text in list(title.iter(include_text=True)):
        text.remove()
    title.insert_child(tree.css_first(f"[data-not-found][lang={lang}] h1").text(strip=True))
    return tree.html
