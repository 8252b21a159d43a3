"""What a pull request may change as content, for the workflow
(.github/workflows/site.yml), which runs this module from the base
branch's checkout with the system's Python (standard library only).

Content is what editors change: everything under docs/ but the site's own
style sheet, scripts and fonts (docs/assets/stylesheets/, javascripts/,
fonts/). The rest (the gate, the policy, the plugin, mkdocs.yml, the
layout, the scripts, the requirements, the workflows) is the site's code:
in CI the base branch's copy checks the pull request's content, so that a
pull request cannot change what checks it, and a change to the code waits
for a maintainer's approval (.github/CODEOWNERS names them).

    python3 -m moussalaha.gate.content_paths overlay PULL_REQUEST BASE
        the pull request's content in place of the base's, in BASE
    python3 -m moussalaha.gate.content_paths approval CHANGED REVIEWS HEAD_SHA
        exits 1, naming each file outside content, unless a maintainer
        approved the pull request's latest commit (REVIEWS: GitHub's
        reviews, one JSON object a line; CHANGED: one file name a line)
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path, PurePosixPath

CONTENT_ROOT = "docs"
# Under docs/, the site's code.
CODE_UNDER_CONTENT = ("docs/assets/stylesheets", "docs/assets/javascripts", "docs/assets/fonts")
# Who may approve a change to the code: the repository's owner, its
# organisation's members and its collaborators with access.
MAINTAINERS = {"OWNER", "MEMBER", "COLLABORATOR"}


def is_content(path: str) -> bool:
    parts = PurePosixPath(path).parts
    if not parts or parts[0] != CONTENT_ROOT or ".." in parts:
        return False
    return not any(path == code or path.startswith(code + "/") for code in CODE_UNDER_CONTENT)


def outside(paths: list[str]) -> list[str]:
    """The paths of `paths` that are not content."""
    return sorted(p for p in paths if p and not is_content(p))


def approved(reviews: list[dict], head_sha: str) -> list[str]:
    """The maintainers whose latest review approves the commit `head_sha`."""
    latest: dict[str, dict] = {}
    for review in reviews:
        user = (review.get("user") or {}).get("login")
        if user and review.get("state") in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED"):
            latest[user] = review
    return sorted(user for user, review in latest.items()
                  if review["state"] == "APPROVED" and review.get("commit_id") == head_sha
                  and review.get("author_association") in MAINTAINERS)


def _content_files(root: Path) -> list[Path]:
    base = root / CONTENT_ROOT
    if not base.is_dir() or base.is_symlink():
        return []
    found = []
    for path in sorted(base.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if (path.is_symlink() or path.is_file()) and is_content(relative):
            found.append(path)
    return found


def overlay(pull_request: Path, base: Path) -> list[str]:
    """Replace the content of the tree `base` by that of `pull_request`
    (files added, changed and removed), leaving the code of `base` as it
    is. Links are copied as links, for the gate to refuse."""
    for path in _content_files(base):
        path.unlink()
    copied = []
    for path in _content_files(pull_request):
        relative = path.relative_to(pull_request)
        target = base / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target, follow_symlinks=False)
        copied.append(relative.as_posix())
    return copied


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[0] == "overlay":
        copied = overlay(Path(argv[1]), Path(argv[2]))
        print(f"{len(copied)} content files of the pull request in place of the base branch's")
        return 0
    if len(argv) == 4 and argv[0] == "approval":
        changed = Path(argv[1]).read_text(encoding="utf-8").splitlines()
        code = outside(changed)
        if not code:
            print("The pull request changes content only.")
            return 0
        reviews = [json.loads(line) for line in Path(argv[2]).read_text(encoding="utf-8").splitlines() if line.strip()]
        by = approved(reviews, argv[3])
        if by:
            print(f"The pull request changes the site's code; approved by {', '.join(by)}.")
            return 0
        for path in code:
            print(f"::error file={path},title=Outside content::{path} is the site's code, not content: "
                  "a maintainer must review and approve this pull request")
        print(f"The pull request changes {len(code)} file(s) outside content (docs/ pages, news, data, images). "
              "The base branch's checks ran on its content; a maintainer's approval of its latest commit "
              "turns this check green.")
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
