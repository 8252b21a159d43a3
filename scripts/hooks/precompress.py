"""MkDocs hook: write a `.gz` and a `.br` beside every text file of the built site.

nginx (`gzip_static`, `brotli_static`) and CDNs then send the precompressed
file to browsers that accept it, at the strongest levels, without compressing
anything per request. The output is byte for byte the same on every build
(gzip without a timestamp or a file name, fixed levels).

Runs at the very end of `mkdocs build`, after every language is built and
after every other hook that writes files (anything that writes in
on_post_build must use a priority above -500). Skipped by `mkdocs serve`,
where nothing needs it. Listed under `hooks:` in mkdocs.yml.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from mkdocs.plugins import event_priority

# Text (and WebAssembly, which compresses as well) by extension. Not images,
# fonts or archives, already compressed, nor source maps, which only
# developer tools fetch (they took half the time).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"}

_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def compressible(path: Path) -> bool:
    return path.is_file() and path.suffix in COMPRESSIBLE


@event_priority(-500)
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if (plugin is not None and plugin.building) or _command == "serve":
        return
    for path in sorted(Path(config.site_dir).rglob("*")):
        if compressible(path):
            data = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))
