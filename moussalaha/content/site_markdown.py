"""The site's Markdown renderer, set up as mkdocs.yml sets up MkDocs' own:
its `markdown_extensions` read by MkDocs' own option (the builtins `toc`,
`tables` and `fenced_code` first, each extension's settings kept), so that
the gate, the editors' tool, the build's gate and the tests render a page
as the build does. (MkDocs adds its own link and title extensions when it
renders a page; they change where links point, not what HTML is made.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import markdown
from mkdocs.config.config_options import MarkdownExtensions
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load


def extensions(root: Path) -> tuple[list[str], dict[str, dict]]:
    """The extensions of `root`/mkdocs.yml and their settings, as MkDocs reads them."""
    config = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    option = MarkdownExtensions(builtins=MkDocsConfig.markdown_extensions.builtins)
    names = option.validate(config.get("markdown_extensions") or [])
    return names, option.configdata


def renderer(root: Path) -> markdown.Markdown:
    """A renderer with the extensions of `root`/mkdocs.yml (reset it between pages)."""
    names, settings = extensions(root)
    return markdown.Markdown(extensions=names, extension_configs=settings)


def converter(root: Path) -> Callable[[str], str]:
    """Markdown text → HTML, as `root`'s site renders it."""
    made = renderer(root)
    return lambda text: made.reset().convert(text)
