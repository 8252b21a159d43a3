"""What the built site's files are to a server: which are text worth
compressing, and which carry a hash of their content in their name (cached
for a year). The build, the production check server and the tests read
these definitions; deploy/nginx/moussalaha/http.conf writes the same
pattern for nginx (tests/serving check that they agree). And their
compressed copies, made once for given bytes and kept between builds
(moussalaha/stored.py).
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import brotli
import rcssmin
import rjsmin

from moussalaha import stored

# Text (and WebAssembly, which compresses as well) by extension. Not images,
# fonts or archives, already compressed, nor source maps, which only
# developer tools fetch (they took half the time).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm"}
# The theme's own JavaScript, which no page loads (overrides/main.html loads
# none of it; Pagefind replaces the theme's search): 1 MB that no visitor
# receives, whose compression at brotli 11 took half of the build's
# compression time (2.9 s of 5.5 s). Compressed at the fastest levels.
NOT_LOADED = re.compile(r"^assets/javascripts/(lunr/|workers/|bundle\.[0-9a-f]{8,}\.min\.js$)")
# Files whose name carries a hash of their content (the theme's main.1a2b3c4d.min.css).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}(\.min)?\.(css|js)$")
IMMUTABLE = "public, max-age=31536000, immutable"
# Compressed once, at build time, sent many times; the levels chosen on the
# bytes they save against the seconds they cost. Pages, measured again on
# the site's 93 pages (2.5 MB) in 2026-11: brotli 5 to 8 give the same size
# (561 KB) in 0.1-0.16 s of processor time; 9 gives it too, in 1.4 s; 10 is
# 8 % smaller (513 KB: 520 bytes a page) for 2.2 s, a second of every build
# on two cores, and the cost grows with every page: pages get 8. Style sheets, scripts
# and the search's files: 11 (3 % smaller than 10 for 0.3 s), as every new
# visitor downloads them and keeps them a year. gzip, for the browsers
# without brotli: its strongest level costs 0.1 s in all.
GZIP_LEVEL = 9
BROTLI_QUALITY = {".html": 8}
BROTLI_QUALITY_OTHERWISE = 11
# The web editor (admin/, moussalaha/output/admin.py), which a few editors load:
# quality 11 took 3.7 s of processor time on its 2.1 MB script, every
# build, for 46 KB (8 %) less than quality 8, which takes 0.15 s.
EDITOR_FOLDER = "admin/"
BROTLI_QUALITY_EDITOR = 8
FASTEST = 1


def compressible(path: Path) -> bool:
    return path.is_file() and path.suffix in COMPRESSIBLE


def brotli_quality(path: Path) -> int:
    return BROTLI_QUALITY.get(path.suffix, BROTLI_QUALITY_OTHERWISE)


# The site's own style sheets and scripts (the theme's are minified
# already): written with comments for the people who change them, sent
# without them, to every first visitor. site.css 8.9 KB brotli with its
# comments, 5.0 KB without; search.js 4.3 KB and 2.7 KB.
OWN_FILES = {"assets/stylesheets": (".css", rcssmin.cssmin), "assets/javascripts": (".js", rjsmin.jsmin)}


def minify_own(site: Path) -> None:
    """The site's own style sheets and scripts in the built site, without
    comments and spaces (rcssmin and rjsmin, which leave strings, regular
    expressions and selectors as written). Before any hash of their content."""
    for folder, (suffix, minify) in OWN_FILES.items():
        for path in sorted((site / folder).glob("*" + suffix)):
            if not path.name.endswith(".min" + suffix):
                path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")


def levels(address: str) -> tuple[int, int]:
    """The gzip level and brotli quality of a file, by its path in the site."""
    if NOT_LOADED.match(address):
        return FASTEST, FASTEST
    if address.startswith(EDITOR_FOLDER):
        return GZIP_LEVEL, BROTLI_QUALITY_EDITOR
    return GZIP_LEVEL, brotli_quality(Path(address))


# Compressed copies kept between builds (moussalaha/stored.py): about 2 MB a
# build; a few versions of the site.
STORE_KIND, STORE_LIMIT = "compressed", 40 * 1024 * 1024


def store(project: Path) -> stored.Store:
    return stored.Store.of(project, STORE_KIND, STORE_LIMIT)


@cache
def _compressor_versions() -> dict:
    return {"zlib": zlib.ZLIB_RUNTIME_VERSION, **stored.versions("brotli")}


def compressed(data: bytes, gzip_level: int, quality: int, kept: stored.Store | None = None) -> tuple[bytes, bytes]:
    """`data` gzipped (without a timestamp or a file name) and in brotli, at
    fixed levels: the same bytes on every build. Taken from `kept` (the
    compressed copies of earlier builds) when it holds them and they give
    back `data` exactly; else compressed, and kept."""
    name = stored.key(data, gzip_level, quality, _compressor_versions()) if kept else None
    if name:
        zipped, squeezed = kept.read(f"{name}.gz"), kept.read(f"{name}.br")
        try:
            if zipped and squeezed and gzip.decompress(zipped) == data and brotli.decompress(squeezed) == data:
                return zipped, squeezed
        except (OSError, EOFError, brotli.error):
            pass  # damaged: made again
    zipped = gzip.compress(data, compresslevel=gzip_level, mtime=0)
    squeezed = brotli.compress(data, quality=quality)
    if name:
        kept.write(f"{name}.gz", zipped)
        kept.write(f"{name}.br", squeezed)
    return zipped, squeezed


def compress(site: Path, path: Path, data: bytes | None = None, kept: stored.Store | None = None) -> None:
    """A .gz and a .br beside `path`, a file of `site`, from its bytes (`data`,
    as the build writes them, or read from the file)."""
    data = path.read_bytes() if data is None else data
    zipped, squeezed = compressed(data, *levels(path.relative_to(site).as_posix()), kept)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_name(path.name + ".gz").write_bytes(zipped)
    path.with_name(path.name + ".br").write_bytes(squeezed)


def precompress(site: Path, done: Collection[str] = (), kept: stored.Store | None = None) -> None:
    """A .gz and a .br beside every text file but those `done` (their paths
    in the site: compressed by the build as it wrote them). The files are compressed on every core
    at once: brotli and zlib let go of Python's lock while they work, and
    each file's copies depend on it alone (on two cores, 1.5 s instead of 3 s)."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        # list(): an error in any file is raised here.
        list(pool.map(lambda path: compress(site, path, kept=kept),
                      [path for path in sorted(site.rglob("*"))
                       if compressible(path) and path.relative_to(site).as_posix() not in done]))
