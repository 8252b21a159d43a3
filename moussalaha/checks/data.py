"""Checks of the data's texts (docs/data/*.yml) and of figures retyped in
pages instead of written from the data."""

from __future__ import annotations

import yaml

from moussalaha import pages
from moussalaha.checks.common import problem, relative
from moussalaha.checks.names import name_problems
from moussalaha.checks.translations import compare_numbers, numbers
from moussalaha.data import SiteData
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT, ENGLISH_NAMES, LANGUAGES
from moussalaha.problems import Problem
from moussalaha.untrusted_yaml import FAST_LOADER


def language_texts(node: yaml.Node):
    """Every {ar: …, fr: …, en: …} mapping of a YAML tree, as {lang: scalar node}."""
    if isinstance(node, yaml.MappingNode):
        texts = {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}
        if DEFAULT in texts and set(texts) <= set(LANGUAGES) and len(texts) == len(node.value):
            yield texts
            return
        for _, value in node.value:
            yield from language_texts(value)
    elif isinstance(node, yaml.SequenceNode):
        for value in node.value:
            yield from language_texts(value)


def data_figures(site_data: SiteData) -> dict[str, str]:
    """Every whole number the data holds (counts, figures, editions), with
    where it is: {"412": "docs/data/programme.yml:40"}."""
    figures = {}
    for path in sorted(site_data.data_dir.glob("*.yml")):
        nodes = [yaml.compose(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)]
        while nodes:
            node = nodes.pop()
            if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int":
                figures.setdefault(node.value, f"{relative(path)}:{node.start_mark.line + 1}")
            elif isinstance(node, yaml.MappingNode):
                nodes += [value for _, value in node.value]
            elif isinstance(node, yaml.SequenceNode):
                nodes += node.value
    return figures


def check_retyped_figures(page: pages.Page, figures: dict[str, str]) -> list[Problem]:
    # The data's figures are whole numbers: a decimal (WCAG 2.2) is not one of them.
    return [problem(page.path, line, f"the number {digits} is a figure the data holds ({figures[digits]}) — write it "
                                     "from the data with {{ … }}, so that the page and the data cannot disagree")
            for digits, line, _ in numbers(page.body, page.body_line, whole=True) if digits in figures]


def check_data_texts(site_data: SiteData) -> list[Problem]:
    """Numbers that differ between the languages of a data text, and
    institution names not in their official form."""
    problems = []
    for path in sorted(site_data.data_dir.glob("*.yml")):
        for texts in language_texts(yaml.compose(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)):
            arabic_line = texts[DEFAULT].start_mark.line + 1
            for lang, node in texts.items():
                line = node.start_mark.line + 1
                # Interface words may spell a number out in one language («نتيجة واحدة», «1 résultat»).
                if lang != DEFAULT and path.stem != "ui":
                    extra, missing = compare_numbers(numbers(node.value), numbers(texts[DEFAULT].value))
                    for digits, _ in extra:
                        problems.append(problem(path, line, f"the number {digits} is in the {ENGLISH_NAMES[lang]} text, "
                                                            f"not in the Arabic (line {arabic_line}) — write the same "
                                                            "figures in the three languages"))
                    for digits, _ in missing:
                        problems.append(problem(path, line, f"the Arabic text (line {arabic_line}) has the number "
                                                            f"{digits}, the {ENGLISH_NAMES[lang]} text does not — "
                                                            "write it here too, in digits"))
                # Source titles and descriptions quote documents verbatim.
                if path.stem != "sources":
                    problems += [problem(path, line, message) for _, message in
                                 name_problems(node.value, lang, site_data.institutions, in_page=False)]
    return problems
