"""The site's MkDocs plugin (`plugins: - moussalaha` in mkdocs.yml, the entry
point in pyproject.toml): every step the site adds to MkDocs, in the order
written here, handed the one `Build` (moussalaha/build.py) that knows what
the build knows.

Per page, in MkDocs' order of events:
1. the Markdown (on_page_markdown): every heading has an explicit id
   (checked as the editor wrote it), then the facts of docs/data/ are
   rendered into it (moussalaha/content/render.py);
2. the article (on_page_content): the notice of a translation missing or
   out of date (translation_notice), then what a page needs to read right
   (html.rewrite: foreign words, number ranges, links' addresses for print,
   also on the notice) and what it publishes checked (published.py);
3. the template's context (on_page_context): hreflang alternates and the
   page recorded for the sitemaps and search; what it says when shared
   (sharing.py), its preview image and feed recorded; its "last updated"
   date; a news article's menu entry (the news page's);
4. the written page (on_post_page, after every other plugin has changed
   it), parsed once (Build.finish_page): checked as published, finished
   (html.finish_tree: `dir` on <html>, Arabic labels marked, French
   spaces), refused if it carries inline code the templates do not ship,
   given the policy's <meta> (policy.py); then its copy for the search
   index is cut from the same tree, and its compressed copies made from
   the text MkDocs writes (Build.written).
The build's start and end, and what runs once every language is built:
moussalaha/build.py.

Errors: every step raises SiteError with `file:line: what — how to fix`;
`reported` turns it into MkDocs' PluginError, in one place.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.utils import get_relative_url

from moussalaha import arabic, engine, languages, preview, sharing
from moussalaha.build import Build
from moussalaha.content import data, news, pages, render, updated
from moussalaha.gate import published
from moussalaha.languages import DEFAULT_LANGUAGE
from moussalaha.output import alternates, html
from moussalaha.problems import Problems, SiteError
from moussalaha.sharing import open_data

# The priorities that must relate to mkdocs-static-i18n's. The i18n plugin
# runs its own events at -100 (on_config, on_files, on_nav, on_post_page,
# on_post_build, where it builds French and English, each a nested build)
# and at 50 (on_page_markdown, on_page_context); at one priority, plugins
# run in mkdocs.yml's order, and this one is listed after i18n.
FIRST = 100  # on_pre_build: the gate, before any file is read; the registry starts empty
LAST = -100  # on_post_page, on_post_template: after every other plugin or hook has changed the page
LANGUAGE_BUILT = 0  # each language's on_post_build, before the i18n plugin (-100) builds the next
SITE_BUILT = -110  # on_post_build: after the i18n plugin (-100) has built every language


def reported(step):
    """A step's SiteError (a problem in the editors' files) as MkDocs' PluginError."""
    @functools.wraps(step)
    def wrapper(*args, **kwargs):
        try:
            return step(*args, **kwargs)
        except SiteError as error:
            raise PluginError(str(error)) from None
    return wrapper


class Options(Config):
    # The components pages include (relative to mkdocs.yml's folder).
    components = config_options.Type(str, default="overrides/components")
    # Only the facts rendered into the pages, with the templates' globals
    # and the pages' dates: scripts/bench.py's stock build of the same pages.
    facts_only = config_options.Type(bool, default=False)


class Moussalaha(BasePlugin[Options]):
    def __init__(self):
        self.build = Build()

    # The life cycle (moussalaha/build.py).

    def on_startup(self, *, command, dirty) -> None:
        # Implemented so that MkDocs keeps this instance, and its Build,
        # across the preview's rebuilds.
        self.build = Build(serving=command == "serve")

    def on_config(self, config):
        if not self.config.facts_only:
            # Only the Arabic build writes the root 404.html (the others would overwrite it).
            engine.write_template(config, "404.html", engine.building_language(config) == DEFAULT_LANGUAGE)
            self.build.configure(config)
        return config

    def on_serve(self, server, *, config, builder):
        if not self.config.facts_only:
            preview.watch_closely(server, config)
        return server

    @event_priority(FIRST)
    @reported
    def on_pre_build(self, *, config) -> None:
        if engine.nested_build(config):
            return
        self.build.refresh(self.build.sources(config, self._components(config), templates=not self.config.facts_only))
        if self.config.facts_only:
            self.build.ask_dates_ahead(config)
        else:
            self.build.start(config)

    @reported
    def on_env(self, env, *, config, files):
        """The data in each language, its interface words included, for the
        header, footer and letterhead (`site_data.fr.ui.sitemap`); the languages'
        records (moussalaha/languages.py), in order (`site_languages`) and by
        code (`site_language.fr`); the prefix rule, letters and diacritics the
        search script reads Arabic queries with, as the index does; and the
        year of the site's last change (`site_year`)."""
        site = self._data(config)
        env.globals["site_data"] = {lang: site.localised(lang) for lang in languages.LANGUAGES}
        env.globals["search_arabic_prefix"] = arabic.PREFIX
        env.globals["search_arabic_letters"] = arabic.LETTERS
        env.globals["search_arabic_marks"] = arabic.MARKS
        env.globals["site_languages"] = languages.ALL
        env.globals["site_language"] = languages.BY_CODE
        env.globals["site_year"] = updated.site_year(Path(config.config_file_path).parent, self.build.git_dates)
        if not self.config.facts_only:
            self.build.share_compiled_templates(env)
        return env

    @event_priority(LANGUAGE_BUILT)
    @reported
    def _language_built(self, *, config) -> None:
        if not self.config.facts_only:
            self.build.language_built(config)

    @event_priority(SITE_BUILT)
    @reported
    def _site_built(self, *, config) -> None:
        if not self.config.facts_only:
            self.build.finish(config)

    # Each language's dossier as soon as its pages are written; once every
    # language is built, what needs the whole site.
    on_post_build = CombinedEvent(_language_built, _site_built)

    def on_build_error(self, *, error) -> None:
        if not self.config.facts_only:
            self.build.failed()

    # Each page.

    @reported
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.config.facts_only:
            check_heading_ids(markdown, page)
        lang, docs, components = engine.page_language(page), Path(config.docs_dir), self._components(config)
        return render.render_page(
            markdown, page.meta, lang, Path(page.file.abs_src_path), f"docs/{page.file.src_uri}",
            self._data(config), components, docs, articles=self.build.articles_of(docs, lang),
            env=self.build.sandbox(lang, components))

    @reported
    def on_page_content(self, content: str, *, page, config, files) -> str:
        if self.config.facts_only:
            return content
        # The notice first: the rewrite reads it too (print addresses on its
        # link, the untranslated wrapper's lang for the foreign-word marking).
        content = translation_notice(content, page, config, self._data(config))
        key = (content, engine.page_language(page), urljoin(config.site_url or "/", page.file.url))
        content = self.build.rewritten.get_or_make(key, lambda: html.rewrite(*key))
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8", errors="replace")
        problems = published.check_article(content, f"docs/{page.file.src_uri}", source)
        if problems:
            raise Problems(problems)
        return content

    @reported
    def on_page_context(self, context, *, page, config, nav):
        lang = engine.page_language(page)
        if not self.config.facts_only:
            links = alternates.links(engine.page_versions(page), page.file.url, config.site_url, get_relative_url)
            context["alternates"] = links
            context["x_default"] = next((link["href"] for link in links if link["lang"] == DEFAULT_LANGUAGE), None)
            context["canonical"] = alternates.public_url(config.site_url, page.file.url)
            versions = {link["lang"]: link["href"] for link in links}
            self.build.record(lang, page.file.url, page.file.dest_uri, versions)
            context["sharing"] = self._sharing(page, config, nav, lang, versions, context["canonical"])
        # The page's "last updated" date (`last_updated`, `last_updated_text`).
        context.update(updated.page_dates(Path(page.file.abs_src_path), lang, Path(config.config_file_path).parent,
                                          self.build.git_dates))
        # A news article, which has no menu entry of its own: the news page's
        # entry is the active one, and no contents column (its only heading
        # would be «Sources»).
        if news.is_article(page.file.src_uri):
            page.meta["hide"] = [*(page.meta.get("hide") or []), "toc"]
            index = engine.nav_page(nav, news.index_url(page.url))
            if index is not None:
                engine.set_active(index, True)
                self.build.activated.append(index)
        return context

    @event_priority(LAST)
    @reported
    def on_post_page(self, output: str, *, page, config) -> str:
        # MkDocs keeps the navigation between pages: the news entry is active
        # for this article only.
        while self.build.activated:
            engine.set_active(self.build.activated.pop(), False)
        if self.config.facts_only:
            return output
        where, lang, path = f"docs/{page.file.src_uri}", engine.page_language(page), page.file.dest_uri
        # The preview writes every page again on each save; most come out the same.
        output, copy = self.build.finished.get_or_make(
            (output, where, path), lambda: self.build.finish_page(output, config, where, lang, path))
        self.build.written(lang, page.file.url, path, output, copy)
        return output

    @event_priority(LAST)
    @reported
    def on_post_template(self, output: str, *, template_name: str, config) -> str:
        if self.config.facts_only:
            return output
        if template_name == "404.html":
            return self.build.finish_404(output, config)
        self.build.check_page(output, config, f"overrides/{template_name}")
        return output

    # What the steps share.

    def _data(self, config) -> data.SiteData:
        try:
            return self.build.data_of(Path(config.docs_dir))
        except data.DataError as error:
            raise SiteError(f"The data files have errors:\n{error}") from None

    def _components(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.components

    def _sharing(self, page, config, nav, lang: str, versions: dict[str, str], canonical: str):
        """What the page says when it is shared (moussalaha/sharing/__init__.py), given
        to overrides/partials/sharing.html as `sharing`; its preview image
        and, on the news page, its feed are recorded for the end of the build."""
        site_names = self.build.site_names
        title = page.meta.get("title") or page.title or site_names[lang]
        description = page.meta.get("description") or config.site_description or site_names[lang]
        docs = Path(config.docs_dir)
        article = section = None
        if news.is_article(page.file.src_uri):
            slug = news.slug_of(page.file.src_uri)
            article = sharing.Article(news.find(self.build.articles_of(docs, lang), docs, slug, lang).date)
            index = engine.nav_page(nav, news.index_url(page.url))
            if index is not None:
                section = (index.title, index.url)
        facts = self.build.data_of(docs)
        dataset = None
        if page.file.url == languages.folder(lang) + open_data.PAGE:
            dataset = open_data.dataset(facts, lang, config.site_url, page.file.url)
        image = sharing.ImageRequest(title, site_names[lang], lang)
        try:
            self.build.check_title(image)
            head = sharing.head(
                lang=lang, title=title, description=description, page_url=page.file.url, site_url=config.site_url,
                site_names=site_names, alternates=versions,
                founding_date=facts.agreement.date, founders=[getattr(i.name, lang) for i in facts.institutions],
                article=article, section=section, dataset=dataset)
        except ValueError as error:
            raise SiteError(f"docs/{page.file.src_uri}: {error}") from None
        feed = None
        if page.file.url == languages.folder(lang) + sharing.NEWS_PAGE:
            feed = sharing.FeedPage(lang, canonical, title, description, site_names[lang])
        self.build.record_sharing((sharing.image_path(page.file.url), image), feed)
        return head


def check_heading_ids(markdown: str, page) -> None:
    """Refuse a heading without an explicit id, identical in the three
    languages so that links survive translation (never `_1`, `_2`): the
    build names the line."""
    for heading in pages.headings(markdown):
        if heading.id is None:
            source_text = Path(page.file.abs_src_path).read_text(encoding="utf-8")
            raise SiteError(
                f"docs/{page.file.src_uri}:{pages.file_line(source_text, markdown, heading.line)}: "
                f"the heading «{heading.text}» has no id. "
                "End it with an id in lowercase Latin letters, the same in the three languages, "
                "for example: ## Missions { #missions }"
            )


def translation_notice(content: str, page, config, facts: data.SiteData) -> str:
    """Tell readers when a page is not in their language yet.

    - A French or English page whose Arabic source changed since it was
      translated (its `translated_from:` no longer matches, moussalaha/content/pages.py)
      carries a discreet "this translation may be out of date" notice, with a
      link to the Arabic page.
    - A page that has no translation yet is built from the Arabic one
      (mkdocs-static-i18n's fallback_to_default): it carries a "not yet
      translated" notice in the reader's language, and the Arabic text is
      marked lang="ar" dir="rtl" so that it reads, and is read aloud, as
      Arabic; so are its Arabic title in the menus, table of contents and
      footer of every French or English page (html.finish_page).

    `scripts/site.py check` reports the same pages to the editors."""
    lang = engine.building_language(config)
    file_lang = engine.page_language(page)
    ui = facts.localised(lang)["ui"]
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
    source = engine.page_versions(page).get(DEFAULT_LANGUAGE)
    link = (get_relative_url(source.url, page.file.url), ui["arabic_version"]) if source else None
    return html.notice("outdated", ui["translation_outdated"], lang, link) + content
