"""The site's quality tools, shared by tests/test_quality.py and scripts/bench.py.

- axe-core and Lighthouse, the npm packages pinned in package-lock.json
  (`make test` installs them with `npm ci`), run against Debian's Chromium;
- a local static server that answers as a production server does: gzip or
  brotli (the `.br`/`.gz` files the build writes beside each text file, or
  compressed on the fly for a build that has none), and the root 404.html
  for a missing address, as GitHub Pages does.

Not a command: import it. To try Lighthouse on one address by hand:

    .venv/bin/python scripts/quality.py http://127.0.0.1:8000/index.html
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import mimetypes
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import unquote

import brotli

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium must not call home: the machine has no network, and the figures
# must count the site's own requests only.
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
LIGHTHOUSE_CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".wasm"}
# Fingerprinted files (main.57a0d79d.min.css) never change under their name.
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.")


def require_node_tools() -> None:
    missing = [str(p.relative_to(ROOT)) for p in (AXE_JS, LIGHTHOUSE) if not p.exists()]
    if missing:
        raise RuntimeError(f"{', '.join(missing)} missing: run `make test` (or `npm ci`), which installs them.")


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
                self._cache[key] = brotli.compress(raw, quality=11) if encoding == "br" else gzip.compress(raw, 9, mtime=0)
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
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
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


def axe(page) -> list[dict]:
    """Run axe-core in a Playwright page; its violations, each with its nodes."""
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations)",
        AXE_TAGS,
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def lighthouse(url: str, categories=LIGHTHOUSE_CATEGORIES, timeout: int = 240) -> dict:
    """One Lighthouse run with its default mobile settings (a mid-range phone
    on slow 4G, simulated throttling); the full JSON report."""
    require_node_tools()
    command = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
        f"--only-categories={','.join(categories)}", f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                            env=dict(os.environ, CHROME_PATH=CHROMIUM))
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def lighthouse_version() -> str:
    return json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text())["version"]


def scores(report: dict) -> dict[str, int | None]:
    """Category scores out of 100, as Lighthouse shows them."""
    return {key: None if c["score"] is None else round(c["score"] * 100)
            for key, c in report["categories"].items()}


def failed_audits(report: dict, category: str) -> list[str]:
    """The audits that cost a category points, with what they found."""
    audits = report["audits"]
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            line = f"{ref['id']} ({audit['score']}): {audit['title']}"
            if audit.get("displayValue"):
                line += f" — {audit['displayValue']}"
            items = (audit.get("details") or {}).get("items") or []
            for item in items[:5]:
                node = item.get("node") or {}
                what = node.get("snippet") or item.get("url") or item.get("source") or item.get("description")
                if what:
                    line += f"\n    {str(what)[:200]}"
            lines.append(line)
    return lines


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    found = lighthouse(sys.argv[1])
    print(scores(found))
    for name in found["categories"]:
        for problem in failed_audits(found, name):
            print(f"[{name}] {problem}")
