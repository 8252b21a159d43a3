"""MkDocs hook: the build's life cycle (moussalaha/build.py says it in full).

As each language's pages are written, its dossier (PDF) starts rendering
in another process. Once every language is built, one step after the
other: the sitemaps and the 404 page of each language, the search index,
the open data, the dossiers' sizes beside their links, the security
headers and policy, then a .gz and .br beside every text file (not under
`mkdocs serve`).
Under `mkdocs serve`, the installed theme's files are listed once (on_config).
Every page, as it is written, is refused if it carries an inline script,
style or handler the templates do not ship (moussalaha/policy.py). A build
that fails leaves its output folder empty.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority

from moussalaha import build
from moussalaha.problems import SiteError


def on_startup(command, dirty):
    build.startup(command)


def on_config(config):
    build.configure(config)
    return config


def on_serve(server, config, builder):
    build.watch_closely(server, config)
    return server


@event_priority(100)  # before any file is read: the gate; the registry starts empty
def on_pre_build(config):
    try:
        build.start(config)
    except SiteError as error:
        raise PluginError(str(error)) from None


@event_priority(-100)  # after every other hook has changed the page
def on_post_page(output, page, config):
    try:
        build.check_page(output, config, f"docs/{page.file.src_uri}")
    except SiteError as error:
        raise PluginError(str(error)) from None
    return output


@event_priority(-100)
def on_post_template(output, template_name, config):
    try:
        build.check_page(output, config, f"overrides/{template_name}")
    except SiteError as error:
        raise PluginError(str(error)) from None
    return output


def on_env(env, config, files):
    build.share_compiled_templates(env)
    return env


@event_priority(0)  # each language's, before mkdocs-static-i18n (-100) builds the next
def _language_built(config):
    try:
        build.language_built(config)
    except SiteError as error:
        raise PluginError(str(error)) from None


@event_priority(-110)  # after mkdocs-static-i18n (-100) has built every language
def _site_built(config):
    try:
        build.finish(config)
    except SiteError as error:
        raise PluginError(str(error)) from None


# Each language's dossier as soon as its pages are written; once every
# language is built, what needs the whole site.
on_post_build = CombinedEvent(_language_built, _site_built)


def on_build_error(error):
    build.failed()
