"""Read a YAML file that anyone may have changed in a pull request.

PyYAML's safe loader still expands anchors and aliases (a "billion laughs"
file of a few hundred bytes holds gigabytes once expanded) and keeps the
last of two equal keys without a word (a second `date:` silently re-dates a
reported figure). This loader:

- refuses a file over `max_bytes` before reading a byte of it;
- refuses anchors (`&name`) and aliases (`*name`) as the composer meets
  them, before anything is expanded;
- refuses a key given twice in one mapping, naming both lines;
- refuses nesting deeper than `MAX_DEPTH`, keys that are not plain text,
  and numbers of more than `MAX_DIGITS` digits;
- returns the data with its node tree, so that any location
  (`("milestones", 3, "date")`) can be turned back into the line an editor wrote.

libyaml (PyYAML's C parser) reads a file that is well formed, twenty times
faster than the Python parser; a file it refuses is read again by the Python
parser, whose messages are the ones editors see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from moussalaha.problems import Problem, Problems

# The largest data file is a few tens of KB; a file this size is a mistake or an attack.
MAX_BYTES = 256 * 1024
# The data nests five or six levels; hundreds of levels only serve to exhaust the stack.
MAX_DEPTH = 40
# No figure of the site has more digits (Python itself refuses to read an
# integer of more than 4300, with a traceback).
MAX_DIGITS = 20
NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
# libyaml's loader, for files the gate has already read (their line numbers
# only); the pure-Python one where PyYAML was built without libyaml.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(yaml.SafeLoader):
    """The safe loader, without anchors, aliases or deep nesting."""

    def __init__(self, stream, display: str):
        super().__init__(stream)
        self.display = display
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            _refuse(self.peek_event(), self.depth, self.display)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            # A date written as one, that no calendar has (2023-13-45, 2023-02-30).
            raise Problems([Problem(self.display, node.start_mark.line + 1, f"«{node.value}» is not a date that exists",
                                    "write the date as year-month-day, such as 2025-12-10, and check the month and day")
                            ]) from None


# The loader's own table (PyYAML copies it for the subclass): SafeLoader is unchanged.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _refuse(event: yaml.Event, depth: int, display: str) -> None:
    """Refuse an anchor or an alias, or a node `depth` levels deep beyond
    MAX_DEPTH: the refusals of both readers below."""
    line = event.start_mark.line + 1
    if isinstance(event, yaml.AliasEvent):
        raise Problems([Problem(display, line, f"`*{event.anchor}` repeats another part of the file (a YAML alias)",
                               "write the value out in full: the site's data uses no anchors (&) or aliases (*)")])
    if getattr(event, "anchor", None):
        raise Problems([Problem(display, line, f"`&{event.anchor}` names a part of the file to repeat (a YAML anchor)",
                               "remove the `&` and its name: the site's data uses no anchors (&) or aliases (*)")])
    if depth > MAX_DEPTH:
        raise Problems([Problem(display, line, f"the data is nested more than {MAX_DEPTH} levels deep",
                               "check the indentation and the brackets: the site's data nests a few levels only")])


def _refuse_repetition_and_depth(events, display: str) -> None:
    """The `_Loader`'s refusals, on libyaml's events, before anything is
    composed: a node's depth is that of the collections open around it."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.NodeEvent):
            _refuse(event, depth + 1, display)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _compose_fast(text: str, display: str) -> yaml.Node | None | bool:
    """The node tree, composed by libyaml; False when libyaml refuses the
    text (the Python parser then says why, in its own words)."""
    if FAST_LOADER is yaml.SafeLoader:
        return False
    try:
        _refuse_repetition_and_depth(yaml.parse(text, Loader=FAST_LOADER), display)
        return yaml.compose(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return False


@dataclass
class Document:
    """A loaded YAML file: its data, its node tree and where each part is."""

    path: str
    data: Any
    node: yaml.Node | None

    def line(self, location: tuple = ()) -> int:
        """The 1-based line of the value at `location` (keys and list
        indexes): the line of its key in a mapping, of its item in a list;
        where the location does not exist, the line of its deepest part that
        does (a missing field: the line of the entry that lacks it)."""
        node, line = self.node, 1
        for key in location:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == key), None)
                node = pair[1] if pair else None
                if pair:
                    line = pair[0].start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line


def walk_nodes(node: yaml.Node | None, keys: bool = False,
               into: Callable[[yaml.Node], bool] | None = None) -> Iterator[yaml.Node]:
    """Every node of the tree under `node`, itself first, in the file's
    order: a mapping's values (with `keys`, each key before its value), a
    list's items. Where `into(node)` is false, the walk does not go under
    that node."""
    stack = [node] if node is not None else []
    while stack:
        node = stack.pop()
        yield node
        if into is not None and not into(node):
            continue
        if isinstance(node, yaml.MappingNode):
            stack += reversed([part for key, value in node.value for part in ((key, value) if keys else (value,))])
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)


def _mapping_problems(root: yaml.Node | None, display: str) -> list[Problem]:
    """Keys given twice (both lines named) and keys that are not plain text."""
    problems = []
    for node in walk_nodes(root, keys=True):
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1
                if not isinstance(key, yaml.ScalarNode):
                    problems.append(Problem(display, line, "a key here is a list or a mapping, not a word",
                                            "write each key as a plain word followed by a colon, such as `date:`"))
                elif key.value in seen:
                    problems.append(Problem(display, line, f"`{key.value}:` is given twice in the same entry, on line "
                                                           f"{seen[key.value]} and on line {line}",
                                            "keep one of them: with both, the site would silently use the second"))
                else:
                    seen[key.value] = line
        elif isinstance(node, yaml.ScalarNode) and node.tag in NUMBER_TAGS and sum(c.isdigit() for c in node.value) > MAX_DIGITS:
            problems.append(Problem(display, node.start_mark.line + 1,
                                    f"a number of {sum(c.isdigit() for c in node.value)} digits: more than the "
                                    f"{MAX_DIGITS} digits of any figure the site reports",
                                    "check the figure; write it in digits as the source gives it"))
    return problems


def load(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """The data of the YAML file `path`, or Problems with every problem.
    `display` is the name printed in messages (docs/data/programme.yml)."""
    display = display or str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise Problems([Problem(display, 1, f"this file weighs {-(-size // 1024)} KB, more than the {max_bytes // 1024} KB "
                                           "a data file may weigh", "split it, or remove what the site does not need")])
    if path.is_symlink():
        raise Problems([Problem(display, 1, "this file is a link to another file",
                               "put the file itself here: the site reads only its own files")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise Problems([Problem(display, line, "this line is not UTF-8 text",
                               "save the file as UTF-8 (the default of most editors)")]) from None
    return loads(text, display)


def loads(text: str, display: str = "<data>") -> Document:
    """The data of the YAML `text`, or Problems with every problem."""
    try:
        # The reader refuses control characters as soon as it is made.
        loader = _Loader(text, display)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise Problems([Problem(display, line, f"an invisible control character (U+{error.character:04X}) is in the text",
                               "delete it: retype the text around it")]) from None
    try:
        node = _compose_fast(text, display)
        if node is False:
            node = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        what = getattr(error, "problem", None) or str(error)
        raise Problems([Problem(display, mark.line + 1 if mark else 1, f"this is not valid YAML ({what})",
                               "check the indentation, and put text that contains `: ` or ` #` in quotes")]) from None
    except RecursionError:
        raise Problems([Problem(display, 1, "the data is nested too deep to read",
                               "check the indentation and the brackets")]) from None
    finally:
        loader.dispose()
    problems = _mapping_problems(node, display)
    if problems:
        raise Problems(problems)
    try:
        data = _Loader(text, display).construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Problems([Problem(display, mark.line + 1 if mark else 1, f"this value cannot be read ({error})",
                               "write it as plain text, a number or a date such as 2025-12-10")]) from None
    return Document(display, data, node)
