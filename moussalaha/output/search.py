"""The site's search index, one per language, built with Pagefind.

The article of every page (not the header, navigation, footer, nor the list
of sources that ends most pages) goes to Pagefind's indexer, which writes `site/pagefind/`: an index for each
`<html lang>`, split in small chunks that a page fetches only when its visitor
searches (docs/assets/javascripts/search.js, overrides/partials/site-search.html).

Pagefind stems Arabic (Snowball) and folds the alef forms, tatweel and
diacritics, but it does not separate the conjunctions and prepositions written
attached to a word (و ف ب ك ل): «والمكتبة», «لمكتبة» and «بإعادة» were found
only by themselves. In the copy of an Arabic page given to the indexer (the
built page is not changed), such a prefix is cut from its word by an
tilde, «و~المكتبة»: Pagefind indexes the whole word and each part (only ASCII
punctuation splits a word; it keeps an underscore inside the word, and
ignores invisible separators). The article is cut the same way, «ال~مكتبات»,
so that a plural without it is found too. The search script cuts the same
prefixes from the query (`arabic.PREFIX`, passed to it by the template) and
removes the tildes from what it shows.

Each language's pages are added to the index once that language is built,
while the next builds; its files are written once every language is
built (build.py). Needs the `pagefind` and `pagefind_bin` packages (requirements.txt),
which bring the indexer's binary.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from moussalaha.arabic import split_prefixes
from moussalaha.languages import DEFAULT_LANGUAGE, DIRECTIONS, LANGUAGES
from moussalaha.problems import SiteError

BUNDLE = "pagefind"
# What the site's search script loads; the rest of Pagefind's bundle (its
# ready-made interfaces, its web worker, which the script does not use, the
# index of pages without a language) is removed.
_LANGS = "|".join(LANGUAGES)
KEEP = re.compile(rf"^(pagefind\.js|pagefind-entry\.json|pagefind\.({_LANGS})_.*\.pf_meta"
                  rf"|wasm\.({_LANGS})\.pagefind|index|fragment|filter)$")
# Parts of the article that are not its content.
# A news article's link back to the news and its date are the page's frame:
# not in the results' excerpts («Toutes les actualités. 18 juillet 2025.»).
NOT_CONTENT = (".headerlink, .md-content__button, .md-source-file, .mc-translation-notice, [data-search-skip], "
               ".mc-news__back, .mc-news__date")


def indexed_copy(page_html: str | LexborHTMLParser, lang: str, where: str) -> str | None:
    """The page as the indexer sees it: its article only, and, in Arabic,
    prefixes separated; None for a page that is not in its language yet.
    Given the page's tree (the build's, once the page's text is written),
    it cuts that tree."""
    tree = page_html if isinstance(page_html, LexborHTMLParser) else LexborHTMLParser(page_html)
    article = tree.css_first("article.md-content__inner")
    if article is None:
        raise SiteError(f"{where}: no <article class=\"md-content__inner\"> to index; "
                        "the theme's layout changed, update moussalaha/output/search.py.")
    # A page not translated yet shows the Arabic text (translations): it
    # belongs to the Arabic index only, where the Arabic page already is.
    if article.css_first(f".mc-untranslated:not([lang={lang}])") is not None:
        return None
    heading = article.css_first("h1")
    title = heading.text(strip=True) if heading else (tree.css_first("title").text(strip=True))
    for node in article.css(NOT_CONTENT):
        node.decompose()
    # The list of sources at the end of a page repeats the same titles on
    # every page: indexed, it would make most queries list every page.
    for block in article.css(".mc-sources"):
        previous = block.prev
        while previous is not None and previous.tag == "-text":
            previous = previous.prev
        if previous is not None and previous.tag == "h2" and previous.attributes.get("id") == "sources":
            previous.decompose()
        block.decompose()
    # Cells written one against the other (<th>العربية</th><th>Français</th>)
    # would reach the indexer as one word, «العربيةFrançais», in the results'
    # excerpts too.
    for cell in article.css("th, td"):
        cell.insert_after(" ")
    if lang == DEFAULT_LANGUAGE:
        for node in list(article.traverse(include_text=True)):
            if node.is_text_node and (split := split_prefixes(node.text_content)) != node.text_content:
                node.insert_before(split)
                node.remove()
    body = article.html
    return (f'<!doctype html><html lang="{lang}" dir="{DIRECTIONS[lang]}"><head><title></title></head>'
            f'<body><main data-pagefind-body><meta data-pagefind-meta="title[content]" content="{html.escape(title)}">'
            f'<div data-pagefind-weight="{weight(where)}">{body}</div></main></body></html>')


# A news article counts for less than the institution's own pages: a word
# found on the centre's pages and in a dozen articles lists the pages first.
NEWS_WEIGHT = 0.1


def weight(where: str) -> float:
    return NEWS_WEIGHT if where.startswith("news/") or "/news/" in where else 1.0


class Indexer:
    """Pagefind's indexer (`pagefind --service`, from the pagefind_bin
    package), spoken to directly: a request is base64 JSON ended by a comma
    on its input, and so is each answer, in order, on its output. (The
    `pagefind` package's own client waits a tenth of a second before reading
    each answer: 3 s for the site's 33 pages.)"""

    def __init__(self):
        try:
            from pagefind.service import get_executable
        except ImportError:
            raise SiteError("The search index needs Pagefind: run `make build` "
                            "(or pip install -r requirements.txt).") from None
        binary = get_executable()
        if binary is None:
            raise SiteError("The search index needs Pagefind: run `make build` (or pip install -r requirements.txt).")
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.errors)
        self.last_id = 0
        self.pending = b""

    def ask(self, payload: dict, answer: str) -> dict:
        self.last_id += 1
        request = {"message_id": self.last_id, "payload": payload}
        try:
            self.process.stdin.write(base64.b64encode(json.dumps(request).encode()) + b",")
            self.process.stdin.flush()
        except BrokenPipeError:
            self._stopped()
        while b"," not in self.pending:
            chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            if not chunk:
                self._stopped()
            self.pending += chunk
        message, self.pending = self.pending.split(b",", 1)
        reply = json.loads(base64.b64decode(message))["payload"]
        if reply["type"] != answer:
            raise SiteError(f"Pagefind's indexer answered {reply.get('message') or reply['type']} to {payload['type']}.")
        return reply

    def _stopped(self):
        self.errors.seek(0)
        raise SiteError(f"Pagefind's indexer stopped: {self.errors.read().decode(errors='replace')[-2000:]}")

    def close(self) -> None:
        try:
            self.process.stdin.close()  # it exits at the end of its input
        except BrokenPipeError:
            pass  # it had stopped
        self.process.wait()
        self.process.stdout.close()
        self.errors.close()


class Index:
    """One index of Pagefind's, filled as the pages are written (add(): a
    language at a time, while the next is built, in the build's thread for
    it) and whose files are taken once every page is in (files()).

    The files are taken from the indexer's answer, not from the disk: its
    "files written" answer comes while the last writes may still be under
    way (its writes are not flushed before it answers), so that a file,
    often the small pagefind-entry.json, could be read empty or cut, about
    one build in fifteen."""

    def __init__(self):
        self.indexer = Indexer()
        self.id = self.indexer.ask({"type": "NewIndex", "config": {"keep_index_url": True, "verbose": False}},
                                   "NewIndex")["index_id"]

    def add(self, copies: list[tuple[str, str | None]]) -> None:
        """The pages' `copies` ((file path in the site, indexed_copy or None),
        made by the build as it wrote each page), in order."""
        for path, copy in copies:
            if copy is not None:
                self.indexer.ask({"type": "AddFile", "index_id": self.id, "file_path": None, "url": "/" + path,
                                  "file_contents": copy}, "IndexedFile")

    def files(self) -> dict[str, bytes]:
        """The index's files, {path in the bundle: bytes}; the indexer ends."""
        try:
            files = self.indexer.ask({"type": "GetFiles", "index_id": self.id}, "GetFiles")["files"]
            return {file["path"]: base64.b64decode(file["content"]) for file in files}
        finally:
            self.close()

    def close(self) -> None:
        self.indexer.close()


class Indexing:
    """The search index made beside the build, in a thread of its own: each
    batch of pages (a language, once it is built) is added in order while
    the next language builds (add()), and write() writes the index's files
    once every page is in. Pagefind's process starts with the first batch."""

    def __init__(self):
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-index")
        self.index: Index | None = None
        self.batches: list[Future] = []

    def add(self, copies: list[tuple[str, str | None]]) -> None:
        self.batches.append(self.thread.submit(self._add, copies))

    def write(self, site: Path) -> Future:
        """The index's files into site/pagefind/, in the index's thread, after
        every batch; its Future raises what any batch or the writing raised."""
        return self.thread.submit(self._write, site)

    def stop(self) -> None:
        self.thread.shutdown(wait=True, cancel_futures=True)
        if self.index is not None:
            self.index.close()

    def _add(self, copies: list[tuple[str, str | None]]) -> None:
        if self.index is None:
            self.index = Index()
        self.index.add(copies)

    def _write(self, site: Path) -> None:
        for batch in self.batches:
            batch.result()  # done before this one: raises its error, if any
        if self.index is None:
            self.index = Index()
        write_index(site, self.index.files())


def chunk_name(path: str) -> str:
    """The name Pagefind gives an index chunk, from its path in the bundle
    ("index/ar_5207f8f.pf_index"); "" for any other file."""
    folder, _, name = path.partition("/")
    return name.removesuffix(".pf_index") if folder == "index" and name.endswith(".pf_index") else ""


def write_index(site: Path, files: dict[str, bytes]) -> None:
    """The files the site's search script loads, into site/pagefind/."""
    output = site / BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    for name, content in files.items():
        if not KEEP.match(name.split("/", 1)[0]):
            continue
        if name == "pagefind-entry.json":
            # Pagefind lists the languages in a random order (a Rust HashMap):
            # sort them, so that the same commit builds the same bytes.
            data = json.loads(content)
            data["languages"] = dict(sorted(data["languages"].items()))
            # Each language's index chunks, which the search script asks for
            # as soon as it reads this file, beside the engine, instead of
            # Pagefind asking for them once its engine runs (a second wait).
            chunks = sorted(filter(None, map(chunk_name, files)))
            for lang, language in data["languages"].items():
                language["chunks"] = [chunk for chunk in chunks if chunk.startswith(f"{lang}_")]
            content = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(content)


def snapshot(site: Path) -> dict[str, bytes]:
    """The index's files, to put back after a rebuild of the preview."""
    output = site / BUNDLE
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def restore(site: Path, bundle: dict[str, bytes]) -> None:
    output = site / BUNDLE
    for name, content in bundle.items():
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_bytes(content)
