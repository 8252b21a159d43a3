"""What the built site's files are to a server: which are text worth
compressing, and which carry a hash of their content in their name (cached
for a year). The build, the production check server and the tests read
these definitions; deploy/nginx/moussalaha/http.conf writes the same
pattern for nginx (tests/serving check that they agree).
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

# Text (and WebAssembly, which compresses as well) by extension. Not images,
# fonts or archives, already compressed, nor source maps, which only
# developer tools fetch (they took half the time).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"}
# Files whose name carries a hash of their content (the theme's main.1a2b3c4d.min.css).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}(\.min)?\.(css|js)$")
IMMUTABLE = "public, max-age=31536000, immutable"
# The strongest levels: compressed once, at build time, sent many times.
GZIP_LEVEL = 9
BROTLI_QUALITY = 11


def compressible(path: Path) -> bool:
    return path.is_file() and path.suffix in COMPRESSIBLE


def precompress(site: Path, gzip_level: int = GZIP_LEVEL, brotli_quality: int = BROTLI_QUALITY) -> None:
    """A .gz and a .br beside every text file, the same bytes on every build
    (gzip without a timestamp or a file name, fixed levels)."""
    for path in sorted(site.rglob("*")):
        if compressible(path):
            data = path.read_bytes()
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=gzip_level, mtime=0))
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=brotli_quality))
