"""MkDocs hook: render the facts of docs/data/ into every page, in its language
(moussalaha/render.py), and give the theme's templates the interface words,
the data in each language, the search's Arabic prefix rule, and each page's
"last updated" date from git (moussalaha/updated.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from moussalaha import arabic, data, languages, news, render, updated
from moussalaha.problems import SiteError


# The components of this project, also when another mkdocs.yml lists this
# hook (scripts/bench.py builds the same pages with the stock theme).
COMPONENTS = Path(__file__).resolve().parents[2] / "overrides" / "components"


def load_site_data(config) -> data.SiteData:
    try:
        return data.load(Path(config.docs_dir) / "data")
    except data.DataError as error:
        raise PluginError(f"The data files have errors:\n{error}") from None


def on_page_markdown(markdown: str, page, config, files) -> str:
    try:
        return render.render_page(
            markdown, page.meta, languages.of_page(page), Path(page.file.abs_src_path), f"docs/{page.file.src_uri}",
            load_site_data(config), COMPONENTS, Path(config.docs_dir))
    except SiteError as error:
        raise PluginError(str(error)) from None


def on_env(env, config, files):
    """The data in each language, its interface words included, for the
    header, footer and letterhead (`site_data.fr.ui.sitemap`); the languages'
    records (moussalaha/languages.py), in order (`site_languages`) and by
    code (`site_language.fr`); the prefix rule, letters and diacritics the
    search script reads Arabic queries with, as the index does; and the
    year of the site's last change (`site_year`)."""
    site = load_site_data(config)
    env.globals["site_data"] = {lang: site.localised(lang) for lang in languages.LANGUAGES}
    env.globals["search_arabic_prefix"] = arabic.PREFIX
    env.globals["search_arabic_letters"] = arabic.LETTERS
    env.globals["search_arabic_marks"] = arabic.MARKS
    env.globals["site_languages"] = languages.ALL
    env.globals["site_language"] = languages.BY_CODE
    env.globals["site_year"] = updated.site_year(Path(config.config_file_path).parent)
    return env


def on_page_context(context, page, config, nav):
    """The page's "last updated" date (`last_updated`, `last_updated_text`).
    A news article, which has no menu entry of its own: the news page's
    entry is the active one, and no contents column (its only heading would
    be «Sources»)."""
    context.update(updated.page_dates(Path(page.file.abs_src_path), languages.of_page(page),
                                      Path(config.config_file_path).parent))
    if news.is_article(page.file.src_uri):
        page.meta["hide"] = [*(page.meta.get("hide") or []), "toc"]
        index = next((item for item in nav.pages if item.url == news.index_url(page.url)), None)
        if index is not None:
            index.active = True
            page.news_index = index
    return context


def on_post_page(output: str, page, config) -> str:
    # MkDocs keeps the navigation between pages: the news entry is active
    # for this article only.
    index = getattr(page, "news_index", None)
    if index is not None:
        index.active = False
    return output
