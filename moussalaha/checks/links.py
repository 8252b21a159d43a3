"""The last check: build the site as CI does, in this process, and turn
what MkDocs reports (broken links and anchors, in every language, and the
build's own errors) into file:line problems.

The build's warnings and errors are collected as MkDocs logs them (its
`mkdocs` logger, LogRecords), not read back from its printed log. One
build per check: the editors' tool runs it once per process."""

from __future__ import annotations

import difflib
import logging
import re
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from moussalaha.checks.common import Project
from moussalaha.content import pages
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.problems import LOCATED, Problem, line_of, located

# MkDocs' words for a link it cannot follow (mkdocs/structure/pages.py).
LINK_WARNING = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an \w+) link(?: to)? '(?P<link>[^']+)',? (?P<why>.*)$")


class Collected(logging.Handler):
    """The warnings and errors MkDocs logs during a build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def built(folder: Path, site_dir: Path) -> tuple[bool, list[str]]:
    """`mkdocs build --strict` of the project in `folder` into `site_dir`,
    in this process: whether it succeeded, and what MkDocs logged at WARNING
    and above, each message as it is written (one or more lines)."""
    logger = logging.getLogger("mkdocs")
    collected, propagate = Collected(), logger.propagate
    logger.addHandler(collected)
    logger.propagate = False  # the editor reads the problems, not MkDocs' log
    try:
        build(load_config(str(folder / "mkdocs.yml"), site_dir=str(site_dir), strict=True))
        succeeded, raised = True, []
    except (Abort, MkDocsException):  # logged already; its own message counts the warnings
        succeeded, raised = False, []
    except Exception as error:  # a fault outside MkDocs' own reports: what it says of files and lines
        succeeded, raised = False, [line for line in str(error).splitlines()[1:] if LOCATED.match(line.strip())]
    finally:
        logger.removeHandler(collected)
        logger.propagate = propagate
    return succeeded, [r.getMessage() for r in collected.records] + raised


def lines(messages: list[str]):
    """Each message's first line, and the lines after it that name a file
    and line (a plugin's error lists one problem a line)."""
    for message in messages:
        for number, line in enumerate(message.splitlines()):
            text = line.strip()
            if number == 0 or LOCATED.match(text):
                yield text


def check_build(project: Project, found) -> list[Problem]:
    """Build the project as CI does; turn its warnings (broken
    links and anchors, in every language) and errors into file:line problems."""
    with tempfile.TemporaryDirectory() as site:
        succeeded, messages = built(project.root, Path(site))
    if succeeded:
        return []
    problems = set()
    arabic = sorted(name for name, lang in found if lang == DEFAULT)
    for text in lines(messages):
        if text.startswith(("Error reading page", "Error building page")):
            continue
        if link := LINK_WARNING.match(text):
            path = project.docs / link["file"]
            page = pages.read_page(path) if path.exists() else None
            where = line_of(page.text, link["link"], page.body_line) if page else 1
            target, _, anchor = link["link"].partition("#")
            if "anchor" in link["why"]:
                other = re.search(r"the doc '([^']+)'", link["why"])
                other_path = project.docs / (other.group(1) if other else link["file"])
                ids = [s.id for s in pages.read_page(other_path).sections] if other_path.exists() else []
                message = (f"the link {link['link']} points to #{anchor}, which {project.relative(other_path)} does not have — "
                           f"use one of its heading ids: {', '.join(ids)}")
            elif "not found" in link["why"]:
                close = difflib.get_close_matches(Path(target).stem, arabic, n=1)
                hint = f"did you mean {close[0]}.md?" if close else "check its spelling"
                message = (f"the link {link['link']} points to a page that does not exist — {hint} "
                           "(link to the Arabic file name, NAME.md, from every language)")
            else:
                message = f"the link {link['link']}: {link['why']} — link to a page of the site as NAME.md"
            problems.add(project.problem(path, where, message))
        elif LOCATED.match(text):
            problems.update(located(text))
        elif not text.startswith("Aborted"):
            problems.add(Problem("mkdocs.yml", 1, f"the build failed: {text} — run `make build` to see the whole log"))
    return sorted(problems) or [Problem("mkdocs.yml", 1, "the build failed — run `make build` to see why")]
