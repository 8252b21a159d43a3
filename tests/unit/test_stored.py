"""moussalaha/stored.py, and what the build keeps with it between builds:
each kept result is byte for byte the one made afresh, is made again once
anything that makes it changes or its entry is damaged, and the folder
keeps the latest used within its limit."""

from __future__ import annotations

import gzip
import os
import subprocess
from pathlib import Path

import brotli
import pytest

from moussalaha import stored
from moussalaha.output import admin, files
from moussalaha.problems import Problems

pytestmark = pytest.mark.unit


def test_a_result_is_read_back_whole_and_marked_used(tmp_path):
    kept = stored.Store(tmp_path / "kind", 1024)
    assert kept.read("a.bin") is None and not kept.has("a.bin")
    kept.write("a.bin", b"one")
    assert kept.read("a.bin") == b"one" and kept.has("a.bin")
    assert not list((tmp_path / "kind").glob("*.partial"))


def test_the_least_recently_used_go_beyond_the_limit(tmp_path):
    kept = stored.Store(tmp_path, 250)
    for age, name in enumerate(("old", "used", "new")):
        kept.write(name, b"x" * 100)
        os.utime(tmp_path / name, (1_000_000 + age, 1_000_000 + age))
    kept.read("old")  # used now: the latest
    kept.trim()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "old"]


def test_off_keeps_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("MOUSSALAHA_CACHE", "off")
    kept = stored.Store.of(tmp_path, "images", 1024)
    assert not kept
    kept.write("a", b"one")
    assert kept.read("a") is None and not (tmp_path / ".cache").exists()
    monkeypatch.delenv("MOUSSALAHA_CACHE")
    assert stored.Store.of(tmp_path, "images", 1024).folder == tmp_path / ".cache" / "moussalaha" / "images"


def test_a_key_names_every_input():
    assert stored.key(b"page", 9, 8) == stored.key(b"page", 9, 8)
    assert len({stored.key(b"page", 9, 8), stored.key(b"page!", 9, 8), stored.key(b"page", 9, 11),
                stored.key(b"page", 9, 8, {"brotli": "1.1.0"})}) == 4


@pytest.fixture
def compressions(monkeypatch):
    """The files brotli is asked to compress."""
    asked = []
    real = brotli.compress
    monkeypatch.setattr(files.brotli, "compress", lambda data, **options: asked.append(data) or real(data, **options))
    return asked


def test_a_kept_compressed_copy_is_the_one_made_afresh(tmp_path, compressions):
    kept = stored.Store(tmp_path, files.STORE_LIMIT)
    page = "<p>مركز مصالحة</p>".encode() * 50
    fresh = files.compressed(page, 9, 8)
    assert files.compressed(page, 9, 8, kept) == fresh  # made, and kept
    assert files.compressed(page, 9, 8, kept) == fresh  # taken from what was kept
    assert len(compressions) == 2
    assert gzip.decompress(fresh[0]) == page and brotli.decompress(fresh[1]) == page
    # Other bytes, another level: made again.
    files.compressed(page + b" ", 9, 8, kept)
    files.compressed(page, 9, 11, kept)
    assert len(compressions) == 4


def test_a_damaged_compressed_copy_is_made_again(tmp_path, compressions):
    kept = stored.Store(tmp_path, files.STORE_LIMIT)
    page = b"<p>Centre Moussalaha</p>" * 50
    fresh = files.compressed(page, 9, 8, kept)
    for entry in tmp_path.glob("*.br"):
        entry.write_bytes(entry.read_bytes()[:-3])
    assert files.compressed(page, 9, 8, kept) == fresh
    assert len(compressions) == 2


def test_the_kept_editor_script_is_the_one_rewritten_afresh(tmp_path):
    from tests.unit.test_admin_vendoring import SCRIPT, fake_package

    root = fake_package(tmp_path / "project", SCRIPT)
    kept = stored.Store(tmp_path / "kept", admin.STORE_LIMIT)
    fresh = admin.vendored_script(root)
    assert admin.vendored_script(root, kept) == fresh
    assert len(list((tmp_path / "kept").iterdir())) == 1
    assert admin.vendored_script(root, kept) == fresh
    # Another version of the script: rewritten again.
    (root / admin.PACKAGE / "dist" / admin.SCRIPT).write_text(SCRIPT + ";", encoding="utf-8")
    assert admin.vendored_script(root, kept) == admin.vendored_script(root)
    assert len(list((tmp_path / "kept").iterdir())) == 2


def test_the_icons_are_written_with_or_without_what_was_kept(tmp_path, monkeypatch):
    from moussalaha.output import mark

    svg = Path(mark.__file__).resolve().parents[2] / "docs" / "assets" / "images" / "favicon.svg"
    kept = stored.Store(tmp_path / "kept", 1024 * 1024)
    written = {}
    for name, store in (("off", stored.Store.nothing()), ("filling", kept), ("taking", kept)):
        (tmp_path / name).mkdir()
        mark.write_icons(svg, tmp_path / name, store)
        written[name] = {icon: (tmp_path / name / icon).read_bytes() for icon in mark.ICONS}
        if name == "filling":  # the next build takes them: nothing is drawn
            monkeypatch.setattr(mark, "icons", lambda svg: pytest.fail("drawn again"))
    assert written["off"] == written["filling"] == written["taking"]
    assert written["off"]["apple-touch-icon.png"].startswith(b"\x89PNG")


def test_a_committed_store_stops_the_build(tmp_path):
    """A file under .cache/moussalaha/ that git tracks came with a commit
    (anyone can propose one): the build would publish it as its own."""
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    git("init", "-q")
    stored.refuse_committed(tmp_path)  # nothing kept, nothing committed
    kept = stored.Store.of(tmp_path, "editor", 1024)
    kept.write("0123.js", b"alert(1)")
    stored.refuse_committed(tmp_path)  # kept, not committed
    git("add", "-f", ".cache/moussalaha/editor/0123.js")
    with pytest.raises(Problems) as refused:
        stored.refuse_committed(tmp_path)
    assert str(refused.value).startswith(".cache/moussalaha/editor/0123.js:1: ")
    assert "git rm -r --cached .cache" in str(refused.value)
