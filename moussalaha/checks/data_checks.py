"""Checks of the data's texts (docs/data/*.yml) and of figures retyped in
pages instead of written from the data."""

from __future__ import annotations

from pathlib import Path

import yaml

from moussalaha.checks.common import Project
from moussalaha.checks.names import name_problems
from moussalaha.checks.translations import compare_numbers, numbers
from moussalaha.content import pages
from moussalaha.content.data import SiteData
from moussalaha.gate.untrusted_yaml import walk_nodes
from moussalaha.languages import DEFAULT_LANGUAGE as DEFAULT
from moussalaha.languages import ENGLISH_NAMES, LANGUAGES
from moussalaha.problems import Problem


def _texts(node: yaml.Node) -> dict[str, yaml.ScalarNode] | None:
    """{lang: scalar node} if `node` is an {ar: …, fr: …, en: …} mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    texts = {k.value: v for k, v in node.value if isinstance(v, yaml.ScalarNode)}
    if DEFAULT in texts and set(texts) <= set(LANGUAGES) and len(texts) == len(node.value):
        return texts
    return None


def language_texts(node: yaml.Node):
    """Every {ar: …, fr: …, en: …} mapping of a YAML tree, as {lang: scalar node}."""
    for found in walk_nodes(node, into=lambda inner: _texts(inner) is None):
        texts = _texts(found)
        if texts is not None:
            yield texts


def data_figures(site_data: SiteData) -> dict[str, str]:
    """Every whole number the data holds (counts, figures, editions), with
    where it is: {"412": "docs/data/programme.yml:40"}: the first file (by
    name) that holds it, the last place in that file."""
    figures: dict[str, str] = {}
    for document in site_data.each_document():
        here = {node.value: f"{document.path}:{node.start_mark.line + 1}" for node in walk_nodes(document.node)
                if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:int"}
        figures = here | figures
    return figures


def check_retyped_figures(project: Project, page: pages.Page, figures: dict[str, str]) -> list[Problem]:
    # The data's figures are whole numbers: a decimal (WCAG 2.2) is not one of them.
    return [project.problem(page.path, line, f"the number {digits} is a figure the data holds ({figures[digits]}) — "
                                             "write it from the data with {{ … }}, so that the page and the data cannot disagree")
            for digits, line, _ in numbers(page.body, page.body_line, whole=True) if digits in figures]


def check_data_texts(site_data: SiteData) -> list[Problem]:
    """Numbers that differ between the languages of a data text, and
    institution names not in their official form."""
    problems = []
    for document in site_data.each_document():
        path, name = document.path, Path(document.path).stem
        for texts in language_texts(document.node):
            arabic_line = texts[DEFAULT].start_mark.line + 1
            for lang, node in texts.items():
                line = node.start_mark.line + 1
                # Interface words may spell a number out in one language («نتيجة واحدة», «1 résultat»).
                if lang != DEFAULT and name != "ui":
                    extra, missing = compare_numbers(numbers(node.value), numbers(texts[DEFAULT].value))
                    for digits, _ in extra:
                        problems.append(Problem(path, line, f"the number {digits} is in the {ENGLISH_NAMES[lang]} text, "
                                                            f"not in the Arabic (line {arabic_line}) — write the same "
                                                            "figures in the three languages"))
                    for digits, _ in missing:
                        problems.append(Problem(path, line, f"the Arabic text (line {arabic_line}) has the number "
                                                            f"{digits}, the {ENGLISH_NAMES[lang]} text does not — "
                                                            "write it here too, in digits"))
                # Source titles and descriptions quote documents verbatim.
                if name != "sources":
                    problems += [Problem(path, line, message) for _, message in
                                 name_problems(node.value, lang, site_data.institutions, in_page=False)]
    return problems
