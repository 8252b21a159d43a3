"""The gate, run on the project and on each fixture of the hostile corpus
that needs no build: every one refused on the fixture's file and line."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml

from moussalaha import gate

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

import run as corpus  # noqa: E402
from moussalaha import data as sitedata  # noqa: E402

# Refused by the build itself (the sandbox while rendering, the policy on
# the built pages), by the data's cross-references, or by new-page.
NOT_THE_GATE = {"template-cycler-globals", "template-lipsum-globals", "template-mro-subclasses",
                "template-self-context", "template-data-object-globals", "template-filter-globals",
                "template-format-escape", "template-config", "template-range-bomb", "template-repeat-bomb",
                "template-macro-bomb", "template-include-outside", "template-safe-filter", "duplicate-id"}
SCHEMA_CHANGE: set[str] = set()
FIXTURES = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "hostile").glob("*.yml"))}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    copy = tmp_path_factory.mktemp("pristine")
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, copy / name, symlinks=True)
    return copy


def test_the_project_passes(pristine):
    assert [str(p) for p in gate.check_project(pristine, sitedata.FILES)] == []


@pytest.mark.parametrize("name", [n for n, f in FIXTURES.items()
                                  if n not in NOT_THE_GATE and not any("command" in c for c in f["changes"])])
def test_each_attack_is_refused_by_the_gate(pristine, tmp_path, name):
    if name in SCHEMA_CHANGE:
        pytest.xfail("needs strict int fields in the schema")
    fixture = FIXTURES[name]
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    (tmp_path / "outside.txt").write_text(corpus.SECRET)
    for change in fixture["changes"]:
        corpus.apply(project, change, {"marker": str(tmp_path / "marker"), "outside": str(tmp_path / "outside.txt")})
    output = "\n".join(str(p) for p in gate.check_project(project, sitedata.FILES))
    assert corpus.verdict(1, output, fixture["expect"]) == "", output
    assert not (tmp_path / "marker").exists()
