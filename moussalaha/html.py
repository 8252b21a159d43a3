"""The site's HTML rewriting, in one place: what the content of a page
needs to read right in its language, on screen, aloud and on paper, and
the few marks the theme's output needs.

- Text in the other script is isolated and marked with its language: in an
  Arabic page, a Latin name («Libération», «lnt.ma», «DGAPR») becomes
  `<bdi lang="fr">…</bdi>`, so that it keeps its order among Arabic words and
  a screen reader reads it in French (the Latin forms of Moroccan names are
  French; a page marks an English term itself, `<span lang="en">WCAG</span>`,
  and `<code>` is read as English); in a French or English page, Arabic
  text becomes `<bdi lang="ar">…</bdi>`. Text already inside an element with a `lang`
  other than the page's (a source's title) is only isolated, if it is not
  already (bdi, or a `dir` attribute).
- A number range between Arabic words («2017–2023») would show reversed
  («2023–2017»): it becomes `<bdi dir="ltr">…</bdi>`.
- French pages keep their guillemets and the marks a space precedes
  (« Moussalaha », : ; ? !) on the line of their word: the space becomes a
  no-break space, in the whole page (menus and contents too), not in code.
- Every link gets its absolute address in `data-print`, which the print
  style sheet writes after the link (site.css, @media print), so that a
  printed page still says where its links lead. Not for in-page anchors,
  nor where the link's text already is its address.
- `<html>` gets the `dir` of its `lang` (the theme puts it on `<body>` only);
  Arabic labels in the menus of French and English pages are marked Arabic.

The article is rewritten as a stream of tags and text (html.parser), which
leaves every byte it does not change as the theme wrote it. Try it alone:

    .venv/bin/python -m moussalaha.html
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from moussalaha.arabic import LETTERS, SCRIPT
from moussalaha.languages import DEFAULT_LANGUAGE, DIRECTIONS
from moussalaha.problems import SiteError

LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f'’&@./:?=#%+\-]*"
    r"(?:[ \u00a0]+[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f'’&@./:?=#%+\-]*)*"
)
ARABIC_RUN = re.compile(f"[{SCRIPT}](?:[{SCRIPT}\u200c-\u200f\\s0-9«»]*[{SCRIPT}])?")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
NUMBER_RANGE = re.compile(r"\d+(?:\s*[\u2013\u2014]\s*\d+)+")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Not prose: left exactly as it is.
UNTOUCHED = {"script", "style", "svg", "math", "pre", "kbd", "samp"}
# What a French page must not break: a space after « and before » : ; ? !
FRENCH_SPACE = re.compile(r"(?<=«) | (?=[»:;?!])")
# Text of a page, between tags; script, style, pre and code are left whole.
MARKUP = re.compile(r"(<(script|style|pre|code)\b.*?</\2>|<[^>]+>)", re.DOTALL | re.IGNORECASE)
# The language of Latin text in Arabic pages, where no template or page says
# otherwise (<span lang="en">WCAG</span>): Moroccan names are written in French.
LATIN_LANGUAGE = "fr"
# Code (a file name, an identifier, a source's id) is read as English.
CODE_LANGUAGE = "en"


class _Rewriter(HTMLParser):
    def __init__(self, lang: str, page_address: str):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.page_address = page_address
        self.out: list[str] = []
        # Open elements: (tag, lang or None, isolates?)
        self.stack: list[tuple[str, str | None, bool]] = []
        # A link being read: its start tag's attributes, then what it holds.
        self.link: dict | None = None

    # -- output, through the pending link if there is one
    def emit(self, text: str) -> None:
        if self.link is not None:
            self.link["inner"].append(text)
            self.link["text"].append(re.sub(r"<[^>]+>", "", text))
        else:
            self.out.append(text)

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        attributes = dict(attrs)
        if tag == "code" and "lang" not in attributes and self.lang == DEFAULT_LANGUAGE:
            attributes["lang"] = CODE_LANGUAGE
            raw = raw[:-1].rstrip() + f' lang="{CODE_LANGUAGE}">'
        if tag == "a" and self.link is None and attributes.get("href") and not attributes["href"].startswith("#") \
                and not self._inside_untouched():
            self.link = {"raw": raw, "href": attributes["href"], "inner": [], "text": []}
        else:
            self.emit(raw)
        if tag not in VOID and not raw.endswith("/>"):
            isolates = tag in ("bdi", "code") or "dir" in attributes
            self.stack.append((tag, attributes.get("lang"), isolates))

    def handle_startendtag(self, tag, attrs):
        self.emit(self.get_starttag_text())

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag == "a" and self.link is not None and not any(t == "a" for t, _, _ in self.stack):
            link, self.link = self.link, None
            address = urljoin(self.page_address, link["href"])
            raw = link["raw"]
            shown = html.unescape("".join(link["text"])).strip()
            if shown.rstrip("/") not in (address.rstrip("/"), link["href"].rstrip("/")):
                raw = raw[:-1].rstrip("/").rstrip() + f' data-print="{html.escape(address)}">'
            self.out.append(raw + "".join(link["inner"]) + "</a>")
            return
        self.emit(f"</{tag}>")

    def handle_comment(self, data):
        self.emit(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.emit(f"<!{decl}>")

    def handle_pi(self, data):
        self.emit(f"<?{data}>")

    def _inside_untouched(self) -> bool:
        return any(tag in UNTOUCHED for tag, _, _ in self.stack)

    def handle_data(self, data):
        if self._inside_untouched():
            self.emit(data if self.stack and self.stack[-1][0] in ("script", "style") else html.escape(data, quote=False))
            return
        marked = next((lang for _, lang, _ in reversed(self.stack) if lang), None)
        isolated = any(isolates for _, _, isolates in self.stack)
        foreign_parent = marked is not None and marked != self.lang
        self.emit(self._rewrite(data, foreign_parent, isolated))

    def _rewrite(self, text: str, foreign_parent: bool, isolated: bool) -> str:
        if self.lang == DEFAULT_LANGUAGE:
            pattern, other = LATIN_RUN, LATIN_LANGUAGE
        else:
            pattern, other = ARABIC_RUN, DEFAULT_LANGUAGE
        pieces, end = [], 0
        for match in pattern.finditer(text):
            # A full stop or colon after a name belongs to the sentence.
            run = match.group(0).rstrip(".:?-'’")
            if pattern is LATIN_RUN and not LATIN_LETTER.search(run):
                continue  # digits alone read well among Arabic words
            pieces.append(self._plain(text[end:match.start()]))
            if foreign_parent:
                pieces.append(html.escape(run, quote=False) if isolated else f"<bdi>{html.escape(run, quote=False)}</bdi>")
            else:
                pieces.append(f'<bdi lang="{other}">{html.escape(run, quote=False)}</bdi>')
            end = match.start() + len(run)
        pieces.append(self._plain(text[end:]))
        return "".join(pieces)

    def _plain(self, text: str) -> str:
        """Text in the page's own script; number ranges kept in order."""
        if self.lang != DEFAULT_LANGUAGE:
            return html.escape(text, quote=False)
        pieces, end = [], 0
        for match in NUMBER_RANGE.finditer(text):
            pieces.append(html.escape(text[end:match.start()], quote=False))
            pieces.append(f'<bdi dir="ltr">{match.group(0)}</bdi>')
            end = match.end()
        pieces.append(html.escape(text[end:], quote=False))
        return "".join(pieces)


# The same article, rewritten the same: the preview builds every page again on each save.
@lru_cache(maxsize=256)
def rewrite(content: str, lang: str, page_address: str) -> str:
    """The article's HTML with foreign text marked and links' addresses."""
    rewriter = _Rewriter(lang, page_address)
    rewriter.feed(content)
    rewriter.close()
    if rewriter.link is not None:  # an unclosed link: leave it as it was
        rewriter.out.append(rewriter.link["raw"] + "".join(rewriter.link["inner"]))
    return "".join(rewriter.out)


def french_spaces(page_html: str) -> str:
    """The page with no-break spaces where French typography wants them."""
    pieces = MARKUP.split(page_html)
    # split() gives text, markup, the markup's tag group, text, …
    for index in range(0, len(pieces), 3):
        pieces[index] = FRENCH_SPACE.sub("\u00a0", pieces[index])
    return "".join(piece for index, piece in enumerate(pieces) if index % 3 != 2)


def with_dir(output: str, where: str) -> str:
    """Add dir to the <html> tag the theme writes, from its lang."""
    match = re.search(r'<html lang="([a-z]{2})"', output)
    if not match:
        raise SiteError(f"{where}: the theme no longer writes <html lang=…>; update moussalaha/html.py.")
    lang = match.group(1)
    return output.replace(match.group(0), f'{match.group(0)} dir="{DIRECTIONS[lang]}"', 1)


# The theme writes every menu, contents and footer label in an ellipsis box.
ARABIC_LABEL = re.compile(f'<(span|div) class="md-ellipsis">(?=\\s*[^<]*[{LETTERS}][^<]*</\\1>)')


def mark_arabic_labels(output: str) -> str:
    """Arabic titles (of pages not translated yet) in the menus, contents and
    footer of a French or English page, marked as Arabic."""
    return ARABIC_LABEL.sub(f'<\\1 class="md-ellipsis" lang="{DEFAULT_LANGUAGE}" dir="{DIRECTIONS[DEFAULT_LANGUAGE]}">', output)


def notice(kind: str, text: str, lang: str, link: tuple[str, str] | None = None) -> str:
    """A translation notice (translations: missing or outdated), with a link to the Arabic page."""
    more = f' <a href="{escape(link[0])}" hreflang="{DEFAULT_LANGUAGE}">{escape(link[1])}</a>' if link else ""
    return f'<p class="mc-translation-notice mc-translation-notice--{kind}" role="note" lang="{lang}">{escape(text)}{more}</p>\n'


def untranslated(content: str, file_lang: str) -> str:
    """A page shown in the language it is written in, inside another language's site."""
    return f'<div class="mc-untranslated" lang="{file_lang}" dir="{DIRECTIONS[file_lang]}">\n{content}\n</div>\n'


if __name__ == "__main__":
    sample = ('<p>وتفيد تقارير صحفية (<a href="sources.html#lnt">lnt.ma</a>، «<span lang="fr">Libération</span>») '
              'بين 2017–2023. <a href="https://lnt.ma/" dir="ltr">https://lnt.ma/</a></p>')
    print(rewrite(sample, "ar", "https://centremoussalaha.gov.ma/agreement.html"))
    print(rewrite("<p>Le Centre Moussalaha (مركز مصالحة) a été créé.</p>", "fr",
                  "https://centremoussalaha.gov.ma/fr/centre.html"))
    print(french_spaces('<p>Le programme « Moussalaha » : <code>a ? b : c</code></p><script>x ? 1 : 2</script>'))
