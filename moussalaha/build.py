"""The build's life cycle, in one place, and the registry of built pages.

How mkdocs-static-i18n builds the three languages: MkDocs builds the Arabic
site; then, in its own on_post_build (priority -100), the plugin builds
French and English one after the other, each a nested `build()` of the same
configuration into its folder (`plugin.building` is true meanwhile). Every
page event runs in each language's build; on_pre_build and on_post_build
run at the start and end of each nested build too.

So the hooks:
- start(): at the outer build's on_pre_build only, run the gate (check(),
  the editors' `site.py check` refuses the same), empty the registry and
  forget the pages' git dates if a commit was made (moussalaha/updated.py);
- record(): every page, as its context is made (multilingual hook);
  record_sharing(): its preview image and, for the news page, its feed
  (sharing hook);
- finish(): once, after the last language (a hook on_post_build with a
  priority below the plugin's -100), the steps that need every page, in
  this order: sitemaps and the 404 pages of each language, the preview
  images, feeds, robots.txt and the programme's figures as CSV and JSON
  (moussalaha/open_data.py; while Pagefind builds the search index in
  its own process), the security policy (the
  inline scripts of the templates, which every page was checked against as
  it was written: check_page), then the compressed copies of every text file;
- failed(): when any step fails, the output folder is emptied, so that no
  half-built site is left to publish.

Under `mkdocs serve` (`serving`, the editors' preview), each save rebuilds
the site and should show in the browser within two seconds: saved files are
looked for every tenth of a second (watch_closely()), nothing is
compressed, the search index is built once, at the first build, and put
back after each rebuild (the preview searches the text as it was when
`make serve` started), only the preview images whose title changed are
rendered again (moussalaha/sharing.py), the gate checks again only the
files whose bytes changed (gate.Remembered), and the policy allows MkDocs'
live-reload script. In every build, the preview's and the production
one, the installed theme's files are listed once, not once per language
(configure(), at each build's on_config: moussalaha/theme_listing.py).
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from watchdog.observers.polling import PollingObserver

from moussalaha import (admin, alternates, data, dossier, files, gate, html, mark, open_data, policy, redirects,
                        sandbox, search, sharing, site_markdown, theme_listing, updated)
from moussalaha.problems import Problems
from moussalaha.languages import DEFAULT_LANGUAGE, LANGUAGES, folder, of_build


@dataclass
class BuiltPage:
    lang: str  # the language the page is written in
    url: str  # its address in the site (fr/centre.html)
    path: str  # its file in the site
    versions: dict[str, str] = field(default_factory=dict)  # {lang: absolute address}


@dataclass
class State:
    serving: bool = False
    output: Path | None = None  # the folder the whole site is written to (config.site_dir)
    pages: dict[tuple[str, str], BuiltPage] = field(default_factory=dict)
    # Under `mkdocs serve`: the search index of the first build, {path: bytes}.
    search_bundle: dict[str, bytes] | None = None
    # The centre's name in each language (mkdocs.yml: site_name, and the
    # i18n plugin's site_name of each language).
    site_names: dict[str, str] = field(default_factory=dict)
    images: dict[str, sharing.ImageRequest] = field(default_factory=dict)  # {path in the site: request}
    feeds: dict[str, sharing.FeedPage] = field(default_factory=dict)  # {lang: its news page}
    # Under `mkdocs serve`: the gate's problems of each file, checked again once it changes.
    gate_files: gate.Remembered = field(default_factory=gate.Remembered)
    # The dossiers (moussalaha/dossier.py), each rendered in another process
    # as soon as its language's pages are written: {lang: (path, size)}.
    dossier_pool: ProcessPoolExecutor | None = None
    dossiers: dict[str, Future] = field(default_factory=dict)
    # What the templates were when this build began (files.stamp): the
    # policy's allowed scripts are read again when one of them is saved.
    templates: tuple = ()


state = State()


# The theme's templates, compiled once and kept for the next language's build
# and the preview's rebuilds (MkDocs makes a new Jinja environment for each,
# which compiled every template again: half of a rebuild's time).
compiled_templates = sandbox.CompiledTemplates()


def share_compiled_templates(env: jinja2.Environment) -> None:
    env.bytecode_cache = compiled_templates


def nested(config) -> bool:
    """Whether this is one of the plugin's nested builds (French, English),
    not the outer build that ends once every language is built."""
    plugin = config.plugins.get("i18n")
    return plugin is not None and plugin.building


def startup(command: str) -> None:
    state.serving = command == "serve"


def configure(config) -> None:
    """At each build's on_config: the installed theme's files are listed once
    per process, not once per language and per rebuild
    (moussalaha/theme_listing.py)."""
    theme_listing.list_installed_once(config.theme)


# How often the preview looks for saved files. MkDocs looks every half
# second, a quarter of a second's wait on average before a rebuild starts;
# a look at docs/ and overrides/ takes about a millisecond.
PREVIEW_POLL_SECONDS = 0.1


def watch_closely(server, config) -> None:
    """Under `mkdocs serve` (its on_serve), the files MkDocs watches so far
    (the pages and data, mkdocs.yml) are looked at every
    PREVIEW_POLL_SECONDS; the folders of mkdocs.yml's `watch:`, which MkDocs
    adds after on_serve, are too. Only the server's public `observer`,
    `watch` and `unwatch` are used."""
    watched = [config.docs_dir] + ([config.config_file_path] if config.config_file_path else [])
    for path in watched:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=PREVIEW_POLL_SECONDS)
    for path in watched:
        server.watch(path)


def start(config) -> None:
    if not nested(config):
        state.output = Path(config.site_dir)
        state.pages.clear()
        state.images.clear()
        state.feeds.clear()
        state.templates = files.stamp(path for folder in policy.theme_folders(config)
                                      for path in Path(folder).rglob("*.html"))
        updated.forget(Path(config.config_file_path).parent)  # a commit since the last build moves the dates
        plugin = config.plugins.get("i18n")
        state.site_names = {DEFAULT_LANGUAGE: config.site_name} | {
            language.locale: language.site_name for language in (plugin.config.languages if plugin else [])
            if language.site_name}
        check(config)
        if not state.serving:
            start_dossiers()


def start_dossiers() -> None:
    """The processes that render the dossiers (moussalaha/dossier.py)."""
    stop_dossiers()
    state.dossiers.clear()
    state.dossier_pool = dossier.start_workers()


def stop_dossiers() -> None:
    if state.dossier_pool is not None:
        state.dossier_pool.shutdown(wait=True, cancel_futures=True)
        state.dossier_pool = None


def language_built(config) -> None:
    """Once a language's pages are all written (each language's
    on_post_build, before the next language is built): its dossier is
    rendered from them, in the other process, while the next language
    builds. Not under `mkdocs serve`: the preview has no dossier."""
    if state.dossier_pool is None or state.output is None:
        return
    lang = of_build(config)
    site, docs = state.output, Path(config.docs_dir)
    facts = data.load(docs / "data")
    ui = facts.localised(lang)["ui"]
    words = dossier.Words(centre=getattr(facts.centre.name, lang), title=ui["dossier_title"],
                          contents=ui["dossier_contents"], latest_news=ui["dossier_latest_news"],
                          date_label=ui["dossier_date"])
    project = Path(config.config_file_path).parent
    state.dossiers[lang] = state.dossier_pool.submit(dossier.write, site, docs, lang, words,
                                                     dossier.dossier_date(project), dossier.cache_folder(project))


def finish_dossiers(site: Path, facts: data.SiteData, repo: Path) -> None:
    """Wait for the dossiers, then write each one's size and date beside
    its links (dossier-link.html), in the pages of its language."""
    if state.dossier_pool is None:
        return
    done = {lang: future.result() for lang, future in state.dossiers.items()}
    stop_dossiers()
    day = dossier.dossier_date(repo)
    for page in state.pages.values():
        if page.lang not in done:
            continue
        path = site / page.path
        text = path.read_text(encoding="utf-8")
        if dossier.DETAILS_ATTRIBUTE not in text:
            continue
        details = dossier.details(done[page.lang][1], day, page.lang, facts.localised(page.lang)["ui"])
        path.write_text(html.fill_dossier_details(text, dossier.DETAILS_ATTRIBUTE, details), encoding="utf-8")


def check(config) -> None:
    """The gate (moussalaha/gate.py), as `site.py check` runs it, before
    MkDocs reads a file: links, stray .html, sizes, SVG, disguising
    characters, untrusted YAML and the data's schema, HTML in pages and
    data. Raises every problem as `file:line: what is wrong — how to fix it`."""
    root = Path(config.config_file_path).parent
    refused = gate.check_project(root, data.FILES, render_markdown=site_markdown.converter(root),
                                 remembered=state.gate_files if state.serving else None,
                                 markdown_settings=repr((config.markdown_extensions, config.mdx_configs)))
    if refused:
        raise Problems(refused)
    # The previous site's addresses: each leads to a page of this site, in one step.
    docs = Path(config.docs_dir)
    refused = redirects.problems(docs, data.load(docs / "data"))
    if refused:
        raise Problems(refused)


def record(lang: str, url: str, path: str, versions: dict[str, str]) -> None:
    state.pages[(lang, url)] = BuiltPage(lang, url, path, versions)


def record_sharing(image: tuple[str, sharing.ImageRequest], feed: sharing.FeedPage | None = None) -> None:
    path, request = image
    state.images[path] = request
    if feed is not None:
        state.feeds[feed.lang] = feed


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_sitemaps(site: Path, site_url: str | None) -> None:
    entries = sorted((alternates.public_url(site_url, page.url), page.versions) for page in state.pages.values())
    for lang in LANGUAGES:
        prefix = folder(lang)
        mine = entries if not prefix else [e for e in entries if e[1].get(lang) == e[0]]
        xml = alternates.sitemap(mine)
        _write(site / prefix / "sitemap.xml", xml)
        (site / prefix / "sitemap.xml.gz").write_bytes(gzip.compress(xml.encode(), mtime=0))


def write_language_404s(site: Path) -> None:
    root_404 = (site / "404.html").read_text(encoding="utf-8")
    for lang in LANGUAGES:
        if lang != DEFAULT_LANGUAGE:
            _write(site / lang / "404.html", alternates.language_404(root_404, lang))


# The theme's own favicon, a generic book, which no page names: the site's
# mark is favicon.svg, and the bitmaps browsers ask for by name at the root.
THEME_FAVICON = "assets/images/favicon.png"


def write_icons(site: Path, docs: Path) -> None:
    """/favicon.ico and /apple-touch-icon.png from the mark (moussalaha/mark.py)."""
    (site / THEME_FAVICON).unlink(missing_ok=True)
    mark.write_icons(docs / "assets" / "images" / "favicon.svg", site)


def allowed_scripts(config) -> frozenset[str]:
    """The hashes of the inline scripts the build's templates ship."""
    return policy.allowed_scripts(tuple(policy.theme_folders(config)), urlsplit(config.site_url or "/").path or "/",
                                  state.templates)


def check_page(output: str, config, where: str) -> None:
    """Refuse a built page that carries an inline script, style or handler
    its templates do not ship; `where` is the editor's file."""
    policy.refuse_foreign(output, allowed_scripts(config), where)


def finish(config) -> None:
    """Once every language is built: what needs the whole site."""
    if nested(config):
        return
    site = Path(config.site_dir)
    write_sitemaps(site, config.site_url)
    write_language_404s(site)
    write_icons(site, Path(config.docs_dir))
    facts = data.load(Path(config.docs_dir) / "data")
    with ThreadPoolExecutor(max_workers=1) as pool:
        indexing = None
        if not (state.serving and state.search_bundle is not None):
            # Pagefind indexes the pages in its own process, on another core,
            # while the preview images are drawn here (into other folders).
            indexing = pool.submit(search.build_index, site, [(page.lang, page.path) for page in state.pages.values()])
        sharing.write_images(site, state.images)
        sharing.write_feeds(site, state.feeds, Path(config.docs_dir), config.site_url)
        sharing.write_robots(site, config.site_url)
        open_data.write(site, facts, config.site_url)
        if indexing is None:
            search.restore(site, state.search_bundle)
        else:
            indexing.result()
            if state.serving:
                state.search_bundle = search.snapshot(site)
    redirects.write(site, facts, config.site_url)
    finish_dossiers(site, facts, Path(config.config_file_path).parent)
    policy.write(site, allowed_scripts(config), preview=state.serving)
    # After the pages' policy, which leaves admin/ alone: the editor has its own.
    admin.write(site, Path(config.config_file_path).parent, config.site_name, config.site_url)
    if not state.serving:
        files.minify_own(site)
        files.precompress(site)


def failed() -> None:
    """A build that fails leaves nothing behind: MkDocs writes each page as it
    goes, so a failure in the French pages would leave the Arabic ones in
    the output folder, a site that a careless deployment could publish half
    built. The folder is emptied, as MkDocs empties it before each build.
    The preview keeps its last good build on screen."""
    stop_dossiers()
    if state.output is None or state.serving or not state.output.is_dir():
        return
    for entry in state.output.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def run(site_dir: Path, project: Path, site_url: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` into `site_dir`, as CI runs it,
    in its own process (the tests, the editors' check, the benchmarks)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **env)
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True,
    )
