"""MkDocs hook: render the facts of docs/data/ into every page, in its language
(moussalaha/render.py), and give the theme's templates the interface words
and the search's Arabic prefix rule.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from moussalaha import arabic, data, languages, render
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
            load_site_data(config), COMPONENTS)
    except SiteError as error:
        raise PluginError(str(error)) from None


def on_env(env, config, files):
    """The interface words in the three languages, for theme templates (404),
    and the prefix rule the search script cuts from queries as the index does."""
    env.globals["site_ui"] = load_site_data(config).ui
    env.globals["search_arabic_prefix"] = arabic.PREFIX
    return env
