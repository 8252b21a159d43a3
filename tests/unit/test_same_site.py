"""scripts/same_site.py: two builds compared as visitors get them."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import brotli
import pytest

pytestmark = pytest.mark.unit

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "same_site.py"
PAGE = '<!doctype html><html lang="fr" dir="ltr"><body><input required><p>Centre&nbsp;: oui</p></body></html>'


def site(folder: Path, page: str, style: str = "a{}") -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(page, encoding="utf-8")
    (folder / "index.html.br").write_bytes(brotli.compress(page.encode(), quality=5))
    (folder / "index.html.gz").write_bytes(gzip.compress(page.encode(), mtime=0))
    (folder / "site.css").write_text(style, encoding="utf-8")
    return folder


def compare(before: Path, after: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(before), str(after)], capture_output=True, text=True)


def test_the_same_document_written_otherwise_is_the_same(tmp_path):
    written_otherwise = ('<!DOCTYPE html><html dir="ltr" lang="fr"><head></head><body><input required="">'
                         '<p>Centre\u00a0: oui</p></body></html>')
    result = compare(site(tmp_path / "a", PAGE), site(tmp_path / "b", written_otherwise))
    assert result.returncode == 0, result.stdout
    assert "same document: 3" in result.stdout and "same bytes: 1" in result.stdout


def test_a_changed_text_or_file_is_listed(tmp_path):
    changed = PAGE.replace("oui", "non")
    result = compare(site(tmp_path / "a", PAGE), site(tmp_path / "b", changed, style="b{}"))
    assert result.returncode == 1
    assert "differ: 4" in result.stdout
    assert all(f"  {name}" in result.stdout for name in ("index.html", "index.html.br", "index.html.gz", "site.css"))
