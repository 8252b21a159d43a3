"""MkDocs hook: tell readers when a page is not in their language yet.

- A French or English page whose Arabic source changed since it was
  translated (its `translated_from:` no longer matches, moussalaha/pages.py)
  carries a discreet "this translation may be out of date" notice, with a
  link to the Arabic page.
- A page that has no translation yet is built from the Arabic one
  (mkdocs-static-i18n's fallback_to_default): it carries a "not yet
  translated" notice in the reader's language, and the Arabic text is marked
  lang="ar" dir="rtl" so that it reads, and is read aloud, as Arabic; so are
  its Arabic title in the menus, table of contents and footer of every
  French or English page (marked with the rest of the page's finish, in
  reading.py).

`scripts/site.py check` reports the same pages to the editors.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.utils import get_relative_url

from moussalaha import html, languages, pages
from moussalaha.data import load
from moussalaha.languages import DEFAULT_LANGUAGE


def on_page_content(content: str, page, config, files) -> str:
    lang = languages.of_build(config)
    file_lang = languages.of_page(page)
    ui = load(Path(config.docs_dir) / "data").localised(lang)["ui"]
    if file_lang != lang:
        return html.notice("missing", ui["translation_missing"], lang) + html.untranslated(content, file_lang)
    if lang == DEFAULT_LANGUAGE:
        return content
    translation = pages.read_page(Path(page.file.abs_src_path))
    stamp = pages.stamp_of(translation)
    # Beside the translation: docs/ or a sub-folder of it (docs/news/).
    source_path = pages.page_path(translation.name, DEFAULT_LANGUAGE, translation.path.parent)
    # No stamp yet: nothing to compare with (`site.py check` asks for one).
    if stamp is None or not source_path.exists():
        return content
    if not pages.changes(stamp, pages.read_page(source_path)):
        return content
    source = (getattr(page.file, "alternates", None) or {}).get(DEFAULT_LANGUAGE)
    link = (get_relative_url(source.url, page.file.url), ui["arabic_version"]) if source else None
    return html.notice("outdated", ui["translation_outdated"], lang, link) + content

