"""The dossier: the site's essential pages as one PDF per language, for a
delegation preparing a visit, written at the end of each build
(moussalaha/build.py) by WeasyPrint.

It is made of the built pages themselves, never retyped: the <article> of
the centre, agreement, partners, strategy and programme pages, of the five
latest news items, of the glossary and of the sources page (the
references, with their full addresses), each without what only a screen
needs (its own list of sources, which the references gather, buttons,
notices). Before them: a cover (the site's mark, the centre's name, the
dossier's date) and a table of contents with page numbers.

- Fonts: the site's Noto Naskh Arabic (docs/assets/fonts/) and Noto Sans
  (moussalaha/sharing/fonts/share-*.ttf, the preview images' faces, which carry
  Arabic too), embedded and subset by WeasyPrint; no other font is asked
  for, and nothing is fetched but the site's own files.
- Arabic is laid out by Pango (HarfBuzz joins the letters, FriBiDi orders
  them), from Debian (`make text-layout`).
- Tagged PDF/UA-1, its language and title set: the reading order is the
  document's.
- Reproducible: the dossier's date is SOURCE_DATE_EPOCH if set, else the
  date of the last commit; the PDF's creation and change dates are that
  date, and its identifier a hash of its content.
- Cached (cached_pdf()), as mkdocs-material's social plugin caches its
  images: WeasyPrint's second of work per language is spent once for
  given inputs. A PDF is stored under the hash of all that makes it (the
  HTML document with its style sheet, the bytes of the fonts it names and
  of every file WeasyPrint fetched for it; the versions of Python, zlib,
  WeasyPrint and its Python libraries, Pango, HarfBuzz and Fontconfig;
  the rendering's options) in .cache/moussalaha/dossier/
  (moussalaha/stored.py), and given back only when each of these is the
  same: a cached dossier is byte for byte the one WeasyPrint would make.
  MOUSSALAHA_DOSSIER_CACHE=off (or MOUSSALAHA_CACHE=off) renders every time.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import multiprocessing
import os
import re
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from moussalaha import stored
from moussalaha.content import news, present
from moussalaha.languages import DIRECTIONS, folder

FOLDER = "dossier/"
CHAPTERS = ("centre", "agreement", "partners", "strategy", "programme")
CLOSING = ("lexicon", "sources")
NEWS_COUNT = 5
# What only a screen needs, and each page's own list of sources (the
# references chapter gathers them with their full addresses).
NOT_IN_PRINT = (".headerlink, .md-content__button, .md-source-file, .mc-translation-notice, .md-button, "
                ".mc-news__back, .mc-dossier, .mc-open-data, script, form, nav, h2#sources, .mc-sources")
# In the references chapter, the sources stay, with their addresses.
NOT_IN_REFERENCES = NOT_IN_PRINT.replace(", h2#sources, .mc-sources", "")
PACKAGE = Path(__file__).resolve().parent
STYLE = PACKAGE / "dossier.css"
# The programme's chart in the site's colours (site.css), as SVG attributes.
CHART_ATTRIBUTES = {
    ".mc-chart svg text": {"font-family": "Dossier Sans", "font-size": "10", "fill": "#333"},
    ".mc-chart__grid": {"stroke": "#dddddd", "stroke-width": "1"},
    ".mc-chart__axis": {"stroke": "#777777", "stroke-width": "1"},
    ".mc-chart__beneficiaries": {"stroke": "#0b5a45", "fill": "#0b5a45"},
    ".mc-chart__released": {"stroke": "#b5651d", "fill": "#b5651d"},
    ".mc-chart__line": {"fill": "none", "stroke-width": "2"},
    ".mc-chart__value": {"stroke": "none", "fill": "#333"},
}
LATIN_FONTS = {400: PACKAGE / "fonts" / "share-400.ttf", 700: PACKAGE / "fonts" / "share-700.ttf"}
# The site's Arabic face, as the site serves it.
ARABIC_FONT = "assets/fonts/noto-naskh-arabic-{weight}.woff2"
MARK = PACKAGE.parents[1] / "overrides" / "partials" / "logo.html"


def pdf_path(lang: str) -> str:
    """Where the dossier of `lang` is in the site, from its root."""
    return f"{FOLDER}moussalaha-dossier-{lang}.pdf"


@dataclass(frozen=True)
class Words:
    """What the dossier says in its language, besides the pages."""

    centre: str  # the centre's name
    title: str  # "Dossier"
    contents: str
    latest_news: str
    date_label: str  # "Dossier dated {date}"


# Beside each link to a dossier (overrides/components/dossier-link.html):
# its size and date, written into the built pages once the PDF is
# (moussalaha/build.py, html.fill_dossier_details).
DETAILS_ATTRIBUTE = "data-dossier-details"


def details(size: int, day: dt.date, lang: str, ui: dict) -> str:
    """", 148 KB, 4 December 2026" (after "(PDF"), in the page's language."""
    return present.fill(ui["dossier_details"], size=round(size / 1024), date=present.format_day(day, lang))


# The process that renders the dossiers, one language after the other, each
# as soon as its pages are written, beside the build (on the core MkDocs
# leaves idle). A second one (the next language not queued behind the
# previous one's) loaded WeasyPrint twice, and showed no gain in time.
WORKERS = 1


def start_workers() -> ProcessPoolExecutor:
    """The process that renders the dossiers, started now (at the start of
    a build: forked while the build's process is small, it inherits the
    loaded package)."""
    pool = ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("fork"),
                               initializer=_warm_up)
    # Forked processes start at the first task: this one, now.
    pool.submit(os.getpid)
    return pool


def _warm_up() -> None:
    """In each process that renders the dossiers, forked from the build's:
    tell Python's garbage collector to leave every object so far alone
    (the build's, inherited): it would walk them again at each of its
    passes, during the rendering. WeasyPrint is loaded at the first
    dossier the cache does not hold (half a second of processor time
    that a build whose dossiers are all cached does not spend)."""
    gc.freeze()


def load_weasyprint() -> None:
    """Import WeasyPrint without its hunt for its libraries by every name.
    It asks for each (Pango, HarfBuzz, Fontconfig...) under the names of
    every system (libpango-1.0-0, pango-1.0, ..., libpango-1.0.so.0,
    libpango-1.0.dylib...); for each name the dynamic loader does not know,
    cffi calls ctypes.util.find_library, which runs ldconfig, gcc and ld:
    some sixty processes, a third of the import's processor time. The
    loader finds the Linux name in each list itself, so find_library
    answers nothing while WeasyPrint is imported; should a system need it
    (a library under another name), the import is done again with it."""
    if "weasyprint" in sys.modules:
        return
    import ctypes.util

    find_library = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        import weasyprint  # noqa: F401
    except OSError:
        for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
            del sys.modules[name]
        ctypes.util.find_library = find_library
        import weasyprint  # noqa: F401
    finally:
        ctypes.util.find_library = find_library


_fonts = None


def _font_configuration():
    """One Fontconfig configuration for the process's dossiers: the fonts
    (the site's Arabic WOFF2, decompressed by fontTools) are loaded for the
    first and found again by the next."""
    global _fonts
    if _fonts is None:
        load_weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        _fonts = FontConfiguration()
    return _fonts


def dossier_date(repo: Path) -> dt.date:
    """SOURCE_DATE_EPOCH (reproducible builds' convention), else the day of
    the last commit, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    try:
        day = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=repo, capture_output=True, text=True,
                             check=True).stdout.strip()
        return dt.date.fromisoformat(day)
    except (subprocess.CalledProcessError, ValueError, FileNotFoundError):
        return dt.date.today()


def _shift_headings(html: str, by: int) -> str:
    """h1 → h2 (by=1), for the news items under their chapter's heading:
    the document's outline, which PDF/UA tags, stays one tree."""
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + by, 6)}", html)


def _article(site: Path, path: str, prefix: str, drop: str) -> tuple[str, str]:
    """The page's article for print: (its title, its HTML). Ids are
    prefixed (the pages share ids such as #sources); every link leads to
    its absolute address (the pages give it in data-print)."""
    tree = LexborHTMLParser((site / path).read_text(encoding="utf-8"))
    article = tree.css_first("article.md-content__inner")
    for node in article.css(drop):
        node.decompose()
    for node in article.css("[id]"):
        node.attrs["id"] = f"{prefix}-{node.attributes['id']}"
    for node in article.css("a[href]"):
        absolute = node.attributes.get("data-print")
        if absolute:
            node.attrs["href"] = absolute
            del node.attrs["data-print"]
        elif not node.attributes["href"].startswith(("https://", "http://", "mailto:")):
            node.unwrap()
    for node in article.css("[download]"):
        del node.attrs["download"]
    # Fixed columns for the programme's table, wide enough for its words.
    for table in article.css("table.mc-milestones"):
        columns = LexborHTMLParser('<table><colgroup><col class="date"><col class="event"><col class="figure">'
                                   '<col class="figure"><col class="figure"><col class="cited"></colgroup></table>')
        table.css_first("thead").insert_before(columns.css_first("colgroup"))
    # The site's style sheet colours the chart; WeasyPrint draws an inline
    # SVG with its own attributes only.
    for selector, attributes in CHART_ATTRIBUTES.items():
        for node in article.css(selector):
            for name, value in attributes.items():
                node.attrs[name] = value
    title = article.css_first("h1")
    return (" ".join(title.text().split()) if title else prefix), article.inner_html


def _mark() -> str:
    """The site's mark (overrides/partials/logo.html), without its comment."""
    return re.sub(r"\{#.*?#\}", "", MARK.read_text(encoding="utf-8"), flags=re.DOTALL).strip()


def document(site: Path, docs: Path, lang: str, words: Words, day: dt.date) -> str:
    """The dossier of `lang` as one HTML document."""
    root = folder(lang)
    # A project without one of these pages (a test's small copy) has no such chapter.
    chapters = [(name, *_article(site, f"{root}{name}.html", name, NOT_IN_PRINT)) for name in CHAPTERS
                if (site / f"{root}{name}.html").is_file()]
    items = [_article(site, f"{root}{item.url}", f"news-{index}", NOT_IN_PRINT)
             for index, item in enumerate(news.collect(docs, lang)[:NEWS_COUNT])
             if (site / f"{root}{item.url}").is_file()]
    if items:
        news_html = f'<h1 id="news">{escape(words.latest_news)}</h1>' + "".join(
            f'<section class="news-item">{_shift_headings(html, 1)}</section>' for _, html in items)
        chapters.append(("news", words.latest_news, news_html))
    chapters += [(name, *_article(site, f"{root}{name}.html", name,
                                  NOT_IN_REFERENCES if name == "sources" else NOT_IN_PRINT)) for name in CLOSING
                 if (site / f"{root}{name}.html").is_file()]
    date_text = present.format_day(day, lang)
    contents = "".join(
        f'<li><a href="#{name}-top">{escape(title)}</a></li>' for name, title, _ in chapters)
    body = "".join(
        f'<section class="chapter chapter--{name}" id="{name}-top">{html}</section>' for name, _, html in chapters)
    style = STYLE.read_text(encoding="utf-8")
    faces = [("Dossier Sans", weight, path) for weight, path in LATIN_FONTS.items()] + [
        ("Noto Naskh Arabic", weight, site / ARABIC_FONT.format(weight=weight)) for weight in (400, 700)]
    fonts = "".join(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{path.as_uri()}"); }}\n'
                    for family, weight, path in faces)
    title = f"{words.title} — {words.centre}"
    return f"""<!DOCTYPE html>
<html lang="{lang}" dir="{DIRECTIONS[lang]}">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>
<meta name="author" content="{escape(words.centre)}">
<meta name="dcterms.created" content="{day.isoformat()}">
<meta name="dcterms.modified" content="{day.isoformat()}">
<style>{fonts}{style}</style>
</head>
<body class="dossier dossier--{lang}">
<section class="cover">
<div class="cover__mark">{_mark()}</div>
<p class="cover__centre">{escape(words.centre)}</p>
<p class="cover__title">{escape(words.title)}</p>
<p class="cover__date"><time datetime="{day.isoformat()}">{escape(words.date_label.replace("{date}", date_text))}</time></p>
</section>
<nav class="contents" aria-labelledby="contents-title">
<h1 id="contents-title">{escape(words.contents)}</h1>
<ol>{contents}</ol>
</nav>
{body}
</body>
</html>"""


def _own_files_fetcher(site: Path, fetched: dict[str, str] | None = None):
    """WeasyPrint's URL fetcher, limited to the site's files and the
    package's own: nothing is downloaded while the site builds. Each file
    fetched is noted in `fetched` ({its portable name: the hash of its
    bytes}), for the cache."""
    from weasyprint.urls import URLFetcher

    allowed = (site.resolve(), PACKAGE)

    class OwnFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(url.removeprefix("file://").split("?")[0]).resolve()
                if any(path.is_relative_to(folder_) for folder_ in allowed):
                    if fetched is not None:
                        fetched[_portable_name(path, site)] = _digest(path)
                    return super().fetch(url, headers)
            raise ValueError(f"the dossier fetches only the site's own files, not {url}")

    return OwnFiles(allowed_protocols=("file",))


# The options WeasyPrint renders with; part of each dossier's cache key.
RENDER_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_identifier": False, "pdf_tags": True}


def render(html: str, site: Path, lang: str, fetched: dict[str, str] | None = None) -> bytes:
    """The dossier `html` (document()) as PDF/UA-1 bytes; the files
    WeasyPrint fetched for it are noted in `fetched`."""
    load_weasyprint()  # here: only a dossier the cache does not hold needs it
    from weasyprint import HTML

    # WeasyPrint makes hundreds of thousands of objects per document, and
    # Python's garbage collector walked them again and again while it
    # worked: a fifth of its time. They are collected once it is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return HTML(string=html, base_url=str(site / folder(lang)) + "/",
                    url_fetcher=_own_files_fetcher(site, fetched)).write_pdf(
            font_config=_font_configuration(), **RENDER_OPTIONS)
    finally:
        if collecting:
            gc.enable()


# The dossiers kept between builds (moussalaha/stored.py), about 130 KB
# each, three per version of the site; MOUSSALAHA_DOSSIER_CACHE=off (or
# MOUSSALAHA_CACHE=off) renders them every time.
STORE_KIND, STORE_LIMIT, CACHE_SWITCH = "dossier", 8 * 1024 * 1024, "MOUSSALAHA_DOSSIER_CACHE"
# What else makes a dossier's bytes: the Python libraries that render it
# (their versions), and Debian's text-layout libraries, by their Linux
# names, with the function that tells each one's version.
RENDERING_PACKAGES = ("weasyprint", "pydyf", "tinycss2", "tinyhtml5", "cssselect2", "fonttools", "brotli", "zopfli",
                      "pyphen", "pillow")
NATIVE_LIBRARIES = (("libpango-1.0.so.0", "pango_version_string"), ("libharfbuzz.so.0", "hb_version_string"),
                    ("libfontconfig.so.1", "FcGetVersion"))


def store(project: Path) -> stored.Store:
    return stored.Store.of(project, STORE_KIND, STORE_LIMIT, switch=CACHE_SWITCH)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _portable_name(path: Path, site: Path) -> str:
    """A fetched file's name wherever the site is built and the project
    checked out: site/assets/fonts/…, package/fonts/…"""
    site = site.resolve()
    if path.is_relative_to(site):
        return f"site/{path.relative_to(site).as_posix()}"
    return f"package/{path.relative_to(PACKAGE).as_posix()}"


def _fetched_file(name: str, site: Path) -> Path:
    root, relative = name.split("/", 1)
    return (site.resolve() if root == "site" else PACKAGE) / relative


@cache
def _renderer_versions() -> str | None:
    """The versions of all that renders a dossier, or None on a system
    whose libraries do not answer to their Linux names (no cache there)."""
    import ctypes
    import zlib

    # Python, and zlib, which compresses the PDF's streams.
    versions = {"python": sys.version, "zlib": zlib.ZLIB_RUNTIME_VERSION}
    for package in RENDERING_PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    try:
        for library, function in NATIVE_LIBRARIES:
            call = getattr(ctypes.CDLL(library), function)
            call.restype = ctypes.c_int if function == "FcGetVersion" else ctypes.c_char_p
            version = call()
            versions[library] = version.decode() if isinstance(version, bytes) else version
    except (OSError, AttributeError):
        return None
    return json.dumps(versions, sort_keys=True)


def cached_pdf(html: str, site: Path, lang: str, kept: stored.Store | None) -> bytes:
    """The dossier `html` as PDF: from `kept` when it holds the PDF of
    these very inputs (the HTML, the bytes of every file WeasyPrint
    fetched for it, the renderer's versions and options), else rendered
    and kept. The folders' own paths are left out of the key: a site
    built into another folder, from another checkout, makes the same PDF
    (tests/serving/test_serving.py: test_same_commit_builds_the_same_bytes)."""
    versions = _renderer_versions() if kept else None
    if versions is None:
        return render(html, site, lang)
    portable = html.replace(site.as_uri(), "site:").replace(PACKAGE.as_uri(), "package:")
    # The files the document names (its fonts), whether WeasyPrint fetches
    # them for it or finds them loaded for an earlier dossier (one font
    # configuration per process), and what else it fetched (recorded).
    named = {}
    for uri in sorted(set(re.findall(r"""file://[^"')\s]+""", html))):
        path = Path(unquote(urlsplit(uri).path)).resolve()
        if path.is_file() and (path.is_relative_to(site.resolve()) or path.is_relative_to(PACKAGE)):
            named[_portable_name(path, site)] = _digest(path)
    key = stored.key(portable, named, folder(lang), versions, RENDER_OPTIONS)
    try:
        recorded = json.loads(kept.read(f"{key}.json") or b"null")
        pdf = kept.read(f"{key}.pdf")
        if (recorded and pdf and hashlib.sha256(pdf).hexdigest() == recorded["pdf"]
                and all(_digest(_fetched_file(name, site)) == digest for name, digest in recorded["fetched"].items())):
            return pdf
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # not kept, or not whole: rendered again
    fetched: dict[str, str] = {}
    pdf = render(html, site, lang, fetched)
    # The PDF first: an entry whose record is there has its PDF.
    kept.write(f"{key}.pdf", pdf)
    kept.write(f"{key}.json", json.dumps({"pdf": hashlib.sha256(pdf).hexdigest(),
                                          "fetched": dict(sorted(fetched.items()))}, indent=1).encode())
    kept.trim()
    return pdf


def write(site: Path, docs: Path, lang: str, words: Words, day: dt.date,
          kept: stored.Store | None = None) -> tuple[str, int]:
    """Make (or take from `kept`, those of earlier builds) and write the
    dossier of `lang`; returns (its path in the site, its size)."""
    pdf = cached_pdf(document(site, docs, lang, words, day), site, lang, kept)
    target = site / pdf_path(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    return pdf_path(lang), len(pdf)
