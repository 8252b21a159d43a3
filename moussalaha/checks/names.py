"""Check that institutions are named in their official form (docs/data/institutions.yml),
in pages and in data texts: a near-miss is reported with the exact name."""

from __future__ import annotations

import math
import re
import unicodedata

from moussalaha import arabic
from moussalaha.checks.common import NOT_PROSE, PUNCTUATION, WORD, Project, blank
from moussalaha.content import pages
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.languages import ENGLISH_NAMES
from moussalaha.problems import Problem, line_at

# Words that do not make a name: a name is recognised by its other words.
STOPWORDS = {"de", "du", "des", "la", "le", "les", "a", "au", "aux", "et", "pour", "of", "the", "and", "for", "in"}



def normalise(word: str) -> str:
    """A word without case, accents, elision or Arabic prefixes: the form
    that tells which name it belongs to, however it is spelled."""
    word = unicodedata.normalize("NFKD", word.strip(PUNCTUATION).replace("’", "'").casefold())
    word = "".join(c for c in word if not unicodedata.combining(c))
    word = re.sub(r"^[ldjnmst]'|^qu'|(?<=[a-z]{3})s$", "", word)
    word = word.translate(str.maketrans("أإآٱةى", "اااايه")).replace("ـ", "")
    return arabic.without_prefix(word)


def exact(words: list[str], official: list[str], lang: str) -> bool:
    """Whether `words` are the official name (an Arabic name may carry و, ب, ل… in front)."""
    words = [w.strip(PUNCTUATION).replace("’", "'") for w in words]
    if len(words) < len(official) or words[1:] != official[1:]:
        return False
    first, name = words[0], official[0]
    if lang == DEFAULT:
        return arabic.attached_to(first, name)
    return first == name


def name_problems(text: str, lang: str, institutions, in_page: bool) -> list[tuple[int, str]]:
    """(offset, message) for every near-miss of an institution's official name
    in `text`: a stretch that starts like the name and shares most of its
    words, but is not written exactly as the data writes it."""
    prose = blank(text, NOT_PROSE)
    tokens = [(m.start(), m.group()) for m in WORD.finditer(prose)]
    normal = [normalise(t) for _, t in tokens]
    found = []
    for institution in institutions:
        official = getattr(institution.name, lang).replace("’", "'").split()
        keys = [normalise(w) for w in official if normalise(w) not in STOPWORDS]
        need = min(len(keys), max(3, math.ceil(2 * len(keys) / 3)))
        i = 0
        while i < len(tokens):
            if normal[i] != keys[0]:
                i += 1
                continue
            if exact([t for _, t in tokens[i:i + len(official)]], official, lang):
                i += len(official)
                continue
            end, shared = i, 1
            for j in range(i + 1, min(len(tokens), i + len(official) + 2)):
                count = len(set(normal[i:j + 1]) & set(keys))
                if normal[j] in keys and count > shared:
                    end, shared = j, count
            if shared >= need:
                written = text[tokens[i][0]:tokens[end][0] + len(tokens[end][1])].strip(PUNCTUATION)
                found.append((tokens[i][0], f"«{' '.join(written.split())}» is not the official {ENGLISH_NAMES[lang]} "
                                            f"name of this institution — write «{' '.join(official)}»"
                                            + (f", or {{{{ institutions.{institution.id}.name }}}}" if in_page else "")))
                i = end + 1
            else:
                i += 1
    return found


def check_names(project: Project, page: pages.Page, institutions) -> list[Problem]:
    body_start = len(page.text) - len(page.body)
    return [project.problem(page.path, line_at(page.text, body_start + offset), message)
            for offset, message in name_problems(page.body, page.lang, institutions, in_page=True)]
