"""The files a pull request may add under docs/ and overrides/: only the
project's own, of the kinds the site publishes, each within its size.

MkDocs copies every file of docs/ into the site as it is, and follows
symbolic links: a link to a file outside the project publishes that file,
and a stray .html file is published as a page of the site's origin, with
whatever script it holds. So, before anything is read:

- a symbolic link anywhere under docs/ or overrides/ is refused;
- an .html (or .htm, .xhtml, .shtml) file under docs/ is refused: pages are
  Markdown, layout is in overrides/;
- under docs/, only the kinds of file the site publishes (pages, data,
  images, fonts, its style sheet and scripts); a page with another of the
  extensions MkDocs builds as Markdown (.markdown, .mdown, .mkd…) is
  refused, so that every page is one the gate reads;
- a file over the limit of its kind is refused by its size alone;
- SVG files are held to shapes and text (moussalaha.gate.svg.check_svg).

Walks without following links, so that a link to a folder cannot make it
walk outside the project, or in a loop.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from moussalaha.gate import svg
from moussalaha.problems import Problem

KB = 1024
# By suffix: the largest file of each kind the site accepts (bytes).
LIMITS = {
    ".md": 200 * KB, ".yml": 256 * KB, ".yaml": 256 * KB,
    ".png": 200 * KB, ".jpg": 200 * KB, ".jpeg": 200 * KB, ".gif": 200 * KB, ".webp": 200 * KB,
    ".avif": 200 * KB, ".svg": 200 * KB, ".ico": 64 * KB,
    ".css": 200 * KB, ".js": 200 * KB, ".woff2": 200 * KB, ".html": 200 * KB, ".txt": 64 * KB,
}
DEFAULT_LIMIT = 1024 * KB
# Names a page cannot take: the site's own pages and folders (the not-found
# page, the home page, the language folders, assets, data, the search
# index) and the files servers look for. `site.py new-page` refuses them;
# as files, those the site does not already use as pages are refused here
# (a docs/404.md would be built over the theme's not-found page).
RESERVED_NAMES = {"404", "index", "ar", "fr", "en", "assets", "data", "search", "pagefind", "sitemap", "robots",
                  "favicon", "feed", "rss", "atom", "well-known", "headers", "nginx", "overrides", "site"}
SITE_PAGES = {"index", "sitemap"}
STRAY_PAGES = {".html", ".htm", ".xhtml", ".shtml", ".xht"}
# What MkDocs reads as Markdown pages (mkdocs.utils.markdown_extensions).
MARKDOWN_PAGES = {".markdown", ".mdown", ".mkdn", ".mkd", ".md"}
# The kinds of file docs/ may hold: what MkDocs copies as it is is published
# as it is, with whatever a browser does with its type (.xml, .svgz, .pdf…).
DOCS_FILE_TYPES = {".md", ".yml", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
                   ".css", ".js", ".woff2", ".txt"}
HOW_TO_SHRINK = {
    ".md": "split the page in two, or move long lists into docs/data/",
    ".yml": "split it, or remove what the site does not need",
    ".yaml": "split it, or remove what the site does not need",
    ".svg": "simplify the drawing, or export it again with fewer points",
}
IMAGE_ADVICE = "make it smaller before adding it (a photo: 1600 pixels wide at most, JPEG or WebP at quality 80)"


def _walk(folder: Path):
    """(path, lstat) of every entry under `folder`, links not followed."""
    for directory, folders, files in os.walk(folder, followlinks=False):
        for name in sorted(folders + files):
            path = Path(directory) / name
            yield path, path.lstat()


def check_tree(root: Path, folders: tuple[str, ...] = ("docs", "overrides")) -> list[Problem]:
    """Every link, stray page and oversized file under `folders` of the
    project at `root`, named relative to it."""
    problems = []
    for folder in folders:
        base = root / folder
        if base.is_symlink():
            problems.append(Problem(folder, 1, "this folder is a link to another folder",
                                    "put the files themselves here: the site publishes only its own files"))
            continue
        if not base.is_dir():
            continue
        for path, info in _walk(base):
            display = path.relative_to(root).as_posix()
            suffix = path.suffix.lower()
            if stat.S_ISLNK(info.st_mode):
                problems.append(Problem(display, 1, f"this is a link to {os.readlink(path)}, not a file of the project",
                                        "replace the link by the file itself (or remove it): the site publishes "
                                        "only its own files"))
            elif stat.S_ISDIR(info.st_mode):
                continue
            elif not stat.S_ISREG(info.st_mode):
                problems.append(Problem(display, 1, "this is not a plain file", "remove it"))
            elif folder == "docs" and suffix in STRAY_PAGES:
                problems.append(Problem(display, 1, "an HTML file in docs/ would be published as it is, outside the "
                                                    "site's layout and checks",
                                        f"write the page in Markdown as docs/{path.stem}.md (with its .fr.md and "
                                        ".en.md), or ask the site's developers"))
            elif folder == "docs" and suffix in MARKDOWN_PAGES - {".md"}:
                problems.append(Problem(display, 1, f"a page must end in .md: MkDocs would publish this {suffix} "
                                                    "file as a page that the site's checks do not read",
                                        f"rename it docs/{path.relative_to(base).with_suffix('.md').as_posix()}"))
            elif folder == "docs" and suffix == ".md" and path.name.split(".")[0] in RESERVED_NAMES - SITE_PAGES:
                problems.append(Problem(display, 1, f"«{path.name.split('.')[0]}» is a name the site keeps for its own "
                                                    "files: a page of that name would replace one of them",
                                        "give the page another name (rename the file and its translations)"))
            elif folder == "docs" and suffix not in DOCS_FILE_TYPES:
                problems.append(Problem(display, 1, f"this kind of file ({suffix or 'no extension'}) is not one the "
                                                    "site publishes: it would be served as it is",
                                        "the site publishes pages (.md), data (.yml), images (.png, .jpg, .webp, "
                                        ".svg), fonts (.woff2): convert it, or ask the site's developers"))
            elif info.st_size > LIMITS.get(suffix, DEFAULT_LIMIT):
                limit = LIMITS.get(suffix, DEFAULT_LIMIT)
                problems.append(Problem(display, 1, f"this file weighs {-(-info.st_size // KB)} KB, more than the "
                                                    f"{limit // KB} KB limit for a {suffix or 'file'} file",
                                        HOW_TO_SHRINK.get(suffix, IMAGE_ADVICE)))
            elif suffix == ".svg":
                problems += svg.check_svg(path, display)
    return sorted(problems)
