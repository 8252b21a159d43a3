"""The build's life cycle, in one place, and what a build knows (`Build`).

The site's MkDocs plugin (moussalaha/plugin.py) owns one `Build` for the
life of the process: under `mkdocs serve` it persists across rebuilds, with
its caches (moussalaha/caches.py says which and when each is refreshed).

How mkdocs-static-i18n builds the three languages: MkDocs builds the Arabic
site; then, in its own on_post_build (priority -100), the plugin builds
French and English one after the other, each a nested `build()` of the same
configuration into its folder (engine.nested_build is true meanwhile).
Every page event runs in each language's build; on_pre_build and
on_post_build run at the start and end of each nested build too.

So the plugin calls:
- start(): at the outer build's on_pre_build only, run the gate (check(),
  the editors' `site.py check` refuses the same) and empty the registry,
  after refresh() has dropped the caches whose sources changed (the table
  in Build's docstring);
- record(): every page, as its context is made, for the sitemaps and the
  search index; record_sharing(): its preview image and, for the news page,
  its feed;
- language_built(): each language's on_post_build, before the next is
  built: its pages go to the search index (Pagefind's process, fed from
  a thread), and its dossier (PDF) starts rendering in another process;
- finish(): once, after the last language (on_post_build with a priority
  below the i18n plugin's -100), the steps that need every page, in this
  order: sitemaps and the 404 pages of each language, the preview images,
  feeds, robots.txt and the programme's figures as CSV and JSON
  (moussalaha/sharing/open_data.py; while Pagefind writes the search
  index's files, from the copies the pages left as they were written), the
  dossiers' sizes beside their links, the security policy (the inline
  scripts of the templates, which every page was checked against and whose
  <meta> it got as it was written: finish_page), then the compressed
  copies of every text file the pages' own did not make as they were
  written;
- failed(): when any step fails, the output folder is emptied, so that no
  half-built site is left to publish.

Under `mkdocs serve` (`serving`, the editors' preview), each save rebuilds
the site and should show in the browser within two seconds
(moussalaha/preview.py): nothing is compressed, the search index is built
once, only the preview images whose title changed are rendered again
(moussalaha/sharing/__init__.py), the gate checks again only the files whose bytes
changed (gate.Remembered), and the policy allows MkDocs' live-reload
script. In every build, the preview's and the production one, the
installed theme's files are listed once, not once per language
(configure(), at each build's on_config: moussalaha/engine/theme_listing.py).
"""

from __future__ import annotations

import gzip
import os
import shutil
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from selectolax.lexbor import LexborHTMLParser

from moussalaha import engine, gate, preview, sharing, stored
from moussalaha.content import data, news, pages, render, site_markdown, updated
from moussalaha.engine import theme_listing
from moussalaha.gate import published, sandbox
from moussalaha.languages import DEFAULT_LANGUAGE, LANGUAGES, folder
from moussalaha.output import (
    admin,
    alternates,
    files,
    html,
    mark,
    policy,
    redirects,
    search,
)
from moussalaha.problems import Problems
from moussalaha.sharing import dossier, open_data


@dataclass
class BuiltPage:
    lang: str  # the language the page is written in
    url: str  # its address in the site (fr/centre.html)
    path: str  # its file in the site
    versions: dict[str, str] = field(default_factory=dict)  # {lang: absolute address}


# The theme's own favicon, a generic book, which no page names: the site's
# mark is favicon.svg, and the bitmaps browsers ask for by name at the root.
THEME_FAVICON = "assets/images/favicon.png"


class Memo(dict):
    """The results of a pure step, keyed by its whole input: kept while the
    builds use them (prune() at the end of each build forgets the others)."""

    def __init__(self):
        super().__init__()
        self.used: set = set()

    def get_or_make(self, key, make):
        self.used.add(key)
        if key not in self:
            self[key] = make()
        return self[key]

    def prune(self) -> None:
        for key in set(self) - self.used:
            del self[key]
        self.used = set()


# The threads that wait for git's answers (each a process of its own).
GIT_ASKERS = 2

# Which caches each source's change drops (Build.refresh).
DEPENDS = {
    "data": ("site_data",),
    "news": ("articles",),
    "templates": ("scripts", "finished"),
    "components": ("sandboxes",),
    "git": ("git_dates",),
}


@dataclass
class Build:
    """What a build knows, handed to each of its steps; one per process
    (the plugin's), kept across the preview's rebuilds.

    Every cache the build uses is here, and one rule refreshes them: at the
    start of each build (refresh(), from sources()), a cache made from
    files is dropped when their stamp (pages.stamp: name, inode, time,
    size) or git's HEAD moved since the last build; a memo of a pure step,
    keyed by its whole input, keeps what the last build used (Memo.prune);
    what is kept on disk between builds is keyed by all its inputs.

    | cache               | holds                                     | refreshed when                          |
    |---------------------|-------------------------------------------|-----------------------------------------|
    | site_data           | docs/data/ validated (data.SiteData)      | a data file changes (`data`)            |
    | articles            | the news of each language (news.collect)  | docs/news/ changes (`news`)             |
    | git_dates           | each page's last commit date (updated.py), asked of git at the build's start (ask_dates_ahead) | git's HEAD moves (`git`) |
    | scripts             | the policy's allowed inline scripts       | a template (.html of the theme's folders) or the site's path changes (`templates`) |
    | finished            | each written page, checked and finished   | `templates`; else kept while used       |
    | sandboxes           | the page sandbox of each language         | overrides/components/ changes (`components`) |
    | compiled_components | the components' compiled code            | never: Jinja compiles a changed text again (its checksum) |
    | compiled_templates  | the theme's compiled templates            | never: as compiled_components           |
    | rewritten           | each article's rewrite (html.rewrite)     | kept while used                         |
    | rendered_images     | each preview image's PNG (sharing.py)     | kept while used (sharing.write_images)  |
    | gate_files          | the gate's problems of each file          | the file's bytes change (gate.Remembered) |
    | search_snapshot     | the preview's search index                | never: the preview searches the text as `make serve` found it |
    | image_store, compressed_copies, dossier_store, editor_store | on disk, in .cache/moussalaha/ (moussalaha/stored.py): what earlier builds made | never stale: each result under the hash of all that makes it; the least recently used trimmed |

    Not the build's, caches of what does not change while the process
    runs (functools): the installed theme's file listing
    (theme_listing._listing), the fonts shipped in the package and their
    measures (social_image.py), Unicode's scripts (disguise.py), and the
    parses keyed by a text (pages._front_matter, news._read_text) or by a
    file's time and the installed version (admin._vendored). The editors'
    tool (checks/, cms.py) keeps its own: data.load, render._COMPONENTS_COMPILED.
    """

    serving: bool = False
    output: Path | None = None  # the folder the whole site is written to (config.site_dir)
    pages: dict[tuple[str, str], BuiltPage] = field(default_factory=dict)
    # Under `mkdocs serve`: the search index of the first build.
    search_snapshot: preview.SearchSnapshot = field(default_factory=preview.SearchSnapshot)
    # The centre's name in each language (mkdocs.yml: site_name, and the
    # i18n plugin's site_name of each language).
    site_names: dict[str, str] = field(default_factory=dict)
    images: dict[str, sharing.ImageRequest] = field(default_factory=dict)  # {path in the site: request}
    feeds: dict[str, sharing.FeedPage] = field(default_factory=dict)  # {lang: its news page}
    # Under `mkdocs serve`: the gate's problems of each file, checked again once it changes.
    gate_files: gate.Remembered = field(default_factory=gate.Remembered)
    # The dossiers (moussalaha/sharing/dossier.py), each rendered in another process
    # as soon as its language's pages are written: {lang: Future of (path, size)}.
    dossier_pool: ProcessPoolExecutor | None = None
    dossiers: dict[str, Future] = field(default_factory=dict)
    # The caches (the table above), and the sources' stamps at the last refresh().
    stamps: dict = field(default_factory=dict)
    site_data: data.SiteData | None = None
    articles: dict = field(default_factory=dict)  # {(docs, lang): [news.Article]}
    git_dates: dict = field(default_factory=dict)
    asking: ThreadPoolExecutor | None = None  # the threads that ask git for the dates (ask_dates_ahead)
    scripts: frozenset[str] | None = None
    finished: Memo = field(default_factory=Memo)  # {(page as the theme wrote it, where): page as written}
    sandboxes: dict = field(default_factory=dict)  # {(lang, components): sandbox.PageSandbox}
    compiled_components: sandbox.CompiledTemplates = field(default_factory=sandbox.CompiledTemplates)
    # The theme's templates, compiled once and kept for the next language's
    # build and the preview's rebuilds (MkDocs makes a new Jinja environment
    # for each, which compiled every template again: half of a rebuild's time).
    compiled_templates: sandbox.CompiledTemplates = field(default_factory=sandbox.CompiledTemplates)
    rewritten: Memo = field(default_factory=Memo)  # {(article, lang, address): rewritten}
    rendered_images: dict = field(default_factory=dict)  # {sharing.ImageRequest: PNG}
    # What earlier builds made, kept on disk (moussalaha/stored.py): the
    # preview images and icons, the dossiers, the editor's script.
    image_store: stored.Store = field(default_factory=stored.Store.nothing)
    dossier_store: stored.Store = field(default_factory=stored.Store.nothing)
    editor_store: stored.Store = field(default_factory=stored.Store.nothing)
    # What each page left as it was written, for the end of the build (not
    # read back from the files): the policy's meta it carries (its text,
    # `meta_csp`, and the paths that carry it), its copy for the search
    # index, the pages that wait for the dossiers' sizes, their compressed
    # copies under way.
    meta_csp: str = ""
    meta: str = ""
    with_meta: set[str] = field(default_factory=set)
    copies: dict[tuple[str, str], str | None] = field(default_factory=dict)  # {(lang, url): search.indexed_copy}
    indexing: bool = True  # whether this build makes the search index (the preview's first only)
    search_index: search.Indexing | None = None  # the index, filled as each language is built
    indexed: int = 0  # how many of `pages` it was given
    dossier_pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # {path: (lang, page)}
    root_404: str | None = None
    compressing: ThreadPoolExecutor | None = None
    # The compressed copies kept between builds (output/files.py, moussalaha/stored.py).
    compressed_copies: stored.Store = field(default_factory=stored.Store.nothing)
    compressed: dict[str, Future] = field(default_factory=dict)  # {path in the site: its .gz and .br written}
    # The navigation items a page made active (a news article: the news
    # page's entry), made inactive again once the page is written.
    activated: list = field(default_factory=list)

    @staticmethod
    def sources(config, components: Path, templates: bool = True) -> dict:
        """The stamp of each source the caches are made from (not the theme's
        templates, a walk of its folders, for a build that checks no page
        against them: scripts/bench.py's stock build)."""
        docs = Path(config.docs_dir)
        news_folder = docs / news.FOLDER
        found = {
            "data": pages.stamp(docs.joinpath("data").glob("*.y*ml")),
            "news": pages.stamp(news_folder.iterdir()) if news_folder.is_dir() else (),
            "templates": (pages.stamp(path for folder in policy.theme_folders(config)
                                      for path in Path(folder).rglob("*.html")),
                          site_path(config)) if templates else (),
            "components": (str(components), pages.stamp(components.iterdir()) if components.is_dir() else ()),
            "git": updated.head(Path(config.config_file_path).parent),
        }
        if not templates:
            del found["templates"]
        return found

    def refresh(self, stamps: dict) -> set[str]:
        """At the start of each build (the outer one): drop the caches made
        from a source whose stamp moved (DEPENDS); returns those sources."""
        changed = {name for name, stamp in stamps.items() if self.stamps.get(name, ()) != stamp or name not in self.stamps}
        for name in changed:
            for cache in DEPENDS[name]:
                value = getattr(self, cache)
                if isinstance(value, dict):
                    value.clear()
                else:
                    setattr(self, cache, None)
        self.stamps = dict(stamps)
        return changed

    def prune(self) -> None:
        """At the end of each build: the memos keep what it used."""
        self.finished.prune()
        self.rewritten.prune()

    def ask_dates_ahead(self, config) -> None:
        """Each page's last commit date (content/updated.py), asked of git
        now, in other threads, while the build checks, reads and renders."""
        if self.asking is None:
            self.asking = ThreadPoolExecutor(max_workers=GIT_ASKERS, thread_name_prefix="git-dates")
        updated.ask_ahead(sorted(Path(config.docs_dir).rglob("*.md")), Path(config.config_file_path).parent,
                          self.git_dates, self.asking)

    def data_of(self, docs: Path) -> data.SiteData:
        if self.site_data is None:
            self.site_data = data.SiteData((Path(docs) / "data").resolve())
        return self.site_data

    def articles_of(self, docs: Path, lang: str) -> list[news.Article]:
        key = (Path(docs), lang)
        if key not in self.articles:
            self.articles[key] = news.collect(Path(docs), lang)
        return list(self.articles[key])

    def sandbox(self, lang: str, components: Path) -> sandbox.PageSandbox:
        key = (lang, components)
        if key not in self.sandboxes:
            self.sandboxes[key] = render.jinja_environment(lang, components, self.compiled_components)
        return self.sandboxes[key]

    def share_compiled_templates(self, env: jinja2.Environment) -> None:
        env.bytecode_cache = self.compiled_templates

    @staticmethod
    def configure(config) -> None:
        """At each build's on_config: the installed theme's files are listed
        once per process, not once per language and per rebuild
        (moussalaha/engine/theme_listing.py)."""
        theme_listing.list_installed_once(config.theme)

    def start(self, config) -> None:
        if engine.nested_build(config):
            return
        self.output = Path(config.site_dir)
        self.pages.clear()
        self.images.clear()
        self.feeds.clear()
        self.with_meta.clear()
        self.copies.clear()
        self.dossier_pages.clear()
        self.root_404 = None
        self.indexing = not (self.serving and self.search_snapshot.taken)
        self.site_names = engine.site_names(config)
        project = Path(config.config_file_path).parent
        self.image_store = sharing.image_store(project)
        self.dossier_store = dossier.store(project)
        self.editor_store = admin.store(project)
        self.stop_indexing()
        self.indexed = 0
        if not self.serving:
            # Forked first, while no other thread runs a process (an earlier
            # build's asks for dates are waited for, its search indexer
            # stopped): a process forked meanwhile would hold that one's
            # pipes open, and its thread would wait for them forever.
            if self.asking is not None:
                self.asking.shutdown(wait=True)
                self.asking = None
            self.start_dossiers()
        self.ask_dates_ahead(config)
        if self.indexing:
            self.search_index = search.Indexing()
        self.check(config)
        # The policy's inputs are known before any page is written: the
        # templates' scripts, and WebAssembly, which Pagefind always ships.
        self.meta_csp = policy.meta_text(self.allowed_scripts(config), preview=self.serving, wasm=True)
        self.meta = policy.meta_tags(self.meta_csp)
        if not self.serving:
            self.stop_compressing()
            self.compressed.clear()
            self.compressed_copies = files.store(project)
            self.compressing = ThreadPoolExecutor(max_workers=os.cpu_count() or 1)

    def stop_compressing(self) -> None:
        if self.compressing is not None:
            self.compressing.shutdown(wait=True, cancel_futures=True)
            self.compressing = None

    def start_dossiers(self) -> None:
        """The processes that render the dossiers (moussalaha/sharing/dossier.py)."""
        self.stop_dossiers()
        self.dossiers.clear()
        self.dossier_pool = dossier.start_workers()

    def stop_dossiers(self) -> None:
        if self.dossier_pool is not None:
            self.dossier_pool.shutdown(wait=True, cancel_futures=True)
            self.dossier_pool = None

    def language_built(self, config) -> None:
        """Once a language's pages are all written (each language's
        on_post_build, before the next language is built), while the next
        language builds: they are added to the search index, in its thread,
        and their dossier is rendered from them, in the other process (not
        under `mkdocs serve`: the preview has no dossier)."""
        self.index_pages()
        if self.dossier_pool is None or self.output is None:
            return
        lang = engine.building_language(config)
        site, docs = self.output, Path(config.docs_dir)
        facts = self.data_of(docs)
        ui = facts.localised(lang)["ui"]
        words = dossier.Words(centre=getattr(facts.centre.name, lang), title=ui["dossier_title"],
                              contents=ui["dossier_contents"], latest_news=ui["dossier_latest_news"],
                              date_label=ui["dossier_date"])
        project = Path(config.config_file_path).parent
        self.dossiers[lang] = self.dossier_pool.submit(dossier.write, site, docs, lang, words,
                                                       dossier.dossier_date(project), self.dossier_store)

    def index_pages(self) -> None:
        """The pages written since the last call, added to the search index
        with the copies they left (search.indexed_copy), in the order they
        were built."""
        if self.search_index is None:
            return
        added = list(self.pages.values())[self.indexed:]
        self.indexed += len(added)
        self.search_index.add([(page.path, self.copies.get((page.lang, page.url))) for page in added])

    def stop_indexing(self) -> None:
        if self.search_index is not None:
            self.search_index.stop()
            self.search_index = None

    def finish_dossiers(self, site: Path, facts: data.SiteData, repo: Path) -> None:
        """Wait for the dossiers, then write each one's size and date beside
        its links (dossier-link.html), in the pages of its language."""
        if self.dossier_pool is None:
            return
        done = {lang: future.result() for lang, future in self.dossiers.items()}
        self.stop_dossiers()
        day = dossier.dossier_date(repo)
        for path, (lang, text) in sorted(self.dossier_pages.items()):
            if lang not in done:
                continue
            details = dossier.details(done[lang][1], day, lang, facts.localised(lang)["ui"])
            self._write_page(path, html.fill_dossier_details(text, dossier.DETAILS_ATTRIBUTE, details))

    def check(self, config) -> None:
        """The gate (moussalaha/gate/__init__.py), as `site.py check` runs it, before
        MkDocs reads a file: links, stray .html, sizes, SVG, disguising
        characters, untrusted YAML and the data's schema, HTML in pages and
        data; and no file of what builds keep (moussalaha/stored.py) committed.
        Raises every problem as `file:line: what is wrong — how to fix it`."""
        root = Path(config.config_file_path).parent
        stored.refuse_committed(root)
        refused = gate.check_project(root, data.FILES, render_markdown=site_markdown.converter(root),
                                     remembered=self.gate_files if self.serving else None,
                                     markdown_settings=repr((config.markdown_extensions, config.mdx_configs)))
        if refused:
            raise Problems(refused)
        # The previous site's addresses: each leads to a page of this site, in one step.
        docs = Path(config.docs_dir)
        refused = redirects.problems(docs, self.data_of(docs))
        if refused:
            raise Problems(refused)

    def record(self, lang: str, url: str, path: str, versions: dict[str, str]) -> None:
        self.pages[(lang, url)] = BuiltPage(lang, url, path, versions)

    def check_title(self, image: sharing.ImageRequest) -> None:
        """The page's title fits its preview image (ValueError if not)."""
        sharing.check_title(image, self.rendered_images, self.image_store)

    def record_sharing(self, image: tuple[str, sharing.ImageRequest], feed: sharing.FeedPage | None = None) -> None:
        path, request = image
        self.images[path] = request
        if feed is not None:
            self.feeds[feed.lang] = feed

    def write_sitemaps(self, site: Path, site_url: str | None) -> None:
        entries = sorted((alternates.public_url(site_url, page.url), page.versions) for page in self.pages.values())
        for lang in LANGUAGES:
            prefix = folder(lang)
            mine = entries if not prefix else [e for e in entries if e[1].get(lang) == e[0]]
            xml = alternates.sitemap(mine)
            _write(site / prefix / "sitemap.xml", xml)
            (site / prefix / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode(), mtime=0))

    def allowed_scripts(self, config) -> frozenset[str]:
        """The hashes of the inline scripts the build's templates ship."""
        if self.scripts is None:
            self.scripts = policy.allowed_scripts(tuple(policy.theme_folders(config)), site_path(config))
        return self.scripts

    def check_page(self, output: str | LexborHTMLParser, config, where: str) -> None:
        """Refuse a built page that carries an inline script, style or handler
        its templates do not ship; `where` is the editor's file."""
        policy.refuse_foreign(output, self.allowed_scripts(config), where)

    def finish_page(self, output: str, config, where: str, lang: str, path: str) -> tuple[str, str | None]:
        """A page on its way out (`where`, the editor's file; `path`, its file in
        the site; `lang`, the language it is written in), parsed once: checked
        as published (published.py), finished (html.finish_tree), refused if
        it carries inline code the templates do not ship (policy.py), given
        the policy's meta. Returns its text and its copy for the search index."""
        tree = LexborHTMLParser(output)
        problems = published.check_page(tree, where)
        if problems:
            raise Problems(problems)
        html.finish_tree(tree, where)
        self.check_page(tree, config, where)
        policy.insert_meta(tree, self.meta, path)
        output = tree.html
        # The tree is cut to the article once the page's text is taken.
        return output, search.indexed_copy(tree, lang, path) if self.indexing else None

    def finish_404(self, output: str, config) -> str:
        """The root 404 page, Arabic, holding the three languages' texts (each
        language's own is cut from it once the build ends: alternates.py)."""
        tree = LexborHTMLParser(output)
        html.finish_tree(tree, "overrides/404.html")
        self.check_page(tree, config, "overrides/404.html")
        policy.insert_meta(tree, self.meta, "404.html")
        self.root_404 = tree.html
        self.with_meta.add("404.html")
        return self.root_404

    def written(self, lang: str, url: str, path: str, output: str, copy: str | None) -> None:
        """What the page leaves for the end of the build, once written."""
        self.with_meta.add(path)
        self.copies[(lang, url)] = copy
        if dossier.DETAILS_ATTRIBUTE in output:
            self.dossier_pages[path] = (lang, output)  # written again with the dossier's size
        else:
            self._compress(path, output)

    def _wrote(self, written: dict[str, str | None]) -> None:
        """Pages the end of the build wrote, {path in the site: text}, with
        the policy's meta in them: compressed from their text."""
        self.with_meta |= set(written)
        for path, text in written.items():
            if text is not None:
                self._compress(path, text)

    def _write_page(self, path: str, output: str) -> None:
        """A page the build writes again at its end (the dossier's size in it)."""
        (self.output / path).write_text(output, encoding="utf-8")
        self._compress(path, output)

    def _compress(self, path: str, output: str) -> None:
        """The page's .gz and .br from its text (not read back from the file),
        in the pool, while the build goes on; none under the preview."""
        if self.compressing is not None:
            self.compressed[path] = self.compressing.submit(
                files.compress, self.output, self.output / path, output.encode("utf-8", errors="xmlcharrefreplace"),
                self.compressed_copies)

    def finish(self, config) -> None:
        """Once every language is built: what needs the whole site."""
        if engine.nested_build(config):
            return
        site = Path(config.site_dir)
        self.write_sitemaps(site, config.site_url)
        self._wrote(write_language_404s(site, self.root_404) | {"404.html": self.root_404})
        facts = self.data_of(Path(config.docs_dir))
        project = Path(config.config_file_path).parent
        write_icons(site, Path(config.docs_dir), self.image_store)
        indexing = None
        if self.search_index is not None:
            # Pagefind, in its own process, on another core, was given
            # each language's pages once it was built; it writes the
            # index's files while the rest of the site is written here
            # (into other folders).
            self.index_pages()
            indexing = self.search_index.write(site)
        sharing.write_images(site, self.images, self.rendered_images, self.image_store)
        sharing.write_feeds(site, self.feeds, Path(config.docs_dir), config.site_url, self.articles_of)
        sharing.write_robots(site, config.site_url)
        open_data.write(site, facts, config.site_url)
        self._wrote(redirects.write(site, facts, config.site_url, self.meta))
        self.finish_dossiers(site, facts, project)
        # The editor has its own policy (the pages' leaves admin/ alone).
        admin.write(site, project, config.site_name, config.site_url, self.editor_store)
        if not self.serving:
            files.minify_own(site)
        if indexing is None:
            self.search_snapshot.restore(site)
        else:
            indexing.result()
            self.stop_indexing()
            if self.serving:
                self.search_snapshot.take(site)
        # Once the search's files are written: its WebAssembly is in the policy.
        policy.write(site, self.allowed_scripts(config), preview=self.serving, done=self.with_meta,
                     written=self.meta_csp)
        if not self.serving:
            for future in self.compressed.values():
                future.result()
            self.stop_compressing()
            files.precompress(site, done=set(self.compressed), kept=self.compressed_copies)
        # What this build added to the stores; the dossiers' process trims theirs.
        for kept in (self.image_store, self.editor_store, self.compressed_copies):
            kept.trim()
        self.prune()

    def failed(self) -> None:
        """A build that fails leaves nothing behind: MkDocs writes each page as it
        goes, so a failure in the French pages would leave the Arabic ones in
        the output folder, a site that a careless deployment could publish half
        built. The folder is emptied, as MkDocs empties it before each build.
        The preview keeps its last good build on screen."""
        self.stop_dossiers()
        self.stop_compressing()
        self.stop_indexing()
        if self.output is None or self.serving or not self.output.is_dir():
            return
        for entry in self.output.iterdir():
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def site_path(config) -> str:
    """The path the site is published under (/ or /centre/), which the
    templates' inline scripts are written with."""
    return urlsplit(config.site_url or "/").path or "/"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_language_404s(site: Path, root_404: str | None = None) -> dict[str, str]:
    """Each language's 404 page, from the root one (its text as the build
    wrote it, or the file); returns {path in the site: text}."""
    if root_404 is None:
        root_404 = (site / "404.html").read_text(encoding="utf-8")
    written = {}
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            written[f"{lang}/404.html"] = alternates.language_404(root_404, lang)
            _write(site / lang / "404.html", written[f"{lang}/404.html"])
    return written


def write_icons(site: Path, docs: Path, kept: stored.Store | None = None) -> None:
    """/favicon.ico and /apple-touch-icon.png from the mark (moussalaha/output/mark.py)."""
    (site / THEME_FAVICON).unlink(missing_ok=True)
    mark.write_icons(docs / "assets" / "images" / "favicon.svg", site, kept)
