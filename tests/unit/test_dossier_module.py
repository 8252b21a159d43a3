"""The dossier's small rules (moussalaha/sharing/dossier.py): it fetches nothing
but the site's own files, its date follows SOURCE_DATE_EPOCH, the news
items' headings sit one level under their chapter's, the size and date
beside its links read as the page's language writes them, WeasyPrint
loads its libraries without running a process, and its cache gives back
the very PDF WeasyPrint makes, for the very same inputs only."""

import datetime as dt
import io
import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from moussalaha import stored
from moussalaha.sharing import dossier

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
from moussalaha.sharing import dossier
dossier.load_weasyprint()
from weasyprint.text import ffi
print(started, ffi.harfbuzz_subset is not None)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] True", result.stdout + result.stderr


def small_dossier(site, figure: str, image: bool = True) -> str:
    """A dossier's HTML as document() makes it: a font by its file's
    address, an image by a relative one."""
    font = (site / "assets" / "fonts" / "sans.ttf").as_uri()
    return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Dossier</title>'
            f'<style>@font-face {{ font-family: "Dossier Sans"; src: url("{font}"); }} '
            f'html {{ font-family: "Dossier Sans"; }}</style></head>'
            f'<body><h1>Bénéficiaires</h1><p>{figure}</p>'
            + ('<img src="../assets/mark.svg" alt="م">' if image else "") + "</body></html>")


def square(colour: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            f'<rect width="10" height="10" fill="{colour}"/></svg>')


@pytest.fixture
def small_site(tmp_path):
    site = tmp_path / "site"
    (site / "assets" / "fonts").mkdir(parents=True)
    (site / "fr").mkdir()
    shutil.copyfile(dossier.LATIN_FONTS[400], site / "assets" / "fonts" / "sans.ttf")
    (site / "assets" / "mark.svg").write_text(square("#0b5a45"), encoding="utf-8")
    return site


@pytest.fixture
def renders(monkeypatch):
    """The dossiers WeasyPrint is asked to render."""
    asked = []
    real = dossier.render

    def counted(html, *rest, **options):
        asked.append(html)
        return real(html, *rest, **options)

    monkeypatch.setattr(dossier, "render", counted)
    return asked


def test_a_cached_dossier_is_byte_for_byte_the_one_weasyprint_makes(small_site, tmp_path, renders):
    cache = tmp_path / "cache"
    kept = stored.Store(cache, dossier.STORE_LIMIT)
    html = small_dossier(small_site, "1 234")
    uncached = dossier.cached_pdf(html, small_site, "fr", None)
    cold = dossier.cached_pdf(html, small_site, "fr", kept)
    warm = dossier.cached_pdf(html, small_site, "fr", kept)
    assert len(renders) == 2  # the uncached and the cold; the warm from the cache
    assert uncached == cold == warm and uncached.startswith(b"%PDF")
    assert len(list(cache.glob("*.pdf"))) == 1
    # The same site built into another folder: its paths are not part of the key.
    other = tmp_path / "elsewhere" / "site"
    shutil.copytree(small_site, other)
    assert dossier.cached_pdf(small_dossier(other, "1 234"), other, "fr", kept) == uncached
    assert len(renders) == 2


def test_the_cache_never_serves_a_dossier_made_from_other_inputs(small_site, tmp_path, renders, monkeypatch):
    cache = tmp_path / "cache"
    kept = stored.Store(cache, dossier.STORE_LIMIT)
    first = dossier.cached_pdf(small_dossier(small_site, "1 234"), small_site, "fr", kept)
    # One figure changed: another PDF, the one WeasyPrint makes of it.
    changed = dossier.cached_pdf(small_dossier(small_site, "1 235"), small_site, "fr", kept)
    assert changed != first
    assert changed == dossier.cached_pdf(small_dossier(small_site, "1 235"), small_site, "fr", None)
    assert "1 235" in PdfReader(io.BytesIO(changed)).pages[0].extract_text()
    html = small_dossier(small_site, "1 234")
    assert len(renders) == 3
    # An image the document fetches, the font it names, the renderer's
    # versions, a stored PDF damaged: each time rendered again.
    # (This one is rendered after the font was loaded for the first, in
    # this process: WeasyPrint does not fetch it again.)
    without_image = small_dossier(small_site, "1 236", image=False)
    dossier.cached_pdf(without_image, small_site, "fr", kept)
    (small_site / "assets" / "mark.svg").write_text(square("#b5651d"), encoding="utf-8")
    dossier.cached_pdf(html, small_site, "fr", kept)
    assert len(renders) == 5
    shutil.copyfile(dossier.LATIN_FONTS[700], small_site / "assets" / "fonts" / "sans.ttf")
    dossier.cached_pdf(without_image, small_site, "fr", kept)
    assert len(renders) == 6
    monkeypatch.setattr(dossier, "_renderer_versions", lambda: '{"weasyprint": "71.0"}')
    dossier.cached_pdf(without_image, small_site, "fr", kept)
    assert len(renders) == 7
    for entry in cache.glob("*.pdf"):
        entry.write_bytes(entry.read_bytes()[:-8] + b"damaged!")
    again = dossier.cached_pdf(without_image, small_site, "fr", kept)
    assert len(renders) == 8 and not again.endswith(b"damaged!")


def test_the_cache_is_off_when_asked(monkeypatch, tmp_path):
    assert dossier.store(tmp_path).folder == tmp_path / ".cache" / "moussalaha" / "dossier"
    monkeypatch.setenv("MOUSSALAHA_DOSSIER_CACHE", "off")
    assert not dossier.store(tmp_path)
    monkeypatch.delenv("MOUSSALAHA_DOSSIER_CACHE")
    monkeypatch.setenv("MOUSSALAHA_CACHE", "off")
    assert not dossier.store(tmp_path)
