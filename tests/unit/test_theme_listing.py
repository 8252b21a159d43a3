"""The theme's files MkDocs copies are the same when its installed folders
are listed once (moussalaha/engine/theme_listing.py)."""

import os
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from moussalaha.engine import theme_listing

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def theme_files(config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(file.src_uri, file.abs_src_path) for file in files]


def test_the_theme_files_are_those_mkdocs_lists(tmp_path):
    saved = os.getcwd()
    os.chdir(ROOT)
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    finally:
        os.chdir(saved)
    listed = theme_files(config)
    theme_listing.list_installed_once(config.theme)
    theme_listing.list_installed_once(config.theme)
    assert theme_files(config) == listed
    assert theme_files(config) == listed
    # A file added to the project's overrides/ is seen at the next build.
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "extra.css").write_text("a {}")
    config.theme.dirs.insert(0, str(tmp_path / "overrides"))
    assert ("extra.css", str(tmp_path / "overrides" / "extra.css")) in theme_files(config)
