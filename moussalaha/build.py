"""The build's life cycle, in one place, and the registry of built pages.

How mkdocs-static-i18n builds the three languages: MkDocs builds the Arabic
site; then, in its own on_post_build (priority -100), the plugin builds
French and English one after the other, each a nested `build()` of the same
configuration into its folder (`plugin.building` is true meanwhile). Every
page event runs in each language's build; on_pre_build and on_post_build
run at the start and end of each nested build too.

So the hooks:
- start(): at the outer build's on_pre_build only, run the gate (check(),
  the editors' `site.py check` refuses the same) and empty the registry;
- record(): every page, as its context is made (multilingual hook);
- finish(): once, after the last language (a hook on_post_build with a
  priority below the plugin's -100), the steps that need every page, in
  this order: sitemaps and the 404 pages of each language, the search
  index, the security policy (the inline scripts of the templates, which
  every page was checked against as it was written: check_page), then the
  compressed copies of every text file.

Under `mkdocs serve` (`serving`), nothing is compressed.
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from moussalaha import alternates, data, files, gate, policy, search
from moussalaha.problems import Problems
from moussalaha.languages import DEFAULT_LANGUAGE, LANGUAGES, folder


@dataclass
class BuiltPage:
    lang: str  # the language the page is written in
    url: str  # its address in the site (fr/centre.html)
    path: str  # its file in the site
    versions: dict[str, str] = field(default_factory=dict)  # {lang: absolute address}


@dataclass
class State:
    serving: bool = False
    pages: dict[tuple[str, str], BuiltPage] = field(default_factory=dict)


state = State()


def nested(config) -> bool:
    """Whether this is one of the plugin's nested builds (French, English),
    not the outer build that ends once every language is built."""
    plugin = config.plugins.get("i18n")
    return plugin is not None and plugin.building


def startup(command: str) -> None:
    state.serving = command == "serve"


def start(config) -> None:
    if not nested(config):
        state.pages.clear()
        check(config)


def check(config) -> None:
    """The gate (moussalaha/gate.py), as `site.py check` runs it, before
    MkDocs reads a file: links, stray .html, sizes, SVG, disguising
    characters, untrusted YAML and the data's schema, HTML in pages and
    data. Raises every problem as `file:line: what is wrong — how to fix it`."""
    renderer = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    refused = gate.check_project(Path(config.config_file_path).parent, data.FILES,
                                 render_markdown=lambda text: renderer.reset().convert(text))
    if refused:
        raise Problems(refused)


def record(lang: str, url: str, path: str, versions: dict[str, str]) -> None:
    state.pages[(lang, url)] = BuiltPage(lang, url, path, versions)


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


def allowed_scripts(config) -> frozenset[str]:
    """The hashes of the inline scripts the build's templates ship."""
    return policy.allowed_scripts(tuple(policy.theme_folders(config)))


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
    search.build_index(site, [(page.lang, page.path) for page in state.pages.values()])
    policy.write(site, allowed_scripts(config))
    if not state.serving:
        files.precompress(site)


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
