"""Jinja for text that anyone may have written: page Markdown and data text.

A page's Markdown is a Jinja template, and anyone can open a pull request
that changes it. A plain `jinja2.Environment` lets such a template walk from
any object to Python itself (`{{ cycler.__init__.__globals__.os.popen(…) }}`
ran a shell command during the build). This module makes the environment
the pages are rendered in:

- Jinja's own ImmutableSandboxedEnvironment: no attribute that starts with
  `_`, no function internals, no method that changes a list or a dict;
- no globals but those given (not Jinja's `range`, `lipsum`, `cycler`,
  `joiner`, `namespace`, `dict`), and only the filters and tests listed
  here plus those given (not `safe`, `urlize`, `xmlattr`, `tojson`…);
- autoescape on: what an expression prints is escaped unless a site filter
  or component marks it as markup, so `{{ '<scr' ~ 'ipt>' }}` prints text;
- `include`/`import` only of files directly in the components folder, never
  through a link;
- bounded work: integers, repetitions and ranges are capped, every call
  counts against a budget, every loop's turns against another, the text
  a filter, a macro or the page makes against a size (measured before it
  is made: a list repeated by reference costs nothing until it is joined),
  recursion is refused as such, and `render` stops after a few seconds.

Anything refused is a `jinja2.exceptions.SecurityError` (a TemplateError),
which `problem()` turns into `file:line: what is wrong — how to fix it`.
"""

from __future__ import annotations

import re
import signal
import threading
import traceback
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from moussalaha.gate import disguise
from moussalaha.problems import Problem, line_at

# Builtin filters a page may use (those the pages and components use, and a
# few harmless ones). Left out on purpose: safe (prints markup unescaped),
# urlize, xmlattr, tojson (make markup), center/indent/wordwrap/format
# (unbounded output), attr, pprint.
BUILTIN_FILTERS = {
    "abs", "capitalize", "count", "d", "default", "e", "escape", "first", "float", "int", "join", "last",
    "length", "list", "lower", "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round",
    "select", "selectattr", "sort", "string", "sum", "title", "trim", "unique", "upper",
}
BUILTIN_TESTS = {
    "boolean", "defined", "divisibleby", "eq", "equalto", "even", "false", "ge", "gt", "in", "integer", "le",
    "lower", "lt", "ne", "none", "number", "odd", "sequence", "string", "true", "undefined", "upper",
}
# No text or list in a page needs more elements than this.
MAX_SIZE = 100_000
# Calls (macros, filters, methods) in one render: far more than the site's pages make.
MAX_CALLS = 5_000
MAX_SECONDS = 5
# Python refuses to print an integer of more digits (sys.get_int_max_str_digits).
MAX_DIGITS = 4300
# Turns of every loop of one render: far more than the site's largest page makes.
MAX_ITERATIONS = 100_000
# Characters one render, macro or filter may make: far more than the largest page makes.
MAX_OUTPUT = 2_000_000


class ComponentLoader(jinja2.BaseLoader):
    """Templates directly in one folder, never through a link, never a path."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()

    def get_source(self, environment, template):
        if "/" in template or "\\" in template or template.startswith(".") or not template:
            raise jinja2.TemplateNotFound(template)
        path = self.folder / template
        if path.is_symlink() or not path.is_file() or path.resolve().parent != self.folder:
            raise jinja2.TemplateNotFound(template)
        text = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime_ns
        return text, str(path), lambda: path.exists() and path.stat().st_mtime_ns == mtime

    def list_templates(self):
        return sorted(p.name for p in self.folder.iterdir() if p.is_file() and not p.is_symlink())


class CompiledTemplates(jinja2.BytecodeCache):
    """Templates' compiled code, kept in memory for the next environment that
    loads them (Jinja's bytecode cache). Its key is the template's name and
    file, not the environment's settings: share one only between
    environments made alike. A template whose text changed is compiled
    again (Jinja checks the text's checksum)."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _size(value, limit: int = MAX_OUTPUT) -> int:
    """The characters and items `value` holds, counted through nested lists
    and mappings (each reference counted, as `join` or printing would), up
    to a little over `limit`: the cost of a repeated list is found without
    building it."""
    total, stack = 0, [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item)
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item)
            stack.extend(item.values())
        else:
            total += 1
    return total


def _bounded(value):
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
        raise SecurityError(f"the number {value} is larger than a page may use ({MAX_SIZE})")
    if isinstance(value, (str, list, tuple)) and (len(value) > MAX_SIZE * 10 or
                                                  not isinstance(value, str) and _size(value) > MAX_OUTPUT):
        raise SecurityError("this text or list is longer than a page may make")
    return value


def _too_long(what: str) -> SecurityError:
    return SecurityError(f"{what} would make a text or list longer than a page may make ({MAX_OUTPUT} characters)")


def bounded_filter(name: str, function: Callable) -> Callable:
    """A filter whose input and output are held to the page's sizes;
    `replace`, `fill` (present.fill), `join` and `sum` are measured before
    they run, since what they build can be far larger than what they are given."""
    def bounded(*args, **kwargs):
        values = [a for a in (*args, *kwargs.values()) if not isinstance(a, jinja2.nodes.EvalContext)]
        if sum(_size(v) for v in values) > MAX_OUTPUT:
            raise _too_long(f"the filter {name}")
        if name == "replace":
            text, old, new = (str(v) for v in values[:3])
            occurrences = text.count(old) if old else len(text) + 1
            if len(text) + occurrences * max(0, len(new) - len(old)) > MAX_OUTPUT:
                raise _too_long("the filter replace")
        if name == "fill":
            text = str(values[0])
            grown = sum(text.count("{" + blank + "}") * len(str(value)) for blank, value in kwargs.items())
            if len(text) + grown > MAX_OUTPUT:
                raise _too_long("the filter fill")
        return _bounded(function(*args, **kwargs))
    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    return bounded


class PageSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with bounded arithmetic and a budget of calls."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    intercepted_unops = frozenset()

    # Compiled texts kept: the pages of the three languages, and a few more.
    KEEP_COMPILED = 512

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls = 0
        self.iterations = 0
        self.compiled: dict[str, object] = {}

    def template(self, text: str) -> jinja2.Template:
        """`text` as a template, compiled once per text: the preview renders
        every page again on each save, and compiling took most of the time.
        The code is the same for the same text; the template is made from it
        each time, so it sees the environment's current globals and filters."""
        code = self.compiled.pop(text, None)
        if code is None:
            code = self.compile(text)
        self.compiled[text] = code  # the newest last: the oldest are forgotten first
        while len(self.compiled) > self.KEEP_COMPILED:
            del self.compiled[next(iter(self.compiled))]
        return self.template_class.from_code(self, code, self.make_globals(None))

    def call_binop(self, context, operator_name, left, right):
        if operator_name == "**":
            _bounded(left), _bounded(right)
            if isinstance(right, int) and right > 64:
                raise SecurityError("a power this large is not something a page computes")
        if operator_name == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, (str, list, tuple)) and isinstance(b, int) and max(len(a), _size(a)) * b > MAX_SIZE:
                    raise SecurityError("repeating text or a list this many times is not something a page does")
        if operator_name == "%" and isinstance(left, str):
            raise SecurityError("the % operator on text is not available in pages; write the text out")
        if operator_name == "+" and _size(left) + _size(right) > MAX_OUTPUT:
            raise _too_long("this sum")
        return _bounded(super().call_binop(context, operator_name, left, right))

    def concat(self, pieces) -> str:
        """What a page, a macro or a block makes, measured as it is made."""
        kept, total = [], 0
        for piece in pieces:
            total += len(piece)
            if total > MAX_OUTPUT:
                raise _too_long("this page, macro or block")
            kept.append(piece)
        return "".join(kept)

    def loop_budget(self, iterable):
        """Each loop's items, counted against the render's budget of turns
        (every `{% for %}` goes through here: `_parse` wraps its iterable)."""
        for item in iterable:
            self.iterations += 1
            if self.iterations > MAX_ITERATIONS:
                raise SecurityError(f"the loops of this page turn more than {MAX_ITERATIONS} times")
            yield item

    def _parse(self, source, name, filename):
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(jinja2.nodes.For):
            loop.iter = jinja2.nodes.Call(jinja2.nodes.EnvironmentAttribute("loop_budget", lineno=loop.lineno),
                                          [loop.iter], [], None, None, lineno=loop.lineno)
        return tree

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's signature)
        if getattr(__obj, "__func__", None) is PageSandbox.loop_budget:
            # A loop's start (see _parse): its turns have their own budget.
            return __obj(*args)
        __self.calls += 1
        if __self.calls > MAX_CALLS:
            raise SecurityError(f"this page calls more than {MAX_CALLS} functions or macros")
        for value in (*args, *kwargs.values()):
            _bounded(value)
        return _bounded(super().call(__context, __obj, *args, **kwargs))


def _range(*args):
    for value in args:
        _bounded(value)
    result = range(*args)
    if len(result) > MAX_SIZE:
        raise SecurityError(f"range() of more than {MAX_SIZE} numbers")
    return result


def environment(components: Path | None = None, filters: Mapping[str, Callable] | None = None,
                globals: Mapping[str, object] | None = None, tests: Mapping[str, Callable] | None = None,
                autoescape: bool = True) -> PageSandbox:
    """The environment page Markdown and data text are rendered in: the
    components of `components` (overrides/components/), the given filters,
    globals and tests, and nothing else of Python."""
    env = PageSandbox(
        loader=ComponentLoader(components) if components else None,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        extensions=[],
    )
    env.filters = {name: bounded_filter(name, f) for name, f in env.filters.items() if name in BUILTIN_FILTERS} \
        | dict(filters or {})
    env.tests = {name: t for name, t in env.tests.items() if name in BUILTIN_TESTS} | dict(tests or {})
    env.globals = {"range": _range} | dict(globals or {})
    return env


class _Timeout(SecurityError):
    pass


@contextmanager
def _deadline(seconds: float):
    """Stop a render that runs longer than `seconds` (main thread only:
    signals reach no other; elsewhere the call budget still holds)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(signum, frame):
        raise _Timeout(f"the page took more than {seconds} seconds to render")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(env: PageSandbox, text: str, context: Mapping[str, object], seconds: float = MAX_SECONDS) -> str:
    """`text` rendered as a template in `env`, with the page's budget.
    Work Python itself refuses (recursion, a number of thousands of digits,
    memory) is refused as the sandbox's own refusals are."""
    env.calls = 0
    env.iterations = 0
    try:
        with _deadline(seconds):
            return env.template(text).render(context)
    except RecursionError as error:
        # With the recursion's own traceback: its frames name the macro's line.
        raise SecurityError("macros call each other too deep (a macro that calls itself without end?)"
                            ).with_traceback(error.__traceback__) from None
    except MemoryError as error:
        raise _too_long("this page").with_traceback(error.__traceback__) from None
    except ValueError as error:
        if "digits" in str(error):
            raise SecurityError(f"a number of more than {MAX_DIGITS} digits").with_traceback(error.__traceback__) \
                from None
        raise


RAW_BLOCK = re.compile(r"\{%-?\s*raw\s*-?%\}")
# An attribute list an expression would print into the page, where the
# build reads it as Markdown (links it prints are checked as published).
PRINTED_ATTRIBUTES = re.compile(r"\{\s*:|\{\s*[#.][A-Za-z]")


def check_template(env: PageSandbox, text: str, display: str, line_offset: int = 0) -> list[Problem]:
    """Markup written inside template expressions: `{{ '<scr' ~ 'ipt>' }}`
    would print as text once escaped, but it is never what an editor means,
    and the checks of HTML, which read the page without its expressions,
    cannot see it. Refused with the line, as are attribute lists in an
    expression's text, disguising characters written
    as string escapes (`"\\u200b"`), and `{% raw %}` blocks, whose text the
    checks would read as a template and the build prints as it is."""
    problems = [Problem(display, line_at(text, m.start()) + line_offset,
                        "a {% raw %} block: the build prints its text as it is, unchecked",
                        "remove {% raw %} and {% endraw %}: pages have no need of them")
                for m in RAW_BLOCK.finditer(text)]
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as error:
        return problems + [problem(error, display, line_offset)]
    except (RecursionError, ValueError) as error:
        # Brackets nested hundreds deep, or a number of thousands of digits.
        what = (f"a number of more than {MAX_DIGITS} digits" if "digits" in str(error) else
                "expressions nested too deep")
        long_number = re.search(r"\d{%d,}" % (MAX_DIGITS + 1), text)
        line = line_at(text, long_number.start()) if long_number else 1
        return problems + [Problem(display, line + line_offset, f"this page's template cannot be read: {what}",
                                   "write the figure or the expression as the site's pages do: "
                                   "{{ agreement.date | day }}")]
    for node in tree.find_all(jinja2.nodes.Const):
        if not isinstance(node.value, str):
            continue
        line = node.lineno + line_offset
        if "<" in node.value or ">" in node.value:
            problems.append(Problem(display, line, "a template expression writes HTML (a text with < or > in it)",
                                    "write HTML, if the page needs it, in the page itself, where the site checks it; "
                                    "expressions only print the site's data"))
        if PRINTED_ATTRIBUTES.search(node.value):
            problems.append(Problem(display, line, "a template expression writes a Markdown attribute list",
                                    "write it in the page itself, where the site checks it; expressions only print "
                                    "the site's data"))
        problems += disguise.check_text(node.value, display, line)
    return problems


def template_line(error: BaseException) -> int:
    """The line of the page's own template an error is on: syntax errors
    carry it, render errors only in their traceback."""
    if getattr(error, "lineno", None):
        return error.lineno
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames else 1


def problem(error: BaseException, display: str, line_offset: int = 0, names: list[str] | None = None) -> Problem:
    """A Jinja error in a page as `file:line: what is wrong — how to fix it`;
    `line_offset` is the number of lines before the template in the file
    (the front matter)."""
    line = template_line(error) + line_offset
    message = (getattr(error, "message", None) or str(error)).rstrip(".")
    if isinstance(error, SecurityError):
        return Problem(display, line, f"this template expression is refused: {message}",
                       "pages may only print the site's data, with its filters: write {{ agreement.date | day }} "
                       "or {% include \"signatories.html\" %}")
    if isinstance(error, jinja2.TemplateNotFound):
        return Problem(display, line, f"there is no component «{error.name}»",
                       "include one of the files of overrides/components/ by its name alone")
    available = f"names available in pages: {', '.join(sorted(names))} (see docs/data/)" if names else \
        "check the spelling against docs/data/"
    return Problem(display, line, f"{message}", available)

