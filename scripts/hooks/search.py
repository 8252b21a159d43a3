"""MkDocs hook: the site's search index, one per language, built with Pagefind.

Once every language is built, the article of every page (not the header,
navigation, footer, nor the list of sources that ends most pages) goes to
Pagefind's indexer, which writes `site/pagefind/`: an index for each
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
prefixes from the query (`ARABIC_PREFIX`, passed to it by the template) and
removes the tildes from what it shows.

Listed under `hooks:` in mkdocs.yml. Runs in `mkdocs build` and `mkdocs serve`;
about a second for the site. Needs the `pagefind` and `pagefind_bin` packages
(requirements.txt), which bring the indexer's binary.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import sitedata

BUNDLE = "pagefind"
# What the site's search script loads; the rest of Pagefind's bundle (its
# ready-made interfaces, the index of pages without a language) is removed.
KEEP = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|pagefind\.(ar|fr|en)_.*\.pf_meta|wasm\.(ar|fr|en)\.pagefind|index|fragment|filter)$")
# Parts of the article that are not its content.
NOT_CONTENT = ".headerlink, .md-content__button, .md-source-file, .mc-translation-notice, [data-search-skip]"

# Before at least three more letters: the article, alone or after a
# conjunction (و ف) and a preposition (ب ك), «لل» (ل + ال), or a conjunction
# and a preposition (ب ك ل) without the article. The longest first.
ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a"
ARABIC_PREFIX = f"^([وف]?[بك]?ال|[وف]?لل|[وف][بكل]?|[بكل])(?=[{ARABIC_LETTERS}]{{3}})"
SEPARATOR = "~"
_PREFIX = re.compile(ARABIC_PREFIX)
_WORD = re.compile(f"[{ARABIC_LETTERS}\u0640\u064b-\u065f\u0670]+")
_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel and diacritics

_pages: list[tuple[str, str]] = []  # (language, file path in the site) of the current build


def split_prefix(word: str) -> str:
    """«والمكتبة» → «وال~مكتبة»: the tilde makes the word's parts searchable."""
    match = _PREFIX.match(_MARKS.sub("", word))
    if not match:
        return word
    letters, cut = len(match.group(1)), 0
    while letters:  # the prefix's letters, skipping any diacritic among them
        if not _MARKS.match(word[cut]):
            letters -= 1
        cut += 1
    while cut < len(word) and _MARKS.match(word[cut]):  # a diacritic stays on its letter
        cut += 1
    return word[:cut] + SEPARATOR + word[cut:]


def split_prefixes(text: str) -> str:
    return _WORD.sub(lambda match: split_prefix(match.group(0)), text)


def indexed_copy(page_html: str, lang: str, where: str) -> str | None:
    """The page as the indexer sees it: its article only, and, in Arabic,
    prefixes separated; None for a page that is not in its language yet."""
    tree = HTMLParser(page_html)
    article = tree.css_first("article.md-content__inner")
    if article is None:
        raise PluginError(f"{where}: no <article class=\"md-content__inner\"> to index; "
                          "the theme's layout changed, update scripts/hooks/search.py.")
    # A page not translated yet shows the Arabic text (translations.py): it
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
    body = article.html
    if lang == "ar":
        # Only the text between tags: attributes and tag names stay as they are.
        body = re.sub(r">([^<]+)<", lambda m: ">" + split_prefixes(m.group(1)) + "<", body)
    return (f'<!doctype html><html lang="{lang}" dir="{sitedata.DIRECTIONS[lang]}"><head><title></title></head>'
            f'<body><main data-pagefind-body><meta data-pagefind-meta="title[content]" content="{html.escape(title)}">'
            f"{body}</main></body></html>")


async def write_index(site: Path) -> None:
    # Imported here: the other hooks and the tests do not need the package.
    from pagefind.index import IndexConfig, PagefindIndex

    output = site / BUNDLE
    shutil.rmtree(output, ignore_errors=True)
    config = IndexConfig(output_path=str(output), keep_index_url=True, verbose=False)
    async with PagefindIndex(config=config) as index:
        for lang, path in _pages:
            source = site / path
            if not source.is_file():
                continue
            copy = indexed_copy(source.read_text(encoding="utf-8"), lang, path)
            if copy is not None:
                await index.add_html_file(content=copy, url="/" + path)
    for item in output.iterdir():
        if not KEEP.match(item.name):
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    # Pagefind lists the languages in a random order (a Rust HashMap): sort
    # them, so that the same commit builds the same bytes.
    entry = output / "pagefind-entry.json"
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["languages"] = dict(sorted(data["languages"].items()))
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(100)
def on_pre_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is None or not plugin.building:
        _pages.clear()


def on_post_page(output: str, page, config) -> str:
    lang = getattr(page.file, "locale", None) or sitedata.DEFAULT_LANGUAGE
    _pages.append((lang, page.file.dest_uri))
    return output


def on_env(env, config, files):
    """The search script cuts the same prefixes from queries as the index."""
    env.globals["search_arabic_prefix"] = ARABIC_PREFIX
    return env


@event_priority(-115)  # after multilingual.py has finished the pages; before headers.py and precompress.py
def on_post_build(config):
    plugin = config.plugins.get("i18n")
    if plugin is not None and plugin.building:
        return
    try:
        asyncio.run(write_index(Path(config.site_dir)))
    except ImportError:
        raise PluginError("The search index needs Pagefind: run `make build` (or pip install -r requirements.txt).") from None
