"""moussalaha/gate/svg.py: SVG files read as XML (defusedxml), held to shapes,
text and paint, each problem on its line.

Run: .venv/bin/pytest tests/unit/test_svg.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

from moussalaha.gate.svg import check_svg

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]


def svg(tmp_path, body: str) -> list[str]:
    path = tmp_path / "x.svg"
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{body}\n</svg>\n')
    return [str(p) for p in check_svg(path, "docs/assets/images/x.svg")]


def test_the_site_svg_files_pass():
    files = sorted((ROOT / "docs").rglob("*.svg"))
    assert files
    for path in files:
        assert check_svg(path) == [], path


@pytest.mark.parametrize("body, expected", [
    ("<script>alert(1)</script>", "<script> is refused in an SVG file: it runs code"),
    ('<rect onclick="alert(1)" width="1" height="1"/>', "onclick= runs code"),
    ('<a href="javascript:alert(1)"><text>x</text></a>', "<a> is refused"),
    ('<animate attributeName="href" to="javascript:alert(1)"/>', "an animation"),
    ('<set attributeName="onmouseover" to="alert(1)"/>', "an animation"),
    ("<foreignObject><iframe src=x></iframe></foreignObject>", "<foreignobject> is refused"),
    ('<image href="https://evil.example/x.png"/>', "<image> is refused"),
    ('<use href="https://evil.example/x.svg#a"/>', "points outside the drawing"),
    ("<style>@import url(https://evil.example/x.css);</style>", "<style> is refused"),
    ('<rect style="fill:red" width="1" height="1"/>', "style= is refused"),
    ('<rect fill="url(https://evil.example/x)" width="1" height="1"/>', "from outside the drawing"),
    # Read as XML (moussalaha/gate/svg.py):
    # XML names are case-sensitive: <SCRIPT> is no SVG element (a browser's SVG would not run it either).
    ("<SCRIPT>alert(1)</SCRIPT>", "<script> is refused in an SVG file"),
    # A script of another namespace, which an HTML tokenizer read as <h:script>.
    ('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>', "is not an SVG element"),
    ('<rect xlink:href="https://evil.example/" xmlns:xlink="http://www.w3.org/1999/xlink" width="1" height="1"/>',
     'xlink:href="https://evil.example/" points outside the drawing'),
    ('<?xml-stylesheet href="https://evil.example/x.css"?>', "processing instruction <?xml-stylesheet"),
    ('<rect width="1" height=1/>', "is not well-formed XML"),
])
def test_hostile_svg_is_refused(tmp_path, body, expected):
    problems = svg(tmp_path, body)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("docs/assets/images/x.svg:2: ") for p in problems)


def test_svg_entity_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.svg"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
                    '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>\n')
    assert any("declaration" in str(p) for p in check_svg(path))


def test_svg_size_limit(tmp_path):
    path = tmp_path / "big.svg"
    path.write_text("<svg>" + " " * 3000 + "</svg>")
    assert "KB" in str(check_svg(path, max_bytes=1024)[0])


def test_text_in_cdata_is_text(tmp_path):
    assert svg(tmp_path, "<text><![CDATA[<script>alert(1)</script>]]></text>") == []
