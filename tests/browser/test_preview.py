"""The editors' preview, `make serve`: a page reloads by itself in Chromium
after a page or a data file is saved, and the site's own
Content-Security-Policy lets MkDocs' live-reload script run there (and only
there: production pages allow no inline script but the ones they ship).

Runs `mkdocs serve` on a copy of the project, as `make serve` does. Prints
how long each reload took after the save.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.support import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`mkdocs serve` of a copy of the project: (its folder, its address)."""
    copy = tmp_path_factory.mktemp("preview") / "project"
    for name in ("docs", "overrides", "scripts"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", copy / "mkdocs.yml")
    port = free_port()
    log = (copy / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=copy, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=log, stderr=subprocess.STDOUT)
    address = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 300
    while True:
        try:
            urllib.request.urlopen(address + "centre.html", timeout=5).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("mkdocs serve did not start:\n" + (copy / "serve.log").read_text()[-3000:])
            time.sleep(0.5)
    yield copy, address
    process.terminate()
    process.wait(timeout=30)
    log.close()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def reloads_after(page, save) -> float:
    """Seconds from `save()` until the page has reloaded by itself."""
    page.evaluate("window.__before_reload = true")
    started = time.monotonic()
    save()
    page.wait_for_function("() => !window.__before_reload", timeout=60_000)
    page.wait_for_load_state("load")
    return time.monotonic() - started


def open_noting_policy_violations(page, url: str) -> list[str]:
    """Open `url`; the list that is returned collects the policy violations
    the console reports from then on."""
    blocked = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto(url)
    page.wait_for_function("() => document.readyState === 'complete'")
    return blocked


def test_the_preview_reloads_after_a_page_or_a_data_file_is_saved(preview, desktop):
    project, address = preview
    blocked = open_noting_policy_violations(desktop, address + "centre.html")
    # The live-reload script runs: it asks the server for changes.
    assert desktop.evaluate("typeof livereload") == "function"

    seconds = reloads_after(desktop, lambda: edit(project / "docs" / "centre.md", "# ", "# تجربة "))
    assert "تجربة" in desktop.locator("h1").inner_text()
    print(f"\nreloaded {seconds:.1f} s after saving a page")

    seconds = reloads_after(desktop, lambda: edit(project / "docs" / "data" / "agreement.yml",
                                                   "date: 2023-11-02", "date: 2023-11-03"))
    assert "3\u00a0نونبر 2023" in desktop.locator("article").inner_text()
    print(f"reloaded {seconds:.1f} s after saving a data file")
    assert blocked == []


def test_search_works_in_the_preview(preview, desktop):
    _project, address = preview
    desktop.goto(address + "fr/index.html")  # not networkidle: the live reload keeps a request open
    desktop.locator("#mc-search-input").click()
    desktop.keyboard.type("réinsertion")
    desktop.wait_for_function(
        """() => { const box = document.querySelector('[data-mc-search]');
                   return box.dataset.query === 'réinsertion' && ['done', 'failed'].includes(box.dataset.state); }""",
        timeout=30_000)
    assert desktop.locator("[data-mc-search]").get_attribute("data-state") == "done"
    assert desktop.locator(".md-search-result__item").count() > 0


def test_an_inline_script_of_a_template_saved_anew_still_runs(preview, desktop):
    """The policy's allowed scripts are the templates' of this build: an
    inline script edited while the preview runs is allowed (its new hash in
    the page's policy) and runs, and the page is not refused as foreign."""
    project, address = preview
    blocked = open_noting_policy_violations(desktop, address + "centre.html")
    seconds = reloads_after(desktop, lambda: edit(
        project / "overrides" / "main.html", '<script>addEventListener("beforeprint",',
        '<script>document.documentElement.dataset.mcEdited="1";addEventListener("beforeprint",'))
    assert desktop.evaluate("document.documentElement.dataset.mcEdited") == "1"
    assert blocked == []
    print(f"\nreloaded {seconds:.1f} s after saving a template's inline script")
