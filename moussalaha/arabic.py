"""Arabic rules, written once: what an Arabic letter is, and the
conjunctions and prepositions written attached to the word they precede.

The search index (search.py), the search script (given `PREFIX`, `LETTERS`
and `MARKS` by the template), the editors' checks of official names
(checks/names.py), the refusal of look-alike letters (disguise.py) and the
marking of foreign words (html.py) all read them from here.
"""

from __future__ import annotations

import re

# Letters from hamza to yeh, without the tatweel (U+0640), which is not a letter.
LETTERS = "\u0621-\u063a\u0641-\u064a"
LETTER = re.compile(f"[{LETTERS}]")
TATWEEL = "\u0640"
# Tatweel and the diacritics (harakat, shadda, sukun, superscript alef).
MARKS = f"{TATWEEL}\u064b-\u065f\u0670"
# Moroccan Arabic writes ڤ (v) and ڭ (g) in names: letters of its text,
# though not of the search's words.
MOROCCAN_LETTERS = frozenset("\u06a4\u06ad")


def written_letter(char: str) -> bool:
    """Whether a letter of the Arabic block belongs in the site's Arabic
    text: an Arabic letter, the tatweel that stretches one, or a Moroccan
    letter (not a Persian or Urdu look-alike)."""
    return bool(LETTER.match(char)) or char == TATWEEL or char in MOROCCAN_LETTERS

# The whole Arabic block: letters, marks, digits and punctuation (، ؛ ؟).
SCRIPT = "\u0600-\u06ff"

# Written attached to the next word: a conjunction (و ف), then a preposition
# (ب ك, or ل), then the article ال; ل + ال is written «لل».
CONJUNCTIONS = "وف"
PREPOSITIONS = "بك"
LAM = "ل"
ARTICLE = "ال"
# The prefix before at least three more letters: the article, alone or after
# a conjunction and a preposition, «لل», or a conjunction and a preposition
# without the article. The longest first.
PREFIX = (f"^([{CONJUNCTIONS}]?[{PREPOSITIONS}]?{ARTICLE}|[{CONJUNCTIONS}]?{LAM}{LAM}"
          f"|[{CONJUNCTIONS}][{PREPOSITIONS}{LAM}]?|[{PREPOSITIONS}{LAM}])(?=[{LETTERS}]{{3}})")
SEPARATOR = "~"

_PREFIX = re.compile(PREFIX)
_WORD = re.compile(f"[{LETTERS}{MARKS}]+")
_MARK = re.compile(f"[{MARKS}]")


def prefix(word: str) -> str:
    """The attached prefix of a word without diacritics («والمكتبة» → «وال»), or ""."""
    match = _PREFIX.match(word)
    return match.group(1) if match else ""


def split_prefix(word: str) -> str:
    """«والمكتبة» → «وال~مكتبة»: the tilde makes the word's parts searchable."""
    letters = len(prefix(_MARK.sub("", word)))
    if not letters:
        return word
    cut = 0
    while letters:  # the prefix's letters, skipping any diacritic among them
        if not _MARK.match(word[cut]):
            letters -= 1
        cut += 1
    while cut < len(word) and _MARK.match(word[cut]):  # a diacritic stays on its letter
        cut += 1
    return word[:cut] + SEPARATOR + word[cut:]


def split_prefixes(text: str) -> str:
    return _WORD.sub(lambda match: split_prefix(match.group(0)), text)


def without_prefix(word: str) -> str:
    """The word without its attached prefix (and article): «والمكتبة» → «مكتبة»."""
    return word[len(prefix(word)):]


def attached_to(word: str, name: str) -> bool:
    """Whether `word` is `name` with at most a conjunction and a preposition
    attached («وبالمندوبية», «للمندوبية» for «المندوبية»), not another form."""
    pattern = f"[{CONJUNCTIONS}]?[{PREPOSITIONS}{LAM}]?" + re.escape(name)
    if name.startswith(ARTICLE):
        pattern += f"|[{CONJUNCTIONS}]?{LAM}{LAM}" + re.escape(name[len(ARTICLE):])
    return re.fullmatch(pattern, word) is not None
