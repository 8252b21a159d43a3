"""MkDocs hook: tell readers when a page is not in their language yet.

- A French or English page whose Arabic source changed since it was
  translated (its `translated_from:` no longer matches, see sitepages.py)
  carries a discreet "this translation may be out of date" notice, with a
  link to the Arabic page.
- A page that has no translation yet is built from the Arabic one
  (mkdocs-static-i18n's fallback_to_default): it carries a "not yet
  translated" notice in the reader's language, and the Arabic text is marked
  lang="ar" dir="rtl" so that it reads, and is read aloud, as Arabic; so are
  its Arabic title in the menus, table of contents and footer of every
  French or English page.

Listed under `hooks:` in mkdocs.yml; `scripts/site.py check` reports the same
pages to the editors.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.utils import get_relative_url

import facts
import sitedata
import sitepages


def build_language(config) -> str:
    plugin = config.plugins.get("i18n")
    return getattr(plugin, "current_language", None) or sitedata.DEFAULT_LANGUAGE


def notice(kind: str, text: str, lang: str, link: tuple[str, str] | None = None) -> str:
    more = f' <a href="{escape(link[0])}" hreflang="ar">{escape(link[1])}</a>' if link else ""
    return f'<p class="mc-translation-notice mc-translation-notice--{kind}" role="note" lang="{lang}">{escape(text)}{more}</p>\n'


def on_page_content(html: str, page, config, files) -> str:
    lang = build_language(config)
    file_lang = facts.page_language(page)
    ui = facts.load_site_data().ui
    if file_lang != lang:
        return (notice("missing", getattr(ui["translation_missing"], lang), lang)
                + f'<div class="mc-untranslated" lang="{file_lang}" dir="{sitedata.DIRECTIONS[file_lang]}">\n{html}\n</div>\n')
    if lang == sitedata.DEFAULT_LANGUAGE:
        return html
    translation = sitepages.read_page(Path(page.file.abs_src_path))
    stamp = sitepages.stamp_of(translation)
    # Beside the translation: docs/ or a sub-folder of it (docs/news/).
    source_path = sitepages.page_path(translation.name, sitedata.DEFAULT_LANGUAGE, translation.path.parent)
    # No stamp yet: nothing to compare with (`site.py check` asks for one).
    if stamp is None or not source_path.exists():
        return html
    if not sitepages.changes(stamp, sitepages.read_page(source_path)):
        return html
    source = (getattr(page.file, "alternates", None) or {}).get(sitedata.DEFAULT_LANGUAGE)
    link = (get_relative_url(source.url, page.file.url), getattr(ui["arabic_version"], lang)) if source else None
    return notice("outdated", getattr(ui["translation_outdated"], lang), lang, link) + html


# The theme writes every menu, contents and footer label in an ellipsis box.
ARABIC_LABEL = re.compile(r'<(span|div) class="md-ellipsis">(?=\s*[^<]*[\u0621-\u064A][^<]*</\1>)')


def on_post_page(output: str, page, config) -> str:
    if build_language(config) == sitedata.DEFAULT_LANGUAGE:
        return output
    return ARABIC_LABEL.sub(r'<\1 class="md-ellipsis" lang="ar" dir="rtl">', output)
