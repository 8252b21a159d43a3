"""The previous site's addresses (docs/data/redirects.yml) and where they
lead: checked, then written for the two ways the site is served.

- `problems()`: every entry's mistakes as `file:line: what is wrong — how to
  fix it` (`make check` and the build): a new page that does not exist, a
  new page that is itself an old address (a chain, or a loop), a new page
  on another site, an old address that is a page or file of this site, an
  old address given twice.
- `write()`, once every language is built: `.nginx/redirects.conf`, one
  exact `location` per old address (with and without its final slash)
  answering 301 with the new page, which deploy/nginx/ includes in its
  server blocks; and, for hosts without server configuration (GitHub
  Pages), a small page at each old address (`…/index.html`) naming the new
  page with `rel=canonical` and a plain link: no script, no refresh (the
  site's policy refuses both).

The nginx file and the pages come from the data at every build, so they
cannot drift from it.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path

from moussalaha import languages
from moussalaha.content.data import SiteData
from moussalaha.languages import DEFAULT_LANGUAGE, LANGUAGES, folder
from moussalaha.problems import Problem

DATA = "docs/data/redirects.yml"
# Words of the moved page, in the language of its new page.
MOVED = {
    "ar": ("نُقلت هذه الصفحة", "نُقلت هذه الصفحة إلى عنوان جديد:"),
    "fr": ("Cette page a été déplacée", "Cette page se trouve désormais à une nouvelle adresse :"),
    "en": ("This page has moved", "This page is now at a new address:"),
}


def normalise(address: str) -> str:
    """An address as the file that answers it in the built site:
    "/program/" and "/program" → "program/index.html", "/centre.html" →
    "centre.html"."""
    path = address.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path if "." in path.rsplit("/", 1)[-1] else path + "/index.html"


def site_pages(docs: Path) -> set[str]:
    """Every page the build writes (`use_directory_urls: false`), in each
    language (a page without its translation is still built there, in
    Arabic), and every other file under docs/."""
    pages = set()
    for source in docs.rglob("*.md"):
        name = source.relative_to(docs).as_posix()[:-3]
        for lang in LANGUAGES:
            if name.endswith(f".{lang}"):
                name = name[: -len(lang) - 1]
        for lang in LANGUAGES:
            pages.add(f"{folder(lang)}{name}.html")
    others = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"}
    return pages | {f"{folder(lang)}{p}" for p in others for lang in LANGUAGES}


def problems(docs: Path, site_data: SiteData) -> list[Problem]:
    entries = site_data.redirects
    if not entries:
        return []
    document = site_data.documents["redirects"]
    pages = site_pages(docs)
    olds: dict[str, int] = {}
    for i, r in enumerate(entries):
        olds.setdefault(normalise(r.old), i)
    found = []

    def refuse(i: int, field: str, message: str, fix: str) -> None:
        found.append(Problem(DATA, document.line(("redirects", i, field)), message, fix))

    for i, r in enumerate(entries):
        old, new = normalise(r.old), r.new
        if olds[old] != i:
            refuse(i, "old", f"the old address {r.old} is given twice", "keep one entry for it")
        if old in pages:
            refuse(i, "old", f"the old address {r.old} is a page of this site ({old}): the redirect would hide it",
                   "remove this entry, or give the old address the previous site really used")
        if "://" in new or new.startswith(("//", "mailto:", "javascript:")):
            refuse(i, "new", f"the new page {new} is on another site",
                   "lead old addresses to a page of this site, such as centre.html or fr/news/….html")
            continue
        seen, target = [i], normalise(new)
        while target in olds and olds[target] not in seen:
            seen.append(olds[target])
            target = normalise(entries[olds[target]].new)
        if len(seen) > 1 or target in olds:
            loop = target in olds
            steps = " → ".join([entries[j].old for j in seen]
                               + ([entries[olds[target]].old] if loop else [entries[seen[-1]].new]))
            refuse(i, "new", f"the new page {new} is itself an old address: a {'loop' if loop else 'chain'} ({steps})",
                   "give the page the address finally reached, one step: " + ("a page of this site" if loop else
                                                                               entries[seen[-1]].new))
            continue
        if normalise(new) not in pages:
            refuse(i, "new", f"the new page {new} does not exist",
                   "write the address of a page this site builds: docs/NAME.md is NAME.html, docs/NAME.fr.md "
                   "fr/NAME.html, docs/news/NAME.md news/NAME.html")
    return found


def relative_link(old: str, new: str) -> str:
    """The new page's address from the old address's folder (its page is
    written as …/index.html), so that it works on any host and sub-path."""
    return posixpath.relpath(new.lstrip("/"), posixpath.dirname(normalise(old)) or ".")


def language_of(new: str) -> str:
    first = new.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def moved_page(old: str, new: str, site_url: str, meta: str = "") -> str:
    """The page left at an old address (for hosts without the nginx map):
    its link to the new page, `meta` (the policy's tags) after its charset."""
    lang = language_of(new)
    title, text = MOVED[lang]
    link = html.escape(relative_link(old, new))
    canonical = html.escape(site_url.rstrip("/") + "/" + new.lstrip("/"))
    direction = languages.get(lang).direction
    return (f'<!doctype html>\n<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">{meta}\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n"
            f'<link rel="canonical" href="{canonical}">\n<meta name="robots" content="noindex">\n</head>\n'
            f'<body>\n<main>\n<h1>{html.escape(title)}</h1>\n<p>{html.escape(text)} <a href="{link}" dir="ltr">{canonical}</a></p>\n'
            "</main>\n</body>\n</html>\n")


def nginx_conf(entries) -> str:
    lines = ["# Written by the build from docs/data/redirects.yml (moussalaha/output/redirects.py); included in the",
             "# server blocks by deploy/nginx/. Each old address of the previous site: 301 to its new page."]
    for r in entries:
        path = r.old.split("#", 1)[0]
        variants = [path] if path == "/" else [path.rstrip("/"), path.rstrip("/") + "/"]
        target = "/" + r.new.lstrip("/")
        for variant in variants:
            lines += [f"location = {variant} {{", "    include moussalaha/security-headers.conf;",
                      f"    return 301 {target};", "}"]
    return "\n".join(lines) + "\n"


def write(site: Path, site_data: SiteData, site_url: str | None, meta: str = "") -> dict[str, str]:
    """The nginx map and the moved pages, these with `meta` (the policy's
    tags) as they are written; returns the pages, {path in the site: text}."""
    entries = site_data.redirects
    (site / ".nginx").mkdir(exist_ok=True)
    (site / ".nginx" / "redirects.conf").write_text(nginx_conf(entries), encoding="utf-8")
    written = {}
    for r in entries:
        path = normalise(r.old)
        written[path] = moved_page(r.old, r.new, site_url or "/", meta)
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(written[path], encoding="utf-8")
    return written


def pages(site_data: SiteData) -> set[str]:
    """The moved pages the build writes (not pages of the site's own)."""
    return {normalise(r.old) for r in site_data.redirects}
