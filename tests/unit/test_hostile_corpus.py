"""The hostile corpus (tests/hostile/) is well formed, still applies to the
project, and covers every class of attack of issue 12."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "hostile").glob("*.yml"))
KINDS = {"replace", "append", "write", "symlink", "pad", "command"}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_fixture_is_well_formed_and_applies(path):
    fixture = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(fixture) <= {"attack", "issue", "issue_item", "changes", "expect", "not_in_site", "note"}
    # issue 12's items (1-12) unless the fixture names issue 27 (its points 1-6).
    items = range(1, 7) if fixture.get("issue") == 27 else range(1, 13)
    assert fixture["attack"] and fixture.get("issue", 12) in (12, 27) and fixture["issue_item"] in items
    assert fixture["changes"]
    for change in fixture["changes"]:
        assert len(KINDS & set(change)) == 1, change
        if "replace" in change:
            text = (ROOT / change["file"]).read_text(encoding="utf-8")
            assert text.count(change["replace"]) == 1, f"{change['file']}: the text to replace is not there once"
            assert "with" in change
    expect = fixture["expect"]
    assert set(expect) <= {"file", "line", "contains"}
    if "line" in expect:
        assert isinstance(expect["line"], int) and expect["line"] >= 1


def test_every_class_of_attack_has_a_fixture():
    names = {p.stem for p in CORPUS}
    classes = ["template-cycler", "template-lipsum", "template-self", "template-config", "template-data-object",
               "template-range-bomb", "template-include-outside", "template-assembled-script", "html-script-mixed-case",
               "html-svg-script", "html-svg-onload", "html-svg-animate", "html-javascript-entity-link",
               "html-javascript-space-link", "html-data-url", "html-iframe", "html-object", "html-embed", "html-form",
               "html-meta-refresh", "html-style-element", "html-style-attribute", "html-remote-image",
               "html-remote-stylesheet", "html-base", "data-text-script", "svg-file-script", "stray-html-file",
               "policy-foreign-inline-script", "symlink-in-docs", "symlink-in-overrides", "bidi-override-page",
               "zero-width-in-name", "cyrillic-in-institution-name", "persian-letters-in-arabic",
               "arabic-indic-digits-data", "duplicate-yaml-key", "duplicate-front-matter-key", "yaml-alias-bomb", "yaml-alias", "number-as-string",
               "data-file-5mb", "page-2mb", "image-oversized", "schema-date-format", "date-that-does-not-exist", "schema-list-without-brackets",
               "schema-missing-title", "duplicate-id", "new-page-reserved-404"]
    # Issue 27: what the gate read was not what was published.
    classes += ["published-raw-block", "published-blanked-expression", "template-expression-markdown-link",
                "disguise-entity", "disguise-jinja-escape", "disguise-yaml-escape", "yaml-binary-tag",
                "data-text-markdown-link", "data-text-attribute-list", "page-extension-markdown", "page-extension-mdown",
                "page-extension-mkd", "page-extension-mkdn", "docs-file-type-svgz", "docs-file-type-xml",
                "front-matter-status", "front-matter-template", "front-matter-icon",
                # Unbounded work, and crashes instead of file:line.
                "template-replace-bomb", "template-join-bomb", "template-sum-bomb", "template-nested-loop-bomb",
                "template-macro-recursion", "template-huge-number", "markdown-brackets-quadratic",
                "markdown-angle-quadratic", "markdown-link-quadratic", "markdown-deep-list", "markdown-deep-quote",
                "number-range-digits", "jinja-blanking-quadratic", "huge-number-data", "page-named-404",
                # Integrity.
                "partner-website-look-alike", "news-dated-in-2099"]
    assert [c for c in classes if not any(n.startswith(c) for n in names)] == []
    assert {yaml.safe_load(p.read_text(encoding="utf-8"))["issue_item"] for p in CORPUS} >= {2, 3, 4, 5, 6, 7, 8, 9}
