"""Fixtures the unit tests share: `project`, the small copy of the project
the editors' tool is tried on (tests/support/editor.py). A test file that
needs another kind of project defines its own `project`, which wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.editor import make_project


@pytest.fixture
def project(tmp_path) -> Path:
    return make_project(tmp_path)
