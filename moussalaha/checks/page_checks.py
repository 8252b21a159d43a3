"""Checks of the pages as files: names and languages, the navigation, the
front matter."""

from __future__ import annotations

import difflib

import pathspec
from mkdocs.utils.yaml import yaml_load

from moussalaha.arabic import LETTER
from moussalaha.checks.common import TOOL, Project
from moussalaha.content import news, pages
from moussalaha.content.pages import STAMP
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.languages import ENGLISH_NAMES, TRANSLATIONS
from moussalaha.problems import Problem, line_of

DESCRIPTION_MIN = 40
# What new-page leaves for the editor to replace; `check` refuses it.
PLACEHOLDER = "✎"


def read_pages(project: Project) -> tuple[dict[tuple[str, str], pages.Page], list[Problem]]:
    """Every usable page by (name, language), and the files the site cannot use."""
    found, problems = {}, []
    for path in sorted(project.docs.rglob("*.md")):
        where = path.relative_to(project.docs)
        # News articles live in docs/news/ (moussalaha/content/news.py); every other page in docs/.
        if len(where.parts) > 1 and where.parts[:-1] != (news.FOLDER,):
            problems.append(project.problem(path, 1, f"pages live directly in docs/ (news articles in docs/{news.FOLDER}/), "
                                                     f"not in another sub-folder — move it to docs/{path.name}"))
            continue
        parsed = pages.split_name(path.name)
        if parsed is None:
            fixed = pages.split_name(path.name.lower())
            hint = (f"rename it docs/{path.name.lower()}" if fixed else
                    "name it docs/NAME.md in Arabic, docs/NAME.fr.md in French and docs/NAME.en.md in English, "
                    "NAME in lowercase Latin letters, digits and hyphens")
            problems.append(project.problem(path, 1, f"the site cannot tell which page and language this file is, so it "
                                                     f"is never shown as a translation — {hint}"))
            continue
        page = pages.read_page(path)
        if len(where.parts) > 1:
            page.name = f"{news.FOLDER}/{page.name}"
            parsed = (page.name, parsed[1])
        found[parsed] = page
    return found, problems


def check_languages(project: Project, found) -> list[Problem]:
    problems = []
    arabic = sorted(name for name, lang in found if lang == DEFAULT)
    for (name, lang), page in found.items():
        if lang != DEFAULT and name not in arabic:
            close = difflib.get_close_matches(name, arabic, n=1)
            hint = (f"rename it {project.relative(pages.page_path(close[0], lang, project.docs))}, after its Arabic page" if close
                    else f"create the Arabic page docs/{name}.md first, or rename this file after its Arabic page")
            problems.append(project.problem(page.path, 1, f"there is no Arabic page docs/{name}.md, so this "
                                                          f"{ENGLISH_NAMES[lang]} translation is never shown — {hint}"))
    for name in arabic:
        for lang in TRANSLATIONS:
            if (name, lang) not in found:
                target = project.relative(pages.page_path(name, lang, project.docs))
                problems.append(project.problem(found[name, DEFAULT].path, 1, f"the {ENGLISH_NAMES[lang]} translation {target} "
                                                f"is missing — create it: translate this page, keep its heading ids, "
                                                f"then run `{TOOL} stamp {target}`"))
    return problems


def read_config(project: Project) -> dict:
    return yaml_load((project.root / "mkdocs.yml").read_text(encoding="utf-8")) or {}


def _nav_targets(entries) -> list[str]:
    """The files a nav lists, a group's (`- Title: [a.md, b.md]`) included."""
    targets = []
    for entry in entries:
        target = next(iter(entry.values())) if isinstance(entry, dict) and entry else entry
        if isinstance(target, list):
            targets += _nav_targets(target)
        elif isinstance(target, str):
            targets.append(target)
    return targets


def check_nav(project: Project, config: dict, found) -> list[Problem]:
    problems = []
    config_path = project.root / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    listed = set()
    for target in _nav_targets(config.get("nav") or []):
        if "://" in target:
            continue
        listed.add(target)
        line = line_of(text, f"{target}", line_of(text, "nav:"))
        parsed = pages.split_name(target)
        if parsed and parsed[1] != DEFAULT:
            problems.append(project.problem(config_path, line, f"the navigation lists the translation {target} — list the "
                                                               f"Arabic file {parsed[0]}.md only: each language finds its own"))
        elif not parsed or parsed not in found:
            problems.append(project.problem(config_path, line, f"the navigation lists {target}, which is not a page in docs/ — "
                                                               "fix the name or remove the line"))
    # Pages left out of the menu on purpose: the statements, in the footer
    # (`not_in_nav`, gitignore patterns as MkDocs reads them).
    left_out = pathspec.PathSpec.from_lines("gitwildmatch", str(config.get("not_in_nav") or "").splitlines())
    for (name, lang), page in found.items():
        # News articles are listed on the news page, not in the menu (`not_in_nav`).
        if (lang == DEFAULT and f"{name}.md" not in listed and not news.is_article(name)
                and not left_out.match_file(f"{name}.md")):
            problems.append(project.problem(page.path, 1, f"this page is not in the navigation — add the line `  - {name}.md` "
                                                          "under `nav:` in mkdocs.yml, where it should appear in the menu"))
    return problems


def check_front_matter(project: Project, page: pages.Page, descriptions: dict) -> list[Problem]:
    """The rules of every page's front matter (moussalaha.content.pages, which the
    build applies too), then the editors' own: each text in its page's
    language, descriptions long enough and each page's own, no stamp on an
    Arabic page, no placeholder left."""
    problems = [project.problem(page.path, line, message) for line, message in pages.front_matter_problems(page)]
    if page.meta_error or not pages.FRONT_MATTER.match(page.text):
        return problems
    for field in pages.REQUIRED_FIELDS:
        value = page.meta.get(field)
        if isinstance(value, str) and value.strip() and bool(LETTER.search(value)) != (page.lang == DEFAULT):
            problems.append(project.problem(page.path, page.field_line(field),
                                            f"the {field} is not in {ENGLISH_NAMES[page.lang]} — write it in the page's language"))
    description = page.meta.get("description")
    if isinstance(description, str) and description.strip():
        if len(description) <= DESCRIPTION_MIN:
            problems.append(project.problem(page.path, page.field_line("description"),
                                            f"the description has {len(description)} characters — search engines show it "
                                            f"under the title: write a sentence of more than {DESCRIPTION_MIN} characters about this page"))
        other = descriptions.setdefault((page.lang, description.strip()), page.path)
        if other != page.path:
            problems.append(project.problem(page.path, page.field_line("description"),
                                            f"the same description as {project.relative(other)} — give each page its own"))
    if STAMP in page.meta and page.lang == DEFAULT:
        problems.append(project.problem(page.path, page.field_line(STAMP),
                                        f"an Arabic page is the source, it has no `{STAMP}:` — remove it"))
    if PLACEHOLDER in page.text:
        problems.append(project.problem(page.path, line_of(page.text, PLACEHOLDER),
                                        f"this line still has a {PLACEHOLDER} placeholder left by new-page — "
                                        "replace it with the page's own words"))
    return problems
