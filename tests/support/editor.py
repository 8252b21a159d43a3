"""The editors' tool, scripts/site.py, on a small copy of the project: what
tests/unit/test_editor_*.py share (and tests/site/, tests/browser/ for the
editors' notices). The copy holds the real scripts, templates and data,
and two short pages in the three languages, stamped as translated.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

from moussalaha import cli
from moussalaha.content import pages
from tests.support import ROOT

TOOL = "`.venv/bin/python scripts/site.py"

PAGES = {
    "index.md": """---
title: صفحة تجريبية لأدوات المحررين
description: صفحة تجريبية لاختبار أدوات المحررين، فيها فقرة وعنوانان فرعيان ورابط إلى صفحة أخرى.
---

# مركز مصالحة { #home }

أُحدث المركز في {{ agreement.date | day }} بشراكة بين 5 مؤسسات، منها المندوبية العامة لإدارة السجون وإعادة الإدماج.

## المهام { #missions }

يتدخل المركز على 3 مستويات. [نبذة عن المركز](about.md#creation)
""",
    "index.fr.md": """---
title: Une page d'essai des outils des éditeurs
description: Une page d'essai des outils des éditeurs, avec un paragraphe, deux intertitres et un lien vers une autre page.
---

# Centre Moussalaha { #home }

Le centre a été créé le {{ agreement.date | day }} par 5 institutions, dont la Délégation générale à l'administration pénitentiaire et à la réinsertion.

## Missions { #missions }

Le centre intervient à 3 niveaux. [À propos du centre](about.md#creation)
""",
    "index.en.md": """---
title: A test page for the editors' tools
description: A test page for the editors' tools, with a paragraph, two headings and a link to another page.
---

# Moussalaha Centre { #home }

The centre was created on {{ agreement.date | day }} by 5 institutions, among them the General Delegation for Prison Administration and Reintegration.

## Missions { #missions }

The centre works at 3 levels. [About the centre](about.md#creation)
""",
    "about.md": """---
title: نبذة تجريبية عن المركز
description: صفحة ثانية للاختبار، يُربط إليها من الصفحة الرئيسية ومن عنوانها الفرعي.
---

# نبذة { #about }

## النشأة { #creation }

نص قصير عن نشأة المركز.
""",
    "about.fr.md": """---
title: Le centre en bref, page d'essai
description: Une seconde page d'essai, vers laquelle pointe un lien de la page d'accueil.
---

# En bref { #about }

## Création { #creation }

Un court texte sur la création du centre.
""",
    "about.en.md": """---
title: The centre in brief, a test page
description: A second test page, which a link on the home page points to.
---

# In brief { #about }

## Creation { #creation }

A short text on how the centre was created.
""",
}


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The editors' tool run on `project`, in this process, as scripts/site.py runs it."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args), folder=project)
        except SystemExit as stop:  # --help
            code = stop.code or 0
    return subprocess.CompletedProcess(["site.py", *args], code, out.getvalue(), err.getvalue())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def fails_with(project: Path, *messages: str, args=("check",)) -> str:
    result = run(project, *args)
    assert result.returncode == 1, result.stdout + result.stderr
    printed = result.stdout.splitlines()
    for message in messages:
        assert message in printed, f"{message}\nnot among:\n{result.stdout}"
    return result.stdout


def make_project(tmp_path: Path) -> Path:
    """A small copy of the project: the real scripts, templates and data, and
    the two pages of PAGES in the three languages, stamped as translated."""
    copy = tmp_path / "project"
    for name in ("overrides", "scripts", "docs/data", "docs/assets"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config, count = re.subn(r"(?m)^nav:\n(?:[ \t]+- .*\n|[ \t]*#.*\n)*", "nav:\n  - index.md\n  - about.md\n", config)
    assert count == 1
    (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    # The previous site's addresses lead to pages this copy does not have.
    (copy / "docs/data/redirects.yml").write_text("redirects: []\n", encoding="utf-8")
    for name, text in PAGES.items():
        (copy / "docs" / name).write_text(text, encoding="utf-8")
    for name in ("index", "about"):  # as `site.py stamp` does, without starting it each time
        source = pages.read_page(copy / "docs" / f"{name}.md")
        for lang in ("fr", "en"):
            path = copy / "docs" / f"{name}.{lang}.md"
            path.write_text(pages.with_stamp(pages.read_page(path), source), encoding="utf-8")
    return copy


ARTICLE = {
    "": """---
title: خبر تجريبي
description: خبر تجريبي لاختبار أدوات المحررين، بتاريخه ومصدره.
date: 2025-12-10
sources: [delegation-visit-statement]
---

# خبر تجريبي { #article }

نص الخبر.
""",
    ".fr": """---
title: Une actualité d'essai
description: Une actualité d'essai pour les outils des éditeurs, avec sa date et sa source.
---

# Une actualité d'essai { #article }

Le texte.
""",
    ".en": """---
title: A test news item
description: A test news item for the editors' tools, with its date and its source.
---

# A test news item { #article }

The text.
""",
}


def add_article(project: Path) -> Path:
    """A news article (ARTICLE) in `project`, stamped, with the sources page it links to."""
    # An article's sources link to the sources page.
    for suffix in ARTICLE:
        shutil.copy(ROOT / f"docs/sources{suffix}.md", project / f"docs/sources{suffix}.md")
    edit(project / "mkdocs.yml", "  - about.md\n", "  - about.md\n  - sources.md\n")
    (project / "docs/news").mkdir()
    for suffix, text in ARTICLE.items():
        (project / f"docs/news/2025-12-10-test{suffix}.md").write_text(text, encoding="utf-8")
    assert run(project, "stamp", "docs/news/2025-12-10-test.md").returncode == 0
    return project

