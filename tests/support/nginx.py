"""Serve a built site with Debian's nginx and the shipped configuration
(deploy/nginx/), on 127.0.0.1, as production serves it.

    .venv/bin/python -m scripts.serve_prod [--port 8080] [--site site]

`make serve-prod` builds the site first and runs that command; it stays in
the foreground until Ctrl-C. The tests use `start()` to run the same
configuration on a free port.

nginx runs from a run directory (a copy of deploy/nginx/ with the port set
and site/ linked), so it needs no write access to /etc or /var; when run as
root, its workers run as root too, to read what root built.
"""

from __future__ import annotations

import argparse
import getpass
import http.client
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support import ROOT

DEPLOY = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
LISTEN = "listen 127.0.0.1:8080;"


def prepare(site: Path, port: int, run_dir: Path) -> list[str]:
    """Copy the configuration into run_dir for `port` and return the nginx command."""
    site = site.resolve()
    if not (site / ".nginx" / "csp.conf").is_file():
        sys.exit(f"{site}: not a built site (no .nginx/csp.conf); build it first with `make build`.")
    shutil.copytree(DEPLOY / "moussalaha", run_dir / "moussalaha")
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    if LISTEN not in conf:
        sys.exit(f"{DEPLOY / 'nginx.conf'}: no «{LISTEN}» line to set the port on.")
    (run_dir / "nginx.conf").write_text(conf.replace(LISTEN, f"listen 127.0.0.1:{port};"), encoding="utf-8")
    (run_dir / "site").symlink_to(site, target_is_directory=True)
    (run_dir / "tmp").mkdir()
    command = [NGINX, "-e", "stderr", "-p", f"{run_dir}/", "-c", str(run_dir / "nginx.conf")]
    if os.geteuid() == 0:
        command += ["-g", f"user {getpass.getuser()};"]
    return command


def wait_until_up(port: int, process: subprocess.Popen, seconds: float = 10) -> None:
    """Return once nginx answers on `port`, or raise."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped at start-up (exit {process.returncode}); see its messages above.")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("HEAD", "/")
            connection.getresponse()
            connection.close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nginx did not answer on 127.0.0.1:{port} within {seconds} s.")


def start(site: Path, port: int, run_dir: Path, **popen) -> subprocess.Popen:
    """Start nginx in the background; return once it answers."""
    process = subprocess.Popen(prepare(site, port, run_dir), **popen)
    try:
        wait_until_up(port, process)
    except RuntimeError:
        process.kill()
        raise
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="moussalaha-nginx-") as run_dir:
        command = prepare(args.site, args.port, Path(run_dir))
        print(f"Serving {args.site} with nginx on http://127.0.0.1:{args.port}/ (Ctrl-C stops it)", flush=True)
        process = subprocess.Popen(command)
        # Stopped by Ctrl-C or a kill: stop nginx too (TERM is its fast shutdown).
        for stop in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop, lambda *_: process.terminate())
        sys.exit(process.wait())
