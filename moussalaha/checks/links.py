"""The last check: build the site as CI does and turn its warnings (broken
links and anchors, in every language) and errors into file:line problems."""

from __future__ import annotations

import difflib
import re
import tempfile
from pathlib import Path

from moussalaha import mkdocs_run, pages
from moussalaha.checks.common import docs, problem, relative, root
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.problems import LOCATED, Problem, line_of, located

LINK_WARNING = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an \w+) link(?: to)? '(?P<link>[^']+)',? (?P<why>.*)$")


def check_build(found) -> list[Problem]:
    """Build the site as CI does; turn its warnings (broken links and
    anchors, in every language) and errors into file:line problems."""
    with tempfile.TemporaryDirectory() as site:
        result = mkdocs_run.run(Path(site), root())
    if result.returncode == 0:
        return []
    problems = set()
    arabic = sorted(name for name, lang in found if lang == DEFAULT)
    for line in result.stderr.splitlines():
        # A multi-line error continues on lines without the level.
        text = re.sub(r"^(?:WARNING|ERROR)\s+-\s+", "", line).strip()
        if text == line.strip() and not LOCATED.match(text) or text.startswith(("Error reading page", "Error building page")):
            continue
        if link := LINK_WARNING.match(text):
            path = docs() / link["file"]
            page = pages.read_page(path) if path.exists() else None
            where = line_of(page.text, link["link"], page.body_line) if page else 1
            target, _, anchor = link["link"].partition("#")
            if "anchor" in link["why"]:
                other = re.search(r"the doc '([^']+)'", link["why"])
                other_path = docs() / (other.group(1) if other else link["file"])
                ids = [s.id for s in pages.read_page(other_path).sections] if other_path.exists() else []
                message = (f"the link {link['link']} points to #{anchor}, which {relative(other_path)} does not have — "
                           f"use one of its heading ids: {', '.join(ids)}")
            elif "not found" in link["why"]:
                close = difflib.get_close_matches(Path(target).stem, arabic, n=1)
                hint = f"did you mean {close[0]}.md?" if close else "check its spelling"
                message = (f"the link {link['link']} points to a page that does not exist — {hint} "
                           "(link to the Arabic file name, NAME.md, from every language)")
            else:
                message = f"the link {link['link']}: {link['why']} — link to a page of the site as NAME.md"
            problems.add(problem(path, where, message))
        elif LOCATED.match(text):
            problems.update(located(text))
        elif not text.startswith("Aborted"):
            problems.add(Problem("mkdocs.yml", 1, f"the build failed: {text} — run `make build` to see the whole log"))
    return sorted(problems) or [Problem("mkdocs.yml", 1, "the build failed — run `make build` to see why")]
