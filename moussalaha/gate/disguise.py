"""Characters that disguise a fact: refused in pages and data, with the line.

A right-to-left override before a figure shows 412 as 214; a Cyrillic «а»
in an institution's name passes every comparison with the official name;
a Persian «ی» or «ک» looks like the Arabic «ي» or «ك» but is another
letter; ٤١٢ is 412 in other digits, which the checks of figures miss.
So the site refuses, in every text an editor writes:

- bidirectional controls (the site isolates each run of text itself);
- invisible formatting characters: zero-width spaces and joiners, soft
  hyphens, word joiners, tags, and any other of Unicode's format class;
- letters of a script other than the site's (Latin and Arabic), and words
  that mix scripts;
- in Arabic words, Persian and Urdu letters that look like Arabic ones;
- compatibility forms (fullwidth, mathematical, presentation forms,
  ligatures) that look like a plain letter or digit;
- digits other than 0-9.

Scripts come from Unicode's Script_Extensions property through the `regex`
library (the standard library has no script data).
"""

from __future__ import annotations

import functools
import unicodedata

import regex

from moussalaha import arabic
from moussalaha.problems import Problem

BIDI_CONTROLS = {
    "\u061c": "ARABIC LETTER MARK", "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
}
# Letters of the Arabic script beyond Arabic's own (Persian, Urdu...): the
# Arabic letter each imitates, where there is one.
NOT_ARABIC_LETTERS = {
    "\u06a9": "ك", "\u06aa": "ك", "\u06cc": "ي", "\u06d0": "ي", "\u06d2": "ي", "\u06c1": "ه", "\u06be": "ه",
    "\u06d5": "ه", "\u06c3": "ة", "\u06c0": "ة", "\u067e": None, "\u0686": None, "\u0698": None,
    "\u06af": None, "\u0679": None, "\u0688": None, "\u0691": None, "\u06ba": "ن", "\u0671": "ا", "\u06c6": "و",
    "\u06c7": "و", "\u06c8": "و", "\u06cb": "و",
}
SCRIPTS = ("Latin", "Arabic")
LETTER = regex.compile(r"\p{L}")
WORD = regex.compile(r"[\p{L}\p{M}\p{Cf}]+")


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    for name in SCRIPTS + ("Cyrillic", "Greek", "Armenian", "Hebrew", "Cherokee", "Coptic", "Georgian"):
        if regex.match(rf"\p{{Script_Extensions={name}}}", char):
            return name
    return unicodedata.name(char, "unknown").split()[0].title()


@functools.lru_cache(maxsize=4096)
def _suspect(char: str) -> bool:
    """Whether `check_text` may refuse `char` (most characters of a page
    are plain, and are judged once here)."""
    if char.isascii():
        return char == "\x7f" or (char < " " and char not in "\n\t\r")
    category = unicodedata.category(char)
    return (char in BIDI_CONTROLS or category in ("Cf", "Cc", "Zl", "Zp", "Co", "Cn", "Cs", "Nd")
            or category[0] in "LN" and unicodedata.normalize("NFKC", char) != char and char not in "ªº"
            or category[0] == "L" and "\u0600" <= char <= "\u08ff" and not arabic.written_letter(char))


def _positions(text: str, char: str):
    index = text.find(char)
    while index != -1:
        yield index
        index = text.find(char, index + 1)


@functools.lru_cache(maxsize=65536)
def _scripts(word: str) -> frozenset[str]:
    """The scripts of a word's letters (words repeat: each is looked at once)."""
    return frozenset(_script(c) for c in word if LETTER.match(c) and c not in arabic.MOROCCAN_LETTERS)


def _name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"


def check_text(text: str, display: str, first_line: int = 1) -> list[Problem]:
    """Every disguising character of `text` (whose first line is line
    `first_line` of the file `display`), at most one problem per kind and line."""
    problems: dict[tuple[int, str], Problem] = {}

    def refuse(offset: int, kind: str, message: str, fix: str):
        line = first_line + text.count("\n", 0, offset)
        problems.setdefault((line, kind), Problem(display, line, message, fix))

    # Each distinct character is judged once; the few refused are then
    # found in the text, in order, as a reader meets them.
    suspects = {char for char in set(text) if _suspect(char)}
    found = sorted((index, char) for char in suspects for index in _positions(text, char))
    for index, char in found:
        category = unicodedata.category(char)
        if char in BIDI_CONTROLS:
            refuse(index, "bidi", f"an invisible {BIDI_CONTROLS[char].lower()} ({_name(char)}) is here: it can change "
                                  "the order in which the line is shown (412 read as 214)",
                   "delete it: the site sets the direction of each text itself")
        elif category == "Cf" and not (index == 0 and char == "\ufeff"):
            inside = 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
            refuse(index, "invisible", f"an invisible character ({_name(char)}) is here"
                                       + (" inside a word" if inside else "")
                                       + ": the word no longer matches the same word typed plainly",
                   "delete it (it often comes with text pasted from another document)")
        elif category in ("Cc", "Zl", "Zp", "Co", "Cn", "Cs") and char not in "\n\t\r":
            refuse(index, "control", f"a control or unassigned character ({_name(char)}) is here",
                   "delete it")
        elif category == "Nd" and not char.isascii():
            refuse(index, "digit", f"the digit {char} ({_name(char)}) is not one of 0-9: the checks of figures "
                                   "and the readers' search would miss the number",
                   f"write it {unicodedata.digit(char)}: the site writes 0-9 in every language, as Moroccan texts do")
        elif category[0] in "LN" and unicodedata.normalize("NFKC", char) != char and char not in "ªº":
            plain = unicodedata.normalize("NFKC", char)
            refuse(index, "compat", f"«{char}» ({_name(char)}) is a look-alike form of «{plain}»",
                   f"type the plain «{plain}» instead")
        elif category[0] == "L" and "\u0600" <= char <= "\u08ff" and not arabic.written_letter(char):
            counterpart = NOT_ARABIC_LETTERS.get(char)
            refuse(index, "persian", f"«{char}» ({_name(char)}) is a Persian or Urdu letter, not an Arabic one, "
                                     "though it looks alike",
                   f"type the Arabic «{counterpart}» on an Arabic keyboard" if counterpart else
                   "write the word with Arabic letters")

    for match in WORD.finditer(text):
        word = match.group()
        scripts = _scripts(word)
        foreign = sorted(scripts - set(SCRIPTS))
        if len(scripts) > 1:
            refuse(match.start(), "mixed", f"the word «{word}» mixes letters of different alphabets "
                                           f"({', '.join(sorted(scripts))}) that look alike",
                   "type the word again on one keyboard (the French or English one, or the Arabic one)")
        elif foreign:
            refuse(match.start(), "mixed", f"the word «{word}» is written in {foreign[0]} letters, which the site's "
                                           "languages do not use and which can imitate Latin letters",
                   "type it again on the French, English or Arabic keyboard")
    return sorted(problems.values())
