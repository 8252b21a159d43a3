"""Every read of MkDocs' and mkdocs-static-i18n's internals, in one place.

The site's plugin (moussalaha/plugin.py) uses MkDocs' documented events
and, for what they do not give, the attributes below. None of them is a
promised interface: each has a test (tests/unit/test_engine_adapters.py)
that fails naming the attribute and the installed version if an upgrade
moves it, and a move to another engine (ProperDocs, Zensical) changes
this file, not the steps of the build.

| what                                  | whose                | read by            |
|---------------------------------------|----------------------|--------------------|
| `I18n.building`                       | mkdocs-static-i18n   | nested_build       |
| `I18n.current_language`               | mkdocs-static-i18n   | building_language  |
| `I18n.config.languages[].locale/site_name` | mkdocs-static-i18n | site_names |
| `File.locale`, `File.alternates`      | mkdocs-static-i18n   | page_language, page_versions |
| `Theme.static_templates`              | MkDocs               | write_template     |
| `Theme.get_env`, its loader's `searchpath/encoding/followlinks` | MkDocs | list_theme_once |
| `LiveReloadServer.observer/watch/unwatch` | MkDocs           | poll_watched       |
| `Page.active` (a navigation item's)   | MkDocs               | set_active         |
"""

from __future__ import annotations

from importlib.metadata import version
from typing import Callable

import jinja2
from watchdog.observers.polling import PollingObserver

from moussalaha.languages import DEFAULT_LANGUAGE

I18N = "i18n"  # mkdocs-static-i18n's name in mkdocs.yml's plugins


def installed(package: str) -> str:
    """`package 1.2.3`, for the messages of a moved attribute."""
    return f"{package} {version(package)}"


def _i18n(config):
    return config.plugins.get(I18N)


def nested_build(config) -> bool:
    """Whether this is one of mkdocs-static-i18n's nested builds (French,
    English, run from its on_post_build), not the outer build that ends once
    every language is built."""
    plugin = _i18n(config)
    return plugin is not None and plugin.building


def building_language(config) -> str:
    """The language mkdocs-static-i18n is building now (a fallback page is
    written in Arabic inside the French build)."""
    return getattr(_i18n(config), "current_language", None) or DEFAULT_LANGUAGE


def page_language(page) -> str:
    """The language a MkDocs page is written in (mkdocs-static-i18n sets `locale` on its file)."""
    return getattr(page.file, "locale", None) or DEFAULT_LANGUAGE


def page_versions(page) -> dict:
    """The page's files in each language, {lang: File} (mkdocs-static-i18n's
    `alternates`); the page alone without the plugin."""
    return getattr(page.file, "alternates", None) or {page_language(page): page.file}


def site_names(config) -> dict[str, str]:
    """The centre's name in each language: mkdocs.yml's site_name, and the
    i18n plugin's site_name of each language that has one."""
    plugin = _i18n(config)
    return {DEFAULT_LANGUAGE: config.site_name} | {
        language.locale: language.site_name for language in (plugin.config.languages if plugin else [])
        if language.site_name}


def write_template(config, name: str, written: bool) -> None:
    """Whether this build writes the theme's static template `name` (404.html)."""
    templates = config.theme.static_templates
    if written:
        templates.add(name)
    else:
        templates.discard(name)


def list_theme_once(theme, loader: Callable[..., jinja2.BaseLoader]) -> None:
    """Make the environments of `theme` (a MkDocs Theme) load with `loader`
    (made from the theme's loader's searchpath, encoding and followlinks).
    MkDocs makes a new environment at each build, so its `get_env` is
    wrapped; calling this again changes nothing."""
    make_env = theme.get_env
    if getattr(make_env, "lists_installed_once", False):
        return

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = loader(env.loader.searchpath, encoding=env.loader.encoding, followlinks=env.loader.followlinks)
        return env

    get_env.lists_installed_once = True
    theme.get_env = get_env


def poll_watched(server, paths: list[str], seconds: float) -> None:
    """Under `mkdocs serve` (its on_serve): the live-reload server looks at
    `paths` (which it watches already), and at whatever it is asked to watch
    later, every `seconds`. Only the server's public `observer`, `watch` and
    `unwatch` are used."""
    for path in paths:
        server.unwatch(path)
    server.observer = PollingObserver(timeout=seconds)
    for path in paths:
        server.watch(path)


def nav_page(nav, url: str):
    """The navigation's page at `url`, or None."""
    return next((item for item in nav.pages if item.url == url), None)


def set_active(item, active: bool) -> None:
    """Mark a navigation item (and its sections) as the current page's.
    MkDocs keeps the navigation between pages: undo it after the page."""
    item.active = active
