"""MkDocs hook: what the content of a page needs to read right in its language,
on screen, aloud and on paper. Rewrites the HTML of each page's article
(on_page_content; the theme's header, navigation and footer are untouched):

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

Listed under `hooks:` in mkdocs.yml, after facts.py. Try it alone:

    .venv/bin/python scripts/hooks/reading.py
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import sitedata

LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f'’&@./:?=#%+\-]*"
    r"(?:[ \u00a0]+[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f'’&@./:?=#%+\-]*)*"
)
ARABIC_RUN = re.compile(r"[\u0600-\u06ff](?:[\u0600-\u06ff\u200c-\u200f\s0-9«»]*[\u0600-\u06ff])?")
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
        if tag == "code" and "lang" not in attributes and self.lang == sitedata.DEFAULT_LANGUAGE:
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
        if self.lang == sitedata.DEFAULT_LANGUAGE:
            pattern, other = LATIN_RUN, LATIN_LANGUAGE
        else:
            pattern, other = ARABIC_RUN, sitedata.DEFAULT_LANGUAGE
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
        if self.lang != "ar":
            return html.escape(text, quote=False)
        pieces, end = [], 0
        for match in NUMBER_RANGE.finditer(text):
            pieces.append(html.escape(text[end:match.start()], quote=False))
            pieces.append(f'<bdi dir="ltr">{match.group(0)}</bdi>')
            end = match.end()
        pieces.append(html.escape(text[end:], quote=False))
        return "".join(pieces)


def rewrite(content: str, lang: str, page_address: str) -> str:
    """The article's HTML with foreign text marked and links' addresses."""
    rewriter = _Rewriter(lang, page_address)
    rewriter.feed(content)
    rewriter.close()
    if rewriter.link is not None:  # an unclosed link: leave it as it was
        rewriter.out.append(rewriter.link["raw"] + "".join(rewriter.link["inner"]))
    return "".join(rewriter.out)


def on_page_content(content: str, page, config, files) -> str:
    lang = getattr(page.file, "locale", None) or sitedata.DEFAULT_LANGUAGE
    address = urljoin(config.site_url or "/", page.file.url)
    return rewrite(content, lang, address)


def french_spaces(page_html: str) -> str:
    """The page with no-break spaces where French typography wants them."""
    pieces = MARKUP.split(page_html)
    # split() gives text, markup, the markup's tag group, text, …
    for index in range(0, len(pieces), 3):
        pieces[index] = FRENCH_SPACE.sub("\u00a0", pieces[index])
    return "".join(piece for index, piece in enumerate(pieces) if index % 3 != 2)


def on_post_page(output: str, page, config) -> str:
    if getattr(page.file, "locale", None) == "fr":
        return french_spaces(output)
    return output


if __name__ == "__main__":
    sample = ('<p>وتفيد تقارير صحفية (<a href="sources.html#lnt">lnt.ma</a>، «<span lang="fr">Libération</span>») '
              'بين 2017–2023. <a href="https://lnt.ma/" dir="ltr">https://lnt.ma/</a></p>')
    print(rewrite(sample, "ar", "https://centremoussalaha.gov.ma/agreement.html"))
    print(rewrite("<p>Le Centre Moussalaha (مركز مصالحة) a été créé.</p>", "fr",
                  "https://centremoussalaha.gov.ma/fr/centre.html"))
    print(french_spaces('<p>Le programme « Moussalaha » : <code>a ? b : c</code></p><script>x ? 1 : 2</script>'))
