"""The dossier's small rules (moussalaha/dossier.py): it fetches nothing
but the site's own files, its date follows SOURCE_DATE_EPOCH, the news
items' headings sit one level under their chapter's, the size and date
beside its links read as the page's language writes them, and WeasyPrint
loads its libraries without running a process."""

import datetime as dt
import subprocess
import sys

import pytest

from moussalaha import dossier

pytestmark = pytest.mark.unit

UI = {"dossier_details": ", {size} KB, {date}"}


def test_fetches_only_the_sites_own_files(tmp_path):
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    fetcher = dossier._own_files_fetcher(site)
    response = fetcher.fetch((site / "assets" / "a.css").as_uri())
    assert response.read() == b"p{}"
    response.close()
    for refused in ("https://example.org/logo.png", "http://127.0.0.1/", (tmp_path / "secret.txt").as_uri(),
                    (site / ".." / "secret.txt").as_uri(), "data:text/plain,x"):
        with pytest.raises(ValueError, match="own files"):
            fetcher.fetch(refused)


def test_date_follows_source_date_epoch(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert dossier.dossier_date(tmp_path) == dt.date(2023, 11, 14)


def test_news_headings_go_one_level_down():
    assert dossier._shift_headings('<h1 id="a">T</h1><h2>S</h2></h2>', 1) == '<h2 id="a">T</h2><h3>S</h3></h3>'


def test_details_in_each_language():
    day = dt.date(2026, 12, 4)
    assert dossier.details(139_318, day, "en", UI) == ", 136 KB, 4\u00a0December 2026"
    assert dossier.details(139_318, day, "ar", UI) == ", 136 KB, 4\u00a0دجنبر 2026"


def test_weasyprint_loads_its_libraries_without_running_processes():
    """ctypes.util.find_library would run ldconfig, gcc and ld for each name
    the dynamic loader does not know; the subsetting library still loads
    (HarfBuzz's, not fontTools')."""
    code = """
import subprocess
started = []
real = subprocess.Popen.__init__
def recording(self, args, *rest, **options):
    started.append(args)
    real(self, args, *rest, **options)
subprocess.Popen.__init__ = recording
from moussalaha import dossier
dossier.load_weasyprint()
from weasyprint.text import ffi
print(started, ffi.harfbuzz_subset is not None)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] True", result.stdout + result.stderr
