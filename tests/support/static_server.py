"""The static server of the tests and scripts: a built site on 127.0.0.1,
answering as production does (GitHub Pages or nginx).

- the root 404.html for a missing address, as GitHub Pages does;
- gzip or brotli, as the client accepts (the `.br`/`.gz` files the build
  writes beside each text file, or compressed on the fly for a build that
  has none);
- long caching for fingerprinted files and fonts, revalidation for the rest.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import mimetypes
import threading
from pathlib import Path
from urllib.parse import unquote

import brotli

from moussalaha.output.files import (
    COMPRESSIBLE,
    FINGERPRINTED,
    GZIP_LEVEL,
    IMMUTABLE,
    brotli_quality,
)


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site under `prefix`, compressed as the client accepts."""

    prefix = "/"
    # Keep-alive, as every production server: HTTP/1.0 would open a new
    # connection for each file, which Lighthouse counts as round trips.
    protocol_version = "HTTP/1.1"
    _cache: dict[tuple[Path, str], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def _file(self) -> tuple[Path, int]:
        path = unquote(self.path.split("?", 1)[0].split("#", 1)[0])
        root = Path(self.directory)
        if path.startswith(self.prefix):
            target = (root / path[len(self.prefix):]).resolve()
            if target.is_dir():
                target = target / "index.html"
            if target.is_file() and root.resolve() in target.parents:
                return target, 200
        return root / "404.html", 404

    def _body(self, target: Path, encoding: str | None) -> bytes:
        if encoding is None:
            return target.read_bytes()
        ready = target.with_name(target.name + (".br" if encoding == "br" else ".gz"))
        if ready.is_file():
            return ready.read_bytes()
        key = (target, encoding)
        with self._lock:
            if key not in self._cache:
                raw = target.read_bytes()
                self._cache[key] = brotli.compress(raw, quality=brotli_quality(target)) if encoding == "br" else gzip.compress(raw, GZIP_LEVEL, mtime=0)
            return self._cache[key]

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        target, status = self._file()
        accepted = {e.split(";")[0].strip() for e in self.headers.get("Accept-Encoding", "").split(",")}
        encoding = None
        if target.suffix in COMPRESSIBLE:
            encoding = "br" if "br" in accepted else "gzip" if "gzip" in accepted else None
        body = self._body(target, encoding)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if target.suffix in COMPRESSIBLE:
            self.send_header("Vary", "Accept-Encoding")
        immutable = FINGERPRINTED.search(target.name) or "/fonts/" in str(target)
        self.send_header("Cache-Control", IMMUTABLE if immutable else "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is not an error


def serve(directory: Path, prefix: str = "/", port: int = 0) -> tuple[QuietServer, str]:
    """Serve `directory` at http://127.0.0.1:port/prefix in a background thread."""
    handler = functools.partial(type("Handler", (CompressingHandler,), {"prefix": prefix}), directory=str(directory))
    server = QuietServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"
