"""The package's folders are its architecture (README, "How the site is
made"): each floor imports only the floors below it. Read from the code's
own imports, so a new import across the rules fails here, naming it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "moussalaha"
CORE = {"problems", "languages", "arabic", "stored"}
# What each floor may import besides itself; the floors above (the build,
# the plugin, the editors' tool) may import any floor below.
ALLOWED = {
    "core": set(),
    "engine": {"core"},
    "gate": {"core"},
    "content": {"core", "gate"},
    "output": {"core", "gate", "content"},
    "sharing": {"core", "gate", "content", "output"},
}


def floor(module: str) -> str:
    """core, a folder's name, or the top-level module's own name."""
    head = module.split(".")[0]
    if head in CORE:
        return "core"
    return head


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """The package's modules this file imports, as dotted names under moussalaha."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "moussalaha":
            base = node.module.partition(".")[2]
            for alias in node.names:
                candidate = f"{base}.{alias.name}".strip(".")
                is_module = (PACKAGE / f"{candidate.replace('.', '/')}.py").exists() or \
                    (PACKAGE / candidate.replace(".", "/")).is_dir()
                names.add(candidate if is_module else base)
        elif isinstance(node, ast.Import):
            names |= {a.name.partition(".")[2] for a in node.names if a.name.startswith("moussalaha.")}
    return {name for name in names if name}


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p) or "moussalaha")
def test_each_floor_imports_only_the_floors_below(path):
    me = floor(module_name(path)) if module_name(path) else "moussalaha"
    if me not in ALLOWED:
        return  # build, plugin, preview, the editors' tool: the top floors
    crossing = sorted(name for name in imported(path)
                      if floor(name) != me and floor(name) not in ALLOWED[me])
    assert not crossing, f"moussalaha/{path.relative_to(PACKAGE)} ({me}) imports {crossing}: " \
                         f"{me} may import only {sorted(ALLOWED[me]) or 'nothing of the package'}"


def test_the_lower_floors_never_import_the_build_or_the_tools():
    top = {"build", "plugin", "preview", "cli", "checks"}
    for path in MODULES:
        me = floor(module_name(path)) if module_name(path) else "moussalaha"
        if me in ALLOWED:
            assert not {floor(n) for n in imported(path)} & top, path


def test_the_rules_read_real_imports():
    # The reader itself: a module known to import across floors is seen doing so.
    assert any(floor(name) == "content" for name in imported(PACKAGE / "output" / "cms.py"))
