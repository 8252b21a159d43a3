"""MkDocs hook: what a trilingual, Arabic-first site needs beyond the stock setup.

- `<html lang dir>`: the theme puts `dir` on `<body>` only; screen readers,
  browsers' translation and the 404 page need it on `<html>`.
- Every heading carries an explicit `{ #id }`, identical in the three
  languages, so that links survive translation (never `_1`, `_2`).
- `hreflang` alternates with absolute addresses, plus `x-default`, given to
  the templates as `alternates`; the same alternates in `sitemap.xml`.
- A sitemap in each language folder: the theme's script fetches
  `<language root>/sitemap.xml`, which would otherwise be a 404.
- `fr/404.html` and `en/404.html` for servers that can choose the error page
  by path (nginx); the root `404.html` serves every language on GitHub Pages.

Listed under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import sitedata

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([a-z0-9][a-z0-9-]*)[^}]*\}\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")

# Pages seen in the current build, across the three language builds:
# {(lang, url): {lang: url}}; filled by on_page_context, read by on_post_build.
_pages: dict[tuple[str, str], dict[str, str]] = {}


def i18n_plugin(config):
    return config.plugins.get("i18n")


def public_url(config, url: str) -> str:
    """Absolute address of a built file; a folder's index.html is the folder."""
    url = re.sub(r"(^|/)index\.html$", r"\1", url)
    return urljoin(config.site_url or "/", url)


def on_config(config):
    """Only the Arabic build writes the root 404.html (the others would overwrite it)."""
    plugin = i18n_plugin(config)
    templates = config.theme.static_templates
    if plugin is not None and plugin.current_language not in (None, sitedata.DEFAULT_LANGUAGE):
        templates.discard("404.html")
    else:
        templates.add("404.html")
    return config


@event_priority(100)
def on_pre_build(config):
    plugin = i18n_plugin(config)
    if plugin is None or not plugin.building:
        _pages.clear()


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Refuse a heading without an explicit id: the build names the line."""
    in_code = False
    source_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    for number, line in enumerate(markdown.splitlines(), 1):
        if FENCE.match(line):
            in_code = not in_code
        match = None if in_code else HEADING.match(line)
        if match and not EXPLICIT_ID.search(match.group(2)):
            raise PluginError(
                f"docs/{page.file.src_uri}:{sitedata.file_line(source_text, markdown, number)}: the heading «{match.group(2)}» has no id. "
                "End it with an id in lowercase Latin letters, the same in the three languages, "
                "for example: ## Missions { #missions }"
            )
    return markdown


def on_page_context(context, page, config, nav):
    lang = getattr(page.file, "locale", sitedata.DEFAULT_LANGUAGE)
    alternates = getattr(page.file, "alternates", {}) or {lang: page.file}
    plugin = i18n_plugin(config)
    names = {language.locale: language.name for language in plugin.config.languages} if plugin else {}
    links = []
    for other in sitedata.LANGUAGES:
        if other in alternates:
            target = alternates[other]
            links.append({
                "lang": other,
                "name": names.get(other, other),
                "href": public_url(config, target.url),
                "relative": get_relative_url(target.url, page.file.url),
            })
    context["alternates"] = links
    context["x_default"] = next((link["href"] for link in links if link["lang"] == sitedata.DEFAULT_LANGUAGE), None)
    context["canonical"] = public_url(config, page.file.url)
    _pages[(lang, page.file.url)] = {link["lang"]: link["href"] for link in links}
    return context


def _with_dir(output: str, where: str) -> str:
    """Add dir to the <html> tag the theme writes, from its lang."""
    match = re.search(r'<html lang="([a-z]{2})"', output)
    if not match:
        raise PluginError(f"{where}: the theme no longer writes <html lang=…>; update scripts/hooks/multilingual.py.")
    lang = match.group(1)
    return output.replace(match.group(0), f'{match.group(0)} dir="{sitedata.DIRECTIONS[lang]}"', 1)


def on_post_page(output: str, page, config) -> str:
    return _with_dir(output, f"docs/{page.file.src_uri}")


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name == "404.html":
        return _with_dir(output, "overrides/404.html")
    return output


def _sitemap(entries) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for loc, alternates in entries:
        lines.append(f"  <url>\n    <loc>{escape(loc)}</loc>")
        for lang, href in alternates.items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>')
        if sitedata.DEFAULT_LANGUAGE in alternates:
            default = escape(alternates[sitedata.DEFAULT_LANGUAGE])
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _language_404(root_404: str, lang: str) -> str:
    """The root 404 page reduced to one language, for servers that pick by path."""
    tree = HTMLParser(root_404)
    html = tree.css_first("html")
    html.attrs["lang"] = lang
    html.attrs["dir"] = sitedata.DIRECTIONS[lang]
    html.attrs["data-lang"] = lang
    tree.body.attrs["dir"] = sitedata.DIRECTIONS[lang]
    for block in tree.css("[data-not-found]"):
        if block.attributes.get("lang") != lang:
            block.decompose()
    # The header's name and the skip link, held in the three languages.
    for block in tree.css("[data-only-lang]"):
        if block.attributes.get("data-only-lang") != lang:
            block.decompose()
    heading = tree.css_first(f"[data-not-found][lang={lang}] h1")
    return re.sub(r"<title>.*?</title>", f"<title>{escape(heading.text(strip=True))}</title>", tree.html, count=1)


@event_priority(-110)  # after the i18n plugin has built every language
def on_post_build(config):
    plugin = i18n_plugin(config)
    if plugin is not None and plugin.building:
        return
    site = Path(config.site_dir)
    entries = sorted((_public, alternates) for (_lang, url), alternates in _pages.items()
                     for _public in [public_url(config, url)])
    for lang in sitedata.LANGUAGES:
        prefix = "" if lang == sitedata.DEFAULT_LANGUAGE else f"{lang}/"
        mine = entries if not prefix else [e for e in entries if e[1].get(lang) == e[0]]
        xml = _sitemap(mine)
        _write(site / prefix / "sitemap.xml", xml)
        (site / prefix / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode(), mtime=0))
    root_404 = (site / "404.html").read_text(encoding="utf-8")
    for lang in sitedata.LANGUAGES:
        if lang != sitedata.DEFAULT_LANGUAGE:
            _write(site / lang / "404.html", _language_404(root_404, lang))
