"""Every read of MkDocs' and mkdocs-static-i18n's internals (moussalaha/engine/__init__.py)
still finds what it reads in the installed versions: a real build of a tiny
two-language project, watched by a probe plugin. An upgrade that moves one
fails here, naming the attribute and the installed version."""

from __future__ import annotations

import jinja2
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

from moussalaha import engine

pytestmark = pytest.mark.unit

MKDOCS, I18N = "mkdocs", "mkdocs-static-i18n"


def moved(package: str, attribute: str) -> str:
    return f"{engine.installed(package)}: `{attribute}` moved or changed; moussalaha/engine/__init__.py reads it"


class Probe(BasePlugin):
    """What engine.py reads, at each event of each language's build."""

    def __init__(self):
        self.builds, self.pages, self.nav = [], {}, []

    def on_pre_build(self, *, config):
        plugin = config.plugins[engine.I18N]
        assert hasattr(plugin, "building"), moved(I18N, "I18n.building")
        assert hasattr(plugin, "current_language"), moved(I18N, "I18n.current_language")
        self.builds.append((engine.nested_build(config), engine.building_language(config)))

    def on_page_context(self, context, *, page, config, nav):
        assert hasattr(page.file, "locale"), moved(I18N, "File.locale")
        assert hasattr(page.file, "alternates"), moved(I18N, "File.alternates")
        self.pages[(engine.building_language(config), page.file.src_uri)] = (
            engine.page_language(page), sorted(engine.page_versions(page)))
        item = engine.nav_page(nav, page.file.url)
        assert isinstance(item, Page), moved(MKDOCS, "Navigation.pages")
        engine.set_active(item, True)
        self.nav.append((item.active, item.parent.active))
        engine.set_active(item, False)
        self.nav.append((item.active, item.parent.active))
        return context


@pytest.fixture
def project(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# بيت\n", encoding="utf-8")
    (docs / "index.fr.md").write_text("# Maison\n", encoding="utf-8")
    (docs / "about.md").write_text("# عن\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: بيت\nuse_directory_urls: false\nnav:\n  - Section:\n    - index.md\n    - about.md\n"
        "plugins:\n  - i18n:\n      docs_structure: suffix\n      fallback_to_default: true\n      languages:\n"
        "        - {locale: ar, name: العربية, default: true, build: true}\n"
        "        - {locale: fr, name: Français, build: true, site_name: Maison}\n", encoding="utf-8")
    return tmp_path


def test_the_i18n_plugin_and_its_files_are_read_as_they_are(project):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    probe = Probe()
    config.plugins["probe"] = probe
    assert engine.site_names(config) == {"ar": "بيت", "fr": "Maison"}, moved(I18N, "I18n.config.languages[].site_name")
    build(config)
    # The outer build is Arabic; the French one is nested, run from the i18n plugin's on_post_build.
    assert probe.builds == [(False, "ar"), (True, "fr")], moved(I18N, "I18n.building / I18n.current_language")
    assert not engine.nested_build(config), moved(I18N, "I18n.building")
    # A translated page, and a page the French build takes from Arabic (fallback).
    assert probe.pages[("fr", "index.fr.md")] == ("fr", ["ar", "fr"]), moved(I18N, "File.locale / File.alternates")
    assert probe.pages[("fr", "about.md")][0] == "ar", moved(I18N, "File.locale")
    assert probe.pages[("ar", "index.md")] == ("ar", ["ar", "fr"]), moved(I18N, "File.alternates")
    # A menu item made active marks its section too, and is made inactive again.
    assert set(probe.nav[0::2]) == {(True, True)} and set(probe.nav[1::2]) == {(False, False)}, moved(MKDOCS, "Page.active")


def test_the_theme_is_read_as_it_is(project):
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    templates = config.theme.static_templates
    assert isinstance(templates, set) and "404.html" in templates, moved(MKDOCS, "Theme.static_templates")
    engine.write_template(config, "404.html", False)
    assert "404.html" not in config.theme.static_templates, moved(MKDOCS, "Theme.static_templates")
    engine.write_template(config, "404.html", True)
    assert "404.html" in config.theme.static_templates, moved(MKDOCS, "Theme.static_templates")

    made = []

    def loader(searchpath, encoding, followlinks):
        made.append((list(searchpath), encoding, followlinks))
        return jinja2.FileSystemLoader(searchpath, encoding=encoding, followlinks=followlinks)

    engine.list_theme_once(config.theme, loader)
    engine.list_theme_once(config.theme, loader)  # once is enough
    env = config.theme.get_env()
    assert made == [(config.theme.dirs, "utf-8", False)], moved(MKDOCS, "Theme.get_env() loader's searchpath/encoding")
    assert env.get_template("404.html") is not None, moved(MKDOCS, "Theme.get_env")


def test_the_live_reload_server_polls_as_it_is_told(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        assert hasattr(server, "observer"), moved(MKDOCS, "LiveReloadServer.observer")
        server.watch(str(tmp_path))
        engine.poll_watched(server, [str(tmp_path)], 0.1)
        assert server.observer.timeout == 0.1, moved(MKDOCS, "LiveReloadServer.observer")
        # The watched folder moved to the new observer: a save is seen.
        assert [emitter.watch.path for emitter in server.observer.emitters] == [str(tmp_path)], \
            moved(MKDOCS, "LiveReloadServer.watch/unwatch")
        (tmp_path / "later").mkdir()
        server.watch(str(tmp_path / "later"))  # mkdocs.yml's `watch:`, added after on_serve
        assert len(server.observer.emitters) == 2, moved(MKDOCS, "LiveReloadServer.watch")
    finally:
        server.server_close()
