"""Page Markdown is rendered in Jinja's sandbox: the known ways from a
template to Python are refused, output is escaped, work is bounded."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from moussalaha.build import Build
from moussalaha.content import render as page_render
from moussalaha.gate import sandbox

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "overrides" / "components"


class Record:
    """A data object with a method, as pydantic models and hooks' helpers have."""

    def __init__(self):
        self.name = "Moussalaha"

    def describe(self):
        return self.name


@pytest.fixture
def env():
    return sandbox.environment(
        COMPONENTS,
        filters={"day": lambda d: d.strftime("%d/%m/%Y"), "ordinal": lambda n: Markup(f"{n}<sup>e</sup>")},
        globals={"milestone_event": lambda m: "x"},
    )


CONTEXT = {"agreement": {"date": dt.date(2023, 11, 2), "place": "الرباط"}, "record": Record(),
           "news": [{"id": "a", "title": "T"}], "lang": "fr"}


def render(env, text):
    return sandbox.render(env, text, CONTEXT)


def test_the_site_data_and_filters_still_work(env):
    assert render(env, "Le {{ agreement.date | day }} à {{ agreement.place }}, {{ 13 | ordinal }}") == \
        "Le 02/11/2023 à الرباط, 13<sup>e</sup>"
    assert render(env, '{% set n = news | selectattr("id", "equalto", "a") | first %}{{ n.title }} '
                       "{{ news | length }}{% for x in news %}{{ loop.index }}{% endfor %}") == "T 11"


ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ''.__class__ }}",
    "{{ record.__class__.__init__.__globals__ }}",
    "{{ record.describe.__globals__ }}",
    "{{ record.describe.__func__ }}",
    "{{ record.__dict__ }}",
    "{{ agreement.__class__ }}",
    "{{ agreement.items.__self__ }}",
    "{{ cycler.__init__.__globals__.os.popen('touch /tmp/pwned').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ config.__class__.__init__.__globals__ }}",
    "{{ request.application.__globals__ }}",
    "{{ range.__self__ }}",
    "{{ milestone_event.__globals__ }}",
    "{{ milestone_event.__code__ }}",
    "{{ '{0.__class__}'.format(agreement) }}",
    "{{ agreement.update({'place': 'x'}) }}",
    "{{ news.append(1) }}",
    "{{ news.pop() }}",
    "{% set x = news.__setitem__(0, 1) %}",
    "{{ range(10**9) | list }}",
    "{{ range(999999999) | length }}",
    "{{ 'x' * 10**8 }}",
    "{{ 9**9**9 }}",
    "{{ news * 10000000 }}",
    "{{ '%999999999d' % 1 }}",
    "{{ 'x'.ljust(10**8) }}",
    "{{ '<b>' | safe }}",
    "{{ 'https://x' | urlize }}",
    "{{ {'a': 1} | xmlattr }}",
    "{{ 'x' | center(1000000000) }}",
    "{% include '../../mkdocs.yml' %}",
    "{% include '/etc/passwd' %}",
    "{% include 'components/../../../mkdocs.yml' %}",
    "{% extends 'main.html' %}",
    "{% import '../main.html' as m %}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(30) }}",
    "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("template", ESCAPES)
def test_known_escapes_are_refused(env, template, tmp_path):
    marker = Path("/tmp/pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises((jinja2.TemplateError, RecursionError)):
        render(env, template)
    assert not marker.exists()


def test_security_errors_are_security_errors(env):
    for template in ["{{ ''.__class__ }}", "{{ agreement.update({}) }}", "{{ range(10**9) }}", "{{ 'x' * 10**8 }}"]:
        with pytest.raises(sandbox.SecurityError):
            render(env, template)


def test_expressions_cannot_assemble_markup(env):
    assert render(env, "{{ '<scr' ~ 'ipt>alert(1)</scr' ~ 'ipt>' }}") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert render(env, "{{ news[0].title ~ '<img src=x onerror=alert(1)>' }}") == "T&lt;img src=x onerror=alert(1)&gt;"


def test_data_text_is_escaped():
    env = sandbox.environment()
    assert sandbox.render(env, "{{ t }}", {"t": "<script>alert(1)</script>"}) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_only_given_globals(env):
    assert set(env.globals) == {"range", "milestone_event"}
    assert "safe" not in env.filters and "day" in env.filters


def test_components_still_include(env):
    out = sandbox.render(env, '{% from "cite.html" import sources_label with context %}ok', {"ui": {}})
    assert out == "ok"


def test_component_through_a_link_is_refused(tmp_path):
    (tmp_path / "secret.txt").write_text("secret")
    components = tmp_path / "components"
    components.mkdir()
    (components / "leak.html").symlink_to(tmp_path / "secret.txt")
    env = sandbox.environment(components)
    with pytest.raises(jinja2.TemplateNotFound):
        sandbox.render(env, '{% include "leak.html" %}', {})


def test_render_stops_after_its_deadline(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_ITERATIONS", 10 ** 12)  # the deadline alone
    env = sandbox.environment()
    loops = "{% for a in n %}" * 8 + "{% endfor %}" * 8  # no output: the size bound does not stop it
    with pytest.raises(sandbox.SecurityError, match="seconds"):
        sandbox.render(env, loops, {"n": list(range(30))}, seconds=0.5)


def test_problem_names_the_page_line(env):
    text = "Ligne 1\nLigne 2\n{{ cycler }}\n"
    with pytest.raises(jinja2.TemplateError) as caught:
        render(env, text)
    problem = sandbox.problem(caught.value, "docs/centre.fr.md", line_offset=4, names=sorted(CONTEXT))
    assert str(problem).startswith("docs/centre.fr.md:7: 'cycler' is undefined — names available in pages: agreement")
    with pytest.raises(jinja2.TemplateError) as caught:
        render(env, "a\n{{ ''.__class__ }}")
    problem = sandbox.problem(caught.value, "docs/centre.fr.md")
    assert str(problem).startswith("docs/centre.fr.md:2: this template expression is refused")


def test_markup_in_template_expressions_is_refused(env):
    text = "Ligne\n{{ '<scr' ~ 'ipt>alert(1)</scr' ~ 'ipt>' }}\n{% set x = '<img src=x>' %}\n{{ 1 < 2 }}\n"
    problems = [str(p) for p in sandbox.check_template(env, text, "docs/centre.fr.md", line_offset=5)]
    assert [p.split(" a template")[0] for p in problems] == ["docs/centre.fr.md:7:", "docs/centre.fr.md:7:",
                                                           "docs/centre.fr.md:7:", "docs/centre.fr.md:8:"]
    assert sandbox.check_template(env, "{{ agreement.date | day }} {% include 'levels.html' %}", "x") == []


def test_the_site_pages_have_no_markup_in_expressions(env):
    for path in sorted((ROOT / "docs").glob("*.md")):
        assert sandbox.check_template(env, path.read_text(encoding="utf-8"), path.name) == [], path.name


def test_a_text_compiled_once_renders_with_the_current_context_and_globals(tmp_path):
    env = sandbox.environment(tmp_path, globals={"greeting": lambda: "hello"})
    text = "{{ greeting() }} {{ name }}"
    assert sandbox.render(env, text, {"name": "one"}) == "hello one"
    env.globals["greeting"] = lambda: "salam"
    assert sandbox.render(env, text, {"name": "two"}) == "salam two"
    assert len(env.compiled) == 1
    for number in range(env.KEEP_COMPILED + 5):
        sandbox.render(env, f"{number}", {})
    assert len(env.compiled) == env.KEEP_COMPILED and text not in env.compiled
    with pytest.raises(jinja2.TemplateSyntaxError):
        sandbox.render(env, "{{ broken", {})
    assert "{{ broken" not in env.compiled


def test_the_languages_share_compiled_components_and_see_a_component_saved_anew(tmp_path):
    """The three languages' sandboxes share each component's compiled code
    (moussalaha/content/render.py); a component saved with new text renders it."""
    (tmp_path / "part.md").write_text("{{ 6 * 7 }} one")
    envs = [page_render.jinja_environment(lang, tmp_path) for lang in ("ar", "fr", "en")]
    assert [sandbox.render(env, '{% include "part.md" %}', {}) for env in envs] == ["42 one"] * 3
    (tmp_path / "part.md").write_text("{{ 6 * 7 }} two")
    os.utime(tmp_path / "part.md", ns=(1, 1))  # another time than the first text's, as a save gives
    assert [sandbox.render(env, '{% include "part.md" %}', {}) for env in envs] == ["42 two"] * 3


def test_the_theme_environments_share_compiled_templates_and_see_one_saved_anew(tmp_path):
    """Each build's theme environment (MkDocs makes one per language and per
    rebuild) gets the compiled templates of the last (build.py); a template
    saved with new text renders it."""
    build = Build()

    def theme_env() -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(tmp_path)]))
        build.share_compiled_templates(env)
        return env

    (tmp_path / "main.html").write_text("one")
    assert [theme_env().get_template("main.html").render() for _ in range(2)] == ["one", "one"]
    (tmp_path / "main.html").write_text("two")
    assert theme_env().get_template("main.html").render() == "two"


@pytest.mark.parametrize("template, wanted", [
    # Nested loops: each turn counts against the render's budget.
    ("{% for a in n %}{% for b in n %}{% for c in n %}{% for d in n %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
     "loops of this page turn more than"),
    # Filters measured before they build: replace, join over references to one long text.
    ("{{ ('ab' * 50000) | replace('a', 'a' * 50000) }}", "the filter replace"),
    ("{% set t = 'x' * 99999 %}{{ [t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t, t] | join }}",
     "the filter join"),
    # A loop that prints a long text each turn: the page's text measured as it is made.
    ("{% set t = 'x' * 99999 %}{% for a in n %}{{ t }}{% endfor %}", "this page, macro or block"),
    ("{% macro m() %}{% set t = 'x' * 99999 %}{% for a in n %}{{ t }}{% endfor %}{% endmacro %}{{ m() | length }}",
     "this page, macro or block"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "too deep"),
])
def test_every_step_is_bounded(template, wanted):
    env = sandbox.environment()
    with pytest.raises(sandbox.SecurityError, match=wanted):
        sandbox.render(env, template, {"n": list(range(100))})


def test_the_pages_fill_filter_keeps_markup_escapes_text_and_is_bounded():
    env = page_render.jinja_environment("fr", COMPONENTS)
    assert sandbox.render(env, "{{ 'la {e} & {n}' | fill(n='<b>', e=13 | ordinal) }}", {}) == \
        "la 13<sup>e</sup> &amp; &lt;b&gt;"
    assert sandbox.render(env, "{{ '{n} & {n}' | fill(n=2) }}", {}) == "2 &amp; 2"
    with pytest.raises(sandbox.SecurityError, match="the filter fill"):
        sandbox.render(env, "{{ ('{n}' * 30000) | fill(n='x' * 100) }}", {})


def test_a_number_of_thousands_of_digits_is_a_problem_not_a_traceback():
    env = sandbox.environment()
    found = sandbox.check_template(env, "a\n\n{{ " + "9" * 5000 + " }}", "docs/centre.fr.md", line_offset=4)
    assert len(found) == 1
    assert str(found[0]).startswith("docs/centre.fr.md:7: this page's template cannot be read: a number of more than")
