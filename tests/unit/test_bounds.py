"""Every step bounded (issue 27): the largest input each bound lets through
is still read in bounded time and memory, and one step over is refused.
The hostile corpus (tests/hostile/, issue_item 3 and 4) holds the attacks
themselves; this prints the time and peak memory (Python's allocations,
tracemalloc) of the worst accepted case of each bound beside a real page's,
as figures, never as a timed assertion:

    .venv/bin/pytest -p no:randomly -n 0 -s tests/unit/test_bounds.py
"""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from moussalaha.content import data, pages, render, site_markdown
from moussalaha.gate import bounds, sandbox
from moussalaha.output import html

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
RENDER = site_markdown.converter(ROOT)
FIGURES: list[tuple[str, float, float]] = []


def _at_the_bound(kind: str, over: bool) -> str:
    """A page body at the largest its bound accepts (or one step over)."""
    step = 1 if over else 0
    if kind == "brackets":  # one paragraph of «[», its cost just at MAX_COST
        n = int((bounds.MAX_COST / 3) ** 0.5) + step
        return "[" * n + "\n"
    if kind == "angles":
        n = int(bounds.MAX_COST ** 0.5) + step
        return "<b " * n + "\n"
    if kind == "nesting":
        return "- " * (bounds.MAX_NESTING + step) + "x\n"
    if kind == "digits":
        return "1" * (bounds.MAX_DIGITS + step) + "\n"
    raise ValueError(kind)


def _measure(label: str, work) -> object:
    """Run `work` twice: timed alone, then with tracemalloc (which slows it)."""
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1] / 2 ** 20
    finally:
        tracemalloc.stop()
    FIGURES.append((label, seconds, peak))
    return result


@pytest.mark.parametrize("kind", ["brackets", "angles", "nesting", "digits"])
def test_markdown_at_its_bound_is_read_and_one_step_over_refused(kind):
    text = _at_the_bound(kind, over=False)
    assert bounds.problems(text, "docs/x.md") == []
    _measure(f"Markdown at the {kind} bound", lambda: html.rewrite(RENDER(text), "ar", "https://x/"))
    assert bounds.problems(_at_the_bound(kind, over=True), "docs/x.md") != []


@pytest.mark.parametrize("label, template", [
    ("loops at MAX_ITERATIONS", "{% for a in n %}{% for b in n %}{% endfor %}{% endfor %}"),
    ("output at MAX_OUTPUT", "{% set t = 'x' * 19000 %}{% for a in n %}{{ t }}{% endfor %}"),
    ("replace at the longest text", "{{ ('ab' * 1000) | replace('a', 'a' * 990) | first }}"),
])
def test_templates_at_their_bound_render(label, template):
    env = sandbox.environment()
    context = {"n": list(range(int(sandbox.MAX_ITERATIONS ** 0.5) - 1 if "loops" in label else 100))}
    _measure(label, lambda: sandbox.render(env, template, context))


def test_zz_print_the_figures():
    """The figures, beside a real page (the programme, chart and tables) read
    the same way: its Jinja, Markdown and rewrite."""
    page = pages.read_page(ROOT / "docs" / "programme.md")
    site = data.SiteData(ROOT / "docs" / "data")

    def real():
        body = render.render_page(page.body, page.meta, "ar", page.path, "docs/programme.md", site,
                                  ROOT / "overrides" / "components", ROOT / "docs")
        return html.rewrite(RENDER(body), "ar", "https://x/")

    _measure("a real page: docs/programme.md", real)
    print("\nworst accepted case of each bound (time, peak Python memory):")
    for label, seconds, peak in sorted(FIGURES, key=lambda f: -f[1]):
        print(f"  {label:<40} {seconds:7.3f} s {peak:8.1f} MB")
    assert FIGURES
