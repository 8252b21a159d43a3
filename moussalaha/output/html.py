"""The site's HTML rewriting, in one place, on one parser (selectolax's
lexbor, the browsers' HTML5 parsing rules): what the content of a page
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
- Every link gets its absolute address in `data-print`, which the print
  style sheet writes after the link (site.css, @media print), so that a
  printed page still says where its links lead. Not for in-page anchors,
  nor where the link's text already is its address.
- The whole page (`finish_page`): `<html>` gets the `dir` of its `lang` (the
  theme puts it on `<body>` only); Arabic labels in the menus of French and
  English pages are marked Arabic; French pages keep their guillemets and
  the marks a space precedes (« Moussalaha », : ; ? !) on the line of their
  word: the space becomes a no-break space, in the whole page (menus and
  contents too), not in code, nor in text marked in another language; in
  Arabic text, a number that closes a bracket stays on the line of the
  word before it («(افتتاح الدورة 18)»).

Each rewrite parses the HTML into a tree, changes text nodes and
attributes, and writes the tree out again: the markup is the browsers'
serialisation of the same document (`&nbsp;`, `<br>`), not the bytes the
theme wrote. Try it alone:

    .venv/bin/python -m moussalaha.output.html
"""

from __future__ import annotations

import re
from urllib.parse import urljoin
from xml.sax.saxutils import escape

from selectolax.lexbor import LexborHTMLParser, LexborNode

from moussalaha.arabic import LETTERS, SCRIPT
from moussalaha.languages import DEFAULT_LANGUAGE, DIRECTIONS
from moussalaha.problems import SiteError

LATIN_RUN = re.compile(
    r"[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f'’&@./:?=#%+\-]*"
    r"(?:[ \u00a0]+[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f'’&@./:?=#%+\-]*)*"
)
ARABIC_RUN = re.compile(f"[{SCRIPT}](?:[{SCRIPT}\u200c-\u200f\\s0-9«»]*[{SCRIPT}])?")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Starts only where a number does: from inside a run of digits it would try
# again from each digit (a run of 150 000 digits took minutes).
NUMBER_RANGE = re.compile(r"(?<!\d)\d+(?:\s*[\u2013\u2014]\s*\d+)+")
ARABIC_LETTER = re.compile(f"[{LETTERS}]")
# Not prose: left exactly as it is.
UNTOUCHED = {"script", "style", "svg", "math", "pre", "kbd", "samp"}
# What French typography leaves alone: code, and what is not text.
NOT_TYPESET = {"script", "style", "pre", "code"}
# What a French page must not break: a space after « and before » : ; ? !
FRENCH_SPACE = re.compile(r"(?<=«) | (?=[»:;?!])")
# A space before a number that closes a bracket, in Arabic text.
ARABIC_NUMBER_CLOSING = re.compile(f"(?<=[{SCRIPT}]) (?=[0-9]+\\))")
TIED = {"fr": FRENCH_SPACE, "ar": ARABIC_NUMBER_CLOSING}
# The language of Latin text in Arabic pages, where no template or page says
# otherwise (<span lang="en">WCAG</span>): Moroccan names are written in French.
LATIN_LANGUAGE = "fr"
# Code (a file name, an identifier, a source's id) is read as English.
CODE_LANGUAGE = "en"
# A fragment is parsed as the body of a document, so that nothing in it
# (a <meta>, a <style>) is moved to a <head>.
BODY = "<!DOCTYPE html><html><head></head><body>"


def _children(node: LexborNode):
    """The node's children, read before any of them is replaced."""
    child, children = node.child, []
    while child is not None:
        children.append(child)
        child = child.next
    return children


def _replace_text(tree: LexborHTMLParser, text_node: LexborNode, pieces: list) -> None:
    """Put `pieces` (text, or (attributes, text) for a <bdi>) in place of `text_node`."""
    for piece in pieces:
        if isinstance(piece, str):
            if piece:
                text_node.insert_before(piece)
            continue
        attributes, text = piece
        bdi = tree.create_node("bdi")
        for name, value in attributes.items():
            bdi.attrs[name] = value
        bdi.insert_child(text)
        text_node.insert_before(bdi, move=True)
    text_node.remove()


class _Article:
    """One article, in one language, at one address."""

    def __init__(self, lang: str, page_address: str):
        self.lang = lang
        self.page_address = page_address
        if lang == DEFAULT_LANGUAGE:
            self.pattern, self.other = LATIN_RUN, LATIN_LANGUAGE
        else:
            self.pattern, self.other = ARABIC_RUN, DEFAULT_LANGUAGE

    def visit(self, tree, node, marked: str | None, isolated: bool, untouched: bool) -> None:
        """Rewrite the text under `node`: `marked` is the nearest language
        above it, `isolated` whether an element above isolates it,
        `untouched` whether it is inside what is not prose (UNTOUCHED)."""
        for child in _children(node):
            if child.is_text_node:
                if not untouched:
                    self._text(tree, child, marked, isolated)
                continue
            if not child.is_element_node:
                continue
            tag, attributes = child.tag, child.attrs
            if tag == "code" and "lang" not in attributes and self.lang == DEFAULT_LANGUAGE:
                attributes["lang"] = CODE_LANGUAGE
            inside_untouched = untouched or tag in UNTOUCHED
            if tag == "a" and not untouched:
                self._print_address(child)
            self.visit(tree, child, attributes.get("lang") or marked,
                       isolated or tag in ("bdi", "code") or "dir" in attributes, inside_untouched)

    def _print_address(self, link: LexborNode) -> None:
        href = link.attributes.get("href")
        if not href or href.startswith("#"):
            return
        address = urljoin(self.page_address, href)
        shown = link.text(deep=True).strip()
        if shown.rstrip("/") not in (address.rstrip("/"), href.rstrip("/")):
            link.attrs["data-print"] = address

    def _text(self, tree, text_node: LexborNode, marked: str | None, isolated: bool) -> None:
        text = text_node.text_content or ""
        foreign_parent = marked is not None and marked != self.lang
        pieces, end = [], 0
        for match in self.pattern.finditer(text):
            # A full stop or colon after a name belongs to the sentence.
            run = match.group(0).rstrip(".:?-'’")
            if self.pattern is LATIN_RUN and not LATIN_LETTER.search(run):
                continue  # digits alone read well among Arabic words
            pieces += self._plain(text[end:match.start()])
            if foreign_parent:
                pieces.append(run if isolated else ({}, run))
            else:
                pieces.append(({"lang": self.other}, run))
            end = match.start() + len(run)
        pieces += self._plain(text[end:])
        if any(not isinstance(piece, str) for piece in pieces):
            _replace_text(tree, text_node, pieces)

    def _plain(self, text: str) -> list:
        """Text in the page's own script; number ranges kept in order."""
        if self.lang != DEFAULT_LANGUAGE:
            return [text]
        pieces, end = [], 0
        for match in NUMBER_RANGE.finditer(text):
            pieces += [text[end:match.start()], ({"dir": "ltr"}, match.group(0))]
            end = match.end()
        return pieces + [text[end:]]


def rewrite(content: str, lang: str, page_address: str) -> str:
    """The article's HTML with foreign text marked and links' addresses."""
    tree = LexborHTMLParser(BODY + content)
    _Article(lang, page_address).visit(tree, tree.body, None, False, False)
    return tree.body.inner_html


def _tie_spaces(node: LexborNode, lang: str) -> None:
    """No-break spaces where each language's typography wants them (TIED):
    French text keeps its guillemets and the marks a space precedes on the
    line of their word; Arabic text never starts a line with the number
    that closes a bracket («(افتتاح الدورة 18)»). Text marked in another
    language follows that language's rule."""
    for child in _children(node):
        if child.is_text_node:
            text = child.text_content or ""
            spaced = TIED[lang].sub("\u00a0", text) if lang in TIED else text
            if spaced != text:
                child.insert_before(spaced)
                child.remove()
        elif child.is_element_node and child.tag not in NOT_TYPESET:
            _tie_spaces(child, child.attributes.get("lang") or lang)


def _mark_arabic_labels(tree: LexborHTMLParser) -> None:
    # The theme writes every menu, contents and footer label in an ellipsis box.
    for label in tree.css("span.md-ellipsis, div.md-ellipsis"):
        if label.attributes.get("class") != "md-ellipsis" or any(child.is_element_node for child in _children(label)):
            continue
        if ARABIC_LETTER.search(label.text(deep=True)):
            label.attrs["lang"] = DEFAULT_LANGUAGE
            label.attrs["dir"] = DIRECTIONS[DEFAULT_LANGUAGE]


def finish_page(output: str, where: str) -> str:
    """finish_tree on a page's text."""
    tree = LexborHTMLParser(output)
    finish_tree(tree, where)
    return tree.html


def finish_tree(tree: LexborHTMLParser, where: str) -> None:
    """The whole page the theme wrote, finished in its tree: `dir` on <html> from its
    `lang`; no `autocomplete` on checkboxes; in French and English pages, Arabic titles (of pages not
    translated yet) in the menus, contents and footer marked as Arabic; in
    French and Arabic text, no-break spaces where its typography wants them."""
    root = tree.css_first("html")
    lang = root.attributes.get("lang") if root is not None else None
    if lang not in DIRECTIONS:
        raise SiteError(f"{where}: the theme no longer writes <html lang=…>; update moussalaha/output/html.py.")
    root.attrs["dir"] = DIRECTIONS[lang]
    # The theme's drawer and search toggles (base.html, outside any block)
    # carry autocomplete="off", which HTML allows on text-like inputs only
    # (the W3C checker's one error on every page). It kept Firefox from
    # restoring a toggle on "back"; the site's menu button reads the
    # checkbox's state, whatever it is, and says it (main.html).
    for toggle in tree.css('input[type="checkbox"][autocomplete]'):
        del toggle.attrs["autocomplete"]
    if lang != DEFAULT_LANGUAGE:
        _mark_arabic_labels(tree)
    _tie_spaces(root, lang)


def fill_dossier_details(output: str, attribute: str, details: str) -> str:
    """A built page with the text of every element carrying `attribute`
    (the dossier's size and date beside its link, known only once the PDF
    is written after the pages) replaced by `details`."""
    tree = LexborHTMLParser(output)
    for node in tree.css(f"[{attribute}]"):
        for child in list(_children(node)):
            child.decompose()
        node.insert_child(details)
    return tree.html


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
    print(finish_page('<!doctype html><html lang="fr"><body><p>Le programme « Moussalaha » : '
                      '<code>a ? b : c</code></p><script>x ? 1 : 2</script></body></html>', "sample"))
