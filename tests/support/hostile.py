"""The hostile corpus (tests/hostile/, one YAML file per attack): each
fixture applied to a copy of the project, each step run on it, and the
verdict on what it printed. tests/hostile/run.py runs it from the command
line; tests/unit/test_gate.py and tests/site/test_hostile_build.py in pytest.

A fixture is YAML: `attack` (what it tries), `issue_item`, `changes` (a list
of: `file` with `replace`/`with`, `append` (`times`: repeated), `write`, `symlink` (target) or
`pad` (grow the file to this many bytes); or `command`, arguments for
scripts/site.py), `expect` (`file`, `line`, `contains`), `not_in_site`.
`{marker}` in a change is a path that must never be created; `{outside}`
is a file outside the project that must never be published.
"""


from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import yaml

from tests.support import ROOT

CORPUS = ROOT / "tests" / "hostile"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SECRET = "MOUSSALAHA-OUTSIDE-SECRET"
STEP_SECONDS = 300


def fixtures(names: list[str] = ()) -> dict[str, dict]:
    found = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.yml"))}
    return {n: found[n] for n in names} if names else found


def pristine(into: Path) -> Path:
    """The project's tracked files (as they are in the working tree), without .venv or site/."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    copy = into / "pristine"
    for name in filter(None, listed.decode().split("\0")):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


def apply(project: Path, change: dict, values: dict[str, str]) -> None:
    def fill(text: str) -> str:
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text

    path = project / change["file"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if "replace" in change:
        text = path.read_text(encoding="utf-8")
        assert text.count(change["replace"]) == 1, f"{change['file']}: the text to replace is not there once"
        path.write_text(text.replace(change["replace"], fill(change["with"])), encoding="utf-8")
    elif "append" in change:
        with path.open("a", encoding="utf-8") as file:
            file.write(fill(change["append"]) * change.get("times", 1))
    elif "write" in change:
        path.write_text(fill(change["write"]), encoding="utf-8")
    elif "symlink" in change:
        if path.exists():
            path.unlink()
        path.symlink_to(fill(change["symlink"]))
    elif "pad" in change:
        size = path.stat().st_size if path.exists() else 0
        padding = max(0, change["pad"] - size)
        comment = "#" if path.suffix in (".yml", ".yaml") else ""
        line = (comment + " padding" * 12 + "\n").encode()
        with path.open("ab") as file:
            file.write(line * (padding // len(line) + 1))


def run(command: list[str], project: Path) -> tuple[int, str, float]:
    start = time.monotonic()
    try:
        result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=STEP_SECONDS,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdin=subprocess.DEVNULL)
        return result.returncode, result.stdout + result.stderr, time.monotonic() - start
    except subprocess.TimeoutExpired:
        return -1, f"timed out after {STEP_SECONDS} s", time.monotonic() - start


def verdict(code: int, output: str, expect: dict) -> str:
    """'' when the step refused as expected, else what went wrong."""
    if code == 0:
        return "accepted"
    if code == -1:
        return "timed out"
    where = expect.get("file")
    if where:
        prefix = f"{where}:{expect['line']}:" if "line" in expect else f"{where}:"
        if prefix not in output:
            return f"no message at {prefix}"
    missing = [text for text in expect.get("contains", []) if text not in output]
    return f"message lacks {missing}" if missing else ""


def expectation(fixture: dict, project: Path) -> dict:
    """The fixture's expectation, with the line of a template expression it
    adds to a page (the line the editor must go to)."""
    expect = dict(fixture["expect"])
    change = fixture["changes"][0]
    if "line" not in expect and change.get("with", "").startswith(change.get("replace", "\0")):
        added = change["with"][len(change["replace"]):].strip().splitlines()[0]
        if added.startswith(("{{", "{%")):
            text = (project / change["file"]).read_text(encoding="utf-8")
            start = text.index(change["replace"]) + len(change["replace"])
            expect["line"] = text[:text.index(added[:2], start)].count("\n") + 1
    return expect


def published(site: Path, needles: list[str]) -> list[str]:
    found = []
    if site.is_dir():
        for path in site.rglob("*"):
            if path.is_file() and path.suffix not in (".br", ".gz"):
                data = path.read_bytes()
                found += [f"{n} in {path.relative_to(site)}" for n in needles if n.encode() in data]
    return found


def attempt(name: str, fixture: dict, clean: Path, temporary: Path, check_only: bool = False) -> list[str]:
    """Apply `fixture` to a copy of `clean` in `temporary`, run its steps
    (its commands, or the editors' check and, unless `check_only`, the
    build); what got through, [] when every step refused it. `temporary`
    holds the file outside the project (outside.txt, with SECRET)."""
    project = temporary / name
    shutil.copytree(clean, project, symlinks=True)
    marker = temporary / f"{name}.marker"
    values = {"marker": str(marker), "outside": str(temporary / "outside.txt")}
    steps, problems = [], []
    commands = [c["command"] for c in fixture["changes"] if "command" in c]
    for change in fixture["changes"]:
        if "command" not in change:
            apply(project, change, values)
    if commands:
        before = sorted(p.relative_to(project) for p in project.rglob("*"))
        for command in commands:
            steps.append(("command", *run([PYTHON, "scripts/site.py", *command], project)))
        if sorted(p.relative_to(project) for p in project.rglob("*")) != before:
            problems.append("command wrote files")
    else:
        steps.append(("check", *run([PYTHON, "scripts/site.py", "check", "--no-build"], project)))
        if not check_only:
            steps.append(("build", *run([PYTHON, "-m", "mkdocs", "build", "--strict", "-d", "site"], project)))
    for step, code, output, seconds in steps:
        wrong = verdict(code, output, expectation(fixture, project))
        if wrong:
            problems.append(f"{step}: {wrong}")
        if seconds > 60:
            problems.append(f"{step}: took {seconds:.0f} s")
    needles = sorted(set(fixture.get("not_in_site", [])) | {SECRET})
    problems += [f"published: {p}" for p in published(project / "site", needles)]
    if marker.exists():
        problems.append("a template wrote the marker file")
    shutil.rmtree(project, ignore_errors=True)
    return problems
