"""The editors' tool: check the pages and data before a pull request, see
which translations are missing or out of date, create a page or a news
item, and record which Arabic text a translation translates.

    .venv/bin/python scripts/site.py check        # every check (also `make check`)
    .venv/bin/python scripts/site.py status       # the translations, page by page
    .venv/bin/python scripts/site.py new-page visits --title "الزيارات"
    .venv/bin/python scripts/site.py new-news european-judicial-delegation --date 2025-12-10 --source founding-agreement
    .venv/bin/python scripts/site.py stamp docs/visits.fr.md

`.venv/bin/python scripts/site.py COMMAND --help` explains each command.
Every problem is printed as `file:line: what is wrong — how to fix it`; in
GitHub Actions the same problems appear on the pull request's lines.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

import yaml

from moussalaha.checks import run_checks
from moussalaha.checks.common import TOOL, Project
from moussalaha.checks.page_checks import PLACEHOLDER, read_pages
from moussalaha.content import news, pages
from moussalaha.content.pages import STAMP
from moussalaha.gate import filetree
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.languages import LANGUAGES, TRANSLATIONS


def command_check(project: Project, args) -> int:
    problems = run_checks(project.root, build=not args.no_build)
    for item in problems:
        print(item)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for item in problems:
            print(item.annotation())
    if problems:
        print(f"\n{len(problems)} problem(s). Each line says the file and line, what is wrong, and after «—» how "
              "to fix it.", file=sys.stderr)
        return 1
    print("Every check passed." + ("" if args.no_build else " The site builds."))
    return 0


def translation_state(project: Project, found, name: str, lang: str) -> str:
    page, source = found.get((name, lang)), found.get((name, DEFAULT))
    if page is None:
        return "missing"
    if lang == DEFAULT:
        return "present"
    stamp = pages.stamp_of(page)
    if source is None:
        return "no Arabic page"
    if stamp is None:
        return "not stamped"
    changed = pages.changes(stamp, source)
    if not changed:
        return "present"
    sections = ", ".join(s.id if isinstance(s, pages.Section) else s for _, s in changed)
    return f"outdated: {sections}{pages.since(source, stamp, project.root)}"


def command_status(project: Project, args) -> int:
    found, _ = read_pages(project)
    print("| page | " + " | ".join(LANGUAGES) + " |")
    print("|---" * (len(LANGUAGES) + 1) + "|")
    for name in sorted({name for name, _ in found}):
        print(f"| {name} | " + " | ".join(translation_state(project, found, name, lang) for lang in LANGUAGES) + " |")
    return 0


def command_stamp(project: Project, args) -> int:
    found, _ = read_pages(project)
    if args.all:
        targets = [page for (name, lang), page in sorted(found.items()) if lang != DEFAULT]
    else:
        targets = []
        for given in args.pages:
            parsed = pages.split_name(Path(given).name)
            if parsed and (project.root / given).resolve().parent == (project.docs / news.FOLDER).resolve():
                parsed = (f"{news.FOLDER}/{parsed[0]}", parsed[1])
            if not parsed or not (project.root / given).exists():
                print(f"{given}: not a page of docs/ — give a file such as docs/centre.fr.md", file=sys.stderr)
                return 1
            name, lang = parsed
            langs = TRANSLATIONS if lang == DEFAULT else (lang,)
            targets += [found[name, other] for other in langs if (name, other) in found]
    if not targets:
        print("Nothing to stamp: name the translations (docs/centre.fr.md) or use --all.", file=sys.stderr)
        return 1
    for page in targets:
        source = found.get((page.name, DEFAULT))
        if source is None or page.meta_error:
            print(f"{project.relative(page.path)}: not stamped — it has no Arabic page, or its front matter is not valid YAML; "
                  f"`{TOOL} check` says why", file=sys.stderr)
            return 1
        page.path.write_text(pages.with_stamp(page, source), encoding="utf-8")
        print(f"{project.relative(page.path)}: records the Arabic text of {project.relative(source.path)} "
              f"(sections {', '.join(s.id for s in source.sections)})")
    return 0


# Names a page cannot take (moussalaha/gate/filetree.py): the site's own pages and folders.
RESERVED_NAMES = filetree.RESERVED_NAMES

# A new page's text in each language, beside the components it may use
# (overrides/components/new-page.LANG.md): its front matter's fields and its
# body, with {title}, {mark} (the placeholder), {name} and {tool} to fill in.
NEW_PAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "components"


def new_page_template(lang: str) -> tuple[dict[str, str], str]:
    """The fields of the new-page template's front matter, and its body."""
    text = (NEW_PAGE_TEMPLATES / f"new-page.{lang}.md").read_text(encoding="utf-8")
    match = pages.FRONT_MATTER.match(text)
    return yaml.safe_load(match.group(1)), text[match.end():].lstrip("\n")


def new_page_text(lang: str, **values: str) -> str:
    """A new page: its front matter written by the YAML library (a title may
    hold a colon, a quote or a #), then its first heading."""
    fields, body = new_page_template(lang)
    front = {key: value.replace("{title}", values["title"]).replace("{mark}", values["mark"])
             for key, value in fields.items()}
    front_matter = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    # The title is put in last: braces in it are text, not format fields.
    heading = body.format(**(values | {"title": "\0title\0"})).replace("\0title\0", values["title"])
    return f"---\n{front_matter}---\n\n" + heading


def command_new_page(project: Project, args) -> int:
    name = args.name.removesuffix(".md")
    parsed = pages.split_name(f"{name}.md")
    if not parsed or parsed[1] != DEFAULT:
        print(f"{args.name}: a page's name is lowercase Latin letters, digits and hyphens, such as `visits`; "
              "it becomes its address (visits.html).", file=sys.stderr)
        return 1
    if name in RESERVED_NAMES or (project.docs / name).exists():
        print(f"{args.name}: this name is taken by the site itself ({name}.html or the folder {name}/) — "
              "choose another name, such as `visits`.", file=sys.stderr)
        return 1
    if args.title is not None and (not args.title.strip() or any(c in args.title for c in "\r\n\x00")):
        print("--title: the title is one line of text, in Arabic.", file=sys.stderr)
        return 1
    paths = {lang: pages.page_path(name, lang, project.docs) for lang in LANGUAGES}
    if any(path.exists() for path in paths.values()):
        print(f"docs/{name}.md: this page already exists — choose another name, or edit it.", file=sys.stderr)
        return 1
    config_path = project.root / "mkdocs.yml"
    try:
        config = pages.add_to_nav(config_path.read_text(encoding="utf-8"), name, args.after)
    except pages.NavError as error:
        print(error, file=sys.stderr)
        return 1
    title = args.title or f"{PLACEHOLDER} عنوان الصفحة"
    for lang, path in paths.items():
        path.write_text(new_page_text(lang, title=title, name=name, mark=PLACEHOLDER, tool=TOOL), encoding="utf-8")
        print(f"created {project.relative(path)}")
    config_path.write_text(config, encoding="utf-8")
    print(f"added {name}.md to the navigation in mkdocs.yml\n\nNext: write the Arabic page, replacing every "
          f"{PLACEHOLDER}; have it translated; then `{TOOL} check`.")
    return 0


NEWS_WORDS = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NEW_NEWS_BODY = {
    "ar": "# {title} {{ #article }}\n\n{mark} اكتب هنا نص الخبر، مع ذكر مصدر كل واقعة وكل رقم («بحسب بلاغ المركز»).\n",
    "fr": "# {mark} Titre {{ #article }}\n\n{mark} Traduisez ici l’article arabe docs/news/{name}.md.\n"
          "Puis enregistrez ce que vous avez traduit : {tool} stamp docs/news/{name}.fr.md\n",
    "en": "# {mark} Headline {{ #article }}\n\n{mark} Translate the Arabic article docs/news/{name}.md here.\n"
          "Then record what you translated: {tool} stamp docs/news/{name}.en.md\n",
}


def new_news_text(lang: str, name: str, title: str, day: str, sources: list[str]) -> str:
    """A news item's file: the Arabic one with the date and sources, the
    translations with a title and a lead only (CONTRIBUTING.md)."""
    front = dict(new_page_template(lang)[0])
    front = {key: value.replace("{title}", title).replace("{mark}", PLACEHOLDER) for key, value in front.items()}
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000)
    if lang == DEFAULT:
        # As CONTRIBUTING.md writes them; the ids are known ones (checked by the caller).
        text += f"date: {day}\nsources: [{', '.join(sources)}]\n"
    body = NEW_NEWS_BODY[lang].replace("{title}", "\0t\0").format(mark=PLACEHOLDER, name=name, tool=TOOL)
    return f"---\n{text}---\n\n" + body.replace("\0t\0", title)


def command_new_news(project: Project, args) -> int:
    import datetime as dt

    from moussalaha.content import data

    try:
        day = dt.date.fromisoformat(args.date)
    except ValueError:
        print(f"--date {args.date}: the day of the event, year-month-day, such as 2025-12-10.", file=sys.stderr)
        return 1
    words = args.words.lower()
    if not NEWS_WORDS.match(words):
        print(f"{args.words}: a few English words in lowercase Latin letters and digits, joined by hyphens, such "
              "as `european-judicial-delegation`; they become the item's address.", file=sys.stderr)
        return 1
    title = args.title or f"{PLACEHOLDER} عنوان الخبر"
    if not title.strip() or any(c in title for c in "\r\n\x00"):
        print("--title: the headline is one line of text, in Arabic.", file=sys.stderr)
        return 1
    known = data.SiteData(project.docs / "data").source_ids
    unknown = [s for s in args.sources if s not in known]
    if unknown or not args.sources:
        print(f"--source {' '.join(unknown)}: give the id of each source in docs/data/sources.yml (add a new "
              "one there first), such as --source founding-agreement.", file=sys.stderr)
        return 1
    name = f"{day.isoformat()}-{words}"
    folder = project.docs / "news"
    paths = {lang: folder / (f"{name}.md" if lang == DEFAULT else f"{name}.{lang}.md") for lang in LANGUAGES}
    if any(path.exists() for path in paths.values()):
        print(f"docs/news/{name}.md: this news item already exists — choose other words, or edit it.",
              file=sys.stderr)
        return 1
    folder.mkdir(exist_ok=True)
    for lang, path in paths.items():
        path.write_text(new_news_text(lang, name, title, day.isoformat(), list(args.sources)), encoding="utf-8")
        print(f"created {project.relative(path)}")
    print(f"\nNext: write the Arabic article, replacing every {PLACEHOLDER}; have it translated and stamped; "
          f"then `{TOOL} check`. The news page and the home page list it: nothing else to change.")
    return 0


def command_editor_style(project: Project, args) -> int:
    from moussalaha.output import cms

    for given in args.files:
        path = project.root / given
        if path.parent.resolve() != (project.docs / "data").resolve() or path.stem not in cms.DATA_FILES:
            print(f"{given}: one of the data files the web editor changes: "
                  f"{', '.join(f'docs/data/{n}.yml' for n in cms.DATA_FILES)}.", file=sys.stderr)
            return 1
        path.write_text(cms.editor_style(path.stem, path.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"rewrote {project.relative(path)} as the web editor writes it (its comments are in the editor's hints)")
    return 0


def main(argv: list[str] | None = None, folder: Path | None = None) -> int:
    """The command line `argv` on the project in `folder` (by default the
    current directory, as MkDocs); the files it names are in that project."""
    parser = argparse.ArgumentParser(
        prog="site.py", description="The editors' tool for the Moussalaha Centre website.",
        epilog=f"Run it from the project's folder, for example: {TOOL} check")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="check every page and data file; say what is wrong and how to fix it",
        description="Check the pages (docs/*.md) and the data (docs/data/*.yml): missing or out-of-date "
                    "translations, front matter, figures that differ between languages, official names, "
                    "unsafe HTML, images, and, once all that is right, broken links and anchors in the "
                    "built site. Prints `file:line: what is wrong — how to fix it`; ends with an error "
                    "status when anything is wrong.")
    check.add_argument("--no-build", action="store_true", help="skip building the site (faster; links are not checked)")
    check.set_defaults(run=command_check)

    status = commands.add_parser(
        "status", help="show which translations are present, missing or out of date",
        description="A table of every page in the three languages: present, missing, not stamped (the "
                    "translation does not say which Arabic text it translates) or outdated (with the Arabic "
                    "sections that changed, and since which commit when the history shows it).")
    status.set_defaults(run=command_status)

    new_page = commands.add_parser(
        "new-page", help="create a page in the three languages and add it to the menu",
        description="Create docs/NAME.md (Arabic), docs/NAME.fr.md and docs/NAME.en.md with their front "
                    "matter and first heading, and add the page to the navigation in mkdocs.yml. Replace "
                    f"every {PLACEHOLDER} it leaves; `check` points at those left.")
    new_page.add_argument("name", help="the page's name in lowercase Latin letters, digits and hyphens: it "
                                       "becomes the page's address (visits → visits.html)")
    new_page.add_argument("--title", help="the page's title in Arabic")
    new_page.add_argument("--after", help="the page after which it appears in the menu (default: at the end)")
    new_page.set_defaults(run=command_new_page)

    new_news = commands.add_parser(
        "new-news", help="create a news item in the three languages",
        description="Create docs/news/DATE-WORDS.md (Arabic, with the date and sources), .fr.md and .en.md "
                    f"(a title and a lead), as CONTRIBUTING.md describes. Replace every {PLACEHOLDER} it "
                    "leaves; `check` points at those left.")
    new_news.add_argument("words", help="a few English words in lowercase joined by hyphens, after the date in "
                                        "the item's name and address (european-judicial-delegation)")
    new_news.add_argument("--date", required=True, help="the day of the event, YYYY-MM-DD")
    new_news.add_argument("--source", dest="sources", action="append", default=[], required=True,
                          help="a source's id from docs/data/sources.yml (repeat for several)")
    new_news.add_argument("--title", help="the headline in Arabic")
    new_news.set_defaults(run=command_new_news)

    editor_style = commands.add_parser(
        "editor-style", help="rewrite data files as the web editor saves them",
        description="Rewrite docs/data/programme.yml, projects.yml, sources.yml or contact.yml in the style "
                    "the web editor (/admin/) saves them: the same data, lists as blocks, without comments "
                    "(the editor's hints say what they said). Once a file is in that style, a change made in "
                    "the editor changes only its own lines.")
    editor_style.add_argument("files", nargs="+", help="data files, such as docs/data/programme.yml")
    editor_style.set_defaults(run=command_editor_style)

    stamp = commands.add_parser(
        "stamp", help="record that a translation matches the Arabic page as it is now",
        description=f"Write in the front matter of each French or English page given the fingerprints of "
                    f"its Arabic page's sections (`{STAMP}:`), once its translation says the same as the "
                    "Arabic. Until the Arabic page changes again, `check` considers it up to date. An "
                    "Arabic page given stands for both of its translations.")
    stamp.add_argument("pages", nargs="*", help="translations such as docs/centre.fr.md (or docs/centre.md for both)")
    stamp.add_argument("--all", action="store_true", help="every translation (only when all of them are known "
                                                           "to match their Arabic page)")
    stamp.set_defaults(run=command_stamp)

    args = parser.parse_args(argv)
    return args.run(Project(Path.cwd() if folder is None else folder), args)


if __name__ == "__main__":
    sys.exit(main())
